"""test_faults: the reliability suite (make test-faults). What a hostile or unlucky run meets -- runs
at once on one file, endless inputs and engines, bad engine output, entities from a DTD, links,
an output over its own input, a kill in the middle of a write, deep or large glossaries, classic
Mac line ends -- each gives a clean result or one clear error line, and loses nothing."""
import fcntl
import os
import re
import resource
import signal
import subprocess
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

from pontt import ENV, PONT, pont, read, say

GB = 1 << 30


def one_error_line(r, rc, pattern):
    """The run failed with rc and said so in exactly one line of the form pont: ...: error: ..."""
    lines = r.errtext.splitlines()
    assert r.rc == rc, (r.rc, r.errtext[-300:])
    assert len(lines) == 1 and re.match(r"pont: (\S+: )?error: ", lines[0]), r.errtext[-300:]
    assert re.search(pattern, lines[0]), lines[0]


def asan_build():
    """Is pont built with AddressSanitizer (make asan)? Its shadow memory needs terabytes of
    address space: there the limit is ASan's own."""
    p = subprocess.run(["ldd", PONT], capture_output=True, text=True)
    return "libasan" in p.stdout


def limited(n):
    """The keyword arguments of a run whose memory is limited to n bytes: an address-space limit,
    or under ASan its allocator's limits (an allocation over n fails, as under the rlimit)."""
    if asan_build():
        # an allocation over the limit fails; the resident size is held to it too when it leaves room
        # for ASan's own overhead (its shadow and quarantine)
        mb = n >> 20
        rss = f":hard_rss_limit_mb={mb}" if mb >= 1024 else ""
        return {"env": dict(ENV, ASAN_OPTIONS=f"allocator_may_return_null=1:max_allocation_size_mb={mb}:"
                                              f"quarantine_size_mb=0{rss}")}

    def f():
        resource.setrlimit(resource.RLIMIT_AS, (n, n))
    return {"preexec": f}


def spawn(*args):
    return subprocess.Popen([PONT] + [str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)


def units(mem):
    r = pont("tm", "stats", "--tm", mem)
    assert r.rc == 0, r.errtext
    return int(re.search(r"units: (\d+)", r.text).group(1))


def tsv_files(d, n, per):
    paths = []
    for i in range(n):
        p = os.path.join(d, f"u{i}.tsv")
        with open(p, "w") as f:
            f.write("fr\ten\n")
            for j in range(per):
                f.write(f"Le serveur {i} a redémarré {j} fois.\tServer {i} restarted {j} times.\n")
        paths.append(p)
    return paths


def test_twenty_writers_lose_no_unit():
    """20 imports at once into one memory (half of them through a symbolic link to it, some
    creating it): every unit is kept, and the link is still a link."""
    with tempfile.TemporaryDirectory() as d:
        paths = tsv_files(d, 20, 51)
        os.mkdir(os.path.join(d, "shared"))
        mem = os.path.join(d, "shared", "team.ptm")
        link = os.path.join(d, "team.ptm")
        os.symlink(mem, link)
        for rnd in range(2):
            if os.path.exists(mem):
                os.remove(mem)
            procs = [spawn("tm", "import", "--tm", link if i % 2 else mem, p) for i, p in enumerate(paths)]
            rcs = [p.wait() for p in procs]
            errs = [p.stderr.read().decode() for p in procs]
            assert rcs == [0] * 20, (rcs, errs)
            assert units(mem) == 20 * 51, units(mem)
            assert os.path.islink(link) and os.path.isfile(mem)
            assert sorted(os.listdir(os.path.join(d, "shared"))) == ["team.ptm"], "no temporary or lock file left"
        say("20 concurrent imports, twice: 1 020 of 1 020 units kept")
        # the same import twice gives the same bytes: nothing uninitialised goes into the file
        a, b = os.path.join(d, "a.ptm"), os.path.join(d, "b.ptm")
        assert pont("tm", "import", "--tm", a, paths[0]).rc == 0
        assert pont("tm", "import", "--tm", b, paths[0]).rc == 0
        assert read(a) == read(b)


def test_a_writer_that_waits_too_long_says_so():
    with tempfile.TemporaryDirectory() as d:
        [p] = tsv_files(d, 1, 3)
        mem = os.path.join(d, "m.ptm")
        assert pont("tm", "import", "--tm", mem, p).rc == 0
        before = read(mem)
        with open(mem, "rb") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            env = dict(ENV, PONT_LOCK_WAIT="0.3")
            q = subprocess.run([PONT, "tm", "import", "--tm", mem, p], capture_output=True, env=env)
            fcntl.flock(held, fcntl.LOCK_UN)
        assert q.returncode == 4 and b"another pont has been writing it" in q.stderr, q.stderr
        assert read(mem) == before


def pairs(d, n):
    """n French/English pairs, each with a number the English gets wrong: one finding each."""
    out = []
    for i in range(n):
        fr, en = os.path.join(d, f"p{i}.fr.txt"), os.path.join(d, f"p{i}.en.txt")
        open(fr, "w").write(f"Nous avons migré {100 + i} serveurs vers Kubernetes l'an dernier.\n")
        open(en, "w").write(f"We moved {500 + i} servers to Kubernetes last year.\n")
        out.append((fr, en))
    return out


def test_twenty_checks_keep_every_accepted_finding():
    """--write-ignore from 20 checks at once: every finding is accepted once, and an entry with
    its reason written by hand survives a rerun (the file is merged, never wiped)."""
    with tempfile.TemporaryDirectory() as d:
        ign = os.path.join(d, ".pont-ignore")
        by_hand = "number-mismatch 0123456789abcdef accepted: the figure was updated in the English (editor)\n"
        open(ign, "w").write(by_hand)
        ps = pairs(d, 20)
        procs = [spawn("check", "--write-ignore", ign, "--source", fr, "--target", en) for fr, en in ps]
        rcs = [p.wait() for p in procs]
        assert all(rc == 1 for rc in rcs), (rcs, [p.stderr.read() for p in procs])
        entries = [l for l in read(ign).decode().splitlines() if l and not l.startswith("#")]
        assert by_hand.strip() in entries, "the hand-written entry and its reason are kept"
        fps = {l.split()[1] for l in entries if l.startswith("number-mismatch")}
        assert len(fps) == 21 and len(entries) == len(set(entries)), entries
        # a rerun adds nothing and removes nothing; the accepted findings stay accepted
        before = read(ign)
        for fr, en in ps[:3]:
            r = pont("check", "--write-ignore", ign, "--ignore", ign, "--source", fr, "--target", en)
            assert r.rc == 0, r.text
        assert read(ign) == before
        say("20 concurrent --write-ignore: 20 of 20 findings accepted, the hand-written reason kept")


def test_endless_input_stops_with_one_line():
    """/dev/zero as a file and as standard input, under a 2 GB address-space limit."""
    r = pont("segment", "/dev/zero", **limited(2 * GB))
    one_error_line(r, 3, r"/dev/zero: error: larger than 256 MB.*--max-input")
    with open("/dev/zero", "rb") as z:
        lim = limited(2 * GB)
        p = subprocess.run([PONT, "segment"], stdin=z, capture_output=True, env=lim.get("env", ENV),
                           preexec_fn=lim.get("preexec"))
    lines = p.stderr.decode().splitlines()
    assert p.returncode == 3 and len(lines) == 1 and "<stdin>: error: larger than" in lines[0], p.stderr
    r = pont("segment", "--max-input", "1K", "/dev/zero")
    one_error_line(r, 3, r"larger than 1024 bytes")
    r = pont("segment", "--max-input", "lots", "/dev/zero")
    assert r.rc == 2 and "--max-input takes a size" in r.errtext
    # more than the memory allows: a one-line "out of memory", never an abort without a word
    with open("/dev/zero", "rb") as z:
        lim = limited(400 << 20)
        p = subprocess.run([PONT, "segment", "--max-input", "4G"], stdin=z, capture_output=True,
                           env=lim.get("env", ENV), preexec_fn=lim.get("preexec"))
    err = b"".join(l for l in p.stderr.splitlines(True) if not l.startswith(b"=="))	# ASan's own warnings
    assert p.returncode == 4 and err == b"pont: error: out of memory\n", (p.returncode, p.stderr[-300:])


ARTICLE = ("Le SRE a migré la base de données vers Kubernetes.\n\n"
           "Le code PONT0 et le mot pont1 ne sont pas des marques.\n\n"
           "Une dernière phrase, sans histoire.\n")


def test_endless_engine_stops_with_one_line():
    with tempfile.TemporaryDirectory() as d:
        art = os.path.join(d, "a.txt")
        open(art, "w").write(ARTICLE)
        out = os.path.join(d, "a.xlf")
        for cmd, what in (("yes 'an engine that never stops'", r"wrote more than \d+ bytes for \d+ bytes of French"),
                          ("yes | tr -d '\\n'", r"wrote more than \d+ bytes in its line 1"),
                          ("cat /dev/zero", r"wrote more than \d+ bytes in its line 1")):
            r = pont("translate", "--engine-cmd", cmd, art, "-o", out, **limited(2 * GB))
            one_error_line(r, 3, what)
            assert not os.path.exists(out)
        r = pont("translate", "--engine-cmd", "yes", "--max-engine-output", "10K", art, "-o", out)
        one_error_line(r, 3, r"more than 10240 bytes")


def targets(xlf):
    """unit id -> (target text or None, notes) of a work file, parsed by a real XML parser."""
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ET.parse(xlf).getroot()
    out = []
    for u in root.iter("{urn:oasis:names:tc:xliff:document:2.0}unit"):
        t = u.find(".//x:target", ns)
        notes = " ".join(n.text or "" for n in u.iter("{urn:oasis:names:tc:xliff:document:2.0}note"))
        out.append(("".join(t.itertext()) if t is not None else None, notes))
    return out


def test_engine_output_is_checked():
    """Invalid UTF-8, a NUL, a control character: that segment gets no draft but a note, the rest
    are drafted, the work file is well-formed XML. A literal PONT0 in the French is text, not a
    placeholder."""
    with tempfile.TemporaryDirectory() as d:
        art = os.path.join(d, "a.txt")
        open(art, "w").write(ARTICLE)
        for cmd, what in (("sed '1s/$/ \\xff/'", "invalid UTF-8"), ("sed '1s/e/\\x00/'", "a NUL byte"),
                          ("sed '1s/e/\\x01/'", "the control character U+0001"),
                          ("sed '1s/e/\\xc2\\x85/'", "the control character U+0085")):
            out = os.path.join(d, "a.xlf")
            r = pont("translate", "--engine-cmd", cmd, art, "-o", out)
            assert r.rc == 0, r.errtext
            assert re.search(r"warning: segment 1: no machine draft: the engine returned " + re.escape(what), r.errtext), r.errtext
            t = targets(out)
            assert t[0][0] is None and what in t[0][1], t[0]
            assert all(x[0] for x in t[1:]), t
        # the identity engine gives the article back: PONT0 and pont1 are words of it
        out = os.path.join(d, "a.en.txt")
        r = pont("translate", "--engine-cmd", "cat", art, "-o", out)
        assert r.rc == 0, r.errtext
        text = read(out).decode()
        assert "Le code PONT0 et le mot pont1 ne sont pas des marques." in text, text
        assert "Kubernetes" in text and "PONTX" not in text


DTD = '<?xml version="1.0"?>\n<!DOCTYPE {root} SYSTEM "{root}.dtd">\n'


def test_entities_from_a_dtd_are_errors():
    """An entity only a DTD declares would vanish without a word: in text and in attributes, in
    TMX, TBX and XLIFF, it is an error with its position."""
    tmx = ('<tmx version="1.4"><header srclang="fr" datatype="plaintext" segtype="sentence" adminlang="en" '
           'creationtool="t" creationtoolversion="1" o-tmf="t"/><body><tu{attr}><tuv xml:lang="fr"><seg>Bonjour '
           '{text}</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu></body></tmx>\n')
    tbx = ('<tbx type="TBX-Basic" style="dca" xml:lang="fr" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader>'
           '<fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>'
           '<conceptEntry id="c1"{attr}><langSec xml:lang="fr"><termSec><term>serveur {text}</term></termSec>'
           '</langSec><langSec xml:lang="en"><termSec><term>server</term></termSec></langSec></conceptEntry>'
           '</body></text></tbx>\n')
    xlf = ('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="fr" trgLang="en">'
           '<file id="f1"><unit id="u1"{attr}><segment><source>Bonjour {text}</source><target>Hello</target>'
           '</segment></unit></file></xliff>\n')
    with tempfile.TemporaryDirectory() as d:
        for root, body, cmd in (("tmx", tmx, ["tm", "import", "--tm", os.path.join(d, "m.ptm")]),
                                ("tbx", tbx, ["glossary", "validate"]),
                                ("xliff", xlf, ["merge", "-o", os.path.join(d, "out.txt")])):
            for attr, text in (("", "&ent;"), (' x-a="&ent;"', "x")):
                p = os.path.join(d, "f." + ("xlf" if root == "xliff" else root))
                open(p, "w").write(DTD.format(root=root) + body.format(attr=attr, text=text))
                r = pont(*cmd, p)
                one_error_line(r, 3, r"f\.\w+:3:\d+: error: the entity &ent; is not declared")
        assert not os.path.exists(os.path.join(d, "m.ptm"))
        # the five of XML and character references are not entities to declare
        p = os.path.join(d, "f.tmx")
        open(p, "w").write(DTD.format(root="tmx") + tmx.format(attr=' x-a="&amp;&lt;&#233;"', text="&amp; &#233;"))
        assert pont("tm", "import", "--tm", os.path.join(d, "m.ptm"), p).rc == 0


def test_deep_xml_is_refused_past_the_limit():
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "deep.tbx")
        open(p, "w").write(deep_tbx(2000))
        assert pont("glossary", "validate", p).rc == 0
        env = dict(ENV, PONT_MAX_DEPTH="500")
        q = subprocess.run([PONT, "glossary", "validate", p], capture_output=True, env=env)
        assert q.returncode == 3 and re.match(rb"pont: \S+deep\.tbx:1:\d+: error: elements nested more than 500 deep\n$",
                                              q.stderr), q.stderr


def test_writes_update_what_links_name():
    """--in-place through a symbolic link updates the file it names; a file with two hard links
    is updated in place (both names see it); permissions stay."""
    with tempfile.TemporaryDirectory() as d:
        real = os.path.join(d, "real.txt")
        open(real, "w").write("L'infra : oui !\n")
        os.chmod(real, 0o640)
        link, hard = os.path.join(d, "link.txt"), os.path.join(d, "hard.txt")
        os.symlink("real.txt", link)
        os.link(real, hard)
        r = pont("normalize", "--in-place", link)
        assert r.rc == 0, r.errtext
        assert os.path.islink(link) and os.readlink(link) == "real.txt"
        want = "L’infra\u202f: oui\u202f!\n"
        assert open(real).read() == want and open(hard).read() == want
        assert os.stat(real).st_nlink == 2 and os.stat(real).st_mode & 0o777 == 0o640
        assert sorted(os.listdir(d)) == ["hard.txt", "link.txt", "real.txt"]


def test_an_output_never_replaces_an_input():
    with tempfile.TemporaryDirectory() as d:
        art = os.path.join(d, "a.txt")
        open(art, "w").write(ARTICLE)
        w = os.path.join(d, "a.xlf")
        assert pont("prepare", art, "-o", w).rc == 0
        link = os.path.join(d, "l.txt")
        os.symlink("a.txt", link)
        before = read(art), read(w)
        for args in (["prepare", art, "-o", art], ["prepare", art, "-o", link], ["merge", w, "-o", w],
                     ["align", art, art, "-o", art], ["segment", link, "-o", art], ["translate", "--engine-cmd",
                                                                                   "cat", art, "-o", art]):
            r = pont(*args)
            one_error_line(r, 2, r"is also an input of this run")
        assert (read(art), read(w)) == before
        assert sorted(os.listdir(d)) == ["a.txt", "a.xlf", "l.txt"]


def test_a_killed_write_leaves_nothing_behind():
    """SIGTERM, SIGINT or SIGHUP while the memory is being written: the temporary file goes, the
    memory is as it was."""
    with tempfile.TemporaryDirectory() as d:
        [small] = tsv_files(d, 1, 3)
        big = os.path.join(d, "big.tsv")
        with open(big, "w") as f:
            f.write("fr\ten\n")
            for j in range(30000 if asan_build() else 150000):	# ASan is slower: a shorter write does
                f.write(f"Phrase numéro {j} d'un mémoire assez long, {j * 7} fois.\tSentence {j}, {j * 7} times.\n")
        mem = os.path.join(d, "m.ptm")
        assert pont("tm", "import", "--tm", mem, small).rc == 0
        before = read(mem)
        caught = 0
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP) * 3:
            p = spawn("tm", "import", "--tm", mem, big)
            seen = False
            while p.poll() is None:
                if any(".pont-" in n for n in os.listdir(d)):
                    p.send_signal(sig)
                    seen = True
                    break
            p.wait()
            if seen and p.returncode == -sig:
                caught += 1
                assert not [n for n in os.listdir(d) if ".pont-" in n], os.listdir(d)
                assert read(mem) == before
            if p.returncode == 0:   # finished before the signal: start again from the small memory
                assert pont("tm", "import", "--tm", os.path.join(d, "x.ptm"), small).rc == 0
                os.replace(os.path.join(d, "x.ptm"), mem)
        assert caught >= 3, f"only {caught} of 9 runs were interrupted while writing"
        say(f"{caught} of 9 runs killed while writing the memory: no temporary file left, the memory intact")


def test_damaged_memory_text_is_an_error():
    """A memory whose text is not UTF-8 is damaged: export would write ill-formed TMX."""
    with tempfile.TemporaryDirectory() as d:
        tsv = os.path.join(d, "m.tsv")
        open(tsv, "w").write("fr\ten\nBonjour XYZZY le monde.\tHello world.\n")
        mem = os.path.join(d, "m.ptm")
        assert pont("tm", "import", "--tm", mem, tsv).rc == 0
        data = read(mem)
        open(mem, "wb").write(data.replace(b"XYZZY", b"XY\xffZY"))
        r = pont("tm", "export", "--tm", mem)
        one_error_line(r, 3, r"damaged .*not UTF-8")
        assert r.out == b""


def test_classic_mac_line_ends():
    """Lone CR line ends are line ends: paragraphs, positions, and a byte-for-byte round trip."""
    with tempfile.TemporaryDirectory() as d:
        art = os.path.join(d, "mac.txt")
        open(art, "wb").write("Titre\r\rPremier paragraphe. Il continue.\r\rDeuxième paragraphe\ravec une ligne.\r"
                              .encode())
        r = pont("segment", "--format", "json", art)
        assert r.rc == 0, r.errtext
        j = r.json()["files"][0]
        assert [p["kind"] for p in j["paragraphs"]] == ["title", "paragraph", "paragraph"]
        assert [(s["line"], s["col"]) for s in j["segments"]] == [(1, 1), (3, 1), (3, 21), (5, 1)]
        w, m = os.path.join(d, "w.xlf"), os.path.join(d, "m.txt")
        assert pont("prepare", "--no-glossary", art, "-o", w).rc == 0
        x = read(w).decode()
        x = re.sub(r'(<segment [^>]*>)<source>(.*?)</source></segment>',
                   lambda g: f"{g.group(1)}<source>{g.group(2)}</source><target>{g.group(2)}</target></segment>",
                   x, flags=re.S)
        open(w, "w").write(x)
        r = pont("merge", "--keep-typography", w, "-o", m)
        assert r.rc == 0, r.errtext
        assert read(m) == read(art)


def deep_tbx(n):
    return ('<?xml version="1.0"?><tbx type="TBX-Basic" style="dca" xml:lang="en" '
            'xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1"><langSec xml:lang="fr"><termSec>'
            '<term>' + "<hi>" * n + "serveur" + "</hi>" * n + "</term></termSec></langSec></conceptEntry></body>"
            "</text></tbx>\n")


def csv_glossary(n):
    rows = ["concept,lang,terms"]
    for i in range(n):
        rows.append(f"c{i},fr,terme numéro {i}")
        rows.append(f"c{i},en,term number {i}")
    return "\n".join(rows) + "\n"


def cpu(args, stdin=None):
    """The CPU seconds of the best of three runs of pont args (this is a growth ratio, not a time
    limit: a run's own speed does not matter, how it grows with the input does)."""
    best = None
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run([PONT] + args, capture_output=True, env=ENV)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert p.returncode == 0, p.stderr
        t = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        best = t if best is None else min(best, t)
    return best


def test_deep_and_large_glossaries_grow_linearly():
    """100 000-deep inline markup in a TBX term and a 10 000-concept CSV glossary: 8 times the input
    costs about 8 times the work (a walk per element, or a scan per concept, would be 64 times)."""
    with tempfile.TemporaryDirectory() as d:
        ratios = []
        for name, make, small, big in (("deep.tbx", deep_tbx, 25000, 200000), ("big.csv", csv_glossary, 2500, 20000)):
            p1, p8 = os.path.join(d, "1-" + name), os.path.join(d, "8-" + name)
            open(p1, "w").write(make(small))
            open(p8, "w").write(make(big))
            base = cpu(["segment", "/dev/null"])
            t1 = cpu(["glossary", "validate", p1]) - base
            t8 = cpu(["glossary", "validate", p8]) - base
            ratio = t8 / max(t1, 0.002)
            ratios.append(ratio)
            say(f"{name}: {small} -> {big}: CPU {t1:.3f} s -> {t8:.3f} s, ratio {ratio:.1f} (linear 8, quadratic 64)")
            assert ratio < 20, (name, t1, t8)


def test_suggestions_are_bounded_in_time():
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "unk.txt")
        words = [f"zorglubation{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}xq" for i in range(400)]
        open(p, "w").write("".join(f"Le serveur {w} a redémarré.\n\n" for w in words)
                           + "Un mot " + "x" * 60 + "é de trop.\n")
        r = pont("spell", "--format", "json", "--suggest-time", "0.5", p)
        assert r.rc == 1, r.errtext
        m = re.search(r"note: (\d+) unknown words left without suggestions", r.errtext)
        assert m and 0 < int(m.group(1)) <= 401, r.errtext
        f = [x for x in r.json()["findings"] if x["id"] == "spelling"]
        assert len(f) == 401
        long = [x for x in f if "xxxxxxxxxx" in x["message"]]
        assert long and not long[0].get("suggestions"), long
        r = pont("spell", "--suggestions", "0", p)
        assert r.rc == 1 and "left without" not in r.errtext
