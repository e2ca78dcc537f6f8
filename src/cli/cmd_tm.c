/* cmd_tm.c: pont tm: the translation memory (import, export, lookup, stats, add). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: pont tm import --tm MEMORY.ptm FILE...        (TMX, TSV, or a finished work file .xlf)\n"
	"       pont tm import --tm MEMORY.ptm --aligned FR.txt EN.txt\n"
	"       pont tm add WORK.xlf... --tm MEMORY.ptm\n"
	"       pont tm export --tm MEMORY.ptm [-o FILE.tmx|FILE.tsv]\n"
	"       pont tm lookup --tm MEMORY [--min-score N] [--max N] [--format text|json|tsv]\n"
	"                      [--queries FILE] [--timing] [PHRASE...]\n"
	"       pont tm stats --tm MEMORY\n"
	"\n"
	"The translation memory of a series, French to English, in one file of pont's own (.ptm): the\n"
	"units and an index of their words, read in one go, so that a look-up scores only the few\n"
	"units that can reach the minimum score. TMX 1.4b goes in and out (inline codes kept); a\n"
	"MEMORY ending in .tmx is read and written as TMX (slower to open).\n"
	"\n"
	"import adds units, creating the memory when needed (written atomically: an interrupted\n"
	"import leaves the memory as it was): TMX (units with a French and an English <tuv>), TSV (a\n"
	"header naming the columns' languages, \"en<TAB>fr\"), a work file (its translated segments),\n"
	"or two line-aligned files (--aligned). add is import for finished work files. Identical\n"
	"pairs are kept once. lookup reads MEMORY as pont's file or TMX and prints the best matches of\n"
	"each phrase (or each line of --queries FILE): score, French, English. Score: 100 minus the\n"
	"weighted token edit distance in percent (words 1, numbers 0.5, punctuation and inline codes\n"
	"0.25; case ignored, 100 only for the same text); minimum 70 by default.\n"
	"\n"
	"      --tm FILE           the memory\n"
	"      --aligned FR EN     import two files whose lines are translations of each other\n"
	"      --min-score N       lowest score shown, 1-100 (default 70)\n"
	"      --max N             matches per phrase (default 3)\n"
	"      --queries FILE      one phrase a line\n"
	"      --timing            print to stderr the load time, the time per look-up and peak memory\n"
	"      --brute-force       score every unit instead of using the index (for checking)\n"
	"  -f, --format FORMAT     text (default), json or tsv\n"
	"  -o, --output FILE       export: TMX, or TSV when FILE ends in .tsv (default: TMX on stdout)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit status: 0 ok, 1 lookup found nothing, 2 usage, 3 bad input (malformed TMX, TSV or\n"
	"XLIFF, no unit in French and English, a damaged memory), 4 I/O error.\n";

/* The memory at path, or a new one when it does not exist yet (create != 0). */
static int
open_memory(const char *path, int create, pont_tm **tm)
{
	if (create && access(path, F_OK) != 0) {
		*tm = pont_tm_new("fr", "en");
		return EXIT_OK;
	}
	return cli_tm_read(path, "fr", "en", tm);
}

static int
save_memory(const char *path, const pont_tm *tm)
{
	pont_buf b = PONT_BUF_INIT;
	cli_out o;
	int rc;

	if (cli_has_suffix(path, ".tmx"))
		pont_tm_write_tmx(tm, &b);	/* a memory kept as TMX stays TMX */
	else
		pont_tm_write(tm, &b);
	if ((rc = cli_out_open(&o, path)) == EXIT_OK) {
		cli_out_write(&o, b.p, b.len);
		rc = cli_out_close(&o, 1);
	}
	pont_buf_release(&b);
	return rc;
}

static int
import_xliff(pont_tm *tm, const char *path, size_t *added)
{
	pont_xliff *x;
	size_t skipped = 0;
	int rc = cli_load_xliff(path, &x);

	if (rc == EXIT_OK) {
		*added += pont_xliff_to_tm(x, tm, &skipped);
		if (skipped)
			cli_msg(cli_name(path), "info", "%zu segments without an approved translation left out", skipped);
	}
	pont_xliff_free(x);
	return rc;
}

static int
import_aligned(pont_tm *tm, const char *fr, const char *en, size_t *added)
{
	pont_text a = PONT_TEXT_INIT, b = PONT_TEXT_INIT;
	const char *p, *q, *pe, *qe;
	unsigned long line = 0;
	int rc;

	if ((rc = cli_read(fr, 0, &a)) != EXIT_OK || (rc = cli_read(en, 0, &b)) != EXIT_OK) {
		pont_text_release(&a);
		return rc;
	}
	p = a.data + a.bom;
	pe = a.data + a.len;
	q = b.data + b.bom;
	qe = b.data + b.len;
	while (p < pe && q < qe) {
		const char *np = memchr(p, '\n', (size_t)(pe - p)), *nq = memchr(q, '\n', (size_t)(qe - q));
		size_t lp = np ? (size_t)(np - p) : (size_t)(pe - p), lq = nq ? (size_t)(nq - q) : (size_t)(qe - q);

		line++;
		if (lp && p[lp - 1] == '\r')
			lp--;
		if (lq && q[lq - 1] == '\r')
			lq--;
		if (lp && lq)
			*added += (size_t)pont_tm_add(tm, p, lp, q, lq, NULL);
		p = np ? np + 1 : pe;
		q = nq ? nq + 1 : qe;
	}
	if (p < pe || q < qe) {
		cli_msg(NULL, "error", "%s and %s do not have the same number of lines (they differ after line %lu)",
			cli_name(fr), cli_name(en), line);
		rc = EXIT_DATA;
	}
	pont_text_release(&a);
	pont_text_release(&b);
	return rc;
}

static void
print_matches(pont_buf *out, int fmt, pont_tm *tm, const char *q, const pont_tm_match *m, size_t n, int first)
{
	size_t k;

	if (fmt == 1) {
		pont_buf_adds(out, first ? "\n{\"query\":" : ",\n{\"query\":");
		pont_buf_add_json(out, q, strlen(q));
		pont_buf_adds(out, ",\"matches\":[");
		for (k = 0; k < n; k++) {
			pont_buf_addf(out, "%s{\"score\":%d,\"unit\":%u,\"source\":", k ? "," : "", m[k].score, m[k].unit);
			pont_buf_add_json(out, pont_tm_source(tm, m[k].unit), strlen(pont_tm_source(tm, m[k].unit)));
			pont_buf_adds(out, ",\"target\":");
			pont_buf_add_json(out, pont_tm_target(tm, m[k].unit), strlen(pont_tm_target(tm, m[k].unit)));
			pont_buf_addc(out, '}');
		}
		pont_buf_adds(out, "]}");
	} else if (fmt == 2) {
		for (k = 0; k < n; k++) {
			pont_buf_add_tsv(out, q, strlen(q));
			pont_buf_addf(out, "\t%d\t%u\t", m[k].score, m[k].unit);
			pont_buf_add_tsv(out, pont_tm_source(tm, m[k].unit), strlen(pont_tm_source(tm, m[k].unit)));
			pont_buf_addc(out, '\t');
			pont_buf_add_tsv(out, pont_tm_target(tm, m[k].unit), strlen(pont_tm_target(tm, m[k].unit)));
			pont_buf_addc(out, '\n');
		}
	} else {
		pont_buf_addf(out, "%s\n", q);
		if (n == 0)
			pont_buf_adds(out, "  (no match)\n");
		for (k = 0; k < n; k++)
			pont_buf_addf(out, "  %3d%%  %s\n        %s\n", m[k].score, pont_tm_source(tm, m[k].unit),
				      pont_tm_target(tm, m[k].unit));
	}
}

int
cmd_tm(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "tm", required_argument, NULL, 'T' },
		{ "aligned", no_argument, NULL, 'A' },
		{ "min-score", required_argument, NULL, 'M' },
		{ "max", required_argument, NULL, 'N' },
		{ "queries", required_argument, NULL, 'Q' },
		{ "timing", no_argument, NULL, 't' },
		{ "brute-force", no_argument, NULL, 'B' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sub, *mem = NULL, *output = NULL, *queries = NULL;
	int c, rc = EXIT_OK, aligned = 0, minscore = 70, timing = 0, brute = 0, fmt = 0;
	long maxn = 3;
	pont_tm *tm = NULL;
	double t0;

	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : (fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM);
	}
	sub = argv[1];
	optind = 2;
	while ((c = getopt_long(argc, argv, "f:o:h", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'T':
			mem = optarg;
			break;
		case 'A':
			aligned = 1;
			break;
		case 'M':
			minscore = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || minscore < 1 || minscore > 100)
				return cli_usage("tm", "--min-score takes a number from 1 to 100, not '%s'", optarg);
			break;
		case 'N':
			maxn = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || maxn < 1 || maxn > 100)
				return cli_usage("tm", "--max takes a number from 1 to 100, not '%s'", optarg);
			break;
		case 'Q':
			queries = optarg;
			break;
		case 't':
			timing = 1;
			break;
		case 'B':
			brute = 1;
			break;
		case 'f':
			fmt = strcmp(optarg, "text") == 0 ? 0 : strcmp(optarg, "json") == 0 ? 1 : strcmp(optarg, "tsv") == 0 ? 2 : -1;
			if (fmt < 0)
				return cli_usage("tm", "unknown format '%s' (text, json or tsv)", optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			return cli_usage("tm", "unknown option");
		}
	}
	if (mem == NULL)
		return cli_usage("tm", "give the memory with --tm FILE");
	t0 = cli_now();
	if (strcmp(sub, "import") == 0 || strcmp(sub, "add") == 0) {
		size_t added = 0, before;
		int i;

		if (optind >= argc || (aligned && argc - optind != 2))
			return cli_usage("tm", aligned ? "--aligned takes FR.txt EN.txt" : "give the files to import");
		if (!cli_has_suffix(mem, ".ptm") && !cli_has_suffix(mem, ".tmx"))
			return cli_usage("tm", "the memory is pont's file (.ptm) or a TMX file (.tmx)");
		if ((rc = open_memory(mem, 1, &tm)) != EXIT_OK)
			return rc;
		before = pont_tm_size(tm);
		if (aligned) {
			rc = import_aligned(tm, argv[optind], argv[optind + 1], &added);
		} else {
			for (i = optind; rc == EXIT_OK && i < argc; i++) {
				if (cli_has_suffix(argv[i], ".xlf") || cli_has_suffix(argv[i], ".xliff")) {
					rc = import_xliff(tm, argv[i], &added);
				} else if (strcmp(sub, "add") == 0) {
					rc = cli_usage("tm", "add takes finished work files (.xlf)");
				} else {
					pont_tm *other = NULL;
					size_t k;

					if ((rc = cli_tm_read(argv[i], "fr", "en", &other)) == EXIT_OK)
						for (k = 0; k < pont_tm_size(other); k++)
							added += (size_t)pont_tm_add(tm, pont_tm_source(other, k),
										     strlen(pont_tm_source(other, k)),
										     pont_tm_target(other, k),
										     strlen(pont_tm_target(other, k)),
										     pont_tm_note(other, k));
					pont_tm_free(other);
				}
			}
		}
		if (rc == EXIT_OK)
			rc = save_memory(mem, tm);
		if (rc == EXIT_OK)
			fprintf(stderr, "pont: %s: %zu units added (%zu were there), %zu in all\n", cli_name(mem), added, before,
				pont_tm_size(tm));
	} else if (strcmp(sub, "export") == 0) {
		pont_buf b = PONT_BUF_INIT;
		cli_out o;

		if ((rc = open_memory(mem, 0, &tm)) != EXIT_OK)
			return rc;
		if (output && cli_has_suffix(output, ".tsv")) {
			size_t k;

			pont_buf_adds(&b, "fr\ten\n");
			for (k = 0; k < pont_tm_size(tm); k++) {
				const char *f[2] = { pont_tm_source(tm, k), pont_tm_target(tm, k) };
				int j;

				for (j = 0; j < 2; j++) {
					pont_buf_add_tsv(&b, f[j], strlen(f[j]));
					pont_buf_addc(&b, j ? '\n' : '\t');
				}
			}
		} else {
			pont_tm_write_tmx(tm, &b);
		}
		if ((rc = cli_out_open(&o, output)) == EXIT_OK) {
			cli_out_write(&o, b.p, b.len);
			rc = cli_out_close(&o, 1);
		}
		pont_buf_release(&b);
	} else if (strcmp(sub, "stats") == 0) {
		if ((rc = open_memory(mem, 0, &tm)) != EXIT_OK)
			return rc;
		printf("memory: %s\nlanguages: %s -> %s\nunits: %zu\n", cli_name(mem), pont_tm_src_lang(tm),
		       pont_tm_trg_lang(tm), pont_tm_size(tm));
		rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
	} else if (strcmp(sub, "lookup") == 0) {
		pont_buf out = PONT_BUF_INIT, ql = PONT_BUF_INIT;
		pont_text qt = PONT_TEXT_INIT;
		pont_tm_match *m = malloc((size_t)maxn * sizeof *m);
		double t1, t2, t3;
		size_t nq = 0, found = 0;
		int i, first = 1;
		cli_out o;

		if (m == NULL)
			abort();
		if ((rc = open_memory(mem, 0, &tm)) != EXIT_OK) {
			free(m);
			return rc;
		}
		t1 = cli_now();
		if (pont_tm_size(tm))		/* the index, built before the first look-up is timed */
			pont_tm_lookup(tm, "", 0, 100, m, 1);
		t2 = cli_now();
		if (queries && (rc = cli_read(queries, 0, &qt)) != EXIT_OK) {
			free(m);
			pont_tm_free(tm);
			return rc;
		}
		if (queries == NULL && optind >= argc) {
			free(m);
			pont_tm_free(tm);
			return cli_usage("tm", "give phrases to look up, or --queries FILE");
		}
		if (fmt == 1)
			pont_buf_adds(&out, "{\"results\":[");
		else if (fmt == 2)
			pont_buf_adds(&out, "query\tscore\tunit\tsource\ttarget\n");
		for (i = optind; i < argc; i++) {
			size_t n = brute ? pont_tm_lookup_all(tm, argv[i], strlen(argv[i]), minscore, m, (size_t)maxn) :
					   pont_tm_lookup(tm, argv[i], strlen(argv[i]), minscore, m, (size_t)maxn);

			print_matches(&out, fmt, tm, argv[i], m, n, first);
			first = 0;
			found += n > 0;
			nq++;
		}
		if (queries) {
			const char *s = qt.data + qt.bom, *e = qt.data + qt.len;

			while (s < e) {
				const char *nl = memchr(s, '\n', (size_t)(e - s));
				size_t l = nl ? (size_t)(nl - s) : (size_t)(e - s), n;

				pont_buf_reset(&ql);
				pont_buf_add(&ql, s, l && s[l - 1] == '\r' ? l - 1 : l);
				s = nl ? nl + 1 : e;
				if (ql.len == 0)
					continue;
				n = brute ? pont_tm_lookup_all(tm, ql.p, ql.len, minscore, m, (size_t)maxn) :
					    pont_tm_lookup(tm, ql.p, ql.len, minscore, m, (size_t)maxn);
				print_matches(&out, fmt, tm, ql.p, m, n, first);
				first = 0;
				found += n > 0;
				nq++;
			}
		}
		t3 = cli_now();
		if (fmt == 1)
			pont_buf_adds(&out, "\n]}\n");
		if ((rc = cli_out_open(&o, output)) == EXIT_OK) {
			cli_out_write(&o, out.p ? out.p : "", out.len);
			rc = cli_out_close(&o, 1);
		}
		if (timing) {
			struct rusage ru;

			getrusage(RUSAGE_SELF, &ru);
			fprintf(stderr, "pont: tm: %zu units; load %.3f s, index %.3f s, %zu look-ups in %.3f s (%.3f ms each); "
				"peak RSS %ld MB\n", pont_tm_size(tm), t1 - t0, t2 - t1, nq, t3 - t2,
				nq ? 1000.0 * (t3 - t2) / (double)nq : 0.0, ru.ru_maxrss / 1024);
		}
		if (rc == EXIT_OK && found == 0)
			rc = EXIT_FINDINGS;
		pont_buf_release(&out);
		pont_buf_release(&ql);
		pont_text_release(&qt);
		free(m);
	} else {
		rc = cli_usage("tm", "unknown subcommand '%s' (import, add, export, lookup, stats)", sub);
	}
	pont_tm_free(tm);
	return rc;
}
