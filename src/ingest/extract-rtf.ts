// RTF -> text with a small tokenizer. The npm RTF parsers were weighed and left: rtf-parser
// (last release 2016) builds a whole document tree and knows no code pages,
// rtf-stream-parser de-encapsulates HTML from Outlook mail rather than reading documents,
// and rtf.js renders to a DOM. Text is all Sift needs, and RTF's rules for it are short:
// - \uN is a UTF-16 code unit (negative N counts from 65536); the next \ucN characters are
//   its fallback for old readers and are skipped;
// - \'hh is a byte in the code page of the current font (\fN -> \fcharsetN or \cpgN in the
//   font table) or of the document (\ansicpgN); bytes in a row are decoded together so
//   double-byte text (GBK/cp936 Chinese: \'d6\'d0\'ce\'c4) comes out whole, via iconv-lite;
// - groups that are not text are skipped: \* destinations, the font/colour/style tables,
//   document info, pictures (\pict, hex or \binN raw bytes), object data, field
//   instructions (the field's result is kept).
import iconv from 'iconv-lite';
import { notExtracted, type Extracted } from './extract-result.js';

/** A broken RTF, with the key and count the UI words it by (renderer issue.detail.*). */
class RtfError extends Error {
  constructor(
    message: string,
    readonly detailKey: string,
    readonly count?: number,
  ) {
    super(message);
  }
}

/** Destinations whose text is not the document's. */
const SKIPPED = new Set(
  (
    'colortbl stylesheet info pict objdata fldinst listtable listoverridetable revtbl rsidtbl generator themedata ' +
    'colorschememapping datastore latentstyles xmlnstbl filetbl pgdsctbl nonshppict bkmkstart bkmkend xe tc sp ' +
    'template userprops docvar mmathPict listtext pntext pntxta pntxtb'
  ).split(' '),
);

const SYMBOLS: Record<string, string> = {
  par: '\n',
  line: '\n',
  sect: '\n\n',
  page: '\n\n',
  row: '\n',
  tab: '\t',
  cell: '\t',
  nestcell: '\t',
  emdash: '—',
  endash: '–',
  bullet: '•',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  emspace: ' ',
  enspace: ' ',
  qmspace: ' ',
};

/** \fcharsetN -> Windows code page. */
const CHARSET_CODEPAGES: Record<number, number> = {
  77: 10000,
  128: 932,
  129: 949,
  130: 1361,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
  255: 437,
};

function codepageName(codepage: number): string {
  const name = codepage === 10000 ? 'macintosh' : `cp${codepage}`;
  return iconv.encodingExists(name) ? name : 'cp1252';
}

interface State {
  skip: boolean;
  /** Fallback characters after \uN. */
  uc: number;
  font: number | undefined;
  inFontTable: boolean;
}

export function rtfToText(bytes: Uint8Array): string {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!data.subarray(0, 16).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').startsWith('{\\rtf')) throw new RtfError('not an RTF file', 'rtfNotRtf');
  const fonts = new Map<number, number>(); // font number -> code page
  let documentCodepage = 1252;
  let defaultFont: number | undefined;
  let tableFont: number | undefined; // the font-table entry being read
  const stack: State[] = [];
  let state: State = { skip: false, uc: 1, font: undefined, inFontTable: false };
  let out = '';
  let pendingBytes: number[] = [];
  let toSkip = 0; // fallback characters still to skip after a \uN
  let groupStart = false; // the next token is the first in its group (a destination)

  const flush = () => {
    if (pendingBytes.length === 0) return;
    const font = state.font ?? defaultFont;
    const codepage = (font !== undefined ? fonts.get(font) : undefined) ?? documentCodepage;
    out += iconv.decode(Buffer.from(pendingBytes), codepageName(codepage));
    pendingBytes = [];
  };
  const emit = (text: string) => {
    if (state.skip || state.inFontTable) return;
    flush();
    out += text;
  };

  let i = 0;
  while (i < data.length) {
    const c = data[i]!;
    if (c === 0x7b /* { */) {
      flush();
      stack.push(state);
      state = { ...state };
      toSkip = 0;
      groupStart = true;
      i++;
      continue;
    }
    if (c === 0x7d /* } */) {
      flush();
      if (stack.length === 0) throw new RtfError('a group closes that never opened', 'rtfUnopenedGroup');
      state = stack.pop()!;
      toSkip = 0;
      groupStart = false;
      i++;
      if (stack.length === 0) break; // the end of the document's group
      continue;
    }
    const first = groupStart;
    if (c !== 0x0a && c !== 0x0d) groupStart = false;
    if (c === 0x5c /* \ */) {
      const next = data[i + 1];
      if (next === undefined) break;
      if (isLetter(next)) {
        let j = i + 1;
        while (j < data.length && isLetter(data[j]!)) j++;
        const word = data.toString('latin1', i + 1, j);
        let k = j;
        if (data[k] === 0x2d /* - */ || isDigit(data[k])) {
          k++;
          while (isDigit(data[k])) k++;
        }
        const param = k > j ? Number(data.toString('latin1', j, k)) : undefined;
        if (data[k] === 0x20) k++; // the delimiting space belongs to the word
        i = k;
        if (word === 'bin') {
          i += Math.max(0, param ?? 0); // raw binary data
          continue;
        }
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        if (first && SKIPPED.has(word)) state.skip = true;
        if (state.skip) continue;
        switch (word) {
          case 'u': {
            const unit = (param ?? 0) < 0 ? (param ?? 0) + 65536 : (param ?? 0);
            emit(String.fromCharCode(unit));
            toSkip = state.uc;
            break;
          }
          case 'uc':
            state.uc = Math.max(0, param ?? 1);
            break;
          case 'ansicpg':
            if (param) documentCodepage = param;
            break;
          case 'mac':
            documentCodepage = 10000;
            break;
          case 'pc':
            documentCodepage = 437;
            break;
          case 'pca':
            documentCodepage = 850;
            break;
          case 'deff':
            defaultFont = param;
            break;
          case 'fonttbl':
            state.inFontTable = true;
            break;
          case 'f':
            flush();
            if (state.inFontTable) tableFont = param;
            else state.font = param;
            break;
          case 'fcharset':
            if (state.inFontTable && tableFont !== undefined && param !== undefined && !fonts.has(tableFont)) {
              fonts.set(tableFont, param === 0 || param === 1 || param === 2 ? documentCodepage : (CHARSET_CODEPAGES[param] ?? documentCodepage));
            }
            break;
          case 'cpg':
            if (state.inFontTable && tableFont !== undefined && param) fonts.set(tableFont, param);
            break;
          default:
            if (word in SYMBOLS) emit(SYMBOLS[word]!);
        }
        continue;
      }
      i += 2;
      if (next === 0x27 /* ' */) {
        const hex = data.toString('latin1', i, i + 2);
        i += 2;
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        if (!state.skip && !state.inFontTable && /^[0-9a-f]{2}$/i.test(hex)) pendingBytes.push(parseInt(hex, 16));
        continue;
      }
      if (next === 0x2a /* * */) {
        // {\* ...}: a destination an older reader may ignore; none of them is text Sift wants.
        state.skip = true;
        continue;
      }
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      if (next === 0x5c || next === 0x7b || next === 0x7d) emit(String.fromCharCode(next));
      else if (next === 0x7e /* ~ */) emit('\u00a0');
      else if (next === 0x5f /* _ */) emit('-');
      else if (next === 0x0a || next === 0x0d) emit('\n');
      continue;
    }
    i++;
    if (c === 0x0a || c === 0x0d) continue; // line breaks in the file are not text
    if (toSkip > 0) {
      toSkip--;
      continue;
    }
    if (state.skip || state.inFontTable) continue;
    if (c >= 0x80) pendingBytes.push(c); // an unescaped byte of a code page
    else emit(String.fromCharCode(c));
  }
  flush();
  if (stack.length > 0) throw new RtfError(`truncated: ${stack.length} group(s) not closed`, 'rtfTruncated', stack.length);
  return out
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

export function extractRtf(bytes: Uint8Array): Extracted {
  try {
    return { ok: true, text: rtfToText(bytes), encoding: 'rtf' };
  } catch (error) {
    if (error instanceof RtfError) {
      const params = { format: 'RTF', detail: error.message, detailKey: error.detailKey, ...(error.count === undefined ? {} : { count: error.count }) };
      return notExtracted({ code: 'parse-error', params }, `corrupt RTF (${error.message})`);
    }
    throw error;
  }
}
