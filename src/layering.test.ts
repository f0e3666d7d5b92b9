// Environment by folder: nothing under src/ may import electron or react, or touch DOM
// globals. (ESLint enforces the same; this test keeps it true even without lint.)
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from './paths.js';

const FORBIDDEN_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](electron|react|react-dom)(?:\/[^'"]*)?['"]/;
// Not a name inside another (ocr-document.js) nor a file name (document.xml in a test title).
const DOM_GLOBAL = /(?<![\w.'"`/-])(window|document|localStorage|sessionStorage)\s*[.[](?!(xml|json|js|ts|html)\b)/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return Promise.resolve(/\.tsx?$/.test(entry.name) && !entry.name.endsWith('layering.test.ts') ? [path] : []);
    }),
  );
  return nested.flat();
}

describe('layering', () => {
  it('finds the checks effective on a sample', () => {
    // Built at run time so that greps for forbidden imports over src/ do not flag this file.
    const importOf = (module: string) => `import x from '${module}';`;
    expect(FORBIDDEN_IMPORT.test(importOf('electron'))).toBe(true);
    expect(FORBIDDEN_IMPORT.test(importOf('react-dom/client'))).toBe(true);
    expect(FORBIDDEN_IMPORT.test(importOf('zod'))).toBe(false);
    expect(DOM_GLOBAL.test('document.body.append(x)')).toBe(true);
    expect(DOM_GLOBAL.test('const documents = 3; thing.window.x')).toBe(false);
    expect(DOM_GLOBAL.test("import { ocrDocument } from './ocr-document.js';")).toBe(false);
    expect(DOM_GLOBAL.test('window.open(url)')).toBe(true);
  });

  it('src/ imports no electron, react or DOM globals', async () => {
    const root = join(packageRoot(), 'src');
    const offenders: string[] = [];
    for (const file of await sourceFiles(root)) {
      const text = await readFile(file, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\/\*|\*)/.test(line)) return;
        if (FORBIDDEN_IMPORT.test(line) || DOM_GLOBAL.test(line)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
