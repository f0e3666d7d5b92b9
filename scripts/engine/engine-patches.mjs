// Sift's patches to node-llama-cpp and llama.cpp, and applying them once. Shared by
// build-engine.mjs and its test (engine-patches.test.ts), which checks that the patches
// still apply to the llama.cpp release node-llama-cpp bundles: an upgrade that breaks
// them fails CI instead of the next release build.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

/** The patches and the folder each applies to (-p1), under a node-llama-cpp package. */
export function enginePatches(root, nodeLlamaCpp) {
  return [
    { file: join(root, 'scripts/gpu/addon-sequence-embedding.patch'), dir: nodeLlamaCpp },
    { file: join(root, 'scripts/gpu/llama-skip-logits.patch'), dir: join(nodeLlamaCpp, 'llama', 'llama.cpp') },
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
