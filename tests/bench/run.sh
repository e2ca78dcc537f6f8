#!/bin/sh
# run.sh: pont's benchmarks, each next to its floor measured in the same run, with the ratio.
# Wall time, median of RUNS runs (default 5). Usage: run.sh BUILD_DIR
set -eu
O=$1
RUNS=${RUNS:-5}
CORPUS=${PONT_CORPUS:-../shared/corpus}
export LC_ALL=C.UTF-8
pont=$O/pont
big=$CORPUS/fr-prose/manpages.fr.txt
[ -f "$big" ] || { echo "bench: $big is missing (set PONT_CORPUS)" >&2; exit 1; }

# one wall-time sample of a command, in seconds (output discarded)
sample() {
	s=$(date +%s.%N)
	"$@" >/dev/null || true		# --check exits 1 when it finds something
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f\n", e - s }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# pair NAME FLOOR-NAME FN FLOOR-FN: runs the two shell functions alternately RUNS times, so both
# see the same machine, and prints both medians and the ratio
pair() {
	: >"$tmp/a"
	: >"$tmp/b"
	i=0
	while [ $i -lt "$RUNS" ]; do
		sample "$3" >>"$tmp/a"
		sample "$4" >>"$tmp/b"
		i=$((i + 1))
	done
	line "$1" "$(median <"$tmp/a")" "$2" "$(median <"$tmp/b")"
}

# verdict GOAL: whether the last pair's ratio is at most GOAL
verdict() {
	awk -v a="$(median <"$tmp/a")" -v b="$(median <"$tmp/b")" -v g="$1" 'BEGIN {
		printf "  goal: ratio <= %s: %s\n", g, a / b <= g ? "met" : "NOT met" }'
}

seg_tsv() { "$pont" segment --format tsv "$big"; }
seg_json() { "$pont" segment --format json "$big"; }
icu_loop() { "$O/bench/icu_sentence_loop" fr "$big"; }
norm() { "$pont" normalize "$big"; }
norm_check() { "$pont" normalize --check "$big"; }
uconv_nfc() { uconv -x any-nfc "$big"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mb=$(stat -c %s "$big" | awk '{ printf "%.2f", $1 / 1e6 }')
line() {	# name seconds floor-name floor-seconds
	awk -v n="$1" -v t="$2" -v fn="$3" -v ft="$4" -v mb="$mb" 'BEGIN {
		printf "%-34s %7.3f s %8.1f MB/s | %-30s %7.3f s | ratio %.2f\n", n, t, mb / t, fn, ft, t / ft }'
}

echo "pont bench: $big ($mb MB), median of $RUNS alternating runs, $(nproc) cores"
echo
pair "pont segment --format tsv" "raw ICU sentence loop (UTF-8)" seg_tsv icu_loop
pair "pont segment --format json" "raw ICU sentence loop (UTF-8)" seg_json icu_loop
echo "  goal: segment <= 2x the raw ICU loop"

# --- reading articles: pont's document model next to the parser it stands on, alone ---
R=$O/bench/read
mkdir -p "$R"
: >"$R/big.md"
: >"$R/big.html"
for i in $(seq 30); do
	cat "$CORPUS"/articles/*/*.md >>"$R/big.md"
	cat "$CORPUS"/articles/*/*.html >>"$R/big.html"
done
read_md() { "$O/bench/read_loop" pont-md "$R/big.md"; }
read_cmark() { "$O/bench/read_loop" cmark "$R/big.md"; }
read_html() { "$O/bench/read_loop" pont-html "$R/big.html"; }
read_gumbo() { "$O/bench/read_loop" gumbo "$R/big.html"; }
echo
mb_saved=$mb
mb=$(stat -c %s "$R/big.md" | awk '{ printf "%.2f", $1 / 1e6 }')
pair "read Markdown (pont's blocks)" "cmark-gfm parse + walk alone" read_md read_cmark
verdict 2
mb=$(stat -c %s "$R/big.html" | awk '{ printf "%.2f", $1 / 1e6 }')
pair "read HTML (pont's blocks)" "gumbo parse + walk alone" read_html read_gumbo
verdict 2
mb=$mb_saved
echo
pair "pont normalize (NFC + French rules)" "uconv -x any-nfc" norm uconv_nfc
pair "pont normalize --check" "uconv -x any-nfc" norm_check uconv_nfc
echo "  goal: normalize faster than uconv (ratio < 1)"

# --- terms: glossaries of 100, 1 000 and 10 000 concepts (it-careers, then generated ones) ---
B=$O/bench
mkdir -p "$B"
"$pont" glossary convert glossaries/it-careers.tbx "$B/base.tsv"
for n in 100 1000 10000; do
	python3 tests/bench/gen_glossary.py $n "$B/g$n.tsv" "$B/g$n.terms" "$big" "$B/base.tsv"
	"$pont" glossary convert "$B/g$n.tsv" "$B/g$n.tbx"
done
echo
echo "pont terms on the same file (French terms of the glossary; compile = load the TBX and the"
echo "Hunspell dictionary, build the automaton with its inflected forms; match = the rest)"
for n in 100 1000 10000; do
	eval "terms_$n() { \"\$pont\" terms --format tsv -g \"\$B/g$n.tbx\" \"\$big\"; }"
	eval "compile_$n() { \"\$pont\" terms --format tsv -g \"\$B/g$n.tbx\" /dev/null; }"
	eval "grep_$n() { grep -F -o -i -f \"\$B/g$n.terms\" \"\$big\"; }"
	t_all=$(for i in $(seq "$RUNS"); do sample "terms_$n"; done | median)
	t_comp=$(for i in $(seq "$RUNS"); do sample "compile_$n"; done | median)
	hits=$("$pont" terms --format tsv -g "$B/g$n.tbx" "$big" | tail -n +2 | wc -l)
	awk -v n="$n" -v a="$t_all" -v c="$t_comp" -v mb="$mb" -v h="$hits" 'BEGIN {
		printf "  %5d concepts: %6.3f s in all (%5.1f MB/s), compile %5.3f s, match %5.3f s (%5.1f MB/s), %d occurrences\n",
			n, a, mb / a, c, a - c, mb / (a - c), h }'
	eval "t_terms_$n=$t_all"
done
t_grep=$(sample grep_100)
echo "  floor: grep -F -o -i -f with the 100-concept term list: $t_grep s; with 10 000: $(sample grep_10000) s"
awk -v a="$t_terms_100" -v b="$t_terms_10000" 'BEGIN { printf "  10 000 concepts vs 100: ratio %.2f (goal <= 1.5; goal >= 20 MB/s)\n", b / a }'
echo
stats_10000() { "$pont" glossary stats -g "$B/g10000.tbx"; }
xmlwf_10000() { xmlwf "$B/g10000.tbx"; }
t_load=$(for i in $(seq "$RUNS"); do sample stats_10000; done | median)
t_xmlwf=$(for i in $(seq "$RUNS"); do sample xmlwf_10000; done | median)
awk -v a="$t_load" -v b="$t_xmlwf" -v kb="$(stat -c %s "$B/g10000.tbx")" 'BEGIN {
	printf "TBX load, 10 000 concepts (%.1f MB): pont glossary stats %.3f s | xmlwf %.3f s | ratio %.2f\n",
		kb / 1e6, a, b, a / b }'

# --- the corners that were quadratic: 100 000-deep inline markup in a TBX term (next to xmlwf,
# expat alone), and the 10 000-concept table as TSV (a concept id scan per row was quadratic) ---
python3 -c "
n = 100000
print('<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>'
      '<conceptEntry id=\"c\"><langSec xml:lang=\"fr\"><termSec><term>' + '<hi>' * n + 'x' + '</hi>' * n +
      '</term></termSec></langSec></conceptEntry></body></text></tbx>')" >"$B/deep.tbx"
deep_pont() { "$pont" glossary validate "$B/deep.tbx"; }
deep_xmlwf() { xmlwf "$B/deep.tbx"; }
mb=$(stat -c %s "$B/deep.tbx" | awk '{ printf "%.2f", $1 / 1e6 }')
pair "TBX, a term 100 000 <hi> deep" "xmlwf (expat alone)" deep_pont deep_xmlwf
table_pont() { "$pont" glossary stats -g "$B/g10000.tsv"; }
table_tbx() { "$pont" glossary stats -g "$B/g10000.tbx"; }
mb=$(stat -c %s "$B/g10000.tsv" | awk '{ printf "%.2f", $1 / 1e6 }')
pair "TSV glossary, 10 000 concepts" "the same as TBX" table_pont table_tbx
echo "  goal: each under 1 s"

# --- spell: pont spell --list next to hunspell -l on the same file; the flagged-word sets are
# compared so that speed is not bought by skipping words ---
SPELL_RUNS=${SPELL_RUNS:-3}
spell_list() { "$pont" spell --list --lang fr "$big"; }
hunspell_list() { hunspell -d fr_FR -l "$big"; }
echo
saved=$RUNS
RUNS=$SPELL_RUNS
pair "pont spell --list --lang fr" "hunspell -d fr_FR -l" spell_list hunspell_list
RUNS=$saved
echo "  goal: pont spell at least 5x hunspell's throughput (ratio <= 0.2)"
"$pont" spell --list --lang fr "$big" | cut -f2 >"$tmp/pont.words"
hunspell -d fr_FR -l "$big" >"$tmp/hunspell.words"
python3 tests/bench/spell_overlap.py "$tmp/pont.words" "$tmp/hunspell.words"

# --- translation memory: look-ups on a 100 000-unit memory, next to translate-toolkit's
# pretranslate with the same memory (as TMX) and queries held out of it ---
echo
PT_QUERIES=${PT_QUERIES:-50}
export PT_QUERIES
python3 tests/bench/tm_setup.py "$CORPUS/tm/segments_dedup.tsv.gz" "$B" >/dev/null
rm -f "$B/m100k.ptm" "$B/all.ptm"
s=$(date +%s.%N)
"$pont" tm import --tm "$B/m100k.ptm" "$B/m100k.tsv" 2>/dev/null
e=$(date +%s.%N)
"$pont" tm export --tm "$B/m100k.ptm" -o "$B/m100k.tmx"
echo "pont tm import of 100 000 units (TSV): $(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f", e - s }') s," \
	"memory file $(stat -c %s "$B/m100k.ptm" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
"$pont" tm lookup --tm "$B/m100k.ptm" --queries "$B/queries.txt" --timing >/dev/null 2>"$tmp/timing" || true
cat "$tmp/timing"
pont_ms=$(sed -n 's/.*(\([0-9.]*\) ms each.*/\1/p' "$tmp/timing")
pt() { /usr/bin/time -f "%e %M" pretranslate --tm="$B/m100k.tmx" -t "$B/empty.pot" -i "$1" -o "$tmp/out.po" 2>&1 >/dev/null | tail -n 1; }
pt_empty=$(pt "$B/empty.pot")
pt_full=$(pt "$B/queries.pot")
echo "translate-toolkit pretranslate, same memory as TMX: load $(echo "$pt_empty" | cut -d' ' -f1) s;" \
	"$PT_QUERIES queries in $(echo "$pt_full" | cut -d' ' -f1) s in all; peak RSS $(echo "$pt_full" | awk '{ printf "%d MB", $2 / 1024 }')"
awk -v a="$pt_empty" -v b="$pt_full" -v n="$PT_QUERIES" -v p="$pont_ms" 'BEGIN {
	split(a, x, " "); split(b, y, " "); per = 1000 * (y[1] - x[1]) / n
	printf "  per look-up: pretranslate %.1f ms, pont %.3f ms: pont is %.0fx faster (goal >= 20x)\n", per, p, per / p }'

# the whole memory (192 190 units): the index's best match and score against scoring every unit
"$pont" tm import --tm "$B/all.ptm" "$B/all.tsv" 2>/dev/null
"$pont" tm lookup --tm "$B/all.ptm" --queries "$B/queries.txt" --format tsv --max 1 --min-score 50 --timing \
	>"$tmp/fast.tsv" 2>"$tmp/t1" || true
"$pont" tm lookup --tm "$B/all.ptm" --queries "$B/queries.txt" --format tsv --max 1 --min-score 50 --brute-force \
	--timing >"$tmp/slow.tsv" 2>"$tmp/t2" || true
echo "192 190 units, 1 000 held-out queries: index $(sed -n 's/.*(\([0-9.]*\) ms each.*/\1/p' "$tmp/t1") ms per look-up," \
	"brute force $(sed -n 's/.*(\([0-9.]*\) ms each.*/\1/p' "$tmp/t2") ms"
python3 - "$tmp/fast.tsv" "$tmp/slow.tsv" <<'PY'
import sys
def best(p):
    out = {}
    for line in open(p, encoding="utf-8").read().split("\n")[1:]:
        if line:
            q, score, unit = line.split("\t")[:3]
            out[q] = (score, unit)
    return out
a, b = best(sys.argv[1]), best(sys.argv[2])
keys = set(a) | set(b)
same = sum(1 for k in keys if a.get(k) == b.get(k))
print(f"  queries with a match >= 50 %: {len(b)}; index and brute force agree on {same} of {len(keys)} "
      f"({100 * same / max(len(keys), 1):.1f} %; goal >= 99 %)")
PY

# the memory at 100 000 and 1 000 000 units in a file and on PostgreSQL (a throwaway server),
# short queries on their own row, next to a pg_trgm similarity query and to pretranslate
echo
PT_MS=$(awk -v a="$pt_empty" -v b="$pt_full" -v n="$PT_QUERIES" 'BEGIN {
	split(a, x, " "); split(b, y, " "); printf "%.1f", 1000 * (y[1] - x[1]) / n }') python3 tests/bench/tm_server.py "$pont" "$B"

# --- translation QA: pont check on the largest paragraph-aligned pair, next to translate-toolkit's
# pofilter on the same pairs as PO (msgid French, msgstr English) ---
echo
fr_doc=$CORPUS/parallel/aptitude-doc.fr.txt
en_doc=$CORPUS/parallel/aptitude-doc.en.txt
python3 tests/bench/pairs_to_po.py "$fr_doc" "$en_doc" "$B/aptitude.po"
check_run() { "$pont" check --source "$fr_doc" --target "$en_doc"; }
pofilter_run() { pofilter "$B/aptitude.po" "$tmp/pofilter.po"; }
saved=$RUNS
RUNS=${CHECK_RUNS:-3}
mb=$(cat "$fr_doc" "$en_doc" | wc -c | awk '{ printf "%.2f", $1 / 1e6 }')
pair "pont check (aptitude-doc FR/EN)" "pofilter (same pairs as PO)" check_run pofilter_run
RUNS=$saved
echo "  pont check: $("$pont" check --source "$fr_doc" --target "$en_doc" | wc -l) findings;" \
	"pofilter: $(grep -c '^#, fuzzy\|^# (pofilter)' "$tmp/pofilter.po" 2>/dev/null || echo 0) flagged units"
echo "  goal: pont check at least 10x faster than pofilter (ratio <= 0.1)"

# --- alignment: pont align on the largest document pair, at x1, x2 and x4 its size (copies one
# after the other), with peak memory: the programme runs in a band, so time and memory should grow
# about linearly ---
echo
echo "pont align (sentence pairs, TSV) on aptitude-doc FR/EN; median of $RUNS runs"
for k in 1 2 4; do
	: >"$tmp/fr$k"
	: >"$tmp/en$k"
	i=0
	while [ $i -lt $k ]; do
		cat "$fr_doc" >>"$tmp/fr$k"
		cat "$en_doc" >>"$tmp/en$k"
		i=$((i + 1))
	done
	align_run() { "$pont" align "$tmp/fr$k" "$tmp/en$k" 2>/dev/null; }
	: >"$tmp/a"
	i=0
	while [ $i -lt "$RUNS" ]; do
		sample align_run >>"$tmp/a"
		i=$((i + 1))
	done
	t=$(median <"$tmp/a")
	rss=$(/usr/bin/time -f "%M" -o "$tmp/rss" "$pont" align "$tmp/fr$k" "$tmp/en$k" >/dev/null 2>&1; tail -1 "$tmp/rss")
	sents=$("$pont" align "$tmp/fr$k" "$tmp/en$k" 2>&1 >/dev/null | sed -n 's/.*note: \([0-9]*\) French and \([0-9]*\) English sentences.*/\1 + \2/p')
	[ "$k" = 1 ] && t1=$t
	awk -v k="$k" -v t="$t" -v t1="$t1" -v rss="$rss" -v s="$sents" 'BEGIN {
		printf "  x%d: %-22s sentences %7.3f s  peak RSS %6.1f MB  time / time(x1) %.2f\n", k, s, t, rss / 1024, t / t1 }'
done
echo "  goal: a 5 000-sentence document in seconds; time and memory about linear in the size"

# --- machine drafts: pont translate on the FAQ (about 2 500 sentences) next to the engine alone on
# the same sentences, in one run: what pont adds per segment (segmentation, terms, placeholders,
# memory look-ups, term checks, XLIFF) on top of Apertium's own time ---
echo
faq=$CORPUS/parallel/debian-faq.fr.txt
"$pont" segment --format tsv "$faq" | awk -F'\t' 'NR > 1 { print $NF }' >"$tmp/faq.lines"
nseg=$(wc -l <"$tmp/faq.lines")
translate_run() { "$pont" translate "$faq" -o "$tmp/faq.xlf" 2>/dev/null; }
engine_run() { apertium fr-es <"$tmp/faq.lines" | apertium spa-eng; }
saved=$RUNS
RUNS=${TRANSLATE_RUNS:-3}
mb=$(stat -c %s "$faq" | awk '{ printf "%.2f", $1 / 1e6 }')
pair "pont translate (debian-faq, Apertium)" "Apertium alone, same sentences" translate_run engine_run
RUNS=$saved
awk -v a="$(median <"$tmp/a")" -v b="$(median <"$tmp/b")" -v n="$nseg" 'BEGIN {
	printf "  %d segments: pont adds %.3f s in all, %.2f ms per segment, on top of the engine\n", n, a - b, 1000 * (a - b) / n }'
