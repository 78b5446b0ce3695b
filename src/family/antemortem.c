/* The ante-mortem record of a sought person: checked, kept as one JSON
 * document a person, replaced whole, audited. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "family/antemortem.h"
#include "family/internal.h"

/* Few enough to be said in one message (an arm includes the shoulder and
 * forearm; the description says where exactly). */
const char *const am_location_names[] = {"head",     "face",      "neck",      "chest",     "abdomen",
                                         "back",     "arm_left",  "arm_right", "hand_left", "hand_right",
                                         "leg_left", "leg_right", "foot_left", "foot_right", "other", NULL};
const char *const am_mark_kind_names[] = {"tattoo", "scar", "birthmark", "piercing", "amputation", "other", NULL};
/* In the order a tooth's state can only move forward: treatment is added,
 * a tooth is lost, a lost one replaced (am_compare relies on it). */
const char *const am_tooth_code_names[] = {"present", "filled", "root_canal", "crown", "missing",
                                           "implant", "bridge", "unknown", NULL};
const char *const am_build_names[] = {"slim", "medium", "athletic", "heavy", NULL};
const char *const am_hair_names[] = {"black", "brown", "blond", "red", "grey", "white", "bald", "other", NULL};
const char *const am_eye_names[] = {"brown", "blue", "green", "grey", "hazel", "other", NULL};

bool am_tooth_exists(long n)
{
	return n / 10 >= 1 && n / 10 <= 4 && n % 10 >= 1 && n % 10 <= 8;
}

static void words_text(const char *const *names, char *out, size_t size)
{
	size_t at = 0;
	out[0] = '\0';
	for(int i = 0; names[i] && at + 1 < size; i++) {
		int w = snprintf(out + at, size - at, "%s%s", i ? ", " : "", names[i]);
		if(w < 0)
			break;
		at += (size_t)w;
	}
}

/* A text value without its leading blanks; NULL (and no error) when
 * empty; *bad when not a string. Its trailing blanks: trim_len. */
static const char *text_of(const json_t *v, bool *bad)
{
	if(!json_is_string(v)) {
		*bad = v != NULL && !json_is_null(v);
		return NULL;
	}
	const char *s = json_string_value(v);
	while(isspace((unsigned char)*s))
		s++;
	return *s ? s : NULL;
}

static json_t *trimmed(const char *s)
{
	size_t n = strlen(s);
	while(n && isspace((unsigned char)s[n - 1]))
		n--;
	return json_stringn(s, n);
}

static json_t *fail(pl_err *err, json_t *out, const char *code, const char *field, const char *value,
                    const char *expected)
{
	json_decref(out);
	pl_failc(err, PL_EINPUT, code, "field", field, "value", value ? value : "", "expected", expected, NULL);
	return NULL;
}

/* A word of a fixed list (build, hair, eyes). */
static bool put_word(json_t *out, const json_t *doc, const char *key, const char *const *names, pl_err *err)
{
	bool bad = false;
	const char *s = text_of(json_object_get(doc, key), &bad);
	char list[300];
	words_text(names, list, sizeof(list));
	if(bad || (s && fam_word(names, s) < 0)) {
		pl_failc(err, PL_EINPUT, "antemortem.word", "field", key, "value", bad ? "(not text)" : s, "expected",
		         list, NULL);
		return false;
	}
	if(s)
		json_object_set_new(out, key, json_string(s));
	return true;
}

static bool put_text(json_t *out, const json_t *doc, const char *key, size_t max, pl_err *err)
{
	bool bad = false;
	const char *s = text_of(json_object_get(doc, key), &bad);
	if(bad || (s && strlen(s) > max)) {
		char n[16];
		snprintf(n, sizeof(n), "%zu", max);
		pl_failc(err, PL_EINPUT, "antemortem.text", "field", key, "max", n, NULL);
		return false;
	}
	if(s)
		json_object_set_new(out, key, trimmed(s));
	return true;
}

/* "height": {"min": CM, "max": CM}, 50 to 250, min <= max (one alone: both). */
static bool put_height(json_t *out, const json_t *doc, pl_err *err)
{
	const json_t *h = json_object_get(doc, "height");
	if(!h || json_is_null(h))
		return true;
	const json_t *lo = json_object_get(h, "min"), *hi = json_object_get(h, "max");
	if(!json_is_object(h) || (lo && !json_is_integer(lo)) || (hi && !json_is_integer(hi)) || (!lo && !hi)) {
		pl_failc(err, PL_EINPUT, "antemortem.height", "field", "height", NULL);
		return false;
	}
	json_int_t a = json_integer_value(lo ? lo : hi), b = json_integer_value(hi ? hi : lo);
	if(a < 50 || b > 250 || a > b) {
		pl_failc(err, PL_EINPUT, "antemortem.height", "field", "height", NULL);
		return false;
	}
	json_object_set_new(out, "height", json_pack("{s:I, s:I}", "min", a, "max", b));
	return true;
}

static bool put_marks(json_t *out, const json_t *doc, pl_err *err)
{
	const json_t *marks = json_object_get(doc, "marks");
	if(!marks || json_is_null(marks))
		return true;
	if(!json_is_array(marks)) {
		pl_failc(err, PL_EINPUT, "antemortem.marks", "field", "marks", NULL);
		return false;
	}
	json_t *list = json_array();
	size_t i;
	const json_t *m;
	json_array_foreach(marks, i, m) {
		char field[64];
		bool bad = false;
		const char *loc = text_of(json_object_get(m, "location"), &bad);
		const char *kind = text_of(json_object_get(m, "kind"), &bad);
		const char *desc = text_of(json_object_get(m, "description"), &bad);
		char words[400];
		if(!json_is_object(m) || bad) {
			snprintf(field, sizeof(field), "marks[%zu]", i);
			pl_failc(err, PL_EINPUT, "antemortem.marks", "field", field, NULL);
		} else if(!loc) {
			snprintf(field, sizeof(field), "marks[%zu].location", i);
			words_text(am_location_names, words, sizeof(words));
			pl_failc(err, PL_EINPUT, "antemortem.no_location", "field", field, "expected", words, NULL);
		} else if(fam_word(am_location_names, loc) < 0) {
			snprintf(field, sizeof(field), "marks[%zu].location", i);
			words_text(am_location_names, words, sizeof(words));
			pl_failc(err, PL_EINPUT, "antemortem.word", "field", field, "value", loc, "expected", words, NULL);
		} else if(kind && fam_word(am_mark_kind_names, kind) < 0) {
			snprintf(field, sizeof(field), "marks[%zu].kind", i);
			words_text(am_mark_kind_names, words, sizeof(words));
			pl_failc(err, PL_EINPUT, "antemortem.word", "field", field, "value", kind, "expected", words, NULL);
		} else if(!desc || strlen(desc) > 1000) {
			snprintf(field, sizeof(field), "marks[%zu].description", i);
			pl_failc(err, PL_EINPUT, "antemortem.text", "field", field, "max", "1000", NULL);
		} else {
			json_array_append_new(list, json_pack("{s:s, s:s, s:o}", "kind", kind ? kind : "other", "location",
			                                      loc, "description", trimmed(desc)));
			continue;
		}
		json_decref(list);
		return false;
	}
	json_object_set_new(out, "marks", list);
	return true;
}

/* "dental": {"FDI": CODE}: each tooth an FDI number, each code of the list. */
static bool put_dental(json_t *out, const json_t *doc, pl_err *err)
{
	const json_t *d = json_object_get(doc, "dental");
	if(!d || json_is_null(d))
		return true;
	if(!json_is_object(d)) {
		pl_failc(err, PL_EINPUT, "antemortem.dental", "field", "dental", NULL);
		return false;
	}
	const char *codes[49] = {0};
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)d, key, v) {
		char field[80], words[200];
		snprintf(field, sizeof(field), "dental.%.40s", key);
		char *end;
		long n = strtol(key, &end, 10);
		if(*end || end == key || !am_tooth_exists(n)) {
			pl_failc(err, PL_EINPUT, "antemortem.tooth", "field", field, "value", key, NULL);
			return false;
		}
		const char *code = json_is_string(v) ? json_string_value(v) : "";
		if(fam_word(am_tooth_code_names, code) < 0) {
			words_text(am_tooth_code_names, words, sizeof(words));
			pl_failc(err, PL_EINPUT, "antemortem.word", "field", field, "value", code, "expected", words, NULL);
			return false;
		}
		codes[n] = code;
	}
	json_t *chart = json_object();
	for(int n = 11; n <= 48; n++)
		if(codes[n]) {
			char k[4];
			snprintf(k, sizeof(k), "%d", n);
			json_object_set_new(chart, k, json_string(codes[n]));
		}
	json_object_set_new(out, "dental", chart);
	return true;
}

json_t *am_clean(const json_t *doc, bool inquiry_allowed, pl_err *err)
{
	static const char *const keys[] = {"inquiry", "height", "build", "hair", "eyes", "marks",
	                                   "dental", "clothing", "effects", NULL};
	if(!json_is_object(doc))
		return fail(err, NULL, "antemortem.not_object", "", NULL, "");
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)doc, key, v) {
		int k = fam_word(keys, key);
		if(k < 0 || (k == 0 && !inquiry_allowed)) {
			char list[200];
			words_text(keys + !inquiry_allowed, list, sizeof(list));
			return fail(err, NULL, "antemortem.unknown_key", key, NULL, list);
		}
	}
	json_t *out = json_object();
	bool ok = (!inquiry_allowed || put_text(out, doc, "inquiry", 40, err)) && put_height(out, doc, err) &&
	          put_word(out, doc, "build", am_build_names, err) && put_word(out, doc, "hair", am_hair_names, err) &&
	          put_word(out, doc, "eyes", am_eye_names, err) && put_marks(out, doc, err) &&
	          put_dental(out, doc, err) && put_text(out, doc, "clothing", 2000, err) &&
	          put_text(out, doc, "effects", 2000, err);
	if(!ok) {
		json_decref(out);
		return NULL;
	}
	return out;
}

/* ---- storing ------------------------------------------------------------------ */

static pl_rc person_of(store *st, const char *who_id, char uid[UID_SIZE], int64_t *id, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	person p;
	pl_rc rc = registry_person_get(st, who_id, &a, &p, err);
	if(!rc)
		snprintf(uid, UID_SIZE, "%s", p.uid);
	arena_free(&a);
	return rc ? rc : registry_person_id(st, uid, id, err);
}

/* The record as stored (new reference) or NULL. */
static pl_rc load(store *st, int64_t person_id, json_t **out, const char **actor, const char **at, arena *a,
                  pl_err *err)
{
	sqlite3_stmt *s;
	*out = NULL;
	pl_rc rc = store_stmt(st, "SELECT doc, actor, updated_at FROM antemortem WHERE person_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW) {
		*out = json_loads(store_column_text(s, 0), 0, NULL);
		if(actor)
			*actor = arena_strdup(a, store_column_text(s, 1));
		if(at)
			*at = arena_strdup(a, store_column_text(s, 2));
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading an ante-mortem record");
	return x == SQLITE_ROW && !*out ? pl_failc(err, PL_EINTEGRITY, "antemortem.stored", NULL) : PL_OK;
}

/* The inquiry named must be about this person. */
static pl_rc inquiry_check(store *st, const json_t *doc, const char *person_uid, pl_err *err)
{
	const char *q = json_string_value(json_object_get(doc, "inquiry"));
	if(!q)
		return PL_OK;
	arena a;
	arena_init(&a, 0);
	inquiry k;
	pl_rc rc = fam_inquiry_load(st, q, &a, &k, err);
	if(!rc && strcmp(k.f[IF_PERSON], person_uid))
		rc = pl_failc(err, PL_EINPUT, "antemortem.inquiry_person", "inquiry", k.uid, "person", person_uid, NULL);
	if(!rc)
		json_object_set_new((json_t *)doc, "inquiry", json_string(k.uid));
	arena_free(&a);
	return rc;
}

/* What the audit keeps of a record: which parts it has (and how many
 * marks and teeth), never what they say. The audit's readers (the auditor)
 * may not read ante-mortem data; the record's history is its own. */
static json_t *summary(const json_t *doc)
{
	if(!doc)
		return NULL;
	json_t *parts = json_array();
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)doc, key, v)
		if(strcmp(key, "inquiry"))
			json_array_append_new(parts, json_string(key));
	return json_pack("{s:O?, s:o, s:I, s:I}", "inquiry", json_object_get(doc, "inquiry"), "parts", parts, "marks",
	                 (json_int_t)json_array_size(json_object_get(doc, "marks")), "teeth",
	                 (json_int_t)json_object_size(json_object_get(doc, "dental")));
}

static pl_rc put(store *st, int64_t person_id, const char *uid, json_t *doc, pl_err *err)
{
	arena a;
	arena_init(&a, 0);
	json_t *before;
	pl_rc rc = load(st, person_id, &before, NULL, NULL, &a, err);
	char *text = rc ? NULL : json_dumps(doc, JSON_COMPACT);
	sqlite3_stmt *s;
	if(!rc && !text)
		rc = pl_nomem(err);
	rc = rc ? rc
	        : store_stmt(st, "INSERT INTO antemortem(person_id, doc, actor, updated_at) VALUES (?, ?, ?, ?)"
	                         " ON CONFLICT(person_id) DO UPDATE SET doc = excluded.doc, actor = excluded.actor,"
	                         " updated_at = excluded.updated_at", &s, err);
	if(!rc) {
		char now[TIMESTAMP_STR_MAX];
		date_now_iso(now);
		sqlite3_bind_int64(s, 1, person_id);
		sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, store_actor(st), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		rc = x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "writing an ante-mortem record");
	}
	free(text);
	arena_free(&a);
	if(rc) {
		json_decref(before);
		return rc;
	}
	json_t *was = summary(before);
	json_decref(before);
	return fam_audit(st, "antemortem", "person", uid, was, summary(doc), err);
}

pl_rc family_antemortem_set(store *st, const char *who_id, const json_t *doc, pl_err *err)
{
	json_t *clean = am_clean(doc, true, err);
	if(!clean)
		return PL_EINPUT;
	char uid[UID_SIZE];
	int64_t id = 0;
	pl_rc rc = store_begin(st, err);
	if(!rc) {
		rc = person_of(st, who_id, uid, &id, err);
		rc = rc ? rc : inquiry_check(st, clean, uid, err);
		rc = store_end(st, rc ? rc : put(st, id, uid, clean, err), err);
	}
	json_decref(clean);
	return rc;
}

pl_rc family_antemortem_get(store *st, const char *who_id, json_t **out, pl_err *err)
{
	char uid[UID_SIZE];
	int64_t id = 0;
	arena a;
	arena_init(&a, 0);
	const char *actor = NULL, *at = NULL;
	am_photo *ph = NULL;
	size_t n = 0;
	json_t *doc = NULL;
	pl_rc rc = person_of(st, who_id, uid, &id, err);
	rc = rc ? rc : load(st, id, &doc, &actor, &at, &a, err);
	rc = rc ? rc : family_photo_list(st, uid, &a, &ph, &n, err);
	*out = NULL;
	if(!rc && (doc || n)) {
		if(!doc)
			doc = json_object();
		json_object_set_new(doc, "person", json_string(uid));
		if(actor)
			json_object_set_new(doc, "actor", json_string(actor));
		if(at)
			json_object_set_new(doc, "updated_at", json_string(at));
		json_t *photos = json_array();
		for(size_t i = 0; i < n; i++)
			json_array_append_new(photos, json_pack("{s:s, s:s, s:I, s:s?, s:s, s:s}", "sha256", ph[i].sha256,
			                                        "type", ph[i].type, "size", (json_int_t)ph[i].size, "caption",
			                                        ph[i].caption, "actor", ph[i].actor, "created_at",
			                                        ph[i].created_at));
		json_object_set_new(doc, "photos", photos);
		*out = doc;
	} else
		json_decref(doc);
	arena_free(&a);
	return rc;
}
