"""Bad input and bad output: one clear line on stderr, the documented exit code, no partial files."""
import os
import resource
import tempfile

from pontt import DATA, corpus, pont, read

SAMPLE = os.path.join(DATA, "lucas-ops-microsoft.fr.txt")


def one_error_line(r, *needles):
    lines = r.errtext.strip().split("\n")
    assert len(lines) == 1, f"expected one line on stderr, got: {r.errtext!r}"
    assert lines[0].startswith("pont: "), lines[0]
    for n in needles:
        assert n in lines[0], f"{n!r} not in {lines[0]!r}"
    return lines[0]


def test_invalid_utf8_is_located():
    r = pont("segment", stdin="Première ligne\nDeuxième é".encode() + b"\xff\xfe" + b" fin\n")
    assert r.rc == 3 and r.out == b""
    one_error_line(r, "<stdin>:2:11: error: invalid UTF-8")
    for cmd in ("segment", "normalize"):
        with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
            f.write(b"ok\n\xc3(bad\n")
        try:
            r = pont(cmd, f.name)
            assert r.rc == 3
            one_error_line(r, f"{f.name}:2:1: error: invalid UTF-8")
        finally:
            os.unlink(f.name)


def test_utf16_file_is_rejected():
    r = pont("segment", stdin="Kate : Salut !\n".encode("utf-16"))
    assert r.rc == 3
    one_error_line(r, "<stdin>:1:1: error: invalid UTF-8")


def test_replace_invalid_warns_and_keeps_text():
    r = pont("normalize", "--replace-invalid", stdin=b"avant \xe9t\xe9 apr\xe8s\n")
    assert r.rc == 0
    assert r.text == "avant \ufffdt\ufffd apr\ufffds\n"
    one_error_line(r, "<stdin>:1:7: warning: invalid UTF-8 replaced by U+FFFD (3 times)")


def test_nul_byte_is_an_error():
    r = pont("segment", stdin=b"abc\0def\n")
    assert r.rc == 3
    one_error_line(r, "<stdin>:1:4: error: invalid UTF-8: NUL byte")


def test_bom_and_crlf_are_kept():
    src = "\ufeffKate : Salut !\r\nLucas : Bonjour.\r\nKate : Ça va ?\r\nLucas : Oui.\r\n".encode()
    r = pont("normalize", stdin=src)
    assert r.rc == 0
    assert r.out == ("\ufeffKate\u202f: Salut\u202f!\r\nLucas\u202f: Bonjour.\r\n"
                     "Kate\u202f: Ça va\u202f?\r\nLucas\u202f: Oui.\r\n").encode()
    r = pont("segment", "--format", "json", stdin=src)
    segs = r.json()["files"][0]["segments"]
    assert [s["text"] for s in segs] == ["Salut !", "Bonjour.", "Ça va ?", "Oui."]
    assert [s["speaker"] for s in segs] == ["Kate", "Lucas", "Kate", "Lucas"]
    assert all(src[s["start"]:s["end"]].decode() == s["text"] for s in segs)
    assert segs[0]["col"] == 8, "the BOM is not a column"
    assert segs[1]["line"] == 2 and segs[1]["col"] == 9


def test_empty_input():
    for cmd in ("segment", "normalize"):
        r = pont(cmd, stdin=b"")
        assert r.rc == 0 and r.out == b"" and r.err == b"", (cmd, r.rc, r.err)


def test_20mb_without_newline():
    sentence = "Le SRE surveille l’infra 24h/7j et M. Dupont répond aux alertes. "
    data = (sentence * (20_000_000 // len(sentence.encode()) + 1)).encode()
    assert len(data) > 20_000_000 and b"\n" not in data
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
        f.write(data)
    try:
        r = pont("segment", "--format", "tsv", f.name)
        assert r.rc == 0, r.errtext
        rows = r.out.count(b"\n") - 1
        assert rows == data.count(b"alertes."), f"{rows} sentences"
        r = pont("normalize", f.name)
        assert r.rc == 0 and len(r.out) >= len(data)
    finally:
        os.unlink(f.name)


def test_missing_and_unreadable_inputs():
    r = pont("segment", "/nonexistent/article.txt")
    assert r.rc == 4
    one_error_line(r, "/nonexistent/article.txt: error: cannot open: No such file or directory")
    r = pont("normalize", "/")
    assert r.rc == 4
    one_error_line(r, "/: error: is a directory")
    # one bad file among good ones: nothing is written, the error is reported
    r = pont("segment", SAMPLE, "/nonexistent")
    assert r.rc == 4 and r.out == b""


def test_full_disk():
    r = pont("segment", SAMPLE, "-o", "/dev/full")
    assert r.rc == 4
    one_error_line(r, "/dev/full: error: cannot write: No space left on device")
    with open("/dev/full", "wb") as full:
        import subprocess
        from pontt import ENV, PONT
        p = subprocess.run([PONT, "normalize", SAMPLE], stdout=full, stderr=subprocess.PIPE, env=ENV)
    assert p.returncode == 4 and b"No space left on device" in p.stderr


def test_no_partial_output_file():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out.txt")
        big = os.path.join(d, "big.txt")
        with open(big, "wb") as f:
            f.write(read(SAMPLE) * 200)

        def small_files():
            resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

        r = pont("normalize", big, "-o", out, preexec=small_files)
        assert r.rc == 4, r.errtext
        one_error_line(r, "cannot write")
        assert sorted(os.listdir(d)) == ["big.txt"], f"left behind: {os.listdir(d)}"
        # an existing output is left as it was
        with open(out, "w") as f:
            f.write("old")
        r = pont("segment", big, "-o", out, preexec=small_files)
        assert r.rc == 4 and open(out).read() == "old"
        assert sorted(os.listdir(d)) == ["big.txt", "out.txt"]
        # and a good run replaces it
        r = pont("segment", SAMPLE, "-o", out)
        assert r.rc == 0 and open(out).read().startswith("¶1 title")


def test_output_directory_missing():
    r = pont("segment", SAMPLE, "-o", "/nonexistent/dir/out.txt")
    assert r.rc == 4
    one_error_line(r, "/nonexistent/dir/out.txt: error: cannot create output")


def test_usage_errors():
    assert pont().rc == 2
    assert pont("frobnicate").rc == 2
    for args in (["segment", "--format", "xml"], ["segment", "--bogus"], ["normalize", "--to", "de"],
                 ["normalize", "--in-place"], ["segment", "--input", "rtf"], ["segment", "--paragraphs", "x"]):
        r = pont(*args)
        assert r.rc == 2, (args, r.rc)
        assert "--help" in r.errtext


def test_help_and_version():
    r = pont("--help")
    assert r.rc == 0 and "segment" in r.text and "normalize" in r.text and "Exit status" in r.text
    assert pont("help", "segment").text == pont("segment", "--help").text
    assert pont("--version").text.startswith("pont ")
    for cmd in ("segment", "normalize"):
        r = pont(cmd, "--help")
        assert r.rc == 0 and r.text.startswith(f"usage: pont {cmd}")


def test_in_place():
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "a.txt")
        with open(p, "w") as f:
            f.write("L'infra : oui !\n")
        os.chmod(p, 0o640)
        r = pont("normalize", "--in-place", p)
        assert r.rc == 0
        assert open(p).read() == "L’infra\u202f: oui\u202f!\n"
        assert os.stat(p).st_mode & 0o777 == 0o640, "permissions kept"
        assert os.listdir(d) == ["a.txt"]
