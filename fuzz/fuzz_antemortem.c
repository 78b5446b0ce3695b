/* Ante-mortem data from outside (family/antemortem.h): an image's type
 * sniffed from any bytes, and any JSON as a record or a post-mortem
 * observation document (am_clean), then the two compared. What sniffs is
 * one of the three types and its magic is there; what cleans is a record
 * that cleans to itself (a second pass changes nothing) with every tooth an
 * FDI number; a refusal is coded and names its field; the comparison gives
 * a verdict and a coded reason for every kind; nothing crashes or leaks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "family/antemortem.h"
#include "fuzz.h"

static void check_clean(const json_t *c)
{
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)json_object_get(c, "dental"), key, v)
		if(!am_tooth_exists(strtol(key, NULL, 10)) || !json_is_string(v))
			abort();
	pl_err err = {0};
	json_t *again = am_clean(c, true, &err);
	if(!again || !json_equal(again, c))
		abort();
	json_decref(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *type = am_sniff(data, size);
	if(type && strcmp(type, "image/jpeg") && strcmp(type, "image/png") && strcmp(type, "image/webp"))
		abort();
	if(type && !strcmp(type, "image/jpeg") && (size < 3 || data[0] != 0xFF))
		abort();
	json_t *doc = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
	if(!doc)
		return 0;
	pl_err err = {0};
	json_t *am = am_clean(doc, true, &err);
	if(!am && (!err.code || err.rc != PL_EINPUT))
		abort();
	json_t *pm = am_clean(doc, false, &err);
	if(am)
		check_clean(am);
	am_finding f[AK_COUNT];
	am_compare(am, pm ? pm : am, f);
	for(int k = 0; k < AK_COUNT; k++)
		if(f[k].verdict > AM_UNKNOWN || !f[k].why.code)
			abort();
	json_decref(am_findings_json(f));
	json_decref(am);
	json_decref(pm);
	json_decref(doc);
	return 0;
}
