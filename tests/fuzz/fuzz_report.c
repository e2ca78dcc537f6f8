/* fuzz_report.c: the report writers on any text. The input is cut at \x1e into pairs of texts
 * (a row's French and English, made valid UTF-8) and findings on spans of them, with messages
 * from the input too. Invariants: no crash; the HTML page is well-formed XML (an XML parser reads
 * it: every text escaped, every element closed); the suppressions written accept every finding,
 * and read back suppress them all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
well_formed(const pont_buf *b)
{
	XML_Parser p = XML_ParserCreate(NULL);

	if (p == NULL)
		abort();
	if (XML_Parse(p, b->p ? b->p : "", (int)b->len, 1) != XML_STATUS_OK) {
		fprintf(stderr, "fuzz_report: line %lu: %s\n", (unsigned long)XML_GetCurrentLineNumber(p),
			XML_ErrorString(XML_GetErrorCode(p)));
		if (getenv("FUZZ_DUMP"))
			fwrite(b->p, 1, b->len, stderr);
		__builtin_trap();
	}
	XML_ParserFree(p);
}

/* At most max bytes of s[0, n), not cutting a character. */
static int
cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return (int)n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pont_report r = PONT_REPORT_INIT;
	pont_findings f = PONT_FINDINGS_INIT;
	pont_buf out = PONT_BUF_INIT, ign = PONT_BUF_INIT;
	pont_text t = PONT_TEXT_INIT;
	const char *s, *end, *fields[16];
	size_t nf = 0, lens[16], k, nfind;

	if (size > 65536)
		return 0;
	/* valid UTF-8, NUL bytes made spaces first: a report holds text pont has read */
	{
		char *copy = malloc(size + 1);

		if (copy == NULL)
			abort();
		for (k = 0; k < size; k++)
			copy[k] = data[k] ? (char)data[k] : ' ';
		if (pont_text_from_bytes(&t, copy, size, "fuzz", PONT_TEXT_REPLACE_INVALID, NULL) != PONT_OK) {
			free(copy);
			return 0;
		}
		free(copy);
	}
	for (s = t.data, end = t.data + t.len; nf < 16;) {
		const char *e = memchr(s, '\x1e', (size_t)(end - s));

		fields[nf] = s;
		lens[nf++] = e ? (size_t)(e - s) : (size_t)(end - s);
		if (e == NULL)
			break;
		s = e + 1;
	}
	r.qa = 1;
	for (k = 0; k + 1 < nf; k += 2) {
		size_t row = pont_report_row(&r, fields[k], lens[k], fields[k + 1], lens[k + 1], "fuzz.en.txt:1:1", NULL, NULL);
		size_t n = lens[k + 1], a = n ? (unsigned char)fields[k][0] % (n + 1) : 0, b = a + (n - a) / 2;
		pont_finding *x;

		while (a > 0 && a < n && ((unsigned char)fields[k + 1][a] & 0xC0) == 0x80)
			a--;	/* spans on characters */
		while (b < n && ((unsigned char)fields[k + 1][b] & 0xC0) == 0x80)
			b++;
		x = pont_findings_add(&f, (pont_id)((size_t)(row + n) % PONT_ID_N), 0, a, b, fields[k],
				      (size_t)cut(fields[k], lens[k], 40), "%.*s", cut(fields[k + 1], lens[k + 1], 200), fields[k + 1]);
		x->row = row;
		x->rspan.start = a;
		x->rspan.end = b;
		pont_findings_set_why(&f, "%.*s", cut(fields[k], lens[k], 50), fields[k]);
		pont_findings_locate(&f, f.n - 1, "fuzz.en.txt", fields[k + 1], lens[k + 1], 0);
		pont_report_take(&r, &f);
	}
	nfind = r.f.n;
	pont_report_write(&r, PONT_REPORT_HTML, nf ? "pont check: fuzz & <report>" : "", &out);
	well_formed(&out);
	pont_buf_reset(&out);
	pont_report_write(&r, PONT_REPORT_JSON, "fuzz", &out);
	pont_buf_reset(&out);
	pont_report_write(&r, PONT_REPORT_SARIF, "fuzz", &out);
	pont_buf_reset(&out);
	pont_report_write(&r, PONT_REPORT_TEXT, "fuzz", &out);
	/* accept them all, read back: nothing is left */
	pont_report_write_ignore(&r, NULL, 0, &ign);
	pont_report_suppress(&r, ign.p, ign.len);
	if (r.f.n != 0 || r.suppressed != nfind)
		__builtin_trap();
	pont_report_release(&r);
	pont_findings_release(&f);
	pont_buf_release(&out);
	pont_buf_release(&ign);
	pont_text_release(&t);
	return 0;
}
