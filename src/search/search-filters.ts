// Search filters (folder, file type, modified date) as one LanceDB SQL predicate on the
// chunks table, applied before ranking (prefilter) so that a narrow filter still fills a
// page. Pure: table-tested in search-filters.test.ts.
import { sep } from 'node:path';
import { sqlString } from '../index/chunk-store.js';

export interface SearchFilters {
  /** Only files under this folder (absolute path; an added folder or any folder inside one). */
  folder?: string;
  /** Only these file types, as extensions: 'md', '.PDF', 'txt'. */
  fileTypes?: readonly string[];
  /** Only files modified at or after this time (ms since the epoch). */
  modifiedAfter?: number;
}

/** Paths listed inline in the predicate at most; beyond that the caller filters the
 *  ranked candidates instead (a predicate with tens of thousands of literals is slow). */
export const MAX_INLINE_PATHS = 1000;

export function normalizeExtension(type: string): string {
  return type.trim().toLowerCase().replace(/^\*?\./, '');
}

/** The predicate for the folder and type filters; undefined when there is none. The
 *  modified-date filter is resolved to paths first (see pathPredicate). */
export function filterPredicate(filters: SearchFilters, separator: string = sep): string | undefined {
  const parts: string[] = [];
  if (filters.folder) {
    const trimmed = filters.folder.length > 1 ? filters.folder.replace(/[\\/]+$/, '') : filters.folder;
    const prefix = trimmed.endsWith(separator) ? trimmed : trimmed + separator;
    parts.push(`starts_with(path, ${sqlString(prefix)})`);
  }
  const types = [...new Set((filters.fileTypes ?? []).map(normalizeExtension).filter((type) => /^[\p{L}\p{N}_+-]+$/u.test(type)))];
  if (types.length > 0) {
    // Case-insensitive: README.MD is a markdown file too.
    parts.push(`(${types.map((type) => `lower(path) LIKE ${sqlString(`%.${type}`)}`).join(' OR ')})`);
  }
  if (filters.fileTypes && filters.fileTypes.length > 0 && types.length === 0) parts.push('false');
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}

/** `path IN (...)` for a small set of paths; 'false' for none (nothing can match). */
export function pathPredicate(paths: readonly string[]): string {
  if (paths.length === 0) return 'false';
  return `path IN (${paths.map(sqlString).join(', ')})`;
}

export function andPredicates(...parts: Array<string | undefined>): string | undefined {
  const present = parts.filter((part): part is string => Boolean(part));
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : present.map((part) => `(${part})`).join(' AND ');
}
