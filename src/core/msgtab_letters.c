/* The message catalogue's part for the letters to families (issue 15, item
 * 4; src/family/letter.c): the refusals, the words a letter is written
 * with (months, statuses), and the default text of each kind of letter in
 * English, Ukrainian and Russian, with the same {placeholders} (the
 * letters' own, family/letter.h; "{{" in a refusal writes a brace). */
#include "core/msg.h"

const msg_entry msg_table_letters[] = {
	/* src/family/letter.c: {dear}, the greeting's word, by the inquirer's relation */
	{"letters.dear_female", {"Dear", "Шановна", "Уважаемая"}},
	{"letters.dear_male", {"Dear", "Шановний", "Уважаемый"}},
	{"letters.dear_any", {"Dear", "Шановний(-а)", "Уважаемый(-ая)"}},
	{"letters.kind",
	 {"letter kind: expected acknowledgement, status_update, return or identification (got '{kind}')",
	  "вид листа: очікується acknowledgement, status_update, return або identification (отримано «{kind}»)",
	  "вид письма: ожидается acknowledgement, status_update, return или identification (получено «{kind}»)"}},
	{"letters.lang",
	 {"language: expected uk, en or ru (got '{lang}')",
	  "мова: очікується uk, en або ru (отримано «{lang}»)",
	  "язык: ожидается uk, en или ru (получено «{lang}»)"}},
	{"letters.how",
	 {"how it was sent: expected post, email, in_person, phone or handed_over (got '{how}')",
	  "спосіб надсилання: очікується post, email, in_person, phone або handed_over (отримано «{how}»)",
	  "способ отправки: ожидается post, email, in_person, phone или handed_over (получено «{how}»)"}},
	{"letters.sent_on",
	 {"sent on: expected a day YYYY-MM-DD, not in the future (got '{date}')",
	  "дата надсилання: очікується день РРРР-ММ-ДД, не в майбутньому (отримано «{date}»)",
	  "дата отправки: ожидается день ГГГГ-ММ-ДД, не в будущем (получено «{date}»)"}},
	{"letters.tmpl_too_long",
	 {"the template is longer than {max} bytes",
	  "шаблон довший за {max} байтів",
	  "шаблон длиннее {max} байт"}},
	{"letters.tmpl_utf8",
	 {"line {line}, column {column}: the text is not valid UTF-8 here",
	  "рядок {line}, стовпець {column}: тут текст не є коректним UTF-8",
	  "строка {line}, столбец {column}: здесь текст не является корректным UTF-8"}},
	{"letters.tmpl_stray",
	 {"line {line}, column {column}: a closing brace '}' without an opening one (write '}}' for a brace itself)",
	  "рядок {line}, стовпець {column}: закривна дужка «}» без відкривної (щоб написати саму дужку, пишіть «}}»)",
	  "строка {line}, столбец {column}: закрывающая скобка «}» без открывающей (чтобы написать саму скобку, пишите «}}»)"}},
	{"letters.tmpl_unclosed",
	 {"line {line}, column {column}: a brace '{' opened here is not closed on its line (a placeholder is a name in braces; write '{{' for a brace itself)",
	  "рядок {line}, стовпець {column}: відкриту тут дужку «{» не закрито в цьому рядку (підстановка — це назва у фігурних дужках; щоб написати саму дужку, пишіть «{{»)",
	  "строка {line}, столбец {column}: открытая здесь скобка «{» не закрыта в этой строке (подстановка — это имя в фигурных скобках; чтобы написать саму скобку, пишите «{{»)"}},
	{"letters.tmpl_unknown",
	 {"line {line}, column {column}: there is no placeholder {{name}}; the placeholders are {inquirer}, {person}, {birth_date}, {inquiry_ref}, {inquiry_date}, {status}, {status_date}, {return_date}, {office} and {today}",
	  "рядок {line}, стовпець {column}: підстановки {{name}} немає; є підстановки {inquirer}, {person}, {birth_date}, {inquiry_ref}, {inquiry_date}, {status}, {status_date}, {return_date}, {office} і {today}",
	  "строка {line}, столбец {column}: подстановки {{name}} нет; есть подстановки {inquirer}, {person}, {birth_date}, {inquiry_ref}, {inquiry_date}, {status}, {status_date}, {return_date}, {office} и {today}"}},
	{"letters.tmpl_empty",
	 {"the template is empty: write the letter's text, or reset it to the default",
	  "шаблон порожній: напишіть текст листа або поверніть типовий",
	  "шаблон пуст: напишите текст письма или верните стандартный"}},
	{"letters.tmpl_default_already",
	 {"the template {kind} ({lang}) is the default already: there is nothing to reset",
	  "шаблон {kind} ({lang}) уже типовий: повертати нічого",
	  "шаблон {kind} ({lang}) уже стандартный: возвращать нечего"}},
	{"letters.no_template",
	 {"no template for {kind} in {lang}",
	  "немає шаблону {kind} мовою {lang}",
	  "нет шаблона {kind} на языке {lang}"}},
	{"letters.inquiry_closed",
	 {"the inquiry {inquiry} is closed: no letter is written on a closed inquiry",
	  "запит {inquiry} закрито: за закритим запитом листів не пишуть",
	  "запрос {inquiry} закрыт: по закрытому запросу письма не пишут"}},
	{"letters.no_consent",
	 {"the inquiry {inquiry} has no tracing consent in force today: the family may not be written to (record the consent first, if it was given)",
	  "запит {inquiry} не має чинної сьогодні згоди на розшук: писати родині не можна (спершу зареєструйте згоду, якщо її надано)",
	  "у запроса {inquiry} нет действующего сегодня согласия на розыск: писать семье нельзя (сначала зарегистрируйте согласие, если оно дано)"}},
	{"letters.not_returned",
	 {"a notice of return needs the person repatriated or released; {person} is {status}",
	  "сповіщення про повернення потребує, щоб особу було репатрійовано або звільнено; статус {person}: {status}",
	  "уведомление о возвращении требует, чтобы лицо было репатриировано или освобождено; статус {person}: {status}"}},
	{"letters.not_identified",
	 {"a notice of identification needs the person's remains identified; {person} is {status}",
	  "сповіщення про ідентифікацію потребує, щоб останки особи було ідентифіковано; статус {person}: {status}",
	  "уведомление об идентификации требует, чтобы останки лица были идентифицированы; статус {person}: {status}"}},
	{"letters.task_other_person",
	 {"the task {task} is about another person ({person}), not this inquiry's",
	  "завдання {task} стосується іншої особи ({person}), а не особи цього запиту",
	  "задача {task} касается другого лица ({person}), а не лица этого запроса"}},
	{"letters.no_letter",
	 {"no letter {letter}",
	  "листа {letter} немає",
	  "письма {letter} нет"}},
	{"letters.ambiguous",
	 {"{letter} is the start of more than one letter's id: give more of it",
	  "{letter} — початок ідентифікатора кількох листів: наведіть довшу частину",
	  "{letter} — начало идентификатора нескольких писем: укажите больше символов"}},
	{"letters.unknown",
	 {"(not known)",
	  "(невідомо)",
	  "(неизвестно)"}},
	{"letters.sent",
	 {"letter {letter} recorded as sent ({how}, {date})",
	  "лист {letter} зареєстровано як надісланий ({how}, {date})",
	  "письмо {letter} зарегистрировано как отправленное ({how}, {date})"}},
	{"letters.task_closed",
	 {"task {task} closed: told by letter {letter}",
	  "завдання {task} закрито: повідомлено листом {letter}",
	  "задача {task} закрыта: сообщено письмом {letter}"}},
	{"letters.answered",
	 {"inquiry {inquiry} is now answered",
	  "запит {inquiry} тепер має статус «відповідь надано»",
	  "запрос {inquiry} теперь имеет статус «ответ дан»"}},
	{"letters.template_saved",
	 {"template {kind} ({lang}) saved as version {version}",
	  "шаблон {kind} ({lang}) збережено як версію {version}",
	  "шаблон {kind} ({lang}) сохранён как версия {version}"}},
	{"letters.template_reset",
	 {"template {kind} ({lang}) reset to the default",
	  "шаблон {kind} ({lang}) повернуто до типового",
	  "шаблон {kind} ({lang}) возвращён к стандартному"}},
	{"letters.signature_line",
	 {"signature, name and position",
	  "підпис, ім’я та посада",
	  "подпись, имя и должность"}},
	{"letters.no_address",
	 {"a letter by post needs the inquirer's postal address, and the inquiry {inquiry} has none: record it, or say how else the letter went",
	  "лист поштою потребує поштової адреси того, хто запитує, а запит {inquiry} її не має: зареєструйте адресу або вкажіть інший спосіб надсилання",
	  "письмо почтой требует почтового адреса того, кто спрашивает, а у запроса {inquiry} его нет: зарегистрируйте адрес или укажите другой способ отправки"}},
	{"letters.no_email",
	 {"a letter by e-mail needs the inquirer's e-mail address, and the inquiry {inquiry} has none: record it, or say how else the letter went",
	  "лист електронною поштою потребує електронної адреси того, хто запитує, а запит {inquiry} її не має: зареєструйте адресу або вкажіть інший спосіб надсилання",
	  "письмо по электронной почте требует электронного адреса того, кто спрашивает, а у запроса {inquiry} его нет: зарегистрируйте адрес или укажите другой способ отправки"}},
	{"letters.no_letters",
	 {"no letters{@at}",
	  "жодного листа{@at}",
	  "ни одного письма{@at}"}},
	{"letters.date_day",
	 {"{day} {month} {year}",
	  "{day} {month} {year} р.",
	  "{day} {month} {year} г."}},
	{"letters.date_month",
	 {"{month} {year}",
	  "{month} {year} р.",
	  "{month} {year} г."}},
	{"letters.date_year",
	 {"{year}",
	  "{year} р.",
	  "{year} г."}},
	{"letters.month_1",
	 {"January",
	  "січень",
	  "январь"}},
	{"letters.month_2",
	 {"February",
	  "лютий",
	  "февраль"}},
	{"letters.month_3",
	 {"March",
	  "березень",
	  "март"}},
	{"letters.month_4",
	 {"April",
	  "квітень",
	  "апрель"}},
	{"letters.month_5",
	 {"May",
	  "травень",
	  "май"}},
	{"letters.month_6",
	 {"June",
	  "червень",
	  "июнь"}},
	{"letters.month_7",
	 {"July",
	  "липень",
	  "июль"}},
	{"letters.month_8",
	 {"August",
	  "серпень",
	  "август"}},
	{"letters.month_9",
	 {"September",
	  "вересень",
	  "сентябрь"}},
	{"letters.month_10",
	 {"October",
	  "жовтень",
	  "октябрь"}},
	{"letters.month_11",
	 {"November",
	  "листопад",
	  "ноябрь"}},
	{"letters.month_12",
	 {"December",
	  "грудень",
	  "декабрь"}},
	{"letters.month_of_1",
	 {"January",
	  "січня",
	  "января"}},
	{"letters.month_of_2",
	 {"February",
	  "лютого",
	  "февраля"}},
	{"letters.month_of_3",
	 {"March",
	  "березня",
	  "марта"}},
	{"letters.month_of_4",
	 {"April",
	  "квітня",
	  "апреля"}},
	{"letters.month_of_5",
	 {"May",
	  "травня",
	  "мая"}},
	{"letters.month_of_6",
	 {"June",
	  "червня",
	  "июня"}},
	{"letters.month_of_7",
	 {"July",
	  "липня",
	  "июля"}},
	{"letters.month_of_8",
	 {"August",
	  "серпня",
	  "августа"}},
	{"letters.month_of_9",
	 {"September",
	  "вересня",
	  "сентября"}},
	{"letters.month_of_10",
	 {"October",
	  "жовтня",
	  "октября"}},
	{"letters.month_of_11",
	 {"November",
	  "листопада",
	  "ноября"}},
	{"letters.month_of_12",
	 {"December",
	  "грудня",
	  "декабря"}},
	{"letters.status_missing",
	 {"missing",
	  "зниклий безвісти",
	  "пропавший без вести"}},
	{"letters.status_captured",
	 {"captured",
	  "потрапив у полон",
	  "попал в плен"}},
	{"letters.status_held",
	 {"held in captivity (confirmed)",
	  "перебуває в полоні (підтверджено)",
	  "находится в плену (подтверждено)"}},
	{"letters.status_listed",
	 {"named on a list of the other party",
	  "внесений до списку іншої сторони",
	  "внесён в список другой стороны"}},
	{"letters.status_handed_over",
	 {"handed over in an exchange",
	  "переданий під час обміну",
	  "передан в ходе обмена"}},
	{"letters.status_in_transit",
	 {"on the way home",
	  "на шляху додому",
	  "на пути домой"}},
	{"letters.status_repatriated",
	 {"returned home",
	  "повернувся додому",
	  "вернулся домой"}},
	{"letters.status_declined_repatriation",
	 {"declined repatriation",
	  "відмовився від репатріації",
	  "отказался от репатриации"}},
	{"letters.status_released_otherwise",
	 {"released",
	  "звільнений",
	  "освобождён"}},
	{"letters.status_died_in_captivity",
	 {"died in captivity",
	  "помер у полоні",
	  "умер в плену"}},
	{"letters.status_remains_returned",
	 {"remains returned",
	  "останки повернуто",
	  "останки возвращены"}},
	{"letters.status_identified",
	 {"remains identified",
	  "останки ідентифіковано",
	  "останки идентифицированы"}},
	{"letters.body_acknowledgement",
	 {"{dear} {inquirer},\n"
	  "\n"
	  "We acknowledge with thanks your inquiry of {inquiry_date} (reference {inquiry_ref}) about {person}, born {birth_date}. It has been registered, and the search has begun.\n"
	  "\n"
	  "Every list, manifest and report that reaches our office will be checked against your inquiry, and we will write to you as soon as we learn anything. You do not need to write to us again for the search to continue.\n"
	  "\n"
	  "If you learn anything new, or if your address or telephone number changes, please let us know, quoting the reference {inquiry_ref}.\n"
	  "\n"
	  "We understand how hard this time of waiting is. Your inquiry will not be forgotten.\n"
	  "\n"
	  "Yours sincerely,",
	  "{dear} {inquirer}!\n"
	  "\n"
	  "Підтверджуємо, що Ваше звернення від {inquiry_date} (номер {inquiry_ref}) про розшук особи: {person}, дата народження: {birth_date}, — отримано й зареєстровано. Розшук розпочато.\n"
	  "\n"
	  "Кожен список, маніфест і повідомлення, що надходять до нашого офісу, звірятимуться з Вашим зверненням, і ми напишемо Вам, щойно отримаємо будь-які відомості. Звертатися повторно, щоб розшук тривав, не потрібно.\n"
	  "\n"
	  "Якщо у Вас з’являться нові відомості або зміняться Ваша адреса чи номер телефону, будь ласка, повідомте нам, зазначивши номер звернення {inquiry_ref}.\n"
	  "\n"
	  "Ми розуміємо, як тяжко чекати. Ваше звернення не залишиться без уваги.\n"
	  "\n"
	  "З повагою",
	  "{dear} {inquirer}!\n"
	  "\n"
	  "Подтверждаем, что Ваше обращение от {inquiry_date} (номер {inquiry_ref}) о розыске лица: {person}, дата рождения: {birth_date}, — получено и зарегистрировано. Розыск начат.\n"
	  "\n"
	  "Каждый список, манифест и сообщение, поступающие в наш офис, будут сверяться с Вашим обращением, и мы напишем Вам, как только получим какие-либо сведения. Обращаться повторно, чтобы розыск продолжался, не нужно.\n"
	  "\n"
	  "Если у Вас появятся новые сведения или изменятся Ваш адрес либо номер телефона, пожалуйста, сообщите нам, указав номер обращения {inquiry_ref}.\n"
	  "\n"
	  "Мы понимаем, как тяжело ждать. Ваше обращение не останется без внимания.\n"
	  "\n"
	  "С уважением"}},
	{"letters.body_status_update",
	 {"{dear} {inquirer},\n"
	  "\n"
	  "We are writing to you about your inquiry of {inquiry_date} (reference {inquiry_ref}) about {person} (born {birth_date}).\n"
	  "\n"
	  "According to our registry, as of {status_date} the status of {person} is: {status}.\n"
	  "\n"
	  "We know how much every piece of news matters to you. The search continues, and we will write to you again as soon as we learn more. If you have questions, or anything new to tell us, please contact us, quoting the reference {inquiry_ref}.\n"
	  "\n"
	  "Yours sincerely,",
	  "{dear} {inquirer}!\n"
	  "\n"
	  "Повідомляємо Вам про хід розшуку за Вашим зверненням від {inquiry_date} (номер {inquiry_ref}) щодо особи: {person} (дата народження: {birth_date}).\n"
	  "\n"
	  "За даними нашого реєстру, станом на {status_date} статус цієї особи — «{status}».\n"
	  "\n"
	  "Ми розуміємо, наскільки важлива для Вас кожна звістка. Розшук триває, і ми напишемо Вам знову, щойно дізнаємося більше. Якщо у Вас є запитання або нові відомості, будь ласка, зверніться до нас, зазначивши номер звернення {inquiry_ref}.\n"
	  "\n"
	  "З повагою",
	  "{dear} {inquirer}!\n"
	  "\n"
	  "Сообщаем Вам о ходе розыска по Вашему обращению от {inquiry_date} (номер {inquiry_ref}) в отношении лица: {person} (дата рождения: {birth_date}).\n"
	  "\n"
	  "По данным нашего реестра, по состоянию на {status_date} статус этого лица: «{status}».\n"
	  "\n"
	  "Мы понимаем, как важна для Вас каждая весть. Розыск продолжается, и мы напишем Вам снова, как только узнаем больше. Если у Вас есть вопросы или новые сведения, пожалуйста, обратитесь к нам, указав номер обращения {inquiry_ref}.\n"
	  "\n"
	  "С уважением"}},
	{"letters.body_return",
	 {"{dear} {inquirer},\n"
	  "\n"
	  "We are glad to tell you that {person}, born {birth_date}, about whom you wrote to us on {inquiry_date} (reference {inquiry_ref}), returned home on {return_date}.\n"
	  "\n"
	  "After their return, all those released receive a medical examination, treatment, psychological support and time to rest. If you have not yet been able to get in touch, the staff of the centre where this care is given will help you.\n"
	  "\n"
	  "The search under your inquiry is now complete. Thank you for your trust and your patience through this long time of waiting.\n"
	  "\n"
	  "Yours sincerely,",
	  "{dear} {inquirer}!\n"
	  "\n"
	  "З радістю повідомляємо, що особа, про розшук якої Ви зверталися до нас {inquiry_date} (номер звернення {inquiry_ref}), — {person}, дата народження: {birth_date}, — {return_date} повернулася додому.\n"
	  "\n"
	  "Після повернення всі звільнені проходять медичне обстеження, отримують лікування, психологічну підтримку й можливість відпочити. Якщо Ви ще не мали змоги зв’язатися, працівники центру, де надають цю допомогу, допоможуть Вам.\n"
	  "\n"
	  "Розшук за Вашим зверненням завершено. Дякуємо Вам за довіру й терпіння протягом цього довгого часу очікування.\n"
	  "\n"
	  "З повагою",
	  "{dear} {inquirer}!\n"
	  "\n"
	  "С радостью сообщаем, что лицо, о розыске которого Вы обращались к нам {inquiry_date} (номер обращения {inquiry_ref}), — {person}, дата рождения: {birth_date}, — {return_date} вернулось домой.\n"
	  "\n"
	  "После возвращения все освобождённые проходят медицинское обследование, получают лечение, психологическую поддержку и возможность отдохнуть. Если у Вас ещё не было возможности связаться, сотрудники центра, где оказывают эту помощь, помогут Вам.\n"
	  "\n"
	  "Розыск по Вашему обращению завершён. Благодарим Вас за доверие и терпение в течение этого долгого времени ожидания.\n"
	  "\n"
	  "С уважением"}},
	{"letters.body_identification",
	 {"{dear} {inquirer},\n"
	  "\n"
	  "It is with deep sorrow that we must inform you that the remains of {person}, born {birth_date}, about whom you wrote to us on {inquiry_date} (reference {inquiry_ref}), have been identified. The identification was recorded on {status_date}.\n"
	  "\n"
	  "Please accept our most sincere condolences.\n"
	  "\n"
	  "We know that no words can ease such a loss. A member of our staff will contact you to explain how the identification was made, to answer your questions, and to help with the return of the remains and the burial, as you wish. If you would like to speak with us sooner, please contact us, quoting the reference {inquiry_ref}. Psychological support is available to you and your family.\n"
	  "\n"
	  "With deepest sympathy,",
	  "{dear} {inquirer}!\n"
	  "\n"
	  "З глибоким сумом змушені повідомити Вам, що останки особи, про розшук якої Ви зверталися до нас {inquiry_date} (номер звернення {inquiry_ref}), — {person}, дата народження: {birth_date}, — ідентифіковано. Ідентифікацію зареєстровано {status_date} у нашому реєстрі.\n"
	  "\n"
	  "Прийміть наші найщиріші співчуття.\n"
	  "\n"
	  "Ми знаємо, що жодні слова не полегшать такої втрати. Наш працівник зв’яжеться з Вами, щоб розповісти, як було встановлено особу, відповісти на Ваші запитання та допомогти з передачею останків і похованням відповідно до Вашої волі. Якщо Ви хочете поговорити з нами раніше, зверніться до нас, зазначивши номер звернення {inquiry_ref}. Вам і Вашій родині доступна психологічна підтримка.\n"
	  "\n"
	  "Зі щирим співчуттям",
	  "{dear} {inquirer}!\n"
	  "\n"
	  "С глубокой скорбью вынуждены сообщить Вам, что останки лица, о розыске которого Вы обращались к нам {inquiry_date} (номер обращения {inquiry_ref}), — {person}, дата рождения: {birth_date}, — идентифицированы. Идентификация зарегистрирована {status_date} в нашем реестре.\n"
	  "\n"
	  "Примите наши самые искренние соболезнования.\n"
	  "\n"
	  "Мы знаем, что никакие слова не облегчат такую утрату. Наш сотрудник свяжется с Вами, чтобы рассказать, как была установлена личность, ответить на Ваши вопросы и помочь с передачей останков и погребением в соответствии с Вашей волей. Если Вы хотите поговорить с нами раньше, обратитесь к нам, указав номер обращения {inquiry_ref}. Вам и Вашей семье доступна психологическая поддержка.\n"
	  "\n"
	  "С глубоким сочувствием"}},
	{NULL, {NULL, NULL, NULL}},
};
