/* findings.c: the diagnostics model shared by every command, and its text and JSON forms. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *
pont_severity_name(pont_severity sev)
{
	switch (sev) {
	case PONT_SEV_INFO:
		return "info";
	case PONT_SEV_WARNING:
		return "warning";
	case PONT_SEV_ERROR:
		return "error";
	}
	return "none";
}

pont_severity
pont_severity_parse(const char *s)
{
	if (strcmp(s, "info") == 0)
		return PONT_SEV_INFO;
	if (strcmp(s, "warning") == 0)
		return PONT_SEV_WARNING;
	if (strcmp(s, "error") == 0)
		return PONT_SEV_ERROR;
	return (pont_severity)0;
}

void
pont_findings_add(pont_findings *f, const char *id, pont_severity sev, size_t start, size_t end,
		  const char *repl, size_t repl_len, const char *fmt, ...)
{
	pont_buf msg = PONT_BUF_INIT;
	pont_finding *x;
	va_list ap;

	va_start(ap, fmt);
	pont_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	XGROW(f->v, f->alloc, f->n + 1);
	x = &f->v[f->n++];
	x->id = id;
	x->sev = sev;
	x->start = start;
	x->end = end;
	x->msg = msg.p;
	x->repl = repl ? xstrndup(repl, repl_len) : NULL;
	x->alts = NULL;
	x->nalts = 0;
	x->has_alts = 0;
}

void
pont_findings_set_alts(pont_findings *f, const char *list, size_t n)
{
	pont_finding *x = &f->v[f->n - 1];
	size_t len = 0, i;

	for (i = 0; i < n; i++)
		len += strlen(list + len) + 1;
	free(x->alts);
	x->alts = len ? xmalloc(len) : NULL;
	if (len)
		memcpy(x->alts, list, len);
	x->nalts = n;
	x->has_alts = 1;
}

/* Insertion-merge sort keeps equal positions in insertion order. */
static void
msort(pont_finding *v, pont_finding *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j, k = 0;

	if (n < 2)
		return;
	msort(v, tmp, mid);
	msort(v + mid, tmp, n - mid);
	j = mid;
	while (i < mid && j < n) {
		if (v[j].start < v[i].start || (v[j].start == v[i].start && v[j].end < v[i].end))
			tmp[k++] = v[j++];
		else
			tmp[k++] = v[i++];
	}
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

void
pont_findings_sort(pont_findings *f)
{
	pont_finding *tmp;

	if (f->n < 2)
		return;
	tmp = xmalloc(f->n * sizeof *tmp);
	msort(f->v, tmp, f->n);
	free(tmp);
}

pont_severity
pont_findings_max(const pont_findings *f)
{
	pont_severity m = (pont_severity)0;
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].sev > m)
			m = f->v[i].sev;
	return m;
}

void
pont_findings_release(pont_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].msg);
		free(f->v[i].repl);
		free(f->v[i].alts);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->alloc = 0;
}

void
pont_findings_write_text(const pont_findings *f, const char *file, const pont_lines *li, pont_buf *out)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		const pont_finding *x = &f->v[i];
		unsigned long line, col;

		pont_lines_pos(li, x->start, &line, &col);
		pont_buf_addf(out, "%s:%lu:%lu: %s: [%s] %s\n", file, line, col,
			      pont_severity_name(x->sev), x->id, x->msg);
	}
}

void
pont_findings_write_json(const pont_findings *f, const char *file, const pont_lines *li, pont_buf *out)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		const pont_finding *x = &f->v[i];
		unsigned long line, col, eline, ecol;

		pont_lines_pos(li, x->start, &line, &col);
		pont_lines_pos(li, x->end, &eline, &ecol);
		if (i)
			pont_buf_addc(out, ',');
		pont_buf_adds(out, "\n{\"file\":");
		pont_buf_add_json(out, file, strlen(file));
		pont_buf_addf(out, ",\"line\":%lu,\"col\":%lu,\"end_line\":%lu,\"end_col\":%lu,"
			      "\"start\":%zu,\"end\":%zu,\"severity\":\"%s\",\"id\":",
			      line, col, eline, ecol, x->start, x->end, pont_severity_name(x->sev));
		pont_buf_add_json(out, x->id, strlen(x->id));
		pont_buf_adds(out, ",\"message\":");
		pont_buf_add_json(out, x->msg, strlen(x->msg));
		pont_buf_adds(out, ",\"text\":");
		pont_buf_add_json(out, li->text + x->start, x->end - x->start);
		if (x->repl) {
			pont_buf_adds(out, ",\"replacement\":");
			pont_buf_add_json(out, x->repl, strlen(x->repl));
		}
		if (x->has_alts) {
			const char *a = x->alts;
			size_t k;

			pont_buf_adds(out, ",\"suggestions\":[");
			for (k = 0; k < x->nalts; k++) {
				if (k)
					pont_buf_addc(out, ',');
				pont_buf_add_json(out, a, strlen(a));
				a += strlen(a) + 1;
			}
			pont_buf_addc(out, ']');
		}
		pont_buf_addc(out, '}');
	}
}

/* --- positioned diagnostics --- */

void
pont_diags_add(pont_diags *d, const char *id, pont_severity sev, unsigned long line, unsigned long col,
	       const char *fmt, ...)
{
	pont_buf msg = PONT_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pont_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	XGROW(d->v, d->alloc, d->n + 1);
	d->v[d->n].id = id;
	d->v[d->n].sev = sev;
	d->v[d->n].line = line;
	d->v[d->n].col = col;
	d->v[d->n].msg = msg.p;
	d->n++;
}

size_t
pont_diags_count(const pont_diags *d, pont_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->v[i].sev >= sev;
	return n;
}

void
pont_diags_release(pont_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = 0;
}

void
pont_diags_write_text(const pont_diags *d, const char *file, pont_buf *out)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		pont_buf_addf(out, "%s:%lu:%lu: %s: [%s] %s\n", file, d->v[i].line, d->v[i].col,
			      pont_severity_name(d->v[i].sev), d->v[i].id, d->v[i].msg);
}

void
pont_diags_write_json(const pont_diags *d, const char *file, pont_buf *out)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (i)
			pont_buf_addc(out, ',');
		pont_buf_adds(out, "\n{\"file\":");
		pont_buf_add_json(out, file, strlen(file));
		pont_buf_addf(out, ",\"line\":%lu,\"col\":%lu,\"severity\":\"%s\",\"id\":", d->v[i].line,
			      d->v[i].col, pont_severity_name(d->v[i].sev));
		pont_buf_add_json(out, d->v[i].id, strlen(d->v[i].id));
		pont_buf_adds(out, ",\"message\":");
		pont_buf_add_json(out, d->v[i].msg, strlen(d->v[i].msg));
		pont_buf_addc(out, '}');
	}
}
