// The bearer token of the loopback server's programmatic doors (/v1 and /mcp): one token,
// compared in constant time over its hash so neither its length nor its prefix leaks.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type BearerCheck = (req: IncomingMessage) => boolean;

export function bearerCheck(token: string): BearerCheck {
  if (token.length < 8) throw new Error('The API token must be at least 8 characters long.');
  const expected = createHash('sha256').update(token).digest();
  return (req) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!match) return false;
    const given = createHash('sha256').update(match[1]!.trim()).digest();
    return timingSafeEqual(given, expected);
  };
}
