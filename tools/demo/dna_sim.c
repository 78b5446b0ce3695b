/* The simulator: pedigrees by Mendelian inheritance with mutation from a
 * population's alleles, remains with drop-out and failed loci (dna_sim.h). */
#include "demo/dna_sim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/file.h"
#include "core/rng.h"

const char *const dna_sim_kind_names[SIM_KIND_COUNT + 1] = {
	"parents", "father", "mother", "sibling", "two_siblings", "father_sibling", "child",
	"child_partner", "two_children", "half_sibling", "grandparents", "uncle", "cousin", "self",
	"grandchild", "nephew", "cousin_spouse", "father_son", NULL,
};

/* How often each kind of family comes in the default mix (percent). */
static const double default_mix[SIM_KIND_COUNT] = {10, 8, 8, 12, 10, 10, 6, 6, 6, 6, 5, 5, 4, 4,
                                                   0, 0, 0, 0};

void dna_sim_defaults(dna_sim_opts *o, long missing, long remains, uint64_t seed)
{
	*o = (dna_sim_opts){.seed = seed, .missing = missing, .remains = remains, .unrelated = 0.1,
	                    .fragments = 0.02, .other_side = 0.03, .degraded = 0.3, .dropout = 0.1,
	                    .fail = 0.02, .fail_degraded = 0.2, .rate_pat = 0.002, .rate_mat = 0.0005,
	                    .side_unknown = 0.3};
}

const char *dna_sim_parse_kinds(dna_sim_opts *o, const char *text)
{
	double w[SIM_KIND_COUNT] = {0};
	for(const char *s = text; *s;) {
		size_t n = strcspn(s, ","), eq = strcspn(s, "=,");
		int k = 0;
		while(k < SIM_KIND_COUNT && (strlen(dna_sim_kind_names[k]) != eq ||
		                             strncmp(s, dna_sim_kind_names[k], eq)))
			k++;
		if(k == SIM_KIND_COUNT)
			return "unknown pedigree kind (parents, father, mother, sibling, two_siblings, "
			       "father_sibling, child, child_partner, two_children, half_sibling, grandparents, "
			       "uncle, cousin, self, grandchild, nephew, cousin_spouse, father_son)";
		double v = eq < n ? atof(s + eq + 1) : 1;
		if(!(v >= 0) || v > 1e6)
			return "a weight is a number from 0";
		w[k] = v;
		s += n + (s[n] == ',');
	}
	memcpy(o->weights, w, sizeof(w));
	return NULL;
}

typedef struct sim {
	dna_kit *k;
	const dna_sim_opts *o;
	rng r;
	arena *a;
	int nloci;
	int16_t **pool;           /* per locus: the population's alleles */
	int *npool;
} sim;

/* ---- people ------------------------------------------------------------------ */

static dna_geno *person_new(sim *s)
{
	dna_geno *g = arena_alloc(s->a, sizeof(dna_geno) * (size_t)(s->nloci ? s->nloci : 1));
	for(int l = 0; g && l < s->nloci; l++)
		g[l] = DNA_UNTYPED;
	return g;
}

static dna_geno sorted(int16_t a, int16_t b)
{
	return a <= b ? (dna_geno){a, b} : (dna_geno){b, a};
}

static dna_geno *founder(sim *s)
{
	dna_geno *g = person_new(s);
	for(int l = 0; g && l < s->nloci; l++)
		if(s->npool[l])
			g[l] = sorted(s->pool[l][rng_below(&s->r, (uint32_t)s->npool[l])],
			              s->pool[l][rng_below(&s->r, (uint32_t)s->npool[l])]);
	return g;
}

/* One repeat more or fewer, the extra bases kept. */
static int16_t mutate(sim *s, int l, int16_t allele, double rate)
{
	const dna_locus *L = &s->k->loci[l];
	if(!rng_chance(&s->r, rate) || L->repeats[allele] < 0)
		return allele;
	int rep = L->repeats[allele] + (rng_chance(&s->r, 0.5) ? 1 : -1);
	if(rep < 1 || rep > 999)
		return allele;
	char text[16];
	if(L->bases[allele])
		snprintf(text, sizeof(text), "%d.%d", rep, L->bases[allele]);
	else
		snprintf(text, sizeof(text), "%d", rep);
	int x = dna_kit_allele(s->k, l, text);
	return x >= 0 ? (int16_t)x : allele;
}

static dna_geno *child(sim *s, const dna_geno *father, const dna_geno *mother)
{
	dna_geno *g = person_new(s);
	for(int l = 0; g && l < s->nloci; l++) {
		if(!dna_typed(father[l]) || !dna_typed(mother[l]))
			continue;
		int16_t p = rng_chance(&s->r, 0.5) ? father[l].a : father[l].b;
		int16_t m = rng_chance(&s->r, 0.5) ? mother[l].a : mother[l].b;
		g[l] = sorted(mutate(s, l, p, s->o->rate_pat), mutate(s, l, m, s->o->rate_mat));
	}
	return g;
}

/* ---- families ----------------------------------------------------------------- */

typedef struct build {
	dna_geno *m;              /* the missing person */
	dna_geno *who[4];
	dna_rel rel[4];
	dna_side side[4];
	int n;
} build;

static void ref(build *b, dna_geno *g, dna_rel rel, dna_side side)
{
	b->who[b->n] = g;
	b->rel[b->n] = rel;
	b->side[b->n++] = side;
}

/* The missing person with a parent p (of the given side) and the other. */
static dna_geno *with_parent(sim *s, dna_geno *p, dna_side side)
{
	dna_geno *other = founder(s);
	return side == DNA_PATERNAL ? child(s, p, other) : child(s, other, p);
}

static void relatives(sim *s, dna_sim_kind kind, dna_sex sex, build *b)
{
	dna_side side = rng_chance(&s->r, 0.5) ? DNA_PATERNAL : DNA_MATERNAL;
	dna_geno *f = founder(s), *mo = founder(s), *g1, *g2, *p;
	b->m = child(s, f, mo);
	switch(kind) {
	case SIM_PARENTS: ref(b, f, DNA_FATHER, 0); ref(b, mo, DNA_MOTHER, 0); break;
	case SIM_FATHER: ref(b, f, DNA_FATHER, 0); break;
	case SIM_MOTHER: ref(b, mo, DNA_MOTHER, 0); break;
	case SIM_SIBLING: ref(b, child(s, f, mo), DNA_FULL_SIB, 0); break;
	case SIM_TWO_SIBLINGS:
		ref(b, child(s, f, mo), DNA_FULL_SIB, 0);
		ref(b, child(s, f, mo), DNA_FULL_SIB, 0);
		break;
	case SIM_FATHER_SIBLING: ref(b, f, DNA_FATHER, 0); ref(b, child(s, f, mo), DNA_FULL_SIB, 0); break;
	case SIM_CHILD:
	case SIM_CHILD_PARTNER:
	case SIM_TWO_CHILDREN:
		p = founder(s);
		for(int i = 0; i < 1 + (kind == SIM_TWO_CHILDREN); i++)
			ref(b, sex == DNA_FEMALE ? child(s, p, b->m) : child(s, b->m, p), DNA_CHILD, 0);
		if(kind == SIM_CHILD_PARTNER)
			ref(b, p, DNA_PARTNER, 0);
		break;
	case SIM_HALF_SIBLING:
		ref(b, side == DNA_PATERNAL ? child(s, f, founder(s)) : child(s, founder(s), mo),
		    DNA_HALF_SIB, side);
		break;
	case SIM_GRANDPARENTS:
	case SIM_UNCLE:
	case SIM_COUSIN:
		g1 = founder(s);
		g2 = founder(s);
		b->m = with_parent(s, child(s, g1, g2), side);
		if(kind == SIM_GRANDPARENTS) {
			ref(b, g1, DNA_GRANDPARENT, side);
			ref(b, g2, DNA_GRANDPARENT, side);
		} else {
			dna_geno *u = child(s, g1, g2);
			ref(b, kind == SIM_UNCLE ? u : child(s, u, founder(s)),
			    kind == SIM_UNCLE ? DNA_UNCLE : DNA_COUSIN, side);
		}
		break;
	default: /* SIM_SELF: a sample of the missing person's own */
		ref(b, b->m, DNA_SELF, 0);
		break;
	}
}

/* ---- pedigree kinds ------------------------------------------------------------ */

enum { PED_MAX = 8 };

typedef struct pedb {
	int n, fa[PED_MAX], mo[PED_MAX];
	dna_sex sex[PED_MAX];
	dna_geno *g[PED_MAX];
	bool typed[PED_MAX];
	int missing[2], nmissing;
} pedb;

/* Someone born to fa and mo (indices; -1 -1: a founder from the population). */
static int add(sim *s, pedb *p, int fa, int mo, dna_sex sex)
{
	int i = p->n++;
	p->fa[i] = fa;
	p->mo[i] = mo;
	p->sex[i] = sex;
	p->g[i] = fa < 0 ? founder(s) : child(s, p->g[fa], p->g[mo]);
	return i;
}

static dna_sex any_sex(sim *s)
{
	return rng_chance(&s->r, 0.5) ? DNA_MALE : DNA_FEMALE;
}

/* A child of x and a founder partner, whichever of the two is the father. */
static int child_of(sim *s, pedb *p, int x, dna_sex sex)
{
	int partner = add(s, p, -1, -1, p->sex[x] == DNA_MALE ? DNA_FEMALE : DNA_MALE);
	return p->sex[x] == DNA_MALE ? add(s, p, x, partner, sex) : add(s, p, partner, x, sex);
}

/* grandchild: M's child's child. nephew: M's sibling's child. cousin_spouse:
 * a first cousin with the cousin's other parent (the spouse of M's uncle or
 * aunt), who gives the phase. father_son: a father and his son both missing,
 * with the son's mother and a brother typed. */
static void pedigree_kind(sim *s, dna_sim_kind kind, dna_sex sex, pedb *p)
{
	int m, x, f, mo, u;
	switch(kind) {
	case SIM_GRANDCHILD:
		m = add(s, p, -1, -1, sex);
		x = child_of(s, p, m, any_sex(s));
		p->typed[child_of(s, p, x, any_sex(s))] = true;
		break;
	case SIM_NEPHEW:
		f = add(s, p, -1, -1, DNA_MALE);
		mo = add(s, p, -1, -1, DNA_FEMALE);
		m = add(s, p, f, mo, sex);
		x = add(s, p, f, mo, any_sex(s));
		p->typed[child_of(s, p, x, any_sex(s))] = true;
		break;
	case SIM_COUSIN_SPOUSE:
		f = add(s, p, -1, -1, DNA_MALE);
		mo = add(s, p, -1, -1, DNA_FEMALE);
		x = add(s, p, f, mo, any_sex(s));          /* M's parent on that side */
		u = add(s, p, f, mo, any_sex(s));          /* the uncle or aunt */
		m = child_of(s, p, x, sex);
		x = child_of(s, p, u, any_sex(s));         /* the cousin; the spouse just before */
		p->typed[x] = p->typed[x - 1] = true;
		break;
	default: /* SIM_FATHER_SON */
		m = add(s, p, -1, -1, DNA_MALE);
		mo = add(s, p, -1, -1, DNA_FEMALE);
		p->missing[p->nmissing++] = m;
		m = add(s, p, p->missing[0], mo, DNA_MALE);
		p->typed[mo] = p->typed[add(s, p, p->missing[0], mo, any_sex(s))] = true;
		break;
	}
	p->missing[p->nmissing++] = m;
}

static dna_profile *reference(sim *s, dna_sim *out, dna_geno *g)
{
	dna_profile *p = arena_calloc(s->a, 1, sizeof(*p));
	char id[32];
	snprintf(id, sizeof(id), "REF-%06zu", ++out->nrefs);
	if(p)
		*p = (dna_profile){.id = arena_strdup(s->a, id), .g = g};
	return p;
}

static dna_kin *kin_of(sim *s, dna_sim *out, size_t family, const pedb *p,
                       const char *const *person)
{
	arena *a = s->a;
	char id[32];
	snprintf(id, sizeof(id), "FAM-%06zu", family + 1);
	dna_kin *k = arena_calloc(a, 1, sizeof(*k));
	dna_pedigree *alt = arena_calloc(a, 1, sizeof(*alt));
	int *fa = arena_alloc(a, sizeof(int) * PED_MAX), *mo = arena_alloc(a, sizeof(int) * PED_MAX);
	int *missing = arena_alloc(a, sizeof(int) * 2);
	dna_sex *sex = arena_alloc(a, sizeof(dna_sex) * PED_MAX);
	const dna_profile **prof = arena_calloc(a, PED_MAX, sizeof(*prof));
	const char **who = arena_alloc(a, sizeof(char *) * 2);
	if(!k || !alt || !fa || !mo || !missing || !sex || !prof || !who)
		return NULL;
	for(int i = 0; i < p->n; i++) {
		fa[i] = p->fa[i];
		mo[i] = p->mo[i];
		sex[i] = p->sex[i];
		prof[i] = p->typed[i] ? reference(s, out, p->g[i]) : NULL;
	}
	for(int i = 0; i < p->nmissing; i++) {
		missing[i] = p->missing[i];
		who[i] = person[i];
	}
	*alt = (dna_pedigree){.ped = {p->n, fa, mo, sex}, .prof = prof, .weight = 1};
	*k = (dna_kin){.id = arena_strdup(a, id), .alt = alt, .nalt = 1, .nmissing = p->nmissing,
	               .missing = missing, .person = who};
	return k;
}

static dna_sim_kind pick_kind(sim *s, const double *w)
{
	double total = 0;
	for(int k = 0; k < SIM_KIND_COUNT; k++)
		total += w[k];
	double x = rng_unit(&s->r) * total;
	for(int k = 0; k < SIM_KIND_COUNT; k++) {
		if(x < w[k])
			return (dna_sim_kind)k;
		x -= w[k];
	}
	return SIM_SIBLING;
}

/* "P" and 16 characters of Crockford's base 32, from the simulator's stream. */
static char *person_id(sim *s)
{
	static const char digits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char *id = arena_alloc(s->a, 18);
	if(!id)
		return NULL;
	id[0] = 'P';
	for(int i = 1; i <= 16; i++)
		id[i] = digits[rng_below(&s->r, 32)];
	id[17] = '\0';
	return id;
}

static pl_rc person_add(sim *s, dna_sim *out, size_t family, int which, dna_sex sex,
                        dna_geno *g, dna_geno **missing)
{
	const char *id = person_id(s);
	if(!id)
		return PL_ENOMEM;
	missing[out->npersons] = g;
	out->persons[out->npersons++] = (dna_sim_person){id, sex, family, which};
	return PL_OK;
}

static pl_rc pedigree_family(sim *s, dna_sim *out, size_t i, dna_sim_kind kind, dna_sex sex,
                             dna_geno **missing)
{
	pedb p = {0};
	pedigree_kind(s, kind, sex, &p);
	const char *who[2];
	for(int m = 0; m < p.nmissing; m++) {
		int x = p.missing[m];
		if(person_add(s, out, i, m, p.sex[x], p.g[x], missing))
			return PL_ENOMEM;
		who[m] = out->persons[out->npersons - 1].id;
	}
	out->kin[i] = kin_of(s, out, i, &p, who);
	out->families[i] = (dna_family){.person = who[0], .sex = p.sex[p.missing[0]]};
	return out->kin[i] ? PL_OK : PL_ENOMEM;
}

static pl_rc relationship_family(sim *s, dna_sim *out, size_t i, dna_sim_kind kind, dna_sex sex,
                                 dna_geno **missing)
{
	build b = {0};
	relatives(s, kind, sex, &b);
	dna_family *f = &out->families[i];
	if(person_add(s, out, i, 0, sex, b.m, missing))
		return PL_ENOMEM;
	f->person = out->persons[out->npersons - 1].id;
	f->sex = sex;
	f->refs = arena_calloc(s->a, (size_t)b.n, sizeof(dna_ref));
	if(!f->refs)
		return PL_ENOMEM;
	for(int r = 0; r < b.n; r++) {
		dna_profile *p = reference(s, out, b.who[r]);
		if(!p)
			return PL_ENOMEM;
		bool told = !dna_rel_has_side(b.rel[r]) || !rng_chance(&s->r, s->o->side_unknown);
		f->refs[r] = (dna_ref){p, b.rel[r], told ? b.side[r] : DNA_SIDE_UNKNOWN};
	}
	f->nrefs = b.n;
	return PL_OK;
}

static pl_rc family(sim *s, dna_sim *out, size_t i, dna_geno **missing)
{
	const double *w = s->o->weights;
	bool any = false;
	for(int k = 0; k < SIM_KIND_COUNT; k++)
		any |= w[k] > 0;
	dna_sim_kind kind = pick_kind(s, any ? w : default_mix);
	dna_sex sex = rng_chance(&s->r, 0.9) ? DNA_MALE : DNA_FEMALE;
	pl_rc rc = dna_sim_kind_is_pedigree(kind) ? pedigree_family(s, out, i, kind, sex, missing)
	                                          : relationship_family(s, out, i, kind, sex, missing);
	out->kind[i] = kind;
	memcpy(out->party[i], rng_chance(&s->r, s->o->other_side) ? "RU" : "UA", 3);
	return rc;
}

/* ---- remains ------------------------------------------------------------------ */

static void remains_of(sim *s, const dna_geno *g, dna_profile *p)
{
	const dna_sim_opts *o = s->o;
	p->degraded = rng_chance(&s->r, o->degraded);
	p->g = person_new(s);
	for(int l = 0; p->g && l < s->nloci; l++) {
		if(!dna_typed(g[l]) || rng_chance(&s->r, p->degraded ? o->fail_degraded : o->fail))
			continue;
		bool lost_a = p->degraded && g[l].a != g[l].b && rng_chance(&s->r, o->dropout);
		bool lost_b = p->degraded && g[l].a != g[l].b && rng_chance(&s->r, o->dropout);
		if(lost_a && lost_b)
			continue;
		p->g[l] = lost_a ? (dna_geno){g[l].b, g[l].b} : lost_b ? (dna_geno){g[l].a, g[l].a} : g[l];
	}
}

static void shuffle(sim *s, long *x, size_t n)
{
	for(size_t i = n; i > 1; i--) {
		size_t j = rng_below(&s->r, (uint32_t)i);
		long t = x[i - 1];
		x[i - 1] = x[j];
		x[j] = t;
	}
}

static pl_rc make_remains(sim *s, dna_sim *out, dna_geno **missing)
{
	const dna_sim_opts *o = s->o;
	size_t n = (size_t)o->remains, nf = out->npersons;
	size_t from = (size_t)lround((double)n * (1 - o->unrelated - o->fragments));
	size_t frag = (size_t)lround((double)n * o->fragments);
	from = from > nf ? nf : from;
	frag = frag > from ? from : frag;
	long *order = malloc(sizeof(long) * (nf + n + 1)), *who = malloc(sizeof(long) * (n + 1));
	out->remains = arena_calloc(s->a, n ? n : 1, sizeof(dna_profile));
	out->truth = arena_calloc(s->a, n ? n : 1, sizeof(long));
	out->truth_person = arena_calloc(s->a, n ? n : 1, sizeof(long));
	if(!order || !who || !out->remains || !out->truth || !out->truth_person) {
		free(order);
		free(who);
		return PL_ENOMEM;
	}
	for(size_t i = 0; i < nf; i++)
		order[i] = (long)i;
	shuffle(s, order, nf);
	for(size_t i = 0; i < n; i++) /* a family, a second fragment of one, or nobody */
		who[i] = i < from ? order[i] : i < from + frag ? order[rng_below(&s->r, (uint32_t)from)] : -1;
	shuffle(s, who, n);
	for(size_t i = 0; i < n; i++) {
		dna_profile *p = &out->remains[i];
		char tag[48];
		snprintf(tag, sizeof(tag), "SIM-%llu-%05zu", (unsigned long long)o->seed, i + 1);
		p->id = arena_strdup(s->a, tag);
		out->truth_person[i] = who[i];
		out->truth[i] = who[i] >= 0 ? (long)out->persons[who[i]].family : -1;
		remains_of(s, who[i] >= 0 ? missing[who[i]] : founder(s), p);
	}
	out->nremains = n;
	free(order);
	free(who);
	return PL_OK;
}

/* ---- the run ------------------------------------------------------------------ */

static pl_rc pool_of(sim *s, const dna_rows *pool)
{
	s->pool = arena_calloc(s->a, (size_t)s->nloci + 1, sizeof(int16_t *));
	s->npool = arena_calloc(s->a, (size_t)s->nloci + 1, sizeof(int));
	if(!s->pool || !s->npool)
		return PL_ENOMEM;
	for(size_t pl = 0; pl < pool->nloci; pl++) {
		int l = dna_kit_locus(s->k, pool->locus[pl]);
		if(l < 0)
			continue;
		int16_t *al = arena_alloc(s->a, sizeof(int16_t) * 2 * (pool->n + 1));
		if(!al)
			return PL_ENOMEM;
		int n = 0;
		for(size_t r = 0; r < pool->n; r++) {
			const char *const *x = &pool->rows[r].allele[2 * pl];
			for(int i = 0; x[0] && i < 2; i++) {
				int a = dna_kit_allele(s->k, l, x[i] ? x[i] : x[0]);
				if(a >= 0)
					al[n++] = (int16_t)a;
			}
		}
		s->pool[l] = al;
		s->npool[l] = n;
	}
	return PL_OK;
}

pl_rc dna_sim_run(dna_kit *k, const dna_rows *pool, const dna_sim_opts *o, dna_sim *out,
                  pl_err *err)
{
	memset(out, 0, sizeof(*out));
	arena_init(&out->a, 1 << 20);
	sim s = {.k = k, .o = o, .a = &out->a, .nloci = k->nloci};
	rng_seed(&s.r, o->seed);
	size_t nf = o->missing > 0 ? (size_t)o->missing : 0;
	out->families = arena_calloc(&out->a, nf + 1, sizeof(dna_family));
	out->kin = arena_calloc(&out->a, nf + 1, sizeof(dna_kin *));
	out->persons = arena_calloc(&out->a, 2 * nf + 1, sizeof(dna_sim_person));
	out->kind = arena_calloc(&out->a, nf + 1, sizeof(dna_sim_kind));
	out->party = arena_calloc(&out->a, nf + 1, sizeof(out->party[0]));
	dna_geno **missing = calloc(2 * nf + 1, sizeof(dna_geno *));
	pl_rc rc = out->families && out->kin && out->persons && out->kind && out->party && missing
	               ? pool_of(&s, pool)
	               : PL_ENOMEM;
	out->nfamilies = nf;
	for(size_t i = 0; i < nf && !rc; i++)
		rc = family(&s, out, i, missing);
	if(!rc)
		rc = make_remains(&s, out, missing);
	free(missing);
	if(!rc && arena_oom(&out->a))
		rc = PL_ENOMEM;
	return rc ? pl_nomem(err) : PL_OK;
}

void dna_sim_free(dna_sim *s)
{
	arena_free(&s->a);
	memset(s, 0, sizeof(*s));
}

/* ---- files -------------------------------------------------------------------- */

typedef struct writer {
	const dna_kit *k;
	arena names;              /* the header's locus columns */
	buf line;
	const char **f;
	size_t nf;
	pl_rc rc;
} writer;

static void row(writer *w, FILE *out)
{
	buf_reset(&w->line);
	if(!w->rc)
		w->rc = csv_format_record(&w->line, w->f, w->nf);
	if(!w->rc && fwrite(w->line.ptr, 1, w->line.len, out) != w->line.len)
		w->rc = PL_EIO;
}

/* The named columns, then two a locus (empty where g is NULL or untyped);
 * the header when `header`. */
static void profile_cells(writer *w, FILE *out, const char *const *named, size_t nn,
                          const dna_geno *g, bool header)
{
	static char empty[] = "";
	w->nf = nn + 2 * (size_t)w->k->nloci;
	for(size_t i = 0; i < nn; i++)
		w->f[i] = named[i];
	for(int l = 0; l < w->k->nloci; l++) {
		const dna_locus *L = &w->k->loci[l];
		for(int i = 0; i < 2; i++) {
			const char **cell = &w->f[nn + 2 * (size_t)l + (size_t)i];
			if(!header) {
				*cell = g && dna_typed(g[l]) ? L->allele[i ? g[l].b : g[l].a] : empty;
				continue;
			}
			char name[64];
			snprintf(name, sizeof(name), "%s.%d", L->name, i + 1);
			*cell = arena_strdup(&w->names, name);
		}
	}
	if(arena_oom(&w->names))
		w->rc = PL_ENOMEM;
	row(w, out);
}

static void profile_row(writer *w, FILE *out, const char *const *named, size_t nn, const dna_geno *g)
{
	profile_cells(w, out, named, nn, g, !g);
}

static void failed_list(const dna_kit *k, const dna_profile *p, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for(int l = 0; l < k->nloci && n + 1 < size; l++)
		if(!dna_typed(p->g[l]))
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ";" : "", k->loci[l].name);
}

static void write_persons(writer *w, const dna_sim *s, FILE *f)
{
	const char *head[] = {"id", "surname_latin", "given_names_latin", "sex", "party"};
	w->nf = 5;
	memcpy(w->f, head, sizeof(head));
	row(w, f);
	for(size_t i = 0; i < s->npersons; i++) {
		const dna_sim_person *x = &s->persons[i];
		char given[32];
		snprintf(given, sizeof(given), "M%06zu", i + 1);
		const char *v[] = {x->id, "Simulated", given, x->sex == DNA_FEMALE ? "female" : "male",
		                   s->party[x->family]};
		memcpy(w->f, v, sizeof(v));
		row(w, f);
	}
}

static void write_cases(writer *w, const dna_sim *s, const dna_sim_opts *o, FILE *f)
{
	char batch[64];
	snprintf(batch, sizeof(batch), "RU-UA-SIM-%llu", (unsigned long long)o->seed);
	const char *head[] = {"tag", "batch", "from_party", "to_party", "handover_date", "condition"};
	w->nf = 6;
	memcpy(w->f, head, sizeof(head));
	row(w, f);
	for(size_t i = 0; i < s->nremains; i++) {
		const char *v[] = {s->remains[i].id, batch, "RU", "UA", "2025-06-11",
		                   s->remains[i].degraded ? "skeletal" : "complete"};
		memcpy(w->f, v, sizeof(v));
		row(w, f);
	}
}

static void write_remains(writer *w, const dna_sim *s, FILE *f)
{
	const char *head[] = {"case", "sample", "degraded", "failed"};
	profile_row(w, f, head, 4, NULL);
	for(size_t i = 0; i < s->nremains; i++) {
		char sample[32], failed[1024];
		snprintf(sample, sizeof(sample), "S-%06zu", i + 1);
		failed_list(w->k, &s->remains[i], failed, sizeof(failed));
		const char *v[] = {s->remains[i].id, sample, s->remains[i].degraded ? "yes" : "no", failed};
		profile_row(w, f, v, 4, s->remains[i].g);
	}
}

static void write_references(writer *w, const dna_sim *s, FILE *f)
{
	const char *head[] = {"sample", "person", "relationship", "side"};
	profile_row(w, f, head, 4, NULL);
	for(size_t i = 0; i < s->nfamilies; i++)
		for(int r = 0; r < s->families[i].nrefs; r++) {
			const dna_ref *x = &s->families[i].refs[r];
			const char *v[] = {x->prof->id, s->families[i].person, dna_rel_names[x->rel],
			                   x->side ? dna_side_names[x->side] : ""};
			profile_row(w, f, v, 4, x->prof->g);
		}
}

static const char *const sex_names[] = {"unknown", "male", "female"};

/* One row an individual of each pedigree family: ids are 1.. within it. */
static void write_pedigrees(writer *w, const dna_sim *s, FILE *f)
{
	const char *head[] = {"family", "id", "father", "mother", "sex", "person", "sample"};
	profile_row(w, f, head, 7, NULL);
	for(size_t i = 0; i < s->nfamilies; i++) {
		const dna_kin *k = s->kin[i];
		if(!k)
			continue;
		const dna_pedigree *p = &k->alt[0];
		for(int x = 0; x < p->ped.n; x++) {
			char id[16], fa[16] = "", mo[16] = "";
			snprintf(id, sizeof(id), "%d", x + 1);
			if(p->ped.father[x] >= 0) {
				snprintf(fa, sizeof(fa), "%d", p->ped.father[x] + 1);
				snprintf(mo, sizeof(mo), "%d", p->ped.mother[x] + 1);
			}
			const char *person = "";
			for(int m = 0; m < k->nmissing; m++)
				if(k->missing[m] == x)
					person = k->person[m];
			const dna_profile *r = p->prof[x];
			const char *v[] = {k->id, id, fa, mo, sex_names[p->ped.sex[x]], person, r ? r->id : ""};
			profile_cells(w, f, v, 7, r ? r->g : NULL, false);
		}
	}
}

static void write_truth(writer *w, const dna_sim *s, FILE *f)
{
	const char *head[] = {"case", "person", "kind"};
	w->nf = 3;
	memcpy(w->f, head, sizeof(head));
	row(w, f);
	for(size_t i = 0; i < s->nremains; i++) {
		long t = s->truth[i], x = s->truth_person[i];
		const char *v[] = {s->remains[i].id, x >= 0 ? s->persons[x].id : "",
		                   t >= 0 ? dna_sim_kind_names[s->kind[t]] : "unrelated"};
		memcpy(w->f, v, sizeof(v));
		row(w, f);
	}
}

bool dna_sim_has_pedigrees(const dna_sim *s)
{
	for(size_t i = 0; i < s->nfamilies; i++)
		if(s->kin[i])
			return true;
	return false;
}

pl_rc dna_sim_write(const dna_kit *k, const dna_sim *s, const dna_sim_opts *o, const char *dir,
                    pl_err *err)
{
	static const char *const names[] = {"persons.csv", "cases.csv", "remains.csv",
	                                    "references.csv", "truth.csv", "pedigree.csv"};
	bool pedigrees = dna_sim_has_pedigrees(s);
	writer w = {.k = k};
	buf_init(&w.line, 0);
	arena_init(&w.names, 0);
	w.f = calloc(8 + 2 * (size_t)k->nloci, sizeof(char *));
	pl_rc rc = w.f ? PL_OK : pl_nomem(err);
	for(size_t i = 0; i < sizeof(names) / sizeof(names[0]) - !pedigrees && !rc; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		file_out fo;
		if((rc = file_out_open(&fo, path, err)))
			break;
		w.rc = PL_OK;
		switch(i) {
		case 0: write_persons(&w, s, fo.f); break;
		case 1: write_cases(&w, s, o, fo.f); break;
		case 2: write_remains(&w, s, fo.f); break;
		case 3: write_references(&w, s, fo.f); break;
		case 4: write_truth(&w, s, fo.f); break;
		default: write_pedigrees(&w, s, fo.f); break;
		}
		if(w.rc) {
			file_out_abort(&fo);
			rc = pl_fail(err, w.rc, "writing %s: %s", path, pl_rc_str(w.rc));
		} else {
			rc = file_out_commit(&fo, true, err);
		}
	}
	free(w.f);
	buf_free(&w.line);
	arena_free(&w.names);
	return rc;
}
