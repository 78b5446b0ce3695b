/* What a reconciled list must show of a matched person: whether they are
 * on an open stage, and whether a clause would take them (stage.h). */
#include <string.h>

#include "accord/stage.h"
#include "match/reconcile.h"

unsigned stage_list_flags(void *ctx, const char *person_uid)
{
	const stage_list_check *c = ctx;
	arena a;
	arena_init(&a, 0);
	person p;
	pl_err err = {0};
	unsigned flags = 0;
	const char *stage_uid, *mediator;
	if(!registry_person_get(c->st, person_uid, &a, &p, &err)) {
		if(!stage_booking(c->st, p.id, NULL, &a, &stage_uid, &mediator, &err) && stage_uid)
			flags |= FLAG_BOOKED;
		if(c->cl && c->cl->eligible &&
		   (rule_eval(c->cl->eligible, &p, c->date, NULL) != RULE_YES ||
		    (p.f[PF_CONSENT] && !strcmp(p.f[PF_CONSENT], "no"))))
			flags |= FLAG_NOT_ELIGIBLE;
	}
	arena_free(&a);
	return flags;
}
