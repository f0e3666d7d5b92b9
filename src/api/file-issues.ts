// Why a file is not in the index: a code with parameters (the UI words it in each
// language; renderer/src/i18n has `issue.<code>`) plus the English sentence for the CLI
// and the log. Every file a scan sees ends indexed, unchanged, skipped (Sift chose not to
// read it, for a reason that stays until the file changes) or failed (reading it went
// wrong: permissions, a corrupt document, a parser that ran out of time or memory).
import { z } from 'zod';

export const SKIP_CODES = [
  'binary', // params.format: what the bytes are ("ELF executable", "PNG image", ...)
  'unsupported', // params.format: a document format Sift has no reader for
  'ocr-off', // an image: read only by OCR, which is off in Settings
  'too-large', // params.sizeMB, params.limitMB
  'too-large-inflated', // params.limitMB: a compressed file that inflates past the limit
  'excluded', // params.rule: 'hidden' | 'folder-name' | 'pattern'
  'encrypted', // params.format
  'empty', // a file of 0 bytes or only white space
  'no-text', // params.detail: e.g. "1 page(s) without a text layer"
  'special-file', // params.type: 'fifo' | 'socket' | 'character device' | 'block device'
  'link-loop',
  'link-broken', // params.target
  'link-outside', // params.target: a link that leaves the folder
  'link-inside', // params.target: a link to a file the folder already holds
  'bad-name', // a file name that is not valid UTF-8
] as const;

export const FAIL_CODES = [
  'unreadable', // params.error: 'permission denied' | 'file vanished' | an errno code
  'parse-error', // params.detail (params.format where known; params.detailKey + count where Sift wrote it)
  'timeout', // params.seconds
  'out-of-memory', // params.limitMB: the parser worker hit its memory limit
  'crashed', // params.detail: the parser worker died
  'ocr-unavailable', // params.detail: OCR could not start (its language data is missing)
  'cancelled',
] as const;

export type SkipCode = (typeof SKIP_CODES)[number];
export type FailCode = (typeof FAIL_CODES)[number];
export type IssueCode = SkipCode | FailCode;

export const IssueParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type IssueParams = z.infer<typeof IssueParamsSchema>;

export const IssueCodeSchema = z.enum([...SKIP_CODES, ...FAIL_CODES]);

/** One file that is not (or no longer) indexed, with its reason. `reason` is the English
 *  sentence; `code` and `params` let each UI language say it its own way. */
export const FileIssueSchema = z.object({
  path: z.string(),
  reason: z.string(),
  code: IssueCodeSchema.optional(),
  params: IssueParamsSchema.optional(),
});
export type FileIssue = z.infer<typeof FileIssueSchema>;

/** The code and parameters of an issue, before it is tied to a path. */
export interface IssueDetail {
  code: IssueCode;
  params?: IssueParams;
}

const SKIP_SET: ReadonlySet<string> = new Set(SKIP_CODES);

export function isSkipCode(code: IssueCode): code is SkipCode {
  return SKIP_SET.has(code);
}

/** Failures worth retrying on every pass even when the file has not changed: their cause
 *  (a permission, a lock, a file mid-copy) can go away without touching the file. The
 *  others (a corrupt or hostile document, a parser out of memory) would fail again and
 *  cost the same time again, so they wait until the file changes. */
export function isRetriedEveryPass(code: IssueCode): boolean {
  return code === 'unreadable' || code === 'cancelled' || code === 'ocr-unavailable';
}

const RULES: Record<string, string> = {
  hidden: 'hidden entry',
  'folder-name': 'tool, dependency or system folder',
  pattern: 'matches an ignore pattern (.gitignore or Settings)',
};

/** The English sentence for an issue (CLI, log, and the UI's fallback). */
export function describeIssue({ code, params = {} }: IssueDetail): string {
  const p = (name: string) => String(params[name] ?? '');
  switch (code) {
    case 'binary':
      return params.format ? `binary file (${p('format')})` : 'binary file (not text)';
    case 'unsupported':
      return `unsupported format (${p('format')})`;
    case 'ocr-off':
      return 'image (OCR is off in Settings)';
    case 'too-large':
      return `too large (${p('sizeMB')} MB; limit ${p('limitMB')} MB)`;
    case 'too-large-inflated':
      return `too large when decompressed (over ${p('limitMB')} MB)`;
    case 'excluded':
      return `excluded by a rule (${RULES[p('rule')] ?? p('rule')})`;
    case 'encrypted':
      return `encrypted or password-protected (${p('format')})`;
    case 'empty':
      return 'no text (empty file)';
    case 'no-text':
      return params.detail ? `no text found (${p('detail')})` : 'no text found';
    case 'special-file':
      return `special file (${p('type')}), not read`;
    case 'link-loop':
      return 'symbolic link loop';
    case 'link-broken':
      return `broken symbolic link (to ${p('target')})`;
    case 'link-outside':
      return `symbolic link leading outside the folder (to ${p('target')})`;
    case 'link-inside':
      return `symbolic link to ${p('target')}, indexed under its own name`;
    case 'bad-name':
      return 'file name is not valid UTF-8';
    case 'unreadable':
      return `unreadable (${p('error')})`;
    case 'parse-error':
      return `could not be parsed (${p('detail')})`;
    case 'timeout':
      return `timed out (parsing took over ${p('seconds')} s)`;
    case 'out-of-memory':
      return `the parser ran out of memory (limit ${p('limitMB')} MB)`;
    case 'crashed':
      return `the parser crashed (${p('detail')})`;
    case 'ocr-unavailable':
      return `OCR unavailable (${p('detail')})`;
    case 'cancelled':
      return 'cancelled';
  }
}

/** An issue with its English sentence filled in. */
export function fileIssue(path: string, detail: IssueDetail): FileIssue {
  return { path, reason: describeIssue(detail), code: detail.code, ...(detail.params ? { params: detail.params } : {}) };
}
