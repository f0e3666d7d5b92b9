import { describe, expect, it } from 'vitest';
import { choosePoolSize, threadPoolSize, vramHeadroom } from './pool-size.js';

const GiB = 2 ** 30;

describe('choosePoolSize', () => {
  it.each([
    { name: 'CPU: one context', input: { onGpu: false, freeVramBytes: 0, totalVramBytes: 0, perContextBytes: 0, maxContexts: 4 }, expected: 1 },
    { name: 'CPU: explicit 2', input: { requested: 2, onGpu: false, freeVramBytes: 0, totalVramBytes: 0, perContextBytes: 0, maxContexts: 4 }, expected: 2 },
    { name: 'GPU: plenty of VRAM hits the cap', input: { onGpu: true, freeVramBytes: 60 * GiB, totalVramBytes: 80 * GiB, perContextBytes: 1.3 * GiB, maxContexts: 4 }, expected: 4 },
    { name: 'GPU: VRAM for two more', input: { onGpu: true, freeVramBytes: 3.2 * GiB, totalVramBytes: 8 * GiB, perContextBytes: 1.2 * GiB, maxContexts: 8 }, expected: 3 },
    { name: 'GPU: nothing spare keeps the first', input: { onGpu: true, freeVramBytes: 0.3 * GiB, totalVramBytes: 8 * GiB, perContextBytes: 1 * GiB, maxContexts: 8 }, expected: 1 },
    { name: 'GPU: explicit wins', input: { requested: 6, onGpu: true, freeVramBytes: 0, totalVramBytes: 8 * GiB, perContextBytes: 1 * GiB, maxContexts: 2 }, expected: 6 },
    { name: 'explicit 0 is floored to 1', input: { requested: 0, onGpu: true, freeVramBytes: 0, totalVramBytes: 8 * GiB, perContextBytes: 1, maxContexts: 2 }, expected: 1 },
  ])('$name', ({ input, expected }) => expect(choosePoolSize(input)).toBe(expected));
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
