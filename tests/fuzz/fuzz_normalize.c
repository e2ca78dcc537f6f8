/* fuzz_normalize.c: the normalizer. Byte 0 picks target, no-break space and format.
 * Invariants: output is valid UTF-8; applying the reported changes gives the output. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data + 1;
	size_t len;
	pont_doc_options o = { PONT_FORMAT_TEXT, PONT_PARA_AUTO, NULL };
	pont_norm_options no;
	pont_buf out = PONT_BUF_INIT, again = PONT_BUF_INIT;
	pont_findings ch = PONT_FINDINGS_INIT;

	if (size < 1)
		return 0;
	len = size - 1;
	if (pont_utf8_check(text, len) != len)
		return 0;
	o.format = data[0] & 1 ? PONT_FORMAT_MARKDOWN : PONT_FORMAT_TEXT;
	o.paragraphs = PONT_PARA_AUTO;
	no.target = data[0] & 2 ? PONT_NORM_EN : PONT_NORM_FR;
	no.nbsp = data[0] & 4 ? 0xA0 : 0x202F;
	if (pont_normalize(text, len, &o, &no, &out, &ch, NULL) == PONT_OK) {
		if (pont_utf8_check(out.p ? out.p : "", out.len) != out.len)
			__builtin_trap();
		pont_apply_changes(text, len, &ch, &again);
		if (again.len != out.len || (out.len && memcmp(again.p, out.p, out.len) != 0))
			__builtin_trap();
	}
	pont_findings_release(&ch);
	pont_buf_release(&out);
	pont_buf_release(&again);
	return 0;
}
