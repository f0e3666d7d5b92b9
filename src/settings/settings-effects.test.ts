// The Settings view keeps its own copy of when each setting takes effect (the renderer
// takes only types from src/); this keeps the two copies in step.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_INSTRUCTION as RENDERER_DEFAULT, SETTING_EFFECTS as RENDERER_EFFECTS } from '../../renderer/src/views/settings/effects.js';
import { DEFAULT_QUERY_TASK } from '../embedder/model-family.js';
import { DEFAULT_QUERY_INSTRUCTION, SETTING_EFFECTS } from '../api/settings-contract.js';

describe('settings effects', () => {
  it('the renderer and the contract agree', () => {
    expect(RENDERER_EFFECTS).toEqual(SETTING_EFFECTS);
    expect(RENDERER_DEFAULT).toBe(DEFAULT_QUERY_INSTRUCTION);
  });

  it('the default query instruction is the embedder default', () => {
    expect(DEFAULT_QUERY_INSTRUCTION).toBe(DEFAULT_QUERY_TASK);
  });
});
