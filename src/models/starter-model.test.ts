/**
 * The committed starter model (resources/models/sift-starter-glove-100d.gguf, built by
 * scripts/build-starter-model.ts) run for real through node-llama-cpp on the CPU.
 */
import { fileURLToPath } from 'node:url';
import { getLlama, LlamaLogLevel, type Llama, type LlamaEmbeddingContext, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MODEL_PATH = fileURLToPath(new URL('../../resources/models/sift-starter-glove-100d.gguf', import.meta.url));

let llama: Llama;
let model: LlamaModel;
let ctx: LlamaEmbeddingContext;

beforeAll(async () => {
  llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  model = await llama.loadModel({ modelPath: MODEL_PATH });
  // the default of 6 threads oversubscribes small CI runners badly
  ctx = await model.createEmbeddingContext({ contextSize: 512, threads: llama.cpuMathCores });
});

afterAll(async () => {
  await ctx?.dispose();
  await model?.dispose();
  await llama?.dispose();
});

async function embed(text: string): Promise<number[]> {
  const v = [...(await ctx.getEmbeddingFor(text)).vector];
  const n = Math.hypot(...v);
  return n === 0 ? v : v.map((x) => x / n);
}
const cosine = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('starter model (GloVe 6B 100d as bert)', () => {
  it('describes itself', () => {
    const md = model.fileInfo.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(md.general).toMatchObject({ architecture: 'bert', name: 'Sift starter (GloVe 6B 100d)', license: 'PDDL-1.0' });
    expect(String(md.general!.description)).toMatch(/Pennington/);
    expect(md.bert!.pooling_type).toBe(1);
    expect(model.embeddingVectorSize).toBe(100);
    expect(model.getWarnings()).toEqual([]);
  });

  it('tokenizes lowercase whole words, with [CLS]/[SEP] added for embeddings', () => {
    const tokens = model.tokenize('Reset my password!');
    expect(tokens.map((t) => model.detokenize([t]))).toEqual(['reset', 'my', 'password', '!']);
    expect(ctx.calculateInputLength('Reset my password!')).toBe(tokens.length + 2);
  });

  it('ranks a paraphrase above an unrelated text', async () => {
    const query = await embed('reset my password');
    const related = cosine(query, await embed('recover account access'));
    const unrelated = cosine(query, await embed('the weather is sunny'));
    // measured: 0.31 vs -0.11
    expect(related).toBeGreaterThan(0.2);
    expect(unrelated).toBeLessThan(0.05);
    expect(related - unrelated).toBeGreaterThan(0.25);
  });

  it('gives a finite (zero) vector for stop-word-only text', async () => {
    const v = (await ctx.getEmbeddingFor('the of and')).vector;
    expect(v).toHaveLength(100);
    expect(v.every(Number.isFinite)).toBe(true);
  });

  it('retrieves the right document for paraphrased queries', async () => {
    const docs = [
      'Bake the bread in a hot oven until the crust turns golden brown.',
      'The bank raised interest rates on savings accounts and mortgage loans.',
      'The team won the football match after scoring a late goal.',
      'Heavy rain and strong winds are expected during the storm tomorrow.',
      'Change your password to keep hackers out of your email account.',
    ];
    const queries = [
      'recipe for baking a cake',
      'how much does borrowing money cost',
      'who scored in the soccer game',
      'forecast says it will be rainy and windy',
      'protect my login from being hacked',
    ];
    const docVectors: number[][] = [];
    for (const d of docs) docVectors.push(await embed(d));
    for (const [expected, q] of queries.entries()) {
      const qv = await embed(q);
      const scores = docVectors.map((d) => cosine(qv, d));
      expect(scores.indexOf(Math.max(...scores)), q).toBe(expected);
    }
  });
});
