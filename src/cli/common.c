/* common.c: input, output and messages shared by the subcommands. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void
cli_report(const pont_error *err)
{
	fputs("pont: ", stderr);
	if (err->file) {
		fputs(err->file, stderr);
		if (err->line)
			fprintf(stderr, ":%lu:%lu", err->line, err->col);
		fputs(": ", stderr);
	}
	fprintf(stderr, "error: %s\n", err->msg);
}

void
cli_msg(const char *file, const char *level, const char *fmt, ...)
{
	va_list ap;

	fputs("pont: ", stderr);
	if (file)
		fprintf(stderr, "%s: ", file);
	fprintf(stderr, "%s: ", level);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pont %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'pont %s --help'.\n", cmd);
	return EXIT_USAGE;
}

int
cli_exit_code(pont_status st)
{
	switch (st) {
	case PONT_OK:
		return EXIT_OK;
	case PONT_EINVAL:
		return EXIT_USAGE;
	case PONT_EUTF8:
	case PONT_EPARSE:
	case PONT_ELIMIT:
		return EXIT_DATA;
	case PONT_EIO:
	case PONT_EICU:
		return EXIT_SYSTEM;
	}
	return EXIT_SYSTEM;
}

int
cli_worse(int a, int b)
{
	return a > b ? a : b;
}

const char *
cli_name(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* The most an input may hold (--max-input). */
size_t cli_max_input = (size_t)256 << 20;

int
cli_read(const char *path, unsigned flags, pont_text *t)
{
	const char *name = cli_name(path);
	pont_error err;
	pont_status st;
	int fd = 0;

	if (path && strcmp(path, "-") != 0) {
		struct stat sb;

		if ((fd = open(path, O_RDONLY)) < 0) {
			cli_msg(path, "error", "cannot open: %s", strerror(errno));
			return EXIT_SYSTEM;
		}
		if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			close(fd);
			cli_msg(path, "error", "is a directory");
			return EXIT_SYSTEM;
		}
		cli_note_input(fd);
	}
	st = pont_text_read_fd_max(t, fd, name, flags, cli_max_input, &err);
	if (fd != 0)
		close(fd);
	if (st != PONT_OK) {
		cli_report(&err);
		return cli_exit_code(st);
	}
	if (t->nreplaced) {
		pont_lines li;
		unsigned long line, col;

		pont_lines_init(&li, t->data, t->len, t->bom);
		pont_lines_pos(&li, t->first_replaced, &line, &col);
		pont_lines_release(&li);
		fprintf(stderr, "pont: %s:%lu:%lu: warning: invalid UTF-8 replaced by U+FFFD (%zu time%s)\n",
			name, line, col, t->nreplaced, t->nreplaced == 1 ? "" : "s");
	}
	return EXIT_OK;
}

int
cli_has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}



int
cli_glossary_table(const char *path)
{
	return cli_has_suffix(path, ".csv") ? 0 : cli_has_suffix(path, ".tsv") ? 1 : -1;
}

int
cli_load_glossary(const char *path, pont_glossary **g, pont_findings *diags)
{
	pont_text t = PONT_TEXT_INIT;
	pont_findings own = PONT_FINDINGS_INIT;
	pont_error err;
	int rc;

	if ((rc = cli_read(path, PONT_TEXT_BINARY, &t)) != EXIT_OK)
		return rc;
	if (cli_glossary_table(path) >= 0)
		*g = pont_glossary_read_table(t.data, t.len, cli_glossary_table(path), cli_name(path),
					      diags ? diags : &own, &err);
	else
		*g = pont_glossary_load(t.data, t.len, cli_name(path), diags ? diags : &own, &err);
	pont_text_release(&t);
	if (*g == NULL) {
		cli_report(&err);
		pont_findings_release(&own);
		return cli_exit_code(err.code);
	}
	cli_print_findings(&own, cli_name(path));	/* loading for use: say what was wrong, and go on */
	pont_findings_release(&own);
	return EXIT_OK;
}

struct cli_dict_job {
	const char *lang, *dir;
	pont_dict *dict;
	pont_error err;
	pthread_t thread;
	int threaded, quiet;
};

static void *
dict_job_run(void *arg)
{
	cli_dict_job *j = arg;

	j->dict = pont_dict_open(j->lang, j->dir, &j->err);
	return NULL;
}

cli_dict_job *
cli_dict_start(const char *lang, const char *dir, int optional)
{
	cli_dict_job *j = calloc(1, sizeof *j);

	if (j == NULL) {
		fputs("pont: error: out of memory\n", stderr);
		exit(EXIT_SYSTEM);
	}
	j->lang = lang;
	j->dir = dir;
	j->quiet = optional;
	j->threaded = pthread_create(&j->thread, NULL, dict_job_run, j) == 0;
	if (!j->threaded)		/* no thread to be had: load it here */
		dict_job_run(j);
	return j;
}

int
cli_read_list(const char *path, cli_list_reader add, void *ctx)
{
	pont_text t = PONT_TEXT_INIT;
	pont_findings d = PONT_FINDINGS_INIT;
	pont_error err;
	int rc;

	if ((rc = cli_read(path, PONT_TEXT_BINARY, &t)) != EXIT_OK)	/* checked below, with its own message */
		return rc;
	if (add(ctx, t.data, t.len, cli_name(path), &d, &err) != PONT_OK) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	cli_print_findings(&d, cli_name(path));
	pont_findings_release(&d);
	pont_text_release(&t);
	return rc;
}

static pont_status
add_wordlist(void *sp, const char *data, size_t len, const char *name, pont_findings *diags, pont_error *err)
{
	return pont_speller_add_wordlist(sp, data, len, name, diags, err);
}

static int
load_wordlist(pont_speller *sp, const char *path)
{
	return cli_read_list(path, add_wordlist, sp);
}

int
cli_add_word_lists(const cli_env *env, pont_speller *sp, int french)
{
	const char *wl;
	size_t i;
	int rc = EXIT_OK;

	if (!env->no_word_lists) {
		if ((wl = cli_data_file(french ? "dictionaries/fr-it.dic" : "dictionaries/en-it.dic")) != NULL)
			rc = load_wordlist(sp, wl);
		else
			cli_msg(NULL, "warning", "pont's word list dictionaries/%s is not next to the program: IT words "
				"may be flagged (--no-word-lists says you know)", french ? "fr-it.dic" : "en-it.dic");
	}
	for (i = 0; rc == EXIT_OK && i < env->nwords; i++)
		rc = load_wordlist(sp, env->words[i]);
	return rc;
}

pont_dict *
cli_dict_wait(cli_dict_job *j, int *rc)
{
	pont_dict *d;

	if (j->threaded)
		pthread_join(j->thread, NULL);
	d = j->dict;
	if (d == NULL && *rc == EXIT_OK) {
		if (j->quiet)
			cli_msg(NULL, "warning", "%s", j->err.msg);
		else
			cli_report(&j->err);
		*rc = j->quiet ? EXIT_OK : cli_exit_code(j->err.code);
	}
	if (*rc != EXIT_OK) {
		pont_dict_free(d);
		d = NULL;
	}
	free(j);
	return d;
}

int
cli_load_xliff(const char *path, pont_xliff **out)
{
	pont_text t = PONT_TEXT_INIT;
	pont_findings d = PONT_FINDINGS_INIT;
	pont_error err;
	int rc;

	*out = NULL;
	if ((rc = cli_read(path, PONT_TEXT_BINARY, &t)) != EXIT_OK)
		return rc;
	if ((*out = pont_xliff_read(t.data, t.len, cli_name(path), &d, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	} else if (d.n) {		/* structural errors: say them all, use nothing */
		cli_print_findings(&d, cli_name(path));
		pont_xliff_free(*out);
		*out = NULL;
		rc = EXIT_DATA;
	}
	pont_findings_release(&d);
	pont_text_release(&t);
	return rc;
}

int
cli_is_english(const char *lang)
{
	return strcmp(lang, "en") == 0 || strcasecmp(lang, "en-US") == 0 || strcasecmp(lang, "en-GB") == 0;
}

int
cli_load_article(const cli_env *env, const char *path, const char *lang, pont_text *t, pont_doc **doc, pont_segs *segs)
{
	pont_doc_options o = cli_doc_options(env, path);
	pont_segmenter *sg;
	pont_error err;
	int rc;

	*doc = NULL;
	if ((rc = cli_read(path, env->text_flags, t)) != EXIT_OK)
		return rc;
	if ((sg = pont_segmenter_new(lang, &err)) == NULL || (*doc = pont_doc_parse(t->data, t->len, &o, &err)) == NULL ||
	    pont_segment_doc(sg, *doc, segs, &err) != PONT_OK) {
		if (err.file == NULL)
			err.file = cli_name(path);
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	pont_segmenter_free(sg);
	return rc;
}

pont_doc_options
cli_doc_options(const cli_env *env, const char *path)
{
	pont_doc_options o = env->doc;
	const char *in = env->input;

	if (in == NULL || strcmp(in, "auto") == 0)
		o.format = path && (cli_has_suffix(path, ".md") || cli_has_suffix(path, ".markdown") ||
				    cli_has_suffix(path, ".mkd")) ? PONT_FORMAT_MARKDOWN :
			   path && (cli_has_suffix(path, ".html") || cli_has_suffix(path, ".htm") ||
				    cli_has_suffix(path, ".xhtml")) ? PONT_FORMAT_HTML : PONT_FORMAT_TEXT;
	else
		o.format = strcmp(in, "markdown") == 0 || strcmp(in, "md") == 0 ? PONT_FORMAT_MARKDOWN :
			   strcmp(in, "html") == 0 ? PONT_FORMAT_HTML : PONT_FORMAT_TEXT;
	return o;
}

void
cli_print_findings(const pont_findings *f, const char *file)
{
	pont_report r = PONT_REPORT_INIT;
	pont_findings copy = PONT_FINDINGS_INIT;
	pont_buf b = PONT_BUF_INIT;
	size_t i, k;

	if (f->n == 0)
		return;
	/* a shallow copy, written through the report's text form, then given back */
	copy.v = f->v;
	copy.n = copy.alloc = f->n;
	r.f = copy;
	for (i = 0; i < f->n; i++)
		r.f.v[i].at.file = file;
	pont_report_write(&r, PONT_REPORT_TEXT, NULL, &b);
	for (i = 0; i < b.len; i = k) {	/* each line as "pont: ..." */
		const char *nl = memchr(b.p + i, '\n', b.len - i);

		k = nl ? (size_t)(nl - b.p) + 1 : b.len;
		fputs("pont: ", stderr);
		fwrite(b.p + i, 1, k - i, stderr);
	}
	pont_buf_release(&b);
}

void
cli_prep_init(pont_xliff_prep *p, const cli_env *env, const char *original, pont_format format, const pont_matches *ms)
{
	memset(p, 0, sizeof *p);
	p->original = original;
	p->src_lang = "fr";
	p->trg_lang = env->target_lang;
	p->format = format;
	if (ms) {
		p->matches = ms;
		p->glossaries = (const pont_glossary *const *)env->gs;
		p->glossary_names = env->gnames;
	}
	if (env->tms.n) {
		p->tm_lookup = cli_tms_lookup;
		p->tm_ctx = (void *)&env->tms;
	}
}


int
cli_english_typography(const char *text, size_t len, pont_format format, pont_buf *out)
{
	pont_doc_options dopt = { format, PONT_PARA_AUTO, NULL };
	pont_norm_options nopt = { PONT_NORM_EN, 0x202F };
	pont_error err;

	if (pont_normalize(text ? text : "", len, &dopt, &nopt, out, NULL, &err) != PONT_OK) {
		cli_report(&err);
		return cli_exit_code(err.code);
	}
	return EXIT_OK;
}

double
cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

