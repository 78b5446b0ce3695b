/* The message catalogue's part for files, CSV and JSON reading, the database, the audit trail, accounts and the HTTP layer's I/O (src/core, src/store, src/audit, src/auth, src/http):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). The English text is what the CLI has always printed. */
#include "core/msg.h"

const msg_entry msg_table_sys[] = {
	/* files ({detail}: the system's own words for the failure) */
	{"file.name_long", {"cannot write {file}: the name is too long",
	                    "не вдається записати {file}: назва задовга",
	                    "не удаётся записать {file}: имя слишком длинное"}},
	{"file.cannot_write", {"cannot write {file}: {detail}", "не вдається записати {file}: {detail}",
	                       "не удаётся записать {file}: {detail}"}},
	{"file.exists", {"{file} already exists: not replaced", "{file} уже існує: його не замінено",
	                 "{file} уже существует: он не заменён"}},
	{"file.cannot_read", {"cannot read {file}: {detail}", "не вдається прочитати {file}: {detail}",
	                      "не удаётся прочитать {file}: {detail}"}},
	{"file.large", {"{file} is larger than {max} bytes",
	                "{file} більший за {max} {max#байт|байти|байтів}",
	                "{file} больше {max} {max#байта|байт|байт}"}},
	{"file.input_large", {"the input is larger than {max} bytes",
	                      "вхідні дані більші за {max} {max#байт|байти|байтів}",
	                      "входные данные больше {max} {max#байта|байт|байт}"}},

	/* CSV: where, then why */
	{"csv.at", {"{file}:{line}: field {field}: {@why}", "{file}:{line}: поле {field}: {@why}",
	            "{file}:{line}: поле {field}: {@why}"}},
	{"csv.field_long", {"field longer than 64 KiB", "поле довше за 64 КіБ", "поле длиннее 64 КиБ"}},
	{"csv.bad_utf8", {"invalid UTF-8 at byte {n} of the field (save the file as UTF-8)",
	                  "некоректний UTF-8 у байті {n} поля (збережіть файл у кодуванні UTF-8)",
	                  "некорректный UTF-8 в байте {n} поля (сохраните файл в кодировке UTF-8)"}},
	{"csv.bad_utf8_cyrillic",
	 {"invalid UTF-8 at byte {n} of the field: the file looks like Cyrillic in an 8-bit encoding such as "
	  "Windows-1251; save it as UTF-8 (in Excel: Save As, \"CSV UTF-8\")",
	  "некоректний UTF-8 у байті {n} поля: схоже, файл містить кирилицю у 8-бітному кодуванні, як-от "
	  "Windows-1251; збережіть його в UTF-8 (в Excel: «Зберегти як», «CSV UTF-8»)",
	  "некорректный UTF-8 в байте {n} поля: похоже, файл содержит кириллицу в 8-битной кодировке, например "
	  "Windows-1251; сохраните его в UTF-8 (в Excel: «Сохранить как», «CSV UTF-8»)"}},
	{"csv.record_long", {"record longer than 1 MiB", "запис довший за 1 МіБ", "запись длиннее 1 МиБ"}},
	{"csv.many_fields", {"more than 1024 fields in a record", "понад 1024 поля в записі",
	                     "более 1024 полей в записи"}},
	{"csv.nul", {"NUL byte in the file (is it UTF-16?)", "байт NUL у файлі (чи не UTF-16 це?)",
	             "байт NUL в файле (не UTF-16 ли это?)"}},
	{"csv.unclosed", {"quoted field opened on line {n} never closed",
	                  "поле в лапках, відкрите в рядку {n}, так і не закрито",
	                  "поле в кавычках, открытое в строке {n}, так и не закрыто"}},
	{"csv.after_quote", {"text after a closing quote (a quote inside a quoted field must be doubled: \"\")",
	                     "текст після закривальних лапок (лапки всередині поля в лапках треба "
	                     "подвоювати: \"\")",
	                     "текст после закрывающей кавычки (кавычку внутри поля в кавычках нужно "
	                     "удваивать: \"\")"}},
	{"csv.quote_inside", {"quote inside an unquoted field (quote the whole field and double the quote)",
	                      "лапки всередині поля без лапок (візьміть усе поле в лапки й подвойте "
	                      "ці лапки)",
	                      "кавычка внутри поля без кавычек (возьмите всё поле в кавычки и "
	                      "удвойте эту кавычку)"}},

	/* an import's result: its first problem ({@first}), and how many more */
	{"problems.nothing", {"{@first} (nothing was imported)", "{@first} (нічого не імпортовано)",
	                      "{@first} (ничего не импортировано)"}},
	{"problems.more", {"{@first} (and {more} more {more#problem|problems}; nothing was imported)",
	                   "{@first} (і ще {more} {more#проблема|проблеми|проблем}; нічого не імпортовано)",
	                   "{@first} (и ещё {more} {more#проблема|проблемы|проблем}; ничего не "
	                   "импортировано)"}},

	/* JSON documents */
	{"json.unknown", {"{field}: unknown field", "{field}: невідоме поле", "{field}: неизвестное поле"}},
	{"json.unknown_near", {"{field}: unknown field (did you mean '{near}'?)",
	                       "{field}: невідоме поле (можливо, «{near}»?)",
	                       "{field}: неизвестное поле (возможно, «{near}»?)"}},

	/* the database ({detail}: SQLite's own words) */
	{"store.busy", {"the database is busy (another parley process is writing); try again",
	                "база даних зайнята (інший процес parley записує); спробуйте ще раз",
	                "база данных занята (другой процесс parley ведёт запись); попробуйте ещё раз"}},
	{"store.disk_full", {"the disk is full; nothing was written", "диск заповнено; нічого не записано",
	                     "диск заполнен; ничего не записано"}},
	{"store.read_only", {"the database is read-only ({detail})",
	                     "база даних доступна лише для читання ({detail})",
	                     "база данных доступна только для чтения ({detail})"}},
	{"store.unusable", {"{file} is not a usable database ({detail})",
	                    "{file} — непридатна база даних ({detail})",
	                    "{file} — непригодная база данных ({detail})"}},
	{"store.unusable_file", {"file is not a usable database ({detail})",
	                         "файл — непридатна база даних ({detail})",
	                         "файл — непригодная база данных ({detail})"}},
	{"store.sodium", {"libsodium failed to start", "не вдалося запустити libsodium",
	                  "не удалось запустить libsodium"}},
	{"store.no_database", {"no database at {file} (create one with `parley init {file}`, or give --db PATH)",
	                       "немає бази даних {file} (створіть її командою `parley init {file}` або "
	                       "вкажіть --db ШЛЯХ)",
	                       "нет базы данных {file} (создайте её командой `parley init {file}` или "
	                       "укажите --db ПУТЬ)"}},
	{"store.rolled_back", {"the transaction was rolled back by an inner failure",
	                       "транзакцію скасовано через внутрішню помилку",
	                       "транзакция отменена из-за внутренней ошибки"}},
	{"store.too_new", {"{file} has schema version {version}, but this parley knows only up to version "
	                   "{latest}: upgrade parley to open it",
	                   "{file} має версію схеми {version}, а цей parley знає лише версії до {latest}: "
	                   "оновіть parley, щоб відкрити її",
	                   "у {file} версия схемы {version}, а этот parley знает только версии до "
	                   "{latest}: обновите parley, чтобы открыть её"}},
	{"store.module_too_new", {"{file} has schema version {version} of its {module} tables, but this "
	                          "parley knows only up to version {latest}: upgrade parley to open it",
	                          "{file} має версію схеми {version} своїх таблиць {module}, а цей parley "
	                          "знає лише версії до {latest}: оновіть parley, щоб відкрити її",
	                          "у {file} версия схемы {version} его таблиц {module}, а этот parley "
	                          "знает только версии до {latest}: обновите parley, чтобы открыть её"}},
	{"store.unknown_module", {"{file} has tables of a module this parley does not know ({module}): "
	                          "upgrade parley to open it",
	                          "{file} має таблиці модуля, якого цей parley не знає ({module}): "
	                          "оновіть parley, щоб відкрити її",
	                          "в {file} есть таблицы модуля, которого этот parley не знает "
	                          "({module}): обновите parley, чтобы открыть её"}},
	{"store.dangling_row", {"a row of {table} refers to a row of {parent} that is not there",
	                        "рядок таблиці {table} посилається на рядок {parent}, якого немає",
	                        "строка таблицы {table} ссылается на строку {parent}, которой нет"}},
	{"store.not_parley", {"{file} is an SQLite database but not a parley database",
	                      "{file} — база даних SQLite, але не база даних parley",
	                      "{file} — база данных SQLite, но не база данных parley"}},

	/* the audit chain */
	{"audit.tip_damaged", {"the newest audit entry has no valid hash",
	                       "найновіший запис журналу аудиту не має дійсного хешу",
	                       "у новейшей записи журнала аудита нет действительного хеша"}},
	{"audit.missing", {"audit entry {seq}: entries {from} to {to} before it are missing",
	                   "запис аудиту {seq}: записів від {from} до {to} перед ним немає",
	                   "запись аудита {seq}: записей с {from} по {to} перед ней нет"}},
	{"audit.out_of_order", {"audit entry {seq}: out of order (expected {expected})",
	                        "запис аудиту {seq}: порушено порядок (очікувався {expected})",
	                        "запись аудита {seq}: нарушен порядок (ожидалась {expected})"}},
	{"audit.hash_damaged", {"audit entry {seq}: its hash fields are damaged",
	                        "запис аудиту {seq}: його поля хешів пошкоджено",
	                        "запись аудита {seq}: её поля хешей повреждены"}},
	{"audit.unlinked", {"audit entry {seq}: does not link to the entry before it (an entry was changed, "
	                    "removed or inserted)",
	                    "запис аудиту {seq}: не пов’язаний із попереднім записом (запис змінено, "
	                    "вилучено або вставлено)",
	                    "запись аудита {seq}: не связана с предыдущей записью (запись изменена, "
	                    "удалена или вставлена)"}},
	{"audit.changed", {"audit entry {seq} ({action} {entity} {uid}, {ts}): its contents were changed "
	                   "after it was written",
	                   "запис аудиту {seq} ({action} {entity} {uid}, {ts}): його вміст змінено після "
	                   "запису",
	                   "запись аудита {seq} ({action} {entity} {uid}, {ts}): её содержимое изменено "
	                   "после записи"}},

	/* accounts */
	{"auth.refused", {"{@why}", "{@why}", "{@why}"}},
	{"auth.name_len", {"a user name is 1 to 64 characters", "ім’я користувача — від 1 до 64 символів",
	                   "имя пользователя — от 1 до 64 символов"}},
	{"auth.name_chars", {"a user name is made of a-z, 0-9, '.', '-' and '_'",
	                     "ім’я користувача складається з a-z, 0-9, «.», «-» і «_»",
	                     "имя пользователя состоит из a-z, 0-9, «.», «-» и «_»"}},
	{"auth.password_short", {"a password has at least 10 characters",
	                         "пароль має щонайменше 10 символів",
	                         "в пароле не меньше 10 символов"}},
	{"auth.password_long", {"a password has at most 256 bytes", "пароль має щонайбільше 256 байтів",
	                        "в пароле не больше 256 байт"}},
	{"auth.hash_memory", {"not enough memory to hash the password",
	                      "бракує пам’яті, щоб обчислити хеш пароля",
	                      "не хватает памяти, чтобы вычислить хеш пароля"}},
	{"auth.no_token_id", {"no token {id} to revoke", "немає токена {id}, який можна відкликати",
	                      "нет токена {id}, который можно отозвать"}},

	/* the HTTP layer: downloads, the access log, starting the server */
	{"http.token_needs_name", {"name: a token needs a name", "назва: токенові потрібна назва",
	                           "название: токену нужно название"}},
	{"http.markers_array", {"marker_mutation: expected an array of strings {form}",
	                        "marker_mutation: очікується масив рядків {form}",
	                        "marker_mutation: ожидается массив строк {form}"}},
	{"http.markers_item", {"marker_mutation: item {n}: expected a string {form}",
	                       "marker_mutation: елемент {n}: очікується рядок {form}",
	                       "marker_mutation: элемент {n}: ожидается строка {form}"}},
	{"http.expected_number", {"{field}: expected a number", "{field}: очікується число",
	                          "{field}: ожидается число"}},
	{"http.export_write", {"cannot write the export: {detail}",
	                       "не вдається записати експорт: {detail}",
	                       "не удаётся записать экспорт: {detail}"}},
	{"http.db_busy", {"the server is busy: every database connection was at work for {waited} s; try again",
	                  "сервер зайнятий: усі з’єднання з базою даних працювали {waited} с; спробуйте ще раз",
	                  "сервер занят: все соединения с базой данных работали {waited} с; попробуйте ещё раз"}},
	{"http.log_writer", {"cannot start the access log writer",
	                     "не вдається запустити запис журналу доступу",
	                     "не удаётся запустить запись журнала доступа"}},
	{"http.stopping", {"the server is stopping", "сервер зупиняється", "сервер останавливается"}},
	{"http.pem", {"{file} is empty or too large for a PEM file",
	              "{file} порожній або завеликий для файлу PEM",
	              "{file} пуст или слишком велик для файла PEM"}},
	{"http.listen_form", {"--listen: expected HOST:PORT, got '{value}'",
	                      "--listen: очікується ВУЗОЛ:ПОРТ, отримано «{value}»",
	                      "--listen: ожидается УЗЕЛ:ПОРТ, получено «{value}»"}},
	{"http.listen_host_long", {"--listen: the host is too long", "--listen: назва вузла задовга",
	                           "--listen: имя узла слишком длинное"}},
	{"http.listen_port", {"--listen: expected a port 0-65535, got '{value}'",
	                      "--listen: очікується порт 0–65535, отримано «{value}»",
	                      "--listen: ожидается порт 0–65535, получено «{value}»"}},
	{"http.listen_ipv6", {"--listen: '{value}' is not an IPv6 address",
	                      "--listen: «{value}» — не адреса IPv6", "--listen: «{value}» — не адрес IPv6"}},
	{"http.listen_ipv4", {"--listen: '{value}' is not an IPv4 address",
	                      "--listen: «{value}» — не адреса IPv4", "--listen: «{value}» — не адрес IPv4"}},
	{"http.listen_failed", {"cannot listen on {address}: {detail}",
	                        "не вдається приймати з’єднання на {address}: {detail}",
	                        "не удаётся принимать соединения на {address}: {detail}"}},
	{"http.not_started", {"the HTTP server did not start", "HTTP-сервер не запустився",
	                      "HTTP-сервер не запустился"}},
	{"http.not_started_tls", {"the HTTP server did not start (is the TLS certificate and key valid PEM?)",
	                          "HTTP-сервер не запустився (чи є сертифікат і ключ TLS коректними "
	                          "PEM?)",
	                          "HTTP-сервер не запустился (являются ли сертификат и ключ TLS "
	                          "корректными PEM?)"}},
	{"http.tls_pair", {"TLS needs both --tls-cert and --tls-key",
	                   "для TLS потрібні обидва параметри: --tls-cert і --tls-key",
	                   "для TLS нужны оба параметра: --tls-cert и --tls-key"}},
	{"http.web_dir", {"the web UI directory {dir}: {detail}", "каталог веб-інтерфейсу {dir}: {detail}",
	                  "каталог веб-интерфейса {dir}: {detail}"}},
	/* the CLI's lines for keys, signing, users, the server and the audit chain (src/cli) */
	{"cli.key_generated", {"secret key of {signer} ({role:signer_roles}) written to {file}",
	                       "таємний ключ {signer} ({role:signer_roles}) записано до {file}",
	                       "секретный ключ {signer} ({role:signer_roles}) записан в {file}"}},
	{"cli.key_keep", {"Keep {file} safe: whoever has it can sign as {signer}.\nGive the others its public "
	                  "key: parley keys export {file} -o {file}.pub",
	                  "Бережіть {file}: хто його має, може підписувати як {signer}.\nПередайте іншим "
	                  "його відкритий ключ: parley keys export {file} -o {file}.pub",
	                  "Храните {file} надёжно: кто им владеет, может подписывать как {signer}.\n"
	                  "Передайте другим его открытый ключ: parley keys export {file} -o {file}.pub"}},
	{"cli.key_exported", {"public key of {signer} ({role:signer_roles}), fingerprint {key}, written to {file}",
	                      "відкритий ключ {signer} ({role:signer_roles}), відбиток {key}, записано до "
	                      "{file}",
	                      "открытый ключ {signer} ({role:signer_roles}), отпечаток {key}, записан в "
	                      "{file}"}},
	{"cli.key_trusted", {"trusted key of {role:signer_roles} {signer}, fingerprint {key}",
	                     "довірено ключ: {role:signer_roles} {signer}, відбиток {key}",
	                     "доверен ключ: {role:signer_roles} {signer}, отпечаток {key}"}},
	{"cli.key_already_trusted", {"already trusted: key of {role:signer_roles} {signer}, fingerprint {key}",
	                             "уже довірений: ключ {role:signer_roles} {signer}, відбиток {key}",
	                             "уже доверен: ключ {role:signer_roles} {signer}, отпечаток {key}"}},
	{"cli.key_revoked", {"revoked key {key} of {role:signer_roles} {signer}",
	                     "відкликано ключ {key} ({role:signer_roles} {signer})",
	                     "отозван ключ {key} ({role:signer_roles} {signer})"}},
	{"cli.sign_dropped", {"{prog}: removed {n} {n#signature|signatures} made over another version of the "
	                      "document: {who} (they must sign again)",
	                      "{prog}: вилучено {n} {n#підпис|підписи|підписів} під іншою версією "
	                      "документа: {who} (їм треба підписати знову)",
	                      "{prog}: удалено {n} {n#подпись|подписи|подписей} под другой версией "
	                      "документа: {who} (им нужно подписать снова)"}},
	{"cli.signed", {"signed by {signer} ({role:signer_roles}, key {key})",
	                "підписано: {signer} ({role:signer_roles}, ключ {key})",
	                "подписано: {signer} ({role:signer_roles}, ключ {key})"}},
	{"cli.signed_replacing", {"signed by {signer} ({role:signer_roles}, key {key}), replacing the earlier "
	                          "signature",
	                          "підписано: {signer} ({role:signer_roles}, ключ {key}) замість "
	                          "попереднього підпису",
	                          "подписано: {signer} ({role:signer_roles}, ключ {key}) вместо "
	                          "прежней подписи"}},
	{"cli.signed_sha", {"document sha256 {sha}", "sha256 документа {sha}", "sha256 документа {sha}"}},
	{"cli.signed_entries", {"document sha256 {sha}, {n} {n#entry|entries}",
	                        "sha256 документа {sha}, {n} {n#запис|записи|записів}",
	                        "sha256 документа {sha}, {n} {n#запись|записи|записей}"}},
	{"cli.written", {"written to {file}", "записано до {file}", "записано в {file}"}},
	{"cli.wrote", {"{prog}: wrote {file}", "{prog}: записано {file}", "{prog}: записан {file}"}},
	{"cli.verify_no_keys", {"{prog}: no trusted keys (no --key, and no database at {db}): no signature can "
	                        "be trusted",
	                        "{prog}: немає довірених ключів (немає --key і немає бази даних {db}): "
	                        "жодному підпису не можна довіряти",
	                        "{prog}: нет доверенных ключей (нет --key и нет базы данных {db}): ни "
	                        "одной подписи нельзя доверять"}},
	{"cli.verify_digests", {"note: the digests in {file} are not those of its document (signing computes "
	                        "them again)",
	                        "примітка: дайджести в {file} не відповідають його документу (під час "
	                        "підписання їх обчислюють заново)",
	                        "примечание: дайджесты в {file} не соответствуют его документу (при "
	                        "подписании их вычисляют заново)"}},
	{"cli.verified", {"verified: document sha256 {sha}", "перевірено: sha256 документа {sha}",
	                  "проверено: sha256 документа {sha}"}},
	{"cli.manifest_new", {"stage {stage}, manifest version {version}: new here",
	                      "етап {stage}, версія маніфесту {version}: новий тут",
	                      "этап {stage}, версия манифеста {version}: новый здесь"}},
	{"cli.manifest_new_version", {"stage {stage}, manifest version {version}: a new version",
	                              "етап {stage}, версія маніфесту {version}: нова версія",
	                              "этап {stage}, версия манифеста {version}: новая версия"}},
	{"cli.manifest_held", {"stage {stage}, manifest version {version}: the version held here",
	                       "етап {stage}, версія маніфесту {version}: версія, яка тут уже є",
	                       "этап {stage}, версия манифеста {version}: версия, которая здесь уже есть"}},
	{"cli.manifest_found", {"  {n} {n#entry|entries} found in this registry, {missing} not found",
	                        "  {n} {n#запис|записи|записів} знайдено в цьому реєстрі, {missing} не "
	                        "знайдено",
	                        "  {n} {n#запись|записи|записей} найдено в этом реестре, {missing} не "
	                        "найдено"}},
	{"cli.manifest_kept", {"  {n} {n#signature|signatures} kept, {refused} not kept",
	                       "  {n} {n#підпис|підписи|підписів} збережено, {refused} не збережено",
	                       "  {n} {n#подпись|подписи|подписей} сохранено, {refused} не сохранено"}},
	{"cli.manifest_not_agreed", {"  not yet agreed: both parties must sign",
	                             "  ще не погоджено: мають підписати обидві сторони",
	                             "  ещё не согласовано: должны подписать обе стороны"}},
	{"cli.manifest_witnessed", {"  agreed: both parties have signed, witnessed by the mediator",
	                            "  погоджено: обидві сторони підписали, посередник засвідчив",
	                            "  согласовано: обе стороны подписали, посредник засвидетельствовал"}},
	{"cli.manifest_unwitnessed", {"  agreed: both parties have signed (the mediator has not witnessed it)",
	                              "  погоджено: обидві сторони підписали (посередник ще не засвідчив)",
	                              "  согласовано: обе стороны подписали (посредник ещё не "
	                              "засвидетельствовал)"}},
	{"cli.password_stdin", {"{prog}: expected the password as a line on standard input",
	                        "{prog}: очікується пароль рядком на стандартному вході",
	                        "{prog}: ожидается пароль строкой на стандартном входе"}},
	{"cli.passwords_differ", {"{prog}: the passwords differ", "{prog}: паролі не збігаються",
	                          "{prog}: пароли не совпадают"}},
	{"cli.no_password", {"{prog}: no password given", "{prog}: пароль не введено",
	                     "{prog}: пароль не введён"}},
	{"cli.user_added", {"added user {user} ({roles})", "додано користувача {user} ({roles})",
	                    "добавлен пользователь {user} ({roles})"}},
	{"cli.user_password", {"changed the password of {user}", "змінено пароль користувача {user}",
	                       "изменён пароль пользователя {user}"}},
	{"cli.user_changed", {"changed user {user}", "змінено користувача {user}",
	                      "изменён пользователь {user}"}},
	{"cli.user_disabled", {"disabled user {user}", "вимкнено користувача {user}",
	                       "отключён пользователь {user}"}},
	{"cli.user_enabled", {"enabled user {user}", "увімкнено користувача {user}",
	                      "включён пользователь {user}"}},
	{"cli.token_made", {"token {id} for {user}: {token}\n(keep it now: it is not shown again)",
	                    "токен {id} для {user}: {token}\n(збережіть його зараз: більше його не "
	                    "покажуть)",
	                    "токен {id} для {user}: {token}\n(сохраните его сейчас: больше его не "
	                    "покажут)"}},
	{"cli.token_revoked", {"revoked token {id}", "відкликано токен {id}", "отозван токен {id}"}},
	{"cli.serve_no_tls", {"{prog}: WARNING: listening on {address} without TLS: passwords, session cookies "
	                      "and personal data cross the network in the clear. Use --tls-cert and "
	                      "--tls-key.",
	                      "{prog}: УВАГА: приймає з’єднання на {address} без TLS: паролі, cookie сеансів і "
	                      "персональні дані йдуть мережею відкритим текстом. Використайте "
	                      "--tls-cert і --tls-key.",
	                      "{prog}: ВНИМАНИЕ: принимает соединения на {address} без TLS: пароли, cookie сеансов и "
	                      "персональные данные идут по сети открытым текстом. Используйте "
	                      "--tls-cert и --tls-key."}},
	{"cli.serve_few_files", {"{prog}: the open-file limit (ulimit -n) holds {n} connections, not 2000: raise its hard limit to serve more clients at once",
	                         "{prog}: ліміт відкритих файлів (ulimit -n) вміщує {n} з’єднань, а не 2000: підніміть жорсткий ліміт, щоб обслуговувати більше клієнтів одночасно",
	                         "{prog}: лимит открытых файлов (ulimit -n) вмещает {n} соединений, а не 2000: поднимите жёсткий лимит, чтобы обслуживать больше клиентов одновременно"}},
	{"cli.serve_no_web", {"{prog}: no web UI (no --web DIR, $PARLEY_WEB or {dir}): the API only",
	                      "{prog}: немає веб-інтерфейсу (немає --web КАТАЛОГ, $PARLEY_WEB чи {dir}): "
	                      "лише API",
	                      "{prog}: нет веб-интерфейса (нет --web КАТАЛОГ, $PARLEY_WEB или {dir}): "
	                      "только API"}},
	{"cli.serve_interrupted", {"{prog}: interrupted: finishing the requests in flight",
	                           "{prog}: перервано: завершуються запити, що вже виконуються",
	                           "{prog}: прервано: завершаются уже выполняемые запросы"}},
	{"cli.serve_terminated", {"{prog}: terminated: finishing the requests in flight",
	                          "{prog}: зупинено: завершуються запити, що вже виконуються",
	                          "{prog}: остановлено: завершаются уже выполняемые запросы"}},
	{"cli.serve_stopped", {"{prog}: stopped", "{prog}: зупинено", "{prog}: остановлен"}},
	{"cli.audit_intact_before", {"{prog}: the {count} {n#entry before it is|entries before it are} intact",
	                             "{prog}: {count} {n#запис|записи|записів} перед ним цілі",
	                             "{prog}: {count} {n#запись|записи|записей} перед ней целы"}},
	{"cli.audit_intact", {"audit chain intact: {count} {n#entry|entries}",
	                      "ланцюжок аудиту цілий: {count} {n#запис|записи|записів}",
	                      "цепочка аудита цела: {count} {n#запись|записи|записей}"}},
	{NULL, {NULL}},
};
