#!/usr/bin/env bash
# Whole-process timings of sendgen's render path and start-up (issue 16,
# docs/performance.md):
#   1. `sendgen render` of one case that produces only the outcome form;
#   2. `sendgen build` of 200 case files generated from samples/ (distinct
#      case references; 440 PDFs), on all cores;
#   3. `sendgen --help`.
# It measures; it does not judge, and it is not part of `make test`. The
# machine is shared: quote medians, and compare two binaries in one run
# (BASE=...) rather than numbers from different times.
#
#   scripts/bench-render.sh                      # builds sendgen from this checkout
#   BASE=/path/to/older/sendgen scripts/bench-render.sh   # and compares with it
#   SENDGEN=/path/to/sendgen RUNS=30 BATCH_RUNS=9 scripts/bench-render.sh
#
# Needs hyperfine (Debian package `hyperfine`) and python3; without
# hyperfine it falls back to a plain loop that reports medians of wall time.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
BATCH_RUNS=${BATCH_RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/sendgen-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

label0=${SENDGEN:-}
if [[ -z "${SENDGEN:-}" ]]; then
  CGO_ENABLED=0 go build -o "$work/sendgen" ./cmd/sendgen
  SENDGEN="$work/sendgen"
  label0="this checkout"
fi
given=("$SENDGEN")
[[ -n "${BASE:-}" ]] && given+=("$BASE")
# Measure copies made here, not the files given, so that every binary is in
# the same state on disk and in the page cache: in some rounds a binary just
# written by `go build` started `--help` 0.7-1.2 ms slower than a cp of the
# same bytes, in others not (docs/performance.md, "The same bytes, another
# file").
bins=()
for i in "${!given[@]}"; do
  cp "${given[$i]}" "$work/sendgen-$i"
  bins+=("$work/sendgen-$i")
done

# One outcome form: the Westminster sample without its certificate and its
# requested provision, so that render writes exactly one document.
awk '
  /^---$/ { fm++ }
  fm == 1 && /^certificate:/ { skip = 1; next }
  fm == 1 && skip && /^[^ ]/ { skip = 0 }
  fm == 1 && skip { next }
  fm >= 2 && /^# / { drop = ($0 == "# Requested provision") }
  fm >= 2 && drop { next }
  { print }
' samples/WCC-2026-0412.md >"$work/outcome.md"

# 200 cases: samples/*.md in turn, each with its own case reference.
mkdir -p "$work/cases"
samples=(samples/*.md)
for i in $(seq 0 199); do
  ref=$(printf 'BENCH-2026-%04d' "$i")
  sed "s/^case: .*/case: $ref/" "${samples[$((i % ${#samples[@]}))]}" >"$work/cases/$ref.md"
done

for i in "${!bins[@]}"; do
  b=${bins[$i]}
  mkdir -p "$work/check"
  "$b" render -o "$work/check" "$work/outcome.md" >/dev/null
  if [[ "$(ls "$work/check")" != "WCC-2026-0412-outcome-form.pdf" ]]; then
    echo "bench-render: ${given[$i]} rendered $(ls "$work/check" | tr '\n' ' ')instead of just the outcome form" >&2
    exit 1
  fi
  rm -rf "$work/check"
  "$b" build -o "$work/check" "$work/cases" >/dev/null
  echo "${given[$i]}: the 200 cases give $(ls "$work/check" | wc -l) PDFs"
  rm -rf "$work/check"
done
echo "$(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Each command writes into its own folder, the same on every run (so each
# run after the first replaces files, as a re-render does).
one() { echo "$1 render -o $work/one-$2 $work/outcome.md"; }
batch() { echo "$1 build -o $work/out-$2 $work/cases"; }
help() { echo "$1 --help"; }

report() { # hyperfine JSON -> one line per command
  python3 - "$1" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    ms = lambda s: f"{s * 1000:8.1f}"
    print(f"  {r['command'][:40]:40s} median {ms(r['median'])} ms  "
          f"(min {ms(r['min']).strip()}, max {ms(r['max']).strip()}; "
          f"user {ms(r['user']).strip()}, sys {ms(r['system']).strip()} ms mean, {len(r['times'])} runs)")
EOF
}

if command -v hyperfine >/dev/null 2>&1; then
  for what in one help batch; do
    cmds=()
    n=0
    for b in "${bins[@]}"; do
      label=$label0
      [[ $n -gt 0 ]] && label="BASE ${given[$n]}"
      cmds+=(-n "$label" "$($what "$b" "$n")")
      n=$((n + 1))
    done
    runs=$RUNS warm=3
    [[ $what == batch ]] && runs=$BATCH_RUNS warm=1
    hyperfine -N --style none --warmup "$warm" --runs "$runs" --export-json "$work/$what.json" "${cmds[@]}" >/dev/null
    case $what in
    one) echo "render one outcome form (target <= 15 ms):" ;;
    help) echo "sendgen --help (target <= 5 ms):" ;;
    batch) echo "build 200 cases (target <= 1.5 s wall):" ;;
    esac
    report "$work/$what.json"
  done
  exit 0
fi

echo "(hyperfine not found: plain loop, wall time only)"
median() { # median wall time of $RUNS runs of "$@", in ms
  "$@" >/dev/null 2>&1 # warm-up
  local times=() t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'
}
n=0
for b in "${bins[@]}"; do
  # shellcheck disable=SC2046
  echo "${given[$n]}: render one outcome form $(median $(one "$b" $n)) ms; --help $(median $(help "$b" $n)) ms; build 200 cases $(median $(batch "$b" $n)) ms"
  n=$((n + 1))
done
