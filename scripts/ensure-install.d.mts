export const BUILD_OUTPUTS: string[];
export const TEST_SYSTEM_FILES: { file: string; what: string }[];
export function installNeeded(dir?: string): string | null;
export function systemPackagesMissing(): string | null;
export function ensureInstalled(options?: { browser?: boolean; who?: string }): void;
