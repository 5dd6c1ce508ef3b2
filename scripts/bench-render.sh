#!/usr/bin/env bash
# Whole-process timings of sendgen's render path and start-up (issue 16):
#   1. `sendgen render` of one case that produces only the outcome form;
#   2. `sendgen build` of 200 case files generated from samples/ (distinct
#      case references), about 440 PDFs, on all cores;
#   3. `sendgen --help`.
# Not part of `make test`: it measures, it does not judge. Run it on a quiet
# machine and quote medians. Uses hyperfine when installed (Debian package
# `hyperfine`), else a plain loop that prints the median of RUNS runs.
#
#   scripts/bench-render.sh                 # builds ./bin/sendgen from this checkout
#   SENDGEN=/path/to/other/sendgen scripts/bench-render.sh   # time another binary
#   RUNS=20 scripts/bench-render.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/sendgen-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ -z "${SENDGEN:-}" ]]; then
  go build -o "$work/sendgen" ./cmd/sendgen
  SENDGEN="$work/sendgen"
fi

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
mkdir -p "$work/one" "$work/cases" "$work/out"
"$SENDGEN" render -o "$work/one" "$work/outcome.md" >/dev/null
if [[ "$(ls "$work/one")" != "WCC-2026-0412-outcome-form.pdf" ]]; then
  echo "bench-render: the one-document case rendered $(ls "$work/one"), not just the outcome form" >&2
  exit 1
fi

# 200 cases: samples/*.md in turn, each with its own case reference.
samples=(samples/*.md)
for i in $(seq 0 199); do
  src=${samples[$((i % ${#samples[@]}))]}
  ref=$(printf 'BENCH-2026-%04d' "$i")
  sed "s/^case: .*/case: $ref/" "$src" >"$work/cases/$ref.md"
done
"$SENDGEN" build -o "$work/out" "$work/cases" >/dev/null
echo "200 cases: $(ls "$work/out" | wc -l) PDFs; $(nproc) cores"

one=("$SENDGEN" render -o "$work/one" "$work/outcome.md")
batch=("$SENDGEN" build -o "$work/out" "$work/cases")
help=("$SENDGEN" --help)

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown "$work/one.md" \
    -n "render one outcome form" "${one[*]}" \
    -n "sendgen --help" "${help[*]}"
  hyperfine -N --warmup 1 --runs "$(( RUNS < 5 ? RUNS : 5 ))" \
    -n "build 200 cases" "${batch[*]}"
  exit 0
fi

# Fallback: median wall time of RUNS runs, in milliseconds.
median() {
  local name=$1; shift
  "$@" >/dev/null 2>&1 # warm-up
  local times=() t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%-26s median %8.2f ms over %d runs\n' "$name" \
    "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; print m/1000}')" "$RUNS"
}
median "render one outcome form" "${one[@]}"
median "sendgen --help" "${help[@]}"
median "build 200 cases" "${batch[@]}"
