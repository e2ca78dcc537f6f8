/* tmkey.c: the memory's tokens as a reader sees them: words, numbers, marks and inline codes,
 * folded so that typography, case and Unicode forms never count; the keys that decide which
 * units are the same; what a 100 % match differs in. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tmkey.h"

#define split pont__tm_split
#define fold_token pont__tm_fold_token
#define key_step pont__tm_key_step
#define weight_of pont__tm_weight
typedef pont__qtok qtok;

const double pont__tm_weight[] = { 1.0, 0.5, 0.25, 0.25 };

/* --- tokens --- */

static int
is_tag_cp(uint32_t c)
{
	return c >= 0xE000 && c <= 0xF8FF;	/* placeholders of inline codes (private use) */
}

/* Apostrophes as writers type them: ' ’ ʼ, and ‘ ` ´ ′ in their place. */
static int
is_apostrophe(uint32_t c)
{
	return pont__typo_mark(c) == PONT__TY_APOSTROPHE;
}


/* Splits text into words (letters, with inner apostrophes and hyphens), numbers (digits with
 * inner , . : separators), tags (placeholders) and single punctuation marks. */
size_t
pont__tm_split(const char *s, size_t n, qtok **v, size_t *alloc)
{
	size_t i = 0, k = 0;

	while (i < n) {
		size_t j = i, a = i;
		uint32_t c = pont_utf8_next(s, n, &j);
		int kind;

		if (pont_cp_is_space(c)) {
			i = j;
			continue;
		}
		if (is_tag_cp(c)) {
			kind = K_TAG;
		} else if (pont_cp_is_digit(c)) {
			kind = K_NUMBER;
			while (j < n) {
				size_t q = j, r;
				uint32_t d = pont_utf8_next(s, n, &q);

				if (pont_cp_is_digit(d)) {
					j = q;
					continue;
				}
				r = q;
				if ((d == ',' || d == '.' || d == ':' || d == 0xA0 || d == 0x202F) && q < n &&
				    pont_cp_is_digit(pont_utf8_next(s, n, &r))) {
					j = q;
					continue;
				}
				break;
			}
		} else if (pont_cp_is_letter(c)) {
			kind = K_WORD;
			while (j < n) {
				size_t q = j, r;
				uint32_t d = pont_utf8_next(s, n, &q);

				if (pont_cp_is_alnum(d) || (d >= 0x300 && d <= 0x36F)) {
					j = q;
					continue;
				}
				r = q;
				if ((is_apostrophe(d) || pont_cp_is_hyphen(d)) && q < n &&
				    pont_cp_is_letter(pont_utf8_next(s, n, &r))) {
					j = q;
					continue;
				}
				break;
			}
		} else {
			/* one mark, or a run of dots or of dashes ("...", "--") */
			kind = K_PUNCT;
			if (c == '.' || c == '-' || c == 0x2013 || c == 0x2014)
				while (j < n) {
					size_t q = j;

					if (pont_utf8_next(s, n, &q) != c)
						break;
					j = q;
				}
		}
		XGROW(*v, *alloc, k + 1);
		(*v)[k].a = a;
		(*v)[k].b = j;
		(*v)[k].kind = kind;
		k++;
		i = j;
	}
	return k;
}

/* Folds a token for comparison: what a reader sees, typography and case left out
 * (pont__fold_key); a run of dots is an ellipsis, a run of dashes a dash. */
void
pont__tm_fold_token(const char *s, size_t n, int kind, pont_buf *out)
{
	size_t j = 0;
	uint32_t c = kind == K_PUNCT ? pont_utf8_next(s, n, &j) : 0;

	pont_buf_reset(out);
	if (kind == K_PUNCT && j < n && c == '.')
		pont_buf_adds(out, "...");	/* a run of dots: an ellipsis */
	else if (kind == K_PUNCT && j < n)
		pont_buf_addc(out, '-');	/* a run of dashes: a dash */
	else
		pont__fold_key(s, n, out);
}

uint64_t
pont__tm_key_step(uint64_t h, const char *f, size_t n)
{
	return (h ^ pont_hash(f, n)) * 0x100000001B3ull + 0x9E3779B97F4A7C15ull;
}

/* The hash of text up to typography: its folded tokens in order. */
static uint64_t
text_key(const char *s, size_t n)
{
	qtok *v = NULL;
	size_t alloc = 0, k, nk = split(s, n, &v, &alloc);
	pont_buf f = PONT_BUF_INIT;
	uint64_t h = 0xCBF29CE484222325ull;

	for (k = 0; k < nk; k++) {
		fold_token(s + v[k].a, v[k].b - v[k].a, v[k].kind, &f);
		h = key_step(h, f.p ? f.p : "", f.len);
	}
	free(v);
	pont_buf_release(&f);
	return h;
}

/* --- for a memory kept elsewhere (tmdb.c) --- */

size_t
pont__tm_tokens(const char *s, size_t n, pont_buf *toks, double **w, size_t *aw, double *total, uint64_t *key)
{
	qtok *v = NULL;
	size_t alloc = 0, k, j, nb = 0, nd = 0, nk = split(s, n, &v, &alloc);
	pont_buf f = PONT_BUF_INIT;
	uint64_t *h = xmalloc((nk + 1) * sizeof *h);
	size_t *at = xmalloc((nk + 1) * sizeof *at), *cnt = xmalloc((nk + 1) * sizeof *cnt);

	pont_buf_reset(toks);
	*total = 0;
	*key = 0xCBF29CE484222325ull;
	XGROW(*w, *aw, nk + 1);
	for (k = 0; k < nk; k++) {
		uint64_t hk;

		fold_token(s + v[k].a, v[k].b - v[k].a, v[k].kind, &f);
		*key = key_step(*key, f.p ? f.p : "", f.len);
		*total += weight_of[v[k].kind];
		hk = pont_hash(f.p ? f.p : "", f.len);
		for (j = 0; j < nb; j++)
			if (h[j] == hk && strcmp(toks->p + at[j], f.p ? f.p : "") == 0)
				break;
		if (j == nb) {
			h[nb] = hk;
			at[nb] = toks->len;
			cnt[nb++] = 1;
			pont_buf_add(toks, f.p ? f.p : "", f.len);
		} else {
			/* a further occurrence: the token, the separator and its rank ("de" 2) */
			pont_buf_add(toks, f.p ? f.p : "", f.len);
			pont_buf_addf(toks, "%c%zu", PONT__TM_OCC, ++cnt[j]);
		}
		pont_buf_addc(toks, '\0');
		(*w)[nd++] = weight_of[v[k].kind];
	}
	free(v);
	free(h);
	free(at);
	free(cnt);
	pont_buf_release(&f);
	return nd;
}

int
pont__tm_bucket(double w)
{
	/* weights step by 15 %; the lightest unit (one mark) and the heaviest share the ends */
	int b = w > 0.25 ? (int)floor(log(w) / log(1.15)) : -10;

	return b < -10 ? -10 : b > 80 ? 80 : b;
}

uint64_t
pont__tm_text_key(const char *s, size_t n)
{
	return text_key(s, n);
}

/* --- what a 100 % match differs in --- */

enum { TY_APOS, TY_QUOTE, TY_DASH, TY_ELLIPSIS, TY_SPACE, TY_CASE, TY_FORM, TY_N };

static int
typo_of(uint32_t c)
{
	switch (pont__typo_mark(c)) {
	case PONT__TY_APOSTROPHE:
		return TY_APOS;
	case PONT__TY_QUOTE:
		return TY_QUOTE;
	case PONT__TY_DASH:
		return TY_DASH;
	case PONT__TY_ELLIPSIS:
		return TY_ELLIPSIS;
	}
	if (c == '.')
		return TY_ELLIPSIS;
	if (pont_cp_is_space(c) || c == 0xAD || c == 0x200B || c == 0x2060)
		return TY_SPACE;
	return -1;
}

/* The characters of text in class k, in order (spaces: each run as one, with its kinds). */
static void
typo_sig(const char *s, size_t n, int k, pont_buf *out)
{
	size_t i = 0;

	pont_buf_reset(out);
	while (i < n) {
		size_t j = i;
		uint32_t c = pont_utf8_next(s, n, &j);

		if (typo_of(c) == k)
			pont_buf_add(out, s + i, j - i);
		else if (k == TY_SPACE)
			pont_buf_addc(out, '|');
		i = j;
	}
}

/* text without its typographic characters */
static void
untypographic(const char *s, size_t n, pont_buf *out)
{
	size_t i = 0;

	pont_buf_reset(out);
	while (i < n) {
		size_t q = i;
		uint32_t c = pont_utf8_next(s, n, &q);

		if (typo_of(c) < 0)
			pont_buf_add(out, s + i, q - i);
		i = q;
	}
}

void
pont_tm_typography(const char *a, const char *b, pont_buf *out)
{
	static const char *const names[TY_N] = { "apostrophes", "quotation marks", "dashes", "ellipsis", "spaces", "case",
						 "character forms" };
	pont_buf x = PONT_BUF_INIT, y = PONT_BUF_INIT;
	size_t na = strlen(a), nb = strlen(b), start = out->len;
	int k;

	for (k = 0; k < TY_CASE; k++) {
		typo_sig(a, na, k, &x);
		typo_sig(b, nb, k, &y);
		if (x.len != y.len || (x.len && memcmp(x.p, y.p, x.len) != 0))
			pont_buf_addf(out, "%s%s", out->len > start ? ", " : "", names[k]);
	}
	/* the rest: letters differing in case only, or in their Unicode form */
	{
		int cased = 0, form = 0;

		untypographic(a, na, &x);
		untypographic(b, nb, &y);
		if (x.len != y.len || (x.len && memcmp(x.p, y.p, x.len) != 0)) {
			pont_buf fx = PONT_BUF_INIT, fy = PONT_BUF_INIT;

			pont__fold_case(x.p ? x.p : "", x.len, &fx);
			pont__fold_case(y.p ? y.p : "", y.len, &fy);
			if (fx.len == fy.len && (fx.len == 0 || memcmp(fx.p, fy.p, fx.len) == 0))
				cased = 1;
			else
				form = 1;
			pont_buf_release(&fx);
			pont_buf_release(&fy);
		}
		if (cased)
			pont_buf_addf(out, "%s%s", out->len > start ? ", " : "", names[TY_CASE]);
		if (form)
			pont_buf_addf(out, "%s%s", out->len > start ? ", " : "", names[TY_FORM]);
	}
	pont_buf_release(&x);
	pont_buf_release(&y);
}

