/* Partial calendar dates: YYYY, YYYY-MM or YYYY-MM-DD.
 *
 * Registries rarely know everything: a family knows the year of birth, a
 * counterpart list gives the month of capture. A pdate keeps exactly what
 * is known (month or day 0 = unknown) and answers range questions with the
 * earliest and latest day it could be. The text form sorts correctly as a
 * string ("2022" < "2022-03" < "2022-03-05"), which the store relies on. */
#ifndef PARLEY_CORE_DATE_H
#define PARLEY_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pdate {
	int y, m, d; /* m == 0: month unknown; d == 0: day unknown */
} pdate;

enum { DATE_STR_MAX = 11 };

/* Parse strictly. On failure returns false and *why says what was expected. */
bool date_parse(const char *s, pdate *out, const char **why);
/* Read a date as offices write it, for input from outside (imports, the
 * other side's lists, forms), n bytes of s, blanks around it ignored:
 * what date_parse takes; the day first, as Ukraine and Russia write it,
 * with dots, slashes or hyphens (12.03.1990, 2.3.1990, 12/03/1990,
 * 12-03-1990; the month and year alone, 03.1990); the year first with dots
 * or slashes (1990.03.12); a time after the day (1990-03-12 00:00:00,
 * 1990-03-12T00:00, as spreadsheets and databases export it); and the
 * year's word after it (1990 р., 12.03.1990 г., року, года). Never a
 * two-digit year: its century is a guess. On failure *why is as
 * date_parse's. */
bool date_read(const char *s, size_t n, pdate *out, const char **why);
/* "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
void date_format(pdate d, char out[DATE_STR_MAX]);
/* Earliest and latest possible day as YYYYMMDD. */
int32_t date_lo(pdate d);
int32_t date_hi(pdate d);
/* YYYYMMDD of the same day n years later (29 Feb -> 28 Feb). */
int32_t date_ymd_add_years(int32_t ymd, int years);
/* YYYYMMDD of the day n days later (n may be negative). */
int32_t date_ymd_add_days(int32_t ymd, int days);
/* Days since 1970-01-01 of a day given as YYYYMMDD, and back: generators
 * add days to dates and compare them. */
int32_t date_days_from_ymd(int32_t ymd);
pdate date_from_days(int32_t days);
bool date_is_leap(int y);
int date_days_in_month(int y, int m);
/* Today in UTC. PARLEY_TODAY=YYYY-MM-DD overrides it, for tests. */
pdate date_today(void);
/* Now as an ISO 8601 UTC timestamp with milliseconds:
 * "2026-11-25T09:30:00.123Z". For audit entries and record times. */
enum { TIMESTAMP_STR_MAX = 32 };
void date_now_iso(char out[TIMESTAMP_STR_MAX]);
/* Seconds on a monotonic clock: for measuring how long something took. */
double date_monotonic(void);
/* The range of possible ages on day `on` of someone born `birth`. */
void date_age_range(pdate birth, pdate on, int *min, int *max);

#endif
