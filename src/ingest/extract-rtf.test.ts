// The RTF tokenizer, rule by rule: escapes, code pages, skipped groups and damage.
import { describe, expect, it } from 'vitest';
import { extractRtf, rtfToText } from './extract-rtf.js';

const rtf = (body: string, header = '\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}') => Buffer.from(`{\\rtf1${header} ${body}}`, 'latin1');

describe('rtfToText', () => {
  it.each([
    ['plain text and paragraphs', 'Hello\\par world\\line again', 'Hello\nworld\nagain'],
    ['escaped braces and backslash', 'a \\{b\\} c\\\\d', 'a {b} c\\d'],
    ['\\uN with its fallback skipped', 'caf\\u233?', 'café'],
    ['negative \\uN (above U+7FFF)', '\\u-30050?', '語'],
    ['a surrogate pair as two \\uN', '\\u-10179?\\u-8704?', '😀'],
    ['\\uc2 skips two fallback bytes', '\\uc2\\u20013\\\'d6\\\'d0x', '中x'],
    ['\\uc0: no fallback', '\\uc0\\u20013\\u25991 ok', '中文ok'],
    ["\\'hh in the document's code page (cp1252)", "na\\'efve \\'93quoted\\'94", 'naïve “quoted”'],
    ['tabs, cells and rows', 'a\\tab b\\cell c\\cell\\row d', 'a\tb\tc\nd'],
    ['symbols', '\\ldblquote x\\rdblquote  \\emdash  \\bullet', '“x” — •'],
    ['a field keeps its result, not its instruction', '{\\field{\\*\\fldinst HYPERLINK "https://x.test"}{\\fldrslt the link}}', 'the link'],
    ['ignorable destinations', '{\\*\\generator Writer;}{\\info{\\title Secret title}}visible', 'visible'],
    ['a hex picture', 'before{\\pict\\pngblip\\picw10 89504e470d0a1a0a}after', 'beforeafter'],
    ['raw \\bin data, braces included', 'x{\\pict\\bin4 {}}{}y', 'xy'],
    ['line breaks in the file are not text', 'one\r\ntwo\\par\nthree', 'onetwo\nthree'],
  ])('%s', (_name, body, text) => {
    expect(rtfToText(rtf(body))).toBe(text);
  });

  it('decodes \\\'hh bytes by the font\'s charset: GBK for \\fcharset134, Big5 for \\fcharset136', () => {
    const header = "\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil\\fcharset0 Arial;}{\\f1\\fnil\\fcharset134 SimSun;}{\\f2\\fnil\\fcharset136 MingLiU;}}";
    const body = "a {\\f1 \\'d6\\'d0\\'ce\\'c4} b {\\f2 \\'a4\\'a4\\'a4\\'e5} c \\'e9";
    expect(rtfToText(rtf(body, header))).toBe('a 中文 b 中文 c é');
  });

  it('decodes \\\'hh bytes by \\ansicpg when the font says nothing (WordPad, Chinese Windows)', () => {
    expect(rtfToText(rtf("\\'c4\\'e3\\'ba\\'c3", '\\ansi\\ansicpg936\\deff0'))).toBe('你好');
  });

  it('keeps text in the font table out', () => {
    expect(rtfToText(rtf('Body', '\\ansi{\\fonttbl{\\f0 Times New Roman;}{\\f1{\\*\\panose 02020603050405020304}Arial;}}'))).toBe('Body');
  });
});

describe('extractRtf', () => {
  it.each([
    ['a file that is not RTF', Buffer.from('just text'), 'corrupt RTF (not an RTF file)', { detailKey: 'rtfNotRtf' }],
    ['a truncated file', Buffer.from('{\\rtf1\\ansi {\\b bold'), 'corrupt RTF (truncated: 2 group(s) not closed)', { detailKey: 'rtfTruncated', count: 2 }],
    ['a group that closes twice', Buffer.from('{\\rtf1 a}}'), undefined, undefined],
  ])('%s', (_name, bytes, reason, keyed) => {
    const result = extractRtf(bytes);
    // The English detail for the CLI and the log; its key and count for the UI's languages.
    if (reason) expect(result).toEqual({ ok: false, reason, issue: { code: 'parse-error', params: { format: 'RTF', detail: expect.any(String), ...keyed } } });
    else expect(result).toEqual({ ok: true, text: 'a', encoding: 'rtf' });
  });

  it('gets through 20 MB of picture data quickly', () => {
    const picture = `{\\pict\\pngblip ${'0123456789abcdef'.repeat(1_250_000)}}`;
    const started = performance.now();
    expect(rtfToText(rtf(`start ${picture} end`))).toBe('start  end');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
