/* The routes: every API endpoint, who may call it, and what it is for.
 * This table is the authorisation of the API (field by field refinements
 * are in the handlers, from the same permissions), and the source of the
 * OpenAPI document. Then the handler groups that keep state between
 * requests, each with the hooks that make and free it (internal.h). */
#include <string.h>

#include "http/internal.h"

#define PERSON_QUERY_PARAMS                                                              \
	"q:string:words of a name, in any script and common spelling;"                       \
	"party:string:party codes, comma-separated (unknown: not known);"                    \
	"held_by:string:who holds them, comma-separated;"                                    \
	"status:string:statuses, comma-separated;"                                           \
	"medical:string:medical categories, comma-separated (medical roles only);"           \
	"branch:string:service branches, comma-separated;"                                   \
	"age:string:MIN-MAX, MIN- or -MAX, on age_on;"                                       \
	"age_on:string:the day ages are taken on, YYYY-MM-DD (default today);"               \
	"captured_since:string:captured on or after this (partial) date;"                    \
	"captured_before:string:captured before this (partial) date;"                        \
	"limit:integer:at most this many (1-200, default 50);"                               \
	"offset:integer:skip this many"

#define LOG_FILTER_PARAMS                                                                \
	"person:string:only this person's id (* for exports);"                               \
	"name:string:only the persons of this name (any script; at most 500 persons);"       \
	"actor:string:only this user;"                                                       \
	"action:string:only this action;"                                                    \
	"since:string:on or after this date or UTC time (YYYY-MM-DD[THH:MM[:SS[.sss]]Z]);"  \
	"until:string:up to this date (the whole day) or UTC time;"                          \
	"before:integer:only entries older than this one (the page's next)"

#define LOG_QUERY_PARAMS                                                                 \
	LOG_FILTER_PARAMS ";"                                                                \
	"limit:integer:a page of this many (1-1000, default 100); the answer's next "       \
	"names the page after"

#define LOG_EXPORT_PARAMS                                                                \
	LOG_FILTER_PARAMS ";"                                                                \
	"limit:integer:at most this many (default: all)"

#define AFTERCARE_QUERY_PARAMS                                                           \
	"agreement:string:only this agreement's stages;"                                     \
	"stage:string:only this stage;"                                                      \
	"party:string:only the people who came home to this party;"                          \
	"other_than:string:only the people of parties other than this one (the other side's);" \
	"step:string:handed_over, transit, assistance, home, hospital or rehabilitation "    \
	"(the health steps for medical roles only);"                                         \
	"limit:integer:list at most this many (1-1000, default 100);"                        \
	"offset:integer:skip this many"

#define REMAINS_QUERY_PARAMS                                                             \
	"batch:string:the cases of one batch (its label);"                                   \
	"status:string:unidentified, preliminary, confirmed, returned (comma-separated);"    \
	"condition:string:complete, incomplete, fragmented, skeletal, commingled, unknown "  \
	"(comma-separated);"                                                                 \
	"tag:string:tags containing this text;"                                              \
	"limit:integer:at most this many (1-1000, default 50);"                              \
	"offset:integer:skip this many"

#define DNA_PAIR_PARAMS                                                                  \
	"case:string:a remains case: its tag, or its id (R...);"                             \
	"other:string:the missing person's id, or another case (tag or id): two remains of one " \
	"person"

#define INQUIRY_MATCH_PARAMS                                                             \
	"surname:string:the sought person's surname, as said, in any script;"                \
	"given_names:string:as said;patronymic:string:as said;"                                \
	"birth_date:string:YYYY, YYYY-MM or YYYY-MM-DD;sex:string:male or female;"             \
	"party:string:a party code;unit:string:the unit, as the family knows it"

#define AG_READ PERM(PERM_AGREEMENT_READ)
#define AG_WRITE PERM(PERM_AGREEMENT_WRITE)
#define ST_READ PERM(PERM_STAGE_READ)
#define RM_READ PERM(PERM_REMAINS_READ)
#define RM_WRITE PERM(PERM_REMAINS_WRITE)
#define DNA_READ PERM(PERM_DNA_READ)
#define DNA_WRITE PERM(PERM_DNA_WRITE)
#define SIGN PERM(PERM_SIGN)
#define KEYS PERM(PERM_KEYS)
#define IQ_READ PERM(PERM_INQUIRY_READ)
#define IQ_WRITE PERM(PERM_INQUIRY_WRITE)
/* The tasks are families' news: read by those who see the inquirers' contacts. */
#define TASK_READ PERM(PERM_INQUIRY_CONTACTS)
/* The office's own settings (its letterhead): the admin's. */
#define OFFICE PERM(PERM_OFFICE)
#define TM_READ PERM(PERM_TESTIMONY_READ)
#define TM_WRITE PERM(PERM_TESTIMONY_WRITE)

const route http_routes[] = {
	{M_POST, "/api/login", 0, ROUTE_PUBLIC | ROUTE_BODY, api_login,
	 "Sign in: sets the session cookie, returns the user and the CSRF token", "Login", NULL},
	{M_POST, "/api/login/second-factor", 0, ROUTE_PUBLIC | ROUTE_BODY, api_login_second_factor,
	 "The second step of a sign-in whose answer asked for a second factor: the pending token and "
	 "a code of the app (or a recovery code); when it asked to enrol, a code of the new secret, "
	 "and the answer holds the recovery codes, once. Sets the session cookie. Wrong codes count "
	 "as failed sign-ins (429 after too many)", "SecondFactorInput", NULL},
	{M_POST, "/api/logout", 0, 0, api_logout, "Sign out: ends the session", NULL, NULL},
	{M_GET, "/api/account/totp", 0, 0, api_totp_status,
	 "Your second factor: in force, pending, required of your role, recovery codes left", NULL, NULL},
	{M_POST, "/api/account/totp", 0, 0, api_totp_begin,
	 "Begin your second factor (in a session): a new secret as base32, otpauth URI and QR code "
	 "(SVG), not in force until confirmed; 409 if one is in force", NULL, NULL},
	{M_POST, "/api/account/totp/confirm", 0, ROUTE_BODY, api_totp_confirm,
	 "Confirm the secret begun with a code of it: in force from now; the answer holds 10 recovery "
	 "codes, shown once", "TotpCodeInput", NULL},
	{M_DELETE, "/api/account/totp", 0, ROUTE_BODY, api_totp_disable,
	 "Turn your second factor off, with your password and a current code (409 when your role "
	 "requires one)", "TotpOffInput", NULL},
	{M_POST, "/api/account/totp/recovery-codes", 0, ROUTE_BODY, api_totp_recovery,
	 "New recovery codes (a current code needed): every one before stops working; shown once",
	 "TotpCodeInput", NULL},
	{M_GET, "/api/me", 0, 0, api_me,
	 "The signed-in user, their roles and permissions, and the CSRF token", NULL, NULL},
	{M_GET, "/api/fields", 0, 0, api_fields,
	 "Field definitions, allowed values, statuses and event types, for forms", NULL, NULL},
	{M_GET, "/api/persons", PERM(PERM_PERSON_READ), 0, api_persons_list,
	 "List and search persons (the search is written to the access log)", NULL,
	 PERSON_QUERY_PARAMS},
	{M_POST, "/api/persons", PERM(PERM_PERSON_WRITE), ROUTE_BODY | ROUTE_CREATES, api_person_create,
	 "Add a person", "PersonInput", NULL},
	{M_GET, "/api/persons/{id}", PERM(PERM_PERSON_READ), 0, api_person_get,
	 "A person's record and timeline (the read is written to the access log)", NULL, NULL},
	{M_PATCH, "/api/persons/{id}", PERM(PERM_PERSON_WRITE) | PERM(PERM_MEDICAL_WRITE), ROUTE_BODY,
	 api_person_update, "Change fields of a person (null forgets a value)", "PersonInput", NULL},
	{M_POST, "/api/persons/{id}/events", PERM(PERM_PERSON_WRITE) | PERM(PERM_MEDICAL_WRITE),
	 ROUTE_BODY | ROUTE_CREATES, api_event_add, "Record an event of a person", "EventInput", NULL},
	{M_POST, "/api/import", PERM(PERM_IMPORT), ROUTE_UPLOAD, api_import,
	 "Import CSV or JSON files (multipart/form-data): all or nothing. Name the import with "
	 "an X-Import-Id header to follow its progress", "Upload",
	 "format:string:csv or json (default: from each file's name and first byte)"},
	{M_GET, "/api/imports/{id}", PERM(PERM_IMPORT), 0, api_import_progress,
	 "The progress of your import named by X-Import-Id", NULL, NULL},
	{M_GET, "/api/export", PERM(PERM_EXPORT), 0, api_export,
	 "Export the registry (written to the access log)", NULL,
	 "format:string:json (default) or csv;what:string:persons (default) or events (csv);"
	 "raw:string:true: CSV fields as they are, formulas not neutralised (for an exact round "
	 "trip, not for a spreadsheet; default false);"
	 "fields:string:only these person fields, comma-separated (JSON then without events)"},
	{M_POST, "/api/export", PERM(PERM_EXPORT), ROUTE_BODY, api_export_encrypted,
	 "Export the registry encrypted to a passphrase (Argon2id, XChaCha20-Poly1305) or to the "
	 "public key file given as text (public_key: box-public-key/1, 'parley box-key'); 'parley "
	 "decrypt' reads it back (docs/security.md). The choices as GET /api/export takes them",
	 "ExportInput", NULL},
	{M_GET, "/api/stats", PERM(PERM_STATS), 0, api_stats,
	 "Counts for the dashboard: statuses, parties, holders, medical categories, returns "
	 "by month, time in captivity", NULL, NULL},
	{M_GET, "/api/audit", PERM(PERM_AUDIT_READ), 0, api_audit,
	 "The audit log of changes, newest first", NULL, LOG_QUERY_PARAMS},
	{M_GET, "/api/audit/verify", PERM(PERM_AUDIT_READ), 0, api_audit_verify,
	 "Check the audit chain", NULL, NULL},
	{M_GET, "/api/access", PERM(PERM_AUDIT_READ), 0, api_access,
	 "The access log of reads, newest first", NULL, LOG_QUERY_PARAMS},
	{M_GET, "/api/audit/export", PERM(PERM_AUDIT_READ), 0, api_audit_export,
	 "The audit log's entries that the filter selects, as CSV (the export is audited)", NULL,
	 LOG_EXPORT_PARAMS},
	{M_GET, "/api/access/export", PERM(PERM_AUDIT_READ), 0, api_access_export,
	 "The access log's entries that the filter selects, as CSV (the export is audited)", NULL,
	 LOG_EXPORT_PARAMS},
	{M_GET, "/api/users", PERM(PERM_USERS), 0, api_users_list, "The users", NULL, NULL},
	{M_POST, "/api/users", PERM(PERM_USERS), ROUTE_BODY | ROUTE_CREATES, api_user_create, "Add a user",
	 "UserInput", NULL},
	{M_PATCH, "/api/users/{name}", PERM(PERM_USERS), ROUTE_BODY, api_user_update,
	 "Change a user's roles, display name, password, or disable them", "UserInput", NULL},
	{M_DELETE, "/api/users/{name}/totp", PERM(PERM_USERS), 0, api_totp_reset,
	 "Reset a user's second factor (a lost phone): removed with their recovery codes, their sessions "
	 "ended; they enrol again at sign-in if their role requires it (audited)", NULL, NULL},
	{M_GET, "/api/settings/second-factor", PERM(PERM_USERS), 0, api_second_factor_get,
	 "The roles that must use a second factor, and those suggested (the roles that read medical "
	 "details or DNA)", NULL, NULL},
	{M_PATCH, "/api/settings/second-factor", PERM(PERM_USERS), ROUTE_BODY, api_second_factor_set,
	 "Set the roles that must use a second factor; the sessions of their users without one end "
	 "(audited)", "SecondFactorRolesInput", NULL},
	{M_GET, "/api/retention", PERM(PERM_USERS), 0, api_retention_list,
	 "The retention rules, and the kinds of data a rule may be set for", NULL, NULL},
	{M_PATCH, "/api/retention/{kind}", PERM(PERM_USERS), ROUTE_BODY, api_retention_set,
	 "Set the retention rule of a kind of data (audited)", "RetentionRuleInput", NULL},
	{M_DELETE, "/api/retention/{kind}", PERM(PERM_USERS), 0, api_retention_drop,
	 "Remove the retention rule of a kind of data (audited)", NULL, NULL},
	{M_POST, "/api/retention/run", PERM(PERM_USERS), ROUTE_BODY, api_retention_run,
	 "Apply the retention rules in one transaction, or (dry_run, the default) list what would change",
	 "RetentionRunInput", NULL},
	{M_GET, "/api/tokens", 0, 0, api_tokens_list,
	 "Your API tokens (all tokens for admins, with all=1)", NULL,
	 "all:integer:1 for every user's tokens (admins)"},
	{M_POST, "/api/tokens", 0, ROUTE_BODY | ROUTE_CREATES, api_token_create,
	 "A new API token for programs (shown once): only in a session, with the password again; "
	 "it expires (90 days by default) and may be limited to reading", "TokenInput", NULL},
	{M_DELETE, "/api/tokens/{id}", 0, 0, api_token_revoke, "Revoke an API token", NULL, NULL},
	{M_POST, "/api/reconcile", PERM(PERM_RECONCILE), ROUTE_UPLOAD, api_reconcile,
	 "Match a list (one CSV file, multipart/form-data) against the registry: each row matched, "
	 "to review or unmatched, with flags and per-field weights (written to the access log)",
	 "Upload",
	 "threshold:number:link at this probability or more (default 0.9);"
	 "review:number:review from this probability (default 0.3);"
	 "id_column:string:the list's identifier column (default: line numbers);"
	 "clause:string:AGREEMENT:CLAUSE: flag matched persons not eligible under it"},
	{M_POST, "/api/reconcile/decisions", PERM(PERM_DECIDE), ROUTE_BODY | ROUTE_CREATES,
	 api_reconcile_decide,
	 "Confirm or reject a match of a report's row (kept, applied on every later run, audited)",
	 "DecisionInput", NULL},
	{M_GET, "/api/dedupe", PERM(PERM_RECONCILE), 0, api_dedupe,
	 "Persons entered more than once: clusters to review, never merged (written to the access "
	 "log)", NULL, "review:number:pairs from this probability (default 0.3)"},
	{M_GET, "/api/agreements", AG_READ, 0, api_agreements_list,
	 "The stored agreements, with their parties, mediator and stages", NULL, NULL},
	{M_POST, "/api/agreements", AG_WRITE, ROUTE_BODY | ROUTE_CREATES, api_agreement_add,
	 "Store an agreement: the body is its document (docs/agreements.md); errors name the "
	 "field's path. The same document again changes nothing (200)", "Agreement", NULL},
	{M_GET, "/api/agreements/{id}", AG_READ, 0, api_agreement_get,
	 "An agreement: its document, in words, its clauses, its stages and its ledger", NULL, NULL},
	{M_POST, "/api/agreements/{id}/plan", AG_READ, ROUTE_BODY, api_plan,
	 "Plan the next stage of a clause: who each side hands over, the schedule, every exclusion "
	 "counted by reason (listed with explain); save stores the next stage as a draft "
	 "(agreement_write). Written to the access log", "PlanInput", NULL},
	{M_GET, "/api/stages", ST_READ, 0, api_stages_list, "The stages, with their status and counts",
	 NULL,
	 "agreement:string:only this agreement's;"
	 "status:string:draft, proposed, agreed, executed, closed or cancelled"},
	{M_GET, "/api/stages/{id}", ST_READ, 0, api_stage_get,
	 "A stage: its manifest's entries and remains, signatures, outcomes, discrepancies "
	 "(written to the access log)", NULL, NULL},
	{M_GET, "/api/stages/{id}/diff", ST_READ, 0, api_stage_diff,
	 "What changed between two versions of a stage's manifest (written to the access log)", NULL,
	 "from:integer:the older version (default: the one before to);"
	 "to:integer:the newer version (default: the current)"},
	{M_POST, "/api/stages/{id}/entries", AG_WRITE, ROUTE_BODY, api_stage_entries,
	 "Put persons on a stage or take them off: a new manifest version, in draft", "EntriesInput",
	 NULL},
	{M_POST, "/api/stages/{id}/propose", AG_WRITE, 0, api_stage_propose,
	 "A draft is final and ready to be signed", NULL, NULL},
	{M_POST, "/api/stages/{id}/cancel", AG_WRITE, ROUTE_BODY, api_stage_cancel,
	 "Cancel a stage before it is executed; those listed on it go back to held", "CancelInput",
	 NULL},
	{M_POST, "/api/stages/{id}/close", AG_WRITE, 0, api_stage_close,
	 "Close an executed stage: nothing more will change", NULL, NULL},
	{M_POST, "/api/stages/{id}/execute", AG_WRITE, ROUTE_BODY, api_stage_execute,
	 "Record the handover of an agreed stage: outcomes per person (everyone else handed "
	 "over), bodies delivered per batch", "ExecuteInput", NULL},
	{M_POST, "/api/stages/{id}/outcomes", AG_WRITE, ROUTE_BODY, api_stage_outcomes,
	 "As people cross: the outcomes of the persons named (one or a group), saved at once; the stage "
	 "is in_progress from the first. Nobody is taken as handed over unless named", "OutcomesInput",
	 NULL},
	{M_POST, "/api/stages/{id}/finish", AG_WRITE, ROUTE_BODY, api_stage_finish,
	 "Finish the execution of a stage in progress: refused while anyone is pending; the bodies "
	 "delivered per batch", "ExecuteInput", NULL},
	{M_POST, "/api/stages/{id}/corrections", AG_WRITE, ROUTE_BODY, api_stage_correct,
	 "Correct an outcome recorded (a record of its own with its reason, audited); the ledger and "
	 "statements follow", "CorrectionInput", NULL},
	{M_GET, "/api/stages/{id}/corrections", ST_READ, 0, api_stage_corrections,
	 "A stage's corrections of outcomes, oldest first, with their reasons", NULL, NULL},
	{M_GET, "/api/stages/{id}/substitutes", AG_WRITE, 0, api_stage_substitutes,
	 "Who could go instead of an entry: persons a name finds among those its side holds, judged by "
	 "its clause as the planner judges, the eligible first, the others with the reason (written to "
	 "the access log)", NULL, "entry:integer:the entry replaced;q:string:words of a name;"
	 "limit:integer:at most this many (1-100, default 20)"},
	{M_GET, "/api/stages/{id}/manifest", ST_READ, 0, api_stage_manifest,
	 "The current manifest as a signed document to download, with the signatures this office "
	 "holds (written to the access log)", NULL, NULL},
	{M_GET, "/api/stages/{id}/verify", ST_READ, 0, api_stage_verify,
	 "The signatures on the current manifest checked against this office's trusted keys, "
	 "signature by signature, and who has not signed", NULL, NULL},
	{M_GET, "/api/stages/{id}/statement", AG_READ, 0, api_statement,
	 "What a ministry would publish about an executed stage: categories, ages, bodies, under "
	 "the agreement's title; while the embargo holds no numbers and no figure describing "
	 "fewer than k people",
	 NULL,
	 "lang:string:en, uk or ru (default en);"
	 "format:string:json (default; the figures, with the text as Markdown, HTML and plain), "
	 "md, html or text (a download);"
	 "party:string:whose people came home (default: the party that received);"
	 "date:string:the day of the statement, for the embargo (default today);"
	 "k:integer:under embargo the smallest group described (default the agreement's, never "
	 "less)"},
	{M_POST, "/api/stages/{id}/sign", SIGN, ROUTE_BODY, api_stage_sign,
	 "Sign the current manifest with the office's key, opened with its passphrase for this one "
	 "signature (a party's key signs as the party, a mediator's witnesses); kept as an imported "
	 "signature is. A wrong passphrase is 403 wrong_passphrase, audited and counted as failed "
	 "sign-ins are (429 after too many)", "SignInput", NULL},
	{M_POST, "/api/manifests", AG_WRITE | SIGN, ROUTE_UPLOAD, api_manifest_import,
	 "Take in a signed manifest (one JSON file, multipart/form-data): a new stage, version or "
	 "signatures; agreed when both parties have signed with trusted keys; a new stage or version "
	 "no trusted key signed is kept to review, not applied (held)", "Upload", NULL},
	{M_GET, "/api/manifests/received", AG_WRITE, 0, api_manifests_received,
	 "The manifests kept to review, newest first: new stages or versions no trusted key signed",
	 NULL, NULL},
	{M_GET, "/api/keys", ST_READ | KEYS, 0, api_keys_list,
	 "The signing keys: those this office trusts (held: its own, sealed here) and those revoked",
	 NULL, NULL},
	{M_POST, "/api/keys", KEYS, ROUTE_BODY | ROUTE_CREATES, api_key_generate,
	 "Make the office's signing key: its public part trusted, its secret sealed here under the "
	 "passphrase (given twice), for signing in the browser", "KeyInput", NULL},
	{M_POST, "/api/keys/import", KEYS, ROUTE_UPLOAD, api_key_import,
	 "Trust another office's or the mediator's public key (its public key file, "
	 "multipart/form-data); 200 if it was trusted already", "Upload", NULL},
	{M_GET, "/api/keys/{fingerprint}/public", ST_READ | KEYS, 0, api_key_public,
	 "A key's public key file, to give to the others (the fingerprint without spaces)", NULL,
	 NULL},
	{M_POST, "/api/keys/{fingerprint}/revoke", KEYS, ROUTE_BODY, api_key_revoke,
	 "Stop trusting a key, with the reason (required; audited); the office's own key's sealed "
	 "secret is erased", "RevokeInput", NULL},
	{M_GET, "/api/aftercare", PERM(PERM_AFTERCARE_READ), 0, api_aftercare,
	 "Where those handed over are now, counted by step and listed (health steps and the Art. "
	 "117 flag for medical roles; written to the access log)", NULL, AFTERCARE_QUERY_PARAMS},
	{M_POST, "/api/aftercare/events", PERM(PERM_PERSON_WRITE) | PERM(PERM_MEDICAL_WRITE),
	 ROUTE_BODY | ROUTE_CREATES, api_aftercare_record,
	 "Record one event of the way home (arrived_transit, repatriated; the health events assistance, "
	 "hospital_admission, treatment for medical roles) for a group of returnees: one transaction, "
	 "one audited event each, all or nothing (a refusal names persons[i])",
	 "AftercareEventsInput", NULL},
	{M_GET, "/api/inquiries", IQ_READ, 0, api_inquiries_list,
	 "Families' inquiries, newest first, with the sought person and the consents in force (each "
	 "read written to the access log; contacts only for the family liaison and admin)", NULL,
	 "status:string:open, answered, closed (comma-separated);"
	 "person:string:the inquiries about one person (their id);"
	 "limit:integer:at most this many (1-200, default 50);offset:integer:skip this many"},
	{M_POST, "/api/inquiries", IQ_WRITE, ROUTE_BODY | ROUTE_CREATES, api_inquiry_add,
	 "Record an inquiry: who asks, about whom (person, or the names to find them by: linked by the "
	 "matching engine at or above 0.9; a likely person below that is refused with 409 and its id "
	 "until the person is given or new_person is set; nobody near: a new person reported missing by "
	 "the family), what they know, consent per purpose. A ref already recorded answers 200 and "
	 "changes nothing", "InquiryInput", NULL},
	{M_GET, "/api/inquiries/match", IQ_WRITE, 0, api_inquiry_match,
	 "The registry's likely person for an intake being typed, with the probability and whether an "
	 "inquiry would be linked to them (written to the access log)", NULL, INQUIRY_MATCH_PARAMS},
	{M_POST, "/api/inquiries/import", IQ_WRITE, ROUTE_UPLOAD, api_inquiries_import,
	 "Import a backlog of inquiries (one CSV file, multipart/form-data; docs/families.md): all or "
	 "nothing, each problem with file, line and column", "Upload",
	 "max_errors:integer:report up to this many problems (1-1000, default 20)"},
	{M_GET, "/api/inquiries/{id}", IQ_READ, 0, api_inquiry_get,
	 "An inquiry with its consent history and the other inquiries about the same person (the read "
	 "is written to the access log)", NULL, NULL},
	{M_POST, "/api/inquiries/{id}/consents", IQ_WRITE, ROUTE_BODY | ROUTE_CREATES, api_inquiry_consent,
	 "Give consent for a purpose (tracing, dna_reference, share_icrc, share_other_party, court), "
	 "dated, in a form; contradictory consent is refused. dna_reference: samples names the DNA samples "
	 "given with it; given again after a withdrawal, the samples withheld then are usable again (dna)",
	 "ConsentInput", NULL},
	{M_POST, "/api/inquiries/{id}/withdrawals", IQ_WRITE, ROUTE_BODY, api_inquiry_withdraw,
	 "Withdraw the consent for a purpose, dated: kept with its grant, never deleted. Withdrawing "
	 "dna_reference withholds the DNA samples given under it from screening in the same transaction: "
	 "the answer's dna says which samples, the proposals that fell (not confirmed: kept as fallen) and "
	 "the confirmed identifications that rest on them (listed, not undone)", "WithdrawInput",
	 NULL},
	{M_POST, "/api/inquiries/{id}/samples", IQ_WRITE, ROUTE_BODY, api_inquiry_samples,
	 "Name DNA samples (the laboratory's ids) the inquirer gave under the dna_reference consent in "
	 "force: used in screening while it stands; a sample is one inquiry's", "SamplesInput", NULL},
	{M_POST, "/api/inquiries/{id}/status", IQ_WRITE, ROUTE_BODY, api_inquiry_status,
	 "Answer or close an inquiry (closing needs a reason; closed is final)", "InquiryStatusInput", NULL},
	{M_GET, "/api/persons/{id}/antemortem", PERM(PERM_ANTEMORTEM_READ), 0, api_antemortem_get,
	 "A sought person's ante-mortem record as the family gave it (marks, dental chart, height, colours, "
	 "clothing, effects) and their photos; recorded false if none (the read is written to the access log)",
	 NULL, NULL},
	{M_POST, "/api/persons/{id}/antemortem", PERM(PERM_ANTEMORTEM_WRITE), ROUTE_BODY, api_antemortem_set,
	 "Set a person's ante-mortem record, replacing it whole (audited); a bad value is refused naming its "
	 "field (dental.19, marks[1].location) and nothing is written", "AntemortemInput", NULL},
	{M_POST, "/api/persons/{id}/photos", PERM(PERM_ANTEMORTEM_WRITE), ROUTE_UPLOAD | ROUTE_CREATES, api_photo_add,
	 "Add a photo of a person (one file, multipart/form-data): JPEG, PNG or WebP by its content, at most "
	 "10 MiB (parley serve --photo-max); kept beside the database by its SHA-256", "Upload", "caption:string:a caption"},
	{M_GET, "/api/photos/{sha256}", PERM(PERM_ANTEMORTEM_READ), 0, api_photo_get,
	 "A photo's bytes, checked against its SHA-256 (every read written to the access log under its "
	 "person)", NULL, NULL},
	{M_GET, "/api/tasks", TASK_READ, 0, api_tasks_list,
	 "The family liaison's tasks: open first, then by person, each with its evidence, the inquiry, and "
	 "whether the family may be contacted (each read written to the access log)", NULL,
	 "status:string:open, done, dismissed (comma-separated);person:string:one person's tasks (their id);"
	 "assignee:string:the tasks given to one user;limit:integer:at most this many (1-200, default 50);"
	 "offset:integer:skip this many"},
	{M_POST, "/api/tasks/watch", IQ_WRITE, 0, api_tasks_watch,
	 "Run the watch now (the server runs it every few seconds): a task for each change since its mark "
	 "that concerns a person with an open inquiry", NULL, NULL},
	{M_GET, "/api/tasks/{id}", TASK_READ, 0, api_task_get,
	 "A task with its evidence (the read written to the access log)", NULL, NULL},
	{M_POST, "/api/tasks/{id}/assign", IQ_WRITE, ROUTE_BODY, api_task_assign,
	 "Give an open task to a user (an empty user: nobody)", "TaskAssignInput", NULL},
	{M_POST, "/api/tasks/{id}/done", IQ_WRITE, ROUTE_BODY, api_task_done,
	 "Close a task with how (phone, letter, in_person) and when the family was told, and what; refused "
	 "when the inquiry's tracing consent was withdrawn", "TaskDoneInput", NULL},
	{M_POST, "/api/tasks/{id}/dismiss", IQ_WRITE, ROUTE_BODY, api_task_dismiss,
	 "Dismiss an open task with the reason", "TaskDismissInput", NULL},
	{M_GET, "/api/letters/templates", TASK_READ, 0, api_letter_templates,
	 "The letter templates in use, a kind (acknowledgement, status_update, return, identification) and "
	 "language (uk, en, ru) each: the catalogue's default or the office's own, and the placeholders",
	 NULL, NULL},
	{M_GET, "/api/letters/templates/{kind}/{lang}", TASK_READ, 0, api_letter_template_get,
	 "A letter template in use with every version the office saved, newest first (a reset: body null)",
	 NULL, NULL},
	{M_POST, "/api/letters/templates/{kind}/{lang}", IQ_WRITE | OFFICE, ROUTE_BODY, api_letter_template_set,
	 "Save the office's own text of a template (the earlier versions kept); an unknown placeholder or a "
	 "brace not closed is refused naming its line and column (field body)", "LetterTemplateInput", NULL},
	{M_POST, "/api/letters/templates/{kind}/{lang}/reset", IQ_WRITE | OFFICE, 0, api_letter_template_reset,
	 "Go back to the default text of a template (the office's versions kept in the history)", NULL, NULL},
	{M_GET, "/api/letters/office", TASK_READ | OFFICE, 0, api_letter_office_get,
	 "The office's name at the head of its letters (their {office}); null when none is set", NULL, NULL},
	{M_POST, "/api/letters/office", OFFICE, ROUTE_BODY, api_letter_office_set,
	 "Set the office's name at the head of its letters (one line, at most 200 characters; \"\" takes it "
	 "away); audited with the name before and after", "LetterOfficeInput", NULL},
	{M_POST, "/api/letters/render", TASK_READ, ROUTE_BODY, api_letter_render,
	 "Write a letter for an inquiry without sending it: letterhead, date, address block, text (a draft "
	 "template in body, else the one in use); refused without tracing consent, and for a notice of "
	 "return or identification before the person's status allows it (audited, in the access log)",
	 "LetterRenderInput", NULL},
	{M_POST, "/api/letters", IQ_WRITE, ROUTE_BODY | ROUTE_CREATES, api_letter_send,
	 "Write a letter and record it as sent (how: post, email, in_person, phone, handed_over; the day), "
	 "its text kept as sent; task: the watch task it closes; a notice of return or identification "
	 "marks an open inquiry answered", "LetterSendInput", NULL},
	{M_GET, "/api/letters", TASK_READ, 0, api_letters_list,
	 "The letters sent, newest first (each read written to the access log)", NULL,
	 "inquiry:string:one inquiry's letters (its id);limit:integer:at most this many (1-200, default 50);"
	 "offset:integer:skip this many"},
	{M_GET, "/api/letters/{id}", TASK_READ, 0, api_letter_get,
	 "A letter as it was sent (the read written to the access log)", NULL, NULL},
	{M_GET, "/api/testimonies", TM_READ, 0, api_testimonies_list,
	 "Returnees' testimonies, newest first: the returnee, when and where taken, how many sightings and how "
	 "many wait for review (each returnee a read in the access log)", NULL,
	 "returnee:string:one returnee's (their id);open:boolean:only those with sightings in review;"
	 "limit:integer:at most this many (1-200, default 50);offset:integer:skip this many"},
	{M_POST, "/api/testimonies", TM_WRITE, ROUTE_BODY | ROUTE_CREATES, api_testimony_add,
	 "Take a testimony: the returnee (a registry person), when, where and by whom, and the people seen in "
	 "captivity as said (part of a name in any script, a nickname, the unit; where, when, condition). Each "
	 "sighting is matched against the registry into the review queue with its candidates, or says why it "
	 "has none; a bad value is refused naming its field (sightings[2].condition) and nothing is written",
	 "TestimonyInput", NULL},
	{M_POST, "/api/testimonies/import", TM_WRITE, ROUTE_UPLOAD, api_testimonies_import,
	 "Import testimonies from one CSV file (multipart/form-data), all or nothing: a row per person seen, the "
	 "rows of one testimony sharing its ref; bad rows answer 422 with each problem's line and column; a ref "
	 "recorded already is skipped", "Upload", "max_errors:integer:report up to this many problems (1-1000, default 20)"},
	{M_GET, "/api/testimonies/{id}", TM_READ, 0, api_testimony_get,
	 "A testimony with each sighting, its candidates or its decision (the persons shown are reads in the "
	 "access log)", NULL, NULL},
	{M_GET, "/api/sightings", TM_READ, 0, api_sightings_list,
	 "The review queue: sightings oldest first, each beside its candidates (probability, name, birth date, "
	 "unit, where captured and held)", NULL,
	 "status:string:review (default), accepted, rejected, not_in_registry (comma-separated);"
	 "testimony:string:one testimony's;person:string:those accepted as one person;"
	 "limit:integer:at most this many (1-200, default 50);offset:integer:skip this many"},
	{M_POST, "/api/sightings/{id}/accept", TM_WRITE, ROUTE_BODY, api_sighting_accept,
	 "Accept a sighting as a registry person with the reviewer's confidence (high, medium, low): an event "
	 "'seen in captivity', source testimony, that never changes a status; a task for the family liaison "
	 "when the person has an open inquiry; accepting again as the same person changes nothing",
	 "SightingAcceptInput", NULL},
	{M_POST, "/api/sightings/{id}/reject", TM_WRITE, ROUTE_BODY, api_sighting_reject,
	 "Reject a sighting with the reason, or mark it not in the registry: no event", "SightingRejectInput",
	 NULL},
	{M_GET, "/api/proof-of-captivity", TM_READ, 0, api_proof,
	 "The proof-of-captivity report: the persons the other side has not acknowledged for whom the office "
	 "has evidence of captivity, each with that evidence (source, date, place, the testimony, who said it, "
	 "confidence); no medical details beyond the condition seen, no notes (each person a read in the "
	 "access log)", NULL, "format:string:json (default) or csv"},
	{M_GET, "/api/remains", RM_READ, 0, api_remains_list, "Remains cases by tag, with filters", NULL,
	 REMAINS_QUERY_PARAMS},
	{M_GET, "/api/remains/batches", RM_READ, 0, api_remains_batches,
	 "Every batch: parties, handover date, declared against received, cases by status", NULL,
	 NULL},
	{M_GET, "/api/remains/batches/{label}", RM_READ, 0, api_remains_batch_get,
	 "A batch (by label or id) and its cases", NULL,
	 "limit:integer:at most this many cases (1-1000, default 50);offset:integer:skip this many"},
	{M_GET, "/api/remains/ties", RM_WRITE, 0, api_remains_ties,
	 "What a batch may be tied to: each agreement with a clause about remains, those clauses, and its "
	 "stages not cancelled (no person)", NULL, NULL},
	{M_POST, "/api/remains/batches", RM_WRITE, ROUTE_BODY | ROUTE_CREATES, api_remains_batch_add,
	 "Record a batch handed over together, with the bodies the sender declared", "BatchInput", NULL},
	{M_POST, "/api/remains/batches/{label}/tie", RM_WRITE, ROUTE_BODY, api_remains_batch_tie,
	 "Tie a batch (by label or id) to its stage and the clause about bodies it counts under in the "
	 "ledger (stage null: untie); audited", "TieInput", NULL},
	{M_POST, "/api/remains/import", RM_WRITE, ROUTE_UPLOAD, api_remains_import,
	 "Import a cases file (one CSV file, multipart/form-data): all or nothing, every problem "
	 "with its line and column", "Upload",
	 "from:string:new batches: the party that handed them over, where rows leave it out;"
	 "to:string:new batches: the party that received them;"
	 "date:string:new batches: the handover date;"
	 "max_errors:integer:report up to this many problems (default 20)"},
	{M_GET, "/api/remains/{tag}", RM_READ, 0, api_remains_get,
	 "A case (by tag, or by id for tags with other characters): custody chain, fragments, "
	 "the same person in other cases", NULL, NULL},
	{M_GET, "/api/remains/{tag}/postmortem", RM_READ, 0, api_postmortem_get,
	 "A case's post-mortem observations (marks, dental chart, height estimate, colours, clothing, "
	 "effects); recorded false if none", NULL, NULL},
	{M_POST, "/api/remains/{tag}/postmortem", RM_WRITE, ROUTE_BODY, api_postmortem_set,
	 "Set a case's post-mortem observations, replacing them whole (audited); a bad value is refused "
	 "naming its field", "PostmortemInput", NULL},
	{M_GET, "/api/remains/{tag}/comparison", RM_READ, 0, api_comparison,
	 "A person's ante-mortem record against the case's post-mortem observations, per kind agree, "
	 "disagree or unknown with why (dental: an exclusion when a state cannot follow from the other); "
	 "secondary evidence beside DNA, for those who read both (written to the access log)", NULL,
	 "person:string:the person's id (required)"},
	{M_POST, "/api/remains/{tag}/custody", RM_WRITE, ROUTE_BODY | ROUTE_CREATES,
	 api_remains_custody, "Add to a case's chain of custody", "CustodyInput", NULL},
	{M_POST, "/api/remains/{tag}/fragments", RM_WRITE, ROUTE_BODY, api_remains_fragment,
	 "Record a fragment of a case, or change the one with that label", "FragmentInput", NULL},
	{M_POST, "/api/remains/{tag}/identify", RM_WRITE, ROUTE_BODY, api_remains_identify,
	 "Identify a case as a person: preliminary, or confirmed (recorded on the person)",
	 "IdentifyInput", NULL},
	{M_POST, "/api/remains/{tag}/withdraw", RM_WRITE, 0, api_remains_withdraw,
	 "Withdraw a preliminary identification", NULL, NULL},
	{M_POST, "/api/remains/{tag}/return", RM_WRITE, ROUTE_BODY, api_remains_return,
	 "The remains belong to the other side and were sent back", "ReturnInput", NULL},
	{M_POST, "/api/dna/import", DNA_WRITE, ROUTE_UPLOAD, api_dna_import,
	 "Import DNA profiles of remains or of relatives, or the allele frequency table (one CSV file, "
	 "multipart/form-data): all or nothing, every problem with its line and column", "Upload",
	 "kind:string:remains, references, pedigree (families of any shape in the ped layout), "
	 "frequencies, or genotypes (frequencies counted from them);"
	 "max_errors:integer:report up to this many problems (default 20);"
	 "people:integer:frequencies: how many people were typed, for the floor 5/2N;"
	 "min_count:integer:genotypes: the minimum count of an allele (default 5)"},
	{M_POST, "/api/dna/screen", DNA_WRITE, ROUTE_BODY, api_dna_screen,
	 "Screen remains (of one batch, or all not returned) against every family and every other "
	 "remains, and keep the proposals: the run's summary, and its report if asked", "ScreenInput",
	 NULL},
	{M_GET, "/api/dna/proposals", DNA_READ, 0, api_dna_proposals,
	 "The pairs the screenings kept, highest posterior first, each with the prior 1/N its "
	 "posterior assumed (written to the access log)", NULL,
	 "status:string:candidate, proposed, reviewed, confirmed, rejected, withdrawn, fallen (comma-separated);"
	 "case:string:the pairs of one case (its tag, or its id R...);"
	 "person:string:the pairs of one missing person (their id);"
	 "limit:integer:at most this many (1-1000, default 50);"
	 "offset:integer:skip this many"},
	{M_GET, "/api/dna/references", DNA_READ, 0, api_dna_references,
	 "The reference samples with their consent: the laboratory's (named by no inquiry), given, or "
	 "withdrawn (withheld from screening, with the day and the inquiry, never the relative's "
	 "contacts); the missing persons each is a reference of (written to the access log)", NULL,
	 "withheld:boolean:only the withheld;"
	 "limit:integer:at most this many (1-1000, default 200);"
	 "offset:integer:skip this many"},
	{M_GET, "/api/dna/advice", DNA_READ, 0, api_dna_advice,
	 "Sampling advice: for each missing person with relatives' profiles, the probability that a "
	 "true match would be proposed, the exclusion power, and the relative not yet sampled who "
	 "would raise the first most (in a family imported as a pedigree, an individual of it not yet "
	 "typed), highest gain first (written to the access log)", NULL,
	 "person:string:one missing person's family (their id);"
	 "limit:integer:at most this many (1-1000, default 50);"
	 "simulations:integer:profiles simulated per estimate (10-100000, default 1000);"
	 "seed:integer:the seed of the simulations (default 1)"},
	{M_GET, "/api/dna/explain", DNA_READ, 0, api_dna_explain,
	 "A pair locus by locus: the genotypes, the LR at each locus and whether it is consistent, "
	 "the product, the posterior, the stored proposal and what confirming it would do (written "
	 "to the access log)", NULL, DNA_PAIR_PARAMS},
	{M_POST, "/api/dna/review", DNA_WRITE, ROUTE_BODY, api_dna_review,
	 "The first of two people: record a proposal (proposed or candidate) as reviewed, with a note "
	 "(required); nothing is identified yet", "DnaReviewInput", NULL},
	{M_POST, "/api/dna/confirm", DNA_WRITE, ROUTE_BODY, api_dna_confirm,
	 "The second person confirms a reviewed proposal (409 if not reviewed, or if the asker "
	 "reviewed it): the case identified as the person (recorded on the person), or flagged for "
	 "return when the person is of the side that handed it over, or two cases joined as one "
	 "person; force for a candidate below the threshold", "DnaConfirmInput", NULL},
	{M_POST, "/api/dna/reject", DNA_WRITE, ROUTE_BODY, api_dna_reject,
	 "Reject a proposal (proposed, candidate or reviewed): kept, and not proposed again",
	 "DnaRejectInput", NULL},
	{M_POST, "/api/dna/withdraw", DNA_WRITE | PERM(PERM_USERS), ROUTE_BODY, api_dna_withdraw,
	 "Request the withdrawal of a confirmed identification, with the reason (an admin or a user "
	 "with dna_write); it awaits approval", "DnaWithdrawInput", NULL},
	{M_POST, "/api/dna/withdraw/approve", DNA_WRITE | PERM(PERM_USERS), ROUTE_BODY,
	 api_dna_withdraw_approve,
	 "Approve a pending withdrawal: another person, an admin and a user with dna_write between the "
	 "two (409 otherwise); the case back to unidentified, the person's events the confirmation "
	 "recorded voided, its fragments removed; 409 saying why when a later event forbids it",
	 "DnaPairInput", NULL},
	{M_POST, "/api/dna/withdraw/cancel", DNA_WRITE | PERM(PERM_USERS), ROUTE_BODY,
	 api_dna_withdraw_cancel, "Drop a pending withdrawal request (its requester, or one who could "
	 "approve it)", "DnaPairInput", NULL},
	{M_GET, "/api/dna/pedigrees", DNA_READ, 0, api_dna_pedigrees,
	 "The families entered as pedigrees, each with its individuals (written to the access log)",
	 NULL, NULL},
	{M_GET, "/api/dna/pedigree", DNA_READ, 0, api_dna_pedigree,
	 "One family entered as a pedigree: its individuals and its tree as text (written to the "
	 "access log; 404 if there is none)", NULL, "family:string:the family's id (required)"},
	{M_GET, "/api/dna/frequencies", DNA_READ, 0, api_dna_frequencies,
	 "The allele frequency table in use, locus by locus (404 if there is none)", NULL, NULL},
	{M_GET, "/api/openapi.json", 0, ROUTE_PUBLIC, api_openapi, "This API, as OpenAPI 3.0", NULL,
	 NULL},
	{M_GET, "/api/messages", 0, ROUTE_PUBLIC, api_messages,
	 "The message catalogue in one language: the text of every code the server's messages carry "
	 "(message_code, reason codes), with their {arguments}", NULL,
	 "lang:string:en, uk or ru (default en)"},
};

const size_t http_nroutes = sizeof(http_routes) / sizeof(http_routes[0]);

const http_group_hooks http_groups[GROUP_COUNT] = {
	[GROUP_FILES] = {static_init, static_free},
	[GROUP_ACCESS_LOG] = {access_writer_start, access_writer_stop},
	[GROUP_LOGINS] = {login_limit_init, login_limit_free},
	[GROUP_IMPORTS] = {import_watch_init, import_watch_free},
	[GROUP_SIGNING] = {sign_limit_init, sign_limit_free},
	[GROUP_WATCH] = {watcher_start, watcher_stop},
};

/* A path parameter: an id, a user name, a number. */
static bool param_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '_';
}

/* Does path match pattern? Parameters go to params. */
static bool match(const char *pattern, const char *path, char params[PATH_PARAMS][PARAM_MAX])
{
	int np = 0;
	while(*pattern && *path) {
		if(*pattern == '{') {
			const char *end = strchr(pattern, '}');
			size_t n = 0;
			while(param_char(path[n]))
				n++;
			if(!n || n >= PARAM_MAX || np == PATH_PARAMS || (path[n] && path[n] != '/'))
				return false;
			memcpy(params[np], path, n);
			params[np][n] = '\0';
			np++;
			path += n;
			pattern = end + 1;
			continue;
		}
		if(*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return !*pattern && !*path;
}

bool router_takes_param(const route *rt, const char *name)
{
	size_t len = strlen(name);
	for(const char *p = rt->params; p && *p;) {
		if(!strncmp(p, name, len) && p[len] == ':')
			return true;
		p = strchr(p, ';');
		p = p ? p + 1 : NULL;
	}
	return false;
}

const route *router_match(http_req *q, bool *wrong_method)
{
	*wrong_method = false;
	char params[PATH_PARAMS][PARAM_MAX];
	for(size_t i = 0; i < http_nroutes; i++) {
		if(!match(http_routes[i].pattern, q->path, params))
			continue;
		if(http_routes[i].method != q->method) {
			*wrong_method = true;
			continue;
		}
		memcpy(q->param, params, sizeof(params));
		return &http_routes[i];
	}
	return NULL;
}
