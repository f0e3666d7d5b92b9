// llama.cpp's own llama-server as the benchmark's yardstick, on the same model file and
// texts: started per config, fed /v1/embeddings requests (64 texts each, 4 in flight,
// base64 vectors) as devkit/bench_server.py does, stopped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchEngine } from './measure.js';
import { cudaMatmulDefaultApplied, MMQ_MAX_BATCH_ENV } from '../embedder/llama-runtime.js';

export interface ServerConfig {
  /** Parallel slots (-np), batch (-b), micro-batch (-ub). */
  np: number;
  b: number;
  ub: number;
  /** --cache-ram 0: no copy of idle slots' KV cache to host RAM on every task. */
  cacheRamOff: boolean;
}

export function describeServerConfig(c: ServerConfig): string {
  return `np=${c.np},b=${c.b},ub=${c.ub}${c.cacheRamOff ? ',cram=0' : ''}`;
}

/** "np=8,b=4096,ub=2048,cram=0;np=32,b=16384,ub=4096" -> configs (unnamed keys keep defaults). */
export function parseServerConfigs(spec: string): ServerConfig[] {
  return spec
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const c: ServerConfig = { np: 8, b: 4096, ub: 2048, cacheRamOff: false };
      for (const kv of part.split(',')) {
        const [key, value] = kv.split('=').map((x) => x.trim());
        const n = Number(value);
        if (key === 'cram') c.cacheRamOff = value === '0';
        else if ((key === 'np' || key === 'b' || key === 'ub') && Number.isInteger(n) && n > 0) c[key] = n;
        else throw new Error(`bad llama-server config "${kv}" (expected np=, b=, ub=, cram=0)`);
      }
      return c;
    });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function decodeBase64Floats(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export class LlamaServer implements BenchEngine {
  private constructor(
    private readonly process: ChildProcess,
    readonly url: string,
    readonly logPath: string,
    readonly config: ServerConfig,
  ) {}

  /** Starts `binary` on `modelPath` and waits until /health answers (model loaded). */
  static async start(options: {
    binary: string;
    modelPath: string;
    config: ServerConfig;
    /** Context per slot (tokens). */
    slotContext: number;
    threads: number;
    gpu: boolean;
    timeoutMs?: number;
  }): Promise<LlamaServer> {
    const { config } = options;
    const port = await freePort();
    const args = [
      '-m', options.modelPath, '--embedding', '--host', '127.0.0.1', '--port', String(port),
      '-c', String(config.np * options.slotContext), '-np', String(config.np),
      '-b', String(config.b), '-ub', String(config.ub), '--cont-batching', '-t', String(options.threads),
      '-ngl', options.gpu ? '999' : '0',
      ...(config.cacheRamOff ? ['--cache-ram', '0'] : []),
    ];
    const logPath = join(tmpdir(), `sift-bench-llama-server-${port}.log`);
    const log = openSync(logPath, 'w');
    // The server is the stock yardstick: never the patched skip-logits behaviour, nor Sift's
    // own CUDA matmul default (a GGML_CUDA_MMQ_MAX_BATCH the process was started with passes
    // through: scripts/gpu/run.sh MMQ_SWEEP gives both engines the same switch).
    const env = { ...process.env };
    delete env.LLAMA_EMBD_SKIP_LOGITS;
    if (cudaMatmulDefaultApplied()) delete env[MMQ_MAX_BATCH_ENV];
    const child = spawn(options.binary, args, { stdio: ['ignore', log, log], env });
    closeSync(log);
    const server = new LlamaServer(child, `http://127.0.0.1:${port}`, logPath, config);
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    let exited = false;
    child.once('exit', () => (exited = true));
    child.once('error', () => (exited = true));
    while (Date.now() < deadline && !exited) {
      try {
        const response = await fetch(`${server.url}/health`);
        if (response.ok) return server;
      } catch {
        // not listening yet: the model is still loading
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await server.stop();
    throw new Error(`llama-server did not come up (${exited ? 'it exited' : 'timeout'}); log: ${server.logTail()}`);
  }

  /** The server's process id (for its GPU memory). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  logTail(lines = 15): string {
    try {
      return readFileSync(this.logPath, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch (error) {
      return `(no log: ${(error as Error).message})`;
    }
  }

  private async request(texts: string[]): Promise<{ vectors: Float32Array[]; promptTokens: number }> {
    const response = await fetch(`${this.url}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input: texts, model: 'm', encoding_format: 'base64' }),
    });
    if (!response.ok) throw new Error(`llama-server HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const body = (await response.json()) as { data: { index: number; embedding: string }[]; usage?: { prompt_tokens?: number } };
    const vectors: Float32Array[] = new Array(texts.length);
    for (const item of body.data) vectors[item.index] = decodeBase64Floats(item.embedding);
    return { vectors, promptTokens: body.usage?.prompt_tokens ?? 0 };
  }

  /** Tokens the server counted in the last embedDocuments call (usage.prompt_tokens). */
  lastPromptTokens = 0;

  async embedDocuments(texts: string[], perRequest = 64, inFlight = 4): Promise<Float32Array[]> {
    const out: Float32Array[] = new Array(texts.length);
    let next = 0;
    let tokens = 0;
    const worker = async () => {
      for (;;) {
        const start = next;
        next += perRequest;
        if (start >= texts.length) return;
        const { vectors, promptTokens } = await this.request(texts.slice(start, start + perRequest));
        vectors.forEach((v, i) => (out[start + i] = v));
        tokens += promptTokens;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    this.lastPromptTokens = tokens;
    return out;
  }

  async embedOneBatch(texts: string[]): Promise<Float32Array[]> {
    return (await this.request(texts)).vectors;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
