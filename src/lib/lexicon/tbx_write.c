/* tbx_write.c: glossaries written as TBX v3 (TBX-Basic, or TBX-Core when a status or value is
 * outside Basic's lists) and TBX 2008; term candidates as a draft TBX. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary.h"

/* --- XML --- */

/* s, NUL-terminated, escaped for XML */
static void
xml_text(pont_buf *b, const char *s)
{
	pont_buf_add_xml(b, s, strlen(s));
}

/* <tag type="type">text</tag> on a line of its own, when text is given. */
static void
xml_el(pont_buf *b, int indent, const char *tag, const char *type, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	pont_buf_addf(b, "%*s<%s", indent, "", tag);
	if (type)
		pont_buf_addf(b, " type=\"%s\"", type);
	pont_buf_addc(b, '>');
	xml_text(b, text);
	pont_buf_addf(b, "</%s>\n", tag);
}

static const char *const admn[] = { NULL, "preferredTerm-admn-sts", "admittedTerm-admn-sts",
	"deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "obsoleteTerm-admn-sts",
	"forbiddenTerm-admn-sts" };

static int
in_list(const char *v, const char *const *list)
{
	size_t i;

	if (v == NULL)
		return 1;
	for (i = 0; list[i]; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

/* Can the glossary be written as TBX-Basic: statuses and picklist values within its sets? */
static int
basic_ok(const pont_glossary *g)
{
	static const char *const pos[] = { "noun", "verb", "adjective", "adverb", "properNoun", "other", NULL };
	static const char *const gender[] = { "masculine", "feminine", "neuter", "other", NULL };
	static const char *const number[] = { "singular", "plural", "dual", "mass", "other", NULL };
	size_t i;

	for (i = 0; i < pont_glossary_nterms(g); i++) {
		const pont_term *t = pont_glossary_term(g, i);

		if (t->status == PONT_STATUS_OBSOLETE || t->status == PONT_STATUS_FORBIDDEN ||
		    t->type == PONT_TYPE_OTHER || !in_list(t->pos, pos) || !in_list(t->gender, gender) ||
		    !in_list(t->number, number))
			return 0;
	}
	return 1;
}

/* The languages of a concept's terms and language notes, in order of first appearance. */
static void
write_tbx(const pont_glossary *g, int v2008, pont_buf *b)
{
	const char *root_lang = pont_glossary_nterms(g) ? pont_glossary_term(g, 0)->lang : "en";
	const char *langs[64];
	size_t ci, li, k, nl;
	int basic = !v2008 && basic_ok(g);

	pont_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (v2008)
		pont_buf_adds(b, "<martif type=\"TBX\" xml:lang=\"");
	else
		pont_buf_addf(b, "<tbx type=\"%s\" style=\"dca\" xml:lang=\"", basic ? "TBX-Basic" : "TBX-Core");
	xml_text(b, root_lang ? root_lang : "en");
	pont_buf_addf(b, "\"%s>\n  <%s>\n    <fileDesc>\n      <sourceDesc>\n"
		      "        <p>Written by pont " PONT_VERSION ".</p>\n      </sourceDesc>\n    </fileDesc>\n  </%s>\n"
		      "  <text>\n    <body>\n",
		      v2008 ? "" : " xmlns=\"urn:iso:std:iso:30042:ed-2\"", v2008 ? "martifHeader" : "tbxHeader",
		      v2008 ? "martifHeader" : "tbxHeader");
	for (ci = 0; ci < pont_glossary_nconcepts(g); ci++) {
		const pont_concept *c = pont_glossary_concept(g, ci);

		pont_buf_addf(b, "      <%s id=\"", v2008 ? "termEntry" : "conceptEntry");
		if (c->id)
			xml_text(b, c->id);
		else
			pont_buf_addf(b, "c%zu", ci + 1);
		pont_buf_adds(b, "\">\n");
		xml_el(b, 8, "descrip", "subjectField", c->subject);
		xml_el(b, 8, "descrip", "definition", c->definition);
		xml_el(b, 8, "admin", "customerSubset", c->customer);
		xml_el(b, 8, "admin", "projectSubset", c->project);
		xml_el(b, 8, "admin", "enforcement", c->enforcement);
		xml_el(b, 8, "note", NULL, c->note);
		nl = pont__glossary_concept_langs(g, ci, langs, 64);
		for (li = 0; li < nl; li++) {
			const pont_langnote *ln = pont__glossary_langnote_of(g, ci, langs[li]);

			pont_buf_addf(b, "        <%s xml:lang=\"", v2008 ? "langSet" : "langSec");
			xml_text(b, langs[li]);
			pont_buf_adds(b, "\">\n");
			if (ln) {
				xml_el(b, 10, "descrip", "definition", ln->definition);
				xml_el(b, 10, "note", NULL, ln->note);
			}
			for (k = 0; k < c->nterms; k++) {
				const pont_term *t = pont_glossary_term(g, c->term0 + k);

				if (t->lang == NULL || strcmp(t->lang, langs[li]) != 0)
					continue;
				pont_buf_addf(b, "          <%s>\n", v2008 ? "tig" : "termSec");
				xml_el(b, 12, "term", NULL, t->text);
				xml_el(b, 12, "termNote", "partOfSpeech", t->pos);
				xml_el(b, 12, "termNote", "termType", t->type ? pont_term_type_name(t->type) : NULL);
				xml_el(b, 12, "termNote", "grammaticalGender", t->gender);
				xml_el(b, 12, "termNote", "grammaticalNumber", t->number);
				xml_el(b, 12, "termNote", "administrativeStatus", admn[t->status]);
				xml_el(b, 12, "termNote", "geographicalUsage", t->geo);
				xml_el(b, 12, "descrip", "context", t->context);
				xml_el(b, 12, "admin", "customerSubset", t->customer);
				xml_el(b, 12, "admin", "projectSubset", t->project);
				xml_el(b, 12, "admin", "source", t->source);
				xml_el(b, 12, "note", NULL, t->note);
				pont_buf_addf(b, "          </%s>\n", v2008 ? "tig" : "termSec");
			}
			pont_buf_addf(b, "        </%s>\n", v2008 ? "langSet" : "langSec");
		}
		pont_buf_addf(b, "      </%s>\n", v2008 ? "termEntry" : "conceptEntry");
	}
	pont_buf_addf(b, "    </body>\n  </text>\n</%s>\n", v2008 ? "martif" : "tbx");
}

void
pont_glossary_write(const pont_glossary *g, pont_gloss_format f, pont_buf *out)
{
	switch (f) {
	case PONT_GLOSS_TBX:
		write_tbx(g, 0, out);
		break;
	case PONT_GLOSS_TBX2008:
		write_tbx(g, 1, out);
		break;
	case PONT_GLOSS_CSV:
	case PONT_GLOSS_TSV:
		pont__glossary_write_table(g, f == PONT_GLOSS_TSV, out);
		break;
	}
}

void
pont_candidates_write_tbx(const pont_candidates *c, const char *const *contexts, pont_buf *out)
{
	static const char *const kinds[] = { "acronym", "CamelCase word", "anglicism" };
	pont_glossary *g = pont__glossary_new(PONT_TBX_BASIC);
	size_t i;

	for (i = 0; i < c->n; i++) {
		char id[32], note[96];
		pont_term *t;

		snprintf(id, sizeof id, "candidate-%zu", i + 1);
		snprintf(note, sizeof note, "Candidate (%s), found %zu time%s: add the English and a status.",
			 kinds[c->v[i].kind], c->v[i].count, c->v[i].count == 1 ? "" : "s");
		pont__glossary_add_concept(g, id, NULL, NULL, note);
		t = pont__glossary_add_term(g, "fr", c->v[i].text);
		t->type = c->v[i].kind == PONT_CAND_ACRONYM ? PONT_TYPE_ACRONYM : PONT_TYPE_NONE;
		t->context = contexts ? pont__glossary_keep(g, contexts[i]) : NULL;
	}
	write_tbx(g, 0, out);
	pont_glossary_free(g);
}
