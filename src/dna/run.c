/* A screening run on the registry: load, screen, assign, keep the
 * proposals (dna.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dna/internal.h"
#include "dna/kinlr.h"
#include "dna/pairing.h"

static double log10_odds(double probability)
{
	return log10(probability / (1 - probability));
}

/* The LR a pair with no rival needs to reach posterior `probability`. */
static double lr_needed(double probability, double missing)
{
	return pow(10, log10_odds(probability) - dna_prior_log10(missing));
}

/* ---- the proposals ------------------------------------------------------------- */

static pl_rc clear_undecided(store *st, const dna_data *d, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = PL_OK;
	for(size_t i = 0; !rc && i < d->nremains; i++) {
		if((rc = store_stmt(st, "DELETE FROM dna_proposal WHERE case_id = ?1"
		                        " AND (status = 'candidate' OR status = 'proposed')", &s, err)))
			break;
		sqlite3_bind_int64(s, 1, d->rinfo[i].case_id);
		if((rc = dna_step_done(st, s, "clearing proposals", err)) ||
		   (rc = store_stmt(st, "DELETE FROM dna_proposal WHERE other_case_id = ?1"
		                        " AND (status = 'candidate' OR status = 'proposed')", &s, err)))
			break;
		sqlite3_bind_int64(s, 1, d->rinfo[i].case_id);
		rc = dna_step_done(st, s, "clearing proposals", err);
	}
	return rc;
}

/* Store a kept pair, unless that pair was decided already (*stored false).
 * A pair that fell (its reference withheld, then given again, or the family's
 * other references enough) is proposed again in its own row, which keeps
 * when and why it fell; the review before the fall does not carry over. */
static pl_rc keep_pair(store *st, int64_t run, const dna_data *d, const dna_kept *k, bool *stored,
                          pl_err *err)
{
	const dna_candidate *c = k->c;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO dna_proposal(run_id, kind, case_id, person_id, other_case_id,"
	                          " log10_lr, log10_glr, posterior, loci, inconsistent, status, created_at,"
	                          " pairing, pairing_lo, pairing_hi, pairing_none_remains, pairing_none_person)"
	                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	                          " ON CONFLICT (case_id, person_id) WHERE kind = 'kinship' DO UPDATE SET"
	                          " run_id = excluded.run_id, log10_lr = excluded.log10_lr, log10_glr ="
	                          " excluded.log10_glr, posterior = excluded.posterior, loci = excluded.loci,"
	                          " inconsistent = excluded.inconsistent, status = excluded.status, created_at ="
	                          " excluded.created_at, pairing = excluded.pairing, pairing_lo ="
	                          " excluded.pairing_lo, pairing_hi = excluded.pairing_hi, pairing_none_remains ="
	                          " excluded.pairing_none_remains, pairing_none_person ="
	                          " excluded.pairing_none_person, reviewed_by = NULL, reviewed_at = NULL,"
	                          " review_note = NULL, reviewed_from = NULL WHERE status = 'fallen'"
	                          " ON CONFLICT DO NOTHING",
	                      &s, err);
	if(rc)
		return rc;
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	int64_t a = d->rinfo[c->remains].case_id, b = c->identity ? d->rinfo[c->other].case_id : 0;
	sqlite3_bind_int64(s, 1, run);
	sqlite3_bind_text(s, 2, c->identity ? "identity" : "kinship", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, c->identity && b < a ? b : a);
	if(!c->identity)
		sqlite3_bind_int64(s, 4, d->finfo[c->other].person_id);
	else
		sqlite3_bind_int64(s, 5, b < a ? a : b);
	sqlite3_bind_double(s, 6, c->log10_lr);
	if(!isnan(k->log10_glr))
		sqlite3_bind_double(s, 7, k->log10_glr);
	sqlite3_bind_double(s, 8, k->posterior);
	sqlite3_bind_int(s, 9, c->loci);
	sqlite3_bind_int(s, 10, c->inconsistent);
	sqlite3_bind_text(s, 11, k->proposed ? "proposed" : "candidate", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, now, -1, SQLITE_STATIC);
	const double pair[5] = {k->pairing, k->pairing_lo, k->pairing_hi, k->remains_none, k->person_none};
	for(int i = 0; i < 5; i++) /* NULL where not computed (pairing.h says why) */
		if(!isnan(pair[i]))
			sqlite3_bind_double(s, 13 + i, pair[i]);
	rc = dna_step_done(st, s, "writing a proposal", err);
	*stored = !rc && sqlite3_changes(store_db(st)) > 0;
	return rc;
}

static pl_rc run_row(store *st, const dna_params *p, dna_screen_summary *sum, int64_t *run,
                        pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT INTO dna_run(ts, actor, params, remains, families, pairs,"
	                          " candidates, proposals, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                      &s, err);
	if(rc)
		return rc;
	dna_params used = *p;
	used.missing = sum->missing;
	json_t *j = dna_params_json(&used);
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	if(!text)
		return pl_nomem(err);
	char now[TIMESTAMP_STR_MAX];
	date_now_iso(now);
	sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, store_actor(st), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, sum->remains);
	sqlite3_bind_int64(s, 5, sum->families);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)sum->pairs);
	sqlite3_bind_int64(s, 7, sum->candidates);
	sqlite3_bind_int64(s, 8, sum->proposals);
	sqlite3_bind_double(s, 9, sum->seconds);
	rc = dna_step_done(st, s, "writing a screening run", err);
	free(text);
	*run = sqlite3_last_insert_rowid(store_db(st));
	return rc;
}

/* What to keep of the candidates: posteriors, and which are proposals. */
static dna_kept *judge(const dna_data *d, const dna_params *p, const dna_screen_result *res,
                       const dna_assignment *as, const dna_pairing *pg, dna_screen_summary *sum)
{
	dna_kept *k = calloc(res->n + 1, sizeof(dna_kept));
	for(size_t i = 0; k && i < res->n; i++) {
		const dna_candidate *c = &res->cand[i];
		k[i].c = c;
		k[i].log10_glr = NAN;
		k[i].pairing = pg->pairing[i];
		k[i].pairing_lo = pg->pairing_lo[i];
		k[i].pairing_hi = pg->pairing_hi[i];
		k[i].remains_none = pg->remains_none[i];
		k[i].person_none = pg->person_none[i];
		k[i].pairing_why = pg->why[i];
		if(c->identity) {
			k[i].posterior = dna_posterior(c->log10_lr, (double)d->nremains);
		} else if(as->best[i]) {
			k[i].log10_glr = as->log10_glr[i];
			k[i].posterior = dna_odds_probability(as->log10_odds[i]);
		} else {
			k[i].posterior = dna_posterior(c->log10_lr, sum->missing);
		}
		/* a pair computed with theta 0 at some locus is not the model asked
		 * for: a candidate for review, never proposed on its own */
		k[i].proposed = (c->identity || as->best[i]) && k[i].posterior >= p->threshold && !c->theta0;
	}
	return k;
}

static pl_rc keep_all(store *st, const dna_data *d, dna_kept *k, size_t n, dna_screen_summary *sum,
                         pl_err *err)
{
	pl_rc rc = clear_undecided(st, d, err);
	for(size_t i = 0; !rc && i < n; i++) {
		const dna_candidate *c = k[i].c;
		/* a confirmed case is not proposed as anyone again; it may still join */
		if(!c->identity && strcmp(d->rinfo[c->remains].status, "confirmed") &&
		   strcmp(d->rinfo[c->remains].status, "returned")) {
			bool stored;
			if(!(rc = keep_pair(st, sum->run, d, &k[i], &stored, err))) {
				sum->decided += !stored;
				sum->candidates += stored;
				sum->proposals += stored && k[i].proposed;
			}
		} else if(c->identity) {
			bool stored;
			if(!(rc = keep_pair(st, sum->run, d, &k[i], &stored, err))) {
				sum->decided += !stored;
				sum->same_person += stored && k[i].proposed;
			}
		}
	}
	return rc;
}

/* ---- families entered as pedigrees ----------------------------------------------- */

/* Every remains at every missing individual of the kins (kinlr.h): their
 * candidates after the families' kinship ones (by kin, then remains), before
 * the identity ones. */
static pl_rc kins_screen(const dna_data *d, const dna_screen_opts *so, dna_screen_result *res,
                         buf *notes, pl_err *err)
{
	if(!d->nkins)
		return PL_OK;
	dna_candidate *kin = NULL;
	size_t n = 0, cap = 0, first_identity = 0;
	pl_rc rc = dna_kins_screen(&d->kit, d->remains, d->nremains, d->kins, d->nkins, so,
	                           (uint32_t)d->nfamilies, &kin, &n, &cap, &res->excluded, notes, err);
	while(first_identity < res->n && !res->cand[first_identity].identity)
		first_identity++;
	dna_candidate *all = rc || !n ? NULL : realloc(res->cand, (res->n + n) * sizeof(*all));
	if(!rc && n && !all)
		rc = pl_nomem(err);
	if(all) {
		memmove(&all[first_identity + n], &all[first_identity],
		        (res->n - first_identity) * sizeof(*all));
		memcpy(&all[first_identity], kin, n * sizeof(*all));
		res->cand = all;
		res->n += n;
	}
	free(kin);
	res->family_pairs += (uint64_t)d->nremains * d->nkin_persons;
	for(size_t k = 0; k < d->nkins; k++) /* remains against each typed member */
		for(int i = 0; i < d->kins[k].alt[0].ped.n; i++)
			res->pairs += d->kins[k].alt[0].prof[i] ? d->nremains : 0;
	return rc;
}

/* The kin a candidate's `other` at or past nfamilies names, and the first
 * `other` of that kin's missing persons. */
static size_t kin_of(const dna_data *d, uint32_t other, uint32_t *first)
{
	uint32_t t = (uint32_t)d->nfamilies;
	for(size_t k = 0; k < d->nkins; k++) {
		if(other < t + (uint32_t)d->kins[k].nmissing) {
			*first = t;
			return k;
		}
		t += (uint32_t)d->kins[k].nmissing;
	}
	return d->nkins;
}

/* The families weighed jointly, for the pairing probabilities: each one's
 * candidates and the joint LR of every sub-assignment of them. */
typedef struct joint_fams {
	dna_pairing_family *f;
	dna_kin_table *t;
	size_t n;
} joint_fams;

static void joint_fams_free(joint_fams *j)
{
	for(size_t i = 0; i < j->n; i++) {
		free((size_t *)j->f[i].at);
		dna_kin_table_free(&j->t[i]);
	}
	free(j->f);
	free(j->t);
	memset(j, 0, sizeof(*j));
}

/* Family k's candidates (indices into res->cand) in *at, and as c[0..). */
static size_t kin_candidates(const dna_data *d, const dna_screen_result *res, size_t k,
                             dna_candidate *c, size_t *at)
{
	size_t nc = 0;
	uint32_t first = 0;
	for(size_t i = 0; i < res->n; i++)
		if(!res->cand[i].identity && res->cand[i].other >= d->nfamilies &&
		   kin_of(d, res->cand[i].other, &first) == k) {
			c[nc] = res->cand[i];
			at[nc++] = i;
		}
	return nc;
}

/* Kin k's candidates weighed jointly: the weighed LRs, the note, and the
 * family for the pairing probabilities (its table, or unknown). */
static pl_rc kin_joint(const dna_data *d, const dna_params *p, size_t k, const dna_candidate *c,
                       size_t *at, size_t nc, double prior, dna_candidate *weighed, joint_fams *jf,
                       buf *notes, pl_err *err)
{
	uint32_t first = 0;
	kin_of(d, c[0].other, &first);
	double *odds = calloc(nc, sizeof(double)), best;
	int left;
	dna_model m = dna_params_model(p);
	pl_err e = {0};
	dna_kin_table *t = &jf->t[jf->n];
	pl_rc rc = odds ? dna_kin_joint(&d->kit, &m, &d->kins[k], first, d->remains, c, nc, prior, odds,
	                                &best, &left, t, &e) : pl_nomem(err);
	jf->f[jf->n++] = (dna_pairing_family){at, nc, rc != PL_OK, t->n, t->pairs, t->log10_lr};
	if(rc == PL_ELIMIT) { /* the single LRs stand: said */
		rc = buf_printf(notes, "family %s: the joint evaluation of its remains is beyond the "
		                "engine's bound (%s): its pairs are weighed one by one, and have no pairing "
		                "probability\n", d->kins[k].id, e.msg);
	} else if(rc && rc != PL_ENOMEM) {
		*err = e;
	} else if(!rc) {
		for(size_t i = 0; i < nc; i++)
			if(!isnan(odds[i]))
				weighed[at[i]].log10_lr = odds[i] - prior;
		rc = buf_printf(notes, "family %s: its candidate remains weighed jointly for its %d "
		                "missing persons (the best explanation: posterior odds 10^%.1f against none)%s\n",
		                d->kins[k].id, d->kins[k].nmissing, best, left ? "; more "
		                "remains than the joint evaluation takes were weighed one by one, and the "
		                "pairs of its group have no pairing probability" : "");
	}
	free(odds);
	return rc;
}

/* The candidates as the joint assignment weighs them: in a kin with more
 * than one missing person, a pair of the family's best joint explanation
 * (kinlr.h, dna_kin_joint) counts with its generalised LR there, so that
 * remains placed together (a father and his son) are references for each
 * other; every other pair with its own LR. *jf: the kins weighed jointly. */
static pl_rc kins_joint(const dna_data *d, const dna_params *p, const dna_screen_result *res,
                        double missing, dna_candidate *weighed, joint_fams *jf, buf *notes,
                        pl_err *err)
{
	double prior = dna_prior_log10(missing);
	if(res->n) /* no candidates: cand may be NULL, which memcpy may not be given */
		memcpy(weighed, res->cand, res->n * sizeof(*weighed));
	jf->f = calloc(d->nkins + 1, sizeof(*jf->f));
	jf->t = calloc(d->nkins + 1, sizeof(*jf->t));
	dna_candidate *c = calloc(res->n + 1, sizeof(*c));
	pl_rc rc = jf->f && jf->t && c ? PL_OK : pl_nomem(err);
	for(size_t k = 0; !rc && k < d->nkins; k++) {
		if(d->kins[k].nmissing < 2)
			continue;
		size_t *at = calloc(res->n + 1, sizeof(*at));
		size_t nc = at ? kin_candidates(d, res, k, c, at) : 0;
		if(!at)
			rc = pl_nomem(err);
		else if(nc < 2) /* a pair alone: its own LR is the joint one */
			free(at);
		else
			rc = kin_joint(d, p, k, c, at, nc, prior, weighed, jf, notes, err);
	}
	free(c);
	return rc;
}

/* ---- the run ------------------------------------------------------------------------ */

/* A pair of different sexes (male remains and a female missing person, or
 * the reverse; two remains as one person) is never proposed nor kept: it
 * leaves the candidates before the joint assignment, so that it takes no
 * remains or person from another pair. Unknown on either side never
 * conflicts. Counts those excluded, and all pairs of different sexes. */
static void sex_exclude(const dna_data *d, dna_screen_result *res, dna_screen_summary *sum)
{
	uint64_t sexes[3] = {0}, fsexes[3] = {0};
	for(size_t i = 0; i < d->nremains; i++)
		sexes[d->rinfo[i].sex]++;
	for(size_t i = 0; i < d->nfamilies; i++)
		fsexes[d->families[i].sex]++;
	sum->sex_pairs = sexes[DNA_MALE] * (fsexes[DNA_FEMALE] + sexes[DNA_FEMALE]) +
	                 sexes[DNA_FEMALE] * fsexes[DNA_MALE];
	size_t k = 0;
	for(size_t i = 0; i < res->n; i++) {
		const dna_candidate *c = &res->cand[i];
		dna_sex other = c->identity ? d->rinfo[c->other].sex : d->families[c->other].sex;
		if(!dna_sex_conflict(d->rinfo[c->remains].sex, other))
			res->cand[k++] = *c;
	}
	sum->sex_excluded = (long)(res->n - k);
	res->n = k;
}

static pl_rc screen_all(store *st, const dna_params *p, dna_data *d, dna_screen_summary *sum,
                        dna_screen_result *res, dna_assignment *as, dna_pairing *pg, pl_err *err)
{
	long registered;
	pl_rc rc = dna_missing_count(st, &registered, err);
	if(rc)
		return rc;
	long families = (long)(d->nfamilies + d->nkin_persons);
	sum->missing = p->missing > 0 ? p->missing : (double)(registered > families ? registered : families);
	sum->lr_proposal = lr_needed(p->threshold, sum->missing);
	sum->lr_candidate = lr_needed(p->keep, sum->missing);
	dna_screen_opts so = {.model = dna_params_model(p), .max_inconsistent = p->max_inconsistent,
	                      .threads = p->threads, .kinship = true, .identity = true,
	                      .keep = log10_odds(p->keep) - dna_prior_log10(sum->missing)};
	/* two remains of one person: the prior is one over the remains */
	double joined = log10_odds(p->threshold) - dna_prior_log10((double)d->nremains);
	if(so.keep > joined)
		so.keep = joined;
	if((rc = dna_screen(&d->kit, d->remains, d->nremains, d->families, d->nfamilies, &so, res, err)))
		return rc;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if((rc = kins_screen(d, &so, res, &sum->notes, err)))
		return rc;
	sex_exclude(d, res, sum);
	uint32_t *unit = NULL;
	joint_fams jf = {0};
	dna_candidate *weighed = calloc(res->n + 1, sizeof(*weighed));
	if(!weighed)
		rc = pl_nomem(err);
	if(!rc)
		rc = kins_joint(d, p, res, sum->missing, weighed, &jf, &sum->notes, err);
	if(!rc && !(rc = dna_units(res->cand, res->n, d->nremains, joined, &unit, err)))
		rc = dna_assign(weighed, res->n, unit, sum->missing, p->cap, as, err);
	/* the pairing probabilities from the pairs' own LRs and the families' joint ones */
	struct timespec p0, p1;
	clock_gettime(CLOCK_MONOTONIC, &p0);
	if(!rc)
		rc = dna_pairing_compute(res->cand, res->n, unit, sum->missing, jf.f, jf.n, p->cap, pg, err);
	clock_gettime(CLOCK_MONOTONIC, &p1);
	pg->counts.seconds = (double)(p1.tv_sec - p0.tv_sec) + (double)(p1.tv_nsec - p0.tv_nsec) / 1e9;
	joint_fams_free(&jf);
	free(unit);
	free(weighed);
	clock_gettime(CLOCK_MONOTONIC, &t1); /* the pedigree families' screening and joint evaluation */
	res->seconds += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	sum->pairs = res->pairs;
	sum->identity_pairs = res->identity_pairs;
	sum->excluded = (long)res->excluded;
	sum->examined = res->examined;
	/* the missing persons of pedigree files are weighed by the engine
	 * directly, every pair (kinlr.c) */
	sum->families_exact = res->families_exact + d->nkin_persons;
	for(size_t i = 0; i < res->n; i++) /* after the sex exclusion: the pairs kept */
		sum->theta0 += res->cand[i].theta0;
	sum->seconds = res->seconds + res->seconds_identity;
	sum->groups = as->groups;
	sum->undisputed = as->undisputed;
	sum->capped = as->capped;
	sum->pairing = pg->counts;
	return rc;
}

pl_rc dna_screen_run(store *st, const char *batch, const dna_params *p, FILE *report,
                        dna_screen_summary *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	buf_init(&out->notes, 0);
	out->batch = batch;
	dna_data d;
	dna_data_query q = {.batch = batch};
	pl_rc rc = dna_data_load(st, &q, p, &d, err);
	out->remains = (long)d.nremains;
	out->families = (long)(d.nfamilies + d.nkins);
	out->references = (long)d.nrefs;
	out->loci = d.kit.nloci;
	if(!rc && d.notes.len)
		rc = buf_adds(&out->notes, buf_str(&d.notes));
	if(!rc && !d.nremains)
		rc = pl_failc(err, PL_ENOTFOUND, batch ? "dna.no_remains_profiles_batch" : "dna.no_remains_profiles",
		              "batch", batch, NULL);
	dna_screen_result res = {0};
	dna_assignment as = {0};
	dna_pairing pg = {0};
	dna_kept *kept = NULL;
	if(!rc)
		rc = screen_all(st, p, &d, out, &res, &as, &pg, err);
	if(!rc && !(kept = judge(&d, p, &res, &as, &pg, out)))
		rc = pl_nomem(err);
	if(!rc && !(rc = store_begin(st, err))) {
		rc = run_row(st, p, out, &out->run, err);
		if(!rc)
			rc = keep_all(st, &d, kept, res.n, out, err);
		if(!rc) { /* the counts are known now */
			sqlite3_stmt *s;
			if(!(rc = store_stmt(st, "UPDATE dna_run SET candidates = ?, proposals = ?"
			                         " WHERE id = ?", &s, err))) {
				sqlite3_bind_int64(s, 1, out->candidates);
				sqlite3_bind_int64(s, 2, out->proposals);
				sqlite3_bind_int64(s, 3, out->run);
				rc = dna_step_done(st, s, "writing a screening run", err);
			}
		}
		if(!rc)
			rc = remains_audit(st, "screen", "dna_run", NULL, NULL,
			               json_pack("{s:I, s:s?, s:I, s:I, s:I, s:I, s:I, s:I, s:f}", "run",
			                          (json_int_t)out->run, "batch", batch, "remains",
			                          (json_int_t)out->remains, "families", (json_int_t)out->families,
			                          "candidates", (json_int_t)out->candidates, "proposals",
			                          (json_int_t)out->proposals, "same_person",
			                          (json_int_t)out->same_person, "sex_excluded",
			                          (json_int_t)out->sex_excluded, "missing", out->missing), err);
		rc = store_end(st, rc, err);
	}
	if(!rc && report)
		dna_report_write(report, st, p, out, &d, kept, res.n);
	free(kept);
	dna_assignment_free(&as);
	dna_pairing_free(&pg);
	dna_screen_result_free(&res);
	dna_data_free(&d);
	return rc;
}

void dna_screen_summary_free(dna_screen_summary *s)
{
	buf_free(&s->notes);
}
