/* markdown.c: the blocks of a Markdown text, as cmark-gfm reads them (CommonMark and GitHub's
 * extensions: tables, footnotes, strikethrough, autolinks, task lists), with their byte
 * offsets from its source positions; front matter before it (frontmatter.c). pont's own layer goes on top:
 * inline codes (inline.c), titles and speaker turns (doc.c). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "doc.h"

/* Where a continuation line of a paragraph has its text: after its indentation and the block
 * quote markers of its containers (a ">" there can only be one). */
static size_t
text_start(const char *s, size_t a, size_t b)
{
	for (;;) {
		a = skip_hspace(s, a, b);
		if (a >= b || s[a] != '>')
			return a;
		a++;
	}
}

/* cmark allocates through pont's allocator: out of memory is pont's one message */
static void *
md_calloc(size_t n, size_t size)
{
	return xcalloc(n ? n : 1, size ? size : 1);
}

static void *
md_realloc(void *p, size_t n)
{
	return xrealloc(p, n ? n : 1);
}

static cmark_mem md_mem = { md_calloc, md_realloc, free };

static pthread_once_t md_once = PTHREAD_ONCE_INIT;

static void
md_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* The blocks found, in the tree's order (footnotes come last there): emitted in the text's. */
typedef struct md {
	pont_doc *doc;
	const line *L;
	size_t nl, l0;		/* lines; the line cmark's line 1 is */
	size_t *pstart;		/* where each line's text starts (for BLOCK marks) */
	draft *v;
	size_t n, alloc;
} md;

/* The byte at cmark's (line, column), both from 1; clamped to the line's end. */
static size_t
pos_of(const md *m, int ln, int col)
{
	size_t li = m->l0 + (size_t)(ln > 0 ? ln - 1 : 0), at;

	if (li >= m->nl)
		return m->doc->len;
	at = m->L[li].start + (size_t)(col > 0 ? col - 1 : 0);
	return at < m->L[li].end ? at : m->L[li].end;
}

static size_t
line_of(const md *m, int ln)
{
	size_t li = m->l0 + (size_t)(ln > 0 ? ln - 1 : 0);

	return li < m->nl ? li : m->nl - 1;
}

static draft *
add(md *m, pont_block_kind kind, unsigned level, size_t first, size_t last)
{
	draft *d;

	XGROW(m->v, m->alloc, m->n + 1);
	d = &m->v[m->n++];
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->level = level;
	d->first = first;
	d->last = last < first ? first : last;
	return d;
}

/* The kind of a paragraph by its nearest container, and how deep it is. */
static pont_block_kind
container_of(cmark_node *n, unsigned *level)
{
	cmark_node *p;
	pont_block_kind kind = PONT_BLOCK_PARAGRAPH;
	unsigned lists = 0, quotes = 0;

	for (p = cmark_node_parent(n); p; p = cmark_node_parent(p)) {
		cmark_node_type t = cmark_node_get_type(p);

		if (t == CMARK_NODE_ITEM && kind == PONT_BLOCK_PARAGRAPH && quotes == 0)
			kind = PONT_BLOCK_LIST_ITEM;
		if (t == CMARK_NODE_BLOCK_QUOTE && kind == PONT_BLOCK_PARAGRAPH)
			kind = PONT_BLOCK_QUOTE;
		lists += t == CMARK_NODE_LIST;
		quotes += t == CMARK_NODE_BLOCK_QUOTE;
	}
	*level = kind == PONT_BLOCK_LIST_ITEM ? lists : kind == PONT_BLOCK_QUOTE ? quotes : 0;
	return kind;
}

static void
paragraph(md *m, cmark_node *n)
{
	unsigned level;
	pont_block_kind kind = container_of(n, &level);
	draft *d = add(m, kind, level, line_of(m, cmark_node_get_start_line(n)), line_of(m, cmark_node_get_end_line(n)));

	d->cstart = pos_of(m, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
	d->cend = pos_of(m, cmark_node_get_end_line(n), cmark_node_get_end_column(n) + 1);
	if (d->cend < d->cstart)
		d->cend = d->cstart;
}

static void
heading(md *m, cmark_node *n)
{
	const char *s = m->doc->text;
	size_t first = line_of(m, cmark_node_get_start_line(n)), last = line_of(m, cmark_node_get_end_line(n));
	size_t end = m->L[first].end;
	size_t a = skip_hspace(s, pos_of(m, cmark_node_get_start_line(n), cmark_node_get_start_column(n)), end);
	draft *d = add(m, PONT_BLOCK_HEADING, (unsigned)cmark_node_get_heading_level(n), first, last);

	if (a < end && s[a] == '#') {
		/* ATX: the text between the opening #s and the closing ones */
		size_t h = 0, e, st;

		while (a + h < end && s[a + h] == '#')
			h++;
		d->cstart = skip_hspace(s, a + h, end);
		e = trim_end(s, d->cstart, end);
		st = e;
		while (st > d->cstart && s[st - 1] == '#')
			st--;
		if (st < e && (st == d->cstart || s[st - 1] == ' ' || s[st - 1] == '\t'))
			e = trim_end(s, d->cstart, st);
		d->cend = e;
		d->last = first;
	} else {
		/* setext: the lines of its text, then the underline (cmark-gfm 0.29 gives the line after
		 * the underline as the heading's last) */
		cmark_node *c = cmark_node_last_child(n);
		size_t text_last = c && cmark_node_get_end_line(c) > 0 ? line_of(m, cmark_node_get_end_line(c)) : first;

		if (text_last + 1 < last)
			last = d->last = text_last + 1;
		d->cstart = skip_hspace(s, a, end);
		d->cend = last > first ? m->L[last - 1].end : end;
	}
}

/* A table cell: its text, within its line (several blocks share the line). */
static void
cell(md *m, cmark_node *n)
{
	const char *s = m->doc->text;
	size_t li = line_of(m, cmark_node_get_start_line(n));
	size_t a = pos_of(m, cmark_node_get_start_line(n), cmark_node_get_start_column(n));
	size_t b = pos_of(m, cmark_node_get_end_line(n), cmark_node_get_end_column(n) + 1);
	draft *d;

	a = skip_hspace(s, a, b);
	b = trim_end(s, a, b);
	if (b <= a)
		return;		/* an empty cell */
	d = add(m, PONT_BLOCK_CELL, 0, li, li);
	d->cstart = d->sstart = a;
	d->cend = d->send = b;
	d->own_span = 1;
}

static void
verbatim(md *m, cmark_node *n, pont_block_kind kind)
{
	add(m, kind, 0, line_of(m, cmark_node_get_start_line(n)), line_of(m, cmark_node_get_end_line(n)));
}

static int
by_start(const void *a, const void *b)
{
	const draft *x = a, *y = b;
	size_t xa = x->own_span ? x->sstart : x->first, ya = y->own_span ? y->sstart : y->first;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (!x->own_span || !y->own_span)
		return x->own_span - y->own_span;
	return (xa > ya) - (xa < ya);
}

/* Walks the tree: a block for each paragraph, heading, table cell and verbatim block. */
static void
walk(md *m, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *ext = cmark_node_get_type_string(n);

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_start_line(n) <= 0)
			continue;
		if (t == CMARK_NODE_PARAGRAPH)
			paragraph(m, n);
		else if (t == CMARK_NODE_HEADING)
			heading(m, n);
		else if (t == CMARK_NODE_CODE_BLOCK)
			verbatim(m, n, PONT_BLOCK_CODE);
		else if (t == CMARK_NODE_HTML_BLOCK)
			verbatim(m, n, PONT_BLOCK_HTML);
		else if (t == CMARK_NODE_THEMATIC_BREAK)
			verbatim(m, n, PONT_BLOCK_RULE);
		else if (ext && strcmp(ext, "table_cell") == 0)
			cell(m, n);
	}
	cmark_iter_free(it);
}

void
pont__parse_markdown(pont_doc *doc, const line *L, size_t nl)
{
	const char *s = doc->text;
	md m;
	cmark_parser *p;
	cmark_node *root;
	size_t i;
	static const char *const exts[] = { "table", "strikethrough", "autolink", "tasklist" };

	memset(&m, 0, sizeof m);
	m.doc = doc;
	m.L = L;
	m.nl = nl;
	m.l0 = pont__front_matter(doc, L, nl, doc->fields);
	if (m.l0 >= nl)
		return;
	m.pstart = xcalloc(nl + 1, sizeof *m.pstart);
	for (i = 0; i < nl; i++)
		m.pstart[i] = text_start(s, L[i].start, L[i].end);
	pthread_once(&md_once, md_register);
	p = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES, &md_mem);
	for (i = 0; i < sizeof exts / sizeof *exts; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, s + L[m.l0].start, doc->len - L[m.l0].start);
	root = cmark_parser_finish(p);
	walk(&m, root);
	cmark_node_free(root);
	cmark_parser_free(p);
	if (m.n > 1)
		qsort(m.v, m.n, sizeof *m.v, by_start);
	for (i = 0; i < m.n; i++)
		pont__doc_emit(doc, L, &m.v[i], m.pstart);
	free(m.v);
	free(m.pstart);
}
