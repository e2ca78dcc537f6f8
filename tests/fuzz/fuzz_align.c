/* fuzz_align.c: the aligner over two documents (the input cut in two at its first NUL byte, or
 * at its middle), and the machine-draft placeholders. Byte 0 picks the format. Invariants:
 * paragraph beads (1:1 to 3:1 and 1:3) cover both sides in order, sentence beads cover every sentence of both sides
 * in order and sit in their paragraph bead; confidences are in [0, 1]; a draft's placeholders
 * come back; restoring any engine output never reads or writes out of bounds. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pont_segmenter *sg[2];

static void
check_beads(const pont_bead *v, size_t n, size_t ns, size_t nt)
{
	size_t i, s = 0, t = 0;

	for (i = 0; i < n; i++) {
		if (v[i].s0 != s || v[i].t0 != t || v[i].ns + v[i].nt > 4 || (v[i].ns == 0 && v[i].nt == 0))
			__builtin_trap();
		if (!(v[i].confidence >= 0 && v[i].confidence <= 1))
			__builtin_trap();
		s += v[i].ns;
		t += v[i].nt;
	}
	if (s != ns || t != nt)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data + 1, *cut;
	size_t len, a, i;
	pont_doc_options o = { PONT_FORMAT_TEXT, PONT_PARA_AUTO, NULL };
	pont_doc *d[2];
	pont_segs segs[2] = { PONT_SEGS_INIT, PONT_SEGS_INIT };
	pont_alignment al = PONT_ALIGNMENT_INIT;
	pont_buf en = PONT_BUF_INIT, unk = PONT_BUF_INIT;

	if (size < 2)
		return 0;
	len = size - 1;
	if (!sg[0]) {
		sg[0] = pont_segmenter_new("fr", NULL);
		sg[1] = pont_segmenter_new("en", NULL);
	}
	cut = memchr(text, 0, len);
	a = cut ? (size_t)(cut - text) : len / 2;
	if (pont_utf8_check(text, a) != a || pont_utf8_check(text + a + (cut != NULL), len - a - (cut != NULL)) !=
	    len - a - (cut != NULL))
		return 0;
	o.format = data[0] & 1 ? PONT_FORMAT_MARKDOWN : PONT_FORMAT_TEXT;
	o.paragraphs = (pont_paragraphs)((data[0] >> 1) % 3);
	d[0] = pont_doc_parse(text, a, &o, NULL);
	d[1] = pont_doc_parse(text + a + (cut != NULL), len - a - (cut != NULL), &o, NULL);
	if (d[0] && d[1] && pont_segment_doc(sg[0], d[0], &segs[0], NULL) == PONT_OK &&
	    pont_segment_doc(sg[1], d[1], &segs[1], NULL) == PONT_OK) {
		pont_align_input x = { d[0], &segs[0], NULL }, y = { d[1], &segs[1], NULL };

		pont_align_docs(&x, &y, NULL, 0, &al);
		check_beads(al.paras, al.nparas, al.nsblocks, al.ntblocks);
		check_beads(al.sents, al.nsents, segs[0].n, segs[1].n);
		for (i = 0; i < al.nsents; i++)
			if (al.sents[i].para >= al.nparas || (i && al.sents[i].para < al.sents[i - 1].para))
				__builtin_trap();
		/* placeholders: out and back through an engine that copies, then through the other side's
		 * text as if it were an engine's answer */
		for (i = 0; i < segs[0].n && i < 8; i++) {
			pont_mt_seg m;

			pont_mt_protect(d[0], &segs[0].v[i], NULL, NULL, 0, "en", &m);
			if (pont_mt_restore(&m, m.line, strlen(m.line), 1, &en, &unk) != 0 && !strchr(m.line, '*') &&
			    !strchr(m.line, '#') && !strchr(m.line, '@'))
				__builtin_trap();
			pont_mt_restore(&m, text + a + (cut != NULL), len - a - (cut != NULL), (int)(data[0] >> 7), &en, &unk);
			pont_mt_seg_release(&m);
		}
	}
	pont_alignment_release(&al);
	pont_segs_release(&segs[0]);
	pont_segs_release(&segs[1]);
	pont_doc_free(d[0]);
	pont_doc_free(d[1]);
	pont_buf_release(&en);
	pont_buf_release(&unk);
	return 0;
}
