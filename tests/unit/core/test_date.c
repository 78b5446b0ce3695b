/* Partial dates: strict parsing, formatting, ranges, ages, leap years. */
#include "testutil.h"

#include <time.h>

#include "core/date.h"

static pdate parse_ok(const char *s)
{
	pdate d = {-1, -1, -1};
	const char *why = NULL;
	if(!date_parse(s, &d, &why))
		fail_msg("'%s' refused: %s", s, why ? why : "(no reason)");
	return d;
}

static const char *parse_refused(const char *s)
{
	pdate d;
	const char *why = NULL;
	if(date_parse(s, &d, &why))
		fail_msg("'%s' accepted as %d-%d-%d", s, d.y, d.m, d.d);
	assert_non_null(why);
	assert_true(*why);
	return why;
}

#define assert_date(date, yy, mm, dd)                                         \
	do {                                                                      \
		pdate d_ = (date);                                                    \
		assert_int_equal(d_.y, yy);                                           \
		assert_int_equal(d_.m, mm);                                           \
		assert_int_equal(d_.d, dd);                                           \
	} while(0)

static void test_date_parse_full_and_partial(void **state)
{
	(void)state;
	assert_date(parse_ok("2022-03-05"), 2022, 3, 5);
	assert_date(parse_ok("2022-03"), 2022, 3, 0);
	assert_date(parse_ok("2022"), 2022, 0, 0);
	assert_date(parse_ok("2024-02-29"), 2024, 2, 29);
	assert_date(parse_ok("2000-02-29"), 2000, 2, 29);
	assert_date(parse_ok("1985-12-31"), 1985, 12, 31);
}

static void test_date_parse_year_range_bounds(void **state)
{
	(void)state;
	assert_date(parse_ok("1800"), 1800, 0, 0);
	assert_date(parse_ok("1800-01-01"), 1800, 1, 1);
	assert_date(parse_ok("2200-12-31"), 2200, 12, 31);
	assert_contains(parse_refused("1799"), "year out of range");
	assert_contains(parse_refused("1799-12-31"), "year out of range");
	assert_contains(parse_refused("2201"), "year out of range");
}

static void test_date_parse_refuses_impossible_days(void **state)
{
	(void)state;
	assert_contains(parse_refused("2023-02-29"), "no such day");
	assert_contains(parse_refused("2024-02-30"), "no such day");
	assert_contains(parse_refused("1900-02-29"), "no such day");
	assert_contains(parse_refused("2022-04-31"), "no such day");
	assert_contains(parse_refused("2022-01-00"), "no such day");
	assert_contains(parse_refused("2022-01-32"), "no such day");
}

static void test_date_parse_refuses_impossible_months(void **state)
{
	(void)state;
	assert_contains(parse_refused("2022-13"), "month out of range");
	assert_contains(parse_refused("2022-13-01"), "month out of range");
	assert_contains(parse_refused("2022-00"), "month out of range");
	assert_contains(parse_refused("2022-00-10"), "month out of range");
}

static void test_date_parse_refuses_other_shapes(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "2022-3-5", "2022-03-5", "2022/03/05", "2022.03.05", "05.03.2022",
		"2022-03-05x", "2022-03-05 ", " 2022-03-05", "2022-03-", "20220305",
		"202", "22", "abcd", "2022-ab", "-202", "+2022", "2022-03-0x", "2022 03 05",
	};
	for(size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_contains(parse_refused(bad[i]), "expected");
}

/* date_read: dates as offices write them, each to the strict form. */
static void test_date_read_office_forms(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int y, m, d;
	} ok[] = {
		{"1990-03-12", 1990, 3, 12}, {"1990-03", 1990, 3, 0}, {"1990", 1990, 0, 0},
		{"12.03.1990", 1990, 3, 12}, {"2.3.1990", 1990, 3, 2}, {"12/03/1990", 1990, 3, 12},
		{"12-03-1990", 1990, 3, 12}, {"03.1990", 1990, 3, 0}, {"3/1990", 1990, 3, 0},
		{"1990.03.12", 1990, 3, 12}, {"1990/3/12", 1990, 3, 12}, {"1990-3-5", 1990, 3, 5},
		{"1990-03-12 00:00:00", 1990, 3, 12}, {"1990-03-12T00:00:00.000Z", 1990, 3, 12},
		{"12.03.1990 10:30", 1990, 3, 12}, {" 12.03.1990 ", 1990, 3, 12},
		{"12.03.1990 р.", 1990, 3, 12}, {"12.03.1990р.", 1990, 3, 12}, {"1990 г.", 1990, 0, 0},
		{"12.03.1990 року", 1990, 3, 12}, {"1990 года", 1990, 0, 0}, {"1990\xC2\xA0р.", 1990, 0, 0},
		{"29.02.2024", 2024, 2, 29},
	};
	for(size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		pdate d = {-1, -1, -1};
		const char *why = NULL;
		if(!date_read(ok[i].in, strlen(ok[i].in), &d, &why))
			fail_msg("'%s' refused: %s", ok[i].in, why ? why : "(no reason)");
		assert_date(d, ok[i].y, ok[i].m, ok[i].d);
	}
	/* n bytes, not the string: the rest is not read */
	pdate d;
	const char *why;
	assert_true(date_read("12.03.1990xyz", 10, &d, &why));
	assert_date(d, 1990, 3, 12);
}

static void test_date_read_refuses_what_it_cannot_know(void **state)
{
	(void)state;
	static const struct {
		const char *in, *why;
	} bad[] = {
		{"12.03.90", "two-digit year"}, {"03.90", "two-digit year"}, {"31.02.1990", "no such day"},
		{"12.13.1990", "month out of range"}, {"00.03.1990", "no such day"}, {"1990-00", "month out of range"},
		{"12.03/1990", "expected"}, {"12.03.1990x", "expected"}, {"1990-03-12 x", "expected"},
		{"1990-03 10:00", "expected"}, {"32944", "expected"}, {"", "expected"}, {"р.", "expected"},
		{"12..1990", "expected"}, {"1990.03.", "expected"}, {"123.03.1990", "expected"},
		{"12.1990.03", "expected"}, {"1990-03-123", "expected"}, {"12.03.1700", "year out of range"},
		{"березня 1990", "expected"}, {"1990-03-12T", "expected"},
	};
	for(size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		pdate d;
		const char *why = NULL;
		if(date_read(bad[i].in, strlen(bad[i].in), &d, &why))
			fail_msg("'%s' accepted as %d-%d-%d", bad[i].in, d.y, d.m, d.d);
		assert_non_null(why);
		assert_contains(why, bad[i].why);
	}
}

static void test_date_format_full_and_partial(void **state)
{
	(void)state;
	char out[DATE_STR_MAX];
	date_format((pdate){2022, 3, 5}, out);
	assert_string_equal(out, "2022-03-05");
	date_format((pdate){2022, 11, 0}, out);
	assert_string_equal(out, "2022-11");
	date_format((pdate){1985, 0, 0}, out);
	assert_string_equal(out, "1985");
}

static void test_date_parse_format_round_trip_every_day(void **state)
{
	(void)state;
	char out[DATE_STR_MAX];
	int days = 0;
	for(int y = 1800; y <= 2200; y++) {
		for(int m = 1; m <= 12; m++) {
			for(int d = 1; d <= date_days_in_month(y, m); d++) {
				date_format((pdate){y, m, d}, out);
				assert_date(parse_ok(out), y, m, d);
				days++;
			}
		}
	}
	assert_int_equal(days, 401 * 365 + 97); /* leap days 1800-2200: 101 - 4 */
}

static void test_date_text_form_sorts_by_precision(void **state)
{
	(void)state;
	char y[DATE_STR_MAX], ym[DATE_STR_MAX], ymd[DATE_STR_MAX], next[DATE_STR_MAX];
	date_format((pdate){2022, 0, 0}, y);
	date_format((pdate){2022, 3, 0}, ym);
	date_format((pdate){2022, 3, 5}, ymd);
	date_format((pdate){2022, 4, 0}, next);
	assert_true(strcmp(y, ym) < 0);
	assert_true(strcmp(ym, ymd) < 0);
	assert_true(strcmp(ymd, next) < 0);
}

static void test_date_lo_hi_of_full_date_are_the_day(void **state)
{
	(void)state;
	pdate d = parse_ok("2022-03-05");
	assert_int_equal(date_lo(d), 20220305);
	assert_int_equal(date_hi(d), 20220305);
}

static void test_date_lo_hi_of_month(void **state)
{
	(void)state;
	assert_int_equal(date_lo(parse_ok("2024-02")), 20240201);
	assert_int_equal(date_hi(parse_ok("2024-02")), 20240229);
	assert_int_equal(date_hi(parse_ok("2023-02")), 20230228);
	assert_int_equal(date_hi(parse_ok("2023-04")), 20230430);
	assert_int_equal(date_hi(parse_ok("2023-12")), 20231231);
}

static void test_date_lo_hi_of_year(void **state)
{
	(void)state;
	assert_int_equal(date_lo(parse_ok("2023")), 20230101);
	assert_int_equal(date_hi(parse_ok("2023")), 20231231);
}

static void test_date_leap_years(void **state)
{
	(void)state;
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(2100));
	assert_true(date_is_leap(1804));
	assert_int_equal(date_days_in_month(1900, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2023, 1), 31);
	assert_int_equal(date_days_in_month(2023, 6), 30);
	assert_int_equal(date_days_in_month(2023, 0), 0);
	assert_int_equal(date_days_in_month(2023, 13), 0);
}

static void test_date_add_years(void **state)
{
	(void)state;
	assert_int_equal(date_ymd_add_years(20000615, 25), 20250615);
	assert_int_equal(date_ymd_add_years(20240229, 1), 20250228);
	assert_int_equal(date_ymd_add_years(20240229, 4), 20280229);
	assert_int_equal(date_ymd_add_years(20000229, 100), 21000228);
	assert_int_equal(date_ymd_add_years(20230115, -5), 20180115);
	assert_int_equal(date_ymd_add_years(20240229, -1), 20230228);
}

static void assert_ages(const char *birth, const char *on, int min, int max)
{
	int lo = -1, hi = -1;
	date_age_range(parse_ok(birth), parse_ok(on), &lo, &hi);
	if(lo != min || hi != max)
		fail_msg("born %s, on %s: expected %d..%d, got %d..%d", birth, on, min, max, lo, hi);
}

static void test_date_days_count_from_1970_and_back(void **state)
{
	(void)state;
	assert_int_equal(date_days_from_ymd(19700101), 0);
	assert_int_equal(date_days_from_ymd(19691231), -1);
	assert_int_equal(date_days_from_ymd(20250611) - date_days_from_ymd(20250530), 12);
	assert_int_equal(date_days_from_ymd(20240301) - date_days_from_ymd(20240228), 2);
	for(int32_t day = date_days_from_ymd(18000101); day <= date_days_from_ymd(22001231); day += 7) {
		pdate d = date_from_days(day);
		if(date_days_from_ymd(date_lo(d)) != day || d.d == 0)
			fail_msg("day %d comes back as %d-%d-%d", day, d.y, d.m, d.d);
	}
}

static void test_date_age_of_full_birth_date(void **state)
{
	(void)state;
	assert_ages("2000-06-15", "2025-06-14", 24, 24);
	assert_ages("2000-06-15", "2025-06-15", 25, 25);
	assert_ages("2000-06-15", "2025-12-31", 25, 25);
	assert_ages("2000-06-15", "2000-06-15", 0, 0);
	assert_ages("2007-06-03", "2025-06-02", 17, 17); /* the day before turning 18 */
	assert_ages("2007-06-02", "2025-06-02", 18, 18);
}

static void test_date_age_of_partial_birth_date(void **state)
{
	(void)state;
	assert_ages("2000", "2025-03-01", 24, 25);
	assert_ages("2000", "2025-01-01", 24, 25);
	assert_ages("2000", "2025-12-31", 25, 25);
	assert_ages("2000", "2024-12-31", 24, 24);
	assert_ages("2000-06", "2025-06-15", 24, 25);
	assert_ages("2000-06", "2025-07-01", 25, 25);
	assert_ages("2000-06", "2025-05-31", 24, 24);
}

static void test_date_age_on_partial_day(void **state)
{
	(void)state;
	assert_ages("2000-06-15", "2025-06", 24, 25);
	assert_ages("2000-06-15", "2025", 24, 25);
	assert_ages("2000", "2025", 24, 25);
}

static void test_date_today_honours_parley_today(void **state)
{
	(void)state;
	assert_int_equal(setenv("PARLEY_TODAY", "2025-06-02", 1), 0);
	assert_date(date_today(), 2025, 6, 2);
	assert_int_equal(setenv("PARLEY_TODAY", "1999-12-31", 1), 0);
	assert_date(date_today(), 1999, 12, 31);
	assert_int_equal(unsetenv("PARLEY_TODAY"), 0);
}

static void utc_today(pdate *d)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	*d = (pdate){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static void test_date_today_ignores_partial_or_bad_parley_today(void **state)
{
	(void)state;
	static const char *const ignored[] = {"2025-06", "2025", "yesterday", ""};
	for(size_t i = 0; i < sizeof(ignored) / sizeof(*ignored); i++) {
		assert_int_equal(setenv("PARLEY_TODAY", ignored[i], 1), 0);
		pdate before, after;
		utc_today(&before);
		pdate t = date_today();
		utc_today(&after);
		assert_true(date_lo(t) == date_lo(before) || date_lo(t) == date_lo(after));
		assert_int_not_equal(t.d, 0);
	}
	assert_int_equal(unsetenv("PARLEY_TODAY"), 0);
}

static void test_date_now_iso_shape(void **state)
{
	(void)state;
	char ts[TIMESTAMP_STR_MAX];
	date_now_iso(ts);
	assert_int_equal(strlen(ts), strlen("2026-11-25T09:30:00.123Z"));
	for(size_t i = 0; ts[i]; i++) {
		char want = "0000-00-00T00:00:00.000Z"[i];
		if(want == '0')
			assert_true(ts[i] >= '0' && ts[i] <= '9');
		else
			assert_int_equal(ts[i], want);
	}
	pdate d;
	const char *why;
	char day[DATE_STR_MAX];
	memcpy(day, ts, 10);
	day[10] = '\0';
	assert_true(date_parse(day, &d, &why));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse_full_and_partial),
		cmocka_unit_test(test_date_parse_year_range_bounds),
		cmocka_unit_test(test_date_parse_refuses_impossible_days),
		cmocka_unit_test(test_date_parse_refuses_impossible_months),
		cmocka_unit_test(test_date_parse_refuses_other_shapes),
		cmocka_unit_test(test_date_format_full_and_partial),
		cmocka_unit_test(test_date_parse_format_round_trip_every_day),
		cmocka_unit_test(test_date_text_form_sorts_by_precision),
		cmocka_unit_test(test_date_lo_hi_of_full_date_are_the_day),
		cmocka_unit_test(test_date_lo_hi_of_month),
		cmocka_unit_test(test_date_lo_hi_of_year),
		cmocka_unit_test(test_date_days_count_from_1970_and_back),
		cmocka_unit_test(test_date_leap_years),
		cmocka_unit_test(test_date_add_years),
		cmocka_unit_test(test_date_age_of_full_birth_date),
		cmocka_unit_test(test_date_age_of_partial_birth_date),
		cmocka_unit_test(test_date_age_on_partial_day),
		cmocka_unit_test(test_date_today_honours_parley_today),
		cmocka_unit_test(test_date_today_ignores_partial_or_bad_parley_today),
		cmocka_unit_test(test_date_now_iso_shape),
		cmocka_unit_test(test_date_read_office_forms),
		cmocka_unit_test(test_date_read_refuses_what_it_cannot_know),
	};
	return cmocka_run_group_tests_name("core/date", tests, NULL, NULL);
}
