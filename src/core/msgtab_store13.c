/* The message catalogue's part for writers waiting in turn, the access log
 * of persons shown and retention (src/store, src/http, src/registry,
 * src/cli): each code's text in English, Ukrainian and Russian, with the
 * same {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_store13[] = {
	/* writers in turn (store.c) */
	{"store.writers_busy",
	 {"the database is busy: the writers before this one have held it for {waited} s (a large import?); "
	  "nothing was written, try again in {retry} s",
	  "база даних зайнята: попередні записи тримають її вже {waited} с (велике імпортування?); "
	  "нічого не записано, спробуйте ще раз через {retry} с",
	  "база данных занята: предыдущие записи держат её уже {waited} с (большой импорт?); "
	  "ничего не записано, попробуйте ещё раз через {retry} с"}},
	{"store.gate", {"cannot open the writers' queue {file}: {detail}",
	                "не вдається відкрити чергу записів {file}: {detail}",
	                "не удаётся открыть очередь записей {file}: {detail}"}},
	{NULL, {NULL}},
};
