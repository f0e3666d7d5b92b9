// English strings of the search view's preview pane and its keys.
import type { Message } from './messages.js';

export const enPreview = {
  'preview.label': 'Preview',
  'preview.textLabel': 'Text of {name}',
  'preview.lines': 'Lines {start}–{end} of {total}',
  'preview.reading': 'Reading {name}…',
  'preview.fromIndex': 'Text as Sift read it with OCR (this file is an image or a scan).',
  'preview.fromIndexHint': 'The file has no text layer; this is the text stored in the index when it was read.',
  'preview.changed': 'Changed since indexing',
  'preview.changedHint': 'The file was edited after Sift indexed it. This is its text now; the passage is found again where it can be.',
  'preview.missingTitle': 'This file is no longer there',
  'preview.missingHint': 'It was moved or deleted after Sift indexed it. The index drops it when the folder is next checked.',
  'preview.unreadableTitle': 'Sift cannot show this file’s text now',
  'preview.failedTitle': 'Preview failed',
  'preview.open': 'Open',
  'preview.reveal': 'Show in folder',
  'preview.copyPath': 'Copy path',
  'preview.show': 'Preview',
  'preview.back': 'Back to results',
  'preview.browserNote': 'Opening files works in the desktop app; here you can copy the path.',
  'preview.keysDesktop': 'Esc back to search · Enter open · Shift+Enter show in folder · {mod}+C copy path',
  'preview.keysBrowser': 'Esc back to search · {mod}+C copy path',
  'search.keysPreviewDesktop': '↑ ↓ select · Enter open · Shift+Enter show in folder · Tab or {mod}+Enter preview · {mod}+C copy path',
  'search.keysPreviewBrowser': '↑ ↓ select · Enter or Tab preview · {mod}+C copy path',
} as const satisfies Record<string, Message>;
