// File issues in the reader's language: an OCR language-data download that failed is said
// in a few words in English and in Chinese (its long English reason is the tooltip, from
// `reason`), and an issue this build does not know falls back to the core's sentence.
import { describe, expect, it } from 'vitest';
import type { FileIssue } from '../../../../src/api/contract.js';
import type { Translate } from '../../i18n/context.js';
import { en } from '../../i18n/en.js';
import { formatMessage } from '../../i18n/translate.js';
import { zhCN } from '../../i18n/zh-CN.js';
import { issueText } from './issue-text.js';

const t = (locale: 'en' | 'zh-CN'): Translate => (key, vars) => formatMessage(locale, (locale === 'en' ? en : zhCN)[key], vars);

const detail =
  'The OCR language data for English (eng.traineddata, 4.1 MB) could not be downloaded: Downloading eng.traineddata failed 6 times in a row: the host name raw.githubusercontent.com could not be resolved (no network or no DNS). Nothing arrived. If GitHub and jsDelivr are blocked where you are, set SIFT_TESSDATA_MIRROR to a server holding the file, or a proxy in HTTPS_PROXY.';
const ocr: FileIssue = { path: '/p/shot.png', reason: `OCR language data missing (${detail})`, code: 'ocr-unavailable', params: { detail, file: 'eng.traineddata' } };

describe('issueText', () => {
  it('a failed OCR data download: a few words, in English and in Chinese', () => {
    expect(issueText(t('en'), ocr)).toBe('OCR unavailable: its language data (eng.traineddata) could not be downloaded');
    const zh = issueText(t('zh-CN'), ocr);
    expect(zh).toBe('OCR 不可用：无法下载其语言数据（eng.traineddata）');
    // No English sentence left in the Chinese text (the file name aside).
    expect(zh.replace('eng.traineddata', '').replace('OCR', '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('a detail Sift wrote is worded in the reader\'s language, with its count; a library\'s message stays', () => {
    const scan: FileIssue = {
      path: '/p/scan.pdf',
      reason: 'no text (scanned?): 3 page(s) without a text layer',
      code: 'no-text',
      params: { detail: '3 page(s) without a text layer', detailKey: 'pagesWithoutText', count: 3 },
    };
    expect(issueText(t('en'), scan)).toBe('no text found (3 pages without a text layer)');
    expect(issueText(t('zh-CN'), scan)).toBe('未找到文字（3 页没有文字层）');
    const rtf: FileIssue = {
      path: '/p/a.rtf',
      reason: 'corrupt RTF (truncated: 1 group(s) not closed)',
      code: 'parse-error',
      params: { format: 'RTF', detail: 'truncated: 1 group(s) not closed', detailKey: 'rtfTruncated', count: 1 },
    };
    expect(issueText(t('en'), rtf)).toBe('could not be parsed (truncated: 1 group not closed)');
    expect(issueText(t('zh-CN'), rtf)).toBe('无法解析（文件不完整：1 个组未关闭）');
    const pdf: FileIssue = { path: '/p/b.pdf', reason: 'corrupt PDF (Invalid PDF structure.)', code: 'parse-error', params: { format: 'PDF', detail: 'Invalid PDF structure.' } };
    expect(issueText(t('zh-CN'), pdf)).toBe('无法解析（Invalid PDF structure.）');
  });

  it('OCR unavailable for another reason keeps its detail', () => {
    const other: FileIssue = { path: '/p/x.png', reason: 'OCR language data missing (disk full)', code: 'ocr-unavailable', params: { detail: 'disk full' } };
    expect(issueText(t('en'), other)).toBe('OCR unavailable (disk full)');
  });
});
