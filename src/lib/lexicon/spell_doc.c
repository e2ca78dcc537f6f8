/* spell_doc.c: spelling over the document model: ICU word breaks over the text with code, URLs
 * and markup masked, hyphenated compounds, names, technical tokens and sentences in the other
 * language told apart; findings with suggestions. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/utext.h>

#include "speller.h"

/* --- tokens --- */

typedef struct wtok {
	size_t start, end;	/* bytes of the text */
	uint32_t entry;		/* cache entry of the word */
	uint32_t sent;		/* index of its sentence */
	uint8_t initial;	/* may be capitalised for its position: sentence start, after a quote */
	uint8_t skip;		/* not a word to check: identifier, number, acronym... */
	uint8_t part;		/* part of a hyphenated compound the dictionary did not take whole */
	uint8_t head;		/* the first of those parts */
} wtok;

typedef struct tokv {
	wtok *v;
	size_t n, alloc;
} tokv;

/* The masked copy: everything that is not checked (non-text blocks, markers, labels,
 * code, URLs, markup) becomes spaces; line ends stay. */
static void
blank(char *m, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++)
		if (m[i] != '\n')
			m[i] = ' ';
}

static char *
masked_copy(const pont_doc *doc, const char *s, size_t len)
{
	char *m = xmalloc(len + 1);
	size_t nb = pont_doc_nblocks(doc), nmk, i, k, done = 0;
	const pont_mark *mk = pont_doc_marks(doc, &nmk);

	memcpy(m, s, len);
	m[len] = '\0';
	for (i = 0; i < nb; i++) {
		const pont_block *b = pont_doc_block(doc, i);

		blank(m, done, b->span.start);
		done = b->span.end;
		if (!pont_block_kind_is_text(b->kind)) {
			blank(m, b->span.start, b->span.end);
			continue;
		}
		blank(m, b->span.start, b->content.start);
		blank(m, b->content.end, b->span.end);
		for (k = 0; k < b->nmarks; k++)
			blank(m, mk[b->mark0 + k].span.start, mk[b->mark0 + k].span.end);
	}
	blank(m, done, len);
	return m;
}

static int
is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Is the token at [a, b) part of something technical written without spaces: a path
 * ("/usr/share", "debian/rules.d"), an option ("--help"), a file extension (".deb"), an
 * assignment, a variable, a hashtag? Looks at its run of non-space bytes.
 */
static int
technical(const char *m, size_t len, size_t a, size_t b)
{
	size_t s = a, e = b, i, slashes = 0;
	int odd = 0;

	while (s > 0 && !is_space_byte(m[s - 1]) && (unsigned char)m[s - 1] != 0xA0)
		s--;
	while (e < len && !is_space_byte(m[e]))
		e++;
	if (m[s] == '-' && s + 1 < e && (m[s + 1] == '-' || (m[s + 1] != ' ' && s + 1 == a)))
		return 1;			/* -l, --help */
	if (a > s && (m[a - 1] == '.' || m[a - 1] == '$' || m[a - 1] == '#' || m[a - 1] == '@' ||
		      m[a - 1] == '%' || m[a - 1] == '~' || m[a - 1] == '\\'))
		return 1;			/* .deb, $HOME, #tag */
	if (a > s + 1 && m[a - 1] == '(' && pont_cp_is_alnum((unsigned char)m[a - 2]))
		return 1;			/* the argument of ?maintainer(joeyh), f(x) */
	for (i = s; i < e; i++) {
		switch (m[i]) {
		case '/':
			slashes++;
			break;
		case '_': case '=': case '$': case '<': case '>': case '\\': case '{': case '}': case '|':
		case '~': case '*': case '`': case '[': case ']':
			odd = 1;
			break;
		case '.':
			if (i + 1 < e && i > s && pont_cp_is_alnum((unsigned char)m[i + 1]) &&
			    pont_cp_is_alnum((unsigned char)m[i - 1]))
				odd = 1;
			break;
		case ':':
			if (i + 1 < e && m[i + 1] != ' ' && i > s && m[i - 1] != ' ')
				odd = 1;	/* std::string, a:b */
			break;
		default:
			break;
		}
	}
	if (slashes && (odd || slashes > 1 || m[s] == '/' || m[e - 1] == '/'))
		return 1;
	return odd && (slashes || e - s > b - a + 2);
}

/* Words that are not words: numbers, times, ordinals, identifiers, short acronyms. */
static int
not_a_word(const char *w, size_t n, int shape, size_t letters)
{
	size_t i = 0, roman = 0;

	while (i < n) {
		uint32_t c = pont_utf8_next(w, n, &i);

		if (pont_cp_is_digit(c) || c == '_' || c == '.' || c == ':' || c == 0xB7 || c == '@' || c == '#')
			return 1;
	}
	if (letters <= 1)
		return 1;			/* "plan A", "x fois" */
	if (shape == C_MIXED)
		return 1;			/* DevOps, iPhone, SREs: names, identifiers, acronyms */
	if (shape == C_ALLCAPS && letters <= 5)
		return 1;			/* SRE, DSI, LDAP: acronyms */
	while (roman < n && w[roman] && strchr("IVXLCDM", w[roman]))
		roman++;
	if (roman > 0 && roman < n) {		/* XXIe, Ier, IIIème (w is not NUL-terminated) */
		static const char *const ends[] = { "e", "er", "re", "\xC3\xA8me", "es" };
		size_t k;

		for (k = 0; k < sizeof ends / sizeof ends[0]; k++)
			if (strlen(ends[k]) == n - roman && memcmp(w + roman, ends[k], n - roman) == 0)
				return 1;
	}
	return 0;
}

/*
 * Does the sentence at [a, b) of the masked text look like code rather than prose: a shell
 * prompt at its start, or many of the symbols prose does without ({ } [ ] $ = < > | \ _ # @ `)?
 * Plain text loses the code markup of its source; such sentences are not checked.
 */
static int
code_like(const char *m, size_t a, size_t b)
{
	size_t i, sym = 0, ink = 0;

	while (a < b && is_space_byte(m[a]))
		a++;
	if (b - a > 2 && (m[a] == '$' || m[a] == '#') && (m[a + 1] == ' ' || m[a + 1] == '!'))
		return 1;
	for (i = a; i < b; i++) {
		unsigned char c = (unsigned char)m[i];

		if (is_space_byte((char)c) || (c & 0xC0) == 0x80)
			continue;
		ink++;
		sym += c == '{' || c == '}' || c == '[' || c == ']' || c == '$' || c == '=' || c == '<' ||
		       c == '>' || c == '|' || c == '\\' || c == '_' || c == '#' || c == '@' || c == '`' || c == '/';
	}
	return ink >= 8 && sym * 100 >= ink * 3;
}

/* Is there, just before a, an opening that allows a capital: quote, bracket, colon, dash? */
static int
capital_allowed_after(const char *m, size_t a)
{
	size_t i = a, st;

	while (i > 0) {
		uint32_t c = pont_utf8_prev(m, i, &st);

		if (!pont_cp_is_space(c))
			return c == 0xAB || c == 0x201C || c == 0x2018 || c == '"' || c == ':' || c == 0x2014 ||
			       c == 0x2013 || c == 0x2026 || c == 0x2039 || c == '.' || c == '!' || c == '?';
		i = st;
	}
	return 1;
}

static void
add_token(pont_speller *sp, tokv *tv, const char *s, size_t a, size_t b)
{
	wtok *t;

	XGROW(tv->v, tv->alloc, tv->n + 1);
	t = &tv->v[tv->n++];
	memset(t, 0, sizeof *t);
	t->start = a;
	t->end = b;
	t->entry = pont__speller_entry(sp, s + a, b - a);
}

/* ICU's word breaks over the masked text; hyphenated compounds are taken whole when the
 * dictionary knows them ("peut-être", "a-t-il"), else part by part. */
static pont_status
tokenize(pont_speller *sp, const char *s, const char *m, size_t len, tokv *tv, pont_error *err)
{
	UErrorCode st = U_ZERO_ERROR;
	UText *ut = utext_openUTF8(NULL, m, (int64_t)len, &st);
	int32_t a, b;
	pont_spans raw = PONT_SPANS_INIT;
	size_t i, j;

	ubrk_setUText(sp->wb, ut, &st);
	if (U_FAILURE(st)) {
		utext_close(ut);
		return pont_fail(err, PONT_EICU, "ICU word breaks: %s", u_errorName(st));
	}
	for (a = ubrk_first(sp->wb), b = ubrk_next(sp->wb); b != UBRK_DONE; a = b, b = ubrk_next(sp->wb)) {
		int32_t rs = ubrk_getRuleStatus(sp->wb);

		if (rs >= UBRK_WORD_LETTER || (rs >= UBRK_WORD_NUMBER && rs < UBRK_WORD_NUMBER_LIMIT))
			pont_spans_push(&raw, (size_t)a, (size_t)b);
	}
	utext_close(ut);
	for (i = 0; i < raw.n; i = j) {
		size_t e = raw.v[i].end, h;

		/* the longest run of tokens joined by single hyphens */
		for (j = i + 1; j < raw.n; j++) {
			h = raw.v[j - 1].end;
			{
				size_t k = h;
				uint32_t c = pont_utf8_next(m, len, &k);

				if (!pont_cp_is_hyphen(c) || k != raw.v[j].start)
					break;
			}
			e = raw.v[j].end;
		}
		if (j - i > 1) {
			size_t whole = tv->n, k;

			add_token(sp, tv, s, raw.v[i].start, e);
			if (pont__speller_verdict(sp, tv->v[whole].entry, 1) == V_OK)
				continue;
			tv->n--;		/* not known whole: its parts */
			for (k = i; k < j; k++) {
				add_token(sp, tv, s, raw.v[k].start, raw.v[k].end);
				tv->v[tv->n - 1].part = k > i;
				tv->v[tv->n - 1].head = k == i;
			}
		} else {
			add_token(sp, tv, s, raw.v[i].start, raw.v[i].end);
		}
	}
	pont_spans_release(&raw);
	return PONT_OK;
}

/* Is the token part of a word that emphasis cuts ("**S**trengths", "re*load*ed")? A run of
 * * or _ between it and a letter. Such pieces are not words to check. */
static int
emphasis_cut(const char *s, size_t len, const wtok *t)
{
	size_t i = t->end, j = t->start, st;

	while (i < len && (s[i] == '*' || s[i] == '_'))
		i++;
	if (i > t->end && i < len && pont_cp_is_letter(pont_utf8_next(s, len, &i)))
		return 1;
	while (j > 0 && (s[j - 1] == '*' || s[j - 1] == '_'))
		j--;
	return j < t->start && j > 0 && pont_cp_is_letter(pont_utf8_prev(s, j, &st));
}

/* The words two tokens are, compared without case. */
static int
same_word(pont_speller *sp, const wtok *x, const wtok *y, const char *s)
{
	pont_buf a = PONT_BUF_INIT, b = PONT_BUF_INIT;
	int same;

	pont__plain_letters(s + x->start, x->end - x->start, &a);
	pont__plain_letters(s + y->start, y->end - y->start, &b);
	/* "the Menu menu", "Column column": a name, then the word; short words doubled whatever
	 * their case ("Il il", "The the") */
	same = a.len == b.len && memcmp(a.p, b.p, a.len) == 0 && (s[x->start] == s[y->start] || a.len <= 3);
	if (same) {			/* "nous nous", "vous vous", "had had", "that that" */
		static const char *const ok_fr[] = { "nous", "vous" };
		static const char *const ok_en[] = { "had", "that" };
		const char *const *ok = sp->fr ? ok_fr : ok_en;
		size_t k;

		for (k = 0; k < 2; k++)
			if (strcmp(a.p, ok[k]) == 0)
				same = 0;
	}
	pont_buf_release(&a);
	pont_buf_release(&b);
	return same;
}

/* Is a token of the same sentence, before or after k, a capitalised word, with only short
 * lower-case words (at most two) between? */
static int
capital_near(const char *s, const wtok *v, size_t from, size_t to, size_t k, int dir)
{
	size_t steps, letters, q = k;

	for (steps = 0; steps < 3; steps++) {
		const wtok *t;
		int shape;

		if (dir < 0 ? q <= from : q + 1 >= to)
			return 0;
		q = dir < 0 ? q - 1 : q + 1;
		t = &v[q];
		shape = pont__case_shape(s + t->start, t->end - t->start, &letters);
		if (shape == C_CAPITAL || shape == C_ALLCAPS)
			return 1;
		if (shape != C_LOWER || letters > 4)
			return 0;
	}
	return 0;
}

/* "Software in the Public Interest", "Bank of America": small words inside a name. */
static int
inside_name(const char *s, const wtok *v, size_t from, size_t to, size_t k)
{
	return v[k].end - v[k].start <= 4 && capital_near(s, v, from, to, k, -1) && capital_near(s, v, from, to, k, 1);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Hunspell's suggestions for entry id, within the time allowed: a long word takes Hunspell long
 * (and is seldom a typing slip), and a text of many unknown words must not take minutes. */
static void
suggestions(pont_speller *sp, uint32_t id, pont_dict *d, int max, double allowed)
{
	pont_buf out = PONT_BUF_INIT;
	wentry *x = &sp->e[id];
	const char *w = pont__speller_word(sp, id);
	double t0;
	int n;

	if (x->sugg != UINT32_MAX)
		return;
	if (strlen(w) > 40 || sp->sugg_spent >= allowed) {
		x->sugg = (uint32_t)sp->pool.len;
		x->nsugg = 0;
		sp->unsuggested++;
		return;
	}
	t0 = now();
	n = pont_dict_suggest(d, w, max, &out);
	sp->sugg_spent += now() - t0;
	x = &sp->e[id];
	x->sugg = (uint32_t)sp->pool.len;
	x->nsugg = (uint8_t)n;
	if (out.len)
		pont_buf_add(&sp->pool, out.p, out.len);
	pont_buf_release(&out);
}

/* Which variety's spellings to report (VAR_MAIN, VAR_VARIANT), VAR_UNSET for none; *mixed gets
 * 1 when only because the text mixes both. Counts the accepted words of each variety. */
static uint8_t
variety_to_report(pont_speller *sp, const tokv *tv, const pont_spell_options *opt, int *mixed, size_t *nmain,
		  size_t *nvar)
{
	size_t i;

	*mixed = 0;
	*nmain = *nvar = 0;
	if (!opt->variants || sp->variant == NULL || sp->fr)
		return VAR_UNSET;
	for (i = 0; i < tv->n; i++) {
		const wtok *t = &tv->v[i];
		uint8_t v;

		if (t->skip || sp->e[t->entry].label || pont__speller_verdict(sp, t->entry, 1) != V_OK)
			continue;
		v = pont__speller_variety(sp, t->entry, NULL);
		*nmain += v == VAR_MAIN;
		*nvar += v == VAR_VARIANT;
	}
	if (opt->variants == 1)
		return *nvar ? VAR_VARIANT : VAR_UNSET;
	if (*nmain == 0 || *nvar == 0)
		return VAR_UNSET;
	*mixed = 1;
	return *nvar <= *nmain ? VAR_VARIANT : VAR_MAIN;
}

static void
report_variant(pont_speller *sp, const wtok *t, uint8_t which, int mixed, size_t nmain, size_t nvar,
	       pont_findings *out)
{
	pont_buf other = PONT_BUF_INIT;
	int british = pont__speller_british(sp) == (which == VAR_MAIN);
	const char *w = pont__speller_word(sp, t->entry);

	pont__speller_variety(sp, t->entry, &other);
	if (mixed)
		pont_findings_add(out, PONT_ID_SPELL_VARIANT, PONT_SEV_INFO, t->start, t->end, NULL, 0,
				  "'%s' is %s spelling, in a text that mostly uses %s spelling (%zu words to %zu)%s%s", w,
				  british ? "British" : "American", british ? "American" : "British",
				  which == VAR_MAIN ? nvar : nmain, which == VAR_MAIN ? nmain : nvar,
				  other.len ? ": " : "", other.len ? other.p : "");
	else
		pont_findings_add(out, PONT_ID_SPELL_VARIANT, PONT_SEV_WARNING, t->start, t->end, NULL, 0,
				  "'%s' is %s spelling; the text is to be %s%s%s", w, british ? "British" : "American",
				  british ? "American (en-US)" : "British (en-GB)", other.len ? ": " : "",
				  other.len ? other.p : "");
	if (other.len)
		pont_findings_set_alts(out, other.p, 1);
	pont_buf_release(&other);
}

static void
report_unknown(pont_speller *sp, const wtok *t, const pont_spell_options *opt, int foreign, pont_findings *out)
{
	wentry *x;
	const char *w, *s;
	pont_buf msg = PONT_BUF_INIT;
	unsigned k;

	if (opt->suggest > 0)	/* may grow the pool: pointers into it are taken after */
		suggestions(sp, t->entry, foreign ? sp->other : sp->dict, opt->suggest > 9 ? 9 : opt->suggest,
			    opt->suggest_seconds > 0 ? opt->suggest_seconds : 20);
	x = &sp->e[t->entry];
	w = pont__speller_word(sp, t->entry);
	if (x->sugg != UINT32_MAX && x->nsugg) {
		pont_buf_adds(&msg, "; did you mean ");
		for (k = 0, s = sp->pool.p + x->sugg; k < x->nsugg; k++, s += strlen(s) + 1)
			pont_buf_addf(&msg, "%s%s", k ? ", " : "", s);
		pont_buf_adds(&msg, "?");
	}
	pont_findings_add(out, PONT_ID_SPELL_UNKNOWN, PONT_SEV_ERROR, t->start, t->end, NULL, 0, "unknown word '%s'%s%s", w,
			  x->other == V_OK ? (sp->fr ? " (English: --anglicisms accepts it)" :
					      " (French: left untranslated?)") : "",
			  msg.p ? msg.p : "");
	if (x->sugg != UINT32_MAX)
		pont_findings_set_alts(out, sp->pool.p + x->sugg, x->nsugg);
	pont_buf_release(&msg);
}

pont_status
pont_spell_doc(pont_speller *sp, const pont_doc *doc, const pont_segs *given, const pont_spell_options *opt, pont_findings *out,
	       pont_spell_stats *stats, pont_error *err)
{
	static const pont_spell_options defaults = { 0, 5, 1, 0, 0 };
	size_t len, i, j, nb = pont_doc_nblocks(doc);
	const char *s = pont_doc_text(doc, &len);
	char *m;
	tokv tv = { NULL, 0, 0 };
	pont_segs segs = PONT_SEGS_INIT;
	size_t si = 0, nvmain, nvvar;
	pont_status rc;
	uint8_t report;
	int mixed;

	if (opt == NULL)
		opt = &defaults;
	pont__count(PONT_COUNT_SPELL);
	if (given)
		segs = *given;		/* borrowed: not released below */
	else if ((rc = pont_segment_doc(sp->sg, doc, &segs, err)) != PONT_OK)
		return rc;
	m = masked_copy(doc, s, len);
	for (i = 0; i < nb; i++) {	/* speakers' names are words of this document */
		const pont_block *b = pont_doc_block(doc, i);
		size_t a = b->label.start;

		while (a < b->label.end) {
			size_t e = a;

			while (e < b->label.end && s[e] != ' ')
				e++;
			if (e > a) {
				uint32_t id = pont__speller_entry(sp, s + a, e - a);

				sp->e[id].label = 1;
			}
			a = e + 1;
		}
	}
	if ((rc = tokenize(sp, s, m, len, &tv, err)) != PONT_OK) {
		free(m);
		if (!given)
			pont_segs_release(&segs);
		return rc;
	}
	/* pass 1: sentences, positions, what is not a word; capitalised words seen mid-sentence */
	for (i = 0; i < tv.n; i++) {
		wtok *t = &tv.v[i];
		wentry *x = &sp->e[t->entry];
		size_t letters;
		int shape = pont__case_shape(s + t->start, t->end - t->start, &letters);

		while (si < segs.n && segs.v[si].span.end <= t->start)
			si++;
		t->sent = (uint32_t)si;
		t->initial = !t->part && (i == 0 || tv.v[i - 1].sent != si || si >= segs.n ||
					  capital_allowed_after(m, t->start));
		t->skip = not_a_word(s + t->start, t->end - t->start, shape, letters) ||
			  technical(m, len, t->start, t->end) || emphasis_cut(s, len, t);
		if (!t->skip && shape == C_CAPITAL && !t->initial)
			x->mid = 1;
	}
	if (stats) {
		for (i = 0; i < tv.n; i++) {
			stats->words++;
			stats->checked += !tv.v[i].skip;
		}
	}
	report = variety_to_report(sp, &tv, opt, &mixed, &nvmain, &nvvar);
	/* pass 2: per sentence, decide and report */
	for (i = 0; i < tv.n; i = j) {
		size_t nmain = 0, nother = 0, k;
		int foreign;

		if (tv.v[i].sent < segs.n && code_like(m, segs.v[tv.v[i].sent].span.start, segs.v[tv.v[i].sent].span.end)) {
			for (j = i; j < tv.n && tv.v[j].sent == tv.v[i].sent; j++)
				if (stats && !tv.v[j].skip)
					stats->checked--;
			continue;
		}

		for (j = i; j < tv.n && tv.v[j].sent == tv.v[i].sent; j++) {
			wtok *t = &tv.v[j];

			if (!t->skip && sp->other && pont__speller_verdict(sp, t->entry, 1) == V_UNKNOWN &&
			    pont__speller_verdict(sp, t->entry, 0) == V_OK)
				nother++;
		}
		if (nother >= 2) {	/* words only this language's dictionary knows */
			for (k = i; k < j; k++)
				if (!tv.v[k].skip && pont__speller_verdict(sp, tv.v[k].entry, 1) == V_OK &&
				    pont__speller_verdict(sp, tv.v[k].entry, 0) == V_UNKNOWN)
					nmain++;
		}
		/* a sentence with more words only the other language's dictionary knows than words only
		 * this one knows is in the other language: checked against both */
		foreign = sp->other && nother >= 2 && nother > nmain;
		for (k = i; k < j; k++) {
			wtok *t = &tv.v[k];
			wentry *x = &sp->e[t->entry];
			size_t letters;
			int shape;

			if (opt->repeated && k > i && !t->part && !tv.v[k - 1].skip && !t->skip) {
				const wtok *p = &tv.v[k - 1];
				size_t g;

				for (g = p->end; g < t->start && (s[g] == ' ' || s[g] == '\t' || s[g] == '\n'); g++)
					;	/* in the text itself: not across a URL or code masked out */
				if (g == t->start && memchr(s + p->end, '\n', t->start - p->end) == NULL &&
				    same_word(sp, p, t, s))
					pont_findings_add(out, PONT_ID_SPELL_REPEATED, PONT_SEV_WARNING, p->start, t->end, NULL, 0,
							  "'%.*s' is repeated", (int)(t->end - t->start), s + t->start);
			}
			if (t->skip || x->label)
				continue;
			if (pont__speller_verdict(sp, t->entry, 1) == V_OK) {
				if (report != VAR_UNSET && pont__speller_variety(sp, t->entry, NULL) == report)
					report_variant(sp, t, report, mixed, nvmain, nvvar, out);
				continue;
			}
			if (t->head && !sp->fr && pont__speller_is_prefix(s + t->start, t->end - t->start))
				continue;	/* "pre-" of "pre-installed" */
			x = &sp->e[t->entry];
			if (foreign && x->other == V_OK)
				continue;
			shape = pont__case_shape(s + t->start, t->end - t->start, &letters);
			if (shape == C_LOWER && inside_name(s, tv.v, i, j, k)) {
				pont_findings_add(out, PONT_ID_SPELL_NAME, PONT_SEV_INFO, t->start, t->end, NULL, 0,
						  "'%s' is taken as part of a name", pont__speller_word(sp, t->entry));
				continue;
			}
			if (shape == C_CAPITAL && (!t->initial || x->mid)) {
				pont_findings_add(out, PONT_ID_SPELL_NAME, PONT_SEV_INFO, t->start, t->end, NULL, 0,
						  "'%s' is not in the %s dictionary: taken as a name",
						  pont__speller_word(sp, t->entry), sp->fr ? "French" : "English");
				continue;
			}
			if (sp->fr && opt->anglicisms && sp->other && pont__speller_verdict(sp, t->entry, 0) == V_OK) {
				pont_findings_add(out, PONT_ID_SPELL_ANGLICISM, PONT_SEV_INFO, t->start, t->end, NULL, 0,
						  "'%s' is English", pont__speller_word(sp, t->entry));
				continue;
			}
			if (sp->other)
				pont__speller_verdict(sp, t->entry, 0);
			{
				size_t before = sp->unsuggested;

				report_unknown(sp, t, opt, foreign, out);
				if (stats)
					stats->unsuggested += sp->unsuggested != before;
			}
			if (stats)
				stats->flagged++;
		}
	}
	pont_findings_sort(out);
	free(tv.v);
	free(m);
	if (!given)
		pont_segs_release(&segs);
	return PONT_OK;
}
