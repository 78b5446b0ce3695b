/* Demo remains: a cases file as the office of party UA would receive it
 * from RU, in batches of about 1,200 on handover days spread up to the end
 * of October 2025, with the conditions, recovery places and forensic
 * bureaus of such returns. Tags name the receiving party, the handover day
 * and a number in the batch ("UA-2025-06-11-0001"). Places and bureaus
 * are real (they are not personal data); nothing names a person, so every
 * case is unidentified. The same n and seed give the same bytes. */
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "demo/demo.h"
#include "demo/internal.h"

enum {
	BATCH_MIN = 1150, BATCH_MAX = 1250,
	FIRST_YMD = 20220601,       /* the earliest handover */
	LAST_YMD = 20251030,        /* the latest: the file imports whatever the day */
	WAR_YMD = 20220224,         /* nothing was recovered before */
	DEMO_MAX = 1000000          /* a handover a day at most, within those dates */
};

static const wtext conditions[] = {
	{"complete", 20}, {"incomplete", 25}, {"fragmented", 20}, {"skeletal", 25}, {"commingled", 10},
};

static const wtext places[] = {
	{"Бахмутський район, Донецька область", 14}, {"Покровський район, Донецька область", 12},
	{"Краматорський район, Донецька область", 8}, {"Волноваський район, Донецька область", 5},
	{"Маріуполь, Донецька область", 6}, {"Сєвєродонецький район, Луганська область", 5},
	{"Куп'янський район, Харківська область", 6}, {"Ізюмський район, Харківська область", 4},
	{"Пологівський район, Запорізька область", 7}, {"Василівський район, Запорізька область", 4},
	{"Херсонський район, Херсонська область", 3}, {"Суджанський район, Курська область", 4},
	{NULL, 12}, /* not known */
};

static const wtext bureaus[] = {
	{"Київське міське клінічне бюро СМЕ", 40}, {"Дніпропетровське обласне бюро СМЕ", 25},
	{"Запорізьке обласне бюро СМЕ", 15}, {"Харківське обласне бюро СМЕ", 12},
	{"Черкаське обласне бюро СМЕ", 8},
};

/* The sizes of the batches come from their own generator, so that they
 * can be counted before the days are spread over them. */
static long count_batches(long n, uint64_t seed)
{
	rng r;
	rng_seed(&r, seed ^ 0xB47C4E5ull);
	long batches = 0;
	for(long left = n; left > 0; batches++)
		left -= rng_range(&r, BATCH_MIN, BATCH_MAX);
	return batches;
}

/* "2024-05", "2024" or "" as well as full dates: a recovery is not always
 * known to the day. */
static void recovery_date(rng *r, int32_t handover, char out[DATE_STR_MAX])
{
	int32_t day = handover - rng_range(r, 20, 700), war = date_days_from_ymd(WAR_YMD);
	date_format(date_from_days(day < war ? war : day), out);
	unsigned x = rng_below(r, 100);
	if(x < 10)
		out[0] = '\0';
	else if(x < 15)
		out[4] = '\0';
	else if(x < 40)
		out[7] = '\0';
}

typedef struct batch_gen {
	const char *label;
	char date[DATE_STR_MAX];
	int32_t day;
	long size;
} batch_gen;

static pl_rc write_case(buf *b, rng *r, const batch_gen *g, long k)
{
	char tag[40], found[DATE_STR_MAX], since[DATE_STR_MAX];
	snprintf(tag, sizeof(tag), "UA-%s-%04ld", g->date, k);
	recovery_date(r, g->day, found);
	int32_t last = date_days_from_ymd(LAST_YMD), held = g->day + rng_range(r, 0, 2);
	date_format(date_from_days(held > last ? last : held), since);
	const char *condition = PICK_TEXT(r, conditions);
	const char *note = !strcmp(condition, "commingled") ? "у мішку частини кількох осіб"
	                   : rng_chance(r, 0.03)             ? "бирку пошкоджено, номер відновлено"
	                                                     : NULL;
	const char *row[] = {tag, g->label, "RU", "UA", g->date, PICK_TEXT(r, places), found,
	                     condition, "unidentified", PICK_TEXT(r, bureaus), since, note};
	return csv_format_record(b, row, COUNT(row));
}

pl_rc remains_demo_generate(FILE *out, long n, uint64_t seed, pl_err *err)
{
	if(n < 0 || n > DEMO_MAX)
		return pl_fail(err, PL_EINPUT, "demo remains: from 0 to %d cases", DEMO_MAX);
	static const char *const head[] = {"tag", "batch", "from_party", "to_party", "handover_date",
	                                   "recovery_place", "recovery_date", "condition", "status",
	                                   "holder", "custody_since", "note"};
	long batches = count_batches(n, seed);
	int32_t first = date_days_from_ymd(FIRST_YMD), last = date_days_from_ymd(LAST_YMD);
	int32_t gap = batches > 1 ? (last - first) / (int32_t)(batches - 1) : 0;
	if(gap > 21)
		gap = 21; /* returns came every few weeks */
	rng sizes, r;
	rng_seed(&sizes, seed ^ 0xB47C4E5ull);
	rng_seed(&r, seed);
	buf b;
	buf_init(&b, 0);
	pl_rc rc = csv_format_record(&b, head, COUNT(head));
	long left = n;
	for(long i = 0; i < batches && !rc; i++) {
		batch_gen g = {.day = last - (int32_t)(batches - 1 - i) * gap};
		g.size = rng_range(&sizes, BATCH_MIN, BATCH_MAX);
		g.size = g.size < left ? g.size : left;
		left -= g.size;
		date_format(date_from_days(g.day), g.date);
		char label[40];
		snprintf(label, sizeof(label), "RU-UA-%s", g.date);
		g.label = label;
		for(long k = 1; k <= g.size && !rc; k++) {
			rc = write_case(&b, &r, &g, k);
			if(!rc && b.len >= FLUSH_AT)
				rc = demo_put(out, &b, "demo remains", err);
		}
	}
	if(!rc)
		rc = demo_put(out, &b, "demo remains", err);
	buf_free(&b);
	/* demo_put has said what went wrong; the CSV writer only runs out of memory. */
	return rc && rc != PL_EIO ? pl_fail(err, rc, "demo remains: %s", pl_rc_str(rc)) : rc;
}
