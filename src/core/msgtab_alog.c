/* The message catalogue's part for the access log's index by person
 * (issue 14, the search figure: src/audit, src/http): each code's text in
 * English, Ukrainian and Russian, with the same {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_alog[] = {
	/* the mark of what is indexed (audit/audit.c) */
	{"audit.access_mark_missing",
	 {"the access log's table access_indexed has lost its row (the file was edited by hand): the reads by "
	  "person cannot tell what is indexed; restore the database from a backup",
	  "таблиця access_indexed журналу доступу втратила свій рядок (файл редагували вручну): перегляд за "
	  "особою не може визначити, що проіндексовано; відновіть базу з резервної копії",
	  "таблица access_indexed журнала доступа потеряла свою строку (файл редактировали вручную): просмотр "
	  "по лицу не может определить, что проиндексировано; восстановите базу из резервной копии"}},
	/* the server's writer of the access log (http/accesslog.c), in its request log */
	{"http.access_index",
	 {"the access log's newest entries could not be indexed by person (they stay in the log and are "
	  "found; the writer tries again): {@said}",
	  "найновіші записи журналу доступу не вдалося проіндексувати за особою (вони лишаються в журналі й "
	  "знаходяться; спроба повториться): {@said}",
	  "новейшие записи журнала доступа не удалось проиндексировать по лицу (они остаются в журнале и "
	  "находятся; запись повторится): {@said}"}},
	{NULL, {NULL, NULL, NULL}},
};
