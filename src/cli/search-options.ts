// `sift search` flags -> the search request's optional fields (mode, paging, filters,
// rerank). Throws a plain Error with a readable message on bad input.
import { resolve } from 'node:path';
import type { CallRequest, SearchMode } from '../api/contract.js';

export interface SearchFlags {
  mode?: string;
  offset?: string;
  folder?: string;
  type?: string;
  'modified-after'?: string;
  rerank?: boolean;
}

const MODES: readonly SearchMode[] = ['hybrid', 'vector', 'keyword'];

export function searchOptions(flags: SearchFlags): Omit<CallRequest<'search'>, 'query' | 'limit'> {
  const options: Omit<CallRequest<'search'>, 'query' | 'limit'> = {};
  if (flags.mode !== undefined) {
    if (!MODES.includes(flags.mode as SearchMode)) throw new Error(`--mode must be one of ${MODES.join(', ')}.`);
    options.mode = flags.mode as SearchMode;
  }
  if (flags.offset !== undefined) {
    const offset = Number(flags.offset);
    if (!Number.isInteger(offset) || offset < 0) throw new Error('--offset must be a whole number >= 0.');
    options.offset = offset;
  }
  if (flags.folder !== undefined) options.folder = resolve(flags.folder);
  if (flags.type !== undefined) options.fileTypes = flags.type.split(',').map((type) => type.trim()).filter(Boolean);
  if (flags['modified-after'] !== undefined) {
    const text = flags['modified-after'];
    const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(ms)) throw new Error('--modified-after must be a date (2024-01-31) or milliseconds since 1970.');
    options.modifiedAfter = ms;
  }
  if (flags.rerank !== undefined) options.rerank = flags.rerank;
  return options;
}
