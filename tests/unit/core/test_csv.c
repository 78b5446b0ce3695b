/* CSV reading and writing as RFC 4180 describes it, and the errors the reader
 * gives (with file, line and field) for input it refuses. */
#include "testutil.h"

#include "core/buf.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/msg.h"
#include "core/rng.h"
#include "core/utf8.h"

/* Read every record of data[0..n) as "LINE:[field][field]\n" lines into out,
 * here or read ahead on another thread (csv_read_ahead). On failure returns
 * the code with err filled and out holding the records read before it. */
static pl_rc parse_as(const void *data, size_t n, buf *out, pl_err *err, bool ahead)
{
	FILE *f = fmemopen((void *)data, n, "r");
	assert_non_null(f);
	csv_reader *r;
	assert_ok(csv_reader_open(&r, f, "t.csv", err), err);
	if(ahead)
		assert_true(csv_read_ahead(r));
	pl_rc rc;
	long number = 0;
	for(;;) {
		csv_record rec;
		bool eof;
		rc = csv_read(r, &rec, &eof, err);
		if(rc || eof)
			break;
		assert_int_equal(rec.number, ++number);
		assert_int_equal(buf_printf(out, "%ld:", rec.line), PL_OK);
		for(size_t i = 0; i < rec.nfields; i++) {
			assert_int_equal(rec.lens[i], strlen(rec.fields[i]));
			assert_int_equal(buf_printf(out, "[%s]", rec.fields[i]), PL_OK);
		}
		assert_int_equal(buf_addc(out, '\n'), PL_OK);
	}
	if(!rc)
		assert_int_equal(csv_bytes_read(r), n);
	csv_reader_close(r);
	fclose(f);
	return rc;
}

/* parse_as both ways: read ahead, the same records, refusal and message. */
static pl_rc parse(const void *data, size_t n, buf *out, pl_err *err)
{
	buf ahead;
	pl_err aerr = {0};
	buf_init(&ahead, 0);
	pl_rc arc = parse_as(data, n, &ahead, &aerr, true);
	size_t before = out->len;
	pl_rc rc = parse_as(data, n, out, err, false);
	assert_int_equal(arc, rc);
	assert_int_equal(ahead.len, out->len - before);
	assert_memory_equal(buf_str(&ahead), buf_str(out) + before, ahead.len);
	if(rc)
		assert_string_equal(aerr.msg, err->msg);
	buf_free(&ahead);
	return rc;
}

/* Parse a C string that must be accepted and compare the records. */
#define assert_csv(input, expected)                                       \
	do {                                                                  \
		buf out_;                                                         \
		pl_err err_ = {0};                                                \
		buf_init(&out_, 0);                                               \
		assert_ok(parse(input, sizeof(input) - 1, &out_, &err_), &err_);  \
		assert_string_equal(buf_str(&out_), expected);                    \
		buf_free(&out_);                                                  \
	} while(0)

/* Parse data that must be refused and return the message in msg. */
static void refuse(const void *data, size_t n, char *msg)
{
	buf out;
	pl_err err = {0};
	buf_init(&out, 0);
	pl_rc rc = parse(data, n, &out, &err);
	buf_free(&out);
	if(rc != PL_EINPUT)
		fail_msg("expected PL_EINPUT, got %d (%s)", (int)rc, err.msg);
	strcpy(msg, err.msg);
}

#define assert_csv_refused(input, needle)                                 \
	do {                                                                  \
		char msg_[PL_ERR_MSG_MAX];                                        \
		refuse(input, sizeof(input) - 1, msg_);                           \
		assert_contains(msg_, needle);                                    \
	} while(0)

/* --- reading ------------------------------------------------------------ */

/* The reader's refusals carry a code and arguments: the same message in
 * Ukrainian, where and why (a nested code) both; and a JSON document's
 * unknown field the same way. */
static void test_refusals_by_code_in_ukrainian(void **state)
{
	(void)state;
	static const char data[] = "a,b\nc,\"d\n";
	buf out;
	pl_err err = {0};
	buf_init(&out, 0);
	assert_int_equal(parse(data, sizeof(data) - 1, &out, &err), PL_EINPUT);
	buf_free(&out);
	assert_string_equal(err.code, "csv.at");
	assert_string_equal(pl_err_arg_value(&err, "why"), "csv.unclosed");
	assert_string_equal(err.msg, "t.csv:2: field 2: quoted field opened on line 2 never closed");
	char uk[PL_ERR_MSG_MAX];
	msg_err_text(&err, LANG_UK, uk, sizeof(uk));
	assert_string_equal(uk, "t.csv:2: поле 2: поле в лапках, відкрите в рядку 2, так і не закрито");

	static const char *const allowed[] = {"title", "clauses", NULL};
	json_t *o = json_pack("{s:s}", "titel", "x");
	assert_int_equal(json_only_keys(o, "doc", allowed, &err), PL_EINPUT);
	json_decref(o);
	assert_string_equal(err.code, "json.unknown_near");
	msg_err_text(&err, LANG_RU, uk, sizeof(uk));
	assert_string_equal(uk, "doc.titel: неизвестное поле (возможно, «title»?)");
}

static void test_csv_plain_fields(void **state)
{
	(void)state;
	assert_csv("surname,given_names,sex\nShevchenko,Taras,male\n",
	           "1:[surname][given_names][sex]\n2:[Shevchenko][Taras][male]\n");
}

/* A spreadsheet in a Ukrainian or Russian locale saves CSV with
 * semicolons; some programs with tabs. The header's line decides: no
 * comma outside quotes and a semicolon (or tab) there. A comma is then
 * text, as a semicolon is in a comma-separated file. */
static void test_csv_separator_from_the_first_line(void **state)
{
	(void)state;
	assert_csv("surname;given_names;place\nШевченко;Олександр;\"Київ; центр\"\nКоваль;;Київ, вул. Хрещатик 1\n",
	           "1:[surname][given_names][place]\n2:[Шевченко][Олександр][Київ; центр]\n"
	           "3:[Коваль][][Київ, вул. Хрещатик 1]\n");
	assert_csv("\xEF\xBB\xBFsurname;sex\r\nA;male\r\n", "1:[surname][sex]\n2:[A][male]\n");
	assert_csv("\n\nsurname;sex\nA;male\n", "3:[surname][sex]\n4:[A][male]\n");
	assert_csv("surname\tgiven_names\nA\tB, C\n", "1:[surname][given_names]\n2:[A][B, C]\n");
	/* a comma in the first line: RFC 4180's, whatever else it holds */
	assert_csv("a,b;c\nd;e,f\n", "1:[a][b;c]\n2:[d;e][f]\n");
	/* a semicolon inside quotes only says nothing */
	assert_csv("\"a;b\"\nc;d\n", "1:[a;b]\n2:[c;d]\n");
	assert_csv("surname\nA;B\n", "1:[surname]\n2:[A;B]\n");
	/* with semicolons, a quote is closed by one */
	assert_csv("a;b\n\"x\";y\n", "1:[a][b]\n2:[x][y]\n");
	assert_csv_refused("a;b\n\"x\",y\n", "t.csv:2: field 1: text after a closing quote");
}

static void test_csv_single_field_records(void **state)
{
	(void)state;
	assert_csv("a\nb\n", "1:[a]\n2:[b]\n");
}

static void test_csv_quoted_field_with_commas(void **state)
{
	(void)state;
	assert_csv("\"Kyiv, Ukraine\",x\n", "1:[Kyiv, Ukraine][x]\n");
}

static void test_csv_doubled_quotes_inside_quoted_field(void **state)
{
	(void)state;
	assert_csv("\"say \"\"hi\"\"\",\"\"\"\"\n", "1:[say \"hi\"][\"]\n");
}

static void test_csv_quoted_field_with_lf_keeps_start_line(void **state)
{
	(void)state;
	assert_csv("a,b\n\"one\ntwo\nthree\",x\nnext,y\n",
	           "1:[a][b]\n2:[one\ntwo\nthree][x]\n5:[next][y]\n");
}

static void test_csv_quoted_field_with_crlf_keeps_start_line(void **state)
{
	(void)state;
	assert_csv("\"one\r\ntwo\",x\r\nnext,y\r\n\"a\r\nb\"\r\nlast\r\n",
	           "1:[one\r\ntwo][x]\n3:[next][y]\n4:[a\r\nb]\n6:[last]\n");
}

static void test_csv_crlf_lf_and_mixed_line_ends(void **state)
{
	(void)state;
	assert_csv("a,b\r\nc,d\r\n", "1:[a][b]\n2:[c][d]\n");
	assert_csv("a,b\nc,d\n", "1:[a][b]\n2:[c][d]\n");
	assert_csv("a,b\r\nc,d\ne,f\r\n", "1:[a][b]\n2:[c][d]\n3:[e][f]\n");
}

static void test_csv_final_line_without_newline(void **state)
{
	(void)state;
	assert_csv("a,b\nc,d", "1:[a][b]\n2:[c][d]\n");
	assert_csv("a,\"b\"", "1:[a][b]\n");
	assert_csv("a,", "1:[a][]\n");
}

static void test_csv_empty_fields(void **state)
{
	(void)state;
	assert_csv(",,\n", "1:[][][]\n");
	assert_csv("a,,b\n", "1:[a][][b]\n");
	assert_csv("\"\",x,\"\"\n", "1:[][x][]\n");
}

static void test_csv_blank_lines_are_skipped_but_counted(void **state)
{
	(void)state;
	assert_csv("\n\na\r\n\r\n\nb\n\n", "3:[a]\n6:[b]\n");
}

static void test_csv_empty_input_has_no_records(void **state)
{
	(void)state;
	assert_csv("\n\r\n", "");
	assert_csv("\xEF\xBB\xBF", "");
}

static void test_csv_utf8_bom_is_skipped(void **state)
{
	(void)state;
	assert_csv("\xEF\xBB\xBFsurname,sex\nX,male\n", "1:[surname][sex]\n2:[X][male]\n");
}

/* Regression (fixed): csv_read treats any file whose first byte is 0xEF as starting with a
 * byte order mark. Valid UTF-8 that starts with a character from U+F000 to
 * U+FFFF (here U+FF21 FULLWIDTH LATIN CAPITAL LETTER A, EF BC A1) is refused
 * with "t.csv:1: invalid byte at the start of the file" instead of being
 * read. */
static void test_csv_leading_ef_character_that_is_not_a_bom(void **state)
{
	(void)state;
	static const char in[] = "\xEF\xBC\xA1,b\n";
	buf out;
	pl_err err = {0};
	buf_init(&out, 0);
	pl_rc rc = parse(in, sizeof(in) - 1, &out, &err);
	char got[64];
	snprintf(got, sizeof(got), "%s", buf_str(&out));
	buf_free(&out);
	if(rc)
		fail_msg("refused: %s", err.msg);
	assert_string_equal(got, "1:[\xEF\xBC\xA1][b]\n");
}

static void test_csv_cyrillic_text(void **state)
{
	(void)state;
	assert_csv("прізвище,ім'я,по батькові\nШевченко,Тарас,Григорович\n",
	           "1:[прізвище][ім'я][по батькові]\n2:[Шевченко][Тарас][Григорович]\n");
}

static void test_csv_spaces_are_kept(void **state)
{
	(void)state;
	assert_csv(" a , b \n", "1:[ a ][ b ]\n");
}

static void test_csv_records_across_read_chunks(void **state)
{
	(void)state;
	/* Enough records that line ends, quotes and doubled quotes fall on the
	 * reader's 64 KiB chunk boundaries somewhere. */
	buf in, out, want;
	buf_init(&in, 0);
	buf_init(&out, 0);
	buf_init(&want, 0);
	long line = 1;
	for(int i = 0; i < 20000; i++) {
		assert_int_equal(buf_printf(&in, "%d,\"q\"\"%d\"\"\r\nx\",Ж\r\n", i, i), PL_OK);
		assert_int_equal(buf_printf(&want, "%ld:[%d][q\"%d\"\r\nx][Ж]\n", line, i, i), PL_OK);
		line += 2;
	}
	pl_err err = {0};
	assert_ok(parse(in.ptr, in.len, &out, &err), &err);
	assert_true(in.len > 3 * 64 * 1024);
	assert_string_equal(buf_str(&out), buf_str(&want));
	buf_free(&in);
	buf_free(&out);
	buf_free(&want);
}

static void test_csv_reader_does_not_close_the_file(void **state)
{
	(void)state;
	char data[] = "a\n";
	FILE *f = fmemopen(data, 2, "r");
	assert_non_null(f);
	csv_reader *r;
	pl_err err = {0};
	assert_ok(csv_reader_open(&r, f, "t.csv", &err), &err);
	csv_reader_close(r);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0); /* still open */
	assert_int_equal(fgetc(f), 'a');
	fclose(f);
}

/* --- refusing ----------------------------------------------------------- */

static void test_csv_quote_inside_unquoted_field_reports_line_and_field(void **state)
{
	(void)state;
	assert_csv_refused("a,b\nc,d\"e\n", "t.csv:2: field 2: quote inside an unquoted field");
}

static void test_csv_text_after_closing_quote_reports_line_and_field(void **state)
{
	(void)state;
	assert_csv_refused("a\n\"b\"c,d\n", "t.csv:2: field 1: text after a closing quote");
	assert_csv_refused("x,\"b\" ,d\n", "t.csv:1: field 2: text after a closing quote");
}

static void test_csv_unterminated_quote_reports_opening_line(void **state)
{
	(void)state;
	assert_csv_refused("a,b\nc,\"open\nmore\nlines\n",
	                   "t.csv:2: field 2: quoted field opened on line 2 never closed");
}

static void test_csv_unterminated_quote_in_later_record_reports_its_line(void **state)
{
	(void)state;
	assert_csv_refused("\"x\ny\",z\n\"p\nq,r\n",
	                   "t.csv:3: field 1: quoted field opened on line 3 never closed");
}

static void test_csv_latin1_byte_is_invalid_utf8(void **state)
{
	(void)state;
	assert_csv_refused("name\nJos\xE9,x\n", "t.csv:2: field 1: invalid UTF-8 at byte 4 of the field");
	assert_csv_refused("a,b\nx,Ren\xE9\n", "t.csv:2: field 2: invalid UTF-8");
}

/* Cyrillic saved in Windows-1251 (Excel's "CSV" in a Ukrainian locale)
 * is refused with what to do; a Latin-1 name or broken UTF-8 is not
 * taken for it. */
static void test_csv_windows_1251_is_named(void **state)
{
	(void)state;
	/* Шевченко, Олександр, Їжак in Windows-1251 */
	assert_csv_refused("surname,given_names\n\xD8\xE5\xE2\xF7\xE5\xED\xEA\xEE,\xCE\xEB\xE5\xEA\xF1\xE0\xED\xE4\xF0\n",
	                   "t.csv:2: field 1: invalid UTF-8 at byte 1 of the field: the file looks like Cyrillic in an "
	                   "8-bit encoding such as Windows-1251; save it as UTF-8");
	assert_csv_refused("a\n\xAF\xE6\xE0\xEA\n", "Windows-1251");
	char msg[PL_ERR_MSG_MAX];
	refuse("name\nM\xFCller\n", sizeof("name\nM\xFCller\n") - 1, msg);
	assert_null(strstr(msg, "Windows-1251"));
	/* UTF-8 Cyrillic cut short: Шев and a lone lead byte */
	refuse("a\n\xD0\xA8\xD0\xB5\xD0\n", sizeof("a\n\xD0\xA8\xD0\xB5\xD0\n") - 1, msg);
	assert_null(strstr(msg, "Windows-1251"));
}

static void test_csv_overlong_utf8_is_invalid(void **state)
{
	(void)state;
	assert_csv_refused("a,\xC0\xAF\n", "t.csv:1: field 2: invalid UTF-8 at byte 1");
}

static void test_csv_utf16_file_is_refused(void **state)
{
	(void)state;
	static const char le_bom[] = "\xFF\xFEn\0a\0m\0e\0\n\0";
	char msg[PL_ERR_MSG_MAX];
	refuse(le_bom, sizeof(le_bom) - 1, msg);
	assert_contains(msg, "t.csv:1: field 1:");
	static const char be[] = "\0n\0a\0m\0e\0\n";
	refuse(be, sizeof(be) - 1, msg);
	assert_contains(msg, "t.csv:1: field 1: NUL byte in the file (is it UTF-16?)");
}

static void test_csv_nul_byte_reports_line_and_field(void **state)
{
	(void)state;
	static const char in[] = "a,b\nc,d\0e\n";
	char msg[PL_ERR_MSG_MAX];
	refuse(in, sizeof(in) - 1, msg);
	assert_contains(msg, "t.csv:2: field 2: NUL byte");
}

/* One record "x,<n bytes>\n", quoted or not. */
static void long_field_record(buf *in, size_t n, bool quoted)
{
	assert_int_equal(buf_adds(in, quoted ? "x,\"" : "x,"), PL_OK);
	for(size_t i = 0; i < n; i++)
		assert_int_equal(buf_addc(in, (char)('a' + i % 26)), PL_OK);
	assert_int_equal(buf_adds(in, quoted ? "\"\n" : "\n"), PL_OK);
}

static void test_csv_field_of_64_kib_is_accepted(void **state)
{
	(void)state;
	buf in, out;
	buf_init(&in, 0);
	buf_init(&out, 0);
	long_field_record(&in, CSV_FIELD_MAX, false);
	long_field_record(&in, CSV_FIELD_MAX, true);
	pl_err err = {0};
	assert_ok(parse(in.ptr, in.len, &out, &err), &err);
	assert_int_equal(out.len, 2 * (strlen("1:[x][]\n") + CSV_FIELD_MAX));
	buf_free(&in);
	buf_free(&out);
}

static void test_csv_field_over_64_kib_reports_line_and_field(void **state)
{
	(void)state;
	buf in;
	buf_init(&in, 0);
	assert_int_equal(buf_adds(&in, "a,b\n"), PL_OK);
	long_field_record(&in, CSV_FIELD_MAX + 1, false);
	char msg[PL_ERR_MSG_MAX];
	refuse(in.ptr, in.len, msg);
	assert_contains(msg, "t.csv:2: field 2: field longer than 64 KiB");

	buf_reset(&in);
	long_field_record(&in, CSV_FIELD_MAX + 1, true);
	refuse(in.ptr, in.len, msg);
	assert_contains(msg, "t.csv:1: field 2: field longer than 64 KiB");
	buf_free(&in);
}

/* A record of `fields` fields, each of `len` bytes. */
static void wide_record(buf *in, size_t fields, size_t len)
{
	for(size_t i = 0; i < fields; i++) {
		if(i)
			assert_int_equal(buf_addc(in, ','), PL_OK);
		for(size_t k = 0; k < len; k++)
			assert_int_equal(buf_addc(in, 'v'), PL_OK);
	}
	assert_int_equal(buf_addc(in, '\n'), PL_OK);
}

static void test_csv_1024_fields_are_accepted(void **state)
{
	(void)state;
	buf in, out;
	buf_init(&in, 0);
	buf_init(&out, 0);
	wide_record(&in, CSV_FIELDS_MAX, 1);
	pl_err err = {0};
	assert_ok(parse(in.ptr, in.len, &out, &err), &err);
	assert_int_equal(out.len, strlen("1:\n") + CSV_FIELDS_MAX * strlen("[v]"));
	buf_free(&in);
	buf_free(&out);
}

static void test_csv_more_than_1024_fields_reports_line_and_field(void **state)
{
	(void)state;
	buf in;
	buf_init(&in, 0);
	assert_int_equal(buf_adds(&in, "a\n"), PL_OK);
	wide_record(&in, CSV_FIELDS_MAX + 1, 1);
	char msg[PL_ERR_MSG_MAX];
	refuse(in.ptr, in.len, msg);
	assert_contains(msg, "t.csv:2: field 1025: more than 1024 fields in a record");
	buf_free(&in);
}

/* Regression (fixed): the 1 MiB record limit is not enforced. csv.c appends with
 * buf_addc, whose fast path skips the cap check (see test_buf.c,
 * test_buf_addc_over_cap_fails_and_frees); once the buffer has grown to
 * 2 MiB the cap is never checked again. A record of 20 fields of 60,000
 * bytes (1.2 MB, each field under the 64 KiB limit) is accepted instead of
 * refused with "record longer than 1 MiB". */
static void test_csv_record_over_1_mib_is_refused(void **state)
{
	(void)state;
	buf in, out;
	buf_init(&in, 0);
	buf_init(&out, 0);
	wide_record(&in, 20, 60000);
	pl_err err = {0};
	pl_rc rc = parse(in.ptr, in.len, &out, &err);
	buf_free(&in);
	buf_free(&out);
	assert_int_equal(rc, PL_EINPUT);
	assert_contains(err.msg, "t.csv:1: field");
	assert_contains(err.msg, "record longer than 1 MiB");
}

/* --- writing ------------------------------------------------------------ */

static void format_fields(const char *const *fields, size_t n, const char *expected)
{
	buf out;
	buf_init(&out, 0);
	assert_int_equal(csv_format_record(&out, fields, n), PL_OK);
	assert_string_equal(buf_str(&out), expected);
	buf_free(&out);
}

static void test_csv_format_plain_fields_unquoted_with_crlf(void **state)
{
	(void)state;
	format_fields((const char *[]){"a", "Шевченко", "1985-03"}, 3, "a,Шевченко,1985-03\r\n");
}

static void test_csv_format_quotes_commas_quotes_and_line_breaks(void **state)
{
	(void)state;
	format_fields((const char *[]){"Kyiv, Ukraine"}, 1, "\"Kyiv, Ukraine\"\r\n");
	/* and semicolons and tabs, which a first line would read as separators */
	format_fields((const char *[]){"a;b", "c\td"}, 2, "\"a;b\",\"c\td\"\r\n");
	format_fields((const char *[]){"say \"hi\""}, 1, "\"say \"\"hi\"\"\"\r\n");
	format_fields((const char *[]){"a\rb", "c\nd", "e\r\nf"}, 3,
	              "\"a\rb\",\"c\nd\",\"e\r\nf\"\r\n");
}

static void test_csv_format_quotes_leading_and_trailing_blanks(void **state)
{
	(void)state;
	/* (a leading tab is also a formula's start: neutralised) */
	format_fields((const char *[]){" a", "b ", "\tc", "d\t", "e f"}, 5,
	              "\" a\",\"b \",\"'\tc\",\"d\t\",e f\r\n");
}

static void test_csv_format_null_fields_are_empty(void **state)
{
	(void)state;
	format_fields((const char *[]){"a", NULL, "", "c"}, 4, "a,,,c\r\n");
}

static void test_csv_format_appends_to_existing_contents(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 0);
	assert_int_equal(csv_format_record(&out, (const char *[]){"h1", "h2"}, 2), PL_OK);
	assert_int_equal(csv_format_record(&out, (const char *[]){"v1", "v2"}, 2), PL_OK);
	assert_string_equal(buf_str(&out), "h1,h2\r\nv1,v2\r\n");
	buf_free(&out);
}

static void test_csv_format_over_buffer_cap_fails(void **state)
{
	(void)state;
	buf out;
	buf_init(&out, 16);
	const char *fields[] = {"0123456789", "0123456789"};
	assert_int_equal(csv_format_record(&out, fields, 2), PL_ELIMIT);
	buf_free(&out);
}

/* Regression (fixed): csv_format_record writes a record of one empty (or NULL) field as a
 * bare "\r\n", which the reader skips as a blank line: the record is lost on
 * the round trip. It should be written as "\"\"\r\n". */
static void test_csv_format_quotes_a_leading_feff(void **state)
{
	(void)state;
	/* Written at the start of a file, an unquoted U+FEFF would read back
	 * as a byte order mark and be lost (found by fuzz/fuzz_csv). */
	buf b;
	buf_init(&b, 0);
	const char *fields[2] = {"\xEF\xBB\xBFsurname", "x"};
	assert_int_equal(csv_format_record(&b, fields, 2), PL_OK);
	assert_string_equal(buf_str(&b), "\"\xEF\xBB\xBFsurname\",x\r\n");
	buf_free(&b);
}

static void test_csv_format_single_empty_field_survives_round_trip(void **state)
{
	(void)state;
	buf out, back;
	buf_init(&out, 0);
	buf_init(&back, 0);
	assert_int_equal(csv_format_record(&out, (const char *[]){"a"}, 1), PL_OK);
	assert_int_equal(csv_format_record(&out, (const char *[]){""}, 1), PL_OK);
	assert_int_equal(csv_format_record(&out, (const char *[]){"b"}, 1), PL_OK);
	pl_err err = {0};
	pl_rc rc = parse(out.ptr, out.len, &back, &err);
	char got[64];
	snprintf(got, sizeof(got), "%s", buf_str(&back));
	buf_free(&out);
	buf_free(&back);
	assert_int_equal(rc, PL_OK);
	assert_string_equal(got, "1:[a]\n2:[]\n3:[b]\n");
}

/* --- round trip --------------------------------------------------------- */

static const char *const alphabet[] = {
	"a", "b", "Z", "0", ",", "\"", "\r", "\n", " ", "\t", "Ж", "я", "ї", "'", ";",
};

static char *random_field(rng *r)
{
	buf f;
	buf_init(&f, 0);
	size_t len = rng_below(r, 4) == 0 ? 0 : rng_below(r, 12);
	for(size_t i = 0; i < len; i++)
		assert_int_equal(buf_adds(&f, alphabet[rng_below(r, sizeof(alphabet) / sizeof(*alphabet))]),
		                 PL_OK);
	assert_int_equal(buf_addc(&f, '\0'), PL_OK); /* allocate even when empty */
	return f.ptr;
}

/* What a spreadsheet would run is written as text (OWASP): a quote in
 * front and the field quoted; numbers, dates and inner signs stay; the
 * raw form writes the field as it is. */
static void test_csv_format_neutralises_formulas(void **state)
{
	(void)state;
	format_fields((const char *[]){"=HYPERLINK(\"http://x\",\"a\")", "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3"}, 4,
	              "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\",\"'+cmd|' /C calc'!A0\",\"'@SUM(A1:A9)\",\"'-2+3\"\r\n");
	format_fields((const char *[]){"\tx", "\r=1"}, 2, "\"'\tx\",\"'\r=1\"\r\n");
	format_fields((const char *[]){"-12", "+3.5", "-1e3", "1985-03", "a=b", "Шевченко-Бойко"}, 6,
	              "-12,+3.5,-1e3,1985-03,a=b,Шевченко-Бойко\r\n");
	format_fields((const char *[]){"-", "+", "-.", "-1e", "1-2"}, 5, "\"'-\",\"'+\",\"'-.\",\"'-1e\",1-2\r\n");
	assert_true(csv_is_formula("=1"));
	assert_false(csv_is_formula(""));
	assert_false(csv_is_formula(NULL));
	buf out;
	buf_init(&out, 0);
	assert_int_equal(csv_format_record_raw(&out, (const char *[]){"=1+1", "@x"}, 2), PL_OK);
	assert_string_equal(buf_str(&out), "=1+1,@x\r\n");
	buf_free(&out);
}

static void test_csv_format_then_read_gives_same_fields(void **state)
{
	(void)state;
	enum { RECORDS = 3000, FIELDS = 9 };
	rng r;
	rng_seed(&r, 20250602);
	char *fields[RECORDS][FIELDS];
	size_t nfields[RECORDS];
	long lines[RECORDS], line = 1;
	buf out;
	buf_init(&out, 0);
	for(size_t i = 0; i < RECORDS; i++) {
		nfields[i] = 1 + rng_below(&r, FIELDS);
		for(size_t k = 0; k < nfields[i]; k++)
			fields[i][k] = random_field(&r);
		if(nfields[i] == 1 && !*fields[i][0]) {
			/* a lone empty field: see test_csv_format_single_empty_field_survives_round_trip */
			fields[i][0][0] = 'a';
			fields[i][0][1] = '\0';
		}
		/* a record starts on the line after the line breaks before it */
		lines[i] = line;
		size_t start = out.len;
		assert_int_equal(csv_format_record_raw(&out, (const char *const *)fields[i], nfields[i]), PL_OK);
		for(size_t k = start; k < out.len; k++)
			line += out.ptr[k] == '\n';
	}

	FILE *f = fmemopen(out.ptr, out.len, "r");
	assert_non_null(f);
	csv_reader *rd;
	pl_err err = {0};
	assert_ok(csv_reader_open(&rd, f, "t.csv", &err), &err);
	for(size_t i = 0; i < RECORDS; i++) {
		csv_record rec;
		bool eof;
		assert_ok(csv_read(rd, &rec, &eof, &err), &err);
		assert_false(eof);
		assert_int_equal(rec.nfields, nfields[i]);
		assert_int_equal(rec.line, lines[i]);
		for(size_t k = 0; k < nfields[i]; k++) {
			assert_string_equal(rec.fields[k], fields[i][k]);
			assert_int_equal(rec.lens[k], strlen(fields[i][k]));
		}
	}
	bool eof;
	csv_record rec;
	assert_ok(csv_read(rd, &rec, &eof, &err), &err);
	assert_true(eof);
	csv_reader_close(rd);
	fclose(f);
	for(size_t i = 0; i < RECORDS; i++)
		for(size_t k = 0; k < nfields[i]; k++)
			free(fields[i][k]);
	buf_free(&out);
}

/* Read ahead, records go over in batches of 1,024: 5,000 records read the
 * same as without (parse compares), a refusal at record 3,000 says its line
 * after the records before it, and a caller that stops after ten records
 * stops the thread (nothing left running or allocated). */
static void test_csv_read_ahead_across_batches_refusal_and_early_stop(void **state)
{
	(void)state;
	buf in, out;
	buf_init(&in, 0);
	buf_init(&out, 0);
	for(int i = 1; i <= 5000; i++)
		assert_int_equal(buf_printf(&in, i == 3000 ? "x%d,a\"b\n" : "x%d,\"y\ny\"\n", i), PL_OK);
	pl_err err = {0};
	assert_int_equal(parse(in.ptr, in.len, &out, &err), PL_EINPUT);
	assert_contains(err.msg, "t.csv:5999: field 2");
	assert_contains(buf_str(&out), "5997:[x2999][y\ny]\n");
	assert_null(strstr(buf_str(&out), "[x3000]"));

	FILE *f = fmemopen(in.ptr, in.len, "r");
	assert_non_null(f);
	csv_reader *r;
	assert_ok(csv_reader_open(&r, f, "t.csv", &err), &err);
	assert_true(csv_read_ahead(r));
	csv_record rec;
	bool eof = true;
	for(int i = 0; i < 10; i++)
		assert_ok(csv_read(r, &rec, &eof, &err), &err);
	assert_false(eof);
	assert_string_equal(rec.fields[0], "x10");
	assert_int_equal(rec.line, 19);
	assert_true(csv_bytes_read(r) > 0 && csv_bytes_read(r) < in.len);
	csv_reader_close(r);
	fclose(f);
	buf_free(&in);
	buf_free(&out);
}

/* Read ahead, records of about 1 MB each (16 fields of 62,000 bytes): 70
 * of them (69 MB, more than a buffer's cap of 64 MiB) come through whole,
 * the batches cut by size. */
static void test_csv_read_ahead_of_large_records(void **state)
{
	(void)state;
	enum { N = 70, FIELDS = 16, LEN = 62000, REC = FIELDS * (LEN + 1) };
	size_t size = (size_t)N * REC;
	char *in = malloc(size);
	assert_non_null(in);
	for(int i = 0; i < N; i++)
		for(int j = 0; j < FIELDS; j++) {
			char *field = in + (size_t)i * REC + (size_t)j * (LEN + 1);
			memset(field, 'a' + (i + j) % 26, LEN);
			field[LEN] = j + 1 < FIELDS ? ',' : '\n';
		}
	FILE *f = fmemopen(in, size, "r");
	assert_non_null(f);
	csv_reader *r;
	pl_err err = {0};
	assert_ok(csv_reader_open(&r, f, "t.csv", &err), &err);
	assert_true(csv_read_ahead(r));
	int n = 0;
	for(;;) {
		csv_record rec;
		bool eof;
		assert_ok(csv_read(r, &rec, &eof, &err), &err);
		if(eof)
			break;
		assert_int_equal(rec.nfields, FIELDS);
		for(int j = 0; j < FIELDS; j++) {
			assert_int_equal(rec.lens[j], LEN);
			assert_int_equal(rec.fields[j][0], 'a' + (n + j) % 26);
			assert_int_equal(rec.fields[j][LEN - 1], 'a' + (n + j) % 26);
		}
		assert_int_equal(rec.line, ++n);
	}
	assert_int_equal(n, N);
	assert_int_equal(csv_bytes_read(r), size);
	csv_reader_close(r);
	fclose(f);
	free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain_fields),
		cmocka_unit_test(test_csv_single_field_records),
		cmocka_unit_test(test_csv_separator_from_the_first_line),
		cmocka_unit_test(test_csv_quoted_field_with_commas),
		cmocka_unit_test(test_csv_doubled_quotes_inside_quoted_field),
		cmocka_unit_test(test_csv_quoted_field_with_lf_keeps_start_line),
		cmocka_unit_test(test_csv_quoted_field_with_crlf_keeps_start_line),
		cmocka_unit_test(test_csv_crlf_lf_and_mixed_line_ends),
		cmocka_unit_test(test_csv_final_line_without_newline),
		cmocka_unit_test(test_csv_empty_fields),
		cmocka_unit_test(test_csv_blank_lines_are_skipped_but_counted),
		cmocka_unit_test(test_csv_empty_input_has_no_records),
		cmocka_unit_test(test_csv_utf8_bom_is_skipped),
		cmocka_unit_test(test_csv_leading_ef_character_that_is_not_a_bom),
		cmocka_unit_test(test_csv_cyrillic_text),
		cmocka_unit_test(test_csv_spaces_are_kept),
		cmocka_unit_test(test_csv_records_across_read_chunks),
		cmocka_unit_test(test_csv_read_ahead_across_batches_refusal_and_early_stop),
		cmocka_unit_test(test_csv_read_ahead_of_large_records),
		cmocka_unit_test(test_csv_reader_does_not_close_the_file),
		cmocka_unit_test(test_csv_quote_inside_unquoted_field_reports_line_and_field),
		cmocka_unit_test(test_csv_text_after_closing_quote_reports_line_and_field),
		cmocka_unit_test(test_csv_unterminated_quote_reports_opening_line),
		cmocka_unit_test(test_csv_unterminated_quote_in_later_record_reports_its_line),
		cmocka_unit_test(test_csv_latin1_byte_is_invalid_utf8),
		cmocka_unit_test(test_csv_windows_1251_is_named),
		cmocka_unit_test(test_csv_overlong_utf8_is_invalid),
		cmocka_unit_test(test_csv_utf16_file_is_refused),
		cmocka_unit_test(test_csv_nul_byte_reports_line_and_field),
		cmocka_unit_test(test_csv_field_of_64_kib_is_accepted),
		cmocka_unit_test(test_csv_field_over_64_kib_reports_line_and_field),
		cmocka_unit_test(test_csv_1024_fields_are_accepted),
		cmocka_unit_test(test_csv_more_than_1024_fields_reports_line_and_field),
		cmocka_unit_test(test_csv_record_over_1_mib_is_refused),
		cmocka_unit_test(test_csv_format_plain_fields_unquoted_with_crlf),
		cmocka_unit_test(test_csv_format_quotes_commas_quotes_and_line_breaks),
		cmocka_unit_test(test_csv_format_quotes_leading_and_trailing_blanks),
		cmocka_unit_test(test_csv_format_null_fields_are_empty),
		cmocka_unit_test(test_csv_format_appends_to_existing_contents),
		cmocka_unit_test(test_csv_format_over_buffer_cap_fails),
		cmocka_unit_test(test_csv_format_quotes_a_leading_feff),
		cmocka_unit_test(test_csv_format_single_empty_field_survives_round_trip),
		cmocka_unit_test(test_csv_format_neutralises_formulas),
		cmocka_unit_test(test_csv_format_then_read_gives_same_fields),
		cmocka_unit_test(test_refusals_by_code_in_ukrainian),
	};
	return cmocka_run_group_tests_name("core/csv", tests, NULL, NULL);
}
