/* Loading what a computation needs from the registry: the frequency table,
 * the remains and the families, into a kit (internal.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dna/internal.h"

/* ---- small helpers ------------------------------------------------------------ */

pl_rc dna_tx_end(store *st, pl_rc rc, pl_err *err)
{
	if(rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, err);
}

pl_rc dna_step_done(store *st, sqlite3_stmt *s, const char *doing, pl_err *err)
{
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, doing);
}

pl_rc dna_case_find(store *st, const char *tag, int64_t *id, char uid[UID_SIZE],
                       const char **status, arena *a, bool *found, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT id, uid, status FROM remains_case WHERE tag = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_text(s, 1, tag, -1, SQLITE_STATIC);
	int x = sqlite3_step(s);
	*found = x == SQLITE_ROW;
	if(*found) {
		*id = sqlite3_column_int64(s, 0);
		snprintf(uid, UID_SIZE, "%s", store_column_text(s, 1));
		*status = arena_strdup(a, store_column_text(s, 2));
	}
	sqlite3_reset(s);
	return x == SQLITE_ROW || x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading a remains case");
}

pl_rc dna_missing_count(store *st, long *n, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT count(*) FROM person WHERE status = 'missing' OR"
	                          " status = 'died_in_captivity' OR status = 'remains_returned'", &s, err);
	if(rc)
		return rc;
	int x = sqlite3_step(s);
	*n = x == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return x == SQLITE_ROW ? PL_OK : store_fail(st, err, x, "counting missing persons");
}

/* ---- parameters ------------------------------------------------------------------ */

dna_model dna_params_model(const dna_params *p)
{
	return (dna_model){p->theta, p->dropout, p->mutation.model != DNA_MUT_NONE};
}

pl_rc dna_params_last(store *st, dna_params *p, pl_err *err)
{
	static const dna_params defaults = DNA_PARAMS_INIT;
	*p = defaults;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT params FROM dna_run ORDER BY id DESC LIMIT 1", &s, err);
	if(rc)
		return rc;
	int x = sqlite3_step(s);
	json_t *j = x == SQLITE_ROW ? json_loads(store_column_text(s, 0), 0, NULL) : NULL;
	sqlite3_reset(s);
	if(x != SQLITE_ROW && x != SQLITE_DONE)
		return store_fail(st, err, x, "reading the last screening");
	if(!j)
		return PL_OK;
	const char *model = NULL;
	json_unpack(j, "{s?F, s?F, s?i, s?F, s?F, s?F, s?{s?s, s?F, s?F, s?F}}", "theta", &p->theta,
	            "dropout", &p->dropout, "max_inconsistent", &p->max_inconsistent, "threshold",
	            &p->threshold, "keep", &p->keep, "missing", &p->missing, "mutation", "model", &model,
	            "paternal", &p->mutation.rate_pat, "maternal", &p->mutation.rate_mat, "range",
	            &p->mutation.range);
	for(int m = 0; model && m < DNA_MUT_COUNT; m++)
		if(!strcmp(model, dna_mutation_names[m]))
			p->mutation.model = (dna_mutation_model)m;
	json_decref(j);
	return PL_OK;
}

/* ---- loading ------------------------------------------------------------------------ */

/* Locus names of the registry's profiles as kit loci; each left out noted once. */
typedef struct loader {
	store *st;
	dna_data *d;
	hmap loci;                /* name -> kit index + 2; 1: not in the kit */
} loader;

static int locus_of(loader *ld, const char *name)
{
	size_t n = strlen(name);
	intptr_t v = (intptr_t)hmap_get(&ld->loci, name, n);
	if(v)
		return (int)v - 2;
	int l = dna_kit_locus(&ld->d->kit, name);
	if(hmap_put(&ld->loci, name, n, (void *)(intptr_t)(l + 2)))
		return -1;
	if(l < 0 && buf_printf(&ld->d->notes, "locus %s is not in the frequency table: left out\n", name))
		return -1;
	return l;
}

/* Every allele of the registry's profiles into the kit, so that a kit is
 * the same whichever profiles a computation loads. */
static pl_rc all_alleles(loader *ld, pl_err *err)
{
	store *st = ld->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT DISTINCT locus, allele1 FROM dna_allele WHERE allele1 IS NOT NULL"
	                          " UNION SELECT DISTINCT locus, allele2 FROM dna_allele"
	                          " WHERE allele2 IS NOT NULL ORDER BY 1, 2", &s, err);
	if(rc)
		return rc;
	int x;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		int l = locus_of(ld, store_column_text(s, 0));
		if(l >= 0 && dna_kit_allele(&ld->d->kit, l, store_column_text(s, 1)) < 0)
			rc = pl_nomem(err);
	}
	sqlite3_reset(s);
	return rc ? rc : x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading alleles");
}

/* One allele row of profile g: its genotype at the kit's locus. */
static void allele_row(loader *ld, sqlite3_stmt *s, int col, dna_geno *g)
{
	const char *locus = store_column_text(s, col);
	const char *a1 = store_column_text(s, col + 1), *a2 = store_column_text(s, col + 2);
	int l = locus ? locus_of(ld, locus) : -1;
	if(l < 0 || !a1)
		return;
	int x = dna_kit_allele(&ld->d->kit, l, a1), y = a2 ? dna_kit_allele(&ld->d->kit, l, a2) : x;
	if(x >= 0 && y >= 0)
		g[l] = x <= y ? (dna_geno){(int16_t)x, (int16_t)y} : (dna_geno){(int16_t)y, (int16_t)x};
}

static dna_geno *genotypes(dna_data *d)
{
	dna_geno *g = arena_alloc(&d->a, sizeof(dna_geno) * (size_t)(d->kit.nloci ? d->kit.nloci : 1));
	for(int l = 0; g && l < d->kit.nloci; l++)
		g[l] = DNA_UNTYPED;
	return g;
}

/* Grow *items (of `size` bytes each) to hold n + 1. */
static bool room(void **items, size_t *cap, size_t n, size_t size)
{
	if(n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 64;
	void *p = realloc(*items, c * size);
	if(!p)
		return false;
	*items = p;
	*cap = c;
	return true;
}

static pl_rc load_remains(loader *ld, const dna_data_query *q, pl_err *err)
{
	dna_data *d = ld->d;
	store *st = ld->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT p.id, c.id, c.uid, c.tag, c.status, p.degraded, a.locus,"
	                          " a.allele1, a.allele2 FROM dna_profile p"
	                          " JOIN remains_case c ON c.id = p.case_id"
	                          " LEFT JOIN remains_batch b ON b.id = c.batch_id"
	                          " LEFT JOIN dna_allele a ON a.profile_id = p.id"
	                          " WHERE p.kind = 'remains' AND (?1 IS NULL OR b.label = ?1)"
	                          " AND (?2 IS NULL AND c.status != 'returned' OR c.tag = ?2 OR c.tag = ?3)"
	                          " ORDER BY c.tag, p.id", &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, q->batch);
	store_bind_text(s, 2, q->case_tag);
	store_bind_text(s, 3, q->other_case);
	size_t cap = 0, icap = 0;
	int64_t last = 0;
	int x = SQLITE_DONE;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if(id != last) {
			if(!room((void **)&d->remains, &cap, d->nremains, sizeof(dna_profile)) ||
			   !room((void **)&d->rinfo, &icap, d->nremains, sizeof(dna_remains_info))) {
				rc = pl_nomem(err);
				break;
			}
			dna_remains_info *info = &d->rinfo[d->nremains];
			info->case_id = sqlite3_column_int64(s, 1);
			snprintf(info->case_uid, UID_SIZE, "%s", store_column_text(s, 2));
			info->status = arena_strdup(&d->a, store_column_text(s, 4));
			d->remains[d->nremains++] = (dna_profile){arena_strdup(&d->a, store_column_text(s, 3)),
			                                          genotypes(d), sqlite3_column_int(s, 5) != 0};
			last = id;
		}
		if(d->remains[d->nremains - 1].g)
			allele_row(ld, s, 6, d->remains[d->nremains - 1].g);
	}
	sqlite3_reset(s);
	return rc ? rc : x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading remains profiles");
}

/* The reference profiles (of one person's family, or all), by row id. */
typedef struct refs {
	int64_t *id;
	dna_profile *prof;
	size_t n;
} refs;

static pl_rc load_references(loader *ld, const dna_data_query *q, refs *out, pl_err *err)
{
	dna_data *d = ld->d;
	store *st = ld->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT p.id, p.sample, a.locus, a.allele1, a.allele2 FROM dna_profile p"
	                          " LEFT JOIN dna_allele a ON a.profile_id = p.id WHERE p.kind = 'reference'"
	                          " AND (?1 IS NULL OR p.id IN (SELECT r.profile_id FROM dna_relative r"
	                          " JOIN person x ON x.id = r.person_id WHERE x.uid = ?1)) ORDER BY p.id",
	                          &s, err);
	if(rc)
		return rc;
	store_bind_text(s, 1, q->person);
	size_t cap = 0, icap = 0;
	int x = SQLITE_DONE;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if(!out->n || out->id[out->n - 1] != id) {
			if(!room((void **)&out->prof, &cap, out->n, sizeof(dna_profile)) ||
			   !room((void **)&out->id, &icap, out->n, sizeof(int64_t))) {
				rc = pl_nomem(err);
				break;
			}
			out->id[out->n] = id;
			out->prof[out->n++] = (dna_profile){arena_strdup(&d->a, store_column_text(s, 1)),
			                                    genotypes(d), false};
		}
		if(out->prof[out->n - 1].g)
			allele_row(ld, s, 2, out->prof[out->n - 1].g);
	}
	sqlite3_reset(s);
	d->nrefs = out->n;
	return rc ? rc : x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "reading reference profiles");
}

static const dna_profile *ref_by_id(const refs *rf, int64_t id)
{
	size_t lo = 0, hi = rf->n;
	while(lo < hi) {
		size_t mid = (lo + hi) / 2;
		if(rf->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < rf->n && rf->id[lo] == id ? &rf->prof[lo] : NULL;
}

/* A family is complete: keep it, or note why it cannot be used. */
static pl_rc family_done(dna_data *d, dna_ref *refs_of, int n)
{
	dna_family *f = &d->families[d->nfamilies];
	f->refs = arena_alloc(&d->a, sizeof(dna_ref) * (size_t)(n ? n : 1));
	if(!f->refs)
		return PL_ENOMEM;
	memcpy(f->refs, refs_of, sizeof(dna_ref) * (size_t)n);
	f->nrefs = n;
	const char *why = dna_family_invalid(f);
	if(why)
		return buf_printf(&d->notes, "the relatives of %s cannot be put together as a pedigree (%s): "
		                  "left out\n", f->person, why);
	d->nfamilies++;
	return PL_OK;
}

static pl_rc load_families(loader *ld, const dna_data_query *q, pl_err *err)
{
	dna_data *d = ld->d;
	refs rf = {0};
	pl_rc rc = load_references(ld, q, &rf, err);
	store *st = ld->st;
	sqlite3_stmt *s = NULL;
	if(!rc)
		rc = store_stmt(st, "SELECT x.id, x.uid, x.sex, x.party, r.relationship, r.side, r.profile_id"
		                    " FROM dna_relative r JOIN person x ON x.id = r.person_id"
		                    " WHERE ?1 IS NULL OR x.uid = ?1 ORDER BY x.id, r.profile_id", &s, err);
	if(!rc)
		store_bind_text(s, 1, q->person);
	size_t cap = 0, icap = 0;
	dna_ref pending[32];
	int np = 0;
	buf text;
	buf_init(&text, 0);
	int x = SQLITE_DONE;
	int64_t last = 0;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(s, 0);
		if(pid != last) {
			if(last && (rc = family_done(d, pending, np)))
				break;
			if(!room((void **)&d->families, &cap, d->nfamilies, sizeof(dna_family)) ||
			   !room((void **)&d->finfo, &icap, d->nfamilies, sizeof(dna_family_info))) {
				rc = PL_ENOMEM;
				break;
			}
			const char *sex = store_column_text(s, 2), *party = store_column_text(s, 3);
			d->families[d->nfamilies] = (dna_family){arena_strdup(&d->a, store_column_text(s, 1)),
			                                         !sex ? DNA_SEX_UNKNOWN : !strcmp(sex, "female")
			                                         ? DNA_FEMALE : DNA_MALE, NULL, 0};
			d->finfo[d->nfamilies] = (dna_family_info){pid, party ? arena_strdup(&d->a, party) : NULL, NULL};
			np = 0;
			buf_reset(&text);
			last = pid;
		}
		int rel = dna_rel_parse(store_column_text(s, 4));
		const char *side = store_column_text(s, 5);
		const dna_profile *prof = ref_by_id(&rf, sqlite3_column_int64(s, 6));
		if(rel >= 0 && prof && np < 32)
			pending[np++] = (dna_ref){prof, (dna_rel)rel, !side ? DNA_SIDE_UNKNOWN
			                          : !strcmp(side, "paternal") ? DNA_PATERNAL : DNA_MATERNAL};
		rc = buf_printf(&text, "%s%s", text.len ? ", " : "", store_column_text(s, 4));
		d->finfo[d->nfamilies].relatives = arena_strdup(&d->a, buf_str(&text));
	}
	if(s)
		sqlite3_reset(s);
	if(!rc && last)
		rc = family_done(d, pending, np);
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading families");
	buf_free(&text);
	/* the profiles stay in the arena's care: keep the array with the data */
	d->refs_keep = rf.prof;
	free(rf.id);
	return rc == PL_ENOMEM ? pl_nomem(err) : rc;
}

pl_rc dna_data_load(store *st, const dna_data_query *q, const dna_mutation *m, dna_data *d,
                       pl_err *err)
{
	memset(d, 0, sizeof(*d));
	arena_init(&d->a, 1 << 20);
	buf_init(&d->notes, 0);
	loader ld = {.st = st, .d = d};
	hmap_init(&ld.loci);
	dna_freqs f;
	dna_freqs_init(&f);
	pl_rc rc = dna_frequencies_load(st, &f, err);
	if(!rc)
		rc = dna_kit_init(&d->kit, &f, err);
	dna_freqs_free(&f);
	if(!rc)
		rc = all_alleles(&ld, err);
	if(!rc && !q->no_remains)
		rc = load_remains(&ld, q, err);
	if(!rc && !q->no_families)
		rc = load_families(&ld, q, err);
	if(!rc)
		rc = dna_kit_finish(&d->kit, m, err);
	if(!rc && arena_oom(&d->a))
		rc = pl_nomem(err);
	hmap_free(&ld.loci);
	return rc;
}

void dna_data_free(dna_data *d)
{
	dna_kit_free(&d->kit);
	free(d->remains);
	free(d->rinfo);
	free(d->families);
	free(d->finfo);
	free(d->refs_keep);
	buf_free(&d->notes);
	arena_free(&d->a);
	memset(d, 0, sizeof(*d));
}
