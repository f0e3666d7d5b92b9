// `sift serve`: the UI and its /api for a browser, plus the OpenAI-compatible /v1 API for
// other programs, all on 127.0.0.1. 127.0.0.1 is shared by every user of the machine, so
// /api answers only a browser that signed in through the one-time link printed here
// (and opened in the browser where there is a display); /v1 wants its bearer token.
// The /v1 token comes from SIFT_API_TOKEN, or a fresh one is printed to stderr.
import { join } from 'node:path';
import { SiftError } from '../api/errors.js';
import { createCore, type CoreConfig } from '../core.js';
import { createLogger } from '../log.js';
import { installProcessGuards } from '../process-guard.js';
import { packageRoot } from '../paths.js';
import { MIN_SECRET_CHARS } from '../server/browser-session.js';
import { startHttpServer } from '../server/http-server.js';
import { generateApiToken } from '../server/openai-api.js';
import { openInBrowser } from './open-browser.js';

export function apiToken(env: NodeJS.ProcessEnv = process.env): { token: string; generated: boolean } {
  const fromEnv = env.SIFT_API_TOKEN?.trim();
  if (fromEnv) {
    if (fromEnv.length < 8) throw new SiftError('invalid_request', 'SIFT_API_TOKEN must be at least 8 characters long.');
    return { token: fromEnv, generated: false };
  }
  return { token: generateApiToken(), generated: true };
}

/** SIFT_SESSION_SECRET: the first sign-in link's secret, for tests and scripts that cannot
 *  read stdout; a random one when unset. It works once all the same. */
export function sessionSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.SIFT_SESSION_SECRET?.trim();
  if (fromEnv === undefined || fromEnv === '') return undefined;
  if (fromEnv.length < MIN_SECRET_CHARS) throw new SiftError('invalid_request', `SIFT_SESSION_SECRET must be at least ${MIN_SECRET_CHARS} characters long.`);
  return fromEnv;
}

export interface ServeOptions {
  port: number;
  /** Open the sign-in link in a browser (default: yes, where there is a display). */
  open?: boolean;
}

export async function serve(config: CoreConfig, options: ServeOptions): Promise<number> {
  const { token, generated } = apiToken();
  const secret = sessionSecret();
  // A shared index on S3 that another process writes is served read-only, for search.
  const core = await createCore({ ...config, watch: true, resumeFolders: true, warmUp: true, readWhenBusy: true });
  let origin = '';
  const logger = config.logger ?? createLogger({ file: join(config.dataDir, 'logs', 'sift.log') });
  const server = await startHttpServer({
    service: core.service,
    ui: {
      staticDir: join(packageRoot(), 'out', 'renderer'),
      session: {
        secret,
        // The terminal is the owner's: a fresh link there lets another browser in.
        onRotate: (next) => process.stdout.write(`A browser signed in. To sign in another one, open:\n  ${origin}/?token=${encodeURIComponent(next)}\n`),
      },
    },
    port: options.port,
    logger: config.logger,
    openai: { embedder: core.embedder, token, search: (request) => core.service.search(request) },
    mcp: { token },
  });
  origin = server.url;
  const signIn = server.signInUrl()!;
  process.stdout.write(`Sift is serving at ${server.url}\nOpen this link to sign in (it works once):\n  ${signIn}\n`);
  process.stderr.write(
    `OpenAI-compatible API at ${server.url}/v1 (POST /v1/embeddings, GET /v1/models, POST /v1/search), MCP at ${server.url}/mcp; ` +
      (generated ? `bearer token: ${token}\n  (set SIFT_API_TOKEN to choose your own)\n` : 'bearer token from SIFT_API_TOKEN\n'),
  );
  const opened = options.open === false ? undefined : await openInBrowser(signIn);
  if (opened && !opened.opened) process.stderr.write('(No browser could be opened here; open the link above yourself.)\n');
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await opened?.cleanup();
      await server.close();
      await core.close();
    })());
  installProcessGuards({ logger, shutdown: stop });
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  await stop();
  return 0;
}
