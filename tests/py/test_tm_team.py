"""test_tm_team: the memory of a newsroom. Matches on what a translator sees (typography never
costs points), duplicates kept once, provenance, and one memory shared on a real PostgreSQL
server that this test starts itself (pgserver.py: a throwaway cluster, Unix socket only)."""
import json
import os
import random
import re
import signal
import struct
import subprocess
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

from pgserver import PgServer
from pontt import PONT, ENV, corpus, pont, say
from test_xliff import validate

XLF = {"x": "urn:oasis:names:tc:xliff:document:2.0", "m": "urn:oasis:names:tc:xliff:matches:2.0",
       "mda": "urn:oasis:names:tc:xliff:metadata:2.0"}
APOS = "\u2019"
NBSP, NNBSP = "\u00a0", "\u202f"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def sentences(n):
    """n French sentences of the corpus's articles that hold typography to vary: apostrophes,
    quotes, ellipses, or French spacing before ? ! : ;"""
    out = []
    for name in sorted(os.listdir(corpus("articles", "pairs"))):
        if not name.endswith(".fr.md"):
            continue
        r = pont("segment", "--format", "json", corpus("articles", "pairs", name))
        assert r.rc == 0, r.errtext
        for s in r.json()["files"][0]["segments"]:
            t = s["text"].strip()
            if 30 <= len(t) <= 200 and "\t" not in t and "\n" not in t and re.search(r"['’«»…]|\s[?!:;]", t) \
                    and t not in out and not re.search(r"[\[\]`*_|<>]", t):
                out.append(t)
    assert len(out) >= n, len(out)
    return random.Random(16).sample(out, n)


def variants(s):
    """The same sentence typed otherwise: the other apostrophe, French quotes as English ones
    and back, an ellipsis as three dots and back, no-break spaces (NBSP, NNBSP), plain spaces or
    none before ? ! : ;"""
    v = set()
    v.add(s.replace(APOS, "'") if APOS in s else s.replace("'", APOS))
    v.add(re.sub(r"«\s*", '"', re.sub(r"\s*»", '"', s)))
    v.add(s.replace('"', "«", 1).replace('"', "»", 1))
    # "..." is the ellipsis written out; a longer run of dots is not one
    v.add(s.replace("…", "...") if "…" in s else re.sub(r"(?<!\.)\.\.\.(?!\.)", "…", s))
    for sp in (NBSP, NNBSP, " ", ""):
        v.add(re.sub(r"[ \u00a0\u202f]?([?!:;])", sp + r"\1", s))
        v.add(re.sub(r"« ?| ?»", lambda m: m.group(0).replace(" ", sp or " "), s))
    v.add(s.replace(APOS, "'").replace("«", '"').replace("»", '"').replace("…", "...").replace(NNBSP, " ")
           .replace(NBSP, " "))
    v.discard(s)
    return sorted(v)


def test_typography_variants_are_exact_matches():
    random.seed(16)
    sents = sentences(50)
    with tempfile.TemporaryDirectory() as d:
        tsv = os.path.join(d, "m.tsv")
        write(tsv, "fr\ten\n" + "".join(f"{s}\tEnglish {i}\n" for i, s in enumerate(sents)))
        mem = os.path.join(d, "m.ptm")
        r = pont("tm", "import", "--tm", mem, tsv)
        assert r.rc == 0 and "50 units added" in r.errtext, r.errtext
        queries, want = [], []
        for i, s in enumerate(sents):
            for v in variants(s):
                queries.append(v)
                want.append(i)
        qf = os.path.join(d, "q.txt")
        write(qf, "".join(q + "\n" for q in queries))
        r = pont("tm", "lookup", "--tm", mem, "--queries", qf, "--format", "json", "--max", "1")
        assert r.rc == 0, r.errtext
        res = r.json()["results"]
        assert len(res) == len(queries)
        bad = [(q["query"], q["matches"][:1]) for q, i in zip(res, want)
               if not q["matches"] or q["matches"][0]["score"] != 100 or q["matches"][0]["target"] != f"English {i}"]
        # each one said what differs
        unsaid = [q["query"] for q in res if q["matches"] and "typography" not in q["matches"][0]]
        say(f"{len(queries)} typography variants of 50 memory sentences: {len(queries) - len(bad)} exact matches")
        assert bad == [] and unsaid == [], (bad[:3], unsaid[:3])
        # a different word still costs: not every variant is a 100
        r = pont("tm", "lookup", "--tm", mem, "--format", "json", "--min-score", "1", sents[0] + " Vraiment.")
        assert r.json()["results"][0]["matches"][0]["score"] < 100


def prepared_segments(xlf):
    root = ET.parse(xlf).getroot()
    return root.findall(".//x:segment", XLF)


def test_normalized_article_prefills_what_the_raw_one_does():
    """A memory built from the raw article; the article normalized (pont normalize: ' -> ’, no-break
    spaces) pre-fills every segment the raw one does."""
    art = corpus("articles", "interviews", "reseau-loops--karin-dassas.fr.md")
    with tempfile.TemporaryDirectory() as d:
        raw = os.path.join(d, "raw.md")
        with open(art, "rb") as f, open(raw, "wb") as g:
            g.write(f.read())
        xlf = os.path.join(d, "raw.xlf")
        assert pont("prepare", raw, "-o", xlf).rc == 0
        # the finished edition: every target its source, marked translated
        text = open(xlf, encoding="utf-8").read()
        text = re.sub(r'<segment id="(s\d+)" state="initial"><source>(.*?)</source>',
                      r'<segment id="\1" state="translated"><source>\2</source><target>\2</target>', text, flags=re.S)
        write(xlf, text)
        mem = os.path.join(d, "m.ptm")
        r = pont("tm", "add", "--tm", mem, xlf)
        assert r.rc == 0, r.errtext
        norm = os.path.join(d, "norm.md")
        r = pont("normalize", raw, "-o", norm)
        assert r.rc in (0, 1), r.errtext
        assert open(norm, encoding="utf-8").read() != open(raw, encoding="utf-8").read()
        counts = []
        for a in (raw, norm):
            out = os.path.join(d, os.path.basename(a) + ".xlf")
            r = pont("prepare", a, "--tm", mem, "-o", out)
            assert r.rc == 0, r.errtext
            segs = prepared_segments(out)
            counts.append((len(segs), sum(s.get("state") == "translated" for s in segs)))
        say(f"raw article: {counts[0][1]} of {counts[0][0]} segments pre-filled; normalized: {counts[1][1]} of "
            f"{counts[1][0]}")
        assert counts[0][1] >= 0.9 * counts[0][0] and counts[1][1] >= counts[0][1], counts


def test_duplicates_up_to_typography_are_kept_once():
    with tempfile.TemporaryDirectory() as d:
        mem = os.path.join(d, "m.ptm")
        a = os.path.join(d, "a.tsv")
        write(a, "fr\ten\nIl s'agit d'un métier d'avenir.\tIt's a job with a future.\n")
        b = os.path.join(d, "b.tsv")
        write(b, f"fr\ten\nIl s{APOS}agit d{APOS}un métier d{APOS}avenir.\tIt{APOS}s a job with a future.\n")
        c = os.path.join(d, "c.tsv")
        write(c, "fr\ten\nIl s'agit d'un métier d'avenir.\tThis is a career with prospects.\n")
        assert "1 units added" in pont("tm", "import", "--tm", mem, a).errtext
        r = pont("tm", "import", "--tm", mem, b)
        assert r.rc == 0 and "0 units added, 1 updated" in r.errtext and "1 in all" in r.errtext, r.errtext
        r = pont("tm", "import", "--tm", mem, b)
        assert "0 units added, 0 updated" in r.errtext, r.errtext
        # another English for the same French: an alternative, the newer first
        r = pont("tm", "import", "--tm", mem, c)
        assert "1 units added" in r.errtext and "2 in all" in r.errtext, r.errtext
        r = pont("tm", "lookup", "--tm", mem, "--format", "json", "Il s'agit d'un métier d'avenir.")
        m = r.json()["results"][0]["matches"]
        assert [x["target"] for x in m] == ["This is a career with prospects.", f"It{APOS}s a job with a future."], m
        # the same units in one file: kept once there too
        ab = os.path.join(d, "ab.tsv")
        write(ab, open(a, encoding="utf-8").read() + open(b, encoding="utf-8").read().split("\n", 1)[1])
        mem2 = os.path.join(d, "m2.ptm")
        r = pont("tm", "import", "--tm", mem2, ab)
        assert "1 units added" in r.errtext, r.errtext


def test_provenance_kept_and_shown():
    with tempfile.TemporaryDirectory() as d:
        art = os.path.join(d, "kate.fr.txt")
        write(art, "Portrait de Kate\n\nJe suis ingénieure SRE depuis cinq ans.\n\nJ'aime les astreintes calmes.\n")
        xlf = os.path.join(d, "kate.xlf")
        assert pont("prepare", art, "--no-glossary", "-o", xlf).rc == 0
        text = open(xlf, encoding="utf-8").read()
        old = 'state="initial"><source>Je suis ingénieure SRE depuis cinq ans.</source>'
        assert old in text
        text = text.replace(old, 'state="reviewed"><source>Je suis ingénieure SRE depuis cinq ans.</source>'
                            '<target>I have been an SRE for five years.</target>')
        write(xlf, text)
        mem = os.path.join(d, "m.ptm")
        r = pont("tm", "add", "--tm", mem, "--translator", "Marie Curie", xlf)
        assert r.rc == 0 and "1 units added" in r.errtext, r.errtext
        r = pont("tm", "lookup", "--tm", mem, "--format", "json", "Je suis ingénieure SRE depuis six ans.")
        m = r.json()["results"][0]["matches"][0]
        assert m["translator"] == "Marie Curie" and m["status"] == "reviewed" and m["article"].endswith("kate.fr.txt")
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", m["date"]), m
        # through TMX and back
        tmx = os.path.join(d, "m.tmx")
        assert pont("tm", "export", "--tm", mem, "-o", tmx).rc == 0
        tu = ET.parse(tmx).getroot().find(".//tu")
        assert tu.get("creationid") == "Marie Curie" and re.match(r"^\d{8}T\d{6}Z$", tu.get("creationdate"))
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert props["x-pont-status"] == "reviewed" and props["x-pont-article"].endswith("kate.fr.txt"), props
        mem2 = os.path.join(d, "m2.ptm")
        assert pont("tm", "import", "--tm", mem2, tmx).rc == 0
        r = pont("tm", "lookup", "--tm", mem2, "--format", "json", "Je suis ingénieure SRE depuis six ans.")
        assert {k: v for k, v in r.json()["results"][0]["matches"][0].items() if k != "unit"} == \
            {k: v for k, v in m.items() if k != "unit"}
        # prepare shows it in the matches module, as metadata
        art2 = os.path.join(d, "lea.fr.txt")
        write(art2, "Je suis ingénieure SRE depuis six ans.\n")
        xlf2 = os.path.join(d, "lea.xlf")
        assert pont("prepare", art2, "--no-glossary", "--tm", mem, "-o", xlf2).rc == 0
        metas = {e.get("type"): e.text for e in ET.parse(xlf2).getroot().iter("{%s}meta" % XLF["mda"])}
        assert metas.get("translator") == "Marie Curie" and metas.get("status") == "reviewed", metas
        # valid against the XLIFF 2.1 schemas, with a typography note on an exact match too
        write(art2, "JE SUIS ingénieure SRE depuis cinq ans.\n")
        assert pont("prepare", art2, "--no-glossary", "--tm", mem, "-o", xlf2).rc == 0
        text = open(xlf2, encoding="utf-8").read()
        assert 'state="translated"' in text and "written with other case" in text, text[-800:]
        rc, err = validate(xlf2)
        assert rc == 0, err


def test_first_format_memory_is_reindexed():
    """A memory file of pont's first format (no provenance; tokens folded with their typography)
    opens, re-indexed: its units match typography variants."""
    pool = b"\0" + "Qu’est-ce que le SRE ?".encode() + b"\0" + b"What is SRE?\0"
    pad = lambda b: b + b"\0" * (-len(b) % 8)
    head = b"PONT-TM\n" + struct.pack("=II", 1, 0x01020304) + b"fr".ljust(16, b"\0") + b"en".ljust(16, b"\0")
    head += struct.pack("=6Q", len(pool), 1, 0, 0, 0, 0)
    unit = struct.pack("=5I4xd", 1, pool.index(b"What"), 0xFFFFFFFF, 0, 0, 5.0)
    with tempfile.TemporaryDirectory() as d:
        mem = os.path.join(d, "old.ptm")
        with open(mem, "wb") as f:
            f.write(pad(head) + pad(pool) + pad(unit))
        r = pont("tm", "lookup", "--tm", mem, "--format", "json", "Qu'est-ce que le SRE?")
        assert r.rc == 0, r.errtext
        assert r.json()["results"][0]["matches"][0]["score"] == 100
        with open(mem, "r+b") as f:	# a unit pointing outside the text: damaged, said so
            f.seek(len(pad(head)) + len(pad(pool)))
            f.write(struct.pack("=I", 10 ** 6))
        r = pont("tm", "stats", "--tm", mem)
        assert r.rc == 3 and "damaged" in r.errtext, r.errtext


# --- the shared memory on PostgreSQL -------------------------------------------------------

def series_tsv(d):
    """The corpus's aligned manuals (fr, en and more columns): thousands of units."""
    return [corpus("parallel", n) for n in ("debian-faq.tsv", "aptitude-doc.tsv", "maint-guide.tsv")]


def queries_from(tsvs, n):
    """n look-ups: French sentences of the memory, changed as a new article would change them (a
    word dropped or replaced, typography), and some it does not hold."""
    rng = random.Random(300)
    fr = []
    for t in tsvs:
        rows = [l.rstrip("\n").split("\t") for l in open(t, encoding="utf-8")]
        col = rows[0].index("fr")
        fr += [r[col] for r in rows[1:] if len(r) > col and 3 <= len(r[col].split()) <= 40]
    out = []
    for s in rng.sample(fr, n):
        w = s.split()
        k = rng.randrange(4)
        if k == 0:
            del w[rng.randrange(len(w))]
        elif k == 1:
            w[rng.randrange(len(w))] = "serveur"
        elif k == 2:
            w = (" ".join(w).replace("'", APOS) + " ?").split()
        out.append(" ".join(w))
    return out


def lookups(mem, qfile, brute=False, min_score=70):
    args = ["tm", "lookup", "--tm", mem, "--queries", qfile, "--format", "json", "--max", "3",
            "--min-score", str(min_score)]
    r = pont(*args + (["--brute-force"] if brute else []))
    assert r.rc in (0, 1), r.errtext
    return [[(m["score"], m["source"], m["target"]) for m in q["matches"]] for q in r.json()["results"]]


def test_server_memory_gives_the_files_matches():
    tsvs = series_tsv(None)
    with PgServer() as pg, tempfile.TemporaryDirectory() as d:
        url = pg.create_db("series")
        r = pont("tm", "lookup", "--tm", url, "x")
        assert r.rc == 3 and "pont tm init" in r.errtext and len(r.errtext.splitlines()) == 1, r.errtext
        assert pont("tm", "init", "--tm", url).rc == 0
        assert pont("tm", "init", "--tm", url).rc == 0		# again: nothing changes
        mem = os.path.join(d, "m.ptm")
        r1 = pont("tm", "import", "--tm", mem, *tsvs)
        r2 = pont("tm", "import", "--tm", url, *tsvs)
        assert r1.rc == 0 and r2.rc == 0, (r1.errtext, r2.errtext)
        n1 = int(re.search(r"(\d+) in all", r1.errtext).group(1))
        n2 = int(re.search(r"(\d+) in all", r2.errtext).group(1))
        assert n1 == n2 > 4000, (n1, n2)
        # and a TMX with inline codes, through the server and back
        tmx = corpus("tmx", "sed-grep_en-fr.po2tmx.tmx")
        assert pont("tm", "import", "--tm", mem, tmx).rc == 0 and pont("tm", "import", "--tm", url, tmx).rc == 0
        qf = os.path.join(d, "q.txt")
        write(qf, "".join(q + "\n" for q in queries_from(tsvs, 300)))
        local, server = lookups(mem, qf), lookups(url, qf)
        found = sum(1 for x in local if x)
        say(f"300 look-ups in {n1} units: {found} with a match; the server's equal the file's: "
            f"{sum(a == b for a, b in zip(local, server))}")
        assert found >= 200 and local == server
        r = pont("tm", "lookup", "--tm", url, "--format", "json", open(qf, encoding="utf-8").readline().strip())
        assert all(m["unit"] is None for m in r.json()["results"][0]["matches"])	# no file, no unit number
        # the server's candidates lose nothing: the same as scoring every unit, and at low minimums
        # (where a candidate need share only one of the rarest tokens, in a wide window of weights)
        assert lookups(url, qf, brute=True) == server
        for low in (30,):
            assert lookups(url, qf, min_score=low) == lookups(mem, qf, min_score=low), low
        # a memory made by the first server schema: refused until tm init brings it up to date
        pg.psql("series", "DROP INDEX pont_key_terms; ALTER TABLE pont_key DROP COLUMN terms; "
                "CREATE INDEX pont_key_toks ON pont_key USING gin (toks); UPDATE pont_meta SET value = '1' "
                "WHERE key = 'schema'")
        r = pont("tm", "lookup", "--tm", url, "x")
        assert r.rc == 3 and "pont tm init" in r.errtext and len(r.errtext.splitlines()) == 1, r.errtext
        assert pont("tm", "init", "--tm", url).rc == 0 and lookups(url, qf) == server
        # export: the same units, in the same order, as the file's
        e1, e2 = os.path.join(d, "1.tsv"), os.path.join(d, "2.tsv")
        assert pont("tm", "export", "--tm", mem, "-o", e1).rc == 0 and pont("tm", "export", "--tm", url, "-o", e2).rc == 0
        assert open(e1, encoding="utf-8").read() == open(e2, encoding="utf-8").read()
        # prepare and translate take it too, and PONT_TM names it
        art = os.path.join(d, "a.txt")
        q0 = [q for q, m in zip(open(qf, encoding="utf-8").read().splitlines(), local) if m and m[0][0] == 100][0]
        write(art, q0 + "\n")
        env = dict(ENV, PONT_TM=url)
        p = subprocess.run([PONT, "prepare", "--no-glossary", art, "-o", os.path.join(d, "a.xlf")], env=env,
                           capture_output=True)
        assert p.returncode == 0, p.stderr
        assert 'state="translated"' in open(os.path.join(d, "a.xlf"), encoding="utf-8").read()


def test_server_concurrent_writers_lose_nothing():
    with PgServer() as pg, tempfile.TemporaryDirectory() as d:
        url = pg.create_db("team")
        assert pont("tm", "init", "--tm", url).rc == 0
        procs = []
        for w in range(20):
            tsv = os.path.join(d, f"w{w}.tsv")
            write(tsv, "fr\ten\n" + "".join(f"Phrase {w} numéro {i} du traducteur.\tSentence {w} number {i}.\n"
                                            for i in range(51)))
            procs.append(subprocess.Popen([PONT, "tm", "import", "--tm", url, "--translator", f"t{w}", tsv], env=ENV,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        rcs = [p.wait() for p in procs]
        errs = [p.stderr.read().decode() for p in procs]
        assert rcs == [0] * 20, errs
        r = pont("tm", "stats", "--tm", url)
        say(f"20 writers at once, 51 units each: {r.text.split('units: ')[1].strip()} units on the server")
        assert "units: 1020" in r.text, r.text
        # every writer's units, with their translator
        assert pg.psql("team", "SELECT count(DISTINCT translator) FROM pont_unit").strip() == "20"


def test_server_killed_writer_leaves_it_consistent():
    with PgServer() as pg, tempfile.TemporaryDirectory() as d:
        url = pg.create_db("team")
        assert pont("tm", "init", "--tm", url).rc == 0
        small = os.path.join(d, "small.tsv")
        write(small, "fr\ten\nUne phrase déjà là.\tA sentence already there.\n")
        assert pont("tm", "import", "--tm", url, small).rc == 0
        big = os.path.join(d, "big.tsv")
        write(big, "fr\ten\n" + "".join(f"La phrase numéro {i} d'un gros import.\tSentence number {i}.\n"
                                        for i in range(300000)))
        killed = 0
        for delay in (0.3, 0.8, 1.5):
            p = subprocess.Popen([PONT, "tm", "import", "--tm", url, big], env=ENV, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
            time.sleep(delay)
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                killed += 1
            p.wait()
            n = int(pg.psql("team", "SELECT count(*) FROM pont_unit"))
            assert n in (1, 300001), n	# all or nothing
            if n == 300001:
                break
        assert killed >= 1
        # the memory still answers and takes writes
        r = pont("tm", "lookup", "--tm", url, "Une phrase déjà là !")
        assert r.rc == 0 and "A sentence already there." in r.text, r.errtext
        assert int(pg.psql("team", "SELECT count(*) FROM pont_token WHERE df < 0")) == 0


def test_server_errors_are_one_line():
    with PgServer() as pg, tempfile.TemporaryDirectory() as d:
        url = pg.create_db("team")
        # a database that does not exist, a host that is not there, then the server stopped
        for bad in (pg.url("nosuchdb"), "postgresql:///x?host=/nonexistent/dir&user=postgres",
                    "postgresql://pont:secret@/x?host=/nonexistent/dir"):
            r = pont("tm", "stats", "--tm", bad)
            assert r.rc == 4 and len(r.errtext.strip().splitlines()) == 1 and r.errtext.startswith("pont: "), r.errtext
            assert "secret" not in r.errtext
        assert pont("tm", "init", "--tm", url).rc == 0
        # align's pairs go to the server's memory too
        data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
        r = pont("align", os.path.join(data, "align-sample.fr.txt"), os.path.join(data, "align-sample.en.txt"), "-o", url)
        assert r.rc == 0 and re.search(r"[1-9]\d* units added", r.errtext), r.errtext
        assert int(pg.psql("team", "SELECT count(*) FROM pont_unit WHERE article = 'align-sample.fr.txt'")) > 0
        pg.stop()
        art = os.path.join(d, "a.txt")
        write(art, "Une phrase.\n")
        for args in (("tm", "stats", "--tm", url), ("tm", "lookup", "--tm", url, "x"),
                     ("prepare", art, "--tm", url, "-o", os.path.join(d, "a.xlf"))):
            r = pont(*args)
            assert r.rc == 4 and len(r.errtext.strip().splitlines()) == 1 and "cannot connect" in r.errtext, \
                (args, r.errtext)
        assert not os.path.exists(os.path.join(d, "a.xlf"))
