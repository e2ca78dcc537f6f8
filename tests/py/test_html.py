"""HTML articles in and out: read by an HTML5 parser with byte offsets, every text a reader sees
offered (checked against what Chromium renders), prepare -> merge gives the page back byte for
byte, and an English edition keeps the page's element structure (Chromium's DOM, screenshots
of both in build/screenshots/)."""
import glob
import html
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

from pontt import DATA, ROOT, corpus, pont, read, say
from test_xliff import fill

MINE = os.path.join(DATA, "structures.fr.html")
# what is not prose: never offered, so not looked for (code, scripts, forms' widgets)
HIDDEN = {"script", "style", "noscript", "template", "svg", "math", "pre", "code", "textarea", "select",
          "button", "iframe", "object", "canvas", "audio", "video", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def pages():
    found = sorted(glob.glob(os.path.join(corpus("articles"), "*", "*.html")))
    assert len(found) >= 3, found
    return found + [MINE]


def chromium(path, *args):
    """Chromium, headless, on a copy of the page (it reads file:// URLs from a writable place)."""
    with tempfile.TemporaryDirectory() as d:
        copy = os.path.join(d, "page.html")
        shutil.copy(path, copy)
        p = subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            *args, "file://" + copy], capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    return p.stdout.decode("utf-8", "replace")


class Visible(HTMLParser):
    """The DOM's text a reader sees (and alt/title attributes), and its element structure."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.texts, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if not any(t in HIDDEN for t in self.stack):
            self.texts += [v for k, v in attrs if k in ("alt", "title") and v and tag != "html"]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        hidden = any(t in HIDDEN for t in self.stack)
        if (not hidden or self.stack[-2:] == ["head", "title"]) and data.strip():
            self.texts.append(data)


def words(text):
    """Words of prose: e-mail addresses and URLs are not translated, so not counted."""
    text = re.sub(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|[a-z]+://[^\s)\]\"'<>]+", " ", text)
    return re.findall(r"[^\W\d_]{2,}", text.lower())


def offered_words(xlf):
    """The words of the work file's translatable text (codes stand for their equivalent) and speaker labels."""
    x = read(xlf).decode()
    text = " ".join(re.findall(r"<source>(.*?)</source>", x, re.S))
    text = re.sub(r'<ph [^>]*equiv="([^"]*)"[^>]*/>', lambda m: html.unescape(m.group(1)) or " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    labels = " ".join(html.unescape(v) for v in re.findall(r'<mda:meta type="speaker">([^<]*)<', x))
    return set(words(text)) | set(words(labels))


def note_lost(missing, path, seen, xlf):
    """Records in missing the words of seen the work file does not offer; returns len(seen)."""
    have = offered_words(xlf)
    lost = sorted({x for x in seen if x not in have})
    if lost:
        missing[os.path.basename(path)] = lost
    return len(seen)


def test_every_visible_word_is_offered():
    missing = {}
    total = 0
    with tempfile.TemporaryDirectory() as d:
        for page in pages():
            w = os.path.join(d, "w.xlf")
            r = pont("prepare", "--no-glossary", page, "-o", w)
            assert r.rc == 0, (page, r.errtext)
            v = Visible()
            v.feed(chromium(page, "--dump-dom"))
            seen = [x for t in v.texts for x in words(t)]
            total += note_lost(missing, page, seen, w)
    say(f"{len(pages())} HTML pages: {total} visible words (as Chromium renders them), "
        f"{sum(len(v) for v in missing.values())} not offered")
    assert not missing, missing


def test_round_trip_and_structure():
    shots = os.path.join(os.environ.get("PONT_BUILD", os.path.join(ROOT, "build")), "screenshots")
    os.makedirs(shots, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        for page in pages():
            w, w2, m = (os.path.join(d, n) for n in ("w.xlf", "w2.xlf", "m.html"))
            assert pont("prepare", "--no-glossary", page, "-o", w).rc == 0
            # identity targets: the page back byte for byte
            fill(w, w2)
            r = pont("merge", "--keep-typography", w2, "-o", m)
            assert r.rc == 0 and read(m) == read(page), (page, r.errtext)
            # every text replaced by a marker, codes kept: the same elements, nothing French left
            fill(w, w2, lambda uid, k, src: re.sub(r"(^|>)([^<]*[^\W\d_][^<]*)(?=<|$)", r"\1Zz", src))
            r = pont("merge", w2, "-o", m)
            assert r.rc == 0, r.errtext
            fr, en = Visible(), Visible()
            fr.feed(chromium(page, "--dump-dom"))
            en.feed(chromium(m, "--dump-dom"))
            assert fr.tags == en.tags, (page, "element structure differs")
            left = {x for t in en.texts for x in words(t)} - {"zz"} - offered_labels(w)
            assert not left, (page, sorted(left)[:30])
            base = os.path.basename(page).replace(".html", "")
            for src, name in ((page, base + ".png"), (m, base + ".en.png")):
                out = os.path.join(shots, name)
                chromium(src, "--screenshot=" + out, "--window-size=1024,1400")
                assert os.path.getsize(out) > 1000, out
    say(f"{len(pages())} HTML pages: prepare -> merge gives each back; with every text replaced, Chromium "
        f"finds the same elements and no French left; screenshots in {shots}")


def offered_labels(xlf):
    x = read(xlf).decode()
    return set(words(" ".join(html.unescape(v) for v in re.findall(r'<mda:meta type="speaker">([^<]*)<', x))))


def test_html_structures():
    """Turns in <strong>, a question in <b>, alt and title attributes, cells, the page's title."""
    r = pont("segment", "--format", "json", MINE)
    assert r.rc == 0, r.errtext
    paras = r.json()["files"][0]["paragraphs"]
    kinds = [(p["kind"], p["speaker"]) for p in paras]
    assert ("field", None) in kinds or any(k == "field" for k, _ in kinds), kinds
    assert [s for k, s in kinds if k == "turn"] == ["Kate", "Lucas", "Kate"], kinds
    assert sum(1 for k, _ in kinds if k == "cell") == 4 and ("title", None) in kinds, kinds
    with tempfile.TemporaryDirectory() as d:
        w = os.path.join(d, "w.xlf")
        assert pont("prepare", "--no-glossary", MINE, "-o", w).rc == 0
        x = read(w).decode()
        assert "/>Architecture cible<ph" in x and "/>Le site de l'exemple<ph" in x, "alt and title attributes"
        assert "kubectl" not in re.sub(r"<originalData>.*?</originalData>", "", x, flags=re.S) or \
            "kubectl get pods" not in " ".join(re.findall(r"<source>(.*?)</source>", x)), "code is not offered"
        assert 'equiv="’"' in x, "a character reference's code stands for its character"


def test_every_rendered_markdown_word_is_offered():
    """Markdown articles of the corpus, rendered by cmark-gfm (GitHub's extensions): every word a
    reader sees outside raw HTML blocks is in the work file; so are the front matter's prose
    fields. (The text of HTML blocks is not offered yet: see the README.)"""
    arts = sorted(glob.glob(os.path.join(corpus("articles"), "*", "*.md"))) + [os.path.join(DATA, "structures.fr.md")]
    missing, total = {}, 0
    with tempfile.TemporaryDirectory() as d:
        for art in arts:
            text = read(art).decode()
            body = re.sub(r"\A---\n.*?\n(---|\.\.\.)\n", "", text, flags=re.S)
            page = subprocess.run(["cmark-gfm", "-e", "table", "-e", "footnotes", "-e", "strikethrough",
                                   "-e", "autolink", "-e", "tasklist"], input=body.encode(), capture_output=True,
                                  check=True).stdout.decode()
            w = os.path.join(d, "w.xlf")
            r = pont("prepare", "--no-glossary", art, "-o", w)
            assert r.rc == 0, (art, r.errtext)
            v = Visible()
            v.feed(page)
            seen = [x for t in v.texts for x in words(t)]
            fm = re.match(r"\A---\n(.*?)\n(---|\.\.\.)\n", text, re.S)
            if fm:
                seen += [x for m in re.finditer(r"^\s*(title|description|summary|subtitle|excerpt): *(.+)$",
                                                fm.group(1), re.M) for x in words(m.group(2))]
            total += note_lost(missing, art, seen, w)
    say(f"{len(arts)} Markdown articles rendered by cmark-gfm: {total} visible words, "
        f"{sum(len(v) for v in missing.values())} not offered")
    assert not missing, missing
