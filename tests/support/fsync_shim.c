/* Power-cut witness, loaded with LD_PRELOAD into a till process by tests/core/test_power_cut.py.
 *
 * A power cut keeps only what was fsynced. This shim watches every write to the database and
 * its WAL or rollback journal (the -shm index is rebuilt after a crash, so it is not watched)
 * and every fsync/fdatasync of them; when the process writes to the report descriptor
 * (FSYNC_SHIM_REPORT_FD: "this event is committed"), it logs whether any watched file still
 * held unsynced writes at that moment. Log lines, appended to FSYNC_SHIM_LOG:
 *   sync <path>          a watched file was synced
 *   report ok            a report with everything on disk
 *   report UNSYNCED <p>  a report while <p> held writes a power cut would lose
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FILES 64

struct watched {
    dev_t dev;
    ino_t ino;
    int watch; /* 1: a database, WAL or journal file; 0: anything else */
    int dirty;
    char path[PATH_MAX];
};

static struct watched files[MAX_FILES];
static int nfiles;
static int report_fd = -2;
static int log_fd = -2;

static void log_line(const char *a, const char *b) {
    if (log_fd == -2) {
        const char *path = getenv("FSYNC_SHIM_LOG");
        log_fd = path ? (int)syscall(SYS_open, path, O_WRONLY | O_APPEND | O_CREAT, 0644) : -1;
    }
    if (log_fd < 0) return;
    char line[PATH_MAX + 64];
    int n = snprintf(line, sizeof line, "%s%s\n", a, b ? b : "");
    if (n > 0) syscall(SYS_write, log_fd, line, (size_t)n);
}

static int ends_with(const char *s, const char *suffix) {
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* The entry for a regular file open on fd, created on first sight; NULL for pipes etc. */
static struct watched *entry(int fd) {
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
    for (int i = 0; i < nfiles; i++)
        if (files[i].dev == st.st_dev && files[i].ino == st.st_ino) return &files[i];
    if (nfiles == MAX_FILES) return NULL;
    struct watched *w = &files[nfiles++];
    w->dev = st.st_dev;
    w->ino = st.st_ino;
    w->dirty = 0;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, w->path, sizeof w->path - 1);
    w->path[n > 0 ? n : 0] = '\0';
    w->watch = ends_with(w->path, ".sqlite3") || ends_with(w->path, ".sqlite3-wal") ||
               ends_with(w->path, ".sqlite3-journal");
    return w;
}

static void wrote(int fd) {
    struct watched *w = entry(fd);
    if (w && w->watch) w->dirty = 1;
}

static void synced(int fd) {
    struct watched *w = entry(fd);
    if (w && w->watch) {
        w->dirty = 0;
        log_line("sync ", w->path);
    }
}

static void reporting(void) {
    for (int i = 0; i < nfiles; i++)
        if (files[i].watch && files[i].dirty) {
            log_line("report UNSYNCED ", files[i].path);
            return;
        }
    log_line("report ok", NULL);
}

static int is_report(int fd) {
    if (report_fd == -2) {
        const char *v = getenv("FSYNC_SHIM_REPORT_FD");
        report_fd = v ? atoi(v) : -1;
    }
    return fd == report_fd;
}

#define REAL(name, ret, ...) \
    static ret (*real_##name)(__VA_ARGS__); \
    if (!real_##name) real_##name = (ret (*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t count) {
    REAL(write, ssize_t, int, const void *, size_t);
    if (is_report(fd)) reporting();
    ssize_t n = real_write(fd, buf, count);
    if (n > 0) wrote(fd);
    return n;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt) {
    REAL(writev, ssize_t, int, const struct iovec *, int);
    if (is_report(fd)) reporting();
    ssize_t n = real_writev(fd, iov, iovcnt);
    if (n > 0) wrote(fd);
    return n;
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset) {
    REAL(pwrite, ssize_t, int, const void *, size_t, off_t);
    ssize_t n = real_pwrite(fd, buf, count, offset);
    if (n > 0) wrote(fd);
    return n;
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset) {
    REAL(pwrite64, ssize_t, int, const void *, size_t, off64_t);
    ssize_t n = real_pwrite64(fd, buf, count, offset);
    if (n > 0) wrote(fd);
    return n;
}

int fsync(int fd) {
    REAL(fsync, int, int);
    int r = real_fsync(fd);
    if (r == 0) synced(fd);
    return r;
}

int fdatasync(int fd) {
    REAL(fdatasync, int, int);
    int r = real_fdatasync(fd);
    if (r == 0) synced(fd);
    return r;
}
