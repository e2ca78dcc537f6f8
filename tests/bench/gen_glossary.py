"""gen_glossary.py N OUT.tsv TERMS.txt: a synthetic glossary of N concepts for `make bench`.
The it-careers concepts come first; the rest are made of the words of the French man pages. TERMS.txt lists the French terms,
one a line, for `grep -F -f`."""
import collections
import re
import sys

n, out, terms_out, corpus, base = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
rows = [l.rstrip("\n").split("\t") for l in open(base, encoding="utf-8")]
header, rows = rows[0], rows[1:]
concepts, seen = [], set()
for r in rows:
    if r[0] not in seen:
        seen.add(r[0])
        concepts.append(r[0])
col = {name: k for k, name in enumerate(header)}   # by name: the table's columns may move


def row(**cells):
    r = [""] * len(header)
    for name, v in cells.items():
        r[col[name]] = v
    return "\t".join(r)


keep = set(concepts[:n])
lines = ["\t".join(header)] + ["\t".join(r) for r in rows if r[0] in keep]
fr_terms = [t.strip() for r in rows if r[0] in keep and r[col["lang"]] == "fr" for t in r[col["terms"]].split("|")]
words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ]{4,}", open(corpus, encoding="utf-8").read(4_000_000).lower())
pairs = collections.Counter(zip(words, words[1:]))
singles = collections.Counter(words)
# the generated terms are frequent word pairs written the other way round: real words, so the
# automaton and the inflections are as large as for real terms, but seldom found, so that the
# number of occurrences stays that of the real glossary and only its size changes
extra = [f"{b} {a}" for (a, b), _ in pairs.most_common(3 * n) if (b, a) not in pairs]
i = 0
while len(keep) < n and i < len(extra):
    cid = f"g{i}"
    term = extra[i]
    i += 1
    lines.append(row(concept=cid, subject="generated", lang="fr", terms=term, statuses="admitted", pos="noun"))
    lines.append(row(concept=cid, subject="generated", lang="en", terms="term " + cid, statuses="preferred", pos="noun"))
    fr_terms.append(term)
    keep.add(cid)
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
open(terms_out, "w", encoding="utf-8").write("\n".join(fr_terms) + "\n")
