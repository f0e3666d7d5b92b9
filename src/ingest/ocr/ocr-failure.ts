// OCR that failed for a reason only its message tells (a worker that died, an engine
// error): coded as a parse error of the OCR, its message as the detail.
import { notExtracted, type Extracted } from '../extract-result.js';

export function ocrUnreadable(message: string): Extracted & { ok: false } {
  return notExtracted({ code: 'parse-error', params: { format: 'OCR', detail: message } }, `could not be read by OCR (${message})`);
}
