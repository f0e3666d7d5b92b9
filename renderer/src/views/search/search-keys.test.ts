import { describe, expect, it } from 'vitest';
import { previewPaneKey, searchBoxKey, type KeyPress } from './search-keys.js';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, shift: false, mod: false, alt: false, hasSelection: false, ...extra });

describe('search box keys', () => {
  it.each([
    ['Enter', press('Enter'), 'open', 'preview'],
    ['Shift+Enter', press('Enter', { shift: true }), 'reveal', 'preview'],
    ['Mod+Enter', press('Enter', { mod: true }), 'preview', 'preview'],
    ['ArrowDown', press('ArrowDown'), 'down', 'down'],
    ['ArrowUp', press('ArrowUp'), 'up', 'up'],
    ['Shift+ArrowDown (selects text in the box)', press('ArrowDown', { shift: true }), null, null],
    ['Mod+C with nothing selected', press('c', { mod: true }), 'copy', 'copy'],
    ['Mod+C with query text selected', press('c', { mod: true, hasSelection: true }), null, null],
    ['C alone (typing)', press('c'), null, null],
    ['Alt+Enter', press('Enter', { alt: true }), null, null],
    ['Escape (the view clears the query)', press('Escape'), null, null],
  ] as const)('%s: desktop %s, browser %s', (_what, key, desktop, browser) => {
    expect(searchBoxKey(key, true)).toBe(desktop);
    expect(searchBoxKey(key, false)).toBe(browser);
  });
});

describe('Tab in the search box', () => {
  it.each([
    ['Tab with the preview shown', press('Tab'), true, 'preview'],
    ['Tab with no preview (a narrow window): the next control', press('Tab'), false, null],
    ['Shift+Tab', press('Tab', { shift: true }), true, null],
  ] as const)('%s', (_what, key, paneShown, expected) => {
    expect(searchBoxKey(key, true, paneShown)).toBe(expected);
    expect(searchBoxKey(key, false, paneShown)).toBe(expected);
  });
});

describe('preview pane keys', () => {
  it.each([
    ['Escape', press('Escape'), 'back', 'back'],
    ['Enter', press('Enter'), 'open', null],
    ['Shift+Enter', press('Enter', { shift: true }), 'reveal', null],
    ['Mod+C with nothing selected', press('c', { mod: true }), 'copy', 'copy'],
    ['Mod+C with text selected (copies the text)', press('c', { mod: true, hasSelection: true }), null, null],
    ['PageDown (scrolls)', press('PageDown'), null, null],
  ] as const)('%s: desktop %s, browser %s', (_what, key, desktop, browser) => {
    expect(previewPaneKey(key, true)).toBe(desktop);
    expect(previewPaneKey(key, false)).toBe(browser);
  });
});
