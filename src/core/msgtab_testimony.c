/* The message catalogue's part for returnees' testimonies and the
 * proof-of-captivity report (issue 15, item 5): each code's text in
 * English, Ukrainian and Russian, with the same {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_testimony[] = {
	/* src/family/testimony.c: a testimony's parts */
	{"testimony.no_returnee", {"returnee: who testifies? give the returnee's person id in the registry",
	                           "returnee: хто свідчить? вкажіть ідентифікатор особи, що повернулася, у реєстрі",
	                           "returnee: кто даёт показания? укажите идентификатор вернувшегося лица в реестре"}},
	{"testimony.taken_on", {"taken_on: '{date}' is not the full date of the debriefing (YYYY-MM-DD, not in the future)",
	                        "taken_on: «{date}» не є повною датою опитування (РРРР-ММ-ДД, не в майбутньому)",
	                        "taken_on: «{date}» не является полной датой опроса (ГГГГ-ММ-ДД, не в будущем)"}},
	{"testimony.no_sightings", {"sightings: a testimony names at least one person seen in captivity",
	                            "sightings: свідчення називає принаймні одну особу, яку бачили в полоні",
	                            "sightings: показания называют хотя бы одно лицо, которое видели в плену"}},
	{"testimony.too_many", {"sightings: at most {max} in one testimony",
	                        "sightings: щонайбільше {max} в одному свідченні",
	                        "sightings: не более {max} в одних показаниях"}},
	{"testimony.sighting_nameless", {"sightings[{n}]: who was seen? give a surname, a given name or a nickname",
	                                 "sightings[{n}]: кого бачили? вкажіть прізвище, ім'я або позивний",
	                                 "sightings[{n}]: кого видели? укажите фамилию, имя или позывной"}},
	{"testimony.seen_after", {"sightings[{n}].date: seen on {date}, after the testimony was taken ({taken_on})",
	                          "sightings[{n}].date: бачили {date}, після того як свідчення взято ({taken_on})",
	                          "sightings[{n}].date: видели {date}, после того как показания взяты ({taken_on})"}},
	/* why a sighting has no candidates */
	{"testimony.why_nickname", {"only a nickname or call sign: the matching engine compares names, so nobody is proposed; "
	                            "find the person by hand and accept them",
	                            "лише прізвисько або позивний: механізм зіставлення порівнює імена, тож нікого не "
	                            "запропоновано; знайдіть особу вручну й прийміть її",
	                            "только прозвище или позывной: механизм сопоставления сравнивает имена, поэтому никто "
	                            "не предложен; найдите лицо вручную и примите его"}},
	{"testimony.why_given_only", {"only a given name, without a surname or a unit: too many share it to propose anyone",
	                              "лише ім'я, без прізвища чи підрозділу: його мають надто багато людей, щоб когось "
	                              "запропонувати",
	                              "только имя, без фамилии или подразделения: оно у слишком многих, чтобы кого-то "
	                              "предложить"}},
	{"testimony.why_given_unit", {"nobody in the registry has this given name in this unit, in any script",
	                              "у реєстрі немає нікого з таким ім'ям у цьому підрозділі в жодному письмі",
	                              "в реестре нет никого с таким именем в этом подразделении ни в одной письменности"}},
	{"testimony.why_nobody", {"nobody in the registry has this name, or its surname, in any script",
	                          "у реєстрі немає нікого з таким ім'ям чи прізвищем у жодному письмі",
	                          "в реестре нет никого с таким именем или фамилией ни в одной письменности"}},
	{"testimony.why_empty_registry", {"the registry has no one to compare with",
	                                  "у реєстрі немає з ким порівнювати",
	                                  "в реестре не с кем сравнивать"}},
	/* src/family/sighting.c: reading and deciding */
	{"testimony.no_such", {"no testimony '{testimony}'", "немає свідчення «{testimony}»", "нет показаний «{testimony}»"}},
	{"testimony.no_such_sighting", {"no sighting '{sighting}'", "немає повідомлення про особу «{sighting}»",
	                                "нет сообщения о лице «{sighting}»"}},
	{"testimony.ambiguous", {"'{id}' names more than one; give more of the id",
	                         "«{id}» відповідає кільком; вкажіть більшу частину ідентифікатора",
	                         "«{id}» соответствует нескольким; укажите большую часть идентификатора"}},
	{"testimony.status", {"unknown sighting status '{status}'; expected review, accepted, rejected or not_in_registry",
	                      "невідомий стан «{status}»; очікувалося review, accepted, rejected або not_in_registry",
	                      "неизвестное состояние «{status}»; ожидалось review, accepted, rejected или not_in_registry"}},
	{"testimony.accept_whom", {"person: accept the sighting as which registry person? give their id",
	                           "person: як яку особу реєстру прийняти? вкажіть її ідентифікатор",
	                           "person: как какое лицо реестра принять? укажите его идентификатор"}},
	{"testimony.confidence", {"confidence: '{confidence}'; expected high, medium or low",
	                          "confidence: «{confidence}»; очікувалося high, medium або low",
	                          "confidence: «{confidence}»; ожидалось high, medium или low"}},
	{"testimony.reject_why", {"note: say why the sighting is rejected",
	                          "note: вкажіть, чому повідомлення відхилено",
	                          "note: укажите, почему сообщение отклонено"}},
	{"testimony.decided", {"sighting {sighting} is decided already ({status}); nothing changed",
	                       "щодо повідомлення {sighting} вже ухвалено рішення ({status}); нічого не змінено",
	                       "по сообщению {sighting} уже принято решение ({status}); ничего не изменено"}},
	{"testimony.self", {"person: {person} is the returnee who testifies, not someone they saw",
	                    "person: {person} — це той, хто свідчить, а не той, кого він бачив",
	                    "person: {person} — это тот, кто даёт показания, а не тот, кого он видел"}},
	{"testimony.event_note", {"seen {condition} in captivity according to testimony {testimony} of {returnee} taken "
	                          "{taken}; confidence {confidence}, match probability {prob}",
	                          "бачили в полоні ({condition}) за свідченням {testimony} особи {returnee}, взятим "
	                          "{taken}; довіра {confidence}, імовірність збігу {prob}",
	                          "видели в плену ({condition}) по показаниям {testimony} лица {returnee}, взятым "
	                          "{taken}; доверие {confidence}, вероятность совпадения {prob}"}},
	/* src/family/watch.c: a task's evidence */
	{"watch.ev_sighting_alive", {"seen alive in captivity in {place} on {date} according to the testimony of "
	                             "{returnee} taken {taken}",
	                             "бачили живим у полоні в {place} {date} за свідченням {returnee}, взятим {taken}",
	                             "видели живым в плену в {place} {date} по показаниям {returnee}, взятым {taken}"}},
	{"watch.ev_sighting_wounded", {"seen wounded in captivity in {place} on {date} according to the testimony of "
	                               "{returnee} taken {taken}",
	                               "бачили пораненим у полоні в {place} {date} за свідченням {returnee}, взятим {taken}",
	                               "видели раненым в плену в {place} {date} по показаниям {returnee}, взятым {taken}"}},
	{"watch.ev_sighting_ill", {"seen ill in captivity in {place} on {date} according to the testimony of {returnee} "
	                           "taken {taken}",
	                           "бачили хворим у полоні в {place} {date} за свідченням {returnee}, взятим {taken}",
	                           "видели больным в плену в {place} {date} по показаниям {returnee}, взятым {taken}"}},
	{"watch.ev_sighting_dead", {"seen dead in captivity in {place} on {date} according to the testimony of {returnee} "
	                            "taken {taken}",
	                            "бачили мертвим у полоні в {place} {date} за свідченням {returnee}, взятим {taken}",
	                            "видели мёртвым в плену в {place} {date} по показаниям {returnee}, взятым {taken}"}},
	{"watch.ev_sighting_unknown", {"seen in captivity in {place} on {date} according to the testimony of {returnee} "
	                               "taken {taken}",
	                               "бачили в полоні в {place} {date} за свідченням {returnee}, взятим {taken}",
	                               "видели в плену в {place} {date} по показаниям {returnee}, взятым {taken}"}},
	/* src/cli/cmd_testimony.c */
	{"cli.testimony_seen", {"--seen '{value}': expected FIELD=VALUE;FIELD=VALUE",
	                        "--seen «{value}»: очікувалося ПОЛЕ=ЗНАЧЕННЯ;ПОЛЕ=ЗНАЧЕННЯ",
	                        "--seen «{value}»: ожидалось ПОЛЕ=ЗНАЧЕНИЕ;ПОЛЕ=ЗНАЧЕНИЕ"}},
	{"cli.testimony_seen_field", {"--seen: unknown field '{field}'; expected surname, given_names, patronymic, "
	                              "nickname, rank, unit, place, date, condition or note",
	                              "--seen: невідоме поле «{field}»; очікувалося surname, given_names, patronymic, "
	                              "nickname, rank, unit, place, date, condition або note",
	                              "--seen: неизвестное поле «{field}»; ожидалось surname, given_names, patronymic, "
	                              "nickname, rank, unit, place, date, condition или note"}},
	{"cli.testimony_added", {"testimony {testimony} recorded: {n} {n#sighting|sightings}, {with} with candidates, "
	                         "waiting in the review queue",
	                         "свідчення {testimony} записано: повідомлень {n}, з кандидатами {with}; чекають на "
	                         "розгляд",
	                         "показания {testimony} записаны: сообщений {n}, с кандидатами {with}; ждут рассмотрения"}},
	{"cli.testimony_skipped", {"testimony {testimony} has this reference already: nothing recorded",
	                           "свідчення {testimony} вже має це посилання: нічого не записано",
	                           "показания {testimony} уже имеют эту ссылку: ничего не записано"}},
	{"cli.testimony_no_candidates", {"sighting {sighting}: no candidates: {why}",
	                                 "повідомлення {sighting}: кандидатів немає: {why}",
	                                 "сообщение {sighting}: кандидатов нет: {why}"}},
	{"cli.no_testimonies", {"no testimonies match{@at}", "жодне свідчення не відповідає{@at}",
	                        "ни одни показания не подходят{@at}"}},
	{"cli.no_sightings", {"no sightings match{@at}", "жодне повідомлення не відповідає{@at}",
	                      "ни одно сообщение не подходит{@at}"}},
	{"cli.testimony_head", {"{testimony}: testimony of {name} ({returnee}), taken {taken_on} by {taken_by} at {taken_at}",
	                        "{testimony}: свідчення {name} ({returnee}), взяте {taken_on}, хто взяв: {taken_by}, де: "
	                        "{taken_at}",
	                        "{testimony}: показания {name} ({returnee}), взяты {taken_on}, кем: {taken_by}, где: "
	                        "{taken_at}"}},
	{"cli.testimony_accepted_as", {"  accepted as {person} {name}, confidence {confidence} (event {event})",
	                               "  прийнято як {person} {name}, довіра {confidence} (подія {event})",
	                               "  принято как {person} {name}, доверие {confidence} (событие {event})"}},
	{"cli.testimony_none", {"  no candidates: {why}", "  кандидатів немає: {why}", "  кандидатов нет: {why}"}},
	{"cli.testimony_accepted", {"accepted: event {event} recorded (the status is unchanged); {tasks} "
	                            "{tasks#task|tasks} for the family liaison",
	                            "прийнято: подію {event} записано (статус не змінено); завдань для зв'язку з "
	                            "родинами: {tasks}",
	                            "принято: событие {event} записано (статус не изменён); задач для связи с "
	                            "семьями: {tasks}"}},
	{"cli.testimony_already", {"accepted already as this person (event {event}): nothing changed",
	                           "вже прийнято як цю особу (подія {event}): нічого не змінено",
	                           "уже принято как это лицо (событие {event}): ничего не изменено"}},
	{"cli.testimony_rejected", {"sighting {sighting} rejected: no event", "повідомлення {sighting} відхилено: подій немає",
	                            "сообщение {sighting} отклонено: событий нет"}},
	{"cli.testimony_not_in_registry", {"sighting {sighting}: not in the registry; no event",
	                                   "повідомлення {sighting}: особи немає в реєстрі; подій немає",
	                                   "сообщение {sighting}: лица нет в реестре; событий нет"}},
	{"cli.proof_testimony", {"  seen {condition} on {date} at {place}: testimony {testimony} of {returnee} taken {taken} "
	                         "(said: {said}; confidence {confidence})",
	                         "  бачили ({condition}) {date} у {place}: свідчення {testimony} особи {returnee}, взяте "
	                         "{taken} (сказано: {said}; довіра {confidence})",
	                         "  видели ({condition}) {date} в {place}: показания {testimony} лица {returnee}, взятые "
	                         "{taken} (сказано: {said}; доверие {confidence})"}},
	{"cli.proof_event", {"  {type} on {date} at {place} (source {source})", "  {type} {date} у {place} (джерело {source})",
	                     "  {type} {date} в {place} (источник {source})"}},
	{"cli.proof_count", {"{n} {n#person|persons} not acknowledged by the other side, with evidence of captivity",
	                     "осіб, яких інша сторона не визнала, але є докази полону: {n}",
	                     "лиц, которых другая сторона не признала, но есть доказательства плена: {n}"}},
	{"cli.proof_output_format", {"-o writes JSON or CSV: give --format json or --format csv",
	                             "-o записує JSON або CSV: вкажіть --format json або --format csv",
	                             "-o записывает JSON или CSV: укажите --format json или --format csv"}},
	/* src/family/testimony_import.c */
	{"testimony.column_unknown", {"column {n}: unknown column {column}; expected ref, returnee, taken_on, taken_by, "
	                              "taken_at, testimony_note, surname, given_names, patronymic, nickname, rank, unit, "
	                              "place, date, condition or note",
	                              "стовпець {n}: невідомий стовпець {column}; очікувалося ref, returnee, taken_on, "
	                              "taken_by, taken_at, testimony_note, surname, given_names, patronymic, nickname, rank, "
	                              "unit, place, date, condition або note",
	                              "столбец {n}: неизвестный столбец {column}; ожидалось ref, returnee, taken_on, "
	                              "taken_by, taken_at, testimony_note, surname, given_names, patronymic, nickname, rank, "
	                              "unit, place, date, condition или note"}},
	{"testimony.column_missing", {"no column {column}: a testimony file needs ref, returnee and taken_on",
	                              "немає стовпця {column}: файл свідчень потребує ref, returnee і taken_on",
	                              "нет столбца {column}: файлу показаний нужны ref, returnee и taken_on"}},
	{"testimony.import_no_ref", {"column 'ref': empty; every row names its testimony by its ref",
	                             "стовпець «ref»: порожньо; кожен рядок називає своє свідчення його ref",
	                             "столбец «ref»: пусто; каждая строка называет свои показания их ref"}},
	{"testimony.import_differs", {"column '{column}': differs from line {first}, the first row of testimony {ref}",
	                              "стовпець «{column}»: відрізняється від рядка {first}, першого рядка свідчення {ref}",
	                              "столбец «{column}»: отличается от строки {first}, первой строки показаний {ref}"}},
	{"testimony.import_empty", {"no rows: nothing to import", "немає рядків: нічого імпортувати",
	                            "нет строк: нечего импортировать"}},
	{"cli.testimonies_imported", {"{created} {created#testimony|testimonies} imported ({sightings} "
	                              "{sightings#sighting|sightings}, {with} with candidates, waiting for review); "
	                              "{skipped} skipped, recorded already",
	                              "імпортовано свідчень: {created} (повідомлень {sightings}, з кандидатами {with}; "
	                              "чекають на розгляд); пропущено вже записаних: {skipped}",
	                              "импортировано показаний: {created} (сообщений {sightings}, с кандидатами {with}; "
	                              "ждут рассмотрения); пропущено уже записанных: {skipped}"}},
	/* src/http/api_testimony.c */
	{"http.send_testimonies", {"send the testimonies as one CSV file (multipart/form-data)",
	                           "надішліть свідчення одним файлом CSV (multipart/form-data)",
	                           "отправьте показания одним файлом CSV (multipart/form-data)"}},
	{"http.proof_format", {"format: '{format}'; expected json or csv", "format: «{format}»; очікувалося json або csv",
	                       "format: «{format}»; ожидалось json или csv"}},
	{NULL, {NULL, NULL, NULL}},
};
