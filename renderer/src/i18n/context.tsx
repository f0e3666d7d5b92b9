// React glue: the current locale, a setter that persists it, and `t`.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';
import { loadLocale, saveLocale, type Locale } from './locale.js';
import type { MessageKey, Messages, MessageVars } from './messages.js';
import { formatMessage } from './translate.js';
import { zhCN } from './zh-CN.js';

const dictionaries: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export type Translate = (key: MessageKey, vars?: MessageVars) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(loadLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = dictionaries[locale];
    const t: Translate = (key, vars) => formatMessage(locale, messages[key], vars);
    return { locale, setLocale, t };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>.');
  return value;
}
