/* Importing a pedigree file's families (internal.h, dna_pedigrees_import):
 * the structure checked (pedfile.h), the missing persons and samples
 * against the registry, then each family stored whole, or left alone
 * when it is the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "dna/internal.h"
#include "dna/pedfile.h"

/* What a member of the file is in the registry. */
typedef struct resolved {
	int64_t person_id;        /* a missing person's row id */
	int64_t profile_id;       /* a typed one's reference profile */
} resolved;

/* A sample given with alleles in the file: its profile, and whether
 * importing changed it. */
typedef struct sample_done {
	int64_t profile;
	remains_saved saved;
} sample_done;

typedef struct ped_import {
	dna_importer *im;
	dna_pedfile file;
	hmap families;            /* the file's family ids */
	hmap samples;             /* sample -> sample_done, for those with alleles */
} ped_import;

static bool may_be_dead(person_status s)
{
	return s == ST_MISSING || s == ST_DIED_IN_CAPTIVITY || s == ST_REMAINS_RETURNED;
}

/* The family another than F that holds person_id in the registry, or NULL. */
static pl_rc stored_family_of(ped_import *pi, int64_t person_id, const char *F, const char **other,
                              pl_err *err)
{
	store *st = pi->im->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT p.family FROM dna_ped_member m JOIN dna_pedigree p"
	                          " ON p.id = m.pedigree_id WHERE m.person_id = ? AND p.family != ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_text(s, 2, F, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*other = x == SQLITE_ROW ? arena_strdup(&pi->im->a, store_column_text(s, 0)) : NULL;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading pedigrees");
}

/* A missing person: in the registry, possibly dead, of the sex given, in
 * no other family (unless that family is in the file too, and changes). */
static pl_rc missing_person(ped_import *pi, const dna_pedfile_family *F, dna_pedfile_member *x,
                            resolved *r, pl_err *err)
{
	dna_importer *im = pi->im;
	long line = x->row->line;
	pl_rc rc = registry_person_id(im->st, x->person, &r->person_id, err);
	if(rc || !r->person_id)
		return rc ? rc : problems_atc(&im->pb, line, "dna.no_person", "person", x->person, NULL);
	person_brief b;
	if((rc = registry_person_briefs(im->st, &r->person_id, 1, &im->a, &b, err)))
		return rc;
	if(!may_be_dead(b.status))
		return problems_atc(&im->pb, line, "dna.ped_not_looked_for", "person", x->person, "status",
		                    lifecycle_status_label(b.status), NULL);
	dna_sex reg = !b.sex ? DNA_SEX_UNKNOWN : !strcmp(b.sex, "female") ? DNA_FEMALE
	            : !strcmp(b.sex, "male") ? DNA_MALE : DNA_SEX_UNKNOWN;
	if(reg && x->sex && reg != x->sex)
		return problems_atc(&im->pb, line, "dna.ped_sex_registry", "person", x->person, "registry", b.sex,
		                    "sex", x->sex == DNA_MALE ? "male" : "female", NULL);
	if(!x->sex)
		x->sex = reg;
	const char *other;
	if((rc = stored_family_of(pi, r->person_id, F->id, &other, err)))
		return rc;
	if(other && !hmap_get(&pi->families, other, strlen(other)))
		return problems_atc(&im->pb, line, "dna.ped_in_family", "person", x->person, "family", other, NULL);
	return PL_OK;
}

static pl_rc reference_by_sample(store *st, const char *sample, int64_t *id, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id FROM dna_profile WHERE kind = 'reference' AND sample = ?", &s,
	                      err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, sample, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*id = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading a profile");
}

/* A typed member: the profile on its row (imported once a file), or one
 * imported before. */
static pl_rc typed_member(ped_import *pi, const dna_pedfile_member *x, resolved *r, pl_err *err)
{
	dna_importer *im = pi->im;
	sample_done *done = hmap_get(&pi->samples, x->sample, strlen(x->sample));
	if(done) {
		r->profile_id = done->profile;
		return PL_OK;
	}
	if(!x->alleles) {
		pl_rc rc = reference_by_sample(im->st, x->sample, &r->profile_id, err);
		if(rc || r->profile_id)
			return rc;
		/* given with alleles further down: the second pass finds it */
		for(size_t k = 0; k < pi->file.n; k++)
			for(int i = 0; i < pi->file.fam[k].n; i++) {
				const dna_pedfile_member *y = &pi->file.fam[k].m[i];
				if(y->alleles && y->sample && !strcmp(y->sample, x->sample))
					return PL_OK;
			}
		return problems_atc(&im->pb, x->row->line, "dna.ped_no_reference", "sample", x->sample, NULL);
	}
	if(im->pb.failed)
		return PL_OK; /* after a problem: check only */
	done = arena_calloc(&im->a, 1, sizeof(*done));
	if(!done)
		return pl_nomem(err);
	pl_err e = {0};
	pl_rc rc = dna_import_profile(im, x->row, 0, NULL, &done->profile, &done->saved, &e);
	if(rc)
		return dna_import_failure(im, x->row->line, "sample", rc, &e);
	im->rep->profiles_created += done->saved == REMAINS_CREATED;
	im->rep->profiles_updated += done->saved == REMAINS_UPDATED;
	r->profile_id = done->profile;
	return hmap_put(&pi->samples, x->sample, strlen(x->sample), done);
}

/* ---- a family, stored ------------------------------------------------------------ */

static int by_individual(const void *x, const void *y)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)x, "id")),
	              json_string_value(json_object_get(*(json_t *const *)y, "id")));
}

/* The members as JSON, by id: what is compared and audited. */
static json_t *members_sorted(json_t *list)
{
	size_t n = json_array_size(list);
	json_t **v = calloc(n + 1, sizeof(*v));
	json_t *out = json_array();
	for(size_t i = 0; v && i < n; i++)
		v[i] = json_array_get(list, i);
	if(v)
		qsort(v, n, sizeof(*v), by_individual);
	for(size_t i = 0; v && i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(list);
	return out;
}

static json_t *member_json(const char *id, const char *father, const char *mother, const char *sex,
                           const char *sample, const char *who, const char *note)
{
	return json_pack("{s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:s?}", "id", id, "father", father,
	                 "mother", mother, "sex", sex, "sample", sample, "person", who, "note", note);
}

/* The family as stored: *id 0 if there is none. */
static pl_rc stored_family(store *st, const char *family, int64_t *id, json_t **members, pl_err *err)
{
	sqlite3_stmt *s;
	*members = NULL;
	pl_rc rc = store_stmt(st, "SELECT id FROM dna_pedigree WHERE family = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, family, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*id = x == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading a pedigree");
	if(!*id)
		return PL_OK;
	if((rc = store_stmt(st, "SELECT m.individual, m.father, m.mother, m.sex, p.sample, m.person_id,"
	                        " m.note FROM dna_ped_member m LEFT JOIN dna_profile p ON p.id = m.profile_id"
	                        " WHERE m.pedigree_id = ?", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, *id);
	json_t *list = json_array();
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *m = member_json(store_column_text(s, 0), store_column_text(s, 1),
		                        store_column_text(s, 2), store_column_text(s, 3),
		                        store_column_text(s, 4), NULL, store_column_text(s, 6));
		/* the uid once the statement is done: another lookup may renew it */
		if(sqlite3_column_type(s, 5) != SQLITE_NULL)
			json_object_set_new(m, "person_id", json_integer(sqlite3_column_int64(s, 5)));
		json_array_append_new(list, m);
	}
	sqlite3_reset(s);
	if(x != SQLITE_DONE) {
		json_decref(list);
		return store_fail(st, err, x, "reading a pedigree");
	}
	for(size_t i = 0; !rc && i < json_array_size(list); i++) {
		json_t *m = json_array_get(list, i), *pid = json_object_get(m, "person_id");
		char uid[UID_SIZE];
		if(pid && !(rc = registry_person_uid(st, json_integer_value(pid), uid, err))) {
			json_object_set_new(m, "person", json_string(uid));
			json_object_del(m, "person_id");
		}
	}
	*members = members_sorted(list);
	return rc;
}

static const char *sex_text(dna_sex s)
{
	return s == DNA_MALE ? "male" : s == DNA_FEMALE ? "female" : "unknown";
}

static json_t *file_family(const dna_pedfile_family *F)
{
	json_t *list = json_array();
	for(int i = 0; i < F->n; i++) {
		const dna_pedfile_member *x = &F->m[i];
		json_array_append_new(list, member_json(x->id, x->father >= 0 ? F->m[x->father].id : NULL,
		                                        x->mother >= 0 ? F->m[x->mother].id : NULL,
		                                        sex_text(x->sex), x->sample, x->person,
		                                        x->row->f[DC_NOTE]));
	}
	return members_sorted(list);
}

static pl_rc write_members(ped_import *pi, int64_t ped, const dna_pedfile_family *F,
                           const resolved *r, pl_err *err)
{
	store *st = pi->im->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM dna_ped_member WHERE pedigree_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, ped);
	if((rc = dna_step_done(st, s, "replacing a pedigree", err)))
		return rc;
	/* a person this family takes from another family of the file (checked:
	 * missing_person): that family is rewritten without them in its turn */
	for(int i = 0; !rc && i < F->n; i++) {
		if(!r[i].person_id)
			continue;
		if((rc = store_stmt(st, "UPDATE dna_ped_member SET person_id = NULL WHERE person_id = ?"
		                        " AND pedigree_id != ?", &s, err)))
			break;
		sqlite3_bind_int64(s, 1, r[i].person_id);
		sqlite3_bind_int64(s, 2, ped);
		rc = dna_step_done(st, s, "moving a missing person", err);
	}
	if(rc || (rc = store_stmt(st, "INSERT INTO dna_ped_member(pedigree_id, seq, individual, father, mother,"
	                        " sex, profile_id, person_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                    &s, err)))
		return rc;
	for(int i = 0; !rc && i < F->n; i++) {
		const dna_pedfile_member *x = &F->m[i];
		sqlite3_bind_int64(s, 1, ped);
		sqlite3_bind_int(s, 2, i);
		sqlite3_bind_text(s, 3, x->id, -1, SQLITE_STATIC);
		store_bind_text(s, 4, x->father >= 0 ? F->m[x->father].id : NULL);
		store_bind_text(s, 5, x->mother >= 0 ? F->m[x->mother].id : NULL);
		sqlite3_bind_text(s, 6, sex_text(x->sex), -1, SQLITE_STATIC);
		if(r[i].profile_id)
			sqlite3_bind_int64(s, 7, r[i].profile_id);
		else
			sqlite3_bind_null(s, 7);
		if(r[i].person_id)
			sqlite3_bind_int64(s, 8, r[i].person_id);
		else
			sqlite3_bind_null(s, 8);
		store_bind_text(s, 9, x->row->f[DC_NOTE]);
		rc = dna_step_done(st, s, "writing a pedigree", err);
	}
	return rc;
}

/* Whether a profile of the family's changed in this import. */
static bool profiles_changed(ped_import *pi, const dna_pedfile_family *F)
{
	for(int i = 0; i < F->n; i++) {
		const char *smp = F->m[i].sample;
		const sample_done *d = smp ? hmap_get(&pi->samples, smp, strlen(smp)) : NULL;
		if(d && d->saved != REMAINS_UNCHANGED)
			return true;
	}
	return false;
}

static pl_rc family_put(ped_import *pi, const dna_pedfile_family *F, const resolved *r, pl_err *err)
{
	dna_importer *im = pi->im;
	store *st = im->st;
	int64_t ped;
	json_t *before, *after = file_family(F);
	pl_rc rc = stored_family(st, F->id, &ped, &before, err);
	bool same = !rc && ped && json_equal(before, after);
	if(rc || same) {
		json_decref(before);
		json_decref(after);
		if(!rc)
			dna_import_count(im, profiles_changed(pi, F) ? REMAINS_UPDATED : REMAINS_UNCHANGED);
		return rc;
	}
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_stmt *s;
	rc = ped ? store_stmt(st, "UPDATE dna_pedigree SET source = ?2, updated_at = ?3 WHERE id = ?1", &s, err)
	         : store_stmt(st, "INSERT INTO dna_pedigree(family, source, created_at, updated_at)"
	                          " VALUES (?1, ?2, ?3, ?3)", &s, err);
	if(!rc) {
		if(ped)
			sqlite3_bind_int64(s, 1, ped);
		else
			sqlite3_bind_text(s, 1, F->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, im->pb.file, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
		rc = dna_step_done(st, s, "writing a pedigree", err);
	}
	dna_import_count(im, ped ? REMAINS_UPDATED : REMAINS_CREATED);
	if(!rc && !ped)
		ped = sqlite3_last_insert_rowid(store_db(st));
	if(!rc)
		rc = write_members(pi, ped, F, r, err);
	if(!rc)
		return remains_audit(st, ped && before ? "update" : "create", "dna_pedigree", NULL,
		                     before ? json_pack("{s:s, s:o}", "family", F->id, "individuals", before)
		                            : NULL,
		                     json_pack("{s:s, s:s, s:o}", "family", F->id, "source", im->pb.file,
		                               "individuals", after), err);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* ---- the import ------------------------------------------------------------------ */

/* One family against the registry, then stored unless a problem was found. */
static pl_rc family_import(ped_import *pi, const dna_pedfile_family *F, bool profiles, pl_err *err)
{
	dna_importer *im = pi->im;
	resolved *r = arena_calloc(&im->a, (size_t)F->n + 1, sizeof(*r));
	if(!r)
		return pl_nomem(err);
	pl_rc rc = PL_OK;
	for(int i = 0; !rc && i < F->n; i++) {
		dna_pedfile_member *x = &F->m[i];
		if(profiles) /* first pass: the profiles the file gives */
			rc = x->alleles && x->sample ? typed_member(pi, x, &r[i], err) : PL_OK;
		else if(x->person)
			rc = missing_person(pi, F, x, &r[i], err);
		else if(x->sample)
			rc = typed_member(pi, x, &r[i], err);
	}
	if(!rc && !profiles && !im->pb.failed)
		rc = family_put(pi, F, r, err);
	if(!rc && !profiles && !F->ntyped)
		rc = buf_printf(&im->rep->notes, "family %s has no typed individual: it cannot identify "
		                "anyone until one is\n", F->id);
	return rc;
}

pl_rc dna_pedigrees_import(dna_importer *im, pl_err *err)
{
	if(im->pb.failed)
		return PL_OK; /* the rows' own problems first: a pedigree of rows left out misleads */
	ped_import pi = {.im = im};
	hmap_init(&pi.families);
	hmap_init(&pi.samples);
	pl_rc rc = dna_pedfile_check(im->rows, &im->pb, &im->a, &pi.file);
	for(size_t k = 0; !rc && k < pi.file.n; k++)
		rc = hmap_put(&pi.families, pi.file.fam[k].id, strlen(pi.file.fam[k].id), &pi.file.fam[k]);
	for(int pass = 0; pass < 2; pass++)
		for(size_t k = 0; !rc && k < pi.file.n; k++)
			rc = family_import(&pi, &pi.file.fam[k], pass == 0, err);
	if(rc == PL_ENOMEM && !err->msg[0])
		rc = pl_nomem(err);
	if(!rc && (im->rep->profiles_created || im->rep->profiles_updated))
		rc = buf_printf(&im->rep->notes, "reference profiles: %ld created, %ld updated\n",
		                im->rep->profiles_created, im->rep->profiles_updated);
	hmap_free(&pi.families);
	hmap_free(&pi.samples);
	return rc;
}
