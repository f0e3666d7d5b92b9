// The search pane: the query box (focused on open, Mod+K), results as you type with
// keyboard selection, and the empty, no-results and error states.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../src/api/contract.js';
import { useClient } from '../hooks/use-client.js';
import { IS_MAC, useModHotkey } from '../hooks/use-hotkey.js';
import type { Notice } from '../hooks/use-notices.js';
import { useSearch } from '../hooks/use-search.js';
import { useI18n } from '../i18n/context.js';
import { baseName } from '../paths.js';
import { EmptyState } from './EmptyState.js';
import { ErrorMessage } from './ErrorMessage.js';
import { FolderPlusIcon, SearchIcon } from './icons.js';
import { ResultItem } from './ResultItem.js';

interface Props {
  /** null while the folder list is loading. */
  hasFolders: boolean | null;
  indexing: boolean;
  refreshKey: unknown;
  desktop: boolean;
  onNotice(level: Notice['level'], message: string): void;
}

function formatMs(ms: number, locale: string): string {
  return ms < 10 ? ms.toLocaleString(locale, { maximumFractionDigits: 1 }) : Math.round(ms).toLocaleString(locale);
}

export function SearchView({ hasFolders, indexing, refreshKey, desktop, onNotice }: Props) {
  const { t, locale } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const result = useSearch(client, query, refreshKey);
  const { hits } = result;

  useModHotkey('k', () => {
    input.current?.focus();
    input.current?.select();
  });

  useEffect(() => setSelected(0), [hits]);

  const copyPath = (hit: SearchHit) => {
    navigator.clipboard.writeText(hit.path).then(
      () => onNotice('info', t('search.copied', { path: baseName(hit.path) })),
      (error: unknown) => onNotice('warning', error instanceof Error ? error.message : String(error)),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelected((i) => Math.min(hits.length - 1, Math.max(0, i + step)));
    } else if (event.key === 'Enter') {
      const hit = hits[selected];
      if (hit) copyPath(hit);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  const searched = result.query !== '' && !result.loading;
  const activeId = hits.length > 0 ? `result-${selected}` : undefined;

  return (
    <main className="search">
      <div className="search-box">
        <SearchIcon className="search-icon" width={18} height={18} />
        <input
          ref={input}
          data-testid="search-input"
          className="search-input"
          type="search"
          role="combobox"
          aria-label={t('search.label')}
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-activedescendant={activeId}
          aria-autocomplete="list"
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
          spellCheck={false}
          autoComplete="off"
        />
        <kbd className="search-kbd" title={t('search.shortcut')}>
          {IS_MAC ? '⌘' : 'Ctrl'} K
        </kbd>
      </div>

      <div className="search-meta" aria-live="polite">
        {result.loading && <span className="spinner" aria-label={t('search.searching')} />}
        {!result.error && result.query !== '' && result.tookMs !== null && (
          <>
            <span>{t('search.results', { count: hits.length })}</span>
            <span className="dot">·</span>
            <span data-testid="search-took">{t('search.took', { ms: formatMs(result.tookMs, locale) })}</span>
          </>
        )}
        {indexing && query.trim() !== '' && <span className="meta-note">{t('search.indexingHint')}</span>}
        {hits.length > 0 && <span className="meta-keys">{t('search.keysHint')}</span>}
      </div>

      <div
        className="search-body"
        data-testid="search-body"
        data-query={result.query}
        data-loading={result.loading ? 'true' : 'false'}
      >
        {result.error ? (
          <ErrorMessage testId="search-error" title={t('search.errorTitle')} error={result.error} />
        ) : hits.length > 0 ? (
          <ul className="results" id="search-results" role="listbox" aria-label={t('search.label')}>
            {hits.map((hit, index) => (
              <ResultItem
                key={`${hit.path}:${hit.line}`}
                id={`result-${index}`}
                hit={hit}
                selected={index === selected}
                onSelect={() => setSelected(index)}
                onActivate={() => copyPath(hit)}
              />
            ))}
          </ul>
        ) : hasFolders === false ? (
          <EmptyState icon={<FolderPlusIcon width={28} height={28} />} title={t('empty.title')}>
            {desktop ? t('empty.hintDesktop') : t('empty.hintBrowser')}
          </EmptyState>
        ) : searched ? (
          <EmptyState testId="no-results" icon={<SearchIcon width={28} height={28} />} title={t('search.noResultsTitle')}>
            {t('search.noResultsHint')}
          </EmptyState>
        ) : query.trim() === '' ? (
          <EmptyState icon={<SearchIcon width={28} height={28} />} title={t('search.idleTitle')}>
            {t('search.idleHint')}
          </EmptyState>
        ) : null}
      </div>
    </main>
  );
}
