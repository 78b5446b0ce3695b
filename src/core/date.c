#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if(m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;
	for(int i = 0; i < n; i++) {
		if(s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool date_parse(const char *s, pdate *out, const char **why)
{
	static const char *expected = "expected a date as YYYY, YYYY-MM or YYYY-MM-DD";
	size_t n = strlen(s);
	pdate d = {0, 0, 0};
	if(n != 4 && n != 7 && n != 10) {
		*why = expected;
		return false;
	}
	d.y = digits(s, 4);
	if(d.y < 0) {
		*why = expected;
		return false;
	}
	if(d.y < 1800 || d.y > 2200) {
		*why = "year out of range (1800-2200)";
		return false;
	}
	if(n >= 7) {
		if(s[4] != '-' || (d.m = digits(s + 5, 2)) < 0) {
			*why = expected;
			return false;
		}
		if(d.m < 1 || d.m > 12) {
			*why = "month out of range (01-12)";
			return false;
		}
	}
	if(n == 10) {
		if(s[7] != '-' || (d.d = digits(s + 8, 2)) < 0) {
			*why = expected;
			return false;
		}
		if(d.d < 1 || d.d > date_days_in_month(d.y, d.m)) {
			*why = "no such day in that month";
			return false;
		}
	}
	*out = d;
	return true;
}

/* A run of 1 to `max` digits at s: its value, and its length in *len;
 * -1 for none or more. */
static int number(const char *s, const char *end, int max, int *len)
{
	int v = 0, k = 0;
	while(s + k < end && k <= max && s[k] >= '0' && s[k] <= '9')
		v = v * 10 + (s[k++] - '0');
	*len = k;
	return k && k <= max ? v : -1;
}

/* end moved back over blanks: spaces, tabs, no-break spaces (U+00A0). */
static const char *trim_end(const char *s, const char *end)
{
	for(;;) {
		if(end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		else if(end - s >= 2 && (unsigned char)end[-2] == 0xC2 && (unsigned char)end[-1] == 0xA0)
			end -= 2;
		else
			return end;
	}
}

/* Where a year's word after the digits (1990 р., 12.03.1990 г., року,
 * года) starts, blanks before it included; end if there is none. */
static const char *year_word(const char *s, const char *end)
{
	static const char *const words[] = {"року", "рік", "года", "год", "р.", "г.", "р", "г", NULL};
	for(int i = 0; words[i]; i++) {
		size_t k = strlen(words[i]);
		if((size_t)(end - s) <= k || memcmp(end - k, words[i], k))
			continue;
		const char *at = trim_end(s, end - k);
		return at > s && at[-1] >= '0' && at[-1] <= '9' ? at : end;
	}
	return end;
}

/* A time of day after a whole date ("00:00:00", "00:00:00.000Z"): digits,
 * colons and dots, a Z at most at the end. */
static bool time_of_day(const char *p, const char *end)
{
	if(p >= end || *p < '0' || *p > '9')
		return false;
	for(; p < end; p++)
		if(!((*p >= '0' && *p <= '9') || *p == ':' || *p == '.' || (*p == 'Z' && p + 1 == end)))
			return false;
	return true;
}

/* The strict form of `count` parts (a year; a year and month; a day),
 * judged by date_parse. */
static bool read_parts(int y, int m, int d, int count, pdate *out, const char **why)
{
	char iso[16];
	if(count == 3)
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	else if(count == 2)
		snprintf(iso, sizeof(iso), "%04d-%02d", y, m);
	else
		snprintf(iso, sizeof(iso), "%04d", y);
	return date_parse(iso, out, why);
}

bool date_read(const char *s, size_t n, pdate *out, const char **why)
{
	const char *end = trim_end(s, s + n);
	while(s < end && (*s == ' ' || *s == '\t'))
		s++;
	end = year_word(s, end);
	*why = "expected a date as YYYY-MM-DD or DD.MM.YYYY, a month as YYYY-MM or MM.YYYY, or a year";
	int part[3], len[3], k = 0;
	char sep = 0;
	const char *p = s;
	for(;;) {
		if((part[k] = number(p, end, 4, &len[k])) < 0)
			return false;
		p += len[k++];
		if(k == 3 || p == end || (*p != '.' && *p != '/' && *p != '-'))
			break;
		if(sep && *p != sep)
			return false;
		sep = *p++;
	}
	if(p != end && !(k == 3 && (*p == ' ' || *p == 'T') && time_of_day(p + 1, end)))
		return false;
	for(int i = 1; i < k; i++)
		if(len[i] > 2 && !(i == k - 1 && len[0] <= 2))
			return false;
	if(len[0] == 4) /* the year first: 1990, 1990-03, 1990.03.12 */
		return read_parts(part[0], k > 1 ? part[1] : 0, k > 2 ? part[2] : 0, k, out, why);
	/* The day first (12.03.1990, 2.3.1990; the month: 03.1990), the year
	 * in four digits: of two, the century is a guess. */
	if(k < 2 || len[0] > 2)
		return false;
	if(len[k - 1] != 4) {
		if(len[k - 1] == 2)
			*why = "a two-digit year: write the year in four digits";
		return false;
	}
	return k == 2 ? read_parts(part[1], part[0], 0, 2, out, why)
	              : read_parts(part[2], part[1], part[0], 3, out, why);
}

void date_format(pdate d, char out[DATE_STR_MAX])
{
	if(d.d)
		snprintf(out, DATE_STR_MAX, "%04d-%02d-%02d", d.y, d.m, d.d);
	else if(d.m)
		snprintf(out, DATE_STR_MAX, "%04d-%02d", d.y, d.m);
	else
		snprintf(out, DATE_STR_MAX, "%04d", d.y);
}

int32_t date_lo(pdate d)
{
	return d.y * 10000 + (d.m ? d.m : 1) * 100 + (d.d ? d.d : 1);
}

int32_t date_hi(pdate d)
{
	int m = d.m ? d.m : 12;
	return d.y * 10000 + m * 100 + (d.d ? d.d : date_days_in_month(d.y, m));
}

int32_t date_ymd_add_years(int32_t ymd, int years)
{
	int y = ymd / 10000 + years, m = ymd / 100 % 100, d = ymd % 100;
	if(m == 2 && d == 29 && !date_is_leap(y))
		d = 28;
	return y * 10000 + m * 100 + d;
}

/* H. Hinnant's civil calendar algorithms. */
int32_t date_days_from_ymd(int32_t ymd)
{
	int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int32_t date_ymd_add_days(int32_t ymd, int days)
{
	pdate d = date_from_days(date_days_from_ymd(ymd) + days);
	return d.y * 10000 + d.m * 100 + d.d;
}

pdate date_from_days(int32_t z)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;
	return (pdate){yoe + era * 400 + (m <= 2), m, d};
}

pdate date_today(void)
{
	pdate d;
	const char *fake = getenv("PARLEY_TODAY");
	const char *why;
	if(fake && date_parse(fake, &d, &why) && d.d)
		return d;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return (pdate){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static int age_on(int32_t birth, int32_t on)
{
	int age = on / 10000 - birth / 10000;
	if(on % 10000 < birth % 10000)
		age--;
	return age;
}

void date_age_range(pdate birth, pdate on, int *min, int *max)
{
	/* The oldest they can be comes from the earliest birth day and the
	 * latest day `on` may stand for; the youngest from the reverse. */
	*max = age_on(date_lo(birth), date_hi(on));
	*min = age_on(date_hi(birth), date_lo(on));
}

void date_now_iso(char out[TIMESTAMP_STR_MAX])
{
	/* The seconds formatted once per second and thread: an import stamps
	 * each of millions of rows, and strftime took 5% of it. */
	static _Thread_local time_t sec = -1;
	static _Thread_local char head[TIMESTAMP_STR_MAX];
	static _Thread_local size_t n;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if(ts.tv_sec != sec) {
		struct tm tm;
		gmtime_r(&ts.tv_sec, &tm);
		n = strftime(head, sizeof(head), "%Y-%m-%dT%H:%M:%S", &tm);
		sec = ts.tv_sec;
	}
	int ms = (int)(ts.tv_nsec / 1000000) % 1000;
	memcpy(out, head, n);
	out[n] = '.';
	out[n + 1] = (char)('0' + ms / 100);
	out[n + 2] = (char)('0' + ms / 10 % 10);
	out[n + 3] = (char)('0' + ms % 10);
	out[n + 4] = 'Z';
	out[n + 5] = '\0';
}

double date_monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
