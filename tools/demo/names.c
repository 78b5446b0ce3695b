/* The name pools: given names, patronymics and surnames in Ukrainian and
 * Russian, recombined from the words of the shipped uk/ru dictionary
 * (names_dict_text), so that nothing names a real person. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/hmap.h"
#include "core/utf8.h"
#include "demo/internal.h"

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
	char w[TEXT_MAX];
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

static pl_rc pools_check(const demo_names *nm, pl_err *err)
{
	for(int i = 0; i < 2; i++)
		if(!nm->ngiven[i] || !nm->nfathers || !nm->npatr[i] || !nm->nsurnames[i])
			return pl_fail(err, PL_EINTEGRITY, "demo: the names dictionary lacks given names, "
			               "patronymics or surnames");
	return PL_OK;
}

void demo_names_free(demo_names *nm)
{
	arena_free(&nm->a);
}

pl_rc demo_names_load(demo_names *nm, pl_err *err)
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
		rc = pools_check(nm, err);
	hmap_free(&d.by_uk);
	free(d.rows);
	if(rc)
		demo_names_free(nm);
	return rc;
}
