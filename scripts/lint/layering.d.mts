export const LAYERS: Record<string, string[]>;
export function layerOf(file: string): string | null;
export function layeringViolation(file: string, source: string): string | null;
export const layeringPlugin: { rules: Record<string, unknown> };
