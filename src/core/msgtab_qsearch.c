/* The message catalogue's part for search at interactive speed (issue 14):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_qsearch[] = {
	{"cli.short_prefix",
	 {"(a word this short starts more than {n} names: these persons are of the first {n} only; type more "
	  "letters to list every match by name)",
	  "(таке коротке слово починає понад {n} імен: ці особи лише з перших {n}; введіть більше літер, щоб "
	  "побачити всі збіги за іменем)",
	  "(такое короткое слово начинает более {n} имён: эти лица только из первых {n}; введите больше букв, "
	  "чтобы увидеть все совпадения по имени)"}},
	{NULL, {NULL, NULL, NULL}},
};
