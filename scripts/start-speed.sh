#!/usr/bin/env bash
# start-speed.sh measures how fast archlab starts, as a process, exec and
# package initialisation included:
#   - start to /readyz: `archlab serve` on a free port with a fresh SQLite
#     file, until /readyz first answers 200 (target: under 100 ms);
#   - `archlab lint` of one template, wall (target: under 30 ms).
# Each figure is the median of RUNS (default 21) runs. Given a git revision
# (scripts/start-speed.sh 68e6302), it builds that revision too and
# measures both, run for run in turn, so that both see the same machine.
# The in-process start is BenchmarkStartToReady (go test ./cmd/archlab -bench StartToReady).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-21}
template=${TEMPLATE:-../shared/corpora/sam-translator/alexa_skill.yaml}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/now" ./cmd/archlab
bins=(now)
if [ $# -gt 0 ]; then
	mkdir "$tmp/src"
	git archive "$1" | tar -x -C "$tmp/src"
	(cd "$tmp/src" && go build -o "$tmp/then" ./cmd/archlab)
	bins=(then now)
fi

ms() { echo $((($(date +%s%N) - $1) / 1000000)); }

# ready BIN: milliseconds from exec to the first 200 from /readyz.
ready() {
	local db log pid start port=""
	db=$(mktemp -d -p "$tmp")
	log=$db/log
	start=$(date +%s%N)
	"$1" serve -addr 127.0.0.1:0 -db "$db/archlab.db" 2>"$log" &
	pid=$!
	until [ -n "$port" ]; do
		port=$(sed -n 's|.*url=http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")
		kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
	done
	until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do :; done
	ms "$start"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

# lint BIN: milliseconds of `archlab lint` over one template.
lint() {
	local start
	start=$(date +%s%N)
	"$1" lint "$template" >/dev/null 2>&1 || true
	ms "$start"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for b in "${bins[@]}"; do : >"$tmp/$b.ready"; : >"$tmp/$b.lint"; done
for _ in $(seq "$runs"); do
	for b in "${bins[@]}"; do
		ready "$tmp/$b" >>"$tmp/$b.ready"
		lint "$tmp/$b" >>"$tmp/$b.lint"
	done
done
echo "median of $runs runs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for b in "${bins[@]}"; do
	label=$b
	[ "$b" = then ] && label="$1"
	[ "$b" = now ] && label="this tree"
	echo "$label: start to /readyz $(median <"$tmp/$b.ready") ms; lint of one template $(median <"$tmp/$b.lint") ms"
done
