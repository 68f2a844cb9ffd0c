#!/usr/bin/env bash
# Metagradient throughput on a real standalone cluster with 1 and then 2 executors of one core
# each (deploy/cluster/local-cluster.sh), and the scaling efficiency between them:
# throughput(2) / (2 x throughput(1)). Also prints bytes shipped per meta-step and the driver's
# share of a meta-step. Results belong in docs/benchmarks.md with this command line.
#
#   deploy/cluster/bench-scaling.sh [SPEC] [--set key=value ...]
#   (default SPEC: deploy/examples/digits-select.yaml with 600 training steps, 4 tasks per meta-step)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spec="${1:-$ROOT/deploy/examples/digits-select.yaml}"
shift || true
sets=(--set training.steps=600 "$@")
dir="$(mktemp -d)"
trap '"$ROOT/deploy/cluster/local-cluster.sh" stop --dir "$dir/cluster" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT

for n in 1 2; do
  url=$("$ROOT/deploy/cluster/local-cluster.sh" start --dir "$dir/cluster" --port "${MGD_BENCH_PORT:-7301}" \
    --workers "$n" --cores 1 --memory 2g)
  MGD_JAVA_OPTS="-Xmx2g" "$ROOT/mgd" bench spark "$spec" --master "$url" --seeds 4 --steps 3 "${sets[@]}" \
    --out "$dir/bench-$n.json" >/dev/null 2>"$dir/bench-$n.log" || { cat "$dir/bench-$n.log" >&2; exit 1; }
  "$ROOT/deploy/cluster/local-cluster.sh" stop --dir "$dir/cluster"
  echo "== $n executor(s): $(tr -d '\n ' < "$dir/bench-$n.json")"
done

field() { tr -d '\n ' < "$1" | sed -E "s/.*\"$2\":([0-9.eE+-]+).*/\1/"; }
t1=$(field "$dir/bench-1.json" tasks_per_minute)
t2=$(field "$dir/bench-2.json" tasks_per_minute)
awk -v a="$t1" -v b="$t2" 'BEGIN { printf "tasks/min: 1 executor %.2f, 2 executors %.2f; scaling efficiency %.3f\n", a, b, b / (2 * a) }'
