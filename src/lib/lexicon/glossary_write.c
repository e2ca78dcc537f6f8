/* glossw.c: glossaries written as TBX v3, TBX 2008, CSV or TSV, and read back from CSV or TSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

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
static size_t
concept_langs(const pont_glossary *g, size_t ci, const char **langs, size_t max)
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

static const pont_langnote *
find_langnote(const pont_glossary *g, size_t ci, const char *lang)
{
	size_t i;

	for (i = 0; i < pont_glossary_nlangnotes(g); i++) {
		const pont_langnote *l = pont_glossary_langnote(g, i);

		if (l->concept == ci && l->lang && strcmp(l->lang, lang) == 0)
			return l;
	}
	return NULL;
}

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
		xml_el(b, 8, "note", NULL, c->note);
		nl = concept_langs(g, ci, langs, 64);
		for (li = 0; li < nl; li++) {
			const pont_langnote *ln = find_langnote(g, ci, langs[li]);

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

/* --- tables --- */

enum col {
	C_CONCEPT, C_SUBJECT, C_DEFINITION, C_NOTE, C_LANG, C_LANG_DEFINITION, C_LANG_NOTE, C_TERMS,
	C_STATUSES, C_TYPES, C_POS, C_GENDERS, C_NUMBERS, C_CONTEXTS, C_TERM_NOTES, C_CUSTOMERS,
	C_PROJECTS, C_SOURCES, NCOLS
};

static const char *const colnames[NCOLS] = { "concept", "subject", "definition", "note", "lang",
	"lang_definition", "lang_note", "terms", "statuses", "types", "pos", "genders", "numbers",
	"contexts", "term_notes", "customers", "projects", "sources" };

/* One value of a multi-valued cell, with '|' and '\' escaped. */
static void
list_value(pont_buf *b, const char *v)
{
	for (; v && *v; v++) {
		if (*v == '|' || *v == '\\')
			pont_buf_addc(b, '\\');
		pont_buf_addc(b, *v);
	}
}

static void
cell(pont_buf *b, const char *v, int tsv)
{
	size_t i;

	if (v == NULL)
		return;
	if (tsv) {
		for (i = 0; v[i]; i++) {
			if (v[i] == '\t')
				pont_buf_adds(b, "\\t");
			else if (v[i] == '\n')
				pont_buf_adds(b, "\\n");
			else if (v[i] == '\r')
				pont_buf_adds(b, "\\r");
			else if (v[i] == '\\')
				pont_buf_adds(b, "\\\\");
			else
				pont_buf_addc(b, v[i]);
		}
		return;
	}
	if (strpbrk(v, ",\"\n\r") == NULL) {
		pont_buf_adds(b, v);
		return;
	}
	pont_buf_addc(b, '"');
	for (i = 0; v[i]; i++) {
		if (v[i] == '"')
			pont_buf_addc(b, '"');
		pont_buf_addc(b, v[i]);
	}
	pont_buf_addc(b, '"');
}

/* The per-term value of column col for term t. */
static const char *
term_field(const pont_term *t, enum col col)
{
	switch (col) {
	case C_TERMS: return t->text;
	case C_STATUSES: return pont_term_status_name(t->status);
	case C_TYPES: return pont_term_type_name(t->type);
	case C_POS: return t->pos;
	case C_GENDERS: return t->gender;
	case C_NUMBERS: return t->number;
	case C_CONTEXTS: return t->context;
	case C_TERM_NOTES: return t->note;
	case C_CUSTOMERS: return t->customer;
	case C_PROJECTS: return t->project;
	case C_SOURCES: return t->source;
	default: return NULL;
	}
}

static void
write_table(const pont_glossary *g, int tsv, pont_buf *b)
{
	char sep = tsv ? '\t' : ',';
	const char *langs[64];
	pont_buf v = PONT_BUF_INIT;
	size_t ci, li, nl, k, col;

	for (col = 0; col < NCOLS; col++) {
		if (col)
			pont_buf_addc(b, sep);
		pont_buf_adds(b, colnames[col]);
	}
	pont_buf_addc(b, '\n');
	for (ci = 0; ci < pont_glossary_nconcepts(g); ci++) {
		const pont_concept *c = pont_glossary_concept(g, ci);
		char idbuf[32];

		snprintf(idbuf, sizeof idbuf, "c%zu", ci + 1);
		nl = concept_langs(g, ci, langs, 64);
		for (li = 0; li < nl; li++) {
			const pont_langnote *ln = find_langnote(g, ci, langs[li]);

			for (col = 0; col < NCOLS; col++) {
				if (col)
					pont_buf_addc(b, sep);
				switch (col) {
				case C_CONCEPT: cell(b, c->id ? c->id : idbuf, tsv); break;
				case C_SUBJECT: cell(b, c->subject, tsv); break;
				case C_DEFINITION: cell(b, c->definition, tsv); break;
				case C_NOTE: cell(b, c->note, tsv); break;
				case C_LANG: cell(b, langs[li], tsv); break;
				case C_LANG_DEFINITION: cell(b, ln ? ln->definition : NULL, tsv); break;
				case C_LANG_NOTE: cell(b, ln ? ln->note : NULL, tsv); break;
				default: {
					int any = 0, first = 1;

					pont_buf_reset(&v);
					for (k = 0; k < c->nterms; k++) {
						const pont_term *t = pont_glossary_term(g, c->term0 + k);
						const char *f;

						if (t->lang == NULL || strcmp(t->lang, langs[li]) != 0)
							continue;
						if (!first)
							pont_buf_adds(&v, " | ");
						first = 0;
						f = term_field(t, (enum col)col);
						any |= f && *f;
						list_value(&v, f);
					}
					if (any)
						cell(b, v.p, tsv);
				}
				}
			}
			pont_buf_addc(b, '\n');
		}
	}
	pont_buf_release(&v);
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
		write_table(g, f == PONT_GLOSS_TSV, out);
		break;
	}
}

/* --- reading tables --- */

typedef struct row {
	pont_buf cells[NCOLS + 8];
	size_t n;
	unsigned long line;
} row;

/* Reads one record at *pos; returns 0 at the end. Cells are unescaped. */
static int
next_row(const char *s, size_t len, size_t *pos, int tsv, row *r, unsigned long *line)
{
	size_t i = *pos, k;

	if (i >= len)
		return 0;
	for (k = 0; k < sizeof r->cells / sizeof r->cells[0]; k++)
		pont_buf_reset(&r->cells[k]);
	r->n = 1;
	r->line = *line;
	while (i < len) {
		pont_buf *c = &r->cells[r->n - 1 < sizeof r->cells / sizeof r->cells[0] ? r->n - 1 : 0];
		char ch = s[i];

		if (ch == '\n' || (ch == '\r' && i + 1 < len && s[i + 1] == '\n')) {
			i += ch == '\r' ? 2 : 1;
			(*line)++;
			break;
		}
		if (ch == (tsv ? '\t' : ',')) {
			r->n++;
			i++;
			continue;
		}
		if (!tsv && ch == '"' && c->len == 0) {	/* quoted field */
			for (i++; i < len; i++) {
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						pont_buf_addc(c, '"');
						i++;
						continue;
					}
					i++;
					break;
				}
				if (s[i] == '\n')
					(*line)++;
				pont_buf_addc(c, s[i]);
			}
			continue;
		}
		if (tsv && ch == '\\' && i + 1 < len) {
			char e = s[i + 1];

			pont_buf_addc(c, e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e);
			i += 2;
			continue;
		}
		pont_buf_addc(c, ch);
		i++;
	}
	*pos = i;
	return 1;
}

/* Splits a " | "-separated cell into values (escapes removed); returns their number. */
static size_t
split_list(const char *s, pont_buf *vals, size_t max)
{
	size_t n = 0, i;

	if (s == NULL || *s == '\0')
		return 0;
	pont_buf_reset(&vals[0]);
	n = 1;
	for (i = 0; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1]) {
			pont_buf_addc(&vals[n - 1], s[++i]);
		} else if (s[i] == '|') {
			if (n == max)
				return n + 1;	/* too many */
			pont_buf_reset(&vals[n++]);
		} else {
			pont_buf_addc(&vals[n - 1], s[i]);
		}
	}
	for (i = 0; i < n; i++) {	/* trim around the separators */
		pont_buf *v = &vals[i];
		size_t a = 0, e = v->len;

		pont_buf_adds(v, "");
		while (a < e && v->p[a] == ' ')
			a++;
		while (e > a && v->p[e - 1] == ' ')
			e--;
		memmove(v->p, v->p + a, e - a);
		v->len = e - a;
		v->p[v->len] = '\0';
	}
	return n;
}

#define MAXSYN 64

pont_glossary *
pont_glossary_read_table(const char *data, size_t len, int tsv, const char *name, pont_findings *diags,
			 pont_error *err)
{
	row r;
	int map[NCOLS + 8];
	size_t pos = 0, k, col;
	unsigned long line = 1;
	pont_glossary *g;
	pont_buf vals[NCOLS][MAXSYN];
	char *cur = NULL;
	size_t ncol;

	memset(&r, 0, sizeof r);
	memset(vals, 0, sizeof vals);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	if (!next_row(data, len, &pos, tsv, &r, &line)) {
		pont_fail_at(err, PONT_EPARSE, name, 1, 1, "empty glossary table: expected a header row");
		return NULL;
	}
	ncol = r.n < NCOLS + 8 ? r.n : NCOLS + 8;
	for (k = 0; k < ncol; k++) {
		map[k] = -1;
		for (col = 0; col < NCOLS; col++)
			if (r.cells[k].p && strcasecmp(r.cells[k].p, colnames[col]) == 0)
				map[k] = (int)col;
		if (map[k] < 0) {
			pont_fail_at(err, PONT_EPARSE, name, 1, 1, "unknown column '%s' (expected %s, %s, %s, ... see pont(1))",
				     r.cells[k].p ? r.cells[k].p : "", colnames[0], colnames[4], colnames[7]);
			for (k = 0; k < sizeof r.cells / sizeof r.cells[0]; k++)
				pont_buf_release(&r.cells[k]);
			return NULL;
		}
	}
	g = pont__glossary_new(PONT_TBX_UNKNOWN);
	while (next_row(data, len, &pos, tsv, &r, &line)) {
		const char *v[NCOLS];
		size_t nterms, i;

		memset(v, 0, sizeof v);
		if (r.n == 1 && r.cells[0].len == 0)
			continue;	/* blank line */
		for (k = 0; k < r.n && k < ncol; k++)
			v[map[k]] = r.cells[k].p && r.cells[k].len ? r.cells[k].p : NULL;
		if (v[C_CONCEPT] && (cur == NULL || strcmp(cur, v[C_CONCEPT]) != 0)) {
			for (i = 0; i < pont_glossary_nconcepts(g); i++)
				if (pont_glossary_concept(g, i)->id && strcmp(pont_glossary_concept(g, i)->id, v[C_CONCEPT]) == 0)
					break;
			if (i < pont_glossary_nconcepts(g) && diags)
				pont_findings_add_at(diags, PONT_ID_TABLE_CONCEPT, PONT_SEV_ERROR, r.line, 1,
					       "concept '%s' appears again: keep a concept's rows together", v[C_CONCEPT]);
			pont__glossary_add_concept(g, v[C_CONCEPT], v[C_SUBJECT], v[C_DEFINITION], v[C_NOTE]);
			free(cur);
			cur = xstrndup(v[C_CONCEPT], strlen(v[C_CONCEPT]));
		} else if (cur == NULL) {
			if (diags)
				pont_findings_add_at(diags, PONT_ID_TABLE_CONCEPT, PONT_SEV_ERROR, r.line, 1, "row without a concept id");
			continue;
		}
		if (v[C_LANG] == NULL) {
			if (diags)
				pont_findings_add_at(diags, PONT_ID_TABLE_LANG, PONT_SEV_ERROR, r.line, 1, "row without a language: its terms are dropped");
			continue;
		}
		pont__glossary_set_langnote(g, v[C_LANG], v[C_LANG_DEFINITION], v[C_LANG_NOTE]);
		nterms = split_list(v[C_TERMS], vals[C_TERMS], MAXSYN);
		if (nterms > MAXSYN) {
			if (diags)
				pont_findings_add_at(diags, PONT_ID_TABLE_TERMS, PONT_SEV_ERROR, r.line, 1, "more than %d synonyms", MAXSYN);
			nterms = MAXSYN;
		}
		for (col = C_STATUSES; col < NCOLS; col++) {
			size_t nv = split_list(v[col], vals[col], MAXSYN);

			if (nv > nterms && diags)
				pont_findings_add_at(diags, PONT_ID_TABLE_VALUES, PONT_SEV_ERROR, r.line, 1,
					       "column %s has %zu values for %zu terms", colnames[col], nv, nterms);
			for (i = nv; i < MAXSYN; i++)
				pont_buf_reset(&vals[col][i]);
		}
		for (i = 0; i < nterms; i++) {
			pont_term *t;
			int st, ty;

			if (vals[C_TERMS][i].len == 0) {
				if (diags)
					pont_findings_add_at(diags, PONT_ID_TABLE_TERMS, PONT_SEV_ERROR, r.line, 1, "empty term in the list");
				continue;
			}
			t = pont__glossary_add_term(g, v[C_LANG], vals[C_TERMS][i].p);
			t->line = r.line;
#define VAL(c) (vals[c][i].len ? vals[c][i].p : NULL)
			if (VAL(C_STATUSES)) {
				if ((st = pont_term_status_parse(VAL(C_STATUSES))) < 0) {
					if (diags)
						pont_findings_add_at(diags, PONT_ID_TABLE_STATUS, PONT_SEV_ERROR, r.line, 1,
							       "unknown status '%s'", VAL(C_STATUSES));
				} else {
					t->status = (pont_term_status)st;
				}
			}
			if (VAL(C_TYPES)) {
				if ((ty = pont_term_type_parse(VAL(C_TYPES))) < 0) {
					if (diags)
						pont_findings_add_at(diags, PONT_ID_TABLE_TYPE, PONT_SEV_ERROR, r.line, 1,
							       "unknown term type '%s'", VAL(C_TYPES));
				} else {
					t->type = (pont_term_type)ty;
				}
			}
			t->pos = pont__glossary_keep(g, VAL(C_POS));
			t->gender = pont__glossary_keep(g, VAL(C_GENDERS));
			t->number = pont__glossary_keep(g, VAL(C_NUMBERS));
			t->context = pont__glossary_keep(g, VAL(C_CONTEXTS));
			t->note = pont__glossary_keep(g, VAL(C_TERM_NOTES));
			t->customer = pont__glossary_keep(g, VAL(C_CUSTOMERS));
			t->project = pont__glossary_keep(g, VAL(C_PROJECTS));
			t->source = pont__glossary_keep(g, VAL(C_SOURCES));
#undef VAL
		}
	}
	free(cur);
	for (k = 0; k < sizeof r.cells / sizeof r.cells[0]; k++)
		pont_buf_release(&r.cells[k]);
	for (col = 0; col < NCOLS; col++)
		for (k = 0; k < MAXSYN; k++)
			pont_buf_release(&vals[col][k]);
	return g;
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
