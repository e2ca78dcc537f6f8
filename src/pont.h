/* pont.h: the one public interface of libpont (documents, segments, normalization, findings). */
#ifndef PONT_H
#define PONT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define PONT_VERSION "0.1.0"

/*
 * Conventions, for every function below:
 * - Text is UTF-8 and is passed as (const char *s, size_t len); offsets are bytes into it.
 * - A function that can fail returns pont_status. On failure it fills *err when err is not
 *   NULL (err is never touched on success) and leaves its output parameters unchanged.
 * - Out of memory calls the program's handler (pont_set_oom_handler), else aborts: no function
 *   returns an allocation error.
 * - The library never prints and never exits.
 */

typedef enum pont_status {
	PONT_OK = 0,
	PONT_EINVAL,	/* a bad argument or option value */
	PONT_EUTF8,	/* input is not valid UTF-8, or contains NUL */
	PONT_EPARSE,	/* input data is malformed (a file format error) */
	PONT_EIO,	/* reading or writing failed; err->sys_errno has the reason */
	PONT_EICU,	/* ICU reported a failure */
	PONT_ELIMIT	/* input larger or deeper than the limit set for it */
} pont_status;

/* Written only on failure. msg is a complete phrase, ready to print after "error: ". */
typedef struct pont_error {
	pont_status code;
	const char *file;		/* borrowed, may be NULL */
	unsigned long line, col;	/* 1-based; 0 = unknown */
	int sys_errno;			/* errno for PONT_EIO, else 0 */
	char msg[256];
} pont_error;

/* When memory runs out the library calls handler (which should not return: it reports and ends
 * the program); without one, or if it returns, the library aborts. The library itself never
 * prints nor exits. */
void pont_set_oom_handler(void (*handler)(size_t n));
/* The deepest nesting of elements the XML readers accept (TBX, TMX, XLIFF): deeper is
 * PONT_ELIMIT. 0 restores the default, 1 000 000. */
void pont_set_xml_max_depth(unsigned long n);

/* ========== base: buffers, text, positions, findings and reports ========================== */

/* --- Growable byte buffers ------------------------------------------------------------- */

/* p is NUL-terminated whenever it is not NULL; len excludes the NUL. */
typedef struct pont_buf {
	char *p;
	size_t len, alloc;
} pont_buf;
#define PONT_BUF_INIT { NULL, 0, 0 }

void pont_buf_add(pont_buf *b, const char *s, size_t n);
void pont_buf_adds(pont_buf *b, const char *s);
void pont_buf_addc(pont_buf *b, char c);
void pont_buf_addf(pont_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pont_buf_vaddf(pont_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends v in decimal. */
void pont_buf_add_uint(pont_buf *b, uint64_t v);
/* Appends code point cp encoded as UTF-8. */
void pont_buf_add_utf8(pont_buf *b, uint32_t cp);
/* Appends s as a JSON string literal, quotes included. s must be valid UTF-8. */
void pont_buf_add_json(pont_buf *b, const char *s, size_t n);
/* Appends s as a TSV field: tab, line feed, carriage return and backslash as \t \n \r \\. */
void pont_buf_add_tsv(pont_buf *b, const char *s, size_t n);
/* Appends s escaped for XML or HTML text and attribute values: & < > " as entities, carriage
 * return as &#13; (which XML would otherwise read as a line feed); what XML 1.0 cannot hold
 * (other C0 controls, U+FFFE, U+FFFF) as U+FFFD: the output is always well-formed. Writers that
 * must keep such characters (XLIFF <cp>, TMX) write them their own way first. */
void pont_buf_add_xml(pont_buf *b, const char *s, size_t n);
/* Empties the buffer and keeps its memory. */
void pont_buf_reset(pont_buf *b);
/* Frees the memory; *b is PONT_BUF_INIT again. */
void pont_buf_release(pont_buf *b);

/* --- Spans ------------------------------------------------------------------------------ */

typedef struct pont_span {
	size_t start, end;		/* [start, end) in bytes */
} pont_span;

typedef struct pont_spans {
	pont_span *v;
	size_t n, alloc;
} pont_spans;
#define PONT_SPANS_INIT { NULL, 0, 0 }

void pont_spans_push(pont_spans *s, size_t start, size_t end);
void pont_spans_release(pont_spans *s);	/* frees v; *s is PONT_SPANS_INIT again */

/* --- Input text ------------------------------------------------------------------------- */

enum {
	PONT_TEXT_REPLACE_INVALID = 1 << 0,	/* replace invalid UTF-8 by U+FFFD instead of failing */
	PONT_TEXT_BINARY = 1 << 1		/* keep the bytes as they are: no UTF-8 check (XML files) */
};

/*
 * A validated UTF-8 text. data is owned and NUL-terminated (the NUL is not counted in len and
 * is not part of the text: NUL bytes inside the input are rejected). A leading UTF-8 byte order
 * mark is kept in data; bom says how many bytes it takes (3 or 0) so readers can skip it.
 * CR LF line ends are kept as they are.
 */
typedef struct pont_text {
	char *data;
	size_t len;
	size_t bom;
	size_t nreplaced;		/* invalid sequences replaced by U+FFFD */
	size_t first_replaced;		/* offset (in data) of the first replacement */
} pont_text;
#define PONT_TEXT_INIT { NULL, 0, 0, 0, 0 }

/*
 * Reads all of fd (a file, pipe or terminal) and validates it. name is used in error messages
 * and for err->file (borrowed). On failure *t is unchanged: PONT_EIO for a read error,
 * PONT_EUTF8 with line and column of the first bad byte.
 */
pont_status pont_text_read_fd(pont_text *t, int fd, const char *name, unsigned flags, pont_error *err);
/* The same, reading at most max bytes (0: no limit): more is PONT_ELIMIT, nothing kept. */
pont_status pont_text_read_fd_max(pont_text *t, int fd, const char *name, unsigned flags, size_t max,
				  pont_error *err);
/* The same for bytes already in memory (copied). */
pont_status pont_text_from_bytes(pont_text *t, const char *s, size_t len, const char *name,
				 unsigned flags, pont_error *err);
void pont_text_release(pont_text *t);

/*
 * Checks that s is valid UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF)
 * with no NUL byte. Returns len when valid, else the offset of the first bad byte.
 */
size_t pont_utf8_check(const char *s, size_t len);
/* Decodes the code point at s[*i] (valid UTF-8 assumed) and advances *i past it. */
uint32_t pont_utf8_next(const char *s, size_t len, size_t *i);
/* Number of code points in s[0, len). */
size_t pont_utf8_count(const char *s, size_t len);

/* --- Positions -------------------------------------------------------------------------- */

/* An index of line starts, to turn byte offsets into 1-based line and code-point column. */
typedef struct pont_lines {
	size_t *start;
	size_t n;
	const char *text;
	size_t len, bom;
	size_t last_off, last_line;	/* cache: positions asked in order cost O(distance) */
	unsigned long last_col;
} pont_lines;

/* Builds the index for text (borrowed: it must outlive *li). bom bytes at the start are not
 * counted in columns. */
void pont_lines_init(pont_lines *li, const char *text, size_t len, size_t bom);
void pont_lines_pos(const pont_lines *li, size_t off, unsigned long *line, unsigned long *col);
void pont_lines_release(pont_lines *li);

/* --- Findings ---------------------------------------------------------------------------- */

typedef enum pont_severity {
	PONT_SEV_INFO = 1,
	PONT_SEV_WARNING = 2,
	PONT_SEV_ERROR = 3
} pont_severity;

/* "info", "warning", "error". */
const char *pont_severity_name(pont_severity sev);
/* Parses one of those names; returns 0 when unknown. */
pont_severity pont_severity_parse(const char *s);

/* Which part of pont reports a finding. */
typedef enum pont_family {
	PONT_FAMILY_CHECK,	/* translation QA (pont check) */
	PONT_FAMILY_SPELL,	/* spelling (pont spell), word lists */
	PONT_FAMILY_NORMALIZE,	/* typography (pont normalize --check) */
	PONT_FAMILY_GLOSSARY,	/* TBX, CSV and TSV glossaries */
	PONT_FAMILY_WORKFILE,	/* XLIFF work files, merge */
	PONT_FAMILY_MEMORY	/* TMX */
} pont_family;

/* Every finding pont reports: the catalogue is pont-findings.def, installed beside this header. */
typedef enum pont_id {
#define PONT_X(name, id, family, sev, why) PONT_ID_##name,
#include "pont-findings.def"
#undef PONT_X
	PONT_ID_N
} pont_id;

typedef struct pont_id_info {
	const char *name;		/* "term-missing" */
	pont_family family;
	pont_severity sev;		/* default severity */
	const char *rationale;		/* what it looks for */
} pont_id_info;

/* The catalogue entry of id; NULL for an id out of range. */
const pont_id_info *pont_id_info_of(pont_id id);
/* The finding of family named name, -1 when unknown. */
int pont_id_parse(const char *name, pont_family family);

#define PONT_NOPOS ((size_t)-1)

/* A place in a file: byte offsets when the finding points into a text, and line and column
 * (1-based, columns in code points) once located. */
typedef struct pont_loc {
	const char *file;		/* borrowed: must outlive the finding; NULL: none */
	size_t start, end;		/* [start, end) in bytes; PONT_NOPOS when not known */
	unsigned long line, col;	/* 0: not known */
	unsigned long end_line, end_col;
} pont_loc;

/*
 * One finding: what (code, severity, message), where (at: the text checked, the English in
 * translation QA; src: the French it was checked against, src.file NULL otherwise), and what to
 * do (repl, the text a fix puts at at; alts, suggestions). Every string is owned but file names.
 */
typedef struct pont_finding {
	pont_id code;
	const char *id;			/* pont_id_info_of(code)->name */
	pont_severity sev;
	char *msg;			/* a complete phrase */
	pont_loc at, src;
	char *text;			/* the text at at once located (may be NULL) */
	char *repl;			/* may be NULL */
	char *alts;			/* suggestions, each NUL-terminated (may be NULL) */
	size_t nalts;
	int has_alts;			/* write "suggestions" in JSON, even when there are none */
	char *why;			/* what raised it, beyond the message (may be NULL) */
	size_t row;			/* in a report with rows: the pair of texts it is about; PONT_NOPOS otherwise */
	pont_span rspan;		/* in that row's target: the span (empty: the whole target) */
	char fp[17];			/* in a report with rows: fingerprint (check, texts, span, message) */
} pont_finding;

typedef struct pont_findings {
	pont_finding *v;
	size_t n, alloc;
} pont_findings;
#define PONT_FINDINGS_INIT { NULL, 0, 0 }

/* Adds a finding at [start, end) of a text, at severity sev (0: the catalogue's); repl (may be
 * NULL) and the formatted message are copied. Returns it for the caller to complete. */
pont_finding *pont_findings_add(pont_findings *f, pont_id code, pont_severity sev, size_t start, size_t end,
				const char *repl, size_t repl_len, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
/* Adds a finding at a line and column of a file (a TBX, TMX or XLIFF file: no text offsets). */
pont_finding *pont_findings_add_at(pont_findings *f, pont_id code, pont_severity sev, unsigned long line,
				   unsigned long col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Gives the last finding added n suggestions (list: n NUL-terminated strings, copied). */
void pont_findings_set_alts(pont_findings *f, const char *list, size_t n);
/* Says why the last finding added was raised (formatted, copied): shown beside its message. */
void pont_findings_set_why(pont_findings *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sorts by position (stable for equal positions). */
void pont_findings_sort(pont_findings *f);
/* Number of findings at or above sev. */
size_t pont_findings_count(const pont_findings *f, pont_severity sev);
/* Moves every finding of from to the end of to; from is empty after. */
void pont_findings_move(pont_findings *to, pont_findings *from);
/* Removes finding i (its strings freed), keeping the order of the others. */
void pont_findings_remove(pont_findings *f, size_t i);
void pont_findings_release(pont_findings *f);

/*
 * Names the file of findings from..f->n-1 and turns their byte offsets into lines and columns
 * of text (the text they point into; positions in order cost little), keeping the text of
 * each span. Findings located already (a line set) only get the file name.
 */
void pont_findings_locate(pont_findings *f, size_t from, const char *file, const char *text, size_t len, size_t bom);

/* --- Reports: findings and the pairs of texts they are about, written for people and tools --- */

/* A pair of texts checked together (translation QA). */
typedef struct pont_row {
	char *src, *tgt;
	char *label;			/* where: "lucas.en.txt:12:1" */
	char *unit, *segment;		/* work files: their ids (NULL otherwise) */
} pont_row;

typedef struct pont_report {
	pont_findings f;
	pont_row *rows;
	size_t nrows, arows;
	size_t suppressed;		/* findings dropped as accepted */
	int qa;				/* a translation-QA report: sources, fingerprints, suppressions */
	char **files;			/* the file names its findings point to (the report's own copies) */
	size_t nfiles;
} pont_report;
#define PONT_REPORT_INIT { PONT_FINDINGS_INIT, NULL, 0, 0, 0, 0, NULL, 0 }

typedef enum pont_report_format {
	PONT_REPORT_TEXT,	/* FILE:LINE:COL: severity: [id] message, a line each */
	PONT_REPORT_JSON,	/* {"findings":[...]} */
	PONT_REPORT_SARIF,	/* SARIF 2.1.0, for code-scanning tools */
	PONT_REPORT_HTML	/* one page: findings, and for QA the pairs side by side */
} pont_report_format;

/* "text", "json", "sarif", "html" -> the format; -1 when unknown. */
int pont_report_format_parse(const char *s);
/* Adds a row (texts copied); returns its index. unit and segment may be NULL. */
size_t pont_report_row(pont_report *r, const char *src, size_t sn, const char *tgt, size_t tn, const char *label,
		       const char *unit, const char *segment);
/* Moves the findings of f into the report (their file names copied: the report owns them);
 * in a QA report, each gets its fingerprint from its row's texts and its span in them. */
void pont_report_take(pont_report *r, pont_findings *f);
/* Drops the findings that a suppressions file (data: "ID FINGERPRINT reason" lines, "#" comments)
 * accepts; counts them in r->suppressed. */
void pont_report_suppress(pont_report *r, const char *data, size_t len);
/*
 * Writes a suppressions file that accepts every finding of r: the entries of old (the file's
 * current content, may be NULL) first, their reasons kept, then the new ones. Returns how many
 * entries were added.
 */
size_t pont_report_write_ignore(const pont_report *r, const char *old, size_t oldlen, pont_buf *out);
/* Writes the report; title names the page (HTML: its title and heading, e.g. "pont check: x.en.md"). */
void pont_report_write(const pont_report *r, pont_report_format fmt, const char *title, pont_buf *out);
void pont_report_release(pont_report *r);

/* --- Counters: how often the library did its costly steps (for tests and profiling) ---------- */

typedef struct pont_counters {
	unsigned long doc_parses;	/* documents parsed (pont_doc_parse and its kin) */
	unsigned long segmentations;	/* documents segmented (pont_segment_doc) */
	unsigned long term_matches;	/* documents matched against a glossary (pont_match_doc) */
	unsigned long spell_checks;	/* documents spell-checked (pont_spell_doc) */
	unsigned long xliff_reads;	/* work files parsed (pont_xliff_read) */
	unsigned long xliff_writes;	/* work files written (pont_xliff_prepare) */
} pont_counters;

/* The counts since the process started (all threads). */
void pont_counters_get(pont_counters *c);

/* ========== text: documents, sentences, typography ======================================== */

/* --- Documents -------------------------------------------------------------------------- */

typedef enum pont_format {
	PONT_FORMAT_TEXT = 0,		/* plain text */
	PONT_FORMAT_MARKDOWN,		/* CommonMark-style Markdown */
	PONT_FORMAT_HTML		/* an HTML page */
} pont_format;

/* How plain text is cut into paragraphs. */
typedef enum pont_paragraphs {
	PONT_PARA_AUTO = 0,	/* lines, unless the text is hard-wrapped */
	PONT_PARA_LINES,	/* each non-blank line is a paragraph */
	PONT_PARA_BLANK		/* paragraphs are separated by blank lines */
} pont_paragraphs;

typedef enum pont_block_kind {
	PONT_BLOCK_TITLE,
	PONT_BLOCK_STANDFIRST,
	PONT_BLOCK_HEADING,
	PONT_BLOCK_TURN,	/* a speaker turn: label holds the speaker */
	PONT_BLOCK_PARAGRAPH,
	PONT_BLOCK_LIST_ITEM,
	PONT_BLOCK_QUOTE,
	PONT_BLOCK_CELL,	/* a table's cell (Markdown's GFM tables) */
	PONT_BLOCK_FIELD,	/* a prose field of the front matter: label holds its key */
	PONT_BLOCK_CODE,	/* verbatim: fenced or indented code */
	PONT_BLOCK_HTML,	/* verbatim: an HTML block */
	PONT_BLOCK_RULE,	/* verbatim: a thematic break */
	PONT_BLOCK_META,	/* verbatim: front matter */
	PONT_BLOCK_NKINDS
} pont_block_kind;

/* "title", "standfirst", "heading", "turn", "paragraph", "list-item", "quote", "code", ... */
const char *pont_block_kind_name(pont_block_kind k);
/* Non-zero for kinds whose content is translated and checked (not code, HTML, rules, meta). */
int pont_block_kind_is_text(pont_block_kind k);

/* Inline markup and protected text inside a block's content. */
typedef enum pont_mark_kind {
	PONT_MARK_BLOCK,	/* line structure: a line end, a continuation prefix ("> ", indent) */
	PONT_MARK_EMPH,		/* emphasis delimiters: *, **, _ */
	PONT_MARK_LINK,		/* link syntax around the text: "[", "](dest)", "![" */
	PONT_MARK_CODE,		/* an inline code span, backticks included */
	PONT_MARK_HTML,		/* an inline HTML tag */
	PONT_MARK_URL,		/* a URL (bare, or an autolink with its brackets) */
	PONT_MARK_EMAIL,	/* an e-mail address */
	PONT_MARK_ESCAPE,	/* the backslash of a Markdown escape */
	PONT_MARK_NKINDS
} pont_mark_kind;


typedef struct pont_mark {
	pont_mark_kind kind;
	pont_span span;
} pont_mark;

typedef struct pont_block {
	pont_block_kind kind;
	unsigned level;		/* heading level, list or quote depth; 0 otherwise */
	pont_span span;		/* the whole block, markers included, final line end excluded */
	pont_span content;	/* the text proper: after markers and speaker label, trimmed */
	pont_span label;	/* for turns: the speaker's name; for fields: the key; empty otherwise */
	size_t mark0, nmarks;	/* the marks inside content: pont_doc_marks()[mark0 ...] */
	int quoting;		/* for fields: how the value is quoted (pont_quoting) */
} pont_block;

/* How a front matter value is written, so that another text can take its place. */
typedef enum pont_quoting {
	PONT_QUOTING_NONE,
	PONT_QUOTING_YAML_PLAIN,	/* title: Un titre */
	PONT_QUOTING_YAML_DOUBLE,	/* title: "Un titre" */
	PONT_QUOTING_YAML_SINGLE,	/* title: 'Un titre' */
	PONT_QUOTING_TOML_BASIC,	/* title = "Un titre" */
	PONT_QUOTING_TOML_LITERAL,	/* title = 'Un titre' */
	PONT_QUOTING_YAML_BLOCK		/* summary: >- then the text on indented lines */
} pont_quoting;

/* Names of the quoting styles ("yaml-plain"...) and back (PONT_QUOTING_NONE when unknown). */
const char *pont_quoting_name(pont_quoting q);
pont_quoting pont_quoting_of(const char *name);
/* Writes text (n bytes) into out so that it reads back as itself in the quoting style q: quotes
 * escaped or doubled, a YAML plain value that would not stay one put in double quotes. A text
 * already valid there (the original value) is written unchanged. */
void pont_quote_value(pont_quoting q, const char *text, size_t n, pont_buf *out);

/* How a document is read. Give every field ({ format, paragraphs, NULL }): fields added later
 * are NULL or 0 by default. */
typedef struct pont_doc_options {
	pont_format format;
	pont_paragraphs paragraphs;	/* plain text only */
	const char *fields;		/* Markdown: the front matter's prose keys, comma-separated
					 * ("title,description"); NULL: data/front-matter-prose.txt */
} pont_doc_options;

typedef struct pont_doc pont_doc;

/*
 * Parses text (borrowed: it must outlive the document; validated UTF-8, a BOM is skipped)
 * into blocks with byte offsets. opt may be NULL (plain text, automatic paragraphs).
 * Never fails on content: any text is a document. Returns NULL only when len > 2 GiB
 * (PONT_EINVAL). pont_doc_free(NULL) is a no-op.
 */
pont_doc *pont_doc_parse(const char *text, size_t len, const pont_doc_options *opt, pont_error *err);
/*
 * A document whose paragraphs are given: one block of kind paragraph per span of text (sorted,
 * not overlapping; the text between them belongs to no block), with the inline marks of the
 * format (opt may be NULL: plain text). For the segments of a work file.
 */
pont_doc *pont_doc_parse_blocks(const char *text, size_t len, const pont_span *spans, size_t n,
				const pont_doc_options *opt);
void pont_doc_free(pont_doc *d);
size_t pont_doc_nblocks(const pont_doc *d);
const pont_block *pont_doc_block(const pont_doc *d, size_t i);
/* All marks of the document in text order; *n receives their number. */
const pont_mark *pont_doc_marks(const pont_doc *d, size_t *n);
const char *pont_doc_text(const pont_doc *d, size_t *len);

/* --- Segmentation ----------------------------------------------------------------------- */

typedef struct pont_segmenter pont_segmenter;

/*
 * A sentence segmenter for lang "fr" or "en": ICU's sentence rules ("fr"; "en@ss=standard"),
 * plus pont's abbreviation lists (data/abbrev-*.txt) and protections: URLs, e-mail addresses,
 * code, links, initials, emoticons, "?" or "!" before a lower-case word, French closing quotes.
 * NULL + *err on failure (PONT_EINVAL for another language, PONT_EICU).
 */
pont_segmenter *pont_segmenter_new(const char *lang, pont_error *err);
void pont_segmenter_free(pont_segmenter *sg);

/*
 * Splits text into sentences: appends spans to *out that are contiguous, non-empty and cover
 * [0, len) exactly (trailing spaces belong to the sentence before them). On failure *out is
 * unchanged.
 */
pont_status pont_segment_text(pont_segmenter *sg, const char *text, size_t len, pont_spans *out,
			      pont_error *err);

typedef struct pont_seg {
	size_t block;		/* index of the block */
	pont_span span;		/* the sentence, trimmed of surrounding white space */
} pont_seg;

typedef struct pont_segs {
	pont_seg *v;
	size_t n, alloc;
} pont_segs;
#define PONT_SEGS_INIT { NULL, 0, 0 }

void pont_segs_release(pont_segs *s);

/*
 * Appends the sentences of every text block of doc, in order. Everything between two
 * sentences is white space, block markup or a speaker label: no text is left out.
 */
pont_status pont_segment_doc(pont_segmenter *sg, const pont_doc *doc, pont_segs *out, pont_error *err);

/* --- Normalization ---------------------------------------------------------------------- */

typedef enum pont_norm_target {
	PONT_NORM_FR = 0,	/* French typography */
	PONT_NORM_EN		/* English typography (also: French conventions rewritten for English) */
} pont_norm_target;

typedef struct pont_norm_options {
	pont_norm_target target;
	uint32_t nbsp;		/* the no-break space French typography uses: 0x202F (default) or 0xA0 */
} pont_norm_options;

/*
 * Normalizes a document: NFC, then the typography rules of opt->target, never inside URLs,
 * e-mail addresses, code or Markdown markup. Appends the result to *out and, when changes is
 * not NULL, one finding per change (positions in the input, repl = the new text).
 * Normalizing the output again changes nothing.
 */
pont_status pont_normalize(const char *text, size_t len, const pont_doc_options *dopt,
			   const pont_norm_options *opt, pont_buf *out, pont_findings *changes,
			   pont_error *err);

/*
 * Applies changes (non-overlapping findings with repl, sorted by position) to text and
 * appends the result to *out. Findings without repl are ignored.
 */
void pont_apply_changes(const char *text, size_t len, const pont_findings *changes, pont_buf *out);

/* --- Comparing text -------------------------------------------------------------------------- */

/*
 * Folds text for comparison: NFC, case folding, both apostrophes as U+2019, white space and
 * hyphens between words as one space. Appends to *out.
 */
void pont_fold(const char *s, size_t n, pont_buf *out);

/* ========== lexicon: glossaries, terms, dictionaries, spelling ============================= */

/* --- Glossaries (TBX) -------------------------------------------------------------------- */

/* Administrative status of a term, normalized across TBX versions and dialects. */
typedef enum pont_term_status {
	PONT_STATUS_NONE = 0,		/* not given */
	PONT_STATUS_PREFERRED,
	PONT_STATUS_ADMITTED,
	PONT_STATUS_DEPRECATED,		/* also "not recommended" */
	PONT_STATUS_SUPERSEDED,
	PONT_STATUS_OBSOLETE,
	PONT_STATUS_FORBIDDEN
} pont_term_status;

typedef enum pont_term_type {
	PONT_TYPE_NONE = 0,
	PONT_TYPE_FULL_FORM,
	PONT_TYPE_ACRONYM,
	PONT_TYPE_ABBREVIATION,
	PONT_TYPE_SHORT_FORM,
	PONT_TYPE_VARIANT,
	PONT_TYPE_PHRASE,
	PONT_TYPE_OTHER
} pont_term_type;

/* "preferred", "admitted", ... ("" for NONE); parse returns -1 when unknown. */
const char *pont_term_status_name(pont_term_status s);
int pont_term_status_parse(const char *s);
const char *pont_term_type_name(pont_term_type t);
/*
 * Order of preference for an editor: preferred 0, admitted 1, none 2, superseded 3,
 * deprecated 4, obsolete 5, forbidden 6. From 3 on, a term is not to be used.
 */
int pont_term_status_rank(pont_term_status s);
int pont_term_type_parse(const char *s);

typedef enum pont_tbx_dialect {
	PONT_TBX_UNKNOWN = 0,
	PONT_TBX_2008,		/* ISO 30042:2008, <martif>: TBX-Default / TBX-Basic of 2008 */
	PONT_TBX_CORE,		/* TBX v3 (ISO 30042:2019) TBX-Core */
	PONT_TBX_BASIC,		/* TBX v3 TBX-Basic */
	PONT_TBX_MIN,		/* TBX v3 TBX-Min */
	PONT_TBX_MIN_2013	/* the 2013 draft TBX-Min, <TBX dialect="TBX-Min"> */
} pont_tbx_dialect;

const char *pont_tbx_dialect_name(pont_tbx_dialect d);

/* All strings are owned by the glossary, NUL-terminated UTF-8; absent fields are NULL. */
typedef struct pont_term {
	const char *text;
	const char *lang;		/* as written (xml:lang), e.g. "en-GB" */
	pont_term_status status;
	pont_term_type type;
	const char *pos;		/* part of speech: noun, verb, adjective, adverb, properNoun, other */
	const char *gender, *number;
	const char *context, *note, *geo, *customer, *project, *source;
	size_t concept;			/* index of its concept */
	unsigned long line;
} pont_term;

/*
 * How `pont check` holds a concept, as its glossary says (TBX: <admin type="enforcement"> at
 * concept level; CSV/TSV: the enforcement column). The value reads
 * "LEVEL [when WORDS] [unless WORDS]", WORDS being French words or phrases separated by "|" (a
 * trailing * matches any ending): the concept is enforced only in sentences with one of the
 * "when" words, and never in those with an "unless" word.
 */
typedef enum pont_enforcement {
	PONT_ENFORCE_DEFAULT = 0,	/* not said: as recommended */
	PONT_ENFORCE_REQUIRED,		/* a source term left without its English is an error */
	PONT_ENFORCE_RECOMMENDED,	/* ... a warning */
	PONT_ENFORCE_REFERENCE		/* shown to translators, never a finding (forbidden terms still are) */
} pont_enforcement;

typedef struct pont_concept {
	const char *id;
	const char *subject;
	const char *definition;		/* concept level */
	const char *note;
	size_t term0, nterms;		/* its terms are pont_glossary_term(g, term0 ... term0 + nterms - 1) */
	unsigned long line;
	const char *enforcement;	/* as written, NULL when not given */
	pont_enforcement level;		/* the level it gives */
	const char *when, *unless;	/* its "|"-separated French words, NULL when none */
	const char *customer, *project;	/* customerSubset, projectSubset at concept level */
} pont_concept;

/* "required", "recommended", "reference" ("" for DEFAULT). */
const char *pont_enforcement_name(pont_enforcement e);
/*
 * Reads an enforcement value into *level and the "when" and "unless" word lists ("|"-separated,
 * spaces around the bars removed; reset first, empty when none). -1 when it cannot be read, with
 * the reason in why (when not NULL).
 */
int pont_enforcement_parse(const char *s, pont_enforcement *level, pont_buf *when, pont_buf *unless, pont_buf *why);

/* Definitions and notes given for one language of a concept. */
typedef struct pont_langnote {
	size_t concept;
	const char *lang;
	const char *definition, *note;
} pont_langnote;

typedef struct pont_glossary pont_glossary;

/*
 * Reads a TBX file held in data[0, len) (any encoding expat knows: UTF-8, UTF-16 with BOM,
 * ISO-8859-1, US-ASCII), detecting the dialect from the root. Every term of every language is
 * kept. When diags is not NULL, structural and dialect problems are appended to it (the
 * glossary still loads: a missing xml:lang or an empty term drops that term, and says so).
 * Fails only when the XML is not well-formed, declares entities (refused: no external
 * entities, no expansion), or is not TBX: PONT_EPARSE with line and column.
 * pont_glossary_free(NULL) is a no-op.
 */
pont_glossary *pont_glossary_load(const char *data, size_t len, const char *name, pont_findings *diags,
				  pont_error *err);
void pont_glossary_free(pont_glossary *g);
pont_tbx_dialect pont_glossary_dialect(const pont_glossary *g);
int pont_glossary_dct(const pont_glossary *g);	/* 1 for DCT style (namespaced data categories) */
size_t pont_glossary_nconcepts(const pont_glossary *g);
size_t pont_glossary_nterms(const pont_glossary *g);
size_t pont_glossary_nlangnotes(const pont_glossary *g);
const pont_concept *pont_glossary_concept(const pont_glossary *g, size_t i);
const pont_term *pont_glossary_term(const pont_glossary *g, size_t i);
const pont_langnote *pont_glossary_langnote(const pont_glossary *g, size_t i);

/*
 * Does lang ("en-GB", "EN", "fr") belong to want ("en", "en-gb")? Case-insensitive; a region
 * falls back to its language: "en-GB" matches "en"; "en" does not match "en-GB".
 */
int pont_lang_matches(const char *lang, const char *want);

/* --- Glossary formats ------------------------------------------------------------------- */

typedef enum pont_gloss_format {
	PONT_GLOSS_TBX = 0,	/* TBX v3, TBX-Basic, DCA style (TBX-Core when a status is outside Basic's) */
	PONT_GLOSS_TBX2008,	/* TBX 2008, <martif> */
	PONT_GLOSS_CSV,		/* one row per concept and language, RFC 4180 */
	PONT_GLOSS_TSV		/* the same columns, tab-separated */
} pont_gloss_format;

/*
 * The spreadsheet form: a header row, then one row per concept and language with the columns
 * concept, subject, definition, note, enforcement, lang, lang_definition, lang_note, terms,
 * statuses, types, pos, genders, numbers, contexts, term_notes, customers, projects, sources
 * (read in any order, by name; those missing are empty). "terms" lists the
 * synonyms separated by " | "; the columns after it hold one value per synonym in the same
 * order, " | "-separated too ("\|" for a literal bar, "\\" for a backslash). Concept columns
 * may be left empty on the rows after a concept's first.
 */
void pont_glossary_write(const pont_glossary *g, pont_gloss_format f, pont_buf *out);

/*
 * Reads the CSV or TSV form above. Rows that cannot be read (a missing concept id on a first
 * row, statuses that name no status, more values than terms) are reported in diags with their
 * line; fails (PONT_EPARSE) only when the header is not this format's. NULL + *err on failure.
 */
pont_glossary *pont_glossary_read_table(const char *data, size_t len, int tsv, const char *name,
					pont_findings *diags, pont_error *err);

/*
 * Finds the terms written like s (compared folded, after removing a French elision such as
 * "l’", "d’", "qu’"); with lang, only terms of that language (region fallback). Appends the
 * indexes of the terms to *out (caller frees out->v). Returns how many it found.
 */
size_t pont_glossary_lookup(const pont_glossary *g, const char *s, size_t n, const char *lang, pont_spans *out);

/*
 * The English terms of a concept for an edition in lang ("en", "en-US", "en-GB"), best status
 * first (preferred, admitted, none, then those not to use): at most max indexes into g's terms.
 * en-GB takes the concept's en-GB terms when it has some, else its plain en ones; en takes the
 * plain en ones, else whatever English the concept has.
 */
size_t pont_glossary_english(const pont_glossary *g, size_t concept, const char *lang, size_t *out, size_t max);

/* --- Hunspell dictionaries ---------------------------------------------------------------- */

typedef struct pont_dict pont_dict;

/*
 * Opens the Hunspell dictionary for lang ("fr", "en", "en-US", "en-GB"): LANG.aff and LANG.dic
 * (fr_FR, en_US, en_GB...) looked for in dir when given, else in $PONT_DICT_PATH and $DICPATH
 * (colon-separated), then /usr/share/hunspell, /usr/share/myspell. A missing dictionary is
 * PONT_EIO with a message naming the Debian package to install. _free(NULL) is a no-op.
 * Dictionaries may be opened and freed on several threads at once: Hunspell 1.7.1 shares a table
 * between them, which pont guards (when Hunspell's calls to it cannot be seen guarded, opening
 * and freeing take turns). One dictionary is used by one thread at a time.
 */
pont_dict *pont_dict_open(const char *lang, const char *dir, pont_error *err);
void pont_dict_free(pont_dict *d);
/* Is word (UTF-8) correct? */
int pont_dict_spell(pont_dict *d, const char *word);
/* Appends the stems Hunspell finds for word, each NUL-terminated, to *out; returns their number. */
int pont_dict_stems(pont_dict *d, const char *word, pont_buf *out);
/*
 * Adds word to the dictionary for this run. With model (a word the dictionary knows), word also
 * takes the regular endings the dictionary accepts on the model (-s, -x, -e, -es, -al/-aux,
 * -y/-ies, -ed, -ing, -er, -ers): "laptop" like "serveur" also accepts "laptops". Returns 0
 * when the model is unknown (word is then added alone), else 1.
 */
int pont_dict_add(pont_dict *d, const char *word, const char *model);
/* Appends up to max suggestions for word, each NUL-terminated, to *out; returns their number. */
int pont_dict_suggest(pont_dict *d, const char *word, int max, pont_buf *out);

/* --- Term matching ------------------------------------------------------------------------ */

typedef struct pont_matcher pont_matcher;

/*
 * Compiles the terms of language lang ("fr") of the ng glossaries into one automaton over
 * folded token sequences: matching costs O(text) whatever the size of the glossaries.
 * Tokens compare case-folded with both apostrophes and hyphen/space/joined variants
 * ("data center", "data-center", "datacenter"); a term written with capitals (an acronym such as
 * SRE, DSI, or Ops) matches only as written or in capitals. When dict is given (the Hunspell
 * dictionary of lang), inflected forms the dictionary confirms are added: plurals and feminine
 * forms ("bases de données", "certifications", "ingénieure"); without it, regular plurals.
 * The glossaries must outlive the matcher (the array gs itself is copied).
 */
pont_matcher *pont_matcher_new(const pont_glossary *const *gs, size_t ng, const char *lang, pont_dict *dict,
			       pont_error *err);
void pont_matcher_free(pont_matcher *m);

typedef struct pont_match {
	pont_span span;		/* bytes of the text */
	size_t glossary;	/* which glossary */
	size_t term;		/* the term that matched (in that glossary) */
	size_t nalt;		/* other concepts written the same way: alternative k is the term */
	size_t alt0;		/* alts[2 * (alt0 + k) + 1] of glossary alts[2 * (alt0 + k)] */
} pont_match;

typedef struct pont_matches {
	pont_match *v;
	size_t n, alloc;
	size_t *alts;		/* (glossary, term) pairs of the alternatives */
	size_t nalts, aalts;
} pont_matches;
#define PONT_MATCHES_INIT { NULL, 0, 0, NULL, 0, 0 }

void pont_matches_release(pont_matches *m);

/*
 * Finds every term occurrence in the text blocks of doc, left to right, longest match first;
 * never inside URLs, e-mail addresses, code, markup or another word. A French elision before a
 * term ("l’infra") is not part of the match. When several concepts are written the same way, a
 * determiner's gender ("la DSI" / "le DSI") picks among them where it can; the others are kept
 * as alternatives.
 */
void pont_match_doc(pont_matcher *m, const pont_doc *doc, pont_matches *out);

/* Words an article uses that a glossary may be missing. */
typedef enum pont_cand_kind {
	PONT_CAND_ACRONYM,	/* CDI, DSI, R&D */
	PONT_CAND_CAMELCASE,	/* DevOps */
	PONT_CAND_ANGLICISM	/* build, cloud, soft skills: the French dictionary rejects it, English accepts it */
} pont_cand_kind;

/* "acronym", "camelcase", "anglicism". */
const char *pont_cand_kind_name(pont_cand_kind k);

typedef struct pont_candidate {
	char *text;		/* owned; as first written */
	pont_cand_kind kind;
	size_t count;
	pont_span first;	/* its first occurrence */
} pont_candidate;

typedef struct pont_candidates {
	pont_candidate *v;
	size_t n, alloc;
} pont_candidates;
#define PONT_CANDIDATES_INIT { NULL, 0, 0 }

void pont_candidates_release(pont_candidates *c);

/*
 * Appends the candidates of doc's text blocks, most frequent first: acronyms, CamelCase words
 * and anglicisms (a lower-case word, or two in a row, that fr rejects and en accepts). Words
 * inside a known match (pont_match_doc's output, may be NULL) are left out; en may be NULL
 * (no anglicisms then).
 */
void pont_find_candidates(const pont_doc *doc, const pont_matches *known, pont_dict *fr, pont_dict *en,
			  pont_candidates *out);

/*
 * Writes the candidates as a draft TBX for a terminologist (TBX-Basic, DCA): one concept per
 * candidate with its French term and, when contexts[i] is not NULL, that sentence as the
 * term's context; English is left for the terminologist to fill.
 */
void pont_candidates_write_tbx(const pont_candidates *c, const char *const *contexts, pont_buf *out);

/* --- Spelling ----------------------------------------------------------------------------- */

typedef struct pont_speller pont_speller;

/*
 * A spelling checker for lang ("fr", "en", "en-US", "en-GB") over Hunspell dictionary dict (its
 * language) and, optionally, other (the other language: English for French text, French for
 * English): sentences mostly in the other language are checked against it, and French text can
 * accept English words (anglicisms). Both are borrowed; words added to the speller go into dict
 * for the run. PONT_EINVAL for another language, PONT_EICU.
 */
pont_speller *pont_speller_new(const char *lang, pont_dict *dict, pont_dict *other, pont_error *err);
void pont_speller_free(pont_speller *sp);
/* Also accepts what variant (borrowed) knows: another spelling of the language, such as en-GB
 * next to en-US when the text may use either. Vocabulary added to the speller goes to dict only. */
void pont_speller_set_variant(pont_speller *sp, pont_dict *variant);

/* Accepts word, inflected like model (a word of the dictionary, may be NULL); 0 when model is unknown. */
int pont_speller_add_word(pont_speller *sp, const char *word, size_t n, const char *model);
/*
 * Reads a word list: one entry a line, "word" or "word/model" (inflected like model), "#"
 * comments, an optional first line with the word count (Hunspell .dic style). Several words on
 * a line are each accepted. PONT_EUTF8 with the position; other problems go to diags.
 */
pont_status pont_speller_add_wordlist(pont_speller *sp, const char *data, size_t len, const char *name,
				      pont_findings *diags, pont_error *err);
/* Accepts every word of every term of sp's language in g, nouns with their plurals. Returns the
 * number of words added. */
size_t pont_speller_add_glossary(pont_speller *sp, const pont_glossary *g);

typedef struct pont_spell_options {
	int anglicisms;		/* French: words only the English dictionary knows are info findings */
	int suggest;		/* suggestions per unknown word (at most 9; 0: none, faster) */
	int repeated;		/* report repeated words */
	int variants;		/* English with a variant dictionary (pont_speller_set_variant): 0, its
				 * spellings are accepted; 1, reported ("variant", warning); 2, accepted
				 * unless the text mixes both varieties: then the less used one's are
				 * reported ("variant", info) */
	double suggest_seconds;	/* the time the speller may spend on suggestions in all (0: 20 s);
				 * past it, and for words over 40 bytes, an unknown word gets none */
} pont_spell_options;

/*
 * Checks the text blocks of doc (never labels, code, URLs, e-mail addresses or markup) and
 * appends findings sorted by position: "spelling" (error; with suggestions), "repeated-word"
 * (warning), "name" (info: a capitalised word no dictionary has, used in mid-sentence) and
 * "anglicism" (info, with opt->anglicisms). opt may be NULL (5 suggestions, repeated words).
 * Not words: tokens with digits, identifiers (_ . :), mixed-case names (DevOps), acronyms of up
 * to five capitals, roman ordinals (XXIe), paths, options and variables. stats, when not NULL,
 * is added to.
 */
typedef struct pont_spell_stats {
	size_t words;		/* word tokens (ICU words with letters or digits) */
	size_t checked;		/* of which looked up (not numbers, acronyms, identifiers...) */
	size_t flagged;		/* of which reported as spelling errors */
	size_t unsuggested;	/* of which left without suggestions: the time for them ran out */
} pont_spell_stats;

/* segs: doc's sentences (pont_segment_doc with sp's language), or NULL to segment here. */
pont_status pont_spell_doc(pont_speller *sp, const pont_doc *doc, const pont_segs *segs, const pont_spell_options *opt,
			   pont_findings *out, pont_spell_stats *stats, pont_error *err);

/* ========== memory: the translation memory ================================================= */

/* --- Translation memory ------------------------------------------------------------------ */

typedef struct pont_tm pont_tm;

/* An empty memory from src_lang to trg_lang ("fr", "en"). */
pont_tm *pont_tm_new(const char *src_lang, const char *trg_lang);
void pont_tm_free(pont_tm *tm);
size_t pont_tm_size(const pont_tm *tm);
const char *pont_tm_src_lang(const pont_tm *tm);
const char *pont_tm_trg_lang(const pont_tm *tm);
/* Unit i's texts. Inline codes of TMX are private-use characters U+E000... in them. */
const char *pont_tm_source(const pont_tm *tm, size_t i);
const char *pont_tm_target(const pont_tm *tm, size_t i);
const char *pont_tm_note(const pont_tm *tm, size_t i);	/* NULL when none */

/* Where a unit comes from; each field NULL when unknown. */
#define PONT_TM_NPROV 4
typedef struct pont_tm_prov {
	const char *article;	/* the article (a work file's original) */
	const char *date;	/* ISO 8601 UTC, "2026-11-29T10:50:03Z" (compared as text: newest last) */
	const char *translator;
	const char *status;	/* the work file's state: "translated", "reviewed", "final" */
} pont_tm_prov;
/* Unit i's provenance; its strings live as long as the memory is not changed. */
pont_tm_prov pont_tm_provenance(const pont_tm *tm, size_t i);

/* What pont_tm_add did. */
enum { PONT_TM_KEPT = 0, PONT_TM_ADDED = 1, PONT_TM_REPLACED = 2 };
/*
 * Adds a unit (prov may be NULL). A unit whose source and target are those of a unit already
 * there up to typography and case (pont_tm_lookup's 100 %) is not added: the newer of the two
 * is kept in that unit's place (PONT_TM_REPLACED; PONT_TM_KEPT when the one there is the same
 * or dated later). A source with another target is a new unit: an alternative translation.
 * PONT_TM_KEPT too when the source or the target is empty or the source has nothing a
 * look-up could match (white space).
 */
int pont_tm_add_unit(pont_tm *tm, const char *src, size_t sn, const char *tgt, size_t tn, const char *note,
		     const pont_tm_prov *prov);
int pont_tm_add(pont_tm *tm, const char *src, size_t sn, const char *tgt, size_t tn, const char *note);
/* How many units newer ones replaced since tm was made or opened. */
size_t pont_tm_replaced(const pont_tm *tm);

typedef struct pont_tm_match {
	uint32_t unit;
	int score;		/* 0-100: 100 the same text up to typography and case */
	int differs;		/* a 100 whose bytes are not the same (apostrophes, quotes, spaces, case...) */
} pont_tm_match;

/*
 * The best units for text, at most max, score at least min_score, best first (ties: newer unit
 * first). Tokens are compared as a reader sees them: apostrophes, quotes, dashes, the ellipsis,
 * no-break spaces, case and Unicode normalization (NFKC) never cost points. Score:
 * 100 * (1 - d / W), d the weighted edit distance between the token sequences (words weigh 1,
 * numbers 0.5, punctuation and inline codes 0.25; replacing a number by a number, a mark by a
 * mark costs that weight), W the larger total weight. Candidates come from an inverted index of
 * tokens, best possible score first, so that only a few units are scored; the result is the
 * same as scoring every unit (pont_tm_lookup_all).
 */
size_t pont_tm_lookup(pont_tm *tm, const char *text, size_t n, int min_score, pont_tm_match *out, size_t max);
size_t pont_tm_lookup_all(pont_tm *tm, const char *text, size_t n, int min_score, pont_tm_match *out, size_t max);
/* What two texts the same up to typography differ in, for a reader: "apostrophes, spaces"
 * (from: apostrophes, quotation marks, dashes, ellipsis, spaces, case, character forms).
 * Appends to *out; nothing when they are the same bytes. */
void pont_tm_typography(const char *a, const char *b, pont_buf *out);

/* The memory as pont's file (the units and their index; native byte order). */
void pont_tm_write(const pont_tm *tm, pont_buf *out);
int pont_tm_is_file(const char *data, size_t len);
/* Reads it back (data copied; a file of pont's first memory format is re-indexed); PONT_EPARSE
 * for a damaged file or another version. */
pont_tm *pont_tm_open(const char *data, size_t len, const char *name, pont_error *err);

typedef struct pont_tmx_stats {
	size_t units;		/* <tu> read */
	size_t added, duplicates;
	size_t skipped;		/* without both languages */
} pont_tmx_stats;

/*
 * Adds the units of a TMX 1.4b file that have a <tuv> in both of tm's languages (exact, else
 * region fallback: "fr-FR" for "fr"); <note> texts are kept; inline codes become placeholders
 * and come back on export. Fails (PONT_EPARSE, located) on XML that is not well-formed, entity
 * declarations, a root other than <tmx>, or units none of which has both languages. diags
 * (may be NULL) receives warnings; st (may be NULL) the counts.
 */
pont_status pont_tm_read_tmx(pont_tm *tm, const char *data, size_t len, const char *name, pont_findings *diags,
			     pont_tmx_stats *st, pont_error *err);
/* Writes the memory as TMX 1.4b. */
void pont_tm_write_tmx(const pont_tm *tm, pont_buf *out);

/* --- A memory shared on a PostgreSQL server ----------------------------------------------- */

typedef struct pont_tmdb pont_tmdb;

/* Is s a server's URL (postgresql://... or postgres://...)? */
int pont_tmdb_is_url(const char *s);
/* The URL as it may be shown: its password replaced by ***. Appends to *out. */
void pont_tmdb_display(const char *url, pont_buf *out);
/*
 * Connects to the memory at url (a libpq connection URI). create: makes the schema when the
 * database has none (pont tm init; safe to repeat). Fails with PONT_EIO when the server cannot
 * be reached, PONT_EPARSE when the database holds no pont memory (create 0), one of another
 * schema version, or one of other languages. err->file is the URL without its password.
 */
pont_tmdb *pont_tmdb_open(const char *url, const char *src_lang, const char *trg_lang, int create, pont_error *err);
void pont_tmdb_close(pont_tmdb *db);
const char *pont_tmdb_name(const pont_tmdb *db);	/* the URL without its password */
pont_status pont_tmdb_size(pont_tmdb *db, size_t *n, pont_error *err);
/*
 * Adds the units of a memory (pont_tm_add_unit's rules: a unit the same as one there up to
 * typography replaces it when newer) in one transaction: all or nothing, one writer at a time
 * (an advisory lock), so that writers on many machines lose nothing.
 */
pont_status pont_tmdb_add(pont_tmdb *db, const pont_tm *units, size_t *added, size_t *replaced, pont_error *err);
/*
 * pont_tm_lookup on the server: the candidates that can reach min_score (those sharing enough
 * of the query's rarest tokens, in the weight window, as a full-text search) are fetched into *cands (a memory owned by
 * the caller, units in the server's order; NULL when none was fetched) and scored there, so
 * that the best match is the one a local memory of the same units gives. 0 and *err (err->code
 * not PONT_OK) when the server fails; set err->code to PONT_OK before calling to tell the two.
 */
size_t pont_tmdb_lookup(pont_tmdb *db, const char *text, size_t n, int min_score, pont_tm **cands, pont_tm_match *out,
			size_t max, pont_error *err);
/* Every unit, in the order they were added, as a local memory; NULL + *err on failure. */
pont_tm *pont_tmdb_export(pont_tmdb *db, pont_error *err);

/* ========== bitext: alignment, machine drafts, the work file, the bilingual pair ============ */

/* --- Alignment of two editions ------------------------------------------------------------ */

typedef struct pont_bead {
	size_t s0, ns;		/* source items s0 .. s0 + ns - 1 */
	size_t t0, nt;		/* target items */
	double cost;		/* -log probability, less the anchors' bonus: small is likely */
	double confidence;	/* 0 .. 1: how sure the pairing is; 0 for 1:0 and 0:1 */
	size_t para;		/* in a pont_alignment's sentence beads: the paragraph bead */
} pont_bead;


/* One edition to align: a document, its sentences, and the glossary terms found in it (or NULL). */
typedef struct pont_align_input {
	const pont_doc *doc;
	const pont_segs *segs;
	const pont_matches *terms;
} pont_align_input;

typedef struct pont_alignment {
	size_t *sblocks, nsblocks;	/* the source's paragraphs: its text blocks that have sentences */
	size_t *tblocks, ntblocks;	/* the target's */
	pont_bead *paras;		/* paragraph beads: items are indices into sblocks / tblocks */
	size_t nparas;
	pont_bead *sents;		/* sentence beads, in order: items are indices into segs */
	size_t nsents;
	size_t band;			/* the half-width of the band the paragraph programme ran in */
} pont_alignment;
#define PONT_ALIGNMENT_INIT { NULL, 0, NULL, 0, NULL, 0, NULL, 0, 0 }

/*
 * Aligns two editions of one document: paragraphs first, then the sentences inside each
 * paragraph bead, both by a dynamic programme over lengths (Gale and Church) whose beads score
 * higher when they share anchors: numbers, URLs, e-mail addresses, code, identical words (names,
 * commands), speaker labels, and glossary concepts found on both sides (the terms of src and tgt
 * must come from matchers over the same ng glossaries gs). Memory and time grow with n x band,
 * not n x m: the programme runs in a band around the diagonal, widened while the best path
 * touches its edge. Release out with pont_alignment_release.
 */
void pont_align_docs(const pont_align_input *src, const pont_align_input *tgt, const pont_glossary *const *gs,
		     size_t ng, pont_alignment *out);
void pont_alignment_release(pont_alignment *a);

/* --- Machine drafts ------------------------------------------------------------------------ */

/*
 * A sentence made ready for a machine-translation engine: one line in which each glossary term
 * with an English term, and each protected span (code, URL, e-mail address, HTML, link syntax,
 * emphasis delimiters), is a placeholder PONT0, PONT1... that engines pass through (PONTX0...
 * when the sentence itself holds a PONT0, and so on); what each placeholder becomes in the
 * English is kept.
 */
typedef struct pont_mt_seg {
	char *line;		/* for the engine: no line break, no tab */
	char **back;		/* back[k]: the English for placeholder k */
	unsigned char *glue;	/* glue[k]: 1 an opening delimiter (no space after it), 2 a closing one */
	size_t n;
	char tag[16];		/* the placeholders' name: PONT, or PONTX... if the sentence has PONT0 */
} pont_mt_seg;

/*
 * Prepares sentence seg of doc. terms: pont_match_doc over doc with the French matcher of the
 * ng glossaries gs (may be NULL); a term becomes its concept's preferred English for trg_lang
 * (pont_glossary_english), in the plural when the French was (-s, -x), capitalised at the start of
 * the sentence. Release with pont_mt_seg_release.
 */
void pont_mt_protect(const pont_doc *doc, const pont_seg *seg, const pont_matches *terms, const pont_glossary *const *gs,
		     size_t ng, const char *trg_lang, pont_mt_seg *out);
void pont_mt_seg_release(pont_mt_seg *s);

/*
 * The English of one engine output line: placeholders put back, white space tidied. With
 * apertium_marks, Apertium's marks before a word (* unknown, # not generated, @ not transferred)
 * are removed and the unknown words appended to unknown (each NUL-terminated; may be NULL).
 * Returns the number of placeholders the output lost (0 when every one came back once).
 */
size_t pont_mt_restore(const pont_mt_seg *s, const char *text, size_t n, int apertium_marks, pont_buf *english,
		       pont_buf *unknown);

/* --- The work file (XLIFF 2.1) ------------------------------------------------------------ */

/* A translation-memory hit offered to prepare: its strings are owned by the receiver. */
typedef struct pont_xliff_tm_hit {
	char *source, *target;
	int score;		/* 0-100; 100 = exact up to typography */
	const char *origin;	/* static or long-lived: the memory's name */
	char *prov[PONT_TM_NPROV];	/* article, date, translator, status of pont_tm_prov; NULL when unknown */
	char *typography;	/* a 100 whose text is not the same bytes: what differs; else NULL */
} pont_xliff_tm_hit;
/* Frees a hit's strings and zeroes it. */
void pont_xliff_tm_hit_release(pont_xliff_tm_hit *hit);

typedef struct pont_xliff_prep {
	const char *original;		/* the article's path, recorded in <file original> */
	const char *src_lang, *trg_lang;	/* "fr", "en-US" */
	pont_format format;
	/* glossary terms found in the article (pont_match_doc), to list per unit; may be NULL */
	const pont_matches *matches;
	const pont_glossary *const *glossaries;
	const char *const *glossary_names;	/* per glossary, may be NULL */
	/* the best translation-memory hit for a sentence: returns 1 and fills *hit, or 0; may be NULL */
	int (*tm_lookup)(void *ctx, const char *text, size_t n, pont_xliff_tm_hit *hit);
	void *tm_ctx;
	int xliff12;		/* write XLIFF 1.2 instead (for tools that read only that) */
	/*
	 * Machine drafts, per sentence of segs (NULL: none): a segment without an exact memory hit
	 * gets its draft as target, state "initial", a translation candidate of type "mt" from
	 * engine, and a note naming the engine and, from draft_notes, what to look at. XLIFF 2 only.
	 * A segment with a draft note but no draft gets the note alone (why there is no draft).
	 */
	const char *const *drafts;
	const char *const *draft_notes;
	const char *engine;
} pont_xliff_prep;

/*
 * Writes doc as an XLIFF 2.1 work file: one <unit> per text block that has sentences (id: a
 * hash of its text, stable when other paragraphs change), one <segment> per sentence of segs
 * (pont_segment_doc), the text between sentences as <ignorable>, inline markup as <ph/> with
 * its text in <originalData>; per unit, the block's kind, markers, speaker and the text before
 * it in metadata (mda, category "pont"), the speaker as a note, glossary entries (gls) and
 * translation-memory matches (mtc): exact ones fill the target (state "translated"), fuzzy
 * ones are notes and candidates only. The file's metadata holds the article's hash and the
 * text after the last unit, so that pont_xliff_merge rebuilds the article.
 */
pont_status pont_xliff_prepare(const pont_doc *doc, const pont_segs *segs, const pont_xliff_prep *p, pont_buf *out,
			       pont_error *err);

/*
 * The unit ids pont_xliff_prepare gives doc's paragraphs (each NUL-terminated, appended to ids,
 * in order) and the article's hash it records (16 hex digits): what merge compares a work file
 * against, with no work file written.
 */
void pont_xliff_article_ids(const pont_doc *doc, const pont_segs *segs, pont_buf *ids, char hash[17]);

/*
 * The article with sentence i of segs replaced by targets[i] (NULL: kept): what pont_xliff_merge
 * gives for a work file of doc whose segment targets are these, with no work file in between.
 */
void pont_doc_replace_sentences(const pont_doc *doc, const pont_segs *segs, const char *const *targets, pont_buf *out);

typedef struct pont_xliff pont_xliff;

/*
 * Reads an XLIFF 2.0/2.1 work file (one <file>): units, their segments and ignorables with
 * source and target text (inline codes <ph>, <pc>, <sc>, <ec> replaced by their <originalData>,
 * <cp> by its character, annotations by their text), and pont's metadata. Other modules are
 * skipped. Fails (PONT_EPARSE, located) on XML that is not well-formed, entity declarations or
 * a root other than XLIFF 2's; structural problems go to diags (errors) and the file still loads.
 */
pont_xliff *pont_xliff_read(const char *data, size_t len, const char *name, pont_findings *diags, pont_error *err);
void pont_xliff_free(pont_xliff *x);
size_t pont_xliff_nunits(const pont_xliff *x);
const char *pont_xliff_unit_id(const pont_xliff *x, size_t i, unsigned long *line, unsigned long *col);
const char *pont_xliff_original(const pont_xliff *x);	/* NULL when not given */
const char *pont_xliff_source_hash(const pont_xliff *x);	/* "" when not a pont file */
int pont_xliff_format(const pont_xliff *x);			/* pont_format of the article */

/*
 * Rebuilds the article from the work file: the text before each unit, its markers, each
 * segment's target (its source when use_source is set), the ignorables, and the text after the
 * last unit. A segment without a target is a diagnostic in missing (an error, or a warning when
 * allow_missing: its source is used); returns PONT_EPARSE when there is any error.
 */
pont_status pont_xliff_merge(const pont_xliff *x, int allow_missing, int use_source, pont_buf *out,
			     pont_findings *missing);
/*
 * Adds the approved pairs of a finished work file to tm: segments whose target is not empty
 * and whose state is translated, reviewed or final. Returns how many were new; *skipped (may be
 * NULL) is increased by the segments left out (no target, or state initial). Each unit's
 * provenance: prov's fields (prov may be NULL), else the work file's original as the article
 * and the segment's state as the status.
 */
size_t pont_xliff_to_tm(const pont_xliff *x, pont_tm *tm, const pont_tm_prov *prov, size_t *skipped);

/* A segment or ignorable of a unit, as read (texts with the codes' text in place). */
typedef struct pont_xliff_seg {
	int ignorable;
	const char *id, *state;
	const char *source, *target;	/* target NULL when the segment has none */
	size_t source_len, target_len;
	unsigned long line, col;	/* of the element in the file */
} pont_xliff_seg;

size_t pont_xliff_npieces(const pont_xliff *x, size_t unit);
void pont_xliff_piece(const pont_xliff *x, size_t unit, size_t k, pont_xliff_seg *out);

/* --- The bilingual pair: an article and its English edition, analysed once ---------------- */

typedef enum pont_side {
	PONT_SOURCE = 0,	/* the French */
	PONT_TARGET = 1		/* the English */
} pont_side;

typedef enum pont_pair_kind {
	PONT_PAIR_SENTENCES,		/* source and target sentences that translate each other */
	PONT_PAIR_PARAGRAPHS,		/* two paragraphs paired 1:1 (their labels are compared); their
					 * sentences follow as pairs of their own */
	PONT_PAIR_SOURCE_ONLY,		/* source sentences with no English (left out?) */
	PONT_PAIR_TARGET_ONLY,		/* English sentences with no source (added?) */
	PONT_PAIR_SOURCE_PARAGRAPH,	/* a paragraph of the source with no English */
	PONT_PAIR_TARGET_PARAGRAPH	/* an English paragraph with no source */
} pont_pair_kind;

typedef struct pont_pair {
	pont_pair_kind kind;
	pont_span src, tgt;		/* in each side's text; empty where the missing side would be */
	size_t sblock, tblock;		/* the blocks they are in (PONT_NOPOS when none) */
	const char *unit, *segment;	/* work files: the ids (NULL otherwise) */
	unsigned long line, col;	/* work files: where the <segment> is (0 otherwise) */
	double confidence;		/* 0 .. 1: how sure the pairing is (the aligner's; 1 when given) */
	double para_confidence;		/* that of the paragraphs it is in (1 when given) */
	unsigned char shape[4];		/* sentences and paragraphs on each side of its beads: 1 1 1 1 for 1:1 in 1:1 */
} pont_pair;

typedef struct pont_bitext pont_bitext;

/* How a bitext is made; every field may be 0 or NULL. */
typedef struct pont_bitext_options {
	pont_segmenter *fr, *en;	/* sentence segmenters (borrowed; NULL: made and freed here) */
	/* glossary matchers over the same ng glossaries gs: each side's terms are matched once and
	 * kept (pont_bitext_terms), and articles are aligned with them as anchors */
	pont_matcher *mfr, *men;
	const pont_glossary *const *gs;
	size_t ng;
} pont_bitext_options;

/*
 * A French article (src, in the format of so) and its English edition (tgt, to): each copied,
 * parsed and segmented once, then aligned (pont_align_docs: paragraphs, then sentences), in
 * pairs. The names are copied and used in findings. opt may be NULL. NULL + *err on failure
 * (the failing side's name in err->file).
 */
pont_bitext *pont_bitext_from_articles(const char *sname, const char *src, size_t sn, const pont_doc_options *so,
				       const char *tname, const char *tgt, size_t tn, const pont_doc_options *to,
				       const pont_bitext_options *opt, pont_error *err);
/*
 * The translated segments of a work file (pont_xliff_read), one pair each: ignorables and
 * segments without a translation are left out. Each side is a document whose paragraphs are the
 * segments (with the article's inline markup: pont_xliff_format), segmented once.
 */
pont_bitext *pont_bitext_from_xliff(const pont_xliff *x, const char *name, const pont_bitext_options *opt,
				    pont_error *err);
/* n pairs of texts (src[i], tgt[i]), as a work file's segments would be. */
pont_bitext *pont_bitext_from_texts(const char *name, const char *const *src, const size_t *sn, const char *const *tgt,
				    const size_t *tn, size_t n, pont_format format, const pont_bitext_options *opt,
				    pont_error *err);
void pont_bitext_free(pont_bitext *bt);
size_t pont_bitext_npairs(const pont_bitext *bt);
const pont_pair *pont_bitext_pair(const pont_bitext *bt, size_t i);
const char *pont_bitext_name(const pont_bitext *bt, pont_side side);
const pont_doc *pont_bitext_doc(const pont_bitext *bt, pont_side side);
const pont_segs *pont_bitext_segs(const pont_bitext *bt, pont_side side);
/* The side's line and column of byte offset off (articles; work files give the segment's). */
void pont_bitext_pos(const pont_bitext *bt, pont_side side, size_t off, unsigned long *line, unsigned long *col);
/* Does the bitext come from a work file (pairs with unit and segment ids)? */
int pont_bitext_is_workfile(const pont_bitext *bt);
/* The glossary terms of a side, when the bitext was made with matchers; NULL otherwise. */
const pont_matches *pont_bitext_terms(const pont_bitext *bt, pont_side side);
/* The alignment of two articles (NULL for a work file or texts). */
const pont_alignment *pont_bitext_alignment(const pont_bitext *bt);

/* ========== qa: translation QA ============================================================ */

/* --- Translation QA ------------------------------------------------------------------------ */

typedef struct pont_checker pont_checker;

/*
 * A checker for French sources and English targets (trg_lang "en", "en-US", "en-GB"): the
 * glossaries' terms are matched on both sides (fr and en dictionaries for inflections; both may
 * be NULL: then no spelling, untranslated-French or inflection checks). The glossaries and
 * dictionaries are borrowed. Every check of the catalogue's CHECK family is on at its default
 * severity.
 */
pont_checker *pont_checker_new(const pont_glossary *const *gs, size_t ng, pont_dict *fr, pont_dict *en,
			       const char *trg_lang, pont_error *err);
void pont_checker_free(pont_checker *c);
/* A check's severity (a CHECK id of the catalogue); 0 turns it off. */
void pont_checker_set_severity(pont_checker *c, pont_id id, pont_severity sev);
pont_severity pont_checker_severity(const pont_checker *c, pont_id id);
/* The speller of the English (NULL when the checker has no dictionaries), for word lists. */
pont_speller *pont_checker_speller(pont_checker *c);
/*
 * The other variety of English's dictionary (borrowed): for trg_lang "en" both spellings are
 * accepted, and in a text that mixes them the less used one's words are reported
 * (spelling-variant, info); for "en-US" or "en-GB", the other variety's spellings are reported
 * (spelling-variant). Without it, the other variety's spellings are unknown words.
 */
void pont_checker_set_english_variant(pont_checker *c, pont_dict *variant);
/*
 * Adds false friends to the checker from a list (tab-separated: french, english, use, note;
 * "#" comments; the first columns "|"-separated words or phrases, a final "*" for any ending):
 * "false-friend" findings where the English of a pair has one and its French the other. Lines
 * that cannot be used go to diags; PONT_EUTF8 with the position.
 */
pont_status pont_checker_add_false_friends(pont_checker *c, const char *data, size_t len, const char *name,
					   pont_findings *diags, pont_error *err);
size_t pont_checker_nfalse_friends(const pont_checker *c);
/* The project the text belongs to: concepts a glossary keeps for other projects or customers
 * (projectSubset, customerSubset at concept level) are not enforced. NULL: all are. */
void pont_checker_set_project(pont_checker *c, const char *project);

/*
 * Checks every pair of bt and adds to r (a QA report: set r->qa) a row per pair and the
 * findings, each located on both sides. Each side's terms are matched and the English
 * spell-checked once for the whole bitext. First mentions are counted per bitext; consistency
 * (the same source translated two ways, one target for two sources) across every bitext this
 * checker has seen.
 */
void pont_check_bitext(pont_checker *c, const pont_bitext *bt, pont_report *r);

/*
 * Checks one pair of texts (a one-pair bitext): appends findings whose offsets are into tgt.
 * where names the pair in later consistency findings.
 */
void pont_check_pair(pont_checker *c, const char *src, size_t sn, const char *tgt, size_t tn, const char *where,
		     pont_findings *out);

#endif
