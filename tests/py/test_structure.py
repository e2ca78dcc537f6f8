"""The shape of the code, held by tests: each side of a bilingual pair is analysed once (the
library's counters), merge and translate read no work file they wrote, the command line stays
thin, library files stay readable, and pont finds its data files next to itself."""
import glob
import os
import re
import shutil
import subprocess
import tempfile

from pontt import BUILD, DATA, ENV, PONT, ROOT, corpus, pont, read

FR = os.path.join(ROOT, "samples", "lucas-ops-microsoft.fr.txt")
EN = os.path.join(DATA, "lucas-ops-microsoft.en.txt")


def counters(*args, stdin=b""):
    """Runs pont with PONT_COUNTERS=1; returns (result, {counter: value})."""
    p = subprocess.run([PONT] + list(args), input=stdin, capture_output=True,
                       env=dict(ENV, PONT_COUNTERS="1"), timeout=300)
    m = re.search(rb"pont: counters: (.*)", p.stderr)
    assert m, p.stderr.decode()
    return p, {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).decode().split())}


def test_check_analyses_each_side_once():
    p, n = counters("check", "--source", FR, "--target", EN)
    assert p.returncode in (0, 1), p.stderr
    # two sides: each parsed, segmented and matched against the glossary once; the English
    # spell-checked once, whatever the number of sentence pairs (about 100 here)
    assert n["doc_parses"] == 2 and n["segmentations"] == 2, n
    assert n["term_matches"] == 2 and n["spell_checks"] == 1, n
    # two pairs of articles: twice that, not once per sentence
    p, n = counters("check", "--source", FR, "--target", EN, "--source", FR, "--target", EN)
    assert n["doc_parses"] == 4 and n["segmentations"] == 4 and n["spell_checks"] == 2, n


def test_check_of_a_work_file_reads_it_once():
    with tempfile.TemporaryDirectory() as d:
        w = os.path.join(d, "w.xlf")
        assert pont("prepare", FR, "-o", w).rc == 0
        x = read(w).decode()
        # every segment translated by its own source: untranslated findings, and the counts
        x = re.sub(r'(<segment [^>]*>)<source>(.*?)</source></segment>',
                   lambda m: f'{m.group(1)}<source>{m.group(2)}</source><target>{m.group(2)}</target></segment>', x,
                   flags=re.S)
        open(w, "w").write(x)
        p, n = counters("check", w)
        assert p.returncode == 1 and b"[untranslated]" in p.stdout, p.stderr
        assert n["xliff_reads"] == 1 and n["xliff_writes"] == 0, n
        assert n["doc_parses"] == 2 and n["segmentations"] == 2 and n["spell_checks"] == 1, n


def test_merge_and_translate_read_no_work_file_they_wrote():
    with tempfile.TemporaryDirectory() as d:
        w, e = os.path.join(d, "w.xlf"), os.path.join(d, "edition.txt")
        assert pont("prepare", FR, "-o", w).rc == 0
        p, n = counters("merge", "--allow-missing", w)
        assert p.returncode == 0, p.stderr
        # the work file read once; the article (still there) parsed and segmented once for its
        # unit ids, which the library gives without writing a work file; the edition parsed once
        # for its English typography
        assert n["xliff_reads"] == 1 and n["xliff_writes"] == 0, n
        assert n["doc_parses"] == 2 and n["segmentations"] == 1, n
        p, n = counters("translate", "--no-glossary", "--engine-cmd", "cat", "-o", e, FR)
        assert p.returncode == 0, p.stderr
        assert n["xliff_reads"] == 0 and n["xliff_writes"] == 0, n
        # cat is the identity: the edition is the article in English typography
        assert read(e) == pont("normalize", "--to", "en", FR).out


def functions(path):
    """(name, first line, length) of each function defined in a C file (KNF: name at column 0,
    braces alone at column 0)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i] == "{" and i > 0 and re.match(r"^[A-Za-z_]\w*\(", lines[i - 1]):
            j = i + 1
            while j < len(lines) and lines[j] != "}":
                j += 1
            out.append((lines[i - 1].split("(")[0], i, j - i + 2))
            i = j
        i += 1
    return out


def test_command_line_is_thin_and_library_files_readable():
    cli = glob.glob(os.path.join(ROOT, "src", "cli", "*.c"))
    assert len(cli) >= 10
    long = [(os.path.basename(f), name, n) for f in cli for name, _, n in functions(f) if n > 120]
    assert long == [], f"functions of the command line over 120 lines: {long}"
    lib = glob.glob(os.path.join(ROOT, "src", "lib", "*", "*.c"))
    assert len(lib) >= 20 and not glob.glob(os.path.join(ROOT, "src", "lib", "*.c")), "the library is in layers"
    big = [(os.path.relpath(f, ROOT), sum(1 for _ in open(f))) for f in lib]
    assert [b for b in big if b[1] > 900] == [], big
    # the command line sees pont.h only
    for f in cli:
        includes = re.findall(r'#include "([^"]+)"', open(f).read())
        assert set(includes) <= {"cli.h", "pont.h"}, (f, includes)


def test_data_files_next_to_the_program():
    """Not installed, run from elsewhere: pont finds its glossary and word lists next to the
    executable; without them it says so, never silently."""
    with tempfile.TemporaryDirectory() as d:
        art = os.path.join(d, "a.txt")
        open(art, "w").write("Il est ingénieur infra et développeur.\n")
        env = {k: v for k, v in ENV.items() if k not in ("PONT_GLOSSARY", "PONT_DATADIR")}
        # the build's own binary, run from a directory outside the checkout
        p = subprocess.run([PONT, "terms", "a.txt"], cwd=d, capture_output=True, env=env)
        assert p.returncode == 0 and b"infra" in p.stdout, p.stderr
        # a copy of the binary with no data beside it
        bindir = os.path.join(d, "opt", "bin")
        os.makedirs(bindir)
        lone = os.path.join(bindir, "pont")
        shutil.copy(PONT, lone)
        p = subprocess.run([lone, "terms", art], cwd=d, capture_output=True, env=env)
        if os.path.exists("/usr/local/share/pont/glossaries/it-careers.tbx"):
            return      # installed on this machine: the installed glossary is found, rightly
        assert p.returncode == 4 and b"glossaries/it-careers.tbx" in p.stderr, p.stderr
        assert len(p.stderr.decode().strip().split("\n")) == 1, p.stderr
        p = subprocess.run([lone, "spell", art], cwd=d, capture_output=True, env=env)
        assert b"warning" in p.stderr and b"fr-it.dic" in p.stderr, p.stderr
        # installed beside it, as make install lays it out
        share = os.path.join(d, "opt", "share", "pont")
        shutil.copytree(os.path.join(ROOT, "glossaries"), os.path.join(share, "glossaries"))
        shutil.copytree(os.path.join(ROOT, "dictionaries"), os.path.join(share, "dictionaries"))
        p = subprocess.run([lone, "terms", art], cwd=d, capture_output=True, env=env)
        assert p.returncode == 0 and b"infra" in p.stdout, p.stderr
        p = subprocess.run([lone, "spell", art], cwd=d, capture_output=True, env=env)
        assert b"fr-it.dic" not in p.stderr, p.stderr


def test_one_glossary_form_for_every_subcommand():
    """FILE or -g FILE alike, for every glossary subcommand that reads glossaries."""
    mini = os.path.join(DATA, "mini-it.tbx")
    for sub in ("validate", "list", "stats"):
        a, b = pont("glossary", sub, mini), pont("glossary", sub, "-g", mini)
        assert a.rc == b.rc == 0 and a.text == b.text and a.text, (sub, a.errtext, b.errtext)
    a = pont("glossary", "convert", mini, "-", "--to", "tsv")
    b = pont("glossary", "convert", "-g", mini, "-o", "-", "--to", "tsv")
    assert a.rc == b.rc == 0 and a.text == b.text and a.text.startswith("concept\t"), (a.errtext, b.errtext)
