/* cmd_spell.c: pont spell: Hunspell spelling for French and English articles. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

#ifndef PONT_DATADIR
#define PONT_DATADIR "/usr/local/share/pont"
#endif

static const char usage[] =
	"usage: pont spell [--lang fr|en|en-US|en-GB] [-g FILE]... [--words FILE]...\n"
	"                  [--anglicisms] [--list] [--suggestions N] [-v] [--stats]\n"
	"                  [--format text|json]\n"
	"                  [--dict DIR] [--no-word-lists] [--input text|markdown|auto]\n"
	"                  [--paragraphs MODE] [--replace-invalid] [-o FILE] [FILE...]\n"
	"\n"
	"Spell-checks an article with Hunspell (Debian's hunspell-fr, hunspell-en-us, hunspell-en-gb),\n"
	"word by word as ICU splits them: speaker labels, URLs, e-mail addresses, code and markup\n"
	"are never checked; numbers (24h/7j, 9h30, 3,5 %), ordinals (1er, XXIe), acronyms of up to\n"
	"five capitals, mixed-case names (DevOps), paths and options are not words. French: both\n"
	"apostrophes, elisions (l’infra), hyphenated compounds (a-t-il), 1990 spellings (entraine),\n"
	"capitals without accents (ETAT). A sentence mostly in the other language (English in French\n"
	"text, French in English) is checked against both dictionaries.\n"
	"\n"
	"Findings: [spelling] error, up to N suggestions; [repeated-word] warning; [name] info: a\n"
	"capitalised word no dictionary has, used in mid-sentence; [anglicism] info (--anglicisms).\n"
	"\n"
	"  -l, --lang LANG         fr (default); en-US or en-GB; en: either spelling is accepted\n"
	"                          (suggestions in US spelling)\n"
	"  -g, --glossary FILE     accept the glossary's terms in LANG, nouns with their plurals\n"
	"                          (TBX, CSV or TSV; repeatable)\n"
	"  -w, --words FILE        accept the words of FILE: one a line, word or word/model\n"
	"                          (inflected like model), # comments (repeatable)\n"
	"      --no-word-lists     do not load the project's word lists (dictionaries/fr-it.dic,\n"
	"                          dictionaries/en-it.dic, here or in " PONT_DATADIR ")\n"
	"      --anglicisms        French: accept words the English dictionary knows, as info\n"
	"      --list              instead: the unknown words with their counts, most frequent first\n"
	"      --suggestions N     suggestions per unknown word (default 5, 0 for none)\n"
	"  -v, --verbose           also show info findings (names)\n"
	"      --stats             print to stderr how many words were read, checked and flagged\n"
	"      --dict DIR          where the Hunspell dictionaries are (default: $PONT_DICT_PATH,\n"
	"                          $DICPATH, /usr/share/hunspell, /usr/share/myspell)\n"
	"  -f, --format FORMAT     text (default) or json\n"
	"      --input FORMAT      text, markdown, or auto (default: markdown for .md files)\n"
	"      --paragraphs MODE   plain text: auto (default), lines or blank\n"
	"      --replace-invalid   replace invalid UTF-8 by U+FFFD instead of failing\n"
	"  -o, --output FILE       write to FILE (atomically)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit status: 0 nothing found (--list: always), 1 spelling errors or repeated words,\n"
	"2 usage, 3 bad input (invalid UTF-8, malformed glossary or word list), 4 I/O error\n"
	"(missing file, dictionary or word list; unwritable output).\n";

/* The project's word list for lang: dictionaries/LANG-it.dic here, else installed. */
static const char *
default_wordlist(int fr, char *buf, size_t n)
{
	const char *name = fr ? "fr-it.dic" : "en-it.dic";

	snprintf(buf, n, "dictionaries/%s", name);
	if (access(buf, R_OK) == 0)
		return buf;
	snprintf(buf, n, "%s/dictionaries/%s", PONT_DATADIR, name);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

static int
load_wordlist(pont_speller *sp, const char *path)
{
	pont_text t = PONT_TEXT_INIT;
	pont_diags d = PONT_DIAGS_INIT;
	pont_error err;
	int rc;

	if ((rc = cli_read(path, PONT_TEXT_BINARY, &t)) != EXIT_OK)	/* checked below, with its own message */
		return rc;
	if (pont_speller_add_wordlist(sp, t.data, t.len, cli_name(path), &d, &err) != PONT_OK) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	} else if (d.n) {
		pont_buf b = PONT_BUF_INIT;

		pont_diags_write_text(&d, cli_name(path), &b);
		fputs(b.p, stderr);
		pont_buf_release(&b);
	}
	pont_diags_release(&d);
	pont_text_release(&t);
	return rc;
}

typedef struct wcount {
	char *word;
	size_t n;
} wcount;

static int
by_count(const void *a, const void *b)
{
	const wcount *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->word, y->word);
}

/* Counts the words of the findings that are unknown words (spelling, name). */
static void
count_words(const pont_findings *f, const char *text, wcount **v, size_t *n, size_t *alloc)
{
	size_t i, k;

	for (i = 0; i < f->n; i++) {
		const pont_finding *x = &f->v[i];
		size_t len = x->end - x->start;

		if (strcmp(x->id, "spelling") != 0 && strcmp(x->id, "name") != 0)
			continue;
		for (k = 0; k < *n; k++)	/* linear: the list is short next to the text */
			if (strlen((*v)[k].word) == len && memcmp((*v)[k].word, text + x->start, len) == 0)
				break;
		if (k == *n) {
			if (*n == *alloc) {
				*alloc = *alloc ? *alloc * 2 : 64;
				if ((*v = realloc(*v, *alloc * sizeof **v)) == NULL)
					abort();
			}
			(*v)[k].word = strndup(text + x->start, len);
			(*v)[k].n = 0;
			(*n)++;
		}
		(*v)[k].n++;
	}
}

int
cmd_spell(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_TEXT_LONGOPTS,
		{ "glossary", required_argument, NULL, 'g' },
		{ "words", required_argument, NULL, 'w' },
		{ "no-word-lists", no_argument, NULL, 'N' },
		{ "anglicisms", no_argument, NULL, 'A' },
		{ "list", no_argument, NULL, 'L' },
		{ "suggestions", required_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "stats", no_argument, NULL, 'T' },
		{ "dict", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	cli_textopts to = CLI_TEXTOPTS_INIT;
	pont_spell_options so = { 0, 5, 1 };
	pont_spell_stats st = { 0, 0, 0 };
	int stats = 0;
	const char **gpaths, **wpaths, *dictdir = NULL, *lang, *dlang;
	size_t ng = 0, nw = 0, i, nwc = 0, awc = 0, nfound = 0;
	int json = 0, list = 0, verbose = 0, wordlists = 1, c, rc = EXIT_OK, nfiles, fr;
	pont_glossary **gs;
	pont_dict *dict = NULL, *other = NULL, *variant = NULL;
	pont_speller *sp = NULL;
	pont_error err;
	pont_buf out = PONT_BUF_INIT;
	char *stdin_only[] = { (char *)"-" }, **files, wl[4096];
	wcount *wc = NULL;
	cli_out o;

	gpaths = calloc((size_t)argc + 1, sizeof *gpaths);
	wpaths = calloc((size_t)argc + 2, sizeof *wpaths);
	gs = calloc((size_t)argc + 1, sizeof *gs);
	if (gpaths == NULL || wpaths == NULL || gs == NULL)
		abort();
	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_TEXT_SHORTOPTS "g:w:f:vh", longopts, NULL)) != -1) {
		if (cli_textopt(c, optarg, &to))
			continue;
		switch (c) {
		case 'g':
			gpaths[ng++] = optarg;
			break;
		case 'w':
			wpaths[nw++] = optarg;
			break;
		case 'N':
			wordlists = 0;
			break;
		case 'A':
			so.anglicisms = 1;
			break;
		case 'L':
			list = 1;
			break;
		case 'S': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v < 0 || v > 9)
				rc = cli_usage("spell", "--suggestions takes a number from 0 to 9, not '%s'", optarg);
			so.suggest = (int)v;
			break;
		}
		case 'v':
			verbose = 1;
			break;
		case 'T':
			stats = 1;
			break;
		case 'D':
			dictdir = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") != 0)
				rc = cli_usage("spell", "unknown format '%s' (text or json)", optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			free(gpaths);
			free(wpaths);
			free(gs);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			rc = cli_usage("spell", "unknown option");
			break;
		}
		if (rc != EXIT_OK)
			break;
	}
	lang = to.lang;
	fr = strcmp(lang, "fr") == 0;
	if (rc == EXIT_OK && !fr && !cli_is_english(lang))
		rc = cli_usage("spell", "unknown language '%s' (fr, en, en-US or en-GB)", lang);
	to.lang = fr ? "fr" : "en";
	if (rc == EXIT_OK)
		rc = cli_textopts_check("spell", &to);
	if (rc == EXIT_OK && so.anglicisms && !fr)
		rc = cli_usage("spell", "--anglicisms is for French text (--lang fr)");
	if (list)
		so.suggest = 0;
	dlang = fr ? "fr" : strcmp(lang, "en") == 0 ? "en-US" : lang;
	if (rc == EXIT_OK) {	/* both dictionaries load while the glossaries are read */
		cli_dict_job *jd = cli_dict_start(dlang, dictdir, 0);
		cli_dict_job *jo = cli_dict_start(fr ? "en-US" : "fr", dictdir, !so.anglicisms);
		cli_dict_job *jv = strcmp(lang, "en") == 0 ? cli_dict_start("en-GB", dictdir, 1) : NULL;

		for (i = 0; rc == EXIT_OK && i < ng; i++)
			rc = cli_load_glossary(gpaths[i], &gs[i], NULL);
		dict = cli_dict_wait(jd, &rc);
		other = cli_dict_wait(jo, &rc);
		variant = jv ? cli_dict_wait(jv, &rc) : NULL;
		if (rc == EXIT_OK && (sp = pont_speller_new(lang, dict, other, &err)) == NULL) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		}
		if (rc == EXIT_OK && variant)
			pont_speller_set_variant(sp, variant);
		for (i = 0; rc == EXIT_OK && i < ng; i++)
			pont_speller_add_glossary(sp, gs[i]);
	}
	if (rc == EXIT_OK && wordlists && default_wordlist(fr, wl, sizeof wl))
		wpaths[nw++] = wl;
	for (i = 0; rc == EXIT_OK && i < nw; i++)
		rc = load_wordlist(sp, wpaths[i]);
	files = optind < argc ? argv + optind : stdin_only;
	nfiles = optind < argc ? argc - optind : 1;
	if (json)
		pont_buf_adds(&out, "{\"findings\":[");
	for (c = 0; rc == EXIT_OK && c < nfiles; c++) {
		const char *name = cli_name(files[c]);
		pont_text t = PONT_TEXT_INIT;
		pont_findings f = PONT_FINDINGS_INIT, shown = PONT_FINDINGS_INIT;
		pont_doc *doc;
		pont_lines li;
		size_t k;

		if ((rc = cli_read(files[c], to.flags, &t)) != EXIT_OK)
			break;
		cli_input_format(to.input, files[c], &to.doc.format);
		if ((doc = pont_doc_parse(t.data, t.len, &to.doc, &err)) == NULL ||
		    pont_spell_doc(sp, doc, &so, &f, &st, &err) != PONT_OK) {
			err.file = name;
			cli_report(&err);
			rc = cli_exit_code(err.code);
		} else if (list) {
			count_words(&f, t.data, &wc, &nwc, &awc);
		} else {
			for (k = 0; k < f.n; k++) {	/* info findings only when asked for */
				pont_finding *x = &f.v[k];

				if (x->sev == PONT_SEV_INFO && !verbose && strcmp(x->id, "anglicism") != 0)
					continue;
				if (shown.n == shown.alloc) {
					shown.alloc = shown.alloc ? shown.alloc * 2 : 16;
					if ((shown.v = realloc(shown.v, shown.alloc * sizeof *shown.v)) == NULL)
						abort();
				}
				shown.v[shown.n++] = *x;	/* borrowed: f owns the strings */
				nfound += x->sev > PONT_SEV_INFO;
			}
			pont_lines_init(&li, t.data, t.len, t.bom);
			if (json) {
				if (out.len > strlen("{\"findings\":[") && shown.n)
					pont_buf_addc(&out, ',');
				pont_findings_write_json(&shown, name, &li, &out);
			} else {
				pont_findings_write_text(&shown, name, &li, &out);
			}
			pont_lines_release(&li);
			free(shown.v);
		}
		pont_findings_release(&f);
		pont_doc_free(doc);
		pont_text_release(&t);
	}
	if (json)
		pont_buf_adds(&out, "\n]}\n");
	if (list) {
		pont_buf_reset(&out);
		qsort(wc, nwc, sizeof *wc, by_count);
		for (i = 0; i < nwc; i++)
			pont_buf_addf(&out, "%zu\t%s\n", wc[i].n, wc[i].word);
	}
	if (rc == EXIT_OK && (rc = cli_out_open(&o, to.output)) == EXIT_OK) {
		cli_out_write(&o, out.p, out.len);
		rc = cli_out_close(&o, 1);
	}
	if (stats && rc <= EXIT_FINDINGS)
		fprintf(stderr, "pont: spell: %zu words, %zu checked, %zu flagged (%.2f %% of the words)\n", st.words,
			st.checked, st.flagged, st.words ? 100.0 * (double)st.flagged / (double)st.words : 0.0);
	if (rc == EXIT_OK && nfound && !list)
		rc = EXIT_FINDINGS;
	for (i = 0; i < nwc; i++)
		free(wc[i].word);
	free(wc);
	pont_buf_release(&out);
	pont_speller_free(sp);
	CLI_EXIT_FREE_DICT(other);
	CLI_EXIT_FREE_DICT(variant);
	CLI_EXIT_FREE_DICT(dict);
	for (i = 0; i < ng; i++)
		pont_glossary_free(gs[i]);
	free(gs);
	free(gpaths);
	free(wpaths);
	return rc;
}
