/* parley testimony add | import | list | show | review | accept | reject | report
 *
 * Returnees' testimonies (docs/families.md, "Testimonies"): the people a
 * returnee saw in captivity, each matched against the registry into a
 * review queue; an accepted sighting is evidence on the person, never a
 * change of status; the proof-of-captivity report lists those the other
 * side has not acknowledged, with the evidence. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/file.h"
#include "core/msg.h"
#include "family/family.h"

/* ---- add ------------------------------------------------------------------------- */

static const char add_usage[] =
	"usage: parley testimony add --returnee ID --taken-on DATE [--taken-by NAME] [--taken-at PLACE]\n"
	"                            [--ref TEXT] [--note TEXT] --seen 'FIELD=VALUE;...' [--seen ...]\n"
	"\n"
	"Record a returnee's testimony: who testifies (a person of the registry), when\n"
	"and where it was taken and by whom, and each person they saw in captivity,\n"
	"one --seen each, as they said it: part of a name in any script, a nickname\n"
	"or call sign, the unit; where, when and in what condition. Each sighting is\n"
	"matched against the registry and waits in the review queue with its\n"
	"candidates ('parley testimony review'); nothing is decided by the engine.\n"
	"A sighting no one is proposed for says why.\n"
	"\n"
	"Fields of --seen (separated by ';'):\n"
	"  surname, given_names, patronymic   as said, in any script, or part of it\n"
	"  nickname                           a nickname or call sign (shown, not matched)\n"
	"  rank, unit                         as said (the unit weighs in the matching)\n"
	"  place                              where seen: a camp, a colony, a town\n"
	"  date                               when: YYYY, YYYY-MM or YYYY-MM-DD\n"
	"  condition                          alive, wounded, ill, dead or unknown (default)\n"
	"  note                               free text\n"
	"\n"
	"Example:\n"
	"  parley testimony add --returnee P7QK... --taken-on 2026-11-20 --taken-at Chernihiv \\\n"
	"      --seen 'surname=Шевченко;given_names=Олександр;unit=47 ОМБр;place=Оленівка;date=2026-09;condition=alive' \\\n"
	"      --seen 'surname=Kovalenko;place=Taganrog SIZO-2;date=2026;condition=wounded' \\\n"
	"      --seen 'nickname=Grizzly;unit=47;condition=alive'\n";

enum { OPT_SEEN = TF_COUNT, OPT_COUNT };

typedef struct add_ctx {
	const char *(*s)[SF_COUNT];
	size_t n, cap;
} add_ctx;

/* --seen 'field=value;field=value' (cut up in place) */
static int take_seen(cli *c, const cli_opt *o, char *value, void *ctx)
{
	add_ctx *x = ctx;
	(void)o;
	if(x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 8;
		void *grown = realloc(x->s, cap * sizeof(*x->s));
		if(!grown)
			return cli_usage_errorc(c, "cli.testimony_seen", "value", value, NULL);
		x->s = grown;
		x->cap = cap;
	}
	const char **f = x->s[x->n];
	memset(f, 0, sizeof(*x->s));
	char *save = NULL, *copy = value;
	for(char *kv = strtok_r(copy, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(kv, '=');
		if(eq)
			*eq = '\0';
		while(*kv == ' ')
			kv++;
		int i = eq ? field_find(sighting_fields, SF_COUNT, kv) : -1;
		if(i < 0)
			return cli_usage_errorc(c, "cli.testimony_seen_field", "field", kv, NULL);
		f[i] = eq + 1;
	}
	x->n++;
	return -1;
}

static int testimony_add_cmd(cli *c, int argc, char **argv)
{
	static char names[TF_COUNT][40];
	static cli_opt opts[OPT_COUNT + 1];
	for(int i = 0; i < TF_COUNT; i++) {
		snprintf(names[i], sizeof(names[i]), "%s", testimony_fields[i].name);
		for(char *p = names[i]; *p; p++)
			if(*p == '_')
				*p = '-';
		opts[i] = (cli_opt){.name = names[i], .kind = CLI_TEXT};
	}
	opts[TF_RETURNEE].required = opts[TF_TAKEN_ON].required = true;
	opts[OPT_SEEN] = (cli_opt){.name = "seen", .kind = CLI_TEXT, .take = take_seen, .required = true};
	static const cli_spec spec = {.usage = add_usage, .opts = opts};
	cli_val v[OPT_COUNT];
	add_ctx x = {0};
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, &x, &st);
	if(status >= 0) {
		free(x.s);
		return status;
	}
	testimony_input in = {.s = x.s, .ns = x.n};
	for(int i = 0; i < TF_COUNT; i++)
		in.f[i] = v[i].s;
	testimony_result res;
	pl_err err = {0};
	pl_rc rc = family_testimony_add(st, &in, &res, &err);
	arena a;
	arena_init(&a, 0);
	testimony t;
	if(!rc && !res.skipped)
		rc = family_testimony_get(st, res.uid, &a, &t, &err);
	if(!rc && !res.skipped)
		rc = family_sighting_log_reads(st, t.s, t.nsightings, "show", &err);
	store_close(st);
	if(rc)
		status = cli_fail(c, &err);
	else if(c->json)
		cli_print_json(testimony_result_json(&res));
	else if(res.skipped)
		cli_say(stdout, "cli.testimony_skipped", "testimony", res.uid, NULL);
	else {
		cli_say(stdout, "cli.testimony_added", "testimony", res.uid, "n", PL_N((long long)res.nsightings),
		        "with", PL_N((long long)res.with_candidates), NULL);
		/* why a sighting got nobody: said, not left to be guessed */
		for(size_t i = 0; i < t.nsightings; i++)
			if(!t.s[i].ncand && t.s[i].why_none) {
				char why[400];
				cli_text(why, sizeof(why), t.s[i].why_none, NULL);
				cli_say(stderr, "cli.testimony_no_candidates", "sighting", t.s[i].uid, "why", why, NULL);
			}
	}
	arena_free(&a);
	free(x.s);
	return status < 0 ? EXIT_OK : status;
}

/* ---- import --------------------------------------------------------------------------- */

static const char import_usage[] =
	"usage: parley testimony import FILE.csv [--max-errors N] [--quiet]\n"
	"\n"
	"Import testimonies from CSV (- reads standard input), all or nothing: if any\n"
	"row is wrong nothing is imported, and each problem is reported with its file,\n"
	"line and column. A row per person seen; the rows of one testimony share its\n"
	"ref, and say its returnee, date and place once or the same each time.\n"
	"Columns: ref, returnee, taken_on (required), taken_by, taken_at,\n"
	"testimony_note, and the fields of --seen: surname, given_names, patronymic,\n"
	"nickname, rank, unit, place, date, condition, note. A testimony whose ref is\n"
	"recorded already is skipped: importing the same file again changes nothing.\n"
	"Each sighting is matched and waits in the review queue, as with 'add'.\n"
	"\n"
	"Example:\n"
	"  ref,returnee,taken_on,taken_at,surname,given_names,unit,place,date,condition\n"
	"  DEB-17,P7QK...,2026-11-20,Chernihiv,Шевчук,Тарас,,Оленівка,2026-09,alive\n"
	"  DEB-17,,,,Kovalenko,,47 ОМБр,Taganrog,2026,wounded\n"
	"\n"
	"Options:\n"
	"  --max-errors N      report up to N problems before stopping (default 20)\n"
	"  --quiet             no summary\n";

static int testimony_import_cmd(cli *c, int argc, char **argv)
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
	testimony_import_opts o = {.max_errors = v[MAX_ERRORS].s ? (int)v[MAX_ERRORS].n : 20};
	testimony_import_report rep;
	pl_err err = {0};
	pl_rc rc = family_testimony_import(st, argv[optind], &o, &rep, &err);
	store_close(st);
	if(rc)
		status = cli_import_failed(c, &rep.errors, &rep.coded, &err);
	else if(c->json)
		cli_print_json(testimony_import_json(&rep));
	else if(!v[QUIET].s) {
		cli_say(stdout, "cli.testimonies_imported", "created", PL_N(rep.created), "sightings", PL_N(rep.sightings),
		        "with", PL_N(rep.with_candidates), "skipped", PL_N(rep.skipped), NULL);
	}
	testimony_import_report_free(&rep);
	return status < 0 ? EXIT_OK : status;
}

/* ---- list ---------------------------------------------------------------------------- */

static const char list_usage[] =
	"usage: parley testimony list [--returnee ID] [--open] [--limit N] [--offset N]\n"
	"\n"
	"Testimonies, newest first: the returnee, when taken, the sightings and how\n"
	"many wait for review.\n"
	"\n"
	"  --returnee ID     one returnee's testimonies\n"
	"  --open            only those with sightings in review\n"
	"  --limit N         at most N rows (default 50)\n"
	"  --offset N        skip the first N rows\n";

static const char *name_of(const person_brief *b, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", b->surname ? b->surname : "", b->surname && b->given_names ? " " : "",
	         b->given_names ? b->given_names : "");
	return out;
}

static int testimony_list_cmd(cli *c, int argc, char **argv)
{
	enum { LIMIT, OFFSET, RETURNEE, OPEN, N };
	static const cli_opt opts[] = {[LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET,
	                               [RETURNEE] = {.name = "returnee"}, [OPEN] = {.name = "open", .kind = CLI_FLAG},
	                               {0}};
	static const cli_spec spec = {.usage = list_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	testimony_query q = TESTIMONY_QUERY_INIT;
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	q.returnee = v[RETURNEE].s;
	q.open = v[OPEN].s != NULL;
	arena a;
	arena_init(&a, 0);
	testimony_page pg;
	pl_err err = {0};
	pl_rc rc = family_testimony_list(st, &q, &a, &pg, &err);
	store_close(st);
	if(rc)
		status = cli_fail(c, &err);
	else if(c->json)
		cli_print_json(testimony_page_json(&pg, &q));
	else {
		const char *head[6] = {"id", "taken_on", "returnee", "name", "sightings", "in_review"};
		table *t = table_new(6, head);
		for(size_t i = 0; i < pg.n; i++) {
			char name[200], n[24], r[24];
			snprintf(n, sizeof(n), "%zu", pg.rows[i].nsightings);
			snprintf(r, sizeof(r), "%zu", pg.rows[i].in_review);
			const char *row[6] = {pg.rows[i].uid, pg.rows[i].f[TF_TAKEN_ON], pg.rows[i].returnee.uid,
			                      name_of(&pg.rows[i].returnee, name, sizeof(name)), n, r};
			table_add(t, row);
		}
		if(pg.n)
			table_print(t, stdout, 40);
		table_free(t);
		cli_print_range("cli.no_testimonies", q.offset, pg.n, pg.total, false);
	}
	arena_free(&a);
	return status < 0 ? EXIT_OK : status;
}

/* ---- show and review --------------------------------------------------------------------- */

/* What was said, in one line. */
static void said(const sighting *s, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	const int parts[] = {SF_SURNAME, SF_GIVEN_NAMES, SF_PATRONYMIC, SF_NICKNAME, SF_RANK, SF_UNIT};
	for(size_t i = 0; i < sizeof(parts) / sizeof(parts[0]) && used < size; i++)
		if(s->f[parts[i]])
			used += (size_t)snprintf(out + used, size - used, "%s%s%s%s", used ? " " : "",
			                         parts[i] == SF_NICKNAME ? "«" : parts[i] == SF_UNIT ? "(" : "", s->f[parts[i]],
			                         parts[i] == SF_NICKNAME ? "»" : parts[i] == SF_UNIT ? ")" : "");
}

/* A sighting with its candidates beside what was said. */
static void print_sighting(const sighting *s)
{
	char what[400], where[300];
	said(s, what, sizeof(what));
	snprintf(where, sizeof(where), "%s, %s, %s", s->f[SF_PLACE] ? s->f[SF_PLACE] : "?",
	         s->f[SF_DATE] ? s->f[SF_DATE] : "?", s->f[SF_CONDITION]);
	printf("%s  %s  [%s]  %s  (%s)\n", s->uid, s->testimony, sighting_status_names[s->status], what, where);
	if(s->status == SS_ACCEPTED) {
		char name[200];
		cli_say(stdout, "cli.testimony_accepted_as", "person", s->who.uid, "name", name_of(&s->who, name, sizeof(name)),
		        "confidence", s->confidence ? s->confidence : "", "event", s->event ? s->event : "", NULL);
		return;
	}
	if(!s->ncand) {
		char why[400] = "";
		if(s->why_none)
			cli_text(why, sizeof(why), s->why_none, NULL);
		cli_say(stdout, "cli.testimony_none", "why", why, NULL);
		return;
	}
	const char *head[8] = {"", "candidate", "prob", "name", "born", "unit", "captured at", "held at"};
	table *t = table_new(8, head);
	for(size_t i = 0; i < s->ncand; i++) {
		const sighting_candidate *k = &s->cand[i];
		char rank[24], prob[16], name[300];
		snprintf(rank, sizeof(rank), "  %zu", i + 1);
		snprintf(prob, sizeof(prob), "%.2f", k->prob);
		bool cyr = k->who.surname || k->who.given_names;  /* else the Latin, which is all the registry has */
		snprintf(name, sizeof(name), "%s %s %s", cyr ? (k->who.surname ? k->who.surname : "") :
		         k->who.surname_latin ? k->who.surname_latin : "",
		         cyr ? (k->who.given_names ? k->who.given_names : "") :
		         k->who.given_names_latin ? k->who.given_names_latin : "",
		         cyr && k->who.patronymic ? k->who.patronymic : "");
		const char *row[8] = {rank, k->who.uid, prob, name, k->who.birth_date, k->unit, k->capture_place,
		                      k->detention_place};
		table_add(t, row);
	}
	table_print(t, stdout, 40);
	table_free(t);
}

static const char show_usage[] =
	"usage: parley testimony show ID [--json]\n"
	"\n"
	"A testimony: the returnee, when and where it was taken and by whom, and\n"
	"each sighting with its candidates or its decision.\n";

static int testimony_show_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1,
	                              .args_msg = "give the testimony's id, once"};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	testimony t;
	pl_err err = {0};
	pl_rc rc = family_testimony_get(st, argv[optind], &a, &t, &err);
	rc = rc ? rc : family_sighting_log_reads(st, t.s, t.nsightings, "show", &err);
	store_close(st);
	if(!rc && c->json)
		cli_print_json(testimony_json(&t));
	else if(!rc) {
		char name[200];
		cli_say(stdout, "cli.testimony_head", "testimony", t.uid, "returnee", t.returnee.uid, "name",
		        name_of(&t.returnee, name, sizeof(name)), "taken_on", t.f[TF_TAKEN_ON], "taken_by",
		        t.f[TF_TAKEN_BY] ? t.f[TF_TAKEN_BY] : "", "taken_at", t.f[TF_TAKEN_AT] ? t.f[TF_TAKEN_AT] : "?", NULL);
		for(size_t i = 0; i < t.nsightings; i++) {
			putchar('\n');
			print_sighting(&t.s[i]);
		}
	}
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static const char review_usage[] =
	"usage: parley testimony review [--testimony ID] [--status STATUSES] [--limit N] [--offset N]\n"
	"\n"
	"The review queue: each sighting in review, oldest first, what was said beside\n"
	"the candidates the engine found (probability, name, birth date, unit, where\n"
	"captured and held). Decide each with 'parley testimony accept' or 'reject'.\n"
	"\n"
	"  --testimony ID      one testimony's sightings\n"
	"  --status STATUSES   review (default), accepted, rejected, not_in_registry\n"
	"  --limit N           at most N sightings (default 50)\n"
	"  --offset N          skip the first N\n";

static int testimony_review_cmd(cli *c, int argc, char **argv)
{
	enum { LIMIT, OFFSET, TESTIMONY, STATUS, N };
	static const cli_opt opts[] = {[LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET,
	                               [TESTIMONY] = {.name = "testimony"}, [STATUS] = {.name = "status"}, {0}};
	static const cli_spec spec = {.usage = review_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	sighting_query q = SIGHTING_QUERY_INIT;
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	q.testimony = v[TESTIMONY].s;
	q.status = v[STATUS].s;
	arena a;
	arena_init(&a, 0);
	sighting_page pg;
	pl_err err = {0};
	pl_rc rc = family_sighting_list(st, &q, &a, &pg, &err);
	rc = rc ? rc : family_sighting_log_reads(st, pg.rows, pg.n, "list", &err);
	store_close(st);
	if(rc == PL_EUSAGE)
		status = cli_usage_fail(c, &err);
	else if(rc)
		status = cli_fail(c, &err);
	else if(c->json)
		cli_print_json(sighting_page_json(&pg, &q));
	else {
		for(size_t i = 0; i < pg.n; i++) {
			if(i)
				putchar('\n');
			print_sighting(&pg.rows[i]);
		}
		cli_print_range("cli.no_sightings", q.offset, pg.n, pg.total, false);
	}
	arena_free(&a);
	return status < 0 ? EXIT_OK : status;
}

/* ---- accept and reject -------------------------------------------------------------------- */

static const char accept_usage[] =
	"usage: parley testimony accept SIGHTING --person ID --confidence high|medium|low [--note TEXT]\n"
	"\n"
	"Accept a sighting as a registry person (one of its candidates, or anyone you\n"
	"found): an event on the person, 'seen in captivity', source testimony, with\n"
	"your confidence and the engine's probability. It never changes the person's\n"
	"status. A person with an open inquiry gets a task for the family liaison.\n"
	"Accepting it again as the same person changes nothing.\n"
	"\n"
	"Example:\n"
	"  parley testimony accept W4RT... --person P7QK... --confidence high\n";

static const char *const confidences[] = {"high", "medium", "low", NULL};

static int testimony_accept_cmd(cli *c, int argc, char **argv)
{
	enum { PERSON, CONFIDENCE, NOTE, N };
	static const cli_opt opts[] = {[PERSON] = {.name = "person", .required = true},
	                               [CONFIDENCE] = {.name = "confidence", .kind = CLI_CHOICE, .choices = confidences,
	                                               .required = true},
	                               [NOTE] = {.name = "note"}, {0}};
	static const cli_spec spec = {.usage = accept_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "give the sighting's id, once"};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	sighting_decision d = {.person = v[PERSON].s, .confidence = v[CONFIDENCE].s, .note = v[NOTE].s};
	sighting_result res;
	pl_err err = {0};
	pl_rc rc = family_sighting_accept(st, argv[optind], &d, &res, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(c->json)
		printf("{\"event\":\"%s\",\"already\":%s,\"tasks\":%ld}\n", res.event, res.already ? "true" : "false",
		       res.tasks);
	else if(res.already)
		cli_say(stdout, "cli.testimony_already", "event", res.event, NULL);
	else
		cli_say(stdout, "cli.testimony_accepted", "event", res.event, "tasks", PL_N(res.tasks), NULL);
	return EXIT_OK;
}

static const char reject_usage[] =
	"usage: parley testimony reject SIGHTING (--note REASON | --not-in-registry [--note TEXT])\n"
	"\n"
	"Reject a sighting (none of the candidates, nor anyone else, is the person\n"
	"seen: say why), or mark it not in the registry (someone the office has no\n"
	"record of). No event is made.\n";

static int testimony_reject_cmd(cli *c, int argc, char **argv)
{
	enum { NOTE, NOT_IN, N };
	static const cli_opt opts[] = {[NOTE] = {.name = "note"}, [NOT_IN] = {.name = "not-in-registry", .kind = CLI_FLAG},
	                               {0}};
	static const cli_spec spec = {.usage = reject_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = "give the sighting's id, once"};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	sighting_decision d = {.note = v[NOTE].s, .not_in_registry = v[NOT_IN].s != NULL};
	pl_err err = {0};
	pl_rc rc = family_sighting_reject(st, argv[optind], &d, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	cli_say(stdout, d.not_in_registry ? "cli.testimony_not_in_registry" : "cli.testimony_rejected", "sighting",
	        argv[optind], NULL);
	return EXIT_OK;
}

/* ---- report ---------------------------------------------------------------------------------- */

static const char report_usage[] =
	"usage: parley testimony report [--format text|json|csv] [-o FILE]\n"
	"\n"
	"The proof-of-captivity report: the persons the other side has not\n"
	"acknowledged (missing or captured; no capture card, visit, proof of life or\n"
	"entry on their lists) for whom the office has evidence of captivity (accepted\n"
	"sightings, capture events from its own records, the media or families), each\n"
	"with that evidence: source, date, place, who said it, confidence. No medical\n"
	"details beyond the condition seen, no notes, nothing about the families.\n"
	"\n"
	"To hand it over signed, sign the JSON with the office's key; the mediator\n"
	"verifies it offline:\n"
	"  parley testimony report --format json -o proof.json\n"
	"  parley manifest sign proof.json --key office.key\n"
	"  parley manifest verify proof.json --key office.pub\n";

static const char *const formats[] = {"text", "json", "csv", NULL};

static void print_report(const proof_report *r)
{
	for(size_t i = 0; i < r->n; i++) {
		const proof_person *p = &r->p[i];
		char name[300];
		snprintf(name, sizeof(name), "%s %s %s", p->who.surname ? p->who.surname : "",
		         p->who.given_names ? p->who.given_names : "", p->who.patronymic ? p->who.patronymic : "");
		printf("%s%s  %s  %s  (%s)\n", i ? "\n" : "", p->who.uid, name, p->who.birth_date ? p->who.birth_date : "",
		       lifecycle_status_name(p->who.status));
		for(size_t k = 0; k < p->nev; k++) {
			const proof_evidence *v = &p->ev[k];
			if(v->testimony)
				cli_say(stdout, "cli.proof_testimony", "date", v->date, "place", v->place ? v->place : "?",
				        "condition", v->condition ? v->condition : "", "testimony", v->testimony, "returnee",
				        v->returnee_name ? v->returnee_name : "", "taken", v->taken_on ? v->taken_on : "",
				        "said", v->said ? v->said : "", "confidence", v->confidence ? v->confidence : "", NULL);
			else
				cli_say(stdout, "cli.proof_event", "type", v->type, "date", v->date, "place", v->place ? v->place : "?",
				        "source", v->source, NULL);
		}
	}
	cli_say(stdout, "cli.proof_count", "n", PL_N((long long)r->n), NULL);
}

static int testimony_report_cmd(cli *c, int argc, char **argv)
{
	enum { FORMAT, OUTPUT, N };
	static const cli_opt opts[] = {[FORMAT] = {.name = "format", .kind = CLI_CHOICE, .choices = formats},
	                               [OUTPUT] = {.name = "output", .letter = 'o'}, {0}};
	static const cli_spec spec = {.usage = report_usage, .opts = opts};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	int format = v[FORMAT].s ? (int)v[FORMAT].n : c->json ? 1 : 0;
	arena a;
	arena_init(&a, 0);
	proof_report r;
	pl_err err = {0};
	pl_rc rc = family_proof(st, &a, &r, &err);
	rc = rc ? rc : family_proof_log_reads(st, &r, &err);
	store_close(st);
	buf out;
	buf_init(&out, 0);
	if(!rc && format == 1) {
		json_t *o = proof_json(&r);
		char *text = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
		rc = text && !buf_adds(&out, text) && !buf_addc(&out, '\n') ? PL_OK : pl_nomem(&err);
		free(text);
		json_decref(o);
	} else if(!rc && format == 2) {
		rc = proof_write_csv(&out, &r) ? pl_nomem(&err) : PL_OK;
	}
	if(rc)
		status = cli_fail(c, &err);
	else if(format == 0 && !v[OUTPUT].s)
		print_report(&r);
	else if(v[OUTPUT].s && format != 0)
		status = file_write(v[OUTPUT].s, buf_str(&out), out.len, true, &err) ? cli_fail(c, &err) : EXIT_OK;
	else if(format != 0)
		fwrite(buf_str(&out), 1, out.len, stdout);
	else
		status = cli_usage_errorc(c, "cli.proof_output_format", NULL);
	buf_free(&out);
	arena_free(&a);
	return status < 0 ? EXIT_OK : status;
}

/* ---- dispatch ---------------------------------------------------------------------------------- */

static const char testimony_usage[] =
	"usage: parley testimony COMMAND ...\n"
	"\n"
	"Returnees' testimonies: the people they saw in captivity, reviewed against\n"
	"the registry, and the proof-of-captivity report (docs/families.md).\n"
	"\n"
	"  add        record a testimony and the people it names\n"
	"  import     import testimonies from CSV (all or nothing)\n"
	"  list       list testimonies, newest first\n"
	"  show       a testimony with its sightings and their candidates\n"
	"  review     the review queue: each sighting beside its candidates\n"
	"  accept     accept a sighting as a person (evidence, never a status)\n"
	"  reject     reject a sighting, or mark it not in the registry\n"
	"  report     the proof-of-captivity report (text, JSON, CSV)\n"
	"\n"
	"'parley testimony COMMAND --help' for each.\n";

int cmd_testimony(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"add", testimony_add_cmd, NULL},       {"import", testimony_import_cmd, NULL},
		{"list", testimony_list_cmd, NULL},
		{"show", testimony_show_cmd, NULL},     {"review", testimony_review_cmd, NULL},
		{"accept", testimony_accept_cmd, NULL}, {"reject", testimony_reject_cmd, NULL},
		{"report", testimony_report_cmd, NULL},
	};
	return cli_dispatch(c, "testimony", subs, sizeof(subs) / sizeof(subs[0]), testimony_usage, argc, argv);
}
