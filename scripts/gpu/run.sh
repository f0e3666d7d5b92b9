#!/bin/bash
# Runs on the GPU machine from the repo root, with .gpu/ carried (scripts/gpu/prepare.sh
# fills it on the dev machine):
#     bash scripts/gpu/run.sh
# Steps (each skipped when its output exists in /tmp/devkit, so a second command sent
# while the machine is still warm continues where the first stopped):
#   1. unpack node + node-llama-cpp + llama.cpp source (devkit/setup.sh)
#   2. node-llama-cpp source build for CUDA sm_90 with llama-server & co in the same tree
#      (devkit/build_nlc.sh): both engines run the very same libllama/libggml
#   3. Qwen3-Embedding-shaped random-weight GGUFs (devkit/make_model.py) + llama-quantize
#   4. per model: `sift bench` (Sift's own embedder code, compiled to .gpu/sift-dist) with
#      several pool sizes, then llama-server on the same file and texts, in one process
# Results: $OUT/bench-<shape>-<quant>.{txt,json}, $OUT/steps.tsv, $OUT/logs.tar.gz.
# Knobs (env):
#   MODELS_TO_RUN="0.6b:f16 4b:q4_k_m"   shape:quant pairs, in order
#   CONTEXTS="4:public,4x1,8x1,4x16,4x16:skip"   Sift configurations (src/bench/variants.ts):
#                                         N contexts x S texts per decode; :public = node-llama-cpp's
#                                         public API; :skip = LLAMA_EMBD_SKIP_LOGITS
#   SERVER_CONFIGS="np=32,b=16384,ub=4096,cram=0"   llama-server configs (';'-separated)
#   PATCHED=1                             apply scripts/gpu/*.patch before the build: an addon call
#                                         for per-sequence embeddings and an env-gated skip of the
#                                         lm_head in pooled embedding contexts (llama-server stays
#                                         stock: the bench starts it without that env variable)
#   SCALE_0_6B=1 SCALE_4B=0.25            fraction of the 1,000 + 200 passages
#   DEADLINE_S=560                        no new step starts after this many seconds
#   BENCH_FLAGS="--binding lastBuild"     how Sift picks llama.cpp (" ": as the app does, which finds the
#                                         source build under the default name; a CPU dry run: "--gpu cpu")
#   NODE_MODULES=$NLC_ROOT/node_modules   where Sift's compiled code finds node-llama-cpp
set -uo pipefail
T_START=$(date +%s)
REPO=$(pwd)
cd .gpu || { echo "no .gpu folder: run scripts/gpu/prepare.sh on the dev machine and carry .gpu"; exit 1; }
source devkit/env.sh
: "${MODELS_TO_RUN:=0.6b:f16 4b:q4_k_m}" "${CONTEXTS:=4:public,4x1,8x1,4x16,4x16:skip}" "${DEADLINE_S:=560}"
: "${SERVER_CONFIGS:=np=32,b=16384,ub=4096,cram=0}" "${PATCHED:=1}"
DEADLINE=$((T_START + DEADLINE_S))
# Each llama_decode of node-llama-cpp runs on a libuv worker thread.
export UV_THREADPOOL_SIZE=${UV_THREADPOOL_SIZE:-32}
mkdir -p "$WORK/results"
left() { echo $((DEADLINE - $(date +%s))); }
step() {  # name min_seconds cmd...
    local name=$1 need=$2; shift 2
    if [ "$(left)" -lt "$need" ]; then log "SKIP $name (only $(left)s left)"; echo -e "$name\tskipped" >> "$OUT/steps.tsv"; return 1; fi
    local t0; t0=$(ts); log "STEP $name"
    "$@"; local rc=$?
    echo -e "$name\t$(elapsed "$t0")\trc=$rc" >> "$OUT/steps.tsv"
    [ -f "$WORK/steps.tsv" ] && cp "$WORK/steps.tsv" "$OUT/steps-all.tsv"
    return $rc
}
save_logs() { tar -czf "$OUT/logs.tar.gz" -C "$RES" logs 2>/dev/null; cat "$OUT/steps.tsv" >> "$WORK/steps.tsv"; }
trap save_logs EXIT

step setup 5 bash devkit/setup.sh || exit 1
nvidia-smi --query-gpu=name,memory.total,memory.used,driver_version --format=csv > "$OUT/nvidia-smi.csv" 2>&1
if [ "$PATCHED" = 1 ] && [ ! -f "$NLC_PKG/.sift-patched" ] && [ ! -f "$WORK/.nlc-cuda.done" ]; then
    patch -p1 --forward -d "$NLC_PKG" < "$REPO/scripts/gpu/addon-sequence-embedding.patch" \
        && patch -p1 --forward -d "$NLC_PKG/llama/llama.cpp" < "$REPO/scripts/gpu/llama-skip-logits.patch" \
        && touch "$NLC_PKG/.sift-patched" || { log "patches failed to apply"; exit 4; }
fi
step build_nlc 60 env NLC_WITH_TOOLS=1 bash devkit/build_nlc.sh cuda || { log "build not finished: send the same command again"; exit 3; }
LLAMA_BIN=$(cat "$WORK/.nlc-cuda.done")
export LD_LIBRARY_PATH="$LLAMA_BIN${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# Sift's own runtime (getLlama with build 'never', as the app calls it: BENCH_FLAGS=" ")
# takes a local build under the default folder name before any prebuilt binary. The
# devkit's build has custom CMake options (the tools), so its folder name carries a hash:
# link it under the default name, the name a release build of the Sift engine gets.
LOCAL_BUILDS="$NLC_PKG/llama/localBuilds"
BUILT_FOLDER=$(node -e "process.stdout.write(require(process.argv[1]).folderName)" "$NLC_PKG/llama/lastBuild.json" 2>/dev/null)
if [ -n "$BUILT_FOLDER" ] && [ ! -e "$LOCAL_BUILDS/linux-x64-cuda" ]; then ln -sfn "$BUILT_FOLDER" "$LOCAL_BUILDS/linux-x64-cuda"; fi
# Sift's compiled code imports node-llama-cpp: point it at the unpacked package.
ln -sfn "${NODE_MODULES:-$NLC_ROOT/node_modules}" "$KIT_ROOT/node_modules"

scale_for() { case $1 in tiny) echo "${SCALE_TINY:-0.05}";; 0.6b) echo "${SCALE_0_6B:-1}";; 4b) echo "${SCALE_4B:-0.25}";; 8b) echo "${SCALE_8B:-0.125}";; *) echo 1;; esac; }
for pair in $MODELS_TO_RUN; do
    S=${pair%%:*}; Q=${pair##*:}
    F16="$MODELS/qwen3emb-$S-f16.gguf"; QF="$MODELS/qwen3emb-$S-$Q.gguf"
    if [ ! -f "$MODELS/.made-$S" ]; then
        step "make_model_$S" 30 bash -c "python3 devkit/make_model.py --shape $S --out '$MODELS' > '$RES/logs/model-$S.json' 2>&1" \
            && touch "$MODELS/.made-$S" || continue
    fi
    if [ ! -f "$QF" ]; then
        step "quantize_${S}_$Q" 20 bash -c "'$LLAMA_BIN/llama-quantize' '$F16' '$QF.tmp' $(echo "$Q" | tr a-z A-Z) $JOBS > '$RES/logs/quantize-$S-$Q.log' 2>&1 && mv '$QF.tmp' '$QF'" || continue
    fi
    # $OUT is emptied before every command: finished results are kept in $WORK/results
    # and a later command skips (and re-sends) them.
    if [ ! -f "$WORK/results/bench-$S-$Q.done" ] || [ "${FORCE:-0}" = 1 ]; then
        step "bench_${S}_$Q" "${BENCH_MIN_S:-150}" bash -c "set -o pipefail; timeout \$(( $DEADLINE + 30 - \$(date +%s) )) node sift-dist/cli/bench-entry.js \
            --model '$QF' ${BENCH_FLAGS:---binding lastBuild} --contexts '$CONTEXTS' --scale $(scale_for "$S") \
            --llama-server '$LLAMA_BIN/llama-server' --server-configs '$SERVER_CONFIGS' \
            --out '$WORK/results/bench-$S-$Q.json' 2> '$RES/logs/bench-$S-$Q.stderr' | tee '$WORK/results/bench-$S-$Q.txt'"
        # complete once the side-by-side ratio is in (whatever the exit code of node)
        grep -q '"ratio"' "$WORK/results/bench-$S-$Q.json" 2>/dev/null && touch "$WORK/results/bench-$S-$Q.done"
    fi
done
cp "$WORK"/results/bench-* "$OUT"/ 2>/dev/null
log "done in $(( $(date +%s) - T_START )) s"
cat "$WORK"/results/bench-*.txt 2>/dev/null
