/* check.h: what the checks of translation QA share: the checker and the view of one pair. */
#ifndef PONT_QA_CHECK_H
#define PONT_QA_CHECK_H

#include <stdint.h>

#include "internal.h"

typedef struct seen seen;
struct friend;

struct pont_checker {
	const pont_glossary **gs;	/* the array is a copy; the glossaries are borrowed */
	size_t ng;
	pont_matcher *mfr, *men;
	pont_dict *fr, *en;
	pont_speller *sp;
	pont_segmenter *sfr, *sen;	/* for pont_check_pair, made when first needed */
	char trg[16];
	char *project;			/* concepts of other projects are not enforced; NULL: all are */
	int variants;			/* pont_spell_options.variants for the English */
	struct friend *ff;		/* false friends (check_friends.c) */
	size_t nff, aff;
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
	int sure;			/* the pair is a translation of itself (see pair_is_sure) */
	double confidence;		/* the aligner's (1 for a work file's segments) */
	/* the texts around the pair, in each side (the pairs before and after it; may be empty):
	 * what one side has next door is misplaced by the alignment rather than left out */
	const char *snear, *tnear;
	size_t snearn, tnearn;
} pair_view;

/* Adds a finding of check id at [a, b) of the pair's target (relative offsets) when it is on. */
#define CHECK_ADD(c, out, cid, a, b, ...) \
	do { \
		if ((c)->sev[cid]) \
			pont_findings_add((out), (cid), (c)->sev[cid], (a), (b), NULL, 0, __VA_ARGS__); \
	} while (0)

/* check.c: is the code point at s[i] (of n bytes) a letter? is the one before s[i]? */
int pont__letter_at(const char *s, size_t n, size_t i);
int pont__letter_before(const char *s, size_t i);
/* The marks of one side of the pair that hold no text of it, its inline marks then its links,
 * in one array (free it); *n gets their number. */
pont_mark *pont__view_marks(const pair_view *v, int target, size_t *n);
/* check.c: does s[0, n) hold w[0, wn)? */
int pont__contains(const char *s, size_t n, const char *w, size_t wn);
/* Does folded text hold one of the words or phrases of list ("|"-separated, spaces around the
 * bars aside; a trailing * takes any ending) as words of their own? *item and *ilen (when item
 * is not NULL) get the one found, as list writes it. */
int pont__find_words(const pont_buf *text, const char *list, const char **item, size_t *ilen);

/* check_friends.c */
void pont__check_false_friends(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__friends_release(pont_checker *c);

/* check_terms.c */
void pont__check_terms(pont_checker *c, const pont_glossary *const *gs, const pair_view *v, pont_findings *out);
/* Was the concept mentioned before in this bitext? Records it. */
int pont__check_mentioned(pont_checker *c, size_t g, size_t concept);

/* check_text.c: checks of the texts themselves */
void pont__check_numbers(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__check_links(pont_checker *c, const pair_view *v, pont_findings *out);
/* links: compare the links too (off when url-mismatch already spoke of this pair's) */
void pont__check_markup(pont_checker *c, const pair_view *v, int links, pont_findings *out);
void pont__check_typography(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__check_balance(pont_checker *c, const pair_view *v, pont_findings *out);
void pont__check_end(pont_checker *c, const pair_view *v, pont_findings *out);
/* How many words of the target only French knows; *english those only English knows, *words all. */
size_t pont__check_french_words(pont_checker *c, const pair_view *v, size_t *english, size_t *words);

#endif
