// IdleUnload with a real LlamaEmbedder (the bundled starter GGUF on the CPU) behind a
// ResidentEmbedder: 'never', busy work that defers the unload, and uses that wait for it.
import { afterEach, describe, expect, it } from 'vitest';
import { starterModelPath } from '../paths.js';
import { eventually } from '../test-support/fixture-folder.js';
import { LlamaEmbedder } from './llama-embedder.js';
import { ResidentEmbedder } from './resident-embedder.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ResidentEmbedder', () => {
  let resident: ResidentEmbedder | undefined;
  afterEach(async () => {
    await resident?.dispose();
    resident = undefined;
  });

  const make = (idleMs: number | null, busy = () => false) => {
    resident = new ResidentEmbedder(new LlamaEmbedder({ modelPath: starterModelPath(), gpu: false }), { idleMs: () => idleMs, busy });
    return resident;
  };

  it('unloads after the idle time and loads again on the next embed, same vectors', async () => {
    const embedder = make(150);
    const [first] = await embedder.embed(['reset my password'], 'query');
    expect(embedder.loadedInfo()).toBeDefined();
    await eventually(async () => embedder.idle.unloads === 1, 5000);
    expect(embedder.loadedInfo()).toBeUndefined();
    const [again] = await embedder.embed(['reset my password'], 'query');
    expect(Array.from(again!)).toEqual(Array.from(first!));
  });

  it("never unloads with 'never', and waits while something holds the model", async () => {
    const never = make(null);
    await never.load();
    await sleep(300);
    expect(never.loadedInfo()).toBeDefined();
    await never.dispose();

    let busy = true;
    const held = make(100, () => busy);
    await held.load();
    await sleep(400);
    expect(held.loadedInfo()).toBeDefined();
    busy = false;
    await eventually(async () => held.loadedInfo() === undefined, 5000);
  });

  it('a use that arrives during the unload waits for it and then loads', async () => {
    const embedder = make(100);
    await embedder.load();
    embedder.unloadWhenIdle();
    await sleep(0); // the unload has started
    const vectors = await Promise.all([embedder.embed(['one'], 'query'), embedder.embed(['two'], 'document')]);
    expect(vectors.flat()).toHaveLength(2);
    expect(embedder.loadedInfo()).toBeDefined();
    expect(embedder.idle.unloads).toBe(1);
  });

  it('an unload asked for while a use runs waits for it: the running embed is not cut off', async () => {
    const embedder = make(100);
    await embedder.load();
    // Without the guard, the pool's dispose would reject these queued texts ("the embedding
    // model was unloaded").
    const texts = Array.from({ length: 400 }, (_, i) => `passage number ${i} about passwords and accounts`);
    const running = embedder.embed(texts, 'document');
    embedder.unloadWhenIdle();
    expect(await running).toHaveLength(400);
    await eventually(async () => embedder.idle.unloads === 1, 5000);
  });
});
