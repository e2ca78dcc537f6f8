/* internal.h: helpers shared by the library's files; never installed, never seen by the CLI. */
#ifndef PONT_INTERNAL_H
#define PONT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "pont.h"

/* Allocation: on out-of-memory these call pont__oom, which does not return, so callers never
 * check. */
void pont__oom(size_t n) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);
/* Grows *v (elements of size sz) so that it holds at least need elements. */
void xgrow(void **v, size_t *alloc, size_t need, size_t sz);
#define XGROW(v, alloc, need) xgrow((void **)&(v), &(alloc), (need), sizeof *(v))
/* For big buffers sized up front: memory on huge pages where available (free() releases it).
 * xgrow_big grows to exactly need elements. */
void *xmalloc_big(size_t n);
void xgrow_big(void **v, size_t *alloc, size_t need, size_t sz);
#define XGROW_BIG(v, alloc, need) xgrow_big((void **)&(v), &(alloc), (need), sizeof *(v))

/* The end of the line that starts at i in s[0, len): before its LF, CR LF or lone CR (len at
 * the end of the text); *next gets where the next line starts. */
size_t pont__line_end(const char *s, size_t i, size_t len, size_t *next);

/* A 64-bit hash of s[0, n) for the library's hash tables. */
uint64_t pont_hash(const char *s, size_t n);

/* Fills err (when not NULL) and returns code. */
pont_status pont_fail(pont_error *err, pont_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same with a position. */
pont_status pont_fail_at(pont_error *err, pont_status code, const char *file, unsigned long line,
			 unsigned long col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Character classes on code points (ICU-backed where it matters). */
int pont_cp_is_space(uint32_t c);	/* Unicode white space, incl. no-break spaces */
int pont_cp_is_hspace(uint32_t c);	/* white space other than line ends */
int pont_cp_is_letter(uint32_t c);
int pont_cp_is_upper(uint32_t c);
int pont_cp_is_lower(uint32_t c);
int pont_cp_is_digit(uint32_t c);
int pont_cp_is_alnum(uint32_t c);
int pont_cp_is_hyphen(uint32_t c);	/* - U+2010 U+2011: hyphens inside words */
int pont_cp_is_apostrophe(uint32_t c);	/* ' U+2019 U+02BC */

/* Decodes the code point that ends just before s[i] (valid UTF-8 assumed); *start gets its offset. */
uint32_t pont_utf8_prev(const char *s, size_t i, size_t *start);
/* Number of bytes of the UTF-8 sequence whose lead byte is c (1 for invalid). */
size_t pont_utf8_len(unsigned char c);

/* Finds bare URLs and e-mail addresses in s[start, end) and appends them as marks. */
typedef struct pont_marks {
	pont_mark *v;
	size_t n, alloc;
} pont_marks;
void pont_marks_push(pont_marks *m, pont_mark_kind k, size_t start, size_t end);
void pont_scan_links(const char *s, size_t start, size_t end, pont_marks *out);
/* Length of the emoticon at s[i] (":-)", ";)", "^^"...), 0 if none. */
size_t pont_emoticon_len(const char *s, size_t len, size_t i);

/* An interning hash map (intern.c): strings to dense ids 0, 1, 2... in the order first seen. */
typedef struct pont_intern {
	uint32_t *slot;		/* id + 1, 0 = empty */
	uint32_t *shash;	/* per slot: the high bits of its string's hash, to skip most compares */
	size_t nslot;
	pont_buf pool;		/* strings, NUL-terminated */
	size_t *off;		/* id -> offset in pool */
	uint32_t *len;		/* id -> length */
	size_t n, alloc, alen;
} pont_intern;
#define PONT_INTERN_INIT { NULL, NULL, 0, PONT_BUF_INIT, NULL, NULL, 0, 0, 0 }
/* The id of s[0, n), added when new (add != 0); UINT32_MAX when absent and add is 0. */
uint32_t pont__intern(pont_intern *m, const char *s, size_t n, int add);
/* The string of id (NUL-terminated) and its length. */
const char *pont__intern_str(const pont_intern *m, uint32_t id);
size_t pont__intern_len(const pont_intern *m, uint32_t id);
void pont__intern_release(pont_intern *m);

/* Text primitives (text/fold.c): one copy of each. */
/* Appends s folded to lower case (ICU's case folding; ASCII without ICU). */
void pont__fold_case(const char *s, size_t n, pont_buf *out);
/* The typographic class of a mark: what it stands for when typography is ignored (' ’ ‘ ʼ ` ´ ′
 * are apostrophes; « » “ ” „ " ‹ › quotation marks; hyphens, en and em dashes, minus dashes; …). */
enum { PONT__TY_NONE, PONT__TY_APOSTROPHE, PONT__TY_QUOTE, PONT__TY_DASH, PONT__TY_ELLIPSIS };
int pont__typo_mark(uint32_t c);
/* Folds text for matching what a reader sees: apostrophes, quotes, dashes and the ellipsis
 * to one form each, white space out, then NFKC with case folding. Appends to *out. */
void pont__fold_key(const char *s, size_t n, pont_buf *out);
/* Length of a French elision at the start of w with its apostrophe ("l’", "qu'", "jusqu’"),
 * when a word follows it; 0 if none. Case-insensitive, either apostrophe. */
size_t pont__elision_len(const char *w, size_t n);

/* Building a glossary (tbx.c): for readers other than TBX. Strings are copied. */
pont_glossary *pont__glossary_new(pont_tbx_dialect d);
size_t pont__glossary_add_concept(pont_glossary *g, const char *id, const char *subject,
				  const char *definition, const char *note);
/* A term of the last concept added; returns it for the caller to fill (strings via keep). */
pont_term *pont__glossary_add_term(pont_glossary *g, const char *lang, const char *text);
/* Puts concept ci's terms of one language together (languages in order of first appearance). */
void pont__glossary_group_terms(pont_glossary *g, size_t ci);
void pont__glossary_set_langnote(pont_glossary *g, const char *lang, const char *definition, const char *note);
const char *pont__glossary_keep(pont_glossary *g, const char *s);

/* Do dictionaries open at the same time (Hunspell's shared table calls are seen guarded)? dict.c */
int pont__dict_concurrent(void);

/* Which of the speller's dictionaries know the word: 1 its own (with the accepted vocabulary),
 * 2 the other language's, 3 both. Cached with the speller's verdicts (spell.c; for check). */
int pont__speller_knows(pont_speller *sp, const char *w, size_t n);

/* Counters (counters.c): each costly step counts itself. */
enum pont_count {
	PONT_COUNT_DOC, PONT_COUNT_SEGMENT, PONT_COUNT_MATCH, PONT_COUNT_SPELL, PONT_COUNT_XLIFF_READ,
	PONT_COUNT_XLIFF_WRITE, PONT_COUNT_N
};
void pont__count(enum pont_count what);

#include "banned.h"

#endif
