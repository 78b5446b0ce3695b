/* The manifest document: written from a stage, read from a file the
 * other party or the mediator sent. Reading trusts nothing. */
#include <stddef.h>
#include <string.h>

#include "accord/internal.h"
#include "accord/stage.h"
#include "core/msg.h"
#include "core/utf8.h"

/* The identity a manifest carries (GCIII Art. 17 and the party). */
static const struct {
	const char *key;
	size_t off;
} identity_fields[] = {
	{"surname", offsetof(entry_identity, surname)},
	{"given_names", offsetof(entry_identity, given_names)},
	{"patronymic", offsetof(entry_identity, patronymic)},
	{"surname_latin", offsetof(entry_identity, surname_latin)},
	{"given_names_latin", offsetof(entry_identity, given_names_latin)},
	{"patronymic_latin", offsetof(entry_identity, patronymic_latin)},
	{"sex", offsetof(entry_identity, sex)},
	{"birth_date", offsetof(entry_identity, birth_date)},
	{"rank", offsetof(entry_identity, rank)},
	{"service_number", offsetof(entry_identity, service_number)},
	{"party", offsetof(entry_identity, party)},
};
enum { IDENTITY_FIELDS = sizeof(identity_fields) / sizeof(identity_fields[0]) };

static const char **identity_at(entry_identity *w, int i)
{
	return (const char **)((char *)w + identity_fields[i].off);
}

static const char *identity_get(const entry_identity *w, int i)
{
	return *(const char *const *)((const char *)w + identity_fields[i].off);
}

/* ---- writing ---------------------------------------------------------------- */

static json_t *identity_json(const entry_identity *w)
{
	json_t *v = json_object();
	for(int i = 0; i < IDENTITY_FIELDS && v; i++) {
		const char *x = identity_get(w, i);
		if(x)
			json_object_set_new(v, identity_fields[i].key, json_string(x));
	}
	if(v && w->next) {
		json_t *ext = json_object();
		for(int k = 0; k < w->next; k++)
			json_object_set_new(ext, w->ext[k].source, json_string(w->ext[k].id));
		json_object_set_new(v, "ext", ext);
	}
	return v;
}

json_t *manifest_doc_json(const manifest_doc *m)
{
	char date[DATE_STR_MAX];
	date_format(m->date, date);
	json_t *doc = json_pack("{s:s, s:s, s:i, s:i, s:{s:s, s:s}, s:[s,s], s:s}", "parley", "manifest/1",
	                        "stage", m->stage, "number", m->number, "version", m->version, "agreement",
	                        "id", m->agreement, "sha256", m->agreement_sha256, "parties", m->party[0],
	                        m->party[1], "date", date);
	if(!doc)
		return NULL;
	if(m->mediator)
		json_object_set_new(doc, "mediator", json_string(m->mediator));
	if(m->transit)
		json_object_set_new(doc, "transit", json_string(m->transit));
	if(m->handover_point)
		json_object_set_new(doc, "handover_point", json_string(m->handover_point));
	json_t *entries = json_array(), *remains = json_array(), *totals = json_object();
	long persons[2] = {0}, points[2] = {0}, bodies[2] = {0};
	for(size_t i = 0; i < m->nentries; i++) {
		const stage_entry *e = &m->entries[i];
		json_array_append_new(entries, json_pack("{s:i, s:s, s:s, s:s, s:I, s:o}", "seq", e->seq, "side",
		                                         m->party[e->side], "clause", e->clause, "ref", e->ref,
		                                         "points", (json_int_t)e->points, "person",
		                                         identity_json(&e->who)));
		persons[e->side]++;
		points[e->side] += e->points;
	}
	for(size_t i = 0; i < m->nbatches; i++) {
		const stage_batch *b = &m->batches[i];
		json_array_append_new(remains, json_pack("{s:i, s:s, s:s, s:s, s:I}", "seq", b->seq, "side",
		                                         m->party[b->side], "clause", b->clause, "batch",
		                                         b->batch, "count", (json_int_t)b->declared));
		bodies[b->side] += b->declared;
	}
	for(int s = 0; s < 2; s++)
		json_object_set_new(totals, m->party[s],
		                    json_pack("{s:I, s:I, s:I}", "persons", (json_int_t)persons[s], "points",
		                              (json_int_t)points[s], "bodies", (json_int_t)bodies[s]));
	json_object_set_new(doc, "entries", entries);
	json_object_set_new(doc, "remains", remains);
	json_object_set_new(doc, "totals", totals);
	return doc;
}

/* ---- reading ---------------------------------------------------------------- */

static pl_rc read_side(jdoc *d, json_t *obj, const char *path, const manifest_doc *m, int *side)
{
	const char *code;
	pl_rc rc = jdoc_string(d, obj, path, "side", true, &code);
	if(rc)
		return rc;
	for(*side = 0; *side < 2; (*side)++)
		if(!strcmp(code, m->party[*side]))
			return PL_OK;
	char where[256];
	jdoc_path(where, sizeof(where), path, "side");
	return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.party_of", "a", m->party[0], "b",
	                                  m->party[1], NULL));
}

static pl_rc read_ext(jdoc *d, json_t *pj, const char *path, entry_identity *w)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, "ext");
	json_t *ext = json_object_get(pj, "ext");
	if(!ext)
		return PL_OK;
	if(!json_is_object(ext))
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.ext_object", NULL));
	const char *src;
	json_t *v;
	json_object_foreach(ext, src, v) {
		char at[300];
		jdoc_path(at, sizeof(at), where, src);
		const char *id = json_string_value(v);
		const char *why = ext_source_invalid(src);
		if(!why)
			why = id ? ext_value_invalid(id) : "expected text";
		if(why)
			return jdoc_at(d, at, pl_failc(d->err, PL_EINPUT, "doc.why", "why",
			                               msg_code_of(why) ? msg_code_of(why) : why, NULL));
		if(w->next == EXT_MAX)
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.ext_max", "max",
			                                  PL_N(EXT_MAX), NULL));
		w->ext[w->next++] = (ext_id){arena_strdup(d->a, src), arena_strdup(d->a, id)};
	}
	return PL_OK;
}

static pl_rc read_identity(jdoc *d, json_t *obj, const char *path, entry_identity *w)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, "person");
	json_t *pj = json_object_get(obj, "person");
	const char *keys[IDENTITY_FIELDS + 2];
	for(int i = 0; i < IDENTITY_FIELDS; i++)
		keys[i] = identity_fields[i].key;
	keys[IDENTITY_FIELDS] = "ext";
	keys[IDENTITY_FIELDS + 1] = NULL;
	if(!pj)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.required", NULL));
	pl_rc rc = jdoc_object(d, pj, where, keys);
	for(int i = 0; i < IDENTITY_FIELDS && !rc; i++) {
		rc = jdoc_string(d, pj, where, identity_fields[i].key, false, identity_at(w, i));
		const char *v = *identity_at(w, i);
		if(!rc && v && utf8_width(v) > 200) {
			char at[300];
			jdoc_path(at, sizeof(at), where, identity_fields[i].key);
			rc = jdoc_at(d, at, pl_failc(d->err, PL_EINPUT, "doc.long_200", NULL));
		}
	}
	if(!rc && !w->surname && !w->surname_latin)
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.surname", NULL));
	return rc ? rc : read_ext(d, pj, where, w);
}

static pl_rc read_seq(jdoc *d, json_t *obj, const char *path, int prev, int *seq)
{
	long n = 0;
	pl_rc rc = jdoc_long(d, obj, path, "seq", true, 1, 10000000, &n);
	if(!rc && n <= prev) {
		char where[256];
		jdoc_path(where, sizeof(where), path, "seq");
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.rising", "after", PL_N(prev),
		                                  NULL));
	}
	*seq = (int)n;
	return rc;
}

static pl_rc read_entries(jdoc *d, json_t *doc, const char *path, manifest_doc *m)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, "entries");
	json_t *arr = json_object_get(doc, "entries");
	if(!json_is_array(arr))
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.list", NULL));
	size_t n = json_array_size(arr);
	m->entries = arena_calloc(d->a, n ? n : 1, sizeof(stage_entry));
	if(!m->entries)
		return pl_nomem(d->err);
	static const char *const keys[] = {"seq", "side", "clause", "ref", "points", "person", NULL};
	int prev = 0;
	for(size_t i = 0; i < n; i++) {
		char at[280];
		snprintf(at, sizeof(at), "%s[%zu]", where, i);
		json_t *e = json_array_get(arr, i);
		stage_entry *x = &m->entries[m->nentries++];
		x->points = 1;
		pl_rc rc = jdoc_object(d, e, at, keys);
		rc = rc ? rc : read_seq(d, e, at, prev, &x->seq);
		rc = rc ? rc : read_side(d, e, at, m, &x->side);
		rc = rc ? rc : jdoc_string(d, e, at, "clause", true, &x->clause);
		rc = rc ? rc : jdoc_string(d, e, at, "ref", true, &x->ref);
		rc = rc ? rc : jdoc_long(d, e, at, "points", false, 1, 1000000, &x->points);
		rc = rc ? rc : read_identity(d, e, at, &x->who);
		if(rc)
			return rc;
		prev = x->seq;
	}
	return PL_OK;
}

static pl_rc read_remains(jdoc *d, json_t *doc, const char *path, manifest_doc *m)
{
	char where[256];
	jdoc_path(where, sizeof(where), path, "remains");
	json_t *arr = json_object_get(doc, "remains");
	if(!arr)
		return PL_OK;
	if(!json_is_array(arr))
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.list", NULL));
	size_t n = json_array_size(arr);
	m->batches = arena_calloc(d->a, n ? n : 1, sizeof(stage_batch));
	if(!m->batches)
		return pl_nomem(d->err);
	static const char *const keys[] = {"seq", "side", "clause", "batch", "count", NULL};
	int prev = 0;
	for(size_t i = 0; i < n; i++) {
		char at[280];
		snprintf(at, sizeof(at), "%s[%zu]", where, i);
		json_t *e = json_array_get(arr, i);
		stage_batch *b = &m->batches[m->nbatches++];
		b->delivered = -1;
		pl_rc rc = jdoc_object(d, e, at, keys);
		rc = rc ? rc : read_seq(d, e, at, prev, &b->seq);
		rc = rc ? rc : read_side(d, e, at, m, &b->side);
		rc = rc ? rc : jdoc_string(d, e, at, "clause", true, &b->clause);
		rc = rc ? rc : jdoc_string(d, e, at, "batch", true, &b->batch);
		rc = rc ? rc : jdoc_long(d, e, at, "count", true, 0, 1000000, &b->declared);
		if(rc)
			return rc;
		prev = b->seq;
	}
	return PL_OK;
}

static pl_rc read_head(jdoc *d, json_t *doc, const char *path, manifest_doc *m)
{
	const char *kind;
	char where[256];
	pl_rc rc = jdoc_string(d, doc, path, "parley", true, &kind);
	if(!rc && strcmp(kind, "manifest/1")) {
		jdoc_path(where, sizeof(where), path, "parley");
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.not_manifest", NULL));
	}
	long number = 0, version = 0;
	rc = rc ? rc : jdoc_string(d, doc, path, "stage", true, &m->stage);
	jdoc_path(where, sizeof(where), path, "stage");
	if(!rc && !registry_uid_valid('S', m->stage))
		return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.stage_id", NULL));
	rc = rc ? rc : jdoc_long(d, doc, path, "number", true, 1, 100000, &number);
	rc = rc ? rc : jdoc_long(d, doc, path, "version", true, 1, 100000, &version);
	m->number = (int)number;
	m->version = (int)version;
	jdoc_path(where, sizeof(where), path, "agreement");
	json_t *ag = json_object_get(doc, "agreement");
	static const char *const agkeys[] = {"id", "sha256", NULL};
	rc = rc ? rc : jdoc_object(d, ag, where, agkeys);
	rc = rc ? rc : jdoc_string(d, ag, where, "id", true, &m->agreement);
	rc = rc ? rc : jdoc_string(d, ag, where, "sha256", true, &m->agreement_sha256);
	json_t *parties = json_object_get(doc, "parties");
	jdoc_path(where, sizeof(where), path, "parties");
	for(int s = 0; s < 2 && !rc; s++) {
		const char *code = json_string_value(json_array_get(parties, (size_t)s));
		if(!json_is_array(parties) || json_array_size(parties) != 2 || !code || !accord_code_valid(code))
			return jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.two_parties", NULL));
		snprintf(m->party[s], sizeof(m->party[s]), "%s", code);
	}
	rc = rc ? rc : jdoc_string(d, doc, path, "mediator", false, &m->mediator);
	rc = rc ? rc : jdoc_string(d, doc, path, "transit", false, &m->transit);
	rc = rc ? rc : jdoc_string(d, doc, path, "handover_point", false, &m->handover_point);
	return rc ? rc : jdoc_date(d, doc, path, "date", true, &m->date);
}

/* The totals must say what the lists say: a hand-edited count is caught. */
static pl_rc check_totals(jdoc *d, json_t *doc, const char *path, const manifest_doc *m)
{
	json_t *want = manifest_doc_json(m);
	if(!want)
		return pl_nomem(d->err);
	json_t *t = json_object_get(doc, "totals");
	pl_rc rc = PL_OK;
	if(!json_equal(t, json_object_get(want, "totals"))) {
		char where[256];
		jdoc_path(where, sizeof(where), path, "totals");
		rc = jdoc_at(d, where, pl_failc(d->err, PL_EINPUT, "doc.totals", NULL));
	}
	json_decref(want);
	return rc;
}

pl_rc manifest_doc_read(const char *name, const char *path, json_t *doc, arena *a, manifest_doc *out,
                        pl_err *err)
{
	memset(out, 0, sizeof(*out));
	jdoc d = {.name = name, .a = a, .err = err};
	static const char *const keys[] = {"parley", "stage", "number", "version", "agreement", "parties",
	                                   "mediator", "transit", "date", "handover_point", "entries",
	                                   "remains", "totals", NULL};
	pl_rc rc = jdoc_object(&d, doc, path, keys);
	rc = rc ? rc : read_head(&d, doc, path, out);
	rc = rc ? rc : read_entries(&d, doc, path, out);
	rc = rc ? rc : read_remains(&d, doc, path, out);
	rc = rc ? rc : check_totals(&d, doc, path, out);
	if(!rc && arena_oom(a))
		rc = pl_nomem(err);
	return rc;
}
