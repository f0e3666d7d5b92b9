import { describe, expect, it } from 'vitest';
import { choosePoolSize, threadPoolSize, threadsPerContext, vramHeadroom } from './pool-size.js';

const GiB = 2 ** 30;

describe('choosePoolSize', () => {
  it.each([
    { name: 'CPU, 2 cores: two contexts', input: { onGpu: false, cpuCores: 2, freeVramBytes: 0, totalVramBytes: 0, perContextBytes: 0, maxContexts: 4 }, expected: 2 },
    { name: 'CPU, 16 cores: the cap', input: { onGpu: false, cpuCores: 16, freeVramBytes: 0, totalVramBytes: 0, perContextBytes: 0, maxContexts: 4 }, expected: 4 },
    { name: 'CPU, 1 core', input: { onGpu: false, cpuCores: 1, freeVramBytes: 0, totalVramBytes: 0, perContextBytes: 0, maxContexts: 4 }, expected: 1 },
    { name: 'CPU: explicit 1', input: { requested: 1, onGpu: false, cpuCores: 8, freeVramBytes: 0, totalVramBytes: 0, perContextBytes: 0, maxContexts: 4 }, expected: 1 },
    { name: 'GPU: plenty of VRAM hits the cap', input: { onGpu: true, cpuCores: 16, freeVramBytes: 60 * GiB, totalVramBytes: 80 * GiB, perContextBytes: 1.3 * GiB, maxContexts: 4 }, expected: 4 },
    { name: 'GPU: VRAM for two more', input: { onGpu: true, cpuCores: 16, freeVramBytes: 3.2 * GiB, totalVramBytes: 8 * GiB, perContextBytes: 1.2 * GiB, maxContexts: 8 }, expected: 3 },
    { name: 'GPU: nothing spare keeps the first', input: { onGpu: true, cpuCores: 16, freeVramBytes: 0.3 * GiB, totalVramBytes: 8 * GiB, perContextBytes: 1 * GiB, maxContexts: 8 }, expected: 1 },
    { name: 'GPU: explicit wins', input: { requested: 6, onGpu: true, cpuCores: 16, freeVramBytes: 0, totalVramBytes: 8 * GiB, perContextBytes: 1 * GiB, maxContexts: 2 }, expected: 6 },
    { name: 'GPU: the budget holds two contexts of 1 GiB, VRAM four', input: { onGpu: true, cpuCores: 16, freeVramBytes: 20 * GiB, totalVramBytes: 24 * GiB, perContextBytes: 1 * GiB, maxContexts: 8, budgetBytes: 2.5 * GiB }, expected: 2 },
    { name: 'GPU: a budget below one context keeps the first', input: { onGpu: true, cpuCores: 16, freeVramBytes: 20 * GiB, totalVramBytes: 24 * GiB, perContextBytes: 1 * GiB, maxContexts: 8, budgetBytes: 0.5 * GiB }, expected: 1 },
    { name: 'explicit 0 is floored to 1', input: { requested: 0, onGpu: true, cpuCores: 16, freeVramBytes: 0, totalVramBytes: 8 * GiB, perContextBytes: 1, maxContexts: 2 }, expected: 1 },
  ])('$name', ({ input, expected }) => expect(choosePoolSize(input)).toBe(expected));
});

describe('threadsPerContext', () => {
  it.each([
    [2, 2, false, 1],
    [2, 1, false, 2],
    [16, 4, false, 4],
    [16, 32, false, 1],
    [16, 16, true, 2], // a GPU context keeps two threads to feed the decodes
    [1, 4, true, 1],
  ])('%i cores / %i contexts (gpu %s) -> %i threads', (cores, n, gpu, expected) =>
    expect(threadsPerContext(cores, n, gpu)).toBe(expected));
});

describe('vramHeadroom / threadPoolSize', () => {
  it.each([
    [8 * GiB, 512 * 2 ** 20],
    [80 * GiB, 4 * GiB],
  ])('headroom of %i bytes is %i', (total, expected) => expect(vramHeadroom(total)).toBe(expected));

  it.each([
    [{}, 4],
    [{ UV_THREADPOOL_SIZE: '16' }, 16],
    [{ UV_THREADPOOL_SIZE: 'x' }, 4],
    [{ UV_THREADPOOL_SIZE: '0' }, 4],
  ])('env %j -> %i threads', (env, expected) => expect(threadPoolSize(env)).toBe(expected));
});
