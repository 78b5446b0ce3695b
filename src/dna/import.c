/* Importing profiles and frequencies into the registry, all or nothing:
 * after the first problem nothing more is written, the rest is still
 * checked, and up to max_errors problems are reported with file, line and
 * column (core/problems.h), as the remains import does. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "dna/allele.h"
#include "dna/internal.h"
#include "dna/read.h"

typedef dna_importer importer;


/* ---- a profile's loci ------------------------------------------------------------ */

typedef struct locus_val {
	char key[48];
	const char *locus, *a1, *a2;  /* a1 <= a2 as repeats; both NULL: failed */
} locus_val;

static int by_key(const void *x, const void *y)
{
	return strcmp(((const locus_val *)x)->key, ((const locus_val *)y)->key);
}

static bool allele_before(const char *x, const char *y)
{
	int rx, bx, ry, by;
	dna_allele_parse(x, &rx, &bx);
	dna_allele_parse(y, &ry, &by);
	return rx < ry || (rx == ry && bx < by);
}

static void locus_set(locus_val *v, const char *locus, const char *a1, const char *a2)
{
	dna_locus_key(locus, v->key, sizeof(v->key));
	v->locus = locus;
	if(a1 && !a2)
		a2 = a1; /* one allele seen: as a homozygote */
	v->a1 = a1 && allele_before(a2, a1) ? a2 : a1;
	v->a2 = a1 && allele_before(a2, a1) ? a1 : a2;
}

/* The typed or failed loci of a row, by key. */
static locus_val *row_loci(importer *im, const dna_row *row, int *n)
{
	const dna_rows *rows = im->rows;
	locus_val *v = arena_calloc(&im->a, rows->nloci + 1, sizeof(*v));
	*n = 0;
	for(size_t l = 0; v && l < rows->nloci; l++)
		if(row->allele[2 * l] || row->failed[l])
			locus_set(&v[(*n)++], rows->locus[l], row->allele[2 * l], row->allele[2 * l + 1]);
	if(v)
		qsort(v, (size_t)*n, sizeof(*v), by_key);
	return v;
}

static pl_rc db_loci(importer *im, int64_t profile, locus_val **out, int *n, pl_err *err)
{
	store *st = im->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT locus, allele1, allele2 FROM dna_allele WHERE profile_id = ?",
	                      &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, profile);
	size_t cap = 32;
	locus_val *v = arena_calloc(&im->a, cap, sizeof(*v));
	*n = 0;
	int x;
	while(v && (x = sqlite3_step(s)) == SQLITE_ROW) {
		if((size_t)*n == cap) {
			locus_val *w = arena_calloc(&im->a, cap * 2, sizeof(*v));
			if(w)
				memcpy(w, v, cap * sizeof(*v));
			v = w;
			cap *= 2;
			if(!v)
				break;
		}
		const char *a1 = store_column_text(s, 1), *a2 = store_column_text(s, 2);
		locus_set(&v[(*n)++], arena_strdup(&im->a, store_column_text(s, 0)),
		          a1 ? arena_strdup(&im->a, a1) : NULL, a2 ? arena_strdup(&im->a, a2) : NULL);
	}
	sqlite3_reset(s);
	if(!v || arena_oom(&im->a))
		return pl_nomem(err);
	qsort(v, (size_t)*n, sizeof(*v), by_key);
	*out = v;
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading alleles");
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool same_loci(const locus_val *a, int na, const locus_val *b, int nb)
{
	if(na != nb)
		return false;
	for(int i = 0; i < na; i++)
		if(strcmp(a[i].key, b[i].key) || !same_text(a[i].a1, b[i].a1) || !same_text(a[i].a2, b[i].a2))
			return false;
	return true;
}

static pl_rc write_loci(importer *im, int64_t profile, const locus_val *v, int n, pl_err *err)
{
	store *st = im->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM dna_allele WHERE profile_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, profile);
	if((rc = dna_step_done(st, s, "replacing alleles", err)) ||
	   (rc = store_stmt(st, "INSERT INTO dna_allele(profile_id, locus, allele1, allele2)"
	                        " VALUES (?, ?, ?, ?)", &s, err)))
		return rc;
	for(int i = 0; i < n && !rc; i++) {
		sqlite3_bind_int64(s, 1, profile);
		sqlite3_bind_text(s, 2, v[i].locus, -1, SQLITE_STATIC);
		store_bind_text(s, 3, v[i].a1);
		store_bind_text(s, 4, v[i].a2);
		rc = dna_step_done(st, s, "writing alleles", err);
	}
	return rc;
}

/* The loci as the audit keeps them: {"D8S1179": "12/13", "TPOX": "failed"}. */
static json_t *loci_json(const locus_val *v, int n)
{
	json_t *o = json_object();
	for(int i = 0; i < n; i++) {
		char text[32];
		snprintf(text, sizeof(text), "%s/%s", v[i].a1 ? v[i].a1 : "", v[i].a2 ? v[i].a2 : "");
		json_object_set_new(o, v[i].locus, json_string(v[i].a1 ? text : "failed"));
	}
	return o;
}

/* ---- profiles -------------------------------------------------------------------- */

typedef struct stored {
	int64_t id;
	const char *sample, *note, *sex, *amel;
	bool degraded;
} stored;

static const char *dup_or_null(arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static pl_rc profile_find(importer *im, int64_t case_id, const char *sample, stored *out,
                          bool *found, pl_err *err)
{
	store *st = im->st;
	sqlite3_stmt *s;
	pl_rc rc = case_id
	           ? store_stmt(st, "SELECT id, sample, note, degraded, sex, amelogenin FROM dna_profile"
	                            " WHERE case_id = ?", &s, err)
	           : store_stmt(st, "SELECT id, sample, note, degraded, sex, amelogenin FROM dna_profile"
	                            " WHERE kind = 'reference' AND sample = ?", &s, err);
	if(rc)
		return rc;
	if(case_id)
		sqlite3_bind_int64(s, 1, case_id);
	else
		sqlite3_bind_text(s, 1, sample, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*found = x == SQLITE_ROW;
	if(*found) {
		arena *a = &im->a;
		*out = (stored){sqlite3_column_int64(s, 0), dup_or_null(a, store_column_text(s, 1)),
		                dup_or_null(a, store_column_text(s, 2)), dup_or_null(a, store_column_text(s, 4)),
		                dup_or_null(a, store_column_text(s, 5)), sqlite3_column_int(s, 3) != 0};
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading a profile");
}

/* A sample whose giver's consent was withdrawn is imported withheld: kept,
 * never used until the consent is given again; the report says so. */
static pl_rc withheld_sample(importer *im, const char *sample, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(im->st, "SELECT at, holder FROM dna_reference_consent WHERE sample = ?"
	                              " AND state = 'withdrawn'", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, sample, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	if(x == SQLITE_ROW) {
		im->rep->withheld++;
		rc = buf_printf(&im->rep->notes, "reference %s imported withheld: its giver's DNA consent was withdrawn"
		                " on %s (%s); it is not used until the consent is given again\n", sample,
		                store_column_text(s, 0), store_column_text(s, 1));
	}
	sqlite3_reset(s);
	return rc ? pl_nomem(err) : x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK
	                                                                 : store_fail(im->st, err, x, "reading a reference's consent");
}

/* Create or bring up to date the profile of a case (case_id) or a
 * reference sample; *saved says which. */
static pl_rc profile_save(importer *im, const dna_row *row, int64_t case_id, const char *case_uid,
                          int64_t *profile, remains_saved *saved, pl_err *err)
{
	store *st = im->st;
	const char *sample = row->f[DC_SAMPLE], *note = row->f[DC_NOTE];
	int n, nold = 0;
	locus_val *v = row_loci(im, row, &n), *old = NULL;
	stored was;
	bool found;
	pl_rc rc = v ? profile_find(im, case_id, sample, &was, &found, err) : pl_nomem(err);
	if(!rc && found && (rc = db_loci(im, was.id, &old, &nold, err)))
		return rc;
	if(rc)
		return rc;
	const char *sex = dna_sex_name(row->sex), *amel = row->amel[0] ? row->amel : NULL;
	if(found && same_loci(v, n, old, nold) && same_text(sample, was.sample) &&
	   same_text(note, was.note) && row->degraded == was.degraded && same_text(sex, was.sex) &&
	   same_text(amel, was.amel)) {
		*profile = was.id;
		*saved = REMAINS_UNCHANGED;
		return PL_OK;
	}
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_stmt *s;
	rc = found ? store_stmt(st, "UPDATE dna_profile SET sample = ?2, degraded = ?3, note = ?4,"
	                            " updated_at = ?5, sex = ?7, amelogenin = ?8 WHERE id = ?1", &s, err)
	           : store_stmt(st, "INSERT INTO dna_profile(kind, case_id, sample, degraded, note,"
	                            " created_at, updated_at, sex, amelogenin)"
	                            " VALUES (?1, ?6, ?2, ?3, ?4, ?5, ?5, ?7, ?8)", &s, err);
	if(rc)
		return rc;
	if(found)
		sqlite3_bind_int64(s, 1, was.id);
	else
		sqlite3_bind_text(s, 1, case_id ? "remains" : "reference", -1, SQLITE_STATIC);
	store_bind_text(s, 2, sample);
	sqlite3_bind_int(s, 3, row->degraded);
	store_bind_text(s, 4, note);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
	if(!found && case_id)
		sqlite3_bind_int64(s, 6, case_id);
	store_bind_text(s, 7, sex);
	store_bind_text(s, 8, amel);
	if((rc = dna_step_done(st, s, "writing a profile", err)))
		return rc;
	*profile = found ? was.id : sqlite3_last_insert_rowid(store_db(st));
	*saved = found ? REMAINS_UPDATED : REMAINS_CREATED;
	if((rc = write_loci(im, *profile, v, n, err)))
		return rc;
	json_t *after = json_pack("{s:s?, s:s?, s:b, s:s?, s:s?, s:o}", "case", row->f[DC_CASE], "sample",
	                          sample, "degraded", row->degraded, "sex", sex, "amelogenin", amel, "loci",
	                          loci_json(v, n));
	json_t *before = found ? json_pack("{s:s?, s:b, s:s?, s:s?, s:o}", "sample", was.sample, "degraded",
	                                   was.degraded, "sex", was.sex, "amelogenin", was.amel, "loci",
	                                   loci_json(old, nold)) : NULL;
	return remains_audit(im->st, found ? "update" : "create", "dna_profile", case_uid, before, after, err);
}

pl_rc dna_import_profile(importer *im, const dna_row *row, int64_t case_id, const char *case_uid,
                         int64_t *profile, remains_saved *saved, pl_err *err)
{
	pl_rc rc = profile_save(im, row, case_id, case_uid, profile, saved, err);
	return rc || case_id ? rc : withheld_sample(im, row->f[DC_SAMPLE], err);
}

/* ---- rows ---------------------------------------------------------------------------- */

/* A refusal of the layers below as a problem of the row; database and
 * memory failures end the import instead. */
pl_rc dna_import_failure(importer *im, long line, const char *column, pl_rc rc, const pl_err *e)
{
	if(rc != PL_EINPUT && rc != PL_ECONFLICT && rc != PL_ENOTFOUND)
		return rc;
	pl_err col = *e; /* the column before the refusal, which keeps its code */
	pl_err_prefix(&col, "column '%s': ", column);
	return problems_err(&im->pb, line, &col);
}

void dna_import_count(importer *im, remains_saved saved)
{
	long *c[] = {&im->rep->unchanged, &im->rep->created, &im->rep->updated};
	(*c[saved])++;
}

/* The row of the file that gave key (a case tag, a sample, a sample and a
 * person) first, or NULL when this row is the first. */
static pl_rc first_of(importer *im, hmap *seen, const dna_row *row, const char *key,
                      const dna_row **first)
{
	size_t i = (size_t)(intptr_t)hmap_get(seen, key, strlen(key));
	*first = i ? &im->rows->rows[i - 1] : NULL;
	return i ? PL_OK : hmap_put(seen, key, strlen(key), (void *)(intptr_t)(row - im->rows->rows + 1));
}

/* why: the code of the words that end the message. */
static pl_rc given_again(importer *im, const dna_row *row, const char *column, const char *key,
                         const dna_row *first, const char *why)
{
	char q[160];
	text_quote(key, q, sizeof(q));
	return problems_atc(&im->pb, row->line, "dna.given_again", "column", column, "value", q, "line",
	                    PL_N(first->line), "why", why, NULL);
}

static pl_rc remains_row(importer *im, const dna_row *row)
{
	const char *tag = row->f[DC_CASE];
	const dna_row *first;
	bool found;
	pl_rc rc = first_of(im, &im->seen, row, tag, &first);
	if(rc || first)
		return rc ? rc : given_again(im, row, "case", tag, first, "dna.again_one_profile");
	int64_t case_id;
	char uid[UID_SIZE];
	const char *status;
	pl_err e = {0};
	if((rc = dna_case_find(im->st, tag, &case_id, uid, &status, &im->a, &found, &e)))
		return rc;
	if(!found) {
		char q[160];
		text_quote(tag, q, sizeof(q));
		return problems_atc(&im->pb, row->line, "dna.no_case", "case", q, NULL);
	}
	if(im->pb.failed)
		return PL_OK; /* after a problem: check only */
	int64_t profile;
	remains_saved saved;
	if((rc = dna_import_profile(im, row, case_id, uid, &profile, &saved, &e)))
		return dna_import_failure(im, row->line, "case", rc, &e);
	dna_import_count(im, saved);
	return PL_OK;
}

/* A relative of a missing person: the relation, added or changed. */
static pl_rc relate(importer *im, int64_t person_id, const char *person_uid, int64_t profile,
                    const dna_row *row, bool *changed, pl_err *err)
{
	store *st = im->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT relationship, side FROM dna_relative WHERE person_id = ? AND"
	                          " profile_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, profile);
	int x = sqlite3_step(s);
	bool found = x == SQLITE_ROW;
	const char *rel = found ? arena_strdup(&im->a, store_column_text(s, 0)) : NULL;
	const char *side = found && store_column_text(s, 1) ? arena_strdup(&im->a, store_column_text(s, 1)) : NULL;
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading a relative");
	*changed = !found || strcmp(rel, row->f[DC_RELATIONSHIP]) || !same_text(side, row->f[DC_SIDE]);
	if(!*changed)
		return PL_OK;
	if((rc = store_stmt(st, "INSERT INTO dna_relative(person_id, profile_id, relationship, side)"
	                        " VALUES (?, ?, ?, ?) ON CONFLICT (person_id, profile_id) DO UPDATE SET"
	                        " relationship = excluded.relationship, side = excluded.side", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	sqlite3_bind_int64(s, 2, profile);
	sqlite3_bind_text(s, 3, row->f[DC_RELATIONSHIP], -1, SQLITE_STATIC);
	store_bind_text(s, 4, row->f[DC_SIDE]);
	if((rc = dna_step_done(st, s, "writing a relative", err)))
		return rc;
	return remains_audit(im->st, found ? "update" : "create", "dna_relative", person_uid,
	                 found ? json_pack("{s:s, s:s, s:s?}", "sample", row->f[DC_SAMPLE], "relationship",
	                                    rel, "side", side) : NULL,
	                 json_pack("{s:s, s:s, s:s?}", "sample", row->f[DC_SAMPLE], "relationship",
	                            row->f[DC_RELATIONSHIP], "side", row->f[DC_SIDE]), err);
}

static pl_rc touch(importer *im, int64_t person_id, long line)
{
	for(size_t i = 0; i < im->npersons; i++)
		if(im->persons[i] == person_id) {
			im->person_line[i] = line;
			return PL_OK;
		}
	if(im->npersons == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		int64_t *p = realloc(im->persons, cap * sizeof(int64_t));
		if(p)
			im->persons = p;
		long *l = realloc(im->person_line, cap * sizeof(long));
		if(l)
			im->person_line = l;
		if(!p || !l)
			return PL_ENOMEM;
		im->cap = cap;
	}
	im->persons[im->npersons] = person_id;
	im->person_line[im->npersons++] = line;
	return PL_OK;
}

/* What a sample given again says otherwise than its first row (the code
 * of its words), or "". A
 * relative of two missing persons is given once for each, as one profile:
 * the same alleles, failed loci, sex and note (the later rows may leave
 * the note out). */
static const char *sample_differs(importer *im, const dna_row *a, const dna_row *b)
{
	int na, nb;
	locus_val *x = row_loci(im, a, &na), *y = row_loci(im, b, &nb);
	if(!x || !y)
		return NULL;
	if(!same_loci(x, na, y, nb))
		return "dna.again_alleles";
	if(a->degraded != b->degraded)
		return "dna.again_degraded";
	if(a->sex != b->sex || strcmp(a->amel, b->amel))
		return "dna.again_sex";
	if(b->f[DC_NOTE] && !same_text(a->f[DC_NOTE], b->f[DC_NOTE]))
		return "dna.again_note";
	return "";
}

/* A sample given again: for another missing person, as the same profile. */
static pl_rc sample_again(importer *im, const dna_row *row, bool *again)
{
	const char *sample = row->f[DC_SAMPLE];
	const dna_row *first, *same;
	char key[512];
	snprintf(key, sizeof(key), "%s\x1f%s", sample, row->f[DC_PERSON]);
	pl_rc rc = first_of(im, &im->seen, row, sample, &first);
	if(!rc)
		rc = first_of(im, &im->pairs, row, key, &same);
	*again = first != NULL;
	if(rc || !first)
		return rc;
	if(same)
		return given_again(im, row, "sample", sample, same, "dna.again_same_person");
	const char *why = sample_differs(im, first, row);
	if(!why)
		return PL_ENOMEM;
	return *why ? given_again(im, row, "sample", sample, first, why) : PL_OK;
}

static pl_rc reference_row(importer *im, const dna_row *row)
{
	const char *sample = row->f[DC_SAMPLE];
	bool again, found;
	int before = im->pb.n;
	pl_rc rc = sample_again(im, row, &again);
	if(rc || im->pb.n != before)
		return rc;
	int64_t person_id, profile;
	pl_err e = {0};
	if((rc = registry_person_id(im->st, row->f[DC_PERSON], &person_id, &e)))
		return rc;
	if(!person_id)
		return problems_atc(&im->pb, row->line, "dna.no_person", "person", row->f[DC_PERSON], NULL);
	if((rc = touch(im, person_id, row->line)) || im->pb.failed)
		return rc;
	remains_saved saved = REMAINS_UNCHANGED;
	bool changed;
	if(!again && (rc = dna_import_profile(im, row, 0, NULL, &profile, &saved, &e)))
		return dna_import_failure(im, row->line, "sample", rc, &e);
	if(again) {
		stored st;
		if((rc = profile_find(im, 0, sample, &st, &found, &e)))
			return rc;
		profile = st.id;
	}
	if((rc = relate(im, person_id, row->f[DC_PERSON], profile, row, &changed, &e)))
		return dna_import_failure(im, row->line, "relationship", rc, &e);
	dna_import_count(im, saved == REMAINS_UNCHANGED && changed ? REMAINS_UPDATED : saved);
	return PL_OK;
}

/* Each family the file touched can still be put together as a pedigree. */
static pl_rc families_check(importer *im, pl_err *err)
{
	store *st = im->st;
	sqlite3_stmt *s;
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < im->npersons; i++) {
		dna_ref refs[64];
		dna_family f = {.refs = refs};
		char uid[UID_SIZE] = "";
		if((rc = store_stmt(st, "SELECT relationship, side FROM dna_relative WHERE person_id = ?", &s,
		                    err)))
			break;
		sqlite3_bind_int64(s, 1, im->persons[i]);
		int x;
		while((x = sqlite3_step(s)) == SQLITE_ROW && f.nrefs < 64) {
			const char *side = store_column_text(s, 1);
			refs[f.nrefs++] = (dna_ref){NULL, (dna_rel)dna_rel_parse(store_column_text(s, 0)),
			                            !side ? DNA_SIDE_UNKNOWN : !strcmp(side, "paternal")
			                            ? DNA_PATERNAL : DNA_MATERNAL};
		}
		sqlite3_reset(s);
		const char *why = f.nrefs ? dna_family_invalid(&f) : NULL;
		if(why && !(rc = registry_person_uid(st, im->persons[i], uid, err)))
			rc = problems_atc(&im->pb, im->person_line[i], "dna.family_would_have", "person", uid, "why",
			                  dna_why(why), NULL);
		if(rc == PL_ELIMIT)
			break;
	}
	return rc;
}

/* ---- frequencies ----------------------------------------------------------------------- */

pl_rc dna_frequencies_load(store *st, dna_freqs *out, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT l.name, l.sample_size, l.floor, f.allele, f.frequency, f.count"
	                          " FROM dna_locus l JOIN dna_frequency f ON f.locus = l.name"
	                          " ORDER BY l.name, f.allele", &s, err);
	if(rc)
		return rc;
	size_t lcap = 0;
	int x;
	arena *a = &out->a;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = store_column_text(s, 0);
		if(!out->n || strcmp(out->loci[out->n - 1].name, name)) {
			if(out->n == lcap) {
				dna_freq_locus *l = arena_calloc(a, lcap ? lcap * 2 : 64, sizeof(*l));
				if(!l)
					break;
				if(out->n)
					memcpy(l, out->loci, out->n * sizeof(*l));
				out->loci = l;
				lcap = lcap ? lcap * 2 : 64;
			}
			out->loci[out->n++] = (dna_freq_locus){.name = arena_strdup(a, name),
			                                        .sample_size = sqlite3_column_int64(s, 1),
			                                        .floor = sqlite3_column_double(s, 2)};
		}
		dna_freq_locus *L = &out->loci[out->n - 1];
		if(!(L->n & (L->n - 1)) || !L->n) { /* doubling at powers of two */
			dna_freq_allele *al = arena_calloc(a, L->n ? L->n * 2 : 8, sizeof(*al));
			if(!al)
				break;
			if(L->n)
				memcpy(al, L->alleles, L->n * sizeof(*al));
			L->alleles = al;
		}
		L->alleles[L->n++] = (dna_freq_allele){arena_strdup(a, store_column_text(s, 3)),
		                                       sqlite3_column_double(s, 4),
		                                       sqlite3_column_type(s, 5) == SQLITE_NULL
		                                       ? -1 : sqlite3_column_int64(s, 5)};
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "reading allele frequencies");
	if(!out->n)
		return pl_failc(err, PL_ENOTFOUND, "dna.no_frequencies", NULL);
	return PL_OK;
}

static bool same_freqs(const dna_freqs *a, const dna_freqs *b)
{
	if(a->n != b->n)
		return false;
	for(size_t l = 0; l < a->n; l++) {
		const dna_freq_locus *x = &a->loci[l], *y = &b->loci[l];
		if(strcmp(x->name, y->name) || x->n != y->n || fabs(x->floor - y->floor) > 1e-15 ||
		   x->sample_size != y->sample_size)
			return false;
		for(size_t i = 0; i < x->n; i++)
			if(strcmp(x->alleles[i].allele, y->alleles[i].allele) ||
			   fabs(x->alleles[i].freq - y->alleles[i].freq) > 1e-15)
				return false;
	}
	return true;
}

static pl_rc freqs_insert(store *st, const dna_freqs *f, const char *source, pl_err *err)
{
	sqlite3_stmt *s;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	pl_rc rc = store_exec(st, "DELETE FROM dna_frequency; DELETE FROM dna_locus", err);
	for(size_t l = 0; !rc && l < f->n; l++) {
		const dna_freq_locus *L = &f->loci[l];
		if((rc = store_stmt(st, "INSERT INTO dna_locus(name, sample_size, floor, source, created_at)"
		                        " VALUES (?, ?, ?, ?, ?)", &s, err)))
			break;
		sqlite3_bind_text(s, 1, L->name, -1, SQLITE_STATIC);
		if(L->sample_size > 0)
			sqlite3_bind_int64(s, 2, L->sample_size);
		sqlite3_bind_double(s, 3, L->floor);
		sqlite3_bind_text(s, 4, source, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
		if((rc = dna_step_done(st, s, "writing a locus", err)) ||
		   (rc = store_stmt(st, "INSERT INTO dna_frequency(locus, allele, frequency, count)"
		                        " VALUES (?, ?, ?, ?)", &s, err)))
			break;
		for(size_t i = 0; !rc && i < L->n; i++) {
			sqlite3_bind_text(s, 1, L->name, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, L->alleles[i].allele, -1, SQLITE_STATIC);
			sqlite3_bind_double(s, 3, L->alleles[i].freq);
			if(L->alleles[i].count >= 0)
				sqlite3_bind_int64(s, 4, L->alleles[i].count);
			rc = dna_step_done(st, s, "writing a frequency", err);
		}
	}
	return rc;
}

/* Replace the registry's table with f, unless it is the same. */
static pl_rc freqs_replace(importer *im, const dna_freqs *f, pl_err *err)
{
	dna_import_report *rep = im->rep;
	rep->loci = (long)f->n;
	for(size_t l = 0; l < f->n; l++)
		rep->alleles += (long)f->loci[l].n;
	dna_freqs old;
	dna_freqs_init(&old);
	pl_err e = {0};
	pl_rc rc = dna_frequencies_load(im->st, &old, &e);
	bool had = !rc;
	long old_alleles = 0;
	for(size_t l = 0; had && l < old.n; l++)
		old_alleles += (long)old.loci[l].n;
	if(rc == PL_ENOTFOUND)
		rc = PL_OK;
	else if(rc)
		*err = e;
	if(!rc && had && same_freqs(f, &old)) {
		rep->unchanged = rep->alleles;
	} else if(!rc) {
		rep->created = rep->alleles;
		if(!(rc = freqs_insert(im->st, f, im->pb.file, err)))
			rc = remains_audit(im->st, "replace", "dna_frequencies", NULL,
			               had ? json_pack("{s:I, s:I}", "loci", (json_int_t)old.n, "alleles",
			                                (json_int_t)old_alleles) : NULL,
			               json_pack("{s:s, s:I, s:I}", "source", im->pb.file, "loci",
			                          (json_int_t)f->n, "alleles", (json_int_t)rep->alleles), err);
	}
	dna_freqs_free(&old);
	return rc;
}

/* ---- the import --------------------------------------------------------------------------- */

static pl_rc read_profiles_file(importer *im, FILE *f, const dna_import_opts *o, pl_err *err)
{
	static const dna_file_kind kinds[] = {[DNA_IMPORT_REMAINS] = DNA_FILE_REMAINS,
	                                      [DNA_IMPORT_REFERENCES] = DNA_FILE_REFERENCES,
	                                      [DNA_IMPORT_GENOTYPES] = DNA_FILE_GENOTYPES,
	                                      [DNA_IMPORT_PEDIGREE] = DNA_FILE_PEDIGREE};
	dna_rows rows;
	dna_rows_init(&rows);
	im->rows = &rows;
	pl_rc rc = dna_read_profiles(f, kinds[im->kind], &im->pb, &rows);
	im->rep->rows = (long)rows.n;
	if(!rc && !im->pb.failed && im->kind == DNA_IMPORT_GENOTYPES) {
		dna_freqs fq;
		dna_freqs_init(&fq);
		rc = dna_freqs_count(&rows, o->min_count, &fq, err);
		if(!rc)
			rc = freqs_replace(im, &fq, err);
		dna_freqs_free(&fq);
	}
	if(!rc && im->kind == DNA_IMPORT_PEDIGREE)
		rc = dna_pedigrees_import(im, err);
	for(size_t i = 0; !rc && im->kind <= DNA_IMPORT_REFERENCES && i < rows.n; i++)
		rc = im->kind == DNA_IMPORT_REMAINS ? remains_row(im, &rows.rows[i])
		                                    : reference_row(im, &rows.rows[i]);
	if(!rc && im->kind == DNA_IMPORT_REFERENCES)
		rc = families_check(im, err);
	dna_rows_free(&rows);
	im->rows = NULL;
	return rc;
}

static pl_rc read_frequencies_file(importer *im, FILE *f, const dna_import_opts *o, pl_err *err)
{
	dna_freq_rows rows;
	dna_freq_rows_init(&rows);
	pl_rc rc = dna_read_frequencies(f, &im->pb, &rows);
	im->rep->rows = (long)rows.n;
	if(!rc && !im->pb.failed) {
		dna_freqs fq;
		dna_freqs_init(&fq);
		rc = dna_freqs_from_rows(&rows, o->people, &fq, err);
		if(!rc)
			rc = freqs_replace(im, &fq, err);
		dna_freqs_free(&fq);
	}
	dna_freq_rows_free(&rows);
	return rc;
}

static pl_rc record_import(importer *im, pl_err *err)
{
	static const char *const what[] = {"remains profiles", "reference profiles", "frequencies",
	                                   "genotypes", "pedigrees"};
	const dna_import_report *rep = im->rep;
	return remains_audit(im->st, "import", "dna_file", NULL, NULL,
	                 json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "file", im->pb.file, "holds",
	                            what[im->kind], "rows", (json_int_t)rep->rows, "created",
	                            (json_int_t)rep->created, "updated", (json_int_t)rep->updated,
	                            "unchanged", (json_int_t)rep->unchanged), err);
}

pl_rc dna_import(store *st, dna_import_kind kind, const char *path, const dna_import_opts *o,
                    dna_import_report *rep, pl_err *err)
{
	static const dna_import_opts none = {0};
	memset(rep, 0, sizeof(*rep));
	buf_init(&rep->errors, 0);
	buf_init(&rep->coded, 0);
	buf_init(&rep->notes, 0);
	o = o ? o : &none;
	importer im = {.st = st, .kind = kind, .rep = rep};
	problems_init(&im.pb, &rep->errors, o->max_errors);
	im.pb.coded = &rep->coded;
	im.pb.file = o->name ? o->name : strcmp(path, "-") ? path : "<stdin>";
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if(!f)
		return pl_failc(err, PL_ENOTFOUND, "dna.cannot_open", "file", im.pb.file, "why", strerror(errno), NULL);
	arena_init(&im.a, 0);
	hmap_init(&im.seen);
	hmap_init(&im.pairs);
	pl_rc rc = store_begin(st, err);
	if(!rc) {
		rc = kind == DNA_IMPORT_FREQUENCIES ? read_frequencies_file(&im, f, o, err)
		                                     : read_profiles_file(&im, f, o, err);
		if(rc == PL_ELIMIT)
			rc = PL_OK;
		if(!rc && !im.pb.failed && arena_oom(&im.a))
			rc = pl_nomem(err);
		if(!rc && !im.pb.failed)
			rc = record_import(&im, err);
		rc = store_end(st, problems_result(&im.pb, rc, err), err);
	}
	if(rc) { /* nothing was imported: only the problems stay */
		buf_reset(&rep->notes);
		*rep = (dna_import_report){.errors = rep->errors, .coded = rep->coded, .notes = rep->notes,
		                             .rows = rep->rows};
	}
	if(f != stdin)
		fclose(f);
	free(im.persons);
	free(im.person_line);
	hmap_free(&im.seen);
	hmap_free(&im.pairs);
	arena_free(&im.a);
	return rc;
}

void dna_import_report_free(dna_import_report *rep)
{
	buf_free(&rep->errors);
	buf_free(&rep->coded);
	buf_free(&rep->notes);
}
