// Splits a snippet into plain and highlighted parts from [start, end) ranges. Ranges may
// arrive unsorted, overlapping or out of bounds; the result is always a clean cover.

export interface Part {
  text: string;
  mark: boolean;
}

export function splitHighlights(text: string, ranges: ReadonlyArray<readonly [number, number]>): Part[] {
  const clean = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);

  const parts: Part[] = [];
  let at = 0;
  for (const [start, end] of clean) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    const last = parts[parts.length - 1];
    if (last?.mark && from === at) last.text += text.slice(from, end);
    else parts.push({ text: text.slice(from, end), mark: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
