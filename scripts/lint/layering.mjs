// The layering of src/, as an ESLint rule: an allow-list of the src/ folders each folder may
// import from (the way VS Code's `code-layering` works). A folder may always import its own
// files, npm packages and Node's built-ins. Do not relax these rules to make an import
// pass: move the code to the layer it belongs to, or pass the dependency in from above.
//
// From the bottom up: the contract and small leaves; ingest and the embedder; models and
// settings; the index; search; the pipeline of one model; the benchmarks built on it; the
// application (core.ts: settings, folders, watcher, models, local API); the transports
// (server) and the command line on top. Tests (*.test.ts) and src/test-support may import
// anything in src/; nothing shipped may import src/test-support.
import { dirname, relative, resolve, sep } from 'node:path';

const LEAVES = ['api', 'log', 'paths', 'seeded-random', 'stored-json'];
const ENGINES = [...LEAVES, 'ingest', 'embedder'];

/** folder (or top-level file without .ts) -> folders it may import from. */
export const LAYERS = {
  api: [],
  log: [],
  paths: [],
  'seeded-random': [],
  // The JSON files of the data folder (settings, folder list): read, kept aside, written.
  'stored-json': ['log'],
  // Process-level error handlers of the long-running hosts (sift serve, the Electron main).
  'process-guard': ['log'],
  ingest: LEAVES,
  embedder: LEAVES,
  models: [...ENGINES],
  settings: LEAVES,
  index: ENGINES,
  search: [...ENGINES, 'index'],
  pipeline: [...ENGINES, 'index', 'search'],
  bench: [...ENGINES, 'index', 'search', 'pipeline'],
  // The transports see the application only through the contract's SiftService.
  server: [...ENGINES],
  // The app's model runtime (memory budget, idle unload, the reranker chosen in Settings).
  'model-runtime': [...ENGINES, 'models', 'settings', 'search'],
  // What createCore takes and gives (CoreConfig, Core): types of the layers it composes.
  'core-config': [...ENGINES, 'models', 'index', 'search'],
  // A core's view of an index another process writes (roots map, committed folder list).
  'core-shared-index': [...ENGINES, 'index'],
  core: [...ENGINES, 'models', 'settings', 'index', 'search', 'pipeline', 'bench', 'server', 'model-runtime', 'core-config', 'core-shared-index'],
  cli: [...ENGINES, 'models', 'settings', 'index', 'search', 'pipeline', 'bench', 'server', 'core', 'process-guard'],
};

const srcRoot = resolve(dirname(new URL(import.meta.url).pathname), '..', '..', 'src');

/** 'src/index/indexer.ts' -> 'index'; 'src/core.ts' -> 'core'; outside src -> null. */
export function layerOf(file) {
  const rel = relative(srcRoot, file);
  if (rel.startsWith('..') || rel === '') return null;
  const first = rel.split(sep)[0];
  return first.replace(/\.(ts|js|mjs)$/, '');
}

/** Why `file` may not import `source`, or null. */
export function layeringViolation(file, source) {
  if (!source.startsWith('.')) return null;
  const from = layerOf(file);
  if (from === null) return null;
  const target = layerOf(resolve(dirname(file), source));
  if (target === null || target === from) return null;
  const isTest = /\.test\.tsx?$/.test(file);
  if (target === 'test-support') {
    return isTest || from === 'test-support' ? null : 'src/test-support is for tests: nothing shipped may import it.';
  }
  if (isTest || from === 'test-support') return null;
  const allowed = LAYERS[from];
  if (!allowed) return `src/${from} has no entry in the layering table (scripts/lint/layering.mjs): add it there.`;
  if (allowed.includes(target)) return null;
  return `src/${from} may not import src/${target} (allowed: ${allowed.join(', ') || 'nothing in src/'}). See docs/ARCHITECTURE.md.`;
}

const rule = {
  meta: { type: 'problem', docs: { description: 'Imports in src/ follow the layering allow-list.' }, schema: [] },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const check = (node, sourceNode) => {
      if (!sourceNode || typeof sourceNode.value !== 'string') return;
      const message = layeringViolation(file, sourceNode.value);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source : null),
    };
  },
};

export const layeringPlugin = { rules: { layering: rule } };
