/* Demo data: a synthetic registry as the office of party UA would hold it.
 *
 * Two kinds of people: our own (party UA) held by RU or missing, and RU
 * people we hold. Names are recombined from the words of the shipped uk/ru
 * dictionary, numbers come from the seeded generator, places are real
 * towns (places are not personal data): nothing describes a real person.
 *
 * Persons are made and written one at a time, in chunks of about 1 MiB:
 * memory stays the same whatever the count. Each person draws from a
 * generator seeded from the demo seed and its index, so person i is the
 * same however many come before or after it. The records go through the
 * registry's export writer: a demo file is byte for byte what `parley
 * export` writes for the same registry. */
#include <errno.h>
#include <string.h>

#include "demo/demo.h"
#include "demo/internal.h"

static const char *const ext_sources[] = {"hq", "icrc"};

typedef struct output {
	FILE *persons_f, *events_f;
	export_writer pw, ew;         /* the persons (or JSON), the CSV events */
	buf persons, events;
} output;

pl_rc demo_put(FILE *f, buf *b, const char *what, pl_err *err)
{
	if(b->len && fwrite(b->ptr, 1, b->len, f) != b->len)
		return pl_fail(err, PL_EIO, "cannot write the %s: %s", what, strerror(errno));
	buf_reset(b);
	return PL_OK;
}

pl_rc demo_put_end(FILE *f, const char *what, pl_err *err)
{
	errno = 0;
	if(f && (fflush(f) || ferror(f)))
		return pl_fail(err, PL_EIO, "cannot write the %s: %s", what,
		               errno ? strerror(errno) : "write error");
	return PL_OK;
}

static pl_rc write_person(output *o, const gen *g)
{
	pl_rc rc = registry_export_person(&o->pw, &o->persons, &g->p, g->ev, g->nev);
	return rc || !o->events_f ? rc : registry_export_person(&o->ew, &o->events, &g->p, g->ev, g->nev);
}

static pl_rc generate(gen *g, output *o, long persons, pl_err *err)
{
	pl_rc rc = registry_export_head(&o->pw, &o->persons);
	if(!rc && o->events_f)
		rc = registry_export_head(&o->ew, &o->events);
	if(rc)
		return pl_nomem(err);
	for(long i = 0; i < persons && !rc; i++) {
		if((rc = demo_person_make(g, i, err)))
			break;
		if(write_person(o, g))
			rc = pl_nomem(err);
		if(!rc && o->persons.len >= FLUSH_AT)
			rc = demo_put(o->persons_f, &o->persons, "demo data", err);
		if(!rc && o->events_f && o->events.len >= FLUSH_AT)
			rc = demo_put(o->events_f, &o->events, "demo events", err);
	}
	if(!rc && registry_export_tail(&o->pw, &o->persons))
		rc = pl_nomem(err);
	if(!rc)
		rc = demo_put(o->persons_f, &o->persons, "demo data", err);
	if(!rc && o->events_f)
		rc = demo_put(o->events_f, &o->events, "demo events", err);
	if(!rc)
		rc = demo_put_end(o->persons_f, "demo data", err);
	if(!rc)
		rc = demo_put_end(o->events_f, "demo events", err);
	return rc;
}

pl_rc registry_demo_generate(FILE *out, const demo_opts *o, pl_err *err)
{
	if(o->persons < 0)
		return pl_fail(err, PL_EUSAGE, "demo: the number of persons must be 0 or more, not %ld",
		               o->persons);
	gen g;
	pl_rc rc = demo_gen_open(&g, o->seed, err);
	if(rc)
		return rc;
	registry_format format = o->format == FORMAT_CSV ? FORMAT_CSV : FORMAT_JSON;
	output w = {.persons_f = out, .events_f = format == FORMAT_CSV ? o->events_csv : NULL,
	            .pw = {.format = format, .what = EXPORT_PERSONS, .sources = ext_sources,
	                   .nsources = COUNT(ext_sources)},
	            .ew = {.format = FORMAT_CSV, .what = EXPORT_EVENTS}};
	buf_init(&w.persons, 0);
	buf_init(&w.events, 0);
	rc = generate(&g, &w, o->persons, err);
	buf_free(&w.persons);
	buf_free(&w.events);
	demo_gen_close(&g);
	return rc;
}
