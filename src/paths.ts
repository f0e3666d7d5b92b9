// Where Sift keeps things. The data folder matches Electron's app.getPath('userData') for
// an app named "Sift", so the CLI and the window share one index.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STARTER_MODEL_FILE = 'sift-starter-glove-100d.gguf';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SIFT_DATA_DIR) return env.SIFT_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Sift');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Sift');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Sift');
}

export function dbDirIn(dataDir: string): string {
  return join(dataDir, 'index');
}

/** The package root: the nearest folder above this module with a package.json named sift.
 *  Works from src/ (tests), dist/ (CLI) and out/main (Electron) alike. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sift') return dir;
      } catch {
        // An unreadable manifest is not ours; keep climbing.
      }
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find Sift's package root above ${from}`);
  }
}

/** resources/ next to the package, or Electron's resourcesPath when packaged. */
export function resourcesDir(): string {
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'models', STARTER_MODEL_FILE))) return packaged;
  return join(packageRoot(), 'resources');
}

export function starterModelPath(): string {
  return join(resourcesDir(), 'models', STARTER_MODEL_FILE);
}

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
