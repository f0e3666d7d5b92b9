// The installer check against the real repository (configuration + built out/), and
// against copies of it broken on purpose, so each check is seen to fail when it should.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDistConfig, importedPackages } from './check-dist-config.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const temps: string[] = [];

/** A copy of the repository root with edited package.json / electron-builder.yml. */
async function brokenCopy(edit: { config?: (text: string) => string; pkg?: (pkg: Record<string, Record<string, string>>) => void; emptyOut?: boolean }) {
  const root = await mkdtemp(join(tmpdir(), 'sift-dist-'));
  temps.push(root);
  for (const name of ['node_modules', 'resources']) await symlink(join(ROOT, name), join(root, name));
  if (edit.emptyOut) await mkdir(join(root, 'out'));
  else await symlink(join(ROOT, 'out'), join(root, 'out'));
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  edit.pkg?.(pkg);
  await writeFile(join(root, 'package.json'), JSON.stringify(pkg));
  const config = await readFile(join(ROOT, 'electron-builder.yml'), 'utf8');
  await writeFile(join(root, 'electron-builder.yml'), edit.config ? edit.config(config) : config);
  return root;
}

const failed = (report: Awaited<ReturnType<typeof checkDistConfig>>) => report.checks.filter((c) => !c.ok).map((c) => c.name);

afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('check-dist-config', () => {
  it('passes on this repository (configuration, native modules, built entry points)', async () => {
    if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) throw new Error('Build the app first: npm run build');
    const report = await checkDistConfig(ROOT);
    expect(failed(report)).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^electron-builder [\d.]+ accepts the configuration/),
        'node-llama-cpp binaries are unpacked from the asar',
        'LanceDB native module is unpacked from the asar',
        'package.json main (out/main/index.js) is built',
        'out/renderer/index.html is built with its scripts and styles',
      ]),
    );
  });

  it('fails when native modules would stay inside the asar', async () => {
    const root = await brokenCopy({ config: (text) => text.replace("  - node_modules/@lancedb/**/*\n  - '**/*.node'\n", '') });
    expect(failed(await checkDistConfig(root))).toEqual(['LanceDB native module is unpacked from the asar', 'every other *.node file is unpacked from the asar']);
  });

  it('fails on a missing target and on an option electron-builder does not know', async () => {
    const root = await brokenCopy({ config: (text) => text.replace('    - deb\n', '').replace('  category: Utility\n', '  category: Utility\n  targte: deb\n') });
    const names = failed(await checkDistConfig(root));
    expect(names).toContain('linux targets include AppImage + deb');
    expect(names).toContain('electron-builder accepts the configuration (schema)');
  });

  it('fails when the app is not built or imports a devDependency', async () => {
    const notBuilt = await brokenCopy({ emptyOut: true });
    expect(failed(await checkDistConfig(notBuilt))).toEqual(
      expect.arrayContaining(['package.json main (out/main/index.js) is built', 'out/renderer/index.html is built with its scripts and styles']),
    );
    const devZod = await brokenCopy({
      pkg: (pkg) => {
        pkg.devDependencies!.zod = pkg.dependencies!.zod!;
        delete pkg.dependencies!.zod;
      },
    });
    const report = await checkDistConfig(devZod);
    expect(failed(report)).toEqual(['every package the main bundle imports is a production dependency']);
    expect(report.checks.find((c) => !c.ok)!.detail).toBe('not in dependencies: zod');
  });

  it.each([
    ['import { a } from "zod";\nconst b = require("node:fs");', ['zod']],
    ['import("@lancedb/lancedb/embedding"); require("fs"); import "./local.js";', ['@lancedb/lancedb']],
    ['import x from "../x.js"; import { app } from "electron";', ['electron']],
    // A list of words in the bundle is not an import ("from",\n\t"that" read as from ",\n\t").
    ['const STOP = [\n\t"from",\n\t"that"\n]; import "zod";', ['zod']],
  ])('importedPackages(%j)', (code, names) => {
    expect(importedPackages(code)).toEqual(names);
  });
});
