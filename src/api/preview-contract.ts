// The preview pane's part of the contract: the text of one search hit's file around the
// passage, read through the same extractors as indexing (PDF, Word, HTML, EPUB ... as
// their extracted text), bounded in size, with the passage and the query's words marked.
// Kept beside contract.ts, which wires this call into the one call table.
import { z } from 'zod';
import { IssueCodeSchema, IssueParamsSchema } from './file-issues.js';
import { MAX_QUERY_CHARS } from './limits.js';

/** Characters of text one preview holds by default, and at most. */
export const PREVIEW_DEFAULT_CHARS = 6000;
export const PREVIEW_MAX_CHARS = 20_000;

const Range = z.tuple([z.number().int(), z.number().int()]);

/** ok: the text is shown; missing: the file is gone (deleted or moved since indexing);
 *  unreadable: the file is there but gives no text now (too large, corrupt, timed out). */
export const PreviewStateSchema = z.enum(['ok', 'missing', 'unreadable']);
export type PreviewState = z.infer<typeof PreviewStateSchema>;

export const FilePreviewSchema = z.object({
  /** The path as asked (a hit's path). */
  path: z.string(),
  state: PreviewStateSchema,
  /** The file's text differs from what was indexed: the passage is found again by its
   *  words where it can be, else shown at its old line. */
  changed: z.boolean(),
  /** The file has chunks in the index (false: it was never indexed, or failed). */
  indexed: z.boolean(),
  /** The window of text (empty unless state is 'ok'). */
  text: z.string(),
  /** 1-based line of text[0] in the file, the last line the window shows, and the file's lines. */
  startLine: z.number().int(),
  endLine: z.number().int(),
  totalLines: z.number().int(),
  /** [start, end) of the hit's passage inside `text`; absent when it cannot be placed. */
  passage: Range.optional(),
  /** [start, end) ranges of the query's words inside `text`, sorted, not overlapping. */
  highlights: z.array(Range),
  /** The file has text before / after the window. */
  moreBefore: z.boolean(),
  moreAfter: z.boolean(),
  /** The text is the index's copy, read by OCR (an image or a scan): the file itself has
   *  no text layer to show. */
  fromIndex: z.boolean().optional(),
  /** Why there is no text, for 'unreadable' (code + params for the UI, English reason). */
  issue: z.object({ code: IssueCodeSchema.optional(), params: IssueParamsSchema.optional(), reason: z.string() }).optional(),
});
export type FilePreview = z.infer<typeof FilePreviewSchema>;

export const previewCalls = {
  /** The text of a hit's file around its passage. Only files inside the added folders. */
  previewFile: {
    request: z.object({
      path: z.string().trim().min(1, 'Name the file to preview.').max(32_768),
      /** 1-based line of the passage (a hit's or a passage's `line`). */
      line: z.number().int().min(1).default(1),
      /** The search's query: its words are marked in the text. */
      query: z.string().max(MAX_QUERY_CHARS).optional(),
      /** Characters of text around the passage. */
      chars: z.number().int().min(200).max(PREVIEW_MAX_CHARS).default(PREVIEW_DEFAULT_CHARS),
    }),
    response: FilePreviewSchema,
  },
} as const;
