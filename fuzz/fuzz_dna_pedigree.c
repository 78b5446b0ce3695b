/* The pedigree import on any bytes (docs/dna.md, "Pedigree files"). Each
 * import is entirely kept or refused with a reason and nothing written;
 * kept, every family stored loads as a pedigree the engine accepts
 * (dna_ped_invalid), with its missing persons, and its tree draws every
 * individual; importing the same file again changes nothing. The registry
 * holds missing persons P0000000000000001 to ...4, a reference profile
 * S-OLD, and a frequency table for TH01 and vWA. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dna/internal.h"
#include "fuzz.h"
#include "fuzz_store.h"

enum { COUNTS = 5 };

static void counts(store *st, long long out[COUNTS])
{
	static const char *const sql[COUNTS] = {
		"SELECT count(*) FROM dna_pedigree", "SELECT count(*) FROM dna_ped_member",
		"SELECT count(*) FROM dna_profile", "SELECT count(*) FROM dna_allele",
		"SELECT count(*) FROM audit",
	};
	fuzz_counts(st, sql, COUNTS, out);
}

static void import_text(store *st, dna_import_kind kind, const char *text)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-ped-s-%d.csv", (int)getpid());
	fuzz_write_file(path, text, strlen(text));
	dna_import_report rep;
	pl_err err = {0};
	if(dna_import(st, kind, path, NULL, &rep, &err))
		abort();
	dna_import_report_free(&rep);
	unlink(path);
}

static store *shared;

static store *fresh(void)
{
	pl_err err = {0};
	store *st;
	if(store_open(&st, ":memory:", "fuzz", STORE_CREATE, &err))
		abort();
	for(int i = 1; i <= 4; i++) {
		person p = {0};
		snprintf(p.uid, sizeof(p.uid), "P000000000000000%d", i);
		p.f[PF_SURNAME] = "Особа";
		if(registry_person_add(st, &p, &err))
			abort();
	}
	import_text(st, DNA_IMPORT_FREQUENCIES, "locus,allele,frequency\nTH01,6,0.2\nTH01,7,0.2\n"
	                                        "TH01,9.3,0.3\nvWA,14,0.1\nvWA,17,0.3\n");
	import_text(st, DNA_IMPORT_REFERENCES, "sample,person,relationship,TH01.1,TH01.2\n"
	                                       "S-OLD,P0000000000000004,mother,6,7\n");
	return st;
}

/* Every family stored loads as a pedigree the engine takes, and its tree
 * names every individual. */
static void check_stored(store *st)
{
	dna_data d;
	dna_data_query q = {.no_remains = true};
	pl_err err = {0};
	if(dna_data_load(st, &q, NULL, &d, &err))
		abort();
	for(size_t k = 0; k < d.nkins; k++) {
		const dna_kin *K = &d.kins[k];
		int who;
		if(K->nalt != 1 || K->nmissing < 1 || dna_ped_invalid(&K->alt[0].ped, &who))
			abort();
		for(int j = 0; j < K->nmissing; j++)
			if(K->missing[j] < 0 || K->missing[j] >= K->alt[0].ped.n || !K->person[j][0])
				abort();
		arena a;
		arena_init(&a, 0);
		dna_pedigree_info p;
		if(dna_pedigree_show(st, K->id, &a, &p, &err) || p.n != K->alt[0].ped.n)
			abort();
		for(int i = 0; i < p.n; i++) {
			char id[80];
			snprintf(id, sizeof(id), "%s (", p.ind[i].id);
			if(!strstr(p.tree, id))
				abort();
		}
		arena_free(&a);
	}
	dna_data_free(&d);
}

static pl_rc import(const char *path, dna_import_report *rep, pl_err *err)
{
	dna_import_opts o = {.max_errors = 5};
	return dna_import(shared, DNA_IMPORT_PEDIGREE, path, &o, rep, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-ped-%d.csv", (int)getpid());
	fuzz_write_file(path, (const char *)data, size);
	long long before[COUNTS], after[COUNTS];
	if(shared) {
		counts(shared, before);
		if(before[1] > 2000) {
			store_close(shared);
			shared = NULL;
		}
	}
	if(!shared)
		shared = fresh();
	counts(shared, before);
	dna_import_report rep;
	pl_err err = {0};
	pl_rc rc = import(path, &rep, &err);
	counts(shared, after);
	if(rc) {
		/* all or nothing: a refused import leaves no trace, and says why */
		if(rc != PL_EINPUT || memcmp(before, after, sizeof(before)) || !err.msg[0] || rep.created)
			abort();
	} else if(after[4] <= before[4] || after[0] != before[0] + rep.created) {
		abort();
	}
	dna_import_report_free(&rep);
	if(!rc) {
		check_stored(shared);
		/* the same file again changes nothing */
		counts(shared, before);
		if(import(path, &rep, &err) || rep.created || rep.updated || rep.profiles_created ||
		   rep.profiles_updated)
			abort();
		counts(shared, after);
		if(memcmp(before, after, 4 * sizeof(before[0])))
			abort();
		dna_import_report_free(&rep);
	}
	unlink(path);
	return 0;
}
