/* The letters' template language (family/letter.h) on any bytes, as an
 * office's edit or a draft reaches it. Checking alone and writing agree;
 * a refusal is coded (one of letters.tmpl_*), names a line and a column
 * from 1, and writes nothing; what is accepted writes valid UTF-8 no longer
 * than the template when every value is one letter (a placeholder is at
 * least 7 bytes, "{{" gives one); a date in words never overruns. Nothing
 * crashes or leaks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/msg.h"
#include "core/utf8.h"
#include "family/letter.h"
#include "fuzz.h"

static void check_refusal(const pl_err *err)
{
	const char *line = pl_err_arg_value(err, "line"), *col = pl_err_arg_value(err, "column");
	if(err->rc != PL_EINPUT || !err->code || strncmp(err->code, "letters.tmpl_", 13))
		abort();
	if(strcmp(err->code, "letters.tmpl_too_long") && (!line || !col || atol(line) < 1 || atol(col) < 1))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *v[LP_COUNT];
	for(int p = 0; p < LP_COUNT; p++)
		v[p] = "X";
	pl_err e1 = {0}, e2 = {0};
	buf out;
	buf_init(&out, 0);
	pl_rc checked = letter_tmpl_render(text, size, NULL, LANG_UK, NULL, &e1);
	pl_rc written = letter_tmpl_render(text, size, v, LANG_UK, &out, &e2);
	if((checked != PL_OK) != (written != PL_OK))
		abort();
	if(written) {
		check_refusal(&e2);
		if(strcmp(e1.code, e2.code) || out.len)
			abort();
	} else if(out.len > size || !utf8_valid(buf_str(&out), out.len, NULL)) {
		abort();
	}
	buf_free(&out);
	/* the same bytes as a day, in each language */
	char day[32], words[96];
	size_t n = size < sizeof(day) - 1 ? size : sizeof(day) - 1;
	memcpy(day, data, n);
	day[n] = '\0';
	for(int l = 0; l < LANG_COUNT; l++) {
		letter_date_words(day, l, words, sizeof(words));
		if(strlen(words) >= sizeof(words))
			abort();
	}
	return 0;
}
