export function enginePatches(root: string, nodeLlamaCpp: string): Array<{ file: string; dir: string }>;
export function applyOnce(dir: string, patch: string): 'applied' | 'already applied';
export function releaseCmakeOptions(gpu: string, extra?: Record<string, string>): Record<string, string>;
export function defaultBuildFolder(platform: string, arch: string, gpu: string | false): string;
export function adoptBuild(localBuilds: string, builtFolder: string, defaultName: string, lastBuildJson?: string): string;
