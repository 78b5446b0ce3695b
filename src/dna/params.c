/* The settings of a screening (dna.h): the numbers by name with their
 * ranges, the mutation model, each locus's own model from the text a
 * user gives ("TH01=equal:0.003"), and the settings as JSON, kept with a
 * run and read back for the explanations and advice that redo its
 * numbers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/parallel.h"
#include "dna/internal.h"

json_t *dna_mutation_json(const dna_mutation *m)
{
	return json_pack("{s:s, s:f, s:f, s:f, s:f, s:f}", "model", dna_mutation_names[m->model],
	                 "paternal", m->rate_pat, "maternal", m->rate_mat, "paternal_rate2",
	                 m->rate2_pat, "maternal_rate2", m->rate2_mat, "range", m->range);
}

json_t *dna_params_json(const dna_params *p)
{
	json_t *j = json_pack("{s:f, s:f, s:o, s:i, s:f, s:f, s:f}", "theta", p->theta, "dropout",
	                      p->dropout, "mutation", dna_mutation_json(&p->mutation),
	                      "max_inconsistent", p->max_inconsistent, "threshold", p->threshold,
	                      "keep", p->keep, "missing", p->missing);
	json_t *markers = json_array();
	for(int i = 0; j && markers && i < p->nmarkers; i++) {
		json_t *m = dna_mutation_json(&p->marker[i].mutation);
		json_object_set_new(m, "locus", json_string(p->marker[i].locus));
		json_array_append_new(markers, m);
	}
	json_object_set_new(json_object_get(j, "mutation"), "markers", markers);
	return j;
}

const dna_param_def dna_param_defs[] = {
	{"threshold", 0.5, 0.999999999, false, false}, {"keep", 1e-9, 0.999999, false, false},
	{"missing", 1, 1e9, false, false}, {"theta", 0, 0.25, false, false},
	{"dropout", 0, 0.9, false, false}, {"paternal", 0, 0.1, false, false},
	{"maternal", 0, 0.1, false, false}, {"paternal_rate2", 0, 0.1, false, false},
	{"maternal_rate2", 0, 0.1, false, false}, {"range", 0, 1, false, true},
	{"max_inconsistent", 0, 29, true, false}, {"threads", 1, PL_PARALLEL_MAX, true, false},
	{NULL, 0, 0, false, false},
};

/* Where the setting defs[i] is kept. */
static double *param_slot(dna_params *p, size_t i)
{
	double *const slot[] = {&p->threshold,         &p->keep,
	                        &p->missing,           &p->theta,
	                        &p->dropout,           &p->mutation.rate_pat,
	                        &p->mutation.rate_mat, &p->mutation.rate2_pat,
	                        &p->mutation.rate2_mat, &p->mutation.range};
	return i < sizeof(slot) / sizeof(slot[0]) ? slot[i] : NULL;
}

bool dna_param_in_range(const dna_param_def *d, double v)
{
	return (d->above ? v > d->lo : v >= d->lo) && v <= d->hi && (!d->whole || v == floor(v));
}

/* what: a setting's name, or the code of a part of a locus's model. */
pl_rc dna_param_refused(const dna_param_def *d, const char *what, double v, pl_err *err)
{
	const char *code = d->above ? "dna.param_above" : d->whole ? "dna.param_range_whole" : "dna.param_range";
	return pl_failc(err, PL_EINPUT, code, "setting", what, "lo", DNA_G(d->lo), "hi", DNA_G(d->hi),
	                "value", DNA_G(v), NULL);
}

const dna_param_def *dna_param_def_of(const char *name)
{
	const dna_param_def *d = dna_param_defs;
	while(d->name && strcmp(d->name, name))
		d++;
	return d->name ? d : NULL;
}

pl_rc dna_params_set(dna_params *p, const char *name, double v, pl_err *err)
{
	size_t i = 0;
	while(dna_param_defs[i].name && strcmp(dna_param_defs[i].name, name))
		i++;
	const dna_param_def *d = &dna_param_defs[i];
	char cut[64];
	snprintf(cut, sizeof(cut), "%.60s", name);
	if(!d->name)
		return pl_failc(err, PL_EUSAGE, "dna.no_setting", "setting", cut, NULL);
	if(!dna_param_in_range(d, v))
		return dna_param_refused(d, name, v, err);
	double *slot = param_slot(p, i);
	if(slot)
		*slot = v;
	else if(!strcmp(name, "max_inconsistent"))
		p->max_inconsistent = (int)v;
	else
		p->threads = (int)v;
	return PL_OK;
}

pl_rc dna_params_set_mutation(dna_params *p, const char *model, pl_err *err)
{
	int m = dna_mutation_lookup(model);
	char cut[64];
	snprintf(cut, sizeof(cut), "%.60s", model);
	if(m < 0)
		return pl_failc(err, PL_EINPUT, "dna.mutation_expected", "choices", dna_mutation_choices,
		                "value", cut, NULL);
	p->mutation.model = (dna_mutation_model)m;
	return PL_OK;
}

pl_rc dna_params_check(const dna_params *p, pl_err *err)
{
	if(p->keep >= p->threshold)
		return pl_failc(err, PL_EINPUT, "dna.keep_below", "keep", DNA_G(p->keep), "threshold",
		                DNA_G(p->threshold), NULL);
	return PL_OK;
}

bool dna_params_mutation(const dna_params *p)
{
	bool any = p->mutation.model != DNA_MUT_NONE;
	for(int i = 0; i < p->nmarkers; i++)
		any |= p->marker[i].mutation.model != DNA_MUT_NONE;
	return any;
}

/* ---- a locus's own model: LOCUS=MODEL[:RATE[:RATE2[:RANGE]]] ---------------------- */

enum { MK_TEXT_MAX = 200, MK_NUMBER_MAX = 32 };

static const char mk_form[] = "LOCUS=MODEL[:RATE[:RATE2[:RANGE]]], as TH01=equal:0.002 or "
                              "SE33=stepwise:0.004/0.001:0.0002:0.2";

/* A number as written: digits, a point, an exponent; nothing else (no
 * "inf", no hexadecimal, no spaces), finite. */
static bool mk_number(const char *s, size_t n, double *out)
{
	char t[MK_NUMBER_MAX];
	if(n == 0 || n >= sizeof(t))
		return false;
	for(size_t i = 0; i < n; i++)
		if(!strchr("0123456789.eE+-", s[i]) || !s[i])
			return false;
	memcpy(t, s, n);
	t[n] = '\0';
	char *end;
	double v = strtod(t, &end);
	if(*end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* One value of a part, checked against the setting `def` says. */
static pl_rc mk_value(const char *s, size_t n, const char *part, const char *def, double *out,
                      pl_err *err)
{
	const dna_param_def *d = dna_param_def_of(def);
	if(!mk_number(s, n, out))
		{
		char got[48];
		snprintf(got, sizeof(got), "%.*s", (int)(n < 40 ? n : 40), s);
		return pl_failc(err, PL_EINPUT, "dna.part_not_number", "part", part, "value", got, NULL);
	}
	return dna_param_in_range(d, *out) ? PL_OK : dna_param_refused(d, part, *out, err);
}

/* RATE or RATE2: one number for both sexes, or FATHERS/MOTHERS; part:
 * the codes of the part for both, from fathers and from mothers. */
static pl_rc mk_rates(const char *s, size_t n, const char *const part[3], const char *def,
                      double *pat, double *mat, pl_err *err)
{
	const char *slash = memchr(s, '/', n);
	if(!slash) {
		pl_rc rc = mk_value(s, n, part[0], def, pat, err);
		*mat = *pat;
		return rc;
	}
	pl_rc rc = mk_value(s, (size_t)(slash - s), part[1], def, pat, err);
	return rc ? rc : mk_value(slash + 1, n - (size_t)(slash - s) - 1, part[2], def, mat, err);
}

/* The text for messages: at most 60 characters, printable ASCII. */
static void mk_shown(const char *text, char *out, size_t size)
{
	size_t k = 0;
	for(const char *s = text; *s && k + 1 < size && k < 60; s++)
		out[k++] = *s >= 0x20 && *s < 0x7f ? *s : '?';
	out[k] = '\0';
}

/* The model and its rates from the parts after LOCUS= (at most four,
 * split at ':'), on top of base. */
static pl_rc mk_model(const char *s, const dna_mutation *base, dna_mutation *m, pl_err *err)
{
	static const char *const rate_parts[3] = {"dna.part_rate", "dna.part_rate_fathers",
	                                          "dna.part_rate_mothers"};
	static const char *const rate2_parts[3] = {"dna.part_rate2", "dna.part_rate2_fathers",
	                                           "dna.part_rate2_mothers"};
	const char *part[4] = {NULL};
	size_t len[4] = {0}, k = 0;
	for(const char *c = s;; c++) {
		if(k == 4)
			return pl_failc(err, PL_EINPUT, "dna.marker_parts", "form", mk_form, NULL);
		const char *colon = strchr(c, ':');
		part[k] = c;
		len[k++] = colon ? (size_t)(colon - c) : strlen(c);
		if(!colon)
			break;
		c = colon;
	}
	char name[32];
	snprintf(name, sizeof(name), "%.*s", (int)(len[0] < 31 ? len[0] : 31), part[0]);
	int model = len[0] < sizeof(name) ? dna_mutation_lookup(name) : -1;
	if(model < 0)
		return pl_failc(err, PL_EINPUT, "dna.model_expected", "choices", dna_mutation_choices,
		                "value", name, NULL);
	*m = *base;
	m->model = (dna_mutation_model)model;
	if(model == DNA_MUT_NONE) {
		for(size_t i = 1; i < k; i++)
			if(len[i])
				return pl_failc(err, PL_EINPUT, "dna.none_no_rates", NULL);
		*m = (dna_mutation){DNA_MUT_NONE, 0, 0, 0, 0, 0};
		return PL_OK;
	}
	if(model != DNA_MUT_STEPWISE) {
		if((k > 2 && len[2]) || (k > 3 && len[3]))
			return pl_failc(err, PL_EINPUT, "dna.rate2_stepwise", "model", name, NULL);
		m->rate2_pat = m->rate2_mat = 0;
	}
	pl_rc rc = PL_OK;
	if(k > 1 && len[1])
		rc = mk_rates(part[1], len[1], rate_parts, "paternal", &m->rate_pat, &m->rate_mat, err);
	if(!rc && k > 2 && len[2])
		rc = mk_rates(part[2], len[2], rate2_parts, "paternal_rate2", &m->rate2_pat, &m->rate2_mat, err);
	if(!rc && k > 3 && len[3])
		rc = mk_value(part[3], len[3], "dna.part_range", "range", &m->range, err);
	return rc;
}

pl_rc dna_params_add_marker(dna_params *p, const char *text, pl_err *err)
{
	char shown[64];
	mk_shown(text, shown, sizeof(shown));
	size_t n = strlen(text);
	const char *eq = strchr(text, '=');
	if(n > MK_TEXT_MAX)
		return pl_failc(err, PL_EINPUT, "dna.marker_long", "text", shown, "max", PL_N(MK_TEXT_MAX), NULL);
	for(size_t i = 0; i < n; i++)
		if(text[i] < 0x20 || text[i] >= 0x7f)
			return pl_failc(err, PL_EINPUT, "dna.marker_ascii", "text", shown, "form", mk_form, NULL);
	if(!eq)
		return pl_failc(err, PL_EINPUT, "dna.marker_form", "text", shown, "form", mk_form, NULL);
	dna_marker_mutation mk;
	size_t ln = (size_t)(eq - text);
	char key[DNA_MARKER_NAME_MAX];
	if(ln >= sizeof(mk.locus))
		return pl_failc(err, PL_EINPUT, "dna.marker_locus_long", "text", shown, "max",
		                PL_N(DNA_MARKER_NAME_MAX - 1), NULL);
	memcpy(mk.locus, text, ln);
	mk.locus[ln] = '\0';
	dna_locus_key(mk.locus, key, sizeof(key));
	if(!key[0])
		return pl_failc(err, PL_EINPUT, "dna.marker_locus_name", "text", shown, NULL);
	pl_rc rc = mk_model(eq + 1, &p->mutation, &mk.mutation, err);
	if(rc) {
		pl_err_prefix(err, "marker_mutation: '%s': ", shown);
		return rc;
	}
	for(int i = 0; i < p->nmarkers; i++) {
		char other[DNA_MARKER_NAME_MAX];
		dna_locus_key(p->marker[i].locus, other, sizeof(other));
		if(!strcmp(key, other))
			return pl_failc(err, PL_EINPUT, "dna.marker_twice", "locus", key, "first",
			                p->marker[i].locus, "second", mk.locus, NULL);
	}
	if(p->nmarkers == DNA_MARKERS_MAX)
		return pl_failc(err, PL_EINPUT, "dna.marker_max", "max", PL_N(DNA_MARKERS_MAX), NULL);
	p->marker[p->nmarkers++] = mk;
	return PL_OK;
}

pl_rc dna_params_check_markers(store *st, const dna_params *p, pl_err *err)
{
	if(!p->nmarkers)
		return PL_OK;
	dna_freqs f;
	dna_freqs_init(&f);
	pl_rc rc = dna_frequencies_load(st, &f, err);
	for(int i = 0; !rc && i < p->nmarkers; i++)
		if(!dna_freqs_locus(&f, p->marker[i].locus))
			rc = pl_failc(err, PL_EINPUT, "dna.marker_no_locus_n", "locus", p->marker[i].locus, "n",
			              PL_N(f.n), NULL);
	dna_freqs_free(&f);
	return rc;
}

pl_rc dna_params_apply_markers(const dna_params *p, dna_kit *k, pl_err *err)
{
	for(int i = 0; i < p->nmarkers; i++) {
		int l = dna_kit_locus(k, p->marker[i].locus);
		if(l < 0)
			return pl_failc(err, PL_EINPUT, "dna.marker_no_locus", "locus", p->marker[i].locus, NULL);
		pl_rc rc = dna_kit_set_mutation(k, l, &p->marker[i].mutation, err);
		if(rc)
			return rc;
	}
	return PL_OK;
}

pl_rc dna_params_markers_text(const dna_params *p, buf *out)
{
	pl_rc rc = PL_OK;
	for(int i = 0; !rc && i < p->nmarkers; i++) {
		const dna_mutation *m = &p->marker[i].mutation;
		rc = buf_printf(out, "%s%s %s", i ? "; " : "", p->marker[i].locus,
		                dna_mutation_names[m->model]);
		if(!rc && m->model != DNA_MUT_NONE)
			rc = buf_printf(out, " %g/%g", m->rate_pat, m->rate_mat);
		if(!rc && m->model == DNA_MUT_STEPWISE)
			rc = buf_printf(out, ", rate2 %g/%g, range %g", m->rate2_pat, m->rate2_mat, m->range);
	}
	return rc ? PL_ENOMEM : PL_OK;
}

/* ---- read back from a run --------------------------------------------------------- */

/* A model of the JSON of dna_mutation_json; fields absent keep m's (a run
 * kept before rate2 was a setting used the default). false if the model
 * is not one of ours. */
static bool mutation_from_json(json_t *j, dna_mutation *m)
{
	const char *model = NULL;
	if(json_unpack(j, "{s?s, s?F, s?F, s?F, s?F, s?F}", "model", &model, "paternal", &m->rate_pat,
	               "maternal", &m->rate_mat, "paternal_rate2", &m->rate2_pat, "maternal_rate2",
	               &m->rate2_mat, "range", &m->range))
		return false;
	int x = model ? dna_mutation_lookup(model) : (int)m->model;
	m->model = (dna_mutation_model)(x < 0 ? 0 : x);
	return x >= 0;
}

pl_rc dna_params_from_json(json_t *j, dna_params *p, pl_err *err)
{
	json_t *mut = json_object_get(j, "mutation"), *markers = json_object_get(mut, "markers");
	json_unpack(j, "{s?F, s?F, s?i, s?F, s?F, s?F}", "theta", &p->theta, "dropout", &p->dropout,
	            "max_inconsistent", &p->max_inconsistent, "threshold", &p->threshold, "keep",
	            &p->keep, "missing", &p->missing);
	if(mut && !mutation_from_json(mut, &p->mutation))
		return pl_failc(err, PL_EINTEGRITY, "dna.settings_model", NULL);
	size_t i;
	json_t *m;
	p->nmarkers = 0;
	json_array_foreach(markers, i, m) {
		dna_marker_mutation *x = &p->marker[p->nmarkers];
		const char *locus = json_string_value(json_object_get(m, "locus"));
		x->mutation = p->mutation;
		if(i >= DNA_MARKERS_MAX || !locus || strlen(locus) >= sizeof(x->locus) ||
		   !mutation_from_json(m, &x->mutation))
			return pl_failc(err, PL_EINTEGRITY, "dna.settings_locus", "n", PL_N(i + 1), NULL);
		snprintf(x->locus, sizeof(x->locus), "%s", locus);
		p->nmarkers++;
	}
	return PL_OK;
}
