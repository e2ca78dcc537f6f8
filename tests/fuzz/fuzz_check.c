/* fuzz_check.c: the QA checks on a source/target pair (the input split at its first line end),
 * with a small glossary and the real dictionaries. Invariants: findings lie inside the target,
 * never cut a character, and name a known check. */
#include <stdlib.h>
#include <string.h>

#include "pont.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char table[] =
	"concept\tlang\tterms\tstatuses\n"
	"dev\tfr\tdéveloppeur | dev\tpreferred | admitted\n"
	"dev\ten\tdeveloper | developper\tpreferred | deprecated\n"
	"cdi\tfr\tCDI\tpreferred\n"
	"cdi\ten\tpermanent contract | CDI\tpreferred | forbidden\n";

static pont_glossary *g;
static pont_checker *ck;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nl;
	pont_findings f = PONT_FINDINGS_INIT;
	size_t i, sn, tn;

	if (ck == NULL) {
		const pont_glossary *gs[1];
		pont_dict *fr = pont_dict_open("fr", NULL, NULL), *en = pont_dict_open("en", NULL, NULL);

		g = pont_glossary_read_table(table, sizeof table - 1, 1, "fuzz", NULL, NULL);
		gs[0] = g;
		if (g == NULL || fr == NULL || en == NULL || (ck = pont_checker_new(gs, 1, fr, en, "en", NULL)) == NULL)
			abort();
	}
	if (pont_utf8_check(s, size) != size)
		return 0;
	nl = memchr(s, '\n', size);
	sn = nl ? (size_t)(nl - s) : size;
	tn = nl ? size - sn - 1 : 0;
	pont_check_pair(ck, s, sn, nl ? nl + 1 : s + size, tn, "fuzz", &f);
	for (i = 0; i < f.n; i++) {
		const pont_finding *x = &f.v[i];
		const char *t = nl ? nl + 1 : s + size;

		if (x->at.end < x->at.start || x->at.end > tn || pont_id_info_of(x->code)->family != PONT_FAMILY_CHECK)
			__builtin_trap();
		if (pont_utf8_check(t + x->at.start, x->at.end - x->at.start) != x->at.end - x->at.start)
			__builtin_trap();
	}
	pont_findings_release(&f);
	return 0;
}
