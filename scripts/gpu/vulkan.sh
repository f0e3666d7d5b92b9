#!/bin/bash
# The Vulkan engine on the GPU machine (issue 16 part 6), from the repo root with .gpu/
# carried, after scripts/gpu/run.sh has unpacked the kit (same /tmp/devkit):
#     bash scripts/gpu/vulkan.sh build     # ~5-8 min; run it in the background with setsid
#     bash scripts/gpu/vulkan.sh check     # conformance + benchmark on the Vulkan build
# What the machine lacks is carried in .gpu/vk/ (scripts/gpu/prepare.sh fetches it with
# apt-get download): the Vulkan loader, headers, SPIRV-Headers and glslc from Debian trixie
# (glslc 2025.2: it compiled llama.cpp's coopmat, coopmat2 and integer-dot shaders), unpacked into /tmp/vkroot, not
# into /; and the GL dispatch libraries (bookworm, the device notes' recipe) that the NVIDIA
# ICD needs, unpacked into / as that recipe says.
set -uo pipefail
MODE=${1:-build}
REPO=$(pwd)
cd .gpu || exit 1
source devkit/env.sh
VK=/tmp/vkroot
if [ ! -x "$VK/usr/bin/glslc" ]; then
    mkdir -p "$VK"
    for f in vk/glslc_*.deb vk/libshaderc1_*.deb vk/libvulkan-dev_*.deb vk/libvulkan1_*.deb vk/spirv-headers_*.deb; do dpkg -x "$f" "$VK"; done
    for f in vk/libegl1_*.deb vk/libglvnd0_*.deb vk/libopengl0_*.deb vk/libgl1_*.deb vk/libglx0_*.deb vk/libgles2_*.deb; do dpkg -x "$f" /; done
    ldconfig
fi
export LD_LIBRARY_PATH="$VK/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export PATH="$VK/usr/bin:$PATH"
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
    [ -f "$icd" ] && export VK_DRIVER_FILES=$icd && break
done
egl=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
[ -f "$egl" ] && export __EGL_VENDOR_LIBRARY_FILENAMES=$egl
VKLOG="$WORK/vulkan-build.log"
mkdir -p "$WORK/results"

if [ "$MODE" = build ]; then
    trap 'rm -f "$WORK/.vulkan-building"' EXIT
    [ -f "$WORK/.nlc-vulkan.done" ] && { echo "vulkan build already done"; exit 0; }
    echo "ICD: ${VK_DRIVER_FILES:-none found}; glslc: $(glslc --version 2>&1 | head -1)" | tee "$VKLOG"
    for k in $(env | grep -o '^NODE_LLAMA_CPP_CMAKE_OPTION_[A-Za-z0-9_]*'); do unset "$k"; done
    opt() { export "NODE_LLAMA_CPP_CMAKE_OPTION_$1=$2"; }
    opt LLAMA_OPENSSL OFF; opt GGML_CCACHE OFF
    opt LLAMA_BUILD_TOOLS ON; opt LLAMA_BUILD_SERVER ON; opt LLAMA_BUILD_EXAMPLES ON
    opt LLAMA_USE_PREBUILT_UI OFF; opt LLAMA_BUILD_UI OFF
    opt Vulkan_INCLUDE_DIR "$VK/usr/include"
    opt Vulkan_LIBRARY "$VK/usr/lib/x86_64-linux-gnu/libvulkan.so"
    opt Vulkan_GLSLC_EXECUTABLE "$VK/usr/bin/glslc"
    opt CMAKE_PREFIX_PATH "$VK/usr"
    export NODE_LLAMA_CPP_SKIP_DOWNLOAD=true CI=false
    cd "$NLC_PKG" || exit 1
    t0=$(date +%s)
    # The CUDA build's lastBuild.json is kept aside: run.sh finds CUDA by its linked folder.
    cp llama/lastBuild.json "$WORK/lastBuild-cuda.json" 2>/dev/null
    touch "$WORK/.vulkan-building"
    node dist/cli/cli.js source build --gpu vulkan --noUsageExample >> "$VKLOG" 2>&1
    rc=$?
    rm -f "$WORK/.vulkan-building"
    folder=$(node -p 'require("./llama/lastBuild.json").folderName')
    rel="$NLC_PKG/llama/localBuilds/$folder/Release"
    echo "vulkan build rc=$rc in $(( $(date +%s) - t0 )) s -> $rel" | tee -a "$VKLOG"
    if [ $rc = 0 ] && [ -f "$rel/llama-addon.node" ]; then
        echo "$rel" > "$WORK/.nlc-vulkan.done"
        # The name a release build gets (npm run engine:build -- --gpu vulkan): getLlama({ gpu: 'vulkan' }) finds it.
        ln -sfn "$folder" "$NLC_PKG/llama/localBuilds/linux-x64-vulkan"
    fi
    exit $rc
fi

# check: wait for a background build, then conformance and the benchmark.
for _ in $(seq 1 "${WAIT_S:-420}"); do [ -f "$WORK/.nlc-vulkan.done" ] && break; [ -f "$WORK/.vulkan-building" ] || break; sleep 1; done
tail -25 "$VKLOG"
[ -f "$WORK/.nlc-vulkan.done" ] || { echo "no Vulkan build"; cp "$VKLOG" "$WORK/results/" 2>/dev/null; exit 3; }
cp "$VKLOG" "$WORK/results/"
VKBIN=$(cat "$WORK/.nlc-vulkan.done")
ls "$VKBIN" > "$WORK/results/vulkan-files.txt"
export LD_LIBRARY_PATH="$VKBIN:$LD_LIBRARY_PATH"
ln -sfn "${NODE_MODULES:-$NLC_ROOT/node_modules}" "$KIT_ROOT/node_modules"
# Conformance: Sift's embedder on the Vulkan engine against devkit/ref_numpy.py's float64
# forward pass (tiny shape), and against the CUDA engine and llama-server (0.6B F16).
[ -f "$MODELS/.made-tiny" ] || { python3 devkit/make_model.py --shape tiny --out "$MODELS" --hf > "$WORK/results/model-tiny.json" 2>&1 && touch "$MODELS/.made-tiny"; }
node sift-dist/cli/conformance-entry.js --model "$MODELS/qwen3emb-tiny-f16.gguf" --gpu vulkan --out "$WORK/results/conf-tiny-vulkan.json"
python3 devkit/ref_numpy.py --hf-dir "$MODELS/hf-tiny" --check "$WORK/results/conf-tiny-vulkan.json" > "$WORK/results/conf-tiny-vulkan-vs-ref.json"
cat "$WORK/results/conf-tiny-vulkan-vs-ref.json" | tr -d '\n ' | head -c 400; echo
if [ -f "$MODELS/qwen3emb-0.6b-f16.gguf" ]; then
    node sift-dist/cli/conformance-entry.js --model "$MODELS/qwen3emb-0.6b-f16.gguf" --gpu vulkan --out "$WORK/results/conf-0.6b-vulkan.json"
    [ -f "$WORK/results/conf-0.6b-cuda.json" ] && python3 - "$WORK/results/conf-0.6b-vulkan.json" "$WORK/results/conf-0.6b-cuda.json" <<'PY' | tee "$WORK/results/conf-0.6b-vulkan-vs-cuda.txt"
import json, sys, math
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def cos(x, y):
    return sum(p * q for p, q in zip(x, y)) / math.sqrt(sum(p * p for p in x) * sum(q * q for q in y))
print("0.6B F16, Sift on", a["engine"], "vs Sift on", b["engine"], ":", [round(cos(x, y), 6) for x, y in zip(a["embeddings"], b["embeddings"])])
PY
fi
# Throughput on Vulkan, the app's own way (--gpu vulkan finds localBuilds/linux-x64-vulkan),
# beside the Vulkan llama-server from the same tree.
for pair in ${VK_MODELS:-0.6b:f16 4b:q4_k_m}; do
    S=${pair%%:*}; Q=${pair##*:}; QF="$MODELS/qwen3emb-$S-$Q.gguf"
    [ -f "$QF" ] || { echo "no $QF"; continue; }
    case $S in 0.6b) sc=${VK_SCALE_0_6B:-0.5};; 4b) sc=${VK_SCALE_4B:-0.25};; *) sc=0.1;; esac
    timeout "${VK_BENCH_S:-150}" node sift-dist/cli/bench-entry.js --model "$QF" --gpu vulkan --contexts "${VK_CONTEXTS:-1x64:skip,auto:skip}" --scale "$sc" \
        --llama-server "$VKBIN/llama-server" --server-configs "${SERVER_CONFIGS:-np=32,b=16384,ub=4096,cram=0}" --gpu-memory \
        --out "$WORK/results/vulkan-bench-$S-$Q.json" 2> "$WORK/results/vulkan-bench-$S-$Q.stderr" | tee "$WORK/results/vulkan-bench-$S-$Q.txt"
done
tar -czf "$OUT/vulkan-results.tar.gz" -C "$WORK" results 2>/dev/null
