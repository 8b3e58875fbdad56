#!/usr/bin/env bash
# load-live.sh opens 1,000 event streams on one design, makes edits, and
# reports how long subscribers wait to hear of each (p50, p99) and what an
# open stream costs in memory. Targets: p99 ≤ 200 ms, ≤ 64 KiB a subscriber.
set -euo pipefail
cd "$(dirname "$0")/.."
go test ./handlers -run '^$' -bench '^BenchmarkLiveFanOut$' -benchtime "${EDITS:-50}x" -count 1
