/* doc.c: the document model: blocks, labels and marks; plain text; speaker turns, titles and
 * headings found in either format; documents of given paragraphs. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "doc.h"


static const char *const block_names[PONT_BLOCK_NKINDS] = {
	"title", "standfirst", "heading", "turn", "paragraph", "list-item", "quote", "cell", "field",
	"code", "html", "rule", "meta",
};

const char *
pont_block_kind_name(pont_block_kind k)
{
	return (unsigned)k < PONT_BLOCK_NKINDS ? block_names[k] : "unknown";
}

int
pont_block_kind_is_text(pont_block_kind k)
{
	return k <= PONT_BLOCK_FIELD;
}

size_t
pont_doc_nblocks(const pont_doc *d)
{
	return d->nblocks;
}

const pont_block *
pont_doc_block(const pont_doc *d, size_t i)
{
	return i < d->nblocks ? &d->blocks[i] : NULL;
}

const pont_mark *
pont_doc_marks(const pont_doc *d, size_t *n)
{
	static const pont_mark none[1];

	*n = d->marks.n;
	return d->marks.v ? d->marks.v : none;	/* never NULL: mk + b->mark0 is always defined */
}

const char *
pont_doc_text(const pont_doc *d, size_t *len)
{
	*len = d->len;
	return d->text;
}

void
pont_doc_free(pont_doc *d)
{
	if (d == NULL)
		return;
	free(d->blocks);
	free(d->marks.v);
	free(d);
}

/* --- lines --- */

static line *
split_lines(const char *s, size_t from, size_t len, size_t *nlines)
{
	line *v = NULL;
	size_t n = 0, alloc = 0, i = from, count = 1;
	const char *p = s + from;

	while ((p = memchr(p, '\n', (size_t)(s + len - p))) != NULL) {
		count++;
		p++;
	}
	XGROW_BIG(v, alloc, count + 1);		/* sized once: no copies while growing */
	while (i < len) {
		size_t next, e = pont__line_end(s, i, len, &next), k;

		XGROW(v, alloc, n + 1);
		v[n].start = i;
		v[n].end = e;
		v[n].next = next;
		v[n].blank = 1;
		for (k = i; k < e;) {
			if (!pont_cp_is_space(pont_utf8_next(s, e, &k))) {
				v[n].blank = 0;
				break;
			}
		}
		n++;
		i = next;
	}
	*nlines = n;
	return v;
}

/* --- speaker labels --- */

static const char *const particles[] = { "de", "du", "des", "d'", "d\xE2\x80\x99", "van", "von",
	"der", "den", "le", "la", "di", "da", "del", "dos", "bin", "ibn", NULL };

/* Words that precede a colon without being a speaker. */
static const char *const not_speakers[] = { "Attention", "Note", "Notes", "Remarque", "Remarques",
	"NB", "N.B.", "Exemple", "Exemples", "Conclusion", "Conclusions", "Résumé", "Bref", "Astuce",
	"Avertissement", "Important", "Source", "Sources", "Crédit", "Crédits", "Photo", "Photos",
	"Légende", "Voir", "Warning", "Example", "Examples", "Tip", "Summary", "Update", "Edit", "PS",
	"P.S.", "Objet", "Sujet", "Date", "Lieu", "Prix", "Contact", "Info", "Infos", "Rappel",
	"Définition", "Question", "Questions", "Réponse", "Réponses", "Suite", "Fin", "Total",
	"Bonus", "Spoiler", "Mise à jour", "Disclaimer", "Lire aussi", "À lire aussi", "À noter",
	"Par exemple", "Pour rappel", "En bref", "En résumé", "Et aussi", "See also", NULL };

static int
word_is_particle(const char *s, size_t a, size_t b)
{
	size_t k;

	for (k = 0; particles[k]; k++)
		if (strlen(particles[k]) == b - a && memcmp(s + a, particles[k], b - a) == 0)
			return 1;
	return 0;
}

/*
 * Recognises "Kate :", "Kate:", "**Kate** :", "**Kate :**", "— Kate :" at s[start, end).
 * On success sets the name span and the offset where the turn's text starts; *strong is
 * set when the label is bold or dash-led (trusted even when it occurs once).
 */
/* Bold markup: its opening and its closing (Markdown, HTML). */
static const char *const bold_marks[][2] = {
	{ "**", "**" }, { "__", "__" }, { "<strong>", "</strong>" }, { "<b>", "</b>" },
};
#define NBOLD (sizeof bold_marks / sizeof *bold_marks)

/* Bold markup opening at s[i]; its length, and the text that closes it in *close. 0 when there
 * is none. */
static size_t
bold_open(const char *s, size_t i, size_t end, const char **close)
{
	size_t k;

	for (k = 0; k < NBOLD; k++) {
		size_t n = strlen(bold_marks[k][0]);

		if (end - i > n && strncasecmp(s + i, bold_marks[k][0], n) == 0) {
			*close = bold_marks[k][1];
			return n;
		}
	}
	return 0;
}

/* Bold markup ending right at s[i] (after start); its closing in *close, 0 when none. */
static size_t
bold_before(const char *s, size_t start, size_t i, const char **close)
{
	size_t k;

	for (k = 0; k < NBOLD; k++) {
		size_t n = strlen(bold_marks[k][0]);

		if (i - start >= n && strncasecmp(s + i - n, bold_marks[k][0], n) == 0) {
			*close = bold_marks[k][1];
			return n;
		}
	}
	return 0;
}

static int
starts_with(const char *s, size_t i, size_t end, const char *t)
{
	size_t n = strlen(t);

	return end - i >= n && strncasecmp(s + i, t, n) == 0;
}

static int
label_at(const char *s, size_t start, size_t end, size_t *nstart, size_t *nend, size_t *body,
	 int *strong)
{
	size_t i = start, a, b, words = 0, k, n;
	int bold = 0, dash = 0, lower = 0;
	const char *close = "**";
	uint32_t c;

	c = cp_at(s, end, i);
	if (c == 0x2014 || c == 0x2013) {	/* dialogue dash */
		k = i;
		pont_utf8_next(s, end, &k);
		i = skip_hspace(s, k, end);
		if (i == k)
			return 0;
		dash = 1;
	}
	if ((n = bold_open(s, i, end, &close)) != 0) {
		bold = 1;
		i += n;
	}
	a = i;
	b = i;
	for (;;) {			/* words */
		size_t w = i, j = i;

		c = cp_at(s, end, j);
		if (!pont_cp_is_letter(c))
			break;
		while (j < end) {
			size_t t = j;

			c = pont_utf8_next(s, end, &t);
			if (!(pont_cp_is_letter(c) || c == '-' || c == '\'' || c == 0x2019 || c == '.'))
				break;
			j = t;
		}
		if (!pont_cp_is_upper(cp_at(s, end, w)) && (words == 0 || !word_is_particle(s, w, j))) {
			if (!bold || words == 0)
				return 0;
			lower = 1;	/* "**La team :**": a name only if the text uses it again */
		}
		words++;
		b = j;
		i = j;
		if (i < end && s[i] == ' ' && i + 1 < end && pont_cp_is_letter(cp_at(s, end, i + 1)))
			i++;
		else
			break;
	}
	if (words == 0 || words > 4 || b - a > 40)
		return 0;
	i = b;
	if (bold && starts_with(s, i, end, close))
		i += strlen(close), bold = 2;
	i = skip_hspace(s, i, end);
	if (i >= end || s[i] != ':')
		return 0;
	i++;
	if (bold == 1) {		/* "**Kate :**", or "**Kate : a question?**" bold to its end */
		if (starts_with(s, i, end, close))
			i += strlen(close);
		else if (!(end - strlen(close) > i && starts_with(s, end - strlen(close), end, close)))
			return 0;	/* (bold to its end: the closing mark stays in the content) */
	}
	if (i < end && !pont_cp_is_space(cp_at(s, end, i)))
		return 0;		/* "Kate:x", a time "Note:12" or a URL scheme */
	for (k = 0; not_speakers[k]; k++)
		if (strlen(not_speakers[k]) == b - a && memcmp(s + a, not_speakers[k], b - a) == 0)
			return 0;
	*nstart = a;
	*nend = b;
	*body = skip_hspace(s, i, end);
	*strong = (bold || dash) && !lower;
	return 1;
}

static int
cmp_marks(const void *pa, const void *pb)
{
	const pont_mark *a = pa, *b = pb;

	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	return (a->span.end > b->span.end) - (a->span.end < b->span.end);
}

/* --- building blocks --- */

static void
draft_release(draft *d)
{
	free(d->marks.v);
	memset(d, 0, sizeof *d);
}

/*
 * Turns a draft into a block: marks for the line structure inside its content, inline marks
 * (Markdown) or bare links (text), all sorted into the document's mark list.
 */
void
pont__doc_emit(pont_doc *doc, const line *L, draft *d, const size_t *pstart)
{
	const char *s = doc->text;
	pont_block *b;
	pont_marks m = { NULL, 0, 0 };
	size_t li, k;

	XGROW(doc->blocks, doc->ablocks, doc->nblocks + 1);
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = d->kind;
	b->level = d->level;
	b->span.start = d->own_span ? d->sstart : L[d->first].start;
	b->span.end = d->own_span ? d->send : L[d->last].end;
	b->content.start = d->cstart;
	b->content.end = trim_end(s, d->cstart, d->cend);
	if (d->lend > d->lstart) {
		b->label.start = d->lstart;
		b->label.end = d->lend;
	}
	if (b->content.end < b->content.start)
		b->content.end = b->content.start;
	if (!pont_block_kind_is_text(d->kind)) {
		b->content = b->span;
		b->mark0 = doc->marks.n;
		draft_release(d);
		return;
	}
	/* line structure: from the end of each line to where the next line's text starts */
	for (li = d->first; li < d->last; li++) {
		size_t from = L[li].end, to = pstart ? pstart[li + 1] : L[li + 1].start;

		if (from < b->content.start || to > b->content.end)
			continue;
		to = skip_hspace(s, to, b->content.end);
		from = trim_end(s, b->content.start, from);
		if (to > from)
			pont_marks_push(&m, PONT_MARK_BLOCK, from, to);
	}
	if (d->html) {
		/* the HTML reader's marks; URLs in the text between them */
		size_t a = b->content.start, nm;

		m = d->marks;
		memset(&d->marks, 0, sizeof d->marks);
		while (m.n && m.v[m.n - 1].span.start >= b->content.end)
			m.n--;	/* (after the trimmed end) */
		nm = m.n;
		for (k = 0; k <= nm; k++) {
			size_t e = k < nm ? m.v[k].span.start : b->content.end;

			if (e > a)
				pont_scan_links(s, a, e, &m);
			if (k < nm && m.v[k].span.end > a)
				a = m.v[k].span.end;
		}
	} else if (doc->format == PONT_FORMAT_MARKDOWN) {
		/* the content's lines: between the line-structure marks */
		size_t nblock = m.n, a = b->content.start;
		pont_span *r = xmalloc((nblock + 1) * sizeof *r);

		for (k = 0; k <= nblock; k++) {
			r[k].start = a;
			r[k].end = k < nblock ? m.v[k].span.start : b->content.end;
			if (k < nblock)
				a = m.v[k].span.end;
		}
		pont__inline_marks(s, doc->len, r, nblock + 1, &m);
		free(r);
	} else {
		size_t nblock = m.n, a = b->content.start;

		for (k = 0; k <= nblock; k++) {
			size_t e = k < nblock ? m.v[k].span.start : b->content.end;

			pont_scan_links(s, a, e, &m);
			if (k < nblock)
				a = m.v[k].span.end;
		}
	}
	if (m.n > 1)
		qsort(m.v, m.n, sizeof *m.v, cmp_marks);
	b->mark0 = doc->marks.n;
	b->nmarks = m.n;
	for (k = 0; k < m.n; k++)
		pont_marks_push(&doc->marks, m.v[k].kind, m.v[k].span.start, m.v[k].span.end);
	free(m.v);
	draft_release(d);
}

/* A verbatim block (code, HTML, rule, metadata) over lines first..last. */
void
pont__doc_verbatim(pont_doc *doc, const line *L, pont_block_kind kind, size_t first, size_t last)
{
	draft d;

	memset(&d, 0, sizeof d);
	d.kind = kind;
	d.first = first;
	d.last = last;
	pont__doc_emit(doc, L, &d, NULL);
}

/* --- labels, titles, headings (shared by both formats) --- */

typedef struct label_seen {
	size_t start, end;
} label_seen;

static void
make_turn(pont_doc *doc, size_t i, size_t ns, size_t ne, size_t body)
{
	const char *s = doc->text;
	pont_block *b = &doc->blocks[i];
	const char *close = NULL;
	size_t k, op = bold_before(s, 0, ns, &close), cl;
	int closed = 0;

	b->kind = PONT_BLOCK_TURN;
	b->label.start = ns;
	b->label.end = ne;
	/* the label and its markup are no longer content: marks before the body stay in the
	 * document's list (they still protect "**" and the like) but leave the block's */
	b->content.start = body < b->content.end ? body : b->content.end;
	while (b->nmarks && doc->marks.v[b->mark0].span.start < b->content.start) {
		b->mark0++;
		b->nmarks--;
	}
	/* "**Kate : a question?**" (or <strong>...</strong>): the bold closing at the end goes with
	 * the label's opening */
	cl = op ? strlen(close) : 0;
	for (k = ne; op && k + cl <= body; k++)
		closed |= starts_with(s, k, body, close);
	if (op && !closed && b->content.end - b->content.start > cl &&
	    starts_with(s, b->content.end - cl, b->content.end, close)) {
		b->content.end = trim_end(s, b->content.start, b->content.end - cl);
		while (b->nmarks && doc->marks.v[b->mark0 + b->nmarks - 1].span.end > b->content.end)
			b->nmarks--;
	}
}

/* Marks turns: labels seen at least twice, bold or dash-led ones, and their neighbours. */
/* Does the block's text end with a question mark (before closing emphasis)? */
static int
asks(const char *s, const pont_block *b)
{
	size_t e = b->content.end;

	while (e > b->content.start && (s[e - 1] == '*' || s[e - 1] == '_' || s[e - 1] == ' '))
		e--;
	return e > b->content.start && s[e - 1] == '?';
}

static void
find_turns(pont_doc *doc)
{
	const char *s = doc->text;
	size_t i, j, *ns, *ne, *body;
	int *strong, changed;

	ns = xcalloc(doc->nblocks, sizeof *ns);
	ne = xcalloc(doc->nblocks, sizeof *ne);
	body = xcalloc(doc->nblocks, sizeof *body);
	strong = xcalloc(doc->nblocks, sizeof *strong);
	for (i = 0; i < doc->nblocks; i++) {
		pont_block *b = &doc->blocks[i];

		if (b->kind != PONT_BLOCK_PARAGRAPH && !(b->kind == PONT_BLOCK_HEADING && b->level >= 2))
			continue;
		if (!label_at(s, b->content.start, b->content.end, &ns[i], &ne[i], &body[i], &strong[i]) ||
		    (b->kind == PONT_BLOCK_HEADING && !strong[i] && !asks(s, b)))
			ns[i] = ne[i] = 0;	/* a heading is a turn when it asks ("#### Stéph. : Et toi ?") */
	}
	for (i = 0; i < doc->nblocks; i++) {
		int count = 0;

		if (ne[i] == ns[i])
			continue;
		for (j = 0; j < doc->nblocks && count < 2; j++)
			if (ne[j] - ns[j] == ne[i] - ns[i] && memcmp(s + ns[j], s + ns[i], ne[i] - ns[i]) == 0)
				count++;
		if (count >= 2 || strong[i])
			make_turn(doc, i, ns[i], ne[i], body[i]);
	}
	/* in a dialogue, a speaker who talks once is still a speaker: a label between two turns,
	 * after the last turn at the end, or asking a question next to a turn, counts */
	for (changed = 1; changed;) {
		changed = 0;
		for (i = 0; i < doc->nblocks; i++) {
			if (ne[i] == ns[i] || doc->blocks[i].kind == PONT_BLOCK_TURN)
				continue;
			if ((i > 0 && doc->blocks[i - 1].kind == PONT_BLOCK_TURN &&
			     (i + 1 == doc->nblocks || doc->blocks[i + 1].kind == PONT_BLOCK_TURN)) ||
			    /* a question next to a turn: the interviewer's */
			    (asks(s, &doc->blocks[i]) && ((i > 0 && doc->blocks[i - 1].kind == PONT_BLOCK_TURN) ||
							  (i + 1 < doc->nblocks && doc->blocks[i + 1].kind == PONT_BLOCK_TURN)))) {
				make_turn(doc, i, ns[i], ne[i], body[i]);
				changed = 1;
			}
		}
	}
	free(ns);
	free(ne);
	free(body);
	free(strong);
}

static size_t
words_in(const char *s, size_t a, size_t b)
{
	size_t n = 0, i = a;
	int in = 0;

	while (i < b) {
		int sp = pont_cp_is_space(pont_utf8_next(s, b, &i));

		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* A short single line that reads like an intertitle (plain text only). */
/* Does block b hold one line only? */
static int
one_line(const char *s, const pont_block *b)
{
	size_t next;

	return pont__line_end(s, b->span.start, b->span.end, &next) == b->span.end;
}

static int
heading_like(const pont_doc *doc, const pont_block *b)
{
	const char *s = doc->text;
	size_t n, w, i, st;
	uint32_t first, last;

	/* 70 code points take at most 280 bytes: most lines are rejected before any counting */
	if (b->kind != PONT_BLOCK_PARAGRAPH || b->content.end - b->content.start > 280)
		return 0;
	/* cheap tests first: the first and last characters, one line only */
	first = cp_at(s, b->content.end, b->content.start);
	last = pont_utf8_prev(s, b->content.end, &st);
	if (last == '.' || last == ',' || last == ';' || last == ':')
		return 0;
	if (!pont_cp_is_upper(first) && !pont_cp_is_digit(first))
		return 0;
	n = pont_utf8_count(s + b->content.start, b->content.end - b->content.start);
	w = words_in(s, b->content.start, b->content.end);
	if (n > 70 || w < 2 || w > 10)
		return 0;
	if (one_line(s, b) == 0)
		return 0;
	for (i = b->content.start; i + 1 < st; i++)	/* one sentence only */
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ')
			return 0;
	return 1;
}

static int
same_content(const char *s, const pont_block *a, const pont_block *b)
{
	size_t n = a->content.end - a->content.start;

	return n == b->content.end - b->content.start && memcmp(s + a->content.start, s + b->content.start, n) == 0;
}

static void
classify(pont_doc *doc)
{
	const char *s = doc->text;
	size_t i, first = SIZE_MAX, title = SIZE_MAX;

	for (i = 0; i < doc->nblocks; i++)
		if (pont_block_kind_is_text(doc->blocks[i].kind) && doc->blocks[i].kind != PONT_BLOCK_FIELD) {
			first = i;
			break;
		}
	if (first == SIZE_MAX)
		return;
	if (doc->format != PONT_FORMAT_TEXT) {
		if (doc->blocks[first].kind == PONT_BLOCK_HEADING && doc->blocks[first].level == 1) {
			doc->blocks[first].kind = PONT_BLOCK_TITLE;
			title = first;
		}
	} else {
		pont_block *b = &doc->blocks[first];

		if (b->kind == PONT_BLOCK_PARAGRAPH && one_line(s, b) &&
		    pont_utf8_count(s + b->content.start, b->content.end - b->content.start) <= 200) {
			b->kind = PONT_BLOCK_TITLE;
			title = first;
		}
		for (i = first + 1; title != SIZE_MAX && i < doc->nblocks; i++)
			if (doc->blocks[i].kind == PONT_BLOCK_PARAGRAPH && same_content(s, &doc->blocks[i], b))
				doc->blocks[i].kind = PONT_BLOCK_TITLE;
		/* intertitles: short lines not followed by another short line */
		for (i = first + 1; i + 1 < doc->nblocks; i++) {
			pont_block *nx = &doc->blocks[i + 1];
			size_t nlen;

			if (!heading_like(doc, &doc->blocks[i]))
				continue;
			nlen = pont_utf8_count(s + nx->content.start, nx->content.end - nx->content.start);
			if (nx->kind == PONT_BLOCK_TITLE || heading_like(doc, nx) ||
			    (nlen <= 70 && words_in(s, nx->content.start, nx->content.end) >= 2 &&
			     nx->kind == PONT_BLOCK_PARAGRAPH))
				continue;
			doc->blocks[i].kind = PONT_BLOCK_HEADING;
			doc->blocks[i].level = 2;
		}
	}
	if (title == SIZE_MAX)
		return;
	/* the standfirst: the first real paragraph after the title, before the interview starts */
	for (i = title + 1; i < doc->nblocks && i <= title + 6; i++) {
		pont_block *b = &doc->blocks[i];

		if (b->kind == PONT_BLOCK_TURN)
			break;
		if (b->kind == PONT_BLOCK_HEADING && doc->format != PONT_FORMAT_TEXT)
			break;
		if (b->kind == PONT_BLOCK_PARAGRAPH &&
		    pont_utf8_count(s + b->content.start, b->content.end - b->content.start) >= 40) {
			b->kind = PONT_BLOCK_STANDFIRST;
			break;
		}
	}
}

/* --- plain text --- */

/* A list marker at s[i]: "- ", "* ", "+ ", "• ", "1. ", "1) "; returns its length with the space. */
size_t
pont__list_marker(const char *s, size_t i, size_t end, int markdown)
{
	size_t j = i;

	if (i >= end)
		return 0;
	if (s[i] == '-' || s[i] == '*' || s[i] == '+') {
		j = i + 1;
	} else if (!markdown && end - i >= 3 && memcmp(s + i, "\xE2\x80\xA2", 3) == 0) {
		j = i + 3;
	} else if (s[i] >= '0' && s[i] <= '9') {
		while (j < end && s[j] >= '0' && s[j] <= '9' && j - i < 9)
			j++;
		if (j >= end || (s[j] != '.' && s[j] != ')'))
			return 0;
		j++;
	} else {
		return 0;
	}
	if (j < end && (s[j] == ' ' || s[j] == '\t'))
		return j + 1 - i;
	return 0;
}

static int
wrapped(const char *s, const line *L, size_t nl)
{
	size_t i, nonblank = 0, longl = 0, blanks = 0, multi = 0;

	for (i = 0; i < nl; i++) {
		if (L[i].blank) {
			blanks++;
			continue;
		}
		nonblank++;
		if (L[i].end - L[i].start > 400 ||
		    (L[i].end - L[i].start > 100 && pont_utf8_count(s + L[i].start, L[i].end - L[i].start) > 100))
			longl++;
		if (i > 0 && !L[i - 1].blank)
			multi++;
	}
	return blanks > 0 && multi > 0 && longl * 20 < nonblank;
}

static void
parse_text(pont_doc *doc, const line *L, size_t nl, pont_paragraphs mode)
{
	const char *s = doc->text;
	size_t i = 0;

	if (mode == PONT_PARA_AUTO)
		mode = wrapped(s, L, nl) ? PONT_PARA_BLANK : PONT_PARA_LINES;
	while (i < nl) {
		draft d;
		size_t j = i, a, m;

		if (L[i].blank) {
			i++;
			continue;
		}
		if (mode == PONT_PARA_BLANK)
			while (j + 1 < nl && !L[j + 1].blank && !pont__list_marker(s, skip_hspace(s, L[j + 1].start, L[j + 1].end), L[j + 1].end, 0))
				j++;
		memset(&d, 0, sizeof d);
		d.kind = PONT_BLOCK_PARAGRAPH;
		d.first = i;
		d.last = j;
		a = skip_hspace(s, L[i].start, L[i].end);
		if ((m = pont__list_marker(s, a, L[i].end, 0)) != 0) {
			d.kind = PONT_BLOCK_LIST_ITEM;
			d.level = 1;
			a = skip_hspace(s, a + m, L[i].end);
		}
		d.cstart = a;
		d.cend = L[j].end;
		pont__doc_emit(doc, L, &d, NULL);
		i = j + 1;
	}
}

pont_doc *
pont_doc_parse(const char *text, size_t len, const pont_doc_options *opt, pont_error *err)
{
	pont_doc *doc;
	line *L;
	size_t nl, bom;

	if (len > INT32_MAX) {
		pont_fail(err, PONT_EINVAL, "input is larger than 2 GiB");
		return NULL;
	}
	pont__count(PONT_COUNT_DOC);
	doc = xcalloc(1, sizeof *doc);
	doc->text = text;
	doc->len = len;
	bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	doc->bom = bom;
	doc->format = opt ? opt->format : PONT_FORMAT_TEXT;
	doc->fields = opt ? opt->fields : NULL;
	L = split_lines(text, bom, len, &nl);
	XGROW_BIG(doc->blocks, doc->ablocks, nl + 1);	/* at most one block a line */
	if (doc->format == PONT_FORMAT_MARKDOWN)
		pont__parse_markdown(doc, L, nl);
	else if (doc->format == PONT_FORMAT_HTML)
		pont__parse_html(doc, L);
	else
		parse_text(doc, L, nl, opt ? opt->paragraphs : PONT_PARA_AUTO);
	find_turns(doc);
	classify(doc);
	free(L);
	return doc;
}

pont_doc *
pont_doc_parse_blocks(const char *text, size_t len, const pont_span *spans, size_t n, const pont_doc_options *opt)
{
	pont_doc *doc;
	line *L;
	size_t nl, i, li = 0;

	pont__count(PONT_COUNT_DOC);
	doc = xcalloc(1, sizeof *doc);
	doc->text = text;
	doc->len = len;
	doc->format = opt ? opt->format : PONT_FORMAT_TEXT;
	L = split_lines(text, 0, len, &nl);
	XGROW(doc->blocks, doc->ablocks, n + 1);
	for (i = 0; i < n; i++) {
		draft d;

		if (nl == 0) {		/* an empty text: empty paragraphs */
			pont_block *b = &doc->blocks[doc->nblocks++];

			memset(b, 0, sizeof *b);
			b->kind = PONT_BLOCK_PARAGRAPH;
			b->mark0 = doc->marks.n;
			continue;
		}
		while (li + 1 < nl && L[li].next <= spans[i].start)	/* the line the span starts on */
			li++;
		memset(&d, 0, sizeof d);
		d.kind = PONT_BLOCK_PARAGRAPH;
		d.first = d.last = li;
		while (d.last + 1 < nl && L[d.last].end < spans[i].end)
			d.last++;
		d.cstart = spans[i].start;
		d.cend = spans[i].end;
		pont__doc_emit(doc, L, &d, NULL);
		/* the block is the span itself, whatever the lines around it */
		doc->blocks[doc->nblocks - 1].span = spans[i];
		li = d.last;
	}
	free(L);
	return doc;
}
