#!/bin/sh
# demo.sh: the main job on the bundled sample interview, as `make demo` shows it.
set -eu
pont=$1
article=samples/lucas-ops-microsoft.fr.txt
export LC_ALL=C.UTF-8
echo "== pont segment $article (structure and sentences, first paragraphs)"
"$pont" segment "$article" | head -n 28
echo "   ..."
echo
echo "== sentences per kind of paragraph"
"$pont" segment --format tsv "$article" | awk -F'\t' 'NR > 1 { n[$4 ($5 != "" ? " " $5 : "")]++ } END { for (k in n) printf "   %-12s %d\n", k, n[k] }' | sort
echo
echo "== pont normalize --check $article (French typography; first findings)"
"$pont" normalize --check "$article" | head -n 6 || true
echo "   ... $("$pont" normalize --check "$article" | wc -l) changes in all: $("$pont" normalize --check "$article" | sed 's/.*\[\(.*\)\].*/\1/' | sort | uniq -c | awk '{printf "%s %s, ", $1, $2}')"
echo
echo "== pont normalize --to en $article (English typography for the edition; first turns)"
"$pont" normalize --to en "$article" | sed -n '5,7p' | cut -c1-160
echo
echo "== pont terms $article (glossary terms and the English to use; first lines and the count)"
"$pont" terms "$article" | head -n 5 | cut -c1-160
"$pont" terms "$article" | tail -n 1 | cut -c1-160
echo
echo "== pont spell --glossary glossaries/it-careers.tbx $article (Hunspell; nothing to report is good news)"
"$pont" spell --glossary glossaries/it-careers.tbx --stats "$article" && echo "   no spelling error"
echo "   names taken as names (pont spell -v):"
"$pont" spell --glossary glossaries/it-careers.tbx -v "$article" | sed 's/^/   /'
echo
echo "== the same interview with three typos seeded"
sed -e '0,/parcours/s//parcour/' -e 's/développeur/dévelopeur/' -e 's/carrière/carriere/' "$article" |
	"$pont" spell --glossary glossaries/it-careers.tbx --suggestions 3 | sed 's/^/   /' || true
echo
echo "== pont prepare $article -o lucas.xlf (the XLIFF 2.1 work file; one unit)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$pont" prepare "$article" -o "$work/lucas.xlf"
echo "   $(grep -c '<unit ' "$work/lucas.xlf") units, $(grep -c '<segment ' "$work/lucas.xlf") segments, $(grep -c '<gls:glossEntry>' "$work/lucas.xlf") glossary entries"
sed -n '/<unit id=[^>]*pont:turn/,/<\/unit>/p' "$work/lucas.xlf" | head -n 40 | sed 's/^/   /'
echo
echo "== pont merge without translations: where the work is left"
"$pont" merge "$work/lucas.xlf" -o "$work/lucas.en.txt" 2>&1 | head -n 3 | sed 's/^/   /' || true
echo "   ..."
echo
echo "== pont check: the French interview against an English edition (tests/data), then with errors"
"$pont" check --source "$article" --target tests/data/lucas-ops-microsoft.en.txt && echo "   no finding"
sed -e 's/Lucas, 32,/Lucas, 33,/' -e 's/a permanent contract/a CDI/' -e 's/Hi Lucas!/Hi Lucas !/' \
	tests/data/lucas-ops-microsoft.en.txt >"$work/lucas.en.txt"
"$pont" check --source "$article" --target "$work/lucas.en.txt" | sed 's/^/   /' || true
echo
echo "== pont translate $article -o lucas.draft.xlf (a machine draft: Apertium, glossary terms enforced)"
"$pont" translate "$article" -o "$work/draft.xlf" 2>&1 | cut -c1-300 | sed 's/^/   /'
echo "   first turn, French and draft:"
sed -n '/<unit id=[^>]*pont:turn/,/<\/unit>/p' "$work/draft.xlf" | grep '<segment ' | head -n 3 |
	sed -e 's/<[^>]*>/ | /g' -e 's/^[ |]*//' -e 's/ | *| */ => /' -e 's/[ |]*$//' | cut -c1-220 | sed 's/^/   /'
echo
echo "== pont check of the draft: its glossary terms (the draft's rough English is for post-editing)"
"$pont" check --disable all --enable term-missing --enable term-forbidden "$work/draft.xlf" && echo "   every term landed"
echo
echo "== pont align: the interview and its English edition, as sentence pairs for the memory"
"$pont" align "$article" tests/data/lucas-ops-microsoft.en.txt -o "$work/pairs.tmx" 2>&1 | cut -c1-300 | sed 's/^/   /'
"$pont" align -f text "$article" tests/data/lucas-ops-microsoft.en.txt 2>/dev/null | sed -n '13,20p' | cut -c1-160 | sed 's/^/   /'
