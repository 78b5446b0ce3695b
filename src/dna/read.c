/* Reading profiles and frequency files, every problem with its place. */
#include "dna/read.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "dna/allele.h"
#include "dna/profile.h"
#include "registry/registry.h"

const char *const dna_col_names[DC_COUNT] = {
	[DC_CASE] = "case", [DC_SAMPLE] = "sample", [DC_PERSON] = "person",
	[DC_RELATIONSHIP] = "relationship", [DC_SIDE] = "side", [DC_DEGRADED] = "degraded",
	[DC_FAILED] = "failed", [DC_NOTE] = "note", [DC_POPULATION] = "population",
	[DC_FAMILY] = "family", [DC_ID] = "id", [DC_FATHER] = "father", [DC_MOTHER] = "mother",
	[DC_SEX] = "sex",
};

/* Which named columns each kind of file takes, and which it needs. */
static const unsigned kind_cols[] = {
	[DNA_FILE_REMAINS] = 1u << DC_CASE | 1u << DC_SAMPLE | 1u << DC_DEGRADED | 1u << DC_FAILED |
	                     1u << DC_SEX | 1u << DC_NOTE,
	[DNA_FILE_REFERENCES] = 1u << DC_SAMPLE | 1u << DC_PERSON | 1u << DC_RELATIONSHIP |
	                        1u << DC_SIDE | 1u << DC_FAILED | 1u << DC_SEX | 1u << DC_NOTE,
	[DNA_FILE_GENOTYPES] = 1u << DC_SAMPLE | 1u << DC_POPULATION,
	[DNA_FILE_PEDIGREE] = 1u << DC_FAMILY | 1u << DC_ID | 1u << DC_FATHER | 1u << DC_MOTHER |
	                      1u << DC_SEX | 1u << DC_SAMPLE | 1u << DC_PERSON | 1u << DC_FAILED |
	                      1u << DC_NOTE,
};
static const unsigned kind_required[] = {
	[DNA_FILE_REMAINS] = 1u << DC_CASE,
	[DNA_FILE_REFERENCES] = 1u << DC_SAMPLE | 1u << DC_PERSON | 1u << DC_RELATIONSHIP,
	[DNA_FILE_GENOTYPES] = 0,
	[DNA_FILE_PEDIGREE] = 1u << DC_FAMILY | 1u << DC_ID | 1u << DC_FATHER | 1u << DC_MOTHER,
};

/* Why each required column is needed: the code of the words. */
static const char *required_why(int k)
{
	switch(k) {
	case DC_CASE: return "dna.why_case_column";
	case DC_PERSON: return "dna.why_person_column";
	case DC_RELATIONSHIP: return "dna.why_relationship_column";
	case DC_FAMILY: return "dna.why_family_column";
	case DC_ID: return "dna.why_id_column";
	case DC_FATHER: case DC_MOTHER: return "dna.why_parent_columns";
	default: return "dna.why_sample_column";
	}
}

void dna_locus_key(const char *name, char *out, size_t size)
{
	size_t n = 0;
	for(const char *s = name; *s && n + 1 < size; s++)
		if(isalnum((unsigned char)*s) && !((unsigned char)*s & 0x80))
			out[n++] = (char)toupper((unsigned char)*s);
	out[n] = '\0';
}

static bool amelogenin(const char *key)
{
	return !strcmp(key, "AMEL") || !strcmp(key, "AMELOGENIN");
}

void dna_rows_init(dna_rows *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->a, 0);
	hmap_init(&r->alleles);
}

void dna_rows_free(dna_rows *r)
{
	free(r->rows);
	arena_free(&r->a);
	hmap_free(&r->alleles);
	memset(r, 0, sizeof(*r));
}

/* ---- the header ------------------------------------------------------------ */

const char *dna_sex_name(dna_sex s)
{
	return s == DNA_MALE ? "male" : s == DNA_FEMALE ? "female" : NULL;
}

dna_sex dna_sex_parse(const char *name)
{
	return !name ? DNA_SEX_UNKNOWN : !strcmp(name, "male") ? DNA_MALE
	       : !strcmp(name, "female") ? DNA_FEMALE : DNA_SEX_UNKNOWN;
}

enum { COL_SKIP = -1, COL_AMEL1 = -2, COL_AMEL2 = -3 };

/* What each column of the file is: a named column (0..DC_COUNT), an allele
 * of a locus (DC_COUNT + 2 * locus + i), amelogenin's first or second
 * allele, or skipped. */
typedef struct reader {
	dna_file_kind kind;
	problems *pb;
	dna_rows *out;
	int *col;
	const char **colname;     /* as the header writes them */
	size_t ncols;
	char (*keys)[48];         /* each locus's key */
	unsigned amel_cols;       /* bit i: the column of amelogenin's allele i + 1 */
	char amel[2];             /* the row's amelogenin alleles, 'X' or 'Y'; 0: empty */
	char rel_word[24];        /* the row's relationship as written ("sister") */
	size_t cap;               /* rows allocated */
	arena row;
} reader;

static pl_rc unknown_column(reader *rd, long line, size_t i, const char *name)
{
	const char *known[DC_COUNT + 1];
	int n = 0;
	for(int k = 0; k < DC_COUNT; k++)
		if(kind_cols[rd->kind] & (1u << k))
			known[n++] = dna_col_names[k];
	known[n] = NULL;
	const char *near = text_closest(name, known);
	char q[160];
	text_quote(name, q, sizeof(q));
	return problems_atc(rd->pb, line, near ? "dna.unknown_column_near" : "dna.unknown_column", "n",
	                    PL_N(i + 1), "column", q, "near", near, NULL);
}

/* NAME.1 or NAME.2 with a name of letters, digits, '_', '-' or ' ': the
 * locus key and which allele, or false. */
static bool locus_column(const char *name, char key[48], int *which)
{
	size_t n = strlen(name);
	if(n < 3 || n > 42 || name[n - 2] != '.' || (name[n - 1] != '1' && name[n - 1] != '2'))
		return false;
	for(size_t i = 0; i + 2 < n; i++)
		if(!isalnum((unsigned char)name[i]) && name[i] != '_' && name[i] != '-' && name[i] != ' ')
			return false;
	char base[48];
	memcpy(base, name, n - 2);
	base[n - 2] = '\0';
	dna_locus_key(base, key, 48);
	*which = name[n - 1] - '1';
	return key[0] != '\0';
}

static pl_rc add_locus(reader *rd, const char *name, const char *key, int *index)
{
	dna_rows *o = rd->out;
	for(size_t l = 0; l < o->nloci; l++)
		if(!strcmp(rd->keys[l], key)) {
			*index = (int)l;
			return PL_OK;
		}
	size_t n = strlen(name) - 2;
	char *base = arena_strndup(&o->a, name, n);
	o->locus[o->nloci] = base;
	snprintf(rd->keys[o->nloci], sizeof(rd->keys[0]), "%s", key);
	*index = (int)o->nloci++;
	return base ? PL_OK : PL_ENOMEM;
}

static pl_rc header_column(reader *rd, const csv_record *h, size_t i, bool seen[])
{
	const char *name = h->fields[i];
	char key[48];
	int which, l;
	if(locus_column(name, key, &which) && amelogenin(key)) {
		rd->col[i] = rd->kind == DNA_FILE_GENOTYPES ? COL_SKIP : which ? COL_AMEL2 : COL_AMEL1;
		if(rd->col[i] == COL_SKIP)
			return PL_OK;
		rd->amel_cols |= 1u << which;
	} else if(locus_column(name, key, &which)) {
		pl_rc rc = add_locus(rd, name, key, &l);
		if(rc)
			return rc;
		rd->col[i] = DC_COUNT + 2 * l + which;
	} else {
		int k = 0;
		while(k < DC_COUNT && strcmp(name, dna_col_names[k]))
			k++;
		if(k == DC_COUNT || !(kind_cols[rd->kind] & (1u << k))) {
			rd->col[i] = COL_SKIP;
			return unknown_column(rd, h->line, i, name);
		}
		rd->col[i] = k;
	}
	for(size_t j = 0; j < i; j++)
		if(rd->col[j] == rd->col[i])
			return problems_atc(rd->pb, h->line, "dna.column_twice_as", "n", PL_N(i + 1), "column", name,
			                    "other", PL_N(j + 1), NULL);
	if(rd->col[i] >= 0)
		seen[rd->col[i]] = true;
	return PL_OK;
}

static pl_rc read_header(reader *rd, const csv_record *h)
{
	dna_rows *o = rd->out;
	rd->ncols = h->nfields;
	rd->col = arena_calloc(&o->a, h->nfields, sizeof(int));
	rd->colname = arena_calloc(&o->a, h->nfields, sizeof(char *));
	for(size_t i = 0; rd->colname && i < h->nfields; i++)
		rd->colname[i] = arena_strdup(&o->a, h->fields[i]);
	o->locus = arena_calloc(&o->a, h->nfields, sizeof(char *));
	rd->keys = arena_calloc(&o->a, h->nfields, sizeof(rd->keys[0]));
	bool *seen = arena_calloc(&o->a, DC_COUNT + 2 * h->nfields, sizeof(bool));
	if(!rd->col || !rd->colname || !o->locus || !rd->keys || !seen || arena_oom(&o->a))
		return PL_ENOMEM;
	pl_rc rc = PL_OK;
	for(size_t i = 0; i < h->nfields && !rc; i++)
		rc = header_column(rd, h, i, seen);
	for(int k = 0; k < DC_COUNT && !rc; k++)
		if((kind_required[rd->kind] & (1u << k)) && !seen[k])
			rc = problems_atc(rd->pb, h->line, "dna.no_column", "column", dna_col_names[k], "why",
			                  required_why(k), NULL);
	for(size_t l = 0; l < o->nloci && !rc; l++)
		if(!seen[DC_COUNT + 2 * l] || !seen[DC_COUNT + 2 * l + 1])
			rc = problems_atc(rd->pb, h->line, "dna.locus_one_column", "locus", o->locus[l], "k",
			                  seen[DC_COUNT + 2 * l] ? "2" : "1", NULL);
	if(!rc && rd->amel_cols && rd->amel_cols != 3)
		rc = problems_atc(rd->pb, h->line, "dna.amel_one_column", "k", rd->amel_cols == 1 ? "2" : "1", NULL);
	if(!rc && !o->nloci && rd->kind != DNA_FILE_PEDIGREE)
		rc = problems_atc(rd->pb, h->line, "dna.no_loci", NULL);
	return rc;
}

/* ---- rows ---------------------------------------------------------------- */

static const field_def text_field = {"text", FK_TEXT, NULL, 0, NULL, NULL};
static const field_def note_field = {"note", FK_NOTE, NULL, 0, NULL, NULL};

static pl_rc bad_value(reader *rd, long line, const char *column, const char *value,
                       const char *why)
{
	char q[160];
	text_quote(value, q, sizeof(q));
	return problems_atc(rd->pb, line, "import.column_invalid", "column", column, "why", dna_why(why),
	                    "value", q, NULL);
}

static const char *intern(reader *rd, const char *v)
{
	size_t n = strlen(v);
	const char *s = hmap_get(&rd->out->alleles, v, n);
	if(s)
		return s;
	char *copy = arena_strndup(&rd->out->a, v, n);
	if(!copy || hmap_put(&rd->out->alleles, copy, n, copy))
		return NULL;
	return copy;
}

static pl_rc allele_cell(reader *rd, const csv_record *rec, size_t i, dna_row *row)
{
	int slot = rd->col[i] - DC_COUNT;
	const char *why;
	const char *v = field_clean(&text_field, rec->fields[i], date_today(), &rd->row, &why);
	if(!v && !why)
		return PL_OK;
	if(v && !(why = dna_allele_invalid(v)) && !(row->allele[slot] = intern(rd, v)))
		return PL_ENOMEM;
	return why ? bad_value(rd, rec->line, rd->colname[i], rec->fields[i], why) : PL_OK;
}

/* An amelogenin cell: X or Y, or nothing. */
static pl_rc amel_cell(reader *rd, const csv_record *rec, size_t i, char seen[2])
{
	const char *why, *v = field_clean(&text_field, rec->fields[i], date_today(), &rd->row, &why);
	if(!v && !why)
		return PL_OK;
	if(v && (v[0] == 'X' || v[0] == 'x' || v[0] == 'Y' || v[0] == 'y') && !v[1]) {
		seen[rd->col[i] == COL_AMEL2] = (char)(v[0] & ~0x20);
		return PL_OK;
	}
	return bad_value(rd, rec->line, rd->colname[i], rec->fields[i], why ? why : "expected X or Y");
}

/* The amelogenin as text ("X,Y", X first; "X" for one allele seen) and
 * the sex it says: a Y, male; X only, female, unless the profile is
 * degraded and the Y may have dropped out. */
static dna_sex amel_sex(dna_row *row, const char seen[2])
{
	char a = seen[0] ? seen[0] : seen[1], b = seen[0] ? seen[1] : 0;
	if(a == 'Y' && b == 'X') {
		a = 'X';
		b = 'Y';
	}
	if(!a)
		row->amel[0] = '\0';
	else
		snprintf(row->amel, sizeof(row->amel), b ? "%c,%c" : "%c", a, b);
	if(a == 'Y' || b == 'Y')
		return DNA_MALE;
	return a && !row->degraded ? DNA_FEMALE : DNA_SEX_UNKNOWN;
}

/* The sex a relationship's word says: a father, a sister, a grandmother. */
static dna_sex word_sex(const char *word)
{
	static const char *const male[] = {"father", "son", "brother", "half_brother", "grandfather",
	                                   "uncle", "husband", NULL};
	static const char *const female[] = {"mother", "daughter", "sister", "half_sister", "grandmother",
	                                     "aunt", "wife", NULL};
	for(int i = 0; word && male[i]; i++)
		if(!strcmp(word, male[i]))
			return DNA_MALE;
	for(int i = 0; word && female[i]; i++)
		if(!strcmp(word, female[i]))
			return DNA_FEMALE;
	return DNA_SEX_UNKNOWN;
}

/* male, female, M, F or unknown, in any case: the sex, or -1. */
static int sex_parse(const char *v)
{
	/* the words, their initials, and the numbers ped files write */
	static const char *const words[] = {"unknown", "male", "female", "u", "m", "f", "0", "1", "2"};
	for(int i = 0; i < 9; i++)
		if(!strcasecmp(v, words[i]))
			return i % 3;
	return -1;
}

/* The row's sex from its sex column and amelogenin, which must agree, and
 * with the word of its relationship (rel_sex). */
static pl_rc row_sex(reader *rd, dna_row *row, const char amel[2], dna_sex rel_sex)
{
	dna_sex by_amel = amel_sex(row, amel);
	const char *given = row->f[DC_SEX];
	row->sex = given ? (dna_sex)sex_parse(given) : by_amel;
	if(given && row->sex && by_amel && row->sex != by_amel)
		return problems_atc(rd->pb, row->line, "dna.sex_amel", "sex", given, "amel", row->amel,
		                    "amel_sex", dna_sex_name(by_amel), NULL);
	if(row->sex && rel_sex && row->sex != rel_sex) {
		/* by where the sex is from, and "a" or "an" before the word */
		static const char *const code[2][2] = {{"dna.rel_sex_amel", "dna.rel_sex_amel_an"},
		                                       {"dna.rel_sex_column", "dna.rel_sex_column_an"}};
		return problems_atc(rd->pb, row->line, code[given != NULL][strchr("aeiou", rd->rel_word[0]) != NULL],
		                    "relationship", rd->rel_word, "sex", dna_sex_name(row->sex), "amel", row->amel,
		                    NULL);
	}
	return PL_OK;
}

static pl_rc failed_list(reader *rd, const dna_row *row, const char *list)
{
	const char *s = list;
	while(*s) {
		while(*s == ' ')
			s++;
		size_t n = strcspn(s, ";,");
		while(n && s[n - 1] == ' ')
			n--;
		if(n) {
			char name[64], key[48];
			snprintf(name, sizeof(name), "%.*s", (int)(n < 63 ? n : 63), s);
			dna_locus_key(name, key, sizeof(key));
			size_t l = 0;
			while(l < rd->out->nloci && strcmp(rd->keys[l], key))
				l++;
			if(l == rd->out->nloci && !amelogenin(key)) {
				pl_rc rc = bad_value(rd, row->line, "failed", name, "not a locus of this file");
				if(rc)
					return rc;
			} else if(l < rd->out->nloci) {
				row->failed[l] = 1;
			}
		}
		s += n;
		s += strspn(s, " ");
		s += *s != '\0';
	}
	return PL_OK;
}

static pl_rc named_cell(reader *rd, const csv_record *rec, size_t i, dna_row *row)
{
	int k = rd->col[i];
	const char *why, *v = field_clean(k == DC_NOTE ? &note_field : &text_field, rec->fields[i],
	                                  date_today(), &rd->out->a, &why);
	if(why)
		return bad_value(rd, rec->line, dna_col_names[k], rec->fields[i], why);
	row->f[k] = v;
	if(!v)
		return PL_OK;
	switch(k) {
	case DC_PERSON:
		return registry_uid_valid('P', v) ? PL_OK
		       : bad_value(rd, rec->line, "person", v, "expected a person's id: P and 16 characters");
	case DC_RELATIONSHIP: {
		int r = dna_rel_parse(v);
		if(r < 0)
			return bad_value(rd, rec->line, "relationship", v, "expected one of: self, father, "
			                 "mother, child, full_sibling, half_sibling, grandparent, uncle_aunt, "
			                 "cousin, partner");
		row->f[k] = dna_rel_names[r];
		snprintf(rd->rel_word, sizeof(rd->rel_word), "%s", v);
		return PL_OK;
	}
	case DC_SEX: {
		static const char *const names[] = {"unknown", "male", "female"};
		int x = sex_parse(v);
		if(x < 0)
			return bad_value(rd, rec->line, "sex", v, "expected male, female or unknown (M, F, 1, 2 or 0)");
		row->f[k] = names[x];
		return PL_OK;
	}
	case DC_SIDE:
		return !strcmp(v, "paternal") || !strcmp(v, "maternal") ? PL_OK
		       : bad_value(rd, rec->line, "side", v, "expected paternal or maternal");
	case DC_FATHER:
	case DC_MOTHER:
		if(!strcmp(v, "0")) /* a founder, as ped files write it */
			row->f[k] = NULL;
		/* fall through */
	case DC_FAMILY:
	case DC_ID:
		if(strlen(v) > 64)
			return bad_value(rd, rec->line, dna_col_names[k], v, "at most 64 characters");
		return k == DC_ID && !strcmp(v, "0")
		       ? bad_value(rd, rec->line, "id", v, "0 means no parent: not an individual's id") : PL_OK;
	case DC_DEGRADED:
		if(!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
			row->degraded = true;
		else if(strcmp(v, "no") && strcmp(v, "false") && strcmp(v, "0"))
			return bad_value(rd, rec->line, "degraded", v, "expected yes or no");
		return PL_OK;
	default:
		return PL_OK;
	}
}

/* What needs the whole row: required values, failed loci without alleles,
 * a side only where there is one. */
static pl_rc row_check(reader *rd, dna_row *row)
{
	pl_rc rc = PL_OK;
	/* a founder leaves the parents' cells empty: only their columns are needed */
	unsigned need = kind_required[rd->kind] & ~(1u << DC_FATHER | 1u << DC_MOTHER);
	for(int k = 0; k < DC_COUNT && !rc; k++)
		if((need & (1u << k)) && !row->f[k])
			rc = problems_atc(rd->pb, row->line, "import.required", "column", dna_col_names[k], NULL);
	if(!rc && row->f[DC_SIDE] && !dna_rel_has_side(dna_rel_parse(row->f[DC_RELATIONSHIP])))
		rc = problems_atc(rd->pb, row->line, "dna.no_side", "relationship", row->f[DC_RELATIONSHIP], NULL);
	if(!rc && row->f[DC_FAILED])
		rc = failed_list(rd, row, row->f[DC_FAILED]);
	if(!rc)
		rc = row_sex(rd, row, rd->amel, word_sex(rd->rel_word));
	for(size_t l = 0; l < rd->out->nloci && !rc; l++) {
		const char **al = &row->allele[2 * l];
		if(row->failed[l] && (al[0] || al[1]))
			rc = problems_atc(rd->pb, row->line, "dna.failed_with_alleles", "locus", rd->out->locus[l], NULL);
		if(!al[0] && al[1]) { /* one allele seen: keep it first */
			al[0] = al[1];
			al[1] = NULL;
		}
	}
	return rc;
}

static pl_rc keep_row(reader *rd, const dna_row *row)
{
	dna_rows *o = rd->out;
	if(o->n == rd->cap) {
		size_t cap = rd->cap ? rd->cap * 2 : 256;
		dna_row *rows = realloc(o->rows, cap * sizeof(*rows));
		if(!rows)
			return PL_ENOMEM;
		o->rows = rows;
		rd->cap = cap;
	}
	o->rows[o->n++] = *row;
	return PL_OK;
}

static pl_rc read_row(reader *rd, const csv_record *rec)
{
	if(rec->nfields != rd->ncols)
		return problems_atc(rd->pb, rec->line, "import.fields_count", "fields", PL_N(rec->nfields),
		                    "columns", PL_N(rd->ncols), NULL);
	dna_rows *o = rd->out;
	dna_row row = {.line = rec->line};
	row.allele = arena_calloc(&o->a, 2 * o->nloci, sizeof(char *));
	row.failed = arena_calloc(&o->a, o->nloci, 1);
	if(!row.allele || !row.failed)
		return PL_ENOMEM;
	int before = rd->pb->n;
	pl_rc rc = PL_OK;
	memset(rd->amel, 0, sizeof(rd->amel));
	rd->rel_word[0] = '\0';
	for(size_t i = 0; i < rd->ncols && !rc; i++) {
		arena_reset(&rd->row);
		if(rd->col[i] >= DC_COUNT)
			rc = allele_cell(rd, rec, i, &row);
		else if(rd->col[i] >= 0)
			rc = named_cell(rd, rec, i, &row);
		else if(rd->col[i] != COL_SKIP)
			rc = amel_cell(rd, rec, i, rd->amel);
	}
	if(!rc && rd->pb->n == before)
		rc = row_check(rd, &row);
	if(!rc && rd->pb->n == before) /* its own values are fine: the caller checks it further */
		rc = keep_row(rd, &row);
	return rc;
}

pl_rc dna_read_profiles(FILE *f, dna_file_kind kind, problems *pb, dna_rows *out)
{
	pl_err e = {0};
	csv_reader *cr;
	pl_rc rc = csv_reader_open(&cr, f, pb->file, &e);
	if(rc)
		return rc;
	reader rd = {.kind = kind, .pb = pb, .out = out};
	arena_init(&rd.row, 0);
	csv_record rec;
	bool header = false, eof = false;
	if(!(rc = problems_csv_header(pb, cr, &rec, &header)) && header)
		rc = read_header(&rd, &rec);
	bool rows = header && !rc && !pb->failed;
	while(rows && !rc) {
		if((rc = problems_csv_read(pb, cr, &rec, &eof)) || eof)
			break;
		rc = read_row(&rd, &rec);
	}
	if(!rc && rows && !out->n && !pb->failed)
		rc = problems_atc(pb, 0, kind == DNA_FILE_PEDIGREE ? "dna.no_individuals" : "dna.no_profiles", NULL);
	if(rc == PL_ELIMIT)
		rc = PL_OK;
	if(!rc && arena_oom(&out->a))
		rc = PL_ENOMEM;
	csv_reader_close(cr);
	arena_free(&rd.row);
	return rc;
}

pl_rc dna_read_profiles_file(const char *path, dna_file_kind kind, problems *pb, dna_rows *out,
                             pl_err *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if(!f)
		return pl_failc(err, PL_ENOTFOUND, "dna.cannot_open", "file", path, "why", strerror(errno), NULL);
	pl_rc rc = dna_read_profiles(f, kind, pb, out);
	if(f != stdin)
		fclose(f);
	return rc ? pl_failc(err, rc, "dna.reading_failed", "file", path, "why", pl_rc_str(rc), NULL) : PL_OK;
}

/* ---- frequencies --------------------------------------------------------- */

void dna_freq_rows_init(dna_freq_rows *r)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->a, 0);
}

void dna_freq_rows_free(dna_freq_rows *r)
{
	free(r->rows);
	arena_free(&r->a);
	memset(r, 0, sizeof(*r));
}

enum { FC_LOCUS, FC_ALLELE, FC_FREQUENCY, FC_COUNT };

static pl_rc freq_header(problems *pb, const csv_record *h, int col[FC_COUNT])
{
	static const char *const names[FC_COUNT + 1] = {"locus", "allele", "frequency", NULL};
	pl_rc rc = PL_OK;
	for(int k = 0; k < FC_COUNT; k++)
		col[k] = -1;
	for(size_t i = 0; i < h->nfields && !rc; i++) {
		int k = 0;
		while(k < FC_COUNT && strcmp(h->fields[i], names[k]))
			k++;
		char q[160];
		text_quote(h->fields[i], q, sizeof(q));
		const char *near = text_closest(h->fields[i], names);
		if(k == FC_COUNT)
			rc = problems_atc(pb, h->line, near ? "dna.unknown_column_near" : "dna.unknown_freq_column",
			                  "n", PL_N(i + 1), "column", q, "near", near, NULL);
		else if(col[k] >= 0)
			rc = problems_atc(pb, h->line, "import.column_twice", "n", PL_N(i + 1), "column", names[k], NULL);
		else
			col[k] = (int)i;
	}
	for(int k = 0; k < FC_COUNT && !rc; k++)
		if(col[k] < 0)
			rc = problems_atc(pb, h->line, "dna.no_freq_column", "column", names[k], NULL);
	return rc;
}

static bool parse_freq(const char *s, double *out)
{
	if(!*s || strlen(s) > 30 || strspn(s, "0123456789.eE-+") != strlen(s))
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if(*end || errno || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static pl_rc freq_row(problems *pb, const csv_record *rec, const int col[FC_COUNT],
                      dna_freq_rows *out, size_t *cap)
{
	const char *why;
	arena *a = &out->a;
	const char *locus = field_clean(&text_field, rec->fields[col[FC_LOCUS]], date_today(), a, &why);
	const char *allele = field_clean(&text_field, rec->fields[col[FC_ALLELE]], date_today(), a, &why);
	const char *fq = field_clean(&text_field, rec->fields[col[FC_FREQUENCY]], date_today(), a, &why);
	char key[48] = "";
	if(locus)
		dna_locus_key(locus, key, sizeof(key));
	if(!locus || !key[0] || strlen(locus) > 40)
		return problems_atc(pb, rec->line, "dna.locus_name", NULL);
	const char *bad = allele ? dna_why(dna_allele_invalid(allele)) : "dna.why_required";
	if(bad)
		return problems_atc(pb, rec->line, "dna.allele_bad", "why", bad, NULL);
	double v;
	if(!fq || !parse_freq(fq, &v) || !(v > 0) || v > 1)
		return problems_atc(pb, rec->line, "dna.freq_range", "value", fq ? fq : "", NULL);
	if(out->n == *cap) {
		size_t c = *cap ? *cap * 2 : 256;
		dna_freq_row *rows = realloc(out->rows, c * sizeof(*rows));
		if(!rows)
			return PL_ENOMEM;
		out->rows = rows;
		*cap = c;
	}
	out->rows[out->n++] = (dna_freq_row){rec->line, locus, allele, v};
	return PL_OK;
}

static int freq_order(const void *x, const void *y)
{
	const dna_freq_row *a = x, *b = y;
	char ka[48], kb[48];
	dna_locus_key(a->locus, ka, sizeof(ka));
	dna_locus_key(b->locus, kb, sizeof(kb));
	int c = strcmp(ka, kb);
	if(!c)
		c = strcmp(a->allele, b->allele);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* No allele twice; each locus summing to at most 1.01. */
static pl_rc freq_check(problems *pb, dna_freq_rows *out)
{
	qsort(out->rows, out->n, sizeof(out->rows[0]), freq_order);
	pl_rc rc = PL_OK;
	double sum = 0;
	for(size_t i = 0; i < out->n && !rc; i++) {
		const dna_freq_row *r = &out->rows[i], *prev = i ? &out->rows[i - 1] : NULL;
		char k[48], kp[48] = "";
		dna_locus_key(r->locus, k, sizeof(k));
		if(prev)
			dna_locus_key(prev->locus, kp, sizeof(kp));
		if(prev && !strcmp(k, kp) && !strcmp(r->allele, prev->allele))
			rc = problems_atc(pb, r->line, "dna.allele_twice", "allele", r->allele, "locus", r->locus,
			                  "line", PL_N(prev->line), NULL);
		sum = prev && !strcmp(k, kp) ? sum + r->freq : r->freq;
		bool last = i + 1 == out->n;
		if(!last) {
			char kn[48];
			dna_locus_key(out->rows[i + 1].locus, kn, sizeof(kn));
			last = strcmp(k, kn) != 0;
		}
		if(!rc && last && sum > 1.01)
			rc = problems_atc(pb, 0, "dna.freq_sum", "locus", r->locus, "sum", dna_num((char[32]){0}, "%.4f", sum),
			                  NULL);
	}
	return rc;
}

pl_rc dna_read_frequencies(FILE *f, problems *pb, dna_freq_rows *out)
{
	pl_err e = {0};
	csv_reader *cr;
	pl_rc rc = csv_reader_open(&cr, f, pb->file, &e);
	if(rc)
		return rc;
	csv_record rec;
	bool header = false, eof = false;
	int col[FC_COUNT];
	size_t cap = 0;
	if(!(rc = problems_csv_header(pb, cr, &rec, &header)) && header)
		rc = freq_header(pb, &rec, col);
	bool rows = header && !rc && !pb->failed;
	size_t ncols = rows ? rec.nfields : 0;
	while(rows && !rc) {
		if((rc = problems_csv_read(pb, cr, &rec, &eof)) || eof)
			break;
		rc = rec.nfields != ncols
		     ? problems_atc(pb, rec.line, "import.fields_count", "fields", PL_N(rec.nfields), "columns",
		                    PL_N(ncols), NULL)
		     : freq_row(pb, &rec, col, out, &cap);
	}
	if(!rc && rows && !pb->failed)
		rc = out->n ? freq_check(pb, out) : problems_atc(pb, 0, "dna.no_frequencies_rows", NULL);
	if(rc == PL_ELIMIT)
		rc = PL_OK;
	if(!rc && arena_oom(&out->a))
		rc = PL_ENOMEM;
	if(pb->failed)
		out->n = 0;
	csv_reader_close(cr);
	return rc;
}
