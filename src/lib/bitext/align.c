/* align.c: alignment of two editions (Gale and Church, 1993): a dynamic programme over beads
 * 1:1, 1:0, 0:1, 2:1, 1:2 and 2:2, each costed by how far the target's length is from what the
 * source's length predicts, by how common such a bead is, and — our addition — by the anchors
 * both sides share (numbers, links, code, identical words, glossary concepts, speakers).
 * Paragraphs are aligned first, then the sentences inside each paragraph bead. The programme
 * runs in a band around the diagonal, so memory is n x band, never n x m. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Beads and their prior probabilities (Gale and Church's figures; 3:1 and 1:3, which English
 * editions make of French sentences joined by ";" or ":", as likely as a sentence left out). */
static const struct {
	unsigned ns, nt;
	double prior;
	double trust;		/* how far a perfect bead of this shape can be trusted */
} beads[] = {
	{ 1, 1, 0.89, 1.0 }, { 1, 0, 0.0099 / 2, 0 }, { 0, 1, 0.0099 / 2, 0 }, { 2, 1, 0.089 / 2, 0.9 },
	{ 1, 2, 0.089 / 2, 0.9 }, { 2, 2, 0.011, 0.75 }, { 3, 1, 0.0099 / 2, 0.8 }, { 1, 3, 0.0099 / 2, 0.8 },
};
#define NBEADS (sizeof beads / sizeof beads[0])

/* Anchors are 32-bit hashes whose two low bits hold their weight (1 .. 3). */
#define ANCHOR_W(a) ((a) & 3u)

/* What the programme sees of a paragraph or a sentence. */
typedef struct item {
	double len;		/* characters */
	size_t a0, na;		/* its anchors in the pool, sorted, unique */
	unsigned kind;		/* paragraphs: 1 for titles and headings, else 0 */
} item;

typedef struct side {
	const item *v;
	size_t n;
	const uint32_t *pool;
	double indel;		/* prior of 1:0 and 0:1 beads, when not Gale and Church's */
} side;

/*
 * How far the target's length is from what the source's predicts, in standard deviations.
 * English runs about 13 % shorter than French: c and s2 were fitted on the translated paragraph
 * pairs of four Debian manuals (c 0.82-0.87, s2 1.3-1.5 per character); s2 is doubled for the
 * outliers a fit on clean pairs does not see.
 */
static double
length_delta(double ls, double lt)
{
	const double c = 0.87, s2 = 3.0;
	double mean;

	if (ls == 0 && lt == 0)
		return 0;
	mean = (ls + lt / c) / 2;
	return (lt - ls * c) / sqrt((mean > 0 ? mean : 1) * s2);
}

/*
 * -log of the two-sided normal tail beyond |delta|, capped at -log(0.001): a translator's note
 * makes a paragraph much longer without changing its pair. From a table (steps of 1/64 sd),
 * as erfc and log were a third of the programme's time.
 */
#define TAIL_STEPS 64		/* per standard deviation */
#define TAIL_MAX 4		/* beyond 3.3 sd the cap applies */
static double tail_table[TAIL_MAX * TAIL_STEPS + 2];
static pthread_once_t tail_once = PTHREAD_ONCE_INIT;

static void
tail_init(void)
{
	size_t i;

	for (i = 0; i < sizeof tail_table / sizeof tail_table[0]; i++) {
		double p = erfc((double)i / TAIL_STEPS / sqrt(2.0));

		tail_table[i] = -log(p < 1e-3 ? 1e-3 : p);
	}
}

static double
tail_cost(double delta)
{
	double x = fabs(delta) * TAIL_STEPS, f;
	size_t i;

	pthread_once(&tail_once, tail_init);
	if (x >= TAIL_MAX * TAIL_STEPS)
		return tail_table[TAIL_MAX * TAIL_STEPS];
	i = (size_t)x;
	f = x - (double)i;
	return tail_table[i] * (1 - f) + tail_table[i + 1] * f;
}

/* Sorted union of the anchor runs of items first .. first + n - 1 (n at most 3) into buf;
 * returns its size. buf holds n runs' worth. */
static size_t
anchor_union(const side *sd, size_t first, size_t n, uint32_t *buf)
{
	size_t k = 0, q;

	for (q = 0; q < n; q++) {	/* merge run q into buf[0, k), from the end backwards */
		const uint32_t *r = sd->v[first + q].na ? sd->pool + sd->v[first + q].a0 : NULL;
		size_t nr = sd->v[first + q].na, i = k, j = nr, o = k + nr, dup = 0;

		while (j > 0) {
			if (i > 0 && buf[i - 1] > r[j - 1])
				buf[--o] = buf[--i];
			else if (i > 0 && buf[i - 1] == r[j - 1])
				buf[--o] = buf[--i], j--, dup++;
			else
				buf[--o] = r[--j];
		}
		if (dup) {		/* close the gap the shared anchors left at the front */
			memmove(buf + i, buf + o, (k + nr - o) * sizeof *buf);
			k = i + (k + nr - o);
		} else {
			k += nr;
		}
	}
	return k;
}

/* What two sets of anchors say about a pair. */
typedef struct verdict {
	double dice;		/* shared weight over total weight; -1 when neither side has anchors */
	int conflict;		/* both sides have strong anchors (numbers, links, terms) and share none */
	int one_sided;		/* only one side has strong anchors */
} verdict;

static verdict
anchor_verdict(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i, j;
	unsigned long wa = 0, wb = 0, shared = 0, sa = 0, sb = 0, sshared = 0;
	verdict v;

	for (i = 0; i < na; i++) {
		wa += ANCHOR_W(a[i]);
		sa += ANCHOR_W(a[i]) > 1;
	}
	for (j = 0; j < nb; j++) {
		wb += ANCHOR_W(b[j]);
		sb += ANCHOR_W(b[j]) > 1;
	}
	for (i = j = 0; i < na && j < nb;) {
		if (a[i] < b[j]) {
			i++;
		} else if (b[j] < a[i]) {
			j++;
		} else {
			shared += ANCHOR_W(a[i]);
			sshared += ANCHOR_W(a[i]) > 1;
			i++;
			j++;
		}
	}
	v.dice = wa + wb ? 2.0 * (double)shared / (double)(wa + wb) : -1;
	v.conflict = sa && sb && sshared == 0;
	v.one_sided = (sa == 0) != (sb == 0);
	return v;
}

/* How sure a bead is, from its length match p (0 .. 1) and its anchors. */
static double
bead_confidence(size_t k, double p, verdict v)
{
	double c;

	if (beads[k].trust == 0)
		return 0;
	if (v.conflict)
		c = 0.5 * p;		/* numbers, links or terms on both sides, none the same */
	else if (v.one_sided)
		c = 0.8 * p;		/* a number, a link or a term on one side only */
	else
		c = p;
	if (v.dice > 0)
		c = 1 - (1 - c) * (1 - v.dice);	/* shared anchors vouch for the pair */
	return c * beads[k].trust;
}

/* Cost of bead k ending at source item i and target item j (exclusive ends). */
typedef struct scratch {
	uint32_t *sa, *ta;
	double conf;		/* the bead's confidence, when want_conf */
	int want_conf;
	double bound;		/* skip the anchors when the cost cannot go under this */
	const double *prior;	/* -log of each bead's prior */
} scratch;

static double
bead_cost(const side *s, const side *t, size_t k, size_t i, size_t j, scratch *sc)
{
	size_t a = beads[k].ns, b = beads[k].nt, q, ns, nt;
	double ls = 0, lt = 0, c, delta;
	verdict v;

	for (q = 0; q < a; q++)
		ls += s->v[i - 1 - q].len;
	for (q = 0; q < b; q++)
		lt += t->v[j - 1 - q].len;
	if (a == 0 || b == 0) {		/* a sentence left out or added: its length says nothing */
		sc->conf = 0;
		return sc->prior[k];
	}
	if (sc->prior[k] - 4 >= sc->bound)
		return HUGE_VAL;	/* cannot be the best whatever its lengths and anchors */
	delta = length_delta(ls, lt);
	c = tail_cost(delta) + sc->prior[k];
	if (c - 4 >= sc->bound)
		return c;		/* even sharing every anchor would not make it the best */
	ns = anchor_union(s, i - a, a, sc->sa);
	nt = anchor_union(t, j - b, b, sc->ta);
	v = anchor_verdict(sc->sa, ns, sc->ta, nt);
	if (v.dice > 0)
		c -= 4 * v.dice;	/* shared anchors outweigh a fair length mismatch */
	if (v.conflict)
		c += 1;
	if (a == 1 && b == 1 && s->v[i - 1].kind != t->v[j - 1].kind)
		c += 1.5;		/* a heading paired with a paragraph */
	if (sc->want_conf)
		sc->conf = bead_confidence(k, exp(-delta * delta / 8), v);	/* 1 sd: 0.88, 2: 0.61, 3: 0.32 */
	return c;
}

/*
 * The programme in a band: row i holds target items lo(i) .. lo(i) + width - 1. Returns the
 * number of beads, or 0 with *edge set when the best path touched the band's edge (widen and
 * run again).
 */
static size_t
dp_band(const side *s, const side *t, size_t half, pont_bead **out, int *edge)
{
	size_t ns = s->n, nt = t->n, width = 2 * half + 1, i, j, k, n = 0, maxa = 0;
	double *cost = xmalloc_big((ns + 1) * width * sizeof *cost);
	unsigned char *from = xmalloc_big((ns + 1) * width);
	size_t *lo = xmalloc((ns + 1) * sizeof *lo);
	scratch sc = { NULL, NULL, 0, 0, HUGE_VAL, NULL };
	double prior[NBEADS];
	pont_bead *v;

	for (k = 0; k < NBEADS; k++)
		prior[k] = -log((beads[k].ns == 0 || beads[k].nt == 0) && s->indel > 0 ? s->indel / 2 : beads[k].prior);
	sc.prior = prior;

	for (i = 0; i < ns; i++)
		maxa = s->v[i].na > maxa ? s->v[i].na : maxa;
	for (j = 0; j < nt; j++)
		maxa = t->v[j].na > maxa ? t->v[j].na : maxa;
	sc.sa = xmalloc((3 * maxa + 1) * sizeof *sc.sa);
	sc.ta = xmalloc((3 * maxa + 1) * sizeof *sc.ta);
	for (i = 0; i <= ns; i++) {
		size_t centre = ns ? (size_t)((double)i * (double)nt / (double)ns + 0.5) : 0;

		lo[i] = centre > half ? centre - half : 0;
	}
#define IN(a, b) ((b) >= lo[a] && (b) < lo[a] + width && (b) <= nt)
#define AT(a, b) ((a) * width + ((b) - lo[a]))
	for (i = 0; i <= ns; i++) {
		for (j = lo[i]; j < lo[i] + width && j <= nt; j++) {
			double best = i == 0 && j == 0 ? 0 : HUGE_VAL;
			unsigned char bk = 0;

			for (k = 0; (i || j) && k < NBEADS; k++) {
				size_t a = beads[k].ns, b = beads[k].nt;
				double c;

				if (a > i || b > j || !IN(i - a, j - b) || cost[AT(i - a, j - b)] == HUGE_VAL)
					continue;
				sc.bound = best - cost[AT(i - a, j - b)];
				c = cost[AT(i - a, j - b)] + bead_cost(s, t, k, i, j, &sc);
				if (c < best) {
					best = c;
					bk = (unsigned char)k;
				}
			}
			cost[AT(i, j)] = best;
			from[AT(i, j)] = bk;
		}
	}
	*edge = 0;
	if (!IN(ns, nt) || cost[AT(ns, nt)] == HUGE_VAL) {
		*edge = 1;
		n = 0;
		goto done;
	}
	for (i = ns, j = nt; i || j;) {
		if ((j == lo[i] && lo[i] > 0) || (j == lo[i] + width - 1 && j < nt))
			*edge = 1;
		k = from[AT(i, j)];
		i -= beads[k].ns;
		j -= beads[k].nt;
		n++;
	}
	if (*edge && half < (ns > nt ? ns : nt)) {
		n = 0;
		goto done;
	}
	*edge = 0;
	v = xmalloc((n + 1) * sizeof *v);
	for (i = ns, j = nt, k = n; i || j;) {
		size_t b = from[AT(i, j)];
		pont_bead *x = &v[--k];

		x->ns = beads[b].ns;
		x->nt = beads[b].nt;
		x->s0 = i - x->ns;
		x->t0 = j - x->nt;
		x->cost = cost[AT(i, j)] - cost[AT(x->s0, x->t0)];
		sc.bound = HUGE_VAL;
		sc.want_conf = 1;
		bead_cost(s, t, b, i, j, &sc);
		x->confidence = sc.conf;
		x->para = 0;
		i = x->s0;
		j = x->t0;
	}
	*out = v;
done:
#undef AT
#undef IN
	free(sc.sa);
	free(sc.ta);
	free(lo);
	free(cost);
	free(from);
	return n;
}

/* Runs the programme, widening the band until the best path stays inside it. */
static size_t
dp(const side *s, const side *t, size_t *band, pont_bead **out)
{
	size_t diff = s->n > t->n ? s->n - t->n : t->n - s->n, half = diff + 8, n;
	int edge;
	for (;;) {
		n = dp_band(s, t, half, out, &edge);
		if (!edge)
			break;
		half *= 2;
	}
	if (band)
		*band = half;
	return n;
}

/* --- Anchors ------------------------------------------------------------------------------ */

typedef struct pool {
	uint32_t *v;
	size_t n, alloc;
} pool;

static void
pool_push(pool *p, uint64_t h, unsigned w)
{
	xgrow((void **)&p->v, &p->alloc, p->n + 1, sizeof *p->v);
	p->v[p->n++] = ((uint32_t)(h >> 7) & ~3u) | w;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts and dedups the anchors pushed since a0. */
static size_t
pool_close(pool *p, size_t a0)
{
	size_t i, k = a0;

	if (p->n == a0)
		return 0;
	qsort(p->v + a0, p->n - a0, sizeof *p->v, cmp_u32);
	for (i = a0; i < p->n; i++)
		if (i == a0 || p->v[i] != p->v[k - 1])
			p->v[k++] = p->v[i];
	p->n = k;
	return k - a0;
}

static uint64_t
tagged_hash(char tag, const char *s, size_t n, pont_buf *tmp)
{
	pont_buf_reset(tmp);
	pont_buf_addc(tmp, tag);
	pont_buf_add(tmp, s, n);
	return pont_hash(tmp->p ? tmp->p : "", tmp->len);
}

/*
 * The anchors of text[start, end): numbers (digit runs, so "10 000" and "10,000", "3,5" and
 * "3.5" agree), links and code spans whole, words of four letters or more that both languages
 * may share (names, commands, cognates), lower-cased.
 */
static void
text_anchors(const char *text, size_t start, size_t end, const pont_mark *marks, size_t nmarks, pool *p,
	     pont_buf *tmp)
{
	size_t i = start, m;

	for (m = 0; m < nmarks; m++) {
		const pont_mark *k = &marks[m];

		if (k->span.start < start || k->span.end > end)
			continue;
		if (k->kind == PONT_MARK_URL || k->kind == PONT_MARK_CODE || k->kind == PONT_MARK_EMAIL)
			pool_push(p, tagged_hash('L', text + k->span.start, k->span.end - k->span.start, tmp), 3);
	}
	while (i < end) {
		size_t w0 = i, letters = 0, digits = 0;
		uint32_t c = pont_utf8_next(text, end, &i);

		if (!pont_cp_is_alnum(c))
			continue;
		i = w0;
		pont_buf_reset(tmp);
		if (c >= '0' && c <= '9') {
			/* a number whole, its separators dropped: 10 000 = 10,000; 3,5 = 3.5; 6.2 != 6.2.1 */
			while (i < end) {
				if (text[i] >= '0' && text[i] <= '9') {
					pont_buf_addc(tmp, text[i++]);
				} else if ((text[i] == '.' || text[i] == ',') && i + 1 < end && text[i + 1] >= '0' &&
					   text[i + 1] <= '9') {
					i++;
				} else {
					size_t at = i, k;
					uint32_t sp = pont_utf8_next(text, end, &at);

					/* a space between groups of three digits */
					if (!(sp == ' ' || sp == 0xA0 || sp == 0x202F) || end - at < 3)
						break;
					for (k = 0; k < 3 && text[at + k] >= '0' && text[at + k] <= '9'; k++)
						;
					if (k < 3 || (at + 3 < end && text[at + 3] >= '0' && text[at + 3] <= '9'))
						break;
					i = at;
				}
			}
			if (i < end && pont_cp_is_letter(pont_utf8_next(text, end, &(size_t){ i }))) {
				/* 386sx, 2e, 32bit: a word with digits */
				while (i < end) {
					size_t at = i;

					c = pont_utf8_next(text, end, &i);
					if (!pont_cp_is_alnum(c)) {
						i = at;
						break;
					}
					pont_buf_add(tmp, text + at, i - at);
				}
				pont_buf_addc(tmp, '#');
			}
			pool_push(p, pont_hash(tmp->p, tmp->len) ^ 0x9e3779b97f4a7c15ULL, 2);
			continue;
		}
		while (i < end) {
			size_t at = i;

			c = pont_utf8_next(text, end, &i);
			if (pont_cp_is_digit(c)) {
				digits++;
			} else if (pont_cp_is_letter(c) || c == '_') {
				letters++;
			} else {
				i = at;
				break;
			}
			if (c < 0x80)
				pont_buf_addc(tmp, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			else
				pont_buf_add(tmp, text + at, i - at);
		}
		if (digits > 0 || letters >= 4)
			pool_push(p, pont_hash(tmp->p, tmp->len), digits ? 2 : 1);
	}
}

/* Builds the paragraph and sentence items of one edition. */
typedef struct edition {
	item *paras, *sents;
	size_t *blocks, nblocks;
	size_t *first;		/* first sentence of each paragraph; first[nblocks] = segs->n */
	pool pool;
} edition;

static void
edition_build(const pont_align_input *in, const pont_glossary *const *gs, size_t ng, edition *ed)
{
	size_t len, nmarks, i, k = 0, m = 0, nb = pont_doc_nblocks(in->doc);
	const char *text = pont_doc_text(in->doc, &len);
	const pont_mark *marks = pont_doc_marks(in->doc, &nmarks);
	const pont_segs *sg = in->segs;
	pont_buf tmp = PONT_BUF_INIT;

	memset(ed, 0, sizeof *ed);
	ed->sents = xcalloc(sg->n + 1, sizeof *ed->sents);
	ed->paras = xcalloc(nb + 1, sizeof *ed->paras);
	ed->blocks = xcalloc(nb + 1, sizeof *ed->blocks);
	ed->first = xcalloc(nb + 1, sizeof *ed->first);
	for (i = 0; i < sg->n; i++) {
		const pont_seg *s = &sg->v[i];
		const pont_block *b = pont_doc_block(in->doc, s->block);
		size_t a0 = ed->pool.n;

		ed->sents[i].len = (double)pont_utf8_count(text + s->span.start, s->span.end - s->span.start);
		ed->sents[i].a0 = a0;
		text_anchors(text, s->span.start, s->span.end, marks + b->mark0, b->nmarks, &ed->pool, &tmp);
		/* the glossary concepts whose terms begin in this sentence */
		while (in->terms && m < in->terms->n && in->terms->v[m].span.start < s->span.start)
			m++;
		for (; in->terms && m < in->terms->n && in->terms->v[m].span.start < s->span.end; m++) {
			const pont_match *t = &in->terms->v[m];

			if (t->glossary < ng) {
				char key[64];
				int kl = snprintf(key, sizeof key, "C%zu:%zu", t->glossary,
						  pont_glossary_term(gs[t->glossary], t->term)->concept);

				pool_push(&ed->pool, pont_hash(key, (size_t)kl), 2);
			}
		}
		ed->sents[i].na = pool_close(&ed->pool, a0);
	}
	/* paragraphs: the text blocks that have sentences; their anchors are their sentences' */
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(in->doc, i);
		size_t a0, q, s0;

		while (k < sg->n && sg->v[k].block < i)
			k++;
		if (!pont_block_kind_is_text(b->kind) || k == sg->n || sg->v[k].block != i)
			continue;
		s0 = k;
		a0 = ed->pool.n;
		ed->first[ed->nblocks] = s0;
		for (q = s0; q < sg->n && sg->v[q].block == i; q++) {
			size_t x;

			for (x = 0; x < ed->sents[q].na; x++) {
				xgrow((void **)&ed->pool.v, &ed->pool.alloc, ed->pool.n + 1, sizeof *ed->pool.v);
				ed->pool.v[ed->pool.n++] = ed->pool.v[ed->sents[q].a0 + x];
			}
		}
		if (b->label.end > b->label.start)
			pool_push(&ed->pool, tagged_hash('S', text + b->label.start, b->label.end - b->label.start, &tmp), 1);
		/* the whole block: a speaker label found on one side only still counts */
		ed->paras[ed->nblocks].len = (double)pont_utf8_count(text + b->span.start, b->span.end - b->span.start);
		ed->paras[ed->nblocks].a0 = a0;
		ed->paras[ed->nblocks].na = pool_close(&ed->pool, a0);
		ed->paras[ed->nblocks].kind = b->kind == PONT_BLOCK_TITLE || b->kind == PONT_BLOCK_HEADING;
		ed->blocks[ed->nblocks++] = i;
		k = q;
	}
	ed->first[ed->nblocks] = sg->n;
	pont_buf_release(&tmp);
}

static void
edition_release(edition *ed)
{
	free(ed->paras);
	free(ed->sents);
	free(ed->first);
	free(ed->pool.v);
}

/*
 * Drops from the paragraphs' anchors those found in more than one paragraph in 40 (at least
 * 8) on either side: a word every paragraph has ("Debian", "aptitude") pairs nothing.
 */
static void
drop_common(edition *a, edition *b)
{
	size_t total = 0, i, k, n = 0, lim;
	uint32_t *all;
	edition *eds[2] = { a, b };
	int e;

	for (e = 0; e < 2; e++)
		for (i = 0; i < eds[e]->nblocks; i++)
			total += eds[e]->paras[i].na;
	all = xmalloc((total + 1) * sizeof *all);
	for (e = 0; e < 2; e++)
		for (i = 0; i < eds[e]->nblocks; i++)
			for (k = 0; k < eds[e]->paras[i].na; k++)
				all[n++] = eds[e]->pool.v[eds[e]->paras[i].a0 + k];
	qsort(all, n, sizeof *all, cmp_u32);
	lim = (a->nblocks + b->nblocks) / 40;
	lim = lim < 8 ? 8 : lim;
	for (e = 0; e < 2; e++) {
		for (i = 0; i < eds[e]->nblocks; i++) {
			item *it = &eds[e]->paras[i];
			uint32_t *v;
			size_t w = 0;

			if (it->na == 0)
				continue;
			v = eds[e]->pool.v + it->a0;

			for (k = 0; k < it->na; k++) {
				uint32_t *lo = all, *hi = all + n;
				size_t count;

				while (lo < hi) {	/* first >= v[k] */
					uint32_t *mid = lo + (hi - lo) / 2;

					if (*mid < v[k])
						lo = mid + 1;
					else
						hi = mid;
				}
				for (count = 0; lo + count < all + n && lo[count] == v[k] && count <= lim; count++)
					;
				if (count <= lim || ANCHOR_W(v[k]) > 1)
					v[w++] = v[k];
			}
			it->na = w;
		}
	}
	free(all);
}

void
pont_align_docs(const pont_align_input *src, const pont_align_input *tgt, const pont_glossary *const *gs, size_t ng,
		pont_alignment *out)
{
	edition es, et;
	side s, t;
	size_t p, nsents = 0, asents = 0;

	memset(out, 0, sizeof *out);
	edition_build(src, gs, ng, &es);
	edition_build(tgt, gs, ng, &et);
	drop_common(&es, &et);
	s.v = es.paras;
	s.n = es.nblocks;
	s.pool = es.pool.v;
	s.indel = 0.04;		/* paragraphs are left out more often than sentences */
	t.v = et.paras;
	t.n = et.nblocks;
	t.pool = et.pool.v;
	t.indel = 0.04;
	out->nparas = dp(&s, &t, &out->band, &out->paras);
	/* sentences inside each paragraph bead */
	for (p = 0; p < out->nparas; p++) {
		const pont_bead *pb = &out->paras[p];
		size_t s0 = es.first[pb->s0], s1 = es.first[pb->s0 + pb->ns];
		size_t t0 = et.first[pb->t0], t1 = et.first[pb->t0 + pb->nt], n, q;
		side ss = { es.sents + s0, s1 - s0, es.pool.v, 0 }, ts = { et.sents + t0, t1 - t0, et.pool.v, 0 };
		pont_bead *sb = NULL;

		n = dp(&ss, &ts, NULL, &sb);
		xgrow((void **)&out->sents, &asents, nsents + n + 1, sizeof *out->sents);
		for (q = 0; q < n; q++) {
			pont_bead b = sb[q];

			b.s0 += s0;
			b.t0 += t0;
			b.para = p;
			/* a doubtful pairing of paragraphs caps the sentences inside it */
			if (b.confidence > (1 + pb->confidence) / 2)
				b.confidence = (1 + pb->confidence) / 2;
			out->sents[nsents++] = b;
		}
		free(sb);
	}
	out->nsents = nsents;
	out->sblocks = es.blocks;
	out->nsblocks = es.nblocks;
	out->tblocks = et.blocks;
	out->ntblocks = et.nblocks;
	edition_release(&es);
	edition_release(&et);
}

void
pont_alignment_release(pont_alignment *a)
{
	free(a->sblocks);
	free(a->tblocks);
	free(a->paras);
	free(a->sents);
	memset(a, 0, sizeof *a);
}
