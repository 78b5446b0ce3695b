/* The message catalogue's part for families (issue 15: inquiries, consent,
 * the family liaison): each code's text in English, Ukrainian and Russian,
 * with the same {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_family[] = {
	/* src/family: values */
	{"family.why_phone", {"expected a phone number: 5 to 20 digits, with spaces, +, -, ( and )",
	                      "очікувався номер телефону: від 5 до 20 цифр, з пробілами, +, -, ( і )",
	                      "ожидался номер телефона: от 5 до 20 цифр, с пробелами, +, -, ( и )"}},
	{"family.why_email", {"expected an e-mail address, name@domain",
	                      "очікувалася адреса електронної пошти, ім'я@домен",
	                      "ожидался адрес электронной почты, имя@домен"}},
	{"family.why_person", {"expected a person's id (P and 16 characters, or at least 5 of them)",
	                       "очікувався ідентифікатор особи (P і 16 символів або щонайменше 5 із них)",
	                       "ожидался идентификатор лица (P и 16 символов или не менее 5 из них)"}},
	{"family.purpose", {"consent: unknown purpose '{purpose}'; expected tracing, dna_reference, share_icrc, "
	                    "share_other_party or court",
	                    "згода: невідома мета «{purpose}»; очікувалося tracing, dna_reference, share_icrc, "
	                    "share_other_party або court",
	                    "согласие: неизвестная цель «{purpose}»; ожидалось tracing, dna_reference, share_icrc, "
	                    "share_other_party или court"}},
	{"family.form", {"consent for {purpose}: unknown form '{form}'; expected written, oral or online",
	                 "згода на {purpose}: невідома форма «{form}»; очікувалося written, oral або online",
	                 "согласие на {purpose}: неизвестная форма «{form}»; ожидалось written, oral или online"}},
	{"family.consent_date", {"consent for {purpose}: '{date}' is not a full date in the past (YYYY-MM-DD)",
	                         "згода на {purpose}: «{date}» не є повною датою в минулому (РРРР-ММ-ДД)",
	                         "согласие на {purpose}: «{date}» не является полной датой в прошлом (ГГГГ-ММ-ДД)"}},
	/* src/family: an inquiry's parts */
	{"family.no_person", {"whom is the inquiry about? give the person's id, or at least their surname",
	                      "про кого запит? вкажіть ідентифікатор особи або принаймні прізвище",
	                      "о ком запрос? укажите идентификатор лица или хотя бы фамилию"}},
	{"family.no_inquirer", {"who asks? give the inquirer's name or an organisation",
	                        "хто запитує? вкажіть ім'я заявника або організацію",
	                        "кто спрашивает? укажите имя заявителя или организацию"}},
	{"family.likely_match", {"the registry likely has this person already: {person} (probability {prob}); "
	                         "give that id as the person to link the inquiry to them, or ask for a new person "
	                         "if it is someone else",
	                         "у реєстрі, ймовірно, вже є ця особа: {person} (імовірність {prob}); вкажіть цей "
	                         "ідентифікатор як особу, щоб пов'язати запит із нею, або попросіть нову особу, "
	                         "якщо це хтось інший",
	                         "в реестре, вероятно, уже есть это лицо: {person} (вероятность {prob}); укажите этот "
	                         "идентификатор как лицо, чтобы связать запрос с ним, или запросите новое лицо, если "
	                         "это кто-то другой"}},
	/* src/family: consent */
	{"family.consent_twice", {"consent for {purpose} is given twice", "згоду на {purpose} вказано двічі",
	                          "согласие на {purpose} указано дважды"}},
	{"family.share_without_tracing",
	 {"contradictory consent: {purpose} on {date} without consent to tracing in force that day (sharing "
	  "serves the tracing)",
	  "суперечлива згода: {purpose} на {date} без чинної того дня згоди на розшук (передавання служить розшуку)",
	  "противоречивое согласие: {purpose} на {date} без действующего в тот день согласия на розыск (передача "
	  "служит розыску)"}},
	{"family.consent_in_force", {"consent for {purpose} is in force already (given {date})",
	                             "згода на {purpose} уже чинна (надана {date})",
	                             "согласие на {purpose} уже действует (дано {date})"}},
	{"family.consent_overlap", {"contradictory consent: {purpose} given {date}, before its earlier withdrawal "
	                            "of {withdrawn}",
	                            "суперечлива згода: {purpose} надано {date}, раніше за попереднє відкликання "
	                            "{withdrawn}",
	                            "противоречивое согласие: {purpose} дано {date}, раньше предыдущего отзыва "
	                            "{withdrawn}"}},
	{"family.consent_not_given", {"no consent for {purpose} is in force: nothing to withdraw",
	                              "немає чинної згоди на {purpose}: нічого відкликати",
	                              "нет действующего согласия на {purpose}: нечего отзывать"}},
	{"family.withdraw_before", {"contradictory consent: the withdrawal of {purpose} dated {date} is before "
	                            "its grant of {given}",
	                            "суперечлива згода: відкликання {purpose} датоване {date}, раніше за її "
	                            "надання {given}",
	                            "противоречивое согласие: отзыв {purpose} датирован {date}, раньше его "
	                            "предоставления {given}"}},
	{"family.tracing_shared", {"contradictory consent: tracing cannot be withdrawn while {purpose} stands; "
	                           "withdraw {purpose} first",
	                           "суперечлива згода: згоду на розшук не можна відкликати, поки чинна {purpose}; "
	                           "спершу відкличте {purpose}",
	                           "противоречивое согласие: согласие на розыск нельзя отозвать, пока действует "
	                           "{purpose}; сначала отзовите {purpose}"}},
	/* src/family: status and reading */
	{"family.status", {"unknown inquiry status '{status}'; expected open, answered or closed",
	                   "невідомий статус запиту «{status}»; очікувалося open, answered або closed",
	                   "неизвестный статус запроса «{status}»; ожидалось open, answered или closed"}},
	{"family.status_move", {"inquiry {inquiry} cannot go from {from} to {to}",
	                        "запит {inquiry} не може перейти зі стану {from} у {to}",
	                        "запрос {inquiry} не может перейти из состояния {from} в {to}"}},
	{"family.close_reason", {"closing an inquiry needs a reason", "для закриття запиту потрібна причина",
	                         "для закрытия запроса нужна причина"}},
	{"family.no_inquiry", {"no inquiry {inquiry}", "немає запиту {inquiry}", "нет запроса {inquiry}"}},
	{"family.ambiguous", {"{inquiry} starts more than one inquiry's id: give more of it",
	                      "{inquiry} — початок ідентифікаторів кількох запитів: вкажіть більше символів",
	                      "{inquiry} — начало идентификаторов нескольких запросов: укажите больше символов"}},
	/* src/family: the backlog import */
	{"family.column_unknown", {"column {n}: unknown column '{column}' (see docs/families.md for the columns "
	                           "of an inquiries file)",
	                           "стовпець {n}: невідомий стовпець «{column}» (стовпці файлу запитів описано в "
	                           "docs/families.md)",
	                           "столбец {n}: неизвестный столбец «{column}» (столбцы файла запросов описаны в "
	                           "docs/families.md)"}},
	{"family.import_likely", {"column 'person': the registry likely has this person already: {person} "
	                          "(probability {prob}); put that id in the person column if it is them, or a "
	                          "new row apart if not",
	                          "стовпець «person»: у реєстрі, ймовірно, вже є ця особа: {person} (імовірність "
	                          "{prob}); впишіть цей ідентифікатор у стовпець person, якщо це вона, або "
	                          "імпортуйте рядок окремо, якщо ні",
	                          "столбец «person»: в реестре, вероятно, уже есть это лицо: {person} (вероятность "
	                          "{prob}); впишите этот идентификатор в столбец person, если это оно, или "
	                          "импортируйте строку отдельно, если нет"}},
	{"family.import_likely_row", {"column 'surname': likely the same person as line {line} (probability "
	                              "{prob}), not surely: import one of them first and give the other its "
	                              "person",
	                              "стовпець «surname»: ймовірно, та сама особа, що в рядку {line} "
	                              "(імовірність {prob}), але не напевно: імпортуйте спершу один із них і "
	                              "вкажіть іншому його особу",
	                              "столбец «surname»: вероятно, то же лицо, что в строке {line} (вероятность "
	                              "{prob}), но не наверняка: импортируйте сначала одну из них и укажите "
	                              "другой её лицо"}},
	/* src/http: the families' routes */
	{"http.inquiry_consents", {"consents: expected a list of at most {n} objects with purpose, form, date "
	                           "and note",
	                           "consents: очікувався список щонайбільше з {n} об'єктів із purpose, form, "
	                           "date і note",
	                           "consents: ожидался список не более чем из {n} объектов с purpose, form, date "
	                           "и note"}},
	{"http.send_inquiries", {"send the inquiries as one CSV file (multipart/form-data)",
	                         "надішліть запити одним файлом CSV (multipart/form-data)",
	                         "отправьте запросы одним файлом CSV (multipart/form-data)"}},
	/* src/cli: parley inquiry */
	{"cli.inquiry_consent_form", {"--consent: expected PURPOSE:FORM[:DATE], once per purpose (got '{value}')",
	                              "--consent: очікувалося МЕТА:ФОРМА[:ДАТА], один раз для кожної мети "
	                              "(отримано «{value}»)",
	                              "--consent: ожидалось ЦЕЛЬ:ФОРМА[:ДАТА], один раз для каждой цели "
	                              "(получено «{value}»)"}},
	{"cli.inquiry_added", {"inquiry {inquiry} recorded about {person}", "запит {inquiry} записано щодо {person}",
	                       "запрос {inquiry} записан в отношении {person}"}},
	{"cli.inquiry_linked", {"linked by the matching engine to {person}, already in the registry (probability "
	                        "{prob})",
	                        "пов'язано механізмом зіставлення з {person}, що вже є в реєстрі (імовірність {prob})",
	                        "связано механизмом сопоставления с {person}, уже имеющимся в реестре (вероятность "
	                        "{prob})"}},
	{"cli.inquiry_new_person", {"{person} is new in the registry: reported missing by the family",
	                            "{person} — нова особа в реєстрі: зникла безвісти за повідомленням родини",
	                            "{person} — новое лицо в реестре: пропал без вести по сообщению семьи"}},
	{"cli.inquiry_skipped", {"an inquiry with this ref is recorded already: {inquiry} (nothing changed)",
	                         "запит із цим номером уже записано: {inquiry} (нічого не змінено)",
	                         "запрос с этим номером уже записан: {inquiry} (ничего не изменено)"}},
	{"cli.no_inquiries", {"no inquiries match{@at}", "жоден запит не відповідає{@at}",
	                      "ни один запрос не подходит{@at}"}},
	{"cli.inquiry_reason", {"reason: {reason}", "причина: {reason}", "причина: {reason}"}},
	{"cli.inquiry_consents_head", {"Consent:", "Згода:", "Согласие:"}},
	{"cli.inquiry_other", {"another inquiry about the same person: {inquiry}",
	                       "інший запит щодо тієї ж особи: {inquiry}",
	                       "другой запрос о том же лице: {inquiry}"}},
	{"cli.inquiry_consented", {"consent recorded on {inquiry} ({status})", "згоду записано в {inquiry} ({status})",
	                           "согласие записано в {inquiry} ({status})"}},
	{"cli.inquiry_withdrawn", {"consent withdrawn on {inquiry}, kept with its date ({status})",
	                           "згоду відкликано в {inquiry}, збережено з датою ({status})",
	                           "согласие отозвано в {inquiry}, сохранено с датой ({status})"}},
	{"cli.inquiry_status", {"inquiry {inquiry} is {status}", "запит {inquiry}: {status}",
	                        "запрос {inquiry}: {status}"}},
	{"cli.inquiries_imported", {"imported {rows} rows: {created} inquiries recorded, {skipped} skipped (recorded "
	                            "already); {persons} persons new in the registry, {linked} linked by the "
	                            "matching engine",
	                            "імпортовано рядків: {rows}; записано запитів: {created}, пропущено (уже "
	                            "записані): {skipped}; нових осіб у реєстрі: {persons}, пов'язано механізмом "
	                            "зіставлення: {linked}",
	                            "импортировано строк: {rows}; записано запросов: {created}, пропущено (уже "
	                            "записаны): {skipped}; новых лиц в реестре: {persons}, связано механизмом "
	                            "сопоставления: {linked}"}},
	{NULL, {NULL, NULL, NULL}},
};
