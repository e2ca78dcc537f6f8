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
echo
pair "pont normalize (NFC + French rules)" "uconv -x any-nfc" norm uconv_nfc
pair "pont normalize --check" "uconv -x any-nfc" norm_check uconv_nfc
echo "  goal: normalize faster than uconv (ratio < 1)"
