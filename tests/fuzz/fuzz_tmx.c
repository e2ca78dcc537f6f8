/* fuzz_tmx.c: the TMX reader, then look-ups, export and pont's own file on what it read.
 * Invariants: no crash; a memory read back from its file, or from the TMX it exports, has the
 * same units with the same provenance; a unit's own text, or that text with its apostrophes
 * changed, is a 100 with itself. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static int
same_prov(const pont_tm *x, size_t i, const pont_tm *y, size_t j)
{
	pont_tm_prov a = pont_tm_provenance(x, i), b = pont_tm_provenance(y, j);

	return same(a.article, b.article) && same(a.date, b.date) && same(a.translator, b.translator) &&
	       same(a.status, b.status);
}

/* s with its typewriter apostrophes curly and its curly ones straight */
static char *
other_apostrophes(const char *s)
{
	size_t n = strlen(s), i, k = 0;
	char *o = malloc(3 * n + 1);

	for (i = 0; i < n; i++) {
		if (s[i] == '\'') {
			memcpy(o + k, "\xE2\x80\x99", 3);
			k += 3;
		} else if (i + 2 < n && memcmp(s + i, "\xE2\x80\x99", 3) == 0) {
			o[k++] = '\'';
			i += 2;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = '\0';
	return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pont_tm *tm = pont_tm_new("fr", "en"), *back;
	pont_findings d = PONT_FINDINGS_INIT;
	pont_buf b = PONT_BUF_INIT, x = PONT_BUF_INIT;
	pont_tm_match m[3];
	size_t i, n;

	if (pont_tm_read_tmx(tm, (const char *)data, size, "fuzz.tmx", &d, NULL, NULL) == PONT_OK) {
		for (i = 0; i < pont_tm_size(tm) && i < 4; i++) {
			const char *s = pont_tm_source(tm, i);

			char *v = other_apostrophes(s);
			pont_buf ty = PONT_BUF_INIT;

			n = pont_tm_lookup(tm, s, strlen(s), 1, m, 3);
			if (n == 0 || m[0].score != 100)
				__builtin_trap();	/* a unit finds at least itself */
			n = pont_tm_lookup(tm, v, strlen(v), 1, m, 3);
			if (n == 0 || m[0].score != 100)
				__builtin_trap();	/* typography never costs points */
			pont_tm_typography(pont_tm_source(tm, m[0].unit), v, &ty);
			if (m[0].differs != (strcmp(pont_tm_source(tm, m[0].unit), v) != 0) || (m[0].differs && ty.len == 0))
				__builtin_trap();	/* a 100 written otherwise says what differs */
			pont_buf_release(&ty);
			free(v);
		}
		pont_tm_write_tmx(tm, &x);
		pont_tm_write(tm, &b);
		back = pont_tm_open(b.p, b.len, "fuzz.ptm", NULL);
		if (back == NULL || pont_tm_size(back) != pont_tm_size(tm))
			__builtin_trap();
		for (i = 0; i < pont_tm_size(tm); i++)
			if (strcmp(pont_tm_source(back, i), pont_tm_source(tm, i)) != 0 || !same_prov(back, i, tm, i))
				__builtin_trap();
		pont_tm_free(back);
		/* the TMX written reads back (well-formed, same units, same texts) */
		back = pont_tm_new("fr", "en");
		if (pont_tm_read_tmx(back, x.p, x.len, "export.tmx", NULL, NULL, NULL) != PONT_OK ||
		    pont_tm_size(back) != pont_tm_size(tm))
			__builtin_trap();
		for (i = 0; i < pont_tm_size(tm); i++)
			if (strcmp(pont_tm_source(back, i), pont_tm_source(tm, i)) != 0 ||
			    strcmp(pont_tm_target(back, i), pont_tm_target(tm, i)) != 0 || !same_prov(back, i, tm, i))
				__builtin_trap();
		pont_tm_free(back);
	}
	/* pont's file reader on the raw bytes too: damaged files are refused, never trusted */
	pont_tm_free(pont_tm_open((const char *)data, size, "fuzz.ptm", NULL));
	pont_buf_release(&b);
	pont_buf_release(&x);
	pont_findings_release(&d);
	pont_tm_free(tm);
	return 0;
}
