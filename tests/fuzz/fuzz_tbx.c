/* fuzz_tbx.c: the TBX reader. Invariants: it either fails with a message and a position, or
 * gives a glossary whose terms all have text, a language and a concept that holds them. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pont_findings d = PONT_FINDINGS_INIT;
	pont_error err;
	pont_glossary *g;
	size_t i;

	memset(&err, 0, sizeof err);
	g = pont_glossary_load((const char *)data, size, "fuzz", &d, &err);
	if (g == NULL) {
		if (err.code != PONT_EPARSE || err.msg[0] == '\0')
			__builtin_trap();
	} else {
		for (i = 0; i < pont_glossary_nterms(g); i++) {
			const pont_term *t = pont_glossary_term(g, i);
			const pont_concept *c = pont_glossary_concept(g, t->concept);

			if (t->text == NULL || t->lang == NULL || c == NULL || i < c->term0 || i >= c->term0 + c->nterms)
				__builtin_trap();
		}
		pont_glossary_free(g);
	}
	pont_findings_release(&d);
	return 0;
}
