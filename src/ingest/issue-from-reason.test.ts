import { describe, expect, it } from 'vitest';
import { issueFromReason } from './issue-from-reason.js';

describe('issueFromReason: extractors that answer with a sentence get a code', () => {
  it.each([
    ['password-protected PDF', 'a.pdf', { code: 'encrypted', params: { format: 'PDF' } }],
    ['no text (scanned?): 2 page(s) without a text layer', 'a.pdf', { code: 'no-text', params: { detail: '2 page(s) without a text layer' } }],
    ['too large when unpacked (512 MB; limit 8.0 MB)', 'a.docx', { code: 'too-large-inflated', params: { limitMB: '8.0' } }],
    ['timed out (parsing took over 60 s)', 'a.pdf', { code: 'timeout', params: { seconds: 60 } }],
    ['corrupt RTF (unbalanced braces)', 'a.rtf', { code: 'parse-error', params: { format: 'RTF', detail: 'corrupt RTF (unbalanced braces)' } }],
  ])('%s', (reason, path, issue) => {
    expect(issueFromReason(reason, path)).toEqual(issue);
  });
});
