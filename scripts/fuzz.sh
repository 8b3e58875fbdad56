#!/usr/bin/env bash
# fuzz.sh [PATTERN] runs every fuzz target (func FuzzX in a *_test.go
# file), or those whose name matches the extended regular expression
# PATTERN, for a bounded time each: FUZZTIME (default 20s) of fuzzing, and at most
# FUZZMINIMIZETIME (default 5s) minimising a failing input, so that a
# crash is reported quickly rather than shrunk for minutes. go test -fuzz
# takes one package and one target per run. A crash fails the script, and
# go test writes the input to the package's testdata/fuzz/FuzzX/ folder:
# commit it beside the fix, and it runs with every go test from then on.
#
# Go 1.26's fuzzing coordinator may report "context deadline exceeded" as a
# failure when -fuzztime runs out while a worker is busy (golang/go#75804,
# fixed in Go 1.27): no input fails, and none is written. A run whose one
# failure is that, with no new input in testdata/fuzz, is reported as that
# race and passes; any other failure (a crash, a failed check, a hang past
# go test's -timeout) fails.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-20s}
minimize=${FUZZMINIMIZETIME:-5s}

targets=$(grep -rlE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(' . |
  while read -r file; do
    pkg="./$(dirname "${file#./}")"
    sed -nE 's/^func (Fuzz[A-Za-z0-9_]*)\(.*/\1/p' "$file" | sed "s|^|$pkg |"
  done | sort | grep -E -- "${1:-.}" || true)
if [ -z "$targets" ]; then
  echo "no fuzz targets found"; exit 1
fi

inputs() { ls "$1" 2>/dev/null || true; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
while read -r pkg target; do
  start=$(date +%s)
  corpus="$pkg/testdata/fuzz/$target"
  before=$(inputs "$corpus")
  echo "-- $pkg $target ($fuzztime)"
  if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" 2>&1 | tee "$log"; then
    :
  elif [ "$(inputs "$corpus")" = "$before" ] &&
    [ "$(grep -c -- '^--- FAIL' "$log")" = 1 ] &&
    grep -A1 -- "^--- FAIL: $target " "$log" | tail -n1 | grep -qx '    context deadline exceeded'; then
    echo "   not a failing input: the fuzzing coordinator's race at the end of -fuzztime (golang/go#75804)"
  else
    echo "FAIL: $pkg $target (a failing input is in $corpus/ when it wrote one)"
    failed=1
  fi
  echo "   $(( $(date +%s) - start ))s"
done <<<"$targets"
exit $failed
