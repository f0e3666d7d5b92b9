import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_TASK } from '../embedder/model-family.js';
import { DEFAULT_QUERY_INSTRUCTION } from '../api/settings-contract.js';

describe('settings effects', () => {
  it('the default query instruction is the embedder default', () => {
    expect(DEFAULT_QUERY_INSTRUCTION).toBe(DEFAULT_QUERY_TASK);
  });
});
