/* fuzz_text.c: the input reader and the document model. Byte 0 picks the options.
 * Invariants: valid input is kept byte for byte; blocks and marks lie in bounds, in order. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pont_text t = PONT_TEXT_INIT;
	pont_doc_options o = { PONT_FORMAT_TEXT, PONT_PARA_AUTO, NULL };
	pont_doc *d;
	size_t i, n, prev = 0;
	const pont_mark *mk;

	if (size < 1)
		return 0;
	o.format = data[0] & 0x40 ? PONT_FORMAT_HTML : data[0] & 1 ? PONT_FORMAT_MARKDOWN : PONT_FORMAT_TEXT;
	o.paragraphs = (pont_paragraphs)((data[0] >> 1) % 3);
	if (pont_text_from_bytes(&t, (const char *)data + 1, size - 1, "fuzz",
				 data[0] & 8 ? PONT_TEXT_REPLACE_INVALID : 0, NULL) != PONT_OK)
		return 0;
	if (!(data[0] & 8) && (t.len != size - 1 || memcmp(t.data, data + 1, t.len) != 0))
		__builtin_trap();
	if (pont_utf8_check(t.data, t.len) != t.len)
		__builtin_trap();
	d = pont_doc_parse(t.data, t.len, &o, NULL);
	for (i = 0; i < pont_doc_nblocks(d); i++) {
		const pont_block *b = pont_doc_block(d, i);

		if (b->span.start < prev || b->span.end < b->span.start || b->span.end > t.len)
			__builtin_trap();
		if (b->content.start < b->span.start || b->content.end > b->span.end ||
		    b->content.end < b->content.start)
			__builtin_trap();
		prev = b->span.end;
	}
	mk = pont_doc_marks(d, &n);
	for (i = 0; i < n; i++)
		if (mk[i].span.end < mk[i].span.start || mk[i].span.end > t.len)
			__builtin_trap();
	pont_doc_free(d);
	pont_text_release(&t);
	return 0;
}
