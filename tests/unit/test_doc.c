/* test_doc.c: the document model, the segmenter and the normalizer, on small cases. */
#include <stdlib.h>

#include "harness.h"
#include "pont.h"

static pont_segmenter *fr, *en;

/* The sentences of text as "s1|s2|...", paragraphs separated by "||". */
static char *
sents(pont_segmenter *sg, pont_format f, const char *text)
{
	pont_doc_options o = { f, PONT_PARA_AUTO, NULL };
	pont_doc *d = pont_doc_parse(text, strlen(text), &o, NULL);
	pont_segs s = PONT_SEGS_INIT;
	pont_buf b = PONT_BUF_INIT;
	size_t i;

	if (pont_segment_doc(sg, d, &s, NULL) != PONT_OK)
		abort();
	pont_buf_adds(&b, "");
	for (i = 0; i < s.n; i++) {
		if (i)
			pont_buf_adds(&b, s.v[i].block == s.v[i - 1].block ? "|" : "||");
		pont_buf_add(&b, text + s.v[i].span.start, s.v[i].span.end - s.v[i].span.start);
	}
	pont_segs_release(&s);
	pont_doc_free(d);
	return b.p;
}

#define SEG(sg, text, want) do { char *got_ = sents(sg, PONT_FORMAT_TEXT, text); STR_EQ(got_, want); free(got_); } while (0)
#define SEGMD(text, want) do { char *got_ = sents(fr, PONT_FORMAT_MARKDOWN, text); STR_EQ(got_, want); free(got_); } while (0)

/* "kind:speaker" of each block, space-separated. */
static char *
kinds(pont_format f, const char *text)
{
	pont_doc_options o = { f, PONT_PARA_AUTO, NULL };
	pont_doc *d = pont_doc_parse(text, strlen(text), &o, NULL);
	pont_buf b = PONT_BUF_INIT;
	size_t i;

	pont_buf_adds(&b, "");
	for (i = 0; i < pont_doc_nblocks(d); i++) {
		const pont_block *bl = pont_doc_block(d, i);

		pont_buf_addf(&b, "%s%s", i ? " " : "", pont_block_kind_name(bl->kind));
		if (bl->label.end > bl->label.start)
			pont_buf_addf(&b, ":%.*s", (int)(bl->label.end - bl->label.start), text + bl->label.start);
	}
	pont_doc_free(d);
	return b.p;
}

#define KINDS(f, text, want) do { char *got_ = kinds(f, text); STR_EQ(got_, want); free(got_); } while (0)

static char *
norm(pont_norm_target t, pont_format f, const char *text)
{
	pont_doc_options o = { f, PONT_PARA_AUTO, NULL };
	pont_norm_options no = { t, 0x202F };
	pont_buf b = PONT_BUF_INIT, again = PONT_BUF_INIT;
	pont_findings ch = PONT_FINDINGS_INIT;

	if (pont_normalize(text, strlen(text), &o, &no, &b, &ch, NULL) != PONT_OK)
		abort();
	pont_buf_adds(&b, "");
	/* applying the reported changes gives the same text, and a second run changes nothing */
	pont_apply_changes(text, strlen(text), &ch, &again);
	OK(strcmp(again.p ? again.p : "", b.p) == 0);
	pont_buf_reset(&again);
	pont_findings_release(&ch);
	pont_normalize(b.p, b.len, &o, &no, &again, &ch, NULL);
	OK(ch.n == 0);
	pont_findings_release(&ch);
	pont_buf_release(&again);
	return b.p;
}

#define NORM(t, text, want) do { char *got_ = norm(t, PONT_FORMAT_TEXT, text); STR_EQ(got_, want); free(got_); } while (0)
#define NORMMD(t, text, want) do { char *got_ = norm(t, PONT_FORMAT_MARKDOWN, text); STR_EQ(got_, want); free(got_); } while (0)
#define NB "\xE2\x80\xAF"

static void
test_turns(void)
{
	KINDS(PONT_FORMAT_TEXT, "Titre de l'article\nKate : Salut !\nLucas : Salut Kate.\nKate : Bien ?\n",
	      "title turn:Kate turn:Lucas turn:Kate");
	KINDS(PONT_FORMAT_TEXT, "Titre\nKate: Salut !\nJean-Marc de La Tour : Oui.\nJean-Marc de La Tour : Non.\nKate: Bon.\n",
	      "title turn:Kate turn:Jean-Marc de La Tour turn:Jean-Marc de La Tour turn:Kate");
	/* a label seen once is a turn only when it is bold or dash-led */
	KINDS(PONT_FORMAT_MARKDOWN, "# Titre\n\n**Kate** : Salut !\n\n— Lucas : Oui.\n\nAttention : piège.\n\nPetit problème : rien.\n",
	      "title turn:Kate turn:Lucas paragraph paragraph");
	KINDS(PONT_FORMAT_MARKDOWN, "**Kate :** Salut !\n\nSalut : non.\n\nFin du texte.\n", "turn:Kate paragraph paragraph");
	/* interviews of real posts: questions as headings (a label with a period, bold to the end),
	 * a bold question with a label of two words, each next to an answer */
	KINDS(PONT_FORMAT_MARKDOWN, "# Titre\n\n#### Stéph. : Sarah, peux-tu te présenter ?\n\n**Sarah :** Oui.\n\n"
	      "**La team : Et ensuite ?**\n\n**Sarah :** Rien.\n\n### **Elisa : Pourquoi ?**\n\nParce que.\n\n"
	      "## Docker : les bases\n\nTexte.\n",
	      "title turn:Stéph. turn:Sarah turn:La team turn:Sarah turn:Elisa paragraph heading paragraph");
	/* not names: lower-case word, parentheses, digits, URL scheme, time */
	KINDS(PONT_FORMAT_TEXT, "T\nTrajectoire(S) : a\nTrajectoire(S) : b\n1ère partie : x\nhttp://a.b : y\nà 9:30 : z\n",
	      "title paragraph paragraph paragraph paragraph paragraph");
}

static void
test_markdown(void)
{
	KINDS(PONT_FORMAT_MARKDOWN,
	      "---\ntitle: x\n---\n# Titre\n\nChapô assez long pour être un chapeau, vraiment.\n\n## Partie\n\n"
	      "- un\n- deux\n  suite\n\n> cité\n> encore\n\n```\ncode. Pas. Segmenté.\n```\n\n***\n\n"
	      "    indenté\n\n<div>\nhtml\n</div>\n\n[ref]: http://x.y\n\nSous-titre\n----------\n",
	      "field:title title standfirst heading list-item list-item quote code rule code html heading");
	/* a tight ordered list is three items; a GFM table's cells are blocks of their own (not the
	 * delimiter row); a footnote's text is a paragraph; a heading inside a list item is one */
	KINDS(PONT_FORMAT_MARKDOWN,
	      "# Titre\n\n1. un\n2. deux\n3. trois\n\n| a | b |\n|---|---|\n| c | |\n\nVoir[^1].\n\n"
	      "[^1]: La note.\n\n- # Dans la liste\n",
	      "title list-item list-item list-item cell cell cell paragraph paragraph heading");
	SEGMD("# Titre. Deux\n", "Titre.|Deux");
	/* a list number kept as text (found in a real post): not a sentence of its own */
	SEGMD("1\\. Premier point. Suite.\n", "1\\. Premier point.|Suite.");
	/* inline code, links and emphasis: no split inside, markup kept in the sentence */
	SEGMD("Lancez `make test. Puis` ensuite. Voir [la doc. Ici](http://a.b/c.d) maintenant. **Fin.** Oui.\n",
	      "Lancez `make test. Puis` ensuite.|Voir [la doc. Ici](http://a.b/c.d) maintenant.|Fin.|Oui.");
	/* soft line breaks and quote prefixes are not sentence ends */
	SEGMD("> Une phrase\n> sur deux lignes. Puis une autre.\n", "Une phrase\n> sur deux lignes.|Puis une autre.");
	SEGMD("Texte <span class=\"a. B\">ici</span>. Fin.\n", "Texte <span class=\"a. B\">ici</span>.|Fin.");
	SEGMD("Écrire à <kate@example.fr>. Ou <https://ex.fr/a. b>. Oui.\n",
	      "Écrire à <kate@example.fr>.|Ou <https://ex.fr/a. b>.|Oui.");
}

static void
test_segment_fr(void)
{
	SEG(fr, "M. Dupont et Mme Durand sont là. MM. Martin aussi.", "M. Dupont et Mme Durand sont là.|MM. Martin aussi.");
	SEG(fr, "Il a lu J. R. R. Tolkien. Puis il a dormi.", "Il a lu J. R. R. Tolkien.|Puis il a dormi.");
	SEG(fr, "Voir https://example.com/a.b?c=d. Ensuite, écrire à kate.b@example.fr. Merci.",
	    "Voir https://example.com/a.b?c=d.|Ensuite, écrire à kate.b@example.fr.|Merci.");
	SEG(fr, "Je surveille 24h/7j. Le taux est de 3,5 %. Il y a 10 000 serveurs. À 9h30. Fin.",
	    "Je surveille 24h/7j.|Le taux est de 3,5 %.|Il y a 10 000 serveurs.|À 9h30.|Fin.");
	SEG(fr, "C'est super :-). Aujourd'hui, oui.", "C'est super :-).|Aujourd'hui, oui.");
	SEG(fr, "Et puis... il est parti. Et là… il revient. Fin… Nouvelle phrase.",
	    "Et puis... il est parti.|Et là… il revient.|Fin…|Nouvelle phrase.");
	SEG(fr, "Leur parcours ? leur histoire ? Oui ! Vraiment.", "Leur parcours ? leur histoire ?|Oui !|Vraiment.");
	SEG(fr, "Voir p. ex. le chap. 3 et cf. fig. 2, env. 30 pages. Etc.",
	    "Voir p. ex. le chap. 3 et cf. fig. 2, env. 30 pages.|Etc.");
	SEG(fr, "Salut Lucas ! Merci beaucoup. Peux-tu te présenter ?", "Salut Lucas !|Merci beaucoup.|Peux-tu te présenter ?");
	SEG(fr, "En 52 av. J.-C. les Gaulois. Puis vint la suite.", "En 52 av. J.-C. les Gaulois.|Puis vint la suite.");
	SEG(fr, "", "");
	SEG(fr, "   \n \xC2\xA0 \n", "");
}

static void
test_segment_en(void)
{
	SEG(en, "Mr. Smith met Dr. Watson. They talked.", "Mr. Smith met Dr. Watson.|They talked.");
	SEG(en, "See e.g. the docs. Then stop.", "See e.g. the docs.|Then stop.");
}

static void
test_segment_text_covers(void)
{
	static const char *const cases[] = { "", "a", "Un. Deux. Trois", "x\n\ny. z\r\n", "...", "M. M. M.",
		"\xE2\x80\xA6\xE2\x80\xA6 ?! :-) http://a.b. Fin" };
	size_t k, i;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		pont_spans sp = PONT_SPANS_INIT;
		size_t n = strlen(cases[k]), at = 0;

		OK(pont_segment_text(fr, cases[k], n, &sp, NULL) == PONT_OK);
		for (i = 0; i < sp.n; i++) {
			OK(sp.v[i].start == at && sp.v[i].end > at);
			at = sp.v[i].end;
		}
		OK(at == n);
		pont_spans_release(&sp);
	}
}

static void
test_normalize(void)
{
	NORM(PONT_NORM_FR, "L'infra : c'est bien! Non ? « Oui »\n", "L’infra" NB ": c’est bien" NB "! Non" NB "? «" NB "Oui" NB "»\n");
	NORM(PONT_NORM_FR, "Attends...\n10 000 serveurs, 3,5% et 1 000 000 €.\n",
	     "Attends…\n10" NB "000 serveurs, 3,5" NB "% et 1" NB "000" NB "000" NB "€.\n");
	NORM(PONT_NORM_FR, "Quoi?! Il est 9:30. :-) ;-) std::vector\n", "Quoi" NB "?! Il est 9:30. :-) ;-) std::vector\n");
	NORM(PONT_NORM_FR, "En 2020 200 personnes ; 01 23 45 67 89.\n", "En 2020 200 personnes" NB "; 01 23 45 67 89.\n");
	NORM(PONT_NORM_FR, "Voir http://a.b/c?d=e ou kate@ex.fr : ok\n", "Voir http://a.b/c?d=e ou kate@ex.fr" NB ": ok\n");
	/* NFC: a decomposed é is composed, and the rules still apply after it */
	NORM(PONT_NORM_FR, "Cafe\xCC\x81 : oui\n", "Caf\xC3\xA9" NB ": oui\n");
	NORM(PONT_NORM_FR, "a\xE2\x80\x80" "b\n", "a\xE2\x80\x82" "b\n");	/* U+2000 -> U+2002 */
	NORM(PONT_NORM_EN, "Kate : « Salut » ! Il dit « a « b » c » et ‹ d ›.\n",
	     "Kate: “Salut”! Il dit “a ‘b’ c” et ‘ d ’.\n");
	NORM(PONT_NORM_EN, "Un “test” : oui ?\n", "Un “test”: oui?\n");
	NORM(PONT_NORM_EN, "Les « » vides.\n", "Les “” vides.\n");
	NORMMD(PONT_NORM_FR, "Le code `a ? b : c` et [lien ?](http://x.y/?a=1) : fin !\n",
	       "Le code `a ? b : c` et [lien" NB "?](http://x.y/?a=1)" NB ": fin" NB "!\n");
	NORMMD(PONT_NORM_EN, "**Kate** : ok ?\n\n```\na ? b\n```\n", "**Kate**: ok?\n\n```\na ? b\n```\n");
	/* CR LF and the BOM are kept */
	NORM(PONT_NORM_FR, "\xEF\xBB\xBFOui !\r\nNon !\r\n", "\xEF\xBB\xBFOui" NB "!\r\nNon" NB "!\r\n");
}

int
main(void)
{
	pont_error err;

	fr = pont_segmenter_new("fr", &err);
	en = pont_segmenter_new("en", &err);
	OK(fr && en);
	OK(pont_segmenter_new("de", &err) == NULL && err.code == PONT_EINVAL);
	test_turns();
	test_markdown();
	test_segment_fr();
	test_segment_en();
	test_segment_text_covers();
	test_normalize();
	pont_segmenter_free(fr);
	pont_segmenter_free(en);
	return DONE();
}
