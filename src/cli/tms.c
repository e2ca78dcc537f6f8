/* tms.c: translation memories for the commands: reading pont files, TMX and TSV; look-ups. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

/* Column of lang in a TSV header line, -1 when absent. */
static int
column(const char *line, size_t n, const char *lang)
{
	size_t a = 0;
	int k = 0;

	while (a <= n) {
		size_t e = a;

		while (e < n && line[e] != '\t')
			e++;
		if (e - a == strlen(lang) && strncasecmp(line + a, lang, e - a) == 0)
			return k;
		if (e - a > strlen(lang) && strncasecmp(line + a, lang, strlen(lang)) == 0 && line[a + strlen(lang)] == '-')
			return k;
		a = e + 1;
		k++;
	}
	return -1;
}

/* Field k of a TSV line, with \t \n \r \\ unescaped, into b. */
static int
field(const char *line, size_t n, int k, pont_buf *b)
{
	size_t a = 0, i;

	pont_buf_reset(b);
	while (k-- > 0) {
		while (a < n && line[a] != '\t')
			a++;
		if (a == n)
			return 0;
		a++;
	}
	for (i = a; i < n && line[i] != '\t'; i++) {
		if (line[i] == '\\' && i + 1 < n) {
			char c = line[i + 1];

			pont_buf_addc(b, c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c);
			i++;
		} else {
			pont_buf_addc(b, line[i]);
		}
	}
	return 1;
}

static int
read_tsv(const char *path, const pont_text *t, pont_tm *tm)
{
	static const char *const extra[5] = { "note", "article", "date", "translator", "status" };
	const char *s = t->data + t->bom, *end = t->data + t->len;
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	size_t hl = nl ? (size_t)(nl - s) : (size_t)(end - s);
	int cs = column(s, hl, pont_tm_src_lang(tm)), ct = column(s, hl, pont_tm_trg_lang(tm)), cx[5], k;
	pont_buf a = PONT_BUF_INIT, b = PONT_BUF_INIT, x[5];
	unsigned long line = 1, left = 0, first = 0;

	if (hl && s[hl - 1] == '\r')
		hl--;
	if (cs < 0 || ct < 0) {
		char where[PATH_MAX + 8];

		snprintf(where, sizeof where, "%s:1:1", cli_name(path));
		cli_msg(where, "error", "the header line must name a column '%s' and a column '%s' "
			"(e.g. \"%s<TAB>%s\")", pont_tm_src_lang(tm), pont_tm_trg_lang(tm), pont_tm_src_lang(tm),
			pont_tm_trg_lang(tm));
		return EXIT_DATA;
	}
	for (k = 0; k < 5; k++) {
		cx[k] = column(s, hl, extra[k]);
		memset(&x[k], 0, sizeof x[k]);
	}
	s = nl ? nl + 1 : end;
	while (s < end) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		size_t n = e ? (size_t)(e - s) : (size_t)(end - s);

		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n && field(s, n, cs, &a) && field(s, n, ct, &b) && a.len && b.len) {
			pont_tm_prov pv;

			for (k = 0; k < 5; k++)
				if (cx[k] < 0 || !field(s, n, cx[k], &x[k]))
					pont_buf_reset(&x[k]);
			pv.article = x[1].len ? x[1].p : NULL;
			pv.date = x[2].len ? x[2].p : NULL;
			pv.translator = x[3].len ? x[3].p : NULL;
			pv.status = x[4].len ? x[4].p : NULL;
			pont_tm_add_unit(tm, a.p, a.len, b.p, b.len, x[0].len ? x[0].p : NULL, &pv);
		} else if (n) {
			if (left++ == 0)
				first = line;
		}
		s = e ? e + 1 : end;
	}
	if (left)	/* said, not dropped in silence */
		cli_msg(cli_name(path), "warning", "%lu lines without both a %s and a %s text left out (the first: line %lu)",
			left, pont_tm_src_lang(tm), pont_tm_trg_lang(tm), first);
	pont_buf_release(&a);
	pont_buf_release(&b);
	for (k = 0; k < 5; k++)
		pont_buf_release(&x[k]);
	return EXIT_OK;
}

/* Is the memory read from path one of src -> trg? Said when not. */
static int
langs_match(const char *path, const pont_tm *m, const char *src, const char *trg)
{
	if (pont_lang_matches(pont_tm_src_lang(m), src) && pont_lang_matches(pont_tm_trg_lang(m), trg))
		return EXIT_OK;
	cli_msg(cli_name(path), "error", "a %s -> %s memory, not %s -> %s", pont_tm_src_lang(m), pont_tm_trg_lang(m), src,
		trg);
	return EXIT_DATA;
}

int
cli_tm_read_into(const char *path, pont_tm *tm)
{
	pont_text t = PONT_TEXT_INIT;
	pont_error err;
	int rc;

	if ((rc = cli_read(path, PONT_TEXT_BINARY, &t)) != EXIT_OK)
		return rc;
	if (pont_tm_is_file(t.data, t.len)) {
		pont_tm *other = pont_tm_open(t.data, t.len, cli_name(path), &err);
		size_t k;

		if (other == NULL) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		} else if ((rc = langs_match(path, other, pont_tm_src_lang(tm), pont_tm_trg_lang(tm))) == EXIT_OK) {
			for (k = 0; k < pont_tm_size(other); k++) {
				pont_tm_prov pv = pont_tm_provenance(other, k);

				pont_tm_add_unit(tm, pont_tm_source(other, k), strlen(pont_tm_source(other, k)),
						 pont_tm_target(other, k), strlen(pont_tm_target(other, k)), pont_tm_note(other, k),
						 &pv);
			}
		}
		pont_tm_free(other);
	} else if (cli_has_suffix(path, ".tsv")) {
		if (pont_utf8_check(t.data, t.len) != t.len) {
			pont_text_release(&t);
			return cli_read(path, 0, &t);	/* reports the position */
		}
		rc = read_tsv(path, &t, tm);
	} else {
		pont_findings d = PONT_FINDINGS_INIT;

		if (pont_tm_read_tmx(tm, t.data, t.len, cli_name(path), &d, NULL, &err) != PONT_OK) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		}
		cli_print_findings(&d, cli_name(path));
		pont_findings_release(&d);
	}
	pont_text_release(&t);
	return rc;
}

int
cli_tm_read(const char *path, const char *src, const char *trg, pont_tm **out)
{
	pont_text t = PONT_TEXT_INIT;
	pont_error err;
	int rc;

	*out = NULL;
	if ((rc = cli_read(path, PONT_TEXT_BINARY, &t)) != EXIT_OK)
		return rc;
	if (pont_tm_is_file(t.data, t.len)) {	/* the file as it is: no copy */
		if ((*out = pont_tm_open(t.data, t.len, cli_name(path), &err)) == NULL) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		} else if ((rc = langs_match(path, *out, src, trg)) != EXIT_OK) {
			pont_tm_free(*out);
			*out = NULL;
		}
		pont_text_release(&t);
		return rc;
	}
	pont_text_release(&t);
	*out = pont_tm_new(src, trg);
	if ((rc = cli_tm_read_into(path, *out)) != EXIT_OK) {
		pont_tm_free(*out);
		*out = NULL;
	}
	return rc;
}

int
cli_tmdb_open(const char *url, int create, pont_tmdb **out)
{
	pont_error err;

	if ((*out = pont_tmdb_open(url, "fr", "en", create, &err)) == NULL) {
		cli_report(&err);
		return cli_exit_code(err.code);
	}
	return EXIT_OK;
}

static char *
dup_or_null(const char *s)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		cli_oom();
	return d;
}

/* The best match of text in one memory (a file, or a server's candidates): 1 and *m, or 0. The
 * memory the unit is in is *in (a server's candidates: owned by the caller). */
static int
best_in(cli_tms *t, size_t k, const char *text, size_t n, pont_tm **in, pont_tm_match *m)
{
	*in = NULL;
	if (t->db && t->db[k]) {
		pont_error err;

		err.code = PONT_OK;
		if (pont_tmdb_lookup(t->db[k], text, n, t->min_score, in, m, 1, &err) == 1)
			return 1;
		if (*in == NULL && err.code != PONT_OK && !t->failed) {
			cli_report(&err);	/* once; the look-ups go on without it */
			t->failed = 1;
		}
		pont_tm_free(*in);
		*in = NULL;
		return 0;
	}
	*in = t->v[k];
	return pont_tm_lookup(t->v[k], text, n, t->min_score, m, 1) == 1;
}

int
cli_tms_lookup(void *ctx, const char *text, size_t n, pont_xliff_tm_hit *hit)
{
	cli_tms *t = ctx;
	size_t k, best = 0;
	pont_tm_match m, bm = { 0, -1, 0 };
	pont_tm *in, *bin = NULL;
	pont_tm_prov pv;

	memset(hit, 0, sizeof *hit);
	for (k = 0; k < t->n; k++) {
		if (!best_in(t, k, text, n, &in, &m))
			continue;
		if (m.score > bm.score) {
			if (bin && t->db && t->db[best])
				pont_tm_free(bin);
			bm = m;
			best = k;
			bin = in;
		} else if (t->db && t->db[k]) {
			pont_tm_free(in);
		}
	}
	if (bm.score < 0)
		return 0;
	hit->source = dup_or_null(pont_tm_source(bin, bm.unit));
	hit->score = bm.score;
	hit->origin = t->names[best];
	pv = pont_tm_provenance(bin, bm.unit);
	hit->prov[0] = dup_or_null(pv.article);
	hit->prov[1] = dup_or_null(pv.date);
	hit->prov[2] = dup_or_null(pv.translator);
	hit->prov[3] = dup_or_null(pv.status);
	if (bm.score >= 100) {
		/* an exact match fills the target: in the edition's typography */
		const char *tg = pont_tm_target(bin, bm.unit);
		pont_buf e = PONT_BUF_INIT;

		if (cli_english_typography(tg, strlen(tg), PONT_FORMAT_TEXT, &e) == EXIT_OK && e.len) {
			hit->target = dup_or_null(e.p);
		}
		pont_buf_release(&e);
		if (bm.differs) {
			pont_buf d = PONT_BUF_INIT;
			char *q = strndup(text, n);

			if (q == NULL)
				cli_oom();
			pont_tm_typography(pont_tm_source(bin, bm.unit), q, &d);
			if (d.len)
				hit->typography = dup_or_null(d.p);
			pont_buf_release(&d);
			free(q);
		}
	}
	if (hit->target == NULL)
		hit->target = dup_or_null(pont_tm_target(bin, bm.unit));
	if (t->db && t->db[best])
		pont_tm_free(bin);
	return 1;
}
