/* tmkey.h: the memory's tokens (tmkey.c), shared by the local memory (tm.c) and the server's
 * (tmdb.c). */
#ifndef PONT_TMKEY_H
#define PONT_TMKEY_H

#include "internal.h"

/* Token classes and their weights: a different number, tag or punctuation mark costs less
 * than a different word. */
enum { K_WORD, K_NUMBER, K_PUNCT, K_TAG };
extern const double pont__tm_weight[];

typedef struct pont__qtok {
	size_t a, b;
	int kind;
} pont__qtok;

/* Splits text into words (letters, with inner apostrophes and hyphens), numbers (digits with
 * inner , . : and no-break spaces), tags (placeholders), single marks and runs of dots or dashes. */
size_t pont__tm_split(const char *s, size_t n, pont__qtok **v, size_t *alloc);
/* A token as compared (pont__fold_key; a run of dots "...", of dashes "-"). */
void pont__tm_fold_token(const char *s, size_t n, int kind, pont_buf *out);
#define PONT__TM_KEY0 0xCBF29CE484222325ull
uint64_t pont__tm_key_step(uint64_t h, const char *f, size_t n);
/* The hash of text up to typography: its folded tokens in order. */
uint64_t pont__tm_text_key(const char *s, size_t n);

/* The folded tokens of s as a set of occurrences, NUL-separated, in *toks (reset first): a
 * token's first occurrence as it is, each further one followed by PONT__TM_OCC and its rank
 * ("de", "de\0372"), so that sets of them meet as the texts' multisets of tokens do; each with
 * its class weight in (*w)[k] (grown, *aw its size). Returns how many; *total is s's weight,
 * *key its key. No token holds PONT__TM_OCC after its first character. */
#define PONT__TM_OCC '\037'
size_t pont__tm_tokens(const char *s, size_t n, pont_buf *toks, double **w, size_t *aw, double *total, uint64_t *key);
/* The band of weights w falls in: weights 15 % apart, from -10 (a mark) to 80. */
int pont__tm_bucket(double w);

#endif
