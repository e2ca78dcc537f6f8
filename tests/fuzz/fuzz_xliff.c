/* fuzz_xliff.c: the XLIFF reader and merge, and prepare on the input read as an article.
 * Invariants: no crash; a work file pont writes is read back with the same units, and merging
 * it with its sources gives back the article exactly. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pont_segmenter *sg;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	pont_findings d = PONT_FINDINGS_INIT, miss = PONT_FINDINGS_INIT;
	pont_buf out = PONT_BUF_INIT, xl = PONT_BUF_INIT;
	pont_xliff *x;

	if (sg == NULL && (sg = pont_segmenter_new("fr", NULL)) == NULL)
		abort();
	/* as a work file */
	if ((x = pont_xliff_read(text, size, "fuzz.xlf", &d, NULL)) != NULL) {
		pont_xliff_merge(x, 1, 0, &out, &miss);
		pont_xliff_free(x);
	}
	pont_findings_release(&d);
	pont_findings_release(&miss);
	pont_buf_reset(&out);
	/* as an article: prepare, read back, merge with the sources */
	if (pont_utf8_check(text, size) == size) {
		pont_doc_options o = { size && (data[0] & 0x40) ? PONT_FORMAT_HTML : size && (data[0] & 1) ? PONT_FORMAT_MARKDOWN :
					   PONT_FORMAT_TEXT, PONT_PARA_AUTO, NULL };
		pont_xliff_prep p;
		pont_segs segs = PONT_SEGS_INIT;
		pont_doc *doc = pont_doc_parse(text, size, &o, NULL);

		memset(&p, 0, sizeof p);
		p.src_lang = "fr";
		p.trg_lang = "en";
		p.format = o.format;
		if (doc && pont_segment_doc(sg, doc, &segs, NULL) == PONT_OK &&
		    pont_xliff_prepare(doc, &segs, &p, &xl, NULL) == PONT_OK) {
			x = pont_xliff_read(xl.p, xl.len, "fuzz.xlf", &d, NULL);
			if (x == NULL || d.n != 0)
				__builtin_trap();
			if (pont_xliff_merge(x, 0, 1, &out, &miss) != PONT_OK || out.len != size ||
			    memcmp(out.p ? out.p : "", text, size) != 0)
				__builtin_trap();
			pont_xliff_free(x);
		}
		pont_segs_release(&segs);
		pont_doc_free(doc);
	}
	pont_findings_release(&d);
	pont_findings_release(&miss);
	pont_buf_release(&out);
	pont_buf_release(&xl);
	return 0;
}
