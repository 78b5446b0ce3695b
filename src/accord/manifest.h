/* Manifests between instances: a stage's current version as a signed
 * envelope (sign/sign.h), out to the other party and the mediator, and
 * back in.
 *
 * Each party runs its own instance and keeps its own copy of a stage. An
 * office exports the manifest, signs the file with its key (parley
 * manifest sign), sends it on; the other party imports it, signs, sends it
 * to the mediator, who witnesses it; every instance imports the final
 * file. A version is agreed when both parties' signatures on it are
 * valid, over that very document, and made with keys this office trusts;
 * the stage moves to agreed and those on it are listed. */
#ifndef PARLEY_ACCORD_MANIFEST_H
#define PARLEY_ACCORD_MANIFEST_H

#include <jansson.h>

#include "accord/stage.h"
#include "sign/sign.h"

/* The stage's current version, with the signatures this office holds for
 * it, as an envelope (a new reference in *out). */
pl_rc manifest_export(store *st, const char *stage_uid, json_t **out, pl_err *err) PL_NODISCARD;

typedef struct manifest_import_report {
	char stage[UID_SIZE];
	int version;
	bool created;             /* the stage is new here */
	bool new_version;         /* a version this office did not have */
	size_t signatures_added;  /* valid, trusted and over this version: kept */
	size_t signatures_refused;
	size_t resolved, unresolved;  /* entries found in this registry, and not */
	bool agreed;              /* both parties have now signed: the stage is agreed */
	bool witnessed;           /* the mediator signed too */
	buf problems;             /* one line each: a signature not kept, an entry not found */
} manifest_import_report;

void manifest_import_report_free(manifest_import_report *rep);

/* Import an envelope from a file named `name`: the document is checked
 * field by field; its agreement must be stored here with the same terms
 * (the same SHA-256). The stage is created, or given the new version, or
 * the version it has gets the signatures; an older version, or another
 * document under a version this office has, is refused. Entries are found
 * in this registry by the person's identifier, by the identifiers others
 * gave them (ICRC...), or by matching their identity across scripts;
 * those not found are reported and stay unresolved. All in one
 * transaction, audited. */
pl_rc manifest_import(store *st, const json_t *envelope, const char *name,
                         manifest_import_report *rep, pl_err *err) PL_NODISCARD;

/* Sign the stage's current version here with the office's key (its
 * fingerprint, or NULL: the newest held here; sign/sign.h, "sealed"),
 * if its role is one of `roles` (bits 1 << SIGN_PARTY, 1 << SIGN_MEDIATOR:
 * who the signer may sign as),
 * opened with passphrase for this one signature and wiped at once, and
 * keep the signature as manifest_import keeps an imported one (the stage
 * agreed when both parties have signed), audited. Refused for a draft (it
 * may still change) and a cancelled stage; a wrong passphrase is
 * PL_EINPUT (audited). info says what the signing did (sign.h). */
pl_rc manifest_sign_here(store *st, const char *stage_uid, const char *fingerprint, unsigned roles,
                         const char *passphrase, manifest_import_report *rep,
                         signed_doc_signing *info, pl_err *err) PL_NODISCARD;

#endif
