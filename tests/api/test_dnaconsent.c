/* DNA consent over the API, against the real server (issue 15, item 8): a
 * mother's inquiry with her DNA consent naming her sample; the screening
 * proposes her son's remains; the family liaison withdraws the consent and
 * the answer says which sample was withheld and which proposal fell; the
 * DNA references list it as withheld (with the inquiry and the day, never
 * her contacts); given again, the answer says the sample is usable again.
 * Samples on another purpose's consent, or not a list, are refused. */
#include "harness.h"

#include "dna/dna.h"
#include "dna/simulated.h"
#include "remains/remains.h"

#define NIST PARLEY_STR_DIR "/nist1036_genotypes.csv"

static int setup(void **state)
{
	if(fx_setup(state))
		return -1;
	kx_sim_files(fx->dir, 20, 7, "mother=1", 0, 0, 0);
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:dna", 0, &err), &err);
	char path[4400];
	const char *paths[] = {tu_path(path, sizeof(path), fx->dir, "persons.csv")};
	import_opts io = {.format = FORMAT_CSV};
	import_report ir;
	assert_ok(registry_import(st, paths, 1, &io, &ir, &err), &err);
	import_report_free(&ir);
	remains_import_report rr;
	assert_ok(remains_import(st, tu_path(path, sizeof(path), fx->dir, "cases.csv"), NULL, &rr, &err), &err);
	remains_import_report_free(&rr);
	static const struct {
		dna_import_kind kind;
		const char *file;
	} files[] = {{DNA_IMPORT_GENOTYPES, NULL}, {DNA_IMPORT_REFERENCES, "references.csv"},
	             {DNA_IMPORT_REMAINS, "remains.csv"}};
	for(size_t i = 0; i < 3; i++) {
		dna_import_report rep;
		assert_ok(dna_import(st, files[i].kind, files[i].file ? tu_path(path, sizeof(path), fx->dir, files[i].file)
		                                                      : NIST, NULL, &rep, &err), &err);
		dna_import_report_free(&rep);
	}
	store_close(st);
	return 0;
}

/* The mother's sample of person `who`, from the simulator's file. */
static void sample_of(const char *who, char out[64])
{
	char path[4400], line[8192];
	FILE *f = fopen(tu_path(path, sizeof(path), fx->dir, "references.csv"), "r");
	assert_non_null(f);
	out[0] = '\0';
	while(!out[0] && fgets(line, sizeof(line), f))
		if(strstr(line, who))
			snprintf(out, 64, "%.*s", (int)strcspn(line, ","), line);
	fclose(f);
	assert_true(out[0] != '\0');
}

static void the_withdrawal_says_which_proposals_fell(void **state)
{
	(void)state;
	resp r;
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/dna/screen", "{}", &r), 200);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/proposals?status=proposed&limit=1000", &r), 200);
	char tag[64] = "", who[UID_SIZE] = "", sample[64];
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(r.json, "proposals"), i, p) {
		if(!strcmp(str_at(p, "kind"), "kinship")) {
			snprintf(tag, sizeof(tag), "%s", str_at(p, "case"));
			snprintf(who, sizeof(who), "%s", str_at(p, "person"));
			break;
		}
	}
	resp_free(&r);
	assert_true(tag[0] != '\0');
	sample_of(who, sample);
	char body[1024], path[256], id[UID_SIZE];
	/* samples go with the DNA consent only */
	snprintf(body, sizeof(body), "{\"inquirer\":\"Ганна\",\"relation\":\"mother\",\"person\":\"%s\",\"consents\":"
	         "[{\"purpose\":\"tracing\",\"form\":\"oral\",\"samples\":[\"%s\"]}]}", who, sample);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", body, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "family.samples_not_dna");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"inquirer\":\"Ганна\",\"relation\":\"mother\",\"person\":\"%s\",\"consents\":"
	         "[{\"purpose\":\"tracing\",\"form\":\"oral\"},{\"purpose\":\"dna_reference\",\"form\":\"written\","
	         "\"samples\":\"%s\"}]}", who, sample);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", body, &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "http.samples_expected");
	resp_free(&r);
	snprintf(body, sizeof(body), "{\"inquirer\":\"Ганна\",\"relation\":\"mother\",\"person\":\"%s\",\"consents\":"
	         "[{\"purpose\":\"tracing\",\"form\":\"oral\"},{\"purpose\":\"dna_reference\",\"form\":\"written\","
	         "\"samples\":[\"%s\"]}]}", who, sample);
	assert_status(post_json(ROLE_FAMILY_LIAISON, "/api/inquiries", body, &r), 201);
	snprintf(id, sizeof(id), "%s", str_at(r.json, "id"));
	resp_free(&r);
	/* the withdrawal's answer: the sample withheld, the proposal fallen */
	snprintf(path, sizeof(path), "/api/inquiries/%s/withdrawals", id);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"purpose\":\"dna_reference\"}", &r), 200);
	json_t *dna = json_object_get(r.json, "dna");
	assert_non_null(dna);
	assert_string_equal(json_string_value(json_array_get(json_object_get(dna, "samples"), 0)), sample);
	json_t *fell = json_object_get(dna, "fallen");
	assert_int_equal(json_array_size(fell), 1);
	assert_string_equal(str_at(json_array_get(fell, 0), "case"), tag);
	assert_string_equal(str_at(json_array_get(fell, 0), "person"), who);
	assert_string_equal(str_at(json_array_get(fell, 0), "status"), "fallen");
	assert_string_equal(str_at(json_array_get(fell, 0), "fallen_from"), "proposed");
	assert_int_equal(json_array_size(json_object_get(dna, "resting")), 0);
	resp_free(&r);
	/* the DNA page's list: withheld, with why, never the mother's contacts */
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/references?withheld=true", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 1);
	json_t *ref = json_array_get(json_object_get(r.json, "references"), 0);
	assert_string_equal(str_at(ref, "sample"), sample);
	assert_true(json_is_true(json_object_get(ref, "withheld")));
	assert_string_equal(str_at(ref, "reason"), "consent withdrawn");
	assert_null(strstr(buf_str(&r.body), "Ганна"));
	resp_free(&r);
	assert_status(get(ROLE_FAMILY_LIAISON, "/api/dna/references", &r), 403);
	resp_free(&r);
	/* by state: the withdrawn one alone; the others given or the laboratory's; a state nobody has refused */
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/references?state=withdrawn", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 1);
	assert_string_equal(str_at(json_array_get(json_object_get(r.json, "references"), 0), "sample"), sample);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/references?limit=1000", &r), 200);
	long all = int_at(r.json, "total");
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/references?state=laboratory&limit=1000", &r), 200);
	long lab = int_at(r.json, "total");
	assert_true(lab > 0 && lab == all - 1);
	size_t k;
	json_t *x;
	json_array_foreach(json_object_get(r.json, "references"), k, x)
		assert_string_equal(str_at(x, "state"), "laboratory");
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/references?state=given", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 0);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/references?state=lost", &r), 400);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "state");
	resp_free(&r);
	/* the inquiry names its sample, withheld */
	snprintf(path, sizeof(path), "/api/inquiries/%s", id);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	json_t *named = json_array_get(json_object_get(r.json, "dna_samples"), 0);
	assert_string_equal(str_at(named, "sample"), sample);
	assert_true(json_is_true(json_object_get(named, "withheld")));
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/dna/proposals?person=%s", who);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_string_equal(str_at(json_array_get(json_object_get(r.json, "proposals"), 0), "status"), "fallen");
	resp_free(&r);
	/* given again: usable again */
	snprintf(path, sizeof(path), "/api/inquiries/%s/consents", id);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"purpose\":\"dna_reference\",\"form\":\"written\"}", &r),
	              201);
	dna = json_object_get(r.json, "dna");
	assert_string_equal(json_string_value(json_array_get(json_object_get(dna, "samples"), 0)), sample);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/references?withheld=true", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 0);
	resp_free(&r);
	/* a sample named later, under the consent in force; another inquiry's is refused */
	snprintf(path, sizeof(path), "/api/inquiries/%s/samples", id);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"samples\":[\"LAB-EXTRA-1\"]}", &r), 200);
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"samples\":[]}", &r), 422);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/dna/references?state=given", &r), 200);
	assert_int_equal(int_at(r.json, "total"), 2); /* hers given again, and the one named later */
	resp_free(&r);
	/* withdrawn again: a sample named now is refused with the reason */
	snprintf(path, sizeof(path), "/api/inquiries/%s/withdrawals", id);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"purpose\":\"dna_reference\"}", &r), 200);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/inquiries/%s/samples", id);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"samples\":[\"LAB-EXTRA-2\"]}", &r), 409);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "message_code"), "family.samples_without_consent");
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "samples");
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_withdrawal_says_which_proposals_fell),
	};
	return cmocka_run_group_tests_name("api/dnaconsent", tests, setup, fx_teardown);
}
