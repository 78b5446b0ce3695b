/* Persons as linkage records: the columns, comparisons and blocking rules
 * for matching lists of people across scripts and languages, and a reader
 * for lists in the person CSV format (docs/formats.md).
 *
 * A name becomes two columns: its key (names_word_key: the reading in a
 * reduced Latin alphabet that every transliteration scheme lands on) and
 * its canonical key, word by word the Russian form's key where the name
 * dictionary has one (Олександр and Oleksandr -> aleksandr). Blocking
 * uses the canonical keys, so that Олександр on one list and Alexander
 * on the other can meet; comparison uses both (level "equivalent"). */
#ifndef PARLEY_MATCH_PERSON_H
#define PARLEY_MATCH_PERSON_H

#include <stdio.h>

#include "match/match.h"
#include "names/names.h"
#include "registry/registry.h"

typedef enum match_person_col {
	MP_SURNAME, MP_SURNAME_EQ, MP_GIVEN, MP_GIVEN_EQ, MP_PATR, MP_PATR_EQ,
	MP_BIRTH,      /* YYYYMMDD, 00 for unknown parts */
	MP_BIRTH_YEAR,
	MP_SERVICE,    /* letters and digits, upper case, Cyrillic in Latin */
	MP_UNIT,       /* the digits of the unit, else its key */
	MP_PLACE,      /* the key of the place of birth */
	MP_SEX,
	MP_NAME_PAIR,  /* canonical surname and given name, in sorted order */
	MP_SURNAME_SKEL, /* the canonical surname's skeleton (match_skeleton) */
	MP_SKEL_PAIR,  /* the surname's and the given name's skeletons, in sorted order */
	MP_SKEL_HEAD,  /* the first two letters of the surname's skeleton */
	MP_GIVEN_SKEL, /* the canonical given name's skeleton */
	/* The home address (added after the columns above: a list row's hash
	 * of its columns leaves them out while they are unknown, so that the
	 * decisions recorded before them still apply). */
	MP_ADDRESS,    /* the lines: match_address_key */
	MP_LOCALITY,   /* match_place_key of the locality */
	MP_REGION,     /* match_place_key of the region */
	MP_HOUSE,      /* the first number of the lines (the house's), for blocking */
	MP_COLS
} match_person_col;

extern const match_spec match_person_spec;

/* Address lines as a column: the keys of their words (names_word_key)
 * and their numbers, each set sorted: "shevcenka|12 5"; the words that
 * only say what kind of place follows (вул., street, кв., д.) and single
 * letters are left out, a house's letter kept (12а and 12a: 12a). NULL
 * when nothing is left (or text is NULL). address.c */
const char *match_address_key(const char *text, arena *a);
/* The first number written in address lines, a house's as a rule
 * ("вул. Шевченка 12, кв. 5": 12), or NULL. */
const char *match_address_house(const char *text, arena *a);
/* Both at once (the text read once), *key and *house NULL where none. */
void match_address_columns(const char *text, arena *a, const char **key, const char **house);
/* A locality or region as a column: the keys of its words in order,
 * without the words that say what kind of place (м., місто, область,
 * oblast): "Полтавська обл." and "Poltavska oblast" are both poltavska. */
const char *match_place_key(const char *text, arena *a);

/* A name key's skeleton, for blocking: its first letter, then its
 * consonants without repeats, f read as h (Хома/Фома). The systematic
 * Ukrainian-Russian differences are in the vowels (Білокінь/Белоконь:
 * blkn; Підгорська/Подгорская: pdhrsk; Біляєв/Беляев: blv), and so is
 * most of what a hand mistypes or leaves out. Into out[size]. */
void match_skeleton(const char *key, char *out, size_t size);

/* The columns of a person into row[MP_COLS], the strings in a. */
pl_rc match_person_row(names *nm, const person *p, arena *a, const char **row) PL_NODISCARD;

/* A list read for linking: its records, and for each the identifier the
 * list gives it (the column named by id_column, else the line number). */
/* The person fields a list row is linked on, and shown by for review. */
enum { MATCH_SHOWN = 14 };
extern const int match_shown_fields[MATCH_SHOWN];

typedef struct match_list {
	match_side side;
	const char **ids;
	long *lines;
	size_t cap;
	arena a;
	size_t keyed, reused; /* the registry's: persons keyed now, keys read back */
	/* A list read from a file keeps what each row says, for review:
	 * shown[j * MATCH_SHOWN + k] is field match_shown_fields[k] of row j
	 * as the list gave it (a whole name split into its parts), NULL for
	 * none; split[j] how row j's whole name was split (names_split), -1
	 * if the row gave its parts; left_out[j] the words of it not placed.
	 * NULL for the registry's list. */
	const char **shown;
	signed char *split;
	unsigned char *left_out;
	size_t shown_cap;
	/* The order the list writes whole names in (NAMES_SURNAME_FIRST or
	 * _LAST), from the rows whose words showed it (order_votes, by
	 * order), when two of three agree; 0 if none did. The rows without a
	 * clue follow it (split NAMES_SPLIT_LIST_ORDER), else the lists' usual
	 * order row by row. */
	int name_order;
	size_t order_votes[3];
	/* Values of a list read from a file that parley could not read, by
	 * field: a birth date in no form it knows (12.03.90), a sex it cannot
	 * tell. They are compared as unknown, and said (match_list_warnings):
	 * how many, and the first with its line and why. */
	struct match_unread {
		int field;         /* PF_... */
		size_t n;
		long line;
		const char *value; /* quoted (text_quote), in a */
		const char *why;   /* a validator's text (msg_code_of finds its code) */
	} unread[2];
	int nunread;
	/* Columns read as a field by a header of their own (Прізвище,
	 * Дата рождения, Date of birth): said, so that no column is read as
	 * something it is not without a word. The first 32. */
	struct match_alias {
		const char *header; /* in a */
		int field;          /* PF_... */
	} aliases[32];
	int naliases;
	/* The headers of the columns that are no field, left out of the
	 * linkage and said (match.columns_left_out): the first 20 quoted,
	 * comma-separated, in a (NULL for none); all of them counted. */
	const char *cols_left_out;
	size_t ncols_left_out;
} match_list;

void match_list_init(match_list *l);
/* Add a record's columns (copied) with its identifier and line. */
pl_rc match_list_add(match_list *l, const char *const *row, const char *id, long line) PL_NODISCARD;
/* Add a person as a record: the columns keyed from the fields that link,
 * with its identifier and line. A person with no name is refused
 * ("name:line: no name"). Keying uses scratch, which the caller resets. */
pl_rc match_list_add_person(match_list *l, names *nm, const person *p, const char *id, long line,
                            const char *name, arena *scratch, pl_err *err) PL_NODISCARD;

/* What a list's reader must know of it, as coded messages into
 * out[MATCH_LIST_WARNINGS_MAX] (the count returned): the columns left out
 * as no field (match.columns_left_out), the values it could not read and
 * compared as unknown (match.list_unread), field by field. */
enum { MATCH_LIST_WARNINGS_MAX = 3 };
int match_list_warnings(const match_list *l, pl_err *out);
/* A list's value of a field it is compared on as a date or a code, as the
 * registry keeps it: 12.03.1990 is 1990-03-12 (date_read); ч, M, чоловіча
 * are male. Other fields' values are returned as they are. NULL, with
 * *why, when it cannot be read. Strings in a. */
const char *match_list_value(int field, const char *value, arena *a, const char **why);

/* Drop the linkage keys kept for a person (match_key), whose names are
 * gone: retention's pseudonymisation (registry.h, retention_hooks). */
pl_rc match_key_forget(store *st, int64_t person_id, pl_err *err);

/* Every person of the registry as a list, their uids as ids, from one
 * snapshot. each(ctx, i, p), if set, sees record i as it is added, with
 * its status and the fields the list is made from and PF_BRANCH (the
 * others NULL).
 * Incremental: the columns are kept in the database (match_key) and only
 * new or changed persons are keyed again. */
typedef pl_rc (*match_person_fn)(void *ctx, size_t i, const person *p);
pl_rc match_registry_read(store *st, names *nm, match_person_fn each, void *ctx, match_list *out,
                             pl_err *err) PL_NODISCARD;

/* Read a list in the person CSV format. Columns that are not person
 * fields or ext.SOURCE are refused by name; every row must be valid
 * UTF-8 with a name. */
pl_rc match_list_read(names *nm, FILE *f, const char *name, const char *id_column, match_list *out,
                      pl_err *err) PL_NODISCARD;
void match_list_free(match_list *l);

#endif
