/* The message catalogue's part for agreements, the rule language, manifests, stages, the ledger and remains batches (src/accord, src/remains):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). The English text is what the CLI has always printed. */
#include "core/msg.h"

const msg_entry msg_table_accord[] = {
	{NULL, {NULL}},
};
