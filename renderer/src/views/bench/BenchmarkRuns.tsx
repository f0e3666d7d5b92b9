// "Run benchmark" and the kept history. Two tables a person can read at 1280 px: the
// models side by side (the seed article's table: model, dimension, VRAM, texts/s,
// tokens/s, accuracy per test set, one column per model, so any number of test sets is
// one more row), and the runs, one line each, with the mean accuracy whose per-set
// figures open below the line. Each test set has a plain name and its description as a
// tooltip. While a run goes, its stage shows here and its texts/s in the live charts.
import { Fragment, useEffect, useState } from 'react';
import type { BenchmarkProgress, BenchmarkRow, TestSetInfo } from '../../../../src/api/contract.js';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useClient } from '../../hooks/use-client.js';
import { useI18n } from '../../i18n/context.js';
import { en } from '../../i18n/en.js';
import type { MessageKey } from '../../i18n/messages.js';
import { formatBytes } from '../../format.js';
import { latestPerSetup, meanAccuracy, plainSetName, setsOf } from './bench-figures.js';

export function BenchmarkRuns() {
  const { t, locale } = useI18n();
  const client = useClient();
  const [rows, setRows] = useState<BenchmarkRow[] | null>(null);
  const [sets, setSets] = useState<TestSetInfo[]>([]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<BenchmarkProgress | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    client
      .listBenchmarks({})
      .then((history) => live && setRows(history))
      .catch((reason: unknown) => live && setError(toApiError(reason)));
    client
      .listTestSets({})
      .then((list) => live && setSets(list))
      .catch(() => undefined); // names fall back to the set's own; the runs still show
    const off = client.onEvent((event) => {
      if (event.type === 'benchmark') setProgress(event.benchmark);
    });
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const run = async () => {
    setRunning(true);
    setProgress(null);
    setError(null);
    try {
      const row = await client.runBenchmark({});
      setRows((previous) => [row, ...(previous ?? [])]);
    } catch (reason) {
      setError(toApiError(reason));
    }
    setRunning(false);
  };

  const number = (value: number, digits = 0) => value.toLocaleString(locale, { maximumFractionDigits: digits });
  const percent = (value: number | undefined) => (value === undefined ? '—' : `${number(value * 100, 1)} %`);
  const known = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(en, key);
  const setName = (name: string) => (known(`benchset.${name}`) ? t(`benchset.${name}` as MessageKey) : plainSetName(name));
  const setHint = (name: string) => {
    const info = sets.find((s) => s.name === name);
    const description = known(`benchset.${name}.about`) ? t(`benchset.${name}.about` as MessageKey) : info?.description;
    const size = info ? t('bench.setSize', { queries: info.queries, documents: info.documents }) : '';
    return [description, size].filter(Boolean).join(' ');
  };
  const all = setsOf(rows ?? []);
  const perSet = (row: BenchmarkRow) => all.filter((s) => row.top1[s] !== undefined).map((s) => `${setName(s)}: ${percent(row.top1[s])}`).join('\n');
  const compared = latestPerSetup(rows ?? []);

  let stageText = '';
  if (running) {
    const stage = progress && progress.stage !== 'done' && progress.stage !== 'failed' ? progress.stage : 'warmup';
    const parts = [t(`bench.stage.${stage}`)];
    if (stage === 'accuracy' && progress) parts.push(t('bench.stageSets', { done: progress.setsDone, total: progress.setsTotal }));
    if (progress && progress.textsEmbedded > 0) parts.push(t('bench.stageTexts', { count: progress.textsEmbedded }));
    stageText = parts.join(' · ');
  }

  return (
    <div className="bench-runs-wrap" data-testid="bench-runs">
      <div className="card bench-runs">
        <div className="bench-runs-head">
          <p className="muted">{t('bench.runHint')}</p>
          <button type="button" className="button primary" data-testid="bench-run" disabled={running} onClick={() => void run()}>
            {running ? t('bench.running') : t('bench.runButton')}
          </button>
        </div>
        {running && (
          <p className="bench-stage" role="status" data-testid="bench-stage">
            {stageText}
          </p>
        )}
        {error && <ErrorMessage compact testId="bench-error" error={error} />}
        {compared.length > 0 && (
          <>
            <h3 className="bench-subtitle">{t('bench.compareTitle')}</h3>
            <div className="table-scroll" data-testid="bench-compare-scroll">
              <table className="bench-table bench-compare" data-testid="bench-compare">
                <thead>
                  <tr>
                    <th scope="col">{t('bench.col.model')}</th>
                    {compared.map((row) => (
                      <th scope="col" key={row.at} className="bench-model-head">
                        <span className="bench-model-name">{row.model}</span>
                        <span className="muted small">{row.backend.toUpperCase()}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <CompareRow label={t('bench.col.dimensions')} rows={compared} cell={(row) => number(row.dimensions)} />
                  <CompareRow label={t('bench.col.vram')} hint={t('bench.col.vramHint')} rows={compared} cell={(row) => (row.vramUsedBytes ? formatBytes(row.vramUsedBytes, locale) : '—')} />
                  <CompareRow label={t('bench.col.textsPerSecond')} hint={t('bench.col.textsPerSecondHint')} rows={compared} cell={(row) => number(row.seedTextsPerSecond)} best={(row) => row.seedTextsPerSecond} />
                  <CompareRow label={t('bench.col.tokensPerSecond')} hint={t('bench.col.tokensPerSecondHint')} rows={compared} cell={(row) => number(row.longTokensPerSecond)} best={(row) => row.longTokensPerSecond} />
                  <CompareRow label={t('bench.col.accuracy')} hint={t('bench.col.accuracyHint')} rows={compared} cell={(row) => percent(meanAccuracy(row))} best={(row) => meanAccuracy(row) ?? -1} strong />
                  {all.map((set) => (
                    <CompareRow key={set} label={setName(set)} hint={setHint(set)} rows={compared} cell={(row) => percent(row.top1[set])} best={(row) => row.top1[set] ?? -1} sub testId="bench-set-row" />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>

      {rows && rows.length > 0 && (
        <div className="card bench-history">
          <h3 className="bench-subtitle">{t('bench.historyTitle')}</h3>
          <div className="table-scroll" data-testid="bench-table-scroll">
            <table className="bench-table bench-runs-table" data-testid="bench-table">
              <thead>
                <tr>
                  <th scope="col">{t('bench.col.when')}</th>
                  <th scope="col">{t('bench.col.model')}</th>
                  <th scope="col" className="num" title={t('bench.col.vramHint')}>
                    {t('bench.col.vram')}
                  </th>
                  <th scope="col" className="num" title={t('bench.col.seedTimeHint')}>
                    {t('bench.col.seedTime')}
                  </th>
                  <th scope="col" className="num" title={t('bench.col.textsPerSecondHint')}>
                    {t('bench.col.textsPerSecond')}
                  </th>
                  <th scope="col" className="num" title={t('bench.col.tokensPerSecondHint')}>
                    {t('bench.col.tokensPerSecond')}
                  </th>
                  <th scope="col" className="num" title={t('bench.col.accuracyHint')}>
                    {t('bench.col.accuracy')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const expanded = open === row.at;
                  return (
                    <Fragment key={row.at}>
                      <tr data-testid="bench-row">
                        <td>{new Date(row.at).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })}</td>
                        <td className="bench-model-cell">
                          <span className="bench-model-name">{row.model}</span>
                          <span className="muted small">
                            {row.backend.toUpperCase()} · {t('status.dims', { count: row.dimensions })}
                          </span>
                        </td>
                        <td className="num">{row.vramUsedBytes ? formatBytes(row.vramUsedBytes, locale) : '—'}</td>
                        <td className="num">{number(row.seedSeconds, 2)} s</td>
                        <td className="num">{number(row.seedTextsPerSecond)}</td>
                        <td className="num">{number(row.longTokensPerSecond)}</td>
                        <td className="num">
                          <button
                            type="button"
                            className="link-button bench-accuracy"
                            data-testid="bench-accuracy"
                            title={perSet(row)}
                            aria-expanded={expanded}
                            onClick={() => setOpen(expanded ? null : row.at)}
                          >
                            {percent(meanAccuracy(row))} {expanded ? '▴' : '▾'}
                          </button>
                        </td>
                      </tr>
                      {expanded && (
                        <tr className="bench-sets-row" data-testid="bench-sets">
                          <td colSpan={7}>
                            <ul className="bench-sets">
                              {all
                                .filter((set) => row.top1[set] !== undefined)
                                .map((set) => (
                                  <li key={set} title={setHint(set)}>
                                    <span>{setName(set)}</span>
                                    <strong>{percent(row.top1[set])}</strong>
                                  </li>
                                ))}
                            </ul>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

interface CompareRowProps {
  label: string;
  hint?: string;
  rows: BenchmarkRow[];
  cell(row: BenchmarkRow): string;
  /** The figure where higher is better: the best model's cell is marked. */
  best?(row: BenchmarkRow): number;
  strong?: boolean;
  sub?: boolean;
  testId?: string;
}

function CompareRow({ label, hint, rows, cell, best, strong, sub, testId }: CompareRowProps) {
  const top = best && rows.length > 1 ? Math.max(...rows.map(best)) : undefined;
  return (
    <tr className={sub ? 'bench-sub' : strong ? 'bench-strong' : undefined} data-testid={testId}>
      <th scope="row" title={hint}>
        <span className={hint ? 'has-hint' : undefined}>{label}</span>
      </th>
      {rows.map((row) => (
        <td key={row.at} className={top !== undefined && best!(row) === top && top >= 0 ? 'num best' : 'num'}>
          {cell(row)}
        </td>
      ))}
    </tr>
  );
}
