/* parley antemortem show | set | photo-add | photo-list | photo-get
 *
 * The ante-mortem record of a sought person and their photos
 * (docs/families.md). The command line is the office's operator with the
 * database file: every show and photo read is written to the access log. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "core/file.h"
#include "core/msg.h"
#include "family/antemortem.h"
#include "remains/remains.h"

static const char one_person[] = "give the person's id, once";
static const char one_case[] = "give the remains case's tag, once";

/* ---- show ------------------------------------------------------------------ */

static const char show_usage[] =
	"usage: parley antemortem show PERSON [--json]\n"
	"\n"
	"The ante-mortem record of a person: marks and tattoos, the dental chart\n"
	"(FDI tooth: code), height, build, hair and eye colour, clothing and\n"
	"effects, and the photos.\n";

static void print_record(const json_t *d)
{
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)d, key, v) {
		if(json_is_string(v))
			printf("%-10s %s\n", key, json_string_value(v));
		else if(!strcmp(key, "height"))
			printf("%-10s %lld-%lld cm\n", key, (long long)json_integer_value(json_object_get(v, "min")),
			       (long long)json_integer_value(json_object_get(v, "max")));
	}
	size_t i;
	const json_t *m;
	json_array_foreach(json_object_get(d, "marks"), i, m)
		printf("mark       %s on %s: %s\n", json_string_value(json_object_get(m, "kind")),
		       json_string_value(json_object_get(m, "location")),
		       json_string_value(json_object_get(m, "description")));
	const json_t *dental = json_object_get(d, "dental");
	if(json_object_size(dental)) {
		printf("dental    ");
		json_object_foreach((json_t *)dental, key, v)
			printf(" %s:%s", key, json_string_value(v));
		putchar('\n');
	}
	json_array_foreach(json_object_get(d, "photos"), i, m)
		printf("photo      %s  %s  %lld bytes%s%s\n", json_string_value(json_object_get(m, "sha256")),
		       json_string_value(json_object_get(m, "type")), (long long)json_integer_value(json_object_get(m, "size")),
		       json_object_get(m, "caption") ? "  " : "", json_object_get(m, "caption") ?
		       json_string_value(json_object_get(m, "caption")) : "");
}

static int show_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = show_usage, .min_args = 1, .max_args = 1, .args_msg = one_person};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	json_t *d = NULL;
	pl_err err = {0};
	pl_rc rc = family_antemortem_get(st, argv[optind], &d, &err);
	if(!rc && d)
		rc = audit_access(st, NULL, json_string_value(json_object_get(d, "person")), "show", "antemortem", &err);
	store_close(st);
	if(rc) {
		json_decref(d);
		return cli_fail(c, &err);
	}
	if(c->json)
		cli_print_json(d ? d : json_object());
	else if(d) {
		print_record(d);
		json_decref(d);
	} else
		cli_say(stdout, "cli.antemortem_none", "person", argv[optind], NULL);
	return EXIT_OK;
}

/* ---- set ------------------------------------------------------------------- */

static const char set_usage[] =
	"usage: parley antemortem set PERSON [--file RECORD.json] [OPTIONS]\n"
	"\n"
	"Record what the family says the person looked like. The record so far is\n"
	"kept and changed by what is given: --file replaces it whole (the JSON of\n"
	"docs/families.md), each option below replaces its part, --mark adds a\n"
	"mark, --tooth sets one tooth. Bad values are refused naming the field;\n"
	"nothing is written then.\n"
	"\n"
	"  --inquiry ID                     the inquiry the record came from\n"
	"  --height CM|MIN-MAX              in centimetres\n"
	"  --build WORD                     slim, medium, athletic, heavy\n"
	"  --hair WORD                      black, brown, blond, red, grey, white, bald, other\n"
	"  --eyes WORD                      brown, blue, green, grey, hazel, other\n"
	"  --mark [KIND:]LOCATION:TEXT      a mark (tattoo, scar, birthmark, piercing,\n"
	"                                   amputation, other) at a place on the body:\n"
	"                                   head, face, neck, chest, abdomen, back,\n"
	"                                   arm_left, arm_right, hand_left, hand_right,\n"
	"                                   leg_left, leg_right, foot_left, foot_right, other\n"
	"  --tooth FDI:CODE                 11-48: present, filled, root_canal, crown,\n"
	"                                   missing, implant, bridge, unknown\n"
	"  --clothing TEXT                  clothing last worn\n"
	"  --effects TEXT                   personal effects\n";

static const char pm_set_usage[] =
	"usage: parley antemortem pm-set CASE [--file OBSERVATIONS.json] [OPTIONS]\n"
	"\n"
	"Record the post-mortem observations of a remains case (its tag), of the\n"
	"same kinds and with the same options as 'parley antemortem set' (no\n"
	"--inquiry), for 'parley antemortem compare'.\n";

enum { S_FILE, S_INQUIRY, S_HEIGHT, S_BUILD, S_HAIR, S_EYES, S_MARK, S_TOOTH, S_CLOTHING, S_EFFECTS, S_N };

static json_t *member(json_t *doc, const char *key, json_t *(*make)(void))
{
	json_t *v = json_object_get(doc, key);
	if(!v) {
		v = make();
		json_object_set_new(doc, key, v);
	}
	return v;
}

static int take_mark(cli *c, const cli_opt *o, char *value, void *ctx)
{
	(void)o;
	char *parts[3] = {value, NULL, NULL};
	int n = 1;
	for(char *p = value; *p && n < 3; p++)
		if(*p == ':') {
			*p = '\0';
			parts[n++] = p + 1;
		}
	if(n < 2)
		return cli_usage_errorc(c, "cli.antemortem_usage_mark", "value", value, NULL);
	json_t *m = n == 3 ? json_pack("{s:s, s:s, s:s}", "kind", parts[0], "location", parts[1], "description", parts[2])
	                   : json_pack("{s:s, s:s}", "location", parts[0], "description", parts[1]);
	json_array_append_new(member(ctx, "marks", json_array), m);
	return -1;
}

static int take_tooth(cli *c, const cli_opt *o, char *value, void *ctx)
{
	(void)o;
	char *code = strchr(value, ':');
	if(!code || code == value || !code[1])
		return cli_usage_errorc(c, "cli.antemortem_usage_tooth", "value", value, NULL);
	*code++ = '\0';
	json_object_set_new(member(ctx, "dental", json_object), value, json_string(code));
	return -1;
}

static int take_height(cli *c, const cli_opt *o, char *value, void *ctx)
{
	(void)o;
	long lo, hi;
	char *dash = strchr(value, '-');
	if(dash)
		*dash = '\0';
	if(!cli_parse_long(value, 0, 1000, &lo) || (dash && !cli_parse_long(dash + 1, 0, 1000, &hi))) {
		if(dash)
			*dash = '-';
		return cli_usage_errorc(c, "cli.antemortem_usage_height", "value", value, NULL);
	}
	json_object_set_new(ctx, "height", json_pack("{s:I, s:I}", "min", (json_int_t)lo, "max",
	                                             (json_int_t)(dash ? hi : lo)));
	return -1;
}

/* The record so far (a person's; pm: a remains case's observations), or the file's. */
static pl_rc base(store *st, bool pm, const char *who_id, const char *file, json_t **out, pl_err *err)
{
	if(file) {
		json_error_t je;
		*out = json_load_file(file, JSON_REJECT_DUPLICATES, &je);
		if(!*out)
			return pl_failc(err, PL_EINPUT, "cli.json_at", "path", file, "line", PL_N(je.line), "column",
			                PL_N(je.column), "detail", je.text, NULL);
		return PL_OK;
	}
	pl_rc rc = pm ? remains_pm_get(st, who_id, out, err) : family_antemortem_get(st, who_id, out, err);
	if(!rc && !*out)
		*out = json_object();
	if(!rc) {
		static const char *const derived[] = {"person", "actor", "updated_at", "photos"};
		for(size_t i = 0; i < sizeof(derived) / sizeof(derived[0]); i++)
			json_object_del(*out, derived[i]);
	}
	return rc;
}

/* The record in doc, checked and written: a person's, or a case's (pm). */
static pl_rc write(store *st, bool pm, const char *id, const json_t *doc, pl_err *err)
{
	if(!pm)
		return family_antemortem_set(st, id, doc, err);
	json_t *clean = am_clean(doc, false, err);
	pl_rc rc = clean ? remains_pm_set(st, id, clean, err) : PL_EINPUT;
	json_decref(clean);
	return rc;
}

static int set_either(cli *c, int argc, char **argv, bool pm)
{
	static const cli_opt opts[] = {
		[S_FILE] = {.name = "file"},       [S_INQUIRY] = {.name = "inquiry"},
		[S_HEIGHT] = {.name = "height", .take = take_height},
		[S_BUILD] = {.name = "build"},     [S_HAIR] = {.name = "hair"},
		[S_EYES] = {.name = "eyes"},       [S_MARK] = {.name = "mark", .take = take_mark},
		[S_TOOTH] = {.name = "tooth", .take = take_tooth},
		[S_CLOTHING] = {.name = "clothing"}, [S_EFFECTS] = {.name = "effects"}, {0}};
	static const cli_spec spec = {.usage = set_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                              .args_msg = one_person};
	static const cli_spec pm_spec = {.usage = pm_set_usage, .opts = opts, .min_args = 1, .max_args = 1,
	                                 .args_msg = one_case};
	cli_val v[S_N];
	json_t *given = json_object();
	store *st;
	int status = cli_start(c, argc, argv, pm ? &pm_spec : &spec, v, given, &st);
	if(status >= 0) {
		json_decref(given);
		return status;
	}
	json_t *doc = NULL;
	pl_err err = {0};
	pl_rc rc = base(st, pm, argv[optind], v[S_FILE].s, &doc, &err);
	if(!rc && pm && v[S_INQUIRY].s)
		rc = pl_failc(&err, PL_EINPUT, "antemortem.unknown_key", "field", "inquiry", "expected", "height, build, hair, eyes, marks, dental, clothing, effects", NULL);
	if(!rc) {
		static const struct { int opt; const char *key; } words[] = {
			{S_INQUIRY, "inquiry"}, {S_BUILD, "build"}, {S_HAIR, "hair"}, {S_EYES, "eyes"},
			{S_CLOTHING, "clothing"}, {S_EFFECTS, "effects"}};
		for(size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if(v[words[i].opt].s)
				json_object_set_new(doc, words[i].key, json_string(v[words[i].opt].s));
		if(json_object_get(given, "height"))
			json_object_set(doc, "height", json_object_get(given, "height"));
		json_array_extend(member(doc, "marks", json_array), member(given, "marks", json_array));
		json_object_update(member(doc, "dental", json_object), member(given, "dental", json_object));
		if(!json_array_size(json_object_get(doc, "marks")))
			json_object_del(doc, "marks");
		if(!json_object_size(json_object_get(doc, "dental")))
			json_object_del(doc, "dental");
		rc = rc ? rc : write(st, pm, argv[optind], doc, &err);
	}
	json_decref(doc);
	json_decref(given);
	if(!rc && c->json) {
		json_t *d = NULL;
		rc = pm ? remains_pm_get(st, argv[optind], &d, &err) : family_antemortem_get(st, argv[optind], &d, &err);
		if(!rc)
			cli_print_json(d);
	} else if(!rc)
		cli_say(stdout, pm ? "cli.postmortem_set" : "cli.antemortem_set", "person", argv[optind], NULL);
	store_close(st);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

static int set_cmd(cli *c, int argc, char **argv)
{
	return set_either(c, argc, argv, false);
}

static int pm_set_cmd(cli *c, int argc, char **argv)
{
	return set_either(c, argc, argv, true);
}

/* ---- compare -------------------------------------------------------------------- */

static const char compare_usage[] =
	"usage: parley antemortem compare PERSON CASE [--json]\n"
	"\n"
	"The person's ante-mortem record against the post-mortem observations of\n"
	"the remains case CASE (its tag), kind by kind: agree, disagree or unknown,\n"
	"and why. Dental: a tooth whose post-mortem state could follow from the\n"
	"ante-mortem one (filled, then missing) is consistent; one that could not\n"
	"(missing, then present) is an exclusion. Secondary evidence beside DNA.\n";

static int compare_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = compare_usage, .min_args = 2, .max_args = 2};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	am_finding f[AK_COUNT];
	unsigned recorded = 0;
	pl_err err = {0};
	pl_rc rc = family_compare(st, argv[optind], argv[optind + 1], f, &recorded, &err);
	rc = rc ? rc : audit_access(st, NULL, argv[optind], "compare", argv[optind + 1], &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	if(c->json) {
		cli_print_json(am_findings_json(f));
		return EXIT_OK;
	}
	if(!(recorded & 1u))
		cli_say(stdout, "cli.antemortem_none", "person", argv[optind], NULL);
	if(!(recorded & 2u))
		cli_say(stdout, "cli.postmortem_none", "case", argv[optind + 1], NULL);
	const char *head[3] = {"kind", "verdict", "why"};
	table *t = table_new(3, head);
	lang_id l = msg_env_lang();
	for(int k = 0; k < AK_COUNT; k++) {
		char why[PL_ERR_MSG_MAX];
		msg_err_text(&f[k].why, l, why, sizeof(why));
		const char *row[3] = {am_kind_names[k], am_verdict_names[f[k].verdict], why};
		table_add(t, row);
	}
	table_print(t, stdout, 100);
	table_free(t);
	return EXIT_OK;
}

/* ---- photos ------------------------------------------------------------------ */

static const char photo_add_usage[] =
	"usage: parley antemortem photo-add PERSON FILE [--caption TEXT] [--max-size BYTES]\n"
	"\n"
	"Add a photo of the person: a JPEG, PNG or WebP file (told by its content,\n"
	"not its name), at most 10 MiB unless --max-size says otherwise. It is\n"
	"kept beside the database (DB.photos/), named by its SHA-256, and goes into\n"
	"'parley backup'.\n";

static int photo_add_cmd(cli *c, int argc, char **argv)
{
	enum { CAPTION, MAX, N };
	static const cli_opt opts[] = {[CAPTION] = {.name = "caption"},
	                               [MAX] = {.name = "max-size", .kind = CLI_INT, .min = 1, .max = 1L << 30},
	                               {0}};
	static const cli_spec spec = {.usage = photo_add_usage, .opts = opts, .min_args = 2, .max_args = 2};
	cli_val v[N];
	store *st;
	int status = cli_start(c, argc, argv, &spec, v, NULL, &st);
	if(status >= 0)
		return status;
	size_t max = v[MAX].s ? (size_t)v[MAX].n : AM_PHOTO_MAX_DEFAULT;
	buf data;
	buf_init(&data, 0);
	pl_err err = {0};
	am_photo p;
	/* read one byte past the cap: a larger file is refused by its size */
	pl_rc rc = file_read(argv[optind + 1], max + 1, &data, &err);
	if(rc == PL_ELIMIT)
		rc = family_photo_add(st, argv[optind], data.ptr, max + 1, max, NULL, &p, &err);
	else if(!rc)
		rc = family_photo_add(st, argv[optind], data.ptr, data.len, max, v[CAPTION].s, &p, &err);
	store_close(st);
	buf_free(&data);
	if(rc)
		return cli_fail(c, &err);
	if(c->json)
		cli_print_json(json_pack("{s:s, s:s, s:s, s:I}", "person", p.person, "sha256", p.sha256, "type", p.type,
		                         "size", (json_int_t)p.size));
	else
		cli_say(stdout, "cli.photo_added", "sha256", p.sha256, "type", p.type, "person", p.person, NULL);
	return EXIT_OK;
}

static const char photo_list_usage[] =
	"usage: parley antemortem photo-list PERSON [--json]\n"
	"\n"
	"The photos of a person, oldest first: SHA-256, type, size, caption.\n";

static int photo_list_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = photo_list_usage, .min_args = 1, .max_args = 1,
	                              .args_msg = one_person};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	json_t *d = NULL;
	pl_err err = {0};
	pl_rc rc = family_antemortem_get(st, argv[optind], &d, &err);
	store_close(st);
	if(rc)
		return cli_fail(c, &err);
	json_t *photos = json_object_get(d, "photos");
	if(c->json)
		cli_print_json(json_incref(photos ? photos : json_array()));
	else if(!json_array_size(photos))
		cli_say(stdout, "cli.no_photos", "person", argv[optind], NULL);
	else {
		size_t i;
		const json_t *m;
		json_array_foreach(photos, i, m)
			printf("%s  %s  %lld  %s\n", json_string_value(json_object_get(m, "sha256")),
			       json_string_value(json_object_get(m, "type")),
			       (long long)json_integer_value(json_object_get(m, "size")),
			       json_object_get(m, "caption") ? json_string_value(json_object_get(m, "caption")) : "");
	}
	json_decref(d);
	return EXIT_OK;
}

static const char photo_get_usage[] =
	"usage: parley antemortem photo-get SHA256 OUTFILE\n"
	"\n"
	"Write a photo to OUTFILE, checked against its SHA-256 (a missing or\n"
	"changed file is an error). The read goes to the access log.\n";

static int photo_get_cmd(cli *c, int argc, char **argv)
{
	static const cli_spec spec = {.usage = photo_get_usage, .min_args = 2, .max_args = 2};
	store *st;
	int status = cli_start(c, argc, argv, &spec, NULL, NULL, &st);
	if(status >= 0)
		return status;
	arena a;
	arena_init(&a, 0);
	buf data;
	buf_init(&data, 0);
	am_photo p;
	pl_err err = {0};
	pl_rc rc = family_photo_read(st, argv[optind], &p, &a, &data, &err);
	if(!rc) {
		char detail[80];
		snprintf(detail, sizeof(detail), "photo %s", p.sha256);
		rc = audit_access(st, NULL, p.person, "photo", detail, &err);
	}
	rc = rc ? rc : file_write(argv[optind + 1], data.ptr, data.len, true, &err);
	store_close(st);
	buf_free(&data);
	arena_free(&a);
	return rc ? cli_fail(c, &err) : EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------------ */

static const char antemortem_usage[] =
	"usage: parley antemortem COMMAND ...\n"
	"\n"
	"Ante-mortem data of sought persons, as their families give it\n"
	"(docs/families.md).\n"
	"\n"
	"  show        a person's record and photos\n"
	"  set         record marks, teeth, height, hair, eyes, clothing, effects\n"
	"  photo-add   add a photo (JPEG, PNG, WebP; checked by content and size)\n"
	"  photo-list  a person's photos\n"
	"  photo-get   write a photo to a file (checked, logged)\n"
	"  pm-set      record a remains case's post-mortem observations\n"
	"  compare     a person's record against a case's observations\n"
	"\n"
	"'parley antemortem COMMAND --help' for each.\n";

int cmd_antemortem(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{"show", show_cmd, NULL},           {"set", set_cmd, NULL},
		{"photo-add", photo_add_cmd, NULL}, {"photo-list", photo_list_cmd, NULL},
		{"photo-get", photo_get_cmd, NULL}, {"pm-set", pm_set_cmd, NULL},
		{"compare", compare_cmd, NULL},
	};
	return cli_dispatch(c, "antemortem", subs, sizeof(subs) / sizeof(subs[0]), antemortem_usage, argc, argv);
}
