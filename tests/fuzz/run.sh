#!/bin/sh
# run.sh: runs each libFuzzer target in DIR/bin for SECONDS, seeded from tests/fuzz/corpus and the
# golden inputs. Any crash or invariant failure stops with a non-zero exit and the reproducer.
set -eu
dir=$1 secs=$2
for f in "$dir"/bin/fuzz_*; do
	name=$(basename "$f")
	work=$dir/corpus-$name
	mkdir -p "$work"
	rm -f "$dir/$name-"crash-* "$dir/$name-"timeout-* "$dir/$name-"leak-* "$dir/$name-"oom-*
	case $name in
	fuzz_tbx|fuzz_tmx|fuzz_xliff)	# XML: seeds as they are
		for s in tests/fuzz/corpus-${name#fuzz_}/*; do
			case $s in */SOURCES) continue ;; esac
			cp "$s" "$work/seed-$(basename "$s")"
		done ;;
	*)		# byte 0 picks the options
		for s in tests/golden/*/*.in tests/fuzz/corpus/*; do
			[ -f "$s" ] && { printf '\001'; cat "$s"; } >"$work/seed-$(basename "$s")"
		done ;;
	esac
	echo "== $name: ${secs}s"
	"$f" -max_total_time="$secs" -max_len=8192 -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$dir/$name-" "$work" 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|crash|Done' || true
	for a in "$dir/$name-"*; do
		[ -e "$a" ] || continue
		echo "fuzz: $name found a problem; reproduce with: $f $a" >&2
		exit 1
	done
done
echo "fuzz: no findings"
