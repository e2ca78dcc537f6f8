/* segment.c: sentence segmentation with ICU's BreakIterator over UTF-8, plus pont's fixes. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "internal.h"

enum abbr_class { NEVER_FINAL, MAY_END };

typedef struct abbr {
	const char *s;
	size_t n;
	enum abbr_class cls;
} abbr;

/* Generated from data/abbrev-*.txt by the Makefile. */
#include "abbrev.inc"

#define HSIZE 1024	/* power of two, > 2 * entries */

struct pont_segmenter {
	UBreakIterator *brk;
	UText *ut;
	const abbr *tab[HSIZE];
	size_t maxlen;
	char *mask;		/* scratch: the text as ICU sees it */
	size_t amask;
	size_t *forced;		/* scratch: breaks ICU cannot see (absolute offsets, ascending) */
	size_t nforced, aforced;
	size_t *cuts;		/* scratch: ICU's boundaries over the whole text */
	size_t ncuts, acuts;
	int dotted_initials;	/* "J.A. Howe" is a name (French), not "the U.S. How" (English) */
};


static void
add_abbr(pont_segmenter *sg, const abbr *a)
{
	uint32_t h = pont_hash(a->s, a->n) & (HSIZE - 1);

	while (sg->tab[h])
		h = (h + 1) & (HSIZE - 1);
	sg->tab[h] = a;
	if (a->n > sg->maxlen)
		sg->maxlen = a->n;
}

static const abbr *
find_abbr(const pont_segmenter *sg, const char *s, size_t n)
{
	uint32_t h = pont_hash(s, n) & (HSIZE - 1);

	while (sg->tab[h]) {
		if (sg->tab[h]->n == n && memcmp(sg->tab[h]->s, s, n) == 0)
			return sg->tab[h];
		h = (h + 1) & (HSIZE - 1);
	}
	return NULL;
}

pont_segmenter *
pont_segmenter_new(const char *lang, pont_error *err)
{
	pont_segmenter *sg;
	const abbr *list;
	const char *locale;
	UErrorCode st = U_ZERO_ERROR;
	size_t i, n;

	if (strcmp(lang, "fr") == 0 || strncmp(lang, "fr-", 3) == 0 || strncmp(lang, "fr_", 3) == 0) {
		/* not "fr@ss=standard": ICU 72's French suppressions also hold back real ends
		 * ("matériaux. Il", "sept. Puis", "ABC. Lorgue"); our list does that job */
		locale = "fr";
		list = abbrev_fr;
		n = sizeof abbrev_fr / sizeof abbrev_fr[0];
	} else if (strcmp(lang, "en") == 0 || strncmp(lang, "en-", 3) == 0 || strncmp(lang, "en_", 3) == 0) {
		locale = "en@ss=standard";
		list = abbrev_en;
		n = sizeof abbrev_en / sizeof abbrev_en[0];
	} else {
		pont_fail(err, PONT_EINVAL, "unknown language '%s' (expected fr or en)", lang);
		return NULL;
	}
	sg = xcalloc(1, sizeof *sg);
	sg->brk = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &st);
	if (U_FAILURE(st)) {
		pont_fail(err, PONT_EICU, "cannot open ICU sentence rules for %s: %s", locale, u_errorName(st));
		free(sg);
		return NULL;
	}
	for (i = 0; i < n; i++)
		add_abbr(sg, &list[i]);
	sg->dotted_initials = list == abbrev_fr;
	return sg;
}

void
pont_segmenter_free(pont_segmenter *sg)
{
	if (sg == NULL)
		return;
	ubrk_close(sg->brk);
	utext_close(sg->ut);
	free(sg->mask);
	free(sg->forced);
	free(sg->cuts);
	free(sg);
}

/* --- masking: what ICU must not see --- */

static int
abbr_char(uint32_t c)
{
	return pont_cp_is_letter(c) || c == '.' || c == '-' || c == 0xB0;	/* ° for n° */
}

/* The first code point after the spaces following m[i] (0 at the end). */
static uint32_t
next_word_cp(const char *m, size_t n, size_t i)
{
	while (i < n) {
		uint32_t c = pont_utf8_next(m, n, &i);

		if (!pont_cp_is_space(c))
			return c;
	}
	return 0;
}

static int
try_abbr(const pont_segmenter *sg, const char *m, size_t n, size_t from, size_t dot)
{
	const abbr *a;
	char tmp[64];
	size_t len = dot + 1 - from;

	if (len > sg->maxlen)
		return 0;
	a = find_abbr(sg, m + from, len);
	if (a == NULL && (unsigned char)m[from] >= 'A' && (unsigned char)m[from] <= 'Z' && len < sizeof tmp) {
		memcpy(tmp, m + from, len);
		tmp[0] = (char)(tmp[0] - 'A' + 'a');
		a = find_abbr(sg, tmp, len);
	}
	if (a == NULL)
		return 0;
	if (a->cls == MAY_END) {
		uint32_t c = next_word_cp(m, n, dot + 1);

		if (!(pont_cp_is_lower(c) || pont_cp_is_digit(c)))
			return 0;
	}
	return 1;
}

/*
 * Is m[q, dot] a person's initials: one capital letter ("J.") followed by a capitalised word,
 * or dotted capitals ("J.A.", "H.R.F.") followed by a capitalised word or "(" ? A lone
 * I after a capitalised word is a regnal number ("Dagobert I."), not an initial.
 */
static int
initials(const char *m, size_t n, size_t q, size_t dot, int dotted)
{
	size_t k = q, letters = 0, st;
	uint32_t c, nx = next_word_cp(m, n, dot + 1);

	while (k < dot) {
		c = pont_utf8_next(m, n, &k);
		if (!pont_cp_is_upper(c))
			return 0;
		letters++;
		if (k < dot) {
			if (m[k] != '.')
				return 0;
			k++;
		}
	}
	if (letters == 1) {
		c = (unsigned char)m[q];
		if (c == 'I' && q >= 2 && m[q - 1] == ' ') {
			size_t w = q - 1;

			while (w > 0 && pont_cp_is_letter(pont_utf8_prev(m, w, &st)))
				w = st;
			if (w < q - 1 && pont_cp_is_upper(pont_utf8_next(m, n, &w)))
				return 0;
		}
		if (!pont_cp_is_upper(nx))
			return 0;
	} else if (!dotted || (!pont_cp_is_upper(nx) && nx != '(')) {
		return 0;
	}
	for (k = q; k <= dot; k++)
		if (m[k] == '.')
			((char *)m)[k] = 'x';
	return 1;
}

/* Hides the periods of abbreviations and initials at m[dot] from ICU. */
static void
mask_period(const pont_segmenter *sg, char *m, size_t n, size_t dot)
{
	size_t q = dot, st, k, q2;
	uint32_t c;

	/* "file.txt", "3.5", "www.x": ICU never breaks there, nothing to hide */
	if (dot + 1 < n && m[dot + 1] != ' ' && m[dot + 1] != '\n' && m[dot + 1] != '\r' && m[dot + 1] != '\t' &&
	    (unsigned char)m[dot + 1] < 0x80 && m[dot + 1] != ')' && m[dot + 1] != '"' && m[dot + 1] != ']')
		return;
	/* a list number kept as text at the start of a line: "1\. Titre" (the escape is a space
	 * here), "12. Titre" */
	if (q > 0 && m[q - 1] == ' ')
		q--;
	for (k = q; k > 0 && q - k < 3 && m[k - 1] >= '0' && m[k - 1] <= '9'; k--)
		;
	if (k < q && (k == 0 || m[k - 1] == '\n')) {
		m[dot] = 'x';
		return;
	}
	q = dot;
	while (q > 0) {			/* the word ending at the period */
		c = pont_utf8_prev(m, q, &st);
		if (!abbr_char(c))
			break;
		q = st;
	}
	if (q == dot)
		return;
	/* initials: "J. R. R. Tolkien", "J.A. Howe", "H.R.F. Keating (1926)" */
	if (initials(m, n, q, dot, sg->dotted_initials))
		return;
	/* try the longest candidate first: "p. ex." spans two words */
	q2 = q;
	if (q2 >= 2 && m[q2 - 1] == ' ' && m[q2 - 2] == '.') {
		size_t p = q2 - 1;

		while (p > 0) {
			c = pont_utf8_prev(m, p, &st);
			if (!abbr_char(c))
				break;
			p = st;
		}
		if (p < q2 - 1 && try_abbr(sg, m, n, p, dot)) {
			for (k = p; k <= dot; k++)
				if (m[k] == '.')
					m[k] = 'x';
			return;
		}
	}
	/* a word that merely contains periods ("LL.AA.II.RR.") is tried from each start */
	for (k = q; k < dot; k++) {
		if (k > q && m[k - 1] != '.' && m[k - 1] != '-')
			continue;
		if (try_abbr(sg, m, n, k, dot)) {
			size_t j;

			for (j = k; j <= dot; j++)
				if (m[j] == '.')
					m[j] = 'x';
			return;
		}
	}
}

/* Length of a closing quote at m[i] ("»", "”", or a straight '"' closing an odd one), else 0. */
static size_t
closer_len(const char *m, size_t n, size_t i, int odd)
{
	if (i + 1 < n && m[i] == '\xC2' && m[i + 1] == '\xBB')
		return 2;
	if (i + 2 < n && m[i] == '\xE2' && m[i + 1] == '\x80' && m[i + 2] == '\x9D')
		return 3;
	if (m[i] == '"' && odd && (i + 1 == n || m[i + 1] == ' ' || m[i + 1] == '\n'))
		return 1;
	return 0;
}

/* Length of a white space at m[i] between a sentence end and its closing quote. */
static size_t
gap_len(const char *m, size_t n, size_t i)
{
	if (m[i] == ' ')
		return 1;
	if (i + 1 < n && m[i] == '\xC2' && m[i + 1] == '\xA0')
		return 2;
	if (i + 2 < n && m[i] == '\xE2' && m[i + 1] == '\x80' && (m[i + 2] == '\xAF' || m[i + 2] == '\x89'))
		return 3;
	return 0;
}

/* Bytes the two scanning loops act on; everything else is skipped in a tight loop. */
static const unsigned char prepare_bytes[256] = {
	[':'] = 1, [';'] = 1, ['^'] = 1, ['<'] = 1, ['.'] = 1, [0xE2] = 1,
};
static const unsigned char closer_bytes[256] = {
	['"'] = 1, ['('] = 1, ['['] = 1, ['-'] = 1, [0xE2] = 1, ['.'] = 1, ['?'] = 1, ['!'] = 1,
};

/*
 * French sets closing quotes apart: "« Fin. » Puis" would break before "»". ICU is shown the
 * quote first ("». " in the same bytes), so the break falls after it. Elided-text markers
 * "(...)" and "[...]" are never sentence ends.
 */
static void
closers(pont_segmenter *sg, char *m, size_t n, size_t base)
{
	size_t i, quotes = 0;

	for (i = 0; i < n; i++) {
		size_t t1, s1, cl, g;
		char tmp[64];

		while (i < n && !closer_bytes[(unsigned char)m[i]])	/* the common case, kept tight */
			i++;
		if (i >= n)
			break;

		if (m[i] == '"') {
			quotes++;
			continue;
		}
		/* a dash set between spaces opens a new item ("fin. - Suite"): ICU would read the
		 * hyphen as a continuation, so it is shown as a symbol */
		if (i > 0 && m[i - 1] == ' ' && (m[i] == '-' || (i + 2 < n && m[i] == '\xE2' && m[i + 1] == '\x80' &&
						    (m[i + 2] == '\x93' || m[i + 2] == '\x94')))) {
			size_t dl = m[i] == '-' ? 1 : 3;

			if (i + dl < n && m[i + dl] == ' ') {
				size_t k = i - 1, st;
				uint32_t p = ' ';

				memset(m + i, '*', dl);
				while (k > 0 && m[k - 1] == ' ')
					k--;
				if (k > 0)
					p = pont_utf8_prev(m, k, &st);
				if (p == '.' || p == '!' || p == '?' || p == ')' || p == 0xBB || p == 0x201D) {
					XGROW(sg->forced, sg->aforced, sg->nforced + 1);
					sg->forced[sg->nforced++] = base + i;	/* "fin. - si vous" */
				}
			}
			i += dl - 1;
			continue;
		}
		if ((m[i] == '(' || m[i] == '[') && i + 4 < n && memcmp(m + i + 1, "...", 3) == 0 &&
		    m[i + 4] == (m[i] == '(' ? ')' : ']')) {
			memset(m + i + 1, 'x', 3);
			continue;
		}
		if (m[i] != '.' && m[i] != '?' && m[i] != '!')
			continue;
		for (t1 = i; t1 < n && (m[t1] == '.' || m[t1] == '?' || m[t1] == '!'); t1++)
			;
		for (s1 = t1; s1 < n && (g = gap_len(m, n, s1)) != 0; s1 += g)
			;
		if (s1 == t1 || s1 >= n || (cl = closer_len(m, n, s1, quotes & 1)) == 0 || s1 + cl - i > sizeof tmp) {
			i = t1 - 1;
			continue;
		}
		if (m[s1] == '"')
			quotes++;
		memcpy(tmp, m + s1, cl);
		memcpy(tmp + cl, m + i, s1 - i);
		memcpy(m + i, tmp, s1 + cl - i);
		i = s1 + cl - 1;
	}
}

static void
fill(char *m, size_t base, pont_span sp, char c)
{
	memset(m + (sp.start - base), c, sp.end - sp.start);
}

/*
 * Prepares m[start, end) (m: the whole text, already copied) as ICU should see it: protected
 * spans become letters (no break inside them), markup and line ends become spaces, and the
 * periods of abbreviations and initials become letters. Same length, same offsets.
 */
static void
prepare(pont_segmenter *sg, char *m, size_t start, size_t end, const pont_mark *mk, size_t nmk)
{
	char *r = m + start;
	size_t n = end - start, i;

	for (i = 0; i < nmk; i++) {
		pont_span sp = mk[i].span;

		if (sp.start < start || sp.end > end || sp.end <= sp.start)
			continue;
		switch (mk[i].kind) {
		case PONT_MARK_BLOCK:
		case PONT_MARK_EMPH:
		case PONT_MARK_LINK:
		case PONT_MARK_ESCAPE:
			fill(m, 0, sp, ' ');
			break;
		default:
			fill(m, 0, sp, 'x');
			break;
		}
	}
	for (i = 0; i < n; i++) {
		size_t e;

		while (i < n && !prepare_bytes[(unsigned char)r[i]])
			i++;
		if (i >= n)
			break;
		switch (r[i]) {
		case ':':
		case ';':
		case '^':
		case '<':
			if ((e = pont_emoticon_len(r, n, i)) != 0) {
				memset(r + i, 'x', e);
				i += e - 1;
			}
			break;
		case '.':
			mask_period(sg, r, n, i);
			break;
		case '\xE2':	/* "…" reads as "...", so that normalizing does not change the sentences */
			if (i + 2 < n && r[i + 1] == '\x80' && r[i + 2] == '\xA6')
				memcpy(r + i, "...", 3);
			break;
		default:
			break;
		}
	}
	closers(sg, r, n, start);
}

/* "?" or "!" (possibly closed by quotes or brackets) before b, then a lower-case word: no break;
 * nor when the "?" touches what follows ("?for", "?=": a search term's operator), nor before a
 * closing bracket or a comma. */
static int
suppress(const char *m, size_t n, size_t b)
{
	size_t i = b, st;
	uint32_t c = 0, after;

	if (b > 0 && m[b - 1] == '[')
		return 1;	/* no sentence ends on an opening bracket: "make.[11]" */
	if (b > 0 && b < n && (m[b - 1] == '?' || m[b - 1] == '!') && !pont_cp_is_space((unsigned char)m[b]) &&
	    (unsigned char)m[b] < 0x80 && m[b] != '"' && m[b] != ')' && m[b] != ']')
		return 1;
	after = next_word_cp(m, n, b);
	if (after == ')' || after == ']' || after == '}' || after == ',' || after == ';')
		return 1;	/* no sentence opens on these: « (« ? »), il sera » */
	if (!pont_cp_is_lower(after))
		return 0;
	while (i > 0) {
		c = pont_utf8_prev(m, i, &st);
		if (!pont_cp_is_space(c) && c != ')' && c != ']' && c != 0xBB && c != 0x201D && c != '"' &&
		    c != 0x2019 && c != '\'')
			break;
		i = st;
	}
	return c == '?' || c == '!' || c == 0x2026;
}

/* Runs ICU once over m[0, len) and keeps every boundary in sg->cuts. */
static pont_status
icu_cuts(pont_segmenter *sg, const char *m, size_t len, pont_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t b;

	sg->ncuts = 0;
	if (len == 0)
		return PONT_OK;
	sg->ut = utext_openUTF8(sg->ut, m, (int64_t)len, &st);
	ubrk_setUText(sg->brk, sg->ut, &st);
	if (U_FAILURE(st))
		return pont_fail(err, PONT_EICU, "ICU sentence break: %s", u_errorName(st));
	ubrk_first(sg->brk);
	while ((b = ubrk_next(sg->brk)) != UBRK_DONE) {
		XGROW(sg->cuts, sg->acuts, sg->ncuts + 1);
		sg->cuts[sg->ncuts++] = (size_t)b;
	}
	return PONT_OK;
}

/* The markup mark (shown to ICU as spaces) that ends at b, or NULL. */
static const pont_mark *
markup_ending_at(const pont_mark *mk, size_t n, size_t b)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {		/* marks are sorted and do not overlap */
		size_t mid = lo + (hi - lo) / 2;

		if (mk[mid].span.end < b)
			lo = mid + 1;
		else if (mk[mid].span.end > b)
			hi = mid;
		else
			return mk[mid].kind == PONT_MARK_BLOCK || mk[mid].kind == PONT_MARK_EMPH ||
				       mk[mid].kind == PONT_MARK_LINK || mk[mid].kind == PONT_MARK_ESCAPE
				       ? &mk[mid] : NULL;
	}
	return NULL;
}

/* Positions in the cut and forced lists: both ascending, shared by consecutive ranges. */
typedef struct cursor {
	size_t c, f;
} cursor;

/*
 * Appends the covering sentence spans of [start, end) (absolute offsets) to out, from ICU's
 * boundaries and the forced ones, less those pont suppresses: "?" before a lower-case word,
 * inside a link. Markup ICU saw as space opens the next sentence ("fin. **Suite**").
 */
static void
range_spans(pont_segmenter *sg, const char *text, const char *m, size_t start, size_t end,
	    const pont_mark *mk, size_t nmk, cursor *cur, pont_spans *out)
{
	size_t prev = start, k = 0;
	int depth = 0;

	while (cur->c < sg->ncuts && sg->cuts[cur->c] <= start)
		cur->c++;
	while (cur->f < sg->nforced && sg->forced[cur->f] <= start)
		cur->f++;
	for (;;) {
		size_t b;
		int forced = 0;

		if (cur->f < sg->nforced && sg->forced[cur->f] < end &&
		    (cur->c >= sg->ncuts || sg->forced[cur->f] <= sg->cuts[cur->c])) {
			b = sg->forced[cur->f++];
			forced = 1;
		} else if (cur->c < sg->ncuts && sg->cuts[cur->c] < end) {
			b = sg->cuts[cur->c++];
		} else {
			break;
		}
		if (b <= prev)
			continue;
		for (; k < nmk && mk[k].span.start < b; k++) {	/* link depth at b */
			if (mk[k].kind != PONT_MARK_LINK)
				continue;
			if (text[mk[k].span.start] == ']')
				depth -= depth > 0;
			else
				depth++;
		}
		if (depth > 0)
			continue;
		if (!forced) {
			if (suppress(m + start, end - start, b - start))
				continue;
			const pont_mark *mm;

			while ((mm = markup_ending_at(mk, nmk, b)) != NULL && mm->span.start > prev)
				b = mm->span.start;
		}
		pont_spans_push(out, prev, b);
		prev = b;
	}
	if (prev < end)
		pont_spans_push(out, prev, end);
}

pont_status
pont_segment_text(pont_segmenter *sg, const char *text, size_t len, pont_spans *out, pont_error *err)
{
	pont_marks links = { NULL, 0, 0 };
	pont_spans tmp = PONT_SPANS_INIT;
	cursor cur = { 0, 0 };
	pont_status rc;
	size_t i;

	if (len > INT32_MAX)
		return pont_fail(err, PONT_EINVAL, "input is larger than 2 GiB");
	pont_scan_links(text, 0, len, &links);
	XGROW(sg->mask, sg->amask, len + 1);
	memcpy(sg->mask, text, len);
	sg->mask[len] = '\0';
	sg->nforced = 0;
	prepare(sg, sg->mask, 0, len, links.v, links.n);
	rc = icu_cuts(sg, sg->mask, len, err);
	if (rc == PONT_OK && len > 0) {
		range_spans(sg, text, sg->mask, 0, len, links.v, links.n, &cur, &tmp);
		for (i = 0; i < tmp.n; i++)
			pont_spans_push(out, tmp.v[i].start, tmp.v[i].end);
	}
	free(links.v);
	pont_spans_release(&tmp);
	return rc;
}

void
pont_segs_release(pont_segs *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->alloc = 0;
}

static int
has_alnum(const char *s, size_t a, size_t b)
{
	while (a < b)
		if (pont_cp_is_alnum(pont_utf8_next(s, b, &a)))
			return 1;
	return 0;
}

/* The mark of kind BLOCK or EMPH that starts at a (at_end: that ends at a), or NULL. */
static const pont_mark *
edge_mark(const pont_mark *mk, size_t n, size_t a, int at_end)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {		/* marks are sorted and do not overlap */
		size_t mid = lo + (hi - lo) / 2;
		size_t key = at_end ? mk[mid].span.end : mk[mid].span.start;

		if (key < a)
			lo = mid + 1;
		else if (key > a)
			hi = mid;
		else
			return mk[mid].kind == PONT_MARK_BLOCK || mk[mid].kind == PONT_MARK_EMPH ? &mk[mid] : NULL;
	}
	return NULL;
}

static void
trim_space(const char *s, size_t *a, size_t *e)
{
	size_t t;

	while (*a < *e) {
		t = *a;
		if (!pont_cp_is_space(pont_utf8_next(s, *e, &t)))
			break;
		*a = t;
	}
	while (*e > *a) {
		if (!pont_cp_is_space(pont_utf8_prev(s, *e, &t)))
			break;
		*e = t;
	}
}

/*
 * Moves [*a, *e) inwards past white space and line structure, and past emphasis delimiters
 * only when they enclose the whole sentence ("**Fin.**"), so that no pair is cut in two.
 */
static void
trim(const char *s, const pont_mark *mk, size_t n, size_t *a, size_t *e)
{
	const pont_mark *m1, *m2;

	for (;;) {
		trim_space(s, a, e);
		if ((m1 = edge_mark(mk, n, *a, 0)) != NULL && m1->kind == PONT_MARK_BLOCK && m1->span.end <= *e) {
			*a = m1->span.end;
			continue;
		}
		if ((m2 = edge_mark(mk, n, *e, 1)) != NULL && m2->kind == PONT_MARK_BLOCK && m2->span.start >= *a) {
			*e = m2->span.start;
			continue;
		}
		if (m1 && m2 && m1 != m2 && m1->kind == PONT_MARK_EMPH && m2->kind == PONT_MARK_EMPH &&
		    m1->span.end <= m2->span.start && m1->span.end - m1->span.start == m2->span.end - m2->span.start &&
		    s[m1->span.start] == s[m2->span.start]) {
			*a = m1->span.end;
			*e = m2->span.start;
			continue;
		}
		break;
	}
}

pont_status
pont_segment_doc(pont_segmenter *sg, const pont_doc *doc, pont_segs *out, pont_error *err)
{
	size_t nb = pont_doc_nblocks(doc), nmk, len, i, k;
	const pont_mark *mk = pont_doc_marks(doc, &nmk);
	const char *text = pont_doc_text(doc, &len);
	static const pont_mark none[1];
	pont_spans sp = PONT_SPANS_INIT;
	cursor cur = { 0, 0 };
	pont_status rc;

	if (mk == NULL)
		mk = none;	/* no marks at all: keep pointer arithmetic defined */
	if (len > INT32_MAX)
		return pont_fail(err, PONT_EINVAL, "input is larger than 2 GiB");
	pont__count(PONT_COUNT_SEGMENT);
	/* one mask for the whole text, prepared block by block, and one ICU pass over it:
	 * line ends between blocks are hard breaks for ICU, so blocks do not see each other */
	XGROW_BIG(sg->mask, sg->amask, len + 1);
	memcpy(sg->mask, text, len);
	sg->mask[len] = '\0';
	sg->nforced = 0;
	XGROW_BIG(out->v, out->alloc, out->n + len / 64 + 16);	/* room for most texts' sentences */
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);

		if (pont_block_kind_is_text(b->kind) && b->content.end > b->content.start)
			prepare(sg, sg->mask, b->content.start, b->content.end, mk + b->mark0, b->nmarks);
	}
	if ((rc = icu_cuts(sg, sg->mask, len, err)) != PONT_OK)
		return rc;
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);
		size_t first = out->n;

		if (!pont_block_kind_is_text(b->kind) || b->content.end <= b->content.start)
			continue;
		sp.n = 0;
		range_spans(sg, text, sg->mask, b->content.start, b->content.end, mk + b->mark0, b->nmarks,
			    &cur, &sp);
		for (k = 0; k < sp.n; k++) {
			size_t a = sp.v[k].start, e = sp.v[k].end;

			trim(text, mk + b->mark0, b->nmarks, &a, &e);
			if (e <= a)
				continue;
			if (out->n > first && !has_alnum(text, a, e)) {
				out->v[out->n - 1].span.end = e;	/* a lone "…" or "»" joins its sentence */
				continue;
			}
			XGROW(out->v, out->alloc, out->n + 1);
			out->v[out->n].block = i;
			out->v[out->n].span.start = a;
			out->v[out->n].span.end = e;
			out->n++;
		}
	}
	pont_spans_release(&sp);
	return PONT_OK;
}
