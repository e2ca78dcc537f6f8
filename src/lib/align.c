/* align.c: sentence alignment by length (Gale and Church, 1993): a dynamic programme over beads
 * 1:1, 1:0, 0:1, 2:1, 1:2 and 2:2, each costed by how far the target's length is from what the
 * source's length predicts, and by how common such a bead is. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Beads and their prior probabilities (Gale and Church's figures). */
static const struct {
	unsigned ns, nt;
	double prior;
} beads[] = {
	{ 1, 1, 0.89 }, { 1, 0, 0.0099 / 2 }, { 0, 1, 0.0099 / 2 }, { 2, 1, 0.089 / 2 }, { 1, 2, 0.089 / 2 },
	{ 2, 2, 0.011 },
};

/* -log P(length match): target characters per source character c, variance s2. */
static double
match_cost(double ls, double lt)
{
	const double c = 0.9, s2 = 6.8;	/* English runs about 10 % shorter than French */
	double mean, delta, p;

	if (ls == 0 && lt == 0)
		return 0;
	mean = (ls + lt / c) / 2;
	delta = (lt - ls * c) / sqrt((mean > 0 ? mean : 1) * s2);
	/* two-sided tail of the normal distribution */
	p = erfc(fabs(delta) / sqrt(2.0));
	if (p < 1e-300)
		p = 1e-300;
	return -log(p);
}

size_t
pont_align_lengths(const size_t *sl, size_t ns, const size_t *tl, size_t nt, pont_bead **out)
{
	size_t i, j, k, n = 0;
	double *cost = xmalloc((ns + 1) * (nt + 1) * sizeof *cost);
	unsigned char *from = xmalloc((ns + 1) * (nt + 1));
	pont_bead *v;

#define AT(a, b) ((a) * (nt + 1) + (b))
	for (i = 0; i <= ns; i++) {
		for (j = 0; j <= nt; j++) {
			double best = i == 0 && j == 0 ? 0 : HUGE_VAL;
			unsigned char bk = 0;

			for (k = 0; (i || j) && k < sizeof beads / sizeof beads[0]; k++) {
				size_t a = beads[k].ns, b = beads[k].nt, q;
				double ls = 0, lt = 0, c;

				if (a > i || b > j || cost[AT(i - a, j - b)] == HUGE_VAL)
					continue;
				for (q = 0; q < a; q++)
					ls += (double)sl[i - 1 - q];
				for (q = 0; q < b; q++)
					lt += (double)tl[j - 1 - q];
				c = cost[AT(i - a, j - b)] + match_cost(ls, lt) - log(beads[k].prior);
				if (c < best) {
					best = c;
					bk = (unsigned char)k;
				}
			}
			cost[AT(i, j)] = best;
			from[AT(i, j)] = bk;
		}
	}
	/* back from the end */
	for (i = ns, j = nt; i || j;) {
		k = from[AT(i, j)];
		i -= beads[k].ns;
		j -= beads[k].nt;
		n++;
	}
	v = xmalloc((n + 1) * sizeof *v);
	for (i = ns, j = nt, k = n; i || j;) {
		size_t b = from[AT(i, j)];
		pont_bead *x = &v[--k];

		x->ns = beads[b].ns;
		x->nt = beads[b].nt;
		x->s0 = i - x->ns;
		x->t0 = j - x->nt;
		x->cost = cost[AT(i, j)] - cost[AT(x->s0, x->t0)];
		i = x->s0;
		j = x->t0;
	}
#undef AT
	free(cost);
	free(from);
	*out = v;
	return n;
}
