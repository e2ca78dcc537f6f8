#!/bin/sh
# check-ids.sh: the catalogue (src/pont-findings.def) is the one place where finding ids are
# written. The command line spells none of them as a string literal, and the library none of
# the QA checks' (so no check hides outside the catalogue and the library's checks). Comments
# may name them.
set -u
ids() {		# the ids of the catalogue's entries, those of family $1 when given
	sed -n "s/^PONT_X([A-Z0-9_]*, \"\([a-z0-9-]*\)\", *${1:-[A-Z]*}.*/\1/p" src/pont-findings.def | sort -u
}
literal() {	# lines of files $2... that write "$1" outside a comment
	id=$1
	shift
	for f in "$@"; do
		sed 's#/\*.*\*/##; s#^[[:space:]]*/\{0,1\}\*.*##' "$f" | grep -n "\"$id\"" | sed "s#^#$f:#"
	done
}
all=$(ids) checks=$(ids CHECK)
[ -n "$all" ] && [ -n "$checks" ] || { echo "check-ids: no ids read from src/pont-findings.def"; exit 1; }
bad=0
for id in $all; do
	if out=$(literal "$id" src/cli/*.c src/cli/*.h) && [ -n "$out" ]; then
		echo "$out"; echo "check-ids: the command line writes the finding id \"$id\""; bad=1
	fi
done
for id in $checks; do
	if out=$(literal "$id" src/lib/*/*.c src/lib/*/*.h src/pont.h) && [ -n "$out" ]; then
		echo "$out"; echo "check-ids: the library writes the check id \"$id\" outside the catalogue"; bad=1
	fi
done
exit $bad
