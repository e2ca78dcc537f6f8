"""How strictly `pont check` holds a glossary's concepts (enforcement: required, recommended,
reference; when/unless context; a project's concepts), what is not terminology (names, titles,
a term kept as is), English as it is written (US and GB spellings, words the source has), and
suppressions that hold whatever the input mode."""
import json
import os
import re
import tempfile

from pontt import DATA, ROOT, pont, read, say

GLOSSARY = """concept\tenforcement\tconcept_project\tlang\tterms\tstatuses
on-call\trequired\t\tfr\tastreinte\tpreferred
on-call\t\t\ten\ton-call duty | on call\tpreferred | admitted
server\trecommended\t\tfr\tserveur\tpreferred
server\t\t\ten\tserver\tpreferred
career\treference\t\tfr\tparcours\tpreferred
career\t\t\ten\tcareer path\tpreferred
cdi\trequired\t\tfr\tCDI\tpreferred
cdi\t\t\ten\tpermanent contract | CDI\tpreferred | forbidden
network\trecommended unless réseau social | son réseau\t\tfr\tréseau\tpreferred
network\t\t\ten\tnetwork\tpreferred
prod\trecommended when logiciel* | serveur*\t\tfr\tproduction\tpreferred
prod\t\t\ten\tproduction environment\tpreferred
acme\trequired\tacme\tfr\tguichet\tpreferred
acme\t\t\ten\tservice desk\tpreferred
"""


def check(d, fr, en, *extra):
    g = os.path.join(d, "g.tsv")
    open(g, "w").write(GLOSSARY)
    a, b = os.path.join(d, "a.fr.txt"), os.path.join(d, "a.en.txt")
    open(a, "w").write(fr)
    open(b, "w").write(en)
    r = pont("check", "--format", "json", "-g", g, "--source", a, "--target", b, *extra)
    assert r.rc in (0, 1), r.errtext
    return r.json()["findings"]


def test_enforcement_levels():
    with tempfile.TemporaryDirectory() as d:
        got = check(d, "Je fais de l’astreinte.\n\nLe serveur est lent.\n\nMon parcours est simple.\n",
                    "I do night shifts.\n\nThe machine is slow.\n\nMy journey is simple.\n")
        by = {f["line"]: f for f in got if f["id"] == "term-missing"}
        assert by[1]["severity"] == "error" and "required" in by[1]["why"], by
        assert by[3]["severity"] == "warning" and "recommended" in by[3]["why"], by
        assert 5 not in by, "a reference concept is never a finding"
        # the HTML report says why, beside the message
        g = os.path.join(d, "g.tsv")
        r = pont("check", "--format", "html", "-g", g, "--source", os.path.join(d, "a.fr.txt"), "--target",
                 os.path.join(d, "a.en.txt"))
        assert '<span class="why">(required: the glossary enforces on-call as &quot;required&quot;)' in r.text or \
            '<span class="why">(required: the glossary enforces on-call as "required")' in r.text, r.text[-3000:]
        # forbidden renderings are checked whatever the level
        got = check(d, "Il a signé un CDI.\n", "He signed a CDI.\n")
        assert [f["id"] for f in got] == ["term-forbidden"], got


def test_context_selects_the_sense():
    with tempfile.TemporaryDirectory() as d:
        got = check(d, "Il en a parlé à son réseau.\n\nLe réseau du bureau est en panne.\n",
                    "He told his friends about it.\n\nThe office LAN is down.\n")
        lines = [f["line"] for f in got if f["id"] == "term-missing"]
        assert lines == [3], got          # "unless son réseau"
        got = check(d, "La production du film a pris un an.\n\nLe serveur de production est tombé.\n",
                    "Making the film took a year.\n\nThe live server went down.\n")
        lines = [f["line"] for f in got if f["id"] == "term-missing"]
        assert lines == [3], got          # "when serveur*"


def test_project_restricts_concepts():
    with tempfile.TemporaryDirectory() as d:
        fr, en = "Appelez le guichet.\n", "Call the help line.\n"
        assert [f["id"] for f in check(d, fr, en)] == ["term-missing"]
        assert [f["id"] for f in check(d, fr, en, "--project", "acme")] == ["term-missing"]
        assert check(d, fr, en, "--project", "other") == []


def test_names_titles_and_terms_kept_are_not_terminology():
    with tempfile.TemporaryDirectory() as d:
        # a series title in quotes, capitalised mid-sentence, kept in French
        got = check(d, "Bienvenue dans « Parcours », notre série.\n\nLe Parcours est une émission.\n",
                    "Welcome to “Parcours”, our series.\n\nThe Parcours show is weekly.\n")
        assert got == [], got
        got = check(d, "Nous parlons d’astreinte.\n", "We talk about astreinte, on-call duty.\n")
        assert got == [], got
        # a term quoted in lower case is the term: enforced
        got = check(d, "Le mot « astreinte » fait peur.\n", "The word “duty” is scary.\n")
        assert [f["id"] for f in got] == ["term-missing"], got
        # text in capitals: « SI » is a word, not an acronym of the glossary
        got = check(d, "NE L'ACTIVEZ QUE SI VOUS SAVEZ.\n", "DO NOT ENABLE IT UNLESS YOU KNOW.\n", "--no-glossary")
        assert got == [], got


def test_enforcement_round_trips_and_validates():
    with tempfile.TemporaryDirectory() as d:
        g = os.path.join(d, "g.tsv")
        open(g, "w").write(GLOSSARY)
        want = {}
        for line in GLOSSARY.splitlines()[1:]:
            c, e, p = line.split("\t")[:3]
            if e:
                want[c] = (e, p)
        for fmt in ("tbx", "tbx2008", "csv"):
            out = os.path.join(d, f"g.{fmt}")
            r = pont("glossary", "convert", "--to", fmt, g, out)
            assert r.rc == 0, r.errtext
            v = pont("glossary", "validate", "-g", out)
            assert v.rc == 0, (fmt, v.text, v.errtext)
            back = os.path.join(d, f"back-{fmt}.tsv")
            assert pont("glossary", "convert", "--to", "tsv", out, back).rc == 0
            rows = [l.split("\t") for l in read(back).decode().splitlines()]
            head = rows[0]
            got = {}
            for row in rows[1:]:
                x = dict(zip(head, row))
                if x["enforcement"]:
                    got[x["concept"]] = (x["enforcement"], x["concept_project"])
            assert got == want, (fmt, got)
        text = read(os.path.join(d, "g.tbx")).decode()
        assert '<admin type="enforcement">recommended unless réseau social | son réseau</admin>' in text
        assert '<admin type="projectSubset">acme</admin>' in text
        assert "<martif" in read(os.path.join(d, "g.tbx2008")).decode()
        # a value pont cannot read is an error of validate, located
        bad = os.path.join(d, "bad.tsv")
        open(bad, "w").write("concept\tenforcement\tlang\tterms\nx\tstrict\tfr\tserveur\n")
        r = pont("glossary", "validate", "-g", bad)
        assert r.rc == 1 and re.search(r"bad\.tsv:2:1: error: \[enforcement\] 'strict' is not an enforcement level",
                                       r.text), r.text


def test_shipped_glossary_enforces_jargon_only():
    g = os.path.join(ROOT, "glossaries", "it-careers.tbx")
    r = pont("terms", "-g", g, "--format", "json",
             stdin="Ops, SRE, DSI, CDI, astreinte, mise en production ; parcours, compétences, informatique, "
                   "formation, développement, site.\n".encode())
    occ = {o["text"]: o.get("enforcement", "") for o in r.json()["files"][0]["occurrences"]}
    for w in ("Ops", "SRE", "DSI", "CDI", "astreinte", "mise en production"):
        assert occ[w].startswith("required"), (w, occ[w])
    for w in ("parcours", "compétences", "informatique", "formation", "développement", "site"):
        assert occ[w].startswith("reference"), (w, occ[w])


def test_english_as_it_is_written():
    with tempfile.TemporaryDirectory() as d:
        fr = "La couleur du comportement de Stéph et kubectl.\n\nLes keystores sont mal configurés.\n"
        en = "The colour of Stéph's behaviour and kubectl.\n\nThe keystores are misconfigured.\n"
        assert check(d, fr, en, "--no-glossary") == []          # en: US and GB both accepted
        got = check(d, fr, en, "--no-glossary", "--target-lang", "en-US")
        assert sorted((f["id"], f["severity"]) for f in got) == [("spelling-variant", "warning")] * 2, got
        assert "behavior" in " ".join(f["message"] for f in got)
        got = check(d, fr, "The color of Stéph's behaviour and kubectl.\n\nThe keystores are misconfigured.\n",
                    "--no-glossary")
        # a text that mixes both: the less used one, as info
        assert [(f["id"], f["severity"]) for f in got] == [("spelling-variant", "info")], got
        got = check(d, fr, en, "--no-glossary", "--target-lang", "en-GB")
        assert got == [], got


def test_spelling_flags_per_thousand_words():
    """pont's English word list and compounds, measured on the English texts of the shared corpus:
    the flags of `pont spell --lang en` per 1 000 words, against the floor reached."""
    from pontt import corpus
    files = [corpus("parallel", f"{n}.en.txt") for n in ("aptitude-doc", "debian-edu-bookworm", "debian-faq",
                                                          "maint-guide")]
    words = flagged = 0
    for f in files:
        r = pont("spell", "--lang", "en", "--stats", "--list", f)
        m = re.search(r"spell: (\d+) words, \d+ checked, (\d+) flagged", r.errtext)
        words += int(m.group(1))
        flagged += int(m.group(2))
    rate = 1000 * flagged / words
    say(f"pont spell --lang en on {words} words of the parallel corpus: {flagged} flagged, {rate:.2f} per 1 000")
    assert rate < 7.0


def test_suppressions_hold_across_modes():
    """A finding accepted in one mode (an article and its edition, or a work file) stays accepted in
    the other: fingerprints depend on the pair's texts and the finding, not on the mode."""
    fr = os.path.join(ROOT, "samples", "lucas-ops-microsoft.fr.txt")
    with tempfile.TemporaryDirectory() as d:
        en = read(os.path.join(DATA, "lucas-ops-microsoft.en.txt")).decode()
        en = en.replace("Lucas, 32,", "Lucas, 33,").replace("I make sure", "I make surre")
        en = en.replace("to find a permanent contract.", "to find a CDI.")
        bad = os.path.join(d, "bad.en.txt")
        open(bad, "w").write(en)
        tmx, w, ign = (os.path.join(d, n) for n in ("m.tmx", "w.xlf", "accepted"))
        assert pont("align", "-o", tmx, fr, bad).rc == 0
        assert pont("prepare", "--tm", tmx, fr, "-o", w).rc == 0
        pair = pont("check", "--format", "json", "--source", fr, "--target", bad).json()["findings"]
        work = pont("check", "--format", "json", w).json()["findings"]
        assert len(pair) >= 3 and sorted(f["id"] for f in pair) == sorted(f["id"] for f in work), (pair, work)
        assert sorted(f["fingerprint"] for f in pair) == sorted(f["fingerprint"] for f in work)
        for first, then in ((["--source", fr, "--target", bad], [w]), ([w], ["--source", fr, "--target", bad])):
            if os.path.exists(ign):
                os.remove(ign)
            assert pont("check", "--write-ignore", ign, *first).rc == 1
            r = pont("check", "--format", "json", "--ignore", ign, *then)
            assert r.rc == 0 and r.json()["findings"] == [] and r.json()["suppressed"] == len(pair), r.text
