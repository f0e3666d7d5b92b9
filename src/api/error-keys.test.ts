// Every SiftError the core throws where a person can see it carries a detail (a key the
// UI words in its language; renderer/src/i18n/errors.test.ts checks every key has its
// words in en and zh-CN). This walks the source: a new `new SiftError(` without a detail
// fails here unless it is listed below with the reason nobody reads it in the window.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_KEYS } from './error-keys.js';

const SRC = join(import.meta.dirname, '..');

/** Folders and files whose errors reach only the CLI, MCP clients, HTTP programs or logs. */
const NOT_IN_THE_WINDOW = [
  'cli/', // the CLI stays English
  'server/', // HTTP and MCP programs get the English message
  'api/dispatch.ts:not_found', // an unknown call name: a programming error
  "api/dispatch.ts:internal", // a response that breaks the contract: a programming error
  'test-support/',
  'bench/run-bench.ts',
  'bench/runtime-bench.ts', // sift bench --rerank-latency / --idle-reload: the CLI
  'model-runtime.ts:the model runtime has no embedder yet', // a programming error
  'embedder/remote-embedder.ts:SIFT_REMOTE', // environment variables read at start-up
  'core.ts:Change the model with activateModel', // a program calling the wrong call
  'ingest/path-guard.ts:Expected the absolute path', // the UI sends only paths it was given
  'models/download-source.ts:uri', // catalog sources: Sift's own table, not typed by anyone
  'models/download-source.ts:source',
  'models/download-source.ts:Models are downloaded over', // likewise
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('core errors', () => {
  it('carry a detail wherever a person can see them', () => {
    const missing: string[] = [];
    for (const file of sources(SRC)) {
      const name = relative(SRC, file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new SiftError\(/g)) {
        // The constructor call: up to its closing parenthesis, at most a few lines on.
        const call = text.slice(match.index, match.index + 900);
        let depth = 0;
        let end = 0;
        for (let i = 'new SiftError'.length; i < call.length; i++) {
          if (call[i] === '(') depth++;
          else if (call[i] === ')' && --depth === 0) {
            end = i;
            break;
          }
        }
        const body = call.slice(0, end || call.length);
        if (/\bdetail\b/.test(body)) continue;
        const line = text.slice(0, match.index).split('\n').length;
        const where = `${name}:${line}: ${body.replace(/\s+/g, ' ').slice(0, 100)}`;
        if (NOT_IN_THE_WINDOW.some((rule) => (rule.includes(':') ? name === rule.split(':')[0] && body.includes(rule.split(':')[1]!) : name.startsWith(rule)))) continue;
        missing.push(where);
      }
    }
    expect(missing).toEqual([]);
  });

  // Notices that are not errors, worded as `notice.<key>` (renderer/src/i18n/*-core.ts).
  const NOTICE_KEYS = new Set(['passEnded', 'sharedIndexReadOnly', 'settingsSetAside', 'foldersSetAside', 'settingsNotMovedAside', 'foldersNotMovedAside']);

  it('name only keys of the table', () => {
    const keys = new Set(Object.keys(ERROR_KEYS));
    const unknown: string[] = [];
    for (const file of sources(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/detail: \{ key: '(\w+)'/g)) {
        if (!keys.has(match[1]!) && !NOTICE_KEYS.has(match[1]!)) unknown.push(`${relative(SRC, file)}: ${match[1]}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
