/* tmdb.c: a translation memory shared by a team on a PostgreSQL server (libpq).
 *
 * The server keeps the units and finds candidates; pont scores them. A unit's row (pont_unit)
 * holds its texts, its provenance and its keys up to typography (the same as the local file's:
 * a unit is stored once per source and target); its search row (pont_key) its weight and the
 * distinct tokens of its source (text[], GIN-indexed), ordered by weight by tm init. A look-up asks for the units that share one of the query's rarest
 * tokens - enough of them that a unit sharing none cannot reach the minimum score (prefix
 * filtering, with token frequencies kept in pont_token) - and whose weight is in the window
 * the minimum allows; those candidates are scored by pont_tm_lookup, so that the best match is
 * the one the local file would give for the same units. Writers take one transaction-scoped
 * advisory lock: one at a time, each all or nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "internal.h"
#include "tmkey.h"

#define SCHEMA_VERSION "1"
#define FOLD_VERSION "2"		/* pont_tm's token folding: a change re-tokenizes (tm init) */
#define WRITE_LOCK "7061636b"		/* the advisory lock of writers */

struct pont_tmdb {
	PGconn *conn;
	char *name;			/* the URL without its password, for messages */
	char src_lang[16], trg_lang[16];
	pont_buf toks, arr, warr;
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
 * weight and the distinct tokens of the source), narrow, so that the rows a search visits
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
	" weight double precision NOT NULL, toks text[] NOT NULL);"
	"CREATE INDEX IF NOT EXISTS pont_key_toks ON pont_key USING gin (toks);"
	"CREATE INDEX IF NOT EXISTS pont_key_weight ON pont_key (weight);"
	"CREATE TABLE IF NOT EXISTS pont_token (tok text PRIMARY KEY, df bigint NOT NULL);";

/* The schema made, or checked and brought up to date. */
static pont_status
init_schema(pont_tmdb *db, pont_error *err)
{
	const char *pv[2];
	PGresult *r;

	if (!exec_ok(db, "BEGIN", err))
		return err->code;
	if (!exec_ok(db, "SELECT pg_advisory_xact_lock(x'" WRITE_LOCK "'::bigint)", err) || !exec_ok(db, schema, err))
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
		     "translator text, status text, skey bigint, tkey bigint, weight double precision, toks text[]) "
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
		double wt;
		uint64_t skey;
		size_t nd = pont__tm_tokens(src, strlen(src), &db->toks, &db->w, &db->aw, &wt, &skey);

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
		pont_buf_reset(&num);
		pont_buf_addf(&num, "%lld\t%lld\t%.17g", (long long)skey, (long long)pont__tm_text_key(tgt, strlen(tgt)), wt);
		pont_buf_add(&row, num.p, num.len);
		pont_buf_addc(&row, '\t');
		text_array(&db->toks, nd, &db->arr);
		copy_field(&row, db->arr.p, 1);
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
		"k AS (INSERT INTO pont_key SELECT ins.id, i.weight, i.toks FROM ins JOIN pont_in i "
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

/* Adds rows (src, tgt, note, article, date, translator, status from column c0) to tm. */
static void
add_rows(pont_tm *tm, const PGresult *r, int c0)
{
	int k, rows = PQntuples(r);

	for (k = 0; k < rows; k++) {
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
}

size_t
pont_tmdb_lookup(pont_tmdb *db, const char *text, size_t n, int min_score, pont_tm **cands, pont_tm_match *out,
		 size_t max, pont_error *err)
{
	double wq, s = min_score <= 0 ? 0 : min_score / 100.0, eps = 1e-6;
	uint64_t key;
	size_t nd = pont__tm_tokens(text, n, &db->toks, &db->w, &db->aw, &wq, &key), k;
	char lim[5][40];
	const char *pv[7];
	PGresult *r;

	*cands = NULL;
	if (nd == 0 || max == 0)
		return 0;
	text_array(&db->toks, nd, &db->arr);
	pont_buf_reset(&db->warr);
	pont_buf_addc(&db->warr, '{');
	for (k = 0; k < nd; k++)
		pont_buf_addf(&db->warr, "%s%.17g", k ? "," : "", db->w[k]);
	pont_buf_addc(&db->warr, '}');
	/* a unit sharing none of the rarest tokens whose weight passes (1 - s) of the query's
	 * shares at most s of it: it cannot reach s */
	snprintf(lim[0], sizeof lim[0], "%.17g", (1 - s) * wq + eps);
	snprintf(lim[1], sizeof lim[1], "%.17g", s * wq - eps);
	snprintf(lim[2], sizeof lim[2], "%.17g", s > 0 ? wq / s + eps : 1e300);
	snprintf(lim[3], sizeof lim[3], "%.17g", s);
	snprintf(lim[4], sizeof lim[4], "%.17g", wq);
	pv[0] = db->arr.p;
	pv[1] = db->warr.p;
	for (k = 0; k < 5; k++)
		pv[2 + k] = lim[k];
	/* and of those, the units whose shared tokens could give them the minimum: the query's
	 * weight of the tokens they hold, at least s of the larger weight (pont_tm_lookup's bound) */
	r = run(db, "WITH q AS (SELECT q.tok, q.w, coalesce(t.df, 0) AS df FROM unnest($1::text[], $2::float8[]) "
		"AS q(tok, w) LEFT JOIN pont_token t ON t.tok = q.tok), "
		"p AS (SELECT tok FROM (SELECT tok, sum(w) OVER (ORDER BY df, tok ROWS UNBOUNDED PRECEDING) - w AS before "
		"FROM q) x WHERE before <= $3::float8) "
		"SELECT u.src, u.tgt, u.note, u.article, u.date, u.translator, u.status FROM pont_key k "
		"JOIN pont_unit u ON u.id = k.id "
		"WHERE k.toks && (SELECT array_agg(tok) FROM p) AND k.weight >= $4::float8 AND k.weight <= $5::float8 "
		"AND (SELECT coalesce(sum(q.w), 0) FROM unnest($1::text[], $2::float8[]) AS q(tok, w) "
		"WHERE q.tok = ANY (k.toks)) >= $6::float8 * greatest($7::float8, k.weight) * (1 - 1e-9) - 1e-9 "
		"ORDER BY k.id", 7, pv, err);
	if (r == NULL)
		return 0;
	*cands = pont_tm_new(db->src_lang, db->trg_lang);
	add_rows(*cands, r, 0);
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
			add_rows(tm, r, 0);
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
