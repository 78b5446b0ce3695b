/* A registry on a fresh database file with helpers for remains: batches,
 * cases, persons in a given status. */
#ifndef PARLEY_TESTS_REMAINS_FIXTURE_H
#define PARLEY_TESTS_REMAINS_FIXTURE_H

#include "registry/fixture.h"

#include "accord/stage.h"  /* stages are accord's: batches name them through it */
#include "audit/audit.h"
#include "remains/remains.h"

static inline void rx_batch(fixture *f, const char *label, const char *date, long declared)
{
	remains_batch b = {.label = label, .from_party = "RU", .to_party = "UA",
	                   .handover_date = date, .declared = declared};
	assert_ok(remains_batch_add(f->r, &b, &f->err), &f->err);
}

/* Put a case from "column=value" pairs: rx_put(f, &res, "tag=T", "batch=B", NULL). */
static inline pl_rc rx_put(fixture *f, remains_result *res, ...)
{
	const char *v[RF_COUNT] = {0};
	va_list ap;
	va_start(ap, res);
	for(const char *kv; (kv = va_arg(ap, const char *));) {
		const char *eq = strchr(kv, '=');
		char name[40];
		snprintf(name, sizeof(name), "%.*s", (int)(eq - kv), kv);
		int i = field_find(remains_fields, RF_COUNT, name);
		assert_true(i >= 0);
		v[i] = eq + 1;
	}
	va_end(ap);
	return remains_case_put(f->r, v, NULL, res, &f->err);
}

static inline void rx_case(fixture *f, const char *tag, const char *batch)
{
	remains_result res;
	char t[80], b[80];
	snprintf(t, sizeof(t), "tag=%s", tag);
	snprintf(b, sizeof(b), "batch=%s", batch ? batch : "");
	assert_ok(rx_put(f, &res, t, b, NULL), &f->err);
	assert_int_equal(res.saved, REMAINS_CREATED);
}

/* A person brought to a status by events: missing, died_in_captivity,
 * remains_returned or held. Writes the uid to out. */
static inline void rx_person(fixture *f, const char *status, char out[UID_SIZE])
{
	person p = fx_person("Шевченко", "Олександр", "1990");
	fx_add(f, &p);
	memcpy(out, p.uid, UID_SIZE);
	if(!strcmp(status, "died_in_captivity")) {
		assert_ok(fx_event(f, p.uid, "capture_card", "2023-01-01", NULL), &f->err);
		assert_ok(fx_event(f, p.uid, "died_in_captivity", "2024-01-01", NULL), &f->err);
	} else if(!strcmp(status, "remains_returned")) {
		assert_ok(fx_event(f, p.uid, "remains_returned", "2024-02-01", NULL), &f->err);
	} else if(!strcmp(status, "held")) {
		assert_ok(fx_event(f, p.uid, "capture_card", "2023-01-01", NULL), &f->err);
	}
	assert_string_equal(fx_status(f, p.uid), status);
}

/* One integer from SQL built with printf. */
static inline long long rx_scalar(fixture *f, const char *fmt, ...) PL_PRINTF(2, 3);
static inline long long rx_scalar(fixture *f, const char *fmt, ...)
{
	char sql[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return fx_scalar(f, sql);
}

static inline const char *rx_status(fixture *f, const char *tag)
{
	remains_case_detail d;
	assert_ok(remains_case_get(f->r, tag, &f->a, &d, &f->err), &f->err);
	return remains_status_name(d.c.status);
}

static inline void rx_chain_intact(fixture *f)
{
	audit_verify_report vr;
	assert_ok(audit_verify(f->r, &vr, &f->err), &f->err);
	assert_int_equal(vr.first_bad, 0);
}

#endif
