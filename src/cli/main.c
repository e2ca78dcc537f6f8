/* main.c: pont(1): finds the command in the table and hands it to the dispatcher. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

extern const cli_command cmd_segment, cmd_normalize, cmd_terms, cmd_spell, cmd_prepare, cmd_merge, cmd_check,
	cmd_align, cmd_translate;
extern const cli_command cmd_glossary_validate, cmd_glossary_list, cmd_glossary_lookup, cmd_glossary_stats,
	cmd_glossary_convert;
extern const cli_command cmd_tm_init, cmd_tm_import, cmd_tm_add, cmd_tm_export, cmd_tm_lookup, cmd_tm_stats;

/* Every command, in the order `pont help` lists them. */
const cli_command *const cli_commands[] = {
	&cmd_segment, &cmd_normalize,
	&cmd_glossary_validate, &cmd_glossary_list, &cmd_glossary_lookup, &cmd_glossary_stats, &cmd_glossary_convert,
	&cmd_terms, &cmd_spell, &cmd_prepare, &cmd_merge,
	&cmd_tm_init, &cmd_tm_import, &cmd_tm_add, &cmd_tm_export, &cmd_tm_lookup, &cmd_tm_stats,
	&cmd_check, &cmd_align, &cmd_translate, NULL
};

static void
help(FILE *f, const char *group)
{
	size_t i;

	fputs("usage: pont COMMAND [OPTIONS] [FILE...]\n"
	      "       pont help [COMMAND] | pont --version\n"
	      "\n"
	      "Prepares English editions of French articles and keeps their terminology and\n"
	      "spelling right. Input is UTF-8 plain text or Markdown; FILE '-' or no FILE reads\n"
	      "standard input.\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; cli_commands[i]; i++)
		if (group == NULL || strncmp(cli_commands[i]->name, group, strlen(group)) == 0)
			fprintf(f, "  %-18s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
	fputs("\n"
	      "Exit status: 0 ok, 1 findings, 2 usage error, 3 bad input data,\n"
	      "4 system or I/O error.\n"
	      "'pont COMMAND --help' describes a command; the manual is pont(1).\n", f);
}

/* The command named by argv[0] (and argv[1] for "glossary list", "tm import"...); *words
 * gets how many arguments its name took. NULL when none is. */
static const cli_command *
find(int argc, char **argv, int *words)
{
	size_t i, n;

	for (i = 0; cli_commands[i]; i++) {
		const char *name = cli_commands[i]->name, *sp = strchr(name, ' ');

		if (sp == NULL && strcmp(argv[0], name) == 0) {
			*words = 1;
			return cli_commands[i];
		}
		n = sp ? (size_t)(sp - name) : 0;
		if (sp && argc > 1 && strlen(argv[0]) == n && strncmp(argv[0], name, n) == 0 && strcmp(argv[1], sp + 1) == 0) {
			*words = 2;
			return cli_commands[i];
		}
	}
	return NULL;
}

/* Is name a group of commands ("glossary", "tm")? */
static int
is_group(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; cli_commands[i]; i++)
		if (strncmp(cli_commands[i]->name, name, n) == 0 && cli_commands[i]->name[n] == ' ')
			return 1;
	return 0;
}

/* `pont help --options`: every command's options, a line each (command, short, long, argument),
 * for the test that holds the manual to them. */
static int
options_table(void)
{
	size_t i, k, n;

	for (i = 0; cli_commands[i]; i++) {
		const cli_opt *v = cli_options_of(cli_commands[i], &n);

		for (k = 0; k < n; k++) {
			char sh[3] = { '-', (char)v[k].key, '\0' };

			printf("%s\t%s\t--%s\t%s\n", cli_commands[i]->name, v[k].key < 128 ? sh : "", v[k].name,
			       v[k].arg ? v[k].arg : "");
		}
	}
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

int
main(int argc, char **argv)
{
	const cli_command *c;
	int words = 0, rc;

	/* a file size limit is an I/O error to report, not a signal to die of */
	signal(SIGXFSZ, SIG_IGN);
	cli_signals_init();
	pont_set_oom_handler(cli_oom_handler);
	if (getenv("PONT_MAX_DEPTH"))	/* the XML readers' nesting limit (default 1 000 000) */
		pont_set_xml_max_depth(strtoul(getenv("PONT_MAX_DEPTH"), NULL, 10));
	if (argc < 2) {
		help(stderr, NULL);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("pont %s\n", PONT_VERSION);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
	}
	if (argc == 3 && strcmp(argv[1], "help") == 0 && strcmp(argv[2], "--options") == 0)
		return options_table();
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			if ((c = find(argc - 2, argv + 2, &words)) != NULL) {
				cli_help(c, stdout);
			} else if (is_group(argv[2])) {
				help(stdout, argv[2]);
			} else {
				fprintf(stderr, "pont: unknown command '%s'; try 'pont help'\n", argv[2]);
				return EXIT_USAGE;
			}
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		}
		help(stdout, NULL);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
	}
	if ((c = find(argc - 1, argv + 1, &words)) == NULL) {
		if (is_group(argv[1])) {	/* "pont tm", "pont glossary --help": its commands */
			int asked = argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0);

			if (argc > 2 && !asked)
				fprintf(stderr, "pont: unknown command '%s %s'\n", argv[1], argv[2]);
			help(asked ? stdout : stderr, argv[1]);
			return asked ? (fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM) : EXIT_USAGE;
		}
		fprintf(stderr, "pont: unknown command '%s'; try 'pont help'\n", argv[1]);
		return EXIT_USAGE;
	}
	rc = cli_dispatch(c, argc - words, argv + words);
	if (getenv("PONT_COUNTERS") && *getenv("PONT_COUNTERS")) {	/* for tests: the costly steps taken */
		pont_counters n;

		pont_counters_get(&n);
		fprintf(stderr, "pont: counters: doc_parses=%lu segmentations=%lu term_matches=%lu spell_checks=%lu "
			"xliff_reads=%lu xliff_writes=%lu\n", n.doc_parses, n.segmentations, n.term_matches, n.spell_checks,
			n.xliff_reads, n.xliff_writes);
	}
	return rc;
}
