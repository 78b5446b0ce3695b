/* Files read whole, and written whole or not at all.
 *
 * A file parley writes goes to a temporary name beside its target (so on
 * the same file system), is flushed to disk, and only then takes the
 * target's name: an interrupted write never leaves half a file under the
 * real name, and readers see the old file or the new one. The temporary
 * file is created readable by its owner only (mkstemp), whatever the
 * umask: nothing written is ever briefly world-readable. */
#ifndef PARLEY_CORE_FILE_H
#define PARLEY_CORE_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/err.h"

typedef struct file_out {
	FILE *f;            /* write here between open and commit */
	char tmp[4096];     /* its temporary name */
	char path[4096];    /* the name it will take */
} file_out;

/* Open a temporary file beside path. */
pl_rc file_out_open(file_out *o, const char *path, pl_err *err) PL_NODISCARD;
/* Flush, sync and close it, then give it its name: replacing a file of
 * that name, or with replace false refusing (PL_ECONFLICT) if one exists.
 * On failure the temporary file is removed. */
pl_rc file_out_commit(file_out *o, bool replace, pl_err *err) PL_NODISCARD;
/* Give up: close and remove the temporary file. */
void file_out_abort(file_out *o);

/* data[0..n) as the file path, by the means above. */
pl_rc file_write(const char *path, const void *data, size_t n, bool replace,
                 pl_err *err) PL_NODISCARD;

/* The whole file (or standard input for "-") appended to out; PL_ELIMIT
 * past max bytes. Errors name the file. */
pl_rc file_read(const char *path, size_t max, buf *out, pl_err *err) PL_NODISCARD;

#endif
