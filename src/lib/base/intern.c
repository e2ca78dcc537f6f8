/* intern.c: an interning hash map, bytes -> dense ids from 0, the strings kept in one pool:
 * the words of the speller's cache, the tokens of the term matcher and of candidates. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *
pont__intern_str(const pont_intern *m, uint32_t id)
{
	return m->pool.p + m->off[id];
}

uint32_t
pont__intern(pont_intern *m, const char *s, size_t n, int add)
{
	size_t i;
	uint64_t h = pont_hash(s, n);

	if (m->nslot == 0) {
		if (!add)
			return UINT32_MAX;
		m->nslot = 1024;
		m->slot = xcalloc(m->nslot, sizeof *m->slot);
		m->shash = xcalloc(m->nslot, sizeof *m->shash);
	}
	for (i = h & (m->nslot - 1);; i = (i + 1) & (m->nslot - 1)) {
		uint32_t v = m->slot[i];

		if (v == 0)
			break;
		if (m->shash[i] == (uint32_t)(h >> 32) && m->len[v - 1] == n &&
		    memcmp(pont__intern_str(m, v - 1), s, n) == 0)
			return v - 1;
	}
	if (!add)
		return UINT32_MAX;
	XGROW(m->off, m->alloc, m->n + 1);
	XGROW(m->len, m->alen, m->n + 1);
	m->off[m->n] = m->pool.len;
	m->len[m->n] = (uint32_t)n;
	pont_buf_add(&m->pool, s, n);
	pont_buf_addc(&m->pool, '\0');
	m->slot[i] = (uint32_t)++m->n;
	m->shash[i] = (uint32_t)(h >> 32);
	if (m->n * 2 > m->nslot) {	/* grow and rehash */
		size_t ns = m->nslot * 2, k;
		uint32_t *slot = xcalloc(ns, sizeof *slot), *shash = xcalloc(ns, sizeof *shash);

		for (k = 0; k < m->n; k++) {
			uint64_t hk = pont_hash(pont__intern_str(m, (uint32_t)k), m->len[k]);
			size_t j = hk & (ns - 1);

			while (slot[j])
				j = (j + 1) & (ns - 1);
			slot[j] = (uint32_t)k + 1;
			shash[j] = (uint32_t)(hk >> 32);
		}
		free(m->slot);
		free(m->shash);
		m->slot = slot;
		m->shash = shash;
		m->nslot = ns;
	}
	return (uint32_t)(m->n - 1);
}

void
pont__intern_release(pont_intern *m)
{
	free(m->slot);
	free(m->shash);
	free(m->len);
	free(m->off);
	pont_buf_release(&m->pool);
	memset(m, 0, sizeof *m);
}


size_t
pont__intern_len(const pont_intern *m, uint32_t id)
{
	return m->len[id];
}
