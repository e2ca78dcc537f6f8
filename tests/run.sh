#!/bin/sh
# run.sh: runs every test (C unit tests, golden files, Python tests) against the build in $1
# and prints one closing line "N passed, N failed". Exit status 1 on any failure.
set -u
O=${1:-build}
export LC_ALL=C.UTF-8 PONT_BUILD="$(cd "$O" && pwd)"
pass=0 fail=0 log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {	# adds the "N passed, M failed" line of the log to the totals
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL $1: no result line"; fail=$((fail + 1)); return
	fi
	p=${line%% passed*} f=${line#*passed, }; f=${f%% failed*}
	pass=$((pass + p)) fail=$((fail + f))
}

echo "== unit tests"
for t in "$O"/tests/unit/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1; rc=$?
	cat "$log"
	count "$(basename "$t")"
	[ $rc -ne 0 ] && ! grep -qE ' [1-9][0-9]* failed$' "$log" && { echo "FAIL $t: exit $rc"; fail=$((fail + 1)); }
done

echo "== golden tests"
sh tests/run-golden.sh "$O/pont" >"$log" 2>&1
cat "$log"; count golden

echo "== python tests"
python3 tests/py/run.py >"$log" 2>&1; rc=$?
cat "$log"; count python
[ $rc -ne 0 ] && ! grep -qE ' [1-9][0-9]* failed$' "$log" && { echo "FAIL python: exit $rc"; fail=$((fail + 1)); }

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
