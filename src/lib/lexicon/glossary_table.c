/* glossary_table.c: glossaries as spreadsheets: CSV (RFC 4180) and TSV, one row per concept and
 * language, synonyms separated by " | ", written and read back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossary.h"

/* --- tables --- */

enum col {
	C_CONCEPT, C_SUBJECT, C_DEFINITION, C_NOTE, C_ENFORCEMENT, C_CONCEPT_CUSTOMER, C_CONCEPT_PROJECT, C_LANG, C_LANG_DEFINITION, C_LANG_NOTE, C_TERMS,
	C_STATUSES, C_TYPES, C_POS, C_GENDERS, C_NUMBERS, C_CONTEXTS, C_TERM_NOTES, C_CUSTOMERS,
	C_PROJECTS, C_SOURCES, NCOLS
};

static const char *const colnames[NCOLS] = { "concept", "subject", "definition", "note", "enforcement",
	"concept_customer", "concept_project", "lang",
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

void
pont__glossary_write_table(const pont_glossary *g, int tsv, pont_buf *b)
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
		nl = pont__glossary_concept_langs(g, ci, langs, 64);
		for (li = 0; li < nl; li++) {
			const pont_langnote *ln = pont__glossary_langnote_of(g, ci, langs[li]);

			for (col = 0; col < NCOLS; col++) {
				if (col)
					pont_buf_addc(b, sep);
				switch (col) {
				case C_CONCEPT: cell(b, c->id ? c->id : idbuf, tsv); break;
				case C_SUBJECT: cell(b, c->subject, tsv); break;
				case C_DEFINITION: cell(b, c->definition, tsv); break;
				case C_NOTE: cell(b, c->note, tsv); break;
				case C_ENFORCEMENT: cell(b, c->enforcement, tsv); break;
				case C_CONCEPT_CUSTOMER: cell(b, c->customer, tsv); break;
				case C_CONCEPT_PROJECT: cell(b, c->project, tsv); break;
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

/* A concept's own columns after its definition: enforcement and subsets. */
static void
concept_columns(pont_glossary *g, size_t ci, const char *const *v, unsigned long line, pont_findings *diags)
{
	pont_concept *c = &g->c[ci];
	pont_buf why = PONT_BUF_INIT;

	if (v[C_ENFORCEMENT] && pont__glossary_set_enforcement(g, ci, v[C_ENFORCEMENT], &why) < 0 && diags)
		pont_findings_add_at(diags, PONT_ID_ENFORCEMENT, PONT_SEV_ERROR, line, 1, "%s", why.p);
	c->customer = pont__glossary_keep(g, v[C_CONCEPT_CUSTOMER]);
	c->project = pont__glossary_keep(g, v[C_CONCEPT_PROJECT]);
	pont_buf_release(&why);
}

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
	pont_intern seen = PONT_INTERN_INIT;
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
				     r.cells[k].p ? r.cells[k].p : "", colnames[C_CONCEPT], colnames[C_LANG], colnames[C_TERMS]);
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
			size_t before = seen.n;

			/* the ids seen, hashed: a table of many concepts loads in linear time */
			pont__intern(&seen, v[C_CONCEPT], strlen(v[C_CONCEPT]), 1);
			if (seen.n == before && diags)
				pont_findings_add_at(diags, PONT_ID_TABLE_CONCEPT, PONT_SEV_ERROR, r.line, 1,
					       "concept '%s' appears again: keep a concept's rows together", v[C_CONCEPT]);
			i = pont__glossary_add_concept(g, v[C_CONCEPT], v[C_SUBJECT], v[C_DEFINITION], v[C_NOTE]);
			concept_columns(g, i, v, r.line, diags);
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
	pont__intern_release(&seen);
	for (k = 0; k < sizeof r.cells / sizeof r.cells[0]; k++)
		pont_buf_release(&r.cells[k]);
	for (col = 0; col < NCOLS; col++)
		for (k = 0; k < MAXSYN; k++)
			pont_buf_release(&vals[col][k]);
	return g;
}
