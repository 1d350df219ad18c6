/**
 * Flow control: at most R accepted requests per action in any window of one second, `Throttling.User`
 * beyond, as the real service throttles per caller and API. A sliding window (chosen) rather than
 * fixed calendar seconds: it never lets 2R through across a second's boundary, so a client must really
 * keep to R per second. Refused requests do not count towards the window (they ran nothing).
 */
export type RateLimits = Readonly<Record<string, number>>;

export class RateLimiter {
  private limits: Record<string, number> = {};
  private readonly accepted = new Map<string, number[]>();

  constructor(limits: RateLimits = {}) {
    this.set(limits);
  }

  /**
   * Replaces the limits: requests per second by action name, `"*"` for every other action. An empty
   * object turns flow control off.
   */
  set(limits: RateLimits): void {
    for (const [action, perSecond] of Object.entries(limits)) {
      if (!(perSecond > 0)) throw new Error(`rate limit of ${action} must be a positive number: ${perSecond}`);
    }
    this.limits = { ...limits };
    this.accepted.clear();
  }

  /** True when this request is over the limit (answer Throttling.User); otherwise counts it. */
  refuses(action: string, now: number): boolean {
    const limit = this.limits[action] ?? this.limits["*"];
    if (limit === undefined) return false;
    const times = this.accepted.get(action) ?? [];
    while (times.length > 0 && times[0]! <= now - 1_000) times.shift();
    this.accepted.set(action, times);
    // A fractional limit (0.5/s) still admits one request when the window is empty.
    if (times.length >= Math.max(1, Math.floor(limit))) return true;
    times.push(now);
    return false;
  }
}
