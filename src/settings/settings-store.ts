// The settings file, <dataDir>/settings.json. Read once at start; every update is
// validated against the schema, then written to a temp file and renamed, so a crash never
// leaves a half-written file. A field that is missing or invalid in the file (hand edits,
// an older version) falls back to its default instead of discarding the others; a file
// that is not JSON at all is kept aside as *.corrupt (stored-json.ts, as folders.json).
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { SiftError, type ErrorDetail } from '../api/errors.js';
import { detailOfIssue } from '../api/issue-detail.js';
import type { Logger } from '../log.js';
import { readStoredJson, writeStoredJson } from '../stored-json.js';
import {
  defaultSettings,
  languageFor,
  SettingsPatchSchema,
  SettingsSchema,
  type Language,
  type Settings,
} from '../api/settings-contract.js';

export interface SettingsStoreOptions {
  logger?: Logger;
  /** The OS language for the default (e.g. Electron's app.getLocale()); else from the environment. */
  osLocale?: string;
}

/** The OS language as Node sees it: LC_ALL / LC_MESSAGES / LANG, then Intl. */
export function osLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (tag && tag !== 'C' && tag !== 'POSIX') return languageFor(tag);
  return languageFor(Intl.DateTimeFormat().resolvedOptions().locale);
}

/** The index location stored in `file` (the Settings view's "Index location"), read on its
 *  own before anything else: the writer lock of the index it names is taken before the
 *  settings are loaded. null when unset, invalid or unreadable (then the default applies,
 *  and the full load below reports a damaged file). */
export async function storedIndexLocation(file: string): Promise<string | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
  const value = typeof raw === 'object' && raw !== null ? (raw as { indexLocation?: unknown }).indexLocation : undefined;
  const field = SettingsPatchSchema.shape.indexLocation.safeParse(value);
  return field.success ? (field.data ?? null) : null;
}

/** Keeps each valid field of `raw`, the default for the rest; lists what it dropped. */
export function mergeStored(defaults: Settings, raw: unknown): { settings: Settings; dropped: string[] } {
  const dropped: string[] = [];
  const settings: Settings = { ...defaults };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { settings, dropped: raw === undefined ? [] : ['(whole file)'] };
  const shape = SettingsPatchSchema.shape;
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in shape)) {
      dropped.push(key);
      continue;
    }
    const field = shape[key as keyof typeof shape].safeParse(value);
    if (field.success) Object.assign(settings, { [key]: field.data });
    else dropped.push(key);
  }
  // Fields valid alone can clash (overlap too large for the chunk size): reset the overlap.
  if (!SettingsSchema.safeParse(settings).success) {
    settings.overlapTokens = defaults.overlapTokens;
    dropped.push('overlapTokens');
  }
  return { settings, dropped };
}

export class SettingsStore {
  private value: Settings;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(settings: Settings, changed: Array<keyof Settings>) => void>();
  /** Set when the stored file was corrupt at load: a sentence for the person. */
  problem: string | undefined;
  /** The same as a notice key, worded in the person's language by the window. */
  problemDetail: ErrorDetail | undefined;

  private constructor(
    private readonly file: string,
    initial: Settings,
    private readonly logger?: Logger,
  ) {
    this.value = initial;
  }

  static async load(file: string, options: SettingsStoreOptions = {}): Promise<SettingsStore> {
    const defaults = defaultSettings(options.osLocale ? languageFor(options.osLocale) : osLanguage());
    // No file yet is the normal first start.
    const stored = await readStoredJson(file, {
      what: 'The settings file',
      fallback: 'the default settings',
      notices: { setAside: 'settingsSetAside', notMoved: 'settingsNotMovedAside' },
      logger: options.logger,
      valid: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    });
    const { settings, dropped } = mergeStored(defaults, stored.value);
    if (dropped.length > 0) options.logger?.log('warn', `settings file ${file}: ignored invalid ${dropped.join(', ')}`);
    const store = new SettingsStore(file, settings, options.logger);
    store.problem = stored.problem;
    store.problemDetail = stored.problemDetail;
    return store;
  }

  current(): Settings {
    return { ...this.value, ignorePatterns: [...this.value.ignorePatterns], ocrLanguages: [...this.value.ocrLanguages] };
  }

  /** Validates the patch, merges it, saves, and returns the new settings. Updates run one
   *  after another, so two at once cannot lose each other's fields. */
  update(rawPatch: unknown): Promise<Settings> {
    const run = this.queue.then(() => this.apply(rawPatch));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(rawPatch: unknown): Promise<Settings> {
    const patch = parse(SettingsPatchSchema, rawPatch);
    const next = parse(SettingsSchema, { ...this.value, ...patch });
    const changed = (Object.keys(patch) as Array<keyof Settings>).filter(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(this.value[key]),
    );
    if (changed.length === 0) return this.current();
    // Saved first: a failed write leaves both the file and the settings in use as they were.
    await this.save(next);
    this.value = next;
    for (const listener of this.listeners) {
      try {
        listener(this.current(), changed);
      } catch (error) {
        // The change is saved; one consumer failing to follow it must not undo that.
        this.logger?.log('error', `settings listener failed: ${(error as Error).message}`);
      }
    }
    return this.current();
  }

  /** Called after each saved change with the new settings and the changed keys. */
  onChange(listener: (settings: Settings, changed: Array<keyof Settings>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async save(value: Settings): Promise<void> {
    try {
      await writeStoredJson(this.file, value);
    } catch (error) {
      throw new SiftError('internal', `Cannot save the settings to ${this.file}: ${(error as Error).message}`, {
        cause: error,
        detail: { key: 'settingsNotSaved', params: { file: this.file, reason: (error as Error).message } },
      });
    }
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  throw new SiftError('invalid_request', `${where}${issue?.message ?? 'Invalid settings.'}`, issue ? { detail: detailOfIssue(issue) } : undefined);
}
