export type Extracted = { ok: true; text: string; encoding: string } | { ok: false; reason: string };
