/* The message catalogue's part for the command line: usage, options and summaries (src/cli):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). The English text is what the CLI has always printed. */
#include "core/msg.h"

const msg_entry msg_table_cli[] = {
	/* the command line (cli/util.c, main.c) */
	{"cli.try_help", {"Try '{prog} --help'.", "Спробуйте «{prog} --help».", "Попробуйте «{prog} --help»."}},
	{"cli.expected_value", {"--{option}: expected {expect}, got '{value}'",
	                        "--{option}: очікується {expect}, отримано «{value}»",
	                        "--{option}: ожидается {expect}, получено «{value}»"}},
	{"cli.expected_range", {"--{option}: expected {min} to {max}, got '{value}'",
	                        "--{option}: очікується число від {min} до {max}, отримано «{value}»",
	                        "--{option}: ожидается число от {min} до {max}, получено «{value}»"}},
	{"cli.unexpected_argument", {"unexpected argument '{arg}'{hint}", "зайвий аргумент «{arg}»{hint}",
	                             "лишний аргумент «{arg}»{hint}"}},
	{"cli.args_count", {"expected {n} {n#argument|arguments}, got {got}",
	                    "очікується {n} {n#аргумент|аргументи|аргументів}, отримано {got}",
	                    "ожидается {n} {n#аргумент|аргумента|аргументов}, получено {got}"}},
	{"cli.args_at_least", {"expected at least {n} {n#argument|arguments}, got {got}",
	                       "очікується щонайменше {n} {n#аргумент|аргументи|аргументів}, отримано {got}",
	                       "ожидается не менее {n} {n#аргумента|аргументов|аргументов}, получено {got}"}},
	{"cli.args_between", {"expected {min} to {max} arguments, got {got}",
	                      "очікується від {min} до {max} аргументів, отримано {got}",
	                      "ожидается от {min} до {max} аргументов, получено {got}"}},
	{"cli.required", {"--{option} is required", "--{option} обов’язковий", "--{option} обязателен"}},
	{"cli.unknown_option", {"unknown option", "невідомий параметр", "неизвестный параметр"}},
	{"cli.unknown_command", {"unknown command '{command}'", "невідома команда «{command}»",
	                         "неизвестная команда «{command}»"}},
	{"cli.no_sodium", {"libsodium failed to start", "не вдалося запустити libsodium",
	                   "не удалось запустить libsodium"}},
	{"cli.cannot_write_output", {"cannot write the output", "не вдається записати вивід",
	                             "не удаётся записать вывод"}},

	/* listings (cli_print_range) */
	{"cli.no_persons", {"no persons match{@at}", "жодна особа не відповідає{@at}",
	                    "ни одно лицо не подходит{@at}"}},
	{"cli.no_cases", {"no cases match{@at}", "жодна справа не відповідає{@at}",
	                  "ни одно дело не подходит{@at}"}},
	{"cli.no_proposals", {"no proposals match{@at}", "жодна пропозиція не відповідає{@at}",
	                      "ни одно предложение не подходит{@at}"}},
	{"cli.at_this_offset", {" at this offset", " з цього зсуву", " с этого смещения"}},
	{"cli.range", {"{first}-{last} of {total}", "{first}–{last} з {total}", "{first}–{last} из {total}"}},
	{"cli.range_more", {"{first}-{last} of {total} (--offset {last} for more)",
	                    "{first}–{last} з {total} (далі: --offset {last})",
	                    "{first}–{last} из {total} (дальше: --offset {last})"}},
	{"cli.range_more_than", {"{first}-{last} of more than {total} (--offset {last} for more)",
	                         "{first}–{last} з понад {total} (далі: --offset {last})",
	                         "{first}–{last} из более чем {total} (дальше: --offset {last})"}},

	/* parley person (cli/cmd_person.c) */
	{"cli.ext_form", {"--ext: expected SOURCE=ID, e.g. icrc=AB-1234",
	                  "--ext: очікується ДЖЕРЕЛО=ID, наприклад icrc=AB-1234",
	                  "--ext: ожидается ИСТОЧНИК=ID, например icrc=AB-1234"}},
	{"cli.ext_max", {"--ext: at most {max}", "--ext: щонайбільше {max}", "--ext: не более {max}"}},
	{"cli.ext_invalid", {"--ext {arg}: {@why}", "--ext {arg}: {@why}", "--ext {arg}: {@why}"}},
	{"cli.clear_no_field", {"--clear: no field '{field}'", "--clear: немає поля «{field}»",
	                        "--clear: нет поля «{field}»"}},
	{"cli.person_nothing_to_change", {"nothing to change: give --FIELD VALUE or --clear FIELD",
	                                  "нічого змінювати: вкажіть --ПОЛЕ ЗНАЧЕННЯ або --clear ПОЛЕ",
	                                  "нечего менять: укажите --ПОЛЕ ЗНАЧЕНИЕ или --clear ПОЛЕ"}},
	{"cli.person_updated", {"updated {person}", "оновлено {person}", "обновлено {person}"}},
	{"cli.no_name", {"(no name)", "(без імені)", "(без имени)"}},
	{"cli.timeline", {"Timeline", "Хронологія", "Хронология"}},
	{"cli.no_events", {"(no events)", "(подій немає)", "(событий нет)"}},
	{"cli.age_form", {"--age: expected MIN-MAX, MIN-, -MAX or N, got '{value}'",
	                  "--age: очікується МІН-МАКС, МІН-, -МАКС або N, отримано «{value}»",
	                  "--age: ожидается МИН-МАКС, МИН-, -МАКС или N, получено «{value}»"}},
	{"cli.name_too_long", {"the name is too long", "ім’я задовге", "имя слишком длинное"}},

	/* files (cli_io_fail) */
	{"cli.cannot_write", {"cannot write {path}: {why}", "не вдається записати {path}: {why}",
	                      "не удаётся записать {path}: {why}"}},
	{"cli.cannot_read", {"cannot read {path}: {why}", "не вдається прочитати {path}: {why}",
	                     "не удаётся прочитать {path}: {why}"}},

	/* parley init, import, stats, demo-data (cli/cmd_registry.c) */
	{"cli.password_for_admin", {"a password is for --admin NAME", "пароль задають лише з --admin ІМ’Я",
	                            "пароль задают только с --admin ИМЯ"}},
	{"cli.password_one_way", {"--password-stdin or --generate-password, not both",
	                          "--password-stdin або --generate-password, не обидва разом",
	                          "--password-stdin или --generate-password, не оба сразу"}},
	{"cli.has_users", {"{db} already has users: add more with 'parley user add'",
	                   "у {db} уже є користувачі: додавайте нових командою «parley user add»",
	                   "в {db} уже есть пользователи: добавляйте новых командой «parley user add»"}},
	{"cli.db_created", {"created {db} (schema version {version})", "створено {db} (версія схеми {version})",
	                    "создана {db} (версия схемы {version})"}},
	{"cli.db_migrated", {"migrated {db} from schema version {from} to {version}",
	                     "{db} оновлено з версії схеми {from} до {version}",
	                     "{db} обновлена с версии схемы {from} до {version}"}},
	{"cli.db_modules_migrated", {"migrated {db}: {modules}", "{db} оновлено: {modules}",
	                             "{db} обновлена: {modules}"}},
	{"cli.db_up_to_date", {"{db} is up to date (schema version {version})",
	                       "{db} не потребує оновлення (версія схеми {version})",
	                       "{db} не требует обновления (версия схемы {version})"}},
	{"cli.admin_added", {"added admin {user}", "додано адміністратора {user}",
	                     "добавлен администратор {user}"}},
	{"cli.admin_added_password", {"added admin {user} with password {password}",
	                              "додано адміністратора {user} з паролем {password}",
	                              "добавлен администратор {user} с паролем {password}"}},
	{"cli.imported_persons", {"imported {rows} rows: {created} persons created, {updated} updated, "
	                          "{unchanged} unchanged; {added} events added, {there} already there",
	                          "імпортовано рядків: {rows}; осіб створено: {created}, оновлено: "
	                          "{updated}, без змін: {unchanged}; подій додано: {added}, уже були: {there}",
	                          "импортировано строк: {rows}; лиц создано: {created}, обновлено: "
	                          "{updated}, без изменений: {unchanged}; событий добавлено: {added}, уже "
	                          "были: {there}"}},
	{"cli.imported_before", {"note: {n} of the files had been imported before",
	                         "примітка: {n} {n#файл|файли|файлів} уже імпортували раніше",
	                         "примечание: {n} {n#файл|файла|файлов} уже импортировали ранее"}},
	{"cli.nothing_imported", {"{prog}: nothing was imported", "{prog}: нічого не імпортовано",
	                          "{prog}: ничего не импортировано"}},
	{"cli.raw_for_csv", {"--raw is for CSV; JSON is always written exactly",
	                     "--raw — лише для CSV; JSON завжди записується точно",
	                     "--raw — только для CSV; JSON всегда записывается точно"}},
	{"cli.events_for_csv", {"--events is for CSV; JSON holds the events with their persons",
	                        "--events — лише для CSV; у JSON події зберігаються разом з особами",
	                        "--events — только для CSV; в JSON события хранятся вместе с лицами"}},
	{"cli.stats_head", {"{db}: {persons} persons, {events} events", "{db}: осіб: {persons}, подій: {events}",
	                    "{db}: лиц: {persons}, событий: {events}"}},
	{"cli.events_out_for_csv", {"--events-out is for --format csv; JSON holds the events",
	                            "--events-out — лише для --format csv; у JSON події вже є",
	                            "--events-out — только для --format csv; в JSON события уже есть"}},
	{"cli.linkage_alone", {"--linkage writes DIR/a.csv and DIR/b.csv: no -o or --events-out",
	                       "--linkage записує КАТАЛОГ/a.csv і КАТАЛОГ/b.csv: без -o і --events-out",
	                       "--linkage записывает КАТАЛОГ/a.csv и КАТАЛОГ/b.csv: без -o и --events-out"}},
	{"cli.remains_alone", {"--remains writes one CSV file: no --format or --events-out",
	                       "--remains записує один файл CSV: без --format і --events-out",
	                       "--remains записывает один файл CSV: без --format и --events-out"}},

	/* parley reconcile, dedupe (cli/cmd_reconcile.c) */
	{"cli.reconciled", {"{n} list {n#row|rows} against {registry} registry {registry#person|persons} "
	                    "({pairs} candidate {pairs#pair|pairs}, {seconds} s)",
	                    "{n} {n#рядок|рядки|рядків} списку проти {registry} {registry#особи|осіб|осіб} "
	                    "реєстру (пар-кандидатів: {pairs}, {seconds} с)",
	                    "{n} {n#строка|строки|строк} списка против {registry} {registry#лица|лиц|лиц} "
	                    "реестра (пар-кандидатов: {pairs}, {seconds} с)"}},
	{"cli.registry_keys", {"  registry keys: {made} made now, {kept} kept from earlier runs",
	                       "  ключі реєстру: створено зараз {made}, збережено з попередніх запусків {kept}",
	                       "  ключи реестра: создано сейчас {made}, сохранено с прошлых запусков {kept}"}},
	{"cli.split_by", {"{n} by {rule}", "{n} за правилом {rule}", "{n} по правилу {rule}"}},
	{"cli.names_split", {"whole names split:{rules} {none} not split (one word, or initials only), "
	                     "{left_out} with words left out",
	                     "повні імена розділено:{rules} не розділено {none} (одне слово або лише "
	                     "ініціали), з пропущеними словами {left_out}",
	                     "полные имена разделены:{rules} не разделено {none} (одно слово или только "
	                     "инициалы), с пропущенными словами {left_out}"}},
	{"cli.thresholds_form", {"--thresholds: expected M or M,R with 0 < R <= M < 1, got '{value}'",
	                         "--thresholds: очікується M або M,R, де 0 < R <= M < 1, отримано «{value}»",
	                         "--thresholds: ожидается M или M,R, где 0 < R <= M < 1, получено «{value}»"}},
	{"cli.decisions_max", {"at most {max} decisions at once", "щонайбільше {max} рішень за раз",
	                       "не более {max} решений за раз"}},
	{"cli.decision_form", {"--{option}: expected LINE:PERSON_ID (e.g. 12:P3F8K2...), got '{value}'",
	                       "--{option}: очікується РЯДОК:ID_ОСОБИ (наприклад, 12:P3F8K2...), отримано "
	                       "«{value}»",
	                       "--{option}: ожидается СТРОКА:ID_ЛИЦА (например, 12:P3F8K2...), получено "
	                       "«{value}»"}},
	{"cli.report_kind_reconcile", {"--report: the file must end in .json, .csv or .html, got '{value}'",
	                               "--report: файл має закінчуватися на .json, .csv або .html, "
	                               "отримано «{value}»",
	                               "--report: файл должен оканчиваться на .json, .csv или .html, "
	                               "получено «{value}»"}},
	{"cli.report_kind_dedupe", {"--report: the file must end in .json or .csv, got '{value}'",
	                            "--report: файл має закінчуватися на .json або .csv, отримано «{value}»",
	                            "--report: файл должен оканчиваться на .json или .csv, получено «{value}»"}},
	{"cli.clause_form", {"--clause: expected AGREEMENT:CLAUSE, got '{value}'",
	                     "--clause: очікується ДОМОВЛЕНІСТЬ:ПУНКТ, отримано «{value}»",
	                     "--clause: ожидается ДОГОВОРЁННОСТЬ:ПУНКТ, получено «{value}»"}},
	{"cli.no_clause", {"agreement {agreement} has no clause '{clause}'",
	                   "у домовленості {agreement} немає пункту «{clause}»",
	                   "в договорённости {agreement} нет пункта «{clause}»"}},
	{"cli.review_form", {"--review: expected a probability between 0 and 1, got '{value}'",
	                     "--review: очікується ймовірність від 0 до 1, отримано «{value}»",
	                     "--review: ожидается вероятность от 0 до 1, получено «{value}»"}},
	{"cli.deduped", {"{n} persons: {clusters} clusters holding {records} records ({pairs} candidate pairs, "
	                 "{seconds} s)",
	                 "осіб: {n}; груп: {clusters}, у них записів: {records} (пар-кандидатів: {pairs}, "
	                 "{seconds} с)",
	                 "лиц: {n}; групп: {clusters}, в них записей: {records} (пар-кандидатов: {pairs}, "
	                 "{seconds} с)"}},
	{"cli.more_clusters", {"  ... {n} more (--report lists them all)", "  ... і ще {n} (усі — у --report)",
	                       "  ... и ещё {n} (все — в --report)"}},

	/* other commands' refusals (cli/cmd_dna_decide.c, cmd_remains.c, cmd_sign.c, cmd_stage*.c) */
	{"cli.decide_no_user", {"a decision on an identification is recorded under a parley user with the "
	                        "dna_write permission; '{user}' is no such user (give --user NAME, or set "
	                        "PARLEY_ACTOR)",
	                        "рішення щодо ідентифікації записують від імені користувача parley з "
	                        "дозволом dna_write; користувача «{user}» немає (вкажіть --user ІМ’Я або "
	                        "задайте PARLEY_ACTOR)",
	                        "решение об идентификации записывают от имени пользователя parley с "
	                        "разрешением dna_write; пользователя «{user}» нет (укажите --user ИМЯ или "
	                        "задайте PARLEY_ACTOR)"}},
	{"cli.decide_no_user_withdraw", {"a decision on an identification is recorded under a parley user "
	                                 "with the dna_write permission or an admin; '{user}' is no such "
	                                 "user (give --user NAME, or set PARLEY_ACTOR)",
	                                 "рішення щодо ідентифікації записують від імені користувача "
	                                 "parley з дозволом dna_write або адміністратора; користувача "
	                                 "«{user}» немає (вкажіть --user ІМ’Я або задайте PARLEY_ACTOR)",
	                                 "решение об идентификации записывают от имени пользователя "
	                                 "parley с разрешением dna_write или администратора; "
	                                 "пользователя «{user}» нет (укажите --user ИМЯ или задайте "
	                                 "PARLEY_ACTOR)"}},
	{"cli.decide_not_allowed", {"user {user} may not decide on identifications: that needs the dna_write "
	                            "permission (the identification role)",
	                            "користувач {user} не може ухвалювати рішення щодо ідентифікацій: для "
	                            "цього потрібен дозвіл dna_write (роль ідентифікації)",
	                            "пользователь {user} не может принимать решения об идентификациях: для "
	                            "этого нужно разрешение dna_write (роль идентификации)"}},
	{"cli.decide_not_allowed_withdraw", {"user {user} may not decide on identifications: that needs the "
	                                     "dna_write permission (the identification role), or the admin "
	                                     "role for a withdrawal",
	                                     "користувач {user} не може ухвалювати рішення щодо "
	                                     "ідентифікацій: для цього потрібен дозвіл dna_write (роль "
	                                     "ідентифікації), а для відкликання — роль адміністратора",
	                                     "пользователь {user} не может принимать решения об "
	                                     "идентификациях: для этого нужно разрешение dna_write (роль "
	                                     "идентификации), а для отзыва — роль администратора"}},
	{"cli.untie_alone", {"--untie: give no --stage, --clause or --declared with it",
	                     "--untie: не вказуйте разом з ним --stage, --clause чи --declared",
	                     "--untie: не указывайте вместе с ним --stage, --clause или --declared"}},
	{"cli.stage_or_untie", {"--stage is required (or --untie)", "потрібен --stage (або --untie)",
	                        "нужен --stage (или --untie)"}},
	{"cli.json_at", {"{path}: line {line}, column {column}: {detail}",
	                 "{path}: рядок {line}, стовпець {column}: {detail}",
	                 "{path}: строка {line}, столбец {column}: {detail}"}},
	{"cli.not_a_document", {"{path}: expected a JSON object (a document, or a signed one)",
	                        "{path}: очікується об’єкт JSON (документ або підписаний документ)",
	                        "{path}: ожидается объект JSON (документ или подписанный документ)"}},
	{"cli.public_key_file", {"{path} is a public key file: signing takes the secret key file",
	                         "{path} — файл відкритого ключа: для підпису потрібен файл секретного ключа",
	                         "{path} — файл открытого ключа: для подписи нужен файл секретного ключа"}},
	{"cli.side_form", {"--side: expected {a} or {b}, got '{value}'", "--side: очікується {a} або {b}, "
	                   "отримано «{value}»", "--side: ожидается {a} или {b}, получено «{value}»"}},
	{"cli.outcomes_header", {"{path}:{line}: expected the header person,outcome,substitute,note",
	                         "{path}:{line}: очікується заголовок person,outcome,substitute,note",
	                         "{path}:{line}: ожидается заголовок person,outcome,substitute,note"}},
	{"cli.outcome_value", {"{path}:{line}: column outcome: expected handed_over, not_presented, refused, "
	                       "substituted or died, got '{value}'",
	                       "{path}:{line}: стовпець outcome: очікується handed_over, not_presented, "
	                       "refused, substituted або died, отримано «{value}»",
	                       "{path}:{line}: столбец outcome: ожидается handed_over, not_presented, "
	                       "refused, substituted или died, получено «{value}»"}},
	{"cli.outcomes_max", {"{path}: more than {max} outcomes", "{path}: понад {max} результатів",
	                      "{path}: более {max} результатов"}},

	/* other commands' usage (cli/cmd_*.c) */
	{"cli.since_form", {"--since: {@why}, got '{value}'", "--since: {@why}, отримано «{value}»",
	                    "--since: {@why}, получено «{value}»"}},
	{"cli.dna_import_what", {"import what? remains, references, pedigree or frequencies (got '{value}')",
	                         "що імпортувати? remains, references, pedigree або frequencies (отримано "
	                         "«{value}»)",
	                         "что импортировать? remains, references, pedigree или frequencies "
	                         "(получено «{value}»)"}},
	{"cli.min_count_with_from", {"--min-count goes with --from", "--min-count вказують разом з --from",
	                             "--min-count указывают вместе с --from"}},
	{"cli.simulate_too_many", {"--unrelated and --fragments together are more than all the remains",
	                           "--unrelated і --fragments разом більші за всі останки",
	                           "--unrelated и --fragments вместе больше, чем все останки"}},
	{"cli.tls_both", {"TLS needs both --tls-cert and --tls-key", "для TLS потрібні і --tls-cert, і --tls-key",
	                  "для TLS нужны и --tls-cert, и --tls-key"}},
	{"cli.party_form", {"--party: expected a party code, 2 or 3 capital Latin letters (UA), got '{value}'",
	                    "--party: очікується код сторони, 2 або 3 великі латинські літери (UA), отримано "
	                    "«{value}»",
	                    "--party: ожидается код стороны, 2 или 3 заглавные латинские буквы (UA), "
	                    "получено «{value}»"}},
	{"cli.outcome_form", {"--outcome: expected PERSON=OUTCOME (handed_over, not_presented, refused, died, "
	                      "substituted:OTHER), got '{value}'",
	                      "--outcome: очікується ОСОБА=РЕЗУЛЬТАТ (handed_over, not_presented, refused, "
	                      "died, substituted:ІНША), отримано «{value}»",
	                      "--outcome: ожидается ЛИЦО=РЕЗУЛЬТАТ (handed_over, not_presented, refused, "
	                      "died, substituted:ДРУГОЕ), получено «{value}»"}},
	{"cli.delivered_form", {"--delivered: expected BATCH=N, got '{value}'",
	                        "--delivered: очікується ПАРТІЯ=N, отримано «{value}»",
	                        "--delivered: ожидается ПАРТИЯ=N, получено «{value}»"}},
	{"cli.fix_outcome_form", {"--outcome: expected handed_over, not_presented, refused or died, got '{value}'",
	                          "--outcome: очікується handed_over, not_presented, refused або died, "
	                          "отримано «{value}»",
	                          "--outcome: ожидается handed_over, not_presented, refused или died, "
	                          "получено «{value}»"}},
	{"cli.roles_form", {"--roles: expected one or more of {roles}", "--roles: очікується одна або кілька з: {roles}",
	                    "--roles: ожидается одна или несколько из: {roles}"}},
	{"cli.not_a_role", {"--roles: '{role}' is not a role; the roles are {roles}",
	                    "--roles: «{role}» — не роль; ролі: {roles}",
	                    "--roles: «{role}» — не роль; роли: {roles}"}},
	{"cli.roles_in_set", {"--roles and --display belong to 'parley user set'",
	                      "--roles і --display задають командою «parley user set»",
	                      "--roles и --display задают командой «parley user set»"}},
	{"cli.passwords_in_passwd", {"passwords belong to 'parley user passwd'",
	                             "паролі задають командою «parley user passwd»",
	                             "пароли задают командой «parley user passwd»"}},
	{"cli.user_nothing_to_change", {"nothing to change: give --roles or --display",
	                                "нічого змінювати: вкажіть --roles або --display",
	                                "нечего менять: укажите --roles или --display"}},
	{"cli.fingerprint_expected", {"expected a key FINGERPRINT", "очікується ВІДБИТОК ключа",
	                              "ожидается ОТПЕЧАТОК ключа"}},
	{"cli.force_with_confirm", {"--force goes with confirm", "--force вказують лише з confirm",
	                            "--force указывают только с confirm"}},
	{"cli.withdraw_options", {"--reason, --approve and --cancel go with withdraw",
	                          "--reason, --approve і --cancel вказують лише з withdraw",
	                          "--reason, --approve и --cancel указывают только с withdraw"}},
	{"cli.withdraw_reason", {"a withdrawal takes --reason, not --note",
	                         "для відкликання вказують --reason, а не --note",
	                         "для отзыва указывают --reason, а не --note"}},
	{"cli.withdraw_one", {"give one of --reason TEXT (request), --approve or --cancel",
	                      "вкажіть одне з: --reason ТЕКСТ (запит), --approve або --cancel",
	                      "укажите одно из: --reason ТЕКСТ (запрос), --approve или --cancel"}},
	{"cli.handover_point_with_save", {"--handover-point goes with --save",
	                                  "--handover-point вказують разом з --save",
	                                  "--handover-point указывают вместе с --save"}},
	{"cli.sign_stdin_needs_out", {"give -o OUT to sign standard input",
	                              "щоб підписати стандартний ввід, вкажіть -o ФАЙЛ",
	                              "чтобы подписать стандартный ввод, укажите -o ФАЙЛ"}},
	{"cli.keys_max", {"at most {max} --key files", "щонайбільше {max} файлів --key",
	                  "не более {max} файлов --key"}},
	{"cli.loci_max", {"--{option}: at most {max} loci with a model of their own",
	                  "--{option}: щонайбільше {max} локусів з власною моделлю",
	                  "--{option}: не более {max} локусов с собственной моделью"}},
	{"cli.expected_number", {"--{option}: expected a number, got '{value}'",
	                         "--{option}: очікується число, отримано «{value}»",
	                         "--{option}: ожидается число, получено «{value}»"}},
	{NULL, {NULL}},
};
