// When a changed setting takes effect. Mirrors SETTING_EFFECTS in src/api/settings-contract.ts
// (the renderer takes only types from src/); keep the two in step.
import type { Settings } from '../../../../src/api/contract.js';

export type SettingEffect = 'now' | 'next-pass' | 'restart' | 'not-yet';

export const SETTING_EFFECTS: Record<keyof Settings, SettingEffect> = {
  language: 'now',
  theme: 'now',
  chunkTokens: 'next-pass',
  overlapTokens: 'next-pass',
  ignorePatterns: 'now',
  maxFileMB: 'next-pass',
  queryInstruction: 'now',
  gpuBackend: 'restart',
  apiServer: 'now',
  apiPort: 'now',
  model: 'now',
  dimensions: 'now',
};

export const DEFAULT_QUERY_INSTRUCTION = 'Given a web search query, retrieve relevant passages that answer the query';
export const LIMITS = { chunkMin: 64, chunkMax: 4096, fileMbMax: 4096, portMin: 1024, portMax: 65535 } as const;
