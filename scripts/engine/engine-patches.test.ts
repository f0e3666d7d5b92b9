// The Sift engine's patches against the sources they are for: the llama.cpp release that
// node-llama-cpp bundles (cloned from its git bundle, as `source download` does offline)
// and a copy of node-llama-cpp's addon. Applied once, recognised when applied again, and
// with the calls the app relies on in place.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOnce, enginePatches } from './engine-patches.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NLC = join(ROOT, 'node_modules', 'node-llama-cpp');
let work: string;
let fakeNlc: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sift-engine-patches-'));
  fakeNlc = join(work, 'node-llama-cpp');
  await cp(join(NLC, 'llama', 'addon'), join(fakeNlc, 'llama', 'addon'), { recursive: true });
  const clone = spawnSync('git', ['clone', '-q', '--depth', '1', join(NLC, 'llama', 'gitRelease.bundle'), join(fakeNlc, 'llama', 'llama.cpp')], {
    encoding: 'utf8',
  });
  if (clone.status !== 0) throw new Error(`cloning the bundled llama.cpp failed: ${clone.stderr}`);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('Sift engine patches', () => {
  it('apply to the bundled llama.cpp release and node-llama-cpp addon, once', async () => {
    const patches = enginePatches(ROOT, fakeNlc);
    for (const { file, dir } of patches) expect(applyOnce(dir, file), file).toBe('applied');
    for (const { file, dir } of patches) expect(applyOnce(dir, file), file).toBe('already applied');

    const addon = await readFile(join(fakeNlc, 'llama/addon/AddonContext.cpp'), 'utf8');
    expect(addon).toContain('InstanceMethod("getSequenceEmbedding", &AddonContext::GetSequenceEmbedding)');
    const context = await readFile(join(fakeNlc, 'llama/llama.cpp/src/llama-context.cpp'), 'utf8');
    // Only Qwen3 skips its lm_head, so only Qwen3 contexts may go without a logits buffer.
    expect(context).toMatch(/has_logits\s+= !\(model\.arch == LLM_ARCH_QWEN3 && cparams\.embeddings/);
    const qwen3 = await readFile(join(fakeNlc, 'llama/llama.cpp/src/models/qwen3.cpp'), 'utf8');
    expect(qwen3).toContain('getenv("LLAMA_EMBD_SKIP_LOGITS")');
  });

  it('refuse, with the reason, a source they do not fit', async () => {
    const [addonPatch] = enginePatches(ROOT, fakeNlc);
    const elsewhere = await mkdtemp(join(work, 'empty-'));
    expect(() => applyOnce(elsewhere, addonPatch!.file)).toThrow(/does not apply in .*llama\/addon\/AddonContext\.cpp/);
  });
});
