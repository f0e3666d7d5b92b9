// A row of mutually exclusive buttons (a radio group drawn as one control).
import type { KeyboardEvent } from 'react';

interface Props<T extends string> {
  value: T;
  options: ReadonlyArray<{ value: T; label: string; title?: string }>;
  onChange(value: T): void;
  label: string;
  testId: string;
}

export function Segmented<T extends string>({ value, options, onChange, label, testId }: Props<T>) {
  // Arrow keys move the choice, as in a native radio group.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const at = options.findIndex((o) => o.value === value);
    const next = options[(at + (event.key === 'ArrowRight' ? 1 : options.length - 1)) % options.length];
    if (next) onChange(next.value);
  };
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId} data-value={value} onKeyDown={onKeyDown}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={option.value === value}
          tabIndex={option.value === value ? 0 : -1}
          className={option.value === value ? 'segment active' : 'segment'}
          data-value={option.value}
          title={option.title}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
