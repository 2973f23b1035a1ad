/*
 * Emulates a host crash (power cut, kernel panic) for one redis-server, loaded with LD_PRELOAD.
 *
 * What a crashed host loses is what the kernel held in its page cache and never wrote to disk:
 * data written with write(2) but not yet fsynced. Killing only the process loses none of that,
 * so this shim keeps the bytes Redis writes to its append-only file in the process's own memory
 * until Redis calls fsync(2) or fdatasync(2) on that file. A SIGKILL then loses exactly what a
 * host crash would have lost of the AOF: with appendfsync everysec, up to about a second of
 * acknowledged writes; with always, nothing.
 *
 * Only files whose path contains ".aof" (the incremental AOF of Redis 7's appendonlydir) are held.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXFD 65536

struct held {
  char *buf;
  size_t len, cap;
  int state; /* 0 not looked at, 1 held, 2 passed through */
};

static struct held files[MAXFD];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_close)(int);

static void init(void) {
  if (real_write) return;
  real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
  real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  real_fdatasync = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
}

/* Called with the lock held. */
static int is_held(int fd) {
  if (fd < 0 || fd >= MAXFD) return 0;
  if (files[fd].state == 0) {
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    files[fd].state = 2;
    if (n > 0) {
      path[n] = 0;
      if (strstr(path, ".aof") && strstr(path, "appendonly")) files[fd].state = 1;
    }
  }
  return files[fd].state == 1;
}

/* Writes out what is held for fd (what the kernel would now have). Called with the lock held. */
static int flush_held(int fd) {
  struct held *h = &files[fd];
  size_t done = 0;
  while (done < h->len) {
    ssize_t n = real_write(fd, h->buf + done, h->len - done);
    if (n < 0) return -1;
    done += (size_t)n;
  }
  h->len = 0;
  return 0;
}

ssize_t write(int fd, const void *data, size_t count) {
  init();
  pthread_mutex_lock(&lock);
  if (!is_held(fd)) {
    pthread_mutex_unlock(&lock);
    return real_write(fd, data, count);
  }
  struct held *h = &files[fd];
  if (h->len + count > h->cap) {
    size_t cap = h->cap ? h->cap : 1 << 16;
    while (cap < h->len + count) cap *= 2;
    char *grown = realloc(h->buf, cap);
    if (!grown) {
      pthread_mutex_unlock(&lock);
      return -1;
    }
    h->buf = grown;
    h->cap = cap;
  }
  memcpy(h->buf + h->len, data, count);
  h->len += count;
  pthread_mutex_unlock(&lock);
  return (ssize_t)count;
}

static int synced(int fd, int (**real)(int)) {
  init();
  pthread_mutex_lock(&lock);
  int rc = 0;
  if (fd >= 0 && fd < MAXFD && files[fd].state == 1) rc = flush_held(fd);
  pthread_mutex_unlock(&lock);
  return rc < 0 ? rc : (*real)(fd);
}

int fsync(int fd) { return synced(fd, &real_fsync); }
int fdatasync(int fd) { return synced(fd, &real_fdatasync); }

int close(int fd) {
  init();
  pthread_mutex_lock(&lock);
  if (fd >= 0 && fd < MAXFD) {
    /* a file closed without fsync keeps its data in the page cache: written, as the kernel would */
    if (files[fd].state == 1) flush_held(fd);
    files[fd].state = 0;
  }
  pthread_mutex_unlock(&lock);
  return real_close(fd);
}
