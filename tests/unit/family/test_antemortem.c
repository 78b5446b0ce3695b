/* The ante-mortem record and photos: bad input refused naming the field,
 * nothing written (no orphan file either); the comparison with post-mortem
 * observations, its exclusions and its consistencies. */
#include "fixture.h"

#include "family/antemortem.h"

static void add_person(fixture *f, char uid[UID_SIZE])
{
	person p = fx_person("Шевченко", "Олександр", "1990-03-12");
	fx_add(f, &p);
	snprintf(uid, UID_SIZE, "%s", p.uid);
}

/* How many files the photos' directory holds (0 if there is none). */
static int photo_files(fixture *f)
{
	char dir[4200];
	am_photo_dir(f->path, dir, sizeof(dir));
	return tu_count_files(dir);
}

static pl_rc set_text(fixture *f, const char *uid, const char *json)
{
	json_t *doc = json_loads(json, 0, NULL);
	assert_non_null(doc);
	pl_rc rc = family_antemortem_set(f->r, uid, doc, &f->err);
	json_decref(doc);
	return rc;
}

static void test_a_record_is_checked_field_by_field(void **state)
{
	fixture *f = *state;
	char uid[UID_SIZE];
	add_person(f, uid);
	assert_ok(set_text(f, uid, "{\"height\": {\"min\": 175, \"max\": 180}, \"hair\": \"brown\","
	                           " \"marks\": [{\"kind\": \"tattoo\", \"location\": \"arm_left\", \"description\": \"anchor\"}],"
	                           " \"dental\": {\"36\": \"missing\", \"16\": \"filled\"}, \"clothing\": \"  green jacket\"}"),
	          &f->err);
	long long audits = fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'antemortem'");
	assert_int_equal(audits, 1);
	/* The audit says which parts were given, never what they say (the auditor may not read them). */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'antemortem' AND after LIKE '%anchor%'"), 0);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'antemortem' AND after LIKE '%\"teeth\":2%'"), 1);
	/* A tooth that does not exist, a mark without its place, a word not on the list, a range upside down. */
	static const struct { const char *json, *code, *field; } bad[] = {
		{"{\"dental\": {\"19\": \"filled\"}}", "antemortem.tooth", "dental.19"},
		{"{\"dental\": {\"50\": \"filled\"}}", "antemortem.tooth", "dental.50"},
		{"{\"dental\": {\"16\": \"golden\"}}", "antemortem.word", "dental.16"},
		{"{\"marks\": [{\"kind\": \"tattoo\", \"location\": \"arm_left\", \"description\": \"x\"},"
		 " {\"kind\": \"scar\", \"description\": \"on the chin\"}]}", "antemortem.no_location", "marks[1].location"},
		{"{\"marks\": [{\"location\": \"elbow\", \"description\": \"x\"}]}", "antemortem.word", "marks[0].location"},
		{"{\"marks\": [{\"location\": \"face\"}]}", "antemortem.text", "marks[0].description"},
		{"{\"hair\": \"purple\"}", "antemortem.word", "hair"},
		{"{\"height\": {\"min\": 190, \"max\": 170}}", "antemortem.height", "height"},
		{"{\"weight\": 80}", "antemortem.unknown_key", "weight"},
	};
	for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(set_text(f, uid, bad[i].json), PL_EINPUT);
		assert_string_equal(f->err.code, bad[i].code);
		char want[80];
		snprintf(want, sizeof(want), "'%s'", bad[i].field);
		assert_contains(f->err.msg, want);
	}
	/* Nothing written: the first record stands, no audit entry more. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'antemortem'"), audits);
	json_t *d = NULL;
	assert_ok(family_antemortem_get(f->r, uid, &d, &f->err), &f->err);
	assert_string_equal(json_string_value(json_object_get(d, "clothing")), "green jacket");
	/* the chart kept in tooth order */
	char *chart = json_dumps(json_object_get(d, "dental"), JSON_COMPACT);
	assert_string_equal(chart, "{\"16\":\"filled\",\"36\":\"missing\"}");
	free(chart);
	json_decref(d);
}

static void test_an_inquiry_must_be_about_the_person(void **state)
{
	fixture *f = *state;
	char uid[UID_SIZE], other[UID_SIZE];
	add_person(f, uid);
	person p = fx_person("Коваленко", "Петро", "1985-01-01");
	fx_add(f, &p);
	snprintf(other, UID_SIZE, "%s", p.uid);
	inquiry_input in;
	char person_kv[40];
	snprintf(person_kv, sizeof(person_kv), "person=%s", other);
	fam_input(&in, "inquirer=Марія", person_kv, "consent_tracing=oral", NULL);
	inquiry_result res;
	assert_ok(family_inquiry_add(f->r, &in, &res, &f->err), &f->err);
	char json[120];
	snprintf(json, sizeof(json), "{\"inquiry\": \"%s\", \"hair\": \"red\"}", res.uid);
	assert_int_equal(set_text(f, uid, json), PL_EINPUT);
	assert_string_equal(f->err.code, "antemortem.inquiry_person");
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM antemortem"), 0);
	assert_ok(set_text(f, other, json), &f->err);
}

static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

static void test_photos_are_sniffed_capped_and_leave_no_orphan(void **state)
{
	fixture *f = *state;
	char uid[UID_SIZE];
	add_person(f, uid);
	am_photo p;
	/* Not an image, whatever it is called. */
	assert_int_equal(family_photo_add(f->r, uid, "GIF89a....", 10, 0, NULL, &p, &f->err), PL_EINPUT);
	assert_string_equal(f->err.code, "antemortem.photo_type");
	/* Too large: refused by its size before anything is written. */
	assert_int_equal(family_photo_add(f->r, uid, png, sizeof(png), 8, NULL, &p, &f->err), PL_ELIMIT);
	assert_string_equal(f->err.code, "antemortem.photo_large");
	/* A person who is not there: the file written first is removed again. */
	assert_int_not_equal(family_photo_add(f->r, "PNOBODYNOBODYNOBO", png, sizeof(png), 0, NULL, &p, &f->err), PL_OK);
	assert_int_equal(photo_files(f), 0);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM antemortem_photo"), 0);
	/* A good one: named by its SHA-256, read back checked. */
	assert_ok(family_photo_add(f->r, uid, png, sizeof(png), 0, "front", &p, &f->err), &f->err);
	assert_string_equal(p.type, "image/png");
	assert_int_equal(strlen(p.sha256), 64);
	assert_int_equal(photo_files(f), 1);
	/* The same again for the same person: refused, the file kept (it is the first's). */
	assert_int_equal(family_photo_add(f->r, uid, png, sizeof(png), 0, NULL, NULL, &f->err), PL_ECONFLICT);
	assert_string_equal(f->err.code, "antemortem.photo_twice");
	assert_int_equal(photo_files(f), 1);
	buf b;
	buf_init(&b, 0);
	am_photo meta;
	assert_ok(family_photo_read(f->r, p.sha256, &meta, &f->a, &b, &f->err), &f->err);
	assert_int_equal(b.len, sizeof(png));
	assert_memory_equal(b.ptr, png, sizeof(png));
	assert_string_equal(meta.person, uid);
	/* A file lost is said, never passed over. */
	char dir[4200], path[4300];
	am_photo_dir(f->path, dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, p.sha256);
	assert_int_equal(remove(path), 0);
	buf_reset(&b);
	assert_int_equal(family_photo_read(f->r, p.sha256, &meta, &f->a, &b, &f->err), PL_EINTEGRITY);
	assert_string_equal(f->err.code, "antemortem.photo_missing");
	buf problems;
	buf_init(&problems, 0);
	size_t lost = 0;
	assert_int_equal(family_photo_check(f->r, &problems, &lost, &f->err), PL_EINTEGRITY);
	assert_int_equal(lost, 1);
	assert_contains(buf_str(&problems), p.sha256);
	buf_free(&problems);
	buf_free(&b);
}

static void test_sniffing_tells_types_by_content(void **state)
{
	(void)state;
	assert_string_equal(am_sniff((const unsigned char *)"\xff\xd8\xff\xe0", 4), "image/jpeg");
	assert_string_equal(am_sniff(png, sizeof(png)), "image/png");
	assert_string_equal(am_sniff((const unsigned char *)"RIFF\x10\0\0\0WEBPVP8 ", 16), "image/webp");
	assert_null(am_sniff((const unsigned char *)"RIFF\x10\0\0\0WAVEfmt ", 16));
	assert_null(am_sniff((const unsigned char *)"\xff\xd8", 2));
	assert_null(am_sniff((const unsigned char *)"<svg", 4));
}

static am_verdict compare(const char *am, const char *pm, am_kind k, am_finding out[AK_COUNT])
{
	json_t *a = json_loads(am, 0, NULL), *p = json_loads(pm, 0, NULL);
	assert_non_null(a);
	assert_non_null(p);
	pl_err err = {0};
	json_t *ca = am_clean(a, true, &err), *cp = am_clean(p, false, &err);
	assert_non_null(ca);
	assert_non_null(cp);
	am_compare(ca, cp, out);
	json_decref(a);
	json_decref(p);
	json_decref(ca);
	json_decref(cp);
	return out[k].verdict;
}

static void test_dental_exclusions_and_consistencies(void **state)
{
	(void)state;
	am_finding f[AK_COUNT];
	/* AM filled, PM missing: lost since, possible. */
	assert_int_equal(compare("{\"dental\": {\"16\": \"filled\"}}", "{\"dental\": {\"16\": \"missing\"}}", AK_DENTAL, f),
	                 AM_AGREE);
	assert_contains(f[AK_DENTAL].why.msg, "1 explainable");
	/* AM present, PM crown; AM missing, PM implant: later treatment. */
	assert_int_equal(compare("{\"dental\": {\"11\": \"present\", \"46\": \"missing\", \"21\": \"crown\"}}",
	                         "{\"dental\": {\"11\": \"crown\", \"46\": \"implant\", \"21\": \"crown\"}}", AK_DENTAL, f),
	                 AM_AGREE);
	assert_contains(f[AK_DENTAL].why.msg, "3 teeth consistent: 1 the same, 2 explainable");
	/* AM root canal, PM filled: the filling on top is what is seen without X-rays. */
	assert_int_equal(compare("{\"dental\": {\"46\": \"root_canal\"}}", "{\"dental\": {\"46\": \"filled\"}}",
	                         AK_DENTAL, f), AM_AGREE);
	/* AM crown, PM filled: a crown does not become a filling. */
	assert_int_equal(compare("{\"dental\": {\"46\": \"crown\"}}", "{\"dental\": {\"46\": \"filled\"}}",
	                         AK_DENTAL, f), AM_DISAGREE);
	/* AM missing, PM present: a lost tooth does not come back. */
	assert_int_equal(compare("{\"dental\": {\"16\": \"filled\", \"36\": \"missing\"}}",
	                         "{\"dental\": {\"16\": \"filled\", \"36\": \"present\"}}", AK_DENTAL, f),
	                 AM_DISAGREE);
	assert_contains(f[AK_DENTAL].why.msg, "tooth 36: ante-mortem missing, post-mortem present");
	/* AM filled, PM untouched: a filling does not vanish. */
	assert_int_equal(compare("{\"dental\": {\"26\": \"filled\"}}", "{\"dental\": {\"26\": \"present\"}}", AK_DENTAL, f),
	                 AM_DISAGREE);
	/* Unknown on either side, or no tooth on both: unknown. */
	assert_int_equal(compare("{\"dental\": {\"26\": \"unknown\"}}", "{\"dental\": {\"26\": \"present\"}}", AK_DENTAL, f),
	                 AM_UNKNOWN);
	assert_int_equal(compare("{\"dental\": {\"26\": \"filled\"}}", "{\"dental\": {\"27\": \"present\"}}", AK_DENTAL, f),
	                 AM_UNKNOWN);
}

static void test_other_kinds(void **state)
{
	(void)state;
	am_finding f[AK_COUNT];
	const char *am = "{\"height\": {\"min\": 175, \"max\": 180}, \"hair\": \"brown\", \"eyes\": \"blue\","
	                 " \"marks\": [{\"kind\": \"tattoo\", \"location\": \"arm_left\", \"description\": \"anchor\"}],"
	                 " \"clothing\": \"green military jacket\"}";
	compare(am, "{\"height\": {\"min\": 178, \"max\": 185}, \"hair\": \"black\","
	            " \"marks\": [{\"kind\": \"tattoo\", \"location\": \"arm_left\", \"description\": \"faded ship\"}],"
	            " \"clothing\": \"remains of a Jacket, green\"}", AK_HEIGHT, f);
	assert_int_equal(f[AK_HEIGHT].verdict, AM_AGREE);
	assert_int_equal(f[AK_HAIR].verdict, AM_DISAGREE);
	assert_int_equal(f[AK_EYES].verdict, AM_UNKNOWN);
	assert_int_equal(f[AK_MARKS].verdict, AM_AGREE);
	assert_int_equal(f[AK_CLOTHING].verdict, AM_AGREE);
	assert_contains(f[AK_CLOTHING].why.msg, "green");
	assert_int_equal(f[AK_EFFECTS].verdict, AM_UNKNOWN);
	compare(am, "{\"height\": {\"min\": 160, \"max\": 168},"
	            " \"marks\": [{\"kind\": \"scar\", \"location\": \"face\", \"description\": \"x\"}]}", AK_HEIGHT, f);
	assert_int_equal(f[AK_HEIGHT].verdict, AM_DISAGREE);
	assert_int_equal(f[AK_MARKS].verdict, AM_DISAGREE);
	json_t *j = am_findings_json(f);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "height"), "verdict")), "disagree");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_record_is_checked_field_by_field, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_an_inquiry_must_be_about_the_person, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_photos_are_sniffed_capped_and_leave_no_orphan, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test(test_sniffing_tells_types_by_content),
		cmocka_unit_test(test_dental_exclusions_and_consistencies),
		cmocka_unit_test(test_other_kinds),
	};
	return cmocka_run_group_tests_name("family antemortem", tests, NULL, NULL);
}
