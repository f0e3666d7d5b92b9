// Maps items through an async function with at most `concurrency` calls in flight,
// yielding results in input order: the reader runs a few files ahead of the embedder
// without letting memory grow with the folder's size.
export async function* mapOrdered<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const inFlight: Array<Promise<R>> = [];
  let next = 0;
  const fill = () => {
    while (inFlight.length < concurrency && next < items.length) {
      const promise = fn(items[next++]!);
      // Rejections are observed when the consumer reaches them; avoid "unhandled" until then.
      promise.catch(() => undefined);
      inFlight.push(promise);
    }
  };
  fill();
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    fill();
    yield result;
  }
}
