/* html.c: the blocks of an HTML page, as an HTML5 parser (gumbo) reads it, with byte offsets
 * from its source positions. A block is a run of text and inline elements under one block
 * element (a paragraph, a heading, a list item, a table cell, a quote...); the tags inside it,
 * comments, character references and line ends are marks (codes), and the text a reader sees
 * in an image's alt and in title attributes is text of the run between them. The page's
 * <title> and its meta description are fields. Scripts, styles, code blocks, SVG and the
 * like are not text; every byte outside the blocks stays as it is. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "doc.h"

#define MAX_DEPTH 400		/* deeper elements: kept as they are, not read */

typedef struct hrun {
	const char *s;
	size_t len;
	draft *v;			/* the blocks found */
	size_t n, alloc;
	/* the run being read */
	int open;
	size_t start, end, lstart, lend;
	pont_marks marks;
	pont_block_kind kind;
	unsigned level;
	int has_text;
} hrun;

static void *
h_alloc(void *ud, size_t n)
{
	(void)ud;
	return xmalloc(n ? n : 1);
}

static void
h_free(void *ud, void *p)
{
	(void)ud;
	free(p);
}

static int
is_inline(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
	case GUMBO_TAG_BR: case GUMBO_TAG_CITE: case GUMBO_TAG_DATA: case GUMBO_TAG_DFN:
	case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_MARK:
	case GUMBO_TAG_Q: case GUMBO_TAG_S: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN:
	case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_U:
	case GUMBO_TAG_VAR: case GUMBO_TAG_WBR: case GUMBO_TAG_DEL: case GUMBO_TAG_INS: case GUMBO_TAG_LABEL:
	case GUMBO_TAG_FONT: case GUMBO_TAG_BIG: case GUMBO_TAG_TT: case GUMBO_TAG_STRIKE: case GUMBO_TAG_ACRONYM:
	case GUMBO_TAG_NOBR: case GUMBO_TAG_RUBY: case GUMBO_TAG_RT: case GUMBO_TAG_RP:
		return 1;
	default:
		return 0;
	}
}

/* Inline code, keyboard input, a program's output: a code of its own, never translated. */
static int
is_code(GumboTag t)
{
	return t == GUMBO_TAG_CODE || t == GUMBO_TAG_KBD || t == GUMBO_TAG_SAMP;
}

/* Elements whose content is not prose: kept whole (a mark inside a run). */
static int
is_opaque(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO:
	case GUMBO_TAG_VIDEO: case GUMBO_TAG_PRE: case GUMBO_TAG_INPUT: case GUMBO_TAG_BUTTON:
		return 1;
	default:
		return 0;
	}
}

/* The bytes of a node in the source: [*a, *b); 0 for a node the parser made up. */
static int
node_span(const hrun *h, const GumboNode *n, size_t *a, size_t *b)
{
	if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
		const GumboElement *e = &n->v.element;

		if (e->original_tag.length == 0)
			return 0;
		*a = (size_t)(e->original_tag.data - h->s);
		*b = e->original_end_tag.length ? (size_t)(e->original_end_tag.data - h->s) + e->original_end_tag.length :
						  (size_t)e->end_pos.offset;
		if (*b < *a + e->original_tag.length)
			*b = *a + e->original_tag.length;
	} else {
		const GumboText *t = &n->v.text;

		if (t->original_text.length == 0)
			return 0;
		*a = (size_t)(t->original_text.data - h->s);
		*b = *a + t->original_text.length;
	}
	return *a <= *b && *b <= h->len;
}

static void
flush(hrun *h)
{
	draft *d;

	if (h->open && h->has_text && h->end > h->start) {
		XGROW(h->v, h->alloc, h->n + 1);
		d = &h->v[h->n++];
		memset(d, 0, sizeof *d);
		d->kind = h->kind;
		d->level = h->level;
		d->own_span = 1;
		d->sstart = d->cstart = h->start;
		d->send = d->cend = h->end;
		d->marks = h->marks;
		d->html = 1;
		d->lstart = h->lstart;
		d->lend = h->lend;
		memset(&h->marks, 0, sizeof h->marks);
	}
	h->lstart = h->lend = 0;
	h->marks.n = 0;
	h->open = 0;
	h->has_text = 0;
}

/* Adds [a, b) to the run (a mark when kind >= 0), opening it; a node out of the source's order
 * closes the run first. */
static void
add(hrun *h, size_t a, size_t b, int mark)
{
	if (h->open && a < h->end)
		flush(h);
	if (!h->open) {
		h->open = 1;
		h->start = a;
		h->has_text = 0;
	}
	if (mark >= 0 && b > a)
		pont_marks_push(&h->marks, (pont_mark_kind)mark, a, b);
	h->end = b;
}

/* A text node: its text, with character references and line ends as marks. */
static void
text(hrun *h, size_t a, size_t b)
{
	const char *s = h->s;
	size_t i = a;

	add(h, a, a, -1);
	while (i < b) {
		size_t r;

		if (s[i] == '&' && (r = pont__char_ref_len(s, i, b)) != 0) {
			pont_marks_push(&h->marks, PONT_MARK_HTML, i, i + r);
			h->has_text = 1;
			i += r;
			continue;
		}
		if (s[i] == '\n' || s[i] == '\r') {
			size_t j = i;

			while (j < b && (s[j] == '\n' || s[j] == '\r' || s[j] == ' ' || s[j] == '\t'))
				j++;
			if (i > a && j < b)	/* inside the text: the line's structure */
				pont_marks_push(&h->marks, PONT_MARK_BLOCK, i, j);
			i = j;
			continue;
		}
		if (s[i] != ' ' && s[i] != '\t')
			h->has_text = 1;
		i++;
	}
	h->end = b;
}

/* A tag of the run, with the prose of its alt and title attributes as text between marks. */
static void
tag(hrun *h, const GumboElement *e, size_t a, size_t b)
{
	size_t at = a, k;

	add(h, a, a, -1);
	for (k = 0; k < e->attributes.length; k++) {
		const GumboAttribute *x = e->attributes.data[k];
		size_t vs, ve;

		if (strcasecmp(x->name, "alt") != 0 && strcasecmp(x->name, "title") != 0)
			continue;
		if (x->original_value.length < 3 || (x->original_value.data[0] != '"' && x->original_value.data[0] != '\''))
			continue;
		vs = (size_t)(x->original_value.data - h->s) + 1;
		ve = vs + x->original_value.length - 2;
		if (vs < at || ve > b)
			continue;
		pont_marks_push(&h->marks, PONT_MARK_HTML, at, vs);
		text(h, vs, ve);
		at = ve;
	}
	pont_marks_push(&h->marks, PONT_MARK_HTML, at, b);
	h->end = b;
}

static void walk(hrun *h, const GumboNode *n, pont_block_kind kind, unsigned level, unsigned depth);

/* An inline element: its tags as marks, its children in the run. */
static void
inline_element(hrun *h, const GumboNode *n, pont_block_kind kind, unsigned level, unsigned depth)
{
	const GumboElement *e = &n->v.element;
	size_t a, b, k;

	if (!node_span(h, n, &a, &b))
		return;
	tag(h, e, a, a + e->original_tag.length);
	for (k = 0; k < e->children.length; k++)
		walk(h, e->children.data[k], kind, level, depth + 1);
	if (e->original_end_tag.length) {
		size_t ea = (size_t)(e->original_end_tag.data - h->s);

		add(h, ea, ea + e->original_end_tag.length, PONT_MARK_HTML);
	}
}

static void
walk(hrun *h, const GumboNode *n, pont_block_kind kind, unsigned level, unsigned depth)
{
	size_t a, b, k;

	if (depth > MAX_DEPTH)
		return;
	switch (n->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
	case GUMBO_NODE_CDATA:
		if (node_span(h, n, &a, &b)) {
			if (!h->open && n->type == GUMBO_NODE_WHITESPACE)
				return;
			if (!h->open) {
				h->kind = kind;
				h->level = level;
			}
			text(h, a, b);
		}
		return;
	case GUMBO_NODE_COMMENT:
		if (h->open && node_span(h, n, &a, &b)) {
			if (a >= 4 && memcmp(h->s + a - 4, "<!--", 4) == 0)
				a -= 4;
			if (b + 3 <= h->len && memcmp(h->s + b, "-->", 3) == 0)
				b += 3;
			add(h, a, b, PONT_MARK_HTML);
		}
		return;
	case GUMBO_NODE_DOCUMENT:
		for (k = 0; k < n->v.document.children.length; k++)
			walk(h, n->v.document.children.data[k], kind, level, depth + 1);
		return;
	default:
		break;
	}
	{
		const GumboElement *e = &n->v.element;
		GumboTag t = e->tag;

		if (t == GUMBO_TAG_TITLE) {
			/* the page's title: a field, labelled with the tag's name */
			flush(h);
			for (k = 0; k < e->children.length; k++)
				walk(h, e->children.data[k], PONT_BLOCK_FIELD, 0, depth + 1);
			if (h->open && e->original_tag.length > 6) {
				h->lstart = (size_t)(e->original_tag.data - h->s) + 1;
				h->lend = h->lstart + 5;
			}
			flush(h);
			return;
		}
		if (t == GUMBO_TAG_HEAD) {
			for (k = 0; k < e->children.length; k++) {
				const GumboNode *c = e->children.data[k];

				if (c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_TITLE)
					walk(h, c, kind, level, depth + 1);
			}
			return;
		}
		if (is_code(t) && e->original_tag.length && node_span(h, n, &a, &b)) {
			if (!h->open) {
				h->kind = kind;
				h->level = level;
			}
			add(h, a, b, PONT_MARK_CODE);
			return;
		}
		if (is_opaque(t)) {
			if (h->open && node_span(h, n, &a, &b))
				add(h, a, b, PONT_MARK_HTML);
			return;
		}
		if (is_inline(t) && e->original_tag.length) {
			if (!h->open) {
				h->kind = kind;
				h->level = level;
			}
			inline_element(h, n, kind, level, depth);
			return;
		}
		/* a block: the run before it ends, its own runs are of its kind */
		flush(h);
		switch (t) {
		case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
		case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
			kind = PONT_BLOCK_HEADING;
			level = (unsigned)(t - GUMBO_TAG_H1) + 1;
			break;
		case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
			kind = PONT_BLOCK_LIST_ITEM;
			break;
		case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
			level++;
			break;
		case GUMBO_TAG_BLOCKQUOTE:
			kind = PONT_BLOCK_QUOTE;
			break;
		case GUMBO_TAG_TD: case GUMBO_TAG_TH:
			kind = PONT_BLOCK_CELL;
			break;
		case GUMBO_TAG_P: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION:
			if (kind != PONT_BLOCK_LIST_ITEM && kind != PONT_BLOCK_QUOTE && kind != PONT_BLOCK_CELL)
				kind = PONT_BLOCK_PARAGRAPH;
			break;
		default:
			break;
		}
		if (kind == PONT_BLOCK_LIST_ITEM && level == 0)
			level = 1;
		for (k = 0; k < e->children.length; k++)
			walk(h, e->children.data[k], kind, kind == PONT_BLOCK_QUOTE ? 1 : level, depth + 1);
		flush(h);
	}
}

static int
by_start(const void *a, const void *b)
{
	const draft *x = a, *y = b;

	return (x->sstart > y->sstart) - (x->sstart < y->sstart);
}

size_t
pont__html_drafts(pont_doc *doc, size_t a, size_t b, draft **v, size_t *n, size_t *alloc)
{
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput *out;
	hrun h;
	size_t i, end = 0, n0 = *n;

	memset(&h, 0, sizeof h);
	h.s = doc->text;	/* the parser's positions point into doc->text: offsets are the document's */
	h.len = b;
	h.v = *v;
	h.n = *n;
	h.alloc = *alloc;
	opt.allocator = h_alloc;
	opt.deallocator = h_free;
	opt.max_errors = 0;
	out = gumbo_parse_with_options(&opt, doc->text + a, b - a);
	walk(&h, out->document, PONT_BLOCK_PARAGRAPH, 0, 0);
	flush(&h);
	gumbo_destroy_output(&opt, out);
	free(h.marks.v);
	if (h.n - n0 > 1)
		qsort(h.v + n0, h.n - n0, sizeof *h.v, by_start);
	/* a block the parser moved (foster parenting in a broken table) overlaps: it stays as it is */
	for (i = n0; i < h.n; i++) {
		if (h.v[i].sstart < end) {
			free(h.v[i].marks.v);
			memmove(h.v + i, h.v + i + 1, (h.n - i - 1) * sizeof *h.v);
			h.n--;
			i--;
			continue;
		}
		end = h.v[i].send;
	}
	*v = h.v;
	*alloc = h.alloc;
	*n = h.n;
	return h.n - n0;
}

void
pont__parse_html(pont_doc *doc, const line *L)
{
	draft *v = NULL;
	size_t n = 0, alloc = 0, i;

	pont__html_drafts(doc, 0, doc->len, &v, &n, &alloc);
	for (i = 0; i < n; i++)
		pont__doc_emit(doc, L, &v[i], NULL);
	free(v);
}
