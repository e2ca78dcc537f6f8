"""`pont align`: two editions of one document into sentence pairs. Paragraph pairs recovered on
the shared corpus's parallel documents with the pairing hidden (and paragraphs dropped on either
side), 1:1 sentence beads against a hand-aligned sample, TMX -> memory -> prepare, errors,
bounded memory on a long document."""
import os
import random
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET

from pontt import DATA, PONT, ROOT, corpus, pont, read, say

DOCS = ["debian-faq", "maint-guide", "aptitude-doc", "debian-edu-bookworm"]


def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")[:-1]


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")


def tsv_rows(text):
    rows = text.splitlines()
    assert rows[0] == "fr\ten\tconfidence\tfr_line\ten_line\tbead", rows[0]
    return [r.split("\t") for r in rows[1:]]


def paragraph_pairs(fr_path, en_path):
    r = pont("align", "--by", "paragraph", "--keep-identical", fr_path, en_path)
    assert r.rc == 0, r.errtext
    return {(int(c[3]), int(c[4])) for c in tsv_rows(r.text) if c[5] == "1:1"}


def perturbed(d, doc, drop, seed):
    """The document's two sides with each paragraph (line) dropped with probability drop, each side
    on its own; returns the paths and the true pairs (French line, English line) that remain."""
    fr, en = lines(corpus("parallel", doc + ".fr.txt")), lines(corpus("parallel", doc + ".en.txt"))
    assert len(fr) == len(en)
    rnd = random.Random(seed)
    kf = [i for i in range(len(fr)) if rnd.random() >= drop]
    ke = [i for i in range(len(en)) if rnd.random() >= drop]
    nf = {o: n + 1 for n, o in enumerate(kf)}
    ne = {o: n + 1 for n, o in enumerate(ke)}
    truth = {(nf[i], ne[i]) for i in kf if i in ne and fr[i].strip() and en[i].strip()}
    fp, ep = os.path.join(d, doc + ".fr.txt"), os.path.join(d, doc + ".en.txt")
    write(fp, [fr[i] for i in kf])
    write(ep, [en[i] for i in ke])
    return fp, ep, truth


def test_paragraph_pairs_recovered():
    """Lines of X.fr.txt and X.en.txt are paragraph pairs (MANIFEST); pont is not told so. With
    nothing dropped, and with 5 % of the paragraphs dropped on each side independently."""
    with tempfile.TemporaryDirectory() as d:
        for doc in DOCS:
            for drop, floor_r, floor_p in ((0.0, 0.98, 0.99), (0.05, 0.92, 0.97)):
                fp, ep, truth = perturbed(d, doc, drop, seed=7)
                got = paragraph_pairs(fp, ep)
                hit = len(truth & got)
                recall, precision = hit / len(truth), hit / max(1, len(got))
                say(f"{doc}, {int(drop * 100)} % dropped: {hit}/{len(truth)} paragraph pairs recovered "
                    f"({recall:.3f}), precision of 1:1 paragraph beads {precision:.3f}")
                assert recall >= floor_r, (doc, drop, recall)
                assert precision >= floor_p, (doc, drop, precision)


def gold_pairs():
    gold, beads = set(), 0
    for line in read(os.path.join(DATA, "align-sample.gold.tsv")).decode().splitlines():
        if line.startswith("#") or line.startswith("para\t"):
            continue
        _, bead, fr, en = line.split("\t")
        beads += 1
        if bead == "1:1":
            gold.add((fr, en))
    return gold, beads


def test_hand_aligned_sentences():
    """Precision and recall of 1:1 sentence beads on 22 paragraphs aligned by hand (aim 0.95)."""
    gold, beads = gold_pairs()
    assert len(gold) >= 50 and beads > len(gold)	# the sample has 1:2 and 2:1 beads too
    r = pont("align", "--keep-identical", os.path.join(DATA, "align-sample.fr.txt"),
             os.path.join(DATA, "align-sample.en.txt"))
    assert r.rc == 0, r.errtext
    got = {(c[0], c[1]) for c in tsv_rows(r.text) if c[5] == "1:1"}
    tp = len(gold & got)
    precision, recall = tp / max(1, len(got)), tp / len(gold)
    say(f"hand-aligned sample: {len(gold)} gold 1:1 beads of {beads}; pont {len(got)}: "
        f"precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.95 and recall >= 0.95, (sorted(got - gold), sorted(gold - got))


def test_interview_turns():
    """The sample interview and its English edition: every turn paired with its turn."""
    fr = os.path.join(ROOT, "samples", "lucas-ops-microsoft.fr.txt")
    en = os.path.join(DATA, "lucas-ops-microsoft.en.txt")
    r = pont("align", "--by", "paragraph", "--keep-identical", fr, en)
    assert r.rc == 0, r.errtext
    rows = tsv_rows(r.text)
    m = re.search(r"in (\d+) and (\d+) paragraphs", r.errtext)
    assert m and m.group(1) == m.group(2) == str(len(rows)), (r.errtext, len(rows))
    assert all(c[5] == "1:1" for c in rows), [c for c in rows if c[5] != "1:1"]
    assert all(c[3] == c[4] for c in rows)	# the edition follows the article line by line
    r = pont("align", fr, en, "-f", "text")
    assert r.rc == 0 and "confidence" in r.text, r.errtext
    say(f"interview: {len(rows)} turns and headings paired one to one")


def test_confidence_and_min_confidence():
    """A paragraph replaced by another text gets a low confidence, is reported with its position,
    and --min-confidence drops it."""
    with tempfile.TemporaryDirectory() as d:
        fr, en = lines(corpus("parallel", "debian-faq.fr.txt"))[:200], lines(corpus("parallel", "debian-faq.en.txt"))[:200]
        k = next(i for i in range(100, 200) if 200 < len(en[i]) < 400 and en[i].count(". ") == 0)
        en[k] = "Meanwhile the weather kept everyone indoors for days, and nobody minded the rain at all."
        fp, ep = os.path.join(d, "f.txt"), os.path.join(d, "e.txt")
        write(fp, fr)
        write(ep, en)
        r = pont("align", "--keep-identical", fp, ep)
        assert r.rc == 0, r.errtext
        rows = tsv_rows(r.text)
        conf = {int(c[3]): float(c[2]) for c in rows if c[5] == "1:1"}
        good = [v for line, v in conf.items() if line != k + 1]
        assert conf.get(k + 1, 0) < 0.5, conf.get(k + 1)
        assert sum(good) / len(good) > 0.85
        assert re.search(rf"f\.txt:{k + 1}:1: warning: .*low confidence", r.errtext), r.errtext
        r2 = pont("align", "--keep-identical", "--min-confidence", "0.5", fp, ep)
        rows2 = tsv_rows(r2.text)
        assert all(float(c[2]) >= 0.5 for c in rows2) and k + 1 not in {int(c[3]) for c in rows2}
        assert len(rows2) < len(rows)
        say(f"replaced paragraph: confidence {conf.get(k + 1, 0):.2f}; others mean {sum(good) / len(good):.2f}")


def test_tmx_memory_prepare():
    """align -> TMX -> pont tm import -> pont prepare of a new article: its sentences that the old
    editions had are pre-filled with their English from the alignment."""
    with tempfile.TemporaryDirectory() as d:
        fr_doc, en_doc = corpus("parallel", "debian-faq.fr.txt"), corpus("parallel", "debian-faq.en.txt")
        tmx = os.path.join(d, "faq.tmx")
        r = pont("align", fr_doc, en_doc, "-o", tmx)
        assert r.rc == 0, r.errtext
        root = ET.parse(tmx).getroot()
        tus = root.findall(".//tu")
        assert len(tus) > 1200 and root.get("version") == "1.4"
        mem = os.path.join(d, "m.ptm")
        r = pont("tm", "import", "--tm", mem, tmx)
        assert r.rc == 0, r.errtext
        # a "new article": prose paragraphs of the FAQ, with a paragraph the memory cannot know
        fr = lines(fr_doc)
        picked = [x for x in fr[300:700] if len(x) > 120 and x.count(". ") >= 1][:25]
        art = os.path.join(d, "new.fr.txt")
        write(art, picked + ["Kate : Ce paragraphe sur Zorglub est nouveau et personne ne l'a encore traduit."])
        r = pont("align", "--keep-identical", fr_doc, en_doc)
        pairs = {c[0]: c[1] for c in tsv_rows(r.text) if c[5] == "1:1"}
        untranslated = {fr for fr, en in pairs.items() if fr == en}	# English left in the French edition
        xlf = os.path.join(d, "new.xlf")
        r = pont("prepare", art, "--tm", mem, "-o", xlf)
        assert r.rc == 0, r.errtext
        ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
        segs = ET.parse(xlf).getroot().findall(".//x:segment", ns)
        filled = [s for s in segs if s.get("state") == "translated"]
        known = [s for s in segs if "".join(s.find("x:source", ns).itertext()) in pairs]
        segs = [s for s in segs if "".join(s.find("x:source", ns).itertext()) not in untranslated]
        known = [s for s in known if s in segs]
        # the English as aligned, in the edition's typography (an exact match fills the target so)
        def typo(t):
            return t.replace("\u2019", "'") if t else t
        right = [s for s in filled if typo(pairs.get("".join(s.find("x:source", ns).itertext())))
                 == typo("".join(s.find("x:target", ns).itertext()))]
        say(f"new article: {len(segs)} sentences, {len(known)} aligned 1:1 in the memory, {len(filled)} "
            f"pre-filled, {len(right)} with the aligned English")
        assert len(known) >= 0.8 * (len(segs) - 1), (len(known), len(segs))
        assert len(filled) >= len(known) and len(right) >= 0.95 * len(known)
        assert not [s for s in filled if "Zorglub" in "".join(s.find("x:source", ns).itertext())]


def test_errors():
    with tempfile.TemporaryDirectory() as d:
        fr = os.path.join(DATA, "align-sample.fr.txt")
        en = os.path.join(DATA, "align-sample.en.txt")
        r = pont("align", fr)
        assert r.rc == 2 and "two files" in r.errtext
        r = pont("align", fr, os.path.join(d, "missing.txt"))
        assert r.rc == 4 and r.errtext.startswith("pont: ") and "missing.txt" in r.errtext, r.errtext
        bad = os.path.join(d, "bad.txt")
        with open(bad, "wb") as f:
            f.write("Première ligne.\nDeux\xe9 lignes.\n".encode("utf-8").replace(b"\xc3\xa9 l", b"\xe9 l"))
        r = pont("align", bad, en)
        assert r.rc == 3 and re.match(r"pont: .*bad\.txt:2:5: error: ", r.errtext), r.errtext
        r = pont("align", "--min-confidence", "2", fr, en)
        assert r.rc == 2
        r = pont("align", "-f", "xml", fr, en)
        assert r.rc == 2
        out = os.path.join(d, "no", "such", "dir", "x.tmx")
        r = pont("align", fr, en, "-o", out)
        assert r.rc == 4 and not os.path.exists(out), r.errtext
        ro = os.path.join(d, "ro")
        os.mkdir(ro)
        os.chmod(ro, 0o500)
        try:
            if os.access(ro, os.W_OK):	# root: permissions do not apply
                return
            r = pont("align", fr, en, "-o", os.path.join(ro, "x.tsv"))
            assert r.rc == 4 and os.listdir(ro) == [], r.errtext
        finally:
            os.chmod(ro, 0o700)


def test_long_document_bounded():
    """Four copies of the FAQ one after the other (about 10 000 sentences a side), 3 % of the
    paragraphs dropped: memory stays small (the band, not n x m) and the pairs are found."""
    with tempfile.TemporaryDirectory() as d:
        fr, en = lines(corpus("parallel", "debian-faq.fr.txt")), lines(corpus("parallel", "debian-faq.en.txt"))
        rnd = random.Random(3)
        keep = [(i, rnd.random() >= 0.03, rnd.random() >= 0.03) for i in range(4 * len(fr))]
        fp, ep = os.path.join(d, "f.txt"), os.path.join(d, "e.txt")
        write(fp, [fr[i % len(fr)] for i, a, _ in keep if a])
        write(ep, [en[i % len(en)] for i, _, b in keep if b])
        nf, ne, truth = 0, 0, set()
        for i, a, b in keep:
            nf += a
            ne += b
            if a and b and fr[i % len(fr)].strip():
                truth.add((nf, ne))
        p = subprocess.run(["/usr/bin/time", "-f", "%M", PONT, "align", "--by", "paragraph", "--keep-identical",
                            fp, ep], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        rss_mb = int(p.stderr.strip().splitlines()[-1]) / 1024
        got = {(int(c[3]), int(c[4])) for c in tsv_rows(p.stdout) if c[5] == "1:1"}
        recall = len(truth & got) / len(truth)
        say(f"long document: {nf} and {ne} paragraphs, peak RSS {rss_mb:.0f} MB, recall {recall:.3f}")
        assert rss_mb < 150, rss_mb
        assert recall >= 0.92, recall
