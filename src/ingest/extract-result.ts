export type Extracted = ({ ok: true; text: string; encoding: string } | { ok: false; reason: string }) & {
  /** A PDF's pages without a text layer (scans): OCR can read them in a second phase. */
  pagesWithoutText?: number;
};
