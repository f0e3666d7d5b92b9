// Who may use /api in browser mode: only a browser that signed in with the one-time secret
// that `sift serve` printed (the way Jupyter and code-server let a browser in). Opening
// `/?token=<secret>` trades the secret for an HttpOnly, SameSite=Strict session cookie and
// redirects to the same page without the secret in the address. The secret then stops
// working and a fresh one takes its place (told through onRotate), so a link copied from
// the terminal, a shell history or a process list is good for one sign-in only.
//
// Another local user can reach 127.0.0.1 like any process, but can read neither the
// owner's terminal nor the owner's browser cookies; web pages cannot send the cookie
// cross-site (SameSite=Strict) and are refused by the Host/Origin checks anyway.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Shortest secret accepted from SIFT_SESSION_SECRET: guessing must stay hopeless. */
export const MIN_SECRET_CHARS = 16;
/** Sessions kept at once; signing in more browsers than this drops the oldest. */
const MAX_SESSIONS = 64;

export interface BrowserSessionOptions {
  /** The first one-time secret (SIFT_SESSION_SECRET); a random one when absent. */
  secret?: string;
  /** Called with the next secret once the current one has been used. */
  onRotate?: (secret: string) => void;
}

export function generateSessionSecret(): string {
  return randomBytes(24).toString('base64url');
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export class BrowserSessions {
  private secretDigest: Buffer;
  private current: string;
  /** SHA-256 of each live session id: the ids themselves are never kept. */
  private readonly sessions = new Set<string>();

  constructor(
    /** Cookies are not port-scoped, so each server's cookie carries its port in its name. */
    readonly cookieName: string,
    private readonly options: BrowserSessionOptions = {},
  ) {
    const secret = options.secret ?? generateSessionSecret();
    if (secret.length < MIN_SECRET_CHARS) throw new Error(`The session secret must be at least ${MIN_SECRET_CHARS} characters long.`);
    this.current = secret;
    this.secretDigest = digest(secret);
  }

  /** The secret of the sign-in link now; it works once. */
  get secret(): string {
    return this.current;
  }

  /** Trades the one-time secret for a new session id (the cookie's value); undefined if wrong. */
  exchange(given: string): string | undefined {
    // Equal-length digests, compared in constant time: no timing hint about the secret.
    if (!timingSafeEqual(digest(given), this.secretDigest)) return undefined;
    this.current = generateSessionSecret();
    this.secretDigest = digest(this.current);
    const id = randomBytes(32).toString('base64url');
    this.sessions.add(digest(id).toString('hex'));
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.values().next().value!);
    this.options.onRotate?.(this.current);
    return id;
  }

  /** Whether the request's Cookie header holds a live session of this server. */
  verify(cookieHeader: string | undefined): boolean {
    const id = readCookie(cookieHeader, this.cookieName);
    // A set lookup by SHA-256: a near-miss id tells an attacker nothing about a real one.
    return id !== undefined && this.sessions.has(digest(id).toString('hex'));
  }

  /** The Set-Cookie value for a new session: script cannot read it, other sites cannot send it. */
  setCookie(id: string): string {
    return `${this.cookieName}=${id}; Path=/; HttpOnly; SameSite=Strict`;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
