/* An online copy of the database with SQLite's backup API, and whether a
 * database is open elsewhere (store.h). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

pl_rc store_backup(store *st, const char *path, int pages, void (*between)(void *ctx), void *ctx,
                   pl_err *err)
{
	/* One snapshot for the whole copy: a read transaction held on the
	 * source between the steps. Under WAL the writers go on meanwhile,
	 * and the copy never starts again because of them. */
	pl_rc rc = store_read_begin(st, err);
	if(rc)
		return rc;
	sqlite3_stmt *s;
	rc = store_stmt(st, "SELECT count(*) FROM sqlite_schema", &s, err);
	if(!rc) {
		int x = sqlite3_step(s);
		sqlite3_reset(s);
		if(x != SQLITE_ROW)
			rc = store_fail(st, err, x, "starting the backup");
	}
	sqlite3 *dst = NULL;
	int x = rc ? SQLITE_OK : sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if(!rc && x != SQLITE_OK)
		rc = pl_failc(err, PL_EIO, "backup.cannot_open", "file", path, "why",
		              dst ? sqlite3_errmsg(dst) : sqlite3_errstr(x), NULL);
	sqlite3_backup *b = rc ? NULL : sqlite3_backup_init(dst, "main", store_db(st), "main");
	if(!rc && !b)
		rc = pl_failc(err, PL_EIO, "backup.cannot_open", "file", path, "why", sqlite3_errmsg(dst), NULL);
	while(b) {
		x = sqlite3_backup_step(b, pages > 0 ? pages : -1);
		if(x == SQLITE_DONE)
			break;
		if(x == SQLITE_BUSY || x == SQLITE_LOCKED) {
			sqlite3_sleep(20);
			continue;
		}
		if(x != SQLITE_OK) {
			rc = pl_failc(err, PL_EIO, "backup.step", "file", path, "why", sqlite3_errstr(x), NULL);
			break;
		}
		if(between)
			between(ctx);
	}
	if(b && (x = sqlite3_backup_finish(b)) != SQLITE_OK && !rc)
		rc = pl_failc(err, PL_EIO, "backup.step", "file", path, "why", sqlite3_errstr(x), NULL);
	if(dst && sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = pl_failc(err, PL_EIO, "backup.step", "file", path, "why", "close", NULL);
	store_read_end(st);
	return rc;
}

/* SQLite's unix VFS: the shm locks start at byte 120, eight of them, then
 * the DMS byte (os_unix.c, UNIX_SHM_DMS). */
enum { SHM_DMS_BYTE = 120 + 8 };

bool store_file_in_use(const char *path)
{
	char shm[4200];
	if(snprintf(shm, sizeof(shm), "%s-shm", path) >= (int)sizeof(shm))
		return false;
	int fd = open(shm, O_RDONLY | O_CLOEXEC);
	if(fd < 0)
		return false; /* no shm: nobody has it open in WAL mode */
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHM_DMS_BYTE, .l_len = 1};
	bool held = fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
	close(fd);
	return held;
}
