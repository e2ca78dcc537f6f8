/* scan.c: what pont finds in any text: bare URLs and e-mail addresses, emoticons. */
#include <string.h>

#include "doc.h"

/* --- bare URLs and e-mail addresses --- */

static int
url_char(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != '`' && c != 0x7F;
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
			     c == '\'' || c == ']' || c == '}' || c == '*' || c == '_' || c == '\\' ||
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

/* The end of a URL from its first character: at a character URLs do not have, at a ")" that
 * closes what was open before the URL (a Markdown link's destination), or at "](" (a link's
 * text ending). */
static size_t
url_end(const char *s, size_t from, size_t end)
{
	size_t j = from;
	int depth = 0;

	while (j < end && url_char((unsigned char)s[j]) && !(s[j] == ')' && depth == 0) &&
	       !(s[j] == ']' && j + 1 < end && s[j + 1] == '(') && (depth += s[j] == '(' ? 1 : s[j] == ')' ? -1 : 0, 1) &&
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
