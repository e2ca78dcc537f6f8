/* glossary.h: the glossary's storage, shared by its readers (tbx_read.c, glossary_table.c) and
 * glossary.c. Private to the library. */
#ifndef PONT_LEXICON_GLOSSARY_H
#define PONT_LEXICON_GLOSSARY_H

#include "internal.h"

typedef struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
} chunk;

struct pont_glossary {
	pont_tbx_dialect dialect;
	int dct;
	pont_concept *c;
	size_t nc, ac;
	pont_term *t;
	size_t nt, at;
	pont_langnote *ln;
	size_t nln, aln;
	chunk *strings;
};

/* A copy of s[0, n) in the glossary's string pool (NUL-terminated). */
const char *pont__glossary_keepn(pont_glossary *g, const char *s, size_t n);

/* Sets concept ci's enforcement from value (kept as written); -1 when it cannot be read, the
 * level then left unset and the reason in why. */
int pont__glossary_set_enforcement(pont_glossary *g, size_t ci, const char *value, pont_buf *why);
/* The languages of concept ci, in the order they first come (at most max); returns their number. */
size_t pont__glossary_concept_langs(const pont_glossary *g, size_t ci, const char **langs, size_t max);
/* Concept ci's note for lang, NULL when none. */
const pont_langnote *pont__glossary_langnote_of(const pont_glossary *g, size_t ci, const char *lang);
/* The CSV (tsv 0) or TSV form of g (glossary_table.c). */
void pont__glossary_write_table(const pont_glossary *g, int tsv, pont_buf *b);

#endif
