#!/usr/bin/env node
// `npm run check:dist`: what can be verified of the installers without building them.
// electron-builder cannot fetch Electron's binary here, so `npm run dist` cannot run; this
// checks instead that
//   - electron-builder.yml passes electron-builder's own schema (app-builder-lib) and names
//     the targets Sift ships: AppImage + deb, NSIS, dmg; an app id; an icon of >= 512 px;
//   - every native binary in node_modules (node-llama-cpp's builds, LanceDB's napi module,
//     any other *.node) is matched by an asarUnpack pattern, as electron-builder matches them;
//   - the built entry points exist: package.json "main" (out/main), the preload the main
//     process loads (out/preload/index.cjs), and out/renderer/index.html with its assets;
//   - every package the main bundle imports is a production dependency (a devDependency
//     would be missing from the installed app), and the starter model is shipped.
// Prints one line per check; exits 1 when any fails. `--json` prints one JSON report.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUIRED_TARGETS = { linux: ['AppImage', 'deb'], win: ['nsis'], mac: ['dmg'] };

function targetNames(platform) {
  const target = platform?.target;
  const list = Array.isArray(target) ? target : target ? [target] : [];
  return list.map((t) => (typeof t === 'string' ? t : t.target));
}

function walk(dir, root, out = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, root, out);
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

/** PNG width and height from the IHDR chunk. */
function pngSize(path) {
  const head = readFileSync(path).subarray(0, 24);
  if (head.toString('latin1', 1, 4) !== 'PNG') return undefined;
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** Package names a built bundle imports or requires (bare specifiers only). */
export function importedPackages(code) {
  const names = new Set();
  // A specifier is a package name ('@scope/name/sub', 'name'): it starts with a word character
  // or '@' and holds no space, so a list of words in the bundle ("from",\n\t"that") is not one.
  const spec = `["']([@\\w][^"'\\s]*)["']`;
  const patterns = [
    new RegExp(`\\bfrom\\s*${spec}`, 'g'),
    new RegExp(`\\bimport\\s*\\(\\s*${spec}\\s*\\)`, 'g'),
    new RegExp(`\\brequire\\s*\\(\\s*${spec}\\s*\\)`, 'g'),
    new RegExp(`\\bimport\\s*${spec}`, 'g'),
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const spec = match[1];
      if (spec.startsWith('node:')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!builtinModules.includes(name)) names.add(name);
    }
  }
  return [...names].sort();
}

export async function checkDistConfig(root = join(dirname(fileURLToPath(import.meta.url)), '..')) {
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok: Boolean(ok), detail });
  const require = createRequire(join(root, 'package.json'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  // 1. The configuration file, parsed and validated by electron-builder's schema.
  const configPath = join(root, 'electron-builder.yml');
  let config;
  try {
    const yaml = require('js-yaml');
    config = yaml.load(readFileSync(configPath, 'utf8'));
    check('electron-builder.yml parses', config && typeof config === 'object');
  } catch (error) {
    check('electron-builder.yml parses', false, error.message);
    return { ok: false, checks };
  }
  try {
    const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
    const { validateConfiguration } = builderRequire('./out/util/config/config.js');
    const { DebugLogger } = builderRequire('builder-util');
    const version = builderRequire('./package.json').version;
    await validateConfiguration(structuredClone(config), new DebugLogger(false));
    check(`electron-builder ${version} accepts the configuration (schema)`, true);
  } catch (error) {
    const missing = error.code === 'MODULE_NOT_FOUND';
    check('electron-builder accepts the configuration (schema)', false, missing ? 'electron-builder is not installed (npm ci)' : error.message.split('\n').slice(0, 4).join(' '));
  }
  check('appId is set', typeof config.appId === 'string' && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(config.appId), config.appId);
  check('productName is Sift', config.productName === 'Sift', config.productName);
  for (const [platform, wanted] of Object.entries(REQUIRED_TARGETS)) {
    const names = targetNames(config[platform]);
    check(`${platform} targets include ${wanted.join(' + ')}`, wanted.every((t) => names.includes(t)), names.join(', '));
  }
  const iconPath = config.icon ? join(root, config.icon) : undefined;
  const icon = iconPath && existsSync(iconPath) ? pngSize(iconPath) : undefined;
  check('icon is a PNG of at least 512x512 in resources/', icon && icon.width >= 512 && icon.height >= 512 && config.icon.startsWith('resources/'), icon ? `${config.icon} ${icon.width}x${icon.height}` : `${config.icon ?? '(none)'} missing`);
  check('native modules are not rebuilt (prebuilt N-API binaries)', config.npmRebuild === false);

  // 2. Native binaries must be unpacked from the asar archive.
  const { Minimatch } = createRequire(require.resolve('app-builder-lib/package.json'))('minimatch');
  const unpack = (config.asarUnpack ?? []).flatMap((pattern) => {
    const matchers = [new Minimatch(pattern, { dot: true })];
    if (!/[*?{[]/.test(pattern)) matchers.push(new Minimatch(`${pattern}/**/*`, { dot: true }));
    return matchers;
  });
  const unpacked = (file) => unpack.some((m) => m.match(file));
  const production = new Set(Object.keys(pkg.dependencies ?? {}));
  const llamaBins = walk(join(root, 'node_modules', '@node-llama-cpp'), root).filter((f) => /\/bins\//.test(f));
  const lancedb = walk(join(root, 'node_modules', '@lancedb'), root).filter((f) => f.endsWith('.node'));
  const otherNative = walk(join(root, 'node_modules'), root).filter((f) => f.endsWith('.node') && !f.startsWith('node_modules/electron/'));
  check('node-llama-cpp is a production dependency', production.has('node-llama-cpp'));
  check('@lancedb/lancedb is a production dependency', production.has('@lancedb/lancedb'));
  check('node-llama-cpp binaries found in node_modules/@node-llama-cpp', llamaBins.some((f) => f.endsWith('.node')), `${llamaBins.length} files`);
  const llamaPacked = llamaBins.filter((f) => !unpacked(f));
  check('node-llama-cpp binaries are unpacked from the asar', llamaBins.length > 0 && llamaPacked.length === 0, llamaPacked.slice(0, 3).join(', '));
  check('LanceDB native module found', lancedb.length > 0, lancedb.join(', '));
  const lancePacked = lancedb.filter((f) => !unpacked(f));
  check('LanceDB native module is unpacked from the asar', lancedb.length > 0 && lancePacked.length === 0, lancePacked.join(', '));
  const otherPacked = otherNative.filter((f) => !unpacked(f));
  check('every other *.node file is unpacked from the asar', otherPacked.length === 0, otherPacked.slice(0, 3).join(', '));

  // 3. The built app: entry points electron-builder will package.
  const files = config.files ?? [];
  check('files include the built out/ tree', files.some((p) => typeof p === 'string' && p.startsWith('out/')));
  const main = pkg.main ? join(root, pkg.main) : undefined;
  check(`package.json main (${pkg.main}) is built`, main && existsSync(main) && main.includes(`${sep}out${sep}main${sep}`));
  const mainDir = main ? dirname(main) : join(root, 'out', 'main');
  const mainCode = walk(mainDir, mainDir).filter((f) => /\.(m?js|cjs)$/.test(f)).map((f) => readFileSync(join(mainDir, f), 'utf8')).join('\n');
  const preloadRef = /["'`]\.\.\/preload\/([^"'`]+)["'`]/.exec(mainCode)?.[1] ?? 'index.cjs';
  const preload = join(root, 'out', 'preload', preloadRef);
  check(`preload the main process loads (out/preload/${preloadRef}) is built`, existsSync(preload));
  const html = join(root, 'out', 'renderer', 'index.html');
  const htmlText = existsSync(html) ? readFileSync(html, 'utf8') : '';
  const assets = [...htmlText.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
  const missingAssets = assets.filter((a) => !existsSync(join(root, 'out', 'renderer', a)));
  check('out/renderer/index.html is built with its scripts and styles', htmlText && assets.some((a) => a.endsWith('.js')) && missingAssets.length === 0, missingAssets.join(', '));
  const imported = importedPackages(mainCode).filter((name) => name !== 'electron');
  const notProduction = imported.filter((name) => !production.has(name));
  check('every package the main bundle imports is a production dependency', imported.length > 0 && notProduction.length === 0, notProduction.length ? `not in dependencies: ${notProduction.join(', ')}` : imported.join(', '));
  const excluded = files.filter((p) => typeof p === 'string' && p.startsWith('!')).map((p) => new Minimatch(p.slice(1), { dot: true }));
  const cut = imported.filter((name) => excluded.some((m) => m.match(`node_modules/${name}/package.json`) || m.match(`node_modules/${name}/index.js`)));
  check('no package the main bundle imports is excluded by a files pattern', cut.length === 0, cut.join(', '));

  // 4. The starter model ships as an extra resource at resources/models.
  const extra = (config.extraResources ?? []).find((r) => (typeof r === 'string' ? r : r.from) === 'resources/models');
  const to = typeof extra === 'string' ? extra : extra?.to;
  const starter = walk(join(root, 'resources', 'models'), root).filter((f) => f.endsWith('.gguf'));
  check('resources/models is shipped as extraResources "models"', extra && to === 'models', JSON.stringify(extra ?? null));
  check('the starter model is present in resources/models', starter.length > 0 && starter.every((f) => statSync(join(root, f)).size > 1_000_000), starter.join(', '));

  check('package.json has the dist and check:dist scripts', pkg.scripts?.dist && pkg.scripts?.['check:dist']);
  return { ok: checks.every((c) => c.ok), checks };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = process.argv.includes('--json');
  const report = await checkDistConfig();
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    for (const c of report.checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? `  (${c.detail})` : ''}\n`);
    const failed = report.checks.filter((c) => !c.ok).length;
    process.stdout.write(`${report.checks.length - failed} passed, ${failed} failed\n`);
  }
  process.exitCode = report.ok ? 0 : 1;
}
