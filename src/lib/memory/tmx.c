/* tmx.c: TMX 1.4b in and out of a translation memory, with expat. Inline codes (bpt, ept, it,
 * ph, hi, ut) become one private-use placeholder character each in the text; their XML is kept
 * in the unit's note so that export writes them back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xml.h"

#define CODE0 0xE000u		/* first placeholder */
#define NCODES 0x1000u

typedef struct tuv {
	char lang[32];
	pont_buf seg;		/* text with placeholders */
	pont_buf codes;		/* the codes' XML, each NUL-terminated, in order */
	int has_seg;
} tuv;

typedef struct tmxp {
	pont_xml xml;		/* first: the parser, the file's name, the error */
	pont_tm *tm;
	pont_findings *diags;
	int root_ok;
	int in_tu, in_seg, code_depth, in_note;
	unsigned long tu_line, tu_col;
	tuv v[8];
	int nv;
	pont_buf note, codexml;
	pont_buf prov[PONT_TM_NPROV];	/* the unit's article, date, translator, status */
	int in_prov;			/* 1 + the field a <prop> fills, 0 when none */
	unsigned ncodes;
	size_t added, skipped, dup, units;
	char langs[256];	/* languages seen, for the message when none matches */
	char header_src[32];
} tmxp;

static const char *
attr(const XML_Char **atts, const char *name)
{
	size_t k;

	for (k = 0; atts[k]; k += 2) {
		const char *a = atts[k], *c = strrchr(a, ':');

		/* xml:lang arrives as "http://www.w3.org/XML/1998/namespace lang" without namespaces */
		if (strcmp(a, name) == 0 || (c && strcmp(c + 1, name) == 0))
			return atts[k + 1];
	}
	return NULL;
}

static int
is_code(const char *n)
{
	return strcmp(n, "bpt") == 0 || strcmp(n, "ept") == 0 || strcmp(n, "it") == 0 || strcmp(n, "ph") == 0 ||
	       strcmp(n, "ut") == 0 || strcmp(n, "hi") == 0;
}

static void
add_lang(tmxp *x, const char *l)
{
	char probe[40];
	size_t have = strlen(x->langs);

	snprintf(probe, sizeof probe, " %s", l);
	if (strstr(x->langs, probe) == NULL && have + strlen(probe) < sizeof x->langs - 1)
		snprintf(x->langs + have, sizeof x->langs - have, "%s", probe);
}

/* A name of ASCII letters, digits and . - _ : only. */
static int
ascii_name(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '-' || *s == '_' || *s == ':'))
			return 0;
	return 1;
}

/* The provenance field a <prop type> fills: 1 article, 2 date, 4 status; 0 for other props. */
static int
prov_field(const char *type)
{
	static const char *const article[] = { "x-pont-article", "x-article", "x-document", "x-file", "x-filename",
					       "file", NULL };
	static const char *const status[] = { "x-pont-status", "x-status", "status", NULL };
	int k;

	if (type == NULL)
		return 0;
	for (k = 0; article[k]; k++)
		if (strcasecmp(type, article[k]) == 0)
			return 1;
	for (k = 0; status[k]; k++)
		if (strcasecmp(type, status[k]) == 0)
			return 4;
	if (strcasecmp(type, "x-pont-date") == 0)
		return 2;
	return 0;
}

/* TMX's date (YYYYMMDDThhmmssZ) as ISO 8601 (YYYY-MM-DDThh:mm:ssZ); other forms kept as they are. */
static void
iso_date(const char *d, pont_buf *out)
{
	size_t k;

	pont_buf_reset(out);
	for (k = 0; k < 15 && d[k]; k++)
		if (k != 8 && !(d[k] >= '0' && d[k] <= '9'))
			break;
	if (k == 15 && d[8] == 'T' && d[15] == 'Z' && d[16] == '\0')
		pont_buf_addf(out, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 9, d + 11, d + 13);
	else
		pont_buf_adds(out, d);
}

/* ISO 8601 back to TMX's form when it has that shape; NULL otherwise. */
static const char *
tmx_date(const char *d, char out[17])
{
	if (strlen(d) != 20 || d[4] != '-' || d[7] != '-' || d[10] != 'T' || d[13] != ':' || d[16] != ':' || d[19] != 'Z')
		return NULL;
	snprintf(out, 17, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", d, d + 5, d + 8, d + 11, d + 14, d + 17);
	return out;
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	tmxp *x = ud;
	unsigned long line, col;
	int f;

	if (!pont__xml_enter(&x->xml))
		return;
	pont__xml_here(&x->xml, &line, &col);
	if (x->xml.depth == 1) {
		if (strcmp(name, "tmx") != 0)
			pont__xml_fail(&x->xml, PONT_EPARSE, "not a TMX file: the root element is <%s>", name);
		x->root_ok = 1;
		return;
	}
	if (x->in_seg) {
		if (x->code_depth > 0 || is_code(name)) {	/* a code, or an element inside one: kept as XML */
			size_t k;

			if (x->code_depth == 0)
				pont_buf_reset(&x->codexml);
			/* kept as it will be written back: names pont writes as they came only when plain
			 * ASCII (the XML that export writes must read back, in any encoding) */
			if (ascii_name(name)) {
				pont_buf_addf(&x->codexml, "<%s", name);
				for (k = 0; atts[k]; k += 2) {
					if (!ascii_name(atts[k]))
						continue;
					pont_buf_addf(&x->codexml, " %s=\"", atts[k]);
					pont_buf_add_xml(&x->codexml, atts[k + 1], strlen(atts[k + 1]));
					pont_buf_addc(&x->codexml, '"');
				}
				pont_buf_addc(&x->codexml, '>');
			}
		} else {
			pont_findings_add_at(x->diags, PONT_ID_TMX_ELEMENT, PONT_SEV_WARNING, line, col,
				       "<%s> inside <seg>: its text is kept, the element dropped", name);
			return;
		}
		x->code_depth++;
		return;
	}
	if (strcmp(name, "header") == 0) {
		const char *s = attr(atts, "srclang");

		if (s)
			snprintf(x->header_src, sizeof x->header_src, "%s", s);
	} else if (strcmp(name, "tu") == 0) {
		x->in_tu = 1;
		x->nv = 0;
		x->tu_line = line;
		x->tu_col = col;
		pont_buf_reset(&x->note);
		for (f = 0; f < PONT_TM_NPROV; f++)
			pont_buf_reset(&x->prov[f]);
		{
			const char *d = attr(atts, "changedate"), *w = attr(atts, "changeid");

			if (d == NULL)
				d = attr(atts, "creationdate");
			if (w == NULL)
				w = attr(atts, "creationid");
			if (d)
				iso_date(d, &x->prov[1]);
			if (w)
				pont_buf_adds(&x->prov[2], w);
		}
		x->units++;
	} else if (strcmp(name, "tuv") == 0 && x->in_tu) {
		const char *l = attr(atts, "lang");

		if (l == NULL)
			l = attr(atts, "xml:lang");
		if (l == NULL) {
			pont_findings_add_at(x->diags, PONT_ID_TMX_LANG, PONT_SEV_ERROR, line, col, "<tuv> without xml:lang: ignored");
			l = "";
		}
		if (x->nv < 8) {
			tuv *v = &x->v[x->nv++];

			snprintf(v->lang, sizeof v->lang, "%s", l);
			pont_buf_reset(&v->seg);
			pont_buf_reset(&v->codes);
			v->has_seg = 0;
			add_lang(x, l);
		}
	} else if (strcmp(name, "seg") == 0 && x->in_tu && x->nv > 0) {
		x->in_seg = 1;
		if (!x->v[x->nv - 1].has_seg)
			x->ncodes = 0;	/* codes are numbered per tuv: a second <seg> goes on after the first */
		x->v[x->nv - 1].has_seg = 1;
	} else if (strcmp(name, "note") == 0 && x->in_tu) {
		x->in_note = 1;
		if (x->note.len)
			pont_buf_adds(&x->note, "; ");
	} else if (strcmp(name, "prop") == 0 && x->in_tu && (x->in_prov = prov_field(attr(atts, "type"))) > 0) {
		pont_buf_reset(&x->prov[x->in_prov - 1]);
	} else if (strcmp(name, "prop") == 0 && x->in_tu) {
		const char *t = attr(atts, "type");

		x->in_note = 1;		/* kept with the notes, as "type: value" */
		if (x->note.len)
			pont_buf_adds(&x->note, "; ");
		pont_buf_addf(&x->note, "%s: ", t ? t : "prop");
	}
}

static void XMLCALL
on_end(void *ud, const XML_Char *name)
{
	tmxp *x = ud;

	if (!pont__xml_leave(&x->xml))
		return;
	if (x->in_seg && x->code_depth > 0) {
		if (ascii_name(name))
			pont_buf_addf(&x->codexml, "</%s>", name);
		if (--x->code_depth == 0) {
			tuv *v = &x->v[x->nv - 1];
			const char *xc = "<ph type=\"x-char\">U+";
			unsigned long cp;
			char *e;

			if (strncmp(x->codexml.p, xc, strlen(xc)) == 0 &&
			    (cp = strtoul(x->codexml.p + strlen(xc), &e, 16)) > 0 && (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) &&
			    strcmp(e, "</ph>") == 0) {
				pont_buf_add_utf8(&v->seg, (uint32_t)cp);	/* a character XML cannot hold, as pont writes it */
				return;
			}
			if (x->ncodes < NCODES)
				pont_buf_add_utf8(&v->seg, CODE0 + x->ncodes++);
			pont_buf_add(&v->codes, x->codexml.p, x->codexml.len + 1);
		}
		return;
	}
	if (strcmp(name, "seg") == 0) {
		x->in_seg = 0;
	} else if (strcmp(name, "note") == 0 || strcmp(name, "prop") == 0) {
		x->in_note = 0;
		x->in_prov = 0;
	} else if (strcmp(name, "tu") == 0 && x->in_tu) {
		const tuv *s = NULL, *t = NULL;
		int k;

		x->in_tu = 0;
		for (k = 0; k < x->nv; k++) {	/* exact language first, then the region fallback */
			if (!s && strcasecmp(x->v[k].lang, pont_tm_src_lang(x->tm)) == 0)
				s = &x->v[k];
			if (!t && strcasecmp(x->v[k].lang, pont_tm_trg_lang(x->tm)) == 0)
				t = &x->v[k];
		}
		for (k = 0; k < x->nv; k++) {
			if (!s && pont_lang_matches(x->v[k].lang, pont_tm_src_lang(x->tm)))
				s = &x->v[k];
			if (!t && pont_lang_matches(x->v[k].lang, pont_tm_trg_lang(x->tm)))
				t = &x->v[k];
		}
		if (s == NULL || t == NULL || !s->has_seg || !t->has_seg) {
			x->skipped++;
			return;
		}
		{
			pont_buf note = PONT_BUF_INIT;
			pont_tm_prov pv;

			/* codes travel in the note, after a marker, so that export can write them back */
			pont_buf_add(&note, x->note.p ? x->note.p : "", x->note.len);
			if (s->codes.len || t->codes.len) {
				size_t i;

				pont_buf_adds(&note, "\x1D");
				for (i = 0; i < s->codes.len; i++)
					pont_buf_addc(&note, s->codes.p[i] ? s->codes.p[i] : '\x1E');
				pont_buf_adds(&note, "\x1D");
				for (i = 0; i < t->codes.len; i++)
					pont_buf_addc(&note, t->codes.p[i] ? t->codes.p[i] : '\x1E');
			}
			pv.article = x->prov[0].len ? x->prov[0].p : NULL;
			pv.date = x->prov[1].len ? x->prov[1].p : NULL;
			pv.translator = x->prov[2].len ? x->prov[2].p : NULL;
			pv.status = x->prov[3].len ? x->prov[3].p : NULL;
			if (pont_tm_add_unit(x->tm, s->seg.p ? s->seg.p : "", s->seg.len, t->seg.p ? t->seg.p : "", t->seg.len,
					     note.p, &pv) == PONT_TM_ADDED)
				x->added++;
			else
				x->dup++;
			pont_buf_release(&note);
		}
	}
}

/* Text of a seg. A private-use character of the placeholders' range (U+E000-U+EFFF) in the text
 * itself becomes a code of its own (<ph type="x-char">), as export writes it: a placeholder
 * stands for a code, always. */
static void
seg_text(tmxp *x, tuv *v, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i + 2 < len; i++) {
		char xc[48];

		if ((unsigned char)s[i] != 0xEE)
			continue;
		pont_buf_add(&v->seg, s + run, i - run);
		snprintf(xc, sizeof xc, "<ph type=\"x-char\">U+%04X</ph>",
			 (unsigned)(0xE000 | ((unsigned char)s[i + 1] & 0x3F) << 6 | ((unsigned char)s[i + 2] & 0x3F)));
		if (x->ncodes < NCODES)
			pont_buf_add_utf8(&v->seg, CODE0 + x->ncodes++);
		pont_buf_add(&v->codes, xc, strlen(xc) + 1);
		i += 2;
		run = i + 1;
	}
	pont_buf_add(&v->seg, s + run, len - run);
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	tmxp *x = ud;

	if (x->xml.fatal)
		return;
	if (x->in_seg && x->code_depth > 0)
		pont_buf_add_xml(&x->codexml, s, (size_t)len);
	else if (x->in_seg)
		seg_text(x, &x->v[x->nv - 1], s, (size_t)len);
	else if (x->in_prov)
		pont_buf_add(&x->prov[x->in_prov - 1], s, (size_t)len);
	else if (x->in_note)
		pont_buf_add(&x->note, s, (size_t)len);
}

pont_status
pont_tm_read_tmx(pont_tm *tm, const char *data, size_t len, const char *name, pont_findings *diags, pont_tmx_stats *st,
		 pont_error *err)
{
	tmxp x;
	int i;
	pont_status rc = PONT_OK;

	memset(&x, 0, sizeof x);
	pont__xml_init(&x.xml, &x, 0, name, err);
	x.tm = tm;
	x.diags = diags;
	XML_SetElementHandler(x.xml.p, on_start, on_end);
	XML_SetCharacterDataHandler(x.xml.p, on_text);
	if (len > 0)
		pont__xml_parse(&x.xml, data, len);
	if (!x.xml.fatal && !x.root_ok) {
		pont_fail_at(err, PONT_EPARSE, name, 1, 1, "not a TMX file: empty");
		x.xml.fatal = 1;
	}
	if (!x.xml.fatal && x.units > 0 && x.added + x.dup == 0) {
		pont_fail_at(err, PONT_EPARSE, name, 0, 0,
			     "no unit has both %s and %s (the memory's languages:%s)", pont_tm_src_lang(tm),
			     pont_tm_trg_lang(tm), x.langs[0] ? x.langs : " none");
		x.xml.fatal = 1;
	}
	if (x.xml.fatal)
		rc = err ? err->code : PONT_EPARSE;
	if (st) {
		st->units = x.units;
		st->added = x.added;
		st->duplicates = x.dup;
		st->skipped = x.skipped;
	}
	pont__xml_free(&x.xml);
	for (i = 0; i < 8; i++) {
		pont_buf_release(&x.v[i].seg);
		pont_buf_release(&x.v[i].codes);
	}
	pont_buf_release(&x.note);
	for (i = 0; i < PONT_TM_NPROV; i++)
		pont_buf_release(&x.prov[i]);
	pont_buf_release(&x.codexml);
	return rc;
}

/* Writes seg text, placeholders back to their codes (list: NUL... as \x1E-separated). */
static void
write_seg(pont_buf *out, const char *s, const char *codes, size_t ncodes_len)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		size_t j = i;
		uint32_t c = pont_utf8_next(s, n, &j);

		if (c >= CODE0 && c < CODE0 + NCODES && codes) {
			unsigned k = c - CODE0, q = 0;
			size_t a = 0;

			while (q < k && a < ncodes_len) {	/* the k-th code */
				if (codes[a] == '\x1E')
					q++;
				a++;
			}
			if (a < ncodes_len) {
				size_t e = a;

				while (e < ncodes_len && codes[e] != '\x1E')
					e++;
				pont_buf_add(out, codes + a, e - a);
				i = j;
				continue;
			}
		}
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
			pont_buf_addf(out, "<ph type=\"x-char\">U+%04X</ph>", (unsigned)c);	/* not an XML character */
		else
			pont_buf_add_xml(out, s + i, j - i);
		i = j;
	}
}

void
pont_tm_write_tmx(const pont_tm *tm, pont_buf *out)
{
	size_t i;

	pont_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"pont\" "
		      "creationtoolversion=\"" PONT_VERSION "\" segtype=\"sentence\" o-tmf=\"pont\" adminlang=\"en\" srclang=\"");
	pont_buf_add_xml(out, pont_tm_src_lang(tm), strlen(pont_tm_src_lang(tm)));
	pont_buf_adds(out, "\" datatype=\"plaintext\"/>\n  <body>\n");
	for (i = 0; i < pont_tm_size(tm); i++) {
		const char *note = pont_tm_note(tm, i), *sc = NULL, *tc = NULL;
		size_t nlen = note ? strlen(note) : 0, sl = 0, tl = 0;
		const char *mark = note ? memchr(note, '\x1D', nlen) : NULL;
		pont_tm_prov pv;
		char d[17];

		if (mark) {
			const char *m2 = memchr(mark + 1, '\x1D', nlen - (size_t)(mark + 1 - note));

			sc = mark + 1;
			sl = m2 ? (size_t)(m2 - sc) : 0;
			tc = m2 ? m2 + 1 : NULL;
			tl = m2 ? nlen - (size_t)(tc - note) : 0;
			nlen = (size_t)(mark - note);
		}
		pv = pont_tm_provenance(tm, i);
		pont_buf_adds(out, "    <tu");
		if (pv.date && tmx_date(pv.date, d)) {
			pont_buf_addf(out, " creationdate=\"%s\"", d);
		}
		if (pv.translator) {
			pont_buf_adds(out, " creationid=\"");
			pont_buf_add_xml(out, pv.translator, strlen(pv.translator));
			pont_buf_addc(out, '"');
		}
		pont_buf_adds(out, ">\n");
		if (pv.article) {
			pont_buf_adds(out, "      <prop type=\"x-pont-article\">");
			pont_buf_add_xml(out, pv.article, strlen(pv.article));
			pont_buf_adds(out, "</prop>\n");
		}
		if (pv.date && !tmx_date(pv.date, d)) {	/* a date of another form */
			pont_buf_adds(out, "      <prop type=\"x-pont-date\">");
			pont_buf_add_xml(out, pv.date, strlen(pv.date));
			pont_buf_adds(out, "</prop>\n");
		}
		if (pv.status) {
			pont_buf_adds(out, "      <prop type=\"x-pont-status\">");
			pont_buf_add_xml(out, pv.status, strlen(pv.status));
			pont_buf_adds(out, "</prop>\n");
		}
		if (nlen) {
			pont_buf_adds(out, "      <note>");
			pont_buf_add_xml(out, note, nlen);
			pont_buf_adds(out, "</note>\n");
		}
		pont_buf_adds(out, "      <tuv xml:lang=\"");
		pont_buf_add_xml(out, pont_tm_src_lang(tm), strlen(pont_tm_src_lang(tm)));
		pont_buf_adds(out, "\"><seg>");
		write_seg(out, pont_tm_source(tm, i), sc, sl);
		pont_buf_adds(out, "</seg></tuv>\n      <tuv xml:lang=\"");
		pont_buf_add_xml(out, pont_tm_trg_lang(tm), strlen(pont_tm_trg_lang(tm)));
		pont_buf_adds(out, "\"><seg>");
		write_seg(out, pont_tm_target(tm, i), tc, tl);
		pont_buf_adds(out, "</seg></tuv>\n    </tu>\n");
	}
	pont_buf_adds(out, "  </body>\n</tmx>\n");
}
