/* Demo data: a synthetic registry as the office of party UA would hold it.
 *
 * Two kinds of people: our own (party UA) held by RU or missing, and RU
 * people we hold. Names are recombined from the words of the shipped uk/ru
 * dictionary, numbers come from the seeded generator, places are real
 * towns (places are not personal data): nothing describes a real person.
 *
 * Each person draws from a generator seeded from the demo seed and its
 * index, and is written as soon as it is made, so person i is the same
 * whatever the count and memory stays flat for a million persons. The
 * records go through the export writers: a demo file is byte for byte what
 * `parley export` writes for the same registry. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/hmap.h"
#include "core/rng.h"
#include "core/utf8.h"
#include "registry/internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum {
	END_YMD = 20251031,     /* nothing after this: the data imports whatever the day */
	MAX_EVENTS = 40,
	NAME_MAX = 256
};

enum { OURS, THEIRS };                /* a UA person; a RU person we hold */
enum { MALE, FEMALE };
enum { POOL_UA, POOL_RU };            /* surnames by their typical ending */

/* ---- weighted choices ------------------------------------------------- */

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
static size_t pick_index(rng *r, const unsigned *w, size_t stride, size_t n)
{
	const char *p = (const char *)w;
	unsigned total = 0;
	for(size_t i = 0; i < n; i++)
		total += *(const unsigned *)(p + i * stride);
	unsigned x = rng_below(r, total);
	for(size_t i = 0; i < n; i++) {
		unsigned wi = *(const unsigned *)(p + i * stride);
		if(x < wi)
			return i;
		x -= wi;
	}
	return n - 1;
}

#define PICK_INDEX(r, t, n) pick_index((r), &(t)[0].weight, sizeof((t)[0]), (n))
#define PICK(r, t) ((t)[PICK_INDEX((r), (t), COUNT(t))])

static const char *pick_text(rng *r, const wtext *t, size_t n)
{
	return t[PICK_INDEX(r, t, n)].text;
}

#define PICK_TEXT(r, t) pick_text((r), (t), COUNT(t))

static int pick_span(rng *r, const wspan *t, size_t n)
{
	const wspan *s = &t[PICK_INDEX(r, t, n)];
	return rng_range(r, s->lo, s->hi);
}

#define PICK_SPAN(r, t) pick_span((r), (t), COUNT(t))

/* One of a NULL-terminated list, uniformly. */
static const char *pick_any(rng *r, const char *const *list)
{
	size_t n = 0;
	while(list[n])
		n++;
	return list[rng_below(r, (uint32_t)n)];
}

/* ---- the tables --------------------------------------------------------- */

/* Common Ukrainian given names; the Russian forms come from the dictionary.
 * The weights give a plausible mix, not statistics. */
static const wtext male_names[] = {
	{"Олександр", 12}, {"Сергій", 9}, {"Андрій", 9}, {"Володимир", 7}, {"Дмитро", 7},
	{"Микола", 6}, {"Іван", 6}, {"Юрій", 6}, {"Віталій", 5}, {"Максим", 5}, {"Олег", 5},
	{"Віктор", 5}, {"Ігор", 5}, {"Василь", 5}, {"Михайло", 4}, {"Артем", 4}, {"Богдан", 4},
	{"Роман", 4}, {"Євген", 4}, {"Денис", 4}, {"Олексій", 3}, {"Вадим", 3}, {"Руслан", 3},
	{"Петро", 3}, {"Павло", 3}, {"Тарас", 3}, {"Ярослав", 3}, {"Владислав", 3},
	{"Анатолій", 3}, {"Валерій", 2}, {"Костянтин", 2}, {"Станіслав", 2}, {"Антон", 2},
	{"Назар", 2}, {"Кирило", 2}, {"Степан", 2}, {"Леонід", 2}, {"Григорій", 2},
	{"Данило", 2}, {"В'ячеслав", 2}, {"Ілля", 1}, {"Геннадій", 1}, {"Борис", 1}, {"Федір", 1},
};

static const wtext female_names[] = {
	{"Олена", 5}, {"Ольга", 5}, {"Наталія", 5}, {"Тетяна", 5}, {"Ірина", 4}, {"Юлія", 4},
	{"Оксана", 4}, {"Світлана", 3}, {"Анна", 3}, {"Марія", 3}, {"Катерина", 3},
	{"Вікторія", 3}, {"Людмила", 2}, {"Галина", 2}, {"Валентина", 2}, {"Яна", 2}, {"Інна", 1},
};

/* Patronymic endings: the dictionary does not label its rows. */
static const char *const patr_endings[2][5] = {
	[MALE] = {"ович", "евич", "іч", NULL},          /* -йович ends in -ович */
	[FEMALE] = {"івна", "ївна", "овна", "евна", NULL},
};

/* A father's name to the patronymics by its last letter, which is
 * replaced: Андрій -> Андрійович, Андріївна; Петро -> Петрович, Петрівна;
 * Микола -> Миколайович, Миколаївна; Ілля -> Ілліч, Іллівна; Василь ->
 * Васильович, Василівна; any other letter stays: Олександрович. The
 * result must also be in the dictionary, which has some misspelt rows. */
static const struct {
	const char *last, *end[2];
} patr_rules[] = {
	{"й", {"йович", "ївна"}}, {"о", {"ович", "івна"}}, {"а", {"айович", "аївна"}},
	{"я", {"іч", "івна"}}, {"ь", {"ьович", "івна"}}, {"", {"ович", "івна"}},
};

/* Surname endings in both languages with their feminine forms (NULL: the
 * same word) and the pool: UA persons draw mostly from Ukrainian endings,
 * RU persons mostly from Russian ones, as the two registries would look.
 * A row whose Russian form lacks the matching ending is not a surname of
 * this kind (Любов is Любовь, a woman's name). */
static const struct {
	const char *uk, *uk_female, *ru, *ru_female;
	int pool;
} surname_endings[] = {
	{"енко", NULL, "енко", NULL, POOL_UA}, {"чук", NULL, "чук", NULL, POOL_UA},
	{"юк", NULL, "юк", NULL, POOL_UA}, {"ук", NULL, "ук", NULL, POOL_UA},
	{"ський", "ська", "ский", "ская", POOL_UA}, {"цький", "цька", "цкий", "цкая", POOL_UA},
	{"ко", NULL, "ко", NULL, POOL_UA}, {"як", NULL, "як", NULL, POOL_UA},
	{"ов", "ова", "ов", "ова", POOL_RU}, {"ев", "ева", "ев", "ева", POOL_RU},
	{"єв", "єва", "ев", "ева", POOL_RU}, {"ін", "іна", "ин", "ина", POOL_RU},
	{"їн", "їна", "ин", "ина", POOL_RU},
};

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

static const char *const birth_places[2][31] = {
	[OURS] = {"Київ", "Харків", "Одеса", "Дніпро", "Львів", "Запоріжжя", "Вінниця", "Полтава",
	          "Чернігів", "Суми", "Житомир", "Черкаси", "Миколаїв", "Херсон", "Кропивницький",
	          "Хмельницький", "Рівне", "Луцьк", "Тернопіль", "Івано-Франківськ", "Ужгород",
	          "Чернівці", "Кременчук", "Біла Церква", "Краматорськ", "Слов'янськ", "Маріуполь",
	          "Кривий Ріг", "Нікополь", "Конотоп", NULL},
	[THEIRS] = {"Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань",
	            "Нижний Новгород", "Челябинск", "Самара", "Омск", "Ростов-на-Дону", "Уфа",
	            "Красноярск", "Пермь", "Воронеж", "Волгоград", "Краснодар", "Саратов",
	            "Тюмень", "Барнаул", "Иркутск", "Хабаровск", "Ярославль", "Томск", "Оренбург",
	            "Кемерово", "Рязань", "Курск", "Белгород", "Брянск", "Улан-Удэ", NULL},
};

/* Where people were taken, by the years the fighting was there. */
static const struct {
	int from, to;
	const char *place;
	unsigned weight;
} capture_places[] = {
	{2014, 2015, "Іловайськ", 4}, {2014, 2015, "Дебальцеве", 4},
	{2014, 2015, "Донецький аеропорт", 3}, {2014, 2015, "Луганський аеропорт", 2},
	{2014, 2015, "Щастя", 1}, {2014, 2015, "Широкине", 1}, {2016, 2021, "Авдіївка", 2},
	{2016, 2021, "Мар'їнка", 2}, {2016, 2021, "Світлодарськ", 1}, {2016, 2021, "Золоте", 1},
	{2022, 2022, "Маріуполь", 12}, {2022, 2022, "Сєвєродонецьк", 3},
	{2022, 2022, "Лисичанськ", 3}, {2022, 2022, "Рубіжне", 2}, {2022, 2022, "Попасна", 2},
	{2022, 2022, "Ізюм", 2}, {2022, 2022, "Херсон", 2}, {2022, 2022, "Мелітополь", 1},
	{2022, 2022, "Енергодар", 1}, {2022, 2022, "Волноваха", 2}, {2022, 2022, "Гуляйполе", 1},
	{2022, 2022, "Куп'янськ", 1}, {2022, 2023, "Бахмут", 4}, {2022, 2023, "Лиман", 1},
	{2023, 2023, "Соледар", 2}, {2023, 2024, "Авдіївка", 3}, {2023, 2023, "Вугледар", 1},
	{2023, 2023, "Роботине", 1}, {2023, 2025, "Кремінна", 1}, {2023, 2023, "Кліщіївка", 1},
	{2024, 2024, "Вовчанськ", 2}, {2024, 2025, "Покровськ", 3}, {2024, 2025, "Торецьк", 2},
	{2024, 2025, "Часів Яр", 2}, {2024, 2024, "Курахове", 1}, {2024, 2024, "Селидове", 1},
	{2024, 2025, "Суджа, Курська область", 2}, {2024, 2025, "Коренево, Курська область", 1},
	{2025, 2025, "Костянтинівка", 2}, {2025, 2025, "Куп'янськ", 1}, {2025, 2025, "Сіверськ", 1},
};

static const char *const detention_places[2][13] = {
	[OURS] = {"СІЗО, Таганрог", "СІЗО, Курськ", "СІЗО, Брянськ", "СІЗО, Бєлгород",
	          "СІЗО, Ростов-на-Дону", "СІЗО, Донецьк", "СІЗО, Сімферополь",
	          "виправна колонія, Мордовія", "виправна колонія, Рязанська область",
	          "виправна колонія, Воронезька область", "колонія, Оленівка",
	          "СІЗО, Новозибків", NULL},
	[THEIRS] = {"табір для військовополонених, Львівська область", "СІЗО, Київ",
	            "СІЗО, Харків", "СІЗО, Дніпро", "СІЗО, Запоріжжя", "СІЗО, Одеса",
	            "СІЗО, Житомир", NULL},
};

static const char *const hospitals[2][5] = {
	[OURS] = {"лікарня, Донецьк", "госпіталь, Ростов-на-Дону", "лікарня, Курськ",
	          "лікарня, Таганрог", NULL},
	[THEIRS] = {"лікарня, Київ", "лікарня, Харків", "лікарня, Дніпро", "госпіталь, Львів", NULL},
};

static const char *const treatment_places[] = {
	"госпіталь, Київ", "госпіталь, Чернігів", "реабілітаційний центр, Львів",
	"лікарня, Вінниця", "госпіталь, Дніпро", NULL,
};

static const char *const burial_places[2][5] = {
	[OURS] = {"кладовище, Ростов-на-Дону", "кладовище, Донецьк", "кладовище, Таганрог",
	          "кладовище, Брянськ", NULL},
	[THEIRS] = {"кладовище, Дніпро", "кладовище, Харків", "кладовище, Запоріжжя", NULL},
};

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

enum { TRANSIT_FROM = 20240101 };  /* returnees pass through Belarus from then on */

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

/* ---- days --------------------------------------------------------------- */

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

/* ---- the dictionary ----------------------------------------------------- */

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

typedef struct dict_row {
	pair p;
	bool main_form;          /* count 2: the main Russian form */
} dict_row;

typedef struct dict {
	hmap by_uk;              /* Ukrainian form -> dict_row */
	dict_row **rows;         /* in file order */
	size_t n, cap;
} dict;

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);
	return n > k && !memcmp(s + n - k, end, k);
}

static bool cyr_upper(uint32_t c)
{
	return (c >= 0x410 && c <= 0x42F) || c == 0x401 || c == 0x404 || c == 0x406 ||
	       c == 0x407 || c == 0x490;
}

static bool cyr_lower(uint32_t c)
{
	return (c >= 0x430 && c <= 0x44F) || c == 0x451 || c == 0x454 || c == 0x456 ||
	       c == 0x457 || c == 0x491;
}

/* Letters one language has and the other does not. */
static bool only_ukrainian(uint32_t c)
{
	return c == 0x404 || c == 0x454 || c == 0x406 || c == 0x456 || c == 0x407 || c == 0x457 ||
	       c == 0x490 || c == 0x491;
}

static bool only_russian(uint32_t c)
{
	return c == 0x401 || c == 0x451 || c == 0x42A || c == 0x44A || c == 0x42B || c == 0x44B ||
	       c == 0x42D || c == 0x44D;
}

/* One name word as it should be written: a capital Cyrillic letter, then
 * small ones, and in Ukrainian apostrophes between letters. Rows with
 * spaces, commas, Greek or Latin look-alikes or capitals inside fail. */
static bool name_word(const char *s, bool russian)
{
	size_t n = strlen(s), i = 0, letters = 0;
	uint32_t prev = 0;
	while(i < n) {
		uint32_t c;
		size_t k = utf8_decode(s + i, n - i, &c);
		if(!k)
			return false;
		bool apostrophe = c == '\'' || c == 0x2019 || c == 0x02BC;
		if(apostrophe) {
			if(russian || !letters || prev == '\'' || i + k == n)
				return false;
		} else if(letters ? !cyr_lower(c) : !cyr_upper(c)) {
			return false;
		} else if(russian ? only_ukrainian(c) : only_russian(c)) {
			return false;
		} else {
			letters++;
		}
		prev = apostrophe ? '\'' : c;
		i += k;
	}
	return letters >= 2;
}

static const dict_row *dict_get(const dict *d, const char *uk)
{
	return hmap_get(&d->by_uk, uk, strlen(uk));
}

static pl_rc dict_add(dict *d, arena *a, const char *uk, const char *ru, bool main_form)
{
	dict_row *row = hmap_get(&d->by_uk, uk, strlen(uk));
	if(row) {
		/* A variant first, the main form later: the main form wins. */
		if(main_form && !row->main_form) {
			row->p.ru = arena_strdup(a, ru);
			row->main_form = true;
		}
		return PL_OK;
	}
	if(d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 1024;
		dict_row **rows = realloc(d->rows, cap * sizeof(*rows));
		if(!rows)
			return PL_ENOMEM;
		d->rows = rows;
		d->cap = cap;
	}
	row = arena_alloc(a, sizeof(*row));
	if(!row)
		return PL_ENOMEM;
	row->p.uk = arena_strdup(a, uk);
	row->p.ru = arena_strdup(a, ru);
	row->main_form = main_form;
	d->rows[d->n++] = row;
	return row->p.uk ? hmap_put(&d->by_uk, row->p.uk, strlen(row->p.uk), row) : PL_ENOMEM;
}

static pl_rc dict_read(dict *d, arena *a, pl_err *err)
{
	size_t len;
	const char *text = names_dict_text(&len);
	FILE *f = fmemopen((void *)text, len, "r");
	if(!f)
		return pl_fail(err, PL_EIO, "demo: cannot read the names dictionary: %s", strerror(errno));
	csv_reader *cr;
	pl_rc rc = csv_reader_open(&cr, f, "uk_ru_names.csv", err);
	if(rc) {
		fclose(f);
		return rc;
	}
	csv_record rec;
	bool eof = false;
	rc = csv_read(cr, &rec, &eof, err);
	if(!rc && (eof || rec.nfields < 3 || strcmp(rec.fields[0], "uk") ||
	           strcmp(rec.fields[1], "ru")))
		rc = pl_fail(err, PL_EINTEGRITY, "demo: the names dictionary does not start with "
		             "the columns uk,ru,count");
	while(!rc && !(rc = csv_read(cr, &rec, &eof, err)) && !eof) {
		if(rec.nfields < 3 || !name_word(rec.fields[0], false) || !name_word(rec.fields[1], true))
			continue;
		if(dict_add(d, a, rec.fields[0], rec.fields[1], !strcmp(rec.fields[2], "2")))
			rc = pl_nomem(err);
	}
	csv_reader_close(cr);
	fclose(f);
	return rc;
}

/* MALE or FEMALE if the row is a patronymic in both languages, else -1. */
static int patronymic_sex(const pair *p)
{
	for(int sex = MALE; sex <= FEMALE; sex++)
		for(int i = 0; patr_endings[sex][i]; i++)
			if(ends_with(p->uk, patr_endings[sex][i]))
				return ends_with(p->ru, sex == MALE ? "ич" : "на") ? sex : -1;
	return -1;
}

/* The patronymic row a father's name gives a child of that sex, or NULL. */
static const dict_row *patronymic_of(const dict *d, const char *name, int sex)
{
	size_t i = 0;
	while(!ends_with(name, patr_rules[i].last) && patr_rules[i].last[0])
		i++;
	char w[NAME_MAX];
	int keep = (int)(strlen(name) - strlen(patr_rules[i].last));
	snprintf(w, sizeof(w), "%.*s%s", keep, name, patr_rules[i].end[sex]);
	const dict_row *row = dict_get(d, w);
	return row && patronymic_sex(&row->p) == sex ? row : NULL;
}

/* Whether a word is a given name rather than a surname: one of ours, or a
 * name the dictionary makes patronymics from (Марко, Лев, Веніамін). */
static bool given_name(const dict *d, const char *w)
{
	for(size_t i = 0; i < COUNT(male_names); i++)
		if(!strcmp(male_names[i].text, w))
			return true;
	for(size_t i = 0; i < COUNT(female_names); i++)
		if(!strcmp(female_names[i].text, w))
			return true;
	return patronymic_of(d, w, MALE) || patronymic_of(d, w, FEMALE);
}

/* s with its last `cut` bytes replaced by `end`. */
static const char *swap_end(arena *a, const char *s, size_t cut, const char *end)
{
	size_t keep = strlen(s) - cut, n = strlen(end);
	char *w = arena_alloc(a, keep + n + 1);
	if(w) {
		memcpy(w, s, keep);
		memcpy(w + keep, end, n + 1);
	}
	return w;
}

/* w's feminine form: its ending `end` replaced by `female` (NULL: w). */
static const char *feminine(arena *a, const char *w, const char *end, const char *female)
{
	return female ? swap_end(a, w, strlen(end), female) : w;
}

static void add_surname(demo_names *nm, const dict *d, const pair *p)
{
	size_t k;
	for(k = 0; k < COUNT(surname_endings); k++)
		if(ends_with(p->uk, surname_endings[k].uk))
			break;
	if(k == COUNT(surname_endings) || !ends_with(p->ru, surname_endings[k].ru) ||
	   given_name(d, p->uk))
		return;
	int pool = surname_endings[k].pool;
	surname *s = &nm->surnames[pool][nm->nsurnames[pool]++];
	s->form[MALE] = *p;
	s->form[FEMALE].uk = feminine(&nm->a, p->uk, surname_endings[k].uk,
	                              surname_endings[k].uk_female);
	s->form[FEMALE].ru = feminine(&nm->a, p->ru, surname_endings[k].ru,
	                              surname_endings[k].ru_female);
}

static pl_rc classify(demo_names *nm, const dict *d, pl_err *err)
{
	for(int i = 0; i < 2; i++) {
		nm->patr[i] = arena_alloc(&nm->a, (d->n + 1) * sizeof(pair));
		nm->surnames[i] = arena_alloc(&nm->a, (d->n + 1) * sizeof(surname));
	}
	if(arena_oom(&nm->a))
		return pl_nomem(err);
	for(size_t i = 0; i < d->n; i++) {
		const pair *p = &d->rows[i]->p;
		int sex = patronymic_sex(p);
		if(sex >= 0)
			nm->patr[sex][nm->npatr[sex]++] = *p;
		else
			add_surname(nm, d, p);
	}
	return arena_oom(&nm->a) ? pl_nomem(err) : PL_OK;
}

/* Our given names with their Russian forms; a name the dictionary lacks is
 * left out. The men's names are also the fathers' names. */
static pl_rc take_given(demo_names *nm, const dict *d, pl_err *err)
{
	const wtext *lists[2] = {male_names, female_names};
	size_t sizes[2] = {COUNT(male_names), COUNT(female_names)};
	nm->fathers = arena_alloc(&nm->a, COUNT(male_names) * sizeof(father));
	for(int sex = MALE; sex <= FEMALE; sex++) {
		nm->given[sex] = arena_alloc(&nm->a, sizes[sex] * sizeof(given));
		if(!nm->given[sex] || !nm->fathers)
			return pl_nomem(err);
		for(size_t i = 0; i < sizes[sex]; i++) {
			const dict_row *row = dict_get(d, lists[sex][i].text);
			if(row)
				nm->given[sex][nm->ngiven[sex]++] = (given){row->p, lists[sex][i].weight};
		}
	}
	for(size_t i = 0; i < nm->ngiven[MALE]; i++) {
		const given *g = &nm->given[MALE][i];
		const dict_row *son = patronymic_of(d, g->name.uk, MALE);
		const dict_row *daughter = patronymic_of(d, g->name.uk, FEMALE);
		if(son && daughter)
			nm->fathers[nm->nfathers++] = (father){g->name, {son->p, daughter->p}, g->weight};
	}
	return PL_OK;
}

static pl_rc names_check(const demo_names *nm, pl_err *err)
{
	for(int i = 0; i < 2; i++)
		if(!nm->ngiven[i] || !nm->nfathers || !nm->npatr[i] || !nm->nsurnames[i])
			return pl_fail(err, PL_EINTEGRITY, "demo: the names dictionary lacks given names, "
			               "patronymics or surnames");
	return PL_OK;
}

static void demo_names_free(demo_names *nm)
{
	arena_free(&nm->a);
}

static pl_rc demo_names_load(demo_names *nm, pl_err *err)
{
	memset(nm, 0, sizeof(*nm));
	arena_init(&nm->a, 1 << 16);
	dict d = {0};
	hmap_init(&d.by_uk);
	pl_rc rc = dict_read(&d, &nm->a, err);
	if(!rc)
		rc = classify(nm, &d, err);
	if(!rc)
		rc = take_given(nm, &d, err);
	if(!rc)
		rc = names_check(nm, err);
	hmap_free(&d.by_uk);
	free(d.rows);
	if(rc)
		demo_names_free(nm);
	return rc;
}

/* ---- one person --------------------------------------------------------- */

typedef struct gen {
	const demo_names *nm;
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

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* A parley identifier from the seeded generator: the same seed gives the
 * same ids, so a demo file imported twice changes nothing. */
static void draw_uid(rng *r, char prefix, char out[UID_SIZE])
{
	uint64_t a = rng_next(r), b = rng_next(r);
	out[0] = prefix;
	for(int i = 0; i < 12; i++, a >>= 5)
		out[1 + i] = crockford[a & 31];
	for(int i = 12; i < 16; i++, b >>= 5)
		out[1 + i] = crockford[b & 31];
	out[UID_LEN] = '\0';
}

/* A day as text: parts 3 is YYYY-MM-DD, 2 YYYY-MM, 1 YYYY. */
static const char *day_text(gen *g, int32_t day, int parts)
{
	pdate d = date_from_days(day);
	if(parts < 3)
		d.d = 0;
	if(parts < 2)
		d.m = 0;
	char *s = arena_alloc(&g->a, DATE_STR_MAX);
	if(s)
		date_format(d, s);
	return s;
}

static const char *textf(gen *g, const char *fmt, ...) PL_PRINTF(2, 3);

static const char *textf(gen *g, const char *fmt, ...)
{
	char s[NAME_MAX * 4];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s, sizeof(s), fmt, ap);
	va_end(ap);
	return arena_strdup(&g->a, s);
}

/* ---- events ------------------------------------------------------------- */

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
	draw_uid(&g->r, 'E', e->uid);
	memcpy(e->person_uid, g->p.uid, UID_SIZE);
	e->f[EF_TYPE] = lifecycle_event_name(t);
	e->f[EF_DATE] = day_text(g, day, 3);
	const unsigned char *w = source_weights[g->side][t];
	unsigned ws[S_COUNT];
	for(int i = 0; i < S_COUNT; i++)
		ws[i] = w[i];
	e->f[EF_SOURCE] = sources[pick_index(&g->r, ws, sizeof(ws[0]), S_COUNT)];
	if(notes[t][0] && rng_chance(&g->r, 0.15))
		e->f[EF_NOTE] = pick_any(&g->r, notes[t]);
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
	set_place(add_after(g, EV_HOSPITAL_ADMISSION, 1, 60), pick_any(&g->r, hospitals[g->side]));
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
		g->detention = pick_any(&g->r, detention_places[g->side]);
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

static const char *handover_place(gen *g, int32_t day)
{
	static const char *const before_2022[] = {"лінія розмежування, Донецька область", NULL};
	static const char *const in_2022_2023[] = {"Запорізька область", "Сумська область", NULL};
	static const char *const since_2024[] = {"кордон з Білоруссю, Чернігівська область",
	                                         "кордон з Білоруссю, Волинська область", NULL};
	int32_t ymd = date_lo(date_from_days(day));
	return pick_any(&g->r, ymd < 20220101 ? before_2022
	                       : ymd < TRANSIT_FROM ? in_2022_2023 : since_2024);
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
	set_place(add(g, EV_HANDED_OVER, day), handover_place(g, day));
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
		set_place(add_after(g, EV_TREATMENT, 1, 60), pick_any(&g->r, treatment_places));
	if(rng_chance(&g->r, 0.2))
		add_after(g, EV_ASSISTANCE, 30, 200);
}

static void died(gen *g)
{
	event *e = add_after(g, EV_DIED_IN_CAPTIVITY, 20, 700);
	if(!e)
		return;
	e->f[EF_PLACE] = g->detention ? g->detention : pick_any(&g->r, hospitals[g->side]);
	e->f[EF_CAUSE] = pick_any(&g->r, causes);
	if(rng_chance(&g->r, 0.7)) {
		e->f[EF_BURIAL_PLACE] = pick_any(&g->r, burial_places[g->side]);
		e->f[EF_GRAVE] = rng_chance(&g->r, 0.5)
		                 ? textf(g, "ділянка %d, могила %d", rng_range(&g->r, 1, 40),
		                         rng_range(&g->r, 1, 400))
		                 : textf(g, "табличка № %d", rng_range(&g->r, 1, 9999));
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
	set_place(add(g, EV_REMAINS_RETURNED, day), handover_place(g, day));
	if(identify)
		set_place(add_after(g, EV_IDENTIFIED, 20, 540), "Київ");
}

static void story(gen *g)
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

/* ---- fields ------------------------------------------------------------- */

/* The language of the person's own records: Ukrainian for ours. */
static const char *lang(const gen *g, pair p)
{
	return g->side == OURS ? p.uk : p.ru;
}

static const surname *pick_surname(gen *g)
{
	const demo_names *nm = g->nm;
	int pool = rng_chance(&g->r, g->side == OURS ? 0.85 : 0.3) ? POOL_UA : POOL_RU;
	return &nm->surnames[pool][rng_below(&g->r, (uint32_t)nm->nsurnames[pool])];
}

static pair pick_given(gen *g, int sex)
{
	return g->nm->given[sex][PICK_INDEX(&g->r, g->nm->given[sex], g->nm->ngiven[sex])].name;
}

/* Mostly the patronymic of one of our given names; sometimes any other
 * from the dictionary. */
static pair pick_patronymic(gen *g, int sex)
{
	const demo_names *nm = g->nm;
	if(rng_chance(&g->r, 0.1)) {
		g->dad = NULL;
		return nm->patr[sex][rng_below(&g->r, (uint32_t)nm->npatr[sex])];
	}
	g->dad = &nm->fathers[PICK_INDEX(&g->r, nm->fathers, nm->nfathers)];
	return g->dad->patr[sex];
}

static const char *latin(gen *g, const char *s, names_scheme scheme)
{
	buf_reset(&g->scratch);
	if(names_transliterate(s, scheme, &g->scratch)) {
		g->nomem = true; /* the words were checked: only memory can fail */
		return NULL;
	}
	return arena_strdup(&g->a, buf_str(&g->scratch));
}

/* Names in the person's script; for some also in Latin, as a passport or
 * a counterpart list writes them, and for some only in Latin. Our people
 * in the Ukrainian national system, theirs in a mix of Russian schemes. */
static void person_names(gen *g)
{
	const char **f = g->p.f;
	g->sn = pick_surname(g);
	pair first = pick_given(g, g->sex), patr = pick_patronymic(g, g->sex);
	const char *cyr[3] = {lang(g, g->sn->form[g->sex]), lang(g, first), lang(g, patr)};
	double x = rng_unit(&g->r);
	bool with_latin = x < 0.48, only_latin = x < 0.08;
	if(with_latin) {
		static const names_scheme ru_schemes[] = {NAMES_ICAO9303, NAMES_BGN_RU, NAMES_GOST779B};
		names_scheme s = g->side == OURS ? NAMES_KMU2010 : ru_schemes[rng_below(&g->r, 3)];
		f[PF_SURNAME_LATIN] = latin(g, cyr[0], s);
		f[PF_GIVEN_NAMES_LATIN] = latin(g, cyr[1], s);
		f[PF_PATRONYMIC_LATIN] = latin(g, cyr[2], s);
	}
	if(!only_latin) {
		f[PF_SURNAME] = cyr[0];
		f[PF_GIVEN_NAMES] = cyr[1];
		f[PF_PATRONYMIC] = cyr[2];
	}
}

/* The person to be informed (Art. 122): a relative, with a town. */
static void inform(gen *g)
{
	static const char *const words[2][4] = {{"мати", "дружина", "сестра", "батько"},
	                                        {"мать", "жена", "сестра", "отец"}};
	const demo_names *nm = g->nm;
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
	pair first = rel == 3 ? g->dad->name : pick_given(g, FEMALE);
	const char *town = pick_any(&g->r, birth_places[g->side]);
	g->p.f[PF_INFORM] = textf(g, "%s: %s %s %s, %s %s", words[g->side][rel], lang(g, *sn),
	                          lang(g, first), lang(g, dad->patr[sex]),
	                          g->side == OURS ? "м." : "г.", town);
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
		return x < 0.6 ? textf(g, "%s%s%06d", pick_any(&g->r, letters), pick_any(&g->r, letters),
		                       rng_range(&g->r, 0, 999999))
		               : textf(g, "%d%05d", rng_range(&g->r, 10000, 99999),
		                       rng_range(&g->r, 0, 99999));
	return x < 0.75 ? textf(g, "%s%s-%06d", pick_any(&g->r, letters), pick_any(&g->r, letters),
	                        rng_range(&g->r, 0, 999999))
	                : textf(g, "%s-%06d", pick_any(&g->r, letters), rng_range(&g->r, 0, 999999));
}

/* Synthetic unit numbers: "в/ч А1234" in Ukraine, five digits in Russia. */
static const char *unit(gen *g, const char *branch)
{
	if(rng_chance(&g->r, 0.2))
		return NULL;
	if(!strcmp(branch, "national_guard"))
		return textf(g, "в/ч %04d", rng_range(&g->r, 3001, 3099));
	if(!strcmp(branch, "border_guard"))
		return textf(g, "в/ч %04d", rng_range(&g->r, 2100, 2199));
	if(g->side == OURS)
		return textf(g, "в/ч А%04d", rng_range(&g->r, 100, 7999));
	return textf(g, "в/ч %05d", rng_range(&g->r, 10000, 99999));
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

static const char *capture_place(gen *g, int year)
{
	unsigned w[COUNT(capture_places)];
	for(size_t i = 0; i < COUNT(capture_places); i++)
		w[i] = year >= capture_places[i].from && year <= capture_places[i].to
		       ? capture_places[i].weight : 0;
	return capture_places[pick_index(&g->r, w, sizeof(w[0]), COUNT(w))].place;
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
	g->place = capture_place(g, year);

	int32_t ymd = date_lo(date_from_days(g->taken));
	int32_t born = date_days_from_ymd(date_ymd_add_years(ymd, -PICK_SPAN(&g->r, ages)));
	born -= (int32_t)rng_below(&g->r, 365);
	static const wspan precision[] = {{3, 3, 80}, {2, 2, 4}, {1, 1, 10}, {0, 0, 6}};
	int parts = PICK_SPAN(&g->r, precision);
	g->p.f[PF_BIRTH_DATE] = parts ? day_text(g, born, parts) : NULL;
	if(rng_chance(&g->r, 0.85))
		g->p.f[PF_BIRTH_PLACE] = pick_any(&g->r, birth_places[g->side]);
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
		f[PF_CAPTURE_DATE] = parts ? day_text(g, g->taken, parts) : NULL;
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
		f[PF_CONSENT_DATE] = day_text(g, day, 3);
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
	p->ext[p->next++] = (ext_id){"hq", textf(g, "HQ-%07ld", g->index + 1)};
	if(rng_chance(&g->r, 0.33)) {
		uint64_t n = ((uint64_t)g->index + g->seed % 1000000000u) * 387420489u % 1000000000u;
		p->ext[p->next++] = (ext_id){"icrc", textf(g, "%s-%09llu", g->side == OURS ? "UA" : "RU",
		                                          (unsigned long long)n)};
	}
}

static pl_rc person_make(gen *g, long index, pl_err *err)
{
	arena_reset(&g->a);
	memset(&g->p, 0, sizeof(g->p));
	/* Person i has its own stream: the same whatever comes before it. */
	rng_seed(&g->r, g->seed * 0x9E3779B97F4A7C15ull + (uint64_t)index);
	g->index = index;
	g->nev = 0;
	g->st = ST_INITIAL;
	g->bad_event = -1;
	g->ended = false;
	g->listed = 0;
	g->dad = NULL;
	g->nomem = false;
	draw_uid(&g->r, 'P', g->p.uid);

	const char **f = g->p.f;
	g->side = rng_chance(&g->r, 0.65) ? OURS : THEIRS;
	g->sex = rng_chance(&g->r, 0.06) ? FEMALE : MALE;
	g->what = PICK(&g->r, plans[g->side]).what;
	f[PF_PARTY] = g->side == OURS ? "UA" : "RU";
	f[PF_SEX] = g->sex == MALE ? "male" : "female";
	if(rng_chance(&g->r, 0.5))
		f[PF_DEPENDS_ON] = f[PF_PARTY];
	person_names(g);
	service(g);
	dates(g);
	if(g->what > PLAN_FOUND_IDENTIFIED) {
		f[PF_MEDICAL] = PICK_TEXT(&g->r, medical);
		g->detention = pick_any(&g->r, detention_places[g->side]);
	} else {
		g->detention = NULL;
	}
	if(rng_chance(&g->r, 0.2))
		f[PF_MOTHER_MAIDEN_NAME] = lang(g, pick_surname(g)->form[FEMALE]);
	if(rng_chance(&g->r, 0.3))
		inform(g);

	story(g);
	if(g->bad_event >= 0)
		return pl_fail(err, PL_EINTEGRITY, "demo: person %ld: the story has %s where the "
		               "lifecycle does not allow it", index,
		               lifecycle_event_name((event_type)g->bad_event));
	g->p.status = g->st;
	custody(g);
	consent(g);
	sparse(g);
	ids(g);
	return arena_oom(&g->a) || g->nomem ? pl_nomem(err) : PL_OK;
}

/* ---- output ------------------------------------------------------------- */

/* Persons are made and written one at a time, in chunks of about 1 MiB:
 * memory stays the same whatever the count. Each person has its own
 * generator stream, so person i is the same however many follow. */
enum { FLUSH_AT = 1 << 20 };

static const char *const ext_sources[] = {"hq", "icrc"};

typedef struct output {
	FILE *persons_f, *events_f;
	export_writer pw, ew;         /* the persons (or JSON), the CSV events */
	buf persons, events;
} output;

static pl_rc put(FILE *f, buf *b, const char *what, pl_err *err)
{
	if(b->len && fwrite(b->ptr, 1, b->len, f) != b->len)
		return pl_fail(err, PL_EIO, "cannot write the %s: %s", what, strerror(errno));
	buf_reset(b);
	return PL_OK;
}

static pl_rc put_end(FILE *f, const char *what, pl_err *err)
{
	errno = 0;
	if(f && (fflush(f) || ferror(f)))
		return pl_fail(err, PL_EIO, "cannot write the %s: %s", what,
		               errno ? strerror(errno) : "write error");
	return PL_OK;
}

static pl_rc write_person(output *o, const gen *g)
{
	pl_rc rc = registry_export_person(&o->pw, &o->persons, &g->p, g->ev, g->nev);
	return rc || !o->events_f ? rc : registry_export_person(&o->ew, &o->events, &g->p, g->ev, g->nev);
}

static pl_rc generate(gen *g, output *o, long persons, pl_err *err)
{
	pl_rc rc = registry_export_head(&o->pw, &o->persons);
	if(!rc && o->events_f)
		rc = registry_export_head(&o->ew, &o->events);
	if(rc)
		return pl_nomem(err);
	for(long i = 0; i < persons && !rc; i++) {
		if((rc = person_make(g, i, err)))
			break;
		if(write_person(o, g))
			rc = pl_nomem(err);
		if(!rc && o->persons.len >= FLUSH_AT)
			rc = put(o->persons_f, &o->persons, "demo data", err);
		if(!rc && o->events_f && o->events.len >= FLUSH_AT)
			rc = put(o->events_f, &o->events, "demo events", err);
	}
	if(!rc && registry_export_tail(&o->pw, &o->persons))
		rc = pl_nomem(err);
	if(!rc)
		rc = put(o->persons_f, &o->persons, "demo data", err);
	if(!rc && o->events_f)
		rc = put(o->events_f, &o->events, "demo events", err);
	if(!rc)
		rc = put_end(o->persons_f, "demo data", err);
	if(!rc)
		rc = put_end(o->events_f, "demo events", err);
	return rc;
}

pl_rc registry_demo_generate(FILE *out, const demo_opts *o, pl_err *err)
{
	if(o->persons < 0)
		return pl_fail(err, PL_EUSAGE, "demo: the number of persons must be 0 or more, not %ld",
		               o->persons);
	demo_names nm;
	pl_rc rc = demo_names_load(&nm, err);
	if(rc)
		return rc;
	gen g = {.nm = &nm, .seed = o->seed, .end = date_days_from_ymd(END_YMD)};
	arena_init(&g.a, 16384);
	buf_init(&g.scratch, 4096);
	registry_format format = o->format == FORMAT_CSV ? FORMAT_CSV : FORMAT_JSON;
	output w = {.persons_f = out, .events_f = format == FORMAT_CSV ? o->events_csv : NULL,
	            .pw = {format, EXPORT_PERSONS, ext_sources, COUNT(ext_sources)},
	            .ew = {FORMAT_CSV, EXPORT_EVENTS}};
	buf_init(&w.persons, 0);
	buf_init(&w.events, 0);
	rc = generate(&g, &w, o->persons, err);
	buf_free(&w.persons);
	buf_free(&w.events);
	arena_free(&g.a);
	buf_free(&g.scratch);
	demo_names_free(&nm);
	return rc;
}

/* ---- linkage benchmarks ---------------------------------------------------
 *
 * Two lists of the same people, as two offices write them: side a as our
 * registry does (Ukrainian Cyrillic, 30% only in the Ukrainian passport
 * Latin of KMU 2010), side b as the other side's list does (the Russian
 * forms of the names: Олександр -> Александр; 40% only in Latin, in ICAO
 * 9303, BGN/PCGN or GOST 7.79 B), with the corruptions of LINKAGE_RATES.
 * Each side has people the other does not. Column ext.bench names the
 * person on both sides: the truth. */

/* The corruption rates of side b, documented in docs/matching.md. */
static const struct {
	double in_both;        /* of side a's people, also on side b */
	double only_latin_a, only_latin_b;
	double swapped_names;  /* given name and surname exchanged */
	double surname_typo;   /* one letter changed, dropped or doubled */
	double given_typo;
	double no_patronymic;
	double dm_swapped;     /* birth day and month exchanged (day <= 12) */
	double date_digit;     /* one digit of the birth date wrong */
	double year_only;      /* only the year of birth */
	double no_birth;       /* no birth date */
	double sn_transposed;  /* two neighbouring digits of the service number exchanged */
	double sn_digit;       /* one digit wrong */
	double no_service;     /* no service number (on either side) */
} LINKAGE_RATES = {0.8, 0.3, 0.4, 0.05, 0.08, 0.04, 0.2, 0.05, 0.05, 0.05, 0.05, 0.05, 0.03, 0.3};

typedef struct link_person {
	pair surname, given, patr;
	int32_t born;
	const char *service, *unit, *place;
	int sex;
} link_person;

static void link_person_make(gen *g, long index, link_person *lp)
{
	arena_reset(&g->a);
	rng_seed(&g->r, g->seed * 0x9E3779B97F4A7C15ull + (uint64_t)index);
	g->side = OURS;
	lp->sex = g->sex = rng_chance(&g->r, 0.06) ? FEMALE : MALE;
	g->sn = pick_surname(g);
	lp->surname = g->sn->form[lp->sex];
	lp->given = pick_given(g, lp->sex);
	lp->patr = pick_patronymic(g, lp->sex);
	lp->born = date_days_from_ymd(19650101) + (int32_t)rng_below(&g->r, 40 * 365);
	lp->service = rng_chance(&g->r, 1 - LINKAGE_RATES.no_service)
	              ? textf(g, "%d%05d", rng_range(&g->r, 10000, 99999), rng_range(&g->r, 0, 99999))
	              : NULL;
	lp->unit = rng_chance(&g->r, 0.7) ? textf(g, "в/ч А%04d", rng_range(&g->r, 100, 7999)) : NULL;
	lp->place = rng_chance(&g->r, 0.8) ? pick_any(&g->r, birth_places[OURS]) : NULL;
}

/* One letter of a Cyrillic word changed, dropped or doubled. */
static const char *typo(gen *g, const char *s)
{
	uint32_t cp[64];
	size_t n = 0;
	for(size_t i = 0; s[i] && n < 64;) {
		size_t k = utf8_decode(s + i, strlen(s + i), &cp[n]);
		if(!k)
			return s;
		i += k;
		n++;
	}
	if(n < 3)
		return s;
	size_t at = 1 + rng_below(&g->r, (uint32_t)(n - 1));
	int what = (int)rng_below(&g->r, 3);
	static const uint32_t letters[] = {0x430, 0x435, 0x438, 0x43E, 0x43D, 0x440, 0x43A, 0x432};
	if(what == 0)
		cp[at] = letters[rng_below(&g->r, 8)];
	else if(what == 1)
		memmove(cp + at, cp + at + 1, (--n - at) * sizeof(uint32_t));
	else if(n < 63) {
		memmove(cp + at + 1, cp + at, (n++ - at) * sizeof(uint32_t));
	}
	buf_reset(&g->scratch);
	for(size_t i = 0; i < n; i++) {
		char e[4];
		size_t k = utf8_encode(cp[i], e);
		if(buf_add(&g->scratch, e, k))
			g->nomem = true;
	}
	return arena_strdup(&g->a, buf_str(&g->scratch));
}

static const char *digit_changed(gen *g, const char *s)
{
	char *t = arena_strdup(&g->a, s);
	size_t n = t ? strlen(t) : 0;
	if(!n)
		return s;
	size_t at = rng_below(&g->r, (uint32_t)n);
	if(t[at] >= '0' && t[at] <= '9')
		t[at] = (char)('0' + (t[at] - '0' + 1 + (int)rng_below(&g->r, 9)) % 10);
	return t;
}

static const char *digits_transposed(gen *g, const char *s)
{
	char *t = arena_strdup(&g->a, s);
	size_t n = t ? strlen(t) : 0;
	for(int tries = 0; n >= 2 && tries < 8; tries++) {
		size_t at = rng_below(&g->r, (uint32_t)(n - 1));
		if(t[at] != t[at + 1]) {
			char c = t[at];
			t[at] = t[at + 1];
			t[at + 1] = c;
			break;
		}
	}
	return t ? t : s;
}

static const char *birth_text(gen *g, int32_t born, bool corrupt)
{
	pdate d = date_from_days(born);
	double x = corrupt ? rng_unit(&g->r) : 1;
	double at = LINKAGE_RATES.no_birth;
	if(x < at)
		return NULL;
	if(x < (at += LINKAGE_RATES.year_only))
		d.m = d.d = 0;
	else if(x < (at += LINKAGE_RATES.dm_swapped) && d.d <= 12 && d.d != d.m) {
		int m = d.m;
		d.m = d.d;
		d.d = m;
	}
	char *s = arena_alloc(&g->a, DATE_STR_MAX);
	if(!s)
		return NULL;
	date_format(d, s);
	if(corrupt && x >= at && x < at + LINKAGE_RATES.date_digit) {
		/* A digit of the day or the year's last two, so that it stays a date. */
		static const int pos[] = {2, 3, 9};
		int p = pos[rng_below(&g->r, 3)];
		s[p] = (char)('0' + (s[p] - '0' + 1 + (int)rng_below(&g->r, (p == 9 ? 8 : 9))) % 10);
		pdate chk;
		const char *why;
		if(!date_parse(s, &chk, &why))
			date_format(d, s);
	}
	return s;
}

enum { LINK_COLS = 12 };
static const char *const link_header[LINK_COLS] = {
	"ext.bench", "surname", "given_names", "patronymic", "surname_latin", "given_names_latin",
	"patronymic_latin", "sex", "birth_date", "birth_place", "service_number", "unit"};

static pl_rc link_row(gen *g, buf *out, long index, const link_person *lp, bool side_b)
{
	const char *v[LINK_COLS] = {0};
	v[0] = textf(g, "L%07ld", index);
	const char *nm3[3] = {side_b ? lp->surname.ru : lp->surname.uk,
	                        side_b ? lp->given.ru : lp->given.uk, side_b ? lp->patr.ru : lp->patr.uk};
	if(side_b) {
		if(rng_chance(&g->r, LINKAGE_RATES.surname_typo))
			nm3[0] = typo(g, nm3[0]);
		if(rng_chance(&g->r, LINKAGE_RATES.given_typo))
			nm3[1] = typo(g, nm3[1]);
		if(rng_chance(&g->r, LINKAGE_RATES.no_patronymic))
			nm3[2] = NULL;
		if(rng_chance(&g->r, LINKAGE_RATES.swapped_names)) {
			const char *t = nm3[0];
			nm3[0] = nm3[1];
			nm3[1] = t;
		}
	}
	static const names_scheme ru_schemes[] = {NAMES_ICAO9303, NAMES_BGN_RU, NAMES_GOST779B};
	if(rng_chance(&g->r, side_b ? LINKAGE_RATES.only_latin_b : LINKAGE_RATES.only_latin_a)) {
		names_scheme s = side_b ? ru_schemes[rng_below(&g->r, 3)] : NAMES_KMU2010;
		for(int k = 0; k < 3; k++)
			v[4 + k] = nm3[k] ? latin(g, nm3[k], s) : NULL;
	} else {
		for(int k = 0; k < 3; k++)
			v[1 + k] = nm3[k];
	}
	v[7] = lp->sex == MALE ? "male" : "female";
	v[8] = birth_text(g, lp->born, side_b);
	v[9] = lp->place;
	v[10] = lp->service;
	if(side_b && lp->service) {
		double x = rng_unit(&g->r);
		if(x < LINKAGE_RATES.sn_transposed)
			v[10] = digits_transposed(g, lp->service);
		else if(x < LINKAGE_RATES.sn_transposed + LINKAGE_RATES.sn_digit)
			v[10] = digit_changed(g, lp->service);
	}
	v[11] = lp->unit;
	if(arena_oom(&g->a) || g->nomem)
		return PL_ENOMEM;
	return csv_format_record(out, v, LINK_COLS);
}

pl_rc registry_demo_linkage(FILE *a, FILE *b, long n, uint64_t seed, pl_err *err)
{
	if(n < 0)
		return pl_fail(err, PL_EUSAGE, "demo: the number of persons must be 0 or more, not %ld", n);
	demo_names nm;
	pl_rc rc = demo_names_load(&nm, err);
	if(rc)
		return rc;
	gen g = {.nm = &nm, .seed = seed, .end = date_days_from_ymd(END_YMD)};
	arena_init(&g.a, 16384);
	buf_init(&g.scratch, 4096);
	buf ba, bb;
	buf_init(&ba, 0);
	buf_init(&bb, 0);
	rc = csv_format_record(&ba, link_header, LINK_COLS);
	if(!rc)
		rc = csv_format_record(&bb, link_header, LINK_COLS);
	/* Person i is on side a; on side b too with probability in_both; side
	 * b is filled up to n with people of its own (indexes n, n+1, ...). */
	long own = n;
	for(long i = 0; i < n && !rc; i++) {
		link_person lp;
		link_person_make(&g, i, &lp);
		bool both = rng_chance(&g.r, LINKAGE_RATES.in_both);
		rc = link_row(&g, &ba, i, &lp, false);
		if(!rc && both)
			rc = link_row(&g, &bb, i, &lp, true);
		if(!rc && !both) {
			link_person_make(&g, own, &lp);
			rc = link_row(&g, &bb, own++, &lp, true);
		}
		if(!rc && ba.len >= FLUSH_AT)
			rc = put(a, &ba, "side a", err);
		if(!rc && bb.len >= FLUSH_AT)
			rc = put(b, &bb, "side b", err);
	}
	if(rc == PL_ENOMEM)
		pl_nomem(err);
	if(!rc)
		rc = put(a, &ba, "side a", err);
	if(!rc)
		rc = put(b, &bb, "side b", err);
	if(!rc)
		rc = put_end(a, "side a", err);
	if(!rc)
		rc = put_end(b, "side b", err);
	buf_free(&ba);
	buf_free(&bb);
	arena_free(&g.a);
	buf_free(&g.scratch);
	demo_names_free(&nm);
	return rc;
}
