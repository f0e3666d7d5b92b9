// Deterministic benchmark texts: the seed test (100 x "这是测试句子") and an index load of
// passages of about N tokens as the model under test counts them. Same seed, same model:
// same texts, so runs and engines are comparable.
import { seededRandom } from '../seeded-random.js';

export const SEED_TEXT = '这是测试句子';
export const SEED_COPIES = 100;

/** Common English words; with real BPE vocabularies nearly all are one token with their space. */
const WORDS = (
  'time year people way day man thing woman life child world school state family student group country problem ' +
  'hand part place case week company system program question work government number night point home water room ' +
  'mother area money story fact month lot right study book eye job word business issue side kind head house service ' +
  'friend father power hour game line end member law car city community name president team minute idea kid body ' +
  'information back parent face others level office door health person art war history party result change morning ' +
  'reason research girl guy moment air teacher force education foot boy age policy everything process music market ' +
  'sense nation plan college interest death experience effect use class control care field development role effort ' +
  'rate heart drug show leader light voice wife police mind price report decision son view relationship town road ' +
  'arm difference value building action model season society tax director position player record paper space ground ' +
  'form event official matter center couple site project activity star table need court oil situation cost industry ' +
  'figure street image phone data picture practice piece land product doctor wall patient worker news test movie north ' +
  'love support technology step baby computer type attention film tree source organization hair window evidence ' +
  'population site river search index file folder document embedding password account weather'
).split(' ');

/** `n` words in sentences of 8-20 words, capitalised and full-stopped. */
export function wordsText(random: () => number, n: number): string {
  const sentences: string[] = [];
  let left = n;
  while (left > 0) {
    const len = Math.min(left, 8 + Math.floor(random() * 13));
    const words = Array.from({ length: len }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    sentences.push(`${words.join(' ')}.`);
    left -= len;
  }
  return sentences.join(' ');
}

/**
 * `count` passages of about `targetTokens` tokens each (within 3 %, never over), as
 * `countTokens` measures them (special tokens included).
 */
export function makePassages(count: number, targetTokens: number, countTokens: (text: string) => number, seed: number): string[] {
  const random = seededRandom(seed);
  // Tokens per word for this tokenizer, from a sample.
  const sample = wordsText(seededRandom(seed ^ 0x5eed), 400);
  const perWord = Math.max(0.25, countTokens(sample) / 400);
  const passages: string[] = [];
  for (let p = 0; p < count; p++) {
    // Draw the words once, then choose how many of them to keep: the passage's tokens
    // grow with the word count, so a few steps of bisection land inside the window.
    const pool = wordsText(random, Math.ceil((targetTokens / perWord) * 1.5) + 8).split(' ');
    let low = 1;
    let high = pool.length;
    let best = pool.slice(0, 1).join(' ');
    while (low <= high) {
      const mid = (low + high) >> 1;
      const text = pool.slice(0, mid).join(' ');
      const n = countTokens(text);
      if (n <= targetTokens) {
        best = text;
        if (n >= targetTokens * 0.97) break;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    passages.push(best);
  }
  return passages;
}
