/* cmd_spell.c: pont spell: Hunspell spelling for French and English articles. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

enum { O_LANG = 'l', O_VERBOSE = 'v', O_ANGLICISMS = CLI_O_OWN, O_LIST, O_SUGGESTIONS, O_SUGGEST_TIME, O_STATS };

static struct {
	const char *lang;
	pont_spell_options so;
	int list, verbose, stats;
} o = { "fr", { 0, 5, 1, 0, 0 }, 0, 0, 0 };

static int
opt(cli_env *env, int key, const char *arg)
{
	long v;

	(void)env;
	switch (key) {
	case O_LANG:
		if (strcmp(arg, "fr") != 0 && !cli_is_english(arg))
			return cli_usage("spell", "unknown language '%s' (fr, en, en-US or en-GB)", arg);
		o.lang = arg;
		return EXIT_OK;
	case O_ANGLICISMS:
		o.so.anglicisms = 1;
		return EXIT_OK;
	case O_LIST:
		o.list = 1;
		return EXIT_OK;
	case O_SUGGESTIONS:
		if (cli_number("spell", "--suggestions", arg, 0, 9, &v) != EXIT_OK)
			return EXIT_USAGE;
		o.so.suggest = (int)v;
		return EXIT_OK;
	case O_SUGGEST_TIME: {
		char *end;

		o.so.suggest_seconds = strtod(arg, &end);
		if (*arg == '\0' || *end || !(o.so.suggest_seconds > 0 && o.so.suggest_seconds < 1e6))
			return cli_usage("spell", "--suggest-time takes seconds, not '%s'", arg);
		return EXIT_OK;
	}
	case O_VERBOSE:
		o.verbose = 1;
		return EXIT_OK;
	case O_STATS:
		o.stats = 1;
		return EXIT_OK;
	}
	return cli_usage("spell", "unknown option");
}

/* The speller: its dictionaries (loading while the glossaries are read), the glossaries'
 * terms, pont's word list for the language and the --words ones. */
static int
make_speller(cli_env *env, pont_speller **sp, pont_dict **dicts)
{
	int fr = strcmp(o.lang, "fr") == 0, rc = EXIT_OK;
	int gb = strcasecmp(o.lang, "en-GB") == 0;
	const char *dlang = fr ? "fr" : gb ? "en-GB" : "en-US";
	cli_dict_job *jd = cli_dict_start(dlang, env->dict_dir, 0);
	cli_dict_job *jo = cli_dict_start(fr ? "en-US" : "fr", env->dict_dir, !o.so.anglicisms);
	/* English: the other variety too, its spellings accepted (en) or reported (en-US, en-GB) */
	cli_dict_job *jv = fr ? NULL : cli_dict_start(gb ? "en-US" : "en-GB", env->dict_dir, 1);
	pont_error err;
	size_t i;

	dicts[0] = cli_dict_wait(jd, &rc);
	dicts[1] = cli_dict_wait(jo, &rc);
	dicts[2] = jv ? cli_dict_wait(jv, &rc) : NULL;
	if (rc == EXIT_OK && (*sp = pont_speller_new(o.lang, dicts[0], dicts[1], &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (rc == EXIT_OK && dicts[2]) {
		pont_speller_set_variant(*sp, dicts[2]);
		o.so.variants = strcasecmp(o.lang, "en") == 0 ? 2 : 1;
	}
	for (i = 0; rc == EXIT_OK && i < env->ng; i++)
		pont_speller_add_glossary(*sp, env->gs[i]);
	if (rc == EXIT_OK)
		rc = cli_add_word_lists(env, *sp, fr);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct wcount {
	char *word;
	size_t n;
} wcount;

static int
by_count(const void *a, const void *b)
{
	const wcount *x = a, *y = b;

	return x->n != y->n ? (x->n < y->n ? 1 : -1) : strcmp(x->word, y->word);
}

/* --list: the unknown words (spelling, names) with their counts, most frequent first. */
static void
write_list(const pont_findings *f, pont_buf *out)
{
	char **w = calloc(f->n + 1, sizeof *w);
	wcount *c = calloc(f->n + 1, sizeof *c);
	size_t i, nw = 0, nc = 0;

	if (w == NULL || c == NULL)
		cli_oom();
	for (i = 0; i < f->n; i++)
		if ((f->v[i].code == PONT_ID_SPELL_UNKNOWN || f->v[i].code == PONT_ID_SPELL_NAME) && f->v[i].text)
			w[nw++] = f->v[i].text;
	qsort(w, nw, sizeof *w, cmp_str);	/* equal words side by side: counted in one pass */
	for (i = 0; i < nw; i++) {
		if (nc && strcmp(c[nc - 1].word, w[i]) == 0) {
			c[nc - 1].n++;
			continue;
		}
		c[nc].word = w[i];
		c[nc++].n = 1;
	}
	qsort(c, nc, sizeof *c, by_count);
	for (i = 0; i < nc; i++)
		pont_buf_addf(out, "%zu\t%s\n", c[i].n, c[i].word);
	free(w);
	free(c);
}

/* One file's findings, located, into the report: info ones only when asked for. */
static int
one(cli_env *env, pont_speller *sp, const char *path, pont_report *rep, pont_spell_stats *st)
{
	pont_text t = PONT_TEXT_INIT;
	pont_findings f = PONT_FINDINGS_INIT;
	pont_doc_options dopt = cli_doc_options(env, path);
	pont_doc *doc;
	pont_error err;
	size_t k = 0;
	int rc;

	if ((rc = cli_read(path, env->text_flags, &t)) != EXIT_OK)
		return rc;
	if ((doc = pont_doc_parse(t.data, t.len, &dopt, &err)) == NULL ||
	    pont_spell_doc(sp, doc, NULL, &o.so, &f, st, &err) != PONT_OK) {
		err.file = cli_name(path);
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	while (!o.list && k < f.n) {
		if (f.v[k].sev == PONT_SEV_INFO && !o.verbose && f.v[k].code != PONT_ID_SPELL_ANGLICISM)
			pont_findings_remove(&f, k);
		else
			k++;
	}
	pont_findings_locate(&f, 0, cli_name(path), t.data, t.len, t.bom);
	pont_report_take(rep, &f);
	pont_findings_release(&f);
	pont_doc_free(doc);
	pont_text_release(&t);
	return rc;
}

static int
run(cli_env *env, int argc, char **argv)
{
	pont_spell_stats st = { 0, 0, 0, 0 };
	pont_dict *dicts[3] = { NULL, NULL, NULL };
	pont_speller *sp = NULL;
	pont_report rep = PONT_REPORT_INIT;
	pont_buf out = PONT_BUF_INIT;
	char *stdin_only[] = { (char *)"-" };
	char **files = argc ? argv : stdin_only;
	int rc = EXIT_OK, i, k;

	if (o.so.anglicisms && strcmp(o.lang, "fr") != 0)
		return cli_usage("spell", "--anglicisms is for French text (--lang fr)");
	if (o.list)
		o.so.suggest = 0;
	rc = make_speller(env, &sp, dicts);
	for (i = 0; rc == EXIT_OK && i < (argc ? argc : 1); i++)
		rc = one(env, sp, files[i], &rep, &st);
	if (o.list)
		write_list(&rep.f, &out);
	else
		pont_report_write(&rep, (pont_report_format)env->format, "pont spell", &out);
	if (rc == EXIT_OK)
		rc = cli_write(env->output, &out);
	if (st.unsuggested && rc <= EXIT_FINDINGS)
		cli_msg(NULL, "note", "%zu unknown words left without suggestions: the %.0f s allowed for them ran out, "
			"or the word is over 40 bytes (--suggest-time; --suggestions 0 is the fast way)", st.unsuggested,
			o.so.suggest_seconds > 0 ? o.so.suggest_seconds : 20);
	if (o.stats && rc <= EXIT_FINDINGS)
		fprintf(stderr, "pont: spell: %zu words, %zu checked, %zu flagged (%.2f %% of the words)\n", st.words,
			st.checked, st.flagged, st.words ? 100.0 * (double)st.flagged / (double)st.words : 0.0);
	if (rc == EXIT_OK && !o.list && pont_findings_count(&rep.f, PONT_SEV_WARNING))
		rc = EXIT_FINDINGS;
	pont_report_release(&rep);
	pont_buf_release(&out);
	pont_speller_free(sp);
	for (k = 0; k < 3; k++)
		CLI_EXIT_FREE_DICT(dicts[k]);
	return rc;
}

static const char *const synopsis[] = { "[OPTIONS] [FILE...]", NULL };
static const int shared_opts[] = { CLI_O_GLOSSARY, CLI_O_WORDS, CLI_O_NO_WORD_LISTS, CLI_O_FORMAT, CLI_O_DICT,
				   CLI_O_INPUT, CLI_O_PARAGRAPHS, CLI_O_FIELDS, CLI_O_REPLACE_INVALID, CLI_O_OUTPUT, 0 };
static const cli_opt opts[] = {
	{ "lang", O_LANG, "LANG", "fr (default); en-US or en-GB: the other variety's spellings are\n"
				  "[variant] warnings; en: either is accepted, and in a text that\n"
				  "mixes them the less used one's are [variant] info (suggestions\n"
				  "in US spelling)" },
	{ "anglicisms", O_ANGLICISMS, NULL, "French: accept words the English dictionary knows, as info" },
	{ "list", O_LIST, NULL, "instead: the unknown words with their counts, most frequent first" },
	{ "suggestions", O_SUGGESTIONS, "N", "suggestions per unknown word (default 5; 0 for none, the fast\n"
					     "way: Hunspell takes time over each; words over 40 bytes get\n"
					     "none)" },
	{ "suggest-time", O_SUGGEST_TIME, "SEC", "time allowed for suggestions in all (default 20); the unknown\n"
						 "words after it get none (a note says how many)" },
	{ "verbose", O_VERBOSE, NULL, "also show info findings (names)" },
	{ "stats", O_STATS, NULL, "print to stderr how many words were read, checked and flagged" },
	{ NULL, 0, NULL, NULL }
};

const cli_command cmd_spell = {
	"spell", "spell-check French or English text with Hunspell", synopsis,
	"Spell-checks an article with Hunspell (Debian's hunspell-fr, hunspell-en-us, hunspell-en-gb),\n"
	"word by word as ICU splits them: speaker labels, URLs, e-mail addresses, code and markup\n"
	"are never checked; numbers (24h/7j, 9h30, 3,5 %), ordinals (1er, XXIe), acronyms of up to\n"
	"five capitals, mixed-case names (DevOps), paths and options are not words. French: both\n"
	"apostrophes, elisions (l’infra), hyphenated compounds (a-t-il), 1990 spellings (entraine),\n"
	"capitals without accents (ETAT). A sentence mostly in the other language (English in French\n"
	"text, French in English) is checked against both dictionaries. The glossaries given with -g\n"
	"are accepted, nouns with their plurals.\n"
	"\n"
	"Findings: [spelling] error, up to N suggestions; [repeated-word] warning; [name] info: a\n"
	"capitalised word no dictionary has, used in mid-sentence; [anglicism] info (--anglicisms).",
	shared_opts, opts, "text json sarif html", CLI_GLOSSARY_GIVEN,
	"0 nothing found (--list: always), 1 spelling errors or repeated words,\n"
	"2 usage, 3 bad input (invalid UTF-8, malformed glossary or word list), 4 I/O error\n"
	"(missing file, dictionary or word list; unwritable output).",
	NULL, opt, run
};
