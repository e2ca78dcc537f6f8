/* cmd_normalize.c: pont normalize: NFC and typography, or --check to report what would change. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

enum { O_TO = CLI_O_OWN, O_NBSP, O_CHECK = 'c', O_IN_PLACE = 'i' };

static struct {
	const char *to;
	int check, inplace;
	pont_norm_options nopt;
} o = { NULL, 0, 0, { PONT_NORM_FR, 0x202F } };

static int
parse_nbsp(const char *s, uint32_t *cp)
{
	if (strcasecmp(s, "U+202F") == 0 || strcasecmp(s, "202F") == 0 || strcasecmp(s, "narrow") == 0)
		*cp = 0x202F;
	else if (strcasecmp(s, "U+00A0") == 0 || strcasecmp(s, "00A0") == 0 || strcasecmp(s, "A0") == 0 ||
		 strcasecmp(s, "full") == 0)
		*cp = 0xA0;
	else
		return -1;
	return 0;
}

static int
opt(cli_env *env, int key, const char *arg)
{
	(void)env;
	switch (key) {
	case O_TO:
		if (strcmp(arg, "en") != 0)
			return cli_usage("normalize", "--to takes en, not '%s'", arg);
		o.to = arg;
		return EXIT_OK;
	case O_NBSP:
		return parse_nbsp(arg, &o.nopt.nbsp) < 0 ? cli_usage("normalize", "--nbsp takes U+202F or U+00A0, not '%s'", arg) :
							   EXIT_OK;
	case O_CHECK:
		o.check = 1;
		return EXIT_OK;
	case O_IN_PLACE:
		o.inplace = 1;
		return EXIT_OK;
	}
	return cli_usage("normalize", "unknown option");
}

/* One file: its changes into the report (--check), rewritten in place, or added to out. */
static int
one(const cli_env *env, const char *path, pont_report *rep, pont_buf *out)
{
	pont_text txt = PONT_TEXT_INIT;
	pont_findings ch = PONT_FINDINGS_INIT;
	pont_buf res = PONT_BUF_INIT;
	pont_doc_options dopt = cli_doc_options(env, path);
	pont_error err;
	cli_lock_t lock = { -1 };
	int rc;

	/* rewritten in place under its lock, like every file pont reads and writes back */
	if (o.inplace && !o.check && (rc = cli_lock(path, &lock)) != EXIT_OK)
		return rc;
	if ((rc = cli_read(path, env->text_flags, &txt)) != EXIT_OK) {
		cli_unlock(&lock);
		return rc;
	}
	if (pont_normalize(txt.data, txt.len, &dopt, &o.nopt, &res, o.check ? &ch : NULL, &err) != PONT_OK) {
		err.file = cli_name(path);
		cli_report(&err);
		rc = cli_exit_code(err.code);
	} else if (o.check) {
		pont_findings_locate(&ch, 0, cli_name(path), txt.data, txt.len, txt.bom);
		pont_report_take(rep, &ch);
	} else if (o.inplace) {
		rc = cli_write_ex(path, &res, 1);
	} else {
		pont_buf_add(out, res.p ? res.p : "", res.len);
	}
	cli_unlock(&lock);
	pont_findings_release(&ch);
	pont_buf_release(&res);
	pont_text_release(&txt);
	return rc;
}

static int
run(cli_env *env, int argc, char **argv)
{
	int rc = EXIT_OK, i;
	pont_buf out = PONT_BUF_INIT;
	pont_report rep = PONT_REPORT_INIT;
	char *stdin_only[] = { (char *)"-" };
	char **files = argc ? argv : stdin_only;

	if (o.to || strcmp(env->lang, "en") == 0)
		o.nopt.target = PONT_NORM_EN;
	if (o.inplace && (env->output || o.check || argc == 0))
		return cli_usage("normalize", "--in-place needs FILE arguments and no -o or --check");
	for (i = 0; i < (argc ? argc : 1); i++)
		rc = cli_worse(rc, one(env, files[i], &rep, &out));
	if (o.check)
		pont_report_write(&rep, (pont_report_format)env->format, "pont normalize --check", &out);
	if (rc == EXIT_OK && !o.inplace)
		rc = cli_write(env->output, &out);
	if (rc == EXIT_OK && o.check && rep.f.n)
		rc = EXIT_FINDINGS;
	pont_report_release(&rep);
	pont_buf_release(&out);
	return rc;
}

static const char *const synopsis[] = { "[OPTIONS] [FILE...]", NULL };
static const int shared_opts[] = { CLI_O_LANG, CLI_O_FORMAT, CLI_O_INPUT, CLI_O_PARAGRAPHS, CLI_O_FIELDS, CLI_O_REPLACE_INVALID,
				   CLI_O_OUTPUT, 0 };
static const cli_opt opts[] = {
	{ "to", O_TO, "en", "rewrite French conventions for an English edition" },
	{ "nbsp", O_NBSP, "CHAR", "the French no-break space: U+202F (default) or U+00A0" },
	{ "check", O_CHECK, NULL, "change nothing: report each change as a finding and exit 1 if\n"
				  "there is any (--format: text, json, sarif or html)" },
	{ "in-place", O_IN_PLACE, NULL, "rewrite each FILE (atomically)" },
	{ NULL, 0, NULL, NULL }
};

const cli_command cmd_normalize = {
	"normalize", "NFC and French or English typography (--check to report)", synopsis,
	"Normalizes text to Unicode NFC and applies typography rules, never inside URLs,\n"
	"e-mail addresses, code or Markdown markup:\n"
	"  French (default)  typographic apostrophe; a no-break space before ; : ! ? and\n"
	"                    inside « »; … for ...; no-break spaces in 10 000 and before % €\n"
	"  English (--to en or --lang en)  typographic apostrophe; « » becomes “ ” (nested\n"
	"                    quotes ‘ ’); no space before ; : ! ? ('Kate :' becomes 'Kate:')\n"
	"\n"
	"Findings (--check): FILE:LINE:COL: warning: [id] message, with ids nfc, apostrophe,\n"
	"nbsp-punct, nbsp-quote, nbsp-number, ellipsis, en-punct-space, en-quotes.",
	shared_opts, opts, "text json sarif html", 0,
	"0 ok (nothing to change with --check), 1 changes found by --check,\n"
	"2 usage, 3 bad input (invalid UTF-8), 4 I/O error.",
	NULL, opt, run
};
