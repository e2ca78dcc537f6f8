/* doc.c: the document model: plain text and Markdown into blocks, labels and inline marks. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct line {
	size_t start, end;	/* content of the line, line end excluded */
	size_t next;		/* start of the next line */
	int blank;		/* only white space (no-break spaces included) */
} line;

struct pont_doc {
	const char *text;
	size_t len, bom;
	pont_format format;
	pont_block *blocks;
	size_t nblocks, ablocks;
	pont_marks marks;
};

/* One block while parsing: its lines and the structure of each. */
typedef struct draft {
	pont_block_kind kind;
	unsigned level;
	size_t first, last;	/* line indexes */
	size_t cstart, cend;	/* content span */
	pont_marks marks;	/* BLOCK marks of continuation lines */
	int bold_label;
} draft;

static const char *const block_names[PONT_BLOCK_NKINDS] = {
	"title", "standfirst", "heading", "turn", "paragraph", "list-item", "quote",
	"code", "html", "rule", "meta",
};

static const char *const mark_names[PONT_MARK_NKINDS] = {
	"block", "emphasis", "link", "code", "html", "url", "email", "escape",
};

const char *
pont_block_kind_name(pont_block_kind k)
{
	return (unsigned)k < PONT_BLOCK_NKINDS ? block_names[k] : "unknown";
}

int
pont_block_kind_is_text(pont_block_kind k)
{
	return k <= PONT_BLOCK_QUOTE;
}

const char *
pont_mark_kind_name(pont_mark_kind k)
{
	return (unsigned)k < PONT_MARK_NKINDS ? mark_names[k] : "unknown";
}

size_t
pont_doc_nblocks(const pont_doc *d)
{
	return d->nblocks;
}

const pont_block *
pont_doc_block(const pont_doc *d, size_t i)
{
	return i < d->nblocks ? &d->blocks[i] : NULL;
}

const pont_mark *
pont_doc_marks(const pont_doc *d, size_t *n)
{
	static const pont_mark none[1];

	*n = d->marks.n;
	return d->marks.v ? d->marks.v : none;	/* never NULL: mk + b->mark0 is always defined */
}

const char *
pont_doc_text(const pont_doc *d, size_t *len)
{
	*len = d->len;
	return d->text;
}

void
pont_doc_free(pont_doc *d)
{
	if (d == NULL)
		return;
	free(d->blocks);
	free(d->marks.v);
	free(d);
}

/* --- small scanners --- */

static uint32_t
cp_at(const char *s, size_t len, size_t i)
{
	return i < len ? pont_utf8_next(s, len, &i) : 0;
}

static uint32_t
cp_before(const char *s, size_t i)
{
	size_t st;

	return i ? pont_utf8_prev(s, i, &st) : 0;
}

/* Skips horizontal white space (no-break spaces included) from i, up to end. */
static size_t
skip_hspace(const char *s, size_t i, size_t end)
{
	while (i < end) {
		size_t j = i;

		if (!pont_cp_is_hspace(pont_utf8_next(s, end, &j)))
			break;
		i = j;
	}
	return i;
}

/* Moves end back over white space, not before start. */
static size_t
trim_end(const char *s, size_t start, size_t end)
{
	while (end > start) {
		size_t st;

		if (!pont_cp_is_space(pont_utf8_prev(s, end, &st)))
			break;
		end = st;
	}
	return end;
}

/* Number of leading spaces (a tab counts to the next multiple of 4) and the offset after them. */
static unsigned
indent_of(const char *s, size_t start, size_t end, size_t *after)
{
	unsigned n = 0;
	size_t i = start;

	while (i < end && (s[i] == ' ' || s[i] == '\t')) {
		n = s[i] == '\t' ? (n + 4) & ~3u : n + 1;
		i++;
	}
	*after = i;
	return n;
}

static int
is_punct_ascii(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

/* --- lines --- */

static line *
split_lines(const char *s, size_t from, size_t len, size_t *nlines)
{
	line *v = NULL;
	size_t n = 0, alloc = 0, i = from, count = 1;
	const char *p = s + from;

	while ((p = memchr(p, '\n', (size_t)(s + len - p))) != NULL) {
		count++;
		p++;
	}
	XGROW_BIG(v, alloc, count + 1);		/* sized once: no copies while growing */
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len, next = nl ? e + 1 : len, k;

		if (e > i && s[e - 1] == '\r')
			e--;
		XGROW(v, alloc, n + 1);
		v[n].start = i;
		v[n].end = e;
		v[n].next = next;
		v[n].blank = 1;
		for (k = i; k < e;) {
			if (!pont_cp_is_space(pont_utf8_next(s, e, &k))) {
				v[n].blank = 0;
				break;
			}
		}
		n++;
		i = next;
	}
	*nlines = n;
	return v;
}

/* --- bare URLs and e-mail addresses --- */

static int
url_char(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != '`' && c != 0x7F;
}

static int
email_local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static int
domain_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-';
}

/* Drops the punctuation that ends a sentence rather than the URL; keeps balanced ")". */
static size_t
trim_url(const char *s, size_t start, size_t end)
{
	for (;;) {
		size_t st;
		uint32_t c;

		if (end <= start)
			return end;
		c = pont_utf8_prev(s, end, &st);
		if (c == ')') {
			size_t k;
			int depth = 0;

			for (k = start; k < end; k++)
				depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
			if (depth >= 0)
				return end;
		} else if (!(c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
			     c == '\'' || c == ']' || c == '}' || c == '*' || c == '_' ||
			     c == 0x2019 || c == 0xBB || c == 0x201D || c == 0x2026)) {
			return end;
		}
		end = st;
	}
}


/* Start of the URL scheme ending with "://" at colon, or SIZE_MAX. */
static size_t
scheme_start(const char *s, size_t start, size_t colon)
{
	static const char *const schemes[] = { "https", "http", "ftp", "ftps", "file", "sftp", "ssh", "git" };
	size_t a = colon, k;

	while (a > start && ((s[a - 1] | 0x20) >= 'a' && (s[a - 1] | 0x20) <= 'z'))
		a--;
	for (k = 0; k < sizeof schemes / sizeof schemes[0]; k++)
		if (strlen(schemes[k]) == colon - a && strncasecmp(s + a, schemes[k], colon - a) == 0)
			return a > start && pont_cp_is_alnum(cp_before(s, a)) ? SIZE_MAX : a;
	return SIZE_MAX;
}

static size_t
url_end(const char *s, size_t from, size_t end)
{
	size_t j = from;

	while (j < end && url_char((unsigned char)s[j]) &&
	       !(s[j] == '\xc2' && j + 1 < end && (s[j + 1] == '\xa0' || s[j + 1] == '\xab' || s[j + 1] == '\xbb')) &&
	       !(s[j] == '\xe2' && j + 2 < end && s[j + 1] == '\x80' &&
		 (s[j + 2] == '\xaf' || s[j + 2] == '\x9c' || s[j + 2] == '\x9d' || s[j + 2] == '\xa6')))
		j++;
	return j;
}

static void
push_link(pont_marks *out, pont_mark_kind k, size_t a, size_t b, size_t floor)
{
	if (a < floor)
		return;			/* overlaps what was found before */
	pont_marks_push(out, k, a, b);
}

/* Length of a URL prefix with no scheme separator at s[i]: "www." or "mailto:", else 0. */
static size_t
bare_prefix(const char *s, size_t i, size_t end)
{
	if (end - i > 4 && strncasecmp(s + i, "www.", 4) == 0)
		return 4;
	if (end - i > 7 && strncasecmp(s + i, "mailto:", 7) == 0)
		return 7;
	return 0;
}

static const unsigned char link_bytes[256] = {
	[':'] = 1, ['@'] = 1, ['w'] = 1, ['W'] = 1, ['m'] = 1, ['M'] = 1,
};

void
pont_scan_links(const char *s, size_t start, size_t end, pont_marks *out)
{
	size_t i = start, floor = start;

	while (i < end) {
		unsigned char c = (unsigned char)s[i];
		size_t a, j, n;

		/* only ':', '@', 'w' and 'm' can reveal a link: skip everything else fast */
		if (!link_bytes[c]) {
			i++;
			continue;
		}
		if (c == ':' && end - i > 3 && s[i + 1] == '/' && s[i + 2] == '/' &&
		    (a = scheme_start(s, floor, i)) != SIZE_MAX) {
			j = trim_url(s, a, url_end(s, i + 3, end));
			if (j > i + 3) {
				push_link(out, PONT_MARK_URL, a, j, floor);
				i = floor = j;
				continue;
			}
		} else if (((c | 0x20) == 'w' || (c | 0x20) == 'm') && (n = bare_prefix(s, i, end)) != 0 &&
			   (i == start || !pont_cp_is_alnum(cp_before(s, i)))) {
			j = trim_url(s, i, url_end(s, i + n, end));	/* "www.x.fr", "mailto:a@b.c" */
			if (j > i + n) {
				push_link(out, PONT_MARK_URL, i, j, floor);
				i = floor = j;
				continue;
			}
		} else if (c == '@' && i > start && i + 1 < end) {
			size_t b = i + 1, dot = 0;

			a = i;
			while (a > floor && email_local_char(s[a - 1]))
				a--;
			while (a < i && s[a] == '.')
				a++;
			while (b < end && domain_char(s[b])) {
				if (s[b] == '.')
					dot = b;
				b++;
			}
			while (b > i + 1 && (s[b - 1] == '.' || s[b - 1] == '-'))
				b--;
			if (dot >= b)
				dot = 0;
			if (a < i && dot > i + 1 && b - dot > 2 && (a == start || !pont_cp_is_alnum(cp_before(s, a)))) {
				push_link(out, PONT_MARK_EMAIL, a, b, floor);
				i = floor = b;
				continue;
			}
		}
		i++;
	}
}

/* --- emoticons --- */

size_t
pont_emoticon_len(const char *s, size_t len, size_t i)
{
	static const char *const faces[] = { ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-o",
		":-O", ";-)", ":'(", ":)", ":(", ":D", ":P", ":p", ";)", "^^", "xD", "XD", "<3", ":o" };
	size_t k;

	if (i >= len || !strchr(":;^xX<", s[i]) || s[i] == '\0')
		return 0;		/* every face starts with one of these */
	for (k = 0; k < sizeof faces / sizeof faces[0]; k++) {
		size_t n = strlen(faces[k]);

		if (len - i >= n && memcmp(s + i, faces[k], n) == 0) {
			/* letters on either side: not a face ("xDD", "Mx:p") */
			if (i + n < len && pont_cp_is_alnum(cp_at(s, len, i + n)))
				continue;
			if (i > 0 && (faces[k][0] == 'x' || faces[k][0] == 'X' || faces[k][0] == ':' ||
				      faces[k][0] == ';') &&
			    pont_cp_is_alnum(cp_before(s, i)) && faces[k][0] != ':' && faces[k][0] != ';')
				continue;
			return n;
		}
	}
	return 0;
}

/* --- speaker labels --- */

static const char *const particles[] = { "de", "du", "des", "d'", "d\xE2\x80\x99", "van", "von",
	"der", "den", "le", "la", "di", "da", "del", "dos", "bin", "ibn", NULL };

/* Words that precede a colon without being a speaker. */
static const char *const not_speakers[] = { "Attention", "Note", "Notes", "Remarque", "Remarques",
	"NB", "N.B.", "Exemple", "Exemples", "Conclusion", "Conclusions", "Résumé", "Bref", "Astuce",
	"Avertissement", "Important", "Source", "Sources", "Crédit", "Crédits", "Photo", "Photos",
	"Légende", "Voir", "Warning", "Example", "Examples", "Tip", "Summary", "Update", "Edit", "PS",
	"P.S.", "Objet", "Sujet", "Date", "Lieu", "Prix", "Contact", "Info", "Infos", "Rappel",
	"Définition", "Question", "Questions", "Réponse", "Réponses", "Suite", "Fin", "Total",
	"Bonus", "Spoiler", "Mise à jour", "Disclaimer", "Lire aussi", "À lire aussi", "À noter",
	"Par exemple", "Pour rappel", "En bref", "En résumé", "Et aussi", "See also", NULL };

static int
word_is_particle(const char *s, size_t a, size_t b)
{
	size_t k;

	for (k = 0; particles[k]; k++)
		if (strlen(particles[k]) == b - a && memcmp(s + a, particles[k], b - a) == 0)
			return 1;
	return 0;
}

/*
 * Recognises "Kate :", "Kate:", "**Kate** :", "**Kate :**", "— Kate :" at s[start, end).
 * On success sets the name span and the offset where the turn's text starts; *strong is
 * set when the label is bold or dash-led (trusted even when it occurs once).
 */
static int
label_at(const char *s, size_t start, size_t end, size_t *nstart, size_t *nend, size_t *body,
	 int *strong)
{
	size_t i = start, a, b, words = 0, k;
	int bold = 0, dash = 0;
	uint32_t c;

	c = cp_at(s, end, i);
	if (c == 0x2014 || c == 0x2013) {	/* dialogue dash */
		k = i;
		pont_utf8_next(s, end, &k);
		i = skip_hspace(s, k, end);
		if (i == k)
			return 0;
		dash = 1;
	}
	if (end - i > 2 && (memcmp(s + i, "**", 2) == 0 || memcmp(s + i, "__", 2) == 0)) {
		bold = 1;
		i += 2;
	}
	a = i;
	b = i;
	for (;;) {			/* words */
		size_t w = i, j = i;

		c = cp_at(s, end, j);
		if (!pont_cp_is_letter(c))
			break;
		while (j < end) {
			size_t t = j;

			c = pont_utf8_next(s, end, &t);
			if (!(pont_cp_is_letter(c) || c == '-' || c == '\'' || c == 0x2019 || c == '.'))
				break;
			j = t;
		}
		if (!pont_cp_is_upper(cp_at(s, end, w)) && (words == 0 || !word_is_particle(s, w, j)))
			return 0;
		words++;
		b = j;
		i = j;
		if (i < end && s[i] == ' ' && i + 1 < end && pont_cp_is_letter(cp_at(s, end, i + 1)))
			i++;
		else
			break;
	}
	if (words == 0 || words > 4 || b - a > 40)
		return 0;
	i = b;
	if (bold && end - i >= 2 && (memcmp(s + i, "**", 2) == 0 || memcmp(s + i, "__", 2) == 0))
		i += 2, bold = 2;
	i = skip_hspace(s, i, end);
	if (i >= end || s[i] != ':')
		return 0;
	i++;
	if (bold == 1) {		/* "**Kate :**" */
		if (end - i < 2 || (memcmp(s + i, "**", 2) != 0 && memcmp(s + i, "__", 2) != 0))
			return 0;
		i += 2;
	}
	if (i < end && !pont_cp_is_space(cp_at(s, end, i)))
		return 0;		/* "Kate:x", a time "Note:12" or a URL scheme */
	for (k = 0; not_speakers[k]; k++)
		if (strlen(not_speakers[k]) == b - a && memcmp(s + a, not_speakers[k], b - a) == 0)
			return 0;
	*nstart = a;
	*nend = b;
	*body = skip_hspace(s, i, end);
	*strong = bold || dash;
	return 1;
}

/* --- inline Markdown --- */

typedef struct delim {
	size_t pos, n;
	char c;
	size_t mark;		/* index of its mark once matched, else SIZE_MAX */
} delim;

typedef struct inl {
	const char *s;
	size_t len;
	pont_marks *m;		/* marks being built for the block */
	delim *d;		/* emphasis runs that could still open */
	size_t nd, ad;
} inl;

/* A code span starting at i (a run of backticks) with its closing run on the same line. */
static size_t
code_span(const char *s, size_t i, size_t end)
{
	size_t n = 0, j;

	while (i + n < end && s[i + n] == '`')
		n++;
	for (j = i + n; j < end;) {
		size_t m = 0;

		if (s[j] != '`') {
			j++;
			continue;
		}
		while (j + m < end && s[j + m] == '`')
			m++;
		if (m == n)
			return j + m - i;
		j += m;
	}
	return 0;
}

/* An autolink <scheme:...> or <a@b.c>, or an HTML tag/comment, at i; returns its length. */
static size_t
angle(const char *s, size_t i, size_t end, pont_mark_kind *kind)
{
	size_t j = i + 1, k;

	if (end - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		for (k = i + 4; k + 3 <= end; k++)
			if (memcmp(s + k, "-->", 3) == 0) {
				*kind = PONT_MARK_HTML;
				return k + 3 - i;
			}
		return 0;
	}
	if (j < end && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) {
		/* scheme: or tag name */
		k = j;
		while (k < end && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
				   (s[k] >= '0' && s[k] <= '9') || s[k] == '+' || s[k] == '.' || s[k] == '-'))
			k++;
		if (k < end && s[k] == ':' && k - j >= 2) {
			while (k < end && s[k] != '>' && s[k] != '<' && s[k] != ' ')
				k++;
			if (k < end && s[k] == '>') {
				*kind = PONT_MARK_URL;
				return k + 1 - i;
			}
			return 0;
		}
	}
	/* e-mail autolink */
	for (k = j; k < end && email_local_char(s[k]); k++)
		;
	if (k > j && k < end && s[k] == '@') {
		size_t d = k + 1;

		while (d < end && domain_char(s[d]))
			d++;
		if (d > k + 1 && d < end && s[d] == '>') {
			*kind = PONT_MARK_EMAIL;
			return d + 1 - i;
		}
	}
	/* HTML open or close tag */
	k = j;
	if (k < end && s[k] == '/')
		k++;
	if (k >= end || !((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
		return 0;
	while (k < end && s[k] != '>' && s[k] != '<') {
		if (s[k] == '"' || s[k] == '\'') {
			char q = s[k++];

			while (k < end && s[k] != q)
				k++;
			if (k >= end)
				return 0;
		}
		k++;
	}
	if (k < end && s[k] == '>') {
		*kind = PONT_MARK_HTML;
		return k + 1 - i;
	}
	return 0;
}

/* A character reference at i: &name; &#123; &#x1F; (CommonMark); returns its length, 0 if none. */
static size_t
entity(const char *s, size_t i, size_t end)
{
	size_t k = i + 1, max;

	if (k < end && s[k] == '#') {
		int hex = k + 1 < end && (s[k + 1] == 'x' || s[k + 1] == 'X');

		k += 1 + hex;
		for (max = k + (hex ? 6 : 7); k < end && k < max &&
		     ((s[k] >= '0' && s[k] <= '9') || (hex && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'f'))); k++)
			;
		return k > i + 2 + hex && k < end && s[k] == ';' ? k + 1 - i : 0;
	}
	for (max = k + 32; k < end && k < max && (((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') || (s[k] >= '0' && s[k] <= '9')); k++)
		;
	return k > i + 1 && k < end && s[k] == ';' ? k + 1 - i : 0;
}

/* After "]" at i: "(dest ...)" or "[ref]"; returns the length of that tail, 0 if none. */
static size_t
link_tail(const char *s, size_t i, size_t end)
{
	size_t j = i + 1;
	int depth = 0;

	if (j < end && s[j] == '(') {
		for (; j < end; j++) {
			if (s[j] == '\\' && j + 1 < end) {
				j++;
				continue;
			}
			if (s[j] == '(')
				depth++;
			else if (s[j] == ')' && --depth == 0)
				return j + 1 - i;
		}
		return 0;
	}
	if (j < end && s[j] == '[') {
		for (j++; j < end && s[j] != ']' && s[j] != '['; j++)
			;
		if (j < end && s[j] == ']')
			return j + 1 - i;
	}
	return 0;
}

/* The "]" closing the "[" at i on this line, skipping code spans and nested brackets. */
static size_t
close_bracket(const char *s, size_t i, size_t end)
{
	int depth = 0;
	size_t j;

	for (j = i; j < end; j++) {
		if (s[j] == '\\' && j + 1 < end) {
			j++;
		} else if (s[j] == '`') {
			size_t n = code_span(s, j, end);

			if (n)
				j += n - 1;
		} else if (s[j] == '[') {
			depth++;
		} else if (s[j] == ']' && --depth == 0) {
			return j;
		}
	}
	return 0;
}

static void
emphasis(inl *x, size_t i, size_t n, size_t lstart, size_t lend)
{
	const char *s = x->s;
	char c = s[i];
	uint32_t before = i > lstart ? cp_before(s, i) : ' ';
	uint32_t after = i + n < lend ? cp_at(s, lend, i + n) : ' ';
	int bsp = pont_cp_is_space(before), asp = pont_cp_is_space(after);
	int bpu = before < 0x80 && is_punct_ascii((char)before), apu = after < 0x80 && is_punct_ascii((char)after);
	int left = !asp && (!apu || bsp || bpu);
	int right = !bsp && (!bpu || asp || apu);
	size_t k;

	if (c == '_') {			/* intraword underscores are not emphasis */
		int lo = left && (!right || bpu), ro = right && (!left || apu);

		left = lo;
		right = ro;
	}
	if (right) {
		for (k = x->nd; k-- > 0;) {
			if (x->d[k].c == c) {
				pont_marks_push(x->m, PONT_MARK_EMPH, x->d[k].pos, x->d[k].pos + x->d[k].n);
				pont_marks_push(x->m, PONT_MARK_EMPH, i, i + n);
				x->nd = k;	/* openers inside are dropped */
				return;
			}
		}
	}
	if (left) {
		XGROW(x->d, x->ad, x->nd + 1);
		x->d[x->nd].pos = i;
		x->d[x->nd].n = n;
		x->d[x->nd].c = c;
		x->nd++;
	}
}

/* Inline markup of one line of content, s[a, b). */
static void
inline_line(inl *x, size_t a, size_t b)
{
	const char *s = x->s;
	size_t i = a, text = a;

	while (i < b) {
		char c = s[i];
		size_t n;
		pont_mark_kind k;

		if (c == '\\' && i + 1 < b && is_punct_ascii(s[i + 1])) {
			pont_scan_links(s, text, i, x->m);
			pont_marks_push(x->m, PONT_MARK_ESCAPE, i, i + 1);
			i += 2;
			text = i;
		} else if (c == '`' && (n = code_span(s, i, b)) != 0) {
			pont_scan_links(s, text, i, x->m);
			pont_marks_push(x->m, PONT_MARK_CODE, i, i + n);
			i += n;
			text = i;
		} else if (c == '<' && (n = angle(s, i, b, &k)) != 0) {
			pont_scan_links(s, text, i, x->m);
			pont_marks_push(x->m, k, i, i + n);
			i += n;
			text = i;
		} else if (c == '&' && (n = entity(s, i, b)) != 0) {
			pont_scan_links(s, text, i, x->m);	/* &nbsp; is markup, not a word */
			pont_marks_push(x->m, PONT_MARK_HTML, i, i + n);
			i += n;
			text = i;
		} else if ((c == '[' || (c == '!' && i + 1 < b && s[i + 1] == '[')) &&
			   (n = close_bracket(s, c == '!' ? i + 1 : i, b)) != 0 && link_tail(s, n, b)) {
			size_t open = c == '!' ? 2 : 1, tail = link_tail(s, n, b);

			pont_scan_links(s, text, i, x->m);
			pont_marks_push(x->m, PONT_MARK_LINK, i, i + open);
			inline_line(x, i + open, n);
			pont_marks_push(x->m, PONT_MARK_LINK, n, n + tail);
			i = n + tail;
			text = i;
		} else if (c == '*' || c == '_') {
			for (n = 0; i + n < b && s[i + n] == c; n++)
				;
			pont_scan_links(s, text, i, x->m);
			emphasis(x, i, n, a, b);
			i += n;
			text = i;
		} else {
			i++;
		}
	}
	pont_scan_links(s, text, b, x->m);
}

static int
cmp_marks(const void *pa, const void *pb)
{
	const pont_mark *a = pa, *b = pb;

	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	return (a->span.end > b->span.end) - (a->span.end < b->span.end);
}

/* --- building blocks --- */

static void
draft_release(draft *d)
{
	free(d->marks.v);
	memset(d, 0, sizeof *d);
}

/*
 * Turns a draft into a block: marks for the line structure inside its content, inline marks
 * (Markdown) or bare links (text), all sorted into the document's mark list.
 */
static void
emit(pont_doc *doc, const line *L, draft *d, const size_t *pstart)
{
	const char *s = doc->text;
	pont_block *b;
	pont_marks m = { NULL, 0, 0 };
	size_t li, k;

	XGROW(doc->blocks, doc->ablocks, doc->nblocks + 1);
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = d->kind;
	b->level = d->level;
	b->span.start = L[d->first].start;
	b->span.end = L[d->last].end;
	b->content.start = d->cstart;
	b->content.end = trim_end(s, d->cstart, d->cend);
	if (b->content.end < b->content.start)
		b->content.end = b->content.start;
	if (!pont_block_kind_is_text(d->kind)) {
		b->content = b->span;
		b->mark0 = doc->marks.n;
		draft_release(d);
		return;
	}
	/* line structure: from the end of each line to where the next line's text starts */
	for (li = d->first; li < d->last; li++) {
		size_t from = L[li].end, to = pstart ? pstart[li + 1] : L[li + 1].start;

		if (from < b->content.start || to > b->content.end)
			continue;
		to = skip_hspace(s, to, b->content.end);
		from = trim_end(s, b->content.start, from);
		if (to > from)
			pont_marks_push(&m, PONT_MARK_BLOCK, from, to);
	}
	if (doc->format == PONT_FORMAT_MARKDOWN) {
		inl x = { s, doc->len, &m, NULL, 0, 0 };
		size_t nblock = m.n, a = b->content.start;

		for (k = 0; k <= nblock; k++) {
			size_t e = k < nblock ? m.v[k].span.start : b->content.end;

			inline_line(&x, a, e);
			if (k < nblock)
				a = m.v[k].span.end;
		}
		free(x.d);
	} else {
		size_t nblock = m.n, a = b->content.start;

		for (k = 0; k <= nblock; k++) {
			size_t e = k < nblock ? m.v[k].span.start : b->content.end;

			pont_scan_links(s, a, e, &m);
			if (k < nblock)
				a = m.v[k].span.end;
		}
	}
	if (m.n > 1)
		qsort(m.v, m.n, sizeof *m.v, cmp_marks);
	b->mark0 = doc->marks.n;
	b->nmarks = m.n;
	for (k = 0; k < m.n; k++)
		pont_marks_push(&doc->marks, m.v[k].kind, m.v[k].span.start, m.v[k].span.end);
	free(m.v);
	draft_release(d);
}

/* A verbatim block (code, HTML, rule, metadata) over lines first..last. */
static void
verbatim(pont_doc *doc, const line *L, pont_block_kind kind, size_t first, size_t last)
{
	draft d;

	memset(&d, 0, sizeof d);
	d.kind = kind;
	d.first = first;
	d.last = last;
	emit(doc, L, &d, NULL);
}

/* --- labels, titles, headings (shared by both formats) --- */

typedef struct label_seen {
	size_t start, end;
} label_seen;

static void
make_turn(pont_doc *doc, size_t i, size_t ns, size_t ne, size_t body)
{
	pont_block *b = &doc->blocks[i];

	b->kind = PONT_BLOCK_TURN;
	b->label.start = ns;
	b->label.end = ne;
	/* the label and its markup are no longer content: marks before the body stay in the
	 * document's list (they still protect "**" and the like) but leave the block's */
	b->content.start = body < b->content.end ? body : b->content.end;
	while (b->nmarks && doc->marks.v[b->mark0].span.start < b->content.start) {
		b->mark0++;
		b->nmarks--;
	}
}

/* Marks turns: labels seen at least twice, bold or dash-led ones, and their neighbours. */
static void
find_turns(pont_doc *doc)
{
	const char *s = doc->text;
	size_t i, j, *ns, *ne, *body;
	int *strong, changed;

	ns = xcalloc(doc->nblocks, sizeof *ns);
	ne = xcalloc(doc->nblocks, sizeof *ne);
	body = xcalloc(doc->nblocks, sizeof *body);
	strong = xcalloc(doc->nblocks, sizeof *strong);
	for (i = 0; i < doc->nblocks; i++) {
		pont_block *b = &doc->blocks[i];

		if (b->kind != PONT_BLOCK_PARAGRAPH)
			continue;
		if (!label_at(s, b->content.start, b->content.end, &ns[i], &ne[i], &body[i], &strong[i]))
			ns[i] = ne[i] = 0;
	}
	for (i = 0; i < doc->nblocks; i++) {
		int count = 0;

		if (ne[i] == ns[i])
			continue;
		for (j = 0; j < doc->nblocks && count < 2; j++)
			if (ne[j] - ns[j] == ne[i] - ns[i] && memcmp(s + ns[j], s + ns[i], ne[i] - ns[i]) == 0)
				count++;
		if (count >= 2 || strong[i])
			make_turn(doc, i, ns[i], ne[i], body[i]);
	}
	/* in a dialogue, a speaker who talks once is still a speaker: a label between two turns,
	 * or after the last turn at the end, counts */
	for (changed = 1; changed;) {
		changed = 0;
		for (i = 0; i < doc->nblocks; i++) {
			if (ne[i] == ns[i] || doc->blocks[i].kind == PONT_BLOCK_TURN)
				continue;
			if (i > 0 && doc->blocks[i - 1].kind == PONT_BLOCK_TURN &&
			    (i + 1 == doc->nblocks || doc->blocks[i + 1].kind == PONT_BLOCK_TURN)) {
				make_turn(doc, i, ns[i], ne[i], body[i]);
				changed = 1;
			}
		}
	}
	free(ns);
	free(ne);
	free(body);
	free(strong);
}

static size_t
words_in(const char *s, size_t a, size_t b)
{
	size_t n = 0, i = a;
	int in = 0;

	while (i < b) {
		int sp = pont_cp_is_space(pont_utf8_next(s, b, &i));

		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* A short single line that reads like an intertitle (plain text only). */
static int
heading_like(const pont_doc *doc, const pont_block *b)
{
	const char *s = doc->text;
	size_t n, w, i, st;
	uint32_t first, last;

	/* 70 code points take at most 280 bytes: most lines are rejected before any counting */
	if (b->kind != PONT_BLOCK_PARAGRAPH || b->content.end - b->content.start > 280)
		return 0;
	/* cheap tests first: the first and last characters, one line only */
	first = cp_at(s, b->content.end, b->content.start);
	last = pont_utf8_prev(s, b->content.end, &st);
	if (last == '.' || last == ',' || last == ';' || last == ':')
		return 0;
	if (!pont_cp_is_upper(first) && !pont_cp_is_digit(first))
		return 0;
	n = pont_utf8_count(s + b->content.start, b->content.end - b->content.start);
	w = words_in(s, b->content.start, b->content.end);
	if (n > 70 || w < 2 || w > 10)
		return 0;
	if (memchr(s + b->span.start, '\n', b->span.end - b->span.start))
		return 0;
	for (i = b->content.start; i + 1 < st; i++)	/* one sentence only */
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ')
			return 0;
	return 1;
}

static int
same_content(const char *s, const pont_block *a, const pont_block *b)
{
	size_t n = a->content.end - a->content.start;

	return n == b->content.end - b->content.start && memcmp(s + a->content.start, s + b->content.start, n) == 0;
}

static void
classify(pont_doc *doc)
{
	const char *s = doc->text;
	size_t i, first = SIZE_MAX, title = SIZE_MAX;

	for (i = 0; i < doc->nblocks; i++)
		if (pont_block_kind_is_text(doc->blocks[i].kind)) {
			first = i;
			break;
		}
	if (first == SIZE_MAX)
		return;
	if (doc->format == PONT_FORMAT_MARKDOWN) {
		if (doc->blocks[first].kind == PONT_BLOCK_HEADING && doc->blocks[first].level == 1) {
			doc->blocks[first].kind = PONT_BLOCK_TITLE;
			title = first;
		}
	} else {
		pont_block *b = &doc->blocks[first];

		if (b->kind == PONT_BLOCK_PARAGRAPH && !memchr(s + b->span.start, '\n', b->span.end - b->span.start) &&
		    pont_utf8_count(s + b->content.start, b->content.end - b->content.start) <= 200) {
			b->kind = PONT_BLOCK_TITLE;
			title = first;
		}
		for (i = first + 1; title != SIZE_MAX && i < doc->nblocks; i++)
			if (doc->blocks[i].kind == PONT_BLOCK_PARAGRAPH && same_content(s, &doc->blocks[i], b))
				doc->blocks[i].kind = PONT_BLOCK_TITLE;
		/* intertitles: short lines not followed by another short line */
		for (i = first + 1; i + 1 < doc->nblocks; i++) {
			pont_block *nx = &doc->blocks[i + 1];
			size_t nlen;

			if (!heading_like(doc, &doc->blocks[i]))
				continue;
			nlen = pont_utf8_count(s + nx->content.start, nx->content.end - nx->content.start);
			if (nx->kind == PONT_BLOCK_TITLE || heading_like(doc, nx) ||
			    (nlen <= 70 && words_in(s, nx->content.start, nx->content.end) >= 2 &&
			     nx->kind == PONT_BLOCK_PARAGRAPH))
				continue;
			doc->blocks[i].kind = PONT_BLOCK_HEADING;
			doc->blocks[i].level = 2;
		}
	}
	if (title == SIZE_MAX)
		return;
	/* the standfirst: the first real paragraph after the title, before the interview starts */
	for (i = title + 1; i < doc->nblocks && i <= title + 6; i++) {
		pont_block *b = &doc->blocks[i];

		if (b->kind == PONT_BLOCK_TURN)
			break;
		if (b->kind == PONT_BLOCK_HEADING && doc->format == PONT_FORMAT_MARKDOWN)
			break;
		if (b->kind == PONT_BLOCK_PARAGRAPH &&
		    pont_utf8_count(s + b->content.start, b->content.end - b->content.start) >= 40) {
			b->kind = PONT_BLOCK_STANDFIRST;
			break;
		}
	}
}

/* --- plain text --- */

/* A list marker at s[i]: "- ", "* ", "+ ", "• ", "1. ", "1) "; returns its length with the space. */
static size_t
list_marker(const char *s, size_t i, size_t end, int markdown)
{
	size_t j = i;

	if (i >= end)
		return 0;
	if (s[i] == '-' || s[i] == '*' || s[i] == '+') {
		j = i + 1;
	} else if (!markdown && end - i >= 3 && memcmp(s + i, "\xE2\x80\xA2", 3) == 0) {
		j = i + 3;
	} else if (s[i] >= '0' && s[i] <= '9') {
		while (j < end && s[j] >= '0' && s[j] <= '9' && j - i < 9)
			j++;
		if (j >= end || (s[j] != '.' && s[j] != ')'))
			return 0;
		j++;
	} else {
		return 0;
	}
	if (j < end && (s[j] == ' ' || s[j] == '\t'))
		return j + 1 - i;
	return 0;
}

static int
wrapped(const char *s, const line *L, size_t nl)
{
	size_t i, nonblank = 0, longl = 0, blanks = 0, multi = 0;

	for (i = 0; i < nl; i++) {
		if (L[i].blank) {
			blanks++;
			continue;
		}
		nonblank++;
		if (L[i].end - L[i].start > 400 ||
		    (L[i].end - L[i].start > 100 && pont_utf8_count(s + L[i].start, L[i].end - L[i].start) > 100))
			longl++;
		if (i > 0 && !L[i - 1].blank)
			multi++;
	}
	return blanks > 0 && multi > 0 && longl * 20 < nonblank;
}

static void
parse_text(pont_doc *doc, const line *L, size_t nl, pont_paragraphs mode)
{
	const char *s = doc->text;
	size_t i = 0;

	if (mode == PONT_PARA_AUTO)
		mode = wrapped(s, L, nl) ? PONT_PARA_BLANK : PONT_PARA_LINES;
	while (i < nl) {
		draft d;
		size_t j = i, a, m;

		if (L[i].blank) {
			i++;
			continue;
		}
		if (mode == PONT_PARA_BLANK)
			while (j + 1 < nl && !L[j + 1].blank && !list_marker(s, skip_hspace(s, L[j + 1].start, L[j + 1].end), L[j + 1].end, 0))
				j++;
		memset(&d, 0, sizeof d);
		d.kind = PONT_BLOCK_PARAGRAPH;
		d.first = i;
		d.last = j;
		a = skip_hspace(s, L[i].start, L[i].end);
		if ((m = list_marker(s, a, L[i].end, 0)) != 0) {
			d.kind = PONT_BLOCK_LIST_ITEM;
			d.level = 1;
			a = skip_hspace(s, a + m, L[i].end);
		}
		d.cstart = a;
		d.cend = L[j].end;
		emit(doc, L, &d, NULL);
		i = j + 1;
	}
}

/* --- Markdown --- */

static int
is_rule(const char *s, size_t a, size_t b)
{
	char c = 0;
	size_t n = 0, i;

	for (i = a; i < b; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (s[i] != '*' && s[i] != '-' && s[i] != '_')
			return 0;
		if (c && s[i] != c)
			return 0;
		c = s[i];
		n++;
	}
	return n >= 3;
}

static int
is_setext(const char *s, size_t a, size_t b, unsigned *level)
{
	size_t i = a;
	char c;

	if (i >= b || (s[i] != '=' && s[i] != '-'))
		return 0;
	c = s[i];
	while (i < b && s[i] == c)
		i++;
	if (skip_hspace(s, i, b) != b)
		return 0;
	*level = c == '=' ? 1 : 2;
	return 1;
}

static size_t
fence_at(const char *s, size_t a, size_t b, char *fc)
{
	size_t n = 0;

	if (a >= b || (s[a] != '`' && s[a] != '~'))
		return 0;
	while (a + n < b && s[a + n] == s[a])
		n++;
	if (n < 3)
		return 0;
	if (s[a] == '`' && memchr(s + a + n, '`', b - a - n))
		return 0;
	*fc = s[a];
	return n;
}

static int
html_block_start(const char *s, size_t a, size_t b)
{
	static const char *const tags[] = { "div", "p", "table", "pre", "section", "figure", "iframe",
		"script", "style", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
		"details", "summary", "hr", "article", "aside", "header", "footer", "nav", "dl", "img",
		"video", "audio", "center", "form", "picture", "br", NULL };
	size_t i = a + 1, k, n;

	if (a >= b || s[a] != '<')
		return 0;
	if (b - a >= 4 && memcmp(s + a, "<!--", 4) == 0)
		return 1;
	if (i < b && s[i] == '/')
		i++;
	for (k = 0; tags[k]; k++) {
		n = strlen(tags[k]);
		if (b - i >= n && strncasecmp(s + i, tags[k], n) == 0 &&
		    (i + n == b || s[i + n] == '>' || s[i + n] == ' ' || s[i + n] == '/'))
			return 1;
	}
	return 0;
}

static int
linkdef_at(const char *s, size_t a, size_t b)
{
	size_t i = a + 1;

	if (a >= b || s[a] != '[')
		return 0;
	while (i < b && s[i] != ']')
		i++;
	return i + 1 < b && i > a + 1 && s[i + 1] == ':';
}

/* Where the text of a Markdown line starts once the quote prefixes are removed. */
static size_t
quote_prefix(const char *s, size_t a, size_t b, unsigned *depth)
{
	size_t i = a, after;

	*depth = 0;
	for (;;) {
		if (indent_of(s, i, b, &after) > 3 || after >= b || s[after] != '>')
			break;
		(*depth)++;
		i = after + 1;
		if (i < b && s[i] == ' ')
			i++;
	}
	return i;
}

static void
parse_markdown(pont_doc *doc, const line *L, size_t nl)
{
	const char *s = doc->text;
	size_t i = 0, *pstart;
	draft d;
	int open = 0, after_list = 0;

	/* pstart[i]: where line i's text starts after quote and list prefixes (for BLOCK marks) */
	pstart = xcalloc(nl + 1, sizeof *pstart);
	memset(&d, 0, sizeof d);

#define CLOSE() do { if (open) { emit(doc, L, &d, pstart); open = 0; } } while (0)

	/* front matter */
	if (nl > 1 && L[0].end - L[0].start == 3 && memcmp(s + L[0].start, "---", 3) == 0) {
		size_t j;

		for (j = 1; j < nl; j++)
			if (L[j].end - L[j].start == 3 && (memcmp(s + L[j].start, "---", 3) == 0 ||
							   memcmp(s + L[j].start, "...", 3) == 0))
				break;
		if (j < nl) {
			d.kind = PONT_BLOCK_META;
			d.first = 0;
			d.last = j;
			emit(doc, L, &d, NULL);
			i = j + 1;
		}
	}
	for (; i < nl; i++) {
		size_t a, t, m;
		unsigned ind, qd, lvl;
		char fc;

		t = quote_prefix(s, L[i].start, L[i].end, &qd);
		pstart[i] = t;
		ind = indent_of(s, t, L[i].end, &a);
		if (skip_hspace(s, t, L[i].end) >= L[i].end) {	/* blank (maybe "> ") */
			CLOSE();
			continue;
		}
		/* fenced code */
		if (ind <= 3 && (m = fence_at(s, a, L[i].end, &fc)) != 0) {
			size_t j;

			CLOSE();
			for (j = i + 1; j < nl; j++) {
				size_t aa, n = 0;

				indent_of(s, L[j].start, L[j].end, &aa);
				while (aa + n < L[j].end && s[aa + n] == fc)
					n++;
				if (n >= m && skip_hspace(s, aa + n, L[j].end) == L[j].end)
					break;
			}
			if (j >= nl)
				j = nl - 1;
			verbatim(doc, L, PONT_BLOCK_CODE, i, j);
			i = j;
			after_list = 0;
			continue;
		}
		/* indented code (not inside a paragraph or a list) */
		if (ind >= 4 && !open && !after_list && qd == 0) {
			size_t j = i;

			while (j + 1 < nl) {
				size_t aa;

				if (L[j + 1].blank) {
					size_t k = j + 1;

					while (k < nl && L[k].blank)
						k++;
					if (k < nl && indent_of(s, L[k].start, L[k].end, &aa) >= 4) {
						j = k;
						continue;
					}
					break;
				}
				if (indent_of(s, L[j + 1].start, L[j + 1].end, &aa) < 4)
					break;
				j++;
			}
			verbatim(doc, L, PONT_BLOCK_CODE, i, j);
			i = j;
			continue;
		}
		/* setext underline turns an open plain paragraph into a heading */
		if (open && d.kind == PONT_BLOCK_PARAGRAPH && qd == 0 && ind <= 3 &&
		    is_setext(s, a, L[i].end, &lvl)) {
			d.kind = PONT_BLOCK_HEADING;
			d.level = lvl;
			d.last = i;
			d.cend = L[i - 1].end;
			CLOSE();
			continue;
		}
		if (ind <= 3 && is_rule(s, a, L[i].end)) {
			CLOSE();
			verbatim(doc, L, PONT_BLOCK_RULE, i, i);
			after_list = 0;
			continue;
		}
		/* ATX heading */
		if (ind <= 3 && s[a] == '#') {
			size_t h = 0, e, st;

			while (a + h < L[i].end && s[a + h] == '#')
				h++;
			if (h <= 6 && (a + h == L[i].end || s[a + h] == ' ' || s[a + h] == '\t')) {
				CLOSE();
				memset(&d, 0, sizeof d);
				d.kind = PONT_BLOCK_HEADING;
				d.level = (unsigned)h;
				d.first = d.last = i;
				d.cstart = skip_hspace(s, a + h, L[i].end);
				e = trim_end(s, d.cstart, L[i].end);
				st = e;
				while (st > d.cstart && s[st - 1] == '#')
					st--;
				if (st < e && (st == d.cstart || s[st - 1] == ' ' || s[st - 1] == '\t'))
					e = trim_end(s, d.cstart, st);
				d.cend = e;
				emit(doc, L, &d, NULL);
				after_list = 0;
				continue;
			}
		}
		if (ind <= 3 && !open && (html_block_start(s, a, L[i].end) || linkdef_at(s, a, L[i].end))) {
			size_t j = i;
			int html = s[a] == '<';

			while (j + 1 < nl && !L[j + 1].blank && (html || linkdef_at(s, skip_hspace(s, L[j + 1].start, L[j + 1].end), L[j + 1].end)))
				j++;
			verbatim(doc, L, html ? PONT_BLOCK_HTML : PONT_BLOCK_META, i, j);
			i = j;
			continue;
		}
		/* list item */
		if ((m = list_marker(s, a, L[i].end, 1)) != 0 && (!open || qd == 0) &&
		    !(open && s[a] >= '0' && s[a] <= '9' && !(s[a] == '1' && (s[a + 1] == '.' || s[a + 1] == ')')))) {
			CLOSE();
			memset(&d, 0, sizeof d);
			d.kind = PONT_BLOCK_LIST_ITEM;
			d.level = 1 + ind / 2;
			d.first = d.last = i;
			d.cstart = skip_hspace(s, a + m, L[i].end);
			pstart[i] = d.cstart;
			d.cend = L[i].end;
			open = 1;
			after_list = 1;
			continue;
		}
		/* continuation of the open block (lazy lines included) */
		if (open) {
			d.last = i;
			d.cend = L[i].end;
			pstart[i] = a;
			continue;
		}
		/* a new paragraph, in a quote or not */
		memset(&d, 0, sizeof d);
		d.kind = qd ? PONT_BLOCK_QUOTE : after_list && ind >= 2 ? PONT_BLOCK_LIST_ITEM : PONT_BLOCK_PARAGRAPH;
		d.level = qd;
		if (d.kind == PONT_BLOCK_LIST_ITEM)
			d.level = 1 + (ind - 2) / 2;
		else
			after_list = 0;
		d.first = d.last = i;
		d.cstart = a;
		pstart[i] = a;
		d.cend = L[i].end;
		open = 1;
	}
	CLOSE();
#undef CLOSE
	free(pstart);
}

pont_doc *
pont_doc_parse(const char *text, size_t len, const pont_doc_options *opt, pont_error *err)
{
	pont_doc *doc;
	line *L;
	size_t nl, bom;

	if (len > INT32_MAX) {
		pont_fail(err, PONT_EINVAL, "input is larger than 2 GiB");
		return NULL;
	}
	pont__count(PONT_COUNT_DOC);
	doc = xcalloc(1, sizeof *doc);
	doc->text = text;
	doc->len = len;
	bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	doc->bom = bom;
	doc->format = opt ? opt->format : PONT_FORMAT_TEXT;
	L = split_lines(text, bom, len, &nl);
	XGROW_BIG(doc->blocks, doc->ablocks, nl + 1);	/* at most one block a line */
	if (doc->format == PONT_FORMAT_MARKDOWN)
		parse_markdown(doc, L, nl);
	else
		parse_text(doc, L, nl, opt ? opt->paragraphs : PONT_PARA_AUTO);
	find_turns(doc);
	classify(doc);
	free(L);
	return doc;
}

pont_doc *
pont_doc_parse_blocks(const char *text, size_t len, const pont_span *spans, size_t n, const pont_doc_options *opt)
{
	pont_doc *doc;
	line *L;
	size_t nl, i, li = 0;

	pont__count(PONT_COUNT_DOC);
	doc = xcalloc(1, sizeof *doc);
	doc->text = text;
	doc->len = len;
	doc->format = opt ? opt->format : PONT_FORMAT_TEXT;
	L = split_lines(text, 0, len, &nl);
	XGROW(doc->blocks, doc->ablocks, n + 1);
	for (i = 0; i < n; i++) {
		draft d;

		if (nl == 0) {		/* an empty text: empty paragraphs */
			pont_block *b = &doc->blocks[doc->nblocks++];

			memset(b, 0, sizeof *b);
			b->kind = PONT_BLOCK_PARAGRAPH;
			b->mark0 = doc->marks.n;
			continue;
		}
		while (li + 1 < nl && L[li].next <= spans[i].start)	/* the line the span starts on */
			li++;
		memset(&d, 0, sizeof d);
		d.kind = PONT_BLOCK_PARAGRAPH;
		d.first = d.last = li;
		while (d.last + 1 < nl && L[d.last].end < spans[i].end)
			d.last++;
		d.cstart = spans[i].start;
		d.cend = spans[i].end;
		emit(doc, L, &d, NULL);
		/* the block is the span itself, whatever the lines around it */
		doc->blocks[doc->nblocks - 1].span = spans[i];
		li = d.last;
	}
	free(L);
	return doc;
}
