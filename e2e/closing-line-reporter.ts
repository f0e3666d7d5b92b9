// Prints one last line, `N passed, N failed` (plus `, N skipped` when some were), so a
// CI log can be read from its end. A test counts once, by its final outcome (a flaky
// test that passed on retry counts as passed). Errors outside any test (a web server
// that did not start, a broken config) count as failures, so a run that never got to
// its tests cannot end with "0 failed".
import type { FullConfig, FullResult, Reporter, Suite, TestError } from '@playwright/test/reporter';

export default class ClosingLineReporter implements Reporter {
  private root: Suite | undefined;
  private globalErrors = 0;

  onBegin(_config: FullConfig, suite: Suite): void {
    this.root = suite;
  }

  onError(_error: TestError): void {
    this.globalErrors += 1;
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.root?.allTests() ?? []) {
      const outcome = test.outcome();
      if (outcome === 'expected' || outcome === 'flaky') passed += 1;
      else if (outcome === 'unexpected') failed += 1;
      else {
        skipped += 1;
        // Say why: a skipped spec (the Electron one, where no binary exists) must not pass silently.
        const reason = test.annotations.find((annotation) => annotation.type === 'skip')?.description;
        process.stdout.write(`skipped: ${test.titlePath().filter(Boolean).join(' › ')}${reason ? ` (${reason})` : ''}\n`);
      }
    }
    failed += this.globalErrors;
    // A run that failed or timed out without a failing test or error to show for it.
    if (failed === 0 && (result.status === 'failed' || result.status === 'timedout')) failed = 1;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`${passed} passed, ${failed} failed${tail}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
