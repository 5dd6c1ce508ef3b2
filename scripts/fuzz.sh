#!/usr/bin/env bash
# Fuzzes every Fuzz target in the project (third_party/ aside) for FUZZTIME
# each: `make fuzz`. The targets are found in the test files, so a new one is
# fuzzed without being listed anywhere.
#
# Go 1.26's fuzzing coordinator can fail a target that found nothing: when
# the -fuzztime deadline fires, internal/fuzz compares the deadline's error
# with its workers' context before the cancellation has reached that child,
# and reports a bare "context deadline exceeded" (go.dev/issue/75804, fixed
# in Go 1.27; this project is on 1.26.8). CI hit it on FuzzFastYAML. A run
# that fails that way and no other way (no failing input written, no panic,
# no other failure) is run again, at most twice, and says so; anything else
# fails at once.
#
#   scripts/fuzz.sh [FUZZTIME]      fuzz every target (default 5s)
#   scripts/fuzz.sh --self-test     check the retry rule against a fake go
set -uo pipefail
cd "$(dirname "$0")/.."

GO="${GO:-go}"

# spurious LOG NAME: true when LOG is go test's output for a fuzz run of
# NAME that failed only with the coordinator's own deadline.
spurious() {
	local log=$1 name=$2
	grep -q 'Failing input written to' "$log" && return 1
	grep -qE '^panic:|fatal error:|--- FAIL: .*/|race detected' "$log" && return 1
	[ "$(grep -c -- '--- FAIL: ' "$log")" = 1 ] || return 1
	# The failure line must be followed by the deadline and nothing else.
	awk -v name="$name" '
		found == 1 { ok = ($0 == "    context deadline exceeded"); found = 2; next }
		index($0, "--- FAIL: " name " (") == 1 { found = 1 }
		END { exit !(found == 2 && ok) }' "$log"
}

# fuzz PKG NAME TIME: fuzz one target; 0 when it passed.
fuzz() {
	local pkg=$1 name=$2 time=$3 log attempt rc
	log=$(mktemp)
	for attempt in 1 2 3; do
		echo "$GO test -run='^\$' -fuzz='^$name\$' -fuzztime=$time $pkg"
		"$GO" test -run='^$' -fuzz="^$name\$" -fuzztime="$time" "$pkg" 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
		if [ "$rc" = 0 ]; then
			rm -f "$log"
			return 0
		fi
		if [ "$attempt" = 3 ] || ! spurious "$log" "$name"; then
			rm -f "$log"
			return 1
		fi
		echo "fuzz.sh: $name failed only with Go's own fuzztime deadline (go.dev/issue/75804; no input, nothing found): running it again"
	done
}

# targets: "PKG NAME" for every Fuzz function in a test file.
# Outside a git checkout (a tarball) the files are found with find.
targets() {
	{ git ls-files '*_test.go' ':!:third_party/**' 2>/dev/null ||
		find . -name '*_test.go' -not -path './third_party/*' | sed 's#^\./##'; } |
		xargs grep -H -E '^func Fuzz[A-Za-z0-9_]*\(' |
		sed -E 's#^(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*#./\1 \2#' |
		sort -u
}

self_test() {
	local dir fails=0
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' RETURN
	# A fake go: each call prints the next canned output in $dir/plan and
	# exits with its status.
	cat >"$dir/go" <<-'EOF'
		#!/usr/bin/env bash
		n=$(($(cat "$FAKE/n" 2>/dev/null || echo 0) + 1))
		echo $n >"$FAKE/n"
		[ -f "$FAKE/out.$n" ] || n=$(cat "$FAKE/k")
		cat "$FAKE/out.$n"
		exit "$(cat "$FAKE/rc.$n")"
	EOF
	chmod +x "$dir/go"
	deadline=$'fuzz: elapsed: 6s, execs: 64194 (0/sec)\n--- FAIL: FuzzX (6.07s)\n    context deadline exceeded\nFAIL\nexit status 1\nFAIL\texample/p\t6.094s'
	crasher=$'--- FAIL: FuzzX (0.20s)\n    --- FAIL: FuzzX (0.00s)\n        x_test.go:9: boom\n    Failing input written to testdata/fuzz/FuzzX/abc\nFAIL'
	other=$'--- FAIL: FuzzX (6.00s)\n    x_test.go:9: seed corpus failed\n    context deadline exceeded\nFAIL'
	pass=$'fuzz: elapsed: 5s\nPASS\nok\texample/p\t5.1s'
	# case: outputs in order, want exit status, want number of go calls
	check() {
		local name=$1 want=$2 calls=$3
		shift 3
		rm -f "$dir"/out.* "$dir"/rc.* "$dir/n"
		local i=0 o
		for o in "$@"; do
			i=$((i + 1))
			printf '%s\n' "${o#*:}" >"$dir/out.$i"
			printf '%s' "${o%%:*}" >"$dir/rc.$i"
		done
		echo $i >"$dir/k"
		FAKE=$dir GO="$dir/go" fuzz ./p FuzzX 1s >/dev/null 2>&1
		local rc=$? got
		got=$(cat "$dir/n")
		if [ "$rc" != "$want" ] || [ "$got" != "$calls" ]; then
			echo "fuzz.sh self-test $name: exit $rc after $got runs, want exit $want after $calls"
			fails=$((fails + 1))
		fi
	}
	check pass 0 1 "0:$pass"
	check deadline-then-pass 0 2 "1:$deadline" "0:$pass"
	check deadline-every-time 1 3 "1:$deadline" "1:$deadline" "1:$deadline"
	check crasher 1 1 "1:$crasher"
	check deadline-after-other-failure 1 1 "1:$other"
	check crasher-after-deadline 1 2 "1:$deadline" "1:$crasher"
	[ "$fails" = 0 ] && echo "fuzz.sh self-test: ok"
	return "$fails"
}

case "${1:-}" in
--self-test)
	self_test
	exit
	;;
esac

time=${1:-5s}
if [ -z "$(targets)" ]; then
	echo "fuzz.sh: no Fuzz targets found under $(pwd)" >&2
	exit 1
fi
failed=()
while read -r pkg name <&3; do
	fuzz "$pkg" "$name" "$time" || failed+=("$name ($pkg)")
done 3< <(targets)
if ((${#failed[@]})); then
	printf 'fuzz.sh: failed: %s\n' "${failed[@]}"
	exit 1
fi
