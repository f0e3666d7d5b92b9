/**
 * A minimal GGUF v3 writer (no dependencies).
 *
 * Why it exists: the test models (a tiny random Qwen3 and the GloVe starter model) are
 * generated from TypeScript, so tests and the build script need no Python toolchain.
 * It writes exactly what llama.cpp's gguf loader reads: header, metadata key/values,
 * tensor infos, then tensor data, every tensor aligned to GGUF_ALIGNMENT bytes.
 * Layout reference: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
 * All numbers are little-endian, as the format requires.
 */
import { writeFileSync } from 'node:fs';

/** GGUF's default alignment; we never write `general.alignment`, so readers assume 32. */
export const GGUF_ALIGNMENT = 32;

const GGUF_MAGIC = 0x46554747; // 'GGUF' read as a little-endian uint32
const GGUF_VERSION = 3;

/** Value type ids from the GGUF spec (gguf_type in ggml/include/gguf.h). */
const VALUE_TYPE_ID = {
  uint8: 0, int8: 1, uint16: 2, int16: 3, uint32: 4, int32: 5, float32: 6,
  bool: 7, string: 8, array: 9, uint64: 10, int64: 11, float64: 12,
} as const;

export type GgufScalarType = Exclude<keyof typeof VALUE_TYPE_ID, 'array'>;
export type GgufScalar = number | bigint | boolean | string;

export type GgufMetadataEntry =
  | { key: string; type: GgufScalarType; value: GgufScalar }
  | { key: string; type: 'array'; itemType: GgufScalarType; value: readonly GgufScalar[] };

/** Tensor element types we can write (ggml_type ids 0 and 1). */
export type GgufTensorType = 'F32' | 'F16';
const GGML_TYPE_ID: Record<GgufTensorType, number> = { F32: 0, F16: 1 };
const GGML_TYPE_SIZE: Record<GgufTensorType, number> = { F32: 4, F16: 2 };

export interface GgufTensor {
  name: string;
  /** ggml order: ne0 (the contiguous, fastest-varying dimension) first. */
  shape: readonly number[];
  type: GgufTensorType;
  /** Row-major in ggml order: element (i0, i1, ...) sits at i0 + ne0 * (i1 + ne1 * ...). */
  data: Float32Array;
}

export interface GgufSpec {
  metadata: readonly GgufMetadataEntry[];
  tensors: readonly GgufTensor[];
}

/** Typed constructors, so call sites read like gguf-py's add_uint32/add_string/... */
export const meta = {
  uint8: (key: string, value: number): GgufMetadataEntry => ({ key, type: 'uint8', value }),
  int32: (key: string, value: number): GgufMetadataEntry => ({ key, type: 'int32', value }),
  uint32: (key: string, value: number): GgufMetadataEntry => ({ key, type: 'uint32', value }),
  uint64: (key: string, value: number | bigint): GgufMetadataEntry => ({ key, type: 'uint64', value }),
  float32: (key: string, value: number): GgufMetadataEntry => ({ key, type: 'float32', value }),
  float64: (key: string, value: number): GgufMetadataEntry => ({ key, type: 'float64', value }),
  bool: (key: string, value: boolean): GgufMetadataEntry => ({ key, type: 'bool', value }),
  string: (key: string, value: string): GgufMetadataEntry => ({ key, type: 'string', value }),
  array: (key: string, itemType: GgufScalarType, value: readonly GgufScalar[]): GgufMetadataEntry =>
    ({ key, type: 'array', itemType, value }),
};

// --- float16 -------------------------------------------------------------------------

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** IEEE 754 binary16 bits of `value`, rounded to nearest-even (what numpy's astype does). */
export function float32ToFloat16Bits(value: number): number {
  f32Scratch[0] = value;
  const x = u32Scratch[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0); // Inf / NaN
  const e = exp - 127 + 15; // re-biased exponent
  if (e >= 0x1f) return sign | 0x7c00; // too large: +-Inf
  if (e <= 0) {
    // Subnormal half (or zero): value = m * 2^-24, m = full mantissa >> (14 - e).
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (and 65520+ becomes Inf).
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}

export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant !== 0 ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Round every value to the nearest float16 (in place), so callers can keep the exact stored values. */
export function roundToFloat16InPlace(data: Float32Array): Float32Array {
  for (let i = 0; i < data.length; i++) data[i] = float16BitsToFloat32(float32ToFloat16Bits(data[i]!));
  return data;
}

// --- encoding ------------------------------------------------------------------------

/** Appends little-endian values to a list of chunks; concatenated once at the end. */
class ByteSink {
  readonly chunks: Buffer[] = [];
  length = 0;
  push(buf: Buffer): void { this.chunks.push(buf); this.length += buf.length; }
  private fixed(size: number, write: (b: Buffer) => void): void {
    const b = Buffer.alloc(size); write(b); this.push(b);
  }
  u32(v: number): void { this.fixed(4, (b) => b.writeUInt32LE(v)); }
  u64(v: number | bigint): void { this.fixed(8, (b) => b.writeBigUInt64LE(BigInt(v))); }
  string(s: string): void { const b = Buffer.from(s, 'utf8'); this.u64(b.length); this.push(b); }
  pad(alignment: number): void {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }
  scalar(type: GgufScalarType, v: GgufScalar): void {
    const num = (): number => { if (typeof v !== 'number') throw new TypeError(`GGUF ${type} needs a number, got ${typeof v}`); return v; };
    switch (type) {
      case 'uint8': return this.fixed(1, (b) => b.writeUInt8(num()));
      case 'int8': return this.fixed(1, (b) => b.writeInt8(num()));
      case 'uint16': return this.fixed(2, (b) => b.writeUInt16LE(num()));
      case 'int16': return this.fixed(2, (b) => b.writeInt16LE(num()));
      case 'uint32': return this.fixed(4, (b) => b.writeUInt32LE(num()));
      case 'int32': return this.fixed(4, (b) => b.writeInt32LE(num()));
      case 'float32': return this.fixed(4, (b) => b.writeFloatLE(num()));
      case 'float64': return this.fixed(8, (b) => b.writeDoubleLE(num()));
      case 'uint64': return this.fixed(8, (b) => b.writeBigUInt64LE(BigInt(v as number | bigint)));
      case 'int64': return this.fixed(8, (b) => b.writeBigInt64LE(BigInt(v as number | bigint)));
      case 'bool':
        if (typeof v !== 'boolean') throw new TypeError(`GGUF bool needs a boolean, got ${typeof v}`);
        return this.fixed(1, (b) => b.writeUInt8(v ? 1 : 0));
      case 'string':
        if (typeof v !== 'string') throw new TypeError(`GGUF string needs a string, got ${typeof v}`);
        return this.string(v);
    }
  }
}

function elementCount(t: GgufTensor): number {
  if (t.shape.length < 1 || t.shape.length > 4) throw new Error(`tensor ${t.name}: ggml supports 1..4 dims`);
  const n = t.shape.reduce((a, b) => a * b, 1);
  if (!Number.isInteger(n) || n !== t.data.length) {
    throw new Error(`tensor ${t.name}: shape [${t.shape.join(', ')}] holds ${n} values, data has ${t.data.length}`);
  }
  return n;
}

function encodeTensorData(t: GgufTensor): Buffer {
  const n = elementCount(t);
  if (t.type === 'F32') {
    // Copy through a fresh Float32Array so the bytes are ours and little-endian hosts need no swap.
    return Buffer.from(Float32Array.from(t.data).buffer);
  }
  const halves = new Uint16Array(n);
  for (let i = 0; i < n; i++) halves[i] = float32ToFloat16Bits(t.data[i]!);
  return Buffer.from(halves.buffer);
}

/** Encode a whole GGUF file in memory (models written here are a few MB). */
export function encodeGguf(spec: GgufSpec): Buffer {
  const keys = new Set<string>();
  for (const m of spec.metadata) {
    if (keys.has(m.key)) throw new Error(`duplicate GGUF metadata key ${m.key}`);
    keys.add(m.key);
  }
  const names = new Set<string>();
  for (const t of spec.tensors) {
    if (names.has(t.name)) throw new Error(`duplicate tensor ${t.name}`);
    names.add(t.name);
  }

  const out = new ByteSink();
  out.u32(GGUF_MAGIC);
  out.u32(GGUF_VERSION);
  out.u64(spec.tensors.length);
  out.u64(spec.metadata.length);
  for (const m of spec.metadata) {
    out.string(m.key);
    out.u32(VALUE_TYPE_ID[m.type]);
    if (m.type === 'array') {
      out.u32(VALUE_TYPE_ID[m.itemType]);
      out.u64(m.value.length);
      for (const v of m.value) out.scalar(m.itemType, v);
    } else {
      out.scalar(m.type, m.value);
    }
  }

  // Tensor infos carry offsets relative to the start of the (aligned) data section.
  const blobs = spec.tensors.map(encodeTensorData);
  let offset = 0;
  spec.tensors.forEach((t, i) => {
    out.string(t.name);
    out.u32(t.shape.length);
    for (const d of t.shape) out.u64(d);
    out.u32(GGML_TYPE_ID[t.type]);
    out.u64(offset);
    offset += blobs[i]!.length;
    offset += (GGUF_ALIGNMENT - (offset % GGUF_ALIGNMENT)) % GGUF_ALIGNMENT;
    if (blobs[i]!.length !== elementCount(t) * GGML_TYPE_SIZE[t.type]) throw new Error('internal: tensor size');
  });

  out.pad(GGUF_ALIGNMENT);
  for (const blob of blobs) {
    out.push(blob);
    out.pad(GGUF_ALIGNMENT);
  }
  return Buffer.concat(out.chunks, out.length);
}

/** Write `spec` to `path` as a GGUF v3 file; returns the number of bytes written. */
export function writeGguf(path: string, spec: GgufSpec): number {
  const bytes = encodeGguf(spec);
  writeFileSync(path, bytes);
  return bytes.length;
}
