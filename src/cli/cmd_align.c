/* cmd_align.c: pont align: two editions of one document, sentence by sentence, into TMX or TSV. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifndef PONT_DATADIR
#define PONT_DATADIR "/usr/local/share/pont"
#endif

static const char usage[] =
	"usage: pont align [-g FILE]... [--no-glossary] [--min-confidence X] [--keep-identical]\n"
	"                  [--by sentence|paragraph] [-f tmx|tsv|text]\n"
	"                  [--input text|markdown|auto] [--paragraphs MODE]\n"
	"                  [--replace-invalid] [-v] [-o FILE] FRENCH ENGLISH\n"
	"\n"
	"Pairs the sentences of a French document and its English edition, for a translation memory\n"
	"(pont tm import). Paragraphs are aligned first (headings, speaker turns, paragraphs), then\n"
	"the sentences inside each pair of paragraphs, both by a dynamic programme over lengths\n"
	"(Gale and Church) with beads 1:1, 1:2, 2:1, 2:2, 1:0 and 0:1, where a bead scores higher\n"
	"when both sides share anchors: numbers, URLs, e-mail addresses, code, identical words\n"
	"(names, commands), speaker labels, and glossary terms (a French term and its concept's\n"
	"English). Each pair gets a confidence from 0 to 1 (length match and shared anchors); runs\n"
	"of pairs under 0.5 are reported on stderr. Sentences with no counterpart (1:0, 0:1) and\n"
	"pairs whose two sides are the same text (code, names, text left in French) are not written.\n"
	"\n"
	"  -o, --output FILE        write to FILE (atomically); the format follows its name (.tmx,\n"
	"                           .tsv), default: TSV on stdout\n"
	"  -f, --format FORMAT      tmx, tsv (columns fr, en, confidence, fr_line, en_line, bead) or\n"
	"                           text (the pairs for reading)\n"
	"      --min-confidence X   leave out pairs under X (0 to 1; default 0: keep all)\n"
	"      --keep-identical     also write pairs whose French and English are the same text\n"
	"      --by UNIT            sentence (default) or paragraph: write the paragraph pairs\n"
	"  -g, --glossary FILE      TBX, CSV or TSV glossary for term anchors (repeatable); default:\n"
	"                           $PONT_GLOSSARY, else glossaries/it-careers.tbx here or in\n"
	"                           " PONT_DATADIR " when there is one\n"
	"      --no-glossary        no term anchors\n"
	"      --input FORMAT       text, markdown, or auto (default: markdown for .md files)\n"
	"      --paragraphs MODE    plain text: auto (default), lines or blank\n"
	"      --replace-invalid    replace invalid UTF-8 by U+FFFD instead of failing\n"
	"  -v, --verbose            report every low-confidence run, not just the first ten\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage, 3 bad input (invalid UTF-8, malformed glossary), 4 I/O error.\n";

enum { FMT_TSV, FMT_TMX, FMT_TEXT };

typedef struct edition {
	const char *path;
	pont_text t;
	pont_doc *doc;
	pont_segs segs;
	pont_matches terms;
	pont_lines li;
} edition;

static int
load(edition *e, const char *path, const char *lang, const char *input, pont_doc_options *o, unsigned flags,
     pont_matcher *m)
{
	int rc;

	e->path = path;
	if ((rc = cli_load_article(path, lang, input, flags, o, &e->t, &e->doc, &e->segs)) != EXIT_OK)
		return rc;
	if (m)
		pont_match_doc(m, e->doc, &e->terms);
	pont_lines_init(&e->li, e->t.data, e->t.len, e->t.bom);
	return EXIT_OK;
}

static void
release(edition *e)
{
	pont_lines_release(&e->li);
	pont_matches_release(&e->terms);
	pont_segs_release(&e->segs);
	pont_doc_free(e->doc);
	pont_text_release(&e->t);
}

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
		const pont_seg *s = &e->segs.v[k];

		if (k > s0 && s->block == e->segs.v[k - 1].block)
			pont_buf_add(out, e->t.data + e->segs.v[k - 1].span.end, s->span.start - e->segs.v[k - 1].span.end);
		else if (k > s0)
			pont_buf_addc(out, ' ');
		pont_buf_add(out, e->t.data + s->span.start, s->span.end - s->span.start);
	}
	one_line(out);
}

static unsigned long
line_of(const edition *e, size_t seg)
{
	unsigned long l, c;

	pont_lines_pos(&e->li, e->segs.v[seg].span.start, &l, &c);
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

	pont_lines_pos(&e->li, pont_doc_block(e->doc, block)->content.start, &l, &c);
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
		pont_buf_add(out, e->t.data + b->content.start, b->content.end - b->content.start);
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
				snprintf(fpos, sizeof fpos, "%lu", line_of(fr, a->ns ? a->s0 : a->s0 < fr->segs.n ? a->s0 : a->s0 - 1));
			if (ntgt)
				snprintf(epos, sizeof epos, "%s:%lu-%lu", cli_name(en->path),
					 line_of(en, a->nt ? a->t0 : a->t0 < en->segs.n ? a->t0 : a->t0 - 1),
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

int
cmd_align(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "glossary", required_argument, NULL, 'g' }, { "no-glossary", no_argument, NULL, 'N' },
		{ "min-confidence", required_argument, NULL, 'm' }, { "keep-identical", no_argument, NULL, 'K' },
		{ "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
		{ "input", required_argument, NULL, 'I' }, { "paragraphs", required_argument, NULL, 'P' },
		{ "replace-invalid", no_argument, NULL, 'R' }, { "verbose", no_argument, NULL, 'v' },
		{ "by", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char **gpaths = calloc((size_t)argc + 1, sizeof *gpaths), *output = NULL, *input = NULL, *paras = NULL;
	pont_glossary **gs = calloc((size_t)argc + 1, sizeof *gs);
	pont_matcher *mfr = NULL, *men = NULL;
	pont_doc_options o = { PONT_FORMAT_TEXT, PONT_PARA_AUTO };
	pont_alignment al = PONT_ALIGNMENT_INIT;
	edition fr, en;
	pont_error err;
	size_t ng = 0, i, written = 0, identical = 0, under = 0, orphans = 0, shapes[3][3];
	double minconf = 0, sumconf = 0;
	unsigned flags = 0;
	int c, rc = EXIT_OK, fmt = -1, noglossary = 0, keep_identical = 0, verbose = 0, by_para = 0;

	if (gpaths == NULL || gs == NULL)
		abort();
	memset(&fr, 0, sizeof fr);
	memset(&en, 0, sizeof en);
	memset(shapes, 0, sizeof shapes);
	optind = 1;
	while (rc == EXIT_OK && (c = getopt_long(argc, argv, "g:f:o:vh", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'g':
			gpaths[ng++] = optarg;
			break;
		case 'N':
			noglossary = 1;
			break;
		case 'm':
			minconf = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' || !(minconf >= 0 && minconf <= 1))
				rc = cli_usage("align", "--min-confidence takes a number from 0 to 1, not '%s'", optarg);
			break;
		case 'K':
			keep_identical = 1;
			break;
		case 'B':
			by_para = strcmp(optarg, "paragraph") == 0 ? 1 : strcmp(optarg, "sentence") == 0 ? 0 : -1;
			if (by_para < 0)
				rc = cli_usage("align", "--by takes sentence or paragraph, not '%s'", optarg);
			break;
		case 'f':
			fmt = strcmp(optarg, "tsv") == 0 ? FMT_TSV : strcmp(optarg, "tmx") == 0 ? FMT_TMX :
			      strcmp(optarg, "text") == 0 ? FMT_TEXT : -2;
			if (fmt == -2)
				rc = cli_usage("align", "unknown format '%s' (tmx, tsv or text)", optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'I':
			input = optarg;
			if (cli_input_format(input, NULL, &o.format) < 0)
				rc = cli_usage("align", "--input takes text, markdown or auto, not '%s'", optarg);
			break;
		case 'P':
			paras = optarg;
			if (cli_paragraphs(paras, &o.paragraphs) < 0)
				rc = cli_usage("align", "--paragraphs takes auto, lines or blank, not '%s'", optarg);
			break;
		case 'R':
			flags |= PONT_TEXT_REPLACE_INVALID;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			free(gpaths);
			free(gs);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			rc = cli_usage("align", "unknown option");
			break;
		}
	}
	if (rc == EXIT_OK && argc - optind != 2)
		rc = cli_usage("align", "takes two files: the French document and its English edition");
	if (rc == EXIT_OK && fmt < 0)
		fmt = output && cli_has_suffix(output, ".tmx") ? FMT_TMX : FMT_TSV;
	/* the glossary only adds anchors: without one found, align on the rest */
	if (rc == EXIT_OK && ng == 0 && !noglossary && access(cli_default_glossary(), R_OK) == 0)
		gpaths[ng++] = cli_default_glossary();
	if (noglossary)
		ng = 0;
	for (i = 0; rc == EXIT_OK && i < ng; i++)
		rc = cli_load_glossary(gpaths[i], &gs[i], NULL);
	if (rc == EXIT_OK && ng &&
	    ((mfr = pont_matcher_new((const pont_glossary *const *)gs, ng, "fr", NULL, &err)) == NULL ||
	     (men = pont_matcher_new((const pont_glossary *const *)gs, ng, "en", NULL, &err)) == NULL)) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (rc == EXIT_OK)
		rc = load(&fr, argv[optind], "fr", input, &o, flags, mfr);
	if (rc == EXIT_OK)
		rc = load(&en, argv[optind + 1], "en", input, &o, flags, men);
	if (rc == EXIT_OK) {
		pont_align_input a = { fr.doc, &fr.segs, ng ? &fr.terms : NULL };
		pont_align_input b = { en.doc, &en.segs, ng ? &en.terms : NULL };
		pont_buf out = PONT_BUF_INIT, ft = PONT_BUF_INIT, et = PONT_BUF_INIT;
		pont_tm *tm = fmt == FMT_TMX ? pont_tm_new("fr", "en") : NULL;
		cli_out w;

		pont_align_docs(&a, &b, (const pont_glossary *const *)gs, ng, &al);
		if (fmt == FMT_TSV)
			pont_buf_adds(&out, "fr\ten\tconfidence\tfr_line\ten_line\tbead\n");
		for (i = 0; i < (by_para ? al.nparas : al.nsents); i++) {
			const pont_bead *bd = by_para ? &al.paras[i] : &al.sents[i];
			unsigned long fl, el;

			if (bd->ns == 0 || bd->nt == 0) {
				orphans += bd->ns + bd->nt;
				continue;
			}
			shapes[bd->ns][bd->nt]++;
			if (bd->confidence < minconf) {
				under++;
				continue;
			}
			if (by_para) {
				para_text(&fr, al.sblocks, bd->s0, bd->ns, &ft);
				para_text(&en, al.tblocks, bd->t0, bd->nt, &et);
			} else {
				bead_text(&fr, bd->s0, bd->ns, &ft);
				bead_text(&en, bd->t0, bd->nt, &et);
			}
			if (!keep_identical && ft.len == et.len && memcmp(ft.p, et.p, ft.len) == 0) {
				identical++;
				continue;
			}
			fl = by_para ? block_line(&fr, al.sblocks[bd->s0]) : line_of(&fr, bd->s0);
			el = by_para ? block_line(&en, al.tblocks[bd->t0]) : line_of(&en, bd->t0);
			written++;
			sumconf += bd->confidence;
			if (fmt == FMT_TSV) {
				pont_buf_add_tsv(&out, ft.p, ft.len);
				pont_buf_addc(&out, '\t');
				pont_buf_add_tsv(&out, et.p, et.len);
				pont_buf_addf(&out, "\t%.2f\t%lu\t%lu\t%zu:%zu\n", bd->confidence, fl, el, bd->ns, bd->nt);
			} else if (fmt == FMT_TEXT) {
				pont_buf_addf(&out, "%s:%lu ~ %s:%lu  %zu:%zu  confidence %.2f\n  fr: %s\n  en: %s\n\n",
					      cli_name(fr.path), fl, cli_name(en.path), el, bd->ns, bd->nt, bd->confidence,
					      ft.p, et.p);
			} else {
				char note[300];

				snprintf(note, sizeof note, "aligned by pont: confidence %.2f, %s:%lu ~ %s:%lu",
					 bd->confidence, base(fr.path), fl, base(en.path), el);
				pont_tm_add(tm, ft.p, ft.len, et.p, et.len, note);
			}
		}
		if (fmt == FMT_TMX)
			pont_tm_write_tmx(tm, &out);
		if ((rc = cli_out_open(&w, output)) == EXIT_OK) {
			cli_out_write(&w, out.p ? out.p : "", out.len);
			rc = cli_out_close(&w, 1);
		}
		report_runs(&al, &fr, &en, verbose);
		if (rc == EXIT_OK) {
			size_t p11 = 0;

			for (i = 0; i < al.nparas; i++)
				p11 += al.paras[i].ns == 1 && al.paras[i].nt == 1;
			cli_msg(NULL, "note", "%zu French and %zu English sentences in %zu and %zu paragraphs; "
				"%zu paragraph pairs (%zu one to one); %zu sentence pairs written (1:1 %zu, 2:1 %zu, "
				"1:2 %zu, 2:2 %zu), mean confidence %.2f; %zu sentences without counterpart; %zu "
				"identical pairs and %zu under --min-confidence left out", fr.segs.n, en.segs.n,
				al.nsblocks, al.ntblocks, al.nparas, p11, written, shapes[1][1], shapes[2][1],
				shapes[1][2], shapes[2][2], written ? sumconf / (double)written : 0.0, orphans,
				identical, under);
		}
		pont_tm_free(tm);
		pont_buf_release(&out);
		pont_buf_release(&ft);
		pont_buf_release(&et);
	}
	pont_alignment_release(&al);
	release(&fr);
	release(&en);
	pont_matcher_free(mfr);
	pont_matcher_free(men);
	for (i = 0; i < ng; i++)
		pont_glossary_free(gs[i]);
	free(gs);
	free(gpaths);
	return rc;
}
