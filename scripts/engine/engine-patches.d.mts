export function enginePatches(root: string, nodeLlamaCpp: string): Array<{ file: string; dir: string }>;
export function applyOnce(dir: string, patch: string): 'applied' | 'already applied';
