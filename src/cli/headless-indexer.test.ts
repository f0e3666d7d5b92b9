// The headless indexer for big corpora: `sift index` embedding on a remote engine (another
// Sift, `sift serve` with its /v1/embeddings on loopback, the starter model) into an index
// on S3 (a real S3-compatible server on loopback), printing progress lines to a log, killed
// with SIGKILL mid-run and run again: files committed before the kill are not embedded
// again, the lease the killed run left is taken over, and no file is in the index twice.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { makeFixtureFolder, makeTempDir, TOPIC_DOCUMENTS, type FixtureFolder } from '../test-support/fixture-folder.js';
import { startTestS3, type TestS3 } from '../test-support/s3-server.js';
import { s3Location, s3Request, s3SettingsFromEnv } from '../index/object-store.js';

const run = promisify(execFile);
/** Each test runs several `sift` processes (a model load each) and many S3 round trips; on a
 *  loaded 2-core machine that takes minutes. */
const SLOW = 300_000;
const bin = join(packageRoot(), 'bin', 'sift.js');
const TOKEN = 'headless-engine-token-0123';
const FILES = 2000;

let s3: TestS3;
let corpus: FixtureFolder;
let engine: ChildProcess;
let engineData: { path: string; remove(): Promise<void> };
let indexerData: { path: string; remove(): Promise<void> };
let remoteEnv: Record<string, string>;

beforeAll(async () => {
  if (!existsSync(join(packageRoot(), 'dist', 'cli', 'main.js'))) throw new Error('Build the CLI first: npm run build:cli');
  s3 = await startTestS3();
  // Enough files, each several passages, that the run is still going when it is killed.
  const texts = Object.values(TOPIC_DOCUMENTS);
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    const paragraphs = Array.from({ length: 6 }, (_, p) => `${texts[(i + p) % texts.length]} Paragraph ${p} of report ${i}, filed in week ${i % 52}.`);
    files[`reports/r${Math.floor(i / 100)}/report-${i}.txt`] = paragraphs.join('\n\n');
  }
  corpus = await makeFixtureFolder(files);
  engineData = await makeTempDir('sift-engine-');
  indexerData = await makeTempDir('sift-headless-');
  engine = spawn(process.execPath, [bin, 'serve', '--db', engineData.path, '--port', '0', '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SIFT_API_TOKEN: TOKEN },
  });
  const url = await new Promise<string>((resolve, reject) => {
    engine.stdout!.on('data', (data: Buffer) => {
      const match = /serving at (http:\/\/\S+)/.exec(String(data));
      if (match) resolve(match[1]!);
    });
    engine.once('exit', (code) => reject(new Error(`sift serve exited with ${code}`)));
  });
  const models = (await (await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { data: Array<{ id: string }> };
  remoteEnv = { ...s3.env, SIFT_REMOTE_URL: `${url}/v1`, SIFT_REMOTE_MODEL: models.data[0]!.id, SIFT_REMOTE_KEY: TOKEN };
});

afterAll(async () => {
  if (engine && engine.exitCode === null) {
    const exited = new Promise((resolve) => engine.once('exit', resolve));
    engine.kill('SIGTERM');
    await exited;
  }
  await s3?.close();
  await corpus?.remove();
  await engineData?.remove();
  await indexerData?.remove();
});

describe('the headless indexer', () => {
  it('killed mid-run with SIGKILL, resumes: committed files are not embedded again, none is stored twice', async () => {
    const db = s3.uri('corpus/index');
    const args = ['index', corpus.root, '--db', db, '--data-dir', indexerData.path];
    const first = spawn(process.execPath, [bin, ...args, '--progress-every', '0.1'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...remoteEnv } });
    let log = '';
    const committedAtKill = await new Promise<number>((resolve, reject) => {
      first.stderr!.on('data', (data: Buffer) => {
        log += String(data);
        // "<time> <folder>: 120/400 files, 700 chunks, 300 chunks/s, 2 s left"
        for (const match of log.matchAll(/: (\d+)\/(\d+) files, (\d+) chunks/g)) {
          const done = Number(match[1]);
          if (done > 0 && done < Number(match[2]) && first.exitCode === null) {
            first.kill('SIGKILL');
            resolve(done);
          }
        }
      });
      first.once('exit', (code, signal) => (signal === 'SIGKILL' ? undefined : reject(new Error(`finished before it could be killed (${code}):\n${log}`))));
    });
    await new Promise((resolve) => (first.exitCode !== null || first.signalCode !== null ? resolve(undefined) : first.once('exit', resolve)));
    expect(log).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z .+: \\d+/${FILES} files, \\d+ chunks`, 'm'));
    // The killed run's lease is still on S3, naming a process that is gone.
    const lock = await s3Request(s3SettingsFromEnv(s3.env, db), 'GET', s3Location(db)!, 'corpus/index/writer.lock');
    expect(lock.status).toBe(200);
    expect(JSON.parse(lock.body)).toMatchObject({ pid: first.pid, command: 'sift index' });

    const { stdout } = await run(process.execPath, [bin, ...args, '--json', '--wait', '0'], { env: { ...process.env, ...remoteEnv }, timeout: 300_000 });
    const report = JSON.parse(stdout) as { filesScanned: number; filesIndexed: number; filesUnchanged: number; chunksEmbedded: number };
    console.log(`killed after ${committedAtKill} committed files; the re-run: ${JSON.stringify({ ...report, filesSkipped: undefined, filesFailed: undefined })}`);
    expect(report.filesScanned).toBe(FILES);
    expect(report.filesUnchanged).toBeGreaterThanOrEqual(committedAtKill);
    expect(report.filesIndexed + report.filesUnchanged).toBe(FILES);
    expect(report.filesIndexed).toBeLessThan(FILES);

    const conn = await lancedb.connect(db, { storageOptions: s3.storageOptions });
    try {
      const names = await conn.tableNames();
      const files = (await (await conn.openTable(names.find((name) => name.startsWith('files_'))!)).query().select(['path', 'status']).toArray()) as Array<{ path: string; status: string }>;
      expect(files).toHaveLength(FILES);
      expect(new Set(files.map((row) => row.path)).size).toBe(FILES);
      expect(files.every((row) => row.status === 'done')).toBe(true);
      const chunks = (await (await conn.openTable(names.find((name) => name.startsWith('chunks_'))!)).query().select(['id']).toArray()) as Array<{ id: string }>;
      expect(new Set(chunks.map((row) => row.id)).size).toBe(chunks.length);
      expect(chunks.length).toBeGreaterThanOrEqual(FILES);
    } finally {
      conn.close();
    }
  }, SLOW);
});
