/* check_friends.c: false friends and calques, confirmed by the source: "actually" is questioned
 * only where the French of the pair says « actuellement ». The lists are data (pont's
 * data/false-friends.tsv and the user's), read here. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

struct friend {
	char *french, *english, *use, *note;
	char *except;		/* English where the look-alike is right ("pass phrase"), or NULL */
	unsigned long line;
};

void
pont__friends_release(pont_checker *c)
{
	size_t i;

	for (i = 0; i < c->nff; i++) {
		free(c->ff[i].french);
		free(c->ff[i].english);
		free(c->ff[i].use);
		free(c->ff[i].note);
		free(c->ff[i].except);
	}
	free(c->ff);
	c->ff = NULL;
	c->nff = c->aff = 0;
}

/* The tab-separated fields of line s[0, n): up to max, their starts and lengths; returns how many. */
static size_t
fields(const char *s, size_t n, const char **f, size_t *len, size_t max)
{
	size_t k = 0, a = 0, i;

	for (i = 0; i <= n && k < max; i++)
		if (i == n || s[i] == '\t') {
			f[k] = s + a;
			len[k++] = i - a;
			a = i + 1;
		}
	return k;
}

static char *
field(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '"'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

/* Takes the "!"-marked items out of the list (in place) and returns them, "|"-separated (NULL
 * when none): "phrase|phrases|!pass phrase" is "phrase|phrases", except "pass phrase". */
static char *
split_exceptions(char *list)
{
	pont_buf ex = PONT_BUF_INIT;
	char *r = list, *w = list;

	while (*r) {
		char *e = strchr(r, '|');
		size_t n = e ? (size_t)(e - r) : strlen(r);

		while (n > 0 && *r == ' ')
			r++, n--;
		if (n > 0 && *r == '!') {
			pont_buf_addf(&ex, "%s%.*s", ex.len ? "|" : "", (int)(n - 1), r + 1);
		} else if (n > 0) {
			if (w != list)
				*w++ = '|';
			memmove(w, r, n);
			w += n;
		}
		r += n + (e != NULL);
	}
	*w = '\0';
	return ex.p;
}

pont_status
pont_checker_add_false_friends(pont_checker *c, const char *data, size_t len, const char *name, pont_findings *diags,
			       pont_error *err)
{
	size_t i = 0;
	unsigned long line = 0;

	if (pont_utf8_check(data, len) != len) {
		pont_lines li;
		unsigned long l, col;

		pont_lines_init(&li, data, len, 0);
		pont_lines_pos(&li, pont_utf8_check(data, len), &l, &col);
		pont_lines_release(&li);
		return pont_fail_at(err, PONT_EUTF8, name, l, col, "invalid UTF-8 in a false-friends list");
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		const char *s = data + i, *nl = memchr(s, '\n', len - i), *f[4];
		size_t n = nl ? (size_t)(nl - s) : len - i, fl[4], nf;
		struct friend *x;

		i += n + (nl != NULL);
		line++;
		if (n == 0 || s[0] == '#' || (n == 1 && s[0] == '\r'))
			continue;
		nf = fields(s, n, f, fl, 4);
		if (nf >= 2 && fl[0] == 6 && strncasecmp(f[0], "french", 6) == 0)
			continue;	/* the header */
		if (nf < 3 || fl[0] == 0 || fl[1] == 0) {
			if (diags)
				pont_findings_add_at(diags, PONT_ID_FALSE_FRIENDS_LINE, PONT_SEV_WARNING, line, 1,
						     "expected french, english, use and note separated by tabs: line ignored");
			continue;
		}
		XGROW(c->ff, c->aff, c->nff + 1);
		x = &c->ff[c->nff++];
		x->french = field(f[0], fl[0]);
		x->english = field(f[1], fl[1]);
		x->use = field(f[2], fl[2]);
		x->note = nf > 3 ? field(f[3], fl[3]) : NULL;
		x->except = split_exceptions(x->english);
		x->line = line;
	}
	return PONT_OK;
}

size_t
pont_checker_nfalse_friends(const pont_checker *c)
{
	return c->nff;
}

/*
 * text[0, n) folded with what holds no words of the text blanked: the marks given (URLs,
 * code, HTML, link syntax; offsets from base) and tokens of identifiers ("Assume-Yes",
 * "my-patron-ad89", "a/b", "x:y", "k=v"), so that a false friend is a word of the prose.
 */
static void
prose_fold(const char *text, size_t n, size_t base, const pont_mark *mk, size_t nmk, pont_buf *out)
{
	char *m = xmalloc(n + 1);
	size_t i, k, a;

	memcpy(m, text, n);
	m[n] = '\0';
	for (k = 0; k < nmk; k++) {
		size_t s = mk[k].span.start > base ? mk[k].span.start - base : 0, e = mk[k].span.end - base;

		if (mk[k].span.end <= base || mk[k].kind == PONT_MARK_EMPH || mk[k].kind == PONT_MARK_BLOCK)
			continue;
		for (i = s; i < e && i < n; i++)
			m[i] = ' ';
	}
	for (a = 0; a < n;) {		/* tokens with - _ / : = inside */
		size_t e = a;
		int ident = 0;

		while (e < n && m[e] != ' ' && m[e] != '\n' && m[e] != '\t') {
			if (e > a && e + 1 < n && strchr("-_/:=", m[e]) && m[e + 1] != ' ' && m[e + 1] != '\n')
				ident = 1;
			e++;
		}
		if (ident)
			for (i = a; i < e; i++)
				m[i] = ' ';
		a = e + 1;
	}
	pont_buf_reset(out);
	pont_fold(m, n, out);
	free(m);
}

/* The word after the first occurrence of w (folded, as a word) in folded text, into out. */
static void
word_after(const pont_buf *text, const char *w, size_t wn, pont_buf *out)
{
	pont_buf f = PONT_BUF_INIT;
	size_t i, e;

	pont_buf_reset(out);
	pont_fold(w, wn, &f);
	for (i = 0; f.len && i + f.len <= text->len; i++) {
		if (memcmp(text->p + i, f.p, f.len) != 0)
			continue;
		for (e = i + f.len; e < text->len && text->p[e] != ' '; e++)	/* the rest of the word */
			;
		while (e < text->len && text->p[e] == ' ')
			e++;
		for (i = e; e < text->len && ((text->p[e] | 0x20) >= 'a' && (text->p[e] | 0x20) <= 'z'); e++)
			;	/* its letters (ASCII: an English word) */
		pont_buf_add(out, text->p + i, e - i);
		break;
	}
	pont_buf_adds(out, "");
	pont_buf_release(&f);
}

/* The word of the target that item (its start, with a trailing * for any ending) found: its
 * place in the pair's text, compared without case; the item itself when not found as written. */
static void
word_in(const pair_view *v, const char *item, size_t n, size_t *a, size_t *e)
{
	size_t i;
	int stem = n > 0 && item[n - 1] == '*';

	n -= (size_t)stem;
	for (i = 0; n && i + n <= v->tn; i++) {
		if (strncasecmp(v->t + i, item, n) != 0 || (i > 0 && ((v->t[i - 1] | 0x20) >= 'a' && (v->t[i - 1] | 0x20) <= 'z')))
			continue;
		*a = i;
		*e = i + n;
		while (*e < v->tn && (v->t[*e] | 0x20) >= 'a' && (v->t[*e] | 0x20) <= 'z')
			(*e)++;
		return;
	}
	*a = *e = 0;
}

void
pont__check_false_friends(pont_checker *c, const pair_view *v, pont_findings *out)
{
	pont_buf fsrc = PONT_BUF_INIT, ftgt = PONT_BUF_INIT, w1 = PONT_BUF_INIT, w2 = PONT_BUF_INIT;
	size_t k, nsm, ntm;
	pont_mark *sm = pont__view_marks(v, 0, &nsm), *tm = pont__view_marks(v, 1, &ntm);

	prose_fold(v->s, v->sn, v->sbase, sm, nsm, &fsrc);
	prose_fold(v->t, v->tn, v->tbase, tm, ntm, &ftgt);
	for (k = 0; k < c->nff; k++) {
		const struct friend *x = &c->ff[k];
		const char *en, *fr;
		size_t enl, frl, a, e;

		if (!pont__find_words(&ftgt, x->english, &en, &enl) || !pont__find_words(&fsrc, x->french, &fr, &frl) ||
		    (x->except && pont__find_words(&ftgt, x->except, NULL, NULL)))
			continue;
		if (enl == frl && strncasecmp(en, fr, enl) == 0) {
			/* the same word both sides: English left in the French ("location definition")? */
			word_after(&fsrc, fr, frl - (fr[frl - 1] == '*'), &w1);
			word_after(&ftgt, en, enl - (en[enl - 1] == '*'), &w2);
			if (w1.len && strcmp(w1.p, w2.p) == 0)
				continue;
		}
		word_in(v, en, enl, &a, &e);
		frl -= fr[frl - 1] == '*';
		if (e > a)
			CHECK_ADD(c, out, PONT_ID_FALSE_FRIEND, a, e, "'%.*s' where the French says « %.*s »: %s", (int)(e - a),
				  v->t + a, (int)frl, fr, x->use);
		else
			CHECK_ADD(c, out, PONT_ID_FALSE_FRIEND, 0, v->tn, "'%.*s' where the French says « %.*s »: %s",
				  (int)(enl - (en[enl - 1] == '*')), en, (int)frl, fr, x->use);
		if (c->sev[PONT_ID_FALSE_FRIEND])
			pont_findings_set_why(out, "false friend of « %.*s »%s%s", (int)frl, fr, x->note ? ": " : "",
					      x->note ? x->note : "");
	}
	pont_buf_release(&fsrc);
	pont_buf_release(&ftgt);
	pont_buf_release(&w1);
	pont_buf_release(&w2);
	free(sm);
	free(tm);
}
