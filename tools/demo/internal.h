/* Shared by the files of the demo data generators; not part of their
 * contract (demo.h). They use the library's public headers only.
 *
 * A generated person draws everything from one seeded stream (gen.r) in a
 * fixed order: the same seed gives the same bytes, so the order of the
 * draws in these files is part of the output. */
#ifndef PARLEY_DEMO_INTERNAL_H
#define PARLEY_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/rng.h"
#include "names/names.h"
#include "registry/registry.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum {
	END_YMD = 20251031,       /* nothing after this: the data imports whatever the day */
	TRANSIT_FROM = 20240101,  /* returnees pass through Belarus from then on */
	MAX_EVENTS = 40,
	TEXT_MAX = 256,
	FLUSH_AT = 1 << 20        /* output is written in chunks of about 1 MiB */
};

enum { OURS, THEIRS };                /* a UA person; a RU person we hold */
enum { MALE, FEMALE };
enum { POOL_UA, POOL_RU };            /* surnames by their typical ending */

/* ---- pick.c: weighted choices ------------------------------------------- */

typedef struct wtext {
	const char *text;
	unsigned weight;
} wtext;

typedef struct wspan {
	int lo, hi;
	unsigned weight;
} wspan;

/* The index of a weighted choice among n records of `stride` bytes whose
 * weight is at w, w + stride, ...: one helper for every table. */
size_t demo_pick_index(rng *r, const unsigned *w, size_t stride, size_t n);
const char *demo_pick_text(rng *r, const wtext *t, size_t n);
/* A number in the span chosen. */
int demo_pick_span(rng *r, const wspan *t, size_t n);
/* One of a NULL-terminated list, uniformly. */
const char *demo_pick_any(rng *r, const char *const *list);

#define PICK_INDEX(r, t, n) demo_pick_index((r), &(t)[0].weight, sizeof((t)[0]), (n))
#define PICK(r, t) ((t)[PICK_INDEX((r), (t), COUNT(t))])
#define PICK_TEXT(r, t) demo_pick_text((r), (t), COUNT(t))
#define PICK_SPAN(r, t) demo_pick_span((r), (t), COUNT(t))

/* ---- names.c: the name pools -------------------------------------------- */

typedef struct pair {
	const char *uk, *ru;
} pair;

typedef struct given {
	pair name;
	unsigned weight;
} given;

/* A man's name and the patronymics it gives a son and a daughter. */
typedef struct father {
	pair name, patr[2];
	unsigned weight;
} father;

typedef struct surname {
	pair form[2];            /* [MALE], [FEMALE] */
} surname;

/* Given names, patronymics and surnames in both languages, recombined
 * from the words of the shipped uk/ru dictionary. */
typedef struct demo_names {
	arena a;
	given *given[2];
	size_t ngiven[2];
	father *fathers;         /* our men's names with both patronymics known */
	size_t nfathers;
	pair *patr[2];           /* every patronymic of the dictionary, by sex */
	size_t npatr[2];
	surname *surnames[2];    /* by pool */
	size_t nsurnames[2];
} demo_names;

pl_rc demo_names_load(demo_names *nm, pl_err *err);
void demo_names_free(demo_names *nm);

/* ---- places.c: the place pools ------------------------------------------ */

extern const char *const demo_birth_places[2][31];     /* [OURS], [THEIRS] */
extern const char *const demo_detention_places[2][13];
extern const char *const demo_hospitals[2][5];
extern const char *const demo_treatment_places[];
extern const char *const demo_burial_places[2][5];

/* Where someone was taken in that year: where the fighting was. */
const char *demo_capture_place(rng *r, int year);
/* Where people were handed over on that day. */
const char *demo_handover_place(rng *r, int32_t day);

/* ---- story.c: what happens to a person ----------------------------------- */

/* What happens to a person, chosen first; the story then follows it, and
 * stops early where its next step would fall after END_YMD. */
typedef enum plan {
	PLAN_MISSING,          /* reported missing, nothing since */
	PLAN_FOUND_DEAD,       /* missing, then among the bodies returned */
	PLAN_FOUND_IDENTIFIED, /* ... and identified */
	PLAN_CAPTURED,
	PLAN_HELD,
	PLAN_LISTED,
	PLAN_HANDED_OVER,
	PLAN_IN_TRANSIT,
	PLAN_REPATRIATED,
	PLAN_DECLINED,
	PLAN_RELEASED,
	PLAN_DIED,
	PLAN_DIED_RETURNED,
	PLAN_DIED_IDENTIFIED
} plan;

/* ---- person.c: one person ------------------------------------------------ */

typedef struct gen {
	demo_names nm;
	uint64_t seed;
	int32_t end;             /* END_YMD as a day */
	arena a;                 /* this person's strings */
	buf scratch;
	rng r;
	long index;
	int side, sex;
	plan what;
	person p;
	event ev[MAX_EVENTS];
	size_t nev;
	person_status st;        /* where the events so far lead */
	int bad_event;           /* an event the lifecycle refused, or -1 */
	bool ended;              /* a step fell after END_YMD: the story stops there */
	int32_t taken;           /* the day of capture, or of going missing */
	int32_t last;            /* the day of the latest event */
	int32_t listed;          /* the day of the last listing, or 0 */
	const char *place;       /* where they were taken */
	const char *detention;   /* where they are held */
	const surname *sn;
	const father *dad;       /* NULL: the patronymic is not from our names */
	bool nomem;              /* out of memory outside the arena */
} gen;

/* A generator for `seed`, with the name pools loaded. */
pl_rc demo_gen_open(gen *g, uint64_t seed, pl_err *err);
void demo_gen_close(gen *g);
/* Start person `index` afresh: its own stream, the same whatever comes
 * before it. */
void demo_gen_start(gen *g, long index);

/* Make person `index` with their events: g->p and g->ev[0..g->nev). */
pl_rc demo_person_make(gen *g, long index, pl_err *err);

/* A parley identifier from the seeded generator: the same seed gives the
 * same ids, so a demo file imported twice changes nothing. */
void demo_uid(rng *r, char prefix, char out[UID_SIZE]);
/* A day as text: parts 3 is YYYY-MM-DD, 2 YYYY-MM, 1 YYYY. */
const char *demo_day(gen *g, int32_t day, int parts);
/* Text in the person's arena. */
const char *demo_textf(gen *g, const char *fmt, ...) PL_PRINTF(2, 3);
/* The language of the person's own records: Ukrainian for ours. */
const char *demo_lang(const gen *g, pair p);
const surname *demo_surname(gen *g);
pair demo_given(gen *g, int sex);
/* Mostly the patronymic of one of our given names (g->dad); sometimes any
 * other from the dictionary. */
pair demo_patronymic(gen *g, int sex);
/* s in Latin letters by `scheme`. */
const char *demo_latin(gen *g, const char *s, names_scheme scheme);

/* ---- story.c --------------------------------------------------------------- */

plan demo_plan(rng *r, int side);
/* The person's events as far as their plan goes before END_YMD. */
void demo_story(gen *g);

/* ---- registry.c: output ---------------------------------------------------- */

/* Write b to f (what: for the message) and empty it. */
pl_rc demo_put(FILE *f, buf *b, const char *what, pl_err *err);
/* Flush f (NULL: nothing) and report an error writing it. */
pl_rc demo_put_end(FILE *f, const char *what, pl_err *err);

#endif
