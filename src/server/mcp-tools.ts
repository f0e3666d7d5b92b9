// Sift as a Model Context Protocol server: the tools an assistant (Claude Desktop, VS Code,
// Cursor, ...) calls to search the person's indexed folders and read what it found. One
// McpServer per connection, built over the contract's SiftService, so stdio (`sift mcp`)
// and Streamable HTTP (/mcp on the loopback server) offer exactly the same tools.
// Descriptions are written for the model that reads them: when to use a tool, what comes
// back, and how to follow up (search -> read_document at the hit's line).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { MAX_QUERY_CHARS, type SearchHit, type SiftService } from '../api/contract.js';
import { RELEVANCE_CUTOFF, relevanceLevel } from '../api/relevance.js';
import { SiftError, toWireError } from '../api/errors.js';
import type { Logger } from '../log.js';
import { appVersion } from '../paths.js';
import { readDocumentLines, type DocumentReadLimits } from './mcp-read-lines.js';

export interface McpToolsOptions {
  service: Pick<SiftService, 'search' | 'listFolders' | 'status'>;
  /** Default: Sift's package version. */
  version?: string;
  limits?: Partial<DocumentReadLimits>;
  logger?: Logger;
}

const SEARCH_DESCRIPTION = `Search the user's own documents (the folders they added to Sift: notes, PDFs, Word files, code, e-mails saved as files) by meaning and by words.
Use it whenever the user asks about something that may be written in their files, before answering from memory.
Returns the best matching files, best first, each with its absolute path, the 1-based line of the best passage, a relevance and up to 3 passages.
relevance (0..1) judges each hit on its own, the same scale for every query: >= 0.7 strong, >= 0.4 good, below 0.4 weak (likely not what was asked). When no hit reaches 0.4 the answer says there is no good match: say so rather than quoting weak hits as answers.
Write the query as a short phrase of what the text would say ("reset the router password"), not a question to you. Any language works.
Syntax: "exact phrase" (words next to each other), +word (must contain), -word (must not contain); plain words forgive typos.
To see more of a hit, call read_document with its path and a line range around the hit's line.`;

const READ_DESCRIPTION = `Read the text of one document from the user's indexed folders, whole or a range of lines, with line numbers.
Use it after search to see a hit in context: pass the hit's path and, for long files, startLine a little before the hit's line.
Works for every format Sift indexes (text, Markdown, code, HTML, PDF, Word, ...); for PDFs and office files the lines are those of the extracted text, which match the lines search reports.
Only files inside the added folders can be read; paths outside them are refused. Long documents come back in pieces: the answer says which lines it holds and how to ask for the next ones.`;

const FOLDERS_DESCRIPTION = `List the folders the user added to Sift, with each folder's indexing state (queued, scanning, indexing, watching = up to date and watched, paused, error), files indexed, files failed and chunks stored.
Use it to learn what the user's documents cover, to pick a folder filter for search, or to explain why something cannot be found (a folder still indexing or with errors).`;

const STATUS_DESCRIPTION = `Sift's state: version, the embedding model in use and its vector size, the number of chunks in the index, and whether folders are still being indexed.
Use it when search returns nothing or seems incomplete, to tell the user whether indexing is still under way.`;

export function createMcpServer(options: McpToolsOptions): McpServer {
  const server = new McpServer(
    { name: 'sift', title: 'Sift: search your own documents', version: options.version ?? appVersion() },
    {
      instructions:
        "Sift searches the user's own local documents. Call search first, then read_document on the paths it returns to quote or check details. Cite documents by path and line.",
    },
  );
  const { service } = options;

  /** A failure is the tool's answer (isError), so the model reads why and can fix its call. */
  const guarded = async (tool: string, work: () => Promise<CallToolResult>): Promise<CallToolResult> => {
    try {
      return await work();
    } catch (error) {
      const wire = toWireError(error);
      if (wire.code === 'internal') options.logger?.log('error', `MCP ${tool} failed: ${(error as Error).stack ?? error}`);
      return { isError: true, content: [{ type: 'text', text: wire.message }] };
    }
  };

  server.registerTool(
    'search',
    {
      title: 'Search documents',
      description: SEARCH_DESCRIPTION,
      inputSchema: {
        query: z.string().min(1).max(MAX_QUERY_CHARS).describe('What the text would say, a few words or a sentence.'),
        limit: z.number().int().min(1).max(50).optional().describe('How many files to return (1-50, default 10).'),
        mode: z
          .enum(['hybrid', 'vector', 'keyword'])
          .optional()
          .describe('hybrid (default): meaning and exact words; vector: meaning only; keyword: exact words only (names, codes, error messages).'),
        folder: z.string().optional().describe('Only files under this folder (an absolute path from list_folders).'),
        fileTypes: z.array(z.string()).optional().describe('Only these file extensions, without the dot, e.g. ["pdf", "md"].'),
        modifiedAfter: z.string().optional().describe('Only files modified on or after this date, ISO 8601 (e.g. "2024-01-31").'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guarded('search', async () => {
        const modifiedAfter = args.modifiedAfter === undefined ? undefined : parseDate(args.modifiedAfter);
        const { hits, hasMore } = await service.search({
          query: args.query,
          limit: args.limit ?? 10,
          mode: args.mode,
          folder: args.folder,
          fileTypes: args.fileTypes?.map((type) => type.replace(/^\./, '').toLowerCase()),
          modifiedAfter,
        });
        const results = hits.map(toResult);
        return {
          content: [{ type: 'text', text: formatHits(args.query, hits, hasMore === true) }],
          structuredContent: { results, hasMore: hasMore === true },
        };
      }),
  );

  server.registerTool(
    'read_document',
    {
      title: 'Read a document',
      description: READ_DESCRIPTION,
      inputSchema: {
        path: z.string().min(1).describe('Absolute path of the file, as search or list_folders gave it.'),
        startLine: z.number().int().min(1).optional().describe('First line to return (1-based, default 1).'),
        endLine: z.number().int().min(1).optional().describe('Last line to return, inclusive (default: as much as fits in one answer).'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    (args) =>
      guarded('read_document', async () => {
        const folders = (await service.listFolders({})).map((folder) => folder.path);
        const read = await readDocumentLines(args.path, folders, { startLine: args.startLine, endLine: args.endLine }, options.limits);
        const numbered = read.lines.map((line, i) => `${read.startLine + i}\t${line}`).join('\n');
        const more =
          read.endLine < read.totalLines
            ? `\n[Lines ${read.startLine}-${read.endLine} of ${read.totalLines}. For more, call read_document with startLine ${read.endLine + 1}.]`
            : `\n[Lines ${read.startLine}-${read.endLine} of ${read.totalLines}: the end of the file.]`;
        return {
          content: [{ type: 'text', text: `${read.path}\n${numbered}${read.lines.length > 0 ? '' : '(no lines in this range)'}${more}` }],
          structuredContent: { path: read.path, startLine: read.startLine, endLine: read.endLine, totalLines: read.totalLines, text: read.lines.join('\n') },
        };
      }),
  );

  server.registerTool(
    'list_folders',
    {
      title: 'List indexed folders',
      description: FOLDERS_DESCRIPTION,
      inputSchema: {},
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      guarded('list_folders', async () => {
        const folders = (await service.listFolders({})).map((folder) => ({
          path: folder.path,
          state: folder.state,
          filesIndexed: folder.filesIndexed ?? folder.filesDone,
          filesTotal: folder.filesTotal,
          filesSkipped: folder.filesSkipped ?? 0,
          filesFailed: folder.filesFailed,
          chunks: folder.chunks,
          ...(folder.message ? { message: folder.message } : {}),
        }));
        const text =
          folders.length === 0
            ? 'No folders are added to Sift yet: the user adds them in the Sift app (or with `sift index <folder>`).'
            : folders
                .map((f) => `${f.path}: ${f.state}, ${f.filesIndexed} files indexed, ${f.filesSkipped} skipped (binary, too large, excluded, ...), ${f.filesFailed} failed, ${f.chunks} chunks${f.message ? ` (${f.message})` : ''}`)
                .join('\n');
        return { content: [{ type: 'text', text }], structuredContent: { folders } };
      }),
  );

  server.registerTool(
    'index_status',
    {
      title: 'Index status',
      description: STATUS_DESCRIPTION,
      inputSchema: {},
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      guarded('index_status', async () => {
        const status = await service.status({});
        const busy = status.folders.filter((f) => f.state === 'queued' || f.state === 'scanning' || f.state === 'indexing');
        const summary = {
          version: status.version,
          model: status.model.name,
          dimensions: status.model.dimensions,
          chunks: status.chunks,
          folders: status.folders.length,
          foldersIndexing: busy.map((f) => f.path),
          foldersWithErrors: status.folders.filter((f) => f.state === 'error').map((f) => f.path),
        };
        const text =
          `Sift ${summary.version}, model ${summary.model} (${summary.dimensions} dimensions), ${summary.chunks} chunks from ${summary.folders} folders.` +
          (busy.length > 0 ? ` Still indexing: ${summary.foldersIndexing.join(', ')}.` : ' No indexing under way.') +
          (summary.foldersWithErrors.length > 0 ? ` Folders with errors: ${summary.foldersWithErrors.join(', ')}.` : '');
        return { content: [{ type: 'text', text }], structuredContent: summary };
      }),
  );

  return server;
}

function parseDate(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new SiftError('invalid_request', `modifiedAfter "${text}" is not a date; use ISO 8601 such as 2024-01-31.`);
  return ms;
}

function toResult(hit: SearchHit) {
  return {
    path: hit.path,
    line: hit.line,
    // The same field as the CLI's JSON and /v1/search (src/api/relevance.ts).
    relevance: hit.relevance,
    passages: hit.passages.map((passage) => ({ line: passage.line, relevance: passage.relevance, text: passage.snippet })),
  };
}

function formatHits(query: string, hits: SearchHit[], hasMore: boolean): string {
  if (hits.length === 0) return `No documents match "${query}". Try other words, mode "keyword" for exact names, or check list_folders.`;
  const lines = hits.map((hit, i) => {
    const passages = hit.passages.map((p) => `   line ${p.line}: ${p.snippet.replace(/\s+/g, ' ').trim()}`).join('\n');
    return `${i + 1}. ${hit.path}:${hit.line} (relevance ${hit.relevance.toFixed(2)}, ${relevanceLevel(hit.relevance)})\n${passages}`;
  });
  const noGoodMatch = hits.every((hit) => hit.relevance < RELEVANCE_CUTOFF)
    ? `No good match for "${query}": every hit below is weak (relevance under ${RELEVANCE_CUTOFF}), likely not what was asked.\n`
    : '';
  return noGoodMatch + lines.join('\n') + (hasMore ? '\n(More files match: raise limit to see them.)' : '');
}
