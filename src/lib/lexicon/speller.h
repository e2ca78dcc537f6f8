/* speller.h: the speller's state, shared by spell.c (dictionaries, verdicts, vocabulary) and
 * spell_doc.c (words of a document, findings). Private to the library. */
#ifndef PONT_LEXICON_SPELLER_H
#define PONT_LEXICON_SPELLER_H

#include <stdint.h>

#include <unicode/ubrk.h>

#include "internal.h"

/* What the dictionaries say of a word (cached per distinct spelling). */
enum {
	V_UNSET = 0,
	V_OK,		/* the main dictionary or the accepted vocabulary has it */
	V_UNKNOWN	/* not in the main dictionary */
};

typedef struct wentry {
	uint8_t main;		/* V_* */
	uint8_t other;		/* V_* for the other language's dictionary */
	uint8_t mid;		/* seen capitalised in mid-sentence */
	uint8_t label;		/* a speaker's name in this document */
	uint8_t var;		/* VAR_*: which variety of English spells it so */
	uint32_t sugg;		/* suggestions: offset in the pool, UINT32_MAX when not computed */
	uint8_t nsugg;
} wentry;

struct pont_speller {
	pont_dict *dict, *other;	/* borrowed; dict receives the accepted vocabulary */
	pont_dict *variant;		/* borrowed: another spelling of the same language (en-GB for en) */
	int fr;				/* French rules: elisions, rectified spellings, capital accents */
	char lang[8];
	pont_segmenter *sg;
	UBreakIterator *wb;
	wentry *e;
	size_t ne, ae;
	pont_intern words;		/* the words seen: entry i is word i */
	pont_buf pool;			/* suggestions */
	pont_buf tmp, tmp2;
	double sugg_spent;		/* seconds spent on suggestions so far */
	size_t unsuggested;		/* unknown words left without, past the time allowed */
};

/* Which variety of English writes a word the speller accepts (with a variant dictionary). */
enum {
	VAR_UNSET = 0,
	VAR_BOTH,	/* both, or not a question of variety (vocabulary, no variant) */
	VAR_MAIN,	/* only the main dictionary's variety: "color" for en-US, with "colour" in en-GB */
	VAR_VARIANT	/* only the variant's: "colour" for en-US */
};

/* Case shape of a word: letters only are looked at; *nletters gets their number. */
enum { C_LOWER, C_CAPITAL, C_ALLCAPS, C_MIXED };
int pont__case_shape(const char *w, size_t n, size_t *nletters);
/* Lower-case letters, accents removed: a word written without accents on capitals compared
 * with the dictionary's. */
void pont__plain_letters(const char *w, size_t n, pont_buf *out);
/* The cache entry of a word (added when new) and its text. */
uint32_t pont__speller_entry(pont_speller *sp, const char *w, size_t n);
const char *pont__speller_word(const pont_speller *sp, uint32_t id);
/* What the main (main != 0) or the other dictionary says of entry id: V_OK or V_UNKNOWN, cached. */
uint8_t pont__speller_verdict(pont_speller *sp, uint32_t id, int main);
/* VAR_* of accepted entry id (cached); other, when not NULL, gets the other variety's spelling
 * when there is one (empty otherwise). */
uint8_t pont__speller_variety(pont_speller *sp, uint32_t id, pont_buf *other);
/* Is the speller's main dictionary British English? */
int pont__speller_british(const pont_speller *sp);
/* Is w[0, n) an English prefix of data/prefixes-en.txt ("pre", "multi")? */
int pont__speller_is_prefix(const char *w, size_t n);

#endif
