# parley dna: simulate, import, frequencies, screen, proposals, explain, review, confirm,
# reject, withdraw.

dna_db() {
	"$PARLEY" init demo.db >/dev/null
	export PARLEY_DB=demo.db
}

NIST="$HERE/../../data/str/nist1036_genotypes.csv"

test_dna_help() {
	for cmd in import frequencies screen proposals explain review confirm reject withdraw simulate advice; do
		p dna "$cmd" --help; expect_status 0
		expect_out "usage: parley dna $cmd"
	done
	p dna; expect_status 2
	p dna frobnicate; expect_status 2
	expect_err "unknown command 'frobnicate'"
}

test_dna_simulate_is_seeded() {
	p dna simulate --missing 30 --remains 25 --seed 4 --dir a; expect_status 0
	expect_out "30 missing persons with"
	"$PARLEY" dna simulate --missing 30 --remains 25 --seed 4 --dir b >/dev/null
	for f in persons cases remains references truth; do
		cmp "a/$f.csv" "b/$f.csv" || fail "$f.csv differs for the same seed"
	done
	head -1 a/remains.csv | grep -q '^case,sample,degraded,failed,CSF1PO.1,CSF1PO.2,' || fail "remains header"
	grep -q ',9.3,' a/references.csv || fail "no microvariant 9.3 kept"
	p dna simulate --missing 3; expect_status 2
	p dna simulate --missing 3 --remains 3 --dir c --kinds parents=1,neighbour=2; expect_status 2
	expect_err "unknown pedigree kind"
}

test_dna_screen_confirm_and_the_person() {
	dna_db
	"$PARLEY" dna simulate --missing 60 --remains 60 --seed 2 --dir sim --kinds parents=2,self=1,two_siblings=1 >/dev/null
	"$PARLEY" import --quiet sim/persons.csv
	"$PARLEY" remains import --quiet sim/cases.csv
	p dna screen; expect_status 1
	expect_err "no allele frequencies in the registry"
	p dna frequencies --from "$NIST"; expect_status 0
	expect_out "read 1,036 rows: 29 loci"
	p dna frequencies; expect_status 0
	expect_out "TH01"
	p dna import references sim/references.csv; expect_status 0
	expect_out "profiles created"
	p dna import remains sim/remains.csv; expect_status 0
	expect_out "imported 60 rows: 60 profiles created"
	p dna import remains sim/remains.csv; expect_status 0
	expect_out "0 profiles created, 0 updated, 60 unchanged"
	p dna screen --report report.md --threads 2; expect_status 0
	expect_out "prior 1/60 (the missing persons)"
	expect_out "proposals"
	expect_out " of 60 families scored by the likelihood engine directly (every LR exact)"
	grep -q " of 60 families were scored by the likelihood engine directly" report.md || fail "report: families exact"
	grep -q "with a prior of one over the number of missing persons (N = 60)" report.md || fail "report: the prior"
	grep -q "^| case | person | relatives | LR | GLR | pairing | none | posterior | loci | inconsistent |" report.md || fail "report: table"
	expect_out "pairing probabilities: "
	grep -q "^- Pairing probabilities: [0-9]* groups enumerated exactly" report.md || fail "report: pairing note"
	# every kinship pair has its pairing probability or bounds on it, identity pairs neither
	[ "$(sql "SELECT count(*) FROM dna_proposal WHERE kind = 'kinship' AND pairing_lo IS NULL")" = 0 ] ||
		fail "a kinship proposal without its pairing probability"
	[ "$(sql "SELECT count(*) FROM dna_proposal WHERE kind = 'kinship' AND (pairing_lo > pairing_hi OR
		pairing IS NOT NULL AND (pairing != pairing_lo OR pairing != pairing_hi))")" = 0 ] ||
		fail "pairing bounds that do not hold the pairing probability"
	[ "$(sql "SELECT count(*) FROM dna_proposal WHERE kind = 'identity' AND pairing_lo IS NOT NULL")" = 0 ] ||
		fail "an identity pair with a pairing probability"
	[ "$(sql "SELECT count(*) FROM dna_proposal WHERE kind = 'kinship' AND pairing IS NOT NULL")" -gt 0 ] ||
		fail "no exact pairing probability"
	# the exact pairings of a remains and its none sum to 1
	[ "$(sql "SELECT count(*) FROM (SELECT case_id, sum(pairing) + max(pairing_none_remains) AS s
		FROM dna_proposal WHERE kind = 'kinship' GROUP BY case_id HAVING count(pairing) = count(*))
		WHERE abs(s - 1) > 1e-9")" = 0 ] || fail "pairing probabilities of a remains do not sum to 1 with its none"
	p dna proposals --status proposed --limit 3; expect_status 0
	expect_out "proposed"
	line=$("$PARLEY" dna proposals --status proposed --json --limit 200 |
		python3 -c 'import json,sys; p=[x for x in json.load(sys.stdin)["proposals"] if x["kind"]=="kinship"][0]; print(p["case"], p["person"])')
	set -- $line
	case_tag=$1 person=$2
	truth=$(grep "^$case_tag," sim/truth.csv | cut -d, -f2)
	[ "$truth" = "$person" ] || fail "proposal $case_tag is $person, the truth $truth"
	p dna explain "$case_tag" "$person"; expect_status 0
	expect_out "case $case_tag against the relatives of $person"
	expect_out "D8S1179"
	expect_out "stored: proposed"
	expect_out "pairing probability 1.000000 (the remains none of their candidates "
	p dna explain "$case_tag" "$person" --json; expect_status 0
	expect_out '"loci": ['
	p dna explain "$case_tag"; expect_status 0
	expect_out "$person"
	# two people: alice reviews, bob confirms; carol (admin) and alice withdraw
	"$PARLEY" user add alice --roles identification --password-stdin <<< "alice-password-1" >/dev/null
	"$PARLEY" user add bob --roles identification --password-stdin <<< "bob-password-1" >/dev/null
	"$PARLEY" user add carol --roles admin --password-stdin <<< "carol-password-1" >/dev/null
	p dna confirm "$case_tag" "$person" --user alice; expect_status 1
	expect_err "not reviewed: an identification needs two people"
	p dna review "$case_tag" "$person"; expect_status 1
	expect_err "no such user (give --user NAME"
	p dna review "$case_tag" "$person" --user carol --note "looked"; expect_status 1
	expect_err "may not decide on identifications"
	p dna review "$case_tag" "$person" --user alice; expect_status 1
	expect_err "note: required"
	p dna review "$case_tag" "$person" --user alice --note "all 29 loci read again"; expect_status 0
	expect_out "$case_tag and $person: reviewed"
	p dna confirm "$case_tag" "$person" --user alice; expect_status 1
	expect_err "alice reviewed the proposal"
	PARLEY_ACTOR=bob p dna confirm "$case_tag" "$person" --note "seen"; expect_status 0
	expect_out "confirmed (identify); case unidentified -> confirmed; 2 events recorded on the person"
	p person show "$person"; expect_status 0
	expect_out "status: remains identified"
	expect_out "remains case $case_tag"
	p dna confirm "$case_tag" "$person" --user alice; expect_status 1
	expect_err "was confirmed by bob"
	p dna proposals --status confirmed; expect_status 0
	expect_out "identify"
	p dna proposals --status maybe; expect_status 2
	p audit verify; expect_status 0
	[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'dna_proposal' AND action = 'confirm' AND actor = 'bob'")" = 1 ] ||
		fail "no audit entry for the confirmation"
	[ "$(sql "SELECT reviewed_by || ' ' || decided_by FROM dna_proposal WHERE status = 'confirmed'")" = "alice bob" ] ||
		fail "the two people are not recorded"
	# the withdrawal: requested by the admin, approved by an identification officer
	p dna withdraw "$case_tag" "$person" --approve --user alice; expect_status 1
	expect_err "nobody has requested"
	p dna withdraw "$case_tag" "$person" --reason "the reference was the neighbour's" --user carol; expect_status 0
	expect_out "withdrawal requested"
	p dna withdraw "$case_tag" "$person" --approve --user carol; expect_status 1
	expect_err "another person approves it"
	p dna withdraw "$case_tag" "$person" --approve --user alice; expect_status 0
	expect_out "withdrawn; case confirmed -> unidentified; 2 events of the person voided"
	p person show "$person"; expect_status 0
	expect_out "status: missing"
	p dna proposals --status withdrawn; expect_status 0
	expect_out "$case_tag"
	p dna review "$case_tag" "$person" --user bob --note "again?"; expect_status 1
	expect_err "was withdrawn by alice"
	p audit verify; expect_status 0
	[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'event' AND action = 'void'")" = 2 ] ||
		fail "no audit entries for the voided events"
}

test_dna_import_refuses_bad_files_whole() {
	dna_db
	pid=$("$PARLEY" person add --surname Коваль --given-names Іван)
	printf 'sampel,person,relationship,TH01.1,TH01.2\nS1,%s,father,7,9.3\n' "$pid" > col.csv
	p dna import references col.csv; expect_status 1
	expect_err "col.csv:1: column 1: unknown column 'sampel' (did you mean 'sample'?)"
	printf 'sample,person,relationship,side,TH01.1,TH01.2\nS1,%s,father,,7,9.3\nS2,%s,aunt,left,7,07\nS3,P0000000000000000,mother,,8,9\n' \
		"$pid" "$pid" > bad.csv
	p dna import references bad.csv; expect_status 1
	expect_err "bad.csv:3: column 'side': expected paternal or maternal (got 'left')"
	expect_err "bad.csv:3: column 'TH01.2': write the repeats without a leading zero (9, not 09) (got '07')"
	expect_err "bad.csv:4: column 'person': no person with id P0000000000000000"
	expect_err "nothing was imported"
	[ "$(sql 'SELECT count(*) FROM dna_profile')" = 0 ] || fail "profiles were written"
	printf 'locus,allele,frequency\nTH01,9.3,0.7\nTH01,7,0.5\n' > f.csv
	p dna import frequencies f.csv; expect_status 1
	expect_err "the frequencies of TH01 sum to 1.2000: more than 1"
	p dna import genes f.csv; expect_status 2
	p dna import remains missing.csv; expect_status 1
	expect_err "cannot open missing.csv"
}

# The issue's checks through the command line: a father and a child both
# A/A with p(A) = 0.05 give 20; both parents 1/2 and a child 1/1 with
# p(1) = 0.1 give 25.
test_dna_issue_checks_end_to_end() {
	dna_db
	f=$("$PARLEY" person add --surname Мельник)
	m=$("$PARLEY" person add --surname Бондар)
	"$PARLEY" remains batch add B1 --from RU --to UA --date 2025-06-11 >/dev/null
	printf 'tag,batch\nT1,B1\nT2,B1\n' > cases.csv
	"$PARLEY" remains import --quiet cases.csv
	printf 'locus,allele,frequency\nL,A,0.05\nL,1,0.1\nL,2,0.2\n' > f.csv
	p dna import frequencies f.csv; expect_status 1
	expect_err "column 'allele': expected a number of repeats"
	printf 'locus,allele,frequency\nL,5,0.05\nL,1,0.1\nL,2,0.2\n' > f.csv
	"$PARLEY" dna import frequencies --quiet f.csv
	printf 'sample,person,relationship,L.1,L.2\nF1,%s,father,5,5\nP1,%s,father,1,2\nP2,%s,mother,1,2\n' "$f" "$m" "$m" > refs.csv
	"$PARLEY" dna import references --quiet refs.csv
	printf 'case,L.1,L.2\nT1,5,5\nT2,1,1\n' > rem.csv
	"$PARLEY" dna import remains --quiet rem.csv
	"$PARLEY" dna screen --theta 0 --mutation none --missing 2 >/dev/null
	p dna explain T1 "$f"; expect_status 0
	expect_out "LR 20 over 1 loci (0 inconsistent)"
	p dna explain T2 "$m"; expect_status 0
	expect_out "LR 25 over 1 loci"
	p dna explain T1 "$m"; expect_status 0
	expect_out "LR 0 over 1 loci (1 inconsistent)"
}

# A sample named twice for one person is refused naming both lines; a
# relative of two missing persons (the same alleles) is one profile.
test_dna_sample_given_twice() {
	dna_db
	a=$("$PARLEY" person add --surname Мельник)
	b=$("$PARLEY" person add --surname Бондар)
	printf 'locus,allele,frequency\nL,5,0.05\nL,1,0.1\nL,2,0.2\n' > f.csv
	"$PARLEY" dna import frequencies --quiet f.csv
	printf 'sample,person,relationship,L.1,L.2\nR1,%s,father,5,1\nR1,%s,grandparent,5,1\n' "$a" "$a" > twice.csv
	p dna import references twice.csv; expect_status 1
	expect_err "twice.csv:3: column 'sample': R1 is given again (first on line 2) for the same missing person"
	expect_err "nothing was imported"
	printf 'sample,person,relationship,L.1,L.2\nR1,%s,father,5,1\nR1,%s,uncle,5,1\n' "$a" "$b" > both.csv
	p dna import references both.csv; expect_status 0
	expect_out "1 profiles created"
	p dna import references both.csv; expect_status 0
	expect_out "0 profiles created, 0 updated, 2 unchanged"
}

# Remains case T1 in batch B1, the frequency table $1 and the references
# $2 (printf formats, %s the person) imported for the person $3.
dna_t1_family() {
	"$PARLEY" remains batch add B1 --from RU --to UA --date 2025-06-11 >/dev/null
	printf 'tag,batch\nT1,B1\n' > cases.csv
	"$PARLEY" remains import --quiet cases.csv
	printf "$1" > f.csv
	"$PARLEY" dna import frequencies --quiet f.csv
	printf "$2" "$3" > refs.csv
	"$PARLEY" dna import references --quiet refs.csv
}

# Male remains and a female missing person: never proposed, counted, and
# explain says so plainly.
test_dna_sex_conflict_is_excluded() {
	dna_db
	f=$("$PARLEY" person add --surname Мельник --sex female)
	dna_t1_family 'locus,allele,frequency\nL,5,0.05\nL,1,0.1\nL,2,0.2\n' \
		'sample,person,relationship,L.1,L.2\nF1,%s,father,5,5\n' "$f"
	printf 'case,sex,L.1,L.2,AMEL.1,AMEL.2\nT1,female,5,5,X,Y\n' > rem.csv
	p dna import remains rem.csv; expect_status 1
	expect_err "rem.csv:2: column 'sex': female, but the amelogenin X,Y says male"
	printf 'case,L.1,L.2,AMEL.1,AMEL.2\nT1,5,5,X,Y\n' > rem.csv
	"$PARLEY" dna import remains --quiet rem.csv
	p dna screen --theta 0 --mutation none --missing 2 --keep 0.0001 --threshold 0.9; expect_status 0
	expect_out "1 pairs excluded for a sex conflict"
	expect_out "1 of 1 families scored by the likelihood engine directly (every LR exact); 0 pairs of the others"
	expect_out "0 proposals, 0 candidates"
	p dna explain T1 "$f"; expect_status 0
	expect_out "sex: remains male (amelogenin X,Y); missing person female (registry)"
	expect_out "EXCLUDED for a sex conflict: the remains are male and the missing person is female"
	expect_out "LR 20 over 1 loci"
	p --json dna explain T1 "$f"; expect_status 0
	expect_out '"sex_conflict": true'
}

# A locus's own mutation model: with --mutation none a one-step mutation
# at L1 (father 10/10, remains 11/12) excludes; stepwise at L1 alone gives
# the LR by hand, equal another; bad values are refused naming the
# option, and change nothing. By hand (theta 0; L1 p = 0.1, 0.2, 0.3, 0.4
# for 9..12, L2 p(5) = 0.05): L2 gives 1/p(5) = 20. L1, rate R = 0.002
# from both parents: the father's 10 becomes 11 with m(10,11), 12 with
# m(10,12), and the untyped mother's allele, drawn from p, mutates too:
# q = p M. LR = (m(10,11) q(12) + m(10,12) q(11)) / (2 p(11) p(12)).
# Stepwise, range 0.1: from 10 the weights 0.1 (9, 11), 0.01 (12), so
# m(10,11) = R/2.1, m(10,12) = R/21; q(11) = 0.3003292, q(12) = 0.3995066;
# L1 0.00170452, LR 0.03409. Equal: m = R/3, q(y) = p(y)(1 - R) +
# (1 - p(y)) R/3; L1 0.00194296, LR 0.03886.
test_dna_screen_marker_mutation() {
	dna_db
	f=$("$PARLEY" person add --surname Мельник)
	dna_t1_family 'locus,allele,frequency\nL1,9,0.1\nL1,10,0.2\nL1,11,0.3\nL1,12,0.4\nL2,5,0.05\nL2,1,0.1\nL2,2,0.2\n' \
		'sample,person,relationship,L1.1,L1.2,L2.1,L2.2\nF1,%s,father,10,10,5,5\n' "$f"
	printf 'case,L1.1,L1.2,L2.1,L2.2\nT1,11,12,5,5\n' > rem.csv
	"$PARLEY" dna import remains --quiet rem.csv
	set -- --theta 0 --mutation none --missing 2
	p dna screen "$@"; expect_status 0
	expect_out "run 1:"
	expect_out "0 proposals, 0 candidates in all"
	p dna explain T1 "$f"; expect_status 0
	expect_out "LR 0 over 2 loci (1 inconsistent)"

	p dna screen "$@" --marker-mutation L1=stepwise:0.002 --report r.md; expect_status 0
	expect_out "run 2:"
	grep -q "^- Loci with a mutation model of their own: L1 stepwise 0.002/0.002, rate2 0.0001/2.5e-05, range 0.1.$" r.md ||
		fail "report: the loci's own models"
	expect_out "0 proposals, 1 candidates in all"
	expect_out "mutation: none; loci with a model of their own: L1 stepwise 0.002/0.002, rate2 0.0001/2.5e-05, range 0.1"
	p dna explain T1 "$f"; expect_status 0
	expect_out "LR 0.03409 over 2 loci (1 inconsistent)"
	expect_out "loci with a mutation model of their own: L1 stepwise 0.002/0.002"
	p --json dna screen "$@" --marker-mutation l-1=extended-stepwise:0.002 --marker-mutation L2=none; expect_status 0
	echo "$out" > run3.json
	python3 - run3.json <<'PY' || fail "screen --json: the loci's models"
import json, sys
p = json.load(open(sys.argv[1]))["params"]["mutation"]
assert p["model"] == "none", p
m = p["markers"]
assert [x["locus"] for x in m] == ["l-1", "L2"], m
assert m[0]["model"] == "stepwise" and m[0]["paternal"] == 0.002 and m[0]["range"] == 0.1, m
assert m[1]["model"] == "none", m
PY
	p dna explain T1 "$f"; expect_status 0
	expect_out "LR 0.03409 over 2 loci"
	p dna screen "$@" --marker-mutation L1=equal:0.002; expect_status 0
	expect_out "run 4:"
	p dna explain T1 "$f"; expect_status 0
	expect_out "LR 0.03886 over 2 loci (1 inconsistent)"

	# refused, naming the option and what was expected; no run kept
	p dna screen "$@" --marker-mutation L9=equal; expect_status 2
	expect_err "--marker-mutation: no locus L9 in the frequency table"
	p dna screen "$@" --marker-mutation L1=sideways; expect_status 2
	expect_err "--marker-mutation: 'L1=sideways': the model: expected none, equal, proportional, stepwise or extended-stepwise (got 'sideways')"
	p dna screen "$@" --marker-mutation L1=equal:2; expect_status 2
	expect_err "--marker-mutation: 'L1=equal:2': the rate: expected a number from 0 to 0.1 (got 2)"
	p dna screen "$@" --marker-mutation L1=stepwise:0.002:0.0001:0; expect_status 2
	expect_err "the range: expected a number above 0, up to 1 (got 0)"
	p dna screen "$@" --marker-mutation L1=none --marker-mutation l1=equal; expect_status 2
	expect_err "--marker-mutation: the locus L1 is given twice (L1 and l1)"
	p dna screen "$@" --marker-mutation L1; expect_status 2
	expect_err "--marker-mutation: 'L1': expected LOCUS=MODEL[:RATE[:RATE2[:RANGE]]]"
	p dna screen --range 0; expect_status 2
	expect_err "--range: expected a number above 0, up to 1 (got 0)"
	p dna screen --paternal-rate2 0.5; expect_status 2
	expect_err "--paternal-rate2: expected a number from 0 to 0.1 (got 0.5)"
	p dna screen --mutation onestep; expect_status 2
	expect_err "--mutation: expected none, equal, proportional, stepwise or extended-stepwise (got 'onestep')"
	p dna explain T1 "$f"; expect_status 0
	expect_out "LR 0.03886 over 2 loci"
	p dna screen "$@" --mutation extended-stepwise --paternal-rate2 0.001 --maternal-rate2 0; expect_status 0
	expect_out "run 5:"
	p --json dna screen "$@" --mutation stepwise --paternal-rate2 0.001; expect_status 0
	echo "$out" | python3 -c 'import json,sys; m=json.load(sys.stdin)["params"]["mutation"]; assert m["model"] == "stepwise" and m["paternal_rate2"] == 0.001 and m["markers"] == [], m' ||
		fail "screen --json: rate2"
}

test_dna_advice() {
	dna_db
	"$PARLEY" dna simulate --missing 6 --remains 1 --seed 3 --dir sim --kinds parents=1,self=1,father=1 >/dev/null
	"$PARLEY" import --quiet sim/persons.csv
	p dna advice; expect_status 1
	expect_err "no allele frequencies in the registry"
	"$PARLEY" dna frequencies --from "$NIST" >/dev/null
	"$PARLEY" dna import references sim/references.csv >/dev/null
	p dna advice --simulations 40 --seed 5; expect_status 0
	expect_out "A proposal needs a posterior of 0.999 with a prior of 1/6"
	expect_out "P(proposed)"
	expect_out "of 6 missing persons shown"
	"$PARLEY" dna advice --simulations 40 --seed 5 --json > a.json
	"$PARLEY" dna advice --simulations 40 --seed 5 --json > b.json
	python3 - a.json b.json <<'PY' || fail "advice: JSON"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
rows = a["advice"]
assert len(rows) == 6 and a["summary"]["simulations"] == 40, a["summary"]
strip = lambda d: [{k: v for k, v in r.items()} for r in d["advice"]]
assert strip(a) == strip(b), "the same seed gives the same advice"
gains = [r["gain"] for r in rows]
assert gains == sorted(gains, reverse=True), gains
for r in rows:
    assert 0 <= r["p_proposed"] <= 1 and 0 <= r["exclusion_power"] <= 1
    if "self" in r["relatives"].split(", ") or "father, mother" in r["relatives"]:
        assert r["p_proposed"] > 0.95 and r["best"] is None, r
    if r["relatives"] == "father":
        assert "father" not in r["after"] and r["after"]["mother"] >= r["p_proposed"], r
PY
	person=$(python3 -c 'import json; print([r["person"] for r in json.load(open("a.json"))["advice"] if r["relatives"] == "father"][0])')
	p dna advice --person "$person" --simulations 40; expect_status 0
	expect_out "1 of 1 missing person shown"
	p dna advice --person P000000000000000X; expect_status 1
	p dna advice --simulations 5; expect_status 2
	expect_err "simulations"
}

# Sampling advice for the simulator's families of pedigree files (a
# grandchild, a nephew, a father and son both missing): a row for each
# missing person, the individual of the pedigree to type advised.
test_dna_advice_pedigrees() {
	dna_db
	"$PARLEY" dna simulate --missing 6 --remains 1 --seed 3 --dir sim \
		--kinds grandchild=1,nephew=1,father_son=1 >/dev/null
	"$PARLEY" import --quiet sim/persons.csv
	"$PARLEY" dna frequencies --from "$NIST" >/dev/null
	"$PARLEY" dna import pedigree --quiet sim/pedigree.csv
	p dna advice --simulations 100 --seed 2; expect_status 0
	expect_out "of 8 missing persons shown (0 left out; 8 of pedigree files), 2 threads"
	expect_out "ask individual "
	expect_out " (not typed) for a sample, for P"
	"$PARLEY" dna advice --simulations 100 --seed 2 --threads 1 --json > one.json
	"$PARLEY" dna advice --simulations 100 --seed 2 --threads 3 --json > three.json
	python3 - one.json three.json <<'PY' || fail "advice: pedigree files"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert a["advice"] == b["advice"], "the same advice on 1 thread and on 3"
rows = a["advice"]
assert len(rows) == 8 and a["summary"]["pedigrees"] == 8, a["summary"]
gains = [r["gain"] for r in rows]
assert gains == sorted(gains, reverse=True), gains
families = {}
for r in rows:
    families.setdefault(r["family"], []).append(r["individual"])
    assert r["family"] and r["relatives"] == "pedigree %s (as %s)" % (r["family"], r["individual"]), r
    assert 0 <= r["p_proposed"] <= 1 and r["members"] is not None, r
    if r["best"] == "member":
        assert r["members"][r["best_member"]] == r["p_after"] > r["p_proposed"], r
        assert abs(r["p_after"] - r["p_proposed"] - r["gain"]) < 1e-12, r
    assert r["individual"] not in r["members"], r
assert sum(r["best"] == "member" for r in rows) >= 2, rows
assert max(len(v) for v in families.values()) == 2, families  # the father and son
PY
}

# A pedigree file: a father and son both missing, the mother and a brother
# typed, and a great-uncle; imported whole or not at all, shown as a table
# and a tree, screened, and explained. By hand (theta 0, no mutation,
# p(1) = 0.1, p(2) = 0.2; GU 3/3, MO 2/2, BRO 1/2): the grandfather passes
# allele 1 with g = p(1)/2 = 0.05 (his brother GU is 3/3), the father with
# t = (g + p(1))/2 = 0.075; remains 1/1 at the father give
# g p(1) / (p(1)^2 t) = 20/3, and 1/2 at the son P(the father passes 1 to
# both sons) / (t 2 p(1) p(2)) = 0.04 / 0.003 = 40/3.
test_dna_pedigree_import_show_and_screen() {
	dna_db
	p dna pedigree --help; expect_status 0
	expect_out "usage: parley dna pedigree list|show"
	fa=$("$PARLEY" person add --surname Мельник --given-names Петро)
	son=$("$PARLEY" person add --surname Мельник --given-names Іван)
	"$PARLEY" remains batch add B1 --from RU --to UA --date 2025-06-11 >/dev/null
	printf 'tag,batch\nT1,B1\nT2,B1\n' > cases.csv
	"$PARLEY" remains import --quiet cases.csv
	printf 'locus,allele,frequency\nL,1,0.1\nL,2,0.2\nL,3,0.7\n' > f.csv
	"$PARLEY" dna import frequencies --quiet f.csv
	cat > bad.csv <<CSV
family,id,father,mother,sex,sample,person,L.1,L.2
F1,GF,,,M,,,,
F1,FA,GF,GM,M,,$fa,,
F1,SON,FA,MO,F,,$son,,
F1,MO,,,F,S-MO,,2,2
F1,SON,FA,MO,M,,,,
CSV
	p dna import pedigree bad.csv; expect_status 1
	expect_err "bad.csv:3: column 'mother': no individual 'GM' in family F1"
	expect_err "bad.csv:6: column 'id': SON of family F1 is further up (line 4): one row an individual"
	expect_err "nothing was imported"
	[ "$(sql 'SELECT count(*) FROM dna_pedigree')" = 0 ] || fail "a pedigree was written"
	cat > ped.csv <<CSV
family,id,father,mother,sex,sample,person,note,L.1,L.2
F1,GGF,,,M,,,,,
F1,GGM,,,F,,,,,
F1,GF,GGF,GGM,M,,,,,
F1,GU,GGF,GGM,M,S-GU,,great-uncle,3,3
F1,GM,,,F,,,,,
F1,FA,GF,GM,M,,$fa,,,
F1,MO,,,F,S-MO,,,2,2
F1,SON,FA,MO,M,,$son,,,
F1,BRO,FA,MO,M,S-BRO,,,1,2
CSV
	p dna import pedigree ped.csv; expect_status 0
	expect_out "imported 9 rows: 1 families created, 0 updated, 0 unchanged"
	expect_out "reference profiles: 3 created, 0 updated"
	p dna import pedigree ped.csv; expect_status 0
	expect_out "0 families created, 0 updated, 1 unchanged"
	p dna pedigree list; expect_status 0
	expect_out "$fa (FA), $son (SON)"
	p dna pedigree show F1; expect_status 0
	expect_out "family F1: 9 individuals, 3 typed, 2 missing"
	expect_out "└─ with MO (female) typed: sample S-MO, 1 loci"
	expect_out "├─ SON (male) MISSING: $son Мельник Іван"
	p dna pedigree show F9; expect_status 1
	expect_err "no family 'F9' entered as a pedigree"
	printf 'case,L.1,L.2\nT1,1,1\nT2,1,2\n' > rem.csv
	"$PARLEY" dna import remains --quiet rem.csv
	p dna screen --theta 0 --mutation none --missing 2; expect_status 0
	p dna explain T1 "$fa"; expect_status 0
	expect_out "LR 6.667 over 1 loci (0 inconsistent)"
	expect_out "S-MO"
	p dna explain T2 "$son"; expect_status 0
	expect_out "LR 13.33 over 1 loci"
	p dna proposals --json; expect_status 0
	expect_out "pedigree F1 (as FA)"
	# The pairing probabilities, the family weighed jointly, with --missing 2
	# (prior odds 1 a pair: dvir's flat prior). Given GU, P(GF passes 2) =
	# g2 = p(2)/2 = 0.1, so P(FA 1/2, BRO 1/2) = (g p(2) + g2 p(1)) / 2 = 0.01
	# and T2 at FA has LR (0.01 / t) / (2 p(1) p(2)) = 10/3. T1 at FA and T2
	# at SON together: P(FA 1/1 | the family) = g p(1) / t = 1/15, and then
	# SON 1/2 for sure (MO is 2/2): joint LR (1/15) / (p(1)^2 2 p(1) p(2)) =
	# 500/3, not 20/3 x 40/3. T1 1/1 cannot be SON. Explanations: none 1, T1=FA
	# 20/3, T2=FA 10/3, T2=SON 40/3, both 500/3: total 573/3. So T1=FA
	# (20 + 500)/573, T2=SON (40 + 500)/573, T2=FA 10/573; T1 none (3 + 10 + 40)/573.
	echo "$out" | python3 -c '
import json, sys
want = {("T1", "FA"): 520 / 573, ("T2", "SON"): 540 / 573, ("T2", "FA"): 10 / 573}
rows = json.load(sys.stdin)["proposals"]
got = {(p["case"], p["relatives"].split("(as ")[1].rstrip(")")): p for p in rows}
assert set(got) == set(want), got.keys()
for k, v in want.items():
    assert abs(got[k]["pairing"] - v) < 1e-9, (k, got[k]["pairing"], v)
assert abs(got[("T1", "FA")]["pairing_none_remains"] - 53 / 573) < 1e-9
' || fail "pairing probabilities of the family weighed jointly"
	# sampling advice: a row for each missing person of the pedigree, its
	# individuals not typed weighed (one locus: little power either way)
	p dna advice --simulations 50 --threads 1; expect_status 0
	expect_out "2 of 2 missing persons shown (0 left out; 2 of pedigree files), 1 threads"
	expect_out "pedigree F1 (as SON)"
	"$PARLEY" dna advice --simulations 50 --json > adv.json
	python3 - adv.json "$fa" "$son" <<'PY' || fail "advice: pedigree JSON"
import json, sys
rows = {r["person"]: r for r in json.load(open(sys.argv[1]))["advice"]}
fa, son = rows[sys.argv[2]], rows[sys.argv[3]]
assert fa["family"] == "F1" and fa["individual"] == "FA" and son["individual"] == "SON", rows
for r in (fa, son):
    assert set(r["members"]) <= {"GGF", "GGM", "GF", "GM"}, r["members"]  # not the other missing
    assert all(0 <= v <= 1 for v in list(r["members"].values()) + list(r["after"].values())), r
    assert "father" not in r["after"] and "mother" not in r["after"], r  # in the pedigree already
# the son's father is missing: his grandfather, not typed, is weighed for him
assert "GF" in son["members"], son
PY
	# two families of one file trading their missing persons
	a=$("$PARLEY" person add --surname Коваль)
	b=$("$PARLEY" person add --surname Бондар)
	printf 'family,id,father,mother,sex,person\nA,X,,,M,%s\nB,W,,,M,%s\n' "$a" "$b" > one.csv
	printf 'family,id,father,mother,sex,person\nA,X,,,M,%s\nB,W,,,M,%s\n' "$b" "$a" > two.csv
	"$PARLEY" dna import pedigree --quiet one.csv
	p dna import pedigree two.csv; expect_status 0
	expect_out "0 families created, 2 updated, 0 unchanged"
	expect_out "family A has no typed individual: it cannot identify anyone until one is"
	p dna pedigree show A; expect_status 0
	expect_out "X (male) MISSING: $b"
}

# The same refusals, problems and summaries in the language LANG asks for,
# from their codes (issue 12 item 7).
test_dna_in_the_users_language() {
	dna_db
	pid=$("$PARLEY" person add --surname Коваль --given-names Іван)
	printf 'sample,person,relationship,side,TH01.1,TH01.2\nS1,%s,father,,7,9.3\nS2,%s,aunt,left,7,07\n' \
		"$pid" "$pid" > bad.csv
	LANG=uk_UA.UTF-8 p dna import references bad.csv; expect_status 1
	expect_err "bad.csv:3: стовпець «side»: очікується paternal або maternal (отримано «left»)"
	expect_err "bad.csv:3: стовпець «TH01.2»: пишіть повтори без нуля попереду (9, а не 09) (отримано «07»)"
	expect_err "dna import: нічого не імпортовано"
	printf 'locus,allele,frequency\nTH01,9.3,0.7\nTH01,7,0.5\n' > f.csv
	LANG=ru_RU.UTF-8 p dna import frequencies f.csv; expect_status 1
	expect_err "f.csv: частоты TH01 в сумме дают 1.2000: больше 1"
	printf 'locus,allele,frequency\nTH01,9.3,0.7\nTH01,7,0.3\n' > f.csv
	LANG=uk_UA.UTF-8 p dna import frequencies f.csv; expect_status 0
	expect_out "прочитано рядків: 2; локусів: 1, алелів: 2"
	LANG=uk_UA.UTF-8 p dna screen; expect_status 1
	expect_err "немає профілів останків для скринінгу (імпортуйте їх: parley dna import remains ФАЙЛ)"
	LANG=uk_UA.UTF-8 p dna screen --marker-mutation 'TH01=none:0.1'; expect_status 2
	expect_err "--marker-mutation: 'TH01=none:0.1': модель none не приймає частот"
	LANG=ru_RU.UTF-8 p dna screen --theta 2; expect_status 2
	expect_err "--theta: ожидается число от 0 до 0.25 (получено 2)"
	LANG=uk_UA.UTF-8 p dna pedigree list; expect_status 0
	expect_out "немає родин, внесених як родоводи"
	# English unless LANG asks otherwise
	p dna screen; expect_status 1
	expect_err "no remains profiles to screen (import them: parley dna import remains FILE)"
}
