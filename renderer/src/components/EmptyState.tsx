// A centred icon, title and hint for panes with nothing to show yet, plus an optional
// action (a button or a small form) under the hint.
import type { ReactNode } from 'react';

interface Props {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action?: ReactNode;
  testId?: string;
}

export function EmptyState({ icon, title, children, action, testId = 'empty-state' }: Props) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-icon">{icon}</div>
      <h2>{title}</h2>
      <p>{children}</p>
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
