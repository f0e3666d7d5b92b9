// Title bar: app name and the language switch.
import { useI18n } from '../i18n/context.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { Logo } from './icons.js';

export function Header() {
  const { t } = useI18n();
  return (
    <header className="header">
      <div className="brand">
        <Logo />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <LanguageSwitch />
    </header>
  );
}
