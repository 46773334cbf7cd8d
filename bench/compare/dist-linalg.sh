#!/usr/bin/env bash
# Interleaved before/after timing for bench/results/distributions-linalg.json.
# Usage: bench/compare/dist-linalg.sh REPS "bench1 bench2 ..." TREE1 TREE2 [TREE3]
# Each tree must be installed and built; this copies dist-linalg-one.ts into each tree's
# packages/autodiff-samplers/bench/ and runs one process per measurement, rotating the tree
# order every repetition (A B C, B C A, C A B, ...). Prints JSON lines tagged with the tree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reps=$1; benches=$2; shift 2
trees=("$@")
for t in "${trees[@]}"; do cp "$here/dist-linalg-one.ts" "$t/packages/autodiff-samplers/bench/"; done
n=${#trees[@]}
for ((r = 0; r < reps; r++)); do
  for b in $benches; do
    for ((k = 0; k < n; k++)); do
      t=${trees[$(((k + r) % n))]}
      line=$(cd "$t/packages/autodiff-samplers" && "$t/node_modules/.bin/node" bench/dist-linalg-one.ts "$b")
      echo "{\"tree\":\"$t\",\"rep\":$r,${line#\{}"
    done
  done
done
