/* The auditor's logs over the API: searched by a person's name (in any
 * script), user, action and time; paged with "next" and no cap at 100;
 * every person named; exported whole as CSV, the export audited; and
 * none of it for roles without the audit permission. */
#include "harness.h"

#include <unistd.h>

static char kvitka[UID_SIZE];

static json_t *get_json(role who, const char *path, long want)
{
	resp r;
	long st = get(who, path, &r);
	if(st != want)
		fail_msg("GET %s as %s: %ld %s", path, role_names[who], st, buf_str(&r.body));
	json_t *j = json_incref(r.json);
	resp_free(&r);
	return j;
}

/* A person made and changed five times by the registrar, read three
 * times by the negotiator: entries to find. */
static void make_history(void)
{
	resp r;
	assert_status(post_json(ROLE_REGISTRAR, "/api/persons",
	                        "{\"surname\":\"Квітка\",\"given_names\":\"Ярина\",\"sex\":\"female\"}", &r),
	              201);
	snprintf(kvitka, sizeof(kvitka), "%s", str_at(r.json, "id"));
	resp_free(&r);
	char path[96], body[96];
	snprintf(path, sizeof(path), "/api/persons/%s", kvitka);
	for(int i = 0; i < 5; i++) {
		snprintf(body, sizeof(body), "{\"unit\":\"%d-th brigade\"}", 10 + i);
		assert_status(call(fx, &(rq){.method = "PATCH", .path = path, .bearer = fx_token(fx, ROLE_REGISTRAR),
		                             .body = body}, &r), 200);
		resp_free(&r);
	}
	for(int i = 0; i < 3; i++)
		json_decref(get_json(ROLE_NEGOTIATOR, path, 200));
}

static void search_by_name_user_action(void **state)
{
	(void)state;
	make_history();
	/* By name, in Cyrillic and in Latin: only her entries, her name on each. */
	static const char *const spellings[] = {"%D0%9A%D0%B2%D1%96%D1%82%D0%BA%D0%B0", "Kvitka", "kvitka%20yaryna"};
	for(size_t s = 0; s < 3; s++) {
		char path[160];
		snprintf(path, sizeof(path), "/api/audit?name=%s&actor=registrar", spellings[s]);
		json_t *j = get_json(ROLE_AUDITOR, path, 200);
		json_t *entries = json_object_get(j, "entries"), *e;
		assert_int_equal(json_array_size(entries), 6);
		size_t i;
		json_array_foreach(entries, i, e) {
			assert_string_equal(str_at(e, "entity_id"), kvitka);
			assert_string_equal(str_at(e, "person_name"), "Квітка Ярина");
		}
		json_decref(j);
	}
	/* By action and user. */
	json_t *j = get_json(ROLE_AUDITOR, "/api/audit?name=Kvitka&action=create", 200);
	assert_int_equal(json_array_size(json_object_get(j, "entries")), 1);
	json_decref(j);
	j = get_json(ROLE_AUDITOR, "/api/audit?name=Kvitka&actor=negotiator", 200);
	assert_int_equal(json_array_size(json_object_get(j, "entries")), 0);
	json_decref(j);
	/* The access log: her reads, by the negotiator. */
	j = get_json(ROLE_AUDITOR, "/api/access?name=Kvitka&actor=negotiator&action=show", 200);
	json_t *entries = json_object_get(j, "entries");
	assert_int_equal(json_array_size(entries), 3);
	assert_string_equal(str_at(json_array_get(entries, 0), "person_name"), "Квітка Ярина");
	json_decref(j);
	/* A name nobody has: nothing, and the answer says why. */
	j = get_json(ROLE_AUDITOR, "/api/audit?name=Zzyzxwq", 200);
	assert_int_equal(json_array_size(json_object_get(j, "entries")), 0);
	assert_string_equal(str_at(j, "note"), "no person has this name");
	json_decref(j);
}

static void time_range(void **state)
{
	(void)state;
	char today[DATE_STR_MAX], path[160];
	date_format(date_today(), today);
	snprintf(path, sizeof(path), "/api/audit?name=Kvitka&since=%s&until=%s", today, today);
	json_t *j = get_json(ROLE_AUDITOR, path, 200);
	assert_int_equal(json_array_size(json_object_get(j, "entries")), 6);
	/* A UTC time as the browser sends it: the first entry's own time
	 * bounds the range on both sides. */
	json_t *entries = json_object_get(j, "entries");
	const char *oldest = str_at(json_array_get(entries, 5), "ts");
	char p2[200];
	snprintf(p2, sizeof(p2), "/api/audit?name=Kvitka&until=%s", oldest);
	json_t *k = get_json(ROLE_AUDITOR, p2, 200);
	assert_true(json_array_size(json_object_get(k, "entries")) >= 1);
	assert_string_equal(str_at(json_array_get(json_object_get(k, "entries"), 0), "ts") , oldest);
	json_decref(k);
	json_decref(j);
	j = get_json(ROLE_AUDITOR, "/api/audit?name=Kvitka&until=2000-01-01", 200);
	assert_int_equal(json_array_size(json_object_get(j, "entries")), 0);
	json_decref(j);
	j = get_json(ROLE_AUDITOR, "/api/audit?name=Kvitka&since=2199-01-01T00:00:00.000Z", 200);
	assert_int_equal(json_array_size(json_object_get(j, "entries")), 0);
	json_decref(j);
	resp r;
	assert_status(get(ROLE_AUDITOR, "/api/audit?since=yesterday", &r), 400);
	assert_string_equal(resp_code(&r), "bad_input");
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/audit?until=2026-12-06T10", &r), 400);
	resp_free(&r);
}

/* Pages of two, walked by "next", add up to the whole list, in order and
 * without repeats; and a page may hold more than 100. */
static void paged_without_a_cap(void **state)
{
	(void)state;
	json_t *all = get_json(ROLE_AUDITOR, "/api/audit?limit=1000", 200);
	size_t total = json_array_size(json_object_get(all, "entries"));
	assert_true(total > 100); /* the demo registry's 60 persons, their events, the users */
	assert_null(json_object_get(all, "next"));
	json_t *first = get_json(ROLE_AUDITOR, "/api/audit", 200);
	assert_int_equal(json_array_size(json_object_get(first, "entries")), 100);
	assert_non_null(json_object_get(first, "next"));
	json_decref(first);
	size_t seen = 0;
	long long before = 0, last = 0;
	for(int pages = 0;; pages++) {
		char path[96];
		if(before)
			snprintf(path, sizeof(path), "/api/audit?limit=37&before=%lld", before);
		else
			snprintf(path, sizeof(path), "/api/audit?limit=37");
		json_t *j = get_json(ROLE_AUDITOR, path, 200);
		json_t *entries = json_object_get(j, "entries"), *e;
		size_t i;
		json_array_foreach(entries, i, e) {
			long long seq = int_at(e, "seq");
			assert_true(!last || seq < last);
			assert_int_equal(seq, int_at(json_array_get(json_object_get(all, "entries"), seen), "seq"));
			last = seq;
			seen++;
		}
		json_t *next = json_object_get(j, "next");
		if(!next) {
			json_decref(j);
			break;
		}
		assert_int_equal(json_array_size(entries), 37);
		before = json_integer_value(next);
		json_decref(j);
		assert_true(pages < 1000);
	}
	assert_int_equal(seen, total);
	json_decref(all);
	resp r;
	assert_status(get(ROLE_AUDITOR, "/api/audit?limit=1001", &r), 400);
	resp_free(&r);
}

static size_t lines_of(const char *s)
{
	size_t n = 0;
	for(; *s; s++)
		n += *s == '\n';
	return n;
}

static void exported_and_audited(void **state)
{
	(void)state;
	resp r;
	assert_status(get(ROLE_AUDITOR, "/api/audit/export?name=Kvitka&actor=registrar", &r), 200);
	char h[256];
	assert_contains(resp_header(&r, "Content-Type", h, sizeof(h)), "text/csv");
	assert_contains(resp_header(&r, "Content-Disposition", h, sizeof(h)), "parley-audit-log-");
	const char *body = buf_str(&r.body);
	assert_true(!strncmp(body, "seq,ts,actor,action,entity,entity_id,person_name,before,after,hash\r\n", 68));
	assert_int_equal(lines_of(body), 1 + 6);
	assert_contains(body, "Квітка Ярина");
	assert_contains(body, kvitka);
	resp_free(&r);
	/* The export is in the chain: what was asked and how many rows. */
	json_t *j = get_json(ROLE_AUDITOR, "/api/audit?action=export&actor=auditor&limit=1", 200);
	json_t *e = json_array_get(json_object_get(j, "entries"), 0), *after = json_object_get(e, "after");
	assert_string_equal(str_at(e, "entity"), "audit_log");
	assert_string_equal(str_at(after, "log"), "audit");
	assert_int_equal(int_at(after, "rows"), 6);
	assert_string_equal(str_at(after, "name"), "Kvitka");
	json_decref(j);
	/* The access log's, with every entry of the filter (not a page). */
	assert_status(get(ROLE_AUDITOR, "/api/access/export?name=Kvitka&actor=negotiator", &r), 200);
	body = buf_str(&r.body);
	assert_true(!strncmp(body, "id,ts,actor,person,person_name,action,detail\r\n", 46));
	assert_int_equal(lines_of(body), 1 + 3);
	resp_free(&r);
	assert_status(get(ROLE_AUDITOR, "/api/audit/export", &r), 200);
	json_t *all = get_json(ROLE_AUDITOR, "/api/audit?limit=1000", 200);
	/* Every entry but the export's own, written after it was read. */
	assert_int_equal(lines_of(buf_str(&r.body)), 1 + json_array_size(json_object_get(all, "entries")) - 1);
	json_decref(all);
	resp_free(&r);
	j = get_json(ROLE_AUDITOR, "/api/audit?action=export&limit=5", 200);
	assert_int_equal(json_array_size(json_object_get(j, "entries")), 3);
	json_decref(j);
}

/* Only the audit permission reads, searches or exports the logs. */
static void denied_without_the_audit_permission(void **state)
{
	(void)state;
	static const char *const paths[] = {"/api/audit?name=Kvitka", "/api/access?actor=negotiator",
	                                    "/api/audit/export", "/api/access/export?name=Kvitka"};
	for(role ro = 0; ro < ROLE_COUNT; ro++) {
		if(ro == ROLE_AUDITOR)
			continue;
		for(size_t i = 0; i < 4; i++) {
			resp r;
			assert_status(get(ro, paths[i], &r), 403);
			resp_free(&r);
		}
	}
	/* and none of those refusals exported anything */
	json_t *j = get_json(ROLE_AUDITOR, "/api/audit?action=export", 200);
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(j, "entries"), i, e)
		assert_string_equal(str_at(e, "actor"), "auditor");
	json_decref(j);
}

/* Entries of the access log for one person, as the auditor finds them:
 * by person, user and action. */
/* Counted in the database itself: the access log's view would add an
 * entry of its own for each person it shows. */
static size_t access_entries(const char *uid, const char *actor, const char *action)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(fx->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	char *sql = sqlite3_mprintf("SELECT count(*) FROM access_log WHERE person_uid = %Q AND actor = %Q"
	                            " AND action = %Q", uid, actor, action);
	size_t n = (size_t)tu_scalar(db, sql);
	sqlite3_free(sql);
	sqlite3_close(db);
	return n;
}

/* A search that shows N persons is N entries of the access log, one for
 * each, found by person; a search that finds nobody is still recorded. */
static void every_person_a_search_shows_is_logged(void **state)
{
	(void)state;
	char uid[3][UID_SIZE];
	for(int i = 0; i < 3; i++) {
		char body[96];
		snprintf(body, sizeof(body), "{\"surname\":\"Шипшина\",\"given_names\":\"Дарина %d\"}", i);
		resp r;
		assert_status(post_json(ROLE_REGISTRAR, "/api/persons", body, &r), 201);
		snprintf(uid[i], UID_SIZE, "%s", str_at(r.json, "id"));
		resp_free(&r);
	}
	json_t *j = get_json(ROLE_NEGOTIATOR, "/api/persons?q=Shypshyna", 200);
	assert_int_equal(json_array_size(json_object_get(j, "persons")), 3);
	json_decref(j);
	for(int i = 0; i < 3; i++)
		assert_int_equal(access_entries(uid[i], "negotiator", "search"), 1);
	/* Each says what was looked for. */
	j = get_json(ROLE_AUDITOR, "/api/access?actor=negotiator&action=search&limit=3", 200);
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(j, "entries"), i, e)
		assert_contains(str_at(e, "detail"), "q=Shypshyna");
	json_decref(j);
	/* A page shows those on it only: the second of three, one entry more
	 * for that person alone. */
	json_decref(get_json(ROLE_NEGOTIATOR, "/api/persons?q=Shypshyna&limit=1&offset=1", 200));
	int twice = 0;
	for(int k = 0; k < 3; k++)
		twice += access_entries(uid[k], "negotiator", "search") == 2;
	assert_int_equal(twice, 1);
	/* Nobody found: one entry for "*" that says what was asked. */
	json_decref(get_json(ROLE_NEGOTIATOR, "/api/persons?q=Zzyzxwq", 200));
	j = get_json(ROLE_AUDITOR, "/api/access?actor=negotiator&limit=1", 200);
	e = json_array_get(json_object_get(j, "entries"), 0);
	assert_string_equal(str_at(e, "person"), "*");
	assert_contains(str_at(e, "detail"), "q=Zzyzxwq");
	json_decref(j);
}

/* The audit view shows persons' values, either log's view their names:
 * each person a view or an export shows is an entry of the access log,
 * once per view however many entries are hers. */
static void the_audit_view_logs_the_persons_it_shows(void **state)
{
	(void)state;
	size_t before = access_entries(kvitka, "auditor", "audit");
	json_t *j = get_json(ROLE_AUDITOR, "/api/audit?name=Kvitka&actor=registrar", 200);
	assert_int_equal(json_array_size(json_object_get(j, "entries")), 6);
	json_decref(j);
	assert_int_equal(access_entries(kvitka, "auditor", "audit"), before + 1);
	/* The access log's own view: an entry of its own kind. */
	size_t viewed = access_entries(kvitka, "auditor", "access");
	json_decref(get_json(ROLE_AUDITOR, "/api/access?name=Kvitka", 200));
	assert_int_equal(access_entries(kvitka, "auditor", "audit"), before + 1);
	assert_int_equal(access_entries(kvitka, "auditor", "access"), viewed + 1);
	/* The exports of both, the same. */
	resp r;
	assert_status(get(ROLE_AUDITOR, "/api/audit/export?name=Kvitka", &r), 200);
	resp_free(&r);
	assert_int_equal(access_entries(kvitka, "auditor", "audit"), before + 2);
	assert_status(get(ROLE_AUDITOR, "/api/access/export?name=Kvitka", &r), 200);
	resp_free(&r);
	assert_int_equal(access_entries(kvitka, "auditor", "access"), viewed + 2);
}

/* The ids of the access log's view of a person, newest first, as text. */
static void access_ids(const char *uid, char *out, size_t size)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/access?person=%s&actor=negotiator&limit=100", uid);
	json_t *j = get_json(ROLE_AUDITOR, path, 200), *e;
	size_t i, at = 0;
	out[0] = '\0';
	json_array_foreach(json_object_get(j, "entries"), i, e)
		at += (size_t)snprintf(out + at, size - at, "%lld ", (long long)json_integer_value(json_object_get(e, "id")));
	json_decref(j);
}

/* The server's writer indexes the access log by person apart from its
 * commits, when idle (audit step 3): a person's reads are found by person
 * while they are newer than the index, and the same once indexed. */
static void reads_found_by_person_before_and_after_indexing(void **state)
{
	(void)state;
	char path[96], before[512], after[512];
	snprintf(path, sizeof(path), "/api/persons/%s", kvitka);
	json_decref(get_json(ROLE_NEGOTIATOR, path, 200));
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(fx->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	char *newest = sqlite3_mprintf("SELECT max(id) FROM access_log WHERE person_uid = %Q", kvitka);
	long long id = tu_scalar(db, newest);
	access_ids(kvitka, before, sizeof(before));
	char first[32];
	snprintf(first, sizeof(first), "%lld ", id);
	assert_int_equal(strncmp(before, first, strlen(first)), 0);
	/* Indexed after a second with nothing to write. */
	int waited = 0;
	while(tu_scalar(db, "SELECT upto FROM access_indexed") < id && waited++ < 100)
		usleep(50 * 1000);
	assert_true(tu_scalar(db, "SELECT upto FROM access_indexed") >= id);
	char *indexed = sqlite3_mprintf("SELECT count(*) FROM access_by_person WHERE person = %Q AND id = %lld",
	                                kvitka, id);
	assert_int_equal(tu_scalar(db, indexed), 1);
	access_ids(kvitka, after, sizeof(after));
	assert_string_equal(after, before);
	sqlite3_free(newest);
	sqlite3_free(indexed);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_by_name_user_action),
		cmocka_unit_test(time_range),
		cmocka_unit_test(paged_without_a_cap),
		cmocka_unit_test(exported_and_audited),
		cmocka_unit_test(denied_without_the_audit_permission),
		cmocka_unit_test(every_person_a_search_shows_is_logged),
		cmocka_unit_test(the_audit_view_logs_the_persons_it_shows),
		cmocka_unit_test(reads_found_by_person_before_and_after_indexing),
	};
	return cmocka_run_group_tests_name("api/logs", tests, fx_setup, fx_teardown);
}
