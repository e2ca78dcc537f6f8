/* cli.h: what the pont(1) subcommands share: exit codes, input and output, messages. */
#ifndef PONT_CLI_H
#define PONT_CLI_H

#include <stdio.h>
#include <unistd.h>

#include "pont.h"

/* Exit codes, documented in pont(1) EXIT STATUS and the README. */
enum {
	EXIT_OK = 0,		/* done, nothing to report */
	EXIT_FINDINGS = 1,	/* findings at or above the failure level */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_DATA = 3,		/* bad input data: invalid UTF-8, malformed file */
	EXIT_SYSTEM = 4		/* system or I/O error: missing file, unwritable output */
};

/* Subcommands: argv[0] is the command's name. */
int cmd_segment(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_glossary(int argc, char **argv);
int cmd_terms(int argc, char **argv);
int cmd_spell(int argc, char **argv);
int cmd_prepare(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_tm(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_translate(int argc, char **argv);

/*
 * Frees a dictionary the process is about to give back by exiting: only in sanitizer builds,
 * whose leak checks want everything freed (git's UNLEAK). Freeing Hunspell's tables costs a
 * third of loading them, for nothing, at the end of every run.
 */
#if defined(__SANITIZE_ADDRESS__)
#define CLI_EXIT_FREE_DICT(d) pont_dict_free(d)
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CLI_EXIT_FREE_DICT(d) pont_dict_free(d)
#endif
#endif
#ifndef CLI_EXIT_FREE_DICT
#define CLI_EXIT_FREE_DICT(d) ((void)(d))
#endif

/* Prints "pont: FILE:LINE:COL: error: MSG" (position parts only when known) to stderr. */
void cli_report(const pont_error *err);
/* Prints "pont: [FILE: ]LEVEL: MSG" to stderr. */
void cli_msg(const char *file, const char *level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prints a usage error and the hint to run --help; returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The exit code for a library status. */
int cli_exit_code(pont_status st);
/* The larger (more serious) of two exit codes; EXIT_FINDINGS ranks lowest of the failures. */
int cli_worse(int a, int b);

/* Reads FILE ("-" or NULL: standard input) as validated UTF-8. Reports and returns an exit code. */
int cli_read(const char *path, unsigned flags, pont_text *t);
/* The name to show for an input path. */
const char *cli_name(const char *path);

/* The options every text command takes: --lang, --input, --paragraphs, --replace-invalid, -o. */
typedef struct cli_textopts {
	const char *lang, *input, *paragraphs, *output;
	unsigned flags;			/* PONT_TEXT_* */
	pont_doc_options doc;		/* filled by cli_textopts_check */
} cli_textopts;

#define CLI_TEXTOPTS_INIT { "fr", NULL, NULL, NULL, 0, { PONT_FORMAT_TEXT, PONT_PARA_AUTO } }
#define CLI_TEXT_LONGOPTS \
	{ "lang", required_argument, NULL, 'l' }, { "input", required_argument, NULL, 'I' }, \
	{ "paragraphs", required_argument, NULL, 'P' }, { "replace-invalid", no_argument, NULL, 'R' }, \
	{ "output", required_argument, NULL, 'o' }
#define CLI_TEXT_SHORTOPTS "l:o:"

/* Takes option c (from getopt_long) when it is one of the shared ones; returns 1 if it was. */
int cli_textopt(int c, const char *arg, cli_textopts *t);
/* Checks the shared options' values; EXIT_OK, or a usage error already reported. */
int cli_textopts_check(const char *cmd, cli_textopts *t);

/* The glossary used when none is given: $PONT_GLOSSARY, else glossaries/it-careers.tbx here or
 * in the installed data directory. */
const char *cli_default_glossary(void);
/* Is lang one of the editions' languages: en, en-US or en-GB? */
int cli_is_english(const char *lang);
/* Does s end with suffix (case-insensitive)? */
int cli_has_suffix(const char *s, const char *suffix);
/* 0 when path names a CSV glossary, 1 for TSV, -1 for TBX. */
int cli_glossary_table(const char *path);
/*
 * Reads a glossary (TBX, or CSV/TSV by the file name). Its problems go to diags when given,
 * else to stderr as warnings-and-go-on. Reports and returns an exit code on failure.
 */
int cli_load_glossary(const char *path, pont_glossary **g, pont_diags *diags);

/*
 * Opens a Hunspell dictionary on a second thread, so it loads while the caller reads its
 * glossaries; cli_dict_wait gives it, or reports the failure and returns NULL with *rc set
 * (an optional dictionary: a warning, and *rc stays EXIT_OK). Both must be called, in that
 * order, once per cli_dict_job.
 */
typedef struct cli_dict_job cli_dict_job;
cli_dict_job *cli_dict_start(const char *lang, const char *dir, int optional);
pont_dict *cli_dict_wait(cli_dict_job *job, int *rc);

/* Translation memories opened for look-ups: pont files (.ptm) or TMX, fr -> en. */
typedef struct cli_tms {
	pont_tm **v;
	const char **names;
	size_t n;
	int min_score;
} cli_tms;
#define CLI_TMS_INIT { NULL, NULL, 0, 70 }

/*
 * Reads a memory: pont's file, a TMX, or a TSV (a header naming the language of each column,
 * e.g. "en<TAB>fr", then one pair a line). src/trg: the languages wanted. Reports and returns
 * an exit code.
 */
int cli_tm_read(const char *path, const char *src, const char *trg, pont_tm **out);
int cli_tms_load(cli_tms *t, const char *path, int min_score);
/* pont_xliff_prep.tm_lookup over the memories: the best hit of all. */
int cli_tms_lookup(void *ctx, const char *text, size_t n, pont_xliff_tm_hit *hit);
void cli_tms_release(cli_tms *t);

/*
 * Runs a machine-translation command (/bin/sh -c cmd, in its own process group) with the n
 * lines on its stdin, one a line; *out gets its n output lines (allocated). A command that exits
 * non-zero, is killed, or takes more than timeout seconds (then its group is killed), or that
 * returns another number of lines, is reported and gives an exit code.
 */
int cli_engine_run(const char *cmd, const char *const *lines, size_t n, double timeout, char ***out);

/*
 * Reads an article (cli_read with flags), finds its structure (format from the --input value
 * input and the file name, into o) and its sentences in lang. Reports and returns an exit code;
 * on success *doc and *segs are the caller's to free.
 */
int cli_load_article(const char *path, const char *lang, const char *input, unsigned flags, pont_doc_options *o,
		     pont_text *t, pont_doc **doc, pont_segs *segs);

/*
 * The checks prepare and translate make of their command line: an English target language, a
 * French article, the shared text options, one ARTICLE. A usage error is reported.
 */
int cli_article_args(const char *cmd, cli_textopts *to, const char *target, int argc, int optind_);

/* An English edition's typography (normalize --to en) on text in format; reports, returns an exit code. */
int cli_english_typography(const char *text, size_t len, pont_format format, pont_buf *out);

/* Monotonic clock, in seconds. */
double cli_now(void);

/* The settings prepare and translate share: the article, languages, glossaries and memories. */
void cli_prep_init(pont_xliff_prep *p, const char *original, const char *trg_lang, pont_format format,
		   const pont_matches *ms, pont_glossary **gs, const char **gnames, cli_tms *tms);

/* Reads a work file (XLIFF 2 or 1.2); its errors reported (all of them), exit code returned. */
int cli_load_xliff(const char *path, pont_xliff **out);

/* The QA report of pont check (report.c). */
typedef struct cli_row {
	char *src, *tgt;	/* the pair of texts checked together */
	char *label;		/* where: "lucas.en.txt:12" */
} cli_row;

typedef struct cli_finding {
	char *file;			/* target side */
	unsigned long line, col;
	size_t offset;
	char *src_file;
	unsigned long src_line, src_col;
	size_t src_offset;
	const char *id;			/* static */
	pont_severity sev;
	char *msg;
	size_t row;			/* its pair of texts */
	size_t tstart, tend;		/* the span in the row's target (equal: the whole) */
	char fp[17];			/* fingerprint: check, texts, span */
} cli_finding;

typedef struct cli_qa {
	cli_finding *f;
	size_t n, a;
	cli_row *rows;
	size_t nrows, arows;
	size_t suppressed;
} cli_qa;

size_t cli_qa_row(cli_qa *r, const char *src, size_t sn, const char *tgt, size_t tn, const char *label);
/* Adds a copy of *f (strings copied; the fingerprint computed). */
void cli_qa_add(cli_qa *r, const cli_finding *f);
void cli_qa_release(cli_qa *r);
/* Drops the findings listed in the suppressions file path ("ID FINGERPRINT reason" lines). */
int cli_qa_suppress(cli_qa *r, const char *path, int must_exist);
void cli_qa_ignore_file(const cli_qa *r, pont_buf *out);
void cli_qa_text(const cli_qa *r, pont_buf *out);
void cli_qa_json(const cli_qa *r, pont_buf *out);
void cli_qa_sarif(const cli_qa *r, pont_buf *out);
void cli_qa_html(const cli_qa *r, const char *title, pont_buf *out);

/* Input format from --input (text, markdown, auto) and the file name; -1 when unknown. */
int cli_input_format(const char *opt, const char *path, pont_format *out);
/* Paragraph mode from --paragraphs; -1 when unknown. */
int cli_paragraphs(const char *opt, pont_paragraphs *out);

/*
 * Output that never leaves a partial file behind: -o FILE writes a temporary file in the same
 * directory and renames it over FILE when everything was written; no path means stdout.
 */
typedef struct cli_out {
	FILE *f;
	char *path;		/* final path, NULL for stdout */
	char *tmp;		/* temporary path, NULL when writing in place (stdout, a device) */
} cli_out;

int cli_out_open(cli_out *o, const char *path);
/* Writes n bytes; errors are caught at close. */
void cli_out_write(cli_out *o, const char *s, size_t n);
/* Flushes, checks for errors, renames into place (ok != 0) or removes the temporary file. */
int cli_out_close(cli_out *o, int ok);

#endif
