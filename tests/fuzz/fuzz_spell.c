/* fuzz_spell.c: the speller over the real French dictionary with the English one beside it.
 * Byte 0 picks text or Markdown and whether suggestions are asked for. Invariants: findings
 * lie inside the text, sorted, never cut a character, and have a known id. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pont_dict *fr, *en;
static pont_speller *sp;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data + 1;
	pont_spell_options so = { 1, 0, 1, 2, 0 };
	pont_findings f = PONT_FINDINGS_INIT;
	pont_doc_options o = { PONT_FORMAT_TEXT, PONT_PARA_AUTO, NULL };
	pont_doc *d;
	size_t i, len, prev = 0;

	if (size < 1)
		return 0;
	if (sp == NULL) {
		fr = pont_dict_open("fr", NULL, NULL);
		en = pont_dict_open("en", NULL, NULL);
		if (fr == NULL || en == NULL)
			abort();
		sp = pont_speller_new("fr", fr, en, NULL);
		pont_speller_add_word(sp, "kubectl", 7, NULL);
		pont_speller_add_word(sp, "laptop", 6, "serveur");
	}
	len = size - 1;
	if (pont_utf8_check(text, len) != len)
		return 0;
	o.format = data[0] & 1 ? PONT_FORMAT_MARKDOWN : PONT_FORMAT_TEXT;
	o.paragraphs = PONT_PARA_AUTO;
	so.suggest = data[0] & 2 ? 2 : 0;	/* suggestions are slow: one input in two */
	d = pont_doc_parse(text, len, &o, NULL);
	if (pont_spell_doc(sp, d, NULL, &so, &f, NULL, NULL) != PONT_OK)
		__builtin_trap();
	for (i = 0; i < f.n; i++) {
		const pont_finding *x = &f.v[i];

		if (x->at.start < prev || x->at.end <= x->at.start || x->at.end > len)
			__builtin_trap();
		if (pont_utf8_check(text + x->at.start, x->at.end - x->at.start) != x->at.end - x->at.start)
			__builtin_trap();
		if (pont_id_info_of(x->code)->family != PONT_FAMILY_SPELL)
			__builtin_trap();
		prev = x->at.start;
	}
	pont_findings_release(&f);
	pont_doc_free(d);
	return 0;
}
