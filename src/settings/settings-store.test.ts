import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiftError } from '../api/errors.js';
import { defaultSettings, languageFor, SettingsPatchSchema } from '../api/settings-contract.js';
import { mergeStored, osLanguage, SettingsStore } from './settings-store.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'sift-settings-')), 'settings.json');

describe('languageFor / osLanguage', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en_US.UTF-8', 'en'],
    ['de-DE', 'en'],
    [undefined, 'en'],
  ] as const)('%s -> %s', (tag, expected) => {
    expect(languageFor(tag)).toBe(expected);
  });

  it('reads LC_ALL before LANG and skips the C locale', () => {
    expect(osLanguage({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(osLanguage({ LANG: 'zh_CN.GB18030' })).toBe('zh-CN');
    expect(['en', 'zh-CN']).toContain(osLanguage({ LANG: 'C' }));
  });
});

describe('mergeStored', () => {
  const defaults = defaultSettings('en');
  it.each([
    ['no file', undefined, {}, []],
    ['valid fields kept', { theme: 'dark', chunkTokens: 512 }, { theme: 'dark', chunkTokens: 512 }, []],
    ['invalid field dropped, others kept', { theme: 'purple', maxFileMB: 10 }, { maxFileMB: 10 }, ['theme']],
    ['unknown key dropped', { colour: 'red' }, {}, ['colour']],
    ['overlap too large for the chunk size reset', { chunkTokens: 64, overlapTokens: 40 }, { chunkTokens: 64 }, ['overlapTokens']],
    ['not an object', [1, 2], {}, ['(whole file)']],
  ] as const)('%s', (_name, raw, expected, dropped) => {
    const result = mergeStored(defaults, raw);
    expect(result.settings).toEqual({ ...defaults, ...expected });
    expect(result.dropped).toEqual(dropped);
  });
});

describe('SettingsStore', () => {
  it('starts from the defaults, with the language from the OS', async () => {
    const store = await SettingsStore.load(tempFile(), { osLocale: 'zh-CN' });
    expect(store.current()).toEqual(defaultSettings('zh-CN'));
    expect(store.current()).toMatchObject({ theme: 'system', chunkTokens: 256, overlapTokens: 0, maxFileMB: 50, gpuBackend: 'auto', apiServer: false });
  });

  it('saves an update and reads it back after a restart', async () => {
    const file = tempFile();
    const store = await SettingsStore.load(file, { osLocale: 'en' });
    const seen: string[][] = [];
    store.onChange((_s, changed) => seen.push(changed));
    const next = await store.update({ language: 'zh-CN', chunkTokens: 512, ignorePatterns: ['*.log', ' build/ '] });
    expect(next).toMatchObject({ language: 'zh-CN', chunkTokens: 512, ignorePatterns: ['*.log', 'build/'] });
    expect(seen).toEqual([['language', 'chunkTokens', 'ignorePatterns']]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ language: 'zh-CN', chunkTokens: 512 });

    const again = await SettingsStore.load(file, { osLocale: 'en' });
    expect(again.current()).toEqual(next);
  });

  it.each([
    [{ chunkTokens: 10 }, /chunkTokens/],
    [{ theme: 'purple' }, /theme/],
    [{ overlapTokens: 200 }, /overlap must be less than half/],
    [{ nonsense: true }, /nonsense|Unrecognized/],
    [{ queryInstruction: '   ' }, /cannot be empty/],
  ])('refuses %j with a readable message and keeps the file', async (patch, message) => {
    const file = tempFile();
    const store = await SettingsStore.load(file, { osLocale: 'en' });
    await store.update({ theme: 'dark' });
    const before = readFileSync(file, 'utf8');
    const error = await store.update(patch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiftError);
    expect((error as SiftError).code).toBe('invalid_request');
    expect((error as SiftError).message).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(store.current().theme).toBe('dark');
  });

  it('keeps both of two concurrent updates', async () => {
    const file = tempFile();
    const store = await SettingsStore.load(file, { osLocale: 'en' });
    await Promise.all([store.update({ theme: 'dark' }), store.update({ maxFileMB: 5 })]);
    const again = await SettingsStore.load(file, { osLocale: 'en' });
    expect(again.current()).toMatchObject({ theme: 'dark', maxFileMB: 5 });
  });

  it('survives a corrupt file: defaults now, a good file after the next save', async () => {
    const file = tempFile();
    writeFileSync(file, '{ not json');
    const logged: string[] = [];
    const store = await SettingsStore.load(file, { osLocale: 'en', logger: { log: (_l, m) => logged.push(m) } });
    expect(store.current()).toEqual(defaultSettings('en'));
    expect(logged.join('\n')).toMatch(/unreadable/);
    // Kept aside as <file>.<time>.corrupt, never silently overwritten, and said so.
    const aside = readdirSync(dirname(file)).filter((name) => name.endsWith('.corrupt'));
    expect(aside).toEqual([expect.stringMatching(/^settings\.json\.\d{4}-\d\d-\d\dT[\d-]+Z\.corrupt$/)]);
    expect(readFileSync(join(dirname(file), aside[0]!), 'utf8')).toBe('{ not json');
    expect(store.problem).toMatch(/^The settings file .* was unreadable \(.*\); it was kept as .*\.corrupt and Sift started with the default settings\.$/);
    // The window words it in the person's language from the key (notice.settingsSetAside).
    expect(store.problemDetail).toEqual({ key: 'settingsSetAside', params: { file, aside: join(dirname(file), aside[0]!), reason: expect.any(String) } });
    await store.update({ theme: 'light' });
    expect(JSON.parse(readFileSync(file, 'utf8')).theme).toBe('light');
  });

  it('keeps a file that is JSON but not a settings object aside too', async () => {
    const file = tempFile();
    writeFileSync(file, '[1, 2]');
    const store = await SettingsStore.load(file, { osLocale: 'en' });
    expect(store.current()).toEqual(defaultSettings('en'));
    expect(store.problem).toMatch(/not the expected content/);
    expect(readdirSync(dirname(file)).some((name) => name.endsWith('.corrupt'))).toBe(true);
  });

  it('the patch schema knows every settings field', () => {
    expect(Object.keys(SettingsPatchSchema.shape).sort()).toEqual(Object.keys(defaultSettings('en')).sort());
  });
});
