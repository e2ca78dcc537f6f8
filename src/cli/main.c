/* main.c: pont(1): dispatches to one subcommand per file (cmd_<name>.c). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);	/* argv[0] == name */
	const char *summary;
} commands[] = {
	{ "segment", cmd_segment, "split an article into paragraphs and sentences (ICU)" },
	{ "normalize", cmd_normalize, "NFC and French or English typography (--check to report)" },
	{ "glossary", cmd_glossary, "TBX glossaries: validate, list, lookup, stats, convert" },
	{ "terms", cmd_terms, "glossary terms in an article, with the English to use" },
	{ "spell", cmd_spell, "spell-check French or English text with Hunspell" },
	{ "prepare", cmd_prepare, "an article as an XLIFF 2.1 work file for its English edition" },
	{ "merge", cmd_merge, "the English edition, rebuilt from a finished work file" },
	{ "tm", cmd_tm, "the translation memory: import, export, lookup, stats, add" },
	{ "check", cmd_check, "translation QA of finished work files: terms, numbers, typography, consistency" },
	{ "align", cmd_align, "pair the sentences of a French document and its English edition (TMX, TSV)" },
	{ "translate", cmd_translate, "a machine draft for post-editing: memory first, glossary terms enforced (Apertium or any engine)" },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
help(FILE *f)
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
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Exit status: 0 ok, 1 findings, 2 usage error, 3 bad input data,\n"
	      "4 system or I/O error.\n"
	      "'pont COMMAND --help' describes a command; the manual is pont(1).\n", f);
}

static const struct command *
find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct command *c;

	/* a file size limit is an I/O error to report, not a signal to die of */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		help(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("pont %s\n", PONT_VERSION);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *hargv[] = { argv[2], (char *)"--help", NULL };

			if ((c = find(argv[2])) == NULL) {
				fprintf(stderr, "pont: unknown command '%s'; try 'pont help'\n", argv[2]);
				return EXIT_USAGE;
			}
			return c->run(2, hargv);
		}
		help(stdout);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
	}
	if ((c = find(argv[1])) == NULL) {
		fprintf(stderr, "pont: unknown command '%s'; try 'pont help'\n", argv[1]);
		return EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
