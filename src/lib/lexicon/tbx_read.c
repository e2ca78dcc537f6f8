/* tbx_read.c: TBX glossaries (2008 martif, v3 Core/Basic/Min in DCA and DCT style, 2013 TBX-Min)
 * read with expat into concepts, language notes and terms, with located validation findings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "glossary.h"
#include "tbx.h"
#include "xml.h"

#define NS_TBX "urn:iso:std:iso:30042:ed-2"
#define NS_MIN "http://www.tbxinfo.net/ns/min"
#define NS_BASIC "http://www.tbxinfo.net/ns/basic"

/* --- parser state --- */

typedef struct frame {
	enum el el;
	const struct dcinfo *dc;	/* the data category this element carries */
	char type[64];			/* its type attribute, or DCT local name */
	unsigned long line, col;
	int nchild;			/* element children so far */
	int nterm;			/* in a term section: terms seen */
	int seen_other;			/* in a term section: a descrip/admin/note came already */
	int ndescrip;			/* in a descripGrp: descrips seen */
	int owns_term;			/* a term section that started a term of the glossary */
	size_t text0;			/* where its text starts in the text buffer */
	unsigned level;			/* the innermost concept, language or term section (L_*) */
} frame;

typedef struct target {
	char *id;
	unsigned long line, col;
} target;

typedef struct ps {
	pont_xml xml;			/* first: the parser, the file's name, the error */
	pont_glossary *g;
	pont_findings *d;
	frame *st;
	size_t depth, alloc;
	pont_buf text;
	size_t concept, term;		/* current ones, SIZE_MAX outside */
	const char *lang;		/* current language section's xml:lang */
	size_t langnote;		/* current language section's note, SIZE_MAX if none yet */
	char **ids;			/* the file's id attributes, with the line of each */
	unsigned long *idlines;
	size_t nids, aids, alines;
	uint32_t *idslot;		/* hash -> index in ids + 1 (open addressing), 0 empty */
	size_t nidslot;
	target *targets;
	size_t ntargets, atargets;
	int dialect_checks;		/* Basic/Min data-category rules apply */
	const tbx_element *els;		/* the elements pont knows */
	int16_t eslot[256];		/* element name -> index in els + 1 (open addressing) */
} ps;

static void
diag(ps *x, pont_severity sev, pont_id id, unsigned long line, unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void
diag(ps *x, pont_severity sev, pont_id id, unsigned long line, unsigned long col, const char *fmt, ...)
{
	pont_buf msg = PONT_BUF_INIT;
	va_list ap;

	if (x->d == NULL)
		return;
	va_start(ap, fmt);
	pont_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	pont_findings_add_at(x->d, id, sev, line, col, "%s", msg.p);
	pont_buf_release(&msg);
}

/* Splits "uri|local" (expat's namespace form) into the namespace and the local name. */
static const char *
local_name(const XML_Char *name, const char **ns, size_t *nslen)
{
	const char *bar = strchr(name, '|');

	if (bar == NULL) {
		*ns = NULL;
		*nslen = 0;
		return name;
	}
	*ns = name;
	*nslen = (size_t)(bar - name);
	return bar + 1;
}

/* The value of attribute want (local name: "type", "id", "lang" for xml:lang), or NULL. */
static const char *
attr(const XML_Char **atts, const char *want)
{
	size_t i;

	for (i = 0; atts[i]; i += 2) {
		const char *bar = strchr(atts[i], '|'), *l = bar ? bar + 1 : atts[i];

		if (strncmp(l, "xml:", 4) == 0)
			l += 4;
		if (strcmp(l, want) == 0)
			return atts[i + 1];
	}
	return NULL;
}

static frame *
parent(ps *x, size_t up)
{
	return x->depth > up ? &x->st[x->depth - 1 - up] : NULL;
}

/* The innermost concept, language or term section the parser is in (kept in each frame: no walk
 * up the stack, however deep the nesting). */
static unsigned
level(const ps *x)
{
	return x->depth ? x->st[x->depth - 1].level : 0;
}

static const char *
level_name(unsigned l)
{
	return l == L_TERM ? "term" : l == L_LANG ? "language" : l == L_CONCEPT ? "concept" : "file";
}

/* Where id is in x->ids (index + 1), or the empty slot for it (returned as 0, *slot set). */
static size_t
id_find(const ps *x, const char *id, size_t *slot)
{
	size_t i;

	if (x->nidslot == 0)
		return 0;
	for (i = pont_hash(id, strlen(id)) & (x->nidslot - 1); x->idslot[i]; i = (i + 1) & (x->nidslot - 1))
		if (strcmp(x->ids[x->idslot[i] - 1], id) == 0)
			return x->idslot[i];
	*slot = i;
	return 0;
}

/* Records an element's id; an id given twice is an error (ids name one element of the file). */
static void
add_id(ps *x, const char *id, unsigned long line, unsigned long col)
{
	size_t slot = 0, k, i;

	if (x->nids * 2 >= x->nidslot) {
		size_t ns = x->nidslot ? x->nidslot * 2 : 1024;

		free(x->idslot);
		x->idslot = xcalloc(ns, sizeof *x->idslot);
		x->nidslot = ns;
		for (k = 0; k < x->nids; k++) {
			for (i = pont_hash(x->ids[k], strlen(x->ids[k])) & (ns - 1); x->idslot[i]; i = (i + 1) & (ns - 1))
				;
			x->idslot[i] = (uint32_t)(k + 1);
		}
	}
	if ((k = id_find(x, id, &slot)) != 0) {
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_DUPLICATE_ID, line, col, "id '%s' is already used at line %lu", id,
		     x->idlines[k - 1]);
		return;
	}
	XGROW(x->ids, x->aids, x->nids + 1);
	XGROW(x->idlines, x->alines, x->nids + 1);
	x->ids[x->nids] = xstrndup(id, strlen(id));
	x->idlines[x->nids] = line;
	x->idslot[slot] = (uint32_t)++x->nids;
}

static void
start_concept(ps *x, const XML_Char **atts, unsigned long line, unsigned long col)
{
	pont_glossary *g = x->g;
	pont_concept *c;
	const char *id = attr(atts, "id");

	XGROW(g->c, g->ac, g->nc + 1);
	c = &g->c[g->nc];
	memset(c, 0, sizeof *c);
	c->id = id ? pont__glossary_keepn(g, id, strlen(id)) : NULL;
	c->term0 = g->nt;
	c->line = line;
	x->concept = g->nc++;
	if (id == NULL && (g->dialect == PONT_TBX_CORE || g->dialect == PONT_TBX_BASIC || g->dialect == PONT_TBX_MIN))
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "concept entry without an id");
}

static void
start_term(ps *x, unsigned long line)
{
	pont_glossary *g = x->g;
	pont_term *t;

	XGROW(g->t, g->at, g->nt + 1);
	t = &g->t[g->nt];
	memset(t, 0, sizeof *t);
	t->concept = x->concept;
	t->lang = x->lang;
	t->line = line;
	x->term = g->nt++;
	if (x->concept != SIZE_MAX)
		g->c[x->concept].nterms++;
}

/* The language-level note record of the current language section, created on demand. */
static pont_langnote *
langnote(ps *x)
{
	pont_glossary *g = x->g;

	if (x->langnote == SIZE_MAX) {
		XGROW(g->ln, g->aln, g->nln + 1);
		memset(&g->ln[g->nln], 0, sizeof g->ln[g->nln]);
		g->ln[g->nln].concept = x->concept;
		g->ln[g->nln].lang = x->lang;
		x->langnote = g->nln++;
	}
	return &g->ln[x->langnote];
}

/* Appends s to *field (joined by "; " when it already holds something). */
static void
set_field(ps *x, const char **field, const char *s, size_t n)
{
	if (*field && **field) {
		pont_buf b = PONT_BUF_INIT;

		pont_buf_adds(&b, *field);
		pont_buf_adds(&b, "; ");
		pont_buf_add(&b, s, n);
		*field = pont__glossary_keepn(x->g, b.p, b.len);
		pont_buf_release(&b);
	} else {
		*field = pont__glossary_keepn(x->g, s, n);
	}
}

/* Trims white space and folds internal runs of it into one space, in place. */
static size_t
squeeze(char *s, size_t n)
{
	size_t i, k = 0;
	int sp = 1;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!sp)
				s[k++] = ' ';
			sp = 1;
		} else {
			s[k++] = c;
			sp = 0;
		}
	}
	if (k && s[k - 1] == ' ')
		k--;
	return k;
}

static const char *
dc_label(const frame *f)
{
	return f->dc ? f->dc->name : f->type;
}

/* Stores what an element said, once it is closed. */
static void
store(ps *x, frame *f, const char *s, size_t n)
{
	pont_glossary *g = x->g;
	unsigned lv = level(x);
	pont_term *t = x->term != SIZE_MAX && lv == L_TERM ? &g->t[x->term] : NULL;
	pont_concept *c = x->concept != SIZE_MAX ? &g->c[x->concept] : NULL;
	enum dc dc = f->dc ? f->dc->dc : DC_OTHER;
	int v;

	if (n == 0 && f->el != E_TERM)
		return;
	if (f->el == E_TERM) {
		if (t == NULL)
			return;
		if (n == 0)
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_EMPTY_TERM, f->line, f->col, "empty term");
		t->text = pont__glossary_keepn(g, s, n);
		return;
	}
	if (f->el == E_NOTE || (f->el == E_MIN13 && strcmp(f->type, "noteValue") == 0)) {
		if (t)
			set_field(x, &t->note, s, n);
		else if (lv == L_LANG)
			set_field(x, &langnote(x)->note, s, n);
		else if (c)
			set_field(x, &c->note, s, n);
		return;
	}
	if (f->dc == NULL && f->el != E_MIN13)
		return;
	if (f->el == E_MIN13) {		/* 2013 TBX-Min: the element names the category */
		if (strcmp(f->type, "subjectField") == 0)
			dc = DC_SUBJECT;
		else if (strcmp(f->type, "partOfSpeech") == 0)
			dc = DC_POS;
		else if (strcmp(f->type, "termStatus") == 0)
			dc = DC_USAGESTATUS;
		else if (strcmp(f->type, "customer") == 0)
			dc = DC_CUSTOMER;
		else
			return;
	}
	switch (dc) {
	case DC_DEFINITION:
		if (t)
			set_field(x, &t->note, s, n);	/* misplaced, but kept */
		else if (lv == L_LANG)
			set_field(x, &langnote(x)->definition, s, n);
		else if (c)
			set_field(x, &c->definition, s, n);
		break;
	case DC_SUBJECT:
		if (c)
			set_field(x, &c->subject, s, n);
		break;
	case DC_CONTEXT:
		if (t)
			set_field(x, &t->context, s, n);
		break;
	case DC_POS:
		if (t)
			t->pos = pont__glossary_keepn(g, s, n);
		break;
	case DC_TERMTYPE:
		if (t && (v = pont_term_type_parse(s)) > 0)
			t->type = (pont_term_type)v;
		break;
	case DC_GENDER:
		if (t)
			t->gender = pont__glossary_keepn(g, s, n);
		break;
	case DC_NUMBER:
		if (t)
			t->number = pont__glossary_keepn(g, s, n);
		break;
	case DC_ADMSTATUS:
	case DC_USAGESTATUS:
	case DC_NORMAUTH:
		if (t && (v = pont_term_status_parse(s)) > 0)
			t->status = (pont_term_status)v;
		else if (t)
			diag(x, PONT_SEV_WARNING, PONT_ID_TBX_STATUS, f->line, f->col, "unknown term status '%s'", s);
		break;
	case DC_GEO:
		if (t)
			t->geo = pont__glossary_keepn(g, s, n);
		break;
	case DC_SOURCE:
		if (t)
			set_field(x, &t->source, s, n);
		break;
	case DC_CUSTOMER:
		if (t)
			t->customer = pont__glossary_keepn(g, s, n);
		else if (c && lv == L_CONCEPT)
			c->customer = pont__glossary_keepn(g, s, n);
		break;
	case DC_PROJECT:
		if (t)
			t->project = pont__glossary_keepn(g, s, n);
		else if (c && lv == L_CONCEPT)
			c->project = pont__glossary_keepn(g, s, n);
		break;
	case DC_ENFORCEMENT:
		if (c && lv == L_CONCEPT) {
			pont_buf why = PONT_BUF_INIT, value = PONT_BUF_INIT;

			pont_buf_add(&value, s, n);
			if (pont__glossary_set_enforcement(g, x->concept, value.p, &why) < 0)
				diag(x, PONT_SEV_ERROR, PONT_ID_ENFORCEMENT, f->line, f->col, "%s", why.p);
			pont_buf_release(&why);
			pont_buf_release(&value);
		}
		break;
	case DC_OTHER:
	case DC_EXPLANATION:
		/* a category pont has no field for is kept as a note, with its name */
		if (f->el == E_DESCRIP || f->el == E_ADMIN || f->el == E_TERMNOTE || f->el == E_DCT) {
			pont_buf b = PONT_BUF_INIT;

			pont_buf_addf(&b, "%s: %.*s", dc_label(f), (int)n, s);
			if (t)
				set_field(x, &t->note, b.p, b.len);
			else if (lv == L_LANG)
				set_field(x, &langnote(x)->note, b.p, b.len);
			else if (c)
				set_field(x, &c->note, b.p, b.len);
			pont_buf_release(&b);
		}
		break;
	default:
		break;
	}
}

/* Checks a data category against the dialect: known, at its level, value in its picklist. */
static void
check_dc(ps *x, frame *f, const char *value)
{
	const struct dcinfo *dc = f->dc;
	unsigned lv = level(x);
	pont_tbx_dialect d = x->g->dialect;

	if (!x->dialect_checks || f->el == E_MIN13)
		return;
	if (dc == NULL) {
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_DATCAT, f->line, f->col, "data category '%s' is not part of %s",
		     f->type, pont_tbx_dialect_name(d));
		return;
	}
	if ((d == PONT_TBX_BASIC && !dc->basic) || (d == PONT_TBX_MIN && !dc->min)) {
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_DATCAT, f->line, f->col, "data category '%s' is not part of %s",
		     dc->name, pont_tbx_dialect_name(d));
		return;
	}
	if (dc->levels && lv && !(dc->levels & lv))
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_LEVEL, f->line, f->col, "'%s' is not allowed at %s level",
		     dc->name, level_name(lv));
	if (dc->picklist && value && !pont__tbx_in_picklist(dc->picklist, value))
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_PICKLIST, f->line, f->col, "'%s' is not a value of '%s' (%s)",
		     value, dc->name, dc->picklist);
	/* TBX-Basic: a source stands with what it documents, in a group */
	if (dc->dc == DC_SOURCE && d == PONT_TBX_BASIC && f->el == E_ADMIN) {
		frame *p = parent(x, 1);

		if (p && (p->el == E_CONCEPT || p->el == E_LANG))
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, f->line, f->col,
			     "'source' at %s level must be grouped with what it documents (descripGrp)",
			     level_name(lv));
	}
}

/* --- expat callbacks --- */

static enum el
element_kind(ps *x, const XML_Char *name, const char **local, int *dct)
{
	const char *ns;
	size_t nslen, i;

	*local = local_name(name, &ns, &nslen);
	*dct = 0;
	if (ns && ((nslen == strlen(NS_MIN) && strncmp(ns, NS_MIN, nslen) == 0) ||
		   (nslen == strlen(NS_BASIC) && strncmp(ns, NS_BASIC, nslen) == 0))) {
		*dct = 1;
		return E_DCT;
	}
	if (x->g->dialect == PONT_TBX_MIN_2013) {
		static const char *const min13[] = { "id", "description", "dateCreated", "languages", "creator",
			"directionality", "license", "subjectField", "partOfSpeech", "termStatus", "customer",
			"noteGrp", "noteKey", "noteValue" };

		for (i = 0; i < sizeof min13 / sizeof min13[0]; i++)
			if (strcmp(*local, min13[i]) == 0)
				return E_MIN13;
	}
	for (i = pont_hash(*local, strlen(*local)) & 255; x->eslot[i]; i = (i + 1) & 255)
		if (strcmp(*local, x->els[x->eslot[i] - 1].name) == 0)
			return x->els[x->eslot[i] - 1].el;
	return E_UNKNOWN;
}

static void
detect_dialect(ps *x, const char *local, const XML_Char **atts)
{
	const char *type = attr(atts, "type"), *dialect = attr(atts, "dialect"), *style = attr(atts, "style");
	pont_glossary *g = x->g;

	if (strcmp(local, "martif") == 0) {
		g->dialect = PONT_TBX_2008;
	} else if (strcmp(local, "TBX") == 0 && dialect && strcmp(dialect, "TBX-Min") == 0) {
		g->dialect = PONT_TBX_MIN_2013;
	} else if (strcmp(local, "tbx") == 0) {
		if (type && strcmp(type, "TBX-Basic") == 0)
			g->dialect = PONT_TBX_BASIC;
		else if (type && strcmp(type, "TBX-Min") == 0)
			g->dialect = PONT_TBX_MIN;
		else
			g->dialect = PONT_TBX_CORE;
		g->dct = style && strcmp(style, "dct") == 0;
	}
	x->dialect_checks = g->dialect == PONT_TBX_BASIC || g->dialect == PONT_TBX_MIN;
}

/* "https://…", "http://…", "ftp://…", "file:/…", "urn:…", "mailto:…" */
static int
absolute_url(const char *s)
{
	static const char *const schemes[] = { "http://", "https://", "ftp://", "ftps://", "file:/", "urn:",
		"mailto:" };
	size_t i;

	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strncasecmp(s, schemes[i], strlen(schemes[i])) == 0 && s[strlen(schemes[i])] != '\0')
			return 1;
	return 0;
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	ps *x = ud;
	frame *f, *p;
	const char *local, *type, *id;
	unsigned long line, col;
	int dct;
	enum el el;

	if (!pont__xml_enter(&x->xml))
		return;
	pont__xml_here(&x->xml, &line, &col);
	if (x->depth == 0) {
		const char *ns;
		size_t nslen;

		detect_dialect(x, local_name(name, &ns, &nslen), atts);
		if (x->g->dialect == PONT_TBX_UNKNOWN) {
			pont__xml_fail(&x->xml, PONT_EPARSE,
				       "not a TBX file: the root element is <%s> (expected tbx, martif or TBX)", name);
			return;
		}
	}
	el = element_kind(x, name, &local, &dct);
	XGROW(x->st, x->alloc, x->depth + 1);	/* may move the stack: take pointers after it */
	p = parent(x, 0);
	f = &x->st[x->depth++];
	memset(f, 0, sizeof *f);
	f->el = el;
	f->line = line;
	f->col = col;
	f->text0 = x->text.len;
	f->level = el == E_TERMSEC || el == E_TERMGRP ? L_TERM : el == E_LANG ? L_LANG : el == E_CONCEPT ? L_CONCEPT :
		   p ? p->level : 0;
	if (p)
		p->nchild++;
	if ((id = attr(atts, "id")) != NULL)
		add_id(x, id, line, col);
	type = attr(atts, "type");
	switch (el) {
	case E_UNKNOWN:
		diag(x, x->dialect_checks || x->g->dialect == PONT_TBX_CORE ? PONT_SEV_ERROR : PONT_SEV_WARNING,
		     PONT_ID_TBX_ELEMENT, line, col, "unknown element <%s>", local);
		break;
	case E_DCT:
	case E_MIN13:
		snprintf(f->type, sizeof f->type, "%s", local);
		f->dc = el == E_DCT ? pont__tbx_find_dc(local) : NULL;
		break;
	case E_DESCRIP:
	case E_ADMIN:
	case E_TERMNOTE:
	case E_TRANSAC:
	case E_TRANSACNOTE:
	case E_REF:
	case E_XREF:
		if (type == NULL) {
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "<%s> without a type attribute", local);
			break;
		}
		snprintf(f->type, sizeof f->type, "%s", type);
		f->dc = pont__tbx_find_dc(type);
		if (f->dc && f->dc->carrier != el && x->dialect_checks)
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_DATCAT, line, col, "'%s' is carried by <%s>, not <%s>",
			     type, f->dc->carrier == E_DESCRIP ? "descrip" : f->dc->carrier == E_ADMIN ? "admin" :
			     f->dc->carrier == E_TERMNOTE ? "termNote" : f->dc->carrier == E_TRANSAC ? "transac" :
			     f->dc->carrier == E_TRANSACNOTE ? "transacNote" : f->dc->carrier == E_REF ? "ref" : "xref",
			     local);
		if (el == E_XREF && x->dialect_checks && (id = attr(atts, "target")) != NULL && !absolute_url(id))
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_TARGET, line, col,
			     "external reference '%s' is not an absolute http, https, ftp or file URL", id);
		if ((el == E_REF || el == E_TRANSACNOTE) && (id = attr(atts, "target")) != NULL) {
			XGROW(x->targets, x->atargets, x->ntargets + 1);
			x->targets[x->ntargets].id = xstrndup(id, strlen(id));
			x->targets[x->ntargets].line = line;
			x->targets[x->ntargets].col = col;
			x->ntargets++;
		}
		break;
	case E_CONCEPT:
		start_concept(x, atts, line, col);
		break;
	case E_LANG: {
		const char *lang = attr(atts, "lang");

		x->langnote = SIZE_MAX;
		if (lang == NULL || *lang == '\0') {
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_LANG, line, col, "language section without xml:lang: its terms are dropped");
			x->lang = NULL;
		} else {
			x->lang = pont__glossary_keepn(x->g, lang, strlen(lang));
		}
		if (x->concept == SIZE_MAX)
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "<%s> outside a concept entry", local);
		break;
	}
	case E_TERMSEC:
		if (x->term != SIZE_MAX) {	/* nested: the outer section keeps its term */
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "<%s> inside a term section", local);
			break;
		}
		if (x->lang != NULL && x->concept != SIZE_MAX) {
			start_term(x, line);
			f->owns_term = 1;
		}
		if (level(x) != L_TERM || !p || p->el != E_LANG)
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "<%s> outside a language section", local);
		break;
	case E_TERM:
		if (!p || (p->el != E_TERMSEC && p->el != E_TERMGRP)) {
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "<term> outside a term section");
		} else {
			frame *sec = p->el == E_TERMGRP ? parent(x, 2) : p;

			if (sec && ++sec->nterm > 1)
				diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "more than one <term> in a term section");
			if (p->el == E_TERMSEC && p->nchild > 1)
				diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "<term> must come first in its term section");
		}
		break;
	case E_P:
	case E_TITLE:
		break;
	default:
		break;
	}
	/* placement rules of the core structure */
	if (p && p->el == E_TEXT && el != E_BODY && el != E_BACK)
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "<%s> may not be a child of <text>", local);
	if (p && p->el == E_TERMSEC && x->g->dialect != PONT_TBX_2008 && x->g->dialect != PONT_TBX_MIN_2013) {
		int note = el == E_TERMNOTE || el == E_TERMNOTEGRP || (el == E_DCT && f->dc && f->dc->carrier == E_TERMNOTE);

		if (note && p->seen_other)
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_ORDER, line, col, "a term note must come before descriptions, admin data and notes");
		if (!note && el != E_TERM)
			p->seen_other = 1;
	}
	if (p && p->el == E_DESCRIPGRP && (el == E_DESCRIP || (el == E_DCT && f->dc && f->dc->carrier == E_DESCRIP))) {
		if (++p->ndescrip > 1)
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, line, col, "only one description per <descripGrp>");
	}
	if (x->g->dialect == PONT_TBX_MIN && (el == E_XREF || el == E_TRANSACGRP || el == E_REF))
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_ELEMENT, line, col, "<%s> is not part of TBX-Min", local);
}

static int
header_text_element(enum el el)
{
	return el == E_HEADER || el == E_HEADER_PART;
}

static void XMLCALL
on_end(void *ud, const XML_Char *name)
{
	ps *x = ud;
	frame *f;
	char *s;
	size_t n;

	(void)name;
	if (!pont__xml_leave(&x->xml) || x->depth == 0)
		return;
	f = &x->st[x->depth - 1];
	s = x->text.p ? x->text.p + f->text0 : NULL;
	n = s ? squeeze(s, x->text.len - f->text0) : 0;
	if (s)
		s[n] = '\0';
	if (header_text_element(f->el) && n > 0 && x->g->dialect != PONT_TBX_MIN_2013)
		diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, f->line, f->col, "text in the header must be inside <p>");
	if (f->el == E_DESCRIP || f->el == E_ADMIN || f->el == E_TERMNOTE || f->el == E_TRANSAC ||
	    f->el == E_TRANSACNOTE || f->el == E_REF || f->el == E_XREF || f->el == E_DCT)
		check_dc(x, f, s ? s : "");
	store(x, f, s ? s : "", n);
	switch (f->el) {
	case E_CONCEPT:
		if (x->concept != SIZE_MAX)	/* a language in two sections: its terms together, as written back */
			pont__glossary_group_terms(x->g, x->concept);
		x->concept = SIZE_MAX;
		x->term = SIZE_MAX;
		break;
	case E_LANG:
		x->lang = NULL;
		x->langnote = SIZE_MAX;
		break;
	case E_TERMSEC:
		if (!f->owns_term)
			break;
		if (x->term != SIZE_MAX && x->g->t[x->term].text == NULL) {
			diag(x, PONT_SEV_ERROR, PONT_ID_TBX_STRUCTURE, f->line, f->col, "term section without a term");
			x->g->nt--;
			x->g->c[x->concept].nterms--;
		} else if (x->term != SIZE_MAX && x->g->t[x->term].text[0] == '\0') {
			x->g->nt--;	/* empty term: reported, not kept */
			x->g->c[x->concept].nterms--;
		}
		x->term = SIZE_MAX;
		break;
	default:
		break;
	}
	/* text belongs to the element and its ancestors: drop it only when a text-collecting
	 * ancestor does not need it (the text of a <hi> stays in its <note>) */
	if (f->el != E_INLINE)
		x->text.len = f->text0;
	if (x->text.p)
		x->text.p[x->text.len] = '\0';
	x->depth--;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	ps *x = ud;

	if (!x->xml.fatal && x->depth > 0)
		pont_buf_add(&x->text, s, (size_t)len);
}

/* --- loading --- */

static int
has_id(ps *x, const char *id)
{
	size_t slot;

	return id_find(x, id, &slot) != 0;
}

pont_glossary *
pont_glossary_load(const char *data, size_t len, const char *name, pont_findings *diags, pont_error *err)
{
	ps x;
	pont_glossary *g = xcalloc(1, sizeof *g);
	size_t i, nels;
	int ok = 1;

	memset(&x, 0, sizeof x);
	pont__xml_init(&x.xml, &x, '|', name, err);
	x.g = g;
	x.d = diags;
	x.concept = x.term = x.langnote = SIZE_MAX;
	x.els = pont__tbx_elements(&nels);
	for (i = 0; i < nels; i++) {	/* element names, hashed */
		size_t h = pont_hash(x.els[i].name, strlen(x.els[i].name)) & 255;

		while (x.eslot[h])
			h = (h + 1) & 255;
		x.eslot[h] = (int16_t)(i + 1);
	}
	XML_SetElementHandler(x.xml.p, on_start, on_end);
	XML_SetCharacterDataHandler(x.xml.p, on_text);
	ok = pont__xml_parse(&x.xml, data, len) == PONT_OK;
	if (ok && !x.xml.fatal && g->dialect == PONT_TBX_UNKNOWN) {
		pont_fail_at(err, PONT_EPARSE, name, 1, 1, "not a TBX file: no root element");
		ok = 0;
	}
	if (ok && !x.xml.fatal)
		for (i = 0; i < x.ntargets; i++)
			if (!has_id(&x, x.targets[i].id))
				diag(&x, PONT_SEV_ERROR, PONT_ID_TBX_TARGET, x.targets[i].line, x.targets[i].col,
				     "target '%s' names no element of this file", x.targets[i].id);
	pont__xml_free(&x.xml);
	for (i = 0; i < x.nids; i++)
		free(x.ids[i]);
	free(x.ids);
	free(x.idlines);
	free(x.idslot);
	for (i = 0; i < x.ntargets; i++)
		free(x.targets[i].id);
	free(x.targets);
	free(x.st);
	pont_buf_release(&x.text);
	if (!ok || x.xml.fatal) {
		pont_glossary_free(g);
		return NULL;
	}
	return g;
}
