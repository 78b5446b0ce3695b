/* The DNA imports on any bytes. The first byte chooses the file's kind
 * (remains profiles, reference profiles, frequencies, genotypes: its value
 * modulo 4), or FUZZ_DNA_KIND=0..3 in the environment pins one, to fuzz
 * one importer at a time over the same corpus; the rest is the file. Each import is entirely kept (the counts grow as the report says,
 * and importing the same file again changes nothing) or refused with a
 * reason and nothing written. The registry holds persons the inputs can
 * name (P0000000000000001, ...2), remains cases T1, T2, T3 in a batch, and
 * a frequency table for the loci TH01, vWA and Penta_D. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dna/dna.h"
#include "fuzz.h"
#include "fuzz_store.h"

enum { COUNTS = 6 };

static void counts(store *st, long long out[COUNTS])
{
	static const char *const sql[COUNTS] = {
		"SELECT count(*) FROM dna_profile", "SELECT count(*) FROM dna_allele",
		"SELECT count(*) FROM dna_relative", "SELECT count(*) FROM dna_frequency",
		"SELECT count(*) FROM audit", "SELECT count(*) FROM remains_case",
	};
	fuzz_counts(st, sql, COUNTS, out);
}

static store *shared;

static store *fresh(void)
{
	pl_err err = {0};
	store *st;
	if(store_open(&st, ":memory:", "fuzz", STORE_CREATE, &err))
		abort();
	for(int i = 1; i <= 2; i++) {
		person p = {0};
		snprintf(p.uid, sizeof(p.uid), "P000000000000000%d", i);
		p.f[PF_SURNAME] = "Особа";
		if(registry_person_add(st, &p, &err))
			abort();
	}
	remains_batch b = {.label = "B", .from_party = "RU", .to_party = "UA", .handover_date = "2025-06-11",
	                   .declared = 3};
	if(remains_batch_add(st, &b, &err))
		abort();
	for(int i = 1; i <= 3; i++) {
		const char *v[RF_COUNT] = {0};
		char tag[8];
		snprintf(tag, sizeof(tag), "T%d", i);
		v[RF_TAG] = tag;
		v[RF_BATCH] = "B";
		remains_result res;
		if(remains_case_put(st, v, NULL, &res, &err))
			abort();
	}
	static const char freqs[] = "locus,allele,frequency\nTH01,6,0.2\nTH01,7,0.2\nTH01,9.3,0.3\n"
	                            "vWA,14,0.1\nvWA,17,0.3\nPenta_D,2.2,0.05\nPenta_D,12,0.2\n";
	char path[64];
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-dna-f-%d.csv", (int)getpid());
	fuzz_write_file(path, freqs, sizeof(freqs) - 1);
	dna_import_report rep;
	if(dna_import(st, DNA_IMPORT_FREQUENCIES, path, NULL, &rep, &err))
		abort();
	dna_import_report_free(&rep);
	unlink(path);
	return st;
}

/* The kind the first byte names, unless FUZZ_DNA_KIND pins one. */
static dna_import_kind kind_of(uint8_t first)
{
	static const dna_import_kind kinds[] = {DNA_IMPORT_REMAINS, DNA_IMPORT_REFERENCES,
	                                        DNA_IMPORT_FREQUENCIES, DNA_IMPORT_GENOTYPES};
	static int pinned = -2;
	if(pinned == -2) {
		const char *v = getenv("FUZZ_DNA_KIND");
		pinned = v && v[0] >= '0' && v[0] <= '3' && !v[1] ? v[0] - '0' : -1;
	}
	return kinds[pinned >= 0 ? pinned : first % 4];
}

static pl_rc import(dna_import_kind kind, const char *path, dna_import_report *rep, pl_err *err)
{
	dna_import_opts o = {.max_errors = 5};
	return dna_import(shared, kind, path, &o, rep, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if(!size)
		return 0;
	dna_import_kind kind = kind_of(data[0]);
	/* a frequency table, counted or imported, is not profiles */
	bool table = kind == DNA_IMPORT_FREQUENCIES || kind == DNA_IMPORT_GENOTYPES;
	char path[64];
	snprintf(path, sizeof(path), "/tmp/parley-fuzz-dna-%d.csv", (int)getpid());
	fuzz_write_file(path, (const char *)data + 1, size - 1);
	long long before[COUNTS], after[COUNTS];
	if(shared) {
		counts(shared, before);
		if(before[0] > 2000) {
			store_close(shared);
			shared = NULL;
		}
	}
	if(!shared)
		shared = fresh();
	counts(shared, before);
	dna_import_report rep;
	pl_err err = {0};
	pl_rc rc = import(kind, path, &rep, &err);
	counts(shared, after);
	if(rc) {
		/* all or nothing: a refused import leaves no trace, and says why */
		if(memcmp(before, after, sizeof(before)) || !err.msg[0] || rep.created || rep.notes.len)
			abort();
	} else if(after[4] <= before[4] || (!table &&
	          (after[0] != before[0] + rep.created || rep.rows != rep.created + rep.updated + rep.unchanged))) {
		abort();
	}
	dna_import_report_free(&rep);
	if(!rc) { /* the same file again changes nothing */
		counts(shared, before);
		if(import(kind, path, &rep, &err) || rep.created || (!table && rep.updated))
			abort();
		counts(shared, after);
		if(memcmp(before, after, 4 * sizeof(before[0])))
			abort();
		dna_import_report_free(&rep);
	}
	unlink(path);
	return 0;
}
