/* Who must have signed a document: named on the command line, or by the
 * document itself, and whether each of them has a good signature. */
#include <stdio.h>
#include <string.h>

#include "sign/internal.h"

static void required_one(sign_required *r, const char *signer, sign_role role, bool any)
{
	memset(r, 0, sizeof(*r));
	r->role = role;
	r->any_role = any;
	r->invalid = sign_signer_invalid(signer, any ? SIGN_MEDIATOR : role) != NULL;
	snprintf(r->signer, sizeof(r->signer), "%s", r->invalid && strlen(signer) > SIGN_SIGNER_MAX
	                                             ? "?" : signer);
}

pl_rc sign_required_parse(const char *list, sign_required *out, size_t max, size_t *n, pl_err *err)
{
	*n = 0;
	const char *p = list;
	while(*p) {
		size_t len = strcspn(p, ",");
		char code[SIGN_SIGNER_MAX + 2];
		size_t lead = strspn(p, " "), trail = 0;
		while(len > lead + trail && p[len - 1 - trail] == ' ')
			trail++;
		size_t k = len - lead - trail;
		snprintf(code, sizeof(code), "%.*s", (int)(k < sizeof(code) - 1 ? k : sizeof(code) - 1),
		         p + lead);
		if(k > SIGN_SIGNER_MAX || sign_signer_invalid(code, SIGN_MEDIATOR)) {
			char shown[44];
			snprintf(shown, sizeof(shown), "%.*s", (int)(k > 40 ? 40 : k), p + lead);
			return pl_failc(err, PL_EUSAGE, "sign.bad_code", "signer", shown, NULL);
		}
		if(*n == max)
			return pl_failc(err, PL_EUSAGE, "sign.too_many_required", "n", PL_N(max), NULL);
		required_one(&out[(*n)++], code, SIGN_PARTY, true);
		p += len;
		if(*p == ',')
			p++;
	}
	if(!*n)
		return pl_failc(err, PL_EUSAGE, "sign.no_signers", NULL);
	return PL_OK;
}

size_t signed_doc_required_from(const json_t *document, sign_required *out, size_t max)
{
	size_t n = 0;
	const json_t *parties = json_object_get(document, "parties");
	for(size_t i = 0; i < json_array_size(parties) && n < max; i++) {
		const char *p = sign_text_of(json_array_get(parties, i));
		required_one(&out[n++], p ? p : "?", SIGN_PARTY, false);
	}
	const json_t *m = json_object_get(document, "mediator");
	if(m && !json_is_null(m) && n < max)
		required_one(&out[n++], sign_text_of(m) ? sign_text_of(m) : "?", SIGN_MEDIATOR, false);
	return n;
}

bool signed_doc_complete(const signed_doc_report *rep, const sign_required *req, size_t n,
                         buf *problems)
{
	bool all = true;
	for(size_t i = 0; i < n; i++) {
		const sign_required *r = &req[i];
		bool signed_at_all = false, good = false;
		for(size_t k = 0; k < rep->nsigs && !good; k++) {
			const signed_doc_sig *s = &rep->sigs[k];
			bool who = !strcmp(s->signer, r->signer) &&
			           (r->any_role || !strcmp(s->role, sign_role_name(r->role)));
			signed_at_all |= who;
			good = who && signed_doc_sig_ok(s);
		}
		if(good)
			continue;
		all = false;
		char who[48];
		if(r->any_role)
			snprintf(who, sizeof(who), "%s", r->signer);
		else
			snprintf(who, sizeof(who), "%s %s", sign_role_name(r->role), r->signer);
		/* Out of memory while explaining: the answer stands, unexplained. */
		if(!problems)
			continue;
		if(r->invalid &&
		   buf_printf(problems, "the document names '%s' as a %s, which is not a valid signer code\n",
		              r->signer, sign_role_name(r->role)))
			return false;
		if(!r->invalid && signed_at_all &&
		   buf_printf(problems, "%s has no good signature (valid, by a trusted key, over this "
		              "document)\n", who))
			return false;
		if(!r->invalid && !signed_at_all && buf_printf(problems, "%s has not signed\n", who))
			return false;
	}
	return all;
}
