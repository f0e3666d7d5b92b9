// Which view is shown, kept in the address's hash (#/folders) so a reload stays there and
// Back/Forward move between views. Mod+1..5 switch views from anywhere.
import { useCallback, useEffect, useState } from 'react';
import { IS_MAC } from './use-hotkey.js';

export const VIEWS = ['search', 'folders', 'models', 'bench', 'settings'] as const;
export type View = (typeof VIEWS)[number];

function fromHash(): View {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'search';
}

export function useView(): [View, (view: View) => void] {
  const [view, setViewState] = useState<View>(fromHash);

  useEffect(() => {
    const onHash = () => setViewState(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const setView = useCallback((next: View) => {
    if (window.location.hash !== `#/${next}`) window.location.hash = `/${next}`;
    setViewState(next);
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = IS_MAC ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey || event.shiftKey) return;
      const index = Number(event.key) - 1;
      const next = VIEWS[index];
      if (next) {
        event.preventDefault();
        setView(next);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setView]);

  return [view, setView];
}
