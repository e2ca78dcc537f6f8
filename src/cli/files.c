/* files.c: how pont writes files. Atomically: a temporary file beside the target, renamed over
 * it once complete (the target of a symbolic link is what is updated; a file with other hard
 * links is rewritten in place, so that they all see the change). Never over one of its own
 * inputs unless asked (--in-place). Under a lock when pont reads the file, changes it and
 * writes it back (a memory, the accepted findings), so that two runs at once lose nothing. And
 * no temporary file left behind by an interrupted run (SIGINT, SIGTERM, SIGHUP). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* --- temporary files to remove when interrupted (read by the signal handler) --- */

enum { MAXLIVE = 16 };
static char *volatile live[MAXLIVE];

static void
live_add(char *tmp)
{
	int k;

	for (k = 0; k < MAXLIVE; k++)
		if (live[k] == NULL) {
			live[k] = tmp;
			return;
		}
}

static void
live_remove(const char *tmp)
{
	int k;

	for (k = 0; k < MAXLIVE; k++)
		if (live[k] == tmp)
			live[k] = NULL;
}

static void
on_signal(int sig)
{
	int k;

	for (k = 0; k < MAXLIVE; k++)	/* unlink is async-signal-safe */
		if (live[k])
			unlink(live[k]);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
cli_oom(void)
{
	static const char msg[] = "pont: error: out of memory\n";
	int k;

	for (k = 0; k < MAXLIVE; k++)
		if (live[k])
			unlink(live[k]);
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(EXIT_SYSTEM);
	_exit(EXIT_SYSTEM);
}

void
cli_oom_handler(size_t n)
{
	(void)n;
	cli_oom();
}

void
cli_signals_init(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	size_t k;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (k = 0; k < sizeof sigs / sizeof sigs[0]; k++)
		sigaction(sigs[k], &sa, NULL);
}

/* --- the inputs of this run: an output may not replace one of them --- */

enum { MAXINPUTS = 256 };
static struct {
	dev_t dev;
	ino_t ino;
} inputs[MAXINPUTS];
static size_t ninputs;

void
cli_note_input(int fd)
{
	struct stat sb;

	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && ninputs < MAXINPUTS) {
		inputs[ninputs].dev = sb.st_dev;
		inputs[ninputs].ino = sb.st_ino;
		ninputs++;
	}
}

static int
is_input(const struct stat *sb)
{
	size_t k;

	for (k = 0; k < ninputs; k++)
		if (inputs[k].dev == sb->st_dev && inputs[k].ino == sb->st_ino)
			return 1;
	return 0;
}

/* The file path names: itself, or the file its symbolic links lead to, even when that file does
 * not exist yet (malloc'ed). */
static char *
target_of(const char *path)
{
	char *cur = strdup(path), buf[PATH_MAX];
	struct stat sb;
	int hops;

	if (cur == NULL)
		cli_oom();
	for (hops = 0; hops < 40 && lstat(cur, &sb) == 0 && S_ISLNK(sb.st_mode); hops++) {
		ssize_t n = readlink(cur, buf, sizeof buf - 1);
		const char *slash = strrchr(cur, '/');
		char *next;
		size_t dl;

		if (n <= 0)
			break;
		buf[n] = '\0';
		dl = buf[0] == '/' || slash == NULL ? 0 : (size_t)(slash - cur) + 1;	/* relative: to the link's directory */
		if ((next = malloc(dl + (size_t)n + 1)) == NULL)
			cli_oom();
		memcpy(next, cur, dl);
		memcpy(next + dl, buf, (size_t)n + 1);
		free(cur);
		cur = next;
	}
	return cur;
}

int
cli_output_not_input(const char *output, int n, char **operands)
{
	struct stat o, in;
	int i;

	if (output == NULL || strcmp(output, "-") == 0 || stat(output, &o) != 0 || !S_ISREG(o.st_mode))
		return EXIT_OK;
	for (i = 0; i < n; i++)
		if (strcmp(operands[i], "-") != 0 && stat(operands[i], &in) == 0 && in.st_dev == o.st_dev &&
		    in.st_ino == o.st_ino) {
			cli_msg(output, "error", "is also an input of this run (%s): write the output elsewhere",
				operands[i]);
			return EXIT_USAGE;
		}
	return EXIT_OK;
}

/* --- writing --- */

int
cli_out_open_ex(cli_out *o, const char *path, int in_place)
{
	struct stat sb;
	size_t n;
	int fd, exists;

	memset(o, 0, sizeof o[0]);
	if (path == NULL || strcmp(path, "-") == 0) {
		o->f = stdout;
		return EXIT_OK;
	}
	o->path = target_of(path);
	exists = stat(o->path, &sb) == 0;
	if (exists && !in_place && S_ISREG(sb.st_mode) && is_input(&sb)) {
		cli_msg(path, "error", "is also an input of this run: write the output elsewhere");
		free(o->path);
		o->path = NULL;
		return EXIT_USAGE;
	}
	/* a device or a pipe is written in place: there is nothing to rename over */
	if (exists && !S_ISREG(sb.st_mode)) {
		if ((o->f = fopen(o->path, "w")) == NULL) {
			cli_msg(path, "error", "cannot open for writing: %s", strerror(errno));
			free(o->path);
			o->path = NULL;
			return EXIT_SYSTEM;
		}
		return EXIT_OK;
	}
	o->links = exists ? (unsigned)sb.st_nlink : 0;
	n = strlen(o->path) + sizeof ".pont-XXXXXX";
	if ((o->tmp = malloc(n)) == NULL)
		cli_oom();
	snprintf(o->tmp, n, "%s.pont-XXXXXX", o->path);
	/* known to the signal handler before it exists: a signal the moment it is created removes it */
	live_add(o->tmp);
	if ((fd = mkstemp(o->tmp)) < 0 || (o->f = fdopen(fd, "w")) == NULL) {
		cli_msg(path, "error", "cannot create output: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		live_remove(o->tmp);
		free(o->tmp);
		free(o->path);
		memset(o, 0, sizeof o[0]);
		return EXIT_SYSTEM;
	}
	/* the new file gets the existing one's permissions and owner, or a plain fopen's */
	{
		mode_t um = umask(0);

		umask(um);
		fchmod(fd, exists ? sb.st_mode & 07777 : 0666 & ~um);
		if (exists && fchown(fd, sb.st_uid, sb.st_gid) != 0)
			errno = 0;	/* not ours to give: the file becomes ours, as a copy would */
	}
	return EXIT_OK;
}

int
cli_out_open(cli_out *o, const char *path)
{
	return cli_out_open_ex(o, path, 0);
}

void
cli_out_write(cli_out *o, const char *s, size_t n)
{
	if (n)
		fwrite(s, 1, n, o->f);
}

/* Copies the temporary file over the target in place (it has other hard links). */
static int
copy_over(const char *tmp, const char *path)
{
	char buf[65536];
	int in = open(tmp, O_RDONLY), out = in >= 0 ? open(path, O_WRONLY | O_TRUNC) : -1, e = 0;
	ssize_t r;

	while (out >= 0 && e == 0 && (r = read(in, buf, sizeof buf)) != 0) {
		if (r < 0 || write(out, buf, (size_t)r) != r)
			e = errno ? errno : EIO;
	}
	if (in < 0 || out < 0)
		e = errno;
	if (out >= 0 && fsync(out) != 0 && errno != EINVAL && e == 0)
		e = errno;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0 && e == 0)
		e = errno;
	errno = e;
	return e ? -1 : 0;
}

int
cli_out_close(cli_out *o, int ok)
{
	int rc = EXIT_OK, e = 0;
	const char *name = o->path ? o->path : "<stdout>";

	if (fflush(o->f) != 0 || ferror(o->f))
		e = errno ? errno : EIO;
	if (o->tmp && e == 0 && fsync(fileno(o->f)) != 0 && errno != EINVAL)
		e = errno;
	if (o->f != stdout) {
		if (fclose(o->f) != 0 && e == 0)
			e = errno;
	}
	if (e) {
		cli_msg(name, "error", "cannot write: %s", strerror(e));
		rc = EXIT_SYSTEM;
	}
	if (o->tmp) {
		if (rc == EXIT_OK && ok && (o->links > 1 ? copy_over(o->tmp, o->path) : rename(o->tmp, o->path)) != 0) {
			cli_msg(name, "error", "cannot put the output into place: %s", strerror(errno));
			rc = EXIT_SYSTEM;
		}
		if (rc != EXIT_OK || !ok || o->links > 1)
			unlink(o->tmp);
		live_remove(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof o[0]);
	return rc;
}

int
cli_write_ex(const char *path, const pont_buf *b, int in_place)
{
	cli_out o;
	int rc;

	if ((rc = cli_out_open_ex(&o, path, in_place)) != EXIT_OK)
		return rc;
	cli_out_write(&o, b->p ? b->p : "", b->len);
	return cli_out_close(&o, 1);
}

int
cli_write(const char *path, const pont_buf *b)
{
	return cli_write_ex(path, b, 0);
}

/* --- locks --- */

/*
 * The lock is on the file itself (flock), so that no lock file is left beside it. As the file is
 * replaced by a rename when written, a lock taken on the old one is worthless: after the lock
 * comes a check that the path still names the file locked, else it starts again. A file that does
 * not exist yet is created under a lock on its directory, and whoever waited there looks again.
 */
static int
lock_once(const char *target, int *fd, int *again)
{
	struct stat a, b;
	char *dir = NULL, *slash;
	const char *at = target;

	*again = 0;
	if ((*fd = open(target, O_RDONLY | O_CLOEXEC)) < 0 && errno == ENOENT) {
		/* not there: its directory's lock, then look again */
		if ((dir = strdup(target)) == NULL)
			cli_oom();
		slash = strrchr(dir, '/');
		if (slash == NULL)
			strcpy(dir, ".");
		else if (slash == dir)
			dir[1] = '\0';
		else
			*slash = '\0';
		at = dir;
		*fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (*fd < 0) {
		cli_msg(at, "error", "cannot open to lock it: %s", strerror(errno));
		free(dir);
		return EXIT_SYSTEM;
	}
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		close(*fd);
		*fd = -1;
		free(dir);
		if (e == EWOULDBLOCK || e == EINTR)
			return -1;	/* someone else has it: wait */
		cli_msg(at, "error", "cannot lock: %s", strerror(e));
		return EXIT_SYSTEM;
	}
	/* locked: is it still the file the path names (or, for the directory, is there still no file)? */
	if (dir ? stat(target, &b) == 0 : fstat(*fd, &a) != 0 || stat(target, &b) != 0 || a.st_dev != b.st_dev ||
						  a.st_ino != b.st_ino) {
		close(*fd);
		*fd = -1;
		*again = 1;
	}
	free(dir);
	return EXIT_OK;
}

int
cli_lock(const char *path, cli_lock_t *l)
{
	char *target = target_of(path);
	const char *w = getenv("PONT_LOCK_WAIT");
	double wait = w && *w ? strtod(w, NULL) : 120, waited = 0;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int rc, again;

	for (;;) {
		rc = lock_once(target, &l->fd, &again);
		if (rc == EXIT_OK && !again)
			break;
		if (rc == EXIT_SYSTEM)
			break;
		if (rc == -1) {	/* busy */
			if (waited >= wait) {
				cli_msg(path, "error", "another pont has been writing it for %.0f s: try again later, or wait "
					"longer with PONT_LOCK_WAIT=SECONDS", waited);
				rc = EXIT_SYSTEM;
				break;
			}
			nanosleep(&ts, NULL);
			waited += 0.02;
		}
	}
	free(target);
	if (rc != EXIT_OK)
		l->fd = -1;
	return rc;
}

void
cli_unlock(cli_lock_t *l)
{
	if (l->fd >= 0) {
		flock(l->fd, LOCK_UN);
		close(l->fd);
	}
	l->fd = -1;
}
