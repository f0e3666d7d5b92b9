// Where Electron's binary is, if it has been fetched. The electron package (45+) has no
// postinstall: requiring it downloads the binary on first use, which we avoid here so a
// missing binary (offline machines, CI) is reported instead of attempted silently.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function electronPackageDir() {
  return dirname(require.resolve('electron/package.json'));
}

/** The executable's absolute path, or null when it has not been downloaded. */
export function electronBinary() {
  const dir = electronPackageDir();
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
