/* counters.c: how often the library did its costly steps, for the tests that prove work is
 * done once, and for profiling. */
#include "internal.h"

static unsigned long counts[PONT_COUNT_N];

void
pont__count(enum pont_count what)
{
	__atomic_add_fetch(&counts[what], 1, __ATOMIC_RELAXED);
}

void
pont_counters_get(pont_counters *c)
{
	c->doc_parses = __atomic_load_n(&counts[PONT_COUNT_DOC], __ATOMIC_RELAXED);
	c->segmentations = __atomic_load_n(&counts[PONT_COUNT_SEGMENT], __ATOMIC_RELAXED);
	c->term_matches = __atomic_load_n(&counts[PONT_COUNT_MATCH], __ATOMIC_RELAXED);
	c->spell_checks = __atomic_load_n(&counts[PONT_COUNT_SPELL], __ATOMIC_RELAXED);
	c->xliff_reads = __atomic_load_n(&counts[PONT_COUNT_XLIFF_READ], __ATOMIC_RELAXED);
	c->xliff_writes = __atomic_load_n(&counts[PONT_COUNT_XLIFF_WRITE], __ATOMIC_RELAXED);
}
