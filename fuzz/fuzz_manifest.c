/* Manifest documents on any bytes (what another office or the mediator
 * sends): never crash; a refused document says where ("fuzz.json:
 * document..." or the JSON line and column); an accepted one, written out
 * again and read again, is the same document, and its totals add up. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord/stage.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t je;
	json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	if(!doc)
		return 0;
	arena a;
	arena_init(&a, 0);
	manifest_doc m, again;
	pl_err err = {0};
	pl_rc rc = manifest_doc_read("fuzz.json", "document", doc, &a, &m, &err);
	if(rc) {
		if(rc != PL_ENOMEM && strncmp(err.msg, "fuzz.json: document", 19))
			abort();
	} else {
		json_t *out = manifest_doc_json(&m);
		if(!out || manifest_doc_read("again", "", out, &a, &again, &err))
			abort();
		json_t *out2 = manifest_doc_json(&again);
		if(!json_equal(out, out2) || again.nentries != m.nentries || again.nbatches != m.nbatches)
			abort();
		long persons = 0;
		for(size_t i = 0; i < m.nentries; i++)
			persons += m.entries[i].side == 0;
		json_t *t = json_object_get(json_object_get(out, "totals"), m.party[0]);
		if(json_integer_value(json_object_get(t, "persons")) != persons)
			abort();
		json_decref(out);
		json_decref(out2);
	}
	json_decref(doc);
	arena_free(&a);
	return 0;
}
