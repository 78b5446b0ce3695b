/* Ante-mortem against post-mortem observations, kind by kind: secondary
 * evidence beside DNA, never a decision. What the remains show could have
 * followed from what the family described (a filled tooth lost since, a
 * present one filled since) or could not (a lost tooth is present, a filled
 * one untouched): the first is consistent, the second an exclusion. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "family/antemortem.h"
#include "remains/remains.h"

const char *const am_verdict_names[] = {"agree", "disagree", "unknown", NULL};
const char *const am_kind_names[] = {"dental", "marks", "height", "build", "hair", "eyes", "clothing", "effects",
                                     NULL};

/* The stage of a tooth code in am_tooth_code_names' order; -1: unknown. */
static int stage(const char *code)
{
	for(int i = 0; am_tooth_code_names[i]; i++)
		if(code && !strcmp(am_tooth_code_names[i], code))
			return strcmp(code, "unknown") ? i : -1;
	return -1;
}

/* The verdict and its reason, a code of the catalogue with its arguments
 * (pl_failc's; the rc is only a carrier). */
#define say(f, v, ...) ((f)->verdict = (v), (void)pl_failc(&(f)->why, PL_EINPUT, __VA_ARGS__, NULL))

static void dental(const json_t *am, const json_t *pm, am_finding *f)
{
	const json_t *a = json_object_get(am, "dental"), *p = json_object_get(pm, "dental");
	int same = 0, explained = 0;
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)a, key, v) {
		const char *ac = json_string_value(v), *pc = json_string_value(json_object_get(p, key));
		int x = stage(ac), y = stage(pc);
		if(x < 0 || y < 0)
			continue;
		/* missing, then implant or bridge: either replaces a lost tooth */
		bool replaced = x >= 4 && y >= 4;
		/* a root-filled tooth is filled on top: an examination without
		 * X-rays sees only the filling */
		bool seen_filled = x == 2 && y == 1;
		if(x == y)
			same++;
		else if(y > x || replaced || seen_filled)
			explained++;
		else {
			say(f, AM_DISAGREE, "antemortem.cmp_tooth_excluded", "tooth", key, "am", ac, "pm", pc);
			return;
		}
	}
	if(same + explained)
		say(f, AM_AGREE, "antemortem.cmp_teeth", "n", PL_N(same + explained), "same", PL_N(same), "explained",
		    PL_N(explained));
	else
		say(f, AM_UNKNOWN, "antemortem.cmp_no_teeth");
}

static void marks(const json_t *am, const json_t *pm, am_finding *f)
{
	const json_t *a = json_object_get(am, "marks"), *p = json_object_get(pm, "marks");
	if(!json_array_size(a) || !json_array_size(p)) {
		say(f, AM_UNKNOWN, json_array_size(a)   ? "antemortem.cmp_marks_am_only"
		                   : json_array_size(p) ? "antemortem.cmp_marks_pm_only"
		                                        : "antemortem.cmp_marks_none");
		return;
	}
	size_t i, j;
	const json_t *m, *n;
	json_array_foreach(a, i, m) {
		const char *loc = json_string_value(json_object_get(m, "location"));
		const char *kind = json_string_value(json_object_get(m, "kind"));
		json_array_foreach(p, j, n) if(!strcmp(loc, json_string_value(json_object_get(n, "location"))) &&
		                               !strcmp(kind, json_string_value(json_object_get(n, "kind")))) {
			say(f, AM_AGREE, "antemortem.cmp_mark_both", "kind", kind, "location", loc);
			return;
		}
	}
	say(f, AM_DISAGREE, "antemortem.cmp_no_mark_both");
}

static void height(const json_t *am, const json_t *pm, am_finding *f)
{
	const json_t *a = json_object_get(am, "height"), *p = json_object_get(pm, "height");
	if(!a || !p) {
		say(f, AM_UNKNOWN, "antemortem.cmp_not_both", "what", "height");
		return;
	}
	json_int_t a0 = json_integer_value(json_object_get(a, "min")), a1 = json_integer_value(json_object_get(a, "max"));
	json_int_t p0 = json_integer_value(json_object_get(p, "min")), p1 = json_integer_value(json_object_get(p, "max"));
	bool overlap = a0 <= p1 && p0 <= a1;
	say(f, overlap ? AM_AGREE : AM_DISAGREE, overlap ? "antemortem.cmp_height_overlap" : "antemortem.cmp_height_apart",
	    "am_min", PL_N(a0), "am_max", PL_N(a1), "pm_min", PL_N(p0), "pm_max", PL_N(p1));
}

static void word(const json_t *am, const json_t *pm, const char *key, am_finding *f)
{
	const char *a = json_string_value(json_object_get(am, key)), *p = json_string_value(json_object_get(pm, key));
	if(!a || !p)
		say(f, AM_UNKNOWN, "antemortem.cmp_not_both", "what", key);
	else if(!strcmp(a, p))
		say(f, AM_AGREE, "antemortem.cmp_same", "what", key, "value", a);
	else
		say(f, AM_DISAGREE, "antemortem.cmp_differs", "what", key, "am", a, "pm", p);
}

/* Free text (clothing, effects): a word of four letters or more in both
 * agrees; nothing in common is unknown, never a disagreement (descriptions
 * differ in words more than in things). Compared byte for byte after ASCII
 * case folding: Cyrillic words must be spelt alike. */
static void text(const json_t *am, const json_t *pm, const char *key, am_finding *f)
{
	const char *a = json_string_value(json_object_get(am, key)), *p = json_string_value(json_object_get(pm, key));
	if(!a || !p) {
		say(f, AM_UNKNOWN, "antemortem.cmp_not_both", "what", key);
		return;
	}
	for(const char *s = a; *s;) {
		while(*s && (isspace((unsigned char)*s) || ispunct((unsigned char)*s)))
			s++;
		size_t n = 0;
		while(s[n] && !isspace((unsigned char)s[n]) && !ispunct((unsigned char)s[n]))
			n++;
		for(const char *t = p; n >= 4 && *t; t++)
			if(!strncasecmp(s, t, n) && (t == p || !isalnum((unsigned char)t[-1]) || (unsigned char)t[-1] >= 0x80) &&
			   (!t[n] || isspace((unsigned char)t[n]) || ispunct((unsigned char)t[n]))) {
				char word[PL_ERR_ARG_MAX];
				snprintf(word, sizeof(word), "%.*s", (int)n, s);
				say(f, AM_AGREE, "antemortem.cmp_text_common", "what", key, "word", word);
				return;
			}
		s += n;
	}
	say(f, AM_UNKNOWN, "antemortem.cmp_text_nothing", "what", key);
}

void am_compare(const json_t *am, const json_t *pm, am_finding out[AK_COUNT])
{
	dental(am, pm, &out[AK_DENTAL]);
	marks(am, pm, &out[AK_MARKS]);
	height(am, pm, &out[AK_HEIGHT]);
	word(am, pm, "build", &out[AK_BUILD]);
	word(am, pm, "hair", &out[AK_HAIR]);
	word(am, pm, "eyes", &out[AK_EYES]);
	text(am, pm, "clothing", &out[AK_CLOTHING]);
	text(am, pm, "effects", &out[AK_EFFECTS]);
}

json_t *am_findings_json(const am_finding f[AK_COUNT])
{
	json_t *o = json_object();
	for(int k = 0; k < AK_COUNT; k++) {
		json_t *args = json_object();
		for(int i = 0; i < f[k].why.nargs; i++)
			json_object_set_new(args, f[k].why.arg[i].name, json_string(f[k].why.arg[i].value));
		json_object_set_new(o, am_kind_names[k],
		                    json_pack("{s:s, s:s, s:s, s:o}", "verdict", am_verdict_names[f[k].verdict], "why",
		                              f[k].why.msg, "message_code", f[k].why.code, "args", args));
	}
	return o;
}

pl_rc family_compare(store *st, const char *who_id, const char *tag, am_finding out[AK_COUNT], unsigned *recorded,
                     pl_err *err)
{
	json_t *am = NULL, *pm = NULL;
	pl_rc rc = family_antemortem_get(st, who_id, &am, err);
	rc = rc ? rc : remains_pm_get(st, tag, &pm, err);
	if(!rc) {
		*recorded = (am ? 1u : 0) | (pm ? 2u : 0);
		am_compare(am, pm, out);
	}
	json_decref(am);
	json_decref(pm);
	return rc;
}
