/* The writers' queue (gate.h). */
#define _GNU_SOURCE /* F_OFD_SETLK: locks of an open file, not of a process */
#include "store/gate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


/* Tickets' bytes start past the counter; a ticket's slot comes round
 * again after SLOTS tickets, far more than can ever wait at once. */
enum { SLOT_BASE = 4096 };
#define SLOTS ((int64_t)1 << 30)

static off_t slot(int64_t t)
{
	return SLOT_BASE + (off_t)(((t % SLOTS) + SLOTS) % SLOTS);
}

/* Lock (F_WRLCK) or unlock (F_UNLCK) one byte; wait: block until free. */
static int lock_byte(int fd, short type, off_t at, bool wait)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1, .l_pid = 0};
	int r;
	while((r = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl)) < 0 && errno == EINTR)
		;
	return r;
}

/* Whether another open file holds a ticket before t: the one just before,
 * or any of the QUEUE before it. A writer who gave up waiting frees its
 * byte while those before it still write; the one after must wait for
 * them, not pass them (it met SQLite's lock instead, and its own timeout). */
enum { QUEUE = 4096 };
static bool earlier_held(int fd, int64_t t)
{
	off_t from = slot(t > QUEUE ? t - QUEUE : 0), to = slot(t - 1);
	if(to < from) /* the slots came round: those since */
		from = SLOT_BASE;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = from, .l_len = to - from + 1,
	                   .l_pid = 0};
	if(fcntl(fd, F_OFD_GETLK, &fl) < 0)
		return false; /* cannot tell: SQLite's own wait still guards */
	return fl.l_type != F_UNLCK;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

pl_rc gate_open(store_gate *g, const char *db_path, pl_err *err)
{
	g->fd = -1;
	g->in_turn = false;
	if(!*db_path || !strcmp(db_path, ":memory:") || !strncmp(db_path, "file:", 5))
		return PL_OK;
	char path[4200];
	if(snprintf(path, sizeof(path), "%s-writers", db_path) >= (int)sizeof(path))
		return pl_failc(err, PL_EIO, "store.gate", "file", db_path, "detail", "name too long", NULL);
	/* As readable as the database itself (SQLite does so for its -wal). */
	struct stat sb;
	mode_t mode = stat(db_path, &sb) == 0 ? (sb.st_mode & 0666) : 0600;
	g->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode);
	if(g->fd < 0)
		return pl_failc(err, PL_EIO, "store.gate", "file", path, "detail", strerror(errno), NULL);
	return PL_OK;
}

void gate_close(store_gate *g)
{
	if(g->fd >= 0)
		close(g->fd); /* frees every lock it held */
	g->fd = -1;
	g->in_turn = false;
}

/* The next ticket, its slot locked; -1 on failure. */
static int64_t take_ticket(int fd)
{
	if(lock_byte(fd, F_WRLCK, 0, true) < 0)
		return -1;
	unsigned char b[8] = {0};
	int64_t t = -1;
	ssize_t n = pread(fd, b, sizeof(b), 0);
	if(n == 0 || n == (ssize_t)sizeof(b)) {
		uint64_t v = 0;
		for(int i = 0; i < 8; i++)
			v = v << 8 | b[i];
		for(int i = 7; i >= 0; i--)
			b[i] = (unsigned char)((v + 1) >> (8 * (7 - i)));
		if(pwrite(fd, b, sizeof(b), 0) == (ssize_t)sizeof(b) && lock_byte(fd, F_WRLCK, slot((int64_t)v), false) == 0)
			t = (int64_t)v;
	}
	lock_byte(fd, F_UNLCK, 0, false);
	return t;
}

pl_rc gate_enter(store_gate *g, int wait_ms, int *waited_ms, pl_err *err)
{
	*waited_ms = 0;
	if(g->fd < 0 || g->in_turn)
		return PL_OK;
	int64_t t = take_ticket(g->fd);
	if(t < 0)
		return PL_OK; /* no queue today: SQLite's busy wait alone */
	g->ticket = t;
	int64_t start = now_ms();
	/* The writers before free their bytes when their transactions end (or
	 * they give up). Polled, briefly at first: the order is the queue's
	 * whatever the polling. */
	long pause_us = 100;
	while(t > 0 && earlier_held(g->fd, t)) {
		int64_t spent = now_ms() - start;
		if(spent >= wait_ms) {
			lock_byte(g->fd, F_UNLCK, slot(t), false);
			*waited_ms = (int)spent;
			long retry = spent / 2000;
			retry = retry < 5 ? 5 : retry > 300 ? 300 : retry;
			return pl_failc(err, PL_EDB, "store.writers_busy", "waited", PL_N(spent / 1000), "retry",
			                PL_N(retry), NULL);
		}
		struct timespec ts = {0, pause_us * 1000};
		nanosleep(&ts, NULL);
		if(pause_us < 10000)
			pause_us *= 2;
	}
	*waited_ms = (int)(now_ms() - start);
	g->in_turn = true;
	return PL_OK;
}

void gate_leave(store_gate *g)
{
	if(g->fd < 0 || !g->in_turn)
		return;
	lock_byte(g->fd, F_UNLCK, slot(g->ticket), false);
	g->in_turn = false;
}
