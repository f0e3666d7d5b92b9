import { describe, expect, it } from 'vitest';
import { prepareAhead, type Prepared } from './tokenize-ahead.js';

const sizes = [3, 5, 2, 4, 1, 6];

describe('prepareAhead', () => {
  it('prepares every index once, in order, and submits slices of about sliceTokens tokens', async () => {
    const prepared: number[] = [];
    const slices: number[][] = [];
    await prepareAhead(
      [0, 1, 2, 3, 4, 5],
      (i) => (prepared.push(i), i === 2 ? undefined : sizes[i]),
      (n) => n,
      async (slice) => void slices.push(slice.map((p) => p.index)),
      8,
    );
    expect(prepared).toEqual([0, 1, 2, 3, 4, 5]);
    // 3 + 5 = 8 closes the first slice; index 2 is skipped; 4 + 1 + 6 closes the second.
    expect(slices).toEqual([[0, 1], [3, 4, 5]]);
  });

  it('hands a slice over before the next is prepared, and lets the event loop run in between', async () => {
    const events: string[] = [];
    await prepareAhead(
      [0, 1, 2, 3],
      (i) => (events.push(`prepare ${i}`), 4),
      (n) => n,
      async (slice) => {
        events.push(`submit ${slice.map((p) => p.index).join(',')}`);
        // What a finished decode's callback would do: runs before the next slice is prepared.
        setImmediate(() => events.push('event loop'));
      },
      8,
    );
    expect(events).toEqual(['prepare 0', 'prepare 1', 'submit 0,1', 'event loop', 'prepare 2', 'prepare 3', 'submit 2,3']);
  });

  it('waits for submitted slices before rethrowing a failed prepare', async () => {
    let finished = 0;
    const run = prepareAhead(
      [0, 1, 2],
      (i) => {
        if (i === 2) throw new Error('passage too long');
        return 8;
      },
      (n) => n,
      (slice: Prepared<number>[]) => new Promise<void>((resolve) => setTimeout(() => ((finished += slice.length), resolve()), 20)),
      8,
    );
    await expect(run).rejects.toThrow('passage too long');
    expect(finished).toBe(2);
  });

  it('rejects with a failed slice, stops preparing, and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const prepared: number[] = [];
      const run = prepareAhead(
        [0, 1, 2, 3, 4, 5],
        (i) => (prepared.push(i), 8),
        (n) => n,
        async (slice) => {
          if (slice[0]!.index === 0) throw new Error('the embedding model was unloaded');
        },
        8,
      );
      await expect(run).rejects.toThrow('unloaded');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
      expect(prepared.length).toBeLessThan(6);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
