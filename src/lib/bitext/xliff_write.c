/* xliff_write.c: the bilingual work file: an article as XLIFF 2.1 or 1.2 (one unit per paragraph,
 * one segment per sentence, the document's structure in metadata so that merge can rebuild it),
 * and the unit ids and hash merge compares against. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "internal.h"

/* --- XML text --- */

enum { X_TEXT, X_ATTR, X_META, X_TEXT12 };

/*
 * Appends s[0, n) escaped for XML. Characters XML 1.0 cannot hold are written as <cp hex="..."/>
 * in content (X_TEXT), and as %XX in metadata (X_META, where '%' itself is %25); a carriage
 * return is &#13; so that parsers keep it.
 */
static void
xml_text(pont_buf *b, const char *s, size_t n, int mode)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		char tmp[64];

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = mode == X_ATTR ? "&quot;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		case '\t': rep = mode == X_ATTR ? "&#9;" : NULL; break;
		case '\n': rep = mode == X_ATTR ? "&#10;" : NULL; break;
		case '%': rep = mode == X_META ? "%25" : NULL; break;
		default:
			if (c < 0x20) {
				if (mode == X_TEXT12)
					snprintf(tmp, sizeof tmp, "<ph ctype=\"x-pont-char\">U+%04X</ph>", c);
				else if (mode == X_TEXT)
					snprintf(tmp, sizeof tmp, "<cp hex=\"%04X\"/>", c);
				else
					snprintf(tmp, sizeof tmp, "%%%02X", c);
				rep = tmp;
			} else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
				   ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
				/* U+FFFE, U+FFFF: not XML characters either */
				if (mode == X_TEXT12)
					snprintf(tmp, sizeof tmp, "<ph ctype=\"x-pont-char\">U+%s</ph>",
						 s[i + 2] == '\xBE' ? "FFFE" : "FFFF");
				else if (mode == X_TEXT)
					snprintf(tmp, sizeof tmp, "<cp hex=\"%s\"/>", s[i + 2] == '\xBE' ? "FFFE" : "FFFF");
				else
					snprintf(tmp, sizeof tmp, "%%EF%%BF%%%02X", (unsigned char)s[i + 2]);
				pont_buf_add(b, s + i - run, run);
				pont_buf_adds(b, tmp);
				i += 3;
				run = 0;
				continue;
			}
			break;
		}
		if (rep) {
			pont_buf_add(b, s + i - run, run);
			pont_buf_adds(b, rep);
			run = 0;
		} else {
			run++;
		}
		i++;
	}
	pont_buf_add(b, s + i - run, run);
}

static void
meta(pont_buf *b, const char *indent, const char *type, const char *s, size_t n)
{
	pont_buf_addf(b, "%s<mda:meta type=\"%s\">", indent, type);
	xml_text(b, s, n, X_META);
	pont_buf_adds(b, "</mda:meta>\n");
}

/* --- prepare --- */

typedef struct unitw {
	pont_buf data;		/* <data> elements of the unit */
	unsigned ndata;
	int v12;		/* XLIFF 1.2: codes are <ph> with their text inside */
} unitw;

/* A memory hit's provenance, as the metadata module's first child of <mtc:match>. */
static void
match_metadata(pont_buf *b, const pont_xliff_tm_hit *hit)
{
	static const char *const type[PONT_TM_NPROV] = { "article", "date", "translator", "status" };
	int k, any = 0;

	for (k = 0; k < PONT_TM_NPROV; k++)
		any |= hit->prov[k] != NULL;
	if (!any)
		return;
	pont_buf_adds(b, "        <mda:metadata><mda:metaGroup category=\"provenance\">");
	for (k = 0; k < PONT_TM_NPROV; k++) {
		if (hit->prov[k] == NULL)
			continue;
		pont_buf_addf(b, "<mda:meta type=\"%s\">", type[k]);
		xml_text(b, hit->prov[k], strlen(hit->prov[k]), X_TEXT);
		pont_buf_adds(b, "</mda:meta>");
	}
	pont_buf_adds(b, "</mda:metaGroup></mda:metadata>\n");
}

void
pont_xliff_tm_hit_release(pont_xliff_tm_hit *hit)
{
	int k;

	free(hit->source);
	free(hit->target);
	free(hit->typography);
	for (k = 0; k < PONT_TM_NPROV; k++)
		free(hit->prov[k]);
	memset(hit, 0, sizeof *hit);
}

static const char *
format_name(pont_format f)
{
	return f == PONT_FORMAT_MARKDOWN ? "markdown" : f == PONT_FORMAT_HTML ? "html" : "text";
}

/* The character an HTML character reference (without & and ;) stands for, in out: numeric
 * ones, and the named ones French pages use most; nothing for the others. */
static void
char_reference(const char *r, size_t n, pont_buf *out)
{
	static const struct { const char *name; const char *utf8; } named[] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
		{ "nbsp", "\xC2\xA0" }, { "rsquo", "\xE2\x80\x99" }, { "lsquo", "\xE2\x80\x98" },
		{ "rdquo", "\xE2\x80\x9D" }, { "ldquo", "\xE2\x80\x9C" }, { "laquo", "\xC2\xAB" },
		{ "raquo", "\xC2\xBB" }, { "hellip", "\xE2\x80\xA6" }, { "ndash", "\xE2\x80\x93" },
		{ "mdash", "\xE2\x80\x94" }, { "eacute", "\xC3\xA9" }, { "egrave", "\xC3\xA8" },
		{ "agrave", "\xC3\xA0" }, { "ccedil", "\xC3\xA7" }, { "ecirc", "\xC3\xAA" },
		{ "euro", "\xE2\x82\xAC" }, { "copy", "\xC2\xA9" }, { "thinsp", "\xE2\x80\x89" },
		{ "nnbsp", "\xE2\x80\xAF" },
	};
	size_t k;

	if (n >= 2 && r[0] == '#') {
		unsigned long c = 0;
		int hex = r[1] == 'x' || r[1] == 'X';

		for (k = hex ? 2 : 1; k < n && c <= 0x10FFFF; k++) {
			int d = r[k] >= '0' && r[k] <= '9' ? r[k] - '0' : hex && (r[k] | 0x20) >= 'a' && (r[k] | 0x20) <= 'f' ?
				(r[k] | 0x20) - 'a' + 10 : -1;

			if (d < 0)
				return;
			c = c * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (c >= 0x20 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF))
			pont_buf_add_utf8(out, (uint32_t)c);
		return;
	}
	for (k = 0; k < sizeof named / sizeof *named; k++)
		if (strlen(named[k].name) == n && memcmp(named[k].name, r, n) == 0) {
			pont_buf_adds(out, named[k].utf8);
			return;
		}
}

/* What a CAT tool shows for a code, and the text it stands for (attribute values, escaped):
 * disp is the code's own text, a line end shown as a return arrow, long ones cut with an
 * ellipsis; equiv is the text inside an inline code, a space for a line's structure, nothing
 * for markup (an escape's backslash: the character it protects follows as text). */
static void
code_labels(const char *s, size_t ms, size_t me, pont_mark_kind kind, pont_buf *disp, pont_buf *equiv)
{
	size_t q, shown = 0;

	pont_buf_reset(disp);
	pont_buf_reset(equiv);
	for (q = ms; q < me; q++) {
		if (shown >= 40 && me - q > 4) {
			pont_buf_adds(disp, "\xE2\x80\xA6");
			break;
		}
		if ((s[q] & 0xC0) != 0x80)
			shown++;
		if (s[q] == '\n')
			pont_buf_adds(disp, "\xE2\x86\xB5");
		else if (s[q] == '\t' || s[q] == '\r')
			pont_buf_addc(disp, ' ');
		else
			pont_buf_addc(disp, s[q]);
	}
	if (kind == PONT_MARK_CODE) {
		size_t a = ms, b = me;

		if (s[a] == '<') {	/* HTML's <code>...</code>: its text */
			while (a < b && s[a] != '>')
				a++;
			a += a < b;
			while (b > a && s[b - 1] != '<')
				b--;
			b -= b > a;
		}
		while (a < b && s[a] == '`')
			a++;
		while (b > a && s[b - 1] == '`')
			b--;
		pont_buf_add(equiv, s + a, b - a);
	} else if (kind == PONT_MARK_BLOCK) {
		pont_buf_addc(equiv, ' ');
	} else if (kind == PONT_MARK_HTML && me - ms >= 3 && s[ms] == '&' && s[me - 1] == ';') {
		char_reference(s + ms + 1, me - ms - 2, equiv);
	}
	pont_buf_adds(disp, "");	/* never NULL */
	pont_buf_adds(equiv, "");
}

/* Writes text [a, b) with the marks inside it as <ph/> codes (their text in originalData, a
 * label and a text equivalent on each: code_labels); URLs and e-mail addresses stay text. */
static void
inline_text(pont_buf *out, unitw *u, const char *s, size_t a, size_t b, const pont_mark *mk, size_t nmk)
{
	size_t k, at = a;
	pont_buf disp = PONT_BUF_INIT, equiv = PONT_BUF_INIT;

	for (k = 0; k < nmk; k++) {
		const pont_mark *x = &mk[k];
		size_t ms = x->span.start < a ? a : x->span.start, me = x->span.end > b ? b : x->span.end;

		if (x->kind == PONT_MARK_URL || x->kind == PONT_MARK_EMAIL || me <= ms || ms < at)
			continue;
		xml_text(out, s + at, ms - at, u->v12 ? X_TEXT12 : X_TEXT);
		u->ndata++;
		code_labels(s, ms, me, x->kind, &disp, &equiv);
		if (u->v12) {
			/* tools that read XLIFF 1.2 trim and fold the white space inside codes: a code
			 * holding white space (a line end, a code span) has it written as \n \t \s */
			size_t q, ws = 0;

			for (q = ms; q < me; q++)
				ws |= s[q] == ' ' || s[q] == '\n' || s[q] == '\t' || s[q] == '\\';
			pont_buf_addf(out, ws ? "<ph id=\"p%u\" ctype=\"x-pont-escaped\" equiv-text=\"" : "<ph id=\"p%u\" equiv-text=\"",
				      u->ndata);
			xml_text(out, equiv.p, equiv.len, X_ATTR);
			pont_buf_adds(out, "\">");
			if (!ws) {
				xml_text(out, s + ms, me - ms, X_TEXT12);
			} else {
				pont_buf e = PONT_BUF_INIT;

				for (q = ms; q < me; q++)
					pont_buf_adds(&e, s[q] == ' ' ? "\\s" : s[q] == '\n' ? "\\n" : s[q] == '\t' ? "\\t" :
							  s[q] == '\\' ? "\\\\" : (char[2]){ s[q], 0 });
				xml_text(out, e.p, e.len, X_TEXT12);
				pont_buf_release(&e);
			}
			pont_buf_adds(out, "</ph>");
			at = me;
			continue;
		}
		pont_buf_addf(&u->data, "      <data id=\"d%u\">", u->ndata);
		xml_text(&u->data, s + ms, me - ms, X_TEXT);
		pont_buf_adds(&u->data, "</data>\n");
		pont_buf_addf(out, "<ph id=\"p%u\" dataRef=\"d%u\" disp=\"", u->ndata, u->ndata);
		xml_text(out, disp.p, disp.len, X_ATTR);
		pont_buf_adds(out, "\" equiv=\"");
		xml_text(out, equiv.p, equiv.len, X_ATTR);
		pont_buf_adds(out, "\"/>");
		at = me;
	}
	xml_text(out, s + at, b - at, u->v12 ? X_TEXT12 : X_TEXT);
	pont_buf_release(&disp);
	pont_buf_release(&equiv);
}

/* A stable unit id: a hash of the paragraph's text, so that unchanged paragraphs keep their
 * ids when the article is prepared again; repeats get a suffix. used: ids given so far. */
static void
unit_id(const char *s, const pont_block *b, uint64_t **used, size_t *nused, size_t *aused, char *out, size_t outn)
{
	uint64_t h = pont_hash(s + b->span.start, b->span.end - b->span.start) & 0xFFFFFFFFu, key;
	unsigned rep = 1;
	size_t k;

	for (;; rep++) {
		key = h << 16 | rep;
		for (k = 0; k < *nused && (*used)[k] != key; k++)	/* repeats are rare: a short scan */
			;
		if (k == *nused)
			break;
	}
	XGROW(*used, *aused, *nused + 1);
	(*used)[(*nused)++] = key;
	if (rep == 1)
		snprintf(out, outn, "u%08llx", (unsigned long long)h);
	else
		snprintf(out, outn, "u%08llx-%u", (unsigned long long)h, rep);
}

static int
has_segment(const pont_segs *segs, size_t *si, size_t block)
{
	while (*si < segs->n && segs->v[*si].block < block)
		(*si)++;
	return *si < segs->n && segs->v[*si].block == block;
}

static void
glossary_entries(pont_buf *out, const pont_xliff_prep *p, const pont_block *b, size_t *mi)
{
	const pont_matches *ms = p->matches;
	size_t seen[64], nseen = 0, k, i;
	int open = 0;

	if (ms == NULL)
		return;
	while (*mi < ms->n && ms->v[*mi].span.start < b->content.start)
		(*mi)++;
	for (i = *mi; i < ms->n && ms->v[i].span.end <= b->content.end; i++) {
		const pont_match *m = &ms->v[i];
		const pont_glossary *g = p->glossaries[m->glossary];
		const pont_term *t = pont_glossary_term(g, m->term);
		const pont_concept *c = pont_glossary_concept(g, t->concept);
		size_t key = m->glossary * 1000003u + t->concept, en[16], nen, j;
		const char *def = c->definition;

		for (k = 0; k < nseen && seen[k] != key; k++)
			;
		if (k < nseen || nseen == 64)
			continue;
		seen[nseen++] = key;
		if (!open) {
			pont_buf_adds(out, "    <gls:glossary>\n");
			open = 1;
		}
		pont_buf_adds(out, "      <gls:glossEntry>\n        <gls:term source=\"");
		xml_text(out, p->glossary_names ? p->glossary_names[m->glossary] : "glossary",
			 strlen(p->glossary_names ? p->glossary_names[m->glossary] : "glossary"), X_ATTR);
		pont_buf_adds(out, "\">");
		xml_text(out, t->text, strlen(t->text), X_TEXT);
		pont_buf_adds(out, "</gls:term>\n");
		nen = pont_glossary_english(g, t->concept, p->trg_lang, en, 16);
		for (j = 0; j < nen; j++) {
			const pont_term *e = pont_glossary_term(g, en[j]);

			if (pont_term_status_rank(e->status) >= 3)
				continue;	/* not to be used: no translation to offer */
			pont_buf_adds(out, "        <gls:translation>");
			xml_text(out, e->text, strlen(e->text), X_TEXT);
			pont_buf_adds(out, "</gls:translation>\n");
		}
		for (j = 0; def == NULL && j < pont_glossary_nlangnotes(g); j++) {
			const pont_langnote *ln = pont_glossary_langnote(g, j);

			if (ln->concept == t->concept && ln->definition && pont_lang_matches(ln->lang, "en"))
				def = ln->definition;
		}
		if (def) {
			pont_buf_adds(out, "        <gls:definition>");
			xml_text(out, def, strlen(def), X_TEXT);
			pont_buf_adds(out, "</gls:definition>\n");
		}
		pont_buf_adds(out, "      </gls:glossEntry>\n");
	}
	if (open)
		pont_buf_adds(out, "    </gls:glossary>\n");
}

/* A prop of pont's in XLIFF 1.2 (prop-group "pont"). */
static void
prop12(pont_buf *b, const char *indent, const char *type, const char *s, size_t n)
{
	pont_buf_addf(b, "%s<prop prop-type=\"%s\">", indent, type);
	xml_text(b, s, n, X_META);
	pont_buf_adds(b, "</prop>\n");
}

/* The same work file as XLIFF 1.2, for the tools that read only that (translate-toolkit,
 * OmegaT 3): a <group> per unit with pont's metadata as props, a <trans-unit> per sentence,
 * the text between sentences as trans-units with translate="no", inline codes as <ph>,
 * glossary entries as notes, memory matches as <alt-trans>. */
static pont_status
prepare12(const pont_doc *doc, const pont_segs *segs, const pont_xliff_prep *p, pont_buf *out)
{
	size_t len, nmk, nb = pont_doc_nblocks(doc), i, si = 0, mi = 0, done = 0, last = 0, k;
	const char *s = pont_doc_text(doc, &len);
	const pont_mark *mk = pont_doc_marks(doc, &nmk);
	uint64_t *used = NULL;
	size_t nused = 0, aused = 0;
	pont_buf gl = PONT_BUF_INIT, plain = PONT_BUF_INIT;
	char hash[20];

	snprintf(hash, sizeof hash, "%016llx", (unsigned long long)pont_hash(s, len));
	for (i = 0, k = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);

		if (pont_block_kind_is_text(b->kind) && has_segment(segs, &k, i))
			last = b->span.end;
	}
	pont_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n <file original=\"");
	xml_text(out, p->original ? p->original : "-", strlen(p->original ? p->original : "-"), X_ATTR);
	pont_buf_adds(out, "\" source-language=\"");
	xml_text(out, p->src_lang, strlen(p->src_lang), X_ATTR);
	pont_buf_adds(out, "\" target-language=\"");
	xml_text(out, p->trg_lang, strlen(p->trg_lang), X_ATTR);
	pont_buf_adds(out, "\" datatype=\"plaintext\" xml:space=\"preserve\">\n  <header>\n"
		      "   <tool tool-id=\"pont\" tool-name=\"pont\" tool-version=\"" PONT_VERSION "\"/>\n"
		      "   <prop-group name=\"pont\">\n");
	prop12(out, "    ", "generator", "pont " PONT_VERSION, strlen("pont " PONT_VERSION));
	prop12(out, "    ", "format", format_name(p->format), strlen(format_name(p->format)));
	prop12(out, "    ", "source-hash", hash, strlen(hash));
	prop12(out, "    ", "tail", s + last, len - last);
	pont_buf_adds(out, "   </prop-group>\n  </header>\n  <body>\n");
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);
		size_t at, nseg = 0;
		unitw u = { PONT_BUF_INIT, 0, 1 };
		char id[64];
		const pont_mark *bm = mk + b->mark0;

		if (!pont_block_kind_is_text(b->kind) || !has_segment(segs, &si, i))
			continue;
		unit_id(s, b, &used, &nused, &aused, id, sizeof id);
		pont_buf_addf(out, "   <group id=\"%s\" restype=\"x-pont-%s\">\n    <prop-group name=\"pont\">\n", id,
			      pont_block_kind_name(b->kind));
		prop12(out, "     ", "before", s + done, b->span.start - done);
		prop12(out, "     ", "prefix", s + b->span.start, b->content.start - b->span.start);
		prop12(out, "     ", "suffix", s + b->content.end, b->span.end - b->content.end);
		if (b->label.end > b->label.start)
			prop12(out, "     ", b->kind == PONT_BLOCK_FIELD ? "field" : "speaker", s + b->label.start,
			       b->label.end - b->label.start);
		if (b->quoting)
			prop12(out, "     ", "quoting", pont_quoting_name(b->quoting), strlen(pont_quoting_name(b->quoting)));
		pont_buf_adds(out, "    </prop-group>\n");
		if (b->label.end > b->label.start && b->kind == PONT_BLOCK_TURN) {
			pont_buf_adds(out, "    <note from=\"pont\">Speaker: ");
			xml_text(out, s + b->label.start, b->label.end - b->label.start, X_TEXT12);
			pont_buf_adds(out, "</note>\n");
		}
		/* the unit's glossary entries, as a note on each of its sentences */
		pont_buf_reset(&gl);
		{
			pont_buf tmp = PONT_BUF_INIT;
			size_t m0 = mi;

			glossary_entries(&tmp, p, b, &mi);
			if (tmp.len) {	/* reduce the module's XML to "term: translation, ..." lines */
				const char *q = tmp.p;

				while ((q = strstr(q, "<gls:term")) != NULL) {
					const char *t = strchr(q, '>') + 1, *te = strstr(t, "</gls:term>");
					const char *next = strstr(te, "<gls:term"), *tr = te;
					int first = 1;

					pont_buf_add(&gl, t, (size_t)(te - t));
					pont_buf_adds(&gl, " → ");
					while ((tr = strstr(tr, "<gls:translation>")) != NULL && (next == NULL || tr < next)) {
						const char *v = tr + strlen("<gls:translation>"), *ve = strstr(v, "</gls:translation>");

						pont_buf_adds(&gl, first ? "" : ", ");
						pont_buf_add(&gl, v, (size_t)(ve - v));
						first = 0;
						tr = ve;
					}
					pont_buf_adds(&gl, "; ");
					q = te;
				}
			}
			(void)m0;
			pont_buf_release(&tmp);
		}
		at = b->content.start;
		for (k = si; k < segs->n && segs->v[k].block == i; k++) {
			const pont_seg *sg = &segs->v[k];
			pont_xliff_tm_hit hit;
			int have = 0;

			if (sg->span.start > at) {
				pont_buf_addf(out, "    <trans-unit id=\"%s-i%zu\" translate=\"no\"><source>", id, k - si + 1);
				inline_text(out, &u, s, at, sg->span.start, bm, b->nmarks);
				pont_buf_adds(out, "</source></trans-unit>\n");
			}
			nseg++;
			pont_buf_reset(&plain);
			pont_buf_add(&plain, s + sg->span.start, sg->span.end - sg->span.start);
			if (p->tm_lookup)
				have = p->tm_lookup(p->tm_ctx, plain.p, plain.len, &hit);
			pont_buf_addf(out, "    <trans-unit id=\"%s-s%zu\"%s><source>", id, nseg,
				      have && hit.score >= 100 ? " approved=\"no\"" : "");
			inline_text(out, &u, s, sg->span.start, sg->span.end, bm, b->nmarks);
			pont_buf_adds(out, "</source>");
			if (have && hit.score >= 100) {
				pont_buf_adds(out, "<target state=\"translated\">");
				xml_text(out, hit.target, strlen(hit.target), X_TEXT12);
				pont_buf_adds(out, "</target>");
			}
			if (gl.len) {
				pont_buf_adds(out, "<note from=\"pont-glossary\">");
				pont_buf_add(out, gl.p, gl.len - 2);	/* already XML text */
				pont_buf_adds(out, "</note>");
			}
			if (have) {
				pont_buf_addf(out, "<alt-trans match-quality=\"%d\" origin=\"", hit.score);
				xml_text(out, hit.origin ? hit.origin : "memory", strlen(hit.origin ? hit.origin : "memory"),
					 X_ATTR);
				pont_buf_adds(out, "\"><source>");
				xml_text(out, hit.source, strlen(hit.source), X_TEXT12);
				pont_buf_adds(out, "</source><target>");
				xml_text(out, hit.target, strlen(hit.target), X_TEXT12);
				pont_buf_adds(out, "</target></alt-trans>");
				pont_xliff_tm_hit_release(&hit);
			}
			pont_buf_adds(out, "</trans-unit>\n");
			at = sg->span.end;
		}
		if (b->content.end > at) {
			pont_buf_addf(out, "    <trans-unit id=\"%s-i%zu\" translate=\"no\"><source>", id, k - si + 1);
			inline_text(out, &u, s, at, b->content.end, bm, b->nmarks);
			pont_buf_adds(out, "</source></trans-unit>\n");
		}
		si = k;
		pont_buf_adds(out, "   </group>\n");
		done = b->span.end;
	}
	pont_buf_adds(out, "  </body>\n </file>\n</xliff>\n");
	free(used);
	pont_buf_release(&gl);
	pont_buf_release(&plain);
	return PONT_OK;
}

pont_status
pont_xliff_prepare(const pont_doc *doc, const pont_segs *segs, const pont_xliff_prep *p, pont_buf *out,
		   pont_error *err)
{
	size_t len, nmk, nb = pont_doc_nblocks(doc), i, si = 0, mi = 0, done = 0, nunits = 0;
	const char *s = pont_doc_text(doc, &len);
	const pont_mark *mk = pont_doc_marks(doc, &nmk);
	uint64_t *used = NULL;
	size_t nused = 0, aused = 0;
	pont_buf body = PONT_BUF_INIT, segx = PONT_BUF_INIT, mtc = PONT_BUF_INIT;
	pont_buf notes = PONT_BUF_INIT, plain = PONT_BUF_INIT;
	char hash[20];

	(void)err;
	pont__count(PONT_COUNT_XLIFF_WRITE);
	if (p->xliff12)
		return prepare12(doc, segs, p, out);
	snprintf(hash, sizeof hash, "%016llx", (unsigned long long)pont_hash(s, len));
	pont_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.1\"\n"
		      "       xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\"\n"
		      "       xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\"\n"
		      "       xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\"\n       srcLang=\"");
	xml_text(out, p->src_lang, strlen(p->src_lang), X_ATTR);
	pont_buf_adds(out, "\" trgLang=\"");
	xml_text(out, p->trg_lang, strlen(p->trg_lang), X_ATTR);
	pont_buf_adds(out, "\">\n <file id=\"f1\" original=\"");
	xml_text(out, p->original ? p->original : "-", strlen(p->original ? p->original : "-"), X_ATTR);
	pont_buf_adds(out, "\" xml:space=\"preserve\">\n  <mda:metadata>\n   <mda:metaGroup category=\"pont\">\n");
	meta(out, "    ", "generator", "pont " PONT_VERSION, strlen("pont " PONT_VERSION));
	meta(out, "    ", "format", format_name(p->format), strlen(format_name(p->format)));
	meta(out, "    ", "source-hash", hash, strlen(hash));
	{
		size_t last = 0, k = 0;		/* where the last unit ends: the rest is the tail */

		for (i = 0; i < nb; i++) {
			const pont_block *b = pont_doc_block(doc, i);

			if (pont_block_kind_is_text(b->kind) && has_segment(segs, &k, i))
				last = b->span.end;
		}
		meta(out, "    ", "tail", s + last, len - last);
	}
	pont_buf_adds(out, "   </mda:metaGroup>\n  </mda:metadata>\n");
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);
		size_t k, at, nseg = 0;
		unitw u = { PONT_BUF_INIT, 0, 0 };
		char id[64];
		const pont_mark *bm = mk + b->mark0;

		if (!pont_block_kind_is_text(b->kind) || !has_segment(segs, &si, i))
			continue;		/* stays in the gap before the next unit */
		unit_id(s, b, &used, &nused, &aused, id, sizeof id);
		pont_buf_reset(&body);
		pont_buf_reset(&segx);
		pont_buf_reset(&mtc);
		pont_buf_reset(&notes);
		pont_buf_addf(&body, "  <unit id=\"%s\" type=\"pont:%s\">\n", id, pont_block_kind_name(b->kind));
		pont_buf_adds(&body, "    <mda:metadata>\n     <mda:metaGroup category=\"pont\">\n");
		meta(&body, "      ", "before", s + done, b->span.start - done);
		meta(&body, "      ", "prefix", s + b->span.start, b->content.start - b->span.start);
		meta(&body, "      ", "suffix", s + b->content.end, b->span.end - b->content.end);
		if (b->label.end > b->label.start)
			meta(&body, "      ", b->kind == PONT_BLOCK_FIELD ? "field" : "speaker", s + b->label.start,
			     b->label.end - b->label.start);
		if (b->quoting)
			meta(&body, "      ", "quoting", pont_quoting_name(b->quoting), strlen(pont_quoting_name(b->quoting)));
		pont_buf_adds(&body, "     </mda:metaGroup>\n    </mda:metadata>\n");
		/* segments and the ignorable text between them */
		at = b->content.start;
		for (k = si; k < segs->n && segs->v[k].block == i; k++) {
			const pont_seg *sg = &segs->v[k];

			if (sg->span.start > at) {
				pont_buf_addf(&segx, "    <ignorable id=\"i%zu\"><source>", k - si + 1);
				inline_text(&segx, &u, s, at, sg->span.start, bm, b->nmarks);
				pont_buf_adds(&segx, "</source></ignorable>\n");
			}
			nseg++;
			pont_buf_addf(&segx, "    <segment id=\"s%zu\"", nseg);
			{
				pont_xliff_tm_hit hit;
				int have = 0;

				pont_buf_reset(&plain);
				pont_buf_add(&plain, s + sg->span.start, sg->span.end - sg->span.start);
				if (p->tm_lookup)
					have = p->tm_lookup(p->tm_ctx, plain.p, plain.len, &hit);
				if (have && hit.score >= 100) {
					pont_buf_adds(&segx, " state=\"translated\"><source>");
					inline_text(&segx, &u, s, sg->span.start, sg->span.end, bm, b->nmarks);
					pont_buf_adds(&segx, "</source><target>");
					xml_text(&segx, hit.target, strlen(hit.target), X_TEXT);
					pont_buf_adds(&segx, "</target></segment>\n");
				} else if (p->drafts && p->drafts[k]) {
					const char *eng = p->engine ? p->engine : "machine translation";

					pont_buf_adds(&segx, " state=\"initial\"><source>");
					inline_text(&segx, &u, s, sg->span.start, sg->span.end, bm, b->nmarks);
					pont_buf_adds(&segx, "</source><target>");
					xml_text(&segx, p->drafts[k], strlen(p->drafts[k]), X_TEXT);
					pont_buf_adds(&segx, "</target></segment>\n");
					pont_buf_addf(&mtc, "      <mtc:match ref=\"#s%zu\" type=\"mt\" origin=\"", nseg);
					xml_text(&mtc, eng, strlen(eng), X_ATTR);
					pont_buf_adds(&mtc, "\">\n        <source>");
					xml_text(&mtc, plain.p, plain.len, X_TEXT);
					pont_buf_adds(&mtc, "</source>\n        <target>");
					xml_text(&mtc, p->drafts[k], strlen(p->drafts[k]), X_TEXT);
					pont_buf_adds(&mtc, "</target>\n      </mtc:match>\n");
					pont_buf_addf(&notes, "      <note category=\"pont-mt\"%s>s%zu: machine draft (",
						      p->draft_notes && p->draft_notes[k] ? " priority=\"1\"" : "", nseg);
					xml_text(&notes, eng, strlen(eng), X_TEXT);
					pont_buf_adds(&notes, "): post-edit it");
					if (p->draft_notes && p->draft_notes[k]) {
						pont_buf_adds(&notes, "; ");
						xml_text(&notes, p->draft_notes[k], strlen(p->draft_notes[k]), X_TEXT);
					}
					pont_buf_adds(&notes, "</note>\n");
				} else {
					pont_buf_adds(&segx, " state=\"initial\"><source>");
					inline_text(&segx, &u, s, sg->span.start, sg->span.end, bm, b->nmarks);
					pont_buf_adds(&segx, "</source></segment>\n");
					if (p->draft_notes && p->draft_notes[k]) {	/* why it has no draft */
						pont_buf_addf(&notes, "      <note category=\"pont-mt\" priority=\"1\">s%zu: ", nseg);
						xml_text(&notes, p->draft_notes[k], strlen(p->draft_notes[k]), X_TEXT);
						pont_buf_adds(&notes, "</note>\n");
					}
				}
				if (have) {
					pont_buf_addf(&mtc, "      <mtc:match ref=\"#s%zu\" similarity=\"%d\" matchQuality=\"%d\" "
						      "type=\"tm\" origin=\"", nseg, hit.score, hit.score);
					xml_text(&mtc, hit.origin ? hit.origin : "memory", strlen(hit.origin ? hit.origin : "memory"),
						 X_ATTR);
					pont_buf_adds(&mtc, "\">\n");
					match_metadata(&mtc, &hit);
					pont_buf_adds(&mtc, "        <source>");
					xml_text(&mtc, hit.source, strlen(hit.source), X_TEXT);
					pont_buf_adds(&mtc, "</source>\n        <target>");
					xml_text(&mtc, hit.target, strlen(hit.target), X_TEXT);
					pont_buf_adds(&mtc, "</target>\n      </mtc:match>\n");
					if (hit.score < 100)
						pont_buf_addf(&notes, "      <note category=\"pont-tm\">s%zu: fuzzy match %d%% in "
							      "the translation memory</note>\n", nseg, hit.score);
					else if (hit.typography) {
						pont_buf_addf(&notes, "      <note category=\"pont-tm\">s%zu: exact match in the "
							      "translation memory, written with other ", nseg);
						xml_text(&notes, hit.typography, strlen(hit.typography), X_TEXT);
						pont_buf_adds(&notes, "</note>\n");
					}
					pont_xliff_tm_hit_release(&hit);
				}
			}
			at = sg->span.end;
		}
		if (b->content.end > at) {
			pont_buf_addf(&segx, "    <ignorable id=\"i%zu\"><source>", k - si + 1);
			inline_text(&segx, &u, s, at, b->content.end, bm, b->nmarks);
			pont_buf_adds(&segx, "</source></ignorable>\n");
		}
		si = k;
		if (mtc.len) {
			pont_buf_adds(&body, "    <mtc:matches>\n");
			pont_buf_add(&body, mtc.p, mtc.len);
			pont_buf_adds(&body, "    </mtc:matches>\n");
		}
		glossary_entries(&body, p, b, &mi);
		if (b->label.end > b->label.start || notes.len) {
			pont_buf_adds(&body, "    <notes>\n");
			if (b->label.end > b->label.start) {
				/* who speaks, or which field of the front matter this is */
				pont_buf_adds(&body, b->kind == PONT_BLOCK_FIELD ? "      <note category=\"field\">front matter: " :
					      "      <note category=\"speaker\">");
				xml_text(&body, s + b->label.start, b->label.end - b->label.start, X_TEXT);
				pont_buf_adds(&body, "</note>\n");
			}
			pont_buf_add(&body, notes.p ? notes.p : "", notes.len);
			pont_buf_adds(&body, "    </notes>\n");
		}
		if (u.ndata) {
			pont_buf_adds(&body, "    <originalData>\n");
			pont_buf_add(&body, u.data.p, u.data.len);
			pont_buf_adds(&body, "    </originalData>\n");
		}
		pont_buf_add(&body, segx.p, segx.len);
		pont_buf_adds(&body, "  </unit>\n");
		pont_buf_add(out, body.p, body.len);
		pont_buf_release(&u.data);
		done = b->span.end;
		nunits++;
	}
	/* the file needs one unit even when there is nothing to translate */
	if (nunits == 0)
		pont_buf_adds(out, "  <unit id=\"u0\" translate=\"no\"><ignorable><source></source></ignorable></unit>\n");
	pont_buf_adds(out, " </file>\n</xliff>\n");
	free(used);
	pont_buf_release(&body);
	pont_buf_release(&segx);
	pont_buf_release(&mtc);
	pont_buf_release(&notes);
	pont_buf_release(&plain);
	return PONT_OK;
}

void
pont_xliff_article_ids(const pont_doc *doc, const pont_segs *segs, pont_buf *ids, char hash[17])
{
	size_t len, nb = pont_doc_nblocks(doc), i, si = 0, nused = 0, aused = 0;
	const char *s = pont_doc_text(doc, &len);
	uint64_t *used = NULL;
	char id[64];

	snprintf(hash, 17, "%016llx", (unsigned long long)pont_hash(s, len));
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);

		if (!pont_block_kind_is_text(b->kind) || !has_segment(segs, &si, i))
			continue;
		unit_id(s, b, &used, &nused, &aused, id, sizeof id);
		pont_buf_add(ids, id, strlen(id) + 1);
	}
	free(used);
}

void
pont_doc_replace_sentences(const pont_doc *doc, const pont_segs *segs, const char *const *targets, pont_buf *out)
{
	size_t len, i, at = 0;
	const char *s = pont_doc_text(doc, &len);

	for (i = 0; i < segs->n; i++) {
		if (targets[i] == NULL)
			continue;
		pont_buf_add(out, s + at, segs->v[i].span.start - at);
		pont_buf_adds(out, targets[i]);
		at = segs->v[i].span.end;
	}
	pont_buf_add(out, s + at, len - at);
}

