// One file among the results: name, where it lives, score, and up to three passages
// (the best first) with the query's words highlighted. The selected row shows its
// actions: open and show in folder in the desktop app, copy the path in a browser.
import { useEffect, useRef, type MouseEvent } from 'react';
import type { SearchHit, SearchPassage } from '../../../../src/api/contract.js';
import { RELEVANCE_CUTOFF } from '../../../../src/api/relevance.js';
import { CopyIcon, FileIcon, FolderIcon, OpenIcon } from '../../components/icons.js';
import { splitHighlights } from '../../highlight.js';
import { useI18n } from '../../i18n/context.js';
import { hitLocation } from '../../paths.js';
import { RelevanceMeter } from './RelevanceMeter.js';

export interface HitActions {
  open(hit: SearchHit): void;
  reveal(hit: SearchHit): void;
  copy(hit: SearchHit): void;
}

interface Props {
  id: string;
  hit: SearchHit;
  selected: boolean;
  desktop: boolean;
  actions: HitActions;
  onSelect(): void;
  /** Double-click in a browser: the preview, as Enter does there (opening needs the app). */
  onPreview(): void;
}

const MAX_PASSAGES = 3;

function Snippet({ passage, className }: { passage: Pick<SearchPassage, 'snippet' | 'highlights'>; className: string }) {
  return (
    <p className={className}>
      {splitHighlights(passage.snippet, passage.highlights).map((part, i) =>
        part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </p>
  );
}

export function ResultItem({ id, hit, selected, desktop, actions, onSelect, onPreview }: Props) {
  const { t } = useI18n();
  const row = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (selected) row.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // Older cores send no `passages`; then the hit's own snippet is the only one.
  const passages: Array<Pick<SearchPassage, 'snippet' | 'highlights' | 'line'>> =
    hit.passages && hit.passages.length > 0 ? hit.passages.slice(0, MAX_PASSAGES) : [hit];
  const [best, ...more] = passages;
  const stop = (run: () => void) => (event: MouseEvent) => {
    event.stopPropagation();
    run();
  };

  return (
    <li
      ref={row}
      id={id}
      className={hit.relevance !== undefined && hit.relevance < RELEVANCE_CUTOFF ? 'result weak' : 'result'}
      role="option"
      aria-selected={selected}
      data-testid="result"
      data-path={hit.path}
      title={hit.path}
      onMouseDown={(event) => event.preventDefault() /* keep focus in the search box */}
      onClick={onSelect}
      onDoubleClick={() => (desktop ? actions.open(hit) : onPreview())}
    >
      <div className="result-head">
        <FileIcon className="result-icon" />
        <span className="result-name">{hit.fileName}</span>
        <span className="result-folder">{hitLocation(hit.folder, hit.path)}</span>
        <span className="result-actions">
          {desktop ? (
            <>
              <button type="button" className="chip-button" data-testid="result-open" onClick={stop(() => actions.open(hit))}>
                <OpenIcon width={13} height={13} />
                {t('result.open')}
              </button>
              <button type="button" className="chip-button" data-testid="result-reveal" onClick={stop(() => actions.reveal(hit))}>
                <FolderIcon width={13} height={13} />
                {t('result.reveal')}
              </button>
            </>
          ) : (
            <button type="button" className="chip-button" data-testid="result-copy" onClick={stop(() => actions.copy(hit))}>
              <CopyIcon width={13} height={13} />
              {t('result.copyPath')}
            </button>
          )}
        </span>
        {hit.relevance === undefined ? (
          // An older core sends no relevance: its score is all there is.
          <span className="result-score" data-testid="result-score" title={t('result.score')}>
            {hit.score.toFixed(2)}
          </span>
        ) : (
          <RelevanceMeter relevance={hit.relevance} />
        )}
      </div>
      {best && (
        <div className="passage best">
          <span className="passage-line">{t('result.line', { line: best.line })}</span>
          <Snippet passage={best} className="result-snippet" />
        </div>
      )}
      {more.map((passage) => (
        <div className="passage" key={passage.line} data-testid="result-passage">
          <span className="passage-line">{t('result.line', { line: passage.line })}</span>
          <Snippet passage={passage} className="result-snippet more" />
        </div>
      ))}
    </li>
  );
}
