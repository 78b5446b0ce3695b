# DNA consent (issue 15, item 8): a reference a relative gave is used only
# while their dna_reference consent stands. The issue's end-to-end DNA half:
# a mother's inquiry with DNA consent naming her sample -> her reference
# imported -> screening proposes the remains case -> identified by two
# people; a second family whose consent was withdrawn -> their reference is
# imported withheld and not used; given again -> used; withdrawn after the
# identification -> listed, not undone.

dnac_setup() {
	"$PARLEY" init demo.db >/dev/null
	export PARLEY_DB=demo.db
	"$PARLEY" dna simulate --missing 30 --remains 30 --seed 2 --dir sim --kinds mother=1 >/dev/null
	"$PARLEY" import --quiet sim/persons.csv
	"$PARLEY" remains import --quiet sim/cases.csv
	"$PARLEY" dna frequencies --from "$HERE/../../data/str/nist1036_genotypes.csv" >/dev/null
}

# The case whose truth is person $1.
dnac_case_of() { grep ",$1," sim/truth.csv | cut -d, -f1; }
dnac_sample_of() { grep ",$1,mother," sim/references.csv | cut -d, -f1; }
dnac_status() {
	sql "SELECT x.status FROM dna_proposal x JOIN person p ON p.id = x.person_id JOIN remains_case c
		ON c.id = x.case_id WHERE p.uid = '$1' AND c.tag = '$2'"
}

test_dnaconsent_end_to_end() {
	dnac_setup
	# two missing persons, each with remains among the cases and a mother typed
	a=$(sed -n 2p sim/truth.csv | cut -d, -f2) b=$(sed -n 3p sim/truth.csv | cut -d, -f2)
	ca=$(dnac_case_of "$a") cb=$(dnac_case_of "$b")
	sa=$(dnac_sample_of "$a") sb=$(dnac_sample_of "$b")
	[ -n "$ca" ] && [ -n "$cb" ] && [ -n "$sa" ] && [ -n "$sb" ] || fail "the simulation lacks the two families"
	# the mothers' inquiries, in Ukrainian, with DNA consent naming their samples
	p inquiry add --inquirer "Ганна Коваль" --relation mother --person "$a" --consent tracing:oral \
		--consent dna_reference:written --dna-sample "$sa"; expect_status 0
	qa=$(sql "SELECT uid FROM inquiry WHERE person_id = (SELECT id FROM person WHERE uid = '$a')")
	p inquiry add --inquirer "Олена Бойко" --relation mother --person "$b" --consent tracing:oral \
		--consent dna_reference:written --dna-sample "$sb"; expect_status 0
	qb=$(sql "SELECT uid FROM inquiry WHERE person_id = (SELECT id FROM person WHERE uid = '$b')")
	p inquiry add --inquirer "X" --person "$b" --consent tracing:oral --dna-sample S-1; expect_status 2
	expect_err "--dna-sample goes with the DNA consent"
	# the same sample under another inquiry's consent is refused
	p inquiry sample "$qb" "$sa"; expect_status 1
	expect_err "was given under another consent (inquiry $qa)"
	# the second mother withdraws her DNA consent before her sample's profile comes
	p inquiry withdraw "$qb" --purpose dna_reference; expect_status 0
	expect_out "DNA references withheld from screening: $sb (0 of 1 with a profile imported)"
	expect_out "no proposal rested on them"
	p inquiry show "$qb"; expect_status 0
	expect_out "DNA sample $sb: withheld from screening (the consent was withdrawn)"
	p inquiry show "$qa"; expect_status 0
	expect_out "DNA sample $sa: used in screening under this inquiry's consent"
	p dna import references sim/references.csv; expect_status 0
	expect_out "1 of them imported withheld"
	expect_out "reference $sb imported withheld: its giver's DNA consent was withdrawn on 2025-11-01 (inquiry $qb)"
	"$PARLEY" dna import remains sim/remains.csv >/dev/null
	p dna references --withheld; expect_status 0
	expect_out "$sb"
	expect_out "WITHHELD: withdrawn, inquiry $qb"
	expect_no_out "$sa"
	# by state: hers given, the other withdrawn, neither the laboratory's
	p dna references --state given; expect_status 0
	expect_out "$sa"
	expect_out "given, inquiry $qa"
	expect_no_out "$sb"
	expect_no_out "laboratory"
	p dna references --state laboratory; expect_status 0
	expect_out "laboratory"
	expect_no_out "$sa"
	expect_no_out "$sb"
	p dna references --state lost; expect_status 2
	expect_err "--state: expected laboratory, given or withdrawn, got 'lost'"
	p dna screen; expect_status 0
	expect_out "reference $sb withheld: its giver's DNA consent was withdrawn on 2025-11-01 (inquiry $qb): left out"
	[ "$(dnac_status "$a" "$ca")" = proposed ] || fail "the first mother's reference did not propose $ca"
	[ "$(sql "SELECT count(*) FROM dna_proposal x JOIN person p ON p.id = x.person_id WHERE p.uid = '$b'")" = 0 ] ||
		fail "the withheld reference was used for $b"
	p dna explain "$cb" "$b"; expect_status 1
	# identified by two people
	"$PARLEY" user add alice --roles identification --password-stdin <<< "alice-password-1" >/dev/null
	"$PARLEY" user add bob --roles identification --password-stdin <<< "bob-password-1" >/dev/null
	"$PARLEY" dna review "$ca" "$a" --user alice --note "read again" >/dev/null
	p dna confirm "$ca" "$a" --user bob; expect_status 0
	expect_out "confirmed (identify)"
	# the second mother gives her consent again: her reference proposes her son's remains
	p inquiry consent "$qb" --purpose dna_reference --form written; expect_status 0
	expect_out "DNA references usable again: $sb (1 of 1 with a profile imported)"
	p dna screen; expect_status 0
	expect_no_out "withheld"
	[ "$(dnac_status "$b" "$cb")" = proposed ] || fail "given again, $sb did not propose $cb"
	# withdrawn again: the open proposal falls, kept with its reason
	p inquiry withdraw "$qb" --purpose dna_reference; expect_status 0
	expect_out "fell: case $cb as $b"
	expect_out "(proposed, LR 10^"
	[ "$(dnac_status "$b" "$cb")" = fallen ] || fail "the proposal of $cb did not fall"
	[ "$(sql "SELECT fallen_reason || ' ' || fallen_sample FROM dna_proposal WHERE status = 'fallen'")" = \
		"consent withdrawn $sb" ] || fail "the fallen proposal does not say why"
	p dna proposals --status fallen; expect_status 0
	expect_out "$cb"
	p dna review "$cb" "$b" --user alice --note "x"; expect_status 1
	expect_err "fell on 2025-11-01 (consent withdrawn)"
	# the first mother withdraws hers after the identification: listed, not undone
	p inquiry withdraw "$qa" --purpose dna_reference; expect_status 0
	expect_out "rests on a withdrawn reference: case $ca confirmed as $a"
	expect_out "parley dna withdraw CASE PERSON"
	[ "$(dnac_status "$a" "$ca")" = confirmed ] || fail "a confirmed identification was undone"
	p --json inquiry withdraw "$qa" --purpose dna_reference; expect_status 1
	p audit verify; expect_status 0
	[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'dna_proposal' AND action = 'fall'")" = 1 ] ||
		fail "no audit entry for the fall"
}

test_dnaconsent_lab_references_unchanged() {
	dnac_setup
	"$PARLEY" dna import references sim/references.csv >/dev/null
	"$PARLEY" dna import remains sim/remains.csv >/dev/null
	p dna references; expect_status 0
	expect_out "laboratory"
	p dna references --withheld; expect_status 0
	expect_out "no reference is withheld"
	p dna screen; expect_status 0
	expect_no_out "withheld"
	p dna proposals --status proposed; expect_status 0
	expect_out "proposed"
}
