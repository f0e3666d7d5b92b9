// Window hardening: no new windows, no navigation away from the app, links to the web
// open in the person's browser instead.
import type { BrowserWindow } from 'electron';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function applyWindowSecurity(window: BrowserWindow, openExternal: (url: string) => void): void {
  const isWebLink = (url: string) => /^https?:\/\//i.test(url);
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    const current = window.webContents.getURL();
    if (url === current) return;
    event.preventDefault();
    if (isWebLink(url) && !url.startsWith('http://localhost')) openExternal(url);
  });
}
