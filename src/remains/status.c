/* The identification statuses and their moves, the fields of a case, and
 * the small helpers every file of the module uses. */
#include <stdarg.h>
#include <string.h>

#include "remains/internal.h"

const char *const remains_status_names[RS_COUNT + 1] = {
	[RS_UNIDENTIFIED] = "unidentified",
	[RS_PRELIMINARY] = "preliminary",
	[RS_CONFIRMED] = "confirmed",
	[RS_RETURNED] = "returned",
	[RS_COUNT] = NULL,
};

const char *const remains_condition_names[] = {"complete", "incomplete", "fragmented", "skeletal",
                                               "commingled", NULL};

const field_def remains_fields[RF_COUNT] = {
	[RF_TAG] = {"tag", FK_TEXT, NULL, FIELD_REQUIRED, "Tag",
	            "the case's tag, as written on the bag (required)"},
	[RF_BATCH] = {"batch", FK_TEXT, NULL, 0, "Batch",
	              "the label of the batch it came in (created if new)"},
	[RF_FROM_PARTY] = {"from_party", FK_PARTY, NULL, 0, "Handed over by",
	                   "the party that handed the batch over"},
	[RF_TO_PARTY] = {"to_party", FK_PARTY, NULL, 0, "Received by",
	                 "the party that received the batch"},
	[RF_HANDOVER_DATE] = {"handover_date", FK_DATE, NULL, FIELD_PAST, "Handover date",
	                      "when the batch was handed over"},
	[RF_RECOVERY_PLACE] = {"recovery_place", FK_TEXT, NULL, 0, "Recovery place",
	                       "where the remains were found"},
	[RF_RECOVERY_DATE] = {"recovery_date", FK_DATE, NULL, FIELD_PAST, "Recovery date",
	                      "when the remains were found"},
	[RF_CONDITION] = {"condition", FK_ENUM, remains_condition_names, 0, "Condition",
	                  "the state of the remains"},
	[RF_STATUS] = {"status", FK_ENUM, remains_status_names, 0, "Status",
	               "identification status"},
	[RF_PERSON] = {"person", FK_TEXT, NULL, 0, "Person",
	               "the person's id, for a preliminary or confirmed identification"},
	[RF_HOLDER] = {"holder", FK_TEXT, NULL, 0, "Holder",
	               "who holds the remains (a custody entry)"},
	[RF_CUSTODY_SINCE] = {"custody_since", FK_DATE, NULL, FIELD_PAST, "Held since",
	                      "since when the holder has them"},
	[RF_NOTE] = {"note", FK_NOTE, NULL, 0, "Note", "free text"},
};

const char *remains_status_name(remains_status s)
{
	return s < RS_COUNT ? remains_status_names[s] : "?";
}

int remains_status_parse(const char *name)
{
	for(int i = 0; i < RS_COUNT; i++)
		if(name && !strcmp(name, remains_status_names[i]))
			return i;
	return -1;
}

const char *remains_transition_refused(remains_status from, remains_status to)
{
	if(from == to)
		return "remains.why_already";
	switch(from) {
	case RS_UNIDENTIFIED:
		return to == RS_CONFIRMED ? "remains.why_preliminary_first" : NULL;
	case RS_PRELIMINARY:
		return NULL;
	case RS_CONFIRMED:
		return "remains.why_final";
	case RS_RETURNED:
		return "remains.why_returned";
	case RS_COUNT:
		break;
	}
	return "remains.why_unknown";
}

const char *remains_value_clean(int i, const char *value, pdate today, arena *a, const char **why)
{
	const char *v = field_clean(&remains_fields[i], value, today, a, why);
	if(v && i == RF_PERSON && !registry_uid_valid('P', v)) {
		*why = "expected a person's id as parley writes them (P and 16 characters of 0-9 and A-Z)";
		return NULL;
	}
	return v;
}

pl_rc remains_clean_arg(int i, const char *name, const char *value, bool required, arena *a,
                       const char **out, remains_result *res, pl_err *err)
{
	const char *why;
	*out = remains_value_clean(i, value, date_today(), a, &why);
	if(*out || (!why && !required))
		return PL_OK;
	res->field = i;
	if(why)
		return field_refuse(&remains_fields[i], name, value, why, err);
	return pl_failc(err, PL_EINPUT, "field.required", "field", name, NULL);
}

pl_rc remains_clean_label(const char *label, arena *a, const char **out, pl_err *err)
{
	static const field_def label_field = {"label", FK_TEXT, NULL, 0, "Label", ""};
	const char *why;
	*out = field_clean(&label_field, label, date_today(), a, &why);
	if(*out)
		return PL_OK;
	if(why)
		return field_refuse(&label_field, "label", label, why, err);
	return pl_failc(err, PL_EINPUT, "field.required", "field", "label", NULL);
}

void remains_result_init(remains_result *res)
{
	memset(res, 0, sizeof(*res));
	res->field = -1;
}

pl_rc remains_refuse(remains_result *res, int field, pl_rc rc)
{
	res->field = field;
	return rc;
}

bool remains_same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

void remains_note(remains_result *res, const char *fmt, ...)
{
	size_t n = strlen(res->note);
	if(n && n + 2 < sizeof(res->note)) {
		memcpy(res->note + n, "; ", 3);
		n += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->note + n, sizeof(res->note) - n, fmt, ap);
	va_end(ap);
}

pl_rc remains_row_check(const char *const v[RF_COUNT], remains_result *res, pl_err *err)
{
	if(!v[RF_TAG])
		return remains_refuse(res, RF_TAG, pl_failc(err, PL_EINPUT, "remains.required", NULL));
	if(v[RF_HOLDER] && !v[RF_CUSTODY_SINCE])
		return remains_refuse(res, RF_CUSTODY_SINCE, pl_failc(err, PL_EINPUT, "remains.since_with_holder", NULL));
	if(v[RF_CUSTODY_SINCE] && !v[RF_HOLDER])
		return remains_refuse(res, RF_HOLDER, pl_failc(err, PL_EINPUT, "remains.holder_with_since", NULL));
	return PL_OK;
}

pl_rc remains_rows(store *st, sqlite3_stmt *s, arena *a, size_t size, remains_row_fn fill,
                   void **items, size_t *n, const char *what, pl_err *err)
{
	size_t cap = 0;
	*items = NULL;
	*n = 0;
	int x;
	while((x = sqlite3_step(s)) == SQLITE_ROW) {
		void *item = arena_push(a, items, n, &cap, size);
		if(!item)
			break;
		fill(s, a, item);
	}
	sqlite3_reset(s);
	if(arena_oom(a))
		return pl_nomem(err);
	return x == SQLITE_DONE ? PL_OK : store_fail(st, err, x, what);
}
