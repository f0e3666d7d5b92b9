// Light, dark or the system's choice. The resolved theme is set as <html data-theme>,
// which the stylesheet keys its colours on; 'system' follows prefers-color-scheme live.
import { useEffect } from 'react';
import type { Theme } from '../../src/api/contract.js';

const STORAGE_KEY = 'sift.theme';
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export function loadTheme(): Theme {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved && (THEMES as readonly string[]).includes(saved)) return saved as Theme;
  } catch (error) {
    console.warn('Sift: cannot read the saved theme', error);
  }
  return 'system';
}

export function saveTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, theme);
  } catch (error) {
    console.warn('Sift: cannot save the theme', error);
  }
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

export function applyTheme(theme: Theme): void {
  const dark = theme === 'dark' || (theme === 'system' && darkQuery().matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/** Keeps <html data-theme> in step with the setting and, for 'system', with the OS. */
export function useTheme(theme: Theme): void {
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return;
    const query = darkQuery();
    const onChange = () => applyTheme('system');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [theme]);
}
