// The home view: one search box (focused on open and by Mod+K), the mode and filters,
// results as you type with keyboard selection, more results on demand, and the empty,
// no-results and error states; the preview pane beside the results (PreviewPane.tsx), or
// in their place in a narrow window. Keys (search-keys.ts): Enter opens the selected file
// (desktop) or goes to the preview (browser); Shift+Enter shows it in its folder; Tab or
// Mod+Enter goes to the preview; Mod+C copies its path; Escape comes back.
// Hits under the relevance cut-off fold behind "Show N weaker matches"; when every hit
// is under it, the view says there is no good match and still offers them.
import { MAX_QUERY_CHARS } from '../../../../src/api/limits.js';
import { Fragment, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FolderInfo, SearchHit } from '../../../../src/api/contract.js';
import { toApiError } from '../../api/api-error.js';
import type { DesktopHelpers } from '../../api/client.js';
import { EmptyState } from '../../components/EmptyState.js';
import { FirstRunModel } from './FirstRunModel.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { FolderPlusIcon, SearchIcon } from '../../components/icons.js';
import type { AddFolders } from '../../hooks/use-add-folders.js';
import { useClient } from '../../hooks/use-client.js';
import { useFilePreview } from '../../hooks/use-file-preview.js';
import { IS_MAC, useModHotkey } from '../../hooks/use-hotkey.js';
import { useMediaQuery } from '../../hooks/use-media-query.js';
import type { Notice } from '../../hooks/use-notices.js';
import { useSearch } from '../../hooks/use-search.js';
import { useI18n } from '../../i18n/context.js';
import { baseName } from '../../paths.js';
import { AddFolder } from '../folders/AddFolder.js';
import { extensionsOf, withinMsOf } from './filters.js';
import { splitByCutoff } from '../../../../src/api/relevance.js';
import { PreviewPane } from './PreviewPane.js';
import { ResultItem, type HitActions } from './ResultItem.js';
import { searchBoxKey } from './search-keys.js';
import { SearchSyntaxHelp } from './SearchSyntaxHelp.js';
import { NO_FILTERS, SearchToolbar, type Filters } from './SearchToolbar.js';

interface Props {
  active: boolean;
  folders: FolderInfo[] | null;
  indexing: boolean;
  refreshKey: unknown;
  desktop: DesktopHelpers | null;
  adding: AddFolders;
  onShow(): void;
  onNotice(level: Notice['level'], message: string): void;
  /** A short confirmation that covers nothing ("Copied"). */
  onFlash(message: string): void;
}

/** Below this width the preview covers the results instead of standing beside them. */
const NARROW = '(max-width: 900px)';

function formatMs(ms: number, locale: string): string {
  return ms < 10 ? ms.toLocaleString(locale, { maximumFractionDigits: 1 }) : Math.round(ms).toLocaleString(locale);
}

export function SearchView({ active, folders, indexing, refreshKey, desktop, adding, onShow, onNotice, onFlash }: Props) {
  const { t, locale } = useI18n();
  const client = useClient();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>({ mode: 'hybrid', ...NO_FILTERS });
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const fileTypes = useMemo(() => extensionsOf(filters.type), [filters.type]);
  const result = useSearch(
    client,
    { query, mode: filters.mode, folder: filters.folder, fileTypes, withinMs: withinMsOf(filters.date) },
    refreshKey,
  );
  const [showWeak, setShowWeak] = useState(false);
  const { good, weak } = useMemo(() => splitByCutoff(result.hits), [result.hits]);
  // What the list shows (and the keyboard moves through): the good hits, then the weaker
  // ones once asked for.
  const hits = useMemo(() => (showWeak ? [...good, ...weak] : good), [good, weak, showWeak]);
  const noGoodMatch = good.length === 0 && weak.length > 0;
  // A narrow window (800 px) has no room beside the list: the preview covers it on demand.
  const narrow = useMediaQuery(NARROW);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [focusPreview, setFocusPreview] = useState(false);
  const previewBody = useRef<HTMLDivElement>(null);
  const current = hits[selected];
  const paneShown = current !== undefined && (!narrow || previewOpen);
  const previewState = useFilePreview(
    client,
    paneShown ? { path: current.path, line: current.line, query: result.query } : null,
    refreshKey,
  );

  useModHotkey('k', () => {
    onShow();
    input.current?.focus();
    input.current?.select();
  });

  useEffect(() => {
    if (active) input.current?.focus();
  }, [active]);

  // A new answer (not a further page) starts the selection at the top.
  useEffect(() => setSelected(0), [result.query, result.tookMs]);
  useEffect(() => setShowWeak(false), [result.query]);

  // A folder that was removed cannot stay a filter.
  useEffect(() => {
    if (filters.folder && folders && !folders.some((f) => f.path === filters.folder)) setFilters((f) => ({ ...f, folder: '' }));
  }, [folders, filters.folder]);

  const actions = useMemo<HitActions>(() => {
    const fail = (error: unknown) => onNotice('error', toApiError(error).message);
    return {
      open: (hit: SearchHit) => {
        desktop?.openPath(hit.path).then((how) => {
          if (how === 'revealed') onNotice('info', t('search.revealedInstead', { name: hit.fileName }));
        }, fail);
      },
      reveal: (hit: SearchHit) => void desktop?.revealPath(hit.path).catch(fail),
      copy: (hit: SearchHit) => {
        navigator.clipboard.writeText(hit.path).then(
          () => onFlash(t('search.copied', { path: baseName(hit.path) })),
          (error: unknown) => onNotice('warning', error instanceof Error ? error.message : String(error)),
        );
      },
    };
  }, [desktop, onNotice, onFlash, t]);

  // Into the preview: shown (a narrow window opens it over the list), then focused once rendered.
  const goToPreview = () => {
    setPreviewOpen(true);
    setFocusPreview(true);
  };
  // Crossing the width limit starts the narrow layout with the results in view.
  useEffect(() => setPreviewOpen(false), [narrow]);
  useEffect(() => {
    if (!focusPreview || !previewBody.current) return;
    previewBody.current.focus();
    setFocusPreview(false);
  });
  const backToSearch = () => {
    setPreviewOpen(false);
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      if (narrow && previewOpen) setPreviewOpen(false);
      else if (query) setQuery('');
      else return;
      event.preventDefault();
      return;
    }
    const box = event.currentTarget;
    const action = searchBoxKey(
      {
        key: event.key,
        shift: event.shiftKey,
        mod: IS_MAC ? event.metaKey : event.ctrlKey,
        alt: event.altKey,
        hasSelection: box.selectionStart !== box.selectionEnd,
      },
      desktop !== null,
      paneShown,
    );
    if (action === 'up' || action === 'down') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = action === 'down' ? 1 : -1;
      setSelected((i) => Math.min(hits.length - 1, Math.max(0, i + step)));
      return;
    }
    const hit = hits[selected];
    if (!action || !hit) return;
    event.preventDefault();
    if (action === 'open') actions.open(hit);
    else if (action === 'reveal') actions.reveal(hit);
    else if (action === 'copy') actions.copy(hit);
    else if (action === 'preview') goToPreview();
  };

  const hasFolders = folders === null ? null : folders.length > 0;
  const searched = result.query !== '' && !result.loading;
  const activeId = hits.length > 0 ? `result-${selected}` : undefined;
  const mod = IS_MAC ? '⌘' : 'Ctrl';
  const layout = !paneShown ? '' : narrow ? ' preview-open' : ' has-preview';

  return (
    <section className={`view view-search${layout}`} hidden={!active} aria-label={t('nav.search')} data-testid="view-search-layout">
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
          maxLength={MAX_QUERY_CHARS}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
          spellCheck={false}
          autoComplete="off"
        />
        <kbd className="search-kbd" title={t('search.shortcut')}>
          {mod} K
        </kbd>
        <SearchSyntaxHelp />
      </div>

      {/* Right after the box, so Tab goes from the box to the preview. */}
      {paneShown && (
        <PreviewPane
          hit={current}
          state={previewState}
          desktop={desktop !== null}
          overlay={narrow}
          actions={actions}
          bodyRef={previewBody}
          onBack={backToSearch}
        />
      )}

      <SearchToolbar filters={filters} folders={folders ?? []} onChange={setFilters} />

      <div className="search-meta" aria-live="polite">
        {result.loading && <span className="spinner" aria-label={t('search.searching')} />}
        {!result.error && result.query !== '' && result.tookMs !== null && (
          <>
            <span data-testid="search-count">
              {result.hasMore ? t('search.resultsMore', { count: result.hits.length }) : t('search.results', { count: result.hits.length })}
            </span>
            <span className="dot">·</span>
            <span data-testid="search-took">{t('search.took', { ms: formatMs(result.tookMs, locale) })}</span>
          </>
        )}
        {indexing && query.trim() !== '' && <span className="meta-note">{t('search.indexingHint')}</span>}
        {hits.length > 0 && narrow && !previewOpen && (
          <button type="button" className="chip-button meta-preview" data-testid="preview-show" onMouseDown={(event) => event.preventDefault()} onClick={goToPreview}>
            {t('preview.show')} <kbd>{mod}+Enter</kbd>
          </button>
        )}
        {hits.length > 0 && (
          <span className="meta-keys" data-testid="search-keys">
            {desktop ? t('search.keysPreviewDesktop', { mod }) : t('search.keysPreviewBrowser', { mod })}
          </span>
        )}
      </div>

      <div
        className="search-body"
        data-testid="search-body"
        data-query={result.query}
        data-mode={result.answered?.mode}
        data-filters={result.answered?.filters}
        data-loading={result.loading ? 'true' : 'false'}
      >
        {result.error && result.hits.length === 0 ? (
          <ErrorMessage testId="search-error" title={t('search.errorTitle')} error={result.error} />
        ) : result.hits.length > 0 ? (
          <>
            {noGoodMatch && (
              <div className="no-good-match" data-testid="no-good-match" role="status">
                <div className="empty-icon">
                  <SearchIcon width={20} height={20} />
                </div>
                <div>
                  <h2>{t('search.noGoodTitle', { query: result.query })}</h2>
                  <p>{t('search.noGoodHint')}</p>
                </div>
              </div>
            )}
            <ul className="results" id="search-results" role="listbox" aria-label={t('search.label')}>
              {hits.map((hit, index) => (
                <Fragment key={hit.path}>
                  {showWeak && index === good.length && good.length > 0 && (
                    <li className="weaker-heading" role="presentation" data-testid="weaker-heading">
                      {t('search.weakerHeading')}
                    </li>
                  )}
                  <ResultItem
                    id={`result-${index}`}
                    hit={hit}
                    selected={index === selected}
                    desktop={desktop !== null}
                    actions={actions}
                    onSelect={() => setSelected(index)}
                    onPreview={() => {
                      setSelected(index);
                      goToPreview();
                    }}
                  />
                </Fragment>
              ))}
            </ul>
            {weak.length > 0 && (
              <button
                type="button"
                className="button weaker-button"
                data-testid="search-weaker"
                aria-expanded={showWeak}
                aria-controls="search-results"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  setShowWeak((shown) => !shown);
                  setSelected((i) => Math.min(i, Math.max(0, good.length - 1)));
                }}
              >
                {showWeak ? t('search.weakerHide') : t('search.weakerShow', { count: weak.length })}
              </button>
            )}
            {result.error && <ErrorMessage compact testId="search-more-error" error={result.error} />}
            {result.hasMore && (
              <button
                type="button"
                className="button more-button"
                data-testid="search-more"
                disabled={result.loadingMore}
                onMouseDown={(event) => event.preventDefault()}
                onClick={result.loadMore}
              >
                {result.loadingMore ? t('search.loadingMore') : t('search.more')}
              </button>
            )}
          </>
        ) : hasFolders === false ? (
          <EmptyState
            icon={<FolderPlusIcon width={28} height={28} />}
            title={t('empty.title')}
            action={
              <>
                <AddFolder adding={adding} desktop={desktop} />
                <FirstRunModel />
              </>
            }
          >
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
    </section>
  );
}
