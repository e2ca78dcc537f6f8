/* cmd_segment.c: pont segment: paragraphs and sentences, with byte offsets. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { FMT_TEXT, FMT_JSON, FMT_TSV };

/* Text form: one sentence a line, line ends inside a sentence shown as spaces. */
static void
text_sentence(pont_buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	pont_buf_adds(b, "  ");
	for (i = 0; i < n; i++) {
		if (s[i] != '\n' && s[i] != '\r')
			continue;
		pont_buf_add(b, s + run, i - run);
		if (s[i] == '\n' || i + 1 == n || s[i + 1] != '\n')	/* LF, CR LF or a CR alone: one space */
			pont_buf_addc(b, ' ');
		run = i + 1;
	}
	pont_buf_add(b, s + run, n - run);
	pont_buf_addc(b, '\n');
}

/* Writes what b holds once it is large: the output streams instead of piling up. */
static void
flush(cli_out *o, pont_buf *b, size_t over)
{
	if (b->len > over) {
		cli_out_write(o, b->p, b->len);
		pont_buf_reset(b);
	}
}

/* JSON: the file and its paragraphs, before its sentences. */
static void
json_paragraphs(cli_out *o, pont_buf *b, const char *name, const pont_text *t, const pont_doc *doc, int first)
{
	const char *s = t->data;
	size_t i, nb = pont_doc_nblocks(doc);

	pont_buf_adds(b, first ? "\n" : ",\n");
	pont_buf_adds(b, "{\"file\":");
	pont_buf_add_json(b, name, strlen(name));
	pont_buf_addf(b, ",\"bytes\":%zu,\"paragraphs\":[", t->len);
	for (i = 0; i < nb; i++) {
		const pont_block *bl = pont_doc_block(doc, i);
		const char *k = pont_block_kind_name(bl->kind);

		pont_buf_addf(b, "%s\n {\"paragraph\":%zu,\"kind\":\"%s\",\"level\":%u,\"start\":%zu,\"end\":%zu,"
			      "\"content_start\":%zu,\"content_end\":%zu,\"speaker\":",
			      i ? "," : "", i + 1, k, bl->level, bl->span.start, bl->span.end, bl->content.start,
			      bl->content.end);
		if (bl->label.end > bl->label.start)
			pont_buf_add_json(b, s + bl->label.start, bl->label.end - bl->label.start);
		else
			pont_buf_adds(b, "null");
		pont_buf_addc(b, '}');
		flush(o, b, 1 << 18);
	}
	pont_buf_adds(b, "],\"segments\":[");
}

static void
emit(cli_out *o, pont_buf *b, int fmt, const char *name, const pont_text *t, const pont_doc *doc,
     const pont_segs *sg, int nfiles, int first)
{
	const char *s = t->data;
	size_t i, prevblock = (size_t)-1, sent = 0;
	pont_lines li = { NULL, 0, s, t->len, t->bom, 0, 0, 0 };

	if (fmt == FMT_JSON) {
		pont_lines_init(&li, s, t->len, t->bom);	/* only JSON gives lines and columns */
		json_paragraphs(o, b, name, t, doc, first);
	} else if (fmt == FMT_TEXT && nfiles > 1) {
		pont_buf_addf(b, "%s==> %s <==\n", first ? "" : "\n", name);
	}
	for (i = 0; i < sg->n; i++) {
		const pont_seg *x = &sg->v[i];
		const pont_block *bl = pont_doc_block(doc, x->block);
		const char *kind = pont_block_kind_name(bl->kind);
		unsigned long line, col;

		sent = x->block == prevblock ? sent + 1 : 1;
		switch (fmt) {
		case FMT_JSON:
			pont_lines_pos(&li, x->span.start, &line, &col);
			pont_buf_adds(b, i ? ",\n {\"paragraph\":" : "\n {\"paragraph\":");
			pont_buf_add_uint(b, x->block + 1);
			pont_buf_adds(b, ",\"sentence\":");
			pont_buf_add_uint(b, sent);
			pont_buf_adds(b, ",\"kind\":\"");
			pont_buf_adds(b, kind);
			pont_buf_adds(b, "\",\"speaker\":");
			if (bl->label.end > bl->label.start)
				pont_buf_add_json(b, s + bl->label.start, bl->label.end - bl->label.start);
			else
				pont_buf_adds(b, "null");
			pont_buf_adds(b, ",\"start\":");
			pont_buf_add_uint(b, x->span.start);
			pont_buf_adds(b, ",\"end\":");
			pont_buf_add_uint(b, x->span.end);
			pont_buf_adds(b, ",\"line\":");
			pont_buf_add_uint(b, line);
			pont_buf_adds(b, ",\"col\":");
			pont_buf_add_uint(b, col);
			pont_buf_adds(b, ",\"text\":");
			pont_buf_add_json(b, s + x->span.start, x->span.end - x->span.start);
			pont_buf_addc(b, '}');
			break;
		case FMT_TSV:
			if (first && i == 0)
				pont_buf_adds(b, "file\tparagraph\tsentence\tkind\tspeaker\tstart\tend\ttext\n");
			pont_buf_add_tsv(b, name, strlen(name));
			pont_buf_addc(b, '\t');
			pont_buf_add_uint(b, x->block + 1);
			pont_buf_addc(b, '\t');
			pont_buf_add_uint(b, sent);
			pont_buf_addc(b, '\t');
			pont_buf_adds(b, kind);
			pont_buf_addc(b, '\t');
			pont_buf_add_tsv(b, s + bl->label.start, bl->label.end - bl->label.start);
			pont_buf_addc(b, '\t');
			pont_buf_add_uint(b, x->span.start);
			pont_buf_addc(b, '\t');
			pont_buf_add_uint(b, x->span.end);
			pont_buf_addc(b, '\t');
			pont_buf_add_tsv(b, s + x->span.start, x->span.end - x->span.start);
			pont_buf_addc(b, '\n');
			break;
		default:
			if (x->block != prevblock) {
				pont_buf_addf(b, "%s¶%zu %s", prevblock == (size_t)-1 ? "" : "\n", x->block + 1, kind);
				if (bl->label.end > bl->label.start) {
					pont_buf_addc(b, ' ');
					pont_buf_add(b, s + bl->label.start, bl->label.end - bl->label.start);
				}
				if (bl->kind == PONT_BLOCK_HEADING || bl->kind == PONT_BLOCK_LIST_ITEM ||
				    bl->kind == PONT_BLOCK_QUOTE)
					pont_buf_addf(b, " %u", bl->level);
				pont_buf_addc(b, '\n');
			}
			text_sentence(b, s + x->span.start, x->span.end - x->span.start);
			break;
		}
		prevblock = x->block;
		flush(o, b, 1 << 18);
	}
	if (fmt == FMT_JSON)
		pont_buf_adds(b, "]}");
	pont_lines_release(&li);
}

static int
run(cli_env *env, int argc, char **argv)
{
	int fmt = env->format, rc = EXIT_OK, i, nfiles = argc ? argc : 1;
	pont_segmenter *sg;
	pont_error err;
	pont_buf out = PONT_BUF_INIT;
	cli_out o;
	char *stdin_only[] = { (char *)"-" };
	char **files = argc ? argv : stdin_only;
	pont_text *texts;

	if ((sg = pont_segmenter_new(env->lang, &err)) == NULL) {
		cli_report(&err);
		return cli_exit_code(err.code);
	}
	/* read and check every input first: a bad one means no output at all */
	if ((texts = calloc((size_t)nfiles, sizeof *texts)) == NULL)
		cli_oom();
	for (i = 0; i < nfiles; i++)
		rc = cli_worse(rc, cli_read(files[i], env->text_flags, &texts[i]));
	if (rc == EXIT_OK && (rc = cli_out_open(&o, env->output)) == EXIT_OK) {
		if (fmt == FMT_JSON)
			pont_buf_addf(&out, "{\"lang\":\"%s\",\"files\":[", env->lang);
		for (i = 0; i < nfiles && rc == EXIT_OK; i++) {
			pont_segs segs = PONT_SEGS_INIT;
			pont_doc_options dopt = cli_doc_options(env, files[i]);
			pont_doc *doc;

			if ((doc = pont_doc_parse(texts[i].data, texts[i].len, &dopt, &err)) == NULL ||
			    pont_segment_doc(sg, doc, &segs, &err) != PONT_OK) {
				err.file = cli_name(files[i]);
				cli_report(&err);
				rc = cli_exit_code(err.code);
			} else {
				emit(&o, &out, fmt, cli_name(files[i]), &texts[i], doc, &segs, nfiles, i == 0);
			}
			pont_segs_release(&segs);
			pont_doc_free(doc);
		}
		if (fmt == FMT_JSON)
			pont_buf_adds(&out, "\n]}\n");
		cli_out_write(&o, out.p, out.len);
		rc = cli_worse(rc, cli_out_close(&o, rc == EXIT_OK));
	}
	for (i = 0; i < nfiles; i++)
		pont_text_release(&texts[i]);
	free(texts);
	pont_segmenter_free(sg);
	pont_buf_release(&out);
	return rc;
}

static const char *const synopsis[] = { "[OPTIONS] [FILE...]", NULL };
static const int shared_opts[] = { CLI_O_LANG, CLI_O_FORMAT, CLI_O_INPUT, CLI_O_PARAGRAPHS, CLI_O_FIELDS, CLI_O_REPLACE_INVALID,
				   CLI_O_OUTPUT, 0 };

const cli_command cmd_segment = {
	"segment", "split an article into paragraphs and sentences (ICU)", synopsis,
	"Splits each article into paragraphs (title, standfirst, headings, speaker turns,\n"
	"paragraphs, list items, quotes) and sentences, with ICU's sentence rules plus\n"
	"pont's abbreviation lists. Speaker labels ('Kate :') are kept apart from the text.\n"
	"Offsets are bytes into the input; nothing but white space, markup and labels lies\n"
	"between two sentences.",
	shared_opts, NULL, "text json tsv", 0, "0 ok, 2 usage, 3 bad input (invalid UTF-8), 4 I/O error.",
	NULL, NULL, run
};
