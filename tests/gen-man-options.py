# gen-man-options.py: rewrites the "Options:" list of each `.Ss pont CMD` section of doc/pont.1 from
# `pont CMD --help` (the commands table), so that the manual and --help say the same.
# Usage: python3 tests/gen-man-options.py build/pont doc/pont.1
import re, subprocess, sys
pont, man = sys.argv[1], sys.argv[2]
text = open(man, encoding='utf-8').read()
def items(cmd):
    h = subprocess.run([pont] + cmd.split() + ['--help'], capture_output=True, text=True).stdout
    h = h.split('\nOptions:\n', 1)[1].split('\n\nExit status:', 1)[0]
    out = []
    for line in h.split('\n'):
        m = re.match(r'^  (?:-(\w), )?\s*--([a-z0-9-]+)(?: (\S+))?\s{2,}(.*)$', line) or re.match(r'^  (?:-(\w), )?\s*--([a-z0-9-]+)(?: (\S+))?$', line)
        if m and line.startswith('  ') and not line.startswith('   ' * 9):
            g = m.groups()
            out.append([g[0], g[1], g[2], g[3] if len(g) > 3 and g[3] else ''])
        else:
            out[-1][3] = (out[-1][3] + ' ' + line.strip()).strip()
    lines = []
    for short, long, arg, help in out:
        head = '.It ' + (f'Fl {short} , ' if short else '') + f'Fl -{long}' + (f' Ar {arg}' if arg else '')
        lines.append(head)
        lines.append(help[:1].upper() + help[1:])
    return lines
def fix(m):
    cmd = m.group(1)
    body = m.group(2)
    new = '\n'.join(items(cmd))
    body = re.sub(r'(Options:\n\.Bl -tag -width Ds\n)(.*?)(\n\.El)', lambda x: x.group(1) + new + x.group(3), body, count=1, flags=re.S)
    return f'.Ss pont {cmd}\n' + body
text = re.sub(r'^\.Ss pont ([a-z ]+)\n(.*?)(?=^\.Ss |^\.Sh )', fix, text, flags=re.S | re.M)
open(man, 'w', encoding='utf-8').write(text)
