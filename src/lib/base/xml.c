/* xml.c: the expat parser every reader of the library starts from (see xml.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xml.h"

static unsigned long max_depth = 1000000;

void
pont_set_xml_max_depth(unsigned long n)
{
	max_depth = n ? n : 1000000;
}

void
pont__xml_here(const pont_xml *x, unsigned long *line, unsigned long *col)
{
	*line = (unsigned long)XML_GetCurrentLineNumber(x->p);
	*col = (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1;
}

void
pont__xml_fail(pont_xml *x, pont_status code, const char *fmt, ...)
{
	char msg[sizeof x->err->msg];
	unsigned long line, col;
	va_list ap;

	if (x->fatal)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pont__xml_here(x, &line, &col);
	pont_fail_at(x->err, code, x->name, line, col, "%s", msg);
	x->fatal = 1;
	XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL
on_entity_decl(void *ud, const XML_Char *name, int is_param, const XML_Char *value, int vlen, const XML_Char *base,
	       const XML_Char *system, const XML_Char *pub, const XML_Char *notation)
{
	(void)is_param, (void)value, (void)vlen, (void)base, (void)pub, (void)notation;
	pont__xml_fail(ud, PONT_EPARSE, "entity declaration '%s' refused: pont reads no %s entities", name,
		       system ? "external" : "user-defined");
}

/* An entity expat would leave out: declared, if at all, in a DTD pont does not read. */
static void XMLCALL
on_skipped(void *ud, const XML_Char *name, int is_param)
{
	pont__xml_fail(ud, PONT_EPARSE, "the entity %s%s; is not declared in the file (pont reads no DTD): write the "
		       "character itself", is_param ? "%" : "&", name);
}

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
	pont_xml *x = ud;

	(void)name, (void)sys, (void)pub, (void)internal;
	x->dtd = 1;
}

void
pont__xml_init(pont_xml *x, void *ud, char sep, const char *name, pont_error *err)
{
	memset(x, 0, sizeof *x);
	x->name = name;
	x->err = err;
	x->p = sep ? XML_ParserCreateNS(NULL, sep) : XML_ParserCreate(NULL);
	if (x->p == NULL)
		pont__oom(0);
	XML_SetUserData(x->p, ud);
	XML_SetEntityDeclHandler(x->p, on_entity_decl);
	XML_SetSkippedEntityHandler(x->p, on_skipped);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
}

/* An entity reference other than the five of XML in the start tag being read: with a DTD, expat
 * drops an undeclared one from an attribute value without a word. */
static void
attribute_entities(pont_xml *x)
{
	int off = 0, size = 0, n = XML_GetCurrentByteCount(x->p);
	const char *buf = XML_GetInputContext(x->p, &off, &size), *s, *end;

	if (buf == NULL || n <= 0 || off < 0 || off + n > size)
		return;
	for (s = buf + off, end = s + n; (s = memchr(s, '&', (size_t)(end - s))) != NULL; s++) {
		const char *e = s + 1;
		size_t len;

		while (e < end && *e != ';' && *e != '"' && *e != '\'' && *e != '&')
			e++;
		len = (size_t)(e - s - 1);
		if (e == end || *e != ';' || s[1] == '#' ||
		    (len == 3 && !memcmp(s + 1, "amp", 3)) ||
		    (len == 2 && (!memcmp(s + 1, "lt", 2) || !memcmp(s + 1, "gt", 2))) ||
		    (len == 4 && (!memcmp(s + 1, "quot", 4) || !memcmp(s + 1, "apos", 4))))
			continue;
		pont__xml_fail(x, PONT_EPARSE, "the entity &%.*s; is not declared in the file (pont reads no DTD): write the "
			       "character itself", (int)(len < 64 ? len : 64), s + 1);
		return;
	}
}

int
pont__xml_enter(pont_xml *x)
{
	if (x->fatal)
		return 0;
	if (++x->depth > max_depth) {
		pont__xml_fail(x, PONT_ELIMIT, "elements nested more than %lu deep", max_depth);
		return 0;
	}
	if (x->dtd)
		attribute_entities(x);
	return !x->fatal;
}

int
pont__xml_leave(pont_xml *x)
{
	if (x->fatal)
		return 0;
	x->depth--;
	return 1;
}

pont_status
pont__xml_parse(pont_xml *x, const char *data, size_t len)
{
	size_t off = 0;

	/* in pieces: expat takes an int length, and memory stays flat whatever the size */
	do {
		size_t n = len - off > (1u << 20) ? (1u << 20) : len - off;

		if (XML_Parse(x->p, data + off, (int)n, off + n == len) == XML_STATUS_ERROR) {
			enum XML_Error e = XML_GetErrorCode(x->p);

			if (!x->fatal)
				pont__xml_fail(x, PONT_EPARSE, "not well-formed XML: %s%s", XML_ErrorString(e),
					       e == XML_ERROR_UNKNOWN_ENCODING ?
						       " (pont reads UTF-8, UTF-16, ISO-8859-1 and US-ASCII: convert the "
						       "file, e.g. with iconv)" :
						       "");
			x->fatal = 1;
		}
		off += n;
	} while (off < len && !x->fatal);
	return x->fatal ? (x->err ? x->err->code : PONT_EPARSE) : PONT_OK;
}

void
pont__xml_free(pont_xml *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
}
