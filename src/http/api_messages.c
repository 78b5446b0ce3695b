/* The message catalogue for the web UI: one language's texts by code, so
 * that the UI writes the server's coded messages (errors, planner reasons,
 * notes) from the same catalogue the CLI uses, never from a copy. Public:
 * the texts hold no data, and the sign-in page needs them. */
#include "core/msg.h"
#include "http/internal.h"

typedef struct {
	json_t *out;
	lang_id lang;
} gather;

static void add(const msg_entry *e, void *arg)
{
	gather *g = arg;
	json_object_set_new(g->out, e->code, json_string(e->text[g->lang]));
}

void api_messages(http_req *q)
{
	const char *l = http_query(q, "lang");
	int lang = lang_parse(l ? l : "en");
	if(lang < 0) {
		http_errorc(q, MHD_HTTP_BAD_REQUEST, "bad_input", "lang", "http.one_of", "field", "lang",
		            "allowed", "en, uk, ru", NULL);
		return;
	}
	gather g = {json_object(), (lang_id)lang};
	msg_each(add, &g);
	http_json(q, MHD_HTTP_OK, json_pack("{s:s, s:o}", "lang", lang_code(g.lang), "messages", g.out));
}
