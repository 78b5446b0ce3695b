/* Consent per purpose: given, withdrawn (dated and kept, never deleted),
 * given again; contradictions refused with nothing written. */
#include "fixture.h"

static unsigned in_force(fixture *f, const char *uid)
{
	inquiry_detail d;
	assert_ok(family_inquiry_get(f->r, uid, &f->a, &d, &f->err), &f->err);
	return d.q.consents_in_force;
}

static void test_withdrawn_consent_is_kept_with_its_date(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res); /* tracing and share_icrc, 2025-03-01 */
	assert_ok(family_consent_withdraw(f->r, res.uid, "share_icrc", "2025-06-01", "oral", &f->err), &f->err);
	assert_int_equal(in_force(f, res.uid), 1u << CP_TRACING);
	inquiry_detail d;
	assert_ok(family_inquiry_get(f->r, res.uid, &f->a, &d, &f->err), &f->err);
	assert_int_equal(d.nconsents, 2);
	assert_int_equal(d.consents[1].purpose, CP_SHARE_ICRC);
	assert_string_equal(d.consents[1].given, "2025-03-01");
	assert_string_equal(d.consents[1].withdrawn, "2025-06-01");
	assert_string_equal(d.consents[1].withdrawn_form, "oral");
	assert_null(d.consents[0].withdrawn);
	/* Given again later: a new grant beside the old one. */
	consent_input c = {.purpose = "share_icrc", .form = "online", .date = "2025-09-01"};
	assert_ok(family_consent_give(f->r, res.uid, &c, &f->err), &f->err);
	assert_int_equal(in_force(f, res.uid), (1u << CP_TRACING) | (1u << CP_SHARE_ICRC));
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry_consent"), 3);
	/* Never deleted, even by hand. */
	assert_int_not_equal(sqlite3_exec(store_db(f->r), "DELETE FROM inquiry_consent", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action IN ('consent', 'withdraw')"), 2);
	fam_chain_intact(f);
}

static void test_contradictory_consent_is_refused(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	long long entries = fx_scalar(f, "SELECT count(*) FROM audit");
	/* A withdrawal dated before its grant. */
	assert_int_equal(family_consent_withdraw(f->r, res.uid, "tracing", "2025-01-01", NULL, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.withdraw_before");
	assert_contains(f->err.msg, "before its grant of 2025-03-01");
	/* Tracing withdrawn while sharing with the ICRC stands. */
	assert_int_equal(family_consent_withdraw(f->r, res.uid, "tracing", "2025-04-01", NULL, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "family.tracing_shared");
	/* Sharing with the other party dated before tracing was given. */
	consent_input c = {.purpose = "share_other_party", .form = "written", .date = "2025-02-01"};
	assert_int_equal(family_consent_give(f->r, res.uid, &c, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.share_without_tracing");
	/* Given twice; withdrawn when not given; a future date; an unknown purpose. */
	c = (consent_input){.purpose = "tracing", .form = "oral", .date = "2025-05-01"};
	assert_int_equal(family_consent_give(f->r, res.uid, &c, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "family.consent_in_force");
	assert_int_equal(family_consent_withdraw(f->r, res.uid, "court", NULL, NULL, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "family.consent_not_given");
	c = (consent_input){.purpose = "court", .form = "written", .date = "2999-01-01"};
	assert_int_equal(family_consent_give(f->r, res.uid, &c, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.consent_date");
	c = (consent_input){.purpose = "gossip", .form = "written"};
	assert_int_equal(family_consent_give(f->r, res.uid, &c, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.purpose");
	/* Nothing of it written. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry_consent"), 2);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry_consent WHERE withdrawn IS NOT NULL"), 0);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit"), entries);
}

static void test_a_grant_may_not_reach_back_before_a_withdrawal(void **state)
{
	fixture *f = *state;
	inquiry_result res;
	fam_first(f, &res);
	assert_ok(family_consent_withdraw(f->r, res.uid, "share_icrc", "2025-06-01", NULL, &f->err), &f->err);
	consent_input c = {.purpose = "share_icrc", .form = "written", .date = "2025-05-01"};
	assert_int_equal(family_consent_give(f->r, res.uid, &c, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.consent_overlap");
	/* Tracing may go once sharing has gone; then sharing cannot come back without it. */
	assert_ok(family_consent_withdraw(f->r, res.uid, "tracing", "2025-07-01", NULL, &f->err), &f->err);
	assert_int_equal(in_force(f, res.uid), 0);
	c = (consent_input){.purpose = "share_icrc", .form = "written", .date = "2025-08-01"};
	assert_int_equal(family_consent_give(f->r, res.uid, &c, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "family.share_without_tracing");
	c = (consent_input){.purpose = "dna_reference", .form = "written", .date = "2025-08-01"};
	assert_ok(family_consent_give(f->r, res.uid, &c, &f->err), &f->err);
	assert_int_equal(in_force(f, res.uid), 1u << CP_DNA_REFERENCE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_withdrawn_consent_is_kept_with_its_date, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_contradictory_consent_is_refused, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_grant_may_not_reach_back_before_a_withdrawal, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("family consent", tests, NULL, NULL);
}
