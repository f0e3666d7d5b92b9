/**
 * An independent float64 forward pass of a Qwen3 embedding model, written from the
 * architecture (not from llama.cpp's graph), for the tiny generated model's weights.
 * The tests compare llama.cpp's embeddings with this to prove that Sift feeds the model
 * what Qwen3-Embedding expects (EOS appended, last-token pooling) and that the GGUF holds
 * the model we think it does (layout, q/k norm, NEOX RoPE, grouped-query attention).
 *
 * Per layer: h += Wo · Attn(RoPE(RMSNorm_q(Wq x)), RoPE(RMSNorm_k(Wk x)), Wv x) with
 * x = RMSNorm(h); then h += Wdown · (silu(Wgate x) * Wup x) with x = RMSNorm(h). The
 * embedding is RMSNorm(h) of the last token, L2-normalised.
 *
 * Weights use ggml order: a linear weight of HF shape (out, in) has data[o * in + i].
 */
import type { TinyQwen3Config, TinyQwen3Weights } from './tiny-qwen3.js';

type Matrix = Float64Array[]; // one row per token

interface Tensors {
  get(name: string): Float64Array;
}

function tensorsOf(weights: TinyQwen3Weights): Tensors {
  const byName = new Map(weights.tensors.map((t) => [t.name, Float64Array.from(t.data)]));
  return {
    get(name) {
      const t = byName.get(name);
      if (!t) throw new Error(`reference: tensor ${name} missing`);
      return t;
    },
  };
}

function rmsNorm(x: Float64Array, weight: Float64Array, eps: number, offset = 0, length = x.length): void {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += x[offset + i]! * x[offset + i]!;
  const scale = 1 / Math.sqrt(sum / length + eps);
  for (let i = 0; i < length; i++) x[offset + i] = x[offset + i]! * scale * weight[i]!;
}

/** y = W x for W stored as data[o * inDim + i]. */
function linear(weight: Float64Array, x: Float64Array, inDim: number, outDim: number): Float64Array {
  const y = new Float64Array(outDim);
  for (let o = 0; o < outDim; o++) {
    let acc = 0;
    const row = o * inDim;
    for (let i = 0; i < inDim; i++) acc += weight[row + i]! * x[i]!;
    y[o] = acc;
  }
  return y;
}

/** NEOX-style rotary embedding (HF rotate_half): element i pairs with i + headDim/2. */
function rope(vec: Float64Array, nHeads: number, headDim: number, position: number, theta: number): void {
  const half = headDim / 2;
  for (let h = 0; h < nHeads; h++) {
    const base = h * headDim;
    for (let i = 0; i < half; i++) {
      const angle = position * Math.pow(theta, (-2 * i) / headDim);
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const a = vec[base + i]!;
      const b = vec[base + i + half]!;
      vec[base + i] = a * cos - b * sin;
      vec[base + i + half] = b * cos + a * sin;
    }
  }
}

function attention(q: Matrix, k: Matrix, v: Matrix, c: TinyQwen3Config): Matrix {
  const T = q.length;
  const D = c.headDim;
  const group = c.nHead / c.nHeadKv; // query heads per key/value head, consecutive
  const scale = 1 / Math.sqrt(D);
  const out: Matrix = [];
  for (let t = 0; t < T; t++) {
    const o = new Float64Array(c.nHead * D);
    for (let h = 0; h < c.nHead; h++) {
      const kvh = Math.floor(h / group);
      const scores = new Float64Array(t + 1); // causal: positions 0..t
      let max = -Infinity;
      for (let s = 0; s <= t; s++) {
        let dot = 0;
        for (let d = 0; d < D; d++) dot += q[t]![h * D + d]! * k[s]![kvh * D + d]!;
        scores[s] = dot * scale;
        if (scores[s]! > max) max = scores[s]!;
      }
      let sum = 0;
      for (let s = 0; s <= t; s++) {
        scores[s] = Math.exp(scores[s]! - max);
        sum += scores[s]!;
      }
      for (let s = 0; s <= t; s++) {
        const p = scores[s]! / sum;
        for (let d = 0; d < D; d++) o[h * D + d] = o[h * D + d]! + p * v[s]![kvh * D + d]!;
      }
    }
    out.push(o);
  }
  return out;
}

/**
 * The L2-normalised last-token embedding for token ids exactly as fed to the model
 * (EOS included). Float64 throughout.
 */
export function qwen3ReferenceEmbedding(weights: TinyQwen3Weights, tokenIds: readonly number[]): Float64Array {
  if (tokenIds.length === 0) throw new Error('reference: no tokens');
  const c = weights.config;
  const W = tensorsOf(weights);
  const H = c.hidden;
  const D = c.headDim;
  const qDim = c.nHead * D;
  const kvDim = c.nHeadKv * D;
  const embedding = W.get('token_embd.weight');
  const h: Matrix = tokenIds.map((id) => {
    if (id < 0 || id >= c.nVocab) throw new Error(`reference: token id ${id} out of range`);
    return embedding.slice(id * H, id * H + H);
  });

  for (let l = 0; l < c.nLayers; l++) {
    const p = `blk.${l}.`;
    const q: Matrix = [];
    const k: Matrix = [];
    const v: Matrix = [];
    h.forEach((row, t) => {
      const x = Float64Array.from(row);
      rmsNorm(x, W.get(p + 'attn_norm.weight'), c.rmsEps);
      const qt = linear(W.get(p + 'attn_q.weight'), x, H, qDim);
      const kt = linear(W.get(p + 'attn_k.weight'), x, H, kvDim);
      for (let hd = 0; hd < c.nHead; hd++) rmsNorm(qt, W.get(p + 'attn_q_norm.weight'), c.rmsEps, hd * D, D);
      for (let hd = 0; hd < c.nHeadKv; hd++) rmsNorm(kt, W.get(p + 'attn_k_norm.weight'), c.rmsEps, hd * D, D);
      rope(qt, c.nHead, D, t, c.ropeTheta);
      rope(kt, c.nHeadKv, D, t, c.ropeTheta);
      q.push(qt);
      k.push(kt);
      v.push(linear(W.get(p + 'attn_v.weight'), x, H, kvDim));
    });
    const attn = attention(q, k, v, c);
    h.forEach((row, t) => {
      const o = linear(W.get(p + 'attn_output.weight'), attn[t]!, qDim, H);
      for (let i = 0; i < H; i++) row[i] = row[i]! + o[i]!;
      const x = Float64Array.from(row);
      rmsNorm(x, W.get(p + 'ffn_norm.weight'), c.rmsEps);
      const gate = linear(W.get(p + 'ffn_gate.weight'), x, H, c.intermediate);
      const up = linear(W.get(p + 'ffn_up.weight'), x, H, c.intermediate);
      for (let i = 0; i < c.intermediate; i++) gate[i] = (gate[i]! / (1 + Math.exp(-gate[i]!))) * up[i]!;
      const down = linear(W.get(p + 'ffn_down.weight'), gate, c.intermediate, H);
      for (let i = 0; i < H; i++) row[i] = row[i]! + down[i]!;
    });
  }

  const last = Float64Array.from(h[h.length - 1]!);
  rmsNorm(last, W.get('output_norm.weight'), c.rmsEps);
  let norm = 0;
  for (const x of last) norm += x * x;
  norm = Math.sqrt(norm);
  return last.map((x) => x / norm);
}
