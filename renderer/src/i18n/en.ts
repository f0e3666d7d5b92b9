// English strings. This file (with en-views.ts) defines the set of keys; zh-CN must match it.
import { enUx2 } from './en-ux2.js';
import { enTestsets } from './en-testsets.js';
import { enFusion } from './en-fusion.js';
import { enQa } from './en-qa.js';
import { enErrors } from './en-errors.js';
import { enCore } from './en-core.js';
import { enEngine } from './en-engine.js';
import { enIssues } from './en-issues.js';
import { enRuntime } from './en-runtime.js';
import { enSharedIndex } from './en-shared-index.js';
import { enRelevance } from './en-relevance.js';
import { enPreview } from './en-preview.js';
import { enScale } from './en-scale.js';
import { enViews } from './en-views.js';
import type { Message } from './messages.js';

const enBase = {
  'app.name': 'Sift',
  'app.tagline': 'Local semantic search',
  'lang.label': 'Language',

  'nav.label': 'Views',
  'nav.search': 'Search',
  'nav.folders': 'Folders',
  'nav.models': 'Models',
  'nav.bench': 'Benchmark',
  'nav.settings': 'Settings',

  'search.placeholder': 'Search your folders by meaning…',
  'search.label': 'Search',
  'search.shortcut': 'Focus search',
  'search.results': { one: '{count} result', other: '{count} results' },
  'search.resultsMore': { one: '{count}+ result', other: '{count}+ results' },
  'search.took': '{ms} ms',
  'search.searching': 'Searching…',
  'search.idleTitle': 'Search by meaning',
  'search.idleHint': 'Type a question or a few words. Sift finds passages that mean the same thing, even when they use different words.',
  'search.noResultsTitle': 'No results',
  'search.noResultsHint': 'Try other words, another mode or fewer filters, or add the folder that holds what you are looking for.',
  'search.indexingHint': 'Some folders are still being indexed; more results may appear.',
  'search.errorTitle': 'Search failed',
  'search.copied': 'Copied {path}',
  'search.revealedInstead': '{name} could run as a program, so Sift shows it in its folder instead.',
  'search.more': 'More results',
  'search.loadingMore': 'Loading…',

  'mode.label': 'Search mode',
  'mode.hybrid': 'Hybrid',
  'mode.hybridHint': 'Meaning and exact words together (best for most searches)',
  'mode.vector': 'Meaning',
  'mode.vectorHint': 'Finds passages that mean the same, whatever words they use',
  'mode.keyword': 'Keywords',
  'mode.keywordHint': 'Finds the exact words you typed (names, codes, numbers)',

  'filter.folder': 'Folder',
  'filter.allFolders': 'All folders',
  'filter.type': 'File type',
  'filter.date': 'Modified',
  'filter.clear': 'Clear filters',
  'type.all': 'All types',
  'type.docs': 'Documents',
  'type.markdown': 'Markdown',
  'type.text': 'Plain text',
  'type.pdf': 'PDF',
  'type.word': 'Word',
  'type.web': 'Web pages',
  'type.code': 'Code',
  'date.any': 'Any time',
  'date.day': 'Past 24 hours',
  'date.week': 'Past week',
  'date.month': 'Past month',
  'date.year': 'Past year',

  'empty.title': 'Add a folder to start',
  'empty.hintDesktop': 'Drag a folder here, or choose one with “Add folder…”. Sift indexes it on this computer and keeps it up to date.',
  'empty.hintBrowser': 'Type the path of a folder and press “Add folder”. Sift indexes it on this computer and keeps it up to date.',

  'result.line': 'line {line}',
  'result.score': 'Relevance score',
  'result.open': 'Open',
  'result.reveal': 'Show in folder',
  'result.copyPath': 'Copy path',

  'folders.title': 'Folders',
  'folders.introDesktop': 'Sift watches these folders and keeps their index up to date. Drop a folder anywhere on the window to add it.',
  'folders.introBrowser': 'Sift watches these folders and keeps their index up to date.',
  'folders.loading': 'Loading…',
  'folders.loadFailed': 'Could not load folders',
  'folders.inputLabel': 'Folder path',
  'folders.inputPlaceholder': '/home/you/Documents',
  'folders.add': 'Add folder',
  'folders.pick': 'Add folder…',
  'folders.adding': 'Adding…',

  'state.queued': 'Queued',
  'state.scanning': 'Scanning',
  'state.indexing': 'Indexing',
  'state.watching': 'Watching',
  'state.paused': 'Paused',
  'state.error': 'Error',

  'folder.files': { one: '{done} of {total} file', other: '{done} of {total} files' },
  'folder.filesTotal': { one: '{count} file', other: '{count} files' },
  'folder.chunks': { one: '{count} chunk', other: '{count} chunks' },
  'folder.failed': { one: '{count} failed', other: '{count} failed' },
  'folder.failedList': { one: '{count} file could not be indexed', other: '{count} files could not be indexed' },
  'folder.rate': '{rate} chunks/s',
  'folder.eta': 'about {time} left',
  'folder.estimating': 'estimating time left…',
  'folder.ocrPages': 'OCR page {done} of {total}',
  'folder.passages': '{done} of {total} passages embedded',
  'folder.pause': 'Pause',
  'folder.resume': 'Resume',
  'folder.reindex': 'Re-index',
  'folder.reindexHint': 'Read every file again with the current settings (unchanged passages reuse their vectors)',
  'folder.remove': 'Remove',
  'folder.removeLabel': 'Remove {name}',
  'folder.removeConfirm': 'Stop watching this folder and delete its index? Your files stay untouched.',
  'folder.removing': 'Removing…',
  'folder.cancel': 'Cancel',

  'unit.h': 'h',
  'unit.min': 'min',
  'unit.s': 's',
  'unit.tokens': 'tokens',

  'drop.title': 'Drop folders to index them',
  'drop.hint': 'Sift indexes them on this computer and keeps them up to date.',
  'drop.browserTitle': 'Dropping works in the desktop app',
  'drop.browserHint': 'A browser does not reveal where dropped folders live. Type the folder path in Folders instead.',

  'status.connecting': 'Connecting…',
  'status.connected': 'Connected',
  'status.disconnected': 'Disconnected, reconnecting…',
  'status.model': 'Model',
  'status.dims': '{count} dims',
  'status.notLoaded': 'not loaded yet',
  'status.chunks': { one: '{count} chunk indexed', other: '{count} chunks indexed' },
  'status.indexing': 'Indexing {done} of {total} files',
  'status.unavailable': 'Status unavailable: {message}',

  'notice.dismiss': 'Dismiss',
  'error.unreachable': 'Cannot reach Sift. Is it still running?',

  'signin.title': 'Sign in to Sift',
  'signin.body':
    'This browser is not signed in. Open the sign-in link that `sift serve` printed in its terminal (it ends in ?token=…).',
  'signin.hint':
    'Each link signs in one browser once; after that the terminal shows a new one. Restarting `sift serve` signs every browser out.',
} as const satisfies Record<string, Message>;

export const en = { ...enBase, ...enViews, ...enIssues, ...enCore, ...enEngine, ...enPreview, ...enErrors, ...enUx2, ...enScale, ...enRelevance, ...enRuntime, ...enSharedIndex, ...enTestsets, ...enFusion, ...enQa } as const;
export type EnBaseKey = keyof typeof enBase;
