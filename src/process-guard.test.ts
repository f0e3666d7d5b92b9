// The guards in a real child process (dist/ build): a lost promise is logged to the log
// file and the process goes on; an uncaught exception is logged, the shutdown runs, exit 1.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from './paths.js';
import { makeTempDir } from './test-support/fixture-folder.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
const dist = (file: string) => pathToFileURL(join(packageRoot(), 'dist', file)).href;

beforeAll(async () => {
  if (!existsSync(join(packageRoot(), 'dist', 'process-guard.js'))) throw new Error('Build the CLI first: npm run build:cli');
  dir = await makeTempDir('sift-guard-');
});
afterAll(async () => {
  await dir.remove();
});

describe('process guards', () => {
  it('log a lost promise and go on; log an uncaught exception, shut down, exit 1', async () => {
    const log = join(dir.path, 'sift.log');
    const script = `
      const { installProcessGuards } = await import(${JSON.stringify(dist('process-guard.js'))});
      const { createLogger } = await import(${JSON.stringify(dist('log.js'))});
      const { writeFileSync } = await import('node:fs');
      installProcessGuards({
        logger: createLogger({ file: ${JSON.stringify(log)}, stderrLevel: 'error' }),
        shutdown: async () => writeFileSync(${JSON.stringify(join(dir.path, 'closed'))}, 'yes'),
      });
      Promise.reject(new Error('lost promise'));
      setTimeout(() => { console.log('still running'); throw new Error('boom'); }, 100);
    `;
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--input-type=module', '-e', script], (_error, stdout) => resolve({ code: child.exitCode, stdout }));
    });
    expect(result.stdout).toContain('still running');
    expect(result.code).toBe(1);
    const text = await readFile(log, 'utf8');
    expect(text).toMatch(/ERROR unhandled promise rejection \(the process goes on\): Error: lost promise/);
    expect(text).toMatch(/ERROR uncaught exception, shutting down: Error: boom/);
    expect(await readFile(join(dir.path, 'closed'), 'utf8')).toBe('yes');
  });
});
