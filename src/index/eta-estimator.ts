// Time left in an indexing pass, said only once it means something. The pass's first
// seconds load the model and warm up; a rate taken over them once told a person
// "7 min 4 s left" for a 13 s job. So the rate is measured from the first progress
// sample with a finished file, and no estimate is given before MIN_FILES more files and
// MIN_SECONDS have gone by: the UI and the CLI say "estimating" until then.

export const MIN_FILES = 3;
export const MIN_SECONDS = 2;

export class EtaEstimator {
  private first: { atMs: number; done: number } | undefined;

  /** Seconds left, or undefined while there is too little to go on (or nothing left). */
  estimate(done: number, total: number, nowMs: number): number | undefined {
    const remaining = total - done;
    if (done <= 0 || remaining <= 0) return undefined;
    if (!this.first) {
      this.first = { atMs: nowMs, done };
      return undefined;
    }
    const seconds = (nowMs - this.first.atMs) / 1000;
    const measured = done - this.first.done;
    if (seconds < MIN_SECONDS || measured < MIN_FILES) return undefined;
    return remaining / (measured / seconds);
  }
}
