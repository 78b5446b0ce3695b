/* Checking a pedigree file's families (pedfile.h): who is whose child,
 * sexes, ancestry without loops back, the missing persons and the
 * samples, every problem at its row and column. */
#include "dna/pedfile.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/hmap.h"
#include "core/text.h"

static const char *sex_name(dna_sex s)
{
	return s == DNA_MALE ? "male" : s == DNA_FEMALE ? "female" : "unknown";
}

static dna_sex sex_of(const char *v)
{
	return !v ? DNA_SEX_UNKNOWN : !strcmp(v, "male") ? DNA_MALE : !strcmp(v, "female") ? DNA_FEMALE
	                                                                                    : DNA_SEX_UNKNOWN;
}

/* The row gives a profile: an allele or a failed locus. */
static bool row_typed(const dna_rows *rows, const dna_row *r)
{
	for(size_t l = 0; l < rows->nloci; l++)
		if(r->allele[2 * l] || r->failed[l])
			return true;
	return false;
}

bool dna_row_same_profile(const dna_rows *rows, const dna_row *x, const dna_row *y)
{
	for(size_t l = 0; l < rows->nloci; l++) {
		/* read.c interns each designation: the same text is the same pointer */
		const char *a1 = x->allele[2 * l], *a2 = x->allele[2 * l + 1] ? x->allele[2 * l + 1] : a1;
		const char *b1 = y->allele[2 * l], *b2 = y->allele[2 * l + 1] ? y->allele[2 * l + 1] : b1;
		if(x->failed[l] != y->failed[l] || !((a1 == b1 && a2 == b2) || (a1 == b2 && a2 == b1)))
			return false;
	}
	return true;
}

/* ---- grouping the rows into families -------------------------------------------- */

typedef struct checker {
	const dna_rows *rows;
	problems *pb;
	arena *a;
	dna_pedfile *out;
	hmap persons, samples;    /* across the file: uid or sample -> its member */
} checker;

static pl_rc group(checker *ck)
{
	const dna_rows *rows = ck->rows;
	dna_pedfile *out = ck->out;
	hmap fam;
	hmap_init(&fam);
	size_t *of = arena_calloc(ck->a, rows->n + 1, sizeof(size_t));
	int *count = arena_calloc(ck->a, rows->n + 1, sizeof(int));
	out->fam = arena_calloc(ck->a, rows->n + 1, sizeof(*out->fam));
	pl_rc rc = of && count && out->fam ? PL_OK : PL_ENOMEM;
	for(size_t i = 0; !rc && i < rows->n; i++) {
		const char *f = rows->rows[i].f[DC_FAMILY];
		size_t k = (size_t)(intptr_t)hmap_get(&fam, f, strlen(f));
		if(!k) {
			out->fam[out->n] = (dna_pedfile_family){.id = f, .line = rows->rows[i].line};
			k = ++out->n;
			rc = hmap_put(&fam, f, strlen(f), (void *)(intptr_t)k);
		}
		of[i] = k - 1;
		count[k - 1]++;
	}
	for(size_t k = 0; !rc && k < out->n; k++)
		if(!(out->fam[k].m = arena_calloc(ck->a, (size_t)count[k], sizeof(dna_pedfile_member))))
			rc = PL_ENOMEM;
	for(size_t i = 0; !rc && i < rows->n; i++) {
		const dna_row *r = &rows->rows[i];
		dna_pedfile_family *F = &out->fam[of[i]];
		F->m[F->n++] = (dna_pedfile_member){r, r->f[DC_ID], -1, -1, sex_of(r->f[DC_SEX]),
		                                    r->f[DC_SAMPLE], r->f[DC_PERSON], row_typed(rows, r)};
	}
	hmap_free(&fam);
	return rc;
}

/* ---- parents -------------------------------------------------------------------- */

/* ids: the family's ids -> index + 1. */
static pl_rc parent(checker *ck, const dna_pedfile_family *F, hmap *ids, dna_pedfile_member *x,
                    int k, int *out)
{
	const char *name = x->row->f[k];
	*out = -1;
	if(!name)
		return PL_OK;
	char q[160];
	text_quote(name, q, sizeof(q));
	int j = (int)(intptr_t)hmap_get(ids, name, strlen(name)) - 1;
	if(j < 0)
		return problems_atc(ck->pb, x->row->line, "dna.ped_no_individual", "column", dna_col_names[k],
		                    "id", q, "family", F->id, NULL);
	if(&F->m[j] == x)
		return problems_atc(ck->pb, x->row->line, k == DC_FATHER ? "dna.ped_own_father" : "dna.ped_own_mother",
		                    "id", q, NULL);
	*out = j;
	return PL_OK;
}

/* A parent's sex: as given, or inferred; a father who is female, a mother
 * who is male, or one who is both refused. */
static pl_rc parent_sex(checker *ck, dna_pedfile_family *F, dna_pedfile_member *child, int j,
                        dna_sex want, long *inferred_at)
{
	dna_pedfile_member *p = &F->m[j];
	if(p->sex == DNA_SEX_UNKNOWN) {
		p->sex = want;
		inferred_at[j] = child->row->line;
		return PL_OK;
	}
	if(p->sex == want)
		return PL_OK;
	if(inferred_at[j])
		return problems_atc(ck->pb, child->row->line, want == DNA_MALE ? "dna.ped_father_and_mother"
		                    : "dna.ped_mother_and_father", "id", p->id, "line", PL_N(inferred_at[j]), NULL);
	return problems_atc(ck->pb, child->row->line, want == DNA_MALE ? "dna.ped_father_sex"
	                    : "dna.ped_mother_sex", "id", p->id, "sex", sex_name(p->sex), "line",
	                    PL_N(p->row->line), NULL);
}

static pl_rc parents(checker *ck, dna_pedfile_family *F)
{
	hmap ids;
	hmap_init(&ids);
	long *inferred_at = arena_calloc(ck->a, (size_t)F->n + 1, sizeof(long));
	pl_rc rc = inferred_at ? PL_OK : PL_ENOMEM;
	for(int i = 0; !rc && i < F->n; i++) {
		dna_pedfile_member *x = &F->m[i];
		int was = (int)(intptr_t)hmap_get(&ids, x->id, strlen(x->id)) - 1;
		if(was >= 0)
			rc = problems_atc(ck->pb, x->row->line, "dna.ped_id_twice", "id", x->id, "family", F->id,
			                  "line", PL_N(F->m[was].row->line), NULL);
		else
			rc = hmap_put(&ids, x->id, strlen(x->id), (void *)(intptr_t)(i + 1));
	}
	if(!rc && F->n > DNA_PEDFILE_MAX)
		rc = problems_atc(ck->pb, F->m[DNA_PEDFILE_MAX].row->line, "dna.ped_family_big", "family", F->id,
		                  "max", PL_N(DNA_PEDFILE_MAX), NULL);
	for(int i = 0; !rc && i < F->n; i++) {
		dna_pedfile_member *x = &F->m[i];
		if(!!x->row->f[DC_FATHER] != !!x->row->f[DC_MOTHER]) {
			rc = problems_atc(ck->pb, x->row->line, x->row->f[DC_FATHER] ? "dna.ped_no_mother"
			                  : "dna.ped_no_father", NULL);
			continue;
		}
		if((rc = parent(ck, F, &ids, x, DC_FATHER, &x->father)) ||
		   (rc = parent(ck, F, &ids, x, DC_MOTHER, &x->mother)))
			break;
		if(x->father < 0 || x->mother < 0) /* a founder, or a parent not there (said) */
			;
		else if(x->father == x->mother)
			rc = problems_atc(ck->pb, x->row->line, "dna.ped_father_mother", "id", x->id, NULL);
		else if(!(rc = parent_sex(ck, F, x, x->father, DNA_MALE, inferred_at)))
			rc = parent_sex(ck, F, x, x->mother, DNA_FEMALE, inferred_at);
		if(x->father < 0 || x->mother < 0)
			x->father = x->mother = -1;
	}
	hmap_free(&ids);
	return rc;
}

/* Someone their own ancestor: depth-first over the parents, 1 on the way,
 * 2 done. */
static int loop_from(const dna_pedfile_family *F, int i, unsigned char *state)
{
	if(state[i] == 2)
		return -1;
	if(state[i] == 1)
		return i;
	state[i] = 1;
	const int up[2] = {F->m[i].father, F->m[i].mother};
	for(int k = 0; k < 2; k++)
		if(up[k] >= 0) {
			int at = loop_from(F, up[k], state);
			if(at >= 0)
				return at;
		}
	state[i] = 2;
	return -1;
}

static pl_rc ancestry(checker *ck, const dna_pedfile_family *F)
{
	unsigned char *state = arena_calloc(ck->a, (size_t)F->n + 1, 1);
	if(!state)
		return PL_ENOMEM;
	for(int i = 0; i < F->n; i++) {
		int at = loop_from(F, i, state);
		if(at >= 0)
			return problems_atc(ck->pb, F->m[at].row->line, "dna.ped_own_ancestor", "id", F->m[at].id,
			                    "family", F->id, NULL);
	}
	return PL_OK;
}

/* ---- missing persons and samples -------------------------------------------------- */

/* The member named by key further up (in map), or NULL after adding it. */
static pl_rc first_of(hmap *map, const char *key, const dna_pedfile_member *x,
                      const dna_pedfile_member **first)
{
	*first = hmap_get(map, key, strlen(key));
	return *first ? PL_OK : hmap_put(map, key, strlen(key), (void *)x);
}

static pl_rc member_person(checker *ck, const dna_pedfile_member *x)
{
	const dna_pedfile_member *first;
	long line = x->row->line;
	if(x->sample)
		return problems_atc(ck->pb, line, "dna.ped_missing_sample", "id", x->id, "sample", x->sample, NULL);
	if(x->alleles)
		return problems_atc(ck->pb, line, "dna.ped_missing_alleles", "id", x->id, NULL);
	pl_rc rc = first_of(&ck->persons, x->person, x, &first);
	if(!rc && first)
		rc = problems_atc(ck->pb, line, "dna.ped_person_twice", "person", x->person, "id", first->id,
		                  "line", PL_N(first->row->line), NULL);
	return rc;
}

static pl_rc member_sample(checker *ck, const dna_pedfile_family *F, const dna_pedfile_member *x)
{
	long line = x->row->line;
	if(!x->sample)
		return x->alleles ? problems_atc(ck->pb, line, "dna.ped_sample_required", NULL) : PL_OK;
	for(const dna_pedfile_member *y = F->m; y < x; y++)
		if(y->sample && !strcmp(y->sample, x->sample))
			return problems_atc(ck->pb, line, "dna.ped_sample_twice", "sample", x->sample, "id", y->id,
			                    "line", PL_N(y->row->line), NULL);
	if(!x->alleles)
		return PL_OK;
	const dna_pedfile_member *first;
	pl_rc rc = first_of(&ck->samples, x->sample, x, &first);
	if(!rc && first && !dna_row_same_profile(ck->rows, first->row, x->row))
		rc = problems_atc(ck->pb, line, "dna.ped_sample_alleles", "sample", x->sample, "line",
		                  PL_N(first->row->line), NULL);
	return rc;
}

static pl_rc members(checker *ck, dna_pedfile_family *F)
{
	pl_rc rc = PL_OK;
	for(int i = 0; !rc && i < F->n; i++) {
		const dna_pedfile_member *x = &F->m[i];
		rc = x->person ? member_person(ck, x) : member_sample(ck, F, x);
		F->nmissing += x->person != NULL;
		F->ntyped += x->sample != NULL && !x->person;
	}
	if(!rc && !F->nmissing)
		rc = problems_atc(ck->pb, F->line, "dna.ped_no_missing", "family", F->id, NULL);
	return rc;
}

pl_rc dna_pedfile_check(const dna_rows *rows, problems *pb, arena *a, dna_pedfile *out)
{
	memset(out, 0, sizeof(*out));
	checker ck = {rows, pb, a, out, {0}, {0}};
	hmap_init(&ck.persons);
	hmap_init(&ck.samples);
	pl_rc rc = group(&ck);
	for(size_t k = 0; !rc && k < out->n; k++) {
		dna_pedfile_family *F = &out->fam[k];
		int before = pb->n;
		rc = parents(&ck, F);
		if(!rc && pb->n == before) /* the ancestry needs parents that are there */
			rc = ancestry(&ck, F);
		if(!rc)
			rc = members(&ck, F);
	}
	hmap_free(&ck.persons);
	hmap_free(&ck.samples);
	if(!rc && arena_oom(a))
		rc = PL_ENOMEM;
	return rc;
}
