// Extractors that answer only with a sentence ("password-protected PDF", "corrupt Word
// document (...)", "no text (scanned?): ...") get a code here, so the file lands in the
// right state (skipped or failed) and the UI can word it; the sentence stays the reason.
import { extname } from 'node:path';
import type { IssueDetail } from '../api/file-issues.js';

export function issueFromReason(reason: string, path: string): IssueDetail {
  const format = extname(path).slice(1).toUpperCase() || 'file';
  const ocr = /^OCR language data missing \((.*)\)$/s.exec(reason);
  if (ocr) return { code: 'ocr-unavailable', params: { detail: ocr[1]! } };
  if (/password|encrypt/i.test(reason)) return { code: 'encrypted', params: { format } };
  const noText = /^no text\b[^:]*:?\s*(.*)$/i.exec(reason);
  if (noText) return { code: 'no-text', params: noText[1] ? { detail: noText[1] } : {} };
  if (/^timed out/i.test(reason)) return { code: 'timeout', params: { seconds: Number(/(\d+)\s*s\b/.exec(reason)?.[1] ?? 0) } };
  if (/too large|inflat|decompress|unpack/i.test(reason)) {
    const limit = /limit\s*(\d+(?:\.\d+)?)\s*MB/i.exec(reason) ?? /(\d+(?:\.\d+)?)\s*MB/i.exec(reason);
    return { code: 'too-large-inflated', params: { limitMB: limit?.[1] ?? '?' } };
  }
  if (/^binary/i.test(reason)) return { code: 'binary', params: {} };
  if (/^unsupported/i.test(reason)) return { code: 'unsupported', params: { format } };
  return { code: 'parse-error', params: { format, detail: reason } };
}
