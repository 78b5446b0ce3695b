/* A list to reconcile (match_list_read) on any bytes, and linking it with
 * itself: never crashes; a refused list says where (list.csv:LINE), an
 * accepted one has a record per data row, every value of every column
 * either unknown or non-empty, name and place keys only in a-z and spaces,
 * an address's key its words, one '|', its numbers (a-z, 0-9, spaces). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "match/person.h"

static names *nm;

static void check_keys(const match_list *l)
{
	static const int name_cols[] = {MP_SURNAME, MP_SURNAME_EQ, MP_GIVEN, MP_GIVEN_EQ, MP_PATR,
	                                MP_PATR_EQ, MP_LOCALITY, MP_REGION};
	for(size_t i = 0; i < l->side.n; i++) {
		for(int c = 0; c < MP_COLS; c++) {
			const char *v = match_value(&l->side, i, c);
			if(v && !*v)
				abort();
		}
		for(size_t k = 0; k < sizeof(name_cols) / sizeof(name_cols[0]); k++)
			for(const char *v = match_value(&l->side, i, name_cols[k]); v && *v; v++)
				if(!((*v >= 'a' && *v <= 'z') || *v == ' '))
					abort();
		const char *addr = match_value(&l->side, i, MP_ADDRESS), *bar = addr ? strchr(addr, '|') : NULL;
		if(addr && (!bar || strchr(bar + 1, '|') || strspn(addr, "abcdefghijklmnopqrstuvwxyz0123456789 |") !=
		                                              strlen(addr)))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_err err = {0};
	if(!nm && names_open(&nm, &err))
		abort();
	FILE *f = fmemopen((void *)data, size ? size : 1, "r");
	if(!f)
		return 0;
	if(!size)
		fgetc(f); /* fmemopen wants a size: read the one byte away */
	match_list l;
	pl_rc rc = match_list_read(nm, f, "list.csv", NULL, &l, &err);
	fclose(f);
	if(rc) {
		if(rc != PL_ENOMEM && rc != PL_ELIMIT && !strstr(err.msg, "list.csv"))
			abort();
		return 0;
	}
	check_keys(&l);
	match_opts o = MATCH_OPTS_DEFAULT;
	o.dedupe = true;
	o.u_pairs = 1000;
	o.threads = 1;
	match_result r;
	if(!match_link(&match_person_spec, &l.side, &l.side, &o, &r, &err)) {
		for(size_t k = 0; k < r.npairs; k++)
			if(r.pairs[k].a >= r.pairs[k].b || r.pairs[k].b >= l.side.n)
				abort();
		match_result_free(&r);
	}
	match_list_free(&l);
	return 0;
}
