"""The docs keep up with the code: every command is in the README and the man page, and every
exit code the CLI uses is documented."""
import os
import re

from pontt import ROOT, pont


def commands():
    text = pont("--help").text
    block = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.strip().split("\n")]


def test_commands_documented():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    man = open(os.path.join(ROOT, "doc", "pont.1"), encoding="utf-8").read()
    cmds = commands()
    assert len(cmds) >= 2
    for c in cmds:
        assert f"pont {c}" in readme, f"{c} missing from the README tour"
        assert re.search(rf"^\.It Cm {c}\b", man, re.M), f"{c} missing from pont.1"
        assert pont(c, "--help").rc == 0


def test_exit_codes_documented():
    man = open(os.path.join(ROOT, "doc", "pont.1"), encoding="utf-8").read()
    cli = open(os.path.join(ROOT, "src", "cli", "cli.h"), encoding="utf-8").read()
    codes = [int(n) for n in re.findall(r"EXIT_\w+ = (\d)", cli)]
    assert codes == [0, 1, 2, 3, 4]
    section = man.split(".Sh EXIT STATUS", 1)[1].split(".Sh ", 1)[0]
    for c in codes:
        assert f".It {c}" in section, f"exit code {c} not in pont.1"


def test_readme_starts_with_the_two_commands():
    head = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read().split("\n")[:12]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)
