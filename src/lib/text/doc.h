/* doc.h: what the document readers share (doc.c, inline.c, markdown.c): the document, its
 * lines, the blocks being built, and small scanners. Private to the library. */
#ifndef PONT_TEXT_DOC_H
#define PONT_TEXT_DOC_H

#include <stdint.h>

#include "internal.h"

typedef struct line {
	size_t start, end;	/* content of the line, line end excluded */
	size_t next;		/* start of the next line */
	int blank;		/* only white space (no-break spaces included) */
} line;

struct pont_doc {
	const char *text;
	size_t len, bom;
	pont_format format;
	const char *fields;	/* the front matter's prose keys (pont_doc_options) */
	pont_block *blocks;
	size_t nblocks, ablocks;
	pont_marks marks;
};

/* One block while parsing: its lines and the structure of each. */
typedef struct draft {
	pont_block_kind kind;
	unsigned level;
	size_t first, last;	/* line indexes */
	size_t cstart, cend;	/* content span */
	pont_marks marks;	/* BLOCK marks of continuation lines */
	int own_span;		/* a block within a line (a table cell): its span is sstart, send */
	size_t sstart, send;
	size_t lstart, lend;	/* its label (a field's key), when lend > lstart */
	int html;		/* read by the HTML reader: its marks are in marks */
} draft;

static inline uint32_t
cp_at(const char *s, size_t len, size_t i)
{
	return i < len ? pont_utf8_next(s, len, &i) : 0;
}

static inline uint32_t
cp_before(const char *s, size_t i)
{
	size_t st;

	return i ? pont_utf8_prev(s, i, &st) : 0;
}

/* Skips horizontal white space (no-break spaces included) from i, up to end. */
static inline size_t
skip_hspace(const char *s, size_t i, size_t end)
{
	while (i < end) {
		size_t j = i;

		if (!pont_cp_is_hspace(pont_utf8_next(s, end, &j)))
			break;
		i = j;
	}
	return i;
}

/* Moves end back over white space, not before start. */
static inline size_t
trim_end(const char *s, size_t start, size_t end)
{
	while (end > start) {
		size_t st;

		if (!pont_cp_is_space(pont_utf8_prev(s, end, &st)))
			break;
		end = st;
	}
	return end;
}

/* Number of leading spaces (a tab counts to the next multiple of 4) and the offset after them. */
static inline unsigned
indent_of(const char *s, size_t start, size_t end, size_t *after)
{
	unsigned n = 0;
	size_t i = start;

	while (i < end && (s[i] == ' ' || s[i] == '\t')) {
		n = s[i] == '\t' ? (n + 4) & ~3u : n + 1;
		i++;
	}
	*after = i;
	return n;
}

static inline int
is_punct_ascii(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

/* characters of e-mail addresses: the local part, the domain */
static inline int
email_local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static inline int
domain_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-';
}

/* doc.c: a draft made a block (marks for its line structure and inline markup, sorted into
 * the document's list); a verbatim block over lines first..last; a list marker at s[i] ("- ",
 * "1. ", and "• " in plain text), its length with the space. */
void pont__doc_emit(pont_doc *doc, const line *L, draft *d, const size_t *pstart);
void pont__doc_verbatim(pont_doc *doc, const line *L, pont_block_kind kind, size_t first, size_t last);
size_t pont__list_marker(const char *s, size_t i, size_t end, int markdown);
/* inline.c: the length of a character reference at s[i] (&amp; &#39; &#x1F;), 0 if none. */
size_t pont__char_ref_len(const char *s, size_t i, size_t end);
/* frontmatter.c: the front matter's prose values as blocks; the index of the line after it (0
 * when there is none). keys: comma-separated, or NULL for the default list. */
size_t pont__front_matter(pont_doc *doc, const line *L, size_t nl, const char *keys);
/* html.c: the blocks of an HTML page (each with its own span and marks); the drafts of the HTML
 * in doc->text[a, b) appended to *v (how many). */
void pont__parse_html(pont_doc *doc, const line *L);
size_t pont__html_drafts(pont_doc *doc, size_t a, size_t b, draft **v, size_t *n, size_t *alloc);

/* inline.c: the inline Markdown of ranges r[0, n) of s (the lines of one block's content, in
 * order: emphasis may span them), appended to m unsorted. */
void pont__inline_marks(const char *s, size_t len, const pont_span *r, size_t n, pont_marks *m);

/* markdown.c: the blocks of a Markdown text. */
void pont__parse_markdown(pont_doc *doc, const line *L, size_t nl);

#endif
