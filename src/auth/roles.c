/* What each role may do: the one table the whole program asks. */
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"

const char *const role_names[ROLE_COUNT + 1] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_REGISTRAR] = "registrar",
	[ROLE_MEDICAL] = "medical",
	[ROLE_NEGOTIATOR] = "negotiator",
	[ROLE_IDENTIFICATION] = "identification",
	[ROLE_AUDITOR] = "auditor",
	[ROLE_MEDIATOR] = "mediator",
	[ROLE_FAMILY_LIAISON] = "family_liaison",
	[ROLE_COUNT] = NULL,
};

const char *const perm_names[PERM_COUNT + 1] = {
	[PERM_PERSON_READ] = "person_read",
	[PERM_MEDICAL_READ] = "medical_read",
	[PERM_PERSON_WRITE] = "person_write",
	[PERM_MEDICAL_WRITE] = "medical_write",
	[PERM_IMPORT] = "import",
	[PERM_EXPORT] = "export",
	[PERM_STATS] = "stats",
	[PERM_AUDIT_READ] = "audit_read",
	[PERM_USERS] = "users",
	[PERM_RECONCILE] = "reconcile",
	[PERM_DECIDE] = "decide",
	[PERM_AGREEMENT_READ] = "agreement_read",
	[PERM_AGREEMENT_WRITE] = "agreement_write",
	[PERM_STAGE_READ] = "stage_read",
	[PERM_AFTERCARE_READ] = "aftercare_read",
	[PERM_REMAINS_READ] = "remains_read",
	[PERM_REMAINS_WRITE] = "remains_write",
	[PERM_DNA_READ] = "dna_read",
	[PERM_DNA_WRITE] = "dna_write",
	[PERM_SIGN] = "sign",
	[PERM_KEYS] = "keys",
	[PERM_INQUIRY_READ] = "inquiry_read",
	[PERM_INQUIRY_WRITE] = "inquiry_write",
	[PERM_INQUIRY_CONTACTS] = "inquiry_contacts",
	[PERM_ANTEMORTEM_READ] = "antemortem_read",
	[PERM_ANTEMORTEM_WRITE] = "antemortem_write",
	[PERM_TESTIMONY_READ] = "testimony_read",
	[PERM_TESTIMONY_WRITE] = "testimony_write",
	[PERM_OFFICE] = "office",
	[PERM_COUNT] = NULL,
};

#define R(x) (1u << (x))

/* Who holds each permission. Anything not here is refused.
 * - Medical details are for admin, medical and auditor only.
 * - Writing is split: registrars the general record, medical officers the
 *   medical fields and health events; an import may need both.
 * - Admins run the office's accounts; they read the registry but do not
 *   change it, and the logs are the auditor's.
 * - Lists are matched by those who work with them (registrars, negotiators)
 *   and checked by the auditor; only the first two decide on matches.
 * - Agreements, their ledger, plans and statements are read by those who
 *   keep the office's records (admin, registrar, negotiator, auditor);
 *   only negotiators add agreements, save plans, change, sign off and
 *   execute stages.
 * - Mediators read the lists they are given, stages and their manifests,
 *   and nothing of the registry.
 * - Aftercare is followed by the record keepers and the medical officers;
 *   its health steps and the Art. 117 flag only with medical_read.
 * - Remains are the identification officers' work; admin and auditor read.
 *   So is DNA identification: proposals, explanations and frequencies are
 *   read by the same three; only identification officers import profiles,
 *   screen, and confirm or reject.
 * - Signing with the office's key (the passphrase typed) is for those who
 *   agree on stages: negotiators, and on a mediator's instance the
 *   mediator, who witnesses. Not admins: who keeps the keys is not who
 *   signs with them. Both bring in the others' signed manifests.
 * - The keys themselves (the office's made, others' imported, any
 *   revoked) are the admin's, like the accounts.
 * - Families' inquiries are the family liaison's work: they record them,
 *   consent and its withdrawal, and find the sought person in the
 *   registry (person_read, never medical details). Registrars, admin and
 *   auditor read inquiries; the inquirers' contacts (phone, e-mail,
 *   address) only the liaison and admin. Mediators read none. */
static const role_set matrix[PERM_COUNT] = {
	[PERM_PERSON_READ] = R(ROLE_ADMIN) | R(ROLE_REGISTRAR) | R(ROLE_MEDICAL) |
	                     R(ROLE_NEGOTIATOR) | R(ROLE_IDENTIFICATION) | R(ROLE_AUDITOR) |
	                     R(ROLE_FAMILY_LIAISON),
	[PERM_MEDICAL_READ] = R(ROLE_ADMIN) | R(ROLE_MEDICAL) | R(ROLE_AUDITOR),
	[PERM_PERSON_WRITE] = R(ROLE_REGISTRAR),
	[PERM_MEDICAL_WRITE] = R(ROLE_MEDICAL),
	[PERM_IMPORT] = R(ROLE_REGISTRAR) | R(ROLE_MEDICAL),
	[PERM_EXPORT] = R(ROLE_REGISTRAR) | R(ROLE_AUDITOR),
	[PERM_STATS] = R(ROLE_ADMIN) | R(ROLE_REGISTRAR) | R(ROLE_MEDICAL) | R(ROLE_NEGOTIATOR) |
	               R(ROLE_IDENTIFICATION) | R(ROLE_AUDITOR),
	[PERM_AUDIT_READ] = R(ROLE_AUDITOR),
	[PERM_USERS] = R(ROLE_ADMIN),
	[PERM_RECONCILE] = R(ROLE_REGISTRAR) | R(ROLE_NEGOTIATOR) | R(ROLE_AUDITOR),
	[PERM_DECIDE] = R(ROLE_REGISTRAR) | R(ROLE_NEGOTIATOR),
	[PERM_AGREEMENT_READ] = R(ROLE_ADMIN) | R(ROLE_REGISTRAR) | R(ROLE_NEGOTIATOR) | R(ROLE_AUDITOR),
	[PERM_AGREEMENT_WRITE] = R(ROLE_NEGOTIATOR),
	[PERM_STAGE_READ] = R(ROLE_ADMIN) | R(ROLE_REGISTRAR) | R(ROLE_NEGOTIATOR) | R(ROLE_AUDITOR) |
	                    R(ROLE_MEDIATOR),
	[PERM_AFTERCARE_READ] = R(ROLE_ADMIN) | R(ROLE_REGISTRAR) | R(ROLE_MEDICAL) |
	                        R(ROLE_NEGOTIATOR) | R(ROLE_AUDITOR),
	[PERM_REMAINS_READ] = R(ROLE_ADMIN) | R(ROLE_IDENTIFICATION) | R(ROLE_AUDITOR),
	[PERM_REMAINS_WRITE] = R(ROLE_IDENTIFICATION),
	[PERM_DNA_READ] = R(ROLE_ADMIN) | R(ROLE_IDENTIFICATION) | R(ROLE_AUDITOR),
	[PERM_DNA_WRITE] = R(ROLE_IDENTIFICATION),
	[PERM_SIGN] = R(ROLE_NEGOTIATOR) | R(ROLE_MEDIATOR),
	[PERM_KEYS] = R(ROLE_ADMIN),
	[PERM_INQUIRY_READ] = R(ROLE_ADMIN) | R(ROLE_REGISTRAR) | R(ROLE_AUDITOR) | R(ROLE_FAMILY_LIAISON),
	[PERM_INQUIRY_WRITE] = R(ROLE_FAMILY_LIAISON),
	[PERM_INQUIRY_CONTACTS] = R(ROLE_ADMIN) | R(ROLE_FAMILY_LIAISON),
	/* The family gives it; identification compares it with the remains. */
	[PERM_ANTEMORTEM_READ] = R(ROLE_ADMIN) | R(ROLE_IDENTIFICATION) | R(ROLE_FAMILY_LIAISON),
	[PERM_ANTEMORTEM_WRITE] = R(ROLE_FAMILY_LIAISON),
	/* Returnees are debriefed by those who keep the record and by the
	 * families' liaison; the proof report is handed over by negotiators
	 * and checked by the auditor. */
	[PERM_TESTIMONY_READ] = R(ROLE_ADMIN) | R(ROLE_REGISTRAR) | R(ROLE_NEGOTIATOR) | R(ROLE_AUDITOR) |
	                        R(ROLE_FAMILY_LIAISON),
	[PERM_TESTIMONY_WRITE] = R(ROLE_REGISTRAR) | R(ROLE_FAMILY_LIAISON),
	/* How the office presents itself (the letterhead's name, the wording of
	 * its letters) is set up by whoever sets up the office, with its
	 * accounts and keys; the liaison keeps editing the templates
	 * (inquiry_write) but not the name. */
	[PERM_OFFICE] = R(ROLE_ADMIN),
};

bool auth_can(role_set roles, perm p)
{
	return p >= 0 && p < PERM_COUNT && (matrix[p] & roles) != 0;
}

bool auth_roles_parse(const char *text, role_set *out, const char **bad, size_t *badlen)
{
	role_set set = 0;
	const char *p = text;
	*bad = NULL;
	*badlen = 0;
	for(;;) {
		while(*p == ' ')
			p++;
		size_t n = strcspn(p, ",");
		size_t m = n;
		while(m && p[m - 1] == ' ')
			m--;
		int r;
		for(r = 0; r < ROLE_COUNT; r++)
			if(strlen(role_names[r]) == m && !memcmp(role_names[r], p, m))
				break;
		if(r == ROLE_COUNT) {
			*bad = p;
			*badlen = m;
			return false;
		}
		set |= R(r);
		if(!p[n])
			break;
		p += n + 1;
	}
	*out = set;
	return true;
}

void auth_roles_text(role_set roles, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for(int r = 0; r < ROLE_COUNT && used < size; r++) {
		if(!(roles & R(r)))
			continue;
		int w = snprintf(out + used, size - used, "%s%s", used ? "," : "", role_names[r]);
		if(w < 0)
			break;
		used += (size_t)w;
	}
}
