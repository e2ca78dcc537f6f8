/* cmd_tm.c: pont tm import|add|export|lookup|stats: the translation memory. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

enum { O_ALIGNED = CLI_O_OWN, O_MAX, O_QUERIES, O_TIMING, O_BRUTE_FORCE, O_TRANSLATOR, O_ARTICLE };

static struct {
	int aligned, timing, brute;
	long maxn;
	const char *queries, *translator, *article;
} o = { 0, 0, 0, 3, NULL, NULL, NULL };

/* Now, as the date of units approved now. */
static const char *
now_iso(void)
{
	static char buf[32];
	time_t t = time(NULL);
	struct tm g;

	if (gmtime_r(&t, &g) == NULL || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &g) == 0)
		return NULL;
	return buf;
}

/* The provenance given on the command line (--translator, $PONT_TRANSLATOR, --article), dated
 * now when dated is 1. */
static pont_tm_prov
given_prov(int dated)
{
	pont_tm_prov pv = { NULL, NULL, NULL, NULL };

	pv.article = o.article;
	pv.translator = o.translator ? o.translator : getenv("PONT_TRANSLATOR");
	if (pv.translator && *pv.translator == '\0')
		pv.translator = NULL;
	pv.date = dated ? now_iso() : NULL;
	return pv;
}

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
	rc = cli_write_ex(path, &b, 1);	/* the memory it was read from */
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
		pont_tm_prov pv = given_prov(1);

		*added += pont_xliff_to_tm(x, tm, &pv, &skipped);
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
	pont_tm_prov pv = given_prov(1);

	if (pv.article == NULL)
		pv.article = cli_name(fr);
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
			*added += pont_tm_add_unit(tm, p, lp, q, lq, NULL, &pv) == PONT_TM_ADDED;
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

/* A match's provenance and, for a 100 whose text is not the same bytes, what differs. */
static void
match_details(pont_buf *out, int fmt, pont_tm *tm, const char *q, const pont_tm_match *m)
{
	pont_tm_prov pv = pont_tm_provenance(tm, m->unit);
	const char *v[PONT_TM_NPROV] = { pv.article, pv.date, pv.translator, pv.status };
	static const char *const key[PONT_TM_NPROV] = { "article", "date", "translator", "status" };
	pont_buf d = PONT_BUF_INIT;
	int k, any = 0;

	if (m->differs)
		pont_tm_typography(pont_tm_source(tm, m->unit), q, &d);
	if (fmt == 1) {
		for (k = 0; k < PONT_TM_NPROV; k++) {
			if (v[k] == NULL)
				continue;
			pont_buf_addf(out, ",\"%s\":", key[k]);
			pont_buf_add_json(out, v[k], strlen(v[k]));
		}
		if (d.len) {
			pont_buf_adds(out, ",\"typography\":");
			pont_buf_add_json(out, d.p, d.len);
		}
	} else if (fmt == 2) {
		for (k = 0; k < PONT_TM_NPROV; k++) {
			pont_buf_addc(out, '\t');
			if (v[k])
				pont_buf_add_tsv(out, v[k], strlen(v[k]));
		}
		pont_buf_addc(out, '\t');
		if (d.len)
			pont_buf_add_tsv(out, d.p, d.len);
	} else {
		if (d.len)
			pont_buf_addf(out, "        (the same text, with other %s)\n", d.p);
		for (k = 0; k < PONT_TM_NPROV; k++) {
			if (v[k] == NULL)
				continue;
			pont_buf_addf(out, "%s%s", any ? ", " : "        from ", v[k]);
			any = 1;
		}
		if (any)
			pont_buf_addc(out, '\n');
	}
	pont_buf_release(&d);
}

/* The matches of q; units numbered as in the memory file (a server's units have no such number:
 * numbered is 0, and JSON says null, TSV nothing). */
static void
print_matches(pont_buf *out, int fmt, pont_tm *tm, const char *q, const pont_tm_match *m, size_t n, int first,
	      int numbered)
{
	size_t k;

	if (fmt == 1) {
		pont_buf_adds(out, first ? "\n{\"query\":" : ",\n{\"query\":");
		pont_buf_add_json(out, q, strlen(q));
		pont_buf_adds(out, ",\"matches\":[");
		for (k = 0; k < n; k++) {
			pont_buf_addf(out, "%s{\"score\":%d,\"unit\":", k ? "," : "", m[k].score);
			if (numbered)
				pont_buf_addf(out, "%u", m[k].unit);
			else
				pont_buf_adds(out, "null");
			pont_buf_adds(out, ",\"source\":");
			pont_buf_add_json(out, pont_tm_source(tm, m[k].unit), strlen(pont_tm_source(tm, m[k].unit)));
			pont_buf_adds(out, ",\"target\":");
			pont_buf_add_json(out, pont_tm_target(tm, m[k].unit), strlen(pont_tm_target(tm, m[k].unit)));
			match_details(out, fmt, tm, q, &m[k]);
			pont_buf_addc(out, '}');
		}
		pont_buf_adds(out, "]}");
	} else if (fmt == 2) {
		for (k = 0; k < n; k++) {
			pont_buf_add_tsv(out, q, strlen(q));
			pont_buf_addf(out, "\t%d\t", m[k].score);
			if (numbered)
				pont_buf_addf(out, "%u", m[k].unit);
			pont_buf_addc(out, '\t');
			pont_buf_add_tsv(out, pont_tm_source(tm, m[k].unit), strlen(pont_tm_source(tm, m[k].unit)));
			pont_buf_addc(out, '\t');
			pont_buf_add_tsv(out, pont_tm_target(tm, m[k].unit), strlen(pont_tm_target(tm, m[k].unit)));
			match_details(out, fmt, tm, q, &m[k]);
			pont_buf_addc(out, '\n');
		}
	} else {
		pont_buf_addf(out, "%s\n", q);
		if (n == 0)
			pont_buf_adds(out, "  (no match)\n");
		for (k = 0; k < n; k++) {
			pont_buf_addf(out, "  %3d%%  %s\n        %s\n", m[k].score, pont_tm_source(tm, m[k].unit),
				      pont_tm_target(tm, m[k].unit));
			match_details(out, fmt, tm, q, &m[k]);
		}
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
	case O_TRANSLATOR:
		o.translator = arg;
		return EXIT_OK;
	case O_ARTICLE:
		o.article = arg;
		return EXIT_OK;
	}
	return cli_usage("tm", "unknown option");
}

/* The one memory every tm command works on (--tm, or $PONT_TM). */
static const char *
memory(const cli_env *env)
{
	if (env->ntm_paths != 1) {
		cli_usage(env->cmd->name, env->ntm_paths ? "give one memory with --tm FILE" :
			  "give the memory with --tm FILE (or --tm postgresql://..., or set PONT_TM)");
		return NULL;
	}
	return env->tm_paths[0];
}

/* Adds the units of one file (TMX, TSV, pont's file or a finished work file) to tm. */
static int
import_file(pont_tm *tm, const char *path, int add_only, size_t *added)
{
	pont_tm *other = NULL;
	pont_tm_prov given = given_prov(0);
	size_t k, before = pont_tm_size(tm);
	int rc;

	if (cli_has_suffix(path, ".xlf") || cli_has_suffix(path, ".xliff"))
		return import_xliff(tm, path, added);
	if (add_only)
		return cli_usage("tm add", "add takes finished work files (.xlf)");
	if (given.article == NULL && given.translator == NULL) {	/* read straight into the memory */
		rc = cli_tm_read_into(path, tm);
		*added += pont_tm_size(tm) - before;
		return rc;
	}
	if ((rc = cli_tm_read(path, "fr", "en", &other)) == EXIT_OK)
		for (k = 0; k < pont_tm_size(other); k++) {
			pont_tm_prov pv = pont_tm_provenance(other, k);

			if (given.article)
				pv.article = given.article;
			if (given.translator && pv.translator == NULL)
				pv.translator = given.translator;
			*added += pont_tm_add_unit(tm, pont_tm_source(other, k), strlen(pont_tm_source(other, k)),
						   pont_tm_target(other, k), strlen(pont_tm_target(other, k)),
						   pont_tm_note(other, k), &pv) == PONT_TM_ADDED;
		}
	pont_tm_free(other);
	return rc;
}

/* The units of the files named, into tm. */
static int
read_all(pont_tm *tm, int argc, char **argv, int add_only, size_t *added)
{
	int i, rc = EXIT_OK;

	if (o.aligned)
		return import_aligned(tm, argv[0], argv[1], added);
	for (i = 0; rc == EXIT_OK && i < argc; i++)
		rc = import_file(tm, argv[i], add_only, added);
	return rc;
}

/* The files' units merged into the memory file at mem, under its lock: read, add, write back,
 * so that runs at once lose nothing. */
static int
import_into_file(const char *mem, int argc, char **argv, int add_only, size_t *replaced, size_t *before, size_t *total)
{
	pont_tm *tm = NULL;
	size_t added = 0;
	int rc;
	cli_lock_t lock;

	if ((rc = cli_lock(mem, &lock)) != EXIT_OK)
		return rc;
	if ((rc = open_memory(mem, 1, &tm)) != EXIT_OK) {
		cli_unlock(&lock);
		return rc;
	}
	*before = pont_tm_size(tm);
	if ((rc = read_all(tm, argc, argv, add_only, &added)) == EXIT_OK)
		rc = save_memory(mem, tm);
	*total = pont_tm_size(tm);
	*replaced = pont_tm_replaced(tm);
	cli_unlock(&lock);
	pont_tm_free(tm);
	return rc;
}

/* The files' units read first (each whole, or nothing), then sent to the server at once. */
static int
import_into_server(const char *url, int argc, char **argv, int add_only, size_t *added, size_t *replaced,
		   size_t *before, size_t *total)
{
	pont_tm *in = pont_tm_new("fr", "en");
	pont_tmdb *db = NULL;
	pont_error err;
	size_t read = 0;
	int rc;

	if ((rc = read_all(in, argc, argv, add_only, &read)) == EXIT_OK && (rc = cli_tmdb_open(url, 0, &db)) == EXIT_OK) {
		if (pont_tmdb_add(db, in, added, replaced, &err) != PONT_OK || pont_tmdb_size(db, total, &err) != PONT_OK) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		}
		*before = *total - *added;
	}
	pont_tmdb_close(db);
	pont_tm_free(in);
	return rc;
}

static int
import_or_add(cli_env *env, int argc, char **argv, int add_only)
{
	const char *mem = memory(env);
	size_t added = 0, replaced = 0, before = 0, total = 0;
	int rc, server;

	if (mem == NULL)
		return EXIT_USAGE;
	if (argc == 0 || (o.aligned && argc != 2))
		return cli_usage(env->cmd->name, o.aligned ? "--aligned takes FR.txt EN.txt" : "give the files to import");
	server = pont_tmdb_is_url(mem);
	if (!server && !cli_has_suffix(mem, ".ptm") && !cli_has_suffix(mem, ".tmx"))
		return cli_usage(env->cmd->name, "the memory is pont's file (.ptm), a TMX file (.tmx) or a server "
				 "(postgresql://...)");
	if (server)
		rc = import_into_server(mem, argc, argv, add_only, &added, &replaced, &before, &total);
	else
		rc = import_into_file(mem, argc, argv, add_only, &replaced, &before, &total);
	if (rc == EXIT_OK) {
		pont_buf name = PONT_BUF_INIT;

		pont_tmdb_display(mem, &name);
		fprintf(stderr, "pont: %s: %zu units added, %zu updated (%zu were there), %zu in all\n",
			server ? name.p : cli_name(mem), total - before, replaced, before, total);
		pont_buf_release(&name);
	}
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

/* The whole memory, read from its file or its server. */
static int
whole_memory(const char *mem, pont_tm **tm)
{
	pont_tmdb *db;
	pont_error err;
	int rc;

	if (!pont_tmdb_is_url(mem))
		return open_memory(mem, 0, tm);
	if ((rc = cli_tmdb_open(mem, 0, &db)) != EXIT_OK)
		return rc;
	if ((*tm = pont_tmdb_export(db, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	pont_tmdb_close(db);
	return rc;
}

static int
run_init(cli_env *env, int argc, char **argv)
{
	const char *mem = memory(env);
	pont_tmdb *db;
	pont_tm *tm;
	size_t n = 0;
	pont_error err;
	int rc;

	(void)argv;
	if (mem == NULL)
		return EXIT_USAGE;
	if (argc)
		return cli_usage("tm init", "init takes no FILE");
	if (!pont_tmdb_is_url(mem)) {	/* a file: an empty memory, unless there is one */
		if (access(mem, F_OK) == 0)
			return open_memory(mem, 0, &tm) == EXIT_OK ? (pont_tm_free(tm), EXIT_OK) : EXIT_DATA;
		tm = pont_tm_new("fr", "en");
		rc = save_memory(mem, tm);
		pont_tm_free(tm);
		return rc;
	}
	if ((rc = cli_tmdb_open(mem, 1, &db)) != EXIT_OK)
		return rc;
	if (pont_tmdb_size(db, &n, &err) != PONT_OK) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	} else {
		fprintf(stderr, "pont: %s: a fr -> en memory, %zu units\n", pont_tmdb_name(db), n);
	}
	pont_tmdb_close(db);
	return rc;
}

static void
tsv_field(pont_buf *b, const char *s, int last)
{
	if (s)
		pont_buf_add_tsv(b, s, strlen(s));
	pont_buf_addc(b, last ? '\n' : '\t');
}

static int
run_export(cli_env *env, int argc, char **argv)
{
	const char *mem = memory(env);
	pont_buf b = PONT_BUF_INIT;
	pont_tm *tm = NULL;
	size_t k;
	int rc;

	(void)argv;
	if (mem == NULL)
		return EXIT_USAGE;
	if (argc)
		return cli_usage("tm export", "export takes no FILE: write it with -o FILE");
	if ((rc = whole_memory(mem, &tm)) != EXIT_OK)
		return rc;
	if (env->output && cli_has_suffix(env->output, ".tsv")) {
		pont_buf_adds(&b, "fr\ten\tnote\tarticle\tdate\ttranslator\tstatus\n");
		for (k = 0; k < pont_tm_size(tm); k++) {
			pont_tm_prov pv = pont_tm_provenance(tm, k);
			const char *note = pont_tm_note(tm, k);

			tsv_field(&b, pont_tm_source(tm, k), 0);
			tsv_field(&b, pont_tm_target(tm, k), 0);
			tsv_field(&b, note && !strchr(note, '\x1D') ? note : NULL, 0);
			tsv_field(&b, pv.article, 0);
			tsv_field(&b, pv.date, 0);
			tsv_field(&b, pv.translator, 0);
			tsv_field(&b, pv.status, 1);
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
	pont_tmdb *db;
	pont_error err;
	size_t n;
	int rc;

	(void)argc;
	(void)argv;
	if (mem == NULL)
		return EXIT_USAGE;
	if (pont_tmdb_is_url(mem)) {
		if ((rc = cli_tmdb_open(mem, 0, &db)) != EXIT_OK)
			return rc;
		if (pont_tmdb_size(db, &n, &err) != PONT_OK) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		} else {
			printf("memory: %s\nlanguages: fr -> en\nunits: %zu\n", pont_tmdb_name(db), n);
		}
		pont_tmdb_close(db);
		return rc != EXIT_OK ? rc : fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
	}
	if ((rc = open_memory(mem, 0, &tm)) != EXIT_OK)
		return rc;
	printf("memory: %s\nlanguages: %s -> %s\nunits: %zu\n", cli_name(mem), pont_tm_src_lang(tm), pont_tm_trg_lang(tm),
	       pont_tm_size(tm));
	pont_tm_free(tm);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

typedef struct lookups {
	pont_tm *tm;		/* the memory file (or, with --brute-force, a server's every unit) */
	pont_tmdb *db;		/* or the server */
	pont_tm_match *m;
	int fmt, min_score, first, rc;
	size_t nq, found;
	pont_buf out;
	double *lat;		/* each look-up's time, for --timing */
	size_t alat;
} lookups;

static void
look_up(lookups *l, const char *q, size_t n)
{
	pont_tm *in = l->tm;
	size_t k;
	double t0 = cli_now();

	if (l->db && !o.brute) {
		pont_error err;

		err.code = PONT_OK;
		k = pont_tmdb_lookup(l->db, q, n, l->min_score, &in, l->m, (size_t)o.maxn, &err);
		if (err.code != PONT_OK && l->rc == EXIT_OK) {
			cli_report(&err);
			l->rc = cli_exit_code(err.code);
		}
	} else {
		k = o.brute ? pont_tm_lookup_all(l->tm, q, n, l->min_score, l->m, (size_t)o.maxn) :
			      pont_tm_lookup(l->tm, q, n, l->min_score, l->m, (size_t)o.maxn);
	}
	if (o.timing) {
		if (l->nq >= l->alat) {
			l->alat = l->alat ? 2 * l->alat : 256;
			if ((l->lat = realloc(l->lat, l->alat * sizeof *l->lat)) == NULL)
				cli_oom();
		}
		l->lat[l->nq] = cli_now() - t0;
	}
	print_matches(&l->out, l->fmt, in, q, l->m, k, l->first, in == l->tm);
	if (in != l->tm)
		pont_tm_free(in);
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
	for (s = qt.data + qt.bom, e = qt.data + qt.len; s < e && l->rc == EXIT_OK;) {
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
by_time(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
run_lookup(cli_env *env, int argc, char **argv)
{
	const char *mem = memory(env);
	lookups l;
	double t0 = cli_now(), t1, t2, t3;
	size_t units = 0;
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
		cli_oom();
	if (pont_tmdb_is_url(mem) && !o.brute)
		rc = cli_tmdb_open(mem, 0, &l.db);
	else
		rc = whole_memory(mem, &l.tm);
	if (rc != EXIT_OK) {
		free(l.m);
		return rc;
	}
	t1 = cli_now();
	if (l.tm && pont_tm_size(l.tm))		/* the index, built before the first look-up is timed */
		pont_tm_lookup(l.tm, "", 0, 100, l.m, 1);
	if (l.tm)
		units = pont_tm_size(l.tm);
	else {
		pont_error err;

		(void)pont_tmdb_size(l.db, &units, &err);
	}
	t2 = cli_now();
	if (l.fmt == 1)
		pont_buf_adds(&l.out, "{\"results\":[");
	else if (l.fmt == 2)
		pont_buf_adds(&l.out, "query\tscore\tunit\tsource\ttarget\tarticle\tdate\ttranslator\tstatus\ttypography\n");
	for (i = 0; i < argc && l.rc == EXIT_OK; i++)
		look_up(&l, argv[i], strlen(argv[i]));
	if (o.queries && l.rc == EXIT_OK)
		rc = look_up_file(&l);
	if (rc == EXIT_OK)
		rc = l.rc;
	t3 = cli_now();
	if (l.fmt == 1)
		pont_buf_adds(&l.out, "\n]}\n");
	if (rc == EXIT_OK)
		rc = cli_write(env->output, &l.out);
	if (o.timing) {
		struct rusage ru;

		getrusage(RUSAGE_SELF, &ru);
		if (l.nq)
			qsort(l.lat, l.nq, sizeof *l.lat, by_time);
		fprintf(stderr, "pont: tm: %zu units; load %.3f s, index %.3f s, %zu look-ups in %.3f s (%.3f ms each; "
			"p50 %.3f ms, p95 %.3f ms); peak RSS %ld MB\n", units, t1 - t0, t2 - t1, l.nq, t3 - t2,
			l.nq ? 1000.0 * (t3 - t2) / (double)l.nq : 0.0, l.nq ? 1000.0 * l.lat[(l.nq - 1) / 2] : 0.0,
			l.nq ? 1000.0 * l.lat[(l.nq * 95 + 99) / 100 - 1] : 0.0, ru.ru_maxrss / 1024);
	}
	if (rc == EXIT_OK && l.found == 0)
		rc = EXIT_FINDINGS;
	pont_buf_release(&l.out);
	pont_tm_free(l.tm);
	pont_tmdb_close(l.db);
	free(l.m);
	free(l.lat);
	return rc;
}

#define ABOUT \
	"\n\nThe translation memory of a series, French to English, in one file of pont's own (.ptm):\n" \
	"the units and an index of their words, read in one go, so that a look-up scores only the\n" \
	"few units that can reach the minimum score. TMX 1.4b goes in and out (inline codes and\n" \
	"provenance kept); a MEMORY ending in .tmx is read and written as TMX (slower to open).\n" \
	"A team shares one memory on a PostgreSQL server: MEMORY postgresql://[user@]host/db (a\n" \
	"libpq URI; or set PONT_TM), created once with pont tm init; look-ups there give the same\n" \
	"best match as a file of the same units."
#define EXITS \
	"0 ok, 1 lookup found nothing, 2 usage, 3 bad input (malformed TMX, TSV or\n" \
	"XLIFF, no unit in French and English, a damaged memory, a database with no\n" \
	"pont memory), 4 I/O error (a server that cannot be reached)."

static const int shared_tm[] = { CLI_O_TM, 0 };
static const int shared_export[] = { CLI_O_TM, CLI_O_OUTPUT, 0 };
static const int shared_lookup[] = { CLI_O_TM, CLI_O_MIN_SCORE, CLI_O_FORMAT, CLI_O_OUTPUT, 0 };
static const cli_opt import_opts[] = {
	{ "aligned", O_ALIGNED, NULL, "import two files whose lines are translations of each other" },
	{ "translator", O_TRANSLATOR, "NAME", "who translated the units that do not say (default $PONT_TRANSLATOR)" },
	{ "article", O_ARTICLE, "NAME", "the article the units come from (default: the work file's, or FR.txt)" },
	{ NULL, 0, NULL, NULL }
};
static const cli_opt add_opts[] = {
	{ "translator", O_TRANSLATOR, "NAME", "who translated them (default $PONT_TRANSLATOR)" },
	{ "article", O_ARTICLE, "NAME", "the article they come from (default: the work file's original)" },
	{ NULL, 0, NULL, NULL }
};
static const cli_opt lookup_opts[] = {
	{ "max", O_MAX, "N", "matches per phrase (default 3)" },
	{ "queries", O_QUERIES, "FILE", "one phrase a line" },
	{ "timing", O_TIMING, NULL, "print to stderr the load time, the time per look-up and peak memory" },
	{ "brute-force", O_BRUTE_FORCE, NULL, "score every unit instead of using the index (for checking)" },
	{ NULL, 0, NULL, NULL }
};
static const char *const syn_init[] = { "--tm postgresql://HOST/DB", "--tm MEMORY.ptm", NULL };
static const char *const syn_import[] = { "--tm MEMORY FILE...", "--tm MEMORY --aligned FR.txt EN.txt", NULL };
static const char *const syn_add[] = { "--tm MEMORY WORK.xlf...", NULL };
static const char *const syn_export[] = { "--tm MEMORY [-o FILE.tmx|FILE.tsv]", NULL };
static const char *const syn_lookup[] = { "--tm MEMORY [OPTIONS] [PHRASE...]", NULL };
static const char *const syn_stats[] = { "--tm MEMORY", NULL };

const cli_command cmd_tm_init = {
	"tm init", "create a memory, on a server or in a file", syn_init,
	"Creates the tables of a shared memory in a PostgreSQL database (the database must exist:\n"
	"createdb, or your administrator), or an empty memory file. Run again on a server's memory,\n"
	"it keeps every unit and reorders the table for faster look-ups (after big imports; look-ups\n"
	"wait meanwhile, about 8 s a million units)." ABOUT,
	shared_tm, NULL, NULL, 0, EXITS, NULL, opt, run_init
};
const cli_command cmd_tm_import = {
	"tm import", "add TMX, TSV, work files or aligned texts to a memory", syn_import,
	"Adds units, creating a memory file when needed (written atomically, under a lock: an\n"
	"interrupted import leaves the memory as it was, imports at once lose nothing): TMX (units\n"
	"with a French and an English <tuv>; their date, author, and x-pont-article and\n"
	"x-pont-status props kept), TSV (a header naming the columns: \"fr<TAB>en\", and optionally\n"
	"note, article, date, translator, status), a work file (its translated segments, dated now),\n"
	"or two line-aligned files (--aligned). A unit is kept once per French and English text up\n"
	"to typography and case: the newer one in its place; another English for the same French is\n"
	"kept beside it, the newer first in look-ups." ABOUT,
	shared_tm, import_opts, NULL, 0, EXITS, NULL, opt, run_import
};
const cli_command cmd_tm_add = {
	"tm add", "add the approved segments of finished work files to a memory", syn_add,
	"import for finished work files: their segments translated, reviewed or final, with the\n"
	"article, today's date, the translator and the segment's state as their provenance." ABOUT,
	shared_tm, add_opts, NULL, 0, EXITS, NULL, opt, run_add
};
const cli_command cmd_tm_export = {
	"tm export", "a memory as TMX 1.4b or TSV", syn_export,
	"Writes the memory as TMX 1.4b, or TSV when FILE ends in .tsv (columns fr, en, note, article,\n"
	"date, translator, status; default: TMX on stdout)." ABOUT,
	shared_export, NULL, NULL, 0, EXITS, NULL, opt, run_export
};
const cli_command cmd_tm_lookup = {
	"tm lookup", "the best matches of phrases in a memory", syn_lookup,
	"Prints the best matches of each phrase (or each line of --queries FILE): score, French,\n"
	"English, where the unit comes from. Score: 100 minus the weighted token edit distance in\n"
	"percent (words 1, numbers 0.5, punctuation and inline codes 0.25); apostrophes, quotation\n"
	"marks, dashes, the ellipsis, no-break spaces, case and Unicode forms never cost points: the\n"
	"same text written otherwise is a 100, with what differs shown; minimum 70 by default. JSON\n"
	"and TSV number the units of a memory file (a server's units have no number: null, empty)." ABOUT,
	shared_lookup, lookup_opts, "text json tsv", 0, EXITS, NULL, opt, run_lookup
};
const cli_command cmd_tm_stats = {
	"tm stats", "the languages and size of a memory", syn_stats, "The memory's languages and units." ABOUT,
	shared_tm, NULL, NULL, 0, EXITS, NULL, opt, run_stats
};
