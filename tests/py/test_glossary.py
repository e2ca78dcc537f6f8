"""TBX glossaries: every corpus file loads or fails cleanly, validate agrees with the good/bad
labels of the TBX test files, dialects agree with each other, entities are refused."""
import os
import re
import tempfile
import unicodedata

from pontt import DATA, corpus, pont

MINI = os.path.join(DATA, "mini-it.tbx")
DIAG = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): \[(?P<id>[\w-]+)\] .+$")


def tbx_files():
    out = []
    for d, _, files in os.walk(corpus("tbx")):
        out += [os.path.join(d, f) for f in files if f.endswith(".tbx")]
    assert len(out) >= 30, len(out)
    return sorted(out)


def label(path):
    name = os.path.basename(path)
    if "poorly_formed" in name or "notwellformed" in name:
        return "malformed"
    if "_bad" in name:
        return "bad"
    if "_good" in name or "VALID" in name or name == "TBX-basic-sample.tbx":
        return "good"
    return None


def test_validate_agrees_with_labels():
    checked = 0
    for p in tbx_files():
        want = label(p)
        r = pont("glossary", "validate", p)
        if want == "good":
            assert r.rc == 0, f"{p}: exit {r.rc}\n{r.text}{r.errtext}"
            assert "error" not in r.text and re.search(r": valid TBX", r.text), r.text
        elif want == "bad":
            assert r.rc == 1, f"{p}: exit {r.rc}"
            lines = [l for l in r.text.splitlines() if l]
            assert lines and all(DIAG.match(l) for l in lines), r.text
            assert any(DIAG.match(l).group("sev") == "error" for l in lines)
        elif want == "malformed":
            assert r.rc == 3, f"{p}: exit {r.rc}"
            assert re.match(r"^pont: .+:\d+:\d+: error: ", r.errtext) and r.errtext.count("\n") == 1, r.errtext
        else:
            assert r.rc in (0, 1, 3), f"{p}: exit {r.rc}"
        if want:
            checked += 1
    assert checked >= 15, checked


def test_expected_errors_are_found():
    # the errors each test file announces in its leading comment
    want = {
        ("ltac-tbx-test-files", "basic_bad.tbx"): ["'source' at concept level", "'definition' is not allowed at term level",
                                                  "'nominal' is not a value of 'partOfSpeech'",
                                                  "'wrongType' is not part", "'theWrongType' is not part"],
        ("ltac-tbx-test-files", "core_structure_bad.tbx"): ["must be inside <p>", "may not be a child of <text>",
                                                           "<term> must come first", "<admin> without a type",
                                                           "more than one <term>", "only one description"],
        ("ltac-tbx-test-files", "min_bad.tbx"): ["'source' is not part of TBX-Min", "is not a value of 'usageStatus'",
                                                "<xref> is not part of TBX-Min"],
        ("byutrg-tbx-basic-package", "tbx_basic_sample_badattribute.tbx"): ["'origin' is not part", "'pos' is not part"],
        ("byutrg-tbx-basic-package", "tbx_basic_sample_badelement.tbx"): ["unknown element <transaction>", "unknown element <comment>"],
        ("byutrg-tbx-basic-package", "tbx_basic_sample_badelementcontent.tbx"): ["'preposition' is not a value",
                                                                                "'deletion' is not a value"],
        ("byutrg-tbx-basic-package", "tbx_basic_sample_badelementorder.tbx"): ["a term note must come before",
                                                                              "<term> outside a term section"],
        ("byutrg-tbx-basic-package", "tbx_basic_sample_badtargetattribute_value.tbx"): ["'C://Path/to/wikipedia'", "'wikipedia.org'"],
    }
    for (d, f), msgs in want.items():
        r = pont("glossary", "validate", corpus("tbx", d, f))
        for m in msgs:
            assert m in r.text, f"{f}: {m!r} not reported:\n{r.text}"


def listing(path, *args):
    r = pont("glossary", "list", "--format", "tsv", "-g", path, *args)
    assert r.rc == 0, r.errtext
    return sorted(r.text.splitlines()[1:])


def test_dca_and_dct_agree():
    for dialect in ("tbx-basic", "tbx-min"):
        dca = listing(corpus("tbx", "ltac-dialect-examples", dialect + "-dca", "Example_Astronomy_DCA_VALID.tbx"))
        dct = listing(corpus("tbx", "ltac-dialect-examples", dialect + "-dct", "Example_Astronomy_DCT_VALID.tbx"))
        assert dca == dct and len(dca) == 113, (dialect, len(dca), len(dct))
        assert any("\tpreferred\t" in l for l in dca) and any("\tdeprecated\t" in l or "\tsuperseded\t" in l for l in dca)


def test_2008_and_v3_agree():
    # the 2008 copy of the sample writes "base de donnees federee" without accents: compare
    # the rest exactly, that one without its accents
    def plain(rows):
        return [unicodedata.normalize("NFKD", r).encode("ascii", "ignore").decode() for r in rows]

    old = listing(corpus("tbx", "byutrg-convert-tbx-basic", "basic_sample.tbx"))
    new = listing(corpus("tbx", "byutrg-tbx-basic-package", "TBX-basic-sample.tbx"))
    assert plain(old) == plain(new) and len(old) == 13, (old, new)
    assert sum(a != b for a, b in zip(old, new)) == 1
    for a, b in (("Good-Basic1.tbx", 129), ("Good-Basic2.tbx", 49)):
        v2 = listing(corpus("tbx", "ltac-converter-tests", "input-tbx2008", a))
        v3 = listing(corpus("tbx", "ltac-converter-tests", "expected-tbx2019", a))
        assert v2 == v3 and len(v2) == b, (a, len(v2), len(v3))


def test_statuses_and_languages():
    rows = listing(corpus("tbx", "weblate", "fr-extended-metadata.tbx"))
    assert "e001\tfr\tobsolete\t\tbus de données" in rows, rows
    mini = listing(MINI, "--lang", "en")
    assert "cdi\ten\tdeprecated\t\tCDI" in mini and "cdi\ten-GB\tadmitted\t\tpermanent employment contract" in mini
    assert all("\tfr\t" not in r for r in mini)
    gb = listing(MINI, "--lang", "en-GB")
    assert [r.split("\t")[4] for r in gb] == ["permanent employment contract", "data centre"], gb
    assert listing(MINI, "--status", "deprecated") == ["cdi\ten\tdeprecated\t\tCDI"]


def test_lookup():
    r = pont("glossary", "lookup", "-g", MINI, "l’infra")
    assert r.rc == 0 and r.text.startswith("infra — infrastructure") and "en     admitted    infra" in r.text, r.text
    assert pont("glossary", "lookup", "-g", MINI, "L'INFRA").text == r.text
    r = pont("glossary", "lookup", "-g", MINI, "--lang", "en", "Data-Center", "--format", "json")
    assert r.rc == 0 and [c["id"] for c in r.json()["concepts"]] == ["datacenter"]
    r = pont("glossary", "lookup", "-g", MINI, "infrastructures")     # inflected: the term matcher
    assert r.rc == 0 and r.text.startswith("infra — infrastructure"), r.text
    r = pont("glossary", "lookup", "-g", MINI, "les centres de données")
    assert r.rc == 0 and r.text.startswith("datacenter"), r.text
    r = pont("glossary", "lookup", "-g", MINI, "infrastructures réseau")       # more than a term
    assert r.rc == 1 and "no term written like" in r.errtext


def test_unknown_encoding_and_non_tbx():
    r = pont("glossary", "validate", corpus("tbx", "okapi-lib-terminology", "test02_win1254.tbx"))
    assert r.rc == 3 and "unknown encoding" in r.errtext and "iconv" in r.errtext
    with tempfile.NamedTemporaryFile("w", suffix=".tbx", delete=False) as f:
        f.write("<?xml version='1.0'?><html><body/></html>")
    try:
        r = pont("glossary", "validate", f.name)
        assert r.rc == 3 and "not a TBX file: the root element is <html>" in r.errtext, r.errtext
    finally:
        os.unlink(f.name)


def test_entities_refused():
    laughs = ("<?xml version='1.0'?><!DOCTYPE tbx [<!ENTITY a 'lol'>"
              + "".join(f"<!ENTITY {chr(98 + i)} '{('&' + chr(97 + i) + ';') * 10}'>" for i in range(8))
              + "]><tbx type='TBX-Core'><text><body><conceptEntry id='c'><langSec xml:lang='en'>"
              "<termSec><term>&i;</term></termSec></langSec></conceptEntry></body></text></tbx>")
    external = ("<?xml version='1.0'?><!DOCTYPE tbx [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                "<tbx type='TBX-Core'><text><body><conceptEntry id='c'><langSec xml:lang='en'>"
                "<termSec><term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>")
    for text, kind in ((laughs, "user-defined"), (external, "external")):
        with tempfile.NamedTemporaryFile("w", suffix=".tbx", delete=False) as f:
            f.write(text)
        try:
            r = pont("glossary", "validate", f.name)
            assert r.rc == 3, r.rc
            assert f"refused: pont reads no {kind} entities" in r.errtext and r.errtext.count("\n") == 1, r.errtext
            assert "root:" not in r.text
        finally:
            os.unlink(f.name)


def test_every_wellformed_file_lists():
    for p in tbx_files():
        r = pont("glossary", "list", "--format", "json", "-g", p)
        if label(p) == "malformed" or "win1254" in p:
            assert r.rc == 3
            continue
        assert r.rc == 0, f"{p}: {r.errtext}"
        terms = r.json()["terms"]
        assert terms and all(t["term"] and t["lang"] for t in terms), p


def test_deep_nesting():
    # a regression found by fuzzing: the element stack grows while a parent is in use
    deep = "<hi>" * 300 + "x" + "</hi>" * 300
    text = ("<?xml version='1.0'?><tbx type='TBX-Core'><text><body><conceptEntry id='c'><langSec xml:lang='en'>"
            f"<termSec><term>t</term><note>{deep}</note></termSec></langSec></conceptEntry></body></text></tbx>")
    with tempfile.NamedTemporaryFile("w", suffix=".tbx", delete=False) as f:
        f.write(text)
    try:
        r = pont("glossary", "list", "--format", "json", "-g", f.name)
        assert r.rc == 0, r.errtext
        assert r.json()["terms"][0]["note"] == "x"
    finally:
        os.unlink(f.name)


def convert(src, dst, *args):
    r = pont("glossary", "convert", *args, src, dst)
    assert r.rc == 0, f"{src} -> {dst}: {r.errtext}"


def test_round_trips_keep_everything():
    # TBX -> CSV -> TBX, TBX -> TBX 2008 -> CSV, TBX -> TSV -> CSV: the spreadsheet form holds
    # every field, so equal CSV means nothing was lost (concepts, synonyms, statuses, notes...)
    files = [MINI] + [p for p in tbx_files() if label(p) == "good" or "converter" in p or "okapi" in p]
    files = [p for p in files if "win1254" not in p]
    with tempfile.TemporaryDirectory() as d:
        for i, p in enumerate(files):
            base = os.path.join(d, str(i))
            convert(p, base + ".csv")
            convert(base + ".csv", base + ".tbx")
            convert(base + ".tbx", base + "-2.csv")
            convert(p, base + ".2008.tbx", "--to", "tbx2008")
            convert(base + ".2008.tbx", base + "-3.csv")
            convert(p, base + ".tsv")
            convert(base + ".tsv", base + "-4.csv")
            first = open(base + ".csv", encoding="utf-8").read()
            for other in ("-2.csv", "-3.csv", "-4.csv"):
                assert open(base + other, encoding="utf-8").read() == first, f"{p}: {other} differs"
            rows = first.count("\n") - 1
            assert rows >= 1, p
            # what pont writes, pont validates
            for out in (base + ".tbx", base + ".2008.tbx"):
                r = pont("glossary", "validate", out)
                assert r.rc == 0, f"{p} -> {out}:\n{r.text}"
    assert len(files) >= 15


def test_table_errors():
    with tempfile.TemporaryDirectory() as d:
        bad = os.path.join(d, "bad.csv")
        with open(bad, "w") as f:
            f.write("concept,lang,terms,statuses\n"
                    "c1,fr,infra | infrastructure,admitted | favourite\n"
                    ",,orphan,\n"
                    "c2,en,a,preferred | admitted\n"
                    "c1,en,again,\n")
        r = pont("glossary", "validate", bad)
        assert r.rc == 1
        assert f"{bad}:2:1: error: [table-status] unknown status 'favourite'" in r.text, r.text
        assert f"{bad}:3:1: error: [table-lang]" in r.text
        assert f"{bad}:4:1: error: [table-values] column statuses has 2 values for 1 terms" in r.text
        assert f"{bad}:5:1: error: [table-concept] concept 'c1' appears again" in r.text
        with open(bad, "w") as f:
            f.write("id,language,term\nc1,fr,x\n")
        r = pont("glossary", "validate", bad)
        assert r.rc == 3 and "unknown column 'id'" in r.errtext


IT = os.path.join(os.path.dirname(DATA), "..", "glossaries", "it-careers.tbx")


def test_it_careers_glossary():
    r = pont("glossary", "validate", IT)
    assert r.rc == 0 and "valid TBX-Basic" in r.text, r.text
    terms = pont("glossary", "list", "--format", "json", "-g", IT).json()["terms"]
    concepts = {}
    for t in terms:
        concepts.setdefault(t["concept"], []).append(t)
    assert len(concepts) >= 120, len(concepts)
    for cid, ts in concepts.items():
        langs = {t["lang"].split("-")[0] for t in ts}
        assert {"fr", "en"} <= langs, cid
        assert ts[0]["definition"], f"{cid}: no definition"
        assert all(t["status"] for t in ts), f"{cid}: a term without status"
        assert any(t["status"] == "preferred" and t["lang"].startswith("en") for t in ts), f"{cid}: no preferred English term"
    # what the sample interviews need, and the notes for concepts English has no equivalent of
    for word in ("Ops", "SRE", "DevOps", "dev", "CDI", "DSI", "infra", "CTO", "data center", "datacenter",
                 "bac L", "alternance", "reconversion", "astreinte", "24h/7j", "mise en production",
                 "syndrome de l’imposteur", "soft skills", "montée en compétences", "bienveillance",
                 "base de données", "cloud", "hébergement", "technicien support", "lead", "R&D", "start-up",
                 "Master", "stage", "freelance", "platform engineering", "administrateur système"):
        r = pont("glossary", "lookup", "-g", IT, "--lang", "fr", word)
        assert r.rc == 0, f"{word!r} not in the glossary"
    for word, must in (("CDI", "permanent contract"), ("DSI", "IT department"), ("DSI", "CIO"),
                       ("bac L", "literary baccalaureate")):
        r = pont("glossary", "lookup", "-g", IT, word, "--format", "json")
        cs = r.json()["concepts"]
        assert any(any(t["term"] == must and t["status"] == "preferred" for t in c["terms"]) for c in cs), (word, must)
        assert any(c["note"] for c in cs), f"{word}: no note"
    deprecated_en = [t for t in terms if t["lang"].startswith("en") and t["status"] == "deprecated"]
    assert len(deprecated_en) >= 40, len(deprecated_en)
    with tempfile.TemporaryDirectory() as d:
        convert(IT, os.path.join(d, "a.csv"))
        convert(os.path.join(d, "a.csv"), os.path.join(d, "a.tbx"))
        assert open(os.path.join(d, "a.tbx"), encoding="utf-8").read() == open(IT, encoding="utf-8").read()


def test_nested_term_sections():
    # a regression found by fuzzing: a term section inside another left an empty term behind
    text = ("<?xml version='1.0'?><martif type='TBX'><text><body><termEntry id='c'><langSet xml:lang='en'>"
            "<tig><termSec><term>CDI</term></termSec></tig></langSet></termEntry></body></text></martif>")
    with tempfile.NamedTemporaryFile("w", suffix=".tbx", delete=False) as f:
        f.write(text)
    try:
        r = pont("glossary", "validate", f.name)
        assert r.rc == 1 and "<termSec> inside a term section" in r.text, r.text
        terms = pont("glossary", "list", "--format", "json", "-g", f.name).json()["terms"]
        assert [t["term"] for t in terms] == ["CDI"]
    finally:
        os.unlink(f.name)


def test_duplicate_ids():
    """An id names one element of the file: a concept entry given an id already used is an
    error at its own line, naming the first one (a glossary once had two "codename" entries)."""
    text = open(MINI, encoding="utf-8").read()
    ids = re.findall(r'<conceptEntry id="([^"]+)"', text)
    assert len(ids) >= 2, ids
    twice = text.replace(f'<conceptEntry id="{ids[1]}"', f'<conceptEntry id="{ids[0]}"', 1)
    first = text[:text.index(f'<conceptEntry id="{ids[0]}"')].count("\n") + 1
    second = twice[:twice.index(f'<conceptEntry id="{ids[0]}"', twice.index(f'<conceptEntry id="{ids[0]}"') + 1)].count("\n") + 1
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "twice.tbx")
        open(path, "w", encoding="utf-8").write(twice)
        r = pont("glossary", "validate", path)
        assert r.rc == 1, (r.rc, r.text)
        diags = [DIAG.match(line) for line in r.text.splitlines() if "tbx-duplicate-id" in line]
        assert len(diags) == 1 and int(diags[0]["line"]) == second, r.text
        assert f"'{ids[0]}' is already used at line {first}" in r.text, r.text
    assert pont("glossary", "validate", MINI).rc == 0
