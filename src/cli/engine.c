/* engine.c: running a machine-translation command: lines in on stdin, as many lines out on
 * stdout, under a time limit and a size limit; each line it returns checked (UTF-8, no control
 * characters). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* The first line of what the command said on stderr, for the error message. */
static void
first_line(const pont_buf *b, char *out, size_t max)
{
	size_t n = 0;
	const char *s = b->p ? b->p : "";

	while (s[n] && s[n] != '\n' && n + 1 < max)
		n++;
	memcpy(out, s, n);
	out[n] = '\0';
}

/* A running engine: its process, the pipes to it, what goes in and what came out. */
typedef struct engine {
	pid_t pid;
	int in, out, err;		/* our ends of its stdin, stdout, stderr; -1 when closed */
	pont_buf input, output, errs;
	size_t written;
	size_t max_total, max_line;	/* what the engine may write: in all, and in one line */
	size_t line_start;		/* where the line being written began in output */
} engine;

enum { MAX_ERRS = 65536 };		/* what is kept of the engine's stderr */

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Starts cmd in its own process group, its stdin, stdout and stderr piped. */
static int
spawn(engine *g, const char *cmd)
{
	int in[2] = { -1, -1 }, o[2] = { -1, -1 }, e[2] = { -1, -1 };

	if (pipe(in) != 0 || pipe(o) != 0 || pipe(e) != 0 || (g->pid = fork()) < 0) {
		cli_msg(NULL, "error", "cannot run the engine: %s", strerror(errno));
		close_fd(&in[0]), close_fd(&in[1]), close_fd(&o[0]), close_fd(&o[1]), close_fd(&e[0]), close_fd(&e[1]);
		return EXIT_SYSTEM;
	}
	if (g->pid == 0) {
		setpgid(0, 0);			/* its own group, so a time-out stops the whole pipeline */
		dup2(in[0], 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		close(in[0]), close(in[1]), close(o[0]), close(o[1]), close(e[0]), close(e[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	setpgid(g->pid, g->pid);
	close(in[0]), close(o[1]), close(e[1]);
	g->in = in[1];
	g->out = o[0];
	g->err = e[0];
	fcntl(g->in, F_SETFL, O_NONBLOCK);
	if (g->input.len == 0)
		close_fd(&g->in);
	return EXIT_OK;
}

/* Feeds the input and reads the output until the engine closes its output: -1 at the deadline,
 * -2 when it writes more than it may. */
static int
pump(engine *g, double deadline)
{
	char buf[65536];
	size_t i;
	ssize_t r;

	while (g->out >= 0 || g->err >= 0) {
		struct pollfd pf[3];
		int np = 0, left = (int)((deadline - cli_now()) * 1000);

		if (left <= 0)
			return -1;
		if (g->in >= 0)
			pf[np++] = (struct pollfd){ g->in, POLLOUT, 0 };
		if (g->out >= 0)
			pf[np++] = (struct pollfd){ g->out, POLLIN, 0 };
		if (g->err >= 0)
			pf[np++] = (struct pollfd){ g->err, POLLIN, 0 };
		if (poll(pf, (nfds_t)np, left) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < (size_t)np; i++) {
			if (pf[i].revents == 0)
				continue;
			if (pf[i].fd == g->in) {
				r = write(g->in, g->input.p + g->written, g->input.len - g->written);
				if (r > 0)
					g->written += (size_t)r;
				if ((r < 0 && errno != EAGAIN && errno != EINTR) || g->written == g->input.len)
					close_fd(&g->in);	/* done, or the command stopped reading */
			} else {
				int *fd = pf[i].fd == g->out ? &g->out : &g->err;

				r = read(*fd, buf, sizeof buf);
				if (r > 0 && fd == &g->out) {
					const char *nl;

					pont_buf_add(&g->output, buf, (size_t)r);
					while ((nl = memchr(g->output.p + g->line_start, '\n', g->output.len - g->line_start)))
						g->line_start = (size_t)(nl - g->output.p) + 1;
					if (g->output.len > g->max_total || g->output.len - g->line_start > g->max_line)
						return -2;
				} else if (r > 0) {
					if (g->errs.len < MAX_ERRS)
						pont_buf_add(&g->errs, buf, (size_t)r);
				} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
					close_fd(fd);
				}
			}
		}
	}
	close_fd(&g->in);
	return 0;
}

/* What is wrong with an output line (malloc'ed), or NULL: not UTF-8, a NUL or another control
 * character (a tab is white space). */
static char *
bad_line(const char *s, size_t len)
{
	size_t at = pont_utf8_check(s, len), i;
	char msg[120];

	msg[0] = '\0';
	for (i = 0; i < at && !msg[0]; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			snprintf(msg, sizeof msg, "the control character U+%04X at byte %zu", c, i + 1);
		else if (c == 0xc2 && i + 1 < at && (unsigned char)s[i + 1] < 0xa0)
			snprintf(msg, sizeof msg, "the control character U+%04X at byte %zu", (unsigned char)s[i + 1], i + 1);
	}
	if (!msg[0] && at < len && s[at] == '\0')
		snprintf(msg, sizeof msg, "a NUL byte at byte %zu", at + 1);
	else if (!msg[0] && at < len)
		snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu", at + 1);
	if (!msg[0])
		return NULL;
	{
		char *r = strdup(msg);

		if (r == NULL)
			cli_oom();
		return r;
	}
}

/* The engine's n output lines (why[i] says why line i was refused, out[i] is then NULL), or an
 * error when it exited badly or said another number. */
static int
collect(const engine *g, int status, const char *cmd, size_t n, char ***out, char ***why)
{
	const char *s = g->output.p ? g->output.p : "";
	size_t i, got = 0;
	char msg[200];

	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		first_line(&g->errs, msg, sizeof msg);
		if (WIFEXITED(status))
			cli_msg(NULL, "error", "the engine failed (exit status %d)%s%s: %s", WEXITSTATUS(status),
				*msg ? ": " : "", msg, cmd);
		else
			cli_msg(NULL, "error", "the engine was killed by signal %d: %s", WTERMSIG(status), cmd);
		return EXIT_SYSTEM;
	}
	for (i = 0; i < g->output.len; i++)	/* as many lines as were sent */
		got += s[i] == '\n';
	if (g->output.len && s[g->output.len - 1] != '\n')
		got++;
	if (got != n) {
		cli_msg(NULL, "error", "the engine returned %zu lines for %zu segments (one line in, one line out): %s",
			got, n, cmd);
		return EXIT_DATA;
	}
	if ((*out = calloc(n + 1, sizeof **out)) == NULL || (*why = calloc(n + 1, sizeof **why)) == NULL)
		cli_oom();
	for (i = 0; i < n; i++) {
		const char *end = g->output.p + g->output.len, *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);

		if (len && s[len - 1] == '\r')
			len--;
		if (((*why)[i] = bad_line(s, len)) == NULL && ((*out)[i] = strndup(s, len)) == NULL)
			cli_oom();
		s = nl ? nl + 1 : s + len;
	}
	return EXIT_OK;
}

int
cli_engine_run(const char *cmd, const char *const *lines, size_t n, const cli_engine_limits *lim, char ***out,
	       char ***why)
{
	engine g;
	struct sigaction ign, old;
	int status = 0, rc, r = 0;
	size_t i, longest = 0;

	*out = *why = NULL;
	memset(&g, 0, sizeof g);
	g.in = g.out = g.err = -1;
	for (i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);

		pont_buf_add(&g.input, lines[i], len);
		pont_buf_addc(&g.input, '\n');
		longest = len > longest ? len : longest;
	}
	/* an English line a few times the French one is already a bad translation: far more is a
	 * runaway engine, stopped before it fills the memory */
	g.max_line = lim->ratio * longest + 65536;
	g.max_total = lim->max_total ? lim->max_total : lim->ratio * g.input.len + 65536 * (n < 64 ? n + 1 : 64);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);		/* a command that stops reading is an error, not a signal */
	if ((rc = spawn(&g, cmd)) == EXIT_OK && (r = pump(&g, cli_now() + lim->timeout)) < 0) {
		kill(-g.pid, SIGKILL);
		waitpid(g.pid, &status, 0);
		if (r == -1) {
			cli_msg(NULL, "error", "the engine did not answer within %.0f s (--timeout): %s", lim->timeout, cmd);
			rc = EXIT_SYSTEM;
		} else if (g.output.len > g.max_total) {
			cli_msg(NULL, "error", "the engine wrote more than %zu bytes for %zu bytes of French "
				"(--max-engine-output): stopped: %s", g.max_total, g.input.len, cmd);
			rc = EXIT_DATA;
		} else {
			size_t line = 1;

			for (i = 0; i < g.line_start; i++)
				line += g.output.p[i] == '\n';
			cli_msg(NULL, "error", "the engine wrote more than %zu bytes in its line %zu, for at most %zu "
				"bytes of French: stopped: %s", g.max_line, line, longest, cmd);
			rc = EXIT_DATA;
		}
	} else if (rc == EXIT_OK) {
		while (waitpid(g.pid, &status, 0) < 0 && errno == EINTR)
			;
		rc = collect(&g, status, cmd, n, out, why);
	}
	sigaction(SIGPIPE, &old, NULL);
	close_fd(&g.in);
	close_fd(&g.out);
	close_fd(&g.err);
	pont_buf_release(&g.input);
	pont_buf_release(&g.output);
	pont_buf_release(&g.errs);
	return rc;
}
