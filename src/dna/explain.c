/* A pair locus by locus, with the model of the last screening. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dna/internal.h"
#include "dna/kinlr.h"
#include "dna/proposal.h"

/* "12/13"; an apparent homozygote that may hide a drop-out "12 (12/12 or 12/?)". */
static const char *geno_text(const dna_locus *L, dna_geno g, bool dropout, arena *a)
{
	if(!dna_typed(g))
		return NULL;
	char t[64];
	if(L->repeats[g.a] > L->repeats[g.b] || (L->repeats[g.a] == L->repeats[g.b] && L->bases[g.a] > L->bases[g.b]))
		g = (dna_geno){g.b, g.a}; /* in the order of repeats: 8/11, not 11/8 */
	const char *x = L->allele[g.a] ? L->allele[g.a] : "?", *y = L->allele[g.b] ? L->allele[g.b] : "?";
	if(g.a == g.b && dropout)
		snprintf(t, sizeof(t), "%s (%s/%s or %s/?)", x, x, x, x);
	else
		snprintf(t, sizeof(t), "%s/%s", x, y);
	return arena_strdup(a, t);
}

static long index_of(const dna_data *d, const char *tag)
{
	for(size_t i = 0; i < d->nremains; i++)
		if(!strcmp(d->remains[i].id, tag))
			return (long)i;
	return -1;
}

/* The relatives' (or the other case's) names and genotypes. */
static pl_rc relatives(const dna_data *d, const dna_profile *other, arena *a, dna_explanation *out)
{
	const dna_family *f = other ? NULL : &d->families[0];
	out->nrel = other ? 1 : f->nrefs;
	out->rel_sample = arena_calloc(a, (size_t)out->nrel + 1, sizeof(char *));
	out->rel_relationship = arena_calloc(a, (size_t)out->nrel + 1, sizeof(char *));
	if(!out->rel_sample || !out->rel_relationship)
		return PL_ENOMEM;
	for(int i = 0; i < out->nrel; i++) {
		out->rel_sample[i] = arena_strdup(a, other ? other->id : f->refs[i].prof->id);
		if(other) {
			out->rel_relationship[i] = "identity";
		} else {
			char t[64];
			snprintf(t, sizeof(t), "%s%s%s", dna_rel_names[f->refs[i].rel],
			         f->refs[i].side ? ", " : "", f->refs[i].side ? dna_side_names[f->refs[i].side] : "");
			out->rel_relationship[i] = arena_strdup(a, t);
		}
	}
	return PL_OK;
}

static pl_rc fill(const dna_data *d, const dna_profile *x, const dna_profile *other,
                  const dna_model *m, const dna_pair_detail *pd, arena *a, dna_explanation *out)
{
	pl_rc rc = relatives(d, other, a, out);
	out->nloci = d->kit.nloci;
	out->loci = arena_calloc(a, (size_t)out->nloci + 1, sizeof(dna_explain_locus));
	if(rc || !out->loci)
		return PL_ENOMEM;
	for(int l = 0; l < out->nloci; l++) {
		const dna_locus *L = &d->kit.loci[l];
		dna_explain_locus *e = &out->loci[l];
		e->locus = arena_strdup(a, L->name); /* the kit goes with the data */
		e->remains = geno_text(L, x->g[l], dna_obs_of(x, l, m).dropout, a);
		e->relatives = arena_calloc(a, (size_t)out->nrel + 1, sizeof(char *));
		for(int i = 0; e->relatives && i < out->nrel; i++) {
			const dna_profile *p = other ? other : d->families[0].refs[i].prof;
			e->relatives[i] = geno_text(L, p->g[l], other && dna_obs_of(p, l, m).dropout, a);
		}
		e->lr = pd->lr[l];
		e->compared = pd->compared[l];
		e->consistent = pd->consistent[l];
	}
	out->log10_lr = pd->log10_lr;
	out->theta0 = pd->theta0;
	out->compared = pd->loci;
	out->inconsistent = pd->inconsistent;
	return arena_oom(a) ? PL_ENOMEM : PL_OK;
}

enum { KIN_EXPLAIN_MAX = 128 };   /* typed members shown */

/* ---- a family entered as a pedigree ------------------------------------------------ */

/* The remains x at the missing individual of d's kin who is `person`,
 * locus by locus (kinlr.h), the typed members as the relatives. */
static pl_rc kin_explain(const dna_data *d, const dna_profile *x, const char *who,
                         const dna_model *m, arena *a, dna_explanation *out, pl_err *err)
{
	const dna_kin *K = NULL;
	size_t kk = 0;
	int j = -1;
	for(size_t k = 0; k < d->nkins && j < 0; k++)
		for(int t = 0; t < d->kins[k].nmissing; t++)
			if(!strcmp(d->kins[k].person[t], who)) {
				K = &d->kins[k];
				kk = k;
				j = t;
			}
	if(!K)
		return pl_failc(err, PL_ENOTFOUND, "dna.no_relatives", "person", who, NULL);
	const dna_pedigree *A = &K->alt[0];
	int typed[KIN_EXPLAIN_MAX], nt = 0;
	for(int i = 0; i < A->ped.n && nt < KIN_EXPLAIN_MAX; i++)
		if(A->prof[i])
			typed[nt++] = i;
	out->nrel = nt;
	out->rel_sample = arena_calloc(a, (size_t)nt + 1, sizeof(char *));
	out->rel_relationship = arena_calloc(a, (size_t)nt + 1, sizeof(char *));
	out->nloci = d->kit.nloci;
	out->loci = arena_calloc(a, (size_t)out->nloci + 1, sizeof(dna_explain_locus));
	if(!out->rel_sample || !out->rel_relationship || !out->loci)
		return pl_nomem(err);
	for(int i = 0; i < nt; i++) {
		char t[160];
		snprintf(t, sizeof(t), "%.80s in pedigree %.60s", d->kinfo[kk].individual[typed[i]], K->id);
		out->rel_sample[i] = arena_strdup(a, A->prof[typed[i]]->id);
		out->rel_relationship[i] = arena_strdup(a, t);
	}
	dna_model strict = *m;
	strict.mutation = false;
	arena scratch;
	arena_init(&scratch, 0);
	pl_rc rc = PL_OK;
	for(int l = 0; !rc && l < out->nloci; l++) {
		const dna_locus *L = &d->kit.loci[l];
		dna_explain_locus *e = &out->loci[l];
		bool inf, inf0, over;
		double lr0 = 1;
		rc = dna_kin_locus_lr(&d->kit, l, m, K, &j, &x, 1, &e->lr, &inf, &over, &scratch, err);
		if(!rc && inf && m->mutation)
			rc = dna_kin_locus_lr(&d->kit, l, &strict, K, &j, &x, 1, &lr0, &inf0, NULL, &scratch, err);
		e->locus = arena_strdup(a, L->name);
		e->remains = geno_text(L, x->g[l], dna_obs_of(x, l, m).dropout, a);
		e->relatives = arena_calloc(a, (size_t)nt + 1, sizeof(char *));
		for(int i = 0; e->relatives && i < nt; i++)
			e->relatives[i] = geno_text(L, A->prof[typed[i]]->g[l], false, a);
		e->compared = inf;
		e->consistent = !inf || lr0 > 0;
		out->compared += inf;
		out->inconsistent += inf && lr0 == 0;
		out->log10_lr += !inf ? 0 : e->lr > 0 ? log10(e->lr) : -INFINITY;
	}
	arena_free(&scratch);
	return rc ? rc : arena_oom(a) ? pl_nomem(err) : PL_OK;
}

pl_rc dna_explain(store *st, const char *tag, const char *other, arena *a, dna_explanation *out,
                     pl_err *err)
{
	memset(out, 0, sizeof(*out));
	dna_pair_ref pr;
	pl_rc rc = dna_params_last(st, &out->params, err);
	if(!rc)
		rc = dna_pair_resolve(st, tag, other, a, &pr, err);
	if(rc)
		return rc;
	out->case_tag = arena_strdup(a, tag);
	out->person = pr.identity ? NULL : pr.other;
	out->other_case = pr.identity ? pr.other : NULL;
	dna_data d;
	dna_data_query q = {.case_tag = tag, .other_case = pr.identity ? other : NULL,
	                    .person = pr.identity ? NULL : pr.other, .no_families = pr.identity};
	if((rc = dna_data_load(st, &q, &out->params, &d, err))) {
		dna_data_free(&d);
		return rc;
	}
	long xi = index_of(&d, tag), oi = pr.identity ? index_of(&d, other) : -1;
	dna_model m = dna_params_model(&out->params);
	dna_pair_detail pd;
	if(xi < 0 || (pr.identity && oi < 0))
		rc = pl_failc(err, PL_ENOTFOUND, "dna.no_profile", "case", xi < 0 ? tag : other, NULL);
	else if(!pr.identity && !d.nfamilies && d.nkins)
		rc = kin_explain(&d, &d.remains[xi], pr.other, &m, a, out, err);
	else if(!pr.identity && !d.nfamilies && !d.notes.len)
		rc = pl_failc(err, PL_ENOTFOUND, "dna.relatives_apart", "person", pr.other, NULL);
	else if(!pr.identity && !d.nfamilies) /* the notes are English and may be long: as they are */
		rc = pl_fail(err, PL_ENOTFOUND, "%s has no relatives' profiles that can be put together "
		             "(parley dna import references FILE): %s", pr.other, buf_str(&d.notes));
	bool kin = !rc && !pr.identity && !d.nfamilies;
	if(!rc && !kin)
		rc = dna_pair_explain(&d.kit, &d.remains[xi], pr.identity ? NULL : &d.families[0],
		                      pr.identity ? &d.remains[oi] : NULL, &m, a, &pd, err);
	if(!rc && !kin && (rc = fill(&d, &d.remains[xi], pr.identity ? &d.remains[oi] : NULL, &m, &pd, a, out)))
		rc = pl_nomem(err);
	long registered = 0;
	if(!rc && !(out->params.missing > 0))
		rc = dna_missing_count(st, &registered, err);
	out->missing = out->params.missing > 0 ? out->params.missing : registered > 1 ? (double)registered : 2;
	if(pr.identity) {
		long n = 0;
		sqlite3_stmt *s;
		if(!rc && !(rc = store_stmt(st, "SELECT count(*) FROM dna_profile WHERE kind = 'remains'", &s, err))) {
			n = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 2;
			sqlite3_reset(s);
		}
		out->missing = (double)(n > 1 ? n : 2);
	}
	out->posterior = dna_posterior(out->log10_lr, out->missing);
	bool found;
	dna_proposal *p = arena_alloc(a, sizeof(*p));
	if(!rc && !p)
		rc = pl_nomem(err);
	if(!rc && !(rc = dna_proposal_find(st, &pr, a, p, &found, err)) && found)
		out->proposal = p;
	if(!rc)
		rc = dna_confirm_action(st, &pr, a, &out->action, &out->return_to, err);
	dna_pair_sexes sx;
	if(!rc && !(rc = dna_pair_sexes_get(st, &pr, a, &sx, err))) {
		out->remains_sex = dna_sex_name(sx.remains);
		out->other_sex = dna_sex_name(sx.other);
		out->amelogenin = sx.amel;
		out->other_amelogenin = sx.other_amel;
		out->sex_conflict = sx.conflict;
	}
	dna_data_free(&d);
	return rc;
}
