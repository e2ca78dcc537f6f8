/* tms.c: translation memories for the commands: reading pont files, TMX and TSV; look-ups. */
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
	const char *s = t->data + t->bom, *end = t->data + t->len;
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	size_t hl = nl ? (size_t)(nl - s) : (size_t)(end - s);
	int cs = column(s, hl, pont_tm_src_lang(tm)), ct = column(s, hl, pont_tm_trg_lang(tm));
	pont_buf a = PONT_BUF_INIT, b = PONT_BUF_INIT;
	unsigned long line = 1;

	if (cs < 0 || ct < 0) {
		cli_msg(cli_name(path), "error", "1:1: the header line must name a column '%s' and a column '%s' "
			"(e.g. \"%s<TAB>%s\")", pont_tm_src_lang(tm), pont_tm_trg_lang(tm), pont_tm_src_lang(tm),
			pont_tm_trg_lang(tm));
		return EXIT_DATA;
	}
	s = nl ? nl + 1 : end;
	while (s < end) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		size_t n = e ? (size_t)(e - s) : (size_t)(end - s);

		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n && field(s, n, cs, &a) && field(s, n, ct, &b) && a.len && b.len)
			pont_tm_add(tm, a.p, a.len, b.p, b.len, NULL);
		s = e ? e + 1 : end;
	}
	pont_buf_release(&a);
	pont_buf_release(&b);
	return EXIT_OK;
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
	if (pont_tm_is_file(t.data, t.len)) {
		if ((*out = pont_tm_open(t.data, t.len, cli_name(path), &err)) == NULL) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		} else if (!pont_lang_matches(pont_tm_src_lang(*out), src) || !pont_lang_matches(pont_tm_trg_lang(*out), trg)) {
			cli_msg(cli_name(path), "error", "a %s -> %s memory, not %s -> %s", pont_tm_src_lang(*out),
				pont_tm_trg_lang(*out), src, trg);
			pont_tm_free(*out);
			*out = NULL;
			rc = EXIT_DATA;
		}
	} else if (cli_has_suffix(path, ".tsv")) {
		if (pont_utf8_check(t.data, t.len) != t.len) {
			pont_text_release(&t);
			return cli_read(path, 0, &t);	/* reports the position */
		}
		*out = pont_tm_new(src, trg);
		if ((rc = read_tsv(path, &t, *out)) != EXIT_OK) {
			pont_tm_free(*out);
			*out = NULL;
		}
	} else {
		pont_findings d = PONT_FINDINGS_INIT;

		*out = pont_tm_new(src, trg);
		if (pont_tm_read_tmx(*out, t.data, t.len, cli_name(path), &d, NULL, &err) != PONT_OK) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
			pont_tm_free(*out);
			*out = NULL;
		}
		cli_print_findings(&d, cli_name(path));
		pont_findings_release(&d);
	}
	pont_text_release(&t);
	return rc;
}

int
cli_tms_lookup(void *ctx, const char *text, size_t n, pont_xliff_tm_hit *hit)
{
	cli_tms *t = ctx;
	size_t k, best = 0;
	pont_tm_match m, bm = { 0, -1 };

	for (k = 0; k < t->n; k++)
		if (pont_tm_lookup(t->v[k], text, n, t->min_score, &m, 1) == 1 && m.score > bm.score) {
			bm = m;
			best = k;
		}
	if (bm.score < 0)
		return 0;
	hit->source = strdup(pont_tm_source(t->v[best], bm.unit));
	hit->target = strdup(pont_tm_target(t->v[best], bm.unit));
	if (hit->source == NULL || hit->target == NULL)
		abort();
	hit->score = bm.score;
	hit->origin = t->names[best];
	return 1;
}
