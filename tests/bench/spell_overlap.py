"""spell_overlap.py PONT_WORDS HUNSPELL_WORDS: compares the unknown words of `pont spell --list`
(one a line) with those of `hunspell -l` (one occurrence a line, punctuation hunspell keeps
around words removed), as distinct words, and says why the others differ."""
import re
import sys

pont = {w for w in open(sys.argv[1], encoding="utf-8").read().split("\n") if w}
raw = [w for w in open(sys.argv[2], encoding="utf-8").read().split("\n") if w]
hun = {w.strip(".,;:'’-") for w in raw} - {""}
both = pont & hun
print(f"  unknown words (distinct): pont {len(pont)}, hunspell {len(hun)} ({len(raw)} occurrences), both {len(both)}")
print(f"  of pont's, also hunspell's: {100 * len(both) / max(len(pont), 1):.1f} %")
only_h = hun - pont
not_words = {w for w in only_h if re.search(r"[\d_./@#:=$\\]", w) or re.fullmatch(r"[A-Z]{1,5}s?", w)
             or re.search(r"[a-z][A-Z]", w) or len(w) < 2 or w.startswith("-")}
print(f"  of hunspell's {len(only_h)} that pont does not report: {len(not_words)} are not words by pont's rules "
      f"(digits, identifiers, paths, options, acronyms, mixed case); the other {len(only_h) - len(not_words)} are "
      f"in sentences pont reads as English or as code, or accepted by its rules (elisions, compounds, hyphenated options, word lists)")
