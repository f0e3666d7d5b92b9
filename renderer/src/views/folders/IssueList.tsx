// The files of one state (skipped or failed) behind an expandable summary: each with its
// path inside the folder and its reason in the reader's language.
import type { FileIssue } from '../../../../src/api/contract.js';
import { useI18n } from '../../i18n/context.js';
import { relativeTo } from '../../paths.js';
import { issueText } from './issue-text.js';

interface Props {
  folder: string;
  issues: readonly FileIssue[];
  /** All files in this state (the list may hold only the first of them). */
  count: number;
  summary: string;
  kind: 'skipped' | 'failed';
}

export function IssueList({ folder, issues, count, summary, kind }: Props) {
  const { t } = useI18n();
  const testId = kind === 'failed' ? 'folder-failure' : 'folder-skip';
  return (
    <details className={`folder-issues folder-issues-${kind}`} data-testid={kind === 'failed' ? 'folder-failures' : 'folder-skipped'}>
      <summary>{summary}</summary>
      <ul>
        {issues.map((issue) => (
          <li key={issue.path} data-testid={testId} data-code={issue.code}>
            <span className="failure-path" title={issue.path}>
              {relativeTo(folder, issue.path)}
            </span>
            <span className="failure-reason" title={issue.reason}>
              {issueText(t, issue)}
            </span>
          </li>
        ))}
      </ul>
      {count > issues.length && <p className="issues-truncated">{t('folder.listTruncated', { shown: issues.length, count })}</p>}
    </details>
  );
}
