/* Statements: their figures (statement.h); the words are in
 * statement_text.c. */
#include <string.h>

#include "accord/internal.h"
#include "accord/ledger.h"
#include "accord/statement.h"

static const char *const cat_names[CAT_COUNT] = {
	"armed_forces", "national_guard", "border_guard", "other", "civilian",
	"severely_wounded", "seriously_ill", "aged_18_to_25", "other_service", "wounded_or_ill"};

const char *statement_cat_name(statement_cat c)
{
	return (unsigned)c < CAT_COUNT ? cat_names[c] : "?";
}

/* The lowest age of each band; the last has no end. */
static const int band_lo[STATEMENT_BANDS] = {0, 18, 26, 36, 46, 56, 66};

static int band_of(int age)
{
	int b = 0;
	while(b + 1 < STATEMENT_BANDS && age >= band_lo[b + 1])
		b++;
	return b;
}

static int band_hi(int b)
{
	return b + 1 < STATEMENT_BANDS ? band_lo[b + 1] - 1 : -1;
}

/* ---- counting persons ------------------------------------------------------ */

static void count_age(statement *s, pdate birth)
{
	int lo, hi;
	date_age_range(birth, s->st.date, &lo, &hi);
	s->cat[CAT_YOUNG] += lo >= 18 && hi <= 25;
	if(s->youngest < 0 || lo < s->youngest)
		s->youngest = lo;
	if(hi > s->oldest)
		s->oldest = hi;
	/* In a band only when every age the birth date allows is in it: a
	 * group never holds someone who may be outside it. */
	if(lo >= 0 && band_of(lo) == band_of(hi))
		s->band[band_of(lo)]++;
}

static void count_capture(statement *s, pdate cap)
{
	if(!s->held_since.y || date_lo(cap) < date_lo(s->held_since))
		s->held_since = cap;
	if(cap.y >= STATEMENT_YEAR0 && cap.y < STATEMENT_YEAR0 + STATEMENT_YEARS)
		s->captured[cap.y - STATEMENT_YEAR0]++;
	const pdate start = s->ag->conflict_start;
	if(start.y && date_lo(cap) >= date_lo(start) &&
	   date_hi(cap) <= date_ymd_add_days(date_lo(start), 14))
		s->first_days_n++;
}

void statement_add_person(statement *s, const person *p)
{
	static const statement_cat branches[] = {CAT_ARMED_FORCES, CAT_NATIONAL_GUARD, CAT_BORDER_GUARD,
	                                         CAT_OTHER_BRANCH, CAT_CIVILIAN};
	for(size_t b = 0; b < sizeof(branches) / sizeof(branches[0]); b++)
		if(p->f[PF_BRANCH] && !strcmp(p->f[PF_BRANCH], cat_names[branches[b]]))
			s->cat[branches[b]]++;
	const char *m = p->f[PF_MEDICAL];
	s->cat[CAT_SEVERELY_WOUNDED] += m && !strcmp(m, "severely_wounded");
	s->cat[CAT_SERIOUSLY_ILL] += m && !strcmp(m, "seriously_ill");
	pdate d;
	const char *why;
	if(p->f[PF_BIRTH_DATE] && date_parse(p->f[PF_BIRTH_DATE], &d, &why))
		count_age(s, d);
	if(p->f[PF_CAPTURE_DATE] && date_parse(p->f[PF_CAPTURE_DATE], &d, &why))
		count_capture(s, d);
}

/* ---- what is said --------------------------------------------------------- */

/* Name a category with at least k in it; else it counts toward `rest`. */
static void name_or_merge(statement *s, statement_cat c, long *rest)
{
	if(s->cat[c] >= s->k)
		s->named[c] = s->cat[c];
	else if(s->cat[c])
		*rest += s->cat[c];
}

/* Under embargo: the categories of at least k; the smaller branches of
 * service together, the severely wounded with the seriously ill, when
 * that makes k; the rest left out. */
static void settle_categories(statement *s)
{
	long service = 0, medical = 0, alone = 0;
	for(int c = CAT_ARMED_FORCES; c <= CAT_OTHER_BRANCH; c++)
		name_or_merge(s, (statement_cat)c, &service);
	name_or_merge(s, CAT_SEVERELY_WOUNDED, &medical);
	name_or_merge(s, CAT_SERIOUSLY_ILL, &medical);
	name_or_merge(s, CAT_CIVILIAN, &alone);
	name_or_merge(s, CAT_YOUNG, &alone);
	s->named[CAT_OTHER_SERVICE] = service >= s->k ? service : 0;
	s->named[CAT_WOUNDED_OR_ILL] = medical >= s->k ? medical : 0;
	s->left_out |= service || medical || alone;
}

/* Under embargo: the bands merged, youngest first, until each group holds
 * at least k; what is left at the end joins the last group. Bounds are
 * those of the bands that hold someone. */
static void settle_ages(statement *s)
{
	long run = 0;
	int first = -1, last = -1;
	for(int b = 0; b < STATEMENT_BANDS; b++) {
		if(!s->band[b])
			continue;
		if(first < 0)
			first = b;
		last = b;
		run += s->band[b];
		if(run >= s->k) {
			s->groups[s->ngroups++] = (statement_group){band_lo[first], band_hi(b), run};
			run = 0;
			first = -1;
		}
	}
	if(run) {
		s->left_out = true;
		if(s->ngroups) {
			statement_group *g = &s->groups[s->ngroups - 1];
			g->n += run;
			g->hi = band_hi(last);
		}
	}
	/* One group of every age says nothing. */
	if(s->ngroups == 1 && s->groups[0].lo == 0 && s->groups[0].hi < 0)
		s->ngroups = 0;
}

/* Under embargo: the earliest year by whose end at least k had been
 * captured, or the first days when at least k were captured then. */
static void settle_captivity(statement *s)
{
	s->says_first_days = s->first_days_n >= s->k;
	long sum = 0;
	for(int y = 0; y < STATEMENT_YEARS && !s->says_first_days; y++) {
		sum += s->captured[y];
		if(sum >= s->k) {
			s->since_year = STATEMENT_YEAR0 + y;
			break;
		}
	}
}

void statement_settle(statement *s)
{
	const pdate start = s->ag->conflict_start;
	s->first_days = start.y && s->held_since.y && date_lo(s->held_since) >= date_lo(start) &&
	                date_hi(s->held_since) <= date_ymd_add_days(date_lo(start), 14);
	memset(s->named, 0, sizeof(s->named));
	s->ngroups = 0;
	s->since_year = 0;
	s->left_out = false;
	if(!s->embargo) {
		memcpy(s->named, s->cat, sizeof(s->named));
		s->says_first_days = s->first_days;
		return;
	}
	settle_categories(s);
	settle_ages(s);
	settle_captivity(s);
}

/* ---- from the database ------------------------------------------------------ */

static pl_rc embargo_holds(store *st, const statement *s, bool *out, pl_err *err)
{
	const agreement *ag = s->ag;
	*out = ag->embargo_until.y && date_lo(s->on) < date_lo(ag->embargo_until);
	if(*out || !ag->embargo_until_done)
		return PL_OK;
	sqlite3_stmt *q;
	pl_rc rc = store_stmt(st, "SELECT count(*) FROM stage WHERE agreement_id = ?"
	                          " AND status IN ('draft', 'proposed', 'agreed', 'in_progress')", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(q, 1, ag->id);
	*out = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) > 0;
	sqlite3_reset(q);
	return PL_OK;
}

/* The bodies the other side delivered to `side` in the stage: read from
 * what the ledger counts (ledger.c, count_batches and count_tied), the
 * manifest's batches as delivered at execution and the remains batches
 * tied to the stage by their declared counts, so that the two never
 * disagree. */
static pl_rc bodies_received(store *st, statement *s, int side, arena *a, pl_err *err)
{
	sqlite3_stmt *q;
	pl_rc rc = store_stmt(st, "SELECT side, delivered FROM stage_batch WHERE stage_id = ?"
	                          " AND delivered IS NOT NULL", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(q, 1, s->st.id);
	int sr;
	while((sr = sqlite3_step(q)) == SQLITE_ROW) {
		int from = agreement_side(s->ag, store_column_text(q, 0));
		long n = (long)sqlite3_column_int64(q, 1);
		if(from >= 0 && from != side && n > 0)
			s->bodies += n;
	}
	sqlite3_reset(q);
	if(sr != SQLITE_DONE)
		return store_fail(st, err, sr, "reading the stage's batches");
	ledger_batch *b;
	size_t n;
	if((rc = ledger_batches_tied(st, s->ag, s->st.id, a, &b, &n, err)))
		return rc;
	for(size_t i = 0; i < n; i++)
		if(b[i].side >= 0 && b[i].side != side && b[i].declared > 0)
			s->bodies += b[i].declared;
	return PL_OK;
}

/* The people handed over to `side`, and the bodies. */
static pl_rc gather(store *st, statement *s, int side, arena *a, pl_err *err)
{
	for(size_t i = 0; i < s->st.nentries; i++) {
		const stage_entry *e = &s->st.entries[i];
		if(e->side == side || e->outcome != OUTCOME_HANDED_OVER)
			continue;
		s->received++;
		person p;
		if(!e->person[0])
			continue;
		pl_rc rc = registry_person_get(st, e->person, a, &p, err);
		if(rc)
			return rc;
		statement_add_person(s, &p);
	}
	return bodies_received(st, s, side, a, err);
}

/* Who received people: the given party, else the one the other side
 * handed people to (the first party's people first). */
static int receiving_side(const statement *s, const char *party, pl_err *err)
{
	const agreement *ag = s->ag;
	if(party) {
		int k = agreement_side(ag, party);
		if(k < 0)
			pl_failc(err, PL_EINPUT, "statement.not_party", "party", party, "agreement", ag->name, "a",
			         ag->party[0], "b", ag->party[1], AGREEMENT_TITLE_ARGS(ag), NULL);
		return k;
	}
	for(int k = 0; k < 2; k++)
		for(size_t i = 0; i < s->st.nentries; i++)
			if(s->st.entries[i].side != k)
				return k;
	return 0;
}

pl_rc statement_make(store *st, const char *stage_uid, const statement_opts *o, arena *a,
                     statement *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	out->youngest = out->oldest = -1;
	agreement *ag = arena_alloc(a, sizeof(*ag));
	if(!ag)
		return pl_nomem(err);
	pl_rc rc = stage_get(st, stage_uid, a, &out->st, err);
	rc = rc ? rc : agreement_get_id(st, out->st.agreement_id, a, ag, err);
	if(rc)
		return rc;
	out->ag = ag;
	out->on = o->on.y ? o->on : date_today();
	out->k = o->k ? o->k : ag->embargo_k;
	if(out->k < ag->embargo_k || out->k > AGREEMENT_K_MAX)
		return pl_failc(err, PL_EINPUT, "statement.k", "min", PL_N(ag->embargo_k), "agreement", ag->name,
		                "max", PL_N(AGREEMENT_K_MAX), "k", PL_N(out->k), AGREEMENT_TITLE_ARGS(ag), NULL);
	if(out->st.status != STAGE_EXECUTED && out->st.status != STAGE_CLOSED)
		return pl_failc(err, PL_ECONFLICT, "statement.not_executed", "stage", out->st.uid, "status",
		                stage_status_name(out->st.status), NULL);
	int side = receiving_side(out, o->party, err);
	if(side < 0)
		return PL_EINPUT;
	out->party = ag->party[side];
	/* side is who received: the entries handed over by the other. */
	rc = gather(st, out, side, a, err);
	rc = rc ? rc : embargo_holds(st, out, &out->embargo, err);
	if(!rc)
		statement_settle(out);
	return rc;
}
