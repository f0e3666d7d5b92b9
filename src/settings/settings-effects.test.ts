// The Settings view keeps its own copy of when each setting takes effect (the renderer
// takes only types from src/); this keeps the two copies in step.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_TASK } from '../embedder/model-family.js';
import { DEFAULT_QUERY_INSTRUCTION, SETTING_EFFECTS } from '../api/settings-contract.js';

// A computed specifier: src/ is type-checked without the renderer's files.
const rendererEffects = '../../renderer/src/views/settings/effects.ts';

describe('settings effects', () => {
  it('the renderer and the contract agree', async () => {
    const renderer = (await import(rendererEffects)) as { SETTING_EFFECTS: unknown; DEFAULT_QUERY_INSTRUCTION: string };
    expect(renderer.SETTING_EFFECTS).toEqual(SETTING_EFFECTS);
    expect(renderer.DEFAULT_QUERY_INSTRUCTION).toBe(DEFAULT_QUERY_INSTRUCTION);
  });

  it('the default query instruction is the embedder default', () => {
    expect(DEFAULT_QUERY_INSTRUCTION).toBe(DEFAULT_QUERY_TASK);
  });
});
