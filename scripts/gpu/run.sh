#!/bin/bash
# Runs on the GPU machine from the repo root, with .gpu/ carried (scripts/gpu/prepare.sh
# fills it on the dev machine):
#     bash scripts/gpu/run.sh
# Steps (each skipped when its output exists in /tmp/devkit, so a second command sent
# while the machine is still warm continues where the first stopped):
#   1. unpack node + node-llama-cpp + llama.cpp source (devkit/setup.sh)
#   2. node-llama-cpp source build for CUDA sm_90 with llama-server & co in the same tree
#      (devkit/build_nlc.sh): both engines run the very same libllama/libggml. Or, on a
#      fresh machine, the build an earlier command returned (.gpu/engine-cache/, see SAVE_BUILD)
#   3. Qwen3-Embedding-shaped random-weight GGUFs (devkit/make_model.py, with the same
#      weights as safetensors for transformers) + llama-quantize
#   4. per model: `sift bench` (Sift's own embedder code, compiled to .gpu/sift-dist) with
#      several configurations, then llama-server on the same file and texts, in one process;
#      then transformers fp16 (devkit/bench_hf.py) on the very same texts
# Results: $OUT/results.tar.gz (bench-<shape>-<quant>.{txt,json}, hf-<shape>.json, steps,
# logs), the tables on stdout.
# Knobs (env):
#   MODELS_TO_RUN="4b:q4_k_m 0.6b:f16"    shape:quant pairs, in order ("": none, e.g. only the reranker)
#   CONTEXTS="1x64:skip,auto:skip"        Sift configurations (src/bench/variants.ts), for every model;
#   CONTEXTS_<shape>=...                  or per shape (CONTEXTS_4b, CONTEXTS_0_6b, CONTEXTS_8b)
#   SERVER_CONFIGS="np=32,b=16384,ub=4096,cram=0"   llama-server configs (';'-separated)
#   HF=1 HF_SKIP="8b"                     transformers fp16 on the same texts (needs the --hf weights), but
#                                         not for the shapes in HF_SKIP
#   PATCHED=1                             apply scripts/gpu/*.patch before the build (llama-server stays
#                                         stock: the bench starts it without LLAMA_EMBD_SKIP_LOGITS, nor with Sift's CUDA
#                                         default GGML_CUDA_MMQ_MAX_BATCH=512; a value exported here, as MMQ_SWEEP does,
#                                         reaches both engines)
#   SAVE_BUILD=1                          return the build in $OUT/engine-*.part (xz): put them in
#                                         .gpu/engine-cache/ and a fresh machine skips the ~5 min build
#   KEEP_F16=0                            delete a shape's F16 GGUF and safetensors after its benches (disk)
#   SCALE_0_6B=1 SCALE_4B=0.25            fraction of the 1,000 + 200 passages
#   DEADLINE_S=560                        no new step starts after this many seconds
#   BENCH_FLAGS="--binding lastBuild"     how Sift picks llama.cpp (" ": as the app does)
#   NODE_MODULES=$NLC_ROOT/node_modules   where Sift's compiled code finds node-llama-cpp
#   CONFORMANCE=1                         the embedder conformance check on this build (tiny shape vs
#                                         devkit/ref_numpy.py; 0.6B vectors kept for vulkan.sh to compare)
#   RERANK=1 RERANK_CANDIDATES=30         reranker latency on a Qwen3-Reranker-0.6B-shaped GGUF (make-reranker.py),
#   RERANK_PATHS=sequential:0,batched:128 per decode path and document window (0 = whole; sequential:0 vs
#   RERANK_BATCH_TOKENS=2048              batched:0 = the batched scores against rankAll's), tokens per batched decode
#   MMQ_SWEEP="off 512"                   one bench per GGML_CUDA_MMQ_MAX_BATCH value (Sift and llama-server both
#                                         get it; "off" = stock MMQ everywhere): files bench-<s>-<q>-mmq<v>.*
#   VULKAN_BG=1                           start the Vulkan engine build in the background at the end
#                                         (scripts/gpu/vulkan.sh build; then `vulkan.sh check` in a later command)
set -uo pipefail
T_START=$(date +%s)
REPO=$(pwd)
cd .gpu || { echo "no .gpu folder: run scripts/gpu/prepare.sh on the dev machine and carry .gpu"; exit 1; }
source devkit/env.sh
: "${MODELS_TO_RUN=4b:q4_k_m 0.6b:f16}" "${CONTEXTS:=1x64:skip,auto:skip}" "${DEADLINE_S:=560}"
: "${SERVER_CONFIGS:=np=32,b=16384,ub=4096,cram=0}" "${PATCHED:=1}" "${HF:=1}" "${SAVE_BUILD:=0}" "${KEEP_F16:=1}"
DEADLINE=$((T_START + DEADLINE_S))
# Each llama_decode of node-llama-cpp runs on a libuv worker thread.
export UV_THREADPOOL_SIZE=${UV_THREADPOOL_SIZE:-32}
mkdir -p "$WORK/results"
left() { echo $((DEADLINE - $(date +%s))); }
step() {  # name min_seconds cmd...
    local name=$1 need=$2; shift 2
    if [ "$(left)" -lt "$need" ]; then log "SKIP $name (only $(left)s left)"; echo -e "$name\tskipped" >> "$WORK/results/steps.tsv"; return 1; fi
    local t0; t0=$(ts); log "STEP $name"
    "$@"; local rc=$?
    echo -e "$name\t$(elapsed "$t0")\trc=$rc" >> "$WORK/results/steps.tsv"
    return $rc
}
# Clocks, power and temperature every second while this command runs (logs/dmon-<time>.log):
# section 9 saw one configuration run 29 % slower late in a process than early in it.
mkdir -p "$RES/logs"
nvidia-smi dmon -s pcu -d 1 -o T > "$RES/logs/dmon-$(date +%H%M%S).log" 2>&1 &
DMON_PID=$!
pack_results() {
    cp -r "$RES/logs" "$WORK/results/" 2>/dev/null
    tar -czf "$OUT/results.tar.gz" -C "$WORK" results 2>/dev/null
}
trap 'kill "$DMON_PID" 2>/dev/null; pack_results' EXIT

step setup 5 bash devkit/setup.sh || exit 1
nvidia-smi --query-gpu=name,memory.total,memory.used,driver_version --format=csv > "$WORK/results/nvidia-smi.csv" 2>&1
# A build returned by an earlier command (SAVE_BUILD=1), on a fresh machine: no rebuild.
if [ ! -f "$WORK/.nlc-cuda.done" ] && ls engine-cache/engine-*.part >/dev/null 2>&1; then
    log "restoring the engine build from .gpu/engine-cache"
    cat engine-cache/engine-*.part | xz -d | tar -x -C "$NLC_PKG/llama" \
        && echo "$NLC_PKG/llama/localBuilds/$(node -p 'require(process.argv[1]).folderName' "$NLC_PKG/llama/lastBuild.json")/Release" > "$WORK/.nlc-cuda.done" \
        && touch "$NLC_PKG/.sift-patched" || log "restore failed: building"
fi
if [ "$PATCHED" = 1 ] && [ ! -f "$NLC_PKG/.sift-patched" ] && [ ! -f "$WORK/.nlc-cuda.done" ]; then
    patch -p1 --forward -d "$NLC_PKG" < "$REPO/scripts/gpu/addon-sequence-embedding.patch" \
        && patch -p1 --forward -d "$NLC_PKG" < "$REPO/scripts/gpu/addon-context-options.patch" \
        && patch -p1 --forward -d "$NLC_PKG" < "$REPO/scripts/gpu/addon-shared-tokens.patch" \
        && patch -p1 --forward -d "$NLC_PKG/llama/llama.cpp" < "$REPO/scripts/gpu/llama-skip-logits.patch" \
        && patch -p1 --forward -d "$NLC_PKG/llama/llama.cpp" < "$REPO/scripts/gpu/ggml-cuda-mmq-max-batch.patch" \
        && touch "$NLC_PKG/.sift-patched" || { log "patches failed to apply"; exit 4; }
fi
step build_nlc 60 env NLC_WITH_TOOLS=1 bash devkit/build_nlc.sh cuda || { log "build not finished: send the same command again"; exit 3; }
LLAMA_BIN=$(cat "$WORK/.nlc-cuda.done")
export LD_LIBRARY_PATH="$LLAMA_BIN${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
if [ "$SAVE_BUILD" = 1 ] && [ ! -f "$WORK/.build-saved" ]; then
    # The Release folder (addon, libraries, llama-server, llama-quantize) and lastBuild.json,
    # in parts of at most 15 MiB (the device returns files of up to 16 MiB).
    folder=$(basename "$(dirname "$LLAMA_BIN")")
    step save_build 20 bash -c "tar -C '$NLC_PKG/llama' --exclude='*.a' --exclude='llama-bench' --exclude='llama-embedding' \
        --exclude='test-*' -cf - lastBuild.json 'localBuilds/$folder/Release' \
        | xz -T0 -6 | split -b 15M -d - '$OUT/engine-' --additional-suffix=.part" && touch "$WORK/.build-saved"
    ls -la "$OUT"/engine-*.part 2>/dev/null
fi
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
contexts_for() { local v="CONTEXTS_$(echo "$1" | tr . _)"; echo "${!v:-$CONTEXTS}"; }
for pair in $MODELS_TO_RUN; do
    S=${pair%%:*}; Q=${pair##*:}
    F16="$MODELS/qwen3emb-$S-f16.gguf"; QF="$MODELS/qwen3emb-$S-$Q.gguf"; HFDIR="$MODELS/hf-$S"
    if [ ! -f "$MODELS/.made-$S" ]; then
        hfflag=""; [ "$HF" = 1 ] && [[ " ${HF_SKIP:-} " != *" $S "* ]] && hfflag="--hf"
        step "make_model_$S" 30 bash -c "python3 devkit/make_model.py --shape $S --out '$MODELS' $hfflag > '$RES/logs/model-$S.json' 2>&1" \
            && touch "$MODELS/.made-$S" || continue
    fi
    if [ ! -f "$QF" ]; then
        step "quantize_${S}_$Q" 20 bash -c "'$LLAMA_BIN/llama-quantize' '$F16' '$QF.tmp' $(echo "$Q" | tr a-z A-Z) $JOBS > '$RES/logs/quantize-$S-$Q.log' 2>&1 && mv '$QF.tmp' '$QF'" || continue
    fi
    # $OUT is emptied before every command: finished results are kept in $WORK/results
    # and a later command skips (and re-sends) them.
    # MMQ_SWEEP="off 512": one bench per value of GGML_CUDA_MMQ_MAX_BATCH (ggml-cuda-mmq-max-batch.patch),
    # exported to Sift AND to its llama-server (same tree), files bench-<shape>-<quant>-mmq<value>.*
    first=1
    sweep=${MMQ_SWEEP:-none}; [ "$(contexts_for "$S")" = none ] && sweep=""   # CONTEXTS_<shape>=none: the model only
    for mmq in $sweep; do
        sfx=""; envset=(env)
        if [ "$mmq" != none ]; then sfx="-mmq$mmq"; envset=(env "GGML_CUDA_MMQ_MAX_BATCH=$mmq"); fi
        B="$WORK/results/bench-$S-$Q$sfx"
        reload=""; [ $first = 1 ] && reload="--reload-check"; first=0
        if [ ! -f "$B.done" ] || [ "${FORCE:-0}" = 1 ]; then
            step "bench_${S}_$Q$sfx" "${BENCH_MIN_S:-90}" "${envset[@]}" bash -c "set -o pipefail; timeout \$(( $DEADLINE + 30 - \$(date +%s) )) node sift-dist/cli/bench-entry.js \
                --model '$QF' ${BENCH_FLAGS:---binding lastBuild} --contexts '$(contexts_for "$S")' --scale $(scale_for "$S") \
                --llama-server '$LLAMA_BIN/llama-server' --server-configs '$SERVER_CONFIGS' --gpu-memory $reload \
                --corpus-out '$WORK/results/corpus-$S.json' \
                --out '$B.json' 2> '$RES/logs/bench-$S-$Q$sfx.stderr' | tee '$B.txt'"
            # complete once the side-by-side ratio is in (whatever the exit code of node)
            grep -q '"ratio"' "$B.json" 2>/dev/null && touch "$B.done"
        fi
    done
    # transformers fp16 on the same GPU and the very texts Sift and llama-server embedded.
    if [ "$HF" = 1 ] && [[ " ${HF_SKIP:-} " != *" $S "* ]] && [ -f "$HFDIR/model.safetensors" ] && [ -f "$WORK/results/corpus-$S.json" ] && [ ! -f "$WORK/results/hf-$S.json" ]; then
        step "hf_$S" 40 bash -c "python3 devkit/bench_hf.py --hf-dir '$HFDIR' --label '$S' --corpus '$WORK/results/corpus-$S.json' \
            --out '$WORK/results/hf-$S.json' --scale 1 --deadline $DEADLINE 2> '$RES/logs/hf-$S.stderr' | tail -3"
    fi
    if [ "$KEEP_F16" = 0 ] && [ "$Q" != f16 ] && ls "$WORK/results/bench-$S-$Q"*.done >/dev/null 2>&1; then rm -rf "$F16" "$HFDIR"; fi
    pack_results
done
# The embedder conformance check on this (CUDA) engine: Sift's vectors against the float64
# reference (tiny shape) and, for the Vulkan check (vulkan.sh), the 0.6B F16 vectors.
if [ "${CONFORMANCE:-0}" = 1 ]; then
    [ -f "$MODELS/.made-tiny" ] || { python3 devkit/make_model.py --shape tiny --out "$MODELS" --hf > "$WORK/results/model-tiny.json" 2>&1 && touch "$MODELS/.made-tiny"; }
    step conformance_cuda 20 bash -c "node sift-dist/cli/conformance-entry.js --model '$MODELS/qwen3emb-tiny-f16.gguf' --out '$WORK/results/conf-tiny-cuda.json' \
        && python3 devkit/ref_numpy.py --hf-dir '$MODELS/hf-tiny' --check '$WORK/results/conf-tiny-cuda.json' > '$WORK/results/conf-tiny-cuda-vs-ref.json' \
        && tr -d ' \n' < '$WORK/results/conf-tiny-cuda-vs-ref.json' | head -c 300; echo; \
        [ -f '$MODELS/qwen3emb-0.6b-f16.gguf' ] && node sift-dist/cli/conformance-entry.js --model '$MODELS/qwen3emb-0.6b-f16.gguf' --out '$WORK/results/conf-0.6b-cuda.json'"
fi
# Reranker latency (issue 14 part 5): Sift's LlamaReranker on a Qwen3-Reranker-0.6B-shaped
# GGUF (the 0.6B embedding shape with a yes/no head, scripts/gpu/make-reranker.py).
if [ "${RERANK:-0}" = 1 ] && [ -f "$MODELS/qwen3emb-0.6b-f16.gguf" ]; then
    RR="$MODELS/qwen3rr-0.6b-f16.gguf"
    [ -f "$RR" ] || python3 "$REPO/scripts/gpu/make-reranker.py" "$MODELS/qwen3emb-0.6b-f16.gguf" "$RR" > "$RES/logs/make-reranker.log" 2>&1
    for n in ${RERANK_CANDIDATES:-30}; do
        step "rerank_$n" 20 bash -c "node sift-dist/cli/rerank-bench-entry.js --model '$RR' --candidates $n --queries ${RERANK_QUERIES:-30} \
            --paths '${RERANK_PATHS:-sequential:0,batched:0,batched:160,batched:128,batched:96}' --batch-tokens ${RERANK_BATCH_TOKENS:-2048} \
            --out '$WORK/results/rerank-0.6b-$n.json' 2> '$RES/logs/rerank-$n.stderr' | tee '$WORK/results/rerank-0.6b-$n.txt'"
    done
fi
# The Vulkan engine builds in the background (its own process session outlives this
# command, niced so the next command's benchmarks keep their cores): scripts/gpu/vulkan.sh.
if [ "${VULKAN_BG:-0}" = 1 ] && [ ! -f "$WORK/.nlc-vulkan.done" ] && [ ! -f "$WORK/.vulkan-building" ]; then
    touch "$WORK/.vulkan-building"
    (cd "$REPO" && setsid nohup nice -n 19 bash scripts/gpu/vulkan.sh build > /tmp/vulkan-bg.log 2>&1 < /dev/null &)
    log "Vulkan build started in the background (log: $WORK/vulkan-build.log)"
fi
pack_results
log "done in $(( $(date +%s) - T_START )) s"
cat "$WORK/results/steps.tsv"
cat "$WORK"/results/bench-*.txt 2>/dev/null
for f in "$WORK"/results/hf-*.json; do [ -f "$f" ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sys.argv[1].split('/')[-1], 'seed', d.get('seed',{}).get('texts_per_s'), 'index', {k: d.get(k) for k in ('index_total','max_mem_gib')})" "$f"; done
