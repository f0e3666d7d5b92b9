// Reading one document that someone outside the core names by path: the MCP read_document
// tool (src/server/mcp-read-lines.ts) and the window's preview pane (src/pipeline/
// file-preview.ts). The path guard first (only files inside the added folders, links
// resolved), then the indexer's own reading (readAndExtract: content sniffing, encodings,
// the document extractors), so a file reads the same here as it was indexed; with `heavy`
// (the extractor pool) a PDF or Word file is parsed off the main thread under a time and
// memory limit, and a hostile file cannot hang the caller.
import { SiftError } from '../api/errors.js';
import { readAndExtract, type HeavyExtractor, type ReadFileResult } from './extract.js';
import { checkedFile } from './path-guard.js';

export interface GuardedRead extends ReadFileResult {
  /** The file's real path (links resolved). */
  path: string;
}

/** Throws a SiftError when the path is refused (outside the folders, not a file) or the
 *  file does not exist ('not_found'); a file that gives no text comes back with
 *  `extracted.ok === false` and its reason. */
export async function readGuardedDocument(
  rawPath: string,
  folders: readonly string[],
  options: { maxBytes?: number; heavy?: HeavyExtractor } = {},
): Promise<GuardedRead> {
  if (folders.length === 0) throw new SiftError('invalid_request', 'No folders are added to Sift, so there is nothing to read.', {
      detail: { key: 'noFoldersToRead', params: {} },
    });
  const path = await checkedFile(rawPath, folders);
  return { path, ...(await readAndExtract(path, options)) };
}
