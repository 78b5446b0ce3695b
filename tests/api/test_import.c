/* Imports over the API: multipart uploads, all or nothing, the same
 * file:line: column problems as the CLI, limits; and a server stopped in
 * the middle of an import, which finishes it first. */
#include "harness.h"

#include <pthread.h>
#include <stdatomic.h>

static int setup(void **state)
{
	(void)state;
	http_config cfg = {.max_upload = 4 << 20};
	return fx_setup_with(&cfg);
}

static const char *file(const char *name, const char *text)
{
	static char path[4400];
	tu_path(path, sizeof(path), fx->dir, name);
	tu_write(path, text);
	return path;
}

static long total(const char *q)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/persons?q=%s", q);
	resp r;
	assert_status(call(fx, &(rq){.method = "GET", .path = path, .bearer = fx_token(fx, ROLE_AUDITOR)}, &r),
	              200);
	long n = (long)json_integer_value(json_object_get(r.json, "total"));
	resp_free(&r);
	return n;
}

static void a_good_import(void **state)
{
	(void)state;
	char persons[4400], events[4400];
	snprintf(persons, sizeof(persons), "%s",
	         file("p.csv", "surname,given_names,party,ext.hq\n"
	                       "Бондар,Іван,UA,HQ-IMP-1\n"
	                       "Бондаренко,Петро,UA,HQ-IMP-2\n"));
	snprintf(events, sizeof(events), "%s",
	         file("e.csv", "ext.hq,type,date,source\nHQ-IMP-1,capture,2024-05-01,counterpart_list\n"));
	resp r;
	const char *tok = fx_token(fx, ROLE_REGISTRAR);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import", .bearer = tok,
	                             .header = "X-Import-Id: first-import",
	                             .upload = {persons, "persons.csv", events, "events.csv"}}, &r), 200);
	assert_int_equal(json_integer_value(json_object_get(r.json, "persons_created")), 2);
	assert_int_equal(json_integer_value(json_object_get(r.json, "events_added")), 1);
	resp_free(&r);
	assert_int_equal(total("bondar"), 1);
	/* Its progress stays readable by its owner, not by others. */
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/imports/first-import", .bearer = tok}, &r),
	              200);
	assert_false(json_is_true(json_object_get(r.json, "running")));
	assert_string_equal(json_string_value(json_object_get(r.json, "file")), "events.csv");
	resp_free(&r);
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/imports/first-import",
	                             .bearer = fx_token(fx, ROLE_MEDICAL)}, &r), 404);
	resp_free(&r);
	/* Again: nothing new (idempotent through ext.hq). */
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import", .bearer = tok,
	                             .upload = {persons, "persons.csv", events, "events.csv"}}, &r), 200);
	assert_int_equal(json_integer_value(json_object_get(r.json, "persons_created")), 0);
	assert_int_equal(json_integer_value(json_object_get(r.json, "persons_unchanged")), 2);
	assert_int_equal(json_integer_value(json_object_get(r.json, "files_already_imported")), 2);
	resp_free(&r);
}

static void a_bad_row_imports_nothing(void **state)
{
	(void)state;
	const char *path = file("bad.csv", "surname,birth_date,party\n"
	                                   "Мельник,1990-01-01,UA\n"
	                                   "Мельниченко,1990-02-30,UA\n"
	                                   "Мельничук,1991-01-01,Ukrainia\n");
	resp r;
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR), .upload = {path, "list.csv"}},
	                   &r), 422);
	assert_string_equal(resp_code(&r), "bad_input");
	json_t *problems = json_object_get(json_object_get(r.json, "error"), "problems");
	assert_int_equal(json_array_size(problems), 2);
	/* Named by the name it was sent under, with line and column. */
	assert_contains(json_string_value(json_array_get(problems, 0)), "list.csv:3:");
	assert_contains(json_string_value(json_array_get(problems, 0)), "birth_date");
	assert_contains(json_string_value(json_array_get(problems, 1)), "list.csv:4:");
	assert_contains(json_string_value(json_array_get(problems, 1)), "party");
	assert_contains(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")),
	                "nothing was imported");
	/* Each problem also by code, for the UI to say it in the user's
	 * language: where it is, the code and its arguments. */
	json_t *codes = json_object_get(json_object_get(r.json, "error"), "problem_codes");
	assert_int_equal(json_array_size(codes), 2);
	json_t *c = json_array_get(codes, 0);
	assert_string_equal(str_at(c, "context"), "list.csv:3: ");
	assert_string_equal(str_at(c, "message_code"), "import.column_invalid");
	assert_string_equal(str_at(json_object_get(c, "args"), "column"), "birth_date");
	assert_string_equal(str_at(json_object_get(c, "args"), "why"), "why.no_day");
	assert_string_equal(str_at(json_object_get(c, "args"), "value"), "1990-02-30");
	assert_string_equal(str_at(json_object_get(json_array_get(codes, 1), "args"), "why"), "why.party");
	resp_free(&r);
	assert_int_equal(total("melnyk"), 0);
}

static void imports_within_the_role(void **state)
{
	(void)state;
	resp r;
	/* A registrar's file with a medical column. */
	const char *path = file("med.csv", "surname,medical\nТкач,wounded\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR), .upload = {path, "med.csv"}},
	                   &r), 422);
	assert_contains(json_string_value(json_array_get(
	                    json_object_get(json_object_get(r.json, "error"), "problems"), 0)),
	                "column 'medical': your role may not set medical fields");
	assert_string_equal(str_at(json_array_get(json_object_get(json_object_get(r.json, "error"),
	                                                          "problem_codes"), 0), "message_code"),
	                    "import.may_not_set_medical");
	resp_free(&r);
	assert_int_equal(total("tkach"), 0);
	/* A medical officer adds medical details and health events to known
	 * persons, but makes no new ones. */
	path = file("hosp.csv", "ext.hq,medical\nHQ-IMP-1,severely_wounded\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import",
	                             .bearer = fx_token(fx, ROLE_MEDICAL), .upload = {path, "hosp.csv"}},
	                   &r), 200);
	assert_int_equal(json_integer_value(json_object_get(r.json, "persons_updated")), 1);
	resp_free(&r);
	path = file("new.csv", "ext.hq,medical\nHQ-NEW-9,wounded\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import",
	                             .bearer = fx_token(fx, ROLE_MEDICAL), .upload = {path, "new.csv"}},
	                   &r), 422);
	assert_contains(buf_str(&r.body), "may not add persons");
	resp_free(&r);
	path = file("ev.csv", "ext.hq,type,date,source\nHQ-IMP-1,transfer,2024-06-01,icrc_visit\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import",
	                             .bearer = fx_token(fx, ROLE_MEDICAL), .upload = {path, "ev.csv"}},
	                   &r), 422);
	assert_contains(buf_str(&r.body), "may not record transfer");
	resp_free(&r);
	path = file("ev2.csv", "ext.hq,type,date,source\nHQ-IMP-1,health_report,2024-06-01,icrc_visit\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import",
	                             .bearer = fx_token(fx, ROLE_MEDICAL), .upload = {path, "ev2.csv"}},
	                   &r), 200);
	resp_free(&r);
}

static void upload_limits(void **state)
{
	(void)state;
	resp r;
	const char *tok = fx_token(fx, ROLE_REGISTRAR);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import", .bearer = tok,
	                             .ctype = "multipart/form-data; boundary=b0undary", .body = "--b0undary--\r\n"}, &r), 422);
	resp_free(&r);
	/* Over this server's 4 MiB. */
	char path[4400];
	tu_path(path, sizeof(path), fx->dir, "big.csv");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("surname\n", f);
	for(int i = 0; i < 600000; i++)
		fputs("Коваленко\n", f);
	assert_int_equal(fclose(f), 0);
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import", .bearer = tok,
	                             .upload = {path, "big.csv"}}, &r), 413);
	assert_string_equal(resp_code(&r), "too_large");
	resp_free(&r);
	assert_int_equal(total("kovalenko"), 0);
	/* A file name is only a name: no path, nothing strange in messages. */
	const char *bad = file("x.csv", "surname,shoe\nA,1\n");
	assert_status(call(fx, &(rq){.method = "POST", .path = "/api/import", .bearer = tok,
	                             .upload = {bad, "../../etc/\"evil\".csv"}}, &r), 422);
	assert_contains(buf_str(&r.body), "evil");
	assert_null(strstr(buf_str(&r.body), "etc/"));
	assert_null(strstr(buf_str(&r.body), "\\\"evil"));
	resp_free(&r);
}

enum { LATE_ROWS = 30000 };

typedef struct running {
	long status;
	long created;
	const char *path;
	char id[32], file[32];
	pthread_t thread;
	atomic_bool done;
} running;

static void *import_in_background(void *arg)
{
	running *run = arg;
	resp r;
	char header[64];
	snprintf(header, sizeof(header), "X-Import-Id: %s", run->id);
	run->status = call(fx, &(rq){.method = "POST", .path = "/api/import",
	                             .bearer = fx_token(fx, ROLE_REGISTRAR), .header = header,
	                             .upload = {run->path, run->file}}, &r);
	run->created = (long)json_integer_value(json_object_get(r.json, "persons_created"));
	if(run->status != 200)
		fprintf(stderr, "import: %s\n", buf_str(&r.body));
	resp_free(&r);
	atomic_store(&run->done, true);
	return NULL;
}

/* Write an import of rows persons of their own (attempt a), started in the
 * background; true once the server was seen at work on it, false if it
 * had ended first (a loaded machine: the attempt proves nothing). */
static bool import_seen_at_work(running *run, int a, int rows, char *path, size_t size)
{
	*run = (running){.path = path};
	snprintf(run->file, sizeof(run->file), "late%d.csv", a);
	snprintf(run->id, sizeof(run->id), "late%d", a);
	tu_path(path, size, fx->dir, run->file);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("surname,given_names,birth_date,party,ext.late\n", f);
	for(int i = 0; i < rows; i++)
		fprintf(f, "Пізній,Іван,%d-%02d-%02d,UA,L%d-%d\n", 1960 + i % 40, 1 + i % 12, 1 + i % 28, a, i);
	assert_int_equal(fclose(f), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, import_in_background, run), 0);
	bool working = false;
	char poll[64];
	snprintf(poll, sizeof(poll), "/api/imports/%s", run->id);
	for(int i = 0; i < 5000 && !working && !atomic_load(&run->done); i++) {
		resp r;
		long got = call(fx, &(rq){.method = "GET", .path = poll, .bearer = fx_token(fx, ROLE_REGISTRAR)}, &r);
		working = got == 200 && json_is_true(json_object_get(r.json, "running"));
		resp_free(&r);
		struct timespec ts = {0, 2 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	if(working) {
		run->thread = t;
		return true;
	}
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(run->status, 200); /* it ended, and well */
	return false;
}

/* SIGTERM during an import: the server takes no new requests, finishes
 * the import, answers it, and its rows are in the database. The stop must
 * come while the import is at work: on a loaded machine a small file can
 * be done before the test sees it running, so each attempt that was too
 * late is made again with 15,000 rows more. */
static void stop_waits_for_requests_in_flight(void **state)
{
	(void)state;
	char path[4400];
	running run;
	int rows = LATE_ROWS, a = 0;
	while(!import_seen_at_work(&run, a, rows, path, sizeof(path))) {
		if(++a == 4)
			fail_msg("never saw an import at work: four imports (the last of %d rows) ended first", rows);
		rows += LATE_ROWS / 2; /* 75,000 rows at most: within the 4 MiB the upload may be */
	}
	http_stop(fx->srv, 60);
	fx->srv = NULL;
	assert_int_equal(pthread_join(run.thread, NULL), 0);
	assert_int_equal(run.status, 200);
	assert_int_equal(run.created, rows);
	/* On disk: a fresh server over the same file sees them. */
	pl_err e = {0};
	assert_ok(http_start(&fx->srv, &fx->cfg, &e), &e);
	fx->port = http_port(fx->srv);
	resp r;
	assert_status(call(fx, &(rq){.method = "GET", .path = "/api/stats", .bearer = fx_token(fx, ROLE_AUDITOR)},
	                   &r), 200);
	assert_true(json_integer_value(json_object_get(r.json, "persons")) >= rows);
	resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_good_import),
		cmocka_unit_test(a_bad_row_imports_nothing),
		cmocka_unit_test(imports_within_the_role),
		cmocka_unit_test(upload_limits),
		cmocka_unit_test(stop_waits_for_requests_in_flight),
	};
	return cmocka_run_group_tests_name("api/import", tests, setup, fx_teardown);
}
