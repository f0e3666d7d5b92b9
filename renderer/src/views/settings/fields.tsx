// Building blocks of the Settings view. A row has a label, a hint and the control; text
// and number fields keep a draft while the person types and save on Enter or when they
// leave the field, showing "Saved" or the reason it was refused right there.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../../api/api-error.js';
import { CheckIcon } from '../../components/icons.js';
import { useI18n } from '../../i18n/context.js';

export type SaveResult = ApiError | string | null;

interface RowProps {
  label: string;
  hint?: ReactNode;
  effect?: string;
  htmlFor?: string;
  children: ReactNode;
  status?: ReactNode;
  wide?: boolean;
}

export function SettingRow({ label, hint, effect, htmlFor, children, status, wide }: RowProps) {
  return (
    <div className={wide ? 'setting-row wide' : 'setting-row'}>
      <div className="setting-text">
        <label className="setting-label" htmlFor={htmlFor}>
          {label}
        </label>
        {hint && <p className="setting-hint">{hint}</p>}
        {effect && <p className="setting-effect">{effect}</p>}
      </div>
      <div className="setting-control">
        {children}
        {status}
      </div>
    </div>
  );
}

/** "Saved" for two seconds after a save, or the error until the next attempt. */
export function useSaveStatus() {
  const { t } = useI18n();
  const [state, setState] = useState<{ kind: 'idle' | 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const report = (result: SaveResult) => {
    window.clearTimeout(timer.current);
    if (result === null) {
      setState({ kind: 'saved' });
      timer.current = window.setTimeout(() => setState({ kind: 'idle' }), 2000);
    } else {
      setState({ kind: 'error', message: typeof result === 'string' ? result : result.message });
    }
  };

  const view =
    state.kind === 'saved' ? (
      <span className="save-status saved" data-testid="setting-saved">
        <CheckIcon width={13} height={13} />
        {t('settings.saved')}
      </span>
    ) : state.kind === 'error' ? (
      <span className="save-status error" role="alert" data-testid="setting-error">
        {state.message}
      </span>
    ) : null;

  return { report, view, failed: state.kind === 'error' };
}

interface DraftProps<T> {
  id: string;
  value: T;
  testId: string;
  /** Turns the text into a value, or returns a message saying what is wrong. */
  parse(text: string): { ok: true; value: T } | { ok: false; message: string };
  format(value: T): string;
  save(value: T): Promise<SaveResult>;
  multiline?: boolean;
  rows?: number;
  suffix?: string;
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  /** A single-line field as wide as its row (paths, URIs), not a short number box. */
  fullWidth?: boolean;
}

/** A text field or textarea bound to one setting. */
export function DraftField<T>({ id, value, testId, parse, format, save, multiline, rows = 4, suffix, inputMode, placeholder, fullWidth }: DraftProps<T>) {
  const [draft, setDraft] = useState(() => format(value));
  const [focused, setFocused] = useState(false);
  const status = useSaveStatus();
  const formatted = format(value);

  // Follow the saved value while the person is not editing.
  useEffect(() => {
    if (!focused && !status.failed) setDraft(formatted);
  }, [formatted, focused, status.failed]);

  const commit = async () => {
    if (draft === formatted) return;
    const parsed = parse(draft);
    if (!parsed.ok) return status.report(parsed.message);
    status.report(await save(parsed.value));
  };

  const common = {
    id,
    'data-testid': testId,
    value: draft,
    placeholder,
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      void commit();
    },
  };

  return (
    <div className="draft-field">
      <div className="draft-input">
        {multiline ? (
          <textarea className="text-area" rows={rows} {...common} />
        ) : (
          <input
            className={fullWidth ? 'text-input' : 'text-input narrow'}
            inputMode={inputMode}
            {...common}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void commit();
            }}
          />
        )}
        {suffix && <span className="field-suffix">{suffix}</span>}
      </div>
      {status.view}
    </div>
  );
}

export function Toggle({ id, checked, onChange, testId, label }: { id: string; checked: boolean; onChange(next: boolean): void; testId: string; label: string }) {
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      className={checked ? 'toggle on' : 'toggle'}
      data-testid={testId}
      onClick={() => onChange(!checked)}
    >
      <span className="toggle-knob" />
    </button>
  );
}

/** Whole numbers within [min, max]; the message names the range. */
export function intParser(min: number, max: number, message: string) {
  return (text: string): { ok: true; value: number } | { ok: false; message: string } => {
    const value = Number(text.trim());
    return Number.isInteger(value) && value >= min && value <= max ? { ok: true, value } : { ok: false, message };
  };
}
