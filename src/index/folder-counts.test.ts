// The Folders view reads a folder's chunk count from listFolders; a window opened (or
// reloaded) in the middle of a long first pass saw "0 chunks" beside a bar at 80 %, since
// the count was only read from the index at the pass's end. Real parts: the core, the
// starter model, LanceDB in a temp folder, 1,200 small files (a commit every 500 files at most).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { makeFixtureFolder, makeTempDir, type FixtureFolder } from '../test-support/fixture-folder.js';

const WORDS = ['river', 'garden', 'engine', 'violin', 'harbor', 'meadow', 'lantern', 'canyon', 'orchard', 'glacier'];
const FILES: Record<string, string> = Object.fromEntries(
  Array.from({ length: 1200 }, (_, i) => [`notes/note-${i}.txt`, `Note ${i}: the ${WORDS[i % 10]} and the ${WORDS[(i * 7) % 10]} near the ${WORDS[(i * 3) % 10]}.`]),
);

let folder: FixtureFolder;
let data: Awaited<ReturnType<typeof makeTempDir>>;
let core: Core;

beforeAll(async () => {
  folder = await makeFixtureFolder(FILES);
  data = await makeTempDir();
  core = await createCore({ dataDir: data.path, logger: { log: () => undefined } });
});

afterAll(async () => {
  await core.close();
  await folder.remove();
  await data.remove();
});

it('a folder being indexed counts the chunks committed so far', async () => {
  const seen: Array<{ done: number; total: number; chunks: number }> = [];
  let indexing = true;
  const watch = (async () => {
    while (indexing) {
      const info = (await core.service.listFolders({})).find((f) => f.path === folder.root);
      if (info?.state === 'indexing' && info.filesDone > 0 && info.filesDone < info.filesTotal) {
        seen.push({ done: info.filesDone, total: info.filesTotal, chunks: info.chunks });
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const report = await core.indexFolder(folder.root);
  indexing = false;
  await watch;
  expect(report.filesIndexed).toBe(1200);
  // Mid-pass: every file is one chunk, so the count follows the files committed.
  expect(seen.length).toBeGreaterThan(0);
  for (const { done, chunks } of seen) expect(chunks).toBe(done);
  const after = (await core.service.listFolders({})).find((f) => f.path === folder.root)!;
  expect(after).toMatchObject({ state: 'watching', chunks: 1200 });
});
