/* tm.c: the translation memory: units, an inverted index of their tokens, and fuzzy lookup
 * with a weighted token edit distance; saved as one flat file; TMX 1.4b in and out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>

#include "internal.h"

/* Token classes and their weights: a different number, tag or punctuation mark costs less
 * than a different word. */
enum { K_WORD, K_NUMBER, K_PUNCT, K_TAG };
static const double weight_of[] = { 1.0, 0.5, 0.25, 0.25 };

typedef struct tmunit {
	uint32_t src, tgt, note;	/* offsets in the pool; note UINT32_MAX when none */
	uint32_t tok0, ntok;		/* its tokens: toks[tok0 ...] */
	double weight;			/* sum of its tokens' weights */
} tmunit;

struct pont_tm {
	char src_lang[16], trg_lang[16];
	pont_buf pool;			/* strings, NUL-terminated */
	tmunit *u;
	size_t nu, au;
	uint32_t *toks;			/* token ids of every unit */
	size_t ntoks, atoks;
	/* the token dictionary: folded token -> id */
	pont_buf tpool;
	uint32_t *toff;			/* id -> offset in tpool */
	uint8_t *tkind;
	size_t nt, at;
	uint32_t *slot;			/* id + 1 */
	size_t nslot;
	/* postings, built on demand: for token t, post[pstart[t] .. pstart[t + 1]) = (unit, count) */
	uint32_t *pstart, *post;
	int stale;
	/* identical pairs are stored once */
	uint64_t *pairs;
	size_t npairs, apairs, pslots;
	/* lookup scratch */
	double *acc;
	uint32_t *touched;
	size_t nacc;
};

/* --- tokens --- */

static int
is_tag_cp(uint32_t c)
{
	return c >= 0xE000 && c <= 0xF8FF;	/* placeholders of inline codes (private use) */
}

typedef struct qtok {
	size_t a, b;
	int kind;
} qtok;

/* Splits text into words (letters, with inner apostrophes and hyphens), numbers (digits with
 * inner , . : separators), tags (placeholders) and single punctuation marks. */
static size_t
split(const char *s, size_t n, qtok **v, size_t *alloc)
{
	size_t i = 0, k = 0;

	while (i < n) {
		size_t j = i, a = i;
		uint32_t c = pont_utf8_next(s, n, &j);
		int kind;

		if (pont_cp_is_space(c)) {
			i = j;
			continue;
		}
		if (is_tag_cp(c)) {
			kind = K_TAG;
		} else if (pont_cp_is_digit(c)) {
			kind = K_NUMBER;
			while (j < n) {
				size_t q = j, r;
				uint32_t d = pont_utf8_next(s, n, &q);

				if (pont_cp_is_digit(d)) {
					j = q;
					continue;
				}
				r = q;
				if ((d == ',' || d == '.' || d == ':' || d == 0xA0 || d == 0x202F) && q < n &&
				    pont_cp_is_digit(pont_utf8_next(s, n, &r))) {
					j = q;
					continue;
				}
				break;
			}
		} else if (pont_cp_is_letter(c)) {
			kind = K_WORD;
			while (j < n) {
				size_t q = j, r;
				uint32_t d = pont_utf8_next(s, n, &q);

				if (pont_cp_is_alnum(d) || (d >= 0x300 && d <= 0x36F)) {
					j = q;
					continue;
				}
				r = q;
				if ((pont_cp_is_apostrophe(d) || pont_cp_is_hyphen(d)) && q < n &&
				    pont_cp_is_letter(pont_utf8_next(s, n, &r))) {
					j = q;
					continue;
				}
				break;
			}
		} else {
			kind = K_PUNCT;
		}
		XGROW(*v, *alloc, k + 1);
		(*v)[k].a = a;
		(*v)[k].b = j;
		(*v)[k].kind = kind;
		k++;
		i = j;
	}
	return k;
}

/* Folds a token for comparison: lower case (ASCII fast, ICU otherwise), ’ as '. */
static void
fold_token(const char *s, size_t n, pont_buf *out)
{
	size_t i;
	int ascii = 1;

	pont_buf_reset(out);
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			ascii = 0;
	if (ascii) {
		for (i = 0; i < n; i++)
			pont_buf_addc(out, (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]));
		return;
	}
	pont_fold(s, n, out);
}

static uint32_t
token_id(pont_tm *tm, const char *f, size_t n, int kind, int add)
{
	size_t i, k;

	if (tm->nt * 2 >= tm->nslot) {
		size_t ns = tm->nslot ? tm->nslot * 2 : 1024;
		uint32_t *slot = xcalloc(ns, sizeof *slot);

		for (k = 0; k < tm->nt; k++) {
			const char *t = tm->tpool.p + tm->toff[k];
			size_t j = pont_hash(t, strlen(t)) & (ns - 1);

			while (slot[j])
				j = (j + 1) & (ns - 1);
			slot[j] = (uint32_t)k + 1;
		}
		free(tm->slot);
		tm->slot = slot;
		tm->nslot = ns;
	}
	for (i = pont_hash(f, n) & (tm->nslot - 1); tm->slot[i]; i = (i + 1) & (tm->nslot - 1)) {
		const char *t = tm->tpool.p + tm->toff[tm->slot[i] - 1];

		if (strncmp(t, f, n) == 0 && t[n] == '\0')
			return tm->slot[i] - 1;
	}
	if (!add)
		return UINT32_MAX;
	XGROW(tm->toff, tm->at, tm->nt + 1);
	tm->tkind = xrealloc(tm->tkind, tm->at);
	tm->toff[tm->nt] = (uint32_t)tm->tpool.len;
	tm->tkind[tm->nt] = (uint8_t)kind;
	pont_buf_add(&tm->tpool, f, n);
	pont_buf_addc(&tm->tpool, '\0');
	tm->slot[i] = (uint32_t)++tm->nt;
	return (uint32_t)(tm->nt - 1);
}

/* The token ids of text (UINT32_MAX for tokens the memory does not have when add is 0) and
 * their total weight. */
static size_t
tokens(pont_tm *tm, const char *s, size_t n, int add, uint32_t **ids, size_t *aids, double *weight)
{
	qtok *v = NULL;
	size_t alloc = 0, k, nk = split(s, n, &v, &alloc);
	pont_buf f = PONT_BUF_INIT;

	*weight = 0;
	XGROW(*ids, *aids, nk + 1);
	for (k = 0; k < nk; k++) {
		fold_token(s + v[k].a, v[k].b - v[k].a, &f);
		(*ids)[k] = token_id(tm, f.p ? f.p : "", f.len, v[k].kind, add);
		*weight += weight_of[v[k].kind];
	}
	free(v);
	pont_buf_release(&f);
	return nk;
}

static double
tok_weight(const pont_tm *tm, uint32_t id, int qkind)
{
	return weight_of[id == UINT32_MAX ? qkind : tm->tkind[id]];
}

/* --- the memory --- */

pont_tm *
pont_tm_new(const char *src_lang, const char *trg_lang)
{
	pont_tm *tm = xcalloc(1, sizeof *tm);

	snprintf(tm->src_lang, sizeof tm->src_lang, "%s", src_lang);
	snprintf(tm->trg_lang, sizeof tm->trg_lang, "%s", trg_lang);
	pont_buf_addc(&tm->pool, '\0');		/* offset 0: the empty string */
	return tm;
}

void
pont_tm_free(pont_tm *tm)
{
	if (tm == NULL)
		return;
	pont_buf_release(&tm->pool);
	pont_buf_release(&tm->tpool);
	free(tm->u);
	free(tm->toks);
	free(tm->toff);
	free(tm->tkind);
	free(tm->slot);
	free(tm->pstart);
	free(tm->post);
	free(tm->pairs);
	free(tm->acc);
	free(tm->touched);
	free(tm);
}

size_t
pont_tm_size(const pont_tm *tm)
{
	return tm->nu;
}

const char *
pont_tm_src_lang(const pont_tm *tm)
{
	return tm->src_lang;
}

const char *
pont_tm_trg_lang(const pont_tm *tm)
{
	return tm->trg_lang;
}

const char *
pont_tm_source(const pont_tm *tm, size_t i)
{
	return tm->pool.p + tm->u[i].src;
}

const char *
pont_tm_target(const pont_tm *tm, size_t i)
{
	return tm->pool.p + tm->u[i].tgt;
}

const char *
pont_tm_note(const pont_tm *tm, size_t i)
{
	return tm->u[i].note == UINT32_MAX ? NULL : tm->pool.p + tm->u[i].note;
}

/* Is the pair already stored? Adds its hash when not. */
static int
seen_pair(pont_tm *tm, uint64_t h)
{
	size_t i, k;

	if (h == 0)
		h = 1;
	if (tm->npairs * 2 >= tm->pslots) {
		size_t ns = tm->pslots ? tm->pslots * 2 : 1024;
		uint64_t *p = xcalloc(ns, sizeof *p);

		for (k = 0; k < tm->pslots; k++) {
			if (tm->pairs[k] == 0)
				continue;
			for (i = tm->pairs[k] & (ns - 1); p[i]; i = (i + 1) & (ns - 1))
				;
			p[i] = tm->pairs[k];
		}
		free(tm->pairs);
		tm->pairs = p;
		tm->pslots = ns;
	}
	for (i = h & (tm->pslots - 1); tm->pairs[i]; i = (i + 1) & (tm->pslots - 1))
		if (tm->pairs[i] == h)
			return 1;
	tm->pairs[i] = h;
	tm->npairs++;
	return 0;
}

int
pont_tm_add(pont_tm *tm, const char *src, size_t sn, const char *tgt, size_t tn, const char *note)
{
	tmunit *u;
	uint32_t *ids = NULL;
	size_t aids = 0, nk;
	double w;
	uint64_t h = pont_hash(src, sn) * 31 + pont_hash(tgt, tn);

	if (sn == 0 || tn == 0 || seen_pair(tm, h))
		return 0;
	XGROW(tm->u, tm->au, tm->nu + 1);
	u = &tm->u[tm->nu++];
	u->src = (uint32_t)tm->pool.len;
	pont_buf_add(&tm->pool, src, sn);
	pont_buf_addc(&tm->pool, '\0');
	u->tgt = (uint32_t)tm->pool.len;
	pont_buf_add(&tm->pool, tgt, tn);
	pont_buf_addc(&tm->pool, '\0');
	u->note = UINT32_MAX;
	if (note && *note) {
		u->note = (uint32_t)tm->pool.len;
		pont_buf_adds(&tm->pool, note);
		pont_buf_addc(&tm->pool, '\0');
	}
	nk = tokens(tm, src, sn, 1, &ids, &aids, &w);
	if (nk == 0) {			/* white space only: nothing a look-up could find */
		tm->pool.len = u->src;
		tm->nu--;
		free(ids);
		return 0;
	}
	u->tok0 = (uint32_t)tm->ntoks;
	u->ntok = (uint32_t)nk;
	u->weight = w;
	XGROW(tm->toks, tm->atoks, tm->ntoks + nk + 1);
	memcpy(tm->toks + tm->ntoks, ids, nk * sizeof *ids);
	tm->ntoks += nk;
	free(ids);
	tm->stale = 1;
	return 1;
}

/* Postings in compressed rows: for each token, the units holding it and how many times. */
static void
build_postings(pont_tm *tm)
{
	size_t i, k, *fill;
	uint32_t *cnt = xcalloc(tm->nt + 1, sizeof *cnt);

	free(tm->pstart);
	free(tm->post);
	tm->pstart = xcalloc(tm->nt + 1, sizeof *tm->pstart);
	/* distinct tokens per unit: count each (unit, token) once */
	for (i = 0; i < tm->nu; i++) {
		const uint32_t *t = tm->toks + tm->u[i].tok0;

		for (k = 0; k < tm->u[i].ntok; k++) {
			size_t j;

			for (j = 0; j < k && t[j] != t[k]; j++)
				;
			if (j == k)
				cnt[t[k]]++;
		}
	}
	for (k = 0; k < tm->nt; k++)
		tm->pstart[k + 1] = tm->pstart[k] + cnt[k];
	tm->post = xmalloc(((size_t)tm->pstart[tm->nt] + 1) * 2 * sizeof *tm->post);
	fill = xcalloc(tm->nt + 1, sizeof *fill);
	for (i = 0; i < tm->nu; i++) {
		const uint32_t *t = tm->toks + tm->u[i].tok0;

		for (k = 0; k < tm->u[i].ntok; k++) {
			size_t j, c = 0, at;

			for (j = 0; j < k && t[j] != t[k]; j++)
				;
			if (j < k)
				continue;
			for (j = k; j < tm->u[i].ntok; j++)
				c += t[j] == t[k];
			at = tm->pstart[t[k]] + fill[t[k]]++;
			tm->post[2 * at] = (uint32_t)i;
			tm->post[2 * at + 1] = (uint32_t)c;
		}
	}
	free(fill);
	free(cnt);
	tm->stale = 0;
}

/* Weighted token edit distance: deleting or inserting a token costs its weight, replacing it
 * costs the larger weight, or its class's weight when both are numbers, tags or punctuation. */
static double
distance(const pont_tm *tm, const uint32_t *a, const int *ak, size_t na, const uint32_t *b, size_t nb)
{
	double *row = xmalloc((nb + 1) * sizeof *row), d, diag;
	size_t i, j;

	row[0] = 0;
	for (j = 1; j <= nb; j++)
		row[j] = row[j - 1] + weight_of[tm->tkind[b[j - 1]]];
	for (i = 1; i <= na; i++) {
		double wa = tok_weight(tm, a[i - 1], ak[i - 1]);
		int ka = a[i - 1] == UINT32_MAX ? ak[i - 1] : tm->tkind[a[i - 1]];

		diag = row[0];
		row[0] += wa;
		for (j = 1; j <= nb; j++) {
			int kb = tm->tkind[b[j - 1]];
			double wb = weight_of[kb], sub, best;

			if (a[i - 1] == b[j - 1])
				sub = 0;
			else if (ka == kb && ka != K_WORD)
				sub = weight_of[ka];
			else
				sub = wa > wb ? wa : wb;
			best = diag + sub;
			if (row[j] + wa < best)
				best = row[j] + wa;
			if (row[j - 1] + wb < best)
				best = row[j - 1] + wb;
			diag = row[j];
			row[j] = best;
		}
	}
	d = row[nb];
	free(row);
	return d;
}

static int
score_of(double d, double w)
{
	if (w <= 0)
		return 100;
	return (int)floor(100.0 * (1.0 - d / w) + 1e-9);
}

/* A query: its token ids and kinds. */
typedef struct query {
	uint32_t *ids;
	int *kinds;
	size_t n, aids;
	double weight;
} query;

static void
make_query(pont_tm *tm, const char *s, size_t n, query *q)
{
	qtok *v = NULL;
	size_t alloc = 0, k;
	pont_buf f = PONT_BUF_INIT;

	memset(q, 0, sizeof *q);
	q->n = split(s, n, &v, &alloc);
	q->ids = xmalloc((q->n + 1) * sizeof *q->ids);
	q->kinds = xmalloc((q->n + 1) * sizeof *q->kinds);
	for (k = 0; k < q->n; k++) {
		fold_token(s + v[k].a, v[k].b - v[k].a, &f);
		q->ids[k] = token_id(tm, f.p ? f.p : "", f.len, v[k].kind, 0);
		q->kinds[k] = v[k].kind;
		q->weight += weight_of[v[k].kind];
	}
	free(v);
	pont_buf_release(&f);
}

static int
unit_score(const pont_tm *tm, const query *q, size_t i, const char *s, size_t n)
{
	const tmunit *u = &tm->u[i];
	double w = q->weight > u->weight ? q->weight : u->weight;
	int sc = score_of(distance(tm, q->ids, q->kinds, q->n, tm->toks + u->tok0, u->ntok), w);

	/* 100 only for the very same text; the same tokens written otherwise (case, spaces) 99 */
	if (sc >= 100 && (strlen(tm->pool.p + u->src) != n || memcmp(tm->pool.p + u->src, s, n) != 0))
		sc = 99;
	return sc;
}

typedef struct cand {
	uint32_t unit;
	int bound;
} cand;

static int
by_bound(const void *a, const void *b)
{
	const cand *x = a, *y = b;

	if (x->bound != y->bound)
		return x->bound < y->bound ? 1 : -1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static void
keep_best(pont_tm_match *out, size_t *n, size_t max, uint32_t unit, int score)
{
	size_t k;

	if (*n == max && (score < out[max - 1].score || (score == out[max - 1].score && unit > out[max - 1].unit)))
		return;
	k = *n < max ? (*n)++ : max - 1;
	while (k > 0 && (out[k - 1].score < score || (out[k - 1].score == score && out[k - 1].unit > unit))) {
		out[k] = out[k - 1];
		k--;
	}
	out[k].unit = unit;
	out[k].score = score;
}

size_t
pont_tm_lookup(pont_tm *tm, const char *s, size_t n, int min_score, pont_tm_match *out, size_t max)
{
	query q;
	size_t i, k, ntouched = 0, nfound = 0, ncand = 0;
	cand *cands;

	if (max == 0 || tm->nu == 0)
		return 0;
	if (tm->stale)
		build_postings(tm);
	if (tm->nacc < tm->nu) {
		free(tm->acc);
		free(tm->touched);
		tm->acc = xcalloc(tm->nu, sizeof *tm->acc);
		tm->touched = xmalloc(tm->nu * sizeof *tm->touched);
		tm->nacc = tm->nu;
	}
	make_query(tm, s, n, &q);
	/* the weight of the tokens each unit shares with the query (as multisets) */
	for (i = 0; i < q.n; i++) {
		uint32_t t = q.ids[i];
		size_t c = 0, j;

		if (t == UINT32_MAX)
			continue;
		for (j = 0; j < i && q.ids[j] != t; j++)
			;
		if (j < i)
			continue;
		for (j = i; j < q.n; j++)
			c += q.ids[j] == t;
		for (k = tm->pstart[t]; k < tm->pstart[t + 1]; k++) {
			uint32_t u = tm->post[2 * k], cu = tm->post[2 * k + 1];

			if (tm->acc[u] == 0)
				tm->touched[ntouched++] = u;
			tm->acc[u] += weight_of[tm->tkind[t]] * (double)(cu < c ? cu : c);
		}
	}
	/* a unit's score is at most 100 * shared / max(weights): the candidates, best bound first */
	cands = xmalloc((ntouched + 1) * sizeof *cands);
	for (i = 0; i < ntouched; i++) {
		uint32_t u = tm->touched[i];
		double w = q.weight > tm->u[u].weight ? q.weight : tm->u[u].weight;
		int bound = score_of(w - tm->acc[u], w);

		tm->acc[u] = 0;
		if (bound >= min_score) {
			cands[ncand].unit = u;
			cands[ncand].bound = bound;
			ncand++;
		}
	}
	qsort(cands, ncand, sizeof *cands, by_bound);
	for (i = 0; i < ncand; i++) {
		if (nfound == max && cands[i].bound < out[max - 1].score)
			break;
		{
			int sc = unit_score(tm, &q, cands[i].unit, s, n);

			if (sc >= min_score)
				keep_best(out, &nfound, max, cands[i].unit, sc);
		}
	}
	free(cands);
	free(q.ids);
	free(q.kinds);
	return nfound;
}

size_t
pont_tm_lookup_all(pont_tm *tm, const char *s, size_t n, int min_score, pont_tm_match *out, size_t max)
{
	query q;
	size_t i, nfound = 0;

	make_query(tm, s, n, &q);
	for (i = 0; i < tm->nu && max; i++) {
		int sc = unit_score(tm, &q, i, s, n);

		if (sc >= min_score)
			keep_best(out, &nfound, max, (uint32_t)i, sc);
	}
	free(q.ids);
	free(q.kinds);
	return nfound;
}

/* --- the memory's file: a header and the arrays as they are in memory --- */

#define TM_MAGIC "PONT-TM\n"
#define TM_VERSION 1u

typedef struct tmhead {
	char magic[8];
	uint32_t version, endian;
	char src_lang[16], trg_lang[16];
	uint64_t pool, nu, ntoks, tpool, nt, pairs;
} tmhead;

static void
put(pont_buf *b, const void *p, size_t n)
{
	pont_buf_add(b, (const char *)p, n);
	while (b->len % 8)
		pont_buf_addc(b, '\0');
}

void
pont_tm_write(const pont_tm *tm, pont_buf *out)
{
	tmhead h;
	size_t i;
	uint64_t *pairs = xmalloc((tm->npairs + 1) * sizeof *pairs), np = 0;

	memset(&h, 0, sizeof h);
	memcpy(h.magic, TM_MAGIC, 8);
	h.version = TM_VERSION;
	h.endian = 0x01020304u;
	memcpy(h.src_lang, tm->src_lang, sizeof h.src_lang);
	memcpy(h.trg_lang, tm->trg_lang, sizeof h.trg_lang);
	for (i = 0; i < tm->pslots; i++)
		if (tm->pairs[i])
			pairs[np++] = tm->pairs[i];
	h.pool = tm->pool.len;
	h.nu = tm->nu;
	h.ntoks = tm->ntoks;
	h.tpool = tm->tpool.len;
	h.nt = tm->nt;
	h.pairs = np;
	put(out, &h, sizeof h);
	put(out, tm->pool.p, tm->pool.len);
	put(out, tm->u, tm->nu * sizeof *tm->u);
	put(out, tm->toks, tm->ntoks * sizeof *tm->toks);
	put(out, tm->tpool.p ? tm->tpool.p : "", tm->tpool.len);
	put(out, tm->toff, tm->nt * sizeof *tm->toff);
	put(out, tm->tkind, tm->nt);
	put(out, pairs, np * sizeof *pairs);
	free(pairs);
}

static const char *
take(const char **p, const char *end, size_t n)
{
	const char *at = *p;
	size_t pad = (8 - n % 8) % 8;

	if ((size_t)(end - at) < n + pad)
		return NULL;
	*p = at + n + pad;
	return at;
}

int
pont_tm_is_file(const char *data, size_t len)
{
	return len >= 8 && memcmp(data, TM_MAGIC, 8) == 0;
}

pont_tm *
pont_tm_open(const char *data, size_t len, const char *name, pont_error *err)
{
	const char *p = data, *end = data + len, *x;
	tmhead h;
	pont_tm *tm;
	size_t i;

	if (len < sizeof h || memcmp(data, TM_MAGIC, 8) != 0) {
		pont_fail_at(err, PONT_EPARSE, name, 0, 0, "not a pont translation memory");
		return NULL;
	}
	memcpy(&h, take(&p, end, sizeof h), sizeof h);
	if (h.version != TM_VERSION || h.endian != 0x01020304u) {
		pont_fail_at(err, PONT_EPARSE, name, 0, 0, "a translation memory of another pont version or machine: "
			     "export it to TMX there, import it here");
		return NULL;
	}
	tm = pont_tm_new("", "");
	memcpy(tm->src_lang, h.src_lang, sizeof tm->src_lang - 1);
	memcpy(tm->trg_lang, h.trg_lang, sizeof tm->trg_lang - 1);
	pont_buf_reset(&tm->pool);
#define TAKE(dst, count, sz) \
	do { \
		if ((count) > SIZE_MAX / 16 || (x = take(&p, end, (size_t)(count) * (sz))) == NULL) \
			goto bad; \
		memcpy((dst), x, (size_t)(count) * (sz)); \
	} while (0)
	if (h.pool == 0 || h.pool > len || h.nu > len || h.ntoks > len || h.tpool > len || h.nt > len || h.pairs > len)
		goto bad;
	XGROW(tm->pool.p, tm->pool.alloc, h.pool + 1);
	TAKE(tm->pool.p, h.pool, 1);
	tm->pool.len = h.pool;
	tm->pool.p[h.pool] = '\0';
	XGROW(tm->u, tm->au, h.nu + 1);
	TAKE(tm->u, h.nu, sizeof *tm->u);
	tm->nu = h.nu;
	XGROW(tm->toks, tm->atoks, h.ntoks + 1);
	TAKE(tm->toks, h.ntoks, sizeof *tm->toks);
	tm->ntoks = h.ntoks;
	XGROW(tm->tpool.p, tm->tpool.alloc, h.tpool + 1);
	TAKE(tm->tpool.p, h.tpool, 1);
	tm->tpool.len = h.tpool;
	tm->tpool.p[h.tpool] = '\0';
	XGROW(tm->toff, tm->at, h.nt + 1);
	tm->tkind = xmalloc(tm->at);
	TAKE(tm->toff, h.nt, sizeof *tm->toff);
	TAKE(tm->tkind, h.nt, 1);
	tm->nt = h.nt;
#undef TAKE
	/* check every offset before trusting it */
	if (tm->pool.p[h.pool - 1] != '\0' || (h.tpool && tm->tpool.p[h.tpool - 1] != '\0'))
		goto bad;
	for (i = 0; i < tm->nu; i++) {
		const tmunit *u = &tm->u[i];

		if (u->src >= h.pool || u->tgt >= h.pool || (u->note != UINT32_MAX && u->note >= h.pool) ||
		    (uint64_t)u->tok0 + u->ntok > h.ntoks || !(u->weight >= 0))
			goto bad;
	}
	for (i = 0; i < tm->ntoks; i++)
		if (tm->toks[i] >= tm->nt)
			goto bad;
	for (i = 0; i < tm->nt; i++)
		if (tm->toff[i] >= h.tpool || tm->tkind[i] > K_TAG)
			goto bad;
	{
		/* the token hash table and the pair set are rebuilt */
		uint64_t *pairs = xmalloc((h.pairs + 1) * sizeof *pairs);
		size_t ns = 1024, j;

		if ((x = take(&p, end, h.pairs * sizeof *pairs)) == NULL) {
			free(pairs);
			goto bad;
		}
		memcpy(pairs, x, h.pairs * sizeof *pairs);
		while (ns < tm->nt * 2 + 2)
			ns *= 2;
		free(tm->slot);
		tm->slot = xcalloc(ns, sizeof *tm->slot);
		tm->nslot = ns;
		for (i = 0; i < tm->nt; i++) {
			const char *t = tm->tpool.p + tm->toff[i];

			for (j = pont_hash(t, strlen(t)) & (ns - 1); tm->slot[j]; j = (j + 1) & (ns - 1))
				if (strcmp(tm->tpool.p + tm->toff[tm->slot[j] - 1], t) == 0) {
					free(pairs);
					goto bad;	/* a token twice */
				}
			tm->slot[j] = (uint32_t)i + 1;
		}
		for (i = 0; i < h.pairs; i++)
			seen_pair(tm, pairs[i]);
		free(pairs);
	}
	tm->stale = 1;
	return tm;
bad:
	pont_fail_at(err, PONT_EPARSE, name, 0, 0, "the translation memory is damaged (inconsistent offsets)");
	pont_tm_free(tm);
	return NULL;
}
