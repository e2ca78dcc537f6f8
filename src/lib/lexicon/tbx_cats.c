/* tbx_cats.c: the TBX elements and data categories pont knows: which element carries each
 * category, the levels TBX-Basic and TBX-Min allow it at, and their picklists. */
#include <string.h>

#include "tbx.h"

static const tbx_element elements[] = {
	{ "tbx", E_ROOT }, { "martif", E_ROOT }, { "TBX", E_ROOT },
	{ "tbxHeader", E_HEADER }, { "martifHeader", E_HEADER }, { "header", E_HEADER },
	{ "fileDesc", E_HEADER_PART }, { "titleStmt", E_HEADER_PART }, { "publicationStmt", E_HEADER_PART },
	{ "sourceDesc", E_HEADER_PART }, { "encodingDesc", E_HEADER_PART }, { "revisionDesc", E_HEADER_PART },
	{ "change", E_HEADER_PART }, { "p", E_P }, { "title", E_TITLE },
	{ "text", E_TEXT }, { "body", E_BODY }, { "back", E_BACK },
	{ "refObjectSec", E_BACKPART }, { "refObjectList", E_BACKPART }, { "refObject", E_BACKPART },
	{ "item", E_BACKPART }, { "itemGrp", E_BACKPART }, { "itemSet", E_BACKPART },
	{ "conceptEntry", E_CONCEPT }, { "termEntry", E_CONCEPT },
	{ "langSec", E_LANG }, { "langSet", E_LANG },
	{ "termSec", E_TERMSEC }, { "tig", E_TERMSEC }, { "ntig", E_TERMSEC }, { "termGrp", E_TERMGRP },
	{ "term", E_TERM }, { "termNote", E_TERMNOTE }, { "termNoteGrp", E_TERMNOTEGRP },
	{ "termCompList", E_TERMCOMP }, { "termComp", E_TERMCOMP }, { "termCompGrp", E_TERMCOMP },
	{ "descrip", E_DESCRIP }, { "descripGrp", E_DESCRIPGRP }, { "descripNote", E_ADMINNOTE },
	{ "admin", E_ADMIN }, { "adminGrp", E_ADMINGRP }, { "adminNote", E_ADMINNOTE },
	{ "transacGrp", E_TRANSACGRP }, { "transac", E_TRANSAC }, { "transacNote", E_TRANSACNOTE },
	{ "date", E_DATE }, { "note", E_NOTE }, { "ref", E_REF }, { "xref", E_XREF },
	{ "hi", E_INLINE }, { "foreign", E_INLINE }, { "ph", E_INLINE }, { "sc", E_INLINE },
	{ "ec", E_INLINE }, { "bpt", E_INLINE }, { "ept", E_INLINE }, { "it", E_INLINE },
};

const tbx_element *
pont__tbx_elements(size_t *n)
{
	*n = sizeof elements / sizeof elements[0];
	return elements;
}

static const struct dcinfo dcs[] = {
	{ "definition", DC_DEFINITION, E_DESCRIP, L_CONCEPT | L_LANG, 1, 0, NULL },
	{ "subjectField", DC_SUBJECT, E_DESCRIP, L_CONCEPT, 1, 1, NULL },
	{ "context", DC_CONTEXT, E_DESCRIP, L_TERM, 1, 0, NULL },
	{ "explanation", DC_EXPLANATION, E_DESCRIP, L_ANY, 0, 0, NULL },
	{ "partOfSpeech", DC_POS, E_TERMNOTE, L_TERM, 1, 1, "noun|verb|adjective|adverb|properNoun|other" },
	{ "termType", DC_TERMTYPE, E_TERMNOTE, L_TERM, 1, 0,
	  "fullForm|acronym|abbreviation|shortForm|variant|phrase" },
	{ "grammaticalGender", DC_GENDER, E_TERMNOTE, L_TERM, 1, 0, "masculine|feminine|neuter|other" },
	{ "grammaticalNumber", DC_NUMBER, E_TERMNOTE, L_TERM, 1, 0, "singular|plural|dual|mass|other" },
	{ "administrativeStatus", DC_ADMSTATUS, E_TERMNOTE, L_TERM, 1, 1,
	  "preferredTerm-admn-sts|admittedTerm-admn-sts|deprecatedTerm-admn-sts|supersededTerm-admn-sts" },
	{ "usageStatus", DC_USAGESTATUS, E_TERMNOTE, L_TERM, 1, 1, "preferred|admitted|deprecated|superseded" },
	{ "normativeAuthorization", DC_NORMAUTH, E_TERMNOTE, L_TERM, 0, 0, NULL },
	{ "geographicalUsage", DC_GEO, E_TERMNOTE, L_TERM, 1, 0, NULL },
	{ "termLocation", DC_TERMLOC, E_TERMNOTE, L_TERM, 1, 0, NULL },
	{ "source", DC_SOURCE, E_ADMIN, L_ANY, 1, 0, NULL },
	{ "customerSubset", DC_CUSTOMER, E_ADMIN, L_ANY, 1, 1, NULL },
	{ "projectSubset", DC_PROJECT, E_ADMIN, L_ANY, 1, 0, NULL },
	/* pont's own: how strictly `pont check` holds the concept; accepted in every dialect */
	{ "enforcement", DC_ENFORCEMENT, E_ADMIN, L_CONCEPT, 1, 1, NULL },
	/* "creation" is what MultiTerm exports, and the TBX-Basic test files accept it */
	{ "transactionType", DC_TRANSTYPE, E_TRANSAC, L_ANY, 1, 0, "origination|creation|modification" },
	{ "responsibility", DC_RESP, E_TRANSACNOTE, L_ANY, 1, 0, NULL },
	{ "crossReference", DC_CROSSREF, E_REF, L_ANY, 1, 0, NULL },
	{ "relatedConcept", DC_RELATED, E_REF, L_ANY, 1, 0, NULL },
	{ "relatedTerm", DC_RELATED, E_REF, L_ANY, 1, 0, NULL },
	{ "externalCrossReference", DC_EXTREF, E_XREF, L_ANY, 1, 0, NULL },
	{ "xGraphic", DC_XGRAPHIC, E_XREF, L_ANY, 1, 0, NULL },
};

const struct dcinfo *
pont__tbx_find_dc(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof dcs / sizeof dcs[0]; i++)
		if (strcmp(dcs[i].name, name) == 0)
			return &dcs[i];
	return NULL;
}

int
pont__tbx_in_picklist(const char *list, const char *v)
{
	size_t n = strlen(v);
	const char *p = list;

	while (*p) {
		const char *e = strchr(p, '|');
		size_t k = e ? (size_t)(e - p) : strlen(p);

		if (k == n && strncmp(p, v, n) == 0)
			return 1;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return 0;
}
