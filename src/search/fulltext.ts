// The keyword side's query. The full-text index (ICU word segmentation, English stemming,
// LanceDB's short English stop list) does the tokenising; here the query loses the
// function words of a natural-language question ("how do I ... my ...") that the index's
// short list keeps: in BM25 they match half the corpus and push noise into the fusion.
// Chinese and other scripts pass through untouched. Pure: table-tested in fulltext.test.ts.

/** English function words (NLTK's list, plus contractions and question fillers). */
const QUERY_STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are aren\'t as at be because been before being below between both but by ' +
    'can can\'t cannot could couldn\'t did didn\'t do does doesn\'t doing don\'t down during each few for from further get gets getting got ' +
    'had hadn\'t has hasn\'t have haven\'t having he her here hers herself him himself his how i i\'m i\'ve if in into is isn\'t it it\'s its itself ' +
    'just let\'s me more most my myself no nor not now of off on once only or other ought our ours ourselves out over own ' +
    'same she should shouldn\'t so some such than that that\'s the their theirs them themselves then there these they this those through to too ' +
    'under until up very was wasn\'t we were weren\'t what what\'s when where which while who whom why will with won\'t would wouldn\'t ' +
    'you your yours yourself yourselves want need please tell show find way ways thing things'
  ).split(' '),
);

const HAN = /\p{Script=Han}/u;

/** The query with English function words removed (the rest verbatim, so that '29.5',
 *  'S&P' or 'C++' reach the tokenizer whole); '' when no word is left. */
export function keywordQuery(query: string): string {
  let words = 0;
  const kept = query.normalize('NFKC').replace(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)*/gu, (word) => {
    if (!HAN.test(word) && QUERY_STOP_WORDS.has(word.toLowerCase().replace(/’/g, "'"))) return ' ';
    words++;
    return word;
  });
  return words > 0 ? kept.replace(/\s+/g, ' ').trim() : '';
}
