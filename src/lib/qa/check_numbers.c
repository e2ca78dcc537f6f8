/* check_numbers.c: the numbers of a pair compared after conversion: French and English digit
 * groups and decimals, times (18h30, 6:30 pm, 18:00), « 24h/24 et 7j/7 » and 24/7, ordinals
 * (1er, 1st), units glued to digits (5Go), and numbers in words (« cinq », five); digits inside
 * URLs, link targets, HTML tags, footnote marks and list numbers are not numbers of the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

#include "numbers-fr.inc"	/* numbers_fr: "word:value" */
#include "numbers-en.inc"	/* numbers_en */
#include "number-suffixes.inc"	/* number_suffixes */

enum { ALT_MAX = 3, ALT_LEN = 32 };

/* A number of one side: the forms it may be written as on the other side. */
typedef struct num {
	char alt[ALT_MAX][ALT_LEN];
	int nalt;
	int spelled;		/* written in words: reported only next to an unmatched number */
	int weak;		/* a word that is a number only sometimes (« un », "one", "second"): it
				 * matches a number, it is never reported */
	int always;		/* 24/7 and its French forms: one per side */
	int matched;
	size_t start, end;	/* where, in the pair's text */
} num;

typedef struct nums {
	num *v;
	size_t n, a;
} nums;

static num *
add_num(nums *ns, size_t start, size_t end)
{
	num *x;

	XGROW(ns->v, ns->a, ns->n + 1);
	x = &ns->v[ns->n++];
	memset(x, 0, sizeof *x);
	x->start = start;
	x->end = end;
	return x;
}

static void
add_alt(num *x, const char *fmt, int a, int b)
{
	if (x->nalt < ALT_MAX)
		snprintf(x->alt[x->nalt++], ALT_LEN, fmt, a, b);
}

/* A digit string with a point, trailing zeros and leading zeros dropped: "100.0" is "100". */
static void
add_value(num *x, const char *digits)
{
	char v[ALT_LEN];
	size_t n, i = 0;

	snprintf(v, sizeof v, "%s", digits);
	if (strchr(v, '.')) {
		n = strlen(v);
		while (n > 0 && v[n - 1] == '0')
			v[--n] = '\0';
		if (n > 0 && v[n - 1] == '.')
			v[--n] = '\0';
	}
	while (v[i] == '0' && v[i + 1] >= '0' && v[i + 1] <= '9')
		i++;
	if (x->nalt < ALT_MAX)
		snprintf(x->alt[x->nalt++], ALT_LEN, "%s", v + i);
}

#define is_letter_at pont__letter_at
#define letter_before(s, i) (pont__letter_before(s, i) || ((i) > 0 && (s)[(i) - 1] == '_'))

/* The letters at s[i..): their end. */
static size_t
letters_end(const char *s, size_t n, size_t i)
{
	while (i < n) {
		size_t k = i;

		if (!pont_cp_is_letter(pont_utf8_next(s, n, &k)))
			break;
		i = k;
	}
	return i;
}

static int
in_list(const char *const *list, const char *w, size_t n)
{
	size_t k;

	for (k = 0; list[k]; k++)
		if (strlen(list[k]) == n && memcmp(list[k], w, n) == 0)
			return 1;
	return 0;
}

/* "am", "pm", "a.m.", "p.m." (any case) at s[i..), after at most one space: 1 am, 2 pm, 0 none;
 * *end gets its end. */
static int
meridiem(const char *s, size_t n, size_t i, size_t *end)
{
	char c;

	if (i < n && s[i] == ' ')
		i++;
	if (i + 1 >= n || ((c = (char)(s[i] | 0x20)) != 'a' && c != 'p'))
		return 0;
	if ((s[i + 1] | 0x20) == 'm' && !is_letter_at(s, n, i + 2)) {
		*end = i + 2;
		return c == 'a' ? 1 : 2;
	}
	if (i + 3 < n && s[i + 1] == '.' && (s[i + 2] | 0x20) == 'm' && s[i + 3] == '.') {
		*end = i + 4;
		return c == 'a' ? 1 : 2;
	}
	return 0;
}

/* Is [a, b) inside one of the marks that hold no numbers of the text (URLs, link targets,
 * HTML tags, e-mail addresses)? Offsets are the side's. */
static int
masked(const pont_mark *mk, size_t nmk, size_t a)
{
	size_t k;

	for (k = 0; k < nmk; k++)
		if ((mk[k].kind == PONT_MARK_URL || mk[k].kind == PONT_MARK_EMAIL || mk[k].kind == PONT_MARK_LINK ||
		     mk[k].kind == PONT_MARK_HTML) && a >= mk[k].span.start && a < mk[k].span.end)
			return 1;
	return 0;
}

/* The digits of one number at s[i..) with group separators and a decimal mark, into digits;
 * returns its end. */
static size_t
read_digits(const char *s, size_t n, size_t i, int french, char *digits, size_t max)
{
	size_t k = 0;

	while (i < n) {
		size_t q = i;
		uint32_t d = pont_utf8_next(s, n, &q);

		if (d >= '0' && d <= '9') {
			if (k + 1 < max)
				digits[k++] = (char)d;
			i = q;
			continue;
		}
		/* a group separator: exactly three digits follow */
		if ((french ? (d == ' ' || d == 0xA0 || d == 0x202F || d == '.') : d == ',') && q + 3 <= n &&
		    s[q] >= '0' && s[q] <= '9' && s[q + 1] >= '0' && s[q + 1] <= '9' && s[q + 2] >= '0' &&
		    s[q + 2] <= '9' && (q + 3 == n || !(s[q + 3] >= '0' && s[q + 3] <= '9'))) {
			i = q;
			continue;
		}
		/* the decimal mark; in French text a point before one or two digits too (Debian 7.1) */
		if ((french ? d == ',' || d == '.' : d == '.') && q < n && s[q] >= '0' && s[q] <= '9') {
			if (k + 1 < max)
				digits[k++] = '.';
			i = q;
			continue;
		}
		break;
	}
	digits[k] = '\0';
	return i;
}

/* "v2", "V3.1": a version number after its letter (not inside a word). */
static int
version_letter(const char *s, size_t i)
{
	return i > 0 && (s[i - 1] == 'v' || s[i - 1] == 'V') && !letter_before(s, i - 1);
}

/* A footnote mark: [6], or its halves where a sentence break cut it ("17]" opening a text,
 * "[6" closing one). */
static int
footnote(const char *s, size_t n, size_t a, size_t e)
{
	int open = a > 0 && s[a - 1] == '[', close = e < n && s[e] == ']';
	size_t k;

	if (open && close)
		return 1;
	if (close) {
		for (k = 0; k < a && (s[k] == ' ' || s[k] == '\t'); k++)
			;
		return k == a;
	}
	if (open) {
		for (k = e; k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '.'); k++)
			;
		return k == n;
	}
	return 0;
}

/* Is the number at [a, e) the number of a list item at the start of the text ("1. ", "2) ")? */
static int
list_number(const char *s, size_t n, size_t a, size_t e)
{
	size_t i;

	for (i = 0; i < a; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return e + 1 < n && (s[e] == '.' || s[e] == ')') &&
	       (s[e + 1] == ' ' || s[e + 1] == '&' || (unsigned char)s[e + 1] == 0xC2);
}

/* A number in words at [a, e), from the language's list. */
static void
spelled(const char *s, size_t a, size_t e, int french, nums *out)
{
	const char *const *list = french ? numbers_fr : numbers_en;
	char w[32];
	size_t n = e - a, k, i;

	if (n >= sizeof w || n < 2)
		return;
	for (i = 0; i < n; i++)
		w[i] = (char)(i == 0 && s[a] >= 'A' && s[a] <= 'Z' ? s[a] | 0x20 : s[a + i]);
	w[n] = '\0';
	for (k = 0; list[k]; k++) {
		const char *colon = strchr(list[k], ':');

		if ((size_t)(colon - list[k]) == n && memcmp(list[k], w, n) == 0) {
			num *x = add_num(out, a, e);

			x->weak = colon[1] == '~';
			if (colon[1] == 'M')	/* a month: only a month matches it */
				snprintf(x->alt[x->nalt++], ALT_LEN, "%s", colon + 1);
			else
				add_value(x, colon + 1 + x->weak);
			x->spelled = 1;
			return;
		}
	}
}

/* 24/7 and its French forms at s[i..), after the number h just read: « 24h/24 », « 7j/7 »,
 * « 24h/7j », « 24/7 », « 365j/365 »; returns their end, 0 when not one. */
static size_t
always_at(const char *s, size_t n, size_t i, long h)
{
	size_t k = i;

	if (h != 24 && h != 7 && h != 365)
		return 0;
	if (k < n && (s[k] == 'h' || s[k] == 'j' || s[k] == 'd'))
		k++;
	if (k >= n || s[k] != '/')
		return 0;
	k++;
	if (k + 1 <= n && s[k] >= '0' && s[k] <= '9') {
		long v = strtol(s + k, NULL, 10);

		while (k < n && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k < n && (s[k] == 'j' || s[k] == 'd'))
			k++;
		if (v == 24 || v == 7 || v == 365)
			return k;
	}
	return 0;
}

/* Digits at s[i..) of a version (1.2.4, three parts or more, compared as written) or a date
 * (2016-07-02, 31-01-2024, 31/01/2024: its day, month and year), added to out; returns their
 * end, 0 when not one. */
static size_t
version_or_date(const char *s, size_t n, size_t i, nums *out)
{
	size_t e = i, parts[4], np = 0, a;
	char sep = 0;

	while (np < 4) {
		a = e;
		while (e < n && s[e] >= '0' && s[e] <= '9')
			e++;
		if (e == a)
			break;
		parts[np++] = e - a;
		if (e + 1 < n && (s[e] == '.' || s[e] == '-' || s[e] == '/') && (sep == 0 || s[e] == sep) && s[e + 1] >= '0' &&
		    s[e + 1] <= '9')
			sep = s[e++];
		else
			break;
	}
	if (np == 2 && sep == '-' && parts[0] == 4 && parts[1] == 2) {	/* 2016-03: a year and a month */
		char d[8];
		num *x = add_num(out, i, i + 4);

		snprintf(d, sizeof d, "%.4s", s + i);
		add_value(x, d);
		x = add_num(out, i + 5, e);
		snprintf(x->alt[x->nalt++], ALT_LEN, "M%ld", strtol(s + i + 5, NULL, 10));
		snprintf(d, sizeof d, "%.2s", s + i + 5);
		add_value(x, d);
		return e;
	}
	if (np < 3)
		return 0;
	if (np == 3 && sep != '.' && ((parts[0] == 4 && parts[1] <= 2 && parts[2] <= 2) ||
				      (parts[0] <= 2 && parts[1] <= 2 && parts[2] == 4))) {
		size_t k = i, j;

		for (j = 0; j < 3; j++) {	/* a date: three numbers, the month also a month */
			char d[8];
			num *x;

			snprintf(d, sizeof d, "%.*s", (int)parts[j], s + k);
			x = add_num(out, k, k + parts[j]);
			if (j == 1)	/* a month first, then a number */
				snprintf(x->alt[x->nalt++], ALT_LEN, "M%ld", strtol(d, NULL, 10));
			add_value(x, d);
			k += parts[j] + 1;
		}
		return e;
	}
	if (sep == '.' && e - i < ALT_LEN) {
		num *x = add_num(out, i, e);

		snprintf(x->alt[0], ALT_LEN, "%.*s", (int)(e - i), s + i);
		x->nalt = 1;
		return e;
	}
	return 0;
}

/*
 * The numbers of text s[0, n) (at offset base of its side, whose marks are mk): digits with
 * their conversions, times, 24/7, numbers in words (when words). french: the text is French
 * (18h30, « cinq »); notation: its digits are written the French way (space or point groups,
 * decimal comma), which English text may do by mistake.
 */
static void
scan(const char *s, size_t n, size_t base, const pont_mark *mk, size_t nmk, int french, int notation, int words,
     nums *out)
{
	size_t i = 0;

	while (i < n) {
		size_t k = i, e, le;
		uint32_t c = pont_utf8_next(s, n, &k);
		char digits[ALT_LEN];
		long v;
		int mer;
		num *x;

		if (pont_cp_is_letter(c)) {	/* a word: a number in words? */
			e = letters_end(s, n, i);
			if (words && !masked(mk, nmk, base + i))
				spelled(s, i, e, french, out);
			if (e == i + 1 && (s[i] == 'v' || s[i] == 'V') && !letter_before(s, i)) {
				i = e;	/* "v2": a version number follows */
				continue;
			}
			while (e < n && s[e] >= '0' && s[e] <= '9')
				e++;	/* "B2C", "libsdl1": digits glued to a word are part of it */
			i = e;
			continue;
		}
		if (!(c >= '0' && c <= '9')) {
			i = k;
			continue;
		}
		if ((e = version_or_date(s, n, i, out)) > 0) {
			i = e;
			continue;
		}
		e = read_digits(s, n, i, notation, digits, sizeof digits);
		if (masked(mk, nmk, base + i) || (letter_before(s, i) && !version_letter(s, i)) || footnote(s, n, i, e) ||
		    (i > 0 && s[i - 1] == '(' && e < n && s[e] == ')' && e - i <= 2) || list_number(s, n, i, e) ||
		    (i > 1 && (s[i - 1] == '.' || s[i - 1] == '-' || s[i - 1] == '_') &&
		     ((s[i - 1] == '.' && s[i - 2] >= '0' && s[i - 2] <= '9') || letter_before(s, i - 1)))) {
			/* a URL, a name (B2C, baz-1), a footnote mark [6], an enumeration (1) or a manual
			 * section pbuilder(1), a list number, the parts of something else */
			i = e > i ? e : k;
			continue;
		}
		v = strtol(digits, NULL, 10);
		if ((le = always_at(s, n, e, v)) > 0) {
			x = add_num(out, i, le);
			add_alt(x, "24/7", 0, 0);
			x->always = 1;
			i = le;
			continue;
		}
		/* times: 18h, 18h30, 18:30, 6 pm, 6:30 p.m. */
		if (e < n && !strchr(digits, '.') && v < 24 &&
		    ((french && s[e] == 'h' && !is_letter_at(s, n, e + 1)) || (s[e] == ':' && e + 2 < n && s[e + 1] >= '0' &&
		      s[e + 1] <= '5' && s[e + 2] >= '0' && s[e + 2] <= '9' && !(e + 3 < n && s[e + 3] >= '0' && s[e + 3] <= '9')))) {
			long m = 0;
			size_t end = e + 1;

			if (end + 1 < n && s[end] >= '0' && s[end] <= '5' && s[end + 1] >= '0' && s[end + 1] <= '9') {
				m = (s[end] - '0') * 10 + (s[end + 1] - '0');
				end += 2;
			}
			x = add_num(out, i, end);
			if (!french && (mer = meridiem(s, n, end, &end)) > 0) {
				add_alt(x, "T%d:%02d", (int)(v % 12) + (mer == 2 ? 12 : 0), (int)m);
				x->end = end;
			} else {
				add_alt(x, "T%d:%02d", (int)v, (int)m);
				if (!french && v < 12)
					add_alt(x, "T%d:%02d", (int)v + 12, (int)m);
				if (m == 0 && french)
					add_value(x, digits);	/* « 2h » may be a duration: two hours */
			}
			i = x->end;
			continue;
		}
		if (!french && !strchr(digits, '.') && v >= 1 && v <= 12 && (mer = meridiem(s, n, e, &le)) > 0) {
			x = add_num(out, i, le);
			add_alt(x, "T%d:%02d", (int)(v % 12) + (mer == 2 ? 12 : 0), 0);
			i = le;
			continue;
		}
		le = e;
		if (is_letter_at(s, n, e)) {	/* glued letters: an ordinal or a unit, else a name (3D, 4G) */
			le = letters_end(s, n, e);
			if (!in_list(number_suffixes, s + e, le - e) || (le < n && s[le] >= '0' && s[le] <= '9')) {
				i = le;
				continue;
			}
		}
		x = add_num(out, i, le);
		add_value(x, digits);
		if (le == e + 1 && (s[e] == 'k' || s[e] == 'K') && !strchr(digits, '.'))
			add_alt(x, "%d000", (int)strtol(digits, NULL, 10), 0);	/* 10K: 10 000 */
		i = le;
	}
}

/* Pairs numbers of a and b sharing a form; the 24/7 ones count once per side. */
static void
match(nums *a, nums *b)
{
	size_t i, j;
	int pass, p, q;

	/* digits with digits by their first forms (5 pm is 17:00 before it is 5), then by any form;
	 * then digits with words (2 = two), then words with words */
	for (pass = 0; pass < 4; pass++)
		for (i = 0; i < a->n; i++) {
			if (pass < 2 && a->v[i].spelled)
				continue;
			for (j = 0; j < b->n && !a->v[i].matched; j++) {
				if (b->v[j].matched || (pass < 2 && b->v[j].spelled) ||
				    (pass == 2 && a->v[i].spelled == b->v[j].spelled))
					continue;
				for (p = 0; p < a->v[i].nalt && !a->v[i].matched; p++)
					for (q = 0; q < b->v[j].nalt; q++)
						if ((pass || (p == 0 && q == 0)) && strcmp(a->v[i].alt[p], b->v[j].alt[q]) == 0) {
							a->v[i].matched = b->v[j].matched = 1;
							break;
						}
			}
		}
	for (i = 0; i < a->n; i++)
		for (j = 0; j < a->n; j++)
			if (a->v[i].always && a->v[j].always && a->v[j].matched)
				a->v[i].matched = 1;
	for (i = 0; i < b->n; i++)
		for (j = 0; j < b->n; j++)
			if (b->v[i].always && b->v[j].always && b->v[j].matched)
				b->v[i].matched = 1;
}

/* Is the number at s[a, e) in text t[0, n) too, as written (digits not part of a longer number)? */
static int
written_in(const char *s, size_t a, size_t e, const char *t, size_t n)
{
	size_t i, l = e - a;

	for (i = 0; l && i + l <= n; i++)
		if (memcmp(t + i, s + a, l) == 0 && !(i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9') &&
		    !(i + l < n && t[i + l] >= '0' && t[i + l] <= '9'))
			return 1;
	return 0;
}

/* Digits of a left unmatched that the other side has in the pairs next door are misaligned,
 * not changed: matched. */
static void
match_near(nums *a, const char *s, const char *near, size_t nearn)
{
	size_t i;

	for (i = 0; near && i < a->n; i++)
		if (!a->v[i].matched && !a->v[i].spelled && written_in(s, a->v[i].start, a->v[i].end, near, nearn))
			a->v[i].matched = 1;
}

/* The unmatched numbers of a, as written in s; numbers in words only when other has an
 * unmatched one. Returns how many. */
static size_t
unmatched(const nums *a, const char *s, const nums *other, pont_buf *out)
{
	size_t i, n = 0, odd = 0;

	for (i = 0; i < other->n; i++)
		odd += !other->v[i].matched && !other->v[i].weak;
	for (i = 0; i < a->n; i++) {
		const num *x = &a->v[i];

		if (x->matched || x->weak || (x->spelled && odd == 0))
			continue;
		pont_buf_addf(out, "%s%.*s", n ? ", " : "", (int)(x->end - x->start), s + x->start);
		n++;
	}
	return n;
}

void
pont__check_numbers(pont_checker *c, const pair_view *v, pont_findings *out)
{
	nums a = { NULL, 0, 0 }, b = { NULL, 0, 0 }, b2 = { NULL, 0, 0 };
	pont_buf miss = PONT_BUF_INIT, extra = PONT_BUF_INIT;
	size_t i, left = 0, left2 = 0;
	size_t nsm, ntm;
	pont_mark *sm = pont__view_marks(v, 0, &nsm), *tm = pont__view_marks(v, 1, &ntm);

	scan(v->s, v->sn, v->sbase, sm, nsm, 1, 1, 1, &a);
	scan(v->t, v->tn, v->tbase, tm, ntm, 0, 0, 1, &b);
	match(&a, &b);
	for (i = 0; i < a.n; i++)
		left += !a.v[i].matched && !a.v[i].weak;
	for (i = 0; i < b.n; i++)
		left += !b.v[i].matched && !b.v[i].weak;
	if (left) {
		/* numbers left in French notation are French typography (reported as such), not
		 * different numbers: read the target the French way too and keep the better reading */
		for (i = 0; i < a.n; i++)
			a.v[i].matched = 0;
		scan(v->t, v->tn, v->tbase, tm, ntm, 0, 1, 0, &b2);
		for (i = 0; i < b.n; i++)	/* the words are English whatever the digits */
			if (b.v[i].spelled)
				*add_num(&b2, b.v[i].start, b.v[i].end) = b.v[i];
		for (i = 0; i < b2.n; i++)
			b2.v[i].matched = 0;
		match(&a, &b2);
		for (i = 0; i < a.n; i++)
			left2 += !a.v[i].matched && !a.v[i].weak;
		for (i = 0; i < b2.n; i++)
			left2 += !b2.v[i].matched && !b2.v[i].weak;
		if (left2 < left) {
			free(b.v);
			b = b2;
			b2.v = NULL;
		} else {
			for (i = 0; i < a.n; i++)
				a.v[i].matched = 0;
			for (i = 0; i < b.n; i++)
				b.v[i].matched = 0;
			match(&a, &b);
		}
	}
	if (v->confidence < 0.55) {	/* a pairing the aligner doubted: its neighbours may hold them */
		match_near(&a, v->s, v->tnear, v->tnearn);
		match_near(&b, v->t, v->snear, v->snearn);
	}
	if (unmatched(&a, v->s, &b, &miss) + unmatched(&b, v->t, &a, &extra))
		CHECK_ADD(c, out, PONT_ID_NUMBER_MISMATCH, 0, v->tn, "numbers differ: %s%s%s%s%s",
			  miss.len ? "not in the target: " : "", miss.len ? miss.p : "", miss.len && extra.len ? "; " : "",
			  extra.len ? "not in the source: " : "", extra.len ? extra.p : "");
	free(a.v);
	free(b.v);
	free(b2.v);
	free(sm);
	free(tm);
	pont_buf_release(&miss);
	pont_buf_release(&extra);
}
