// What the core says, in words, by the detail key it sends with an error or a notice
// (src/api/errors.ts ErrorDetail): `error.<key>` and `notice.<key>`, filled with its params.
import type { Message } from './messages.js';

export const enCore = {
  'error.folderRelative': 'Type the full path, e.g. {example}',
  'error.folderNotFound': 'Folder not found: {path}',
  'error.folderUnreadable': 'Cannot open the folder {path} ({reason}).',
  'error.notAFolder': 'This is a file, not a folder: {path}',
  'error.folderAlreadyAdded': '{path} is already in your folders. Sift keeps it up to date by itself.',
  'error.folderInsideAdded': '{path} is inside {folder}, which is already added: its files are already searched.',
  'error.folderContainsAdded': '{path} contains the added folder {folder}. Remove {folder} first, then add this one.',

  'error.folderSystem': '{path} is a system folder (processes, devices, kernel state), not documents: Sift does not index it.',
  'notice.sharedIndexReadOnly': '{command} (pid {pid} on {host}) is writing the shared index {index}; this Sift searches it read-only, and folders are indexed there.',
  'notice.settingsSetAside': 'The settings file {file} was unreadable ({reason}); it was kept as {aside} and Sift started with the default settings.',
  'notice.foldersSetAside': 'The folder list {file} was unreadable ({reason}); it was kept as {aside} and Sift started with an empty folder list: add your folders again.',
  'notice.settingsNotMovedAside': 'The settings file {file} is unreadable ({reason}) and could not be moved aside ({why}); Sift started with the default settings.',
  'notice.foldersNotMovedAside': 'The folder list {file} is unreadable ({reason}) and could not be moved aside ({why}); Sift started with an empty folder list.',
  'notice.passEnded': 'Finished {folder}: {indexed} files indexed, {unchanged} unchanged, {skipped} skipped, {failed} failed ({chunks} passages in {seconds} s).',
} as const satisfies Record<string, Message>;
