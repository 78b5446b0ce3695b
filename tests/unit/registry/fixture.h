/* A registry on a fresh database file, for the registry tests. */
#ifndef PARLEY_TESTS_REGISTRY_FIXTURE_H
#define PARLEY_TESTS_REGISTRY_FIXTURE_H

#include "testutil.h"

#include <sqlite3.h>

#include "registry/registry.h"

typedef struct fixture {
	char *dir;
	char path[4096];
	store *r;
	arena a;
	pl_err err;
} fixture;

static inline int fixture_setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	if(!f || !(f->dir = tu_tmpdir()))
		return -1;
	tu_path(f->path, sizeof(f->path), f->dir, "registry.db");
	if(store_open(&f->r, f->path, "tester", STORE_CREATE, &f->err))
		return -1;
	arena_init(&f->a, 0);
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	fixture *f = *state;
	store_close(f->r);
	arena_free(&f->a);
	tu_rmdir(f->dir);
	free(f);
	return 0;
}

/* A person with the given names (original script). */
static inline person fx_person(const char *surname, const char *given, const char *birth)
{
	person p = {0};
	p.f[PF_SURNAME] = surname;
	p.f[PF_GIVEN_NAMES] = given;
	p.f[PF_BIRTH_DATE] = birth;
	return p;
}

static inline void fx_add(fixture *f, person *p)
{
	assert_ok(registry_person_add(f->r, p, &f->err), &f->err);
}

static inline pl_rc fx_event(fixture *f, const char *uid, const char *type, const char *date,
                             event *out)
{
	event e = {0};
	e.f[EF_TYPE] = type;
	e.f[EF_DATE] = date;
	e.f[EF_SOURCE] = "own_records";
	pl_rc rc = registry_event_add(f->r, uid, &e, &f->err);
	if(out)
		*out = e;
	return rc;
}

/* One integer from SQL on the registry's database. */
static inline long long fx_scalar(fixture *f, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(store_db(f->r), sql, -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	long long v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static inline const char *fx_status(fixture *f, const char *uid)
{
	person p;
	assert_ok(registry_person_get(f->r, uid, &f->a, &p, &f->err), &f->err);
	return lifecycle_status_name(p.status);
}

#endif
