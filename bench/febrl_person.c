/* FEBRL 4 as person records (febrl_person.h). */
#include "febrl_person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "febrl.h"

enum { COLS = 11 };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One FEBRL row as a person; strings in a. */
static void to_person(char **f, arena *a, person *p)
{
	memset(p, 0, sizeof(*p));
	p->f[PF_GIVEN_NAMES] = *f[1] ? f[1] : NULL;
	p->f[PF_SURNAME] = *f[2] ? f[2] : NULL;
	char lines[600];
	snprintf(lines, sizeof(lines), "%s %s\n%s\n%s", f[3], f[4], f[5], f[7]);
	p->f[PF_HOME_ADDRESS] = arena_strdup(a, lines);
	p->f[PF_HOME_LOCALITY] = *f[6] ? f[6] : NULL;
	p->f[PF_HOME_REGION] = *f[8] ? f[8] : NULL;
	const char *d = f[9];
	pdate pd;
	const char *why;
	if(strlen(d) == 8) {
		char iso[16];
		snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", d, d + 4, d + 6);
		if(date_parse(iso, &pd, &why))
			p->f[PF_BIRTH_DATE] = arena_strdup(a, iso);
	}
	p->f[PF_SERVICE_NUMBER] = *f[10] ? f[10] : NULL;
}

/* The rows of path into l, their N of rec-N-... in ids (appended). */
static int load(names *nm, const char *path, match_list *l, int **ids, size_t *n, size_t *cap)
{
	FILE *f = fopen(path, "r");
	if(!f) {
		fprintf(stderr, "bench_febrl_person: cannot read %s\n", path);
		return 1;
	}
	char line[1024];
	arena a;
	arena_init(&a, 4096);
	long lineno = 0;
	int rc = 0;
	while(!rc && fgets(line, sizeof(line), f)) {
		if(++lineno == 1)
			continue;
		char *field[COLS];
		int k = 0;
		for(char *p = line; k < COLS; k++) {
			field[k] = p;
			char *comma = strchr(p, ',');
			if(!comma) {
				k++;
				break;
			}
			*comma = '\0';
			p = comma + 1;
		}
		if(k != COLS) {
			fprintf(stderr, "bench_febrl_person: %s:%ld: expected %d fields\n", path, lineno, COLS);
			rc = 1;
			break;
		}
		for(int c = 0; c < COLS; c++)
			field[c] = febrl_trim(field[c]);
		arena_reset(&a);
		person p;
		to_person(field, &a, &p);
		if(*n == *cap && !(*ids = realloc(*ids, (*cap = *cap ? *cap * 2 : 8192) * sizeof(int)))) {
			rc = 1;
			break;
		}
		const char *dash = strchr(field[0], '-');
		(*ids)[(*n)++] = dash ? atoi(dash + 1) : -1;
		/* Not match_list_add_person, which refuses a row with no name as a
		 * list must: FEBRL has a few, and they count against recall here. */
		const char *row[MP_COLS];
		if(match_person_row(nm, &p, &a, row) || match_list_add(l, row, field[0], lineno)) {
			fprintf(stderr, "bench_febrl_person: out of memory\n");
			rc = 1;
		}
	}
	arena_free(&a);
	fclose(f);
	return rc;
}

int febrl_persons_load(names *nm, const char *dir, febrl_persons *d)
{
	memset(d, 0, sizeof(*d));
	match_list_init(&d->a);
	match_list_init(&d->b);
	match_list_init(&d->all);
	size_t ca = 0, cb = 0, call = 0;
	char pa[4096], pb[4096];
	snprintf(pa, sizeof(pa), "%s/dataset4a.csv", dir);
	snprintf(pb, sizeof(pb), "%s/dataset4b.csv", dir);
	return load(nm, pa, &d->a, &d->ida, &d->na, &ca) || load(nm, pb, &d->b, &d->idb, &d->nb, &cb) ||
	       load(nm, pa, &d->all, &d->idall, &d->nall, &call) || load(nm, pb, &d->all, &d->idall, &d->nall, &call);
}

void febrl_persons_free(febrl_persons *d)
{
	match_list_free(&d->a);
	match_list_free(&d->b);
	match_list_free(&d->all);
	free(d->ida);
	free(d->idb);
	free(d->idall);
	memset(d, 0, sizeof(*d));
}

match_spec febrl_persons_no_address(match_comparison cmps[MATCH_CMPS_MAX], match_rule rules[MATCH_RULES_MAX])
{
	int nc = 0, nr = 0;
	for(int c = 0; c < match_person_spec.ncmps; c++)
		if(match_person_spec.cmps[c].col < MP_ADDRESS)
			cmps[nc++] = match_person_spec.cmps[c];
	for(int k = 0; k < match_person_spec.nrules; k++) {
		bool address = false;
		for(int c = 0; c < match_person_spec.rules[k].ncols; c++)
			address |= match_person_spec.rules[k].cols[c] >= MP_ADDRESS;
		if(!address)
			rules[nr++] = match_person_spec.rules[k];
	}
	return (match_spec){cmps, nc, rules, nr};
}

static febrl_persons_score run(const match_spec *spec, const match_side *a, const match_side *b,
                               const int *ida, const int *idb, bool dedupe, size_t truth)
{
	febrl_persons_score s = {0};
	match_opts o = MATCH_OPTS_DEFAULT;
	o.dedupe = dedupe;
	/* Deduplication finds pairs, not one record for each: a record has
	 * one duplicate here, but the linker must not know it. */
	o.one_to_one = !dedupe;
	match_result r;
	pl_err err = {0};
	double t0 = now();
	if(match_link(spec, a, b, &o, &r, &err)) {
		fprintf(stderr, "bench_febrl_person: %s\n", err.msg);
		exit(1);
	}
	s.seconds = now() - t0;
	for(size_t k = 0; k < r.npairs; k++) {
		const match_pair *p = &r.pairs[k];
		if(p->status != MATCH_LINK)
			continue;
		if(ida[p->a] == idb[p->b])
			s.tp++;
		else
			s.fp++;
	}
	s.candidates = r.candidates;
	s.fn = truth - s.tp;
	s.precision = s.tp + s.fp ? (double)s.tp / (double)(s.tp + s.fp) : 0;
	s.recall = truth ? (double)s.tp / (double)truth : 0;
	s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
	match_result_free(&r);
	return s;
}

febrl_persons_score febrl_persons_run(const febrl_persons *d, const match_spec *spec, bool dedupe)
{
	return dedupe ? run(spec, &d->all.side, &d->all.side, d->idall, d->idall, true, d->nb)
	              : run(spec, &d->a.side, &d->b.side, d->ida, d->idb, false, d->nb);
}
