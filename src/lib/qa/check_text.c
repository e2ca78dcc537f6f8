/* check_text.c: the checks of a pair's texts themselves: URLs and e-mail addresses, inline
 * markup, French typography left in English, quotes and brackets, final punctuation, and the
 * French words of an English target. (Numbers: check_numbers.c.) */
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* --- URLs, e-mail addresses, markup --- */

/* A URL or an e-mail address as compared: no scheme, no "www.", no final "/", the host in lower
 * case. *host gets the length of its host part (the domain, for an e-mail address). */
static void
norm_link(const char *s, size_t n, pont_mark_kind k, pont_buf *out, size_t *host)
{
	size_t i = 0, h;
	const char *sep;

	pont_buf_reset(out);
	if (k == PONT_MARK_EMAIL) {
		const char *at = memchr(s, '@', n);

		for (i = 0; i < n; i++)
			pont_buf_addc(out, (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]));
		*host = at ? (size_t)(at - s) + 1 : 0;	/* where the domain starts */
		return;
	}
	if ((sep = strstr(s, "://")) != NULL && (size_t)(sep - s) < n && (size_t)(sep - s) < 10)
		i = (size_t)(sep - s) + 3;
	else if (n > 7 && strncasecmp(s, "mailto:", 7) == 0)
		i = 7;
	if (n - i > 4 && strncasecmp(s + i, "www.", 4) == 0)
		i += 4;
	for (h = i; h < n && s[h] != '/' && s[h] != '?' && s[h] != '#'; h++)
		pont_buf_addc(out, (char)(s[h] >= 'A' && s[h] <= 'Z' ? s[h] | 0x20 : s[h]));
	*host = out->len;
	pont_buf_add(out, s + h, n - h);
	while (out->len > *host && out->p[out->len - 1] == '/')
		out->len--;
	pont_buf_adds(out, "");
}

/* The normalized link without its language tags ("fr", "en", "fr-fr", "french" between dots,
 * slashes and such, each with one separator): fr.wikipedia.org/wiki/X and
 * en.wikipedia.org/wiki/X, index.fr.html and index.en.html, debian-user-french and debian-user
 * are one page in two languages. */
static void
unlocalised(const pont_buf *norm, pont_buf *out)
{
	static const char *const tags[] = { "fr", "en", "us", "uk", "gb", "ca", "be", "ch", "fr-fr", "en-us", "en-gb",
		"fr_fr", "en_us", "en_gb", "french", "english", NULL };
	size_t i = 0, k;

	pont_buf_reset(out);
	while (i < norm->len) {
		size_t e = i;

		while (e < norm->len && !strchr("./_#?=&:@", norm->p[e]) && !(norm->p[e] == '-' && e - i != 2))
			e++;
		for (k = 0; tags[k]; k++)
			if (strlen(tags[k]) == e - i && strncasecmp(norm->p + i, tags[k], e - i) == 0)
				break;
		if (tags[k] && e > i) {		/* the tag out, with the separator before it (or after) */
			if (out->len && strchr("./_#?=&:@-", out->p[out->len - 1]))
				out->len--;
			else if (e < norm->len)
				e++;
		} else {
			pont_buf_add(out, norm->p + i, e - i);
		}
		if (e < norm->len)
			pont_buf_addc(out, norm->p[e]);
		i = e + 1;
	}
	pont_buf_adds(out, "");
}

/* The site of a link: the host of a URL, the domain of an e-mail address (unlocalised). */
static void
site_of(const pont_buf *u, pont_mark_kind k, const char **p, size_t *n)
{
	const char *at = k == PONT_MARK_EMAIL ? strchr(u->p, '@') : NULL;

	*p = at ? at + 1 : u->p;
	*n = at ? strlen(at + 1) : strcspn(u->p, "/?#");
}

/* Levenshtein distance between a and b, stopping past max. */
static size_t
distance(const char *a, size_t na, const char *b, size_t nb, size_t max)
{
	size_t *row, i, j, d;

	if ((na > nb ? na - nb : nb - na) > max)
		return max + 1;
	row = xmalloc((nb + 1) * sizeof *row);
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		size_t prev = row[0], lo;

		row[0] = i;
		lo = row[0];
		for (j = 1; j <= nb; j++) {
			size_t cur = row[j];

			d = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			prev = cur;
			if (d < lo)
				lo = d;
		}
		if (lo > max) {
			free(row);
			return max + 1;
		}
	}
	d = row[nb];
	free(row);
	return d;
}

/* Does s[0, n) hold w[0, wn), case aside (ASCII)? */
static int
contains_text(const char *s, size_t n, const char *w, size_t wn)
{
	size_t i;

	for (i = 0; wn && i + wn <= n; i++)
		if (strncasecmp(s + i, w, wn) == 0)
			return 1;
	return 0;
}

typedef struct link {
	const char *text;	/* as written */
	size_t n;
	pont_buf norm, unloc;	/* compared: normalized; and with its language tags out */
	size_t host;
	int paired;
} link;

static size_t
links_of(const pont_mark *mk, size_t nmk, const char *text, pont_mark_kind kind, link *out)
{
	size_t i, n = 0;

	for (i = 0; i < nmk; i++) {
		if (mk[i].kind != kind)
			continue;
		out[n].text = text + mk[i].span.start;
		out[n].n = mk[i].span.end - mk[i].span.start;
		memset(&out[n].norm, 0, sizeof out[n].norm);
		memset(&out[n].unloc, 0, sizeof out[n].unloc);
		norm_link(out[n].text, out[n].n, kind, &out[n].norm, &out[n].host);
		unlocalised(&out[n].norm, &out[n].unloc);
		out[n].paired = 0;
		n++;
	}
	return n;
}

/*
 * URLs and e-mail addresses of the source and the target, compared written alike (scheme,
 * "www." and a final "/" aside). A source link with none alike in the target: written nearly
 * alike (a typo: reported with both), or the same site, in another language or with another
 * page (fr.wikipedia.org for en.wikipedia.org, a French list for the English one: localised,
 * not reported); else reported when the target has fewer links than the source. Links the
 * target adds are not reported.
 */
void
pont__check_links(pont_checker *c, const pair_view *v, pont_findings *out)
{
	link *a = xmalloc((v->nslinks + 1) * sizeof *a), *b = xmalloc((v->ntlinks + 1) * sizeof *b);
	size_t na, nb, i, j, left;
	int kind;

	for (kind = 0; kind < 2; kind++) {
		pont_mark_kind mk = kind ? PONT_MARK_EMAIL : PONT_MARK_URL;
		pont_id id = kind ? PONT_ID_EMAIL_MISMATCH : PONT_ID_URL_MISMATCH;
		const char *what = kind ? "e-mail address" : "URL";

		na = links_of(v->slinks, v->nslinks, v->stext, mk, a);
		nb = links_of(v->tlinks, v->ntlinks, v->ttext, mk, b);
		for (i = 0; i < na; i++)	/* alike */
			for (j = 0; j < nb && !a[i].paired; j++)
				if (!b[j].paired && strcmp(a[i].norm.p, b[j].norm.p) == 0)
					a[i].paired = b[j].paired = 1;
		for (i = 0; i < na; i++)	/* one page in two languages */
			for (j = 0; j < nb && !a[i].paired; j++)
				if (!b[j].paired && strcmp(a[i].unloc.p, b[j].unloc.p) == 0)
					a[i].paired = b[j].paired = 1;
		for (i = 0; i < na; i++) {	/* nearly alike: a typo in the target */
			size_t best = SIZE_MAX, bd = 3;

			for (j = 0; j < nb && !a[i].paired; j++) {
				size_t d;

				if (b[j].paired || a[i].unloc.len < 12)
					continue;
				d = distance(a[i].unloc.p, a[i].unloc.len, b[j].unloc.p, b[j].unloc.len, 2);
				if (d <= 2 && d < bd)
					bd = d, best = j;
			}
			if (best != SIZE_MAX) {
				a[i].paired = b[best].paired = 2;
				CHECK_ADD(c, out, id, 0, v->tn, "%s of the source written otherwise in the target: %.*s, not %.*s",
					  what, (int)a[i].n, a[i].text, (int)b[best].n, b[best].text);
			}
		}
		for (i = 0; i < na; i++)	/* another page of the same site: the edition's own */
			for (j = 0; j < nb && !a[i].paired; j++) {
				const char *sa, *sb;
				size_t la, lb;

				site_of(&a[i].unloc, mk, &sa, &la);
				site_of(&b[j].unloc, mk, &sb, &lb);
				if (!b[j].paired && la && la == lb && memcmp(sa, sb, la) == 0)
					a[i].paired = b[j].paired = 1;
			}
		for (i = 0; i < na; i++)	/* written without its scheme, or not as a link ("example.com") */
			if (!a[i].paired && a[i].norm.len >= 6 && contains_text(v->t, v->tn, a[i].norm.p, a[i].norm.len))
				a[i].paired = 1;
		for (i = 0, left = 0; i < nb; i++)
			left += !b[i].paired;
		for (i = 0; i < na; i++) {	/* left out: reported when the target has fewer, once each */
			for (j = 0; j < i && !a[i].paired; j++)
				if (strcmp(a[j].norm.p, a[i].norm.p) == 0)
					a[i].paired = 1;
			if (a[i].paired)
				continue;
			if (left > 0) {	/* replaced by another link of the target */
				left--;
				continue;
			}
			CHECK_ADD(c, out, id, 0, v->tn, "%s of the source not in the target: %.*s", what, (int)a[i].n, a[i].text);
		}
		for (i = 0; i < nb; i++) {	/* added: the edition's own, said as info, once each */
			for (j = 0; j < i && !b[i].paired; j++)
				if (strcmp(b[j].norm.p, b[i].norm.p) == 0)
					b[i].paired = 1;
			if (!b[i].paired && c->sev[id] && !contains_text(v->s, v->sn, b[i].norm.p, b[i].norm.len))
				pont_findings_add(out, id, PONT_SEV_INFO, b[i].text - v->t, b[i].text - v->t + b[i].n, NULL, 0,
						  "%s not in the source (added?): %.*s", what, (int)b[i].n, b[i].text);
		}
		for (i = 0; i < na; i++) {
			pont_buf_release(&a[i].norm);
			pont_buf_release(&a[i].unloc);
		}
		for (i = 0; i < nb; i++) {
			pont_buf_release(&b[i].norm);
			pont_buf_release(&b[i].unloc);
		}
	}
	free(a);
	free(b);
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
pont__check_markup(pont_checker *c, const pair_view *v, int links, pont_findings *out)
{
	size_t e1, l1, c1, e2, l2, c2;

	/* emphasis is the translator's to place: links and code spans are the article's */
	markup(v->smarks, v->nsmarks, v->stext, &e1, &l1, &c1);
	markup(v->tmarks, v->ntmarks, v->ttext, &e2, &l2, &c2);
	(void)e1;
	(void)e2;
	if (!links)
		l1 = l2 = 0;
	if (l2 < l1 && c2 < c1)
		CHECK_ADD(c, out, PONT_ID_INLINE_MARKUP_MISMATCH, 0, v->tn,
			  "links and code spans went missing: %zu and %zu in the source, %zu and %zu in the target", l1, c1, l2,
			  c2);
	else if (l2 < l1)
		CHECK_ADD(c, out, PONT_ID_INLINE_MARKUP_MISMATCH, 0, v->tn,
			  "a link went missing: %zu in the source, %zu in the target", l1, l2);
	else if (c2 < c1)
		CHECK_ADD(c, out, PONT_ID_INLINE_MARKUP_MISMATCH, 0, v->tn,
			  "a code span went missing: %zu in the source, %zu in the target", c1, c2);
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

/* Is the target's text around [a, e) (a few characters each side) in the source word for word:
 * code, a command line, a symbol the source has as it is? */
static int
same_in_source(const pair_view *v, size_t a, size_t e)
{
	size_t s = a > 8 ? a - 8 : 0, f = e + 8 < v->tn ? e + 8 : v->tn;

	while (s > 0 && ((unsigned char)v->t[s] & 0xC0) == 0x80)
		s--;
	while (f < v->tn && ((unsigned char)v->t[f] & 0xC0) == 0x80)
		f++;
	return pont__contains(v->s, v->sn, v->t + s, f - s);
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
		} else if ((ch == ' ' || ch == 0xA0 || ch == 0x202F) && pont_emoticon_len(t, n, j)) {
			j += pont_emoticon_len(t, n, j);	/* " :)" is no French colon */
		} else if (ch == ' ' || ch == 0xA0 || ch == 0x202F) {
			k = j;
			if (k < n && strchr(";:!?", t[k]) && i > 0 && t[i - 1] != ' ' &&
			    (k + 1 == n || t[k + 1] == ' ' || t[k + 1] == '\n' || t[k + 1] == '"' || t[k + 1] == ')') &&
			    !(k + 2 < n && t[k + 1] == ' ' && t[k + 2] >= 'a' && t[k + 2] <= 'z') &&	/* "press ? to" */
			    !same_in_source(v, i, k + 1)) {
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
			   pont_cp_is_digit((unsigned char)t[i + 1]) && !same_in_source(v, i, j) &&
			   !(i + 4 <= n && pont_cp_is_digit((unsigned char)t[i + 2]) && pont_cp_is_digit((unsigned char)t[i + 3]) &&
			     (i + 4 == n || !pont_cp_is_digit((unsigned char)t[i + 4])))) {
			CHECK_ADD(c, out, PONT_ID_FRENCH_TYPOGRAPHY, i, j, "decimal comma: English writes 3.5");
		}
		i = j;
	}
}

static const uint32_t bpairs[][2] = { { 0x201C, 0x201D }, { 0xAB, 0xBB }, { '(', ')' }, { '[', ']' }, { '{', '}' } };
enum { NP = sizeof bpairs / sizeof bpairs[0] };

/* How the brackets and quotes of t[0, n) stand: per kind, the depth at the end, or the place
 * of a closer before its opener (stray); *straight the number of '"'. */
typedef struct balance {
	long depth[NP];
	int stray[NP];
	size_t first_open[NP], first_end[NP], at[NP], at_end[NP];
	size_t straight;
} balance;

static void
balance_of(const char *t, size_t n, balance *b)
{
	size_t k, i;

	memset(b, 0, sizeof *b);
	for (k = 0; k < NP; k++)
		b->first_open[k] = b->first_end[k] = n;
	for (i = 0; i < n;) {
		size_t j = i, emo = pont_emoticon_len(t, n, i);
		uint32_t ch;

		if (emo) {		/* :-) and friends hold no bracket */
			i += emo;
			continue;
		}
		ch = pont_utf8_next(t, n, &j);
		b->straight += ch == '"';
		for (k = 0; k < NP; k++) {
			if (b->stray[k])
				continue;
			if (ch == bpairs[k][0]) {
				if (b->depth[k] == 0) {
					b->first_open[k] = i;
					b->first_end[k] = j;
				}
				b->depth[k]++;
			} else if (ch == bpairs[k][1] && --b->depth[k] < 0) {
				b->at[k] = i;
				b->at_end[k] = j;
				b->stray[k] = 1;
			}
		}
		i = j;
	}
}

/*
 * Brackets and quotes the target leaves open or closes without opening, where the source does
 * not: a parenthesis or a quotation that spans two sentences is open in both halves of each
 * side, and is no error of the translation. The source's « » stand for the English “ ” and ".
 */
void
pont__check_balance(pont_checker *c, const pair_view *v, pont_findings *out)
{
	static const char *const opener[NP] = { "“", "«", "(", "[", "{" }, *const closer[NP] = { "”", "»", ")", "]", "}" };
	balance s, t;
	size_t k;
	int squotes;

	balance_of(v->s, v->sn, &s);
	balance_of(v->t, v->tn, &t);
	squotes = s.depth[0] || s.stray[0] || s.depth[1] || s.stray[1] || s.straight % 2;
	for (k = 0; k < NP; k++) {
		int src_off = k < 2 ? squotes : s.depth[k] != 0;

		if (t.depth[k] != 0 && !src_off)
			CHECK_ADD(c, out, k < 2 ? PONT_ID_QUOTES_UNBALANCED : PONT_ID_BRACKETS_UNBALANCED,
				  t.depth[k] > 0 ? t.first_open[k] : t.at[k], t.depth[k] > 0 ? t.first_end[k] : t.at_end[k],
				  "'%s' without its '%s'", t.depth[k] > 0 ? opener[k] : closer[k],
				  t.depth[k] > 0 ? closer[k] : opener[k]);
	}
	/* straight double quotes go by pairs */
	if (t.straight % 2 && !squotes)
		CHECK_ADD(c, out, PONT_ID_QUOTES_UNBALANCED, 0, v->tn, "an odd number of '\"'");
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
