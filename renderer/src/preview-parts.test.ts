import { describe, expect, it } from 'vitest';
import { previewSections } from './preview-parts.js';

const flat = (parts: Array<{ text: string; mark: boolean }>) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

describe('previewSections', () => {
  it.each([
    ['a passage in the middle, words marked in and around it', 'one lamp two lamp three', [4, 13], [[4, 8], [13, 17]], ['one ', '[lamp] two ', '[lamp] three']],
    ['a mark across the passage edge is cut at the edge', 'aa bbbb cc', [3, 5], [[3, 7]], ['aa ', '[bb]', '[bb] cc']],
    ['no passage: all text after an empty one', 'abc', undefined, [[1, 2]], ['', '', 'a[b]c']],
    ['a passage past the text is clamped', 'abc', [2, 99], [], ['ab', 'c', '']],
  ] as const)('%s', (_what, text, passage, highlights, expected) => {
    const s = previewSections(text, passage, highlights);
    expect([flat(s.before), flat(s.passage), flat(s.after)]).toEqual(expected);
  });
});
