// The preload exposes exactly the contract on window.sift, never ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CALL_NAMES } from '../../src/api/call-names.js';
import type { SiftEvent } from '../../src/api/contract.js';
import { IPC_EVENT_CHANNEL, IPC_PICK_FOLDER, ipcChannel, type IpcEnvelope, type SiftBridge } from '../../src/api/bridge.js';

async function invoke(name: string, request: unknown): Promise<unknown> {
  const envelope = (await ipcRenderer.invoke(ipcChannel(name), request)) as IpcEnvelope<unknown>;
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
  pickFolder: () => ipcRenderer.invoke(IPC_PICK_FOLDER) as Promise<string | null>,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
} as SiftBridge;

contextBridge.exposeInMainWorld('sift', bridge);
