/* cmd_translate.c: pont translate: a machine draft of an article for post-editing, glossary
 * terms enforced, translation memory first. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

#ifndef PONT_DATADIR
#define PONT_DATADIR "/usr/local/share/pont"
#endif

/* The default engine: Apertium, French to Spanish to English, all local (Debian packages). */
#define APERTIUM_CMD "apertium fr-es | apertium spa-eng"
#define APERTIUM_NAME "Apertium fr-es + spa-eng (pivot through Spanish)"

static const char usage[] =
	"usage: pont translate [--engine apertium | --engine-cmd CMD] [--batch N] [--timeout SEC]\n"
	"                      [-g FILE]... [--no-glossary] [--tm MEMORY]... [--target-lang LANG]\n"
	"                      [--dict DIR] [--input text|markdown|auto] [--paragraphs MODE]\n"
	"                      [--replace-invalid] [-o WORK.xlf|EDITION.md|EDITION.txt] ARTICLE\n"
	"\n"
	"A first English draft of a French article, for post-editing. Each sentence with an exact\n"
	"match in the translation memories takes it; the others go to a machine-translation engine\n"
	"with their glossary terms behind placeholders (PONT0, PONT1...) that engines pass through,\n"
	"replaced afterwards by the concept's preferred English term (plural when the French is).\n"
	"Code, URLs, e-mail addresses and inline markup are protected the same way. Every draft is\n"
	"then checked with pont check's term checks; a segment where a term did not land is marked.\n"
	"\n"
	"Output: an XLIFF 2.1 work file (as pont prepare writes, glossary entries included) whose\n"
	"drafts are targets with state \"initial\", a translation candidate of type \"mt\" naming the\n"
	"engine, and a note; or, when -o ends in .md or .txt, the English edition rebuilt from it\n"
	"as pont merge does (structure, inline markup, English typography).\n"
	"\n"
	"      --engine NAME       apertium (default): " APERTIUM_CMD ",\n"
	"                          offline (Debian packages apertium apertium-fr-es apertium-eng-spa);\n"
	"                          its unknown-word marks are taken out of the draft and the unknown\n"
	"                          words listed on stderr as glossary candidates\n"
	"      --engine-cmd CMD    any command (run by /bin/sh) that reads one segment a line on stdin\n"
	"                          and writes one translation a line on stdout, in order\n"
	"      --batch N           segments per run of the engine (default: all in one run, as engines\n"
	"                          that load a model pay their start-up once)\n"
	"      --timeout SEC       time allowed per run (default 600); the engine is then stopped\n"
	"  -g, --glossary FILE     TBX, CSV or TSV glossary (repeatable); default: $PONT_GLOSSARY,\n"
	"                          else glossaries/it-careers.tbx here or in " PONT_DATADIR "\n"
	"      --no-glossary       no terms protected or checked\n"
	"      --tm MEMORY         translation memory (.ptm, TMX or TSV; repeatable): exact matches used\n"
	"  -t, --target-lang LANG  en (default), en-US or en-GB: which English terms\n"
	"      --dict DIR          where the Hunspell dictionaries are (default: the system's)\n"
	"      --input FORMAT      text, markdown, or auto (default: markdown for .md files)\n"
	"      --paragraphs MODE   plain text: auto (default), lines or blank\n"
	"      --replace-invalid   replace invalid UTF-8 by U+FFFD instead of failing\n"
	"  -o, --output FILE       write to FILE (atomically, nothing when the engine fails)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage, 3 bad input (invalid UTF-8, malformed glossary or memory, an\n"
	"engine that returns the wrong number of lines), 4 I/O error (missing file, dictionary or\n"
	"engine; an engine that fails or does not answer in time).\n";

typedef struct unknown_word {
	char *w;
	size_t n;
} unknown_word;

static int
by_count(const void *a, const void *b)
{
	const unknown_word *x = a, *y = b;

	return x->n != y->n ? (x->n < y->n ? 1 : -1) : strcmp(x->w, y->w);
}

/* Lists the engine's unknown words (NUL-separated in b), most frequent first, on stderr. */
static void
report_unknown(const pont_buf *b)
{
	unknown_word *v = NULL;
	size_t nv = 0, i, k, shown;
	const char *s = b->p;
	pont_buf line = PONT_BUF_INIT;

	for (i = 0; b->p && i < b->len; i += strlen(s + i) + 1) {
		for (k = 0; k < nv && strcmp(v[k].w, s + i) != 0; k++)
			;
		if (k == nv) {
			v = realloc(v, (nv + 1) * sizeof *v);
			if (v == NULL)
				abort();
			v[nv].w = (char *)(s + i);
			v[nv++].n = 0;
		}
		v[k].n++;
	}
	if (nv == 0)
		return;
	qsort(v, nv, sizeof *v, by_count);
	for (k = 0, shown = 0; k < nv && shown < 30; k++, shown++)
		pont_buf_addf(&line, "%s%s (%zu)", k ? ", " : "", v[k].w, v[k].n);
	cli_msg(NULL, "note", "%zu words unknown to the engine (glossary candidates?): %s%s", nv, line.p,
		nv > 30 ? ", ..." : "");
	pont_buf_release(&line);
	free(v);
}

int
cmd_translate(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_TEXT_LONGOPTS,
		{ "engine", required_argument, NULL, 'E' }, { "engine-cmd", required_argument, NULL, 'C' },
		{ "batch", required_argument, NULL, 'B' }, { "timeout", required_argument, NULL, 'W' },
		{ "glossary", required_argument, NULL, 'g' }, { "no-glossary", no_argument, NULL, 'G' },
		{ "tm", required_argument, NULL, 'T' }, { "target-lang", required_argument, NULL, 't' },
		{ "dict", required_argument, NULL, 'D' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	cli_textopts to = CLI_TEXTOPTS_INIT;
	const char **gpaths, **tpaths, *target = "en", *dictdir = NULL, *engine = "apertium", *cmd = NULL;
	size_t ng = 0, nt = 0, i, batch = (size_t)-1, nmt = 0, ntm = 0, nmarked = 0, nlost = 0;
	double timeout = 600;
	int c, rc = EXIT_OK, noglossary = 0, apertium = 1, to_text = 0;
	pont_glossary **gs;
	pont_dict *fr = NULL, *en = NULL;
	pont_matcher *m = NULL;
	pont_checker *ck = NULL;
	pont_error err;
	pont_buf out = PONT_BUF_INIT, unknown = PONT_BUF_INIT;
	pont_text t = PONT_TEXT_INIT;
	pont_doc *doc = NULL;
	pont_segs segs = PONT_SEGS_INIT;
	pont_matches ms = PONT_MATCHES_INIT;
	cli_tms tms = CLI_TMS_INIT;
	char **drafts = NULL, **notes = NULL;
	cli_out o;

	gpaths = calloc((size_t)argc + 1, sizeof *gpaths);
	tpaths = calloc((size_t)argc + 1, sizeof *tpaths);
	gs = calloc((size_t)argc + 1, sizeof *gs);
	if (gpaths == NULL || tpaths == NULL || gs == NULL)
		abort();
	tms.min_score = 100;
	optind = 1;
	while (rc == EXIT_OK && (c = getopt_long(argc, argv, CLI_TEXT_SHORTOPTS "g:t:h", longopts, NULL)) != -1) {
		char *end;

		if (cli_textopt(c, optarg, &to))
			continue;
		switch (c) {
		case 'E':
			engine = optarg;
			if (strcmp(engine, "apertium") != 0)
				rc = cli_usage("translate", "unknown engine '%s' (apertium, or --engine-cmd CMD)", optarg);
			break;
		case 'C':
			cmd = optarg;
			apertium = 0;
			break;
		case 'B': {
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end || v < 1 || v > 1000000)
				rc = cli_usage("translate", "--batch takes a number of segments from 1, not '%s'", optarg);
			batch = (size_t)v;
			break;
		}
		case 'W':
			timeout = strtod(optarg, &end);
			if (*optarg == '\0' || *end || !(timeout > 0 && timeout < 1e6))
				rc = cli_usage("translate", "--timeout takes seconds, not '%s'", optarg);
			break;
		case 'g':
			gpaths[ng++] = optarg;
			break;
		case 'G':
			noglossary = 1;
			break;
		case 'T':
			tpaths[nt++] = optarg;
			break;
		case 't':
			target = optarg;
			break;
		case 'D':
			dictdir = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			free(gpaths);
			free(tpaths);
			free(gs);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			rc = cli_usage("translate", "unknown option");
			break;
		}
	}
	if (rc == EXIT_OK)
		rc = cli_article_args("translate", &to, target, argc, optind);
	if (rc == EXIT_OK && to.output && (cli_has_suffix(to.output, ".md") || cli_has_suffix(to.output, ".txt") ||
					   cli_has_suffix(to.output, ".markdown")))
		to_text = 1;
	if (rc == EXIT_OK && apertium) {
		cmd = APERTIUM_CMD;
		if (system("command -v apertium >/dev/null 2>&1") != 0) {
			cli_msg(NULL, "error", "the apertium engine is not installed (Debian packages apertium "
				"apertium-fr-es apertium-eng-spa), or give --engine-cmd CMD");
			rc = EXIT_SYSTEM;
		}
	}
	if (rc == EXIT_OK && ng == 0 && !noglossary)
		gpaths[ng++] = cli_default_glossary();
	if (noglossary)
		ng = 0;
	if (rc == EXIT_OK) {
		cli_dict_job *jf = ng ? cli_dict_start("fr", dictdir, 0) : NULL;
		cli_dict_job *je = ng ? cli_dict_start(strcmp(target, "en-GB") == 0 ? "en-GB" : "en-US", dictdir, 0) : NULL;

		for (i = 0; rc == EXIT_OK && i < ng; i++)
			rc = cli_load_glossary(gpaths[i], &gs[i], NULL);
		if (jf)
			fr = cli_dict_wait(jf, &rc);
		if (je)
			en = cli_dict_wait(je, &rc);
	}
	for (i = 0; rc == EXIT_OK && i < nt; i++)
		rc = cli_tms_load(&tms, tpaths[i], 100);
	if (rc == EXIT_OK && ng &&
	    ((m = pont_matcher_new((const pont_glossary *const *)gs, ng, "fr", fr, &err)) == NULL ||
	     (ck = pont_checker_new((const pont_glossary *const *)gs, ng, fr, en, target, &err)) == NULL)) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (ck) {		/* the term checks only */
		int k;

		for (k = 0; k < PONT_CHECK_N; k++)
			if (k != PONT_CHECK_TERM_MISSING && k != PONT_CHECK_TERM_FORBIDDEN)
				pont_checker_set_severity(ck, (pont_check_id)k, 0);
	}
	if (rc == EXIT_OK)
		rc = cli_load_article(argv[optind], "fr", to.input, to.flags, &to.doc, &t, &doc, &segs);
	if (rc == EXIT_OK) {
		pont_mt_seg *mseg = calloc(segs.n + 1, sizeof *mseg);
		size_t *todo = calloc(segs.n + 1, sizeof *todo), ntodo = 0, b0;
		const char **lines = calloc(segs.n + 1, sizeof *lines);
		pont_buf eng = PONT_BUF_INIT;

		drafts = calloc(segs.n + 1, sizeof *drafts);
		notes = calloc(segs.n + 1, sizeof *notes);
		if (mseg == NULL || todo == NULL || lines == NULL || drafts == NULL || notes == NULL)
			abort();
		if (m)
			pont_match_doc(m, doc, &ms);
		/* exact memory hits first; the rest to the engine */
		for (i = 0; i < segs.n; i++) {
			pont_xliff_tm_hit hit;

			if (tms.n && cli_tms_lookup(&tms, t.data + segs.v[i].span.start,
						    segs.v[i].span.end - segs.v[i].span.start, &hit)) {
				free(hit.source);
				free(hit.target);
				ntm++;
				continue;
			}
			pont_mt_protect(doc, &segs.v[i], m ? &ms : NULL, (const pont_glossary *const *)gs, ng, target, &mseg[i]);
			lines[ntodo] = mseg[i].line;
			todo[ntodo++] = i;
		}
		for (b0 = 0; rc == EXIT_OK && b0 < ntodo;) {
			size_t nb = ntodo - b0 < batch ? ntodo - b0 : batch, k;
			char **res = NULL;

			if ((rc = cli_engine_run(cmd, lines + b0, nb, timeout, &res)) != EXIT_OK)
				break;
			for (k = 0; k < nb; k++) {
				size_t s = todo[b0 + k], lost;
				pont_findings f = PONT_FINDINGS_INIT;
				pont_buf note = PONT_BUF_INIT;

				lost = pont_mt_restore(&mseg[s], res[k], strlen(res[k]), apertium, &eng, &unknown);
				if ((drafts[s] = strdup(eng.p ? eng.p : "")) == NULL)
					abort();
				free(res[k]);
				nmt++;
				nlost += lost != 0;
				if (ck) {
					size_t q;

					pont_check_pair(ck, t.data + segs.v[s].span.start, segs.v[s].span.end - segs.v[s].span.start,
							drafts[s], strlen(drafts[s]), NULL, &f);
					for (q = 0; q < f.n; q++)
						pont_buf_addf(&note, "%s[%s] %s", note.len ? "; " : "", f.v[q].id, f.v[q].msg);
					pont_findings_release(&f);
				}
				if (lost)
					pont_buf_addf(&note, "%sthe engine dropped or repeated %zu protected span%s", note.len ? "; " : "",
						      lost, lost > 1 ? "s" : "");
				if (note.len) {
					notes[s] = note.p;
					nmarked++;
				} else {
					pont_buf_release(&note);
				}
			}
			free(res);
			b0 += nb;
		}
		for (i = 0; i < segs.n; i++)
			pont_mt_seg_release(&mseg[i]);
		pont_buf_release(&eng);
		free(mseg);
		free(todo);
		free(lines);
	}
	if (rc == EXIT_OK) {
		pont_xliff_prep p;

		cli_prep_init(&p, argv[optind], target, to.doc.format, m ? &ms : NULL, gs, gpaths, &tms);
		p.drafts = (const char *const *)drafts;
		p.draft_notes = (const char *const *)notes;
		p.engine = apertium ? APERTIUM_NAME : cmd;
		if (pont_xliff_prepare(doc, &segs, &p, &out, &err) != PONT_OK) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		}
	}
	if (rc == EXIT_OK && to_text) {
		/* the English edition, rebuilt from the work file as pont merge does */
		pont_diags d = PONT_DIAGS_INIT, missing = PONT_DIAGS_INIT;
		pont_xliff *x = pont_xliff_read(out.p, out.len, "draft.xlf", &d, &err);
		pont_buf ed = PONT_BUF_INIT;

		if (x == NULL || pont_xliff_merge(x, 1, 0, &ed, &missing) != PONT_OK) {
			cli_msg(NULL, "error", "the draft could not be rebuilt as an edition");
			rc = EXIT_DATA;
		} else {
			pont_buf_reset(&out);	/* English typography, as pont merge does */
			rc = cli_english_typography(ed.p, ed.len, to.doc.format, &out);
		}
		pont_buf_release(&ed);
		pont_diags_release(&missing);
		pont_diags_release(&d);
		pont_xliff_free(x);
	}
	if (rc == EXIT_OK && (rc = cli_out_open(&o, to.output)) == EXIT_OK) {
		cli_out_write(&o, out.p, out.len);
		rc = cli_out_close(&o, 1);
	}
	if (rc == EXIT_OK) {
		cli_msg(NULL, "note", "%zu sentences: %zu from the translation memory, %zu machine drafts (%s), %zu of "
			"them marked for a glossary term that did not land%s", segs.n, ntm, nmt,
			apertium ? APERTIUM_NAME : cmd, nmarked, nlost ? " or a protected span lost" : "");
		if (apertium)
			report_unknown(&unknown);
	}
	for (i = 0; drafts && i < segs.n; i++) {
		free(drafts[i]);
		free(notes[i]);
	}
	free(drafts);
	free(notes);
	pont_buf_release(&out);
	pont_buf_release(&unknown);
	pont_matches_release(&ms);
	pont_segs_release(&segs);
	pont_doc_free(doc);
	pont_text_release(&t);
	pont_checker_free(ck);
	pont_matcher_free(m);
	cli_tms_release(&tms);
	for (i = 0; i < ng; i++)
		pont_glossary_free(gs[i]);
	pont_dict_free(fr);
	pont_dict_free(en);
	free(gs);
	free(gpaths);
	free(tpaths);
	return rc;
}
