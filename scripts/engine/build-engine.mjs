#!/usr/bin/env node
// `npm run engine:build -- [--gpu cuda|vulkan|metal|cpu]`: builds the Sift engine, i.e.
// node-llama-cpp's native addon and llama.cpp from source with Sift's five patches:
//   scripts/gpu/addon-sequence-embedding.patch  getSequenceEmbedding(seqId): several texts
//                                               share one decode (the stock addon reads seq 0)
//   scripts/gpu/addon-context-options.patch     kvUnified + microBatchSize context options:
//                                               one KV cache sized to a decode (context-plan.ts)
//   scripts/gpu/addon-shared-tokens.patch       addSharedToBatch(seqIds, pos, tokens): tokens of several
//                                               sequences at once (the reranker's shared prompt prefix)
//   scripts/gpu/llama-skip-logits.patch         pooled Qwen3 embedding models and rerankers skip the
//                                               151,669-row output layer when Sift asks (not
//                                               loaded, not computed, no logits buffer)
//   scripts/gpu/ggml-cuda-mmq-max-batch.patch   GGML_CUDA_MMQ_MAX_BATCH=<n>: quantized products of
//                                               more than n tokens go to cuBLAS, not MMQ (CUDA)
// Measured on an H200 (bench/RESULTS.md): 2.0-2.6x llama-server on the seed test and
// 1.6-2.8x on the index load, where the prebuilt addon reaches 0.3-0.8x and 1.1-1.4x.
//
// The build is portable (GGML_NATIVE off; CUDA kernels for Turing to Hopper) and lands in
// node_modules/node-llama-cpp/llama/localBuilds/<platform>-<arch>[-gpu],
// the folder getLlama({ build: 'never' }) looks in before the prebuilt binaries, and the
// folder electron-builder.yml packs into the installer. Release machines run this once per
// platform and backend before `npm run dist`; without it the app runs on the prebuilt
// addon, one text per decode (correct, slower on short texts).
//
// Offline: llama.cpp's source comes from the git bundle node-llama-cpp ships
// (`source download` clones it locally when the release matches). Needs git, cmake and a
// C++ compiler (plus the CUDA toolkit / Vulkan SDK for those backends).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { adoptBuild, applyOnce, defaultBuildFolder, enginePatches, releaseCmakeOptions } from './engine-patches.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NLC = join(ROOT, 'node_modules', 'node-llama-cpp');
const LLAMA_CPP = join(NLC, 'llama', 'llama.cpp');
const CLI = join(NLC, 'dist', 'cli', 'cli.js');
const PATCHES = enginePatches(ROOT, NLC);

const { values } = parseArgs({
  options: {
    gpu: { type: 'string', default: defaultGpu() },
    // Tune for this machine's CPU only (-march=native): for a build that never leaves it.
    native: { type: 'boolean', default: false },
    'cmake-option': { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('Usage: npm run engine:build -- [--gpu cuda|vulkan|metal|cpu] [--native] [--cmake-option KEY=VALUE ...]\n');
  process.exit(0);
}
const gpu = values.gpu === 'cpu' || values.gpu === 'false' ? 'false' : values.gpu;
if (!['cuda', 'vulkan', 'metal', 'false'].includes(gpu)) fail(`--gpu must be cuda, vulkan, metal or cpu (got "${values.gpu}")`);
if (!existsSync(CLI)) fail('node-llama-cpp is not installed: run npm ci first');

function defaultGpu() {
  return process.platform === 'darwin' ? 'metal' : 'cuda';
}

function fail(message) {
  process.stderr.write(`engine:build: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  process.stderr.write(`engine:build: ${[command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

// 1. llama.cpp's source, from the bundled git release.
if (!existsSync(join(LLAMA_CPP, 'CMakeLists.txt'))) {
  if (run(process.execPath, [CLI, 'source', 'download', '--skipBuild', '--noUsageExample'], { cwd: ROOT }) !== 0) {
    fail('could not get llama.cpp source (source download)');
  }
}

// 2. The patches, once: a patch that reverses cleanly is already in.
for (const { file, dir } of PATCHES) {
  try {
    process.stderr.write(`engine:build: ${file.slice(ROOT.length + 1)}: ${applyOnce(dir, file)}\n`);
  } catch (error) {
    fail(error.message);
  }
}

// 3. The build, portable unless --native, then moved to the folder name the app looks for
//    (custom CMake options would otherwise give it a hashed name).
for (const key of Object.keys(process.env)) if (key.startsWith('NODE_LLAMA_CPP_CMAKE_OPTION_')) delete process.env[key];
const extra = Object.fromEntries(
  values['cmake-option'].map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) fail(`--cmake-option takes KEY=VALUE (got "${pair}")`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
const cmake = values.native ? extra : releaseCmakeOptions(gpu, extra);
const buildEnv = { ...process.env, NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true' };
for (const [key, value] of Object.entries(cmake)) buildEnv[`NODE_LLAMA_CPP_CMAKE_OPTION_${key}`] = value;
if (run(process.execPath, [CLI, 'source', 'build', '--gpu', gpu], { cwd: ROOT, env: buildEnv }) !== 0) {
  fail('the build failed (see above)');
}
const lastBuildJson = join(NLC, 'llama', 'lastBuild.json');
const built = JSON.parse(readFileSync(lastBuildJson, 'utf8')).folderName;
const folder = adoptBuild(join(NLC, 'llama', 'localBuilds'), built, defaultBuildFolder(process.platform, process.arch, gpu), lastBuildJson);
process.stderr.write(`engine:build: built into ${folder.slice(ROOT.length + 1)}\n`);

// 4. Check what the app will load: getLlama as Sift calls it, and the patched call on it.
const { getLlama, LlamaLogLevel } = await import('node-llama-cpp');
const llama = await getLlama({ gpu: gpu === 'false' ? false : gpu, build: 'never', logLevel: LlamaLogLevel.error });
const patched = typeof llama._bindings?.AddonContext?.prototype?.getSequenceEmbedding === 'function';
const report = { gpu: llama.gpu, buildType: llama.buildType, patched };
await llama.dispose();
writeFileSync(join(NLC, 'llama', 'sift-engine.json'), `${JSON.stringify({ ...report, builtAt: new Date().toISOString() }, null, 1)}\n`);
process.stdout.write(`${JSON.stringify(report)}\n`);
if (!patched || report.buildType !== 'localBuild') fail('the app would not load the Sift engine build');
