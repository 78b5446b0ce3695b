/* The DNA benchmarks' founders' pool (strpool.h). */
#include "strpool.h"

#include "core/problems.h"

pl_rc bench_str_pool(const char *path, dna_rows *pool, dna_freqs *f, pl_err *err)
{
	buf errors;
	buf_init(&errors, 0);
	problems pb;
	problems_init(&pb, &errors, 5);
	pb.file = path;
	dna_rows_init(pool);
	dna_freqs_init(f);
	pl_rc rc = dna_read_profiles_file(path, DNA_FILE_GENOTYPES, &pb, pool, err);
	if(!rc && pb.failed) {
		*err = pb.first;
		rc = PL_EINPUT;
	}
	buf_free(&errors);
	return rc ? rc : dna_freqs_count(pool, DNA_MIN_COUNT, f, err);
}
