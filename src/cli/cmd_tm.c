/* cmd_tm.c: pont tm import|add|export|lookup|stats: the translation memory. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli.h"

enum { O_ALIGNED = CLI_O_OWN, O_MAX, O_QUERIES, O_TIMING, O_BRUTE_FORCE };

static struct {
	int aligned, timing, brute;
	long maxn;
	const char *queries;
} o = { 0, 0, 0, 3, NULL };

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
	int rc;

	if (cli_has_suffix(path, ".tmx"))
		pont_tm_write_tmx(tm, &b);	/* a memory kept as TMX stays TMX */
	else
		pont_tm_write(tm, &b);
	rc = cli_write(path, &b);
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

static int
opt(cli_env *env, int key, const char *arg)
{
	(void)env;
	switch (key) {
	case O_ALIGNED:
		o.aligned = 1;
		return EXIT_OK;
	case O_MAX:
		return cli_number("tm", "--max", arg, 1, 100, &o.maxn);
	case O_QUERIES:
		o.queries = arg;
		return EXIT_OK;
	case O_TIMING:
		o.timing = 1;
		return EXIT_OK;
	case O_BRUTE_FORCE:
		o.brute = 1;
		return EXIT_OK;
	}
	return cli_usage("tm", "unknown option");
}

/* The one memory every tm command works on (--tm). */
static const char *
memory(const cli_env *env)
{
	if (env->ntm_paths != 1) {
		cli_usage(env->cmd->name, env->ntm_paths ? "give one memory with --tm FILE" : "give the memory with --tm FILE");
		return NULL;
	}
	return env->tm_paths[0];
}

/* Adds the units of one file (TMX, TSV, pont's file or a finished work file) to tm. */
static int
import_file(pont_tm *tm, const char *path, int add_only, size_t *added)
{
	pont_tm *other = NULL;
	size_t k;
	int rc;

	if (cli_has_suffix(path, ".xlf") || cli_has_suffix(path, ".xliff"))
		return import_xliff(tm, path, added);
	if (add_only)
		return cli_usage("tm add", "add takes finished work files (.xlf)");
	if ((rc = cli_tm_read(path, "fr", "en", &other)) == EXIT_OK)
		for (k = 0; k < pont_tm_size(other); k++)
			*added += (size_t)pont_tm_add(tm, pont_tm_source(other, k), strlen(pont_tm_source(other, k)),
						      pont_tm_target(other, k), strlen(pont_tm_target(other, k)),
						      pont_tm_note(other, k));
	pont_tm_free(other);
	return rc;
}

static int
import_or_add(cli_env *env, int argc, char **argv, int add_only)
{
	const char *mem = memory(env);
	pont_tm *tm = NULL;
	size_t added = 0, before;
	int i, rc;

	if (mem == NULL)
		return EXIT_USAGE;
	if (argc == 0 || (o.aligned && argc != 2))
		return cli_usage(env->cmd->name, o.aligned ? "--aligned takes FR.txt EN.txt" : "give the files to import");
	if (!cli_has_suffix(mem, ".ptm") && !cli_has_suffix(mem, ".tmx"))
		return cli_usage(env->cmd->name, "the memory is pont's file (.ptm) or a TMX file (.tmx)");
	if ((rc = open_memory(mem, 1, &tm)) != EXIT_OK)
		return rc;
	before = pont_tm_size(tm);
	if (o.aligned)
		rc = import_aligned(tm, argv[0], argv[1], &added);
	for (i = 0; !o.aligned && rc == EXIT_OK && i < argc; i++)
		rc = import_file(tm, argv[i], add_only, &added);
	if (rc == EXIT_OK)
		rc = save_memory(mem, tm);
	if (rc == EXIT_OK)
		fprintf(stderr, "pont: %s: %zu units added (%zu were there), %zu in all\n", cli_name(mem), added, before,
			pont_tm_size(tm));
	pont_tm_free(tm);
	return rc;
}

static int
run_import(cli_env *env, int argc, char **argv)
{
	return import_or_add(env, argc, argv, 0);
}

static int
run_add(cli_env *env, int argc, char **argv)
{
	return import_or_add(env, argc, argv, 1);
}

static int
run_export(cli_env *env, int argc, char **argv)
{
	const char *mem = memory(env);
	pont_buf b = PONT_BUF_INIT;
	pont_tm *tm = NULL;
	size_t k;
	int j, rc;

	(void)argv;
	if (mem == NULL)
		return EXIT_USAGE;
	if (argc)
		return cli_usage("tm export", "export takes no FILE: write it with -o FILE");
	if ((rc = open_memory(mem, 0, &tm)) != EXIT_OK)
		return rc;
	if (env->output && cli_has_suffix(env->output, ".tsv")) {
		pont_buf_adds(&b, "fr\ten\n");
		for (k = 0; k < pont_tm_size(tm); k++) {
			const char *f[2] = { pont_tm_source(tm, k), pont_tm_target(tm, k) };

			for (j = 0; j < 2; j++) {
				pont_buf_add_tsv(&b, f[j], strlen(f[j]));
				pont_buf_addc(&b, j ? '\n' : '\t');
			}
		}
	} else {
		pont_tm_write_tmx(tm, &b);
	}
	rc = cli_write(env->output, &b);
	pont_buf_release(&b);
	pont_tm_free(tm);
	return rc;
}

static int
run_stats(cli_env *env, int argc, char **argv)
{
	const char *mem = memory(env);
	pont_tm *tm = NULL;
	int rc;

	(void)argc;
	(void)argv;
	if (mem == NULL)
		return EXIT_USAGE;
	if ((rc = open_memory(mem, 0, &tm)) != EXIT_OK)
		return rc;
	printf("memory: %s\nlanguages: %s -> %s\nunits: %zu\n", cli_name(mem), pont_tm_src_lang(tm), pont_tm_trg_lang(tm),
	       pont_tm_size(tm));
	pont_tm_free(tm);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

typedef struct lookups {
	pont_tm *tm;
	pont_tm_match *m;
	int fmt, min_score, first;
	size_t nq, found;
	pont_buf out;
} lookups;

static void
look_up(lookups *l, const char *q, size_t n)
{
	size_t k = o.brute ? pont_tm_lookup_all(l->tm, q, n, l->min_score, l->m, (size_t)o.maxn) :
			     pont_tm_lookup(l->tm, q, n, l->min_score, l->m, (size_t)o.maxn);

	print_matches(&l->out, l->fmt, l->tm, q, l->m, k, l->first);
	l->first = 0;
	l->found += k > 0;
	l->nq++;
}

/* The phrases of --queries FILE, one a line. */
static int
look_up_file(lookups *l)
{
	pont_text qt = PONT_TEXT_INIT;
	pont_buf ql = PONT_BUF_INIT;
	const char *s, *e;
	int rc;

	if ((rc = cli_read(o.queries, 0, &qt)) != EXIT_OK)
		return rc;
	for (s = qt.data + qt.bom, e = qt.data + qt.len; s < e;) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(e - s);

		pont_buf_reset(&ql);
		pont_buf_add(&ql, s, len && s[len - 1] == '\r' ? len - 1 : len);
		s = nl ? nl + 1 : e;
		if (ql.len)
			look_up(l, ql.p, ql.len);
	}
	pont_buf_release(&ql);
	pont_text_release(&qt);
	return EXIT_OK;
}

static int
run_lookup(cli_env *env, int argc, char **argv)
{
	const char *mem = memory(env);
	lookups l;
	double t0 = cli_now(), t1, t2, t3;
	int i, rc;

	if (mem == NULL)
		return EXIT_USAGE;
	if (o.queries == NULL && argc == 0)
		return cli_usage("tm lookup", "give phrases to look up, or --queries FILE");
	memset(&l, 0, sizeof l);
	l.fmt = env->format;
	l.min_score = env->min_score;
	l.first = 1;
	if ((l.m = malloc((size_t)o.maxn * sizeof *l.m)) == NULL)
		abort();
	if ((rc = open_memory(mem, 0, &l.tm)) != EXIT_OK) {
		free(l.m);
		return rc;
	}
	t1 = cli_now();
	if (pont_tm_size(l.tm))		/* the index, built before the first look-up is timed */
		pont_tm_lookup(l.tm, "", 0, 100, l.m, 1);
	t2 = cli_now();
	if (l.fmt == 1)
		pont_buf_adds(&l.out, "{\"results\":[");
	else if (l.fmt == 2)
		pont_buf_adds(&l.out, "query\tscore\tunit\tsource\ttarget\n");
	for (i = 0; i < argc; i++)
		look_up(&l, argv[i], strlen(argv[i]));
	if (o.queries)
		rc = look_up_file(&l);
	t3 = cli_now();
	if (l.fmt == 1)
		pont_buf_adds(&l.out, "\n]}\n");
	if (rc == EXIT_OK)
		rc = cli_write(env->output, &l.out);
	if (o.timing) {
		struct rusage ru;

		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "pont: tm: %zu units; load %.3f s, index %.3f s, %zu look-ups in %.3f s (%.3f ms each); "
			"peak RSS %ld MB\n", pont_tm_size(l.tm), t1 - t0, t2 - t1, l.nq, t3 - t2,
			l.nq ? 1000.0 * (t3 - t2) / (double)l.nq : 0.0, ru.ru_maxrss / 1024);
	}
	if (rc == EXIT_OK && l.found == 0)
		rc = EXIT_FINDINGS;
	pont_buf_release(&l.out);
	pont_tm_free(l.tm);
	free(l.m);
	return rc;
}

#define ABOUT \
	"\n\nThe translation memory of a series, French to English, in one file of pont's own (.ptm):\n" \
	"the units and an index of their words, read in one go, so that a look-up scores only the\n" \
	"few units that can reach the minimum score. TMX 1.4b goes in and out (inline codes kept); a\n" \
	"MEMORY ending in .tmx is read and written as TMX (slower to open)."
#define EXITS \
	"0 ok, 1 lookup found nothing, 2 usage, 3 bad input (malformed TMX, TSV or\n" \
	"XLIFF, no unit in French and English, a damaged memory), 4 I/O error."

static const int shared_tm[] = { CLI_O_TM, 0 };
static const int shared_export[] = { CLI_O_TM, CLI_O_OUTPUT, 0 };
static const int shared_lookup[] = { CLI_O_TM, CLI_O_MIN_SCORE, CLI_O_FORMAT, CLI_O_OUTPUT, 0 };
static const cli_opt import_opts[] = {
	{ "aligned", O_ALIGNED, NULL, "import two files whose lines are translations of each other" },
	{ NULL, 0, NULL, NULL }
};
static const cli_opt lookup_opts[] = {
	{ "max", O_MAX, "N", "matches per phrase (default 3)" },
	{ "queries", O_QUERIES, "FILE", "one phrase a line" },
	{ "timing", O_TIMING, NULL, "print to stderr the load time, the time per look-up and peak memory" },
	{ "brute-force", O_BRUTE_FORCE, NULL, "score every unit instead of using the index (for checking)" },
	{ NULL, 0, NULL, NULL }
};
static const char *const syn_import[] = { "--tm MEMORY FILE...", "--tm MEMORY --aligned FR.txt EN.txt", NULL };
static const char *const syn_add[] = { "--tm MEMORY WORK.xlf...", NULL };
static const char *const syn_export[] = { "--tm MEMORY [-o FILE.tmx|FILE.tsv]", NULL };
static const char *const syn_lookup[] = { "--tm MEMORY [OPTIONS] [PHRASE...]", NULL };
static const char *const syn_stats[] = { "--tm MEMORY", NULL };

const cli_command cmd_tm_import = {
	"tm import", "add TMX, TSV, work files or aligned texts to a memory", syn_import,
	"Adds units, creating the memory when needed (written atomically: an interrupted import\n"
	"leaves the memory as it was): TMX (units with a French and an English <tuv>), TSV (a header\n"
	"naming the columns' languages, \"en<TAB>fr\"), a work file (its translated segments), or two\n"
	"line-aligned files (--aligned). Identical pairs are kept once." ABOUT,
	shared_tm, import_opts, NULL, 0, EXITS, NULL, opt, run_import
};
const cli_command cmd_tm_add = {
	"tm add", "add the approved segments of finished work files to a memory", syn_add,
	"import for finished work files: their segments translated, reviewed or final." ABOUT,
	shared_tm, NULL, NULL, 0, EXITS, NULL, opt, run_add
};
const cli_command cmd_tm_export = {
	"tm export", "a memory as TMX 1.4b or TSV", syn_export,
	"Writes the memory as TMX 1.4b, or TSV when FILE ends in .tsv (default: TMX on stdout)." ABOUT,
	shared_export, NULL, NULL, 0, EXITS, NULL, opt, run_export
};
const cli_command cmd_tm_lookup = {
	"tm lookup", "the best matches of phrases in a memory", syn_lookup,
	"Reads MEMORY as pont's file or TMX and prints the best matches of each phrase (or each line\n"
	"of --queries FILE): score, French, English. Score: 100 minus the weighted token edit\n"
	"distance in percent (words 1, numbers 0.5, punctuation and inline codes 0.25; case ignored,\n"
	"100 only for the same text); minimum 70 by default." ABOUT,
	shared_lookup, lookup_opts, "text json tsv", 0, EXITS, NULL, opt, run_lookup
};
const cli_command cmd_tm_stats = {
	"tm stats", "the languages and size of a memory", syn_stats, "The memory's languages and units." ABOUT,
	shared_tm, NULL, NULL, 0, EXITS, NULL, opt, run_stats
};
