/* tm.c: the translation memory: units, an inverted index of their tokens, and fuzzy lookup
 * with a weighted token edit distance; saved as one flat file; TMX 1.4b in and out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "internal.h"
#include "tmkey.h"

#define weight_of pont__tm_weight
#define split pont__tm_split
#define fold_token pont__tm_fold_token
#define key_step pont__tm_key_step
#define text_key pont__tm_text_key
typedef pont__qtok qtok;

typedef struct tmunit {
	uint32_t src, tgt, note;	/* offsets in the pool; note UINT32_MAX when none */
	uint32_t prov[PONT_TM_NPROV];	/* article, date, translator, status: offsets, UINT32_MAX when none */
	uint32_t tok0, ntok;		/* its tokens: toks[tok0 ...] */
	uint32_t spare;			/* 0 */
	uint64_t skey, tkey;		/* the source's and the target's text up to typography, hashed */
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
	/* one unit per source and target up to typography: (skey, tkey) -> unit + 1 */
	uint64_t *pkey;
	uint32_t *punit;
	size_t npairs, pslots;
	uint32_t lastprov[PONT_TM_NPROV];
	size_t replaced;			/* units replaced by newer ones since made or opened */	/* the provenance strings last kept, shared by the next units */
	/* lookup scratch */
	double *acc;
	uint32_t *touched;
	size_t nacc;
};

/* --- token ids --- */

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
tokens(pont_tm *tm, const char *s, size_t n, int add, uint32_t **ids, size_t *aids, double *weight, uint64_t *key)
{
	qtok *v = NULL;
	size_t alloc = 0, k, nk = split(s, n, &v, &alloc);
	pont_buf f = PONT_BUF_INIT;

	*weight = 0;
	*key = 0xCBF29CE484222325ull;
	XGROW(*ids, *aids, nk + 1);
	for (k = 0; k < nk; k++) {
		fold_token(s + v[k].a, v[k].b - v[k].a, v[k].kind, &f);
		(*ids)[k] = token_id(tm, f.p ? f.p : "", f.len, v[k].kind, add);
		*weight += weight_of[v[k].kind];
		*key = key_step(*key, f.p ? f.p : "", f.len);
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
	memset(tm->lastprov, 0xFF, sizeof tm->lastprov);
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
	free(tm->pkey);
	free(tm->punit);
	free(tm->acc);
	free(tm->touched);
	free(tm);
}

size_t
pont_tm_size(const pont_tm *tm)
{
	return tm->nu;
}

size_t
pont_tm_replaced(const pont_tm *tm)
{
	return tm->replaced;
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

pont_tm_prov
pont_tm_provenance(const pont_tm *tm, size_t i)
{
	pont_tm_prov p;
	const char *v[PONT_TM_NPROV];
	int k;

	for (k = 0; k < PONT_TM_NPROV; k++)
		v[k] = tm->u[i].prov[k] == UINT32_MAX ? NULL : tm->pool.p + tm->u[i].prov[k];
	p.article = v[0];
	p.date = v[1];
	p.translator = v[2];
	p.status = v[3];
	return p;
}

/* The slot of (skey, tkey) in the pair table, grown first when needed: punit[slot] is the
 * unit + 1, or 0 when the pair is not there. */
static size_t
pair_slot(pont_tm *tm, uint64_t skey, uint64_t tkey)
{
	uint64_t h = skey ^ (tkey * 0x9E3779B97F4A7C15ull);
	size_t i, k;

	if (tm->npairs * 2 >= tm->pslots) {
		size_t ns = tm->pslots ? tm->pslots * 2 : 1024;
		uint64_t *pk = xcalloc(ns, sizeof *pk);
		uint32_t *pu = xcalloc(ns, sizeof *pu);

		for (k = 0; k < tm->pslots; k++) {
			if (tm->punit[k] == 0)
				continue;
			for (i = tm->pkey[k] & (ns - 1); pu[i]; i = (i + 1) & (ns - 1))
				;
			pk[i] = tm->pkey[k];
			pu[i] = tm->punit[k];
		}
		free(tm->pkey);
		free(tm->punit);
		tm->pkey = pk;
		tm->punit = pu;
		tm->pslots = ns;
	}
	for (i = h & (tm->pslots - 1); tm->punit[i]; i = (i + 1) & (tm->pslots - 1)) {
		const tmunit *u = &tm->u[tm->punit[i] - 1];

		if (tm->pkey[i] == h && u->skey == skey && u->tkey == tkey)
			return i;
	}
	tm->pkey[i] = h;
	return i;
}

static uint32_t
keep(pont_tm *tm, const char *s)
{
	uint32_t at;

	if (s == NULL || *s == '\0')
		return UINT32_MAX;
	if (tm->pool.len >= UINT32_MAX - strlen(s) - 1)
		pont__oom(tm->pool.len);
	at = (uint32_t)tm->pool.len;
	pont_buf_adds(&tm->pool, s);
	pont_buf_addc(&tm->pool, '\0');
	return at;
}

/* A provenance string: the one kept last for that field when it is the same. */
static uint32_t
keep_prov(pont_tm *tm, int k, const char *s)
{
	if (s == NULL || *s == '\0')
		return UINT32_MAX;
	if (tm->lastprov[k] != UINT32_MAX && strcmp(tm->pool.p + tm->lastprov[k], s) == 0)
		return tm->lastprov[k];
	return tm->lastprov[k] = keep(tm, s);
}

/* A unit's texts and provenance, kept in the pool. */
static void
set_texts(pont_tm *tm, tmunit *u, const char *src, size_t sn, const char *tgt, size_t tn, const char *note,
	  const char *const *pv)
{
	int k;

	u->src = (uint32_t)tm->pool.len;
	pont_buf_add(&tm->pool, src, sn);
	pont_buf_addc(&tm->pool, '\0');
	u->tgt = (uint32_t)tm->pool.len;
	pont_buf_add(&tm->pool, tgt, tn);
	pont_buf_addc(&tm->pool, '\0');
	u->note = keep(tm, note);
	for (k = 0; k < PONT_TM_NPROV; k++)
		u->prov[k] = keep_prov(tm, k, pv[k]);
}

static int
same_str(const pont_tm *tm, uint32_t at, const char *s)
{
	if (at == UINT32_MAX)
		return s == NULL || *s == '\0';
	return s && strcmp(tm->pool.p + at, s) == 0;
}

int
pont_tm_add(pont_tm *tm, const char *src, size_t sn, const char *tgt, size_t tn, const char *note)
{
	return pont_tm_add_unit(tm, src, sn, tgt, tn, note, NULL);
}

int
pont_tm_add_unit(pont_tm *tm, const char *src, size_t sn, const char *tgt, size_t tn, const char *note,
		 const pont_tm_prov *prov)
{
	tmunit *u;
	uint32_t *ids = NULL;
	size_t aids = 0, nk, slot;
	double w;
	uint64_t skey, tkey;
	const char *pv[PONT_TM_NPROV] = { NULL, NULL, NULL, NULL };

	if (sn == 0 || tn == 0)
		return PONT_TM_KEPT;
	if (tm->pool.len + sn + tn + 2 >= UINT32_MAX)	/* offsets are 32-bit: 4 GB of text at most */
		pont__oom(tm->pool.len + sn + tn);
	if (prov) {
		pv[0] = prov->article;
		pv[1] = prov->date;
		pv[2] = prov->translator;
		pv[3] = prov->status;
	}
	nk = tokens(tm, src, sn, 1, &ids, &aids, &w, &skey);
	if (nk == 0) {			/* white space only: nothing a look-up could find */
		free(ids);
		return PONT_TM_KEPT;
	}
	tkey = text_key(tgt, tn);
	slot = pair_slot(tm, skey, tkey);
	if (tm->punit[slot]) {
		/* the same source and target up to typography: the newest is kept, once */
		u = &tm->u[tm->punit[slot] - 1];
		free(ids);
		if (pv[1] && u->prov[1] != UINT32_MAX && strcmp(pv[1], tm->pool.p + u->prov[1]) < 0)
			return PONT_TM_KEPT;	/* older than what is there */
		if (strlen(tm->pool.p + u->src) == sn && memcmp(tm->pool.p + u->src, src, sn) == 0 &&
		    strlen(tm->pool.p + u->tgt) == tn && memcmp(tm->pool.p + u->tgt, tgt, tn) == 0 &&
		    same_str(tm, u->note, note) && same_str(tm, u->prov[0], pv[0]) && same_str(tm, u->prov[1], pv[1]) &&
		    same_str(tm, u->prov[2], pv[2]) && same_str(tm, u->prov[3], pv[3]))
			return PONT_TM_KEPT;
		set_texts(tm, u, src, sn, tgt, tn, note, pv);
		tm->replaced++;
		return PONT_TM_REPLACED;
	}
	XGROW(tm->u, tm->au, tm->nu + 1);
	u = &tm->u[tm->nu++];
	memset(u, 0, sizeof *u);	/* its padding too: the memory's file holds no stray bytes */
	set_texts(tm, u, src, sn, tgt, tn, note, pv);
	u->skey = skey;
	u->tkey = tkey;
	u->tok0 = (uint32_t)tm->ntoks;
	u->ntok = (uint32_t)nk;
	u->weight = w;
	XGROW(tm->toks, tm->atoks, tm->ntoks + nk + 1);
	memcpy(tm->toks + tm->ntoks, ids, nk * sizeof *ids);
	tm->ntoks += nk;
	free(ids);
	tm->punit[slot] = (uint32_t)tm->nu;
	tm->npairs++;
	tm->stale = 1;
	return PONT_TM_ADDED;
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
		fold_token(s + v[k].a, v[k].b - v[k].a, v[k].kind, &f);
		q->ids[k] = token_id(tm, f.p ? f.p : "", f.len, v[k].kind, 0);
		q->kinds[k] = v[k].kind;
		q->weight += weight_of[v[k].kind];
	}
	free(v);
	pont_buf_release(&f);
}

/* The score of unit i: 100 when the texts are the same up to typography and case (then
 * *differs is 1 when their bytes are not the same). */
static int
unit_score(const pont_tm *tm, const query *q, size_t i, const char *s, size_t n, int *differs)
{
	const tmunit *u = &tm->u[i];
	double w = q->weight > u->weight ? q->weight : u->weight;
	int sc = score_of(distance(tm, q->ids, q->kinds, q->n, tm->toks + u->tok0, u->ntok), w);

	*differs = sc >= 100 && (strlen(tm->pool.p + u->src) != n || memcmp(tm->pool.p + u->src, s, n) != 0);
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
	return x->unit > y->unit ? -1 : x->unit < y->unit;
}

/* Keeps the max best matches, best first; among equal scores the newest unit first. */
static void
keep_best(pont_tm_match *out, size_t *n, size_t max, uint32_t unit, int score, int differs)
{
	size_t k;

	if (*n == max && (score < out[max - 1].score || (score == out[max - 1].score && unit < out[max - 1].unit)))
		return;
	k = *n < max ? (*n)++ : max - 1;
	while (k > 0 && (out[k - 1].score < score || (out[k - 1].score == score && out[k - 1].unit < unit))) {
		out[k] = out[k - 1];
		k--;
	}
	out[k].unit = unit;
	out[k].score = score;
	out[k].differs = differs;
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
			int differs, sc = unit_score(tm, &q, cands[i].unit, s, n, &differs);

			if (sc >= min_score)
				keep_best(out, &nfound, max, cands[i].unit, sc, differs);
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
		int differs, sc = unit_score(tm, &q, i, s, n, &differs);

		if (sc >= min_score)
			keep_best(out, &nfound, max, (uint32_t)i, sc, differs);
	}
	free(q.ids);
	free(q.kinds);
	return nfound;
}

/* --- the memory's file: a header and the arrays as they are in memory --- */

#define TM_MAGIC "PONT-TM\n"
#define TM_VERSION 2u	/* 1: no provenance, tokens folded with their typography */

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
	int k;
	pont_buf pool = PONT_BUF_INIT;
	tmunit *u = xmalloc((tm->nu + 1) * sizeof *u);
	uint32_t last[PONT_TM_NPROV], lastnew[PONT_TM_NPROV];

	/* the pool without the texts of replaced units; provenance shared as it was */
	memset(last, 0xFF, sizeof last);
	memset(lastnew, 0xFF, sizeof lastnew);
	pont_buf_addc(&pool, '\0');
	for (i = 0; i < tm->nu; i++) {
		const tmunit *o = &tm->u[i];

		u[i] = *o;
		u[i].src = (uint32_t)pool.len;
		pont_buf_adds(&pool, tm->pool.p + o->src);
		pont_buf_addc(&pool, '\0');
		u[i].tgt = (uint32_t)pool.len;
		pont_buf_adds(&pool, tm->pool.p + o->tgt);
		pont_buf_addc(&pool, '\0');
		if (o->note != UINT32_MAX) {
			u[i].note = (uint32_t)pool.len;
			pont_buf_adds(&pool, tm->pool.p + o->note);
			pont_buf_addc(&pool, '\0');
		}
		for (k = 0; k < PONT_TM_NPROV; k++) {
			if (o->prov[k] == UINT32_MAX)
				continue;
			if (o->prov[k] == last[k] || (last[k] != UINT32_MAX &&
						       strcmp(tm->pool.p + o->prov[k], tm->pool.p + last[k]) == 0)) {
				u[i].prov[k] = lastnew[k];
				continue;
			}
			last[k] = o->prov[k];
			lastnew[k] = u[i].prov[k] = (uint32_t)pool.len;
			pont_buf_adds(&pool, tm->pool.p + o->prov[k]);
			pont_buf_addc(&pool, '\0');
		}
	}
	memset(&h, 0, sizeof h);
	memcpy(h.magic, TM_MAGIC, 8);
	h.version = TM_VERSION;
	h.endian = 0x01020304u;
	memcpy(h.src_lang, tm->src_lang, sizeof h.src_lang);
	memcpy(h.trg_lang, tm->trg_lang, sizeof h.trg_lang);
	h.pool = pool.len;
	h.nu = tm->nu;
	h.ntoks = tm->ntoks;
	h.tpool = tm->tpool.len;
	h.nt = tm->nt;
	h.pairs = 0;
	put(out, &h, sizeof h);
	put(out, pool.p, pool.len);
	put(out, u, tm->nu * sizeof *u);
	put(out, tm->toks, tm->ntoks * sizeof *tm->toks);
	put(out, tm->tpool.p ? tm->tpool.p : "", tm->tpool.len);
	put(out, tm->toff, tm->nt * sizeof *tm->toff);
	put(out, tm->tkind, tm->nt);
	free(u);
	pont_buf_release(&pool);
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

/* A memory of the first file format (no provenance, tokens folded with their typography):
 * its units added again. */
typedef struct tmunit1 {
	uint32_t src, tgt, note, tok0, ntok;
	double weight;
} tmunit1;

static pont_tm *
open_v1(const tmhead *h, const char *p, const char *end)
{
	const char *pool, *x;
	pont_tm *tm;
	size_t i;

	if (h->pool == 0 || h->nu > (size_t)(end - p) / sizeof(tmunit1) || (pool = take(&p, end, h->pool)) == NULL ||
	    pool[h->pool - 1] != '\0' || (x = take(&p, end, h->nu * sizeof(tmunit1))) == NULL)
		return NULL;
	for (i = 0; i < h->pool; i += strlen(pool + i) + 1)
		if (pont_utf8_check(pool + i, strlen(pool + i)) != strlen(pool + i))
			return NULL;
	tm = pont_tm_new(h->src_lang, h->trg_lang);
	for (i = 0; i < h->nu; i++) {
		tmunit1 u;

		memcpy(&u, x + i * sizeof u, sizeof u);
		if (u.src >= h->pool || u.tgt >= h->pool || (u.note != UINT32_MAX && u.note >= h->pool)) {
			pont_tm_free(tm);
			return NULL;
		}
		pont_tm_add(tm, pool + u.src, strlen(pool + u.src), pool + u.tgt, strlen(pool + u.tgt),
			    u.note == UINT32_MAX ? NULL : pool + u.note);
	}
	return tm;
}

pont_tm *
pont_tm_open(const char *data, size_t len, const char *name, pont_error *err)
{
	const char *p = data, *end = data + len, *x;
	tmhead h;
	pont_tm *tm;
	size_t i;
	int k;

	if (len < sizeof h || memcmp(data, TM_MAGIC, 8) != 0) {
		pont_fail_at(err, PONT_EPARSE, name, 0, 0, "not a pont translation memory");
		return NULL;
	}
	memcpy(&h, take(&p, end, sizeof h), sizeof h);
	h.src_lang[sizeof h.src_lang - 1] = h.trg_lang[sizeof h.trg_lang - 1] = '\0';
	if (h.version == 1 && h.endian == 0x01020304u) {
		if ((tm = open_v1(&h, p, end)) == NULL)
			pont_fail_at(err, PONT_EPARSE, name, 0, 0, "the translation memory is damaged (inconsistent offsets)");
		return tm;
	}
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
	if (h.pool == 0 || h.pool > len || h.nu > len || h.ntoks > len || h.tpool > len || h.nt > len || h.pairs)
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
		    (uint64_t)u->tok0 + u->ntok > h.ntoks || u->ntok == 0 || !(u->weight >= 0))
			goto bad;
		for (k = 0; k < PONT_TM_NPROV; k++)
			if (u->prov[k] != UINT32_MAX && u->prov[k] >= h.pool)
				goto bad;
	}
	for (i = 0; i < tm->ntoks; i++)
		if (tm->toks[i] >= tm->nt)
			goto bad;
	for (i = 0; i < tm->nt; i++)
		if (tm->toff[i] >= h.tpool || tm->tkind[i] > K_TAG)
			goto bad;
	/* and every string of it UTF-8, as everything pont reads: an export must not write bytes
	 * that are not text */
	for (i = 0; i < h.pool; i += strlen(tm->pool.p + i) + 1)
		if (pont_utf8_check(tm->pool.p + i, strlen(tm->pool.p + i)) != strlen(tm->pool.p + i)) {
			pont_fail_at(err, PONT_EPARSE, name, 0, 0, "the translation memory is damaged (text that is not "
				     "UTF-8 at byte %zu of its text)", i + pont_utf8_check(tm->pool.p + i, strlen(tm->pool.p + i)));
			pont_tm_free(tm);
			return NULL;
		}
	for (i = 0; i < h.tpool; i += strlen(tm->tpool.p + i) + 1)
		if (pont_utf8_check(tm->tpool.p + i, strlen(tm->tpool.p + i)) != strlen(tm->tpool.p + i))
			goto bad;
	{
		/* the token hash table and the pair table are rebuilt */
		size_t ns = 1024, j;

		while (ns < tm->nt * 2 + 2)
			ns *= 2;
		free(tm->slot);
		tm->slot = xcalloc(ns, sizeof *tm->slot);
		tm->nslot = ns;
		for (i = 0; i < tm->nt; i++) {
			const char *t = tm->tpool.p + tm->toff[i];

			for (j = pont_hash(t, strlen(t)) & (ns - 1); tm->slot[j]; j = (j + 1) & (ns - 1))
				if (strcmp(tm->tpool.p + tm->toff[tm->slot[j] - 1], t) == 0)
					goto bad;	/* a token twice */
			tm->slot[j] = (uint32_t)i + 1;
		}
		for (i = 0; i < tm->nu; i++) {
			size_t slot = pair_slot(tm, tm->u[i].skey, tm->u[i].tkey);

			if (tm->punit[slot])
				goto bad;	/* a unit twice */
			tm->punit[slot] = (uint32_t)i + 1;
			tm->npairs++;
		}
	}
	tm->stale = 1;
	return tm;
bad:
	pont_fail_at(err, PONT_EPARSE, name, 0, 0, "the translation memory is damaged (inconsistent offsets)");
	pont_tm_free(tm);
	return NULL;
}
