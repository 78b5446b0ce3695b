/* Statements (statement.h). */
#include <string.h>

#include "accord/internal.h"
#include "accord/statement.h"
#include "core/text.h"

int statement_lang_parse(const char *s)
{
	return !s ? -1 : !strcmp(s, "en") ? STATEMENT_EN : !strcmp(s, "uk") ? STATEMENT_UK : -1;
}

static const char *const branch_values[BRANCHES] = {"armed_forces", "national_guard", "border_guard",
                                                      "other", "civilian"};

/* ---- gathering ---------------------------------------------------------------- */

static pl_rc embargo_holds(store *st, const statement *s, bool *out, pl_err *err)
{
	const agreement *ag = s->ag;
	*out = ag->embargo_until.y && date_lo(s->on) < date_lo(ag->embargo_until);
	if(*out || !ag->embargo_until_done)
		return PL_OK;
	sqlite3_stmt *q;
	pl_rc rc = store_stmt(st, "SELECT count(*) FROM stage WHERE agreement_id = ?"
	                          " AND status IN ('draft', 'proposed', 'agreed')", &q, err);
	if(rc)
		return rc;
	sqlite3_bind_int64(q, 1, ag->id);
	*out = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) > 0;
	sqlite3_reset(q);
	return PL_OK;
}

static void count_person(statement *s, const person *p)
{
	for(int b = 0; b < BRANCHES; b++)
		if(p->f[PF_BRANCH] && !strcmp(p->f[PF_BRANCH], branch_values[b]))
			s->branch[b]++;
	const char *m = p->f[PF_MEDICAL];
	s->severely_wounded += m && !strcmp(m, "severely_wounded");
	s->seriously_ill += m && !strcmp(m, "seriously_ill");
	pdate birth, cap;
	const char *why;
	if(p->f[PF_BIRTH_DATE] && date_parse(p->f[PF_BIRTH_DATE], &birth, &why)) {
		int lo, hi;
		date_age_range(birth, s->st.date, &lo, &hi);
		s->young += lo >= 18 && hi <= 25;
		if(s->youngest < 0 || lo < s->youngest)
			s->youngest = lo;
		if(hi > s->oldest)
			s->oldest = hi;
	}
	if(p->f[PF_CAPTURE_DATE] && date_parse(p->f[PF_CAPTURE_DATE], &cap, &why) &&
	   (!s->held_since.y || date_lo(cap) < date_lo(s->held_since)))
		s->held_since = cap;
}

static pl_rc gather(store *st, statement *s, int side, arena *a, pl_err *err)
{
	s->youngest = s->oldest = -1;
	for(size_t i = 0; i < s->st.nentries; i++) {
		const stage_entry *e = &s->st.entries[i];
		if(e->side == side || e->outcome != OUTCOME_HANDED_OVER)
			continue;
		s->received++;
		person p;
		if(!e->person[0])
			continue;
		pl_rc rc = registry_person_get(st, e->person, a, &p, err);
		if(rc)
			return rc;
		count_person(s, &p);
	}
	for(size_t i = 0; i < s->st.nbatches; i++)
		if(s->st.batches[i].side != side)
			s->bodies += s->st.batches[i].delivered > 0 ? s->st.batches[i].delivered : 0;
	const pdate start = s->ag->conflict_start;
	s->first_days = start.y && s->held_since.y && date_lo(s->held_since) >= date_lo(start) &&
	                date_hi(s->held_since) <= date_ymd_add_days(date_lo(start), 14);
	return PL_OK;
}

/* Who received people: the given party, else the one the other side
 * handed people to (the first party's people first). */
static int receiving_side(const statement *s, const char *party, pl_err *err)
{
	const agreement *ag = s->ag;
	if(party) {
		int k = agreement_side(ag, party);
		if(k < 0)
			pl_fail(err, PL_EINPUT, "%s is not a party to %s (%s, %s)", party, ag->name, ag->party[0],
			        ag->party[1]);
		return k;
	}
	for(int k = 0; k < 2; k++)
		for(size_t i = 0; i < s->st.nentries; i++)
			if(s->st.entries[i].side != k)
				return k;
	return 0;
}

pl_rc statement_make(store *st, const char *stage_uid, const char *party, pdate on, arena *a,
                        statement *out, pl_err *err)
{
	memset(out, 0, sizeof(*out));
	agreement *ag = arena_alloc(a, sizeof(*ag));
	if(!ag)
		return pl_nomem(err);
	pl_rc rc = stage_get(st, stage_uid, a, &out->st, err);
	rc = rc ? rc : agreement_get_id(st, out->st.agreement_id, a, ag, err);
	if(rc)
		return rc;
	out->ag = ag;
	out->on = on.y ? on : date_today();
	if(out->st.status != STAGE_EXECUTED && out->st.status != STAGE_CLOSED)
		return pl_fail(err, PL_ECONFLICT, "stage %s is %s: a statement follows the handover (execute "
		               "the stage first)", out->st.uid, stage_status_name(out->st.status));
	int side = receiving_side(out, party, err);
	if(side < 0)
		return PL_EINPUT;
	out->party = ag->party[side];
	/* side is who received: the entries handed over by the other. */
	rc = gather(st, out, side, a, err);
	return rc ? rc : embargo_holds(st, out, &out->embargo, err);
}

/* ---- in words ------------------------------------------------------------------- */

typedef struct words {
	const char *title, *returned, *returned_one, *returned_withheld, *none_returned, *among, *and_, *branches[BRANCHES];
	const char *wounded, *ill, *young, *ages, *since_first_days, *since, *transit, *transit_none;
	const char *bodies, *bodies_withheld, *agreement, *mediated, *months[12], *withheld_note;
} words;

static const words en = {
	.title = "Exchange under {1}: stage {2}",
	.returned = "{1} people have come home.",
	.returned_one = "One person has come home.",
	.returned_withheld = "People have come home. Their number will be given when this phase of the exchange is over.",
	.none_returned = "No one came home in this stage.",
	.among = "Among them",
	.and_ = "and",
	.branches = {"service members of the armed forces", "of the national guard", "of the border guard",
	             "others in service", "civilians"},
	.wounded = "severely wounded", .ill = "seriously ill", .young = "young people aged 18 to 25",
	.ages = "The youngest is {1} years old, the oldest {2}.",
	.since_first_days = "Some had been held since the first days of the war ({1}).",
	.since = "The longest held had been in captivity since {1}.",
	.transit = "They pass through {1}, where they receive medical and psychological help, and then go home for treatment and rehabilitation.",
	.transit_none = "They receive medical and psychological help, treatment and rehabilitation.",
	.bodies = "The bodies of {1} of the fallen have been returned.",
	.bodies_withheld = "The bodies of the fallen have been returned.",
	.agreement = "Under the agreement: {1}.", .mediated = "Mediated by {1}.",
	.months = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
	           "October", "November", "December"},
	.withheld_note = "Numbers are withheld until this phase of the exchange is over.",
};

static const words uk = {
	.title = "Обмін за домовленістю {1}: етап {2}",
	.returned = "Повернулися додому: {1}.",
	.returned_one = "Повернулися додому: 1.",
	.returned_withheld = "Наші люди повернулися додому. Кількість буде оголошено після завершення цього етапу обміну.",
	.none_returned = "Цього етапу ніхто не повернувся.",
	.among = "Серед них",
	.and_ = "та",
	.branches = {"військовослужбовці Збройних сил", "Національної гвардії", "Державної прикордонної служби",
	             "інші військовослужбовці", "цивільні"},
	.wounded = "тяжкопоранені", .ill = "тяжкохворі", .young = "молодь віком від 18 до 25 років",
	.ages = "Наймолодшому {1} р., найстаршому {2} р.",
	.since_first_days = "Дехто перебував у полоні з перших днів війни ({1}).",
	.since = "Найдовше утримуваний перебував у полоні з {1}.",
	.transit = "Вони прямують через {1}, де отримують медичну та психологічну допомогу, а потім повертаються додому на лікування та реабілітацію.",
	.transit_none = "Вони отримують медичну та психологічну допомогу, лікування та реабілітацію.",
	.bodies = "Повернуто тіла {1} загиблих.",
	.bodies_withheld = "Повернуто тіла загиблих.",
	.agreement = "Відповідно до домовленості: {1}.", .mediated = "За посередництва: {1}.",
	.months = {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
	           "жовтня", "листопада", "грудня"},
	.withheld_note = "Кількісні дані не розголошуються до завершення цього етапу обміну.",
};

/* Countries and mediators by code, as people write them. */
static const char *place_name(const char *code, statement_lang lang)
{
	static const struct {
		const char *code, *en, *uk;
	} names[] = {
		{"BY", "Belarus", "Білорусь"}, {"TR", "Türkiye", "Туреччину"}, {"AE", "the United Arab Emirates", "ОАЕ"},
		{"SA", "Saudi Arabia", "Саудівську Аравію"}, {"QA", "Qatar", "Катар"}, {"PL", "Poland", "Польщу"},
		{"ICRC", "the International Committee of the Red Cross", "Міжнародний комітет Червоного Хреста"},
		{"UA", "Ukraine", "Україну"}, {"RU", "Russia", "Росію"},
	};
	for(size_t i = 0; code && i < sizeof(names) / sizeof(names[0]); i++)
		if(!strcmp(names[i].code, code))
			return lang == STATEMENT_UK ? names[i].uk : names[i].en;
	return code;
}

/* "26 February 2022", "March 2022", "2022": in Ukrainian the months are
 * in the genitive, as "з березня 2022" and "26 лютого 2022" need. */
static void date_words(pdate d, const words *w, char *out, size_t size)
{
	if(!d.m)
		snprintf(out, size, "%d", d.y);
	else if(!d.d)
		snprintf(out, size, "%s %d", w->months[d.m - 1], d.y);
	else
		snprintf(out, size, "%d %s %d", d.d, w->months[d.m - 1], d.y);
}

/* The sentence tmpl with {1} and {2} replaced: the words of both languages
 * are data, never a format string. */
static pl_rc fill(buf *out, const char *tmpl, const char *a1, const char *a2)
{
	pl_rc rc = PL_OK;
	for(const char *p = tmpl; *p && !rc; p++) {
		if(p[0] == '{' && (p[1] == '1' || p[1] == '2') && p[2] == '}') {
			const char *arg = p[1] == '1' ? a1 : a2;
			rc = buf_adds(out, arg ? arg : "");
			p += 2;
		} else {
			rc = buf_addc(out, *p);
		}
	}
	return rc;
}

/* "Among them: service members of the armed forces (250), ...; severely wounded (12)." */
static pl_rc categories(const statement *s, const words *w, buf *out)
{
	const char *names[BRANCHES + 3];
	long counts[BRANCHES + 3];
	int n = 0;
	for(int b = 0; b < BRANCHES; b++)
		if(s->branch[b])
			names[n] = w->branches[b], counts[n++] = s->branch[b];
	if(s->severely_wounded)
		names[n] = w->wounded, counts[n++] = s->severely_wounded;
	if(s->seriously_ill)
		names[n] = w->ill, counts[n++] = s->seriously_ill;
	if(s->young)
		names[n] = w->young, counts[n++] = s->young;
	if(!n)
		return PL_OK;
	pl_rc rc = buf_printf(out, "%s: ", w->among);
	for(int i = 0; i < n && !rc; i++) {
		char num[32];
		text_thousands(counts[i], num, sizeof(num));
		rc = buf_printf(out, "%s%s", i == 0 ? "" : i + 1 == n ? ", " : ", ", names[i]);
		if(!rc && !s->embargo)
			rc = buf_printf(out, " (%s)", num);
	}
	return rc ? rc : buf_adds(out, ".\n\n");
}

pl_rc statement_markdown(const statement *s, statement_lang lang, buf *out)
{
	const words *w = lang == STATEMENT_UK ? &uk : &en;
	char date[64], num[32], no[16], a1[16], a2[16], head[160];
	date_words(s->st.date, w, date, sizeof(date));
	snprintf(no, sizeof(no), "%d", s->st.number);
	snprintf(head, sizeof(head), "%s, %s", no, date);
	pl_rc rc = buf_adds(out, "# ");
	rc = rc ? rc : fill(out, w->title, s->ag->name, head);
	rc = rc ? rc : buf_adds(out, "\n\n");
	text_thousands(s->received, num, sizeof(num));
	if(!s->received)
		rc = rc ? rc : buf_adds(out, w->none_returned);
	else
		rc = rc ? rc : fill(out, s->embargo ? w->returned_withheld : s->received == 1 ? w->returned_one : w->returned,
		                    num, NULL);
	rc = rc ? rc : buf_adds(out, "\n\n");
	rc = rc ? rc : categories(s, w, out);
	if(s->youngest >= 0) {
		snprintf(a1, sizeof(a1), "%d", s->youngest);
		snprintf(a2, sizeof(a2), "%d", s->oldest);
		rc = rc ? rc : fill(out, w->ages, a1, a2);
		rc = rc ? rc : buf_adds(out, s->held_since.y ? " " : "\n\n");
	}
	if(s->held_since.y) {
		char since[64];
		date_words(s->held_since, w, since, sizeof(since));
		rc = rc ? rc : fill(out, s->first_days ? w->since_first_days : w->since, since, NULL);
		rc = rc ? rc : buf_adds(out, "\n\n");
	}
	const char *transit = s->st.transit ? s->st.transit : s->ag->transit;
	if(s->received) {
		rc = rc ? rc : fill(out, transit ? w->transit : w->transit_none, place_name(transit, lang), NULL);
		rc = rc ? rc : buf_adds(out, "\n\n");
	}
	if(s->bodies) {
		text_thousands(s->bodies, num, sizeof(num));
		rc = rc ? rc : fill(out, s->embargo ? w->bodies_withheld : w->bodies, num, NULL);
		rc = rc ? rc : buf_adds(out, "\n\n");
	}
	rc = rc ? rc : fill(out, w->agreement, s->ag->title, NULL);
	if(s->ag->mediator) {
		rc = rc ? rc : buf_adds(out, " ");
		rc = rc ? rc : fill(out, w->mediated, place_name(s->ag->mediator, lang), NULL);
	}
	if(s->embargo) {
		rc = rc ? rc : buf_adds(out, "\n\n_");
		rc = rc ? rc : buf_adds(out, w->withheld_note);
		rc = rc ? rc : buf_adds(out, "_");
	}
	return rc ? rc : buf_adds(out, "\n");
}

static json_t *count_or_null(bool embargo, long n)
{
	return embargo ? json_null() : json_integer(n);
}

json_t *statement_json(const statement *s, statement_lang lang)
{
	char date[DATE_STR_MAX], since[DATE_STR_MAX];
	date_format(s->st.date, date);
	date_format(s->held_since, since);
	buf text;
	buf_init(&text, 0);
	bool ok = !statement_markdown(s, lang, &text);
	json_t *v = json_pack("{s:s, s:s, s:i, s:s, s:s, s:b, s:s?, s:b, s:s?}", "agreement", s->ag->name, "stage",
	                      s->st.uid, "number", s->st.number, "date", date, "party", s->party, "embargo",
	                      s->embargo, "held_since", s->held_since.y ? since : NULL, "first_days",
	                      s->first_days, "transit", s->st.transit ? s->st.transit : s->ag->transit);
	json_t *cats = json_object();
	for(int b = 0; b < BRANCHES; b++)
		if(s->branch[b])
			json_object_set_new(cats, branch_values[b], count_or_null(s->embargo, s->branch[b]));
	if(s->severely_wounded)
		json_object_set_new(cats, "severely_wounded", count_or_null(s->embargo, s->severely_wounded));
	if(s->seriously_ill)
		json_object_set_new(cats, "seriously_ill", count_or_null(s->embargo, s->seriously_ill));
	if(s->young)
		json_object_set_new(cats, "aged_18_to_25", count_or_null(s->embargo, s->young));
	json_object_set_new(v, "returned", count_or_null(s->embargo, s->received));
	json_object_set_new(v, "bodies", count_or_null(s->embargo, s->bodies));
	json_object_set_new(v, "categories", cats);
	json_object_set_new(v, "youngest", s->youngest >= 0 ? json_integer(s->youngest) : json_null());
	json_object_set_new(v, "oldest", s->oldest >= 0 ? json_integer(s->oldest) : json_null());
	json_object_set_new(v, "text", ok ? json_string(buf_str(&text)) : json_null());
	buf_free(&text);
	return v;
}
