#!/usr/bin/env node
// Runs the `sift` CLI straight from src/ (through Vite's module runner), without building
// dist/ first: for development, and for tests that need a second Sift process built from
// the code under test. `node scripts/sift-from-source.mjs serve --port 0 --db /tmp/x`
import { runnerImport } from 'vite';

const { module } = await runnerImport(new URL('../src/cli/main.ts', import.meta.url).pathname);
process.exitCode = await module.main(process.argv.slice(2));
