// Which proxy a request goes through, following the conventions curl, wget, pip and
// huggingface_hub share: HTTPS_PROXY for https URLs, HTTP_PROXY for http URLs (upper or
// lower case), ALL_PROXY as a fallback, and NO_PROXY to bypass hosts. Node's own http and
// fetch ignore these variables (before Node 24), so Sift reads them itself; people behind
// a corporate proxy would otherwise see every download fail.
import { SiftError } from '../api/errors.js';

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value?.trim() ? value.trim() : undefined;
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** NO_PROXY: comma/space separated hosts, `.suffix` or `*.suffix` domains, optional :port, or `*`. */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || defaultPort(target.protocol);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    // host, host:port, [v6], [v6]:port, or a bare v6 address (several colons, no port).
    const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
    const hostPort = /^([^:]+):(\d+)$/.exec(entry);
    let pattern = bracketed?.[1] ?? hostPort?.[1] ?? entry;
    const entryPort = bracketed?.[2] ?? hostPort?.[2];
    pattern = pattern.replace(/^\*?\./, '.');
    if (entryPort && entryPort !== port) continue;
    if (pattern.startsWith('.') ? host.endsWith(pattern) || host === pattern.slice(1) : host === pattern || host.endsWith(`.${pattern}`)) {
      return true;
    }
  }
  return false;
}

/** The proxy for `target`, or undefined for a direct connection. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  if (bypassesProxy(target, envValue(env, 'NO_PROXY'))) return undefined;
  const raw =
    (target.protocol === 'https:' ? envValue(env, 'HTTPS_PROXY') : envValue(env, 'HTTP_PROXY')) ?? envValue(env, 'ALL_PROXY');
  if (!raw) return undefined;
  let proxy: URL;
  try {
    // "proxy.corp:3128" without a scheme is common in these variables; curl reads it as http.
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new SiftError('invalid_request', `The proxy setting "${raw}" is not a URL.`, { detail: { key: 'proxyInvalid', params: { proxy: raw } } });
  }
  if (proxy.protocol !== 'http:') {
    throw new SiftError(
      'invalid_request',
      `Sift supports http:// proxies (plain or CONNECT for https); "${proxy.protocol}" proxies such as SOCKS are not supported.`,
      { detail: { key: 'proxyInvalid', params: { proxy: raw } } },
    );
  }
  return proxy;
}

/** Basic credentials for the proxy, when its URL carries user:password. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
