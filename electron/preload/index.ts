// The preload exposes exactly the contract on window.sift, never ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CALL_NAMES } from '../../src/api/call-names.js';
import type { SiftEvent } from '../../src/api/contract.js';
import {
  IPC_EVENT_CHANNEL,
  IPC_LOCAL_API_TOKEN,
  IPC_OPEN_PATH,
  IPC_PICK_FOLDER,
  IPC_REVEAL_PATH,
  ipcChannel,
  type IpcEnvelope,
  type OpenPathResult,
  type SiftBridge,
} from '../../src/api/bridge.js';

async function invoke(name: string, request: unknown, channel = ipcChannel(name)): Promise<unknown> {
  const envelope = (await ipcRenderer.invoke(channel, request)) as IpcEnvelope<unknown>;
  if (envelope.ok) return envelope.value;
  // contextBridge copies only the message of an Error thrown across it and drops `code`;
  // a plain {name, code, message} object crosses intact, and the UI reads its code.
  return Promise.reject(envelope.error);
}

const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, (request: unknown) => invoke(name, request ?? {})]));

const bridge = {
  ...calls,
  onEvent(listener: (event: SiftEvent) => void) {
    const handler = (_event: Electron.IpcRendererEvent, payload: SiftEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
  pickFolder: () => invoke('pickFolder', undefined, IPC_PICK_FOLDER) as Promise<string | null>,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  openPath: (path: string) => invoke('openPath', path, IPC_OPEN_PATH) as Promise<OpenPathResult>,
  revealPath: (path: string) => invoke('revealPath', path, IPC_REVEAL_PATH) as Promise<void>,
  localApiToken: () => invoke('localApiToken', undefined, IPC_LOCAL_API_TOKEN) as Promise<string | null>,
} as SiftBridge;

contextBridge.exposeInMainWorld('sift', bridge);
