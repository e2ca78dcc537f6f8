"""`pont prepare` / `pont merge`: XLIFF 2.1 work files that validate against the official
schemas, keep the article's structure through a round trip, and report bad input."""
import json
import glob
import html
import os
import re
import shutil
import subprocess
import tempfile
import tomllib

import yaml

from pontt import CORPUS, DATA, ROOT, corpus, pont, read, say

SAMPLES = [os.path.join(ROOT, "samples", n) for n in ("gautier-sre-trajectoire.fr.txt", "lucas-ops-microsoft.fr.txt")]
MARKDOWN = os.path.join(ROOT, "tests", "golden", "segment", "markdown.in")
MODULES = {
    "urn:oasis:names:tc:xliff:document:2.0": "xliff_core_2.0.xsd",
    "urn:oasis:names:tc:xliff:glossary:2.0": "glossary.xsd",
    "urn:oasis:names:tc:xliff:matches:2.0": "matches.xsd",
    "urn:oasis:names:tc:xliff:metadata:2.0": "metadata.xsd",
}


def validate(path):
    """xmllint against the core schema and the glossary, candidates and metadata modules."""
    schemas = corpus("xliff", "schemas", "xliff2.1")
    with tempfile.TemporaryDirectory() as d:
        driver = os.path.join(d, "all.xsd")
        with open(driver, "w") as f:
            f.write('<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                    'targetNamespace="urn:pont:test-driver">\n')
            for ns, xsd in MODULES.items():
                f.write(f'  <xs:import namespace="{ns}" schemaLocation="{os.path.join(schemas, xsd)}"/>\n')
            f.write("</xs:schema>\n")
        env = dict(os.environ, XML_CATALOG_FILES=os.path.join(schemas, "catalog.xml"))
        p = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", driver, path], capture_output=True, text=True,
                           env=env)
        return p.returncode, p.stderr


def fill(xlf, out, fn=None):
    """Gives every segment a target: its source, or fn(unit_id, index, source_xml)."""
    s = read(xlf).decode()

    def repl_unit(u):
        uid = re.search(r'<unit id="([^"]+)"', u.group(0)).group(1)
        k = [0]

        def repl(m):
            k[0] += 1
            tgt = m.group(2) if fn is None else fn(uid, k[0], m.group(2))
            st = m.group(1)
            return f'{st}<source>{m.group(2)}</source><target>{tgt}</target></segment>'

        return re.sub(r'(<segment [^>]*>)<source>(.*?)</source></segment>', repl, u.group(0), flags=re.S)

    s = re.sub(r'<unit id=.*?</unit>', repl_unit, s, flags=re.S)
    with open(out, "w", encoding="utf-8") as f:
        f.write(s)


def structure(path, fmt):
    r = pont("segment", "--format", "json", "--input", fmt, path)
    assert r.rc == 0, r.errtext
    return [(p["kind"], p["speaker"], p["level"]) for p in r.json()["files"][0]["paragraphs"]]


def test_prepare_validates():
    with tempfile.TemporaryDirectory() as d:
        tm = os.path.join(d, "m.ptm")
        tsv = os.path.join(d, "m.tsv")
        with open(tsv, "w") as f:   # an exact and a fuzzy match for the memory module
            f.write("fr\ten\nSalut Lucas !\tHi Lucas!\nPeux-tu revenir sur ton parcours et sur tes expériences ?\t"
                    "Can you tell us about your background and experience?\n")
        assert pont("tm", "import", "--tm", tm, tsv).rc == 0
        for path in SAMPLES + [MARKDOWN]:
            out = os.path.join(d, "w.xlf")
            r = pont("prepare", "--input", "markdown" if path.endswith(".in") else "text", "--tm", tm, path, "-o", out)
            assert r.rc == 0, r.errtext
            rc, err = validate(out)
            assert rc == 0, err
            x = read(out).decode()
            assert "<gls:glossEntry>" in x or path == MARKDOWN
        # the sample has both kinds of match
        r = pont("prepare", "--tm", tm, SAMPLES[1])
        assert '<segment id="s1" state="translated"><source>Salut Lucas !</source><target>Hi Lucas!</target>' in r.text
        assert re.search(r'<mtc:match ref="#s\d+" similarity="(7\d|8\d|9\d)"', r.text), "a fuzzy candidate"
        # the check can fail: invalid files of the official suite that a schema can catch fail it
        # (most of the suite's invalid files break rules no schema expresses), valid ones pass
        bad = corpus("xliff", "oasis-2.1-suite", "core", "invalid")
        for f in ("bad_GroupWithoutId.xlf", "bad_IgnorableWithoutSource.xlf", "bad_InvalidStateValue.xlf",
                  "bad_InvalidHexValueOnCp.xlf", "bad_InvalidNotesInUnit.xlf"):
            assert validate(os.path.join(bad, f))[0] != 0, f
        good = corpus("xliff", "oasis-2.1-suite", "core", "valid")
        for f in sorted(os.listdir(good))[:8]:
            if f.endswith(".xlf"):
                assert validate(os.path.join(good, f))[0] == 0, f


def test_round_trip_is_exact():
    with tempfile.TemporaryDirectory() as d:
        for path, fmt in [(p, "text") for p in SAMPLES] + [(MARKDOWN, "markdown")]:
            w, w2, m = (os.path.join(d, n) for n in ("w.xlf", "w2.xlf", "m.txt"))
            assert pont("prepare", "--no-glossary", "--input", fmt, path, "-o", w).rc == 0
            fill(w, w2)
            r = pont("merge", "--keep-typography", w2, "-o", m)
            assert r.rc == 0, r.errtext
            assert read(m) == read(path), f"{path}: prepare -> merge changed the text"
            # with English typography the structure is the same too
            r = pont("merge", w2, "-o", m)
            assert r.rc == 0 and structure(m, fmt) == structure(path, fmt)


def test_round_trip_real_articles():
    """Every Markdown article of the corpus (real posts: front matter, tables, footnotes, HTML,
    interviews) and the spec's examples file: prepare -> merge with identity targets gives the
    input back byte for byte, and the work file offers their table cells and footnotes."""
    arts = sorted(glob.glob(os.path.join(corpus("articles"), "*", "*.md")))
    assert len(arts) >= 20, arts
    mine = os.path.join(DATA, "structures.fr.md")	# front matter, table, footnote, image, HTML
    with tempfile.TemporaryDirectory() as d:
        for path in arts + [corpus("markdown", "spec.txt"), mine]:
            w, w2, m = (os.path.join(d, n) for n in ("w.xlf", "w2.xlf", "m.md"))
            r = pont("prepare", "--no-glossary", "--input", "markdown", path, "-o", w)
            assert r.rc == 0, (path, r.errtext)
            if path == mine:
                x = read(w).decode()
                assert x.count('type="pont:cell"') == 4 and "Tableaux de bord" in x, "table cells"
                assert re.search(r"<source>Une note de bas de page\.</source>", x), "footnote"
                assert x.count('type="pont:list-item"') == 3, "a tight list is three items"
                # every code a CAT tool shows has a label and a text equivalent; a line break
                # inside a paragraph is a labelled code; an image's title is text to translate
                phs = re.findall(r"<ph [^>]*>", x)
                assert phs and all(' disp="' in p and ' equiv="' in p for p in phs), phs
                assert any('disp="\u21b5" equiv=" "' in p for p in phs), phs
                assert re.search(r'/>Architecture cible<ph', x), "an image's title"
                w12 = os.path.join(d, "w12.xlf")
                r = pont("prepare", "--no-glossary", "--xliff", "1.2", path, "-o", w12)
                phs = re.findall(r"<ph [^>]*>", read(w12).decode())
                assert r.rc == 0 and phs and all(" equiv-text=" in p for p in phs if "x-pont-char" not in p)
            fill(w, w2)
            r = pont("merge", "--keep-typography", w2, "-o", m)
            assert r.rc == 0, (path, r.errtext)
            assert read(m) == read(path), f"{path}: prepare -> merge changed the text"
            if path == mine:	# nothing left French silently: each French target is a warning
                assert r.errtext.count("[still-french]") >= 10, r.errtext
    say(f"{len(arts)} real articles, the CommonMark spec and a post with tables and footnotes: "
        "prepare -> merge gives each back")


def test_front_matter_fields():
    """The prose fields of YAML and TOML front matter are units; merged English is valid YAML or
    TOML holding the English, whatever quotes and colons it has; other fields stay French-free
    of changes; --fields picks the keys."""
    yaml_fm = ("---\ntitle: Devenir SRE, le parcours\ndescription: \"Une « interview » sur le métier\"\n"
               "summary: 'L''essentiel du métier'\ndate: 2024-03-01\nslug: devenir-sre\n"
               "image:\n  src: a.png\n  alt: Un schéma\ntags: [sre, ops]\n---\n\n# Devenir SRE\n\nTexte.\n")
    toml_fm = ("+++\ntitle = \"Devenir SRE\"\ndescription = 'Une interview'\ndraft = false\n+++\n\n"
               "# Devenir SRE\n\nTexte.\n")
    english = {"Devenir SRE, le parcours": 'Becoming an SRE: "the path"',
               "Une « interview » sur le métier": 'An "interview" on the job: SRE',
               "L''essentiel du métier": "The job's essentials: #1",	# the value's own bytes
               "Un schéma": "No",
               "Devenir SRE": 'Becoming an "SRE"',
               "Une interview": "An interview's sketch"}
    with tempfile.TemporaryDirectory() as d:
        for name, text, load in (("y.md", yaml_fm, lambda t: yaml.safe_load(t.split("---\n")[1])),
                                 ("t.md", toml_fm, lambda t: tomllib.loads(t.split("+++\n")[1]))):
            src, w, w2, m = (os.path.join(d, n) for n in (name, "w.xlf", "w2.xlf", "m.md"))
            with open(src, "w", encoding="utf-8") as f:
                f.write(text)
            assert pont("prepare", "--no-glossary", src, "-o", w).rc == 0
            x = read(w).decode()
            fields = re.findall(r'<mda:meta type="field">([^<]+)</mda:meta>', x)
            assert "date" not in fields and "slug" not in fields and "src" not in fields, fields

            def to_en(uid, k, source):
                plain = html.unescape(source)
                return html.escape(english.get(plain, plain), quote=False)
            fill(w, w2, to_en)
            r = pont("merge", w2, "-o", m)
            assert r.rc == 0, r.errtext
            got = load(read(m).decode())
            fr = load(text)
            for key in ("title", "description", "summary"):
                if key in fr:
                    want = english[fr[key].replace("'", "''") if key == "summary" else fr[key]]
                    assert got[key] in (want, want.replace("'", "\u2019")), (key, got[key])
            if "image" in fr:
                assert got["image"]["alt"] == "No" and got["image"]["src"] == "a.png" and got["tags"] == ["sre", "ops"]
                assert str(got["date"]) == "2024-03-01" and got["slug"] == "devenir-sre"
            else:
                assert got["draft"] is False
        # --fields: only the keys named
        r = pont("segment", "--fields", "summary", "--format", "json", os.path.join(d, "y.md"))
        kinds = [p["kind"] for p in r.json()["files"][0]["paragraphs"]]
        assert r.rc == 0 and kinds.count("field") == 1, kinds
    say("front matter: YAML plain, double- and single-quoted, TOML basic and literal values offered; "
        "English with quotes, colons and '#' merged back as valid YAML/TOML")


def test_real_english_edition():
    """A French document and its English edition (paragraph-aligned): each unit's target is the
    English paragraph; merge gives the English document, paragraph for paragraph."""
    fr, en = corpus("parallel", "debian-faq.fr.txt"), corpus("parallel", "debian-faq.en.txt")
    fr_lines = read(fr).decode().split("\n")[:120]
    en_lines = read(en).decode().split("\n")[:120]
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "faq.fr.txt")
        with open(src, "w") as f:
            f.write("\n".join(fr_lines) + "\n")
        w, w2, m = (os.path.join(d, n) for n in ("w.xlf", "w2.xlf", "faq.en.txt"))
        r = pont("prepare", "--paragraphs", "lines", src, "-o", w)
        assert r.rc == 0, r.errtext
        x = read(w).decode()
        ids = re.findall(r'<unit id="([^"]+)"', x)
        lines_with_units = [i for i, l in enumerate(fr_lines) if re.search(r"\w", l)]

        def target(uid, k, src_xml):
            i = lines_with_units[ids.index(uid)]
            if k > 1:
                return ""
            return en_lines[i].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

        fill(w, w2, target)
        s = read(w2).decode()
        # segments after the first of a unit were joined into it: translated, empty
        s = re.sub(r'<segment id="s([2-9]|\d\d+)" state="initial">', r'<segment id="s\1" state="translated">', s)
        with open(w2, "w") as f:
            f.write(s)
        r = pont("merge", "--keep-typography", w2, "-o", m)
        assert r.rc == 0, r.errtext
        got = read(m).decode().split("\n")
        # (the French lines' trailing spaces are kept around the targets: compare trimmed)
        same = sum(1 for i in lines_with_units if got[i].strip() == en_lines[i].strip())
        say(f"debian-faq, first 120 lines: {same} / {len(lines_with_units)} paragraphs are the English edition's")
        assert same == len(lines_with_units)


def test_stable_ids():
    text = read(SAMPLES[0]).decode()
    paras = text.split("\n")
    edited = paras[:]
    edited[6] = edited[6] + " Une phrase ajoutée."
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
        open(a, "w").write(text)
        open(b, "w").write("\n".join(edited))
        ia = re.findall(r'<unit id="([^"]+)"', pont("prepare", "--no-glossary", a).text)
        ib = re.findall(r'<unit id="([^"]+)"', pont("prepare", "--no-glossary", b).text)
        assert len(ia) == len(ib) and sum(x != y for x, y in zip(ia, ib)) == 1


def test_merge_errors():
    with tempfile.TemporaryDirectory() as d:
        art = os.path.join(d, "a.fr.txt")
        shutil.copy(SAMPLES[1], art)
        w, out = os.path.join(d, "w.xlf"), os.path.join(d, "a.en.txt")
        assert pont("prepare", art, "-o", w).rc == 0
        # untranslated: located errors, nothing written
        r = pont("merge", w, "-o", out)
        assert r.rc == 1 and not os.path.exists(out)
        first = r.errtext.splitlines()[0]
        assert re.match(r"pont: .*w\.xlf:\d+:\d+: error: \[untranslated\] unit u[0-9a-f]+, segment s1", first), first
        r = pont("merge", "--allow-missing", w, "-o", out)
        assert r.rc == 0 and "warning: [untranslated]" in r.errtext and os.path.exists(out)
        # the article changed since prepare
        w2 = os.path.join(d, "w2.xlf")
        fill(w, w2)
        text = read(art).decode()
        assert "Microsoft" in text
        open(art, "w").write(text.replace("Microsoft", "Microsoft France", 1))
        r = pont("merge", w2, "-o", out)
        assert r.rc == 0 and "changed since the work file was prepared" in r.errtext
        r = pont("merge", "--source", art, w2, "-o", os.path.join(d, "x.txt"))
        assert r.rc == 3 and re.search(r"w2\.xlf:\d+:\d+: error: unit u[0-9a-f-]+ is no longer in", r.errtext), r.errtext
        assert not os.path.exists(os.path.join(d, "x.txt"))
        # malformed XLIFF, another format, a missing file
        bad = os.path.join(d, "bad.xlf")
        s = read(w2).decode()
        open(bad, "w").write(s[:len(s) // 2])
        r = pont("merge", bad)
        assert r.rc == 3 and re.match(r"pont: .*bad\.xlf:\d+:\d+: error: not well-formed XML", r.errtext), r.errtext
        open(bad, "w").write('<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"/>')
        r = pont("merge", bad)
        assert r.rc == 3 and "not an XLIFF 2 file" in r.errtext
        # a code inside <data> (it would name data while that data is read): an error, not a crash
        s = read(w2).decode()
        assert "<originalData>" not in s and "<segment" in s
        s = s.replace("<segment", '<originalData><data id="d1">x<ph id="p" dataRef="d1"/></data></originalData><segment', 1)
        open(bad, "w").write(s)
        r = pont("merge", bad)
        assert r.rc == 3 and re.search(r"bad\.xlf:\d+:\d+: error: \[xliff-element\] unexpected <ph> in <data>", r.errtext), r.errtext
        assert pont("merge", os.path.join(d, "nope.xlf")).rc == 4
        # an XLIFF 2 file pont did not make
        suite = corpus("xliff", "oasis-2.1-suite", "core", "valid")
        some = sorted(f for f in os.listdir(suite) if f.endswith(".xlf"))[0]
        r = pont("merge", os.path.join(suite, some))
        assert r.rc == 3 and "not a work file made by pont" in r.errtext, r.errtext


def test_reads_other_tools_inline_codes():
    """Targets written with <pc>, <sc>/<ec> and <cp> by other tools come back as markup."""
    md = "Un **mot** et un [lien](https://exemple.fr).\n"
    with tempfile.TemporaryDirectory() as d:
        a, w, w2 = (os.path.join(d, n) for n in ("a.md", "w.xlf", "w2.xlf"))
        open(a, "w").write(md)
        assert pont("prepare", "--no-glossary", a, "-o", w).rc == 0
        x = read(w).decode()
        ids = re.findall(r'<data id="(d\d+)">', x)
        assert len(ids) == 4, x
        tgt = (f'A <pc id="1" dataRefStart="{ids[0]}" dataRefEnd="{ids[1]}">word</pc> and a '
               f'<sc id="2" dataRef="{ids[2]}"/>link<ec startRef="2" dataRef="{ids[3]}"/><cp hex="0021"/>')
        x = x.replace("</source></segment>", f"</source><target>{tgt}</target></segment>")
        open(w2, "w").write(x)
        r = pont("merge", "--keep-typography", w2)
        assert r.rc == 0 and r.text == "A **word** and a [link](https://exemple.fr)!\n", r.text


def test_xliff12_for_translate_toolkit():
    """The same work file as XLIFF 1.2 (--xliff 1.2): translate-toolkit reads it, a translation
    made through its API merges back, and the round trip is exact."""
    code = r'''
import sys
from translate.storage import xliff
f = xliff.xlifffile.parsefile(sys.argv[1])
units = [u for u in f.units if u.istranslatable() and u.source.strip()]
for u in units:
    u.rich_target = u.rich_source
with open(sys.argv[2], "wb") as out:
    f.serialize(out)
print(len(units))
'''
    with tempfile.TemporaryDirectory() as d:
        for path, fmt in [(SAMPLES[1], "text"), (MARKDOWN, "markdown")]:
            w, w2, m = (os.path.join(d, n) for n in ("w.xlf", "w2.xlf", "m.txt"))
            r = pont("prepare", "--xliff", "1.2", "--input", fmt, path, "-o", w)
            assert r.rc == 0, r.errtext
            nseg = len(re.findall(r'<trans-unit id="[^"]+-s\d+"', read(w).decode()))
            p = subprocess.run(["/usr/bin/python3", "-c", code, w, w2], capture_output=True, text=True)
            assert p.returncode == 0, p.stderr
            assert int(p.stdout) == nseg, (p.stdout, nseg)
            r = pont("merge", "--keep-typography", w2, "-o", m)
            assert r.rc == 0, r.errtext
            assert read(m) == read(path), f"{path}: through translate-toolkit and back, the text changed"
        # xliff2po sees every sentence
        po = os.path.join(d, "w.po")
        p = subprocess.run(["xliff2po", w, po], capture_output=True, text=True)
        assert p.returncode == 0 and read(po).decode().count("\nmsgid ") >= nseg, p.stderr
