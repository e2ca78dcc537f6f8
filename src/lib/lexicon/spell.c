/* spell.c: spelling over the document model: ICU word breaks, then Hunspell with French
 * elisions, both apostrophes, hyphenated compounds, case rules and technical tokens left alone;
 * each distinct word is looked up once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/ucasemap.h>
#include <unicode/utext.h>

#include "internal.h"

/* What the dictionaries say of a word (cached per distinct spelling). */
enum {
	V_UNSET = 0,
	V_OK,		/* the main dictionary or the accepted vocabulary has it */
	V_UNKNOWN	/* not in the main dictionary */
};

typedef struct wentry {
	uint32_t off, len;	/* the word, in the pool */
	uint8_t main;		/* V_* */
	uint8_t other;		/* V_* for the other language's dictionary */
	uint8_t mid;		/* seen capitalised in mid-sentence */
	uint8_t label;		/* a speaker's name in this document */
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
	UCaseMap *cm;
	wentry *e;
	size_t ne, ae;
	uint32_t *slot;			/* entry index + 1, 0 = empty */
	size_t nslot;
	pont_buf pool;
	pont_buf tmp, tmp2;
};

/* --- the word cache --- */

static uint32_t
cache_get(pont_speller *sp, const char *w, size_t n)
{
	size_t i, k;

	if (sp->ne * 2 >= sp->nslot) {
		size_t ns = sp->nslot ? sp->nslot * 2 : 4096;
		uint32_t *slot = xcalloc(ns, sizeof *slot);

		for (k = 0; k < sp->ne; k++) {
			size_t j = pont_hash(sp->pool.p + sp->e[k].off, sp->e[k].len) & (ns - 1);

			while (slot[j])
				j = (j + 1) & (ns - 1);
			slot[j] = (uint32_t)k + 1;
		}
		free(sp->slot);
		sp->slot = slot;
		sp->nslot = ns;
	}
	for (i = pont_hash(w, n) & (sp->nslot - 1); sp->slot[i]; i = (i + 1) & (sp->nslot - 1)) {
		wentry *x = &sp->e[sp->slot[i] - 1];

		if (x->len == n && memcmp(sp->pool.p + x->off, w, n) == 0)
			return sp->slot[i] - 1;
	}
	XGROW(sp->e, sp->ae, sp->ne + 1);
	memset(&sp->e[sp->ne], 0, sizeof sp->e[sp->ne]);
	sp->e[sp->ne].off = (uint32_t)sp->pool.len;
	sp->e[sp->ne].len = (uint32_t)n;
	sp->e[sp->ne].sugg = UINT32_MAX;
	pont_buf_add(&sp->pool, w, n);
	pont_buf_addc(&sp->pool, '\0');
	sp->slot[i] = (uint32_t)++sp->ne;
	return (uint32_t)(sp->ne - 1);
}

static const char *
entry_word(const pont_speller *sp, uint32_t id)
{
	return sp->pool.p + sp->e[id].off;
}

/* --- character helpers --- */

/* Case shape of a word: letters only are looked at. */
enum { C_LOWER, C_CAPITAL, C_ALLCAPS, C_MIXED };

static int
case_shape(const char *w, size_t n, size_t *nletters)
{
	size_t i = 0, k = 0, up = 0, low = 0;
	int first_up = 0;

	while (i < n) {
		uint32_t c = pont_utf8_next(w, n, &i);

		if (!pont_cp_is_letter(c))
			continue;
		if (pont_cp_is_upper(c)) {
			first_up |= k == 0;
			up++;
		} else {
			low++;
		}
		k++;
	}
	*nletters = k;
	if (up == 0)
		return C_LOWER;
	if (low == 0)
		return C_ALLCAPS;
	return first_up && up == 1 ? C_CAPITAL : C_MIXED;	/* DevOps, iPhone, SREs */
}

/* Lower-case letters, accents removed (French letters and the common Latin ones): for
 * comparing a word written without accents on capitals with the dictionary's word. */
static void
plain(const char *w, size_t n, pont_buf *out)
{
	size_t i = 0;

	pont_buf_reset(out);
	while (i < n) {
		uint32_t c = pont_utf8_next(w, n, &i);
		const char *r = NULL;

		if (c < 0x80) {
			pont_buf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			continue;
		}
		switch (c) {
		case 0xC0: case 0xC1: case 0xC2: case 0xC3: case 0xC4: case 0xC5:
		case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: r = "a"; break;
		case 0xC7: case 0xE7: r = "c"; break;
		case 0xC8: case 0xC9: case 0xCA: case 0xCB:
		case 0xE8: case 0xE9: case 0xEA: case 0xEB: r = "e"; break;
		case 0xCC: case 0xCD: case 0xCE: case 0xCF:
		case 0xEC: case 0xED: case 0xEE: case 0xEF: r = "i"; break;
		case 0xD1: case 0xF1: r = "n"; break;
		case 0xD2: case 0xD3: case 0xD4: case 0xD5: case 0xD6:
		case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: r = "o"; break;
		case 0xD9: case 0xDA: case 0xDB: case 0xDC:
		case 0xF9: case 0xFA: case 0xFB: case 0xFC: r = "u"; break;
		case 0xDD: case 0xFD: case 0xFF: case 0x178: r = "y"; break;
		case 0xC6: case 0xE6: r = "ae"; break;
		case 0x152: case 0x153: r = "oe"; break;
		case 0x2019: case 0x02BC: r = "'"; break;
		default: break;
		}
		if (r)
			pont_buf_adds(out, r);
		else
			pont_buf_add_utf8(out, c);
	}
}

/* --- dictionary look-ups with pont's rules --- */

static int
spell0(pont_dict *d, const char *w)
{
	return pont_dict_spell(d, w);
}

/* w with every apostrophe turned into the other kind: ’ <-> ' */
static int
swap_apostrophes(const char *w, size_t n, pont_buf *out)
{
	size_t i = 0;
	int any = 0;

	pont_buf_reset(out);
	while (i < n) {
		size_t j = i;
		uint32_t c = pont_utf8_next(w, n, &j);

		if (c == 0x2019 || c == 0x02BC) {
			pont_buf_addc(out, '\'');
			any = 1;
		} else if (c == '\'') {
			pont_buf_add_utf8(out, 0x2019);
			any = 1;
		} else {
			pont_buf_add(out, w + i, j - i);
		}
		i = j;
	}
	return any;
}

/* Length of a French elision at the start of w ("l’", "qu’", "jusqu’"), 0 if none. */
static size_t
elision_len(const char *w, size_t n)
{
	static const char *const el[] = { "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
		"puisqu", "quoiqu", "presqu", "quelqu" };
	size_t k;

	for (k = 0; k < sizeof el / sizeof el[0]; k++) {
		size_t m = strlen(el[k]), i = m;

		if (n <= m + 1 || strncasecmp(w, el[k], m) != 0)
			continue;
		if (pont_cp_is_apostrophe(pont_utf8_next(w, n, &i)) && i < n)
			return i;
	}
	return 0;
}

static int known(pont_speller *sp, pont_dict *d, const char *w, size_t n, int depth);

/* French 1990 rectified spellings: no circumflex on i and u ("entraine", "cout") */
static int
rectified(pont_speller *sp, pont_dict *d, const char *w, size_t n)
{
	pont_buf *b = &sp->tmp2;
	size_t i;

	for (i = 0; i < n; i++) {
		if (w[i] != 'i' && w[i] != 'u')
			continue;
		pont_buf_reset(b);
		pont_buf_add(b, w, i);
		pont_buf_adds(b, w[i] == 'i' ? "\xC3\xAE" : "\xC3\xBB");
		pont_buf_add(b, w + i + 1, n - i - 1);
		if (spell0(d, b->p))
			return 1;
	}
	return 0;
}

/* Capitals written without their accent, as French allows: "Ecole", "ETAT". */
static int
capital_accents(pont_speller *sp, pont_dict *d, const char *w, size_t n, int shape)
{
	static const char *const vowels[][4] = {
		{ "E", "\xC3\x89", "\xC3\x88", "\xC3\x8A" }, { "A", "\xC3\x80", "\xC3\x82", NULL },
		{ "C", "\xC3\x87", NULL, NULL }, { "O", "\xC3\x94", NULL, NULL },
		{ "I", "\xC3\x8E", NULL, NULL }, { "U", "\xC3\x99", "\xC3\x9B", NULL },
	};
	size_t k, v;

	if (shape == C_CAPITAL) {
		for (k = 0; k < sizeof vowels / sizeof vowels[0]; k++) {
			if (w[0] != vowels[k][0][0])
				continue;
			for (v = 1; v < 4 && vowels[k][v]; v++) {
				pont_buf_reset(&sp->tmp2);
				pont_buf_adds(&sp->tmp2, vowels[k][v]);
				pont_buf_add(&sp->tmp2, w + 1, n - 1);
				if (spell0(d, sp->tmp2.p))
					return 1;
			}
		}
		return 0;
	}
	if (shape == C_ALLCAPS && n < 64) {	/* accents put back on one or two letters, lower case */
		static const char *const acc[][4] = {
			{ "e", "\xC3\xA9", "\xC3\xA8", "\xC3\xAA" }, { "a", "\xC3\xA0", "\xC3\xA2", NULL },
			{ "c", "\xC3\xA7", NULL, NULL }, { "o", "\xC3\xB4", NULL, NULL },
			{ "i", "\xC3\xAE", "\xC3\xAF", NULL }, { "u", "\xC3\xB9", "\xC3\xBB", NULL },
		};
		pont_buf low = PONT_BUF_INIT;
		size_t p, q, kp, vp, kq, vq;
		int ok = 0;

		plain(w, n, &low);	/* ASCII capitals: lower case is enough here */
		for (p = 0; p < low.len && !ok; p++) {
			for (kp = 0; kp < 6 && low.p[p] != acc[kp][0][0]; kp++)
				;
			for (vp = 1; kp < 6 && vp < 4 && acc[kp][vp] && !ok; vp++) {
				for (q = p; q < low.len && !ok; q++) {	/* q == p: one accent only */
					kq = 6;
					if (q > p)
						for (kq = 0; kq < 6 && low.p[q] != acc[kq][0][0]; kq++)
							;
					if (q > p && (kq == 6 || acc[kq][0][0] != 'e'))
						continue;	/* a second accent: on an e only */
					for (vq = 1; vq < 4 && !ok; vq++) {
						if (q > p && acc[kq][vq] == NULL)
							break;
						pont_buf_reset(&sp->tmp2);
						pont_buf_add(&sp->tmp2, low.p, p);
						pont_buf_adds(&sp->tmp2, acc[kp][vp]);
						if (q > p) {
							pont_buf_add(&sp->tmp2, low.p + p + 1, q - p - 1);
							pont_buf_adds(&sp->tmp2, acc[kq][vq]);
							pont_buf_add(&sp->tmp2, low.p + q + 1, low.len - q - 1);
						} else {
							pont_buf_add(&sp->tmp2, low.p + p + 1, low.len - p - 1);
						}
						ok = spell0(d, sp->tmp2.p);
						if (q == p)
							break;
					}
				}
			}
		}
		pont_buf_release(&low);
		return ok;
	}
	return 0;
}

/*
 * Does dictionary d accept w? Tries, in order: w as written; with the other apostrophe; a French
 * elision removed ("l’infra" -> "infra"); an English possessive removed; French rectified
 * spellings; capitals without accents.
 */
static int
known(pont_speller *sp, pont_dict *d, const char *w, size_t n, int depth)
{
	pont_buf b = PONT_BUF_INIT;
	size_t e, letters;
	int ok = 0, fr = d == sp->dict ? sp->fr : !sp->fr, shape;

	pont_buf_add(&b, w, n);
	if (spell0(d, b.p))
		ok = 1;
	else if (swap_apostrophes(w, n, &sp->tmp) && spell0(d, sp->tmp.p))
		ok = 1;
	else if (fr && depth == 0 && (e = elision_len(w, n)) > 0)
		ok = known(sp, d, w + e, n - e, 1) || case_shape(w + e, n - e, &letters) >= C_ALLCAPS;
	else if (!fr && n > 3 && (memcmp(w + n - 3, "\xE2\x80\x99", 3) == 0 || w[n - 1] == '\''))
		ok = known(sp, d, w, n - (w[n - 1] == '\'' ? 1 : 3), depth + 1);	/* developers’ */
	else if (!fr && n > 4 && (memcmp(w + n - 4, "\xE2\x80\x99s", 4) == 0))
		ok = known(sp, d, w, n - 4, depth + 1);
	else if (!fr && n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
		ok = known(sp, d, w, n - 2, depth + 1);
	if (!ok && fr) {
		shape = case_shape(w, n, &letters);
		ok = rectified(sp, d, b.p, n) || capital_accents(sp, d, b.p, n, shape);
	}
	pont_buf_release(&b);
	return ok;
}

static uint8_t
verdict(pont_speller *sp, uint32_t id, int main)
{
	wentry *x = &sp->e[id];
	pont_dict *d = main ? sp->dict : sp->other;
	uint8_t v;

	if ((main ? x->main : x->other) != V_UNSET)
		return main ? x->main : x->other;
	v = d == NULL ? V_UNKNOWN : known(sp, d, entry_word(sp, id), x->len, 0) ? V_OK : V_UNKNOWN;
	if (v == V_UNKNOWN && main && sp->variant && known(sp, sp->variant, entry_word(sp, id), x->len, 0))
		v = V_OK;
	x = &sp->e[id];
	if (main)
		x->main = v;
	else
		x->other = v;
	return v;
}

int
pont__speller_knows(pont_speller *sp, const char *w, size_t n)
{
	uint32_t id;

	if (n == 0)
		return 0;
	id = cache_get(sp, w, n);
	return (verdict(sp, id, 1) == V_OK ? 1 : 0) | (sp->other && verdict(sp, id, 0) == V_OK ? 2 : 0);
}

/* --- the speller --- */

static void forget_unknowns(pont_speller *sp);

pont_speller *
pont_speller_new(const char *lang, pont_dict *dict, pont_dict *other, pont_error *err)
{
	pont_speller *sp;
	UErrorCode st = U_ZERO_ERROR;
	int fr = strncasecmp(lang, "fr", 2) == 0 && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
	int en = strncasecmp(lang, "en", 2) == 0 && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');

	if (!fr && !en) {
		pont_fail(err, PONT_EINVAL, "no spelling rules for language '%s' (fr, en, en-US, en-GB)", lang);
		return NULL;
	}
	sp = xcalloc(1, sizeof *sp);
	sp->dict = dict;
	sp->other = other;
	sp->fr = fr;
	snprintf(sp->lang, sizeof sp->lang, "%s", lang);
	if ((sp->sg = pont_segmenter_new(fr ? "fr" : "en", err)) == NULL) {
		free(sp);
		return NULL;
	}
	sp->wb = ubrk_open(UBRK_WORD, fr ? "fr" : "en", NULL, 0, &st);
	sp->cm = ucasemap_open(fr ? "fr" : "en", 0, &st);
	if (U_FAILURE(st)) {
		pont_fail(err, PONT_EICU, "ICU word breaks: %s", u_errorName(st));
		pont_speller_free(sp);
		return NULL;
	}
	return sp;
}

void
pont_speller_set_variant(pont_speller *sp, pont_dict *variant)
{
	sp->variant = variant;
	forget_unknowns(sp);
}

void
pont_speller_free(pont_speller *sp)
{
	if (sp == NULL)
		return;
	pont_segmenter_free(sp->sg);
	if (sp->wb)
		ubrk_close(sp->wb);
	if (sp->cm)
		ucasemap_close(sp->cm);
	free(sp->e);
	free(sp->slot);
	pont_buf_release(&sp->pool);
	pont_buf_release(&sp->tmp);
	pont_buf_release(&sp->tmp2);
	free(sp);
}

static void
forget_unknowns(pont_speller *sp)
{
	size_t k;

	for (k = 0; k < sp->ne; k++)	/* the vocabulary changed: ask again */
		if (sp->e[k].main == V_UNKNOWN)
			sp->e[k].main = V_UNSET;
}

int
pont_speller_add_word(pont_speller *sp, const char *word, size_t n, const char *model)
{
	char *w = xstrndup(word, n);
	int ok = pont_dict_add(sp->dict, w, model);

	if (swap_apostrophes(w, n, &sp->tmp))	/* both apostrophes */
		pont_dict_add(sp->dict, sp->tmp.p, model);
	free(w);
	forget_unknowns(sp);
	return ok;
}

pont_status
pont_speller_add_wordlist(pont_speller *sp, const char *data, size_t len, const char *name, pont_findings *diags,
			  pont_error *err)
{
	size_t i = 0, line = 0;

	if (pont_utf8_check(data, len) != len) {
		pont_lines li;
		unsigned long l, c;

		pont_lines_init(&li, data, len, 0);
		pont_lines_pos(&li, pont_utf8_check(data, len), &l, &c);
		pont_lines_release(&li);
		return pont_fail_at(err, PONT_EUTF8, name, l, c, "invalid UTF-8 in a word list");
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		const char *s = data + i, *nl = memchr(s, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) : len - i, a = 0, e, slash;
		char *model = NULL;

		i += n + (nl != NULL);
		line++;
		while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		while (a < n && (s[a] == ' ' || s[a] == '\t'))
			a++;
		if (a == n || s[a] == '#')
			continue;
		if (line == 1) {		/* a Hunspell .dic starts with its word count */
			size_t k = a;

			while (k < n && s[k] >= '0' && s[k] <= '9')
				k++;
			if (k == n)
				continue;
		}
		for (slash = a; slash < n && s[slash] != '/'; slash++)
			;
		if (slash < n) {
			if (slash + 1 == n || slash == a) {
				pont_findings_add_at(diags, PONT_ID_WORDLIST, PONT_SEV_WARNING, line, slash + 1,
					       "'/' must sit between a word and its model word (word/model): line ignored");
				continue;
			}
			model = xstrndup(s + slash + 1, n - slash - 1);
		}
		/* several words on a line: each is accepted */
		for (e = a; a < slash; a = e) {
			while (a < slash && (s[a] == ' ' || s[a] == '\t'))
				a++;
			for (e = a; e < slash && s[e] != ' ' && s[e] != '\t'; e++)
				;
			if (e > a && !pont_speller_add_word(sp, s + a, e - a, model))
				pont_findings_add_at(diags, PONT_ID_WORDLIST, PONT_SEV_WARNING, line, slash + 2,
					       "the model word '%s' is not in the dictionary: '%.*s' is accepted "
					       "without its inflections", model, (int)(e - a), s + a);
		}
		free(model);
	}
	return PONT_OK;
}

/* A model word whose affixes a glossary word borrows, by language and ending. */
static const char *
model_for(const pont_speller *sp, const pont_term *t, const char *w, size_t n)
{
	const char *pos = t->pos ? t->pos : "noun";
	char last = n ? w[n - 1] : 0;

	if (t->type == PONT_TYPE_ACRONYM || t->type == PONT_TYPE_ABBREVIATION)
		return NULL;
	if (sp->fr) {
		if (strcmp(pos, "noun") == 0 || strcmp(pos, "other") == 0) {
			if (last == 's' || last == 'x' || last == 'z')
				return NULL;
			if (n > 2 && memcmp(w + n - 2, "al", 2) == 0)
				return "journal";
			if (n > 2 && (memcmp(w + n - 2, "au", 2) == 0 || memcmp(w + n - 2, "eu", 2) == 0))
				return "bureau";
			return "serveur";
		}
		if (strcmp(pos, "adjective") == 0)
			return last == 'e' ? "rapide" : "grand";
		if (strcmp(pos, "verb") == 0)
			return "aimer";
		return NULL;
	}
	if (strcmp(pos, "noun") == 0 || strcmp(pos, "other") == 0) {
		if (last == 's' || last == 'x' || last == 'z' || last == 'h')
			return "box";
		if (last == 'y' && n > 1 && !strchr("aeiou", w[n - 2]))
			return "company";
		return "server";
	}
	if (strcmp(pos, "verb") == 0)
		return last == 'e' ? "like" : "play";
	return NULL;
}

size_t
pont_speller_add_glossary(pont_speller *sp, const pont_glossary *g)
{
	size_t i, added = 0, nt = pont_glossary_nterms(g);
	const char *want = sp->fr ? "fr" : sp->lang;

	for (i = 0; i < nt; i++) {
		const pont_term *t = pont_glossary_term(g, i);
		const char *s = t->text;
		size_t a = 0, n, e, letters;

		if (s == NULL || !(pont_lang_matches(t->lang, want) ||
				   (!sp->fr && pont_lang_matches(t->lang, "en") && strchr(t->lang, '-') == NULL)))
			continue;
		n = strlen(s);
		while (a < n) {		/* each word of the term */
			while (a < n && (s[a] == ' ' || s[a] == '(' || s[a] == ')' || s[a] == ','))
				a++;
			for (e = a; e < n && s[e] != ' ' && s[e] != '(' && s[e] != ')' && s[e] != ','; e++)
				;
			if (e > a) {
				char *w = xstrndup(s + a, e - a);
				const char *model = case_shape(w, e - a, &letters) == C_ALLCAPS ? NULL :
						    model_for(sp, t, w, e - a);

				pont_dict_add(sp->dict, w, model);
				if (!sp->fr && case_shape(w, e - a, &letters) == C_ALLCAPS) {
					pont_buf_reset(&sp->tmp);	/* SREs */
					pont_buf_add(&sp->tmp, w, e - a);
					pont_buf_addc(&sp->tmp, 's');
					pont_dict_add(sp->dict, sp->tmp.p, NULL);
				}
				if (swap_apostrophes(w, e - a, &sp->tmp))
					pont_dict_add(sp->dict, sp->tmp.p, model);
				free(w);
				added++;
			}
			a = e;
		}
	}
	forget_unknowns(sp);
	return added;
}

/* --- tokens --- */

typedef struct wtok {
	size_t start, end;	/* bytes of the text */
	uint32_t entry;		/* cache entry of the word */
	uint32_t sent;		/* index of its sentence */
	uint8_t initial;	/* may be capitalised for its position: sentence start, after a quote */
	uint8_t skip;		/* not a word to check: identifier, number, acronym... */
	uint8_t part;		/* part of a hyphenated compound the dictionary did not take whole */
} wtok;

typedef struct tokv {
	wtok *v;
	size_t n, alloc;
} tokv;

/* The masked copy: everything that is not checked (non-text blocks, markers, labels,
 * code, URLs, markup) becomes spaces; line ends stay. */
static void
blank(char *m, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++)
		if (m[i] != '\n')
			m[i] = ' ';
}

static char *
masked_copy(const pont_doc *doc, const char *s, size_t len)
{
	char *m = xmalloc(len + 1);
	size_t nb = pont_doc_nblocks(doc), nmk, i, k, done = 0;
	const pont_mark *mk = pont_doc_marks(doc, &nmk);

	memcpy(m, s, len);
	m[len] = '\0';
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);

		blank(m, done, b->span.start);
		done = b->span.end;
		if (!pont_block_kind_is_text(b->kind)) {
			blank(m, b->span.start, b->span.end);
			continue;
		}
		blank(m, b->span.start, b->content.start);
		blank(m, b->content.end, b->span.end);
		for (k = 0; k < b->nmarks; k++)
			blank(m, mk[b->mark0 + k].span.start, mk[b->mark0 + k].span.end);
	}
	blank(m, done, len);
	return m;
}

static int
is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Is the token at [a, b) part of something technical written without spaces: a path
 * ("/usr/share", "debian/rules.d"), an option ("--help"), a file extension (".deb"), an
 * assignment, a variable, a hashtag? Looks at its run of non-space bytes.
 */
static int
technical(const char *m, size_t len, size_t a, size_t b)
{
	size_t s = a, e = b, i, slashes = 0;
	int odd = 0;

	while (s > 0 && !is_space_byte(m[s - 1]) && (unsigned char)m[s - 1] != 0xA0)
		s--;
	while (e < len && !is_space_byte(m[e]))
		e++;
	if (m[s] == '-' && s + 1 < e && (m[s + 1] == '-' || (m[s + 1] != ' ' && s + 1 == a)))
		return 1;			/* -l, --help */
	if (a > s && (m[a - 1] == '.' || m[a - 1] == '$' || m[a - 1] == '#' || m[a - 1] == '@' ||
		      m[a - 1] == '%' || m[a - 1] == '~' || m[a - 1] == '\\'))
		return 1;			/* .deb, $HOME, #tag */
	for (i = s; i < e; i++) {
		switch (m[i]) {
		case '/':
			slashes++;
			break;
		case '_': case '=': case '$': case '<': case '>': case '\\': case '{': case '}': case '|':
		case '~': case '*': case '`': case '[': case ']':
			odd = 1;
			break;
		case '.':
			if (i + 1 < e && i > s && pont_cp_is_alnum((unsigned char)m[i + 1]) &&
			    pont_cp_is_alnum((unsigned char)m[i - 1]))
				odd = 1;
			break;
		case ':':
			if (i + 1 < e && m[i + 1] != ' ' && i > s && m[i - 1] != ' ')
				odd = 1;	/* std::string, a:b */
			break;
		default:
			break;
		}
	}
	if (slashes && (odd || slashes > 1 || m[s] == '/' || m[e - 1] == '/'))
		return 1;
	return odd && (slashes || e - s > b - a + 2);
}

/* Words that are not words: numbers, times, ordinals, identifiers, short acronyms. */
static int
not_a_word(const char *w, size_t n, int shape, size_t letters)
{
	size_t i = 0, roman = 0;

	while (i < n) {
		uint32_t c = pont_utf8_next(w, n, &i);

		if (pont_cp_is_digit(c) || c == '_' || c == '.' || c == ':' || c == 0xB7 || c == '@' || c == '#')
			return 1;
	}
	if (letters <= 1)
		return 1;			/* "plan A", "x fois" */
	if (shape == C_MIXED)
		return 1;			/* DevOps, iPhone, SREs: names, identifiers, acronyms */
	if (shape == C_ALLCAPS && letters <= 5)
		return 1;			/* SRE, DSI, LDAP: acronyms */
	while (roman < n && w[roman] && strchr("IVXLCDM", w[roman]))
		roman++;
	if (roman > 0 && roman < n) {		/* XXIe, Ier, IIIème (w is not NUL-terminated) */
		static const char *const ends[] = { "e", "er", "re", "\xC3\xA8me", "es" };
		size_t k;

		for (k = 0; k < sizeof ends / sizeof ends[0]; k++)
			if (strlen(ends[k]) == n - roman && memcmp(w + roman, ends[k], n - roman) == 0)
				return 1;
	}
	return 0;
}

/*
 * Does the sentence at [a, b) of the masked text look like code rather than prose: a shell
 * prompt at its start, or many of the symbols prose does without ({ } [ ] $ = < > | \ _ # @ `)?
 * Plain text loses the code markup of its source; such sentences are not checked.
 */
static int
code_like(const char *m, size_t a, size_t b)
{
	size_t i, sym = 0, ink = 0;

	while (a < b && is_space_byte(m[a]))
		a++;
	if (b - a > 2 && (m[a] == '$' || m[a] == '#') && (m[a + 1] == ' ' || m[a + 1] == '!'))
		return 1;
	for (i = a; i < b; i++) {
		unsigned char c = (unsigned char)m[i];

		if (is_space_byte((char)c) || (c & 0xC0) == 0x80)
			continue;
		ink++;
		sym += c == '{' || c == '}' || c == '[' || c == ']' || c == '$' || c == '=' || c == '<' ||
		       c == '>' || c == '|' || c == '\\' || c == '_' || c == '#' || c == '@' || c == '`' || c == '/';
	}
	return ink >= 8 && sym * 100 >= ink * 3;
}

/* Is there, just before a, an opening that allows a capital: quote, bracket, colon, dash? */
static int
capital_allowed_after(const char *m, size_t a)
{
	size_t i = a, st;

	while (i > 0) {
		uint32_t c = pont_utf8_prev(m, i, &st);

		if (!pont_cp_is_space(c))
			return c == 0xAB || c == 0x201C || c == 0x2018 || c == '"' || c == ':' || c == 0x2014 ||
			       c == 0x2013 || c == 0x2026 || c == 0x2039 || c == '.' || c == '!' || c == '?';
		i = st;
	}
	return 1;
}

static void
add_token(pont_speller *sp, tokv *tv, const char *s, size_t a, size_t b)
{
	wtok *t;

	XGROW(tv->v, tv->alloc, tv->n + 1);
	t = &tv->v[tv->n++];
	memset(t, 0, sizeof *t);
	t->start = a;
	t->end = b;
	t->entry = cache_get(sp, s + a, b - a);
}

/* ICU's word breaks over the masked text; hyphenated compounds are taken whole when the
 * dictionary knows them ("peut-être", "a-t-il"), else part by part. */
static pont_status
tokenize(pont_speller *sp, const char *s, const char *m, size_t len, tokv *tv, pont_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	UText *ut = utext_openUTF8(NULL, m, (int64_t)len, &st);
	int32_t a, b;
	pont_spans raw = PONT_SPANS_INIT;
	size_t i, j;

	ubrk_setUText(sp->wb, ut, &st);
	if (U_FAILURE(st)) {
		utext_close(ut);
		return pont_fail(err, PONT_EICU, "ICU word breaks: %s", u_errorName(st));
	}
	for (a = ubrk_first(sp->wb), b = ubrk_next(sp->wb); b != UBRK_DONE; a = b, b = ubrk_next(sp->wb)) {
		int32_t rs = ubrk_getRuleStatus(sp->wb);

		if (rs >= UBRK_WORD_LETTER || (rs >= UBRK_WORD_NUMBER && rs < UBRK_WORD_NUMBER_LIMIT))
			pont_spans_push(&raw, (size_t)a, (size_t)b);
	}
	utext_close(ut);
	for (i = 0; i < raw.n; i = j) {
		size_t e = raw.v[i].end, h;

		/* the longest run of tokens joined by single hyphens */
		for (j = i + 1; j < raw.n; j++) {
			h = raw.v[j - 1].end;
			{
				size_t k = h;
				uint32_t c = pont_utf8_next(m, len, &k);

				if (!pont_cp_is_hyphen(c) || k != raw.v[j].start)
					break;
			}
			e = raw.v[j].end;
		}
		if (j - i > 1) {
			size_t whole = tv->n, k;

			add_token(sp, tv, s, raw.v[i].start, e);
			if (verdict(sp, tv->v[whole].entry, 1) == V_OK)
				continue;
			tv->n--;		/* not known whole: its parts */
			for (k = i; k < j; k++) {
				add_token(sp, tv, s, raw.v[k].start, raw.v[k].end);
				tv->v[tv->n - 1].part = k > i;
			}
		} else {
			add_token(sp, tv, s, raw.v[i].start, raw.v[i].end);
		}
	}
	pont_spans_release(&raw);
	return PONT_OK;
}

/* Is the token part of a word that emphasis cuts ("**S**trengths", "re*load*ed")? A run of
 * * or _ between it and a letter. Such pieces are not words to check. */
static int
emphasis_cut(const char *s, size_t len, const wtok *t)
{
	size_t i = t->end, j = t->start, st;

	while (i < len && (s[i] == '*' || s[i] == '_'))
		i++;
	if (i > t->end && i < len && pont_cp_is_letter(pont_utf8_next(s, len, &i)))
		return 1;
	while (j > 0 && (s[j - 1] == '*' || s[j - 1] == '_'))
		j--;
	return j < t->start && j > 0 && pont_cp_is_letter(pont_utf8_prev(s, j, &st));
}

/* The words two tokens are, compared without case. */
static int
same_word(pont_speller *sp, const wtok *x, const wtok *y, const char *s)
{
	pont_buf a = PONT_BUF_INIT, b = PONT_BUF_INIT;
	int same;

	plain(s + x->start, x->end - x->start, &a);
	plain(s + y->start, y->end - y->start, &b);
	same = a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
	if (same) {			/* "nous nous", "vous vous", "had had", "that that" */
		static const char *const ok_fr[] = { "nous", "vous" };
		static const char *const ok_en[] = { "had", "that" };
		const char *const *ok = sp->fr ? ok_fr : ok_en;
		size_t k;

		for (k = 0; k < 2; k++)
			if (strcmp(a.p, ok[k]) == 0)
				same = 0;
	}
	pont_buf_release(&a);
	pont_buf_release(&b);
	return same;
}

/* Is a token of the same sentence, before or after k, a capitalised word, with only short
 * lower-case words (at most two) between? */
static int
capital_near(const char *s, const wtok *v, size_t from, size_t to, size_t k, int dir)
{
	size_t steps, letters, q = k;

	for (steps = 0; steps < 3; steps++) {
		const wtok *t;
		int shape;

		if (dir < 0 ? q <= from : q + 1 >= to)
			return 0;
		q = dir < 0 ? q - 1 : q + 1;
		t = &v[q];
		shape = case_shape(s + t->start, t->end - t->start, &letters);
		if (shape == C_CAPITAL || shape == C_ALLCAPS)
			return 1;
		if (shape != C_LOWER || letters > 4)
			return 0;
	}
	return 0;
}

/* "Software in the Public Interest", "Bank of America": small words inside a name. */
static int
inside_name(const char *s, const wtok *v, size_t from, size_t to, size_t k)
{
	return v[k].end - v[k].start <= 4 && capital_near(s, v, from, to, k, -1) && capital_near(s, v, from, to, k, 1);
}

static void
suggestions(pont_speller *sp, uint32_t id, pont_dict *d, int max)
{
	pont_buf out = PONT_BUF_INIT;
	wentry *x = &sp->e[id];
	int n;

	if (x->sugg != UINT32_MAX)
		return;
	n = pont_dict_suggest(d, entry_word(sp, id), max, &out);
	x = &sp->e[id];
	x->sugg = (uint32_t)sp->pool.len;
	x->nsugg = (uint8_t)n;
	if (out.len)
		pont_buf_add(&sp->pool, out.p, out.len);
	pont_buf_release(&out);
}

static void
report_unknown(pont_speller *sp, const wtok *t, const pont_spell_options *opt, int foreign, pont_findings *out)
{
	wentry *x;
	const char *w, *s;
	pont_buf msg = PONT_BUF_INIT;
	unsigned k;

	if (opt->suggest > 0)	/* may grow the pool: pointers into it are taken after */
		suggestions(sp, t->entry, foreign ? sp->other : sp->dict, opt->suggest > 9 ? 9 : opt->suggest);
	x = &sp->e[t->entry];
	w = entry_word(sp, t->entry);
	if (x->sugg != UINT32_MAX && x->nsugg) {
		pont_buf_adds(&msg, "; did you mean ");
		for (k = 0, s = sp->pool.p + x->sugg; k < x->nsugg; k++, s += strlen(s) + 1)
			pont_buf_addf(&msg, "%s%s", k ? ", " : "", s);
		pont_buf_adds(&msg, "?");
	}
	pont_findings_add(out, PONT_ID_SPELL_UNKNOWN, PONT_SEV_ERROR, t->start, t->end, NULL, 0, "unknown word '%s'%s%s", w,
			  x->other == V_OK ? (sp->fr ? " (English: --anglicisms accepts it)" :
					      " (French: left untranslated?)") : "",
			  msg.p ? msg.p : "");
	if (x->sugg != UINT32_MAX)
		pont_findings_set_alts(out, sp->pool.p + x->sugg, x->nsugg);
	pont_buf_release(&msg);
}

pont_status
pont_spell_doc(pont_speller *sp, const pont_doc *doc, const pont_segs *given, const pont_spell_options *opt, pont_findings *out,
	       pont_spell_stats *stats, pont_error *err)
{
	static const pont_spell_options defaults = { 0, 5, 1 };
	size_t len, i, j, nb = pont_doc_nblocks(doc);
	const char *s = pont_doc_text(doc, &len);
	char *m;
	tokv tv = { NULL, 0, 0 };
	pont_segs segs = PONT_SEGS_INIT;
	size_t si = 0;
	pont_status rc;

	if (opt == NULL)
		opt = &defaults;
	pont__count(PONT_COUNT_SPELL);
	if (given)
		segs = *given;		/* borrowed: not released below */
	else if ((rc = pont_segment_doc(sp->sg, doc, &segs, err)) != PONT_OK)
		return rc;
	m = masked_copy(doc, s, len);
	for (i = 0; i < nb; i++) {	/* speakers' names are words of this document */
		const pont_block *b = pont_doc_block(doc, i);
		size_t a = b->label.start;

		while (a < b->label.end) {
			size_t e = a;

			while (e < b->label.end && s[e] != ' ')
				e++;
			if (e > a) {
				uint32_t id = cache_get(sp, s + a, e - a);

				sp->e[id].label = 1;
			}
			a = e + 1;
		}
	}
	if ((rc = tokenize(sp, s, m, len, &tv, err)) != PONT_OK) {
		free(m);
		if (!given)
			pont_segs_release(&segs);
		return rc;
	}
	/* pass 1: sentences, positions, what is not a word; capitalised words seen mid-sentence */
	for (i = 0; i < tv.n; i++) {
		wtok *t = &tv.v[i];
		wentry *x = &sp->e[t->entry];
		size_t letters;
		int shape = case_shape(s + t->start, t->end - t->start, &letters);

		while (si < segs.n && segs.v[si].span.end <= t->start)
			si++;
		t->sent = (uint32_t)si;
		t->initial = !t->part && (i == 0 || tv.v[i - 1].sent != si || si >= segs.n ||
					  capital_allowed_after(m, t->start));
		t->skip = not_a_word(s + t->start, t->end - t->start, shape, letters) ||
			  technical(m, len, t->start, t->end) || emphasis_cut(s, len, t);
		if (!t->skip && shape == C_CAPITAL && !t->initial)
			x->mid = 1;
	}
	if (stats) {
		for (i = 0; i < tv.n; i++) {
			stats->words++;
			stats->checked += !tv.v[i].skip;
		}
	}
	/* pass 2: per sentence, decide and report */
	for (i = 0; i < tv.n; i = j) {
		size_t nmain = 0, nother = 0, k;
		int foreign;

		if (tv.v[i].sent < segs.n && code_like(m, segs.v[tv.v[i].sent].span.start, segs.v[tv.v[i].sent].span.end)) {
			for (j = i; j < tv.n && tv.v[j].sent == tv.v[i].sent; j++)
				if (stats && !tv.v[j].skip)
					stats->checked--;
			continue;
		}

		for (j = i; j < tv.n && tv.v[j].sent == tv.v[i].sent; j++) {
			wtok *t = &tv.v[j];

			if (!t->skip && sp->other && verdict(sp, t->entry, 1) == V_UNKNOWN &&
			    verdict(sp, t->entry, 0) == V_OK)
				nother++;
		}
		if (nother >= 2) {	/* words only this language's dictionary knows */
			for (k = i; k < j; k++)
				if (!tv.v[k].skip && verdict(sp, tv.v[k].entry, 1) == V_OK &&
				    verdict(sp, tv.v[k].entry, 0) == V_UNKNOWN)
					nmain++;
		}
		/* a sentence with more words only the other language's dictionary knows than words only
		 * this one knows is in the other language: checked against both */
		foreign = sp->other && nother >= 2 && nother > nmain;
		for (k = i; k < j; k++) {
			wtok *t = &tv.v[k];
			wentry *x = &sp->e[t->entry];
			size_t letters;
			int shape;

			if (opt->repeated && k > i && !t->part && !tv.v[k - 1].skip && !t->skip) {
				const wtok *p = &tv.v[k - 1];
				size_t g;

				for (g = p->end; g < t->start && (m[g] == ' ' || m[g] == '\t' || m[g] == '\n'); g++)
					;
				if (g == t->start && memchr(s + p->end, '\n', t->start - p->end) == NULL &&
				    same_word(sp, p, t, s))
					pont_findings_add(out, PONT_ID_SPELL_REPEATED, PONT_SEV_WARNING, p->start, t->end, NULL, 0,
							  "'%.*s' is repeated", (int)(t->end - t->start), s + t->start);
			}
			if (t->skip || x->label || verdict(sp, t->entry, 1) == V_OK)
				continue;
			x = &sp->e[t->entry];
			if (foreign && x->other == V_OK)
				continue;
			shape = case_shape(s + t->start, t->end - t->start, &letters);
			if (shape == C_LOWER && inside_name(s, tv.v, i, j, k)) {
				pont_findings_add(out, PONT_ID_SPELL_NAME, PONT_SEV_INFO, t->start, t->end, NULL, 0,
						  "'%s' is taken as part of a name", entry_word(sp, t->entry));
				continue;
			}
			if (shape == C_CAPITAL && (!t->initial || x->mid)) {
				pont_findings_add(out, PONT_ID_SPELL_NAME, PONT_SEV_INFO, t->start, t->end, NULL, 0,
						  "'%s' is not in the %s dictionary: taken as a name",
						  entry_word(sp, t->entry), sp->fr ? "French" : "English");
				continue;
			}
			if (sp->fr && opt->anglicisms && sp->other && verdict(sp, t->entry, 0) == V_OK) {
				pont_findings_add(out, PONT_ID_SPELL_ANGLICISM, PONT_SEV_INFO, t->start, t->end, NULL, 0,
						  "'%s' is English", entry_word(sp, t->entry));
				continue;
			}
			if (sp->other)
				verdict(sp, t->entry, 0);
			report_unknown(sp, t, opt, foreign, out);
			if (stats)
				stats->flagged++;
		}
	}
	pont_findings_sort(out);
	free(tv.v);
	free(m);
	if (!given)
		pont_segs_release(&segs);
	return PONT_OK;
}
