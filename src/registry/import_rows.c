/* Import, the rows: what a person or event row means, and how it finds,
 * changes or creates the person it speaks of. */
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/msg.h"
#include "core/text.h"
#include "registry/import.h"

/* ---- problems --------------------------------------------------------- */

/* A failure from lower layers (lifecycle, conflicts) as a row problem;
 * database and memory failures end the import at once. */
pl_rc import_row_failure(importer *im, long line, pl_rc rc, const pl_err *e)
{
	if(rc == PL_EINPUT || rc == PL_ECONFLICT || rc == PL_ENOTFOUND || rc == PL_ELIMIT)
		return problems_err(&im->pb, line, e);
	return rc;
}

/* ---- records ---------------------------------------------------------- */

/* The candidates for "did you mean": every column name of that kind of file. */
static void column_names(bool events, const char **out, size_t size)
{
	size_t n = 0;
	out[n++] = "id";
	if(events) {
		out[n++] = "person";
		for(int i = 0; i < EF_COUNT && n + 1 < size; i++)
			out[n++] = event_fields[i].name;
	} else {
		out[n++] = "status";
		for(int i = 0; i < PF_COUNT && n + 1 < size; i++)
			out[n++] = person_fields[i].name;
	}
	out[n] = NULL;
}

/* Resolve one column name. On a bad name, *bad says what is wrong. */
bool import_column_parse(const char *name, bool events, column *c, column_bad *bad)
{
	*bad = (column_bad){0};
	text_quote(name, bad->column, sizeof(bad->column));
	c->name = name;
	c->id_prefix = 'P';
	if(!strcmp(name, "id")) {
		c->kind = COL_ID;
		c->id_prefix = events ? 'E' : 'P';
		return true;
	}
	if(!strncmp(name, "ext.", 4)) {
		c->kind = COL_EXT;
		c->name = name + 4;
		const char *why = ext_source_invalid(c->name);
		if(!why)
			return true;
		bad->code = "registry.bad_ext_column";
		bad->why = field_why_arg(why);
		return false;
	}
	if(events && !strcmp(name, "person")) {
		c->kind = COL_PERSON;
		return true;
	}
	if(!events && !strcmp(name, "status")) {
		c->kind = COL_STATUS;
		return true;
	}
	int i = events ? field_find(event_fields, EF_COUNT, name)
	               : field_find(person_fields, PF_COUNT, name);
	if(i >= 0) {
		c->kind = events ? COL_EF : COL_PF;
		c->index = i;
		return true;
	}
	const char *known[64];
	column_names(events, known, 64);
	bad->near = text_closest(name, known);
	bad->code = bad->near ? "registry.unknown_column_near"
	            : events ? "registry.unknown_event_column" : "registry.unknown_person_column";
	return false;
}

pl_rc import_column_problem(importer *im, long line, const column_bad *bad, size_t n,
                            const char *path)
{
	return problems_atc(&im->pb, line, path ? "registry.json_column" : "registry.header_column",
	                    "n", PL_N(n), "path", path, "what", bad->code, "column", bad->column, "near",
	                    bad->near, "why", bad->why, NULL);
}

/* value without blanks around it, in a; NULL when memory runs out. */
static const char *trimmed(arena *a, const char *value)
{
	while(*value == ' ' || *value == '\t')
		value++;
	size_t n = strlen(value);
	while(n && (value[n - 1] == ' ' || value[n - 1] == '\t' || value[n - 1] == '\r'))
		n--;
	return arena_strndup(a, value, n);
}

/* Put one value into the record, checked and cleaned. */
pl_rc import_record_set(importer *im, record *rec, const column *c, const char *value)
{
	const field_def *fd = NULL;
	const char *why = NULL, *clean = NULL;
	char q[160];
	switch(c->kind) {
	case COL_ID:
	case COL_PERSON:
		value = trimmed(&im->row, value);
		if(!value || !*value)
			return value ? PL_OK : PL_ENOMEM;
		if(!registry_uid_valid(c->id_prefix, value)) {
			text_quote(value, q, sizeof(q));
			return problems_atc(&im->pb, rec->line, "import.bad_id", "column",
			                    c->kind == COL_ID ? "id" : "person", "prefix",
			                    (char[2]){c->id_prefix, 0}, "value", q, NULL);
		}
		if(c->kind == COL_ID)
			rec->uid = value;
		else
			rec->person_ref = value;
		return PL_OK;
	case COL_STATUS:
		clean = field_clean(&person_status_field, value, store_today(im->r->st), &im->row, &why);
		fd = &person_status_field;
		if(clean || !why)
			rec->status = clean;
		break;
	case COL_EXT:
		if(!(clean = trimmed(&im->row, value)))
			return PL_ENOMEM;
		if(!*clean)
			return PL_OK;
		if((why = ext_value_invalid(clean))) {
			text_quote(value, q, sizeof(q));
			return problems_atc(&im->pb, rec->line, "import.ext_invalid", "source", c->name, "why",
			                    field_why_arg(why), "value", q, NULL);
		}
		if(rec->next == EXT_MAX)
			return problems_atc(&im->pb, rec->line, "registry.too_many_ext_columns", "max",
			                    PL_N(EXT_MAX), NULL);
		rec->ext[rec->next].source = c->name;
		rec->ext[rec->next].id = clean;
		rec->next++;
		return PL_OK;
	case COL_PF:
		fd = &person_fields[c->index];
		clean = field_clean(fd, value, store_today(im->r->st), &im->row, &why);
		rec->pf[c->index] = clean;
		break;
	case COL_EF:
		fd = &event_fields[c->index];
		clean = field_clean(fd, value, store_today(im->r->st), &im->row, &why);
		rec->ef[c->index] = clean;
		if(why)
			rec->ef_refused |= 1u << c->index;
		break;
	}
	if(!why)
		return PL_OK;
	pl_err e = {0};
	field_refuse(fd, fd->name, value, why, &e);
	/* The same words as field.invalid, with "column" in front. */
	return problems_atc(&im->pb, rec->line, !strcmp(e.code, "field.invalid") ? "import.column_invalid"
	                    : "import.column_invalid_enum", "column", fd->name, "why",
	                    pl_err_arg_value(&e, "why"), "value", pl_err_arg_value(&e, "value"), "allowed",
	                    pl_err_arg_value(&e, "allowed"), NULL);
}

/* ---- applying records ------------------------------------------------- */

static pl_rc load_id(importer *im, int64_t id, person *p, pl_err *e)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(im->r->st, "SELECT uid FROM person WHERE id = ?", &s, e);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	char uid[UID_SIZE] = "";
	if(x == SQLITE_ROW)
		snprintf(uid, sizeof(uid), "%s", store_column_text(s, 0));
	sqlite3_reset(s);
	if(x != SQLITE_ROW)
		return store_fail(im->r->st, e, x, "reading a person");
	return person_load_uid(im->r, uid, &im->row, p, e);
}

/* What an event needs of its person: id, uid, status and birth date, by
 * uid (id 0) or by id; *found false when there is none. A whole person
 * with its external ids took two queries and most of a row's copying. */
static pl_rc load_brief(importer *im, const char *uid, int64_t id, person *p, bool *found,
                        pl_err *e)
{
	sqlite3_stmt *s;
#define BRIEF "SELECT id, uid, " PERSON_STATUS_OF_P ", birth_date," \
	" (SELECT max(date) FROM event WHERE person_id = p.id) FROM person p"
	pl_rc rc = uid ? store_stmt(im->r->st, BRIEF " WHERE uid = ?", &s, e)
	               : store_stmt(im->r->st, BRIEF " WHERE id = ?", &s, e);
#undef BRIEF
	if(rc)
		return rc;
	if(uid)
		sqlite3_bind_text(s, 1, uid, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, id);
	int x = sqlite3_step(s);
	*found = x == SQLITE_ROW;
	if(*found) {
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(s, 0);
		snprintf(p->uid, sizeof(p->uid), "%s", store_column_text(s, 1));
		int st = lifecycle_status_parse(store_column_text(s, 2));
		p->status = st < 0 ? ST_INITIAL : (person_status)st;
		const char *birth = store_column_text(s, 3);
		p->f[PF_BIRTH_DATE] = birth ? arena_strdup(&im->row, birth) : NULL;
		const char *last = store_column_text(s, 4);
		im->brief.id = p->id;
		snprintf(im->brief.date, sizeof(im->brief.date), "%s", last ? last : "");
	}
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(im->r->st, e, x, "reading a person");
	return arena_oom(&im->row) ? PL_ENOMEM : PL_OK;
}

/* load_brief by uid through the persons' ids in memory (a bulk load of
 * events), each candidate confirmed by its row's uid; by the index when
 * none is theirs (a person this import made, or none). */
static pl_rc load_brief_uid(importer *im, const char *uid, person *p, bool *found, pl_err *e)
{
	size_t pos = SIZE_MAX;
	int64_t id;
	while((id = event_ids_candidate(&im->persons, uid, &pos))) {
		pl_rc rc = load_brief(im, NULL, id, p, found, e);
		if(rc || (*found && !strcmp(p->uid, uid)))
			return rc;
	}
	return load_brief(im, uid, 0, p, found, e);
}

/* Find the stored person a record speaks of: by id, then by external ids,
 * which must all agree. *found false: a new person. brief: only what
 * load_brief reads (an event's person). */
static pl_rc resolve(importer *im, const record *rec, const char *uid, bool brief, person *p,
                     bool *found, pl_err *e)
{
	int64_t id = 0;
	bool by_id = false;
	bool loaded = false; /* p holds the person `id` names */
	*found = false;
	if(uid && brief) {
		pl_rc rc = load_brief_uid(im, uid, p, &loaded, e);
		if(rc)
			return rc;
		id = loaded ? p->id : 0;
		by_id = loaded;
	} else if(uid) {
		pl_rc rc = person_load_uid(im->r, uid, &im->row, p, e);
		if(rc == PL_ENOTFOUND)
			pl_err_clear(e);
		else if(rc)
			return rc;
		else {
			id = p->id;
			by_id = true;
			loaded = true;
		}
	}
	for(int k = 0; k < rec->next; k++) {
		int64_t other;
		pl_rc rc = person_id_by_ext(im->r, rec->ext[k].source, rec->ext[k].id, &other, e);
		if(rc)
			return rc;
		if(other && id && other != id)
			return pl_failc(e, PL_ECONFLICT, by_id ? "registry.ext_not_id" : "registry.ext_not_ext",
			                "source", rec->ext[k].source, "id", rec->ext[k].id, NULL);
		if(other && !id)
			id = other;
	}
	if(!id)
		return PL_OK;
	*found = true;
	if(loaded)
		return PL_OK;
	return brief ? load_brief(im, NULL, id, p, found, e) : load_id(im, id, p, e);
}

static pl_rc want_status(importer *im, int64_t person_id, const char *status, long line)
{
	if(!status)
		return PL_OK;
	if(im->nchecks == im->cap_checks) {
		size_t cap = im->cap_checks ? im->cap_checks * 2 : 1024;
		status_check *c = realloc(im->checks, cap * sizeof(*c));
		if(!c)
			return PL_ENOMEM;
		im->checks = c;
		im->cap_checks = cap;
	}
	im->checks[im->nchecks++] = (status_check){person_id, (person_status)lifecycle_status_parse(status),
	                                           line, im->pb.file};
	return PL_OK;
}

/* A person row. *out gets the stored person (for nested events). */
pl_rc import_person(importer *im, const record *rec, person *out)
{
	for(int i = 0; i < PF_COUNT; i++) /* what the importer's role may set */
		if(rec->pf[i] && !registry_field_permitted(im->rights, &person_fields[i]))
			return problems_atc(&im->pb, rec->line, (person_fields[i].flags & FIELD_MEDICAL)
			                    ? "import.may_not_set_medical" : "import.may_not_set_other", "column",
			                    person_fields[i].name, NULL);
	person in = {0};
	memcpy(in.f, rec->pf, sizeof(in.f));
	memcpy(in.ext, rec->ext, sizeof(in.ext));
	in.next = rec->next;
	pl_err e = {0};
	pl_rc rc = person_check(&in, store_today(im->r->st), &e);
	if(rc)
		return import_row_failure(im, rec->line, rc, &e);
	if(!rec->uid && rec->next == 0)
		im->unidentified++;
	if(im->pb.failed)
		return PL_OK;

	person old = {0};
	bool found;
	if((rc = resolve(im, rec, rec->uid, false, &old, &found, &e)))
		return import_row_failure(im, rec->line, rc, &e);
	if(!found && !(im->rights & WRITE_GENERAL))
		return problems_atc(&im->pb, rec->line, "import.may_not_add", NULL);
	save_result res;
	if(found) {
		person merged = old;
		if(!(rc = person_merge(&merged, &in, NULL, &e)))
			rc = person_save(im->r, &old, &merged, &res, &e);
		*out = merged;
	} else {
		if(rec->uid)
			memcpy(in.uid, rec->uid, UID_SIZE);
		rc = person_save(im->r, NULL, &in, &res, &e);
		*out = in;
	}
	if(rc)
		return import_row_failure(im, rec->line, rc, &e);
	if(res == SAVE_CREATED)
		im->rep->persons_created++;
	else if(res == SAVE_UPDATED)
		im->rep->persons_updated++;
	else
		im->rep->persons_unchanged++;
	return want_status(im, out->id, rec->status, rec->line) ? PL_ENOMEM : PL_OK;
}

/* Store the status of the remembered person, if events changed it. */
pl_rc import_flush_status(importer *im, pl_err *e)
{
	if(!im->last.ref[0])
		return PL_OK;
	pl_rc rc = event_audit_flush(im->r, &im->last.p, &im->last.dated, e);
	if(rc || im->last.p.status == im->last.stored)
		return rc;
	rc = person_status_store(im->r, &im->last.p, e);
	if(!rc)
		im->last.stored = im->last.p.status;
	return rc;
}

/* Remember p as the person of the rows that name it by `ref`. */
static pl_rc remember(importer *im, const char *ref, const person *p, pl_err *e)
{
	pl_rc rc = import_flush_status(im, e);
	if(rc)
		return rc;
	snprintf(im->last.ref, sizeof(im->last.ref), "%s", ref);
	memset(&im->last.p, 0, sizeof(im->last.p));
	im->last.p.id = p->id;
	im->last.p.status = im->last.stored = p->status;
	/* their latest event's date, if their lookup read it */
	im->last.dated.known = im->brief.id == p->id;
	memcpy(im->last.dated.date, im->brief.date, sizeof(im->last.dated.date));
	memcpy(im->last.p.uid, p->uid, UID_SIZE);
	if(p->f[PF_BIRTH_DATE]) {
		snprintf(im->last.birth, sizeof(im->last.birth), "%s", p->f[PF_BIRTH_DATE]);
		im->last.p.f[PF_BIRTH_DATE] = im->last.birth;
	}
	return PL_OK;
}

/* How an event row names its person, as a key for remember(). */
static void person_ref(const record *rec, char *out, size_t size)
{
	if(rec->person_ref)
		snprintf(out, size, "%s", rec->person_ref);
	else if(rec->next)
		snprintf(out, size, "ext.%s=%s", rec->ext[0].source, rec->ext[0].id);
	else
		out[0] = '\0';
}

/* An event row, for person p (NULL: the record names its person). */
pl_rc import_event(importer *im, const record *rec, person *p)
{
	pl_err e = {0};
	_Static_assert(EF_COUNT <= 32, "ef_refused holds a bit per event field");
	if(rec->ef_refused) /* said already: the row is refused */
		return PL_OK;
	for(int i = 0; i < EF_COUNT; i++)
		if((event_fields[i].flags & FIELD_REQUIRED) && !rec->ef[i])
			return problems_atc(&im->pb, rec->line, "import.required", "column", event_fields[i].name,
			                    NULL);
	int type = lifecycle_event_parse(rec->ef[EF_TYPE]);
	if(!lifecycle_event_has_death_fields((event_type)type) &&
	   (rec->ef[EF_CAUSE] || rec->ef[EF_BURIAL_PLACE] || rec->ef[EF_GRAVE]))
		return problems_atc(&im->pb, rec->line, "import.death_fields", "type", rec->ef[EF_TYPE], NULL);
	if(!registry_event_source_fits((event_type)type, rec->ef[EF_SOURCE]))
		return problems_atc(&im->pb, rec->line, "event.sighting_source", "type", rec->ef[EF_TYPE], "source",
		                    rec->ef[EF_SOURCE], NULL);
	if(!registry_event_permitted(im->rights, (event_type)type, rec->ef[EF_CAUSE] != NULL))
		return problems_atc(&im->pb, rec->line, rec->ef[EF_CAUSE] ? "import.may_not_record_cause"
		                    : "import.may_not_record", "type", rec->ef[EF_TYPE], NULL);
	if(im->pb.failed)
		return PL_OK;
	bool store_status = p != NULL; /* a nested event: its person is stored per event */
	event_last *dated = p ? NULL : &im->last.dated;
	if(!p) {
		char ref[sizeof(im->last.ref)];
		person_ref(rec, ref, sizeof(ref));
		if(!ref[0] || strcmp(ref, im->last.ref)) {
			person found_p = {0};
			bool found;
			pl_rc rc = resolve(im, rec, rec->person_ref, true, &found_p, &found, &e);
			if(rc)
				return import_row_failure(im, rec->line, rc, &e);
			if(!found)
				return rec->person_ref
				       ? problems_atc(&im->pb, rec->line, "import.no_person", "person", rec->person_ref,
				                      NULL)
				       : problems_atc(&im->pb, rec->line, "import.no_ext", "source", rec->ext[0].source,
				                      "id", rec->ext[0].id, NULL);
			if((rc = remember(im, ref, &found_p, &e)))
				return import_row_failure(im, rec->line, rc, &e);
		}
		p = &im->last.p;
	}
	event ev = {0};
	memcpy(ev.f, rec->ef, sizeof(ev.f));
	if(rec->uid)
		memcpy(ev.uid, rec->uid, UID_SIZE);
	/* An event already there (a file imported again) is left alone. With a
	 * uid, the insert finds it (looking first cost a fifth of a million
	 * persons' events), or in a bulk load the ids in memory; without one,
	 * only its content can. */
	bool same = false;
	pl_rc rc = PL_OK;
	int64_t at = 0;
	if(im->ids.cap && ev.uid[0]) {
		if(!(rc = event_ids_find(im->r, &im->ids, ev.uid, &at, &e)) && at)
			rc = event_find_same_at(im->r, p, &ev, at, &same, &e);
	} else if(dated && ev.uid[0]) {
		dated->unchecked = true;
	} else {
		rc = event_find_same(im->r, p, &ev, &same, &e);
	}
	if(!rc && !same)
		rc = event_apply_to(im->r, p, &ev, store_status, dated, &e);
	if(!rc && !same && im->ids.cap && event_ids_add(&im->ids, ev.uid, ev.id))
		rc = pl_nomem(&e);
	if(!rc && dated && dated->unchecked && dated->existed &&
	   !(rc = event_find_same(im->r, p, &ev, &same, &e)) && !same)
		rc = pl_failc(&e, PL_ECONFLICT, "event.exists", "event", ev.uid, NULL); /* gone meanwhile */
	if(dated)
		dated->unchecked = false;
	if(rc)
		return import_row_failure(im, rec->line, rc, &e);
	if(same) {
		im->rep->events_unchanged++;
		return PL_OK;
	}
	im->rep->events_added++;
	return PL_OK;
}

void import_tick(importer *im, uint64_t done)
{
	im->rep->rows++;
	if(im->progress && im->rep->rows % ROWS_PER_PROGRESS == 0)
		im->progress(im->progress_ctx, im->pb.file, done, im->file_size, im->rep->rows);
}
