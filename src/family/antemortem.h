/* Ante-mortem data of a sought person (docs/families.md, issue 15 item 2):
 * what the family says the person looked like, and photos of them.
 *
 * The record is one document per person, given by the family and linked to
 * the inquiry it came from: distinguishing marks and tattoos (a body
 * location from a fixed list, a description), a dental summary per tooth in
 * the INTERPOL DVI style (FDI numbers 11-48, one code each), height as a
 * range in centimetres, build, hair and eye colour, clothing and personal
 * effects last worn. It is given and kept as JSON:
 *
 *   {"inquiry": "Q...", "height": {"min": 175, "max": 180}, "build": "slim",
 *    "hair": "brown", "eyes": "blue",
 *    "marks": [{"kind": "tattoo", "location": "arm_left", "description": "anchor"}],
 *    "dental": {"16": "filled", "36": "missing"},
 *    "clothing": "...", "effects": "..."}
 *
 * Every key is optional; a bad value is refused naming its field
 * ("marks[1].location", "dental.19") and nothing is written. Setting a
 * record replaces the whole of it (one transaction, audited with the record
 * before and after).
 *
 * Photos are files beside the database (the directory DB.photos/), each
 * named by the SHA-256 of its content, their type told by their content
 * (JPEG, PNG or WebP magic, never the name), their size capped. A photo is
 * written to its file before its row and removed again when the row is not
 * written: no orphan file. */
#ifndef PARLEY_FAMILY_ANTEMORTEM_H
#define PARLEY_FAMILY_ANTEMORTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

struct json_t;

/* ---- words ------------------------------------------------------------------ */

extern const char *const am_location_names[];   /* NULL-terminated: head, face, ... other */
extern const char *const am_mark_kind_names[];  /* tattoo, scar, birthmark, piercing, amputation, other */
extern const char *const am_tooth_code_names[]; /* present, filled, root_canal, crown, missing, implant, bridge, unknown */
extern const char *const am_build_names[];
extern const char *const am_hair_names[];
extern const char *const am_eye_names[];

/* Whether n is an FDI number of a permanent tooth (11-18, 21-28, 31-38, 41-48). */
bool am_tooth_exists(long n);

/* ---- the record ------------------------------------------------------------- */

/* Check an observations document (the shape above; "inquiry" only when
 * inquiry_allowed) and return a cleaned copy (new reference): values
 * trimmed, empty ones left out, dental keys in tooth order. NULL with
 * PL_EINPUT and the field named in err. Shared by the ante-mortem record
 * and the remains' post-mortem observations, which have the same kinds. */
struct json_t *am_clean(const struct json_t *doc, bool inquiry_allowed, pl_err *err);

/* Set the ante-mortem record of a person (uid or unique prefix), replacing
 * what was there. An inquiry named must be about that person. */
pl_rc family_antemortem_set(store *st, const char *who_id, const struct json_t *doc, pl_err *err);

/* The record of a person as JSON (new reference), with "person",
 * "updated_at", "actor" and "photos"; *out NULL when none is recorded
 * (and no photo). */
pl_rc family_antemortem_get(store *st, const char *who_id, struct json_t **out, pl_err *err);

/* ---- photos ------------------------------------------------------------------- */

#define AM_PHOTO_MAX_DEFAULT (10u * 1024 * 1024)

typedef struct am_photo {
	char sha256[65];            /* hex: the file's name */
	const char *type;           /* image/jpeg, image/png, image/webp */
	int64_t size;
	const char *caption, *actor, *created_at;
	char person[24];
} am_photo;

/* The type of an image by its first bytes: "image/jpeg", "image/png",
 * "image/webp", or NULL. */
const char *am_sniff(const unsigned char *data, size_t n);

/* The directory of the photos of the database at db_path ("DB.photos"). */
void am_photo_dir(const char *db_path, char *out, size_t size);

/* Add a photo of a person from data[0..n): refused (PL_EINPUT) when it is
 * not a JPEG, PNG or WebP by its content, (PL_ELIMIT) larger than max bytes
 * (0: AM_PHOTO_MAX_DEFAULT). The same content twice for one person is
 * refused (PL_ECONFLICT). out (may be NULL) gets the photo. */
pl_rc family_photo_add(store *st, const char *who_id, const void *data, size_t n, size_t max,
                       const char *caption, am_photo *out, pl_err *err);

/* The photos of a person, oldest first. */
pl_rc family_photo_list(store *st, const char *who_id, arena *a, am_photo **out, size_t *n, pl_err *err);

/* The content of a photo by its SHA-256 (of a person: the photo must be
 * theirs) into out, checked against its name: a file missing or changed
 * is PL_EINTEGRITY. The caller checks the permission and logs the read. */
pl_rc family_photo_read(store *st, const char *sha256, am_photo *meta, arena *a, buf *out, pl_err *err);

/* Every photo the database names, checked on disk: each one missing or
 * changed is a line in problems. PL_EINTEGRITY when any is. */
pl_rc family_photo_check(store *st, buf *problems, size_t *count, pl_err *err);

/* Into a backup's copy of the database (a plain SQLite file at copy, not in
 * use), the photo files of the database at db_path, each checked against
 * its name. A file missing or changed is a line in missing; with
 * missing_ok false it refuses the backup (PL_EINTEGRITY). */
pl_rc family_photo_pack(const char *copy, const char *db_path, bool missing_ok, buf *missing, long *packed,
                        pl_err *err);
/* Out of a restored copy (before it takes its name db_path): the photo
 * files written beside db_path, the copy's extra table dropped. A photo
 * the database names and the backup did not bring is a line in missing. */
pl_rc family_photo_unpack(const char *copy, const char *db_path, buf *missing, long *restored, pl_err *err);

/* Remove the photo files no record names any more (retention erased their
 * records, family_retention_apply): after the change has committed, since
 * a file is not in the transaction; a crash between leaves files for the
 * next sweep, never a record without its file. Files not named as photos
 * are left alone. */
pl_rc family_photo_sweep(store *st, long *removed, pl_err *err);

/* ---- comparison with post-mortem observations -------------------------------- */

typedef enum am_verdict { AM_AGREE, AM_DISAGREE, AM_UNKNOWN } am_verdict;
extern const char *const am_verdict_names[]; /* agree, disagree, unknown */

/* The kinds compared. */
typedef enum am_kind { AK_DENTAL, AK_MARKS, AK_HEIGHT, AK_BUILD, AK_HAIR, AK_EYES, AK_CLOTHING, AK_EFFECTS, AK_COUNT } am_kind;
extern const char *const am_kind_names[];

typedef struct am_finding {
	am_verdict verdict;
	/* Why, as a coded message (why.code, why.arg; why.msg in English):
	 * said in the reader's language by the catalogue. */
	pl_err why;
} am_finding;

/* Compare an ante-mortem document with a post-mortem one (both cleaned,
 * either may be NULL): per kind agree, disagree or unknown. Dental: a tooth
 * whose post-mortem state could follow from its ante-mortem one (filled ->
 * missing, present -> filled) is consistent; one that could not (missing ->
 * present, filled -> present) is an exclusion. */
void am_compare(const struct json_t *am, const struct json_t *pm, am_finding out[AK_COUNT]);
/* The ante-mortem record of a person against the post-mortem observations
 * of the remains case tagged tag; *recorded says which sides have any
 * (bit 1: ante-mortem, bit 2: post-mortem): a comparison with nothing on a
 * side is all unknown, and the caller says why. */
pl_rc family_compare(store *st, const char *who_id, const char *tag, am_finding out[AK_COUNT], unsigned *recorded,
                     pl_err *err);
/* The findings as JSON: {"dental": {"verdict": "...", "why": "..."}, ...}. */
struct json_t *am_findings_json(const am_finding f[AK_COUNT]);

#endif
