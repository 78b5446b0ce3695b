/* A relative's consent to the use of their reference (src/dna/refconsent.c,
 * db.c, run.c, import.c): a screening with the reference proposes the case;
 * withheld, the same screening proposes nothing from it and the earlier
 * proposal fell with its reason; released, it proposes again; a confirmed
 * identification is listed, not undone; a reference imported for a withheld
 * sample is imported withheld; a sample is one consent's. */
#include "dna/simulated.h"
#include "remains/fixture.h"

#include "auth/auth.h"
#include "dna/dna.h"

static char *path(fixture *f, const char *name)
{
	static char p[4][4096];
	static int i;
	i = (i + 1) % 4;
	return (char *)tu_path(p[i], sizeof(p[i]), f->dir, name);
}

static void import_file(fixture *f, dna_import_kind kind, const char *p, dna_import_report *rep)
{
	pl_rc rc = dna_import(f->r, kind, p, NULL, rep, &f->err);
	if(rc)
		fail_msg("%s: %s\n%s", p, f->err.msg, buf_str(&rep->errors));
}

/* The simulator's files for n missing persons, each with a mother typed and
 * remains, imported but the references (with_refs false). */
static void filled(fixture *f, long n, bool with_refs)
{
	kx_sim_files(f->dir, n, 5, "mother=1", 0, 0, 0);
	const char *paths[] = {path(f, "persons.csv")};
	import_opts io = {.format = FORMAT_CSV};
	import_report ir;
	assert_ok(registry_import(f->r, paths, 1, &io, &ir, &f->err), &f->err);
	import_report_free(&ir);
	remains_import_report rr;
	assert_ok(remains_import(f->r, path(f, "cases.csv"), NULL, &rr, &f->err), &f->err);
	remains_import_report_free(&rr);
	dna_import_report rep;
	import_file(f, DNA_IMPORT_GENOTYPES, PARLEY_STR_DIR "/nist1036_genotypes.csv", &rep);
	dna_import_report_free(&rep);
	import_file(f, DNA_IMPORT_REMAINS, path(f, "remains.csv"), &rep);
	dna_import_report_free(&rep);
	if(with_refs) {
		import_file(f, DNA_IMPORT_REFERENCES, path(f, "references.csv"), &rep);
		dna_import_report_free(&rep);
	}
}

static void screen(fixture *f, dna_screen_summary *s)
{
	dna_params prm = DNA_PARAMS_INIT;
	prm.threads = 2;
	assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, s, &f->err), &f->err);
}

/* The proposal of case and person now (its status, or "" when none). */
static const char *status_of(fixture *f, const char *tag, const char *who)
{
	dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
	q.case_tag = tag;
	q.person = who;
	dna_proposal *p;
	size_t n, total;
	assert_ok(dna_proposals_list(f->r, &q, &f->a, &p, &n, &total, &f->err), &f->err);
	return n ? p[0].status : "";
}

/* The best kinship proposal, and the mother's sample of its person. */
static void best(fixture *f, char tag[64], char who[UID_SIZE], char sample[64])
{
	dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
	q.status = "proposed";
	dna_proposal *p;
	size_t n, total;
	assert_ok(dna_proposals_list(f->r, &q, &f->a, &p, &n, &total, &f->err), &f->err);
	size_t i = 0;
	while(i < n && strcmp(p[i].kind, "kinship"))
		i++;
	assert_true(i < n);
	snprintf(tag, 64, "%s", p[i].case_tag);
	snprintf(who, UID_SIZE, "%s", p[i].person);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(f->r), "SELECT d.sample FROM dna_profile d JOIN dna_relative r"
	                                    " ON r.profile_id = d.id JOIN person x ON x.id = r.person_id WHERE"
	                                    " x.uid = ?", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, who, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	snprintf(sample, 64, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

static void hold(fixture *f, const char *sample, const char *holder)
{
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_ok(store_end(f->r, dna_reference_hold(f->r, sample, holder, "2025-10-01", &f->err), &f->err), &f->err);
}

static void withhold(fixture *f, const char *holder, dna_consent_change *d)
{
	dna_consent_change_init(d);
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_ok(store_end(f->r, dna_reference_withhold(f->r, holder, "2025-10-20", "consent withdrawn", d, &f->err),
	                    &f->err), &f->err);
}

static void test_withheld_falls_and_comes_back(void **state)
{
	fixture *f = *state;
	filled(f, 20, true);
	dna_screen_summary s;
	screen(f, &s);
	assert_true(s.proposals >= 10);
	assert_null(strstr(buf_str(&s.notes), "withheld"));
	dna_screen_summary_free(&s);
	char tag[64], who[UID_SIZE], sample[64];
	best(f, tag, who, sample);
	assert_string_equal(status_of(f, tag, who), "proposed");
	hold(f, sample, "inquiry Q1");
	/* named, the consent standing: the same screening proposes it */
	screen(f, &s);
	dna_screen_summary_free(&s);
	assert_string_equal(status_of(f, tag, who), "proposed");
	dna_consent_change d;
	withhold(f, "inquiry Q1", &d);
	assert_int_equal(d.nsamples, 1);
	assert_string_equal(d.samples[0], sample);
	assert_int_equal(d.profiles, 1);
	assert_int_equal(d.nfallen, 1);
	assert_int_equal(d.nresting, 0);
	assert_string_equal(d.fallen[0].case_tag, tag);
	assert_string_equal(d.fallen[0].person, who);
	assert_string_equal(d.fallen[0].status, "fallen");
	assert_string_equal(d.fallen[0].fallen_from, "proposed");
	assert_string_equal(d.fallen[0].fallen_reason, "consent withdrawn");
	assert_string_equal(d.fallen[0].fallen_sample, sample);
	dna_consent_change_free(&d);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_proposal' AND action = 'fall'"), 1);
	/* the same screening: nothing from it, said, and the fallen proposal kept */
	screen(f, &s);
	assert_non_null(strstr(buf_str(&s.notes), "withheld: its giver's DNA consent was withdrawn on 2025-10-20"));
	dna_screen_summary_free(&s);
	assert_string_equal(status_of(f, tag, who), "fallen");
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal WHERE status = 'fallen'"), 1);
	/* a fallen proposal is not reviewed */
	dna_decision dec;
	assert_int_equal(dna_review(f->r, tag, who, "looked", &dec, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "fell on 2025-10-20 (consent withdrawn)");
	/* explained without it: the person has no reference left */
	dna_explanation e;
	assert_int_not_equal(dna_explain(f->r, tag, who, &f->a, &e, &f->err), PL_OK);
	/* listed as withheld */
	dna_reference_query rq = {.withheld = true};
	dna_reference_row *rows;
	size_t n, total;
	assert_ok(dna_references_list(f->r, &rq, &f->a, &rows, &n, &total, &f->err), &f->err);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].sample, sample);
	assert_string_equal(rows[0].state, "withdrawn");
	assert_string_equal(rows[0].holder, "inquiry Q1");
	assert_string_equal(rows[0].reason, "consent withdrawn");
	/* given again: usable, and proposed again by the next screening */
	dna_consent_change_init(&d);
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_ok(store_end(f->r, dna_reference_release(f->r, "inquiry Q1", "2025-10-25", &d, &f->err), &f->err),
	          &f->err);
	assert_int_equal(d.nsamples, 1);
	dna_consent_change_free(&d);
	screen(f, &s);
	assert_null(strstr(buf_str(&s.notes), "withheld"));
	dna_screen_summary_free(&s);
	assert_string_equal(status_of(f, tag, who), "proposed");
	/* the row remembers that it fell once */
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal WHERE status = 'proposed' AND fallen_at ="
	                              " '2025-10-20'"), 1);
}

static void test_confirmed_is_listed_not_undone(void **state)
{
	fixture *f = *state;
	filled(f, 20, true);
	static const char *const users[] = {"alice", "bob"};
	for(int i = 0; i < 2; i++)
		assert_ok(auth_user_add(f->r, users[i], NULL, 1u << ROLE_IDENTIFICATION, "a long password 1", "tester",
		                        &f->err), &f->err);
	dna_screen_summary s;
	screen(f, &s);
	dna_screen_summary_free(&s);
	char tag[64], who[UID_SIZE], sample[64];
	best(f, tag, who, sample);
	dna_decision dec;
	assert_int_equal(store_set_actor(f->r, "alice"), PL_OK);
	assert_ok(dna_review(f->r, tag, who, "read again", &dec, &f->err), &f->err);
	assert_int_equal(store_set_actor(f->r, "bob"), PL_OK);
	assert_ok(dna_confirm(f->r, tag, who, NULL, false, &dec, &f->err), &f->err);
	assert_int_equal(store_set_actor(f->r, "tester"), PL_OK);
	hold(f, sample, "inquiry Q2");
	dna_consent_change d;
	withhold(f, "inquiry Q2", &d);
	assert_int_equal(d.nfallen, 0);
	assert_int_equal(d.nresting, 1);
	assert_string_equal(d.resting[0].case_tag, tag);
	assert_string_equal(d.resting[0].status, "confirmed");
	dna_consent_change_free(&d);
	assert_string_equal(status_of(f, tag, who), "confirmed");
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_case WHERE tag = '%s' AND status = 'confirmed'", tag),
	                 1);
}

static void test_a_withheld_sample_is_imported_withheld(void **state)
{
	fixture *f = *state;
	filled(f, 10, false);
	/* the consent withdrawn before the laboratory's file came */
	hold(f, "REF-000001", "inquiry Q3");
	dna_consent_change d;
	withhold(f, "inquiry Q3", &d);
	assert_int_equal(d.nsamples, 1);
	assert_int_equal(d.profiles, 0);
	assert_int_equal(d.nfallen, 0);
	dna_consent_change_free(&d);
	dna_import_report rep;
	import_file(f, DNA_IMPORT_REFERENCES, path(f, "references.csv"), &rep);
	assert_int_equal(rep.withheld, 1);
	assert_contains(buf_str(&rep.notes), "reference REF-000001 imported withheld: its giver's DNA consent was"
	                                     " withdrawn on 2025-10-20 (inquiry Q3)");
	dna_import_report_free(&rep);
	dna_screen_summary s;
	screen(f, &s);
	assert_contains(buf_str(&s.notes), "reference REF-000001 withheld");
	/* the family of that sample is none: one fewer than the missing persons */
	assert_int_equal(s.families, 9);
	dna_screen_summary_free(&s);
}

static void test_a_sample_is_one_consents(void **state)
{
	fixture *f = *state;
	hold(f, "S-1", "inquiry Q4");
	hold(f, "S-1", "inquiry Q4"); /* again: nothing changes */
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_reference'"), 1);
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_int_equal(store_end(f->r, dna_reference_hold(f->r, "S-1", "inquiry Q5", "2025-10-01", &f->err), &f->err),
	                 PL_ECONFLICT);
	assert_contains(f->err.msg, "sample S-1 was given under another consent (inquiry Q4)");
	assert_ok(store_begin(f->r, &f->err), &f->err);
	assert_int_equal(store_end(f->r, dna_reference_hold(f->r, "", "inquiry Q5", "2025-10-01", &f->err), &f->err),
	                 PL_EINPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_withheld_falls_and_comes_back, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_confirmed_is_listed_not_undone, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_withheld_sample_is_imported_withheld, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_sample_is_one_consents, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("dna/refconsent", tests, NULL, NULL);
}
