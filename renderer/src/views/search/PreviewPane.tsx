// The preview pane: the selected hit's file around its passage, the passage tinted and
// scrolled into view, the query's words marked; the file's state when it cannot be shown
// (gone, unreadable, changed since indexing). Its text area takes focus (Tab from the
// search box, Mod+Enter, or Enter in a browser) and scrolls with the keyboard; Escape goes
// back to the search box. Open and show in folder exist only in the desktop app; a
// browser says so and offers the path to copy instead.
import { useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { SearchHit } from '../../../../src/api/contract.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { AlertIcon, CopyIcon, FileIcon, FolderIcon, OpenIcon } from '../../components/icons.js';
import type { useFilePreview } from '../../hooks/use-file-preview.js';
import { IS_MAC } from '../../hooks/use-hotkey.js';
import { useI18n } from '../../i18n/context.js';
import type { Part } from '../../highlight.js';
import { hitLocation } from '../../paths.js';
import { previewSections } from '../../preview-parts.js';
import { issueText } from '../folders/issue-text.js';
import type { HitActions } from './ResultItem.js';
import { previewPaneKey } from './search-keys.js';

interface Props {
  hit: SearchHit;
  state: ReturnType<typeof useFilePreview>;
  desktop: boolean;
  /** Narrow window: the pane covers the results and has a way back. */
  overlay: boolean;
  actions: HitActions;
  /** The focusable text area (the search view focuses it). */
  bodyRef: RefObject<HTMLDivElement | null>;
  onBack(): void;
}

function Parts({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

export function PreviewPane({ hit, state, desktop, overlay, actions, bodyRef, onBack }: Props) {
  const { t, locale } = useI18n();
  const { preview, error, loading } = state;
  const mod = IS_MAC ? '⌘' : 'Ctrl';
  const current = preview?.path === hit.path ? preview : null;
  const scrolledFor = useRef<string | null>(null);

  // Each new preview opens at its passage (the first marked word in it, else its start),
  // a third of the way down; scrolling by hand afterwards is left alone.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !current || current.state !== 'ok' || scrolledFor.current === state.shownKey) return;
    scrolledFor.current = state.shownKey;
    const target = body.querySelector<HTMLElement>('.preview-passage mark') ?? body.querySelector<HTMLElement>('.preview-passage');
    body.scrollTop = target ? Math.max(0, target.offsetTop - body.clientHeight / 3) : 0;
  }, [bodyRef, current, state.shownKey]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const selection = window.getSelection();
    const action = previewPaneKey(
      {
        key: event.key,
        shift: event.shiftKey,
        mod: IS_MAC ? event.metaKey : event.ctrlKey,
        alt: event.altKey,
        hasSelection: !!selection && !selection.isCollapsed && selection.toString() !== '',
      },
      desktop,
    );
    // Enter on a button presses that button.
    if (!action || (event.key === 'Enter' && event.target !== bodyRef.current)) return;
    event.preventDefault();
    if (action === 'back') onBack();
    else if (action === 'open') actions.open(hit);
    else if (action === 'reveal') actions.reveal(hit);
    else if (action === 'copy') actions.copy(hit);
  };

  const sections = current?.state === 'ok' ? previewSections(current.text, current.passage, current.highlights) : null;
  const number = (n: number) => n.toLocaleString(locale);
  const stateName = current ? current.state : error ? 'error' : 'loading';

  return (
    <section
      className={overlay ? 'preview-pane overlay' : 'preview-pane'}
      aria-label={t('preview.label')}
      data-testid="preview-pane"
      data-state={stateName}
      data-loading={loading ? 'true' : 'false'}
      data-path={current?.path ?? ''}
      onKeyDown={onKeyDown}
    >
      <header className="preview-head">
        {overlay && (
          <button type="button" className="chip-button" data-testid="preview-back" onClick={onBack}>
            ← {t('preview.back')}
          </button>
        )}
        <FileIcon className="result-icon" />
        <span className="result-name" title={hit.path}>
          {hit.fileName}
        </span>
        <span className="result-folder">{hitLocation(hit.folder, hit.path)}</span>
        <span className="preview-actions">
          {desktop && (
            <>
              <button type="button" className="chip-button" data-testid="preview-open" onClick={() => actions.open(hit)}>
                <OpenIcon width={13} height={13} />
                {t('preview.open')}
              </button>
              <button type="button" className="chip-button" data-testid="preview-reveal" onClick={() => actions.reveal(hit)}>
                <FolderIcon width={13} height={13} />
                {t('preview.reveal')}
              </button>
            </>
          )}
          <button type="button" className="chip-button" data-testid="preview-copy" onClick={() => actions.copy(hit)}>
            <CopyIcon width={13} height={13} />
            {t('preview.copyPath')}
          </button>
        </span>
      </header>
      {!desktop && (
        <p className="preview-note" data-testid="preview-browser-note">
          {t('preview.browserNote')}
        </p>
      )}
      {current?.changed && (
        <p className="preview-changed" data-testid="preview-changed" title={t('preview.changedHint')}>
          <AlertIcon width={13} height={13} className="preview-changed-icon" />
          <strong>{t('preview.changed')}</strong>
          <span className="preview-changed-hint">{t('preview.changedHint')}</span>
        </p>
      )}
      {current?.state === 'ok' && current.fromIndex && (
        <p className="preview-note" data-testid="preview-from-index" title={t('preview.fromIndexHint')}>
          {t('preview.fromIndex')}
        </p>
      )}
      <div
        ref={bodyRef}
        className={loading ? 'preview-body stale' : 'preview-body'}
        tabIndex={0}
        data-testid="preview-text"
        aria-label={t('preview.textLabel', { name: hit.fileName })}
        aria-busy={loading}
      >
        {sections ? (
          <div className="preview-text">
            <Parts parts={sections.before} />
            <span className="preview-passage" data-testid="preview-passage">
              <Parts parts={sections.passage} />
            </span>
            <Parts parts={sections.after} />
          </div>
        ) : error && !current ? (
          <ErrorMessage compact testId="preview-error" title={t('preview.failedTitle')} error={error} />
        ) : current?.state === 'missing' ? (
          <div className="preview-state" data-testid="preview-missing">
            <strong>{t('preview.missingTitle')}</strong>
            <span>{t('preview.missingHint')}</span>
          </div>
        ) : current?.state === 'unreadable' ? (
          <div className="preview-state" data-testid="preview-unreadable">
            <strong>{t('preview.unreadableTitle')}</strong>
            <span>{issueText(t, { path: current.path, reason: current.issue?.reason ?? '', code: current.issue?.code, params: current.issue?.params })}</span>
          </div>
        ) : (
          <div className="preview-state" data-testid="preview-loading">
            <span className="spinner" />
            <span>{t('preview.reading', { name: hit.fileName })}</span>
          </div>
        )}
      </div>
      <footer className="preview-foot">
        {current?.state === 'ok' && (
          <span data-testid="preview-lines">
            {t('preview.lines', { start: number(current.startLine), end: number(current.endLine), total: number(current.totalLines) })}
          </span>
        )}
        <span className="preview-keys">{desktop ? t('preview.keysDesktop', { mod }) : t('preview.keysBrowser', { mod })}</span>
      </footer>
    </section>
  );
}
