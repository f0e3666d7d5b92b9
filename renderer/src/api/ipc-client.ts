// Electron transport: the preload bridge on `window.sift` (src/api/bridge.ts). Each call
// is wrapped so a rejection, whatever shape it crossed IPC in, becomes an ApiError.
import type { SiftBridge } from '../../../src/api/bridge.js';
import { toApiError } from './api-error.js';
import type { ApiClient } from './client.js';
import { contractCalls } from './contract-calls.js';

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toApiError(error);
  }
}

export function createIpcClient(bridge: SiftBridge): ApiClient {
  return {
    transport: 'ipc',
    ...contractCalls((name, request) => guard(() => (bridge[name] as (r: unknown) => Promise<unknown>)(request))),
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection: (listener) => {
      listener(true);
      return () => {};
    },
    onSignedOut: () => () => {},
    desktop: {
      pickFolder: () => guard(() => bridge.pickFolder()),
      pathForFile: (file) => bridge.pathForFile(file),
      openPath: (path) => guard(() => bridge.openPath(path)),
      revealPath: (path) => guard(() => bridge.revealPath(path)),
      localApiToken: () => guard(() => bridge.localApiToken()),
    },
  };
}
