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
	{"why.date_read", {"expected a date as YYYY-MM-DD or DD.MM.YYYY, a month as YYYY-MM or MM.YYYY, or a year",
	                   "очікується дата у вигляді РРРР-ММ-ДД або ДД.ММ.РРРР, місяць як РРРР-ММ або ММ.РРРР чи рік",
	                   "ожидается дата в виде ГГГГ-ММ-ДД или ДД.ММ.ГГГГ, месяц как ГГГГ-ММ или ММ.ГГГГ либо год"}},
	{"why.two_digit_year", {"a two-digit year: write the year in four digits",
	                        "рік двома цифрами: запишіть рік чотирма цифрами",
	                        "год двумя цифрами: запишите год четырьмя цифрами"}},
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
	{"event.sighting_source", {"a sighting comes from a testimony and a testimony gives only sightings: type "
	                           "{type} with source {source}",
	                           "спостереження походить зі свідчення, а свідчення дає лише спостереження: тип "
	                           "{type} із джерелом {source}",
	                           "наблюдение происходит из показаний, а показания дают только наблюдения: тип "
	                           "{type} с источником {source}"}},
	{"event.sighting_by_review", {"a sighting is recorded by accepting it in a testimony's review "
	                              "(parley testimony accept, the testimonies' review page), not by hand",
	                              "спостереження записується прийняттям його під час розгляду свідчення "
	                              "(parley testimony accept, сторінка розгляду свідчень), а не вручну",
	                              "наблюдение записывается принятием его при рассмотрении показаний "
	                              "(parley testimony accept, страница рассмотрения показаний), а не вручную"}},
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
	{"exclusion.not_yet_captured", {"captured after the stage's date",
	                                "узятий у полон пізніше за дату етапу",
	                                "взят в плен позже даты этапа"}},
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
	/* the sign module's refusals: passphrases, revoked and foreign keys (src/sign) */
	{"sign.passphrase_len", {"passphrase: {min} to {max} characters (bytes)",
	                "пароль: від {min} до {max} символів (байтів)",
	                "пароль: от {min} до {max} символов (байт)"}},
	{"sign.wrong_passphrase", {"wrong passphrase for key {key} of {role:signer_roles} {signer}",
	                "неправильний пароль ключа {key} ({role:signer_roles} {signer})",
	                "неверный пароль ключа {key} ({role:signer_roles} {signer})"}},
	{"sign.revoked", {"key {key} of {role:signer_roles} {signer} was revoked on {date}: it signs "
                 "nothing",
	                "ключ {key} ({role:signer_roles} {signer}) відкликано {date}: він нічого не "
                 "підписує",
	                "ключ {key} ({role:signer_roles} {signer}) отозван {date}: он ничего не "
                 "подписывает"}},
	{"sign.not_ours", {"key {key} of {role:signer_roles} {signer} is another's: only its public part is "
                 "here",
	                "ключ {key} ({role:signer_roles} {signer}) чужий: тут є лише його відкрита "
                 "частина",
	                "ключ {key} ({role:signer_roles} {signer}) чужой: здесь есть только его открытая "
                 "часть"}},
	{"sign.no_office_key", {"this office holds no signing key: an admin makes one on the keys page (or sign "
                 "the manifest file with 'parley manifest sign')",
	                "цей офіс не має ключа підпису: адміністратор створює його на сторінці ключів "
                 "(або підпишіть файл маніфесту командою «parley manifest sign»)",
	                "у этого офиса нет ключа подписи: администратор создаёт его на странице ключей "
                 "(или подпишите файл манифеста командой «parley manifest sign»)"}},
	{"sign.no_office_key_role", {"this office holds no signing key of a {role:signer_roles}'s, the role "
	                             "you sign in: an admin makes one on the keys page",
	                             "цей офіс не має ключа підпису ролі «{role:signer_roles}», у якій ви "
	                             "підписуєте: адміністратор створює його на сторінці ключів",
	                             "у этого офиса нет ключа подписи роли «{role:signer_roles}», в которой "
	                             "вы подписываете: администратор создаёт его на странице ключей"}},
	{"sign.not_held", {"key {key} is not held here",
	                "ключа {key} тут немає",
	                "ключа {key} здесь нет"}},
	{"sign.revoked_never_trusted", {"key {key} of {role:signer_roles} {signer} was revoked on {date}: a revoked key "
                 "is never trusted again (make a new one)",
	                "ключ {key} ({role:signer_roles} {signer}) відкликано {date}: відкликаному ключу "
                 "більше не довіряють (створіть новий)",
	                "ключ {key} ({role:signer_roles} {signer}) отозван {date}: отозванному ключу "
                 "больше не доверяют (создайте новый)"}},
	{"sign.trusted_as_other", {"key {key} is already trusted as the key of {role:signer_roles} {signer}, not of "
                 "{new_role:signer_roles} {new_signer}",
	                "ключ {key} уже довірений як ключ {role:signer_roles} {signer}, а не "
                 "{new_role:signer_roles} {new_signer}",
	                "ключ {key} уже доверен как ключ {role:signer_roles} {signer}, а не "
                 "{new_role:signer_roles} {new_signer}"}},
	{"sign.bad_fingerprint", {"'{key}' is not a key fingerprint (16 hex digits, as 'parley keys list' shows "
                 "them)",
	                "«{key}» — не відбиток ключа (16 шістнадцяткових цифр, як їх показує «parley "
                 "keys list»)",
	                "«{key}» — не отпечаток ключа (16 шестнадцатеричных цифр, как их показывает "
                 "«parley keys list»)"}},
	{"sign.no_fingerprint", {"no signing key has the fingerprint {key}",
	                "немає ключа підпису з відбитком {key}",
	                "нет ключа подписи с отпечатком {key}"}},
	{"sign.already_revoked", {"key {key} of {role:signer_roles} {signer} was already revoked on {date}",
	                "ключ {key} ({role:signer_roles} {signer}) уже відкликано {date}",
	                "ключ {key} ({role:signer_roles} {signer}) уже отозван {date}"}},
	{"sign.secret_file", {"{file} is a secret key file: import its public key instead (parley keys export "
                 "{file} -o PUBFILE)",
	                "{file} — файл таємного ключа: імпортуйте натомість його відкритий ключ (parley "
                 "keys export {file} -o PUBFILE)",
	                "{file} — файл секретного ключа: импортируйте вместо него его открытый ключ "
                 "(parley keys export {file} -o PUBFILE)"}},

	/* the remains module's refusals (src/remains) */
	{"remains.batch_exists", {"a batch labelled '{batch}' exists already",
	                "партія з позначкою «{batch}» уже існує",
	                "партия с меткой «{batch}» уже существует"}},
	{"remains.declared_count", {"declared: expected a count from 0, got {n}",
	                "заявлено: очікується кількість від 0, отримано {n}",
	                "заявлено: ожидается количество от 0, получено {n}"}},
	{"remains.declared_bodies", {"declared: expected a whole number of bodies from 1, got {n}",
	                "заявлено: очікується ціла кількість тіл від 1, отримано {n}",
	                "заявлено: ожидается целое число тел от 1, получено {n}"}},
	{"remains.clause_with_stage", {"clause: required with a stage",
	                "пункт: обов’язковий, коли вказано етап",
	                "пункт: обязателен, когда указан этап"}},
	{"remains.no_batch", {"no remains batch labelled '{batch}'",
	                "немає партії останків з позначкою «{batch}»",
	                "нет партии останков с меткой «{batch}»"}},
	{"remains.no_case_tag", {"no remains case tagged '{case}'",
	                "немає справи останків з міткою «{case}»",
	                "нет дела останков с меткой «{case}»"}},
	{"remains.no_case", {"no remains case {case}",
	                "немає справи останків {case}",
	                "нет дела останков {case}"}},
	{"remains.custody_closed", {"case {case} was returned to the other side: its chain of custody is closed",
	                "справу {case} повернуто іншій стороні: її ланцюг зберігання закрито",
	                "дело {case} возвращено другой стороне: его цепочка хранения закрыта"}},
	{"remains.custody_order", {"case {case}: custody since {since} would come before the last entry ({holder} "
                 "since {last}): the chain is kept in date order, so give a date on or after "
                 "{last}",
	                "справа {case}: зберігання з {since} передувало б останньому запису ({holder} з "
                 "{last}): ланцюг ведеться за датами, тож укажіть дату не раніше {last}",
	                "дело {case}: хранение с {since} предшествовало бы последней записи ({holder} с "
                 "{last}): цепочка ведётся по датам, так что укажите дату не раньше {last}"}},
	{"remains.returned", {"case {case} was returned to the other side",
	                "справу {case} повернуто іншій стороні",
	                "дело {case} возвращено другой стороне"}},
	{"remains.no_fragment", {"case {case} has no fragment labelled '{label}'",
	                "у справі {case} немає фрагмента з позначкою «{label}»",
	                "в деле {case} нет фрагмента с меткой «{label}»"}},

	/* execution, corrections, substitutes, aftercare in bulk, cancelling and signing a stage (src/accord) */
	{"stage.already_recorded", {"{person} (entry {seq}) is already recorded as {outcome:outcomes}: an outcome "
                 "recorded is changed by a correction, with its reason",
	                "{person} (запис {seq}) уже має результат «{outcome:outcomes}»: записаний "
                 "результат змінюють виправленням, із причиною",
	                "{person} (запись {seq}) уже имеет результат «{outcome:outcomes}»: записанный "
                 "результат меняют исправлением, с причиной"}},
	{"stage.bad_outcome", {"{person}: an outcome is handed_over, not_presented, refused, substituted or died",
	                "{person}: результат — handed_over, not_presented, refused, substituted або died",
	                "{person}: результат — handed_over, not_presented, refused, substituted или died"}},
	{"stage.substitute_without", {"{person}: a substitute goes with the outcome substituted",
	                "{person}: заміну вказують лише з результатом «замінено»",
	                "{person}: замену указывают только с результатом «заменён»"}},
	{"stage.substitute_whom", {"{person}: substituted by whom? name the substitute",
	                "{person}: замінено ким? Вкажіть заміну",
	                "{person}: заменён кем? Укажите замену"}},
	{"stage.batch_not_on", {"batch {batch} is not on stage {stage}",
	                "партії {batch} немає на етапі {stage}",
	                "партии {batch} нет на этапе {stage}"}},
	{"stage.batch_count", {"batch {batch}: a count is 0 or more",
	                "партія {batch}: кількість — 0 або більше",
	                "партия {batch}: количество — 0 или больше"}},
	{"stage.still_pending", {"stage {stage}: {n} still pending ({list}): record an outcome for each before "
                 "the execution is finished",
	                "етап {stage}: ще без результату — {n} ({list}): запишіть результат для кожного, "
                 "перш ніж завершити виконання",
	                "этап {stage}: ещё без результата — {n} ({list}): запишите результат для "
                 "каждого, прежде чем завершить выполнение"}},
	{"stage.name_persons", {"name the persons whose outcome is recorded",
	                "вкажіть осіб, чий результат записується",
	                "укажите лиц, чей результат записывается"}},
	{"stage.batches_at_end", {"the batches delivered are counted when the execution is finished",
	                "передані партії рахують, коли виконання завершено",
	                "переданные партии считают, когда выполнение завершено"}},
	{"stage.not_correctable", {"stage {stage} is {status:stage_statuses}: only outcomes recorded (a stage in "
                 "progress, executed or closed) are corrected",
	                "етап {stage} має статус «{status:stage_statuses}»: виправляють лише записані "
                 "результати (етап, що виконується, виконаний або закритий)",
	                "этап {stage} имеет статус «{status:stage_statuses}»: исправляют только "
                 "записанные результаты (этап выполняемый, выполненный или закрытый)"}},
	{"stage.correct_reason", {"reason: required (why the outcome is corrected, for the record)",
	                "причина: обов’язкова (чому результат виправлено, для запису)",
	                "причина: обязательна (почему результат исправлен, для записи)"}},
	{"stage.nothing_to_correct", {"{person} (entry {seq}) has no outcome yet: record it, there is nothing to "
                 "correct",
	                "{person} (запис {seq}) ще не має результату: запишіть його, виправляти нічого",
	                "{person} (запись {seq}) ещё не имеет результата: запишите его, исправлять нечего"}},
	{"stage.correct_outcome", {"outcome: handed_over, not_presented, refused or died (a substitute is not put "
                 "on a stage afterwards)",
	                "результат: handed_over, not_presented, refused або died (заміну згодом до етапу "
                 "не вносять)",
	                "результат: handed_over, not_presented, refused или died (замену потом в этап не "
                 "вносят)"}},
	{"stage.same_outcome", {"{person} (entry {seq}) is recorded as {outcome:outcomes} already",
	                "{person} (запис {seq}) уже має результат «{outcome:outcomes}»",
	                "{person} (запись {seq}) уже имеет результат «{outcome:outcomes}»"}},
	{"stage.cancel_reason", {"reason: expected why stage {stage} is cancelled (it is recorded in the audit "
                 "log); none was given",
	                "причина: вкажіть, чому етап {stage} скасовано (це записується до журналу "
                 "аудиту); її не вказано",
	                "причина: укажите, почему этап {stage} отменён (это записывается в журнал "
                 "аудита); она не указана"}},
	{"stage.no_substitutes", {"stage {stage} is {status:stage_statuses}: substitutes are picked while it is "
                 "executed",
	                "етап {stage} має статус «{status:stage_statuses}»: заміну добирають під час "
                 "виконання",
	                "этап {stage} имеет статус «{status:stage_statuses}»: замену подбирают во время "
                 "выполнения"}},
	{"stage.no_entry", {"stage {stage} has no entry {seq}",
	                "на етапі {stage} немає запису {seq}",
	                "в этапе {stage} нет записи {seq}"}},
	{"stage.sign_draft", {"stage {stage} is {status:stage_statuses}: propose it first (a draft may still "
                 "change)",
	                "етап {stage} має статус «{status:stage_statuses}»: спершу запропонуйте його "
                 "(чернетка ще може змінитися)",
	                "этап {stage} имеет статус «{status:stage_statuses}»: сначала предложите его "
                 "(черновик ещё может измениться)"}},
	{"stage.sign_cancelled", {"stage {stage} is {status:stage_statuses}: a cancelled stage is not signed",
	                "етап {stage} має статус «{status:stage_statuses}»: скасований етап не підписують",
	                "этап {stage} имеет статус «{status:stage_statuses}»: отменённый этап не "
                 "подписывают"}},
	{"aftercare.event", {"event: expected arrived_transit, assistance, repatriated, hospital_admission or "
                 "treatment, got '{value}'",
	                "подія: очікується arrived_transit, assistance, repatriated, hospital_admission "
                 "або treatment, отримано «{value}»",
	                "событие: ожидается arrived_transit, assistance, repatriated, hospital_admission "
                 "или treatment, получено «{value}»"}},
	{"aftercare.none", {"persons: expected the ids of one person or more; none given",
	                "особи: очікуються ідентифікатори однієї чи кількох осіб; не вказано жодного",
	                "лица: ожидаются идентификаторы одного или нескольких лиц; не указано ни одного"}},
	{"aftercare.many", {"persons: at most {max} at once, got {n}",
	                "особи: не більше {max} за раз, отримано {n}",
	                "лица: не больше {max} за раз, получено {n}"}},
	{"aftercare.date", {"date: expected a full date YYYY-MM-DD, got '{value}'",
	                "дата: очікується повна дата РРРР-ММ-ДД, отримано «{value}»",
	                "дата: ожидается полная дата ГГГГ-ММ-ДД, получено «{value}»"}},
	{"aftercare.future", {"date: {date} lies in the future (today is {today})",
	                "дата: {date} ще не настала (сьогодні {today})",
	                "дата: {date} ещё не наступила (сегодня {today})"}},
	{"aftercare.no_id", {"persons[{i}]: expected a person's id",
	                "особи[{i}]: очікується ідентифікатор особи",
	                "лица[{i}]: ожидается идентификатор лица"}},
	{"aftercare.twice", {"persons[{i}]: {person} is listed twice (also persons[{k}])",
	                "особи[{i}]: {person} у списку двічі (також особи[{k}])",
	                "лица[{i}]: {person} в списке дважды (также лица[{k}])"}},
	{"aftercare.no_person", {"persons[{i}]: no person {person}",
	                "особи[{i}]: немає особи {person}",
	                "лица[{i}]: нет лица {person}"}},
	{"aftercare.not_handed", {"persons[{i}]: {person} was not handed over in stage {stage}",
	                "особи[{i}]: {person} не передано на етапі {stage}",
	                "лица[{i}]: {person} не передан на этапе {stage}"}},
	{"aftercare.not_handed_any", {"persons[{i}]: {person} was not handed over in any stage",
	                "особи[{i}]: {person} не передано на жодному етапі",
	                "лица[{i}]: {person} не передан ни на одном этапе"}},

	/* the DNA importer's problems, each after its file:line (src/dna) */
	{"dna.no_case", {"column 'case': no remains case tagged '{case}' (import the cases first: parley "
                 "remains import)",
	                "стовпець «case»: немає справи останків з міткою «{case}» (спершу імпортуйте "
                 "справи: parley remains import)",
	                "столбец «case»: нет дела останков с меткой «{case}» (сначала импортируйте дела: "
                 "parley remains import)"}},
	{"dna.no_person", {"column 'person': no person with id {person} in the registry",
	                "стовпець «person»: у реєстрі немає особи з ідентифікатором {person}",
	                "столбец «person»: в реестре нет лица с идентификатором {person}"}},

	/* agreements, the planner's window and statements (src/accord) */
	{"plan.before", {"a stage on {date} is before agreement {agreement} holds (from {from})",
	                "етап {date} передує чинності домовленості «{agreement}» (з {from})",
	                "этап {date} раньше вступления в силу договорённости «{agreement}» (с {from})"}},
	{"plan.after", {"a stage on {date} is after agreement {agreement} ends ({until})",
	                "етап {date} припадає на час після завершення домовленості «{agreement}» ({until})",
	                "этап {date} приходится на время после окончания договорённости «{agreement}» "
                 "({until})"}},
	{"plan.whole_date", {"a stage's date is a whole date, YYYY-MM-DD",
	                "дата етапу — повна дата, РРРР-ММ-ДД",
	                "дата этапа — полная дата, ГГГГ-ММ-ДД"}},
	{"plan.which_clause", {"agreement {agreement} has {n} clauses ({list}): say which to plan",
	                "домовленість «{agreement}» має пунктів: {n} ({list}): укажіть, який планувати",
	                "в договорённости «{agreement}» пунктов: {n} ({list}): укажите, какой планировать"}},
	{"agreement.other_terms", {"agreement '{agreement}' is already stored with other terms; terms are never "
                 "edited: give the new terms a new id",
	                "домовленість «{agreement}» уже збережено з іншими умовами; умови ніколи не "
                 "змінюють: дайте новим умовам новий ідентифікатор",
	                "договорённость «{agreement}» уже сохранена с другими условиями; условия никогда "
                 "не меняют: дайте новым условиям новый идентификатор"}},
	{"agreement.no_such", {"no agreement '{agreement}' (see parley agreement list)",
	                "немає домовленості «{agreement}» (див. parley agreement list)",
	                "нет договорённости «{agreement}» (см. parley agreement list)"}},
	{"agreement.stage_exists", {"agreement {agreement} already has a stage {n}",
	                "домовленість «{agreement}» уже має етап {n}",
	                "в договорённости «{agreement}» уже есть этап {n}"}},
	{"agreement.remains_clause", {"a remains batch needs a remains clause of agreement {agreement}, got '{clause}'",
	                "для партії тіл потрібен пункт домовленості «{agreement}» про тіла, отримано "
                 "«{clause}»",
	                "для партии тел нужен пункт договорённости «{agreement}» о телах, получено "
                 "«{clause}»"}},
	{"statement.not_party", {"{party} is not a party to {agreement} ({a}, {b})",
	                "{party} не є стороною домовленості «{agreement}» ({a}, {b})",
	                "{party} не сторона договорённости «{agreement}» ({a}, {b})"}},
	{"statement.k", {"k: expected a whole number from {min} (agreement {agreement}'s embargo.k; a "
                 "statement may raise it, never lower it) to {max}, got {k}",
	                "k: очікується ціле число від {min} (embargo.k домовленості «{agreement}»; заява "
                 "може його підвищити, але не знизити) до {max}, отримано {k}",
	                "k: ожидается целое число от {min} (embargo.k договорённости «{agreement}»; "
                 "заявление может его повысить, но не понизить) до {max}, получено {k}"}},
	{"statement.not_executed", {"stage {stage} is {status:stage_statuses}: a statement follows the handover "
                 "(execute the stage first)",
	                "етап {stage} має статус «{status:stage_statuses}»: заява з’являється після "
                 "передачі (спершу виконайте етап)",
	                "этап {stage} имеет статус «{status:stage_statuses}»: заявление следует за "
                 "передачей (сначала выполните этап)"}},
	{"http.read_upload", {"cannot read the upload",
	                "не вдалося прочитати завантажене",
	                "не удалось прочитать загруженное"}},
	{"http.read_file", {"cannot read the file",
	                "не вдалося прочитати файл",
	                "не удалось прочитать файл"}},
	{"http.no_response", {"no response",
	                "відповіді немає",
	                "ответа нет"}},
	{NULL, {NULL}},
};
