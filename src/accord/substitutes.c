/* Who could go instead of a person at the handover (stage.h): the persons
 * a name finds among those the entry's side holds, each judged by the
 * entry's clause as the planner judges (clause_admits). */
#include <string.h>

#include "accord/internal.h"
#include "core/utf8.h"

typedef struct pick {
	int seq;
	const char *name;
	size_t limit;
	stage_candidate *out;
	size_t n;
} pick;

static void judge(store *st, const agreement *ag, const clause *cl, const stage *s, int side,
                  const person *p, arena *a, stage_candidate *c)
{
	memcpy(c->uid, p->uid, UID_SIZE);
	c->surname = p->f[PF_SURNAME] ? p->f[PF_SURNAME] : p->f[PF_SURNAME_LATIN];
	c->given_names = p->f[PF_GIVEN_NAMES] ? p->f[PF_GIVEN_NAMES] : p->f[PF_GIVEN_NAMES_LATIN];
	c->birth_date = p->f[PF_BIRTH_DATE];
	clause_booking b = {0};
	pl_err quiet = {0};
	/* A booking that cannot be read counts as none: clause_admits still
	 * judges the rest, and stage_record checks again when it is chosen. */
	if(stage_booking(st, p->id, s->uid, a, &b.stage, &b.mediator, &quiet))
		b = (clause_booking){0};
	c->eligible = clause_admits(ag, cl, s->date, p, side, &b, &c->why);
}

static pl_rc find(store *st, stage *s, void *ctx, arena *a, pl_err *err)
{
	pick *k = ctx;
	if(s->status != STAGE_AGREED && s->status != STAGE_IN_PROGRESS)
		return pl_failc(err, PL_ECONFLICT, "stage.no_substitutes", "stage", s->uid, "status",
		                stage_status_name(s->status), NULL);
	const stage_entry *e = NULL;
	for(size_t i = 0; i < s->nentries && !e; i++)
		if(s->entries[i].seq == k->seq)
			e = &s->entries[i];
	if(!e)
		return pl_failc(err, PL_ENOTFOUND, "stage.no_entry", "stage", s->uid, "seq", PL_N(k->seq), NULL);
	agreement ag;
	pl_rc rc = agreement_get_id(st, s->agreement_id, a, &ag, err);
	const clause *cl = rc ? NULL : agreement_clause(&ag, e->clause);
	if(!rc && !cl)
		/* not for users: a broken database */
		return pl_fail(err, PL_EINTEGRITY, "entry %d names clause %s, which agreement %s lacks", e->seq,
		               e->clause, ag.name);
	person_query q = PERSON_QUERY_INIT;
	q.name = k->name;
	q.held_by = ag.party[e->side];
	q.limit = k->limit;
	person_page page;
	rc = rc ? rc : registry_search(st, &q, a, &page, err);
	if(rc)
		return rc;
	k->out = arena_calloc(a, page.n + 1, sizeof(*k->out));
	if(!k->out)
		return pl_nomem(err);
	/* The eligible first, each group in the search's order. */
	for(int pass = 0; pass < 2; pass++)
		for(size_t i = 0; i < page.n; i++) {
			stage_candidate c;
			if(stage_entry_find(s, page.rows[i].uid) >= 0)
				continue;
			judge(st, &ag, cl, s, e->side, &page.rows[i], a, &c);
			if(c.eligible == (pass == 0))
				k->out[k->n++] = c;
		}
	return PL_OK;
}

pl_rc stage_substitutes(store *st, const char *uid, int seq, const char *name, size_t limit, arena *a,
                        stage_candidate **out, size_t *n, pl_err *err)
{
	*out = NULL;
	*n = 0;
	if(!name || utf8_width(name) < 2)
		return pl_failc(err, PL_EINPUT, "stage.substitute_name", NULL);
	pick k = {.seq = seq, .name = name, .limit = limit ? limit : 20};
	arena mine;
	arena_init(&mine, 0);
	stage s;
	pl_rc rc = store_read_begin(st, err);
	if(!rc) {
		rc = stage_get(st, uid, &mine, &s, err);
		rc = rc ? rc : find(st, &s, &k, a, err);
		store_read_end(st);
	}
	arena_free(&mine);
	*out = k.out;
	*n = k.n;
	return rc;
}
