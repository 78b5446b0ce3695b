/* What happens to a person: a plan drawn first (missing, held, exchanged,
 * died ...), then the events that tell it, dated on a calendar in the
 * pattern of the public exchanges and body returns, each from a source and
 * sometimes with a note, in an order the lifecycle allows. */
#include <string.h>

#include "core/date.h"
#include "demo/internal.h"

static const char *const causes[] = {
	"гостра серцева недостатність", "ускладнення поранення", "пневмонія", "туберкульоз",
	"сепсис", "причину не повідомлено", NULL,
};

/* Exchange days and body returns: a calendar in the pattern of the public
 * ones (stages on consecutive days in 2025), not a record of them. */
static const int32_t exchange_days[] = {
	20141226, 20171227, 20190907, 20191229, 20200416, 20220324, 20220401, 20220414,
	20220506, 20220629, 20220921, 20221006, 20221017, 20221029, 20221126, 20221214,
	20221231, 20230108, 20230204, 20230307, 20230411, 20230506, 20230611, 20230807,
	20240103, 20240131, 20240208, 20240531, 20240625, 20240824, 20240914, 20241018,
	20241230, 20250205, 20250319, 20250419, 20250506, 20250523, 20250524, 20250525,
	20250609, 20250610, 20250612, 20250614, 20250619, 20250626, 20250704, 20250723,
	20250814, 20250824, 20251002,
};

static const int32_t body_return_days[] = {
	20220923, 20221115, 20221222, 20230117, 20230302, 20230518, 20230720, 20230928,
	20231128, 20240119, 20240315, 20240531, 20240719, 20240920, 20241115, 20241220,
	20250124, 20250214, 20250418, 20250516, 20250611, 20250613, 20250616, 20250717,
	20250819, 20250918, 20251023,
};

/* Where news comes from, per event type. Our people's fate is learnt from
 * families, the other side's lists, mediators and the media; the people
 * we hold are in our own records. Weights in the order of `sources`. */
enum { S_FAMILY, S_COUNTERPART, S_MEDIATOR, S_ICRC, S_MEDIA, S_OWN, S_COUNT };

static const char *const sources[S_COUNT] = {
	"family_report", "counterpart_list", "mediator", "icrc_visit", "media", "own_records",
};

static const unsigned char source_weights[2][EV_COUNT][S_COUNT] = {
	[OURS] = {
		[EV_REPORTED_MISSING] = {6, 0, 0, 0, 0, 4},
		[EV_CAPTURE] = {2, 3, 0, 0, 3, 2},
		[EV_CAPTURE_CARD] = {0, 1, 3, 6, 0, 0},
		[EV_TRANSFER] = {1, 3, 3, 3, 0, 0},
		[EV_HOSPITAL_ADMISSION] = {0, 4, 3, 3, 0, 0},
		[EV_HEALTH_REPORT] = {0, 3, 3, 4, 0, 0},
		[EV_MEDIATOR_VISIT] = {0, 0, 5, 5, 0, 0},
		[EV_PROOF_OF_LIFE] = {4, 1, 2, 0, 3, 0},
		[EV_LISTED] = {0, 6, 1, 0, 0, 3},
		[EV_DELISTED] = {0, 7, 2, 0, 0, 1},
		[EV_HANDED_OVER] = {0, 0, 3, 0, 0, 7},
		[EV_ARRIVED_TRANSIT] = {0, 0, 3, 0, 0, 7},
		[EV_ASSISTANCE] = {0, 0, 0, 0, 0, 1},
		[EV_REPATRIATED] = {0, 0, 0, 0, 0, 1},
		[EV_TREATMENT] = {0, 0, 0, 0, 0, 1},
		[EV_DECLINED_REPATRIATION] = {0, 1, 4, 5, 0, 0},
		[EV_RELEASED_OTHERWISE] = {1, 1, 1, 0, 3, 4},
		[EV_DIED_IN_CAPTIVITY] = {1, 5, 2, 2, 0, 0},
		[EV_REMAINS_RETURNED] = {0, 0, 2, 0, 0, 8},
		[EV_IDENTIFIED] = {0, 0, 0, 0, 0, 1},
	},
	[THEIRS] = {
		[EV_REPORTED_MISSING] = {0, 0, 0, 0, 0, 1},
		[EV_CAPTURE] = {0, 0, 0, 0, 1, 9},
		[EV_CAPTURE_CARD] = {0, 0, 0, 2, 0, 8},
		[EV_TRANSFER] = {0, 0, 0, 0, 0, 1},
		[EV_HOSPITAL_ADMISSION] = {0, 0, 0, 0, 0, 1},
		[EV_HEALTH_REPORT] = {0, 0, 0, 1, 0, 4},
		[EV_MEDIATOR_VISIT] = {0, 0, 4, 6, 0, 0},
		[EV_PROOF_OF_LIFE] = {1, 0, 1, 0, 2, 0},
		[EV_LISTED] = {0, 3, 1, 0, 0, 6},
		[EV_DELISTED] = {0, 7, 1, 0, 0, 2},
		[EV_HANDED_OVER] = {0, 0, 2, 0, 0, 8},
		[EV_ARRIVED_TRANSIT] = {0, 0, 6, 0, 4, 0},
		[EV_ASSISTANCE] = {0, 0, 1, 0, 0, 0},
		[EV_REPATRIATED] = {0, 1, 5, 0, 4, 0},
		[EV_TREATMENT] = {0, 0, 0, 0, 0, 1},
		[EV_DECLINED_REPATRIATION] = {0, 0, 2, 4, 0, 4},
		[EV_RELEASED_OTHERWISE] = {0, 0, 0, 0, 1, 9},
		[EV_DIED_IN_CAPTIVITY] = {0, 0, 0, 2, 0, 8},
		[EV_REMAINS_RETURNED] = {0, 0, 3, 0, 0, 7},
		[EV_IDENTIFIED] = {0, 0, 0, 0, 0, 1},
	},
};

/* Short notes an officer might add; some with commas, for the CSV. */
static const char *const notes[EV_COUNT][4] = {
	[EV_REPORTED_MISSING] = {"зв'язок втрачено під час бою", "звернення родини на гарячу лінію",
	                         "зник під час евакуації", NULL},
	[EV_CAPTURE] = {"відео з полоненим у соцмережах", "за словами побратимів",
	                "підтверджено іншою стороною", NULL},
	[EV_CAPTURE_CARD] = {"картка полоненого (ст. 70)", "картку отримано через МКЧХ", NULL},
	[EV_TRANSFER] = {"переведений до іншої установи", "етапований, місце уточнюється", NULL},
	[EV_HOSPITAL_ADMISSION] = {"госпіталізований", "операція, стан стабільний", NULL},
	[EV_HEALTH_REPORT] = {"щотижневий звіт про стан здоров'я", "стан важкий, стабільний", NULL},
	[EV_MEDIATOR_VISIT] = {"стан задовільний", "скарг не висловлював", NULL},
	[EV_PROOF_OF_LIFE] = {"лист рідним", "відео", "телефонний дзвінок рідним", NULL},
	[EV_LISTED] = {"список на обмін, погоджений сторонами", "категорія: важкопоранені", NULL},
	[EV_DELISTED] = {"інша сторона вилучила зі списку", "розбіжність у даті народження", NULL},
	[EV_HANDED_OVER] = {"етап обміну", "передано на кордоні", NULL},
	[EV_ARRIVED_TRANSIT] = {"медичний огляд", NULL},
	[EV_ASSISTANCE] = {"медична і психологічна допомога", NULL},
	[EV_REPATRIATED] = {"повернувся додому", NULL},
	[EV_TREATMENT] = {"лікування, реабілітація", "психологічна реабілітація", NULL},
	[EV_DECLINED_REPATRIATION] = {"відмова від повернення підтверджена МКЧХ", NULL},
	[EV_RELEASED_OTHERWISE] = {"звільнений під час деокупації", "втеча, вийшов до своїх", NULL},
	[EV_DIED_IN_CAPTIVITY] = {"повідомлення іншої сторони", NULL},
	[EV_REMAINS_RETURNED] = {"у межах репатріації тіл", NULL},
	[EV_IDENTIFIED] = {"ідентифіковано за ДНК", "ідентифіковано за документами", NULL},
};

static const struct {
	plan what;
	unsigned weight;
} plans[2][14] = {
	[OURS] = {
		{PLAN_MISSING, 200}, {PLAN_FOUND_DEAD, 55}, {PLAN_FOUND_IDENTIFIED, 65},
		{PLAN_CAPTURED, 55}, {PLAN_HELD, 230}, {PLAN_LISTED, 25}, {PLAN_HANDED_OVER, 6},
		{PLAN_IN_TRANSIT, 6}, {PLAN_REPATRIATED, 290}, {PLAN_DECLINED, 3},
		{PLAN_RELEASED, 25}, {PLAN_DIED, 15}, {PLAN_DIED_RETURNED, 12},
		{PLAN_DIED_IDENTIFIED, 13},
	},
	[THEIRS] = {
		{PLAN_CAPTURED, 40}, {PLAN_HELD, 440}, {PLAN_LISTED, 40}, {PLAN_HANDED_OVER, 8},
		{PLAN_IN_TRANSIT, 7}, {PLAN_REPATRIATED, 370}, {PLAN_DECLINED, 45},
		{PLAN_RELEASED, 15}, {PLAN_DIED, 20}, {PLAN_DIED_RETURNED, 15},
		/* the rest: weight 0, never drawn */
	},
};

plan demo_plan(rng *r, int side)
{
	return PICK(r, plans[side]).what;
}

/* The first day of a calendar on or after `from`, then sometimes a later
 * one (people wait for more than one exchange); 0 if none is left. */
static int32_t calendar_day(rng *r, const int32_t *cal, size_t n, int32_t from, double skip)
{
	size_t i = 0;
	while(i < n && date_days_from_ymd(cal[i]) < from)
		i++;
	while(i + 1 < n && rng_chance(r, skip))
		i++;
	return i < n ? date_days_from_ymd(cal[i]) : 0;
}

/* Add an event on `day`, or on the latest event's day if that is later: a
 * history never goes back. Once a step would fall after END_YMD, it and
 * every later one are left out, so what remains is a prefix of the story,
 * which the lifecycle allows as much as the whole. The first news is always
 * in: a person is in the registry because something was reported. */
static event *add(gen *g, event_type t, int32_t day)
{
	if(day < g->last)
		day = g->last;
	if(g->nev == 0 && day > g->end)
		day = g->end;
	if(g->ended || day > g->end || g->nev == MAX_EVENTS) {
		g->ended = true;
		return NULL;
	}
	int next = lifecycle_next(g->st, t);
	if(next < 0 && g->bad_event < 0)
		g->bad_event = (int)t;
	g->st = next < 0 ? g->st : (person_status)next;
	event *e = &g->ev[g->nev++];
	memset(e, 0, sizeof(*e));
	demo_uid(&g->r, 'E', e->uid);
	memcpy(e->person_uid, g->p.uid, UID_SIZE);
	e->f[EF_TYPE] = lifecycle_event_name(t);
	e->f[EF_DATE] = demo_day(g, day, 3);
	const unsigned char *w = source_weights[g->side][t];
	unsigned ws[S_COUNT];
	for(int i = 0; i < S_COUNT; i++)
		ws[i] = w[i];
	e->f[EF_SOURCE] = sources[demo_pick_index(&g->r, ws, sizeof(ws[0]), S_COUNT)];
	if(notes[t][0] && rng_chance(&g->r, 0.15))
		e->f[EF_NOTE] = demo_pick_any(&g->r, notes[t]);
	g->last = day;
	return e;
}

static event *add_after(gen *g, event_type t, int lo, int hi)
{
	return add(g, t, g->last + rng_range(&g->r, lo, hi));
}

static void set_place(event *e, const char *place)
{
	if(e)
		e->f[EF_PLACE] = place;
}

static void go_missing(gen *g)
{
	set_place(add_after(g, EV_REPORTED_MISSING, 0, 14), g->place);
	if(rng_chance(&g->r, 0.2))
		add_after(g, EV_REPORTED_MISSING, 10, 300);
}

/* News of the capture. Our people are often reported missing first and
 * the capture becomes known from a video, a list or a call home; the
 * people we capture are in our records from the day. */
static void taken(gen *g)
{
	if(g->side == THEIRS) {
		set_place(add(g, EV_CAPTURE, g->taken), g->place);
		return;
	}
	if(rng_chance(&g->r, 0.5))
		set_place(add_after(g, EV_REPORTED_MISSING, 0, 7), g->place);
	/* Some are only ever heard of as held: a capture card, a visit. */
	if(g->what == PLAN_CAPTURED || g->what == PLAN_RELEASED || rng_chance(&g->r, 0.85))
		set_place(add_after(g, EV_CAPTURE, 0, 60), g->place);
}

static bool hurt(const gen *g)
{
	const char *m = g->p.f[PF_MEDICAL];
	return m && (!strcmp(m, "severely_wounded") || !strcmp(m, "seriously_ill"));
}

/* Weekly health reports on the seriously wounded or ill (Art. 122). */
static void health_reports(gen *g)
{
	set_place(add_after(g, EV_HOSPITAL_ADMISSION, 1, 60), demo_pick_any(&g->r, demo_hospitals[g->side]));
	for(int i = rng_range(&g->r, 1, 4); i > 0; i--)
		add_after(g, EV_HEALTH_REPORT, 7, 7);
}

/* One piece of news from captivity. */
static void news(gen *g)
{
	static const wtext kinds[] = {
		{"mediator_visit", 3}, {"transfer", 3}, {"proof_of_life", 3}, {"health_report", 1},
	};
	const char *k = PICK_TEXT(&g->r, kinds);
	event_type t = (event_type)lifecycle_event_parse(k);
	event *e = add_after(g, t, 20, 300);
	if(t == EV_TRANSFER && e) {
		g->detention = demo_pick_any(&g->r, demo_detention_places[g->side]);
		e->f[EF_PLACE] = g->detention;
	} else if(t == EV_MEDIATOR_VISIT) {
		set_place(e, g->detention);
	}
}

/* What only the holder or a mediator can know: a capture card, visits,
 * transfers, health news. The first of them confirms the person is held. */
static void confirm(gen *g)
{
	bool card = g->side == THEIRS ? rng_chance(&g->r, 0.95) : rng_chance(&g->r, 0.6);
	if(card)
		set_place(g->side == THEIRS ? add_after(g, EV_CAPTURE_CARD, 1, 10)
		                            : add_after(g, EV_CAPTURE_CARD, 3, 90), g->detention);
	else if(g->st == ST_MISSING && rng_chance(&g->r, 0.5))
		add_after(g, EV_PROOF_OF_LIFE, 10, 200);
	else if(g->st == ST_MISSING)
		set_place(add_after(g, EV_MEDIATOR_VISIT, 10, 200), g->detention);
	else
		news(g);
	if(hurt(g))
		health_reports(g);
	for(int n = rng_range(&g->r, 0, 3); n > 0; n--)
		news(g);
}

/* The exchange day for this person: for the plans that stop half-way, one
 * of the latest (the records of the last stages are not closed yet). */
static int32_t exchange_day(gen *g)
{
	size_t n = COUNT(exchange_days);
	if(g->what == PLAN_HANDED_OVER || g->what == PLAN_IN_TRANSIT) {
		int32_t day = date_days_from_ymd(exchange_days[n - 1 - rng_below(&g->r, 3)]);
		return day >= g->last + 14 ? day : 0;
	}
	return calendar_day(&g->r, exchange_days, n, g->last + rng_range(&g->r, 30, 240), 0.45);
}

static void listing(gen *g, int32_t day)
{
	if(add(g, EV_LISTED, day))
		g->listed = g->last;
}

/* Lists are argued over: some people are listed and taken off again. */
static void argued_listing(gen *g, int32_t before)
{
	if(before - g->last < 60 || !rng_chance(&g->r, 0.12))
		return;
	listing(g, g->last + rng_range(&g->r, 5, 30));
	add_after(g, EV_DELISTED, 2, 20);
}

/* Listed, handed over on the day, through the transit country since 2024,
 * home, treatment: as far as the plan goes. */
static void exchange(gen *g)
{
	int32_t day = exchange_day(g);
	if(!day) {
		g->ended = true; /* no exchange left before END_YMD: still held */
		return;
	}
	argued_listing(g, day);
	listing(g, day - rng_range(&g->r, 2, 40));
	set_place(add(g, EV_HANDED_OVER, day), demo_handover_place(&g->r, day));
	if(g->what == PLAN_HANDED_OVER)
		return;
	bool transit = date_lo(date_from_days(day)) >= TRANSIT_FROM;
	if(transit) {
		set_place(add(g, EV_ARRIVED_TRANSIT, day), "Білорусь");
		if(g->side == OURS)
			set_place(add_after(g, EV_ASSISTANCE, 0, 1), "Білорусь");
	}
	if(g->what == PLAN_IN_TRANSIT)
		return;
	add_after(g, EV_REPATRIATED, transit ? 1 : 0, transit ? 2 : 0);
	if(g->side == THEIRS)
		return;
	for(int n = rng_range(&g->r, 0, 3); n > 0; n--)
		set_place(add_after(g, EV_TREATMENT, 1, 60), demo_pick_any(&g->r, demo_treatment_places));
	if(rng_chance(&g->r, 0.2))
		add_after(g, EV_ASSISTANCE, 30, 200);
}

static void died(gen *g)
{
	event *e = add_after(g, EV_DIED_IN_CAPTIVITY, 20, 700);
	if(!e)
		return;
	e->f[EF_PLACE] = g->detention ? g->detention : demo_pick_any(&g->r, demo_hospitals[g->side]);
	e->f[EF_CAUSE] = demo_pick_any(&g->r, causes);
	if(rng_chance(&g->r, 0.7)) {
		e->f[EF_BURIAL_PLACE] = demo_pick_any(&g->r, demo_burial_places[g->side]);
		e->f[EF_GRAVE] = rng_chance(&g->r, 0.5)
		                 ? demo_textf(g, "ділянка %d, могила %d", rng_range(&g->r, 1, 40),
		                         rng_range(&g->r, 1, 400))
		                 : demo_textf(g, "табличка № %d", rng_range(&g->r, 1, 9999));
	}
}

/* Bodies come back in batches; DNA identification often takes a year. */
static void remains(gen *g, bool identify)
{
	int32_t day = calendar_day(&g->r, body_return_days, COUNT(body_return_days),
	                           g->last + rng_range(&g->r, 30, 400), 0.3);
	if(!day) {
		g->ended = true;
		return;
	}
	set_place(add(g, EV_REMAINS_RETURNED, day), demo_handover_place(&g->r, day));
	if(identify)
		set_place(add_after(g, EV_IDENTIFIED, 20, 540), "Київ");
}

void demo_story(gen *g)
{
	plan w = g->what;
	if(w <= PLAN_FOUND_IDENTIFIED) {
		go_missing(g);
		if(w != PLAN_MISSING)
			remains(g, w == PLAN_FOUND_IDENTIFIED);
		return;
	}
	taken(g);
	if(w == PLAN_CAPTURED || (w == PLAN_RELEASED && rng_chance(&g->r, 0.3))) {
		if(w == PLAN_RELEASED)
			add_after(g, EV_RELEASED_OTHERWISE, 3, 120);
		return;
	}
	confirm(g);
	switch(w) {
	case PLAN_HELD:
		argued_listing(g, g->end);
		break;
	case PLAN_LISTED:
		listing(g, g->end - rng_range(&g->r, 0, 60));
		break;
	case PLAN_DECLINED:
		/* Often only at the exchange itself. */
		if(rng_chance(&g->r, 0.5))
			listing(g, g->last + rng_range(&g->r, 20, 300));
		add_after(g, EV_DECLINED_REPATRIATION, 2, 200);
		break;
	case PLAN_RELEASED:
		add_after(g, EV_RELEASED_OTHERWISE, 7, 400);
		break;
	case PLAN_DIED:
	case PLAN_DIED_RETURNED:
	case PLAN_DIED_IDENTIFIED:
		died(g);
		if(w != PLAN_DIED)
			remains(g, w == PLAN_DIED_IDENTIFIED);
		break;
	default:
		exchange(g);
		break;
	}
}
