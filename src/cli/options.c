/* options.c: the options of every command, from one table: getopt's view of them, the help
 * text, and the shared options (-g, --dict, --target-lang, -o, --format, --lang, --input...). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

/* The shared options, described once. */
static const cli_opt shared_opts[] = {
	{ "glossary", CLI_O_GLOSSARY, "FILE", "TBX, CSV or TSV glossary (repeatable); default: $PONT_GLOSSARY,\n"
					      "else pont's glossaries/it-careers.tbx" },
	{ "no-glossary", CLI_O_NO_GLOSSARY, NULL, "use no glossary" },
	{ "target-lang", CLI_O_TARGET_LANG, "LANG", "the edition's English: en (default), en-US or en-GB" },
	{ "lang", CLI_O_LANG, "LANG", "language of the text: fr (default) or en" },
	{ "tm", CLI_O_TM, "FILE", "translation memory: pont's file (.ptm), TMX or TSV, or a shared\n"
				  "memory at postgresql://... (repeatable; default $PONT_TM)" },
	{ "min-score", CLI_O_MIN_SCORE, "N", "lowest fuzzy-match score offered, 1-100 (default 70)" },
	{ "dict", CLI_O_DICT, "DIR", "where the Hunspell dictionaries are (default: $PONT_DICT_PATH,\n"
				     "$DICPATH, /usr/share/hunspell, /usr/share/myspell)" },
	{ "input", CLI_O_INPUT, "FORMAT", "text, markdown, html, or auto (default: markdown for .md files,\n"
					  "html for .html and .htm)" },
	{ "paragraphs", CLI_O_PARAGRAPHS, "MODE", "plain text: auto (default), lines (one paragraph a line) or\n"
						  "blank (paragraphs separated by blank lines)" },
	{ "fields", CLI_O_FIELDS, "KEYS", "Markdown: the front matter's prose fields to translate, comma-separated\n"
					  "(default: title, description, summary, alt, caption... data/front-matter-prose.txt)" },
	{ "words", CLI_O_WORDS, "FILE", "accept the words of FILE: one a line, word or word/model\n"
					"(inflected like model), # comments (repeatable)" },
	{ "no-word-lists", CLI_O_NO_WORD_LISTS, NULL, "do not load pont's word lists (dictionaries/fr-it.dic,\n"
						      "dictionaries/en-it.dic, next to the program)" },
	{ "replace-invalid", CLI_O_REPLACE_INVALID, NULL, "replace invalid UTF-8 by U+FFFD (with a warning) instead of failing" },
	{ "format", CLI_O_FORMAT, "FORMAT", NULL },	/* its values are the command's */
	{ "output", CLI_O_OUTPUT, "FILE", "write to FILE (atomically) instead of standard output" },
	{ "max-input", CLI_O_MAX_INPUT, "SIZE", "refuse an input larger than SIZE bytes (K, M, G: 1G; default\n"
						"256M): a stream that never ends stops there" },
	{ "help", CLI_O_HELP, NULL, "show this help" },
	{ NULL, 0, NULL, NULL }
};

static const cli_opt *
shared(int key)
{
	size_t i;

	for (i = 0; shared_opts[i].name; i++)
		if (shared_opts[i].key == key)
			return &shared_opts[i];
	return NULL;
}

const cli_opt *
cli_options_of(const cli_command *cmd, size_t *n)
{
	static cli_opt v[64];
	size_t k = 0, i;

	for (i = 0; cmd->shared && cmd->shared[i] && k < 60; i++)
		if (cmd->shared[i] != CLI_O_FORMAT || cmd->formats)	/* --format only with formats to choose */
			v[k++] = *shared(cmd->shared[i]);
	for (i = 0; cmd->opts && cmd->opts[i].name && k < 62; i++)
		v[k++] = cmd->opts[i];
	v[k++] = *shared(CLI_O_MAX_INPUT);	/* every command */
	v[k++] = *shared(CLI_O_HELP);
	v[k].name = NULL;
	*n = k;
	return v;
}

/* --- help --- */

/* "text (default), json or sarif" from "text json sarif". */
static void
format_list(pont_buf *b, const char *formats)
{
	const char *s = formats;
	int k = 0;

	while (*s) {
		size_t n = strcspn(s, " ");
		const char *next = s + n + (s[n] == ' ');

		pont_buf_addf(b, "%s%.*s%s", k == 0 ? "" : *next ? ", " : " or ", (int)n, s, k == 0 ? " (default)" : "");
		s = next;
		k++;
	}
}

void
cli_help(const cli_command *cmd, FILE *f)
{
	pont_buf b = PONT_BUF_INIT;
	const cli_opt *v;
	size_t n, i, k;

	for (i = 0; cmd->synopsis[i]; i++)
		pont_buf_addf(&b, "%s pont %s %s\n", i ? "      " : "usage:", cmd->name, cmd->synopsis[i]);
	pont_buf_addf(&b, "\n%s\n\nOptions:\n", cmd->about);
	v = cli_options_of(cmd, &n);
	for (i = 0; i < n; i++) {
		pont_buf head = PONT_BUF_INIT, help = PONT_BUF_INIT;
		const char *h;

		if (v[i].key < 128)
			pont_buf_addf(&head, "  -%c, --%s", v[i].key, v[i].name);
		else
			pont_buf_addf(&head, "      --%s", v[i].name);
		if (v[i].arg)
			pont_buf_addf(&head, " %s", v[i].arg);
		if (v[i].key == CLI_O_FORMAT) {
			pont_buf_adds(&help, "output format: ");
			format_list(&help, cmd->formats);
		} else {
			pont_buf_adds(&help, v[i].help);
		}
		pont_buf_add(&b, head.p, head.len);
		for (h = help.p, k = 0; h && *h; k++) {	/* help lines in a column of their own */
			size_t l = strcspn(h, "\n");
			size_t pad = k == 0 && head.len < 28 ? 28 - head.len : 28;

			if (k > 0 || head.len >= 28)
				pont_buf_addc(&b, '\n');
			while (pad--)
				pont_buf_addc(&b, ' ');
			pont_buf_add(&b, h, l);
			h += l + (h[l] == '\n');
		}
		pont_buf_addc(&b, '\n');
		pont_buf_release(&head);
		pont_buf_release(&help);
	}
	pont_buf_addf(&b, "\nExit status: %s\n", cmd->exits);
	fputs(b.p, f);
	pont_buf_release(&b);
}

/* --- parsing --- */

static int
shared_opt(cli_env *env, int key, const char *arg)
{
	const char *name = env->cmd->name;
	long v;

	switch (key) {
	case CLI_O_GLOSSARY:
		env->gnames[env->ngpaths] = arg;
		env->gpaths[env->ngpaths++] = arg;
		return EXIT_OK;
	case CLI_O_NO_GLOSSARY:
		env->no_glossary = 1;
		return EXIT_OK;
	case CLI_O_TARGET_LANG:
		if (!cli_is_english(arg))
			return cli_usage(name, "--target-lang takes en, en-US or en-GB, not '%s'", arg);
		env->target_lang = arg;
		return EXIT_OK;
	case CLI_O_LANG:
		env->lang = arg;
		return EXIT_OK;
	case CLI_O_TM:
		env->tm_paths[env->ntm_paths++] = arg;
		return EXIT_OK;
	case CLI_O_MIN_SCORE:
		if (cli_number(name, "--min-score", arg, 1, 100, &v) != EXIT_OK)
			return EXIT_USAGE;
		env->min_score = (int)v;
		return EXIT_OK;
	case CLI_O_DICT:
		env->dict_dir = arg;
		return EXIT_OK;
	case CLI_O_WORDS:
		env->words[env->nwords++] = arg;
		return EXIT_OK;
	case CLI_O_NO_WORD_LISTS:
		env->no_word_lists = 1;
		return EXIT_OK;
	case CLI_O_INPUT:
		if (strcmp(arg, "auto") != 0 && strcmp(arg, "text") != 0 && strcmp(arg, "txt") != 0 &&
		    strcmp(arg, "markdown") != 0 && strcmp(arg, "md") != 0 && strcmp(arg, "html") != 0)
			return cli_usage(name, "unknown input format '%s' (text, markdown, html or auto)", arg);
		env->input = arg;
		return EXIT_OK;
	case CLI_O_PARAGRAPHS:
		if (strcmp(arg, "auto") == 0)
			env->doc.paragraphs = PONT_PARA_AUTO;
		else if (strcmp(arg, "lines") == 0)
			env->doc.paragraphs = PONT_PARA_LINES;
		else if (strcmp(arg, "blank") == 0)
			env->doc.paragraphs = PONT_PARA_BLANK;
		else
			return cli_usage(name, "unknown paragraph mode '%s' (auto, lines or blank)", arg);
		env->paragraphs = arg;
		return EXIT_OK;
	case CLI_O_FIELDS:
		env->doc.fields = arg;
		return EXIT_OK;
	case CLI_O_REPLACE_INVALID:
		env->text_flags |= PONT_TEXT_REPLACE_INVALID;
		return EXIT_OK;
	case CLI_O_OUTPUT:
		env->output = arg;
		return EXIT_OK;
	case CLI_O_MAX_INPUT:
		return cli_size(name, "--max-input", arg, 1, &cli_max_input);
	case CLI_O_FORMAT: {
		const char *s = env->cmd->formats;
		int k = 0;

		while (s && *s) {
			size_t n = strcspn(s, " ");

			if (strlen(arg) == n && strncmp(s, arg, n) == 0) {
				env->format = k;
				return EXIT_OK;
			}
			s += n + (s[n] == ' ');
			k++;
		}
		return cli_usage(name, "unknown format '%s' (%s)", arg, env->cmd->formats);
	}
	}
	return -1;
}

int
cli_number(const char *cmd, const char *name, const char *arg, long min, long max, long *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < min || v > max)
		return cli_usage(cmd, "%s takes a number from %ld to %ld, not '%s'", name, min, max, arg);
	*out = v;
	return EXIT_OK;
}

int
cli_size(const char *cmd, const char *name, const char *arg, size_t min, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(arg, &end, 10), unit = 1;

	if (*end == 'k' || *end == 'K')
		unit = 1ULL << 10;
	else if (*end == 'm' || *end == 'M')
		unit = 1ULL << 20;
	else if (*end == 'g' || *end == 'G')
		unit = 1ULL << 30;
	if (unit > 1)
		end++;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*arg < '0' || *arg > '9' || *end != '\0' || v > SIZE_MAX / 4 / unit || v * unit < min)
		return cli_usage(cmd, "%s takes a size in bytes (256M, 1G...), not '%s'", name, arg);
	*out = (size_t)(v * unit);
	return EXIT_OK;
}

/* Does cmd take shared option key (its own options may use the same letter: spell's -l)? */
static int
takes_shared(const cli_command *cmd, int key)
{
	size_t i;

	if (key == CLI_O_MAX_INPUT)
		return 1;
	for (i = 0; cmd->shared && cmd->shared[i]; i++)
		if (cmd->shared[i] == key)
			return 1;
	return 0;
}

/* getopt's tables for cmd: its short letters and long options. */
static void
getopt_tables(const cli_command *cmd, char *shorts, size_t ns, struct option *longs)
{
	const cli_opt *v;
	size_t n, i, k = 0;

	v = cli_options_of(cmd, &n);
	shorts[k++] = ':';	/* a missing argument is ':', an unknown option '?' */
	for (i = 0; i < n; i++) {
		longs[i].name = v[i].name;
		longs[i].has_arg = v[i].arg ? required_argument : no_argument;
		longs[i].flag = NULL;
		longs[i].val = v[i].key;
		if (v[i].key < 128 && k + 3 < ns) {
			shorts[k++] = (char)v[i].key;
			if (v[i].arg)
				shorts[k++] = ':';
		}
	}
	shorts[k] = '\0';
	memset(&longs[n], 0, sizeof longs[n]);
}

/* Options may come after operands too (pont check work.xlf --format json): GNU getopt permutes
 * argv; "--" ends the options. */
int
cli_parse(cli_env *env, int argc, char **argv, int *help)
{
	const cli_command *cmd = env->cmd;
	struct option longs[66];
	char shorts[160];
	int c, rc = EXIT_OK;

	getopt_tables(cmd, shorts, sizeof shorts, longs);
	optind = 1;
	opterr = 0;
	while (rc == EXIT_OK && (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (c == CLI_O_HELP) {
			*help = 1;
		} else if (c == '?' || c == ':') {
			rc = cli_usage(cmd->name, c == ':' ? "option '%s' needs an argument" : "unknown option '%s'",
				       argv[optind - 1]);
		} else if (!takes_shared(cmd, c) || (rc = shared_opt(env, c, optarg)) == -1) {
			rc = cmd->opt ? cmd->opt(env, c, optarg) : cli_usage(cmd->name, "unknown option");
		}
	}
	return rc;
}
