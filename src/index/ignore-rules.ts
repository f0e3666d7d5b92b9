// What a scan and the watcher skip: hidden entries, .git, node_modules and friends, and
// whatever the folder's .gitignore files say (each .gitignore applies to its own folder
// and below, last matching rule wins, `!` re-includes, a trailing `/` means folders only),
// plus the person's own patterns from Settings, read as if they opened the root .gitignore.
// A .gitignore that exists but cannot be read is not taken as absent (that would index
// exactly what it excludes): everything under its folder counts as ignored, and the file
// is listed in `unreadable` so a scan can refuse with the reason.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv', 'target', 'dist-electron']);

export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

/** Linux's virtual file systems (processes, kernel, devices, runtime state): no documents,
 *  endless or blocking "files" (/proc/kcore, /dev/zero). Never scanned, even under an added
 *  `/`, and refused as folders (checked-folder.ts). */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev', '/run'];

/** Whether `path` (resolved) is one of those folders or inside one, on Linux. */
export function isSystemFolder(path: string, platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux' && SYSTEM_FOLDERS.some((folder) => path === folder || path.startsWith(`${folder}/`));
}

interface Rule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** One .gitignore line -> a rule matching paths relative to the .gitignore's folder. */
export function parseGitignoreLine(line: string): Rule | undefined {
  let pattern = line.replace(/(?<!\\)\s+$/, '');
  if (pattern === '' || pattern.startsWith('#')) return undefined;
  const negate = pattern.startsWith('!');
  if (negate) pattern = pattern.slice(1);
  pattern = pattern.replace(/^\\([#!])/, '$1');
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) pattern = pattern.slice(0, -1);
  // A slash at the start or in the middle anchors the pattern to the .gitignore's folder.
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (char === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]!);
    else source += escapeRegex(char);
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return { regex: new RegExp(`${prefix}${source}$`), negate, dirOnly };
}

function escapeRegex(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}

/** Stands for an unreadable .gitignore: matches everything below its folder. */
const EVERYTHING: Rule = { regex: /^/, negate: false, dirOnly: false };

export class IgnoreRules {
  /** Rules of each folder's .gitignore, read once per folder (null: none). */
  private readonly byDir = new Map<string, Rule[] | null>();
  /** .gitignore files that exist but could not be read, with the reason. */
  readonly unreadable: Array<{ path: string; reason: string }> = [];

  private readonly extra: Rule[];

  constructor(
    private readonly root: string,
    extraPatterns: readonly string[] = [],
  ) {
    this.extra = extraPatterns.map(parseGitignoreLine).filter((rule): rule is Rule => rule !== undefined);
  }

  /** True when `path` (under the root) should be skipped. */
  ignores(path: string, isDir: boolean): boolean {
    return this.why(path, isDir) !== undefined;
  }

  /** Which rule skips `path`, if any: a hidden entry, a tool or dependency folder
   *  (node_modules, .git, ...), or a pattern (.gitignore files, the person's own). */
  why(path: string, isDir: boolean): 'hidden' | 'folder-name' | 'pattern' | undefined {
    const rel = relative(this.root, path);
    if (rel === '' || rel.startsWith('..')) return undefined;
    if (isSystemFolder(path)) return 'folder-name';
    const parts = rel.split(sep);
    for (const part of parts) {
      if (part.startsWith('.')) return 'hidden';
      if (isIgnoredName(part)) return 'folder-name';
    }
    // A path is ignored if it or any folder above it is (git does not look inside an
    // ignored folder), checking from the top down.
    for (let depth = 1; depth <= parts.length; depth++) {
      const entry = join(this.root, ...parts.slice(0, depth));
      if (this.matches(entry, depth < parts.length || isDir)) return 'pattern';
    }
    return undefined;
  }

  private matches(path: string, isDir: boolean): boolean {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const rules = this.rulesIn(dir);
      const rel = relative(dir, path).split(sep).join('/');
      if (rules) {
        // Deeper .gitignore files take precedence: stop at the first folder with a match.
        for (let i = rules.length - 1; i >= 0; i--) {
          const rule = rules[i]!;
          if (rule.dirOnly && !isDir) continue;
          if (rule.regex.test(rel)) return !rule.negate;
        }
      }
      if (dir === this.root || dirname(dir) === dir) break;
    }
    return false;
  }

  private rulesIn(dir: string): Rule[] | null {
    const own = this.gitignoreIn(dir);
    if (dir !== this.root || this.extra.length === 0) return own;
    return [...this.extra, ...(own ?? [])];
  }

  private gitignoreIn(dir: string): Rule[] | null {
    let rules = this.byDir.get(dir);
    if (rules === undefined) {
      const file = join(dir, '.gitignore');
      try {
        const text = readFileSync(file, 'utf8');
        rules = text.split(/\r?\n/).map(parseGitignoreLine).filter((rule): rule is Rule => rule !== undefined);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') rules = null; // no .gitignore here: nothing to apply
        else {
          rules = [EVERYTHING];
          this.unreadable.push({ path: file, reason: code ?? (error as Error).message });
        }
      }
      this.byDir.set(dir, rules);
    }
    return rules;
  }
}
