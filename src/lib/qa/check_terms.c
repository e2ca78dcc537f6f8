/* check_terms.c: terminology in translation QA: each glossary concept of the source rendered
 * by one of its approved English terms, as strictly as the glossary enforces it and where its
 * context selects it; no term the glossary forbids; acronyms spelt out on their first use. Both
 * sides' matches come from the bitext's one pass of the matchers. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"

int
pont__check_mentioned(pont_checker *c, size_t g, size_t concept)
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

/* --- where a source term is not terminology --- */

static uint32_t
first_cp(const char *s, size_t n)
{
	size_t i = 0;

	return n ? pont_utf8_next(s, n, &i) : 0;
}

/* The code point before offset i of s (0 at the start); *at gets its offset. */
static uint32_t
cp_before(const char *s, size_t i, size_t *at)
{
	size_t k;

	if (i == 0)
		return 0;
	for (k = i - 1; k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80; k--)
		;
	*at = k;
	return pont_utf8_next(s, i, &k);
}

/* Does the source sentence start just before offset a (only spaces and opening marks between)? */
static int
sentence_start(const pair_view *v, size_t a)
{
	size_t i = a, at;
	uint32_t c;

	while (i > v->sbase) {
		c = cp_before(v->stext, i, &at);
		if (c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2026 || c == '\n' || c == '-' || c == 0x2014 ||
		    c == 0x2013)
			return 1;
		if (c != ' ' && c != 0xA0 && c != 0x202F && c != '\t' && c != 0xAB && c != 0x201C && c != '"' &&
		    c != '(' && c != '[' && c != '*' && c != '_' && c != '\'' && c != 0x2018)
			return 0;
		i = at;
	}
	return 1;
}

/* Words between [a, b) of s (runs of non-space). */
static size_t
count_words(const char *s, size_t a, size_t b)
{
	size_t n = 0, i;
	int in = 0;

	for (i = a; i < b; i++) {
		int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';

		n += !sp && !in;
		in = !sp;
	}
	return n;
}

/* Is the source match at [a, b) inside a short quotation that opens on a capital (a title, a
 * name: « Trajectoire(s) », « Mise en prod »)? A term quoted in lower case is the term itself. */
static int
short_quote(const pair_view *v, size_t a, size_t b)
{
	size_t i = v->sbase, open = SIZE_MAX, end = v->sbase + v->sn;
	int straight = 0;

	while (i < a) {		/* the innermost quotation still open at a */
		size_t at = i;
		uint32_t c = pont_utf8_next(v->stext, end, &i);

		if (c == 0xAB || c == 0x201C || (c == '"' && !straight))
			open = at, straight = c == '"';
		else if (c == 0xBB || c == 0x201D || (c == '"' && straight))
			open = SIZE_MAX, straight = 0;
	}
	if (open == SIZE_MAX)
		return 0;
	for (i = b; i < end;) {
		size_t at = i;
		uint32_t c = pont_utf8_next(v->stext, end, &i);

		if (c == 0xBB || c == 0x201D || (c == '"' && straight)) {
			size_t k = open, q;

			pont_utf8_next(v->stext, end, &k);	/* past the quotation mark and its spaces */
			for (q = k; q < end;) {
				size_t r = q;
				uint32_t d = pont_utf8_next(v->stext, end, &r);

				if (d != ' ' && d != 0xA0 && d != 0x202F)
					return count_words(v->stext, open, at) <= 6 && pont_cp_is_upper(d);
				q = r;
			}
			return 0;
		}
	}
	return 0;
}

/* Are the words on both sides of source match m (one at the edge of the pair) written in
 * capitals too (text in capitals, where a capitalised acronym is just a word)? */
static int
shouted(const pair_view *v, const pont_match *m)
{
	size_t a = m->span.start, b = m->span.end, end = v->sbase + v->sn, i, at, caps = 0, words = 0;
	int side;

	for (side = 0; side < 2; side++) {
		size_t letters = 0, upper = 0;

		i = side ? b : a;
		if (side == 0)	/* back over the spaces, then the word */
			while (i > v->sbase && cp_before(v->stext, i, &at) == ' ')
				i = at;
		else
			while (i < end && v->stext[i] == ' ')
				i++;
		for (;;) {
			uint32_t c;

			if (side == 0) {
				if (i <= v->sbase || !pont_cp_is_letter(c = cp_before(v->stext, i, &at)))
					break;
				i = at;
			} else {
				size_t k = i;

				if (i >= end || !pont_cp_is_letter(c = pont_utf8_next(v->stext, end, &k)))
					break;
				i = k;
			}
			letters++;
			upper += pont_cp_is_upper(c) != 0;
		}
		words += letters > 0;
		caps += letters >= 2 && upper == letters;
	}
	return words > 0 && caps == words;
}

/* Is source match m (of term t) a name or a title rather than the term? Capitalised in
 * mid-sentence where the glossary writes it in lower case (« Trajectoire(s) »), or inside a
 * short quotation. */
/* Is the match part of an identifier, a path or a package name (its run of non-space bytes
 * has digits, "_", "/" or "." between letters: "libedataserverui-3.0-dev")? */
static int
in_identifier(const pair_view *v, const pont_match *m)
{
	size_t a = m->span.start, e = m->span.end, end = v->sbase + v->sn, i;

	while (a > v->sbase && v->stext[a - 1] != ' ' && v->stext[a - 1] != '\n' && v->stext[a - 1] != '\t')
		a--;
	while (e < end && v->stext[e] != ' ' && v->stext[e] != '\n' && v->stext[e] != '\t')
		e++;
	for (i = a; i < e; i++)
		if ((v->stext[i] >= '0' && v->stext[i] <= '9') || v->stext[i] == '_' || v->stext[i] == '/' ||
		    (v->stext[i] == '.' && i > a && i + 1 < e && v->stext[i + 1] != ' ' && pont_cp_is_letter((unsigned char)v->stext[i - 1])))
			return 1;
	return 0;
}

static int
not_terminology(const pair_view *v, const pont_match *m, const pont_term *t)
{
	uint32_t mc = first_cp(v->stext + m->span.start, m->span.end - m->span.start);
	uint32_t tc = first_cp(t->text, strlen(t->text));

	if (pont_cp_is_upper(mc) && pont_cp_is_letter(tc) && !pont_cp_is_upper(tc) && !sentence_start(v, m->span.start))
		return 1;
	if (shouted(v, m))
		return 1;	/* « QUE SI VOUS » is not the acronym SI */
	if (in_identifier(v, m))
		return 1;
	return short_quote(v, m->span.start, m->span.end);
}

/* Is w[0, n) in the target of the pair as a word of its own (a term kept in French: a name)? */
static int
kept_as_is(const pair_view *v, const char *w, size_t n)
{
	size_t i, at;

	for (i = 0; n && i + n <= v->tn; i++) {
		if (memcmp(v->t + i, w, n) != 0)
			continue;
		if (i > 0 && pont_cp_is_letter(cp_before(v->t, i, &at)))
			continue;
		if (i + n < v->tn && pont_cp_is_letter(first_cp(v->t + i + n, v->tn - i - n)))
			continue;
		return 1;
	}
	return 0;
}

/* Is one of the concept's approved English terms of three letters or more inside the folded
 * target, in a longer term or a closed compound ("developer" in "lead developer", "server" in
 * "keyserver", "fix" in "bugfixes"), or, for a word ending in e, in a derived word
 * ("upgradable")? The matcher sees only whole terms, longest first. */
static int
rendered_inside(const pont_checker *c, const pont_glossary *g, size_t concept, const pont_buf *ftgt)
{
	size_t en[16], ne = pont_glossary_english(g, concept, c->trg, en, 16), j;
	pont_buf w = PONT_BUF_INIT;
	int found = 0;

	for (j = 0; j < ne && !found; j++) {
		const pont_term *t = pont_glossary_term(g, en[j]);

		if (pont_term_status_rank(t->status) >= 3 || strlen(t->text) < 3)
			continue;
		pont_buf_reset(&w);
		pont_fold(t->text, strlen(t->text), &w);
		if (w.len >= 6 && w.p[w.len - 1] == 'e' && strchr(w.p, ' ') == NULL)
			w.len--;	/* "upgrad": "upgradable", "updating" */
		else if (w.len >= 6 && w.p[w.len - 1] == 's' && w.p[w.len - 2] != 's')
			w.len--;	/* "technical skill" for "technical skills" */
		found = pont__contains(ftgt->p, ftgt->len, w.p, w.len);
	}
	pont_buf_release(&w);
	return found;
}

/* --- enforcement --- */

/* Is the concept's project or customer someone else's? */
static int
other_project(const pont_checker *c, const pont_concept *cc)
{
	return c->project && ((cc->project && strcasecmp(cc->project, c->project) != 0) ||
			      (cc->customer && strcasecmp(cc->customer, c->project) != 0));
}

/* Does the concept's context (its when/unless words, its project) leave this pair out? Then
 * the French is not used in the concept's sense, and no English of it is wrong either. */
static int
out_of_context(const pont_checker *c, const pont_concept *cc, const pair_view *v, pont_buf *folded)
{
	if (other_project(c, cc))
		return 1;
	if ((cc->when || cc->unless) && folded->len == 0)
		pont_fold(v->s, v->sn, folded);
	return (cc->when && !pont__find_words(folded, cc->when, NULL, NULL)) ||
	       (cc->unless && pont__find_words(folded, cc->unless, NULL, NULL));
}

/* How strictly the concept is held in this pair: 0 when not at all (reference only, another
 * project's, or its context not here). *folded is the source pair folded, made when needed. */
static pont_enforcement
enforced(const pont_checker *c, const pont_concept *cc, const pair_view *v, pont_buf *folded)
{
	if (cc->level == PONT_ENFORCE_REFERENCE || out_of_context(c, cc, v, folded))
		return PONT_ENFORCE_DEFAULT;
	return cc->level == PONT_ENFORCE_DEFAULT ? PONT_ENFORCE_RECOMMENDED : cc->level;
}

/* A concept of the source; concepts whose French is written the same way (homonyms:
 * « licence » the degree and a software licence) share a group: the English of any of them
 * renders the French. */
typedef struct conc {
	size_t glossary, concept, nsrc, ntgt;
	size_t group;		/* index of the group's first concept */
	size_t first;		/* the source match that brought it */
} conc;

typedef struct concs {
	conc *v;
	size_t n, a;
} concs;

/* The concept's entry, added when new (group: its own index unless given). */
static size_t
conc_at(concs *cs, size_t glossary, size_t concept, size_t group, size_t first)
{
	size_t k;

	for (k = 0; k < cs->n && !(cs->v[k].glossary == glossary && cs->v[k].concept == concept); k++)
		;
	if (k == cs->n) {
		XGROW(cs->v, cs->a, cs->n + 1);
		memset(&cs->v[k], 0, sizeof cs->v[k]);
		cs->v[k].glossary = glossary;
		cs->v[k].concept = concept;
		cs->v[k].group = group == SIZE_MAX ? k : group;
		cs->v[k].first = first;
		cs->n++;
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

/* The first approved English term of a concept, NULL when none. */
static const char *
approved_english(const pont_glossary *g, size_t concept, const char *trg)
{
	size_t en[16], ne = pont_glossary_english(g, concept, trg, en, 16), j;

	for (j = 0; j < ne; j++)
		if (pont_term_status_rank(pont_glossary_term(g, en[j])->status) < 3)
			return pont_glossary_term(g, en[j])->text;
	return NULL;
}

/* Target match i renders no source concept acceptably but one with a term not to use: say so. */
static void
forbidden(pont_checker *c, const pont_glossary *const *gs, const pair_view *v, size_t i, conc *k, pont_findings *out)
{
	const pont_matches *mt = v->mt;
	const pont_term *t = NULL;
	const char *use = approved_english(gs[k->glossary], k->concept, c->trg);
	size_t alt, a = mt->v[i].span.start, e = mt->v[i].span.end;

	for (alt = 0; alt <= mt->v[i].nalt && t == NULL; alt++) {	/* the term as the glossary has it */
		size_t gi, ti;

		match_alt(mt, i, alt, &gi, &ti);
		if (gi == k->glossary && pont_glossary_term(gs[gi], ti)->concept == k->concept)
			t = pont_glossary_term(gs[gi], ti);
	}
	CHECK_ADD(c, out, PONT_ID_TERM_FORBIDDEN, a - v->tbase, e - v->tbase, "'%.*s' is not to be used (%s in the glossary)%s%s",
		  (int)(e - a), v->ttext + a, t ? pont_term_status_name(t->status) : "deprecated", use ? ": use " : "",
		  use ? use : "");
	k->ntgt++;	/* rendered, badly: not also missing */
}

/* Acronyms to spell out on first use: the full form must be in the same target. */
static void
first_mentions(pont_checker *c, const pont_glossary *const *gs, const pair_view *v, pont_findings *out)
{
	const pont_matches *mt = v->mt;
	size_t i, j, q;

	for (i = v->mt0; i < v->mt1; i++) {
		const pont_glossary *g = gs[mt->v[i].glossary];
		const pont_term *t = pont_glossary_term(g, mt->v[i].term);
		const pont_concept *cc;
		const char *ff = NULL;
		int full = 0;

		if (pont__check_mentioned(c, mt->v[i].glossary, t->concept) || !first_use_term(t))
			continue;
		for (j = v->mt0; j < v->mt1 && !full; j++) {
			const pont_term *u = pont_glossary_term(gs[mt->v[j].glossary], mt->v[j].term);

			full = j != i && mt->v[j].glossary == mt->v[i].glossary && u->concept == t->concept &&
			       u->type != PONT_TYPE_ACRONYM && u->type != PONT_TYPE_ABBREVIATION &&
			       pont_term_status_rank(u->status) < 3;
		}
		if (full)
			continue;
		cc = pont_glossary_concept(g, t->concept);
		for (q = 0; q < cc->nterms && ff == NULL; q++) {
			const pont_term *u = pont_glossary_term(g, cc->term0 + q);

			if (u->lang && pont_lang_matches(u->lang, "en") && u->type != PONT_TYPE_ACRONYM &&
			    u->type != PONT_TYPE_ABBREVIATION && pont_term_status_rank(u->status) < 3)
				ff = u->text;
		}
		CHECK_ADD(c, out, PONT_ID_TERM_FIRST_MENTION, mt->v[i].span.start - v->tbase, mt->v[i].span.end - v->tbase,
			  "first use of '%.*s' without its full form%s%s", (int)(mt->v[i].span.end - mt->v[i].span.start),
			  v->ttext + mt->v[i].span.start, ff ? ": " : "", ff ? ff : "");
	}
}

/* The concepts of a group not rendered, or rendered fewer times than the source has them. */
static void
missing(pont_checker *c, const pont_glossary *const *gs, const pair_view *v, const concs *cs, size_t k,
	pont_findings *out)
{
	const pont_concept *cc = pont_glossary_concept(gs[cs->v[k].glossary], cs->v[k].concept), *by = NULL;
	const pont_match *m = &v->ms->v[cs->v[k].first];
	size_t q, j, ntgt = 0, nsrc = 0;
	pont_buf list = PONT_BUF_INIT, folded = PONT_BUF_INIT, ftgt = PONT_BUF_INIT;
	pont_enforcement level = PONT_ENFORCE_DEFAULT;
	pont_severity sev;

	for (q = k; q < cs->n; q++) {
		const pont_glossary *g = gs[cs->v[q].glossary];
		size_t en[16], ne, before = list.len;
		pont_enforcement e;

		if (cs->v[q].group != k)
			continue;
		e = enforced(c, pont_glossary_concept(g, cs->v[q].concept), v, &folded);
		if (e != PONT_ENFORCE_DEFAULT && cs->v[q].ntgt == 0) {
			if (ftgt.len == 0)
				pont_fold(v->t, v->tn, &ftgt);
			ntgt += rendered_inside(c, g, cs->v[q].concept, &ftgt);
		}
		if (e != PONT_ENFORCE_DEFAULT && (level == PONT_ENFORCE_DEFAULT || e < level))
			level = e, by = pont_glossary_concept(g, cs->v[q].concept);	/* the strictest */
		ntgt += cs->v[q].ntgt;
		nsrc = cs->v[q].nsrc > nsrc ? cs->v[q].nsrc : nsrc;
		ne = pont_glossary_english(g, cs->v[q].concept, c->trg, en, 16);
		for (j = 0; j < ne; j++)
			if (pont_term_status_rank(pont_glossary_term(g, en[j])->status) < 3)
				pont_buf_addf(&list, "%s%s", list.len == before ? (before ? " or " : "") : ", ",
					      pont_glossary_term(g, en[j])->text);
		if (list.len > before && q != k)	/* a homonym's English, named */
			pont_buf_addf(&list, " (%s)", pont_glossary_concept(g, cs->v[q].concept)->id ?
						       pont_glossary_concept(g, cs->v[q].concept)->id : "?");
	}
	pont_buf_release(&folded);
	pont_buf_release(&ftgt);
	if (level == PONT_ENFORCE_DEFAULT || list.len == 0 ||
	    kept_as_is(v, v->stext + m->span.start, m->span.end - m->span.start)) {
		pont_buf_release(&list);
		return;
	}
	sev = c->sev[PONT_ID_TERM_MISSING];
	if (ntgt == 0 && sev) {
		/* a required concept one level above the check's severity (warning by default: error) */
		if (level == PONT_ENFORCE_REQUIRED)
			sev = sev == PONT_SEV_INFO ? PONT_SEV_WARNING : PONT_SEV_ERROR;
		pont_findings_add(out, PONT_ID_TERM_MISSING, sev, 0, v->tn,
				  NULL, 0, "'%.*s' (%s) is not rendered: use %s", (int)(m->span.end - m->span.start),
				  v->stext + m->span.start, cc->id ? cc->id : "?", list.p);
		if (by->enforcement)
			pont_findings_set_why(out, "%s: the glossary enforces %s as \"%s\"", pont_enforcement_name(level),
					      by->id ? by->id : "the concept", by->enforcement);
		else
			pont_findings_set_why(out, "recommended: the glossary does not say how strictly %s is enforced",
					      by->id ? by->id : "the concept");
	} else if (ntgt > 0 && ntgt < nsrc) {
		CHECK_ADD(c, out, PONT_ID_TERM_COUNT, 0, v->tn, "'%.*s' occurs %zu times in the source, its English %zu",
			  (int)(m->span.end - m->span.start), v->stext + m->span.start, nsrc, ntgt);
	}
	pont_buf_release(&list);
}

void
pont__check_terms(pont_checker *c, const pont_glossary *const *gs, const pair_view *v, pont_findings *out)
{
	const pont_matches *ms = v->ms, *mt = v->mt;
	concs cs = { NULL, 0, 0 };
	size_t i, k;
	pont_buf folded = PONT_BUF_INIT;

	if (ms == NULL || mt == NULL)
		return;
	for (i = v->ms0; i < v->ms1; i++) {
		size_t alt, group = SIZE_MAX;

		if (not_terminology(v, &ms->v[i], pont_glossary_term(gs[ms->v[i].glossary], ms->v[i].term)))
			continue;	/* a name or a title written with the term's words */
		for (alt = 0; alt <= ms->v[i].nalt; alt++) {	/* the match, then its homonyms */
			size_t gi, ti;

			match_alt(ms, i, alt, &gi, &ti);
			k = conc_at(&cs, gi, pont_glossary_term(gs[gi], ti)->concept, group, i);
			if (alt == 0)
				group = cs.v[k].group;
			cs.v[k].nsrc++;
		}
	}
	for (i = v->mt0; i < v->mt1; i++) {
		size_t alt, forbidden_k = cs.n;
		int counted = 0;

		/* the match and its alternatives (other concepts written the same way) */
		for (alt = 0; alt <= mt->v[i].nalt; alt++) {
			size_t gi, ti;
			const pont_term *t;

			match_alt(mt, i, alt, &gi, &ti);
			t = pont_glossary_term(gs[gi], ti);
			for (k = 0; k < cs.n; k++) {
				if (cs.v[k].glossary != gi || cs.v[k].concept != t->concept)
					continue;
				if (pont_term_status_rank(t->status) >= 3) {
					if (forbidden_k == cs.n)
						forbidden_k = k;	/* a rendering not to use, of a concept of the source */
				} else if (!counted) {
					cs.v[k].ntgt++, counted = 1;
				}
			}
		}
		if (forbidden_k < cs.n && !counted &&
		    !out_of_context(c, pont_glossary_concept(gs[cs.v[forbidden_k].glossary], cs.v[forbidden_k].concept), v, &folded))
			forbidden(c, gs, v, i, &cs.v[forbidden_k], out);
	}
	pont_buf_release(&folded);
	first_mentions(c, gs, v, out);
	for (k = 0; k < cs.n && v->sure; k++)
		if (cs.v[k].group == k)	/* each group once, with its first concept */
			missing(c, gs, v, &cs, k, out);
	free(cs.v);
}
