import { describe, expect, it } from 'vitest';
import { parseVariants } from './variants.js';

describe('parseVariants', () => {
  it.each([
    ['auto', [{ decodePath: 'auto', skipLogits: false }]],
    ['1,2', [{ contexts: 1, decodePath: 'auto', skipLogits: false }, { contexts: 2, decodePath: 'auto', skipLogits: false }]],
    ['4x16:skip', [{ contexts: 4, sequences: 16, decodePath: 'auto', skipLogits: true }]],
    ['4:public', [{ contexts: 4, decodePath: 'public-api', skipLogits: false }]],
    [' auto:skip:public ', [{ decodePath: 'public-api', skipLogits: true }]],
    ['1x64@2048/1024:skip:q8', [{ contexts: 1, sequences: 64, batchTokens: 2048, microBatchTokens: 1024, decodePath: 'auto', skipLogits: true, kvCacheType: 'q8_0' }]],
    ['2x32@4096', [{ contexts: 2, sequences: 32, batchTokens: 4096, decodePath: 'auto', skipLogits: false }]],
    ['1x64:skip:nofa,1:fa', [
      { contexts: 1, sequences: 64, decodePath: 'auto', skipLogits: true, flashAttention: 'off' },
      { contexts: 1, decodePath: 'auto', skipLogits: false, flashAttention: 'on' },
    ]],
  ])('%s', (spec, expected) => expect(parseVariants(spec)).toEqual(expected));

  it.each(['x4', '4y2', '0', '2x0', '4:fast', '1x8@0', '1x8/512@2048', '1:flash', ''])('rejects "%s" or yields nothing', (spec) => {
    if (spec === '') expect(parseVariants(spec)).toEqual([]);
    else expect(() => parseVariants(spec)).toThrow(/bad variant/);
  });
});
