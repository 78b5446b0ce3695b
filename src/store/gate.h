/* The writers' queue of a database (store-internal): writers take turns in
 * the order they arrived, across threads and processes, before BEGIN
 * IMMEDIATE. SQLite's own busy handler polls, so a writer that arrives
 * late can win over one that has waited for seconds, and the waits end
 * after a fixed time with "busy"; the queue makes each writer wait for the
 * one before it only.
 *
 * The queue is a file next to the database ("<db>-writers") and OFD
 * byte-range locks on it (which belong to an open file, so two handles in
 * one process queue like two processes, and which the kernel releases
 * when a process dies): under a short lock of byte 0 a writer takes the
 * next ticket t from the counter at the file's start and locks its own
 * byte, slot(t); then it waits until slot(t-1) is free, that is until the
 * writer before it has ended its transaction, and keeps slot(t) until its
 * own transaction ends. A writer that gives up frees its slot, and the one
 * after it goes on to SQLite's busy wait, which lasts as long as its own
 * turn would have. */
#ifndef PARLEY_STORE_GATE_H
#define PARLEY_STORE_GATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

typedef struct store_gate {
	int fd;          /* -1: no queue (read-only, in memory) */
	int64_t ticket;  /* held while in_turn */
	bool in_turn;
} store_gate;

/* Open the queue of the database at db_path (made if missing). */
pl_rc gate_open(store_gate *g, const char *db_path, pl_err *err);
void gate_close(store_gate *g);
/* Wait for this writer's turn, at most wait_ms; *waited_ms: how long it
 * waited. PL_EDB "store.writers_busy" when the time ran out. */
pl_rc gate_enter(store_gate *g, int wait_ms, int *waited_ms, pl_err *err);
/* The transaction ended: the next writer's turn. */
void gate_leave(store_gate *g);

#endif
