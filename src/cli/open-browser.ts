// `sift serve` opens its sign-in link in the person's browser where there is a display,
// and never fails when there is none (a server, CI, ssh): the link is printed anyway.
// The secret must not appear on a command line, which every local user can read in
// /proc/<pid>/cmdline: like Jupyter, we write a small redirect page into a private folder
// (0700, the file 0600) and open that file instead of the link itself.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The program that opens a file in the default browser, or null where none can show one. */
export function openerFor(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { command: string; args: (file: string) => string[] } | null {
  if (platform === 'darwin') return { command: 'open', args: (file) => [file] };
  if (platform === 'win32') return { command: 'cmd', args: (file) => ['/c', 'start', '""', file] };
  // Linux and the BSDs: only with an X11 or Wayland display to show a browser on.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: (file) => [file] };
}

/** A page that forwards to `url` at once; it holds the secret, so it is the owner's alone. */
export async function writeRedirectPage(url: string): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sift-open-'));
  const file = join(dir, 'sign-in.html');
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  await writeFile(
    file,
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Sift</title>` +
      `<p><a href="${href}">Open Sift</a></p>\n`,
    { mode: 0o600 },
  );
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface OpenResult {
  opened: boolean;
  /** Removes the redirect page (call at shutdown). */
  cleanup(): Promise<void>;
}

/** Tries to open `url`; resolves false (never throws) where no browser can be started. */
export async function openInBrowser(url: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): Promise<OpenResult> {
  const opener = openerFor(platform, env);
  if (!opener) return { opened: false, cleanup: async () => undefined };
  let page: Awaited<ReturnType<typeof writeRedirectPage>>;
  try {
    page = await writeRedirectPage(url);
  } catch {
    return { opened: false, cleanup: async () => undefined };
  }
  const opened = await new Promise<boolean>((resolveOpen) => {
    const child = spawn(opener.command, opener.args(page.file), { env, stdio: 'ignore', detached: true, windowsHide: true });
    // No xdg-open installed, no browser configured: the printed link is enough.
    child.once('error', () => resolveOpen(false));
    child.once('spawn', () => {
      child.unref();
      resolveOpen(true);
    });
  });
  return { opened, cleanup: page.remove };
}
