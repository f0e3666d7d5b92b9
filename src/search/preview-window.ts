// The window of a file's text that the preview pane shows: the hit's passage with context
// on both sides, cut at line ends, at most `budget` characters however long the file or
// its lines are. Pure functions over the extracted text (table-tested in
// preview-window.test.ts); src/pipeline/file-preview.ts reads the file and the index.
import { lineAt, lineStartOffsets } from '../ingest/chunk-text.js';
import { findMatches, type Range } from './snippet.js';

/** A stored chunk's place in the text it was cut from. */
export interface ChunkSpan {
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
}

export interface PreviewWindow {
  text: string;
  startLine: number;
  endLine: number;
  totalLines: number;
  /** [start, end) of the passage inside `text`. */
  passage: Range;
  highlights: Range[];
  moreBefore: boolean;
  moreAfter: boolean;
}

/** Share of the budget the passage may take; the rest is context around it. */
const PASSAGE_SHARE = 0.6;
/** How far a cut may move to land on a line end rather than inside a line. */
const LINE_SNAP_CHARS = 400;

/** Offset of the start of 1-based `line` (clamped to the text). */
export function lineOffset(lineStarts: readonly number[], line: number): number {
  const index = Math.min(Math.max(1, line), lineStarts.length) - 1;
  return lineStarts[index]!;
}

/**
 * The passage a hit's `line` points at: of the chunks that overlap that line, the one where
 * the query's words appear most (ties: the one starting last, nearest the line, since a
 * hit's line is where its snippet starts). Without chunks (a file not in the index), the
 * line itself.
 */
export function passageAt(
  text: string,
  line: number,
  chunks: readonly ChunkSpan[],
  terms: readonly string[],
  lineStarts: number[] = lineStartOffsets(text),
): Range {
  const at = lineOffset(lineStarts, line);
  const lineEnd = line < lineStarts.length ? lineStarts[line]! - 1 : text.length;
  const overlapping = chunks.filter((chunk) => chunk.start <= lineEnd && chunk.end > at && chunk.end <= text.length);
  if (overlapping.length === 0) return [at, Math.max(at, lineEnd)];
  let best = overlapping[0]!;
  let bestCount = -1;
  for (const chunk of overlapping) {
    const count = terms.length > 0 ? findMatches(text.slice(chunk.start, chunk.end), [...terms]).length : 0;
    if (count > bestCount || (count === bestCount && chunk.start > best.start)) {
      best = chunk;
      bestCount = count;
    }
  }
  return [best.start, best.end];
}

/** Moves `offset` to a line start within LINE_SNAP_CHARS (forward when `forward`), else keeps it. */
function snapToLine(text: string, offset: number, forward: boolean, limit: number): number {
  if (offset <= 0 || offset >= text.length) return offset;
  if (text[offset - 1] === '\n') return offset;
  if (forward) {
    const next = text.indexOf('\n', offset);
    return next !== -1 && next + 1 <= Math.min(limit, offset + LINE_SNAP_CHARS) ? next + 1 : offset;
  }
  const previous = text.lastIndexOf('\n', offset - 1);
  return previous !== -1 && previous + 1 >= Math.max(limit, offset - LINE_SNAP_CHARS) ? previous + 1 : offset;
}

/** The window around `passage` (clamped to the text), with the query's words marked.
 *  `lineStarts` (lineStartOffsets of the text) can be passed in when already known. */
export function previewWindow(
  text: string,
  passage: Range,
  terms: readonly string[],
  budget: number,
  lineStarts: number[] = lineStartOffsets(text),
): PreviewWindow {
  const pStart = Math.min(Math.max(0, passage[0]), text.length);
  let pEnd = Math.min(Math.max(pStart, passage[1]), text.length);
  pEnd = Math.min(pEnd, pStart + Math.floor(budget * PASSAGE_SHARE));
  // Context: half before, half after; what one side cannot use (the file's start or end)
  // goes to the other.
  const context = Math.max(0, budget - (pEnd - pStart));
  let before = Math.floor(context / 2);
  let after = context - before;
  if (pStart < before) {
    after += before - pStart;
    before = pStart;
  }
  if (text.length - pEnd < after) {
    const spare = after - (text.length - pEnd);
    after = text.length - pEnd;
    before = Math.min(pStart, before + spare);
  }
  // Whole lines where a line end is near: the first line starts at its beginning (never
  // past the passage), the last ends at its end (never beyond the budget).
  let start = snapToLine(text, pStart - before, true, pStart);
  let end = pEnd + after;
  if (end < text.length && text[end] !== '\n') {
    const previous = text.lastIndexOf('\n', end - 1);
    if (previous >= pEnd && previous >= end - LINE_SNAP_CHARS) end = previous;
  }
  start = Math.max(0, start);
  end = Math.min(text.length, end);
  const windowText = text.slice(start, end);
  const highlights = findMatches(windowText, [...terms]);
  const totalLines = lineStarts.length;
  return {
    text: windowText,
    startLine: lineAt(lineStarts, start),
    endLine: lineAt(lineStarts, Math.max(start, end - 1)),
    totalLines,
    passage: [pStart - start, pEnd - start],
    highlights,
    moreBefore: start > 0,
    moreAfter: end < text.length,
  };
}
