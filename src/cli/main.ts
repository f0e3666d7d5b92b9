// The headless entry: `sift index|search|serve`. Results go to stdout (exactly one JSON
// document with --json); progress, logs and errors go to stderr.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SiftError, toWireError } from '../api/errors.js';
import { createCore, type CoreConfig } from '../core.js';
import { createLogger } from '../log.js';
import { defaultDataDir } from '../paths.js';
import { benchCommand } from './bench.js';
import { evalCommand } from './eval.js';
import { searchOptions } from './search-options.js';
import { ProgressLine } from './progress-line.js';
import { runMcp } from './mcp.js';
import { serve } from './serve.js';
import { remoteEmbedderFromEnv } from '../embedder/remote-embedder.js';

const USAGE = `Usage:
  sift index <folder> [--db <dir>] [--model <file.gguf>] [--json] [--wait <seconds>]
  sift search "<query>" [--db <dir>] [--model <file.gguf>] [--limit N] [--json]
              [--mode hybrid|vector|keyword] [--offset N] [--folder <dir>] [--type md,pdf] [--modified-after 2024-01-31]
              [--reranker <file.gguf> [--rerank]]
  sift eval [<testset> ...] [--model <file.gguf>] [--reranker <file.gguf>] [--json]  (sift eval --help)
  sift serve [--port N] [--db <dir>] [--model <file.gguf>] [--no-open] [--wait <seconds>]
              (the UI at a printed one-time sign-in link + OpenAI-compatible /v1; token: SIFT_API_TOKEN)
  sift mcp [--db <dir>] [--model <file.gguf>]
              (MCP tools over stdio for Claude Desktop, VS Code, Cursor; reads the index only)
  sift bench [--model <file.gguf>] [--json] [--contexts auto|1,2] [--llama-server <path>]  (sift bench --help)

  --db <dir>       where the index lives (default: ${defaultDataDir()})
  --model <file>   GGUF embedding model (default: the bundled starter model)
  --json           print one JSON document on stdout, nothing else
  --wait <s>       if another process is writing the index, wait this long for it
                   (index: 60, serve: 0), then give up with who holds it; search never waits`;

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
  help: { type: 'boolean', short: 'h', default: false },
} as const;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  // `bench` has its own options (src/cli/bench.ts).
  if (argv[0] === 'bench') return benchCommand(argv.slice(1));
  if (argv[0] === 'eval') return evalCommand(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return fail(new UsageError((error as Error).message), false);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const dataDir = resolve(values.db ?? values['data-dir'] ?? defaultDataDir());
  const config: CoreConfig = {
    dataDir,
    dbUri: join(dataDir, 'index'),
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
        return await runIndex(rest, config, values.json);
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
    return fail(error, values.json);
  }
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

async function runIndex(args: string[], config: CoreConfig, json: boolean): Promise<number> {
  if (args.length !== 1) throw new UsageError('Give exactly one folder to index.');
  const core = await createCore(config);
  const progress = !json && process.stderr.isTTY ? new ProgressLine(process.stderr) : undefined;
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
          `${report.filesUnchanged} unchanged, ${report.filesFailed.length} failed, ${report.chunksEmbedded} chunks embedded ` +
          `in ${report.seconds.toFixed(1)} s\n`,
      );
      for (const failure of report.filesFailed) process.stdout.write(`  skipped ${failure.path}: ${failure.reason}\n`);
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
  if (args.length !== 1) throw new UsageError('Give the query as one argument, in quotes.');
  const limitNumber = limit === undefined ? undefined : Number(limit);
  if (limitNumber !== undefined && !Number.isInteger(limitNumber)) throw new UsageError('--limit must be a whole number.');
  let options;
  try {
    options = searchOptions(values);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const core = await createCore(config);
  try {
    const { hits, tookMs } = await core.service.search({ query: args[0]!, limit: limitNumber, ...options });
    if (json) {
      process.stdout.write(`${JSON.stringify(hits)}\n`);
      return 0;
    }
    if (hits.length === 0) process.stdout.write('No results.\n');
    hits.forEach((hit, i) => {
      process.stdout.write(`${i + 1}. ${hit.path}:${hit.line}  (${hit.score.toFixed(3)})\n   ${hit.snippet.replace(/\s+/g, ' ')}\n`);
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

function fail(error: unknown, json: boolean): number {
  if (error instanceof UsageError) {
    process.stderr.write(`sift: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const wire = toWireError(error);
  if (json) process.stderr.write(`${JSON.stringify({ error: wire })}\n`);
  else process.stderr.write(`sift: ${wire.message}\n`);
  if (!(error instanceof SiftError)) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  return 1;
}
