// What Electron's preload exposes on `window.sift`: exactly the contract's calls, the event
// stream, and two desktop-only helpers (the native folder picker and the real path of a
// dropped File). Never a raw ipcRenderer.
import type { SiftApi, SiftEvent } from './contract.js';

export interface SiftBridge extends SiftApi {
  onEvent(listener: (event: SiftEvent) => void): () => void;
  /** Opens the native "choose folder" dialog; null when the user cancels. */
  pickFolder(): Promise<string | null>;
  /** The absolute path of a File dropped on the window (webUtils.getPathForFile). */
  pathForFile(file: File): string;
}

/** IPC channel names, one per call, plus the event channel. */
export const ipcChannel = (call: string): string => `sift:${call}`;
export const IPC_EVENT_CHANNEL = 'sift:event';
export const IPC_PICK_FOLDER = 'sift:pickFolder';

/** IPC handlers resolve with this envelope instead of throwing, because Electron rewrites
 *  a thrown error's message ("Error invoking remote method ...") and drops its fields. */
export type IpcEnvelope<T> = { ok: true; value: T } | { ok: false; error: import('./errors.js').WireError };
