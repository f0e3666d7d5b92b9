import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  encodeGguf, float16BitsToFloat32, float32ToFloat16Bits, GGUF_ALIGNMENT, meta, roundToFloat16InPlace, writeGguf,
  type GgufSpec,
} from './gguf-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'sift-gguf-writer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('float16 conversion', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff], // largest finite half
    [65520, 0x7c00], // rounds up to +Inf
    [1e6, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -25, 0x0000], // exactly halfway to 0: ties to even
    [3 * 2 ** -26, 0x0001], // above halfway: rounds up
    [1 + 2 ** -11, 0x3c00], // halfway between 1 and next: ties to even (down)
    [1 + 3 * 2 ** -11, 0x3c02], // halfway, odd below: ties to even (up)
    [0.1, 0x2e66],
  ])('%d -> 0x%s', (value, bits) => {
    expect(float32ToFloat16Bits(value)).toBe(bits);
  });

  it('maps NaN to a NaN half and back', () => {
    const bits = float32ToFloat16Bits(NaN);
    expect(bits & 0x7c00).toBe(0x7c00);
    expect(bits & 0x3ff).not.toBe(0);
    expect(float16BitsToFloat32(bits)).toBeNaN();
  });

  it('round-trips every finite half exactly', () => {
    const mismatches: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      if (float32ToFloat16Bits(float16BitsToFloat32(bits)) !== bits) mismatches.push(bits);
    }
    expect(mismatches).toEqual([]);
  });

  it('rounds in place to representable values', () => {
    const data = roundToFloat16InPlace(Float32Array.of(0.1, 1 / 3, 12345.678));
    expect(Array.from(data)).toEqual([0.0999755859375, 0.333251953125, 12344]);
  });
});

function sampleSpec(): GgufSpec {
  const f32 = Float32Array.from({ length: 3 * 5 }, (_, i) => i * 0.25 - 1);
  const f16 = Float32Array.from({ length: 7 }, (_, i) => (i - 3) / 8);
  return {
    metadata: [
      meta.string('general.architecture', 'test'),
      meta.string('general.name', 'writer round trip: 世界 ▁x'),
      { key: 'test.u8', type: 'uint8', value: 255 },
      { key: 'test.i8', type: 'int8', value: -128 },
      { key: 'test.u16', type: 'uint16', value: 65535 },
      { key: 'test.i16', type: 'int16', value: -32768 },
      meta.uint32('test.u32', 4_000_000_000),
      meta.int32('test.i32', -2_000_000_000),
      meta.uint64('test.u64', 2n ** 40n),
      { key: 'test.i64', type: 'int64', value: -(2n ** 40n) },
      meta.float32('test.f32', 1.5),
      meta.float64('test.f64', Math.PI),
      meta.bool('test.bool', true),
      meta.array('test.strings', 'string', ['a', '', 'Ġhello', '<|endoftext|>', '中文']),
      meta.array('test.ints', 'int32', [1, -2, 3]),
      meta.array('test.floats', 'float32', [0.5, -0.25]),
      meta.array('test.bools', 'bool', [true, false]),
    ],
    tensors: [
      { name: 'a.weight', shape: [5, 3], type: 'F32', data: f32 },
      { name: 'b.weight', shape: [7], type: 'F16', data: f16 },
      { name: 'c.bias', shape: [2, 2, 2], type: 'F32', data: new Float32Array(8).fill(3) },
    ],
  };
}

describe('writeGguf', () => {
  const path = join(dir, 'sample.gguf');
  const bytes = writeGguf(path, sampleSpec());

  it('writes a file that node-llama-cpp reads back', async () => {
    expect(statSync(path).size).toBe(bytes);
    const info = await readGgufFileInfo(path, { logWarnings: false });
    expect(info.version).toBe(3);
    expect(Number(info.tensorCount)).toBe(3);
    const m = info.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(m.general).toMatchObject({ architecture: 'test', name: 'writer round trip: 世界 ▁x' });
    expect(m.test).toMatchObject({
      u8: 255, i8: -128, u16: 65535, i16: -32768, u32: 4_000_000_000, i32: -2_000_000_000,
      f32: 1.5, f64: Math.PI, bool: true,
      strings: ['a', '', 'Ġhello', '<|endoftext|>', '中文'], ints: [1, -2, 3], floats: [0.5, -0.25], bools: [true, false],
    });
    expect(BigInt(m.test!.u64 as bigint)).toBe(2n ** 40n);
    expect(BigInt(m.test!.i64 as bigint)).toBe(-(2n ** 40n));

    const tensors = info.fullTensorInfo ?? info.tensorInfo ?? [];
    expect(tensors.map((t) => [t.name, t.dimensions.map(Number), t.ggmlType])).toEqual([
      ['a.weight', [5, 3], 0],
      ['b.weight', [7], 1],
      ['c.bias', [2, 2, 2], 0],
    ]);
    for (const t of tensors) expect(Number(t.fileOffset) % GGUF_ALIGNMENT).toBe(0);
  });

  it('stores tensor data at the advertised offsets', async () => {
    const info = await readGgufFileInfo(path, { logWarnings: false });
    const file = readFileSync(path);
    const [a, b] = info.fullTensorInfo ?? info.tensorInfo ?? [];
    const aOff = Number(a!.fileOffset);
    const aData = Array.from({ length: 15 }, (_, i) => file.readFloatLE(aOff + 4 * i));
    expect(aData).toEqual(Array.from(sampleSpec().tensors[0]!.data));
    const bOff = Number(b!.fileOffset);
    const bData = Array.from({ length: 7 }, (_, i) => float16BitsToFloat32(file.readUInt16LE(bOff + 2 * i)));
    expect(bData).toEqual(Array.from(sampleSpec().tensors[1]!.data));
  });

  it('rejects malformed specs', () => {
    const spec = sampleSpec();
    expect(() => encodeGguf({ ...spec, tensors: [{ name: 'x', shape: [4], type: 'F32', data: new Float32Array(3) }] }))
      .toThrow(/holds 4 values/);
    expect(() => encodeGguf({ ...spec, metadata: [...spec.metadata, meta.bool('test.bool', false)] }))
      .toThrow(/duplicate GGUF metadata key/);
    expect(() => encodeGguf({ ...spec, metadata: [{ key: 'k', type: 'uint32', value: 'x' }] })).toThrow(TypeError);
  });
});
