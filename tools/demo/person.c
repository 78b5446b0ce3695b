/* One person of the demo registry: our own (party UA) held by RU or
 * missing, or a RU person we hold; their names, service, dates, custody,
 * consent and identifiers, and their story (story.c). */
#include <string.h>

#include "core/date.h"
#include "demo/internal.h"

static const wtext ranks[2][14] = {
	[OURS] = {
		{"солдат", 300}, {"старший солдат", 150}, {"молодший сержант", 100},
		{"сержант", 100}, {"старший сержант", 80}, {"головний сержант", 40},
		{"штаб-сержант", 30}, {"молодший лейтенант", 40}, {"лейтенант", 50},
		{"старший лейтенант", 40}, {"капітан", 35}, {"майор", 20}, {"підполковник", 10},
		{"полковник", 5},
	},
	[THEIRS] = {
		{"рядовой", 350}, {"ефрейтор", 150}, {"младший сержант", 100}, {"сержант", 100},
		{"старший сержант", 70}, {"старшина", 30}, {"прапорщик", 40}, {"лейтенант", 50},
		{"старший лейтенант", 50}, {"капитан", 30}, {"майор", 20}, {"подполковник", 7},
		{"полковник", 3}, /* the rest: weight 0, never drawn */
	},
};

static const wtext branches[2][5] = {
	[OURS] = {{"armed_forces", 780}, {"national_guard", 100}, {"border_guard", 40},
	          {"other", 30}, {"civilian", 50}},
	[THEIRS] = {{"armed_forces", 850}, {"national_guard", 50}, {"border_guard", 30},
	            {"other", 60}, {"civilian", 10}},
};

static const wtext medical[] = {
	{"none", 55}, {"wounded", 30}, {"severely_wounded", 8}, {"seriously_ill", 5}, {NULL, 2},
};

/* Ages at capture: mostly the twenties to the forties. */
static const wspan ages[] = {
	{18, 24, 18}, {25, 34, 34}, {35, 44, 28}, {45, 54, 15}, {55, 60, 5},
};

/* Years of capture: a few from 2014-2015, most in 2022. */
static const wspan capture_years[] = {
	{2014, 2014, 25}, {2015, 2015, 20}, {2016, 2021, 10}, {2022, 2022, 450},
	{2023, 2023, 200}, {2024, 2024, 190}, {2025, 2025, 105},
};

/* Names in the person's script; for some also in Latin, as a passport or
 * a counterpart list writes them, and for some only in Latin. Our people
 * in the Ukrainian national system, theirs in a mix of Russian schemes. */
static void person_names(gen *g)
{
	const char **f = g->p.f;
	g->sn = demo_surname(g);
	pair first = demo_given(g, g->sex), patr = demo_patronymic(g, g->sex);
	const char *cyr[3] = {demo_lang(g, g->sn->form[g->sex]), demo_lang(g, first), demo_lang(g, patr)};
	double x = rng_unit(&g->r);
	bool with_latin = x < 0.48, only_latin = x < 0.08;
	if(with_latin) {
		static const names_scheme ru_schemes[] = {NAMES_ICAO9303, NAMES_BGN_RU, NAMES_GOST779B};
		names_scheme s = g->side == OURS ? NAMES_KMU2010 : ru_schemes[rng_below(&g->r, 3)];
		f[PF_SURNAME_LATIN] = demo_latin(g, cyr[0], s);
		f[PF_GIVEN_NAMES_LATIN] = demo_latin(g, cyr[1], s);
		f[PF_PATRONYMIC_LATIN] = demo_latin(g, cyr[2], s);
	}
	if(!only_latin) {
		f[PF_SURNAME] = cyr[0];
		f[PF_GIVEN_NAMES] = cyr[1];
		f[PF_PATRONYMIC] = cyr[2];
	}
}

/* The person to be informed (Art. 122): a relative, by name. */
static void inform(gen *g)
{
	static const char *const words[2][4] = {{"мати", "дружина", "сестра", "батько"},
	                                        {"мать", "жена", "сестра", "отец"}};
	const demo_names *nm = &g->nm;
	int rel = (int)rng_below(&g->r, g->dad ? 4 : 3);
	if(rel == 1 && g->sex == FEMALE)
		rel = 2;
	int sex = rel == 3 ? MALE : FEMALE;
	const pair *sn = &g->sn->form[sex];
	/* A sister shares the father; a mother, a wife or the father has
	 * a father of their own. */
	const father *dad = &nm->fathers[PICK_INDEX(&g->r, nm->fathers, nm->nfathers)];
	if(rel == 2 && g->dad)
		dad = g->dad;
	pair first = rel == 3 ? g->dad->name : demo_given(g, FEMALE);
	/* The town drawn still, so that every later value is as before;
	 * their address is in the inform_* fields now (addresses()). */
	(void)demo_pick_any(&g->r, demo_birth_places[g->side]);
	g->p.f[PF_INFORM] = demo_textf(g, "%s: %s %s %s", words[g->side][rel], demo_lang(g, *sn),
	                               demo_lang(g, first), demo_lang(g, dad->patr[sex]));
}

/* Towns with their regions, for home addresses: real places (places are
 * not personal data), streets that most towns have, house and flat
 * numbers drawn: no real person's address. */
static const struct {
	const char *town, *region;
} towns[2][16] = {
	[OURS] = {{"Київ", "м. Київ"}, {"Біла Церква", "Київська область"}, {"Бровари", "Київська область"},
	          {"Харків", "Харківська область"}, {"Лозова", "Харківська область"},
	          {"Дніпро", "Дніпропетровська область"}, {"Кривий Ріг", "Дніпропетровська область"},
	          {"Полтава", "Полтавська область"}, {"Кременчук", "Полтавська область"},
	          {"Чернігів", "Чернігівська область"}, {"Ніжин", "Чернігівська область"},
	          {"Львів", "Львівська область"}, {"Вінниця", "Вінницька область"},
	          {"Запоріжжя", "Запорізька область"}, {"Суми", "Сумська область"},
	          {"Житомир", "Житомирська область"}},
	[THEIRS] = {{"Москва", "г. Москва"}, {"Подольск", "Московская область"}, {"Химки", "Московская область"},
	            {"Ростов-на-Дону", "Ростовская область"}, {"Таганрог", "Ростовская область"},
	            {"Воронеж", "Воронежская область"}, {"Белгород", "Белгородская область"},
	            {"Курск", "Курская область"}, {"Брянск", "Брянская область"},
	            {"Краснодар", "Краснодарский край"}, {"Новороссийск", "Краснодарский край"},
	            {"Казань", "Республика Татарстан"}, {"Самара", "Самарская область"},
	            {"Саратов", "Саратовская область"}, {"Омск", "Омская область"},
	            {"Пермь", "Пермский край"}},
};

static const char *const streets[2][11] = {
	[OURS] = {"Шевченка", "Соборна", "Миру", "Центральна", "Садова", "Незалежності", "Грушевського",
	          "Івана Франка", "Лесі Українки", "Героїв України", NULL},
	[THEIRS] = {"Ленина", "Мира", "Советская", "Садовая", "Гагарина", "Пушкина", "Молодёжная",
	            "Центральная", "Лесная", "Школьная", NULL},
};

/* An address in one of the side's towns: the lines, the town, the region. */
static void address_in(gen *g, rng *r, int town, const char **lines, const char **locality,
                       const char **region, const char **country)
{
	const char *street = demo_pick_any(r, streets[g->side]);
	int house = rng_range(r, 1, 120);
	bool flat = rng_chance(r, 0.6);
	int no = rng_range(r, 1, 240);
	if(g->side == OURS)
		*lines = flat ? demo_textf(g, "вул. %s, буд. %d, кв. %d", street, house, no)
		              : demo_textf(g, "вул. %s, %d", street, house);
	else
		*lines = flat ? demo_textf(g, "ул. %s, д. %d, кв. %d", street, house, no)
		              : demo_textf(g, "ул. %s, д. %d", street, house);
	*locality = towns[g->side][town].town;
	*region = towns[g->side][town].region;
	*country = g->side == OURS ? "UA" : "RU";
}

/* Home addresses, and that of the person to be informed: drawn from a
 * generator of their own, so that adding them left every other value
 * the demo draws as it was. Most records have a home address, some only
 * the town; a relative to be informed lives in the same home or nearby. */
static void addresses(gen *g)
{
	const char **f = g->p.f;
	rng r;
	rng_seed(&r, g->seed * 0x9E3779B97F4A7C15ull + (uint64_t)g->index + 0xADD2E55ull);
	int town = (int)rng_below(&r, 16);
	double x = rng_unit(&r);
	if(x < 0.7)
		address_in(g, &r, town, &f[PF_HOME_ADDRESS], &f[PF_HOME_LOCALITY], &f[PF_HOME_REGION],
		           &f[PF_HOME_COUNTRY]);
	else if(x < 0.85) {
		f[PF_HOME_LOCALITY] = towns[g->side][town].town;
		f[PF_HOME_COUNTRY] = g->side == OURS ? "UA" : "RU";
	}
	if(!f[PF_INFORM] || !rng_chance(&r, 0.6))
		return;
	if(f[PF_HOME_ADDRESS] && rng_chance(&r, 0.5)) {
		f[PF_INFORM_ADDRESS] = f[PF_HOME_ADDRESS];
		f[PF_INFORM_LOCALITY] = f[PF_HOME_LOCALITY];
		f[PF_INFORM_REGION] = f[PF_HOME_REGION];
		f[PF_INFORM_COUNTRY] = f[PF_HOME_COUNTRY];
		return;
	}
	address_in(g, &r, (int)rng_below(&r, 16), &f[PF_INFORM_ADDRESS], &f[PF_INFORM_LOCALITY],
	           &f[PF_INFORM_REGION], &f[PF_INFORM_COUNTRY]);
}

/* A synthetic service number in the shapes the two armies use. */
static const char *service_number(gen *g)
{
	static const char *const letters[] = {"А", "Б", "В", "Г", "Д", "Е", "Ж", "К", "М", "Н",
	                                      "О", "П", "Р", "С", "Т", "Х", NULL};
	double x = rng_unit(&g->r);
	if(x < 0.12)
		return NULL;
	if(g->side == OURS)
		return x < 0.6 ? demo_textf(g, "%s%s%06d", demo_pick_any(&g->r, letters), demo_pick_any(&g->r, letters),
		                       rng_range(&g->r, 0, 999999))
		               : demo_textf(g, "%d%05d", rng_range(&g->r, 10000, 99999),
		                       rng_range(&g->r, 0, 99999));
	return x < 0.75 ? demo_textf(g, "%s%s-%06d", demo_pick_any(&g->r, letters), demo_pick_any(&g->r, letters),
	                        rng_range(&g->r, 0, 999999))
	                : demo_textf(g, "%s-%06d", demo_pick_any(&g->r, letters), rng_range(&g->r, 0, 999999));
}

/* Synthetic unit numbers: "в/ч А1234" in Ukraine, five digits in Russia. */
static const char *unit(gen *g, const char *branch)
{
	if(rng_chance(&g->r, 0.2))
		return NULL;
	if(!strcmp(branch, "national_guard"))
		return demo_textf(g, "в/ч %04d", rng_range(&g->r, 3001, 3099));
	if(!strcmp(branch, "border_guard"))
		return demo_textf(g, "в/ч %04d", rng_range(&g->r, 2100, 2199));
	if(g->side == OURS)
		return demo_textf(g, "в/ч А%04d", rng_range(&g->r, 100, 7999));
	return demo_textf(g, "в/ч %05d", rng_range(&g->r, 10000, 99999));
}

static void service(gen *g)
{
	const char **f = g->p.f;
	const char *branch = PICK_TEXT(&g->r, branches[g->side]);
	f[PF_BRANCH] = branch;
	if(!strcmp(branch, "civilian"))
		return;
	if(rng_chance(&g->r, 0.95))
		f[PF_RANK] = PICK_TEXT(&g->r, ranks[g->side]);
	f[PF_SERVICE_NUMBER] = service_number(g);
	f[PF_UNIT] = unit(g, branch);
}

/* The day of capture (or of going missing), and the birth date for an age
 * of 18 to 60 then; some dates only known to the month or year. */
static void dates(gen *g)
{
	int year = PICK_SPAN(&g->r, capture_years);
	int32_t from = date_days_from_ymd(year == 2014 ? 20140414 : year == 2022 ? 20220224
	                                                                   : year * 10000 + 101);
	int32_t to = date_days_from_ymd(year == 2025 ? 20251015 : year * 10000 + 1231);
	g->taken = g->last = from + (int32_t)rng_below(&g->r, (uint32_t)(to - from + 1));
	g->place = demo_capture_place(&g->r, year);

	int32_t ymd = date_lo(date_from_days(g->taken));
	int32_t born = date_days_from_ymd(date_ymd_add_years(ymd, -PICK_SPAN(&g->r, ages)));
	born -= (int32_t)rng_below(&g->r, 365);
	static const wspan precision[] = {{3, 3, 80}, {2, 2, 4}, {1, 1, 10}, {0, 0, 6}};
	int parts = PICK_SPAN(&g->r, precision);
	g->p.f[PF_BIRTH_DATE] = parts ? demo_day(g, born, parts) : NULL;
	if(rng_chance(&g->r, 0.85))
		g->p.f[PF_BIRTH_PLACE] = demo_pick_any(&g->r, demo_birth_places[g->side]);
}

/* Who holds them now follows from the status: the holder while they are
 * alive in captivity or dead there, nobody once they are out. */
static void custody(gen *g)
{
	const char **f = g->p.f;
	const char *holder = g->side == OURS ? "RU" : "UA";
	/* Nobody knows yet that someone still missing was taken. */
	bool missing_route = g->what <= PLAN_FOUND_IDENTIFIED || g->st == ST_MISSING;
	switch(g->st) {
	case ST_CAPTURED:
		f[PF_HELD_BY] = holder;
		if(g->side == THEIRS)
			f[PF_DETENTION_PLACE] = g->detention;
		break;
	case ST_HELD:
	case ST_LISTED:
	case ST_DECLINED_REPATRIATION:
		f[PF_HELD_BY] = holder;
		f[PF_DETENTION_PLACE] = g->detention;
		break;
	case ST_DIED_IN_CAPTIVITY:
		f[PF_HELD_BY] = holder; /* the remains are still theirs */
		break;
	default:
		break;
	}
	if(!missing_route) {
		static const wspan precision[] = {{3, 3, 86}, {2, 2, 9}, {1, 1, 3}, {0, 0, 2}};
		int parts = PICK_SPAN(&g->r, precision);
		f[PF_CAPTURE_DATE] = parts ? demo_day(g, g->taken, parts) : NULL;
		f[PF_CAPTURE_PLACE] = rng_chance(&g->r, 0.9) ? g->place : NULL;
	}
}

/* Consent to repatriation (Art. 109): a refusal is dated, and so is most
 * of what the office has been told. */
static void consent(gen *g)
{
	const char **f = g->p.f;
	if(g->what <= PLAN_FOUND_IDENTIFIED || g->st == ST_MISSING)
		return;
	int32_t day = 0;
	if(g->st == ST_DECLINED_REPATRIATION) {
		f[PF_CONSENT] = "no";
		day = g->last;
	} else if(g->st == ST_CAPTURED) {
		f[PF_CONSENT] = rng_chance(&g->r, 0.6) ? "unknown" : NULL; /* nobody asked them yet */
	} else if(g->listed) {
		static const wtext c[] = {{"yes", 70}, {"unknown", 20}, {NULL, 10}};
		f[PF_CONSENT] = PICK_TEXT(&g->r, c);
		day = g->listed - rng_range(&g->r, 0, 30);
	} else {
		static const wtext c[] = {{"yes", 35}, {"unknown", 45}, {"no", 5}, {NULL, 15}};
		f[PF_CONSENT] = PICK_TEXT(&g->r, c);
		day = g->taken + rng_range(&g->r, 7, 400);
	}
	if(day > g->last)
		day = g->last;
	if(day < g->taken)
		day = g->taken;
	if(f[PF_CONSENT] && strcmp(f[PF_CONSENT], "unknown") && rng_chance(&g->r, 0.85))
		f[PF_CONSENT_DATE] = demo_day(g, day, 3);
}

/* About one record in ten is mostly unknown: a name from a list, little
 * else. The surname always stays, in one script or the other; a name part
 * goes in both scripts at once, and a consent date with its consent. */
static void sparse(gen *g)
{
	static const person_field drop[][2] = {
		{PF_GIVEN_NAMES, PF_GIVEN_NAMES_LATIN}, {PF_PATRONYMIC, PF_PATRONYMIC_LATIN},
		{PF_SEX, PF_COUNT}, {PF_BIRTH_DATE, PF_COUNT}, {PF_BIRTH_PLACE, PF_COUNT},
		{PF_RANK, PF_COUNT}, {PF_SERVICE_NUMBER, PF_COUNT}, {PF_UNIT, PF_COUNT},
		{PF_DEPENDS_ON, PF_COUNT}, {PF_INFORM, PF_COUNT}, {PF_MOTHER_MAIDEN_NAME, PF_COUNT},
		{PF_CAPTURE_DATE, PF_COUNT}, {PF_CAPTURE_PLACE, PF_COUNT}, {PF_MEDICAL, PF_COUNT},
		{PF_CONSENT, PF_CONSENT_DATE},
	};
	if(!rng_chance(&g->r, 0.1))
		return;
	for(size_t i = 0; i < COUNT(drop); i++) {
		if(!rng_chance(&g->r, 0.6))
			continue;
		g->p.f[drop[i][0]] = NULL;
		if(drop[i][1] != PF_COUNT)
			g->p.f[drop[i][1]] = NULL;
	}
}

/* Identifiers: the office's case number and, for about a third, the one
 * the ICRC's Central Tracing Agency gave. Multiplying by a number prime to
 * 10^9 keeps them unique while they look drawn at random. */
static void ids(gen *g)
{
	person *p = &g->p;
	p->ext[p->next++] = (ext_id){"hq", demo_textf(g, "HQ-%07ld", g->index + 1)};
	if(rng_chance(&g->r, 0.33)) {
		uint64_t n = ((uint64_t)g->index + g->seed % 1000000000u) * 387420489u % 1000000000u;
		p->ext[p->next++] = (ext_id){"icrc", demo_textf(g, "%s-%09llu", g->side == OURS ? "UA" : "RU",
		                                          (unsigned long long)n)};
	}
}

pl_rc demo_person_make(gen *g, long index, pl_err *err)
{
	demo_gen_start(g, index);
	memset(&g->p, 0, sizeof(g->p));
	g->nev = 0;
	g->st = ST_INITIAL;
	g->bad_event = -1;
	g->ended = false;
	g->listed = 0;
	g->dad = NULL;
	g->nomem = false;
	demo_uid(&g->r, 'P', g->p.uid);

	const char **f = g->p.f;
	g->side = rng_chance(&g->r, 0.65) ? OURS : THEIRS;
	g->sex = rng_chance(&g->r, 0.06) ? FEMALE : MALE;
	g->what = demo_plan(&g->r, g->side);
	f[PF_PARTY] = g->side == OURS ? "UA" : "RU";
	f[PF_SEX] = g->sex == MALE ? "male" : "female";
	if(rng_chance(&g->r, 0.5))
		f[PF_DEPENDS_ON] = f[PF_PARTY];
	person_names(g);
	service(g);
	dates(g);
	if(g->what > PLAN_FOUND_IDENTIFIED) {
		f[PF_MEDICAL] = PICK_TEXT(&g->r, medical);
		g->detention = demo_pick_any(&g->r, demo_detention_places[g->side]);
	} else {
		g->detention = NULL;
	}
	if(rng_chance(&g->r, 0.2))
		f[PF_MOTHER_MAIDEN_NAME] = demo_lang(g, demo_surname(g)->form[FEMALE]);
	if(rng_chance(&g->r, 0.3))
		inform(g);

	demo_story(g);
	if(g->bad_event >= 0)
		return pl_fail(err, PL_EINTEGRITY, "demo: person %ld: the story has %s where the "
		               "lifecycle does not allow it", index,
		               lifecycle_event_name((event_type)g->bad_event));
	g->p.status = g->st;
	custody(g);
	consent(g);
	sparse(g);
	ids(g);
	addresses(g);
	return arena_oom(&g->a) || g->nomem ? pl_nomem(err) : PL_OK;
}
