/* fuzz_terms.c: the term matcher over a small built-in glossary (no dictionary: regular
 * plurals only). Byte 0 picks text or Markdown. Invariants: matches lie inside the text, in
 * order, do not overlap, never cut a character, and name a term of the glossary. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char table[] =
	"concept\tlang\tterms\tstatuses\n"
	"infra\tfr\tinfrastructure | infra\tpreferred | admitted\n"
	"infra\ten\tinfrastructure\tpreferred\n"
	"dc\tfr\tdata center | centre de données\tpreferred | admitted\n"
	"sre\tfr\tSRE\tpreferred\n"
	"dsi\tfr\tDSI | direction des systèmes d’information\tpreferred | preferred\n"
	"ops\tfr\tOps | ingénieur Ops\tpreferred | admitted\n"
	"h24\tfr\t24h/7j\tpreferred\n"
	"rd\tfr\tR&D\tpreferred\n"
	"imp\tfr\tsyndrome de l’imposteur\tpreferred\n";

static pont_glossary *g;
static pont_matcher *m;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data + 1;
	pont_doc_options o = { PONT_FORMAT_TEXT, PONT_PARA_AUTO, NULL };
	pont_matches ms = PONT_MATCHES_INIT;
	pont_doc *d;
	size_t i, len, prev = 0;

	if (size < 1)
		return 0;
	if (g == NULL) {
		const pont_glossary *gs[1];

		g = pont_glossary_read_table(table, sizeof table - 1, 1, "fuzz", NULL, NULL);
		gs[0] = g;
		m = pont_matcher_new(gs, 1, "fr", NULL, NULL);
	}
	len = size - 1;
	if (pont_utf8_check(text, len) != len)
		return 0;
	o.format = data[0] & 1 ? PONT_FORMAT_MARKDOWN : PONT_FORMAT_TEXT;
	o.paragraphs = PONT_PARA_AUTO;
	d = pont_doc_parse(text, len, &o, NULL);
	pont_match_doc(m, d, &ms);
	for (i = 0; i < ms.n; i++) {
		pont_span sp = ms.v[i].span;

		if (sp.start < prev || sp.end <= sp.start || sp.end > len)
			__builtin_trap();
		if (pont_utf8_check(text + sp.start, sp.end - sp.start) != sp.end - sp.start)
			__builtin_trap();
		if (ms.v[i].glossary != 0 || pont_glossary_term(g, ms.v[i].term) == NULL)
			__builtin_trap();
		prev = sp.end;
	}
	pont_matches_release(&ms);
	pont_doc_free(d);
	return 0;
}
