/* cmd_terms.c: pont terms: every glossary term in an article, with the English to use. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

#ifndef PONT_DATADIR
#define PONT_DATADIR "/usr/local/share/pont"
#endif

static const char usage[] =
	"usage: pont terms [-g FILE]... [--target-lang en|en-US|en-GB] [--format text|json|tsv]\n"
	"                  [--candidates [--tbx FILE]]\n"
	"                  [--dict DIR] [--input text|markdown|auto] [--paragraphs MODE]\n"
	"                  [--replace-invalid] [-o FILE] [FILE...]\n"
	"\n"
	"Finds every glossary term of the French article (inflected, elided, capitalised at a\n"
	"sentence start, hyphenated or joined: « les SRE », « l’infra », « bases de données »,\n"
	"« datacenter ») and gives the English to use: preferred terms first, then admitted ones;\n"
	"deprecated renderings are flagged. Ends with a count per concept.\n"
	"\n"
	"  -g, --glossary FILE     TBX, CSV or TSV glossary (repeatable); default: $PONT_GLOSSARY,\n"
	"                          else glossaries/it-careers.tbx here or in " PONT_DATADIR "\n"
	"  -t, --target-lang LANG  English of the edition: en (default), en-US or en-GB\n"
	"      --dict DIR          where the Hunspell French dictionary is (default: the system's)\n"
	"  -f, --format FORMAT     text (default), json or tsv\n"
	"      --input FORMAT      text, markdown, or auto (default: markdown for .md files)\n"
	"      --paragraphs MODE   plain text: auto (default), lines or blank\n"
	"      --replace-invalid   replace invalid UTF-8 by U+FFFD instead of failing\n"
	"  -o, --output FILE       write to FILE (atomically)\n"
	"  -h, --help              show this help\n"
	"\n"
	"      --candidates       instead: list words the glossary may be missing, most frequent\n"
	"                          first, with a sentence each: acronyms (CDI, R&D), CamelCase\n"
	"                          (DevOps) and anglicisms (French Hunspell rejects, English accepts)\n"
	"      --tbx FILE          with --candidates: also write them as a draft TBX\n"
	"\n"
	"Exit status: 0 ok, 2 usage, 3 bad input (invalid UTF-8, malformed glossary),\n"
	"4 I/O error (missing file or dictionary).\n";

enum { FMT_TEXT, FMT_JSON, FMT_TSV };

typedef struct count {
	size_t glossary, concept, n;
} count;

static void
emit(pont_buf *b, int fmt, const char *name, const pont_text *t, const pont_glossary *const *gs, size_t ng,
     const pont_matches *ms, const char *lang, int first)
{
	pont_lines li;
	size_t i, k, en[32], nen, **slot;
	count *counts = NULL;
	size_t ncounts = 0;

	/* slot[g][concept]: 1 + index in counts, so counting stays linear in the matches */
	slot = calloc(ng, sizeof *slot);
	if (slot == NULL)
		abort();
	for (k = 0; k < ng; k++)
		if ((slot[k] = calloc(pont_glossary_nconcepts(gs[k]) + 1, sizeof *slot[k])) == NULL)
			abort();

	pont_lines_init(&li, t->data, t->len, t->bom);
	if (fmt == FMT_JSON) {
		pont_buf_adds(b, first ? "\n{\"file\":" : ",\n{\"file\":");
		pont_buf_add_json(b, name, strlen(name));
		pont_buf_adds(b, ",\"occurrences\":[");
	} else if (fmt == FMT_TSV && first) {
		pont_buf_adds(b, "file\tline\tcol\tstart\tend\ttext\tconcept\tterm\tstatus\tenglish\n");
	}
	for (i = 0; i < ms->n; i++) {
		const pont_match *m = &ms->v[i];
		const pont_glossary *g = gs[m->glossary];
		const pont_term *tm = pont_glossary_term(g, m->term);
		const pont_concept *c = pont_glossary_concept(g, tm->concept);
		const char *id = c->id ? c->id : "-";
		unsigned long line, col;

		if ((k = slot[m->glossary][tm->concept]) == 0) {
			counts = realloc(counts, (ncounts + 1) * sizeof *counts);
			if (counts == NULL)
				abort();
			counts[ncounts].glossary = m->glossary;
			counts[ncounts].concept = tm->concept;
			counts[ncounts++].n = 0;
			k = slot[m->glossary][tm->concept] = ncounts;
		}
		counts[k - 1].n++;
		pont_lines_pos(&li, m->span.start, &line, &col);
		nen = pont_glossary_english(g, tm->concept, lang, en, 32);
		if (fmt == FMT_JSON) {
			pont_buf_addf(b, "%s\n {\"line\":%lu,\"col\":%lu,\"start\":%zu,\"end\":%zu,\"text\":", i ? "," : "",
				      line, col, m->span.start, m->span.end);
			pont_buf_add_json(b, t->data + m->span.start, m->span.end - m->span.start);
			pont_buf_adds(b, ",\"concept\":");
			pont_buf_add_json(b, id, strlen(id));
			pont_buf_adds(b, ",\"term\":");
			pont_buf_add_json(b, tm->text, strlen(tm->text));
			pont_buf_addf(b, ",\"status\":\"%s\",\"english\":[", pont_term_status_name(tm->status));
			for (k = 0; k < nen; k++) {
				const pont_term *e = pont_glossary_term(g, en[k]);

				pont_buf_adds(b, k ? ",{\"term\":" : "{\"term\":");
				pont_buf_add_json(b, e->text, strlen(e->text));
				pont_buf_addf(b, ",\"lang\":\"%s\",\"status\":\"%s\"}", e->lang, pont_term_status_name(e->status));
			}
			pont_buf_adds(b, "],\"alternatives\":[");
			for (k = 0; k < m->nalt; k++) {
				const pont_glossary *ag = gs[ms->alts[2 * (m->alt0 + k)]];
				const pont_concept *ac = pont_glossary_concept(ag, pont_glossary_term(ag, ms->alts[2 * (m->alt0 + k) + 1])->concept);

				if (k)
					pont_buf_addc(b, ',');
				pont_buf_add_json(b, ac->id ? ac->id : "-", strlen(ac->id ? ac->id : "-"));
			}
			pont_buf_adds(b, "]}");
		} else if (fmt == FMT_TSV) {
			pont_buf_addf(b, "%s\t%lu\t%lu\t%zu\t%zu\t%.*s\t%s\t%s\t%s\t", name, line, col, m->span.start,
				      m->span.end, (int)(m->span.end - m->span.start), t->data + m->span.start, id,
				      tm->text, pont_term_status_name(tm->status));
			for (k = 0; k < nen; k++) {
				const pont_term *e = pont_glossary_term(g, en[k]);

				if (e->status == PONT_STATUS_PREFERRED || (k == 0))
					pont_buf_addf(b, "%s%s", k ? "; " : "", e->text);
			}
			pont_buf_addc(b, '\n');
		} else {
			int shown = 0;

			pont_buf_addf(b, "%s:%lu:%lu: %.*s → %s:", name, line, col, (int)(m->span.end - m->span.start),
				      t->data + m->span.start, id);
			for (k = 0; k < nen; k++) {
				const pont_term *e = pont_glossary_term(g, en[k]);

				if (pont_term_status_rank(e->status) >= 3)
					continue;	/* not to be used: listed after "not:" */
				pont_buf_addf(b, "%s %s%s%s", shown ? "," : "", e->text,
					      e->status == PONT_STATUS_PREFERRED ? "" : " (",
					      e->status == PONT_STATUS_PREFERRED ? "" :
					      e->status ? pont_term_status_name(e->status) : "no status");
				if (e->status != PONT_STATUS_PREFERRED)
					pont_buf_addc(b, ')');
				shown++;
			}
			for (k = 0, shown = 0; k < nen; k++) {
				const pont_term *e = pont_glossary_term(g, en[k]);

				if (pont_term_status_rank(e->status) < 3)
					continue;
				pont_buf_addf(b, "%s%s", shown++ ? ", " : "; not: ", e->text);
			}
			for (k = 0; k < m->nalt; k++) {
				const pont_glossary *ag = gs[ms->alts[2 * (m->alt0 + k)]];
				const pont_concept *ac = pont_glossary_concept(ag, pont_glossary_term(ag, ms->alts[2 * (m->alt0 + k) + 1])->concept);

				pont_buf_addf(b, "%s%s", k ? ", " : " [or: ", ac->id ? ac->id : "-");
				if (k + 1 == m->nalt)
					pont_buf_addc(b, ']');
			}
			pont_buf_addc(b, '\n');
		}
	}
	if (fmt == FMT_JSON) {
		pont_buf_adds(b, "],\"concepts\":[");
		for (k = 0; k < ncounts; k++) {
			const pont_concept *c = pont_glossary_concept(gs[counts[k].glossary], counts[k].concept);

			pont_buf_adds(b, k ? ",{\"concept\":" : "{\"concept\":");
			pont_buf_add_json(b, c->id ? c->id : "-", strlen(c->id ? c->id : "-"));
			pont_buf_addf(b, ",\"count\":%zu}", counts[k].n);
		}
		pont_buf_adds(b, "]}");
	} else if (fmt == FMT_TEXT) {
		pont_buf_addf(b, "%s: %zu occurrences of %zu concepts:", name, ms->n, ncounts);
		for (k = 0; k < ncounts; k++) {
			const pont_concept *c = pont_glossary_concept(gs[counts[k].glossary], counts[k].concept);

			pont_buf_addf(b, "%s %s ×%zu", k ? "," : "", c->id ? c->id : "-", counts[k].n);
		}
		pont_buf_addc(b, '\n');
	}
	free(counts);
	for (k = 0; k < ng; k++)
		free(slot[k]);
	free(slot);
	pont_lines_release(&li);
}

int
cmd_terms(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_TEXT_LONGOPTS,
		{ "glossary", required_argument, NULL, 'g' },
		{ "target-lang", required_argument, NULL, 't' },
		{ "dict", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "candidates", no_argument, NULL, 'C' },
		{ "tbx", required_argument, NULL, 'X' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	cli_textopts to = CLI_TEXTOPTS_INIT;
	int candidates = 0;
	const char *tbx = NULL;
	pont_dict *endict = NULL;
	pont_candidates cands = PONT_CANDIDATES_INIT;
	pont_segmenter *sg = NULL;
	pont_buf ctx = PONT_BUF_INIT;
	char **contexts = NULL;
	const char *target = "en", *dictdir = NULL, **gpaths;
	size_t ng = 0, i;
	int fmt = FMT_TEXT, c, rc = EXIT_OK, nfiles;
	pont_glossary **gs;
	pont_dict *dict = NULL;
	pont_matcher *m = NULL;
	pont_error err;
	pont_buf out = PONT_BUF_INIT;
	char *stdin_only[] = { (char *)"-" };
	char **files;
	cli_out o;

	gpaths = calloc((size_t)argc + 1, sizeof *gpaths);
	gs = calloc((size_t)argc + 1, sizeof *gs);
	if (gpaths == NULL || gs == NULL)
		abort();
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_TEXT_SHORTOPTS "g:t:f:h", longopts, NULL)) != -1) {
		if (cli_textopt(c, optarg, &to))
			continue;
		switch (c) {
		case 'g':
			gpaths[ng++] = optarg;
			break;
		case 't':
			target = optarg;
			break;
		case 'D':
			dictdir = optarg;
			break;
		case 'C':
			candidates = 1;
			break;
		case 'X':
			tbx = optarg;
			candidates = 1;
			break;
		case 'f':
			fmt = strcmp(optarg, "json") == 0 ? FMT_JSON : strcmp(optarg, "tsv") == 0 ? FMT_TSV :
			      strcmp(optarg, "text") == 0 ? FMT_TEXT : -1;
			if (fmt < 0)
				rc = cli_usage("terms", "unknown format '%s' (text, json or tsv)", optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			free(gpaths);
			free(gs);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			rc = cli_usage("terms", "unknown option");
			break;
		}
		if (rc != EXIT_OK)
			break;
	}
	if (rc == EXIT_OK && !cli_is_english(target))
		rc = cli_usage("terms", "--target-lang takes en, en-US or en-GB, not '%s'", target);
	if (rc == EXIT_OK)
		rc = cli_textopts_check("terms", &to);
	if (rc == EXIT_OK && ng == 0)
		gpaths[ng++] = cli_default_glossary();
	if (rc == EXIT_OK) {
		cli_dict_job *job = cli_dict_start(to.lang, dictdir, 0);	/* loads while the glossaries are read */

		for (i = 0; rc == EXIT_OK && i < ng; i++)
			rc = cli_load_glossary(gpaths[i], &gs[i], NULL);
		dict = cli_dict_wait(job, &rc);
	}
	if (rc == EXIT_OK)
		m = pont_matcher_new((const pont_glossary *const *)gs, ng, to.lang, dict, &err);
	if (rc == EXIT_OK && candidates && ((endict = pont_dict_open("en", dictdir, &err)) == NULL ||
					    (sg = pont_segmenter_new(to.lang, &err)) == NULL)) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	files = optind < argc ? argv + optind : stdin_only;
	nfiles = optind < argc ? argc - optind : 1;
	if (fmt == FMT_JSON)
		pont_buf_adds(&out, "{\"files\":[");
	for (c = 0; rc == EXIT_OK && c < nfiles; c++) {
		pont_text t = PONT_TEXT_INIT;
		pont_matches ms = PONT_MATCHES_INIT;
		pont_doc *doc;

		if ((rc = cli_read(files[c], to.flags, &t)) != EXIT_OK)
			break;
		cli_input_format(to.input, files[c], &to.doc.format);
		if ((doc = pont_doc_parse(t.data, t.len, &to.doc, &err)) == NULL) {
			err.file = cli_name(files[c]);
			cli_report(&err);
			rc = cli_exit_code(err.code);
		} else if (candidates) {
			size_t k, from = cands.n;

			pont_match_doc(m, doc, &ms);
			pont_find_candidates(doc, &ms, dict, endict, &cands);
			contexts = realloc(contexts, (cands.n + 1) * sizeof *contexts);
			if (contexts == NULL)
				abort();
			{
				pont_segs segs = PONT_SEGS_INIT;

				pont_segment_doc(sg, doc, &segs, &err);
				for (k = from; k < cands.n; k++) {	/* the sentence of the first occurrence */
					size_t q;

					contexts[k] = NULL;
					for (q = 0; q < segs.n; q++)
						if (segs.v[q].span.start <= cands.v[k].first.start &&
						    cands.v[k].first.end <= segs.v[q].span.end) {
							contexts[k] = strndup(t.data + segs.v[q].span.start,
									      segs.v[q].span.end - segs.v[q].span.start);
							break;
						}
				}
				pont_segs_release(&segs);
			}
		} else {
			pont_match_doc(m, doc, &ms);
			emit(&out, fmt, cli_name(files[c]), &t, (const pont_glossary *const *)gs, ng, &ms, target, c == 0);
		}
		pont_matches_release(&ms);
		pont_doc_free(doc);
		pont_text_release(&t);
	}
	if (candidates) {
		size_t k, a, b;

		/* most frequent first over all the files (a stable insertion sort, contexts alongside) */
		for (a = 1; a < cands.n; a++)
			for (b = a; b > 0 && cands.v[b].count > cands.v[b - 1].count; b--) {
				pont_candidate tc = cands.v[b];
				char *tx = contexts[b];

				cands.v[b] = cands.v[b - 1];
				cands.v[b - 1] = tc;
				contexts[b] = contexts[b - 1];
				contexts[b - 1] = tx;
			}
		pont_buf_reset(&out);
		if (tbx) {
			pont_candidates_write_tbx(&cands, (const char *const *)contexts, &ctx);
			if (rc == EXIT_OK && (rc = cli_out_open(&o, tbx)) == EXIT_OK) {
				cli_out_write(&o, ctx.p, ctx.len);
				rc = cli_out_close(&o, 1);
			}
		}
		for (k = 0; k < cands.n; k++) {
			static const char *const kinds[] = { "acronym", "camelcase", "anglicism" };

			if (fmt == FMT_TSV)
				pont_buf_addf(&out, "%s%zu\t%s\t%s\t%s\n", k ? "" : "count\tkind\tcandidate\tcontext\n",
					      cands.v[k].count, kinds[cands.v[k].kind], cands.v[k].text,
					      contexts && contexts[k] ? contexts[k] : "");
			else
				pont_buf_addf(&out, "%4zu  %-9s  %-20s  %s\n", cands.v[k].count, kinds[cands.v[k].kind],
					      cands.v[k].text, contexts && contexts[k] ? contexts[k] : "");
		}
		for (k = 0; contexts && k < cands.n; k++)
			free(contexts[k]);
		free(contexts);
	} else if (fmt == FMT_JSON)
		pont_buf_adds(&out, "\n]}\n");
	if (rc == EXIT_OK && (rc = cli_out_open(&o, to.output)) == EXIT_OK) {
		cli_out_write(&o, out.p, out.len);
		rc = cli_out_close(&o, 1);
	}
	pont_buf_release(&out);
	pont_buf_release(&ctx);
	pont_candidates_release(&cands);
	pont_segmenter_free(sg);
	CLI_EXIT_FREE_DICT(endict);
	pont_matcher_free(m);
	CLI_EXIT_FREE_DICT(dict);
	for (i = 0; i < ng; i++)
		pont_glossary_free(gs[i]);
	free(gs);
	free(gpaths);
	return rc;
}
