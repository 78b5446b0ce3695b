/* Letters to families: the templates an office keeps (every version, never
 * changed), a letter rendered for an inquiry when consent and the facts
 * allow it, and the letters sent, each with its text as it went. */
#include <string.h>

#include "audit/audit.h"
#include "core/msg.h"
#include "core/utf8.h"
#include "family/internal.h"
#include "family/letter.h"

const char *const letter_kind_names[LK_COUNT + 1] = {"acknowledgement", "status_update", "return", "identification",
                                                     NULL};
const char *const letter_how_names[] = {"post", "email", "in_person", "phone", "handed_over", NULL};

static pl_rc kind_lang(const char *kind, const char *lang, letter_kind *k, int *l, pl_err *err)
{
	int i = fam_word(letter_kind_names, kind);
	if(i < 0)
		return pl_failc(err, PL_EINPUT, "letters.kind", "kind", kind ? kind : "", NULL);
	*k = (letter_kind)i;
	if(l && (*l = lang_parse(lang)) < 0)
		return pl_failc(err, PL_EINPUT, "letters.lang", "lang", lang ? lang : "", NULL);
	return PL_OK;
}

/* ---- templates ---------------------------------------------------------------- */

static const char *default_body(letter_kind k, int lang)
{
	static const char *const codes[LK_COUNT] = {"letters.body_acknowledgement", "letters.body_status_update",
	                                            "letters.body_return", "letters.body_identification"};
	return msg_template((lang_id)lang, codes[k]);
}

/* The versions of (k, lang), newest first; the first in use unless it is a reset. */
static pl_rc versions(store *st, letter_kind k, int lang, arena *a, letter_template_version **out, size_t *n,
                      pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id, body, actor, created_at FROM letter_template WHERE kind = ? AND lang = ?"
	                          " ORDER BY id DESC", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, letter_kind_names[k], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, lang_code((lang_id)lang), -1, SQLITE_STATIC);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		if(*n == cap) {
			letter_template_version *more = arena_calloc(a, cap = cap ? 2 * cap : 8, sizeof(*more));
			if(!more)
				break;
			if(*n)
				memcpy(more, *out, *n * sizeof(*more));
			*out = more;
		}
		letter_template_version *v = &(*out)[(*n)++];
		v->version = sqlite3_column_int64(s, 0);
		v->body = store_column_dup(s, 1, a);
		v->actor = store_column_dup(s, 2, a);
		v->saved_at = store_column_dup(s, 3, a);
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(st, err, x, "reading letter templates");
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

static pl_rc template_of(store *st, letter_kind k, int lang, arena *a, letter_template *out,
                         letter_template_version **hist, size_t *nhist, pl_err *err)
{
	letter_template_version *v;
	size_t n;
	pl_rc rc = versions(st, k, lang, a, &v, &n, err);
	if(rc)
		return rc;
	memset(out, 0, sizeof(*out));
	out->kind = k;
	out->lang = lang;
	if(n && v[0].body) {
		out->body = v[0].body;
		out->custom = true;
		out->version = v[0].version;
	} else {
		out->body = default_body(k, lang);
	}
	if(n) {
		out->actor = v[0].actor;
		out->saved_at = v[0].saved_at;
	}
	if(hist) {
		*hist = v;
		*nhist = n;
	}
	return PL_OK;
}

pl_rc letter_template_get(store *st, const char *kind, const char *lang, arena *a, letter_template *out,
                          letter_template_version **hist, size_t *nhist, pl_err *err)
{
	letter_kind k = LK_ACKNOWLEDGEMENT;
	int l = LANG_EN;
	pl_rc rc = kind_lang(kind, lang, &k, &l, err);
	return rc ? rc : template_of(st, k, l, a, out, hist, nhist, err);
}

static pl_rc template_put(store *st, letter_kind k, int lang, const char *body, arena *a, pl_err *err)
{
	letter_template was;
	pl_rc rc = template_of(st, k, lang, a, &was, NULL, NULL, err);
	if(rc)
		return rc;
	if(!body && !was.custom)
		return pl_failc(err, PL_ECONFLICT, "letters.tmpl_default_already", "kind", letter_kind_names[k], "lang",
		                lang_code((lang_id)lang), NULL);
	sqlite3_stmt *s;
	if((rc = store_stmt(st, "INSERT INTO letter_template(kind, lang, body, actor, created_at)"
	                        " VALUES (?, ?, ?, ?, ?)", &s, err)))
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, letter_kind_names[k], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, lang_code((lang_id)lang), -1, SQLITE_STATIC);
	store_bind_text(s, 3, body);
	sqlite3_bind_text(s, 4, store_actor(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "saving a letter template");
	char key[48];
	snprintf(key, sizeof(key), "%s/%s", letter_kind_names[k], lang_code((lang_id)lang));
	int64_t id = sqlite3_last_insert_rowid(store_db(st));
	return fam_audit(st, body ? "template_set" : "template_reset", "letter_template", key,
	                 json_pack("{s:I}", "version", (json_int_t)was.version),
	                 json_pack("{s:I, s:I}", "version", (json_int_t)(body ? id : 0), "length",
	                           (json_int_t)(body ? strlen(body) : 0)),
	                 err);
}

pl_rc letter_template_set(store *st, const char *kind, const char *lang, const char *body, pl_err *err)
{
	letter_kind k = LK_ACKNOWLEDGEMENT;
	int l = LANG_EN;
	pl_rc rc = kind_lang(kind, lang, &k, &l, err);
	if(!rc && body)
		rc = letter_tmpl_render(body, strlen(body), NULL, l, NULL, err);
	if(!rc && body && !*body)
		rc = pl_failc(err, PL_EINPUT, "letters.tmpl_empty", NULL);
	if(rc)
		return rc;
	arena a;
	arena_init(&a, 0);
	if(!(rc = store_begin(st, err)))
		rc = store_end(st, template_put(st, k, l, body, &a, err), err);
	arena_free(&a);
	return rc;
}

/* ---- the office's name ------------------------------------------------------------ */

pl_rc letter_office_get(store *st, arena *a, const char **out, pl_err *err)
{
	char *name = NULL;
	pl_rc rc = store_meta_get(st, "office_name", &name, err);
	*out = !rc && name && *name ? arena_strdup(a, name) : NULL;
	sqlite3_free(name);
	return rc;
}

static pl_rc office_check(const char *name, pl_err *err)
{
	size_t n = strlen(name), bad = 0, chars = 0;
	if(!utf8_valid(name, n, &bad))
		return pl_failc(err, PL_EINPUT, "letters.office_utf8", "at", PL_N(bad + 1), NULL);
	for(size_t i = 0; i < n; chars++) {
		uint32_t cp = 0;
		size_t len = utf8_decode(name + i, n - i, &cp);
		if(cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return pl_failc(err, PL_EINPUT, "letters.office_control", "at", PL_N(chars + 1), NULL);
		i += len ? len : 1;
	}
	if(chars > LETTER_OFFICE_MAX)
		return pl_failc(err, PL_EINPUT, "letters.office_long", "max", PL_N(LETTER_OFFICE_MAX), "got", PL_N(chars),
		                NULL);
	return PL_OK;
}

pl_rc letter_office_set(store *st, const char *name, pl_err *err)
{
	name = name ? name : "";
	pl_rc rc = office_check(name, err);
	if(rc || (rc = store_begin(st, err)))
		return rc;
	char *was = NULL;
	rc = store_meta_get(st, "office_name", &was, err);
	if(!rc)
		rc = store_meta_set(st, "office_name", name, err);
	if(!rc)
		rc = fam_audit(st, "office_set", "setting", "office_name",
		               json_pack("{s:s?}", "office", was && *was ? was : NULL),
		               json_pack("{s:s?}", "office", *name ? name : NULL), err);
	sqlite3_free(was);
	return store_end(st, rc, err);
}

/* ---- rendering ------------------------------------------------------------------- */

static const char *dup(arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

/* The person's name as the letter writes it: surname first in Ukrainian
 * and Russian, as official letters do; the Latin spelling in English when
 * the registry has it. */
static const char *full_name(const person_brief *p, int lang, arena *a)
{
	char out[400];
	if(lang == LANG_EN && p->surname_latin)
		snprintf(out, sizeof(out), "%s %s", p->given_names_latin ? p->given_names_latin : "", p->surname_latin);
	else
		snprintf(out, sizeof(out), "%s %s %s", p->surname ? p->surname : "", p->given_names ? p->given_names : "",
		         p->patronymic ? p->patronymic : "");
	size_t n = strlen(out);
	while(n && out[n - 1] == ' ')
		out[--n] = '\0';
	return arena_strdup(a, out[0] == ' ' ? out + 1 : out);
}

static const char *date_words(const char *day, int lang, arena *a)
{
	if(!day || !*day)
		return NULL;
	char out[96];
	letter_date_words(day, lang, out, sizeof(out));
	return arena_strdup(a, out);
}

/* What a kind needs of the person's status: NULL if it may be written. */
static bool status_allows(letter_kind k, person_status s)
{
	if(k == LK_RETURN)
		return s == ST_REPATRIATED || s == ST_RELEASED_OTHERWISE;
	if(k == LK_IDENTIFICATION)
		return s == ST_IDENTIFIED;
	return true;
}

static pl_rc last_event(store *st, int64_t pid, unsigned types, arena *a, const char **day, pl_err *err)
{
	event_brief e;
	pl_rc rc = registry_last_events(st, &pid, 1, types, a, &e, err);
	*day = !rc && e.type >= 0 ? e.date : NULL;
	return rc;
}

typedef struct rendered {
	inquiry q;
	letter_template t;
} rendered;

/* Render in->kind for its inquiry into out (no transaction of its own). */
static pl_rc render(store *st, const letter_input *in, arena *a, letter *out, rendered *r, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	letter_kind k = LK_ACKNOWLEDGEMENT;
	pl_rc rc = kind_lang(in->kind, "en", &k, NULL, err);
	if(rc || (rc = fam_inquiry_load(st, in->inquiry, a, &r->q, err)))
		return rc;
	const inquiry *q = &r->q;
	const char *lang_word = in->lang && *in->lang ? in->lang : q->f[IF_LANGUAGE] ? q->f[IF_LANGUAGE] : "uk";
	int lang = lang_parse(lang_word);
	if(lang < 0)
		return pl_failc(err, PL_EINPUT, "letters.lang", "lang", lang_word, NULL);
	if(q->status == IQ_CLOSED)
		return pl_failc(err, PL_ECONFLICT, "letters.inquiry_closed", "inquiry", q->uid, NULL);
	if(!(q->consents_in_force & (1u << CP_TRACING)))
		return pl_failc(err, PL_ECONFLICT, "letters.no_consent", "inquiry", q->uid, NULL);
	if(!status_allows(k, q->who.status))
		return pl_failc(err, PL_ECONFLICT, k == LK_RETURN ? "letters.not_returned" : "letters.not_identified",
		                "person", q->who.uid, "status", lifecycle_status_name(q->who.status), NULL);
	if((rc = template_of(st, k, lang, a, &r->t, NULL, NULL, err)))
		return rc;
	const char *body = in->body ? in->body : r->t.body;
	if(!body)
		return pl_failc(err, PL_ENOTFOUND, "letters.no_template", "kind", letter_kind_names[k], "lang",
		                lang_code((lang_id)lang), NULL);
	const char *v[LP_COUNT] = {0};
	char today[DATE_STR_MAX], code[48];
	date_format(store_today(st), today);
	char *office = NULL;
	if((rc = store_meta_get(st, "office_name", &office, err)))
		return rc;
	out->office = dup(a, office);
	sqlite3_free(office);
	const char *status_day, *return_day;
	if((rc = last_event(st, q->person_id, ~0u, a, &status_day, err)) ||
	   (rc = last_event(st, q->person_id, 1u << EV_REPATRIATED | 1u << EV_RELEASED_OTHERWISE, a, &return_day, err)))
		return rc;
	snprintf(code, sizeof(code), "letters.status_%s", lifecycle_status_name(q->who.status));
	v[LP_INQUIRER] = q->f[IF_INQUIRER] ? q->f[IF_INQUIRER] : q->f[IF_ORGANISATION];
	v[LP_PERSON] = full_name(&q->who, lang, a);
	v[LP_BIRTH_DATE] = date_words(q->who.birth_date, lang, a);
	v[LP_INQUIRY_REF] = q->f[IF_REF] ? q->f[IF_REF] : q->uid;
	v[LP_INQUIRY_DATE] = date_words(q->f[IF_RECEIVED], lang, a);
	v[LP_STATUS] = msg_template((lang_id)lang, code);
	v[LP_STATUS_DATE] = date_words(status_day, lang, a);
	v[LP_RETURN_DATE] = date_words(return_day, lang, a);
	v[LP_OFFICE] = out->office;
	v[LP_TODAY] = date_words(today, lang, a);
	/* A mother or a father is addressed as one; anyone else (a spouse, an
	 * organisation) in the form that reads for anyone. */
	const char *rel = q->f[IF_INQUIRER] ? q->f[IF_RELATION] : NULL;
	v[LP_DEAR] = msg_template((lang_id)lang, rel && !strcmp(rel, "mother")   ? "letters.dear_female"
	                                         : rel && !strcmp(rel, "father") ? "letters.dear_male"
	                                                                         : "letters.dear_any");
	buf text;
	buf_init(&text, 0);
	rc = letter_tmpl_render(body, strlen(body), v, lang, &text, err);
	out->body = rc ? NULL : arena_strdup(a, buf_str(&text));
	buf_free(&text);
	if(rc)
		return rc;
	snprintf(out->inquiry, sizeof(out->inquiry), "%s", q->uid);
	snprintf(out->person, sizeof(out->person), "%s", q->who.uid);
	out->kind = k;
	out->lang = lang;
	out->recipient = v[LP_INQUIRER];
	out->address = q->f[IF_ADDRESS];
	out->email = q->f[IF_EMAIL];
	out->date = dup(a, today);
	out->template_version = in->body ? -1 : r->t.version;
	return arena_oom(a) ? pl_nomem(err) : PL_OK;
}

static json_t *audited(const letter *l)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?}", "inquiry", l->inquiry, "kind", letter_kind_names[l->kind],
	                 "lang", lang_code((lang_id)l->lang), "how", l->how, "sent_on", l->sent_on, "task", l->task);
}

pl_rc letter_render(store *st, const letter_input *in, arena *a, letter *out, pl_err *err)
{
	rendered r;
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	rc = render(st, in, a, out, &r, err);
	if(!rc)
		rc = fam_audit(st, "render", "letter", out->inquiry, NULL, audited(out), err);
	rc = store_end(st, rc, err);
	return rc ? rc : letter_log_reads(st, out, 1, "letter_render", err);
}

/* ---- sending ----------------------------------------------------------------------- */

static pl_rc insert(store *st, const letter *l, int64_t inquiry_id, int64_t task_id, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO letter(uid, inquiry_id, kind, lang, template_version, body, recipient,"
	                          " address, email, office, how, sent_on, task_id, actor, created_at)"
	                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, l->uid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, inquiry_id);
	sqlite3_bind_text(s, 3, letter_kind_names[l->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, lang_code((lang_id)l->lang), -1, SQLITE_STATIC);
	if(l->template_version > 0)
		sqlite3_bind_int64(s, 5, l->template_version);
	sqlite3_bind_text(s, 6, l->body, -1, SQLITE_STATIC);
	store_bind_text(s, 7, l->recipient);
	store_bind_text(s, 8, l->address);
	store_bind_text(s, 9, l->email);
	store_bind_text(s, 10, l->office);
	sqlite3_bind_text(s, 11, l->how, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, l->sent_on, -1, SQLITE_STATIC);
	if(task_id)
		sqlite3_bind_int64(s, 13, task_id);
	store_bind_text(s, 14, l->sent_by);
	sqlite3_bind_text(s, 15, l->created_at, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "recording a letter");
}

/* How a task says the family was told, from how the letter went. */
static const char *told_how(const char *how)
{
	return !strcmp(how, "phone") ? "phone" : !strcmp(how, "in_person") ? "in_person" : "letter";
}

static pl_rc send_in(store *st, const letter_send *s, arena *a, letter *out, pl_err *err)
{
	if(fam_word(letter_how_names, s->how) < 0)
		return pl_failc(err, PL_EINPUT, "letters.how", "how", s->how ? s->how : "", NULL);
	/* what is sent is the template in use, never a draft */
	letter_input in = s->in;
	in.body = NULL;
	rendered r;
	pl_rc rc = render(st, &in, a, out, &r, err);
	if(rc)
		return rc;
	char *today = arena_alloc(a, DATE_STR_MAX), *now = arena_alloc(a, TIMESTAMP_STR_MAX);
	if(!today || !now)
		return pl_nomem(err);
	date_format(store_today(st), today);
	date_now_iso(now);
	if(s->date && *s->date) {
		pdate d;
		const char *why = NULL;
		if(strlen(s->date) != 10 || !date_parse(s->date, &d, &why) || strcmp(s->date, today) > 0)
			return pl_failc(err, PL_EINPUT, "letters.sent_on", "date", s->date, NULL);
	}
	/* the contacts the way it went needs, from the inquiry */
	if(!strcmp(s->how, "post") && !out->address)
		return pl_failc(err, PL_ECONFLICT, "letters.no_address", "inquiry", r.q.uid, NULL);
	if(!strcmp(s->how, "email") && !out->email)
		return pl_failc(err, PL_ECONFLICT, "letters.no_email", "inquiry", r.q.uid, NULL);
	registry_uid('L', out->uid);
	out->how = s->how;
	out->sent_on = s->date && *s->date ? s->date : today;
	out->date = out->sent_on;
	out->sent_by = dup(a, store_actor(st));
	out->created_at = now;
	int64_t task_id = 0;
	if(s->task && *s->task) {
		char note[64];
		snprintf(note, sizeof(note), "letter %s", out->uid);
		if((rc = fam_task_close_in(st, s->task, told_how(s->how), out->sent_on, note, r.q.person_id, a, &task_id,
		                           err)))
			return rc;
		family_task t;
		if((rc = family_task_get(st, s->task, a, &t, err)))
			return rc;
		out->task = dup(a, t.uid);
	}
	if((rc = insert(st, out, r.q.id, task_id, err)))
		return rc;
	if((out->kind == LK_RETURN || out->kind == LK_IDENTIFICATION) && r.q.status == IQ_OPEN &&
	   (rc = fam_inquiry_status_in(st, r.q.uid, IQ_ANSWERED, NULL, a, err)))
		return rc;
	return fam_audit(st, "send", "letter", out->uid, NULL, audited(out), err);
}

pl_rc letter_send_record(store *st, const letter_send *s, arena *a, letter *out, pl_err *err)
{
	pl_rc rc = store_begin(st, err);
	if(!rc)
		rc = store_end(st, send_in(st, s, a, out, err), err);
	if(rc)
		out->uid[0] = '\0'; /* nothing was recorded */
	return rc ? rc : letter_log_reads(st, out, 1, "letter_send", err);
}

/* ---- reading ------------------------------------------------------------------------- */

#define LETTER_COLUMNS                                                                                  \
	"l.uid, q.uid, l.kind, l.lang, l.template_version, l.body, l.recipient, l.address, l.email,"        \
	" l.office, l.how, l.sent_on, t.uid, l.actor, l.created_at, q.person_id"
#define LETTER_FROM                                                                                     \
	" FROM letter l JOIN inquiry q ON q.id = l.inquiry_id LEFT JOIN family_task t ON t.id = l.task_id"

static void from_row(sqlite3_stmt *s, arena *a, letter *l, int64_t *pid)
{
	memset(l, 0, sizeof(*l));
	snprintf(l->uid, sizeof(l->uid), "%s", store_column_text(s, 0));
	snprintf(l->inquiry, sizeof(l->inquiry), "%s", store_column_text(s, 1));
	int k = fam_word(letter_kind_names, store_column_text(s, 2));
	l->kind = k < 0 ? LK_ACKNOWLEDGEMENT : (letter_kind)k;
	int lang = lang_parse(store_column_text(s, 3));
	l->lang = lang < 0 ? LANG_UK : lang;
	l->template_version = sqlite3_column_int64(s, 4);
	l->body = store_column_dup(s, 5, a);
	l->recipient = store_column_dup(s, 6, a);
	l->address = store_column_dup(s, 7, a);
	l->email = store_column_dup(s, 8, a);
	l->office = store_column_dup(s, 9, a);
	l->how = store_column_dup(s, 10, a);
	l->sent_on = store_column_dup(s, 11, a);
	l->date = l->sent_on;
	l->task = store_column_dup(s, 12, a);
	l->sent_by = store_column_dup(s, 13, a);
	l->created_at = store_column_dup(s, 14, a);
	*pid = sqlite3_column_int64(s, 15);
}

static pl_rc rows(store *st, sqlite3_stmt *s, arena *a, letter **out, size_t *n, pl_err *err)
{
	size_t cap = 0;
	int64_t *pids = NULL;
	*out = NULL;
	*n = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		if(*n == cap) {
			cap = cap ? 2 * cap : 16;
			letter *more = arena_calloc(a, cap, sizeof(*more));
			int64_t *morep = arena_calloc(a, cap, sizeof(*morep));
			if(!more || !morep)
				break;
			if(*n) {
				memcpy(more, *out, *n * sizeof(*more));
				memcpy(morep, pids, *n * sizeof(*morep));
			}
			*out = more;
			pids = morep;
		}
		from_row(s, a, &(*out)[*n], &pids[*n]);
		(*n)++;
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE && x != SQLITE_ROW)
		return store_fail(st, err, x, "reading letters");
	if(arena_oom(a))
		return pl_nomem(err);
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < *n && !rc; i++) {
		char uid[UID_SIZE];
		rc = registry_person_uid(st, pids[i], uid, err);
		snprintf((*out)[i].person, UID_SIZE, "%s", uid);
	}
	return rc;
}

pl_rc letter_list(store *st, const letter_query *lq, arena *a, letter_page *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	int64_t qid = 0;
	if(lq->inquiry) {
		inquiry q;
		pl_rc rc = fam_inquiry_load(st, lq->inquiry, a, &q, err);
		if(rc)
			return rc;
		qid = q.id;
	}
	sqlite3_stmt *s, *c;
	pl_rc rc = store_stmt(st, "SELECT " LETTER_COLUMNS LETTER_FROM " WHERE ?1 = 0 OR l.inquiry_id = ?1"
	                          " ORDER BY l.id DESC LIMIT ?2 OFFSET ?3", &s, err);
	if(!rc)
		rc = store_stmt(st, "SELECT count(*) FROM letter WHERE ?1 = 0 OR inquiry_id = ?1", &c, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, qid);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)(lq->limit ? lq->limit : 50));
	sqlite3_bind_int64(s, 3, (sqlite3_int64)lq->offset);
	sqlite3_bind_int64(c, 1, qid);
	int x = sqlite3_step(c);
	out->total = x == SQLITE_ROW ? (size_t)sqlite3_column_int64(c, 0) : 0;
	sqlite3_reset(c);
	if(x != SQLITE_ROW)
		return store_fail(st, err, x, "counting letters");
	return rows(st, s, a, &out->rows, &out->n, err);
}

pl_rc letter_get(store *st, const char *uid, arena *a, letter *out, pl_err *err)
{
	if(!uid || strlen(uid) < 5)
		return pl_failc(err, PL_ENOTFOUND, "letters.no_letter", "letter", uid ? uid : "", NULL);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT " LETTER_COLUMNS LETTER_FROM " WHERE l.uid >= ?1 AND l.uid < ?1 || '~'"
	                          " ORDER BY l.uid LIMIT 2", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	letter *l;
	size_t n;
	if((rc = rows(st, s, a, &l, &n, err)))
		return rc;
	if(n != 1)
		return pl_failc(err, n ? PL_EINPUT : PL_ENOTFOUND, n ? "letters.ambiguous" : "letters.no_letter", "letter",
		                uid, NULL);
	*out = l[0];
	return PL_OK;
}

pl_rc letter_log_reads(store *st, const letter *l, size_t n, const char *action, pl_err *err)
{
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < n && !rc; i++) {
		char detail[64];
		snprintf(detail, sizeof(detail), "letter %s", l[i].uid[0] ? l[i].uid : l[i].inquiry);
		rc = audit_access(st, NULL, l[i].person, action, detail, err);
	}
	return rc;
}

/* ---- JSON --------------------------------------------------------------------------- */

json_t *letter_json(const letter *l, bool contacts)
{
	json_t *o = json_pack("{s:s?, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "id", l->uid[0] ? l->uid : NULL,
	                      "inquiry", l->inquiry, "person", l->person, "kind", letter_kind_names[l->kind], "lang",
	                      lang_code((lang_id)l->lang), "body", l->body ? l->body : "", "office", l->office,
	                      "recipient", l->recipient, "date", l->date);
	if(!o)
		return NULL;
	if(contacts) {
		json_object_set_new(o, "address", l->address ? json_string(l->address) : json_null());
		json_object_set_new(o, "email", l->email ? json_string(l->email) : json_null());
	} else {
		json_object_set_new(o, "contacts_withheld", json_true());
	}
	/* the caption of the printed signature line, in the letter's language */
	const char *sig = msg_template((lang_id)l->lang, "letters.signature_line");
	json_object_set_new(o, "signature_label", json_string(sig ? sig : ""));
	if(l->template_version)
		json_object_set_new(o, "template_version",
		                    l->template_version > 0 ? json_integer(l->template_version) : json_string("draft"));
	if(l->uid[0])
		json_object_update_new(o, json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}", "how", l->how, "sent_on", l->sent_on,
		                                     "sent_by", l->sent_by, "created_at", l->created_at, "task", l->task));
	return o;
}

json_t *letter_template_json(const letter_template *t, bool with_history, const letter_template_version *h, size_t nh)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:b, s:I, s:s?, s:s?}", "kind", letter_kind_names[t->kind], "lang",
	                      lang_code((lang_id)t->lang), "body", t->body ? t->body : "", "custom", t->custom,
	                      "version", (json_int_t)t->version, "saved_by", t->actor, "saved_at", t->saved_at);
	if(o && with_history) {
		json_t *a = json_array();
		for(size_t i = 0; i < nh; i++)
			json_array_append_new(a, json_pack("{s:I, s:o, s:s?, s:s?}", "version", (json_int_t)h[i].version, "body",
			                                   h[i].body ? json_string(h[i].body) : json_null(), "saved_by",
			                                   h[i].actor, "saved_at", h[i].saved_at));
		json_object_set_new(o, "history", a);
	}
	return o;
}
