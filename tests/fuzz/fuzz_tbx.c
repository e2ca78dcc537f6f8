/* fuzz_tbx.c: the TBX reader and the glossary writers. Invariants: it either fails with a message
 * and a position, or gives a glossary whose terms all have text, a language and a concept that
 * holds them; that glossary written as TBX, TBX 2008, CSV and TSV reads back with the same terms. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* g written in format f and read back has the same terms, in the same order. */
static void
round_trip(const pont_glossary *g, pont_gloss_format f)
{
	pont_buf b = PONT_BUF_INIT;
	pont_glossary *back;
	size_t i;

	pont_glossary_write(g, f, &b);
	back = f == PONT_GLOSS_CSV || f == PONT_GLOSS_TSV ?
		       pont_glossary_read_table(b.p, b.len, f == PONT_GLOSS_TSV, "back", NULL, NULL) :
		       pont_glossary_load(b.p, b.len, "back", NULL, NULL);
	if (back == NULL || pont_glossary_nterms(back) != pont_glossary_nterms(g))
		__builtin_trap();
	for (i = 0; i < pont_glossary_nterms(g); i++)
		if (strcmp(pont_glossary_term(g, i)->text, pont_glossary_term(back, i)->text) != 0 ||
		    strcmp(pont_glossary_term(g, i)->lang, pont_glossary_term(back, i)->lang) != 0)
			__builtin_trap();
	pont_glossary_free(back);
	pont_buf_release(&b);
}

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
		if ((err.code != PONT_EPARSE && err.code != PONT_ELIMIT) || err.msg[0] == '\0')
			__builtin_trap();
	} else {
		for (i = 0; i < pont_glossary_nterms(g); i++) {
			const pont_term *t = pont_glossary_term(g, i);
			const pont_concept *c = pont_glossary_concept(g, t->concept);

			if (t->text == NULL || t->lang == NULL || c == NULL || i < c->term0 || i >= c->term0 + c->nterms)
				__builtin_trap();
		}
		round_trip(g, PONT_GLOSS_TBX);
		round_trip(g, PONT_GLOSS_TBX2008);
		round_trip(g, PONT_GLOSS_CSV);
		round_trip(g, PONT_GLOSS_TSV);
		pont_glossary_free(g);
	}
	pont_findings_release(&d);
	return 0;
}
