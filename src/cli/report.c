/* report.c: the QA report of pont check: findings with both positions, and their text, JSON,
 * SARIF and HTML forms; suppressions of accepted findings. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static char *
copy_str(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p == NULL)
		abort();
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

size_t
cli_qa_row(cli_qa *r, const char *src, size_t sn, const char *tgt, size_t tn, const char *label)
{
	cli_row *w;

	if (r->nrows == r->arows) {
		r->arows = r->arows ? r->arows * 2 : 64;
		if ((r->rows = realloc(r->rows, r->arows * sizeof *r->rows)) == NULL)
			abort();
	}
	w = &r->rows[r->nrows];
	w->src = copy_str(src, sn);
	w->tgt = copy_str(tgt, tn);
	w->label = copy_str(label, strlen(label));
	return r->nrows++;
}

/* FNV-1a over the parts, as 16 hex digits: the check, the pair's texts, the span, and the
 * message unless it names a place (inconsistent-translation points at another line). */
static void
fingerprint(const char *id, const cli_row *w, size_t a, size_t b, const char *msg, char out[17])
{
	unsigned long long h = 1469598103934665603ULL;
	const char *parts[5];
	size_t lens[5], k, i;

	parts[0] = id;
	lens[0] = strlen(id);
	parts[1] = w->src;
	lens[1] = strlen(w->src);
	parts[2] = w->tgt;
	lens[2] = strlen(w->tgt);
	parts[3] = w->tgt + a;
	lens[3] = b - a;
	parts[4] = msg;
	lens[4] = strcmp(id, "inconsistent-translation") == 0 ? 0 : strlen(msg);
	for (k = 0; k < 5; k++) {
		for (i = 0; i < lens[k]; i++)
			h = (h ^ (unsigned char)parts[k][i]) * 1099511628211ULL;
		h = (h ^ 0x1F) * 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", h);
}

void
cli_qa_add(cli_qa *r, const cli_finding *f)
{
	cli_finding *x;
	size_t tl = strlen(r->rows[f->row].tgt);

	if (r->n == r->a) {
		r->a = r->a ? r->a * 2 : 64;
		if ((r->f = realloc(r->f, r->a * sizeof *r->f)) == NULL)
			abort();
	}
	x = &r->f[r->n++];
	*x = *f;
	x->file = copy_str(f->file, strlen(f->file));
	x->src_file = copy_str(f->src_file, strlen(f->src_file));
	x->msg = copy_str(f->msg, strlen(f->msg));
	if (x->tend > tl)
		x->tend = tl;
	if (x->tstart > x->tend)
		x->tstart = x->tend;
	fingerprint(x->id, &r->rows[x->row], x->tstart, x->tend, x->msg, x->fp);
}

void
cli_qa_release(cli_qa *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->f[i].file);
		free(r->f[i].src_file);
		free(r->f[i].msg);
	}
	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].src);
		free(r->rows[i].tgt);
		free(r->rows[i].label);
	}
	free(r->f);
	free(r->rows);
	memset(r, 0, sizeof *r);
}

/* --- suppressions --- */

int
cli_qa_suppress(cli_qa *r, const char *path, int must_exist)
{
	pont_text t = PONT_TEXT_INIT;
	const char *s, *e;
	size_t i, kept = 0;
	int rc;

	if (!must_exist && access(path, F_OK) != 0)
		return EXIT_OK;
	if ((rc = cli_read(path, 0, &t)) != EXIT_OK)
		return rc;
	for (i = 0; i < r->n; i++) {
		char key[128];
		int drop = 0;

		snprintf(key, sizeof key, "%s %s", r->f[i].id, r->f[i].fp);
		for (s = t.data + t.bom, e = t.data + t.len; s < e && !drop;) {
			const char *nl = memchr(s, '\n', (size_t)(e - s));
			size_t n = nl ? (size_t)(nl - s) : (size_t)(e - s);

			drop = n >= strlen(key) && strncmp(s, key, strlen(key)) == 0 &&
			       (n == strlen(key) || s[strlen(key)] == ' ' || s[strlen(key)] == '\t' || s[strlen(key)] == '\r');
			s = nl ? nl + 1 : e;
		}
		if (drop) {
			free(r->f[i].file);
			free(r->f[i].src_file);
			free(r->f[i].msg);
		} else {
			r->f[kept++] = r->f[i];
		}
	}
	r->suppressed += r->n - kept;
	r->n = kept;
	pont_text_release(&t);
	return EXIT_OK;
}

void
cli_qa_ignore_file(const cli_qa *r, pont_buf *out)
{
	size_t i;

	pont_buf_adds(out, "# pont check: accepted findings, one a line: check id, fingerprint, reason.\n"
		      "# A finding whose check and fingerprint are here is not reported again.\n");
	for (i = 0; i < r->n; i++) {
		const cli_finding *f = &r->f[i];
		size_t k;

		pont_buf_addf(out, "%s %s accepted: ", f->id, f->fp);
		for (k = 0; f->msg[k] && k < 100; k++)
			pont_buf_addc(out, f->msg[k] == '\n' ? ' ' : f->msg[k]);
		pont_buf_addf(out, " (%s:%lu)\n", f->file, f->line);
	}
}

/* --- text, JSON, SARIF --- */

void
cli_qa_text(const cli_qa *r, pont_buf *out)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const cli_finding *f = &r->f[i];

		pont_buf_addf(out, "%s:%lu:%lu: %s: [%s] %s (source %s:%lu:%lu)\n", f->file, f->line, f->col,
			      pont_severity_name(f->sev), f->id, f->msg, f->src_file, f->src_line, f->src_col);
	}
}

void
cli_qa_json(const cli_qa *r, pont_buf *out)
{
	size_t i;

	pont_buf_adds(out, "{\"findings\":[");
	for (i = 0; i < r->n; i++) {
		const cli_finding *f = &r->f[i];
		const cli_row *w = &r->rows[f->row];

		pont_buf_adds(out, i ? ",\n{\"file\":" : "\n{\"file\":");
		pont_buf_add_json(out, f->file, strlen(f->file));
		pont_buf_addf(out, ",\"line\":%lu,\"col\":%lu,\"offset\":%zu,\"severity\":\"%s\",\"id\":\"%s\",\"source_file\":",
			      f->line, f->col, f->offset, pont_severity_name(f->sev), f->id);
		pont_buf_add_json(out, f->src_file, strlen(f->src_file));
		pont_buf_addf(out, ",\"source_line\":%lu,\"source_col\":%lu,\"source_offset\":%zu,\"message\":", f->src_line,
			      f->src_col, f->src_offset);
		pont_buf_add_json(out, f->msg, strlen(f->msg));
		pont_buf_adds(out, ",\"where\":");
		pont_buf_add_json(out, w->label, strlen(w->label));
		pont_buf_adds(out, ",\"source\":");
		pont_buf_add_json(out, w->src, strlen(w->src));
		pont_buf_adds(out, ",\"target\":");
		pont_buf_add_json(out, w->tgt, strlen(w->tgt));
		pont_buf_addf(out, ",\"target_start\":%zu,\"target_end\":%zu,\"fingerprint\":\"%s\"}", f->tstart, f->tend, f->fp);
	}
	pont_buf_addf(out, "\n],\"suppressed\":%zu}\n", r->suppressed);
}

void
cli_qa_sarif(const cli_qa *r, pont_buf *out)
{
	size_t i;
	int k;

	pont_buf_adds(out, "{\n\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\n"
		      "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"pont\",\"version\":\"" PONT_VERSION "\","
		      "\"informationUri\":\"https://example.invalid/pont\",\"rules\":[");
	for (k = 0; k < PONT_CHECK_N; k++) {
		const pont_check_info *in = pont_check_info_of((pont_check_id)k);

		pont_buf_addf(out, "%s\n{\"id\":\"%s\",\"shortDescription\":{\"text\":", k ? "," : "", in->id);
		pont_buf_add_json(out, in->rationale, strlen(in->rationale));
		pont_buf_addf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
			      in->sev == PONT_SEV_ERROR ? "error" : in->sev == PONT_SEV_WARNING ? "warning" : "note");
	}
	pont_buf_adds(out, "]}},\n\"results\":[");
	for (i = 0; i < r->n; i++) {
		const cli_finding *f = &r->f[i];

		pont_buf_addf(out, "%s\n{\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":{\"text\":", i ? "," : "",
			      f->id, pont_check_parse(f->id), f->sev == PONT_SEV_ERROR ? "error" :
			      f->sev == PONT_SEV_WARNING ? "warning" : "note");
		pont_buf_add_json(out, f->msg, strlen(f->msg));
		pont_buf_adds(out, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
		pont_buf_add_json(out, f->file, strlen(f->file));
		pont_buf_addf(out, "},\"region\":{\"startLine\":%lu,\"startColumn\":%lu}}}],\"relatedLocations\":[{\"id\":0,"
			      "\"message\":{\"text\":\"source\"},\"physicalLocation\":{\"artifactLocation\":{\"uri\":",
			      f->line, f->col);
		pont_buf_add_json(out, f->src_file, strlen(f->src_file));
		pont_buf_addf(out, "},\"region\":{\"startLine\":%lu,\"startColumn\":%lu}}}],"
			      "\"partialFingerprints\":{\"pont/v1\":\"%s\"}}", f->src_line, f->src_col, f->fp);
	}
	pont_buf_adds(out, "\n]}]}\n");
}

/* --- HTML --- */

static const char *
sev_class(pont_severity s)
{
	return s == PONT_SEV_ERROR ? "error" : s == PONT_SEV_WARNING ? "warning" : "info";
}

/* The target of row w with its findings' spans marked (innermost first come first). */
static void
html_target(pont_buf *out, const cli_qa *r, size_t row)
{
	const char *t = r->rows[row].tgt;
	size_t n = strlen(t), at = 0, i;

	for (;;) {
		const cli_finding *next = NULL;

		for (i = 0; i < r->n; i++) {
			const cli_finding *f = &r->f[i];

			if (f->row != row || f->tend <= f->tstart || f->tstart < at)
				continue;
			if (next == NULL || f->tstart < next->tstart)
				next = f;
		}
		if (next == NULL)
			break;
		pont_buf_add_xml(out, t + at, next->tstart - at);
		pont_buf_addf(out, "<mark class=\"%s\" title=\"[%s] ", sev_class(next->sev), next->id);
		pont_buf_add_xml(out, next->msg, strlen(next->msg));
		pont_buf_adds(out, "\">");
		pont_buf_add_xml(out, t + next->tstart, next->tend - next->tstart);
		pont_buf_adds(out, "</mark>");
		at = next->tend;
	}
	pont_buf_add_xml(out, t + at, n - at);
}

void
cli_qa_html(const cli_qa *r, const char *title, pont_buf *out)
{
	size_t i, counts[PONT_CHECK_N][4];
	int k;

	memset(counts, 0, sizeof counts);
	for (i = 0; i < r->n; i++) {
		int id = pont_check_parse(r->f[i].id);

		if (id >= 0)
			counts[id][r->f[i].sev]++;
	}
	pont_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>pont check: ");
	pont_buf_add_xml(out, title, strlen(title));
	pont_buf_adds(out, "</title>\n<style>\n"
		      "body{font:15px/1.45 sans-serif;margin:1.5em;color:#222}\n"
		      "table{border-collapse:collapse;width:100%}\n"
		      "td,th{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}\n"
		      "th{background:#f2f2f2}\n"
		      "table.pairs td.fr,table.pairs td.en{width:45%}\n"
		      "td.where{font-size:80%;color:#666;white-space:nowrap}\n"
		      "mark.error{background:#f8c0c0}mark.warning{background:#fbe3a1}mark.info{background:#d6e8fb}\n"
		      "ul.findings{margin:.3em 0 0;padding-left:1.2em;font-size:85%}\n"
		      "li.error{color:#a00}li.warning{color:#8a5a00}li.info{color:#25598a}\n"
		      "code{font-size:90%}\n</style></head>\n<body>\n<h1>pont check: ");
	pont_buf_add_xml(out, title, strlen(title));
	pont_buf_addf(out, "</h1>\n<p>%zu findings", r->n);
	if (r->suppressed)
		pont_buf_addf(out, " (%zu more accepted in the suppressions file)", r->suppressed);
	pont_buf_adds(out, ".</p>\n<h2>Summary</h2>\n<table class=\"summary\"><tr><th>check</th><th>error</th>"
		      "<th>warning</th><th>info</th><th>what it looks for</th></tr>\n");
	for (k = 0; k < PONT_CHECK_N; k++) {
		const pont_check_info *in = pont_check_info_of((pont_check_id)k);

		if (counts[k][1] + counts[k][2] + counts[k][3] == 0)
			continue;
		pont_buf_addf(out, "<tr><td><code>%s</code></td><td>%zu</td><td>%zu</td><td>%zu</td><td>", in->id,
			      counts[k][PONT_SEV_ERROR], counts[k][PONT_SEV_WARNING], counts[k][PONT_SEV_INFO]);
		pont_buf_add_xml(out, in->rationale, strlen(in->rationale));
		pont_buf_adds(out, "</td></tr>\n");
	}
	pont_buf_adds(out, "</table>\n<h2>Source and target</h2>\n<table class=\"pairs\"><tr><th>where</th><th>French</th>"
		      "<th>English</th></tr>\n");
	for (i = 0; i < r->nrows; i++) {
		size_t q;
		int any = 0;

		pont_buf_addf(out, "<tr id=\"row%zu\"><td class=\"where\">", i + 1);
		pont_buf_add_xml(out, r->rows[i].label, strlen(r->rows[i].label));
		pont_buf_adds(out, "</td><td class=\"fr\" lang=\"fr\">");
		pont_buf_add_xml(out, r->rows[i].src, strlen(r->rows[i].src));
		pont_buf_adds(out, "</td><td class=\"en\" lang=\"en\">");
		html_target(out, r, i);
		for (q = 0; q < r->n; q++) {
			const cli_finding *f = &r->f[q];

			if (f->row != i)
				continue;
			if (!any)
				pont_buf_adds(out, "<ul class=\"findings\">");
			any = 1;
			pont_buf_addf(out, "<li class=\"%s\">%s <code>[%s]</code> ", sev_class(f->sev), pont_severity_name(f->sev),
				      f->id);
			pont_buf_add_xml(out, f->msg, strlen(f->msg));
			pont_buf_adds(out, "</li>");
		}
		if (any)
			pont_buf_adds(out, "</ul>");
		pont_buf_adds(out, "</td></tr>\n");
	}
	pont_buf_adds(out, "</table>\n</body></html>\n");
}
