/* parley inquiry add | list | show | consent | withdraw | close | import
 *
 * Families' inquiries (docs/families.md). The command line is the
 * office's own operator with the database file: it shows the inquirers'
 * contacts, as the family liaison sees them; every show and list is
 * written to the access log, as the server writes them. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/cmd_dna.h"
#include "core/msg.h"
#include "dna/dna.h"
#include "family/family.h"

static const char one_id[] = "give the inquiry's id, once";

/* ---- add ------------------------------------------------------------------ */

static const char add_usage[] =
	"usage: parley inquiry add --inquirer NAME|--organisation NAME (--person ID | --surname TEXT ...)\n"
	"                          [FIELDS] [--consent PURPOSE:FORM[:DATE]]... [--new-person]\n"
	"\n"
	"Record a family's inquiry: who asks, about whom, what they know, and the\n"
	"consent they give, per purpose. The person is --person, or found by the\n"
	"matching engine from the names given (across scripts: Олександр, Александр,\n"
	"Oleksandr): at or above the threshold the inquiry is linked to the person\n"
	"found, and the command says so; a likely person below it is refused, naming\n"
	"them, until you give --person or --new-person; with nobody near, a new person\n"
	"is recorded as reported missing, the source a family report.\n"
	"\n"
	"Consent: --consent PURPOSE:FORM[:DATE], once per purpose. Purposes: tracing,\n"
	"dna_reference, share_icrc, share_other_party, court; forms: written, oral,\n"
	"online; the date defaults to the day received. Sharing needs tracing.\n"
	"--dna-sample SAMPLE (repeated) names a DNA sample the inquirer gave, under\n"
	"the dna_reference consent: used in screening while that consent stands.\n"
	"\n"
	"Fields:\n";

static const char add_usage_tail[] =
	"\n"
	"Options:\n"
	"  --new-person                 a new person although the engine found a likely one\n"
	"  --threshold P                link at this probability or more (default 0.9)\n";

enum { OPT_CONSENT = IF_COUNT, OPT_DNA_SAMPLE, OPT_NEW_PERSON, OPT_THRESHOLD, OPT_COUNT };

/* The DNA samples an inquirer gave (--dna-sample, --sample, repeated). */
#define MAX_SAMPLES 16
typedef struct samples_ctx {
	const char *sample[MAX_SAMPLES];
	size_t n;
} samples_ctx;

static int take_sample(cli *c, samples_ctx *x, char *value)
{
	if(x->n == MAX_SAMPLES)
		return cli_usage_errorc(c, "cli.inquiry_samples_many", "max", PL_N(MAX_SAMPLES), NULL);
	x->sample[x->n++] = value;
	return -1;
}

static int take_sample_opt(cli *c, const cli_opt *o, char *value, void *ctx)
{
	(void)o;
	return take_sample(c, ctx, value);
}

typedef struct add_ctx {
	inquiry_input in;
	char spec[CP_COUNT][160];
	samples_ctx samples;
} add_ctx;

static int take_add_sample(cli *c, const cli_opt *o, char *value, void *ctx)
{
	(void)o;
	return take_sample(c, &((add_ctx *)ctx)->samples, value);
}

/* --consent PURPOSE:FORM[:DATE] */
static int take_consent(cli *c, const cli_opt *o, char *value, void *ctx)
{
	add_ctx *x = ctx;
	(void)o;
	if(x->in.nconsents == CP_COUNT)
		return cli_usage_errorc(c, "cli.inquiry_consent_form", "value", value, NULL);
	char *s = x->spec[x->in.nconsents];
	snprintf(s, sizeof(x->spec[0]), "%s", value);
	consent_input *k = &x->in.consents[x->in.nconsents++];
	char *form = strchr(s, ':');
	if(!form)
		return cli_usage_errorc(c, "cli.inquiry_consent_form", "value", value, NULL);
	*form++ = '\0';
	char *date = strchr(form, ':');
	if(date)
		*date++ = '\0';
	*k = (consent_input){.purpose = s, .form = form, .date = date};
	return -1;
}

static pl_rc field_help(buf *b)
{
	for(int i = 0; i < IF_COUNT; i++) {
		char flag[64], values[200] = "", left[96];
		snprintf(flag, sizeof(flag), "--%s", inquiry_fields[i].name);
		for(char *p = flag; *p; p++)
			if(*p == '_')
				*p = '-';
		if(inquiry_fields[i].kind == FK_ENUM) {
			char list[180];
			field_values_text(&inquiry_fields[i], list, sizeof(list));
			snprintf(values, sizeof(values), " (%s)", list);
		}
		snprintf(left, sizeof(left), "%s %s", flag, inquiry_fields[i].kind == FK_DATE ? "DATE" : "TEXT");
		if(buf_printf(b, "  %-28s %s%s\n", left, inquiry_fields[i].help, values))
			return PL_ENOMEM;
	}
	return PL_OK;
}

static void say_added(const inquiry_result *res)
{
	if(res->skipped) {
		cli_say(stdout, "cli.inquiry_skipped", "inquiry", res->uid, NULL);
		return;
	}
	char prob[16];
	snprintf(prob, sizeof(prob), "%.2f", res->prob);
	cli_say(stdout, "cli.inquiry_added", "inquiry", res->uid, "person", res->person, NULL);
	if(res->linked == LINK_MATCH)
		cli_say(stdout, "cli.inquiry_linked", "person", res->person, "prob", prob, NULL);
	else if(res->person_created)
		cli_say(stdout, "cli.inquiry_new_person", "person", res->person, NULL);
}

static int inquiry_add_cmd(cli *c, int argc, char **argv)
{
	static char names[IF_COUNT][40];
	static cli_opt opts[OPT_COUNT + 1];
	for(int i = 0; i < IF_COUNT; i++) {
		snprintf(names[i], sizeof(names[i]), "%s", inquiry_fields[i].name);
		for(char *p = names[i]; *p; p++)
			if(*p == '_')
				*p = '-';
		opts[i] = (cli_opt){.name = names[i], .kind = CLI_TEXT};
	}
	opts[OPT_CONSENT] = (cli_opt){.name = "consent", .kind = CLI_TEXT, .take = take_consent};
	opts[OPT_DNA_SAMPLE] = (cli_opt){.name = "dna-sample", .kind = CLI_TEXT, .take = take_add_sample};
	opts[OPT_NEW_PERSON] = (cli_opt){.name = "new-person", .kind = CLI_FLAG};
	opts[OPT_THRESHOLD] = (cli_opt){.name = "threshold", .kind = CLI_NUMBER, .min = 0, .max = 1};
	buf usage;
	buf_init(&usage, 0);
	if(buf_adds(&usage, add_usage) || field_help(&usage) || buf_adds(&usage, add_usage_tail)) {
		buf_free(&usage);
		return EXIT_REFUSED;
	}
	cli_spec spec = {.usage = buf_str(&usage), .opts = opts};
	cli_val v[OPT_COUNT];
	add_ctx x = {0};
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, &x, &st);
	buf_free(&usage);
	if(status >= 0)
		return status;
	for(int i = 0; i < IF_COUNT; i++)
		x.in.f[i] = v[i].s;
	x.in.new_person = v[OPT_NEW_PERSON].s != NULL;
	x.in.threshold = v[OPT_THRESHOLD].s ? v[OPT_THRESHOLD].x : 0;
	/* the samples go with the DNA consent they were given under */
	if(x.samples.n && !inquiry_samples_attach(&x.in, x.samples.sample, x.samples.n)) {
		store_close(st);
		return cli_usage_errorc(c, "cli.inquiry_sample_needs_consent", NULL);
	}
	inquiry_result res;
	pl_err err = {0};
	pl_rc rc = family_inquiry_add(st, &x.in, &res, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(c->json)
		cli_print_json(inquiry_result_json(&res));
	else
		say_added(&res);
	return EXIT_OK;
}

/* ---- list ------------------------------------------------------------------ */

static const char list_usage[] =
	"usage: parley inquiry list [--status STATUSES] [--person ID] [--limit N] [--offset N]\n"
	"\n"
	"Inquiries, newest first, with the sought person and the consents in force.\n"
	"\n"
	"  --status STATUSES    open, answered, closed (comma-separated)\n"
	"  --person ID          the inquiries about one person\n"
	"  --limit N            at most N rows (default 50)\n"
	"  --offset N           skip the first N rows\n";

static void purposes_text(unsigned bits, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for(int p = 0; p < CP_COUNT; p++)
		if(bits & (1u << p)) {
			int w = snprintf(out + used, size - used, "%s%s", used ? "," : "", consent_purpose_names[p]);
			if(w < 0 || (size_t)w >= size - used)
				break;
			used += (size_t)w;
		}
}

static void print_page(const inquiry_page *pg, const inquiry_query *q)
{
	const char *head[7] = {"id", "status", "received", "person", "sought", "inquirer", "consent"};
	table *t = table_new(7, head);
	for(size_t i = 0; i < pg->n; i++) {
		const inquiry *k = &pg->rows[i];
		char sought[200], consents[120];
		snprintf(sought, sizeof(sought), "%s %s", k->who.surname ? k->who.surname : "",
		         k->who.given_names ? k->who.given_names : "");
		purposes_text(k->consents_in_force, consents, sizeof(consents));
		const char *row[7] = {k->uid, inquiry_status_names[k->status], k->f[IF_RECEIVED], k->f[IF_PERSON], sought,
		                      k->f[IF_INQUIRER] ? k->f[IF_INQUIRER] : k->f[IF_ORGANISATION], consents};
		table_add(t, row);
	}
	if(pg->n)
		table_print(t, stdout, 40);
	table_free(t);
	cli_print_range("cli.no_inquiries", q->offset, pg->n, pg->total, false);
}

static int inquiry_list_cmd(cli *c, int argc, char **argv)
{
	enum { LIMIT, OFFSET, STATUS, PERSON, N };
	static const cli_opt opts[] = {[LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET,
	                               [STATUS] = {.name = "status"}, [PERSON] = {.name = "person"}, {0}};
	static const cli_spec spec = {.usage = list_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	inquiry_query q = INQUIRY_QUERY_INIT;
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	q.status = v[STATUS].s;
	q.person = v[PERSON].s;
	arena a;
	arena_init(&a, 0);
	inquiry_page pg;
	pl_err err = {0};
	pl_rc rc = family_inquiry_list(st, &q, &a, &pg, &err);
	rc = rc ? rc : family_log_reads(st, pg.rows, pg.n, "list", &err);
	store_close(st);
	if(rc == PL_EUSAGE)
		status = cli_usage_fail(c, &err);
	else if(rc)
		status = cli_fail(c, &err);
	else if(c->json)
		cli_print_json(inquiry_page_json(&pg, &q, true));
	else
		print_page(&pg, &q);
	arena_free(&a);
	return status < 0 ? EXIT_OK : status;
}

/* ---- show ------------------------------------------------------------------ */

static const char show_usage[] =
	"usage: parley inquiry show ID [--json]\n"
	"\n"
	"An inquiry: who asks and how to reach them, the sought person, what the\n"
	"family knows, the consent history (grants and withdrawals, with dates and\n"
	"forms), and the other inquiries about the same person.\n";

static void show(const inquiry_detail *d)
{
	const inquiry *k = &d->q;
	printf("%s  (%s)\n", k->uid, inquiry_status_names[k->status]);
	if(k->close_reason)
		cli_say(stdout, "cli.inquiry_reason", "reason", k->close_reason, NULL);
	char sought[300];
	snprintf(sought, sizeof(sought), "%s %s %s (%s)", k->who.surname ? k->who.surname : "",
	         k->who.given_names ? k->who.given_names : "", k->who.birth_date ? k->who.birth_date : "",
	         lifecycle_status_name(k->who.status));
	const char *head[2] = {"field", "value"};
	table *t = table_new(2, head);
	const char *linked = inquiry_link_names[k->linked];
	const char *rows[][2] = {{"Person", k->f[IF_PERSON]}, {"Sought", sought}, {"Linked", linked}};
	for(size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		table_add(t, rows[i]);
	for(int f = 0; f < IF_COUNT; f++)
		if(f != IF_PERSON && k->f[f]) {
			const char *row[2] = {inquiry_fields[f].label, k->f[f]};
			table_add(t, row);
		}
	table_print(t, stdout, TABLE_WHOLE);
	table_free(t);
	putchar('\n');
	cli_say(stdout, "cli.inquiry_consents_head", NULL);
	const char *ch[5] = {"purpose", "given", "form", "withdrawn", "form"};
	t = table_new(5, ch);
	for(size_t i = 0; i < d->nconsents; i++) {
		const consent *x = &d->consents[i];
		const char *row[5] = {consent_purpose_names[x->purpose], x->given, x->form, x->withdrawn, x->withdrawn_form};
		table_add(t, row);
	}
	if(d->nconsents)
		table_print(t, stdout, 40);
	else
		cli_say(stdout, "cli.remains_none_recorded", NULL);
	table_free(t);
	for(size_t i = 0; i < d->nsamples; i++)
		cli_say(stdout, !strcmp(d->sample_state[i], "withdrawn") ? "cli.inquiry_sample_withheld" : "cli.inquiry_sample",
		        "sample", d->samples[i], NULL);
	for(size_t i = 0; i < d->nothers; i++)
		cli_say(stdout, "cli.inquiry_other", "inquiry", d->others[i], NULL);
}

static int inquiry_show_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1, .args_msg = one_id};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	inquiry_detail d;
	pl_err err = {0};
	pl_rc rc = family_inquiry_get(st, argv[optind], &a, &d, &err);
	rc = rc ? rc : family_log_reads(st, &d.q, 1, "show", &err);
	store_close(st);
	if(!rc && c->json)
		cli_print_json(inquiry_detail_json(&d, true));
	else if(!rc)
		show(&d);
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- consent, withdraw, close ------------------------------------------------ */

static const char consent_usage[] =
	"usage: parley inquiry consent ID --purpose PURPOSE --form FORM [--date DATE] [--note TEXT]\n"
	"                              [--sample SAMPLE]...\n"
	"\n"
	"Record consent given for a purpose: tracing, dna_reference, share_icrc,\n"
	"share_other_party or court; in a form: written, oral or online; on a date\n"
	"(default today). Refused when it is in force already, or contradicts the\n"
	"others (sharing without tracing in force that day).\n"
	"\n"
	"dna_reference: --sample names a DNA sample the inquirer gave (the\n"
	"laboratory's id), used in screening while this consent stands. Given\n"
	"again after a withdrawal, the samples withheld then are usable again.\n";

static const char sample_usage[] =
	"usage: parley inquiry sample ID SAMPLE...\n"
	"\n"
	"Name DNA samples the inquirer gave under the dna_reference consent in\n"
	"force (the laboratory's ids): used in screening while it stands, withheld\n"
	"when it is withdrawn. A sample is one inquiry's.\n";

static const char withdraw_usage[] =
	"usage: parley inquiry withdraw ID --purpose PURPOSE [--date DATE] [--form FORM]\n"
	"\n"
	"Withdraw the consent in force for a purpose, from a date (default today),\n"
	"in a form (default the grant's). The grant is kept with its withdrawal,\n"
	"never deleted. Tracing cannot be withdrawn while a sharing consent stands;\n"
	"a withdrawal dated before its grant is refused.\n"
	"\n"
	"dna_reference: the DNA samples given under it are withheld at once: left\n"
	"out of screening, explanations and advice. The proposals that rested on\n"
	"them and are not confirmed fall (kept, status fallen), each listed;\n"
	"confirmed identifications that rest on them are listed, not undone.\n";

static const char close_usage[] =
	"usage: parley inquiry close ID --reason TEXT | --answered [--reason TEXT]\n"
	"\n"
	"Close an inquiry, with the reason (closed is final), or mark it answered:\n"
	"the family was told what the office knows.\n";

/* Print the inquiry after a change, or say what was done, with what it did
 * to the DNA references (d, or NULL; withheld: a withdrawal). */
static int after_change(cli *c, store *st, const char *id, const char *code, const dna_consent_change *dna,
                        bool withheld)
{
	arena a;
	arena_init(&a, 0);
	inquiry_detail d;
	pl_err err = {0};
	pl_rc rc = family_inquiry_get(st, id, &a, &d, &err);
	rc = rc ? rc : family_log_reads(st, &d.q, 1, "show", &err);
	if(!rc && c->json) {
		json_t *o = inquiry_detail_json(&d, true);
		if(dna && dna->nsamples)
			json_object_set_new(o, "dna", dna_consent_change_json(dna));
		cli_print_json(o);
	} else if(!rc) {
		cli_say(stdout, code, "inquiry", d.q.uid, "status", inquiry_status_names[d.q.status], NULL);
		if(dna)
			cli_dna_consent_change_print(stdout, dna, withheld);
	}
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int inquiry_consent_cmd(cli *c, int argc, char **argv)
{
	enum { PURPOSE, FORM, DATE, NOTE, SAMPLE, N };
	static const cli_opt opts[] = {[PURPOSE] = {.name = "purpose", .required = true},
	                               [FORM] = {.name = "form", .required = true}, [DATE] = {.name = "date"},
	                               [NOTE] = {.name = "note"},
	                               [SAMPLE] = {.name = "sample", .kind = CLI_TEXT, .take = take_sample_opt}, {0}};
	static const cli_spec spec = {.usage = consent_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = one_id};
	cli_val v[N];
	store *st;
	samples_ctx x = {0};
	int status = cli_start(c, argc, argv, &spec, v, &x, &st);
	if(status >= 0)
		return status;
	consent_input in = {.purpose = v[PURPOSE].s, .form = v[FORM].s, .date = v[DATE].s, .note = v[NOTE].s,
	                    .samples = x.sample, .nsamples = x.n};
	pl_err err = {0};
	dna_consent_change d;
	dna_consent_change_init(&d);
	status = family_consent_give_dna(st, argv[optind], &in, &d, &err)
	         ? cli_fail(c, &err)
	         : after_change(c, st, argv[optind], "cli.inquiry_consented", &d, false);
	dna_consent_change_free(&d);
	store_close(st);
	return status;
}

static int inquiry_sample_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = sample_usage, .min_args = 2, .max_args = 1 + MAX_SAMPLES};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	status = family_dna_samples_add(st, argv[optind], (const char *const *)&argv[optind + 1],
	                                (size_t)(argc - optind - 1), &err)
	         ? cli_fail(c, &err)
	         : after_change(c, st, argv[optind], "cli.inquiry_samples", NULL, false);
	store_close(st);
	return status;
}

static int inquiry_withdraw_cmd(cli *c, int argc, char **argv)
{
	enum { PURPOSE, DATE, FORM, N };
	static const cli_opt opts[] = {[PURPOSE] = {.name = "purpose", .required = true}, [DATE] = {.name = "date"},
	                               [FORM] = {.name = "form"}, {0}};
	static const cli_spec spec = {.usage = withdraw_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = one_id};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	dna_consent_change d;
	dna_consent_change_init(&d);
	status = family_consent_withdraw_dna(st, argv[optind], v[PURPOSE].s, v[DATE].s, v[FORM].s, &d, &err)
	         ? cli_fail(c, &err)
	         : after_change(c, st, argv[optind], "cli.inquiry_withdrawn", &d, true);
	dna_consent_change_free(&d);
	store_close(st);
	return status;
}

static int inquiry_close_cmd(cli *c, int argc, char **argv)
{
	enum { REASON, ANSWERED, N };
	static const cli_opt opts[] = {[REASON] = {.name = "reason"}, [ANSWERED] = {.name = "answered", .kind = CLI_FLAG},
	                               {0}};
	static const cli_spec spec = {.usage = close_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = one_id};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
	const char *to = v[ANSWERED].s ? "answered" : "closed";
	status = family_inquiry_set_status(st, argv[optind], to, v[REASON].s, &err)
	         ? cli_fail(c, &err)
	         : after_change(c, st, argv[optind], "cli.inquiry_status", NULL, false);
	store_close(st);
	return status;
}

/* ---- import ------------------------------------------------------------------ */

static const char import_usage[] =
	"usage: parley inquiry import FILE.csv [--max-errors N] [--quiet]\n"
	"\n"
	"Import a backlog of inquiries from CSV (- reads standard input), all or\n"
	"nothing: if any row is wrong nothing is imported, and each problem is\n"
	"reported with its file, line and column. Columns: the fields of 'parley\n"
	"inquiry add' (ref, person, surname, given_names, patronymic, birth_date,\n"
	"sex, party, inquirer, organisation, relation, phone, email, address,\n"
	"language, received, last_seen_date, last_seen_place, unit, circumstances,\n"
	"note), consent_PURPOSE with 'FORM' or 'FORM DATE', and dna_samples: the\n"
	"laboratory's ids of the samples given under consent_dna_reference,\n"
	"separated by spaces or ';' (docs/families.md).\n"
	"A row whose ref is recorded already is skipped: importing the same file\n"
	"again changes nothing. Each row's person is found as 'inquiry add' finds\n"
	"it; rows about the same new person share one.\n"
	"\n"
	"Options:\n"
	"  --max-errors N      report up to N problems before stopping (default 20)\n"
	"  --quiet             no summary\n";

static int inquiry_import_cmd(cli *c, int argc, char **argv)
{
	enum { MAX_ERRORS, QUIET, N };
	static const cli_opt opts[] = {[MAX_ERRORS] = CLI_OPT_MAX_ERRORS, [QUIET] = {.name = "quiet", .kind = CLI_FLAG},
	                               {0}};
	static const cli_spec spec = {.usage = import_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "give the file to import, once"};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	inquiry_import_opts o = {.max_errors = v[MAX_ERRORS].s ? (int)v[MAX_ERRORS].n : 20};
	inquiry_import_report rep;
	pl_err err = {0};
	pl_rc rc = family_import(st, argv[optind], &o, &rep, &err);
	store_close(st);
	if(rc)
		status = cli_import_failed(c, &rep.errors, &rep.coded, &err);
	else if(c->json)
		cli_print_json(inquiry_import_json(&rep));
	else if(!v[QUIET].s) {
		cli_say(stdout, "cli.inquiries_imported", "rows", PL_N(rep.rows), "created", PL_N(rep.created), "skipped",
		        PL_N(rep.skipped), "persons", PL_N(rep.persons_created), "linked", PL_N(rep.linked_by_match), NULL);
		fputs(buf_str(&rep.notes), stdout);
	}
	inquiry_import_report_free(&rep);
	return status < 0 ? EXIT_OK : status;
}

/* ---- dispatch ------------------------------------------------------------------ */

static const char inquiry_usage[] =
	"usage: parley inquiry COMMAND ...\n"
	"\n"
	"Families' inquiries about persons, with consent per purpose\n"
	"(docs/families.md).\n"
	"\n"
	"  add        record an inquiry (the person found across scripts, or new)\n"
	"  list       list inquiries, newest first\n"
	"  show       an inquiry with its consent history\n"
	"  consent    record consent given for a purpose\n"
	"  withdraw   withdraw a consent (kept, dated)\n"
	"  sample     name DNA samples the inquirer gave under the DNA consent\n"
	"  close      close an inquiry with a reason, or mark it answered\n"
	"  import     import a backlog of inquiries from CSV (all or nothing)\n"
	"\n"
	"'parley inquiry COMMAND --help' for each.\n";

int cmd_inquiry(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"add", inquiry_add_cmd, NULL},         {"list", inquiry_list_cmd, NULL},
		{"show", inquiry_show_cmd, NULL},       {"consent", inquiry_consent_cmd, NULL},
		{"withdraw", inquiry_withdraw_cmd, NULL}, {"close", inquiry_close_cmd, NULL},
		{"import", inquiry_import_cmd, NULL},   {"sample", inquiry_sample_cmd, NULL},
	};
	return cli_dispatch(c, "inquiry", subs, sizeof(subs) / sizeof(subs[0]), inquiry_usage, argc, argv);
}
