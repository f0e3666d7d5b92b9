// The preview pane's text in three sections, before the passage, the passage, after it,
// each split into plain and marked parts (highlight.ts), so the pane can tint the passage
// and mark the query's words inside and around it.
import { splitHighlights, type Part } from './highlight.js';

export interface PreviewSections {
  before: Part[];
  passage: Part[];
  after: Part[];
}

type Range = readonly [number, number];

/** Ranges of `highlights` that fall inside [from, to), shifted to start at `from`. */
function within(highlights: ReadonlyArray<Range>, from: number, to: number): Array<[number, number]> {
  const inside: Array<[number, number]> = [];
  for (const [s, e] of highlights) {
    const start = Math.max(s, from);
    const end = Math.min(e, to);
    if (end > start) inside.push([start - from, end - from]);
  }
  return inside;
}

export function previewSections(text: string, passage: Range | undefined, highlights: ReadonlyArray<Range>): PreviewSections {
  const start = Math.min(Math.max(0, passage?.[0] ?? 0), text.length);
  const end = passage ? Math.min(Math.max(start, passage[1]), text.length) : start;
  const section = (from: number, to: number) => splitHighlights(text.slice(from, to), within(highlights, from, to));
  return { before: section(0, start), passage: section(start, end), after: section(end, text.length) };
}
