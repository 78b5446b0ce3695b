/* Which passwords are refused, and why: too short or long, only blanks,
 * one character repeated, a sequence (abc…, 987…, a keyboard row), one of
 * the 10,000 most common passwords (data/passwords/common.txt, embedded at
 * build time) or one of them with digits or signs added, and the user's
 * own names with too little else. Each reason is a code (auth.password_*). */
#include <stdint.h>
#include <string.h>

#include "auth/auth.h"
#include "core/utf8.h"

extern const unsigned char common_passwords_txt[];
extern const unsigned long common_passwords_txt_len;

/* What is left of a password once a name is taken out must be at least
 * this long: the name itself adds nothing an attacker does not know. */
enum { NAME_REST_MIN = 8, NAME_PART_MIN = 3, STEM_MIN = 4 };

/* Lower case for ASCII and Cyrillic (what names here are written in);
 * other letters are kept as they are. */
static uint32_t lower(uint32_t c)
{
	if(c >= 'A' && c <= 'Z')
		return c + 32;
	if(c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if(c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if(c == 0x490)
		return 0x491; /* Ґ */
	return c;
}

/* s in lower case into out (room for 2 * PASSWORD_MAX); its code points
 * into cps (if not NULL). Returns the number of code points. */
static size_t fold(const char *s, char *out, size_t size, uint32_t *cps, size_t max)
{
	size_t n = strlen(s), i = 0, k = 0, o = 0;
	while(i < n) {
		uint32_t c;
		size_t used = utf8_decode(s + i, n - i, &c);
		if(!used) {
			c = (unsigned char)s[i];
			used = 1;
		} else {
			c = lower(c);
		}
		char enc[4];
		size_t e = utf8_encode(c, enc);
		if(!e) {
			enc[0] = (char)c;
			e = 1;
		}
		if(o + e < size) {
			memcpy(out + o, enc, e);
			o += e;
		}
		if(cps && k < max)
			cps[k] = c;
		k++;
		i += used;
	}
	out[o] = '\0';
	return k;
}

static bool is_blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B);
}

/* Is the folded password, or its stem (trailing digits and signs taken
 * off), a line of the shipped list? */
static bool in_list(const char *w, size_t n)
{
	const char *p = (const char *)common_passwords_txt, *end = p + common_passwords_txt_len;
	while(p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		if(len == n && *p != '#' && !memcmp(p, w, n))
			return true;
		p += len + 1;
	}
	return false;
}

static bool is_common(const char *low)
{
	size_t n = strlen(low);
	if(in_list(low, n))
		return true;
	size_t stem = n;
	while(stem && !((low[stem - 1] >= 'a' && low[stem - 1] <= 'z') || (unsigned char)low[stem - 1] >= 0x80))
		stem--;
	return stem >= STEM_MIN && stem < n && in_list(low, stem);
}

/* abcdefghij, 9876543210, 4567890123 (digits go round), a keyboard's rows
 * read on (qwertyuiopasd…) or back. */
static bool is_sequence(const char *low, const uint32_t *c, size_t k)
{
	static const char *const rows[] = {"1234567890-=", "qwertyuiopasdfghjklzxcvbnm",
	                                   "qazwsxedcrfvtgbyhnujmikolp",
	                                   "йцукенгшщзхъфывапролджэячсмитьбю", NULL};
	int step = 0;
	bool steady = k > 1;
	for(size_t i = 1; i < k && steady; i++) {
		int d = (int)c[i] - (int)c[i - 1];
		bool digits = c[i] >= '0' && c[i] <= '9' && c[i - 1] >= '0' && c[i - 1] <= '9';
		if(digits && (d == -9 || d == 9))
			d = d > 0 ? -1 : 1; /* 9 to 0 going up, 0 to 9 going down */
		if(i == 1)
			step = d;
		steady = (d == 1 || d == -1) && d == step;
	}
	if(steady)
		return true;
	size_t n = strlen(low);
	for(int r = 0; rows[r]; r++) {
		char back[128];
		size_t rn = strlen(rows[r]);
		if(strstr(rows[r], low))
			return true;
		/* A row read backwards, byte-wise for ASCII rows only. */
		if(rn < sizeof(back) && (unsigned char)rows[r][0] < 0x80 && n <= rn) {
			for(size_t i = 0; i < rn; i++)
				back[i] = rows[r][rn - 1 - i];
			back[rn] = '\0';
			if(strstr(back, low))
				return true;
		}
	}
	return false;
}

/* Does the password hold this name (folded), with fewer than NAME_REST_MIN
 * code points of anything else? */
static bool holds_name(const char *low, size_t k, const char *part, size_t plen)
{
	if(plen < NAME_PART_MIN)
		return false;
	char p[USER_NAME_MAX * 4 + 1];
	if(plen >= sizeof(p))
		return false;
	memcpy(p, part, plen);
	p[plen] = '\0';
	char folded[sizeof(p) * 2];
	size_t pk = fold(p, folded, sizeof(folded), NULL, 0);
	if(pk < NAME_PART_MIN || !strstr(low, folded))
		return false;
	return k - pk < NAME_REST_MIN;
}

/* The name and each of its parts (split at anything not a letter or digit). */
static bool holds_names(const char *low, size_t k, const char *name)
{
	if(!name || !*name)
		return false;
	if(holds_name(low, k, name, strlen(name)))
		return true;
	const char *p = name;
	while(*p) {
		size_t n = 0;
		while(p[n] && (((unsigned char)p[n] >= 0x80) || (p[n] >= 'a' && p[n] <= 'z') ||
		               (p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= '0' && p[n] <= '9')))
			n++;
		if(n && holds_name(low, k, p, n))
			return true;
		p += n ? n : 1;
	}
	return false;
}

const char *auth_password_weak(const char *password, const char *login, const char *display)
{
	size_t n = strlen(password);
	if(n < PASSWORD_MIN)
		return "auth.password_short";
	if(n > PASSWORD_MAX)
		return "auth.password_long";
	char low[2 * PASSWORD_MAX + 8];
	uint32_t c[PASSWORD_MAX];
	size_t k = fold(password, low, sizeof(low), c, PASSWORD_MAX);
	size_t blanks = 0, same = 1;
	for(size_t i = 0; i < k && i < PASSWORD_MAX; i++) {
		blanks += is_blank(c[i]);
		same += i && c[i] == c[0];
	}
	if(blanks == k)
		return "auth.password_blank";
	if(same == k)
		return "auth.password_repeated";
	if(is_sequence(low, c, k < PASSWORD_MAX ? k : PASSWORD_MAX))
		return "auth.password_sequence";
	if(is_common(low))
		return "auth.password_common";
	if(holds_names(low, k, login) || holds_names(low, k, display))
		return "auth.password_name";
	return NULL;
}
