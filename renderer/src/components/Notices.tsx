// Toasts for `notice` events and small UI confirmations.
import type { Notice } from '../hooks/use-notices.js';
import { useI18n } from '../i18n/context.js';
import { detailText } from './ErrorMessage.js';
import { CloseIcon } from './icons.js';

export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss(id: number): void }) {
  const { t } = useI18n();
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-testid="notice">
          <span className="notice-text">{detailText('notice', n.detail, n.message, t)}</span>
          <button type="button" className="icon-button" aria-label={t('notice.dismiss')} onClick={() => onDismiss(n.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
