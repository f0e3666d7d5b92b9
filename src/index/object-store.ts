// An index on object storage (`s3://bucket/prefix`): the connection settings LanceDB needs
// and a minimal S3 client for the one object Sift keeps there besides LanceDB's own, the
// writer lease (object-lock.ts).
//
// What lives where when the index is on S3: the LanceDB tables (chunks, file state and the
// embedding cache of each model) and `<prefix>/writer.lock` are in the bucket, shared by
// every machine. Everything else stays in each machine's local data folder: settings.json,
// folders.json (the folders *this* writer indexes, as paths on its own disk), models/, logs/,
// the API token and benchmark history. A reader learns the indexed folders from the index
// itself (the `folder` column of the file state) and maps them to its own mount point with
// a roots map (roots-map.ts).
//
// Credentials and endpoint come from the usual AWS variables, so the same shell that works
// with the aws CLI works with Sift: AWS_ENDPOINT_URL (S3-compatible servers: MinIO, R2, ...),
// AWS_REGION / AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN. They are passed to LanceDB explicitly as storage options (not left to
// its own environment lookup) so that the lease below signs with exactly the same ones.
import { createHash, createHmac } from 'node:crypto';
import { SiftError } from '../api/errors.js';

export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing slash ('' for the bucket root). */
  prefix: string;
}

/** s3://bucket/some/prefix -> { bucket, prefix: 'some/prefix' }; undefined for anything else. */
export function s3Location(uri: string): S3Location | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(uri);
  if (!match) return undefined;
  return { bucket: match[1]!, prefix: match[2]!.replace(/^\/+|\/+$/g, '') };
}

export interface S3Settings {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The S3 settings from the environment; a clear error when the keys are missing. */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv, uri: string): S3Settings {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new SiftError(
      'invalid_request',
      `The index ${uri} is on S3, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (and AWS_ENDPOINT_URL for an S3-compatible server).`,
      { detail: { key: 's3NoKeys', params: { uri } } },
    );
  }
  const endpoint = (env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL ?? `https://s3.${region}.amazonaws.com`).replace(/\/+$/, '');
  return { endpoint, region, accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined };
}

/** LanceDB (object_store) storage options for these settings. Path-style requests, which
 *  every S3-compatible server understands; plain http allowed only when the endpoint is. */
export function lanceStorageOptions(settings: S3Settings): Record<string, string> {
  return {
    endpoint: settings.endpoint,
    region: settings.region,
    aws_access_key_id: settings.accessKeyId,
    aws_secret_access_key: settings.secretAccessKey,
    ...(settings.sessionToken ? { aws_session_token: settings.sessionToken } : {}),
    ...(settings.endpoint.startsWith('http://') ? { allow_http: 'true' } : {}),
    virtual_hosted_style_request: 'false',
  };
}

export interface S3Response {
  status: number;
  body: string;
  etag?: string;
}

/** One signed S3 request (AWS Signature V4) on an object, path-style. */
export async function s3Request(
  settings: S3Settings,
  method: 'GET' | 'PUT' | 'DELETE' | 'HEAD',
  location: S3Location,
  key: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<S3Response> {
  const body = options.body ?? '';
  const url = new URL(`${settings.endpoint}/${encodeKey(location.bucket)}/${encodeKey(key)}`);
  const now = new Date();
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256(body);
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
    ...(settings.sessionToken ? { 'x-amz-security-token': settings.sessionToken } : {}),
    ...Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    method,
    url.pathname,
    '',
    ...names.map((name) => `${name}:${headers[name]!.trim()}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${settings.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let signingKey = hmac(`AWS4${settings.secretAccessKey}`, day);
  for (const part of [settings.region, 's3', 'aws4_request']) signingKey = hmac(signingKey, part);
  const signature = createHmac('sha256', signingKey).update(toSign).digest('hex');
  const { host: _host, ...sent } = headers;
  const response = await fetch(url, {
    method,
    headers: {
      ...sent,
      authorization: `AWS4-HMAC-SHA256 Credential=${settings.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    },
    body: method === 'PUT' ? body : undefined,
  }).catch((error: unknown) => {
    throw new SiftError('unreadable', `Cannot reach the S3 endpoint ${settings.endpoint}: ${(error as Error).message}`, {
      cause: error,
      detail: { key: 's3Unreachable', params: { endpoint: settings.endpoint, reason: (error as Error).message } },
    });
  });
  return { status: response.status, body: method === 'HEAD' ? '' : await response.text(), etag: response.headers.get('etag') ?? undefined };
}

/** S3's URI encoding of a key: every byte but unreserved characters and '/'. */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}
