// The small JSON files in the data folder (settings.json, folders.json), read and written
// one way everywhere. A file that cannot be read or parsed is never silently replaced:
// it is moved aside as <name>.<time>.corrupt (the person's data stays on disk to recover
// by hand), the problem is logged and returned for the UI, and start-up goes on with the
// defaults. Writes go to a unique temp file renamed over the old one, so a crash (or two
// writers) never leaves a half-written file.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from './log.js';

export interface StoredJson {
  /** The parsed content; undefined when there was no file (or it was corrupt). */
  value: unknown;
  /** Set when the file was unreadable or corrupt: a sentence for the person (English). */
  problem?: string;
  /** The same, as a notice key the window words in the person's language. */
  problemDetail?: StoredNotice;
}

/** A notice key with its parameters (the shape of src/api's ErrorDetail, which this
 *  bottom layer may not import). */
export interface StoredNotice {
  key: string;
  params: Record<string, string>;
}

/** The notices (renderer `notice.<key>`) for a file set aside, and for one that could not be. */
export interface SetAsideNotices {
  setAside: 'settingsSetAside' | 'foldersSetAside';
  notMoved: 'settingsNotMovedAside' | 'foldersNotMovedAside';
}

export interface ReadOptions {
  /** What the file is, for the message: "The settings file". */
  what: string;
  /** What start-up continues with: "the default settings". */
  fallback: string;
  notices: SetAsideNotices;
  logger?: Logger;
  /** Whether parsed JSON has the expected shape; false counts as corrupt. */
  valid?: (value: unknown) => boolean;
  now?: () => Date;
}

export async function readStoredJson(file: string, options: ReadOptions): Promise<StoredJson> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { value: undefined };
    return { value: undefined, ...(await setAside(file, `${code ?? (error as Error).message}`, options)) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { value: undefined, ...(await setAside(file, (error as Error).message, options)) };
  }
  if (options.valid && !options.valid(value)) return { value: undefined, ...(await setAside(file, 'not the expected content', options)) };
  return { value };
}

/** Moves a corrupt file to <file>.<time>.corrupt and says so. */
async function setAside(file: string, reason: string, options: ReadOptions): Promise<Required<Omit<StoredJson, 'value'>>> {
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.${stamp}.corrupt`;
  let problem: string;
  let problemDetail: StoredNotice;
  try {
    await rename(file, aside);
    problem = `${options.what} ${file} was unreadable (${reason}); it was kept as ${aside} and Sift started with ${options.fallback}.`;
    problemDetail = { key: options.notices.setAside, params: { file, aside, reason } };
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    problem = `${options.what} ${file} is unreadable (${reason}) and could not be moved aside (${why}); Sift started with ${options.fallback}.`;
    problemDetail = { key: options.notices.notMoved, params: { file, reason, why } };
  }
  options.logger?.log('warn', problem);
  return { problem, problemDetail };
}

/** Writes `value` as JSON through a temp file (unique per write) and a rename. */
export async function writeStoredJson(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(value, null, 2));
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
