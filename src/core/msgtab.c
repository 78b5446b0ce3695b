/* The message catalogue (msg.h): every coded message in English,
 * Ukrainian and Russian. The English text is what the CLI has always
 * printed; keep a code's arguments the same in all three. The web UI's
 * texts for the same codes are under `errors` in web/js/lang/ (en.js, uk.js, ru.js). */
#include "core/msg.h"

const msg_entry msg_table[] = {
	/* why a value is refused (validators' texts, found by msg_code_of) */
	{"why.date_format", {"expected a date as YYYY, YYYY-MM or YYYY-MM-DD",
	                     "очікується дата у вигляді РРРР, РРРР-ММ або РРРР-ММ-ДД",
	                     "ожидается дата в виде ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД"}},
	{"why.year_range", {"year out of range (1800-2200)", "рік поза межами (1800–2200)",
	                    "год вне допустимых пределов (1800–2200)"}},
	{"why.month_range", {"month out of range (01-12)", "місяць поза межами (01–12)",
	                     "месяц вне допустимых пределов (01–12)"}},
	{"why.no_day", {"no such day in that month", "такого дня в цьому місяці немає",
	                "такого дня в этом месяце нет"}},
	{"why.utf8", {"not valid UTF-8", "некоректний UTF-8", "некорректный UTF-8"}},
	{"why.control", {"control characters are not allowed", "керівні символи не допускаються",
	                 "управляющие символы не допускаются"}},
	{"why.line_breaks", {"line breaks and control characters are not allowed",
	                     "переноси рядків і керівні символи не допускаються",
	                     "переносы строк и управляющие символы не допускаются"}},
	{"why.long_note", {"longer than 4000 bytes", "довше за 4000 байтів", "длиннее 4000 байт"}},
	{"why.long_text", {"longer than 500 bytes", "довше за 500 байтів", "длиннее 500 байт"}},
	{"why.future", {"lies in the future", "ще не настала", "ещё не наступила"}},
	{"why.enum", {"not one of the allowed values", "не з допустимих значень",
	              "не из допустимых значений"}},
	{"why.party", {"expected a party code of 2 or 3 letters (UA, RU)",
	               "очікується код сторони з 2 або 3 літер (UA, RU)",
	               "ожидается код стороны из 2 или 3 букв (UA, RU)"}},
	{"why.blank", {"blanks around the value, or empty", "пробіли навколо значення або порожньо",
	               "пробелы вокруг значения или пусто"}},
	{"field.invalid", {"{field:fields}: {@why} (got '{value}')",
	                   "{field:fields}: {@why} (отримано «{value}»)",
	                   "{field:fields}: {@why} (получено «{value}»)"}},
	{"field.invalid_enum", {"{field:fields}: {@why} (got '{value}'); expected one of: {allowed}",
	                        "{field:fields}: {@why} (отримано «{value}»); можливі: {allowed}",
	                        "{field:fields}: {@why} (получено «{value}»); возможны: {allowed}"}},
	{"field.required", {"{field:fields}: required", "{field:fields}: обов’язкове поле",
	                    "{field:fields}: обязательное поле"}},

	/* persons and events */
	{"person.no_such", {"no person with id {person}", "немає особи з ідентифікатором {person}",
	                    "нет лица с идентификатором {person}"}},
	{"person.no_prefix", {"no person with an id starting {person}",
	                      "немає особи, чий ідентифікатор починається з {person}",
	                      "нет лица, чей идентификатор начинается с {person}"}},
	{"person.ambiguous", {"more than one person has an id starting {person}: give more of it",
	                      "ідентифікатор {person} мають кілька осіб: наведіть його довше",
	                      "идентификатор {person} есть у нескольких лиц: укажите его длиннее"}},
	{"person.exists", {"a person with id {person} already exists",
	                   "особа з ідентифікатором {person} вже існує",
	                   "лицо с идентификатором {person} уже существует"}},
	{"person.needs_name", {"a person needs at least a name (surname or given names, in any script), "
	                       "a service number or an external id",
	                       "для особи потрібне хоча б ім’я (прізвище або ім’я, будь-якою "
	                       "писемністю), військовий номер або зовнішній ідентифікатор",
	                       "для лица нужно хотя бы имя (фамилия или имя, любым письмом), "
	                       "военный номер или внешний идентификатор"}},
	{"person.capture_before_birth", {"capture_date {capture} is before birth_date {birth}",
	                                 "дата полону {capture} раніша за дату народження {birth}",
	                                 "дата пленения {capture} раньше даты рождения {birth}"}},
	{"person.consent_before_birth", {"consent_date {consent} is before birth_date {birth}",
	                                 "дата згоди {consent} раніша за дату народження {birth}",
	                                 "дата согласия {consent} раньше даты рождения {birth}"}},
	{"person.consent_date_alone", {"consent_date is given but consent is not (yes, no or unknown)",
	                               "дату згоди вказано, а саму згоду (так, ні або невідомо) — ні",
	                               "дата согласия указана, а само согласие (да, нет или "
	                               "неизвестно) — нет"}},
	{"event.unknown_type", {"type: unknown event type", "тип: невідомий тип події",
	                        "тип: неизвестный тип события"}},
	{"event.refused", {"person {person}: {type:events} ({date}) is not possible {@when} status "
	                   "'{status:statuses}'; allowed there: {allowed}",
	                   "особа {person}: подія «{type:events}» ({date}) неможлива {@when} статусі "
	                   "«{status:statuses}»; там можливі: {allowed}",
	                   "лицо {person}: событие «{type:events}» ({date}) невозможно {@when} "
	                   "статусе «{status:statuses}»; там возможны: {allowed}"}},
	{"event.when_in", {"in", "у", "в"}},
	{"event.when_then", {"at that date, in", "на ту дату в", "на ту дату в"}},
	{"event.before_birth", {"person {person}: {type:events} dated {date}, before their birth ({birth})",
	                        "особа {person}: подія «{type:events}» датована {date}, раніше за "
	                        "народження ({birth})",
	                        "лицо {person}: событие «{type:events}» датировано {date}, раньше "
	                        "рождения ({birth})"}},
	{"event.void_reason", {"reason: required (why the event is voided, for the record)",
	                       "причина: обов’язкова (чому подію скасовано, для запису)",
	                       "причина: обязательна (почему событие отменено, для записи)"}},

	/* stages */
	{"stage.no_such", {"no stage {stage} (see parley stage list)",
	                   "немає етапу {stage} (див. parley stage list)",
	                   "нет этапа {stage} (см. parley stage list)"}},
	{"stage.bad_id", {"no stage {stage} (a stage id is S and 16 characters; 5 or more of them are "
	                  "enough when unique)",
	                  "немає етапу {stage} (ідентифікатор етапу — S і 16 символів; досить 5 і "
	                  "більше, якщо вони однозначні)",
	                  "нет этапа {stage} (идентификатор этапа — S и 16 символов; достаточно 5 и "
	                  "более, если они однозначны)"}},
	{"stage.ambiguous", {"more than one stage has an id starting {stage}: give more of it",
	                     "ідентифікатор {stage} мають кілька етапів: наведіть його довше",
	                     "идентификатор {stage} есть у нескольких этапов: укажите его длиннее"}},
	{"stage.whole_date", {"a stage needs a whole date, YYYY-MM-DD",
	                      "для етапу потрібна повна дата, РРРР-ММ-ДД",
	                      "для этапа нужна полная дата, ГГГГ-ММ-ДД"}},
	{"stage.empty", {"a stage needs at least one person or remains batch",
	                 "для етапу потрібна хоча б одна особа або партія останків",
	                 "для этапа нужно хотя бы одно лицо или партия останков"}},
	{"stage.twice", {"{person} is twice on the list", "{person} двічі у списку",
	                 "{person} дважды в списке"}},
	{"stage.already_on", {"{person} is already on stage {stage}", "{person} вже є на етапі {stage}",
	                      "{person} уже есть на этапе {stage}"}},
	{"stage.not_on", {"{person} is not on stage {stage}", "{person} немає на етапі {stage}",
	                  "{person} нет на этапе {stage}"}},
	{"stage.two_outcomes", {"{person} is given two outcomes", "для {person} вказано два результати",
	                        "для {person} указано два результата"}},
	{"stage.substitute_on", {"the substitute {person} is already on stage {stage}",
	                         "заміна {person} вже є на етапі {stage}",
	                         "замена {person} уже есть на этапе {stage}"}},
	{"stage.not_agreed", {"stage {stage} is {status:stage_statuses}: only an agreed stage (signed "
	                      "by both parties) is executed",
	                      "етап {stage} має статус «{status:stage_statuses}»: виконати можна лише "
	                      "погоджений етап (підписаний обома сторонами)",
	                      "этап {stage} имеет статус «{status:stage_statuses}»: выполнить можно "
	                      "только согласованный этап (подписанный обеими сторонами)"}},
	{"stage.refused", {"stage {stage} is {status:stage_statuses}: it cannot be {@doing}",
	                   "етап {stage} має статус «{status:stage_statuses}»: його не можна {@doing}",
	                   "этап {stage} имеет статус «{status:stage_statuses}»: его нельзя {@doing}"}},
	{"stage.doing_changed", {"changed", "змінити", "изменить"}},
	{"stage.doing_proposed", {"proposed (only a draft is)", "запропонувати (лише чернетку можна)",
	                          "предложить (только черновик можно)"}},
	{"stage.doing_cancelled", {"cancelled (it is no longer open)",
	                           "скасувати (він уже не відкритий)", "отменить (он уже не открыт)"}},
	{"stage.doing_closed", {"closed (only an executed stage is)",
	                        "закрити (закривають лише виконаний етап)",
	                        "закрыть (закрывают только выполненный этап)"}},
	{"stage.not_holder", {"{person} ({surname}) is held by {held_by}, not {side}: only the holder "
	                      "hands them over",
	                      "{person} ({surname}) утримує {held_by}, а не {side}: передає лише та "
	                      "сторона, що утримує",
	                      "{person} ({surname}) удерживает {held_by}, а не {side}: передаёт "
	                      "только удерживающая сторона"}},
	{"stage.inadmissible", {"{person} ({surname}) cannot go in this stage: {@reason}{detail}",
	                        "{person} ({surname}) не може бути в цьому етапі: {@reason}{detail}",
	                        "{person} ({surname}) не может быть в этом этапе: {@reason}{detail}"}},

	{"stage.no_clause", {"agreement {agreement} has no clause '{clause}'",
	                     "домовленість {agreement} не має пункту «{clause}»",
	                     "в договорённости {agreement} нет пункта «{clause}»"}},
	{"stage.remains_clause", {"clause {clause} is about remains: it takes batches, not persons",
	                          "пункт {clause} — про тіла: до нього вносять партії, а не осіб",
	                          "пункт {clause} — о телах: в него вносят партии, а не лица"}},
	{"stage.remove_not_on", {"{n} of the persons to remove are not on stage {stage}",
	                         "осіб, яких треба вилучити, але немає на етапі {stage}: {n}",
	                         "лиц, которых нужно исключить, но нет на этапе {stage}: {n}"}},
	{"manifest.no_agreement", {"{file}: agreement {agreement} is not stored here: add the same "
	                           "agreement document first (parley agreement add)",
	                           "{file}: домовленості {agreement} тут немає: спершу додайте той "
	                           "самий документ домовленості (parley agreement add)",
	                           "{file}: договорённости {agreement} здесь нет: сначала добавьте тот "
	                           "же документ договорённости (parley agreement add)"}},
	{"manifest.older", {"{file}: stage {stage} is at version {here} here; this manifest is the older "
	                    "version {version}",
	                    "{file}: етап {stage} тут має версію {here}; цей маніфест — старіша версія "
	                    "{version}",
	                    "{file}: этап {stage} здесь в версии {here}; этот манифест — более старая "
	                    "версия {version}"}},
	{"manifest.closed", {"{file}: stage {stage} is {status:stage_statuses} here: it takes no new version",
	                     "{file}: етап {stage} тут має статус «{status:stage_statuses}»: нових "
	                     "версій він не приймає",
	                     "{file}: этап {stage} здесь имеет статус «{status:stage_statuses}»: новых "
	                     "версий он не принимает"}},
	{"manifest.not_signed", {"{file}: not a signed manifest (expected an object with document, "
	                         "digests and signatures)",
	                         "{file}: це не підписаний маніфест (очікується об’єкт із document, "
	                         "digests і signatures)",
	                         "{file}: это не подписанный манифест (ожидается объект с document, "
	                         "digests и signatures)"}},

	/* what a stage's execution found different from its manifest */
	{"discrepancy.entry", {"entry {seq} ({person}, {name}): {@outcome}{note}",
	                       "запис {seq} ({person}, {name}): {@outcome}{note}",
	                       "запись {seq} ({person}, {name}): {@outcome}{note}"}},
	{"discrepancy.not_presented", {"not presented at the handover", "не доставлено на передачу",
	                               "не доставлен на передачу"}},
	{"discrepancy.refused", {"refused repatriation at the handover",
	                         "відмовився від репатріації під час передачі",
	                         "отказался от репатриации при передаче"}},
	{"discrepancy.substituted", {"replaced at the handover by an agreed substitute",
	                             "замінено під час передачі погодженою заміною",
	                             "заменён при передаче согласованной заменой"}},
	{"discrepancy.died", {"died before delivery", "помер до передачі", "умер до передачи"}},
	{"discrepancy.handed_over", {"handed over", "передано", "передан"}},
	{"discrepancy.corrected", {"entry {seq} ({person}, {name}): corrected from {@from} to {@to}{note}",
	                           "запис {seq} ({person}, {name}): виправлено з «{@from}» на «{@to}»{note}",
	                           "запись {seq} ({person}, {name}): исправлено с «{@from}» на «{@to}»{note}"}},
	{"discrepancy.batch", {"batch {batch}: {delivered} delivered, {declared} on the manifest",
	                       "партія {batch}: передано {delivered}, у маніфесті {declared}",
	                       "партия {batch}: передано {delivered}, в манифесте {declared}"}},

	/* why a clause leaves someone out (accord/admit.c; the planner's reasons) */
	{"exclusion.not_confirmed", {"captured (reported), not confirmed held",
	                             "у полоні за повідомленням, утримання не підтверджено",
	                             "в плену по сообщению, содержание не подтверждено"}},
	{"exclusion.party", {"not the other party's service member or citizen",
	                     "не військовослужбовець і не громадянин іншої сторони",
	                     "не военнослужащий и не гражданин другой стороны"}},
	{"exclusion.consent", {"does not consent to repatriation (Art. 109)",
	                       "не згоден на репатріацію (ст. 109)",
	                       "не согласен на репатриацию (ст. 109)"}},
	{"exclusion.not_eligible", {"not eligible under the clause", "не підпадає під пункт",
	                            "не подпадает под пункт"}},
	{"exclusion.eligibility_unknown", {"eligibility cannot be decided: the record lacks what the "
	                                   "rule asks",
	                                   "відповідність не визначити: у записі бракує того, що "
	                                   "вимагає правило",
	                                   "соответствие не определить: в записи не хватает того, "
	                                   "что требует правило"}},
	{"exclusion.no_points", {"no step of the equivalence scale applies",
	                         "жоден щабель шкали еквівалентності не застосовний",
	                         "ни одна ступень шкалы эквивалентности не применима"}},
	{"exclusion.booked", {"already on another open stage", "вже на іншому відкритому етапі",
	                      "уже на другом открытом этапе"}},
	{"exclusion.other_mediator", {"booked through another mediator",
	                              "заявлений через іншого посередника",
	                              "заявлен через другого посредника"}},
	{"exclusion.listed_elsewhere", {"listed on a manifest this registry does not hold",
	                                "у маніфесті, якого цей реєстр не має",
	                                "в манифесте, которого нет в этом реестре"}},

	/* users, sessions, tokens */
	{"auth.wrong_password", {"wrong user name or password", "неправильне ім’я користувача або пароль",
	                         "неверное имя пользователя или пароль"}},
	{"auth.no_session", {"no such session", "такого сеансу немає", "такого сеанса нет"}},
	{"auth.expired", {"the session has expired", "сеанс завершився", "сеанс истёк"}},
	{"auth.no_token", {"no such token", "такого токена немає", "такого токена нет"}},
	{"auth.no_user", {"no user {user}", "немає користувача {user}", "нет пользователя {user}"}},
	{"auth.user_exists", {"a user {user} already exists", "користувач {user} уже існує",
	                      "пользователь {user} уже существует"}},
	{"auth.needs_role", {"a user needs at least one role", "користувачеві потрібна хоча б одна роль",
	                     "пользователю нужна хотя бы одна роль"}},
	{"auth.display_long", {"a display name has at most 128 bytes",
	                       "відображуване ім’я — не більше 128 байтів",
	                       "отображаемое имя — не больше 128 байт"}},
	{"auth.last_admin", {"this is the last enabled admin: make someone else an admin first",
	                     "це останній активний адміністратор: спершу призначте адміністратором "
	                     "когось іншого",
	                     "это последний активный администратор: сначала назначьте "
	                     "администратором кого-то другого"}},
	{"auth.token_name", {"a token's name is 1 to 64 characters",
	                     "назва токена — від 1 до 64 символів",
	                     "название токена — от 1 до 64 символов"}},
	{"auth.token_line", {"a token's name is one line of text", "назва токена — один рядок тексту",
	                     "название токена — одна строка текста"}},
};

const size_t msg_table_len = sizeof(msg_table) / sizeof(msg_table[0]);
