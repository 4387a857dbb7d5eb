// Teams' limits on a bot's proactive sends, and how long to wait before trying a refused send again.

/** One sliding window: at most `count` sends in any `windowMs`. */
export interface RateWindow {
  count: number;
  windowMs: number;
}

/** Teams' documented limits: per conversation 7 in 1 s, 8 in 2 s, 60 in 30 s; per app 50 a second. */
export const TEAMS_RATE_LIMITS = {
  perConversation: [
    { count: 7, windowMs: 1_000 },
    { count: 8, windowMs: 2_000 },
    { count: 60, windowMs: 30_000 },
  ],
  perApp: [{ count: 50, windowMs: 1_000 }],
} as const satisfies Record<string, readonly RateWindow[]>;

/** Attempts before a dispatch is recorded as failed. */
export const MAX_SEND_ATTEMPTS = 6;

/**
 * How long (ms) to wait from `now` before one more send keeps within every window, given the
 * earlier send times (ascending, ms). `marginMs` widens each window, so that the channel, which
 * sees the sends a little later and less evenly than they leave, still counts them within limits.
 */
export function waitBeforeSend(sendTimes: readonly number[], now: number, windows: readonly RateWindow[], marginMs = 0): number {
  let wait = 0;
  for (const window of windows) {
    const span = window.windowMs + marginMs;
    const inWindow = sendTimes.filter((time) => time > now - span);
    if (inWindow.length >= window.count) {
      // The send that must leave the window before another may go.
      const blocking = inWindow[inWindow.length - window.count]!;
      wait = Math.max(wait, blocking + span - now);
    }
  }
  return wait;
}

/**
 * Statuses worth trying again: throttled (429), taken over (412), the channel's gateway troubles
 * (502-504), and unreachable (0: the request never left). A send nobody answered may have arrived,
 * so it is not one of them.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 412 || status === 502 || status === 503 || status === 504 || status === 0;
}

/**
 * The delay (ms) before attempt `attempt + 1`: bounded exponential backoff with full jitter (base
 * 1 s, cap 60 s), never less than the channel's Retry-After.
 */
export function retryDelay(attempt: number, random: number, retryAfterSeconds?: number): number {
  const ceiling = Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(ceiling * random);
  return Math.max(jittered, (retryAfterSeconds ?? 0) * 1_000);
}
