/* utf8.c: UTF-8 validation, decoding, character classes and reading input text. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uchar.h>

#include "internal.h"

size_t
pont_utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 1;
}

/* Length of the valid sequence at s[i], or 0 when it is invalid (RFC 3629 table). */
static size_t
valid_seq(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i], lo = 0x80, hi = 0xBF;
	size_t n, k;

	if (c < 0x80)
		return c ? 1 : 0;	/* NUL is rejected */
	n = pont_utf8_len(c);
	if (n == 1)
		return 0;
	if (c == 0xE0)
		lo = 0xA0;		/* overlong */
	else if (c == 0xED)
		hi = 0x9F;		/* surrogates */
	else if (c == 0xF0)
		lo = 0x90;		/* overlong */
	else if (c == 0xF4)
		hi = 0x8F;		/* above U+10FFFF */
	if (len - i < n)
		return 0;
	if (s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	for (k = 2; k < n; k++)
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
	return n;
}

size_t
pont_utf8_check(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		/* ASCII fast path, 8 bytes at a time */
		while (i + 8 <= len) {
			uint64_t w;

			memcpy(&w, u + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			/* a NUL byte has no high bit: test for it explicitly */
			if ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if ((n = valid_seq(u, len, i)) == 0)
			return i;
		i += n;
	}
	return len;
}

uint32_t
pont_utf8_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = *i, n = pont_utf8_len(u[k]);
	uint32_t c;

	if (k + n > len)
		n = 1;
	switch (n) {
	case 1:
		c = u[k];
		break;
	case 2:
		c = ((uint32_t)(u[k] & 0x1F) << 6) | (u[k + 1] & 0x3F);
		break;
	case 3:
		c = ((uint32_t)(u[k] & 0x0F) << 12) | ((uint32_t)(u[k + 1] & 0x3F) << 6) | (u[k + 2] & 0x3F);
		break;
	default:
		c = ((uint32_t)(u[k] & 0x07) << 18) | ((uint32_t)(u[k + 1] & 0x3F) << 12) |
		    ((uint32_t)(u[k + 2] & 0x3F) << 6) | (u[k + 3] & 0x3F);
		break;
	}
	*i = k + n;
	return c;
}

uint32_t
pont_utf8_prev(const char *s, size_t i, size_t *start)
{
	size_t k = i, j;

	if (i == 0) {
		*start = 0;
		return 0;
	}
	k--;
	while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	*start = k;
	j = k;
	return pont_utf8_next(s, i, &j);
}

size_t
pont_utf8_count(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* --- character classes --- */

int
pont_cp_is_space(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	return u_isUWhiteSpace((UChar32)c) || c == 0xFEFF;
}

int
pont_cp_is_hspace(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t';
	return c != 0x2028 && c != 0x2029 && c != 0x85 && pont_cp_is_space(c);
}

int
pont_cp_is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	return u_isUAlphabetic((UChar32)c) && !u_isdigit((UChar32)c);
}

int
pont_cp_is_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return u_isUUppercase((UChar32)c) || u_istitle((UChar32)c);
}

int
pont_cp_is_lower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return u_isULowercase((UChar32)c);
}

int
pont_cp_is_digit(uint32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return u_isdigit((UChar32)c);
}

int
pont_cp_is_alnum(uint32_t c)
{
	return pont_cp_is_letter(c) || pont_cp_is_digit(c);
}

int
pont_cp_is_hyphen(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

int
pont_cp_is_apostrophe(uint32_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* --- input text --- */

static pont_status
locate_bad(pont_error *err, const char *name, const char *s, size_t len, size_t off)
{
	pont_lines li;
	unsigned long line, col;
	const char *why;
	unsigned char c = (unsigned char)s[off];

	pont_lines_init(&li, s, off, 0);
	pont_lines_pos(&li, off, &line, &col);
	pont_lines_release(&li);
	if (c == 0)
		why = "NUL byte";
	else if (c >= 0x80 && c <= 0xBF)
		why = "unexpected continuation byte";
	else if (c == 0xC0 || c == 0xC1 || c >= 0xF5)
		why = "byte never valid in UTF-8";
	else if (off + pont_utf8_len(c) > len)
		why = "sequence cut short by the end of input";
	else
		why = "malformed sequence";
	return pont_fail_at(err, PONT_EUTF8, name, line, col,
			    "invalid UTF-8: %s (byte 0x%02X at offset %zu); "
			    "use --replace-invalid to substitute U+FFFD", why, c, off);
}

/* Replaces each maximal invalid subsequence by U+FFFD, NUL included (Unicode's "best practice"). */
static void
repair(const char *s, size_t len, pont_buf *out, size_t *nrep, size_t *first)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, n;

	*nrep = 0;
	while (i < len) {
		if ((n = valid_seq(u, len, i)) != 0) {
			i += n;
			continue;
		}
		pont_buf_add(out, s + run, i - run);
		if ((*nrep)++ == 0)
			*first = out->len;
		pont_buf_add(out, "\xEF\xBF\xBD", 3);
		/* skip the lead byte and the continuation bytes it could legally take */
		n = pont_utf8_len(u[i]);
		i++;
		while (n > 1 && i < len && (u[i] & 0xC0) == 0x80 && valid_seq(u, len, i) == 0) {
			i++;
			n--;
		}
		run = i;
	}
	pont_buf_add(out, s + run, len - run);
}

static pont_status
take(pont_text *t, char *data, size_t len, const char *name, unsigned flags, pont_error *err)
{
	size_t bad = flags & PONT_TEXT_BINARY ? len : pont_utf8_check(data, len), nrep = 0, first = 0;

	if (bad != len) {
		pont_buf fixed = PONT_BUF_INIT;

		if (!(flags & PONT_TEXT_REPLACE_INVALID)) {
			pont_status rc = locate_bad(err, name, data, len, bad);

			free(data);
			return rc;
		}
		repair(data, len, &fixed, &nrep, &first);
		free(data);
		data = fixed.p;
		len = fixed.len;
	}
	t->data = data;
	t->len = len;
	t->bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	t->nreplaced = nrep;
	t->first_replaced = first;
	return PONT_OK;
}

static pont_status
too_big(pont_buf *b, const char *name, size_t max, pont_error *err)
{
	pont_buf_release(b);
	if (max % (1 << 20) == 0)
		return pont_fail_at(err, PONT_ELIMIT, name, 0, 0, "larger than %zu MB, the most it reads (--max-input)",
				    max >> 20);
	return pont_fail_at(err, PONT_ELIMIT, name, 0, 0, "larger than %zu bytes, the most it reads (--max-input)", max);
}

pont_status
pont_text_read_fd(pont_text *t, int fd, const char *name, unsigned flags, pont_error *err)
{
	return pont_text_read_fd_max(t, fd, name, flags, 0, err);
}

pont_status
pont_text_read_fd_max(pont_text *t, int fd, const char *name, unsigned flags, size_t max, pont_error *err)
{
	pont_buf b = PONT_BUF_INIT;
	struct stat sb;

	if (max == 0)
		max = SIZE_MAX / 4;
	/* a regular file is read into a buffer of its size: no copies while growing */
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 && (uintmax_t)sb.st_size < SIZE_MAX / 2) {
		if ((uintmax_t)sb.st_size > max)
			return too_big(&b, name, max, err);
		XGROW_BIG(b.p, b.alloc, (size_t)sb.st_size + 65536 + 1);
	} else {
		XGROW(b.p, b.alloc, 65536);
	}
	for (;;) {
		size_t room;
		ssize_t r;

		if (b.alloc - b.len < 65536 + 1)
			XGROW(b.p, b.alloc, b.len + 65536 + 1);
		room = b.alloc - b.len - 1;
		if (room > max + 1 - b.len)	/* b.len <= max here: one byte past it is enough to know */
			room = max + 1 - b.len;
		r = read(fd, b.p + b.len, room);
		if (r > 0 && b.len + (size_t)r > max)
			return too_big(&b, name, max, err);
		if (r == 0)
			break;
		if (r < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			pont_buf_release(&b);
			pont_fail_at(err, PONT_EIO, name, 0, 0, "cannot read: %s", strerror(e));
			if (err)
				err->sys_errno = e;
			return PONT_EIO;
		}
		b.len += (size_t)r;
	}
	b.p[b.len] = '\0';
	return take(t, b.p, b.len, name, flags, err);
}

pont_status
pont_text_from_bytes(pont_text *t, const char *s, size_t len, const char *name, unsigned flags,
		     pont_error *err)
{
	return take(t, xstrndup(s, len), len, name, flags, err);
}

void
pont_text_release(pont_text *t)
{
	free(t->data);
	t->data = NULL;
	t->len = t->bom = t->nreplaced = t->first_replaced = 0;
}
