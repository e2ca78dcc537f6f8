/* matcher.c: the term matcher: glossary terms compiled into a trie over folded tokens, with
 * inflected forms confirmed by Hunspell, matched left to right, longest first, in O(text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "terms.h"

/* --- edges: (node, token) -> node, in one open-addressing table --- */

typedef struct edge {
	uint32_t from, tok, to;
} edge;

typedef struct ref {
	uint32_t glossary, term;
	uint32_t orig0, ntok;	/* original token surfaces (case check): ids in m->orig */
	uint8_t cs;		/* written with capitals: match as written or in capitals */
} ref;

typedef struct tnode {
	uint32_t ref0, nref;	/* terminal: terms ending here (indexes into refs via reflist) */
} tnode;

typedef struct flags {
	unsigned char *v;
	size_t n;
} flags;

struct pont_matcher {
	pont_dict *dict;	/* borrowed: confirms inflected forms as the text shows them */
	int french;		/* French spelling rules for inflections (else English: "fixes") */
	flags termtok;		/* token ids that are words of terms */
	flags capital;		/* ... written with capitals */
	flags known;		/* ... known to the dictionary (1 no, 2 yes; 0 not asked yet) */
	const pont_glossary **gs;	/* a copy of the caller's array */
	size_t ng;
	pont_intern tok;		/* folded tokens of terms and their inflected forms */
	pont_intern orig;		/* original (case kept) token surfaces of terms */
	edge *edges;
	size_t nedge, aedge, nslot;
	uint32_t *eslot;
	tnode *nodes;
	size_t nnode, anode;
	ref *refs;
	size_t nref, aref;
	uint32_t *reflist;	/* per node, after compile: ref ids */
	uint32_t **alias;	/* per token id: base token ids it can stand for (0-terminated count first) */
	size_t nalias;
	pont_intern surf;		/* text surfaces seen: id -> folded token id (fold cache) */
	int32_t *surf_tok;
	size_t asurf;
	size_t maxtok;		/* longest term, in tokens */
	pont_buf fold;
};

static uint64_t
ehash(uint32_t from, uint32_t tok)
{
	return ((uint64_t)from * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)tok * 0xC2B2AE3D27D4EB4FULL);
}

static uint32_t
edge_get(pont_matcher *m, uint32_t from, uint32_t tok, int add)
{
	size_t i;

	if (m->nslot == 0) {
		if (!add)
			return UINT32_MAX;
		m->nslot = 1024;
		m->eslot = xcalloc(m->nslot, sizeof *m->eslot);
	}
	for (i = ehash(from, tok) & (m->nslot - 1);; i = (i + 1) & (m->nslot - 1)) {
		uint32_t v = m->eslot[i];

		if (v == 0)
			break;
		if (m->edges[v - 1].from == from && m->edges[v - 1].tok == tok)
			return m->edges[v - 1].to;
	}
	if (!add)
		return UINT32_MAX;
	XGROW(m->nodes, m->anode, m->nnode + 1);
	memset(&m->nodes[m->nnode], 0, sizeof m->nodes[m->nnode]);
	XGROW(m->edges, m->aedge, m->nedge + 1);
	m->edges[m->nedge].from = from;
	m->edges[m->nedge].tok = tok;
	m->edges[m->nedge].to = (uint32_t)m->nnode++;
	m->eslot[i] = (uint32_t)++m->nedge;
	if (m->nedge * 2 > m->nslot) {
		size_t ns = m->nslot * 2, k;
		uint32_t *slot = xcalloc(ns, sizeof *slot);

		for (k = 0; k < m->nedge; k++) {
			size_t j = ehash(m->edges[k].from, m->edges[k].tok) & (ns - 1);

			while (slot[j])
				j = (j + 1) & (ns - 1);
			slot[j] = (uint32_t)k + 1;
		}
		free(m->eslot);
		m->eslot = slot;
		m->nslot = ns;
	}
	return m->edges[m->nedge - 1].to;
}

/* --- tokens --- */



static int
is_word_char(uint32_t c)
{
	if (c < 0x80)		/* most of the text: no call */
		return (c | 0x20) - 'a' < 26u || c - '0' < 10u;
	return pont_cp_is_alnum(c) || (c >= 0x300 && c <= 0x36F);
}

/* Tokenizes s[a, b) into *tok (appended). */
static void
tokenize(const char *s, size_t a, size_t b, token **tok, size_t *n, size_t *alloc)
{
	size_t i = a;
	int joined = 0;

	while (i < b) {
		size_t j = i;
		uint32_t c = pont_utf8_next(s, b, &j);

		if (is_word_char(c)) {
			size_t e = j;

			while (e < b) {
				size_t k = e;

				if (!is_word_char(pont_utf8_next(s, b, &k)))
					break;
				e = k;
			}
			XGROW(*tok, *alloc, *n + 1);
			(*tok)[*n].start = i;
			(*tok)[*n].end = e;
			(*tok)[*n].sym = 0;
			(*tok)[*n].joined = joined;
			(*n)++;
			joined = 1;
			i = e;
			continue;
		}
		if (c == '/' || c == '&' || c == '+') {
			XGROW(*tok, *alloc, *n + 1);
			(*tok)[*n].start = i;
			(*tok)[*n].end = j;
			(*tok)[*n].sym = 1;
			(*tok)[*n].joined = 1;	/* "24h/7j", "R&D": symbols hold their neighbours */
			(*n)++;
			joined = 1;
		} else if (!(pont_cp_is_space(c) || pont_cp_is_hyphen(c) || pont_cp_is_apostrophe(c))) {
			joined = 0;		/* any other punctuation ends a term */
		}
		i = j;
	}
}

/* Folds s[0, n) into m->fold (lower case, NFC input assumed). */
static const char *
fold(pont_matcher *m, const char *s, size_t n, size_t *len)
{
	pont_buf_reset(&m->fold);
	pont__fold_case(s, n, &m->fold);
	*len = m->fold.len;
	return m->fold.p ? m->fold.p : "";
}

static int
has_upper(const char *s)
{
	size_t i = 0, n = strlen(s);

	while (i < n)
		if (pont_cp_is_upper(pont_utf8_next(s, n, &i)))
			return 1;
	return 0;
}

/* --- compiling --- */

static void
add_alias(pont_matcher *m, uint32_t form, uint32_t base)
{
	uint32_t *a;

	if (form == base)
		return;
	if (form >= m->nalias) {
		size_t n = m->nalias, k;

		xgrow((void **)&m->alias, &m->nalias, form + 1, sizeof *m->alias);
		for (k = n; k < m->nalias; k++)
			m->alias[k] = NULL;
	}
	a = m->alias[form];
	if (a) {
		uint32_t k;

		for (k = 1; k <= a[0]; k++)
			if (a[k] == base)
				return;
		a = xrealloc(a, (a[0] + 2) * sizeof *a);
	} else {
		a = xmalloc(2 * sizeof *a);
		a[0] = 0;
	}
	a[++a[0]] = base;
	m->alias[form] = a;
}


/* Marks token id as done; returns 1 the first time. */
static int
first_time(flags *f, uint32_t id)
{
	if (id >= f->n) {
		size_t old = f->n;

		f->n = (id + 1) * 2;
		f->v = xrealloc(f->v, f->n);
		memset(f->v + old, 0, f->n - old);
	}
	if (f->v[id])
		return 0;
	f->v[id] = 1;
	return 1;
}

/* Inflections, from a base form to an inflected one; the first of each list is the plain
 * plural, which words the dictionary does not know take too. */
typedef struct rule {
	const char *from, *to;
} rule;

static const rule fr_rules[] = {
	{ "", "s" }, { "", "x" }, { "al", "aux" }, { "", "e" }, { "", "es" }, { "eur", "euse" },
	{ "eur", "euses" }, { "eur", "rice" }, { "eur", "rices" }, { "ien", "ienne" },
	{ "ien", "iennes" }, { "ier", "ière" }, { "ier", "ières" }, { "if", "ive" }, { "if", "ives" },
	{ "er", "ère" }, { "er", "ères" }, { "eau", "eaux" },
};

/* English: plurals and the verb forms of terms that are also verbs ("update": "updated",
 * "updating"); a doubled consonant ("shipped") is tried apart. */
static const rule en_rules[] = {
	{ "", "s" }, { "", "es" }, { "y", "ies" }, { "", "ed" }, { "", "d" }, { "y", "ied" }, { "", "ing" },
	{ "e", "ing" },
};

static int
flag(const flags *f, uint32_t id)
{
	return id < f->n && f->v[id];
}

static void
set_flag(flags *f, uint32_t id, unsigned char v)
{
	first_time(f, id);
	f->v[id] = v;
}

/*
 * Is the folded text form an inflection of term token base by rule r? The dictionary confirms
 * it (base among the stems of form); a word the dictionary does not know (jargon: "dev",
 * "infra") or a token written with capitals (SRE) takes the regular plural only.
 */
static int
confirm(pont_matcher *m, const char *form, uint32_t base, size_t r)
{
	const char *b = pont__intern_str(&m->tok, base);
	size_t n = strlen(b);
	pont_buf stems = PONT_BUF_INIT;
	const char *p, *end;
	int ok = 0, known;

	if (!flag(&m->known, base)) {	/* cache: 1 not known, 2 known to the dictionary */
		char w[128];

		snprintf(w, sizeof w, "%s", b);
		set_flag(&m->known, base, (unsigned char)(m->dict && pont_dict_spell(m->dict, w) ? 2 : 1));
	}
	known = m->known.v[base] == 2;
	if (!known || flag(&m->capital, base))
		return r == 0 || (!m->french && r == 1 && n > 0 && strchr("sxz", b[n - 1]));	/* OSes */
	if (pont_dict_stems(m->dict, form, &stems) > 0)
		for (p = stems.p, end = stems.p + stems.len; p < end && !ok; p += strlen(p) + 1) {
			size_t sl;
			const char *f = fold(m, p, strlen(p), &sl);

			ok = sl == n && memcmp(f, b, n) == 0;
		}
	pont_buf_release(&stems);
	/* the plain plural in -s of a word the dictionary knows, when the dictionary knows the
	 * plural too but stems it elsewhere (English: "applications" -> "apply") */
	if (!ok && r == 0 && pont_dict_spell(m->dict, form))
		ok = 1;
	return ok;
}

/*
 * The term tokens the folded text form f can stand for as an inflected form, added as its
 * aliases; returns the form's token id, or UINT32_MAX when it stands for nothing. Done once per
 * distinct form of the text, so the cost follows the text's vocabulary, not the glossary's size.
 */
static uint32_t
inflected(pont_matcher *m, const char *f, size_t fl, uint32_t id)
{
	char form[128], base[136];
	size_t i, tl, fromlen, nrules = m->french ? sizeof fr_rules / sizeof fr_rules[0] : sizeof en_rules / sizeof en_rules[0];
	const rule *rules = m->french ? fr_rules : en_rules;
	uint32_t bid, fid = id;

	if (fl < 3 || fl >= sizeof form)
		return id;
	memcpy(form, f, fl);
	form[fl] = '\0';
	for (i = 0; i <= nrules; i++) {
		if (i == nrules) {	/* English: a doubled consonant before -ed, -ing ("shipped": "ship") */
			tl = fl > 4 && memcmp(form + fl - 2, "ed", 2) == 0 ? 3 : fl > 5 && memcmp(form + fl - 3, "ing", 3) == 0 ? 4 : 0;
			if (m->french || tl == 0 || form[fl - tl] != form[fl - tl + 1] || strchr("aeiouy", form[fl - tl]))
				continue;
			fromlen = 0;
			memcpy(base, form, fl - tl);
			base[fl - tl] = '\0';
		} else {
			tl = strlen(rules[i].to);
			fromlen = strlen(rules[i].from);
			if (tl >= fl || memcmp(form + fl - tl, rules[i].to, tl) != 0)
				continue;
			memcpy(base, form, fl - tl);
			memcpy(base + fl - tl, rules[i].from, fromlen + 1);
		}
		bid = pont__intern(&m->tok, base, fl - tl + fromlen, 0);
		if (bid == UINT32_MAX || !flag(&m->termtok, bid))
			continue;
		/* forms French spelling cannot have */
		if (m->french && i == 1 && !(fl - tl >= 1 && base[fl - tl - 1] == 'u'))
			continue;
		if (m->french && fromlen == 0 && rules[i].to[0] == 'e' && strchr("esx", base[fl - tl - 1]))
			continue;
		if (!confirm(m, form, bid, i))
			continue;
		if (fid == UINT32_MAX)
			fid = pont__intern(&m->tok, form, fl, 1);
		add_alias(m, fid, bid);
	}
	return fid;
}

static void
add_term(pont_matcher *m, uint32_t gi, uint32_t ti, const char *text)
{
	token *tok = NULL;
	size_t ntok = 0, atok = 0, k;
	uint32_t node = 0, o0;
	ref *r;
	pont_buf joined = PONT_BUF_INIT;
	int cs = has_upper(text), alnum = 1;

	tokenize(text, 0, strlen(text), &tok, &ntok, &atok);
	if (ntok == 0) {
		free(tok);
		return;
	}
	o0 = (uint32_t)m->orig.n;
	for (k = 0; k < ntok; k++) {
		size_t fl;
		const char *f = fold(m, text + tok[k].start, tok[k].end - tok[k].start, &fl);
		uint32_t id = pont__intern(&m->tok, f, fl, 1);

		if (!tok[k].sym)
			pont_buf_add(&joined, f, fl);
		else
			alnum = 0;
		node = edge_get(m, node, id, 1);
		/* the original surfaces, consecutive per term, for the case check */
		XGROW(m->orig.off, m->orig.alloc, m->orig.n + 1);
		m->orig.off[m->orig.n++] = m->orig.pool.len;
		pont_buf_add(&m->orig.pool, text + tok[k].start, tok[k].end - tok[k].start);
		pont_buf_addc(&m->orig.pool, '\0');
		if (!tok[k].sym) {
			char w[128];

			/* a token written with capitals (SRE, Ops) takes the plain plural only */
			snprintf(w, sizeof w, "%.*s", (int)(tok[k].end - tok[k].start), text + tok[k].start);
			set_flag(&m->termtok, id, 1);
			if (has_upper(w))
				set_flag(&m->capital, id, 1);
		}
	}
	XGROW(m->refs, m->aref, m->nref + 2);
	r = &m->refs[m->nref++];
	r->glossary = gi;
	r->term = ti;
	r->orig0 = o0;
	r->ntok = (uint32_t)ntok;
	r->cs = (uint8_t)cs;
	m->nodes[node].nref++;
	if (ntok > m->maxtok)
		m->maxtok = ntok;
	/* "data center" is also written "datacenter" (not for capitalised terms) */
	if (ntok > 1 && alnum && !cs) {
		uint32_t jn = edge_get(m, 0, pont__intern(&m->tok, joined.p, joined.len, 1), 1);

		m->refs[m->nref] = *r;
		m->refs[m->nref].ntok = 0;
		m->nref++;
		m->nodes[jn].nref++;
	}
	pont_buf_release(&joined);
	free(tok);
}

pont_matcher *
pont_matcher_new(const pont_glossary *const *gs, size_t ng, const char *lang, pont_dict *dict, pont_error *err)
{
	pont_matcher *m = xcalloc(1, sizeof *m);
	size_t gi, ti, k;
	uint32_t *fill;
	uint32_t *endnode;

	(void)err;
	m->dict = dict;
	m->french = strncmp(lang, "fr", 2) == 0;
	m->gs = xcalloc(ng + 1, sizeof *m->gs);
	memcpy(m->gs, gs, ng * sizeof *gs);
	m->ng = ng;
	XGROW(m->nodes, m->anode, 1);
	memset(&m->nodes[0], 0, sizeof m->nodes[0]);
	m->nnode = 1;
	/* end node of each ref, found by walking the trie again after all terms are in */
	for (gi = 0; gi < ng; gi++) {
		for (ti = 0; ti < pont_glossary_nterms(gs[gi]); ti++) {
			const pont_term *t = pont_glossary_term(gs[gi], ti);

			if (t->text == NULL || !pont_lang_matches(t->lang, lang))
				continue;
			add_term(m, (uint32_t)gi, (uint32_t)ti, t->text);
		}
	}
	/* lay out each node's refs contiguously */
	endnode = xcalloc(m->nref + 1, sizeof *endnode);
	for (k = 0; k < m->nref; k++) {
		const ref *r = &m->refs[k];
		const pont_term *t = pont_glossary_term(gs[r->glossary], r->term);
		token *tok = NULL;
		size_t ntok = 0, atok = 0, j, fl;
		uint32_t node = 0;
		pont_buf joined = PONT_BUF_INIT;

		tokenize(t->text, 0, strlen(t->text), &tok, &ntok, &atok);
		for (j = 0; j < ntok; j++) {
			const char *f = fold(m, t->text + tok[j].start, tok[j].end - tok[j].start, &fl);

			if (r->ntok == 0)
				pont_buf_add(&joined, f, fl);
			else
				node = edge_get(m, node, pont__intern(&m->tok, f, fl, 0), 0);
		}
		if (r->ntok == 0)
			node = edge_get(m, 0, pont__intern(&m->tok, joined.p, joined.len, 0), 0);
		endnode[k] = node;
		pont_buf_release(&joined);
		free(tok);
	}
	for (k = 0, ti = 0; k < m->nnode; k++) {
		m->nodes[k].ref0 = (uint32_t)ti;
		ti += m->nodes[k].nref;
	}
	m->reflist = xcalloc(m->nref + 1, sizeof *m->reflist);
	fill = xcalloc(m->nnode, sizeof *fill);
	for (k = 0; k < m->nref; k++) {
		uint32_t nd = endnode[k];

		m->reflist[m->nodes[nd].ref0 + fill[nd]++] = (uint32_t)k;
	}
	free(fill);
	free(endnode);
	return m;
}

void
pont_matcher_free(pont_matcher *m)
{
	size_t k;

	if (m == NULL)
		return;
	free(m->gs);
	free(m->termtok.v);
	free(m->capital.v);
	free(m->known.v);
	pont__intern_release(&m->tok);
	pont__intern_release(&m->orig);
	pont__intern_release(&m->surf);
	free(m->surf_tok);
	free(m->edges);
	free(m->eslot);
	free(m->nodes);
	free(m->refs);
	free(m->reflist);
	for (k = 0; k < m->nalias; k++)
		free(m->alias[k]);
	free(m->alias);
	pont_buf_release(&m->fold);
	free(m);
}

void
pont_matches_release(pont_matches *m)
{
	free(m->v);
	free(m->alts);
	memset(m, 0, sizeof *m);
}

/* --- matching --- */

/* The folded token id of a text token (cached per distinct surface), -1 when no term uses it. */
static int32_t
text_tok(pont_matcher *m, const char *s, size_t n)
{
	uint32_t sid = pont__intern(&m->surf, s, n, 1);
	size_t fl;
	const char *f;
	uint32_t id;

	if (sid < m->asurf && m->surf_tok[sid] != -2)
		return m->surf_tok[sid];
	if (sid >= m->asurf) {
		size_t old = m->asurf, k;

		XGROW(m->surf_tok, m->asurf, sid + 1);
		for (k = old; k < m->asurf; k++)
			m->surf_tok[k] = -2;
	}
	f = fold(m, s, n, &fl);
	id = pont__intern(&m->tok, f, fl, 0);
	id = inflected(m, f, fl, id);	/* also a form of another term word? */
	m->surf_tok[sid] = id == UINT32_MAX ? -1 : (int32_t)id;
	return m->surf_tok[sid];
}

static int
all_upper(const char *s, size_t n)
{
	size_t i = 0;
	int letters = 0;

	while (i < n) {
		uint32_t c = pont_utf8_next(s, n, &i);

		if (pont_cp_is_lower(c))
			return 0;
		letters += pont_cp_is_letter(c);
	}
	return letters > 0;
}

/* Does the text written at toks[i..i+len) respect the case of term reference r? */
static int
case_ok(const pont_matcher *m, const ref *r, const char *s, const token *toks, size_t i, size_t len)
{
	size_t k;

	if (!r->cs || r->ntok == 0)	/* joined forms exist for lower-case terms only */
		return 1;
	if (r->ntok != len)
		return 0;
	for (k = 0; k < len; k++) {
		const char *o = pont__intern_str(&m->orig, r->orig0 + (uint32_t)k), *w = s + toks[i + k].start;
		size_t on = strlen(o), wn = toks[i + k].end - toks[i + k].start;

		if (wn == on && memcmp(o, w, on) == 0)
			continue;
		if (wn == on + 1 && memcmp(o, w, on) == 0 && w[on] == 's')
			continue;	/* "SREs" */
		if (wn == on + 2 && memcmp(o, w, on) == 0 && w[on] == 'e' && w[on + 1] == 's' && on > 0 && o[on - 1] == 'S')
			continue;	/* "OSes" */
		if (all_upper(w, wn))
			continue;	/* "OPS" for "Ops" */
		return 0;
	}
	return 1;
}

/* Gender a determiner gives: 'f', 'm' or 0. */
static char
determiner(const char *s, size_t n)
{
	static const char *const fem[] = { "la", "une", "sa", "cette", "ma", "ta", "La", "Une", "Sa", "Cette" };
	static const char *const masc[] = { "le", "un", "son", "ce", "cet", "mon", "ton", "du", "au", "Le", "Un",
		"Son", "Ce", "Du", "Au" };
	size_t k;

	for (k = 0; k < sizeof fem / sizeof fem[0]; k++)
		if (strlen(fem[k]) == n && memcmp(fem[k], s, n) == 0)
			return 'f';
	for (k = 0; k < sizeof masc / sizeof masc[0]; k++)
		if (strlen(masc[k]) == n && memcmp(masc[k], s, n) == 0)
			return 'm';
	return 0;
}

#define MAXFRONT 32

static void
match_tokens(pont_matcher *m, const char *s, const token *toks, size_t nt, pont_matches *out)
{
	size_t i = 0;

	while (i < nt) {
		uint32_t front[MAXFRONT], next[MAXFRONT];
		size_t nf = 1, j, best_len = 0, k;
		uint32_t best_node = 0;
		int32_t t;

		front[0] = 0;
		for (j = i; j < nt && nf && j - i < m->maxtok + 1; j++) {
			size_t nn = 0, f, a;

			if (j > i && !toks[j].joined)
				break;
			t = text_tok(m, s + toks[j].start, toks[j].end - toks[j].start);
			if (t < 0)
				break;
			for (f = 0; f < nf; f++) {
				uint32_t to = edge_get(m, front[f], (uint32_t)t, 0);

				if (to != UINT32_MAX && nn < MAXFRONT)
					next[nn++] = to;
				if ((size_t)t < m->nalias && m->alias[t])
					for (a = 1; a <= m->alias[t][0]; a++) {
						to = edge_get(m, front[f], m->alias[t][a], 0);
						if (to != UINT32_MAX && nn < MAXFRONT)
							next[nn++] = to;
					}
			}
			nf = nn;
			memcpy(front, next, nn * sizeof *next);
			for (f = 0; f < nf; f++) {	/* a term ends here and its case fits */
				const tnode *nd = &m->nodes[front[f]];

				for (k = 0; k < nd->nref; k++)
					if (case_ok(m, &m->refs[m->reflist[nd->ref0 + k]], s, toks, i, j - i + 1)) {
						best_len = j - i + 1;
						best_node = front[f];
						break;
					}
			}
		}
		if (best_len == 0) {
			i++;
			continue;
		}
		{
			const tnode *nd = &m->nodes[best_node];
			char g = i > 0 ? determiner(s + toks[i - 1].start, toks[i - 1].end - toks[i - 1].start) : 0;
			size_t pick = SIZE_MAX, c;
			pont_match *mt;
			size_t seen_concepts[64], nseen = 0;

			/* the best reference: case fits, gender fits the determiner, best status */
			for (k = 0; k < nd->nref; k++) {
				const ref *r = &m->refs[m->reflist[nd->ref0 + k]];
				const pont_term *tm = pont_glossary_term(m->gs[r->glossary], r->term);
				const ref *b;
				const pont_term *bt;
				int gfit, bfit;

				if (!case_ok(m, r, s, toks, i, best_len))
					continue;
				if (pick == SIZE_MAX) {
					pick = k;
					continue;
				}
				b = &m->refs[m->reflist[nd->ref0 + pick]];
				bt = pont_glossary_term(m->gs[b->glossary], b->term);
				gfit = g && tm->gender && tm->gender[0] == (g == 'f' ? 'f' : 'm');
				bfit = g && bt->gender && bt->gender[0] == (g == 'f' ? 'f' : 'm');
				if (gfit > bfit || (gfit == bfit && pont_term_status_rank(tm->status) < pont_term_status_rank(bt->status)))
					pick = k;
			}
			XGROW(out->v, out->alloc, out->n + 1);
			mt = &out->v[out->n++];
			mt->span.start = toks[i].start;
			mt->span.end = toks[i + best_len - 1].end;
			mt->glossary = m->refs[m->reflist[nd->ref0 + pick]].glossary;
			mt->term = m->refs[m->reflist[nd->ref0 + pick]].term;
			mt->alt0 = out->nalts / 2;	/* pairs */
			mt->nalt = 0;
			seen_concepts[nseen++] = pont_glossary_term(m->gs[mt->glossary], mt->term)->concept;
			/* other concepts written the same way, unless the determiner ruled them out */
			for (k = 0; k < nd->nref; k++) {
				const ref *r = &m->refs[m->reflist[nd->ref0 + k]];
				const pont_term *tm = pont_glossary_term(m->gs[r->glossary], r->term);
				const pont_term *pt = pont_glossary_term(m->gs[mt->glossary], mt->term);

				if (!case_ok(m, r, s, toks, i, best_len))
					continue;
				for (c = 0; c < nseen && !(seen_concepts[c] == tm->concept && r->glossary == mt->glossary); c++)
					;
				if (c < nseen || nseen >= 64)
					continue;
				if (g && pt->gender && tm->gender && tm->gender[0] != pt->gender[0] &&
				    pt->gender[0] == (g == 'f' ? 'f' : 'm'))
					continue;
				seen_concepts[nseen++] = tm->concept;
				XGROW(out->alts, out->aalts, out->nalts + 2);
				out->alts[out->nalts++] = r->glossary;
				out->alts[out->nalts++] = r->term;
				mt->nalt++;
			}
		}
		i += best_len;
	}
}

/*
 * Tokenizes the text of block b, between its protected marks (code, URLs, e-mail, HTML, link
 * syntax): nothing runs across them. Line structure and emphasis do not stop words.
 */
void
pont__block_tokens(const char *s, const pont_block *b, const pont_mark *mk, token **toks, size_t *nt, size_t *at)
{
	size_t from = b->content.start, k;

	*nt = 0;
	for (k = 0; k <= b->nmarks; k++) {
		const pont_mark *x = k < b->nmarks ? &mk[b->mark0 + k] : NULL;
		size_t to = x ? x->span.start : b->content.end;

		if (x && (x->kind == PONT_MARK_BLOCK || x->kind == PONT_MARK_EMPH))
			continue;
		if (to > from) {
			size_t n0 = *nt;

			tokenize(s, from, to, toks, nt, at);
			if (n0 > 0 && n0 < *nt)
				(*toks)[n0].joined = 0;
		}
		if (x)
			from = x->span.end > from ? x->span.end : from;
	}
}

void
pont_match_doc(pont_matcher *m, const pont_doc *doc, pont_matches *out)
{
	size_t nb = pont_doc_nblocks(doc), nmk, len, i;
	const pont_mark *mk = pont_doc_marks(doc, &nmk);
	const char *s = pont_doc_text(doc, &len);
	token *toks = NULL;
	size_t nt, at = 0;

	pont__count(PONT_COUNT_MATCH);
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);

		if (!pont_block_kind_is_text(b->kind))
			continue;
		pont__block_tokens(s, b, mk, &toks, &nt, &at);
		match_tokens(m, s, toks, nt, out);
	}
	free(toks);
}

