/* The words of statements in English, Ukrainian and Russian
 * (statement_internal.h). Every sentence with a count has a form for
 * each plural category its number may take (lang.h). */
#include <string.h>

#include "accord/statement_internal.h"

static const statement_words en = {
	.head = "{1}: stage {2}, {3}",
	.head_people = "Exchange of prisoners",
	.head_bodies = "Return of the fallen",
	.returned = {.exactly_one = "One person has come home.",
	             .by = {[PLURAL_ONE] = "{1} person has come home.", [PLURAL_OTHER] = "{1} people have come home."}},
	.returned_withheld = "People have come home. Their number will be given when this phase of the exchange is over.",
	.none_returned = "No one came home in this stage.",
	.among = "Among them",
	.cats = {"service members of the armed forces", "members of the national guard", "members of the border guard",
	         "others in service", "civilians", "severely wounded", "seriously ill", "young people aged 18 to 25",
	         "service members of other branches", "severely wounded or seriously ill"},
	.service_all = "service members",
	.years = {.by = {[PLURAL_ONE] = "year", [PLURAL_OTHER] = "years"}},
	.ages = "The youngest is {1} old, the oldest {2} old.",
	.age_groups = "Age groups: {1}.",
	.group_range = "{1}–{2} {3}", .group_under = "{1} {3} and under", .group_over = "{1} {3} and over",
	.since_first_days = "Some had been held since the first days of the war ({1}).",
	.first_days = "Some had been held since the first days of the war.",
	.since = "The longest held had been in captivity since {1}.",
	.since_year = "Some had been in captivity since {1} or earlier.",
	.transit = "They pass through {1}, where they receive medical and psychological help, and then go home for treatment and rehabilitation.",
	.transit_none = "They receive medical and psychological help, treatment and rehabilitation.",
	.bodies = {.exactly_one = "The body of one of the fallen has been returned.",
	           .by = {[PLURAL_ONE] = "The body of {1} of the fallen has been returned.",
	                  [PLURAL_OTHER] = "The bodies of {1} of the fallen have been returned."}},
	.bodies_withheld = "The bodies of the fallen have been returned.",
	.agreement = "Under the agreement: {1}.", .mediated = "Mediated by {1}.",
	.months = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
	           "October", "November", "December"},
	.withheld_note = "Numbers are withheld until this phase of the exchange is over.",
	.k_note = "Nothing here describes a group of fewer than {1} {2}: ages are given only in groups and captivity only by year; smaller groups are merged or left out.",
	.people = {.by = {[PLURAL_ONE] = "person", [PLURAL_OTHER] = "people"}},
};

static const statement_words uk = {
	.head = "{1}: етап {2}, {3}",
	.head_people = "Обмін полоненими",
	.head_bodies = "Повернення тіл загиблих",
	.returned = {.exactly_one = "Додому повернулася одна людина.",
	             .by = {[PLURAL_ONE] = "Додому повернулася {1} людина.", [PLURAL_FEW] = "Додому повернулися {1} людини.",
	                    [PLURAL_MANY] = "Додому повернулися {1} людей."}},
	.returned_withheld = "Наші люди повернулися додому. Кількість буде оголошено після завершення цього етапу обміну.",
	.none_returned = "Цього етапу ніхто не повернувся.",
	.among = "Серед них",
	.cats = {"військовослужбовці Збройних сил", "військовослужбовці Національної гвардії",
	         "військовослужбовці Державної прикордонної служби", "інші військовослужбовці", "цивільні",
	         "тяжкопоранені", "тяжкохворі", "молодь віком від 18 до 25 років",
	         "військовослужбовці інших формувань", "тяжкопоранені та тяжкохворі"},
	.service_all = "військовослужбовці",
	.years = {.by = {[PLURAL_ONE] = "рік", [PLURAL_FEW] = "роки", [PLURAL_MANY] = "років"}},
	.ages = "Наймолодшому {1}, найстаршому {2}.",
	.age_groups = "Вікові групи: {1}.",
	.group_range = "{1}–{2} {3}", .group_under = "{1} {3} і молодші", .group_over = "{1} {3} і старші",
	.since_first_days = "Дехто перебував у полоні з перших днів війни ({1}).",
	.first_days = "Дехто перебував у полоні з перших днів війни.",
	.since = "Найдовше утримуваний перебував у полоні з {1}.",
	.since_year = "Дехто перебував у полоні з {1} року або ще довше.",
	.transit = "Вони прямують через {1}, де отримують медичну та психологічну допомогу, а потім повертаються додому на лікування та реабілітацію.",
	.transit_none = "Вони отримують медичну та психологічну допомогу, лікування та реабілітацію.",
	/* "тіла 21 загиблого": the genitive singular after a number that
	 * ends in one, the plural after the rest. */
	.bodies = {.exactly_one = "Повернуто тіло одного загиблого.",
	           .by = {[PLURAL_ONE] = "Повернуто тіла {1} загиблого.", [PLURAL_FEW] = "Повернуто тіла {1} загиблих.",
	                  [PLURAL_MANY] = "Повернуто тіла {1} загиблих."}},
	.bodies_withheld = "Повернуто тіла загиблих.",
	.agreement = "Відповідно до домовленості: {1}.", .mediated = "Посередник: {1}.",
	.months = {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
	           "жовтня", "листопада", "грудня"},
	.withheld_note = "Кількісні дані не розголошуються до завершення цього етапу обміну.",
	.k_note = "Жодні відомості тут не стосуються групи, меншої ніж {1} {2}: вік наведено лише групами, полон — лише роком; менші групи об’єднано або пропущено.",
	.people = {.by = {[PLURAL_ONE] = "особа", [PLURAL_FEW] = "особи", [PLURAL_MANY] = "осіб"}},
};

static const statement_words ru = {
	.head = "{1}: этап {2}, {3}",
	.head_people = "Обмен пленными",
	.head_bodies = "Возвращение тел погибших",
	.returned = {.exactly_one = "Домой вернулся один человек.",
	             .by = {[PLURAL_ONE] = "Домой вернулся {1} человек.", [PLURAL_FEW] = "Домой вернулись {1} человека.",
	                    [PLURAL_MANY] = "Домой вернулись {1} человек."}},
	.returned_withheld = "Наши люди вернулись домой. Их число будет объявлено после завершения этого этапа обмена.",
	.none_returned = "На этом этапе никто не вернулся.",
	.among = "Среди них",
	.cats = {"военнослужащие Вооружённых сил", "военнослужащие Национальной гвардии",
	         "военнослужащие пограничной службы", "другие военнослужащие", "гражданские",
	         "тяжелораненые", "тяжелобольные", "молодые люди в возрасте от 18 до 25 лет",
	         "военнослужащие других формирований", "тяжелораненые и тяжелобольные"},
	.service_all = "военнослужащие",
	.years = {.by = {[PLURAL_ONE] = "год", [PLURAL_FEW] = "года", [PLURAL_MANY] = "лет"}},
	.ages = "Самому младшему {1}, самому старшему {2}.",
	.age_groups = "Возрастные группы: {1}.",
	.group_range = "{1}–{2} {3}", .group_under = "{1} {3} и младше", .group_over = "{1} {3} и старше",
	.since_first_days = "Некоторые находились в плену с первых дней войны ({1}).",
	.first_days = "Некоторые находились в плену с первых дней войны.",
	.since = "Дольше всех удерживаемый находился в плену с {1}.",
	.since_year = "Некоторые находились в плену с {1} года или ещё дольше.",
	.transit = "Они следуют через {1}, где получают медицинскую и психологическую помощь, а затем возвращаются домой на лечение и реабилитацию.",
	.transit_none = "Они получают медицинскую и психологическую помощь, лечение и реабилитацию.",
	.bodies = {.exactly_one = "Возвращено тело одного погибшего.",
	           .by = {[PLURAL_ONE] = "Возвращены тела {1} погибшего.", [PLURAL_FEW] = "Возвращены тела {1} погибших.",
	                  [PLURAL_MANY] = "Возвращены тела {1} погибших."}},
	.bodies_withheld = "Возвращены тела погибших.",
	.agreement = "В соответствии с договорённостью: {1}.", .mediated = "Посредник: {1}.",
	.months = {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
	           "октября", "ноября", "декабря"},
	.withheld_note = "Количественные данные не разглашаются до завершения этого этапа обмена.",
	/* "меньше 21 человека": the genitive after "меньше". */
	.k_note = "Ни одна группа здесь не описана, если в ней меньше {1} {2}: возраст указан только группами, плен — только годом; меньшие группы объединены или опущены.",
	.people = {.by = {[PLURAL_ONE] = "человека", [PLURAL_FEW] = "человек", [PLURAL_MANY] = "человек"}},
};

const statement_words *statement_words_of(lang_id lang)
{
	return lang == LANG_UK ? &uk : lang == LANG_RU ? &ru : &en;
}

const char *statement_form(const statement_forms *f, lang_id lang, long n)
{
	if(n == 1 && f->exactly_one)
		return f->exactly_one;
	const char *s = f->by[lang_plural_of(lang, n)];
	return s ? s : f->by[PLURAL_MANY] ? f->by[PLURAL_MANY] : f->by[PLURAL_OTHER];
}

/* Countries and mediators by code, as people write them: the nominative
 * ("Посередник: Туреччина") and the accusative ("через Туреччину"). */
const char *statement_place(const char *code, lang_id lang, bool accusative)
{
	static const struct {
		const char *code, *en, *uk[2], *ru[2];
	} names[] = {
		{"BY", "Belarus", {"Білорусь", "Білорусь"}, {"Беларусь", "Беларусь"}},
		{"TR", "Türkiye", {"Туреччина", "Туреччину"}, {"Турция", "Турцию"}},
		{"AE", "the United Arab Emirates", {"ОАЕ", "ОАЕ"}, {"ОАЭ", "ОАЭ"}},
		{"SA", "Saudi Arabia", {"Саудівська Аравія", "Саудівську Аравію"}, {"Саудовская Аравия", "Саудовскую Аравию"}},
		{"QA", "Qatar", {"Катар", "Катар"}, {"Катар", "Катар"}},
		{"PL", "Poland", {"Польща", "Польщу"}, {"Польша", "Польшу"}},
		{"VA", "the Holy See", {"Святий Престол", "Святий Престол"}, {"Святой Престол", "Святой Престол"}},
		{"ICRC", "the International Committee of the Red Cross",
		 {"Міжнародний комітет Червоного Хреста", "Міжнародний комітет Червоного Хреста"},
		 {"Международный комитет Красного Креста", "Международный комитет Красного Креста"}},
		{"UA", "Ukraine", {"Україна", "Україну"}, {"Украина", "Украину"}},
		{"RU", "Russia", {"Росія", "Росію"}, {"Россия", "Россию"}},
	};
	for(size_t i = 0; code && i < sizeof(names) / sizeof(names[0]); i++)
		if(!strcmp(names[i].code, code))
			return lang == LANG_UK ? names[i].uk[accusative] : lang == LANG_RU ? names[i].ru[accusative]
			                                                                   : names[i].en;
	return code;
}
