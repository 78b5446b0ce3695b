/* JSON for the API: the same records the CLI shows with --json. */
#include <math.h>

#include "dna/internal.h"

static json_t *number_or_null(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

json_t *dna_proposal_json(const dna_proposal *p)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:o, s:f, s:o,"
	                      " s:i, s:i, s:s, s:s?, s:s?, s:s?, s:s?, s:s?}", "id", (json_int_t)p->id, "run",
	                      (json_int_t)p->run, "kind", p->kind, "case", p->case_tag, "case_id", p->case_uid,
	                      "person", p->person, "person_name", p->person_name, "other_case", p->other_case,
	                      "other_case_id", p->other_case_uid, "relatives", p->relatives, "log10_lr",
	                      number_or_null(p->log10_lr), "log10_glr", number_or_null(p->log10_glr),
	                      "posterior", p->posterior, "prior_n", number_or_null(p->prior_n > 0 ? p->prior_n : NAN),
	                      "loci", p->loci, "inconsistent", p->inconsistent, "status", p->status, "action",
	                      p->action, "decided_by", p->decided_by, "decided_at", p->decided_at, "note",
	                      p->note, "created_at", p->created_at);
	if(o)
		json_object_update_new(o, json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
		                                    "reviewed_by", p->reviewed_by, "reviewed_at", p->reviewed_at,
		                                    "review_note", p->review_note, "reviewed_from", p->reviewed_from,
		                                    "withdraw_reason", p->withdraw_reason, "withdraw_by",
		                                    p->withdraw_by, "withdraw_at", p->withdraw_at, "withdrawn_by",
		                                    p->withdrawn_by, "withdrawn_at", p->withdrawn_at));
	if(o)
		json_object_update_new(o, json_pack("{s:o, s:o, s:o, s:o, s:o}", "pairing", number_or_null(p->pairing),
		                                    "pairing_lo", number_or_null(p->pairing_lo), "pairing_hi",
		                                    number_or_null(p->pairing_hi),
		                                    "pairing_none_remains", number_or_null(p->pairing_none_remains),
		                                    "pairing_none_person", number_or_null(p->pairing_none_person)));
	if(o && p->fallen_at)
		json_object_update_new(o, json_pack("{s:s, s:s?, s:s?, s:s?}", "fallen_at", p->fallen_at, "fallen_from",
		                                    p->fallen_from, "fallen_reason", p->fallen_reason, "fallen_sample",
		                                    p->fallen_sample));
	if(o && p->withdraw_roles)
		json_object_set_new(o, "withdraw_roles",
		                    json_pack("{s:b, s:b}", "admin", (p->withdraw_roles & DNA_AS_ADMIN) != 0,
		                              "identification", (p->withdraw_roles & DNA_AS_IDENTIFICATION) != 0));
	return o ? o : json_object();
}

json_t *dna_explanation_json(const dna_explanation *e)
{
	json_t *rel = json_array(), *loci = json_array();
	for(int i = 0; i < e->nrel; i++)
		json_array_append_new(rel, json_pack("{s:s?, s:s?}", "sample", e->rel_sample[i],
		                                     "relationship", e->rel_relationship[i]));
	for(int l = 0; l < e->nloci; l++) {
		const dna_explain_locus *x = &e->loci[l];
		json_t *g = json_array();
		for(int i = 0; i < e->nrel; i++)
			json_array_append_new(g, x->relatives[i] ? json_string(x->relatives[i]) : json_null());
		json_array_append_new(loci, json_pack("{s:s, s:s?, s:o, s:o, s:b, s:b}", "locus", x->locus,
		                                      "remains", x->remains, "relatives", g, "lr",
		                                      number_or_null(x->lr), "compared", x->compared,
		                                      "consistent", x->consistent));
	}
	json_t *o = json_pack("{s:s, s:s?, s:s?, s:o, s:o, s:o, s:i, s:i, s:f, s:f, s:o, s:o}", "case",
	                      e->case_tag, "person", e->person, "other_case", e->other_case, "relatives", rel,
	                      "loci", loci, "log10_lr", number_or_null(e->log10_lr), "compared", e->compared,
	                      "inconsistent", e->inconsistent, "posterior", e->posterior, "missing",
	                      e->missing, "params", dna_params_json(&e->params), "proposal",
	                      e->proposal ? dna_proposal_json(e->proposal) : json_null());
	if(o)
		json_object_update_new(o, json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:b, s:b}", "confirm_action",
		                                    e->action, "return_to", e->return_to, "remains_sex",
		                                    e->remains_sex, "amelogenin", e->amelogenin, "other_sex",
		                                    e->other_sex, "other_amelogenin", e->other_amelogenin,
		                                    "sex_conflict", e->sex_conflict, "theta0", e->theta0));
	return o ? o : json_object();
}

json_t *dna_screen_summary_json(const dna_screen_summary *s)
{
	json_t *o = json_pack("{s:I, s:s?, s:I, s:I, s:I, s:I, s:f, s:f, s:f, s:I, s:I, s:I, s:I, s:I,"
	                      " s:I, s:f, s:f, s:f, s:I, s:I, s:I, s:f, s:s, s:I, s:f, s:f}", "run", (json_int_t)s->run, "batch",
	                      s->batch, "remains", (json_int_t)s->remains, "families",
	                      (json_int_t)s->families, "references", (json_int_t)s->references, "loci",
	                      (json_int_t)s->loci, "missing", s->missing, "lr_proposal", s->lr_proposal,
	                      "lr_candidate", s->lr_candidate, "candidates", (json_int_t)s->candidates,
	                      "proposals", (json_int_t)s->proposals, "same_person",
	                      (json_int_t)s->same_person, "excluded", (json_int_t)s->excluded, "decided",
	                      (json_int_t)s->decided, "sex_excluded", (json_int_t)s->sex_excluded,
	                      "sex_pairs", (double)s->sex_pairs, "pairs", (double)s->pairs, "identity_pairs",
	                      (double)s->identity_pairs, "groups", (json_int_t)s->groups, "undisputed",
	                      (json_int_t)s->undisputed, "capped", (json_int_t)s->capped, "seconds",
	                      s->seconds, "notes", buf_str(&s->notes), "theta0", (json_int_t)s->theta0,
	                      "examined", (double)s->examined, "families_exact", (double)s->families_exact);
	if(o)
		json_object_set_new(o, "pairing", json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:f, s:I, s:I}", "groups",
		                    (json_int_t)s->pairing.groups, "capped", (json_int_t)s->pairing.capped,
		                    "joint", (json_int_t)s->pairing.joint, "capped_pairs",
		                    (json_int_t)s->pairing.capped_pairs, "joint_pairs",
		                    (json_int_t)s->pairing.joint_pairs, "theta0_pairs",
		                    (json_int_t)s->pairing.theta0_pairs, "explanations", s->pairing.explanations,
		                    "seconds", s->pairing.seconds, "bounded", (json_int_t)s->pairing.bounded,
		                    "bounded_pairs", (json_int_t)s->pairing.bounded_pairs));
	return o ? o : json_object();
}

json_t *dna_decision_json(const dna_decision *d)
{
	json_t *o = json_pack("{s:s?, s:s?, s:s?, s:s, s:s, s:i, s:i, s:s?}", "status", d->status, "action",
	                      d->action, "person", d->person[0] ? d->person : NULL, "status_before",
	                      remains_status_name(d->remains.before), "status_after",
	                      remains_status_name(d->remains.after), "events_added", d->remains.events_added,
	                      "events_voided", d->remains.events_voided, "note",
	                      d->note[0] ? d->note : d->remains.note[0] ? d->remains.note : NULL);
	return o ? o : json_object();
}

json_t *dna_freq_locus_json(const dna_freq_locus *L)
{
	json_t *al = json_object();
	for(size_t i = 0; i < L->n; i++)
		json_object_set_new(al, L->alleles[i].allele, json_real(L->alleles[i].freq));
	json_t *o = json_pack("{s:s, s:I, s:f, s:o}", "locus", L->name, "sample_size",
	                      (json_int_t)L->sample_size, "floor", L->floor, "alleles", al);
	return o ? o : json_object();
}

json_t *dna_freqs_json(const dna_freqs *f)
{
	json_t *loci = json_array();
	for(size_t l = 0; l < f->n; l++)
		json_array_append_new(loci, dna_freq_locus_json(&f->loci[l]));
	return json_pack("{s:o}", "loci", loci);
}
