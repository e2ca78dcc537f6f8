/* util.c: allocation, errors, buffers, spans and line positions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "internal.h"

static void (*oom_handler)(size_t);

void
pont_set_oom_handler(void (*handler)(size_t n))
{
	oom_handler = handler;
}

/* An allocation failed: the program's handler decides (the library never prints nor exits);
 * without one, or if it returns, there is nothing the library can do but stop. */
void
pont__oom(size_t n)
{
	if (oom_handler)
		oom_handler(n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		pont__oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		pont__oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		pont__oom(n);
	return p;
}

#define HUGE_PAGE ((size_t)2 << 20)

void *
xmalloc_big(size_t n)
{
	void *p;

	if (n < HUGE_PAGE)
		return xmalloc(n);
	/* large buffers on huge pages when the system offers them: a few page faults, not thousands */
	if (posix_memalign(&p, HUGE_PAGE, n) != 0)
		pont__oom(n);
	madvise(p, n, MADV_HUGEPAGE);
	return p;
}

void
xgrow_big(void **v, size_t *alloc, size_t need, size_t sz)
{
	void *p;

	if (need <= *alloc)
		return;
	if (need > SIZE_MAX / 2 / sz)
		pont__oom(SIZE_MAX);
	if (need * sz < HUGE_PAGE) {
		xgrow(v, alloc, need, sz);
		return;
	}
	p = xmalloc_big(need * sz);
	if (*v && *alloc)
		memcpy(p, *v, *alloc * sz);
	free(*v);
	*v = p;
	*alloc = need;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
xgrow(void **v, size_t *alloc, size_t need, size_t sz)
{
	size_t n = *alloc;

	if (need <= n)
		return;
	if (n < 8)
		n = 8;
	while (n < need) {
		if (n > SIZE_MAX / 2 / sz)
			pont__oom(SIZE_MAX);
		n *= 2;
	}
	*v = xrealloc(*v, n * sz);
	*alloc = n;
}

static pont_status
vfail(pont_error *err, pont_status code, const char *file, unsigned long line, unsigned long col,
      const char *fmt, va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	err->file = file;
	err->line = line;
	err->col = col;
	err->sys_errno = 0;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	return code;
}

pont_status
pont_fail(pont_error *err, pont_status code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(err, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

pont_status
pont_fail_at(pont_error *err, pont_status code, const char *file, unsigned long line,
	     unsigned long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

uint64_t
pont_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* --- buffers --- */

static void
buf_grow(pont_buf *b, size_t extra)
{
	if (b->len + extra + 1 < b->len)
		pont__oom(SIZE_MAX);
	XGROW(b->p, b->alloc, b->len + extra + 1);
}

void
pont_buf_add(pont_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
pont_buf_adds(pont_buf *b, const char *s)
{
	pont_buf_add(b, s, strlen(s));
}

void
pont_buf_addc(pont_buf *b, char c)
{
	buf_grow(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

void
pont_buf_vaddf(pont_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	buf_grow(b, 64);
	va_copy(aq, ap);
	n = vsnprintf(b->p + b->len, b->alloc - b->len, fmt, aq);
	va_end(aq);
	if (n < 0)
		abort();
	if ((size_t)n >= b->alloc - b->len) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->p + b->len, b->alloc - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
pont_buf_addf(pont_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pont_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
pont_buf_add_utf8(pont_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	pont_buf_add(b, u, n);
}

void
pont_buf_add_uint(pont_buf *b, uint64_t v)
{
	char d[24];
	size_t k = sizeof d;

	do
		d[--k] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	pont_buf_add(b, d + k, sizeof d - k);
}

void
pont_buf_add_json(pont_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	static const unsigned char plain[256] = {
		/* 1 for every byte that goes out as it is: >= 0x20, not '"' or '\\' */
#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
		R16(0), R16(0), 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, R16(1), R16(1),
		R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1), R16(1),
#undef R16
	};
	size_t i, run = 0;

	buf_grow(b, n + 2);
	pont_buf_addc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];

		if (plain[c] && c != '\\')
			continue;
		pont_buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			u[6] = '\0';
			esc = u;
		}
		pont_buf_adds(b, esc);
	}
	pont_buf_add(b, s + run, n - run);
	pont_buf_addc(b, '"');
}

void
pont_buf_reset(pont_buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
pont_buf_release(pont_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->alloc = 0;
}

/* --- spans --- */

void
pont_spans_push(pont_spans *s, size_t start, size_t end)
{
	XGROW(s->v, s->alloc, s->n + 1);
	s->v[s->n].start = start;
	s->v[s->n].end = end;
	s->n++;
}

void
pont_spans_release(pont_spans *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->alloc = 0;
}

void
pont_marks_push(pont_marks *m, pont_mark_kind k, size_t start, size_t end)
{
	XGROW(m->v, m->alloc, m->n + 1);
	m->v[m->n].kind = k;
	m->v[m->n].span.start = start;
	m->v[m->n].span.end = end;
	m->n++;
}

/* --- line positions --- */

void
pont_lines_init(pont_lines *li, const char *text, size_t len, size_t bom)
{
	size_t i, alloc = 0;

	li->start = NULL;
	li->n = 0;
	li->last_off = 0;
	li->last_line = SIZE_MAX;
	li->last_col = 0;
	li->text = text;
	li->len = len;
	li->bom = bom;
	XGROW(li->start, alloc, 1);
	li->start[li->n++] = 0;
	for (i = 0; i < len;) {
		size_t next;

		if (pont__line_end(text, i, len, &next) == len)
			break;
		XGROW(li->start, alloc, li->n + 1);
		li->start[li->n++] = next;
		i = next;
	}
}

size_t
pont__line_end(const char *s, size_t i, size_t len, size_t *next)
{
	const char *nl = memchr(s + i, '\n', len - i);
	size_t e = nl ? (size_t)(nl - s) : len;
	const char *cr = memchr(s + i, '\r', e - i);

	if (cr && !(cr + 1 == s + e && nl)) {	/* a CR alone (a classic Mac file's line end) */
		e = (size_t)(cr - s);
		*next = e + 1;
		return e;
	}
	if (nl == NULL) {
		*next = len;
		return len;
	}
	*next = e + 1;
	return e > i && s[e - 1] == '\r' ? e - 1 : e;
}

void
pont_lines_pos(const pont_lines *li, size_t off, unsigned long *line, unsigned long *col)
{
	size_t lo = 0, hi = li->n, from;

	if (off > li->len)
		off = li->len;
	while (hi - lo > 1) {		/* last line start <= off */
		size_t mid = lo + (hi - lo) / 2;

		if (li->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	from = li->start[lo];
	if (lo == 0 && li->bom && off >= li->bom)
		from = li->bom;
	*line = (unsigned long)lo + 1;
	if (li->last_line == lo && li->last_off <= off && li->last_off >= from) {
		/* later on the same line: count from where the last question stopped */
		*col = li->last_col + (unsigned long)pont_utf8_count(li->text + li->last_off, off - li->last_off);
	} else {
		*col = (unsigned long)pont_utf8_count(li->text + from, off - from) + 1;
	}
	((pont_lines *)li)->last_line = lo;	/* the cache is not part of the value */
	((pont_lines *)li)->last_off = off;
	((pont_lines *)li)->last_col = *col;
}

void
pont_lines_release(pont_lines *li)
{
	free(li->start);
	li->start = NULL;
	li->n = 0;
}

void
pont_buf_add_tsv(pont_buf *b, const char *s, size_t n)
{
	/* a table: pont segment --format tsv writes every sentence through here */
	static const unsigned char special[256] = { ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', ['\\'] = '\\' };
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		char esc[2];

		if (!special[(unsigned char)s[i]])
			continue;
		esc[0] = '\\';
		esc[1] = (char)special[(unsigned char)s[i]];
		pont_buf_add(b, s + run, i - run);
		pont_buf_add(b, esc, 2);
		run = i + 1;
	}
	pont_buf_add(b, s + run, n - run);
}

void
pont_buf_add_xml(pont_buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" :
				c == '\r' ? "&#13;" : NULL;
		size_t skip = 1;

		/* what XML 1.0 cannot hold at all: other C0 controls, U+FFFE, U+FFFF */
		if (e == NULL && ((c < 0x20 && c != '\t' && c != '\n') ||
				  (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
				   ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)))) {
			e = "\xEF\xBF\xBD";
			skip = c == 0xEF ? 3 : 1;
		}
		if (e == NULL)
			continue;
		pont_buf_add(b, s + run, i - run);
		pont_buf_adds(b, e);
		i += skip - 1;
		run = i + 1;
	}
	pont_buf_add(b, s + run, n - run);
}
