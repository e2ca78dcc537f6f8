/* mt.c: sentences for machine-translation engines: glossary terms and markup behind
 * placeholders the engines pass through, then put back in the English. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static void
add_placeholder(pont_mt_seg *s, pont_buf *line, const char *back, size_t n, unsigned char glue)
{
	char ph[32];

	s->back = xrealloc(s->back, (s->n + 1) * sizeof *s->back);
	s->glue = xrealloc(s->glue, s->n + 1);
	s->glue[s->n] = glue;
	s->back[s->n] = xstrndup(back, n);
	snprintf(ph, sizeof ph, "%s%zu", s->tag, s->n);
	s->n++;
	if (line->len && line->p[line->len - 1] != ' ')
		pont_buf_addc(line, ' ');
	pont_buf_adds(line, ph);
}

/* The English for a French term occurrence: the preferred term, plural when the French is. */
static void
english_of(const pont_glossary *g, size_t term, const char *fr, size_t fn, const char *lang, int initial, pont_buf *out)
{
	const pont_term *t = pont_glossary_term(g, term);
	size_t en[4], nen = pont_glossary_english(g, t->concept, lang, en, 4), tl;
	const char *e;

	pont_buf_reset(out);
	if (nen == 0)
		return;
	e = pont_glossary_term(g, en[0])->text;
	pont_buf_adds(out, e);
	tl = strlen(t->text);
	/* "devs" for "dev", "SRE" used as a plural after "les" is not seen: the form decides */
	if (fn == tl + 1 && (fr[fn - 1] == 's' || fr[fn - 1] == 'x') && out->len) {
		char last = out->p[out->len - 1];

		if (last == 'y' && out->len > 1 && !strchr("aeiou", out->p[out->len - 2])) {
			out->len--;
			pont_buf_adds(out, "ies");
		} else if (last == 's' || last == 'S') {
			;			/* already plural: skills, Ops */
		} else if (last == 'x' || last == 'h') {
			pont_buf_adds(out, "es");
		} else {
			pont_buf_addc(out, 's');
		}
	}
	if (initial && out->len && out->p[0] >= 'a' && out->p[0] <= 'z')
		out->p[0] = (char)(out->p[0] - 32);
}

/* Whether s[0, n) holds tag (any case) followed by a digit. */
static int
holds_tag(const char *s, size_t n, const char *tag)
{
	size_t tl = strlen(tag), i;

	for (i = 0; i + tl < n; i++)
		if (strncasecmp(s + i, tag, tl) == 0 && s[i + tl] >= '0' && s[i + tl] <= '9')
			return 1;
	return 0;
}

/* The placeholders' name: PONT, or PONTX, PONTXX... when the sentence itself has "PONT0". */
static void
choose_tag(const char *s, size_t n, char *tag, size_t size)
{
	size_t k = 4;

	memcpy(tag, "PONT", 5);
	while (holds_tag(s, n, tag) && k + 2 < size) {
		tag[k++] = 'X';
		tag[k] = '\0';
	}
}

void
pont_mt_protect(const pont_doc *doc, const pont_seg *seg, const pont_matches *terms, const pont_glossary *const *gs,
		size_t ng, const char *trg_lang, pont_mt_seg *out)
{
	size_t len, nmarks, i = seg->span.start, m = 0, t = 0;
	const char *text = pont_doc_text(doc, &len);
	const pont_block *b = pont_doc_block(doc, seg->block);
	const pont_mark *marks = pont_doc_marks(doc, &nmarks) + b->mark0;
	pont_buf line = PONT_BUF_INIT, en = PONT_BUF_INIT;

	memset(out, 0, sizeof *out);
	choose_tag(text + seg->span.start, seg->span.end - seg->span.start, out->tag, sizeof out->tag);
	nmarks = b->nmarks;
	while (terms && t < terms->n && terms->v[t].span.start < seg->span.start)
		t++;
	while (i < seg->span.end) {
		const pont_mark *k = NULL;
		const pont_match *tm = NULL;
		size_t end;

		while (m < nmarks && marks[m].span.end <= i)
			m++;
		while (terms && t < terms->n && terms->v[t].span.start < i)
			t++;
		if (m < nmarks && marks[m].span.start == i && marks[m].kind != PONT_MARK_BLOCK)
			k = &marks[m];
		else if (terms && t < terms->n && terms->v[t].span.start == i && terms->v[t].glossary < ng &&
			 terms->v[t].span.end <= seg->span.end)
			tm = &terms->v[t];
		if (k) {
			unsigned char glue = 0;

			end = k->span.end < seg->span.end ? k->span.end : seg->span.end;
			if (k->kind == PONT_MARK_EMPH || k->kind == PONT_MARK_LINK) {
				/* emphasis and link syntax hug the words they open or close */
				size_t q = i;
				int before = i > seg->span.start && pont_cp_is_alnum(pont_utf8_prev(text, i, &q));
				size_t r = end;
				int after = end < seg->span.end && pont_cp_is_alnum(pont_utf8_next(text, seg->span.end, &r));

				glue = after && !before ? 1 : before && !after ? 2 : after ? 1 : 0;
			}
			add_placeholder(out, &line, text + i, end - i, glue);
			pont_buf_addc(&line, ' ');
			i = end;
			continue;
		}
		if (tm) {
			english_of(gs[tm->glossary], tm->term, text + tm->span.start, tm->span.end - tm->span.start, trg_lang,
				   i == seg->span.start, &en);
			if (en.len) {
				add_placeholder(out, &line, en.p, en.len, 0);
				pont_buf_addc(&line, ' ');
				i = tm->span.end;
				continue;
			}
		}
		{
			size_t at = i;
			uint32_t c = pont_utf8_next(text, seg->span.end, &i);

			if (c == '\n' || c == '\r' || c == '\t')
				pont_buf_addc(&line, ' ');
			else if (c == ' ' && line.len && line.p[line.len - 1] == ' ')
				;
			else
				pont_buf_add(&line, text + at, i - at);
		}
	}
	while (line.len && line.p[line.len - 1] == ' ')
		line.len--;
	pont_buf_addc(&line, '\0');
	out->line = line.p;
	pont_buf_release(&en);
}

void
pont_mt_seg_release(pont_mt_seg *s)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		free(s->back[k]);
	free(s->back);
	free(s->glue);
	free(s->line);
	memset(s, 0, sizeof *s);
}

static int
is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80 ||
	       c == '_' || c == '-' || c == '\'';
}

size_t
pont_mt_restore(const pont_mt_seg *s, const char *text, size_t n, int apertium_marks, pont_buf *english,
		pont_buf *unknown)
{
	size_t i = 0, k, lost = 0, *seen = xcalloc(s->n + 1, sizeof *seen), tl = strlen(s->tag);
	pont_buf raw = PONT_BUF_INIT;

	pont_buf_reset(english);
	while (i < n) {
		char c = text[i];

		/* a placeholder: PONT and digits, as a word of its own (any case) */
		if ((i == 0 || !is_word_byte(text[i - 1])) && n - i > tl && strncasecmp(text + i, s->tag, tl) == 0 &&
		    text[i + tl] >= '0' && text[i + tl] <= '9') {
			size_t j = i + tl, v = 0;

			while (j < n && text[j] >= '0' && text[j] <= '9' && v < 100000)
				v = v * 10 + (size_t)(text[j++] - '0');
			if (v < s->n && (j == n || !is_word_byte(text[j]) || text[j] == '\'' || text[j] == '-')) {
				pont_buf_addf(&raw, "\001%zu\002", v);	/* put back after the tidying */
				seen[v]++;
				i = j;
				continue;
			}
		}
		if (apertium_marks && (c == '*' || c == '#' || c == '@') && (i == 0 || !is_word_byte(text[i - 1])) &&
		    i + 1 < n && (is_word_byte(text[i + 1]) || text[i + 1] == '*' || text[i + 1] == '#' || text[i + 1] == '@')) {
			size_t j = i, w;
			int unk = 0;

			while (j < n && (text[j] == '*' || text[j] == '#' || text[j] == '@')) {
				unk |= text[j] == '*';
				j++;
			}
			for (w = j; w < n && is_word_byte(text[w]); w++)
				;
			if (unk && unknown && w > j && !(w - j > tl && strncasecmp(text + j, s->tag, tl) == 0 &&
							 text[j + tl] >= '0' && text[j + tl] <= '9')) {
				pont_buf_add(unknown, text + j, w - j);
				pont_buf_addc(unknown, '\0');
			}
			i = j;
			continue;
		}
		pont_buf_addc(&raw, c == '\001' || c == '\002' ? ' ' : c);	/* kept for the placeholders */
		i++;
	}
	for (k = 0; k < s->n; k++)
		lost += seen[k] != 1;
	/* white space: single spaces, none before , . ; : ! ? ) or after ( */
	for (i = 0; i < raw.len; i++) {
		char c = raw.p[i];

		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		if (c == ' ' && (english->len == 0 || english->p[english->len - 1] == ' ' || english->p[english->len - 1] == '('))
			continue;
		if (c != ' ' && strchr(",.;:!?)", c) && english->len && english->p[english->len - 1] == ' ' &&
		    !(c == ':' && i + 1 < raw.len && raw.p[i + 1] == '/') && pont_emoticon_len(raw.p, raw.len, i) == 0)
			english->len--;
		pont_buf_addc(english, c);
	}
	while (english->len && english->p[english->len - 1] == ' ')
		english->len--;
	/* the placeholders' English */
	pont_buf_reset(&raw);
	pont_buf_add(&raw, english->p ? english->p : "", english->len);
	pont_buf_reset(english);
	for (i = 0; i < raw.len; i++) {
		if (raw.p[i] == '\001') {
			size_t v = 0;

			for (i++; i < raw.len && raw.p[i] != '\002'; i++)
				v = v * 10 + (size_t)(raw.p[i] - '0');
			if (v < s->n) {
				if (s->glue[v] == 2)
					while (english->len && english->p[english->len - 1] == ' ')
						english->len--;
				pont_buf_adds(english, s->back[v]);
				if (s->glue[v] == 1)
					while (i + 1 < raw.len && raw.p[i + 1] == ' ')
						i++;
			}
		} else {
			pont_buf_addc(english, raw.p[i]);
		}
	}
	pont_buf_addc(english, '\0');
	english->len--;
	pont_buf_release(&raw);
	free(seen);
	return lost;
}
