/* Families entered as pedigrees, as stored (dna.h): listed, shown, drawn
 * as a text tree, and as JSON. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dna/internal.h"

/* ---- loading -------------------------------------------------------------------- */

typedef struct ped_load {
	store *st;
	arena *a;
	dna_pedigree_info *p;
	size_t n, cap;
	size_t ncap;              /* individuals of the last one */
	int64_t *pid;             /* per missing individual over all pedigrees: person row id */
	struct at { size_t ped; int ind; } *at;   /* and whose it is (the arrays move as they grow) */
	size_t npid, pcap, acap;
} ped_load;

static const char *dup(arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static pl_rc load_row(ped_load *pl, sqlite3_stmt *s)
{
	arena *a = pl->a;
	const char *family = store_column_text(s, 0);
	if(!pl->n || strcmp(pl->p[pl->n - 1].family, family)) {
		dna_pedigree_info *p = arena_push(a, (void **)&pl->p, &pl->n, &pl->cap, sizeof(*p));
		if(!p)
			return PL_ENOMEM;
		*p = (dna_pedigree_info){dup(a, family), dup(a, store_column_text(s, 1)),
		                         dup(a, store_column_text(s, 2)), dup(a, store_column_text(s, 3)),
		                         NULL, 0, 0, 0, NULL};
		pl->ncap = 0;
	}
	dna_pedigree_info *p = &pl->p[pl->n - 1];
	size_t n = (size_t)p->n;
	dna_ped_individual *x = arena_push(a, (void **)&p->ind, &n, &pl->ncap, sizeof(*x));
	if(!x)
		return PL_ENOMEM;
	p->n = (int)n;
	*x = (dna_ped_individual){dup(a, store_column_text(s, 4)), dup(a, store_column_text(s, 5)),
	                          dup(a, store_column_text(s, 6)), dup(a, store_column_text(s, 7)),
	                          dup(a, store_column_text(s, 8)), sqlite3_column_int(s, 11), NULL, NULL,
	                          dup(a, store_column_text(s, 10))};
	p->typed += x->sample != NULL;
	if(sqlite3_column_type(s, 9) == SQLITE_NULL)
		return PL_OK;
	p->missing++;
	int64_t *id = arena_push(a, (void **)&pl->pid, &pl->npid, &pl->pcap, sizeof(*id));
	size_t na = pl->npid - 1;
	struct at *at = arena_push(a, (void **)&pl->at, &na, &pl->acap, sizeof(*at));
	if(!id || !at)
		return PL_ENOMEM;
	*id = sqlite3_column_int64(s, 9);
	*at = (struct at){pl->n - 1, p->n - 1};
	return PL_OK;
}

/* The missing persons' uids and names, in one batch. */
static pl_rc name_persons(ped_load *pl, pl_err *err)
{
	person_brief *b = arena_calloc(pl->a, pl->npid + 1, sizeof(*b));
	if(!b)
		return pl_nomem(err);
	pl_rc rc = registry_person_briefs(pl->st, pl->pid, pl->npid, pl->a, b, err);
	for(size_t i = 0; !rc && i < pl->npid; i++) {
		dna_ped_individual *x = &pl->p[pl->at[i].ped].ind[pl->at[i].ind];
		x->person = b[i].id ? arena_strdup(pl->a, b[i].uid) : NULL;
		x->person_name = b[i].id ? dna_person_name(&b[i], pl->a) : NULL;
	}
	return rc;
}

static pl_rc load(store *st, const char *family, arena *a, dna_pedigree_info **out, size_t *n,
                  pl_err *err)
{
	ped_load pl = {.st = st, .a = a};
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT p.family, p.source, p.created_at, p.updated_at, m.individual,"
	                          " m.father, m.mother, m.sex, r.sample, m.person_id, m.note,"
	                          " (SELECT count(*) FROM dna_allele l WHERE l.profile_id = m.profile_id"
	                          " AND l.allele1 IS NOT NULL)"
	                          " FROM dna_pedigree p JOIN dna_ped_member m ON m.pedigree_id = p.id"
	                          " LEFT JOIN dna_profile r ON r.id = m.profile_id"
	                          " WHERE ?1 IS NULL OR p.family = ?1 ORDER BY p.family, m.seq", &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, family);
	int x;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW)
		rc = load_row(&pl, s);
	sqlite3_reset(s);
	if(rc || arena_oom(a))
		return pl_nomem(err);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "reading pedigrees");
	*out = pl.p;
	*n = pl.n;
	return name_persons(&pl, err);
}

pl_rc dna_pedigrees_list(store *st, arena *a, dna_pedigree_info **out, size_t *n, pl_err *err)
{
	return load(st, NULL, a, out, n, err);
}

pl_rc dna_pedigree_show(store *st, const char *family, arena *a, dna_pedigree_info *out, pl_err *err)
{
	dna_pedigree_info *p;
	size_t n;
	pl_rc rc = load(st, family, a, &p, &n, err);
	if(rc)
		return rc;
	char cut[88];
	snprintf(cut, sizeof(cut), "%.80s", family);
	if(!n)
		return pl_failc(err, PL_ENOTFOUND, "dna.no_pedigree_family", "family", cut, NULL);
	*out = p[0];
	buf t;
	buf_init(&t, 0);
	rc = dna_pedigree_tree(out, &t);
	out->tree = rc ? NULL : arena_strdup(a, buf_str(&t));
	buf_free(&t);
	return rc || !out->tree ? pl_nomem(err) : PL_OK;
}

/* ---- the tree ----------------------------------------------------------------------- */

enum { DNA_PED_TREE_MAX = 128 };   /* couples of one individual drawn */

typedef struct tree {
	const dna_pedigree_info *p;
	int *father, *mother;     /* indices, -1: none */
	int (*mating)[2];         /* distinct couples, in the order of their first child */
	int nm;
	bool *mating_done, *shown;
	buf *out;
} tree;

static int index_of(const dna_pedigree_info *p, const char *id)
{
	for(int i = 0; id && i < p->n; i++)
		if(!strcmp(p->ind[i].id, id))
			return i;
	return -1;
}

static pl_rc label(tree *t, int i)
{
	const dna_ped_individual *x = &t->p->ind[i];
	pl_rc rc = buf_printf(t->out, "%s (%s)", x->id, x->sex);
	if(!rc && x->sample)
		rc = buf_printf(t->out, " typed: sample %s, %d loci", x->sample, x->loci);
	if(!rc && x->person)
		rc = buf_printf(t->out, " MISSING: %s%s%s", x->person, x->person_name ? " " : "",
		                x->person_name ? x->person_name : "");
	return rc;
}

static pl_rc person_line(tree *t, int i, const char *prefix, const char *branch);

/* The couple's line under one of them, then their children. */
static pl_rc couple(tree *t, int k, int self, const char *prefix, bool last)
{
	t->mating_done[k] = true;
	int partner = t->mating[k][0] == self ? t->mating[k][1] : t->mating[k][0];
	pl_rc rc = buf_printf(t->out, "%s%swith ", prefix, last ? "└─ " : "├─ ");
	if(!rc)
		rc = label(t, partner);
	if(!rc && t->shown[partner])
		rc = buf_adds(t->out, " (shown above)");
	if(!rc)
		rc = buf_addc(t->out, '\n');
	t->shown[partner] = true;
	char inner[1024];
	snprintf(inner, sizeof(inner), "%.1000s%s", prefix, last ? "   " : "│  ");
	int nchild = 0, seen = 0;
	for(int c = 0; c < t->p->n; c++)
		nchild += t->father[c] == t->mating[k][0] && t->mother[c] == t->mating[k][1];
	for(int c = 0; !rc && c < t->p->n; c++)
		if(t->father[c] == t->mating[k][0] && t->mother[c] == t->mating[k][1])
			rc = person_line(t, c, inner, ++seen == nchild ? "└─ " : "├─ ");
	return rc;
}

static pl_rc person_line(tree *t, int i, const char *prefix, const char *branch)
{
	pl_rc rc = buf_printf(t->out, "%s%s", prefix, branch);
	if(!rc)
		rc = label(t, i);
	if(!rc && t->shown[i])
		return buf_adds(t->out, " (shown above)\n");
	if(!rc)
		rc = buf_addc(t->out, '\n');
	t->shown[i] = true;
	int mine[DNA_PED_TREE_MAX], n = 0;
	for(int k = 0; k < t->nm && n < DNA_PED_TREE_MAX; k++)
		if(!t->mating_done[k] && (t->mating[k][0] == i || t->mating[k][1] == i))
			mine[n++] = k;
	char inner[1024];
	snprintf(inner, sizeof(inner), "%.1000s%s", prefix, !*branch ? "" : !strcmp(branch, "└─ ") ? "   " : "│  ");
	for(int j = 0; !rc && j < n; j++)
		if(!t->mating_done[mine[j]])
			rc = couple(t, mine[j], i, inner, j == n - 1);
	return rc;
}

/* A founder starts a line of the tree unless they appear as the partner
 * of someone else: a founder with no child, or a father whose partner is a
 * founder too. */
static bool root(const tree *t, int i)
{
	if(t->father[i] >= 0)
		return false;
	bool any = false;
	for(int k = 0; k < t->nm; k++) {
		if(t->mating[k][0] == i && t->father[t->mating[k][1]] < 0)
			return true;
		any |= t->mating[k][0] == i || t->mating[k][1] == i;
	}
	return !any;
}

pl_rc dna_pedigree_tree(const dna_pedigree_info *p, buf *out)
{
	size_t n = (size_t)p->n + 1;
	tree t = {p, calloc(n, sizeof(int)), calloc(n, sizeof(int)), calloc(n, sizeof(int[2])), 0,
	          calloc(n, sizeof(bool)), calloc(n, sizeof(bool)), out};
	pl_rc rc = t.father && t.mother && t.mating && t.mating_done && t.shown ? PL_OK : PL_ENOMEM;
	for(int i = 0; !rc && i < p->n; i++) {
		t.father[i] = index_of(p, p->ind[i].father);
		t.mother[i] = index_of(p, p->ind[i].mother);
		if(t.father[i] < 0 || t.mother[i] < 0) {
			t.father[i] = t.mother[i] = -1;
			continue;
		}
		int k = 0;
		while(k < t.nm && !(t.mating[k][0] == t.father[i] && t.mating[k][1] == t.mother[i]))
			k++;
		if(k == t.nm) {
			t.mating[k][0] = t.father[i];
			t.mating[k][1] = t.mother[i];
			t.nm++;
		}
	}
	if(!rc)
		rc = buf_printf(out, "family %s\n", p->family);
	for(int i = 0; !rc && i < p->n; i++)
		if(root(&t, i) && !t.shown[i])
			rc = person_line(&t, i, "", "");
	/* what no line reached: couples of someone shown elsewhere (a second partner) */
	for(int k = 0; !rc && k < t.nm; k++)
		if(!t.mating_done[k] && !(rc = person_line(&t, t.mating[k][0], "", "")))
			t.mating_done[k] = true;
	free(t.father);
	free(t.mother);
	free(t.mating);
	free(t.mating_done);
	free(t.shown);
	return rc;
}

/* ---- JSON -------------------------------------------------------------------------- */

json_t *dna_pedigree_json(const dna_pedigree_info *p)
{
	json_t *ind = json_array();
	for(int i = 0; i < p->n; i++) {
		const dna_ped_individual *x = &p->ind[i];
		json_t *v = json_pack("{s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:s?, s:s?}", "id", x->id, "father",
		                      x->father, "mother", x->mother, "sex", x->sex, "sample", x->sample,
		                      "person", x->person, "person_name", x->person_name, "note", x->note);
		if(x->sample)
			json_object_set_new(v, "loci", json_integer(x->loci));
		json_array_append_new(ind, v);
	}
	json_t *v = json_pack("{s:s, s:s?, s:s?, s:s?, s:i, s:i, s:i, s:o}", "family", p->family, "source",
	                      p->source, "created_at", p->created_at, "updated_at", p->updated_at,
	                      "individuals", p->n, "typed", p->typed, "missing", p->missing, "members", ind);
	if(p->tree)
		json_object_set_new(v, "tree", json_string(p->tree));
	return v;
}
