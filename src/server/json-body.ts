// The one reader of JSON request bodies for both APIs on the loopback server (/api and /v1).
// It is called only after a request passed its checks (session or token, Origin, content
// type): only then is a client that sent `Expect: 100-continue` asked for its body, and a
// body over the limit is refused as soon as its size shows, without reading the rest.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** /api: the UI's calls are small (a query, a path, settings). */
export const API_BODY_LIMIT_BYTES = 1024 * 1024;
/** /v1: an embeddings batch of 2,048 inputs of a few hundred words each. */
export const V1_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export type BodyProblem = 'too_large' | 'empty' | 'not_json';

/** Why a body could not be read; each API words it in its own error shape. */
export class BodyError extends Error {
  constructor(
    readonly problem: BodyProblem,
    readonly limitBytes: number,
  ) {
    super(problem === 'too_large' ? `body over ${limitBytes} bytes` : problem === 'empty' ? 'no body' : 'body is not JSON');
    this.name = 'BodyError';
  }
}

/** Parsed JSON, or `undefined` for an empty body. Throws BodyError. */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, limitBytes: number): Promise<unknown> {
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) throw new BodyError('too_large', limitBytes);
  if (req.headers.expect?.toLowerCase() === '100-continue' && !res.headersSent) res.writeContinue();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new BodyError('too_large', limitBytes);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError('not_json', limitBytes);
  }
}
