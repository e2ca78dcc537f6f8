/* cmd_check.c: pont check: translation QA of finished work files. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const char usage[] =
	"usage: pont check [-g FILE]... [--no-glossary] [--target-lang en|en-US|en-GB]\n"
	"                  [--disable ID]... [--enable ID]... [--severity ID=LEVEL]...\n"
	"                  [--fail-on info|warning|error] [--format text|json|sarif|html]\n"
	"                  [--config FILE] [--ignore FILE] [--write-ignore FILE] [--dict DIR]\n"
	"                  [-o FILE] [WORK.xlf...] [--source FR --target EN]...\n"
	"       pont check --list\n"
	"\n"
	"Checks the English of translated work files (from pont prepare, XLIFF 2.1 or 1.2) against\n"
	"their French, segment by segment: glossary terms rendered with the approved English and no\n"
	"forbidden one, numbers after French-to-English conversion, URLs and e-mail addresses,\n"
	"inline markup, untranslated segments, French typography left in the English, quotes and\n"
	"brackets, repeated words, spaces, final punctuation, length, spelling (Hunspell, the\n"
	"glossary's English accepted), and consistency: the same French translated two ways, or the\n"
	"same English for two French sentences, across all the files given. With --source and\n"
	"--target, a French article and its English edition (text or Markdown) are aligned as\n"
	"pont align does: paragraphs, then the sentences inside each pair of paragraphs, by length\n"
	"and shared anchors (numbers, links, code, names); a paragraph or a sentence without\n"
	"counterpart is one [misaligned] finding, and the pairs after it stay right. Speaker labels\n"
	"of paired turns are compared.\n"
	"\n"
	"  -g, --glossary FILE     TBX, CSV or TSV glossary (repeatable); default: $PONT_GLOSSARY,\n"
	"                          else glossaries/it-careers.tbx\n"
	"      --no-glossary       no terminology checks\n"
	"      --source FR         a French article, checked against the --target after it\n"
	"      --target EN         its English edition (repeatable pairs)\n"
	"  -t, --target-lang LANG  the edition's English: en (default), en-US or en-GB\n"
	"      --list              list the checks: id, default severity, what they look for\n"
	"      --disable ID        turn a check off (repeatable; \"all\" for every check)\n"
	"      --enable ID         turn a check on again, at its default severity\n"
	"      --severity ID=LEVEL set a check's severity: info, warning or error\n"
	"      --fail-on LEVEL     exit 1 when a finding has this severity or more (default error)\n"
	"  -f, --format FORMAT     text (default), json, sarif (2.1.0) or html (one page, French and\n"
	"                          English side by side, findings highlighted, a summary per check)\n"
	"      --config FILE       checks' levels from FILE (default: .pont-check.conf when there is\n"
	"                          one): lines \"CHECK = off|info|warning|error\", \"fail-on = LEVEL\";\n"
	"                          the options above override it\n"
	"      --ignore FILE       accepted findings (default: .pont-ignore when there is one): lines\n"
	"                          \"CHECK FINGERPRINT reason\"; those findings are not reported\n"
	"      --write-ignore FILE write every finding of this run to FILE as accepted (review it)\n"
	"      --dict DIR          where the Hunspell dictionaries are\n"
	"  -o, --output FILE       write to FILE (atomically)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Findings: TARGET:LINE:COL: severity: [id] message (source SOURCE:LINE:COL); for work files,\n"
	"the segment's place and \"unit U, segment S\". Segments without a translation are left to\n"
	"pont merge.\n"
	"\n"
	"Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage, 3 bad input (malformed\n"
	"XLIFF or glossary), 4 I/O error (missing file or dictionary).\n";

static int
set_check(const char *cmd, const char *name, pont_severity sev, pont_severity *sevs)
{
	int k;

	if (strcmp(name, "all") == 0) {
		for (k = 0; k < PONT_CHECK_N; k++)
			sevs[k] = sev ? pont_check_info_of((pont_check_id)k)->sev : (pont_severity)0;
		return EXIT_OK;
	}
	if ((k = pont_check_parse(name)) < 0)
		return cli_usage(cmd, "unknown check '%s' (pont check --list)", name);
	sevs[k] = sev;
	return EXIT_OK;
}

typedef struct side {
	pont_text t;
	pont_doc *doc;
	pont_segs segs;
	pont_lines li;
} side;

static int
load_side(const char *path, const char *lang, pont_segmenter *sg, side *sd)
{
	pont_doc_options o = { PONT_FORMAT_TEXT, PONT_PARA_AUTO };
	pont_error err;
	int rc;

	memset(sd, 0, sizeof *sd);
	if ((rc = cli_read(path, 0, &sd->t)) != EXIT_OK)
		return rc;
	cli_input_format(NULL, path, &o.format);
	if ((sd->doc = pont_doc_parse(sd->t.data, sd->t.len, &o, &err)) == NULL ||
	    pont_segment_doc(sg, sd->doc, &sd->segs, &err) != PONT_OK) {
		err.file = cli_name(path);
		cli_report(&err);
		return cli_exit_code(err.code);
	}
	(void)lang;
	pont_lines_init(&sd->li, sd->t.data, sd->t.len, sd->t.bom);
	return EXIT_OK;
}

static void
free_side(side *sd)
{
	pont_lines_release(&sd->li);
	pont_segs_release(&sd->segs);
	pont_doc_free(sd->doc);
	pont_text_release(&sd->t);
}


typedef struct emit_ctx {
	cli_qa *rep;
	size_t row;
} emit_ctx;

static void
emit_pair_finding(emit_ctx *e, const char *tname, const side *ts, size_t toff, const char *sname, const side *ss,
		  size_t soff, const char *id, pont_severity sev, const char *msg, size_t tstart, size_t tend)
{
	cli_finding f;

	memset(&f, 0, sizeof f);
	pont_lines_pos(&ts->li, toff, &f.line, &f.col);
	pont_lines_pos(&ss->li, soff, &f.src_line, &f.src_col);
	f.file = (char *)tname;
	f.src_file = (char *)sname;
	f.offset = toff;
	f.src_offset = soff;
	f.id = id;
	f.sev = sev;
	f.msg = (char *)msg;
	f.row = e->row;
	f.tstart = tstart;
	f.tend = tend;
	cli_qa_add(e->rep, &f);
}

/*
 * Does the block begin like a labelled line the document model did not take as a turn, "Valeur
 * par défaut : true" next to "Default: true"? Up to five words, then a colon.
 */
static int
labelled(const side *sd, const pont_block *b)
{
	const char *t = sd->t.data + b->content.start;
	size_t n = b->content.end - b->content.start, i, words = 0;
	int in_word = 0;

	for (i = 0; i < n && i < 60; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == ':')
			return words >= 1 && words <= 5;
		if (c == ' ' || c == 0xC2 || c == 0xA0 || c == 0xE2 || c == 0x80 || c == 0xAF) {
			in_word = 0;	/* spaces, no-break ones included */
		} else if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '\'')) {
			return 0;	/* a sentence, not a label */
		} else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	return 0;
}

/* A paragraph with no counterpart: one finding for it, not one per sentence. */
static void
emit_orphan(emit_ctx *e, pont_checker *ck, const side *ss, const side *ts, const char *sname, const char *tname,
	    const pont_block *b, const pont_block *near, int source_side)
{
	const side *own = source_side ? ss : ts;
	char msg[300], where[300];
	unsigned long l, col;
	size_t n = b->content.end - b->content.start;
	size_t toff = source_side ? (near ? near->span.end : 0) : b->span.start;
	size_t soff = source_side ? b->span.start : (near ? near->span.end : 0);

	snprintf(msg, sizeof msg, source_side ? "no English for this paragraph of the source (left out?): %.*s" :
		 "an English paragraph with no source (added?): %.*s", (int)(n > 160 ? 160 : n),
		 own->t.data + b->content.start);
	pont_lines_pos(&ts->li, toff, &l, &col);
	snprintf(where, sizeof where, "%s:%lu", tname, l);
	e->row = cli_qa_row(e->rep, source_side ? ss->t.data + b->content.start : "", source_side ? n : 0,
			    source_side ? "" : ts->t.data + b->content.start, source_side ? 0 : n, where);
	emit_pair_finding(e, tname, ts, toff, sname, ss, soff, "misaligned",
			  pont_checker_severity(ck, PONT_CHECK_MISALIGNED), msg, 0, 0);
}

/*
 * Checks a French article against its English edition: paragraphs aligned first, then the
 * sentences inside each pair of paragraphs (pont_align_docs: lengths and shared anchors), so a
 * paragraph or a sentence left out is one [misaligned] finding, not a cascade.
 */
typedef struct pair {
	const char *src, *tgt;
	side ss, ts;
	pont_alignment al;
} pair;

/* Reads, segments and aligns a pair of files (before the dictionaries are needed). */
static int
pair_load(pair *pr, const char *src, const char *tgt)
{
	pont_segmenter *sfr = NULL, *sen = NULL;
	pont_error err;
	int rc = EXIT_OK;

	memset(pr, 0, sizeof *pr);
	pr->src = src;
	pr->tgt = tgt;
	if ((sfr = pont_segmenter_new("fr", &err)) == NULL || (sen = pont_segmenter_new("en", &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	if (rc == EXIT_OK)
		rc = load_side(src, "fr", sfr, &pr->ss);
	if (rc == EXIT_OK)
		rc = load_side(tgt, "en", sen, &pr->ts);
	if (rc == EXIT_OK) {
		pont_align_input a = { pr->ss.doc, &pr->ss.segs, NULL }, b = { pr->ts.doc, &pr->ts.segs, NULL };

		pont_align_docs(&a, &b, NULL, 0, &pr->al);
	}
	pont_segmenter_free(sfr);
	pont_segmenter_free(sen);
	return rc;
}

static void
pair_release(pair *pr)
{
	pont_alignment_release(&pr->al);
	free_side(&pr->ss);
	free_side(&pr->ts);
}

static int
check_pair_files(pont_checker *ck, pair *pr, emit_ctx *e)
{
	pont_alignment al = pr->al;
	side ss = pr->ss, ts = pr->ts;
	size_t p, k = 0;
	int rc = EXIT_OK;
	const char *sname = cli_name(pr->src), *tname = cli_name(pr->tgt);

	pont_checker_new_document(ck);
	for (p = 0; rc == EXIT_OK && p < al.nparas; p++) {
		const pont_bead *pb = &al.paras[p];
		const pont_block *bs = pb->ns ? pont_doc_block(ss.doc, al.sblocks[pb->s0]) : NULL;
		const pont_block *bt = pb->nt ? pont_doc_block(ts.doc, al.tblocks[pb->t0]) : NULL;

		if (pb->ns == 0 || pb->nt == 0) {
			if (pont_checker_severity(ck, PONT_CHECK_MISALIGNED)) {
				size_t q;

				for (q = 0; q < pb->ns + pb->nt; q++) {
					const pont_block *b = pb->ns ? pont_doc_block(ss.doc, al.sblocks[pb->s0 + q]) :
								       pont_doc_block(ts.doc, al.tblocks[pb->t0 + q]);
					const pont_block *near = NULL;

					if (pb->ns && pb->t0 > 0)	/* where the English would be */
						near = pont_doc_block(ts.doc, al.tblocks[pb->t0 - 1]);
					else if (pb->nt && pb->s0 > 0)
						near = pont_doc_block(ss.doc, al.sblocks[pb->s0 - 1]);
					emit_orphan(e, ck, &ss, &ts, sname, tname, b, near, pb->ns != 0);
				}
			}
			while (k < al.nsents && al.sents[k].para == p)
				k++;
			continue;
		}
		if (pb->ns == 1 && pb->nt == 1 && pont_checker_severity(ck, PONT_CHECK_SPEAKER_MISMATCH) &&
		    ((bs->label.end > bs->label.start) || (bt->label.end > bt->label.start)) &&
		    (bs->label.end > bs->label.start ? bt->label.end > bt->label.start || !labelled(&ts, bt) :
		     !labelled(&ss, bs)) &&
		    (bs->label.end - bs->label.start != bt->label.end - bt->label.start ||
		     strncasecmp(ss.t.data + bs->label.start, ts.t.data + bt->label.start, bs->label.end - bs->label.start) != 0)) {
			char msg[300], lab[300];
			unsigned long l, col;

			snprintf(msg, sizeof msg, "speaker '%.*s' in the source, %s%.*s%s in the target",
				 (int)(bs->label.end - bs->label.start), ss.t.data + bs->label.start,
				 bt->label.end > bt->label.start ? "'" : "none", (int)(bt->label.end - bt->label.start),
				 ts.t.data + bt->label.start, bt->label.end > bt->label.start ? "'" : "");
			pont_lines_pos(&ts.li, bt->span.start, &l, &col);
			snprintf(lab, sizeof lab, "%s:%lu", tname, l);
			e->row = cli_qa_row(e->rep, ss.t.data + bs->span.start, bs->span.end - bs->span.start,
					    ts.t.data + bt->span.start, bt->span.end - bt->span.start, lab);
			emit_pair_finding(e, tname, &ts, bt->span.start, sname, &ss, bs->span.start, "speaker-mismatch",
					  pont_checker_severity(ck, PONT_CHECK_SPEAKER_MISMATCH), msg, 0, 0);
		}
		for (; k < al.nsents && al.sents[k].para == p; k++) {
			const pont_bead *bd = &al.sents[k];
			pont_findings f = PONT_FINDINGS_INIT;
			pont_span sa = { 0, 0 }, sb = { 0, 0 };
			char where[400];
			unsigned long l, col;
			size_t q;

			if (bd->ns) {
				sa.start = ss.segs.v[bd->s0].span.start;
				sa.end = ss.segs.v[bd->s0 + bd->ns - 1].span.end;
			}
			if (bd->nt) {
				sb.start = ts.segs.v[bd->t0].span.start;
				sb.end = ts.segs.v[bd->t0 + bd->nt - 1].span.end;
			} else {
				sb.start = sb.end = bd->t0 > 0 ? ts.segs.v[bd->t0 - 1].span.end : bt->content.start;
			}
			if (bd->ns == 0)
				sa.start = sa.end = bd->s0 > 0 ? ss.segs.v[bd->s0 - 1].span.end : bs->content.start;
			pont_lines_pos(&ts.li, sb.start, &l, &col);
			snprintf(where, sizeof where, "%s:%lu:%lu", tname, l, col);
			e->row = cli_qa_row(e->rep, ss.t.data + sa.start, sa.end - sa.start, ts.t.data + sb.start,
					    sb.end - sb.start, where);
			if (bd->ns == 0 || bd->nt == 0) {
				char msg[300];
				size_t ml = bd->nt == 0 ? sa.end - sa.start : sb.end - sb.start;

				snprintf(msg, sizeof msg, bd->nt == 0 ? "no English for this sentence of the source "
					 "(left out?): %.*s" : "an English sentence with no source (added?): %.*s",
					 (int)(ml > 160 ? 160 : ml), bd->nt == 0 ? ss.t.data + sa.start : ts.t.data + sb.start);
				if (pont_checker_severity(ck, PONT_CHECK_MISALIGNED))
					emit_pair_finding(e, tname, &ts, sb.start, sname, &ss, sa.start, "misaligned",
							  pont_checker_severity(ck, PONT_CHECK_MISALIGNED), msg, 0, 0);
				continue;
			}
			pont_check_pair(ck, ss.t.data + sa.start, sa.end - sa.start, ts.t.data + sb.start, sb.end - sb.start,
					where, &f);
			for (q = 0; q < f.n; q++)
				emit_pair_finding(e, tname, &ts, sb.start + f.v[q].start, sname, &ss, sa.start, f.v[q].id,
						  f.v[q].sev, f.v[q].msg,
						  f.v[q].end - f.v[q].start == sb.end - sb.start ? 0 : f.v[q].start,
						  f.v[q].end - f.v[q].start == sb.end - sb.start ? 0 : f.v[q].end);
			pont_findings_release(&f);
		}
	}
	return rc;
}

/* Reports "pont: FILE:LINE:COL: error: ..." for the configuration file. */
static void conf_error(const char *path, unsigned long line, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
conf_error(const char *path, unsigned long line, size_t col, const char *fmt, ...)
{
	pont_error err;
	va_list ap;

	memset(&err, 0, sizeof err);
	err.code = PONT_EPARSE;
	err.file = cli_name(path);
	err.line = line;
	err.col = (unsigned long)col;
	va_start(ap, fmt);
	vsnprintf(err.msg, sizeof err.msg, fmt, ap);
	va_end(ap);
	cli_report(&err);
}

/*
 * A configuration file: "# comments", "CHECK = off|info|warning|error", "fail-on = LEVEL".
 * Command-line options given after it win (they are applied later).
 */
static int
read_config(const char *path, int must_exist, pont_severity *sevs, pont_severity *failon)
{
	pont_text t = PONT_TEXT_INIT;
	const char *s, *e;
	unsigned long line = 0;
	int rc;

	if (!must_exist && access(path, F_OK) != 0)
		return EXIT_OK;
	if ((rc = cli_read(path, 0, &t)) != EXIT_OK)
		return rc;
	for (s = t.data + t.bom, e = t.data + t.len; s < e && rc == EXIT_OK;) {
		const char *nl = memchr(s, '\n', (size_t)(e - s)), *eq;
		size_t n = nl ? (size_t)(nl - s) : (size_t)(e - s), a = 0, ke, vs, ve;
		char key[64], val[32];

		line++;
		while (a < n && (s[a] == ' ' || s[a] == '\t'))
			a++;
		if (a < n && s[a] != '#' && s[a] != '\r') {
			eq = memchr(s + a, '=', n - a);
			for (ke = eq ? (size_t)(eq - s) : n; ke > a && (s[ke - 1] == ' ' || s[ke - 1] == '\t'); ke--)
				;
			for (vs = eq ? (size_t)(eq - s) + 1 : n; vs < n && (s[vs] == ' ' || s[vs] == '\t'); vs++)
				;
			for (ve = n; ve > vs && (s[ve - 1] == ' ' || s[ve - 1] == '\t' || s[ve - 1] == '\r'); ve--)
				;
			snprintf(key, sizeof key, "%.*s", (int)(ke - a), s + a);
			snprintf(val, sizeof val, "%.*s", (int)(ve - vs), s + vs);
			if (eq == NULL || ke == a) {
				conf_error(path, line, a + 1, "expected CHECK = LEVEL");
				rc = EXIT_DATA;
			} else if (strcmp(key, "fail-on") == 0) {
				if ((*failon = pont_severity_parse(val)) == 0) {
					conf_error(path, line, vs + 1, "fail-on takes info, warning or error");
					rc = EXIT_DATA;
				}
			} else if (pont_check_parse(key) < 0) {
				conf_error(path, line, a + 1, "unknown check '%s' (pont check --list)", key);
				rc = EXIT_DATA;
			} else if (strcmp(val, "off") == 0) {
				sevs[pont_check_parse(key)] = (pont_severity)0;
			} else if (pont_severity_parse(val) != 0) {
				sevs[pont_check_parse(key)] = pont_severity_parse(val);
			} else {
				conf_error(path, line, vs + 1, "'%s' is not off, info, warning or error", val);
				rc = EXIT_DATA;
			}
		}
		s = nl ? nl + 1 : e;
	}
	pont_text_release(&t);
	return rc;
}

int
cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "glossary", required_argument, NULL, 'g' },
		{ "no-glossary", no_argument, NULL, 'G' },
		{ "target-lang", required_argument, NULL, 't' },
		{ "list", no_argument, NULL, 'L' },
		{ "disable", required_argument, NULL, 'd' },
		{ "enable", required_argument, NULL, 'e' },
		{ "severity", required_argument, NULL, 'S' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "dict", required_argument, NULL, 'D' },
		{ "output", required_argument, NULL, 'o' },
		{ "source", required_argument, NULL, 's' },
		{ "ignore", required_argument, NULL, 'I' },
		{ "config", required_argument, NULL, 'C' },
		{ "write-ignore", required_argument, NULL, 'W' },
		{ "target", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char **srcs, **tgts;
	size_t nsrc = 0, ntgt = 0, npairs = 0;
	pair *pairs = NULL;
	const char **gpaths, *target = NULL, *dictdir = NULL, *output = NULL;
	pont_severity sevs[PONT_CHECK_N], failon = PONT_SEV_ERROR;
	size_t ng = 0, i, nfound = 0;
	int c, rc = EXIT_OK, noglossary = 0, fmt = 0, list = 0, k;
	const char *ignore = NULL, *write_ignore = NULL;
	cli_qa rep;
	pont_glossary **gs;
	pont_dict *fr = NULL, *en = NULL;
	pont_checker *ck = NULL;
	pont_error err;
	pont_buf out = PONT_BUF_INIT;
	cli_out o;

	memset(&rep, 0, sizeof rep);
	for (k = 0; k < PONT_CHECK_N; k++)
		sevs[k] = pont_check_info_of((pont_check_id)k)->sev;
	{
		/* the configuration first (--config FILE, else .pont-check.conf here), the options over it */
		const char *conf = NULL;
		int a;

		for (a = 1; a < argc; a++) {
			if (strcmp(argv[a], "--config") == 0 && a + 1 < argc)
				conf = argv[a + 1];
			else if (strncmp(argv[a], "--config=", 9) == 0)
				conf = argv[a] + 9;
		}
		if ((rc = read_config(conf ? conf : ".pont-check.conf", conf != NULL, sevs, &failon)) != EXIT_OK)
			return rc;
	}
	gpaths = calloc((size_t)argc + 1, sizeof *gpaths);
	gs = calloc((size_t)argc + 1, sizeof *gs);
	srcs = calloc((size_t)argc + 1, sizeof *srcs);
	tgts = calloc((size_t)argc + 1, sizeof *tgts);
	if (gpaths == NULL || gs == NULL || srcs == NULL || tgts == NULL)
		abort();
	optind = 1;
	while (rc == EXIT_OK && (c = getopt_long(argc, argv, "g:t:f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'g':
			gpaths[ng++] = optarg;
			break;
		case 'G':
			noglossary = 1;
			break;
		case 't':
			target = optarg;
			break;
		case 'L':
			list = 1;
			break;
		case 'd':
			rc = set_check("check", optarg, (pont_severity)0, sevs);
			break;
		case 'e':
			rc = set_check("check", optarg, PONT_SEV_INFO, sevs);
			if (rc == EXIT_OK && strcmp(optarg, "all") != 0)
				sevs[pont_check_parse(optarg)] = pont_check_info_of((pont_check_id)pont_check_parse(optarg))->sev;
			break;
		case 'S': {
			char *eq = strchr(optarg, '='), name[64];
			pont_severity sv;

			if (eq == NULL || (size_t)(eq - optarg) >= sizeof name || (sv = pont_severity_parse(eq + 1)) == 0) {
				rc = cli_usage("check", "--severity takes ID=info|warning|error, not '%s'", optarg);
				break;
			}
			memcpy(name, optarg, (size_t)(eq - optarg));
			name[eq - optarg] = '\0';
			rc = set_check("check", name, sv, sevs);
			break;
		}
		case 'F':
			if ((failon = pont_severity_parse(optarg)) == 0)
				rc = cli_usage("check", "--fail-on takes info, warning or error, not '%s'", optarg);
			break;
		case 'f':
			fmt = strcmp(optarg, "text") == 0 ? 0 : strcmp(optarg, "json") == 0 ? 1 :
			      strcmp(optarg, "sarif") == 0 ? 2 : strcmp(optarg, "html") == 0 ? 3 : -1;
			if (fmt < 0)
				rc = cli_usage("check", "unknown format '%s' (text, json, sarif or html)", optarg);
			break;
		case 'D':
			dictdir = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 's':
			srcs[nsrc++] = optarg;
			break;
		case 'I':
			ignore = optarg;
			break;
		case 'W':
			write_ignore = optarg;
			break;
		case 'C':
			break;		/* read first */
		case 'T':
			tgts[ntgt++] = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			free(srcs);
			free(tgts);
			free(gpaths);
			free(gs);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			rc = cli_usage("check", "unknown option");
			break;
		}
	}
	if (rc == EXIT_OK && list) {
		for (k = 0; k < PONT_CHECK_N; k++) {
			const pont_check_info *in = pont_check_info_of((pont_check_id)k);

			printf("%-26s %-8s %s\n", in->id, pont_severity_name(in->sev), in->rationale);
		}
		free(srcs);
		free(tgts);
		free(gpaths);
		free(gs);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
	}
	if (rc == EXIT_OK && nsrc != ntgt)
		rc = cli_usage("check", "give each --source with its --target");
	if (rc == EXIT_OK && optind >= argc && nsrc == 0)
		rc = cli_usage("check", "give the work files to check, or --source FR --target EN");
	if (rc == EXIT_OK && target && !cli_is_english(target))
		rc = cli_usage("check", "--target-lang takes en, en-US or en-GB, not '%s'", target);
	if (rc == EXIT_OK && ng == 0 && !noglossary)
		gpaths[ng++] = cli_default_glossary();
	if (noglossary)
		ng = 0;
	if (rc == EXIT_OK) {
		/* the dictionaries load while the glossaries are read and the pairs aligned */
		cli_dict_job *jf = cli_dict_start("fr", dictdir, 0);
		cli_dict_job *je = cli_dict_start(target && strcasecmp(target, "en-GB") == 0 ? "en-GB" : "en-US", dictdir, 0);

		for (i = 0; rc == EXIT_OK && i < ng; i++)
			rc = cli_load_glossary(gpaths[i], &gs[i], NULL);
		if ((pairs = calloc(nsrc + 1, sizeof *pairs)) == NULL)
			abort();
		for (i = 0; rc == EXIT_OK && i < nsrc; i++, npairs++)
			rc = pair_load(&pairs[i], srcs[i], tgts[i]);
		fr = cli_dict_wait(jf, &rc);
		en = cli_dict_wait(je, &rc);
	}
	if (rc == EXIT_OK &&
	    (ck = pont_checker_new((const pont_glossary *const *)gs, ng, fr, en, target ? target : "en", &err)) == NULL) {
		cli_report(&err);
		rc = cli_exit_code(err.code);
	}
	for (k = 0; ck && k < PONT_CHECK_N; k++)
		pont_checker_set_severity(ck, (pont_check_id)k, sevs[k]);
	for (i = (size_t)optind; rc == EXIT_OK && i < (size_t)argc; i++) {
		const char *name = cli_name(argv[i]);
		pont_xliff *x;
		size_t u, p;

		if ((rc = cli_load_xliff(argv[i], &x)) != EXIT_OK)
			break;
		pont_checker_new_document(ck);
		for (u = 0; rc == EXIT_OK && u < pont_xliff_nunits(x); u++) {
			const char *uid = pont_xliff_unit_id(x, u, NULL, NULL);

			for (p = 0; p < pont_xliff_npieces(x, u); p++) {
				pont_xliff_seg sg;
				pont_findings f = PONT_FINDINGS_INIT;
				char where[512];
				size_t q, row;

				pont_xliff_piece(x, u, p, &sg);
				if (sg.ignorable || sg.target == NULL || (sg.target_len == 0 && sg.source_len > 0))
					continue;
				snprintf(where, sizeof where, "%s:%lu:%lu", name, sg.line, sg.col);
				row = cli_qa_row(&rep, sg.source, sg.source_len, sg.target, sg.target_len, where);
				pont_check_pair(ck, sg.source, sg.source_len, sg.target, sg.target_len, where, &f);
				for (q = 0; q < f.n; q++) {
					const pont_finding *fd = &f.v[q];
					cli_finding cf;
					pont_buf msg = PONT_BUF_INIT;

					pont_buf_addf(&msg, "unit %s, segment %s: %s", uid, sg.id, fd->msg);
					memset(&cf, 0, sizeof cf);
					cf.file = cf.src_file = (char *)name;
					cf.line = cf.src_line = sg.line;
					cf.col = cf.src_col = sg.col;
					cf.id = fd->id;
					cf.sev = fd->sev;
					cf.msg = msg.p;
					cf.row = row;
					if (fd->end - fd->start < sg.target_len) {
						cf.tstart = fd->start;
						cf.tend = fd->end;
					}
					cli_qa_add(&rep, &cf);
					pont_buf_release(&msg);
				}
				pont_findings_release(&f);
			}
		}
		pont_xliff_free(x);
	}
	for (i = 0; rc == EXIT_OK && i < npairs; i++) {
		emit_ctx e = { &rep, 0 };

		rc = check_pair_files(ck, &pairs[i], &e);
	}
	for (i = 0; i < npairs; i++)
		pair_release(&pairs[i]);
	free(pairs);
	/* accepted findings, then the report */
	if (rc == EXIT_OK)
		rc = cli_qa_suppress(&rep, ignore ? ignore : ".pont-ignore", ignore != NULL);
	if (rc == EXIT_OK && write_ignore) {
		pont_buf b = PONT_BUF_INIT;

		cli_qa_ignore_file(&rep, &b);
		if ((rc = cli_out_open(&o, write_ignore)) == EXIT_OK) {
			cli_out_write(&o, b.p, b.len);
			rc = cli_out_close(&o, 1);
		}
		pont_buf_release(&b);
	}
	for (i = 0; i < rep.n; i++)
		nfound += rep.f[i].sev >= failon;
	if (fmt == 1)
		cli_qa_json(&rep, &out);
	else if (fmt == 2)
		cli_qa_sarif(&rep, &out);
	else if (fmt == 3)
		cli_qa_html(&rep, nsrc ? tgts[0] : optind < argc ? argv[optind] : "report", &out);
	else
		cli_qa_text(&rep, &out);
	if (rc == EXIT_OK && (rc = cli_out_open(&o, output)) == EXIT_OK) {
		cli_out_write(&o, out.p ? out.p : "", out.len);
		rc = cli_out_close(&o, 1);
	}
	if (rc == EXIT_OK && nfound)
		rc = EXIT_FINDINGS;
	cli_qa_release(&rep);
	pont_buf_release(&out);
	pont_checker_free(ck);
	CLI_EXIT_FREE_DICT(fr);
	CLI_EXIT_FREE_DICT(en);
	for (i = 0; i < ng; i++)
		pont_glossary_free(gs[i]);
	free(gs);
	free(gpaths);
	free(srcs);
	free(tgts);
	return rc;
}
