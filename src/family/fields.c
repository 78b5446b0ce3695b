/* The words of the module (statuses, purposes, forms, relations), the
 * fields of an inquiry, and the checks of their values. */
#include <string.h>

#include "audit/audit.h"
#include "family/internal.h"

const char *const inquiry_status_names[IQ_STATUS_COUNT + 1] = {"open", "answered", "closed", NULL};
const char *const consent_purpose_names[CP_COUNT + 1] = {"tracing", "dna_reference", "share_icrc",
                                                         "share_other_party", "court", NULL};
const char *const consent_form_names[] = {"written", "oral", "online", NULL};
const char *const inquiry_relation_names[] = {"mother", "father", "spouse", "partner", "child",
                                              "sibling", "grandparent", "grandchild",
                                              "other_relative", "other", NULL};
const char *const inquiry_language_names[] = {"uk", "en", "ru", NULL};
const char *const inquiry_link_names[] = {"given", "match", "new", NULL};
static const char *const sexes[] = {"male", "female", NULL};

const field_def inquiry_fields[IF_COUNT] = {
	[IF_REF] = {"ref", FK_TEXT, NULL, 0, "Reference", "the office's own reference of the inquiry (unique)"},
	[IF_PERSON] = {"person", FK_TEXT, NULL, 0, "Person", "the sought person's id, if known"},
	[IF_SURNAME] = {"surname", FK_TEXT, NULL, FIELD_NAME, "Surname", "the sought person's surname, as said"},
	[IF_GIVEN_NAMES] = {"given_names", FK_TEXT, NULL, FIELD_NAME, "Given names", "as said"},
	[IF_PATRONYMIC] = {"patronymic", FK_TEXT, NULL, FIELD_NAME, "Patronymic", "as said"},
	[IF_BIRTH_DATE] = {"birth_date", FK_DATE, NULL, FIELD_PAST, "Date of birth", "YYYY, YYYY-MM or YYYY-MM-DD"},
	[IF_SEX] = {"sex", FK_ENUM, sexes, 0, "Sex", "male or female"},
	[IF_PARTY] = {"party", FK_PARTY, NULL, 0, "Party", "whose service member or citizen (UA, RU)"},
	[IF_INQUIRER] = {"inquirer", FK_TEXT, NULL, 0, "Inquirer", "who asks: their name"},
	[IF_ORGANISATION] = {"organisation", FK_TEXT, NULL, 0, "Organisation", "or the organisation that asks"},
	[IF_RELATION] = {"relation", FK_ENUM, inquiry_relation_names, 0, "Relation", "the inquirer's relation to the person"},
	[IF_PHONE] = {"phone", FK_TEXT, NULL, 0, "Phone", "digits, spaces, +, -, ( and )"},
	[IF_EMAIL] = {"email", FK_TEXT, NULL, 0, "E-mail", "name@domain"},
	[IF_ADDRESS] = {"address", FK_NOTE, NULL, 0, "Address", "the inquirer's postal address"},
	[IF_LANGUAGE] = {"language", FK_ENUM, inquiry_language_names, 0, "Language", "uk, en or ru"},
	[IF_RECEIVED] = {"received", FK_DATE, NULL, FIELD_PAST, "Received", "when the inquiry came (default today)"},
	[IF_LAST_SEEN_DATE] = {"last_seen_date", FK_DATE, NULL, FIELD_PAST, "Last seen", "when the person was last seen"},
	[IF_LAST_SEEN_PLACE] = {"last_seen_place", FK_TEXT, NULL, 0, "Last seen at", "where"},
	[IF_UNIT] = {"unit", FK_TEXT, NULL, 0, "Unit", "the person's unit, as the family knows it"},
	[IF_CIRCUMSTANCES] = {"circumstances", FK_NOTE, NULL, 0, "Circumstances", "how contact was lost"},
	[IF_NOTE] = {"note", FK_NOTE, NULL, 0, "Note", "free text"},
};

int fam_word(const char *const *names, const char *name)
{
	for(int i = 0; name && names[i]; i++)
		if(!strcmp(name, names[i]))
			return i;
	return -1;
}

pl_rc fam_words_check(const char *const *names, const char *list, const char *code, pl_err *err)
{
	char w[32];
	for(const char *p = list ? list : ""; *p;) {
		size_t n = strcspn(p, ",");
		snprintf(w, sizeof(w), "%.*s", (int)(n < sizeof(w) ? n : sizeof(w) - 1), p);
		if(fam_word(names, w) < 0)
			return pl_failc(err, PL_EUSAGE, code, "status", w, NULL);
		p += n + (p[n] == ',');
	}
	return PL_OK;
}

int inquiry_status_parse(const char *name)
{
	return fam_word(inquiry_status_names, name);
}

int consent_purpose_parse(const char *name)
{
	return fam_word(consent_purpose_names, name);
}

bool inquiry_samples_attach(inquiry_input *in, const char *const *samples, size_t n)
{
	for(size_t i = 0; i < in->nconsents; i++)
		if(consent_purpose_parse(in->consents[i].purpose) == CP_DNA_REFERENCE) {
			in->consents[i].samples = samples;
			in->consents[i].nsamples = n;
			return true;
		}
	return false;
}

bool inquiry_field_is_contact(int f)
{
	return f == IF_PHONE || f == IF_EMAIL || f == IF_ADDRESS;
}

static bool phone_ok(const char *s)
{
	int digits = 0;
	for(; *s; s++) {
		if(*s >= '0' && *s <= '9')
			digits++;
		else if(!strchr(" +-()", *s))
			return false;
	}
	return digits >= 5 && digits <= 20;
}

static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
	       s[strlen(s) - 1] != '.' && !strpbrk(s, " \t,;<>");
}

const char *fam_value_clean(int i, const char *value, pdate today, arena *a, const char **why)
{
	const char *v = field_clean(&inquiry_fields[i], value, today, a, why);
	if(!v)
		return NULL;
	if(i == IF_PHONE && !phone_ok(v))
		*why = "expected a phone number: 5 to 20 digits, with spaces, +, -, ( and )";
	else if(i == IF_EMAIL && !email_ok(v))
		*why = "expected an e-mail address, name@domain";
	else if(i == IF_PERSON && strlen(v) < 5)
		*why = "expected a person's id (P and 16 characters, or at least 5 of them)";
	else
		return v;
	return NULL;
}

pl_rc fam_consent_clean(const consent_input *in, pdate today, arena *a, consent_input *out,
                        pl_err *err)
{
	*out = *in;
	if(consent_purpose_parse(in->purpose) < 0)
		return pl_failc(err, PL_EINPUT, "family.purpose", "purpose", in->purpose ? in->purpose : "", NULL);
	if(fam_word(consent_form_names, in->form) < 0)
		return pl_failc(err, PL_EINPUT, "family.form", "purpose", in->purpose, "form",
		                in->form ? in->form : "", NULL);
	if(in->date && *in->date) {
		static const field_def day = {"date", FK_DATE, NULL, FIELD_PAST, "Date", ""};
		const char *why = NULL;
		out->date = field_clean(&day, in->date, today, a, &why);
		if(!out->date || strlen(out->date) != 10)
			return pl_failc(err, PL_EINPUT, "family.consent_date", "purpose", in->purpose, "date", in->date,
			                NULL);
	} else {
		out->date = NULL;
	}
	return PL_OK;
}

pl_rc fam_refuse(inquiry_result *res, int field, pl_rc rc)
{
	res->field = field;
	return rc;
}

pl_rc fam_audit(store *st, const char *action, const char *entity, const char *uid, json_t *before,
                json_t *after, pl_err *err)
{
	enum { FLAGS = JSON_COMPACT | JSON_PRESERVE_ORDER };
	char *b = before ? json_dumps(before, FLAGS) : NULL;
	char *f = after ? json_dumps(after, FLAGS) : NULL;
	pl_rc rc = (before && !b) || (after && !f) ? pl_nomem(err)
	                                           : audit_append(st, NULL, action, entity, uid, b, f, err);
	free(b);
	free(f);
	json_decref(before);
	json_decref(after);
	return rc;
}
