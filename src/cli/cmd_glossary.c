/* cmd_glossary.c: pont glossary validate|list|lookup|stats|convert: glossaries at the command line. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

enum { FMT_TEXT, FMT_TSV, FMT_JSON };
enum { O_LANG = 'l', O_STATUS = CLI_O_OWN, O_SUBJECT, O_TO };

typedef struct opts {
	const char *lang, *subject, *to;
	int status;		/* -1: any */
	int fmt;
	const char **files;
	size_t nfiles;
} opts;

static opts o = { NULL, NULL, NULL, -1, FMT_TEXT, NULL, 0 };

/* validate: every problem of each file, located; in text, each file's then its verdict */
static int
do_validate(const opts *op, const cli_env *env, cli_out *out)
{
	pont_buf b = PONT_BUF_INIT;
	pont_report rep = PONT_REPORT_INIT;
	size_t i, nerr = 0;
	int rc = EXIT_OK;

	for (i = 0; i < op->nfiles; i++) {
		pont_findings d = PONT_FINDINGS_INIT;
		pont_glossary *g = NULL;
		int r = cli_load_glossary(op->files[i], &g, &d);

		if (r != EXIT_OK) {
			rc = cli_worse(rc, r);
			continue;
		}
		pont_findings_locate(&d, 0, cli_name(op->files[i]), "", 0, 0);
		nerr += pont_findings_count(&d, PONT_SEV_ERROR);
		if (env->format == 0) {		/* text: this file's findings, then its verdict */
			pont_report one = PONT_REPORT_INIT;

			pont_report_take(&one, &d);
			pont_report_write(&one, PONT_REPORT_TEXT, NULL, &b);
			if (pont_findings_count(&one.f, PONT_SEV_ERROR) == 0)
				pont_buf_addf(&b, "%s: valid %s%s: %zu concept%s, %zu term%s\n", cli_name(op->files[i]),
					      pont_tbx_dialect_name(pont_glossary_dialect(g)), pont_glossary_dct(g) ? " (DCT)" : "",
					      pont_glossary_nconcepts(g), pont_glossary_nconcepts(g) == 1 ? "" : "s",
					      pont_glossary_nterms(g), pont_glossary_nterms(g) == 1 ? "" : "s");
			pont_report_release(&one);
		} else {
			pont_report_take(&rep, &d);
		}
		pont_findings_release(&d);
		pont_glossary_free(g);
	}
	if (env->format != 0)
		pont_report_write(&rep, (pont_report_format)env->format, "pont glossary validate", &b);
	cli_out_write(out, b.p ? b.p : "", b.len);
	pont_buf_release(&b);
	pont_report_release(&rep);
	return rc != EXIT_OK ? rc : nerr ? EXIT_FINDINGS : EXIT_OK;
}

static int
keep_term(const opts *op, const pont_glossary *g, const pont_term *t)
{
	const pont_concept *c = pont_glossary_concept(g, t->concept);

	if (op->lang && !pont_lang_matches(t->lang, op->lang))
		return 0;
	if (op->status >= 0 && (int)t->status != op->status)
		return 0;
	if (op->subject && (c == NULL || c->subject == NULL || strstr(c->subject, op->subject) == NULL))
		return 0;
	return 1;
}

static void
json_str(pont_buf *b, const char *key, const char *v)
{
	pont_buf_addf(b, ",\"%s\":", key);
	if (v)
		pont_buf_add_json(b, v, strlen(v));
	else
		pont_buf_adds(b, "null");
}

static void
term_json(pont_buf *b, const pont_glossary *g, const pont_term *t)
{
	const pont_concept *c = pont_glossary_concept(g, t->concept);

	pont_buf_adds(b, "{\"term\":");
	pont_buf_add_json(b, t->text, strlen(t->text));
	json_str(b, "lang", t->lang);
	json_str(b, "concept", c ? c->id : NULL);
	pont_buf_addf(b, ",\"status\":\"%s\",\"type\":\"%s\"", pont_term_status_name(t->status),
		      pont_term_type_name(t->type));
	json_str(b, "pos", t->pos);
	json_str(b, "subject", c ? c->subject : NULL);
	json_str(b, "definition", c ? c->definition : NULL);
	json_str(b, "note", t->note);
	json_str(b, "context", t->context);
	pont_buf_addf(b, ",\"line\":%lu}", t->line);
}

static void
term_line(pont_buf *b, int fmt, const pont_glossary *g, const pont_term *t)
{
	const pont_concept *c = pont_glossary_concept(g, t->concept);
	const char *id = c && c->id ? c->id : "-";

	if (fmt == FMT_TSV)
		pont_buf_addf(b, "%s\t%s\t%s\t%s\t%s\n", id, t->lang ? t->lang : "", pont_term_status_name(t->status),
			      pont_term_type_name(t->type), t->text);
	else
		pont_buf_addf(b, "%-8s %-6s %-11s %-12s %s\n", id, t->lang ? t->lang : "-",
			      t->status ? pont_term_status_name(t->status) : "-",
			      t->type ? pont_term_type_name(t->type) : "-", t->text);
}

static int
do_list(const opts *op, cli_out *out)
{
	pont_buf b = PONT_BUF_INIT;
	size_t i, k, n = 0;
	int rc;

	if (op->fmt == FMT_JSON)
		pont_buf_adds(&b, "{\"terms\":[");
	if (op->fmt == FMT_TSV)
		pont_buf_adds(&b, "concept\tlang\tstatus\ttype\tterm\n");
	for (i = 0; i < op->nfiles; i++) {
		pont_glossary *g;

		if ((rc = cli_load_glossary(op->files[i], &g, NULL)) != EXIT_OK) {
			pont_buf_release(&b);
			return rc;
		}
		for (k = 0; k < pont_glossary_nterms(g); k++) {
			const pont_term *t = pont_glossary_term(g, k);

			if (!keep_term(op, g, t))
				continue;
			if (op->fmt == FMT_JSON) {
				pont_buf_adds(&b, n ? ",\n" : "\n");
				term_json(&b, g, t);
			} else {
				term_line(&b, op->fmt, g, t);
			}
			n++;
		}
		pont_glossary_free(g);
	}
	if (op->fmt == FMT_JSON)
		pont_buf_adds(&b, "\n]}\n");
	cli_out_write(out, b.p, b.len);
	pont_buf_release(&b);
	return EXIT_OK;
}

static int
has_letters(const char *s)
{
	for (; *s; s++)
		if (((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (unsigned char)*s >= 0xC0)
			return 1;
	return 0;
}

/* Is word[0, n) empty or a French or English article ("la ", "l’", "des ", "the ")? */
static int
only_article(const char *word, size_t n)
{
	static const char *const arts[] = { "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "the", "a", "an" };
	size_t e = n, k;

	while (e > 0 && (word[e - 1] == ' ' || word[e - 1] == '\''))
		e--;
	if (e >= 3 && memcmp(word + e - 3, "\xE2\x80\x99", 3) == 0)	/* ’ */
		e -= 3;
	if (e == 0)
		return 1;
	for (k = 0; k < sizeof arts / sizeof arts[0]; k++)
		if (strlen(arts[k]) == e && strncasecmp(word, arts[k], e) == 0)
			return 1;
	return 0;
}

/*
 * Inflected forms ("infrastructures", "les bases de données"): the term matcher, with the
 * French dictionary when it is there, run over the word as a one-line text; a match that
 * covers every letter of the word counts.
 */
static void
inflected_lookup(const pont_glossary *g, const char *word, const char *lang, pont_spans *hits)
{
	const char *ml = lang && !pont_lang_matches(lang, "en") ? lang : "fr";
	const pont_glossary *gs[1] = { g };
	pont_dict *dict = pont_dict_open(ml, NULL, NULL);
	pont_matcher *m = pont_matcher_new(gs, 1, ml, dict, NULL);
	pont_doc *doc = pont_doc_parse(word, strlen(word), NULL, NULL);
	pont_matches ms = PONT_MATCHES_INIT;
	size_t i, k;

	pont_match_doc(m, doc, &ms);
	for (i = 0; i < ms.n; i++) {
		if (!only_article(word, ms.v[i].span.start) || has_letters(word + ms.v[i].span.end))
			continue;	/* the term is only part of what was asked */
		pont_spans_push(hits, ms.v[i].term, ms.v[i].term + 1);
		for (k = 0; k < ms.v[i].nalt; k++)
			pont_spans_push(hits, ms.alts[2 * (ms.v[i].alt0 + k) + 1], ms.alts[2 * (ms.v[i].alt0 + k) + 1] + 1);
	}
	pont_matches_release(&ms);
	pont_doc_free(doc);
	pont_matcher_free(m);
	pont_dict_free(dict);
}

static int
do_lookup(const opts *op, const char *word, cli_out *out)
{
	pont_buf b = PONT_BUF_INIT;
	size_t i, k, j, n = 0;
	int rc;

	if (op->fmt == FMT_JSON)
		pont_buf_adds(&b, "{\"concepts\":[");
	for (i = 0; i < op->nfiles; i++) {
		pont_glossary *g;
		pont_spans hits = PONT_SPANS_INIT;
		size_t last = (size_t)-1;

		if ((rc = cli_load_glossary(op->files[i], &g, NULL)) != EXIT_OK) {
			pont_buf_release(&b);
			return rc;
		}
		pont_glossary_lookup(g, word, strlen(word), op->lang, &hits);
		if (hits.n == 0)
			inflected_lookup(g, word, op->lang, &hits);
		for (k = 0; k < hits.n; k++) {
			const pont_term *hit = pont_glossary_term(g, hits.v[k].start);
			const pont_concept *c = pont_glossary_concept(g, hit->concept);

			if (hit->concept == last || c == NULL)
				continue;	/* one entry a concept */
			last = hit->concept;
			if (op->fmt == FMT_JSON) {
				pont_buf_adds(&b, n ? ",\n{\"id\":" : "\n{\"id\":");
				if (c->id)
					pont_buf_add_json(&b, c->id, strlen(c->id));
				else
					pont_buf_adds(&b, "null");
				json_str(&b, "subject", c->subject);
				json_str(&b, "definition", c->definition);
				json_str(&b, "note", c->note);
				pont_buf_adds(&b, ",\"terms\":[");
				for (j = 0; j < c->nterms; j++) {
					if (j)
						pont_buf_addc(&b, ',');
					term_json(&b, g, pont_glossary_term(g, c->term0 + j));
				}
				pont_buf_adds(&b, "]}");
			} else {
				pont_buf_addf(&b, "%s%s%s%s\n", n ? "\n" : "", c->id ? c->id : "(no id)",
					      c->subject ? " — " : "", c->subject ? c->subject : "");
				if (c->definition)
					pont_buf_addf(&b, "  definition: %s\n", c->definition);
				if (c->note)
					pont_buf_addf(&b, "  note: %s\n", c->note);
				for (j = 0; j < c->nterms; j++) {
					const pont_term *t = pont_glossary_term(g, c->term0 + j);

					pont_buf_addf(&b, "  %-6s %-11s %s%s%s\n", t->lang ? t->lang : "-",
						      t->status ? pont_term_status_name(t->status) : "-", t->text,
						      t->note ? "  — " : "", t->note ? t->note : "");
				}
			}
			n++;
		}
		pont_spans_release(&hits);
		pont_glossary_free(g);
	}
	if (op->fmt == FMT_JSON)
		pont_buf_adds(&b, "\n]}\n");
	cli_out_write(out, b.p, b.len);
	pont_buf_release(&b);
	if (n == 0)
		fprintf(stderr, "pont: glossary: no term written like '%s'\n", word);
	return n ? EXIT_OK : EXIT_FINDINGS;
}

static int
do_convert(const opts *op, const char *in, const char *to, cli_out *out)
{
	pont_glossary *g;
	pont_buf b = PONT_BUF_INIT;
	pont_gloss_format f;
	int rc;

	(void)op;
	f = strcmp(to, "tbx") == 0 ? PONT_GLOSS_TBX : strcmp(to, "tbx2008") == 0 ? PONT_GLOSS_TBX2008 :
	    strcmp(to, "csv") == 0 ? PONT_GLOSS_CSV : PONT_GLOSS_TSV;
	if ((rc = cli_load_glossary(in, &g, NULL)) != EXIT_OK)
		return rc;
	pont_glossary_write(g, f, &b);
	cli_out_write(out, b.p, b.len);
	pont_buf_release(&b);
	pont_glossary_free(g);
	return EXIT_OK;
}

static int
do_stats(const opts *op, cli_out *out)
{
	pont_buf b = PONT_BUF_INIT;
	size_t i, k, s;
	int rc;

	for (i = 0; i < op->nfiles; i++) {
		pont_glossary *g;
		const char *langs[64];
		size_t nl = 0, per[64] = { 0 }, status[8] = { 0 }, nodef = 0;

		if ((rc = cli_load_glossary(op->files[i], &g, NULL)) != EXIT_OK) {
			pont_buf_release(&b);
			return rc;
		}
		for (k = 0; k < pont_glossary_nterms(g); k++) {
			const pont_term *t = pont_glossary_term(g, k);
			size_t l;

			for (l = 0; l < nl && strcasecmp(langs[l], t->lang ? t->lang : "") != 0; l++)
				;
			if (l == nl && nl < 64)
				langs[nl++] = t->lang ? t->lang : "";
			if (l < 64)
				per[l]++;
			status[t->status < 8 ? t->status : 0]++;
		}
		for (k = 0; k < pont_glossary_nconcepts(g); k++)
			nodef += pont_glossary_concept(g, k)->definition == NULL;
		pont_buf_addf(&b, "%s: %s%s\n  concepts: %zu (%zu without a concept-level definition)\n  terms: %zu\n",
			      cli_name(op->files[i]), pont_tbx_dialect_name(pont_glossary_dialect(g)),
			      pont_glossary_dct(g) ? " (DCT)" : "", pont_glossary_nconcepts(g), nodef,
			      pont_glossary_nterms(g));
		for (k = 0; k < nl; k++)
			pont_buf_addf(&b, "    %-8s %zu\n", langs[k], per[k]);
		pont_buf_adds(&b, "  status:");
		for (s = 0; s < 7; s++)
			if (status[s])
				pont_buf_addf(&b, " %s %zu", s ? pont_term_status_name((pont_term_status)s) : "none",
					      status[s]);
		pont_buf_addc(&b, '\n');
		pont_glossary_free(g);
	}
	cli_out_write(out, b.p, b.len);
	pont_buf_release(&b);
	return EXIT_OK;
}

static int
opt(cli_env *env, int key, const char *arg)
{
	(void)env;
	switch (key) {
	case O_LANG:
		o.lang = arg;
		return EXIT_OK;
	case O_STATUS:
		if ((o.status = pont_term_status_parse(arg)) < 0)
			return cli_usage("glossary", "unknown status '%s'", arg);
		return EXIT_OK;
	case O_SUBJECT:
		o.subject = arg;
		return EXIT_OK;
	case O_TO:
		if (strcmp(arg, "tbx") != 0 && strcmp(arg, "tbx2008") != 0 && strcmp(arg, "csv") != 0 && strcmp(arg, "tsv") != 0)
			return cli_usage("glossary", "--to takes tbx, tbx2008, csv or tsv, not '%s'", arg);
		o.to = arg;
		return EXIT_OK;
	}
	return cli_usage("glossary", "unknown option");
}

/*
 * The glossaries a subcommand works on: those of -g and the FILE operands alike, else the
 * default one. keep: the operands that are not glossaries (lookup's TERM).
 */
static int
glossaries(cli_env *env, int argc, char **argv, int keep)
{
	int i;

	for (i = 0; i < argc - keep; i++)
		env->gpaths[env->ngpaths++] = argv[i];
	if (env->ngpaths == 0 && (env->gpaths[env->ngpaths] = cli_default_glossary()) != NULL)
		env->ngpaths++;
	if (env->ngpaths == 0)
		return cli_msg(NULL, "error", "no glossary: give FILE or -g FILE (pont's glossary is not installed)"), EXIT_SYSTEM;
	o.files = env->gpaths;
	o.nfiles = env->ngpaths;
	o.fmt = env->format;
	return EXIT_OK;
}

/* Runs one subcommand with its output open. */
static int
with_output(cli_env *env, int (*fn)(cli_env *, int, char **, cli_out *), int argc, char **argv)
{
	cli_out out;
	int rc;

	if ((rc = cli_out_open(&out, env->output)) != EXIT_OK)
		return rc;
	rc = fn(env, argc, argv, &out);
	return cli_worse(rc, cli_out_close(&out, rc == EXIT_OK || rc == EXIT_FINDINGS));
}

static int
validate(cli_env *env, int argc, char **argv, cli_out *out)
{
	int rc = glossaries(env, argc, argv, 0);

	return rc == EXIT_OK ? do_validate(&o, env, out) : rc;
}

static int
list(cli_env *env, int argc, char **argv, cli_out *out)
{
	int rc = glossaries(env, argc, argv, 0);

	o.fmt = env->format == 1 ? FMT_TSV : env->format == 2 ? FMT_JSON : FMT_TEXT;
	return rc == EXIT_OK ? do_list(&o, out) : rc;
}

static int
lookup(cli_env *env, int argc, char **argv, cli_out *out)
{
	int rc;

	if (argc < 1)
		return cli_usage("glossary lookup", "give the TERM to look up");
	if ((rc = glossaries(env, argc, argv, 1)) != EXIT_OK)
		return rc;
	o.fmt = env->format == 1 ? FMT_JSON : FMT_TEXT;
	return do_lookup(&o, argv[argc - 1], out);
}

static int
stats(cli_env *env, int argc, char **argv, cli_out *out)
{
	int rc = glossaries(env, argc, argv, 0);

	return rc == EXIT_OK ? do_stats(&o, out) : rc;
}

static int
run_validate(cli_env *env, int argc, char **argv)
{
	return with_output(env, validate, argc, argv);
}

static int
run_list(cli_env *env, int argc, char **argv)
{
	return with_output(env, list, argc, argv);
}

static int
run_lookup(cli_env *env, int argc, char **argv)
{
	return with_output(env, lookup, argc, argv);
}

static int
run_stats(cli_env *env, int argc, char **argv)
{
	return with_output(env, stats, argc, argv);
}

/* convert IN OUT, or -g IN -o OUT */
static int
run_convert(cli_env *env, int argc, char **argv)
{
	const char *in = env->ngpaths ? env->gpaths[0] : argc ? argv[0] : NULL;
	const char *outp = env->output ? env->output : argc - (env->ngpaths ? 0 : 1) == 1 ? argv[argc - 1] : NULL;
	const char *to = o.to;
	cli_out out;
	int rc;

	if (in == NULL || outp == NULL || env->ngpaths + (size_t)argc + (env->output != NULL) != 2)
		return cli_usage("glossary convert", "give IN and OUT (or -g IN -o OUT)");
	if (to == NULL)
		to = cli_glossary_table(outp) == 0 ? "csv" : cli_glossary_table(outp) == 1 ? "tsv" :
		     cli_has_suffix(outp, ".tbx") || cli_has_suffix(outp, ".xml") ? "tbx" : NULL;
	if (to == NULL)
		return cli_usage("glossary convert", "say the output format with --to (tbx, tbx2008, csv, tsv)");
	if ((rc = cli_out_open(&out, outp)) == EXIT_OK) {
		rc = do_convert(&o, in, to, &out);
		rc = cli_worse(rc, cli_out_close(&out, rc == EXIT_OK));
	}
	return rc;
}

#define ABOUT \
	"\n\nReads glossaries: TBX v3 (ISO 30042:2019) TBX-Core, TBX-Basic and TBX-Min in DCA or DCT\n" \
	"style, TBX 2008 (<martif>) and the 2013 TBX-Min draft (the dialect comes from the root), and\n" \
	"the spreadsheet form (CSV, TSV). The glossary is FILE or -g FILE alike (repeatable); with\n" \
	"neither, $PONT_GLOSSARY, else pont's glossaries/it-careers.tbx."
static const char exits[] = "0 ok, 1 validate found errors (or lookup found nothing), 2 usage,\n"
			    "3 a glossary is not well-formed XML or not TBX, 4 I/O error.";
static const int shared_g[] = { CLI_O_GLOSSARY, CLI_O_FORMAT, CLI_O_OUTPUT, 0 };
static const cli_opt list_opts[] = {
	{ "lang", O_LANG, "LANG", "only terms of LANG (en also takes en-GB, en-US)" },
	{ "status", O_STATUS, "STATUS", "preferred, admitted, deprecated, superseded, obsolete, forbidden" },
	{ "subject", O_SUBJECT, "TEXT", "concepts whose subject field contains TEXT" },
	{ NULL, 0, NULL, NULL }
};
static const cli_opt lookup_opts[] = { { "lang", O_LANG, "LANG", "only terms of LANG (en also takes en-GB, en-US)" },
				       { NULL, 0, NULL, NULL } };
static const cli_opt convert_opts[] = { { "to", O_TO, "FORMAT", "tbx, tbx2008, csv or tsv (default: from OUT's extension)" },
					{ NULL, 0, NULL, NULL } };
static const char *const syn_files[] = { "[OPTIONS] [FILE...]", NULL };
static const char *const syn_lookup[] = { "[OPTIONS] TERM", NULL };
static const char *const syn_convert[] = { "[--to FORMAT] IN OUT", "[--to FORMAT] -g IN -o OUT", NULL };

const cli_command cmd_glossary_validate = {
	"glossary validate", "check a glossary's structure and its dialect's data categories", syn_files,
	"Checks structure and the dialect's data categories; every problem is reported as\n"
	"FILE:LINE:COL: severity: [id] message." ABOUT, shared_g, NULL, "text json sarif html", 0, exits,
	NULL, opt, run_validate
};
const cli_command cmd_glossary_list = {
	"glossary list", "the terms of a glossary, one a line", syn_files,
	"The terms, one a line: concept, language, status, type, term." ABOUT, shared_g, list_opts, "text tsv json", 0, exits,
	NULL, opt, run_list
};
const cli_command cmd_glossary_lookup = {
	"glossary lookup", "the concepts whose terms are written like TERM", syn_lookup,
	"The concepts whose terms are written like TERM (case, apostrophes, hyphens and a French\n"
	"elision such as l' or d' do not matter; inflected forms are found), with all their terms." ABOUT,
	shared_g, lookup_opts, "text json", 0, exits, NULL, opt, run_lookup
};
const cli_command cmd_glossary_stats = {
	"glossary stats", "dialect, concepts, terms per language and status", syn_files,
	"Dialect, concepts, terms per language and status." ABOUT, shared_g, NULL, NULL, 0, exits, NULL, opt, run_stats
};
const cli_command cmd_glossary_convert = {
	"glossary convert", "a glossary as TBX v3, TBX 2008, CSV or TSV", syn_convert,
	"Writes IN (TBX, or .csv/.tsv) as TBX v3 (TBX-Basic, DCA), TBX 2008, CSV or TSV: the\n"
	"format comes from OUT's extension or --to; '-' is standard output. CSV and TSV have one\n"
	"row per concept and language, synonyms separated by ' | ' (see pont(1)); any command\n"
	"reads a .csv or .tsv glossary too." ABOUT,
	shared_g, convert_opts, NULL, 0, exits, NULL, opt, run_convert
};
