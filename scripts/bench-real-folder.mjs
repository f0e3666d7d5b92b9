// The real-folder benchmark: indexes trees every Debian machine has, unmodified
// (/usr/share/doc and /usr/share/common-licenses by default), with the bundled starter
// model into a temporary index, and prints files/s, chunks/s, peak RSS and the count of
// files per state (indexed, unchanged, skipped, failed) and per reason, with examples.
// Then it asks the licence folder for "GNU general public license version 3".
//
// Usage: npm run bench:real-folder [-- --out f.json] [--keep] [--sample N] [--classify-only] [folder ...]
//   --sample N        of /usr/share/doc, every k-th package folder (N of them, whole and
//                     unmodified), each indexed as a folder: the full tree holds ~300 MB of
//                     (mostly gzip-compressed) text, hours of embedding on a small CPU.
//   --classify-only   no embedding: every file of the folders is scanned, read and
//                     extracted as the indexer would (same code, same worker pool), and
//                     counted per state and reason. Minutes for the full tree.
// It runs the built core in dist/ (npm run build:cli first; the npm script does), so
// PDF, Word and HTML files are parsed in the worker pool with its time and memory limits.
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    sample: { type: 'string' },
    'classify-only': { type: 'boolean', default: false },
    query: { type: 'string', default: 'GNU general public license version 3' },
  },
  allowPositionals: true,
});
let folders = positionals.length > 0 ? positionals : ['/usr/share/doc', '/usr/share/common-licenses'];
if (values.sample) {
  const packages = readdirSync('/usr/share/doc', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const step = Math.max(1, Math.floor(packages.length / Number(values.sample)));
  const picked = packages.filter((_, i) => i % step === 0).slice(0, Number(values.sample));
  folders = [...picked.map((name) => join('/usr/share/doc', name)), ...folders.filter((folder) => folder !== '/usr/share/doc')];
}
const dist = join(import.meta.dirname, '..', 'dist');
if (!existsSync(join(dist, 'core.js'))) throw new Error('Build the core first: npm run build:cli');
const { createCore } = await import(join(dist, 'core.js'));
if (values['classify-only']) await classifyOnly();

/** Scan + read + extract every file as the indexer does, without embedding. */
async function classifyOnly() {
  const { scanFolder } = await import(join(dist, 'index', 'scan-folder.js'));
  const { readAndExtract } = await import(join(dist, 'ingest', 'extract.js'));
  const { ExtractorPool } = await import(join(dist, 'ingest', 'extractor-pool.js'));
  const { IgnoreRules } = await import(join(dist, 'index', 'ignore-rules.js'));
  const pool = new ExtractorPool({ size: 1 });
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const counts = { seen: 0, text: 0, textBytes: 0 };
  const reasons = new Map();
  const note = (state, issue) => {
    const p = issue.params ?? {};
    const key = `${state}: ${issue.code}${p.format ?? p.type ?? p.rule ?? p.error ? ` (${p.format ?? p.type ?? p.rule ?? p.error})` : ''}`;
    const group = reasons.get(key) ?? { count: 0, examples: [] };
    group.count++;
    if (group.examples.length < 3) group.examples.push(issue.path);
    reasons.set(key, group);
  };
  const skipCodes = new Set(['binary', 'unsupported', 'too-large', 'too-large-inflated', 'excluded', 'encrypted', 'empty', 'no-text', 'special-file', 'link-loop', 'link-broken', 'link-outside', 'link-inside', 'bad-name']);
  for (const folder of folders) {
    const scan = await scanFolder(folder, new IgnoreRules(folder));
    counts.seen += scan.files.length + scan.skipped.length + scan.failed.length;
    for (const issue of scan.skipped) note('skipped', issue);
    for (const issue of scan.failed) note('failed', issue);
    for (const path of scan.files) {
      const { extracted } = await readAndExtract(path, { heavy: pool });
      if (extracted.ok) {
        counts.text++;
        counts.textBytes += Buffer.byteLength(extracted.text);
      } else {
        const issue = { path, reason: extracted.reason, ...(extracted.issue ?? { code: 'parse-error' }) };
        note(skipCodes.has(issue.code) ? 'skipped' : 'failed', issue);
      }
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  await pool.close();
  const out = (line) => process.stdout.write(`${line}\n`);
  out(`Classify only (scan + read + extract, no embedding): ${folders.length > 3 ? `${folders.length} folders` : folders.join(' + ')}`);
  out(`  entries seen     ${counts.seen}`);
  out(`  text (indexed)   ${counts.text}  (${(counts.textBytes / 1048576).toFixed(0)} MB of text)`);
  const skipped = [...reasons].filter(([key]) => key.startsWith('skipped')).reduce((n, [, g]) => n + g.count, 0);
  const failed = [...reasons].filter(([key]) => key.startsWith('failed')).reduce((n, [, g]) => n + g.count, 0);
  out(`  skipped          ${skipped}`);
  out(`  failed           ${failed}`);
  out(`  unaccounted      ${counts.seen - counts.text - skipped - failed}`);
  out(`  time             ${seconds.toFixed(1)} s; ${(counts.seen / seconds).toFixed(0)} files/s`);
  out(`  peak RSS         ${(peak / 1048576).toFixed(0)} MB`);
  out('By reason:');
  for (const [key, { count, examples }] of [...reasons].sort((a, b) => b[1].count - a[1].count)) out(`  ${String(count).padStart(5)}  ${key}   e.g. ${examples.join(', ')}`);
  if (values.out) writeFileSync(values.out, `${JSON.stringify({ folders, seconds, ...counts, peakRssBytes: peak, reasons: Object.fromEntries([...reasons].map(([k, g]) => [k, g.count])) }, null, 2)}\n`);
  process.exit(0);
}

const dataDir = mkdtempSync(join(tmpdir(), 'sift-real-folder-'));
const logLines = [];
const logger = { log: (level, message) => (level === 'error' || level === 'warn') && logLines.push(`${level}: ${message}`) };
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const mb = (bytes) => (bytes / 1048576).toFixed(0);
const reports = [];
const app = await createCore({ dataDir, logger });
const started = performance.now();
try {
  for (const folder of folders) {
    const t0 = performance.now();
    const report = await app.indexFolder(folder);
    reports.push(report);
    process.stderr.write(`indexed ${folder} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  await app.settleIndexes();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // The kernel's high-water mark covers spikes between samples (and worker threads).
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  const all = { scanned: 0, indexed: 0, unchanged: 0, chunks: 0, skipped: [], failed: [] };
  for (const report of reports) {
    all.scanned += report.filesScanned;
    all.indexed += report.filesIndexed;
    all.unchanged += report.filesUnchanged;
    all.chunks += report.chunksEmbedded;
    all.skipped.push(...report.filesSkipped);
    all.failed.push(...report.filesFailed);
  }
  const byReason = (issues) => {
    const groups = new Map();
    for (const issue of issues) {
      const key = issue.code === 'binary' || issue.code === 'special-file' || issue.code === 'excluded' || issue.code === 'unreadable'
        ? `${issue.code} (${issue.params?.format ?? issue.params?.type ?? issue.params?.rule ?? issue.params?.error ?? 'not text'})`
        : issue.code ?? issue.reason;
      const group = groups.get(key) ?? { count: 0, examples: [] };
      group.count++;
      if (group.examples.length < 3) group.examples.push(issue.path);
      groups.set(key, group);
    }
    return [...groups].sort((a, b) => b[1].count - a[1].count);
  };

  const out = (line) => process.stdout.write(`${line}\n`);
  out(`Real-folder benchmark: ${folders.length > 3 ? `${folders.length} folders (${folders.slice(0, 3).join(', ')}, ...)` : folders.join(' + ')}`);
  out(`  entries seen     ${all.scanned}`);
  out(`  indexed          ${all.indexed}`);
  out(`  unchanged        ${all.unchanged}`);
  out(`  skipped          ${all.skipped.length}`);
  out(`  failed           ${all.failed.length}`);
  out(`  unaccounted      ${all.scanned - all.indexed - all.unchanged - all.skipped.length - all.failed.length}`);
  out(`  chunks embedded  ${all.chunks}`);
  out(`  time             ${seconds.toFixed(1)} s (model load included)`);
  out(`  files/s          ${(all.scanned / seconds).toFixed(1)} (entries seen / time)`);
  out(`  chunks/s         ${(all.chunks / seconds).toFixed(1)}`);
  out(`  peak RSS         ${mb(peakRss)} MB`);
  out('Skipped, by reason:');
  for (const [reason, { count, examples }] of byReason(all.skipped)) out(`  ${String(count).padStart(5)}  ${reason}   e.g. ${examples.join(', ')}`);
  out('Failed, by reason:');
  for (const [reason, { count, examples }] of byReason(all.failed)) out(`  ${String(count).padStart(5)}  ${reason}   e.g. ${examples.join(', ')}`);
  for (const failure of all.failed.slice(0, 20)) out(`    ${failure.path}: ${failure.reason}`);

  const query = values.query;
  const licences = folders.find((folder) => folder.endsWith('common-licenses'));
  const { hits } = await app.service.search({ query, limit: 5, ...(licences ? { folder: licences } : {}) });
  out(`Search "${query}"${licences ? ` in ${licences}` : ''}:`);
  hits.forEach((hit, i) => out(`  ${i + 1}. ${hit.path}  (${hit.score.toFixed(3)})`));
  if (logLines.length > 0) out(`Log warnings/errors: ${logLines.length} (first: ${logLines[0]})`);

  if (values.out) {
    const summary = {
      folders,
      seconds,
      filesSeen: all.scanned,
      indexed: all.indexed,
      skipped: all.skipped.length,
      failed: all.failed.length,
      chunks: all.chunks,
      filesPerSecond: all.scanned / seconds,
      chunksPerSecond: all.chunks / seconds,
      peakRssBytes: peakRss,
      skippedByReason: Object.fromEntries(byReason(all.skipped).map(([reason, group]) => [reason, group.count])),
      failedByReason: Object.fromEntries(byReason(all.failed).map(([reason, group]) => [reason, group.count])),
      search: { query, top: hits.map((hit) => hit.path) },
    };
    writeFileSync(values.out, `${JSON.stringify(summary, null, 2)}\n`);
  }
} finally {
  clearInterval(sampler);
  await app.close();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  else process.stderr.write(`index kept in ${dataDir}\n`);
}
