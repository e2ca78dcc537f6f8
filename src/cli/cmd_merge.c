/* cmd_merge.c: pont merge: the English edition, rebuilt from a finished work file. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { O_ALLOW_MISSING = CLI_O_OWN, O_SOURCE, O_KEEP_TYPOGRAPHY };

static struct {
	int allow, keep;
	const char *source;
} o;

static int
opt(cli_env *env, int key, const char *arg)
{
	(void)env;
	if (key == O_ALLOW_MISSING)
		o.allow = 1;
	else if (key == O_KEEP_TYPOGRAPHY)
		o.keep = 1;
	else
		o.source = arg;
	return EXIT_OK;
}

/* The unit ids and hash prepare would give the article at path (the library's, no work file
 * written): NUL-separated ids. */
static int
article_units(const cli_env *env, const char *path, int format, pont_buf *ids, char hash[17])
{
	pont_text t = PONT_TEXT_INIT;
	pont_doc *doc = NULL;
	pont_segs segs = PONT_SEGS_INIT;
	cli_env e = *env;
	int rc;

	e.input = format == PONT_FORMAT_MARKDOWN ? "markdown" : format == PONT_FORMAT_HTML ? "html" : "text";	/* as the work file says it was read */
	if ((rc = cli_load_article(&e, path, "fr", &t, &doc, &segs)) == EXIT_OK)
		pont_xliff_article_ids(doc, &segs, ids, hash);
	pont_segs_release(&segs);
	pont_doc_free(doc);
	pont_text_release(&t);
	return rc;
}

static int
has_id(const pont_buf *ids, const char *id)
{
	size_t a = 0;

	while (a < ids->len) {
		if (strcmp(ids->p + a, id) == 0)
			return 1;
		a += strlen(ids->p + a) + 1;
	}
	return 0;
}

/* Has the article changed since prepare? A warning, or with --source an error for each unit
 * that is no longer there. */
static int
check_article(const cli_env *env, const pont_xliff *x, const char *name)
{
	const char *art = o.source ? o.source : pont_xliff_original(x);
	pont_buf ids = PONT_BUF_INIT;
	char hash[17] = "";
	size_t i;
	int rc = article_units(env, art, pont_xliff_format(x), &ids, hash);

	if (rc != EXIT_OK) {
		rc = o.source ? rc : EXIT_OK;
	} else if (strcmp(hash, pont_xliff_source_hash(x)) != 0 && !o.source) {
		cli_msg(name, "warning", "%s changed since the work file was prepared: the work file's text is used "
			"(check with --source %s)", art, art);
	} else if (strcmp(hash, pont_xliff_source_hash(x)) != 0) {
		for (i = 0; i < pont_xliff_nunits(x); i++) {
			unsigned long line, col;
			const char *id = pont_xliff_unit_id(x, i, &line, &col);

			if (!has_id(&ids, id))
				fprintf(stderr, "pont: %s:%lu:%lu: error: unit %s is no longer in %s (its paragraph changed "
					"or went)\n", name, line, col, id, art);
		}
		cli_msg(name, "error", "%s does not match the work file (it changed since prepare)", art);
		rc = EXIT_DATA;
	}
	pont_buf_release(&ids);
	return rc;
}

static int
run(cli_env *env, int argc, char **argv)
{
	const char *name;
	pont_xliff *x = NULL;
	pont_findings miss = PONT_FINDINGS_INIT;
	pont_buf merged = PONT_BUF_INIT, out = PONT_BUF_INIT;
	int rc;

	if (argc != 1)
		return cli_usage("merge", "give one WORK.xlf");
	name = cli_name(argv[0]);
	if ((rc = cli_load_xliff(argv[0], &x)) != EXIT_OK)
		return rc;
	if (pont_xliff_source_hash(x)[0] == '\0') {
		cli_msg(name, "error", "not a work file made by pont prepare (no pont metadata): merge cannot "
			"rebuild the article");
		rc = EXIT_DATA;
	}
	if (rc == EXIT_OK && (o.source || (pont_xliff_original(x) && access(pont_xliff_original(x), R_OK) == 0)))
		rc = check_article(env, x, name);
	if (rc == EXIT_OK && pont_xliff_merge(x, o.allow, 0, &merged, &miss) != PONT_OK)
		rc = EXIT_FINDINGS;
	cli_print_findings(&miss, name);
	if (rc == EXIT_OK && o.keep)
		pont_buf_add(&out, merged.p ? merged.p : "", merged.len);
	else if (rc == EXIT_OK)
		rc = cli_english_typography(merged.p, merged.len, (pont_format)pont_xliff_format(x), &out);
	if (rc == EXIT_OK)
		rc = cli_write(env->output, &out);
	pont_findings_release(&miss);
	pont_buf_release(&merged);
	pont_buf_release(&out);
	pont_xliff_free(x);
	return rc;
}

static const char *const synopsis[] = { "[OPTIONS] WORK.xlf", NULL };
static const int shared_opts[] = { CLI_O_OUTPUT, 0 };
static const cli_opt opts[] = {
	{ "allow-missing", O_ALLOW_MISSING, NULL, "keep the French of untranslated segments (warnings)" },
	{ "source", O_SOURCE, "ARTICLE", "the article to check the work file against (errors when it changed)" },
	{ "keep-typography", O_KEEP_TYPOGRAPHY, NULL, "do not apply English typography" },
	{ NULL, 0, NULL, NULL }
};

const cli_command cmd_merge = {
	"merge", "the English edition, rebuilt from a finished work file", synopsis,
	"Writes the English edition from a work file made by `pont prepare`: every paragraph,\n"
	"heading, list item and speaker turn where it was, each sentence's target in place of the\n"
	"French, inline markup restored, then English typography (`pont normalize --to en`: \"Kate:\",\n"
	"“quotes”, no space before ? ! : ;).\n"
	"\n"
	"A segment without a translation is an error, listed with its place in the work file, and\n"
	"nothing is written; --allow-missing keeps the French there, with a warning. A target that is\n"
	"its French source word for word (three words or more) is a warning: the edition would keep\n"
	"that French (front matter, alt text and table cells included). When the\n"
	"article the work file was made from changed since (its hash is in the file), merge warns;\n"
	"with --source ARTICLE it checks that article and reports each unit that no longer matches.",
	shared_opts, opts, NULL, 0,
	"0 ok, 1 untranslated segments, 2 usage, 3 bad input (malformed XLIFF, a\n"
	"source that no longer matches), 4 I/O error.",
	NULL, opt, run
};
