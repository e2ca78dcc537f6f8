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

int
cli_engine_run(const char *cmd, const char *const *lines, size_t n, double timeout, char ***out)
{
	int in[2] = { -1, -1 }, o[2] = { -1, -1 }, e[2] = { -1, -1 }, status = 0, rc = EXIT_OK;
	pont_buf input = PONT_BUF_INIT, output = PONT_BUF_INIT, errs = PONT_BUF_INIT;
	size_t written = 0, i, got = 0;
	double deadline = cli_now() + timeout;
	struct sigaction ign, old;
	pid_t pid;
	char msg[200];

	*out = NULL;
	for (i = 0; i < n; i++) {
		pont_buf_adds(&input, lines[i]);
		pont_buf_addc(&input, '\n');
	}
	if (pipe(in) != 0 || pipe(o) != 0 || pipe(e) != 0) {
		cli_msg(NULL, "error", "cannot run the engine: %s", strerror(errno));
		rc = EXIT_SYSTEM;
		goto done;
	}
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);		/* a command that stops reading is an error, not a signal */
	if ((pid = fork()) < 0) {
		cli_msg(NULL, "error", "cannot run the engine: %s", strerror(errno));
		sigaction(SIGPIPE, &old, NULL);
		rc = EXIT_SYSTEM;
		goto done;
	}
	if (pid == 0) {
		setpgid(0, 0);			/* its own group, so a time-out stops the whole pipeline */
		dup2(in[0], 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		close(in[0]);
		close(in[1]);
		close(o[0]);
		close(o[1]);
		close(e[0]);
		close(e[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	close(in[0]);
	close(o[1]);
	close(e[1]);
	in[0] = o[1] = e[1] = -1;
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	if (input.len == 0) {
		close(in[1]);
		in[1] = -1;
	}
	while (o[0] >= 0 || e[0] >= 0) {
		struct pollfd pf[3];
		int np = 0, left = (int)((deadline - cli_now()) * 1000);
		char buf[65536];
		ssize_t r;

		if (left <= 0) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			cli_msg(NULL, "error", "the engine did not answer within %.0f s (--timeout): %s", timeout, cmd);
			sigaction(SIGPIPE, &old, NULL);
			rc = EXIT_SYSTEM;
			goto done;
		}
		if (in[1] >= 0)
			pf[np++] = (struct pollfd){ in[1], POLLOUT, 0 };
		if (o[0] >= 0)
			pf[np++] = (struct pollfd){ o[0], POLLIN, 0 };
		if (e[0] >= 0)
			pf[np++] = (struct pollfd){ e[0], POLLIN, 0 };
		if (poll(pf, (nfds_t)np, left) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < (size_t)np; i++) {
			if (pf[i].revents == 0)
				continue;
			if (pf[i].fd == in[1]) {
				r = write(in[1], input.p + written, input.len - written);
				if (r > 0)
					written += (size_t)r;
				if ((r < 0 && errno != EAGAIN && errno != EINTR) || written == input.len) {
					close(in[1]);	/* done, or the command stopped reading */
					in[1] = -1;
				}
			} else {
				int *fd = pf[i].fd == o[0] ? &o[0] : &e[0];

				r = read(*fd, buf, sizeof buf);
				if (r > 0)
					pont_buf_add(fd == &o[0] ? &output : &errs, buf, (size_t)r);
				else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
					close(*fd);
					*fd = -1;
				}
			}
		}
	}
	if (in[1] >= 0) {
		close(in[1]);
		in[1] = -1;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		first_line(&errs, msg, sizeof msg);
		if (WIFEXITED(status))
			cli_msg(NULL, "error", "the engine failed (exit status %d)%s%s: %s", WEXITSTATUS(status),
				*msg ? ": " : "", msg, cmd);
		else
			cli_msg(NULL, "error", "the engine was killed by signal %d: %s", WTERMSIG(status), cmd);
		rc = EXIT_SYSTEM;
		goto done;
	}
	/* as many lines as were sent */
	for (i = 0; i < output.len; i++)
		got += output.p[i] == '\n';
	if (output.len && output.p[output.len - 1] != '\n')
		got++;
	if (got != n) {
		cli_msg(NULL, "error", "the engine returned %zu lines for %zu segments (one line in, one line out): %s",
			got, n, cmd);
		rc = EXIT_DATA;
		goto done;
	}
	*out = calloc(n + 1, sizeof **out);
	if (*out == NULL)
		abort();
	{
		const char *s = output.p ? output.p : "";

		for (i = 0; i < n; i++) {
			const char *nl = strchr(s, '\n');
			size_t len = nl ? (size_t)(nl - s) : strlen(s);

			if (len && s[len - 1] == '\r')
				len--;
			if (((*out)[i] = strndup(s, len)) == NULL)
				abort();
			s = nl ? nl + 1 : s + len;
		}
	}
done:
	for (i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (o[i] >= 0)
			close(o[i]);
		if (e[i] >= 0)
			close(e[i]);
	}
	pont_buf_release(&input);
	pont_buf_release(&output);
	pont_buf_release(&errs);
	return rc;
}
