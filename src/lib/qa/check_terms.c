/* check_terms.c: terminology in translation QA: each glossary concept of the source rendered
 * by one of its approved English terms, no term the glossary forbids, acronyms spelt out on
 * their first use. Both sides' matches come from the bitext's one pass of the matchers. */
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
	const pont_concept *cc = pont_glossary_concept(gs[cs->v[k].glossary], cs->v[k].concept);
	const pont_match *m = &v->ms->v[cs->v[k].first];
	size_t q, j, ntgt = 0, nsrc = 0;
	pont_buf list = PONT_BUF_INIT;

	for (q = k; q < cs->n; q++) {
		const pont_glossary *g = gs[cs->v[q].glossary];
		size_t en[16], ne, before = list.len;

		if (cs->v[q].group != k)
			continue;
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
	if (list.len && ntgt == 0)
		CHECK_ADD(c, out, PONT_ID_TERM_MISSING, 0, v->tn, "'%.*s' (%s) is not rendered: use %s",
			  (int)(m->span.end - m->span.start), v->stext + m->span.start, cc->id ? cc->id : "?", list.p);
	else if (list.len && ntgt < nsrc)
		CHECK_ADD(c, out, PONT_ID_TERM_COUNT, 0, v->tn, "'%.*s' occurs %zu times in the source, its English %zu",
			  (int)(m->span.end - m->span.start), v->stext + m->span.start, nsrc, ntgt);
	pont_buf_release(&list);
}

void
pont__check_terms(pont_checker *c, const pont_glossary *const *gs, const pair_view *v, pont_findings *out)
{
	const pont_matches *ms = v->ms, *mt = v->mt;
	concs cs = { NULL, 0, 0 };
	size_t i, k;

	if (ms == NULL || mt == NULL)
		return;
	for (i = v->ms0; i < v->ms1; i++) {
		size_t alt, group = SIZE_MAX;

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
		if (forbidden_k < cs.n && !counted)
			forbidden(c, gs, v, i, &cs.v[forbidden_k], out);
	}
	first_mentions(c, gs, v, out);
	for (k = 0; k < cs.n; k++)
		if (cs.v[k].group == k)	/* each group once, with its first concept */
			missing(c, gs, v, &cs, k, out);
	free(cs.v);
}
