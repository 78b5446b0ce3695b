/* parley person add | update | show | list | search | event */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/buf.h"

enum {
	OPT_FIELD = 2000,                   /* + person field index */
	OPT_EVENT_FIELD = 3000,             /* + event field index */
	OPT_EXT = 4000, OPT_ID, OPT_CLEAR,
	OPT_PARTY, OPT_HELD_BY, OPT_STATUS, OPT_MEDICAL, OPT_BRANCH, OPT_AGE, OPT_AGE_ON,
	OPT_CAPTURED_SINCE, OPT_CAPTURED_BEFORE, OPT_LIMIT, OPT_OFFSET
};

/* Long options for every field of a table: --given-names for given_names. */
typedef struct field_options {
	char names[(int)PF_COUNT > (int)EF_COUNT ? (int)PF_COUNT : (int)EF_COUNT][40];
	struct option opts[64];
	int n;
} field_options;

static void add_opt(field_options *fo, const char *name, int has_arg, int val)
{
	fo->opts[fo->n++] = (struct option){name, has_arg, NULL, val};
}

static void add_field_opts(field_options *fo, const field_def *defs, int n, int base)
{
	for(int i = 0; i < n; i++) {
		snprintf(fo->names[i], sizeof(fo->names[i]), "%s", defs[i].name);
		for(char *p = fo->names[i]; *p; p++)
			if(*p == '_')
				*p = '-';
		add_opt(fo, fo->names[i], required_argument, base + i);
	}
}

static void end_opts(field_options *fo)
{
	static const struct option common[] = {CLI_COMMON_OPTIONS};
	for(size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		fo->opts[fo->n++] = common[i];
	fo->opts[fo->n] = (struct option){0};
}

/* "  --surname TEXT        surname in the original script (Art. 17)" */
static void field_help(buf *b, const field_def *defs, int n)
{
	for(int i = 0; i < n; i++) {
		char flag[64], values[400] = "";
		snprintf(flag, sizeof(flag), "--%s", defs[i].name);
		for(char *p = flag; *p; p++)
			if(*p == '_')
				*p = '-';
		const char *arg = defs[i].kind == FK_DATE ? "DATE" : defs[i].kind == FK_PARTY ? "CODE"
		                  : defs[i].kind == FK_ENUM ? "VALUE" : "TEXT";
		if(defs[i].kind == FK_ENUM && defs[i].values != lifecycle_event_names) {
			char list[360];
			field_values_text(&defs[i], list, sizeof(list));
			snprintf(values, sizeof(values), " (%s)", list);
		}
		char left[96];
		snprintf(left, sizeof(left), "%s %s", flag, arg);
		if(buf_printf(b, "  %-28s %s%s\n", left, defs[i].help, values))
			return;
	}
}

/* Check a field value and store it in the arena, or fail with usage. */
static pl_rc set_field(const cli *c, const field_def *fd, const char *value, arena *a,
                       const char **slot, pl_err *err)
{
	const char *why;
	const char *v = field_clean(fd, value, date_today(), a, &why);
	if(!v && why) {
		char msg[800];
		field_why_text(fd, value, why, msg, sizeof(msg));
		return pl_fail(err, PL_EINPUT, "--%s: %s", fd->name, msg);
	}
	(void)c;
	*slot = v;
	return PL_OK;
}

static pl_rc parse_ext(const char *arg, arena *a, person *p, pl_err *err)
{
	const char *eq = strchr(arg, '=');
	if(!eq || eq == arg || !eq[1])
		return pl_fail(err, PL_EUSAGE, "--ext: expected SOURCE=ID, e.g. icrc=AB-1234");
	if(p->next == EXT_MAX)
		return pl_fail(err, PL_EUSAGE, "--ext: at most %d", EXT_MAX);
	char *source = arena_strndup(a, arg, (size_t)(eq - arg));
	const char *id = arena_strdup(a, eq + 1);
	if(!source || !id)
		return pl_nomem(err);
	const char *why = ext_source_invalid(source);
	if(why || (why = ext_value_invalid(id)))
		return pl_fail(err, PL_EINPUT, "--ext %s: %s", arg, why);
	p->ext[p->next].source = source;
	p->ext[p->next].id = id;
	p->next++;
	return PL_OK;
}

/* ---- add / update ----------------------------------------------------- */

static int person_write(cli *c, int argc, char **argv, bool update)
{
	field_options fo = {0};
	add_field_opts(&fo, person_fields, PF_COUNT, OPT_FIELD);
	add_opt(&fo, "ext", required_argument, OPT_EXT);
	add_opt(&fo, update ? "clear" : "id", required_argument, update ? OPT_CLEAR : OPT_ID);
	end_opts(&fo);
	buf usage;
	buf_init(&usage, 0);
	pl_rc brc = update
	    ? buf_adds(&usage, "usage: parley person update ID [--FIELD VALUE]... [--clear FIELD]...\n\n"
	                       "Change a person's record. Only the fields given change; --clear\n"
	                       "forgets a value (it becomes unknown). The status cannot be set:\n"
	                       "it follows from the events (parley person event).\n\nFields:\n")
	    : buf_adds(&usage, "usage: parley person add [--FIELD VALUE]...\n\n"
	                       "Add a person. Any field may be unknown; give at least a name (in\n"
	                       "any script), a service number or an external id. Prints the new\n"
	                       "person's id. A new person's status is 'missing' until events\n"
	                       "say otherwise (parley person event).\n\nFields:\n");
	if(!brc)
		field_help(&usage, person_fields, PF_COUNT);
	if(!brc)
		brc = buf_adds(&usage, update
		    ? "  --ext SOURCE=ID              add an external identifier (icrc=AB-1234)\n"
		      "  --clear FIELD                forget a field's value (repeatable)\n"
		    : "  --ext SOURCE=ID              an external identifier (icrc=AB-1234), repeatable\n"
		      "  --id ID                      keep this parley id (when restoring a record)\n");
	arena a;
	arena_init(&a, 0);
	person p = {0};
	bool clear[PF_COUNT] = {false}, done = false, any = false;
	pl_err err = {0};
	pl_rc rc = PL_OK;
	int opt, status = EXIT_OK;
	while(!rc && (opt = getopt_long(argc, argv, "", fo.opts, NULL)) != -1) {
		any = true;
		if(opt >= OPT_FIELD && opt < OPT_FIELD + PF_COUNT) {
			rc = set_field(c, &person_fields[opt - OPT_FIELD], optarg, &a, &p.f[opt - OPT_FIELD], &err);
		} else if(opt == OPT_EXT) {
			rc = parse_ext(optarg, &a, &p, &err);
		} else if(opt == OPT_ID) {
			snprintf(p.uid, sizeof(p.uid), "%s", optarg);
		} else if(opt == OPT_CLEAR) {
			int i = field_find(person_fields, PF_COUNT, optarg);
			if(i < 0) {
				char under[64];
				snprintf(under, sizeof(under), "%s", optarg);
				for(char *s = under; *s; s++)
					if(*s == '-')
						*s = '_';
				i = field_find(person_fields, PF_COUNT, under);
			}
			if(i < 0)
				rc = pl_fail(&err, PL_EUSAGE, "--clear: no field '%s'", optarg);
			else
				clear[i] = true;
		} else if(!cli_common_option(c, opt, buf_str(&usage), &done)) {
			rc = pl_fail(&err, PL_EUSAGE, "unknown option");
		}
	}
	const char *id = NULL;
	if(!rc && !done && update) {
		if(optind + 1 != argc)
			rc = pl_fail(&err, PL_EUSAGE, "give the person's id, once");
		else
			id = argv[optind];
	} else if(!rc && !done && optind < argc) {
		rc = pl_fail(&err, PL_EUSAGE, "unexpected argument '%s' (values go after --FIELD)",
		             argv[optind]);
	}
	if(!rc && !done && update && !any)
		rc = pl_fail(&err, PL_EUSAGE, "nothing to change: give --FIELD VALUE or --clear FIELD");
	store *st = NULL;
	if(!rc && !done && !(rc = cli_open(c, &st, &err)))
		rc = update ? registry_person_update(st, id, &p, clear, &err)
		            : registry_person_add(st, &p, &err);
	if(rc == PL_EUSAGE)
		status = cli_usage_error(c, "%s", err.msg);
	else if(rc)
		status = cli_fail(c, &err);
	else if(!done && !update)
		printf(c->json ? "{\"id\":\"%s\"}\n" : "%s\n", p.uid);
	else if(!done)
		printf("updated %s\n", id);
	store_close(st);
	arena_free(&a);
	buf_free(&usage);
	return status;
}

/* ---- show ------------------------------------------------------------- */

static const char show_usage[] =
	"usage: parley person show ID [--json]\n"
	"\n"
	"A person's record and the timeline of their events. ID is the full id or\n"
	"its first 5 or more characters. Every read is written to the access log.\n";

static const char *name_of(const person *p, char *out, size_t size)
{
	const char *s = p->f[PF_SURNAME], *g = p->f[PF_GIVEN_NAMES], *m = p->f[PF_PATRONYMIC];
	if(!s && !g) {
		s = p->f[PF_SURNAME_LATIN];
		g = p->f[PF_GIVEN_NAMES_LATIN];
		m = p->f[PF_PATRONYMIC_LATIN];
	}
	snprintf(out, size, "%s%s%s%s%s", s ? s : "", s && g ? " " : "", g ? g : "",
	         m && (s || g) ? " " : "", m ? m : "");
	if(!*out)
		snprintf(out, size, "(no name)");
	return out;
}

static void show_text(const person *p, const event *ev, size_t nev)
{
	char name[512];
	printf("%s  %s\n", p->uid, name_of(p, name, sizeof(name)));
	printf("status: %s\n\n", lifecycle_status_label(p->status));
	const char *head[2] = {"field", "value"};
	table *t = table_new(2, head);
	for(int i = 0; i < PF_COUNT; i++) {
		const char *row[2] = {person_fields[i].label, p->f[i] ? p->f[i] : "-"};
		table_add(t, row);
	}
	for(int k = 0; k < p->next; k++) {
		char label[64];
		snprintf(label, sizeof(label), "ID (%s)", p->ext[k].source);
		const char *row[2] = {label, p->ext[k].id};
		table_add(t, row);
	}
	table_print(t, stdout, 80);
	table_free(t);
	printf("\nTimeline\n");
	if(nev == 0) {
		printf("  (no events)\n");
		return;
	}
	const char *eh[6] = {"date", "event", "status", "source", "place", "note"};
	table *tl = table_new(6, eh);
	for(size_t i = 0; i < nev; i++) {
		char move[96];
		if(ev[i].before == ev[i].after)
			snprintf(move, sizeof(move), "%s", lifecycle_status_name(ev[i].after));
		else
			snprintf(move, sizeof(move), "%s \xE2\x86\x92 %s", lifecycle_status_name(ev[i].before),
			         lifecycle_status_name(ev[i].after));
		const char *row[6] = {ev[i].f[EF_DATE], ev[i].f[EF_TYPE], move, ev[i].f[EF_SOURCE],
		                      ev[i].f[EF_PLACE], ev[i].f[EF_NOTE]};
		table_add(tl, row);
		if(ev[i].f[EF_CAUSE] || ev[i].f[EF_BURIAL_PLACE] || ev[i].f[EF_GRAVE]) {
			char death[600];
			snprintf(death, sizeof(death), "cause: %s; burial: %s; grave: %s",
			         ev[i].f[EF_CAUSE] ? ev[i].f[EF_CAUSE] : "-",
			         ev[i].f[EF_BURIAL_PLACE] ? ev[i].f[EF_BURIAL_PLACE] : "-",
			         ev[i].f[EF_GRAVE] ? ev[i].f[EF_GRAVE] : "-");
			const char *more[6] = {"", "", "", "", "", death};
			table_add(tl, more);
		}
	}
	table_print(tl, stdout, 48);
	table_free(tl);
}

static void show_json(const person *p, const event *ev, size_t nev)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(p->uid));
	json_object_set_new(o, "status", json_string(lifecycle_status_name(p->status)));
	for(int i = 0; i < PF_COUNT; i++)
		json_object_set_new(o, person_fields[i].name, p->f[i] ? json_string(p->f[i]) : json_null());
	json_t *ext = json_object();
	for(int k = 0; k < p->next; k++)
		json_object_set_new(ext, p->ext[k].source, json_string(p->ext[k].id));
	json_object_set_new(o, "external_ids", ext);
	json_t *arr = json_array();
	for(size_t i = 0; i < nev; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "id", json_string(ev[i].uid));
		for(int f = 0; f < EF_COUNT; f++)
			if(ev[i].f[f])
				json_object_set_new(e, event_fields[f].name, json_string(ev[i].f[f]));
		json_object_set_new(e, "status_before", json_string(lifecycle_status_name(ev[i].before)));
		json_object_set_new(e, "status_after", json_string(lifecycle_status_name(ev[i].after)));
		json_array_append_new(arr, e);
	}
	json_object_set_new(o, "events", arr);
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(o);
}

static int person_show(cli *c, int argc, char **argv)
{
	int status = cli_common_only(c, argc, argv, show_usage);
	if(status >= 0)
		return status;
	if(optind + 1 != argc)
		return cli_usage_error(c, "give the person's id, once");
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err))
		return cli_fail(c, &err);
	arena a;
	arena_init(&a, 0);
	person p;
	event *ev = NULL;
	size_t nev = 0;
	pl_rc rc = registry_person_get(st, argv[optind], &a, &p, &err);
	if(!rc)
		rc = registry_person_events(st, p.id, &a, &ev, &nev, &err);
	if(!rc) /* logged before it is shown: no read goes unrecorded */
		rc = registry_log_access(st, p.uid, "show", &err);
	store_close(st);
	if(!rc) {
		if(c->json)
			show_json(&p, ev, nev);
		else
			show_text(&p, ev, nev);
	}
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- list / search ---------------------------------------------------- */

static const char list_filters[] =
	"Filters (a comma-separated list matches any of its values; 'unknown' matches\n"
	"records where the value is not known):\n"
	"  --party CODES            whose service member or citizen (UA, RU)\n"
	"  --held-by CODES          who holds them now\n"
	"  --status STATUSES        missing, captured, held, listed, handed_over,\n"
	"                           in_transit, repatriated, declined_repatriation,\n"
	"                           released_otherwise, died_in_captivity,\n"
	"                           remains_returned, identified\n"
	"  --medical CATEGORIES     none, wounded, severely_wounded, seriously_ill\n"
	"  --branch BRANCHES        armed_forces, national_guard, border_guard, other,\n"
	"                           civilian\n"
	"  --age MIN-MAX            aged MIN to MAX (either may be left out: 18-, -25)\n"
	"                           on --age-on DATE (default today); a partly known\n"
	"                           birth date matches when the age is possible\n"
	"  --captured-since DATE    captured on or after DATE\n"
	"  --captured-before DATE   captured before DATE\n"
	"  --limit N                at most N rows (default 50, up to 10000)\n"
	"  --offset N               skip the first N rows\n";

static bool parse_age(const char *s, person_query *q)
{
	const char *dash = strchr(s, '-');
	long lo = -1, hi = -1;
	char left[16] = "";
	if(!dash)
		return cli_parse_long(s, 0, 150, &lo) && (q->age_min = q->age_max = (int)lo, true);
	snprintf(left, sizeof(left), "%.*s", (int)(dash - s), s);
	if((*left && !cli_parse_long(left, 0, 150, &lo)) ||
	   (dash[1] && !cli_parse_long(dash + 1, 0, 150, &hi)) || (!*left && !dash[1]) ||
	   (lo >= 0 && hi >= 0 && lo > hi))
		return false;
	q->age_min = (int)lo;
	q->age_max = (int)hi;
	return true;
}

static void print_page(const cli *c, const person_query *q, const person_page *pg)
{
	if(c->json) {
		json_t *arr = json_array();
		for(size_t i = 0; i < pg->n; i++) {
			const person *p = &pg->rows[i];
			json_t *o = json_object();
			json_object_set_new(o, "id", json_string(p->uid));
			for(int f = 0; f < PF_COUNT; f++)
				if(p->f[f])
					json_object_set_new(o, person_fields[f].name, json_string(p->f[f]));
			json_object_set_new(o, "status", json_string(lifecycle_status_name(p->status)));
			json_array_append_new(arr, o);
		}
		json_t *doc = json_pack("{s:I, s:b, s:s, s:I, s:o}", "total", (json_int_t)pg->total,
		                        "total_is_lower_bound", pg->total_capped, "order",
		                        pg->name_order ? "name" : "registry", "offset",
		                        (json_int_t)q->offset, "persons", arr);
		json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(doc);
		return;
	}
	const char *head[8] = {"id", "name", "born", "party", "held by", "status", "medical", "rank"};
	table *t = table_new(8, head);
	for(size_t i = 0; i < pg->n; i++) {
		const person *p = &pg->rows[i];
		char name[512];
		const char *row[8] = {p->uid, name_of(p, name, sizeof(name)), p->f[PF_BIRTH_DATE],
		                      p->f[PF_PARTY], p->f[PF_HELD_BY], lifecycle_status_name(p->status),
		                      p->f[PF_MEDICAL], p->f[PF_RANK]};
		table_add(t, row);
	}
	if(pg->n)
		table_print(t, stdout, 40);
	table_free(t);
	cli_print_range("persons", q->offset, pg->n, pg->total, pg->total_capped);
	if(pg->n && !pg->name_order)
		printf("(more than %d persons have this name: listed in registry order; add a word "
		       "or a filter to list them by name)\n", SEARCH_SORT_MAX);
}

static int person_list(cli *c, int argc, char **argv, bool search)
{
	static const struct option opts[] = {
		{"party", required_argument, NULL, OPT_PARTY},
		{"held-by", required_argument, NULL, OPT_HELD_BY},
		{"status", required_argument, NULL, OPT_STATUS},
		{"medical", required_argument, NULL, OPT_MEDICAL},
		{"branch", required_argument, NULL, OPT_BRANCH},
		{"age", required_argument, NULL, OPT_AGE},
		{"age-on", required_argument, NULL, OPT_AGE_ON},
		{"captured-since", required_argument, NULL, OPT_CAPTURED_SINCE},
		{"captured-before", required_argument, NULL, OPT_CAPTURED_BEFORE},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"offset", required_argument, NULL, OPT_OFFSET},
		CLI_COMMON_OPTIONS, {0}};
	buf usage;
	buf_init(&usage, 0);
	if(buf_printf(&usage, "%s\n%s",
	              search ? "usage: parley person search NAME [FILTERS]\n\n"
	                       "Find persons by their names (surname, given names, patronymic), in\n"
	                       "either script and any common Latin spelling: Олександр, Александр,\n"
	                       "Oleksandr and Aleksandr find each other. Every word must match: a\n"
	                       "complete name matches that name (Іван finds Іван, not Іванов), any\n"
	                       "other word the start of one ('oleksandr shevch'). Either form of a\n"
	                       "family name finds both (Іванова, Іванов). Sorted by name, unless\n"
	                       "more than 2,000 persons match: then in registry order.\n"
	                     : "usage: parley person list [FILTERS]\n\nList persons, sorted by name.\n",
	              list_filters)) {
		buf_free(&usage);
		return EXIT_REFUSED;
	}
	person_query q = PERSON_QUERY_INIT;
	bool done = false;
	long n;
	int opt, status = EXIT_OK;
	while(status == EXIT_OK && (opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch(opt) {
		case OPT_PARTY: q.party = optarg; break;
		case OPT_HELD_BY: q.held_by = optarg; break;
		case OPT_STATUS: q.status = optarg; break;
		case OPT_MEDICAL: q.medical = optarg; break;
		case OPT_BRANCH: q.branch = optarg; break;
		case OPT_CAPTURED_SINCE: q.captured_since = optarg; break;
		case OPT_CAPTURED_BEFORE: q.captured_before = optarg; break;
		case OPT_AGE:
			if(!parse_age(optarg, &q))
				status = cli_usage_error(c, "--age: expected MIN-MAX, MIN-, -MAX or N, got '%s'", optarg);
			break;
		case OPT_AGE_ON:
			if(!cli_parse_day(optarg, &q.age_on))
				status = cli_usage_error(c, "--age-on: expected a full date YYYY-MM-DD, got '%s'", optarg);
			break;
		case OPT_LIMIT:
			if(!cli_parse_long(optarg, 1, 10000, &n))
				status = cli_usage_error(c, "--limit: expected 1 to 10000, got '%s'", optarg);
			q.limit = (size_t)n;
			break;
		case OPT_OFFSET:
			if(!cli_parse_long(optarg, 0, 100000000, &n))
				status = cli_usage_error(c, "--offset: expected a number from 0, got '%s'", optarg);
			q.offset = (size_t)n;
			break;
		default:
			if(!cli_common_option(c, opt, buf_str(&usage), &done))
				status = cli_usage_error(c, "unknown option");
		}
	}
	buf_free(&usage);
	if(status || done)
		return status;
	if(search) {
		if(optind == argc)
			return cli_usage_error(c, "what name? (parley person search NAME)");
		buf name;
		buf_init(&name, 4096);
		for(int i = optind; i < argc; i++)
			if(buf_printf(&name, "%s%s", i > optind ? " " : "", argv[i])) {
				buf_free(&name);
				return cli_usage_error(c, "the name is too long");
			}
		q.name = strdup(buf_str(&name));
		buf_free(&name);
	} else if(optind < argc) {
		return cli_usage_error(c, "unexpected argument '%s' (to search by name: parley person search)",
		                       argv[optind]);
	}
	store *st;
	pl_err err = {0};
	if(cli_open(c, &st, &err)) {
		free((char *)q.name);
		return cli_fail(c, &err);
	}
	arena a;
	arena_init(&a, 0);
	person_page pg;
	pl_rc rc = registry_search(st, &q, &a, &pg, &err);
	store_close(st);
	if(rc == PL_EUSAGE)
		status = cli_usage_error(c, "%s", err.msg);
	else if(rc)
		status = cli_fail(c, &err);
	else
		print_page(c, &q, &pg);
	arena_free(&a);
	free((char *)q.name);
	return status;
}

/* ---- event ------------------------------------------------------------ */

static int person_event(cli *c, int argc, char **argv)
{
	field_options fo = {0};
	add_field_opts(&fo, event_fields, EF_COUNT, OPT_EVENT_FIELD);
	end_opts(&fo);
	buf usage;
	buf_init(&usage, 0);
	pl_rc brc = buf_adds(&usage,
	                     "usage: parley person event ID --type TYPE --date DATE --source SOURCE [...]\n\n"
	                     "Record an event of a person. Events move the person through the\n"
	                     "lifecycle; an event the person's status does not allow is refused,\n"
	                     "with the events that are allowed. An event dated before others is\n"
	                     "placed in date order and the whole history checked again.\n\n"
	                     "Options:\n");
	if(!brc)
		field_help(&usage, event_fields, EF_COUNT);
	if(!brc) {
		brc = buf_adds(&usage, "\nEvent types, and the statuses they may happen in:\n");
		for(int e = 0; e < EV_COUNT && !brc; e++) {
			buf from;
			buf_init(&from, 0);
			for(int s = 0; s < ST_COUNT; s++)
				if(lifecycle_next((person_status)s, (event_type)e) >= 0 &&
				   buf_printf(&from, "%s%s", from.len ? ", " : "", lifecycle_status_name((person_status)s)))
					break;
			brc = buf_printf(&usage, "  %-22s %s\n  %-22s   in: %s\n", lifecycle_event_name((event_type)e),
			                 lifecycle_event_label((event_type)e), "", buf_str(&from));
			buf_free(&from);
		}
	}
	arena a;
	arena_init(&a, 0);
	event e = {0};
	bool done = false;
	pl_err err = {0};
	pl_rc rc = PL_OK;
	int opt, status = EXIT_OK;
	while(!rc && (opt = getopt_long(argc, argv, "", fo.opts, NULL)) != -1) {
		if(opt >= OPT_EVENT_FIELD && opt < OPT_EVENT_FIELD + EF_COUNT)
			rc = set_field(c, &event_fields[opt - OPT_EVENT_FIELD], optarg, &a,
			               &e.f[opt - OPT_EVENT_FIELD], &err);
		else if(!cli_common_option(c, opt, buf_str(&usage), &done))
			rc = pl_fail(&err, PL_EUSAGE, "unknown option");
	}
	if(!rc && !done && optind + 1 != argc)
		rc = pl_fail(&err, PL_EUSAGE, "give the person's id, once");
	for(int i = 0; !rc && !done && i < EF_COUNT; i++)
		if((event_fields[i].flags & FIELD_REQUIRED) && !e.f[i])
			rc = pl_fail(&err, PL_EUSAGE, "--%s is required", event_fields[i].name);
	store *st = NULL;
	if(!rc && !done && !(rc = cli_open(c, &st, &err)))
		rc = registry_event_add(st, argv[optind], &e, &err);
	if(rc == PL_EUSAGE)
		status = cli_usage_error(c, "%s", err.msg);
	else if(rc)
		status = cli_fail(c, &err);
	else if(!done && c->json)
		printf("{\"id\":\"%s\",\"person\":\"%s\",\"status_before\":\"%s\",\"status_after\":\"%s\"}\n",
		       e.uid, e.person_uid, lifecycle_status_name(e.before), lifecycle_status_name(e.after));
	else if(!done)
		printf("%s: %s %s (%s): %s -> %s\n", e.uid, e.person_uid, e.f[EF_TYPE], e.f[EF_DATE],
		       lifecycle_status_name(e.before), lifecycle_status_name(e.after));
	store_close(st);
	arena_free(&a);
	buf_free(&usage);
	return status;
}

/* ---- dispatch --------------------------------------------------------- */

static const char person_usage[] =
	"usage: parley person COMMAND ...\n"
	"\n"
	"  add       add a person (fields as --FIELD VALUE)\n"
	"  update    change fields of a person\n"
	"  show      a person's record and timeline\n"
	"  list      list persons, with filters\n"
	"  search    find persons by name, in any script or spelling\n"
	"  event     record an event (capture, transfer, handed_over, ...)\n"
	"\n"
	"'parley person COMMAND --help' for each.\n";

static int person_add(cli *c, int argc, char **argv) { return person_write(c, argc, argv, false); }
static int person_update(cli *c, int argc, char **argv) { return person_write(c, argc, argv, true); }
static int person_list_all(cli *c, int argc, char **argv) { return person_list(c, argc, argv, false); }
static int person_search(cli *c, int argc, char **argv) { return person_list(c, argc, argv, true); }

int cmd_person(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"add", person_add, NULL}, {"update", person_update, NULL},
		{"show", person_show, NULL}, {"list", person_list_all, NULL},
		{"search", person_search, NULL}, {"event", person_event, NULL},
	};
	return cli_dispatch(c, "person", subs, sizeof(subs) / sizeof(subs[0]), person_usage, argc, argv);
}
