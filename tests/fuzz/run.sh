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
	len=8192
	case $name in
	fuzz_tbx|fuzz_tmx|fuzz_xliff)	# XML: seeds as they are, and deep ones (depth and size)
		len=65536
		for s in tests/fuzz/corpus-${name#fuzz_}/*; do
			case $s in */SOURCES) continue ;; esac
			cp "$s" "$work/seed-$(basename "$s")"
		done
		deep=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "<hi>"; printf "x"; for (i = 0; i < 3000; i++) printf "</hi>" }')
		case $name in
		fuzz_tbx) printf '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c"><langSec xml:lang="fr"><termSec><term>%s</term></termSec></langSec></conceptEntry></body></text></tbx>' "$deep" ;;
		fuzz_tmx) printf '<tmx version="1.4"><header srclang="fr"/><body><tu><tuv xml:lang="fr"><seg>a %s</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>' "$deep" ;;
		fuzz_xliff) printf '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="fr" trgLang="en"><file id="f"><unit id="u"><segment><source>%s</source></segment></unit></file></xliff>' "$(echo "$deep" | sed 's/<hi>/<pc id="1">/g; s/<\/hi>/<\/pc>/g')" ;;
		esac >"$work/seed-deep" ;;
	fuzz_report)	# pairs of texts: the golden inputs two by two
		prev=
		for s in tests/golden/*/*.in tests/fuzz/corpus/*; do
			[ -f "$s" ] || continue
			[ -n "$prev" ] && { head -c 3000 "$prev"; printf '\036'; head -c 3000 "$s"; } >"$work/seed-$(basename "$s")"
			prev=$s
		done ;;
	*)		# byte 0 picks the options
		for s in tests/golden/*/*.in tests/fuzz/corpus/*; do
			[ -f "$s" ] && { printf '\001'; cat "$s"; } >"$work/seed-$(basename "$s")"
		done
		# real structures: Markdown and HTML (0x40: HTML where the target reads it)
		for s in tests/data/structures.*; do
			{ printf '\103'; cat "$s"; } >"$work/seed-$(basename "$s")"
		done ;;
	esac
	echo "== $name: ${secs}s"
	"$f" -max_total_time="$secs" -max_len="$len" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$dir/$name-" "$work" 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|crash|Done' || true
	for a in "$dir/$name-"*; do
		[ -e "$a" ] || continue
		echo "fuzz: $name found a problem; reproduce with: $f $a" >&2
		exit 1
	done
done
echo "fuzz: no findings"
