/* The web UI's files, from web/ and nowhere else.
 *
 * A path is taken apart into names of safe characters before anything
 * touches the disk (no "..", no hidden files, no encoded slashes), and the
 * file opened must still resolve inside web/ (no symlinks out). Pages
 * without a file extension are the single-page app: index.html.
 *
 * Its state (GROUP_FILES) is where web/ really is, resolved once at start;
 * none when the server has no UI. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/internal.h"

static const struct {
	const char *ext, *type;
} types[] = {
	{".html", "text/html; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".json", "application/json"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".woff2", "font/woff2"},
	{".txt", "text/plain; charset=utf-8"},
};

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	for(size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if(!strcmp(dot, types[i].ext))
			return types[i].type;
	return NULL;
}

/* Is every segment of the path made of [A-Za-z0-9._-], not empty (but
 * the last) and not starting with a dot? This alone rules out "..",
 * hidden files and any encoding trick. */
static bool path_safe(const char *path)
{
	if(*path != '/')
		return false;
	for(const char *p = path; *p; p++) {
		if(*p == '/') {
			if(p[1] == '.' || p[1] == '/')
				return false;
			continue;
		}
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		          (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_';
		if(!ok)
			return false;
	}
	return true;
}

typedef struct web_files {
	char root[PATH_MAX];         /* realpath of the UI's directory */
} web_files;

pl_rc static_init(const http_server *s, void **state, pl_err *err)
{
	if(!s->cfg.web_dir)
		return PL_OK;
	web_files *w = calloc(1, sizeof(*w));
	if(!w)
		return pl_nomem(err);
	if(!realpath(s->cfg.web_dir, w->root)) {
		pl_rc rc = pl_failc(err, PL_ENOTFOUND, "http.web_dir", "dir", s->cfg.web_dir, "detail",
		                    strerror(errno), NULL);
		free(w);
		return rc;
	}
	*state = w;
	return PL_OK;
}

void static_free(void *state)
{
	free(state);
}

static void not_found(http_req *q)
{
	http_errorc(q, MHD_HTTP_NOT_FOUND, "not_found", NULL, "http.no_file", NULL);
}

void static_serve(http_req *q)
{
	const web_files *w = q->srv->state[GROUP_FILES];
	if(!w) {
		not_found(q);
		return;
	}
	const char *path = q->path;
	if(!path_safe(path) || strlen(path) > 512) {
		not_found(q);
		return;
	}
	/* "/", "/persons/P..." and other app pages (no dot anywhere): the
	 * app decides what they show. */
	if(!strchr(path, '.'))
		path = "/index.html";
	const char *type = content_type(path);
	if(!type) {
		not_found(q);
		return;
	}
	char full[sizeof(w->root) + sizeof(q->path)], real[PATH_MAX];
	snprintf(full, sizeof(full), "%s%s", w->root, path);
	size_t root = strlen(w->root);
	if(!realpath(full, real) || strncmp(real, w->root, root) || real[root] != '/') {
		not_found(q);
		return;
	}
	int fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat sb;
	if(fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		if(fd >= 0)
			close(fd);
		not_found(q);
		return;
	}
	q->fd = fd;
	q->status = MHD_HTTP_OK;
	q->answered = true;
	q->content_type = type;
}
