/* engine.c: running a machine-translation command: lines in on stdin, as many lines out on
 * stdout, under a time limit. */
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
} engine;

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

/* Feeds the input and reads the output until the engine closes its output, or the deadline. */
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
				if (r > 0)
					pont_buf_add(fd == &g->out ? &g->output : &g->errs, buf, (size_t)r);
				else if (r == 0 || (errno != EAGAIN && errno != EINTR))
					close_fd(fd);
			}
		}
	}
	close_fd(&g->in);
	return 0;
}

/* The engine's n output lines, or an error when it exited badly or said another number. */
static int
collect(const engine *g, int status, const char *cmd, size_t n, char ***out)
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
	if ((*out = calloc(n + 1, sizeof **out)) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (len && s[len - 1] == '\r')
			len--;
		if (((*out)[i] = strndup(s, len)) == NULL)
			abort();
		s = nl ? nl + 1 : s + len;
	}
	return EXIT_OK;
}

int
cli_engine_run(const char *cmd, const char *const *lines, size_t n, double timeout, char ***out)
{
	engine g;
	struct sigaction ign, old;
	int status = 0, rc;
	size_t i;

	*out = NULL;
	memset(&g, 0, sizeof g);
	g.in = g.out = g.err = -1;
	for (i = 0; i < n; i++) {
		pont_buf_adds(&g.input, lines[i]);
		pont_buf_addc(&g.input, '\n');
	}
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);		/* a command that stops reading is an error, not a signal */
	if ((rc = spawn(&g, cmd)) == EXIT_OK && pump(&g, cli_now() + timeout) < 0) {
		kill(-g.pid, SIGKILL);
		waitpid(g.pid, &status, 0);
		cli_msg(NULL, "error", "the engine did not answer within %.0f s (--timeout): %s", timeout, cmd);
		rc = EXIT_SYSTEM;
	} else if (rc == EXIT_OK) {
		while (waitpid(g.pid, &status, 0) < 0 && errno == EINTR)
			;
		rc = collect(&g, status, cmd, n, out);
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
