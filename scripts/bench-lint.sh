#!/usr/bin/env bash
# Whole-process lint comparison with Vale (issue 16; not part of `make test`:
# about a minute of CPU). Two sets of 1,000 case files are generated in a
# temporary folder:
#   provision  the dev corpus's two files (../shared/corpus/dev, or $CORPUS),
#              500 copies each, each with its own file name and case reference
#   samples    samples/*.md and samples/drafts/*.md with distinct case
#              references and child names (lint/bench_test.go's benchCorpus)
# and each is linted by `sendgen lint --format json` and by
# `vale --output JSON` with scripts/vale/.vale.ini (sendgen's two phrase
# rules as Vale existence rules, generated from rules.yaml), alternating, under
# /usr/bin/time -v. It prints user+sys CPU seconds and peak RSS per run, then
# medians and the CPU ratio Vale/sendgen. The machine may be shared: CPU time
# is the measure, and the load average is printed with each run.
#
#   scripts/bench-lint.sh [--install-vale] [--runs N] [--keep DIR]
#
#   --install-vale  go install github.com/vale-cli/vale/v3/cmd/vale@$VALE_VERSION
#                   (default v3.21.0) into the work folder and use it
#                   (also: INSTALL_VALE=1)
#   --runs N        runs of each command (default 5, or $RUNS)
#   --keep DIR      work in DIR and keep it (generated files, binaries)
#   VALE=path       the Vale binary when not installing (default: vale on PATH)
#   BASE=path       also time another sendgen binary (an older build) in the
#                   same alternating runs: the only fair before/after on a
#                   shared machine
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

runs=${RUNS:-5}
install=${INSTALL_VALE:-}
work=""
while [ $# -gt 0 ]; do
  case $1 in
    --install-vale) install=1 ;;
    --runs) runs=$2; shift ;;
    --keep) work=$2; shift ;;
    *) echo "usage: $0 [--install-vale] [--runs N] [--keep DIR]" >&2; exit 2 ;;
  esac
  shift
done
corpus=${CORPUS:-../shared/corpus/dev}
[ -d "$corpus" ] || { echo "bench-lint: no dev corpus at $corpus (set CORPUS)" >&2; exit 2; }

command -v /usr/bin/time >/dev/null 2>&1 || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends time
}

if [ -z "$work" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/bin"
work=$(cd "$work" && pwd)

CGO_ENABLED=0 go build -o "$work/bin/sendgen" ./cmd/sendgen
vale=${VALE:-}
if [ -n "$install" ]; then
  GOBIN="$work/bin" go install "github.com/vale-cli/vale/v3/cmd/vale@${VALE_VERSION:-v3.21.0}"
  vale="$work/bin/vale"
fi
if [ -z "$vale" ]; then
  vale=$(command -v vale || true)
fi
[ -x "$vale" ] || { echo "bench-lint: no Vale: pass --install-vale or set VALE" >&2; exit 2; }

# The two sets.
rm -rf "$work/provision" "$work/samples"
mkdir -p "$work/provision"
for i in $(seq 0 499); do
  for f in "$corpus"/*.md; do
    b=$(basename "$f" .md)
    sed "s/^case: .*/case: DEV-$b-$i/" "$f" > "$work/provision/$b-$i.md"
  done
done
go test ./lint -run '^TestWriteBenchCorpus$' -count=1 -write-corpus "$work/samples" >/dev/null

export SOURCE_DATE_EPOCH=1794960000 # 2026-11-18, as the Makefile: the findings do not move with the clock

# measure NAME SET CMD...: appends "cpu rss" to $work/NAME-SET.txt and prints the run.
measure() {
  local name=$1 set=$2; shift 2
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  (cd "$work" && /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt") || true
  awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Maximum resident set size/ {m=$2}
    END {printf "%.3f %.1f\n", u+s, m/1024}' "$work/time.txt" | tee -a "$work/$name-$set.txt" |
    awk -v n="$name" -v s="$set" -v l="$load" '{printf "  %-8s %-10s cpu %6.3f s  peak RSS %6.1f MiB  (load %s)\n", n, s, $1, $2, l}'
}

echo "machine: $(nproc) cores; $(uptime)"
echo "sendgen: $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown); vale: $("$vale" --version)${BASE:+; base: $BASE}"
rm -f "$work"/*-provision.txt "$work"/*-samples.txt
for r in $(seq 1 "$runs"); do
  echo "run $r"
  for set in provision samples; do
    measure sendgen $set "$work/bin/sendgen" lint --format json --fail-on none $set
    measure vale $set "$vale" --config "$repo/scripts/vale/.vale.ini" --output JSON $set
    if [ -n "${BASE:-}" ]; then
      measure base $set "$BASE" lint --format json --fail-on none $set
    fi
  done
done

median() { sort -n -k"$2" "$1" | awk -v k="$2" '{a[NR]=$k} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
echo
printf '%-10s %14s %14s %14s %14s %8s\n' set "sendgen CPU-s" "sendgen MiB" "Vale CPU-s" "Vale MiB" ratio
for set in provision samples; do
  sc=$(median "$work/sendgen-$set.txt" 1); sm=$(median "$work/sendgen-$set.txt" 2)
  vc=$(median "$work/vale-$set.txt" 1); vm=$(median "$work/vale-$set.txt" 2)
  printf '%-10s %14s %14s %14s %14s %7.2fx\n' $set "$sc" "$sm" "$vc" "$vm" "$(echo "$vc $sc" | awk '{print $1/$2}')"
done
if [ -n "${BASE:-}" ]; then
  printf '\n%-10s %14s %14s %14s\n' set "base CPU-s" "base MiB" "Vale/base"
  for set in provision samples; do
    bc=$(median "$work/base-$set.txt" 1); bm=$(median "$work/base-$set.txt" 2); vc=$(median "$work/vale-$set.txt" 1)
    printf '%-10s %14s %14s %13.2fx\n' $set "$bc" "$bm" "$(echo "$vc $bc" | awk '{print $1/$2}')"
  done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
