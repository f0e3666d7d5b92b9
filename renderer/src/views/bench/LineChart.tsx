// A small time-series chart in plain SVG: the last few minutes of one figure, newest at
// the right, with a rounded-up scale and the scale's top and middle as grid lines. The
// SVG stretches to its box; labels are HTML so they never distort.
import { useId } from 'react';
import { niceCeiling } from './chart-scale.js';

interface Point {
  at: number;
  value: number;
}

interface Props {
  points: readonly Point[];
  /** Width of the time axis in ms, ending now. */
  windowMs: number;
  now: number;
  label: string;
  format(value: number): string;
  testId: string;
  /** Smallest top of the scale (a count of files reads badly as 0 / 0.5 / 1). */
  minTop?: number;
}

const W = 600;
const H = 140;

export function LineChart({ points, windowMs, now, label, format, testId, minTop = 1 }: Props) {
  const gradient = `chart-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const top = niceCeiling(Math.max(minTop, ...points.map((p) => p.value)));
  const x = (at: number) => Math.max(0, Math.min(W, W - ((now - at) / windowMs) * W));
  const y = (value: number) => H - (value / top) * (H - 4);
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  const area = first && last ? `${line} L${x(last.at).toFixed(1)},${H} L${x(first.at).toFixed(1)},${H} Z` : '';

  return (
    <div className="chart" data-testid={testId} data-points={points.length} data-peak={Math.max(0, ...points.map((p) => p.value))}>
      <div className="chart-scale">
        <span>{format(top)}</span>
        <span>{format(top / 2)}</span>
        <span>0</span>
      </div>
      <svg className="chart-svg" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label}>
        <defs>
          <linearGradient id={gradient} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="var(--accent)" stopOpacity="0.28" />
            <stop offset="100%" stopColor="var(--accent)" stopOpacity="0.02" />
          </linearGradient>
        </defs>
        <line className="chart-grid" x1="0" x2={W} y1={y(top)} y2={y(top)} />
        <line className="chart-grid" x1="0" x2={W} y1={y(top / 2)} y2={y(top / 2)} />
        <line className="chart-axis" x1="0" x2={W} y1={H - 0.5} y2={H - 0.5} />
        {area && <path d={area} fill={`url(#${gradient})`} stroke="none" />}
        {line && <path d={line} className="chart-line" vectorEffect="non-scaling-stroke" />}
      </svg>
    </div>
  );
}
