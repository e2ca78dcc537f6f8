/* check_text.c: the checks of a pair's texts themselves: numbers after conversion, URLs and
 * e-mail addresses, inline markup, French typography left in English, quotes and brackets,
 * final punctuation, and the French words of an English target. */
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* --- numbers --- */

/* The numbers of text, normalized: thousands separators out, decimal comma as a point;
 * appended to *out as NUL-terminated strings; returns how many. */
static size_t
numbers(const char *s, size_t n, int french, pont_buf *out)
{
	size_t i = 0, k = 0;
	pont_buf num = PONT_BUF_INIT;

	while (i < n) {
		size_t j = i;
		uint32_t c = pont_utf8_next(s, n, &j);

		if (!pont_cp_is_digit(c)) {
			i = j;
			continue;
		}
		j = i;
		pont_buf_reset(&num);
		while (j < n) {
			size_t q = j, r;
			uint32_t d = pont_utf8_next(s, n, &q);

			if (pont_cp_is_digit(d)) {
				pont_buf_addc(&num, (char)('0' + (d - '0') % 10));
				j = q;
				continue;
			}
			r = q;
			/* a group separator: exactly three digits follow */
			if ((french ? (d == ' ' || d == 0xA0 || d == 0x202F || d == '.') : d == ',') && q + 3 <= n &&
			    pont_cp_is_digit((unsigned char)s[q]) && pont_cp_is_digit((unsigned char)s[q + 1]) &&
			    pont_cp_is_digit((unsigned char)s[q + 2]) && (q + 3 == n || !pont_cp_is_digit((unsigned char)s[q + 3]))) {
				j = q;
				continue;
			}
			if ((french ? d == ',' : d == '.') && q < n && pont_cp_is_digit(pont_utf8_next(s, n, &r))) {
				pont_buf_addc(&num, '.');
				j = q;
				continue;
			}
			break;
		}
		pont_buf_add(out, num.p, num.len);
		pont_buf_addc(out, '\0');
		k++;
		i = j;
	}
	pont_buf_release(&num);
	return k;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted pointers to the n strings of b. */
static const char **
split_sorted(const pont_buf *b, size_t n)
{
	const char **v = xmalloc((n + 1) * sizeof *v);
	size_t k, a = 0;

	for (k = 0; k < n; k++) {
		v[k] = b->p + a;
		a += strlen(b->p + a) + 1;
	}
	qsort(v, n, sizeof *v, cmp_str);
	return v;
}

/* The numbers of a that b lacks, and those of b that a lacks, as text; returns their count. */
static size_t
number_diff(const pont_buf *a, size_t na, const pont_buf *b, size_t nb, pont_buf *miss, pont_buf *extra)
{
	const char **x = split_sorted(a, na), **y = split_sorted(b, nb);
	size_t i = 0, j = 0, n = 0;

	pont_buf_reset(miss);
	pont_buf_reset(extra);
	while (i < na || j < nb) {
		int d = i == na ? 1 : j == nb ? -1 : strcmp(x[i], y[j]);

		if (d == 0) {
			i++;
			j++;
			continue;
		}
		n++;
		if (d < 0)
			pont_buf_addf(miss, "%s%s", miss->len ? ", " : "", x[i++]);
		else
			pont_buf_addf(extra, "%s%s", extra->len ? ", " : "", y[j++]);
	}
	free(x);
	free(y);
	return n;
}

void
pont__check_numbers(pont_checker *c, const pair_view *v, pont_findings *out)
{
	pont_buf a = PONT_BUF_INIT, b = PONT_BUF_INIT, b2 = PONT_BUF_INIT;
	pont_buf miss = PONT_BUF_INIT, extra = PONT_BUF_INIT, m2 = PONT_BUF_INIT, e2 = PONT_BUF_INIT;
	size_t na = numbers(v->s, v->sn, 1, &a), nb = numbers(v->t, v->tn, 0, &b), d;

	d = number_diff(&a, na, &b, nb, &miss, &extra);
	if (d) {
		/* numbers left in French notation are French typography (reported as such), not
		 * different numbers: read the target the French way too and keep the smaller difference */
		size_t nb2 = numbers(v->t, v->tn, 1, &b2);

		if (number_diff(&a, na, &b2, nb2, &m2, &e2) < d) {
			pont_buf_release(&miss);
			pont_buf_release(&extra);
			miss = m2;
			extra = e2;
			m2 = (pont_buf)PONT_BUF_INIT;
			e2 = (pont_buf)PONT_BUF_INIT;
		}
	}
	if (miss.len || extra.len)
		CHECK_ADD(c, out, PONT_ID_NUMBER_MISMATCH, 0, v->tn, "numbers differ: %s%s%s%s%s",
			  miss.len ? "not in the target: " : "", miss.len ? miss.p : "", miss.len && extra.len ? "; " : "",
			  extra.len ? "not in the source: " : "", extra.len ? extra.p : "");
	pont_buf_release(&a);
	pont_buf_release(&b);
	pont_buf_release(&b2);
	pont_buf_release(&miss);
	pont_buf_release(&extra);
	pont_buf_release(&m2);
	pont_buf_release(&e2);
}

/* --- URLs, e-mail addresses, markup --- */

/* Is there a link of kind k in w[0, nw) of text wt written like s[0, n)? */
static int
has_link(const pont_mark *w, size_t nw, const char *wt, pont_mark_kind k, const char *s, size_t n)
{
	size_t j;

	for (j = 0; j < nw; j++)
		if (w[j].kind == k && w[j].span.end - w[j].span.start == n && memcmp(wt + w[j].span.start, s, n) == 0)
			return 1;
	return 0;
}

void
pont__check_links(pont_checker *c, const pair_view *v, pont_findings *out)
{
	size_t i;
	int kind;

	for (kind = 0; kind < 2; kind++) {
		pont_mark_kind mk = kind ? PONT_MARK_EMAIL : PONT_MARK_URL;
		pont_id id = kind ? PONT_ID_EMAIL_MISMATCH : PONT_ID_URL_MISMATCH;
		const char *what = kind ? "e-mail address" : "URL";

		for (i = 0; i < v->nslinks; i++) {
			const pont_mark *m = &v->slinks[i];
			size_t l = m->span.end - m->span.start;

			if (m->kind == mk && !has_link(v->tlinks, v->ntlinks, v->ttext, mk, v->stext + m->span.start, l))
				CHECK_ADD(c, out, id, 0, v->tn, "%s of the source not in the target: %.*s", what, (int)l,
					  v->stext + m->span.start);
		}
		for (i = 0; i < v->ntlinks; i++) {
			const pont_mark *m = &v->tlinks[i];
			size_t l = m->span.end - m->span.start;

			if (m->kind == mk && !has_link(v->slinks, v->nslinks, v->stext, mk, v->ttext + m->span.start, l))
				CHECK_ADD(c, out, id, m->span.start - v->tbase, m->span.end - v->tbase, "%s not in the source: %.*s",
					  what, (int)l, v->ttext + m->span.start);
		}
	}
}

/* Emphasis delimiter runs, links and code spans among marks. */
static void
markup(const pont_mark *mk, size_t n, const char *text, size_t *emph, size_t *links, size_t *code)
{
	size_t i;

	*emph = *links = *code = 0;
	for (i = 0; i < n; i++) {
		*emph += mk[i].kind == PONT_MARK_EMPH;
		*links += mk[i].kind == PONT_MARK_LINK && text[mk[i].span.start] == ']';	/* the "](dest)" part */
		*code += mk[i].kind == PONT_MARK_CODE;
	}
}

void
pont__check_markup(pont_checker *c, const pair_view *v, pont_findings *out)
{
	size_t e1, l1, c1, e2, l2, c2;

	markup(v->smarks, v->nsmarks, v->stext, &e1, &l1, &c1);
	markup(v->tmarks, v->ntmarks, v->ttext, &e2, &l2, &c2);
	if (e1 != e2 || l1 != l2 || c1 != c2)
		CHECK_ADD(c, out, PONT_ID_INLINE_MARKUP_MISMATCH, 0, v->tn,
			  "markup differs: emphasis %zu/%zu, links %zu/%zu, code %zu/%zu (source/target)", e1, e2, l1, l2, c1,
			  c2);
}

/* Is the target's byte at absolute offset i inside a URL, an e-mail address, code, HTML or a
 * link's syntax? *l walks forward through the links (callers go left to right); the marks
 * inside one pair are few. */
static int
protected_at(const pair_view *v, size_t i, size_t *l)
{
	size_t k;

	while (*l < v->ntlinks && v->tlinks[*l].span.end <= i)
		(*l)++;
	if (*l < v->ntlinks && v->tlinks[*l].span.start <= i)
		return 1;
	for (k = 0; k < v->ntmarks && v->tmarks[k].span.start <= i; k++)
		if (i < v->tmarks[k].span.end && (v->tmarks[k].kind == PONT_MARK_CODE || v->tmarks[k].kind == PONT_MARK_HTML ||
						   v->tmarks[k].kind == PONT_MARK_LINK))
			return 1;
	return 0;
}

void
pont__check_typography(pont_checker *c, const pair_view *v, pont_findings *out)
{
	const char *t = v->t;
	size_t n = v->tn, i = 0, lk = 0;
	int columns = 0;

	for (i = 0; i + 2 < n && !columns; i++)	/* three spaces in a row: text laid out in columns */
		columns = t[i] == ' ' && t[i + 1] == ' ' && t[i + 2] == ' ';
	i = 0;
	while (i < n) {
		size_t j = i, k;
		uint32_t ch = pont_utf8_next(t, n, &j);

		if (protected_at(v, v->tbase + i, &lk)) {
			i = j;
			continue;
		}
		if (ch == 0xAB || ch == 0xBB) {
			CHECK_ADD(c, out, PONT_ID_FRENCH_TYPOGRAPHY, i, j, "French quotation mark %s: English uses “ ”",
				  ch == 0xAB ? "«" : "»");
		} else if (ch == ' ' || ch == 0xA0 || ch == 0x202F) {
			k = j;
			if (k < n && strchr(";:!?", t[k]) && i > 0 && t[i - 1] != ' ' &&
			    (k + 1 == n || t[k + 1] == ' ' || t[k + 1] == '\n' || t[k + 1] == '"' || t[k + 1] == ')')) {
				CHECK_ADD(c, out, PONT_ID_FRENCH_TYPOGRAPHY, i, k + 1, "space before '%c': not in English", t[k]);
			} else if (i > 0 && pont_cp_is_digit((unsigned char)t[i - 1]) && k + 3 <= n &&
				   pont_cp_is_digit((unsigned char)t[k]) && pont_cp_is_digit((unsigned char)t[k + 1]) &&
				   pont_cp_is_digit((unsigned char)t[k + 2]) && (k + 3 == n || !pont_cp_is_alnum((unsigned char)t[k + 3]))) {
				CHECK_ADD(c, out, PONT_ID_FRENCH_TYPOGRAPHY, i, j, "space as thousands separator: English writes 10,000");
			} else if (ch == ' ' && k < n && t[k] == ' ') {
				size_t run = k + 1;

				while (run < n && t[run] == ' ')
					run++;
				/* two spaces exactly, between words, in text not laid out in columns */
				if (run == k + 1 && i > 0 && t[i - 1] != '\n' && !columns)
					CHECK_ADD(c, out, PONT_ID_DOUBLE_SPACE, i, k + 1, "two spaces in a row");
				j = run;
			}
		} else if (ch == ',' && i > 0 && i + 1 < n && pont_cp_is_digit((unsigned char)t[i - 1]) &&
			   pont_cp_is_digit((unsigned char)t[i + 1]) &&
			   !(i + 4 <= n && pont_cp_is_digit((unsigned char)t[i + 2]) && pont_cp_is_digit((unsigned char)t[i + 3]) &&
			     (i + 4 == n || !pont_cp_is_digit((unsigned char)t[i + 4])))) {
			CHECK_ADD(c, out, PONT_ID_FRENCH_TYPOGRAPHY, i, j, "decimal comma: English writes 3.5");
		}
		i = j;
	}
}

void
pont__check_balance(pont_checker *c, const pair_view *v, pont_findings *out)
{
	static const uint32_t pairs[][2] = { { 0x201C, 0x201D }, { 0xAB, 0xBB }, { '(', ')' }, { '[', ']' }, { '{', '}' } };
	enum { NP = sizeof pairs / sizeof pairs[0] };
	static const char *const opener[NP] = { "“", "«", "(", "[", "{" }, *const closer[NP] = { "”", "»", ")", "]", "}" };
	const char *t = v->t;
	size_t n = v->tn;
	long depth[NP] = { 0 };
	size_t first_open[NP], first_end[NP], at[NP] = { 0 }, at_end[NP] = { 0 }, k, i;
	int stray[NP] = { 0 };	/* a closer before its opener: the scan of that pair stops there */

	for (k = 0; k < NP; k++)
		first_open[k] = first_end[k] = n;
	for (i = 0; i < n;) {
		size_t j = i, emo = pont_emoticon_len(t, n, i);
		uint32_t ch;

		if (emo) {		/* :-) and friends hold no bracket */
			i += emo;
			continue;
		}
		ch = pont_utf8_next(t, n, &j);
		for (k = 0; k < NP; k++) {
			if (stray[k])
				continue;
			if (ch == pairs[k][0]) {
				if (depth[k] == 0) {
					first_open[k] = i;
					first_end[k] = j;
				}
				depth[k]++;
			} else if (ch == pairs[k][1] && --depth[k] < 0) {
				at[k] = i;
				at_end[k] = j;
				stray[k] = 1;
			}
		}
		i = j;
	}
	for (k = 0; k < NP; k++)
		if (depth[k] != 0)
			CHECK_ADD(c, out, k < 2 ? PONT_ID_QUOTES_UNBALANCED : PONT_ID_BRACKETS_UNBALANCED,
				  depth[k] > 0 ? first_open[k] : at[k], depth[k] > 0 ? first_end[k] : at_end[k],
				  "'%s' without its '%s'", depth[k] > 0 ? opener[k] : closer[k],
				  depth[k] > 0 ? closer[k] : opener[k]);
	/* straight double quotes go by pairs */
	for (i = 0, k = 0; i < n; i++)
		k += t[i] == '"';
	if (k % 2)
		CHECK_ADD(c, out, PONT_ID_QUOTES_UNBALANCED, 0, n, "an odd number of '\"'");
}

/* The last character that is not a space or closing quote. */
static uint32_t
end_punct(const char *s, size_t n)
{
	size_t i = n, st;

	while (i > 0) {
		uint32_t ch = pont_utf8_prev(s, i, &st);

		if (!pont_cp_is_space(ch) && ch != '"' && ch != 0xBB && ch != 0x201D && ch != '*' && ch != '_')
			return ch == 0x2026 ? '.' : ch;
		i = st;
	}
	return 0;
}

/* Final punctuation and length. */
void
pont__check_end(pont_checker *c, const pair_view *v, pont_findings *out)
{
	uint32_t ps = end_punct(v->s, v->sn), pt = end_punct(v->t, v->tn);
	int ss = ps && strchr(".!?:;", (int)(ps < 128 ? ps : 1)) != NULL;
	int st = pt && strchr(".!?:;", (int)(pt < 128 ? pt : 1)) != NULL;
	size_t ns = pont_utf8_count(v->s, v->sn), nt = pont_utf8_count(v->t, v->tn);

	if ((ss || st) && ps != pt)
		CHECK_ADD(c, out, PONT_ID_END_PUNCTUATION, 0, v->tn, "the source ends with '%s', the target with '%s'",
			  ss ? (char[2]){ (char)ps, 0 } : "no punctuation", st ? (char[2]){ (char)pt, 0 } : "no punctuation");
	if (v->sn >= 40 && (nt * 10 < ns * 4 || nt * 10 > ns * 25))	/* English runs 0.8-1.2 of French */
		CHECK_ADD(c, out, PONT_ID_LENGTH_RATIO, 0, v->tn, "the target is %.0f%% of the source's length",
			  100.0 * (double)nt / (double)(ns ? ns : 1));
}

/* --- French words in the English --- */

/* Does a sentence start at i: nothing but spaces between it and the start, or . : ! ? */
static int
sentence_start(const char *t, size_t i)
{
	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '"' || t[i - 1] == '*'))
		i--;
	return i == 0 || strchr(".:!?", t[i - 1]) != NULL;
}

size_t
pont__check_french_words(pont_checker *c, const pair_view *v, size_t *english, size_t *words)
{
	const char *t = v->t;
	size_t n = v->tn, i = 0, french = 0, l = 0;

	*words = *english = 0;
	if (c->fr == NULL || c->en == NULL || c->sp == NULL)
		return 0;
	while (i < n) {
		size_t j = i;
		uint32_t ch = pont_utf8_next(t, n, &j);
		int k;

		/* URLs and e-mail addresses are no words */
		while (l < v->ntlinks && v->tlinks[l].span.end <= v->tbase + i)
			l++;
		if (l < v->ntlinks && v->tlinks[l].span.start <= v->tbase + i) {
			i = v->tlinks[l].span.end - v->tbase;
			continue;
		}
		if (!pont_cp_is_letter(ch)) {
			i = j;
			continue;
		}
		while (j < n) {
			size_t q = j;
			uint32_t d = pont_utf8_next(t, n, &q);

			if (!pont_cp_is_letter(d) && !pont_cp_is_apostrophe(d))
				break;
			j = q;
		}
		/* words of code (--compare-versions, ver1, /bin/su, config.h) and capitalised words
		 * inside a sentence (names) say nothing of the language */
		if ((i > 0 && strchr("-/_.=$\\@(|", t[i - 1]) != NULL) ||
		    (j < n && (pont_cp_is_digit((unsigned char)t[j]) || strchr("_/=(@\\|", t[j]) != NULL)) ||
		    (j + 1 < n && t[j] == '.' && pont_cp_is_alnum((unsigned char)t[j + 1])) ||	/* config.h */
		    (*words > 0 && pont_cp_is_upper(ch) && !sentence_start(t, i))) {
			(*words)++;
			i = j;
			continue;
		}
		(*words)++;
		k = pont__speller_knows(c->sp, t + i, j - i);
		french += k == 2;
		*english += k == 1;
		i = j;
	}
	return french;
}
