import type { IssueDetail } from '../api/file-issues.js';

/** What reading one file gave: its text, or why there is none. `issue` says whether that
 *  is a skip or a failure (src/api/file-issues.ts); for an extractor that gives only a
 *  `reason`, issue-from-reason.ts finds the code. */
export type Extracted = ({ ok: true; text: string; encoding: string } | { ok: false; reason: string; issue?: IssueDetail }) & {
  /** A PDF's pages without a text layer (scans): OCR can read them in a second phase. */
  pagesWithoutText?: number;
};
