// Display helpers for paths the core sends (POSIX or Windows separators).

function trimEnd(path: string): string {
  return path.length > 1 ? path.replace(/[\\/]+$/, '') : path;
}

/** Last segment: "/home/me/Notes" -> "Notes". The path itself for a root. */
export function baseName(path: string): string {
  const trimmed = trimEnd(path);
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut === -1 || cut === trimmed.length - 1 ? trimmed : trimmed.slice(cut + 1);
}

/** `path` relative to `root` when inside it, else `path` unchanged. */
export function relativeTo(root: string, path: string): string {
  const base = trimEnd(root);
  if (path.length > base.length && path.startsWith(base) && /[\\/]/.test(path.charAt(base.length))) {
    return path.slice(base.length + 1);
  }
  return path;
}

/** Folder part of a path: "a/b/c.txt" -> "a/b"; "" when there is none. */
export function dirName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/** Where a hit lives, for display: the root folder's name plus the subfolders below it. */
export function hitLocation(folder: string, path: string): string {
  const inside = dirName(relativeTo(folder, path));
  const name = baseName(folder);
  return inside && inside !== path ? `${name}/${inside.replace(/\\/g, '/')}` : name;
}
