// Throttling of failed sign-ins, per submitted e-mail address and per client address. The same rules
// apply whether or not the address belongs to a user, so the answers never tell which e-mails exist.

export interface ThrottleRule {
  /** Failures older than this are forgotten. */
  windowMs: number;
  /** From this many failures on, each new attempt must wait a growing delay after the last failure. */
  delayFrom: number;
  maxDelayMs: number;
  /** After this many failures in the window the key is locked. */
  lockAfter: number;
  lockMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = {
  windowMs: 15 * 60_000,
  delayFrom: 3,
  maxDelayMs: 30_000,
  lockAfter: 6,
  lockMs: 15 * 60_000,
};

export const CLIENT_RULE: ThrottleRule = {
  windowMs: 15 * 60_000,
  delayFrom: 20,
  maxDelayMs: 10_000,
  lockAfter: 60,
  lockMs: 15 * 60_000,
};

export interface ThrottleState {
  failures: number;
  firstFailureAt: Date;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAt: Date; locked: boolean };

function current(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleState | null {
  if (!state) return null;
  if (state.lockedUntil && state.lockedUntil > now) return state;
  if (state.lockedUntil && state.lockedUntil <= now) return null; // a lock that ran out starts afresh
  if (now.getTime() - state.firstFailureAt.getTime() > rule.windowMs) return null;
  return state;
}

export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.delayFrom) return 0;
  return Math.min(1000 * 2 ** (failures - rule.delayFrom), rule.maxDelayMs);
}

/** May an attempt be made now? */
export function checkThrottle(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleCheck {
  const s = current(state, rule, now);
  if (!s) return { allowed: true };
  if (s.lockedUntil && s.lockedUntil > now) return { allowed: false, retryAt: s.lockedUntil, locked: true };
  const retryAt = new Date(s.lastFailureAt.getTime() + delayAfter(s.failures, rule));
  return retryAt > now ? { allowed: false, retryAt, locked: false } : { allowed: true };
}

/** The state after one more failed attempt. */
export function recordFailure(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleState {
  const s = current(state, rule, now);
  const failures = (s?.failures ?? 0) + 1;
  return {
    failures,
    firstFailureAt: s?.firstFailureAt ?? now,
    lastFailureAt: now,
    lockedUntil: failures >= rule.lockAfter ? new Date(now.getTime() + rule.lockMs) : null,
  };
}

/**
 * Every attempt is counted as a failure before the password is checked (so parallel attempts cannot slip
 * past the limit); a successful one is taken back off the count with this.
 */
export function undoFailure(state: ThrottleState | null, rule: ThrottleRule): ThrottleState | null {
  if (!state || state.failures <= 1) return null;
  const failures = state.failures - 1;
  return { ...state, failures, lockedUntil: failures >= rule.lockAfter ? state.lockedUntil : null };
}
