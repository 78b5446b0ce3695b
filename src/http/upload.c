/* Uploads: the files of a multipart/form-data body (imports), written as
 * they arrive into a private temporary directory made for the request, and
 * removed with it when the request ends. Their size and number are limited
 * while they come in; a failure is kept and answered once the body is in. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"
#include "http/internal.h"

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	http_req *q = cls;
	if(!filename || q->upload_failed)
		return MHD_YES; /* plain form fields are not used */
	if(off == 0) { /* a new file */
		if(q->upload_f) {
			fclose(q->upload_f);
			q->upload_f = NULL;
		}
		if(q->nuploads == UPLOADS_MAX) {
			q->upload_failed = UPLOAD_TOO_MANY;
			return MHD_YES;
		}
		int i = q->nuploads++;
		snprintf(q->upload_path[i], sizeof(q->upload_path[i]), "%s/%d", q->upload_dir, i);
		/* Only the base name is kept, printable: it names the file in messages. */
		const char *base = strrchr(filename, '/');
		char *name = q->upload_name[i];
		snprintf(name, sizeof(q->upload_name[i]), "%s", base ? base + 1 : filename);
		size_t len = strlen(name), bad;
		bool valid = utf8_valid(name, len, &bad);
		for(size_t k = 0; k < len; k++)
			if((unsigned char)name[k] < 0x20 || name[k] == 0x7f || name[k] == '"' ||
			   name[k] == '\\' || (!valid && (unsigned char)name[k] >= 0x80))
				name[k] = '_';
		if(!len)
			snprintf(name, sizeof(q->upload_name[i]), "upload-%d", i + 1);
		q->upload_f = fopen(q->upload_path[i], "wb");
		if(!q->upload_f) {
			q->upload_failed = UPLOAD_IO;
			return MHD_YES;
		}
	}
	q->upload_bytes += size;
	if(q->upload_bytes > q->srv->cfg.max_upload) {
		q->upload_failed = UPLOAD_TOO_LARGE;
		return MHD_YES;
	}
	if(size && q->upload_f && fwrite(data, 1, size, q->upload_f) != size)
		q->upload_failed = UPLOAD_IO;
	return MHD_YES;
}

bool upload_begin(http_req *q)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(q->upload_dir, sizeof(q->upload_dir), "%s/parley-upload-XXXXXX",
	         tmp && *tmp && strlen(tmp) < 200 ? tmp : "/tmp");
	if(!mkdtemp(q->upload_dir)) {
		q->upload_dir[0] = '\0';
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.store_upload",
		            "detail", strerror(errno), NULL);
		return false;
	}
	q->pp = MHD_create_post_processor(q->conn, 64 * 1024, on_part, q);
	if(!q->pp) {
		http_errorc(q, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "bad_media_type", NULL, "http.not_multipart",
		            NULL);
		return false;
	}
	return true;
}

void upload_add(http_req *q, const char *data, size_t n)
{
	if(MHD_post_process(q->pp, data, n) != MHD_YES && !q->upload_failed)
		q->upload_failed = UPLOAD_MALFORMED;
}

/* The upload is complete: its files are closed before anyone reads them. */
void upload_finish(http_req *q)
{
	if(q->pp && MHD_destroy_post_processor(q->pp) != MHD_YES && !q->upload_failed)
		q->upload_failed = UPLOAD_MALFORMED;
	q->pp = NULL;
	if(q->upload_f && fclose(q->upload_f) && !q->upload_failed)
		q->upload_failed = UPLOAD_IO;
	q->upload_f = NULL;
}

void upload_refuse(http_req *q)
{
	switch(q->upload_failed) {
	case UPLOAD_TOO_LARGE:
		http_errorc(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL, "http.upload_large", "max",
		            PL_N(q->srv->cfg.max_upload), NULL);
		break;
	case UPLOAD_TOO_MANY:
		http_errorc(q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "file", "http.too_many_files", "max",
		            PL_N(UPLOADS_MAX), NULL);
		break;
	case UPLOAD_MALFORMED:
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_upload", NULL, "http.bad_multipart", NULL);
		break;
	default:
		http_errorc(q, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", NULL, "http.store_upload",
		            "detail", strerror(errno), NULL);
	}
}

bool http_one_upload(http_req *q, const char *what)
{
	if(q->nuploads == 1)
		return true;
	http_errorc(q, MHD_HTTP_UNPROCESSABLE_CONTENT, "bad_input", "file", what, NULL);
	return false;
}

void upload_cleanup(http_req *q)
{
	if(q->pp)
		MHD_destroy_post_processor(q->pp);
	q->pp = NULL;
	if(q->upload_f)
		fclose(q->upload_f);
	q->upload_f = NULL;
	for(int i = 0; i < q->nuploads; i++)
		unlink(q->upload_path[i]);
	if(q->upload_dir[0])
		rmdir(q->upload_dir);
}
