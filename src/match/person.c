#include "match/person.h"

#include <ctype.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/date.h"
#include "core/parallel.h"
#include "core/text.h"
#include "core/utf8.h"
#include "store/store.h"

static const match_comparison person_cmps[] = {
	{"surname", MATCH_NAME, MP_SURNAME, MP_SURNAME_EQ, MP_GIVEN, true, MP_NAME_PAIR, MP_SURNAME_SKEL},
	{"given_names", MATCH_NAME, MP_GIVEN, MP_GIVEN_EQ, MP_SURNAME, true, MP_NAME_PAIR, MP_GIVEN_SKEL},
	{"patronymic", MATCH_NAME, MP_PATR, MP_PATR_EQ, -1, true, -1, -1},
	{"birth_date", MATCH_DATE, MP_BIRTH, -1, -1, false, MP_BIRTH_YEAR, -1},
	{"service_number", MATCH_ID, MP_SERVICE, -1, -1, false, -1, -1},
	{"unit", MATCH_EXACT, MP_UNIT, -1, -1, false, -1, -1},
	{"birth_place", MATCH_TEXT, MP_PLACE, -1, -1, false, -1, -1},
	{"sex", MATCH_EXACT, MP_SEX, -1, -1, false, -1, -1},
	{"home_address", MATCH_ADDRESS, MP_ADDRESS, -1, -1, false, -1, -1},
	{"home_locality", MATCH_TEXT, MP_LOCALITY, -1, -1, true, -1, -1},
	{"home_region", MATCH_TEXT, MP_REGION, -1, -1, false, -1, -1},
};

/* Canonical keys, so that the Ukrainian and Russian forms the dictionary
 * knows block together, and surnames' skeletons, so that those it does not
 * know (Білокінь/Белоконь) and most typos do too; a typo in one name, a
 * wrong or missing birth date, is caught by a rule without it.
 *
 * Candidates must grow with the lists, not with their square: a common
 * surname and given name (Коваленко Олександр) are hundreds at a million
 * a side. A block of more than two records on side b is taken in two
 * windows instead, each in the order of a column the rule does not block
 * on (the birth date, the patronymic, the skeleton): a record meets the
 * neighbours in that order whose value is near its own and the few that
 * share its value there, so a typo or a wrong date in one column is
 * caught by the other. A smaller block is screened on the same columns:
 * a pair far on all of them (a namesake born in another decade) is not
 * proposed. */
enum { SN = 1u << 0, GN = 1u << 1, /* the surname's and given name's comparisons */
       ADDR = 1u << 8 };                 /* the home address's */
enum { CAP = 2, CAP_ID = 4 };
/* Windows in the order of x and of y, and the small blocks screened on them. */
#define WINDOWS(x, y) {x, y}, 2, {x, y}, 2
static const match_rule person_rules[] = {
	{"surname + given name, skeletons (either order)", {MP_SKEL_PAIR}, 1, SN | GN, CAP, WINDOWS(MP_BIRTH, MP_PATR_EQ)},
	{"surname skeleton + birth year", {MP_SURNAME_SKEL, MP_BIRTH_YEAR}, 2, SN, CAP, WINDOWS(MP_GIVEN_SKEL, MP_BIRTH)},
	{"given name + patronymic + birth year", {MP_GIVEN_EQ, MP_PATR_EQ, MP_BIRTH_YEAR}, 3, 0, CAP, WINDOWS(MP_SURNAME_SKEL, MP_BIRTH)},
	{"birth date + given name", {MP_BIRTH, MP_GIVEN_EQ}, 2, 0, CAP, WINDOWS(MP_SURNAME_SKEL, MP_PATR_EQ)},
	{"service number", {MP_SERVICE}, 1, 0, CAP_ID, {0}, 0, {0}, 0},
	/* Names exchanged and one of them misspelt: neither name's key nor
	 * the skeletons' pair holds; the birth date and patronymic do. Small
	 * blocks only (no windows: at a million a side they would be many). */
	{"birth date + patronymic", {MP_BIRTH, MP_PATR_EQ}, 2, 0, CAP_ID, {0}, 0, {0}, 0},
	{"given name + patronymic + surname's first letters", {MP_GIVEN_EQ, MP_PATR_EQ, MP_SKEL_HEAD}, 3, SN, CAP, WINDOWS(MP_SURNAME_SKEL, MP_BIRTH)},
	/* The home address: its house number with the town, and the town with
	 * the surname (a typo in the house number, or in the names). The
	 * house number and town screened on the birth date too: where the
	 * address is right both names may be misspelt. */
	{"house number + home locality", {MP_HOUSE, MP_LOCALITY}, 2, ADDR, CAP, {MP_SURNAME_SKEL, MP_GIVEN_SKEL}, 2, {MP_SURNAME_SKEL, MP_GIVEN_SKEL, MP_BIRTH}, 3},
	{"home locality + surname skeleton", {MP_LOCALITY, MP_SURNAME_SKEL}, 2, SN, CAP, WINDOWS(MP_GIVEN_SKEL, MP_BIRTH)},
};

const match_spec match_person_spec = {person_cmps, (int)(sizeof(person_cmps) / sizeof(person_cmps[0])),
                                      person_rules,
                                      (int)(sizeof(person_rules) / sizeof(person_rules[0]))};

/* The fields a person is keyed from (a change of any keys them again). */
const int match_shown_fields[MATCH_SHOWN] = {
	PF_SURNAME, PF_GIVEN_NAMES, PF_PATRONYMIC, PF_SURNAME_LATIN, PF_GIVEN_NAMES_LATIN,
	PF_PATRONYMIC_LATIN, PF_SEX, PF_BIRTH_DATE, PF_BIRTH_PLACE, PF_SERVICE_NUMBER, PF_UNIT,
	PF_HOME_ADDRESS, PF_HOME_LOCALITY, PF_HOME_REGION,
};

/* ---- one person's columns ---------------------------------------------- */

void match_skeleton(const char *key, char *out, size_t size)
{
	size_t n = 0;
	char last = 0;
	for(const char *p = key; *p && n + 1 < size; p++) {
		char c = *p == 'f' ? 'h' : *p;
		if(c == ' ' || (n && strchr("aeiouy", c)) || c == last)
			continue;
		out[n++] = last = c;
	}
	out[n] = '\0';
}

static const char *skeleton_of(const char *key, arena *a)
{
	if(!key)
		return NULL;
	char s[64];
	match_skeleton(key, s, sizeof(s));
	return *s ? arena_strdup(a, s) : NULL;
}

/* Two values as one key whatever their order ("a|b", a <= b). */
static const char *sorted_pair(const char *x, const char *y, arena *a)
{
	if(!x || !y)
		return NULL;
	bool in_order = strcmp(x, y) <= 0;
	size_t len = strlen(x) + strlen(y) + 2;
	char *pair = arena_alloc(a, len);
	if(pair)
		snprintf(pair, len, "%s|%s", in_order ? x : y, in_order ? y : x);
	return pair;
}

/* The key and the canonical key of a name: word by word, the dictionary's
 * Russian form where it has one. */
static pl_rc name_keys(names *nm, const char *text, arena *a, const char **key, const char **eq)
{
	*key = *eq = NULL;
	if(!text || !*text)
		return PL_OK;
	buf k;
	buf_init(&k, 0);
	pl_rc rc = names_word_key(text, &k);
	if(rc || !k.len) {
		buf_free(&k);
		return rc;
	}
	*key = arena_strdup(a, buf_str(&k));
	buf e;
	buf_init(&e, 0);
	for(const char *w = *key; *w && !rc;) {
		size_t n = strcspn(w, " ");
		const char *to = names_equivalent(nm, w, n);
		if(e.len)
			rc = buf_add(&e, " ", 1);
		if(!rc)
			rc = to ? buf_adds(&e, to) : buf_add(&e, w, n);
		w += n + (w[n] == ' ');
	}
	if(!rc)
		*eq = arena_strdup(a, buf_str(&e));
	buf_free(&k);
	buf_free(&e);
	return rc ? rc : arena_oom(a) ? PL_ENOMEM : PL_OK;
}

static const char *birth_column(const char *text, arena *a, const char **year)
{
	pdate d;
	const char *why;
	*year = NULL;
	if(!text || !date_parse(text, &d, &why))
		return NULL;
	char *s = arena_alloc(a, 16);
	if(!s)
		return NULL;
	snprintf(s, 16, "%04d%02d%02d", d.y, d.m, d.d);
	*year = arena_strndup(a, s, 4);
	return s;
}

/* Letters and digits only, upper case; Cyrillic letters in ICAO Latin, so
 * that АБ123 and AB123 are one number. */
static const char *service_column(const char *text, arena *a)
{
	if(!text)
		return NULL;
	buf lat;
	buf_init(&lat, 0);
	if(names_transliterate(text, NAMES_ICAO9303, &lat)) {
		buf_free(&lat);
		return NULL;
	}
	char *s = arena_alloc(a, lat.len + 1);
	size_t n = 0;
	for(size_t i = 0; s && i < lat.len; i++) {
		unsigned char c = (unsigned char)lat.ptr[i];
		if(isalnum(c))
			s[n++] = (char)toupper(c);
	}
	if(s)
		s[n] = '\0';
	buf_free(&lat);
	return s && n ? s : NULL;
}

/* "в/ч А1234" and "military unit A1234" are one unit: its digits. */
static const char *unit_column(names *nm, const char *text, arena *a)
{
	if(!text)
		return NULL;
	char *s = arena_alloc(a, strlen(text) + 1);
	size_t n = 0;
	for(const char *p = text; s && *p; p++)
		if(*p >= '0' && *p <= '9')
			s[n++] = *p;
	if(s)
		s[n] = '\0';
	if(n)
		return s;
	const char *key, *eq;
	return name_keys(nm, text, a, &key, &eq) ? NULL : key;
}

static const char *pick(const person *p, int cyr, int lat)
{
	return p->f[cyr] && *p->f[cyr] ? p->f[cyr] : p->f[lat];
}

/* Names keyed once: in a registry most persons share their given name and
 * patronymic with thousands and their surname with dozens, and keying a
 * name (folding, the dictionary) is most of keying a person. The keys
 * live in the cache's arena, until it is reset. */
typedef struct name_cache {
	hmap map;     /* a name's text -> its keys (name_keyed, in a) */
	arena a;
} name_cache;

typedef struct name_keyed {
	const char *key, *eq;
} name_keyed;

enum { NAME_CACHE_MAX = 1 << 18 };   /* names, before it starts again */

static void name_cache_init(name_cache *c)
{
	hmap_init(&c->map);
	arena_init(&c->a, 1 << 16);
}

static void name_cache_free(name_cache *c)
{
	hmap_free(&c->map);
	arena_free(&c->a);
}

/* Full: emptied, when nothing keyed from it is still to be read. */
static void name_cache_trim(name_cache *c)
{
	if(c->map.count < NAME_CACHE_MAX)
		return;
	name_cache_free(c);
	name_cache_init(c);
}

/* The cache's entry for key[0..n), made empty (*fresh) if it had none;
 * NULL when out of memory. An entry made is filled before the next look-up. */
static name_keyed *cache_entry(name_cache *c, const char *key, size_t n, bool *fresh)
{
	name_keyed *k = hmap_get(&c->map, key, n);
	*fresh = !k;
	if(!k && (!(k = arena_calloc(&c->a, 1, sizeof(*k))) || hmap_put(&c->map, key, n, k)))
		return NULL;
	return k;
}

static pl_rc name_keys_cached(names *nm, name_cache *c, const char *text, arena *a, const char **key,
                              const char **eq)
{
	if(!c || !text || !*text)
		return name_keys(nm, text, a, key, eq);
	bool fresh;
	name_keyed *k = cache_entry(c, text, strlen(text), &fresh);
	pl_rc rc = !k ? PL_ENOMEM : fresh ? name_keys(nm, text, &c->a, &k->key, &k->eq) : PL_OK;
	if(rc)
		return rc;
	*key = k->key;
	*eq = k->eq;
	return PL_OK;
}

/* A locality's or region's key, from the same cache (a towns' and
 * regions' list is short), its text marked apart from the names'. */
static pl_rc place_key_cached(name_cache *c, const char *text, arena *a, const char **out)
{
	char k[256];
	size_t n = text ? strlen(text) : 0;
	if(!c || !n || n + 1 >= sizeof(k)) {
		*out = match_place_key(text, a);
		return PL_OK;
	}
	k[0] = '\x01';
	memcpy(k + 1, text, n);
	bool fresh;
	name_keyed *hit = cache_entry(c, k, n + 1, &fresh);
	if(hit && fresh)
		hit->key = match_place_key(text, &c->a);
	if(!hit || arena_oom(&c->a))
		return PL_ENOMEM;
	*out = hit->key;
	return PL_OK;
}

static pl_rc person_row(names *nm, name_cache *c, const person *p, arena *a, const char **row)
{
	memset(row, 0, MP_COLS * sizeof(*row));
	pl_rc rc = name_keys_cached(nm, c, pick(p, PF_SURNAME, PF_SURNAME_LATIN), a, &row[MP_SURNAME],
	                            &row[MP_SURNAME_EQ]);
	if(!rc)
		rc = name_keys_cached(nm, c, pick(p, PF_GIVEN_NAMES, PF_GIVEN_NAMES_LATIN), a, &row[MP_GIVEN],
		                      &row[MP_GIVEN_EQ]);
	if(!rc)
		rc = name_keys_cached(nm, c, pick(p, PF_PATRONYMIC, PF_PATRONYMIC_LATIN), a, &row[MP_PATR],
		                      &row[MP_PATR_EQ]);
	if(rc)
		return rc;
	row[MP_BIRTH] = birth_column(p->f[PF_BIRTH_DATE], a, &row[MP_BIRTH_YEAR]);
	row[MP_SERVICE] = service_column(p->f[PF_SERVICE_NUMBER], a);
	row[MP_UNIT] = unit_column(nm, p->f[PF_UNIT], a);
	const char *eq;
	if(p->f[PF_BIRTH_PLACE] && name_keys(nm, p->f[PF_BIRTH_PLACE], a, &row[MP_PLACE], &eq))
		return PL_ENOMEM;
	row[MP_SEX] = p->f[PF_SEX];
	row[MP_NAME_PAIR] = sorted_pair(row[MP_SURNAME_EQ], row[MP_GIVEN_EQ], a);
	row[MP_SURNAME_SKEL] = skeleton_of(row[MP_SURNAME_EQ], a);
	row[MP_GIVEN_SKEL] = skeleton_of(row[MP_GIVEN_EQ], a);
	row[MP_SKEL_PAIR] = sorted_pair(row[MP_SURNAME_SKEL], row[MP_GIVEN_SKEL], a);
	if(row[MP_SURNAME_SKEL])
		row[MP_SKEL_HEAD] = arena_strndup(a, row[MP_SURNAME_SKEL], 2);
	match_address_columns(p->f[PF_HOME_ADDRESS], a, &row[MP_ADDRESS], &row[MP_HOUSE]);
	if(place_key_cached(c, p->f[PF_HOME_LOCALITY], a, &row[MP_LOCALITY]) ||
	   place_key_cached(c, p->f[PF_HOME_REGION], a, &row[MP_REGION]))
		return PL_ENOMEM;
	return arena_oom(a) ? PL_ENOMEM : PL_OK;
}

pl_rc match_person_row(names *nm, const person *p, arena *a, const char **row)
{
	return person_row(nm, NULL, p, a, row);
}

/* ---- lists -------------------------------------------------------------- */

void match_list_init(match_list *l)
{
	memset(l, 0, sizeof(*l));
	match_side_init(&l->side, MP_COLS);
	arena_init(&l->a, 0);
}

pl_rc match_list_add(match_list *l, const char *const *row, const char *id, long line)
{
	if(l->side.n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		const char **ids = realloc(l->ids, cap * sizeof(*ids));
		if(ids)
			l->ids = ids;
		long *lines = realloc(l->lines, cap * sizeof(*lines));
		if(lines)
			l->lines = lines;
		if(!ids || !lines)
			return PL_ENOMEM;
		l->cap = cap;
	}
	l->ids[l->side.n] = arena_strdup(&l->a, id);
	l->lines[l->side.n] = line;
	if(arena_oom(&l->a))
		return PL_ENOMEM;
	return match_side_add(&l->side, row);
}

pl_rc match_list_add_person(match_list *l, names *nm, const person *p, const char *id, long line,
                            const char *name, arena *scratch, pl_err *err)
{
	const char *row[MP_COLS];
	if(match_person_row(nm, p, scratch, row))
		return pl_nomem(err);
	if(!row[MP_SURNAME] && !row[MP_GIVEN])
		return pl_failc(err, PL_EINPUT, "match.no_name", "list", name, "line", PL_N(line), NULL);
	pl_rc rc = match_list_add(l, row, id, line);
	if(rc == PL_ELIMIT)
		return pl_failc(err, rc, "match.record_too_long", "list", name, "line", PL_N(line), NULL);
	return rc ? pl_nomem(err) : PL_OK;
}

/* *p resized to n bytes; false, *p kept, if it could not be. */
static bool resize(void **p, size_t n)
{
	void *q = realloc(*p, n);
	if(q)
		*p = q;
	return q != NULL;
}

/* Row j's fields as the list gave them, after match_list_add_person. */
static pl_rc list_show(match_list *l, const person *p, int split, int left_out)
{
	size_t j = l->side.n - 1;
	if(j >= l->shown_cap) {
		size_t cap = l->shown_cap ? l->shown_cap * 2 : 1024;
		if(!resize((void **)&l->shown, cap * MATCH_SHOWN * sizeof(*l->shown)) ||
		   !resize((void **)&l->split, cap) || !resize((void **)&l->left_out, cap))
			return PL_ENOMEM;
		l->shown_cap = cap;
	}
	for(int k = 0; k < MATCH_SHOWN; k++) {
		const char *v = p->f[match_shown_fields[k]];
		l->shown[j * MATCH_SHOWN + k] = v ? arena_strdup(&l->a, v) : NULL;
	}
	l->split[j] = (signed char)split;
	l->left_out[j] = (unsigned char)(left_out > 255 ? 255 : left_out);
	return arena_oom(&l->a) ? PL_ENOMEM : PL_OK;
}

void match_list_free(match_list *l)
{
	match_side_free(&l->side);
	free(l->ids);
	free(l->lines);
	free(l->shown);
	free(l->split);
	free(l->left_out);
	arena_free(&l->a);
	memset(l, 0, sizeof(*l));
}

/* A row whose whole name gave no clue to its order, split as the lists
 * usually are, to split again once the list has shown its own order. */
typedef struct unclear {
	size_t row;
	const char *text;   /* the whole name, in the list's arena */
	bool own_patronymic; /* the row gave a patronymic column of its own */
} unclear;

typedef struct list_reader {
	match_list *l;
	int col_field[CSV_FIELDS_MAX]; /* the person field of each column, or -1 */
	/* Columns without a header (a spreadsheet's empty ones after the last,
	 * "a;b;;"): left out, and said only once a row has something there. */
	bool headless[CSV_FIELDS_MAX];
	int id_col;
	int name_col;  /* a whole name in any order ("name", "ПІБ", "ФИО"), or -1 */
	size_t ncols;
	names *nm;
	arena row;
	unclear *unclear;
	size_t nunclear, unclear_cap;
} list_reader;

/* Headers of a whole name in one column, folded and without signs: name,
 * full name, ПІБ (П.І.Б.), ФИО (Ф.И.О.), "Прізвище, ім'я, по батькові",
 * "Фамилия Имя Отчество" and their spellings. */
static const char *const whole_name_headers[] = {
	"name", "fullname", "піб", "піп", "фіо", "фио", "пиб", "прізвищеімяпобатькові",
	"прізвищеіміяпобатькові", "фамилияимяотчество", "фамилияиотчество", "прізвищеімя", "фамилияимя",
	NULL,
};

static bool is_whole_name_header(const char *h)
{
	char letters[256];
	field_header_letters(h, letters, sizeof(letters));
	for(int i = 0; *letters && whole_name_headers[i]; i++)
		if(!strcmp(letters, whole_name_headers[i]))
			return true;
	return false;
}

/* A column that is no field: the other side's lists carry notes, dates
 * of capture in words, columns of their own. It is left out of the
 * linkage, not refused (a list is read as it comes), and said
 * (match.columns_left_out): a header misspelt is seen there. */
static pl_rc column_left_out(match_list *l, const char *header)
{
	enum { NAMED = 20 }; /* the rest counted: a list of a thousand columns names twenty */
	if(l->ncols_left_out++ >= NAMED)
		return PL_OK;
	char q[96];
	text_quote(header, q, sizeof(q));
	buf b;
	buf_init(&b, 0);
	const char *before = l->cols_left_out;
	pl_rc rc = buf_printf(&b, "%s%s'%s'", before ? before : "", before ? ", " : "", q);
	if(!rc && !(l->cols_left_out = arena_strdup(&l->a, buf_str(&b))))
		rc = PL_ENOMEM;
	buf_free(&b);
	return rc;
}

/* A column read as a field by its header (header_alias), to be said. */
static pl_rc note_alias(match_list *l, const char *header, int field)
{
	if(l->naliases < (int)(sizeof(l->aliases) / sizeof(*l->aliases)))
		l->aliases[l->naliases++] = (struct match_alias){arena_strdup(&l->a, header), field};
	return arena_oom(&l->a) ? PL_ENOMEM : PL_OK;
}

static pl_rc read_header(list_reader *lr, const csv_record *rec, const char *name,
                         const char *id_column, pl_err *err)
{
	lr->ncols = rec->nfields;
	lr->id_col = -1;
	lr->name_col = -1;
	bool has_name = false;
	int given_by[PF_COUNT];
	for(int f = 0; f < PF_COUNT; f++)
		given_by[f] = -1;
	for(size_t c = 0; c < rec->nfields; c++) {
		const char *h = rec->fields[c];
		lr->col_field[c] = field_find(person_fields, PF_COUNT, h);
		if(id_column && !strcmp(h, id_column))
			lr->id_col = (int)c;
		if(lr->col_field[c] < 0 && lr->name_col < 0 && is_whole_name_header(h)) {
			lr->name_col = (int)c;
			has_name = true;
			continue;
		}
		bool other = !strncmp(h, "ext.", 4) || !strcmp(h, "id") || (id_column && !strcmp(h, id_column));
		if(lr->col_field[c] < 0 && !other && (lr->col_field[c] = person_field_of_header(h)) >= 0 &&
		   note_alias(lr->l, h, lr->col_field[c]))
			return pl_nomem(err);
		if(lr->col_field[c] >= 0) {
			int f = lr->col_field[c];
			if(given_by[f] >= 0)
				return pl_failc(err, PL_EINPUT, "match.column_twice", "list", name, "first",
				                rec->fields[given_by[f]], "second", h, "field", person_fields[f].name, NULL);
			given_by[f] = (int)c;
			has_name |= f == PF_SURNAME || f == PF_SURNAME_LATIN || f == PF_GIVEN_NAMES ||
			            f == PF_GIVEN_NAMES_LATIN;
		} else if(!other && !h[strspn(h, " \t")]) {
			lr->headless[c] = true;
		} else if(!other && column_left_out(lr->l, h)) {
			return pl_nomem(err);
		}
	}
	if(id_column && lr->id_col < 0)
		return pl_failc(err, PL_EINPUT, "match.no_id_column", "list", name, "column", id_column, NULL);
	if(!has_name)
		return pl_failc(err, PL_EINPUT, "match.no_name_column", "list", name, NULL);
	return PL_OK;
}

const char *match_list_value(int field, const char *value, arena *a, const char **why)
{
	*why = NULL;
	field_kind k = person_fields[field].kind;
	if(k == FK_DATE || k == FK_ENUM)
		return field_clean(&person_fields[field], value, (pdate){9999, 12, 31}, a, why);
	return value;
}

/* A value the list's row gives that could not be read: counted by field,
 * the first kept to be shown. */
static pl_rc unread(match_list *l, int field, const char *value, long line, const char *why)
{
	int k = 0;
	while(k < l->nunread && l->unread[k].field != field)
		k++;
	if(k == (int)(sizeof(l->unread) / sizeof(*l->unread)))
		return PL_OK; /* more fields than kept: only two are read so */
	struct match_unread *u = &l->unread[k];
	if(k == l->nunread) {
		char q[160];
		text_quote(value, q, sizeof(q));
		*u = (struct match_unread){field, 0, line, arena_strdup(&l->a, q), why};
		l->nunread++;
	}
	u->n++;
	return arena_oom(&l->a) ? PL_ENOMEM : PL_OK;
}

int match_list_warnings(const match_list *l, pl_err *out)
{
	int n = 0;
	if(l->ncols_left_out)
		pl_failc(&out[n++], PL_EINPUT, "match.columns_left_out", "n", PL_N((long long)l->ncols_left_out),
		         "columns", l->cols_left_out, NULL);
	for(int k = 0; k < l->nunread && n < MATCH_LIST_WARNINGS_MAX; k++) {
		const struct match_unread *u = &l->unread[k];
		pl_failc(&out[n++], PL_EINPUT, "match.list_unread", "column", person_fields[u->field].name, "n",
		         PL_N((long long)u->n), "line", PL_N(u->line), "value", u->value, "why", field_why_arg(u->why),
		         NULL);
	}
	return n;
}

static pl_rc read_row(list_reader *lr, const csv_record *rec, const char *name, pl_err *err)
{
	if(rec->nfields != lr->ncols)
		return pl_failc(err, PL_EINPUT, "match.fields_count", "list", name, "line", PL_N(rec->line),
		                "fields", PL_N(rec->nfields), "columns", PL_N(lr->ncols), NULL);
	person p = {0};
	arena_reset(&lr->row);
	for(size_t c = 0; c < rec->nfields; c++) {
		size_t bad;
		if(!utf8_valid(rec->fields[c], rec->lens[c], &bad))
			return pl_failc(err, PL_EINPUT, "match.utf8", "list", name, "line", PL_N(rec->line), "n",
			                PL_N(c + 1), "byte", PL_N(bad + 1), NULL);
		int f = lr->col_field[c];
		const char *why;
		if(lr->headless[c] && rec->lens[c] && rec->fields[c][strspn(rec->fields[c], " \t")]) {
			lr->headless[c] = false; /* said once */
			if(column_left_out(lr->l, ""))
				return pl_nomem(err);
		}
		if(f < 0 || !rec->lens[c])
			continue;
		p.f[f] = match_list_value(f, rec->fields[c], &lr->row, &why);
		if(why && unread(lr->l, f, rec->fields[c], rec->line, why))
			return pl_nomem(err);
	}
	/* A whole name fills the parts the row does not give. */
	names_person np = {.how = NAMES_SPLIT_NONE};
	bool whole = lr->name_col >= 0 && rec->lens[lr->name_col] && !p.f[PF_SURNAME] &&
	             !p.f[PF_GIVEN_NAMES];
	if(whole) {
		if(names_parse_person(lr->nm, rec->fields[lr->name_col], &lr->row, &np))
			return pl_nomem(err);
		p.f[PF_SURNAME] = np.surname;
		p.f[PF_GIVEN_NAMES] = np.given;
		if(!p.f[PF_PATRONYMIC])
			p.f[PF_PATRONYMIC] = np.patronymic;
	}
	char num[32];
	snprintf(num, sizeof(num), "%ld", rec->line);
	pl_rc rc = match_list_add_person(lr->l, lr->nm, &p, lr->id_col >= 0 ? rec->fields[lr->id_col] : num,
	                                 rec->line, name, &lr->row, err);
	if(!rc && list_show(lr->l, &p, whole ? (int)np.how : -1, np.left_out))
		rc = pl_nomem(err);
	if(rc || !whole)
		return rc;
	/* What the row says of the list's order, or that it says nothing. */
	bool fallback = np.how == NAMES_SPLIT_SURNAME_FIRST || np.how == NAMES_SPLIT_GIVEN_FIRST;
	if(!fallback && np.order)
		lr->l->order_votes[np.order]++;
	if(fallback) {
		if(lr->nunclear == lr->unclear_cap &&
		   !resize((void **)&lr->unclear, (lr->unclear_cap = lr->unclear_cap ? lr->unclear_cap * 2 : 256) *
		                                  sizeof(*lr->unclear)))
			return pl_nomem(err);
		lr->unclear[lr->nunclear++] = (unclear){lr->l->side.n - 1,
		                                        arena_strdup(&lr->l->a, rec->fields[lr->name_col]),
		                                        np.patronymic != p.f[PF_PATRONYMIC]};
		if(arena_oom(&lr->l->a))
			return pl_nomem(err);
	}
	return PL_OK;
}

/* The list's order of whole names: what the rows that showed it (a known
 * given name, a patronymic, a comma, capitals, initials) show, if two of
 * three agree; 0 when they do not, or none showed it. */
static int list_order(const match_list *l)
{
	size_t first = l->order_votes[NAMES_SURNAME_FIRST], last = l->order_votes[NAMES_SURNAME_LAST];
	if(first + last == 0)
		return 0;
	return first >= 2 * last ? NAMES_SURNAME_FIRST : last >= 2 * first ? NAMES_SURNAME_LAST : 0;
}

/* Row j's whole name split again in the list's order: its columns keyed
 * anew from what it showed, with the new parts. */
static pl_rc resplit(list_reader *lr, const unclear *u, int order)
{
	match_list *l = lr->l;
	names_person np;
	arena_reset(&lr->row);
	if(names_parse_person_in(lr->nm, u->text, order, &lr->row, &np))
		return PL_ENOMEM;
	const char **shown = &l->shown[u->row * MATCH_SHOWN];
	person p = {0};
	for(int k = 0; k < MATCH_SHOWN; k++)
		p.f[match_shown_fields[k]] = shown[k];
	p.f[PF_SURNAME] = np.surname;
	p.f[PF_GIVEN_NAMES] = np.given;
	if(!u->own_patronymic)
		p.f[PF_PATRONYMIC] = np.patronymic;
	const char *row[MP_COLS];
	if(match_person_row(lr->nm, &p, &lr->row, row))
		return PL_ENOMEM;
	pl_rc rc = match_side_set(&l->side, u->row, row);
	if(rc)
		return rc;
	shown[0] = np.surname ? arena_strdup(&l->a, np.surname) : NULL;
	shown[1] = np.given ? arena_strdup(&l->a, np.given) : NULL;
	if(!u->own_patronymic)
		shown[2] = np.patronymic ? arena_strdup(&l->a, np.patronymic) : NULL;
	l->split[u->row] = (signed char)np.how;
	return arena_oom(&l->a) ? PL_ENOMEM : PL_OK;
}

/* Once the list is read: the rows that gave no clue follow its order. */
static pl_rc settle_order(list_reader *lr, pl_err *err)
{
	int order = list_order(lr->l);
	lr->l->name_order = order;
	for(size_t k = 0; order && k < lr->nunclear; k++)
		if(resplit(lr, &lr->unclear[k], order))
			return pl_nomem(err);
	return PL_OK;
}

pl_rc match_list_read(names *nm, FILE *f, const char *name, const char *id_column, match_list *out,
                      pl_err *err)
{
	match_list_init(out);
	list_reader *lr = calloc(1, sizeof(*lr));
	if(!lr)
		return pl_nomem(err);
	lr->l = out;
	lr->nm = nm;
	arena_init(&lr->row, 4096);
	csv_reader *cr = NULL;
	/* JSON (a report, JSON lines, an export) would read as a CSV mistake:
	 * say what is read and what to do, by its name or its first byte (after
	 * a byte order mark, which CSV may have too and is dropped here). */
	int first = getc(f);
	if(first == 0xEF && getc(f) == 0xBB && getc(f) == 0xBF)
		first = getc(f);
	if(first != EOF)
		ungetc(first, f);
	const char *dot = strrchr(name, '.');
	bool json = first == '{' || first == '[' ||
	            (dot && (!strcmp(dot, ".json") || !strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson")));
	pl_rc rc = json ? pl_failc(err, PL_EINPUT, "match.json_list", "list", name, NULL)
	                : csv_reader_open(&cr, f, name, err);
	bool eof = false, header = true;
	while(!rc) {
		csv_record rec;
		if((rc = csv_read(cr, &rec, &eof, err)) || eof)
			break;
		rc = header ? read_header(lr, &rec, name, id_column, err) : read_row(lr, &rec, name, err);
		header = false;
	}
	if(!rc && header)
		rc = pl_failc(err, PL_EINPUT, "match.empty", "list", name, NULL);
	if(!rc)
		rc = settle_order(lr, err);
	free(lr->unclear);
	if(cr)
		csv_reader_close(cr);
	arena_free(&lr->row);
	free(lr);
	if(rc)
		match_list_free(out);
	return rc;
}

/* ---- the registry as a list ----------------------------------------------
 *
 * Keying a name is the costly part of reading the registry for linkage.
 * Each person's columns are kept in match_key with a hash of the fields
 * they are made from; a person whose hash still matches is read back, the
 * others (new, changed, or keyed under older rules) are keyed and their
 * rows written after the read, in one transaction. */

enum { SRC_HASH = 16 };
#define COLS_VERSION "cols-3 (skeletons)"


/* BLAKE2b of the names' key version, the columns' version (a change of
 * what they hold keys again) and the shown fields, each with its NUL
 * (U+001E alone for an unknown one). The bytes are gathered in `in` and
 * hashed at once: the same hash as one update per field, which was a
 * seventh of reading a million persons whose keys were kept. */
static pl_rc source_hash(const names *nm, const person *p, buf *in, unsigned char out[SRC_HASH])
{
	buf_reset(in);
	const char *v = names_key_version(nm);
	pl_rc rc = buf_add(in, v, strlen(v) + 1);
	rc = rc ? rc : buf_add(in, COLS_VERSION, sizeof(COLS_VERSION));
	for(size_t i = 0; i < MATCH_SHOWN && !rc; i++) {
		const char *f = p->f[match_shown_fields[i]];
		rc = buf_add(in, f ? f : "\x1e", f ? strlen(f) + 1 : 1);
	}
	if(!rc)
		crypto_generichash(out, SRC_HASH, (const unsigned char *)in->ptr, in->len, NULL, 0);
	return rc;
}

/* Columns as one text: U+001F between, U+001E for unknown. */
static pl_rc cols_encode(const char *const *row, buf *out)
{
	buf_reset(out);
	pl_rc rc = PL_OK;
	for(int c = 0; c < MP_COLS && !rc; c++) {
		if(c)
			rc = buf_add(out, "\x1f", 1);
		if(!rc)
			rc = row[c] ? buf_adds(out, row[c]) : buf_add(out, "\x1e", 1);
	}
	return rc;
}

static bool cols_decode(const char *text, arena *a, const char **row)
{
	for(int c = 0; c < MP_COLS; c++) {
		size_t n = strcspn(text, "\x1f");
		row[c] = n == 1 && text[0] == '\x1e' ? NULL : arena_strndup(a, text, n);
		if(row[c] && !*row[c])
			row[c] = NULL;
		if(c + 1 < MP_COLS && text[n] != '\x1f')
			return false; /* not a row of this layout: key again */
		text += n + (text[n] != '\0');
	}
	return true;
}

/* Persons are taken in batches: those whose columns were kept are read
 * back at once, the others keyed on two threads (keying is most of a first
 * read: 8 of its 15 s of CPU at a million persons), then all of the batch
 * added to the list in the registry's order. */
enum { KEY_BATCH = 2048, KEY_THREADS = 2, KEY_ALONE = 256 /* fewer misses: no thread */ };

typedef struct key_entry {
	int64_t id;
	char uid[UID_SIZE];
	unsigned char h[SRC_HASH];
	bool miss;
	const char *f[MATCH_SHOWN]; /* a miss: the fields it is keyed from */
	const char *row[MP_COLS];
} key_entry;

typedef struct key_job {
	names *nm;
	key_entry *e;
	size_t n, from, step; /* entries from, from + step, ... of n */
	arena a;         /* the job's keys, until the batch is added */
	name_cache names; /* the names this job keyed, for the next batches too */
	pl_rc rc;
} key_job;

typedef struct reg_reader {
	names *nm;
	match_list *out;
	match_person_fn each;
	void *ctx;
	arena row;             /* the batch's fields and read-back columns */
	key_entry *batch;
	size_t nbatch, misses;
	key_job job[KEY_THREADS];
	sqlite3_stmt *cache;   /* match_key by person_id */
	int cache_step;
	bool started;          /* the cache cursor has taken its first step */
	buf cols, pending;     /* rows to write: person_id, hash, cols */
	buf hashed;            /* a person's bytes for source_hash */
	size_t npending, reused;
	long long too_long;    /* the person whose values would not fit */
} reg_reader;

static void *key_entries(void *arg)
{
	key_job *j = arg;
	for(size_t i = j->from; i < j->n && !j->rc; i += j->step) {
		key_entry *e = &j->e[i];
		if(!e->miss)
			continue;
		person p;
		memset(&p, 0, sizeof(p));
		for(size_t k = 0; k < MATCH_SHOWN; k++)
			p.f[match_shown_fields[k]] = e->f[k];
		j->rc = person_row(j->nm, &j->names, &p, &j->a, e->row);
	}
	return NULL;
}

/* The batch's misses keyed, then every entry added and each keyed one
 * queued to be written back. */
static pl_rc flush_batch(reg_reader *rr)
{
	int n = rr->misses >= KEY_ALONE ? KEY_THREADS : 1;
	for(int t = 0; t < n; t++) {
		key_job *j = &rr->job[t];
		j->nm = rr->nm;
		j->e = rr->batch;
		j->n = rr->nbatch;
		j->from = (size_t)t;
		j->step = (size_t)n;
		j->rc = PL_OK;
	}
	pl_parallel(key_entries, rr->job, sizeof(key_job), n);
	pl_rc rc = PL_OK;
	for(int t = 0; t < n; t++)
		if(rr->job[t].rc || arena_oom(&rr->job[t].a))
			rc = PL_ENOMEM;
	for(size_t i = 0; i < rr->nbatch && !rc; i++) {
		key_entry *e = &rr->batch[i];
		if(e->miss) {
			if(cols_encode(e->row, &rr->cols))
				return PL_ENOMEM;
			/* id, hash and the columns' length, then the columns */
			uint64_t len = rr->cols.len;
			if(buf_add(&rr->pending, (const char *)&e->id, sizeof(e->id)) ||
			   buf_add(&rr->pending, (const char *)e->h, SRC_HASH) ||
			   buf_add(&rr->pending, (const char *)&len, sizeof(len)) ||
			   buf_add(&rr->pending, rr->cols.ptr, rr->cols.len))
				return PL_ENOMEM;
			rr->npending++;
		}
		if((rc = match_list_add(rr->out, e->row, e->uid, (long)e->id)) == PL_ELIMIT)
			rr->too_long = e->id;
	}
	rr->nbatch = rr->misses = 0;
	arena_reset(&rr->row);
	for(int t = 0; t < KEY_THREADS; t++) {
		arena_reset(&rr->job[t].a);
		name_cache_trim(&rr->job[t].names);
	}
	return rc;
}

static pl_rc take_person(void *ctx, const person *p)
{
	reg_reader *rr = ctx;
	if(!rr->started) { /* inside the registry's read transaction */
		rr->started = true;
		rr->cache_step = sqlite3_step(rr->cache);
	}
	key_entry *e = &rr->batch[rr->nbatch];
	e->id = p->id;
	memcpy(e->uid, p->uid, UID_SIZE);
	if(source_hash(rr->nm, p, &rr->hashed, e->h))
		return PL_ENOMEM;
	while(rr->cache_step == SQLITE_ROW && sqlite3_column_int64(rr->cache, 0) < p->id)
		rr->cache_step = sqlite3_step(rr->cache);
	bool hit = rr->cache_step == SQLITE_ROW && sqlite3_column_int64(rr->cache, 0) == p->id &&
	           sqlite3_column_bytes(rr->cache, 1) == SRC_HASH &&
	           !memcmp(sqlite3_column_blob(rr->cache, 1), e->h, SRC_HASH) &&
	           cols_decode((const char *)sqlite3_column_text(rr->cache, 2), &rr->row, e->row);
	e->miss = !hit;
	if(hit) {
		rr->reused++;
	} else {
		for(size_t k = 0; k < MATCH_SHOWN; k++) {
			const char *f = p->f[match_shown_fields[k]];
			e->f[k] = f ? arena_strdup(&rr->row, f) : NULL;
		}
		rr->misses++;
	}
	if(arena_oom(&rr->row))
		return PL_ENOMEM;
	/* Its index in the list, once the batch is added. */
	pl_rc rc = rr->each ? rr->each(rr->ctx, rr->out->side.n + rr->nbatch, p) : PL_OK;
	if(!rc && ++rr->nbatch == KEY_BATCH)
		rc = flush_batch(rr);
	return rc;
}

pl_rc match_key_forget(store *st, int64_t person_id, pl_err *err)
{
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "DELETE FROM match_key WHERE person_id = ?", &s, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(s, 1, person_id);
	int x = sqlite3_step(s);
	sqlite3_reset(s);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, "dropping a person's linkage keys");
}

/* The keyed rows back into match_key: a failure here costs only speed on
 * the next run, so it is not an error of the read. */
static void write_keys(store *st, reg_reader *rr)
{
	pl_err err = {0};
	if(!rr->npending || store_begin(st, &err))
		return;
	sqlite3_stmt *s;
	pl_rc rc = store_stmt(st, "INSERT OR REPLACE INTO match_key(person_id, src_hash, cols)"
	                          " VALUES (?,?,?)", &s, &err);
	for(size_t at = 0; !rc && at < rr->pending.len;) {
		int64_t id;
		uint64_t len;
		memcpy(&id, rr->pending.ptr + at, sizeof(id));
		at += sizeof(id);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_blob(s, 2, rr->pending.ptr + at, SRC_HASH, SQLITE_STATIC);
		at += SRC_HASH;
		memcpy(&len, rr->pending.ptr + at, sizeof(len));
		at += sizeof(len);
		sqlite3_bind_text(s, 3, rr->pending.ptr + at, (int)len, SQLITE_STATIC);
		at += len;
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_DONE)
			rc = PL_EDB;
	}
	(void)store_end(st, rc, &err);
}

pl_rc match_registry_read(store *st, names *nm, match_person_fn each, void *ctx, match_list *out,
                             pl_err *err)
{
	/* Of each person, the fields the columns are made from, and the branch
	 * (reconcile flags a civilian on a military list): each column asked
	 * for costs SQLite a call per row, and a person has forty. */
	bool read_fields[PF_COUNT] = {false};
	for(size_t k = 0; k < MATCH_SHOWN; k++)
		read_fields[match_shown_fields[k]] = true;
	read_fields[PF_BRANCH] = true;
	match_list_init(out);
	reg_reader rr = {.nm = nm, .out = out, .each = each, .ctx = ctx};
	arena_init(&rr.row, 1 << 16);
	for(int t = 0; t < KEY_THREADS; t++) {
		arena_init(&rr.job[t].a, 1 << 16);
		name_cache_init(&rr.job[t].names);
	}
	buf_init(&rr.cols, 0);
	buf_init(&rr.hashed, 0);
	buf_init(&rr.pending, (size_t)1 << 34);
	rr.batch = malloc(KEY_BATCH * sizeof(*rr.batch));
	int x = sqlite3_prepare_v2(store_db(st),
	                           "SELECT person_id, src_hash, cols FROM match_key ORDER BY person_id", -1,
	                           &rr.cache, NULL);
	pl_rc rc = !rr.batch ? pl_nomem(err) : x ? store_fail(st, err, x, "reading the linkage keys") : PL_OK;
	rr.cache_step = SQLITE_DONE;
	if(!rc)
		rc = registry_each_person(st, read_fields, take_person, &rr, err);
	if(!rc && rr.nbatch)
		rc = flush_batch(&rr);
	sqlite3_finalize(rr.cache);
	if(rc == PL_ENOMEM)
		pl_nomem(err);
	if(rc == PL_ELIMIT && rr.too_long)
		pl_failc(err, rc, "match.record_too_long", "list", "registry", "line", PL_N(rr.too_long), NULL);
	if(!rc)
		write_keys(st, &rr);
	out->keyed = rr.npending;
	out->reused = rr.reused;
	arena_free(&rr.row);
	for(int t = 0; t < KEY_THREADS; t++) {
		arena_free(&rr.job[t].a);
		name_cache_free(&rr.job[t].names);
	}
	free(rr.batch);
	buf_free(&rr.cols);
	buf_free(&rr.hashed);
	buf_free(&rr.pending);
	if(rc)
		match_list_free(out);
	return rc;
}
