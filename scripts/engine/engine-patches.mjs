// Sift's patches to node-llama-cpp and llama.cpp, applying them once, and the release
// build's options and folder. Shared by build-engine.mjs and its test
// (engine-patches.test.ts), which checks that the patches still apply to the llama.cpp
// release node-llama-cpp bundles: an upgrade that breaks them fails CI instead of the
// next release build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The patches and the folder each applies to (-p1), under a node-llama-cpp package. */
export function enginePatches(root, nodeLlamaCpp) {
  return [
    { file: join(root, 'scripts/gpu/addon-sequence-embedding.patch'), dir: nodeLlamaCpp },
    { file: join(root, 'scripts/gpu/addon-context-options.patch'), dir: nodeLlamaCpp },
    { file: join(root, 'scripts/gpu/addon-shared-tokens.patch'), dir: nodeLlamaCpp },
    { file: join(root, 'scripts/gpu/llama-skip-logits.patch'), dir: join(nodeLlamaCpp, 'llama', 'llama.cpp') },
    { file: join(root, 'scripts/gpu/ggml-cuda-mmq-max-batch.patch'), dir: join(nodeLlamaCpp, 'llama', 'llama.cpp') },
  ];
}

/** git apply in `dir`, never in a repository around it (node_modules sits inside Sift's
 *  own checkout, whose git would otherwise take the patch paths as its own). */
function gitApply(dir, patch, extra) {
  const env = { ...process.env, GIT_CEILING_DIRECTORIES: dirname(dir) };
  return spawnSync('git', ['apply', ...extra, patch], { cwd: dir, env, encoding: 'utf8' });
}

/** Applies `patch` in `dir` unless it is already in (it then reverses cleanly). */
export function applyOnce(dir, patch) {
  if (gitApply(dir, patch, ['--reverse', '--check']).status === 0) return 'already applied';
  const applied = gitApply(dir, patch, []);
  if (applied.status !== 0) throw new Error(`${patch} does not apply in ${dir}: ${applied.stderr.trim()}`);
  return 'applied';
}

/** CMake options of a release build: code for any CPU of the architecture, not just the
 *  build machine's (llama.cpp defaults to -march=native), and the CUDA generations from
 *  Turing (RTX 20) to Hopper, so an RTX 3060 (sm_86) runs native kernels. */
export function releaseCmakeOptions(gpu, extra = {}) {
  const options = { GGML_NATIVE: 'OFF' };
  if (gpu === 'cuda') options.CMAKE_CUDA_ARCHITECTURES = '75-real;80-real;86-real;89-real;90-real;90-virtual';
  return { ...options, ...extra };
}

/** The folder getLlama({ build: 'never' }) looks for with no custom CMake options
 *  (node-llama-cpp 3.21.1, getBuildFolderNameForBuildOptions): <platform>-<arch>[-<gpu>]. */
export function defaultBuildFolder(platform, arch, gpu) {
  const os = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : platform;
  return [os, arch, ...(gpu && gpu !== 'false' ? [gpu] : [])].join('-');
}

/** Custom CMake options give the build folder a hashed name the app never looks for:
 *  move it to the default name (replacing an older build there) and point lastBuild.json
 *  at it. Returns the folder's new path. */
export function adoptBuild(localBuilds, builtFolder, defaultName, lastBuildJson) {
  const target = join(localBuilds, defaultName);
  if (builtFolder !== defaultName) {
    rmSync(target, { recursive: true, force: true });
    renameSync(join(localBuilds, builtFolder), target);
  }
  if (lastBuildJson && existsSync(lastBuildJson)) {
    const info = JSON.parse(readFileSync(lastBuildJson, 'utf8'));
    writeFileSync(lastBuildJson, `${JSON.stringify({ ...info, folderName: defaultName }, null, 4)}\n`);
  }
  return target;
}
