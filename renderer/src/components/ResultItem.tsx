// One search hit: file name, where it lives, line, score and the highlighted snippet.
import { useEffect, useRef } from 'react';
import type { SearchHit } from '../../../src/api/contract.js';
import { splitHighlights } from '../highlight.js';
import { useI18n } from '../i18n/context.js';
import { hitLocation } from '../paths.js';
import { FileIcon } from './icons.js';

interface Props {
  id: string;
  hit: SearchHit;
  selected: boolean;
  onSelect(): void;
  onActivate(): void;
}

export function ResultItem({ id, hit, selected, onSelect, onActivate }: Props) {
  const { t } = useI18n();
  const row = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (selected) row.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <li
      ref={row}
      id={id}
      className="result"
      role="option"
      aria-selected={selected}
      data-testid="result"
      data-path={hit.path}
      title={`${hit.path}\n${t('result.copy')}`}
      onMouseDown={(event) => event.preventDefault() /* keep focus in the search box */}
      onClick={onSelect}
      onDoubleClick={onActivate}
    >
      <div className="result-head">
        <FileIcon className="result-icon" />
        <span className="result-name">{hit.fileName}</span>
        <span className="result-folder">{hitLocation(hit.folder, hit.path)}</span>
        <span className="result-line">{t('result.line', { line: hit.line })}</span>
        <span className="result-score" data-testid="result-score" title={t('result.score')}>
          {hit.score.toFixed(2)}
        </span>
      </div>
      <p className="result-snippet">
        {splitHighlights(hit.snippet, hit.highlights).map((part, i) =>
          part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
        )}
      </p>
    </li>
  );
}
