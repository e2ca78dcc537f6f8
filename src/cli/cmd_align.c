/* cmd_align.c: pont align: two editions of one document, sentence by sentence, into TMX or TSV. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { FMT_TSV, FMT_TMX, FMT_TEXT };
enum { O_MIN_CONFIDENCE = CLI_O_OWN, O_KEEP_IDENTICAL, O_BY, O_VERBOSE = 'v' };

static struct {
	double minconf;
	int keep_identical, by_para, verbose;
} o;

/* One side of the bitext, as the writers below read it. */
typedef struct edition {
	const char *path;
	const char *text;
	const pont_doc *doc;
	const pont_segs *segs;
	const pont_bitext *bt;
	pont_side side;
} edition;

/* A text over several lines as one line: line ends and tabs become spaces. */
static void
one_line(pont_buf *b)
{
	size_t k;

	for (k = 0; k < b->len; k++)
		if (b->p[k] == '\n' || b->p[k] == '\r' || b->p[k] == '\t')
			b->p[k] = ' ';
}

/* The text of n sentences from s0: the original text between them when one block holds them. */
static void
bead_text(const edition *e, size_t s0, size_t n, pont_buf *out)
{
	size_t k;

	pont_buf_reset(out);
	for (k = s0; k < s0 + n; k++) {
		const pont_seg *s = &e->segs->v[k];

		if (k > s0 && s->block == e->segs->v[k - 1].block)
			pont_buf_add(out, e->text + e->segs->v[k - 1].span.end, s->span.start - e->segs->v[k - 1].span.end);
		else if (k > s0)
			pont_buf_addc(out, ' ');
		pont_buf_add(out, e->text + s->span.start, s->span.end - s->span.start);
	}
	one_line(out);
}

static unsigned long
line_of(const edition *e, size_t seg)
{
	unsigned long l, c;

	pont_bitext_pos(e->bt, e->side, e->segs->v[seg].span.start, &l, &c);
	return l;
}

/* The file name without its directories (for notes kept in memories). */
static const char *
base(const char *path)
{
	const char *s = strrchr(cli_name(path), '/');

	return s ? s + 1 : cli_name(path);
}

static unsigned long
block_line(const edition *e, size_t block)
{
	unsigned long l, c;

	pont_bitext_pos(e->bt, e->side, pont_doc_block(e->doc, block)->content.start, &l, &c);
	return l;
}

/* The content of n paragraphs from p0 (indices into blocks), one space between them. */
static void
para_text(const edition *e, const size_t *blocks, size_t p0, size_t n, pont_buf *out)
{
	size_t k;

	pont_buf_reset(out);
	for (k = p0; k < p0 + n; k++) {
		const pont_block *b = pont_doc_block(e->doc, blocks[k]);

		if (k > p0)
			pont_buf_addc(out, ' ');
		pont_buf_add(out, e->text + b->content.start, b->content.end - b->content.start);
	}
	one_line(out);
}

/* Reports the runs of low-confidence pairs (and the stretches with no counterpart) on stderr. */
static size_t
report_runs(const pont_alignment *al, const edition *fr, const edition *en, int verbose)
{
	size_t i = 0, runs = 0;

	while (i < al->nsents) {
		size_t j = i, nsrc = 0, ntgt = 0;
		double low = 1;

		if (al->sents[i].confidence >= 0.5) {
			i++;
			continue;
		}
		while (j < al->nsents && al->sents[j].confidence < 0.5) {
			nsrc += al->sents[j].ns;
			ntgt += al->sents[j].nt;
			low = al->sents[j].confidence < low ? al->sents[j].confidence : low;
			j++;
		}
		if (runs++ < 10 || verbose) {
			const pont_bead *a = &al->sents[i], *z = &al->sents[j - 1];
			char fpos[64] = "", epos[64] = "";

			if (nsrc)
				snprintf(fpos, sizeof fpos, "%lu", line_of(fr, a->ns ? a->s0 : a->s0 < fr->segs->n ? a->s0 : a->s0 - 1));
			if (ntgt)
				snprintf(epos, sizeof epos, "%s:%lu-%lu", cli_name(en->path),
					 line_of(en, a->nt ? a->t0 : a->t0 < en->segs->n ? a->t0 : a->t0 - 1),
					 line_of(en, z->nt ? z->t0 + z->nt - 1 : z->t0 ? z->t0 - 1 : 0));
			if (nsrc) {
				char where[300];

				snprintf(where, sizeof where, "%s:%s:1", cli_name(fr->path), fpos);
				cli_msg(where, "warning", "%zu French and %zu English sentences aligned with low "
					"confidence (down to %.2f)%s%s", nsrc, ntgt, low,
					ntgt ? " with " : ": no English for them", epos);
			} else {
				cli_msg(NULL, "warning", "%s: %zu English sentences with no French counterpart", epos, ntgt);
			}
		}
		i = j;
	}
	if (runs > 10 && !verbose)
		cli_msg(NULL, "note", "%zu more low-confidence runs (-v lists them all)", runs - 10);
	return runs;
}

static int
opt(cli_env *env, int key, const char *arg)
{
	char *end;

	(void)env;
	switch (key) {
	case O_MIN_CONFIDENCE:
		o.minconf = strtod(arg, &end);
		if (*arg == '\0' || *end != '\0' || !(o.minconf >= 0 && o.minconf <= 1))
			return cli_usage("align", "--min-confidence takes a number from 0 to 1, not '%s'", arg);
		return EXIT_OK;
	case O_KEEP_IDENTICAL:
		o.keep_identical = 1;
		return EXIT_OK;
	case O_BY:
		if ((o.by_para = strcmp(arg, "paragraph") == 0 ? 1 : strcmp(arg, "sentence") == 0 ? 0 : -1) < 0)
			return cli_usage("align", "--by takes sentence or paragraph, not '%s'", arg);
		return EXIT_OK;
	case O_VERBOSE:
		o.verbose = 1;
		return EXIT_OK;
	}
	return cli_usage("align", "unknown option");
}

typedef struct tally {
	size_t written, identical, under, orphans, shapes[4][4];	/* beads up to 3:1 and 1:3 */
	double sumconf;
} tally;

/* One bead as a pair of the output (or the reason it is left out). */
static void
write_bead(const pont_bead *bd, const pont_alignment *al, const edition *fr, const edition *en, int fmt, pont_tm *tm,
	   pont_buf *out, tally *t)
{
	pont_buf ft = PONT_BUF_INIT, et = PONT_BUF_INIT;
	unsigned long fl, el;

	if (bd->ns == 0 || bd->nt == 0) {
		t->orphans += bd->ns + bd->nt;
		return;
	}
	t->shapes[bd->ns < 4 ? bd->ns : 3][bd->nt < 4 ? bd->nt : 3]++;
	if (bd->confidence < o.minconf) {
		t->under++;
		return;
	}
	if (o.by_para) {
		para_text(fr, al->sblocks, bd->s0, bd->ns, &ft);
		para_text(en, al->tblocks, bd->t0, bd->nt, &et);
	} else {
		bead_text(fr, bd->s0, bd->ns, &ft);
		bead_text(en, bd->t0, bd->nt, &et);
	}
	if (!o.keep_identical && ft.len == et.len && memcmp(ft.p, et.p, ft.len) == 0) {
		t->identical++;
	} else {
		fl = o.by_para ? block_line(fr, al->sblocks[bd->s0]) : line_of(fr, bd->s0);
		el = o.by_para ? block_line(en, al->tblocks[bd->t0]) : line_of(en, bd->t0);
		t->written++;
		t->sumconf += bd->confidence;
		if (fmt == FMT_TSV) {
			pont_buf_add_tsv(out, ft.p, ft.len);
			pont_buf_addc(out, '\t');
			pont_buf_add_tsv(out, et.p, et.len);
			pont_buf_addf(out, "\t%.2f\t%lu\t%lu\t%zu:%zu\n", bd->confidence, fl, el, bd->ns, bd->nt);
		} else if (fmt == FMT_TEXT) {
			pont_buf_addf(out, "%s:%lu ~ %s:%lu  %zu:%zu  confidence %.2f\n  fr: %s\n  en: %s\n\n", cli_name(fr->path),
				      fl, cli_name(en->path), el, bd->ns, bd->nt, bd->confidence, ft.p, et.p);
		} else {
			char note[300];

			snprintf(note, sizeof note, "aligned by pont: confidence %.2f, %s:%lu ~ %s:%lu", bd->confidence,
				 base(fr->path), fl, base(en->path), el);
			pont_tm_prov pv = { NULL, NULL, NULL, NULL };

			pv.article = base(fr->path);
			pont_tm_add_unit(tm, ft.p, ft.len, et.p, et.len, note, &pv);
		}
	}
	pont_buf_release(&ft);
	pont_buf_release(&et);
}

/* The pairs added to a memory on a server. */
static int
to_server(const char *url, const pont_tm *tm)
{
	pont_tmdb *db;
	pont_error err;
	size_t added, replaced, total;
	int rc;

	if ((rc = cli_tmdb_open(url, 0, &db)) != EXIT_OK)
		return rc;
	if (pont_tmdb_add(db, tm, &added, &replaced, &err) != PONT_OK || pont_tmdb_size(db, &total, &err) != PONT_OK) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	} else {
		cli_msg(pont_tmdb_name(db), "note", "%zu units added, %zu updated, %zu in all", added, replaced, total);
	}
	pont_tmdb_close(db);
	return rc;
}

static void
summary(const pont_alignment *al, const edition *fr, const edition *en, const tally *t)
{
	size_t i, p11 = 0;

	for (i = 0; i < al->nparas; i++)
		p11 += al->paras[i].ns == 1 && al->paras[i].nt == 1;
	cli_msg(NULL, "note", "%zu French and %zu English sentences in %zu and %zu paragraphs; %zu paragraph pairs (%zu one to "
		"one); %zu sentence pairs written (1:1 %zu, 2:1 %zu, 1:2 %zu, 2:2 %zu, 3:1 %zu, 1:3 %zu), mean confidence %.2f; "
		"%zu sentences without counterpart; %zu identical pairs and %zu under --min-confidence left out", fr->segs->n,
		en->segs->n, al->nsblocks, al->ntblocks, al->nparas, p11, t->written, t->shapes[1][1], t->shapes[2][1],
		t->shapes[1][2], t->shapes[2][2], t->shapes[3][1], t->shapes[1][3],
		t->written ? t->sumconf / (double)t->written : 0.0, t->orphans, t->identical, t->under);
}

/* Reads both editions into a bitext, their glossary terms matched as anchors. */
static int
load(cli_env *env, char **argv, pont_bitext **bt)
{
	pont_text a = PONT_TEXT_INIT, b = PONT_TEXT_INIT;
	pont_doc_options so = cli_doc_options(env, argv[0]), to = cli_doc_options(env, argv[1]);
	pont_bitext_options bo;
	pont_error err;
	int rc = EXIT_OK;

	memset(&bo, 0, sizeof bo);
	bo.gs = (const pont_glossary *const *)env->gs;
	bo.ng = env->ng;
	if (env->ng && ((bo.mfr = pont_matcher_new(bo.gs, bo.ng, "fr", NULL, &err)) == NULL ||
			(bo.men = pont_matcher_new(bo.gs, bo.ng, "en", NULL, &err)) == NULL)) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (rc == EXIT_OK && (rc = cli_read(argv[0], env->text_flags, &a)) == EXIT_OK &&
	    (rc = cli_read(argv[1], env->text_flags, &b)) == EXIT_OK &&
	    (*bt = pont_bitext_from_articles(cli_name(argv[0]), a.data, a.len, &so, cli_name(argv[1]), b.data, b.len, &to,
					     &bo, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	pont_matcher_free(bo.mfr);
	pont_matcher_free(bo.men);
	pont_text_release(&a);
	pont_text_release(&b);
	return rc;
}

static int
run(cli_env *env, int argc, char **argv)
{
	pont_bitext *bt = NULL;
	const pont_alignment *al;
	edition fr, en;
	pont_buf out = PONT_BUF_INIT;
	pont_tm *tm = NULL;
	tally t;
	size_t i, len;
	int rc, fmt = env->format;

	if (argc != 2)
		return cli_usage("align", "takes two files: the French document and its English edition");
	if (fmt == 0)		/* no --format: from the output's name; a memory on a server takes units */
		fmt = env->output && (cli_has_suffix(env->output, ".tmx") || pont_tmdb_is_url(env->output)) ? FMT_TMX : FMT_TSV;
	else
		fmt = fmt == 1 ? FMT_TMX : fmt == 2 ? FMT_TSV : FMT_TEXT;
	if (pont_tmdb_is_url(env->output) && fmt != FMT_TMX)
		return cli_usage("align", "a memory on a server (-o postgresql://...) takes the pairs as units: no --format");
	if ((rc = load(env, argv, &bt)) != EXIT_OK)
		return rc;
	al = pont_bitext_alignment(bt);
	memset(&t, 0, sizeof t);
	fr = (edition){ argv[0], pont_doc_text(pont_bitext_doc(bt, PONT_SOURCE), &len), pont_bitext_doc(bt, PONT_SOURCE),
			pont_bitext_segs(bt, PONT_SOURCE), bt, PONT_SOURCE };
	en = (edition){ argv[1], pont_doc_text(pont_bitext_doc(bt, PONT_TARGET), &len), pont_bitext_doc(bt, PONT_TARGET),
			pont_bitext_segs(bt, PONT_TARGET), bt, PONT_TARGET };
	if (fmt == FMT_TMX)
		tm = pont_tm_new("fr", "en");
	if (fmt == FMT_TSV)
		pont_buf_adds(&out, "fr\ten\tconfidence\tfr_line\ten_line\tbead\n");
	for (i = 0; al && i < (o.by_para ? al->nparas : al->nsents); i++)
		write_bead(o.by_para ? &al->paras[i] : &al->sents[i], al, &fr, &en, fmt, tm, &out, &t);
	if (pont_tmdb_is_url(env->output))
		rc = to_server(env->output, tm);
	else {
		if (fmt == FMT_TMX)
			pont_tm_write_tmx(tm, &out);
		rc = cli_write(env->output, &out);
	}
	if (al) {
		report_runs(al, &fr, &en, o.verbose);
		if (rc == EXIT_OK)
			summary(al, &fr, &en, &t);
	}
	pont_tm_free(tm);
	pont_buf_release(&out);
	pont_bitext_free(bt);
	return rc;
}

static const char *const synopsis[] = { "[OPTIONS] FRENCH ENGLISH", NULL };
static const int shared_opts[] = { CLI_O_GLOSSARY, CLI_O_NO_GLOSSARY, CLI_O_FORMAT, CLI_O_OUTPUT, CLI_O_INPUT,
				   CLI_O_PARAGRAPHS, CLI_O_FIELDS, CLI_O_REPLACE_INVALID, 0 };
static const cli_opt opts[] = {
	{ "min-confidence", O_MIN_CONFIDENCE, "X", "leave out pairs under X (0 to 1; default 0: keep all)" },
	{ "keep-identical", O_KEEP_IDENTICAL, NULL, "also write pairs whose French and English are the same text" },
	{ "by", O_BY, "UNIT", "sentence (default) or paragraph: write the paragraph pairs" },
	{ "verbose", O_VERBOSE, NULL, "report every low-confidence run, not just the first ten" },
	{ NULL, 0, NULL, NULL }
};

const cli_command cmd_align = {
	"align", "pair the sentences of a French document and its English edition (TMX, TSV)", synopsis,
	"Pairs the sentences of a French document and its English edition, for a translation memory\n"
	"(pont tm import). Paragraphs are aligned first (headings, speaker turns, paragraphs), then\n"
	"the sentences inside each pair of paragraphs, both by a dynamic programme over lengths\n"
	"(Gale and Church) with beads 1:1, 1:2, 2:1, 2:2, 1:0 and 0:1, where a bead scores higher\n"
	"when both sides share anchors: numbers, URLs, e-mail addresses, code, identical words\n"
	"(names, commands), speaker labels, and glossary terms (a French term and its concept's\n"
	"English; pont's glossary when it is there). Each pair gets a confidence from 0 to 1 (length\n"
	"match and shared anchors); runs of pairs under 0.5 are reported on stderr. Sentences with no\n"
	"counterpart (1:0, 0:1) and pairs whose two sides are the same text (code, names, text left\n"
	"in French) are not written.\n"
	"\n"
	"Output: the format follows -o's name (.tmx, .tsv; postgresql://... adds the pairs to that\n"
	"memory), default TSV on stdout; TSV has the columns\n"
	"fr, en, confidence, fr_line, en_line, bead; text shows the pairs for reading.",
	shared_opts, opts, "auto tmx tsv text", CLI_GLOSSARY_IF_FOUND,
	"0 ok, 2 usage, 3 bad input (invalid UTF-8, malformed glossary), 4 I/O error.",
	NULL, opt, run
};
