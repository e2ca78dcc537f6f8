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
