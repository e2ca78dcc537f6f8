/* test_text.c: UTF-8 validation, streaming reads at every small chunk size, line positions. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "internal.h"

/* Feeds s to a pipe in chunks of n bytes from a child process; reads it back with pont. */
static pont_status
read_chunked(const char *s, size_t len, size_t n, unsigned flags, pont_text *t, pont_error *err)
{
	int fd[2];
	pid_t pid;
	pont_status st;

	if (pipe(fd) != 0)
		abort();
	if ((pid = fork()) == 0) {
		size_t i;

		close(fd[0]);
		for (i = 0; i < len; i += n) {
			size_t k = len - i < n ? len - i : n;

			if (write(fd[1], s + i, k) != (ssize_t)k)
				_exit(1);
			usleep(50);
		}
		_exit(0);
	}
	close(fd[1]);
	st = pont_text_read_fd(t, fd[0], "pipe", flags, err);
	close(fd[0]);
	waitpid(pid, NULL, 0);
	return st;
}

static void
test_check(void)
{
	OK(pont_utf8_check("abc", 3) == 3);
	OK(pont_utf8_check("caf\xC3\xA9", 5) == 5);
	OK(pont_utf8_check("a\0b", 3) == 1);			/* NUL */
	OK(pont_utf8_check("ab\xC3", 3) == 2);			/* cut short */
	OK(pont_utf8_check("\xC0\xAF", 2) == 0);		/* overlong */
	OK(pont_utf8_check("\xE0\x80\xAF", 3) == 0);		/* overlong, 3 bytes */
	OK(pont_utf8_check("\xED\xA0\x80", 3) == 0);		/* surrogate */
	OK(pont_utf8_check("\xF4\x90\x80\x80", 4) == 0);	/* above U+10FFFF */
	OK(pont_utf8_check("\xF0\x9F\x98\x80", 4) == 4);	/* emoji */
	OK(pont_utf8_check("12345678\x80", 9) == 8);		/* after the 8-byte fast path */
	OK(pont_utf8_check("1234567\0" "9", 9) == 7);		/* NUL inside a fast-path word */
}

static void
test_chunks(void)
{
	static const char good[] = "\xEF\xBB\xBFL\xE2\x80\x99infra : 24h/7j \xF0\x9F\x98\x80 \xC3\xA9t\xC3\xA9\r\n";
	static const char bad[] = "ligne 1\nligne \xC3\xA9 2 \xE2\x80 fin";
	size_t n;

	for (n = 1; n <= 5; n++) {
		pont_text t = PONT_TEXT_INIT;
		pont_error err;

		OK(read_chunked(good, sizeof good - 1, n, 0, &t, &err) == PONT_OK);
		OK(t.len == sizeof good - 1 && memcmp(t.data, good, t.len) == 0);
		OK(t.bom == 3);
		pont_text_release(&t);
		OK(read_chunked(bad, sizeof bad - 1, n, 0, &t, &err) == PONT_EUTF8);
		OK(err.line == 2 && err.col == 11);
		OK(t.data == NULL);
		OK(read_chunked(bad, sizeof bad - 1, n, PONT_TEXT_REPLACE_INVALID, &t, &err) == PONT_OK);
		OK(t.nreplaced == 1 && t.data && strstr(t.data, "2 \xEF\xBF\xBD fin") != NULL);
		pont_text_release(&t);
	}
}

static void
test_lines(void)
{
	static const char s[] = "\xEF\xBB\xBF" "ab\n\xC3\xA9t\xC3\xA9 x\r\nz";
	pont_lines li;
	unsigned long line, col;

	pont_lines_init(&li, s, sizeof s - 1, 3);
	pont_lines_pos(&li, 3, &line, &col);
	OK(line == 1 && col == 1);			/* the BOM is not a column */
	pont_lines_pos(&li, 12, &line, &col);		/* "x" after "été " */
	OK(line == 2 && col == 5);
	pont_lines_pos(&li, sizeof s - 2, &line, &col);
	OK(line == 3 && col == 1);
	pont_lines_release(&li);
}

static void
test_buf(void)
{
	pont_buf b = PONT_BUF_INIT;

	pont_buf_add_json(&b, "a\"b\\c\n\t\x01\xC3\xA9", 10);
	STR_EQ(b.p, "\"a\\\"b\\\\c\\n\\t\\u0001\xC3\xA9\"");
	pont_buf_reset(&b);
	pont_buf_addf(&b, "%s-%d", "x", 42);
	pont_buf_add_utf8(&b, 0x202F);
	STR_EQ(b.p, "x-42\xE2\x80\xAF");
	pont_buf_release(&b);
	OK(b.p == NULL && b.len == 0);
}

int
main(void)
{
	test_check();
	test_chunks();
	test_lines();
	test_buf();
	return DONE();
}
