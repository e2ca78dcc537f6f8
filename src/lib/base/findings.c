/* findings.c: the one findings model: the catalogue of ids, findings with their places, and
 * their positions once located. Reports and their formats are in report.c. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const pont_id_info catalogue[PONT_ID_N] = {
#define PONT_X(name, id, family, sev, why) { id, PONT_FAMILY_##family, PONT_SEV_##sev, why },
#include "pont-findings.def"
#undef PONT_X
};

const pont_id_info *
pont_id_info_of(pont_id id)
{
	return (unsigned)id < PONT_ID_N ? &catalogue[id] : NULL;
}

int
pont_id_parse(const char *name, pont_family family)
{
	int k;

	for (k = 0; k < PONT_ID_N; k++)
		if (catalogue[k].family == family && strcmp(catalogue[k].name, name) == 0)
			return k;
	return -1;
}

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

static pont_finding *
add(pont_findings *f, pont_id code, pont_severity sev, const char *fmt, va_list ap)
{
	pont_buf msg = PONT_BUF_INIT;
	pont_finding *x;

	pont_buf_vaddf(&msg, fmt, ap);
	XGROW(f->v, f->alloc, f->n + 1);
	x = &f->v[f->n++];
	memset(x, 0, sizeof *x);
	x->code = code;
	x->id = catalogue[code].name;
	x->sev = sev ? sev : catalogue[code].sev;
	x->msg = msg.p ? msg.p : xstrndup("", 0);
	x->at.start = x->at.end = x->src.start = x->src.end = PONT_NOPOS;
	x->row = PONT_NOPOS;
	return x;
}

pont_finding *
pont_findings_add(pont_findings *f, pont_id code, pont_severity sev, size_t start, size_t end, const char *repl,
		  size_t repl_len, const char *fmt, ...)
{
	pont_finding *x;
	va_list ap;

	va_start(ap, fmt);
	x = add(f, code, sev, fmt, ap);
	va_end(ap);
	x->at.start = start;
	x->at.end = end;
	x->repl = repl ? xstrndup(repl, repl_len) : NULL;
	return x;
}

pont_finding *
pont_findings_add_at(pont_findings *f, pont_id code, pont_severity sev, unsigned long line, unsigned long col,
		     const char *fmt, ...)
{
	pont_finding *x;
	va_list ap;

	va_start(ap, fmt);
	x = add(f, code, sev, fmt, ap);
	va_end(ap);
	x->at.line = line;
	x->at.col = col;
	return x;
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

void
pont_findings_set_why(pont_findings *f, const char *fmt, ...)
{
	pont_finding *x = &f->v[f->n - 1];
	pont_buf b = PONT_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pont_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(x->why);
	x->why = b.p;
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
		if (v[j].at.start < v[i].at.start || (v[j].at.start == v[i].at.start && v[j].at.end < v[i].at.end))
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

size_t
pont_findings_count(const pont_findings *f, pont_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		n += f->v[i].sev >= sev;
	return n;
}

void
pont_findings_move(pont_findings *to, pont_findings *from)
{
	if (from->n == 0)
		return;
	XGROW(to->v, to->alloc, to->n + from->n);
	memcpy(to->v + to->n, from->v, from->n * sizeof *from->v);
	to->n += from->n;
	from->n = 0;
}

static void
finding_release(pont_finding *x)
{
	free(x->msg);
	free(x->text);
	free(x->repl);
	free(x->alts);
	free(x->why);
}

void
pont_findings_remove(pont_findings *f, size_t i)
{
	finding_release(&f->v[i]);
	memmove(f->v + i, f->v + i + 1, (f->n - i - 1) * sizeof *f->v);
	f->n--;
}

void
pont_findings_release(pont_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		finding_release(&f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = f->alloc = 0;
}

void
pont_findings_locate(pont_findings *f, size_t from, const char *file, const char *text, size_t len, size_t bom)
{
	pont_lines li;
	size_t i;

	pont_lines_init(&li, text, len, bom);
	for (i = from; i < f->n; i++) {
		pont_finding *x = &f->v[i];

		x->at.file = file;
		if (x->at.line || x->at.start == PONT_NOPOS || x->at.start > len)
			continue;
		if (x->at.end < x->at.start || x->at.end > len)
			x->at.end = x->at.start;
		pont_lines_pos(&li, x->at.start, &x->at.line, &x->at.col);
		pont_lines_pos(&li, x->at.end, &x->at.end_line, &x->at.end_col);
		free(x->text);
		x->text = xstrndup(text + x->at.start, x->at.end - x->at.start);
	}
	pont_lines_release(&li);
}
