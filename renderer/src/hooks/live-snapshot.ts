// A value kept live from two sources that race: snapshots asked for (a listFolders reply)
// and an event stream that carries the whole value each time (a `folders` event). A reply
// is applied unless a later request's reply was applied already or an event came while it
// was out:
// the stream delivers in order, so an event that arrived during the request is at least as
// new as anything the reply could add, and a reply after it would take the view back (a
// folder shown "indexing" after its last event said "watching", until the next change).
// Pure, so the ordering rules are tested without a browser (live-snapshot.test.ts).

export interface SnapshotToken {
  readonly ticket: number;
  readonly events: number;
}

export class LiveSnapshot<T> {
  private issued = 0;
  private applied = 0;
  private events = 0;

  constructor(private readonly apply: (value: T) => void) {}

  /** Call when asking for a snapshot; hand the token to `reply` with the answer. */
  request(): SnapshotToken {
    return { ticket: ++this.issued, events: this.events };
  }

  /** A snapshot arrived: applied unless a later request's reply was, or an event came since. */
  reply(token: SnapshotToken, value: T): boolean {
    if (!this.take(token)) return false;
    this.apply(value);
    return true;
  }

  /** Whether an answer to `token` (a value or an error) is still news; if so it is marked
   *  taken, and the answers of earlier requests are not any more. */
  take(token: SnapshotToken): boolean {
    if (token.ticket < this.applied || token.events !== this.events) return false;
    this.applied = token.ticket;
    return true;
  }

  /** The stream's value: always the newest. */
  event(value: T): void {
    this.events++;
    this.apply(value);
  }
}
