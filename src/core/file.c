#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* detail: the system's words for errno (strerror), as they are. */
static pl_rc cannot_write(pl_err *err, const char *path, int e)
{
	return pl_failc(err, PL_EIO, "file.cannot_write", "file", path, "detail", strerror(e), NULL);
}

static pl_rc cannot_read(pl_err *err, pl_rc rc, const char *path, int e)
{
	return pl_failc(err, rc == PL_ENOTFOUND ? PL_ENOTFOUND : PL_EIO, "file.cannot_read", "file", path,
	                "detail", strerror(e), NULL);
}

pl_rc file_out_open(file_out *o, const char *path, pl_err *err)
{
	memset(o, 0, sizeof(*o));
	if(strlen(path) + 16 > sizeof(o->tmp))
		return pl_failc(err, PL_EINPUT, "file.name_long", "file", path, NULL);
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
		return cannot_write(err, path, e);
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
		rc = cannot_write(err, o->path, errno);
	if(fclose(o->f) && !rc)
		rc = cannot_write(err, o->path, errno);
	o->f = NULL;
	if(!rc && (replace ? rename(o->tmp, o->path) : take_new_name(o->tmp, o->path))) {
		rc = errno == EEXIST
		     ? pl_failc(err, PL_ECONFLICT, "file.exists", "file", o->path, NULL)
		     : cannot_write(err, o->path, errno);
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
		return cannot_write(err, path, e);
	}
	return file_out_commit(&o, replace, err);
}

pl_rc file_read(const char *path, size_t max, buf *out, pl_err *err)
{
	bool in = !strcmp(path, "-");
	FILE *f = in ? stdin : fopen(path, "rb");
	if(!f)
		return cannot_read(err, errno == ENOENT ? PL_ENOTFOUND : PL_EIO, path, errno);
	char chunk[65536];
	size_t n, total = 0;
	pl_rc rc = PL_OK;
	while(!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		total += n;
		if(total > max)
			rc = in ? pl_failc(err, PL_ELIMIT, "file.input_large", "max", PL_N(max), NULL)
			        : pl_failc(err, PL_ELIMIT, "file.large", "file", path, "max", PL_N(max), NULL);
		else if(buf_add(out, chunk, n))
			rc = pl_nomem(err);
	}
	if(!rc && ferror(f))
		rc = cannot_read(err, PL_EIO, path, errno);
	if(!in)
		fclose(f);
	return rc;
}
