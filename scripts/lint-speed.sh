#!/usr/bin/env bash
# lint-speed.sh measures archlab lint over a folder of templates (by default
# the SAM translator corpus, ../shared/corpora/sam-translator) two ways: one
# call over the folder, which checks the templates in parallel in one
# process, and one process per template, as a CI loop over files would.
# The in-process figures are BenchmarkLintCorpus's (go test ./lint -bench).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-../shared/corpora/sam-translator}
bin=$(mktemp -d)/archlab
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/archlab

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

n=$(find "$dir" -maxdepth 1 -name '*.yaml' | wc -l)
start=$(date +%s%N)
"$bin" lint --format json "$dir" >/dev/null || true
one=$(ms "$start")

start=$(date +%s%N)
for f in "$dir"/*.yaml; do "$bin" lint --format json "$f" >/dev/null 2>&1 || true; done
each=$(ms "$start")

echo "$n templates in $dir"
echo "one call over the folder:  ${one} ms"
echo "one process per template:  ${each} ms"
