// Every IPC handler of the main process goes through guardedHandle: it answers only the
// app's own page (the top frame of a window showing Sift's renderer, not an iframe, not a
// page the window was somehow navigated to) and only a payload its schema accepts. Both
// refusals come back as the usual {ok: false, error} envelope, so the renderer shows a
// readable message instead of Electron's rewritten exception.
import { pathToFileURL } from 'node:url';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import type { IpcEnvelope } from '../../src/api/bridge.js';
import { SiftError, toWireError } from '../../src/api/errors.js';

/** The page the window loads: the dev server's origin, or the built index.html. */
export function appPageUrl(devUrl: string | undefined, indexFile: string): string {
  return devUrl ?? pathToFileURL(indexFile).href;
}

/** Whether `frameUrl` is the app's own page (`appUrl` from appPageUrl). */
export function isOwnPage(frameUrl: string, appUrl: string): boolean {
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  // The built app: exactly its index.html (any hash or query); file: has no origin to compare.
  if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.host === app.host && frame.pathname === app.pathname;
  // The dev server (ELECTRON_RENDERER_URL): its origin.
  return frame.origin === app.origin;
}

/** The sender as far as the guard needs it (Electron's IpcMainInvokeEvent). */
type SenderFrame = { url: string; parent: unknown } | null | undefined;

export function fromOwnPage(event: { senderFrame?: SenderFrame }, appUrl: string): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isOwnPage(frame.url, appUrl);
}

type Handle = Pick<IpcMain, 'handle'>['handle'];

/** ipcMain.handle with the sender check and the payload schema; resolves with an envelope. */
export function guardedHandle<S extends z.ZodType>(
  ipc: { handle: Handle },
  appUrl: string,
  channel: string,
  schema: S,
  run: (payload: z.output<S>) => Promise<unknown>,
): void {
  ipc.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcEnvelope<unknown>> => {
    try {
      if (!fromOwnPage(event, appUrl)) throw new SiftError('forbidden', `IPC ${channel} refused: the call did not come from Sift's own page.`);
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new SiftError('invalid_request', `IPC ${channel}: ${parsed.error.issues[0]?.message ?? 'invalid payload'}.`);
      return { ok: true, value: await run(parsed.data) };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  });
}
