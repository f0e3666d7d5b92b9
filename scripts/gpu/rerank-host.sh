#!/bin/bash
# The reranker's host time on the GPU machine's CPU, without building a GPU engine (a few
# device minutes): an older host path against the current one, on a portable CPU build of
# the Sift engine, with a tiny Qwen3-shaped reranker that has the real Qwen2 vocabulary
# (tokenizing is the host's cost, so the vocabulary matters, the layers do not).
# On the dev machine first (bench/RESULTS.md section 8 has the run):
#   npm run engine:build -- --gpu cpu            # in a clone; then copy its
#       node_modules/node-llama-cpp/llama/localBuilds/linux-x64/{Release,buildDone.status}
#       to .gpu/cpu-engine/linux-x64/ and llama/lastBuild.json to .gpu/cpu-engine/
#   bash scripts/gpu/prepare.sh                  # .gpu/sift-dist: this checkout
#   git archive <older commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules \
#     && (cd /tmp/old && "$OLDPWD/node_modules/.bin/tsc" -p tsconfig.cli.json --outDir "$OLDPWD/.gpu/sift-dist-old" --sourceMap false)
# Then on the GPU machine, from the repo root with .gpu carried:  bash scripts/gpu/rerank-host.sh
set -uo pipefail
REPO=$(pwd)
cd .gpu || { echo "no .gpu folder"; exit 1; }
source devkit/env.sh
bash devkit/setup.sh >/dev/null 2>&1 || { echo "setup failed"; exit 3; }
mkdir -p "$NLC_PKG/llama/localBuilds"
rm -rf "$NLC_PKG/llama/localBuilds/linux-x64"
cp -r cpu-engine/linux-x64 "$NLC_PKG/llama/localBuilds/"
cp cpu-engine/lastBuild.json "$NLC_PKG/llama/lastBuild.json"
ln -sfn "$NLC_ROOT/node_modules" "$KIT_ROOT/node_modules"
python3 devkit/make_model.py --shape tiny --out "$MODELS" > /dev/null 2>&1 && python3 "$REPO/scripts/gpu/make-reranker.py" "$MODELS/qwen3emb-tiny-f16.gguf" "$MODELS/rr-tiny.gguf" || { echo "model failed"; exit 4; }
lscpu | grep -E 'Model name|^CPU\(s\)' 
for round in 1 2; do
  for dist in sift-dist-old sift-dist; do
    echo "== $dist (round $round)"
    timeout 100 node $dist/cli/rerank-bench-entry.js --model "$MODELS/rr-tiny.gguf" --gpu cpu --queries 20 --paths batched:96,batched:128 --out "$OUT/host-$dist-$round.json" 2>&1 | grep reranker | cut -c1-420
  done
done
