/* Who the inquiries are about, by the matching engine, before anything is
 * written (the engine reads the whole registry in a snapshot of its own,
 * so it runs outside the writing transaction, as a manifest's entries are
 * resolved in accord/manifest.c).
 *
 * First every described person against the registry (reconcile_records:
 * the person spec, as reconcile does a list): at or above the threshold a
 * link, in the review band a likely person for someone to confirm. Then
 * those nobody in the registry matched against each other (a backlog
 * holding the same son twice, once in Ukrainian and once in Russian):
 * linked rows share one new person, the first one's. */
#include <string.h>

#include "family/internal.h"
#include "match/reconcile.h"

static void described(const inquiry_input *in, person *p)
{
	memset(p, 0, sizeof(*p));
	p->f[PF_SURNAME] = in->f[IF_SURNAME];
	p->f[PF_GIVEN_NAMES] = in->f[IF_GIVEN_NAMES];
	p->f[PF_PATRONYMIC] = in->f[IF_PATRONYMIC];
	p->f[PF_BIRTH_DATE] = in->f[IF_BIRTH_DATE];
	p->f[PF_SEX] = in->f[IF_SEX];
	p->f[PF_PARTY] = in->f[IF_PARTY];
	p->f[PF_UNIT] = in->f[IF_UNIT];
}

void fam_described(const inquiry_input *in, person *p)
{
	described(in, p);
}

/* Against the registry. */
static pl_rc against_registry(store *st, struct names *nm, inquiry_input *const *in, size_t n, const char *name,
                              const reconcile_opts *o, fam_link *out, reconcile_result *res, bool *ran,
                              pl_err *err)
{
	long persons = 0, in_custody;
	*ran = false;
	pl_rc rc = registry_custody_count(st, &in_custody, &persons, err);
	if(rc || !persons)
		return rc; /* an empty registry: nobody to find */
	reconcile_record *rec = calloc(n, sizeof(*rec));
	if(!rec)
		return pl_nomem(err);
	for(size_t j = 0; j < n; j++) {
		rec[j].key = "";
		described(in[j], &rec[j].who);
	}
	rc = reconcile_records(st, nm, rec, n, name, o, res, err);
	free(rec);
	if(rc)
		return rc;
	*ran = true;
	for(size_t j = 0; j < n; j++) {
		const reconcile_row *row = &res->rows[j];
		if(!row->pair || row->prob < o->review)
			continue;
		/* Two rows about one person is no duplicate here: two inquiries. */
		bool link = (row->outcome == RECONCILE_MATCHED || row->outcome == RECONCILE_DUPLICATE) &&
		            row->prob >= o->threshold;
		out[j].kind = link ? FAM_LINK_PERSON : FAM_LIKELY_PERSON;
		snprintf(out[j].person, UID_SIZE, "%s", res->reg.ids[row->person]);
		out[j].prob = row->prob;
	}
	return PL_OK;
}

static size_t root(size_t *up, size_t i)
{
	while(up[i] != i)
		i = up[i] = up[up[i]];
	return i;
}

/* The probability that rows i and j of the list reconciled are one person,
 * by the model the registry taught (its prior too: as if row i's person
 * were in the registry already, as it will be once written). */
static double pair_prob(const reconcile_result *res, size_t i, size_t j)
{
	match_pair p = {.a = (uint32_t)i, .b = (uint32_t)j};
	double part[MATCH_CMPS_MAX];
	match_compare(&match_person_spec, &res->list.side, i, &res->list.side, j, p.level);
	return match_probability(match_explain(&match_person_spec, &res->links, &res->list.side, &res->list.side, &p,
	                                       part));
}

/* Those still new, against each other, with the registry's model: each
 * row against the earlier ones, the best at or above the threshold taken. */
static void among_with_model(const reconcile_result *res, size_t n, const reconcile_opts *o, fam_link *out)
{
	for(size_t j = 1; j < n; j++) {
		if(out[j].kind != FAM_NEW)
			continue;
		double best = 0;
		size_t with = 0;
		for(size_t i = 0; i < j; i++) {
			if(out[i].kind != FAM_NEW)
				continue;
			double prob = pair_prob(res, i, j);
			if(prob > best) {
				best = prob;
				with = i;
			}
		}
		if(best < o->review)
			continue;
		out[j].kind = best >= o->threshold ? FAM_SAME_AS_ROW : FAM_LIKELY_ROW;
		out[j].row = with;
		out[j].prob = best;
	}
	/* A row the same as one that is itself the same as an earlier: the earliest. */
	for(size_t j = 0; j < n; j++)
		while(out[j].kind == FAM_SAME_AS_ROW && out[out[j].row].kind == FAM_SAME_AS_ROW)
			out[j].row = out[out[j].row].row;
}

/* Those still new, against each other, when there is no registry to learn
 * from: the engine on the rows alone. */
static pl_rc among_themselves(struct names *nm, inquiry_input *const *in, size_t n, const char *name,
                              const reconcile_opts *o, fam_link *out, pl_err *err)
{
	size_t *idx = calloc(n, sizeof(*idx)), *up = calloc(n, sizeof(*up)), m = 0;
	match_list l;
	match_list_init(&l);
	arena scratch;
	arena_init(&scratch, 0);
	pl_rc rc = idx && up ? PL_OK : pl_nomem(err);
	for(size_t j = 0; !rc && j < n; j++) {
		if(out[j].kind != FAM_NEW)
			continue;
		person p;
		described(in[j], &p);
		arena_reset(&scratch);
		rc = match_list_add_person(&l, nm, &p, "", (long)j + 1, name, &scratch, err);
		up[m] = m;
		idx[m++] = j;
	}
	match_result r;
	match_opts mo = MATCH_OPTS_DEFAULT;
	mo.dedupe = true;
	mo.threads = 1;
	mo.threshold = o->threshold;
	mo.review = o->review;
	mo.one_to_one = false;
	if(!rc && m >= 2 && !(rc = match_link(&match_person_spec, &l.side, &l.side, &mo, &r, err))) {
		for(size_t k = 0; k < r.npairs; k++) {
			const match_pair *p = &r.pairs[k];
			size_t a = p->a < p->b ? p->a : p->b, b = p->a < p->b ? p->b : p->a;
			if(p->prob >= o->threshold) {
				size_t ra = root(up, a), rb = root(up, b);
				up[ra > rb ? ra : rb] = ra < rb ? ra : rb; /* the first row's person */
				if(out[idx[b]].prob < p->prob)
					out[idx[b]].prob = p->prob;
			} else if(p->prob >= o->review && out[idx[b]].kind == FAM_NEW) {
				out[idx[b]].kind = FAM_LIKELY_ROW;
				out[idx[b]].row = idx[a];
				out[idx[b]].prob = p->prob;
			}
		}
		match_result_free(&r);
		for(size_t i = 0; i < m; i++) {
			size_t first = root(up, i);
			if(first != i) {
				out[idx[i]].kind = FAM_SAME_AS_ROW;
				out[idx[i]].row = idx[first];
			}
		}
	}
	arena_free(&scratch);
	match_list_free(&l);
	free(idx);
	free(up);
	return rc;
}

pl_rc fam_link_rows(store *st, inquiry_input *const *in, size_t n, const char *name, double threshold,
                    double review, fam_link *out, pl_err *err)
{
	memset(out, 0, n * sizeof(*out));
	if(!n)
		return PL_OK;
	reconcile_opts o = {.threads = 1, .threshold = threshold > 0 ? threshold : 0.9,
	                    .review = review > 0 ? review : 0.3};
	struct names *nm;
	reconcile_result res;
	bool ran = false;
	pl_rc rc = registry_names(st, &nm, err);
	rc = rc ? rc : against_registry(st, nm, in, n, name, &o, out, &res, &ran, err);
	if(!rc && ran)
		among_with_model(&res, n, &o, out);
	else if(!rc)
		rc = among_themselves(nm, in, n, name, &o, out, err);
	if(ran)
		reconcile_free(&res);
	return rc;
}
