// The list of folders the person added, persisted as JSON in the data folder. Written to
// a temp file and renamed, so a crash never leaves a half-written list.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FolderEntry {
  path: string;
  addedAt: string;
}

export class FolderRegistry {
  private entries: FolderEntry[] = [];

  private constructor(private readonly file: string) {}

  static async load(file: string): Promise<FolderRegistry> {
    const registry = new FolderRegistry(file);
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { folders?: FolderEntry[] };
      registry.entries = Array.isArray(parsed.folders) ? parsed.folders.filter((f) => typeof f.path === 'string') : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`The folder list ${file} is unreadable: ${(error as Error).message}`, { cause: error });
      }
    }
    return registry;
  }

  list(): FolderEntry[] {
    return [...this.entries];
  }

  has(path: string): boolean {
    return this.entries.some((entry) => entry.path === path);
  }

  async add(path: string): Promise<void> {
    if (this.has(path)) return;
    this.entries.push({ path, addedAt: new Date().toISOString() });
    await this.save();
  }

  async remove(path: string): Promise<boolean> {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.path !== path);
    if (this.entries.length === before) return false;
    await this.save();
    return true;
  }

  private async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ folders: this.entries }, null, 2));
    await rename(temp, this.file);
  }
}
