// Where a shared index's files are on this machine. The index stores each file's path as
// its writer saw it (`/srv/share/report.pdf` on the GPU server); a desktop that mounts the
// same share at `/Volumes/share` searches with `--roots /srv/share=/Volumes/share` (or the
// SIFT_ROOTS variable / the `roots` setting), and every path it is shown, opens or filters
// by is mapped across. Several pairs are separated by commas; the longest stored root
// that matches wins. A path under no stored root is left as it is.
import { SiftError } from '../api/errors.js';

export interface RootPair {
  /** The root as stored in the index (the writer's path). */
  stored: string;
  /** The same folder on this machine. */
  local: string;
}

export class RootsMap {
  private readonly pairs: RootPair[];

  constructor(pairs: RootPair[] = []) {
    this.pairs = pairs.map(({ stored, local }) => ({ stored: trimRoot(stored), local: trimRoot(local) }));
  }

  /** "/srv/share=/Volumes/share,/data=D:\\data" -> pairs; a clear error for anything else. */
  static parse(text: string | undefined): RootsMap {
    if (!text || text.trim() === '') return new RootsMap();
    const pairs = text.split(',').map((item) => {
      const at = item.indexOf('=');
      const stored = item.slice(0, at).trim();
      const local = item.slice(at + 1).trim();
      if (at <= 0 || stored === '' || local === '') {
        throw new SiftError('invalid_request', `--roots: "${item.trim()}" is not STORED=LOCAL (e.g. /srv/share=/Volumes/share).`, {
          detail: { key: 'rootsNotPairs', params: { item: item.trim() } },
        });
      }
      return { stored, local };
    });
    return new RootsMap(pairs);
  }

  get empty(): boolean {
    return this.pairs.length === 0;
  }

  /** A path from the index, as this machine reaches it. */
  toLocal(path: string): string {
    return swap(path, this.pairs.map((pair) => [pair.stored, pair.local] as const));
  }

  /** A path on this machine, as the index stores it (for filters). */
  toStored(path: string): string {
    return swap(path, this.pairs.map((pair) => [pair.local, pair.stored] as const));
  }
}

function trimRoot(root: string): string {
  return root.length > 1 ? root.replace(/[\\/]+$/, '') : root;
}

/** Replaces the longest matching root; the rest keeps its names, with the separator of the
 *  target root's style (a Windows drive or backslash root gets backslashes). */
function swap(path: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  let best: readonly [string, string] | undefined;
  for (const pair of pairs) {
    const [from] = pair;
    const under = path === from || path.startsWith(`${from}/`) || path.startsWith(`${from}\\`);
    if (under && (!best || from.length > best[0].length)) best = pair;
  }
  if (!best) return path;
  const [from, to] = best;
  const rest = path.slice(from.length);
  const windows = /^[a-z]:/i.test(to) || to.includes('\\');
  return to + (windows ? rest.replace(/\//g, '\\') : rest.replace(/\\/g, '/'));
}
