// Logging for the core: stderr (never stdout, which belongs to the CLI's --json output)
// and, when a data folder is known, an append-only file there.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string): void;
}

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(options: { file?: string; stderrLevel?: LogLevel } = {}): Logger {
  const stderrLevel = options.stderrLevel ?? ((process.env.SIFT_LOG_LEVEL as LogLevel | undefined) ?? 'warn');
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  return {
    log(level, message) {
      const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}\n`;
      if (rank[level] >= rank[stderrLevel]) process.stderr.write(line);
      if (options.file) {
        try {
          appendFileSync(options.file, line);
        } catch (error) {
          process.stderr.write(`log file unwritable (${(error as Error).message}): ${line}`);
        }
      }
    },
  };
}
