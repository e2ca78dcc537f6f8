/* report.c: reports of findings, and the four forms they are written in (text, JSON, SARIF,
 * HTML); for translation QA, the pairs of texts, fingerprints and suppressions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
pont_report_format_parse(const char *s)
{
	static const char *const names[] = { "text", "json", "sarif", "html" };
	int k;

	for (k = 0; k < 4; k++)
		if (strcmp(s, names[k]) == 0)
			return k;
	return -1;
}

size_t
pont_report_row(pont_report *r, const char *src, size_t sn, const char *tgt, size_t tn, const char *label,
		const char *unit, const char *segment)
{
	pont_row *w;

	XGROW(r->rows, r->arows, r->nrows + 1);
	w = &r->rows[r->nrows];
	w->src = xstrndup(src, sn);
	w->tgt = xstrndup(tgt, tn);
	w->label = xstrndup(label, strlen(label));
	w->unit = unit ? xstrndup(unit, strlen(unit)) : NULL;
	w->segment = segment ? xstrndup(segment, strlen(segment)) : NULL;
	return r->nrows++;
}

/* A row's place without its file's directories: "/a/b/x.en.md:18:1" is "x.en.md:18:1". */
static const char *
file_name_only(const char *label)
{
	const char *colon = strchr(label, ':'), *slash = NULL, *p;

	for (p = label; *p && (colon == NULL || p < colon); p++)
		if (*p == '/')
			slash = p;
	return slash ? slash + 1 : label;
}

/* FNV-1a over the parts, as 16 hex digits: the check, the pair's texts, the span, and the
 * message unless it names a place (inconsistent-translation points at another line). */
static void
fingerprint(pont_finding *f, const pont_row *w)
{
	unsigned long long h = 1469598103934665603ULL;
	const char *parts[5];
	size_t lens[5], k, i, tl = strlen(w->tgt);

	if (f->rspan.end > tl)
		f->rspan.end = tl;
	if (f->rspan.start > f->rspan.end)
		f->rspan.start = f->rspan.end;
	parts[0] = f->id;
	lens[0] = strlen(f->id);
	parts[1] = w->src;
	lens[1] = strlen(w->src);
	parts[2] = w->tgt;
	lens[2] = tl;
	parts[3] = w->tgt + f->rspan.start;
	lens[3] = f->rspan.end - f->rspan.start;
	parts[4] = f->msg;
	lens[4] = f->code == PONT_ID_INCONSISTENT_TRANSLATION ? 0 : strlen(f->msg);
	for (k = 0; k < 5; k++) {
		for (i = 0; i < lens[k]; i++)
			h = (h ^ (unsigned char)parts[k][i]) * 1099511628211ULL;
		h = (h ^ 0x1F) * 1099511628211ULL;
	}
	snprintf(f->fp, sizeof f->fp, "%016llx", h);
}

/* The report's copy of a file name. */
static const char *
intern(pont_report *r, const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = r->nfiles; i-- > 0;)
		if (strcmp(r->files[i], name) == 0)
			return r->files[i];
	r->files = xrealloc(r->files, (r->nfiles + 1) * sizeof *r->files);
	return r->files[r->nfiles++] = xstrndup(name, strlen(name));
}

void
pont_report_take(pont_report *r, pont_findings *f)
{
	size_t i, from = r->f.n;

	pont_findings_move(&r->f, f);
	for (i = from; i < r->f.n; i++) {
		r->f.v[i].at.file = intern(r, r->f.v[i].at.file);
		r->f.v[i].src.file = intern(r, r->f.v[i].src.file);
	}
	for (i = from; r->qa && i < r->f.n; i++)
		if (r->f.v[i].row < r->nrows)
			fingerprint(&r->f.v[i], &r->rows[r->f.v[i].row]);
}

void
pont_report_release(pont_report *r)
{
	size_t i;

	pont_findings_release(&r->f);
	for (i = 0; i < r->nrows; i++) {
		free(r->rows[i].src);
		free(r->rows[i].tgt);
		free(r->rows[i].label);
		free(r->rows[i].unit);
		free(r->rows[i].segment);
	}
	free(r->rows);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	memset(r, 0, sizeof *r);
}

/* --- suppressions --- */

/* Is "ID FINGERPRINT" at the start of a line of data, followed by white space or the line end? */
static int
listed(const char *data, size_t len, const char *key, size_t kn)
{
	const char *s = data, *e = data + len;

	while (s < e) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(e - s);

		if (n >= kn && memcmp(s, key, kn) == 0 &&
		    (n == kn || s[kn] == ' ' || s[kn] == '\t' || s[kn] == '\r'))
			return 1;
		s = nl ? nl + 1 : e;
	}
	return 0;
}

void
pont_report_suppress(pont_report *r, const char *data, size_t len)
{
	size_t i = 0;
	char key[128];

	while (i < r->f.n) {
		int n = snprintf(key, sizeof key, "%s %s", r->f.v[i].id, r->f.v[i].fp);

		if (r->f.v[i].fp[0] && listed(data, len, key, (size_t)n)) {
			pont_findings_remove(&r->f, i);
			r->suppressed++;
		} else {
			i++;
		}
	}
}

size_t
pont_report_write_ignore(const pont_report *r, const char *old, size_t oldlen, pont_buf *out)
{
	size_t i, added = 0;
	char key[128];

	if (old && oldlen) {
		pont_buf_add(out, old, oldlen);
		if (old[oldlen - 1] != '\n')
			pont_buf_addc(out, '\n');
	} else {
		pont_buf_adds(out, "# pont check: accepted findings, one a line: check id, fingerprint, reason.\n"
			      "# A finding whose check and fingerprint are here is not reported again.\n");
	}
	for (i = 0; i < r->f.n; i++) {
		const pont_finding *f = &r->f.v[i];
		int n = snprintf(key, sizeof key, "%s %s", f->id, f->fp);
		size_t k;

		if (!f->fp[0] || listed(out->p, out->len, key, (size_t)n))
			continue;
		pont_buf_addf(out, "%s accepted: ", key);
		for (k = 0; f->msg[k] && k < 100; k++)
			pont_buf_addc(out, f->msg[k] == '\n' ? ' ' : f->msg[k]);
		pont_buf_addf(out, " (%s:%lu)\n", f->at.file ? f->at.file : "-", f->at.line);
		added++;
	}
	return added;
}

/* --- text --- */

static const pont_row *
row_of(const pont_report *r, const pont_finding *f)
{
	return f->row < r->nrows ? &r->rows[f->row] : NULL;
}

/* "unit U, segment S: " for findings of work files. */
static void
unit_prefix(pont_buf *out, const pont_row *w)
{
	if (w && w->unit)
		pont_buf_addf(out, "unit %s, segment %s: ", w->unit, w->segment ? w->segment : "?");
}

static void
write_text(const pont_report *r, pont_buf *out)
{
	size_t i;

	for (i = 0; i < r->f.n; i++) {
		const pont_finding *f = &r->f.v[i];

		if (f->at.file)
			pont_buf_addf(out, "%s:", f->at.file);
		if (f->at.line)
			pont_buf_addf(out, "%lu:%lu:", f->at.line, f->at.col);
		pont_buf_addf(out, "%s%s: [%s] ", f->at.file || f->at.line ? " " : "", pont_severity_name(f->sev), f->id);
		unit_prefix(out, row_of(r, f));
		pont_buf_adds(out, f->msg);
		if (f->src.file)
			pont_buf_addf(out, " (source %s:%lu:%lu)", f->src.file, f->src.line, f->src.col);
		pont_buf_addc(out, '\n');
	}
}

/* --- JSON --- */

static void
json_str(pont_buf *out, const char *key, const char *s)
{
	pont_buf_addf(out, ",\"%s\":", key);
	pont_buf_add_json(out, s, strlen(s));
}

static void
write_json_finding(const pont_report *r, const pont_finding *f, pont_buf *out)
{
	const pont_row *w = row_of(r, f);

	pont_buf_adds(out, "{\"file\":");
	pont_buf_add_json(out, f->at.file ? f->at.file : "", strlen(f->at.file ? f->at.file : ""));
	pont_buf_addf(out, ",\"line\":%lu,\"col\":%lu", f->at.line, f->at.col);
	if (r->qa) {
		pont_buf_addf(out, ",\"offset\":%zu", f->at.start == PONT_NOPOS ? 0 : f->at.start);
	} else if (f->at.start != PONT_NOPOS) {
		pont_buf_addf(out, ",\"end_line\":%lu,\"end_col\":%lu,\"start\":%zu,\"end\":%zu", f->at.end_line,
			      f->at.end_col, f->at.start, f->at.end);
	}
	pont_buf_addf(out, ",\"severity\":\"%s\",\"id\":", pont_severity_name(f->sev));
	pont_buf_add_json(out, f->id, strlen(f->id));
	if (f->src.file) {
		json_str(out, "source_file", f->src.file);
		pont_buf_addf(out, ",\"source_line\":%lu,\"source_col\":%lu,\"source_offset\":%zu", f->src.line, f->src.col,
			      f->src.start == PONT_NOPOS ? 0 : f->src.start);
	}
	json_str(out, "message", f->msg);
	if (f->why)
		json_str(out, "why", f->why);
	if (w) {
		json_str(out, "where", w->label);
		if (w->unit) {
			json_str(out, "unit", w->unit);
			json_str(out, "segment", w->segment ? w->segment : "");
		}
		json_str(out, "source", w->src);
		json_str(out, "target", w->tgt);
		pont_buf_addf(out, ",\"target_start\":%zu,\"target_end\":%zu,\"fingerprint\":\"%s\"", f->rspan.start,
			      f->rspan.end, f->fp);
	}
	if (!r->qa && f->text)
		json_str(out, "text", f->text);
	if (f->repl)
		json_str(out, "replacement", f->repl);
	if (f->has_alts) {
		const char *a = f->alts;
		size_t k;

		pont_buf_adds(out, ",\"suggestions\":[");
		for (k = 0; k < f->nalts; k++) {
			if (k)
				pont_buf_addc(out, ',');
			pont_buf_add_json(out, a, strlen(a));
			a += strlen(a) + 1;
		}
		pont_buf_addc(out, ']');
	}
	pont_buf_addc(out, '}');
}

static void
write_json(const pont_report *r, pont_buf *out)
{
	size_t i;

	pont_buf_adds(out, "{\"findings\":[");
	for (i = 0; i < r->f.n; i++) {
		pont_buf_adds(out, i ? ",\n" : "\n");
		write_json_finding(r, &r->f.v[i], out);
	}
	if (r->qa)
		pont_buf_addf(out, "\n],\"suppressed\":%zu}\n", r->suppressed);
	else
		pont_buf_adds(out, "\n]}\n");
}

/* --- SARIF --- */

static const char *
sarif_level(pont_severity s)
{
	return s == PONT_SEV_ERROR ? "error" : s == PONT_SEV_WARNING ? "warning" : "note";
}

static void
write_sarif(const pont_report *r, pont_buf *out)
{
	int present[8] = { 0 }, index[PONT_ID_N], k, n = 0;
	size_t i;

	/* the rules: every entry of the families the report holds, each name once */
	for (i = 0; i < r->f.n; i++)
		present[pont_id_info_of(r->f.v[i].code)->family] = 1;
	if (r->qa)
		present[PONT_FAMILY_CHECK] = 1;
	pont_buf_adds(out, "{\n\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\n"
		      "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"pont\",\"version\":\"" PONT_VERSION "\","
		      "\"informationUri\":\"https://example.invalid/pont\",\"rules\":[");
	for (k = 0; k < PONT_ID_N; k++) {
		const pont_id_info *in = pont_id_info_of((pont_id)k);

		index[k] = -1;
		if (!present[in->family] || pont_id_parse(in->name, in->family) != k)
			continue;
		index[k] = n;
		pont_buf_addf(out, "%s\n{\"id\":\"%s\",\"shortDescription\":{\"text\":", n++ ? "," : "", in->name);
		pont_buf_add_json(out, in->rationale, strlen(in->rationale));
		pont_buf_addf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}", sarif_level(in->sev));
	}
	pont_buf_adds(out, "]}},\n\"results\":[");
	for (i = 0; i < r->f.n; i++) {
		const pont_finding *f = &r->f.v[i];
		pont_buf msg = PONT_BUF_INIT;

		unit_prefix(&msg, row_of(r, f));
		pont_buf_adds(&msg, f->msg);
		pont_buf_addf(out, "%s\n{\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":{\"text\":", i ? "," : "",
			      f->id, index[f->code], sarif_level(f->sev));
		pont_buf_add_json(out, msg.p, msg.len);
		pont_buf_release(&msg);
		pont_buf_adds(out, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
		pont_buf_add_json(out, f->at.file ? f->at.file : "", strlen(f->at.file ? f->at.file : ""));
		pont_buf_addf(out, "},\"region\":{\"startLine\":%lu,\"startColumn\":%lu}}}]", f->at.line ? f->at.line : 1,
			      f->at.col ? f->at.col : 1);
		if (f->src.file) {
			pont_buf_adds(out, ",\"relatedLocations\":[{\"id\":0,\"message\":{\"text\":\"source\"},"
				      "\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
			pont_buf_add_json(out, f->src.file, strlen(f->src.file));
			pont_buf_addf(out, "},\"region\":{\"startLine\":%lu,\"startColumn\":%lu}}}]", f->src.line, f->src.col);
		}
		if (f->fp[0])
			pont_buf_addf(out, ",\"partialFingerprints\":{\"pont/v1\":\"%s\"}", f->fp);
		pont_buf_addc(out, '}');
	}
	pont_buf_adds(out, "\n]}]}\n");
}

/* --- HTML --- */

static const char *
sev_class(pont_severity s)
{
	return s == PONT_SEV_ERROR ? "error" : s == PONT_SEV_WARNING ? "warning" : "info";
}

static void
html_str(pont_buf *out, const char *s)
{
	pont_buf_add_xml(out, s, strlen(s));
}

/* The findings of row i, in the order of the report (their first index in *first). */
static void
html_target(pont_buf *out, const pont_report *r, size_t row, const size_t *by_row, const size_t *next)
{
	const char *t = r->rows[row].tgt;
	size_t n = strlen(t), at = 0, i;

	for (;;) {
		const pont_finding *best = NULL;

		for (i = by_row[row]; i != PONT_NOPOS; i = next[i]) {
			const pont_finding *f = &r->f.v[i];

			if (f->rspan.end <= f->rspan.start || f->rspan.start < at || f->rspan.end > n)
				continue;
			if (best == NULL || f->rspan.start < best->rspan.start)
				best = f;
		}
		if (best == NULL)
			break;
		pont_buf_add_xml(out, t + at, best->rspan.start - at);
		pont_buf_addf(out, "<mark class=\"%s\" title=\"[%s] ", sev_class(best->sev), best->id);
		html_str(out, best->msg);
		pont_buf_adds(out, "\">");
		pont_buf_add_xml(out, t + best->rspan.start, best->rspan.end - best->rspan.start);
		pont_buf_adds(out, "</mark>");
		at = best->rspan.end;
	}
	pont_buf_add_xml(out, t + at, n - at);
}

static void
html_finding_item(pont_buf *out, const pont_finding *f, int place)
{
	pont_buf_addf(out, "<li class=\"%s\">", sev_class(f->sev));
	if (place && f->at.file) {
		pont_buf_adds(out, "<span class=\"where\">");
		html_str(out, f->at.file);
		pont_buf_addf(out, ":%lu:%lu</span> ", f->at.line, f->at.col);
	}
	pont_buf_addf(out, "%s <code>[%s]</code> ", pont_severity_name(f->sev), f->id);
	html_str(out, f->msg);
	if (f->why) {
		pont_buf_adds(out, " <span class=\"why\">(");
		html_str(out, f->why);
		pont_buf_adds(out, ")</span>");
	}
	pont_buf_adds(out, "</li>");
}

static void
write_html(const pont_report *r, const char *title, pont_buf *out)
{
	size_t i, (*counts)[4] = xcalloc(PONT_ID_N, sizeof *counts);
	size_t *by_row = NULL, *last = NULL, *next = xcalloc(r->f.n + 1, sizeof *next);
	int k;

	for (i = 0; i < r->f.n; i++)
		counts[r->f.v[i].code][r->f.v[i].sev]++;
	pont_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>\n<title>");
	html_str(out, title);
	pont_buf_adds(out, "</title>\n<style>\n"
		      "body{font:15px/1.45 sans-serif;margin:1.5em;color:#222}\n"
		      "table{border-collapse:collapse;width:100%}\n"
		      "table.pairs{table-layout:fixed}\n"
		      "td,th{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}\n"
		      "th{background:#f2f2f2}\n"
		      "table.pairs td.fr,table.pairs td.en{overflow-wrap:anywhere}\n"
		      "table.pairs th:first-child{width:11%}\n"
		      "td.where{font-size:80%;color:#666;overflow-wrap:anywhere}\n"
		      "span.where{font-size:80%;color:#666;white-space:nowrap}\n"
		      "mark.error{background:#f8c0c0}mark.warning{background:#fbe3a1}mark.info{background:#d6e8fb}\n"
		      "ul.findings{margin:.3em 0 0;padding-left:1.2em;font-size:85%}\n"
		      "li.error{color:#a00}li.warning{color:#8a5a00}li.info{color:#25598a}\n"
		      "span.why{color:#555}\n"
		      "code{font-size:90%}\n</style></head>\n<body>\n<h1>");
	html_str(out, title);
	pont_buf_addf(out, "</h1>\n<p>%zu findings", r->f.n);
	if (r->suppressed)
		pont_buf_addf(out, " (%zu more accepted in the suppressions file)", r->suppressed);
	pont_buf_adds(out, ".</p>\n<h2>Summary</h2>\n<table class=\"summary\"><tr><th>check</th><th>error</th>"
		      "<th>warning</th><th>info</th><th>what it looks for</th></tr>\n");
	for (k = 0; k < PONT_ID_N; k++) {
		const pont_id_info *in = pont_id_info_of((pont_id)k);

		if (counts[k][1] + counts[k][2] + counts[k][3] == 0)
			continue;
		pont_buf_addf(out, "<tr><td><code>%s</code></td><td>%zu</td><td>%zu</td><td>%zu</td><td>", in->name,
			      counts[k][PONT_SEV_ERROR], counts[k][PONT_SEV_WARNING], counts[k][PONT_SEV_INFO]);
		html_str(out, in->rationale);
		pont_buf_adds(out, "</td></tr>\n");
	}
	pont_buf_adds(out, "</table>\n");
	if (r->nrows) {
		/* the findings of each row, chained in report order */
		by_row = xmalloc(r->nrows * sizeof *by_row);
		last = xmalloc(r->nrows * sizeof *last);
		for (i = 0; i < r->nrows; i++)
			by_row[i] = last[i] = PONT_NOPOS;
		for (i = 0; i < r->f.n; i++) {
			size_t w = r->f.v[i].row;

			next[i] = PONT_NOPOS;
			if (w >= r->nrows)
				continue;
			if (last[w] == PONT_NOPOS)
				by_row[w] = i;
			else
				next[last[w]] = i;
			last[w] = i;
		}
		pont_buf_adds(out, "<h2>Source and target</h2>\n<table class=\"pairs\"><tr><th>where</th><th>French</th>"
			      "<th>English</th></tr>\n");
		for (i = 0; i < r->nrows; i++) {
			size_t q;

			pont_buf_addf(out, "<tr id=\"row%zu\"><td class=\"where\" title=\"", i + 1);
			html_str(out, r->rows[i].label);
			pont_buf_adds(out, "\">");
			html_str(out, file_name_only(r->rows[i].label));	/* the full path is in the title */
			pont_buf_adds(out, "</td><td class=\"fr\" lang=\"fr\">");
			html_str(out, r->rows[i].src);
			pont_buf_adds(out, "</td><td class=\"en\" lang=\"en\">");
			html_target(out, r, i, by_row, next);
			if (by_row[i] != PONT_NOPOS)
				pont_buf_adds(out, "<ul class=\"findings\">");
			for (q = by_row[i]; q != PONT_NOPOS; q = next[q])
				html_finding_item(out, &r->f.v[q], 0);
			if (by_row[i] != PONT_NOPOS)
				pont_buf_adds(out, "</ul>");
			pont_buf_adds(out, "</td></tr>\n");
		}
		pont_buf_adds(out, "</table>\n");
	}
	/* findings that belong to no row (all of them outside translation QA) */
	for (i = 0, k = 0; i < r->f.n; i++) {
		if (r->f.v[i].row < r->nrows)
			continue;
		if (!k++)
			pont_buf_adds(out, "<h2>Findings</h2>\n<ul class=\"findings\">");
		html_finding_item(out, &r->f.v[i], 1);
		pont_buf_addc(out, '\n');
	}
	if (k)
		pont_buf_adds(out, "</ul>\n");
	pont_buf_adds(out, "</body></html>\n");
	free(counts);
	free(by_row);
	free(last);
	free(next);
}

void
pont_report_write(const pont_report *r, pont_report_format fmt, const char *title, pont_buf *out)
{
	switch (fmt) {
	case PONT_REPORT_JSON:
		write_json(r, out);
		break;
	case PONT_REPORT_SARIF:
		write_sarif(r, out);
		break;
	case PONT_REPORT_HTML:
		write_html(r, title ? title : "report", out);
		break;
	case PONT_REPORT_TEXT:
	default:
		write_text(r, out);
		break;
	}
}
