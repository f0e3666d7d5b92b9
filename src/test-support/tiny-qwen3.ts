/**
 * A tiny Qwen3-architecture embedding model with seeded random weights.
 *
 * Why: no real transformer weights can be downloaded here, yet the embedder, its
 * pooling and the whole indexing pipeline need a real GGUF that llama.cpp runs. This
 * writes one in milliseconds, in the same layout as a converted Qwen3-Embedding
 * (see shared/devkit/make_model.py): arch `qwen3`, pooling LAST, `<|endoftext|>`
 * appended as EOS, no output.weight. `generateTinyQwen3Weights` returns the exact stored
 * values (F16 weights already rounded) so a float64 reference forward pass can recompute
 * the embeddings that llama.cpp produces.
 *
 * Tensor layout: ggml order, ne0 first. A linear weight of HF shape (out, in) has
 * shape [in, out] here and W[o][i] sits at data[o * in + i].
 */
import { roundToFloat16InPlace, meta, writeGguf, type GgufSpec, type GgufTensor } from './gguf-writer.js';
import { seededRandom } from '../seeded-random.js';

export interface TinyQwen3Config {
  nLayers: number;
  hidden: number;
  intermediate: number;
  nHead: number;
  nHeadKv: number;
  headDim: number;
  ropeTheta: number;
  rmsEps: number;
  contextLength: number;
  nVocab: number;
  eosTokenId: number;
  seed: number;
  /** Spread of the random weights (uniform, this standard deviation). */
  std: number;
}

export interface TinyQwen3Weights {
  config: TinyQwen3Config;
  /** Token texts in GPT-2 byte-to-unicode form; ids 0..255 are the bytes 0..255. */
  tokens: string[];
  /** GGUF token types: 1 normal, 3 control. */
  tokenTypes: number[];
  /** BPE merges 'left right', in rank order. */
  merges: string[];
  /** In file order, values exactly as stored in the GGUF. */
  tensors: GgufTensor[];
}

export interface TinyQwen3Options {
  seed?: number;
  /** Default 0.1: large enough that context changes the last-token embedding visibly. */
  std?: number;
  /** Default 16. A quantized KV cache (q8_0: blocks of 32) needs a multiple of 32. */
  headDim?: number;
}

const EOS_TEXT = '<|endoftext|>';
const N_MERGES = 300;

/**
 * Training text for the BPE merges: common English words weighted by rank (Zipf-like),
 * each with the leading space it has inside a sentence. Chinese and everything else
 * falls back to the 256 byte tokens.
 */
const COMMON_WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at ' +
  'which but have an they you were her she there been one all we their has would when ' +
  'what will more if no out so said can who about up its than into them only other time ' +
  'new some could these two may first then do any like my now over such our man me even ' +
  'most made after also did many before must through back years where much your way well ' +
  'down should because each just those people how too little state good very make world ' +
  'still own see men work long get here between both life being under never day same ' +
  'another know while last might us great old year off come since against go came right ' +
  'used take three states himself few house use during without again place around however ' +
  'home small found thought went say part once general high upon school every does got ' +
  'united left number course war until always away something fact though water less public ' +
  'put think almost hand enough far took head yet government system better set told nothing ' +
  'night end why called didn find look asked later knew point next program city business give ' +
  'group toward young days let room president side social given present several order national ' +
  'possible rather second per face among form important often things looked early white case ' +
  'john become large big need four within felt along children saw best church ever least power ' +
  'development light thing search index file folder document model embedding password account ' +
  'reset recover access weather sunny query result text language'
).split(' ');

/** GPT-2's reversible byte -> printable unicode map (bytes_to_unicode in encoder.py). */
export function bytesToUnicode(): string[] {
  const table: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    table[b] = String.fromCodePoint(printable ? b : 256 + extra++);
  }
  return table;
}

/**
 * Learn `count` BPE merges from COMMON_WORDS: repeatedly merge the most frequent adjacent
 * pair; ties break on the pair text so the result never depends on Map iteration order.
 */
function learnMerges(byteChars: string[], count: number): string[] {
  const words = COMMON_WORDS.map((w, rank) => ({
    symbols: [...Buffer.from(' ' + w, 'utf8')].map((b) => byteChars[b]!),
    weight: COMMON_WORDS.length - rank,
  }));
  const merges: string[] = [];
  while (merges.length < count) {
    const pairCounts = new Map<string, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.symbols.length; i++) {
        const key = `${w.symbols[i]} ${w.symbols[i + 1]}`;
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + w.weight);
      }
    }
    let best: string | undefined;
    let bestCount = 0;
    for (const [key, c] of pairCounts) {
      if (c > bestCount || (c === bestCount && best !== undefined && key < best)) { best = key; bestCount = c; }
    }
    if (best === undefined) break; // every word is a single symbol already
    merges.push(best);
    const [left, right] = best.split(' ') as [string, string];
    for (const w of words) {
      const next: string[] = [];
      for (let i = 0; i < w.symbols.length; i++) {
        if (i + 1 < w.symbols.length && w.symbols[i] === left && w.symbols[i + 1] === right) {
          next.push(left + right);
          i++;
        } else {
          next.push(w.symbols[i]!);
        }
      }
      w.symbols = next;
    }
  }
  return merges;
}

/** splitmix32-style integer hash: seeds each tensor independently of file order. */
function hash32(seed: number, text: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x85ebca6b) >>> 0;
  h ^= h >>> 16; h = Math.imul(h, 0x7feb352d) >>> 0; h ^= h >>> 15; h = Math.imul(h, 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Uniform values with standard deviation `std` (around 1 for norm weights). Uniform
 * rather than Gaussian: no log/cos, so every JS engine produces identical bits.
 */
function randomTensor(seed: number, name: string, n: number, std: number, center: number): Float32Array {
  const next = seededRandom(hash32(seed, name));
  const halfWidth = std * Math.sqrt(3);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = center + (2 * next() - 1) * halfWidth;
  return out;
}

export function generateTinyQwen3Weights(options: TinyQwen3Options = {}): TinyQwen3Weights {
  const seed = options.seed ?? 1;
  const std = options.std ?? 0.1;
  const byteChars = bytesToUnicode();
  const merges = learnMerges(byteChars, N_MERGES);
  // Two merges can build the same text ('a bc' and 'ab c'); the vocab lists it once.
  const tokens = [...new Set([...byteChars, ...merges.map((m) => m.replace(' ', ''))]), EOS_TEXT];
  const tokenTypes = tokens.map((_, i) => (i === tokens.length - 1 ? 3 : 1));

  const config: TinyQwen3Config = {
    nLayers: 2, hidden: 64, intermediate: 192, nHead: 4, nHeadKv: 2, headDim: options.headDim ?? 16,
    ropeTheta: 1e6, rmsEps: 1e-6, contextLength: 512,
    nVocab: tokens.length, eosTokenId: tokens.length - 1, seed, std,
  };
  const { hidden: H, intermediate: I, headDim: D } = config;
  const q = config.nHead * D;
  const kv = config.nHeadKv * D;

  // [name, ggml shape, kind]: 'w' linear/embedding weights (F16), 'n' norm weights (F32),
  // in the order convert_hf_to_gguf.py writes them.
  const layout: Array<[string, number[], 'w' | 'n']> = [['token_embd.weight', [H, config.nVocab], 'w']];
  for (let l = 0; l < config.nLayers; l++) {
    const p = `blk.${l}.`;
    layout.push(
      [p + 'attn_norm.weight', [H], 'n'],
      [p + 'attn_q.weight', [H, q], 'w'],
      [p + 'attn_k.weight', [H, kv], 'w'],
      [p + 'attn_v.weight', [H, kv], 'w'],
      [p + 'attn_output.weight', [q, H], 'w'],
      [p + 'attn_q_norm.weight', [D], 'n'],
      [p + 'attn_k_norm.weight', [D], 'n'],
      [p + 'ffn_norm.weight', [H], 'n'],
      [p + 'ffn_gate.weight', [H, I], 'w'],
      [p + 'ffn_up.weight', [H, I], 'w'],
      [p + 'ffn_down.weight', [I, H], 'w'],
    );
  }
  layout.push(['output_norm.weight', [H], 'n']);

  const tensors: GgufTensor[] = layout.map(([name, shape, kind]) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = randomTensor(seed, name, n, std, kind === 'n' ? 1 : 0);
    // Round F16 tensors now, so what we return is bit-for-bit what llama.cpp reads.
    return kind === 'w'
      ? { name, shape, type: 'F16' as const, data: roundToFloat16InPlace(data) }
      : { name, shape, type: 'F32' as const, data };
  });
  return { config, tokens, tokenTypes, merges, tensors };
}

/** The GGUF (metadata + tensors) for generated weights, mirroring make_model.py's keys. */
export function tinyQwen3GgufSpec(w: TinyQwen3Weights): GgufSpec {
  const c = w.config;
  const a = 'qwen3';
  return {
    metadata: [
      meta.string('general.architecture', a),
      meta.string('general.type', 'model'),
      meta.string('general.name', `Sift tiny Qwen3 random (seed ${c.seed})`),
      meta.uint32('general.file_type', 1), // MOSTLY_F16
      meta.uint32('general.quantization_version', 2),
      meta.uint32(`${a}.block_count`, c.nLayers),
      meta.uint32(`${a}.context_length`, c.contextLength),
      meta.uint32(`${a}.embedding_length`, c.hidden),
      meta.uint32(`${a}.feed_forward_length`, c.intermediate),
      meta.uint32(`${a}.attention.head_count`, c.nHead),
      meta.uint32(`${a}.attention.head_count_kv`, c.nHeadKv),
      meta.float32(`${a}.rope.freq_base`, c.ropeTheta),
      meta.float32(`${a}.attention.layer_norm_rms_epsilon`, c.rmsEps),
      meta.uint32(`${a}.attention.key_length`, c.headDim),
      meta.uint32(`${a}.attention.value_length`, c.headDim),
      meta.uint32(`${a}.pooling_type`, 3), // LAST
      meta.string('tokenizer.ggml.model', 'gpt2'),
      meta.string('tokenizer.ggml.pre', 'qwen2'),
      meta.array('tokenizer.ggml.tokens', 'string', w.tokens),
      meta.array('tokenizer.ggml.token_type', 'int32', w.tokenTypes),
      meta.array('tokenizer.ggml.merges', 'string', w.merges),
      meta.uint32('tokenizer.ggml.bos_token_id', c.eosTokenId),
      meta.uint32('tokenizer.ggml.eos_token_id', c.eosTokenId),
      meta.uint32('tokenizer.ggml.padding_token_id', c.eosTokenId),
      meta.bool('tokenizer.ggml.add_bos_token', false),
      meta.bool('tokenizer.ggml.add_eos_token', true), // the pooled last token is EOS
    ],
    tensors: w.tensors,
  };
}

/** Generate and write the tiny model; returns the weights used (for reference computations). */
export function writeTinyQwen3Gguf(path: string, options: TinyQwen3Options = {}): TinyQwen3Weights {
  const weights = generateTinyQwen3Weights(options);
  writeGguf(path, tinyQwen3GgufSpec(weights));
  return weights;
}
