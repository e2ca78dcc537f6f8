"""`pont translate`: machine drafts with the real Apertium engine (French -> Spanish -> English,
Debian packages), glossary terms enforced and checked by pont check's term checks; pluggable
engines and their failures; the translation memory first."""
import json
import os
import re
import stat
import tempfile
import time
import xml.etree.ElementTree as ET

from pontt import ROOT, pont, read, say
from test_xliff import validate

SAMPLE = os.path.join(ROOT, "samples", "lucas-ops-microsoft.fr.txt")
X = {"x": "urn:oasis:names:tc:xliff:document:2.0", "mtc": "urn:oasis:names:tc:xliff:matches:2.0"}


def segments(path):
    root = ET.parse(path).getroot()
    return root, [(s, "".join(s.find("x:source", X).itertext()),
                   "".join(s.find("x:target", X).itertext()) if s.find("x:target", X) is not None else None)
                  for s in root.iterfind(".//x:segment", X)]


def term_findings(xlf):
    r = pont("check", "--format", "json", "--disable", "all", "--enable", "term-missing", "--enable",
             "term-forbidden", xlf)
    assert r.rc in (0, 1), r.errtext
    return [f for f in r.json()["findings"]]


def script(d, name, body):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    return path


def test_apertium_draft_has_the_glossary_terms():
    """The default engine on the sample interview: every glossary term of the source appears in
    the draft with its preferred English (pont check's term checks find nothing; and each
    preferred term listed by pont terms is in its segment's target)."""
    with tempfile.TemporaryDirectory() as d:
        xlf = os.path.join(d, "draft.xlf")
        r = pont("translate", SAMPLE, "-o", xlf)
        assert r.rc == 0, r.errtext
        assert re.search(r"91 sentences: 0 from the translation memory, 91 machine drafts \(Apertium", r.errtext), r.errtext
        assert "unknown to the engine (glossary candidates?)" in r.errtext
        rc, msg = validate(xlf)
        assert rc == 0, msg
        root, segs = segments(xlf)
        assert segs and all(s.get("state") == "initial" and t for s, _, t in segs)
        assert not [t for _, _, t in segs if re.search(r"(^|\W)[*#@]\w", t)], "Apertium's marks left in"
        assert not [t for _, _, t in segs if re.search(r"\bPONT\d", t)], "placeholders left in"
        origins = {m.get("origin") for m in root.iterfind(".//mtc:match", X) if m.get("type") == "mt"}
        assert len(origins) == 1 and "Apertium" in origins.pop()
        found = term_findings(xlf)
        assert found == [], found[:5]
        # the same, independently: pont terms gives each term's preferred English
        terms = pont("terms", "--format", "json", SAMPLE).json()["files"][0]["occurrences"]
        assert len(terms) >= 60
        spans = pont("segment", "--format", "json", SAMPLE).json()["files"][0]["segments"]
        assert len(spans) == len(segs)	# the work file's segments are the segmenter's sentences
        missing, n = [], 0
        for occ in terms:
            pref = [e["term"] for e in occ["english"] if e["status"] == "preferred"]
            k = next((i for i, sp in enumerate(spans) if sp["start"] <= occ["start"] < sp["end"]), None)
            if not pref or k is None:
                continue
            n += 1
            target = segs[k][2]
            if not any(p.lower() in target.lower() for p in pref):
                missing.append((occ["text"], pref, target[:80]))
        say(f"Apertium draft: {len(segs)} segments; {n} term occurrences with a preferred English, "
            f"{n - len(missing)} present in the draft; pont check term findings: {len(found)}")
        assert n >= 50 and not missing, missing[:5]
        # the checks can fail: a draft made without the glossary misses terms
        plain = os.path.join(d, "plain.xlf")
        assert pont("translate", "--no-glossary", SAMPLE, "-o", plain).rc == 0
        lost = term_findings(plain)
        say(f"without the glossary: {len(lost)} term findings")
        assert len(lost) >= 10


def test_apertium_edition_text():
    """-o ending in .txt: the English edition, structure kept, English typography."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "draft.en.txt")
        r = pont("translate", SAMPLE, "-o", out)
        assert r.rc == 0, r.errtext
        fr, en = read(SAMPLE).decode().split("\n"), read(out).decode().split("\n")
        assert len(fr) == len(en)
        for a, b in zip(fr, en):
            m = re.match(r"(\w+) : ", a)
            if m:
                assert b.startswith(m.group(1) + ": "), b[:40]
        assert " ?" not in read(out).decode() and "«" not in read(out).decode()


def test_engine_cmd_batches_and_tm_first():
    """Any command as the engine, in batches; an exact memory match is used and not sent."""
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, "calls")
        eng = script(d, "engine.sh", f'echo call >> "{log}"\ntee -a "{log}.lines" | sed "s/^/EN: /"\n')
        mem = os.path.join(d, "m.tsv")
        with open(mem, "w") as f:
            f.write("fr\ten\nUn mot pour la fin ?\tAny last words?\n")
        xlf = os.path.join(d, "w.xlf")
        r = pont("translate", "--engine-cmd", eng, "--batch", "20", "--tm", mem, SAMPLE, "-o", xlf)
        assert r.rc == 0, r.errtext
        calls = read(log).decode().count("call")
        sent = read(log + ".lines").decode().splitlines()
        assert calls == 5 and len(sent) == 90, (calls, len(sent))	# 91 sentences, one from the memory
        assert "Un mot pour la fin ?" not in sent
        _, segs = segments(xlf)
        done = [s for s, src, t in segs if src == "Un mot pour la fin ?"]
        assert done and done[0].get("state") == "translated"
        drafts = [t for s, _, t in segs if s.get("state") == "initial"]
        assert len(drafts) == 90 and all(t.startswith("EN: ") for t in drafts)
        # placeholders went out and the English terms came back
        assert any(re.search(r"\bPONT\d+\b", s) for s in sent)
        assert not any("PONT" in t for t in drafts)
        say(f"engine command: {calls} batches of at most 20, {len(sent)} segments sent, 1 from the memory")


def test_term_that_did_not_land_is_marked():
    with tempfile.TemporaryDirectory() as d:
        eng = script(d, "lose.sh", 'sed "s/PONT[0-9]*//g"\n')
        xlf = os.path.join(d, "w.xlf")
        r = pont("translate", "--engine-cmd", eng, SAMPLE, "-o", xlf)
        assert r.rc == 0, r.errtext
        m = re.search(r"(\d+) marked for review", r.errtext)
        assert m and int(m.group(1)) >= 20, r.errtext
        notes = [n.text for n in ET.parse(xlf).getroot().iterfind(".//x:note", X)
                 if n.get("category") == "pont-mt" and n.get("priority") == "1"]
        assert len(notes) >= 20 and all("[term-missing]" in n or "protected span" in n for n in notes)


def test_failing_engines():
    """Exit status, a hang, the wrong number of lines: a clear error, and no output file."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "draft.xlf")
        cases = [
            ("exit 3", 'echo "model not found" >&2\nexit 3\n', 4, r"engine failed \(exit status 3\): model not found"),
            ("wrong count", "head -n 2\n", 3, r"returned 2 lines for 91 segments"),
            ("extra lines", 'sed "p"\n', 3, r"returned 182 lines for 91 segments"),
            ("no stdin read", 'echo one\n', 3, r"returned 1 lines for 91 segments"),
        ]
        for name, body, code, pattern in cases:
            eng = script(d, "e.sh", body)
            r = pont("translate", "--engine-cmd", eng, SAMPLE, "-o", out)
            assert r.rc == code and re.search(pattern, r.errtext), (name, r.rc, r.errtext)
            assert r.errtext.startswith("pont: error: ") and not os.path.exists(out), name
        eng = script(d, "hang.sh", "sleep 60\n")
        t0 = time.time()
        r = pont("translate", "--engine-cmd", eng, "--timeout", "1", SAMPLE, "-o", out)
        assert r.rc == 4 and "did not answer within 1 s" in r.errtext and not os.path.exists(out), r.errtext
        assert time.time() - t0 < 30	# stopped, not waited for (a sanity bound, not a speed test)
        assert pont("translate", "--engine", "nope", SAMPLE).rc == 2
        assert pont("translate", "--batch", "0", SAMPLE).rc == 2
        assert pont("translate", SAMPLE, SAMPLE).rc == 2


def test_markdown_markup_survives():
    """Code, links and emphasis are protected and come back hugging their words."""
    with tempfile.TemporaryDirectory() as d:
        art = os.path.join(d, "a.fr.md")
        with open(art, "w", encoding="utf-8") as f:
            f.write("# Le métier d'Ops\n\n**Kate :** Tu utilises `kubectl` tous les jours ?\n\n"
                    "**Lucas :** Oui, je gère l'*infra* avec les SRE. Voir [la doc](https://example.org/doc) "
                    "pour le détail.\n")
        out = os.path.join(d, "a.en.md")
        r = pont("translate", "-g", os.path.join(ROOT, "glossaries", "it-careers.tbx"), art, "-o", out)
        assert r.rc == 0, r.errtext
        en = read(out).decode()
        say("Markdown draft: " + en.replace("\n", " / ")[:200])
        assert en.startswith("# ") and "**Kate:** " in en and "**Lucas:** " in en
        assert "`kubectl`" in en
        assert re.search(r"\*infrastructure\*", en), en
        assert re.search(r"\[\S[^\]]*\S\]\(https://example\.org/doc\)", en), en
        assert "PONT" not in en
