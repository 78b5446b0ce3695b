/* The message catalogue's part for the families' workflows made possible
 * in the browser (the office's name for letterheads set on the letter
 * templates page; src/family/letter.c). */
#include "core/msg.h"

const msg_entry msg_table_webparity[] = {
	{"letters.office_utf8",
	 {"office: the office's name is not valid UTF-8 (at byte {at})",
	  "office: назва установи не є коректним UTF-8 (байт {at})",
	  "office: название учреждения не является корректным UTF-8 (байт {at})"}},
	{"letters.office_control",
	 {"office: character {at} of the office's name is a line break or another control character; the letterhead is one line",
	  "office: символ {at} назви установи є розривом рядка чи іншим керівним символом; шапка листа займає один рядок",
	  "office: символ {at} названия учреждения является переводом строки или другим управляющим символом; шапка письма занимает одну строку"}},
	{"letters.office_long",
	 {"office: the office's name is {got} characters long; at most {max}",
	  "office: назва установи має {got} символів; щонайбільше {max}",
	  "office: название учреждения содержит {got} символов; не больше {max}"}},
	{NULL, {NULL, NULL, NULL}},
};
