/* cmd_normalize.c: pont normalize: NFC and typography, or --check to report what would change. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static const char usage[] =
	"usage: pont normalize [--lang fr|en] [--to en] [--nbsp U+202F|U+00A0] [--check]\n"
	"                      [--format text|json] [--input text|markdown|auto]\n"
	"                      [--paragraphs auto|lines|blank] [--replace-invalid]\n"
	"                      [-o FILE | --in-place] [FILE...]\n"
	"\n"
	"Normalizes text to Unicode NFC and applies typography rules, never inside URLs,\n"
	"e-mail addresses, code or Markdown markup:\n"
	"  French (default)  typographic apostrophe; a no-break space before ; : ! ? and\n"
	"                    inside « »; … for ...; no-break spaces in 10 000 and before % €\n"
	"  English (--to en or --lang en)  typographic apostrophe; « » becomes “ ” (nested\n"
	"                    quotes ‘ ’); no space before ; : ! ? ('Kate :' becomes 'Kate:')\n"
	"\n"
	"  -l, --lang LANG        language of the text: fr (default) or en\n"
	"      --to en            rewrite French conventions for an English edition\n"
	"      --nbsp CHAR        the French no-break space: U+202F (default) or U+00A0\n"
	"  -c, --check            change nothing: report each change as a diagnostic and\n"
	"                         exit 1 if there is any\n"
	"  -f, --format FORMAT    diagnostics format with --check: text (default) or json\n"
	"      --input FORMAT     text, markdown, or auto (default: markdown for .md files)\n"
	"      --paragraphs MODE  plain text: auto (default), lines or blank\n"
	"      --replace-invalid  replace invalid UTF-8 by U+FFFD (with a warning) instead of failing\n"
	"  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	"  -i, --in-place         rewrite each FILE (atomically)\n"
	"  -h, --help             show this help\n"
	"\n"
	"Diagnostics: FILE:LINE:COL: warning: [id] message, with ids nfc, apostrophe,\n"
	"nbsp-punct, nbsp-quote, nbsp-number, ellipsis, en-punct-space, en-quotes.\n"
	"Exit status: 0 ok (nothing to change with --check), 1 changes found by --check,\n"
	"2 usage, 3 bad input (invalid UTF-8), 4 I/O error.\n";

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

int
cmd_normalize(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_TEXT_LONGOPTS,
		{ "to", required_argument, NULL, 'T' },
		{ "nbsp", required_argument, NULL, 'N' },
		{ "check", no_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "in-place", no_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	cli_textopts t = CLI_TEXTOPTS_INIT;
	const char *to = NULL;
	int c, rc = EXIT_OK, check = 0, json = 0, inplace = 0, i, nfiles, nfound = 0;
	pont_norm_options nopt = { PONT_NORM_FR, 0x202F };
	pont_buf out = PONT_BUF_INIT;
	char *stdin_only[] = { (char *)"-" };
	char **files;
	cli_out o;

	optind = 1;
	while ((c = getopt_long(argc, argv, CLI_TEXT_SHORTOPTS "cf:ih", longopts, NULL)) != -1) {
		if (cli_textopt(c, optarg, &t))
			continue;
		switch (c) {
		case 'T':
			to = optarg;
			break;
		case 'N':
			if (parse_nbsp(optarg, &nopt.nbsp) < 0)
				return cli_usage("normalize", "--nbsp takes U+202F or U+00A0, not '%s'", optarg);
			break;
		case 'c':
			check = 1;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") != 0)
				return cli_usage("normalize", "unknown format '%s' (text or json)", optarg);
			break;
		case 'i':
			inplace = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYSTEM;
		default:
			return cli_usage("normalize", "unknown option");
		}
	}
	if ((rc = cli_textopts_check("normalize", &t)) != EXIT_OK)
		return rc;
	if (to && strcmp(to, "en") != 0)
		return cli_usage("normalize", "--to takes en, not '%s'", to);
	if (to || strcmp(t.lang, "en") == 0)
		nopt.target = PONT_NORM_EN;
	if (inplace && (t.output || check || optind >= argc))
		return cli_usage("normalize", "--in-place needs FILE arguments and no -o or --check");
	files = optind < argc ? argv + optind : stdin_only;
	nfiles = optind < argc ? argc - optind : 1;
	if (check && json)
		pont_buf_adds(&out, "{\"findings\":[");
	for (i = 0; i < nfiles; i++) {
		const char *name = cli_name(files[i]);
		pont_text txt = PONT_TEXT_INIT;
		pont_findings ch = PONT_FINDINGS_INIT;
		pont_buf res = PONT_BUF_INIT;
		pont_error err;
		int r;

		if ((r = cli_read(files[i], t.flags, &txt)) != EXIT_OK) {
			rc = cli_worse(rc, r);
			continue;
		}
		cli_input_format(t.input, files[i], &t.doc.format);
		if (pont_normalize(txt.data, txt.len, &t.doc, &nopt, &res, check ? &ch : NULL, &err) != PONT_OK) {
			err.file = name;
			cli_report(&err);
			rc = cli_worse(rc, cli_exit_code(err.code));
		} else if (check) {
			pont_lines li;

			pont_lines_init(&li, txt.data, txt.len, txt.bom);
			if (json) {
				if (nfound && ch.n)
					pont_buf_addc(&out, ',');
				pont_findings_write_json(&ch, name, &li, &out);
			} else {
				pont_findings_write_text(&ch, name, &li, &out);
			}
			nfound += (int)ch.n;
			pont_lines_release(&li);
		} else if (inplace) {
			if ((r = cli_out_open(&o, files[i])) == EXIT_OK) {
				cli_out_write(&o, res.p, res.len);
				r = cli_out_close(&o, 1);
			}
			rc = cli_worse(rc, r);
		} else if (out.len == 0) {
			pont_buf_release(&out);	/* the first result becomes the output: no copy */
			out = res;
			res.p = NULL;
			res.len = res.alloc = 0;
		} else {
			pont_buf_add(&out, res.p, res.len);
		}
		pont_findings_release(&ch);
		pont_buf_release(&res);
		pont_text_release(&txt);
	}
	if (check && json)
		pont_buf_adds(&out, "\n]}\n");
	if (rc == EXIT_OK && !inplace && (rc = cli_out_open(&o, t.output)) == EXIT_OK) {
		cli_out_write(&o, out.p, out.len);
		rc = cli_out_close(&o, 1);
	}
	pont_buf_release(&out);
	if (rc == EXIT_OK && check && nfound)
		rc = EXIT_FINDINGS;
	return rc;
}
