"""`pont spell` on real text: quiet on the sample interviews and on published prose, loud on
seeded typos, with the right word among the first suggestions; errors and exit codes."""
import os
import random
import re
import stat
import subprocess
import tempfile

from pontt import DATA, ROOT, ENV, corpus, pont, read, say

IT = os.path.join(ROOT, "glossaries", "it-careers.tbx")
SAMPLES = [os.path.join(ROOT, "samples", n) for n in ("gautier-sre-trajectoire.fr.txt", "lucas-ops-microsoft.fr.txt")]
DEBIAN_WORDS = os.path.join(DATA, "debian-docs.dic")

# flagged-token rates on published, proofread prose (../shared/corpus/fr-prose): documented in
# the README; the first is with the corpus's own word list (tests/data/debian-docs.dic), the
# second with the project's word lists only
FR_MAX_RATE, FR_MAX_RATE_PROJECT = 0.60, 2.50
EN_MAX_RATE, EN_MAX_RATE_PROJECT = 0.50, 1.20


def findings(*args, stdin=b""):
    r = pont("spell", "--format", "json", *args, stdin=stdin)
    assert r.rc in (0, 1), r.errtext
    return r, r.json()["findings"]


def test_samples_no_false_positive():
    for path in SAMPLES:
        r, got = findings("--lang", "fr", "--glossary", IT, path)
        assert r.rc == 0 and got == [], [(f["text"], f["message"]) for f in got]
        # the names are there, as information only
        r, info = findings("--lang", "fr", "--glossary", IT, "-v", path)
        assert r.rc == 0 and info and all(f["severity"] == "info" for f in info)


def accents_lost(w):
    table = str.maketrans("éèêàâîôûùç", "eeeaaiouuc")
    return w.translate(table)


def seed_typos(text, n=20, seed=7):
    """Picks n distinct ordinary words (lower case, 6+ letters, known to Hunspell) and damages
    each once: a letter dropped, two letters swapped, or the accents lost. Returns the new text
    and [(typo, original, offset)]."""
    rnd = random.Random(seed)
    words = [(m.start(), m.group()) for m in re.finditer(r"(?<![\w’'-])[a-zàâçéèêëîïôûùü]{6,}(?![\w’'-])", text)]
    known = set(subprocess.run(["hunspell", "-d", "fr_FR", "-G"], input="\n".join(w for _, w in words),
                               capture_output=True, text=True, env=ENV).stdout.split())
    rnd.shuffle(words)
    picked, used, kinds = [], set(), ["drop", "swap", "accents"]
    for off, w in words:
        if w in used or w not in known:
            continue
        kind = kinds[len(picked) % 3]
        if kind == "accents":
            if accents_lost(w) == w:
                continue
            typo = accents_lost(w)
        elif kind == "drop":
            i = rnd.randrange(1, len(w) - 1)
            typo = w[:i] + w[i + 1:]
        else:
            i = rnd.randrange(1, len(w) - 2)
            if w[i] == w[i + 1]:
                continue
            typo = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        # a damaged word that is still a word is no typo for a spelling checker
        ok = subprocess.run(["hunspell", "-d", "fr_FR", "-l"], input=typo, capture_output=True, text=True,
                            env=ENV).stdout.strip()
        if not ok:
            continue
        picked.append((typo, w, off))
        used.add(w)
        if len(picked) == n:
            break
    for typo, w, off in sorted(picked, key=lambda p: -p[2]):
        text = text[:off] + typo + text[off + len(w):]
    return text, picked


def test_seeded_typos():
    top3 = found = total = 0
    for k, path in enumerate(SAMPLES):
        text, picked = seed_typos(read(path).decode(), n=10, seed=7 + k)
        assert len(picked) == 10
        r, got = findings("--lang", "fr", "--glossary", IT, stdin=text.encode())
        assert r.rc == 1
        spelled = {f["text"]: f for f in got if f["id"] == "spelling"}
        assert len(got) == len(spelled) == len(picked), \
            f"only the typos are reported: {sorted(spelled)} vs {sorted(t for t, _, _ in picked)}"
        for typo, w, _ in picked:
            total += 1
            f = spelled.get(typo)
            if f is None:
                say(f"not found: {typo} ({w})")
                continue
            found += 1
            if w in f["suggestions"][:3]:
                top3 += 1
            else:
                say(f"{typo}: {w} not in the first 3 of {f['suggestions']}")
    say(f"seeded typos: {found}/{total} found, right word in the first 3 suggestions for {top3}")
    assert total == 20 and found == 20 and top3 >= 16


def rate(path, *args):
    r = pont("spell", "--stats", "--suggestions", "0", *args, path)
    assert r.rc in (0, 1), r.errtext
    m = re.search(r"(\d+) words, (\d+) checked, (\d+) flagged \(([\d.]+) %", r.errtext)
    assert m, r.errtext
    return int(m.group(1)), int(m.group(3)), float(m.group(4))


def test_french_prose_rate():
    path = corpus("fr-prose", "docs.fr.txt")
    words, flagged, pct = rate(path, "--lang", "fr", "--words", DEBIAN_WORDS)
    say(f"docs.fr.txt: {flagged} of {words} words flagged = {pct:.2f} % (with the corpus word list; "
        f"threshold {FR_MAX_RATE} %)")
    words2, flagged2, pct2 = rate(path, "--lang", "fr")
    say(f"docs.fr.txt: {flagged2} of {words2} words flagged = {pct2:.2f} % (project word lists only; "
        f"threshold {FR_MAX_RATE_PROJECT} %)")
    assert words > 100000 and pct <= FR_MAX_RATE and pct2 <= FR_MAX_RATE_PROJECT


def test_english_prose_rate():
    path = corpus("fr-prose", "docs.en.txt")
    words, flagged, pct = rate(path, "--lang", "en", "--words", DEBIAN_WORDS)
    say(f"docs.en.txt: {flagged} of {words} words flagged = {pct:.2f} % (with the corpus word list; "
        f"threshold {EN_MAX_RATE} %)")
    words2, flagged2, pct2 = rate(path, "--lang", "en")
    say(f"docs.en.txt: {flagged2} of {words2} words flagged = {pct2:.2f} % (project word lists only; "
        f"threshold {EN_MAX_RATE_PROJECT} %)")
    assert words > 100000 and pct <= EN_MAX_RATE and pct2 <= EN_MAX_RATE_PROJECT


def test_the_corpus_typos_stay_found():
    """The corpus word list was made by hand from the unknown words: the typos left in the
    published text are still reported."""
    r = pont("spell", "--list", "--words", DEBIAN_WORDS, corpus("fr-prose", "docs.fr.txt"))
    listed = {line.split("\t")[1] for line in r.text.splitlines()}
    for typo in ("réseax", "rationelle", "developpement", "whithout", "invokation"):
        assert typo in listed, typo


def test_markdown_and_labels_not_checked():
    text = ("# Titre\n\n**Kzate** : bonjour, voir `cmd --optionn` et [le lien](https://exemple.fr/pagee).\n\n"
            "```\nfonction_inconnue(xyzt)\n```\n\n**Kzate** : encore une fautte.\n")
    r, got = findings("--input", "markdown", stdin=text.encode())
    assert [f["text"] for f in got] == ["fautte"], got
    assert got[0]["line"] == 9 and "faute" in got[0]["suggestions"]


def test_anglicisms_and_list():
    # (the French dictionary itself knows build, soft and cloud)
    text = "Le feedback du backlog est cassé, mais le teamwork est rapide. Le feedbakc aussi.\n".encode()
    r, got = findings("--no-word-lists", stdin=text)
    assert {f["text"] for f in got if f["id"] == "spelling"} == {"feedback", "backlog", "teamwork", "feedbakc"}
    r, got = findings("--no-word-lists", "--anglicisms", stdin=text)
    assert {f["text"]: f["id"] for f in got} == {"feedback": "anglicism", "backlog": "anglicism",
                                                 "teamwork": "anglicism", "feedbakc": "spelling"}
    r = pont("spell", "--no-word-lists", "--list", stdin=text + "Encore un feedback.\n".encode())
    assert r.rc == 0 and r.text.splitlines()[0] == "2\tfeedback", r.text
    # the project word list knows the IT jargon
    r, got = findings(stdin=text)
    assert [f["text"] for f in got] == ["teamwork", "feedbakc"], got


def test_words_option():
    with tempfile.TemporaryDirectory() as d:
        w = os.path.join(d, "mots.dic")
        with open(w, "w") as f:
            f.write("# nos mots\nbuidl\nsoftz/serveur\n")
        r, got = findings("--no-word-lists", "--words", w, stdin="Le buidl des softzs et du teamwork.\n".encode())
        assert [f["text"] for f in got] == ["teamwork"], got


def test_errors():
    with tempfile.TemporaryDirectory() as d:
        # a missing dictionary: one line naming the package, exit 4
        r = pont("spell", "--dict", d, stdin=b"Bonjour.\n")
        assert r.rc == 4 and r.errtext.count("\n") == 1 and "hunspell-fr" in r.errtext, r.errtext
        assert r.errtext.startswith("pont: error: ")
        # a word list that is missing or unreadable: exit 4; with invalid UTF-8: exit 3, located
        r = pont("spell", "--words", os.path.join(d, "nope.dic"), stdin=b"Bonjour.\n")
        assert r.rc == 4 and "nope.dic" in r.errtext and r.errtext.count("\n") == 1, r.errtext
        w = os.path.join(d, "bad.dic")
        with open(w, "wb") as f:
            f.write(b"ok\nmauvais\xc3(\n")
        r = pont("spell", "--words", w, stdin=b"Bonjour.\n")
        assert r.rc == 3 and re.match(r"pont: .*bad\.dic:2:8: error: invalid UTF-8", r.errtext), r.errtext
        if os.geteuid() != 0:
            os.chmod(w, 0)
            r = pont("spell", "--words", w, stdin=b"Bonjour.\n")
            assert r.rc == 4, r.errtext
            os.chmod(w, stat.S_IRUSR | stat.S_IWUSR)
        # invalid UTF-8 in the text: exit 3 with the position, and nothing on stdout
        r = pont("spell", stdin=b"Bonjour\n\xff le monde.\n")
        assert r.rc == 3 and ":2:1: error: invalid UTF-8" in r.errtext and r.out == b"", r.errtext
        # usage errors
        assert pont("spell", "--lang", "de", stdin=b"x\n").rc == 2
        assert pont("spell", "--lang", "en", "--anglicisms", stdin=b"x\n").rc == 2
        assert pont("spell", "--suggestions", "12", stdin=b"x\n").rc == 2
        # an unwritable output: exit 4, nothing left behind
        out = os.path.join(d, "no", "such", "dir.txt")
        r = pont("spell", "-o", out, stdin=b"Une fautte.\n")
        assert r.rc == 4 and not os.path.exists(out)


def test_english_text():
    text = "The SRE team’s runbooks weren't updated. It's a recieve error, and the colour is fine.\n"
    r, got = findings("--lang", "en", stdin=text.encode())
    assert [f["text"] for f in got] == ["recieve"] and "receive" in got[0]["suggestions"][:3], got
    r, got = findings("--lang", "en-US", stdin=text.encode())
    assert [f["text"] for f in got] == ["recieve", "colour"], got
