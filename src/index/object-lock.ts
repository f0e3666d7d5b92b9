// The writer lock of an index on S3: `<prefix>/writer.lock`, created with a conditional PUT
// (`If-None-Match: *`), so exactly one process can create it; it holds the same
// {pid, hostname, startedAt, command, token} as the local lock file (file-lock.ts) and
// follows the same rules: released (deleted) at close, taken over when its holder provably
// is gone (same host, pid no longer running), never broken when the holder is on another
// host (the message names the object to delete).
//
// Why a lock at all when LanceDB commits safely on S3: LanceDB keeps each table consistent
// (a losing concurrent commit is retried or refused, see README "A shared index on S3"),
// but Sift's index is three tables kept in step by one indexer (chunks, file state,
// embedding cache). Two indexers would each embed the same files and interleave their
// replace-then-record steps, so the index would hold duplicates that no run repairs. One
// writer per index, as on a local disk.
//
// A store that ignores If-None-Match (older S3-compatible servers) would let two writers
// both "create" the lock, and LanceDB's own commits would silently overwrite each other
// there. So after creating the lock, Sift repeats the conditional PUT: a store that honours
// it answers 412; one that answers 200 is refused with the reason, before anything is written.
import { SiftError } from '../api/errors.js';
import { isStale, LockHeldError, newLockHolder, type LockHolder, type LockOptions } from './file-lock.js';
import { s3Request, type S3Location, type S3Settings } from './object-store.js';

export class ObjectLock {
  private released = false;

  private constructor(
    private readonly settings: S3Settings,
    private readonly location: S3Location,
    readonly key: string,
    readonly holder: LockHolder,
  ) {}

  /** The lock object's address, for messages: s3://bucket/prefix/writer.lock. */
  get uri(): string {
    return `s3://${this.location.bucket}/${this.key}`;
  }

  static async acquire(settings: S3Settings, location: S3Location, name: string, options: LockOptions): Promise<ObjectLock> {
    const key = location.prefix ? `${location.prefix}/${name}` : name;
    const uri = `s3://${location.bucket}/${key}`;
    const holder = newLockHolder(options.command);
    const body = JSON.stringify(holder);
    const deadline = Date.now() + (options.waitMs ?? 0);
    let told = false;
    for (;;) {
      const created = await s3Request(settings, 'PUT', location, key, { body, headers: { 'if-none-match': '*', 'content-type': 'application/json' } });
      if (created.status === 200) {
        const lock = new ObjectLock(settings, location, key, holder);
        await lock.assertConditionalWrites(body);
        return lock;
      }
      if (created.status !== 412 && created.status !== 409) throw storeError(uri, 'create', created);
      // 409: a concurrent conditional write on the same key is in flight (AWS); look again.
      const current = await readHolder(settings, location, key);
      if (current === 'gone') continue;
      if (current === 'unreadable' || isStale(current)) {
        // Only the lock that was found stale goes; a fresh one made meanwhile stays. (Known
        // gap: S3 has no conditional DELETE on every store, so a lock made between this
        // read and the delete can go too; the file lock guards this step, this one cannot.)
        const again = await readHolder(settings, location, key);
        const same = current === 'unreadable' ? again === 'unreadable' : typeof again === 'object' && again.token === current.token;
        if (same) await s3Request(settings, 'DELETE', location, key);
        continue;
      }
      if (Date.now() >= deadline) throw new LockHeldError(uri, current);
      if (!told) options.onWait?.(current);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 500, Math.max(deadline - Date.now(), 1))));
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const current = await readHolder(this.settings, this.location, this.key);
    if (typeof current === 'object' && current.token === this.holder.token) await s3Request(this.settings, 'DELETE', this.location, this.key);
  }

  /** A second conditional create of the lock we just made must be refused (412). */
  private async assertConditionalWrites(body: string): Promise<void> {
    const second = await s3Request(this.settings, 'PUT', this.location, this.key, { body, headers: { 'if-none-match': '*', 'content-type': 'application/json' } });
    if (second.status === 412 || second.status === 409) return;
    await this.release();
    throw new SiftError(
      'index_incompatible',
      `The object store at ${this.settings.endpoint} does not honour conditional writes (If-None-Match), so two Sift or LanceDB writers could overwrite each other's commits in ${this.uri.replace(/\/[^/]+$/, '')}. ` +
        'Use a store that supports them (AWS S3, MinIO, Cloudflare R2, recent Ceph RGW).',
      { detail: { key: 's3NoConditionalWrites', params: { endpoint: this.settings.endpoint } } },
    );
  }
}

async function readHolder(settings: S3Settings, location: S3Location, key: string): Promise<LockHolder | 'gone' | 'unreadable'> {
  const response = await s3Request(settings, 'GET', location, key);
  if (response.status === 404) return 'gone';
  if (response.status !== 200) throw storeError(`s3://${location.bucket}/${key}`, 'read', response);
  try {
    const parsed = JSON.parse(response.body) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string' && typeof parsed.token === 'string') {
      return { startedAt: '?', command: 'another Sift process', ...parsed } as LockHolder;
    }
  } catch {
    // Not ours, or damaged: treated as abandoned (objects are written whole, never partly).
  }
  return 'unreadable';
}

function storeError(uri: string, action: string, response: { status: number; body: string }): SiftError {
  const code = /<Code>([^<]+)<\/Code>/.exec(response.body)?.[1];
  const detail = code ?? `HTTP ${response.status}`;
  const hint = response.status === 403 ? ' Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.' : response.status === 404 ? ' Does the bucket exist?' : '';
  return new SiftError('unreadable', `Cannot ${action} the writer lock ${uri}: ${detail}.${hint}`);
}
