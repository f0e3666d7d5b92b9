// Models view downloads and deletes, and the Benchmark view's comparison (issue 15).
import type { Message } from './messages.js';

export const enUx2 = {
  'download.retrying': 'Retrying',
  'models.retryState': 'retry {attempt} of {of} in {seconds} s',
  'models.retryNow': 'retry {attempt} of {of} now',
  'models.delete': 'Delete',
  'models.forget': 'Remove',
  'models.deleteLabel': 'Delete {name}',
  'models.deleteConfirm': 'Delete {name}? Its file ({size}) is removed from this computer; you can download it again later.',
  'models.forgetConfirm': 'Remove {name} from the list? The file stays where it is: {path}',
  'models.deleting': 'Deleting…',
  'models.inUseNoDelete': 'In use: switch to another model to delete this one',
  'models.bundledNoDelete': 'Ships with Sift; cannot be deleted',
} as const satisfies Record<string, Message>;
