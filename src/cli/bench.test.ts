// `sift bench` end to end on the starter model, at a tiny scale (a benchmark is a script
// that prints figures; this only checks that it runs and speaks JSON on stdout).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { starterModelPath } from '../paths.js';
import { benchCommand } from './bench.js';

afterEach(() => vi.restoreAllMocks());

function capture(stream: NodeJS.WriteStream): () => string {
  const chunks: string[] = [];
  vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  return () => chunks.join('');
}

describe('sift bench', () => {
  it('prints one JSON report with the seed test and the index load', async () => {
    const stdout = capture(process.stdout);
    capture(process.stderr);
    const code = await benchCommand(['--model', starterModelPath(), '--gpu', 'cpu', '--contexts', '1,2', '--scale', '0.01', '--seed-repeats', '1', '--json']);
    expect(code).toBe(0);
    const lines = stdout().trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report.model).toMatchObject({ architecture: 'bert', dimensions: 100 });
    expect(report.corpus).toMatchObject({ seedCopies: 100, short: 10, long: 2 });
    // One text per decode with the prebuilt addon; several with the Sift engine (engine:build).
    const configs = report.runs.map((r: { config: string }) => r.config);
    expect(configs).toHaveLength(2);
    expect(configs[0]).toMatch(/^contexts=1, (direct|multi-sequence x64 @2048\/2048 kv f16)$/);
    expect(configs[1]).toMatch(/^contexts=2, (direct|multi-sequence x64 @2048\/2048 kv f16)$/);
    for (const run of report.runs) {
      expect(run.seed.texts).toBe(100);
      expect(run.index.texts).toBe(12);
      expect(run.index.tokensPerSecond).toBeGreaterThan(0);
    }
  });

  it.each([
    [['--contexts', '0']],
    [['--gpu', 'tpu']],
    [['--scale', '-1']],
    [['--nope']],
  ])('rejects bad arguments %j with exit code 2', async (args) => {
    const stderr = capture(process.stderr);
    capture(process.stdout);
    expect(await benchCommand(args)).toBe(2);
    expect(stderr()).toMatch(/sift bench: .*\n\nUsage:/s);
  });
});
