import { describe, expect, it } from 'vitest';
import { parseVariants } from './variants.js';

describe('parseVariants', () => {
  it.each([
    ['auto', [{ decodePath: 'auto', skipLogits: false }]],
    ['1,2', [{ contexts: 1, decodePath: 'auto', skipLogits: false }, { contexts: 2, decodePath: 'auto', skipLogits: false }]],
    ['4x16:skip', [{ contexts: 4, sequences: 16, decodePath: 'auto', skipLogits: true }]],
    ['4:public', [{ contexts: 4, decodePath: 'public-api', skipLogits: false }]],
    [' auto:skip:public ', [{ decodePath: 'public-api', skipLogits: true }]],
  ])('%s', (spec, expected) => expect(parseVariants(spec)).toEqual(expected));

  it.each(['x4', '4y2', '0', '2x0', '4:fast', ''])('rejects "%s" or yields nothing', (spec) => {
    if (spec === '') expect(parseVariants(spec)).toEqual([]);
    else expect(() => parseVariants(spec)).toThrow(/bad variant/);
  });
});
