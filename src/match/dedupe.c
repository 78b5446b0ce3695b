#include "match/dedupe.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/date.h"

/* Union-find over the records, with path halving. */
static uint32_t find_root(uint32_t *parent, uint32_t x)
{
	while(parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static int cluster_cmp(const void *x, const void *y)
{
	const dedupe_cluster *p = x, *q = y;
	if(p->best != q->best)
		return p->best > q->best ? -1 : 1;
	return p->first < q->first ? -1 : p->first > q->first;
}

/* Connected components of the pairs, members grouped by cluster. */
static pl_rc make_clusters(dedupe_result *r)
{
	size_t n = r->reg.side.n;
	uint32_t *parent = malloc((n ? n : 1) * sizeof(uint32_t));
	uint32_t *slot = malloc((n ? n : 1) * sizeof(uint32_t));
	float *best = calloc(n ? n : 1, sizeof(float)), *worst = malloc((n ? n : 1) * sizeof(float));
	pl_rc rc = parent && slot && best && worst ? PL_OK : PL_ENOMEM;
	for(size_t i = 0; !rc && i < n; i++) {
		parent[i] = (uint32_t)i;
		worst[i] = 2;
	}
	for(size_t k = 0; !rc && k < r->links.npairs; k++) {
		const match_pair *p = &r->links.pairs[k];
		uint32_t x = find_root(parent, p->a), y = find_root(parent, p->b);
		if(x != y)
			parent[y] = x;
	}
	/* Count the members of each root; clusters are roots with 2 or more. */
	uint32_t *count = rc ? NULL : calloc(n ? n : 1, sizeof(uint32_t));
	if(!rc && !count)
		rc = PL_ENOMEM;
	for(size_t i = 0; !rc && i < n; i++)
		count[find_root(parent, (uint32_t)i)]++;
	for(size_t k = 0; !rc && k < r->links.npairs; k++) {
		const match_pair *p = &r->links.pairs[k];
		uint32_t root = find_root(parent, p->a);
		if(p->prob > best[root])
			best[root] = p->prob;
		if(p->prob < worst[root])
			worst[root] = p->prob;
	}
	for(size_t i = 0; !rc && i < n; i++)
		if(count[i] >= 2) {
			r->nclusters++;
			r->in_clusters += count[i];
		}
	if(!rc) {
		r->clusters = calloc(r->nclusters ? r->nclusters : 1, sizeof(dedupe_cluster));
		r->members = malloc((r->in_clusters ? r->in_clusters : 1) * sizeof(uint32_t));
		if(!r->clusters || !r->members)
			rc = PL_ENOMEM;
	}
	/* Lay the clusters out in record order, then fill their members. */
	size_t c = 0, at = 0;
	for(size_t i = 0; !rc && i < n; i++) {
		if(count[i] < 2)
			continue;
		r->clusters[c] = (dedupe_cluster){(uint32_t)at, 0, best[i], worst[i]};
		slot[i] = (uint32_t)c++;
		at += count[i];
	}
	for(size_t i = 0; !rc && i < n; i++) {
		uint32_t root = find_root(parent, (uint32_t)i);
		if(count[root] < 2)
			continue;
		dedupe_cluster *cl = &r->clusters[slot[root]];
		r->members[cl->first + cl->n++] = (uint32_t)i;
	}
	if(!rc)
		qsort(r->clusters, r->nclusters, sizeof(dedupe_cluster), cluster_cmp);
	free(parent);
	free(slot);
	free(best);
	free(worst);
	free(count);
	return rc;
}

pl_rc dedupe_registry(store *st, names *nm, double review, int threads, dedupe_result *out,
                         pl_err *err)
{
	memset(out, 0, sizeof(*out));
	double t0 = date_monotonic();
	pl_rc rc = match_registry_read(st, nm, NULL, NULL, &out->reg, err);
	match_opts mo = MATCH_OPTS_DEFAULT;
	mo.dedupe = true;
	if(review > 0)
		mo.review = review;
	if(threads > 0)
		mo.threads = threads;
	if(!rc)
		rc = match_link(&match_person_spec, &out->reg.side, &out->reg.side, &mo, &out->links, err);
	if(!rc && make_clusters(out))
		rc = pl_nomem(err);
	if(!rc)
		rc = registry_log_access(st, "*", "dedupe", err);
	out->seconds = date_monotonic() - t0;
	if(rc)
		dedupe_free(out);
	return rc;
}

void dedupe_free(dedupe_result *r)
{
	match_list_free(&r->reg);
	match_result_free(&r->links);
	free(r->members);
	free(r->clusters);
	memset(r, 0, sizeof(*r));
}

pl_rc dedupe_write_csv(FILE *f, const dedupe_result *r, pl_err *err)
{
	buf b;
	buf_init(&b, 0);
	static const char *const head[] = {"cluster", "person", "size", "best", "worst"};
	pl_rc rc = csv_format_record(&b, head, 5);
	for(size_t c = 0; c < r->nclusters && !rc; c++) {
		const dedupe_cluster *cl = &r->clusters[c];
		char num[24], size[24], best[24], worst[24];
		snprintf(num, sizeof(num), "%zu", c + 1);
		snprintf(size, sizeof(size), "%u", cl->n);
		snprintf(best, sizeof(best), "%.4f", cl->best);
		snprintf(worst, sizeof(worst), "%.4f", cl->worst);
		for(uint32_t k = 0; k < cl->n && !rc; k++) {
			const char *v[5] = {num, r->reg.ids[r->members[cl->first + k]], size, best, worst};
			rc = csv_format_record(&b, v, 5);
		}
	}
	if(rc) {
		buf_free(&b);
		return pl_nomem(err);
	}
	if(b.len && fwrite(b.ptr, 1, b.len, f) != b.len)
		rc = pl_failc(err, PL_EIO, "match.cannot_write_report", NULL);
	buf_free(&b);
	return rc;
}

static json_t *pair_json(const dedupe_result *r, const match_pair *p)
{
	double w;
	json_t *fields = match_explain_json(&match_person_spec, &r->links, &r->reg.side, &r->reg.side, p, &w);
	return json_pack("{s:s, s:s, s:f, s:f, s:o}", "a", r->reg.ids[p->a], "b", r->reg.ids[p->b],
	                 "probability", round(p->prob * 10000) / 10000, "weight", round(w * 100) / 100,
	                 "fields", fields);
}

json_t *dedupe_json(const dedupe_result *r)
{
	/* The cluster of each record, to hand each pair to its cluster. */
	size_t n = r->reg.side.n;
	uint32_t *of = malloc((n ? n : 1) * sizeof(uint32_t));
	if(!of)
		return NULL;
	json_t *clusters = json_array();
	for(size_t c = 0; c < r->nclusters; c++) {
		const dedupe_cluster *cl = &r->clusters[c];
		json_t *members = json_array();
		for(uint32_t k = 0; k < cl->n; k++) {
			of[r->members[cl->first + k]] = (uint32_t)c;
			json_array_append_new(members, json_string(r->reg.ids[r->members[cl->first + k]]));
		}
		json_array_append_new(clusters, json_pack("{s:I, s:o, s:o}", "cluster", (json_int_t)c + 1,
		                                          "persons", members, "pairs", json_array()));
	}
	for(size_t k = 0; k < r->links.npairs; k++) {
		const match_pair *p = &r->links.pairs[k];
		json_t *cl = json_array_get(clusters, of[p->a]);
		json_array_append_new(json_object_get(cl, "pairs"), pair_json(r, p));
	}
	free(of);
	return json_pack("{s:{s:I, s:I, s:I, s:I, s:f}, s:o, s:o}", "summary", "registry_persons",
	                 (json_int_t)n, "clusters", (json_int_t)r->nclusters, "in_clusters",
	                 (json_int_t)r->in_clusters, "candidate_pairs", (json_int_t)r->links.candidates,
	                 "seconds", round(r->seconds * 1000) / 1000, "clusters", clusters, "warnings",
	                 match_warnings_json(&match_person_spec, &r->links, 0, 0));
}

pl_rc dedupe_write_json(FILE *f, const dedupe_result *r, pl_err *err)
{
	json_t *doc = dedupe_json(r);
	if(!doc)
		return pl_nomem(err);
	int x = json_dumpf(doc, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(doc);
	if(x || fputc('\n', f) == EOF)
		return pl_failc(err, PL_EIO, "match.cannot_write_report", NULL);
	return PL_OK;
}
