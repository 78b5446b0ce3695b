/* parley dna review | confirm | reject | withdraw: the decisions on
 * proposals, by two people (docs/dna.md, "Review and decisions"). Each is
 * recorded under a parley user, given with --user (default
 * $PARLEY_ACTOR), who must hold the permission the step needs. */
#include <string.h>

#include <jansson.h>

#include "auth/auth.h"
#include "cli/cmd_dna.h"
#include "dna/dna.h"

static const char review_usage[] =
	"usage: parley dna review CASE PERSON|CASE --note TEXT [--user NAME]\n"
	"\n"
	"The first of the two people an identification needs: record that you\n"
	"reviewed the proposal (the evidence locus by locus: parley dna explain),\n"
	"with what you found. Nothing is identified yet: another user confirms it\n"
	"(parley dna confirm), and sees your name and note. Needs dna_write.\n"
	"\n"
	"Options:\n"
	"  --note TEXT    what the review found (required)\n"
	"  --user NAME    the parley user who reviews (default $PARLEY_ACTOR)\n";

static const char confirm_usage[] =
	"usage: parley dna confirm CASE PERSON|CASE [--note TEXT] [--force] [--user NAME]\n"
	"\n"
	"The second person: confirm a proposal another user reviewed. A case and a\n"
	"person: the case is identified as the person (confirmed), which records\n"
	"the person's events; if the person belongs to the party that handed the\n"
	"remains over, the case is identified preliminarily and flagged for\n"
	"return instead (parley remains return). Two cases: they are one person,\n"
	"joined by fragments; a case not identified takes the other's confirmed\n"
	"identification. Refused if the proposal was not reviewed, or if you\n"
	"reviewed it. Audited, with who reviewed and who confirmed. Needs dna_write.\n"
	"\n"
	"Options:\n"
	"  --note TEXT    why, for the record\n"
	"  --force        confirm a candidate below the threshold (on other evidence)\n"
	"  --user NAME    the parley user who confirms (default $PARLEY_ACTOR): not the reviewer\n";

static const char reject_usage[] =
	"usage: parley dna reject CASE PERSON|CASE [--note TEXT] [--user NAME]\n"
	"\n"
	"Reject a proposal (proposed, candidate or reviewed): it stays recorded as\n"
	"rejected, with who decided, and later screenings do not propose the pair\n"
	"again. One person is enough: nobody is identified. Needs dna_write.\n"
	"\n"
	"Options:\n"
	"  --note TEXT    why, for the record\n"
	"  --user NAME    the parley user who rejects (default $PARLEY_ACTOR)\n";

static const char withdraw_usage[] =
	"usage: parley dna withdraw CASE PERSON|CASE --reason TEXT [--user NAME]\n"
	"       parley dna withdraw CASE PERSON|CASE --approve [--user NAME]\n"
	"       parley dna withdraw CASE PERSON|CASE --cancel [--user NAME]\n"
	"\n"
	"Withdraw a confirmed identification found wrong, by two people: an admin\n"
	"and a user with dna_write (identification). One requests it with the\n"
	"reason; the other, a different user of the other role, approves it. The\n"
	"approval undoes what the confirmation did: the case back to unidentified,\n"
	"the person's identified and remains_returned events it recorded voided\n"
	"in the registry (kept in the audit log with the reason), the fragments\n"
	"it recorded removed. Refused, saying why, when a later event forbids it\n"
	"(the remains returned to the other side, or handed on after the\n"
	"identification, or a later event of the person that depends on it). The\n"
	"proposal stays, withdrawn, and is not proposed again.\n"
	"\n"
	"Options:\n"
	"  --reason TEXT  request the withdrawal, saying why\n"
	"  --approve      approve the pending request (the second person)\n"
	"  --cancel       drop the pending request\n"
	"  --user NAME    the parley user (default $PARLEY_ACTOR)\n";

/* The user the decision is recorded under, checked: enabled, with the
 * permission (or, for a withdrawal, admin or dna_write); *roles for the
 * withdrawal (DNA_AS_...). The store acts as them. */
static int decider(cli *c, store *st, const char *name, bool withdrawal, unsigned *roles)
{
	user u;
	pl_err err = {0};
	if(!name || !*name)
		name = c->actor;
	if(auth_user_get(st, name, &u, &err) || u.disabled) {
		pl_failc(&err, PL_ECONFLICT, withdrawal ? "cli.decide_no_user_withdraw" : "cli.decide_no_user",
		         "user", name, NULL);
		return cli_fail(c, &err);
	}
	*roles = (auth_can(u.roles, PERM_DNA_WRITE) ? DNA_AS_IDENTIFICATION : 0) |
	         (u.roles & (1u << ROLE_ADMIN) ? DNA_AS_ADMIN : 0);
	if(!(*roles & DNA_AS_IDENTIFICATION) && (!withdrawal || !*roles)) {
		pl_failc(&err, PL_ECONFLICT, withdrawal ? "cli.decide_not_allowed_withdraw" : "cli.decide_not_allowed",
		         "user", u.name, NULL);
		return cli_fail(c, &err);
	}
	if(store_set_actor(st, u.name))
		return cli_fail(c, &err);
	return -1;
}

static void print_decision(cli *c, const char *tag, const char *other, const dna_decision *d)
{
	if(c->json) {
		json_t *o = dna_decision_json(d);
		json_object_set_new(o, "case", json_string(tag));
		json_object_set_new(o, "other", json_string(other));
		cli_print_json(o);
		return;
	}
	cli_put(stdout, "cli.dna_decided", "case", tag, "other", other, "status", d->status, NULL);
	if(!strcmp(d->status, "confirmed") && d->action)
		cli_put(stdout, "cli.dna_decided_action", "action", d->action, NULL);
	if(d->remains.before != d->remains.after)
		cli_put(stdout, "cli.dna_case_status", "before", remains_status_name(d->remains.before),
		            "after", remains_status_name(d->remains.after), NULL);
	if(d->remains.events_added)
		cli_put(stdout, "cli.dna_events_recorded", "n", PL_N(d->remains.events_added), NULL);
	if(d->remains.events_voided)
		cli_put(stdout, "cli.dna_events_voided", "n", PL_N(d->remains.events_voided), NULL);
	putchar('\n');
	if(d->note[0] || d->remains.note[0])
		cli_say(stdout, "cli.dna_note", "note", d->note[0] ? d->note : d->remains.note, NULL);
}

typedef enum decision { D_REVIEW, D_CONFIRM, D_REJECT, D_WITHDRAW } decision;

static int decide(cli *c, int argc, char **argv, decision kind)
{
	enum { NOTE, FORCE, USER, REASON, APPROVE, CANCEL, N };
	static const cli_opt opts[] = {[NOTE] = {.name = "note"}, [FORCE] = {.name = "force", .kind = CLI_FLAG}, [USER] = {.name = "user"},
	                               [REASON] = {.name = "reason"},
	                               [APPROVE] = {.name = "approve", .kind = CLI_FLAG},
	                               [CANCEL] = {.name = "cancel", .kind = CLI_FLAG}, {0}};
	static const char *const usage[] = {review_usage, confirm_usage, reject_usage, withdraw_usage};
	const cli_spec spec = {.usage = usage[kind], .opts = opts, .min_args = 2, .max_args = 2};
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, NULL);
	if(status >= 0)
		return status;
	if(v[FORCE].s && kind != D_CONFIRM)
		return cli_usage_errorc(c, "cli.force_with_confirm", NULL);
	if((v[REASON].s || v[APPROVE].s || v[CANCEL].s) && kind != D_WITHDRAW)
		return cli_usage_errorc(c, "cli.withdraw_options", NULL);
	if(kind == D_WITHDRAW && v[NOTE].s)
		return cli_usage_errorc(c, "cli.withdraw_reason", NULL);
	if(kind == D_WITHDRAW && !!v[REASON].s + !!v[APPROVE].s + !!v[CANCEL].s != 1)
		return cli_usage_errorc(c, "cli.withdraw_one", NULL);
	const char *tag = argv[optind], *other = argv[optind + 1];
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	unsigned roles = 0;
	if((status = decider(c, st, v[USER].s, kind == D_WITHDRAW, &roles)) >= 0) {
		store_close(st);
		return status;
	}
	dna_decision d;
	pl_rc rc;
	switch(kind) {
	case D_REVIEW: rc = dna_review(st, tag, other, v[NOTE].s, &d, &err); break;
	case D_CONFIRM: rc = dna_confirm(st, tag, other, v[NOTE].s, v[FORCE].s != NULL, &d, &err); break;
	case D_REJECT: rc = dna_reject(st, tag, other, v[NOTE].s, &d, &err); break;
	default:
		rc = v[REASON].s ? dna_withdraw_request(st, tag, other, v[REASON].s, roles, &d, &err)
		     : v[APPROVE].s ? dna_withdraw_approve(st, tag, other, roles, &d, &err)
		                    : dna_withdraw_cancel(st, tag, other, roles, &d, &err);
	}
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(kind == D_WITHDRAW && !c->json && !v[APPROVE].s)
		cli_say(stdout, v[REASON].s ? "cli.dna_withdrawal_requested" : "cli.dna_withdrawal_cancelled",
		        "case", tag, "other", other, NULL);
	else
		print_decision(c, tag, other, &d);
	return EXIT_OK;
}

int cli_dna_review(cli *c, int argc, char **argv)
{
	return decide(c, argc, argv, D_REVIEW);
}

int cli_dna_confirm(cli *c, int argc, char **argv)
{
	return decide(c, argc, argv, D_CONFIRM);
}

int cli_dna_reject(cli *c, int argc, char **argv)
{
	return decide(c, argc, argv, D_REJECT);
}

int cli_dna_withdraw(cli *c, int argc, char **argv)
{
	return decide(c, argc, argv, D_WITHDRAW);
}
