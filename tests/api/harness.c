#define PARLEY_API_HARNESS_IMPL
#include "harness.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "demo/demo.h"

static void seed(api_fx *fx)
{
	pl_err err = {0};
	store *st;
	assert_ok(store_open(&st, fx->db, "test:seed", STORE_CREATE, &err), &err);
	for(int i = 0; i < ROLE_COUNT; i++) {
		char password[64];
		snprintf(password, sizeof(password), "%s-password-1", role_names[i]);
		assert_ok(auth_user_add(st, role_names[i], NULL, 1u << i, password, "test", &err), &err);
		user u;
		int64_t id;
		assert_ok(auth_user_get(st, role_names[i], &u, &err), &err);
		assert_ok(auth_token_create(st, &u, "tests", "test", fx->token[i], &id, &err), &err);
	}
	/* Generated persons to search, and one with medical details. */
	char path[4300];
	snprintf(path, sizeof(path), "%s/demo.json", fx->dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	demo_opts o = {.persons = 60, .seed = 7, .format = FORMAT_JSON};
	assert_ok(registry_demo_generate(f, &o, &err), &err);
	assert_int_equal(fclose(f), 0);
	const char *paths[] = {path};
	import_opts io = {0};
	import_report rep;
	assert_ok(registry_import(st, paths, 1, &io, &rep, &err), &err);
	import_report_free(&rep);
	person p = {0};
	p.f[PF_SURNAME] = "Шевченко";
	p.f[PF_GIVEN_NAMES] = "Олександр";
	p.f[PF_PATRONYMIC] = "Петрович";
	p.f[PF_BIRTH_DATE] = "1990-05-17";
	p.f[PF_PARTY] = "UA";
	p.f[PF_MEDICAL] = "severely_wounded";
	assert_ok(registry_person_add(st, &p, &err), &err);
	memcpy(fx->person, p.uid, UID_SIZE);
	event e = {0};
	e.f[EF_TYPE] = "capture";
	e.f[EF_DATE] = "2023-03-01";
	e.f[EF_SOURCE] = "counterpart_list";
	assert_ok(registry_event_add(st, p.uid, &e, &err), &err);
	event hosp = {0};
	hosp.f[EF_TYPE] = "hospital_admission";
	hosp.f[EF_DATE] = "2023-04-01";
	hosp.f[EF_SOURCE] = "icrc_visit";
	hosp.f[EF_PLACE] = "Hospital No. 3";
	hosp.f[EF_NOTE] = "shrapnel wound, left leg";
	assert_ok(registry_event_add(st, p.uid, &hosp, &err), &err);
	memcpy(fx->health_event, hosp.uid, UID_SIZE);
	store_close(st);
}

static void make_web(api_fx *fx)
{
	char path[4400];
	snprintf(fx->web, sizeof(fx->web), "%s/web", fx->dir);
	assert_int_equal(mkdir(fx->web, 0700), 0);
	snprintf(path, sizeof(path), "%s/js", fx->web);
	assert_int_equal(mkdir(path, 0700), 0);
	tu_write(tu_path(path, sizeof(path), fx->web, "index.html"), "<!doctype html><title>t</title>");
	tu_write(tu_path(path, sizeof(path), fx->web, "js/app.js"), "export const x = 1;\n");
	tu_write(tu_path(path, sizeof(path), fx->web, ".hidden.txt"), "hidden");
	tu_write(tu_path(path, sizeof(path), fx->dir, "secret.txt"), "SECRET outside web/");
	/* A link out of web/ must not be followed. */
	char target[4400];
	snprintf(target, sizeof(target), "%s/secret.txt", fx->dir);
	assert_int_equal(symlink(target, tu_path(path, sizeof(path), fx->web, "link.txt")), 0);
}

api_fx *fx_start(const http_config *cfg)
{
	assert_true(sodium_init() >= 0);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	api_fx *fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	fx->dir = tu_tmpdir();
	assert_non_null(fx->dir);
	tu_path(fx->db, sizeof(fx->db), fx->dir, "api.db");
	seed(fx);
	make_web(fx);
	if(cfg)
		fx->cfg = *cfg;
	fx->cfg.db_path = fx->db;
	fx->cfg.listen = "127.0.0.1:0";
	fx->cfg.web_dir = fx->web;
	if(!fx->cfg.threads)
		fx->cfg.threads = 4;
	pl_err err = {0};
	assert_ok(http_start(&fx->srv, &fx->cfg, &err), &err);
	fx->port = http_port(fx->srv);
	assert_true(fx->port > 0);
	return fx;
}

void fx_stop(api_fx *fx)
{
	if(!fx)
		return;
	http_stop(fx->srv, 5);
	tu_rmdir(fx->dir);
	free(fx);
	curl_global_cleanup();
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	resp *r = ctx;
	return buf_add(&r->body, data, size * n) ? 0 : size * n;
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	resp *r = ctx;
	size_t have = strlen(r->headers), add = size * n;
	if(have + add < sizeof(r->headers)) {
		memcpy(r->headers + have, data, add);
		r->headers[have + add] = '\0';
	}
	return size * n;
}

long call(api_fx *fx, const rq *q, resp *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, 0);
	CURL *c = curl_easy_init();
	assert_non_null(c);
	char url[2300];
	snprintf(url, sizeof(url), "http://127.0.0.1:%u%s", fx->port, q->path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L); /* send ".." as it is */
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, q->method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	struct curl_slist *h = NULL;
	char line[600];
	if(q->bearer) {
		snprintf(line, sizeof(line), "Authorization: Bearer %s", q->bearer);
		h = curl_slist_append(h, line);
	}
	if(q->cookie)
		curl_easy_setopt(c, CURLOPT_COOKIE, q->cookie);
	if(q->csrf) {
		snprintf(line, sizeof(line), "X-CSRF-Token: %s", q->csrf);
		h = curl_slist_append(h, line);
	}
	if(q->header)
		h = curl_slist_append(h, q->header);
	curl_mime *mime = NULL;
	if(q->upload[0]) {
		mime = curl_mime_init(c);
		for(int i = 0; i < 4 && q->upload[i]; i += 2) {
			curl_mimepart *part = curl_mime_addpart(mime);
			curl_mime_name(part, "file");
			curl_mime_filedata(part, q->upload[i]);
			curl_mime_filename(part, q->upload[i + 1]);
		}
		curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	} else if(q->body) {
		snprintf(line, sizeof(line), "Content-Type: %s", q->ctype ? q->ctype : "application/json");
		h = curl_slist_append(h, line);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, q->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		                 (curl_off_t)(q->len ? q->len : strlen(q->body)));
	}
	h = curl_slist_append(h, "Expect:"); /* no 100-continue round trip */
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	CURLcode cc = curl_easy_perform(c);
	if(cc != CURLE_OK)
		fail_msg("%s %s: %s", q->method, q->path, curl_easy_strerror(cc));
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_mime_free(mime);
	curl_easy_cleanup(c);
	json_error_t je;
	if(r->body.len)
		r->json = json_loadb(buf_str(&r->body), r->body.len, 0, &je);
	return r->status;
}

void resp_free(resp *r)
{
	buf_free(&r->body);
	json_decref(r->json);
	r->json = NULL;
}

int raw_connect(api_fx *fx, const char *from)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if(s < 0)
		return -1;
	struct sockaddr_in a = {.sin_family = AF_INET};
	if(from && (inet_pton(AF_INET, from, &a.sin_addr) != 1 ||
	            bind(s, (struct sockaddr *)&a, sizeof(a)))) {
		close(s);
		return -1;
	}
	a.sin_port = htons(fx->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct timeval tv = {5, 0};
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if(connect(s, (struct sockaddr *)&a, sizeof(a))) {
		close(s);
		return -1;
	}
	return s;
}

long raw_call(api_fx *fx, const char *from, const char *req, resp *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, 0);
	r->status = -1;
	int s = raw_connect(fx, from);
	if(s < 0)
		return -1;
	buf in;
	buf_init(&in, 0);
	if(send(s, req, strlen(req), MSG_NOSIGNAL) == (ssize_t)strlen(req)) {
		char chunk[4096];
		ssize_t n;
		while((n = recv(s, chunk, sizeof(chunk), 0)) > 0 && !buf_add(&in, chunk, (size_t)n))
			;
	}
	close(s);
	const char *text = buf_str(&in);
	const char *end = strstr(text, "\r\n\r\n");
	if(!strncmp(text, "HTTP/1.", 7) && strlen(text) > 12 && end) {
		r->status = strtol(text + 9, NULL, 10);
		size_t hl = (size_t)(end - text) + 2;
		snprintf(r->headers, sizeof(r->headers), "%.*s", (int)hl, text);
		json_error_t je;
		if(!buf_add(&r->body, end + 4, in.len - (size_t)(end + 4 - text)) && r->body.len)
			r->json = json_loadb(buf_str(&r->body), r->body.len, 0, &je);
	}
	buf_free(&in);
	return r->status;
}

const char *resp_header(const resp *r, const char *name, char *out, size_t size)
{
	size_t n = strlen(name);
	for(const char *p = r->headers; (p = strchr(p, '\n')); ) {
		p++;
		if(!strncasecmp(p, name, n) && p[n] == ':') {
			const char *v = p + n + 1;
			while(*v == ' ')
				v++;
			size_t len = strcspn(v, "\r\n");
			snprintf(out, size, "%.*s", (int)len, v);
			return out;
		}
	}
	return NULL;
}

const char *resp_code(const resp *r)
{
	const char *code = json_string_value(json_object_get(json_object_get(r->json, "error"), "code"));
	return code ? code : "";
}

long fx_login(api_fx *fx, const char *name, const char *password, char *cookie, size_t cookie_size,
              char *csrf, size_t csrf_size)
{
	char body[400];
	snprintf(body, sizeof(body), "{\"user\":\"%s\",\"password\":\"%s\"}", name, password);
	resp r;
	long status = call(fx, &(rq){.method = "POST", .path = "/api/login", .body = body}, &r);
	char set[512];
	if(status == 200 && resp_header(&r, "Set-Cookie", set, sizeof(set))) {
		snprintf(cookie, cookie_size, "%.*s", (int)strcspn(set, ";"), set);
		snprintf(csrf, csrf_size, "%s", json_string_value(json_object_get(r.json, "csrf")));
	}
	resp_free(&r);
	return status;
}
