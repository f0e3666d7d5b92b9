// read_document for MCP (mcp-tools.ts): the text of one file inside the added folders, as lines. The
// path guard (ingest/path-guard.ts, the one the window uses to open files) refuses paths
// outside the folders and links leading out; files larger than the limit are refused
// before they are read, and one answer holds at most `maxChars` characters so a long
// book cannot flood the assistant's context.
import { stat } from 'node:fs/promises';
import { SiftError } from '../api/errors.js';
import { checkedFile } from '../ingest/path-guard.js';
import { readGuardedDocument } from '../ingest/read-document.js';

export interface DocumentReadLimits {
  /** Files larger than this are not read (default 20 MB). */
  maxFileBytes: number;
  /** Characters of text in one answer (default 40,000, about 10k tokens). */
  maxChars: number;
}

export const DEFAULT_READ_LIMITS: DocumentReadLimits = { maxFileBytes: 20 * 1024 * 1024, maxChars: 40_000 };

export interface DocumentLines {
  path: string;
  startLine: number;
  /** Last line returned (inclusive); startLine - 1 when none. */
  endLine: number;
  totalLines: number;
  lines: string[];
}

export async function readDocumentLines(
  rawPath: string,
  folders: readonly string[],
  range: { startLine?: number; endLine?: number },
  limitsIn: Partial<DocumentReadLimits> = {},
): Promise<DocumentLines> {
  const limits = { ...DEFAULT_READ_LIMITS, ...limitsIn };
  if (folders.length === 0) throw new SiftError('invalid_request', 'No folders are added to Sift, so there is nothing to read.');
  // Checked here first for the size, so a file over the limit gets this tool's own advice.
  const { size } = await stat(await checkedFile(rawPath, folders));
  if (size > limits.maxFileBytes) {
    throw new SiftError(
      'invalid_request',
      `${rawPath} is too large to read here (${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB). Use search to find the passages you need.`,
    );
  }
  // The indexer's reading (read-document.ts): text by content whatever the name, as indexed.
  const { path, extracted } = await readGuardedDocument(rawPath, folders, { maxBytes: limits.maxFileBytes });
  if (!extracted.ok) throw new SiftError('unreadable', `${rawPath} cannot be read: ${extracted.reason}.`);
  const all = extracted.text.split(/\r?\n/);
  const totalLines = all.length;
  const startLine = range.startLine ?? 1;
  if (range.endLine !== undefined && range.endLine < startLine) {
    throw new SiftError('invalid_request', `endLine (${range.endLine}) is before startLine (${startLine}).`);
  }
  if (startLine > totalLines) {
    throw new SiftError('invalid_request', `${rawPath} has ${totalLines} lines; startLine ${startLine} is past its end.`);
  }
  const last = Math.min(range.endLine ?? totalLines, totalLines);
  const lines: string[] = [];
  let chars = 0;
  for (let n = startLine; n <= last; n++) {
    const line = all[n - 1]!;
    // Always at least one line (cut if it alone is too long), then whole lines while they fit.
    if (lines.length > 0 && chars + line.length > limits.maxChars) break;
    lines.push(line.length > limits.maxChars ? `${line.slice(0, limits.maxChars)} [line cut at ${limits.maxChars} characters]` : line);
    chars += line.length + 1;
  }
  return { path, startLine, endLine: startLine + lines.length - 1, totalLines, lines };
}
