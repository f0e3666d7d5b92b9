// The "?" beside the search box: a small popover with the query syntax ("exact phrase",
// +word, -word; typos forgiven), parsed by the core (src/search/query-syntax.ts). It
// closes on Escape, on a second click and when focus leaves it.
import { Fragment, useId, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/context.js';
import './relevance.css';

export function SearchSyntaxHelp() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
    }
  };
  const rows = [
    ['syntax.examplePhrase', 'syntax.phrase'],
    ['syntax.exampleRequired', 'syntax.required'],
    ['syntax.exampleExcluded', 'syntax.excluded'],
  ] as const;
  return (
    <div className="search-help" onBlur={onBlur} onKeyDown={onKeyDown}>
      <button
        type="button"
        className="search-help-button"
        data-testid="search-help"
        aria-label={t('syntax.button')}
        title={t('syntax.button')}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        ?
      </button>
      {open && (
        <div className="search-help-popover" id={id} role="dialog" aria-label={t('syntax.title')} data-testid="search-help-popover" tabIndex={-1}>
          <h3>{t('syntax.title')}</h3>
          <dl>
            {rows.map(([example, meaning]) => (
              <Fragment key={example}>
                <dt>
                  <code>{t(example)}</code>
                </dt>
                <dd>{t(meaning)}</dd>
              </Fragment>
            ))}
          </dl>
          <p>{t('syntax.typos')}</p>
        </div>
      )}
    </div>
  );
}
