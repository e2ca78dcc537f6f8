/* read_loop.c: reading an article, once, four ways: pont's document model over Markdown
 * (cmark-gfm underneath) or HTML (gumbo underneath), and each parser alone, walking its tree.
 * Usage: read_loop pont-md|pont-html|cmark|gumbo FILE. Prints how many blocks or nodes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <gumbo.h>

#include "pont.h"

static size_t
gumbo_count(const GumboNode *n)
{
	size_t k, c = 1;

	if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
		for (k = 0; k < n->v.element.children.length; k++)
			c += gumbo_count(n->v.element.children.data[k]);
	else if (n->type == GUMBO_NODE_DOCUMENT)
		for (k = 0; k < n->v.document.children.length; k++)
			c += gumbo_count(n->v.document.children.data[k]);
	return c;
}

int
main(int argc, char **argv)
{
	FILE *f;
	char *text;
	long n;
	size_t count = 0;

	if (argc != 3 || (f = fopen(argv[2], "rb")) == NULL)
		return 2;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = malloc((size_t)n + 1);
	if (text == NULL || fread(text, 1, (size_t)n, f) != (size_t)n)
		return 2;
	fclose(f);
	if (strncmp(argv[1], "pont-", 5) == 0) {
		pont_doc_options o = { strcmp(argv[1], "pont-md") == 0 ? PONT_FORMAT_MARKDOWN : PONT_FORMAT_HTML,
				       PONT_PARA_AUTO, NULL };
		pont_doc *d = pont_doc_parse(text, (size_t)n, &o, NULL);

		count = pont_doc_nblocks(d);
		pont_doc_free(d);
	} else if (strcmp(argv[1], "cmark") == 0) {
		static const char *const exts[] = { "table", "strikethrough", "autolink", "tasklist" };
		cmark_parser *p;
		cmark_node *root;
		cmark_iter *it;
		size_t k;

		cmark_gfm_core_extensions_ensure_registered();
		p = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES);
		for (k = 0; k < sizeof exts / sizeof *exts; k++)
			cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[k]));
		cmark_parser_feed(p, text, (size_t)n);
		root = cmark_parser_finish(p);
		it = cmark_iter_new(root);
		while (cmark_iter_next(it) != CMARK_EVENT_DONE)
			count++;
		cmark_iter_free(it);
		cmark_node_free(root);
		cmark_parser_free(p);
	} else {
		GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, text, (size_t)n);

		count = gumbo_count(out->document);
		gumbo_destroy_output(&kGumboDefaultOptions, out);
	}
	printf("%zu\n", count);
	free(text);
	return 0;
}
