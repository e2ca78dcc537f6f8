/* cmd_check.c: pont check: translation QA of work files, or of an article and its English
 * edition; the checks are the library's (pont_check_bitext). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { O_LIST = CLI_O_OWN, O_DISABLE, O_ENABLE, O_SEVERITY, O_FAIL_ON, O_CONFIG, O_IGNORE, O_WRITE_IGNORE, O_SOURCE,
       O_TARGET, O_PROJECT, O_FALSE_FRIENDS, O_NO_FALSE_FRIENDS };

static struct {
	pont_severity sev[PONT_ID_N], failon;
	int list;
	const char *ignore, *write_ignore, *project;
	int no_false_friends;
} o;

static int
set_check(const char *name, pont_severity sev, int dflt)
{
	int k;

	if (strcmp(name, "all") == 0) {
		for (k = 0; k < PONT_ID_N; k++)
			if (pont_id_info_of((pont_id)k)->family == PONT_FAMILY_CHECK)
				o.sev[k] = sev ? pont_id_info_of((pont_id)k)->sev : (pont_severity)0;
		return EXIT_OK;
	}
	if ((k = pont_id_parse(name, PONT_FAMILY_CHECK)) < 0)
		return cli_usage("check", "unknown check '%s' (pont check --list)", name);
	o.sev[k] = dflt ? pont_id_info_of((pont_id)k)->sev : sev;
	return EXIT_OK;
}

static int
opt(cli_env *env, int key, const char *arg)
{
	const char *eq;
	char name[64];

	switch (key) {
	case O_LIST:
		o.list = 1;
		return EXIT_OK;
	case O_DISABLE:
		return set_check(arg, (pont_severity)0, 0);
	case O_ENABLE:
		return set_check(arg, PONT_SEV_INFO, 1);
	case O_SEVERITY:
		eq = strchr(arg, '=');
		if (eq == NULL || (size_t)(eq - arg) >= sizeof name || pont_severity_parse(eq + 1) == 0)
			return cli_usage("check", "--severity takes ID=info|warning|error, not '%s'", arg);
		memcpy(name, arg, (size_t)(eq - arg));
		name[eq - arg] = '\0';
		return set_check(name, pont_severity_parse(eq + 1), 0);
	case O_FAIL_ON:
		if ((o.failon = pont_severity_parse(arg)) == 0)
			return cli_usage("check", "--fail-on takes info, warning or error, not '%s'", arg);
		return EXIT_OK;
	case O_CONFIG:
		return EXIT_OK;		/* read before the other options */
	case O_IGNORE:
		o.ignore = arg;
		return EXIT_OK;
	case O_WRITE_IGNORE:
		o.write_ignore = arg;
		return EXIT_OK;
	case O_SOURCE:
	case O_TARGET:
		env->list[key == O_TARGET][env->nlist[key == O_TARGET]++] = arg;
		return EXIT_OK;
	case O_PROJECT:
		o.project = arg;
		return EXIT_OK;
	case O_FALSE_FRIENDS:
		env->list[2][env->nlist[2]++] = arg;
		return EXIT_OK;
	case O_NO_FALSE_FRIENDS:
		o.no_false_friends = 1;
		return EXIT_OK;
	}
	return cli_usage("check", "unknown option");
}

/* Reports "pont: FILE:LINE:COL: error: ..." for the configuration file. */
static int
conf_error(const char *path, unsigned long line, size_t col, const char *what, const char *arg)
{
	pont_error err;

	memset(&err, 0, sizeof err);
	err.code = PONT_EPARSE;
	err.file = cli_name(path);
	err.line = line;
	err.col = (unsigned long)col;
	snprintf(err.msg, sizeof err.msg, what, arg);
	cli_report(&err);
	return EXIT_DATA;
}

/* One line of the configuration: "CHECK = off|info|warning|error" or "fail-on = LEVEL". */
static int
conf_line(const char *path, unsigned long line, const char *s, size_t n)
{
	size_t a = 0, ke, vs, ve;
	const char *eq;
	char key[64], val[32];
	int k;

	while (a < n && (s[a] == ' ' || s[a] == '\t'))
		a++;
	if (a == n || s[a] == '#' || s[a] == '\r')
		return EXIT_OK;
	eq = memchr(s + a, '=', n - a);
	for (ke = eq ? (size_t)(eq - s) : n; ke > a && (s[ke - 1] == ' ' || s[ke - 1] == '\t'); ke--)
		;
	for (vs = eq ? (size_t)(eq - s) + 1 : n; vs < n && (s[vs] == ' ' || s[vs] == '\t'); vs++)
		;
	for (ve = n; ve > vs && (s[ve - 1] == ' ' || s[ve - 1] == '\t' || s[ve - 1] == '\r'); ve--)
		;
	snprintf(key, sizeof key, "%.*s", (int)(ke - a), s + a);
	snprintf(val, sizeof val, "%.*s", (int)(ve - vs), s + vs);
	if (eq == NULL || ke == a)
		return conf_error(path, line, a + 1, "expected CHECK = LEVEL%s", "");
	if (strcmp(key, "fail-on") == 0)
		return (o.failon = pont_severity_parse(val)) != 0 ? EXIT_OK :
		       conf_error(path, line, vs + 1, "fail-on takes info, warning or error%s", "");
	if ((k = pont_id_parse(key, PONT_FAMILY_CHECK)) < 0)
		return conf_error(path, line, a + 1, "unknown check '%s' (pont check --list)", key);
	if (strcmp(val, "off") != 0 && pont_severity_parse(val) == 0)
		return conf_error(path, line, vs + 1, "'%s' is not off, info, warning or error", val);
	o.sev[k] = strcmp(val, "off") == 0 ? (pont_severity)0 : pont_severity_parse(val);
	return EXIT_OK;
}

/* The configuration (--config FILE, else .pont-check.conf here): read before the options,
 * which override it. */
static int
read_config(int argc, char **argv)
{
	const char *path = NULL, *s, *e;
	pont_text t = PONT_TEXT_INIT;
	unsigned long line = 0;
	int a, rc = EXIT_OK;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--config") == 0 && a + 1 < argc)
			path = argv[a + 1];
		else if (strncmp(argv[a], "--config=", 9) == 0)
			path = argv[a] + 9;
	}
	if (path == NULL && access(".pont-check.conf", F_OK) != 0)
		return EXIT_OK;
	if (path == NULL)
		path = ".pont-check.conf";
	if ((rc = cli_read(path, 0, &t)) != EXIT_OK)
		return rc;
	for (s = t.data + t.bom, e = t.data + t.len; s < e && rc == EXIT_OK;) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));

		rc = conf_line(path, ++line, s, nl ? (size_t)(nl - s) : (size_t)(e - s));
		s = nl ? nl + 1 : e;
	}
	pont_text_release(&t);
	return rc;
}

static int
list_checks(void)
{
	int k;

	for (k = 0; k < PONT_ID_N; k++) {
		const pont_id_info *in = pont_id_info_of((pont_id)k);

		if (in->family == PONT_FAMILY_CHECK)
			printf("%-26s %-8s %s\n", in->name, pont_severity_name(in->sev), in->rationale);
	}
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
}

/* Reads and aligns the --source/--target pairs: they need no dictionary, so this runs while
 * the dictionaries load. */
static int
load_pairs(const cli_env *env, pont_bitext **bts)
{
	pont_bitext_options bo;
	pont_error err;
	size_t i;
	int rc = EXIT_OK;
	const char *const *srcs = env->list[0], *const *tgts = env->list[1];

	memset(&bo, 0, sizeof bo);
	if (env->nlist[0] && ((bo.fr = pont_segmenter_new("fr", &err)) == NULL || (bo.en = pont_segmenter_new("en", &err)) == NULL)) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	for (i = 0; rc == EXIT_OK && i < env->nlist[0]; i++) {
		pont_text s = PONT_TEXT_INIT, t = PONT_TEXT_INIT;
		pont_doc_options so = cli_doc_options(env, srcs[i]), to = cli_doc_options(env, tgts[i]);

		if ((rc = cli_read(srcs[i], env->text_flags, &s)) == EXIT_OK &&
		    (rc = cli_read(tgts[i], env->text_flags, &t)) == EXIT_OK &&
		    (bts[i] = pont_bitext_from_articles(cli_name(srcs[i]), s.data, s.len, &so, cli_name(tgts[i]), t.data,
							t.len, &to, &bo, &err)) == NULL) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		}
		pont_text_release(&s);
		pont_text_release(&t);
	}
	pont_segmenter_free(bo.fr);
	pont_segmenter_free(bo.en);
	return rc;
}

static int
check_workfile(pont_checker *ck, const char *path, pont_report *rep)
{
	pont_xliff *x;
	pont_bitext *bt;
	pont_error err;
	int rc;

	if ((rc = cli_load_xliff(path, &x)) != EXIT_OK)
		return rc;
	if ((bt = pont_bitext_from_xliff(x, cli_name(path), NULL, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	} else {
		pont_check_bitext(ck, bt, rep);
	}
	pont_bitext_free(bt);
	pont_xliff_free(x);
	return rc;
}

/* Accepted findings out, the suppressions file written (merged with what it held), the report. */
static int
finish(const cli_env *env, pont_report *rep, const char *title)
{
	pont_text t = PONT_TEXT_INIT;
	pont_buf out = PONT_BUF_INIT;
	const char *ign = o.ignore ? o.ignore : ".pont-ignore";
	int rc = EXIT_OK;

	if (o.ignore || access(ign, F_OK) == 0) {
		if ((rc = cli_read(ign, 0, &t)) != EXIT_OK)
			return rc;
		pont_report_suppress(rep, t.data, t.len);
		pont_text_release(&t);
	}
	if (o.write_ignore) {
		/* read, merge, write back under the file's lock: two checks at once lose no entry */
		cli_lock_t lock;

		if ((rc = cli_lock(o.write_ignore, &lock)) != EXIT_OK)
			return rc;
		if (access(o.write_ignore, F_OK) == 0 && (rc = cli_read(o.write_ignore, 0, &t)) != EXIT_OK) {
			cli_unlock(&lock);
			return rc;
		}
		pont_report_write_ignore(rep, t.data, t.len, &out);
		pont_text_release(&t);
		rc = cli_write_ex(o.write_ignore, &out, 1);
		cli_unlock(&lock);
		pont_buf_reset(&out);
	}
	pont_report_write(rep, (pont_report_format)env->format, title, &out);
	if (rc == EXIT_OK)
		rc = cli_write(env->output, &out);
	pont_buf_release(&out);
	if (rc == EXIT_OK && pont_findings_count(&rep->f, o.failon))
		rc = EXIT_FINDINGS;
	return rc;
}

/* pont's false friends (data/false-friends.tsv next to the program) and the --false-friends ones. */
static pont_status
friends_reader(void *ck, const char *data, size_t len, const char *name, pont_findings *diags, pont_error *err)
{
	return pont_checker_add_false_friends(ck, data, len, name, diags, err);
}

static int
read_false_friends(pont_checker *ck, const char *path)
{
	return cli_read_list(path, friends_reader, ck);
}

static int
add_false_friends(cli_env *env, pont_checker *ck)
{
	const char *path;
	size_t i;
	int rc = EXIT_OK;

	if (!o.no_false_friends) {
		if ((path = cli_data_file("data/false-friends.tsv")) != NULL)
			rc = read_false_friends(ck, path);
		else
			cli_msg(NULL, "warning", "pont's data/false-friends.tsv is not next to the program: no false "
				"friends are checked (--no-false-friends says you know)");
	}
	for (i = 0; rc == EXIT_OK && i < env->nlist[2]; i++)
		rc = read_false_friends(ck, env->list[2][i]);
	return rc;
}

static int
run(cli_env *env, int argc, char **argv)
{
	pont_bitext **bts = NULL;
	pont_report rep = PONT_REPORT_INIT;
	pont_checker *ck = NULL;
	pont_error err;
	char title[512];
	size_t i;
	int k, rc = EXIT_OK;

	if (o.list)
		return list_checks();
	if (env->nlist[0] != env->nlist[1])
		return cli_usage("check", "give each --source with its --target");
	if (argc == 0 && env->nlist[0] == 0)
		return cli_usage("check", "give the work files to check, or --source FR --target EN");
	if ((bts = calloc(env->nlist[0] + 1, sizeof *bts)) == NULL)
		cli_oom();
	rc = load_pairs(env, bts);
	rc = cli_worse(rc, cli_env_ready(env));
	if (rc == EXIT_OK &&
	    (ck = pont_checker_new((const pont_glossary *const *)env->gs, env->ng, env->fr, env->en, env->target_lang, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	for (k = 0; ck && k < PONT_ID_N; k++)
		pont_checker_set_severity(ck, (pont_id)k, o.sev[k]);
	if (ck) {
		pont_checker_set_project(ck, o.project);
		pont_checker_set_english_variant(ck, env->en_variant);
		if (pont_checker_speller(ck) && rc == EXIT_OK)
			rc = cli_add_word_lists(env, pont_checker_speller(ck), 0);
		if (rc == EXIT_OK)
			rc = add_false_friends(env, ck);
	}
	rep.qa = 1;
	for (k = 0; rc == EXIT_OK && k < argc; k++)
		rc = check_workfile(ck, argv[k], &rep);
	for (i = 0; rc == EXIT_OK && i < env->nlist[0]; i++)
		pont_check_bitext(ck, bts[i], &rep);
	snprintf(title, sizeof title, "pont check: %s", env->nlist[0] ? env->list[1][0] : argc ? argv[0] : "report");
	if (rc == EXIT_OK)
		rc = finish(env, &rep, title);
	for (i = 0; i < env->nlist[0]; i++)
		pont_bitext_free(bts[i]);
	free(bts);
	pont_report_release(&rep);
	pont_checker_free(ck);
	return rc;
}

/* Before the options: the catalogue's severities, then the configuration, which they override. */
static int
init(cli_env *env, int argc, char **argv)
{
	int k;

	(void)env;
	for (k = 0; k < PONT_ID_N; k++)
		o.sev[k] = pont_id_info_of((pont_id)k)->sev;
	o.failon = PONT_SEV_ERROR;
	return read_config(argc, argv);
}

static const char *const synopsis[] = { "[OPTIONS] [WORK.xlf...] [--source FR --target EN]...", "--list", NULL };
static const int shared_opts[] = { CLI_O_GLOSSARY, CLI_O_NO_GLOSSARY, CLI_O_TARGET_LANG, CLI_O_WORDS,
				   CLI_O_NO_WORD_LISTS, CLI_O_FORMAT, CLI_O_OUTPUT, CLI_O_DICT, CLI_O_INPUT, CLI_O_FIELDS,
				   CLI_O_REPLACE_INVALID, 0 };
static const cli_opt opts[] = {
	{ "source", O_SOURCE, "FR", "a French article, checked against the --target after it" },
	{ "target", O_TARGET, "EN", "its English edition (repeatable pairs)" },
	{ "list", O_LIST, NULL, "list the checks: id, default severity, what they look for" },
	{ "disable", O_DISABLE, "ID", "turn a check off (repeatable; \"all\" for every check)" },
	{ "enable", O_ENABLE, "ID", "turn a check on again, at its default severity" },
	{ "severity", O_SEVERITY, "ID=LEVEL", "set a check's severity: info, warning or error" },
	{ "fail-on", O_FAIL_ON, "LEVEL", "exit 1 when a finding has this severity or more (default error)" },
	{ "config", O_CONFIG, "FILE", "checks' levels from FILE (default: .pont-check.conf when there is\n"
				      "one): lines \"CHECK = off|info|warning|error\", \"fail-on = LEVEL\";\n"
				      "the options above override it" },
	{ "project", O_PROJECT, "NAME", "the project or customer the text is for: concepts a glossary keeps\n"
					"for others (projectSubset, customerSubset) are not enforced" },
	{ "false-friends", O_FALSE_FRIENDS, "FILE", "more false friends: lines \"french<TAB>english<TAB>use<TAB>note\"\n"
						    "(repeatable; pont's data/false-friends.tsv is read first)" },
	{ "no-false-friends", O_NO_FALSE_FRIENDS, NULL, "do not read pont's list of false friends" },
	{ "ignore", O_IGNORE, "FILE", "accepted findings (default: .pont-ignore when there is one): lines\n"
				      "\"CHECK FINGERPRINT reason\"; those findings are not reported" },
	{ "write-ignore", O_WRITE_IGNORE, "FILE", "add every finding of this run to FILE as accepted (its entries\n"
						  "and their reasons kept; review what was added)" },
	{ NULL, 0, NULL, NULL }
};

const cli_command cmd_check = {
	"check", "translation QA: terms, numbers, typography, untranslated text, consistency", synopsis,
	"Checks the English of translated work files (from pont prepare, XLIFF 2.1 or 1.2) against\n"
	"their French, segment by segment, or a French article against its English edition\n"
	"(--source, --target: text or Markdown, aligned as pont align does, so that a paragraph or\n"
	"sentence left out is one [misaligned] finding and the pairs after it stay right): glossary\n"
	"terms rendered with the approved English, as strictly as the glossary enforces them\n"
	"(required, recommended, reference; when/unless words), and no forbidden one; numbers after\n"
	"conversion (notation, times, 24/7, currencies, ordinals, numbers in words); URLs and e-mail\n"
	"addresses (localised links accepted); links and code spans; false friends the French\n"
	"confirms (\"actually\" for « actuellement »); untranslated text; French typography left in\n"
	"the English; quotes and brackets; repeated words; spaces; final punctuation; length;\n"
	"spelling (US and GB, words the French has too, the glossary's English and pont's word list\n"
	"accepted; --target-lang en-US or en-GB reports the other variety); speaker labels; and\n"
	"consistency: the same French translated two ways, or the same English for two French\n"
	"sentences, across all the files given. Pairs the aligner doubts are left out of the checks\n"
	"that compare their texts. Each side is read and analysed once.\n"
	"\n"
	"Findings: TARGET:LINE:COL: severity: [id] message (source SOURCE:LINE:COL); for work files,\n"
	"the segment's place and \"unit U, segment S\". Segments without a translation are left to\n"
	"pont merge.",
	shared_opts, opts, "text json sarif html", CLI_GLOSSARY | CLI_DICT_FR | CLI_DICT_EN | CLI_DICT_EN_VARIANT,
	"0 nothing at or above --fail-on, 1 findings, 2 usage, 3 bad input (malformed\n"
	"XLIFF, glossary or configuration), 4 I/O error (missing file or dictionary).",
	init, opt, run
};
