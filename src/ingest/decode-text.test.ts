import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
// "中文笔记，搜索" in GB18030/GBK, as a Chinese Windows editor saves it.
const gbk = Buffer.from('d6d0cec4b1cabcc7a3accbd1cbf7', 'hex');

describe('decodeText', () => {
  it.each([
    { name: 'UTF-8', bytes: Buffer.from('héllo 中文'), text: 'héllo 中文', encoding: 'utf-8' },
    { name: 'UTF-8 with BOM', bytes: Buffer.from('\ufeffhello', 'utf8'), text: 'hello', encoding: 'utf-8-bom' },
    { name: 'UTF-16LE with BOM', bytes: utf16le('你好 world'), text: '你好 world', encoding: 'utf-16le' },
    { name: 'GBK / GB18030', bytes: gbk, text: '中文笔记，搜索', encoding: 'gb18030' },
  ])('decodes $name', ({ bytes, text, encoding }) => {
    expect(decodeText(bytes)).toEqual({ ok: true, text, encoding });
  });

  it('refuses binary content, naming its format where the bytes say it', () => {
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01]))).toEqual({
      ok: false,
      reason: 'binary file (PNG image)',
      issue: { code: 'binary', params: { format: 'PNG image' } },
    });
    expect(decodeText(Buffer.from([0x01, 0x00, 0x02, 0x03, 0x00, 0x00]))).toMatchObject({ ok: false, issue: { code: 'binary' } });
  });

  it.each([
    { name: 'English', text: 'Meeting notes\r\nThe budget was approved on Friday.\r\n' },
    { name: 'Chinese with ASCII line ends', text: '会议记录\r\n预算在星期五通过了。\r\n第二行 2024\r\n' },
  ])('decodes UTF-16LE and UTF-16BE without a byte-order mark ($name)', ({ text }) => {
    const le = Buffer.from(text, 'utf16le');
    expect(decodeText(le)).toEqual({ ok: true, text, encoding: 'utf-16le' });
    expect(decodeText(Buffer.from(le).swap16())).toEqual({ ok: true, text, encoding: 'utf-16be' });
  });
});

describe('decodeText: legacy Chinese and other code pages', () => {
  const iconvCases = [
    { name: 'a short GBK note', text: '中文笔记', codec: 'gb18030', encoding: 'gb18030' },
    { name: 'a GB18030 paragraph', text: '今天我们学习了神经网络和机器学习的基本原理，这是一个很重要的课程。', codec: 'gb18030', encoding: 'gb18030' },
    { name: 'a Big5 paragraph', text: '這是一個繁體中文的測試文件，我們今天學習了神經網路。', codec: 'big5', encoding: 'big5' },
    { name: 'a Shift_JIS paragraph', text: 'これは日本語のテキストです。今日はとても良い天気ですね。', codec: 'shift_jis', encoding: 'shift_jis' },
  ];
  it.each(iconvCases)('decodes $name', async ({ text, codec, encoding }) => {
    const iconv = (await import('iconv-lite')).default;
    expect(decodeText(iconv.encode(text, codec))).toEqual({ ok: true, text, encoding });
  });
});
