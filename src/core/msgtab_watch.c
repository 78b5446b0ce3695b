/* The message catalogue's part for the watch (issue 15, item 3): the
 * family liaison's tasks and the evidence they give, in English,
 * Ukrainian and Russian, with the same {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_watch[] = {
	/* src/family/watch.c: the evidence of a task */
	{"watch.ev_list_matched", {"on the list {list}, row {row} (the file {held}): matched to this person "
	                           "(probability {prob})",
	                           "у списку {list}, рядок {row} (файл {held}): зіставлено з цією особою "
	                           "(імовірність {prob})",
	                           "в списке {list}, строка {row} (файл {held}): сопоставлен с этим лицом "
	                           "(вероятность {prob})"}},
	{"watch.ev_list_review", {"on the list {list}, row {row} (the file {held}): this person is the candidate "
	                          "in review (probability {prob})",
	                          "у списку {list}, рядок {row} (файл {held}): ця особа — кандидат на "
	                          "перевірці (імовірність {prob})",
	                          "в списке {list}, строка {row} (файл {held}): это лицо — кандидат на "
	                          "проверке (вероятность {prob})"}},
	{"watch.ev_upload_matched", {"on the list {list} (uploaded by {by}), row {row}: matched to this person "
	                             "(probability {prob})",
	                             "у списку {list} (завантажив {by}), рядок {row}: зіставлено з цією особою "
	                             "(імовірність {prob})",
	                             "в списке {list} (загрузил {by}), строка {row}: сопоставлен с этим лицом "
	                             "(вероятность {prob})"}},
	{"watch.ev_upload_review", {"on the list {list} (uploaded by {by}), row {row}: this person is the candidate "
	                            "in review (probability {prob})",
	                            "у списку {list} (завантажив {by}), рядок {row}: ця особа — кандидат на "
	                            "перевірці (імовірність {prob})",
	                            "в списке {list} (загрузил {by}), строка {row}: это лицо — кандидат на "
	                            "проверке (вероятность {prob})"}},
	{"watch.ev_status", {"status changed to {status} on {date} ({event}, source {source})",
	                     "статус змінено на {status} {date} ({event}, джерело {source})",
	                     "статус изменён на {status} {date} ({event}, источник {source})"}},
	{"watch.ev_event", {"event {event} on {date} (source {source})",
	                    "подія {event} {date} (джерело {source})",
	                    "событие {event} {date} (источник {source})"}},
	{"watch.ev_manifest_signed", {"on the manifest of stage {number} of {agreement} ({stage}, version {version}), "
	                              "signed by {signer}",
	                              "у маніфесті етапу {number} угоди {agreement} ({stage}, версія {version}), "
	                              "підписаному {signer}",
	                              "в манифесте этапа {number} соглашения {agreement} ({stage}, версия {version}), "
	                              "подписанном {signer}"}},
	{"watch.ev_manifest", {"on the signed manifest of stage {number} of {agreement} ({stage}, version {version})",
	                       "у підписаному маніфесті етапу {number} угоди {agreement} ({stage}, версія {version})",
	                       "в подписанном манифесте этапа {number} соглашения {agreement} ({stage}, версия "
	                       "{version})"}},
	{"watch.ev_remains", {"remains case {case} proposed as this person ({status})",
	                      "справу останків {case} запропоновано як цю особу ({status})",
	                      "дело останков {case} предложено как это лицо ({status})"}},
	{"watch.ev_remains_batch", {"remains batch {batch}, case {case}, proposed as this person ({status})",
	                            "партія останків {batch}, справа {case}, запропонована як ця особа ({status})",
	                            "партия останков {batch}, дело {case}, предложено как это лицо ({status})"}},
	{"watch.ev_dna", {"DNA proposal: remains case {case} and this person, LR {lr} ({decision})",
	                  "пропозиція ДНК: справа останків {case} і ця особа, LR {lr} ({decision})",
	                  "предложение ДНК: дело останков {case} и это лицо, LR {lr} ({decision})"}},
	{"watch.no_contact", {"consent withdrawn: do not contact (task {task}, inquiry {inquiry}); dismiss the task "
	                      "with the reason instead",
	                      "згоду відкликано: не контактувати (завдання {task}, запит {inquiry}); натомість "
	                      "відхиліть завдання з причиною",
	                      "согласие отозвано: не связываться (задача {task}, запрос {inquiry}); вместо этого "
	                      "отклоните задачу с причиной"}},
	/* src/family/task.c: refusals */
	{"watch.no_task", {"no task '{task}'", "немає завдання «{task}»", "нет задачи «{task}»"}},
	{"watch.task_ambiguous", {"'{task}' names more than one task; give more of its id",
	                          "«{task}» відповідає кільком завданням; вкажіть більше символів ідентифікатора",
	                          "«{task}» соответствует нескольким задачам; укажите больше символов идентификатора"}},
	{"watch.task_status", {"unknown task status '{status}'; expected open, done or dismissed",
	                       "невідомий статус завдання «{status}»; очікувалося open, done або dismissed",
	                       "неизвестный статус задачи «{status}»; ожидалось open, done или dismissed"}},
	{"watch.task_closed", {"task {task} is {status} already", "завдання {task} вже {status}",
	                       "задача {task} уже {status}"}},
	{"watch.told_how", {"how was the family told? '{how}': expected phone, letter or in_person",
	                    "як повідомили родину? «{how}»: очікувалося phone, letter або in_person",
	                    "как сообщили семье? «{how}»: ожидалось phone, letter или in_person"}},
	{"watch.told_on", {"when was the family told? '{date}' is not a full date, not in the future (YYYY-MM-DD)",
	                   "коли повідомили родину? «{date}» не є повною датою не в майбутньому (РРРР-ММ-ДД)",
	                   "когда сообщили семье? «{date}» не является полной датой не в будущем (ГГГГ-ММ-ДД)"}},
	{"watch.note_required", {"a closing note is required: what the family was told",
	                         "потрібна примітка про закриття: що повідомили родині",
	                         "требуется примечание о закрытии: что сообщили семье"}},
	{"watch.reason_required", {"a reason is required to dismiss a task",
	                           "щоб відхилити завдання, потрібна причина",
	                           "чтобы отклонить задачу, нужна причина"}},
	/* src/http/api_tasks.c */
	{"http.watch_failed", {"the watch: {@said}", "нагляд: {@said}", "наблюдение: {@said}"}},
	{"http.watch_thread", {"could not start the watch's thread", "не вдалося запустити потік нагляду",
	                       "не удалось запустить поток наблюдения"}},
	/* src/cli/cmd_tasks.c */
	{"cli.no_tasks", {"no tasks match{@at}", "жодне завдання не відповідає{@at}", "ни одна задача не подходит{@at}"}},
	{"cli.task_no_contact", {"consent withdrawn: do not contact", "згоду відкликано: не контактувати",
	                         "согласие отозвано: не связываться"}},
	{"cli.watch_report", {"the watch read {seen} entries: {concerned} about a person with an open inquiry, "
	                      "{created} new tasks, {existed} there already",
	                      "нагляд прочитав записів: {seen}; щодо особи з відкритим запитом: {concerned}; нових "
	                      "завдань: {created}; уже наявних: {existed}",
	                      "наблюдение прочитало записей: {seen}; о лице с открытым запросом: {concerned}; новых "
	                      "задач: {created}; уже имевшихся: {existed}"}},
	{"cli.watch_list", {"the watch: {created} new tasks for the family liaison from this list ({existed} there "
	                    "already)",
	                    "нагляд: нових завдань для зв'язкового з родинами з цього списку: {created} (уже наявних: "
	                    "{existed})",
	                    "наблюдение: новых задач для связного с семьями из этого списка: {created} (уже имевшихся: "
	                    "{existed})"}},
	{NULL, {NULL, NULL, NULL}},
};
