// `npm start` and `npm test` install what is missing first; a second run only checks.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, installNeeded } from './ensure-install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dirs: string[] = [];

function cloneLike(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sift-install-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package-lock.json'), '{}');
  return dir;
}

function installInto(dir: string): void {
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', '.package-lock.json'), '{}');
  for (const file of BUILD_OUTPUTS) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('installNeeded', () => {
  it('asks for an install in a fresh clone', () => {
    expect(installNeeded(cloneLike())).toBe('node_modules is missing');
  });

  it('is satisfied by a complete install newer than the lock file', () => {
    const dir = cloneLike();
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'package-lock.json'), past, past);
    installInto(dir);
    expect(installNeeded(dir)).toBeNull();
  });

  it('asks again when package-lock.json changed after the install (a pull, a branch switch)', () => {
    const dir = cloneLike();
    installInto(dir);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'package-lock.json'), future, future);
    expect(installNeeded(dir)).toBe('package-lock.json is newer than node_modules');
  });

  it('asks for the build when an output is missing', () => {
    const dir = cloneLike();
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'package-lock.json'), past, past);
    installInto(dir);
    rmSync(join(dir, 'out', 'renderer', 'index.html'));
    expect(installNeeded(dir)).toBe('the build is missing (out/renderer/index.html)');
  });

  it('finds this checkout installed (the tests run in it)', () => {
    expect(installNeeded(root)).toBeNull();
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('npm start', () => {
  it('serves the UI in browser mode without installing again', async () => {
    const port = await freePort();
    const db = mkdtempSync(join(tmpdir(), 'sift-start-'));
    dirs.push(db);
    const child = spawn('npm', ['start', '--', '--db', db], {
      cwd: root,
      env: { ...process.env, SIFT_BROWSER: '1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const started = Date.now();
      while (!/serving at http/.test(output)) {
        if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output}`);
        if (Date.now() - started > 60_000) throw new Error(`npm start did not serve within 60 s:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      console.log(`npm start served after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      expect(output).not.toMatch(/installing first/);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root"><\/div>/);
    } finally {
      // npm runs start.mjs which runs sift serve: end the whole group.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
    }
  });
});
