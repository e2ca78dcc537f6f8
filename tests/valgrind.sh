#!/bin/sh
# valgrind.sh: every command of the demo (tests/demo.sh) under valgrind's memcheck, each run with
# --error-exitcode=9 and its own log; fails when any run reports an error (a bad read or write,
# a use of uninitialised memory, a leak) beyond what tests/valgrind.supp documents.
set -eu
pont=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(pwd)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# pont writes to a file, shown after: the demo's "| head" must not kill it halfway (a run killed
# by SIGPIPE leaves its memory to the system, and valgrind would count it)
cat >"$logs/pont" <<WRAP
#!/bin/sh
out=\$(mktemp)
valgrind -q --error-exitcode=9 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	--errors-for-leak-kinds=definite,indirect,possible \
	--suppressions="$here/tests/valgrind.supp" --log-file="$logs/run.%p.log" "$pont" "\$@" >"\$out"
rc=\$?
[ \$rc -eq 9 ] && echo "\$*" >>"$logs/failed"
cat "\$out" 2>/dev/null
rm -f "\$out"
exit \$rc
WRAP
chmod +x "$logs/pont"
sh tests/demo.sh "$logs/pont" >"$logs/demo.out" 2>&1 || { cat "$logs/demo.out"; echo "valgrind: the demo failed"; exit 1; }
runs=$(ls "$logs"/run.*.log | wc -l)
bad=0
for l in "$logs"/run.*.log; do
	if [ -s "$l" ]; then	# -q: a log says something only when there is an error
		cat "$l"; bad=$((bad + 1))
	fi
done
if [ -f "$logs/failed" ]; then
	echo "runs that exited 9:"; cat "$logs/failed"; bad=$((bad + 1))
fi
echo "valgrind: $runs runs of pont in the demo, $bad with errors"
[ "$bad" -eq 0 ]
