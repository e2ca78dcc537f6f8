/* cmd_prepare.c: pont prepare: an article as an XLIFF 2.1 work file for its English edition. */
#include <string.h>

#include "cli.h"

enum { O_XLIFF = CLI_O_OWN };

static int xliff12;

static int
opt(cli_env *env, int key, const char *arg)
{
	(void)env;
	(void)key;
	if (strcmp(arg, "1.2") != 0 && strcmp(arg, "2.1") != 0)
		return cli_usage("prepare", "--xliff takes 2.1 or 1.2, not '%s'", arg);
	xliff12 = strcmp(arg, "1.2") == 0;
	return EXIT_OK;
}

static int
run(cli_env *env, int argc, char **argv)
{
	pont_matcher *m = NULL;
	pont_error err;
	pont_buf out = PONT_BUF_INIT;
	pont_text t = PONT_TEXT_INIT;
	pont_doc *doc = NULL;
	pont_segs segs = PONT_SEGS_INIT;
	pont_matches ms = PONT_MATCHES_INIT;
	pont_xliff_prep p;
	int rc;

	if (strcmp(env->lang, "fr") != 0)
		return cli_usage("prepare", "the article is French: --lang fr");
	if (argc != 1)
		return cli_usage("prepare", "give one ARTICLE");
	if ((rc = cli_env_ready(env)) == EXIT_OK && env->ng &&
	    (m = pont_matcher_new((const pont_glossary *const *)env->gs, env->ng, "fr", env->fr, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (rc == EXIT_OK)
		rc = cli_load_article(env, argv[0], "fr", &t, &doc, &segs);
	if (rc == EXIT_OK) {
		if (m)
			pont_match_doc(m, doc, &ms);
		cli_prep_init(&p, env, argv[0], cli_doc_options(env, argv[0]).format, m ? &ms : NULL);
		p.xliff12 = xliff12;
		if (pont_xliff_prepare(doc, &segs, &p, &out, &err) != PONT_OK) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		}
	}
	if (rc == EXIT_OK)
		rc = cli_write(env->output, &out);
	pont_buf_release(&out);
	pont_matches_release(&ms);
	pont_segs_release(&segs);
	pont_doc_free(doc);
	pont_text_release(&t);
	pont_matcher_free(m);
	return rc;
}

static const char *const synopsis[] = { "[OPTIONS] ARTICLE", NULL };
static const int shared_opts[] = { CLI_O_GLOSSARY, CLI_O_NO_GLOSSARY, CLI_O_TM, CLI_O_MIN_SCORE, CLI_O_TARGET_LANG,
				   CLI_O_LANG, CLI_O_DICT, CLI_O_INPUT, CLI_O_PARAGRAPHS, CLI_O_FIELDS, CLI_O_REPLACE_INVALID,
				   CLI_O_OUTPUT, 0 };
static const cli_opt opts[] = {
	{ "xliff", O_XLIFF, "VERSION", "2.1 (default), or 1.2 for tools that read only XLIFF 1.2\n"
				       "(translate-toolkit, OmegaT 3): the same content, a <group> per\n"
				       "paragraph, glossary entries as notes, matches as <alt-trans>" },
	{ NULL, 0, NULL, NULL }
};

const cli_command cmd_prepare = {
	"prepare", "an article as an XLIFF 2.1 work file for its English edition", synopsis,
	"Writes the bilingual work file of a French article: XLIFF 2.1, one unit per paragraph and\n"
	"one segment per sentence, the structure (title, headings, speaker turns, lists, inline\n"
	"Markdown) kept for `pont merge`; speaker labels are not offered for translation. Each unit\n"
	"lists the glossary terms found in it (XLIFF glossary module) and the translation memory's\n"
	"matches (translation candidates module): an exact match fills the target (state\n"
	"\"translated\"), fuzzy ones are offered with their score. Unit ids are hashes of the\n"
	"paragraphs: preparing an edited article again keeps the ids of unchanged paragraphs.",
	shared_opts, opts, NULL, CLI_GLOSSARY | CLI_DICT_FR | CLI_DICTS_FOR_TERMS | CLI_MEMORIES,
	"0 ok, 2 usage, 3 bad input (invalid UTF-8, malformed glossary or memory),\n"
	"4 I/O error (missing file or dictionary, unwritable output).",
	NULL, opt, run
};
