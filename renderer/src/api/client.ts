// The single interface the UI talks to. Two implementations: IPC through the Electron
// preload bridge, and HTTP + server-sent events when the UI is served by `sift serve`.
import type { SiftApi, SiftEvent } from '../../../src/api/contract.js';
import type { OpenPathResult, SiftBridge } from '../../../src/api/bridge.js';
import { createHttpClient } from './http-client.js';
import { createIpcClient } from './ipc-client.js';

/** Helpers only the desktop app has; absent in a browser. */
export interface DesktopHelpers {
  /** Native "choose folder" dialog; null when the user cancels. */
  pickFolder(): Promise<string | null>;
  /** Real path of a File dropped on the window. */
  pathForFile(file: File): string;
  /** Opens a file of an added folder with its default app ('revealed' when the main
   *  process showed it in its folder instead, for a type that would run as a program). */
  openPath(path: string): Promise<OpenPathResult>;
  /** Shows a file of an added folder in the file manager. */
  revealPath(path: string): Promise<void>;
  /** The local API's bearer token (Settings); only the desktop app can read it. */
  localApiToken(): Promise<string | null>;
}

export interface ApiClient extends SiftApi {
  readonly transport: 'ipc' | 'http';
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(listener: (event: SiftEvent) => void): () => void;
  /** Connection changes of the event stream (true = live). IPC is always live. */
  onConnection(listener: (connected: boolean) => void): () => void;
  /** The server answered 401: this browser has no (more) session. Never over IPC. */
  onSignedOut(listener: () => void): () => void;
  readonly desktop: DesktopHelpers | null;
}

declare global {
  interface Window {
    sift?: SiftBridge;
  }
}

/** IPC when the Electron preload exposed `window.sift`, HTTP otherwise. */
export function createClient(): ApiClient {
  return window.sift ? createIpcClient(window.sift) : createHttpClient(window.location.origin);
}
