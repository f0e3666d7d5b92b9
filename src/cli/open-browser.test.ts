// Opening the sign-in link: only where a display exists, never failing, and never with the
// secret on a command line (a private redirect page is opened instead).
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openerFor, openInBrowser, writeRedirectPage } from './open-browser.js';

describe('open-browser', () => {
  it.each([
    ['linux', {}, null],
    ['linux', { DISPLAY: ':0' }, 'xdg-open'],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, 'xdg-open'],
    ['freebsd', {}, null],
    ['darwin', {}, 'open'],
    ['win32', {}, 'cmd'],
  ] as const)('%s with %j opens with %s', (platform, env, command) => {
    expect(openerFor(platform, env)?.command ?? null).toBe(command);
  });

  it('does nothing and says so where there is no display', async () => {
    const result = await openInBrowser('http://127.0.0.1:1/?token=secret-secret-secret', 'linux', {});
    expect(result.opened).toBe(false);
    await result.cleanup();
  });

  it('says false, not an exception, when the opener program is missing', async () => {
    const result = await openInBrowser('http://127.0.0.1:1/?token=secret-secret-secret', 'linux', { DISPLAY: ':0', PATH: '/nonexistent' });
    expect(result.opened).toBe(false);
    await result.cleanup();
  });

  it('writes the redirect page where only its owner can read it', async () => {
    const url = 'http://127.0.0.1:4173/?token=abc"<x>&y';
    const page = await writeRedirectPage(url);
    try {
      expect((await stat(page.file)).mode & 0o777).toBe(0o600);
      expect((await stat(dirname(page.file))).mode & 0o777).toBe(0o700);
      const html = await readFile(page.file, 'utf8');
      expect(html).toContain('content="0;url=http://127.0.0.1:4173/?token=abc&quot;&lt;x>&amp;y"');
    } finally {
      await page.remove();
    }
    await expect(stat(page.file)).rejects.toThrow();
  });
});
