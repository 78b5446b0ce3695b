/* The verdict on a signed document in words, for people and programs. */
#include "sign/internal.h"

enum { CHANGES_SHOWN = 10 };  /* in a sentence; the report keeps more */

static pl_rc changes_text(const signed_doc_sig *s, buf *out)
{
	if(!s->digests_signed)
		return buf_adds(out, "the document was changed after signing (and so were the digests, "
		                     "so the changed fields cannot be named)");
	pl_rc rc = buf_adds(out, "the document was changed after signing");
	if(!s->nchanges)
		return rc ? rc : buf_adds(out, " (the digests do not show where)");
	size_t kept = s->nchanges < SIGN_CHANGES_MAX ? s->nchanges : SIGN_CHANGES_MAX;
	for(size_t i = 0; i < kept && i < CHANGES_SHOWN && !rc; i++)
		rc = buf_printf(out, "%s%s %s", i ? ", " : ": ", s->changes[i].path,
		                jdiff_kind_name(s->changes[i].kind));
	if(!rc && s->nchanges > CHANGES_SHOWN)
		rc = buf_printf(out, ", and %zu more", s->nchanges - CHANGES_SHOWN);
	return rc;
}

pl_rc signed_doc_sig_text(const signed_doc_sig *s, buf *out)
{
	if(s->problem)
		return buf_printf(out, "signatures[%zu] (by %s): not a well-formed signature: %s", s->index,
		                  s->signer, s->problem);
	pl_rc rc = buf_printf(out, "signature of %s (%s, key %s): ", s->signer, s->role, s->fingerprint);
	if(rc)
		return rc;
	if(!s->valid)
		return buf_adds(out, "not valid (made with another key, or the signature bytes, or the "
		                     "signer, role, time or hashes it was made over, were altered)");
	if(signed_doc_sig_ok(s))
		return buf_adds(out, "valid, trusted, and over this document");
	rc = buf_adds(out, "valid, but ");
	if(!rc && !s->trusted)
		rc = buf_printf(out, "key not trusted (%s)", s->untrusted_why);
	if(!rc && !s->trusted && !s->covers)
		rc = buf_adds(out, "; and ");
	if(!rc && !s->covers)
		rc = changes_text(s, out);
	return rc;
}

json_t *signed_doc_report_json(const signed_doc_report *rep)
{
	json_t *sigs = json_array();
	for(size_t i = 0; i < rep->nsigs; i++) {
		const signed_doc_sig *s = &rep->sigs[i];
		buf text;
		buf_init(&text, 0);
		json_t *changes = json_array();
		size_t kept = s->nchanges < SIGN_CHANGES_MAX ? s->nchanges : SIGN_CHANGES_MAX;
		for(size_t k = 0; s->changes && k < kept; k++)
			json_array_append_new(changes, json_pack("{s:s, s:s}", "path", s->changes[k].path,
			                                         "change", jdiff_kind_name(s->changes[k].kind)));
		json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:s, s:b, s:b, s:b, s:b, s:s?, s:s?, s:b, s:o,"
		                      " s:I, s:s}",
		                      "index", (json_int_t)s->index, "signer", s->signer, "role", s->role,
		                      "fingerprint", s->problem ? NULL : s->fingerprint, "signed_at",
		                      s->signed_at, "ok", signed_doc_sig_ok(s), "valid", s->valid, "trusted",
		                      s->trusted, "covers_document", s->covers, "problem", s->problem,
		                      "untrusted_why", s->untrusted_why, "digests_signed", s->digests_signed,
		                      "changes", changes, "changes_total", (json_int_t)s->nchanges, "text",
		                      signed_doc_sig_text(s, &text) ? "" : buf_str(&text));
		buf_free(&text);
		json_array_append_new(sigs, o);
	}
	return json_pack("{s:s, s:b, s:o}", "document_sha256", rep->document_sha256, "digests_current",
	                 rep->digests_current, "signatures", sigs);
}
