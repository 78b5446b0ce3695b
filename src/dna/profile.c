/* Relationships: names, synonyms, IBD coefficients; what a family may hold. */
#include "dna/profile.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/msg.h"

const char *const dna_rel_names[DNA_REL_COUNT + 1] = {
	[DNA_SELF] = "self",
	[DNA_FATHER] = "father",
	[DNA_MOTHER] = "mother",
	[DNA_CHILD] = "child",
	[DNA_FULL_SIB] = "full_sibling",
	[DNA_HALF_SIB] = "half_sibling",
	[DNA_GRANDPARENT] = "grandparent",
	[DNA_UNCLE] = "uncle_aunt",
	[DNA_COUSIN] = "cousin",
	[DNA_PARTNER] = "partner",
	[DNA_IDENTITY] = "identity",
	[DNA_REL_COUNT] = NULL,
};

const char *const dna_side_names[3] = {NULL, "paternal", "maternal"};

int dna_rel_parse(const char *name)
{
	static const struct {
		const char *word;
		dna_rel rel;
	} synonyms[] = {
		{"sibling", DNA_FULL_SIB}, {"brother", DNA_FULL_SIB}, {"sister", DNA_FULL_SIB},
		{"son", DNA_CHILD}, {"daughter", DNA_CHILD},
		{"half_brother", DNA_HALF_SIB}, {"half_sister", DNA_HALF_SIB},
		{"grandfather", DNA_GRANDPARENT}, {"grandmother", DNA_GRANDPARENT},
		{"uncle", DNA_UNCLE}, {"aunt", DNA_UNCLE},
		{"spouse", DNA_PARTNER}, {"wife", DNA_PARTNER}, {"husband", DNA_PARTNER},
	};
	if(!name)
		return -1;
	for(int r = 0; r < DNA_IDENTITY; r++)
		if(!strcmp(name, dna_rel_names[r]))
			return r;
	for(size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if(!strcmp(name, synonyms[i].word))
			return (int)synonyms[i].rel;
	return -1;
}

void dna_rel_ibd(dna_rel r, double k[3])
{
	static const double table[DNA_REL_COUNT][3] = {
		[DNA_SELF] = {0, 0, 1},
		[DNA_FATHER] = {0, 1, 0},
		[DNA_MOTHER] = {0, 1, 0},
		[DNA_CHILD] = {0, 1, 0},
		[DNA_FULL_SIB] = {0.25, 0.5, 0.25},
		[DNA_HALF_SIB] = {0.5, 0.5, 0},
		[DNA_GRANDPARENT] = {0.5, 0.5, 0},
		[DNA_UNCLE] = {0.5, 0.5, 0},
		[DNA_COUSIN] = {0.75, 0.25, 0},
		[DNA_PARTNER] = {1, 0, 0},
		[DNA_IDENTITY] = {0, 0, 1},
	};
	memcpy(k, table[r < DNA_REL_COUNT ? r : DNA_PARTNER], sizeof(table[0]));
}

bool dna_rel_has_side(dna_rel r)
{
	return r == DNA_HALF_SIB || r == DNA_GRANDPARENT || r == DNA_UNCLE || r == DNA_COUSIN;
}

/* Limits that keep a family's pedigree small enough to sum over exactly:
 * each sibship sums over 2^k ways its k children inherit. */
const char *dna_family_invalid(const dna_family *f)
{
	static const struct {
		dna_rel rel;
		int max;
		const char *why;
	} limits[] = {
		{DNA_FATHER, 1, "more than one father"},
		{DNA_MOTHER, 1, "more than one mother"},
		{DNA_PARTNER, 1, "more than one partner (the other parent of the children)"},
		{DNA_CHILD, 5, "more than 5 children"},
		{DNA_FULL_SIB, 5, "more than 5 full siblings"},
		{DNA_HALF_SIB, 3, "more than 3 half siblings"},
		{DNA_GRANDPARENT, 4, "more than 4 grandparents"},
		{DNA_UNCLE, 4, "more than 4 uncles and aunts"},
		{DNA_COUSIN, 4, "more than 4 cousins"},
	};
	int count[DNA_REL_COUNT] = {0}, gp[3] = {0};
	for(int i = 0; i < f->nrefs; i++) {
		const dna_ref *r = &f->refs[i];
		if(r->rel == DNA_IDENTITY || r->rel >= DNA_REL_COUNT)
			return "a relative's relationship is not one of a family";
		if(r->side != DNA_SIDE_UNKNOWN && !dna_rel_has_side(r->rel))
			return "only grandparents, uncles and aunts, half siblings and cousins have a side";
		count[r->rel]++;
		if(r->rel == DNA_GRANDPARENT)
			gp[r->side]++;
	}
	for(size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		if(count[limits[i].rel] > limits[i].max)
			return limits[i].why;
	if(gp[DNA_PATERNAL] > 2 || gp[DNA_MATERNAL] > 2)
		return "more than two grandparents on one side";
	if(f->nrefs > 16)
		return "more than 16 relatives";
	return NULL;
}

const char *dna_num(char *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, 32, fmt, ap);
	va_end(ap);
	return out;
}

const char *dna_why(const char *why)
{
	const char *code = why ? msg_code_of(why) : NULL;
	return code ? code : why;
}
