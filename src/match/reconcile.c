#include "match/reconcile.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/csv.h"
#include <jansson.h>

static const char *const flag_names[] = {"already_returned", "civilian", "died", "duplicate"};

const char *reconcile_outcome_name(reconcile_outcome o)
{
	static const char *const outcome_names[] = {"matched", "review", "unmatched"};
	return outcome_names[o];
}

void reconcile_flags_text(unsigned flags, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for(int k = 0; k < 4; k++)
		if(flags & (1u << k))
			n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s", n ? "," : "",
			                      flag_names[k]);
}

/* ---- the registry as a list --------------------------------------------- */

typedef struct reg_reader {
	names *nm;
	reconcile_result *out;
	arena row;
	size_t cap;
} reg_reader;

static pl_rc take_person(void *ctx, const person *p)
{
	reg_reader *rr = ctx;
	reconcile_result *out = rr->out;
	const char *row[MP_COLS];
	arena_reset(&rr->row);
	if(match_person_row(rr->nm, p, &rr->row, row))
		return PL_ENOMEM;
	size_t i = out->reg.side.n;
	if(i == rr->cap) {
		size_t cap = rr->cap ? rr->cap * 2 : 4096;
		unsigned char *st = realloc(out->reg_status, cap);
		if(st)
			out->reg_status = st;
		unsigned char *civ = realloc(out->reg_civilian, cap);
		if(civ)
			out->reg_civilian = civ;
		if(!st || !civ)
			return PL_ENOMEM;
		rr->cap = cap;
	}
	out->reg_status[i] = (unsigned char)p->status;
	out->reg_civilian[i] = p->f[PF_BRANCH] && !strcmp(p->f[PF_BRANCH], "civilian");
	return match_list_add(&out->reg, row, p->uid, (long)p->id);
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
static pl_rc outcomes(reconcile_result *r)
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
			row->pair = p;
			row->person = p->a;
			row->prob = p->prob;
			row->flags |= status_flags((person_status)r->reg_status[p->a]);
			if(r->reg_civilian[p->a])
				row->flags |= FLAG_CIVILIAN;
		} else if(p->status == MATCH_OUTRANKED && row->outcome != RECONCILE_MATCHED &&
		          p->prob >= r->threshold) {
			/* Good enough to link, but its person went to a better row: the
			 * list has the same person twice. */
			row->flags |= FLAG_DUPLICATE;
			row->outcome = RECONCILE_REVIEW;
			if(!row->pair) {
				row->pair = p;
				row->person = p->a;
				row->prob = p->prob;
			}
		} else if(p->status == MATCH_REVIEW && row->outcome != RECONCILE_MATCHED) {
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
		r->matched += row->outcome == RECONCILE_MATCHED;
		r->review += row->outcome == RECONCILE_REVIEW;
		r->unmatched += row->outcome == RECONCILE_UNMATCHED;
		for(int f = 0; f < 4; f++)
			r->flagged[f] += (row->flags >> f) & 1;
	}
	return PL_OK;
}

pl_rc reconcile_list(registry *reg, names *nm, FILE *f, const char *name, const reconcile_opts *o,
                     reconcile_result *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	match_list_init(&out->reg);
	pl_rc rc = match_list_read(nm, f, name, o->id_column, &out->list, err);
	if(rc) {
		reconcile_free(out);
		return rc;
	}
	reg_reader rr = {.nm = nm, .out = out};
	arena_init(&rr.row, 4096);
	rc = registry_each_person(reg, take_person, &rr, err);
	arena_free(&rr.row);
	if(rc == PL_ENOMEM)
		pl_nomem(err);
	if(!rc) {
		match_opts mo = MATCH_OPTS_DEFAULT;
		if(o->threshold > 0)
			mo.threshold = o->threshold;
		out->threshold = mo.threshold;
		if(o->review > 0)
			mo.review = o->review;
		if(o->threads > 0)
			mo.threads = o->threads;
		rc = match_link(&match_person_spec, &out->reg.side, &out->list.side, &mo, &out->links, err);
	}
	if(!rc && outcomes(out))
		rc = pl_nomem(err);
	/* Every registry record was read to be compared: one access-log entry
	 * says so, as for an export. */
	if(!rc)
		rc = registry_log_access(reg, "*", "reconcile", err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	out->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if(rc)
		reconcile_free(out);
	return rc;
}

void reconcile_free(reconcile_result *r)
{
	match_list_free(&r->list);
	match_list_free(&r->reg);
	match_result_free(&r->links);
	free(r->reg_status);
	free(r->reg_civilian);
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

/* ---- reports ------------------------------------------------------------ */

static pl_rc write_buf(FILE *f, buf *b, pl_err *err)
{
	if(b->len && fwrite(b->ptr, 1, b->len, f) != b->len)
		return pl_fail(err, PL_EIO, "cannot write the report");
	buf_reset(b);
	return PL_OK;
}

pl_rc reconcile_write_csv(FILE *f, const reconcile_result *r, pl_err *err)
{
	buf b;
	buf_init(&b, 0);
	static const char *const head[] = {"line", "list_id", "outcome", "person", "probability",
	                                   "flags", "candidates"};
	pl_rc rc = csv_format_record(&b, head, 7);
	for(size_t j = 0; j < r->list.side.n && !rc; j++) {
		const reconcile_row *row = &r->rows[j];
		char line[24], prob[24], flags[96], cand[24];
		snprintf(line, sizeof(line), "%ld", r->list.lines[j]);
		snprintf(prob, sizeof(prob), "%.4f", row->pair ? row->prob : 0.0);
		snprintf(cand, sizeof(cand), "%u", row->candidates);
		reconcile_flags_text(row->flags, flags, sizeof(flags));
		const char *v[7] = {line, r->list.ids[j], reconcile_outcome_name(row->outcome),
		                    row->pair ? r->reg.ids[row->person] : NULL, row->pair ? prob : NULL,
		                    flags, cand};
		rc = csv_format_record(&b, v, 7);
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

static json_t *contributions(const reconcile_result *r, const match_pair *p)
{
	double part[MATCH_CMPS_MAX];
	match_explain(&match_person_spec, &r->links, &r->reg.side, &r->list.side, p, part);
	json_t *o = json_object();
	for(int c = 0; c < match_person_spec.ncmps; c++) {
		const char *const *lvl;
		match_levels(match_person_spec.cmps[c].kind, &lvl);
		const char *level = p->level[c] == MATCH_NULL ? "unknown" : lvl[p->level[c]];
		json_object_set_new(o, match_person_spec.cmps[c].name,
		                    json_pack("{s:s, s:f}", "level", level, "weight", round(part[c] * 100) / 100));
	}
	return o;
}

static json_t *row_json(const reconcile_result *r, size_t j)
{
	const reconcile_row *row = &r->rows[j];
	char flags[96];
	reconcile_flags_text(row->flags, flags, sizeof(flags));
	json_t *o = json_pack("{s:I, s:s, s:s}", "line", (json_int_t)r->list.lines[j], "list_id",
	                      r->list.ids[j], "outcome", reconcile_outcome_name(row->outcome));
	json_t *fl = json_array();
	for(int k = 0; k < 4; k++)
		if(row->flags & (1u << k))
			json_array_append_new(fl, json_string(flag_names[k]));
	json_object_set_new(o, "flags", fl);
	if(row->pair) {
		json_object_set_new(o, "person", json_string(r->reg.ids[row->person]));
		json_object_set_new(o, "probability", json_real(round(row->prob * 10000) / 10000));
		json_object_set_new(o, "weight", json_real(round(row->pair->weight * 100) / 100));
		json_object_set_new(o, "fields", contributions(r, row->pair));
	}
	if(row->candidates)
		json_object_set_new(o, "candidates", json_integer(row->candidates));
	return o;
}

pl_rc reconcile_write_json(FILE *f, const reconcile_result *r, pl_err *err)
{
	json_t *rows = json_array();
	for(size_t j = 0; j < r->list.side.n; j++)
		json_array_append_new(rows, row_json(r, j));
	json_t *doc = json_pack("{s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f}, s:o}", "summary",
	                        "list_rows", (json_int_t)r->list.side.n, "registry_persons",
	                        (json_int_t)r->reg.side.n, "matched", (json_int_t)r->matched, "review",
	                        (json_int_t)r->review, "unmatched", (json_int_t)r->unmatched,
	                        "already_returned", (json_int_t)r->flagged[0], "civilian",
	                        (json_int_t)r->flagged[1], "candidate_pairs",
	                        (json_int_t)r->links.candidates, "seconds",
	                        round(r->seconds * 1000) / 1000, "rows", rows);
	if(!doc)
		return pl_nomem(err);
	int x = json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(doc);
	if(x || fputc('\n', f) == EOF)
		return pl_fail(err, PL_EIO, "cannot write the report");
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

/* A self-contained page: no script, styles inline in one <style>. */
pl_rc reconcile_write_html(FILE *f, const reconcile_result *r, const char *title, pl_err *err)
{
	buf b;
	buf_init(&b, 0);
	pl_rc brc = PL_OK; /* sticky: any append that failed */
	brc |= buf_adds(&b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
	html_text(&b, title, &brc);
	brc |= buf_adds(&b, "</title><style>body{font:14px system-ui,sans-serif;margin:2em}"
	                   "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;"
	                   "text-align:left}.matched{background:#eef8ee}.review{background:#fff6dd}"
	                   ".unmatched{background:#fbeaea}.flags{color:#a00}</style></head><body><h1>");
	html_text(&b, title, &brc);
	brc |= buf_printf(&b, "</h1><p>%zu rows: %zu matched, %zu to review, %zu unmatched; "
	                     "%zu already returned, %zu civilians, %zu duplicates. %zu registry "
	                     "persons, %zu candidate pairs, %.2f s.</p>\n<table><thead><tr><th>line"
	                     "</th><th>list id</th><th>outcome</th><th>person</th><th>probability</th>"
	                     "<th>flags</th><th>fields</th></tr></thead><tbody>\n",
	                 r->list.side.n, r->matched, r->review, r->unmatched, r->flagged[0],
	                 r->flagged[1], r->flagged[3], r->reg.side.n, r->links.candidates, r->seconds);
	pl_rc rc = PL_OK;
	for(size_t j = 0; j < r->list.side.n && !rc; j++) {
		const reconcile_row *row = &r->rows[j];
		const char *oc = reconcile_outcome_name(row->outcome);
		char flags[96];
		reconcile_flags_text(row->flags, flags, sizeof(flags));
		brc |= buf_printf(&b, "<tr class=\"%s\"><td>%ld</td><td>", oc, r->list.lines[j]);
		html_text(&b, r->list.ids[j], &brc);
		brc |= buf_printf(&b, "</td><td>%s</td><td>%s</td><td>", oc,
		                 row->pair ? r->reg.ids[row->person] : "");
		if(row->pair)
			brc |= buf_printf(&b, "%.4f", row->prob);
		brc |= buf_printf(&b, "</td><td class=\"flags\">%s</td><td>", flags);
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
