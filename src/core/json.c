#include "core/json.h"

#include <stdio.h>
#include <string.h>

pl_rc json_write_string(buf *out, const char *s)
{
	pl_rc rc = buf_addc(out, '"');
	const char *run = s;
	for(const char *p = s; !rc; p++) {
		unsigned char c = (unsigned char)*p;
		if(c >= 0x20 && c != '"' && c != '\\')
			continue;
		if(p > run)
			rc = buf_add(out, run, (size_t)(p - run));
		if(rc || !c)
			break;
		char esc[8];
		switch(c) {
		case '"': rc = buf_add(out, "\\\"", 2); break;
		case '\\': rc = buf_add(out, "\\\\", 2); break;
		case '\n': rc = buf_add(out, "\\n", 2); break;
		case '\r': rc = buf_add(out, "\\r", 2); break;
		case '\t': rc = buf_add(out, "\\t", 2); break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			rc = buf_add(out, esc, 6);
		}
		run = p + 1;
	}
	return rc ? rc : buf_addc(out, '"');
}

void json_open(json_writer *w, buf *out)
{
	w->out = out;
	w->first = true;
	w->rc = buf_addc(out, '{');
}

static void key(json_writer *w, const char *k)
{
	if(!w->rc && !w->first)
		w->rc = buf_addc(w->out, ',');
	w->first = false;
	if(!w->rc)
		w->rc = json_write_string(w->out, k);
	if(!w->rc)
		w->rc = buf_addc(w->out, ':');
}

void json_member_string(json_writer *w, const char *k, const char *value)
{
	key(w, k);
	if(!w->rc)
		w->rc = value ? json_write_string(w->out, value) : buf_add(w->out, "null", 4);
}

void json_member_raw(json_writer *w, const char *k, const char *json)
{
	key(w, k);
	if(!w->rc)
		w->rc = buf_adds(w->out, json);
}

pl_rc json_close(json_writer *w)
{
	if(!w->rc)
		w->rc = buf_addc(w->out, '}');
	return w->rc;
}
