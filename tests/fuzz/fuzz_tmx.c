/* fuzz_tmx.c: the TMX reader, then look-ups, export and pont's own file on what it read.
 * Invariants: no crash; a memory read back from its file, or from the TMX it exports, has the
 * same units; scores in 0-100. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

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

			n = pont_tm_lookup(tm, s, strlen(s), 1, m, 3);
			if (n == 0 || m[0].score < 1 || m[0].score > 100)
				__builtin_trap();	/* a unit finds at least itself */
		}
		pont_tm_write_tmx(tm, &x);
		pont_tm_write(tm, &b);
		back = pont_tm_open(b.p, b.len, "fuzz.ptm", NULL);
		if (back == NULL || pont_tm_size(back) != pont_tm_size(tm))
			__builtin_trap();
		for (i = 0; i < pont_tm_size(tm); i++)
			if (strcmp(pont_tm_source(back, i), pont_tm_source(tm, i)) != 0)
				__builtin_trap();
		pont_tm_free(back);
		/* the TMX written reads back (well-formed, same units, same texts) */
		back = pont_tm_new("fr", "en");
		if (pont_tm_read_tmx(back, x.p, x.len, "export.tmx", NULL, NULL, NULL) != PONT_OK ||
		    pont_tm_size(back) != pont_tm_size(tm))
			__builtin_trap();
		for (i = 0; i < pont_tm_size(tm); i++)
			if (strcmp(pont_tm_source(back, i), pont_tm_source(tm, i)) != 0 ||
			    strcmp(pont_tm_target(back, i), pont_tm_target(tm, i)) != 0)
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
