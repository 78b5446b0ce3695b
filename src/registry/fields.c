/* The person and event fields: one table drives validation, storage, the
 * CSV and JSON columns, the command-line flags and the documentation. */
#include <stdio.h>
#include <string.h>

#include "core/msg.h"
#include "core/problems.h"
#include "core/text.h"
#include "core/utf8.h"
#include "registry/internal.h"

static const char *const sexes[] = {"male", "female", NULL};
static const char *const branches[] = {"armed_forces", "national_guard", "border_guard", "other",
                                       "civilian", NULL};
static const char *const medical[] = {"none", "wounded", "severely_wounded", "seriously_ill", NULL};
static const char *const consent[] = {"yes", "no", "unknown", NULL};
static const char *const sources[] = {"family_report", "counterpart_list", "mediator",
                                      "icrc_visit", "media", "own_records", "testimony", NULL};
/* The ISO 3166-1 alpha-2 codes assigned (249, as of 2024), two letters
 * each, in order: a country is one of them. */
static const char iso3166[] =
	"ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCM"
	"CNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGY"
	"HKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMF"
	"MGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARE"
	"RORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZ"
	"VAVCVEVGVIVNVUWFWSYEYTZAZMZW";

const field_def person_fields[PF_COUNT] = {
	[PF_SURNAME] = {"surname", FK_TEXT, NULL, FIELD_NAME, "Surname",
	                "surname in the original script (Art. 17)"},
	[PF_GIVEN_NAMES] = {"given_names", FK_TEXT, NULL, FIELD_NAME, "Given names",
	                    "first names in the original script (Art. 17)"},
	[PF_PATRONYMIC] = {"patronymic", FK_TEXT, NULL, FIELD_NAME, "Patronymic",
	                   "patronymic or father's first name (Art. 122)"},
	[PF_SURNAME_LATIN] = {"surname_latin", FK_TEXT, NULL, FIELD_NAME, "Surname (Latin)",
	                      "surname in Latin letters, as in a passport or list"},
	[PF_GIVEN_NAMES_LATIN] = {"given_names_latin", FK_TEXT, NULL, FIELD_NAME,
	                          "Given names (Latin)", "first names in Latin letters"},
	[PF_PATRONYMIC_LATIN] = {"patronymic_latin", FK_TEXT, NULL, FIELD_NAME,
	                         "Patronymic (Latin)", "patronymic in Latin letters"},
	[PF_MOTHER_MAIDEN_NAME] = {"mother_maiden_name", FK_TEXT, NULL, 0, "Mother's maiden name",
	                           "mother's maiden name (Art. 122)"},
	[PF_SEX] = {"sex", FK_ENUM, sexes, 0, "Sex", "sex"},
	[PF_BIRTH_DATE] = {"birth_date", FK_DATE, NULL, FIELD_PAST, "Date of birth",
	                   "date of birth, YYYY, YYYY-MM or YYYY-MM-DD (Art. 17)"},
	[PF_BIRTH_PLACE] = {"birth_place", FK_TEXT, NULL, 0, "Place of birth",
	                    "place of birth (Art. 122)"},
	[PF_HOME_ADDRESS] = {"home_address", FK_NOTE, NULL, 0, "Home address",
	                     "home address: street, house, flat (one or more lines)"},
	[PF_HOME_LOCALITY] = {"home_locality", FK_TEXT, NULL, 0, "Home town or village",
	                      "city, town or village of the home address"},
	[PF_HOME_REGION] = {"home_region", FK_TEXT, NULL, 0, "Home region",
	                    "region of the home address (oblast, state)"},
	[PF_HOME_COUNTRY] = {"home_country", FK_COUNTRY, NULL, 0, "Home country",
	                     "country of the home address, ISO 3166-1 alpha-2 (UA, RU)"},
	[PF_RANK] = {"rank", FK_TEXT, NULL, 0, "Rank", "rank, as the party writes it (Art. 17)"},
	[PF_SERVICE_NUMBER] = {"service_number", FK_TEXT, NULL, 0, "Service number",
	                       "army, regimental, personal or serial number (Art. 17)"},
	[PF_BRANCH] = {"branch", FK_ENUM, branches, 0, "Service branch",
	               "service branch, or civilian"},
	[PF_UNIT] = {"unit", FK_TEXT, NULL, 0, "Unit", "military unit"},
	[PF_PARTY] = {"party", FK_PARTY, NULL, 0, "Party",
	              "whose service member or citizen they are (UA, RU, ...)"},
	[PF_DEPENDS_ON] = {"depends_on", FK_PARTY, NULL, 0, "Power depended on",
	                   "the Power on which they depend (Art. 122)"},
	[PF_HELD_BY] = {"held_by", FK_PARTY, NULL, 0, "Held by", "who holds them now"},
	[PF_INFORM] = {"inform", FK_TEXT, NULL, 0, "Person to be informed",
	               "name of the person to be informed, the next of kin (Art. 122); older"
	               " records may hold the address here too"},
	[PF_INFORM_ADDRESS] = {"inform_address", FK_NOTE, NULL, 0, "Next of kin's address",
	                       "address of the person to be informed: street, house, flat (Art. 70, 122)"},
	[PF_INFORM_LOCALITY] = {"inform_locality", FK_TEXT, NULL, 0, "Next of kin's town",
	                        "city, town or village of the person to be informed"},
	[PF_INFORM_REGION] = {"inform_region", FK_TEXT, NULL, 0, "Next of kin's region",
	                      "region of the person to be informed (oblast, state)"},
	[PF_INFORM_COUNTRY] = {"inform_country", FK_COUNTRY, NULL, 0, "Next of kin's country",
	                       "country of the person to be informed, ISO 3166-1 alpha-2 (UA, RU)"},
	[PF_CAPTURE_DATE] = {"capture_date", FK_DATE, NULL, FIELD_PAST, "Date of capture",
	                     "date of capture"},
	[PF_CAPTURE_PLACE] = {"capture_place", FK_TEXT, NULL, 0, "Place of capture",
	                      "place of capture"},
	[PF_DETENTION_PLACE] = {"detention_place", FK_TEXT, NULL, 0, "Place of detention",
	                        "place of detention now"},
	[PF_MEDICAL] = {"medical", FK_ENUM, medical, FIELD_MEDICAL, "Medical category",
	                "medical category (Art. 110)"},
	[PF_CONSENT] = {"consent", FK_ENUM, consent, 0, "Consents to repatriation",
	                "consent to repatriation (Art. 109)"},
	[PF_CONSENT_DATE] = {"consent_date", FK_DATE, NULL, FIELD_PAST, "Consent recorded on",
	                     "date the consent was recorded"},
};

const field_def person_status_field = {"status", FK_ENUM, lifecycle_status_names, 0, "Status",
                                       "where the person is in the lifecycle (from the events)"};

const field_def event_fields[EF_COUNT] = {
	[EF_TYPE] = {"type", FK_ENUM, lifecycle_event_names, FIELD_REQUIRED, "Event", "what happened"},
	[EF_DATE] = {"date", FK_DATE, NULL, FIELD_REQUIRED | FIELD_PAST, "Date",
	             "when, YYYY, YYYY-MM or YYYY-MM-DD"},
	[EF_SOURCE] = {"source", FK_ENUM, sources, FIELD_REQUIRED, "Source",
	               "where the information comes from"},
	[EF_PLACE] = {"place", FK_TEXT, NULL, 0, "Place",
	              "where: place of capture, destination, hospital, place of death"},
	[EF_NOTE] = {"note", FK_NOTE, NULL, 0, "Note", "free text"},
	[EF_CAUSE] = {"cause", FK_TEXT, NULL, FIELD_MEDICAL, "Cause of death",
	              "cause of death (Art. 120)"},
	[EF_BURIAL_PLACE] = {"burial_place", FK_TEXT, NULL, 0, "Burial place",
	                     "place of burial (Art. 120)"},
	[EF_GRAVE] = {"grave", FK_TEXT, NULL, 0, "Grave", "grave identification (Art. 120)"},
};

int field_find(const field_def *defs, int n, const char *name)
{
	for(int i = 0; i < n; i++)
		if(!strcmp(defs[i].name, name))
			return i;
	return -1;
}

/* field_header_letters of s[0..len). */
static void letters_of(const char *text, size_t len, char *out, size_t size)
{
	buf f;
	buf_init(&f, 0);
	size_t n = 0;
	if(!names_fold_n(text, len, &f)) {
		const char *s = buf_str(&f);
		for(size_t i = 0; i < f.len && n + 1 < size; i++) {
			unsigned char c = (unsigned char)s[i];
			if(!strncmp(s + i, "\xE2\x80\x99", 3) || !strncmp(s + i, "\xCA\xBC", 2))
				i += c == 0xE2 ? 2 : 1;
			else if(c >= 0x80 || (c >= 'a' && c <= 'z'))
				out[n++] = (char)c;
		}
	}
	out[n] = '\0';
	buf_free(&f);
}

void field_header_letters(const char *h, char *out, size_t size)
{
	letters_of(h, strlen(h), out, size);
}

/* Headers lists give their columns in Ukrainian, Russian or English,
 * folded as field_header_letters leaves them, and the person field each is. A
 * field's own name in any case or spacing (Birth Date) is one too. */
static const struct {
	const char *header;
	int field;
} header_aliases[] = {
	{"прізвище", PF_SURNAME}, {"фамилия", PF_SURNAME}, {"lastname", PF_SURNAME},
	{"familyname", PF_SURNAME}, {"імя", PF_GIVEN_NAMES}, {"имя", PF_GIVEN_NAMES},
	{"firstname", PF_GIVEN_NAMES}, {"givenname", PF_GIVEN_NAMES}, {"forename", PF_GIVEN_NAMES},
	{"побатькові", PF_PATRONYMIC}, {"отчество", PF_PATRONYMIC}, {"middlename", PF_PATRONYMIC},
	{"fathersname", PF_PATRONYMIC}, {"датанародження", PF_BIRTH_DATE}, {"датарождения", PF_BIRTH_DATE},
	{"рікнародження", PF_BIRTH_DATE}, {"годрождения", PF_BIRTH_DATE}, {"dateofbirth", PF_BIRTH_DATE},
	{"yearofbirth", PF_BIRTH_DATE}, {"dob", PF_BIRTH_DATE}, {"місценародження", PF_BIRTH_PLACE},
	{"месторождения", PF_BIRTH_PLACE}, {"placeofbirth", PF_BIRTH_PLACE}, {"стать", PF_SEX},
	{"пол", PF_SEX}, {"gender", PF_SEX}, {"звання", PF_RANK}, {"звание", PF_RANK},
	{"військовезвання", PF_RANK}, {"воинскоезвание", PF_RANK}, {"військовачастина", PF_UNIT},
	{"воинскаячасть", PF_UNIT}, {"вч", PF_UNIT}, {"частина", PF_UNIT}, {"часть", PF_UNIT},
	{"особистийномер", PF_SERVICE_NUMBER}, {"особовийномер", PF_SERVICE_NUMBER},
	{"личныйномер", PF_SERVICE_NUMBER}, {"жетон", PF_SERVICE_NUMBER}, {"номержетона", PF_SERVICE_NUMBER},
	{"адреса", PF_HOME_ADDRESS}, {"адрес", PF_HOME_ADDRESS}, {"address", PF_HOME_ADDRESS},
	{"населенийпункт", PF_HOME_LOCALITY}, {"населенныйпункт", PF_HOME_LOCALITY}, {"місто", PF_HOME_LOCALITY},
	{"город", PF_HOME_LOCALITY}, {"city", PF_HOME_LOCALITY}, {"область", PF_HOME_REGION},
	{"регіон", PF_HOME_REGION}, {"регион", PF_HOME_REGION}, {"oblast", PF_HOME_REGION},
	{"підрозділ", PF_UNIT}, {"подразделение", PF_UNIT}, {"датаполонення", PF_CAPTURE_DATE},
	{"датаполону", PF_CAPTURE_DATE}, {"датапленения", PF_CAPTURE_DATE}, {"місцеполонення", PF_CAPTURE_PLACE},
	{"місцеполону", PF_CAPTURE_PLACE}, {"местопленения", PF_CAPTURE_PLACE},
	{"місцеутримання", PF_DETENTION_PLACE}, {"местосодержания", PF_DETENTION_PLACE},
};

int person_field_of_header(const char *h)
{
	char letters[256], name[64];
	field_header_letters(h, letters, sizeof(letters));
	if(!*letters)
		return -1;
	for(size_t i = 0; i < sizeof(header_aliases) / sizeof(*header_aliases); i++)
		if(!strcmp(letters, header_aliases[i].header))
			return header_aliases[i].field;
	for(int f = 0; f < PF_COUNT; f++) {
		size_t n = 0;
		for(const char *p = person_fields[f].name; *p && n + 1 < sizeof(name); p++)
			if(*p != '_')
				name[n++] = *p;
		name[n] = '\0';
		if(!strcmp(letters, name))
			return f;
	}
	return -1;
}

void field_values_text(const field_def *fd, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for(int i = 0; fd->values && fd->values[i] && used < size; i++) {
		int w = snprintf(out + used, size - used, "%s%s", i ? ", " : "", fd->values[i]);
		if(w < 0)
			break;
		used += (size_t)w;
	}
}

void field_why_text(const field_def *fd, const char *value, const char *why, char *out,
                    size_t size)
{
	char q[160], list[512] = "";
	text_quote(value, q, sizeof(q));
	if(fd->kind == FK_ENUM)
		field_values_text(fd, list, sizeof(list));
	snprintf(out, size, "%s (got '%s')%s%s", why, q, list[0] ? "; expected one of: " : "", list);
}

const char *field_why_arg(const char *why)
{
	const char *code = msg_code_of(why);
	return code ? code : why;
}

pl_rc field_refuse(const field_def *fd, const char *key, const char *value, const char *why,
                   pl_err *err)
{
	char q[160], list[512] = "";
	text_quote(value, q, sizeof(q));
	if(fd->kind == FK_ENUM)
		field_values_text(fd, list, sizeof(list));
	return pl_failc(err, PL_EINPUT, list[0] ? "field.invalid_enum" : "field.invalid", "field", key,
	                "why", field_why_arg(why), "value", q, "allowed", list, NULL);
}

pl_rc field_problem(problems *pb, long line, const field_def *fd, const char *value, const char *why)
{
	pl_err e = {0};
	field_refuse(fd, fd->name, value, why, &e);
	if(!e.code) {
		char msg[800];
		field_why_text(fd, value, why, msg, sizeof(msg));
		return problems_at(pb, line, "column '%s': %s", fd->name, msg);
	}
	/* The same words as field.invalid, with "column" in front. */
	return problems_atc(pb, line, !strcmp(e.code, "field.invalid") ? "import.column_invalid"
	                    : "import.column_invalid_enum", "column", fd->name, "why",
	                    pl_err_arg_value(&e, "why"), "value", pl_err_arg_value(&e, "value"), "allowed",
	                    pl_err_arg_value(&e, "allowed"), NULL);
}

enum { TEXT_MAX = 500, NOTE_MAX = 4000 };

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Is value[0..n), already trimmed, a valid value of fd? Returns NULL if
 * so, else why not. Enum values must match exactly; party codes must be
 * in capitals here (field_clean makes them so). */
static const char *field_invalid(const field_def *fd, const char *v, size_t n, pdate today,
                                 const char **canonical)
{
	*canonical = NULL;
	for(size_t i = 0; i < n;) { /* one pass: UTF-8 and control characters */
		unsigned char c = (unsigned char)v[i];
		uint32_t cp;
		if(c >= 0x80) {
			size_t k = utf8_decode(v + i, n - i, &cp);
			if(!k)
				return "not valid UTF-8";
			i += k;
			continue;
		}
		if((c < 0x20 && !(fd->kind == FK_NOTE && (c == '\n' || c == '\t' || c == '\r'))) ||
		   c == 0x7F)
			return fd->kind == FK_NOTE ? "control characters are not allowed"
			                           : "line breaks and control characters are not allowed";
		i++;
	}
	if(n > (fd->kind == FK_NOTE ? NOTE_MAX : TEXT_MAX))
		return fd->kind == FK_NOTE ? "longer than 4000 bytes" : "longer than 500 bytes";
	switch(fd->kind) {
	case FK_TEXT:
	case FK_NOTE:
		return NULL;
	case FK_DATE: {
		char s[DATE_STR_MAX + 1];
		pdate d;
		const char *why;
		if(n > DATE_STR_MAX - 1)
			return "expected a date as YYYY, YYYY-MM or YYYY-MM-DD";
		memcpy(s, v, n);
		s[n] = '\0';
		if(!date_parse(s, &d, &why))
			return why;
		if((fd->flags & FIELD_PAST) && date_lo(d) > date_lo(today))
			return "lies in the future";
		return NULL;
	}
	case FK_ENUM:
		for(int i = 0; fd->values[i]; i++)
			if(strlen(fd->values[i]) == n && !memcmp(fd->values[i], v, n)) {
				*canonical = fd->values[i];
				return NULL;
			}
		return "not one of the allowed values";
	case FK_COUNTRY:
		for(size_t i = 0; n == 2 && i + 1 < sizeof(iso3166); i += 2)
			if(iso3166[i] == v[0] && iso3166[i + 1] == v[1])
				return NULL;
		return "expected a country's ISO 3166-1 alpha-2 code (UA, RU, PL)";
	case FK_PARTY:
		if(n < 2 || n > 3)
			return "expected a party code of 2 or 3 letters (UA, RU)";
		for(size_t i = 0; i < n; i++)
			if(v[i] < 'A' || v[i] > 'Z')
				return "expected a party code of 2 or 3 letters (UA, RU)";
		return NULL;
	}
	return "unknown field kind";
}

/* Words offices write for an enum's values, folded (names_fold), and the
 * value each stands for: sex as lists and spreadsheets give it, in
 * Ukrainian, Russian and English, whole or by its first letters. A word
 * counts only for a field that has its value. */
static const char *const enum_words[][2] = {
	{"m", "male"}, {"man", "male"}, {"ч", "male"}, {"чол", "male"}, {"чоловік", "male"},
	{"чоловіча", "male"}, {"чоловічий", "male"}, {"м", "male"}, {"муж", "male"}, {"мужской", "male"},
	{"мужчина", "male"}, {"f", "female"}, {"w", "female"}, {"woman", "female"}, {"ж", "female"},
	{"жін", "female"}, {"жінка", "female"}, {"жіноча", "female"}, {"жіночий", "female"},
	{"жен", "female"}, {"женский", "female"}, {"женщина", "female"},
};

/* value[0..n) as one of fd's values, by its case (Male) or the words
 * offices use (ч, M, Чоловіча: male); NULL if neither. Only after the
 * value itself was not one: folding costs an allocation. */
static const char *enum_word(const field_def *fd, const char *value, size_t n)
{
	if(n >= 64) /* no word of a value is that long */
		return NULL;
	buf f;
	buf_init(&f, 0);
	const char *word = NULL, *out = NULL;
	if(!names_fold_n(value, n, &f)) {
		char *s = (char *)buf_str(&f);
		size_t k = f.len;
		while(k && (s[k - 1] == '.' || s[k - 1] == ' '))
			s[--k] = '\0';
		word = s;
		for(size_t i = 0; i < sizeof(enum_words) / sizeof(*enum_words); i++)
			if(!strcmp(s, enum_words[i][0]))
				word = enum_words[i][1];
		for(int i = 0; fd->values[i] && !out; i++)
			if(!strcmp(word, fd->values[i]))
				out = fd->values[i];
	}
	buf_free(&f);
	return out;
}

/* The countries of this work by name, in Ukrainian, Russian and English,
 * folded to their letters (field_header_letters), and their codes: a
 * party or a home country written out (Україна, Российская Федерация,
 * РФ) is its code. */
static const char *const country_words[][2] = {
	{"україна", "UA"}, {"украина", "UA"}, {"ukraine", "UA"}, {"росія", "RU"}, {"россия", "RU"},
	{"russia", "RU"}, {"рф", "RU"}, {"російськафедерація", "RU"}, {"российскаяфедерация", "RU"},
	{"russianfederation", "RU"}, {"білорусь", "BY"}, {"беларусь", "BY"}, {"белоруссия", "BY"},
	{"belarus", "BY"},
};

static const char *country_word(const char *value, size_t n)
{
	char letters[96];
	if(n >= sizeof(letters))
		return NULL;
	letters_of(value, n, letters, sizeof(letters));
	for(size_t i = 0; i < sizeof(country_words) / sizeof(*country_words); i++)
		if(!strcmp(letters, country_words[i][0]))
			return country_words[i][1];
	return NULL;
}

const char *field_clean(const field_def *fd, const char *value, pdate today, arena *a,
                        const char **why)
{
	*why = NULL;
	if(!value)
		return NULL;
	while(blank(*value))
		value++;
	size_t n = strlen(value);
	while(n && blank(value[n - 1]))
		n--;
	if(n == 0)
		return NULL;
	/* A date as offices write it (12.03.1990) is kept in the one form
	 * that sorts (1990-03-12). */
	char iso[DATE_STR_MAX];
	pdate d;
	if(fd->kind == FK_DATE) {
		if(!date_read(value, n, &d, why))
			return NULL;
		date_format(d, iso);
		value = iso;
		n = strlen(iso);
	}
	char party[4];
	if((fd->kind == FK_PARTY || fd->kind == FK_COUNTRY) && n <= 3) { /* ua is UA */
		for(size_t i = 0; i < n; i++)
			party[i] = value[i] >= 'a' && value[i] <= 'z' ? (char)(value[i] - 32) : value[i];
		value = party;
	}
	const char *canonical;
	if((*why = field_invalid(fd, value, n, today, &canonical))) {
		const char *word = fd->kind == FK_ENUM ? enum_word(fd, value, n)
		                 : fd->kind == FK_PARTY || fd->kind == FK_COUNTRY ? country_word(value, n) : NULL;
		if(word)
			*why = NULL;
		return word;
	}
	if(canonical)
		return canonical; /* enums point into the field table */
	char *v = arena_strndup(a, value, n);
	if(!v)
		*why = "out of memory";
	return v;
}

const char *ext_source_invalid(const char *s)
{
	size_t n = strlen(s);
	if(n == 0 || n > 32)
		return "a source is 1 to 32 characters";
	for(size_t i = 0; i < n; i++) {
		char c = s[i];
		if(!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '-' || c == '_') && i)))
			return "a source is made of a-z, 0-9, - and _ (not first)";
	}
	return NULL;
}

const char *ext_value_invalid(const char *id)
{
	static const field_def ext = {"ext", FK_TEXT, NULL, 0, "", ""};
	size_t n = strlen(id);
	const char *canonical;
	if(n == 0 || blank(id[0]) || blank(id[n - 1]))
		return "blanks around the value, or empty";
	if(n > 100)
		return "longer than 100 bytes";
	return field_invalid(&ext, id, n, (pdate){9999, 12, 31}, &canonical);
}

pl_rc fields_check(const field_def *defs, int n, const char *const *values, pdate today,
                   pl_err *err)
{
	for(int i = 0; i < n; i++) {
		const char *v = values[i], *canonical;
		if(!v)
			continue;
		size_t len = strlen(v);
		const char *why = len == 0 || blank(v[0]) || blank(v[len - 1])
		                  ? "blanks around the value, or empty"
		                  : field_invalid(&defs[i], v, len, today, &canonical);
		if(why) {
			char got[64];
			snprintf(got, sizeof(got), "%.60s", v);
			return pl_failc(err, PL_EINPUT, "field.invalid", "field", defs[i].name, "why",
			                field_why_arg(why), "value", got, NULL);
		}
	}
	return PL_OK;
}

bool registry_field_permitted(unsigned rights, const field_def *fd)
{
	return (rights & ((fd->flags & FIELD_MEDICAL) ? WRITE_MEDICAL : WRITE_GENERAL)) != 0;
}

bool registry_event_permitted(unsigned rights, event_type e, bool cause)
{
	if(cause && !(rights & WRITE_MEDICAL))
		return false;
	if(lifecycle_event_is_health(e))
		return (rights & WRITE_MEDICAL) != 0;
	if(lifecycle_event_has_death_fields(e))
		return rights != 0;
	return (rights & WRITE_GENERAL) != 0;
}

bool registry_event_source_fits(event_type e, const char *source)
{
	return (e == EV_SIGHTING) == (source && !strcmp(source, "testimony"));
}

void person_withhold_medical(person *p)
{
	for(int i = 0; i < PF_COUNT; i++)
		if(person_fields[i].flags & FIELD_MEDICAL)
			p->f[i] = NULL;
}

void event_withhold_medical(event *e)
{
	int type = lifecycle_event_parse(e->f[EF_TYPE]);
	for(int i = 0; i < EF_COUNT; i++)
		if(event_fields[i].flags & FIELD_MEDICAL)
			e->f[i] = NULL;
	if(type >= 0 && lifecycle_event_is_health((event_type)type))
		e->f[EF_PLACE] = e->f[EF_NOTE] = e->note_code = e->note_args = NULL;
}
