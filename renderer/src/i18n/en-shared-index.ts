// English strings of Settings → Shared index (the index location and the folder mapping).
import type { Message } from './messages.js';

export const enSharedIndex = {
  'settings.sharedIndex': 'Index location',
  'settings.indexLocation': 'Index location',
  'settings.indexLocationHint':
    'Empty: in Sift’s data folder. An absolute folder, or s3://bucket/prefix for an index shared with other computers (keys from the AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_ENDPOINT_URL variables Sift is started with). While another computer writes a shared index, Sift searches it read-only.',
  'settings.indexLocationInvalid': 'Enter an absolute folder (/…, C:\\…) or s3://bucket/prefix, or leave it empty.',
  'settings.indexLocationDefault': 'In Sift’s data folder',
  'settings.indexRoots': 'Folder mapping',
  'settings.indexRootsHint':
    'For a shared index written on another computer: where its folders are on this one, as STORED=HERE pairs separated by commas, e.g. /srv/share=/Volumes/share. Results, folders and filters use the paths on this computer.',
  'settings.indexRootsInvalid': 'Write STORED=HERE pairs separated by commas, e.g. /srv/share=/Volumes/share.',
} as const satisfies Record<string, Message>;
