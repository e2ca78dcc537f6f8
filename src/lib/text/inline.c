/* inline.c: inline Markdown inside a block: code spans, autolinks and HTML, character
 * references, links and images, emphasis (CommonMark's delimiter rules, simplified). */
#include <stdlib.h>
#include <string.h>

#include "doc.h"

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
	/* a tag name as CommonMark has it, then white space, "/" or ">" ("<app_dir>" is text) */
	while (k < end && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9') ||
			   s[k] == '-'))
		k++;
	if (k >= end || !(s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == '/' || s[k] == '>'))
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
size_t
pont__char_ref_len(const char *s, size_t i, size_t end)
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
/* The title of a link or image whose tail "](dest "title")" is s[n, n + tail): its text in
 * [*ts, *te); 0 when it has none. */
static int
link_title(const char *s, size_t n, size_t tail, size_t *ts, size_t *te)
{
	size_t j = n + 2, last = n + tail - 1;	/* s[last] is the closing ')' */
	char closer;

	if (tail < 4 || s[n + 1] != '(')
		return 0;
	while (j < last && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n'))
		j++;
	if (j < last && s[j] == '<') {
		while (j < last && s[j] != '>')
			j++;
		j++;
	} else {
		while (j < last && s[j] != ' ' && s[j] != '\t' && s[j] != '\n')
			j++;
	}
	while (j < last && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n'))
		j++;
	if (j >= last || (s[j] != '"' && s[j] != '\'' && s[j] != '('))
		return 0;
	closer = s[j] == '(' ? ')' : s[j];
	while (last > j + 1 && (s[last - 1] == ' ' || s[last - 1] == '\t' || s[last - 1] == '\n'))
		last--;
	if (last <= j + 1 || s[last - 1] != closer || last - 1 <= j + 1)
		return 0;
	*ts = j + 1;
	*te = last - 1;
	return 1;
}

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
		} else if (c == '&' && (n = pont__char_ref_len(s, i, b)) != 0) {
			pont_scan_links(s, text, i, x->m);	/* &nbsp; is markup, not a word */
			pont_marks_push(x->m, PONT_MARK_HTML, i, i + n);
			i += n;
			text = i;
		} else if ((c == '[' || (c == '!' && i + 1 < b && s[i + 1] == '[')) &&
			   (n = close_bracket(s, c == '!' ? i + 1 : i, b)) != 0 && link_tail(s, n, b)) {
			size_t open = c == '!' ? 2 : 1, tail = link_tail(s, n, b), ts, te;

			pont_scan_links(s, text, i, x->m);
			pont_marks_push(x->m, PONT_MARK_LINK, i, i + open);
			inline_line(x, i + open, n);
			if (link_title(s, n, tail, &ts, &te)) {
				/* a title is text a reader sees (a tooltip, a caption): offered too */
				pont_marks_push(x->m, PONT_MARK_LINK, n, ts);
				inline_line(x, ts, te);
				pont_marks_push(x->m, PONT_MARK_LINK, te, n + tail);
			} else {
				pont_marks_push(x->m, PONT_MARK_LINK, n, n + tail);
			}
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

void
pont__inline_marks(const char *s, size_t len, const pont_span *r, size_t n, pont_marks *m)
{
	inl x = { s, len, m, NULL, 0, 0 };
	size_t k;

	for (k = 0; k < n; k++)
		inline_line(&x, r[k].start, r[k].end);
	free(x.d);
}
