/* cmd_glossary.c: pont glossary validate|list|lookup|stats: TBX glossaries at the command line. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

#ifndef PONT_DATADIR
#define PONT_DATADIR "/usr/local/share/pont"	/* for the help text */
#endif

static const char usage[] =
	"usage: pont glossary validate [--format text|json] FILE...\n"
	"       pont glossary list [--lang LANG] [--status STATUS] [--subject TEXT] [--format text|tsv|json]\n"
	"                          [-g FILE]...\n"
	"       pont glossary lookup [--lang LANG] [-g FILE]... TERM\n"
	"       pont glossary stats [-g FILE]...\n"
	"       pont glossary convert [--to tbx|tbx2008|csv|tsv] IN OUT\n"
	"\n"
	"Reads TBX glossaries: TBX v3 (ISO 30042:2019) TBX-Core, TBX-Basic and TBX-Min in DCA or DCT\n"
	"style, TBX 2008 (<martif>) and the 2013 TBX-Min draft; the dialect comes from the root.\n"
	"\n"
	"  validate   check structure and the dialect's data categories; every problem is reported\n"
	"             as FILE:LINE:COL: severity: [id] message\n"
	"  list       the terms, one a line: concept, language, status, type, term\n"
	"  lookup     the concepts whose terms are written like TERM (case, apostrophes, hyphens and\n"
	"             a French elision such as l' or d' do not matter), with all their terms\n"
	"  stats      dialect, concepts, terms per language and status\n"
	"  convert    write IN (TBX, or .csv/.tsv) as TBX v3 (TBX-Basic, DCA), TBX 2008, CSV or TSV:\n"
	"             the format comes from OUT's extension or --to; '-' is standard output.\n"
	"             CSV and TSV have one row per concept and language, synonyms separated by\n"
	"             ' | ' (see pont(1)); any command reads a .csv or .tsv glossary too\n"
	"\n"
	"  -g, --glossary FILE  the glossary (repeatable); default: $PONT_GLOSSARY, else\n"
	"                       glossaries/it-careers.tbx here or in " PONT_DATADIR "\n"
	"  -l, --lang LANG      only terms of LANG (en also takes en-GB, en-US)\n"
	"      --status STATUS  preferred, admitted, deprecated, superseded, obsolete, forbidden\n"
	"      --subject TEXT   concepts whose subject field contains TEXT\n"
	"  -f, --format FORMAT  text (default), tsv or json\n"
	"  -h, --help           show this help\n"
	"\n"
	"Exit status: 0 ok, 1 validate found errors (or lookup found nothing), 2 usage,\n"
	"3 a glossary is not well-formed XML or not TBX, 4 I/O error.\n";

enum { FMT_TEXT, FMT_TSV, FMT_JSON };

typedef struct opts {
	const char *lang, *subject;
	int status;		/* -1: any */
	int fmt;
	const char **files;
	size_t nfiles;
} opts;

static int
do_validate(const opts *o, cli_out *out)
{
	pont_buf b = PONT_BUF_INIT;
	size_t i, nerr = 0, shown = 0;
	int rc = EXIT_OK;

	if (o->fmt == FMT_JSON)
		pont_buf_adds(&b, "{\"diagnostics\":[");
	for (i = 0; i < o->nfiles; i++) {
		pont_diags d = PONT_DIAGS_INIT;
		pont_glossary *g = NULL;
		int r = cli_load_glossary(o->files[i], &g, &d);

		if (r != EXIT_OK) {
			rc = cli_worse(rc, r);
			continue;
		}
		if (o->fmt == FMT_JSON) {
			if (shown && d.n)
				pont_buf_addc(&b, ',');
			pont_diags_write_json(&d, cli_name(o->files[i]), &b);
		} else {
			pont_diags_write_text(&d, cli_name(o->files[i]), &b);
			if (pont_diags_count(&d, PONT_SEV_ERROR) == 0)
				pont_buf_addf(&b, "%s: valid %s%s: %zu concepts, %zu terms\n", cli_name(o->files[i]),
					      pont_tbx_dialect_name(pont_glossary_dialect(g)),
					      pont_glossary_dct(g) ? " (DCT)" : "", pont_glossary_nconcepts(g),
					      pont_glossary_nterms(g));
		}
		shown += d.n;
		nerr += pont_diags_count(&d, PONT_SEV_ERROR);
		pont_diags_release(&d);
		pont_glossary_free(g);
	}
	if (o->fmt == FMT_JSON)
		pont_buf_adds(&b, "\n]}\n");
	cli_out_write(out, b.p, b.len);
	pont_buf_release(&b);
	return rc != EXIT_OK ? rc : nerr ? EXIT_FINDINGS : EXIT_OK;
}

static int
keep_term(const opts *o, const pont_glossary *g, const pont_term *t)
{
	const pont_concept *c = pont_glossary_concept(g, t->concept);

	if (o->lang && !pont_lang_matches(t->lang, o->lang))
		return 0;
	if (o->status >= 0 && (int)t->status != o->status)
		return 0;
	if (o->subject && (c == NULL || c->subject == NULL || strstr(c->subject, o->subject) == NULL))
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
do_list(const opts *o, cli_out *out)
{
	pont_buf b = PONT_BUF_INIT;
	size_t i, k, n = 0;
	int rc;

	if (o->fmt == FMT_JSON)
		pont_buf_adds(&b, "{\"terms\":[");
	if (o->fmt == FMT_TSV)
		pont_buf_adds(&b, "concept\tlang\tstatus\ttype\tterm\n");
	for (i = 0; i < o->nfiles; i++) {
		pont_glossary *g;

		if ((rc = cli_load_glossary(o->files[i], &g, NULL)) != EXIT_OK) {
			pont_buf_release(&b);
			return rc;
		}
		for (k = 0; k < pont_glossary_nterms(g); k++) {
			const pont_term *t = pont_glossary_term(g, k);

			if (!keep_term(o, g, t))
				continue;
			if (o->fmt == FMT_JSON) {
				pont_buf_adds(&b, n ? ",\n" : "\n");
				term_json(&b, g, t);
			} else {
				term_line(&b, o->fmt, g, t);
			}
			n++;
		}
		pont_glossary_free(g);
	}
	if (o->fmt == FMT_JSON)
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
do_lookup(const opts *o, const char *word, cli_out *out)
{
	pont_buf b = PONT_BUF_INIT;
	size_t i, k, j, n = 0;
	int rc;

	if (o->fmt == FMT_JSON)
		pont_buf_adds(&b, "{\"concepts\":[");
	for (i = 0; i < o->nfiles; i++) {
		pont_glossary *g;
		pont_spans hits = PONT_SPANS_INIT;
		size_t last = (size_t)-1;

		if ((rc = cli_load_glossary(o->files[i], &g, NULL)) != EXIT_OK) {
			pont_buf_release(&b);
			return rc;
		}
		pont_glossary_lookup(g, word, strlen(word), o->lang, &hits);
		if (hits.n == 0)
			inflected_lookup(g, word, o->lang, &hits);
		for (k = 0; k < hits.n; k++) {
			const pont_term *hit = pont_glossary_term(g, hits.v[k].start);
			const pont_concept *c = pont_glossary_concept(g, hit->concept);

			if (hit->concept == last || c == NULL)
				continue;	/* one entry a concept */
			last = hit->concept;
			if (o->fmt == FMT_JSON) {
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
	if (o->fmt == FMT_JSON)
		pont_buf_adds(&b, "\n]}\n");
	cli_out_write(out, b.p, b.len);
	pont_buf_release(&b);
	if (n == 0)
		fprintf(stderr, "pont: glossary: no term written like '%s'\n", word);
	return n ? EXIT_OK : EXIT_FINDINGS;
}

static int
do_convert(const opts *o, const char *in, const char *to, cli_out *out)
{
	pont_glossary *g;
	pont_buf b = PONT_BUF_INIT;
	pont_gloss_format f;
	int rc;

	(void)o;
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
do_stats(const opts *o, cli_out *out)
{
	pont_buf b = PONT_BUF_INIT;
	size_t i, k, s;
	int rc;

	for (i = 0; i < o->nfiles; i++) {
		pont_glossary *g;
		const char *langs[64];
		size_t nl = 0, per[64] = { 0 }, status[8] = { 0 }, nodef = 0;

		if ((rc = cli_load_glossary(o->files[i], &g, NULL)) != EXIT_OK) {
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
			      cli_name(o->files[i]), pont_tbx_dialect_name(pont_glossary_dialect(g)),
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

int
cmd_glossary(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "glossary", required_argument, NULL, 'g' },
		{ "lang", required_argument, NULL, 'l' },
		{ "status", required_argument, NULL, 'S' },
		{ "subject", required_argument, NULL, 'J' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "to", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	opts o = { NULL, NULL, -1, FMT_TEXT, NULL, 0 };
	const char *sub, *output = NULL, *dflt[1], *to = NULL;
	const char **given;
	size_t ngiven = 0;
	cli_out out;
	int c, rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	sub = argv[1];
	given = calloc((size_t)argc, sizeof *given);
	if (given == NULL)
		abort();
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "g:l:f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'g':
			given[ngiven++] = optarg;
			break;
		case 'l':
			o.lang = optarg;
			break;
		case 'S':
			if ((o.status = pont_term_status_parse(optarg)) < 0) {
				free(given);
				return cli_usage("glossary", "unknown status '%s'", optarg);
			}
			break;
		case 'J':
			o.subject = optarg;
			break;
		case 'f':
			o.fmt = strcmp(optarg, "json") == 0 ? FMT_JSON : strcmp(optarg, "tsv") == 0 ? FMT_TSV :
				strcmp(optarg, "text") == 0 ? FMT_TEXT : -1;
			if (o.fmt < 0) {
				free(given);
				return cli_usage("glossary", "unknown format '%s' (text, tsv or json)", optarg);
			}
			break;
		case 'o':
			output = optarg;
			break;
		case 'T':
			to = optarg;
			if (strcmp(to, "tbx") != 0 && strcmp(to, "tbx2008") != 0 && strcmp(to, "csv") != 0 &&
			    strcmp(to, "tsv") != 0) {
				free(given);
				return cli_usage("glossary", "--to takes tbx, tbx2008, csv or tsv, not '%s'", to);
			}
			break;
		case 'h':
			free(given);
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			free(given);
			return cli_usage("glossary", "unknown option");
		}
	}
	argc -= 1 + optind;
	argv += 1 + optind;
	if (strcmp(sub, "convert") == 0) {
		if (argc != 2) {
			free(given);
			return cli_usage("glossary", "convert takes IN and OUT");
		}
		if (to == NULL)
			to = cli_glossary_table(argv[1]) == 0 ? "csv" : cli_glossary_table(argv[1]) == 1 ? "tsv" :
			     cli_has_suffix(argv[1], ".tbx") || cli_has_suffix(argv[1], ".xml") ? "tbx" : NULL;
		if (to == NULL) {
			free(given);
			return cli_usage("glossary", "say the output format with --to (tbx, tbx2008, csv, tsv)");
		}
		if ((rc = cli_out_open(&out, argv[1])) == EXIT_OK) {
			rc = do_convert(&o, argv[0], to, &out);
			rc = cli_worse(rc, cli_out_close(&out, rc == EXIT_OK));
		}
		free(given);
		return rc;
	}
	if (strcmp(sub, "validate") == 0) {
		/* files to validate are the arguments, or the --glossary ones */
		for (c = 0; c < argc; c++)
			given[ngiven++] = argv[c];
		argc = 0;
	}
	dflt[0] = cli_default_glossary();
	o.files = ngiven ? given : dflt;
	o.nfiles = ngiven ? ngiven : 1;
	if ((strcmp(sub, "lookup") == 0) != (argc == 1) || (strcmp(sub, "lookup") != 0 && argc != 0)) {
		free(given);
		return cli_usage("glossary", strcmp(sub, "lookup") == 0 ? "lookup takes one TERM" : "unexpected argument '%s'",
				 argc ? argv[0] : "");
	}
	if (strcmp(sub, "validate") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "lookup") != 0 &&
	    strcmp(sub, "stats") != 0) {	/* convert was handled above */
		free(given);
		return cli_usage("glossary", "unknown subcommand '%s' (validate, list, lookup or stats)", sub);
	}
	if ((rc = cli_out_open(&out, output)) != EXIT_OK) {
		free(given);
		return rc;
	}
	if (strcmp(sub, "validate") == 0)
		rc = do_validate(&o, &out);
	else if (strcmp(sub, "list") == 0)
		rc = do_list(&o, &out);
	else if (strcmp(sub, "lookup") == 0)
		rc = do_lookup(&o, argv[0], &out);
	else
		rc = do_stats(&o, &out);
	rc = cli_worse(rc, cli_out_close(&out, rc == EXIT_OK || rc == EXIT_FINDINGS));
	free(given);
	return rc;
}
