/* spell.c: the speller: Hunspell with pont's rules (French elisions, both apostrophes, 1990
 * spellings, capitals without accents), each distinct word looked up once and its verdict kept;
 * the vocabulary it accepts (word lists, glossaries). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "speller.h"

/* --- the word cache --- */

uint32_t
pont__speller_entry(pont_speller *sp, const char *w, size_t n)
{
	uint32_t id = pont__intern(&sp->words, w, n, 1);

	if (id == sp->ne) {		/* a new word */
		XGROW(sp->e, sp->ae, sp->ne + 1);
		memset(&sp->e[sp->ne], 0, sizeof sp->e[sp->ne]);
		sp->e[sp->ne].sugg = UINT32_MAX;
		sp->ne++;
	}
	return id;
}

const char *
pont__speller_word(const pont_speller *sp, uint32_t id)
{
	return pont__intern_str(&sp->words, id);
}

/* --- character helpers --- */

/* Case shape of a word: letters only are looked at. */
int
pont__case_shape(const char *w, size_t n, size_t *nletters)
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
void
pont__plain_letters(const char *w, size_t n, pont_buf *out)
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

		pont__plain_letters(w, n, &low);	/* ASCII capitals: lower case is enough here */
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
	else if (fr && depth == 0 && (e = pont__elision_len(w, n)) > 0)
		ok = known(sp, d, w + e, n - e, 1) || pont__case_shape(w + e, n - e, &letters) >= C_ALLCAPS;
	else if (!fr && n > 3 && (memcmp(w + n - 3, "\xE2\x80\x99", 3) == 0 || w[n - 1] == '\''))
		ok = known(sp, d, w, n - (w[n - 1] == '\'' ? 1 : 3), depth + 1);	/* developers’ */
	else if (!fr && n > 4 && (memcmp(w + n - 4, "\xE2\x80\x99s", 4) == 0))
		ok = known(sp, d, w, n - 4, depth + 1);
	else if (!fr && n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
		ok = known(sp, d, w, n - 2, depth + 1);
	if (!ok && fr) {
		shape = pont__case_shape(w, n, &letters);
		ok = rectified(sp, d, b.p, n) || capital_accents(sp, d, b.p, n, shape);
	}
	pont_buf_release(&b);
	return ok;
}

uint8_t
pont__speller_verdict(pont_speller *sp, uint32_t id, int main)
{
	wentry *x = &sp->e[id];
	pont_dict *d = main ? sp->dict : sp->other;
	uint8_t v;

	if ((main ? x->main : x->other) != V_UNSET)
		return main ? x->main : x->other;
	v = d == NULL ? V_UNKNOWN : known(sp, d, pont__speller_word(sp, id), pont__intern_len(&sp->words, id), 0) ? V_OK : V_UNKNOWN;
	if (v == V_UNKNOWN && main && sp->variant && known(sp, sp->variant, pont__speller_word(sp, id), pont__intern_len(&sp->words, id), 0))
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
	id = pont__speller_entry(sp, w, n);
	return (pont__speller_verdict(sp, id, 1) == V_OK ? 1 : 0) | (sp->other && pont__speller_verdict(sp, id, 0) == V_OK ? 2 : 0);
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
	free(sp->e);
	pont__intern_release(&sp->words);
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
				const char *model = pont__case_shape(w, e - a, &letters) == C_ALLCAPS ? NULL :
						    model_for(sp, t, w, e - a);

				pont_dict_add(sp->dict, w, model);
				if (!sp->fr && pont__case_shape(w, e - a, &letters) == C_ALLCAPS) {
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

