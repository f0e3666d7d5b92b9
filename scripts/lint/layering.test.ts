// The layering rule fails on backward imports (planted here, checked through ESLint with the
// project's own config), and src/ has no import cycle at run time.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, layeringViolation } from './layering.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');

async function lint(file: string, code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

describe('layering rule', () => {
  it.each([
    ['src/ingest/planted.ts', "import { Indexer } from '../index/indexer.js';\nexport const x = Indexer;\n", /src\/ingest may not import src\/index/],
    ['src/index/planted.ts', "export { SearchService } from '../search/search-service.js';\n", /src\/index may not import src\/search/],
    ['src/bench/planted.ts', "export const load = () => import('../core.js');\n", /src\/bench may not import src\/core/],
    ['src/search/planted.ts', "import type { Core } from '../core.js';\nexport type C = Core;\n", /src\/search may not import src\/core/],
    ['src/newlayer/planted.ts', "import type { Status } from '../api/contract.js';\nexport type S = Status;\n", null],
    ['src/models/planted.ts', "import { writeGguf } from '../test-support/gguf-writer.js';\nexport const w = writeGguf;\n", /test-support is for tests/],
  ])('%s', async (file, code, expected) => {
    const messages = await lint(file, code);
    if (expected === null) expect(messages.join('\n')).toMatch(/no entry in the layering table/);
    else expect(messages.join('\n')).toMatch(expected);
  });

  it('lets a layer import what lies below it, and tests import anything', async () => {
    expect(await lint('src/search/planted.ts', "import { Indexer } from '../index/indexer.js';\nexport const x = Indexer;\n")).toEqual([]);
    expect(await lint('src/ingest/planted.test.ts', "import { createCore } from '../core.js';\nexport const x = createCore;\n")).toEqual([]);
  });

  it('knows every folder and top-level file of src/', () => {
    const layers = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() || (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')))
      .map((entry) => entry.name.replace(/\.ts$/, ''))
      .filter((name) => name !== 'test-support');
    expect(layers.filter((name) => !(name in LAYERS))).toEqual([]);
  });

  it('is a pure function of the two paths', () => {
    expect(layeringViolation(join(src, 'cli', 'main.ts'), '../core.js')).toBeNull();
    expect(layeringViolation(join(src, 'api', 'contract.ts'), 'zod')).toBeNull();
    expect(layeringViolation(join(src, 'api', 'contract.ts'), '../log.js')).toMatch(/src\/api may not import src\/log/);
  });
});

/** Every .ts file under dir, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Imports that exist at run time: `import type` and `export type` vanish when compiled. */
function runtimeImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;
  for (const match of code.matchAll(pattern)) found.push(resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')));
  return found;
}

describe('import graph of src/', () => {
  it('has no cycles at run time', () => {
    const files = sources(src);
    const graph = new Map(files.map((file) => [file, runtimeImports(file).filter((target) => files.includes(target))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, stack: string[]) => {
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(src, f)).join(' -> '));
        else if (!state.has(next)) visit(next, [...stack, next]);
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    expect(cycles).toEqual([]);
  });
});
