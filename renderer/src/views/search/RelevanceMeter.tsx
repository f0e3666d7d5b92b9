// How well a hit answers the query, readable at a glance: three bars and a word (strong,
// good, weak) instead of a bare number; the number is in the tooltip. The scale and its
// cut-off are the core's (src/api/relevance.ts), the same for every query, so a weak
// best hit looks weak rather than 1.00.
import { relevanceLevel } from '../../../../src/api/relevance.js';
import { useI18n } from '../../i18n/context.js';
import './relevance.css';

const BARS = { strong: 3, good: 2, weak: 1 } as const;

export function RelevanceMeter({ relevance }: { relevance: number }) {
  const { t, locale } = useI18n();
  const level = relevanceLevel(relevance);
  const word = t(`relevance.${level}`);
  const value = relevance.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <span
      className={`relevance relevance-${level}`}
      data-testid="result-score"
      data-level={level}
      data-relevance={relevance}
      title={t('relevance.tooltip', { level: word, value })}
    >
      <span className="relevance-bars" aria-hidden="true">
        {[1, 2, 3].map((bar) => (
          <span key={bar} className={bar <= BARS[level] ? 'on' : undefined} />
        ))}
      </span>
      {word}
    </span>
  );
}
