"""The docs keep up with the code: every command is in the README and the man page with every
option it takes (and no other), and every exit code the CLI uses is documented."""
import os
import re

from pontt import ROOT, pont


def options():
    """{command: [(short, long, argument)]} from the commands table (pont help --options)."""
    r = pont("help", "--options")
    assert r.rc == 0, r.errtext
    table = {}
    for line in r.text.splitlines():
        cmd, short, long, arg = line.split("\t")
        table.setdefault(cmd, []).append((short, long, arg))
    return table


def commands():
    return list(options())


def man_section(man, cmd):
    head = f".Ss pont {cmd}\n"
    assert head in man, f"{cmd} has no section in pont.1"
    return re.split(r"^\.S[sh] ", man.split(head, 1)[1], maxsplit=1, flags=re.M)[0]


def test_commands_documented():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    man = open(os.path.join(ROOT, "doc", "pont.1"), encoding="utf-8").read()
    cmds = commands()
    assert len(cmds) >= 2
    for c in cmds:
        assert f"pont {c}" in readme, f"{c} missing from the README tour"
        man_section(man, c)
        assert pont(*c.split(), "--help").rc == 0


def test_options_documented_once():
    """Each command's options: its --help (generated from the table) and its section of the
    manual list the same ones, no more, no less."""
    man = open(os.path.join(ROOT, "doc", "pont.1"), encoding="utf-8").read()
    table = options()
    assert len(table) >= 15
    for cmd, opts in table.items():
        want = {long for _, long, _ in opts}
        section = man_section(man, cmd)
        listed = set("--" + m for m in re.findall(r"^\.It (?:Fl \w , )?Fl -([a-z0-9-]+)", section, re.M))
        assert listed == want, f"pont {cmd}: in the manual only {sorted(listed - want)}, not in it {sorted(want - listed)}"
        help_text = pont(*cmd.split(), "--help").text
        for short, long, arg in opts:
            shown = (f"{short}, " if short else "") + long + (f" {arg}" if arg else "")
            assert shown in help_text, f"pont {cmd} --help lacks {shown}"


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
