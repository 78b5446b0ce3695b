/* Bodies in the ledger: remains batches tied to a stage and a clause
 * about bodies count in the ledger and the statement; bad ties are
 * refused by field and change nothing; every tie is audited. */
#include "fixture.h"

#include "accord/ledger.h"
#include "accord/statement.h"
#include "remains/remains.h"

#define SIX FX_AGREEMENT("six", "{\"id\": \"w\", \"subject\": \"prisoners\", \"eligible\": \"status = held\"," \
	" \"basis\": {\"kind\": \"all_for_all\"}}, {\"id\": \"b\", \"subject\": \"remains\"," \
	" \"basis\": {\"kind\": \"quota\", \"each\": 6000}}")
#define OTHER FX_AGREEMENT("other", "{\"id\": \"w\", \"subject\": \"prisoners\", \"eligible\": \"status = held\"," \
	" \"basis\": {\"kind\": \"all_for_all\"}}")

static const pdate june9 = {2025, 6, 9};

static void batch(fixture *f, const char *label, long declared)
{
	remains_batch b = {.label = label, .from_party = "RU", .to_party = "UA", .handover_date = "2025-06-09",
	                   .declared = declared};
	assert_ok(remains_batch_add(f->r, &b, &f->err), &f->err);
}

static pl_rc tie(fixture *f, const char *label, const char *ag, const char *sg, const char *cl,
                 long declared, const char **field)
{
	ledger_tie t = {.batch = label, .agreement = ag, .stage = sg, .clause = cl, .declared = declared};
	return ledger_batch_tie(f->r, &t, field, &f->err);
}

static const ledger_side *side(fixture *f, const agreement *ag, const char *cl, int s)
{
	ledger *l = arena_calloc(&f->a, 1, sizeof(*l));
	assert_ok(ledger_compute(f->r, ag, &f->a, l, &f->err), &f->err);
	for(int i = 0; i < l->n; i++)
		if(!strcmp(l->clauses[i].cl->id, cl))
			return &l->clauses[i].side[s];
	fail_msg("no clause %s", cl);
	return NULL;
}

static void test_tied_batches_count(void **state)
{
	fixture *f = *state;
	agreement ag;
	fx_agreement(f, SIX, true, &ag);
	fx_prisoners(f, "UA", "RU", 2, NULL, "1990");
	char st[UID_SIZE];
	fx_stage_executed(f, &ag, "w", june9, st);
	batch(f, "RU-700", 700);
	batch(f, "RU-560", -1);
	assert_int_equal(side(f, &ag, "b", 1)->delivered, 0);
	const char *field;
	assert_ok(tie(f, "RU-700", "six", st, "b", -1, &field), &f->err);
	assert_ok(tie(f, "RU-560", NULL, st, "b", 560, &field), &f->err); /* declared given with the tie */
	const ledger_side *ru = side(f, &ag, "b", 1);
	assert_int_equal(ru->delivered, 1260);
	assert_int_equal(ru->owed, 6000 - 1260);
	assert_int_equal(ru->cases, 0);
	assert_int_equal(side(f, &ag, "b", 0)->delivered, 0);
	statement s;
	statement_opts o = {.party = "UA", .on = {2025, 6, 10}};
	assert_ok(statement_make(f->r, st, &o, &f->a, &s, &f->err), &f->err);
	assert_int_equal(s.bodies, 1260);
	buf b;
	buf_init(&b, 0);
	assert_int_equal(statement_render(&s, LANG_EN, STATEMENT_TEXT, &b), PL_OK);
	assert_non_null(strstr(buf_str(&b), "1,260"));
	buf_free(&b);
	/* The ledger's text says the bodies and that cases are not them. */
	ledger l;
	assert_ok(ledger_compute(f->r, &ag, &f->a, &l, &f->err), &f->err);
	buf_init(&b, 0);
	assert_int_equal(ledger_text(&ag, &l, &b), PL_OK);
	assert_non_null(strstr(buf_str(&b), "1,260"));
	buf_free(&b);
	/* Each tie audited; untying takes the bodies out again. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'tie'"), 2);
	assert_ok(tie(f, "RU-560", NULL, NULL, NULL, -1, &field), &f->err);
	assert_int_equal(side(f, &ag, "b", 1)->delivered, 700);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'tie'"), 3);
	/* The same tie again changes nothing and writes nothing. */
	assert_ok(tie(f, "RU-700", "six", st, "b", -1, &field), &f->err);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'tie'"), 3);
}

static void refused(fixture *f, pl_rc want, const char *field_want, const char *label, const char *ag,
                    const char *sg, const char *cl, long declared)
{
	const char *field = NULL;
	long long audit = fx_scalar(f, "SELECT count(*) FROM audit");
	assert_int_equal(tie(f, label, ag, sg, cl, declared, &field), want);
	assert_non_null(field);
	assert_string_equal(field, field_want);
	char prefix[32];
	snprintf(prefix, sizeof(prefix), "%s: ", field_want);
	assert_true(!strncmp(f->err.msg, prefix, strlen(prefix)));
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit"), audit);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM remains_batch WHERE stage_id IS NOT NULL"), 0);
}

static void test_bad_ties_are_refused(void **state)
{
	fixture *f = *state;
	agreement ag, other;
	fx_agreement(f, SIX, true, &ag);
	fx_agreement(f, OTHER, true, &other);
	fx_prisoners(f, "UA", "RU", 2, NULL, "1990");
	char st[UID_SIZE], st2[UID_SIZE];
	fx_stage_executed(f, &ag, "w", june9, st);
	fx_prisoners(f, "UA", "RU", 2, NULL, "1991");
	fx_stage_executed(f, &other, "w", june9, st2);
	batch(f, "B", 700);
	batch(f, "none", -1);
	remains_batch far = {.label = "far", .from_party = "RU", .to_party = "GE", .declared = 3};
	assert_ok(remains_batch_add(f->r, &far, &f->err), &f->err);
	refused(f, PL_EINPUT, "declared", "B", "six", st, "b", 0);
	refused(f, PL_EINPUT, "declared", "B", "six", st, "b", -5);
	refused(f, PL_EINPUT, "declared", "none", "six", st, "b", -1);
	refused(f, PL_EINPUT, "stage", "B", "six", st2, "b", -1);
	refused(f, PL_EINPUT, "clause", "B", "six", st, "w", -1);
	refused(f, PL_EINPUT, "clause", "B", "six", st, "nope", -1);
	refused(f, PL_EINPUT, "clause", "B", "six", st, NULL, -1);
	refused(f, PL_ENOTFOUND, "batch", "nope", "six", st, "b", -1);
	refused(f, PL_ENOTFOUND, "stage", "B", "six", "SXXXXXXXXXXXXXXXX", "b", -1);
	refused(f, PL_ENOTFOUND, "agreement", "B", "nope", st, "b", -1);
	refused(f, PL_EINPUT, "batch", "far", "six", st, "b", -1);
	assert_int_equal(side(f, &ag, "b", 1)->delivered, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tied_batches_count, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_bad_ties_are_refused, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("accord/ledger_bodies", tests, NULL, NULL);
}
