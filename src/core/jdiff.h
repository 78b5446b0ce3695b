/* Where two versions of a JSON value differ, each place named as a path
 * (core/json.h): "entries[3] removed", "entries[12].person.birth_date
 * changed", "mediator added".
 *
 * Objects are compared member by member. Arrays are aligned first: after
 * their common start and end, the elements of the middle are paired so
 * that the most leaves stay alike, so that one entry removed reads
 * "entries[3] removed" rather than every later entry changed (a middle too
 * large to align is compared position by position). Removed elements are
 * numbered as they were, the others as they are now.
 *
 * The earlier version may be held in another form than the present one:
 * a signed document keeps only a digest of each leaf, computed over the
 * leaf's place (sign/). A view then turns a present value into that form
 * at its earlier place, and the two are compared as trees; leaves alike
 * are leaves equal. */
#ifndef PARLEY_CORE_JDIFF_H
#define PARLEY_CORE_JDIFF_H

#include <jansson.h>

#include "core/err.h"

typedef enum jdiff_kind { JDIFF_CHANGED, JDIFF_ADDED, JDIFF_REMOVED } jdiff_kind;

/* "changed", "added", "removed". */
const char *jdiff_kind_name(jdiff_kind k);

typedef struct jdiff_ops {
	/* now (a value of the present version) in the earlier version's form,
	 * at was_path, its place in the earlier version: a new reference, or
	 * NULL when memory runs out. NULL: the versions have the same form. */
	json_t *(*view)(void *ctx, const char *was_path, const json_t *now);
	/* One change, at its path in the present version ("" for the whole
	 * value). Anything but PL_OK stops the diff, which returns it. */
	pl_rc (*change)(void *ctx, const char *path, jdiff_kind kind, pl_err *err);
	void *ctx;
} jdiff_ops;

/* Every change from was to now, in document order, to ops->change. */
pl_rc jdiff(const json_t *was, const json_t *now, const jdiff_ops *ops, pl_err *err) PL_NODISCARD;

#endif
