// A file issue (code + params from the core) in the reader's language; the core's English
// sentence where the code is unknown to this build (an older or newer core).
import type { FileIssue } from '../../../../src/api/contract.js';
import type { Translate } from '../../i18n/context.js';
import { en } from '../../i18n/en.js';
import type { MessageKey } from '../../i18n/messages.js';

const isKey = (key: string): key is MessageKey => key in en;

/** A parameter that names a known thing (a rule, a file type, an error) is translated too. */
function word(t: Translate, group: string, value: string | number | undefined): string | number | undefined {
  if (typeof value !== 'string') return value;
  const key = `issue.${group}.${value}`;
  return isKey(key) ? t(key) : value;
}

export function issueText(t: Translate, issue: FileIssue): string {
  const params = issue.params ?? {};
  let key = `issue.${issue.code ?? ''}`;
  if (issue.code === 'binary' && params.format === undefined) key = 'issue.binaryPlain';
  if (issue.code === 'no-text' && params.detail !== undefined) key = 'issue.no-textDetail';
  if (issue.code === 'ocr-unavailable' && params.file !== undefined) key = 'issue.ocr-unavailableData';
  if (!issue.code || !isKey(key)) return issue.reason;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) vars[name] = value;
  if (params.rule !== undefined) vars.rule = word(t, 'rule', params.rule)!;
  if (params.type !== undefined) vars.type = word(t, 'type', params.type)!;
  if (params.error !== undefined) vars.error = word(t, 'error', params.error)!;
  // A detail Sift wrote itself comes with a key (and a count); a parser library's message
  // stays as it came.
  const detailKey = `issue.detail.${String(params.detailKey ?? '')}`;
  if (params.detailKey !== undefined && isKey(detailKey)) vars.detail = t(detailKey, params);
  return t(key, vars);
}
