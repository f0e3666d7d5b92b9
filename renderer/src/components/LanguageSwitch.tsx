// English / 中文. Language names stay in their own language so either can be found.
import { useI18n } from '../i18n/context.js';
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from '../i18n/locale.js';
import { GlobeIcon } from './icons.js';

export function LanguageSwitch({ onChange }: { onChange(locale: Locale): unknown }) {
  const { locale, t } = useI18n();
  return (
    <label className="lang-switch" title={t('lang.label')}>
      <GlobeIcon />
      <span className="visually-hidden">{t('lang.label')}</span>
      <select
        data-testid="lang-switch"
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) onChange(event.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
