/* Ante-mortem data over the API, against the real server: the family
 * liaison records marks and teeth, a bad tooth or a mark without its place
 * refused with the field and nothing written; a photo uploaded, one that
 * is not an image refused with no file left; the photo served to the
 * identification officer and refused to a registrar and a mediator, every
 * read in the access log; post-mortem observations on a remains case and
 * the comparison of the two. */
#include "harness.h"

#include "remains/remains.h"

static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0};
static char sha[65];

static int setup(void **state)
{
	if(fx_setup(state))
		return -1;
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:antemortem", 0, &err), &err);
	const char *f[RF_COUNT] = {[RF_TAG] = "AM-CASE-1"};
	remains_result res;
	assert_ok(remains_case_put(st, f, NULL, &res, &err), &err);
	store_close(st);
	return 0;
}

static int photo_files(void)
{
	char dir[4300];
	snprintf(dir, sizeof(dir), "%s.photos", fx->db);
	return tu_count_files(dir);
}

static void the_liaison_records_marks_and_teeth(void **state)
{
	(void)state;
	char path[120];
	snprintf(path, sizeof(path), "/api/persons/%s/antemortem", fx->person);
	resp r;
	assert_status(post_json(ROLE_FAMILY_LIAISON, path,
	                        "{\"height\":{\"min\":175,\"max\":180},\"hair\":\"brown\",\"marks\":[{\"kind\":\"tattoo\","
	                        "\"location\":\"arm_left\",\"description\":\"якір\"}],\"dental\":{\"16\":\"filled\","
	                        "\"36\":\"missing\"}}", &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "recorded")));
	resp_free(&r);
	/* A tooth that does not exist; a mark without its place: the field named, nothing written. */
	assert_status(post_json(ROLE_FAMILY_LIAISON, path, "{\"dental\":{\"19\":\"filled\"}}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "dental.19");
	resp_free(&r);
	assert_status(post_json(ROLE_FAMILY_LIAISON, path,
	                        "{\"marks\":[{\"kind\":\"scar\",\"description\":\"on the chin\"}]}", &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "marks[0].location");
	assert_contains(str_at(json_object_get(r.json, "error"), "message"), "place on the body");
	resp_free(&r);
	/* A registrar may not write it; a mediator may not read it. */
	assert_status(post_json(ROLE_REGISTRAR, path, "{\"hair\":\"red\"}", &r), 403);
	resp_free(&r);
	assert_status(get(ROLE_MEDIATOR, path, &r), 403);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_string_equal(str_at(json_object_get(r.json, "dental"), "36"), "missing");
	assert_string_equal(str_at(r.json, "hair"), "brown");
	resp_free(&r);
	assert_true(fx_read_logged(fx->person, "identification", "antemortem"));
}

static void a_photo_is_served_only_to_those_permitted(void **state)
{
	(void)state;
	char file[4300], bad[4300], path[120];
	snprintf(file, sizeof(file), "%s/photo.bin", fx->dir);
	snprintf(bad, sizeof(bad), "%s/photo.jpg", fx->dir);
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(png, 1, sizeof(png), f), sizeof(png));
	assert_int_equal(fclose(f), 0);
	tu_write(bad, "<html>not a photo, whatever its name says</html>\n");
	snprintf(path, sizeof(path), "/api/persons/%s/photos", fx->person);
	resp r;
	int before = photo_files();
	assert_status(call(fx, &(rq){.method = "POST", .path = path, .bearer = fx_token(fx, ROLE_FAMILY_LIAISON),
	                             .upload = {bad, "photo.jpg"}}, &r), 422);
	assert_contains(str_at(json_object_get(r.json, "error"), "message"), "not an image");
	resp_free(&r);
	assert_int_equal(photo_files(), before);
	/* One byte past 10 MiB, a PNG by its first bytes: too large, no file. */
	char big[4300];
	snprintf(big, sizeof(big), "%s/big.png", fx->dir);
	f = fopen(big, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(png, 1, sizeof(png), f), sizeof(png));
	assert_int_equal(fseek(f, 10L * 1024 * 1024 - (long)sizeof(png), SEEK_CUR), 0);
	assert_int_equal(fputc(0, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_status(call(fx, &(rq){.method = "POST", .path = path, .bearer = fx_token(fx, ROLE_FAMILY_LIAISON),
	                             .upload = {big, "big.png"}}, &r), 413);
	assert_contains(str_at(json_object_get(r.json, "error"), "message"), "too large: 10485761 bytes");
	resp_free(&r);
	assert_int_equal(photo_files(), before);
	assert_status(call(fx, &(rq){.method = "POST", .path = path, .bearer = fx_token(fx, ROLE_FAMILY_LIAISON),
	                             .upload = {file, "front.png"}}, &r), 201);
	assert_string_equal(str_at(r.json, "type"), "image/png");
	snprintf(sha, sizeof(sha), "%s", str_at(r.json, "sha256"));
	resp_free(&r);
	assert_int_equal(photo_files(), before + 1);
	snprintf(path, sizeof(path), "/api/photos/%s", sha);
	assert_status(get(ROLE_REGISTRAR, path, &r), 403);
	resp_free(&r);
	assert_status(get(ROLE_MEDIATOR, path, &r), 403);
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	assert_int_equal(r.body.len, sizeof(png));
	assert_memory_equal(r.body.ptr, png, sizeof(png));
	char ctype[64];
	assert_non_null(resp_header(&r, "Content-Type", ctype, sizeof(ctype)));
	assert_string_equal(ctype, "image/png");
	resp_free(&r);
	char detail[80];
	snprintf(detail, sizeof(detail), "photo %s", sha);
	assert_true(fx_read_logged(fx->person, "identification", detail));
	assert_false(fx_read_logged(fx->person, "registrar", detail));
	/* The record lists it. */
	snprintf(path, sizeof(path), "/api/persons/%s/antemortem", fx->person);
	assert_status(get(ROLE_FAMILY_LIAISON, path, &r), 200);
	assert_non_null(find(json_object_get(r.json, "photos"), "sha256", sha));
	resp_free(&r);
}

static void postmortem_observations_are_compared(void **state)
{
	(void)state;
	resp r;
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/AM-CASE-1/postmortem",
	                        "{\"height\":{\"min\":172,\"max\":178},\"dental\":{\"16\":\"missing\",\"36\":\"present\"},"
	                        "\"marks\":[{\"kind\":\"tattoo\",\"location\":\"arm_left\",\"description\":\"faded\"}]}",
	                        &r), 200);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/remains/AM-CASE-1/postmortem", &r), 200);
	assert_true(json_is_true(json_object_get(r.json, "recorded")));
	assert_string_equal(str_at(json_object_get(r.json, "dental"), "36"), "present");
	resp_free(&r);
	assert_status(post_json(ROLE_IDENTIFICATION, "/api/remains/AM-CASE-1/postmortem", "{\"dental\":{\"49\":\"x\"}}",
	                        &r), 422);
	assert_string_equal(str_at(json_object_get(r.json, "error"), "field"), "dental.49");
	resp_free(&r);
	char path[160];
	snprintf(path, sizeof(path), "/api/remains/AM-CASE-1/comparison?person=%s", fx->person);
	assert_status(get(ROLE_AUDITOR, path, &r), 403); /* reads remains, not ante-mortem data */
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, path, &r), 200);
	json_t *fd = json_object_get(r.json, "findings");
	/* AM 36 missing, PM 36 present: an exclusion */
	assert_string_equal(str_at(json_object_get(fd, "dental"), "verdict"), "disagree");
	assert_contains(str_at(json_object_get(fd, "dental"), "why"), "tooth 36");
	assert_string_equal(str_at(json_object_get(fd, "height"), "verdict"), "agree");
	assert_string_equal(str_at(json_object_get(fd, "marks"), "verdict"), "agree");
	assert_string_equal(str_at(json_object_get(fd, "eyes"), "verdict"), "unknown");
	resp_free(&r);
	assert_status(get(ROLE_IDENTIFICATION, "/api/remains/AM-CASE-1/comparison", &r), 422);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_liaison_records_marks_and_teeth),
		cmocka_unit_test(a_photo_is_served_only_to_those_permitted),
		cmocka_unit_test(postmortem_observations_are_compared),
	};
	return cmocka_run_group_tests_name("api/antemortem", tests, setup, fx_teardown);
}
