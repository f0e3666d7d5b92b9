// The Benchmark view. Live: what indexing does right now (texts embedded per second,
// files per second, files waiting), sampled once a second over the last five minutes.
// Below: "Run benchmark" and its kept history (BenchmarkRuns).
import { useLiveSamples, type LiveMetrics } from '../../hooks/use-live-metrics.js';
import { useI18n } from '../../i18n/context.js';
import { formatRate } from '../../format.js';
import { WINDOW_MS, type Sample } from '../../metrics.js';
import { BenchmarkRuns } from './BenchmarkRuns.js';
import { MemoryChart } from './MemoryChart.js';
import { LineChart } from './LineChart.js';

interface Props {
  metrics: LiveMetrics;
}

type Figure = 'chunksPerSecond' | 'filesPerSecond' | 'queue';

const MIN_SPAN_MS = 60_000;

export function BenchmarkView({ metrics }: Props) {
  const { t, locale } = useI18n();
  const samples = useLiveSamples(metrics);
  const now = samples[samples.length - 1]?.at ?? Date.now();
  const latest: Sample | undefined = samples[samples.length - 1];
  // The time axis grows with the recording, from one minute up to five.
  const span = Math.min(WINDOW_MS, Math.max(MIN_SPAN_MS, now - (samples[0]?.at ?? now)));
  const spanMinutes = Math.ceil(span / 60_000);
  const rate = (value: number) => formatRate(value, locale);
  const count = (value: number) => Math.round(value).toLocaleString(locale);
  const peak = (figure: Figure) => Math.max(0, ...samples.map((s) => s[figure]));

  const charts: Array<{ figure: Figure; title: string; format(value: number): string; unit: string; minTop?: number }> = [
    { figure: 'chunksPerSecond', title: t('bench.textsPerSecond'), format: rate, unit: t('bench.perSecond') },
    { figure: 'filesPerSecond', title: t('bench.filesPerSecond'), format: rate, unit: t('bench.perSecond') },
    { figure: 'queue', title: t('bench.queue'), format: count, unit: t('bench.files'), minTop: 10 },
  ];

  return (
    <section className="view view-bench" data-testid="view-bench" aria-labelledby="bench-title">
      <header className="view-header">
        <div className="view-title">
          <h1 id="bench-title">{t('bench.title')}</h1>
          <p>{t('bench.intro')}</p>
        </div>
      </header>
      <div className="view-body">
        <h2 className="section-title">{t('bench.live')}</h2>
        <div className="chart-grid-cards">
          {charts.map((chart) => (
            <div className="card chart-card" key={chart.figure}>
              <div className="chart-head">
                <span className="chart-title">{chart.title}</span>
                <span className="chart-now" data-testid={`bench-now-${chart.figure}`}>
                  {chart.format(latest?.[chart.figure] ?? 0)}
                  <small>{chart.unit}</small>
                </span>
              </div>
              <LineChart
                testId={`chart-${chart.figure}`}
                points={samples.map((s) => ({ at: s.at, value: s[chart.figure] }))}
                windowMs={span}
                now={now}
                label={chart.title}
                format={chart.format}
                minTop={chart.minTop}
              />
              <div className="chart-foot">
                <span>{t('bench.minutesAgo', { count: spanMinutes })}</span>
                <span data-testid={`bench-peak-${chart.figure}`} data-peak={peak(chart.figure)}>
                  {t('bench.peak', { value: chart.format(peak(chart.figure)) })}
                </span>
                <span>{t('bench.now')}</span>
              </div>
            </div>
          ))}
          <MemoryChart />
        </div>

        <h2 className="section-title">{t('bench.run')}</h2>
        <BenchmarkRuns />
      </div>
    </section>
  );
}

