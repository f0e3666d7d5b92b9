// Real files on disk for tests: a temp folder of short documents on distinct topics.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const TOPIC_DOCUMENTS: Record<string, string> = {
  'account/password-reset.md':
    '# Forgot your password?\n\nTo reset a forgotten password, open the login page and choose "Forgot password". ' +
    'We email you a link so you can recover access to your account and choose a new password.',
  'kitchen/sourdough.txt':
    'Sourdough bread needs a lively starter. Mix flour, water and salt, let the dough rise overnight, ' +
    'then bake the loaf in a very hot oven until the crust is dark.',
  'sport/marathon.txt':
    'Marathon training plan: run slowly on most days, add one long run every week, and rest well before the race.',
  'garden/houseplants.md':
    'Repotting houseplants: choose a pot slightly larger than the roots, use fresh soil, and water the plant lightly afterwards.',
  'money/taxes.txt':
    'Filing your income tax return: collect your salary statements and receipts, then submit the tax form before the deadline.',
};

export interface FixtureFolder {
  root: string;
  path(relative: string): string;
  write(relative: string, content: string | Uint8Array): Promise<string>;
  remove(): Promise<void>;
}

export async function makeFixtureFolder(files: Record<string, string | Uint8Array> = TOPIC_DOCUMENTS): Promise<FixtureFolder> {
  const root = await mkdtemp(join(tmpdir(), 'sift-fixture-'));
  const folder: FixtureFolder = {
    root,
    path: (relative) => join(root, relative),
    async write(relative, content) {
      const path = join(root, relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      return path;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  for (const [relative, content] of Object.entries(files)) await folder.write(relative, content);
  return folder;
}

export async function makeTempDir(prefix = 'sift-test-'): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Polls until `check` returns a truthy value or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
