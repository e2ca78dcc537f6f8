/* cmd_prepare.c: pont prepare: an article as an XLIFF 2.1 work file for its English edition. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const char usage[] =
	"usage: pont prepare [-g FILE]... [--no-glossary] [--tm FILE]... [--target-lang en|en-US|en-GB]\n"
	"                    [--min-score N] [--xliff 2.1|1.2] [--dict DIR] [--input text|markdown|auto]\n"
	"                    [--paragraphs MODE] [--replace-invalid] [-o WORK.xlf] ARTICLE\n"
	"\n"
	"Writes the bilingual work file of a French article: XLIFF 2.1, one unit per paragraph and\n"
	"one segment per sentence, the structure (title, headings, speaker turns, lists, inline\n"
	"Markdown) kept for `pont merge`; speaker labels are not offered for translation. Each unit\n"
	"lists the glossary terms found in it (XLIFF glossary module) and the translation memory's\n"
	"matches (translation candidates module): an exact match fills the target (state\n"
	"\"translated\"), fuzzy ones are offered with their score. Unit ids are hashes of the\n"
	"paragraphs: preparing an edited article again keeps the ids of unchanged paragraphs.\n"
	"\n"
	"  -g, --glossary FILE     TBX, CSV or TSV glossary (repeatable); default: $PONT_GLOSSARY,\n"
	"                          else glossaries/it-careers.tbx\n"
	"      --no-glossary       no glossary entries\n"
	"      --tm FILE           translation memory: a pont memory (.ptm) or TMX (repeatable)\n"
	"      --min-score N       lowest fuzzy score offered, 1-100 (default 70)\n"
	"  -t, --target-lang LANG  en (default), en-US or en-GB\n"
	"      --xliff VERSION     2.1 (default), or 1.2 for tools that read only XLIFF 1.2\n"
	"                          (translate-toolkit, OmegaT 3): the same content, a <group> per\n"
	"                          paragraph, glossary entries as notes, matches as <alt-trans>\n"
	"      --dict DIR          where the Hunspell French dictionary is\n"
	"      --input FORMAT      text, markdown, or auto (default: markdown for .md files)\n"
	"      --paragraphs MODE   plain text: auto (default), lines or blank\n"
	"      --replace-invalid   replace invalid UTF-8 by U+FFFD instead of failing\n"
	"  -o, --output FILE       write to FILE (atomically; default: standard output)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage, 3 bad input (invalid UTF-8, malformed glossary or memory),\n"
	"4 I/O error (missing file or dictionary, unwritable output).\n";

int
cmd_prepare(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_TEXT_LONGOPTS,
		{ "glossary", required_argument, NULL, 'g' },
		{ "no-glossary", no_argument, NULL, 'G' },
		{ "tm", required_argument, NULL, 'T' },
		{ "min-score", required_argument, NULL, 'M' },
		{ "target-lang", required_argument, NULL, 't' },
		{ "dict", required_argument, NULL, 'D' },
		{ "xliff", required_argument, NULL, 'X' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	cli_textopts to = CLI_TEXTOPTS_INIT;
	const char **gpaths, **tpaths, *target = "en", *dictdir = NULL;
	size_t ng = 0, nt = 0, i;
	int c, rc = EXIT_OK, noglossary = 0, minscore = 70, v12 = 0;
	pont_glossary **gs;
	pont_dict *dict = NULL;
	pont_matcher *m = NULL;
	pont_error err;
	pont_buf out = PONT_BUF_INIT;
	pont_text t = PONT_TEXT_INIT;
	pont_doc *doc = NULL;
	pont_segs segs = PONT_SEGS_INIT;
	pont_matches ms = PONT_MATCHES_INIT;
	cli_tms tms = CLI_TMS_INIT;
	cli_out o;

	gpaths = calloc((size_t)argc + 1, sizeof *gpaths);
	tpaths = calloc((size_t)argc + 1, sizeof *tpaths);
	gs = calloc((size_t)argc + 1, sizeof *gs);
	if (gpaths == NULL || tpaths == NULL || gs == NULL)
		abort();
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_TEXT_SHORTOPTS "g:t:h", longopts, NULL)) != -1) {
		if (cli_textopt(c, optarg, &to))
			continue;
		switch (c) {
		case 'g':
			gpaths[ng++] = optarg;
			break;
		case 'G':
			noglossary = 1;
			break;
		case 'T':
			tpaths[nt++] = optarg;
			break;
		case 'M': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end || v < 1 || v > 100)
				rc = cli_usage("prepare", "--min-score takes a number from 1 to 100, not '%s'", optarg);
			minscore = (int)v;
			break;
		}
		case 't':
			target = optarg;
			break;
		case 'D':
			dictdir = optarg;
			break;
		case 'X':
			if (strcmp(optarg, "1.2") == 0)
				v12 = 1;
			else if (strcmp(optarg, "2.1") != 0)
				rc = cli_usage("prepare", "--xliff takes 2.1 or 1.2, not '%s'", optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			free(gpaths);
			free(tpaths);
			free(gs);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			rc = cli_usage("prepare", "unknown option");
			break;
		}
		if (rc != EXIT_OK)
			break;
	}
	if (rc == EXIT_OK)
		rc = cli_article_args("prepare", &to, target, argc, optind);
	if (rc == EXIT_OK && ng == 0 && !noglossary)
		gpaths[ng++] = cli_default_glossary();
	if (noglossary)
		ng = 0;
	if (rc == EXIT_OK) {
		cli_dict_job *job = ng ? cli_dict_start("fr", dictdir, 0) : NULL;

		for (i = 0; rc == EXIT_OK && i < ng; i++)
			rc = cli_load_glossary(gpaths[i], &gs[i], NULL);
		if (job)
			dict = cli_dict_wait(job, &rc);
	}
	for (i = 0; rc == EXIT_OK && i < nt; i++)
		rc = cli_tms_load(&tms, tpaths[i], minscore);
	if (rc == EXIT_OK && ng && (m = pont_matcher_new((const pont_glossary *const *)gs, ng, "fr", dict, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (rc == EXIT_OK)
		rc = cli_load_article(argv[optind], "fr", to.input, to.flags, &to.doc, &t, &doc, &segs);
	if (rc == EXIT_OK) {
		pont_xliff_prep p;

		if (m)
			pont_match_doc(m, doc, &ms);
		cli_prep_init(&p, argv[optind], target, to.doc.format, m ? &ms : NULL, gs, gpaths, &tms);
		p.xliff12 = v12;
		if (pont_xliff_prepare(doc, &segs, &p, &out, &err) != PONT_OK) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		}
	}
	if (rc == EXIT_OK && (rc = cli_out_open(&o, to.output)) == EXIT_OK) {
		cli_out_write(&o, out.p, out.len);
		rc = cli_out_close(&o, 1);
	}
	pont_buf_release(&out);
	pont_matches_release(&ms);
	pont_segs_release(&segs);
	pont_doc_free(doc);
	pont_text_release(&t);
	pont_matcher_free(m);
	pont_dict_free(dict);
	cli_tms_release(&tms);
	for (i = 0; i < ng; i++)
		pont_glossary_free(gs[i]);
	free(gs);
	free(gpaths);
	free(tpaths);
	return rc;
}
