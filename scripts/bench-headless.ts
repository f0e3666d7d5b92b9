/**
 * The headless indexer's speed: `sift index` (the built CLI, dist/) embedding on a remote
 * engine, another Sift (`sift serve` with the starter model, its /v1/embeddings on
 * loopback), into an index on S3 (a loopback S3-compatible server, src/test-support/
 * s3-server.ts) and, for comparison, into a local folder. Prints files/s and chunks/s of
 * each, the machine's load, and the exact command. Prints figures, never asserts.
 *
 * Usage (node 20 has no --experimental-strip-types; vite's module runner runs the .ts):
 *   npm run build:cli
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/bench-headless.ts'))" -- [folder] [--engine-url http://host:port/v1 --engine-model id --engine-key k]
 * Default folder: /usr/share/doc/git (597 files, 4.8 MB: text docs, HTML manuals, examples).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { packageRoot } from '../src/paths.js';
import { startTestS3 } from '../src/test-support/s3-server.js';

const { values, positionals } = parseArgs({
  // Under `node -e`, process.argv[1] is already the first argument after `--`.
  args: process.argv.slice(1).filter((arg) => arg !== '--'),
  options: {
    'engine-url': { type: 'string' },
    'engine-model': { type: 'string' },
    'engine-key': { type: 'string' },
    'skip-local': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const folder = positionals[0] ?? '/usr/share/doc/git';
const bin = join(packageRoot(), 'bin', 'sift.js');
const run = promisify(execFile);
const TOKEN = 'bench-headless-token-0123456';

async function startEngine(): Promise<{ url: string; model: string; key: string; stop(): Promise<void> }> {
  if (values['engine-url']) {
    return { url: values['engine-url'], model: values['engine-model'] ?? '', key: values['engine-key'] ?? '', stop: async () => undefined };
  }
  const data = mkdtempSync(join(tmpdir(), 'sift-bench-engine-'));
  const engine = spawn(process.execPath, [bin, 'serve', '--db', data, '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SIFT_API_TOKEN: TOKEN },
  });
  const base = await new Promise<string>((resolve, reject) => {
    engine.stdout!.on('data', (chunk: Buffer) => {
      const match = /serving at (http:\/\/\S+)/.exec(String(chunk));
      if (match) resolve(match[1]!);
    });
    engine.once('exit', (code) => reject(new Error(`sift serve exited with ${code}`)));
  });
  const models = (await (await fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { data: Array<{ id: string }> };
  return {
    url: `${base}/v1`,
    model: models.data[0]!.id,
    key: TOKEN,
    async stop() {
      engine.kill('SIGTERM');
      await new Promise((resolve) => engine.once('exit', resolve));
      rmSync(data, { recursive: true, force: true });
    },
  };
}

interface Report {
  filesScanned: number;
  filesIndexed: number;
  filesSkipped: unknown[];
  filesFailed: unknown[];
  chunksEmbedded: number;
  seconds: number;
}

async function indexInto(db: string, env: Record<string, string>): Promise<{ report: Report; wall: number }> {
  const data = mkdtempSync(join(tmpdir(), 'sift-bench-headless-'));
  const started = performance.now();
  try {
    const { stdout } = await run(process.execPath, [bin, 'index', folder, '--db', db, '--data-dir', data, '--json'], {
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 3_600_000,
    });
    return { report: JSON.parse(stdout) as Report, wall: (performance.now() - started) / 1000 };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

function line(label: string, { report, wall }: { report: Report; wall: number }): string {
  return (
    `| ${label} | ${report.filesIndexed} | ${report.chunksEmbedded} | ${report.seconds.toFixed(1)} | ` +
    `${(report.filesIndexed / report.seconds).toFixed(1)} | ${(report.chunksEmbedded / report.seconds).toFixed(0)} | ${wall.toFixed(1)} |`
  );
}

const engine = await startEngine();
const s3 = await startTestS3({ bucket: 'bench' });
const remote = { SIFT_REMOTE_URL: engine.url, SIFT_REMOTE_MODEL: engine.model, SIFT_REMOTE_KEY: engine.key };
try {
  console.log(`folder ${folder}; engine ${engine.url} (${engine.model}); ${cpus().length} cores, load average before ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  const rows = [line('remote engine -> s3:// (loopback S3)', await indexInto(s3.uri('bench/index'), { ...s3.env, ...remote }))];
  if (!values['skip-local']) {
    const local = mkdtempSync(join(tmpdir(), 'sift-bench-local-index-'));
    try {
      rows.push(line('remote engine -> local folder', await indexInto(local, remote)));
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  }
  console.log('| index | files indexed | chunks | seconds (report) | files/s | chunks/s | wall s (process) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(`S3 requests served: ${s3.requests.length}; load average after ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
} finally {
  await s3.close();
  await engine.stop();
}
