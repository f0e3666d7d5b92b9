// Process-level handlers for the long-running hosts (`sift serve`, the Electron main
// process). An unhandled rejection is a background promise someone forgot to catch: it is
// logged (to the log file too) and the process goes on; every index write is its own
// all-or-nothing commit, so nothing half-written is left behind. An uncaught exception
// leaves the process in an unknown state: it is logged, the host shuts down in order
// (the write in flight finishes, the writer lock is released) and the process exits 1;
// the next start repairs whatever a pass left undone.
import type { Logger } from './log.js';

export interface GuardOptions {
  logger: Logger;
  /** Orderly shutdown after an uncaught exception (close the server and the core). */
  shutdown: () => Promise<void>;
  /** How long the shutdown may take before the process exits anyway. */
  shutdownTimeoutMs?: number;
  exit?: (code: number) => void;
}

/** Installs the handlers; returns a function that removes them. */
export function installProcessGuards(options: GuardOptions): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let fatal = false;
  const onRejection = (reason: unknown) => {
    options.logger.log('error', `unhandled promise rejection (the process goes on): ${describe(reason)}`);
  };
  const onException = (error: Error) => {
    options.logger.log('error', `uncaught exception, shutting down: ${describe(error)}`);
    if (fatal) return; // a second one during shutdown: the first is already ending the process
    fatal = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.shutdownTimeoutMs ?? 10_000).unref());
    void Promise.race([options.shutdown(), timeout])
      .catch((failure: unknown) => options.logger.log('error', `shutdown after the uncaught exception failed: ${describe(failure)}`))
      .finally(() => exit(1));
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
}
