#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

pl_rc file_out_open(file_out *o, const char *path, pl_err *err)
{
	memset(o, 0, sizeof(*o));
	if(strlen(path) + 16 > sizeof(o->tmp))
		return pl_fail(err, PL_EINPUT, "cannot write %.100s...: the name is too long", path);
	snprintf(o->path, sizeof(o->path), "%s", path);
	snprintf(o->tmp, sizeof(o->tmp), "%s.partial-XXXXXX", path);
	int fd = mkstemp(o->tmp);
	o->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if(!o->f) {
		int e = errno;
		if(fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		return pl_fail(err, PL_EIO, "cannot write %s: %s", path, strerror(e));
	}
	return PL_OK;
}

/* Take the name only if nobody has it: a hard link fails if it exists.
 * Where the file system has no hard links, claim the name with O_EXCL
 * first and move the content over it. */
static int take_new_name(const char *tmp, const char *path)
{
	if(!link(tmp, path)) {
		unlink(tmp);
		return 0;
	}
	if(errno == EEXIST)
		return -1;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if(fd < 0)
		return -1;
	close(fd);
	return rename(tmp, path);
}

pl_rc file_out_commit(file_out *o, bool replace, pl_err *err)
{
	pl_rc rc = PL_OK;
	if(fflush(o->f) || fsync(fileno(o->f)))
		rc = pl_fail(err, PL_EIO, "cannot write %s: %s", o->path, strerror(errno));
	if(fclose(o->f) && !rc)
		rc = pl_fail(err, PL_EIO, "cannot write %s: %s", o->path, strerror(errno));
	o->f = NULL;
	if(!rc && (replace ? rename(o->tmp, o->path) : take_new_name(o->tmp, o->path))) {
		rc = errno == EEXIST
		     ? pl_fail(err, PL_ECONFLICT, "%s already exists: not replaced", o->path)
		     : pl_fail(err, PL_EIO, "cannot write %s: %s", o->path, strerror(errno));
	}
	if(rc)
		unlink(o->tmp);
	return rc;
}

void file_out_abort(file_out *o)
{
	if(o->f)
		fclose(o->f);
	o->f = NULL;
	unlink(o->tmp);
}

pl_rc file_write(const char *path, const void *data, size_t n, bool replace, pl_err *err)
{
	file_out o;
	pl_rc rc = file_out_open(&o, path, err);
	if(rc)
		return rc;
	if(fwrite(data, 1, n, o.f) != n) {
		int e = errno;
		file_out_abort(&o);
		return pl_fail(err, PL_EIO, "cannot write %s: %s", path, strerror(e));
	}
	return file_out_commit(&o, replace, err);
}

pl_rc file_read(const char *path, size_t max, buf *out, pl_err *err)
{
	bool in = !strcmp(path, "-");
	FILE *f = in ? stdin : fopen(path, "rb");
	if(!f)
		return pl_fail(err, errno == ENOENT ? PL_ENOTFOUND : PL_EIO, "cannot read %s: %s", path,
		               strerror(errno));
	char chunk[65536];
	size_t n, total = 0;
	pl_rc rc = PL_OK;
	while(!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		total += n;
		if(total > max)
			rc = pl_fail(err, PL_ELIMIT, "%s is larger than %zu bytes", in ? "the input" : path, max);
		else if(buf_add(out, chunk, n))
			rc = pl_nomem(err);
	}
	if(!rc && ferror(f))
		rc = pl_fail(err, PL_EIO, "cannot read %s: %s", path, strerror(errno));
	if(!in)
		fclose(f);
	return rc;
}
