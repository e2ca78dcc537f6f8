/* cmd_translate.c: pont translate: a machine draft of an article for post-editing, glossary
 * terms enforced, translation memory first. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

/* The default engine: Apertium, French to Spanish to English, all local (Debian packages). */
#define APERTIUM_CMD "apertium fr-es | apertium spa-eng"
#define APERTIUM_NAME "Apertium fr-es + spa-eng (pivot through Spanish)"

enum { O_ENGINE = CLI_O_OWN, O_ENGINE_CMD, O_BATCH, O_TIMEOUT, O_MAX_ENGINE_OUTPUT };

static struct {
	const char *cmd;
	int apertium;
	size_t batch;
	cli_engine_limits lim;
} o = { APERTIUM_CMD, 1, (size_t)-1, { 600, 16, 0 } };

typedef struct unknown_word {
	char *w;
	size_t n;
} unknown_word;

static int
by_count(const void *a, const void *b)
{
	const unknown_word *x = a, *y = b;

	return x->n != y->n ? (x->n < y->n ? 1 : -1) : strcmp(x->w, y->w);
}

/* Lists the engine's unknown words (NUL-separated in b), most frequent first, on stderr. */
static void
report_unknown(const pont_buf *b)
{
	unknown_word *v = NULL;
	size_t nv = 0, i, k, shown;
	const char *s = b->p;
	pont_buf line = PONT_BUF_INIT;

	for (i = 0; b->p && i < b->len; i += strlen(s + i) + 1) {
		for (k = 0; k < nv && strcmp(v[k].w, s + i) != 0; k++)
			;
		if (k == nv) {
			v = realloc(v, (nv + 1) * sizeof *v);
			if (v == NULL)
				cli_oom();
			v[nv].w = (char *)(s + i);
			v[nv++].n = 0;
		}
		v[k].n++;
	}
	if (nv == 0)
		return;
	qsort(v, nv, sizeof *v, by_count);
	for (k = 0, shown = 0; k < nv && shown < 30; k++, shown++)
		pont_buf_addf(&line, "%s%s (%zu)", k ? ", " : "", v[k].w, v[k].n);
	cli_msg(NULL, "note", "%zu words unknown to the engine (glossary candidates?): %s%s", nv, line.p,
		nv > 30 ? ", ..." : "");
	pont_buf_release(&line);
	free(v);
}

static int
opt(cli_env *env, int key, const char *arg)
{
	char *end;
	long v;

	(void)env;
	switch (key) {
	case O_ENGINE:
		return strcmp(arg, "apertium") == 0 ? EXIT_OK :
		       cli_usage("translate", "unknown engine '%s' (apertium, or --engine-cmd CMD)", arg);
	case O_ENGINE_CMD:
		o.cmd = arg;
		o.apertium = 0;
		return EXIT_OK;
	case O_BATCH:
		if (cli_number("translate", "--batch", arg, 1, 1000000, &v) != EXIT_OK)
			return EXIT_USAGE;
		o.batch = (size_t)v;
		return EXIT_OK;
	case O_TIMEOUT:
		o.lim.timeout = strtod(arg, &end);
		if (*arg == '\0' || *end || !(o.lim.timeout > 0 && o.lim.timeout < 1e6))
			return cli_usage("translate", "--timeout takes seconds, not '%s'", arg);
		return EXIT_OK;
	case O_MAX_ENGINE_OUTPUT:
		return cli_size("translate", "--max-engine-output", arg, 1, &o.lim.max_total);
	}
	return cli_usage("translate", "unknown option");
}

/* A translation in progress: the article, its segments, what each becomes. */
typedef struct job {
	pont_text t;
	pont_doc *doc;
	pont_segs segs;
	pont_matches ms;
	pont_matcher *m;
	char **drafts, **notes;		/* per segment: the engine's English, what to look at */
	char **edition;			/* per segment: the English of the edition (memory or draft) */
	size_t *todo, ntodo;		/* the segments for the engine */
	size_t ntm, nmt, nmarked, nlost, nrefused;
	pont_buf unknown;		/* the engine's unknown words */
} job;

/* Exact memory hits first; the rest is made ready for the engine. */
static void
plan(const cli_env *env, job *j, pont_mt_seg *mseg)
{
	size_t i;

	for (i = 0; i < j->segs.n; i++) {
		pont_xliff_tm_hit hit;
		const pont_span *sp = &j->segs.v[i].span;

		if (env->tms.n && cli_tms_lookup((void *)&env->tms, j->t.data + sp->start, sp->end - sp->start, &hit)) {
			j->edition[i] = hit.target;
			hit.target = NULL;
			pont_xliff_tm_hit_release(&hit);
			j->ntm++;
			continue;
		}
		pont_mt_protect(j->doc, &j->segs.v[i], j->m ? &j->ms : NULL, (const pont_glossary *const *)env->gs, env->ng,
				env->target_lang, &mseg[i]);
		j->todo[j->ntodo++] = i;
	}
}

/* The drafts' term checks, for the whole article at once: a note per segment where a term did
 * not land. */
static void
check_drafts(const cli_env *env, job *j)
{
	const char **src = calloc(j->ntodo + 1, sizeof *src), **tgt = calloc(j->ntodo + 1, sizeof *tgt);
	size_t *sn = calloc(j->ntodo + 1, sizeof *sn), *tn = calloc(j->ntodo + 1, sizeof *tn), k;
	pont_report rep = PONT_REPORT_INIT;
	pont_checker *ck;
	pont_bitext *bt;
	pont_buf *note = calloc(j->ntodo + 1, sizeof *note);

	if (src == NULL || tgt == NULL || sn == NULL || tn == NULL || note == NULL)
		cli_oom();
	for (k = 0; k < j->ntodo; k++) {
		const pont_span *sp = &j->segs.v[j->todo[k]].span;

		src[k] = j->t.data + sp->start;
		sn[k] = j->drafts[j->todo[k]] ? sp->end - sp->start : 0;	/* a refused draft: nothing to check */
		tgt[k] = j->drafts[j->todo[k]] ? j->drafts[j->todo[k]] : "";
		tn[k] = strlen(tgt[k]);
	}
	if ((ck = pont_checker_new((const pont_glossary *const *)env->gs, env->ng, env->fr, env->en, env->target_lang,
				   NULL)) != NULL &&
	    (bt = pont_bitext_from_texts("draft", src, sn, tgt, tn, j->ntodo, PONT_FORMAT_TEXT, NULL, NULL)) != NULL) {
		int id;

		for (id = 0; id < PONT_ID_N; id++)	/* the term checks only */
			if (id != PONT_ID_TERM_MISSING && id != PONT_ID_TERM_FORBIDDEN)
				pont_checker_set_severity(ck, (pont_id)id, 0);
		pont_check_bitext(ck, bt, &rep);
		for (k = 0; k < rep.f.n; k++)
			pont_buf_addf(&note[rep.f.v[k].row], "%s[%s] %s", note[rep.f.v[k].row].len ? "; " : "", rep.f.v[k].id,
				      rep.f.v[k].msg);
		pont_bitext_free(bt);
	}
	for (k = 0; k < j->ntodo; k++) {	/* the term findings first, then what draft() noted */
		char **n = &j->notes[j->todo[k]];

		if (*n)
			pont_buf_addf(&note[k], "%s%s", note[k].len ? "; " : "", *n);
		free(*n);
		*n = note[k].p;
	}
	pont_report_release(&rep);
	pont_checker_free(ck);
	free(note);
	free(src);
	free(tgt);
	free(sn);
	free(tn);
}

/* The engine, batch by batch; each output line is a draft with its placeholders put back. */
static int
draft(job *j, pont_mt_seg *mseg)
{
	const char **lines = calloc(j->ntodo + 1, sizeof *lines);
	pont_buf eng = PONT_BUF_INIT;
	size_t b0, k;
	int rc = EXIT_OK;

	if (lines == NULL)
		cli_oom();
	for (k = 0; k < j->ntodo; k++)
		lines[k] = mseg[j->todo[k]].line;
	for (b0 = 0; rc == EXIT_OK && b0 < j->ntodo;) {
		size_t nb = j->ntodo - b0 < o.batch ? j->ntodo - b0 : o.batch;
		char **res = NULL, **why = NULL;

		if ((rc = cli_engine_run(o.cmd, lines + b0, nb, &o.lim, &res, &why)) != EXIT_OK)
			break;
		for (k = 0; k < nb; k++) {
			size_t s = j->todo[b0 + k], lost;

			if (why[k]) {	/* no draft for it: the segment is left to translate, with the reason */
				pont_buf n = PONT_BUF_INIT;

				pont_buf_addf(&n, "no machine draft: the engine returned %s", why[k]);
				cli_msg(NULL, "warning", "segment %zu: %s", s + 1, n.p);
				j->notes[s] = n.p;
				j->nrefused++;
				free(why[k]);
				continue;
			}
			lost = pont_mt_restore(&mseg[s], res[k], strlen(res[k]), o.apertium, &eng, &j->unknown);
			if ((j->drafts[s] = strdup(eng.p ? eng.p : "")) == NULL)
				cli_oom();
			free(res[k]);
			j->nmt++;
			j->nlost += lost != 0;
			if (lost) {
				pont_buf n = PONT_BUF_INIT;

				pont_buf_addf(&n, "the engine dropped or repeated %zu protected span%s", lost, lost > 1 ? "s" : "");
				j->notes[s] = n.p;
			}
		}
		free(res);
		free(why);
		b0 += nb;
	}
	pont_buf_release(&eng);
	free(lines);
	return rc;
}

/* Writes the work file, or the edition (-o x.md, x.txt: as pont merge would rebuild it). */
static int
write_result(const cli_env *env, job *j, const char *article)
{
	pont_buf out = PONT_BUF_INIT, ed = PONT_BUF_INIT;
	const char *o_ = env->output;
	pont_xliff_prep p;
	pont_error err;
	size_t i;
	int rc = EXIT_OK;

	if (o_ && (cli_has_suffix(o_, ".md") || cli_has_suffix(o_, ".txt") || cli_has_suffix(o_, ".markdown"))) {
		for (i = 0; i < j->segs.n; i++)
			if (j->edition[i] == NULL && j->drafts[i] && j->drafts[i][0])
				j->edition[i] = strdup(j->drafts[i]);
		pont_doc_replace_sentences(j->doc, &j->segs, (const char *const *)j->edition, &ed);
		rc = cli_english_typography(ed.p, ed.len, cli_doc_options(env, article).format, &out);
	} else {
		cli_prep_init(&p, env, article, cli_doc_options(env, article).format, j->m ? &j->ms : NULL);
		p.drafts = (const char *const *)j->drafts;
		p.draft_notes = (const char *const *)j->notes;
		p.engine = o.apertium ? APERTIUM_NAME : o.cmd;
		if (pont_xliff_prepare(j->doc, &j->segs, &p, &out, &err) != PONT_OK) {
			cli_report(&err);
			rc = cli_exit_code(err.code);
		}
	}
	for (i = 0; i < j->segs.n; i++)
		j->nmarked += j->notes[i] != NULL;
	if (rc == EXIT_OK)
		rc = cli_write(o_, &out);
	pont_buf_release(&out);
	pont_buf_release(&ed);
	return rc;
}

static void
job_release(job *j)
{
	size_t i;

	for (i = 0; j->drafts && i < j->segs.n; i++) {
		free(j->drafts[i]);
		free(j->notes[i]);
		free(j->edition[i]);
	}
	free(j->drafts);
	free(j->notes);
	free(j->edition);
	free(j->todo);
	pont_buf_release(&j->unknown);
	pont_matches_release(&j->ms);
	pont_segs_release(&j->segs);
	pont_doc_free(j->doc);
	pont_text_release(&j->t);
	pont_matcher_free(j->m);
}

static int
run(cli_env *env, int argc, char **argv)
{
	job j;
	pont_mt_seg *mseg = NULL;
	pont_error err;
	size_t i;
	int rc;

	memset(&j, 0, sizeof j);
	if (strcmp(env->lang, "fr") != 0)
		return cli_usage("translate", "the article is French: --lang fr");
	if (argc != 1)
		return cli_usage("translate", "give one ARTICLE");
	if (o.apertium && system("command -v apertium >/dev/null 2>&1") != 0)
		return cli_msg(NULL, "error", "the apertium engine is not installed (Debian packages apertium "
			       "apertium-fr-es apertium-eng-spa), or give --engine-cmd CMD"), EXIT_SYSTEM;
	env->tms.min_score = 100;	/* exact matches only */
	if ((rc = cli_env_ready(env)) == EXIT_OK && env->ng &&
	    (j.m = pont_matcher_new((const pont_glossary *const *)env->gs, env->ng, "fr", env->fr, &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (rc == EXIT_OK && (rc = cli_load_article(env, argv[0], "fr", &j.t, &j.doc, &j.segs)) == EXIT_OK) {
		j.drafts = calloc(j.segs.n + 1, sizeof *j.drafts);
		j.notes = calloc(j.segs.n + 1, sizeof *j.notes);
		j.edition = calloc(j.segs.n + 1, sizeof *j.edition);
		j.todo = calloc(j.segs.n + 1, sizeof *j.todo);
		mseg = calloc(j.segs.n + 1, sizeof *mseg);
		if (j.drafts == NULL || j.notes == NULL || j.edition == NULL || j.todo == NULL || mseg == NULL)
			cli_oom();
		if (j.m)
			pont_match_doc(j.m, j.doc, &j.ms);
		plan(env, &j, mseg);
		if ((rc = draft(&j, mseg)) == EXIT_OK && env->ng && j.ntodo)
			check_drafts(env, &j);
		for (i = 0; i < j.segs.n; i++)
			pont_mt_seg_release(&mseg[i]);
		free(mseg);
	}
	if (rc == EXIT_OK && (rc = write_result(env, &j, argv[0])) == EXIT_OK) {
		cli_msg(NULL, "note", "%zu sentences: %zu from the translation memory, %zu machine drafts (%s)%s; %zu marked "
			"for review (a glossary term that did not land%s%s)", j.segs.n, j.ntm, j.nmt,
			o.apertium ? APERTIUM_NAME : o.cmd, j.nrefused ? ", some engine lines refused" : "", j.nmarked,
			j.nlost ? ", a protected span lost" : "", j.nrefused ? ", no draft" : "");
		if (o.apertium)
			report_unknown(&j.unknown);
	}
	job_release(&j);
	return rc;
}

static const char *const synopsis[] = { "[OPTIONS] ARTICLE", NULL };
static const int shared_opts[] = { CLI_O_GLOSSARY, CLI_O_NO_GLOSSARY, CLI_O_TM, CLI_O_TARGET_LANG, CLI_O_LANG,
				   CLI_O_DICT, CLI_O_INPUT, CLI_O_PARAGRAPHS, CLI_O_FIELDS, CLI_O_REPLACE_INVALID, CLI_O_OUTPUT, 0 };
static const cli_opt opts[] = {
	{ "engine", O_ENGINE, "NAME", "apertium (default): " APERTIUM_CMD ",\n"
				      "offline (Debian packages apertium apertium-fr-es apertium-eng-spa);\n"
				      "its unknown-word marks are taken out of the draft and the unknown\n"
				      "words listed on stderr as glossary candidates" },
	{ "engine-cmd", O_ENGINE_CMD, "CMD", "any command (run by /bin/sh) that reads one segment a line on stdin\n"
					     "and writes one translation a line on stdout, in order" },
	{ "batch", O_BATCH, "N", "segments per run of the engine (default: all in one run, as engines\n"
				 "that load a model pay their start-up once)" },
	{ "timeout", O_TIMEOUT, "SEC", "time allowed per run (default 600); the engine is then stopped" },
	{ "max-engine-output", O_MAX_ENGINE_OUTPUT, "SIZE", "most bytes the engine may write per run (default: 16 times\n"
							  "the French plus 64K a line; no line over 16 times the\n"
							  "longest French one plus 64K); it is then stopped" },
	{ NULL, 0, NULL, NULL }
};

const cli_command cmd_translate = {
	"translate", "a machine draft for post-editing: memory first, glossary terms enforced", synopsis,
	"A first English draft of a French article, for post-editing. Each sentence with an exact\n"
	"match in the translation memories takes it; the others go to a machine-translation engine\n"
	"with their glossary terms behind placeholders (PONT0, PONT1...) that engines pass through,\n"
	"replaced afterwards by the concept's preferred English term (plural when the French is).\n"
	"Code, URLs, e-mail addresses and inline markup are protected the same way. Every draft is\n"
	"then checked with pont check's term checks; a segment where a term did not land is marked.\n"
	"\n"
	"Output: an XLIFF 2.1 work file (as pont prepare writes, glossary entries included) whose\n"
	"drafts are targets with state \"initial\", a translation candidate of type \"mt\" naming the\n"
	"engine, and a note; or, when -o ends in .md or .txt, the English edition rebuilt from it\n"
	"as pont merge does (structure, inline markup, English typography).",
	shared_opts, opts, NULL, CLI_GLOSSARY | CLI_DICT_FR | CLI_DICT_EN | CLI_DICTS_FOR_TERMS | CLI_MEMORIES,
	"0 ok, 2 usage, 3 bad input (invalid UTF-8, malformed glossary or memory, an\n"
	"engine that returns the wrong number of lines), 4 I/O error (missing file, dictionary or\n"
	"engine; an engine that fails or does not answer in time).",
	NULL, opt, run
};
