/* glossary.c: glossaries in memory: concepts, terms and language notes in a string pool;
 * statuses, types and dialects by name; looking terms up; a concept's English. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "glossary.h"

const char *
pont__glossary_keepn(pont_glossary *g, const char *s, size_t n)
{
	chunk *c = g->strings;
	char *p;

	if (c == NULL || c->size - c->used < n + 1) {
		size_t size = n + 1 > 65536 ? n + 1 : 65536;

		c = xmalloc(sizeof *c + size);
		c->next = g->strings;
		c->used = 0;
		c->size = size;
		g->strings = c;
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

void
pont_glossary_free(pont_glossary *g)
{
	chunk *c, *next;

	if (g == NULL)
		return;
	for (c = g->strings; c; c = next) {
		next = c->next;
		free(c);
	}
	free(g->c);
	free(g->t);
	free(g->ln);
	free(g);
}

pont_tbx_dialect pont_glossary_dialect(const pont_glossary *g) { return g->dialect; }
int pont_glossary_dct(const pont_glossary *g) { return g->dct; }
size_t pont_glossary_nconcepts(const pont_glossary *g) { return g->nc; }
size_t pont_glossary_nterms(const pont_glossary *g) { return g->nt; }
size_t pont_glossary_nlangnotes(const pont_glossary *g) { return g->nln; }

const pont_concept *
pont_glossary_concept(const pont_glossary *g, size_t i)
{
	return i < g->nc ? &g->c[i] : NULL;
}

const pont_term *
pont_glossary_term(const pont_glossary *g, size_t i)
{
	return i < g->nt ? &g->t[i] : NULL;
}

const pont_langnote *
pont_glossary_langnote(const pont_glossary *g, size_t i)
{
	return i < g->nln ? &g->ln[i] : NULL;
}

/* --- names and values --- */

static const char *const status_names[] = { "", "preferred", "admitted", "deprecated", "superseded",
	"obsolete", "forbidden" };
static const char *const type_names[] = { "", "fullForm", "acronym", "abbreviation", "shortForm",
	"variant", "phrase", "other" };
static const char *const dialect_names[] = { "glossary table", "TBX 2008", "TBX-Core", "TBX-Basic",
	"TBX-Min", "TBX-Min (2013 draft)" };

const char *
pont_term_status_name(pont_term_status s)
{
	return (unsigned)s < sizeof status_names / sizeof status_names[0] ? status_names[s] : "";
}

int
pont_term_status_rank(pont_term_status s)
{
	static const int rank[] = { 2, 0, 1, 4, 3, 5, 6 };

	return (unsigned)s < sizeof rank / sizeof rank[0] ? rank[s] : 9;
}

const char *
pont_term_type_name(pont_term_type t)
{
	return (unsigned)t < sizeof type_names / sizeof type_names[0] ? type_names[t] : "";
}

const char *
pont_tbx_dialect_name(pont_tbx_dialect d)
{
	return (unsigned)d < sizeof dialect_names / sizeof dialect_names[0] ? dialect_names[d] : "unknown";
}

/* Every spelling of a status met in TBX files: v3 picklists, usageStatus, 2008
 * normativeAuthorization, TBX-Min termStatus, and plain words. */
int
pont_term_status_parse(const char *s)
{
	static const struct { const char *s; pont_term_status v; } map[] = {
		{ "preferredTerm-admn-sts", PONT_STATUS_PREFERRED }, { "preferred", PONT_STATUS_PREFERRED },
		{ "preferredTerm", PONT_STATUS_PREFERRED }, { "standardizedTerm", PONT_STATUS_PREFERRED },
		{ "admittedTerm-admn-sts", PONT_STATUS_ADMITTED }, { "admitted", PONT_STATUS_ADMITTED },
		{ "admittedTerm", PONT_STATUS_ADMITTED }, { "legalTerm", PONT_STATUS_ADMITTED },
		{ "regulatedTerm", PONT_STATUS_ADMITTED },
		{ "deprecatedTerm-admn-sts", PONT_STATUS_DEPRECATED }, { "deprecated", PONT_STATUS_DEPRECATED },
		{ "deprecatedTerm", PONT_STATUS_DEPRECATED }, { "notRecommended", PONT_STATUS_DEPRECATED },
		{ "notRecommendedTerm-admn-sts", PONT_STATUS_DEPRECATED }, { "not recommended", PONT_STATUS_DEPRECATED },
		{ "supersededTerm-admn-sts", PONT_STATUS_SUPERSEDED }, { "superseded", PONT_STATUS_SUPERSEDED },
		{ "supersededTerm", PONT_STATUS_SUPERSEDED },
		{ "obsoleteTerm-admn-sts", PONT_STATUS_OBSOLETE }, { "obsolete", PONT_STATUS_OBSOLETE },
		{ "obsoleteTerm", PONT_STATUS_OBSOLETE },
		{ "forbiddenTerm-admn-sts", PONT_STATUS_FORBIDDEN }, { "forbidden", PONT_STATUS_FORBIDDEN },
		{ "forbiddenTerm", PONT_STATUS_FORBIDDEN },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(s, map[i].s) == 0)
			return (int)map[i].v;
	return -1;
}

int
pont_term_type_parse(const char *s)
{
	size_t i;

	for (i = 1; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcasecmp(s, type_names[i]) == 0)
			return (int)i;
	if (strcasecmp(s, "full form") == 0)
		return PONT_TYPE_FULL_FORM;
	if (strcasecmp(s, "short form") == 0)
		return PONT_TYPE_SHORT_FORM;
	if (strcasecmp(s, "initialism") == 0)
		return PONT_TYPE_ACRONYM;
	return -1;
}

/* --- enforcement --- */

static const char *const enforcement_names[] = { "", "required", "recommended", "reference" };

const char *
pont_enforcement_name(pont_enforcement e)
{
	return (unsigned)e < sizeof enforcement_names / sizeof enforcement_names[0] ? enforcement_names[e] : "";
}

/* The word at s (up to white space), its length in *n. */
static const char *
next_word(const char *s, size_t *n)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (*n = 0; s[*n] && s[*n] != ' ' && s[*n] != '\t' && s[*n] != '\n' && s[*n] != '\r'; (*n)++)
		;
	return s;
}

/* Ends the list in b: spaces before the bars and at the end removed; -1 when an item is empty. */
static int
close_list(pont_buf *b)
{
	size_t i, o = 0;
	int empty = 1;

	for (i = 0; i < b->len; i++) {
		if (b->p[i] == '|') {
			if (empty)
				return -1;
			while (o > 0 && b->p[o - 1] == ' ')
				o--;
			empty = 1;
		} else if (b->p[i] == ' ' && (o == 0 || b->p[o - 1] == '|' || b->p[o - 1] == ' ')) {
			continue;
		} else {
			empty = 0;
		}
		b->p[o++] = b->p[i];
	}
	while (o > 0 && b->p[o - 1] == ' ')
		o--;
	b->len = o;
	pont_buf_adds(b, "");
	return empty && o > 0 ? -1 : 0;
}

int
pont_enforcement_parse(const char *s, pont_enforcement *level, pont_buf *when, pont_buf *unless, pont_buf *why)
{
	pont_buf *cur = NULL;
	size_t n, k;
	const char *w = next_word(s ? s : "", &n);

	pont_buf_reset(when);
	pont_buf_reset(unless);
	pont_buf_adds(when, "");
	pont_buf_adds(unless, "");
	*level = PONT_ENFORCE_DEFAULT;
	for (k = 1; k < sizeof enforcement_names / sizeof enforcement_names[0]; k++)
		if (n == strlen(enforcement_names[k]) && strncasecmp(w, enforcement_names[k], n) == 0)
			*level = (pont_enforcement)k;
	if (*level == PONT_ENFORCE_DEFAULT) {
		if (why)
			pont_buf_addf(why, "'%.*s' is not an enforcement level (required, recommended, reference)", (int)n, w);
		return -1;
	}
	for (w = next_word(w + n, &n); n > 0; w = next_word(w + n, &n)) {
		if ((n == 4 && strncasecmp(w, "when", 4) == 0) || (n == 6 && strncasecmp(w, "unless", 6) == 0)) {
			pont_buf *next = n == 4 ? when : unless;

			if (cur && close_list(cur) < 0)
				break;
			if (next->len) {
				if (why)
					pont_buf_addf(why, "'%.*s' is given twice: list its words once, separated by |", (int)n, w);
				return -1;
			}
			cur = next;
			if (*next_word(w + n, &k) == '\0') {
				if (why)
					pont_buf_addf(why, "'%.*s' without words", (int)n, w);
				return -1;
			}
			continue;
		}
		if (cur == NULL) {
			if (why)
				pont_buf_addf(why, "'%.*s' after the level: expected 'when' or 'unless' and words", (int)n, w);
			return -1;
		}
		if (cur->len)
			pont_buf_addc(cur, ' ');
		pont_buf_add(cur, w, n);
	}
	if (cur && close_list(cur) < 0) {
		if (why)
			pont_buf_adds(why, "an empty word between the bars");
		return -1;
	}
	return 0;
}

int
pont__glossary_set_enforcement(pont_glossary *g, size_t ci, const char *value, pont_buf *why)
{
	pont_concept *c = &g->c[ci];
	pont_buf when = PONT_BUF_INIT, unless = PONT_BUF_INIT;
	pont_enforcement lv;
	int rc = pont_enforcement_parse(value, &lv, &when, &unless, why);

	c->enforcement = pont__glossary_keep(g, value);
	if (rc == 0) {
		c->level = lv;
		c->when = when.len ? pont__glossary_keepn(g, when.p, when.len) : NULL;
		c->unless = unless.len ? pont__glossary_keepn(g, unless.p, unless.len) : NULL;
	}
	pont_buf_release(&when);
	pont_buf_release(&unless);
	return rc;
}

int
pont_lang_matches(const char *lang, const char *want)
{
	size_t n = strlen(want);

	if (lang == NULL)
		return 0;
	if (strncasecmp(lang, want, n) != 0)
		return 0;
	return lang[n] == '\0' || lang[n] == '-' || lang[n] == '_';
}

/* --- building (for the CSV reader) --- */

pont_glossary *
pont__glossary_new(pont_tbx_dialect d)
{
	pont_glossary *g = xcalloc(1, sizeof *g);

	g->dialect = d;
	return g;
}

const char *
pont__glossary_keep(pont_glossary *g, const char *s)
{
	return s && *s ? pont__glossary_keepn(g, s, strlen(s)) : NULL;
}

size_t
pont__glossary_add_concept(pont_glossary *g, const char *id, const char *subject, const char *definition,
			   const char *note)
{
	pont_concept *c;

	XGROW(g->c, g->ac, g->nc + 1);
	c = &g->c[g->nc];
	memset(c, 0, sizeof *c);
	c->id = pont__glossary_keep(g, id);
	c->subject = pont__glossary_keep(g, subject);
	c->definition = pont__glossary_keep(g, definition);
	c->note = pont__glossary_keep(g, note);
	c->term0 = g->nt;
	return g->nc++;
}

pont_term *
pont__glossary_add_term(pont_glossary *g, const char *lang, const char *text)
{
	pont_term *t;

	XGROW(g->t, g->at, g->nt + 1);
	t = &g->t[g->nt++];
	memset(t, 0, sizeof *t);
	t->concept = g->nc - 1;
	t->lang = pont__glossary_keep(g, lang);
	t->text = pont__glossary_keepn(g, text, strlen(text));
	g->c[g->nc - 1].nterms++;
	return t;
}

void
pont__glossary_group_terms(pont_glossary *g, size_t ci)
{
	pont_concept *c = &g->c[ci];
	pont_term *t, *tmp;
	pont_intern langs = PONT_INTERN_INIT;
	size_t n = c->nterms, i, k, *start;
	uint32_t *id, nl, prev = UINT32_MAX;
	int grouped = 1;

	if (n < 2)
		return;
	t = g->t + c->term0;
	id = xmalloc(n * sizeof *id);

	/* ids in order of first appearance: grouped when each id starts once */
	for (i = 0; i < n; i++) {
		const char *l = t[i].lang ? t[i].lang : "";

		nl = (uint32_t)langs.n;
		id[i] = pont__intern(&langs, l, strlen(l), 1);
		if (id[i] != prev && id[i] < nl)
			grouped = 0;	/* a language seen before, after another */
		prev = id[i];
	}
	if (!grouped) {		/* a counting sort: stable */
		nl = (uint32_t)langs.n;
		start = xcalloc(nl + 1, sizeof *start);
		for (i = 0; i < n; i++)
			start[id[i] + 1]++;
		for (k = 0; k < nl; k++)
			start[k + 1] += start[k];
		tmp = xmalloc(n * sizeof *tmp);
		for (i = 0; i < n; i++)
			tmp[start[id[i]]++] = t[i];
		memcpy(t, tmp, n * sizeof *tmp);
		free(tmp);
		free(start);
	}
	free(id);
	pont__intern_release(&langs);
}

void
pont__glossary_set_langnote(pont_glossary *g, const char *lang, const char *definition, const char *note)
{
	pont_langnote *l;

	if ((definition == NULL || !*definition) && (note == NULL || !*note))
		return;
	XGROW(g->ln, g->aln, g->nln + 1);
	l = &g->ln[g->nln++];
	l->concept = g->nc - 1;
	l->lang = pont__glossary_keep(g, lang);
	l->definition = pont__glossary_keep(g, definition);
	l->note = pont__glossary_keep(g, note);
}

/* --- what the writers share --- */

size_t
pont__glossary_concept_langs(const pont_glossary *g, size_t ci, const char **langs, size_t max)
{
	const pont_concept *c = pont_glossary_concept(g, ci);
	size_t n = 0, i, k;

	for (i = 0; i < c->nterms + pont_glossary_nlangnotes(g); i++) {
		const char *l;

		if (i < c->nterms) {
			l = pont_glossary_term(g, c->term0 + i)->lang;
		} else {
			const pont_langnote *ln = pont_glossary_langnote(g, i - c->nterms);

			if (ln->concept != ci)
				continue;
			l = ln->lang;
		}
		if (l == NULL)
			continue;
		for (k = 0; k < n && strcmp(langs[k], l) != 0; k++)
			;
		if (k == n && n < max)
			langs[n++] = l;
	}
	return n;
}

const pont_langnote *
pont__glossary_langnote_of(const pont_glossary *g, size_t ci, const char *lang)
{
	size_t i;

	for (i = 0; i < pont_glossary_nlangnotes(g); i++) {
		const pont_langnote *l = pont_glossary_langnote(g, i);

		if (l->concept == ci && l->lang && strcmp(l->lang, lang) == 0)
			return l;
	}
	return NULL;
}

/* --- look-ups --- */

size_t
pont_glossary_lookup(const pont_glossary *g, const char *s, size_t n, const char *lang, pont_spans *out)
{
	pont_buf q = PONT_BUF_INIT, t = PONT_BUF_INIT;
	size_t i, found = 0, e;

	pont_fold(s, n, &q);
	e = q.p ? pont__elision_len(q.p, q.len) : 0;
	for (i = 0; i < pont_glossary_nterms(g); i++) {
		const pont_term *term = pont_glossary_term(g, i);

		if (term->text == NULL || (lang && !pont_lang_matches(term->lang, lang)))
			continue;
		pont_buf_reset(&t);
		pont_fold(term->text, strlen(term->text), &t);
		if ((t.len == q.len && memcmp(t.p, q.p, q.len) == 0) ||
		    (e && t.len == q.len - e && memcmp(t.p, q.p + e, t.len) == 0)) {
			pont_spans_push(out, i, i + 1);
			found++;
		}
	}
	pont_buf_release(&q);
	pont_buf_release(&t);
	return found;
}

size_t
pont_glossary_english(const pont_glossary *g, size_t concept, const char *lang, size_t *out, size_t max)
{
	const pont_concept *c = pont_glossary_concept(g, concept);
	size_t i, n = 0, j;
	int exact = 0;

	/* en-GB asks for the concept's en-GB terms when it has some, else its plain en ones; en asks
	 * for the plain en ones, else whatever English the concept has */
	for (i = 0; i < c->nterms; i++) {
		const char *l = pont_glossary_term(g, c->term0 + i)->lang;

		if (l && strcasecmp(l, strcasecmp(lang, "en") == 0 ? "en" : lang) == 0)
			exact = 1;
	}
	for (i = 0; i < c->nterms && n < max; i++) {
		const pont_term *t = pont_glossary_term(g, c->term0 + i);

		if (t->lang == NULL || !pont_lang_matches(t->lang, "en"))
			continue;
		if (exact && strcasecmp(t->lang, strcasecmp(lang, "en") == 0 ? "en" : lang) != 0)
			continue;
		if (!exact && strcasecmp(lang, "en") != 0 && strcasecmp(t->lang, "en") != 0)
			continue;
		out[n++] = c->term0 + i;
	}
	for (i = 1; i < n; i++)		/* stable insertion sort by status */
		for (j = i; j > 0 && pont_term_status_rank(pont_glossary_term(g, out[j])->status) < pont_term_status_rank(pont_glossary_term(g, out[j - 1])->status); j--) {
			size_t t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}
