#!/bin/bash
# Runs on the DEV machine. Fills the git-ignored .gpu/ folder that the GPU command carries:
#   .gpu/devkit/      copy of ../shared/devkit (build scripts, model maker, llama-server bench)
#   .gpu/.devcarry/   node + node-llama-cpp JS + llama.cpp source (devkit/prep_carry.sh; ~29 MB)
#   .gpu/sift-dist/   Sift compiled to JS (tsc), so the GPU machine runs Sift's own embedder code
# Then run on the GPU machine (carry [".gpu"]):  bash scripts/gpu/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEVKIT_SRC=${DEVKIT_SRC:-$ROOT/../shared/devkit}
[ -d "$DEVKIT_SRC" ] || DEVKIT_SRC=/work/shared/devkit
cd "$ROOT"
mkdir -p .gpu
if [ ! -f .gpu/devkit/run_all.sh ]; then
    cp -r "$DEVKIT_SRC" .gpu/devkit
    chmod -R u+w .gpu/devkit
fi
if [ ! -f .gpu/.devcarry/nlc-js.tar.xz ]; then
    (cd .gpu && SCRATCH=${SCRATCH:-/tmp/sift-gpu-kit} bash devkit/prep_carry.sh)
fi
# The Vulkan build's tools (scripts/gpu/vulkan.sh): loader, headers, SPIRV-Headers and glslc
# from Debian trixie (newer than bookworm's 2023.2 glslc and 1.3.239 headers, which were not tried),
# and the GL dispatch libraries the NVIDIA ICD loads (the device notes' recipe). ~4.5 MB.
if [ ! -f .gpu/vk/.done ]; then
    mkdir -p .gpu/vk /tmp/sift-apt-trixie/lists/partial /tmp/sift-apt-trixie/cache /tmp/sift-apt-amd64/partial
    echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' > /tmp/sift-apt-trixie/sources.list
    t="-oDir::Etc::SourceList=/tmp/sift-apt-trixie/sources.list -oDir::Etc::SourceParts=/dev/null -oDir::State::Lists=/tmp/sift-apt-trixie/lists -oDir::Cache=/tmp/sift-apt-trixie/cache -oAPT::Architecture=amd64 -oAPT::Architectures=amd64"
    b="-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/sift-apt-amd64"
    apt-get $t update >/dev/null && apt-get $b update >/dev/null
    (cd .gpu/vk && apt-get $t download glslc libshaderc1 libvulkan-dev libvulkan1 spirv-headers \
        && apt-get $b download libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2) && touch .gpu/vk/.done
fi
rm -rf .gpu/sift-dist
npx tsc -p tsconfig.cli.json --outDir .gpu/sift-dist --sourceMap false
# All of Sift's compiled JS travels (~2 MB): the benchmark's imports reach the pipeline, search
# and index modules (whose LanceDB and UI code load lazily or not at all), and a list of what
# to keep went stale whenever an import moved.
du -sh .gpu/.devcarry .gpu/devkit .gpu/sift-dist
echo "ready: carry [\".gpu\"] and run: bash scripts/gpu/run.sh"
