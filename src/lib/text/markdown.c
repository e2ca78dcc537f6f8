/* markdown.c: the blocks of a Markdown text: ATX and setext headings, fenced and indented
 * code, HTML blocks, thematic breaks, block quotes, lists, link reference definitions and
 * front matter; paragraphs otherwise. */
#include <stdlib.h>
#include <string.h>

#include "doc.h"

static int
is_rule(const char *s, size_t a, size_t b)
{
	char c = 0;
	size_t n = 0, i;

	for (i = a; i < b; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (s[i] != '*' && s[i] != '-' && s[i] != '_')
			return 0;
		if (c && s[i] != c)
			return 0;
		c = s[i];
		n++;
	}
	return n >= 3;
}

static int
is_setext(const char *s, size_t a, size_t b, unsigned *level)
{
	size_t i = a;
	char c;

	if (i >= b || (s[i] != '=' && s[i] != '-'))
		return 0;
	c = s[i];
	while (i < b && s[i] == c)
		i++;
	if (skip_hspace(s, i, b) != b)
		return 0;
	*level = c == '=' ? 1 : 2;
	return 1;
}

static size_t
fence_at(const char *s, size_t a, size_t b, char *fc)
{
	size_t n = 0;

	if (a >= b || (s[a] != '`' && s[a] != '~'))
		return 0;
	while (a + n < b && s[a + n] == s[a])
		n++;
	if (n < 3)
		return 0;
	if (s[a] == '`' && memchr(s + a + n, '`', b - a - n))
		return 0;
	*fc = s[a];
	return n;
}

static int
html_block_start(const char *s, size_t a, size_t b)
{
	static const char *const tags[] = { "div", "p", "table", "pre", "section", "figure", "iframe",
		"script", "style", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
		"details", "summary", "hr", "article", "aside", "header", "footer", "nav", "dl", "img",
		"video", "audio", "center", "form", "picture", "br", NULL };
	size_t i = a + 1, k, n;

	if (a >= b || s[a] != '<')
		return 0;
	if (b - a >= 4 && memcmp(s + a, "<!--", 4) == 0)
		return 1;
	if (i < b && s[i] == '/')
		i++;
	for (k = 0; tags[k]; k++) {
		n = strlen(tags[k]);
		if (b - i >= n && strncasecmp(s + i, tags[k], n) == 0 &&
		    (i + n == b || s[i + n] == '>' || s[i + n] == ' ' || s[i + n] == '/'))
			return 1;
	}
	return 0;
}

static int
linkdef_at(const char *s, size_t a, size_t b)
{
	size_t i = a + 1;

	if (a >= b || s[a] != '[')
		return 0;
	while (i < b && s[i] != ']')
		i++;
	return i + 1 < b && i > a + 1 && s[i + 1] == ':';
}

/* Where the text of a Markdown line starts once the quote prefixes are removed. */
static size_t
quote_prefix(const char *s, size_t a, size_t b, unsigned *depth)
{
	size_t i = a, after;

	*depth = 0;
	for (;;) {
		if (indent_of(s, i, b, &after) > 3 || after >= b || s[after] != '>')
			break;
		(*depth)++;
		i = after + 1;
		if (i < b && s[i] == ' ')
			i++;
	}
	return i;
}

void
pont__parse_markdown(pont_doc *doc, const line *L, size_t nl)
{
	const char *s = doc->text;
	size_t i = 0, *pstart;
	draft d;
	int open = 0, after_list = 0;

	/* pstart[i]: where line i's text starts after quote and list prefixes (for BLOCK marks) */
	pstart = xcalloc(nl + 1, sizeof *pstart);
	memset(&d, 0, sizeof d);

#define CLOSE() do { if (open) { pont__doc_emit(doc, L, &d, pstart); open = 0; } } while (0)

	/* front matter */
	if (nl > 1 && L[0].end - L[0].start == 3 && memcmp(s + L[0].start, "---", 3) == 0) {
		size_t j;

		for (j = 1; j < nl; j++)
			if (L[j].end - L[j].start == 3 && (memcmp(s + L[j].start, "---", 3) == 0 ||
							   memcmp(s + L[j].start, "...", 3) == 0))
				break;
		if (j < nl) {
			d.kind = PONT_BLOCK_META;
			d.first = 0;
			d.last = j;
			pont__doc_emit(doc, L, &d, NULL);
			i = j + 1;
		}
	}
	for (; i < nl; i++) {
		size_t a, t, m;
		unsigned ind, qd, lvl;
		char fc;

		t = quote_prefix(s, L[i].start, L[i].end, &qd);
		pstart[i] = t;
		ind = indent_of(s, t, L[i].end, &a);
		if (skip_hspace(s, t, L[i].end) >= L[i].end) {	/* blank (maybe "> ") */
			CLOSE();
			continue;
		}
		/* fenced code */
		if (ind <= 3 && (m = fence_at(s, a, L[i].end, &fc)) != 0) {
			size_t j;

			CLOSE();
			for (j = i + 1; j < nl; j++) {
				size_t aa, n = 0;

				indent_of(s, L[j].start, L[j].end, &aa);
				while (aa + n < L[j].end && s[aa + n] == fc)
					n++;
				if (n >= m && skip_hspace(s, aa + n, L[j].end) == L[j].end)
					break;
			}
			if (j >= nl)
				j = nl - 1;
			pont__doc_verbatim(doc, L, PONT_BLOCK_CODE, i, j);
			i = j;
			after_list = 0;
			continue;
		}
		/* indented code (not inside a paragraph or a list) */
		if (ind >= 4 && !open && !after_list && qd == 0) {
			size_t j = i;

			while (j + 1 < nl) {
				size_t aa;

				if (L[j + 1].blank) {
					size_t k = j + 1;

					while (k < nl && L[k].blank)
						k++;
					if (k < nl && indent_of(s, L[k].start, L[k].end, &aa) >= 4) {
						j = k;
						continue;
					}
					break;
				}
				if (indent_of(s, L[j + 1].start, L[j + 1].end, &aa) < 4)
					break;
				j++;
			}
			pont__doc_verbatim(doc, L, PONT_BLOCK_CODE, i, j);
			i = j;
			continue;
		}
		/* setext underline turns an open plain paragraph into a heading */
		if (open && d.kind == PONT_BLOCK_PARAGRAPH && qd == 0 && ind <= 3 &&
		    is_setext(s, a, L[i].end, &lvl)) {
			d.kind = PONT_BLOCK_HEADING;
			d.level = lvl;
			d.last = i;
			d.cend = L[i - 1].end;
			CLOSE();
			continue;
		}
		if (ind <= 3 && is_rule(s, a, L[i].end)) {
			CLOSE();
			pont__doc_verbatim(doc, L, PONT_BLOCK_RULE, i, i);
			after_list = 0;
			continue;
		}
		/* ATX heading */
		if (ind <= 3 && s[a] == '#') {
			size_t h = 0, e, st;

			while (a + h < L[i].end && s[a + h] == '#')
				h++;
			if (h <= 6 && (a + h == L[i].end || s[a + h] == ' ' || s[a + h] == '\t')) {
				CLOSE();
				memset(&d, 0, sizeof d);
				d.kind = PONT_BLOCK_HEADING;
				d.level = (unsigned)h;
				d.first = d.last = i;
				d.cstart = skip_hspace(s, a + h, L[i].end);
				e = trim_end(s, d.cstart, L[i].end);
				st = e;
				while (st > d.cstart && s[st - 1] == '#')
					st--;
				if (st < e && (st == d.cstart || s[st - 1] == ' ' || s[st - 1] == '\t'))
					e = trim_end(s, d.cstart, st);
				d.cend = e;
				pont__doc_emit(doc, L, &d, NULL);
				after_list = 0;
				continue;
			}
		}
		if (ind <= 3 && !open && (html_block_start(s, a, L[i].end) || linkdef_at(s, a, L[i].end))) {
			size_t j = i;
			int html = s[a] == '<';

			while (j + 1 < nl && !L[j + 1].blank && (html || linkdef_at(s, skip_hspace(s, L[j + 1].start, L[j + 1].end), L[j + 1].end)))
				j++;
			pont__doc_verbatim(doc, L, html ? PONT_BLOCK_HTML : PONT_BLOCK_META, i, j);
			i = j;
			continue;
		}
		/* list item */
		if ((m = pont__list_marker(s, a, L[i].end, 1)) != 0 && (!open || qd == 0) &&
		    !(open && s[a] >= '0' && s[a] <= '9' && !(s[a] == '1' && (s[a + 1] == '.' || s[a + 1] == ')')))) {
			CLOSE();
			memset(&d, 0, sizeof d);
			d.kind = PONT_BLOCK_LIST_ITEM;
			d.level = 1 + ind / 2;
			d.first = d.last = i;
			d.cstart = skip_hspace(s, a + m, L[i].end);
			pstart[i] = d.cstart;
			d.cend = L[i].end;
			open = 1;
			after_list = 1;
			continue;
		}
		/* continuation of the open block (lazy lines included) */
		if (open) {
			d.last = i;
			d.cend = L[i].end;
			pstart[i] = a;
			continue;
		}
		/* a new paragraph, in a quote or not */
		memset(&d, 0, sizeof d);
		d.kind = qd ? PONT_BLOCK_QUOTE : after_list && ind >= 2 ? PONT_BLOCK_LIST_ITEM : PONT_BLOCK_PARAGRAPH;
		d.level = qd;
		if (d.kind == PONT_BLOCK_LIST_ITEM)
			d.level = 1 + (ind - 2) / 2;
		else
			after_list = 0;
		d.first = d.last = i;
		d.cstart = a;
		pstart[i] = a;
		d.cend = L[i].end;
		open = 1;
	}
	CLOSE();
#undef CLOSE
	free(pstart);
}
