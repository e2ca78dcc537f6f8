/* terms.h: what the term matcher (matcher.c) and the candidate finder (candidates.c) share:
 * tokens of a block's text. Private to the library. */
#ifndef PONT_LEXICON_TERMS_H
#define PONT_LEXICON_TERMS_H

#include "internal.h"

typedef struct token {
	size_t start, end;
	int sym;		/* a one-character symbol token: / & + */
	int joined;		/* only white space, hyphens or apostrophes since the previous token */
} token;

/* The tokens of block b's content (marks skipped) into *toks (grown; *nt their number); *at is a
 * cursor into the marks mk, for blocks taken in order. */
void pont__block_tokens(const char *s, const pont_block *b, const pont_mark *mk, token **toks, size_t *nt, size_t *at);

#endif
