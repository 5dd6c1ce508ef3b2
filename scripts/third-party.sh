#!/usr/bin/env bash
# The patched copies of modules under third_party/ (each behind a `replace`
# in go.mod, each with a README.sendgen.md saying what changed and why).
#
#   scripts/third-party.sh diff NAME   print the patch of third_party/NAME against
#                                      the released module (`diff -ruN`, no dates)
#   scripts/third-party.sh update      rewrite every third_party/NAME.patch
#   scripts/third-party.sh check       fail if a copy and its .patch disagree, then
#                                      run each copy's own tests
#
# The released module comes from the Go module proxy (`go mod download`), at
# the version go.mod requires. The files the copy holds are compared, and
# upstream's source files in the packages it holds (a source file left out
# is a deletion in the patch): the copies leave out upstream's tests,
# examples, test data and packages nothing imports.
set -euo pipefail
cd "$(dirname "$0")/.."

# replaced prints "name module version" for each module replaced by a folder
# under third_party/.
replaced() {
  go list -m -f '{{if .Replace}}{{.Replace.Path}} {{.Path}} {{.Version}}{{end}}' all |
    awk '$1 ~ /^\.\/third_party\// { sub(/^\.\/third_party\//, "", $1); print $1, $2, $3 }'
}

patch_of() {
  local name=$1 module=$2 version=$3 tmp pristine
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  pristine=$(cd "$tmp" && go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  if [[ -z "$pristine" || ! -d "$pristine" ]]; then
    echo "third-party: cannot download $module@$version" >&2
    return 1
  fi
  mkdir -p "$tmp/a" "$tmp/b"
  (cd "third_party/$name" && find . -type f ! -name README.sendgen.md | LC_ALL=C sort) | while read -r f; do
    if [[ -f "$pristine/$f" ]]; then
      mkdir -p "$tmp/a/$(dirname "$f")" && cp "$pristine/$f" "$tmp/a/$f"
    fi
    mkdir -p "$tmp/b/$(dirname "$f")" && cp "third_party/$name/$f" "$tmp/b/$f"
  done
  # A source file upstream has in a package the copy keeps, and the copy
  # leaves out, is part of the change: it shows as deleted. (Left-out tests,
  # examples, test data and whole packages are not.)
  (cd "third_party/$name" && find . -name '*.go' ! -name '*_test.go' -exec dirname {} \; | LC_ALL=C sort -u) | while read -r d; do
    for f in "$pristine/$d"/*.go; do
      [[ -f "$f" && "$f" != *_test.go ]] || continue
      f=$d/$(basename "$f")
      [[ -f "third_party/$name/$f" ]] || { mkdir -p "$tmp/a/$d" && cp "$pristine/$f" "$tmp/a/$f"; }
    done
  done
  # diff exits 1 when the trees differ, which is the point.
  (cd "$tmp" && diff -ruN a b || true) | sed -E 's/^((---|\+\+\+) [^\t]*)\t.*/\1/'
}

case "${1:-}" in
diff)
  [[ $# -eq 2 ]] || { echo "usage: $0 diff NAME" >&2; exit 2; }
  line=$(replaced | awk -v n="$2" '$1 == n')
  [[ -n "$line" ]] || { echo "third-party: no replace points at third_party/$2" >&2; exit 2; }
  # shellcheck disable=SC2086
  patch_of $line
  ;;
update)
  replaced | while read -r name module version; do
    patch_of "$name" "$module" "$version" >"third_party/$name.patch"
    echo "third_party/$name.patch: $(grep -c '^diff ' "third_party/$name.patch") files differ from $module $version"
  done
  ;;
check)
  status=0
  while read -r name module version; do
    if ! cmp -s <(patch_of "$name" "$module" "$version") "third_party/$name.patch"; then
      echo "third-party: third_party/$name differs from third_party/$name.patch; run scripts/third-party.sh update and review the diff" >&2
      status=1
    fi
    [[ -f "third_party/$name/README.sendgen.md" ]] || { echo "third-party: third_party/$name/README.sendgen.md is missing" >&2; status=1; }
    compgen -G "third_party/$name/LICENSE*" >/dev/null || { echo "third-party: third_party/$name/LICENSE is missing" >&2; status=1; }
  done < <(replaced)
  [[ $status -eq 0 ]] || exit $status
  # Each copy's own tests (sendgen's tests of its patch among them).
  # gofpdf's go line is 1.25 (klauspost/compress needs it; upstream says
  # 1.12), which turns on vet's check for non-constant format strings in
  # test builds: two of upstream's calls fail it by design (formats built at
  # run time). vet runs with every other check; the tests without it.
  (cd third_party/gofpdf && go vet -printf=false . && go test -vet=off -count=1 .)
  (cd third_party/maroto && go test -count=1 ./pkg/merge ./internal/providers/gofpdf)
  (cd third_party/goldmark && go vet ./...) # it has no tests of its own here: upstream's need its test data
  (cd third_party/prose && go test -count=1 ./...)
  (cd third_party/stripansi && go vet . && go test -count=1 .)
  # Upstream's TestScanner fails on the release itself with this Go (it
  # counts lines of a bufio split differently); it tests no expression.
  (cd third_party/gotenv && go vet . && go test -count=1 -skip '^TestScanner$' .)
  (cd third_party/afero && go vet ./... && go test -count=1 ./...)
  (cd third_party/yaml && go vet . && go test -count=1 .)
  # Upstream's six TestStringMap* tests fail on the release itself with this
  # Go and these test modules (a nil map expected, an empty one returned);
  # they test map conversions, which the patch does not touch.
  (cd third_party/cast && go vet ./... && go test -count=1 -skip '^TestStringMap' ./...)
  ;;
*)
  echo "usage: $0 diff NAME | update | check" >&2
  exit 2
  ;;
esac
