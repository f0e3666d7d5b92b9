// `sift mcp`: the MCP tools over stdio, for an assistant's config file (Claude Desktop,
// VS Code, Cursor). The assistant starts this process and speaks JSON-RPC on its stdin and
// stdout, so stdout carries the protocol and nothing else: anything else that writes to
// process.stdout (a library's console.log) is sent to stderr instead, and logs go to
// stderr and the log file. The index is opened read-only, without the writer lock, so the
// desktop app or `sift serve` can keep indexing and watching next to it; each search sees
// what they have committed.
import { Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createCore, type CoreConfig } from '../core.js';
import { createMcpServer } from '../server/mcp-tools.js';

export async function runMcp(config: CoreConfig): Promise<number> {
  const protocolOut = claimStdout();
  const core = await createCore({ ...config, access: 'read' });
  const server = createMcpServer({ service: core.service, logger: config.logger });
  const transport = new StdioServerTransport(process.stdin, protocolOut);
  const closed = new Promise<void>((resolveClosed) => {
    transport.onclose = () => resolveClosed();
  });
  await server.connect(transport);
  config.logger?.log('info', `MCP server on stdio, index ${config.dbUri} (read-only)`);
  // The assistant ends the session by closing stdin (or by a signal).
  const ended = new Promise<void>((resolveEnded) => {
    process.stdin.once('end', resolveEnded);
    process.once('SIGINT', resolveEnded);
    process.once('SIGTERM', resolveEnded);
  });
  await Promise.race([closed, ended]);
  await server.close();
  await core.close();
  return 0;
}

/** A stream to the real stdout for the protocol; process.stdout.write goes to stderr. */
function claimStdout(): Writable {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
    (process.stderr.write as (...args: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      write(chunk, (error) => callback(error ?? null));
    },
  });
}
