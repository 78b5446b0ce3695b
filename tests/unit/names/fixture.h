/* The group fixture of the names tests: the module opened once, in *state. */
#ifndef PARLEY_TESTS_NAMES_FIXTURE_H
#define PARLEY_TESTS_NAMES_FIXTURE_H

#include "testutil.h"

#include "names/names.h"

static inline int names_setup(void **state)
{
	names *nm;
	pl_err err = {0};
	if(names_open(&nm, &err) != PL_OK) {
		fprintf(stderr, "names_open: %s\n", err.msg);
		return -1;
	}
	*state = nm;
	return 0;
}

static inline int names_teardown(void **state)
{
	names_close(*state);
	return 0;
}

#endif
