// `sift eval` end to end with the starter model on two small test sets written here: the
// table's new columns (nDCG@10, intervals, the paired hybrid line), --json with the same
// figures, --cross-validate's held-out table, and a clear message for a bad set.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../test-support/fixture-folder.js';
import { evalCommand } from './eval.js';

afterEach(() => vi.restoreAllMocks());

function capture(stream: NodeJS.WriteStream): () => string {
  const chunks: string[] = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return () => chunks.join('');
}

const documents = [
  { id: 'wc', text: 'wc prints newline, word, and byte counts for each file.' },
  { id: 'gzip', text: 'gzip reduces the size of the named files using Lempel-Ziv coding.' },
  { id: 'ssh', text: 'ssh is a program for logging into a remote machine and executing commands there.' },
  { id: 'df', text: 'df displays the amount of space available on the file system.' },
];
const sets = {
  exact: { name: 'tiny-exact', language: 'en', license: 'test text', documents, queries: [{ id: 'e1', query: 'Lempel-Ziv', relevant: 'gzip' }, { id: 'e2', query: 'newline counts', relevant: 'wc' }] },
  words: { name: 'tiny-words', language: 'en', license: 'test text', documents, queries: [{ id: 'w1', query: 'log in to another computer', relevant: 'ssh' }, { id: 'w2', query: 'free disk space', relevant: ['df', 'wc'] }] },
};
let dir: Awaited<ReturnType<typeof makeTempDir>>;
const file = (name: string) => join(dir.path, `${name}.json`);

beforeAll(async () => {
  dir = await makeTempDir('sift-eval-test-');
  for (const [name, set] of Object.entries(sets)) await writeFile(file(name), JSON.stringify(set));
  await writeFile(file('bad'), JSON.stringify({ ...sets.exact, queries: [{ id: 'x', query: 'q', relevant: 'nope' }] }));
});
afterAll(async () => dir.remove());

describe('sift eval', () => {
  it('prints top-1, MRR and nDCG@10 with 95% intervals per mode, and hybrid against the better single mode', async () => {
    const stdout = capture(process.stdout);
    capture(process.stderr);
    expect(await evalCommand([file('exact'), '--modes', 'vector,keyword,hybrid'])).toBe(0);
    const text = stdout();
    expect(text).toContain('tiny-exact: 2 queries over 4 documents');
    expect(text).toMatch(/^mode +top-1 \[95% CI\] +MRR \[95% CI\] +nDCG@10 \[95% CI\]$/m);
    for (const mode of ['vector', 'keyword', 'hybrid']) {
      expect(text).toMatch(new RegExp(`^${mode} +\\d+\\.\\d% \\[\\d+\\.\\d%, \\d+\\.\\d%\\] +[01]\\.\\d{3} \\[[01]\\.\\d{3}, [01]\\.\\d{3}\\] +[01]\\.\\d{3} \\[`, 'm'));
    }
    // Keyword search finds both exact terms.
    expect(text).toMatch(/^keyword +100\.0% \[100\.0%, 100\.0%\] +1\.000/m);
    expect(text).toMatch(/^hybrid - keyword: top-1 [+-]\d+\.\d pts \[.*\], MRR [+-]\d\.\d{3} \[.*\] \(paired\)$/m);
  });

  it('--json carries the same figures with their intervals', async () => {
    const stdout = capture(process.stdout);
    capture(process.stderr);
    expect(await evalCommand([file('words'), '--modes', 'keyword,hybrid', '--json'])).toBe(0);
    const [report] = JSON.parse(stdout()) as Array<{ testSet: string; modes: Array<{ mode: string; top1: number; mrr: number; ndcg10: number; ci: Record<string, [number, number]> }> }>;
    expect(report!.testSet).toBe('tiny-words');
    for (const mode of report!.modes) {
      for (const metric of ['top1', 'mrr', 'ndcg10'] as const) {
        const [lo, hi] = mode.ci[metric]!;
        expect(lo).toBeLessThanOrEqual(mode[metric]);
        expect(hi).toBeGreaterThanOrEqual(mode[metric]);
      }
    }
  });

  it('--cross-validate prints the held-out table and the constants chosen on all sets', async () => {
    const stdout = capture(process.stdout);
    capture(process.stderr);
    expect(await evalCommand([file('exact'), file('words'), '--cross-validate'])).toBe(0);
    const text = stdout();
    expect(text).toContain('Leave-one-set-out');
    expect(text).toMatch(/^tiny-exact +\d+\.\d% \/ [01]\.\d{3} \/ [01]\.\d{3} .* k=\d+ p=[\d.]+ mid=[\d.]+ slope=\d+ +(yes|NO)$/m);
    expect(text).toMatch(/^tiny-words /m);
    expect(text).toMatch(/^Chosen on all sets: k=\d+/m);
  });

  it('a set that names a missing document fails with a clear message', async () => {
    capture(process.stdout);
    const stderr = capture(process.stderr);
    expect(await evalCommand([file('bad')])).toBe(1);
    expect(stderr()).toMatch(/not a test set: query x: no document nope/);
  });
});
