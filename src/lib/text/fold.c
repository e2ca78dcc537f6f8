/* fold.c: the text primitives every comparison shares: case folding with one ICU case map a
 * thread (opened once), folding for look-ups, and French elisions (data/elisions-fr.txt). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "internal.h"
#include "elisions.inc"

/* The thread's case map, opened on first use and kept: ucasemap_open costs more than most
 * of the folds it serves. NULL when ICU cannot open one. */
static UCaseMap *
case_map(void)
{
	static _Thread_local UCaseMap *cm;
	static _Thread_local int tried;
	UErrorCode st = U_ZERO_ERROR;

	if (!tried) {
		tried = 1;
		cm = ucasemap_open(NULL, U_FOLD_CASE_DEFAULT, &st);
		if (U_FAILURE(st))
			cm = NULL;
	}
	return cm;
}

void
pont__fold_case(const char *s, size_t n, pont_buf *out)
{
	UCaseMap *cm;
	UErrorCode st = U_ZERO_ERROR;
	size_t i;
	int32_t need;

	for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == n || (cm = case_map()) == NULL) {	/* ASCII: no ICU needed */
		XGROW(out->p, out->alloc, out->len + n + 1);
		for (i = 0; i < n; i++)
			out->p[out->len++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		out->p[out->len] = '\0';
		return;
	}
	XGROW(out->p, out->alloc, out->len + n * 3 + 1);
	need = ucasemap_utf8FoldCase(cm, out->p + out->len, (int32_t)(out->alloc - out->len - 1), s, (int32_t)n, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		XGROW(out->p, out->alloc, out->len + (size_t)need + 1);
		need = ucasemap_utf8FoldCase(cm, out->p + out->len, (int32_t)(out->alloc - out->len - 1), s, (int32_t)n,
					     &st);
	}
	if (U_FAILURE(st)) {
		pont_buf_add(out, s, n);
		return;
	}
	out->len += (size_t)need;
	out->p[out->len] = '\0';
}

void
pont_fold(const char *s, size_t n, pont_buf *out)
{
	pont_buf tmp = PONT_BUF_INIT;
	size_t i = 0;
	int space = 0;

	/* words: runs of non-space; separators: white space and hyphens, folded to one space */
	while (i < n) {
		size_t j = i;
		uint32_t c = pont_utf8_next(s, n, &j);

		if (pont_cp_is_space(c) || c == '-' || c == 0x2010 || c == 0x2011) {
			space = tmp.len > 0;
		} else {
			if (space)
				pont_buf_addc(&tmp, ' ');
			space = 0;
			if (c == '\'' || c == 0x02BC)
				pont_buf_add_utf8(&tmp, 0x2019);
			else
				pont_buf_add(&tmp, s + i, j - i);
		}
		i = j;
	}
	pont__fold_case(tmp.p ? tmp.p : "", tmp.len, out);
	pont_buf_release(&tmp);
}

int
pont__typo_mark(uint32_t c)
{
	switch (c) {
	case '\'': case '`': case 0xB4: case 0x2BC: case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		return PONT__TY_APOSTROPHE;
	case '"': case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2039: case 0x203A:
	case 0x2033:
		return PONT__TY_QUOTE;
	case '-': case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
		return PONT__TY_DASH;
	case 0x2026:
		return PONT__TY_ELLIPSIS;
	}
	return PONT__TY_NONE;
}

void
pont__fold_key(const char *s, size_t n, pont_buf *out)
{
	pont_buf tmp = PONT_BUF_INIT;
	size_t i = 0;
	int ascii = 1;

	/* marks to their class, white space (inside numbers: 10 000) out */
	while (i < n) {
		size_t j = i;
		uint32_t c = pont_utf8_next(s, n, &j);
		static const char *const as[] = { NULL, "'", "\"", "-", "..." };
		const char *k = as[pont__typo_mark(c)];

		if (k)
			pont_buf_adds(&tmp, k);
		else if (!pont_cp_is_space(c) && c != 0xAD && c != 0x200B && c != 0x2060) {
			pont_buf_add(&tmp, s + i, j - i);
			ascii &= c < 0x80;
		}
		i = j;
	}
	if (ascii || tmp.len > INT32_MAX / 4) {
		pont__fold_case(tmp.p ? tmp.p : "", tmp.len, out);
	} else {
		/* NFKC with case folding: composed and decomposed letters, ligatures, full-width forms
		 * and case all fold alike */
		UErrorCode st = U_ZERO_ERROR;
		const UNormalizer2 *nk = unorm2_getNFKCCasefoldInstance(&st);
		UChar stack[256], stack2[512], *a = stack, *b = stack2;
		int32_t na = 0, nb = 0, cap = (int32_t)(sizeof stack / sizeof *stack);

		if (U_SUCCESS(st))
			u_strFromUTF8(a, cap, &na, tmp.p, (int32_t)tmp.len, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			st = U_ZERO_ERROR;
			a = xmalloc(((size_t)na + 1) * sizeof *a);
			u_strFromUTF8(a, na + 1, &na, tmp.p, (int32_t)tmp.len, &st);
		}
		if (U_SUCCESS(st))
			nb = unorm2_normalize(nk, a, na, b, (int32_t)(sizeof stack2 / sizeof *stack2), &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			st = U_ZERO_ERROR;
			b = xmalloc(((size_t)nb + 1) * sizeof *b);
			nb = unorm2_normalize(nk, a, na, b, nb + 1, &st);
		}
		if (U_SUCCESS(st)) {
			int32_t need = 0;

			XGROW(out->p, out->alloc, out->len + (size_t)nb * 3 + 1);
			u_strToUTF8(out->p + out->len, (int32_t)(out->alloc - out->len), &need, b, nb, &st);
			if (U_SUCCESS(st)) {
				out->len += (size_t)need;
				out->p[out->len] = '\0';
			}
		}
		if (U_FAILURE(st))
			pont__fold_case(tmp.p, tmp.len, out);
		if (a != stack)
			free(a);
		if (b != stack2)
			free(b);
	}
	pont_buf_release(&tmp);
}

size_t
pont__elision_len(const char *w, size_t n)
{
	size_t k;

	for (k = 0; elisions_fr[k]; k++) {
		size_t m = strlen(elisions_fr[k]), i = m;

		if (n <= m + 1 || strncasecmp(w, elisions_fr[k], m) != 0)
			continue;
		if (pont_cp_is_apostrophe(pont_utf8_next(w, n, &i)) && i < n)
			return i;
	}
	return 0;
}
