/* cmd_terms.c: pont terms: every glossary term in an article, with the English to use; or the
 * words the glossary may be missing (--candidates). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { FMT_TEXT, FMT_JSON, FMT_TSV };
enum { O_CANDIDATES = CLI_O_OWN, O_TBX };

static struct {
	int candidates;
	const char *tbx;
} o;

typedef struct count {
	size_t glossary, concept, n;
} count;

/* The occurrences of each concept, in the order concepts first occur. */
typedef struct counts {
	count *v;
	size_t n;
	size_t **slot;		/* slot[g][concept]: 1 + index in v, so counting stays linear */
	size_t ng;
} counts;

static void
count_match(counts *c, const pont_glossary *const *gs, const pont_match *m)
{
	size_t concept = pont_glossary_term(gs[m->glossary], m->term)->concept, k;

	if ((k = c->slot[m->glossary][concept]) == 0) {
		if ((c->v = realloc(c->v, (c->n + 1) * sizeof *c->v)) == NULL)
			cli_oom();
		c->v[c->n].glossary = m->glossary;
		c->v[c->n].concept = concept;
		c->v[c->n++].n = 0;
		k = c->slot[m->glossary][concept] = c->n;
	}
	c->v[k - 1].n++;
}

static const char *
concept_id(const pont_glossary *g, size_t concept)
{
	const pont_concept *c = pont_glossary_concept(g, concept);

	return c->id ? c->id : "-";
}

/* The concept id of alternative k of match m. */
static const char *
alt_id(const pont_glossary *const *gs, const pont_matches *ms, const pont_match *m, size_t k)
{
	const pont_glossary *ag = gs[ms->alts[2 * (m->alt0 + k)]];

	return concept_id(ag, pont_glossary_term(ag, ms->alts[2 * (m->alt0 + k) + 1])->concept);
}

static void
json_match(pont_buf *b, const pont_glossary *const *gs, const pont_matches *ms, const pont_match *m, const char *text,
	   unsigned long line, unsigned long col, const char *lang)
{
	const pont_glossary *g = gs[m->glossary];
	const pont_term *tm = pont_glossary_term(g, m->term);
	const char *id = concept_id(g, tm->concept);
	size_t en[32], nen = pont_glossary_english(g, tm->concept, lang, en, 32), k;

	pont_buf_addf(b, "{\"line\":%lu,\"col\":%lu,\"start\":%zu,\"end\":%zu,\"text\":", line, col, m->span.start,
		      m->span.end);
	pont_buf_add_json(b, text + m->span.start, m->span.end - m->span.start);
	pont_buf_adds(b, ",\"concept\":");
	pont_buf_add_json(b, id, strlen(id));
	if (pont_glossary_concept(g, tm->concept)->enforcement) {
		const char *e = pont_glossary_concept(g, tm->concept)->enforcement;

		pont_buf_adds(b, ",\"enforcement\":");
		pont_buf_add_json(b, e, strlen(e));
	}
	pont_buf_adds(b, ",\"term\":");
	pont_buf_add_json(b, tm->text, strlen(tm->text));
	pont_buf_addf(b, ",\"status\":\"%s\",\"english\":[", pont_term_status_name(tm->status));
	for (k = 0; k < nen; k++) {
		const pont_term *e = pont_glossary_term(g, en[k]);

		pont_buf_adds(b, k ? ",{\"term\":" : "{\"term\":");
		pont_buf_add_json(b, e->text, strlen(e->text));
		pont_buf_addf(b, ",\"lang\":\"%s\",\"status\":\"%s\"}", e->lang, pont_term_status_name(e->status));
	}
	pont_buf_adds(b, "],\"alternatives\":[");
	for (k = 0; k < m->nalt; k++) {
		if (k)
			pont_buf_addc(b, ',');
		pont_buf_add_json(b, alt_id(gs, ms, m, k), strlen(alt_id(gs, ms, m, k)));
	}
	pont_buf_adds(b, "]}");
}

static void
text_match(pont_buf *b, int fmt, const char *name, const pont_glossary *const *gs, const pont_matches *ms,
	   const pont_match *m, const char *text, unsigned long line, unsigned long col, const char *lang)
{
	const pont_glossary *g = gs[m->glossary];
	const pont_term *tm = pont_glossary_term(g, m->term);
	const char *id = concept_id(g, tm->concept);
	size_t en[32], nen = pont_glossary_english(g, tm->concept, lang, en, 32), k;
	int shown = 0;

	if (fmt == FMT_TSV) {
		pont_buf_addf(b, "%s\t%lu\t%lu\t%zu\t%zu\t%.*s\t%s\t%s\t%s\t", name, line, col, m->span.start, m->span.end,
			      (int)(m->span.end - m->span.start), text + m->span.start, id, tm->text,
			      pont_term_status_name(tm->status));
		for (k = 0; k < nen; k++) {
			const pont_term *e = pont_glossary_term(g, en[k]);

			if (e->status == PONT_STATUS_PREFERRED || k == 0)
				pont_buf_addf(b, "%s%s", k ? "; " : "", e->text);
		}
		pont_buf_addc(b, '\n');
		return;
	}
	pont_buf_addf(b, "%s:%lu:%lu: %.*s → %s", name, line, col, (int)(m->span.end - m->span.start),
		      text + m->span.start, id);
	if (pont_glossary_concept(g, tm->concept)->level)
		pont_buf_addf(b, " (%s)", pont_enforcement_name(pont_glossary_concept(g, tm->concept)->level));
	pont_buf_addc(b, ':');
	for (k = 0; k < nen; k++) {		/* what to use, then what not to use */
		const pont_term *e = pont_glossary_term(g, en[k]);

		if (pont_term_status_rank(e->status) >= 3)
			continue;
		pont_buf_addf(b, "%s %s", shown++ ? "," : "", e->text);
		if (e->status != PONT_STATUS_PREFERRED)
			pont_buf_addf(b, " (%s)", e->status ? pont_term_status_name(e->status) : "no status");
	}
	for (k = 0, shown = 0; k < nen; k++)
		if (pont_term_status_rank(pont_glossary_term(g, en[k])->status) >= 3)
			pont_buf_addf(b, "%s%s", shown++ ? ", " : "; not: ", pont_glossary_term(g, en[k])->text);
	for (k = 0; k < m->nalt; k++)
		pont_buf_addf(b, "%s%s%s", k ? ", " : " [or: ", alt_id(gs, ms, m, k), k + 1 == m->nalt ? "]" : "");
	pont_buf_addc(b, '\n');
}

static void
emit(pont_buf *b, int fmt, const char *name, const pont_text *t, const cli_env *env, const pont_matches *ms, int first)
{
	const pont_glossary *const *gs = (const pont_glossary *const *)env->gs;
	counts c = { NULL, 0, NULL, env->ng };
	pont_lines li;
	size_t i, k;

	if ((c.slot = calloc(env->ng + 1, sizeof *c.slot)) == NULL)
		cli_oom();
	for (k = 0; k < env->ng; k++)
		if ((c.slot[k] = calloc(pont_glossary_nconcepts(gs[k]) + 1, sizeof *c.slot[k])) == NULL)
			cli_oom();
	pont_lines_init(&li, t->data, t->len, t->bom);
	if (fmt == FMT_JSON) {
		pont_buf_adds(b, first ? "\n{\"file\":" : ",\n{\"file\":");
		pont_buf_add_json(b, name, strlen(name));
		pont_buf_adds(b, ",\"occurrences\":[");
	} else if (fmt == FMT_TSV && first) {
		pont_buf_adds(b, "file\tline\tcol\tstart\tend\ttext\tconcept\tterm\tstatus\tenglish\n");
	}
	for (i = 0; i < ms->n; i++) {
		unsigned long line, col;

		count_match(&c, gs, &ms->v[i]);
		pont_lines_pos(&li, ms->v[i].span.start, &line, &col);
		if (fmt == FMT_JSON) {
			pont_buf_adds(b, i ? ",\n " : "\n ");
			json_match(b, gs, ms, &ms->v[i], t->data, line, col, env->target_lang);
		} else {
			text_match(b, fmt, name, gs, ms, &ms->v[i], t->data, line, col, env->target_lang);
		}
	}
	if (fmt == FMT_JSON) {
		pont_buf_adds(b, "],\"concepts\":[");
		for (k = 0; k < c.n; k++) {
			const char *id = concept_id(gs[c.v[k].glossary], c.v[k].concept);

			pont_buf_adds(b, k ? ",{\"concept\":" : "{\"concept\":");
			pont_buf_add_json(b, id, strlen(id));
			pont_buf_addf(b, ",\"count\":%zu}", c.v[k].n);
		}
		pont_buf_adds(b, "]}");
	} else if (fmt == FMT_TEXT) {
		pont_buf_addf(b, "%s: %zu occurrences of %zu concepts:", name, ms->n, c.n);
		for (k = 0; k < c.n; k++)
			pont_buf_addf(b, "%s %s ×%zu", k ? "," : "", concept_id(gs[c.v[k].glossary], c.v[k].concept), c.v[k].n);
		pont_buf_addc(b, '\n');
	}
	free(c.v);
	for (k = 0; k < env->ng; k++)
		free(c.slot[k]);
	free(c.slot);
	pont_lines_release(&li);
}

/* --- candidates --- */

typedef struct cands {
	pont_candidates c;
	char **contexts;	/* the sentence of each one's first occurrence */
	pont_dict *en;
	pont_segmenter *sg;
} cands;

static void
find_candidates(cands *cs, const pont_doc *doc, const pont_matches *ms, pont_dict *fr, const char *text)
{
	size_t k, q, from = cs->c.n;
	pont_segs segs = PONT_SEGS_INIT;

	pont_find_candidates(doc, ms, fr, cs->en, &cs->c);
	if ((cs->contexts = realloc(cs->contexts, (cs->c.n + 1) * sizeof *cs->contexts)) == NULL)
		cli_oom();
	pont_segment_doc(cs->sg, doc, &segs, NULL);
	for (k = from; k < cs->c.n; k++) {
		cs->contexts[k] = NULL;
		for (q = 0; q < segs.n && cs->contexts[k] == NULL; q++)
			if (segs.v[q].span.start <= cs->c.v[k].first.start && cs->c.v[k].first.end <= segs.v[q].span.end)
				cs->contexts[k] = strndup(text + segs.v[q].span.start, segs.v[q].span.end - segs.v[q].span.start);
	}
	pont_segs_release(&segs);
}

/* Most frequent first over all the files (a stable insertion sort, contexts alongside), then
 * the list, and the draft TBX (--tbx). */
static int
write_candidates(cands *cs, int fmt, pont_buf *out)
{
	size_t a, b, k;
	int rc = EXIT_OK;

	for (a = 1; a < cs->c.n; a++)
		for (b = a; b > 0 && cs->c.v[b].count > cs->c.v[b - 1].count; b--) {
			pont_candidate tc = cs->c.v[b];
			char *tx = cs->contexts[b];

			cs->c.v[b] = cs->c.v[b - 1];
			cs->c.v[b - 1] = tc;
			cs->contexts[b] = cs->contexts[b - 1];
			cs->contexts[b - 1] = tx;
		}
	if (o.tbx) {
		pont_buf x = PONT_BUF_INIT;

		pont_candidates_write_tbx(&cs->c, (const char *const *)cs->contexts, &x);
		rc = cli_write(o.tbx, &x);
		pont_buf_release(&x);
	}
	for (k = 0; k < cs->c.n; k++) {
		const char *ctx = cs->contexts && cs->contexts[k] ? cs->contexts[k] : "";

		if (fmt == FMT_TSV)
			pont_buf_addf(out, "%s%zu\t%s\t%s\t%s\n", k ? "" : "count\tkind\tcandidate\tcontext\n", cs->c.v[k].count,
				      pont_cand_kind_name(cs->c.v[k].kind), cs->c.v[k].text, ctx);
		else
			pont_buf_addf(out, "%4zu  %-9s  %-20s  %s\n", cs->c.v[k].count, pont_cand_kind_name(cs->c.v[k].kind),
				      cs->c.v[k].text, ctx);
	}
	return rc;
}

static void
cands_release(cands *cs)
{
	size_t k;

	for (k = 0; cs->contexts && k < cs->c.n; k++)
		free(cs->contexts[k]);
	free(cs->contexts);
	pont_candidates_release(&cs->c);
	pont_segmenter_free(cs->sg);
	CLI_EXIT_FREE_DICT(cs->en);
}

/* --- the command --- */

static int
opt(cli_env *env, int key, const char *arg)
{
	(void)env;
	if (key == O_TBX)
		o.tbx = arg;
	o.candidates = 1;
	return EXIT_OK;
}

/* One file: its terms (or candidates) into out. */
static int
one(cli_env *env, pont_matcher *m, cands *cs, const char *path, pont_buf *out, int first)
{
	pont_text t = PONT_TEXT_INIT;
	pont_matches ms = PONT_MATCHES_INIT;
	pont_doc_options dopt = cli_doc_options(env, path);
	pont_doc *doc;
	pont_error err;
	int rc;

	if ((rc = cli_read(path, env->text_flags, &t)) != EXIT_OK)
		return rc;
	if ((doc = pont_doc_parse(t.data, t.len, &dopt, &err)) == NULL) {
		err.file = cli_name(path);
		cli_report(&err);
		rc = cli_exit_code(err.code);
	} else {
		pont_match_doc(m, doc, &ms);
		if (o.candidates)
			find_candidates(cs, doc, &ms, env->text_dict, t.data);
		else
			emit(out, env->format, cli_name(path), &t, env, &ms, first);
	}
	pont_matches_release(&ms);
	pont_doc_free(doc);
	pont_text_release(&t);
	return rc;
}

static int
run(cli_env *env, int argc, char **argv)
{
	pont_matcher *m = NULL;
	pont_error err;
	pont_buf out = PONT_BUF_INIT;
	cands cs;
	char *stdin_only[] = { (char *)"-" };
	char **files = argc ? argv : stdin_only;
	int rc, i;

	memset(&cs, 0, sizeof cs);
	rc = cli_env_ready(env);
	if (rc == EXIT_OK &&
	    (m = pont_matcher_new((const pont_glossary *const *)env->gs, env->ng, env->lang, env->text_dict, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (rc == EXIT_OK && o.candidates && ((cs.en = pont_dict_open("en", env->dict_dir, &err)) == NULL ||
					      (cs.sg = pont_segmenter_new(env->lang, &err)) == NULL)) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (env->format == FMT_JSON && !o.candidates)
		pont_buf_adds(&out, "{\"files\":[");
	for (i = 0; rc == EXIT_OK && i < (argc ? argc : 1); i++)
		rc = one(env, m, &cs, files[i], &out, i == 0);
	if (rc == EXIT_OK && o.candidates)
		rc = write_candidates(&cs, env->format, &out);
	else if (env->format == FMT_JSON)
		pont_buf_adds(&out, "\n]}\n");
	if (rc == EXIT_OK)
		rc = cli_write(env->output, &out);
	pont_buf_release(&out);
	cands_release(&cs);
	pont_matcher_free(m);
	return rc;
}

static const char *const synopsis[] = { "[OPTIONS] [FILE...]", "--candidates [--tbx FILE] [OPTIONS] [FILE...]", NULL };
static const int shared_opts[] = { CLI_O_GLOSSARY, CLI_O_TARGET_LANG, CLI_O_LANG, CLI_O_FORMAT, CLI_O_DICT, CLI_O_INPUT,
				   CLI_O_PARAGRAPHS, CLI_O_FIELDS, CLI_O_REPLACE_INVALID, CLI_O_OUTPUT, 0 };
static const cli_opt opts[] = {
	{ "candidates", O_CANDIDATES, NULL, "instead: list words the glossary may be missing, most frequent\n"
					    "first, with a sentence each: acronyms (CDI, R&D), CamelCase\n"
					    "(DevOps) and anglicisms (French Hunspell rejects, English accepts)" },
	{ "tbx", O_TBX, "FILE", "with --candidates: also write them as a draft TBX" },
	{ NULL, 0, NULL, NULL }
};

const cli_command cmd_terms = {
	"terms", "glossary terms in an article, with the English to use", synopsis,
	"Finds every glossary term of the French article (inflected, elided, capitalised at a\n"
	"sentence start, hyphenated or joined: « les SRE », « l’infra », « bases de données »,\n"
	"« datacenter ») and gives the English to use: preferred terms first, then admitted ones;\n"
	"deprecated renderings are flagged. Ends with a count per concept.",
	shared_opts, opts, "text json tsv", CLI_GLOSSARY | CLI_DICT_LANG,
	"0 ok, 2 usage, 3 bad input (invalid UTF-8, malformed glossary),\n"
	"4 I/O error (missing file or dictionary).",
	NULL, opt, run
};
