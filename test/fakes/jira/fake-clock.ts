/**
 * The fake site's clock: stamps `created` and `updated`. It follows real time until a test sets
 * it; from then on it stands still and moves only by `advance`, so a test can put writes at exact
 * instants (for example, several issues in one minute, the precision of JQL dates).
 */
export class FakeClock {
  private frozenAt: number | undefined;
  private last = 0;

  constructor(start?: string | number) {
    if (start !== undefined) this.set(start);
  }

  /** The current instant in ms; never goes backwards, so successive writes keep their order. */
  now(): number {
    this.last = Math.max(this.last, this.frozenAt ?? Date.now());
    return this.last;
  }

  /** Stops the clock at `at` (an ISO string or epoch ms). */
  set(at: string | number): void {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    if (Number.isNaN(ms)) throw new TypeError(`FakeClock.set: '${String(at)}' is not a date`);
    this.frozenAt = ms;
    this.last = ms;
  }

  /** Moves a set clock forward by `ms` (sets it at the current instant first when it was running). */
  advance(ms: number): void {
    this.set(this.now() + ms);
  }
}
