/* bitext.c: a French article and its English edition as one object: each side read, parsed
 * and segmented once, and the pairs of sentences (from the aligner, or a work file's
 * segments) that the checks read. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct bside {
	char *name;
	char *text;		/* owned, NUL-terminated */
	size_t len;
	pont_doc *doc;
	pont_segs segs;
	pont_lines li;
	pont_matches terms;
	int matched;
} bside;

struct pont_bitext {
	bside s[2];
	pont_pair *v;
	size_t n, a;
	int workfile;
	pont_alignment al;
	char **strs;		/* the ids pairs point to */
	size_t nstrs, astrs;
};

static const char *
keep(pont_bitext *bt, const char *s)
{
	XGROW(bt->strs, bt->astrs, bt->nstrs + 1);
	return bt->strs[bt->nstrs++] = xstrndup(s, strlen(s));
}

static pont_pair *
add_pair(pont_bitext *bt, pont_pair_kind kind, size_t sa, size_t se, size_t ta, size_t te, size_t sblock,
	 size_t tblock)
{
	pont_pair *p;

	XGROW(bt->v, bt->a, bt->n + 1);
	p = &bt->v[bt->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->src.start = sa;
	p->src.end = se;
	p->tgt.start = ta;
	p->tgt.end = te;
	p->sblock = sblock;
	p->tblock = tblock;
	p->confidence = p->para_confidence = 1;
	p->shape[0] = p->shape[1] = p->shape[2] = p->shape[3] = 1;
	return p;
}

void
pont_bitext_free(pont_bitext *bt)
{
	size_t i;
	int k;

	if (bt == NULL)
		return;
	pont_alignment_release(&bt->al);
	for (k = 0; k < 2; k++) {
		pont_matches_release(&bt->s[k].terms);
		pont_lines_release(&bt->s[k].li);
		pont_segs_release(&bt->s[k].segs);
		pont_doc_free(bt->s[k].doc);
		free(bt->s[k].text);
		free(bt->s[k].name);
	}
	for (i = 0; i < bt->nstrs; i++)
		free(bt->strs[i]);
	free(bt->strs);
	free(bt->v);
	free(bt);
}

/* Segments a side with the options' segmenter, or one made for the occasion; matches its
 * terms when there is a matcher. */
static pont_status
segment_side(bside *sd, const pont_bitext_options *opt, int target, pont_error *err)
{
	pont_segmenter *sg = opt ? (target ? opt->en : opt->fr) : NULL, *own = NULL;
	pont_matcher *m = opt ? (target ? opt->men : opt->mfr) : NULL;
	pont_status rc;

	if (sg == NULL && (sg = own = pont_segmenter_new(target ? "en" : "fr", err)) == NULL)
		return err ? err->code : PONT_EICU;
	rc = pont_segment_doc(sg, sd->doc, &sd->segs, err);
	pont_segmenter_free(own);
	if (rc == PONT_OK && m) {
		pont_match_doc(m, sd->doc, &sd->terms);
		sd->matched = 1;
	}
	if (rc == PONT_OK)
		pont_lines_init(&sd->li, sd->text, sd->len, sd->len >= 3 && memcmp(sd->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
	return rc;
}

static int
has_label(const pont_block *b)
{
	return b->label.end > b->label.start;
}

/* The pairs of an alignment: paragraphs without a counterpart, labelled paragraphs paired 1:1,
 * and the sentence beads inside each paragraph bead. */
static void
pairs_of(pont_bitext *bt, const pont_alignment *al)
{
	const pont_doc *sd = bt->s[0].doc, *td = bt->s[1].doc;
	const pont_segs *ss = &bt->s[0].segs, *ts = &bt->s[1].segs;
	size_t p, k = 0, q;

	for (p = 0; p < al->nparas; p++) {
		const pont_bead *pb = &al->paras[p];
		size_t sbi = pb->ns ? al->sblocks[pb->s0] : PONT_NOPOS, tbi = pb->nt ? al->tblocks[pb->t0] : PONT_NOPOS;
		const pont_block *bs = pb->ns ? pont_doc_block(sd, sbi) : NULL, *bt_ = pb->nt ? pont_doc_block(td, tbi) : NULL;

		if (pb->ns == 0 || pb->nt == 0) {
			/* where the missing side would be: after the block before it on that side */
			size_t near = PONT_NOPOS;

			if (pb->ns && pb->t0 > 0)
				near = pont_doc_block(td, al->tblocks[pb->t0 - 1])->span.end;
			else if (pb->nt && pb->s0 > 0)
				near = pont_doc_block(sd, al->sblocks[pb->s0 - 1])->span.end;
			if (near == PONT_NOPOS)
				near = 0;
			for (q = 0; q < pb->ns + pb->nt; q++) {
				if (pb->ns) {
					const pont_block *b = pont_doc_block(sd, al->sblocks[pb->s0 + q]);

					add_pair(bt, PONT_PAIR_SOURCE_PARAGRAPH, b->content.start, b->content.end, near, near,
						 al->sblocks[pb->s0 + q], PONT_NOPOS);
				} else {
					const pont_block *b = pont_doc_block(td, al->tblocks[pb->t0 + q]);

					add_pair(bt, PONT_PAIR_TARGET_PARAGRAPH, near, near, b->content.start, b->content.end,
						 PONT_NOPOS, al->tblocks[pb->t0 + q]);
				}
			}
			while (k < al->nsents && al->sents[k].para == p)
				k++;
			continue;
		}
		if (pb->ns == 1 && pb->nt == 1 && (has_label(bs) || has_label(bt_)))
			add_pair(bt, PONT_PAIR_PARAGRAPHS, bs->span.start, bs->span.end, bt_->span.start, bt_->span.end, sbi,
				 tbi)->confidence = pb->confidence;
		for (; k < al->nsents && al->sents[k].para == p; k++) {
			const pont_bead *bd = &al->sents[k];
			size_t sa, se, ta, te;
			pont_pair_kind kind = bd->ns == 0 ? PONT_PAIR_TARGET_ONLY : bd->nt == 0 ? PONT_PAIR_SOURCE_ONLY :
								    PONT_PAIR_SENTENCES;

			if (bd->ns) {
				sa = ss->v[bd->s0].span.start;
				se = ss->v[bd->s0 + bd->ns - 1].span.end;
			} else {
				sa = se = bd->s0 > 0 ? ss->v[bd->s0 - 1].span.end : bs->content.start;
			}
			if (bd->nt) {
				ta = ts->v[bd->t0].span.start;
				te = ts->v[bd->t0 + bd->nt - 1].span.end;
			} else {
				ta = te = bd->t0 > 0 ? ts->v[bd->t0 - 1].span.end : bt_->content.start;
			}
			{
				pont_pair *np = add_pair(bt, kind, sa, se, ta, te, sbi, tbi);

				np->confidence = bd->confidence;
				np->para_confidence = pb->confidence;
				np->shape[0] = (unsigned char)(bd->ns < 255 ? bd->ns : 255);
				np->shape[1] = (unsigned char)(bd->nt < 255 ? bd->nt : 255);
				np->shape[2] = (unsigned char)(pb->ns < 255 ? pb->ns : 255);
				np->shape[3] = (unsigned char)(pb->nt < 255 ? pb->nt : 255);
			}
		}
	}
}

pont_bitext *
pont_bitext_from_articles(const char *sname, const char *src, size_t sn, const pont_doc_options *so, const char *tname,
			  const char *tgt, size_t tn, const pont_doc_options *to, const pont_bitext_options *opt,
			  pont_error *err)
{
	pont_bitext *bt = xcalloc(1, sizeof *bt);
	const char *names[2] = { sname ? sname : "source", tname ? tname : "target" };
	const char *texts[2] = { src, tgt };
	size_t lens[2] = { sn, tn };
	const pont_doc_options *opts[2] = { so, to };
	int k;

	for (k = 0; k < 2; k++) {
		bside *sd = &bt->s[k];

		sd->name = xstrndup(names[k], strlen(names[k]));
		sd->text = xstrndup(texts[k], lens[k]);
		sd->len = lens[k];
		if ((sd->doc = pont_doc_parse(sd->text, sd->len, opts[k], err)) == NULL ||
		    segment_side(sd, opt, k, err) != PONT_OK) {
			if (err && err->file == NULL)
				err->file = names[k];
			pont_bitext_free(bt);
			return NULL;
		}
	}
	{
		int terms = bt->s[0].matched && bt->s[1].matched;
		pont_align_input a = { bt->s[0].doc, &bt->s[0].segs, terms ? &bt->s[0].terms : NULL };
		pont_align_input b = { bt->s[1].doc, &bt->s[1].segs, terms ? &bt->s[1].terms : NULL };

		pont_align_docs(&a, &b, terms ? opt->gs : NULL, terms ? opt->ng : 0, &bt->al);
		pairs_of(bt, &bt->al);
	}
	return bt;
}

/* One side made of pieces: their texts, a blank line between them, each a paragraph. */
static int
side_of_pieces(bside *sd, const char *name, const char *const *txt, const size_t *len, size_t n, pont_format format,
	       const pont_bitext_options *opt, int target, pont_span *spans, pont_error *err)
{
	pont_buf b = PONT_BUF_INIT;
	pont_doc_options o = { format, PONT_PARA_BLANK, NULL };
	size_t i;

	sd->name = xstrndup(name, strlen(name));
	for (i = 0; i < n; i++) {
		if (i)
			pont_buf_adds(&b, "\n\n");
		spans[i].start = b.len;
		pont_buf_add(&b, txt[i] ? txt[i] : "", len[i]);
		spans[i].end = b.len;
	}
	sd->text = b.p ? b.p : xstrndup("", 0);
	sd->len = b.len;
	sd->doc = pont_doc_parse_blocks(sd->text, sd->len, spans, n, &o);
	return segment_side(sd, opt, target, err) == PONT_OK;
}

pont_bitext *
pont_bitext_from_texts(const char *name, const char *const *src, const size_t *sn, const char *const *tgt,
		       const size_t *tn, size_t n, pont_format format, const pont_bitext_options *opt, pont_error *err)
{
	pont_bitext *bt = xcalloc(1, sizeof *bt);
	pont_span *ss = xcalloc(n + 1, sizeof *ss), *ts = xcalloc(n + 1, sizeof *ts);
	size_t i;

	if (name == NULL)
		name = "pairs";
	if (!side_of_pieces(&bt->s[0], name, src, sn, n, format, opt, 0, ss, err) ||
	    !side_of_pieces(&bt->s[1], name, tgt, tn, n, format, opt, 1, ts, err)) {
		pont_bitext_free(bt);
		bt = NULL;
	}
	for (i = 0; bt && i < n; i++)
		add_pair(bt, PONT_PAIR_SENTENCES, ss[i].start, ss[i].end, ts[i].start, ts[i].end, i, i);
	free(ss);
	free(ts);
	return bt;
}

pont_bitext *
pont_bitext_from_xliff(const pont_xliff *x, const char *name, const pont_bitext_options *opt, pont_error *err)
{
	size_t nu = pont_xliff_nunits(x), u, p, n = 0, a = 0;
	const char **src = NULL, **tgt = NULL;
	size_t *sn = NULL, *tn = NULL;
	pont_xliff_seg *seg = NULL;
	pont_bitext *bt;

	for (u = 0; u < nu; u++) {
		for (p = 0; p < pont_xliff_npieces(x, u); p++) {
			pont_xliff_seg sg;

			pont_xliff_piece(x, u, p, &sg);
			/* ignorables, and segments left to pont merge (no translation) are not pairs */
			if (sg.ignorable || sg.target == NULL || (sg.target_len == 0 && sg.source_len > 0))
				continue;
			if (n == a) {
				a = a ? 2 * a : 64;
				src = xrealloc(src, a * sizeof *src);
				tgt = xrealloc(tgt, a * sizeof *tgt);
				sn = xrealloc(sn, a * sizeof *sn);
				tn = xrealloc(tn, a * sizeof *tn);
				seg = xrealloc(seg, a * sizeof *seg);
			}
			src[n] = sg.source;
			sn[n] = sg.source_len;
			tgt[n] = sg.target;
			tn[n] = sg.target_len;
			seg[n] = sg;
			seg[n].source = pont_xliff_unit_id(x, u, NULL, NULL);	/* the unit's id, kept here */
			n++;
		}
	}
	bt = pont_bitext_from_texts(name, src, sn, tgt, tn, n, (pont_format)pont_xliff_format(x), opt, err);
	for (p = 0; bt && p < n; p++) {
		bt->v[p].unit = keep(bt, seg[p].source);
		bt->v[p].segment = keep(bt, seg[p].id);
		bt->v[p].line = seg[p].line;
		bt->v[p].col = seg[p].col;
	}
	if (bt)
		bt->workfile = 1;
	free(src);
	free(tgt);
	free(sn);
	free(tn);
	free(seg);
	return bt;
}

size_t
pont_bitext_npairs(const pont_bitext *bt)
{
	return bt->n;
}

const pont_pair *
pont_bitext_pair(const pont_bitext *bt, size_t i)
{
	return i < bt->n ? &bt->v[i] : NULL;
}

const char *
pont_bitext_name(const pont_bitext *bt, pont_side side)
{
	return bt->s[side != PONT_SOURCE].name;
}

const pont_doc *
pont_bitext_doc(const pont_bitext *bt, pont_side side)
{
	return bt->s[side != PONT_SOURCE].doc;
}

const pont_segs *
pont_bitext_segs(const pont_bitext *bt, pont_side side)
{
	return &bt->s[side != PONT_SOURCE].segs;
}

void
pont_bitext_pos(const pont_bitext *bt, pont_side side, size_t off, unsigned long *line, unsigned long *col)
{
	pont_lines_pos(&bt->s[side != PONT_SOURCE].li, off, line, col);
}

int
pont_bitext_is_workfile(const pont_bitext *bt)
{
	return bt->workfile;
}

const pont_matches *
pont_bitext_terms(const pont_bitext *bt, pont_side side)
{
	return bt->s[side != PONT_SOURCE].matched ? &bt->s[side != PONT_SOURCE].terms : NULL;
}

const pont_alignment *
pont_bitext_alignment(const pont_bitext *bt)
{
	return bt->al.nparas || bt->al.nsents ? &bt->al : NULL;
}
