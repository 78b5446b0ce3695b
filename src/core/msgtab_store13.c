/* The message catalogue's part for writers waiting in turn, the access log
 * of persons shown and retention (src/store, src/http, src/registry,
 * src/cli): each code's text in English, Ukrainian and Russian, with the
 * same {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_store13[] = {
	/* writers in turn (store.c) */
	{"http.kdf_busy",
	 {"other passphrases are being checked (each takes 256 MiB for a moment); nothing was done, try again in {retry} s",
	  "зараз перевіряються інші парольні фрази (кожна на мить займає 256 МіБ); нічого не зроблено, спробуйте ще раз через {retry} с",
	  "сейчас проверяются другие парольные фразы (каждая на миг занимает 256 МиБ); ничего не сделано, попробуйте ещё раз через {retry} с"}},
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
	/* retention (registry/retention.c) */
	{"retention.kind", {"no kind of data called '{kind}' (the kinds: {kinds})",
	                    "немає виду даних '{kind}' (види: {kinds})",
	                    "нет вида данных '{kind}' (виды: {kinds})"}},
	{"retention.action", {"'{action}' is not what a rule for {kind} can do (it can: {can})",
	                      "'{action}' — не те, що може правило для {kind} (воно може: {can})",
	                      "'{action}' — не то, что может правило для {kind} (оно может: {can})"}},
	{"retention.years", {"years must be 1 to 100, got {years}", "роки мають бути від 1 до 100, а не {years}",
	                     "годы должны быть от 1 до 100, а не {years}"}},
	{"retention.no_rule", {"there is no retention rule for {kind}", "правила зберігання для {kind} немає",
	                       "правила хранения для {kind} нет"}},
	{"person.pseudonymised", {"person {person} was pseudonymised on {date} by a retention rule: {field} is not given back to the record",
	                          "особу {person} псевдонімізовано {date} правилом зберігання: {field} до запису не повертається",
	                          "лицо {person} псевдонимизировано {date} правилом хранения: {field} в запись не возвращается"}},
	/* retention in the CLI (cli/cmd_retention.c) */
	{"cli.retention_set", {"retention: {kind} erased {years} years after a case closes (nothing changes until `parley retention run`)",
	                       "зберігання: {kind} стирається через {years} р. після закриття справи (нічого не зміниться до `parley retention run`)",
	                       "хранение: {kind} стирается через {years} г. после закрытия дела (ничего не изменится до `parley retention run`)"}},
	{"cli.retention_set_identity", {"retention: {kind} pseudonymised {years} years after a case closes (nothing changes until `parley retention run`)",
	                                "зберігання: {kind} псевдонімізується через {years} р. після закриття справи (нічого не зміниться до `parley retention run`)",
	                                "хранение: {kind} псевдонимизируется через {years} г. после закрытия дела (ничего не изменится до `parley retention run`)"}},
	{"cli.person_pseudonymised", {"pseudonymised by a retention rule on {date}: the names and what else identified the person were removed",
	                              "псевдонімізовано правилом зберігання {date}: імена та інше, що ідентифікувало особу, видалено",
	                              "псевдонимизировано правилом хранения {date}: имена и прочее, что идентифицировало лицо, удалено"}},
	{"cli.retention_dropped", {"retention: the rule for {kind} removed", "зберігання: правило для {kind} видалено",
	                           "хранение: правило для {kind} удалено"}},
	{"cli.retention_would", {"dry run: {n} {n#change|changes} would be made; nothing was changed",
	                         "пробний запуск: буде {n} {n#зміна|зміни|змін}; нічого не змінено",
	                         "пробный запуск: будет {n} {n#изменение|изменения|изменений}; ничего не изменено"}},
	{"cli.retention_done", {"retention: {n} {n#change|changes} made, each in the audit log",
	                        "зберігання: {n} {n#зміна|зміни|змін}, кожна в журналі аудиту",
	                        "хранение: {n} {n#изменение|изменения|изменений}, каждое в журнале аудита"}},
	{NULL, {NULL}},
};
