/* The message catalogue's part for the registry, reconciliation and names (src/registry, src/match, src/names):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). The English text is what the CLI has always printed. */
#include "core/msg.h"

const msg_entry msg_table_registry[] = {
	/* events (registry/event.c) */
	{"event.exists", {"an event with id {event} already exists",
	                  "подія з ідентифікатором {event} вже існує",
	                  "событие с идентификатором {event} уже существует"}},
	{"event.exists_other", {"event {event} already exists with other content",
	                        "подія {event} вже існує з іншим змістом",
	                        "событие {event} уже существует с другим содержанием"}},
	{"event.exists_elsewhere", {"event {event} already exists for another person",
	                            "подія {event} вже існує для іншої особи",
	                            "событие {event} уже существует для другого лица"}},
	{"event.no_such", {"no event with id {event}", "немає події з ідентифікатором {event}",
	                   "нет события с идентификатором {event}"}},
	{"event.refused_later", {"person {person}: {type:events} ({date}) dated before {later:events} "
	                         "({later_date}) would leave the later {later:events} in status "
	                         "'{status:statuses}', where it is not possible",
	                         "особа {person}: подія «{type:events}» ({date}), датована раніше за "
	                         "«{later:events}» ({later_date}), залишила б пізнішу подію "
	                         "«{later:events}» у статусі «{status:statuses}», де вона неможлива",
	                         "лицо {person}: событие «{type:events}» ({date}), датированное раньше "
	                         "«{later:events}» ({later_date}), оставило бы более позднее событие "
	                         "«{later:events}» в статусе «{status:statuses}», где оно невозможно"}},
	{"event.needed_by_later", {"person {person}: without {type:events} ({date}), the later "
	                           "{later:events} ({later_date}) would stand in status "
	                           "'{status:statuses}', where it is not possible: that event depends on it",
	                           "особа {person}: без події «{type:events}» ({date}) пізніша подія "
	                           "«{later:events}» ({later_date}) опинилася б у статусі "
	                           "«{status:statuses}», де вона неможлива: та подія залежить від цієї",
	                           "лицо {person}: без события «{type:events}» ({date}) более позднее "
	                           "событие «{later:events}» ({later_date}) оказалось бы в статусе "
	                           "«{status:statuses}», где оно невозможно: то событие зависит от этого"}},
	{"registry.bad_id", {"id: expected {prefix} and 16 characters of 0-9 and A-Z",
	                     "id: очікується {prefix} і 16 символів з 0-9 та A-Z",
	                     "id: ожидается {prefix} и 16 символов из 0-9 и A-Z"}},

	/* persons and their external ids (registry/person.c) */
	{"person.bad_ref", {"no person with id {person} (an id is P and 16 characters; 5 or more of them "
	                    "are enough when unique)",
	                    "немає особи з ідентифікатором {person} (ідентифікатор — це P і 16 символів; "
	                    "досить 5 чи більше перших, якщо вони однозначні)",
	                    "нет лица с идентификатором {person} (идентификатор — это P и 16 символов; "
	                    "достаточно 5 или более первых, если они однозначны)"}},
	{"person.ext_taken", {"ext.{source} '{id}' already identifies another person",
	                      "ext.{source} «{id}» вже належить іншій особі",
	                      "ext.{source} «{id}» уже принадлежит другому лицу"}},
	{"person.has_ext", {"person {person} already has an ext.{source} identifier",
	                    "особа {person} вже має ідентифікатор ext.{source}",
	                    "у лица {person} уже есть идентификатор ext.{source}"}},
	{"person.ext_invalid", {"ext.{source}: {@why}", "ext.{source}: {@why}", "ext.{source}: {@why}"}},
	{"person.ext_differs", {"ext.{source}: the registry has '{stored}' for person {person}, not '{id}'",
	                        "ext.{source}: у реєстрі для особи {person} записано «{stored}», а не «{id}»",
	                        "ext.{source}: в реестре для лица {person} записано «{stored}», а не «{id}»"}},
	{"person.too_many_ext", {"more than {max} external ids for one person",
	                         "понад {max} зовнішніх ідентифікаторів для однієї особи",
	                         "более {max} внешних идентификаторов для одного лица"}},
	{"registry.cannot_write_export", {"cannot write the export: {why}",
	                                  "не вдається записати експорт: {why}",
	                                  "не удаётся записать экспорт: {why}"}},

	/* search (registry/search.c) */
	{"search.bad_value", {"--{option}: '{value}': {@why} (or unknown)",
	                      "--{option}: «{value}»: {@why} (або unknown)",
	                      "--{option}: «{value}»: {@why} (или unknown)"}},
	{"search.bad_enum", {"--{option}: '{value}': {@why}; expected one of: {allowed} (or unknown)",
	                     "--{option}: «{value}»: {@why}; можливі: {allowed} (або unknown)",
	                     "--{option}: «{value}»: {@why}; возможны: {allowed} (или unknown)"}},
	{"search.empty", {"empty", "порожньо", "пусто"}},
	{"search.bad_date", {"--{option}: {@why}, got '{value}'", "--{option}: {@why}, отримано «{value}»",
	                     "--{option}: {@why}, получено «{value}»"}},
	{"search.no_letters", {"the name '{name}' has no letters to search for",
	                       "в імені «{name}» немає літер, за якими можна шукати",
	                       "в имени «{name}» нет букв, по которым можно искать"}},
	{"names.keys_failed", {"cannot compute the name keys", "не вдається обчислити ключі імені",
	                       "не удаётся вычислить ключи имени"}},

	/* the import of persons and events: files (registry/import.c) */
	{"registry.cannot_open", {"cannot open {path}: {why}", "не вдається відкрити {path}: {why}",
	                          "не удаётся открыть {path}: {why}"}},
	{"registry.cannot_open_name", {"cannot open {path}", "не вдається відкрити {path}",
	                               "не удаётся открыть {path}"}},
	{"registry.cannot_buffer", {"cannot buffer {path}: {why}",
	                            "не вдається тимчасово зберегти {path}: {why}",
	                            "не удаётся временно сохранить {path}: {why}"}},
	{"registry.cannot_read", {"cannot read {path}: {why}", "не вдається прочитати {path}: {why}",
	                          "не удаётся прочитать {path}: {why}"}},
	{"registry.imported_before", {"this file was imported before ({when}) and {n} of its rows have no id "
	                              "or ext.* column: importing it again would create those persons twice",
	                              "цей файл уже імпортовано ({when}), і {n} з його рядків не мають "
	                              "стовпця id чи ext.*: повторний імпорт створив би цих осіб удруге",
	                              "этот файл уже импортирован ({when}), и у {n} из его строк нет "
	                              "столбца id или ext.*: повторный импорт создал бы этих лиц дважды"}},
	{"registry.status_differs", {"column 'status': the file says '{status:statuses}', but the person's "
	                             "events make it '{got:statuses}'",
	                             "стовпець «status»: у файлі «{status:statuses}», а за подіями особи "
	                             "виходить «{got:statuses}»",
	                             "столбец «status»: в файле «{status:statuses}», а по событиям лица "
	                             "получается «{got:statuses}»"}},
	{"registry.no_status_row", {"person {person} has no status row (person_state): the database was "
	                            "changed outside parley; restore it from a backup (parley restore)",
	                            "особа {person} не має рядка статусу (person_state): базу даних змінено "
	                            "поза parley; відновіть її з резервної копії (parley restore)",
	                            "у лица {person} нет строки статуса (person_state): базу данных изменили "
	                            "вне parley; восстановите её из резервной копии (parley restore)"}},
	{"registry.status_column", {"the status column disagrees with the events for {n} {n#person|persons}: "
	                            "a status comes from the events, so import the events file in the same "
	                            "command (parley import persons.csv events.csv), or leave the status "
	                            "column out",
	                            "стовпець status розходиться з подіями для {n} {n#особи|осіб|осіб}: "
	                            "статус випливає з подій, тож імпортуйте файл подій тією самою "
	                            "командою (parley import persons.csv events.csv) або приберіть "
	                            "стовпець status",
	                            "столбец status расходится с событиями для {n} {n#лица|лиц|лиц}: "
	                            "статус следует из событий, поэтому импортируйте файл событий той же "
	                            "командой (parley import persons.csv events.csv) или уберите "
	                            "столбец status"}},

	/* the import: columns and rows (registry/import_rows.c) */
	{"registry.header_column", {"column {n}: {@what}", "стовпець {n}: {@what}", "столбец {n}: {@what}"}},
	{"registry.json_column", {"{path}: {@what}", "{path}: {@what}", "{path}: {@what}"}},
	{"registry.bad_ext_column", {"'{column}': {@why}", "«{column}»: {@why}", "«{column}»: {@why}"}},
	{"registry.unknown_column_near", {"unknown column '{column}' (did you mean '{near}'?)",
	                                  "невідомий стовпець «{column}» (можливо, «{near}»?)",
	                                  "неизвестный столбец «{column}» (может быть, «{near}»?)"}},
	{"registry.unknown_person_column", {"unknown column '{column}' (see docs/formats.md for the person "
	                                    "columns)",
	                                    "невідомий стовпець «{column}» (стовпці файлу осіб описано в "
	                                    "docs/formats.md)",
	                                    "неизвестный столбец «{column}» (столбцы файла лиц описаны в "
	                                    "docs/formats.md)"}},
	{"registry.unknown_event_column", {"unknown column '{column}' (see docs/formats.md for the event "
	                                   "columns)",
	                                   "невідомий стовпець «{column}» (стовпці файлу подій описано в "
	                                   "docs/formats.md)",
	                                   "неизвестный столбец «{column}» (столбцы файла событий описаны в "
	                                   "docs/formats.md)"}},
	{"registry.nested_person", {"'person': events inside a person belong to it",
	                            "«person»: події всередині особи належать їй",
	                            "«person»: события внутри лица относятся к нему"}},
	{"registry.too_many_ext_columns", {"more than {max} ext.* columns", "понад {max} стовпців ext.*",
	                                   "более {max} столбцов ext.*"}},
	{"registry.ext_not_id", {"ext.{source} '{id}' belongs to another person than id",
	                         "ext.{source} «{id}» належить іншій особі, ніж id",
	                         "ext.{source} «{id}» принадлежит другому лицу, чем id"}},
	{"registry.ext_not_ext", {"ext.{source} '{id}' belongs to another person than an ext column",
	                          "ext.{source} «{id}» належить іншій особі, ніж інший стовпець ext",
	                          "ext.{source} «{id}» принадлежит другому лицу, чем другой столбец ext"}},

	/* the import: a JSON document (registry/import_read.c) */
	{"registry.json_expected", {"column {n}: invalid JSON: expected {@what}",
	                            "стовпець {n}: некоректний JSON: очікується {@what}",
	                            "столбец {n}: некорректный JSON: ожидается {@what}"}},
	{"registry.json_want_document", {"'{' (a document: {\"persons\": [...]})",
	                                 "«{» (документ: {\"persons\": [...]})",
	                                 "«{» (документ: {\"persons\": [...]})"}},
	{"registry.json_want_comma_brace", {"',' or '}'", "«,» або «}»", "«,» или «}»"}},
	{"registry.json_want_comma_bracket", {"',' or ']'", "«,» або «]»", "«,» или «]»"}},
	{"registry.json_want_colon", {"':'", "«:»", "«:»"}},
	{"registry.json_want_persons", {"'[' (persons is an array)", "«[» (persons — це масив)",
	                                "«[» (persons — это массив)"}},
	{"registry.json_events_array", {"{path}.events: expected an array of events",
	                                "{path}.events: очікується масив подій",
	                                "{path}.events: ожидается массив событий"}},
	{"registry.json_expected_key", {"invalid JSON: expected a key", "некоректний JSON: очікується ключ",
	                                "некорректный JSON: ожидается ключ"}},
	{"registry.json_format", {"format: expected \"parley-registry\"",
	                          "format: очікується \"parley-registry\"",
	                          "format: ожидается \"parley-registry\""}},
	{"registry.json_version", {"version: this parley reads version 1 of the format",
	                           "version: ця версія parley читає формат версії 1",
	                           "version: эта версия parley читает формат версии 1"}},
	{"registry.json_trailing", {"text after the end of the document", "текст після кінця документа",
	                            "текст после конца документа"}},
	{"registry.json_no_persons", {"no \"persons\" array in the document",
	                              "у документі немає масиву \"persons\"",
	                              "в документе нет массива \"persons\""}},

	/* names (src/names) */
	{"names.no_dictionary", {"cannot read the built-in name dictionary",
	                         "не вдається прочитати вбудований словник імен",
	                         "не удаётся прочитать встроенный словарь имён"}},
	{"names.too_many_words", {"a name query has at most {max} words",
	                          "запит за ім’ям має щонайбільше {max} слів",
	                          "запрос по имени содержит не более {max} слов"}},
	{"names.query_utf8", {"the query is not valid UTF-8", "запит — некоректний UTF-8",
	                      "запрос — некорректный UTF-8"}},

	/* reconciliation and deduplication (src/match) */
	{"match.no_name", {"{list}:{line}: no name", "{list}:{line}: немає імені", "{list}:{line}: нет имени"}},
	{"match.record_too_long", {"{list}:{line}: the values to compare are too long (at most 65,535 bytes together)",
	                           "{list}:{line}: значення для порівняння задовгі (щонайбільше 65 535 байтів разом)",
	                           "{list}:{line}: значения для сравнения слишком длинные (не более 65 535 байт вместе)"}},
	{"match.not_a_field", {"{list}:1: column '{column}' is not a person field (docs/formats.md)",
	                       "{list}:1: стовпець «{column}» не є полем особи (docs/formats.md)",
	                       "{list}:1: столбец «{column}» не является полем лица (docs/formats.md)"}},
	{"match.no_id_column", {"{list}:1: no column '{column}' for the identifiers",
	                        "{list}:1: немає стовпця «{column}» з ідентифікаторами",
	                        "{list}:1: нет столбца «{column}» с идентификаторами"}},
	{"match.no_name_column", {"{list}:1: no name column (name, surname, given_names or their _latin forms, "
	                          "or a header such as ПІБ, Прізвище, Фамилия, Ім'я)",
	                          "{list}:1: немає стовпця з іменем (name, surname, given_names або їхніх "
	                          "форм _latin, або заголовка на кшталт ПІБ, Прізвище, Фамилия, Ім'я)",
	                          "{list}:1: нет столбца с именем (name, surname, given_names или их форм "
	                          "_latin, либо заголовка вроде ФИО, Фамилия, Прізвище, Имя)"}},
	{"match.fields_count", {"{list}:{line}: {fields} fields, the header has {columns}",
	                        "{list}:{line}: полів: {fields}, а в заголовку: {columns}",
	                        "{list}:{line}: полей: {fields}, а в заголовке: {columns}"}},
	{"match.utf8", {"{list}:{line}: column {n} is not valid UTF-8 (byte {byte})",
	                "{list}:{line}: стовпець {n} — некоректний UTF-8 (байт {byte})",
	                "{list}:{line}: столбец {n} — некорректный UTF-8 (байт {byte})"}},
	{"match.empty", {"{list}: empty: expected a header line", "{list}: порожній: очікується рядок заголовка",
	                 "{list}: пуст: ожидается строка заголовка"}},
	{"match.too_many_records", {"linkage: at most 16,777,215 records a side",
	                            "зіставлення: щонайбільше 16 777 215 записів з кожного боку",
	                            "сопоставление: не более 16 777 215 записей с каждой стороны"}},
	{"match.no_memory", {"linkage: out of memory", "зіставлення: не вистачає пам’яті",
	                     "сопоставление: не хватает памяти"}},
	{"match.no_memory_patterns", {"linkage: out of memory counting patterns",
	                              "зіставлення: не вистачає пам’яті для підрахунку шаблонів",
	                              "сопоставление: не хватает памяти для подсчёта шаблонов"}},
	{"match.no_memory_index", {"linkage: out of memory indexing",
	                           "зіставлення: не вистачає пам’яті для індексу",
	                           "сопоставление: не хватает памяти для индекса"}},
	{"match.cannot_write_report", {"cannot write the report", "не вдається записати звіт",
	                               "не удаётся записать отчёт"}},
	{"reconcile.no_row", {"{list}: no row on line {line}", "{list}: у рядку {line} немає запису",
	                      "{list}: в строке {line} нет записи"}},
	{"reconcile.no_person", {"no person {person} in the registry", "у реєстрі немає особи {person}",
	                         "в реестре нет лица {person}"}},
	{"reconcile.bad_row", {"row: expected the 32 hex digits of a report's row",
	                       "row: очікуються 32 шістнадцяткові цифри рядка звіту",
	                       "row: ожидаются 32 шестнадцатеричные цифры строки отчёта"}},
	{NULL, {NULL}},
};
