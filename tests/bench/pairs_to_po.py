"""pairs_to_po.py FR.txt EN.txt OUT.po: a paragraph-aligned pair of documents as a PO file
(msgid the French paragraph, msgstr the English one), for translate-toolkit's pofilter."""
import sys

fr = open(sys.argv[1], encoding="utf-8").read().split("\n")
en = open(sys.argv[2], encoding="utf-8").read().split("\n")


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


with open(sys.argv[3], "w", encoding="utf-8") as out:
    out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n')
    seen = set()
    for i, (f, e) in enumerate(zip(fr, en)):
        if not f.strip() or not e.strip():
            continue
        ctx = f"p{i + 1}"
        out.write(f"msgctxt {q(ctx)}\nmsgid {q(f)}\nmsgstr {q(e)}\n\n")
