/* candidates.c: words an article uses that the glossary may be missing: acronyms, CamelCase
 * words, anglicisms (the French dictionary rejects them, the English one accepts them). */
#include <stdlib.h>
#include <string.h>

#include "terms.h"

void
pont_candidates_release(pont_candidates *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].text);
	free(c->v);
	memset(c, 0, sizeof *c);
}

static int
inside_known(const pont_matches *known, size_t *k, size_t a, size_t e)
{
	if (known == NULL)
		return 0;
	while (*k < known->n && known->v[*k].span.end <= a)
		(*k)++;
	return *k < known->n && known->v[*k].span.start < e;
}

/* Adds one occurrence of text (keyed by its folded form) to out. */
static void
count_candidate(pont_candidates *out, pont_intern *seen, const char *s, size_t a, size_t e, pont_cand_kind kind,
		const char *key, size_t keylen)
{
	uint32_t id = pont__intern(seen, key, keylen, 1);

	if (id == out->n) {
		XGROW(out->v, out->alloc, out->n + 1);
		out->v[out->n].text = xstrndup(s + a, e - a);
		out->v[out->n].kind = kind;
		out->v[out->n].count = 0;
		out->v[out->n].first.start = a;
		out->v[out->n].first.end = e;
		out->n++;
	}
	out->v[id].count++;
}

static int
cmp_cand(const void *pa, const void *pb)
{
	const pont_candidate *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->first.start < b->first.start ? -1 : a->first.start > b->first.start;
}

static int
is_acronym(const char *s, size_t n)
{
	size_t i = 0, upper = 0;

	while (i < n) {
		uint32_t c = pont_utf8_next(s, n, &i);

		if (pont_cp_is_upper(c))
			upper++;
		else if (!pont_cp_is_digit(c))
			return 0;
	}
	return upper >= 2 && n <= 6;
}

/* One to three capital letters ("R" and "D" of "R&D"). */
static int
caps(const char *s, size_t n)
{
	size_t i = 0, k = 0;

	while (i < n) {
		if (!pont_cp_is_upper(pont_utf8_next(s, n, &i)))
			return 0;
		k++;
	}
	return k >= 1 && k <= 3;
}

static int
is_camel(const char *s, size_t n)
{
	size_t i = 0;
	int lower_seen = 0, upper_after = 0, first = 1;

	while (i < n) {
		uint32_t c = pont_utf8_next(s, n, &i);

		if (first && !pont_cp_is_upper(c))
			return 0;
		if (!first && pont_cp_is_lower(c))
			lower_seen = 1;
		else if (!first && pont_cp_is_upper(c) && lower_seen)
			upper_after = 1;
		else if (!pont_cp_is_letter(c))
			return 0;
		first = 0;
	}
	return upper_after;
}

/* A word of lower-case letters, at least min of them. */
static int
lower_word(const char *s, size_t n, size_t min)
{
	size_t i = 0, letters = 0;

	while (i < n) {
		uint32_t c = pont_utf8_next(s, n, &i);

		if (!pont_cp_is_lower(c))
			return 0;
		letters++;
	}
	return letters >= min;
}

/* Is w (NUL-terminated) English jargon: rejected by fr, accepted by en? */
static int
anglicism(pont_dict *fr, pont_dict *en, const char *w)
{
	return en && fr && !pont_dict_spell(fr, w) && pont_dict_spell(en, w);
}

/* Is the token a lower-case word of English jargon, joined to the one before it? */
static int
english_token(const char *s, const token *t, pont_dict *fr, pont_dict *en, pont_buf *tmp)
{
	if (!t->joined || t->sym || !lower_word(s + t->start, t->end - t->start, 2))
		return 0;
	pont_buf_reset(tmp);
	pont_buf_add(tmp, s + t->start, t->end - t->start);
	return anglicism(fr, en, tmp->p);
}

void
pont_find_candidates(const pont_doc *doc, const pont_matches *known, pont_dict *fr, pont_dict *en,
		     pont_candidates *out)
{
	size_t nb = pont_doc_nblocks(doc), nmk, len, i, k, j, kk = 0;
	const pont_mark *mk = pont_doc_marks(doc, &nmk);
	const char *s = pont_doc_text(doc, &len);
	token *toks = NULL;
	size_t nt, at = 0, n0 = out->n;
	pont_intern seen = { 0 };
	pont_buf w = PONT_BUF_INIT, key = PONT_BUF_INIT;
	unsigned char *eng = NULL;
	size_t aeng = 0;

	for (k = 0; k < n0; k++)	/* what is already in out keeps its place */
		pont__intern(&seen, out->v[k].text, strlen(out->v[k].text), 1);
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);

		if (!pont_block_kind_is_text(b->kind))
			continue;
		pont__block_tokens(s, b, mk, &toks, &nt, &at);
		XGROW(eng, aeng, nt + 1);
		for (j = 0; j < nt; j++) {
			const char *p = s + toks[j].start;
			size_t n = toks[j].end - toks[j].start;

			eng[j] = 0;
			if (toks[j].sym || inside_known(known, &kk, toks[j].start, toks[j].end))
				continue;
			pont_buf_reset(&w);
			pont_buf_add(&w, p, n);
			/* R&D: letters, a symbol, letters */
			if (j + 2 < nt && toks[j + 1].sym && s[toks[j + 1].start] == '&' && toks[j + 1].start == toks[j].end &&
			    toks[j + 2].start == toks[j + 1].end && caps(p, n) && caps(s + toks[j + 2].start, toks[j + 2].end - toks[j + 2].start)) {
				count_candidate(out, &seen, s, toks[j].start, toks[j + 2].end, PONT_CAND_ACRONYM,
						s + toks[j].start, toks[j + 2].end - toks[j].start);
				j += 2;
				continue;
			}
			if (is_acronym(p, n) && !(j + 1 < nt && s[toks[j].end] == '_')) {
				count_candidate(out, &seen, s, toks[j].start, toks[j].end, PONT_CAND_ACRONYM, p, n);
			} else if (is_camel(p, n) && !(toks[j].end < len && s[toks[j].end] == '_')) {
				count_candidate(out, &seen, s, toks[j].start, toks[j].end, PONT_CAND_CAMELCASE, p, n);
			} else {
				int second = j > 0 && eng[j - 1] == 1 && toks[j].joined;

				if (!lower_word(p, n, second ? 2 : 3) || !anglicism(fr, en, w.p))
					continue;
				if (second) {
					/* the second of two English words: one candidate, "soft skills", "start-up" */
					eng[j] = 2;
					count_candidate(out, &seen, s, toks[j - 1].start, toks[j].end, PONT_CAND_ANGLICISM,
							s + toks[j - 1].start, toks[j].end - toks[j - 1].start);
				} else {
					eng[j] = 1;
					if (!(j + 1 < nt && english_token(s, &toks[j + 1], fr, en, &key)))
						count_candidate(out, &seen, s, toks[j].start, toks[j].end, PONT_CAND_ANGLICISM, p, n);
				}
			}
		}
	}
	if (out->n > n0)
		qsort(out->v + n0, out->n - n0, sizeof *out->v, cmp_cand);
	free(eng);
	free(toks);
	pont__intern_release(&seen);
	pont_buf_release(&w);
	pont_buf_release(&key);
}

const char *
pont_cand_kind_name(pont_cand_kind k)
{
	static const char *const names[] = { "acronym", "camelcase", "anglicism" };

	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}
