// What the core says about load (src/search/search-admission.ts), by detail key.
import type { Message } from './messages.js';

export const enScale = {
  'error.searchBusy': 'Sift is answering {count} searches at once. Try again in a moment.',
} as const satisfies Record<string, Message>;
