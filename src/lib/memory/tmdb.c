/* tmdb.c: a translation memory shared by a team on a PostgreSQL server (libpq).
 *
 * The server keeps the units and finds candidates; pont scores them. A unit's row (pont_unit)
 * holds its texts, its provenance and its keys up to typography (the same as the local file's:
 * a unit is stored once per source and target); its search row (pont_key) its weight and its
 * source's tokens as a set of occurrences (a token's second occurrence is a token of its own, so
 * that these sets meet as the texts' multisets do), as text for the bound, and as full-text
 * terms (tsvector, GIN-indexed): a hash of each token, and the unit's band of weights
 * (pont__tm_bucket). tm init orders the rows by weight. A look-up is one full-text query: a
 * unit in one of the bands the minimum score allows, sharing enough of the query's rarest
 * tokens that it could reach the minimum (prefix filtering, with token frequencies kept in
 * pont_token; two of them when the query is long enough, see full_text_query); the rows are
 * then held to the window of weights and to the bound their shared tokens give, and scored by
 * pont_tm_lookup, so that the best match is the one the local file would give for the same
 * units. Writers take one transaction-scoped advisory lock: one at a time, each all or
 * nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "internal.h"
#include "tmkey.h"

#define SCHEMA_VERSION "2"		/* 1: tokens as sets, one GIN entry a token */
#define FOLD_VERSION "2"		/* pont_tm's token folding: a change re-tokenizes (tm init) */
#define WRITE_LOCK "7061636b"		/* the advisory lock of writers */

struct pont_tmdb {
	PGconn *conn;
	char *name;			/* the URL without its password, for messages */
	char src_lang[16], trg_lang[16];
	pont_buf toks, arr, warr, query;
	struct qterm *terms;
	size_t aterms;
	double *w;
	size_t aw;
};

int
pont_tmdb_is_url(const char *s)
{
	return s && (strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0);
}

void
pont_tmdb_display(const char *url, pont_buf *out)
{
	const char *p = strstr(url, "://"), *at, *colon, *end;

	if (p == NULL) {
		pont_buf_adds(out, url);
		return;
	}
	p += 3;
	end = p + strcspn(p, "/?");
	at = memchr(p, '@', (size_t)(end - p));
	colon = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
	if (colon == NULL) {
		pont_buf_adds(out, url);
		return;
	}
	pont_buf_add(out, url, (size_t)(colon - url));
	pont_buf_adds(out, ":***");
	pont_buf_adds(out, at);
}

/* The server's message, first line. */
static pont_status
fail_pg(pont_tmdb *db, pont_error *err, pont_status code, const char *what, const char *msg)
{
	size_t n = strcspn(msg ? msg : "", "\n");

	return pont_fail_at(err, code, db->name, 0, 0, "%s: %.*s", what, (int)n, msg ? msg : "");
}

/* Runs a statement with text parameters; NULL + *err on failure (the result cleared). */
static PGresult *
run(pont_tmdb *db, const char *sql, int np, const char *const *pv, pont_error *err)
{
	PGresult *r = np ? PQexecParams(db->conn, sql, np, NULL, pv, NULL, NULL, 0) : PQexec(db->conn, sql);
	ExecStatusType st = PQresultStatus(r);

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return r;
	fail_pg(db, err, PQstatus(db->conn) == CONNECTION_OK ? PONT_EPARSE : PONT_EIO, "the server refused a request",
		PQresultErrorMessage(r));
	if (PQstatus(db->conn) != CONNECTION_OK)
		err->code = PONT_EIO;
	PQclear(r);
	return NULL;
}

static int
exec_ok(pont_tmdb *db, const char *sql, pont_error *err)
{
	PGresult *r = run(db, sql, 0, NULL, err);

	PQclear(r);
	return r != NULL;
}

static void
rollback(pont_tmdb *db)
{
	PQclear(PQexec(db->conn, "ROLLBACK"));
}

/* Two tables for the units: pont_unit has their texts, pont_key what a look-up searches (the
 * weight and the tokens of the source), narrow, so that the rows a search visits
 * fill few pages. */
static const char *const schema =
	"CREATE TABLE IF NOT EXISTS pont_meta (key text PRIMARY KEY, value text NOT NULL);"
	"CREATE TABLE IF NOT EXISTS pont_unit ("
	" id bigserial PRIMARY KEY, src text NOT NULL, tgt text NOT NULL, note text,"
	" article text, date text, translator text, status text,"
	" skey bigint NOT NULL, tkey bigint NOT NULL, added timestamptz NOT NULL DEFAULT now());"
	"CREATE UNIQUE INDEX IF NOT EXISTS pont_unit_key ON pont_unit (skey, tkey);"
	"CREATE TABLE IF NOT EXISTS pont_key ("
	" id bigint PRIMARY KEY REFERENCES pont_unit (id) ON DELETE CASCADE,"
	" weight double precision NOT NULL, toks text[] NOT NULL, terms tsvector NOT NULL);"
	"CREATE INDEX IF NOT EXISTS pont_key_terms ON pont_key USING gin (terms);"
	"CREATE INDEX IF NOT EXISTS pont_key_weight ON pont_key (weight);"
	"CREATE TABLE IF NOT EXISTS pont_token (tok text PRIMARY KEY, df bigint NOT NULL);";

static int reindex(pont_tmdb *db, pont_error *err);

/* The version of the schema a database holds ("" for none); 0 on failure. */
static int
schema_of(pont_tmdb *db, char *v, size_t nv, pont_error *err)
{
	PGresult *r = run(db, "SELECT to_regclass('pont_meta') IS NOT NULL", 0, NULL, err);
	int have;

	if (r == NULL)
		return 0;
	have = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	snprintf(v, nv, "%s", "");
	if (!have)
		return 1;
	if ((r = run(db, "SELECT value FROM pont_meta WHERE key = 'schema'", 0, NULL, err)) == NULL)
		return 0;
	if (PQntuples(r) == 1)
		snprintf(v, nv, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return 1;
}

/* The schema made, or checked and brought up to date: a memory of schema 1 gets its search
 * rows made again (all of them, in the transaction). */
static pont_status
init_schema(pont_tmdb *db, pont_error *err)
{
	const char *pv[2];
	char was[16];
	PGresult *r;

	if (!exec_ok(db, "BEGIN", err))
		return err->code;
	if (!exec_ok(db, "SELECT pg_advisory_xact_lock(x'" WRITE_LOCK "'::bigint)", err) || !schema_of(db, was, sizeof was, err))
		goto bad;
	if (strcmp(was, "1") == 0 && !exec_ok(db, "DROP TABLE pont_key, pont_token; "
					    "UPDATE pont_meta SET value = '" SCHEMA_VERSION "' WHERE key = 'schema'", err))
		goto bad;
	if (!exec_ok(db, schema, err) || (strcmp(was, "1") == 0 && !reindex(db, err)))
		goto bad;
	pv[0] = db->src_lang;
	pv[1] = db->trg_lang;
	r = run(db, "INSERT INTO pont_meta VALUES ('schema', '" SCHEMA_VERSION "'), ('src_lang', $1), ('trg_lang', $2), "
		"('fold', '" FOLD_VERSION "') ON CONFLICT (key) DO NOTHING", 2, pv, err);
	if (r == NULL)
		goto bad;
	PQclear(r);
	if (!exec_ok(db, "COMMIT", err))
		return err->code;
	/* a memory with units: its rows in order of weight, so that a look-up's window of weights
	 * is a few pages of the table (look-ups wait meanwhile: seconds for a million units) */
	PQclear(PQexec(db->conn, "CLUSTER pont_key USING pont_key_weight"));	/* its owner only: else as it is */
	PQclear(PQexec(db->conn, "ANALYZE pont_unit; ANALYZE pont_key"));
	return PONT_OK;
bad:
	rollback(db);
	return err->code;
}

/* The schema's version and languages; PONT_EPARSE when the database holds no pont memory. */
static pont_status
read_meta(pont_tmdb *db, pont_error *err)
{
	PGresult *r = run(db, "SELECT to_regclass('pont_meta') IS NOT NULL", 0, NULL, err);
	int k, have;

	if (r == NULL)
		return err->code;
	have = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	if (!have)
		return pont_fail_at(err, PONT_EPARSE, db->name, 0, 0, "no pont memory in this database: create it with "
				    "'pont tm init --tm URL'");
	if ((r = run(db, "SELECT key, value FROM pont_meta", 0, NULL, err)) == NULL)
		return err->code;
	for (k = 0; k < PQntuples(r); k++) {
		const char *key = PQgetvalue(r, k, 0), *v = PQgetvalue(r, k, 1);

		if (strcmp(key, "schema") == 0 && strcmp(v, "1") == 0) {
			PQclear(r);
			return pont_fail_at(err, PONT_EPARSE, db->name, 0, 0, "a memory made by an earlier pont: 'pont tm init "
					    "--tm URL' brings it up to date");
		}
		if (strcmp(key, "schema") == 0 && strcmp(v, SCHEMA_VERSION) != 0) {
			PQclear(r);
			return pont_fail_at(err, PONT_EPARSE, db->name, 0, 0, "a memory of schema %s, not %s: another pont "
					    "version made it", v, SCHEMA_VERSION);
		}
		if (strcmp(key, "fold") == 0 && strcmp(v, FOLD_VERSION) != 0) {
			PQclear(r);
			return pont_fail_at(err, PONT_EPARSE, db->name, 0, 0, "a memory indexed by another pont version: "
					    "export it there, import it here");
		}
		if (strcmp(key, "src_lang") == 0)
			snprintf(db->src_lang, sizeof db->src_lang, "%s", v);
		if (strcmp(key, "trg_lang") == 0)
			snprintf(db->trg_lang, sizeof db->trg_lang, "%s", v);
	}
	PQclear(r);
	return PONT_OK;
}

pont_tmdb *
pont_tmdb_open(const char *url, const char *src_lang, const char *trg_lang, int create, pont_error *err)
{
	pont_tmdb *db = xcalloc(1, sizeof *db);
	pont_buf name = PONT_BUF_INIT;

	pont_tmdb_display(url, &name);
	db->name = name.p;
	snprintf(db->src_lang, sizeof db->src_lang, "%s", src_lang);
	snprintf(db->trg_lang, sizeof db->trg_lang, "%s", trg_lang);
	db->conn = PQconnectdb(url);
	if (db->conn == NULL) {
		pont_fail_at(err, PONT_EIO, db->name, 0, 0, "cannot connect: out of memory");
		goto bad;
	}
	if (PQstatus(db->conn) != CONNECTION_OK) {
		fail_pg(db, err, PONT_EIO, "cannot connect", PQerrorMessage(db->conn));
		goto bad;
	}
	if (PQsetClientEncoding(db->conn, "UTF8") != 0) {
		fail_pg(db, err, PONT_EIO, "cannot use UTF-8", PQerrorMessage(db->conn));
		goto bad;
	}
	PQclear(PQexec(db->conn, "SET client_min_messages = warning"));
	if (create && init_schema(db, err) != PONT_OK)
		goto bad;
	if (read_meta(db, err) != PONT_OK)
		goto bad;
	if (!pont_lang_matches(db->src_lang, src_lang) || !pont_lang_matches(db->trg_lang, trg_lang)) {
		pont_fail_at(err, PONT_EPARSE, db->name, 0, 0, "a %s -> %s memory, not %s -> %s", db->src_lang, db->trg_lang,
			     src_lang, trg_lang);
		goto bad;
	}
	return db;
bad:
	{
		/* err->file outlives db: the name kept for the caller's message */
		static _Thread_local char failed_name[512];

		snprintf(failed_name, sizeof failed_name, "%s", db->name);
		if (err)
			err->file = failed_name;
	}
	pont_tmdb_close(db);
	return NULL;
}

void
pont_tmdb_close(pont_tmdb *db)
{
	if (db == NULL)
		return;
	if (db->conn)
		PQfinish(db->conn);
	free(db->name);
	pont_buf_release(&db->toks);
	pont_buf_release(&db->arr);
	pont_buf_release(&db->query);
	free(db->terms);
	pont_buf_release(&db->warr);
	free(db->w);
	free(db);
}

const char *
pont_tmdb_name(const pont_tmdb *db)
{
	return db->name;
}

pont_status
pont_tmdb_size(pont_tmdb *db, size_t *n, pont_error *err)
{
	PGresult *r = run(db, "SELECT count(*) FROM pont_unit", 0, NULL, err);

	if (r == NULL)
		return err->code;
	*n = (size_t)strtoull(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return PONT_OK;
}

/* --- values as PostgreSQL reads them --- */

/* An array literal of the NUL-separated strings of toks: {"a","b"}. */
static void
text_array(const pont_buf *toks, size_t n, pont_buf *out)
{
	size_t k, at = 0;

	pont_buf_reset(out);
	pont_buf_addc(out, '{');
	for (k = 0; k < n; k++) {
		const char *t = toks->p + at;

		if (k)
			pont_buf_addc(out, ',');
		pont_buf_addc(out, '"');
		for (; *t; t++) {
			if (*t == '"' || *t == '\\')
				pont_buf_addc(out, '\\');
			pont_buf_addc(out, *t);
		}
		pont_buf_addc(out, '"');
		at += strlen(toks->p + at) + 1;
	}
	pont_buf_addc(out, '}');
}

/* A field of COPY's text format. */
static void
copy_field(pont_buf *b, const char *s, int last)
{
	if (s == NULL) {
		pont_buf_adds(b, "\\N");
	} else {
		for (; *s; s++) {
			switch (*s) {
			case '\\': pont_buf_adds(b, "\\\\"); break;
			case '\t': pont_buf_adds(b, "\\t"); break;
			case '\n': pont_buf_adds(b, "\\n"); break;
			case '\r': pont_buf_adds(b, "\\r"); break;
			default: pont_buf_addc(b, *s);
			}
		}
	}
	pont_buf_addc(b, last ? '\n' : '\t');
}

/* A token as a full-text term: its hash ("1f0c...e2"), so that terms are short and need no
 * quoting, whatever the token; a band of weights: "w+15". */
static void
add_term(pont_buf *out, const char *tok)
{
	pont_buf_addf(out, "%016llx", (unsigned long long)pont_hash(tok, strlen(tok)));
}

/* The search fields of a unit whose source is src, last in a row of COPY's text format: its key
 * (with_key), weight, tokens, and its tokens in its band as full-text terms. */
static void
key_fields(pont_tmdb *db, const char *src, int with_key, pont_buf *row)
{
	double wt;
	uint64_t skey;
	size_t nd = pont__tm_tokens(src, strlen(src), &db->toks, &db->w, &db->aw, &wt, &skey), k, at = 0;
	int band = pont__tm_bucket(wt);

	if (with_key)
		pont_buf_addf(row, "%lld\t", (long long)skey);
	pont_buf_addf(row, "%.17g\t", wt);
	text_array(&db->toks, nd, &db->arr);
	copy_field(row, db->arr.p, 0);
	pont_buf_addf(row, "w%+d", band);
	for (k = 0; k < nd; k++) {
		pont_buf_addc(row, ' ');
		add_term(row, db->toks.p + at);
		at += strlen(db->toks.p + at) + 1;
	}
	pont_buf_addc(row, '\n');
}

/* Sends b to a COPY in progress when it is big (or always with flush); 0 on failure. */
static int
copy_send(pont_tmdb *db, pont_buf *b, int flush)
{
	if (b->len == 0 || (!flush && b->len < (1u << 20)))
		return 1;
	if (PQputCopyData(db->conn, b->p, (int)b->len) != 1)
		return 0;
	pont_buf_reset(b);
	return 1;
}

pont_status
pont_tmdb_add(pont_tmdb *db, const pont_tm *units, size_t *added, size_t *replaced, pont_error *err)
{
	pont_buf row = PONT_BUF_INIT, num = PONT_BUF_INIT;
	PGresult *r;
	size_t i;
	int ok = 1;
	pont_status rc = PONT_OK;

	*added = *replaced = 0;
	if (!exec_ok(db, "BEGIN", err))
		return err->code;
	if (!exec_ok(db, "SELECT pg_advisory_xact_lock(x'" WRITE_LOCK "'::bigint)", err) ||
	    !exec_ok(db, "CREATE TEMP TABLE pont_in (ord bigint, src text, tgt text, note text, article text, date text, "
		     "translator text, status text, tkey bigint, skey bigint, weight double precision, toks text[], terms tsvector) "
		     "ON COMMIT DROP", err))
		goto bad;
	r = PQexec(db->conn, "COPY pont_in FROM STDIN");
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		fail_pg(db, err, PONT_EIO, "the server refused the units", PQresultErrorMessage(r));
		PQclear(r);
		goto bad;
	}
	PQclear(r);
	for (i = 0; ok && i < pont_tm_size(units); i++) {
		const char *src = pont_tm_source(units, i), *tgt = pont_tm_target(units, i);
		pont_tm_prov pv = pont_tm_provenance(units, i);

		pont_buf_reset(&num);
		pont_buf_addf(&num, "%zu", i);
		copy_field(&row, num.p, 0);
		copy_field(&row, src, 0);
		copy_field(&row, tgt, 0);
		copy_field(&row, pont_tm_note(units, i), 0);
		copy_field(&row, pv.article, 0);
		copy_field(&row, pv.date, 0);
		copy_field(&row, pv.translator, 0);
		copy_field(&row, pv.status, 0);
		pont_buf_addf(&row, "%lld\t", (long long)pont__tm_text_key(tgt, strlen(tgt)));
		key_fields(db, src, 1, &row);
		ok = copy_send(db, &row, 0);
	}
	if (!ok || !copy_send(db, &row, 1) || PQputCopyEnd(db->conn, NULL) != 1) {
		fail_pg(db, err, PONT_EIO, "sending the units failed", PQerrorMessage(db->conn));
		goto bad;
	}
	r = PQgetResult(db->conn);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fail_pg(db, err, PONT_EIO, "the server refused the units", PQresultErrorMessage(r));
		PQclear(r);
		goto bad;
	}
	PQclear(r);
	while ((r = PQgetResult(db->conn)) != NULL)
		PQclear(r);
	/* the same source and target up to typography: the newer kept in the unit's place */
	r = run(db, "UPDATE pont_unit u SET src = i.src, tgt = i.tgt, note = i.note, article = i.article, date = i.date, "
		"translator = i.translator, status = i.status FROM pont_in i WHERE u.skey = i.skey AND u.tkey = i.tkey "
		"AND NOT (u.date IS NOT NULL AND i.date IS NOT NULL AND i.date < u.date) "
		"AND (u.src, u.tgt, u.note, u.article, u.date, u.translator, u.status) IS DISTINCT FROM "
		"(i.src, i.tgt, i.note, i.article, i.date, i.translator, i.status)", 0, NULL, err);
	if (r == NULL)
		goto bad;
	*replaced = (size_t)strtoull(PQcmdTuples(r), NULL, 10);
	PQclear(r);
	/* the others added, in order, and their tokens counted */
	r = run(db, "WITH ins AS (INSERT INTO pont_unit (src, tgt, note, article, date, translator, status, skey, tkey) "
		"SELECT src, tgt, note, article, date, translator, status, skey, tkey "
		"FROM pont_in i WHERE NOT EXISTS (SELECT 1 FROM pont_unit u WHERE u.skey = i.skey AND u.tkey = i.tkey) "
		"ORDER BY ord RETURNING id, skey, tkey), "
		"k AS (INSERT INTO pont_key SELECT ins.id, i.weight, i.toks, i.terms FROM ins JOIN pont_in i "
		"ON i.skey = ins.skey AND i.tkey = ins.tkey RETURNING toks), "
		"tk AS (INSERT INTO pont_token SELECT t, count(*) FROM k, unnest(k.toks) t GROUP BY t "
		"ON CONFLICT (tok) DO UPDATE SET df = pont_token.df + excluded.df RETURNING 1) "
		"SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM tk)", 0, NULL, err);
	if (r == NULL)
		goto bad;
	*added = (size_t)strtoull(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	if (!exec_ok(db, "COMMIT", err)) {
		*added = *replaced = 0;
		rc = err->code;
	}
	goto done;
bad:
	rollback(db);
	*added = *replaced = 0;
	rc = err->code;
done:
	pont_buf_release(&row);
	pont_buf_release(&num);
	return rc;
}

/* Makes every unit's search row (pont_key) and the token counts again, a batch of units at a
 * time (a cursor), in the transaction in progress. */
static int
reindex(pont_tmdb *db, pont_error *err)
{
	pont_buf row = PONT_BUF_INIT;
	int ok = exec_ok(db, "DECLARE pont_all NO SCROLL CURSOR FOR SELECT id, src FROM pont_unit", err), k, n = 1;

	while (ok && n > 0) {
		PGresult *r = run(db, "FETCH 20000 FROM pont_all", 0, NULL, err), *c;

		if (r == NULL)
			return 0;
		n = PQntuples(r);
		if (n == 0) {
			PQclear(r);
			break;
		}
		c = PQexec(db->conn, "COPY pont_key (id, weight, toks, terms) FROM STDIN");
		ok = PQresultStatus(c) == PGRES_COPY_IN;
		PQclear(c);
		for (k = 0; ok && k < n; k++) {
			pont_buf_adds(&row, PQgetvalue(r, k, 0));
			pont_buf_addc(&row, '\t');
			key_fields(db, PQgetvalue(r, k, 1), 0, &row);
			ok = copy_send(db, &row, 0);
		}
		PQclear(r);
		ok = ok && copy_send(db, &row, 1) && PQputCopyEnd(db->conn, NULL) == 1;
		c = ok ? PQgetResult(db->conn) : NULL;
		if (!ok || PQresultStatus(c) != PGRES_COMMAND_OK) {
			fail_pg(db, err, PONT_EIO, "indexing the memory again failed", PQerrorMessage(db->conn));
			ok = 0;
		}
		PQclear(c);
		while ((c = PQgetResult(db->conn)) != NULL)
			PQclear(c);
	}
	pont_buf_release(&row);
	return ok && exec_ok(db, "CLOSE pont_all; INSERT INTO pont_token SELECT t, count(*) FROM pont_key, unnest(toks) t "
			     "GROUP BY t", err);
}

/* Adds row k of r (src, tgt, note, article, date, translator, status from column c0) to tm. */
static void
add_row(pont_tm *tm, const PGresult *r, int k, int c0)
{
	pont_tm_prov pv;
	const char *v[7];
	int c;

	for (c = 0; c < 7; c++)
		v[c] = PQgetisnull(r, k, c0 + c) ? NULL : PQgetvalue(r, k, c0 + c);
	pv.article = v[3];
	pv.date = v[4];
	pv.translator = v[5];
	pv.status = v[6];
	pont_tm_add_unit(tm, v[0], strlen(v[0]), v[1], strlen(v[1]), v[2], &pv);
}

/* A query token: its weight and how costly it is to ask the index for it. */
typedef struct qterm {
	const char *tok;
	double w, cost;
} qterm;

static int
by_cost(const void *a, const void *b)
{
	const qterm *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return strcmp(x->tok, y->tok);
}

static void
at_least_one(pont_buf *q, const qterm *e, size_t n)
{
	size_t k;

	pont_buf_addc(q, '(');
	for (k = 0; k < n; k++) {
		pont_buf_adds(q, k ? " | '" : "'");
		add_term(q, e[k].tok);
		pont_buf_addc(q, '\'');
	}
	pont_buf_addc(q, ')');
}

/* At least two of the n >= 2 tokens: two of the first half, two of the second, or one of
 * each (a formula of n log n tokens). */
static void
at_least_two(pont_buf *q, const qterm *e, size_t n)
{
	size_t h = n / 2;

	pont_buf_addc(q, '(');
	if (h >= 2) {
		at_least_two(q, e, h);
		pont_buf_adds(q, " | ");
	}
	if (n - h >= 2) {
		at_least_two(q, e + h, n - h);
		pont_buf_adds(q, " | ");
	}
	at_least_one(q, e, h);
	pont_buf_adds(q, " & ");
	at_least_one(q, e + h, n - h);
	pont_buf_addc(q, ')');
}

/* How many tokens at_least_two writes for n. */
static size_t
two_size(size_t n)
{
	return n < 2 ? 0 : (n / 2 >= 2 ? two_size(n / 2) : 0) + (n - n / 2 >= 2 ? two_size(n - n / 2) : 0) + n;
}

/* The full-text query that every unit able to reach s of the query's weight wq meets. A unit
 * sharing tokens of weight s * wq shares at least have - (1 - s) * wq of any set of the
 * query's tokens whose weight is have (prefix filtering): of the rarest tokens, the fewest that
 * make it more than the heaviest of them, so that a unit must share two; when the query has
 * too few (or so many that the formula would cost more than it saves), the fewest that make it
 * positive, so that it must share one. The unit's band must be one the window of weights
 * meets: GIN skips through those long lists for the few units the tokens give. */
static void
full_text_query(qterm *t, size_t nd, double s, double wq, pont_buf *q)
{
	double eps = 1e-6, need = (1 - s) * wq + eps, have = 0, wmax = 0;
	size_t k, one = 0, two = 0;
	int b0 = pont__tm_bucket(s * wq - eps), b1 = pont__tm_bucket(s > 0 ? wq / s + eps : 1e300), b;

	qsort(t, nd, sizeof *t, by_cost);
	for (k = 0; k < nd && two == 0; k++) {
		have += t[k].w;
		wmax = t[k].w > wmax ? t[k].w : wmax;
		if (one == 0 && have > need)
			one = k + 1;
		if (have - need > wmax)
			two = k + 1;
	}
	pont_buf_reset(q);
	pont_buf_addc(q, '(');
	for (b = b0; b <= b1; b++)
		pont_buf_addf(q, "%sw%+d", b > b0 ? " | " : "", b);
	pont_buf_adds(q, ") & ");
	if (two >= 2 && two_size(two) <= 512)
		at_least_two(q, t, two);
	else
		at_least_one(q, t, one ? one : nd);
}

size_t
pont_tmdb_lookup(pont_tmdb *db, const char *text, size_t n, int min_score, pont_tm **cands, pont_tm_match *out,
		 size_t max, pont_error *err)
{
	double wq, s = min_score <= 0 ? 0 : min_score / 100.0, eps = 1e-6;
	uint64_t key;
	size_t nd = pont__tm_tokens(text, n, &db->toks, &db->w, &db->aw, &wq, &key), k, at = 0;
	char lim[4][40];
	const char *pv[7];
	qterm *t;
	PGresult *r;

	*cands = NULL;
	if (nd == 0 || max == 0)
		return 0;
	text_array(&db->toks, nd, &db->arr);
	pv[0] = db->arr.p;
	/* how many units hold each token */
	r = run(db, "SELECT coalesce(t.df, 0) FROM unnest($1::text[]) WITH ORDINALITY AS q(tok, i) "
		"LEFT JOIN pont_token t ON t.tok = q.tok ORDER BY q.i", 1, pv, err);
	if (r == NULL)
		return 0;
	XGROW(db->terms, db->aterms, nd);
	t = db->terms;
	for (k = 0; k < nd; k++) {
		t[k].tok = db->toks.p + at;
		t[k].w = db->w[k];
		t[k].cost = (k < (size_t)PQntuples(r) ? strtod(PQgetvalue(r, (int)k, 0), NULL) : 0) / db->w[k];
		at += strlen(db->toks.p + at) + 1;
	}
	PQclear(r);
	full_text_query(t, nd, s, wq, &db->query);
	pont_buf_reset(&db->warr);
	pont_buf_addc(&db->warr, '{');
	for (k = 0; k < nd; k++)
		pont_buf_addf(&db->warr, "%s%.17g", k ? "," : "", db->w[k]);
	pont_buf_addc(&db->warr, '}');
	snprintf(lim[0], sizeof lim[0], "%.17g", s * wq - eps);
	snprintf(lim[1], sizeof lim[1], "%.17g", s > 0 ? wq / s + eps : 1e300);
	snprintf(lim[2], sizeof lim[2], "%.17g", s);
	snprintf(lim[3], sizeof lim[3], "%.17g", wq);
	pv[1] = db->warr.p;
	pv[2] = db->query.p;
	for (k = 0; k < 4; k++)
		pv[3 + k] = lim[k];
	/* of the units the index gives, those whose weight is in the window (checked row by row:
	 * the bands have narrowed the search) and whose shared tokens could give them the minimum:
	 * the query's weight of the tokens they hold, at least s of the larger weight
	 * (pont_tm_lookup's bound). (Fetching them best bound first, a batch at a time, cost more
	 * round trips than it saved.) */
	r = run(db, "SELECT u.src, u.tgt, u.note, u.article, u.date, u.translator, u.status FROM pont_key k "
		"JOIN pont_unit u ON u.id = k.id "
		"WHERE k.terms @@ $3::tsquery AND k.weight + 0 >= $4::float8 AND k.weight + 0 <= $5::float8 "
		"AND (SELECT coalesce(sum(q.w), 0) FROM unnest($1::text[], $2::float8[]) AS q(tok, w) "
		"WHERE q.tok = ANY (k.toks)) >= $6::float8 * greatest($7::float8, k.weight) * (1 - 1e-9) - 1e-9 "
		"ORDER BY k.id", 7, pv, err);
	if (r == NULL)
		return 0;
	*cands = pont_tm_new(db->src_lang, db->trg_lang);
	for (k = 0; k < (size_t)PQntuples(r); k++)
		add_row(*cands, r, (int)k, 0);
	PQclear(r);
	return pont_tm_lookup(*cands, text, n, min_score, out, max);
}

pont_tm *
pont_tmdb_export(pont_tmdb *db, pont_error *err)
{
	pont_tm *tm = pont_tm_new(db->src_lang, db->trg_lang);
	PGresult *r;
	int ok = 1;

	/* row by row: a big memory is not held twice */
	if (!PQsendQuery(db->conn, "SELECT src, tgt, note, article, date, translator, status FROM pont_unit ORDER BY id") ||
	    !PQsetSingleRowMode(db->conn)) {
		fail_pg(db, err, PONT_EIO, "cannot read the memory", PQerrorMessage(db->conn));
		pont_tm_free(tm);
		return NULL;
	}
	while ((r = PQgetResult(db->conn)) != NULL) {
		ExecStatusType st = PQresultStatus(r);

		if (st == PGRES_SINGLE_TUPLE)
			add_row(tm, r, 0, 0);
		else if (st != PGRES_TUPLES_OK && ok) {
			fail_pg(db, err, PQstatus(db->conn) == CONNECTION_OK ? PONT_EPARSE : PONT_EIO, "cannot read the memory",
				PQresultErrorMessage(r));
			ok = 0;
		}
		PQclear(r);
	}
	if (!ok) {
		pont_tm_free(tm);
		return NULL;
	}
	return tm;
}
