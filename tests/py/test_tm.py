"""`pont tm`: the translation memory: imports, the indexed look-up against brute force, TMX in
and out (LISA compliance kit, translate-toolkit), errors, atomic writes."""
import gzip
import os
import re
import resource
import shutil
import subprocess
import tempfile

from pontt import ROOT, corpus, pont, read, say

SAMPLE = os.path.join(ROOT, "samples", "lucas-ops-microsoft.fr.txt")


def memory_slice(d, n_units, n_queries):
    """n_units pairs of the shared 193 000-pair memory (French -> English) as TSV, and n_queries
    French segments held out of it: every 10th row of the slice is a query, not a unit."""
    units, held = [], []
    with gzip.open(corpus("tm", "segments_dedup.tsv.gz"), "rt", encoding="utf-8") as f:
        head = f.readline()
        assert head.startswith("en\tfr")
        for i, line in enumerate(f):
            en, fr = line.rstrip("\n").split("\t")[:2]
            (held if i % 10 == 0 and len(held) < n_queries else units).append((fr, en))
            if len(units) == n_units:
                break
    tsv = os.path.join(d, "slice.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("en\tfr\n")
        for fr, en in units:
            f.write(f"{en}\t{fr}\n")
    queries = os.path.join(d, "queries.txt")
    with open(queries, "w", encoding="utf-8") as f:
        for fr, _ in held:
            f.write(fr.replace("\\n", " ").replace("\\t", " ") + "\n")
    return tsv, queries


def best(path, queries, *extra):
    r = pont("tm", "lookup", "--tm", path, "--queries", queries, "--format", "tsv", "--max", "1", "--min-score", "50",
             *extra)
    assert r.rc in (0, 1), r.errtext
    out = {}
    for line in r.text.splitlines()[1:]:
        q, score, unit = line.split("\t")[:3]
        out[q] = (int(score), int(unit))
    return out


def test_index_agrees_with_brute_force():
    with tempfile.TemporaryDirectory() as d:
        tsv, queries = memory_slice(d, 20000, 300)
        mem = os.path.join(d, "m.ptm")
        r = pont("tm", "import", "--tm", mem, tsv)
        assert r.rc == 0 and re.search(r"\d+ units added", r.errtext), r.errtext
        fast, slow = best(mem, queries), best(mem, queries, "--brute-force")
        nq = len([q for q in read(queries).decode().splitlines() if q])
        agree = sum(1 for q in set(fast) | set(slow) if fast.get(q) == slow.get(q))
        disagree = len(set(fast) | set(slow)) - agree
        say(f"20 000 units, {nq} held-out queries: {len(slow)} have a match >= 50 %; index and brute force "
            f"disagree on {disagree} (best unit and score)")
        assert len(slow) > 50 and disagree <= nq // 100


def test_exact_and_fuzzy_scores():
    with tempfile.TemporaryDirectory() as d:
        tsv = os.path.join(d, "m.tsv")
        with open(tsv, "w") as f:
            f.write("fr\ten\nImpossible d'ouvrir le fichier %s.\tCannot open file %s.\n"
                    "Le serveur a redémarré 3 fois.\tThe server restarted 3 times.\n"
                    "Le serveur a redémarré.\tThe server restarted.\n")
        mem = os.path.join(d, "m.ptm")
        assert pont("tm", "import", "--tm", mem, tsv).rc == 0

        def score(q):
            r = pont("tm", "lookup", "--tm", mem, "--format", "json", "--min-score", "1", q)
            m = r.json()["results"][0]["matches"]
            return m[0]["score"], m[0]["target"]

        assert score("Impossible d'ouvrir le fichier %s.") == (100, "Cannot open file %s.")
        # case and typography never cost points
        assert score("impossible d’ouvrir le fichier %s.")[0] == 100
        # a different number costs less than a different word
        n, _ = score("Le serveur a redémarré 4 fois.")
        w, _ = score("Le serveur a planté 3 fois.")
        assert 100 > n > w, (n, w)
        r = pont("tm", "lookup", "--tm", mem, "Rien à voir avec la choucroute.")
        assert r.rc == 1 and "(no match)" in r.text


def test_tmx_round_trip_and_compliance_kit():
    kit = corpus("tmx", "tmx-compliance-kit-lisa")
    with tempfile.TemporaryDirectory() as d:
        mem = os.path.join(d, "m.ptm")
        files = [os.path.join(kit, f) for f in ("ImportTest1A.tmx", "ImportTest1B.tmx", "ImportTest1C.tmx",
                                                 "ImportTest2A.tmx", "ImportTest2B.tmx", "ExportTest1B.tmx")]
        r = pont("tm", "import", "--tm", mem, *files)
        assert r.rc == 0, r.errtext
        n = int(re.search(r"(\d+) in all", r.errtext).group(1))
        assert n >= 15
        out = os.path.join(d, "out.tmx")
        assert pont("tm", "export", "--tm", mem, "-o", out).rc == 0
        # the inline codes come back as they were
        src = read(os.path.join(kit, "ImportTest2A.tmx")).decode("utf-8", "replace")
        exported = read(out).decode()
        for code in re.findall(r"<bpt[^>]*>.*?</bpt>", src)[:3]:
            assert code.replace(" ", "") in exported.replace(" ", ""), code
        mem2 = os.path.join(d, "m2.ptm")
        r = pont("tm", "import", "--tm", mem2, out)
        assert r.rc == 0 and f"{n} in all" in r.errtext
        a = pont("tm", "export", "--tm", mem2).text
        assert a == exported, "TMX -> memory -> TMX is stable"
        # and translate-toolkit reads pont's TMX (its Python API, and its TM database builder)
        code = ("import sys\nfrom translate.storage import tmx\nf = tmx.tmxfile.parsefile(sys.argv[1])\n"
                "print(len([u for u in f.units if u.source and u.target]))\n")
        p = subprocess.run(["/usr/bin/python3", "-c", code, out], capture_output=True, text=True)
        assert p.returncode == 0 and int(p.stdout) == n, p.stderr
        db = os.path.join(d, "tt.db")
        p = subprocess.run(["build_tmdb", "-d", db, "-s", "fr", "-t", "en", out], capture_output=True, text=True)
        assert p.returncode == 0 and os.path.getsize(db) > 0, p.stderr
        rows = subprocess.run(["/usr/bin/python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1])"
                               ".execute('select count(*) from targets').fetchone()[0])", db],
                              capture_output=True, text=True)
        say(f"translate-toolkit: {p.stdout.strip() or 'build_tmdb ok'}; {rows.stdout.strip()} targets in its TM database")
        assert int(rows.stdout) == n


def test_errors():
    kit = corpus("tmx", "tmx-compliance-kit-lisa")
    with tempfile.TemporaryDirectory() as d:
        mem = os.path.join(d, "m.ptm")
        # a TMX in other languages: the error says which
        r = pont("tm", "import", "--tm", mem, os.path.join(kit, "ImportTest1D.tmx"))
        assert r.rc == 3 and "no unit has both fr and en" in r.errtext and "en-us" in r.errtext, r.errtext
        assert not os.path.exists(mem)
        # not well-formed, not TMX, an entity bomb
        bad = os.path.join(d, "bad.tmx")
        open(bad, "w").write('<?xml version="1.0"?>\n<tmx version="1.4"><body>\n<tu><tuv xml:lang="fr"><seg>a</seg>'
                             '</tuv></tu>\n</tmx>\n')
        r = pont("tm", "import", "--tm", mem, bad)
        assert r.rc == 3 and re.match(r"pont: .*bad\.tmx:4:3: error: not well-formed XML", r.errtext), r.errtext
        open(bad, "w").write('<?xml version="1.0"?>\n<martif/>\n')
        r = pont("tm", "import", "--tm", mem, bad)
        assert r.rc == 3 and "not a TMX file" in r.errtext
        open(bad, "w").write('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n'
                             '<tmx version="1.4"><body/></tmx>\n')
        r = pont("tm", "import", "--tm", mem, bad)
        assert r.rc == 3 and "entity declaration 'a' refused" in r.errtext, r.errtext
        # a damaged memory
        good = os.path.join(d, "good.ptm")
        tsv = os.path.join(d, "m.tsv")
        open(tsv, "w").write("fr\ten\nBonjour.\tHello.\nMerci.\tThanks.\n")
        assert pont("tm", "import", "--tm", good, tsv).rc == 0
        data = read(good)
        open(mem, "wb").write(data[:len(data) - 20])
        r = pont("tm", "stats", "--tm", mem)
        assert r.rc == 3 and "damaged" in r.errtext, r.errtext
        # a TSV without the language columns
        open(tsv, "w").write("a\tb\nBonjour.\tHello.\n")
        r = pont("tm", "import", "--tm", good, tsv)
        assert r.rc == 3 and "header line must name" in r.errtext
        # an import that cannot be written leaves the memory as it was
        before = read(good)
        open(tsv, "w").write("fr\ten\n" + "".join(f"Phrase numéro {i} assez longue.\tSentence {i}.\n" for i in range(3000)))

        def small_files():
            resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 1000, len(before) + 1000))

        r = pont("tm", "import", "--tm", good, tsv, preexec=small_files)
        assert r.rc == 4 and read(good) == before, r.errtext
        assert sorted(os.listdir(d)) == sorted(["bad.tmx", "good.ptm", "m.ptm", "m.tsv"]), os.listdir(d)


def test_work_files_feed_the_memory():
    with tempfile.TemporaryDirectory() as d:
        w, w2, mem = (os.path.join(d, n) for n in ("w.xlf", "w2.xlf", "m.ptm"))
        assert pont("prepare", "--no-glossary", SAMPLE, "-o", w).rc == 0
        s = read(w).decode()
        k = [0]

        def tr(m):
            k[0] += 1
            return f'{m.group(1).replace("initial", "translated")}<source>{m.group(2)}</source><target>EN {k[0]}</target>'

        s = re.sub(r'(<segment [^>]*>)<source>(.*?)</source>', tr, s, flags=re.S)
        open(w2, "w").write(s)
        r = pont("tm", "add", w2, "--tm", mem)
        assert r.rc == 0, r.errtext
        added = int(re.search(r"(\d+) units added", r.errtext).group(1))
        assert added > 40
        # the next preparation of the same article is pre-filled from the memory
        r = pont("prepare", "--no-glossary", "--tm", mem, SAMPLE)
        assert r.rc == 0 and r.text.count('state="translated"') >= added
        # the work file with no translation adds nothing
        r = pont("tm", "add", w, "--tm", mem)
        assert r.rc == 0 and "0 units added" in r.errtext


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>fr</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


def test_omegat_reads_pont_tmx():
    """OmegaT (console mode) loads a TMX pont wrote from its tm/auto folder, without errors, and
    translates a file with it."""
    with tempfile.TemporaryDirectory() as d:
        for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat", "cfg"):
            os.makedirs(os.path.join(d, sub))
        open(os.path.join(d, "omegat.project"), "w").write(OMEGAT_PROJECT)
        open(os.path.join(d, "source", "a.txt"), "w").write("Salut Lucas !\n\nLe serveur a redémarré 3 fois.\n")
        tsv, mem = os.path.join(d, "m.tsv"), os.path.join(d, "m.ptm")
        open(tsv, "w").write("fr\ten\nSalut Lucas !\tHi Lucas!\nLe serveur a redémarré 3 fois.\tThe server "
                             "restarted 3 times.\nUne <b>autre</b> & dernière.\tAnother & last one.\n")
        assert pont("tm", "import", "--tm", mem, tsv).rc == 0
        assert pont("tm", "export", "--tm", mem, "-o", os.path.join(d, "tm", "auto", "pont.tmx")).rc == 0
        p = subprocess.run(["omegat", "--mode=console-translate", "--quiet", "--no-team", "--disable-project-locking",
                            f"--config-dir={os.path.join(d, 'cfg')}", d], capture_output=True, text=True, timeout=300)
        log = p.stdout + p.stderr
        assert p.returncode == 0, log[-2000:]
        assert "TMXR_INFO_READING_COMPLETE" in log and not re.search(r"(?i)\b(error|exception)\b", log), log[-2000:]
        got = read(os.path.join(d, "target", "a.txt")).decode()
        assert got == "Hi Lucas!\n\nThe server restarted 3 times.\n", got
