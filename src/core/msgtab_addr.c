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
	/* lists that say what they are (match/person.c) */
	{"match.json_list",
	 {"{list}: a list to reconcile is CSV, and this is JSON. Save it as CSV: a header line of column names "
	  "(surname, given_names, patronymic, birth_date, ... or one name column), then a person a row, e.g. "
	  "\"CSV UTF-8\" from a spreadsheet, or parley export --format csv",
	  "{list}: список для звірки має бути у CSV, а це JSON. Збережіть його як CSV: рядок заголовка з назвами "
	  "стовпців (surname, given_names, patronymic, birth_date, ... або один стовпець name), далі по особі в рядку, "
	  "напр. «CSV UTF-8» з електронної таблиці або parley export --format csv",
	  "{list}: список для сверки должен быть в CSV, а это JSON. Сохраните его как CSV: строка заголовка с "
	  "названиями столбцов (surname, given_names, patronymic, birth_date, ... или один столбец name), затем по "
	  "лицу в строке, напр. «CSV UTF-8» из электронной таблицы или parley export --format csv"}},
	/* the order of a list's whole names (cli/cmd_reconcile.c) */
	{"cli.names_order_first",
	 {"the list writes the surname first ({first} rows showed it, {last} the other way); rows that show "
	  "no order were split so ({rule})",
	  "список пише прізвище першим (так показали {first} рядків, навпаки {last}); рядки без ознак порядку "
	  "розділено так само ({rule})",
	  "список пишет фамилию первой (так показали {first} строк, наоборот {last}); строки без признаков "
	  "порядка разделены так же ({rule})"}},
	{"cli.names_order_last",
	 {"the list writes the surname last ({last} rows showed it, {first} the other way); rows that show "
	  "no order were split so ({rule})",
	  "список пише прізвище останнім (так показали {last} рядків, навпаки {first}); рядки без ознак "
	  "порядку розділено так само ({rule})",
	  "список пишет фамилию последней (так показали {last} строк, наоборот {first}); строки без "
	  "признаков порядка разделены так же ({rule})"}},
	{"cli.names_order_unknown",
	 {"the list's order of names is not clear ({first} rows showed the surname first, {last} last): "
	  "each row without a clue was split in the usual order of its script ({rule} not used)",
	  "порядок імен у списку неясний (прізвище першим показали {first} рядків, останнім {last}): кожен "
	  "рядок без ознак розділено у звичному порядку його письма ({rule} не застосовано)",
	  "порядок имён в списке неясен (фамилию первой показали {first} строк, последней {last}): каждая "
	  "строка без признаков разделена в обычном порядке её письма ({rule} не применено)"}},
	/* parley reconcile's summary: each row once (cli/cmd_reconcile.c) */
	{"cli.reconcile_outcomes", {"  matched       {matched}\n  review        {review}\n  listed twice  {twice}\n"
	                        "  unmatched     {unmatched}",
	                        "  зіставлено       {matched}\n  на перевірку     {review}\n"
	                        "  двічі в списку   {twice}\n  без відповідника {unmatched}",
	                        "  сопоставлено        {matched}\n  на проверку         {review}\n"
	                        "  дважды в списке     {twice}\n  без соответствия    {unmatched}"}},
	{"cli.reconcile_matched_flags", {"flags of the matched: {returned} already returned, {died} died, {civilians} civilians, "
	                     "{booked} on open stages, {not_eligible} not eligible",
	                     "позначки зіставлених: уже повернуто {returned}, загинули {died}, цивільні "
	                     "{civilians}, на відкритих етапах {booked}, не відповідають умовам {not_eligible}",
	                     "отметки сопоставленных: уже возвращены {returned}, погибли {died}, гражданские "
	                     "{civilians}, на открытых этапах {booked}, не соответствуют условиям {not_eligible}"}},
	{NULL, {NULL, NULL, NULL}},
};
