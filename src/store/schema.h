/* The numbered schema migrations (internal to the store). */
#ifndef PARLEY_STORE_SCHEMA_H
#define PARLEY_STORE_SCHEMA_H

/* Identifies a parley database: "PRLY" in PRAGMA application_id. */
#define SCHEMA_APPLICATION_ID 0x50524C59

int schema_latest(void);
/* The SQL statements (NULL-terminated) that move version-1 to version;
 * NULL outside 1..latest. */
const char *const *schema_migration(int version);

#endif
