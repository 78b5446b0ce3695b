#include "febrl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const match_comparison cmps[] = {
	{"given_name", MATCH_NAME, FEBRL_GIVEN, -1, FEBRL_SURNAME, true, -1, -1},
	{"surname", MATCH_NAME, FEBRL_SURNAME, -1, FEBRL_GIVEN, true, -1, -1},
	{"street_number", MATCH_ID, FEBRL_STREET_NO, -1, -1, false, -1, -1},
	{"address_1", MATCH_TEXT, FEBRL_ADDRESS1, -1, -1, false, -1, -1},
	{"address_2", MATCH_TEXT, FEBRL_ADDRESS2, -1, -1, false, -1, -1},
	{"suburb", MATCH_TEXT, FEBRL_SUBURB, -1, -1, true, -1, -1},
	{"postcode", MATCH_ID, FEBRL_POSTCODE, -1, -1, false, -1, -1},
	{"state", MATCH_EXACT, FEBRL_STATE, -1, -1, false, -1, -1},
	{"date_of_birth", MATCH_DATE, FEBRL_DOB, -1, -1, false, -1, -1},
	{"soc_sec_id", MATCH_ID, FEBRL_SSID, -1, -1, false, -1, -1},
};

static const match_rule rules[] = {
	{"given_name", {FEBRL_GIVEN}, 1, 0, 0, {0}, 0, {0}, 0},
	{"surname", {FEBRL_SURNAME}, 1, 0, 0, {0}, 0, {0}, 0},
	{"date_of_birth", {FEBRL_DOB}, 1, 0, 0, {0}, 0, {0}, 0},
	{"soc_sec_id", {FEBRL_SSID}, 1, 0, 0, {0}, 0, {0}, 0},
	{"postcode + street_number", {FEBRL_POSTCODE, FEBRL_STREET_NO}, 2, 0, 0, {0}, 0, {0}, 0},
};

const match_spec febrl_spec = {cmps, (int)(sizeof(cmps) / sizeof(cmps[0])), rules,
                               (int)(sizeof(rules) / sizeof(rules[0]))};

/* FEBRL separates fields by ", " and quotes nothing. */
char *febrl_trim(char *s)
{
	while(*s == ' ')
		s++;
	size_t n = strlen(s);
	while(n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static pl_rc load_side(const char *path, match_side *s, int **ids, pl_err *err)
{
	FILE *f = fopen(path, "r");
	if(!f)
		return pl_fail(err, PL_ENOTFOUND, "cannot read %s: %s", path, strerror(errno));
	match_side_init(s, FEBRL_COLS);
	char line[1024];
	size_t cap = 8192, lineno = 0;
	*ids = malloc(cap * sizeof(int));
	pl_rc rc = *ids ? PL_OK : PL_ENOMEM;
	while(!rc && fgets(line, sizeof(line), f)) {
		if(++lineno == 1)
			continue; /* the header */
		char *field[11];
		int n = 0;
		for(char *p = line; n < 11; n++) {
			field[n] = p;
			char *comma = strchr(p, ',');
			if(!comma) {
				n++;
				break;
			}
			*comma = '\0';
			p = comma + 1;
		}
		if(n != 11) {
			rc = pl_fail(err, PL_EINPUT, "%s:%zu: expected 11 fields, got %d", path, lineno, n);
			break;
		}
		const char *v[FEBRL_COLS];
		for(int c = 0; c < FEBRL_COLS; c++)
			v[c] = febrl_trim(field[c + 1]);
		const char *id = strchr(febrl_trim(field[0]), '-');
		if(s->n == cap && !(*ids = realloc(*ids, (cap *= 2) * sizeof(int))))
			rc = PL_ENOMEM;
		if(!rc) {
			(*ids)[s->n] = id ? atoi(id + 1) : -1;
			rc = match_side_add(s, v);
		}
	}
	fclose(f);
	if(rc == PL_ENOMEM)
		pl_fail(err, rc, "out of memory reading %s", path);
	return rc;
}

pl_rc febrl_load(const char *dir, febrl_data *d, pl_err *err)
{
	memset(d, 0, sizeof(*d));
	char path[4096];
	snprintf(path, sizeof(path), "%s/dataset4a.csv", dir);
	pl_rc rc = load_side(path, &d->a, &d->ida, err);
	if(!rc) {
		snprintf(path, sizeof(path), "%s/dataset4b.csv", dir);
		rc = load_side(path, &d->b, &d->idb, err);
	}
	if(rc)
		febrl_free(d);
	return rc;
}

void febrl_free(febrl_data *d)
{
	match_side_free(&d->a);
	match_side_free(&d->b);
	free(d->ida);
	free(d->idb);
	memset(d, 0, sizeof(*d));
}

febrl_score febrl_evaluate(const febrl_data *d, const match_result *r)
{
	febrl_score s = {0};
	for(size_t k = 0; k < r->npairs; k++) {
		const match_pair *p = &r->pairs[k];
		if(p->status != MATCH_LINK)
			continue;
		if(d->ida[p->a] == d->idb[p->b])
			s.tp++;
		else
			s.fp++;
	}
	/* Every record of b has its original in a. */
	s.fn = d->b.n - s.tp;
	s.precision = s.tp + s.fp ? (double)s.tp / (double)(s.tp + s.fp) : 0;
	s.recall = s.tp + s.fn ? (double)s.tp / (double)(s.tp + s.fn) : 0;
	s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
	return s;
}
