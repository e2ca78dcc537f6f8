/* xml.h: what the library's expat readers (TBX, TMX, XLIFF) share. A reader's state begins with
 * a pont_xml; the parser it makes refuses what pont never reads: entity declarations, entities
 * it would skip (declared in a DTD it does not read), and elements nested deeper than the limit
 * (pont_set_xml_max_depth). The first error stops the parser, with its position. */
#ifndef PONT_XML_H
#define PONT_XML_H

#include <expat.h>

#include "internal.h"

typedef struct pont_xml {
	XML_Parser p;
	const char *name;		/* the file, for messages */
	pont_error *err;
	int fatal;			/* an error was reported: the parser is stopped */
	int dtd;			/* a document type declaration was seen */
	unsigned long depth;		/* elements open */
} pont_xml;

/* Makes x->p (namespace separator sep, 0 for none) for ud, whose first member is x. */
void pont__xml_init(pont_xml *x, void *ud, char sep, const char *name, pont_error *err);
/* Reports an error at the parser's position (code, message) and stops the parser. */
void pont__xml_fail(pont_xml *x, pont_status code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The parser's position: 1-based line and column. */
void pont__xml_here(const pont_xml *x, unsigned long *line, unsigned long *col);
/* Called first by every start-element handler: 0 when the reader must stop (an earlier error,
 * too deep, an undeclared entity in the tag's attributes), else 1 with the element counted. */
int pont__xml_enter(pont_xml *x);
/* Called first by every end-element handler: 0 when the reader must stop. */
int pont__xml_leave(pont_xml *x);
/* Parses data[0, len) in pieces; on malformed XML reports "not well-formed XML: ..." (unless an
 * error was reported already). Returns PONT_OK or the error's code. */
pont_status pont__xml_parse(pont_xml *x, const char *data, size_t len);
void pont__xml_free(pont_xml *x);

#endif
