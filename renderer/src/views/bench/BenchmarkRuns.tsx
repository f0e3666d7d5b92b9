// "Run benchmark" and the kept history: one row per run, like the seed's table (model,
// VRAM, time for 100 texts, texts/s, long-passage tokens/s, top-1 per test set), so two
// models can be compared side by side.
import { useEffect, useState } from 'react';
import type { BenchmarkRow } from '../../../../src/api/contract.js';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useClient } from '../../hooks/use-client.js';
import { useI18n } from '../../i18n/context.js';
import { formatBytes } from '../../format.js';

export function BenchmarkRuns() {
  const { t, locale } = useI18n();
  const client = useClient();
  const [rows, setRows] = useState<BenchmarkRow[] | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    client
      .listBenchmarks({})
      .then((history) => live && setRows(history))
      .catch((reason: unknown) => live && setError(toApiError(reason)));
    return () => {
      live = false;
    };
  }, [client]);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const row = await client.runBenchmark({});
      setRows((previous) => [row, ...(previous ?? [])]);
    } catch (reason) {
      setError(toApiError(reason));
    }
    setRunning(false);
  };

  const sets = [...new Set((rows ?? []).flatMap((row) => Object.keys(row.top1)))].sort();
  const number = (value: number, digits = 0) => value.toLocaleString(locale, { maximumFractionDigits: digits });

  return (
    <div className="card bench-runs" data-testid="bench-runs">
      <div className="bench-runs-head">
        <p className="muted">{t('bench.runHint')}</p>
        <button type="button" className="button primary" data-testid="bench-run" disabled={running} onClick={() => void run()}>
          {running ? t('bench.running') : t('bench.runButton')}
        </button>
      </div>
      {error && <ErrorMessage compact testId="bench-error" error={error} />}
      {rows && rows.length > 0 && (
        <div className="table-scroll">
          <table className="bench-table" data-testid="bench-table">
            <thead>
              <tr>
                <th>{t('bench.col.when')}</th>
                <th>{t('bench.col.model')}</th>
                <th>{t('bench.col.vram')}</th>
                <th>{t('bench.col.seedTime')}</th>
                <th>{t('bench.col.textsPerSecond')}</th>
                <th>{t('bench.col.tokensPerSecond')}</th>
                {sets.map((set) => (
                  <th key={set}>{t('bench.col.top1', { set })}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.at} data-testid="bench-row">
                  <td>{new Date(row.at).toLocaleString(locale)}</td>
                  <td>
                    {row.model}
                    <span className="muted small"> · {row.backend} · {t('status.dims', { count: row.dimensions })}</span>
                  </td>
                  <td>{row.vramUsedBytes ? formatBytes(row.vramUsedBytes, locale) : '—'}</td>
                  <td>{number(row.seedSeconds, 3)} s</td>
                  <td>{number(row.seedTextsPerSecond)}</td>
                  <td>{number(row.longTokensPerSecond)}</td>
                  {sets.map((set) => (
                    <td key={set}>{row.top1[set] === undefined ? '—' : `${number(row.top1[set]! * 100, 1)} %`}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
