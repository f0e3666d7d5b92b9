// An API error as a readable inline message (never a crash, never "[object Object]").
import type { ApiError } from '../api/api-error.js';
import { useI18n } from '../i18n/context.js';
import { AlertIcon } from './icons.js';

interface Props {
  error: ApiError;
  title?: string;
  testId: string;
  compact?: boolean;
}

export function ErrorMessage({ error, title, testId, compact }: Props) {
  const { t } = useI18n();
  const message = error.code === 'unreachable' ? t('error.unreachable') : error.message;
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
