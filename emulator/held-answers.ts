/**
 * Answers of executed calls held back by a `holdAfterCommit` fault, until the test releases them. This is
 * how a test makes a kill land between a bind's commit and its answer, deterministically: wait until the
 * binds are held (`waitFor`), kill the client, then `release()` (the answers go to closed sockets).
 */
export class HeldAnswers {
  private held: (() => void)[] = [];
  private total = 0;
  /** When each answer was held (ms epoch), to tell how far apart the commits were. */
  readonly heldAt: number[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  /** Called by the server with the function that sends the answer. */
  hold(send: () => void): void {
    this.held.push(send);
    this.heldAt.push(Date.now());
    this.total += 1;
    this.waiters = this.waiters.filter((waiter) => (this.total >= waiter.count ? (waiter.resolve(), false) : true));
  }

  /** Answers held so far, released or not. */
  get count(): number {
    return this.total;
  }

  /** Resolves once `count` answers have been held in all; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<void> {
    if (this.total >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.total} of ${count} answers were held within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Sends every held answer now (to whoever still listens). */
  release(): number {
    const sends = this.held;
    this.held = [];
    for (const send of sends) send();
    return sends.length;
  }

  /** On shutdown: forget them, unanswered. */
  drop(): void {
    this.held = [];
  }
}
