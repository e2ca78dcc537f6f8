"""pontt: helpers for pont's Python tests: run the binary, find the shared corpus, check things."""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("PONT_BUILD", os.path.join(ROOT, "build"))
PONT = os.path.join(BUILD, "pont")
CORPUS = os.environ.get("PONT_CORPUS", os.path.join(os.path.dirname(ROOT), "shared", "corpus"))
DATA = os.path.join(ROOT, "tests", "data")
ENV = dict(os.environ, LC_ALL="C.UTF-8")


class Result:
    def __init__(self, p):
        self.rc = p.returncode
        self.out = p.stdout
        self.err = p.stderr

    @property
    def text(self):
        return self.out.decode("utf-8")

    @property
    def errtext(self):
        return self.err.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.out)


def pont(*args, stdin=b"", cwd=None, preexec=None, timeout=600, env=None):
    """Runs pont with args (str or bytes); stdin is bytes; env replaces the environment."""
    p = subprocess.run([PONT] + [str(a) for a in args], input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env or ENV, cwd=cwd, preexec_fn=preexec, timeout=timeout)
    return Result(p)


def corpus(*parts):
    path = os.path.join(CORPUS, *parts)
    if not os.path.exists(path):
        raise AssertionError(f"shared corpus file missing: {path} (set PONT_CORPUS)")
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def say(msg):
    """Prints a measured figure: kept in the test log."""
    print(f"    {msg}")
    sys.stdout.flush()
