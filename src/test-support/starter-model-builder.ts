/**
 * Turns word vectors (GloVe 6B 100d) into a llama.cpp `bert` GGUF: Sift's starter model.
 *
 * Why a BERT wrapper: llama.cpp has no "bag of word vectors" architecture, but a BERT with
 * one layer whose attention and FFN weights are zero passes every token's embedding
 * through unchanged except for LayerNorm, and mean pooling then averages the words. The
 * WordPiece (WPM) tokenizer does the lowercasing, accent stripping and word splitting.
 *
 * What LayerNorm changes: it centres each token vector across its dimensions and scales
 * it to norm sqrt(dim). We remove the all-ones direction from every vector up front, so
 * the centring is a no-op; the scaling remains, so the pooled vector is the mean of
 * *unit* word vectors (each word weighs the same) rather than a norm-weighted sum. The
 * tests check that ranking still separates related from unrelated texts. A zero vector
 * stays zero (0 / sqrt(eps)), so stop words and unknown words simply drop out.
 *
 * Pure functions only; scripts/build-starter-model.ts does the download and file IO.
 */
import { meta, type GgufSpec, type GgufTensor } from './gguf-writer.js';

/** Row-major word vectors: row i (words[i]) is vectors[i*dim .. (i+1)*dim). */
export interface WordVectors {
  words: string[];
  dim: number;
  vectors: Float32Array;
}

/** Common English function words; their vectors mostly encode syntax, so they are zeroed. */
export const STOP_WORDS: readonly string[] = (
  'a about above after again against all am an and any are aren as at be because been before being below ' +
  'between both but by can could couldn d did didn do does doesn doing don down during each few for from ' +
  'further had hadn has hasn have haven having he her here hers herself him himself his how i if in into ' +
  'is isn it its itself just ll m me might more most must my myself no nor not now o of off on once only ' +
  'or other our ours ourselves out over own re s same shall she should shouldn so some such t than that ' +
  'the their theirs them themselves then there these they this those through to too under until up us ve ' +
  'very was wasn we were weren what when where which while who whom why will with would wouldn y you ' +
  'your yours yourself yourselves also may upon yet ever every'
).split(' ');

/**
 * Continuation pieces (no U+2581 prefix) with zero vectors: llama.cpp's greedy WordPiece
 * then maps "passwords" to "▁password" + "s" instead of [UNK]. Only common inflections, so
 * an unknown word rarely degrades into an unrelated short prefix.
 */
export const SUFFIX_PIECES: readonly string[] = [
  's', 'es', 'ed', 'd', 'ing', 'ings', 'ly', 'er', 'ers', 'est', 'ness', 'ment', 'ments', 'ful', 'less',
];

/**
 * ASCII punctuation and symbols: WPM makes each one a word of its own. Listing them (with
 * zero vectors) keeps [UNK] for genuinely unknown words; they add nothing to the mean.
 */
export const PUNCTUATION_WORDS: readonly string[] = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const [PAD_ID, UNK_ID, CLS_ID, SEP_ID, MASK_ID] = [0, 1, 2, 3, 4];
/** llama.cpp marks whole words in a WPM vocab with this "phantom space" prefix. */
export const WORD_PREFIX = '\u2581';

/** What llama.cpp's WPM preprocess does to a word: NFD, drop accent marks, lowercase. */
export function normalizeWord(word: string): string {
  return word.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
}

/** Same ranges as llama.cpp's is_chinese_char: such characters always become one-char words. */
function isChineseChar(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) || (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

/**
 * True when the WPM tokenizer can produce this (normalized) word as one whole-word token:
 * it splits on whitespace, punctuation, ASCII symbols and Chinese characters, so GloVe
 * entries such as "u.s." or "well-known" could never be matched and would waste room.
 */
export function isTokenizableWord(word: string): boolean {
  if (word.length === 0 || !/^[\p{L}\p{N}]+$/u.test(word)) return false;
  const cps = [...word].map((c) => c.codePointAt(0)!);
  return cps.length === 1 || !cps.some(isChineseChar);
}

/**
 * Pick the first `maxWords` usable words, in the source's order (GloVe lists words by
 * corpus frequency). Duplicates after normalization keep their most frequent spelling.
 */
export function selectVocabulary(source: WordVectors, maxWords: number): WordVectors {
  const { dim } = source;
  const seen = new Set<string>();
  const words: string[] = [];
  const rows: number[] = [];
  for (let i = 0; i < source.words.length && words.length < maxWords; i++) {
    const w = normalizeWord(source.words[i]!);
    if (!isTokenizableWord(w) || seen.has(w)) continue;
    seen.add(w);
    words.push(w);
    rows.push(i);
  }
  const vectors = new Float32Array(words.length * dim);
  rows.forEach((src, dst) => vectors.set(source.vectors.subarray(src * dim, (src + 1) * dim), dst * dim));
  return { words, dim, vectors };
}

/**
 * Top-k principal directions of the (already centred) rows, by power iteration with
 * deflation on the dim x dim covariance matrix. Deterministic start vector.
 */
export function principalComponents(rows: Float64Array, n: number, dim: number, k: number): Float64Array[] {
  const cov = new Float64Array(dim * dim);
  for (let r = 0; r < n; r++) {
    const o = r * dim;
    for (let i = 0; i < dim; i++) {
      const xi = rows[o + i]!;
      if (xi === 0) continue;
      for (let j = i; j < dim; j++) cov[i * dim + j] = cov[i * dim + j]! + xi * rows[o + j]!;
    }
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) cov[i * dim + j] = cov[j * dim + i]!;

  const components: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    let v = Float64Array.from({ length: dim }, (_, i) => 1 + i / dim);
    let lambda = 0;
    for (let iter = 0; iter < 2000; iter++) {
      const w = new Float64Array(dim);
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += cov[i * dim + j]! * v[j]!;
        w[i] = s;
      }
      const norm = Math.hypot(...w);
      if (norm === 0) break;
      let delta = 0;
      for (let i = 0; i < dim; i++) { w[i] = w[i]! / norm; delta += Math.abs(w[i]! - v[i]!); }
      v = w;
      lambda = norm;
      if (delta < 1e-12) break;
    }
    components.push(v);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) cov[i * dim + j] = cov[i * dim + j]! - lambda * v[i]! * v[j]!;
  }
  return components;
}

export interface PostProcessOptions {
  /** Principal components to project out ("all-but-the-top", Mu & Viswanath 2018). */
  components: number;
  /** Words whose vectors become zero. */
  stopWords: ReadonlySet<string>;
}

/**
 * Subtract the mean vector, remove the all-ones direction (what LayerNorm's centring would
 * remove anyway), project out the top principal components, zero the stop words.
 * Without this every pair of GloVe averages scores 0.6-0.8 (DESIGN.md).
 */
export function postProcessVectors(input: WordVectors, options: PostProcessOptions): WordVectors {
  const { dim, words } = input;
  const n = words.length;
  const x = Float64Array.from(input.vectors);
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) mean[i] = mean[i]! + x[r * dim + i]! / n;
  const project = (dir: Float64Array): void => {
    for (let r = 0; r < n; r++) {
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += x[r * dim + i]! * dir[i]!;
      for (let i = 0; i < dim; i++) x[r * dim + i] = x[r * dim + i]! - dot * dir[i]!;
    }
  };
  for (let r = 0; r < n; r++) for (let i = 0; i < dim; i++) x[r * dim + i] = x[r * dim + i]! - mean[i]!;
  project(new Float64Array(dim).fill(1 / Math.sqrt(dim)));
  for (const pc of principalComponents(x, n, dim, options.components)) project(pc);
  words.forEach((w, r) => { if (options.stopWords.has(w)) x.fill(0, r * dim, (r + 1) * dim); });
  return { words: [...words], dim, vectors: Float32Array.from(x) };
}

export interface StarterModelInfo {
  name: string;
  license: string;
  description: string;
  sourceUrl: string;
  contextLength?: number;
}

/** The `bert` GGUF: vocab = specials + whole words + punctuation + suffix pieces; identity network. */
export function buildStarterModelSpec(vectors: WordVectors, info: StarterModelInfo): GgufSpec {
  const { dim } = vectors;
  const nCtx = info.contextLength ?? 512;
  const nFf = 16; // any size works: the FFN weights are zero
  const tokens = [
    ...SPECIAL_TOKENS,
    ...vectors.words.map((w) => WORD_PREFIX + w),
    ...PUNCTUATION_WORDS.map((w) => WORD_PREFIX + w),
    ...SUFFIX_PIECES,
  ];
  if (new Set(tokens).size !== tokens.length) throw new Error('starter model: duplicate token text');
  // GGUF token types: 1 normal, 2 unknown, 3 control.
  const tokenTypes = tokens.map((_, i) => (i === UNK_ID ? 2 : i < SPECIAL_TOKENS.length ? 3 : 1));
  const embd = new Float32Array(tokens.length * dim); // all but the words stay zero
  embd.set(vectors.vectors, SPECIAL_TOKENS.length * dim);

  const zeros = (name: string, shape: number[]): GgufTensor =>
    ({ name, shape, type: 'F32', data: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
  const ones = (name: string, n: number): GgufTensor =>
    ({ name, shape: [n], type: 'F32', data: new Float32Array(n).fill(1) });
  const tensors: GgufTensor[] = [
    { name: 'token_embd.weight', shape: [dim, tokens.length], type: 'F16', data: embd },
    zeros('token_types.weight', [dim, 2]),
    zeros('position_embd.weight', [dim, nCtx]),
    ones('token_embd_norm.weight', dim),
    zeros('token_embd_norm.bias', [dim]),
  ];
  const p = 'blk.0.';
  for (const proj of ['attn_q', 'attn_k', 'attn_v', 'attn_output']) {
    tensors.push(zeros(`${p}${proj}.weight`, [dim, dim]), zeros(`${p}${proj}.bias`, [dim]));
  }
  tensors.push(
    ones(`${p}attn_output_norm.weight`, dim), zeros(`${p}attn_output_norm.bias`, [dim]),
    zeros(`${p}ffn_up.weight`, [dim, nFf]), zeros(`${p}ffn_up.bias`, [nFf]),
    zeros(`${p}ffn_down.weight`, [nFf, dim]), zeros(`${p}ffn_down.bias`, [dim]),
    ones(`${p}layer_output_norm.weight`, dim), zeros(`${p}layer_output_norm.bias`, [dim]),
  );

  const a = 'bert';
  return {
    metadata: [
      meta.string('general.architecture', a),
      meta.string('general.type', 'model'),
      meta.string('general.name', info.name),
      meta.string('general.license', info.license),
      meta.string('general.description', info.description),
      meta.string('general.source.url', info.sourceUrl),
      meta.uint32('general.file_type', 1), // MOSTLY_F16 (the embeddings; small tensors F32)
      meta.uint32(`${a}.context_length`, nCtx),
      meta.uint32(`${a}.embedding_length`, dim),
      meta.uint32(`${a}.feed_forward_length`, nFf),
      meta.uint32(`${a}.block_count`, 1),
      meta.uint32(`${a}.attention.head_count`, 1),
      meta.float32(`${a}.attention.layer_norm_epsilon`, 1e-12),
      meta.bool(`${a}.attention.causal`, false),
      meta.uint32(`${a}.pooling_type`, 1), // MEAN
      meta.string('tokenizer.ggml.model', 'bert'),
      meta.array('tokenizer.ggml.tokens', 'string', tokens),
      meta.array('tokenizer.ggml.token_type', 'int32', tokenTypes),
      meta.uint32('tokenizer.ggml.token_type_count', 2),
      meta.uint32('tokenizer.ggml.bos_token_id', CLS_ID),
      meta.uint32('tokenizer.ggml.cls_token_id', CLS_ID),
      meta.uint32('tokenizer.ggml.seperator_token_id', SEP_ID), // sic: llama.cpp's spelling
      meta.uint32('tokenizer.ggml.unknown_token_id', UNK_ID),
      meta.uint32('tokenizer.ggml.padding_token_id', PAD_ID),
      meta.uint32('tokenizer.ggml.mask_token_id', MASK_ID),
      meta.bool('tokenizer.ggml.add_bos_token', true),
      meta.bool('tokenizer.ggml.add_sep_token', true),
      meta.bool('tokenizer.ggml.add_eos_token', false),
      // Not used by WPM tokenization; it makes detokenize drop the first word's leading space,
      // so lowercase text round-trips (node-llama-cpp warns at load otherwise).
      meta.bool('tokenizer.ggml.add_space_prefix', true),
      meta.bool('tokenizer.ggml.normalizer.lowercase', true),
      meta.bool('tokenizer.ggml.normalizer.strip_accents', true),
    ],
    tensors,
  };
}
