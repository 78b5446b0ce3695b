/* The message catalogue's part for the registry, reconciliation and names (src/registry, src/match, src/names):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). The English text is what the CLI has always printed. */
#include "core/msg.h"

const msg_entry msg_table_registry[] = {
	{NULL, {NULL}},
};
