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

# median wall time in seconds of a command (output discarded)
median() {
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s.%N)
		"$@" >/dev/null || true		# --check exits 1 when it finds something
		e=$(date +%s.%N)
		awk -v s="$s" -v e="$e" 'BEGIN { printf "%.4f\n", e - s }'
		i=$((i + 1))
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

mb=$(stat -c %s "$big" | awk '{ printf "%.2f", $1 / 1e6 }')
line() {	# name seconds floor-name floor-seconds
	awk -v n="$1" -v t="$2" -v fn="$3" -v ft="$4" -v mb="$mb" 'BEGIN {
		printf "%-34s %7.3f s %8.1f MB/s | %-30s %7.3f s | ratio %.2f\n", n, t, mb / t, fn, ft, t / ft }'
}

echo "pont bench: $big ($mb MB), median of $RUNS runs, $(nproc) cores"
echo
t_icu=$(median "$O/bench/icu_sentence_loop" fr "$big")
t_seg=$(median "$pont" segment --format tsv "$big")
t_segj=$(median "$pont" segment --format json "$big")
line "pont segment --format tsv" "$t_seg" "raw ICU sentence loop (UTF-8)" "$t_icu"
line "pont segment --format json" "$t_segj" "raw ICU sentence loop (UTF-8)" "$t_icu"
echo "  goal: segment <= 2x the raw ICU loop"
echo
t_uconv=$(median uconv -x any-nfc "$big")
t_norm=$(median "$pont" normalize "$big")
t_nfc=$(median "$pont" normalize --check "$big")
line "pont normalize (NFC + French rules)" "$t_norm" "uconv -x any-nfc" "$t_uconv"
line "pont normalize --check" "$t_nfc" "uconv -x any-nfc" "$t_uconv"
echo "  goal: normalize faster than uconv (ratio < 1)"
