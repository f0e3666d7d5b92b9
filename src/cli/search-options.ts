// `sift search` flags -> the search request's optional fields (mode, paging, filters,
// rerank). Throws a plain Error with a readable message on bad input.
import { resolve } from 'node:path';
import type { CallRequest, SearchMode } from '../api/contract.js';
import { isReadableExtension } from '../ingest/file-types.js';
import { SEARCH_MODES } from './help.js';

export interface SearchFlags {
  mode?: string;
  offset?: string;
  folder?: string;
  type?: string;
  'modified-after'?: string;
  rerank?: boolean;
}

const MODES: readonly SearchMode[] = SEARCH_MODES;
/** The contract's bounds on a page of results (src/api/contract.ts). */
const MAX_LIMIT = 200;

/** --limit: a whole number of files, 1 to 200; undefined keeps the default. */
export function searchLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const limit = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || limit < 1 || limit > MAX_LIMIT) {
    throw new Error(`--limit must be a whole number from 1 to ${MAX_LIMIT} (got "${text}").`);
  }
  return limit;
}

export function searchOptions(flags: SearchFlags): Omit<CallRequest<'search'>, 'query' | 'limit'> {
  const options: Omit<CallRequest<'search'>, 'query' | 'limit'> = {};
  if (flags.mode !== undefined) {
    if (!MODES.includes(flags.mode as SearchMode)) throw new Error(`--mode must be one of ${MODES.join(', ')} (got "${flags.mode}").`);
    options.mode = flags.mode as SearchMode;
  }
  if (flags.offset !== undefined) {
    const offset = Number(flags.offset);
    if (!/^\s*\d+\s*$/.test(flags.offset) || offset > 10_000) throw new Error(`--offset must be a whole number from 0 to 10000 (got "${flags.offset}").`);
    options.offset = offset;
  }
  if (flags.folder !== undefined) options.folder = resolve(flags.folder);
  if (flags.type !== undefined) {
    const types = flags.type.split(',').map((type) => type.trim()).filter(Boolean);
    if (types.length === 0) throw new Error('--type needs file extensions, e.g. md,pdf.');
    const malformed = types.filter((type) => !/^\*?\.?[\p{L}\p{N}_+-]{1,15}$/u.test(type));
    if (malformed.length > 0) {
      throw new Error(`--type takes file extensions such as md, txt, pdf, docx, html (got ${malformed.map((type) => `"${type}"`).join(', ')}).`);
    }
    options.fileTypes = types;
  }
  if (flags['modified-after'] !== undefined) {
    const text = flags['modified-after'];
    const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(ms)) throw new Error('--modified-after must be a date (2024-01-31) or milliseconds since 1970.');
    options.modifiedAfter = ms;
  }
  if (flags.rerank !== undefined) options.rerank = flags.rerank;
  return options;
}

/** The --type values Sift does not know by name. Sift still reads such files when their
 *  bytes are text, so they are not refused up front; a search that finds nothing of
 *  them says so (main.ts) instead of a bare "No results". */
export function typesUnknownByName(types: readonly string[] | undefined): string[] {
  return (types ?? []).filter((type) => !isReadableExtension(type));
}
