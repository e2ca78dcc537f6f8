"""tm_server.py PONT BENCHDIR: look-up latency of the memory at 100 000 and 1 000 000 units, in a
file and on PostgreSQL (a throwaway server started here, as the tests do), short queries (at most
20 characters) on their own row, next to a plain pg_trgm similarity query on the same server and
the same units. Needs tm_setup.py's all.tsv, m100k.tsv and queries.txt in BENCHDIR.

The 1M memory is the 192 190 real units and variants of them (a word replaced by another of the
memory's words, or a number changed), so that look-ups meet as many near neighbours as a big
real memory gives."""
import os
import random
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
from pgserver import PgServer  # noqa: E402

pont, bdir = sys.argv[1], sys.argv[2]
GOAL_P95_MS, GOAL_SHORT = 20.0, 10.0


def make_1m():
    path = os.path.join(bdir, "m1m.tsv")
    if os.path.exists(path):
        return path
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(bdir, "all.tsv"), encoding="utf-8")][1:]
    vocab = [w for fr, _ in rows[:20000] for w in fr.split() if w.isalpha()]
    rng = random.Random(1)
    with open(path, "w", encoding="utf-8") as f:
        f.write("fr\ten\n")
        n = 0
        for fr, en in rows:
            f.write(f"{fr}\t{en}\n")
            n += 1
        while n < 1000000:
            fr, en = rows[rng.randrange(len(rows))]
            w = fr.split()
            if rng.random() < 0.7 and w:
                w[rng.randrange(len(w))] = rng.choice(vocab)
            else:
                w.append(str(rng.randrange(1000)))
            f.write(f"{' '.join(w)}\t{en} [{n}]\n")
            n += 1
    return path


def timing(mem, queries):
    p = subprocess.run([pont, "tm", "lookup", "--tm", mem, "--queries", queries, "--timing"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"(\d+) units.*p50 ([0-9.]+) ms, p95 ([0-9.]+) ms", p.stderr)
    if not m:
        raise SystemExit(f"bench: tm lookup failed: {p.stderr}")
    return int(m.group(1)), float(m.group(2)), float(m.group(3))


def trgm_timing(pg, db, queries):
    """p50/p95 of SELECT ... WHERE src % q ORDER BY similarity LIMIT 3, timed by psql."""
    script = os.path.join(bdir, "trgm.sql")
    with open(script, "w", encoding="utf-8") as f:
        f.write("\\timing on\nSET pg_trgm.similarity_threshold = 0.5;\n")
        for q in open(queries, encoding="utf-8").read().splitlines():
            lit = "'" + q.replace("'", "''") + "'"
            f.write(f"SELECT src, tgt FROM pont_unit WHERE src % {lit} ORDER BY similarity(src, {lit}) DESC "
                    f"LIMIT 3;\n")
    os.chmod(script, 0o644)
    out = pg.psql_file(db, script)
    t = sorted(float(x) for x in re.findall(r"^Time: ([0-9.]+) ms", out, re.M))[1:]  # the SET
    return t[(len(t) - 1) // 2], t[(len(t) * 95 + 99) // 100 - 1]


def line(what, n, p50, p95, goal=None):
    g = ""
    if goal is not None:
        g = f"  (goal p95 <= {goal:.0f} ms: {'met' if p95 <= goal else 'NOT met'})"
    print(f"  {what:<46} {n:>8} units  p50 {p50:7.2f} ms  p95 {p95:7.2f} ms{g}")


def main():
    if os.geteuid() != 0:
        print("memory on PostgreSQL: not measured (starting a server as the postgres user needs root)")
        return
    queries = os.path.join(bdir, "queries.txt")
    short = os.path.join(bdir, "short.txt")
    with open(short, "w", encoding="utf-8") as f:
        f.writelines(q + "\n" for q in open(queries, encoding="utf-8").read().splitlines() if 0 < len(q) <= 20)
    nshort = sum(1 for _ in open(short, encoding="utf-8"))
    m1m = make_1m()
    print(f"memory look-ups, 1 000 held-out queries ({nshort} of at most 20 characters), file and PostgreSQL:")
    if os.environ.get("PT_MS"):
        print(f"  (translate-toolkit pretranslate, 100k units as TMX: {float(os.environ['PT_MS']):.1f} ms a look-up)")
    # a server as one would set it up for a team's memory: shared buffers that hold it
    with PgServer("-c shared_buffers=1GB") as pg:
        url = pg.create_db("bench")
        subprocess.run([pont, "tm", "init", "--tm", url], check=True, stderr=subprocess.DEVNULL)
        results = {}
        for label, tsv in (("100k", os.path.join(bdir, "m100k.tsv")), ("1M", m1m)):
            ptm = os.path.join(bdir, f"m{label}.ptm")
            if os.path.exists(ptm):
                os.remove(ptm)
            subprocess.run([pont, "tm", "import", "--tm", ptm, tsv], check=True, stderr=subprocess.DEVNULL)
            t0 = time.time()
            subprocess.run([pont, "tm", "import", "--tm", url, tsv], check=True, stderr=subprocess.DEVNULL)
            imp = time.time() - t0
            subprocess.run([pont, "tm", "init", "--tm", url], check=True, stderr=subprocess.DEVNULL)	# reorders it
            for name, mem in (("file", ptm), ("PostgreSQL", url)):
                for qname, qf in (("all queries", queries), ("short queries", short)):
                    n, p50, p95 = timing(mem, qf)
                    results[(label, name, qname)] = (n, p50, p95)
                    goal = GOAL_P95_MS if (label, name) == ("1M", "PostgreSQL") else None
                    line(f"{label}, {name}, {qname}", n, p50, p95, goal)
            print(f"  ({label}: import into PostgreSQL {imp:.1f} s)")
            if label == "100k" and os.environ.get("PT_MS"):
                p50 = results[("100k", "PostgreSQL", "all queries")][1]
                print(f"    pont on PostgreSQL at 100k: {float(os.environ['PT_MS']) / p50:.0f}x faster than pretranslate "
                      f"(its mean look-up against pont's p50)")
        # pg_trgm on the same server and units (the 1M memory), short queries
        t0 = time.time()
        pg.psql("bench", "CREATE EXTENSION IF NOT EXISTS pg_trgm")
        pg.psql("bench", "CREATE INDEX IF NOT EXISTS pont_unit_trgm ON pont_unit USING gin (src gin_trgm_ops)")
        print(f"  (pg_trgm index on 1M units: {time.time() - t0:.1f} s)")
        q200 = os.path.join(bdir, "q200.txt")
        with open(q200, "w", encoding="utf-8") as f:
            f.writelines(q + "\n" for q in open(queries, encoding="utf-8").read().splitlines()[:200])
        for qname, qf in (("all queries (first 200)", q200), ("short queries", short)):
            p50, p95 = trgm_timing(pg, "bench", qf)
            n, pp50, pp95 = results[("1M", "PostgreSQL", qname.split(" (")[0])]
            line(f"1M, pg_trgm similarity query, {qname}", n, p50, p95)
            ratio = p50 / pp50 if pp50 else 0
            goal = f" (goal >= {GOAL_SHORT:.0f}x: {'met' if ratio >= GOAL_SHORT else 'NOT met'})" \
                if qname == "short queries" else ""
            print(f"    pont on PostgreSQL is {ratio:.1f}x faster than pg_trgm at p50, "
                  f"{p95 / pp95 if pp95 else 0:.1f}x at p95{goal}")


main()
