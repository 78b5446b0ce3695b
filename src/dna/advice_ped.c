/* Pedigrees for the sampling advice (advice.h): a family's relationship
 * columns as a pedigree, and the relatives one could still ask for added
 * to it. */
#include <stdlib.h>
#include <string.h>

#include "dna/advice.h"

const char *const dna_ask_names[DNA_ASK_COUNT + 1] = {
	"father", "mother", "full_sibling", "child", "child_and_other_parent",
	"paternal_half_sibling", "maternal_half_sibling", "paternal_grandparent",
	"maternal_grandparent", "paternal_uncle_aunt", "maternal_uncle_aunt", NULL,
};

const char *const dna_ask_phrases[DNA_ASK_COUNT] = {
	"the father", "the mother", "a full brother or sister", "a child",
	"a child and the child's other parent", "a half brother or sister on the father's side",
	"a half brother or sister on the mother's side", "a grandparent on the father's side",
	"a grandparent on the mother's side", "an uncle or aunt on the father's side",
	"an uncle or aunt on the mother's side",
};

/* A pedigree being put together: room for what a family and an edit add. */
typedef struct ped_build {
	int n, cap;
	int *fa, *mo;
	dna_sex *sex;
	const dna_profile **prof;
	bool bad;                 /* a placement that does not fit */
} ped_build;

static pl_rc build_init(ped_build *b, int cap, arena *a, pl_err *err)
{
	memset(b, 0, sizeof(*b));
	b->cap = cap;
	b->fa = arena_calloc(a, (size_t)cap, sizeof(int));
	b->mo = arena_calloc(a, (size_t)cap, sizeof(int));
	b->sex = arena_calloc(a, (size_t)cap, sizeof(dna_sex));
	b->prof = arena_calloc(a, (size_t)cap, sizeof(*b->prof));
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

static int build_add(ped_build *b, int fa, int mo, dna_sex sex, const dna_profile *prof)
{
	if(b->n >= b->cap) {
		b->bad = true;
		return 0;
	}
	b->fa[b->n] = fa;
	b->mo[b->n] = mo;
	b->sex[b->n] = sex;
	b->prof[b->n] = prof;
	return b->n++;
}

static void build_out(const ped_build *b, double weight, dna_pedigree *out)
{
	out->ped = (dna_ped){b->n, b->fa, b->mo, b->sex};
	out->prof = b->prof;
	out->weight = weight;
}

/* The parents of individual i, added as founders if it has none. */
static void ensure_parents(ped_build *b, int i)
{
	if(b->fa[i] >= 0)
		return;
	int f = build_add(b, -1, -1, DNA_MALE, NULL);
	int m = build_add(b, -1, -1, DNA_FEMALE, NULL);
	b->fa[i] = f;
	b->mo[i] = m;
}

/* The other parent of m's children, or -1. */
static int co_parent(const ped_build *b, int m)
{
	for(int i = 0; i < b->n; i++) {
		if(b->fa[i] == m)
			return b->mo[i];
		if(b->mo[i] == m)
			return b->fa[i];
	}
	return -1;
}

/* A child of m and co (a new founder of the other sex when co < 0). */
static int add_child(ped_build *b, int m, int *co, const dna_profile *prof)
{
	bool mother = b->sex[m] == DNA_FEMALE;
	if(*co < 0)
		*co = build_add(b, -1, -1, mother ? DNA_MALE : DNA_FEMALE, NULL);
	return mother ? build_add(b, *co, m, DNA_SEX_UNKNOWN, prof)
	              : build_add(b, m, *co, DNA_SEX_UNKNOWN, prof);
}

/* ---- the relatives one may ask for ------------------------------------------------ */

static void ask_grandparent(ped_build *b, int parent, int r[2], int *nr)
{
	ensure_parents(b, parent);
	if(!b->prof[b->fa[parent]])
		r[(*nr)++] = b->fa[parent];
	else if(!b->prof[b->mo[parent]])
		r[(*nr)++] = b->mo[parent];
}

static void ask_child(ped_build *b, int m, bool with_parent, int r[2], int *nr)
{
	int co = co_parent(b, m);
	if(with_parent && co >= 0 && b->prof[co])
		return; /* the other parent is typed: "a child" says it */
	r[(*nr)++] = add_child(b, m, &co, NULL);
	if(with_parent)
		r[(*nr)++] = co;
}

static void ask_edit(ped_build *b, int m, dna_ask ask, int r[2], int *nr)
{
	ensure_parents(b, m);
	int f = b->fa[m], mo = b->mo[m], x;
	switch(ask) {
	case DNA_ASK_FATHER:
	case DNA_ASK_MOTHER:
		x = ask == DNA_ASK_FATHER ? f : mo;
		if(!b->prof[x])
			r[(*nr)++] = x;
		break;
	case DNA_ASK_FULL_SIB: r[(*nr)++] = build_add(b, f, mo, DNA_SEX_UNKNOWN, NULL); break;
	case DNA_ASK_CHILD:
	case DNA_ASK_CHILD_AND_PARENT: ask_child(b, m, ask == DNA_ASK_CHILD_AND_PARENT, r, nr); break;
	case DNA_ASK_HALF_SIB_PAT:
		x = build_add(b, -1, -1, DNA_FEMALE, NULL);
		r[(*nr)++] = build_add(b, f, x, DNA_SEX_UNKNOWN, NULL);
		break;
	case DNA_ASK_HALF_SIB_MAT:
		x = build_add(b, -1, -1, DNA_MALE, NULL);
		r[(*nr)++] = build_add(b, x, mo, DNA_SEX_UNKNOWN, NULL);
		break;
	case DNA_ASK_GRANDPARENT_PAT: ask_grandparent(b, f, r, nr); break;
	case DNA_ASK_GRANDPARENT_MAT: ask_grandparent(b, mo, r, nr); break;
	case DNA_ASK_UNCLE_PAT:
	case DNA_ASK_UNCLE_MAT:
		x = ask == DNA_ASK_UNCLE_PAT ? f : mo;
		ensure_parents(b, x);
		r[(*nr)++] = build_add(b, b->fa[x], b->mo[x], DNA_SEX_UNKNOWN, NULL);
		break;
	default: break;
	}
}

pl_rc dna_ask_edit(const dna_pedigree *p, int m, dna_ask ask, dna_pedigree *out, int r[2], int *nr,
                   arena *a, pl_err *err)
{
	ped_build b;
	pl_rc rc = build_init(&b, p->ped.n + 6, a, err);
	if(rc)
		return rc;
	for(int i = 0; i < p->ped.n; i++)
		build_add(&b, p->ped.father[i], p->ped.mother[i], p->ped.sex[i], p->prof[i]);
	*nr = 0;
	ask_edit(&b, m, ask, r, nr);
	build_out(&b, p->weight, out);
	return PL_OK;
}

/* ---- a family from its relationship columns --------------------------------------- */

enum { KIN_MAX = 64 };

/* Relative x put on side s (0 paternal, 1 maternal) of M (0, parents 1, 2). */
static void place(ped_build *b, const dna_ref *x, int s, int *partner)
{
	int parent = 1 + s;
	switch(x->rel) {
	case DNA_SELF: b->bad |= b->prof[0] != NULL; b->prof[0] = x->prof; break;
	case DNA_FATHER:
	case DNA_MOTHER:
		parent = x->rel == DNA_FATHER ? 1 : 2;
		b->bad |= b->prof[parent] != NULL;
		b->prof[parent] = x->prof;
		break;
	case DNA_PARTNER:
		if(*partner < 0)
			*partner = build_add(b, -1, -1, b->sex[0] == DNA_FEMALE ? DNA_MALE : DNA_FEMALE, NULL);
		b->bad |= b->prof[*partner] != NULL;
		b->prof[*partner] = x->prof;
		break;
	case DNA_CHILD: add_child(b, 0, partner, x->prof); break;
	case DNA_FULL_SIB: build_add(b, 1, 2, DNA_SEX_UNKNOWN, x->prof); break;
	case DNA_HALF_SIB: {
		int o = build_add(b, -1, -1, s ? DNA_MALE : DNA_FEMALE, NULL);
		build_add(b, s ? o : 1, s ? 2 : o, DNA_SEX_UNKNOWN, x->prof);
		break;
	}
	case DNA_GRANDPARENT: {
		int r[2], nr = 0;
		ask_grandparent(b, parent, r, &nr);
		b->bad |= nr == 0; /* a third on one side */
		if(nr)
			b->prof[r[0]] = x->prof;
		break;
	}
	case DNA_UNCLE:
	case DNA_COUSIN:
		ensure_parents(b, parent);
		if(x->rel == DNA_UNCLE) {
			build_add(b, b->fa[parent], b->mo[parent], DNA_SEX_UNKNOWN, x->prof);
		} else { /* through an uncle of their own, and his partner */
			int u = build_add(b, b->fa[parent], b->mo[parent], DNA_MALE, NULL);
			int w = build_add(b, -1, -1, DNA_FEMALE, NULL);
			build_add(b, u, w, DNA_SEX_UNKNOWN, x->prof);
		}
		break;
	default: b->bad = true; break;
	}
}

/* One placement: the k unknown-side relatives unknown[] on the sides of mask. */
static pl_rc place_all(const dna_family *f, const int *unknown, int k, unsigned mask, ped_build *b,
                       arena *a, pl_err *err)
{
	pl_rc rc = build_init(b, KIN_MAX, a, err);
	if(rc)
		return rc;
	/* a father if M of unknown sex has children: the pedigree needs a sex */
	build_add(b, 1, 2, f->sex, NULL);
	build_add(b, -1, -1, DNA_MALE, NULL);
	build_add(b, -1, -1, DNA_FEMALE, NULL);
	int partner = -1;
	for(int i = 0; i < f->nrefs; i++) {
		const dna_ref *x = &f->refs[i];
		int s = x->side == DNA_MATERNAL;
		for(int j = 0; j < k; j++)
			if(unknown[j] == i)
				s = (mask >> j) & 1;
		place(b, x, s, &partner);
	}
	return PL_OK;
}

pl_rc dna_advice_kin(const dna_family *f, dna_kin *out, arena *a, pl_err *err)
{
	int unknown[3], k = 0;
	for(int i = 0; i < f->nrefs; i++)
		if(k < 3 && dna_rel_has_side(f->refs[i].rel) && f->refs[i].side == DNA_SIDE_UNKNOWN)
			unknown[k++] = i;
	dna_pedigree *alt = arena_calloc(a, 8, sizeof(*alt));
	int *missing = arena_calloc(a, 1, sizeof(int));
	const char **person = arena_calloc(a, 1, sizeof(char *));
	if(!alt || !missing || !person)
		return pl_nomem(err);
	int nalt = 0;
	for(unsigned mask = 0; mask < (1u << k); mask++) {
		ped_build b;
		pl_rc rc = place_all(f, unknown, k, mask, &b, a, err);
		if(rc)
			return rc;
		if(!b.bad)
			build_out(&b, 1, &alt[nalt++]);
	}
	if(!nalt)
		return pl_failc(err, PL_EINPUT, "dna.family_no_pedigree", "person", f->person, NULL);
	for(int i = 0; i < nalt; i++)
		alt[i].weight = 1.0 / nalt;
	person[0] = f->person;
	*out = (dna_kin){f->person, alt, nalt, 1, missing, person};
	return PL_OK;
}

/* ---- the individuals of a pedigree one could type ---------------------------------- */

static bool typed_in_all(const dna_kin *kin, int i)
{
	for(int a = 0; a < kin->nalt; a++)
		if(!kin->alt[a].prof[i])
			return false;
	return true;
}

static bool untyped_in_all(const dna_kin *kin, int i)
{
	for(int a = 0; a < kin->nalt; a++)
		if(kin->alt[a].prof[i])
			return false;
	return true;
}

/* Whether x and m are joined in the moral graph of the ancestral set of
 * {m, x} and the typed, the typed taken out: then x's genotype may tell
 * something of m's given theirs. mark, q: room for n each. */
static bool joined(const dna_kin *kin, int m, int x, char *mark, int *q)
{
	const dna_ped *p = &kin->alt[0].ped;
	int n = p->n, nq = 0;
	/* the ancestral set (mark 1) */
	memset(mark, 0, (size_t)n);
	for(int i = 0; i < n; i++)
		if(i == m || i == x || typed_in_all(kin, i)) {
			mark[i] = 1;
			q[nq++] = i;
		}
	for(int h = 0; h < nq; h++) {
		int i = q[h];
		for(int s = 0; s < 2 && p->father[i] >= 0; s++) {
			int par = s ? p->mother[i] : p->father[i];
			if(!mark[par]) {
				mark[par] = 1;
				q[nq++] = par;
			}
		}
	}
	/* from m through the untyped (mark 2 once reached): a child's parents
	 * are each other's neighbours, and the child's */
	nq = 0;
	q[nq++] = m;
	mark[m] = 2;
	for(int h = 0; h < nq; h++) {
		int i = q[h];
		if(i == x)
			return true;
		if(i != m && typed_in_all(kin, i))
			continue;
		for(int c = 0; c < n; c++) {
			if(!mark[c] || p->father[c] < 0)
				continue;
			int f = p->father[c], mo = p->mother[c], nb[3] = {-1, -1, -1};
			if(c == i) {
				nb[0] = f;
				nb[1] = mo;
			} else if(f == i || mo == i) {
				nb[0] = c;
				nb[1] = f == i ? mo : f;
			}
			for(int k = 0; k < 2; k++)
				if(nb[k] >= 0 && mark[nb[k]] == 1) {
					mark[nb[k]] = 2;
					q[nq++] = nb[k];
				}
		}
	}
	return false;
}

int dna_advice_members(const dna_kin *kin, int m, int *member, int most, int *left)
{
	const dna_ped *p = &kin->alt[0].ped;
	int n = p->n, found = 0;
	*left = 0;
	int *dist = calloc((size_t)n + 1, sizeof(int)), *q = calloc((size_t)n + 1, sizeof(int));
	char *mark = calloc((size_t)n + 1, 1);
	if(!dist || !q || !mark) {
		free(dist);
		free(q);
		free(mark);
		return -1;
	}
	/* parent-child steps from m */
	for(int i = 0; i < n; i++)
		dist[i] = -1;
	int nq = 0;
	dist[m] = 0;
	q[nq++] = m;
	for(int h = 0; h < nq; h++)
		for(int j = 0; j < n; j++) {
			int i = q[h];
			bool near = p->father[i] == j || p->mother[i] == j || p->father[j] == i || p->mother[j] == i;
			if(near && dist[j] < 0) {
				dist[j] = dist[i] + 1;
				q[nq++] = j;
			}
		}
	for(int d = 1; d < n; d++)
		for(int i = 0; i < n; i++) {
			bool missing = false;
			for(int j = 0; j < kin->nmissing; j++)
				missing |= kin->missing[j] == i;
			if(dist[i] != d || missing || !untyped_in_all(kin, i) || !joined(kin, m, i, mark, q))
				continue;
			if(found < most)
				member[found++] = i;
			else
				(*left)++;
		}
	free(dist);
	free(q);
	free(mark);
	return found;
}
