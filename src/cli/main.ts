// The headless entry: `sift index|search|serve`. Results go to stdout (exactly one JSON
// document with --json); progress, logs and errors go to stderr.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SiftError, toWireError } from '../api/errors.js';
import { RELEVANCE_CUTOFF, relevanceLevel } from '../api/relevance.js';
import { createCore, type CoreConfig } from '../core.js';
import { createLogger } from '../log.js';
import { appVersion, defaultDataDir } from '../paths.js';
import { isLocalIndex } from '../index/writer-lock.js';
import { RootsMap } from '../index/roots-map.js';
import { storedIndexLocation } from '../settings/settings-store.js';
import { commandHelp, helpPointer, mainHelp } from './help.js';
import { argErrorMessage, queriesAfterDashes } from './arg-errors.js';
import { benchCommand } from './bench.js';
import { evalCommand } from './eval.js';
import { searchLimit, searchOptions, typesUnknownByName } from './search-options.js';
import { ProgressLine, ProgressLog } from './progress-line.js';
import { runMcp } from './mcp.js';
import { serve } from './serve.js';
import { remoteEmbedderFromEnv } from '../embedder/remote-embedder.js';

const OPTIONS = {
  db: { type: 'string' },
  'data-dir': { type: 'string' },
  model: { type: 'string' },
  json: { type: 'boolean', default: false },
  limit: { type: 'string' },
  port: { type: 'string' },
  mode: { type: 'string' },
  offset: { type: 'string' },
  folder: { type: 'string' },
  type: { type: 'string' },
  'modified-after': { type: 'string' },
  reranker: { type: 'string' },
  rerank: { type: 'boolean' },
  'no-open': { type: 'boolean', default: false },
  wait: { type: 'string' },
  roots: { type: 'string' },
  'progress-every': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

class UsageError extends Error {}

/** Exit status of `sift search` on an index with nothing in it (see the search help). */
class NothingIndexedError extends Error {}

/** `--limit -3`: node's parser reads "-3" as an option and refuses the pair as ambiguous;
 *  joined as `--limit=-3` it reaches the value checks, which say what is wrong with it. */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const option = name !== undefined ? (OPTIONS as Record<string, { type: string }>)[name] : undefined;
    const next = argv[i + 1];
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

export async function main(argv: string[]): Promise<number> {
  // `bench` has its own options (src/cli/bench.ts).
  if (argv[0] === 'bench') return benchCommand(argv.slice(1));
  if (argv[0] === 'eval') return evalCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({ args: queriesAfterDashes(joinNegativeValues(argv)), options: OPTIONS, allowPositionals: true });
  } catch (error) {
    const command = argv[0]?.startsWith('-') ? undefined : argv[0];
    return fail(new UsageError(argErrorMessage(error, command, argv)), false, command);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    process.stdout.write(`sift ${appVersion()}\n`);
    return 0;
  }
  if (values.help || !command) {
    const help = (command && commandHelp(command)) || mainHelp(appVersion());
    (values.help ? process.stdout : process.stderr).write(`${help}\n`);
    return values.help ? 0 : 2;
  }
  if (!['index', 'search', 'serve', 'mcp'].includes(command)) return fail(new UsageError(`Unknown command "${command}".`), values.json);
  // `--db <dir>`: the data folder, index inside. `--db s3://bucket/prefix`: the index there,
  // everything else (settings, folder list, logs, models) in the local data folder.
  const remoteDb = values.db !== undefined && !isLocalIndex(values.db) ? values.db.replace(/\/+$/, '') : undefined;
  const dataDir = resolve((remoteDb ? undefined : values.db) ?? values['data-dir'] ?? defaultDataDir());
  // Without --db, the index the app uses: its Settings' index location, else <data>/index.
  const dbUri = remoteDb ?? (values.db === undefined ? await storedIndexLocation(join(dataDir, 'settings.json')) : null) ?? join(dataDir, 'index');
  // Without --roots/SIFT_ROOTS, the core uses the app's setting.
  let roots: RootsMap | undefined;
  try {
    const rootsText = values.roots ?? process.env.SIFT_ROOTS;
    roots = rootsText === undefined ? undefined : RootsMap.parse(rootsText);
  } catch (error) {
    return fail(new UsageError((error as Error).message), values.json, command);
  }
  if (command === 'search') {
    // Checked before anything opens the data folder, so a search on a fresh machine
    // creates nothing (no logs folder, no empty index).
    const early = searchPrecheck(rest, values, dbUri);
    if (early !== undefined) return fail(early, values.json, command);
  }
  const config: CoreConfig = {
    dataDir,
    dbUri,
    roots,
    modelPath: values.model,
    rerankerPath: values.reranker,
    logger: createLogger({ file: join(dataDir, 'logs', 'sift.log') }),
  };
  try {
    Object.assign(config, writerOptions(command, values.wait, config.dbUri!));
    // SIFT_REMOTE_URL/_MODEL/_KEY: embed on another machine's OpenAI-compatible server.
    config.embedder = remoteEmbedderFromEnv(process.env, config.logger);
    switch (command) {
      case 'index':
        return await runIndex(rest, config, values.json, progressEvery(values['progress-every'], values.json));
      case 'search':
        return await runSearch(rest, config, values.json, values.limit, values);
      case 'mcp':
        if (rest.length > 0) throw new UsageError('`sift mcp` takes no arguments.');
        return await runMcp(config);
      case 'serve':
        return await runServe(config, values.port, !values['no-open'] && process.env.SIFT_NO_OPEN !== '1');
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    return fail(error, values.json, command);
  }
}

/** The option checks of `sift search` and the empty-index case, before any file is
 *  touched; undefined when the search may go ahead. */
function searchPrecheck(args: string[], values: Parameters<typeof searchOptions>[0] & { limit?: string }, dbUri: string): Error | undefined {
  try {
    searchLimit(values.limit);
    searchOptions(values);
  } catch (error) {
    return new UsageError((error as Error).message);
  }
  if (args.length !== 1) return new UsageError('Give the query as one argument, in quotes.');
  if (isLocalIndex(dbUri) && !existsSync(dbUri)) return nothingIndexed(dbUri);
  return undefined;
}

function nothingIndexed(dbUri: string): NothingIndexedError {
  return new NothingIndexedError(`nothing indexed yet in ${dbUri}. Add a folder first: sift index <folder>`);
}

/** `index` and `serve` write the index and take its writer lock (src/index/writer-lock.ts);
 *  `search` and `mcp` only read, next to any writer. */
function writerOptions(command: string, wait: string | undefined, dbUri: string): Partial<CoreConfig> {
  if (command === 'search' || command === 'mcp') return { access: 'read' };
  const seconds = wait === undefined ? (command === 'index' ? 60 : 0) : Number(wait);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError('--wait must be a number of seconds.');
  return {
    writerName: `sift ${command}`,
    lockWaitMs: seconds * 1000,
    onLockWait: (holder) =>
      process.stderr.write(
        `sift: the index at ${dbUri} is in use by ${holder.command} (pid ${holder.pid}); waiting up to ${seconds} s for it to finish\n`,
      ),
  };
}

/** Seconds between progress lines in a log (stderr not a terminal: a headless indexer under
 *  nohup, systemd or a CI job); 0: none. Default 10, none with --json unless asked. */
function progressEvery(text: string | undefined, json: boolean): number {
  if (text === undefined) return json || process.stderr.isTTY ? 0 : 10;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) throw new UsageError('--progress-every must be a number of seconds (0: none).');
  return seconds;
}

async function runIndex(args: string[], config: CoreConfig, json: boolean, logEvery: number): Promise<number> {
  if (args.length !== 1) throw new UsageError('Give exactly one folder to index.');
  const core = await createCore(config);
  const progress = logEvery > 0 ? new ProgressLog(process.stderr, logEvery * 1000) : !json && process.stderr.isTTY ? new ProgressLine(process.stderr) : undefined;
  core.service.onEvent((event) => {
    if (event.type === 'progress') progress?.update(event.progress);
  });
  try {
    const report = await core.indexFolder(args[0]!);
    progress?.done();
    // Leave the full-text and vector indexes covering every new chunk for the next search.
    await core.settleIndexes();
    if (json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      process.stdout.write(
        `Indexed ${report.folder}: ${report.filesScanned} files scanned, ${report.filesIndexed} indexed, ` +
          `${report.filesUnchanged} unchanged, ${report.filesSkipped.length} skipped, ${report.filesFailed.length} failed, ` +
          `${report.chunksEmbedded} chunks embedded in ${report.seconds.toFixed(1)} s\n`,
      );
      for (const skip of report.filesSkipped) process.stdout.write(`  skipped ${skip.path}: ${skip.reason}\n`);
      for (const failure of report.filesFailed) process.stdout.write(`  failed  ${failure.path}: ${failure.reason}\n`);
    }
    return 0;
  } finally {
    await core.close();
  }
}

async function runSearch(
  args: string[],
  config: CoreConfig,
  json: boolean,
  limit: string | undefined,
  values: Parameters<typeof searchOptions>[0],
): Promise<number> {
  // Checked already (searchPrecheck): these do not throw here.
  const limitNumber = searchLimit(limit);
  const options = searchOptions(values);
  const core = await createCore(config);
  try {
    // An index folder with no passages of this model (an empty folder was indexed, or
    // another model's): say so, rather than "No results." for every query.
    if ((await core.service.status({})).chunks === 0) throw nothingIndexed(config.dbUri!);
    const { hits, tookMs } = await core.service.search({ query: args[0]!, limit: limitNumber, ...options });
    // `--type xyz` with nothing found: most likely no file of that kind is indexed (or
    // a typo); say which, rather than "No results." and success.
    const unknown = typesUnknownByName(options.fileTypes);
    if (hits.length === 0 && unknown.length > 0 && (options.fileTypes?.length ?? 0) === unknown.length) {
      throw new UsageError(
        `--type: no indexed file ends in ${unknown.map((type) => `.${type.replace(/^\*?\./, '')}`).join(', ')}; Sift reads md, txt, pdf, docx, html and other text files.`,
      );
    }
    if (json) {
      process.stdout.write(`${JSON.stringify(hits)}\n`);
      return 0;
    }
    if (hits.length === 0) process.stdout.write('No results.\n');
    else if (hits.every((hit) => hit.relevance < RELEVANCE_CUTOFF)) process.stdout.write(`No good match for "${args[0]}"; weaker matches:\n`);
    hits.forEach((hit, i) => {
      // Relevance, not the ranking score: it means the same in every query (src/api/relevance.ts).
      const judged = `relevance ${hit.relevance.toFixed(2)} ${relevanceLevel(hit.relevance)}`;
      process.stdout.write(`${i + 1}. ${hit.path}:${hit.line}  (${judged})\n   ${hit.snippet.replace(/\s+/g, ' ')}\n`);
      for (const passage of hit.passages.slice(1)) process.stdout.write(`   ${passage.line}: ${passage.snippet.replace(/\s+/g, ' ')}\n`);
    });
    process.stderr.write(`${hits.length} results in ${tookMs} ms\n`);
    return 0;
  } finally {
    await core.close();
  }
}

async function runServe(config: CoreConfig, portText: string | undefined, open: boolean): Promise<number> {
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number.');
  return serve(config, { port, open });
}

function fail(error: unknown, json: boolean, command?: string): number {
  if (error instanceof UsageError) {
    // One line of reason, one line of where to read more: not the whole help again.
    process.stderr.write(`sift: ${error.message}\n${helpPointer(command)}\n`);
    return 2;
  }
  if (error instanceof NothingIndexedError) {
    if (json) process.stderr.write(`${JSON.stringify({ error: { name: 'nothing_indexed', message: error.message } })}\n`);
    else process.stderr.write(`sift: ${error.message}\n`);
    return 1;
  }
  const wire = toWireError(error);
  if (json) process.stderr.write(`${JSON.stringify({ error: wire })}\n`);
  else process.stderr.write(`sift: ${wire.message}\n`);
  if (!(error instanceof SiftError)) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  return 1;
}
