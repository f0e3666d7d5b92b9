import type { IssueDetail } from '../api/file-issues.js';

/** What reading one file gave: its text, or why there is none. `issue` says whether that
 *  is a skip or a failure (src/api/file-issues.ts); an extractor that gives only a
 *  `reason` is read by issueOf() below. */
export type Extracted = { ok: true; text: string; encoding: string } | { ok: false; reason: string; issue?: IssueDetail };
