// A thin determinate bar; indeterminate (animated) while the total is still unknown.
interface Props {
  done: number;
  total: number;
  label: string;
}

export function ProgressBar({ done, total, label }: Props) {
  const known = total > 0;
  const percent = known ? Math.min(100, (done / total) * 100) : 0;
  return (
    <div
      className={known ? 'progress' : 'progress indeterminate'}
      data-testid="folder-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? total : undefined}
      aria-valuenow={known ? Math.floor(done) : undefined}
      data-done={Math.floor(done)}
      data-total={total}
    >
      <div className="progress-fill" style={known ? { width: `${percent}%` } : undefined} />
    </div>
  );
}
