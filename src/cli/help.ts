// The CLI's own words: `sift --help`, `sift <command> --help` and the one-line pointer
// under a refused option. bench and eval keep their detailed help next to their options
// (bench.ts, eval.ts); this page lists them so a person finds them.
import { defaultDataDir } from '../paths.js';

export const SEARCH_MODES = ['hybrid', 'vector', 'keyword'] as const;

/** The options every command takes, their descriptions starting at column `at`. */
function common(at = 20): string {
  const line = (flag: string, text: string) => `  ${flag.padEnd(at - 2)}${text}`;
  return [
    line('--db <dir>', `where the index lives (default: ${defaultDataDir()})`),
    line('--db s3://b/p', 'a shared index on S3 (keys: AWS_* variables; see the README)'),
    line('--roots <a=b>', 'show stored paths under a as b on this machine (SIFT_ROOTS)'),
    line('--model <file>', 'GGUF embedding model (default: the bundled starter model)'),
    line('--json', 'print one JSON document on stdout, nothing else'),
  ].join('\n');
}
const COMMON = common();

const COMMANDS: Record<string, { summary: string; help: string }> = {
  index: {
    summary: 'read a folder and add its files to the index (again: only what changed)',
    help: `Usage: sift index <folder> [options]

Reads every file Sift understands under <folder> (text, Markdown, code, HTML, PDF, Word,
EPUB, OpenDocument, PowerPoint, Excel, RTF; images by OCR when it is on), splits it into
passages and embeds them. Run it again to pick up changes: unchanged files are skipped.
Progress goes to stderr; the summary to stdout.

Options:
${COMMON}
  --wait <seconds>  if another Sift is writing the index, wait this long for it (default: 60)
  --progress-every <seconds>
                    a progress line on stderr this often when it is not a terminal
                    (default: 10; 0: none; off with --json unless given)

Stopped or killed, it resumes where it was: files already committed are not embedded again.

Examples:
  sift index ~/notes
  sift index ./papers --db /tmp/papers-index --json
  SIFT_REMOTE_URL=http://gpu:8000/v1 SIFT_REMOTE_MODEL=Qwen/Qwen3-Embedding-0.6B \\
    sift index /srv/share --db s3://team-index/sift`,
  },
  search: {
    summary: 'search the index by meaning and by words; best files first',
    help: `Usage: sift search "<query>" [options]

Prints the best matching files, each with its line, passage and relevance. Reads the
index only: it runs next to a running \`sift index\` or \`sift serve\`, and never creates
an index.

Relevance (0..1, the JSON's "relevance") judges each file on its own, the same scale for
every query: 0.7 and above strong, 0.4 and above good, below 0.4 weak. When no file
reaches 0.4, the output starts with "No good match".

Query syntax:
  "exact phrase"          the words next to each other, in this order
  +word                   must contain the word
  -word, -"a phrase"      must not contain it
  other words             scored, none required; a word the index lacks is matched
                          with a typo or two (pasword -> password)

Options:
  --limit <n>             how many files to show, 1 to 200 (default: 20)
  --offset <n>            skip this many files first, for the next page (default: 0)
  --mode <mode>           hybrid  meaning and words together (default)
                          vector  meaning only: finds paraphrases and other wordings
                          keyword words only: exact names, codes, numbers
  --type <ext,ext>        only these file types, by extension: md,pdf,docx,txt,...
  --folder <dir>          only files under this folder
  --modified-after <date> only files changed since then: 2024-01-31, or ms since 1970
  --reranker <file>       a GGUF reranker model; with --rerank, reorders the top results
  --rerank                rerank (needs --reranker)
${common(26)}

Exit status: 0 with results or none, 1 when nothing is indexed yet or the search failed,
2 for a bad option.

Examples:
  sift search "how do I reset my password"
  sift search "invoice 2024" --mode keyword --type pdf --limit 5
  sift search "meeting notes" --folder ~/work --modified-after 2024-06-01 --json
  sift search '"annual report" +2024 -draft'
  sift search "budget" --db s3://team-index/sift --roots /srv/share=/Volumes/share`,
  },
  serve: {
    summary: 'the Sift window in your browser, plus an OpenAI-compatible /v1 API',
    help: `Usage: sift serve [options]

Serves the Sift UI and its API on 127.0.0.1 and opens a one-time sign-in link in your
browser (also printed). /v1/embeddings answers other programs with the bearer token from
SIFT_API_TOKEN, or a fresh one printed to stderr.

Options:
  --port <n>        port on 127.0.0.1 (default: a free one)
  --no-open         print the sign-in link, do not open a browser
  --wait <seconds>  if another Sift is writing the index, wait this long for it (default: 0)
${COMMON}

Examples:
  sift serve
  sift serve --port 4100 --no-open`,
  },
  mcp: {
    summary: 'MCP tools over stdio for Claude Desktop, VS Code, Cursor (reads the index only)',
    help: `Usage: sift mcp [options]

Speaks the Model Context Protocol on stdin/stdout, so an assistant (Claude Desktop, VS Code,
Cursor) can search your index. Reads the index only: it runs next to \`sift index\` or the app.

Options:
${COMMON}

Example (an MCP client's configuration):
  { "command": "sift", "args": ["mcp"] }`,
  },
  eval: { summary: 'search quality of a model on test sets (top-1, MRR, nDCG@10 with intervals; --cross-validate)', help: '' },
  bench: { summary: 'embedding speed of a model (texts/s, tokens/s), optionally vs llama-server', help: '' },
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

export function mainHelp(version: string): string {
  const width = Math.max(...COMMAND_NAMES.map((name) => name.length));
  const list = COMMAND_NAMES.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`).join('\n');
  return `Sift ${version}: local semantic search over your own folders.

Usage: sift <command> [options]

Commands:
${list}

Options for every command:
${COMMON}
  -h, --help        this help; \`sift <command> --help\` for one command
  -v, --version     print the version

Examples:
  sift index ~/notes
  sift search "how do I reset my password" --limit 5
  sift serve

Remote embeddings: set SIFT_REMOTE_URL (and SIFT_REMOTE_MODEL, SIFT_REMOTE_KEY) to embed on
an OpenAI-compatible server instead of this machine.`;
}

/** The detailed help of index, search, serve or mcp; undefined for other names. */
export function commandHelp(command: string): string | undefined {
  const help = COMMANDS[command]?.help;
  return help ? help : undefined;
}

/** The line under a refused option: where the full story is. */
export function helpPointer(command: string | undefined): string {
  return command && COMMANDS[command] ? `Run "sift ${command} --help" for its options.` : 'Run "sift --help" for the commands.';
}
