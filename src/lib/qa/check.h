/* check.h: what the checks of translation QA share: the checker and the view of one pair. */
#ifndef PONT_QA_CHECK_H
#define PONT_QA_CHECK_H

#include <stdint.h>

#include "internal.h"

typedef struct seen seen;

struct pont_checker {
	const pont_glossary **gs;	/* the array is a copy; the glossaries are borrowed */
	size_t ng;
	pont_matcher *mfr, *men;
	pont_dict *fr, *en;
	pont_speller *sp;
	pont_segmenter *sfr, *sen;	/* for pont_check_pair, made when first needed */
	char trg[16];
	pont_severity sev[PONT_ID_N];
	/* consistency across bitexts: pairs seen, by source and by target */
	seen *seen;
	size_t nseen, aseen;
	uint64_t *slot;			/* hash table over seen: (key << 1 | by target) -> index + 1 */
	size_t nslot;
	/* concepts already mentioned in this bitext: (glossary << 32 | concept) */
	uint64_t *mentioned;
	size_t nmentioned, amentioned;
};

/*
 * One pair, as the checks see it: its two texts, where they are in their sides, and what the
 * analysis of the bitext found inside them (absolute offsets into the side texts).
 */
typedef struct pair_view {
	const char *s, *t;		/* the pair's texts */
	size_t sn, tn;
	size_t sbase, tbase;		/* their offsets in the sides' texts */
	const char *stext, *ttext;	/* the sides' texts */
	const pont_mark *slinks, *tlinks;	/* URLs and e-mail addresses inside them */
	size_t nslinks, ntlinks;
	const pont_mark *tmarks;	/* the target's inline marks (emphasis, links, code) */
	size_t ntmarks;
	const pont_mark *smarks;
	size_t nsmarks;
	const pont_matches *ms, *mt;	/* glossary matches of the sides */
	size_t ms0, ms1, mt0, mt1;	/* those inside the pair: [ms0, ms1), [mt0, mt1) */
	const pont_findings *spell;	/* spelling of the target */
	size_t sp0, sp1;
} pair_view;

/* Adds a finding of check id at [a, b) of the pair's target (relative offsets) when it is on. */
#define CHECK_ADD(c, out, cid, a, b, ...) \
	do { \
		if ((c)->sev[cid]) \
			pont_findings_add((out), (cid), (c)->sev[cid], (a), (b), NULL, 0, __VA_ARGS__); \
	} while (0)

/* check_terms.c */
void pont__check_terms(pont_checker *c, const pont_glossary *const *gs, const pair_view *v, pont_findings *out);
/* Was the concept mentioned before in this bitext? Records it. */
int pont__check_mentioned(pont_checker *c, size_t g, size_t concept);

/* check_text.c: checks of the texts themselves */
void pont__check_numbers(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__check_links(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__check_markup(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__check_typography(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__check_balance(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__check_end(pont_checker *c, const pair_view *v, pont_findings *out);
/* How many words of the target only French knows; *english those only English knows, *words all. */
size_t pont__check_french_words(pont_checker *c, const pair_view *v, size_t *english, size_t *words);

#endif
