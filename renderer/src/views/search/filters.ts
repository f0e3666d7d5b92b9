// The search view's filter choices: file-type groups (as the extensions the core filters
// on) and time ranges. Labels come from the dictionaries by id.

export type TypeGroupId = 'all' | 'docs' | 'markdown' | 'text' | 'pdf' | 'word' | 'web' | 'code';

export const TYPE_GROUPS: ReadonlyArray<{ id: TypeGroupId; extensions: readonly string[] }> = [
  { id: 'all', extensions: [] },
  { id: 'docs', extensions: ['md', 'markdown', 'txt', 'pdf', 'docx', 'rst', 'org'] },
  { id: 'markdown', extensions: ['md', 'markdown', 'mdx'] },
  { id: 'text', extensions: ['txt', 'text', 'log', 'csv', 'tsv', 'rst', 'org', 'tex'] },
  { id: 'pdf', extensions: ['pdf'] },
  { id: 'word', extensions: ['docx'] },
  { id: 'web', extensions: ['html', 'htm', 'xhtml'] },
  // At most 32 (the contract's limit): the common languages and config files.
  {
    id: 'code',
    extensions: [
      'ts', 'tsx', 'js', 'jsx', 'mjs', 'py', 'go', 'rs', 'java', 'kt', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs',
      'swift', 'rb', 'php', 'lua', 'sh', 'sql', 'yaml', 'yml', 'toml', 'json', 'xml', 'css', 'scss', 'vue', 'dart', 'scala',
    ],
  },
];

export type DateRangeId = 'any' | 'day' | 'week' | 'month' | 'year';

const DAY_MS = 24 * 60 * 60 * 1000;

export const DATE_RANGES: ReadonlyArray<{ id: DateRangeId; withinMs: number }> = [
  { id: 'any', withinMs: 0 },
  { id: 'day', withinMs: DAY_MS },
  { id: 'week', withinMs: 7 * DAY_MS },
  { id: 'month', withinMs: 31 * DAY_MS },
  { id: 'year', withinMs: 366 * DAY_MS },
];

export function extensionsOf(id: TypeGroupId): readonly string[] {
  return TYPE_GROUPS.find((group) => group.id === id)?.extensions ?? [];
}

export function withinMsOf(id: DateRangeId): number {
  return DATE_RANGES.find((range) => range.id === id)?.withinMs ?? 0;
}
