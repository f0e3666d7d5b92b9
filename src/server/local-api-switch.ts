// The Settings switch for the local API in the desktop app: when on, Sift serves the
// OpenAI-compatible /v1 endpoints on 127.0.0.1:<apiPort> so Open WebUI, LangChain or any
// OpenAI client on this machine can use the local model, and the MCP tools at /mcp
// (mcp-http.ts) for assistants such as VS Code or Cursor. Never /api: the window talks to
// the core over IPC, so nothing that drives the app (add a folder, import a model) is on
// the network. The bearer token is SIFT_API_TOKEN when set, else one generated once and
// kept in the data folder (mode 0600), so clients configured with it keep working across
// restarts. The token is not part of the state (which every transport can read); the
// desktop app's Settings view asks for it over its own IPC channel (bearerToken()).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SiftService } from '../api/contract.js';
import type { Embedder } from '../embedder/embedder.js';
import type { Logger } from '../log.js';
import { startHttpServer, type RunningServer } from './http-server.js';
import { generateApiToken } from './openai-api.js';

export interface LocalApiState {
  running: boolean;
  url?: string;
  /** Why the server is not running although the switch is on (port taken, ...). */
  error?: string;
}

export interface LocalApiSwitchOptions {
  service: SiftService;
  embedder: Embedder;
  tokenFile: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Tells the windows that the state changed. */
  onChange?: (state: LocalApiState) => void;
}

export class LocalApiSwitch {
  private server: RunningServer | undefined;
  private state: LocalApiState = { running: false };
  /** Serialises start/stop so quick toggles cannot leave two servers. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: LocalApiSwitchOptions) {}

  current(): LocalApiState {
    return { ...this.state };
  }

  /** Brings the server in line with the switch and port. */
  apply(on: boolean, port: number): Promise<void> {
    this.chain = this.chain.then(() => this.reconcile(on, port));
    return this.chain;
  }

  private async reconcile(on: boolean, port: number): Promise<void> {
    if (this.server && (!on || this.server.port !== port)) {
      await this.server.close();
      this.server = undefined;
      this.set({ running: false });
    }
    if (!on || this.server) return;
    try {
      const token = await this.bearerToken();
      this.server = await startHttpServer({
        service: this.options.service,
        port,
        logger: this.options.logger,
        openai: { embedder: this.options.embedder, token, search: (request) => this.options.service.search(request) },
        // The MCP tools for assistants that connect by URL, behind the same token.
        mcp: { token },
      });
      this.options.logger?.log('info', `local API serving at ${this.server.url}`);
      this.set({ running: true, url: this.server.url });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'EADDRINUSE' ? `Port ${port} is already in use; choose another port.` : (error as Error).message;
      this.options.logger?.log('warn', `local API could not start: ${message}`);
      this.set({ running: false, error: message });
    }
  }

  /** The bearer token /v1 asks for (made and saved on first use). */
  async bearerToken(): Promise<string> {
    const fromEnv = (this.options.env ?? process.env).SIFT_API_TOKEN?.trim();
    if (fromEnv) return fromEnv;
    try {
      const saved = (await readFile(this.options.tokenFile, 'utf8')).trim();
      if (saved) return saved;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const token = generateApiToken();
    await mkdir(dirname(this.options.tokenFile), { recursive: true });
    await writeFile(this.options.tokenFile, `${token}\n`, { mode: 0o600 });
    return token;
  }

  private set(state: LocalApiState): void {
    this.state = state;
    this.options.onChange?.(this.current());
  }

  async close(): Promise<void> {
    await this.apply(false, 0);
  }
}
