/* frontmatter.c: the front matter of a Markdown article (YAML between "---" lines, TOML between
 * "+++" lines): the values of its prose fields (title, description… data/front-matter-prose.txt,
 * or the keys the caller gives) are blocks of their own, each with its key as label and the way
 * it is quoted, so that merge writes the English back as valid YAML or TOML. Everything else
 * stays as it is, between the blocks. A value is on its line, or a YAML block scalar (| or >,
 * on the lines indented below); lists and plain values continued on the next line are not
 * offered. */
#include <string.h>

#include "doc.h"

#include "front-matter-prose.inc"

static int
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Is key (n bytes) one of the prose fields: the comma-separated list keys, or the default one? */
static int
prose_key(const char *key, size_t n, const char *keys)
{
	size_t i;

	if (keys) {
		const char *p = keys;

		while (*p) {
			size_t m = strcspn(p, ",");

			if (m == n && memcmp(p, key, n) == 0)
				return 1;
			p += m + (p[m] == ',');
		}
		return 0;
	}
	for (i = 0; front_matter_prose[i]; i++)
		if (strlen(front_matter_prose[i]) == n && memcmp(front_matter_prose[i], key, n) == 0)
			return 1;
	return 0;
}

/* The value of a "key: value" (YAML) or "key = value" (TOML) line from a to end: its text
 * within the quotes, and how it is quoted; 0 when it holds no prose on this line. */
static int
value_of(const char *s, size_t a, size_t end, int toml, size_t *vs, size_t *ve)
{
	char q;
	size_t i;

	a = skip_hspace(s, a, end);
	if (a >= end)
		return 0;
	q = s[a];
	if (q == '"') {
		for (i = a + 1; i < end && s[i] != '"'; i++)
			if (s[i] == '\\')
				i++;
		if (i >= end)
			return 0;	/* goes on to the next line */
		*vs = a + 1;
		*ve = i;
		return toml ? PONT_QUOTING_TOML_BASIC : PONT_QUOTING_YAML_DOUBLE;
	}
	if (q == '\'') {
		for (i = a + 1; i < end; i++) {
			if (s[i] != '\'')
				continue;
			if (!toml && i + 1 < end && s[i + 1] == '\'') {
				i++;		/* '' is a quote in YAML */
				continue;
			}
			break;
		}
		if (i >= end)
			return 0;
		*vs = a + 1;
		*ve = i;
		return toml ? PONT_QUOTING_TOML_LITERAL : PONT_QUOTING_YAML_SINGLE;
	}
	if (toml || strchr("|>[{&*!%@`#", q))
		return 0;		/* TOML's other values, YAML's block scalars, lists, anchors... */
	/* a plain scalar: up to a comment */
	for (i = a; i < end; i++)
		if (s[i] == '#' && i > a && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			break;
	*vs = a;
	*ve = trim_end(s, a, i);
	return PONT_QUOTING_YAML_PLAIN;
}

/* Is the value at a a YAML block scalar's header: | or >, with its indicators ("|-", ">2+")? */
static int
block_scalar(const char *s, size_t a, size_t end)
{
	a = skip_hspace(s, a, end);
	if (a >= end || (s[a] != '|' && s[a] != '>'))
		return 0;
	for (a++; a < end && (s[a] == '-' || s[a] == '+' || (s[a] >= '1' && s[a] <= '9')); a++)
		;
	a = skip_hspace(s, a, end);
	return a >= end || s[a] == '#';
}

size_t
pont__front_matter(pont_doc *doc, const line *L, size_t nl, const char *keys)
{
	const char *s = doc->text;
	size_t j, li, len = L[0].end - L[0].start;
	int toml;

	if (nl < 2 || len != 3 || (memcmp(s + L[0].start, "---", 3) != 0 && memcmp(s + L[0].start, "+++", 3) != 0))
		return 0;
	toml = s[L[0].start] == '+';
	for (j = 1; j < nl; j++)
		if (L[j].end - L[j].start == 3 && (toml ? memcmp(s + L[j].start, "+++", 3) == 0 :
						   (memcmp(s + L[j].start, "---", 3) == 0 ||
						    memcmp(s + L[j].start, "...", 3) == 0)))
			break;
	if (j >= nl)
		return 0;
	for (li = 1; li < j; li++) {
		size_t a = skip_hspace(s, L[li].start, L[li].end), k = a, vs = 0, ve = 0, first, last;
		int quoting;
		draft d;

		if (a < L[li].end && s[a] == '-' && !toml)
			a = k = skip_hspace(s, a + 1, L[li].end);	/* an item of a list of maps: "- alt: ..." */
		while (k < L[li].end && key_char(s[k]))
			k++;
		if (k == a || !prose_key(s + a, k - a, keys))
			continue;
		if (toml) {
			size_t e = skip_hspace(s, k, L[li].end);

			if (e >= L[li].end || s[e] != '=')
				continue;
			quoting = value_of(s, e + 1, L[li].end, 1, &vs, &ve);
		} else {
			if (k >= L[li].end || s[k] != ':' || (k + 1 < L[li].end && s[k + 1] != ' ' && s[k + 1] != '\t'))
				continue;
			quoting = value_of(s, k + 1, L[li].end, 0, &vs, &ve);
		}
		first = last = li;
		if (!toml && !quoting && block_scalar(s, k + 1, L[li].end)) {
			/* "summary: >-": the lines indented more than the key */
			size_t ind = a - L[li].start, lj;

			for (lj = li + 1; lj < j; lj++) {
				size_t t = skip_hspace(s, L[lj].start, L[lj].end);

				if (t < L[lj].end && t - L[lj].start <= ind)
					break;
				if (t < L[lj].end)
					last = lj;
			}
			if (last == li)
				continue;
			first = li + 1;
			vs = skip_hspace(s, L[first].start, L[first].end);
			ve = L[last].end;
			quoting = PONT_QUOTING_YAML_BLOCK;
		}
		if (!quoting || ve <= vs)
			continue;
		memset(&d, 0, sizeof d);
		d.kind = PONT_BLOCK_FIELD;
		d.first = first;
		d.last = last;
		d.cstart = d.sstart = vs;
		d.cend = d.send = ve;
		d.own_span = 1;
		d.lstart = a;
		d.lend = k;
		pont__doc_emit(doc, L, &d, NULL);
		doc->blocks[doc->nblocks - 1].quoting = quoting;
		li = last;
	}
	return j + 1;
}

/* --- writing a value back --- */

static const char *const quoting_names[] = {
	"", "yaml-plain", "yaml-double", "yaml-single", "toml-basic", "toml-literal", "yaml-block",
};

const char *
pont_quoting_name(pont_quoting q)
{
	return (unsigned)q < sizeof quoting_names / sizeof *quoting_names ? quoting_names[q] : "";
}

pont_quoting
pont_quoting_of(const char *name)
{
	size_t i;

	for (i = 1; name && i < sizeof quoting_names / sizeof *quoting_names; i++)
		if (strcmp(name, quoting_names[i]) == 0)
			return (pont_quoting)i;
	return PONT_QUOTING_NONE;
}

/* Would YAML read text as the same plain string? */
static int
plain_ok(const char *t, size_t n)
{
	static const char *const words[] = { "yes", "no", "true", "false", "on", "off", "null", "~", "y", "n", NULL };
	size_t i, k;
	int digits = 1;

	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@`", t[0]) || t[0] == ' ' || t[n - 1] == ' ' || t[n - 1] == ':')
		return 0;
	for (i = 0; i < n; i++) {
		if (t[i] == '\n' || t[i] == '\r' || t[i] == '\t')
			return 0;
		if (t[i] == ':' && i + 1 < n && t[i + 1] == ' ')
			return 0;
		if (t[i] == '#' && i > 0 && t[i - 1] == ' ')
			return 0;
		if (!((t[i] >= '0' && t[i] <= '9') || t[i] == '.' || t[i] == '-' || t[i] == '+' || t[i] == 'e'))
			digits = 0;
	}
	if (digits)
		return 0;		/* it would read as a number */
	for (k = 0; words[k]; k++) {
		size_t m = strlen(words[k]);

		for (i = 0; i < m && i < n && (t[i] | 0x20) == words[k][i]; i++)
			;
		if (i == m && m == n)
			return 0;	/* it would read as a boolean or null */
	}
	return 1;
}

/* Double quotes: a quote not escaped gets a backslash, a backslash that escapes nothing
 * valid is doubled, a line break is \n. */
static void
double_quoted(const char *t, size_t n, const char *escapes, pont_buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (t[i] == '\\' && i + 1 < n && strchr(escapes, t[i + 1])) {
			pont_buf_addc(out, t[i]);
			pont_buf_addc(out, t[++i]);
		} else if (t[i] == '\\' || t[i] == '"') {
			pont_buf_addc(out, '\\');
			pont_buf_addc(out, t[i]);
		} else if (t[i] == '\n') {
			pont_buf_adds(out, "\\n");
		} else if (t[i] != '\r') {
			pont_buf_addc(out, t[i]);
		}
	}
}

void
pont_quote_value(pont_quoting q, const char *t, size_t n, pont_buf *out)
{
	static const char yaml_escapes[] = "0abtnvfre \"/\\N_LPxuU", toml_escapes[] = "btnfr\"\\uU";
	size_t i;

	switch (q) {
	case PONT_QUOTING_YAML_PLAIN:
		if (plain_ok(t, n)) {
			pont_buf_add(out, t, n);
		} else {
			pont_buf_addc(out, '"');
			double_quoted(t, n, "", out);
			pont_buf_addc(out, '"');
		}
		break;
	case PONT_QUOTING_YAML_DOUBLE:
		double_quoted(t, n, yaml_escapes, out);
		break;
	case PONT_QUOTING_TOML_BASIC:
		double_quoted(t, n, toml_escapes, out);
		break;
	case PONT_QUOTING_YAML_SINGLE:
		for (i = 0; i < n; i++) {
			if (t[i] == '\'') {
				pont_buf_adds(out, "''");
				i += i + 1 < n && t[i + 1] == '\'';	/* '' stays '' */
			} else {
				pont_buf_addc(out, t[i] == '\n' || t[i] == '\r' ? ' ' : t[i]);
			}
		}
		break;
	case PONT_QUOTING_YAML_BLOCK:
		/* the lines' breaks and indentation are codes: a new line break would lose it */
		for (i = 0; i < n; i++)
			pont_buf_addc(out, t[i] == '\n' || t[i] == '\r' ? ' ' : t[i]);
		break;
	case PONT_QUOTING_TOML_LITERAL:
		/* no escape there: an apostrophe is written as the typographic one */
		for (i = 0; i < n; i++) {
			if (t[i] == '\'')
				pont_buf_adds(out, "\xE2\x80\x99");
			else
				pont_buf_addc(out, t[i] == '\n' || t[i] == '\r' ? ' ' : t[i]);
		}
		break;
	default:
		pont_buf_add(out, t, n);
	}
}
