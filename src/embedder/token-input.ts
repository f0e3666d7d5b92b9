// The exact token ids a text is embedded as: content tokens plus the special tokens the
// model expects around them. Sift adds the specials itself (the same ones node-llama-cpp
// would add, plus Qwen3-Embedding's EOS even when a GGUF forgot add_eos_token), so it
// knows every text's true length before a decode, can refuse over-long passages with a
// clear message, and tests can feed the very same ids to a reference implementation.
import { LlamaVocabularyType, type LlamaModel, type Token } from 'node-llama-cpp';
import { SiftError } from '../api/errors.js';
import type { ModelFamily } from './model-family.js';

export interface SpecialTokens {
  prepend: Token | null;
  append: Token | null;
}

/** Mirrors node-llama-cpp's resolveBeginningTokenToPrepend/resolveEndTokenToAppend. */
export function specialTokensFor(model: LlamaModel, family: ModelFamily): SpecialTokens {
  const { vocabularyType } = model;
  const tokens = model.tokens;
  let prepend: Token | null = null;
  let append: Token | null = null;
  if (vocabularyType === LlamaVocabularyType.wpm) {
    prepend = tokens.bos;
    append = tokens.sep;
  } else if (vocabularyType === LlamaVocabularyType.ugm) {
    append = tokens.eos;
  } else if (vocabularyType !== LlamaVocabularyType.rwkv) {
    if (tokens.shouldPrependBosToken) prepend = tokens.bos;
    if (tokens.shouldAppendEosToken) append = tokens.eos;
  }
  if (family.requiresEos) {
    if (tokens.eos === null) {
      throw new SiftError('model_invalid', 'This Qwen3 embedding model has no end-of-text token, which its pooling needs.', { detail: { key: 'modelNoEos' } });
    }
    append = tokens.eos;
  }
  return { prepend, append };
}

export function specialCount(specials: SpecialTokens): number {
  return (specials.prepend === null ? 0 : 1) + (specials.append === null ? 0 : 1);
}

export function withSpecials(content: readonly Token[], specials: SpecialTokens): Token[] {
  const out: Token[] = [];
  if (specials.prepend !== null) out.push(specials.prepend);
  out.push(...content);
  if (specials.append !== null) out.push(specials.append);
  return out;
}

export type CapOutcome = { tokens: Token[] } | { tooLong: number };

/**
 * Content tokens within `maxContent`: returned as they are, or cut to the first
 * `maxContent` when `truncate` (queries: the instruction and the start of the question
 * carry the intent), or reported as too long (documents: the chunker must split them;
 * silently cutting a passage would make its end unsearchable).
 */
export function capContent(content: Token[], maxContent: number, truncate: boolean): CapOutcome {
  if (content.length <= maxContent) return { tokens: content };
  return truncate ? { tokens: content.slice(0, maxContent) } : { tooLong: content.length };
}
