/* A registry on a fresh database file with helpers for inquiries. */
#ifndef PARLEY_TESTS_FAMILY_FIXTURE_H
#define PARLEY_TESTS_FAMILY_FIXTURE_H

#include "registry/fixture.h"

#include <jansson.h>

#include "audit/audit.h"
#include "family/family.h"
#include "demo/demo.h"

/* A registry of 1,000 generated persons behind the inquiries: the matching
 * engine learns its model from the registry, as in an office. */
static inline int fam_setup(void **state)
{
	if(fixture_setup(state))
		return -1;
	fixture *f = *state;
	char path[4200];
	tu_path(path, sizeof(path), f->dir, "persons.json");
	FILE *out = fopen(path, "wb");
	demo_opts o = {.persons = 1000, .seed = 15, .format = FORMAT_JSON};
	if(!out || registry_demo_generate(out, &o, &f->err) || fclose(out))
		return -1;
	const char *paths[] = {path};
	import_report rep;
	import_opts io = {.format = FORMAT_JSON};
	pl_rc rc = registry_import(f->r, paths, 1, &io, &rep, &f->err);
	if(rc)
		fprintf(stderr, "fam_setup: %s\n%s\n", f->err.msg, buf_str(&rep.errors));
	import_report_free(&rep);
	return rc ? -1 : 0;
}

/* An inquiry's input from "field=value" pairs and "consent_PURPOSE=FORM[ DATE]":
 * fam_input(&in, "inquirer=Марія", "surname=Шевченко", "consent_tracing=oral", NULL).
 * Values must live as long as in. */
static inline void fam_input(inquiry_input *in, ...)
{
	memset(in, 0, sizeof(*in));
	va_list ap;
	va_start(ap, in);
	for(const char *kv; (kv = va_arg(ap, const char *));) {
		const char *eq = strchr(kv, '=');
		char name[40];
		snprintf(name, sizeof(name), "%.*s", (int)(eq - kv), kv);
		if(!strncmp(name, "consent_", 8)) {
			consent_input *c = &in->consents[in->nconsents++];
			c->purpose = consent_purpose_names[consent_purpose_parse(name + 8)];
			const char *sp = strchr(eq + 1, ' ');
			c->form = eq + 1;
			if(sp) { /* the form alone, in a ring of copies that outlive the input */
				static char forms[64][24];
				static unsigned next;
				char *form = forms[next++ % 64];
				snprintf(form, sizeof(forms[0]), "%.*s", (int)(sp - eq - 1), eq + 1);
				c->form = form;
			}
			c->date = sp ? sp + 1 : NULL;
			continue;
		}
		int i = field_find(inquiry_fields, IF_COUNT, name);
		assert_true(i >= 0);
		in->f[i] = eq + 1;
	}
	va_end(ap);
}

static inline void fam_chain_intact(fixture *f)
{
	audit_verify_report vr;
	assert_ok(audit_verify(f->r, &vr, &f->err), &f->err);
	assert_int_equal(vr.first_bad, 0);
}

/* A mother's first inquiry, in Ukrainian: a new person. */
static inline void fam_first(fixture *f, inquiry_result *res)
{
	inquiry_input in;
	fam_input(&in, "inquirer=Марія Шевченко", "relation=mother", "phone=+380 50 123 4567",
	          "language=uk", "surname=Шевченко", "given_names=Олександр", "patronymic=Іванович",
	          "birth_date=1990-03-12", "last_seen_date=2025-02-10", "last_seen_place=Покровськ",
	          "unit=47 ОМБр", "received=2025-03-01", "consent_tracing=written 2025-03-01",
	          "consent_share_icrc=written 2025-03-01", NULL);
	assert_ok(family_inquiry_add(f->r, &in, res, &f->err), &f->err);
}

#endif
