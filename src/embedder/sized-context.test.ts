import { describe, expect, it } from 'vitest';
import { flashAttentionOption } from './sized-context.js';

describe('flashAttentionOption', () => {
  it.each([
    [undefined, 'f16', 'auto'],
    ['auto', 'f16', 'auto'],
    ['on', 'f16', true],
    ['off', 'f16', false],
    // llama.cpp refuses a quantized V cache without flash attention.
    ['off', 'q8_0', true],
    [undefined, 'q8_0', true],
  ] as const)('%s with a %s cache -> %s', (wanted, kv, expected) => expect(flashAttentionOption(wanted, kv)).toBe(expected));
});
