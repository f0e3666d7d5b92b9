// Shown while files are dragged over the window. In a browser the real path of a dropped
// folder is hidden from the page, so there it explains what to do instead.
import { useI18n } from '../i18n/context.js';
import { DropIcon } from './icons.js';

export function DropOverlay({ visible, desktop }: { visible: boolean; desktop: boolean }) {
  const { t } = useI18n();
  if (!visible) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-live="assertive">
      <div className="drop-card">
        <DropIcon width={36} height={36} />
        <h2>{desktop ? t('drop.title') : t('drop.browserTitle')}</h2>
        <p>{desktop ? t('drop.hint') : t('drop.browserHint')}</p>
      </div>
    </div>
  );
}
