/* parley remains import | list | show | custody | fragment | identify |
 * withdraw | return | batch add | batch list | batch show */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "accord/ledger.h"
#include "accord/stage.h"
#include "cli/cli.h"
#include "core/msg.h"
#include "remains/remains.h"

/* ---- options ------------------------------------------------------------ */

static const char tag_once[] = "give the case's tag, once", label_once[] = "give the batch's label, once";

static void print_json(json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(v);
}

/* What a change did: "UA-...-0001: preliminary -> confirmed", its note. */
/* "note: ..." with the word in the user's language; the note as it is,
 * whole (a message's argument would cut a long one). */
static void say_note(const char *note)
{
	pl_err e;
	pl_failc(&e, PL_OK, "cli.remains_note", NULL);
	char word[64];
	msg_err_text(&e, msg_env_lang(), word, sizeof(word));
	printf("%s %s\n", word, note);
}

static int print_result(cli *c, const char *tag, const remains_result *res, pl_rc rc,
                        const pl_err *err)
{
	if(rc)
		return rc == PL_EUSAGE ? cli_usage_fail(c, err) : cli_fail(c, err);
	if(c->json) {
		json_t *o = remains_result_json(res);
		json_object_set_new(o, "tag", json_string(tag));
		print_json(o);
		return EXIT_OK;
	}
	static const char *const saved[] = {"unchanged", "created", "updated"};
	if(res->before != res->after)
		printf("%s: %s -> %s", tag, remains_status_name(res->before), remains_status_name(res->after));
	else
		printf("%s: %s (%s)", tag, saved[res->saved], remains_status_name(res->after));
	if(res->events_added) {
		printf("; ");
		cli_say(stdout, "cli.remains_events", "n", PL_N(res->events_added), NULL);
	} else {
		putchar('\n');
	}
	if(res->note[0])
		say_note(res->note);
	return EXIT_OK;
}

/* ---- import ------------------------------------------------------------- */

static const char import_usage[] =
	"usage: parley remains import FILE.csv [--from CODE --to CODE --date DATE]\n"
	"\n"
	"Import remains cases from a CSV file (- reads standard input), all or\n"
	"nothing: if any row is wrong nothing is imported, and each problem is\n"
	"reported with its file, line and column. A row finds its case by tag, so\n"
	"importing the same file again changes nothing; a changed row updates its\n"
	"case (a status only along the allowed moves). A batch named in the file is\n"
	"created if new. Columns: tag (required), batch, from_party, to_party,\n"
	"handover_date, recovery_place, recovery_date, condition, status, person,\n"
	"holder, custody_since, note (docs/remains.md).\n"
	"\n"
	"Options:\n"
	"  --from CODE         new batches: the party that handed them over (UA, RU),\n"
	"                      where the file has no from_party\n"
	"  --to CODE           new batches: the party that received them\n"
	"  --date DATE         new batches: the handover date\n"
	"  --max-errors N      report up to N problems before stopping (default 20)\n"
	"  --quiet             no summary\n";

static void print_import(const cli *c, const remains_import_report *rep)
{
	if(c->json) {
		printf("{\"rows\":%ld,\"created\":%ld,\"updated\":%ld,\"unchanged\":%ld,"
		       "\"batches_created\":%ld,\"custody_added\":%ld,\"events_added\":%ld}\n",
		       rep->rows, rep->created, rep->updated, rep->unchanged, rep->batches_created,
		       rep->custody_added, rep->events_added);
		return;
	}
	char rows[32], made[32], changed[32], same[32];
	text_thousands(rep->rows, rows, sizeof(rows));
	text_thousands(rep->created, made, sizeof(made));
	text_thousands(rep->updated, changed, sizeof(changed));
	text_thousands(rep->unchanged, same, sizeof(same));
	cli_say(stdout, "cli.remains_imported", "rows", rows, "created", made, "updated", changed, "unchanged",
	        same, "batches", PL_N(rep->batches_created), "custody", PL_N(rep->custody_added), "events",
	        PL_N(rep->events_added), NULL);
	if(rep->notes.len) {
		cli_say(stdout, "cli.remains_notes", NULL);
		fputs(buf_str(&rep->notes), stdout);
	}
}

static int remains_import_cmd(cli *c, int argc, char **argv)
{
	enum { FROM, TO, DATE, MAX_ERRORS, QUIET, N };
	static const cli_opt opts[] = {
		[FROM] = {.name = "from"}, [TO] = {.name = "to"}, [DATE] = {.name = "date"},
		[MAX_ERRORS] = CLI_OPT_MAX_ERRORS,
		[QUIET] = {.name = "quiet", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = import_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "give the file to import, once"};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	remains_import_opts o = {.defaults = {v[FROM].s, v[TO].s, v[DATE].s},
	                         .max_errors = v[MAX_ERRORS].s ? (int)v[MAX_ERRORS].n : 20};
	pl_err err = {0};
	remains_import_report rep;
	pl_rc rc = remains_import(st, argv[optind], &o, &rep, &err);
	store_close(st);
	if(rc)
		status = cli_import_failed(c, &rep.errors, &rep.coded, &err);
	else if(!v[QUIET].s) {
		print_import(c, &rep);
	}
	remains_import_report_free(&rep);
	return status < 0 ? EXIT_OK : status;
}

/* ---- list --------------------------------------------------------------- */

static const char list_usage[] =
	"usage: parley remains list [FILTERS]\n"
	"\n"
	"List remains cases by tag.\n"
	"\n"
	"Filters (a comma-separated list matches any of its values):\n"
	"  --batch LABEL        the cases of one batch\n"
	"  --status STATUSES    unidentified, preliminary, confirmed, returned\n"
	"  --condition VALUES   complete, incomplete, fragmented, skeletal, commingled,\n"
	"                       unknown\n"
	"  --tag TEXT           tags containing TEXT (letters in either case)\n"
	"  --limit N            at most N rows (default 50, up to 10000)\n"
	"  --offset N           skip the first N rows\n";

static void print_cases(const remains_page *pg, const remains_query *q)
{
	const char *head[7] = {"tag", "batch", "condition", "status", "person", "recovered", "place"};
	table *t = table_new(7, head);
	for(size_t i = 0; i < pg->n; i++) {
		const remains_case *k = &pg->rows[i];
		const char *row[7] = {k->tag, k->batch, k->condition, remains_status_name(k->status),
		                      k->person, k->recovery_date, k->recovery_place};
		table_add(t, row);
	}
	if(pg->n)
		table_print(t, stdout, 40);
	table_free(t);
	cli_print_range("cli.no_cases", q->offset, pg->n, pg->total, false);
}

/* List the cases q selects: JSON or a table. */
static int list_cases(cli *c, store *st, const remains_query *q)
{
	arena ar;
	arena_init(&ar, 0);
	remains_page pg;
	pl_err err = {0};
	pl_rc rc = remains_list(st, q, &ar, &pg, &err);
	int status = EXIT_OK;
	if(rc == PL_EUSAGE)
		status = cli_usage_fail(c, &err);
	else if(rc)
		status = cli_fail(c, &err);
	else if(c->json)
		print_json(remains_page_json(&pg, q));
	else
		print_cases(&pg, q);
	arena_free(&ar);
	return status;
}

static int remains_list_cmd(cli *c, int argc, char **argv)
{
	enum { LIMIT, OFFSET, BATCH, STATUS, CONDITION, TAG, N };
	static const cli_opt opts[] = {
		[LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET, [BATCH] = {.name = "batch"},
		[STATUS] = {.name = "status"},
		[CONDITION] = {.name = "condition"}, [TAG] = {.name = "tag"}, {0}};
	static const cli_spec spec = {.usage = list_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	remains_query q = REMAINS_QUERY_INIT;
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	q.batch = v[BATCH].s;
	q.status = v[STATUS].s;
	q.condition = v[CONDITION].s;
	q.text = v[TAG].s;
	status = list_cases(c, st, &q);
	store_close(st);
	return status;
}

/* ---- show --------------------------------------------------------------- */

static const char show_usage[] =
	"usage: parley remains show TAG [--json]\n"
	"\n"
	"A remains case: its batch, recovery, condition and identification, the\n"
	"chain of custody, its fragments, and the other cases that hold a person\n"
	"this one holds.\n";

static void show_fields(const remains_case *k)
{
	printf("%s  (%s)\n", k->tag, k->uid);
	if(k->person)
		cli_say(stdout, "cli.remains_status_as", "status", remains_status_name(k->status), "person", k->person,
		        NULL);
	else
		cli_say(stdout, "cli.remains_status", "status", remains_status_name(k->status), NULL);
	putchar('\n');
	const char *head[2] = {"field", "value"};
	table *t = table_new(2, head);
	const char *rows[][2] = {
		{"Batch", k->batch}, {"Recovery place", k->recovery_place},
		{"Recovery date", k->recovery_date}, {"Condition", k->condition}, {"Note", k->note},
		{"Recorded", k->created_at}, {"Changed", k->updated_at},
	};
	for(size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *row[2] = {rows[i][0], rows[i][1] ? rows[i][1] : "-"};
		table_add(t, row);
	}
	table_print(t, stdout, TABLE_WHOLE);
	table_free(t);
}

static void show_parts(const remains_case_detail *d)
{
	putchar('\n');
	cli_say(stdout, "cli.remains_custody_head", NULL);
	const char *ch[4] = {"since", "holder", "note", "recorded by"};
	table *t = table_new(4, ch);
	for(size_t i = 0; i < d->ncustody; i++) {
		const char *row[4] = {d->custody[i].since, d->custody[i].holder, d->custody[i].note,
		                      d->custody[i].actor};
		table_add(t, row);
	}
	if(d->ncustody)
		table_print(t, stdout, 60);
	else
		cli_say(stdout, "cli.remains_none_recorded", NULL);
	table_free(t);
	putchar('\n');
	cli_say(stdout, "cli.remains_fragments_head", NULL);
	const char *fh[3] = {"label", "person", "description"};
	t = table_new(3, fh);
	for(size_t i = 0; i < d->nfragments; i++) {
		const char *row[3] = {d->fragments[i].label, d->fragments[i].person,
		                      d->fragments[i].description};
		table_add(t, row);
	}
	if(d->nfragments)
		table_print(t, stdout, 60);
	else
		cli_say(stdout, "cli.remains_none_recorded", NULL);
	table_free(t);
	if(!d->nrelated)
		return;
	putchar('\n');
	cli_say(stdout, "cli.remains_related_head", NULL);
	const char *rh[5] = {"person", "tag", "batch", "status", "as"};
	t = table_new(5, rh);
	for(size_t i = 0; i < d->nrelated; i++) {
		const remains_related *o = &d->related[i];
		const char *row[5] = {o->person, o->tag, o->batch, remains_status_name(o->status),
		                      o->fragment ? "fragment" : "case"};
		table_add(t, row);
	}
	table_print(t, stdout, 40);
	table_free(t);
}

static int remains_show_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1, .args_msg = tag_once};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	arena ar;
	arena_init(&ar, 0);
	remains_case_detail d;
	pl_rc rc = remains_case_get(st, argv[optind], &ar, &d, &err);
	store_close(st);
	if(!rc && c->json) {
		print_json(remains_case_detail_json(&d));
	} else if(!rc) {
		show_fields(&d.c);
		show_parts(&d);
	}
	arena_free(&ar);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- changes ------------------------------------------------------------ */

static const char custody_usage[] =
	"usage: parley remains custody TAG --holder HOLDER --since DATE [--note TEXT]\n"
	"\n"
	"Record who holds the remains of a case from when on: a forensic bureau, a\n"
	"morgue, a family, a cemetery. The chain only grows, in date order: an entry\n"
	"dated before the last one is refused. Returned cases take no more entries.\n"
	"\n"
	"Options:\n"
	"  --holder TEXT    who holds them\n"
	"  --since DATE     since when (YYYY, YYYY-MM or YYYY-MM-DD)\n"
	"  --note TEXT      free text\n";

static int remains_custody_cmd(cli *c, int argc, char **argv)
{
	enum { HOLDER, SINCE, NOTE, N };
	static const cli_opt opts[] = {
		[HOLDER] = {.name = "holder", .required = true},
		[SINCE] = {.name = "since", .required = true}, [NOTE] = {.name = "note"},
		{0}};
	static const cli_spec spec = {.usage = custody_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = tag_once};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	const char *tag = argv[optind];
	pl_err err = {0};
	pl_rc rc = remains_custody_add(st, tag, v[HOLDER].s, v[SINCE].s, v[NOTE].s, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(c->json)
		printf("{\"tag\":\"%s\",\"custody_added\":1}\n", tag);
	else
		cli_say(stdout, "cli.remains_held", "case", tag, "holder", v[HOLDER].s, "since", v[SINCE].s, NULL);
	return EXIT_OK;
}

static const char fragment_usage[] =
	"usage: parley remains fragment TAG --label LABEL [--person ID] [--description TEXT]\n"
	"\n"
	"Record a fragment of a case (part of a person, when one bag holds parts of\n"
	"several), or change the one with that label. --person links it to the\n"
	"person it belongs to: one person may be spread over several cases and\n"
	"batches, and a case that holds a fragment of a person may be confirmed as\n"
	"that person besides another case (parley remains identify).\n"
	"\n"
	"Options:\n"
	"  --label TEXT          the fragment's label within the case (A, B, left femur)\n"
	"  --person ID           the person it belongs to\n"
	"  --description TEXT    what it is\n";

static int remains_fragment_cmd(cli *c, int argc, char **argv)
{
	enum { LABEL, PERSON, DESCRIPTION, N };
	static const cli_opt opts[] = {
		[LABEL] = {.name = "label", .required = true}, [PERSON] = {.name = "person"},
		[DESCRIPTION] = {.name = "description"},
		{0}};
	static const cli_spec spec = {.usage = fragment_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = tag_once};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	const char *tag = argv[optind];
	pl_err err = {0};
	remains_result res;
	pl_rc rc = remains_fragment_set(st, tag, v[LABEL].s, v[PERSON].s, v[DESCRIPTION].s, &res, &err);
	store_close(st);
	if(rc || c->json)
		return print_result(c, tag, &res, rc, &err);
	static const char *const saved[] = {"cli.remains_fragment_same", "cli.remains_fragment_added",
	                                    "cli.remains_fragment_changed"};
	cli_say(stdout, saved[res.saved], "case", tag, "label", v[LABEL].s, NULL);
	if(res.note[0])
		say_note(res.note);
	return EXIT_OK;
}

static const char identify_usage[] =
	"usage: parley remains identify TAG --person ID [--confirm]\n"
	"\n"
	"Identify the remains of a case as a person: a preliminary identification,\n"
	"or with --confirm a confirmed one (an unidentified case passes through\n"
	"preliminary). The person must be missing, have died in captivity, or have\n"
	"had their remains returned. Confirming records the person's identified\n"
	"event, after their remains_returned event dated the batch's handover when\n"
	"they were missing or died in captivity. A person who already has another\n"
	"confirmed case is refused, unless this case holds a fragment linked to them\n"
	"(parley remains fragment): one person may be spread over several cases.\n"
	"\n"
	"Options:\n"
	"  --person ID    the person's id (or its first 5 or more characters)\n"
	"  --confirm      a confirmed identification (final)\n";

static int remains_identify_cmd(cli *c, int argc, char **argv)
{
	enum { PERSON, CONFIRM, N };
	static const cli_opt opts[] = {
		[PERSON] = {.name = "person", .required = true},
		[CONFIRM] = {.name = "confirm", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = identify_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = tag_once};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	remains_result res;
	pl_rc rc = remains_identify(st, argv[optind], v[PERSON].s, v[CONFIRM].s != NULL, &res, &err);
	store_close(st);
	return print_result(c, argv[optind], &res, rc, &err);
}

static const char withdraw_usage[] =
	"usage: parley remains withdraw TAG\n"
	"\n"
	"Withdraw a preliminary identification: the case is unidentified again.\n"
	"A confirmed identification is final and cannot be withdrawn.\n";

static int remains_withdraw_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = withdraw_usage, .min_args = 1, .max_args = 1,
	                              .args_msg = tag_once};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	remains_result res;
	pl_rc rc = remains_withdraw(st, argv[optind], &res, &err);
	store_close(st);
	return print_result(c, argv[optind], &res, rc, &err);
}

static const char return_usage[] =
	"usage: parley remains return TAG --to CODE --date DATE [--note TEXT]\n"
	"\n"
	"Record that the remains of an unidentified or preliminary case belong to\n"
	"the other side and were sent back to party CODE on DATE. The case becomes\n"
	"returned (final) and its chain of custody ends with that handover.\n"
	"\n"
	"Options:\n"
	"  --to CODE      the party they were sent to (UA, RU)\n"
	"  --date DATE    when\n"
	"  --note TEXT    why they were found to belong to the other side\n";

static int remains_return_cmd(cli *c, int argc, char **argv)
{
	enum { TO, DATE, NOTE, N };
	static const cli_opt opts[] = {
		[TO] = {.name = "to", .required = true},
		[DATE] = {.name = "date", .required = true}, [NOTE] = {.name = "note"}, {0}};
	static const cli_spec spec = {.usage = return_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = tag_once};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	remains_result res;
	pl_rc rc = remains_return(st, argv[optind], v[TO].s, v[DATE].s, v[NOTE].s, &res, &err);
	store_close(st);
	return print_result(c, argv[optind], &res, rc, &err);
}

/* ---- batches ------------------------------------------------------------ */

static const char batch_add_usage[] =
	"usage: parley remains batch add LABEL --from CODE --to CODE [--date DATE]\n"
	"                                [--declared N] [--note TEXT]\n"
	"\n"
	"Record a batch of remains handed over together, before its cases are\n"
	"imported (an import also creates the batches its rows name).\n"
	"\n"
	"Options:\n"
	"  --from CODE      the party that handed it over (UA, RU)\n"
	"  --to CODE        the party that received it\n"
	"  --date DATE      the handover date\n"
	"  --declared N     how many bodies the sender declared\n"
	"  --note TEXT      free text\n";

/* A batch's declared count of bodies: the same option for add and tie. */
#define DECLARED_OPT                                                                                \
	{                                                                                               \
		.name = "declared", .kind = CLI_INT, .min = 1, .max = 100000000,                            \
		.expect = "a whole number of bodies from 1"                                                 \
	}

static int batch_add_cmd(cli *c, int argc, char **argv)
{
	enum { FROM, TO, DATE, DECLARED, NOTE, N };
	static const cli_opt opts[] = {
		[FROM] = {.name = "from", .required = true},
		[TO] = {.name = "to", .required = true}, [DATE] = {.name = "date"},
		[DECLARED] = DECLARED_OPT,
		[NOTE] = {.name = "note"}, {0}};
	static const cli_spec spec = {.usage = batch_add_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = label_once};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	remains_batch b = {.label = argv[optind], .from_party = v[FROM].s, .to_party = v[TO].s,
	                   .handover_date = v[DATE].s, .declared = v[DECLARED].s ? v[DECLARED].n : -1,
	                   .note = v[NOTE].s};
	pl_rc rc = remains_batch_add(st, &b, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	printf(c->json ? "{\"id\":\"%s\",\"label\":\"%s\"}\n" : "%s %s\n", b.uid, b.label);
	return EXIT_OK;
}

static const char batch_list_usage[] =
	"usage: parley remains batch list [--json]\n"
	"\n"
	"Every batch by handover date: who handed it over and received it, how many\n"
	"bodies were declared and how many cases were received, and the cases by\n"
	"identification status.\n";

static void batch_row(const remains_batch *b, table *t)
{
	char declared[32] = "-", received[32], counts[RS_COUNT][32];
	if(b->declared >= 0)
		text_thousands(b->declared, declared, sizeof(declared));
	text_thousands(b->received, received, sizeof(received));
	for(int i = 0; i < RS_COUNT; i++)
		text_thousands(b->by_status[i], counts[i], sizeof(counts[i]));
	const char *row[10] = {b->label, b->from_party, b->to_party, b->handover_date, declared,
	                       received, counts[RS_UNIDENTIFIED], counts[RS_PRELIMINARY],
	                       counts[RS_CONFIRMED], counts[RS_RETURNED]};
	table_add(t, row);
}

static const char *const batch_head[10] = {"label", "from", "to", "handover", "declared",
                                           "received", "unidentified", "preliminary",
                                           "confirmed", "returned"};

static int batch_list_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = batch_list_usage};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	arena ar;
	arena_init(&ar, 0);
	remains_batch *b;
	size_t n;
	pl_rc rc = remains_batch_list(st, stage_uid_by_id, &ar, &b, &n, &err);
	store_close(st);
	if(!rc && !n && !c->json) {
		cli_say(stdout, "cli.remains_no_batches", NULL);
		arena_free(&ar);
		return EXIT_OK;
	}
	cli_rows out;
	cli_rows_init(&out, c, 10, batch_head, 40);
	for(size_t i = 0; !rc && i < n; i++) {
		if(out.arr)
			json_array_append_new(out.arr, remains_batch_json(&b[i]));
		else
			batch_row(&b[i], out.t);
	}
	status = cli_rows_finish(&out, c, rc, &err);
	arena_free(&ar);
	return status;
}

static const char batch_show_usage[] =
	"usage: parley remains batch show LABEL [--limit N] [--offset N] [--json]\n"
	"\n"
	"A batch: its parties and date, declared against received, the cases by\n"
	"status, and its cases (as parley remains list --batch LABEL).\n";

static void batch_text(const remains_batch *b)
{
	table *t = table_new(10, batch_head);
	batch_row(b, t);
	table_print(t, stdout, 40);
	table_free(t);
	if(b->declared >= 0 && b->declared != b->received) {
		putchar('\n');
		cli_say(stdout, b->received < b->declared ? "cli.remains_fewer" : "cli.remains_more", "n",
		        PL_N(labs(b->declared - b->received)), NULL);
	}
	if(b->stage && b->clause)
		cli_say(stdout, "cli.remains_in_stage_clause", "stage", b->stage, "clause", b->clause, NULL);
	else if(b->stage)
		cli_say(stdout, "cli.remains_in_stage", "stage", b->stage, NULL);
	if(b->note)
		say_note(b->note);
	putchar('\n');
}

static int batch_show_cmd(cli *c, int argc, char **argv)
{
	enum { LIMIT, OFFSET, N };
	static const cli_opt opts[] = {[LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET, {0}};
	static const cli_spec spec = {.usage = batch_show_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = label_once};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	remains_query q = REMAINS_QUERY_INIT;
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	q.batch = argv[optind];
	arena ar;
	arena_init(&ar, 0);
	remains_batch b;
	remains_page pg;
	pl_rc rc = remains_batch_get(st, q.batch, stage_uid_by_id, &ar, &b, &err);
	if(!rc && c->json && !(rc = remains_list(st, &q, &ar, &pg, &err))) {
		json_t *o = remains_batch_json(&b);
		json_object_set_new(o, "cases", remains_page_json(&pg, &q));
		print_json(o);
	} else if(!rc && !c->json) {
		batch_text(&b);
		status = list_cases(c, st, &q);
	}
	store_close(st);
	arena_free(&ar);
	return rc ? cli_fail(c, &err) : status < 0 ? EXIT_OK : status;
}

static const char batch_tie_usage[] =
	"usage: parley remains batch tie LABEL --stage UID --clause ID [--agreement NAME]\n"
	"                                [--declared N]\n"
	"       parley remains batch tie LABEL --untie\n"
	"\n"
	"Tie a batch to the exchange stage it came with and the agreement's clause\n"
	"about bodies it counts under (\"6,000 bodies for 6,000\"): the ledger and the\n"
	"stage's statement then count its declared bodies. Audited.\n"
	"\n"
	"Options:\n"
	"  --stage UID       the stage (its id, or a unique prefix)\n"
	"  --clause ID       the clause about remains the bodies count under\n"
	"  --agreement NAME  the agreement the stage must belong to (default: the stage's)\n"
	"  --declared N      the bodies the sender declared, if the batch has no count yet\n"
	"                    or it was wrong\n"
	"  --untie           the batch counts under no stage and clause\n";

static int batch_tie_cmd(cli *c, int argc, char **argv)
{
	enum { STAGE, CLAUSE, AGREEMENT, DECLARED, UNTIE, N };
	static const cli_opt opts[] = {
		[STAGE] = {.name = "stage"}, [CLAUSE] = {.name = "clause"}, [AGREEMENT] = {.name = "agreement"},
		[DECLARED] = DECLARED_OPT,
		[UNTIE] = {.name = "untie", .kind = CLI_FLAG}, {0}};
	static const cli_spec spec = {.usage = batch_tie_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = label_once};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	pl_rc rc = PL_OK;
	if(v[UNTIE].s && (v[STAGE].s || v[CLAUSE].s || v[DECLARED].s))
		rc = pl_failc(&err, PL_EUSAGE, "cli.untie_alone", NULL);
	else if(!v[UNTIE].s && !v[STAGE].s)
		rc = pl_failc(&err, PL_EUSAGE, "cli.stage_or_untie", NULL);
	ledger_tie t = {.batch = argv[optind], .agreement = v[AGREEMENT].s, .stage = v[STAGE].s,
	                .clause = v[CLAUSE].s, .declared = v[DECLARED].s ? v[DECLARED].n : -1};
	rc = rc ? rc : ledger_batch_tie(st, &t, NULL, &err);
	arena ar;
	arena_init(&ar, 0);
	remains_batch b;
	rc = rc ? rc : remains_batch_get(st, t.batch, stage_uid_by_id, &ar, &b, &err);
	store_close(st);
	if(!rc && c->json)
		print_json(remains_batch_json(&b));
	else if(!rc && b.stage)
		cli_say(stdout, "cli.remains_tied", "batch", b.label, "n", PL_N(b.declared), "clause", b.clause, "stage",
		        b.stage, NULL);
	else if(!rc)
		cli_say(stdout, "cli.remains_untied", "batch", b.label, NULL);
	arena_free(&ar);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char batch_usage[] =
	"usage: parley remains batch COMMAND ...\n"
	"\n"
	"  add     record a batch (label, parties, date, declared count)\n"
	"  list    every batch, declared against received, cases by status\n"
	"  show    one batch and its cases\n"
	"  tie     tie a batch to its stage and clause, for the ledger\n"
	"\n"
	"'parley remains batch COMMAND --help' for each.\n";

static int remains_batch_cmd(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"add", batch_add_cmd, NULL}, {"list", batch_list_cmd, NULL}, {"show", batch_show_cmd, NULL},
		{"tie", batch_tie_cmd, NULL},
	};
	return cli_dispatch(c, "remains batch", subs, sizeof(subs) / sizeof(subs[0]), batch_usage, argc,
	                    argv);
}

/* ---- dispatch ----------------------------------------------------------- */

static const char remains_usage[] =
	"usage: parley remains COMMAND ...\n"
	"\n"
	"Remains cases (one bag or set of remains, by tag), the batches they came\n"
	"in, the chain of custody, fragments and identification (docs/remains.md).\n"
	"\n"
	"  import     import cases from CSV (all or nothing)\n"
	"  list       list cases, with filters\n"
	"  show       a case with its custody chain and fragments\n"
	"  custody    record who holds a case's remains from when on\n"
	"  fragment   record a fragment of a case, and whose it is\n"
	"  identify   identify a case as a person: preliminary or --confirm\n"
	"  withdraw   withdraw a preliminary identification\n"
	"  return     send misattributed remains back to the other side\n"
	"  batch      add, list and show batches\n"
	"\n"
	"Demo cases: parley demo-data --remains N. 'parley remains COMMAND --help' for each.\n";

int cmd_remains(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"import", remains_import_cmd, NULL}, {"list", remains_list_cmd, NULL},
		{"show", remains_show_cmd, NULL}, {"custody", remains_custody_cmd, NULL},
		{"fragment", remains_fragment_cmd, NULL}, {"identify", remains_identify_cmd, NULL},
		{"withdraw", remains_withdraw_cmd, NULL}, {"return", remains_return_cmd, NULL},
		{"batch", remains_batch_cmd, NULL},
	};
	return cli_dispatch(c, "remains", subs, sizeof(subs) / sizeof(subs[0]), remains_usage, argc,
	                    argv);
}
