/* The role matrix, cell by cell: deny by default, and exactly the
 * permissions the issue gives each role. */
#include "testutil.h"

#include "auth/auth.h"

/* Who may do what, written out by hand (not derived from roles.c): a
 * change to the matrix must change this table too. Columns are the
 * permissions in enum order: person_read, medical_read, person_write,
 * medical_write, import, export, stats, audit_read, users, reconcile,
 * decide, agreement_read, agreement_write, stage_read, aftercare_read,
 * remains_read, remains_write, dna_read, dna_write, sign, keys,
 * inquiry_read, inquiry_write, inquiry_contacts, antemortem_read,
 * antemortem_write, testimony_read, testimony_write, office. */
static const struct {
	role r;
	const char *cells;
} expected[] = {
	{ROLE_ADMIN,          "yy....y.y..y.yyy.y..yy.yy.y.y"},
	{ROLE_REGISTRAR,      "y.y.yyy..yyy.yy......y....yy."},
	{ROLE_MEDICAL,        "yy.yy.y.......y.............."},
	{ROLE_NEGOTIATOR,     "y.....y..yyyyyy....y......y.."},
	{ROLE_IDENTIFICATION, "y.....y........yyyy.....y...."},
	{ROLE_AUDITOR,        "yy...yyy.y.y.yyy.y...y....y.."},
	{ROLE_MEDIATOR,       ".............y.....y........."},
	{ROLE_FAMILY_LIAISON, "y....................yyyyyyy."},
};

static void matrix_cell_by_cell(void **state)
{
	(void)state;
	report rep = {0};
	int cells = 0;
	assert_int_equal(sizeof(expected) / sizeof(expected[0]), ROLE_COUNT);
	for(size_t i = 0; i < ROLE_COUNT; i++) {
		assert_int_equal(strlen(expected[i].cells), PERM_COUNT);
		for(int p = 0; p < PERM_COUNT; p++, cells++) {
			bool want = expected[i].cells[p] == 'y';
			bool got = auth_can(1u << expected[i].r, (perm)p);
			if(want != got)
				report_add(&rep, "%s %s: expected %s, got %s\n", role_names[expected[i].r],
				           perm_names[p], want ? "allowed" : "denied", got ? "allowed" : "denied");
		}
	}
	report_check(&rep, cells);
}

static void no_roles_no_rights(void **state)
{
	(void)state;
	for(int p = 0; p < PERM_COUNT; p++)
		assert_false(auth_can(0, (perm)p));
	/* Out of range is denied, not undefined. */
	assert_false(auth_can((1u << ROLE_COUNT) - 1, PERM_COUNT));
	assert_false(auth_can((1u << ROLE_COUNT) - 1, (perm)-1));
	/* Roles add up: registrar + medical may write both kinds. */
	role_set both = (1u << ROLE_REGISTRAR) | (1u << ROLE_MEDICAL);
	assert_true(auth_can(both, PERM_PERSON_WRITE));
	assert_true(auth_can(both, PERM_MEDICAL_WRITE));
	assert_false(auth_can(both, PERM_AUDIT_READ));
}

static void roles_parse_and_text(void **state)
{
	(void)state;
	role_set r;
	const char *bad;
	size_t badlen;
	assert_true(auth_roles_parse("registrar, medical", &r, &bad, &badlen));
	assert_int_equal(r, (1u << ROLE_REGISTRAR) | (1u << ROLE_MEDICAL));
	char text[128];
	auth_roles_text(r, text, sizeof(text));
	assert_string_equal(text, "registrar,medical");
	assert_false(auth_roles_parse("registrar,medic", &r, &bad, &badlen));
	assert_int_equal(badlen, 5);
	assert_memory_equal(bad, "medic", 5);
	assert_false(auth_roles_parse("", &r, &bad, &badlen));
	assert_false(auth_roles_parse("admin,,auditor", &r, &bad, &badlen));
	assert_false(auth_roles_parse("Admin", &r, &bad, &badlen));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matrix_cell_by_cell),
		cmocka_unit_test(no_roles_no_rights),
		cmocka_unit_test(roles_parse_and_text),
	};
	return cmocka_run_group_tests_name("auth/roles", tests, NULL, NULL);
}
