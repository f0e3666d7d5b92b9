// Tidies what Tesseract returns so that chunking, snippets and keyword search see ordinary
// text: no spaces between Chinese characters (Tesseract often puts one between each, and
// "量 子" would never match a query for 量子), no trailing blanks, at most one empty line.

// Han ideographs, CJK symbols and punctuation, kana, full-width forms.
const CJK = '\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}])`, 'g');

export function cleanOcrText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(SPACE_BETWEEN_CJK, '')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
