// A real S3-compatible server on loopback for the shared-index tests: @20minutes/s3rver
// (the maintained fork of s3rver; files in a temp folder, runs in this process, no network
// beyond 127.0.0.1).
//
// Why this one: of the S3 servers on npm it is the one that is maintained (2026 releases,
// current koa/fast-xml-parser) and still runs on Node 20 (4.0.x; 5.x wants Node 24), and it
// implements what LanceDB's object_store client uses: PUT/GET/HEAD/DELETE, GET with Range,
// multipart upload (initiate, parts, complete, abort), ListObjectsV2 with prefix, delimiter
// and continuation tokens, copy (x-amz-copy-source), and SigV4 auth. The original s3rver
// 3.7.1 (2021) is the same code with unmaintained dependencies; MinIO and LocalStack are not
// npm packages; @push.rocks/smarts3 wraps s3rver 3.7.1; fauxqs needs Node 22.5.
//
// What none of them does: conditional writes. LanceDB (Lance 8, object_store 0.13) commits a
// table version on s3:// by writing `_versions/<n>.manifest` with `If-None-Match: *` (put
// mode Create) and relies on 412 Precondition Failed to detect a concurrent commit; AWS S3
// honours that header since August 2024, as do MinIO and Cloudflare R2. s3rver ignores it on
// PUT (only GET reads it), which would make a second writer overwrite the first one's
// manifest. So this server adds exactly that in front of s3rver: a PUT (or a multipart
// complete) with `If-None-Match: *` on a key that exists gets 412, checked and written under a
// per-key mutex so two racing creators cannot both win. And s3rver's ListObjectsV2 with a
// delimiter prunes its folder walk one level too early, so a prefix whose objects all lie
// deeper (every LanceDB table: `t.lance/_versions/...`) is not listed and `tableNames()`
// comes back empty; the listing below groups the full key list instead. `conditionalWrites: false` serves
// plain s3rver, to test how Sift behaves on a store that ignores the header.
import S3rver from '@20minutes/s3rver';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestS3 {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  bucket: string;
  /** s3://<bucket>/<prefix> */
  uri(prefix: string): string;
  /** LanceDB storage options for this server (also what the env below produces). */
  storageOptions: Record<string, string>;
  /** The environment a `sift` child process needs to reach this server. */
  env: Record<string, string>;
  /** Every request served: method and path (with query), for tests that check what was used. */
  requests: Array<{ method: string; url: string; ifNoneMatch?: string; status?: number }>;
  close(): Promise<void>;
}

/** s3rver's default credentials (it checks SigV4 signatures against these). */
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

export async function startTestS3(options: { bucket?: string; conditionalWrites?: boolean } = {}): Promise<TestS3> {
  const bucket = options.bucket ?? 'sift-test';
  const directory = await mkdtemp(join(tmpdir(), 'sift-s3-'));
  const s3 = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket }], vhostBuckets: false });
  await s3.configureBuckets();
  listByWalkingEveryKey(s3.store);
  const handle = s3.callback();
  const requests: TestS3['requests'] = [];
  const keyLocks = new Map<string, Promise<void>>();

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const entry: TestS3['requests'][number] = { method: req.method ?? '', url: req.url ?? '', ifNoneMatch: header(req, 'if-none-match') };
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    const conditional = options.conditionalWrites !== false && entry.ifNoneMatch === '*' && createsObject(req);
    if (!conditional) {
      handle(req, res);
      return;
    }
    const { bucketName, key } = bucketAndKey(req.url ?? '');
    void withKeyLock(keyLocks, `${bucketName}/${key}`, async () => {
      if (await s3.store.existsObject(bucketName, key)) {
        req.resume();
        res.writeHead(412, { 'Content-Type': 'application/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
            '<Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>',
        );
        return;
      }
      // Hold the key until s3rver has written the object and answered.
      await new Promise<void>((resolve) => {
        res.on('close', resolve);
        handle(req, res);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const storageOptions = {
    endpoint,
    region: 'us-east-1',
    allow_http: 'true',
    aws_access_key_id: ACCESS_KEY,
    aws_secret_access_key: SECRET_KEY,
  };
  return {
    endpoint,
    bucket,
    uri: (prefix) => `s3://${bucket}/${prefix.replace(/^\/+/, '')}`,
    storageOptions,
    env: { AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: SECRET_KEY },
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

interface S3rverObject {
  key: string;
}
interface ListResult {
  objects: S3rverObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
}
type ListObjects = (bucket: string, options: { delimiter?: string; prefix?: string; startAfter?: string; maxKeys?: number }) => Promise<ListResult>;

/** Delimited listings from the undelimited one: keys with the delimiter after the prefix
 *  become common prefixes, as S3 does. */
function listByWalkingEveryKey(store: object): void {
  const target = store as { listObjects: ListObjects };
  const original = target.listObjects.bind(store);
  target.listObjects = async (bucket, options) => {
    const { delimiter, maxKeys = Infinity } = options;
    if (!delimiter) return original(bucket, options);
    const prefix = options.prefix ?? '';
    const all = await original(bucket, { ...options, delimiter: '', maxKeys: Infinity });
    const commonPrefixes = new Set<string>();
    const objects: S3rverObject[] = [];
    for (const object of all.objects) {
      const at = object.key.slice(prefix.length).indexOf(delimiter);
      if (at !== -1) commonPrefixes.add(object.key.slice(0, prefix.length + at + delimiter.length));
      else objects.push(object);
    }
    return { objects: objects.slice(0, maxKeys), commonPrefixes: [...commonPrefixes].sort(), isTruncated: objects.length > maxKeys };
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A PUT that writes a whole object (not a part, not a copy), or a multipart complete. */
function createsObject(req: IncomingMessage): boolean {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  if (req.method === 'PUT') return !query.has('partNumber') && !query.has('uploadId') && header(req, 'x-amz-copy-source') === undefined;
  return req.method === 'POST' && query.has('uploadId');
}

/** Path-style URL: /<bucket>/<key...>. */
function bucketAndKey(url: string): { bucketName: string; key: string } {
  const path = new URL(url, 'http://x').pathname;
  const [, bucketName = '', ...rest] = path.split('/');
  return { bucketName: decodeURIComponent(bucketName), key: rest.map((part) => decodeURIComponent(part)).join('/') };
}

async function withKeyLock(locks: Map<string, Promise<void>>, key: string, work: () => Promise<void>): Promise<void> {
  const before = locks.get(key) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.catch(() => undefined);
  locks.set(key, settled);
  try {
    await mine;
  } finally {
    if (locks.get(key) === settled) locks.delete(key);
  }
}
