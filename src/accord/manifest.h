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
	bool held;                /* a new stage or version no trusted key signed: kept to
	                           * review (manifest_received), not applied */
	bool witnessed;           /* the mediator signed too */
	buf problems;             /* one line each: a signature not kept, an entry not found */
} manifest_import_report;

void manifest_import_report_free(manifest_import_report *rep);

/* Import an envelope from a file named `name`: the document is checked
 * field by field; its agreement must be stored here with the same terms
 * (the same SHA-256). The stage is created, or given the new version, or
 * the version it has gets the signatures; an older version, or another
 * document under a version this office has, is refused. A new stage or a
 * new version is taken only when a key this office trusts signed it, over
 * this very document: otherwise it is kept as received, to review
 * (rep->held; manifest_received_list), and nothing else changes. Entries are found
 * in this registry by the person's identifier, by the identifiers others
 * gave them (ICRC...), or by matching their identity across scripts;
 * those not found are reported and stay unresolved. All in one
 * transaction, audited. */
pl_rc manifest_import(store *st, const json_t *envelope, const char *name,
                         manifest_import_report *rep, pl_err *err) PL_NODISCARD;

/* The stage's current version as this office holds it (*env, a new
 * reference) verified against every key in the table, the revoked ones
 * marked (*nkeys: how many): what the stage's check shows and what a
 * recheck counts. Free rep (and decref *env) whatever it returns. */
pl_rc manifest_verify_held(store *st, const char *uid, arena *a, json_t **env,
                           signed_doc_report *rep, size_t *nkeys, pl_err *err) PL_NODISCARD;

/* Whether the agreed stage `uid` is still agreed: both parties' signatures
 * on its current version verify against live trusted keys. If not (a key
 * revoked since: its signatures stop counting whenever they were made),
 * the stage goes back to proposed, its persons delisted, the signature
 * that fell said in the audit entry; *dropped tells. A stage in any other
 * status is left as it is. Call inside a transaction. */
pl_rc manifest_recheck_stage(store *st, const char *uid, bool *dropped, pl_err *err) PL_NODISCARD;
/* The same for every agreed stage (after a key is revoked); *dropped
 * counts the stages that went back to proposed. */
pl_rc manifest_recheck_all(store *st, size_t *dropped, pl_err *err) PL_NODISCARD;
/* Revoke a key (sign_key_revoke) and check every agreed stage again, in
 * one transaction: the way the keys page and `parley keys revoke` revoke. */
pl_rc manifest_revoke_key(store *st, const char *fingerprint, const char *reason, const char *actor,
                          sign_trusted *out, size_t *dropped, pl_err *err) PL_NODISCARD;

/* The manifests kept to review (manifest_import's rep->held), newest
 * first, at most 1,000: who sent what, and why it was not applied. */
typedef struct manifest_received_row {
	int64_t id;
	const char *stage, *file, *why, *received_at, *actor;
	int version;
	long entries;
} manifest_received_row;
pl_rc manifest_received_list(store *st, arena *a, manifest_received_row **out, size_t *n,
                             pl_err *err) PL_NODISCARD;

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
