// `sift serve`: the UI and its /api for a browser, plus the OpenAI-compatible /v1 API for
// other programs, all on 127.0.0.1. The /v1 token comes from SIFT_API_TOKEN, or a fresh one
// is generated and printed to stderr (never stdout, which scripts read the URL from).
import { join } from 'node:path';
import { SiftError } from '../api/errors.js';
import { createCore, type CoreConfig } from '../core.js';
import { createLogger } from '../log.js';
import { installProcessGuards } from '../process-guard.js';
import { packageRoot } from '../paths.js';
import { startHttpServer } from '../server/http-server.js';
import { generateApiToken } from '../server/openai-api.js';

export function apiToken(env: NodeJS.ProcessEnv = process.env): { token: string; generated: boolean } {
  const fromEnv = env.SIFT_API_TOKEN?.trim();
  if (fromEnv) {
    if (fromEnv.length < 8) throw new SiftError('invalid_request', 'SIFT_API_TOKEN must be at least 8 characters long.');
    return { token: fromEnv, generated: false };
  }
  return { token: generateApiToken(), generated: true };
}

export async function serve(config: CoreConfig, port: number): Promise<number> {
  const { token, generated } = apiToken();
  const core = await createCore({ ...config, watch: true, resumeFolders: true, warmUp: true });
  const logger = config.logger ?? createLogger({ file: join(config.dataDir, 'logs', 'sift.log') });
  const server = await startHttpServer({
    service: core.service,
    staticDir: join(packageRoot(), 'out', 'renderer'),
    port,
    logger: config.logger,
    openai: { embedder: core.embedder, token, search: (request) => core.service.search(request) },
  });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= server.close().then(() => core.close()));
  installProcessGuards({ logger, shutdown: stop });
  process.stdout.write(`Sift is serving at ${server.url}\n`);
  process.stderr.write(
    `OpenAI-compatible API at ${server.url}/v1 (POST /v1/embeddings, GET /v1/models); ` +
      (generated ? `bearer token: ${token}\n  (set SIFT_API_TOKEN to choose your own)\n` : 'bearer token from SIFT_API_TOKEN\n'),
  );
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  await stop();
  return 0;
}
