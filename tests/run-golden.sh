#!/bin/sh
# run-golden.sh: golden tests. Each tests/golden/CMD/CASE.in is fed to `pont CMD $(cat CASE.args)`
# on standard input; stdout must equal CASE.out, stderr CASE.err (empty when absent) and the exit
# code CASE.rc (0 when absent). UPDATE=1 rewrites the expectations: review the diff like code.
set -u
pont=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
: >"$tmp/empty"
echo 0 >"$tmp/zero"
for in in tests/golden/*/*.in; do
	c=${in%.in} cmd=$(basename "$(dirname "$in")")
	# shellcheck disable=SC2046
	(cd "$(dirname "$in")" && LC_ALL=C.UTF-8 "$pont" "$cmd" $(cat "$(basename "$c").args" 2>/dev/null)) \
		<"$in" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/rc"
	if [ -n "${UPDATE:-}" ]; then
		cp "$tmp/out" "$c.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$c.err"; else rm -f "$c.err"; fi
		if [ "$(cat "$tmp/rc")" != 0 ]; then cp "$tmp/rc" "$c.rc"; else rm -f "$c.rc"; fi
	fi
	ok=1
	for k in out err rc; do
		want=$c.$k
		[ -f "$want" ] || case $k in out) want=/nonexistent ;; err) want=$tmp/empty ;; rc) want=$tmp/zero ;; esac
		if ! diff -u "$want" "$tmp/$k" >"$tmp/diff" 2>&1; then
			echo "FAIL golden $c ($k)"; cat "$tmp/diff"; ok=0
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
