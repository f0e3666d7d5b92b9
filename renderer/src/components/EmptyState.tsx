// A centred icon, title and hint for panes with nothing to show yet.
import type { ReactNode } from 'react';

interface Props {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  testId?: string;
}

export function EmptyState({ icon, title, children, testId = 'empty-state' }: Props) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-icon">{icon}</div>
      <h2>{title}</h2>
      <p>{children}</p>
    </div>
  );
}
