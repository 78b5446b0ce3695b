#include "core/jdiff.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/json.h"

enum {
	ALIGN_CELLS_MAX = 1 << 12,  /* array alignment table; beyond, position by position */
	LIKENESS_MAX = 1000000
};

typedef struct jd {
	const jdiff_ops *ops;
	buf was;        /* the place in the earlier version */
	buf now;        /* the same place in the present version */
	pl_rc rc;       /* sticky: the first failure ends the walk */
	pl_err *err;
} jd;

const char *jdiff_kind_name(jdiff_kind k)
{
	return k == JDIFF_ADDED ? "added" : k == JDIFF_REMOVED ? "removed" : "changed";
}

typedef struct mark {
	size_t was, now;
} mark;

static mark here(const jd *d)
{
	return (mark){d->was.len, d->now.len};
}

static void back(jd *d, mark m)
{
	buf_truncate(&d->was, m.was);
	buf_truncate(&d->now, m.now);
}

static void out_of_memory(jd *d)
{
	if(!d->rc)
		d->rc = pl_nomem(d->err);
}

/* Step into member key (on both paths), or element i of the earlier
 * version and j of the present one (SIZE_MAX: not on that side). */
static void step_key(jd *d, const char *key, size_t n)
{
	if(json_path_key(&d->was, key, n) || json_path_key(&d->now, key, n))
		out_of_memory(d);
}

static void step_index(jd *d, size_t i, size_t j)
{
	if((i != SIZE_MAX && json_path_index(&d->was, i)) || (j != SIZE_MAX && json_path_index(&d->now, j)))
		out_of_memory(d);
}

static void add_change(jd *d, jdiff_kind kind)
{
	if(!d->rc)
		d->rc = d->ops->change(d->ops->ctx, buf_str(&d->now), kind, d->err);
}

/* A present value in the earlier version's form, at the earlier place. */
static json_t *view(jd *d, const json_t *now)
{
	json_t *t = d->ops->view ? d->ops->view(d->ops->ctx, buf_str(&d->was), now)
	                         : json_incref((json_t *)now);
	if(!t)
		out_of_memory(d);
	return t;
}

static bool same(jd *d, const json_t *was, const json_t *now)
{
	json_t *t = view(d, now);
	bool eq = t && json_equal(was, t);
	json_decref(t);
	return eq;
}

static void diff(jd *d, const json_t *was, const json_t *now);

static void diff_objects(jd *d, const json_t *was, const json_t *now)
{
	const char *key;
	size_t n;
	json_t *v;
	json_object_keylen_foreach((json_t *)now, key, n, v) {
		const json_t *old = json_object_getn(was, key, n);
		mark m = here(d);
		step_key(d, key, n);
		if(!old)
			add_change(d, JDIFF_ADDED);
		else
			diff(d, old, v);
		back(d, m);
	}
	json_object_keylen_foreach((json_t *)was, key, n, v) {
		if(json_object_getn(now, key, n))
			continue;
		mark m = here(d);
		step_key(d, key, n);
		add_change(d, JDIFF_REMOVED);
		back(d, m);
	}
}

/* Element i as it was against element j as it is now. */
static void pair(jd *d, const json_t *was, size_t i, const json_t *now, size_t j)
{
	mark m = here(d);
	step_index(d, i, j);
	diff(d, json_array_get(was, i), json_array_get(now, j));
	back(d, m);
}

static void lone(jd *d, size_t i, jdiff_kind kind)
{
	mark m = here(d);
	step_index(d, SIZE_MAX, i);
	add_change(d, kind);
	back(d, m);
}

static bool same_element(jd *d, const json_t *was, size_t i, const json_t *now, size_t j)
{
	mark m = here(d);
	step_index(d, i, SIZE_MAX);
	bool eq = same(d, json_array_get(was, i), json_array_get(now, j));
	back(d, m);
	return eq;
}

/* How alike two trees are: leaves equal at the same place. */
static size_t likeness(const json_t *a, const json_t *b)
{
	size_t n = 0;
	if(json_is_object(a) && json_is_object(b)) {
		const char *key;
		size_t len;
		json_t *v;
		json_object_keylen_foreach((json_t *)a, key, len, v) {
			const json_t *w = json_object_getn(b, key, len);
			if(w)
				n += likeness(v, w);
		}
	} else if(json_is_array(a) && json_is_array(b)) {
		for(size_t i = 0; i < json_array_size(a) && i < json_array_size(b); i++)
			n += likeness(json_array_get(a, i), json_array_get(b, i));
	} else if(!json_is_object(a) && !json_is_array(a) && json_equal(a, b)) {
		n = 1;
	}
	return n;
}

static uint32_t likeness_of(jd *d, const json_t *was, size_t i, const json_t *now, size_t j)
{
	mark m = here(d);
	step_index(d, i, SIZE_MAX);
	json_t *t = view(d, json_array_get(now, j));
	size_t n = t ? likeness(json_array_get(was, i), t) : 0;
	json_decref(t);
	back(d, m);
	return (uint32_t)(n > LIKENESS_MAX ? LIKENESS_MAX : n);
}

typedef struct span {
	size_t was, now;   /* first element on each side */
	size_t nwas, nnow;
} span;

/* Unpaired runs: paired in order (what changed inside is named), the
 * rest removed or added. */
static void gap(jd *d, const json_t *was, const json_t *now, span g)
{
	size_t both = g.nwas < g.nnow ? g.nwas : g.nnow;
	for(size_t k = 0; k < both; k++)
		pair(d, was, g.was + k, now, g.now + k);
	for(size_t k = both; k < g.nwas; k++)
		lone(d, g.was + k, JDIFF_REMOVED);
	for(size_t k = both; k < g.nnow; k++)
		lone(d, g.now + k, JDIFF_ADDED);
}

/* The pairs (i, j) of the middle that keep the most leaves alike, in
 * order (a weighted longest common subsequence), back to front: *np of
 * them, in a table to free. */
static size_t *best_pairs(jd *d, const json_t *was, const json_t *now, span m, size_t *np)
{
	size_t w = m.nnow + 1, cells = (m.nwas + 1) * w;
	uint32_t *best = calloc(cells, sizeof(uint32_t));
	uint32_t *like = calloc(cells, sizeof(uint32_t));
	size_t *pi = malloc((m.nwas + 1) * 2 * sizeof(size_t));
	*np = 0;
	if(!best || !like || !pi) {
		free(pi);
		pi = NULL;
		out_of_memory(d);
	}
	for(size_t i = 1; pi && i <= m.nwas; i++)
		for(size_t j = 1; j <= m.nnow; j++) {
			uint32_t l = like[i * w + j] = likeness_of(d, was, m.was + i - 1, now, m.now + j - 1);
			uint32_t up = best[(i - 1) * w + j], left = best[i * w + j - 1];
			uint32_t diag = l ? best[(i - 1) * w + j - 1] + l : 0;
			best[i * w + j] = diag > up && diag > left ? diag : up > left ? up : left;
		}
	for(size_t i = m.nwas, j = m.nnow; pi && i && j;) {
		uint32_t v = best[i * w + j], l = like[i * w + j];
		if(l && v == best[(i - 1) * w + j - 1] + l && v > best[(i - 1) * w + j] &&
		   v > best[i * w + j - 1]) {
			pi[2 * *np] = i - 1;
			pi[2 * *np + 1] = j - 1;
			++*np;
			i--;
			j--;
		} else if(best[(i - 1) * w + j] >= best[i * w + j - 1]) {
			i--;
		} else {
			j--;
		}
	}
	free(best);
	free(like);
	return pi;
}

/* The middle of two arrays (after their common start and end), aligned;
 * too large to align: position by position. */
static void align(jd *d, const json_t *was, const json_t *now, span m)
{
	size_t np = 0;
	size_t *pi = m.nwas && m.nnow && (m.nwas + 1) * (m.nnow + 1) <= ALIGN_CELLS_MAX
	             ? best_pairs(d, was, now, m, &np) : NULL;
	if(!pi) {
		gap(d, was, now, m);
		return;
	}
	size_t i0 = 0, j0 = 0;
	for(size_t k = np; k-- > 0;) {
		size_t i = pi[2 * k], j = pi[2 * k + 1];
		gap(d, was, now, (span){m.was + i0, m.now + j0, i - i0, j - j0});
		pair(d, was, m.was + i, now, m.now + j);
		i0 = i + 1;
		j0 = j + 1;
	}
	free(pi);
	gap(d, was, now, (span){m.was + i0, m.now + j0, m.nwas - i0, m.nnow - j0});
}

static void diff_arrays(jd *d, const json_t *was, const json_t *now)
{
	size_t nw = json_array_size(was), nn = json_array_size(now), head = 0, tail = 0;
	while(head < nw && head < nn && same_element(d, was, head, now, head))
		head++;
	while(tail < nw - head && tail < nn - head && same_element(d, was, nw - 1 - tail, now, nn - 1 - tail))
		tail++;
	align(d, was, now, (span){head, head, nw - head - tail, nn - head - tail});
}

static void diff(jd *d, const json_t *was, const json_t *now)
{
	if(d->rc)
		return;
	if(json_is_object(was) && json_is_object(now))
		diff_objects(d, was, now);
	else if(json_is_array(was) && json_is_array(now))
		diff_arrays(d, was, now);
	else if(!same(d, was, now))
		add_change(d, JDIFF_CHANGED);
}

pl_rc jdiff(const json_t *was, const json_t *now, const jdiff_ops *ops, pl_err *err)
{
	jd d = {.ops = ops, .err = err};
	buf_init(&d.was, 0);
	buf_init(&d.now, 0);
	diff(&d, was, now);
	buf_free(&d.was);
	buf_free(&d.now);
	return d.rc;
}
