// What a key press in the search box or the preview pane does: one table for both
// transports, so the keys the UI documents are the keys it has. Enter opens the file in the
// desktop app and opens the preview in a browser (which cannot open files); Shift+Enter
// shows the file in its folder; Mod+Enter, and Tab while the preview is shown, go to it;
// Mod+C with no text selected copies the path; Escape goes back to the search box.

export type KeyAction = 'up' | 'down' | 'open' | 'reveal' | 'preview' | 'copy' | 'back' | null;

export interface KeyPress {
  key: string;
  shift: boolean;
  /** Cmd on macOS, Ctrl elsewhere. */
  mod: boolean;
  alt: boolean;
  /** Text is selected where the key was pressed (then Mod+C copies that text). */
  hasSelection: boolean;
}

/** `paneShown`: the preview stands beside the results (or over them), so Tab goes into
 *  its text rather than to the first of its buttons; Shift+Tab from there reaches them. */
export function searchBoxKey(press: KeyPress, desktop: boolean, paneShown = false): KeyAction {
  if (press.alt) return null;
  switch (press.key) {
    case 'Tab':
      return paneShown && !press.shift && !press.mod ? 'preview' : null;
    case 'ArrowDown':
      return press.mod || press.shift ? null : 'down';
    case 'ArrowUp':
      return press.mod || press.shift ? null : 'up';
    case 'Enter':
      if (press.mod) return 'preview';
      if (press.shift) return desktop ? 'reveal' : 'preview';
      return desktop ? 'open' : 'preview';
    case 'c':
    case 'C':
      return press.mod && !press.shift && !press.hasSelection ? 'copy' : null;
    default:
      return null;
  }
}

export function previewPaneKey(press: KeyPress, desktop: boolean): KeyAction {
  if (press.alt) return null;
  if (press.key === 'Escape') return 'back';
  if (press.key === 'Enter' && desktop && !press.mod) return press.shift ? 'reveal' : 'open';
  if ((press.key === 'c' || press.key === 'C') && press.mod && !press.shift && !press.hasSelection) return 'copy';
  return null;
}
