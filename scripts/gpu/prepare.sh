#!/bin/bash
# Runs on the DEV machine. Fills the git-ignored .gpu/ folder that the GPU command carries:
#   .gpu/devkit/      copy of ../shared/devkit (build scripts, model maker, llama-server bench)
#   .gpu/.devcarry/   node + node-llama-cpp JS + llama.cpp source (devkit/prep_carry.sh; ~29 MB)
#   .gpu/sift-dist/   Sift compiled to JS (tsc), so the GPU machine runs Sift's own embedder code
# Then run on the GPU machine (carry [".gpu"]):  bash scripts/gpu/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEVKIT_SRC=${DEVKIT_SRC:-$ROOT/../shared/devkit}
cd "$ROOT"
mkdir -p .gpu
if [ ! -f .gpu/devkit/run_all.sh ]; then
    cp -r "$DEVKIT_SRC" .gpu/devkit
    chmod -R u+w .gpu/devkit
fi
if [ ! -f .gpu/.devcarry/nlc-js.tar.xz ]; then
    (cd .gpu && SCRATCH=${SCRATCH:-/tmp/sift-gpu-kit} bash devkit/prep_carry.sh)
fi
rm -rf .gpu/sift-dist
npx tsc -p tsconfig.cli.json --outDir .gpu/sift-dist --sourceMap false
# Only what the benchmark imports travels (no LanceDB, server or UI code).
find .gpu/sift-dist -name '*.js' | grep -Ev '/(api|bench|cli|embedder|models)/|/(log|paths|seeded-random)\.js$' | xargs rm -f
du -sh .gpu/.devcarry .gpu/devkit .gpu/sift-dist
echo "ready: carry [\".gpu\"] and run: bash scripts/gpu/run.sh"
