// The Sift engine's patches against the sources they are for: the llama.cpp release that
// node-llama-cpp bundles (cloned from its git bundle, as `source download` does offline)
// and a copy of node-llama-cpp's addon. Applied once, recognised when applied again, and
// with the calls the app relies on in place.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptBuild, applyOnce, defaultBuildFolder, enginePatches, releaseCmakeOptions } from './engine-patches.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NLC = join(ROOT, 'node_modules', 'node-llama-cpp');
let work: string;
let fakeNlc: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sift-engine-patches-'));
  fakeNlc = join(work, 'node-llama-cpp');
  await cp(join(NLC, 'llama', 'addon'), join(fakeNlc, 'llama', 'addon'), { recursive: true });
  // Where `npm run engine:build` ran, the installed addon carries the patches already:
  // take them out of the copy (last first), so the test starts from the release's source.
  for (const { file, dir } of enginePatches(ROOT, fakeNlc).reverse()) {
    if (dir !== fakeNlc) continue;
    const reverse = (extra: string[]) => spawnSync('git', ['apply', '--reverse', ...extra, file], { cwd: dir, env: { ...process.env, GIT_CEILING_DIRECTORIES: work } });
    if (reverse(['--check']).status === 0 && reverse([]).status !== 0) throw new Error(`could not take ${file} out of the addon copy`);
  }
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
    expect(context).toMatch(/has_logits\s+= !\(model\.arch == LLM_ARCH_QWEN3 && \(model\.output == nullptr \|\| \(cparams\.embeddings/);
    const qwen3 = await readFile(join(fakeNlc, 'llama/llama.cpp/src/models/qwen3.cpp'), 'utf8');
    expect(qwen3).toContain('getenv("LLAMA_EMBD_SKIP_LOGITS")');
    // A pooled model skipping its logits leaves the output layer on disk, and every graph
    // and context of a model without one goes without the lm_head and its buffer.
    expect(qwen3).toContain('TENSOR_NOT_REQUIRED | (sift_no_output ? TENSOR_SKIP : 0)');
    expect(qwen3).toMatch(/if \(model\.output == nullptr \|\| \(cparams\.embeddings/);
    // A Qwen3 reranker (RANK pooling) skips it too: its yes/no head reads the hidden state.
    expect(qwen3).toContain('hparams.pooling_type == LLAMA_POOLING_TYPE_RANK) &&');
    expect(qwen3).not.toContain('pooling_type != LLAMA_POOLING_TYPE_RANK');
    // Contexts sized to the work: one KV cache shared by the sequences, a micro-batch of its
    // own, and a call that says whether the build read them.
    expect(addon).toContain('context_params.kv_unified = options.Get("kvUnified")');
    expect(addon).toContain('context_params.n_ubatch = options.Get("microBatchSize")');
    expect(addon).toContain('InstanceMethod("getSiftContextOptions", &AddonContext::GetSiftContextOptions)');
    // Large dense quantized batches can go to cuBLAS (GGML_CUDA_MMQ_MAX_BATCH), read once,
    // from the Win32 environment block on Windows; MoE products keep the stock choice.
    const mmq = await readFile(join(fakeNlc, 'llama/llama.cpp/ggml/src/ggml-cuda/mmq.cu'), 'utf8');
    expect(mmq).toContain('const char * name = "GGML_CUDA_MMQ_MAX_BATCH";');
    expect(mmq).toContain('GetEnvironmentVariableA(name, buffer, sizeof(buffer))');
    expect(mmq).toMatch(/if \(n_experts == 0 && GGML_CUDA_CC_IS_NVIDIA\(cc\) && fp16_mma_hardware_available\(cc\)\) \{\s+const int64_t max_batch = sift_mmq_max_batch\(\);\s+if \(max_batch >= 0 && ne11 > max_batch\) \{\s+return false;/);
    // ... placed before the Turing-and-newer "always MMQ" return, or it would never run.
    expect(mmq.indexOf('sift_mmq_max_batch();')).toBeLessThan(mmq.indexOf('if (turing_mma_available(cc)) {\n        return true;'));
  });

  it('refuse, with the reason, a source they do not fit', async () => {
    const [addonPatch] = enginePatches(ROOT, fakeNlc);
    const elsewhere = await mkdtemp(join(work, 'empty-'));
    expect(() => applyOnce(elsewhere, addonPatch!.file)).toThrow(/does not apply in .*llama\/addon\/AddonContext\.cpp/);
  });
});

describe('Sift engine build folder and options', () => {
  it('names the folder the app looks in, per platform and backend', () => {
    expect(defaultBuildFolder('linux', 'x64', 'cuda')).toBe('linux-x64-cuda');
    expect(defaultBuildFolder('win32', 'x64', 'vulkan')).toBe('win-x64-vulkan');
    expect(defaultBuildFolder('darwin', 'arm64', 'metal')).toBe('mac-arm64-metal');
    expect(defaultBuildFolder('linux', 'x64', 'false')).toBe('linux-x64');
  });

  it('builds for any CPU and every current CUDA generation, the RTX 3060 (sm_86) included', () => {
    expect(releaseCmakeOptions('cuda')).toMatchObject({ GGML_NATIVE: 'OFF', CMAKE_CUDA_ARCHITECTURES: expect.stringContaining('86-real') });
    expect(releaseCmakeOptions('false', { GGML_AVX512: 'OFF' })).toEqual({ GGML_NATIVE: 'OFF', GGML_AVX512: 'OFF' });
  });

  it('moves a hashed build folder to the default name, replacing an older build', async () => {
    const builds = join(work, 'localBuilds');
    await mkdir(join(builds, 'linux-x64-cuda-5v5e1o6c', 'Release'), { recursive: true });
    await writeFile(join(builds, 'linux-x64-cuda-5v5e1o6c', 'Release', 'llama-addon.node'), 'new');
    await mkdir(join(builds, 'linux-x64-cuda', 'Release'), { recursive: true });
    await writeFile(join(builds, 'linux-x64-cuda', 'Release', 'llama-addon.node'), 'old');
    const lastBuild = join(work, 'lastBuild.json');
    await writeFile(lastBuild, JSON.stringify({ folderName: 'linux-x64-cuda-5v5e1o6c' }));
    const target = adoptBuild(builds, 'linux-x64-cuda-5v5e1o6c', 'linux-x64-cuda', lastBuild);
    expect(target).toBe(join(builds, 'linux-x64-cuda'));
    expect(await readdir(builds)).toEqual(['linux-x64-cuda']);
    expect(await readFile(join(target, 'Release', 'llama-addon.node'), 'utf8')).toBe('new');
    expect(JSON.parse(await readFile(lastBuild, 'utf8'))).toEqual({ folderName: 'linux-x64-cuda' });
  });
});
