/* The message catalogue's part for what a linkage run warns of (src/match,
 * issue 14): each code's text in English, Ukrainian and Russian, with the
 * same {arguments} (msg.h). */
#include "core/msg.h"

const msg_entry msg_table_match14[] = {
	{"cli.warning", {"{prog}: warning:", "{prog}: попередження:", "{prog}: предупреждение:"}},
	/* the HTML report of a reconciliation (reconcile_write_html) */
	{"report.reconcile_title", {"Reconciliation of {list}", "Звірка списку {list}", "Сверка списка {list}"}},
	{"report.reconcile_outcomes",
	 {"{rows} {rows#row|rows}: {matched} matched, {review} to review, {duplicate} listed twice, {unmatched} "
	  "unmatched.",
	  "{rows} {rows#рядок|рядки|рядків}: зіставлено {matched}, на перевірку {review}, двічі у списку "
	  "{duplicate}, без відповідника {unmatched}.",
	  "{rows} {rows#строка|строки|строк}: сопоставлено {matched}, на проверку {review}, дважды в списке "
	  "{duplicate}, без соответствия {unmatched}."}},
	{"report.reconcile_flags",
	 {"Of the matched: {returned} already returned, {civilians} {civilians#civilian|civilians}, {booked} on "
	  "open stages, {not_eligible} not eligible.",
	  "Серед зіставлених: уже повернуто {returned}, цивільних {civilians}, на відкритих етапах {booked}, не "
	  "відповідають умовам {not_eligible}.",
	  "Среди сопоставленных: уже возвращено {returned}, гражданских {civilians}, на открытых этапах {booked}, "
	  "не соответствуют условиям {not_eligible}."}},
	{"report.reconcile_run",
	 {"{registry} registry {registry#person|persons}, {pairs} candidate {pairs#pair|pairs}, {seconds} s.",
	  "Осіб у реєстрі: {registry}; пар-кандидатів: {pairs}; {seconds} с.",
	  "Лиц в реестре: {registry}; пар-кандидатов: {pairs}; {seconds} с."}},
	{"report.column_line", {"line", "рядок", "строка"}},
	{"report.column_list_id", {"list id", "ідентифікатор у списку", "идентификатор в списке"}},
	{"report.column_outcome", {"outcome", "результат", "результат"}},
	{"report.column_person", {"person", "особа", "лицо"}},
	{"report.column_probability", {"probability", "імовірність", "вероятность"}},
	{"report.column_flags", {"flags", "позначки", "отметки"}},
	{"report.column_fields", {"fields", "поля", "поля"}},
	{"report.outcome_matched", {"matched", "зіставлено", "сопоставлено"}},
	{"report.outcome_review", {"to review", "на перевірку", "на проверку"}},
	{"report.outcome_unmatched", {"unmatched", "без відповідника", "без соответствия"}},
	{"report.outcome_duplicate", {"listed twice", "двічі у списку", "дважды в списке"}},
	{"report.confirmed", {"(confirmed)", "(підтверджено)", "(подтверждено)"}},
	{"report.flag_already_returned", {"already returned", "уже повернуто", "уже возвращён"}},
	{"report.flag_civilian", {"civilian", "цивільна особа", "гражданское лицо"}},
	{"report.flag_died", {"died", "помер", "умер"}},
	{"report.flag_duplicate", {"listed twice", "двічі у списку", "дважды в списке"}},
	{"report.flag_booked", {"on an open stage", "на відкритому етапі", "на открытом этапе"}},
	{"report.flag_not_eligible", {"not eligible", "не відповідає умовам", "не соответствует условиям"}},
	{"match.columns_read",
	 {"columns read by their headers: {columns}", "стовпці, прочитані за їхніми заголовками: {columns}",
	  "столбцы, прочитанные по их заголовкам: {columns}"}},
	{"match.columns_left_out",
	 {"{n} {n#column is|columns are} not a person field and {n#was|were} left out: {columns} (the fields: "
	  "docs/formats.md; headers in Ukrainian and Russian are read too: docs/matching.md)",
	  "{n} {n#стовпець не є полем|стовпці не є полями|стовпців не є полями} особи, {n#його|їх|їх} не "
	  "прочитано: {columns} (поля: docs/formats.md; заголовки українською й російською теж читаються: "
	  "docs/matching.md)",
	  "{n} {n#столбец не является полем|столбца не являются полями|столбцов не являются полями} лица, "
	  "{n#его|их|их} не прочитали: {columns} (поля: docs/formats.md; заголовки на украинском и русском тоже "
	  "читаются: docs/matching.md)"}},
	{"match.column_twice",
	 {"{list}: columns '{first}' and '{second}' both give {field}: keep one of them",
	  "{list}: стовпці «{first}» і «{second}» обидва містять {field}: залиште один із них",
	  "{list}: столбцы «{first}» и «{second}» оба содержат {field}: оставьте один из них"}},
	{"match.list_unread",
	 {"column '{column}': {n} {n#value|values} of the list could not be read and {n#was|were} compared as "
	  "unknown; the first, on line {line}: '{value}': {@why}",
	  "стовпець «{column}»: {n} {n#значення|значення|значень} списку не вдалося прочитати, {n#його|їх|їх} "
	  "порівнювали як {n#невідоме|невідомі|невідомі}; перше, у рядку {line}: «{value}»: {@why}",
	  "столбец «{column}»: {n} {n#значение|значения|значений} списка не удалось прочитать, {n#его|их|их} "
	  "сравнивали как {n#неизвестное|неизвестные|неизвестные}; первое, в строке {line}: «{value}»: {@why}"}},
	{"match.constant",
	 {"{fields}: the same for nearly everyone on the lists, so they tell nobody apart and were not weighed",
	  "{fields}: майже в усіх у списках однакові, тож нікого не розрізняють і не враховувались",
	  "{fields}: почти у всех в списках одинаковы, поэтому никого не различают и не учитывались"}},
	{"match.fallback_no_variation",
	 {"the lists do not differ enough between people for parley to learn how a match looks (no blocking rule "
	  "leaves two fields that vary): it used prior values, as if each person of the smaller list were on the "
	  "other; check the links",
	  "списки надто мало різняться між людьми, щоб parley навчився, як виглядає збіг (жодне правило блокування "
	  "не лишає двох полів, що різняться): використано апріорні значення, ніби кожна особа меншого списку є в "
	  "іншому; перевірте зв’язки",
	  "списки слишком мало различаются между людьми, чтобы parley научился, как выглядит совпадение (ни одно "
	  "правило блокировки не оставляет двух различающихся полей): использованы априорные значения, будто каждое "
	  "лицо меньшего списка есть в другом; проверьте связи"}},
	{"match.fallback_not_separated",
	 {"parley could not tell matches from the rest in these lists (it would have taken {n} pairs for matches, "
	  "more than the lists hold): it used prior values, as if each person of the smaller list were on the "
	  "other; check the links",
	  "parley не зміг відрізнити збіги від решти в цих списках (він вважав би збігами {n} пар, більше, ніж "
	  "вміщують списки): використано апріорні значення, ніби кожна особа меншого списку є в іншому; перевірте "
	  "зв’язки",
	  "parley не смог отличить совпадения от остального в этих списках (он счёл бы совпадениями {n} пар, "
	  "больше, чем вмещают списки): использованы априорные значения, будто каждое лицо меньшего списка есть в "
	  "другом; проверьте связи"}},
	{"match.no_candidates",
	 {"no pair of records came together: the lists share no surname, name with birth year, birth date or "
	  "service number, so nothing was compared",
	  "жодна пара записів не зійшлася: списки не мають спільного прізвища, імені з роком народження, дати "
	  "народження чи особового номера, тож нічого не порівнювалося",
	  "ни одна пара записей не сошлась: у списков нет общей фамилии, имени с годом рождения, даты рождения или "
	  "личного номера, поэтому ничего не сравнивалось"}},
	{"match.blocks_skipped",
	 {"{n} {n#group|groups} of records sharing a service number or a birth date with patronymic {n#was|were} "
	  "too large to compare whole and {n#was|were} skipped; their records were still compared by name and date",
	  "{n} {n#групу|групи|груп} записів зі спільним особовим номером чи датою народження з по батькові "
	  "виявилися завеликими для повного порівняння й пропущено; їхні записи все одно порівняно за іменем і датою",
	  "{n} {n#группу|группы|групп} записей с общим личным номером или датой рождения с отчеством "
	  "оказались слишком большими для полного сравнения и пропущены; их записи всё равно сравнены по имени и дате"}},
	{"match.none_linked",
	 {"{n} {n#pair was|pairs were} compared and none came near a match: the lists seem to hold different people",
	  "порівняно {n} {n#пару|пари|пар}, і жодна не наблизилась до збігу: схоже, у списках різні люди",
	  "сравнено {n} {n#пару|пары|пар}, и ни одна не приблизилась к совпадению: похоже, в списках разные люди"}},
	{NULL, {NULL}},
};
