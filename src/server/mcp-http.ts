// MCP over Streamable HTTP at /mcp on the loopback server, for assistants that connect by
// URL (VS Code, Cursor, LM Studio). Behind the same bearer token as /v1: 127.0.0.1 is
// shared by every user of the machine, and the tools read the person's documents.
// Stateless: each POST gets a fresh McpServer and transport and a JSON answer, so there
// are no sessions to keep, expire or hijack; GET (a server-to-client stream) and DELETE
// (end a session) answer 405, as the specification allows for a stateless server.
// The Host check of http-server.ts stops DNS rebinding; here any Origin header is refused
// too, since no web page should talk to this door (programs send no Origin).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { SiftService } from '../api/contract.js';
import type { Logger } from '../log.js';
import { bearerCheck } from './bearer-token.js';
import { API_BODY_LIMIT_BYTES, BodyError, readJsonBody } from './json-body.js';
import { createMcpServer } from './mcp-tools.js';

export interface McpHttpOptions {
  /** Every /mcp request must send `Authorization: Bearer <token>` (the /v1 token). */
  token: string;
}

export type McpHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createMcpHttpHandler(options: McpHttpOptions & { service: SiftService; logger?: Logger }): McpHttpHandler {
  const authorized = bearerCheck(options.token);

  return async (req, res) => {
    if (req.headers.origin !== undefined) return refuse(res, 403, 'MCP requests from web pages are not allowed.');
    if (!req.headers.authorization) {
      return refuse(res, 401, "No token: send 'Authorization: Bearer <token>' with the Local API token (Settings, or SIFT_API_TOKEN).");
    }
    if (!authorized(req)) return refuse(res, 401, 'Wrong token for the Sift MCP endpoint.');
    if (req.method !== 'POST') return refuse(res, 405, 'This MCP server is stateless: use POST.');
    let body: unknown;
    try {
      body = await readJsonBody(req, res, API_BODY_LIMIT_BYTES);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      return refuse(res, error.problem === 'too_large' ? 413 : 400, error.problem === 'too_large' ? 'The request is too large (limit 1 MB).' : 'The request body is not valid JSON.', -32700);
    }
    const server = createMcpServer({ service: options.service, logger: options.logger });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };
}

/** A JSON-RPC error without an id: what the SDK's client reads from a refused request. */
function refuse(res: ServerResponse, status: number, message: string, code = -32000): void {
  const text = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="sift"';
  if (status === 405) headers.allow = 'POST';
  res.writeHead(status, headers);
  res.end(text);
}
