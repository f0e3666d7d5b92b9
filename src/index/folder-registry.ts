// The list of folders the person added, persisted as JSON in the data folder.
// Every change is a read-modify-write of the file under a lock (<file>.lock, file-lock.ts),
// queued one after another in this process: two folders added at once, by this process
// or another one sharing the data folder, are both kept. Written through a temp file and
// a rename (stored-json.ts), so a crash never leaves a half-written list; a corrupt list
// is kept aside as *.corrupt and Sift starts with an empty one.
import type { ErrorDetail } from '../api/errors.js';
import type { Logger } from '../log.js';
import { readStoredJson, writeStoredJson, type ReadOptions } from '../stored-json.js';
import { FileLock } from './file-lock.js';

export interface FolderEntry {
  path: string;
  addedAt: string;
}

/** A change waits this long for another process's change to the list to finish. */
const LIST_LOCK_WAIT_MS = 10_000;

export class FolderRegistry {
  private entries: FolderEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when the stored list was corrupt at load: a sentence for the person. */
  problem: string | undefined;
  /** The same as a notice key, worded in the person's language by the window. */
  problemDetail: ErrorDetail | undefined;

  private constructor(
    private readonly file: string,
    private readonly logger?: Logger,
  ) {}

  static async load(file: string, logger?: Logger): Promise<FolderRegistry> {
    const registry = new FolderRegistry(file, logger);
    const stored = await readStoredJson(file, registry.readOptions());
    registry.entries = entriesOf(stored.value);
    registry.problem = stored.problem;
    registry.problemDetail = stored.problemDetail;
    return registry;
  }

  list(): FolderEntry[] {
    return [...this.entries];
  }

  has(path: string): boolean {
    return this.entries.some((entry) => entry.path === path);
  }

  async add(path: string): Promise<void> {
    await this.change((entries) => (entries.some((entry) => entry.path === path) ? undefined : [...entries, { path, addedAt: new Date().toISOString() }]));
  }

  async remove(path: string): Promise<boolean> {
    return this.change((entries) => {
      const next = entries.filter((entry) => entry.path !== path);
      return next.length === entries.length ? undefined : next;
    });
  }

  /** Applies `edit` to the list as it is on disk now; undefined: nothing to change. */
  private change(edit: (entries: FolderEntry[]) => FolderEntry[] | undefined): Promise<boolean> {
    const run = this.queue.then(() =>
      FileLock.with(`${this.file}.lock`, { command: 'a change to the folder list', waitMs: LIST_LOCK_WAIT_MS }, async () => {
        const stored = await readStoredJson(this.file, this.readOptions());
        const current = stored.problem ? this.entries : entriesOf(stored.value);
        const next = edit(current);
        if (next) await writeStoredJson(this.file, { folders: next });
        this.entries = next ?? current;
        return next !== undefined;
      }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private readOptions(): ReadOptions {
    return {
      what: 'The folder list',
      fallback: 'an empty folder list (add the folders again)',
      notices: { setAside: 'foldersSetAside', notMoved: 'foldersNotMovedAside' },
      logger: this.logger,
      valid: (value) => typeof value === 'object' && value !== null && Array.isArray((value as { folders?: unknown }).folders),
    };
  }
}

function entriesOf(value: unknown): FolderEntry[] {
  const folders = (value as { folders?: unknown } | undefined)?.folders;
  if (!Array.isArray(folders)) return [];
  return folders.filter(
    (entry): entry is FolderEntry => typeof entry === 'object' && entry !== null && typeof (entry as FolderEntry).path === 'string',
  );
}
