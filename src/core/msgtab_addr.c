/* The message catalogue's part for addresses in the person record and
 * lists that say what they are (issue 14 items 4 and 5: src/registry,
 * src/match, src/cli): each code's text in English, Ukrainian and
 * Russian, with the same {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_addr[] = {
	/* a country field (registry/fields.c) */
	{"why.country", {"expected a country's ISO 3166-1 alpha-2 code (UA, RU, PL)",
	                 "очікується код країни за ISO 3166-1 alpha-2 (UA, RU, PL)",
	                 "ожидается код страны по ISO 3166-1 alpha-2 (UA, RU, PL)"}},
	{NULL, {NULL, NULL, NULL}},
};
