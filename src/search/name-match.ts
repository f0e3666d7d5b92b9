// A query that is a file's name finds that file first. People type "GPL-3", "git-subtree"
// or "菜谱.txt" expecting the file of that name, but the name is not in the file's text
// (or is in many others' text, a changelog that mentions every file), so neither the
// vector nor the keyword side puts it first. The hybrid and keyword modes therefore look
// the query up among the indexed files' names too (the files table: one row per file),
// and a file whose name is the query leads the results, shown with its best passage.
import { basename } from 'node:path';
import type { ParsedQuery } from './query-syntax.js';

/** A file named by the query is at least a strong match (src/api/relevance.ts). */
export const NAME_MATCH_RELEVANCE = 0.9;
/** At most this many files are put first for one name (a name shared by many files,
 *  README or copyright, is not much of a pointer). */
export const MAX_NAME_MATCHES = 5;

/** The file name the query may be, lowercased; undefined when the query cannot be one:
 *  it excludes words, is a sentence (spaces, unless it ends in an extension, as in
 *  "meeting notes.md"), or is too short or long to tell. */
export function nameQuery(parsed: ParsedQuery): string | undefined {
  if (parsed.excluded.length > 0) return undefined;
  const name = parsed.meaning.trim().toLowerCase();
  if (name.length < 2 || name.length > 255 || /[\\/]/.test(name)) return undefined;
  if (/\s/.test(name) && !/\.[\p{L}\p{N}]{1,8}$/u.test(name)) return undefined;
  // Two characters only for a word in a script without spaces (菜谱), not "ab".
  if (name.length < 3 && !/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(name)) return undefined;
  return name;
}

/** Whether the file at `path` is named `name` (lowercased): its whole name, or its name
 *  without the last extension ("git-subtree" names git-subtree.txt and git-subtree). */
export function isNamed(path: string, name: string): boolean {
  const base = basename(path.replace(/\\/g, '/')).toLowerCase();
  if (base === name) return true;
  const dot = base.lastIndexOf('.');
  return dot > 0 && base.slice(0, dot) === name;
}

/** SQL LIKE patterns that the lowercased path of every file named `name` matches: the
 *  name right after a separator (`_`: / or \\), alone or before an extension. A wider net
 *  (`_` and `%` in the name match any character there); isNamed() decides. */
export function nameLikePatterns(name: string): string[] {
  return [`%_${name}`, `%_${name}.%`];
}
