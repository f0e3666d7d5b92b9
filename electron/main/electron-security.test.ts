// Electron's security checklist, the items that can be checked without Electron's binary:
// the window's webPreferences (contextIsolation, sandbox, no Node), a strict CSP in both
// places it is set, window.open and navigation refused (applyWindowSecurity driven through
// a stand-in for BrowserWindow's webContents), and every IPC handler checking its sender
// and payload (guardedHandle driven through a stand-in for ipcMain; index.ts scanned for
// handlers registered around it).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { IpcEnvelope } from '../../src/api/bridge.js';
import { appPageUrl, guardedHandle, isOwnPage } from './ipc-guard.js';
import { applyWindowSecurity, CONTENT_SECURITY_POLICY } from './window-security.js';

const root = join(import.meta.dirname, '..', '..');
const mainSource = () => readFile(join(root, 'electron', 'main', 'index.ts'), 'utf8');
const INDEX = join(root, 'out', 'renderer', 'index.html');
const APP = appPageUrl(undefined, INDEX);

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<IpcEnvelope<unknown>>;

function standInIpc() {
  const handlers = new Map<string, Handler>();
  return { handlers, handle: (channel: string, handler: unknown) => void handlers.set(channel, handler as Handler) };
}

const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;

describe('Electron checklist (without the binary)', () => {
  it('creates the window with contextIsolation, sandbox, webSecurity and no Node integration', async () => {
    const source = await mainSource();
    const prefs = /webPreferences:\s*\{([^}]*)\}/.exec(source)?.[1] ?? '';
    expect(prefs).toMatch(/contextIsolation:\s*true/);
    expect(prefs).toMatch(/sandbox:\s*true/);
    expect(prefs).toMatch(/nodeIntegration:\s*false/);
    expect(prefs).toMatch(/webSecurity:\s*true/);
    expect(source).not.toMatch(/allowRunningInsecureContent|experimentalFeatures|enableBlinkFeatures|webviewTag:\s*true/);
    // The CSP header goes on every response of the app's session.
    expect(source).toMatch(/'Content-Security-Policy': \[CONTENT_SECURITY_POLICY\]/);
  });

  it('has a strict Content-Security-Policy in the header and in index.html', async () => {
    const html = await readFile(join(root, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    for (const policy of [CONTENT_SECURITY_POLICY, meta ?? '']) {
      expect(policy).toMatch(/default-src 'self'/);
      expect(policy).toMatch(/script-src 'self'(;|$)/);
      expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });

  it('refuses window.open and every navigation away from the app', () => {
    const external: string[] = [];
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    const navigate = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    const window = {
      webContents: {
        setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
        on: (name: string, handler: (event: { preventDefault(): void }, url: string) => void) => void navigate.set(name, handler),
        getURL: () => APP,
      },
    } as unknown as BrowserWindow;
    applyWindowSecurity(window, (url) => external.push(url));
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', APP]) {
      expect(openHandler!({ url }).action, url).toBe('deny');
    }
    const prevented: string[] = [];
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:4173/', pathToFileURL('/tmp/other.html').href]) {
      navigate.get('will-navigate')!({ preventDefault: () => prevented.push(url) }, url);
    }
    expect(prevented).toHaveLength(4);
    // Web links go to the person's browser; local files and scripts go nowhere.
    expect(external).toEqual(['https://example.com/', 'https://evil.example/', 'http://127.0.0.1:4173/']);
  });

  it('tells the app’s own page from any other sender', () => {
    expect(isOwnPage(APP, APP)).toBe(true);
    expect(isOwnPage(`${APP}#/settings`, APP)).toBe(true);
    expect(isOwnPage(pathToFileURL(join(root, 'out', 'renderer', 'other.html')).href, APP)).toBe(false);
    expect(isOwnPage('file:///etc/passwd', APP)).toBe(false);
    expect(isOwnPage('https://evil.example/', APP)).toBe(false);
    expect(isOwnPage('not a url', APP)).toBe(false);
    const dev = appPageUrl('http://localhost:5173', INDEX);
    expect(isOwnPage('http://localhost:5173/#x', dev)).toBe(true);
    expect(isOwnPage('http://localhost:5174/', dev)).toBe(false);
  });

  it('answers IPC only from the app’s own top frame, with a payload its schema accepts', async () => {
    const ipc = standInIpc();
    const seen: unknown[] = [];
    guardedHandle(ipc, APP, 'sift:test', z.string().min(1), async (payload) => {
      seen.push(payload);
      return `ok ${payload}`;
    });
    const handler = ipc.handlers.get('sift:test')!;
    expect(await handler(from(APP), '/home/me/a.md')).toEqual({ ok: true, value: 'ok /home/me/a.md' });
    const refusals = await Promise.all([
      handler(from('https://evil.example/'), '/etc/shadow'),
      handler(from(APP, { url: APP }), '/etc/shadow'),
      handler({ senderFrame: null } as unknown as IpcMainInvokeEvent, '/etc/shadow'),
      handler(from(APP), { path: '/etc/shadow' }),
      handler(from(APP), ''),
    ]);
    expect(refusals.map((answer) => (answer.ok ? 'ok' : answer.error.code))).toEqual(['forbidden', 'forbidden', 'forbidden', 'invalid_request', 'invalid_request']);
    expect(seen).toEqual(['/home/me/a.md']);
  });

  it('registers every IPC handler in index.ts through guardedHandle', async () => {
    const source = await mainSource();
    // No handler registered around the guard (ipcMain.handle/on/handleOnce directly).
    expect(source).not.toMatch(/ipcMain\.(handle|handleOnce|on|once)\(/);
    expect(source).toMatch(/guardedHandle\(ipcMain, appUrl, channel, schema, run\)/);
    const bridge = await readFile(join(root, 'src', 'api', 'bridge.ts'), 'utf8');
    const channels = [...bridge.matchAll(/export const (IPC_\w+) = 'sift:\w+'/g)].map((match) => match[1]!).filter((name) => name !== 'IPC_EVENT_CHANNEL');
    expect(channels.length).toBeGreaterThanOrEqual(4);
    // handle() takes the schema as its second argument (a type error without one).
    for (const channel of channels) expect(source, channel).toMatch(new RegExp(`handle\\(${channel}, `));
    // The contract's calls: one guarded handler per call name, checked by dispatch's zod schemas.
    expect(source).toMatch(/for \(const name of callNames\) handle\(ipcChannel\(name\), z\.unknown\(\), \(request\) => dispatch\(/);
    // The preload exposes the bridge object only, never ipcRenderer itself.
    const preload = await readFile(join(root, 'electron', 'preload', 'index.ts'), 'utf8');
    expect([...preload.matchAll(/exposeInMainWorld\(([^)]*)\)/g)].map((match) => match[1])).toEqual(["'sift', bridge"]);
  });
});
