/* cli.h: what the pont(1) commands share: the commands table, options, exit codes, the
 * resources a command asks for (glossaries, dictionaries, memories), input and output. */
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

/* --- options --------------------------------------------------------------------------- */

/* Options shared by several commands: each is described once, in options.c. */
enum {
	CLI_O_GLOSSARY = 'g', CLI_O_TARGET_LANG = 't', CLI_O_OUTPUT = 'o', CLI_O_FORMAT = 'f', CLI_O_LANG = 'l',
	CLI_O_HELP = 'h', CLI_O_WORDS = 'w',
	CLI_O_NO_GLOSSARY = 256, CLI_O_DICT, CLI_O_INPUT, CLI_O_PARAGRAPHS, CLI_O_FIELDS, CLI_O_REPLACE_INVALID, CLI_O_TM,
	CLI_O_MIN_SCORE, CLI_O_NO_WORD_LISTS, CLI_O_MAX_INPUT,
	CLI_O_OWN = 512		/* a command's own options: keys from here, or letters */
};

/* One option: how getopt sees it, and how --help and the manual describe it. */
typedef struct cli_opt {
	const char *name;	/* long name, without "--" */
	int key;		/* its short letter, or a number from 256 */
	const char *arg;	/* its argument ("FILE"), NULL for a flag */
	const char *help;	/* what it does; "\n" between lines */
} cli_opt;

/* --- the resources a command needs --------------------------------------------------------- */

enum {
	CLI_GLOSSARY = 1 << 0,		/* -g FILE..., else $PONT_GLOSSARY or pont's glossary; --no-glossary */
	CLI_GLOSSARY_GIVEN = 1 << 1,	/* only the -g ones */
	CLI_GLOSSARY_IF_FOUND = 1 << 2,	/* pont's glossary only when it is there */
	CLI_DICT_FR = 1 << 3,		/* the French Hunspell dictionary */
	CLI_DICT_EN = 1 << 4,		/* the English one of --target-lang (en-US unless en-GB) */
	CLI_DICTS_FOR_TERMS = 1 << 5,	/* those dictionaries only when there are glossaries */
	CLI_DICT_LANG = 1 << 6,		/* the dictionary of --lang */
	CLI_MEMORIES = 1 << 7,		/* the memories of --tm */
	CLI_DICT_EN_VARIANT = 1 << 8	/* the other variety of English than CLI_DICT_EN's (en-GB, or en-US) */
};

typedef struct cli_dict_job cli_dict_job;

/* Translation memories opened for look-ups: pont files (.ptm), TMX or TSV, fr -> en, or a
 * shared memory on a PostgreSQL server (db[k] not NULL, v[k] NULL). */
typedef struct cli_tms {
	pont_tm **v;
	pont_tmdb **db;
	const char **names;
	size_t n;
	int min_score;
	int failed;		/* a server's look-up failed (reported once) */
} cli_tms;
#define CLI_TMS_INIT { NULL, NULL, NULL, 0, 70, 0 }

typedef struct cli_command cli_command;

/* A run of a command: its shared options, and what was set up for it. */
typedef struct cli_env {
	const cli_command *cmd;
	/* shared options as given */
	const char **gpaths;		/* glossaries (-g), then the default one */
	const char **gnames;		/* their names in work files: as given, "glossaries/it-careers.tbx" */
	size_t ngpaths;
	int no_glossary;
	const char *dict_dir, *target_lang, *output, *lang, *input, *paragraphs;
	unsigned text_flags;		/* PONT_TEXT_* */
	pont_doc_options doc;		/* from --input (per file, with its name) and --paragraphs */
	int format;			/* index in the command's formats */
	const char **tm_paths;
	size_t ntm_paths;
	int min_score;
	const char **words;		/* --words FILE... */
	size_t nwords;
	int no_word_lists;
	/* the values of a command's own repeatable options (--source, --words...): argc-sized */
	const char **list[3];
	size_t nlist[3];
	/* set up by the commands table's needs */
	pont_glossary **gs;
	size_t ng;
	pont_dict *fr, *en, *en_variant, *text_dict;
	cli_dict_job *jobs[4];
	cli_tms tms;
} cli_env;

/*
 * A command: four things make one (see the README's development section): its cmd_NAME.c
 * file with this entry, a line in main.c's table, its section in pont(1), and its golden tests.
 */
struct cli_command {
	const char *name;		/* "check", "glossary validate" */
	const char *summary;		/* one line for `pont help` */
	const char *const *synopsis;	/* usage lines after "pont NAME", NULL-terminated */
	const char *about;		/* what it does, for --help */
	const int *shared;		/* the shared options it takes (CLI_O_*), 0-terminated */
	const cli_opt *opts;		/* its own options, {NULL}-terminated (may be NULL) */
	const char *formats;		/* the --format values it takes, "text json"; NULL: none */
	unsigned needs;			/* CLI_GLOSSARY ... */
	const char *exits;		/* its exit statuses, for --help */
	/* before the options (may be NULL): defaults, a configuration file they override */
	int (*init)(cli_env *env, int argc, char **argv);
	/* takes one of its own options (optarg in arg); returns EXIT_OK or a usage error */
	int (*opt)(cli_env *env, int key, const char *arg);
	/* runs with the operands; the resources in needs are set up (dictionaries: cli_env_ready) */
	int (*run)(cli_env *env, int argc, char **argv);
};

/* Every command, in the order `pont help` lists them (main.c). */
extern const cli_command *const cli_commands[];

/* Parses argv (argv[0] is the command's name) into env, sets up cmd's needs and runs it. */
int cli_dispatch(const cli_command *cmd, int argc, char **argv);
/* Parses the options of argv into env (options.c); *help is set by -h. Returns an exit code. */
int cli_parse(cli_env *env, int argc, char **argv, int *help);
/* Prints the command's help (generated from its entry) to f. */
void cli_help(const cli_command *cmd, FILE *f);
/* The options cmd takes, shared ones first; *n gets their number. */
const cli_opt *cli_options_of(const cli_command *cmd, size_t *n);
/* Waits for the dictionaries being loaded; returns an exit code (reported on failure). */
int cli_env_ready(cli_env *env);
/* Parses a number in [min, max] for option name; reports a usage error. */
int cli_number(const char *cmd, const char *name, const char *arg, long min, long max, long *out);
/* Parses a size in bytes (a number, K, M or G after it: 256M) for option name, at least min. */
int cli_size(const char *cmd, const char *name, const char *arg, size_t min, size_t *out);
/* The most bytes an input may hold (--max-input, every command; 256 MB). */
extern size_t cli_max_input;

/* --- data files -------------------------------------------------------------------------- */

/*
 * A data file of pont's (glossaries/it-careers.tbx, dictionaries/fr-it.dic): in
 * $PONT_DATADIR, next to the executable (a build tree: its parent; an installation:
 * ../share/pont), or in the directory pont was installed to. NULL when none is there.
 */
const char *cli_data_file(const char *rel);
/* The glossary used when none is given: $PONT_GLOSSARY, else pont's; NULL when neither is. */
const char *cli_default_glossary(void);

/* --- messages ------------------------------------------------------------------------------- */

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
/* Prints findings of a data file (a glossary, memory, work file) to stderr, "pont: " first. */
void cli_print_findings(const pont_findings *f, const char *file);

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

/* --- input ------------------------------------------------------------------------------------ */

/* Reads FILE ("-" or NULL: standard input) as validated UTF-8. Reports and returns an exit code. */
int cli_read(const char *path, unsigned flags, pont_text *t);
/* The name to show for an input path. */
const char *cli_name(const char *path);
/* Does s end with suffix (case-insensitive)? */
int cli_has_suffix(const char *s, const char *suffix);
/* The document options for the file path: --input, else its name (.md: Markdown). */
pont_doc_options cli_doc_options(const cli_env *env, const char *path);
/* Is lang one of the editions' languages: en, en-US or en-GB? */
int cli_is_english(const char *lang);
/* 0 when path names a CSV glossary, 1 for TSV, -1 for TBX. */
int cli_glossary_table(const char *path);
/*
 * Reads a glossary (TBX, or CSV/TSV by the file name). Its problems go to diags when given,
 * else to stderr as warnings-and-go-on. Reports and returns an exit code on failure.
 */
int cli_load_glossary(const char *path, pont_glossary **g, pont_findings *diags);
/* Reads a work file (XLIFF 2 or 1.2); its errors reported (all of them), exit code returned. */
int cli_load_xliff(const char *path, pont_xliff **out);
/*
 * Reads an article (with the env's text options), finds its structure and its sentences in lang.
 * Reports and returns an exit code; on success *doc and *segs are the caller's to free.
 */
int cli_load_article(const cli_env *env, const char *path, const char *lang, pont_text *t, pont_doc **doc,
		     pont_segs *segs);

/*
 * Opens a Hunspell dictionary on a second thread, so it loads while the caller does other
 * work; cli_dict_wait gives it, or reports the failure and returns NULL with *rc set (an
 * optional dictionary: a warning, and *rc stays EXIT_OK). Both are called once per job.
 */
cli_dict_job *cli_dict_start(const char *lang, const char *dir, int optional);
pont_dict *cli_dict_wait(cli_dict_job *job, int *rc);

/* Reads the list (a word list, false friends...) at path and hands it to add(ctx, ...): its
 * problems are printed, located; returns an exit status. */
typedef pont_status (*cli_list_reader)(void *ctx, const char *data, size_t len, const char *name,
				       pont_findings *diags, pont_error *err);
int cli_read_list(const char *path, cli_list_reader add, void *ctx);
/* Gives sp pont's word list for its language (dictionaries/fr-it.dic or en-it.dic, unless
 * --no-word-lists) and the --words files; their problems are printed, located. */
int cli_add_word_lists(const cli_env *env, pont_speller *sp, int french);

/*
 * Reads a memory: pont's file, a TMX, or a TSV (a header naming the language of each column,
 * e.g. "en<TAB>fr", then one pair a line). src/trg: the languages wanted. Reports and returns
 * an exit code.
 */
int cli_tm_read(const char *path, const char *src, const char *trg, pont_tm **out);
/* Adds the units of a memory file, TMX or TSV to tm (pont_tm_add_unit: its rules, provenance kept). */
int cli_tm_read_into(const char *path, pont_tm *tm);
/* The memory on a server at url (create: pont tm init); the error reported. */
int cli_tmdb_open(const char *url, int create, pont_tmdb **out);
/* pont_xliff_prep.tm_lookup over the memories: the best hit of all. */
int cli_tms_lookup(void *ctx, const char *text, size_t n, pont_xliff_tm_hit *hit);

/* --- output ----------------------------------------------------------------------------------- */

/*
 * files.c. Output that never leaves a partial file behind: -o FILE writes a temporary file in
 * the same directory and renames it over FILE when everything was written; no path means
 * stdout. Never over an input of the run unless in place; under a lock when read and rewritten.
 */
typedef struct cli_out {
	FILE *f;
	char *path;		/* final path (a symbolic link's target), NULL for stdout */
	char *tmp;		/* temporary path, NULL when writing in place (stdout, a device) */
	unsigned links;		/* the target's hard links: more than one, it is rewritten in place */
} cli_out;

/* Opens path for writing (NULL or "-": stdout); refuses a file this run reads unless in_place. */
int cli_out_open_ex(cli_out *o, const char *path, int in_place);
int cli_out_open(cli_out *o, const char *path);
/* Writes n bytes; errors are caught at close. */
void cli_out_write(cli_out *o, const char *s, size_t n);
/* Flushes, checks for errors, renames into place (ok != 0) or removes the temporary file. */
int cli_out_close(cli_out *o, int ok);
/* Writes b to path (NULL or "-": stdout) atomically; returns an exit code. */
int cli_write(const char *path, const pont_buf *b);
int cli_write_ex(const char *path, const pont_buf *b, int in_place);
/* EXIT_USAGE (reported) when output names the same file as one of the n operands. */
int cli_output_not_input(const char *output, int n, char **operands);
/* An input of this run (an open file): no output may replace it. */
void cli_note_input(int fd);
/* Removes the temporary files of unfinished writes when pont is interrupted. */
void cli_signals_init(void);
/* Out of memory: one line on stderr, the temporary files removed, exit EXIT_SYSTEM. */
void cli_oom(void) __attribute__((noreturn));
void cli_oom_handler(size_t n);
/* An exclusive lock on path (its target, or its directory while it does not exist), waited for
 * up to $PONT_LOCK_WAIT seconds (120): for a file pont reads, changes and writes back. */
typedef struct cli_lock_t {
	int fd;
} cli_lock_t;
int cli_lock(const char *path, cli_lock_t *l);
void cli_unlock(cli_lock_t *l);

/* --- what several commands do ------------------------------------------------------------------- */

/* The settings prepare and translate share: the article, languages, glossaries and memories. */
void cli_prep_init(pont_xliff_prep *p, const cli_env *env, const char *original, pont_format format,
		   const pont_matches *ms);
/* An English edition's typography (normalize --to en) on text in format; reports, returns an exit code. */
int cli_english_typography(const char *text, size_t len, pont_format format, pont_buf *out);
/* What an engine run may take: time, and bytes of output (ratio times the French, plus 64 KB a
 * line; max_total, when not 0, replaces the total). */
typedef struct cli_engine_limits {
	double timeout;
	size_t ratio, max_total;
} cli_engine_limits;
/*
 * Runs a machine-translation command (/bin/sh -c cmd, in its own process group) with the n
 * lines on its stdin, one a line; *out gets its n output lines (allocated), *why (allocated too)
 * says why a line was refused (not UTF-8, a NUL or a control character: out[i] is then NULL). A
 * command that exits non-zero, is killed, takes more time or writes more than lim allows (then
 * its group is killed), or returns another number of lines, is reported and gives an exit code.
 */
int cli_engine_run(const char *cmd, const char *const *lines, size_t n, const cli_engine_limits *lim, char ***out,
		   char ***why);
/* Monotonic clock, in seconds. */
double cli_now(void);

#endif
