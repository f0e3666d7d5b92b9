// RAM of the process that runs the core, sampled from its status every two seconds while
// this view is open, over the same window as the other charts; the VRAM the model took
// (fixed once it is loaded) is shown beside it.
import { useEffect, useState } from 'react';
import { useClient } from '../../hooks/use-client.js';
import { useI18n } from '../../i18n/context.js';
import { formatBytes } from '../../format.js';
import { WINDOW_MS } from '../../metrics.js';
import { LineChart } from './LineChart.js';

const SAMPLE_MS = 2000;
const MIN_SPAN_MS = 60_000;

export function MemoryChart() {
  const { t, locale } = useI18n();
  const client = useClient();
  const [points, setPoints] = useState<Array<{ at: number; value: number }>>([]);
  const [vram, setVram] = useState<number | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const sample = () =>
      client
        .status({})
        .then((status) => {
          if (!live || !status.memory) return;
          const at = Date.now();
          setVram(status.memory.vramUsedBytes);
          setPoints((previous) => [...previous.filter((p) => p.at > at - WINDOW_MS), { at, value: status.memory!.rssBytes }]);
        })
        .catch(() => undefined); // a missed sample leaves a gap; the connection notice says why
    void sample();
    const timer = window.setInterval(sample, SAMPLE_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [client]);

  const now = points.at(-1)?.at ?? Date.now();
  const span = Math.min(WINDOW_MS, Math.max(MIN_SPAN_MS, now - (points[0]?.at ?? now)));
  const bytes = (value: number) => formatBytes(value, locale);
  const latest = points.at(-1)?.value;
  return (
    <div className="card chart-card" data-testid="bench-memory">
      <div className="chart-head">
        <span className="chart-title">{t('bench.memory')}</span>
        <span className="chart-now" data-testid="bench-now-rss">
          {latest === undefined ? '—' : bytes(latest)}
        </span>
      </div>
      <LineChart testId="chart-rss" points={points} windowMs={span} now={now} label={t('bench.memory')} format={bytes} minTop={1024 * 1024} />
      <div className="chart-foot">
        <span>{t('bench.minutesAgo', { count: Math.ceil(span / 60_000) })}</span>
        <span>{vram ? t('bench.vram', { size: bytes(vram) }) : t('bench.noVram')}</span>
        <span>{t('bench.now')}</span>
      </div>
    </div>
  );
}
