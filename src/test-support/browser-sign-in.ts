// Tests' stand-in for a browser that opened the sign-in link: trades the server's current
// one-time secret for the session cookie, the way the real page does (GET /?token=...).
import type { RunningServer } from '../server/http-server.js';

export interface SignedIn {
  /** The Cookie header a signed-in browser sends. */
  cookie: string;
  /** Headers of a same-origin POST from the UI: cookie, Origin and JSON. */
  headers: Record<string, string>;
}

export async function signIn(server: RunningServer): Promise<SignedIn> {
  const link = server.signInUrl();
  if (!link) throw new Error('This server has no browser sign-in (started without `ui`).');
  const response = await fetch(link, { redirect: 'manual' });
  const setCookie = response.headers.get('set-cookie');
  if (response.status !== 303 || !setCookie) throw new Error(`Sign-in failed: HTTP ${response.status}`);
  const cookie = setCookie.split(';')[0]!;
  return { cookie, headers: { cookie, origin: server.url, 'content-type': 'application/json' } };
}
