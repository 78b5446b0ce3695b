/* The message catalogue's part for agreements, the rule language, manifests, stages, the ledger and remains batches (src/accord, src/remains):
 * each code's text in English, Ukrainian and Russian, with the same
 * {arguments} (msg.h). The English text is what the CLI has always printed. */
#include "core/msg.h"

const msg_entry msg_table_accord[] = {
	/* the notes a stage puts on persons' events (accord/stage_life.c) */
	{"stage.note", {"stage {n} of {agreement} ({stage})",
	                "етап {n} домовленості «{agreement}» ({stage})",
	                "этап {n} договорённости «{agreement}» ({stage})"}},
	{"stage.note_agreed", {"stage {n} of {agreement} ({stage}), manifest version {version}",
	                "етап {n} домовленості «{agreement}» ({stage}), версія маніфесту {version}",
	                "этап {n} договорённости «{agreement}» ({stage}), версия манифеста {version}"}},
	{"stage.note_delisted", {"stage {n} of {agreement} ({stage}): {@why}",
	                "етап {n} домовленості «{agreement}» ({stage}): {@why}",
	                "этап {n} договорённости «{agreement}» ({stage}): {@why}"}},
	{"stage.why_changed", {"its manifest changed", "його маніфест змінився", "его манифест изменился"}},
	{"stage.why_new_version", {"a new version of its manifest", "нова версія його маніфесту",
	                "новая версия его манифеста"}},
	{"stage.note_outcome", {"{@outcome}{note}", "{@outcome}{note}", "{@outcome}{note}"}},

	/* context put in front of another message (msg_wrap): {@said} is that message */
	{"stage.cannot_void", {"{whose}'s {event_type} event of this stage cannot be voided: {@said}",
	                "подію {event_type} особи {whose} з цього етапу не можна анулювати: {@said}",
	                "событие {event_type} лица {whose} с этого этапа нельзя аннулировать: {@said}"}},
	{"stage.correcting", {"correcting entry {entry} of stage {of_stage}: {@said}",
	                "виправлення запису {entry} етапу {of_stage}: {@said}",
	                "исправление записи {entry} этапа {of_stage}: {@said}"}},
	{"stage.substitute_for", {"substitute for {original}: {@said}", "заміна для {original}: {@said}",
	                "замена для {original}: {@said}"}},
	{"aftercare.person_at", {"persons[{at}] ({who}): {@said}", "особи[{at}] ({who}): {@said}",
	                "лица[{at}] ({who}): {@said}"}},

	/* the rule language's parser (accord/rule.c): where, then what */
	{"rule.expected", {"column {column}: expected {@what}, got '{got}'",
	                "позиція {column}: очікується {@what}, отримано «{got}»",
	                "позиция {column}: ожидается {@what}, получено «{got}»"}},
	{"rule.expected_end", {"column {column}: expected {@what}, got the end of the rule",
	                "позиція {column}: очікується {@what}, а правило скінчилося",
	                "позиция {column}: ожидается {@what}, а правило закончилось"}},
	{"rule.w_date", {"a date (YYYY, YYYY-MM or YYYY-MM-DD) or stage_date",
	                "дата (РРРР, РРРР-ММ або РРРР-ММ-ДД) або stage_date",
	                "дата (ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД) или stage_date"}},
	{"rule.w_value", {"a field, a number, a date, a word or \"quoted text\"",
	                "поле, число, дата, слово або \"текст у лапках\"",
	                "поле, число, дата, слово или \"текст в кавычках\""}},
	{"rule.w_open", {"'('", "«(»", "«(»"}},
	{"rule.w_close", {"')'", "«)»", "«)»"}},
	{"rule.w_open_age", {"'(' after age", "«(» після age", "«(» после age"}},
	{"rule.w_open_in", {"'(' after in", "«(» після in", "«(» после in"}},
	{"rule.w_in", {"'in' after 'not'", "«in» після «not»", "«in» после «not»"}},
	{"rule.w_list", {"',' or ')'", "«,» або «)»", "«,» или «)»"}},
	{"rule.w_unknown", {"'unknown'", "«unknown»", "«unknown»"}},
	{"rule.w_and", {"'and'", "«and»", "«and»"}},
	{"rule.w_comparison", {"a comparison (=, !=, <, <=, >, >=), in, not in, between or is",
	                "порівняння (=, !=, <, <=, >, >=), in, not in, between або is",
	                "сравнение (=, !=, <, <=, >, >=), in, not in, between или is"}},
	{"rule.w_end", {"'and', 'or' or the end of the rule", "«and», «or» або кінець правила",
	                "«and», «or» или конец правила"}},
	{"rule.closing", {"column {column}: expected the closing {quote} of this text",
	                "позиція {column}: очікуються закривні лапки {quote} цього тексту",
	                "позиция {column}: ожидается закрывающая кавычка {quote} этого текста"}},
	{"rule.empty_quotes", {"column {column}: expected text between the quotes",
	                "позиція {column}: між лапками очікується текст",
	                "позиция {column}: между кавычками ожидается текст"}},
	{"rule.not_value", {"column {column}: '{value}' is not a value of {field} (expected one of: {allowed})",
	                "позиція {column}: «{value}» не є значенням {field} (можливі: {allowed})",
	                "позиция {column}: «{value}» не значение {field} (возможны: {allowed})"}},
	{"rule.incomparable", {"column {column}: these cannot be compared ({@x} with {@y})",
	                "позиція {column}: це не можна порівнювати ({@x} і {@y})",
	                "позиция {column}: это нельзя сравнивать ({@x} и {@y})"}},
	{"rule.k_number", {"a number", "число", "число"}},
	{"rule.k_date", {"a date", "дата", "дата"}},
	{"rule.k_text", {"text", "текст", "текст"}},
	{"rule.order_text", {"column {column}: {op} compares numbers or dates, not text",
	                "позиція {column}: {op} порівнює числа або дати, не текст",
	                "позиция {column}: {op} сравнивает числа или даты, не текст"}},
	{"rule.between_text", {"column {column}: between compares numbers or dates, not text",
	                "позиція {column}: between порівнює числа або дати, не текст",
	                "позиция {column}: between сравнивает числа или даты, не текст"}},
	{"rule.list_max", {"column {column}: at most {max} values in a list",
	                "позиція {column}: у списку не більше {max} значень",
	                "позиция {column}: в списке не больше {max} значений"}},
	{"rule.too_deep", {"column {column}: the rule nests too deeply",
	                "позиція {column}: правило має забагато рівнів вкладеності",
	                "позиция {column}: у правила слишком много уровней вложенности"}},
	{"rule.nothing", {"column 1: expected a rule, got nothing",
	                "позиція 1: очікується правило, а його немає",
	                "позиция 1: ожидается правило, а его нет"}},

	/* manifests, stages and the plan (accord/manifest*.c, stage*.c) */
	{"manifest.other_terms", {"{file}: the manifest is under other terms of agreement {agreement} than those "
	                 "stored here (sha256 {theirs}..., here {here}...)",
	                "{file}: маніфест складено за іншими умовами домовленості «{agreement}», ніж "
	                 "збережені тут (sha256 {theirs}..., тут {here}...)",
	                "{file}: манифест составлен по другим условиям договорённости «{agreement}», чем "
	                 "сохранённые здесь (sha256 {theirs}..., здесь {here}...)"}},
	{"manifest.other_parties", {"{file}: the manifest's parties or mediator are not agreement {agreement}'s",
	                "{file}: сторони або посередник маніфесту не ті, що в домовленості «{agreement}»",
	                "{file}: стороны или посредник манифеста не те, что в договорённости «{agreement}»"}},
	{"manifest.both_changed", {"{file}: version {version} of stage {stage} here is another document (sha256 "
	                 "{here}..., this one {theirs}...): both sides changed it; agree on one",
	                "{file}: версія {version} етапу {stage} тут — інший документ (sha256 {here}..., "
	                 "цей {theirs}...): його змінили обидві сторони; домовтеся про одну",
	                "{file}: версия {version} этапа {stage} здесь — другой документ (sha256 {here}..., "
	                 "этот {theirs}...): его изменили обе стороны; договоритесь об одной"}},
	{"manifest.sign_as_party", {"the office's key {key} is a {role:signer_roles}'s ({signer}): you may sign "
	                 "only as a party",
	                "ключ офісу {key} належить ролі «{role:signer_roles}» ({signer}): ви можете "
	                 "підписувати лише як сторона",
	                "ключ офиса {key} принадлежит роли «{role:signer_roles}» ({signer}): вы можете "
	                 "подписывать только как сторона"}},
	{"manifest.sign_as_mediator", {"the office's key {key} is a {role:signer_roles}'s ({signer}): you may "
	                 "sign only as the mediator",
	                "ключ офісу {key} належить ролі «{role:signer_roles}» ({signer}): ви можете "
	                 "підписувати лише як посередник",
	                "ключ офиса {key} принадлежит роли «{role:signer_roles}» ({signer}): вы можете "
	                 "подписывать только как посредник"}},
	{"plan.no_day", {"the plan has no stage {day} (it has {n})",
	                "у плані немає етапу {day} (їх {n})",
	                "в плане нет этапа {day} (их {n})"}},
	{"stage.nothing_to_change", {"nothing to change", "змінювати нічого", "изменять нечего"}},
	{"stage.no_version", {"stage {stage} has no version {version} (it is at version {n})",
	                "етап {stage} не має версії {version} (його версія — {n})",
	                "у этапа {stage} нет версии {version} (его версия — {n})"}},
	{"stage.diff_versions", {"stage {stage}: two different versions to compare, from 1 to {n}",
	                "етап {stage}: для порівняння потрібні дві різні версії, від 1 до {n}",
	                "этап {stage}: для сравнения нужны две разные версии, от 1 до {n}"}},
	{"stage.substitute_name", {"name: at least two letters of a name to search for",
	                "ім’я: для пошуку потрібні щонайменше дві літери імені",
	                "имя: для поиска нужны хотя бы две буквы имени"}},

	/* the ledger's batches of bodies (accord/ledger_batch.c), after the field */
	{"ledger.clause_required", {"required: the body-exchange clause the bodies count under",
	                "обов’язково: пункт про обмін тілами, за яким їх рахують",
	                "обязательно: пункт об обмене телами, по которому их считают"}},
	{"ledger.no_clause", {"agreement '{agreement}' has no clause '{clause}'",
	                "у домовленості «{agreement}» немає пункту «{clause}»",
	                "в договорённости «{agreement}» нет пункта «{clause}»"}},
	{"ledger.not_remains_clause", {"clause '{clause}' is about {subject:subjects}, not bodies: a batch counts "
	                 "under a clause about remains",
	                "пункт «{clause}» стосується категорії «{subject:subjects}», а не тіл: партію "
	                 "рахують за пунктом про останки",
	                "пункт «{clause}» относится к категории «{subject:subjects}», а не к телам: "
	                 "партию считают по пункту об останках"}},
	{"ledger.batch_parties", {"batch '{batch}' goes from {@from} to {@to}; agreement '{agreement}' is between "
	                 "{a} and {b}",
	                "партія «{batch}» іде від {@from} до {@to}; домовленість «{agreement}» укладено "
	                 "між {a} і {b}",
	                "партия «{batch}» идёт от {@from} к {@to}; договорённость «{agreement}» "
	                 "заключена между {a} и {b}"}},
	{"ledger.not_known", {"(not known)", "(невідомо)", "(неизвестно)"}},
	{"ledger.no_declared", {"batch '{batch}' has no declared count: give the bodies the sender declared",
	                "у партії «{batch}» немає заявленої кількості: укажіть, скільки тіл заявив "
	                 "відправник",
	                "у партии «{batch}» нет заявленного количества: укажите, сколько тел заявил "
	                 "отправитель"}},
	{"ledger.stage_other", {"stage {stage} belongs to agreement '{agreement}', not '{other}'",
	                "етап {stage} належить до домовленості «{agreement}», а не «{other}»",
	                "этап {stage} относится к договорённости «{agreement}», а не «{other}»"}},
	{"ledger.stage_cancelled", {"stage {stage} is cancelled: its bodies would count nowhere",
	                "етап {stage} скасовано: його тіла ніде не було б враховано",
	                "этап {stage} отменён: его тела нигде не были бы учтены"}},

	/* the remains module (src/remains): filters and the cases importer */
	{"remains.no_value", {"{what}: no {what} '{value}' (expected {allowed})",
	                "{what}: немає значення «{value}» (можливі: {allowed})",
	                "{what}: нет значения «{value}» (возможны: {allowed})"}},
	{"remains.cannot_open", {"cannot open {file}: {why}",
	                "не вдалося відкрити {file}: {why}",
	                "не удалось открыть {file}: {why}"}},
	{"remains.column_said", {"column '{column}': {@said}", "стовпець «{column}»: {@said}",
	                "столбец «{column}»: {@said}"}},
	{"remains.column_near", {"column {n}: unknown column '{column}' (did you mean '{near}'?)",
	                "стовпець {n}: невідомий стовпець «{column}» (можливо, «{near}»?)",
	                "столбец {n}: неизвестный столбец «{column}» (может быть, «{near}»?)"}},
	{"remains.column_unknown", {"column {n}: unknown column '{column}' (see docs/remains.md for the columns "
	                 "of a cases file)",
	                "стовпець {n}: невідомий стовпець «{column}» (стовпці файлу справ описано в "
	                 "docs/remains.md)",
	                "столбец {n}: неизвестный столбец «{column}» (столбцы файла дел описаны в "
	                 "docs/remains.md)"}},
	{"remains.no_tag_column", {"no 'tag' column: every case needs its tag",
	                "немає стовпця «tag»: кожній справі потрібна її мітка",
	                "нет столбца «tag»: каждому делу нужна его метка"}},

	/* the CLI's lines (src/cli: agreement, plan, stage, statement, remains) */
	{"cli.agreement_ok", {"{file}: ok", "{file}: гаразд", "{file}: в порядке"}},
	{"cli.agreement_stored", {"stored agreement {agreement} ({n} {n#clause|clauses}, sha256 {sha})",
	                "домовленість {agreement} збережено ({n} {n#пункт|пункти|пунктів}, sha256 {sha})",
	                "договорённость {agreement} сохранена ({n} {n#пункт|пункта|пунктов}, sha256 {sha})"}},
	{"cli.agreement_had", {"already have agreement {agreement} ({n} {n#clause|clauses}, sha256 {sha})",
	                "домовленість {agreement} уже є ({n} {n#пункт|пункти|пунктів}, sha256 {sha})",
	                "договорённость {agreement} уже есть ({n} {n#пункт|пункта|пунктов}, sha256 {sha})"}},
	{"cli.plan_saved", {"saved the next stage as {stage} (draft)",
	                "наступний етап збережено як {stage} (чернетка)",
	                "следующий этап сохранён как {stage} (черновик)"}},
	{"cli.stage_diff", {"stage {stage}, manifest version {from} -> {to}",
	                "етап {stage}, версія маніфесту {from} -> {to}",
	                "этап {stage}, версия манифеста {from} -> {to}"}},
	{"cli.stage_changes", {"{n} {n#change|changes}", "{n} {n#зміна|зміни|змін}",
	                "{n} {n#изменение|изменения|изменений}"}},
	{"cli.stage_added", {"stage {stage}: {n} added; manifest version {version}, in draft",
	                "етап {stage}: додано {n}; версія маніфесту {version}, чернетка",
	                "этап {stage}: добавлено {n}; версия манифеста {version}, черновик"}},
	{"cli.stage_removed", {"stage {stage}: {n} removed; a new manifest version, in draft",
	                "етап {stage}: вилучено {n}; нова версія маніфесту, чернетка",
	                "этап {stage}: исключено {n}; новая версия манифеста, черновик"}},
	{"cli.stage_proposed", {"stage {stage} proposed", "етап {stage} запропоновано",
	                "этап {stage} предложен"}},
	{"cli.stage_closed", {"stage {stage} closed", "етап {stage} закрито", "этап {stage} закрыт"}},
	{"cli.stage_cancelled", {"stage {stage} cancelled", "етап {stage} скасовано",
	                "этап {stage} отменён"}},
	{"cli.stage_report", {"stage {stage} {@done}: {h0} and {h1} handed over ({s0} and {s1} substitutes), "
	                 "{m0} and {m1} not delivered;",
	                "етап {stage} {@done}: передано {h0} і {h1} (замін: {s0} і {s1}), не доставлено "
	                 "{m0} і {m1};",
	                "этап {stage} {@done}: передано {h0} и {h1} (замен: {s0} и {s1}), не доставлено "
	                 "{m0} и {m1};"}},
	{"cli.stage_report_tail", {"{b0} and {b1} bodies; {art117} under Art. 117; {n} discrepancies logged",
	                "тіл: {b0} і {b1}; за ст. 117: {art117}; записано розбіжностей: {n}",
	                "тел: {b0} и {b1}; по ст. 117: {art117}; записано расхождений: {n}"}},
	{"cli.stage_done_executed", {"executed", "виконано", "выполнен"}},
	{"cli.stage_done_recorded", {"recorded", "записано", "записан"}},
	{"cli.stage_done_finished", {"finished (executed)", "завершено (виконано)",
	                "завершён (выполнен)"}},
	{"cli.stage_corrected", {"stage {stage}: {person} corrected to {outcome}",
	                "етап {stage}: результат {person} виправлено на {outcome}",
	                "этап {stage}: результат {person} исправлен на {outcome}"}},
	{"cli.stage_show", {"stage {stage}: number {n} of {agreement}, {date}",
	                "етап {stage}: № {n} домовленості {agreement}, {date}",
	                "этап {stage}: № {n} договорённости {agreement}, {date}"}},
	{"cli.stage_show_status", {"  status {status}, manifest version {version} (sha256 {sha}...)",
	                "  статус {status}, версія маніфесту {version} (sha256 {sha}...)",
	                "  статус {status}, версия манифеста {version} (sha256 {sha}...)"}},
	{"cli.stage_not_set", {"(not set)", "(не вказано)", "(не указано)"}},
	{"cli.stage_show_handover", {"  handover at {@point}", "  передача: {@point}", "  передача: {@point}"}},
	{"cli.stage_show_transit", {"  handover at {@point}, then through {transit}",
	                "  передача: {@point}, далі через {transit}",
	                "  передача: {@point}, далее через {transit}"}},
	{"cli.stage_show_signatures", {"  signatures on this version: ", "  підписи цієї версії: ",
	                "  подписи этой версии: "}},
	{"cli.stage_show_unsigned", {"  signatures on this version: none", "  підписи цієї версії: немає",
	                "  подписи этой версии: нет"}},
	{"cli.stage_show_batch", {"remains: {party} hands over batch {batch}, {n} bodies declared (clause {clause})",
	                "останки: {party} передає партію {batch}, заявлено тіл: {n} (пункт {clause})",
	                "останки: {party} передаёт партию {batch}, заявлено тел: {n} (пункт {clause})"}},
	{"cli.stage_show_delivered", {"remains: {party} hands over batch {batch}, {n} bodies declared, {delivered} "
	                 "delivered (clause {clause})",
	                "останки: {party} передає партію {batch}, заявлено тіл: {n}, доставлено: "
	                 "{delivered} (пункт {clause})",
	                "останки: {party} передаёт партию {batch}, заявлено тел: {n}, доставлено: "
	                 "{delivered} (пункт {clause})"}},
	{"cli.stage_show_discrepancy", {"discrepancy:", "розбіжність:", "расхождение:"}},
	{"cli.stage_show_correction", {"correction of entry {seq}: {before} -> {outcome} ({date}), by {actor} at "
	                 "{ts}:",
	                "виправлення запису {seq}: {before} -> {outcome} ({date}), {actor}, {ts}:",
	                "исправление записи {seq}: {before} -> {outcome} ({date}), {actor}, {ts}:"}},
	{"cli.aftercare_summary", {"{n} handed over in stages: {steps}; {art117} under Art. 117 (no active duty)",
	                "передано на етапах: {n}; {steps}; за ст. 117: {art117} (без активної служби)",
	                "передано на этапах: {n}; {steps}; по ст. 117: {art117} (без активной службы)"}},
	{"cli.statement_title_plain", {"note: agreement {agreement} gives its title in one language, not said "
	                 "which; the statement uses it as written",
	                "примітка: домовленість {agreement} дає назву однією мовою, не кажучи якою; "
	                 "заява наводить її як є",
	                "примечание: договорённость {agreement} даёт название на одном языке, не "
	                 "указывая каком; заявление приводит его как есть"}},
	{"cli.statement_title_other", {"note: agreement {agreement} has no title in {lang}; the statement uses "
	                 "its {got} title",
	                "примітка: домовленість {agreement} не має назви мовою {lang}; заява наводить "
	                 "її назву мовою {got}",
	                "примечание: у договорённости {agreement} нет названия на языке {lang}; "
	                 "заявление приводит её название на языке {got}"}},
	{"cli.remains_events", {"{n} {n#event|events} recorded on the person",
	                "для особи записано {n} {n#подію|події|подій}",
	                "для лица записано {n} {n#событие|события|событий}"}},
	{"cli.remains_status", {"status: {status}", "статус: {status}", "статус: {status}"}},
	{"cli.remains_status_as", {"status: {status} as {person}", "статус: {status} як {person}",
	                "статус: {status} как {person}"}},
	{"cli.remains_custody_head", {"Chain of custody", "Ланцюг зберігання", "Цепочка хранения"}},
	{"cli.remains_fragments_head", {"Fragments", "Фрагменти", "Фрагменты"}},
	{"cli.remains_related_head", {"The same person in other cases", "Та сама особа в інших справах",
	                "То же лицо в других делах"}},
	{"cli.remains_none_recorded", {"  (none recorded)", "  (нічого не записано)", "  (ничего не записано)"}},
	{"cli.remains_note", {"note:", "примітка:", "примечание:"}},
	{"cli.remains_imported", {"imported {rows} rows: {created} cases created, {updated} updated, "
	                 "{unchanged} unchanged; {batches} batches created, {custody} custody entries "
	                 "added, {events} events recorded",
	                "імпортовано рядків: {rows}; справ створено: {created}, оновлено: {updated}, без "
	                 "змін: {unchanged}; партій створено: {batches}, записів зберігання додано: "
	                 "{custody}, подій записано: {events}",
	                "импортировано строк: {rows}; дел создано: {created}, обновлено: {updated}, без "
	                 "изменений: {unchanged}; партий создано: {batches}, записей хранения "
	                 "добавлено: {custody}, событий записано: {events}"}},
	{"cli.remains_notes", {"notes:", "примітки:", "примечания:"}},
	{"cli.remains_held", {"{case}: held by {holder} since {since}",
	                "{case}: зберігає {holder} з {since}",
	                "{case}: хранит {holder} с {since}"}},
	{"cli.remains_fragment_same", {"{case}: fragment {label} unchanged",
	                "{case}: фрагмент {label} без змін",
	                "{case}: фрагмент {label} без изменений"}},
	{"cli.remains_fragment_added", {"{case}: fragment {label} added",
	                "{case}: фрагмент {label} додано",
	                "{case}: фрагмент {label} добавлен"}},
	{"cli.remains_fragment_changed", {"{case}: fragment {label} changed",
	                "{case}: фрагмент {label} змінено",
	                "{case}: фрагмент {label} изменён"}},
	{"cli.remains_no_batches", {"no batches recorded", "партій не записано", "партий не записано"}},
	{"cli.remains_fewer", {"{n} fewer cases received than declared",
	                "отримано на {n} {n#справу|справи|справ} менше, ніж заявлено",
	                "получено на {n} {n#дело|дела|дел} меньше, чем заявлено"}},
	{"cli.remains_more", {"{n} more cases received than declared",
	                "отримано на {n} {n#справу|справи|справ} більше, ніж заявлено",
	                "получено на {n} {n#дело|дела|дел} больше, чем заявлено"}},
	{"cli.remains_in_stage", {"handed over in stage {stage}", "передано на етапі {stage}",
	                "передано на этапе {stage}"}},
	{"cli.remains_in_stage_clause", {"handed over in stage {stage}, counted under clause {clause}",
	                "передано на етапі {stage}, враховано за пунктом {clause}",
	                "передано на этапе {stage}, учтено по пункту {clause}"}},
	{"cli.remains_tied", {"{batch}: {n} bodies counted under clause {clause}, stage {stage}",
	                "{batch}: тіл {n}, враховано за пунктом {clause}, етап {stage}",
	                "{batch}: тел {n}, учтено по пункту {clause}, этап {stage}"}},
	{"cli.remains_untied", {"{batch}: tied to no stage", "{batch}: не прив’язано до жодного етапу",
	                "{batch}: не привязана ни к одному этапу"}},

	/* agreement and manifest documents (accord/jdoc.c, agreement.c,
	 * manifest_doc.c), after the file's name and the path in it */
	{"doc.object", {"expected an object", "очікується об’єкт", "ожидается объект"}},
	{"doc.required", {"missing (it is required)", "відсутнє (це обов’язково)",
	                "отсутствует (это обязательно)"}},
	{"doc.text", {"expected text", "очікується текст", "ожидается текст"}},
	{"doc.text_empty", {"expected text, got an empty string", "очікується текст, отримано порожній рядок",
	                "ожидается текст, получена пустая строка"}},
	{"doc.one_line", {"expected one line of text", "очікується один рядок тексту",
	                "ожидается одна строка текста"}},
	{"doc.bad_value", {"{@why}, got '{value}'", "{@why}, отримано «{value}»", "{@why}, получено «{value}»"}},
	{"doc.why", {"{@why}", "{@why}", "{@why}"}},
	{"doc.whole_number", {"expected a whole number from {min} to {max}",
	                "очікується ціле число від {min} до {max}",
	                "ожидается целое число от {min} до {max}"}},
	{"doc.one_of", {"expected one of {allowed}, got '{value}'",
	                "очікується одне з: {allowed}, отримано «{value}»",
	                "ожидается одно из: {allowed}, получено «{value}»"}},
	{"doc.party_of", {"expected one of the parties, {a} or {b}",
	                "очікується одна зі сторін, {a} або {b}",
	                "ожидается одна из сторон, {a} или {b}"}},
	{"doc.ext_object", {"expected an object of identifiers, {\"icrc\": \"...\"}",
	                "очікується об’єкт ідентифікаторів, {\"icrc\": \"...\"}",
	                "ожидается объект идентификаторов, {\"icrc\": \"...\"}"}},
	{"doc.ext_max", {"at most {max} identifiers", "не більше {max} ідентифікаторів",
	                "не больше {max} идентификаторов"}},
	{"doc.long_200", {"longer than 200 characters", "довше за 200 символів", "длиннее 200 символов"}},
	{"doc.surname", {"a person needs a surname (in any script)",
	                "для особи потрібне прізвище (будь-якою писемністю)",
	                "для лица нужна фамилия (любым письмом)"}},
	{"doc.rising", {"expected numbers rising through the list (after {after})",
	                "очікуються номери, що зростають у списку (після {after})",
	                "ожидаются номера, возрастающие по списку (после {after})"}},
	{"doc.list", {"expected a list", "очікується список", "ожидается список"}},
	{"doc.not_manifest", {"expected \"manifest/1\" (is this a manifest?)",
	                "очікується \"manifest/1\" (чи це маніфест?)",
	                "ожидается \"manifest/1\" (это манифест?)"}},
	{"doc.stage_id", {"expected a stage id, S and 16 characters",
	                "очікується ідентифікатор етапу: S і 16 символів",
	                "ожидается идентификатор этапа: S и 16 символов"}},
	{"doc.two_parties", {"expected the two parties' codes", "очікуються коди двох сторін",
	                "ожидаются коды двух сторон"}},
	{"doc.totals", {"do not add up to the lists' entries and remains",
	                "не збігаються з сумою записів списків і останків",
	                "не сходятся с суммой записей списков и останков"}},
	{"doc.title", {"expected the title in at least one of en, uk, ru",
	                "очікується назва хоча б однією з мов: en, uk, ru",
	                "ожидается название хотя бы на одном из языков: en, uk, ru"}},
	{"doc.scale", {"expected a list of steps, {\"when\": RULE, \"points\": N}",
	                "очікується список кроків, {\"when\": RULE, \"points\": N}",
	                "ожидается список шагов, {\"when\": RULE, \"points\": N}"}},
	{"doc.scale_max", {"at most {max} steps", "не більше {max} кроків", "не больше {max} шагов"}},
	{"doc.each_or_quota", {"give either each (N for N) or quota (per side), not both",
	                "укажіть або each (N за N), або quota (для кожної сторони), не обидва",
	                "укажите либо each (N за N), либо quota (для каждой стороны), не оба"}},
	{"doc.quota_needs", {"a quota needs each (N for N) or quota ({\"{a}\": N, \"{b}\": M})",
	                "для квоти потрібне each (N за N) або quota ({\"{a}\": N, \"{b}\": M})",
	                "для квоты нужно each (N за N) или quota ({\"{a}\": N, \"{b}\": M})"}},
	{"doc.quota_zero", {"quota: both sides are 0", "quota: в обох сторін 0", "quota: у обеих сторон 0"}},
	{"doc.remains_points", {"remains are counted, not weighed by points",
	                "останки рахують, а не зважують балами",
	                "останки считают, а не взвешивают баллами"}},
	{"doc.priority_list", {"expected a list of at most {max} of: severity, captivity, age, age asc, points",
	                "очікується список не більше ніж із {max} з: severity, captivity, age, age asc, "
	                 "points",
	                "ожидается список не более чем из {max} из: severity, captivity, age, age asc, "
	                 "points"}},
	{"doc.priority_word", {"expected severity, captivity, age or points (with asc or desc), as text",
	                "очікується severity, captivity, age або points (з asc чи desc), як текст",
	                "ожидается severity, captivity, age или points (с asc или desc), как текст"}},
	{"doc.points_order", {"points orders only a clause on a points basis",
	                "points упорядковує лише пункт на основі балів",
	                "points упорядочивает только пункт на основе баллов"}},
	{"doc.priority_twice", {"{key} is already in the priority", "{key} уже є в пріоритеті",
	                "{key} уже есть в приоритете"}},
	{"doc.id", {"expected 1 to {max} of a-z, 0-9, - and _", "очікується від 1 до {max} символів a-z, 0-9, - і _",
	                "ожидается от 1 до {max} символов a-z, 0-9, - и _"}},
	{"doc.clause_twice", {"'{clause}' names two clauses", "«{clause}» — назва двох пунктів",
	                "«{clause}» — имя двух пунктов"}},
	{"doc.remains_rule", {"remains are handed over by count; a remains clause has no eligibility rule or "
	                 "priority",
	                "останки передають за кількістю; пункт про останки не має правила відбору чи "
	                 "пріоритету",
	                "останки передают по количеству; у пункта об останках нет правила отбора или "
	                 "приоритета"}},
	{"doc.parties", {"expected the two parties' codes, [\"UA\", \"RU\"]",
	                "очікуються коди двох сторін, [\"UA\", \"RU\"]",
	                "ожидаются коды двух сторон, [\"UA\", \"RU\"]"}},
	{"doc.party_code", {"expected a party code: 2 to {max} capital letters or digits",
	                "очікується код сторони: від 2 до {max} великих літер або цифр",
	                "ожидается код стороны: от 2 до {max} заглавных букв или цифр"}},
	{"doc.same_parties", {"the two parties are the same", "обидві сторони однакові",
	                "обе стороны одинаковы"}},
	{"doc.code", {"expected a code: 2 to {max} capital letters or digits",
	                "очікується код: від 2 до {max} великих літер або цифр",
	                "ожидается код: от 2 до {max} заглавных букв или цифр"}},
	{"doc.embargo_until", {"expected \"done\" (every stage executed) or a date",
	                "очікується \"done\" (усі етапи виконано) або дата",
	                "ожидается \"done\" (все этапы выполнены) или дата"}},
	{"doc.clauses", {"expected a list of at least one clause", "очікується список хоча б з одного пункту",
	                "ожидается список хотя бы из одного пункта"}},
	{"doc.clauses_max", {"at most {max} clauses", "не більше {max} пунктів", "не больше {max} пунктов"}},
	{"doc.before_from", {"before valid_from", "раніше за valid_from", "раньше valid_from"}},
	{"doc.before_concluded", {"before the agreement was concluded", "раніше, ніж домовленість укладено",
	                "раньше, чем договорённость заключена"}},
	{"doc.not_agreement", {"expected \"agreement/1\" (is this an agreement?)",
	                "очікується \"agreement/1\" (чи це домовленість?)",
	                "ожидается \"agreement/1\" (это договорённость?)"}},

	/* the remains module's refusals about cases, identifications and batches */
	{"remains.required", {"required", "обов’язково", "обязательно"}},
	{"remains.since_with_holder", {"required with a holder (since when they have the remains)",
	                "обов’язково разом із holder (відколи останки в нього)",
	                "обязательно вместе с holder (с какого времени останки у него)"}},
	{"remains.holder_with_since", {"required with custody_since (who has the remains)",
	                "обов’язково разом із custody_since (у кого останки)",
	                "обязательно вместе с custody_since (у кого останки)"}},
	{"remains.why_person_id", {"expected a person's id as parley writes them (P and 16 characters of 0-9 and "
	                 "A-Z)",
	                "очікується ідентифікатор особи у вигляді, як його пише parley (P і 16 символів "
	                 "0-9 та A-Z)",
	                "ожидается идентификатор лица в виде, как его пишет parley (P и 16 символов 0-9 "
	                 "и A-Z)"}},
	{"remains.person_status_not", {"a person goes with status preliminary or confirmed, not "
	                 "{status:remains_statuses}",
	                "особу вказують зі статусом preliminary або confirmed, а не "
	                 "«{status:remains_statuses}»",
	                "лицо указывают со статусом preliminary или confirmed, а не "
	                 "«{status:remains_statuses}»"}},
	{"remains.person_status_case", {"a person goes with status preliminary or confirmed, and the case is "
	                 "{status:remains_statuses} (give its status)",
	                "особу вказують зі статусом preliminary або confirmed, а справа має статус "
	                 "«{status:remains_statuses}» (укажіть її статус)",
	                "лицо указывают со статусом preliminary или confirmed, а у дела статус "
	                 "«{status:remains_statuses}» (укажите его статус)"}},
	{"remains.return_command", {"returned remains are recorded with parley remains return {case} --to PARTY "
	                 "--date DATE, which needs the receiving party and the date",
	                "повернення останків записують командою parley remains return {case} --to PARTY "
	                 "--date DATE, якій потрібні сторона, що приймає, і дата",
	                "возврат останков записывают командой parley remains return {case} --to PARTY "
	                 "--date DATE, которой нужны принимающая сторона и дата"}},
	{"remains.the_office", {"the office", "офісу", "офису"}},
	{"remains.moved_on", {"case {case} has been with {holder} since {since}, recorded after the "
	                 "identification: the remains were handed on under that name; bring them back to "
	                 "{@then} and record it (parley remains custody {case} --holder ... --since ...) "
	                 "before the identification is withdrawn",
	                "справа {case} у {holder} з {since}, записано після ідентифікації: останки "
	                 "передали далі під цим іменем; поверніть їх до {@then} і запишіть це (parley "
	                 "remains custody {case} --holder ... --since ...), перш ніж відкликати "
	                 "ідентифікацію",
	                "дело {case} у {holder} с {since}, записано после идентификации: останки "
	                 "передали дальше под этим именем; верните их {@then} и запишите это (parley "
	                 "remains custody {case} --holder ... --since ...), прежде чем отзывать "
	                 "идентификацию"}},
	{"remains.withdraw_reason", {"reason: required (why the identification is withdrawn, for the record)",
	                "причина: обов’язкова (чому ідентифікацію відкликано, для запису)",
	                "причина: обязательна (почему идентификация отозвана, для записи)"}},
	{"remains.withdraw_returned", {"case {case} is {status:remains_statuses}: the remains were returned to the "
	                 "other side, so the identification cannot be withdrawn here",
	                "справа {case} має статус «{status:remains_statuses}»: останки повернуто іншій "
	                 "стороні, тож відкликати ідентифікацію тут не можна",
	                "дело {case} имеет статус «{status:remains_statuses}»: останки возвращены другой "
	                 "стороне, так что отозвать идентификацию здесь нельзя"}},
	{"remains.withdraw_none", {"case {case} is {status:remains_statuses}: there is no identification to "
	                 "withdraw",
	                "справа {case} має статус «{status:remains_statuses}»: відкликати немає чого",
	                "дело {case} имеет статус «{status:remains_statuses}»: отзывать нечего"}},
	{"remains.identified_other", {"case {case} is identified as {person}, not {other}",
	                "справу {case} ідентифіковано як {person}, а не {other}",
	                "дело {case} идентифицировано как {person}, а не {other}"}},
	{"remains.identified_withdraw", {"case {case} is identified as {person}, not {other}: withdraw that "
	                 "identification first (parley remains withdraw {case})",
	                "справу {case} ідентифіковано як {person}, а не {other}: спершу відкличте цю "
	                 "ідентифікацію (parley remains withdraw {case})",
	                "дело {case} идентифицировано как {person}, а не {other}: сначала отзовите эту "
	                 "идентификацию (parley remains withdraw {case})"}},
	{"remains.not_identifiable", {"person {person} is {status}: remains can be identified only as a person who "
	                 "is missing, died in captivity or whose remains were returned (a status comes "
	                 "from the person's events)",
	                "особа {person} має статус «{status}»: останки можна ідентифікувати лише як "
	                 "особу, яка зникла безвісти, померла в полоні або чиї останки повернуто (статус "
	                 "випливає з подій особи)",
	                "лицо {person} имеет статус «{status}»: останки можно идентифицировать только как "
	                 "лицо, пропавшее без вести, умершее в плену или чьи останки возвращены (статус "
	                 "следует из событий лица)"}},
	{"remains.no_handover_date", {"person {person} is {status:statuses}, so the return of their remains is "
	                 "recorded first, dated the batch's handover, and case {case} is in no batch with "
	                 "a handover date: give the batch its date, or record the person's "
	                 "remains_returned event (parley person event {person} --type remains_returned "
	                 "...)",
	                "особа {person} має статус «{status:statuses}», тож спершу записують повернення "
	                 "її останків датою передачі партії, а справа {case} не входить до жодної партії "
	                 "з датою передачі: укажіть дату партії або запишіть подію особи "
	                 "remains_returned (parley person event {person} --type remains_returned ...)",
	                "лицо {person} имеет статус «{status:statuses}», так что сначала записывают "
	                 "возврат его останков датой передачи партии, а дело {case} не входит ни в одну "
	                 "партию с датой передачи: укажите дату партии или запишите событие лица "
	                 "remains_returned (parley person event {person} --type remains_returned ...)"}},
	{"remains.preliminary_person", {"a preliminary identification needs the person the remains are identified "
	                 "as",
	                "для попередньої ідентифікації потрібна особа, як яку ідентифіковано останки",
	                "для предварительной идентификации нужно лицо, как которое идентифицированы "
	                 "останки"}},
	{"remains.confirmed_elsewhere", {"person {person} already has a confirmed case ({cases}): if case {case} "
	                 "holds another part of them, record it as a fragment linked to them first "
	                 "(parley remains fragment {case} --label LABEL --person {person})",
	                "особа {person} уже має підтверджену справу ({cases}): якщо справа {case} містить "
	                 "іншу частину її останків, спершу запишіть її як фрагмент, пов’язаний з особою "
	                 "(parley remains fragment {case} --label LABEL --person {person})",
	                "у лица {person} уже есть подтверждённое дело ({cases}): если дело {case} "
	                 "содержит другую часть его останков, сначала запишите её как фрагмент, "
	                 "связанный с лицом (parley remains fragment {case} --label LABEL --person "
	                 "{person})"}},
	{"remains.as_other_final", {"case {case} is {status:remains_statuses} as {person}, not {other}: a "
	                 "confirmed identification is final",
	                "справа {case} має статус «{status:remains_statuses}» як {person}, а не {other}: "
	                 "підтверджена ідентифікація остаточна",
	                "дело {case} имеет статус «{status:remains_statuses}» как {person}, а не {other}: "
	                 "подтверждённая идентификация окончательна"}},
	{"remains.as_other_withdraw", {"case {case} is {status:remains_statuses} as {person}, not {other}: "
	                 "withdraw that identification first",
	                "справа {case} має статус «{status:remains_statuses}» як {person}, а не {other}: "
	                 "спершу відкличте цю ідентифікацію",
	                "дело {case} имеет статус «{status:remains_statuses}» как {person}, а не {other}: "
	                 "сначала отзовите эту идентификацию"}},
	{"remains.person_needs_identification", {"case {case} is {status:remains_statuses}: a person goes with a "
	                 "preliminary or confirmed identification",
	                "справа {case} має статус «{status:remains_statuses}»: особу вказують лише з "
	                 "попередньою або підтвердженою ідентифікацією",
	                "дело {case} имеет статус «{status:remains_statuses}»: лицо указывают только с "
	                 "предварительной или подтверждённой идентификацией"}},
	{"remains.cannot_become", {"case {case} is {status:remains_statuses} and cannot become "
	                 "{to:remains_statuses}: {@why}",
	                "справа {case} має статус «{status:remains_statuses}» і не може отримати статус "
	                 "«{to:remains_statuses}»: {@why}",
	                "дело {case} имеет статус «{status:remains_statuses}» и не может получить статус "
	                 "«{to:remains_statuses}»: {@why}"}},
	{"remains.cannot_return", {"case {case} is {status:remains_statuses} and cannot be returned: {@why}",
	                "справа {case} має статус «{status:remains_statuses}», і її не можна повернути: "
	                 "{@why}",
	                "дело {case} имеет статус «{status:remains_statuses}», и его нельзя вернуть: "
	                 "{@why}"}},
	{"remains.why_already", {"it is that already", "вона вже така", "оно уже такое"}},
	{"remains.why_preliminary_first", {"only a preliminary identification can be confirmed",
	                "підтвердити можна лише попередню ідентифікацію",
	                "подтвердить можно только предварительную идентификацию"}},
	{"remains.why_final", {"a confirmed identification is final (the person's identified event is recorded)",
	                "підтверджена ідентифікація остаточна (подію особи identified записано)",
	                "подтверждённая идентификация окончательна (событие лица identified записано)"}},
	{"remains.why_returned", {"the remains were returned to the other side", "останки повернуто іншій стороні",
	                "останки возвращены другой стороне"}},
	{"remains.why_unknown", {"unknown status", "невідомий статус", "неизвестный статус"}},
	{"remains.return_with", {"a case is returned with its receiving party and date (remains_return)",
	                "справу повертають із зазначенням сторони, що приймає, і дати (remains_return)",
	                "дело возвращают с указанием принимающей стороны и даты (remains_return)"}},
	{"remains.which_person", {"which person? give their id", "яка особа? Укажіть її ідентифікатор",
	                "какое лицо? Укажите его идентификатор"}},
	{"remains.batch_new", {"batch '{batch}' is new: give the party that handed it over and the one that "
	                 "received it (from_party and to_party, or --from and --to)",
	                "партія «{batch}» нова: укажіть сторону, що її передала, і ту, що прийняла "
	                 "(from_party і to_party або --from і --to)",
	                "партия «{batch}» новая: укажите сторону, которая её передала, и ту, что приняла "
	                 "(from_party и to_party или --from и --to)"}},
	{"remains.batch_same_party", {"batch '{batch}' goes from {from} to {to}: a batch goes from one party to "
	                 "the other",
	                "партія «{batch}» іде від {from} до {to}: партія йде від однієї сторони до іншої",
	                "партия «{batch}» идёт от {from} к {to}: партия идёт от одной стороны к другой"}},
	{"remains.batch_from", {"batch '{batch}' was handed over by {@has}, not {says}",
	                "партію «{batch}» передала сторона {@has}, а не {says}",
	                "партию «{batch}» передала сторона {@has}, а не {says}"}},
	{"remains.batch_to", {"batch '{batch}' was received by {@has}, not {says}",
	                "партію «{batch}» прийняла сторона {@has}, а не {says}",
	                "партию «{batch}» приняла сторона {@has}, а не {says}"}},
	{"remains.batch_date", {"batch '{batch}' was handed over on {@has}, not {says}",
	                "партію «{batch}» передано {@has}, а не {says}",
	                "партия «{batch}» передана {@has}, а не {says}"}},
	{NULL, {NULL}},
};
