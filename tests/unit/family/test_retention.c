/* Retention reaches the families' data: a case closed long ago loses its
 * inquirers' contacts (contacts), the names the family gave and the
 * ante-mortem record and photos (identity); a dry run lists the same and
 * changes nothing; a case closed lately is left alone. */
#include "family/fixture.h"

#include "family/antemortem.h"

static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

/* A mother's inquiry (contacts, names) and an ante-mortem record with a
 * photo about a new person; with `closed`, their case closed that day. */
static void sought(fixture *f, const char *surname, const char *given, const char *birth, const char *closed,
                   inquiry_result *res)
{
	inquiry_input in;
	fam_input(&in, "inquirer=Ганна Мельник", "relation=mother", "phone=+380 67 000 1111", "email=h@example.org",
	          "address=вул. Садова 1, Суми", "received=2009-12-01", "consent_tracing=written 2009-12-01", NULL);
	in.f[IF_SURNAME] = surname;
	in.f[IF_GIVEN_NAMES] = given;
	in.f[IF_BIRTH_DATE] = birth;
	res->person[0] = '\0';
	in.new_person = true;
	assert_ok(family_inquiry_add(f->r, &in, res, &f->err), &f->err);
	json_t *doc = json_pack("{s:s, s:{s:s}}", "hair", "brown", "dental", "36", "missing");
	assert_ok(family_antemortem_set(f->r, res->person, doc, &f->err), &f->err);
	json_decref(doc);
	unsigned char mine[sizeof(png) + 1];
	memcpy(mine, png, sizeof(png));
	mine[sizeof(png)] = (unsigned char)strlen(surname); /* a file of its own */
	assert_ok(family_photo_add(f->r, res->person, mine, sizeof(mine), 0, "front", NULL, &f->err), &f->err);
	if(closed) {
		assert_ok(fx_event(f, res->person, "capture", "2010-01-01", NULL), &f->err);
		assert_ok(fx_event(f, res->person, "released_otherwise", closed, NULL), &f->err);
	}
}

typedef struct seen {
	int inquiry, antemortem, photo;
} seen;

static pl_rc count_change(void *ctx, const retention_change *c)
{
	seen *s = ctx;
	s->inquiry += !strncmp(c->fields, "inquiry ", 8);
	s->antemortem += !strncmp(c->fields, "antemortem ", 11);
	s->photo += !strncmp(c->fields, "antemortem_photo ", 17);
	return PL_OK;
}

/* How many inquiries, the one with this uid, hold what `where` says. */
static long long of_inquiry(fixture *f, const char *uid, const char *where)
{
	char q[600];
	snprintf(q, sizeof(q), "SELECT count(*) FROM inquiry WHERE uid = '%s' AND %s", uid, where);
	return fx_scalar(f, q);
}

static void test_rules_reach_the_families_data(void **state)
{
	fixture *f = *state;
	inquiry_result old, recent;
	sought(f, "Давній", "Петро", "1991-06-02", "2012-05-01", &old);
	sought(f, "Недавній", "Ігор", "1985-01-20", "2025-05-01", &recent);
	char dir[4200];
	am_photo_dir(f->path, dir, sizeof(dir));
	assert_int_equal(tu_count_files(dir), 2);
	assert_ok(registry_retention_set(f->r, "contacts", NULL, 5, &f->err), &f->err);
	assert_ok(registry_retention_set(f->r, "identity", NULL, 5, &f->err), &f->err);
	long long audit = fx_scalar(f, "SELECT count(*) FROM audit");
	/* A dry run lists the four changes of the old case and keeps everything. */
	seen s = {0};
	size_t n;
	long swept;
	assert_ok(family_retention_run(f->r, true, count_change, &s, &n, &swept, &f->err), &f->err);
	assert_int_equal(s.inquiry, 2);     /* contacts, names */
	assert_int_equal(s.antemortem, 1);
	assert_int_equal(s.photo, 1);
	assert_int_equal(swept, 0);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM inquiry WHERE phone IS NOT NULL"), 2);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM antemortem_photo"), 2);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit"), audit);
	assert_int_equal(tu_count_files(dir), 2);
	/* The run: the old case's families' data gone, the recent one's kept. */
	seen r = {0};
	assert_ok(family_retention_run(f->r, false, count_change, &r, &n, &swept, &f->err), &f->err);
	assert_memory_equal(&r, &s, sizeof(s));
	assert_int_equal(swept, 1);
	assert_int_equal(tu_count_files(dir), 1);
	assert_int_equal(of_inquiry(f, old.uid, "phone IS NULL AND email IS NULL AND address IS NULL AND surname IS NULL"
	                                        " AND given_names IS NULL AND birth_date = '1991'"
	                                        " AND inquirer = 'Ганна Мельник'"), 1);
	assert_int_equal(of_inquiry(f, recent.uid, "phone IS NOT NULL AND surname = 'Недавній'"
	                                           " AND birth_date = '1985-01-20'"), 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM antemortem"), 1);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM antemortem_photo"), 1);
	json_t *am;
	assert_ok(family_antemortem_get(f->r, old.person, &am, &f->err), &f->err);
	assert_null(am);
	/* Audited by their fields, never the values. */
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE action = 'retention' AND entity IN"
	                              " ('inquiry', 'antemortem', 'antemortem_photo')"), 4);
	assert_int_equal(fx_scalar(f, "SELECT count(*) FROM audit WHERE after LIKE '%Садова%' AND action = 'retention'"), 0);
	fam_chain_intact(f);
	/* Nothing left to do: a second run changes nothing of the families'. */
	seen again = {0};
	assert_ok(family_retention_run(f->r, false, count_change, &again, &n, &swept, &f->err), &f->err);
	assert_int_equal(again.inquiry + again.antemortem + again.photo, 0);
	assert_int_equal(swept, 0);
}

int main(void)
{
	setenv("PARLEY_TODAY", "2025-11-01", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rules_reach_the_families_data, fam_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("family/retention", tests, NULL, NULL);
}
