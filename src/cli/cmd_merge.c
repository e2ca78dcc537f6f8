/* cmd_merge.c: pont merge: the English edition, rebuilt from a finished work file. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: pont merge [--allow-missing] [--source ARTICLE] [--keep-typography] [-o FILE] WORK.xlf\n"
	"\n"
	"Writes the English edition from a work file made by `pont prepare`: every paragraph,\n"
	"heading, list item and speaker turn where it was, each sentence's target in place of the\n"
	"French, inline markup restored, then English typography (`pont normalize --to en`: \"Kate:\",\n"
	"“quotes”, no space before ? ! : ;).\n"
	"\n"
	"A segment without a translation is an error, listed with its place in the work file, and\n"
	"nothing is written; --allow-missing keeps the French there, with a warning. When the\n"
	"article the work file was made from changed since (its hash is in the file), merge warns;\n"
	"with --source ARTICLE it checks that article and reports each unit that no longer matches.\n"
	"\n"
	"      --allow-missing     keep the French of untranslated segments (warnings)\n"
	"      --source ARTICLE    the article to check the work file against (errors when it changed)\n"
	"      --keep-typography   do not apply English typography\n"
	"  -o, --output FILE       write to FILE (atomically; default: standard output)\n"
	"  -h, --help              show this help\n"
	"\n"
	"Exit status: 0 ok, 1 untranslated segments, 2 usage, 3 bad input (malformed XLIFF, a\n"
	"source that no longer matches), 4 I/O error.\n";

/* The unit ids prepare would give the article at path; NULL-separated list in ids. */
static int
article_units(const char *path, int format, pont_buf *ids, char *hash, size_t nhash)
{
	pont_text t = PONT_TEXT_INIT;
	pont_doc_options dopt = { (pont_format)format, PONT_PARA_AUTO };
	pont_segmenter *sg;
	pont_segs segs = PONT_SEGS_INIT;
	pont_doc *doc;
	pont_error err;
	pont_buf x = PONT_BUF_INIT;
	pont_xliff *xl;
	pont_xliff_prep p;
	size_t i;
	int rc;

	if ((rc = cli_read(path, 0, &t)) != EXIT_OK)
		return rc;
	memset(&p, 0, sizeof p);
	p.src_lang = "fr";
	p.trg_lang = "en";
	p.format = (pont_format)format;
	if ((sg = pont_segmenter_new("fr", &err)) == NULL || (doc = pont_doc_parse(t.data, t.len, &dopt, &err)) == NULL) {
		cli_report(&err);
		pont_segmenter_free(sg);
		pont_text_release(&t);
		return cli_exit_code(err.code);
	}
	pont_segment_doc(sg, doc, &segs, &err);
	pont_xliff_prepare(doc, &segs, &p, &x, &err);
	if ((xl = pont_xliff_read(x.p, x.len, path, NULL, &err)) != NULL) {
		for (i = 0; i < pont_xliff_nunits(xl); i++) {
			const char *id = pont_xliff_unit_id(xl, i, NULL, NULL);

			pont_buf_add(ids, id, strlen(id) + 1);
		}
		snprintf(hash, nhash, "%s", pont_xliff_source_hash(xl));
		pont_xliff_free(xl);
	}
	pont_buf_release(&x);
	pont_segs_release(&segs);
	pont_doc_free(doc);
	pont_segmenter_free(sg);
	pont_text_release(&t);
	return EXIT_OK;
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

int
cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "allow-missing", no_argument, NULL, 'A' },
		{ "source", required_argument, NULL, 'S' },
		{ "keep-typography", no_argument, NULL, 'K' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL, *source = NULL, *name;
	int c, rc = EXIT_OK, allow = 0, keep = 0;
	pont_xliff *x = NULL;
	pont_buf merged = PONT_BUF_INIT, out = PONT_BUF_INIT, msg = PONT_BUF_INIT;
	cli_out o;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'A':
			allow = 1;
			break;
		case 'S':
			source = optarg;
			break;
		case 'K':
			keep = 1;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			return cli_usage("merge", "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage("merge", "give one WORK.xlf");
	name = cli_name(argv[optind]);
	if ((rc = cli_load_xliff(argv[optind], &x)) != EXIT_OK)
		return rc;
	if (pont_xliff_source_hash(x)[0] == '\0') {
		cli_msg(name, "error", "not a work file made by pont prepare (no pont metadata): merge cannot "
			"rebuild the article");
		rc = EXIT_DATA;
	}
	/* the article: changed since prepare? */
	if (rc == EXIT_OK && (source || (pont_xliff_original(x) && access(pont_xliff_original(x), R_OK) == 0))) {
		const char *art = source ? source : pont_xliff_original(x);
		pont_buf ids = PONT_BUF_INIT;
		char hash[32] = "";
		size_t i;
		int r = article_units(art, pont_xliff_format(x), &ids, hash, sizeof hash);

		if (r != EXIT_OK && source) {
			rc = r;
		} else if (r == EXIT_OK && strcmp(hash, pont_xliff_source_hash(x)) != 0) {
			if (!source) {
				cli_msg(name, "warning", "%s changed since the work file was prepared: the work file's text is "
					"used (check with --source %s)", art, art);
			} else {
				for (i = 0; i < pont_xliff_nunits(x); i++) {
					unsigned long line, col;
					const char *id = pont_xliff_unit_id(x, i, &line, &col);

					if (!has_id(&ids, id))
						pont_buf_addf(&msg, "pont: %s:%lu:%lu: error: unit %s is no longer in %s "
							      "(its paragraph changed or went)\n", name, line, col, id, art);
				}
				pont_buf_addf(&msg, "pont: %s: error: %s does not match the work file (it changed since "
					      "prepare)\n", name, art);
				rc = EXIT_DATA;
			}
		}
		pont_buf_release(&ids);
	}
	if (rc == EXIT_OK) {
		pont_diags miss = PONT_DIAGS_INIT;

		if (pont_xliff_merge(x, allow, 0, &merged, &miss) != PONT_OK)
			rc = EXIT_FINDINGS;
		if (miss.n) {
			pont_buf b = PONT_BUF_INIT;
			size_t k, a = 0;

			pont_diags_write_text(&miss, name, &b);
			for (k = 0; k < b.len; k = a) {	/* each line as "pont: ..." */
				const char *nl = memchr(b.p + k, '\n', b.len - k);

				a = nl ? (size_t)(nl - b.p) + 1 : b.len;
				pont_buf_adds(&msg, "pont: ");
				pont_buf_add(&msg, b.p + k, a - k);
			}
			pont_buf_release(&b);
		}
		pont_diags_release(&miss);
	}
	if (rc == EXIT_OK) {
		if (keep) {
			out = merged;
			merged.p = NULL;
			merged.len = merged.alloc = 0;
		} else {
			rc = cli_english_typography(merged.p, merged.len, (pont_format)pont_xliff_format(x), &out);
		}
	}
	if (msg.len)
		fputs(msg.p, stderr);
	if (rc == EXIT_OK && (rc = cli_out_open(&o, output)) == EXIT_OK) {
		cli_out_write(&o, out.p ? out.p : "", out.len);
		rc = cli_out_close(&o, 1);
	}
	pont_buf_release(&merged);
	pont_buf_release(&out);
	pont_buf_release(&msg);
	pont_xliff_free(x);
	return rc;
}
