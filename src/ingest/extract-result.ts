import { describeIssue, type IssueDetail } from '../api/file-issues.js';

/** What reading one file gave: its text, or why there is none. `issue` is the code and
 *  parameters (src/api/file-issues.ts: skip or failure, worded by each UI language), set
 *  where the extractor knows what happened; `reason` the English sentence for the CLI and
 *  the log. */
export type Extracted = ({ ok: true; text: string; encoding: string } | { ok: false; reason: string; issue: IssueDetail }) & {
  /** A PDF's pages without a text layer (scans): OCR can read them in a second phase. */
  pagesWithoutText?: number;
};

/** A file that gave no text, for the reason `issue` codes; `reason` overrides the English
 *  sentence where the extractor can say more than the code's own wording. */
export function notExtracted(issue: IssueDetail, reason: string = describeIssue(issue)): Extracted & { ok: false } {
  return { ok: false, reason, issue };
}
