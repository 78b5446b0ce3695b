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
		return problems_at(ck->pb, x->row->line, "column '%s': no individual '%s' in family %s",
		                   dna_col_names[k], q, F->id);
	if(&F->m[j] == x)
		return problems_at(ck->pb, x->row->line, "column '%s': %s cannot be their own %s",
		                   dna_col_names[k], q, dna_col_names[k]);
	*out = j;
	return PL_OK;
}

/* A parent's sex: as given, or inferred; a father who is female, a mother
 * who is male, or one who is both refused. */
static pl_rc parent_sex(checker *ck, dna_pedfile_family *F, dna_pedfile_member *child, int j,
                        dna_sex want, long *inferred_at)
{
	dna_pedfile_member *p = &F->m[j];
	const char *col = want == DNA_MALE ? "father" : "mother";
	if(p->sex == DNA_SEX_UNKNOWN) {
		p->sex = want;
		inferred_at[j] = child->row->line;
		return PL_OK;
	}
	if(p->sex == want)
		return PL_OK;
	if(inferred_at[j])
		return problems_at(ck->pb, child->row->line, "column '%s': %s is a %s here and a %s at "
		                   "line %ld", col, p->id, col, want == DNA_MALE ? "mother" : "father",
		                   inferred_at[j]);
	return problems_at(ck->pb, child->row->line, "column '%s': %s is %s (line %ld): a %s is %s",
	                   col, p->id, sex_name(p->sex), p->row->line, col,
	                   want == DNA_MALE ? "male" : "female");
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
			rc = problems_at(ck->pb, x->row->line, "column 'id': %s of family %s is further up "
			                 "(line %ld): one row an individual", x->id, F->id, F->m[was].row->line);
		else
			rc = hmap_put(&ids, x->id, strlen(x->id), (void *)(intptr_t)(i + 1));
	}
	if(!rc && F->n > DNA_PEDFILE_MAX)
		rc = problems_at(ck->pb, F->m[DNA_PEDFILE_MAX].row->line, "column 'family': family %s has "
		                 "more than %d individuals", F->id, DNA_PEDFILE_MAX);
	for(int i = 0; !rc && i < F->n; i++) {
		dna_pedfile_member *x = &F->m[i];
		if(!!x->row->f[DC_FATHER] != !!x->row->f[DC_MOTHER]) {
			rc = problems_at(ck->pb, x->row->line, "column '%s': empty, but the %s is given: a "
			                 "founder has neither parent, anyone else both (an unknown parent is an "
			                 "individual of their own, untyped)", x->row->f[DC_FATHER] ? "mother" : "father",
			                 x->row->f[DC_FATHER] ? "father" : "mother");
			continue;
		}
		if((rc = parent(ck, F, &ids, x, DC_FATHER, &x->father)) ||
		   (rc = parent(ck, F, &ids, x, DC_MOTHER, &x->mother)))
			break;
		if(x->father < 0 || x->mother < 0) /* a founder, or a parent not there (said) */
			;
		else if(x->father == x->mother)
			rc = problems_at(ck->pb, x->row->line, "column 'mother': %s is the father too", x->id);
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
			return problems_at(ck->pb, F->m[at].row->line, "column 'father': %s of family %s is "
			                   "their own ancestor", F->m[at].id, F->id);
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
		return problems_at(ck->pb, line, "column 'person': %s is missing, so not typed (sample %s): "
		                   "their own sample (a toothbrush) goes into a references file as 'self'",
		                   x->id, x->sample);
	if(x->alleles)
		return problems_at(ck->pb, line, "column 'person': %s is missing, so not typed: leave the "
		                   "loci empty", x->id);
	pl_rc rc = first_of(&ck->persons, x->person, x, &first);
	if(!rc && first)
		rc = problems_at(ck->pb, line, "column 'person': %s is individual %s further up (line %ld): "
		                 "a missing person is one individual of one family", x->person, first->id,
		                 first->row->line);
	return rc;
}

static pl_rc member_sample(checker *ck, const dna_pedfile_family *F, const dna_pedfile_member *x)
{
	long line = x->row->line;
	if(!x->sample)
		return x->alleles ? problems_at(ck->pb, line, "column 'sample': required on a row with "
		                                "alleles (the profile's sample id)") : PL_OK;
	for(const dna_pedfile_member *y = F->m; y < x; y++)
		if(y->sample && !strcmp(y->sample, x->sample))
			return problems_at(ck->pb, line, "column 'sample': %s is individual %s further up "
			                   "(line %ld): one person cannot be two individuals of a family",
			                   x->sample, y->id, y->row->line);
	if(!x->alleles)
		return PL_OK;
	const dna_pedfile_member *first;
	pl_rc rc = first_of(&ck->samples, x->sample, x, &first);
	if(!rc && first && !dna_row_same_profile(ck->rows, first->row, x->row))
		rc = problems_at(ck->pb, line, "column 'sample': sample %s is further up (line %ld) with "
		                 "other alleles", x->sample, first->row->line);
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
		rc = problems_at(ck->pb, F->line, "column 'person': family %s has no missing person (name "
		                 "each missing individual's parley id in this column)", F->id);
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
