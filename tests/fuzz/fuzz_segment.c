/* fuzz_segment.c: the segmenter, raw and over the document model. Byte 0 picks language and format.
 * Invariants: raw spans are contiguous, non-empty and cover the input; document sentences are in
 * order, in bounds, inside their block's content, and hold no text outside them. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pont_segmenter *sg[2];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data + 1;
	size_t len, i, prev = 0;
	pont_spans spans = PONT_SPANS_INIT;
	pont_segs segs = PONT_SEGS_INIT;
	pont_doc_options o = { PONT_FORMAT_TEXT, PONT_PARA_AUTO, NULL };
	pont_doc *d;
	pont_segmenter *s;

	if (size < 1)
		return 0;
	len = size - 1;
	if (!sg[0]) {
		sg[0] = pont_segmenter_new("fr", NULL);
		sg[1] = pont_segmenter_new("en", NULL);
	}
	s = sg[data[0] & 1];
	if (pont_utf8_check(text, len) != len)
		return 0;		/* the reader rejects it: fuzz_text covers that */
	if (pont_segment_text(s, text, len, &spans, NULL) == PONT_OK) {
		for (i = 0; i < spans.n; i++) {
			if (spans.v[i].start != prev || spans.v[i].end <= prev)
				__builtin_trap();
			prev = spans.v[i].end;
		}
		if (prev != len)
			__builtin_trap();
	}
	pont_spans_release(&spans);
	o.format = data[0] & 0x40 ? PONT_FORMAT_HTML : data[0] & 2 ? PONT_FORMAT_MARKDOWN : PONT_FORMAT_TEXT;
	o.paragraphs = (pont_paragraphs)((data[0] >> 2) % 3);
	d = pont_doc_parse(text, len, &o, NULL);
	if (pont_segment_doc(s, d, &segs, NULL) == PONT_OK) {
		prev = 0;
		for (i = 0; i < segs.n; i++) {
			const pont_block *b = pont_doc_block(d, segs.v[i].block);

			if (segs.v[i].span.start < prev || segs.v[i].span.end <= segs.v[i].span.start)
				__builtin_trap();
			if (segs.v[i].span.start < b->content.start || segs.v[i].span.end > b->content.end)
				__builtin_trap();
			if (pont_utf8_check(text + segs.v[i].span.start, segs.v[i].span.end - segs.v[i].span.start) !=
			    segs.v[i].span.end - segs.v[i].span.start)
				__builtin_trap();	/* a sentence never cuts a character */
			prev = segs.v[i].span.end;
		}
	}
	pont_segs_release(&segs);
	pont_doc_free(d);
	return 0;
}
