#include "match/reconcile.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "audit/audit.h"
#include "core/date.h"
#include "core/hmap.h"
#include "core/msg.h"
#include "store/store.h"

enum { DECIDED_WEIGHT = 1000000 }; /* a confirmed pair outweighs any other */

static const char *const flag_names[RECONCILE_FLAGS] = {"already_returned", "civilian", "died", "duplicate",
                                                        "booked", "not_eligible"};

const char *reconcile_outcome_name(reconcile_outcome o)
{
	static const char *const outcome_names[] = {"matched", "review", "unmatched", "duplicate"};
	return outcome_names[o];
}

void reconcile_flags_text(unsigned flags, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for(int k = 0; k < RECONCILE_FLAGS; k++)
		if(flags & (1u << k))
			n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s", n ? "," : "",
			                      flag_names[k]);
}

/* ---- the registry as a list --------------------------------------------- */

/* What the flags need of each registry person. */
static pl_rc take_extras(void *ctx, size_t i, const person *p)
{
	reconcile_result *out = ctx;
	if(i == out->reg_cap) {
		size_t cap = out->reg_cap ? out->reg_cap * 2 : 4096;
		unsigned char *st = realloc(out->reg_status, cap);
		if(st)
			out->reg_status = st;
		unsigned char *civ = realloc(out->reg_civilian, cap);
		if(civ)
			out->reg_civilian = civ;
		if(!st || !civ)
			return PL_ENOMEM;
		out->reg_cap = cap;
	}
	out->reg_status[i] = (unsigned char)p->status;
	out->reg_civilian[i] = p->f[PF_BRANCH] && !strcmp(p->f[PF_BRANCH], "civilian");
	return PL_OK;
}

static unsigned status_flags(person_status st)
{
	switch(st) {
	case ST_HANDED_OVER:
	case ST_IN_TRANSIT:
	case ST_REPATRIATED:
	case ST_DECLINED_REPATRIATION:
	case ST_RELEASED_OTHERWISE:
		return FLAG_ALREADY_RETURNED;
	case ST_DIED_IN_CAPTIVITY:
	case ST_REMAINS_RETURNED:
	case ST_IDENTIFIED:
		return FLAG_DIED;
	default:
		return 0;
	}
}

/* ---- outcomes ----------------------------------------------------------- */

/* The registry is side a, the list side b: each list row's best pair
 * decides its outcome; a row whose person another row took is a
 * duplicate within the list. */
static pl_rc outcomes(reconcile_result *r, const reconcile_opts *o)
{
	size_t n = r->list.side.n;
	r->rows = calloc(n ? n : 1, sizeof(reconcile_row));
	if(!r->rows)
		return PL_ENOMEM;
	for(size_t j = 0; j < n; j++)
		r->rows[j].outcome = RECONCILE_UNMATCHED;
	for(size_t k = 0; k < r->links.npairs; k++) {
		const match_pair *p = &r->links.pairs[k];
		reconcile_row *row = &r->rows[p->b];
		if(p->status == MATCH_LINK) {
			row->outcome = RECONCILE_MATCHED;
			row->decided = p->weight >= DECIDED_WEIGHT;
			row->pair = p;
			row->person = p->a;
			row->prob = p->prob;
			row->flags |= status_flags((person_status)r->reg_status[p->a]);
			if(r->reg_civilian[p->a])
				row->flags |= FLAG_CIVILIAN;
			if(o->flag)
				row->flags |= o->flag(o->flag_ctx, r->reg.ids[p->a]);
		} else if(p->status == MATCH_OUTRANKED && row->outcome != RECONCILE_MATCHED &&
		          p->prob >= r->threshold) {
			/* Good enough to link, but its person went to a better row: the
			 * list has the same person twice. */
			row->flags |= FLAG_DUPLICATE;
			row->outcome = RECONCILE_DUPLICATE;
			if(!row->pair) {
				row->pair = p;
				row->person = p->a;
				row->prob = p->prob;
			}
		} else if(p->status == MATCH_REVIEW && row->outcome != RECONCILE_MATCHED) {
			if(row->outcome != RECONCILE_DUPLICATE)
				row->outcome = RECONCILE_REVIEW;
			row->candidates++;
			if(!row->pair) {
				row->pair = p;
				row->person = p->a;
				row->prob = p->prob;
			}
		}
	}
	for(size_t j = 0; j < n; j++) {
		const reconcile_row *row = &r->rows[j];
		if(r->list.split && r->list.split[j] >= 0) {
			r->whole_names = true;
			r->split[r->list.split[j]]++;
			r->split_left_out += r->list.left_out[j] > 0;
		}
		r->matched += row->outcome == RECONCILE_MATCHED;
		r->review += row->outcome == RECONCILE_REVIEW;
		r->unmatched += row->outcome == RECONCILE_UNMATCHED;
		r->duplicate += row->outcome == RECONCILE_DUPLICATE;
		for(int f = 0; f < RECONCILE_FLAGS; f++)
			r->flagged[f] += (row->flags >> f) & 1;
	}
	return PL_OK;
}

/* ---- decisions ------------------------------------------------------------ */

/* What each row says, hashed: its linkage columns, in order. */
static pl_rc hash_rows(reconcile_result *r)
{
	size_t n = r->list.side.n;
	r->row_hash = calloc(n ? n : 1, sizeof(*r->row_hash));
	if(!r->row_hash)
		return PL_ENOMEM;
	for(size_t j = 0; j < n; j++) {
		crypto_generichash_state h;
		unsigned char out[ROW_HASH_LEN / 2];
		crypto_generichash_init(&h, NULL, 0, sizeof(out));
		for(int c = 0; c < MP_COLS; c++) {
			const char *v = match_value(&r->list.side, j, c);
			if(!v && c >= MP_ADDRESS)
				continue; /* as rows were hashed before addresses */
			crypto_generichash_update(&h, (const unsigned char *)(v ? v : "\x1e"), v ? strlen(v) : 1);
			crypto_generichash_update(&h, (const unsigned char *)"\x1f", 1);
		}
		crypto_generichash_final(&h, out, sizeof(out));
		sodium_bin2hex(r->row_hash[j], ROW_HASH_LEN + 1, out, sizeof(out));
	}
	return PL_OK;
}

/* Index+1 of each key (registry uids); 0 if absent. */
static pl_rc index_strings(hmap *m, const char *const *keys, size_t n)
{
	for(size_t i = 0; i < n; i++)
		if(hmap_put(m, keys[i], strlen(keys[i]), (void *)(uintptr_t)(i + 1)))
			return PL_ENOMEM;
	return PL_OK;
}

static size_t lookup(const hmap *m, const char *key)
{
	return (size_t)(uintptr_t)hmap_get(m, key, strlen(key));
}

static long row_of_line(const match_list *l, long line)
{
	size_t lo = 0, hi = l->side.n; /* lines ascend */
	while(lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if(l->lines[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->side.n && l->lines[lo] == line ? (long)lo : -1;
}

/* One decision, kept and audited, inside the caller's transaction. */
static pl_rc decision_write(store *st, const char *row_hash, const char *person_uid, bool confirm,
                               const char *list, const char *list_row, pl_err *err)
{
	const char *what = confirm ? "confirm" : "reject";
	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO match_decision(row_hash, person_uid, decision, list,"
	                          " list_row, actor, ts) VALUES (?,?,?,?,?,?,?)"
	                          " ON CONFLICT(row_hash, person_uid) DO UPDATE SET"
	                          " decision = excluded.decision, list = excluded.list,"
	                          " list_row = excluded.list_row, actor = excluded.actor, ts = excluded.ts",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, row_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, person_uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, what, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, list, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, list_row, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, ts, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "recording a decision");
	json_t *after = json_pack("{s:s, s:s, s:s?, s:s?}", "decision", what, "row", row_hash, "list", list,
	                          "list_row", list_row);
	char *text = after ? json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(after);
	rc = text ? audit_append(st, NULL, what, "match_decision", person_uid, NULL,
	                         text, err)
	          : pl_nomem(err);
	free(text);
	return rc;
}

static pl_rc record_decisions(store *st, reconcile_result *r, const hmap *uids,
                                 const char *list_name, const reconcile_opts *o, pl_err *err)
{
	if(!o->ndecide)
		return PL_OK;
	for(size_t k = 0; k < o->ndecide; k++) {
		if(row_of_line(&r->list, o->decide[k].line) < 0)
			return pl_failc(err, PL_EINPUT, "reconcile.no_row", "list", list_name, "line",
			                PL_N(o->decide[k].line), NULL);
		if(!lookup(uids, o->decide[k].person))
			return pl_failc(err, PL_ENOTFOUND, "reconcile.no_person", "person", o->decide[k].person, NULL);
	}
	pl_rc rc = store_begin(st, err);
	if(rc)
		return rc;
	for(size_t k = 0; k < o->ndecide && !rc; k++) {
		long j = row_of_line(&r->list, o->decide[k].line);
		rc = decision_write(st, r->row_hash[j], o->decide[k].person, o->decide[k].confirm, list_name,
		                    r->list.ids[j], err);
	}
	return store_end(st, rc, err);
}

pl_rc reconcile_decide(store *st, const char *row_hash, const char *person_uid, bool confirm,
                          const char *list, const char *list_row, pl_err *err)
{
	if(strlen(row_hash) != ROW_HASH_LEN || strspn(row_hash, "0123456789abcdef") != ROW_HASH_LEN)
		return pl_failc(err, PL_EINPUT, "reconcile.bad_row", NULL);
	arena a;
	arena_init(&a, 0);
	person p;
	pl_rc rc = registry_person_get(st, person_uid, &a, &p, err);
	arena_free(&a);
	if(rc)
		return rc;
	if((rc = store_begin(st, err)))
		return rc;
	rc = decision_write(st, row_hash, person_uid, confirm, list, list_row, err);
	return store_end(st, rc, err);
}

static match_pair *find_pair(match_result *m, uint32_t a, uint32_t b)
{
	for(size_t k = 0; k < m->npairs; k++)
		if(m->pairs[k].a == a && m->pairs[k].b == b)
			return &m->pairs[k];
	return NULL;
}

static pl_rc add_pair(reconcile_result *r, uint32_t a, uint32_t b, match_pair **out)
{
	match_result *m = &r->links;
	match_pair *np = realloc(m->pairs, (m->npairs + 1) * sizeof(*np));
	if(!np)
		return PL_ENOMEM;
	m->pairs = np;
	match_pair *p = &m->pairs[m->npairs++];
	memset(p, 0, sizeof(*p));
	p->a = a;
	p->b = b;
	match_compare(&match_person_spec, &r->reg.side, a, &r->list.side, b, p->level);
	*out = p;
	return PL_OK;
}

/* Every decision on a row of this list and a person of the registry: a
 * confirmed pair is made certain, a rejected one removed; then the links
 * are assigned again. */
static pl_rc apply_decisions(store *st, reconcile_result *r, const hmap *rows, const hmap *uids,
                                const match_opts *mo, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT row_hash, person_uid, decision FROM match_decision", &s, err);
	if(rc)
		return rc;
	int x;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		size_t j = lookup(rows, store_column_text(s, 0)), i = lookup(uids, store_column_text(s, 1));
		if(!j || !i)
			continue;
		match_pair *p = find_pair(&r->links, (uint32_t)(i - 1), (uint32_t)(j - 1));
		bool confirm = !strcmp(store_column_text(s, 2), "confirm");
		if(!p && confirm && add_pair(r, (uint32_t)(i - 1), (uint32_t)(j - 1), &p))
			rc = pl_nomem(err);
		if(p) {
			p->weight = confirm ? DECIDED_WEIGHT : -INFINITY;
			p->prob = confirm ? 1.0f : 0.0f;
			r->decisions++;
		}
	}
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading decisions");
	sqlite3_reset(s);
	if(rc || !r->decisions)
		return rc;
	/* Rejected pairs go; the rest are assigned again. */
	size_t kept = 0;
	for(size_t k = 0; k < r->links.npairs; k++)
		if(r->links.pairs[k].weight != -INFINITY)
			r->links.pairs[kept++] = r->links.pairs[k];
	r->links.npairs = kept;
	return match_assign(&r->links, r->reg.side.n, r->list.side.n, mo) ? pl_nomem(err) : PL_OK;
}

/* The registry person of each row, in one batch read, for the names. */
static pl_rc read_briefs(store *st, reconcile_result *r, pl_err *err)
{
	size_t n = r->list.side.n;
	int64_t *ids = calloc(n ? n : 1, sizeof(*ids));
	r->brief = calloc(n ? n : 1, sizeof(*r->brief));
	if(!ids || !r->brief) {
		free(ids);
		return pl_nomem(err);
	}
	for(size_t j = 0; j < n; j++)
		ids[j] = r->rows[j].pair ? (int64_t)r->reg.lines[r->rows[j].person] : 0;
	pl_rc rc = registry_person_briefs(st, ids, n, &r->brief_a, r->brief, err);
	free(ids);
	return rc;
}

/* The list read into out->list (rc: it could not be): the registry read,
 * decisions recorded and applied, the links made, each row's outcome.
 * Whatever the list came from, this is the one way it is linked. */
static pl_rc link_list(store *st, names *nm, const char *name, const reconcile_opts *o,
                       double t0, pl_rc rc, reconcile_result *out, pl_err *err)
{
	hmap rows, uids;
	hmap_init(&rows);
	hmap_init(&uids);
	if(!rc)
		rc = match_registry_read(st, nm, take_extras, out, &out->reg, err);
	if(!rc && (hash_rows(out) || index_strings(&uids, out->reg.ids, out->reg.side.n)))
		rc = pl_nomem(err);
	for(size_t j = 0; !rc && j < out->list.side.n; j++)
		if(hmap_put(&rows, out->row_hash[j], ROW_HASH_LEN, (void *)(uintptr_t)(j + 1)))
			rc = pl_nomem(err);
	if(!rc)
		rc = record_decisions(st, out, &uids, name, o, err);
	match_opts mo = MATCH_OPTS_DEFAULT;
	if(o->threshold > 0)
		mo.threshold = o->threshold;
	if(o->review > 0)
		mo.review = o->review;
	if(o->threads > 0)
		mo.threads = o->threads;
	out->threshold = mo.threshold;
	if(!rc)
		rc = match_link(&match_person_spec, &out->reg.side, &out->list.side, &mo, &out->links, err);
	if(!rc)
		rc = apply_decisions(st, out, &rows, &uids, &mo, err);
	if(!rc && outcomes(out, o))
		rc = pl_nomem(err);
	if(!rc)
		rc = read_briefs(st, out, err);
	/* Every registry record was read to be compared: one access-log entry
	 * says so, as for an export. */
	if(!rc)
		rc = registry_log_access(st, "*", "reconcile", err);
	hmap_free(&rows);
	hmap_free(&uids);
	out->seconds = date_monotonic() - t0;
	if(rc)
		reconcile_free(out);
	return rc;
}

pl_rc reconcile_list(store *st, names *nm, FILE *f, const char *name, const reconcile_opts *o,
                        reconcile_result *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	arena_init(&out->brief_a, 0);
	double t0 = date_monotonic();
	pl_rc rc = match_list_read(nm, f, name, o->id_column, &out->list, err);
	return link_list(st, nm, name, o, t0, rc, out, err);
}

pl_rc reconcile_records(store *st, names *nm, const reconcile_record *records, size_t n,
                        const char *name, const reconcile_opts *o, reconcile_result *out,
                        pl_err *err)
{
	memset(out, 0, sizeof(*out));
	arena_init(&out->brief_a, 0);
	double t0 = date_monotonic();
	match_list_init(&out->list);
	arena scratch;
	arena_init(&scratch, 4096);
	pl_rc rc = PL_OK;
	for(size_t j = 0; j < n && !rc; j++) {
		arena_reset(&scratch);
		rc = match_list_add_person(&out->list, nm, &records[j].who, records[j].key, (long)j + 1, name,
		                           &scratch, err);
	}
	arena_free(&scratch);
	return link_list(st, nm, name, o, t0, rc, out, err);
}

void reconcile_free(reconcile_result *r)
{
	match_list_free(&r->list);
	match_list_free(&r->reg);
	match_result_free(&r->links);
	free(r->reg_status);
	free(r->reg_civilian);
	free(r->rows);
	free(r->row_hash);
	free(r->brief);
	arena_free(&r->brief_a);
	memset(r, 0, sizeof(*r));
}

/* ---- reports ------------------------------------------------------------ */

static pl_rc write_buf(FILE *f, buf *b, pl_err *err)
{
	if(b->len && fwrite(b->ptr, 1, b->len, f) != b->len)
		return pl_failc(err, PL_EIO, "match.cannot_write_report", NULL);
	buf_reset(b);
	return PL_OK;
}

pl_rc reconcile_write_csv(FILE *f, const reconcile_result *r, pl_err *err)
{
	buf b;
	buf_init(&b, 0);
	static const char *const head[] = {"line", "list_id", "outcome", "person", "probability",
	                                   "flags", "candidates", "decided"};
	pl_rc rc = csv_format_record(&b, head, 8);
	for(size_t j = 0; j < r->list.side.n && !rc; j++) {
		const reconcile_row *row = &r->rows[j];
		char line[24], prob[24], flags[96], cand[24];
		snprintf(line, sizeof(line), "%ld", r->list.lines[j]);
		snprintf(prob, sizeof(prob), "%.4f", row->pair ? row->prob : 0.0);
		snprintf(cand, sizeof(cand), "%u", row->candidates);
		reconcile_flags_text(row->flags, flags, sizeof(flags));
		const char *v[8] = {line, r->list.ids[j], reconcile_outcome_name(row->outcome),
		                    row->pair ? r->reg.ids[row->person] : NULL, row->pair ? prob : NULL,
		                    flags, cand, row->decided ? "confirmed" : NULL};
		rc = csv_format_record(&b, v, 8);
		if(!rc && b.len > 1 << 20)
			rc = write_buf(f, &b, err);
	}
	if(rc && rc != PL_EIO)
		rc = pl_nomem(err);
	if(!rc)
		rc = write_buf(f, &b, err);
	buf_free(&b);
	return rc;
}

/* Surname, given names, patronymic, in one text; Cyrillic, else Latin. */
static json_t *name_json(const char *const sur[2], const char *const giv[2], const char *const pat[2])
{
	int k = sur[0] || giv[0] ? 0 : 1;
	const char *part[3] = {sur[k], giv[k], pat[k]};
	char text[512];
	size_t n = 0;
	text[0] = '\0';
	for(int i = 0; i < 3; i++)
		if(part[i] && *part[i] && n < sizeof(text))
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s", n ? " " : "", part[i]);
	return n ? json_string(text) : NULL;
}

/* What the list row says (its whole name split), and how it was split. */
static void theirs_json(json_t *o, const reconcile_result *r, size_t j)
{
	const match_list *l = &r->list;
	if(!l->shown)
		return;
	const char *const *v = &l->shown[j * MATCH_SHOWN];
	json_t *t = json_object();
	for(int k = 0; k < MATCH_SHOWN; k++)
		if(v[k])
			json_object_set_new(t, person_fields[match_shown_fields[k]].name, json_string(v[k]));
	json_object_set_new(o, "theirs", t);
	/* match_shown_fields starts: surname, given, patronymic, then Latin. */
	json_t *name = name_json((const char *[]){v[0], v[3]}, (const char *[]){v[1], v[4]},
	                         (const char *[]){v[2], v[5]});
	if(name)
		json_object_set_new(o, "their_name", name);
	if(l->split[j] >= 0) {
		json_object_set_new(o, "name_split", json_string(names_split_name((names_split)l->split[j])));
		if(l->left_out[j])
			json_object_set_new(o, "name_left_out", json_integer(l->left_out[j]));
	}
}

static json_t *row_json(const reconcile_result *r, size_t j)
{
	const reconcile_row *row = &r->rows[j];
	char flags[96];
	reconcile_flags_text(row->flags, flags, sizeof(flags));
	json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)r->list.lines[j], "list_id",
	                      r->list.ids[j], "row", r->row_hash[j], "outcome",
	                      reconcile_outcome_name(row->outcome));
	json_t *fl = json_array();
	for(int k = 0; k < RECONCILE_FLAGS; k++)
		if(row->flags & (1u << k))
			json_array_append_new(fl, json_string(flag_names[k]));
	json_object_set_new(o, "flags", fl);
	if(row->pair) {
		double w;
		json_t *fields = match_explain_json(&match_person_spec, &r->links, &r->reg.side, &r->list.side,
		                                    row->pair, &w);
		json_object_set_new(o, "person", json_string(r->reg.ids[row->person]));
		const person_brief *b = r->brief ? &r->brief[j] : NULL;
		json_t *name = b && b->id ? name_json((const char *[]){b->surname, b->surname_latin},
		                                      (const char *[]){b->given_names, b->given_names_latin},
		                                      (const char *[]){b->patronymic, b->patronymic_latin})
		                          : NULL;
		if(name)
			json_object_set_new(o, "person_name", name);
		json_object_set_new(o, "probability", json_real(round(row->prob * 10000) / 10000));
		json_object_set_new(o, "weight", json_real(round(w * 100) / 100));
		if(row->decided)
			json_object_set_new(o, "decided", json_true());
		json_object_set_new(o, "fields", fields);
	}
	if(row->candidates)
		json_object_set_new(o, "candidates", json_integer(row->candidates));
	theirs_json(o, r, j);
	return o;
}

/* How the list's whole names were split, by rule, and how many were not. */
static json_t *split_json(const reconcile_result *r)
{
	json_t *by = json_object();
	for(int k = 1; k < NAMES_SPLIT_COUNT; k++)
		if(r->split[k])
			json_object_set_new(by, names_split_name((names_split)k), json_integer((json_int_t)r->split[k]));
	const match_list *l = &r->list;
	/* The order the list writes names in, and what showed it. */
	const char *order = l->name_order == NAMES_SURNAME_FIRST ? "surname_first"
	                  : l->name_order == NAMES_SURNAME_LAST ? "surname_last" : NULL;
	return json_pack("{s:o, s:I, s:I, s:s?, s:{s:I, s:I}}", "by", by, "unsplit",
	                 (json_int_t)r->split[NAMES_SPLIT_NONE], "words_left_out", (json_int_t)r->split_left_out,
	                 "order", order, "order_shown_by", "surname_first",
	                 (json_int_t)l->order_votes[NAMES_SURNAME_FIRST], "surname_last",
	                 (json_int_t)l->order_votes[NAMES_SURNAME_LAST]);
}

/* The summary: each row counted once by its outcome (a duplicate's flag
 * is its outcome, not counted again), then the flags. */
static json_t *summary_json(const reconcile_result *r)
{
	json_t *sum = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f}",
	                        "list_rows", (json_int_t)r->list.side.n, "registry_persons",
	                        (json_int_t)r->reg.side.n, "matched", (json_int_t)r->matched, "review",
	                        (json_int_t)r->review, "duplicate", (json_int_t)r->duplicate, "unmatched",
	                        (json_int_t)r->unmatched, "already_returned", (json_int_t)r->flagged[0],
	                        "civilian", (json_int_t)r->flagged[1], "died", (json_int_t)r->flagged[2],
	                        "booked", (json_int_t)r->flagged[4],
	                        "not_eligible", (json_int_t)r->flagged[5], "candidate_pairs",
	                        (json_int_t)r->links.candidates, "seconds", round(r->seconds * 1000) / 1000);
	if(sum && r->whole_names)
		json_object_set_new(sum, "name_split", split_json(r));
	if(sum && r->list.naliases) { /* the columns read by headers of their own */
		json_t *cols = json_object();
		for(int k = 0; k < r->list.naliases; k++)
			json_object_set_new(cols, r->list.aliases[k].header,
			                    json_string(person_fields[r->list.aliases[k].field].name));
		json_object_set_new(sum, "columns_read", cols);
	}
	return sum;
}

bool reconcile_columns_read(const reconcile_result *r, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for(int k = 0; k < r->list.naliases && n < size; k++) {
		int w = snprintf(out + n, size - n, "%s%s: %s", k ? ", " : "", r->list.aliases[k].header,
		                 person_fields[r->list.aliases[k].field].name);
		n += w > 0 ? (size_t)w : 0;
	}
	return r->list.naliases > 0;
}

int reconcile_warnings(const reconcile_result *r, pl_err *out)
{
	int n = match_list_warnings(&r->list, out);
	return n + match_warnings(&match_person_spec, &r->links, r->list.side.n, r->reg.side.n, out + n);
}

static json_t *warnings_json(const reconcile_result *r)
{
	pl_err w[RECONCILE_WARNINGS_MAX] = {{0}};
	return match_messages_json(w, reconcile_warnings(r, w));
}

json_t *reconcile_json(const reconcile_result *r)
{
	json_t *rows = json_array();
	for(size_t j = 0; j < r->list.side.n; j++)
		json_array_append_new(rows, row_json(r, j));
	json_t *doc = json_pack("{s:o, s:o}", "summary", summary_json(r), "rows", rows);
	if(doc)
		json_object_set_new(doc, "warnings", warnings_json(r));
	return doc;
}

/* One value of the report, as text, to f. */
static bool dump(FILE *f, json_t *v)
{
	if(!v)
		return false;
	int x = json_dumpf(v, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(v);
	return x == 0;
}

/* The document of reconcile_json, a row at a time: each row's tree is
 * made, written and freed before the next. */
pl_rc reconcile_write_json(FILE *f, const reconcile_result *r, pl_err *err)
{
	bool ok = fputs("{\"summary\": ", f) >= 0 && dump(f, summary_json(r)) && fputs(",\n\"rows\": [", f) >= 0;
	for(size_t j = 0; ok && j < r->list.side.n; j++)
		ok = fputs(j ? ",\n" : "\n", f) >= 0 && dump(f, row_json(r, j));
	if(ok)
		ok = fputs("\n],\n\"warnings\": ", f) >= 0 &&
		     dump(f, warnings_json(r)) &&
		     fputs("}\n", f) >= 0;
	if(!ok)
		return pl_failc(err, PL_EIO, "match.cannot_write_report", NULL);
	return PL_OK;
}

static void html_text(buf *b, const char *s, pl_rc *rc)
{
	for(; s && *s; s++) {
		switch(*s) {
		case '<': *rc |= buf_adds(b, "&lt;"); break;
		case '>': *rc |= buf_adds(b, "&gt;"); break;
		case '&': *rc |= buf_adds(b, "&amp;"); break;
		case '"': *rc |= buf_adds(b, "&quot;"); break;
		default: *rc |= buf_add(b, s, 1);
		}
	}
}

/* A coded message in l, escaped, into b. */
static void html_coded(buf *b, lang_id l, pl_rc *brc, const pl_err *e)
{
	char text[PL_ERR_MSG_MAX];
	msg_err_text(e, l, text, sizeof(text));
	html_text(b, text, brc);
}

/* The same of a code, then name and value pairs ended by NULL, as
 * pl_failc takes them. */
static void html_say(buf *b, lang_id l, pl_rc *brc, const char *code, ...)
{
	pl_err e = {0};
	va_list ap;
	va_start(ap, code);
	pl_vfailc(&e, PL_EINPUT, code, ap);
	va_end(ap);
	html_coded(b, l, brc, &e);
}

/* A cell's text of a coded word: the outcome, a flag. */
static void html_word(buf *b, lang_id l, pl_rc *brc, const char *prefix, const char *name)
{
	char code[64];
	snprintf(code, sizeof(code), "%s%s", prefix, name);
	html_say(b, l, brc, code, NULL);
}

/* A self-contained page in the user's language: no script, styles inline
 * in one <style>. The fields' names and levels stay as the JSON and CSV
 * reports name them (birth_date exact +2.1). */
pl_rc reconcile_write_html(FILE *f, const reconcile_result *r, const char *list, lang_id l, pl_err *err)
{
	buf b;
	buf_init(&b, 0);
	pl_rc brc = PL_OK; /* sticky: any append that failed */
	brc |= buf_printf(&b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>", lang_code(l));
	html_say(&b, l, &brc, "report.reconcile_title", "list", list, NULL);
	brc |= buf_adds(&b, "</title><style>body{font:14px system-ui,sans-serif;margin:2em}"
	                   "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
	                   "text-align:left}.matched{background:#eef8ee}.review{background:#fff6dd}"
	                   ".unmatched{background:#fbeaea}.flags{color:#a00}</style></head><body><h1>");
	html_say(&b, l, &brc, "report.reconcile_title", "list", list, NULL);
	char secs[32], *point;
	snprintf(secs, sizeof(secs), "%.2f", r->seconds);
	if(l != LANG_EN && (point = strchr(secs, '.'))) /* a comma is the decimal sign in Ukrainian and Russian */
		*point = ',';
	brc |= buf_adds(&b, "</h1><p>");
	html_say(&b, l, &brc, "report.reconcile_outcomes", "rows", PL_N(r->list.side.n), "matched", PL_N(r->matched),
	         "review", PL_N(r->review), "duplicate", PL_N(r->duplicate), "unmatched", PL_N(r->unmatched), NULL);
	brc |= buf_addc(&b, ' ');
	html_say(&b, l, &brc, "report.reconcile_flags", "returned", PL_N(r->flagged[0]), "civilians",
	         PL_N(r->flagged[1]), "booked", PL_N(r->flagged[4]), "not_eligible", PL_N(r->flagged[5]), NULL);
	brc |= buf_addc(&b, ' ');
	html_say(&b, l, &brc, "report.reconcile_run", "registry", PL_N(r->reg.side.n), "pairs",
	         PL_N(r->links.candidates), "seconds", secs, NULL);
	brc |= buf_adds(&b, "</p>\n");
	char columns[1024];
	if(reconcile_columns_read(r, columns, sizeof(columns))) {
		brc |= buf_adds(&b, "<p>");
		html_say(&b, l, &brc, "match.columns_read", "columns", columns, NULL);
		brc |= buf_adds(&b, "</p>\n");
	}
	pl_err w[RECONCILE_WARNINGS_MAX] = {{0}};
	int nw = reconcile_warnings(r, w);
	for(int k = 0; k < nw; k++) { /* before the rows, as on the web page */
		brc |= buf_adds(&b, k ? "<li>" : "<ul class=\"warnings\"><li>");
		html_coded(&b, l, &brc, &w[k]);
		brc |= buf_adds(&b, k + 1 < nw ? "</li>" : "</li></ul>\n");
	}
	brc |= buf_adds(&b, "<table><thead><tr>");
	static const char *const heads[] = {"line", "list_id", "outcome", "person", "probability", "flags", "fields"};
	for(size_t k = 0; k < sizeof(heads) / sizeof(*heads); k++) {
		brc |= buf_adds(&b, "<th>");
		html_word(&b, l, &brc, "report.column_", heads[k]);
		brc |= buf_adds(&b, "</th>");
	}
	brc |= buf_adds(&b, "</tr></thead><tbody>\n");
	pl_rc rc = PL_OK;
	for(size_t j = 0; j < r->list.side.n && !rc; j++) {
		const reconcile_row *row = &r->rows[j];
		const char *oc = reconcile_outcome_name(row->outcome);
		brc |= buf_printf(&b, "<tr class=\"%s\"><td>%ld</td><td>", oc, r->list.lines[j]);
		html_text(&b, r->list.ids[j], &brc);
		brc |= buf_adds(&b, "</td><td>");
		html_word(&b, l, &brc, "report.outcome_", oc);
		if(row->decided) {
			brc |= buf_addc(&b, ' ');
			html_say(&b, l, &brc, "report.confirmed", NULL);
		}
		brc |= buf_printf(&b, "</td><td>%s</td><td>", row->pair ? r->reg.ids[row->person] : "");
		if(row->pair)
			brc |= buf_printf(&b, "%.4f", row->prob);
		brc |= buf_adds(&b, "</td><td class=\"flags\">");
		for(int k = 0, n = 0; k < RECONCILE_FLAGS; k++)
			if(row->flags & (1u << k)) {
				if(n++)
					brc |= buf_adds(&b, ", ");
				html_word(&b, l, &brc, "report.flag_", flag_names[k]);
			}
		brc |= buf_adds(&b, "</td><td>");
		if(row->pair) {
			double part[MATCH_CMPS_MAX];
			match_explain(&match_person_spec, &r->links, &r->reg.side, &r->list.side, row->pair, part);
			for(int c = 0; c < match_person_spec.ncmps; c++) {
				const char *const *lvl;
				match_levels(match_person_spec.cmps[c].kind, &lvl);
				if(row->pair->level[c] != MATCH_NULL)
					brc |= buf_printf(&b, "%s%s %s %+.1f", c ? "; " : "", match_person_spec.cmps[c].name,
					                 lvl[row->pair->level[c]], part[c]);
			}
		}
		brc |= buf_adds(&b, "</td></tr>\n");
		if(brc)
			rc = pl_nomem(err);
		else if(b.len > 1 << 20)
			rc = write_buf(f, &b, err);
	}
	brc |= buf_adds(&b, "</tbody></table></body></html>\n");
	if(!rc)
		rc = brc ? pl_nomem(err) : write_buf(f, &b, err);
	buf_free(&b);
	return rc;
}
