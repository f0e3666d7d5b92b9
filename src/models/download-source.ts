// Where a model file is fetched from. Catalog sources are `hf:<owner>/<repo>/<path>[#rev]`
// URIs, the form node-llama-cpp's downloader reads as well; they resolve to Hugging Face's
// `resolve` URL, or to the same path on a mirror (https://hf-mirror.com and friends serve
// identical paths) for people who cannot reach huggingface.co directly.
import { SiftError } from '../api/errors.js';

export const HUGGING_FACE = 'https://huggingface.co';

/**
 * The mirror to use: an explicit setting first, then HF_ENDPOINT (what huggingface_hub and
 * node-llama-cpp read, and what hf-mirror.com's instructions tell people to set).
 */
export function mirrorFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.SIFT_HF_MIRROR?.trim() || env.HF_ENDPOINT?.trim();
  return value ? value : undefined;
}

/** A mirror base URL, checked and without a trailing slash. */
export function normalizeMirror(mirror: string | undefined): string {
  if (!mirror?.trim()) return HUGGING_FACE;
  let url: URL;
  try {
    url = new URL(mirror.trim());
  } catch {
    throw new SiftError('invalid_request', `The mirror "${mirror}" is not a URL; use something like https://hf-mirror.com.`, {
      detail: { key: 'mirrorInvalid', params: { mirror } },
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SiftError('invalid_request', `The mirror must be an http(s) URL, not "${url.protocol}".`, { detail: { key: 'mirrorInvalid', params: { mirror } } });
  }
  if (url.search || url.hash) {
    throw new SiftError('invalid_request', 'The mirror URL must not have a query or fragment.', { detail: { key: 'mirrorInvalid', params: { mirror } } });
  }
  return url.href.replace(/\/+$/, '');
}

export interface HfUri {
  owner: string;
  repo: string;
  path: string;
  revision: string;
}

export function parseHfUri(uri: string): HfUri {
  const match = /^hf:([^/\s#]+)\/([^/\s#]+)\/([^#\s]+?)(?:#([^\s#]+))?$/.exec(uri.trim());
  if (!match) {
    throw new SiftError('invalid_request', `"${uri}" is not a model URI of the form hf:<owner>/<repo>/<file.gguf>.`);
  }
  const [, owner, repo, path, revision] = match as unknown as [string, string, string, string, string | undefined];
  if (path.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new SiftError('invalid_request', `"${uri}" has an invalid file path.`);
  }
  return { owner, repo, path, revision: revision ?? 'main' };
}

/**
 * The http(s) URL for a source. hf: URIs and huggingface.co URLs go to the mirror when one
 * is set; any other http(s) URL is used as it is.
 */
export function resolveSourceUrl(source: string, mirror?: string): string {
  const base = normalizeMirror(mirror);
  if (source.startsWith('hf:')) {
    const { owner, repo, path, revision } = parseHfUri(source);
    const encodedPath = path.split('/').map(encodeURIComponent).join('/');
    return `${base}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/resolve/${encodeURIComponent(revision)}/${encodedPath}`;
  }
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new SiftError('invalid_request', `"${source}" is neither an hf: URI nor a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SiftError('invalid_request', `Models are downloaded over http(s), not "${url.protocol}".`);
  }
  if (url.origin === HUGGING_FACE && base !== HUGGING_FACE) return base + url.pathname + url.search;
  return url.href;
}
