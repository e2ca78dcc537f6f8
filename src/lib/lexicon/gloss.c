/* gloss.c: looking terms up in a glossary: folding and French elision. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "internal.h"

void
pont_fold(const char *s, size_t n, pont_buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	UCaseMap *cm = ucasemap_open(NULL, U_FOLD_CASE_DEFAULT, &st);
	pont_buf tmp = PONT_BUF_INIT;
	size_t i = 0;
	int32_t need;
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
	if (U_FAILURE(st) || tmp.len == 0) {
		pont_buf_add(out, tmp.p ? tmp.p : "", tmp.len);
	} else {
		XGROW(out->p, out->alloc, out->len + tmp.len * 3 + 1);
		need = ucasemap_utf8FoldCase(cm, out->p + out->len, (int32_t)(out->alloc - out->len - 1), tmp.p,
					     (int32_t)tmp.len, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR) {
			st = U_ZERO_ERROR;
			XGROW(out->p, out->alloc, out->len + (size_t)need + 1);
			need = ucasemap_utf8FoldCase(cm, out->p + out->len, (int32_t)(out->alloc - out->len - 1),
						     tmp.p, (int32_t)tmp.len, &st);
		}
		if (U_SUCCESS(st)) {
			out->len += (size_t)need;
			out->p[out->len] = '\0';
		} else {
			pont_buf_add(out, tmp.p, tmp.len);
		}
	}
	ucasemap_close(cm);
	pont_buf_release(&tmp);
}

/* Length of a French elision at the start of folded text ("l’", "jusqu’"), 0 if none. */
static size_t
elision(const char *s, size_t n)
{
	static const char *const el[] = { "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
		"puisqu", "quoiqu" };
	size_t k;

	for (k = 0; k < sizeof el / sizeof el[0]; k++) {
		size_t m = strlen(el[k]);

		if (n > m + 3 && memcmp(s, el[k], m) == 0 && memcmp(s + m, "\xE2\x80\x99", 3) == 0)
			return m + 3;
	}
	return 0;
}

size_t
pont_glossary_lookup(const pont_glossary *g, const char *s, size_t n, const char *lang, pont_spans *out)
{
	pont_buf q = PONT_BUF_INIT, t = PONT_BUF_INIT;
	size_t i, found = 0, e;

	pont_fold(s, n, &q);
	e = q.p ? elision(q.p, q.len) : 0;
	for (i = 0; i < pont_glossary_nterms(g); i++) {
		const pont_term *term = pont_glossary_term(g, i);

		if (term->text == NULL || (lang && !pont_lang_matches(term->lang, lang)))
			continue;
		pont_buf_reset(&t);
		pont_fold(term->text, strlen(term->text), &t);
		if ((t.len == q.len && memcmp(t.p, q.p, q.len) == 0) ||
		    (e && t.len == q.len - e && memcmp(t.p, q.p + e, t.len) == 0)) {
			pont_spans_push(out, i, i + 1);
			found++;
		}
	}
	pont_buf_release(&q);
	pont_buf_release(&t);
	return found;
}

size_t
pont_glossary_english(const pont_glossary *g, size_t concept, const char *lang, size_t *out, size_t max)
{
	const pont_concept *c = pont_glossary_concept(g, concept);
	size_t i, n = 0, j;
	int exact = 0;

	/* en-GB asks for the concept's en-GB terms when it has some, else its plain en ones; en asks
	 * for the plain en ones, else whatever English the concept has */
	for (i = 0; i < c->nterms; i++) {
		const char *l = pont_glossary_term(g, c->term0 + i)->lang;

		if (l && strcasecmp(l, strcasecmp(lang, "en") == 0 ? "en" : lang) == 0)
			exact = 1;
	}
	for (i = 0; i < c->nterms && n < max; i++) {
		const pont_term *t = pont_glossary_term(g, c->term0 + i);

		if (t->lang == NULL || !pont_lang_matches(t->lang, "en"))
			continue;
		if (exact && strcasecmp(t->lang, strcasecmp(lang, "en") == 0 ? "en" : lang) != 0)
			continue;
		if (!exact && strcasecmp(lang, "en") != 0 && strcasecmp(t->lang, "en") != 0)
			continue;
		out[n++] = c->term0 + i;
	}
	for (i = 1; i < n; i++)		/* stable insertion sort by status */
		for (j = i; j > 0 && pont_term_status_rank(pont_glossary_term(g, out[j])->status) < pont_term_status_rank(pont_glossary_term(g, out[j - 1])->status); j--) {
			size_t t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

