// Electron main process: one window, the core built once, the contract bound to IPC.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { callNames, type SiftEvent } from '../../src/api/contract.js';
import { z } from 'zod';
import { IPC_EVENT_CHANNEL, IPC_LOCAL_API_TOKEN, IPC_OPEN_PATH, IPC_PICK_FOLDER, IPC_REVEAL_PATH, ipcChannel } from '../../src/api/bridge.js';
import { dispatch } from '../../src/api/dispatch.js';
import { createCore, type Core } from '../../src/core.js';
import { createLogger } from '../../src/log.js';
import { appPageUrl, guardedHandle } from './ipc-guard.js';
import { checkedFile, opensAsProgram } from './path-guard.js';
import { applyWindowSecurity, CONTENT_SECURITY_POLICY } from './window-security.js';

// Embedding decodes run on libuv's thread pool (4 threads by default), which caps how many
// embedding contexts can work at once; set before any asynchronous I/O starts.
process.env.UV_THREADPOOL_SIZE ??= '16';

const here = fileURLToPath(new URL('.', import.meta.url));
const indexFile = join(here, '../renderer/index.html');
let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 720,
    minHeight: 480,
    title: 'Sift',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  applyWindowSecurity(window, (url) => void shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadFile(indexFile);
  return window;
}

// Every handler goes through guardedHandle (ipc-guard.ts): the sender must be the app's own
// page and the payload must match its schema (the contract's calls are checked by dispatch
// against the contract's own zod schemas).
function bindContract(current: Core, appUrl: string): void {
  const handle = <S extends z.ZodType>(channel: string, schema: S, run: (payload: z.output<S>) => Promise<unknown>) =>
    guardedHandle(ipcMain, appUrl, channel, schema, run);
  for (const name of callNames) handle(ipcChannel(name), z.unknown(), (request) => dispatch(current.service, name, request));
  handle(IPC_PICK_FOLDER, z.undefined(), async () => {
    const result = mainWindow
      ? await dialog.showOpenDialog(mainWindow, { properties: ['openDirectory'] })
      : await dialog.showOpenDialog({ properties: ['openDirectory'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
  // The Settings view's bearer token: only here, never in a contract call that HTTP serves.
  handle(IPC_LOCAL_API_TOKEN, z.undefined(), () => current.localApiToken());
  // Open / reveal a search hit: only files inside an added folder (path-guard.ts).
  const filePath = z.string().min(1).max(32_768);
  const insideFolders = async (raw: string) => checkedFile(raw, (await current.service.listFolders({})).map((folder) => folder.path));
  handle(IPC_OPEN_PATH, filePath, async (raw) => {
    const path = await insideFolders(raw);
    if (opensAsProgram(path)) {
      shell.showItemInFolder(path);
      return 'revealed';
    }
    const failure = await shell.openPath(path);
    if (failure) throw new Error(failure);
    return 'opened';
  });
  handle(IPC_REVEAL_PATH, filePath, async (raw) => shell.showItemInFolder(await insideFolders(raw)));
  current.service.onEvent((event: SiftEvent) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT_CHANNEL, event);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  const dataDir = process.env.SIFT_DATA_DIR ?? app.getPath('userData');
  const logger = createLogger({ file: join(dataDir, 'logs', 'sift.log') });
  core = await createCore({ dataDir, watch: true, resumeFolders: true, warmUp: true, localApi: true, logger, modelPath: process.env.SIFT_MODEL, locale: app.getLocale() });
  bindContract(core, appPageUrl(process.env.ELECTRON_RENDERER_URL, indexFile));
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !core) return;
  // Let the index finish its current write before the process exits.
  event.preventDefault();
  closing = true;
  void core.close().finally(() => app.quit());
});

start().catch((error: unknown) => {
  dialog.showErrorBox('Sift could not start', (error as Error).message);
  app.exit(1);
});
