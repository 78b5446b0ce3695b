/* parley person add | update | show | list | search | event */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/buf.h"

static const char one_id[] = "give the person's id, once";

/* An option for every field of a table (--given-names for given_names),
 * with room for the two that add and update take besides. */
typedef struct field_options {
	char names[(int)PF_COUNT > (int)EF_COUNT ? (int)PF_COUNT : (int)EF_COUNT][40];
	cli_opt opts[PF_COUNT + 3];
} field_options;

static void field_opts(field_options *fo, const field_def *defs, int n, cli_take_fn take)
{
	for(int i = 0; i < n; i++) {
		snprintf(fo->names[i], sizeof(fo->names[i]), "%s", defs[i].name);
		for(char *p = fo->names[i]; *p; p++)
			if(*p == '_')
				*p = '-';
		fo->opts[i] = (cli_opt){fo->names[i], CLI_TEXT, .required = (defs[i].flags & FIELD_REQUIRED) != 0,
		                        .take = take};
	}
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
		const char *arg = defs[i].kind == FK_DATE ? "DATE" : defs[i].kind == FK_PARTY || defs[i].kind == FK_COUNTRY ? "CODE"
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
		char key[64];
		snprintf(key, sizeof(key), "--%s", fd->name);
		return field_refuse(fd, key, value, why, err);
	}
	(void)c;
	*slot = v;
	return PL_OK;
}

static pl_rc parse_ext(const char *arg, arena *a, person *p, pl_err *err)
{
	const char *eq = strchr(arg, '=');
	if(!eq || eq == arg || !eq[1])
		return pl_failc(err, PL_EUSAGE, "cli.ext_form", NULL);
	if(p->next == EXT_MAX)
		return pl_failc(err, PL_EUSAGE, "cli.ext_max", "max", PL_N(EXT_MAX), NULL);
	char *source = arena_strndup(a, arg, (size_t)(eq - arg));
	const char *id = arena_strdup(a, eq + 1);
	if(!source || !id)
		return pl_nomem(err);
	const char *why = ext_source_invalid(source);
	if(why || (why = ext_value_invalid(id)))
		return pl_failc(err, PL_EINPUT, "cli.ext_invalid", "arg", arg, "why", field_why_arg(why), NULL);
	p->ext[p->next].source = source;
	p->ext[p->next].id = id;
	p->next++;
	return PL_OK;
}

/* ---- add / update ----------------------------------------------------- */

/* What the options of add, update and event fill in. */
typedef struct record_args {
	const field_def *defs;   /* the fields of the table's first rows */
	const cli_opt *opts;
	arena a;
	const char **f;          /* the record's fields */
	person *p;               /* add, update: the person */
	bool clear[PF_COUNT];
	bool any;                /* a field, --ext or --clear given */
} record_args;

/* Say a failure: a mistake of usage, or a refusal. */
static int say_failure(cli *c, pl_rc rc, const pl_err *err)
{
	return rc == PL_EUSAGE ? cli_usage_fail(c, err) : cli_fail(c, err);
}

/* --FIELD VALUE */
static int take_field(cli *c, const cli_opt *o, char *value, void *ctx)
{
	record_args *ra = ctx;
	size_t i = (size_t)(o - ra->opts);
	pl_err err = {0};
	pl_rc rc = set_field(c, &ra->defs[i], value, &ra->a, &ra->f[i], &err);
	ra->any = true;
	return rc ? say_failure(c, rc, &err) : -1;
}

static int take_ext(cli *c, const cli_opt *o, char *value, void *ctx)
{
	record_args *ra = ctx;
	pl_err err = {0};
	pl_rc rc = parse_ext(value, &ra->a, ra->p, &err);
	ra->any = true;
	return rc ? say_failure(c, rc, &err) : -1;
}

/* --clear FIELD, by its name or its option's. */
static int take_clear(cli *c, const cli_opt *o, char *value, void *ctx)
{
	record_args *ra = ctx;
	int i = field_find(person_fields, PF_COUNT, value);
	if(i < 0) {
		char under[64];
		snprintf(under, sizeof(under), "%s", value);
		for(char *s = under; *s; s++)
			if(*s == '-')
				*s = '_';
		i = field_find(person_fields, PF_COUNT, under);
	}
	if(i < 0)
		return cli_usage_errorc(c, "cli.clear_no_field", "field", value, NULL);
	ra->clear[i] = true;
	ra->any = true;
	return -1;
}

/* Out of memory, the text is cut short. */
static pl_rc write_usage(buf *usage, bool update)
{
	pl_rc rc = update
	    ? buf_adds(usage, "usage: parley person update ID [--FIELD VALUE]... [--clear FIELD]...\n\n"
	                      "Change a person's record. Only the fields given change; --clear\n"
	                      "forgets a value (it becomes unknown). The status cannot be set:\n"
	                      "it follows from the events (parley person event).\n\nFields:\n")
	    : buf_adds(usage, "usage: parley person add [--FIELD VALUE]...\n\n"
	                      "Add a person. Any field may be unknown; give at least a name (in\n"
	                      "any script), a service number or an external id. Prints the new\n"
	                      "person's id. A new person's status is 'missing' until events\n"
	                      "say otherwise (parley person event).\n\nFields:\n");
	if(!rc)
		field_help(usage, person_fields, PF_COUNT);
	return rc ? rc : buf_adds(usage, update
	    ? "  --ext SOURCE=ID              add an external identifier (icrc=AB-1234)\n"
	      "  --clear FIELD                forget a field's value (repeatable)\n"
	    : "  --ext SOURCE=ID              an external identifier (icrc=AB-1234), repeatable\n"
	      "  --id ID                      keep this parley id (when restoring a record)\n");
}

/* Add p, or update person id with p and clear. */
static int save_person(cli *c, person *p, const char *id, const bool *clear)
{
	store *st = NULL;
	pl_err err = {0};
	pl_rc rc = cli_open(c, &st, &err);
	if(!rc)
		rc = id ? registry_person_update(st, id, p, clear, &err) : registry_person_add(st, p, &err);
	store_close(st);
	if(rc)
		return say_failure(c, rc, &err);
	if(id)
		cli_say(stdout, "cli.person_updated", "person", id, NULL);
	else
		printf(c->json ? "{\"id\":\"%s\"}\n" : "%s\n", p->uid);
	return EXIT_OK;
}

static int person_write(cli *c, int argc, char **argv, bool update)
{
	enum { EXT = PF_COUNT, CLEAR_OR_ID, N };
	field_options fo = {0};
	field_opts(&fo, person_fields, PF_COUNT, take_field);
	fo.opts[EXT] = (cli_opt){.name = "ext", .take = take_ext};
	fo.opts[CLEAR_OR_ID] = update ? (cli_opt){.name = "clear", .take = take_clear} : (cli_opt){.name = "id"};
	buf usage;
	buf_init(&usage, 0);
	write_usage(&usage, update);
	const cli_spec spec = {.usage = buf_str(&usage), .opts = fo.opts, .min_args = update,
	                       .max_args = update, .args_msg = update ? one_id : NULL,
	                       .args_hint = " (values go after --FIELD)"};
	person p = {0};
	record_args ra = {.defs = person_fields, .opts = fo.opts, .f = p.f, .p = &p};
	arena_init(&ra.a, 0);
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, &ra);
	if(status < 0 && update && !ra.any)
		status = cli_usage_errorc(c, "cli.person_nothing_to_change", NULL);
	if(status < 0 && !update && v[CLEAR_OR_ID].s)
		snprintf(p.uid, sizeof(p.uid), "%s", v[CLEAR_OR_ID].s);
	if(status < 0)
		status = save_person(c, &p, update ? argv[optind] : NULL, ra.clear);
	arena_free(&ra.a);
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
		cli_text(out, size, "cli.no_name", NULL);
	return out;
}

static void show_text(const person *p, const event *ev, size_t nev)
{
	char name[512];
	printf("%s  %s\n", p->uid, name_of(p, name, sizeof(name)));
	printf("status: %s\n", lifecycle_status_label(p->status));
	if(p->pseudonymised_at)
		cli_say(stdout, "cli.person_pseudonymised", "date", p->pseudonymised_at, NULL);
	putchar('\n');
	const char *head[2] = {"field", "value"};
	table *t = table_new(2, head);
	for(int i = 0; i < PF_COUNT; i++) {
		/* Address lines on one line of the table: ", " between them. */
		char one[4096];
		const char *v = p->f[i] ? p->f[i] : "-";
		if(strchr(v, '\n')) {
			size_t n = 0;
			for(const char *c = v; *c && n + 3 < sizeof(one); c++) {
				if(*c == '\r')
					continue;
				if(*c == '\n') {
					one[n++] = ',';
					one[n++] = ' ';
				} else {
					one[n++] = *c;
				}
			}
			one[n] = '\0';
			v = one;
		}
		const char *row[2] = {person_fields[i].label, v};
		table_add(t, row);
	}
	for(int k = 0; k < p->next; k++) {
		char label[64];
		snprintf(label, sizeof(label), "ID (%s)", p->ext[k].source);
		const char *row[2] = {label, p->ext[k].id};
		table_add(t, row);
	}
	table_print(t, stdout, TABLE_WHOLE);
	table_free(t);
	putchar('\n');
	cli_say(stdout, "cli.timeline", NULL);
	if(nev == 0) {
		fputs("  ", stdout);
		cli_say(stdout, "cli.no_events", NULL);
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
	if(p->pseudonymised_at)
		json_object_set_new(o, "pseudonymised_at", json_string(p->pseudonymised_at));
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
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1, .args_msg = one_id};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	pl_err err = {0};
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

/* --age MIN-MAX into the person_query of ctx. */
static int take_age(cli *c, const cli_opt *o, char *value, void *ctx)
{
	if(parse_age(value, ctx))
		return -1;
	return cli_usage_errorc(c, "cli.age_form", "value", value, NULL);
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
	if(p->pseudonymised_at)
		json_object_set_new(o, "pseudonymised_at", json_string(p->pseudonymised_at));
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
	cli_print_range("cli.no_persons", q->offset, pg->n, pg->total, pg->total_capped);
	if(pg->n && !pg->name_order)
		cli_say(stdout, "cli.short_prefix", "n", PL_N(SEARCH_PREFIX_KEYS), NULL);
}

static int person_list(cli *c, int argc, char **argv, bool search)
{
	enum { PARTY, HELD_BY, STATUS, MEDICAL, BRANCH, AGE, AGE_ON, CAPTURED_SINCE, CAPTURED_BEFORE, LIMIT,
	       OFFSET, N };
	static const cli_opt opts[] = {
		[PARTY] = {.name = "party"}, [HELD_BY] = {.name = "held-by"},
		[STATUS] = {.name = "status"}, [MEDICAL] = {.name = "medical"},
		[BRANCH] = {.name = "branch"}, [AGE] = {.name = "age", .take = take_age},
		[AGE_ON] = {.name = "age-on", .kind = CLI_DAY, .expect = "a full date YYYY-MM-DD"},
		[CAPTURED_SINCE] = {.name = "captured-since"},
		[CAPTURED_BEFORE] = {.name = "captured-before"},
		[LIMIT] = CLI_OPT_LIMIT, [OFFSET] = CLI_OPT_OFFSET, {0}};
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
	const cli_spec spec = {.usage = buf_str(&usage), .opts = opts, .min_args = search,
	                       .max_args = search ? -1 : 0,
	                       .args_msg = search ? "what name? (parley person search NAME)" : NULL,
	                       .args_hint = " (to search by name: parley person search)"};
	person_query q = PERSON_QUERY_INIT;
	cli_val v[N];
	int status = cli_parse(c, argc, argv, &spec, v, &q);
	buf_free(&usage);
	if(status >= 0)
		return status;
	q.party = v[PARTY].s;
	q.held_by = v[HELD_BY].s;
	q.status = v[STATUS].s;
	q.medical = v[MEDICAL].s;
	q.branch = v[BRANCH].s;
	q.captured_since = v[CAPTURED_SINCE].s;
	q.captured_before = v[CAPTURED_BEFORE].s;
	if(v[AGE_ON].s)
		q.age_on = v[AGE_ON].day;
	cli_page(&v[LIMIT], &v[OFFSET], &q.limit, &q.offset);
	if(search) {
		buf name;
		buf_init(&name, 4096);
		for(int i = optind; i < argc; i++)
			if(buf_printf(&name, "%s%s", i > optind ? " " : "", argv[i])) {
				buf_free(&name);
				return cli_usage_errorc(c, "cli.name_too_long", NULL);
			}
		q.name = strdup(buf_str(&name));
		buf_free(&name);
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
	status = EXIT_OK;
	if(rc)
		status = say_failure(c, rc, &err);
	else
		print_page(c, &q, &pg);
	arena_free(&a);
	free((char *)q.name);
	return status;
}

/* ---- event ------------------------------------------------------------ */

static void event_usage(buf *usage)
{
	pl_rc brc = buf_adds(usage,
	                     "usage: parley person event ID --type TYPE --date DATE --source SOURCE [...]\n\n"
	                     "Record an event of a person. Events move the person through the\n"
	                     "lifecycle; an event the person's status does not allow is refused,\n"
	                     "with the events that are allowed. An event dated before others is\n"
	                     "placed in date order and the whole history checked again.\n\n"
	                     "Options:\n");
	if(!brc)
		field_help(usage, event_fields, EF_COUNT);
	if(!brc) {
		brc = buf_adds(usage, "\nEvent types, and the statuses they may happen in:\n");
		for(int e = 0; e < EV_COUNT && !brc; e++) {
			buf from;
			buf_init(&from, 0);
			for(int s = 0; s < ST_COUNT; s++)
				if(lifecycle_next((person_status)s, (event_type)e) >= 0 &&
				   buf_printf(&from, "%s%s", from.len ? ", " : "", lifecycle_status_name((person_status)s)))
					break;
			brc = buf_printf(usage, "  %-22s %s\n  %-22s   in: %s\n", lifecycle_event_name((event_type)e),
			                 lifecycle_event_label((event_type)e), "", buf_str(&from));
			buf_free(&from);
		}
	}
}

static int add_event(cli *c, const char *id, event *e)
{
	store *st = NULL;
	pl_err err = {0};
	/* By hand, a sighting would skip the testimony's review. */
	pl_rc rc = e->f[EF_TYPE] && lifecycle_event_parse(e->f[EF_TYPE]) == EV_SIGHTING
	               ? pl_failc(&err, PL_EINPUT, "event.sighting_by_review", NULL)
	               : cli_open(c, &st, &err);
	if(!rc)
		rc = registry_event_add(st, id, e, &err);
	store_close(st);
	if(rc)
		return say_failure(c, rc, &err);
	if(c->json)
		printf("{\"id\":\"%s\",\"person\":\"%s\",\"status_before\":\"%s\",\"status_after\":\"%s\"}\n",
		       e->uid, e->person_uid, lifecycle_status_name(e->before), lifecycle_status_name(e->after));
	else
		printf("%s: %s %s (%s): %s -> %s\n", e->uid, e->person_uid, e->f[EF_TYPE], e->f[EF_DATE],
		       lifecycle_status_name(e->before), lifecycle_status_name(e->after));
	return EXIT_OK;
}

static int person_event(cli *c, int argc, char **argv)
{
	field_options fo = {0};
	field_opts(&fo, event_fields, EF_COUNT, take_field);
	buf usage;
	buf_init(&usage, 0);
	event_usage(&usage);
	const cli_spec spec = {.usage = buf_str(&usage), .opts = fo.opts, .min_args = 1, .max_args = 1,
	                       .args_msg = one_id};
	event e = {0};
	record_args ra = {.defs = event_fields, .opts = fo.opts, .f = e.f};
	arena_init(&ra.a, 0);
	cli_val v[EF_COUNT];
	int status = cli_parse(c, argc, argv, &spec, v, &ra);
	if(status < 0)
		status = add_event(c, argv[optind], &e);
	arena_free(&ra.a);
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
