#!/usr/bin/env bash
# Batch-mode benchmarks for issue 11 (not part of `make test`: minutes of
# CPU). Generates case files from samples/ (each copy with its own case
# reference) and measures with /usr/bin/time -v:
#   1. build of 1,000 cases: wall time and CPU/wall (both cores used?)
#   2. lint of 1,000 and 10,000 cases: peak memory (flat?)
#   3. build of 10,000 cases against 1,000: time ratio (linear?)
# The machine may be shared: CPU time is printed beside wall time, and the
# load average before each run.
#
#   scripts/bench-ci.sh [WORKDIR]     (default: a temporary folder, removed)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v /usr/bin/time >/dev/null 2>&1 || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends time
}

work="${1:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
CGO_ENABLED=0 go build -o "$work/sendgen" ./cmd/sendgen
export SOURCE_DATE_EPOCH=1794960000 # 2026-11-18: every event in samples/ has happened and no deadline has passed

# gen N DIR: N case files, round-robin over samples/*.md.
gen() {
  local n=$1 dir=$2 i=0
  rm -rf "$dir" && mkdir -p "$dir"
  local samples=(samples/*.md)
  while [ "$i" -lt "$n" ]; do
    for s in "${samples[@]}"; do
      [ "$i" -lt "$n" ] || break
      b=$(basename "$s" .md)
      sed "s/^case: .*/case: $b-$i/" "$s" > "$dir/$b-$i.md"
      i=$((i + 1))
    done
  done
}

# measure LABEL CMD...: one line of numbers.
measure() {
  local label=$1; shift
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || true
  awk -v label="$label" -v load="$load" -F': ' '
    /User time/ {u=$2} /System time/ {s=$2} /Elapsed \(wall clock\)/ {w=$2}
    /Maximum resident set size/ {m=$2}
    END {
      n=split(w, p, ":"); wall=0; for (i=1; i<=n; i++) wall=wall*60+p[i]
      printf "%-22s wall %7.2f s  cpu %7.2f s  cpu/wall %4.2f  peak RSS %6.1f MB  (load before: %s)\n",
        label, wall, u+s, (u+s)/wall, m/1024, load
    }' "$work/time.txt"
}

gen 1000 "$work/c1k"
gen 10000 "$work/c10k"
echo "machine: $(nproc) cores; $(uptime)"
measure "build 1,000" "$work/sendgen" build --out "$work/o1k" "$work/c1k"
measure "lint 1,000" "$work/sendgen" lint "$work/c1k"
measure "lint 10,000" "$work/sendgen" lint "$work/c10k"
measure "build 10,000" "$work/sendgen" build --out "$work/o10k" "$work/c10k"
echo "PDFs: $(ls "$work/o1k" | wc -l) for 1,000 cases, $(ls "$work/o10k" | wc -l) for 10,000"
