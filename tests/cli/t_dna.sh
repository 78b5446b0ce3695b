# parley dna: simulate, import, frequencies, screen, proposals, explain, confirm, reject.

dna_db() {
	"$PARLEY" init demo.db >/dev/null
	export PARLEY_DB=demo.db
}

NIST="$HERE/../../data/str/nist1036_genotypes.csv"

test_dna_help() {
	for cmd in import frequencies screen proposals explain confirm reject simulate; do
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
	grep -q "with a prior of one over the number of missing persons (N = 60)" report.md || fail "report: the prior"
	grep -q "^| case | person | relatives | LR | GLR | posterior | loci | inconsistent |" report.md || fail "report: table"
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
	p dna explain "$case_tag" "$person" --json; expect_status 0
	expect_out '"loci": ['
	p dna explain "$case_tag"; expect_status 0
	expect_out "$person"
	p dna confirm "$case_tag" "$person" --note "reviewed"; expect_status 0
	expect_out "confirmed (identify); case unidentified -> confirmed; 2 events recorded on the person"
	p person show "$person"; expect_status 0
	expect_out "status: remains identified"
	expect_out "remains case $case_tag"
	p dna confirm "$case_tag" "$person"; expect_status 1
	expect_err "was confirmed by"
	p dna proposals --status confirmed; expect_status 0
	expect_out "identify"
	p dna proposals --status maybe; expect_status 2
	p audit verify; expect_status 0
	[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'dna_proposal' AND action = 'confirm'")" = 1 ] ||
		fail "no audit entry for the confirmation"
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
