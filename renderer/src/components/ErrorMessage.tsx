// An API error as a readable inline message (never a crash, never "[object Object]").
import type { ApiError } from '../api/api-error.js';
import { useI18n, type Translate } from '../i18n/context.js';
import { en } from '../i18n/en.js';
import type { MessageKey } from '../i18n/messages.js';
import { AlertIcon } from './icons.js';

interface Props {
  error: ApiError;
  title?: string;
  testId: string;
  compact?: boolean;
}

export function ErrorMessage({ error, title, testId, compact }: Props) {
  const { t } = useI18n();
  const message = errorText(error, t);
  return (
    <div className={compact ? 'error-message compact' : 'error-message'} role="alert" data-testid={testId} data-code={error.code}>
      <AlertIcon className="error-icon" />
      <div>
        {title && <strong>{title}</strong>}
        <span className="error-text">{message}</span>
      </div>
    </div>
  );
}

/** The error in the UI's language where the core sent a detail this UI knows (a newer
 *  core may send keys an older UI lacks: then its English sentence). */
export function errorText(error: ApiError, t: Translate): string {
  if (error.code === 'unreachable') return t('error.unreachable');
  const key = error.detail ? `error.${error.detail.key}` : undefined;
  if (key && Object.prototype.hasOwnProperty.call(en, key)) return t(key as MessageKey, error.detail!.params);
  return error.message;
}
