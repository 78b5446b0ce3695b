/* Loading what a computation needs from the registry: the frequency table,
 * the remains and the families, into a kit (internal.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dna/internal.h"

/* ---- small helpers ------------------------------------------------------------ */

pl_rc dna_step_done(store *st, sqlite3_stmt *s, const char *doing, pl_err *err)
{
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, doing);
}

pl_rc dna_case_find(store *st, const char *tag, int64_t *id, char uid[UID_SIZE],
                       const char **status, arena *a, bool *found, pl_err *err)
{
	remains_case c;
	pl_rc rc = remains_case_find(st, tag, a, &c, found, err);
	if(!rc && *found) {
		*id = c.id;
		snprintf(uid, UID_SIZE, "%s", c.uid);
		*status = remains_status_name(c.status);
	}
	return rc;
}

pl_rc dna_missing_count(store *st, long *n, pl_err *err)
{
	return registry_count_status(st, 1u << ST_MISSING | 1u << ST_DIED_IN_CAPTIVITY |
	                             1u << ST_REMAINS_RETURNED, n, err);
}

/* ---- parameters ------------------------------------------------------------------ */

dna_model dna_params_model(const dna_params *p)
{
	return (dna_model){p->theta, p->dropout, dna_params_mutation(p)};
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
	rc = dna_params_from_json(j, p, err);
	json_decref(j);
	return rc;
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

/* The cases whose remains profiles a computation loads, by tag: one or two
 * cases (returned ones too), or every case not returned; of one batch if
 * the query names one. */
static pl_rc cases_of(store *st, const dna_data_query *q, arena *a, remains_case **out, size_t *n,
                      pl_err *err)
{
	size_t k = 0;
	pl_rc rc = PL_OK;
	if(!q->case_tag) {
		rc = remains_cases_all(st, q->batch, a, out, n, err);
		for(size_t i = 0; !rc && i < *n; i++)
			if((*out)[i].status != RS_RETURNED)
				(*out)[k++] = (*out)[i];
		*n = k;
		return rc;
	}
	const char *tags[2] = {q->case_tag, q->other_case};
	if(q->other_case && strcmp(q->other_case, q->case_tag) < 0) {
		tags[0] = q->other_case;
		tags[1] = q->case_tag;
	}
	if(!(*out = arena_calloc(a, 2, sizeof(**out))))
		return pl_nomem(err);
	for(int i = 0; i < 2 && !rc; i++) {
		bool found;
		if(!tags[i] || (i && !strcmp(tags[0], tags[1])) ||
		   (rc = remains_case_find(st, tags[i], a, &(*out)[k], &found, err)) || !found)
			continue;
		const char *batch = (*out)[k].batch;
		if(!q->batch || (batch && !strcmp(batch, q->batch)))
			k++;
	}
	*n = k;
	return rc;
}

/* The remains profiles of the query's cases, in the cases' order. */
typedef struct remains_load {
	loader *ld;
	const remains_case *c;
	bool *have;
} remains_load;

static void remains_row(sqlite3_stmt *s, size_t k, void *ctx)
{
	remains_load *rl = ctx;
	dna_data *d = rl->ld->d;
	if(!rl->have[k]) {
		rl->have[k] = true;
		dna_remains_info *info = &d->rinfo[k];
		info->case_id = rl->c[k].id;
		snprintf(info->case_uid, UID_SIZE, "%s", rl->c[k].uid);
		info->status = remains_status_name(rl->c[k].status);
		d->remains[k] = (dna_profile){arena_strdup(&d->a, rl->c[k].tag), genotypes(d),
		                              sqlite3_column_int(s, 0) != 0};
		const char *sex = store_column_text(s, 5), *amel = store_column_text(s, 6);
		info->sex = dna_sex_parse(sex);
		info->amelogenin = amel ? arena_strdup(&d->a, amel) : NULL;
	}
	if(d->remains[k].g)
		allele_row(rl->ld, s, 1, d->remains[k].g);
}

static pl_rc load_remains(loader *ld, const dna_data_query *q, pl_err *err)
{
	dna_data *d = ld->d;
	store *st = ld->st;
	arena a;
	arena_init(&a, 0);
	remains_case *c = NULL;
	size_t n = 0;
	pl_rc rc = cases_of(st, q, &a, &c, &n, err);
	int64_t *ids = arena_calloc(&a, n + 1, sizeof(*ids));
	bool *have = arena_calloc(&a, n + 1, sizeof(*have));
	d->remains = calloc(n + 1, sizeof(*d->remains));
	d->rinfo = calloc(n + 1, sizeof(*d->rinfo));
	if(!rc && (!ids || !have || !d->remains || !d->rinfo))
		rc = pl_nomem(err);
	for(size_t i = 0; !rc && i < n; i++)
		ids[i] = c[i].id;
	sqlite3_stmt *s;
	if(!rc && !(rc = store_stmt(st, "SELECT p.degraded, a.locus, a.allele1, a.allele2, j.key,"
	                                " p.sex, p.amelogenin FROM json_each(?1) j JOIN dna_profile p ON p.case_id = j.value"
	                                " LEFT JOIN dna_allele a ON a.profile_id = p.id"
	                                " WHERE p.kind = 'remains'", &s, err))) {
		remains_load rl = {ld, c, have};
		rc = store_rows_by_ids(st, s, ids, n, 4, remains_row, &rl, "reading remains profiles", err);
	}
	/* Cases without a profile leave no gap. */
	for(size_t i = 0; !rc && i < n; i++)
		if(have[i]) {
			d->remains[d->nremains] = d->remains[i];
			d->rinfo[d->nremains++] = d->rinfo[i];
		}
	arena_free(&a);
	return rc;
}

/* The reference profiles (of one person's family, or all), by row id. */
typedef struct refs {
	int64_t *id;
	dna_profile *prof;
	size_t n;
} refs;

/* The query's person (a uid) as a row id: 0 for everyone, -1 (no one) for
 * a uid nobody has. Found before a statement is taken from the cache,
 * which finding it may renew. */
static pl_rc person_of(store *st, const dna_data_query *q, int64_t *id, pl_err *err)
{
	*id = 0;
	pl_rc rc = q->person ? registry_person_id(st, q->person, id, err) : PL_OK;
	if(!rc && q->person && !*id)
		*id = -1;
	return rc;
}

static void bind_person(sqlite3_stmt *s, int64_t person_id)
{
	if(person_id)
		sqlite3_bind_int64(s, 1, person_id);
}

/* The withheld references (their giver's consent withdrawn, dna.h) the
 * query would have used, each said in the notes: left out, never silently. */
static pl_rc withheld_notes(loader *ld, int64_t person_id, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(ld->st, "SELECT c.sample, c.at, c.holder FROM dna_reference_consent c JOIN dna_profile p"
	                              " ON p.kind = 'reference' AND p.sample = c.sample WHERE c.state = 'withdrawn'"
	                              " AND (?1 IS NULL OR p.id IN (SELECT profile_id FROM dna_relative WHERE"
	                              " person_id = ?1) OR p.id IN (SELECT profile_id FROM dna_ped_member WHERE"
	                              " pedigree_id IN (SELECT pedigree_id FROM dna_ped_member WHERE person_id ="
	                              " ?1))) ORDER BY c.sample", &s, err);
	if(rc)
		return rc;
	bind_person(s, person_id);
	int x;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		rc = buf_printf(&ld->d->notes, "reference %s withheld: its giver's DNA consent was withdrawn on %s"
		                " (%s): left out\n", store_column_text(s, 0), store_column_text(s, 1),
		                store_column_text(s, 2));
		ld->d->nwithheld++;
	}
	sqlite3_reset(s);
	return rc ? pl_nomem(err) : x == SQLITE_DONE ? PL_OK : store_fail(ld->st, err, x, "reading withheld references");
}

static pl_rc load_references(loader *ld, int64_t person_id, refs *out, pl_err *err)
{
	dna_data *d = ld->d;
	store *st = ld->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT p.id, p.sample, a.locus, a.allele1, a.allele2 FROM dna_profile p"
	                          " LEFT JOIN dna_allele a ON a.profile_id = p.id WHERE p.kind = 'reference'"
	                          " AND (?1 IS NULL OR p.id IN (SELECT profile_id FROM dna_relative"
	                          " WHERE person_id = ?1) OR p.id IN (SELECT profile_id FROM dna_ped_member"
	                          " WHERE pedigree_id IN (SELECT pedigree_id FROM dna_ped_member"
	                          " WHERE person_id = ?1))) AND NOT EXISTS (SELECT 1 FROM dna_reference_consent c"
	                          " WHERE c.sample = p.sample AND c.state = 'withdrawn') ORDER BY p.id", &s, err);
	if(rc)
		return rc;
	bind_person(s, person_id);
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
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading reference profiles");
	return rc ? rc : withheld_notes(ld, person_id, err);
}

/* Where id is in ids[0..n) (ascending), or n. */
static size_t id_index(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while(lo < hi) {
		size_t mid = (lo + hi) / 2;
		if(ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id ? lo : n;
}

static const dna_profile *ref_by_id(const refs *rf, int64_t id)
{
	size_t i = id_index(rf->id, rf->n, id);
	return i < rf->n ? &rf->prof[i] : NULL;
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

/* ---- families entered as pedigrees ------------------------------------------------- */

/* A pedigree's individuals as they come, before they become a dna_kin. */
typedef struct kin_rows {
	int64_t pedigree_id;
	const char *family;
	const char **id, **father, **mother;
	dna_sex *sex;
	const dna_profile **prof;
	int64_t *missing;         /* per individual: the person row id, or 0 */
	int n, cap;
} kin_rows;

static int kin_index(const kin_rows *k, const char *id)
{
	for(int i = 0; id && i < k->n; i++)
		if(!strcmp(k->id[i], id))
			return i;
	return -1;
}

/* The pedigree collected in k as d->kins[d->nkins] (one alternative, of
 * weight 1); its persons' uids come later, in one batch. */
static pl_rc kin_done(dna_data *d, const kin_rows *k, size_t cap[2])
{
	arena *a = &d->a;
	if(!room((void **)&d->kins, &cap[0], d->nkins, sizeof(dna_kin)) ||
	   !room((void **)&d->kinfo, &cap[1], d->nkins, sizeof(dna_kin_info)))
		return PL_ENOMEM;
	size_t n = (size_t)k->n + 1;
	int *father = arena_calloc(a, n, sizeof(int)), *mother = arena_calloc(a, n, sizeof(int));
	int *missing = arena_calloc(a, n, sizeof(int));
	dna_sex *sex = arena_calloc(a, n, sizeof(dna_sex));
	const dna_profile **prof = arena_calloc(a, n, sizeof(*prof));
	int64_t *pid = arena_calloc(a, n, sizeof(int64_t));
	dna_pedigree *alt = arena_calloc(a, 1, sizeof(*alt));
	if(!father || !mother || !missing || !sex || !prof || !pid || !alt)
		return PL_ENOMEM;
	int nm = 0;
	for(int i = 0; i < k->n; i++) {
		father[i] = kin_index(k, k->father[i]);
		mother[i] = kin_index(k, k->mother[i]);
		sex[i] = k->sex[i];
		prof[i] = k->prof[i];
		if(k->missing[i]) {
			pid[nm] = k->missing[i];
			missing[nm++] = i;
		}
	}
	*alt = (dna_pedigree){{k->n, father, mother, sex}, prof, 1.0};
	d->kins[d->nkins] = (dna_kin){arena_strdup(a, k->family), alt, 1, nm, missing, NULL};
	const char **ids = arena_calloc(a, n, sizeof(char *));
	if(!ids)
		return PL_ENOMEM;
	memcpy(ids, k->id, (size_t)k->n * sizeof(char *));
	d->kinfo[d->nkins++] = (dna_kin_info){k->pedigree_id, pid, NULL, ids};
	return PL_OK;
}

static pl_rc kin_row(dna_data *d, kin_rows *k, sqlite3_stmt *s, const refs *rf)
{
	if(k->n == k->cap) {
		int cap = k->cap ? 2 * k->cap : 16;
		const char **id = arena_calloc(&d->a, (size_t)cap, sizeof(char *));
		const char **fa = arena_calloc(&d->a, (size_t)cap, sizeof(char *));
		const char **mo = arena_calloc(&d->a, (size_t)cap, sizeof(char *));
		dna_sex *sex = arena_calloc(&d->a, (size_t)cap, sizeof(dna_sex));
		const dna_profile **prof = arena_calloc(&d->a, (size_t)cap, sizeof(*prof));
		int64_t *who = arena_calloc(&d->a, (size_t)cap, sizeof(int64_t));
		if(!id || !fa || !mo || !sex || !prof || !who)
			return PL_ENOMEM;
		size_t n = (size_t)k->n;
		if(n) {
			memcpy(id, k->id, n * sizeof(*id));
			memcpy(fa, k->father, n * sizeof(*fa));
			memcpy(mo, k->mother, n * sizeof(*mo));
			memcpy(sex, k->sex, n * sizeof(*sex));
			memcpy(prof, k->prof, n * sizeof(*prof));
			memcpy(who, k->missing, n * sizeof(*who));
		}
		*k = (kin_rows){k->pedigree_id, k->family, id, fa, mo, sex, prof, who, k->n, cap};
	}
	const char *sex = store_column_text(s, 5), *father = store_column_text(s, 3);
	const char *mother = store_column_text(s, 4);
	int i = k->n++;
	k->id[i] = arena_strdup(&d->a, store_column_text(s, 2));
	k->father[i] = father ? arena_strdup(&d->a, father) : NULL;
	k->mother[i] = mother ? arena_strdup(&d->a, mother) : NULL;
	k->sex[i] = !strcmp(sex, "male") ? DNA_MALE : !strcmp(sex, "female") ? DNA_FEMALE : DNA_SEX_UNKNOWN;
	k->prof[i] = sqlite3_column_type(s, 6) == SQLITE_NULL ? NULL
	             : ref_by_id(rf, sqlite3_column_int64(s, 6));
	k->missing[i] = sqlite3_column_int64(s, 7);
	return PL_OK;
}

/* The missing persons' uids and parties, in one batch. */
static pl_rc kin_persons(store *st, dna_data *d, pl_err *err)
{
	size_t n = 0;
	for(size_t k = 0; k < d->nkins; k++)
		n += (size_t)d->kins[k].nmissing;
	int64_t *ids = arena_calloc(&d->a, n + 1, sizeof(int64_t));
	person_brief *who = arena_calloc(&d->a, n + 1, sizeof(person_brief));
	if(!ids || !who)
		return pl_nomem(err);
	n = 0;
	for(size_t k = 0; k < d->nkins; k++)
		for(int j = 0; j < d->kins[k].nmissing; j++)
			ids[n++] = d->kinfo[k].person_id[j];
	pl_rc rc = registry_person_briefs(st, ids, n, &d->a, who, err);
	n = 0;
	for(size_t k = 0; !rc && k < d->nkins; k++) {
		int nm = d->kins[k].nmissing;
		const char **uid = arena_calloc(&d->a, (size_t)nm + 1, sizeof(char *));
		const char **party = arena_calloc(&d->a, (size_t)nm + 1, sizeof(char *));
		if(!uid || !party)
			return pl_nomem(err);
		for(int j = 0; j < nm; j++, n++) {
			uid[j] = arena_strdup(&d->a, who[n].uid);
			party[j] = who[n].party ? arena_strdup(&d->a, who[n].party) : NULL;
		}
		d->kins[k].person = uid;
		d->kinfo[k].party = party;
	}
	return rc;
}

/* Missing person j of kin k identified: typed from now on with profile x,
 * and no longer among the kin's missing. */
static void kin_typed(dna_data *d, size_t k, int j, const dna_profile *x)
{
	dna_kin *K = &d->kins[k];
	dna_kin_info *I = &d->kinfo[k];
	for(int a = 0; a < K->nalt; a++)
		K->alt[a].prof[K->missing[j]] = x;
	int *missing = (int *)K->missing;
	const char **who = (const char **)K->person, **party = (const char **)I->party;
	int64_t *pid = (int64_t *)I->person_id;
	for(int i = j + 1; i < K->nmissing; i++) {
		missing[i - 1] = missing[i];
		who[i - 1] = who[i];
		party[i - 1] = party[i];
		pid[i - 1] = pid[i];
	}
	K->nmissing--;
}

/* A missing person of a pedigree whose identification was confirmed is a
 * reference for the rest of the family from then on: their remains'
 * profile becomes that individual's typing (as dvir uses identified
 * remains), so every later screening, explanation and advice of the
 * family weighs it. */
static pl_rc kin_identified(loader *ld, pl_err *err)
{
	dna_data *d = ld->d;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(ld->st, "SELECT q.person_id, p.degraded, a.locus, a.allele1, a.allele2 FROM"
	                      " dna_proposal q JOIN dna_profile p ON p.case_id = q.case_id AND p.kind ="
	                      " 'remains' LEFT JOIN dna_allele a ON a.profile_id = p.id WHERE q.kind ="
	                      " 'kinship' AND q.status = 'confirmed' AND q.person_id IN (SELECT person_id"
	                      " FROM dna_ped_member) ORDER BY q.person_id", &s, err);
	int64_t last = 0;
	dna_profile *x = NULL;
	int sx;
	while(!rc && (sx = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(s, 0);
		if(pid != last) {
			last = pid;
			x = NULL;
			for(size_t k = 0; !x && k < d->nkins; k++)
				for(int j = 0; !x && j < d->kins[k].nmissing; j++)
					if(d->kinfo[k].person_id[j] == pid && (x = arena_calloc(&d->a, 1, sizeof(*x)))) {
						char label[64];
						snprintf(label, sizeof(label), "remains identified as %s", d->kins[k].person[j]);
						*x = (dna_profile){arena_strdup(&d->a, label), genotypes(d),
						                   sqlite3_column_int(s, 1) != 0};
						kin_typed(d, k, j, x);
					}
		}
		if(x && x->g)
			allele_row(ld, s, 2, x->g);
	}
	if(!rc)
		sqlite3_reset(s);
	if(!rc && arena_oom(&d->a))
		rc = pl_nomem(err);
	return rc || sx == SQLITE_DONE ? rc : store_fail(ld->st, err, sx, "reading identified remains");
}

/* The families entered as pedigrees (of one person's, or all) as dna_kin. */
static pl_rc load_kins(loader *ld, int64_t person_id, const refs *rf, pl_err *err)
{
	dna_data *d = ld->d;
	store *st = ld->st;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT p.id, p.family, m.individual, m.father, m.mother, m.sex,"
	                          " m.profile_id, m.person_id FROM dna_pedigree p JOIN dna_ped_member m"
	                          " ON m.pedigree_id = p.id WHERE ?1 IS NULL OR p.id IN (SELECT pedigree_id"
	                          " FROM dna_ped_member WHERE person_id = ?1) ORDER BY p.family, m.seq",
	                      &s, err);
	if(rc)
		return rc;
	bind_person(s, person_id);
	kin_rows k = {0};
	size_t cap[2] = {0, 0};
	int x;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t ped = sqlite3_column_int64(s, 0);
		if(ped != k.pedigree_id) {
			if(k.n && (rc = kin_done(d, &k, cap)))
				break;
			k = (kin_rows){ped, arena_strdup(&d->a, store_column_text(s, 1)), k.id, k.father,
			               k.mother, k.sex, k.prof, k.missing, 0, k.cap};
		}
		rc = kin_row(d, &k, s, rf);
	}
	sqlite3_reset(s);
	if(!rc && k.n)
		rc = kin_done(d, &k, cap);
	if(rc || arena_oom(&d->a))
		return pl_nomem(err);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "reading pedigrees");
	rc = kin_persons(st, d, err);
	return rc ? rc : kin_identified(ld, err);
}

static const char *kin_member_id(const dna_data *d, size_t k, int i)
{
	return d->kinfo[k].individual[i];
}

/* Whether person pid is a missing person of a family entered as a pedigree:
 * then their references-file family is left out, and the notes say so. */
static bool in_pedigree(dna_data *d, int64_t pid, buf *notes, pl_rc *rc)
{
	for(size_t k = 0; k < d->nkins; k++)
		for(int j = 0; j < d->kins[k].nmissing; j++)
			if(d->kinfo[k].person_id[j] == pid) {
				*rc = buf_printf(notes, "the relatives of %s in the references files are left out: "
				                 "%s is in family %s, entered as a pedigree\n", d->kins[k].person[j],
				                 d->kins[k].person[j], d->kins[k].id);
				return true;
			}
	return false;
}

/* The persons the query's families are of (row ids, ascending), with what
 * the registry says of them. */
typedef struct relatives_of {
	int64_t *id;
	person_brief *who;
	size_t n;
} relatives_of;

static pl_rc family_persons(store *st, int64_t person_id, arena *a, relatives_of *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "SELECT DISTINCT person_id FROM dna_relative"
	                          " WHERE ?1 IS NULL OR person_id = ?1 ORDER BY person_id", &s, err);
	if(rc)
		return rc;
	bind_person(s, person_id);
	size_t cap = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t *id = arena_push(a, (void **)&out->id, &out->n, &cap, sizeof(*id));
		if(!id)
			break;
		*id = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	if(x != SQLITE_DONE)
		return store_fail(st, err, x, "reading families");
	if(!(out->who = arena_calloc(a, out->n + 1, sizeof(*out->who))))
		return pl_nomem(err);
	return registry_person_briefs(st, out->id, out->n, a, out->who, err);
}

static const person_brief *relative_of(const relatives_of *r, int64_t id)
{
	size_t i = id_index(r->id, r->n, id);
	return i < r->n && r->who[i].id ? &r->who[i] : NULL;
}

/* The families of the references files, but those of persons in a family
 * entered as a pedigree (the pedigree is what the laboratory says now). */
static pl_rc load_families(loader *ld, int64_t person_id, const refs *rf, pl_err *err)
{
	dna_data *d = ld->d;
	relatives_of rel_of;
	arena a;
	arena_init(&a, 0);
	store *st = ld->st;
	pl_rc rc = PL_OK;
	sqlite3_stmt *s = NULL;
	if(!rc)
		rc = family_persons(st, person_id, &a, &rel_of, err);
	if(!rc)
		rc = store_stmt(st, "SELECT person_id, relationship, side, profile_id FROM dna_relative"
		                    " WHERE ?1 IS NULL OR person_id = ?1 ORDER BY person_id, profile_id", &s, err);
	if(!rc)
		bind_person(s, person_id);
	size_t cap = 0, icap = 0;
	dna_ref pending[32];
	int np = 0;
	buf text;
	buf_init(&text, 0);
	int x = SQLITE_DONE;
	int64_t last = 0, skipped = 0;
	while(!rc && (x = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(s, 0);
		const person_brief *who = relative_of(&rel_of, pid);
		if(pid == skipped || !who)
			continue;
		if(in_pedigree(d, pid, &d->notes, &rc)) {
			skipped = pid; /* noted once */
			continue;
		}
		if(rc)
			break;
		if(pid != last) {
			if(last && np && (rc = family_done(d, pending, np)))
				break;
			if(!room((void **)&d->families, &cap, d->nfamilies, sizeof(dna_family)) ||
			   !room((void **)&d->finfo, &icap, d->nfamilies, sizeof(dna_family_info))) {
				rc = PL_ENOMEM;
				break;
			}
			d->families[d->nfamilies] = (dna_family){arena_strdup(&d->a, who->uid),
			                                         dna_sex_parse(who->sex), NULL, 0};
			d->finfo[d->nfamilies] = (dna_family_info){pid, who->party ? arena_strdup(&d->a, who->party)
			                                                           : NULL, NULL};
			np = 0;
			buf_reset(&text);
			last = pid;
		}
		int rel = dna_rel_parse(store_column_text(s, 1));
		const char *side = store_column_text(s, 2);
		const dna_profile *prof = ref_by_id(rf, sqlite3_column_int64(s, 3));
		if(!prof)
			continue; /* withheld: its consent withdrawn, said in the notes */
		if(rel >= 0 && np < 32)
			pending[np++] = (dna_ref){prof, (dna_rel)rel, !side ? DNA_SIDE_UNKNOWN
			                          : !strcmp(side, "paternal") ? DNA_PATERNAL : DNA_MATERNAL};
		rc = buf_printf(&text, "%s%s", text.len ? ", " : "", store_column_text(s, 1));
		d->finfo[d->nfamilies].relatives = arena_strdup(&d->a, buf_str(&text));
	}
	if(s)
		sqlite3_reset(s);
	if(!rc && last && np) /* a family whose every reference is withheld is none */
		rc = family_done(d, pending, np);
	if(!rc && x != SQLITE_DONE)
		rc = store_fail(st, err, x, "reading families");
	buf_free(&text);
	arena_free(&a);
	return rc == PL_ENOMEM ? pl_nomem(err) : rc;
}

/* The kins' missing persons after the families (internal.h). */
static pl_rc kin_persons_as_families(dna_data *d, pl_err *err)
{
	size_t n = 0;
	for(size_t k = 0; k < d->nkins; k++)
		n += (size_t)d->kins[k].nmissing;
	dna_family *f = realloc(d->families, (d->nfamilies + n + 1) * sizeof(*f));
	if(f)
		d->families = f;
	dna_family_info *fi = realloc(d->finfo, (d->nfamilies + n + 1) * sizeof(*fi));
	if(fi)
		d->finfo = fi;
	if(!f || !fi)
		return pl_nomem(err);
	size_t t = d->nfamilies;
	for(size_t k = 0; k < d->nkins; k++) {
		const dna_kin *K = &d->kins[k];
		for(int j = 0; j < K->nmissing; j++, t++) {
			int i = K->missing[j];
			d->families[t] = (dna_family){K->person[j], K->alt[0].ped.sex[i], NULL, 0};
			char text[160];
			snprintf(text, sizeof(text), "pedigree %.80s (as %.40s)", K->id, kin_member_id(d, k, i));
			d->finfo[t] = (dna_family_info){d->kinfo[k].person_id[j], d->kinfo[k].party[j],
			                                arena_strdup(&d->a, text)};
		}
	}
	d->nkin_persons = n;
	return arena_oom(&d->a) ? pl_nomem(err) : PL_OK;
}

/* Both kinds of family, over the reference profiles loaded once. */
static pl_rc load_all_families(loader *ld, const dna_data_query *q, pl_err *err)
{
	dna_data *d = ld->d;
	refs rf = {0};
	int64_t person_id;
	pl_rc rc = person_of(ld->st, q, &person_id, err);
	if(!rc)
		rc = load_references(ld, person_id, &rf, err);
	if(!rc)
		rc = load_kins(ld, person_id, &rf, err);
	if(!rc)
		rc = load_families(ld, person_id, &rf, err);
	if(!rc)
		rc = kin_persons_as_families(d, err);
	/* the profiles stay in the arena's care: keep the array with the data */
	d->refs_keep = rf.prof;
	free(rf.id);
	return rc;
}

pl_rc dna_data_load(store *st, const dna_data_query *q, const dna_params *p, dna_data *d,
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
		rc = load_all_families(&ld, q, err);
	if(!rc && p)
		rc = dna_params_apply_markers(p, &d->kit, err);
	if(!rc) /* no params: no mutation, as a kit without a model */
		rc = dna_kit_finish(&d->kit, p ? &p->mutation : NULL, err);
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
	free(d->kins);
	free(d->kinfo);
	free(d->refs_keep);
	buf_free(&d->notes);
	arena_free(&d->a);
	memset(d, 0, sizeof(*d));
}
