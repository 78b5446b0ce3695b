/* Families as pedigrees, and their likelihoods at a locus by the engine
 * (ped.h): a family of the relationship columns becomes the pedigree the
 * relationships describe, and a remains profile is weighed as the missing
 * person (H1) against an unrelated person (H0). */
#include "dna/ped.h"

#include <string.h>

enum {
	UNSURE_MAX = 3,                /* relatives of unknown side put on both sides */
	FEW_OBS = 4                    /* up to this many, each observation on its own */
};

/* A pedigree being built. */
typedef struct kb {
	int n, cap;
	int *father, *mother;
	dna_sex *sex;
	const dna_profile **prof;
	int par[2];                    /* the missing person's father and mother */
	int gp[2][2];                  /* each side's grandparents, or -1 */
	int partner;
	dna_sex msex;
} kb;

static int kb_add(kb *b, int f, int m, dna_sex s)
{
	int i = b->n++;
	b->father[i] = f;
	b->mother[i] = m;
	b->sex[i] = s;
	b->prof[i] = NULL;
	return i;
}

/* Side s's grandparents, made on first use: the parents of F or Mo, of
 * unknown sex (the mean mutation rates from them, as before). */
static void kb_grandparents(kb *b, int s)
{
	if(b->gp[s][0] >= 0)
		return;
	b->gp[s][0] = kb_add(b, -1, -1, DNA_SEX_UNKNOWN);
	b->gp[s][1] = kb_add(b, -1, -1, DNA_SEX_UNKNOWN);
	b->father[b->par[s]] = b->gp[s][0];
	b->mother[b->par[s]] = b->gp[s][1];
}

static int kb_partner(kb *b)
{
	if(b->partner < 0)
		b->partner = kb_add(b, -1, -1, b->msex == DNA_MALE ? DNA_FEMALE : b->msex == DNA_FEMALE ? DNA_MALE
		                                                                                    : DNA_SEX_UNKNOWN);
	return b->partner;
}

/* A relative in their place; false if there is no room for them there. */
static bool kb_place(kb *b, const dna_ref *r, int s)
{
	int i;
	switch(r->rel) {
	case DNA_SELF: b->prof[0] = r->prof; return true;
	case DNA_FATHER: b->prof[b->par[0]] = r->prof; return true;
	case DNA_MOTHER: b->prof[b->par[1]] = r->prof; return true;
	case DNA_FULL_SIB: i = kb_add(b, b->par[0], b->par[1], DNA_SEX_UNKNOWN); break;
	case DNA_HALF_SIB: {
		int o = kb_add(b, -1, -1, s ? DNA_MALE : DNA_FEMALE);
		i = s ? kb_add(b, o, b->par[1], DNA_SEX_UNKNOWN) : kb_add(b, b->par[0], o, DNA_SEX_UNKNOWN);
		break;
	}
	case DNA_GRANDPARENT:
		kb_grandparents(b, s);
		i = !b->prof[b->gp[s][0]] ? b->gp[s][0] : b->gp[s][1];
		if(b->prof[i])
			return false;
		break;
	case DNA_UNCLE:
		kb_grandparents(b, s);
		i = kb_add(b, b->gp[s][0], b->gp[s][1], DNA_SEX_UNKNOWN);
		break;
	case DNA_COUSIN: { /* through an uncle or aunt of their own, not typed */
		kb_grandparents(b, s);
		int u = kb_add(b, b->gp[s][0], b->gp[s][1], DNA_SEX_UNKNOWN);
		int o = kb_add(b, -1, -1, DNA_SEX_UNKNOWN);
		i = kb_add(b, u, o, DNA_SEX_UNKNOWN);
		break;
	}
	case DNA_CHILD: {
		int p = kb_partner(b);
		i = b->msex == DNA_FEMALE ? kb_add(b, p, 0, DNA_SEX_UNKNOWN) : kb_add(b, 0, p, DNA_SEX_UNKNOWN);
		break;
	}
	case DNA_PARTNER: i = kb_partner(b); break;
	default: return true;
	}
	b->prof[i] = r->prof;
	return true;
}

/* One alternative: the unsure relatives on the sides of mask's bits. */
static bool kb_build(kb *b, const dna_family *f, const int *unsure, int nu, int mask, int fallback)
{
	b->n = 0;
	b->partner = -1;
	b->msex = f->sex;
	memset(b->gp, -1, sizeof(b->gp));
	kb_add(b, 1, 2, f->sex);
	b->par[0] = kb_add(b, -1, -1, DNA_MALE);
	b->par[1] = kb_add(b, -1, -1, DNA_FEMALE);
	for(int i = 0; i < f->nrefs; i++) {
		const dna_ref *r = &f->refs[i];
		int s = r->side == DNA_MATERNAL ? 1 : r->side == DNA_PATERNAL ? 0 : fallback;
		for(int u = 0; u < nu; u++)
			if(unsure[u] == i)
				s = (mask >> u) & 1;
		if(!kb_place(b, r, s))
			return false;
	}
	return true;
}

pl_rc dna_kin_of_family(const dna_family *f, arena *a, dna_kin *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	const char *why = dna_family_invalid(f);
	if(why)
		return pl_failc(err, PL_EINPUT, "dna.not_a_family", "person", f->person, "why", dna_why(why), NULL);
	int unsure[UNSURE_MAX], nu = 0;
	bool father = false, mother = false;
	for(int i = 0; i < f->nrefs; i++) {
		father |= f->refs[i].rel == DNA_FATHER;
		mother |= f->refs[i].rel == DNA_MOTHER;
		if(dna_rel_has_side(f->refs[i].rel) && f->refs[i].side == DNA_SIDE_UNKNOWN && nu < UNSURE_MAX)
			unsure[nu++] = i;
	}
	int fallback = father && !mother ? 1 : 0; /* beyond UNSURE_MAX: the side of the parent not typed */
	int cap = 8 + 3 * f->nrefs;
	out->id = f->person;
	out->alt = arena_calloc(a, (size_t)1 << nu, sizeof(dna_pedigree));
	int *missing = arena_alloc(a, sizeof(int));
	const char **person = arena_alloc(a, sizeof(char *));
	if(!out->alt || !missing || !person)
		return pl_nomem(err);
	*missing = 0;
	*person = f->person;
	out->missing = missing;
	out->person = person;
	out->nmissing = 1;
	for(int mask = 0; mask < (1 << nu); mask++) {
		kb b = {.cap = cap};
		b.father = arena_alloc(a, (size_t)cap * sizeof(int));
		b.mother = arena_alloc(a, (size_t)cap * sizeof(int));
		b.sex = arena_alloc(a, (size_t)cap * sizeof(dna_sex));
		b.prof = arena_alloc(a, (size_t)cap * sizeof(dna_profile *));
		if(!b.father || !b.mother || !b.sex || !b.prof)
			return pl_nomem(err);
		if(!kb_build(&b, f, unsure, nu, mask, fallback))
			continue; /* more of one kind on a side than there can be */
		dna_pedigree *p = &out->alt[out->nalt++];
		p->ped = (dna_ped){b.n, b.father, b.mother, b.sex};
		p->prof = b.prof;
	}
	for(int i = 0; i < out->nalt; i++)
		out->alt[i].weight = 1.0 / out->nalt;
	if(!out->nalt)
		return pl_failc(err, PL_EINPUT, "dna.no_two_sides", "person", f->person, NULL);
	return PL_OK;
}

/* ---- likelihoods ------------------------------------------------------------------ */

/* sum_xy J w_o(x, y) for each observation, from J's row and column sums. */
static void weigh(const double *J, int n, double delta, const dna_obs *obs, int nobs, double *out,
                  double *rows)
{
	for(int x = 0; x < n; x++) {
		double s = 0;
		for(int y = 0; y < n; y++)
			s += J[x * n + y] + J[y * n + x];
		rows[x] = s;
	}
	for(int i = 0; i < nobs; i++) {
		dna_obs o = obs[i];
		if(o.a < 0) {
			out[i] = 1;
			continue;
		}
		double v = o.a == o.b ? J[o.a * n + o.a] : J[o.a * n + o.b] + J[o.b * n + o.a];
		if(o.dropout) /* A/A, or A/x with x lost */
			v += delta * (rows[o.a] - 2 * J[o.a * n + o.a]);
		out[i] = v;
	}
}

bool dna_kin_typed(const dna_kin *kin, int l)
{
	for(int a = 0; a < kin->nalt; a++) {
		const dna_pedigree *p = &kin->alt[a];
		for(int i = 0; i < p->ped.n; i++)
			if(p->prof[i] && dna_typed(p->prof[i]->g[l]))
				return true;
	}
	return false;
}

/* Few observations: each placed on the missing person (H1) and on an
 * extra founder (H0), two likelihoods each. */
static pl_rc each_obs(const dna_locus *L, const dna_model *m, const dna_ped *h1, const dna_ped *h0,
                      dna_obs *o, int who, const dna_obs *obs, int nobs, double *l1, double *l0,
                      arena *a, pl_err *err)
{
	int np = h1->n;
	dna_obs self = o[who]; /* untyped: each_obs is not used for a missing person's own sample */
	pl_rc rc = PL_OK;
	double fam = 0;
	if(m->theta == 0 && (rc = dna_ped_likelihood(L, m, h1, o, &fam, a, err)))
		return rc;
	for(int i = 0; i < nobs && !rc; i++) {
		if(obs[i].a < 0) {
			l1[i] = l0[i] = 1;
			continue;
		}
		o[who] = obs[i];
		rc = dna_ped_likelihood(L, m, h1, o, &l1[i], a, err);
		o[who] = self;
		if(rc)
			break;
		if(m->theta == 0) {
			dna_ped one = {1, h1->father + np, h1->mother + np, h1->sex + np};
			double pg;
			rc = dna_ped_likelihood(L, m, &one, &obs[i], &pg, a, err);
			l0[i] = fam * pg;
			continue;
		}
		o[np] = obs[i];
		rc = dna_ped_likelihood(L, m, h0, o, &l0[i], a, err);
		o[np] = (dna_obs){-1, -1, false};
	}
	return rc;
}

/* Many observations: one pass that leaves the missing person's genotype
 * free (H1) and one that leaves the extra founder's free (H0), each
 * observation then a weighted sum of the table. */
static pl_rc all_obs(const dna_locus *L, const dna_model *m, const dna_ped *h1, const dna_ped *h0,
                     dna_obs *o, int who, const dna_obs *obs, int nobs, double *l1, double *l0,
                     double *J, double *rows, arena *a, pl_err *err)
{
	int n = L->n;
	double delta = m->dropout / (1 + m->dropout);
	pl_rc rc = dna_ped_joint(L, m, h1, o, who, J, a, err);
	if(!rc)
		weigh(J, n, delta, obs, nobs, l1, rows);
	if(!rc && m->theta > 0) {
		rc = dna_ped_joint(L, m, h0, o, h1->n, J, a, err);
		if(!rc)
			weigh(J, n, delta, obs, nobs, l0, rows);
	} else if(!rc) {
		/* theta 0: the unrelated person's genotype is independent of the
		 * family, whose likelihood is the joint table summed over the
		 * missing person's genotypes (no second pass) */
		double fam = 0;
		for(size_t c = 0; c < (size_t)n * (size_t)n; c++)
			fam += J[c];
		for(int x = 0; x < n; x++)
			for(int y = 0; y < n; y++)
				J[x * n + y] = fam * L->p[x] * L->p[y];
		weigh(J, n, delta, obs, nobs, l0, rows);
	}
	return rc;
}

pl_rc dna_kin_locus(const dna_kit *k, int l, const dna_kin *kin, int mi, const dna_model *m,
                    const dna_obs *obs, int nobs, double *l1, double *l0, arena *a, pl_err *err)
{
	const dna_locus *L = &k->loci[l];
	int n = L->n, who = kin->missing[mi];
	arena own;
	arena_init(&own, 0);
	double *J = arena_alloc(&own, (size_t)n * (size_t)n * sizeof(double));
	double *rows = arena_alloc(&own, (size_t)n * sizeof(double));
	pl_rc rc = J && rows ? PL_OK : pl_nomem(err);
	for(int alt = 0; alt < kin->nalt && !rc; alt++) {
		const dna_pedigree *p = &kin->alt[alt];
		int np = p->ped.n;
		/* H0 adds the remains as an unrelated founder, last */
		int *fa = arena_alloc(&own, (size_t)(np + 1) * sizeof(int));
		int *mo = arena_alloc(&own, (size_t)(np + 1) * sizeof(int));
		dna_sex *sx = arena_alloc(&own, (size_t)(np + 1) * sizeof(dna_sex));
		dna_obs *o = arena_alloc(&own, (size_t)(np + 1) * sizeof(dna_obs));
		if(!fa || !mo || !sx || !o) {
			rc = pl_nomem(err);
			break;
		}
		for(int i = 0; i < np; i++) {
			fa[i] = p->ped.father[i];
			mo[i] = p->ped.mother[i];
			sx[i] = p->ped.sex[i];
			o[i] = p->prof[i] ? dna_obs_of(p->prof[i], l, m) : (dna_obs){-1, -1, false};
		}
		fa[np] = mo[np] = -1;
		sx[np] = DNA_SEX_UNKNOWN;
		o[np] = (dna_obs){-1, -1, false};
		dna_ped h1 = {np, fa, mo, sx}, h0 = {np + 1, fa, mo, sx};
		double *o1 = l1 + (size_t)alt * (size_t)nobs, *o0 = l0 + (size_t)alt * (size_t)nobs;
		if(nobs <= FEW_OBS && o[who].a < 0)
			rc = each_obs(L, m, &h1, &h0, o, who, obs, nobs, o1, o0, a, err);
		else
			rc = all_obs(L, m, &h1, &h0, o, who, obs, nobs, o1, o0, J, rows, a, err);
	}
	arena_free(&own);
	return rc;
}

double dna_kin_mix(const dna_kin *kin, const double *l1, const double *l0, int nobs, int i)
{
	double s1 = 0, s0 = 0;
	for(int a = 0; a < kin->nalt; a++) {
		s1 += kin->alt[a].weight * l1[(size_t)a * (size_t)nobs + (size_t)i];
		s0 += kin->alt[a].weight * l0[(size_t)a * (size_t)nobs + (size_t)i];
	}
	return s0 > 0 ? s1 / s0 : 0;
}
