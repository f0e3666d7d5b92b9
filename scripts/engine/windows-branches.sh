#!/bin/bash
# Compiles the Windows branches of Sift's llama.cpp patches (their Win32 environment reads)
# with mingw-w64 on Linux: no Windows machine or MSVC is at hand, so this is the one check
# that they compile and link at all. Needs Debian's g++-mingw-w64-x86-64-posix and a
# patched llama.cpp tree (what `npm run engine:build` leaves in node_modules):
#     bash scripts/engine/windows-branches.sh [node_modules/node-llama-cpp/llama/llama.cpp]
# The CUDA file (mmq.cu) needs the CUDA toolkit, so its patched function is compiled alone,
# as the patch adds it, into a small program that links against kernel32.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
L=${1:-$ROOT/node_modules/node-llama-cpp/llama/llama.cpp}
CXX=${CXX:-x86_64-w64-mingw32-g++-posix}
command -v "$CXX" >/dev/null || { echo "no $CXX: apt-get install g++-mingw-w64-x86-64-posix"; exit 2; }
grep -q sift_skip_logits_env "$L/src/llama-context.cpp" || { echo "$L is not patched (run npm run engine:build)"; exit 2; }
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
for f in src/llama-context.cpp src/models/qwen3.cpp; do
    "$CXX" -std=c++17 -O1 -c -w -I"$L/include" -I"$L/src" -I"$L/ggml/include" "$L/$f" -o "$TMP/$(basename "$f").o"
    # (nm's whole output first: grep -q stopping early would fail the pipe under pipefail)
    symbols=$(x86_64-w64-mingw32-nm "$TMP/$(basename "$f").o")
    grep -q '__imp_GetEnvironmentVariableA' <<< "$symbols" \
        || { echo "$f: the Windows branch was not compiled in"; exit 1; }
    echo "ok  $f (Windows branch compiled, imports GetEnvironmentVariableA)"
done
# The MMQ switch: the lines the patch adds before ggml_cuda_should_use_mmq, as a program.
{
    echo '#include <cstdint>'; echo '#include <cstdlib>'
    sed -n '/^+#ifdef _WIN32/,/^+}$/p' "$ROOT/scripts/gpu/ggml-cuda-mmq-max-batch.patch" | sed 's/^+//'
    echo 'int main() { return (int) sift_mmq_max_batch(); }'
} > "$TMP/mmq-switch.cpp"
"$CXX" -std=c++17 "$TMP/mmq-switch.cpp" -o "$TMP/mmq-switch.exe"
symbols=$(x86_64-w64-mingw32-nm "$TMP/mmq-switch.exe")
grep -q '__imp_GetEnvironmentVariableA' <<< "$symbols" || { echo "mmq switch: no GetEnvironmentVariableA"; exit 1; }
echo "ok  ggml-cuda-mmq-max-batch.patch's sift_mmq_max_batch (linked against kernel32)"
