// Admission for searches: at most `maxInFlight` run at once, up to `maxQueued` more wait
// in order, and beyond that a search is refused at once with a 'busy' error (HTTP 503 +
// Retry-After). Each running search holds LanceDB buffers and a share of two cores; 200
// let in together grew the server's RSS from 268 MB to 1.81 GB, which the allocator kept,
// and every one of them slowed down (issue #14). Queued, they cost a closure each and are
// answered in turn: memory stays flat and latency grows with the queue, not worse.
import { SiftError } from '../api/errors.js';

export interface AdmissionLimits {
  /** Searches running at once. Two cores: more only interleave the same work. */
  maxInFlight: number;
  /** Searches waiting beyond those; a search past this is refused ('busy'). */
  maxQueued: number;
}

export const DEFAULT_ADMISSION: AdmissionLimits = { maxInFlight: 4, maxQueued: 1000 };

export interface AdmissionStats {
  inFlight: number;
  queued: number;
  peakInFlight: number;
  peakQueued: number;
  refused: number;
}

export class SearchAdmission {
  readonly limits: AdmissionLimits;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private peakInFlight = 0;
  private peakQueued = 0;
  private refused = 0;

  constructor(limits: Partial<AdmissionLimits> = {}) {
    this.limits = { ...DEFAULT_ADMISSION, ...limits };
  }

  /** Runs `task` when a slot is free; throws SiftError('busy') if the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.limits.maxInFlight) {
      if (this.waiting.length >= this.limits.maxQueued) {
        this.refused++;
        throw new SiftError(
          'busy',
          `Sift is answering ${this.inFlight + this.waiting.length} searches at once; try again in a moment.`,
          { detail: { key: 'searchBusy', params: { count: this.inFlight + this.waiting.length } } },
        );
      }
      // The slot is handed over by release(): inFlight is not decremented in between.
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        this.peakQueued = Math.max(this.peakQueued, this.waiting.length);
      });
    } else {
      this.inFlight++;
    }
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  stats(): AdmissionStats {
    return {
      inFlight: this.inFlight,
      queued: this.waiting.length,
      peakInFlight: this.peakInFlight,
      peakQueued: this.peakQueued,
      refused: this.refused,
    };
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}
