/* DNA identification in the registry (src/dna/import.c, run.c, explain.c,
 * decide.c, withdraw.c): imports all or nothing, a screening's proposals,
 * the two people an identification needs, the person's events and the
 * audit entries a confirmation writes, rejections kept, remains of the
 * other side flagged for return, fragments joined, and a wrong
 * identification withdrawn by two people again. The
 * registry is filled from the simulator's files, as `parley dna simulate`
 * writes them. */
#include "dna/simulated.h"
#include "remains/fixture.h"

#include "auth/auth.h"
#include "dna/dna.h"

static char *path(fixture *f, const char *name)
{
	static char p[4][4096];
	static int i;
	i = (i + 1) % 4;
	return (char *)tu_path(p[i], sizeof(p[i]), f->dir, name);
}

/* The simulator's files for n missing and n remains, imported. */
static void filled(fixture *f, long n, uint64_t seed, double other_side, double fragments)
{
	kx_sim_files(f->dir, n, seed, "parents=2,two_siblings=1,self=1,father_sibling=1", other_side,
	             fragments, 0.05);
	const char *paths[] = {path(f, "persons.csv")};
	import_opts io = {.format = FORMAT_CSV};
	import_report ir;
	assert_ok(registry_import(f->r, paths, 1, &io, &ir, &f->err), &f->err);
	import_report_free(&ir);
	remains_import_report rr;
	assert_ok(remains_import(f->r, path(f, "cases.csv"), NULL, &rr, &f->err), &f->err);
	remains_import_report_free(&rr);
	static const struct {
		dna_import_kind kind;
		const char *file;
	} files[] = {{DNA_IMPORT_GENOTYPES, PARLEY_STR_DIR "/nist1036_genotypes.csv"},
	             {DNA_IMPORT_REFERENCES, "references.csv"}, {DNA_IMPORT_REMAINS, "remains.csv"}};
	for(size_t i = 0; i < 3; i++) {
		dna_import_report rep;
		const char *p = files[i].kind == DNA_IMPORT_GENOTYPES ? files[i].file : path(f, files[i].file);
		pl_rc rc = dna_import(f->r, files[i].kind, p, NULL, &rep, &f->err);
		if(rc)
			fail_msg("%s: %s\n%s", p, f->err.msg, buf_str(&rep.errors));
		dna_import_report_free(&rep);
	}
}

/* The first proposal of a kind and status by posterior (NULL if none). */
static const dna_proposal *first(fixture *f, const char *status, const char *kind)
{
	dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
	q.status = status;
	q.limit = 1000;
	dna_proposal *p;
	size_t n, total;
	assert_ok(dna_proposals_list(f->r, &q, &f->a, &p, &n, &total, &f->err), &f->err);
	for(size_t i = 0; i < n; i++)
		if(!strcmp(p[i].kind, kind))
			return &p[i];
	return NULL;
}

/* Two users with dna_write (alice, bob), an admin (carol) and one with
 * both roles (dave), as parley's users; decisions are made as them. */
static void users(fixture *f)
{
	static const struct {
		const char *name;
		role_set roles;
	} u[] = {{"alice", 1u << ROLE_IDENTIFICATION}, {"bob", 1u << ROLE_IDENTIFICATION},
	         {"carol", 1u << ROLE_ADMIN}, {"dave", 1u << ROLE_ADMIN | 1u << ROLE_IDENTIFICATION}};
	for(size_t i = 0; i < 4; i++)
		assert_ok(auth_user_add(f->r, u[i].name, NULL, u[i].roles, "a long password 1", "tester", &f->err),
		          &f->err);
}

static void as(fixture *f, const char *who)
{
	assert_int_equal(store_set_actor(f->r, who), PL_OK);
}

/* Reviewed by alice, confirmed by bob. */
static void two_people(fixture *f, const char *tag, const char *other, bool force, dna_decision *d)
{
	as(f, "alice");
	assert_ok(dna_review(f->r, tag, other, "genotypes read again, references checked", d, &f->err), &f->err);
	as(f, "bob");
	assert_ok(dna_confirm(f->r, tag, other, NULL, force, d, &f->err), &f->err);
	as(f, "tester");
}

/* ---- imports --------------------------------------------------------------------- */

static void test_imports_are_all_or_nothing(void **state)
{
	fixture *f = *state;
	filled(f, 20, 3, 0, 0);
	long long profiles = rx_scalar(f, "SELECT count(*) FROM dna_profile");
	assert_true(profiles > 20);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_locus"), 29);
	/* again: nothing changes */
	dna_import_report rep;
	assert_ok(dna_import(f->r, DNA_IMPORT_REFERENCES, path(f, "references.csv"), NULL, &rep, &f->err), &f->err);
	assert_int_equal(rep.created + rep.updated, 0);
	assert_true(rep.unchanged > 0);
	dna_import_report_free(&rep);
	assert_ok(dna_import(f->r, DNA_IMPORT_GENOTYPES, PARLEY_STR_DIR "/nist1036_genotypes.csv", NULL,
	                     &rep, &f->err), &f->err);
	assert_true(rep.unchanged > 0 && rep.created == 0);
	dna_import_report_free(&rep);
	/* a file with problems writes nothing, and says where each is */
	long long audit = rx_scalar(f, "SELECT count(*) FROM audit");
	tu_write(path(f, "bad.csv"), "case,TH01.1,TH01.2\nSIM-3-00001,7,9.3\nNOPE,7,8\nSIM-3-00002,x,8\n"
	                             "SIM-3-00001,6,6\n");
	assert_int_equal(dna_import(f->r, DNA_IMPORT_REMAINS, path(f, "bad.csv"), NULL, &rep, &f->err), PL_EINPUT);
	const char *e = buf_str(&rep.errors);
	assert_contains(e, "bad.csv:3: column 'case': no remains case tagged 'NOPE'");
	assert_contains(e, "bad.csv:4: column 'TH01.1': expected a number of repeats");
	assert_contains(e, "bad.csv:5: column 'case': SIM-3-00001 is given again (first on line 2): one profile a case");
	assert_contains(f->err.msg, "nothing was imported");
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit"), audit);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_profile"), profiles);
	/* a good one replaces a case's profile, audited with before and after */
	tu_write(path(f, "one.csv"), "case,TH01.1,TH01.2,vWA.1,vWA.2,failed\nSIM-3-00001,9.3,7,,,vWA\n");
	assert_ok(dna_import(f->r, DNA_IMPORT_REMAINS, path(f, "one.csv"), NULL, &rep, &f->err), &f->err);
	assert_int_equal(rep.updated, 1);
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_allele a JOIN dna_profile p ON p.id = a.profile_id"
	                           " JOIN remains_case c ON c.id = p.case_id WHERE c.tag = 'SIM-3-00001'"), 2);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_allele a JOIN dna_profile p ON p.id = a.profile_id"
	                           " JOIN remains_case c ON c.id = p.case_id WHERE c.tag = 'SIM-3-00001' AND"
	                           " a.allele1 = '7' AND a.allele2 = '9.3'"), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_profile' AND action = 'update'"
	                           " AND before IS NOT NULL"), 1);
	/* a family that cannot be a pedigree */
	person p = fx_person("Ткаченко", "Петро", "1990");
	fx_add(f, &p);
	char text[512];
	snprintf(text, sizeof(text), "sample,person,relationship,TH01.1,TH01.2\nX1,%s,father,7,8\nX2,%s,father,7,9\n"
	         "X3,P00000000000000ZZ,mother,7,7\n", p.uid, p.uid);
	tu_write(path(f, "fathers.csv"), text);
	assert_int_equal(dna_import(f->r, DNA_IMPORT_REFERENCES, path(f, "fathers.csv"), NULL, &rep, &f->err),
	                 PL_EINPUT);
	assert_contains(buf_str(&rep.errors), "fathers.csv:4: column 'person': no person with id P00000000000000ZZ");
	assert_contains(buf_str(&rep.errors), "fathers.csv:3: column 'relationship': the relatives of");
	assert_contains(buf_str(&rep.errors), "would have more than one father");
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_relative r JOIN person x ON x.id = r.person_id"
	                           " WHERE x.uid = '%s'", p.uid), 0);
	rx_chain_intact(f);
}

static void test_screening_needs_frequencies(void **state)
{
	fixture *f = *state;
	dna_params prm = DNA_PARAMS_INIT;
	dna_screen_summary s;
	assert_int_equal(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), PL_ENOTFOUND);
	assert_contains(f->err.msg, "no allele frequencies in the registry");
	dna_screen_summary_free(&s);
	tu_write(path(f, "f.csv"), "locus,allele,frequency\nTH01,9.3,0.3\nTH01,7,0.2\nvWA,14,0.1\n");
	dna_import_report rep;
	dna_import_opts o = {.people = 100};
	assert_ok(dna_import(f->r, DNA_IMPORT_FREQUENCIES, path(f, "f.csv"), &o, &rep, &f->err), &f->err);
	assert_int_equal(rep.loci, 2);
	assert_int_equal(rep.alleles, 3);
	dna_import_report_free(&rep);
	dna_freqs fq;
	dna_freqs_init(&fq);
	assert_ok(dna_frequencies_load(f->r, &fq, &f->err), &f->err);
	assert_true(fabs(dna_freqs_locus(&fq, "th01")->floor - 0.025) < 1e-15);
	dna_freqs_free(&fq);
	assert_int_equal(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), PL_ENOTFOUND);
	assert_contains(f->err.msg, "no remains profiles to screen");
	dna_screen_summary_free(&s);
}

/* ---- screening and decisions ---------------------------------------------------------- */

static void test_confirm_records_the_person_and_the_audit(void **state)
{
	fixture *f = *state;
	filled(f, 40, 11, 0, 0);
	dna_params prm = DNA_PARAMS_INIT;
	prm.threads = 2;
	dna_screen_summary s;
	FILE *out = fopen(path(f, "report.md"), "w");
	assert_ok(dna_screen_run(f->r, NULL, &prm, out, &s, &f->err), &f->err);
	fclose(out);
	assert_true(s.proposals >= 30);
	assert_int_equal(s.missing, 40);
	assert_true(fabs(s.lr_proposal - 999 * 39) < 1e-6);
	dna_screen_summary_free(&s);
	const dna_proposal *p = first(f, "proposed", "kinship");
	assert_non_null(p);
	/* the truth agrees */
	char tag[64], who[UID_SIZE];
	snprintf(tag, sizeof(tag), "%s", p->case_tag);
	snprintf(who, sizeof(who), "%s", p->person);
	/* explain gives the stored LR */
	dna_explanation e;
	assert_ok(dna_explain(f->r, tag, who, &f->a, &e, &f->err), &f->err);
	assert_true(fabs(e.log10_lr - p->log10_lr) < 1e-3);
	assert_int_equal(e.nloci, 29);
	assert_non_null(e.proposal);
	long long events = rx_scalar(f, "SELECT count(*) FROM event");
	dna_decision d;
	/* one person cannot: it must be reviewed, then confirmed by another */
	assert_int_equal(dna_confirm(f->r, tag, who, NULL, false, &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "not reviewed");
	assert_int_equal(dna_review(f->r, tag, who, "", &d, &f->err), PL_EINPUT);
	as(f, "alice");
	assert_ok(dna_review(f->r, tag, who, "reviewed by the officer", &d, &f->err), &f->err);
	assert_string_equal(d.status, "reviewed");
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM event"), events);
	assert_int_equal(dna_review(f->r, tag, who, "again", &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "awaits confirmation by another person");
	assert_int_equal(dna_confirm(f->r, tag, who, NULL, false, &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "alice reviewed the proposal");
	assert_string_not_equal(fx_status(f, who), "identified");
	as(f, "tester");
	assert_ok(dna_confirm(f->r, tag, who, "seen the evidence", false, &d, &f->err), &f->err);
	assert_string_equal(d.action, "identify");
	assert_int_equal(d.remains.after, RS_CONFIRMED);
	assert_int_equal(d.remains.events_added, 2);
	assert_string_equal(fx_status(f, who), "identified");
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM event"), events + 2);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM event e JOIN person x ON x.id = e.person_id WHERE"
	                           " x.uid = '%s' AND e.type = 'remains_returned' AND e.date = '2025-06-11'", who), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_proposal' AND action = 'review'"
	                           " AND actor = 'alice' AND after LIKE '%%reviewed by the officer%%'"), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_proposal' AND action = 'confirm'"
	                           " AND actor = 'tester' AND after LIKE '%%\"reviewed_by\":\"alice\"%%'"), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal WHERE status = 'confirmed' AND"
	                           " decided_by = 'tester' AND reviewed_by = 'alice' AND review_note ="
	                           " 'reviewed by the officer' AND action = 'identify'"), 1);
	/* decided: not again */
	assert_int_equal(dna_confirm(f->r, tag, who, NULL, false, &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "was confirmed by tester");
	/* a rejection is kept, and the next screening does not propose either again */
	const dna_proposal *q = first(f, "proposed", "kinship");
	assert_non_null(q);
	char tag2[64], who2[UID_SIZE];
	snprintf(tag2, sizeof(tag2), "%s", q->case_tag);
	snprintf(who2, sizeof(who2), "%s", q->person);
	assert_ok(dna_reject(f->r, tag2, who2, "another relative is not who they say", &d, &f->err), &f->err);
	assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), &f->err);
	assert_true(s.decided >= 1);
	dna_screen_summary_free(&s);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal p JOIN remains_case c ON c.id = p.case_id"
	                           " WHERE c.tag = '%s' AND p.status = 'confirmed'", tag), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal p JOIN remains_case c ON c.id = p.case_id"
	                           " WHERE c.tag = '%s' AND p.status = 'rejected'", tag2), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_run"), 2);
	/* a candidate below the threshold needs --force, and two people still */
	const dna_proposal *c = first(f, "candidate", "kinship");
	if(c) {
		char ct[64], cp[UID_SIZE];
		snprintf(ct, sizeof(ct), "%s", c->case_tag);
		snprintf(cp, sizeof(cp), "%s", c->person);
		as(f, "alice");
		assert_ok(dna_review(f->r, ct, cp, "weak, but the dental record agrees", &d, &f->err), &f->err);
		assert_int_equal(dna_confirm(f->r, ct, cp, NULL, true, &d, &f->err), PL_ECONFLICT);
		assert_contains(f->err.msg, "alice reviewed");
		as(f, "bob");
		assert_int_equal(dna_confirm(f->r, ct, cp, NULL, false, &d, &f->err), PL_ECONFLICT);
		assert_contains(f->err.msg, "below the threshold");
		as(f, "tester");
		assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal WHERE status = 'reviewed' AND"
		                           " reviewed_from = 'candidate'"), 1);
		/* a screening keeps what was reviewed */
		assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), &f->err);
		dna_screen_summary_free(&s);
		assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal WHERE status = 'reviewed' AND"
		                           " reviewed_by = 'alice'"), 1);
	}
	assert_int_equal(dna_confirm(f->r, tag, "P0000000000000000", NULL, false, &d, &f->err), PL_ENOTFOUND);
	rx_chain_intact(f);
}

/* The events of a person, as "type date" lines in order. */
static const char *history(fixture *f, const char *uid)
{
	person p;
	event *ev;
	size_t n;
	assert_ok(registry_person_get(f->r, uid, &f->a, &p, &f->err), &f->err);
	assert_ok(registry_person_events(f->r, p.id, &f->a, &ev, &n, &f->err), &f->err);
	buf b;
	buf_init(&b, 0);
	for(size_t i = 0; i < n; i++)
		assert_ok(buf_printf(&b, "%s %s %s>%s\n", ev[i].f[EF_TYPE], ev[i].f[EF_DATE], lifecycle_status_name(ev[i].before),
		                     lifecycle_status_name(ev[i].after)), &f->err);
	const char *out = arena_strdup(&f->a, buf_str(&b));
	buf_free(&b);
	return out;
}

static void test_a_wrong_identification_is_withdrawn_by_two_people(void **state)
{
	fixture *f = *state;
	filled(f, 40, 11, 0, 0);
	users(f);
	dna_params prm = DNA_PARAMS_INIT;
	dna_screen_summary s;
	assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), &f->err);
	dna_screen_summary_free(&s);
	const dna_proposal *p = first(f, "proposed", "kinship");
	assert_non_null(p);
	char tag[64], who[UID_SIZE];
	snprintf(tag, sizeof(tag), "%s", p->case_tag);
	snprintf(who, sizeof(who), "%s", p->person);
	const char *status0 = arena_strdup(&f->a, fx_status(f, who)), *before = history(f, who);
	long long events = rx_scalar(f, "SELECT count(*) FROM event");
	assert_ok(remains_custody_add(f->r, tag, "the Kyiv morgue", "2025-06-12", NULL, &f->err), &f->err);
	dna_decision d;
	two_people(f, tag, who, false, &d);
	assert_string_equal(fx_status(f, who), "identified");
	assert_string_equal(rx_status(f, tag), "confirmed");
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM event"), events + 2);

	/* nothing to approve yet; a request needs a reason and an admin or dna_write */
	as(f, "carol");
	assert_int_equal(dna_withdraw_approve(f->r, tag, who, DNA_AS_ADMIN, &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "nobody has requested");
	assert_int_equal(dna_withdraw_request(f->r, tag, who, NULL, DNA_AS_ADMIN, &d, &f->err), PL_EINPUT);
	assert_int_equal(dna_withdraw_request(f->r, tag, who, "mixed up", 0, &d, &f->err), PL_ECONFLICT);
	assert_ok(dna_withdraw_request(f->r, tag, who, "the reference sample was the neighbour's", DNA_AS_ADMIN,
	                               &d, &f->err), &f->err);
	assert_string_equal(rx_status(f, tag), "confirmed"); /* a request changes nothing yet */
	assert_int_equal(dna_withdraw_request(f->r, tag, who, "again", DNA_AS_ADMIN, &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "awaits approval");
	/* not by the requester, and not by a second admin */
	assert_int_equal(dna_withdraw_approve(f->r, tag, who, DNA_AS_ADMIN | DNA_AS_IDENTIFICATION, &d, &f->err),
	                 PL_ECONFLICT);
	assert_contains(f->err.msg, "another person approves it");
	as(f, "dave");
	assert_int_equal(dna_withdraw_approve(f->r, tag, who, DNA_AS_ADMIN, &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "dna_write");

	/* the remains were handed on after the identification: refused until they are back */
	char today[DATE_STR_MAX];
	date_format(date_today(), today);
	assert_ok(remains_custody_add(f->r, tag, "the family, for burial", today, NULL, &f->err), &f->err);
	as(f, "alice");
	assert_int_equal(dna_withdraw_approve(f->r, tag, who, DNA_AS_IDENTIFICATION, &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "has been with the family, for burial since");
	assert_string_equal(rx_status(f, tag), "confirmed");
	assert_string_equal(fx_status(f, who), "identified");
	assert_contains(f->err.msg, "bring them back to the Kyiv morgue");
	assert_ok(remains_custody_add(f->r, tag, "the Kyiv morgue", today, NULL, &f->err), &f->err);
	assert_ok(dna_withdraw_approve(f->r, tag, who, DNA_AS_IDENTIFICATION, &d, &f->err), &f->err);
	assert_string_equal(d.status, "withdrawn");
	assert_int_equal(d.remains.events_voided, 2);

	/* the case and the person are back where they were */
	assert_string_equal(rx_status(f, tag), "unidentified");
	assert_string_equal(fx_status(f, who), status0);
	assert_string_equal(history(f, who), before);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM event"), events);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal WHERE status = 'withdrawn' AND withdrawn_by ="
	                           " 'alice' AND withdraw_by = 'carol' AND withdraw_reason LIKE '%%neighbour%%'"), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'event' AND action = 'void' AND"
	                           " actor = 'alice' AND entity_uid = '%s' AND after LIKE '%%neighbour%%'", who), 2);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'remains_case' AND action ="
	                           " 'unidentify' AND actor = 'alice'"), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity = 'dna_proposal' AND action IN"
	                           " ('withdraw_request', 'withdraw')"), 2);
	/* kept, not decided again, not proposed again; the case is screened again */
	as(f, "alice");
	assert_int_equal(dna_review(f->r, tag, who, "look again", &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "was withdrawn by alice");
	as(f, "tester");
	assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), &f->err);
	dna_screen_summary_free(&s);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal p JOIN remains_case c ON c.id = p.case_id"
	                           " WHERE c.tag = '%s' AND p.status = 'withdrawn'", tag), 1);
	rx_chain_intact(f);
}

static void test_the_other_sides_remains_go_back(void **state)
{
	fixture *f = *state;
	filled(f, 40, 12, 0.3, 0);
	dna_params prm = DNA_PARAMS_INIT;
	dna_screen_summary s;
	assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), &f->err);
	dna_screen_summary_free(&s);
	dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
	q.status = "proposed";
	q.limit = 1000;
	dna_proposal *p;
	size_t n, total;
	assert_ok(dna_proposals_list(f->r, &q, &f->a, &p, &n, &total, &f->err), &f->err);
	size_t i = 0;
	while(i < n && (strcmp(p[i].kind, "kinship") ||
	                rx_scalar(f, "SELECT count(*) FROM person WHERE uid = '%s' AND party = 'RU'", p[i].person) == 0))
		i++;
	assert_true(i < n);
	dna_decision d;
	users(f);
	two_people(f, p[i].case_tag, p[i].person, false, &d);
	assert_string_equal(d.action, "return");
	assert_int_equal(d.remains.after, RS_PRELIMINARY);
	assert_contains(d.note, "flagged for return");
	remains_result res;
	assert_ok(remains_return(f->r, p[i].case_tag, "RU", "2025-07-01", NULL, &res, &f->err), &f->err);
	assert_int_equal(res.after, RS_RETURNED);
	/* sent back: the identification can no longer be withdrawn here */
	as(f, "carol");
	assert_ok(dna_withdraw_request(f->r, p[i].case_tag, p[i].person, "wrong reference sample",
	                               DNA_AS_ADMIN, &d, &f->err), &f->err);
	as(f, "bob");
	assert_int_equal(dna_withdraw_approve(f->r, p[i].case_tag, p[i].person, DNA_AS_IDENTIFICATION, &d, &f->err),
	                 PL_ECONFLICT);
	assert_contains(f->err.msg, "returned to the other side");
	assert_string_equal(rx_status(f, p[i].case_tag), "returned");
	rx_chain_intact(f);
}

static void test_two_cases_of_one_person_are_joined(void **state)
{
	fixture *f = *state;
	filled(f, 40, 13, 0, 0.15);
	dna_params prm = DNA_PARAMS_INIT;
	dna_screen_summary s;
	assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), &f->err);
	assert_true(s.same_person >= 1);
	dna_screen_summary_free(&s);
	const dna_proposal *j = first(f, "proposed", "identity");
	assert_non_null(j);
	char a[64], b[64];
	snprintf(a, sizeof(a), "%s", j->case_tag);
	snprintf(b, sizeof(b), "%s", j->other_case);
	/* confirm one as its person first (if it is proposed), then join */
	dna_proposal_query q = DNA_PROPOSAL_QUERY_INIT;
	q.case_tag = a;
	q.status = "proposed";
	dna_proposal *p;
	size_t n, total;
	assert_ok(dna_proposals_list(f->r, &q, &f->a, &p, &n, &total, &f->err), &f->err);
	dna_decision d;
	const char *who = NULL;
	users(f);
	for(size_t i = 0; i < n && !who; i++)
		if(!strcmp(p[i].kind, "kinship")) {
			who = p[i].person;
			two_people(f, a, who, false, &d);
		}
	two_people(f, b, a, false, &d);
	assert_string_equal(d.action, "join");
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_fragment WHERE label LIKE 'DNA %%'"), 2);
	if(who) {
		remains_case_detail cd;
		assert_ok(remains_case_get(f->r, b, &f->a, &cd, &f->err), &f->err);
		assert_int_equal(cd.c.status, RS_CONFIRMED);
		assert_string_equal(cd.c.person, who);
		assert_true(cd.nrelated >= 1);
	}
	/* withdrawn: the fragments go, and the case the join confirmed is unidentified again */
	as(f, "dave");
	assert_ok(dna_withdraw_request(f->r, b, a, "the two bags were mislabelled", DNA_AS_ADMIN, &d, &f->err), &f->err);
	as(f, "alice");
	assert_ok(dna_withdraw_approve(f->r, b, a, DNA_AS_IDENTIFICATION, &d, &f->err), &f->err);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM remains_fragment WHERE label LIKE 'DNA %%'"), 0);
	if(who) {
		assert_string_equal(rx_status(f, b), "unidentified");
		assert_string_equal(rx_status(f, a), "confirmed");
		assert_string_equal(fx_status(f, who), "identified");
	}
	as(f, "tester");
	rx_chain_intact(f);
}

/* A references file naming a sample twice: for two missing persons with
 * the same profile it is one relative of both; for the same person, or
 * with other alleles, it is refused naming both lines. The first used to
 * be accepted, the last row winning, and "updated" on every import (the
 * fuzz_dna_csv abort, fuzz/corpus/fuzz_dna_csv/same_sample_same_person.csv). */
static void test_a_sample_given_twice(void **state)
{
	fixture *f = *state;
	person a = fx_person("Ткаченко", "Петро", "1990"), b = fx_person("Ткаченко", "Іван", "1994");
	fx_add(f, &a);
	fx_add(f, &b);
	tu_write(path(f, "fr.csv"), "locus,allele,frequency\nTH01,6,0.2\nTH01,7,0.3\nTH01,9.3,0.3\n");
	dna_import_report rep;
	assert_ok(dna_import(f->r, DNA_IMPORT_FREQUENCIES, path(f, "fr.csv"), NULL, &rep, &f->err), &f->err);
	dna_import_report_free(&rep);
	char text[512];
	snprintf(text, sizeof(text), "sample,person,relationship,TH01.1,TH01.2\nR1,%s,father,6,7\n"
	         "R1,%s,grandparent,6,7\n", a.uid, a.uid);
	tu_write(path(f, "twice.csv"), text);
	assert_int_equal(dna_import(f->r, DNA_IMPORT_REFERENCES, path(f, "twice.csv"), NULL, &rep, &f->err),
	                 PL_EINPUT);
	assert_contains(buf_str(&rep.errors), "twice.csv:3: column 'sample': R1 is given again (first on line 2)"
	                " for the same missing person");
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_profile"), 0);
	snprintf(text, sizeof(text), "sample,person,relationship,TH01.1,TH01.2,sex\nR1,%s,father,6,7,male\n"
	         "R1,%s,uncle,7,9.3,male\nR2,%s,child,6,7,male\nR2,%s,cousin,6,7,female\n", a.uid, b.uid, a.uid,
	         b.uid);
	tu_write(path(f, "other.csv"), text);
	assert_int_equal(dna_import(f->r, DNA_IMPORT_REFERENCES, path(f, "other.csv"), NULL, &rep, &f->err),
	                 PL_EINPUT);
	assert_contains(buf_str(&rep.errors), "other.csv:3: column 'sample': R1 is given again (first on line 2)"
	                " with other alleles or failed loci");
	assert_contains(buf_str(&rep.errors), "other.csv:5: column 'sample': R2 is given again (first on line 4)"
	                " with another sex or amelogenin");
	dna_import_report_free(&rep);
	/* a relative of two missing persons: one profile, two relations, and again nothing changes */
	snprintf(text, sizeof(text), "sample,person,relationship,TH01.1,TH01.2\nR1,%s,father,6,7\n"
	         "R1,%s,uncle,7,6\n", a.uid, b.uid);
	tu_write(path(f, "both.csv"), text);
	assert_ok(dna_import(f->r, DNA_IMPORT_REFERENCES, path(f, "both.csv"), NULL, &rep, &f->err), &f->err);
	assert_int_equal(rep.created, 1);
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_profile"), 1);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_relative"), 2);
	long long audit = rx_scalar(f, "SELECT count(*) FROM audit WHERE entity IN ('dna_profile', 'dna_relative')");
	assert_ok(dna_import(f->r, DNA_IMPORT_REFERENCES, path(f, "both.csv"), NULL, &rep, &f->err), &f->err);
	assert_int_equal(rep.created + rep.updated, 0);
	assert_int_equal(rep.unchanged, 2);
	dna_import_report_free(&rep);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM audit WHERE entity IN ('dna_profile', 'dna_relative')"), audit);
	rx_chain_intact(f);
}

static void exec(fixture *f, const char *sql)
{
	assert_int_equal(sqlite3_exec(store_db(f->r), sql, NULL, NULL, NULL), SQLITE_OK);
}

/* Remains of one sex are never proposed as a missing person of the other:
 * the pair leaves the screening, is counted, explain says why, and a
 * proposal stored before cannot be confirmed. */
static void test_sex_conflicts_are_never_proposed(void **state)
{
	fixture *f = *state;
	filled(f, 40, 11, 0, 0);
	dna_params prm = DNA_PARAMS_INIT;
	prm.threads = 2;
	dna_screen_summary s;
	assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), &f->err);
	assert_int_equal(s.sex_excluded, 0);
	dna_screen_summary_free(&s);
	const dna_proposal *p = first(f, "proposed", "kinship");
	assert_non_null(p);
	char tag[64], who[UID_SIZE], sql[512];
	snprintf(tag, sizeof(tag), "%s", p->case_tag);
	snprintf(who, sizeof(who), "%s", p->person);
	/* the laboratory says the remains are female; the registry, the person male */
	snprintf(sql, sizeof(sql), "UPDATE person SET sex = 'male' WHERE uid = '%s'; UPDATE dna_profile SET"
	         " sex = 'female', amelogenin = 'X,X' WHERE case_id = (SELECT id FROM remains_case WHERE"
	         " tag = '%s')", who, tag);
	exec(f, sql);
	dna_decision d;
	assert_int_equal(dna_confirm(f->r, tag, who, NULL, false, &d, &f->err), PL_ECONFLICT);
	assert_contains(f->err.msg, "is female and missing person");
	assert_contains(f->err.msg, "is male: a pair of different sexes is not confirmed");
	FILE *out = fopen(path(f, "report.md"), "w");
	assert_ok(dna_screen_run(f->r, NULL, &prm, out, &s, &f->err), &f->err);
	fclose(out);
	assert_true(s.sex_excluded >= 1);
	assert_true(s.sex_pairs >= 1);
	dna_screen_summary_free(&s);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal pr JOIN remains_case c ON"
	                           " c.id = pr.case_id JOIN person x ON x.id = pr.person_id WHERE"
	                           " c.tag = '%s' AND x.uid = '%s'", tag, who), 0);
	dna_explanation e;
	assert_ok(dna_explain(f->r, tag, who, &f->a, &e, &f->err), &f->err);
	assert_true(e.sex_conflict);
	assert_string_equal(e.remains_sex, "female");
	assert_string_equal(e.amelogenin, "X,X");
	assert_string_equal(e.other_sex, "male");
	assert_null(e.proposal);
	assert_true(e.log10_lr > 6); /* the evidence is shown, and why it does not count */
	/* unknown on either side never conflicts */
	snprintf(sql, sizeof(sql), "UPDATE dna_profile SET sex = NULL WHERE case_id = (SELECT id FROM"
	         " remains_case WHERE tag = '%s')", tag);
	exec(f, sql);
	assert_ok(dna_screen_run(f->r, NULL, &prm, NULL, &s, &f->err), &f->err);
	assert_int_equal(s.sex_excluded, 0);
	dna_screen_summary_free(&s);
	assert_int_equal(rx_scalar(f, "SELECT count(*) FROM dna_proposal pr JOIN remains_case c ON"
	                           " c.id = pr.case_id JOIN person x ON x.id = pr.person_id WHERE"
	                           " c.tag = '%s' AND x.uid = '%s'", tag, who), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_imports_are_all_or_nothing, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_screening_needs_frequencies, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_confirm_records_the_person_and_the_audit, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_wrong_identification_is_withdrawn_by_two_people, fixture_setup,
		                                fixture_teardown),
		cmocka_unit_test_setup_teardown(test_the_other_sides_remains_go_back, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_two_cases_of_one_person_are_joined, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_a_sample_given_twice, fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_sex_conflicts_are_never_proposed, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests_name("dna/workflow", tests, NULL, NULL);
}
