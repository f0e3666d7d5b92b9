// An API error as a readable inline message (never a crash, never "[object Object]").
import type { ErrorDetail } from '../../../src/api/errors.js';
import type { ApiError } from '../api/api-error.js';
import { useI18n, type Translate } from '../i18n/context.js';
import { en } from '../i18n/en.js';
import type { MessageKey } from '../i18n/messages.js';
import { AlertIcon } from './icons.js';

interface Props {
  error: ApiError;
  title?: string;
  testId: string;
  compact?: boolean;
}

export function ErrorMessage({ error, title, testId, compact }: Props) {
  const { t } = useI18n();
  const message = errorText(error, t);
  return (
    <div className={compact ? 'error-message compact' : 'error-message'} role="alert" data-testid={testId} data-code={error.code}>
      <AlertIcon className="error-icon" />
      <div>
        {title && <strong>{title}</strong>}
        <span className="error-text">{message}</span>
      </div>
    </div>
  );
}

/** The error in the UI's language where the core sent a detail this UI knows. */
export function errorText(error: ApiError, t: Translate): string {
  if (error.code === 'unreachable') return t('error.unreachable');
  return detailText('error', error.detail, error.message, t);
}

/** The Settings labels of the fields a request is checked on (src/api/settings-contract.ts). */
const FIELD_LABELS: Record<string, MessageKey> = {
  language: 'settings.language',
  theme: 'settings.theme',
  chunkTokens: 'settings.chunkTokens',
  overlapTokens: 'settings.overlap',
  ignorePatterns: 'settings.ignore',
  maxFileMB: 'settings.maxFile',
  queryInstruction: 'settings.instruction',
  gpuBackend: 'settings.gpu',
  ocr: 'settings.ocr',
  ocrLanguages: 'settings.ocrLanguages',
  apiServer: 'settings.apiServer',
  apiPort: 'settings.apiPort',
  dimensions: 'models.dimensionTitle',
  reranker: 'settings.reranker',
  rerank: 'settings.rerankMode',
  gpuMemoryMB: 'settings.gpuMemory',
  idleUnloadMinutes: 'settings.idleUnload',
  indexLocation: 'settings.indexLocation',
  indexRoots: 'settings.indexRoots',
};

/** `<kind>.<detail.key>` in the UI's language; the core's English sentence where there is
 *  no detail or this UI lacks its key (a newer core). */
export function detailText(kind: 'error' | 'notice', detail: ErrorDetail | undefined, english: string, t: Translate): string {
  // A notice may pass on an error (a model that failed to load): worded from error.<key>.
  return (detail && (wordDetail(kind, detail, t) ?? (kind === 'notice' ? wordDetail('error', detail, t) : undefined))) ?? english;
}

/** A detail in words, its parts worded first (a download's cause inside its failure);
 *  undefined when this UI lacks a key it needs. */
export function wordDetail(kind: 'error' | 'notice', detail: ErrorDetail, t: Translate): string | undefined {
  const key = `${kind}.${detail.key}`;
  if (!Object.prototype.hasOwnProperty.call(en, key)) return undefined;
  const params: Record<string, string | number> = { ...detail.params };
  // A settings field is named as the window labels it ("Chunk size"), not as the contract
  // spells it (chunkTokens); a field without a label here keeps its name.
  const label = typeof params.field === 'string' ? FIELD_LABELS[params.field] : undefined;
  if (label) params.field = t(label);
  for (const [name, part] of Object.entries(detail.parts ?? {})) {
    const worded = wordDetail(kind, part, t);
    if (worded === undefined) return undefined;
    params[name] = worded;
  }
  return t(key as MessageKey, params);
}
