"""tm_setup.py CORPUS_TM_GZ OUTDIR: the translation-memory bench's data, from the shared
193 000-pair memory (English -> French catalogs, used French -> English). Every 100th row is
held out as a query (1 000 of them); the others make the memories:
  all.tsv      every other row (the full memory, for the agreement run)
  m100k.tsv    the first 100 000 of them
  queries.txt  the 1 000 held-out French segments
  queries.pot  the first PT_QUERIES of them for translate-toolkit's pretranslate, empty.pot none
"""
import gzip
import os
import sys

src, out = sys.argv[1], sys.argv[2]
pt = int(os.environ.get("PT_QUERIES", "50"))
units, held = [], []
with gzip.open(src, "rt", encoding="utf-8") as f:
    f.readline()
    for i, line in enumerate(f):
        en, fr = line.rstrip("\n").split("\t")[:2]
        (held if i % 100 == 50 and len(held) < 1000 else units).append((fr, en))


def tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("fr\ten\n")
        for fr, en in rows:
            f.write(f"{fr}\t{en}\n")


def unescape(s):
    return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def po_string(s):
    return '"' + unescape(s).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


tsv(os.path.join(out, "all.tsv"), units)
tsv(os.path.join(out, "m100k.tsv"), units[:100000])
with open(os.path.join(out, "queries.txt"), "w", encoding="utf-8") as f:
    for fr, _ in held:
        f.write(fr.replace("\\n", " ").replace("\\t", " ") + "\n")
header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
with open(os.path.join(out, "queries.pot"), "w", encoding="utf-8") as f:
    f.write(header)
    for fr, _ in held[:pt]:
        f.write(f"msgid {po_string(fr.replace(chr(92) + 'n', ' '))}\nmsgstr \"\"\n\n")
with open(os.path.join(out, "empty.pot"), "w", encoding="utf-8") as f:
    f.write(header)
print(f"{len(units)} units, {len(held)} queries")
