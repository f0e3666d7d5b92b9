// The left navigation: Search, Folders, Models, Benchmark, Settings, with the folders'
// indexing state at a glance and the language switch at the bottom.
import { useI18n } from '../i18n/context.js';
import type { Locale } from '../i18n/locale.js';
import { IS_MAC } from '../hooks/use-hotkey.js';
import { VIEWS, type View } from '../hooks/use-view.js';
import { ChartIcon, CubeIcon, FolderIcon, GearIcon, Logo, SearchIcon } from './icons.js';
import { LanguageSwitch } from './LanguageSwitch.js';

const ICONS: Record<View, typeof SearchIcon> = {
  search: SearchIcon,
  folders: FolderIcon,
  models: CubeIcon,
  bench: ChartIcon,
  settings: GearIcon,
};

interface Props {
  view: View;
  onView(view: View): void;
  folderCount: number | null;
  indexing: boolean;
  onLanguage(locale: Locale): unknown;
}

export function NavRail({ view, onView, folderCount, indexing, onLanguage }: Props) {
  const { t } = useI18n();
  const mod = IS_MAC ? '⌘' : 'Ctrl+';
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="brand">
        <Logo />
        <div className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
      </div>
      <ul className="nav-list">
        {VIEWS.map((id, index) => {
          const Icon = ICONS[id];
          return (
            <li key={id}>
              <button
                type="button"
                className={id === view ? 'nav-item active' : 'nav-item'}
                aria-current={id === view ? 'page' : undefined}
                data-testid={`nav-${id}`}
                title={`${t(`nav.${id}`)} (${mod}${index + 1})`}
                onClick={() => onView(id)}
              >
                <Icon width={17} height={17} />
                <span className="nav-label">{t(`nav.${id}`)}</span>
                {id === 'folders' && indexing && <span className="spinner small" aria-label={t('state.indexing')} />}
                {id === 'folders' && !indexing && folderCount !== null && folderCount > 0 && <span className="count">{folderCount}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="nav-foot">
        <LanguageSwitch onChange={onLanguage} />
      </div>
    </nav>
  );
}
