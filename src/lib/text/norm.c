/* norm.c: NFC and French/English typography, as a list of changes on the original bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "doc.h"

#define NNBSP 0x202F
#define NBSP 0xA0

/* The text regions a document lets the normalizer touch. */
typedef struct regions {
	pont_spans r;		/* sorted, disjoint */
	pont_spans block;	/* for each region: the span of its block (quote nesting is per block) */
} regions;

static int
protected_mark(pont_mark_kind k)
{
	return k != PONT_MARK_BLOCK && k != PONT_MARK_EMPH;
}

static void
find_regions(const pont_doc *doc, regions *rg)
{
	size_t nb = pont_doc_nblocks(doc), nmk, i, k = 0;
	const pont_mark *mk = pont_doc_marks(doc, &nmk);

	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);
		size_t at = b->span.start;

		if (!pont_block_kind_is_text(b->kind))
			continue;
		while (k < nmk && mk[k].span.start < b->span.start)
			k++;
		for (; k < nmk && mk[k].span.start < b->span.end; k++) {
			if (!protected_mark(mk[k].kind) || mk[k].span.end <= mk[k].span.start)
				continue;
			if (mk[k].span.start > at) {
				pont_spans_push(&rg->r, at, mk[k].span.start);
				pont_spans_push(&rg->block, b->span.start, b->span.end);
			}
			if (mk[k].span.end > at)
				at = mk[k].span.end;
		}
		if (b->span.end > at) {
			pont_spans_push(&rg->r, at, b->span.end);
			pont_spans_push(&rg->block, b->span.start, b->span.end);
		}
	}
}

static void
regions_release(regions *rg)
{
	pont_spans_release(&rg->r);
	pont_spans_release(&rg->block);
}

/* --- NFC --- */

/*
 * 1 when c can never change under NFC, whatever surrounds it: quick-check "yes" and combining
 * class 0. Latin letters and general punctuation (’ “ ” … no-break spaces) answer without ICU;
 * U+2000 and U+2001 are the exceptions there (they decompose to U+2002 and U+2003).
 */
static int
nfc_stable(uint32_t c)
{
	if (c < 0x300 || (c >= 0x2002 && c <= 0x206F))
		return 1;
	return u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
	       u_getCombiningClass((UChar32)c) == 0;
}

/* Normalizes s[a, b) to NFC into out; returns PONT_OK or PONT_EICU. */
static pont_status
nfc_chunk(const UNormalizer2 *nfc, const char *s, size_t a, size_t b, pont_buf *out, int *changed,
	  pont_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar sbuf[256], dbuf[512], *src = sbuf, *dst = dbuf;
	int32_t n = 0, m, cap = 512;
	pont_status rc = PONT_OK;

	*changed = 0;
	if (b - a > 128) {
		src = xmalloc((b - a + 1) * sizeof *src);
		cap = (int32_t)(4 * (b - a) + 16);
		dst = xmalloc((size_t)cap * sizeof *dst);
	}
	u_strFromUTF8(src, (int32_t)(b - a + 1), &n, s + a, (int32_t)(b - a), &st);
	if (U_SUCCESS(st) && unorm2_isNormalized(nfc, src, n, &st))
		goto out;
	m = unorm2_normalize(nfc, src, n, dst, cap, &st);
	if (U_FAILURE(st)) {
		rc = pont_fail(err, PONT_EICU, "ICU normalization: %s", u_errorName(st));
		goto out;
	}
	{
		char u8[2048], *p = u8;
		int32_t k;

		if ((size_t)m * 3 + 1 > sizeof u8)
			p = xmalloc((size_t)m * 3 + 1);
		u_strToUTF8(p, m * 3 + 1, &k, dst, m, &st);
		if (U_FAILURE(st)) {
			rc = pont_fail(err, PONT_EICU, "ICU conversion: %s", u_errorName(st));
		} else if ((size_t)k != b - a || memcmp(p, s + a, b - a) != 0) {
			pont_buf_add(out, p, (size_t)k);
			*changed = 1;
		}
		if (p != u8)
			free(p);
	}
out:
	if (src != sbuf)
		free(src);
	if (dst != dbuf)
		free(dst);
	return rc;
}

static pont_status
nfc_pass(const char *s, const regions *rg, pont_findings *ch, pont_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	pont_buf tmp = PONT_BUF_INIT;
	size_t r;

	if (U_FAILURE(st))
		return pont_fail(err, PONT_EICU, "ICU NFC data: %s", u_errorName(st));
	for (r = 0; r < rg->r.n; r++) {
		size_t i = rg->r.v[r].start, end = rg->r.v[r].end;

		while (i < end) {
			size_t run, j, a;
			int stable = 1, changed;
			pont_status rc;

			if ((unsigned char)s[i] < 0x80) {
				i++;
				continue;
			}
			/* a run of non-ASCII code points, with the ASCII letter it may combine with */
			run = i;
			for (j = i; j < end && (unsigned char)s[j] >= 0x80;) {
				if (!nfc_stable(pont_utf8_next(s, end, &j)))
					stable = 0;
			}
			i = j;
			if (stable)
				continue;
			a = run > rg->r.v[r].start ? run - 1 : run;
			pont_buf_reset(&tmp);
			if ((rc = nfc_chunk(nfc, s, a, j, &tmp, &changed, err)) != PONT_OK) {
				pont_buf_release(&tmp);
				return rc;
			}
			if (changed)
				pont_findings_add(ch, PONT_ID_NORM_NFC, PONT_SEV_WARNING, a, j, tmp.p, tmp.len,
						  "text is not in Unicode normalization form C");
		}
	}
	pont_buf_release(&tmp);
	return PONT_OK;
}

/* --- typography --- */

typedef struct rules {
	const char *s;
	size_t len;
	const pont_norm_options *opt;
	pont_findings *ch;
	char nb[4];		/* the no-break space, UTF-8 */
	size_t nbn;
} rules;

static uint32_t
at(const char *s, size_t len, size_t i)
{
	return i < len ? pont_utf8_next(s, len, &i) : 0;
}

static uint32_t
before(const char *s, size_t i, size_t *start)
{
	if (i == 0) {
		*start = 0;
		return 0;
	}
	return pont_utf8_prev(s, i, start);
}

/* Start of the run of horizontal white space that ends at i. */
static size_t
hspace_back(const char *s, size_t i, size_t floor)
{
	size_t st;

	while (i > floor && pont_cp_is_hspace(before(s, i, &st)))
		i = st;
	return i;
}

static int
is_nb(const rules *x, size_t a, size_t b)
{
	return b - a == x->nbn && memcmp(x->s + a, x->nb, x->nbn) == 0;
}

static int
is_punct_mark(uint32_t c)
{
	return c == ';' || c == ':' || c == '!' || c == '?';
}

/*
 * Is the ; : ! ? at i, with white space from j to i before it, a punctuation mark of prose
 * (not "9:30", ":-)", "std::x", "?a=b", nor the second mark of "?!")?
 */
static int
prose_punct(const rules *x, size_t j, size_t i, uint32_t c)
{
	size_t k = i + 1, st;
	uint32_t n, p = before(x->s, j, &st);

	if (p == 0 || p == '\n' || p == '\r' || (is_punct_mark(p) && j == i))
		return 0;
	if (p == '(' || p == '[' || p == 0xAB || p == 0x201C)
		return 0;
	while (c != ':' && c != ';' && k < x->len && (x->s[k] == '?' || x->s[k] == '!'))
		k++;			/* "?!", "!!!" */
	n = at(x->s, x->len, k);
	if (n == 0 || pont_cp_is_space(n) || n == 0xBB || n == 0x201D || n == '"' || n == '*' || n == '_')
		return 1;
	if (c != ':' && (n == ')' || n == ']' || n == 0x2026 || n == '.'))
		return 1;
	return 0;
}

static void
change(rules *x, pont_id id, size_t a, size_t b, const char *repl, size_t rn, const char *msg)
{
	pont_findings_add(x->ch, id, PONT_SEV_WARNING, a, b, repl, rn, "%s", msg);
}

static void
rule_space_before_punct(rules *x, size_t line0, size_t i, uint32_t c)
{
	size_t j = hspace_back(x->s, i, line0);
	char msg[96];

	if (j == line0 || !prose_punct(x, j, i, c))
		return;			/* at a line start, or not prose */
	if (x->opt->target == PONT_NORM_EN) {
		if (j < i) {
			snprintf(msg, sizeof msg, "no space before '%c' in English", (char)c);
			change(x, PONT_ID_NORM_EN_PUNCT_SPACE, j, i, "", 0, msg);
		}
		return;
	}
	if (is_nb(x, j, i))
		return;
	snprintf(msg, sizeof msg, "use a no-break space (U+%04X) before '%c'", (unsigned)x->opt->nbsp, (char)c);
	change(x, PONT_ID_NORM_NBSP_PUNCT, j, i, x->nb, x->nbn, msg);
}

static void
rule_fr_guillemets(rules *x, size_t line0, size_t i, size_t next, uint32_t c)
{
	char msg[96];

	snprintf(msg, sizeof msg, "use a no-break space (U+%04X) inside « »", (unsigned)x->opt->nbsp);
	if (c == 0xAB) {
		size_t e = skip_hspace(x->s, next, x->len);
		uint32_t n = at(x->s, x->len, e);

		if (n == 0 || n == '\n' || n == '\r' || n == 0xBB || is_nb(x, next, e))
			return;
		change(x, PONT_ID_NORM_NBSP_QUOTE, next, e, x->nb, x->nbn, msg);
	} else {
		size_t j = hspace_back(x->s, i, line0), st;
		uint32_t p = before(x->s, j, &st);

		if (p == 0 || p == '\n' || p == '\r' || p == 0xAB || j == line0 || is_nb(x, j, i))
			return;
		change(x, PONT_ID_NORM_NBSP_QUOTE, j, i, x->nb, x->nbn, msg);
	}
}

/* French digit grouping: "10 000" and "1 000 000" take no-break spaces. */
static size_t
rule_fr_thousands(rules *x, size_t i, size_t end)
{
	const char *s = x->s;
	size_t j = i, groups = 0, st, k;
	size_t seps[64][2];
	uint32_t p = before(s, i, &st);

	if (pont_cp_is_digit(p) || pont_cp_is_letter(p) || p == ',' || p == '.')
		return i + 1;
	while (j < end && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j - i > 3)
		return j;
	for (;;) {
		size_t sp = j, e;
		uint32_t c;

		if (sp >= end)
			break;
		k = sp;
		c = pont_utf8_next(s, end, &k);
		if (!(c == ' ' || c == NBSP || c == NNBSP || c == 0x2009))
			break;
		for (e = k; e < end && e - k < 4 && s[e] >= '0' && s[e] <= '9'; e++)
			;
		if (e - k != 3 || groups >= 64)
			break;
		seps[groups][0] = sp;
		seps[groups][1] = k;
		groups++;
		j = e;
	}
	if (groups == 0 || (j < end && (pont_cp_is_digit(at(s, end, j)) || s[j] == ',')))
		return j > i ? j : i + 1;
	if (j < end && s[j] == '.' && j + 1 < end && s[j + 1] >= '0' && s[j + 1] <= '9')
		return j;
	for (k = 0; k < groups; k++)
		if (!is_nb(x, seps[k][0], seps[k][1]))
			change(x, PONT_ID_NORM_NBSP_NUMBER, seps[k][0], seps[k][1], x->nb, x->nbn,
			       "use a no-break space to group digits");
	return j;
}

static void
rule_fr_unit(rules *x, size_t line0, size_t i)
{
	size_t j = hspace_back(x->s, i, line0), st;
	uint32_t p = before(x->s, j, &st);

	if (!pont_cp_is_digit(p) || is_nb(x, j, i))
		return;
	change(x, PONT_ID_NORM_NBSP_NUMBER, j, i, x->nb, x->nbn, "use a no-break space before a unit sign");
}

typedef struct qstack {
	unsigned char single[64];
	size_t n;
} qstack;

static void
rule_en_quotes(rules *x, qstack *q, size_t line0, size_t i, size_t next, uint32_t c)
{
	const char *s = x->s;

	if (c == 0xAB || c == 0x2039 || c == 0x201C) {	/* « ‹ “ open */
		int single = c == 0x2039 || q->n > 0;
		const char *r = single ? "\xE2\x80\x98" : "\xE2\x80\x9C";
		size_t e = next;

		if (c == 0xAB) {
			uint32_t nc;

			e = skip_hspace(s, next, x->len);
			nc = at(s, x->len, e);
			if (nc == 0xBB || nc == 0x201D || nc == 0x203A)
				e = next;	/* "« »": the closing quote takes the space */
		}
		if (q->n < sizeof q->single)
			q->single[q->n] = (unsigned char)single;
		q->n++;
		if (c == 0x201C && !single)
			return;
		change(x, PONT_ID_NORM_EN_QUOTES, i, e, r, 3, single ? "use English nested quotes ‘ ’" : "use English quotes “ ”");
		return;
	}
	{					/* » › ” close */
		int single;
		size_t j = i;
		const char *r;

		if (q->n > 0) {
			q->n--;
			single = q->n < sizeof q->single ? q->single[q->n] : 1;
		} else {
			single = c == 0x203A;
		}
		if (c == 0x201D && !single)
			return;
		if (c == 0xBB)
			j = hspace_back(s, i, line0);
		r = single ? "\xE2\x80\x99" : "\xE2\x80\x9D";
		change(x, PONT_ID_NORM_EN_QUOTES, j, next, r, 3, single ? "use English nested quotes ‘ ’" : "use English quotes “ ”");
	}
}

static void
typo_pass(rules *x, const regions *rg)
{
	const char *s = x->s;
	size_t r, blk_start = (size_t)-1;
	qstack q = { { 0 }, 0 };
	int fr = x->opt->target == PONT_NORM_FR;

	for (r = 0; r < rg->r.n; r++) {
		size_t i = rg->r.v[r].start, end = rg->r.v[r].end, line0 = i;

		if (rg->block.v[r].start != blk_start) {
			blk_start = rg->block.v[r].start;
			q.n = 0;
			line0 = blk_start;
		}
		{	/* the start of the current line, for "at line start" tests */
			size_t k = i;

			while (k > blk_start && s[k - 1] != '\n')
				k--;
			line0 = k;
		}
		while (i < end) {
			size_t next = i;
			uint32_t c = pont_utf8_next(s, end, &next);

			switch (c) {
			case '\n':
				line0 = next;
				break;
			case '\'':
				if (pont_cp_is_letter(before(s, i, &next)) && pont_cp_is_letter(at(s, x->len, i + 1)))
					change(x, PONT_ID_NORM_APOSTROPHE, i, i + 1, "\xE2\x80\x99", 3,
					       "use the typographic apostrophe ’");
				next = i + 1;
				break;
			case ';':
			case ':':
			case '!':
			case '?':
				if (c == ':' || c == ';') {
					size_t e = pont_emoticon_len(s, x->len, i);

					if (e) {
						next = i + e;
						break;
					}
				}
				rule_space_before_punct(x, line0, i, c);
				break;
			case '.':
				if (fr && end - i >= 3 && s[i + 1] == '.' && s[i + 2] == '.' &&
				    (i == 0 || s[i - 1] != '.') && (i + 3 >= x->len || s[i + 3] != '.')) {
					change(x, PONT_ID_NORM_ELLIPSIS, i, i + 3, "\xE2\x80\xA6", 3, "use the ellipsis character …");
					next = i + 3;
				}
				break;
			case '%':
			case 0x20AC:
				if (fr)
					rule_fr_unit(x, line0, i);
				break;
			case 0xAB:
			case 0xBB:
				if (fr)
					rule_fr_guillemets(x, line0, i, next, c);
				else
					rule_en_quotes(x, &q, line0, i, next, c);
				break;
			case 0x2039:
			case 0x203A:
			case 0x201C:
			case 0x201D:
				if (!fr)
					rule_en_quotes(x, &q, line0, i, next, c);
				break;
			default:
				if (fr && c >= '0' && c <= '9')
					next = rule_fr_thousands(x, i, end);
				break;
			}
			i = next;
		}
	}
}

/* Sorts changes and drops any that overlaps the one kept before it. */
static void
settle(pont_findings *ch, size_t from)
{
	size_t i, k;
	pont_findings part = { ch->v ? ch->v + from : NULL, ch->n - from, ch->n - from };

	pont_findings_sort(&part);
	for (i = k = from; i < ch->n; i++) {
		pont_finding *f = &ch->v[i];

		if (k > from && (f->at.start < ch->v[k - 1].at.end ||
				 (f->at.start == ch->v[k - 1].at.start && f->at.start == f->at.end))) {
			free(f->msg);
			free(f->repl);
			continue;
		}
		ch->v[k++] = *f;
	}
	ch->n = k;
}

void
pont_apply_changes(const char *text, size_t len, const pont_findings *changes, pont_buf *out)
{
	size_t i, at_ = 0;

	for (i = 0; i < changes->n; i++) {
		const pont_finding *f = &changes->v[i];

		if (f->repl == NULL || f->at.start < at_ || f->at.end > len)
			continue;
		pont_buf_add(out, text + at_, f->at.start - at_);
		pont_buf_adds(out, f->repl);
		at_ = f->at.end;
	}
	pont_buf_add(out, text + at_, len - at_);
}

/*
 * Moves region offsets from the text before the NFC changes to the text after them. NFC
 * changes lie inside regions, so region and block edges are never inside a change.
 */
static void
shift_spans(pont_spans *sp, const pont_findings *ch)
{
	size_t i, e = 0;
	long long delta = 0, d2;

	for (i = 0; i < sp->n; i++) {
		while (e < ch->n && ch->v[e].at.end <= sp->v[i].start) {
			delta += (long long)strlen(ch->v[e].repl) - (long long)(ch->v[e].at.end - ch->v[e].at.start);
			e++;
		}
		d2 = delta;
		{
			size_t k = e;

			while (k < ch->n && ch->v[k].at.end <= sp->v[i].end) {
				d2 += (long long)strlen(ch->v[k].repl) - (long long)(ch->v[k].at.end - ch->v[k].at.start);
				k++;
			}
		}
		sp->v[i].start = (size_t)((long long)sp->v[i].start + delta);
		sp->v[i].end = (size_t)((long long)sp->v[i].end + d2);
	}
}

static void
shift_regions(regions *rg, pont_findings *ch)
{
	pont_findings_sort(ch);
	shift_spans(&rg->r, ch);
	shift_spans(&rg->block, ch);
}


/* Where offset off of the composed text falls among the NFC changes. */
typedef struct nfc_pos {
	size_t orig;		/* its offset in the original text, when not inside a change */
	int inside;		/* strictly inside a change: that change's extent */
	size_t ostart, oend, cstart, cend;
} nfc_pos;

static nfc_pos
locate(const pont_findings *ch, size_t off)
{
	nfc_pos p;
	size_t i;
	long long delta = 0;

	memset(&p, 0, sizeof p);
	for (i = 0; i < ch->n; i++) {
		const pont_finding *f = &ch->v[i];
		size_t ns = (size_t)((long long)f->at.start + delta), nl = strlen(f->repl);

		if (off <= ns)
			break;
		if (off < ns + nl) {
			p.inside = 1;
			p.ostart = f->at.start;
			p.oend = f->at.end;
			p.cstart = ns;
			p.cend = ns + nl;
			return p;
		}
		delta += (long long)nl - (long long)(f->at.end - f->at.start);
	}
	p.orig = (size_t)((long long)off - delta);
	return p;
}

/*
 * The changes as offsets into the original text: the NFC ones, and the typography ones (found
 * in the composed text) mapped back. A typography change that starts or ends inside an NFC
 * change takes that change in whole ("..." whose last dot is composed with what follows), and
 * changes that then overlap become one, so that applying the list gives the output.
 */
static void
report_changes(const char *s, const pont_findings *nfc, const pont_findings *typo, pont_findings *changes)
{
	size_t from = changes->n, i, k;
	unsigned char *merged = xcalloc(nfc->n + 1, 1);
	pont_buf repl = PONT_BUF_INIT;

	for (i = 0; i < typo->n;) {
		nfc_pos pa = locate(nfc, typo->v[i].at.start), pb = locate(nfc, typo->v[i].at.end);
		size_t A = pa.inside ? pa.ostart : pa.orig, CA = pa.inside ? pa.cstart : typo->v[i].at.start;
		size_t B = pb.inside ? pb.oend : pb.orig, CB = pb.inside ? pb.cend : typo->v[i].at.end;
		size_t j = i + 1, at;

		/* the next changes that reach into this one's extent join it */
		while (j < typo->n && typo->v[j].at.start < CB) {
			nfc_pos pe = locate(nfc, typo->v[j].at.end);

			if (typo->v[j].at.end > CB) {
				CB = pe.inside ? pe.cend : typo->v[j].at.end;
				B = pe.inside ? pe.oend : pe.orig;
			}
			j++;
		}
		pont_buf_reset(&repl);
		for (k = i, at = CA; k < j; k++) {
			pont_buf_add(&repl, s + at, typo->v[k].at.start - at);
			pont_buf_adds(&repl, typo->v[k].repl);
			at = typo->v[k].at.end;
		}
		pont_buf_add(&repl, s + at, CB - at);
		for (k = 0; k < nfc->n; k++)	/* NFC changes now inside this one */
			if (nfc->v[k].at.start < B && nfc->v[k].at.end > A)
				merged[k] = 1;
		pont_findings_add(changes, typo->v[i].code, typo->v[i].sev, A, B < A ? A : B, repl.p ? repl.p : "", repl.len,
				  "%s", typo->v[i].msg);
		i = j;
	}
	for (k = 0; k < nfc->n; k++) {
		const pont_finding *f = &nfc->v[k];

		if (!merged[k])
			pont_findings_add(changes, f->code, f->sev, f->at.start, f->at.end, f->repl, strlen(f->repl), "%s", f->msg);
	}
	if (changes->n > from) {
		pont_findings part = { changes->v + from, changes->n - from, changes->n - from };

		pont_findings_sort(&part);
	}
	pont_buf_release(&repl);
	free(merged);
}

pont_status
pont_normalize(const char *text, size_t len, const pont_doc_options *dopt, const pont_norm_options *opt,
	       pont_buf *out, pont_findings *changes, pont_error *err)
{
	pont_findings nfc = PONT_FINDINGS_INIT, typo = PONT_FINDINGS_INIT;
	pont_buf t1 = PONT_BUF_INIT;
	regions rg = { PONT_SPANS_INIT, PONT_SPANS_INIT };
	pont_doc *doc;
	pont_status rc;
	const char *s = text;
	size_t slen = len;
	rules x;

	if (opt->nbsp != NNBSP && opt->nbsp != NBSP)
		return pont_fail(err, PONT_EINVAL, "the no-break space must be U+202F or U+00A0");
	if ((doc = pont_doc_parse(text, len, dopt, err)) == NULL)
		return PONT_EINVAL;
	find_regions(doc, &rg);
	rc = nfc_pass(text, &rg, &nfc, err);
	if (rc != PONT_OK)
		goto out;
	if (nfc.n) {			/* the typography rules see composed text */
		XGROW_BIG(t1.p, t1.alloc, len + len / 8 + 1);
		pont_apply_changes(text, len, &nfc, &t1);
		s = t1.p;
		slen = t1.len;
		shift_regions(&rg, &nfc);
	}
	memset(&x, 0, sizeof x);
	x.s = s;
	x.len = slen;
	x.opt = opt;
	x.ch = &typo;
	{
		pont_buf nb = PONT_BUF_INIT;

		pont_buf_add_utf8(&nb, opt->nbsp);
		memcpy(x.nb, nb.p, nb.len);
		x.nbn = nb.len;
		pont_buf_release(&nb);
	}
	typo_pass(&x, &rg);
	settle(&typo, 0);
	XGROW_BIG(out->p, out->alloc, out->len + slen + slen / 16 + 1);
	pont_apply_changes(s, slen, &typo, out);
	if (changes)
		report_changes(s, &nfc, &typo, changes);
out:
	pont_findings_release(&nfc);
	pont_findings_release(&typo);
	pont_buf_release(&t1);
	regions_release(&rg);
	pont_doc_free(doc);
	return rc;
}
