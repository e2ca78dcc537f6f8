/* check.c: translation QA on aligned French/English segment pairs: terminology (both sides
 * matched with the glossary's terms), numbers after conversion, URLs, markup, untranslated
 * text, French typography left in English, punctuation, spelling, consistency. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const pont_check_info infos[PONT_CHECK_N] = {
	{ "term-missing", PONT_SEV_WARNING,
	  "a glossary term of the source has none of its approved English terms in the target" },
	{ "term-forbidden", PONT_SEV_ERROR, "the target uses an English term the glossary marks as not to be used" },
	{ "term-count", PONT_SEV_INFO, "a term occurs more often in the source than its English in the target" },
	{ "untranslated", PONT_SEV_ERROR, "the target is the source, or French text" },
	{ "number-mismatch", PONT_SEV_ERROR,
	  "the numbers differ once French notation is converted (3,5 % = 3.5%, 10 000 = 10,000, 24h/7j = 24/7)" },
	{ "url-mismatch", PONT_SEV_ERROR, "a URL of the source is not in the target, or the other way round" },
	{ "email-mismatch", PONT_SEV_ERROR, "an e-mail address of the source is not in the target, or the other way round" },
	{ "inline-markup-mismatch", PONT_SEV_WARNING, "emphasis, links or code spans differ in number" },
	{ "french-typography", PONT_SEV_WARNING,
	  "French typography left in the English: « », a space before ; : ! ?, a decimal comma, spaced thousands" },
	{ "quotes-unbalanced", PONT_SEV_WARNING, "an opening quotation mark without its closing one, or the reverse" },
	{ "brackets-unbalanced", PONT_SEV_WARNING, "a bracket without its partner" },
	{ "repeated-word", PONT_SEV_WARNING, "the same word twice in a row" },
	{ "double-space", PONT_SEV_INFO, "two spaces in a row" },
	{ "end-punctuation", PONT_SEV_INFO, "the source and target end with different punctuation" },
	{ "length-ratio", PONT_SEV_INFO, "the target is far shorter or longer than English usually is for such a source" },
	{ "spelling", PONT_SEV_WARNING, "an English word the dictionaries do not know" },
	{ "inconsistent-translation", PONT_SEV_WARNING,
	  "the same source translated differently, or the same target for different sources" },
	{ "term-first-mention", PONT_SEV_WARNING,
	  "an acronym the glossary wants spelt out (its note says \"first use\") first used without its full form" },
	{ "speaker-mismatch", PONT_SEV_ERROR, "a speaker turn whose label differs or went missing in the target" },
	{ "misaligned", PONT_SEV_ERROR, "the source and target do not have the same paragraphs: pairs may be wrong" },
};

const pont_check_info *
pont_check_info_of(pont_check_id id)
{
	return id < PONT_CHECK_N ? &infos[id] : NULL;
}

int
pont_check_parse(const char *name)
{
	int k;

	for (k = 0; k < PONT_CHECK_N; k++)
		if (strcmp(infos[k].id, name) == 0)
			return k;
	return -1;
}

typedef struct seen {
	uint64_t src, tgt;
	size_t pair;		/* index in the order pairs were checked */
	char *where;		/* a description of the first place */
} seen;

struct pont_checker {
	const pont_glossary **gs;	/* the array is a copy; the glossaries are borrowed */
	size_t ng;
	pont_matcher *mfr, *men;
	pont_dict *fr, *en;
	pont_speller *sp;
	char trg[16];
	pont_severity sev[PONT_CHECK_N];
	seen *seen;
	size_t nseen, aseen, npairs;
	/* concepts already mentioned in this document: (glossary << 32 | concept) */
	uint64_t *mentioned;
	size_t nmentioned, amentioned;
};

pont_checker *
pont_checker_new(const pont_glossary *const *gs, size_t ng, pont_dict *fr, pont_dict *en, const char *trg_lang,
		 pont_error *err)
{
	pont_checker *c = xcalloc(1, sizeof *c);
	int k;

	c->gs = xcalloc(ng + 1, sizeof *c->gs);
	memcpy(c->gs, gs, ng * sizeof *gs);
	c->ng = ng;
	c->fr = fr;
	c->en = en;
	snprintf(c->trg, sizeof c->trg, "%s", trg_lang ? trg_lang : "en");
	for (k = 0; k < PONT_CHECK_N; k++)
		c->sev[k] = infos[k].sev;
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
	for (i = 0; i < c->nseen; i++)
		free(c->seen[i].where);
	free(c->seen);
	free(c->mentioned);
	free(c->gs);
	free(c);
}

void
pont_checker_new_document(pont_checker *c)
{
	c->nmentioned = 0;
}

/* Was the concept mentioned before in this document? Records it. */
static int
mentioned(pont_checker *c, size_t g, size_t concept)
{
	uint64_t key = (uint64_t)g << 32 | (uint64_t)concept;
	size_t i;

	for (i = 0; i < c->nmentioned; i++)
		if (c->mentioned[i] == key)
			return 1;
	XGROW(c->mentioned, c->amentioned, c->nmentioned + 1);
	c->mentioned[c->nmentioned++] = key;
	return 0;
}

/* Does the term's note ask for the full form on first use? */
static int
first_use_term(const pont_term *t)
{
	const char *n = t->note;

	if (n == NULL || (t->type != PONT_TYPE_ACRONYM && t->type != PONT_TYPE_ABBREVIATION))
		return 0;
	for (; *n; n++)
		if (strncasecmp(n, "first use", 9) == 0)
			return 1;
	return 0;
}

void
pont_checker_set_severity(pont_checker *c, pont_check_id id, pont_severity sev)
{
	if (id < PONT_CHECK_N)
		c->sev[id] = sev;
}

pont_severity
pont_checker_severity(const pont_checker *c, pont_check_id id)
{
	return id < PONT_CHECK_N ? c->sev[id] : (pont_severity)0;
}

#define ADD(c, out, cid, a, b, ...) \
	do { \
		if ((c)->sev[cid]) \
			pont_findings_add((out), infos[cid].id, (c)->sev[cid], (a), (b), NULL, 0, __VA_ARGS__); \
	} while (0)

/* --- numbers --- */

/* The numbers of text, normalized: thousands separators out, decimal comma as a point;
 * appended to *out as NUL-terminated strings; returns how many. */
static size_t
numbers(const char *s, size_t n, int french, pont_buf *out)
{
	size_t i = 0, k = 0;

	while (i < n) {
		size_t j = i;
		uint32_t c = pont_utf8_next(s, n, &j);

		if (!pont_cp_is_digit(c)) {
			i = j;
			continue;
		}
		j = i;
		{
			pont_buf num = PONT_BUF_INIT;

			while (j < n) {
				size_t q = j, r;
				uint32_t d = pont_utf8_next(s, n, &q);

				if (pont_cp_is_digit(d)) {
					pont_buf_addc(&num, (char)('0' + (d - '0') % 10));
					j = q;
					continue;
				}
				r = q;
				/* a group separator: exactly three digits follow */
				if ((french ? (d == ' ' || d == 0xA0 || d == 0x202F || d == '.') : d == ',') && q + 3 <= n &&
				    pont_cp_is_digit((unsigned char)s[q]) && pont_cp_is_digit((unsigned char)s[q + 1]) &&
				    pont_cp_is_digit((unsigned char)s[q + 2]) && (q + 3 == n || !pont_cp_is_digit((unsigned char)s[q + 3]))) {
					j = q;
					continue;
				}
				if ((french ? d == ',' : d == '.') && q < n && pont_cp_is_digit(pont_utf8_next(s, n, &r))) {
					pont_buf_addc(&num, '.');
					j = q;
					continue;
				}
				break;
			}
			pont_buf_add(out, num.p, num.len);
			pont_buf_addc(out, '\0');
			pont_buf_release(&num);
			k++;
		}
		i = j;
	}
	return k;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorted pointers to the n strings of b. */
static const char **
split_sorted(const pont_buf *b, size_t n)
{
	const char **v = xmalloc((n + 1) * sizeof *v);
	size_t k, a = 0;

	for (k = 0; k < n; k++) {
		v[k] = b->p + a;
		a += strlen(b->p + a) + 1;
	}
	qsort(v, n, sizeof *v, cmp_str);
	return v;
}

/* The numbers of a that b lacks, and those of b that a lacks, as text; returns their count. */
static size_t
number_diff(const pont_buf *a, size_t na, const pont_buf *b, size_t nb, pont_buf *miss, pont_buf *extra)
{
	const char **x = split_sorted(a, na), **y = split_sorted(b, nb);
	size_t i = 0, j = 0, n = 0;

	pont_buf_reset(miss);
	pont_buf_reset(extra);
	while (i < na || j < nb) {
		int d = i == na ? 1 : j == nb ? -1 : strcmp(x[i], y[j]);

		if (d == 0) {
			i++;
			j++;
			continue;
		}
		n++;
		if (d < 0)
			pont_buf_addf(miss, "%s%s", miss->len ? ", " : "", x[i++]);
		else
			pont_buf_addf(extra, "%s%s", extra->len ? ", " : "", y[j++]);
	}
	free(x);
	free(y);
	return n;
}

static void
check_numbers(pont_checker *c, const char *src, size_t sn, const char *tgt, size_t tn, pont_findings *out)
{
	pont_buf a = PONT_BUF_INIT, b = PONT_BUF_INIT, b2 = PONT_BUF_INIT;
	pont_buf miss = PONT_BUF_INIT, extra = PONT_BUF_INIT, m2 = PONT_BUF_INIT, e2 = PONT_BUF_INIT;
	size_t na = numbers(src, sn, 1, &a), nb = numbers(tgt, tn, 0, &b), d;

	d = number_diff(&a, na, &b, nb, &miss, &extra);
	if (d) {
		/* numbers left in French notation are French typography (reported as such), not
		 * different numbers: read the target the French way too and keep the smaller difference */
		size_t nb2 = numbers(tgt, tn, 1, &b2);

		if (number_diff(&a, na, &b2, nb2, &m2, &e2) < d) {
			d = m2.len || e2.len;
			pont_buf_release(&miss);
			pont_buf_release(&extra);
			miss = m2;
			extra = e2;
			m2 = (pont_buf)PONT_BUF_INIT;
			e2 = (pont_buf)PONT_BUF_INIT;
		}
	}
	if (miss.len || extra.len)
		ADD(c, out, PONT_CHECK_NUMBER_MISMATCH, 0, tn, "numbers differ: %s%s%s%s%s",
		    miss.len ? "not in the target: " : "", miss.len ? miss.p : "", miss.len && extra.len ? "; " : "",
		    extra.len ? "not in the source: " : "", extra.len ? extra.p : "");
	pont_buf_release(&a);
	pont_buf_release(&b);
	pont_buf_release(&b2);
	pont_buf_release(&miss);
	pont_buf_release(&extra);
	pont_buf_release(&m2);
	pont_buf_release(&e2);
}

/* --- URLs, e-mail addresses, markup --- */

static void
check_links(pont_checker *c, const char *src, size_t sn, const char *tgt, size_t tn, pont_findings *out)
{
	pont_marks ms = { NULL, 0, 0 }, mt = { NULL, 0, 0 };
	size_t i, j;
	int kind;

	pont_scan_links(src, 0, sn, &ms);
	pont_scan_links(tgt, 0, tn, &mt);
	for (kind = 0; kind < 2; kind++) {
		pont_mark_kind mk = kind ? PONT_MARK_EMAIL : PONT_MARK_URL;
		pont_check_id id = kind ? PONT_CHECK_EMAIL_MISMATCH : PONT_CHECK_URL_MISMATCH;

		for (i = 0; i < ms.n; i++) {
			size_t l = ms.v[i].span.end - ms.v[i].span.start;
			int found = 0;

			if (ms.v[i].kind != mk)
				continue;
			for (j = 0; j < mt.n && !found; j++)
				found = mt.v[j].kind == mk && mt.v[j].span.end - mt.v[j].span.start == l &&
					memcmp(tgt + mt.v[j].span.start, src + ms.v[i].span.start, l) == 0;
			if (!found)
				ADD(c, out, id, 0, tn, "%s of the source not in the target: %.*s", kind ? "e-mail address" : "URL",
				    (int)l, src + ms.v[i].span.start);
		}
		for (j = 0; j < mt.n; j++) {
			size_t l = mt.v[j].span.end - mt.v[j].span.start;
			int found = 0;

			if (mt.v[j].kind != mk)
				continue;
			for (i = 0; i < ms.n && !found; i++)
				found = ms.v[i].kind == mk && ms.v[i].span.end - ms.v[i].span.start == l &&
					memcmp(src + ms.v[i].span.start, tgt + mt.v[j].span.start, l) == 0;
			if (!found)
				ADD(c, out, id, mt.v[j].span.start, mt.v[j].span.end, "%s not in the source: %.*s",
				    kind ? "e-mail address" : "URL", (int)l, tgt + mt.v[j].span.start);
		}
	}
	free(ms.v);
	free(mt.v);
}

/* Counts of Markdown markup: emphasis runs, links, code spans. */
static void
markup(const char *s, size_t n, size_t *emph, size_t *links, size_t *code)
{
	size_t i;

	*emph = *links = *code = 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '`')
			(*code)++;
		else if (s[i] == ']' && i + 1 < n && s[i + 1] == '(')
			(*links)++;
		else if ((s[i] == '*' || s[i] == '_') && (i == 0 || s[i - 1] != s[i]) &&
			 !(s[i] == '_' && i > 0 && i + 1 < n && pont_cp_is_alnum((unsigned char)s[i - 1]) &&
			   pont_cp_is_alnum((unsigned char)s[i + 1])))
			(*emph)++;
	}
}

/* Is the text at i inside a link or a `code` span? *ticks counts the backticks before i: the
 * callers go forward and give the count of the previous call with the position it was for. */
static int
protected_at(const char *s, const pont_marks *links, size_t i, size_t *from, size_t *ticks)
{
	size_t k;

	for (k = 0; k < links->n; k++)
		if (links->v[k].span.start <= i && i < links->v[k].span.end)
			return 1;
	for (k = *from; k < i; k++)
		*ticks += s[k] == '`';
	*from = i;
	return *ticks % 2 == 1;
}

static void
check_typography(pont_checker *c, const char *t, size_t n, pont_findings *out)
{
	pont_marks links = { NULL, 0, 0 };
	size_t i = 0, scanned = 0, ticks = 0;
	int columns = 0;

	for (i = 0; i + 2 < n && !columns; i++)	/* three spaces in a row: text laid out in columns */
		columns = t[i] == ' ' && t[i + 1] == ' ' && t[i + 2] == ' ';
	i = 0;
	pont_scan_links(t, 0, n, &links);
	while (i < n) {
		size_t j = i, k;
		uint32_t ch = pont_utf8_next(t, n, &j);

		if (protected_at(t, &links, i, &scanned, &ticks)) {
			i = j;
			continue;
		}
		if (ch == 0xAB || ch == 0xBB) {
			ADD(c, out, PONT_CHECK_FRENCH_TYPOGRAPHY, i, j, "French quotation mark %s: English uses “ ”",
			    ch == 0xAB ? "«" : "»");
		} else if (ch == ' ' || ch == 0xA0 || ch == 0x202F) {
			k = j;
			if (k < n && strchr(";:!?", t[k]) && i > 0 && t[i - 1] != ' ' &&
			    (k + 1 == n || t[k + 1] == ' ' || t[k + 1] == '\n' || t[k + 1] == '"' || t[k + 1] == ')')) {
				ADD(c, out, PONT_CHECK_FRENCH_TYPOGRAPHY, i, k + 1, "space before '%c': not in English", t[k]);
			} else if (i > 0 && pont_cp_is_digit((unsigned char)t[i - 1]) && k + 3 <= n &&
				   pont_cp_is_digit((unsigned char)t[k]) && pont_cp_is_digit((unsigned char)t[k + 1]) &&
				   pont_cp_is_digit((unsigned char)t[k + 2]) && (k + 3 == n || !pont_cp_is_alnum((unsigned char)t[k + 3]))) {
				ADD(c, out, PONT_CHECK_FRENCH_TYPOGRAPHY, i, j, "space as thousands separator: English writes 10,000");
			} else if (ch == ' ' && k < n && t[k] == ' ') {
				size_t run = k + 1;

				while (run < n && t[run] == ' ')
					run++;
				/* two spaces exactly, between words, in text not laid out in columns */
				if (run == k + 1 && i > 0 && t[i - 1] != '\n' && !columns)
					ADD(c, out, PONT_CHECK_DOUBLE_SPACE, i, k + 1, "two spaces in a row");
				j = run;
			}
		} else if (ch == ',' && i > 0 && i + 1 < n && pont_cp_is_digit((unsigned char)t[i - 1]) &&
			   pont_cp_is_digit((unsigned char)t[i + 1]) &&
			   !(i + 4 <= n && pont_cp_is_digit((unsigned char)t[i + 2]) && pont_cp_is_digit((unsigned char)t[i + 3]) &&
			     (i + 4 == n || !pont_cp_is_digit((unsigned char)t[i + 4])))) {
			ADD(c, out, PONT_CHECK_FRENCH_TYPOGRAPHY, i, j, "decimal comma: English writes 3.5");
		}
		i = j;
	}
	free(links.v);
}

static void
check_balance(pont_checker *c, const char *t, size_t n, pont_findings *out)
{
	static const uint32_t pairs[][2] = { { 0x201C, 0x201D }, { 0xAB, 0xBB }, { '(', ')' }, { '[', ']' }, { '{', '}' } };
	enum { NP = sizeof pairs / sizeof pairs[0] };
	static const char *const opener[NP] = { "“", "«", "(", "[", "{" }, *const closer[NP] = { "”", "»", ")", "]", "}" };
	long depth[NP] = { 0 };
	size_t first_open[NP], first_end[NP], at[NP] = { 0 }, at_end[NP] = { 0 }, k, i;
	int stray[NP] = { 0 };	/* a closer before its opener: the scan of that pair stops there */

	for (k = 0; k < NP; k++)
		first_open[k] = first_end[k] = n;
	for (i = 0; i < n;) {
		size_t j = i, emo = pont_emoticon_len(t, n, i);
		uint32_t ch;

		if (emo) {		/* :-) and friends hold no bracket */
			i += emo;
			continue;
		}
		ch = pont_utf8_next(t, n, &j);
		for (k = 0; k < NP; k++) {
			if (stray[k])
				continue;
			if (ch == pairs[k][0]) {
				if (depth[k] == 0) {
					first_open[k] = i;
					first_end[k] = j;
				}
				depth[k]++;
			} else if (ch == pairs[k][1] && --depth[k] < 0) {
				at[k] = i;
				at_end[k] = j;
				stray[k] = 1;
			}
		}
		i = j;
	}
	for (k = 0; k < NP; k++)
		if (depth[k] != 0)
			ADD(c, out, k < 2 ? PONT_CHECK_QUOTES_UNBALANCED : PONT_CHECK_BRACKETS_UNBALANCED,
			    depth[k] > 0 ? first_open[k] : at[k], depth[k] > 0 ? first_end[k] : at_end[k], "'%s' without its '%s'",
			    depth[k] > 0 ? opener[k] : closer[k], depth[k] > 0 ? closer[k] : opener[k]);
	/* straight double quotes go by pairs */
	for (i = 0, k = 0; i < n; i++)
		k += t[i] == '"';
	if (k % 2)
		ADD(c, out, PONT_CHECK_QUOTES_UNBALANCED, 0, n, "an odd number of '\"'");
}

/* The last character that is not a space or closing quote. */
static uint32_t
end_punct(const char *s, size_t n)
{
	size_t i = n, st;

	while (i > 0) {
		uint32_t ch = pont_utf8_prev(s, i, &st);

		if (!pont_cp_is_space(ch) && ch != '"' && ch != 0xBB && ch != 0x201D && ch != '*' && ch != '_')
			return ch == 0x2026 ? '.' : ch;
		i = st;
	}
	return 0;
}

/* --- untranslated --- */

/* Does a sentence start at i: nothing but spaces between it and the start, or . : ! ? */
static int
sentence_start(const char *t, size_t i)
{
	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '"' || t[i - 1] == '*'))
		i--;
	return i == 0 || strchr(".:!?", t[i - 1]) != NULL;
}

/* How many words of t only French knows; *english gets those only English knows, *words the
 * number of words. */
static size_t
french_words(pont_checker *c, const char *t, size_t n, size_t *english, size_t *words)
{
	size_t i = 0, french = 0, l = 0;
	pont_marks links = { NULL, 0, 0 };

	*words = *english = 0;
	if (c->fr == NULL || c->en == NULL || c->sp == NULL)
		return 0;
	pont_scan_links(t, 0, n, &links);	/* URLs and e-mail addresses are no words */
	while (i < n) {
		size_t j = i;
		uint32_t ch = pont_utf8_next(t, n, &j);
		int k;

		while (l < links.n && links.v[l].span.end <= i)
			l++;
		if (l < links.n && links.v[l].span.start <= i) {
			i = links.v[l].span.end;
			continue;
		}
		if (!pont_cp_is_letter(ch)) {
			i = j;
			continue;
		}
		while (j < n) {
			size_t q = j;
			uint32_t d = pont_utf8_next(t, n, &q);

			if (!pont_cp_is_letter(d) && !pont_cp_is_apostrophe(d))
				break;
			j = q;
		}
		/* words of code (--compare-versions, ver1, /bin/su, config.h) and capitalised words
		 * inside a sentence (names) say nothing of the language */
		if ((i > 0 && strchr("-/_.=$\\@(|", t[i - 1]) != NULL) ||
		    (j < n && (pont_cp_is_digit((unsigned char)t[j]) || strchr("_/=(@\\|", t[j]) != NULL)) ||
		    (j + 1 < n && t[j] == '.' && pont_cp_is_alnum((unsigned char)t[j + 1])) ||	/* config.h */
		    (*words > 0 && pont_cp_is_upper(ch) && !sentence_start(t, i))) {
			(*words)++;
			i = j;
			continue;
		}
		(*words)++;
		k = pont__speller_knows(c->sp, t + i, j - i);
		french += k == 2;
		*english += k == 1;
		i = j;
	}
	free(links.v);
	return french;
}

/* Does t read as French? More words only French knows than words only English knows, as the
 * speller decides a sentence's language ("nous", "de", "ton" are English words too). */
static int
french_text(pont_checker *c, const char *t, size_t n)
{
	size_t words, english, french = french_words(c, t, n, &english, &words);

	return words >= 3 && french >= 2 && french > english;
}

/* --- terms --- */

/* A concept of the source; concepts whose French is written the same way (homonyms:
 * « licence » the degree and a software licence) share a group: the English of any of them
 * renders the French. */
typedef struct conc {
	size_t glossary, concept, nsrc, ntgt, approved;
	size_t group;		/* index of the group's first concept */
	size_t first;		/* the source match that brought it */
} conc;

/* The concept's entry in v, added when new (group: its own index unless given). */
static size_t
conc_at(conc **v, size_t *nv, size_t *av, size_t glossary, size_t concept, size_t group, size_t first)
{
	size_t k;

	for (k = 0; k < *nv && !((*v)[k].glossary == glossary && (*v)[k].concept == concept); k++)
		;
	if (k == *nv) {
		XGROW(*v, *av, *nv + 1);
		memset(&(*v)[k], 0, sizeof (*v)[k]);
		(*v)[k].glossary = glossary;
		(*v)[k].concept = concept;
		(*v)[k].group = group == SIZE_MAX ? k : group;
		(*v)[k].first = first;
		(*nv)++;
	}
	return k;
}

/* Alternative alt of match i (0: the match itself, then the other concepts written the same
 * way): its glossary in *gi and its term in *ti. */
static void
match_alt(const pont_matches *m, size_t i, size_t alt, size_t *gi, size_t *ti)
{
	*gi = alt ? m->alts[2 * (m->v[i].alt0 + alt - 1)] : m->v[i].glossary;
	*ti = alt ? m->alts[2 * (m->v[i].alt0 + alt - 1) + 1] : m->v[i].term;
}

static pont_doc *
doc_of(const char *s, size_t n)
{
	return pont_doc_parse(s, n, NULL, NULL);
}

static void
check_terms(pont_checker *c, const char *src, size_t sn, const char *tgt, size_t tn, pont_findings *out)
{
	pont_doc *ds, *dt;
	pont_matches ms = PONT_MATCHES_INIT, mt = PONT_MATCHES_INIT;
	conc *v = NULL;
	size_t nv = 0, av = 0, i, k;

	if (c->mfr == NULL)
		return;
	ds = doc_of(src, sn);
	dt = doc_of(tgt, tn);
	if (ds && dt) {
		pont_match_doc(c->mfr, ds, &ms);
		pont_match_doc(c->men, dt, &mt);
	}
	for (i = 0; i < ms.n; i++) {
		size_t alt, group = SIZE_MAX;

		for (alt = 0; alt <= ms.v[i].nalt; alt++) {	/* the match, then its homonyms */
			size_t gi, ti;

			match_alt(&ms, i, alt, &gi, &ti);
			k = conc_at(&v, &nv, &av, gi, pont_glossary_term(c->gs[gi], ti)->concept, group, i);
			if (alt == 0)
				group = v[k].group;
			v[k].nsrc++;
		}
	}
	for (i = 0; i < mt.n; i++) {
		size_t alt, forbidden_k = nv;
		int counted = 0;

		/* the match and its alternatives (other concepts written the same way) */
		for (alt = 0; alt <= mt.v[i].nalt; alt++) {
			size_t gi, ti;
			const pont_term *t;

			match_alt(&mt, i, alt, &gi, &ti);
			t = pont_glossary_term(c->gs[gi], ti);

			for (k = 0; k < nv; k++) {
				if (v[k].glossary != gi || v[k].concept != t->concept)
					continue;
				if (pont_term_status_rank(t->status) >= 3) {
					if (forbidden_k == nv)
						forbidden_k = k;	/* a rendering not to use, of a concept of the source */
				} else if (!counted) {
					v[k].ntgt++, counted = 1;
				}
			}
		}
		if (forbidden_k < nv && !counted) {
			const pont_glossary *g = c->gs[v[forbidden_k].glossary];
			const pont_term *t = NULL;
			size_t en[16], ne = pont_glossary_english(g, v[forbidden_k].concept, c->trg, en, 16), j;
			const char *use = NULL;

			for (alt = 0; alt <= mt.v[i].nalt && t == NULL; alt++) {	/* the term as the glossary has it */
				size_t gi, ti;

				match_alt(&mt, i, alt, &gi, &ti);
				if (gi == v[forbidden_k].glossary &&
				    pont_glossary_term(c->gs[gi], ti)->concept == v[forbidden_k].concept)
					t = pont_glossary_term(c->gs[gi], ti);
			}
			for (j = 0; j < ne && use == NULL; j++)
				if (pont_term_status_rank(pont_glossary_term(g, en[j])->status) < 3)
					use = pont_glossary_term(g, en[j])->text;
			ADD(c, out, PONT_CHECK_TERM_FORBIDDEN, mt.v[i].span.start, mt.v[i].span.end,
			    "'%.*s' is not to be used (%s in the glossary)%s%s", (int)(mt.v[i].span.end - mt.v[i].span.start),
			    tgt + mt.v[i].span.start, t ? pont_term_status_name(t->status) : "deprecated", use ? ": use " : "",
			    use ? use : "");
			v[forbidden_k].ntgt++;	/* rendered, badly: not also missing */
		}
	}
	/* acronyms to spell out on first use: the full form must be in the same target */
	for (i = 0; i < mt.n; i++) {
		const pont_glossary *g = c->gs[mt.v[i].glossary];
		const pont_term *t = pont_glossary_term(g, mt.v[i].term);
		size_t j, q;
		int full = 0;

		if (mentioned(c, mt.v[i].glossary, t->concept) || !first_use_term(t))
			continue;
		for (j = 0; j < mt.n && !full; j++) {
			const pont_term *u = pont_glossary_term(c->gs[mt.v[j].glossary], mt.v[j].term);

			full = j != i && mt.v[j].glossary == mt.v[i].glossary && u->concept == t->concept &&
			       u->type != PONT_TYPE_ACRONYM && u->type != PONT_TYPE_ABBREVIATION &&
			       pont_term_status_rank(u->status) < 3;
		}
		if (!full) {
			const pont_concept *cc = pont_glossary_concept(g, t->concept);
			const char *ff = NULL;

			for (q = 0; q < cc->nterms && ff == NULL; q++) {
				const pont_term *u = pont_glossary_term(g, cc->term0 + q);

				if (u->lang && pont_lang_matches(u->lang, "en") && u->type != PONT_TYPE_ACRONYM &&
				    u->type != PONT_TYPE_ABBREVIATION && pont_term_status_rank(u->status) < 3)
					ff = u->text;
			}
			ADD(c, out, PONT_CHECK_TERM_FIRST_MENTION, mt.v[i].span.start, mt.v[i].span.end,
			    "first use of '%.*s' without its full form%s%s", (int)(mt.v[i].span.end - mt.v[i].span.start),
			    tgt + mt.v[i].span.start, ff ? ": " : "", ff ? ff : "");
		}
	}
	for (k = 0; k < nv; k++) {
		const pont_concept *cc = pont_glossary_concept(c->gs[v[k].glossary], v[k].concept);
		const pont_match *m = &ms.v[v[k].first];
		size_t q, j, ntgt = 0, nsrc = 0;
		pont_buf list = PONT_BUF_INIT;

		if (v[k].group != k)
			continue;	/* with its group's first concept */
		for (q = k; q < nv; q++) {
			const pont_glossary *g = c->gs[v[q].glossary];
			size_t en[16], ne, before = list.len;

			if (v[q].group != k)
				continue;
			ntgt += v[q].ntgt;
			nsrc = v[q].nsrc > nsrc ? v[q].nsrc : nsrc;
			ne = pont_glossary_english(g, v[q].concept, c->trg, en, 16);
			for (j = 0; j < ne; j++)
				if (pont_term_status_rank(pont_glossary_term(g, en[j])->status) < 3)
					pont_buf_addf(&list, "%s%s", list.len == before ? (before ? " or " : "") : ", ",
						      pont_glossary_term(g, en[j])->text);
			if (list.len > before && q != k)	/* a homonym's English, named */
				pont_buf_addf(&list, " (%s)", pont_glossary_concept(g, v[q].concept)->id ?
							       pont_glossary_concept(g, v[q].concept)->id : "?");
		}
		if (list.len == 0) {
			pont_buf_release(&list);
			continue;	/* no English to require */
		}
		if (ntgt == 0)
			ADD(c, out, PONT_CHECK_TERM_MISSING, 0, tn, "'%.*s' (%s) is not rendered: use %s",
			    (int)(m->span.end - m->span.start), src + m->span.start, cc->id ? cc->id : "?", list.p);
		else if (ntgt < nsrc)
			ADD(c, out, PONT_CHECK_TERM_COUNT, 0, tn, "'%.*s' occurs %zu times in the source, its English %zu",
			    (int)(m->span.end - m->span.start), src + m->span.start, nsrc, ntgt);
		pont_buf_release(&list);
	}
	free(v);
	pont_matches_release(&ms);
	pont_matches_release(&mt);
	pont_doc_free(ds);
	pont_doc_free(dt);
}

/* --- one pair --- */

void
pont_check_pair(pont_checker *c, const char *src, size_t sn, const char *tgt, size_t tn, const char *where,
		pont_findings *out)
{
	size_t i, ns = 0, nt = 0, words = 0;
	uint64_t hs, ht;
	pont_buf a = PONT_BUF_INIT, b = PONT_BUF_INIT;

	c->npairs++;
	/* untranslated first: the other checks would only repeat it */
	pont_fold(src, sn, &a);
	pont_fold(tgt, tn, &b);
	for (i = 0; i < a.len; i++)	/* words of two letters or more */
		words += (i + 1 < a.len && (pont_cp_is_letter((unsigned char)a.p[i]) || (unsigned char)a.p[i] >= 0x80) &&
			  (pont_cp_is_letter((unsigned char)a.p[i + 1]) || (unsigned char)a.p[i + 1] >= 0x80) &&
			  (i == 0 || a.p[i - 1] == ' '));
	if (a.len == b.len && memcmp(a.p, b.p, a.len) == 0) {
		/* the same text on both sides is an error when it has French in it; commands, names
		 * and English quoted in the French stay as they are, and there is nothing else to
		 * check in them that the source does not have too */
		size_t eng, nfr = french_words(c, tgt, tn, &eng, &i);
		int french = c->fr == NULL || c->en == NULL || (nfr > eng && (nfr >= 2 || nfr * 3 >= i));

		if (words >= 3 && french)
			ADD(c, out, PONT_CHECK_UNTRANSLATED, 0, tn, "the target is the source");
		if ((words >= 3 && french) || !french) {
			pont_buf_release(&a);
			pont_buf_release(&b);
			return;
		}
	}
	if (c->sev[PONT_CHECK_UNTRANSLATED] && french_text(c, tgt, tn)) {
		ADD(c, out, PONT_CHECK_UNTRANSLATED, 0, tn, "the target reads as French");
		pont_buf_release(&a);
		pont_buf_release(&b);
		return;
	}
	/* each check runs when it is on */
	if (c->sev[PONT_CHECK_TERM_MISSING] || c->sev[PONT_CHECK_TERM_FORBIDDEN] || c->sev[PONT_CHECK_TERM_COUNT] ||
	    c->sev[PONT_CHECK_TERM_FIRST_MENTION])
		check_terms(c, src, sn, tgt, tn, out);
	if (c->sev[PONT_CHECK_NUMBER_MISMATCH])
		check_numbers(c, src, sn, tgt, tn, out);
	if (c->sev[PONT_CHECK_URL_MISMATCH] || c->sev[PONT_CHECK_EMAIL_MISMATCH])
		check_links(c, src, sn, tgt, tn, out);
	if (c->sev[PONT_CHECK_INLINE_MARKUP_MISMATCH]) {
		size_t e1, l1, c1, e2, l2, c2;

		markup(src, sn, &e1, &l1, &c1);
		markup(tgt, tn, &e2, &l2, &c2);
		if (e1 != e2 || l1 != l2 || c1 != c2)
			ADD(c, out, PONT_CHECK_INLINE_MARKUP_MISMATCH, 0, tn,
			    "markup differs: emphasis %zu/%zu, links %zu/%zu, code %zu/%zu (source/target)", e1, e2, l1, l2,
			    c1 / 2, c2 / 2);
	}
	if (c->sev[PONT_CHECK_FRENCH_TYPOGRAPHY] || c->sev[PONT_CHECK_DOUBLE_SPACE])
		check_typography(c, tgt, tn, out);
	if (c->sev[PONT_CHECK_QUOTES_UNBALANCED] || c->sev[PONT_CHECK_BRACKETS_UNBALANCED])
		check_balance(c, tgt, tn, out);
	{
		uint32_t ps = end_punct(src, sn), pt = end_punct(tgt, tn);
		int ss = ps && strchr(".!?:;", (int)(ps < 128 ? ps : 1)) != NULL;
		int st = pt && strchr(".!?:;", (int)(pt < 128 ? pt : 1)) != NULL;

		if ((ss || st) && ps != pt)
			ADD(c, out, PONT_CHECK_END_PUNCTUATION, 0, tn, "the source ends with '%s', the target with '%s'",
			    ss ? (char[2]){ (char)ps, 0 } : "no punctuation", st ? (char[2]){ (char)pt, 0 } : "no punctuation");
	}
	for (i = 0; i < sn; i++)
		ns += (src[i] & 0xC0) != 0x80;
	for (i = 0; i < tn; i++)
		nt += (tgt[i] & 0xC0) != 0x80;
	if (sn >= 40 && (nt * 10 < ns * 4 || nt * 10 > ns * 25))	/* English runs 0.8-1.2 of French */
		ADD(c, out, PONT_CHECK_LENGTH_RATIO, 0, tn, "the target is %.0f%% of the source's length",
		    100.0 * (double)nt / (double)(ns ? ns : 1));
	if (c->sp && (c->sev[PONT_CHECK_SPELLING] || c->sev[PONT_CHECK_REPEATED_WORD])) {
		pont_doc *d = doc_of(tgt, tn);
		pont_findings f = PONT_FINDINGS_INIT;
		pont_spell_options so = { 0, 0, 1 };	/* no suggestions: they cost more than all the rest */

		if (d && pont_spell_doc(c->sp, d, &so, &f, NULL, NULL) == PONT_OK) {
			for (i = 0; i < f.n; i++) {
				pont_check_id id = strcmp(f.v[i].id, "spelling") == 0 ? PONT_CHECK_SPELLING :
						   strcmp(f.v[i].id, "repeated-word") == 0 ? PONT_CHECK_REPEATED_WORD : PONT_CHECK_N;

				if (id < PONT_CHECK_N)
					ADD(c, out, id, f.v[i].start, f.v[i].end, "%s", f.v[i].msg);
			}
		}
		pont_findings_release(&f);
		pont_doc_free(d);
	}
	/* consistency over everything checked so far */
	hs = pont_hash(a.p ? a.p : "", a.len);
	ht = pont_hash(b.p ? b.p : "", b.len);
	if (c->sev[PONT_CHECK_INCONSISTENT_TRANSLATION] && a.len && b.len) {
		for (i = 0; i < c->nseen; i++) {
			if (c->seen[i].src == hs && c->seen[i].tgt != ht) {
				ADD(c, out, PONT_CHECK_INCONSISTENT_TRANSLATION, 0, tn,
				    "the same source was translated otherwise at %s", c->seen[i].where);
				break;
			}
			if (c->seen[i].tgt == ht && c->seen[i].src != hs && ns >= 20) {
				ADD(c, out, PONT_CHECK_INCONSISTENT_TRANSLATION, 0, tn,
				    "the same target translates another source at %s", c->seen[i].where);
				break;
			}
		}
		XGROW(c->seen, c->aseen, c->nseen + 1);
		c->seen[c->nseen].src = hs;
		c->seen[c->nseen].tgt = ht;
		c->seen[c->nseen].pair = c->npairs;
		c->seen[c->nseen].where = xstrndup(where ? where : "?", strlen(where ? where : "?"));
		c->nseen++;
	}
	pont_buf_release(&a);
	pont_buf_release(&b);
}
