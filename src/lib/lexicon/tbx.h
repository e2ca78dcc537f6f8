/* tbx.h: TBX's elements and data categories (tbx_cats.c), for the reader (tbx_read.c).
 * Private to the library. */
#ifndef PONT_LEXICON_TBX_H
#define PONT_LEXICON_TBX_H

#include <stddef.h>

enum el {
	E_UNKNOWN, E_ROOT, E_HEADER, E_HEADER_PART, E_P, E_TITLE, E_TEXT, E_BODY, E_BACK,
	E_CONCEPT, E_LANG, E_TERMSEC, E_TERMGRP, E_TERM, E_TERMNOTE, E_TERMNOTEGRP, E_DESCRIP,
	E_DESCRIPGRP, E_ADMIN, E_ADMINGRP, E_ADMINNOTE, E_TRANSACGRP, E_TRANSAC, E_TRANSACNOTE, E_DATE,
	E_NOTE, E_REF, E_XREF, E_INLINE, E_BACKPART, E_DCT, E_MIN13, E_TERMCOMP
};

typedef struct tbx_element {
	const char *name;
	enum el el;
} tbx_element;

/* The elements pont knows, by name; *n gets their number. */
const tbx_element *pont__tbx_elements(size_t *n);

/* Data categories pont knows; each has the level it belongs to. */
enum dc {
	DC_NONE, DC_DEFINITION, DC_SUBJECT, DC_CONTEXT, DC_POS, DC_TERMTYPE, DC_GENDER, DC_NUMBER,
	DC_ADMSTATUS, DC_USAGESTATUS, DC_NORMAUTH, DC_SOURCE, DC_CUSTOMER, DC_PROJECT, DC_GEO,
	DC_TERMLOC, DC_TRANSTYPE, DC_RESP, DC_CROSSREF, DC_EXTREF, DC_XGRAPHIC, DC_RELATED,
	DC_EXPLANATION, DC_ENFORCEMENT, DC_OTHER
};

enum { L_ANY = 0, L_CONCEPT = 1, L_LANG = 2, L_TERM = 4 };

struct dcinfo {
	const char *name;
	enum dc dc;
	enum el carrier;	/* the DCA element that carries it */
	unsigned levels;	/* where TBX-Basic and TBX-Min allow it */
	int basic, min;		/* in the dialect at all */
	const char *picklist;	/* '|'-separated allowed values, NULL for free text */
};

/* The data category named name, NULL when pont does not know it. */
const struct dcinfo *pont__tbx_find_dc(const char *name);
/* Is v one of the '|'-separated values of list? */
int pont__tbx_in_picklist(const char *list, const char *v);

#endif
