/* check.c: translation QA over a bitext: the checker, the analysis each bitext gets once
 * (terms of both sides, links, the English's spelling), then every pair: paragraphs left out
 * or added, speakers, untranslated text, and the checks of check_terms.c and check_text.c;
 * consistency across every pair seen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

struct seen {
	uint64_t src, tgt;
	char *where;		/* a description of the first place */
};

pont_checker *
pont_checker_new(const pont_glossary *const *gs, size_t ng, pont_dict *fr, pont_dict *en, const char *trg_lang,
		 pont_error *err)
{
	pont_checker *c = xcalloc(1, sizeof *c);
	int k;

	c->gs = xcalloc(ng + 1, sizeof *c->gs);
	if (ng)
		memcpy(c->gs, gs, ng * sizeof *gs);
	c->ng = ng;
	c->fr = fr;
	c->en = en;
	snprintf(c->trg, sizeof c->trg, "%s", trg_lang ? trg_lang : "en");
	for (k = 0; k < PONT_ID_N; k++)
		c->sev[k] = pont_id_info_of((pont_id)k)->family == PONT_FAMILY_CHECK ? pont_id_info_of((pont_id)k)->sev :
										      (pont_severity)0;
	if (ng && ((c->mfr = pont_matcher_new(c->gs, ng, "fr", fr, err)) == NULL ||
		   (c->men = pont_matcher_new(c->gs, ng, "en", en, err)) == NULL)) {
		pont_checker_free(c);
		return NULL;
	}
	if (en && (c->sp = pont_speller_new(c->trg, en, fr, err)) == NULL) {
		pont_checker_free(c);
		return NULL;
	}
	if (c->sp)
		for (k = 0; k < (int)ng; k++)
			pont_speller_add_glossary(c->sp, gs[k]);
	return c;
}

void
pont_checker_free(pont_checker *c)
{
	size_t i;

	if (c == NULL)
		return;
	pont_matcher_free(c->mfr);
	pont_matcher_free(c->men);
	pont_speller_free(c->sp);
	pont_segmenter_free(c->sfr);
	pont_segmenter_free(c->sen);
	for (i = 0; i < c->nseen; i++)
		free(c->seen[i].where);
	free(c->seen);
	free(c->slot);
	free(c->mentioned);
	free(c->gs);
	free(c->project);
	pont__friends_release(c);
	free(c);
}

void
pont_checker_set_severity(pont_checker *c, pont_id id, pont_severity sev)
{
	if ((unsigned)id < PONT_ID_N && pont_id_info_of(id)->family == PONT_FAMILY_CHECK)
		c->sev[id] = sev;
}

pont_speller *
pont_checker_speller(pont_checker *c)
{
	return c->sp;
}

void
pont_checker_set_english_variant(pont_checker *c, pont_dict *variant)
{
	if (c->sp == NULL || variant == NULL)
		return;
	pont_speller_set_variant(c->sp, variant);
	/* en: either variety, unless the text mixes them; en-US, en-GB: the other one is reported */
	c->variants = strcasecmp(c->trg, "en") == 0 ? 2 : 1;
}

void
pont_checker_set_project(pont_checker *c, const char *project)
{
	free(c->project);
	c->project = project && *project ? xstrndup(project, strlen(project)) : NULL;
}

pont_severity
pont_checker_severity(const pont_checker *c, pont_id id)
{
	return (unsigned)id < PONT_ID_N ? c->sev[id] : (pont_severity)0;
}

/* --- what the checks share --- */

int
pont__contains(const char *s, size_t n, const char *w, size_t wn)
{
	size_t i;

	for (i = 0; wn && i + wn <= n; i++)
		if (s[i] == w[0] && memcmp(s + i, w, wn) == 0)
			return 1;
	return 0;
}

int
pont__letter_at(const char *s, size_t n, size_t i)
{
	size_t k = i;

	return i < n && pont_cp_is_letter(pont_utf8_next(s, n, &k));
}

int
pont__letter_before(const char *s, size_t i)
{
	size_t k;

	if (i == 0)
		return 0;
	for (k = i - 1; k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80; k--)
		;
	return pont_cp_is_letter(pont_utf8_next(s, i, &k));
}

pont_mark *
pont__view_marks(const pair_view *v, int target, size_t *n)
{
	const pont_mark *mk = target ? v->tmarks : v->smarks, *lk = target ? v->tlinks : v->slinks;
	size_t nmk = target ? v->ntmarks : v->nsmarks, nlk = target ? v->ntlinks : v->nslinks;
	pont_mark *out = xmalloc((nmk + nlk + 1) * sizeof *out);

	if (nmk)
		memcpy(out, mk, nmk * sizeof *out);
	if (nlk)
		memcpy(out + nmk, lk, nlk * sizeof *out);
	*n = nmk + nlk;
	return out;
}

int
pont__find_words(const pont_buf *text, const char *list, const char **item, size_t *ilen)
{
	pont_buf w = PONT_BUF_INIT;
	const char *p = list;
	int found = 0;

	while (*p && !found) {
		const char *e = strchr(p, '|'), *a = p;
		size_t n = e ? (size_t)(e - p) : strlen(p), i;
		int stem;

		while (n > 0 && *a == ' ')
			a++, n--;
		while (n > 0 && a[n - 1] == ' ')
			n--;
		stem = n > 0 && a[n - 1] == '*';
		pont_buf_reset(&w);
		pont_fold(a, n - (size_t)stem, &w);
		for (i = 0; w.len && i + w.len <= text->len && !found; i++) {
			if (text->p[i] != w.p[0] || memcmp(text->p + i, w.p, w.len) != 0 || pont__letter_before(text->p, i))
				continue;
			found = stem || !pont__letter_at(text->p, text->len, i + w.len);
		}
		if (found && item) {
			*item = a;
			*ilen = n;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	pont_buf_release(&w);
	return found;
}

/* --- consistency: the same source two ways, one target for two sources --- */

/* The first pair seen whose key (source or target hash, by_tgt) is key and whose other side
 * differs from other; SIZE_MAX when none. Pairs with equal keys share a bucket chain. */
static size_t
first_other(const pont_checker *c, uint64_t key, int by_tgt, uint64_t other)
{
	size_t mask = c->nslot - 1, h, best = SIZE_MAX;

	if (c->nslot == 0)
		return best;
	for (h = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 7 ^ (uint64_t)by_tgt) & mask; c->slot[h]; h = (h + 1) & mask) {
		const seen *s = &c->seen[(c->slot[h] >> 1) - 1];

		if ((int)(c->slot[h] & 1) != by_tgt)
			continue;
		if ((by_tgt ? s->tgt : s->src) == key && (by_tgt ? s->src : s->tgt) != other)
			return (size_t)(c->slot[h] >> 1) - 1;	/* slots fill in the order pairs come */
	}
	return best;
}

static void
slot_put(pont_checker *c, uint64_t key, int by_tgt, size_t index)
{
	size_t mask, h;

	if (2 * (c->nseen + 1) * 2 > c->nslot) {	/* grow and rehash, keeping each chain's order */
		size_t n = c->nslot ? c->nslot * 2 : 256, i;

		free(c->slot);
		c->slot = xcalloc(n, sizeof *c->slot);
		c->nslot = n;
		for (i = 0; i < c->nseen; i++) {
			slot_put(c, c->seen[i].src, 0, i);
			slot_put(c, c->seen[i].tgt, 1, i);
		}
		if (index < c->nseen)
			return;
	}
	mask = c->nslot - 1;
	for (h = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 7 ^ (uint64_t)by_tgt) & mask; c->slot[h]; h = (h + 1) & mask)
		;
	c->slot[h] = (uint64_t)(index + 1) << 1 | (uint64_t)by_tgt;
}

static void
consistency(pont_checker *c, const pair_view *v, uint64_t hs, uint64_t ht, const char *where, pont_findings *out)
{
	size_t a = first_other(c, hs, 0, ht), b = pont_utf8_count(v->s, v->sn) >= 20 ? first_other(c, ht, 1, hs) : SIZE_MAX;

	if (a != SIZE_MAX && a <= b)
		CHECK_ADD(c, out, PONT_ID_INCONSISTENT_TRANSLATION, 0, v->tn, "the same source was translated otherwise at %s",
			  c->seen[a].where);
	else if (b != SIZE_MAX)
		CHECK_ADD(c, out, PONT_ID_INCONSISTENT_TRANSLATION, 0, v->tn,
			  "the same target translates another source at %s", c->seen[b].where);
	XGROW(c->seen, c->aseen, c->nseen + 1);
	c->seen[c->nseen].src = hs;
	c->seen[c->nseen].tgt = ht;
	c->seen[c->nseen].where = xstrndup(where, strlen(where));
	slot_put(c, hs, 0, c->nseen);
	slot_put(c, ht, 1, c->nseen);
	c->nseen++;
}

/* --- one pair of sentences --- */

/* Words of two letters or more in folded text. */
static size_t
words_of(const pont_buf *a)
{
	size_t i, words = 0;

	for (i = 0; i + 1 < a->len; i++)
		words += (pont_cp_is_letter((unsigned char)a->p[i]) || (unsigned char)a->p[i] >= 0x80) &&
			 (pont_cp_is_letter((unsigned char)a->p[i + 1]) || (unsigned char)a->p[i + 1] >= 0x80) &&
			 (i == 0 || a->p[i - 1] == ' ');
	return words;
}

/*
 * Untranslated text first: the other checks would only repeat it. Returns 1 when the pair needs
 * no other check (untranslated, or the same harmless text on both sides).
 */
static int
untranslated(pont_checker *c, const pair_view *v, const pont_buf *a, const pont_buf *b, pont_findings *out)
{
	size_t words = words_of(a), eng, all, nfr;

	if (a->len == b->len && memcmp(a->p, b->p, a->len) == 0) {
		/* the same text on both sides is an error when it has French in it; commands, names
		 * and English quoted in the French stay as they are, and there is nothing else to
		 * check in them that the source does not have too */
		int french;

		nfr = pont__check_french_words(c, v, &eng, &all);
		french = c->fr == NULL || c->en == NULL || (nfr > eng && (nfr >= 2 || nfr * 3 >= all));
		if (words >= 3 && french)
			CHECK_ADD(c, out, PONT_ID_UNTRANSLATED, 0, v->tn, "the target is the source");
		if ((words >= 3 && french) || !french)
			return 1;
	}
	if (c->sev[PONT_ID_UNTRANSLATED]) {
		/* more words only French knows than words only English knows ("nous", "de", "ton" are
		 * English words too) */
		nfr = pont__check_french_words(c, v, &eng, &all);
		if (all >= 3 && nfr >= 2 && nfr > eng) {
			CHECK_ADD(c, out, PONT_ID_UNTRANSLATED, 0, v->tn, "the target reads as French");
			return 1;
		}
	}
	return 0;
}

static void
check_sentences(pont_checker *c, const pair_view *v, const char *where, pont_findings *out)
{
	pont_buf a = PONT_BUF_INIT, b = PONT_BUF_INIT;
	size_t i;
	int sure = v->sure, links_said = 0;

	pont_fold(v->s, v->sn, &a);
	pont_fold(v->t, v->tn, &b);
	if (untranslated(c, v, &a, &b, out)) {
		pont_buf_release(&a);
		pont_buf_release(&b);
		return;
	}
	if (c->sev[PONT_ID_TERM_MISSING] || c->sev[PONT_ID_TERM_FORBIDDEN] || c->sev[PONT_ID_TERM_COUNT] ||
	    c->sev[PONT_ID_TERM_FIRST_MENTION])
		pont__check_terms(c, c->gs, v, out);
	if (sure && c->sev[PONT_ID_NUMBER_MISMATCH])
		pont__check_numbers(c, v, out);
	if (sure && (c->sev[PONT_ID_URL_MISMATCH] || c->sev[PONT_ID_EMAIL_MISMATCH])) {
		size_t before = out->n;

		pont__check_links(c, v, out);
		for (i = before; i < out->n; i++)
			links_said |= out->v[i].code == PONT_ID_URL_MISMATCH;
	}
	if (sure && c->sev[PONT_ID_INLINE_MARKUP_MISMATCH])
		pont__check_markup(c, v, !links_said, out);
	if (sure && c->sev[PONT_ID_FALSE_FRIEND])
		pont__check_false_friends(c, v, out);
	if (c->sev[PONT_ID_FRENCH_TYPOGRAPHY] || c->sev[PONT_ID_DOUBLE_SPACE])
		pont__check_typography(c, v, out);
	if (c->sev[PONT_ID_QUOTES_UNBALANCED] || c->sev[PONT_ID_BRACKETS_UNBALANCED])
		pont__check_balance(c, v, out);
	if (sure)
		pont__check_end(c, v, out);
	for (i = v->sp0; i < v->sp1; i++) {	/* the English's spelling, found once for the bitext */
		const pont_finding *f = &v->spell->v[i];
		pont_id id = f->code == PONT_ID_SPELL_UNKNOWN ? PONT_ID_SPELLING :
			     f->code == PONT_ID_SPELL_REPEATED ? PONT_ID_REPEATED_WORD :
			     f->code == PONT_ID_SPELL_VARIANT ? PONT_ID_SPELLING_VARIANT : PONT_ID_N;

		if (id == PONT_ID_REPEATED_WORD &&
		    pont__contains(v->s, v->sn, v->ttext + f->at.start, f->at.end - f->at.start))
			continue;	/* the source has it too: "man man" */
		if (id < PONT_ID_N && c->sev[id])	/* a variant in a mixed text stays info */
			pont_findings_add(out, id, f->sev == PONT_SEV_INFO ? PONT_SEV_INFO : c->sev[id], f->at.start - v->tbase,
					  f->at.end - v->tbase, NULL, 0, "%s", f->msg);
	}
	if (sure && c->sev[PONT_ID_INCONSISTENT_TRANSLATION] && a.len && b.len)
		consistency(c, v, pont_hash(a.p, a.len), pont_hash(b.p, b.len), where, out);
	pont_buf_release(&a);
	pont_buf_release(&b);
}

/* --- the paragraphs: left out, added, speakers --- */

/*
 * Does the block begin like a labelled line the document model did not take as a turn, "Valeur
 * par défaut : true" next to "Default: true"? Up to five words, then a colon.
 */
static int
labelled(const char *text, const pont_block *b)
{
	const char *t = text + b->content.start;
	size_t n = b->content.end - b->content.start, i, words = 0;
	int in_word = 0;

	for (i = 0; i < n && i < 60; i++) {
		unsigned char ch = (unsigned char)t[i];

		if (ch == ':')
			return words >= 1 && words <= 5;
		if (ch == ' ' || ch == 0xC2 || ch == 0xA0 || ch == 0xE2 || ch == 0x80 || ch == 0xAF) {
			in_word = 0;	/* spaces, no-break ones included */
		} else if (ch < 0x80 && !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '\'')) {
			return 0;	/* a sentence, not a label */
		} else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	return 0;
}

/* A speaker turn whose label differs or went missing; returns 1 when it reported one. */
static int
check_speakers(pont_checker *c, const pont_bitext *bt, const pont_pair *p, pont_findings *out)
{
	size_t sl, tl;
	const char *st = pont_doc_text(pont_bitext_doc(bt, PONT_SOURCE), &sl);
	const char *tt = pont_doc_text(pont_bitext_doc(bt, PONT_TARGET), &tl);
	const pont_block *bs = pont_doc_block(pont_bitext_doc(bt, PONT_SOURCE), p->sblock);
	const pont_block *bl = pont_doc_block(pont_bitext_doc(bt, PONT_TARGET), p->tblock);
	size_t ls = bs->label.end - bs->label.start, lt = bl->label.end - bl->label.start;

	if (!c->sev[PONT_ID_SPEAKER_MISMATCH])
		return 0;
	/* a label read on one side only, where the other side reads as a labelled line, is no mismatch */
	if (ls ? !(lt || !labelled(tt, bl)) : labelled(st, bs))
		return 0;
	if (ls == lt && strncasecmp(st + bs->label.start, tt + bl->label.start, ls) == 0)
		return 0;
	CHECK_ADD(c, out, PONT_ID_SPEAKER_MISMATCH, 0, 0, "speaker '%.*s' in the source, %s%.*s%s in the target", (int)ls,
		  st + bs->label.start, lt ? "'" : "none", (int)lt, tt + bl->label.start, lt ? "'" : "");
	return out->n > 0;
}

static int
has_letters(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n)
		if (pont_cp_is_letter(pont_utf8_next(s, n, &i)))
			return 1;
	return 0;
}

/* A label with nothing after it: at most four words, then a colon. */
static int
bare_label(const char *s, size_t n)
{
	size_t i, words = 0;
	int in = 0;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || s[n - 1] != ':')
		return 0;
	for (i = 0; i < n; i++) {
		int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';

		words += !sp && !in;
		in = !sp;
	}
	return words <= 5;	/* "Valeur par défaut :" counts its colon */
}

static void
check_orphan(pont_checker *c, const pont_bitext *bt, const pont_pair *p, pont_findings *out)
{
	size_t len, n;
	int para = p->kind == PONT_PAIR_SOURCE_PARAGRAPH || p->kind == PONT_PAIR_TARGET_PARAGRAPH;
	int src = p->kind == PONT_PAIR_SOURCE_PARAGRAPH || p->kind == PONT_PAIR_SOURCE_ONLY;
	const pont_span *sp = src ? &p->src : &p->tgt;
	const char *text = pont_doc_text(pont_bitext_doc(bt, src ? PONT_SOURCE : PONT_TARGET), &len);

	n = sp->end - sp->start;
	if (!has_letters(text + sp->start, n))
		return;		/* a footnote mark [50], a number, punctuation: not text left out */
	if (bare_label(text + sp->start, n))
		return;		/* « Valeur par défaut : » with nothing after it: the other side's "Default:" */
	if (!para) {		/* a sentence the other side has word for word in its paragraph: split otherwise */
		size_t ob = src ? p->tblock : p->sblock, olen, a = sp->start, e = sp->end;
		const pont_doc *od = pont_bitext_doc(bt, src ? PONT_TARGET : PONT_SOURCE);
		const char *ot = pont_doc_text(od, &olen);

		while (a < e && strchr(" \t\n", text[a]))
			a++;
		while (e > a && strchr(" \t\n", text[e - 1]))
			e--;
		if (ob != PONT_NOPOS && e > a && pont__contains(ot + pont_doc_block(od, ob)->span.start,
							 pont_doc_block(od, ob)->span.end - pont_doc_block(od, ob)->span.start,
							 text + a, e - a))
			return;
	}
	CHECK_ADD(c, out, PONT_ID_MISALIGNED, 0, 0, src ? "no English for this %s of the source (left out?): %.*s" :
		  "an English %s with no source (added?): %.*s", para ? "paragraph" : "sentence", (int)(n > 160 ? 160 : n),
		  text + sp->start);
}

/* --- the bitext --- */

typedef struct analysis {
	pont_matches own[2];		/* the terms matched here */
	const pont_matches *m[2];	/* the bitext's, or those */
	pont_marks links[2];
	pont_findings spell;
} analysis;

static int
all_capitals(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(w[i] >= 'A' && w[i] <= 'Z'))
			return 0;
	return n > 0;
}

/* Unknown English words the source has too (names, products, commands: « dpkg », « Stéph ») are
 * not errors of the translation: their findings go. Words compare case-folded; an English
 * possessive is not part of the word. */
static void
drop_source_words(const pont_doc *src, const pont_doc *tgt, pont_findings *spell)
{
	pont_intern words = PONT_INTERN_INIT;
	pont_buf folded = PONT_BUF_INIT, w = PONT_BUF_INIT;
	size_t len, i = 0, k = 0, tlen;
	const char *s = pont_doc_text(src, &len), *t = pont_doc_text(tgt, &tlen);

	pont__fold_case(s, len, &folded);
	while (i < folded.len) {	/* the source's runs of letters and digits */
		size_t a = i, e;
		uint32_t ch = pont_utf8_next(folded.p, folded.len, &i);

		if (!pont_cp_is_letter(ch) && !(ch >= '0' && ch <= '9'))
			continue;
		for (e = i; e < folded.len;) {
			size_t at = e;

			ch = pont_utf8_next(folded.p, folded.len, &at);
			if (!pont_cp_is_letter(ch) && !(ch >= '0' && ch <= '9'))
				break;
			e = at;
		}
		pont__intern(&words, folded.p + a, e - a, 1);
		i = e;
	}
	while (k < spell->n) {
		const pont_finding *f = &spell->v[k];
		size_t n = f->at.end - f->at.start, q;

		if (f->code != PONT_ID_SPELL_UNKNOWN) {
			k++;
			continue;
		}
		pont_buf_reset(&w);
		pont__fold_case(t + f->at.start, n, &w);
		for (q = 0; q < w.len && w.p[q] != '\'' && (unsigned char)w.p[q] != 0xE2; q++)
			;	/* up to an apostrophe: gentoo's, gentoo’s */
		if ((q > 0 && pont__intern(&words, w.p, q, 0) != UINT32_MAX) || all_capitals(t + f->at.start, n))
			pont_findings_remove(spell, k);	/* or a word in capitals: YYYYMMDD, TMPDIR, a shout */
		else
			k++;
	}
	pont__intern_release(&words);
	pont_buf_release(&folded);
	pont_buf_release(&w);
}

static void
analyse(pont_checker *c, const pont_bitext *bt, analysis *an)
{
	int k;

	memset(an, 0, sizeof *an);
	for (k = 0; k < 2; k++) {
		const pont_doc *d = pont_bitext_doc(bt, (pont_side)k);
		size_t len, i;
		const char *s = pont_doc_text(d, &len);

		an->m[k] = &an->own[k];
		if (pont_bitext_terms(bt, (pont_side)k))	/* matched once, when the bitext was made */
			an->m[k] = pont_bitext_terms(bt, (pont_side)k);
		else if (c->mfr)
			pont_match_doc(k ? c->men : c->mfr, d, &an->own[k]);
		for (i = 0; i < pont_doc_nblocks(d); i++) {	/* URLs and e-mail addresses, link targets too */
			const pont_block *b = pont_doc_block(d, i);

			if (pont_block_kind_is_text(b->kind))
				pont_scan_links(s, b->content.start, b->content.end, &an->links[k]);
		}
	}
	if (c->sp && (c->sev[PONT_ID_SPELLING] || c->sev[PONT_ID_REPEATED_WORD] || c->sev[PONT_ID_SPELLING_VARIANT])) {
		/* no suggestions: they cost more than all the rest */
		pont_spell_options so = { 0, 0, 1, c->sev[PONT_ID_SPELLING_VARIANT] ? c->variants : 0, 0 };

		pont_spell_doc(c->sp, pont_bitext_doc(bt, PONT_TARGET), pont_bitext_segs(bt, PONT_TARGET), &so, &an->spell,
			       NULL, NULL);
		drop_source_words(pont_bitext_doc(bt, PONT_SOURCE), pont_bitext_doc(bt, PONT_TARGET), &an->spell);
	}
}

static void
analysis_release(analysis *an)
{
	pont_matches_release(&an->own[0]);
	pont_matches_release(&an->own[1]);
	free(an->links[0].v);
	free(an->links[1].v);
	pont_findings_release(&an->spell);
}

/* The view of pair p; cur[0..4] are cursors into the analysis' sorted lists. */
static void
view_of(const pont_bitext *bt, const pont_pair *p, const analysis *an, size_t cur[5], pair_view *v)
{
	const pont_doc *ds = pont_bitext_doc(bt, PONT_SOURCE), *dt = pont_bitext_doc(bt, PONT_TARGET);
	size_t len, nmk, i;
	const pont_mark *mk;

	memset(v, 0, sizeof *v);
	v->stext = pont_doc_text(ds, &len);
	v->ttext = pont_doc_text(dt, &len);
	v->sbase = p->src.start;
	v->tbase = p->tgt.start;
	v->sure = 1;
	v->confidence = p->confidence;
	v->s = v->stext + p->src.start;
	v->t = v->ttext + p->tgt.start;
	v->sn = p->src.end - p->src.start;
	v->tn = p->tgt.end - p->tgt.start;
	/* the links inside each text (pairs come in the order of both texts: cursors go forward) */
	for (i = cur[0]; i < an->links[0].n && an->links[0].v[i].span.start < p->src.start; i++)
		;
	cur[0] = i;
	v->slinks = an->links[0].n ? an->links[0].v + i : NULL;
	for (v->nslinks = 0; i + v->nslinks < an->links[0].n && an->links[0].v[i + v->nslinks].span.end <= p->src.end;)
		v->nslinks++;
	for (i = cur[1]; i < an->links[1].n && an->links[1].v[i].span.start < p->tgt.start; i++)
		;
	cur[1] = i;
	v->tlinks = an->links[1].n ? an->links[1].v + i : NULL;
	for (v->ntlinks = 0; i + v->ntlinks < an->links[1].n && an->links[1].v[i + v->ntlinks].span.end <= p->tgt.end;)
		v->ntlinks++;
	/* the inline marks of the blocks */
	mk = pont_doc_marks(ds, &nmk);
	if (p->sblock != PONT_NOPOS) {
		const pont_block *b = pont_doc_block(ds, p->sblock);

		for (i = b->mark0; i < b->mark0 + b->nmarks && mk[i].span.start < p->src.start; i++)
			;
		v->smarks = nmk ? mk + i : NULL;
		while (i + v->nsmarks < b->mark0 + b->nmarks && mk[i + v->nsmarks].span.start < p->src.end)
			v->nsmarks++;
	}
	mk = pont_doc_marks(dt, &nmk);
	if (p->tblock != PONT_NOPOS) {
		const pont_block *b = pont_doc_block(dt, p->tblock);

		for (i = b->mark0; i < b->mark0 + b->nmarks && mk[i].span.start < p->tgt.start; i++)
			;
		v->tmarks = nmk ? mk + i : NULL;
		while (i + v->ntmarks < b->mark0 + b->nmarks && mk[i + v->ntmarks].span.start < p->tgt.end)
			v->ntmarks++;
	}
	/* the glossary matches and the spelling findings inside each text */
	v->ms = an->m[0];
	v->mt = an->m[1];
	for (i = cur[2]; i < v->ms->n && v->ms->v[i].span.start < p->src.start; i++)
		;
	cur[2] = v->ms0 = i;
	while (i < v->ms->n && v->ms->v[i].span.end <= p->src.end)
		i++;
	v->ms1 = i;
	for (i = cur[3]; i < v->mt->n && v->mt->v[i].span.start < p->tgt.start; i++)
		;
	cur[3] = v->mt0 = i;
	while (i < v->mt->n && v->mt->v[i].span.end <= p->tgt.end)
		i++;
	v->mt1 = i;
	v->spell = &an->spell;
	for (i = cur[4]; i < an->spell.n && an->spell.v[i].at.start < p->tgt.start; i++)
		;
	cur[4] = v->sp0 = i;
	while (i < an->spell.n && an->spell.v[i].at.end <= p->tgt.end)
		i++;
	v->sp1 = i;
}

/* Where findings of a pair are: both sides' files, lines and columns. */
static void
locate(const pont_bitext *bt, const pont_pair *p, size_t ta, size_t sa, size_t tn, size_t row, pont_findings *f,
       size_t from)
{
	int work = pont_bitext_is_workfile(bt);
	size_t i;

	for (i = from; i < f->n; i++) {
		pont_finding *x = &f->v[i];
		size_t a = x->at.start, e = x->at.end;

		/* a span over the whole target is the pair's, not a place in it */
		x->rspan.start = e - a == tn ? 0 : a;
		x->rspan.end = e - a == tn ? 0 : e;
		x->row = row;
		x->at.file = pont_bitext_name(bt, PONT_TARGET);
		x->src.file = pont_bitext_name(bt, PONT_SOURCE);
		if (work) {
			x->at.start = x->at.end = x->src.start = x->src.end = PONT_NOPOS;
			x->at.line = x->src.line = p->line;
			x->at.col = x->src.col = p->col;
		} else {
			x->at.start = ta + a;
			x->at.end = ta + e;
			x->src.start = x->src.end = sa;
			pont_bitext_pos(bt, PONT_TARGET, x->at.start, &x->at.line, &x->at.col);
			pont_bitext_pos(bt, PONT_SOURCE, sa, &x->src.line, &x->src.col);
		}
	}
}

/* The label of a row: the target's file and line, with the column for sentence pairs. */
static void
label_of(const pont_bitext *bt, const pont_pair *p, size_t off, int col, char *buf, size_t n)
{
	unsigned long l = p->line, cl = p->col;

	if (!pont_bitext_is_workfile(bt))
		pont_bitext_pos(bt, PONT_TARGET, off, &l, &cl);
	if (col)
		snprintf(buf, n, "%s:%lu:%lu", pont_bitext_name(bt, PONT_TARGET), l, cl);
	else
		snprintf(buf, n, "%s:%lu", pont_bitext_name(bt, PONT_TARGET), l);
}

/* A paragraph pair: a finding only when its speakers differ (its row made then). */
static void
paragraph_pair(pont_checker *c, const pont_bitext *bt, const pont_pair *p, pont_report *r)
{
	pont_findings f = PONT_FINDINGS_INIT;
	const pont_block *bs = pont_doc_block(pont_bitext_doc(bt, PONT_SOURCE), p->sblock);
	const pont_block *bl = pont_doc_block(pont_bitext_doc(bt, PONT_TARGET), p->tblock);
	size_t len;
	const char *st = pont_doc_text(pont_bitext_doc(bt, PONT_SOURCE), &len);
	const char *tt = pont_doc_text(pont_bitext_doc(bt, PONT_TARGET), &len);
	char label[512];
	size_t row;

	if (!check_speakers(c, bt, p, &f))
		return;
	label_of(bt, p, bl->span.start, 0, label, sizeof label);
	row = pont_report_row(r, st + bs->span.start, bs->span.end - bs->span.start, tt + bl->span.start,
			      bl->span.end - bl->span.start, label, p->unit, p->segment);
	locate(bt, p, bl->span.start, bs->span.start, bl->span.end - bl->span.start, row, &f, 0);
	pont_report_take(r, &f);
	pont_findings_release(&f);
}

/* Text left out or added: a paragraph (at its block's start) or sentences (at the pair). */
static void
orphan_pair(pont_checker *c, const pont_bitext *bt, const pont_pair *p, pont_report *r)
{
	pont_findings f = PONT_FINDINGS_INIT;
	int para = p->kind == PONT_PAIR_SOURCE_PARAGRAPH || p->kind == PONT_PAIR_TARGET_PARAGRAPH;
	size_t len, ta = p->tgt.start, sa = p->src.start, row;
	const char *st = pont_doc_text(pont_bitext_doc(bt, PONT_SOURCE), &len);
	const char *tt = pont_doc_text(pont_bitext_doc(bt, PONT_TARGET), &len);
	char label[512];

	if (para && p->kind == PONT_PAIR_SOURCE_PARAGRAPH)
		sa = pont_doc_block(pont_bitext_doc(bt, PONT_SOURCE), p->sblock)->span.start;
	else if (para)
		ta = pont_doc_block(pont_bitext_doc(bt, PONT_TARGET), p->tblock)->span.start;
	label_of(bt, p, ta, !para, label, sizeof label);
	row = pont_report_row(r, st + p->src.start, p->src.end - p->src.start, tt + p->tgt.start, p->tgt.end - p->tgt.start,
			      label, p->unit, p->segment);
	if (c->sev[PONT_ID_MISALIGNED]) {
		check_orphan(c, bt, p, &f);
		locate(bt, p, ta, sa, p->tgt.end - p->tgt.start, row, &f, 0);
		pont_report_take(r, &f);
	}
	pont_findings_release(&f);
}

/*
 * Is pair i of bt surely a translation of itself, so that comparing its two texts (terms,
 * numbers, links, markup, punctuation, length, consistency) means something? Where the aligner
 * went wrong, its confidence is very low, or low where the alignment is irregular around it:
 * sentences merged or split (2:1, 1:2), paragraphs too, a paragraph pair it doubts, or text
 * left out next to it. A low confidence alone is no sign: a translation error (a number
 * changed) lowers it too.
 */
static int
pair_is_sure(const pont_bitext *bt, size_t i)
{
	const pont_pair *p = pont_bitext_pair(bt, i), *q;
	int irregular = p->shape[0] != 1 || p->shape[1] != 1 || p->shape[2] != 1 || p->shape[3] != 1 ||
			p->para_confidence < 0.35;
	size_t k;

	for (k = i ? i - 1 : 0; k <= i + 1 && k < pont_bitext_npairs(bt) && !irregular; k++) {
		q = pont_bitext_pair(bt, k);
		irregular = k != i && q->kind != PONT_PAIR_SENTENCES && q->kind != PONT_PAIR_PARAGRAPHS;
	}
	return !(p->confidence < 0.2 || (p->confidence < 0.4 && irregular));
}

/* The texts of the pairs next to pair i, on each side: from the start of the third one before
 * to the end of the third one after. */
static void
near_texts(const pont_bitext *bt, size_t i, pair_view *v)
{
	size_t np = pont_bitext_npairs(bt);
	const pont_pair *a = pont_bitext_pair(bt, i > 2 ? i - 3 : 0), *b = pont_bitext_pair(bt, i + 3 < np ? i + 3 : np - 1);
	size_t sa = a->src.start < b->src.start ? a->src.start : b->src.start, se = a->src.end > b->src.end ? a->src.end : b->src.end;
	size_t ta = a->tgt.start < b->tgt.start ? a->tgt.start : b->tgt.start, te = a->tgt.end > b->tgt.end ? a->tgt.end : b->tgt.end;

	v->snear = v->stext + sa;
	v->snearn = se > sa ? se - sa : 0;
	v->tnear = v->ttext + ta;
	v->tnearn = te > ta ? te - ta : 0;
}

void
pont_check_bitext(pont_checker *c, const pont_bitext *bt, pont_report *r)
{
	analysis an;
	size_t i, cur[5] = { 0, 0, 0, 0, 0 };

	c->nmentioned = 0;	/* a new document: first mentions again */
	analyse(c, bt, &an);
	for (i = 0; i < pont_bitext_npairs(bt); i++) {
		const pont_pair *p = pont_bitext_pair(bt, i);
		pont_findings f = PONT_FINDINGS_INIT;
		pair_view v;
		char label[512];
		size_t row;

		if (p->kind == PONT_PAIR_PARAGRAPHS) {
			paragraph_pair(c, bt, p, r);
			continue;
		}
		if (p->kind != PONT_PAIR_SENTENCES) {
			orphan_pair(c, bt, p, r);
			continue;
		}
		view_of(bt, p, &an, cur, &v);
		v.sure = pair_is_sure(bt, i);
		near_texts(bt, i, &v);
		label_of(bt, p, p->tgt.start, 1, label, sizeof label);
		row = pont_report_row(r, v.s, v.sn, v.t, v.tn, label, p->unit, p->segment);
		check_sentences(c, &v, label, &f);
		locate(bt, p, p->tgt.start, p->src.start, v.tn, row, &f, 0);
		pont_report_take(r, &f);
		pont_findings_release(&f);
	}
	analysis_release(&an);
}

void
pont_check_pair(pont_checker *c, const char *src, size_t sn, const char *tgt, size_t tn, const char *where,
		pont_findings *out)
{
	pont_bitext *bt;
	pont_bitext_options bo;
	analysis an;
	pair_view v;
	size_t cur[5] = { 0, 0, 0, 0, 0 };

	memset(&bo, 0, sizeof bo);
	if (c->sfr == NULL && (c->sfr = pont_segmenter_new("fr", NULL)) == NULL)
		return;
	if (c->sen == NULL && (c->sen = pont_segmenter_new("en", NULL)) == NULL)
		return;
	bo.fr = c->sfr;
	bo.en = c->sen;
	if ((bt = pont_bitext_from_texts("pair", &src, &sn, &tgt, &tn, 1, PONT_FORMAT_TEXT, &bo, NULL)) == NULL)
		return;
	analyse(c, bt, &an);
	view_of(bt, pont_bitext_pair(bt, 0), &an, cur, &v);
	check_sentences(c, &v, where ? where : "?", out);
	analysis_release(&an);
	pont_bitext_free(bt);
}
