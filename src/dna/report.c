/* The Markdown report of a screening run: what was compared, the model,
 * the thresholds with the size of the search, the proposals. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "dna/internal.h"
#include "dna/pairing.h"

static const char *remains_of(const dna_data *d, uint32_t r)
{
	return d->remains[r].id;
}

static int by_posterior(const void *x, const void *y)
{
	const dna_kept *a = *(const dna_kept *const *)x, *b = *(const dna_kept *const *)y;
	if(a->posterior != b->posterior)
		return (a->posterior < b->posterior) - (a->posterior > b->posterior);
	return (a->c->log10_lr < b->c->log10_lr) - (a->c->log10_lr > b->c->log10_lr);
}

static void lr_text(double log10_lr, char *out, size_t size)
{
	if(isnan(log10_lr))
		snprintf(out, size, "-");
	else if(log10_lr < 6)
		snprintf(out, size, "%.3g", pow(10, log10_lr));
	else
		snprintf(out, size, "10^%.1f", log10_lr);
}

static void probability(double v, char *out, size_t size)
{
	/* a small one as small as it is, not 0.000000 */
	snprintf(out, size, v > 0 && v < 1e-6 ? "%.2e" : "%.6f", v);
}

/* A probability of the pairing (pairing.h): the value, or the bounds on
 * it where the group was too large to enumerate, or why there is none. */
static void pairing_text(const dna_kept *k, double v, bool bounds, char *out, size_t size)
{
	char lo[24], hi[24];
	probability(k->pairing_lo, lo, sizeof(lo));
	probability(k->pairing_hi, hi, sizeof(hi));
	if(!isnan(v))
		probability(v, out, size);
	else if(bounds && !isnan(k->pairing_lo))
		snprintf(out, size, strcmp(lo, hi) ? "%s to %s (bounds)" : "%s (bounds)", lo, hi);
	else
		snprintf(out, size, "%s", k->pairing_why == DNA_PAIRING_CAPPED ? "not computed: group too large"
		                          : k->pairing_why == DNA_PAIRING_JOINT ? "not computed: joint LRs unknown"
		                          : "-");
}

static void pair_row(FILE *f, const dna_data *d, const dna_kept *k)
{
	const dna_candidate *c = k->c;
	char lr[32], glr[32], pairing[64], none[64];
	lr_text(c->log10_lr, lr, sizeof(lr));
	lr_text(k->log10_glr, glr, sizeof(glr));
	pairing_text(k, k->pairing, true, pairing, sizeof(pairing));
	pairing_text(k, k->remains_none, false, none, sizeof(none));
	if(c->theta0)
		strncat(lr, " (theta 0)", sizeof(lr) - strlen(lr) - 1);
	if(c->identity) {
		fprintf(f, "| %s | %s | %s | %.6f | %d |\n", remains_of(d, c->remains), remains_of(d, c->other),
		        lr, k->posterior, c->loci);
		return;
	}
	const dna_family_info *fi = &d->finfo[c->other];
	fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %.6f | %d | %d |\n", remains_of(d, c->remains),
	        d->families[c->other].person, fi->relatives ? fi->relatives : "", lr, glr, pairing,
	        isnan(k->pairing) ? "-" : none, k->posterior, c->loci, c->inconsistent);
}

/* Kept pairs of one kind, proposed or not, best first, at most max. */
static size_t pick(const dna_data *d, const dna_kept *k, size_t n, bool identity, bool proposed,
                   const dna_kept **out)
{
	size_t m = 0;
	for(size_t i = 0; i < n; i++) {
		const dna_candidate *c = k[i].c;
		if(c->identity != identity || k[i].proposed != proposed)
			continue;
		if(!identity && (!strcmp(d->rinfo[c->remains].status, "confirmed") ||
		                 !strcmp(d->rinfo[c->remains].status, "returned")))
			continue;
		out[m++] = &k[i];
	}
	qsort(out, m, sizeof(*out), by_posterior);
	return m;
}

static const char kinship_head[] =
	"| case | person | relatives | LR | GLR | pairing | none | posterior | loci | inconsistent |\n"
	"|---|---|---|---|---|---|---|---|---|---|\n";

static void thresholds(FILE *f, const dna_params *p, const dna_screen_summary *s)
{
	char n[32], lr[32], keep[32];
	text_thousands((long)s->missing, n, sizeof(n));
	lr_text(log10(s->lr_proposal), lr, sizeof(lr));
	lr_text(log10(s->lr_candidate), keep, sizeof(keep));
	fprintf(f, "## Thresholds and the size of the search\n\n"
	        "A bare likelihood ratio is not enough: each remains is compared with the relatives of "
	        "every missing person, so among %s missing persons some unrelated pairs reach LRs that "
	        "would convince for one pair alone. Each pair is therefore judged by its posterior "
	        "probability with a prior of one over the number of missing persons (N = %s): posterior "
	        "odds = LR x 1/(N - 1).\n\n"
	        "- A pair is **proposed** when its posterior is at least %g: for a pair with no rival that "
	        "is an LR of at least %s. Where remains or missing persons compete, the posterior is that "
	        "of the pair against the best other explanation of the group (the joint assignment, as "
	        "dvir does it), and the generalised LR (GLR) is the best explanation with the pair over "
	        "the best without it.\n"
	        "- The **pairing** probability of a pair is the posterior probability that these remains "
	        "are this person, summed over every explanation of its group (every way to assign its "
	        "remains and missing persons to each other, none and partial ones included, each weighed "
	        "by the product of LR x 1/(N - 1) over its pairs), as dvir's Bmarginal does; **none** is "
	        "the probability that the remains are none of their candidates.\n"
	        "- A pair is kept as a **candidate** for review from a posterior of %g (LR %s).\n"
	        "- More than %d loci without a Mendelian explanation exclude a pair whatever its LR.\n"
	        "- Two remains are proposed as one person (fragments) at a posterior of %g with a prior "
	        "of one over the %ld remains.\n\n", n, n, p->threshold, lr, p->keep, keep,
	        p->max_inconsistent, p->threshold, s->remains);
}

static void pairing_notes(FILE *f, const dna_params *p, const dna_screen_summary *s)
{
	fprintf(f, "- Pairing probabilities: %zu groups enumerated exactly (%.0f explanations, %.2f s).\n",
	        s->pairing.groups, s->pairing.explanations, s->pairing.seconds);
	if(s->pairing.capped)
		fprintf(f, "- %zu groups have more explanations than the enumeration's cap of %ld steps: "
		        "their %zu candidates have no exact pairing probability. %zu of those groups (%zu "
		        "candidates) have exact bounds on it instead (\"bounds\": from the recursion over the "
		        "group's paths cut at a depth, deepened until they agree to 6 places or a depth takes "
		        "more than %d steps; never a value between them)%s.\n", s->pairing.capped,
		        p->cap > 0 ? p->cap : (long)DNA_PAIRING_CAP, s->pairing.capped_pairs,
		        s->pairing.bounded, s->pairing.bounded_pairs, DNA_PAIRING_BOUND_STEPS,
		        s->pairing.bounded < s->pairing.capped ? "; the others hold a family weighed jointly, "
		        "and have neither (\"not computed\")" : "");
	if(s->pairing.joint)
		fprintf(f, "- %zu groups hold pairs of a family weighed jointly whose joint LRs are not all "
		        "known: their %zu candidates have no pairing probability.\n", s->pairing.joint,
		        s->pairing.joint_pairs);
	if(s->pairing.theta0_pairs)
		fprintf(f, "- %zu pairing probabilities rest on an LR computed with theta 0 at some locus in "
		        "their group.\n", s->pairing.theta0_pairs);
}

void dna_report_write(FILE *f, store *st, const dna_params *p, const dna_screen_summary *s,
                      const dna_data *d, const dna_kept *k, size_t nk)
{
	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	fprintf(f, "# DNA screening, run %lld\n\n%s, by %s%s%s.\n\n", (long long)s->run, ts,
	        store_actor(st), s->batch ? ", batch " : "", s->batch ? s->batch : "");
	fprintf(f, "## What was compared\n\n"
	        "- %ld remains profiles against %ld families (%ld reference profiles) and against each "
	        "other, over %ld loci: %.3g remains-reference pairs and %.3g pairs of remains, in %.1f s.\n"
	        "- Model: theta %g (NRC II 4.10), %s mutation (%g from fathers, %g from mothers; stepwise: "
	        "range %g, rate2 %g and %g), drop-out %g for apparent homozygotes of degraded remains.\n",
	        s->remains, s->families, s->references, s->loci, (double)s->pairs,
	        (double)s->identity_pairs, s->seconds, p->theta, dna_mutation_names[p->mutation.model],
	        p->mutation.rate_pat, p->mutation.rate_mat, p->mutation.range, p->mutation.rate2_pat,
	        p->mutation.rate2_mat, p->dropout);
	buf own;
	buf_init(&own, 0);
	if(p->nmarkers && !dna_params_markers_text(p, &own))
		fprintf(f, "- Loci with a mutation model of their own: %s.\n", buf_str(&own));
	buf_free(&own);
	fputs("\n", f);
	thresholds(f, p, s);
	const dna_kept **list = calloc(nk + 1, sizeof(*list));
	if(!list)
		return;
	size_t n = pick(d, k, nk, false, true, list);
	fprintf(f, "## Proposals (%zu)\n\nFor review by an identification officer: `parley dna explain "
	        "CASE PERSON` shows the LR locus by locus, `parley dna confirm` and `reject` decide.\n\n", n);
	fprintf(f, "%s", kinship_head);
	for(size_t i = 0; i < n; i++)
		pair_row(f, d, list[i]);
	n = pick(d, k, nk, true, true, list);
	fprintf(f, "\n## The same person in two cases (%zu)\n\n| case | case | LR | posterior | loci |\n"
	        "|---|---|---|---|---|\n", n);
	for(size_t i = 0; i < n; i++)
		pair_row(f, d, list[i]);
	n = pick(d, k, nk, false, false, list);
	fprintf(f, "\n## Candidates below the threshold (%zu%s)\n\n%s", n, n > 100 ? "; the first 100" : "",
	        kinship_head);
	for(size_t i = 0; i < n && i < 100; i++)
		pair_row(f, d, list[i]);
	fprintf(f, "\n## Notes\n\n- %ld pairs reached the threshold with too many inconsistent loci and "
	        "were left out; %ld pairs decided before were not proposed again; the joint assignment "
	        "took %zu undisputed pairs and searched %zu groups (%zu too large, judged by bounds).\n",
	        s->excluded, s->decided, s->undisputed, s->groups, s->capped);
	pairing_notes(f, p, s);
	fprintf(f, "- %.0f of %ld families were scored by the likelihood engine directly; %.0f pairs "
	        "of the others passed the screening's filter and were recomputed exactly by the engine; "
	        "every LR here is the engine's.\n", (double)s->families_exact, s->families, (double)s->examined);
	if(s->theta0)
		fprintf(f, "- %ld pairs not computed exactly with theta: too many founders for theta at some "
		        "loci, computed with theta 0 there (marked \"theta 0\" in the LR column); kept as "
		        "candidates, never proposed.\n", s->theta0);
	fprintf(f, "- %ld pairs excluded for a sex conflict: the remains and the missing person (or two "
	        "remains) of different sexes, by the laboratory's sex or amelogenin and the registry; "
	        "%.3g pairs of different sexes in all were never proposed, these reached the candidates' "
	        "threshold.\n", s->sex_excluded, (double)s->sex_pairs);
	for(const char *x = buf_str(&s->notes); *x;) {
		size_t len = strcspn(x, "\n");
		fprintf(f, "- %.*s\n", (int)len, x);
		x += len + (x[len] == '\n');
	}
	free(list);
}
