// What Electron's preload exposes on `window.sift`: exactly the contract's calls, the event
// stream, and desktop-only helpers (the native folder picker, the real path of a dropped
// File, opening or revealing a file that the main process checks is inside an added
// folder). Never a raw ipcRenderer.
import type { SiftApi, SiftEvent } from './contract.js';

export interface SiftBridge extends SiftApi {
  onEvent(listener: (event: SiftEvent) => void): () => void;
  /** Opens the native "choose folder" dialog; null when the user cancels. */
  pickFolder(): Promise<string | null>;
  /** The absolute path of a File dropped on the window (webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** Opens a file inside an added folder with its default app. A type that would run as a
   *  program (.bat, .sh, ...) is shown in its folder instead: the answer says which. */
  openPath(path: string): Promise<OpenPathResult>;
  /** Shows a file inside an added folder in the file manager. */
  revealPath(path: string): Promise<void>;
  /** The local API's bearer token, for the Settings view. Only the desktop app has it:
   *  no contract call returns it, so the HTTP transport cannot. */
  localApiToken(): Promise<string | null>;
}

export type OpenPathResult = 'opened' | 'revealed';

/** IPC channel names, one per call, plus the event channel. */
export const ipcChannel = (call: string): string => `sift:${call}`;
export const IPC_EVENT_CHANNEL = 'sift:event';
export const IPC_PICK_FOLDER = 'sift:pickFolder';
export const IPC_OPEN_PATH = 'sift:openPath';
export const IPC_REVEAL_PATH = 'sift:revealPath';
export const IPC_LOCAL_API_TOKEN = 'sift:localApiToken';

/** IPC handlers resolve with this envelope instead of throwing, because Electron rewrites
 *  a thrown error's message ("Error invoking remote method ...") and drops its fields. */
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: import('./errors.js').WireError };
