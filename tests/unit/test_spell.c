/* test_spell.c: the speller's word rules against the real Debian Hunspell dictionaries:
 * apostrophes, elisions, hyphenated compounds, capitals, not-words, word lists, glossaries. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pont.h"

static pont_dict *fr, *en_us, *en_gb;

/* The words of text the speller reports as spelling errors, space-separated. */
static char *
flagged(pont_speller *sp, const char *text, const char *ids)
{
	static char out[4096];
	pont_doc *doc = pont_doc_parse(text, strlen(text), NULL, NULL);
	pont_findings f = PONT_FINDINGS_INIT;
	size_t i;

	out[0] = '\0';
	if (doc == NULL || pont_spell_doc(sp, doc, NULL, NULL, &f, NULL, NULL) != PONT_OK)
		return strcpy(out, "(failed)");
	for (i = 0; i < f.n; i++) {
		if (strstr(ids, f.v[i].id) == NULL)
			continue;
		if (out[0])
			strncat(out, " ", sizeof out - strlen(out) - 1);
		strncat(out, text + f.v[i].at.start, f.v[i].at.end - f.v[i].at.start < sizeof out - strlen(out) - 1 ?
			f.v[i].at.end - f.v[i].at.start : sizeof out - strlen(out) - 1);
	}
	pont_findings_release(&f);
	pont_doc_free(doc);
	return out;
}

static void
apostrophes_and_elisions(pont_speller *sp)
{
	STR_EQ(flagged(sp, "Aujourd’hui et aujourd'hui, c’est et c'est, qu’il et qu'il.\n", "spelling"), "");
	STR_EQ(flagged(sp, "L’Institut, l'infrastructure, jusqu’au bout, lorsqu’on part, d’IT.\n", "spelling"), "");
	/* an elided typo is still a typo, reported with its elision */
	STR_EQ(flagged(sp, "Il parle de l’infrastrcture.\n", "spelling"), "l’infrastrcture");
	STR_EQ(flagged(sp, "Il parle de l'infrastrcture.\n", "spelling"), "l'infrastrcture");
}

static void
hyphens(pont_speller *sp)
{
	STR_EQ(flagged(sp, "Peut-être, a-t-il dit, va-t-elle venir ? Vous-mêmes, c’est-à-dire.\n", "spelling"), "");
	STR_EQ(flagged(sp, "Un porte-monnaie et un arc-en-ciel.\n", "spelling"), "");
	/* a compound the dictionary does not know whole: only its wrong part */
	STR_EQ(flagged(sp, "Un porte-monaie.\n", "spelling"), "monaie");
}

static void
capitals(pont_speller *sp)
{
	STR_EQ(flagged(sp, "ETAT DES LIEUX ET DEVELOPPEMENT DE LA REFERENCE.\n", "spelling"), "");
	STR_EQ(flagged(sp, "Ecole et Etat, en début de phrase.\n", "spelling"), "");
	STR_EQ(flagged(sp, "INTRODCTION AU SUJET.\n", "spelling"), "INTRODCTION");
	/* acronyms of up to five capitals are not words; a capitalised word at a sentence start is */
	STR_EQ(flagged(sp, "Les SRE, la DSI et le CDI. Bonjour.\n", "spelling"), "");
	STR_EQ(flagged(sp, "Bonjuor à tous.\n", "spelling"), "Bonjuor");
	/* a capitalised word in mid-sentence that no dictionary has is a name, not a typo */
	STR_EQ(flagged(sp, "Il a vu Kean hier.\n", "spelling"), "");
	STR_EQ(flagged(sp, "Il a vu Kean hier.\n", "name"), "Kean");
	/* the same word at the start of a sentence, once seen as a name: a name too */
	STR_EQ(flagged(sp, "Kean arrive. Il a vu Kean hier.\n", "spelling"), "");
}

static void
not_words(pont_speller *sp)
{
	STR_EQ(flagged(sp, "Disponible 24h/7j, à 9h30, pour 3,5 % des cas, le 1er et la 1ère fois, au XXIe siècle.\n",
		       "spelling"), "");
	STR_EQ(flagged(sp, "Voir https://exemple.fr/chemn et ecrire@exemple.fr, le fichier /usr/share/dok et --helpp.\n",
		       "spelling"), "");
	STR_EQ(flagged(sp, "DevOps et GitHub, un_identifiant et fichier.conf.\n", "spelling"), "");
}

static void
repeated(pont_speller *sp)
{
	STR_EQ(flagged(sp, "Il a vu le le chat.\n", "repeated-word"), "le le");
	STR_EQ(flagged(sp, "Nous nous sommes vus. Vous vous trompez.\n", "repeated-word"), "");
	STR_EQ(flagged(sp, "Il a dit le. Le chat.\n", "repeated-word"), "");
}

static void
foreign_sentences(pont_speller *sp)
{
	/* a sentence in English inside French text is checked against the English dictionary */
	STR_EQ(flagged(sp, "Il cite : « The quick brown fox jumps over the lazy dog. » Puis il part.\n", "spelling"), "");
	STR_EQ(flagged(sp, "Il cite : « The quick brown fox jumsp over the lazy dog. » Puis il part.\n", "spelling"),
	       "jumsp");
	/* one English word in a French sentence is not English text */
	STR_EQ(flagged(sp, "Il aime le teamwork et le workflow.\n", "spelling"), "teamwork workflow");
}

static void
vocabulary(void)
{
	pont_speller *sp = pont_speller_new("fr", fr, en_us, NULL);
	pont_findings d = PONT_FINDINGS_INIT;
	const char list[] = "# comment\nkubectl\nzorglub/serveur\nglibouille/inconnuxyz\n";
	const char bad[] = "ok\nmauvais\xC3(\n";
	const char tbx[] = "<?xml version=\"1.0\"?><tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" "
			   "xmlns=\"urn:iso:std:iso:30042:ed-2\"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc>"
			   "</fileDesc></tbxHeader><text><body><conceptEntry id=\"c\"><langSec xml:lang=\"fr\"><termSec>"
			   "<term>kubernetisation applicative</term><termNote type=\"partOfSpeech\">noun</termNote></termSec>"
			   "<termSec><term>devops</term></termSec></langSec></conceptEntry></body></text></tbx>";
	pont_glossary *g = pont_glossary_load(tbx, strlen(tbx), "t.tbx", NULL, NULL);
	pont_error err;

	OK(g != NULL);
	STR_EQ(flagged(sp, "Les kubectl, zorglubs et glibouilles.\n", "spelling"), "kubectl zorglubs glibouilles");
	OK(pont_speller_add_wordlist(sp, list, sizeof list - 1, "l.dic", &d, NULL) == PONT_OK);
	OK(d.n == 1);			/* the unknown model: said, and the word kept alone */
	STR_EQ(flagged(sp, "Les kubectl, zorglubs et glibouilles, une glibouille.\n", "spelling"), "glibouilles");
	OK(pont_speller_add_wordlist(sp, bad, sizeof bad - 1, "bad.dic", NULL, &err) == PONT_EUTF8);
	OK(err.line == 2 && err.col == 8);
	/* glossary terms: each word, nouns with their plural */
	STR_EQ(flagged(sp, "Les kubernetisations, la kubernetisation, les devops.\n", "spelling"),
	       "kubernetisations kubernetisation devops");
	pont_speller_add_glossary(sp, g);
	STR_EQ(flagged(sp, "Les kubernetisations, la kubernetisation, les devops.\n", "spelling"), "");
	pont_glossary_free(g);
	pont_findings_release(&d);
	pont_speller_free(sp);
}

static void
english(void)
{
	pont_speller *us = pont_speller_new("en-US", en_us, fr, NULL);
	pont_speller *any = pont_speller_new("en", en_us, fr, NULL);

	STR_EQ(flagged(us, "Don't and don’t, the developers’ tools, Kate’s job, the SREs.\n", "spelling"), "");
	STR_EQ(flagged(us, "The colour of the organisation.\n", "spelling"), "colour organisation");
	pont_speller_set_variant(any, en_gb);
	STR_EQ(flagged(any, "The colour of the organisation and the color.\n", "spelling"), "");
	STR_EQ(flagged(any, "The recieve of the organisation.\n", "spelling"), "recieve");
	pont_speller_free(us);
	pont_speller_free(any);
}

int
main(void)
{
	pont_error err;
	pont_speller *sp;

	fr = pont_dict_open("fr", NULL, &err);
	en_us = pont_dict_open("en-US", NULL, &err);
	en_gb = pont_dict_open("en-GB", NULL, &err);
	OK(fr && en_us && en_gb);
	if (!(fr && en_us && en_gb)) {
		fprintf(stderr, "test_spell: %s\n", err.msg);
		return DONE();
	}
	sp = pont_speller_new("fr", fr, en_us, NULL);
	apostrophes_and_elisions(sp);
	hyphens(sp);
	capitals(sp);
	not_words(sp);
	repeated(sp);
	foreign_sentences(sp);
	pont_speller_free(sp);
	vocabulary();
	english();
	OK(pont_speller_new("de", fr, NULL, &err) == NULL && err.code == PONT_EINVAL);
	pont_dict_free(fr);
	pont_dict_free(en_us);
	pont_dict_free(en_gb);
	return DONE();
}
