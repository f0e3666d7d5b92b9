// The benchmark's human output: a Markdown table like the one in the issue, so a run can
// be pasted into bench/RESULTS.md as it is.
import type { BenchReport } from './run-bench.js';

const int = (x: number | undefined) => (x === undefined ? '-' : Math.round(x).toLocaleString('en-US'));
const mib = (bytes: number | undefined) => (bytes ? `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB` : '-');

export function formatReport(report: BenchReport): string {
  const { model, machine, corpus } = report;
  const lines = [
    `model: ${model.name} (${model.architecture}, ${model.family ?? '?'}, pooling ${model.pooling ?? '?'}, ` +
      `${model.dimensions} dims, ${model.contextTokens} tokens per text)`,
    `backend: ${machine.backend}${machine.devices.length ? ` on ${machine.devices.join(', ')}` : ''}, ${machine.cpuCores} CPU cores` +
      (machine.fallbackReason ? `\nfallback: ${machine.fallbackReason}` : ''),
    `seed test: ${corpus.seedCopies} x "${corpus.seedText}" (${corpus.seedTokensPerText} tokens each) in one batch, after a warm-up; ` +
      `index load: ${corpus.short} passages of ~${corpus.shortAvgTokens} tokens + ${corpus.long} of ~${corpus.longAvgTokens}`,
    '',
    '| engine | config | seed texts/s | short texts/s | long texts/s | index texts/s | index tokens/s | VRAM (load) | VRAM (process) | cos vs server | cos vs f16 KV |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of report.runs) {
    if (r.error) {
      lines.push(`| ${r.engine} | ${r.config} | error: ${r.error.split('\n')[0]} | | | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${r.engine} | ${r.config} | ${int(r.seed?.textsPerSecond)} | ${int(r.short?.textsPerSecond)} | ` +
        `${int(r.long?.textsPerSecond)} | ${int(r.index?.textsPerSecond)} | ${int(r.index?.tokensPerSecond)} | ${mib(r.vramUsedBytes)} | ` +
        `${mib(r.processVramBytes ?? r.deviceVramDeltaBytes)} | ${r.cosineVsServer ?? '-'} | ${r.cosineVsF16Kv?.min ?? '-'} |`,
    );
  }
  const ratioLine = (label: string, r: BenchReport['ratio']) => {
    if (r) lines.push(`${label}: seed ${r.seed}x, index ${r.index}x (short ${r.short}x, long ${r.long}x)`);
  };
  lines.push('');
  ratioLine('Sift (prebuilt-addon paths) / llama-server, best of each', report.ratio);
  ratioLine('Sift (patched build included) / llama-server, best of each', report.ratioPatched);
  for (const r of report.runs) {
    if (r.firstResultAfterUnloadMs !== undefined) lines.push(`${r.config}: first result after an unload ${r.firstResultAfterUnloadMs} ms (reload + one query)`);
  }
  for (const r of report.runs) {
    const t = r.timing;
    if (t && t.decodes > 0) {
      lines.push(
        `${r.config}: ${t.decodes} decodes, ${Math.round((100 * t.decodeMs) / Math.max(1, t.wallMs))} % of the wall clock inside llama_decode ` +
          `(summed over contexts), ${t.hostMsPerDecode} ms of host time per decode`,
      );
    }
  }
  if (report.agreement) {
    lines.push(`Sift vs llama-server vectors, ${report.agreement.texts} texts: min cosine ${report.agreement.minCosine}`);
  }
  return lines.join('\n');
}
