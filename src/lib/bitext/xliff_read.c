/* xliff_read.c: reading a work file (XLIFF 2.0/2.1, and 1.2 from other tools), and what is made
 * from it: the edition (merge), memory units. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "xml.h"

/* --- reading a work file --- */

#define NS_XLF "urn:oasis:names:tc:xliff:document:2.0"
#define NS_MDA "urn:oasis:names:tc:xliff:metadata:2.0"
#define NS_X12 "urn:oasis:names:tc:xliff:document:1.2"

typedef struct xpiece {
	int ignorable, has_target;
	char id[64];
	char state[16];
	pont_buf src, tgt;
	unsigned long line, col;
} xpiece;

typedef struct xdata {
	char id[64];
	pont_buf text;
} xdata;

typedef struct xunit {
	char id[128];
	unsigned long line, col;
	int translate;
	pont_buf before, prefix, suffix, speaker, quoting;
	int has_before, has_prefix;
	xpiece *p;
	size_t np, ap;
	xdata *d;
	size_t nd, ad;
} xunit;

struct pont_xliff {
	char src_lang[32], trg_lang[32];
	char *original;
	pont_buf format, hash, tail, generator;
	int pont_file;
	xunit *u;
	size_t nu, au;
};

enum { IN_NONE, IN_SOURCE, IN_TARGET, IN_DATA, IN_META };

typedef struct xr {
	pont_xml xml;			/* first: the parser, the file's name, the error, the depth */
	pont_xliff *x;
	pont_findings *diags;
	int in_file, nfiles, in_orig;
	int where;			/* IN_* */
	int skip;			/* depth inside something not ours (other modules): ignored */
	char meta_type[32];
	int meta_level;			/* 1 file, 2 unit */
	pont_buf *cur;			/* where text goes */
	/* pc elements open inside source/target: their end data ids */
	char pcend[16][64];
	int npc;
	/* XLIFF 1.2: the code element open in source/target, its text, the codes of the source */
	int code_depth, code_char;
	char code_id[64];
	pont_buf code;
	pont_buf codes;		/* "id\0text\0" pairs of the current trans-unit's source */
} xr;

static const char *
xattr(const XML_Char **atts, const char *name)
{
	size_t k;

	for (k = 0; atts[k]; k += 2) {
		const char *sp = strrchr(atts[k], ' ');

		if (strcmp(sp ? sp + 1 : atts[k], name) == 0)
			return atts[k + 1];
	}
	return NULL;
}

/* Splits "ns local" into ns (may be "") and local. */
static const char *
xlocal(const char *name, size_t *nslen)
{
	const char *sp = strchr(name, ' ');

	*nslen = sp ? (size_t)(sp - name) : 0;
	return sp ? sp + 1 : name;
}

static int
ns_is(const char *name, size_t nslen, const char *ns)
{
	return nslen == strlen(ns) && strncmp(name, ns, nslen) == 0;
}

static xunit *
cur_unit(xr *r)
{
	return r->x->nu ? &r->x->u[r->x->nu - 1] : NULL;
}

static const char *
data_text(xunit *u, const char *id)
{
	size_t k;

	for (k = 0; id && k < u->nd; k++)
		if (strcmp(u->d[k].id, id) == 0)
			return u->d[k].text.p ? u->d[k].text.p : "";
	return NULL;
}

static void
xerror(xr *r, pont_id id, const char *fmt, const char *a)
{
	unsigned long line, col;

	pont__xml_here(&r->xml, &line, &col);
	pont_findings_add_at(r->diags, id, PONT_SEV_ERROR, line, col, fmt, a);
}

/* A new unit, appended. */
static xunit *
new_unit(xr *r, const char *id, unsigned long line, unsigned long col)
{
	xunit *u;

	XGROW(r->x->u, r->x->au, r->x->nu + 1);
	u = &r->x->u[r->x->nu++];
	memset(u, 0, sizeof *u);
	snprintf(u->id, sizeof u->id, "%s", id ? id : "");
	u->line = line;
	u->col = col;
	u->translate = 1;
	return u;
}

/* Where pont's metadata value of this type goes (file level: level 1, unit: level 2), NULL when
 * it is not one of pont's. */
static pont_buf *
meta_dest(xr *r, xunit *u, const char *t)
{
	if (t == NULL)
		return NULL;
	if (r->meta_level == 2 && u) {
		if (strcmp(t, "before") == 0)
			return u->has_before = 1, &u->before;
		if (strcmp(t, "prefix") == 0)
			return u->has_prefix = 1, &u->prefix;
		if (strcmp(t, "suffix") == 0)
			return &u->suffix;
		if (strcmp(t, "speaker") == 0)
			return &u->speaker;
		if (strcmp(t, "quoting") == 0)
			return &u->quoting;
	} else if (r->meta_level == 1) {
		if (strcmp(t, "format") == 0)
			return &r->x->format;
		if (strcmp(t, "source-hash") == 0)
			return &r->x->hash;
		if (strcmp(t, "tail") == 0)
			return &r->x->tail;
		if (strcmp(t, "generator") == 0)
			return &r->x->generator;
	}
	return NULL;
}

static void XMLCALL x12_start(void *ud, const XML_Char *name, const XML_Char **atts);
static void XMLCALL x12_end(void *ud, const XML_Char *name);

/* A <source> or <target> opens in the unit's last segment: its text goes there. NULL (and an
 * error: outside, a format naming the element) when there is no segment. */
static xpiece *
open_text(xr *r, xunit *u, const char *local, const char *outside)
{
	xpiece *pc = u && u->np ? &u->p[u->np - 1] : NULL;

	if (pc == NULL) {
		xerror(r, PONT_ID_XLIFF_STRUCTURE, outside, local);
		r->skip = 1;
		return NULL;
	}
	r->where = local[0] == 's' ? IN_SOURCE : IN_TARGET;
	r->cur = r->where == IN_SOURCE ? &pc->src : &pc->tgt;
	pont_buf_reset(r->cur);
	pont_buf_add(r->cur, "", 0);
	if (r->where == IN_TARGET)
		pc->has_target = 1;
	return pc;
}

/* An element starts: 0 when nothing is to be done (a fatal error came, or it is inside
 * something not ours); else its position in *line, *col. */
static int
enter(xr *r, unsigned long *line, unsigned long *col)
{
	if (!pont__xml_enter(&r->xml))
		return 0;
	if (r->skip) {
		r->skip++;
		return 0;
	}
	pont__xml_here(&r->xml, line, col);
	return 1;
}

static void XMLCALL
x_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xr *r = ud;
	size_t nslen;
	const char *local = xlocal(name, &nslen);
	xunit *u = cur_unit(r);
	unsigned long line, col;

	if (!enter(r, &line, &col))
		return;
	if (r->xml.depth == 1) {
		const char *v;

		if (ns_is(name, nslen, NS_X12) && strcmp(local, "xliff") == 0) {
			XML_SetElementHandler(r->xml.p, x12_start, x12_end);	/* XLIFF 1.2 from here on */
			return;
		}
		if (!ns_is(name, nslen, NS_XLF) || strcmp(local, "xliff") != 0) {
			pont__xml_fail(&r->xml, PONT_EPARSE,
				       "not an XLIFF 2 or 1.2 file: the root element is <%s> (expected xliff in " NS_XLF ")",
				       local);
			return;
		}
		v = xattr(atts, "version");
		if (v == NULL || strncmp(v, "2.", 2) != 0)
			xerror(r, PONT_ID_XLIFF_VERSION, "XLIFF version '%s': pont reads 2.0 and 2.1", v ? v : "(none)");
		if ((v = xattr(atts, "srcLang")) != NULL)
			snprintf(r->x->src_lang, sizeof r->x->src_lang, "%s", v);
		else
			xerror(r, PONT_ID_XLIFF_STRUCTURE, "%s", "<xliff> without srcLang");
		if ((v = xattr(atts, "trgLang")) != NULL)
			snprintf(r->x->trg_lang, sizeof r->x->trg_lang, "%s", v);
		return;
	}
	if (r->where == IN_SOURCE || r->where == IN_TARGET || r->where == IN_DATA) {
		/* inline content */
		const char *ref;

		if (!ns_is(name, nslen, NS_XLF)) {
			r->skip = 1;
			return;
		}
		if (r->where == IN_DATA && strcmp(local, "cp") != 0) {
			/* <data> holds text and <cp> only: a code inside it would name data while it is built */
			xerror(r, PONT_ID_XLIFF_ELEMENT, "unexpected <%s> in <data>", local);
			r->skip = 1;
			return;
		}
		if (strcmp(local, "ph") == 0 || strcmp(local, "sc") == 0 || strcmp(local, "ec") == 0) {
			ref = xattr(atts, "dataRef");
			if (ref && u && data_text(u, ref))
				pont_buf_adds(r->cur, data_text(u, ref));
			else if (ref)
				xerror(r, PONT_ID_XLIFF_DATA, "dataRef '%s' names no <data> of the unit", ref);
		} else if (strcmp(local, "pc") == 0) {
			ref = xattr(atts, "dataRefStart");
			if (ref && u && data_text(u, ref))
				pont_buf_adds(r->cur, data_text(u, ref));
			if (r->npc < 16) {
				const char *e = xattr(atts, "dataRefEnd");

				snprintf(r->pcend[r->npc], sizeof r->pcend[0], "%s", e ? e : "");
			}
			r->npc++;
		} else if (strcmp(local, "cp") == 0) {
			const char *h = xattr(atts, "hex");
			unsigned long v = h ? strtoul(h, NULL, 16) : 0;

			if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
				xerror(r, PONT_ID_XLIFF_CP, "<cp hex=\"%s\"> is not a character", h ? h : "");
			else
				pont_buf_add_utf8(r->cur, (uint32_t)v);
		} else if (strcmp(local, "mrk") == 0 || strcmp(local, "sm") == 0 || strcmp(local, "em") == 0) {
			/* annotations: their text is kept, the marker dropped */
		} else {
			xerror(r, PONT_ID_XLIFF_ELEMENT, "unexpected <%s> in a segment", local);
		}
		return;
	}
	if (ns_is(name, nslen, NS_MDA)) {
		if (strcmp(local, "meta") == 0) {
			pont_buf *dst = meta_dest(r, u, xattr(atts, "type"));

			if (dst) {
				pont_buf_reset(dst);
				r->cur = dst;
				r->where = IN_META;
			}
		}
		return;
	}
	if (!ns_is(name, nslen, NS_XLF)) {
		r->skip = 1;		/* other modules (glossary, matches...): not needed to merge */
		return;
	}
	if (strcmp(local, "file") == 0) {
		const char *o = xattr(atts, "original");

		if (++r->nfiles > 1)
			xerror(r, PONT_ID_XLIFF_STRUCTURE, "%s", "more than one <file>: pont merges one article per work file");
		free(r->x->original);
		r->x->original = o ? xstrndup(o, strlen(o)) : NULL;
		r->in_file = 1;
		r->meta_level = 1;
	} else if (strcmp(local, "unit") == 0) {
		const char *id = xattr(atts, "id"), *tr = xattr(atts, "translate");

		u = new_unit(r, id, line, col);
		u->translate = !(tr && strcmp(tr, "no") == 0);
		if (id == NULL)
			xerror(r, PONT_ID_XLIFF_STRUCTURE, "%s", "<unit> without id");
		r->meta_level = 2;
	} else if (strcmp(local, "segment") == 0 || strcmp(local, "ignorable") == 0) {
		xpiece *pc;
		const char *id = xattr(atts, "id"), *st = xattr(atts, "state");

		if (u == NULL) {
			xerror(r, PONT_ID_XLIFF_STRUCTURE, "<%s> outside a unit", local);
			r->skip = 1;
			return;
		}
		XGROW(u->p, u->ap, u->np + 1);
		pc = &u->p[u->np++];
		memset(pc, 0, sizeof *pc);
		pc->ignorable = local[0] == 'i';
		snprintf(pc->id, sizeof pc->id, "%s", id ? id : "");
		snprintf(pc->state, sizeof pc->state, "%s", st ? st : "initial");
		pc->line = line;
		pc->col = col;
	} else if (strcmp(local, "source") == 0 || strcmp(local, "target") == 0) {
		if (open_text(r, u, local, "<%s> outside a segment") == NULL)
			return;
		r->npc = 0;
	} else if (strcmp(local, "data") == 0 && u) {
		const char *id = xattr(atts, "id");

		XGROW(u->d, u->ad, u->nd + 1);
		memset(&u->d[u->nd], 0, sizeof u->d[u->nd]);
		snprintf(u->d[u->nd].id, sizeof u->d[0].id, "%s", id ? id : "");
		r->cur = &u->d[u->nd].text;
		pont_buf_add(r->cur, "", 0);
		u->nd++;
		r->where = IN_DATA;
	} else if (strcmp(local, "originalData") == 0 || strcmp(local, "notes") == 0 || strcmp(local, "note") == 0 ||
		   strcmp(local, "group") == 0 || strcmp(local, "skeleton") == 0) {
		if (strcmp(local, "note") == 0 || strcmp(local, "skeleton") == 0)
			r->skip = 1;
	} else {
		xerror(r, PONT_ID_XLIFF_ELEMENT, "unexpected <%s>", local);
		r->skip = 1;
	}
}

/* The end of one of pont's metadata values: %XX escapes undone. */
static void
end_meta(xr *r)
{
	pont_buf *b = r->cur;
	size_t i, o = 0;

	for (i = 0; b && b->p && i < b->len; i++) {
		if (b->p[i] == '%' && i + 2 < b->len) {
			char hx[3] = { b->p[i + 1], b->p[i + 2], 0 };
			char *e;
			long v = strtol(hx, &e, 16);

			if (*e == '\0' && e == hx + 2) {
				b->p[o++] = (char)v;
				i += 2;
				continue;
			}
		}
		b->p[o++] = b->p[i];
	}
	if (b && b->p) {
		b->len = o;
		b->p[o] = '\0';
	}
	r->where = IN_NONE;
	r->cur = NULL;
}

static void XMLCALL
x_end(void *ud, const XML_Char *name)
{
	xr *r = ud;
	size_t nslen;
	const char *local = xlocal(name, &nslen);
	xunit *u = cur_unit(r);

	if (!pont__xml_leave(&r->xml))
		return;
	if (r->skip) {
		r->skip--;
		return;
	}
	if (r->where == IN_META && ns_is(name, nslen, NS_MDA) && strcmp(local, "meta") == 0) {
		end_meta(r);
		return;
	}
	if (!ns_is(name, nslen, NS_XLF))
		return;
	if ((r->where == IN_SOURCE || r->where == IN_TARGET) && strcmp(local, "pc") == 0) {
		r->npc--;
		if (r->npc < 16 && r->npc >= 0 && u && r->pcend[r->npc][0] && data_text(u, r->pcend[r->npc]))
			pont_buf_adds(r->cur, data_text(u, r->pcend[r->npc]));
	} else if (strcmp(local, "source") == 0 || strcmp(local, "target") == 0 || strcmp(local, "data") == 0) {
		r->where = IN_NONE;
		r->cur = NULL;
	} else if (strcmp(local, "unit") == 0) {
		r->meta_level = 1;
		if (u && u->np == 0)
			pont_findings_add_at(r->diags, PONT_ID_XLIFF_STRUCTURE, PONT_SEV_ERROR, u->line, u->col,
				       "unit '%s' has no segment", u->id);
	}
}

static void XMLCALL
x_text(void *ud, const XML_Char *s, int len)
{
	xr *r = ud;

	if (r->xml.fatal || r->skip)
		return;
	if (r->code_depth > 0)
		pont_buf_add(&r->code, s, (size_t)len);
	else if (r->cur)
		pont_buf_add(r->cur, s, (size_t)len);
}

/* --- XLIFF 1.2, as pont prepare --xliff 1.2 writes it and other tools give it back --- */

static const char *
code_of(xr *r, const char *id)
{
	size_t a = 0;

	while (id && a < r->codes.len) {
		const char *k = r->codes.p + a, *v = k + strlen(k) + 1;

		if (strcmp(k, id) == 0)
			return v;
		a = (size_t)(v + strlen(v) + 1 - r->codes.p);
	}
	return NULL;
}

static void XMLCALL
x12_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xr *r = ud;
	size_t nslen;
	const char *local = xlocal(name, &nslen);
	xunit *u = cur_unit(r);
	unsigned long line, col;

	if (!enter(r, &line, &col))
		return;
	if (!ns_is(name, nslen, NS_X12)) {
		r->skip = 1;
		return;
	}
	if (r->where == IN_SOURCE || r->where == IN_TARGET) {
		if (r->code_depth > 0) {	/* inside a code: <sub> and such, text kept */
			r->code_depth++;
			return;
		}
		if (strcmp(local, "ph") == 0 || strcmp(local, "bpt") == 0 || strcmp(local, "ept") == 0 ||
		    strcmp(local, "it") == 0) {
			const char *id = xattr(atts, "id"), *ct = xattr(atts, "ctype");

			r->code_depth = 1;
			r->code_char = ct && strcmp(ct, "x-pont-char") == 0 ? 1 : ct && strcmp(ct, "x-pont-escaped") == 0 ? 2 : 0;
			snprintf(r->code_id, sizeof r->code_id, "%s", id ? id : "");
			pont_buf_reset(&r->code);
			pont_buf_add(&r->code, "", 0);
		} else if (strcmp(local, "x") == 0 || strcmp(local, "bx") == 0 || strcmp(local, "ex") == 0) {
			const char *c = code_of(r, xattr(atts, "id"));

			if (c)
				pont_buf_adds(r->cur, c);
			else
				xerror(r, PONT_ID_XLIFF_CODE, "<%s> names no code of the source", local);
		} else if (strcmp(local, "g") != 0 && strcmp(local, "mrk") != 0) {
			xerror(r, PONT_ID_XLIFF_ELEMENT, "unexpected <%s> in a segment", local);
		}
		return;
	}
	if (strcmp(local, "file") == 0) {
		const char *o = xattr(atts, "original"), *sl = xattr(atts, "source-language"),
			   *tl = xattr(atts, "target-language");

		if (++r->nfiles > 1)
			xerror(r, PONT_ID_XLIFF_STRUCTURE, "%s", "more than one <file>: pont merges one article per work file");
		free(r->x->original);
		r->x->original = o ? xstrndup(o, strlen(o)) : NULL;
		snprintf(r->x->src_lang, sizeof r->x->src_lang, "%s", sl ? sl : "");
		snprintf(r->x->trg_lang, sizeof r->x->trg_lang, "%s", tl ? tl : "");
		r->meta_level = 1;
	} else if (strcmp(local, "prop") == 0 && r->meta_level) {
		pont_buf *dst = meta_dest(r, u, xattr(atts, "prop-type"));

		if (dst) {
			pont_buf_reset(dst);
			r->cur = dst;
			r->where = IN_META;
		}
	} else if (strcmp(local, "group") == 0) {
		new_unit(r, xattr(atts, "id"), line, col);
		r->meta_level = 2;
	} else if (strcmp(local, "trans-unit") == 0) {
		xpiece *pc;
		const char *id = xattr(atts, "id"), *tr = xattr(atts, "translate");

		if (u == NULL)	/* a trans-unit outside pont's groups: a unit of its own */
			u = new_unit(r, id, line, col);
		XGROW(u->p, u->ap, u->np + 1);
		pc = &u->p[u->np++];
		memset(pc, 0, sizeof *pc);
		pc->ignorable = tr && strcmp(tr, "no") == 0;
		{
			const char *dash = id ? strrchr(id, '-') : NULL;

			snprintf(pc->id, sizeof pc->id, "%s", dash ? dash + 1 : id ? id : "");
		}
		snprintf(pc->state, sizeof pc->state, "initial");
		pc->line = line;
		pc->col = col;
		pont_buf_reset(&r->codes);
	} else if (strcmp(local, "source") == 0 || strcmp(local, "target") == 0) {
		xpiece *pc = open_text(r, u, local, "<%s> outside a trans-unit");

		if (pc == NULL)
			return;
		if (r->where == IN_TARGET) {
			const char *st = xattr(atts, "state");

			/* new and needs-translation are not translations yet */
			snprintf(pc->state, sizeof pc->state, "%s",
				 st && (strcmp(st, "new") == 0 || strcmp(st, "needs-translation") == 0) ? "initial" :
				 st ? st : "translated");
		}
	} else if (strcmp(local, "xliff") == 0 || strcmp(local, "header") == 0 || strcmp(local, "body") == 0 ||
		   strcmp(local, "prop-group") == 0) {
		/* structure only */
	} else {
		r->skip = 1;	/* notes, alt-trans, tools, contexts: not needed to merge */
	}
}

static void XMLCALL
x12_end(void *ud, const XML_Char *name)
{
	xr *r = ud;
	size_t nslen;
	const char *local = xlocal(name, &nslen);

	if (!pont__xml_leave(&r->xml))
		return;
	if (r->skip) {
		r->skip--;
		return;
	}
	if (r->code_depth > 0 && --r->code_depth == 0) {
		unsigned long cp;
		char *e;

		if (r->code_char == 2) {	/* \n \t \s \\ back to white space */
			size_t i, o = 0;

			for (i = 0; i < r->code.len; i++) {
				char c = r->code.p[i];

				if (c == '\\' && i + 1 < r->code.len) {
					c = r->code.p[++i];
					c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 's' ? ' ' : c;
				}
				r->code.p[o++] = c;
			}
			r->code.len = o;
			r->code.p[o] = '\0';
			r->code_char = 0;
		}
		if (r->code_char == 1 && strncmp(r->code.p, "U+", 2) == 0 && (cp = strtoul(r->code.p + 2, &e, 16)) > 0 &&
		    *e == '\0' && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
			pont_buf_add_utf8(r->cur, (uint32_t)cp);
		} else {
			pont_buf_add(r->cur, r->code.p, r->code.len);
			if (r->where == IN_SOURCE && r->code_id[0]) {
				pont_buf_add(&r->codes, r->code_id, strlen(r->code_id) + 1);
				pont_buf_add(&r->codes, r->code.p, r->code.len + 1);
			}
		}
		return;
	}
	if (r->where == IN_META && strcmp(local, "prop") == 0) {
		end_meta(r);
	} else if (strcmp(local, "source") == 0 || strcmp(local, "target") == 0) {
		r->where = IN_NONE;
		r->cur = NULL;
	} else if (strcmp(local, "group") == 0) {
		r->meta_level = 1;
	}
}

void
pont_xliff_free(pont_xliff *x)
{
	size_t i, k;

	if (x == NULL)
		return;
	for (i = 0; i < x->nu; i++) {
		xunit *u = &x->u[i];

		for (k = 0; k < u->np; k++) {
			pont_buf_release(&u->p[k].src);
			pont_buf_release(&u->p[k].tgt);
		}
		for (k = 0; k < u->nd; k++)
			pont_buf_release(&u->d[k].text);
		free(u->p);
		free(u->d);
		pont_buf_release(&u->before);
		pont_buf_release(&u->prefix);
		pont_buf_release(&u->suffix);
		pont_buf_release(&u->quoting);
		pont_buf_release(&u->speaker);
	}
	free(x->u);
	free(x->original);
	pont_buf_release(&x->format);
	pont_buf_release(&x->hash);
	pont_buf_release(&x->tail);
	pont_buf_release(&x->generator);
	free(x);
}

pont_xliff *
pont_xliff_read(const char *data, size_t len, const char *name, pont_findings *diags, pont_error *err)
{
	xr r;

	pont__count(PONT_COUNT_XLIFF_READ);
	memset(&r, 0, sizeof r);
	pont__xml_init(&r.xml, &r, ' ', name, err);
	r.x = xcalloc(1, sizeof *r.x);
	r.diags = diags;
	XML_SetElementHandler(r.xml.p, x_start, x_end);
	XML_SetCharacterDataHandler(r.xml.p, x_text);
	pont__xml_parse(&r.xml, data, len);
	if (!r.xml.fatal && r.xml.depth == 0 && r.x->nu == 0 && r.nfiles == 0) {
		pont_fail_at(err, PONT_EPARSE, name, 1, 1, "not an XLIFF 2 file: no <file>");
		r.xml.fatal = 1;
	}
	pont__xml_free(&r.xml);
	pont_buf_release(&r.code);
	pont_buf_release(&r.codes);
	if (r.xml.fatal) {
		pont_xliff_free(r.x);
		return NULL;
	}
	r.x->pont_file = r.x->generator.len > 0;
	return r.x;
}

size_t
pont_xliff_nunits(const pont_xliff *x)
{
	return x->nu;
}

const char *
pont_xliff_unit_id(const pont_xliff *x, size_t i, unsigned long *line, unsigned long *col)
{
	if (line)
		*line = x->u[i].line;
	if (col)
		*col = x->u[i].col;
	return x->u[i].id;
}

const char *
pont_xliff_original(const pont_xliff *x)
{
	return x->original;
}

const char *
pont_xliff_source_hash(const pont_xliff *x)
{
	return x->hash.p ? x->hash.p : "";
}

int
pont_xliff_format(const pont_xliff *x)
{
	if (x->format.p && strcmp(x->format.p, "markdown") == 0)
		return PONT_FORMAT_MARKDOWN;
	return x->format.p && strcmp(x->format.p, "html") == 0 ? PONT_FORMAT_HTML : PONT_FORMAT_TEXT;
}

/* Words of two letters or more in s. */
static size_t
words_in_text(const char *s, size_t n)
{
	size_t i = 0, words = 0, run = 0;

	while (i < n) {
		uint32_t c = pont_utf8_next(s, n, &i);

		if (pont_cp_is_letter(c)) {
			words += ++run == 2;
		} else {
			run = 0;
		}
	}
	return words;
}

pont_status
pont_xliff_merge(const pont_xliff *x, int allow_missing, int use_source, pont_buf *out, pont_findings *missing)
{
	size_t i, k;
	pont_buf value = PONT_BUF_INIT, orig = PONT_BUF_INIT, *all = out;

	for (i = 0; i < x->nu; i++) {
		const xunit *u = &x->u[i];
		pont_quoting q = pont_quoting_of(u->quoting.p);

		if (u->before.p)
			pont_buf_add(out, u->before.p, u->before.len);
		if (u->prefix.p)
			pont_buf_add(out, u->prefix.p, u->prefix.len);
		/* a front matter value: written as its quoting wants, once whole */
		pont_buf_reset(&value);
		pont_buf_reset(&orig);
		if (q != PONT_QUOTING_NONE)
			out = &value;
		for (k = 0; k < u->np; k++) {
			const xpiece *p = &u->p[k];

			if (q != PONT_QUOTING_NONE)
				pont_buf_add(&orig, p->src.p ? p->src.p : "", p->src.len);
			/* an empty target counts when the segment was approved so (joined with another) */
			int have = p->has_target && (p->tgt.len > 0 || p->src.len == 0 || strcmp(p->state, "initial") != 0);

			if (p->ignorable || use_source || !u->translate) {
				/* ignorables keep their source unless a tool gave them a target */
				const pont_buf *b = p->ignorable && p->has_target ? &p->tgt : &p->src;

				pont_buf_add(out, b->p ? b->p : "", b->len);
				continue;
			}
			if (!have) {
				pont_findings_add_at(missing, PONT_ID_MERGE_UNTRANSLATED, allow_missing ? PONT_SEV_WARNING : PONT_SEV_ERROR,
					       p->line, p->col, "unit %s, segment %s is not translated%s", u->id,
					       p->id[0] ? p->id : "?", allow_missing ? ": the French is kept" : "");
				pont_buf_add(out, p->src.p ? p->src.p : "", p->src.len);
				continue;
			}
			if (p->tgt.len == p->src.len && memcmp(p->tgt.p, p->src.p ? p->src.p : "", p->tgt.len) == 0 &&
			    words_in_text(p->src.p, p->src.len) >= 3)
				pont_findings_add_at(missing, PONT_ID_MERGE_STILL_FRENCH, PONT_SEV_WARNING, p->line, p->col,
						     "unit %s, segment %s: the target is its French source: the edition "
						     "keeps it in French", u->id, p->id[0] ? p->id : "?");
			pont_buf_add(out, p->tgt.p, p->tgt.len);
		}
		out = all;
		/* (the value as it was stays as it was, even one YAML would read otherwise) */
		if (q != PONT_QUOTING_NONE && value.len == orig.len && memcmp(value.p ? value.p : "", orig.p ? orig.p : "", value.len) == 0)
			pont_buf_add(out, value.p ? value.p : "", value.len);
		else if (q != PONT_QUOTING_NONE)
			pont_quote_value(q, value.p ? value.p : "", value.len, out);
		if (u->suffix.p)
			pont_buf_add(out, u->suffix.p, u->suffix.len);
	}
	if (x->tail.p)
		pont_buf_add(out, x->tail.p, x->tail.len);
	pont_buf_release(&value);
	pont_buf_release(&orig);
	return pont_findings_count(missing, PONT_SEV_ERROR) ? PONT_EPARSE : PONT_OK;
}

size_t
pont_xliff_to_tm(const pont_xliff *x, pont_tm *tm, const pont_tm_prov *prov, size_t *skipped)
{
	size_t i, k, added = 0;
	pont_tm_prov pv = { NULL, NULL, NULL, NULL };

	if (prov)
		pv = *prov;
	if (pv.article == NULL)
		pv.article = pont_xliff_original(x);

	for (i = 0; i < x->nu; i++) {
		const xunit *u = &x->u[i];

		for (k = 0; k < u->np; k++) {
			const xpiece *p = &u->p[k];

			if (p->ignorable || !u->translate || p->src.len == 0)
				continue;
			if (!p->has_target || p->tgt.len == 0 || strcmp(p->state, "initial") == 0) {
				if (skipped)
					(*skipped)++;
				continue;
			}
			pv.status = prov && prov->status ? prov->status : *p->state ? p->state : NULL;
			added += pont_tm_add_unit(tm, p->src.p, p->src.len, p->tgt.p, p->tgt.len, NULL, &pv) == PONT_TM_ADDED;
		}
	}
	return added;
}

size_t
pont_xliff_npieces(const pont_xliff *x, size_t unit)
{
	return x->u[unit].np;
}

void
pont_xliff_piece(const pont_xliff *x, size_t unit, size_t k, pont_xliff_seg *out)
{
	const xpiece *p = &x->u[unit].p[k];

	out->ignorable = p->ignorable;
	out->id = p->id;
	out->state = p->state;
	out->source = p->src.p ? p->src.p : "";
	out->source_len = p->src.len;
	out->target = p->has_target ? (p->tgt.p ? p->tgt.p : "") : NULL;
	out->target_len = p->tgt.len;
	out->line = p->line;
	out->col = p->col;
}
