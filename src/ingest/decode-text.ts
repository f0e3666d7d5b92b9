// Bytes -> text for plain-text files. BOMs (UTF-8, UTF-16) are exact; valid UTF-8 is
// taken as UTF-8; anything else goes to a statistical detector (chardet) and iconv-lite,
// which tell GB18030/GBK (Chinese Windows' default), Big5 (Traditional Chinese),
// Shift_JIS, EUC-KR and the Latin code pages apart. Binary content is refused.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { Extracted } from './extract-result.js';
import { looksBinary, sniffContent, utf16WithoutBom } from './sniff-content.js';

export type DecodeResult = Extracted;

/** chardet names -> the iconv-lite codec we trust for them. GB2312 and GBK are read as
 *  GB18030, their superset, so rare characters are not lost. */
const CODEC_FOR: Record<string, string> = {
  'GB18030': 'gb18030',
  'GB2312': 'gb18030',
  'GBK': 'gb18030',
  'Big5': 'big5',
  'Shift_JIS': 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
};

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { ok: true, text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  if (looksBinary(bytes)) {
    const sniffed = sniffContent(bytes.subarray(0, 4096));
    const format = sniffed.type === 'binary' && sniffed.format !== 'data' ? sniffed.format : undefined;
    return { ok: false, reason: format ? `binary file (${format})` : 'binary file (not text)', issue: { code: 'binary', params: format ? { format } : {} } };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decodeLegacy(bytes);
  }
}

/** The most frequent Chinese characters, simplified and traditional forms. Decoding GBK
 *  bytes as Big5 (or the reverse) yields valid but rare characters, so the codec whose
 *  text has more common characters is the right one, even for a few bytes where
 *  statistical detectors guess. */
const COMMON_HAN = new Set<string>(
  '的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许特觉望直服林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切木类规罗批吧查' +
      '這個們來國時會說為學對過後麼裡見經頭開無長發問點現樣還種實與動讓從應當於產車體書師關東記聽話',
);

/** Share of plausible East Asian characters: common Han characters count as good, rare
 *  ones (what a wrong codec produces) as bad. Full-width kana count as good only for a
 *  Japanese codec: GBK has kana too, so Big5 bytes read as GBK come out full of them. */
function cjkScore(text: string, japanese: boolean): number {
  let good = 0;
  let total = 0;
  for (const char of text) {
    if (/[\u3040-\u30ff]/.test(char)) {
      total++;
      if (japanese) good++;
    } else if (/\p{Script=Han}/u.test(char)) {
      total++;
      if (COMMON_HAN.has(char)) good++;
    }
  }
  return total === 0 ? 0 : good / total;
}

const CJK_NAMES = new Set(['GB18030', 'GB2312', 'GBK', 'Big5', 'Shift_JIS', 'EUC-JP', 'EUC-KR']);
/** chardet is trusted outright only for non-CJK guesses it is fairly sure of. */
const TRUSTED_CONFIDENCE = 50;

function decodeLegacy(bytes: Uint8Array): DecodeResult {
  const buffer = Buffer.from(bytes);
  const candidates = chardet.analyse(bytes.subarray(0, 64 * 1024));
  const top = candidates[0];
  if (top && !CJK_NAMES.has(top.name) && top.confidence >= TRUSTED_CONFIDENCE && CODEC_FOR[top.name]) {
    const text = iconv.decode(buffer, CODEC_FOR[top.name]!);
    if (!text.includes('\uFFFD')) return { ok: true, text, encoding: CODEC_FOR[top.name]! };
  }
  // East Asian text (or an unsure guess): decode with each plausible codec and keep the
  // reading with the most common characters. Short texts fool statistical detectors;
  // this does not, because a wrong codec turns common characters into rare ones.
  const codecs = new Set(['gb18030', 'big5', ...candidates.filter((c) => CJK_NAMES.has(c.name)).map((c) => CODEC_FOR[c.name]!)]);
  let best: { text: string; encoding: string; score: number } | undefined;
  for (const codec of codecs) {
    const text = iconv.decode(buffer, codec);
    if (text.includes('\uFFFD')) continue;
    const score = cjkScore(text, codec === 'shift_jis' || codec === 'euc-jp');
    if (!best || score > best.score) best = { text, encoding: codec, score };
  }
  if (best && best.score > 0) return { ok: true, text: best.text, encoding: best.encoding };
  for (const candidate of candidates) {
    const codec = CODEC_FOR[candidate.name];
    if (!codec) continue;
    const text = iconv.decode(buffer, codec);
    if (!text.includes('\uFFFD')) return { ok: true, text, encoding: codec };
  }
  return { ok: true, text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
}
