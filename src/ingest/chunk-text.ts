// Splits a document into passages that fit the embedding model, preferring structure:
// markdown headings first, then blank lines (paragraphs; code blocks stay whole when they
// fit), then line ends, sentence ends, whitespace, and a hard cut last. Every chunk keeps
// its character offsets and 1-based line so snippets and "open at line" work.

export interface Chunk {
  start: number;
  end: number;
  line: number;
  text: string;
}

export interface ChunkOptions {
  /** Largest passage, measured by `measure` (the model's tokens in production). */
  maxUnits: number;
  measure: (text: string) => number;
  /** Markdown: split before headings first. */
  markdown?: boolean;
  /** Units of the previous passage repeated at the start of the next (0: none). */
  overlapUnits?: number;
}

interface Span {
  start: number;
  end: number;
  /** The span's measure, where known (spans that were measured to fit). */
  units?: number;
}

/** Merges are decided on the sum of the parts' measures unless that sum is within this
 *  many units of the limit. Spans are cut at breaks (blank lines, line ends, sentence
 *  ends, whitespace), where a tokenizer's pre-tokenisation splits anyway, so the joined
 *  text counts about the sum of its parts (a little less: each part's count carries the
 *  end-of-text token); near the limit the joined text is measured exactly. This cuts the
 *  tokenizer work of chunking, which runs on the indexing pipeline's main thread, to
 *  about one pass over the text. */
function mergeSlack(maxUnits: number): number {
  return Math.max(4, Math.ceil(maxUnits * 0.03));
}

const HEADING_BREAK = /\n(?=#{1,6}[ \t])/g;
const BREAKS: RegExp[] = [/\n[ \t]*\n/g, /\n/g, /(?<=[.!?。！？；;])\s*/g, /\s+/g];

export function chunkText(text: string, options: ChunkOptions): Chunk[] {
  const breaks = options.markdown ? [HEADING_BREAK, ...BREAKS] : BREAKS;
  const spans = splitSpan(text, { start: 0, end: text.length }, 0, { ...options, breaks });
  const merged = withOverlap(text, mergeSpans(text, spans, options), options);
  const lineStarts = lineStartOffsets(text);
  const chunks: Chunk[] = [];
  for (const span of merged) {
    let { start, end } = span;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (start === end) continue;
    chunks.push({ start, end, line: lineAt(lineStarts, start), text: text.slice(start, end) });
  }
  return chunks;
}

/** Text this many times longer than the limit (in characters) is split without measuring
 *  it whole: no tokenizer packs that many characters per token in real text, and were it
 *  wrong, the merge below joins the parts back. */
const SURELY_TOO_LONG_CHARS_PER_UNIT = 6;

/** Recursively splits a span that is too large, at the coarsest break available.
 *  `units`: the span's measure when the caller knows it (a level that found no break
 *  passes the span on unchanged, and need not measure it again). */
function splitSpan(text: string, span: Span, level: number, options: ChunkOptions & { breaks: RegExp[] }, units?: number): Span[] {
  const piece = text.slice(span.start, span.end);
  if (units === undefined && piece.length <= options.maxUnits * SURELY_TOO_LONG_CHARS_PER_UNIT) units = options.measure(piece);
  if (units !== undefined && units <= options.maxUnits) return [{ ...span, units }];
  const pattern = options.breaks[level];
  if (!pattern) return hardSplit(text, span, options);
  const parts: Span[] = [];
  let cursor = span.start;
  pattern.lastIndex = 0;
  for (const match of piece.matchAll(pattern)) {
    const cut = span.start + match.index + match[0].length;
    if (cut > cursor && cut < span.end) {
      parts.push({ start: cursor, end: cut });
      cursor = cut;
    }
  }
  parts.push({ start: cursor, end: span.end });
  if (parts.length === 1) return splitSpan(text, span, level + 1, options, units);
  return mergeSpans(text, parts.flatMap((part) => splitSpan(text, part, level + 1, options)), options);
}

/** Cuts by characters, halving until each piece fits (for text with no whitespace, e.g. long Chinese lines). */
function hardSplit(text: string, span: Span, options: ChunkOptions): Span[] {
  if (span.end - span.start <= 1) return [span];
  const piece = text.slice(span.start, span.end);
  const units = options.measure(piece);
  if (units <= options.maxUnits) return [{ ...span, units }];
  let mid = span.start + Math.floor((span.end - span.start) / 2);
  // Never cut a surrogate pair in half.
  if (/[\uDC00-\uDFFF]/.test(text[mid] ?? '')) mid++;
  return [...hardSplit(text, { start: span.start, end: mid }, options), ...hardSplit(text, { start: mid, end: span.end }, options)];
}

/** Extends each chunk's start back into its predecessor by up to `overlapUnits`, at a
 *  whitespace boundary, so a sentence cut between two chunks is whole in one of them. */
function withOverlap(text: string, spans: Span[], options: ChunkOptions): Span[] {
  const overlap = options.overlapUnits ?? 0;
  if (overlap <= 0) return spans;
  return spans.map((span, i) => {
    if (i === 0) return span;
    const previous = spans[i - 1]!;
    let start = span.start;
    for (let candidate = text.lastIndexOf(' ', span.start - 2); candidate > previous.start; candidate = text.lastIndexOf(' ', candidate - 1)) {
      const extended = text.slice(candidate + 1, span.end);
      if (options.measure(text.slice(candidate + 1, span.start)) > overlap || options.measure(extended) > options.maxUnits) break;
      start = candidate + 1;
    }
    return { start, end: span.end };
  });
}

/** Greedily joins neighbouring spans while the joined text still fits. */
function mergeSpans(text: string, spans: Span[], options: ChunkOptions): Span[] {
  const out: Span[] = [];
  const slack = mergeSlack(options.maxUnits);
  for (const span of spans) {
    const last = out.at(-1);
    if (!last) {
      out.push({ ...span });
      continue;
    }
    const estimate = last.units !== undefined && span.units !== undefined ? last.units + span.units : undefined;
    // Far over the limit: the join cannot fit (the sum overstates it by a few units at
    // most), and a wrong "no" costs only a smaller chunk, never one over the limit.
    if (estimate !== undefined && estimate > options.maxUnits + slack) {
      out.push({ ...span });
      continue;
    }
    const joined = estimate !== undefined && estimate <= options.maxUnits - slack ? estimate : options.measure(text.slice(last.start, span.end));
    if (joined <= options.maxUnits) {
      last.end = span.end;
      last.units = joined;
    } else {
      out.push({ ...span });
    }
  }
  return out;
}

export function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line number of a character offset. */
export function lineAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
