"""Segmentation quality on the French gold data of the shared corpus, with the figures printed.

Thresholds are what pont reaches now, kept as floors: a change that makes segmentation worse
fails here. Known failures of the rule sets are listed in tests/data/segmentation-known.tsv
with a reason; a listed case that starts passing is reported so the list can shrink.
"""
import csv
import re
import json
import os
import tempfile

from pontt import DATA, corpus, pont, say

# Floors, measured with `make test` (see README, "Quality"). Two figures per set:
# - "punctuated": boundaries after a gold sentence that ends with . ! ? or … (closing quotes or
#   brackets allowed), i.e. the boundaries a reader can see once sentences are run together;
# - "all": every join, including sentences that end with ";" or ":" or with no punctuation at all
#   (headings, list items, table cells in the EMEA part of Sequoia), which no punctuation-based
#   segmenter can find once the line structure is removed.
UD_F1_FLOOR = {"fr_gsd-ud-dev": (0.985, 0.975), "fr_sequoia-ud-dev": (0.98, 0.89)}
FINAL = re.compile(r"[.!?…][\"»”’')\]]*$")
EN_GOLDEN_FLOOR = 33          # of 48 English golden rules (lists, quotes, ellipses: see README)


def known():
    out = {}
    with open(os.path.join(DATA, "segmentation-known.tsv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and not row[0].startswith("#"):
                out[row[0]] = row[1]
    return out


def segments_of(text, lang="fr"):
    """Sentences of text taken as one document, plain text."""
    r = pont("segment", "--format", "json", "--lang", lang, "--paragraphs", "blank",
             stdin=text.encode("utf-8"))
    assert r.rc == 0, r.errtext
    data = r.json()["files"][0]
    raw = text.encode("utf-8")
    return [raw[s["start"]:s["end"]].decode("utf-8") for s in data["segments"]]


def boundary_scores(name):
    path = corpus("segmentation", "ud-french-dev", name + ".sentences.tsv")
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t", 1) for line in f][1:]
    sents = [r[1].strip() for r in rows if len(r) == 2 and r[1].strip()]
    # documents of 10 consecutive gold sentences, one per line: the joins are the gold boundaries
    lines, gold, seen = [], set(), set()
    off = 0
    for i in range(0, len(sents), 10):
        group = sents[i:i + 10]
        line = ""
        for k, s in enumerate(group):
            if k:
                line += " "
            line += s
            if k < len(group) - 1:
                gold.add(off + len(line.encode("utf-8")))
                if FINAL.search(s):
                    seen.add(off + len(line.encode("utf-8")))
        lines.append(line)
        off += len(line.encode("utf-8")) + 1
    text = "\n".join(lines) + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        r = pont("segment", "--format", "json", "--paragraphs", "lines", f.name)
    finally:
        os.unlink(f.name)
    assert r.rc == 0, r.errtext
    segs = r.json()["files"][0]["segments"]
    pred = set()
    for a, b in zip(segs, segs[1:]):
        if a["paragraph"] == b["paragraph"]:
            pred.add(a["end"])
    return len(sents), prf(pred, gold), prf(pred & (seen | (pred - gold)), seen)


def prf(pred, gold):
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def test_ud_french_dev_boundaries():
    bad = []
    for name, (floor_punct, floor_all) in UD_F1_FLOOR.items():
        n, (p, r, f1), (pp, pr, pf1) = boundary_scores(name)
        say(f"{name}: {n} sentences; punctuated boundaries P {pp:.4f} R {pr:.4f} F1 {pf1:.4f} "
            f"(floor {floor_punct}); all boundaries P {p:.4f} R {r:.4f} F1 {f1:.4f} (floor {floor_all})")
        if pf1 < floor_punct or f1 < floor_all:
            bad.append(name)
    assert not bad, f"below the floor: {bad}"


def run_cases(path, lang, kn):
    passed, failed, listed_ok = [], [], []
    with open(path, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    for c in cases:
        got = segments_of(c["text"], lang)
        if "expected" in c:
            ok = [g.strip() for g in got] == [e.strip() for e in c["expected"]]
        else:
            ok = len(got) == c["expected_count"]
        if ok:
            passed.append(c["id"])
            if c["id"] in kn:
                listed_ok.append(c["id"])
        else:
            failed.append((c["id"], got))
    return cases, passed, failed, listed_ok


def check_french(path):
    kn = known()
    cases, passed, failed, listed_ok = run_cases(path, "fr", kn)
    unexplained = [(i, g) for i, g in failed if i not in kn]
    say(f"{os.path.basename(path)}: {len(passed)}/{len(cases)} pass; "
        f"{len(failed) - len(unexplained)} listed as known failures")
    for i in listed_ok:
        say(f"  {i} now passes: remove it from segmentation-known.tsv")
    assert not unexplained, f"failures without a listed reason: {unexplained}"


def test_pysbd_french_golden_rules():
    check_french(corpus("segmentation", "pysbd-golden-rules", "golden_fr.jsonl"))


def test_languagetool_french_cases():
    check_french(corpus("segmentation", "languagetool", "french_sentence_tokenizer_cases.jsonl"))


def test_english_golden_rules():
    cases, passed, failed, _ = run_cases(corpus("segmentation", "pysbd-golden-rules", "golden_en.jsonl"),
                                         "en", {})
    say(f"golden_en.jsonl: {len(passed)}/{len(cases)} English golden rules pass (floor {EN_GOLDEN_FLOOR})")
    assert len(passed) >= EN_GOLDEN_FLOOR, f"failed: {[i for i, _ in failed]}"
