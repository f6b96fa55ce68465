import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, checkThrottle, delayAfter, recordFailure, type ThrottleState, undoFailure } from "./throttle.ts";

const t0 = new Date("2026-11-23T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

function failures(n: number, spacingMs = 60_000): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (let i = 0; i < n; i++) state = recordFailure(state, ACCOUNT_RULE, at(i * spacingMs));
  return state;
}

describe("sign-in throttling", () => {
  it("lets the first attempts through without delay", () => {
    expect(checkThrottle(null, ACCOUNT_RULE, t0)).toEqual({ allowed: true });
    expect(checkThrottle(failures(2), ACCOUNT_RULE, at(60_001))).toEqual({ allowed: true });
  });

  it("makes each attempt wait longer after repeated failures", () => {
    expect([1, 2, 3, 4, 5].map((n) => delayAfter(n, ACCOUNT_RULE))).toEqual([0, 0, 1000, 2000, 4000]);
    const state = failures(4, 100);
    expect(checkThrottle(state, ACCOUNT_RULE, at(300 + 1_000))).toMatchObject({ allowed: false, locked: false, retryAt: at(300 + 2_000) });
    expect(checkThrottle(state, ACCOUNT_RULE, at(300 + 2_000))).toEqual({ allowed: true });
  });

  it("locks after too many failures, then starts afresh when the lock runs out", () => {
    const state = failures(ACCOUNT_RULE.lockAfter, 10_000);
    const lastFailure = at((ACCOUNT_RULE.lockAfter - 1) * 10_000);
    expect(state?.lockedUntil).toEqual(new Date(lastFailure.getTime() + ACCOUNT_RULE.lockMs));
    expect(checkThrottle(state, ACCOUNT_RULE, new Date(lastFailure.getTime() + 60_000))).toMatchObject({ allowed: false, locked: true });
    const after = new Date(lastFailure.getTime() + ACCOUNT_RULE.lockMs + 1);
    expect(checkThrottle(state, ACCOUNT_RULE, after)).toEqual({ allowed: true });
    expect(recordFailure(state, ACCOUNT_RULE, after).failures).toBe(1);
  });

  it("forgets failures older than the window", () => {
    const state = failures(3, 1_000);
    expect(recordFailure(state, ACCOUNT_RULE, at(ACCOUNT_RULE.windowMs + 10_000)).failures).toBe(1);
  });
});

describe("taking back a reserved attempt", () => {
  it("lowers the count, lifts a lock that only this attempt caused, and forgets a single attempt", () => {
    expect(undoFailure(null, ACCOUNT_RULE)).toBeNull();
    expect(undoFailure(failures(1), ACCOUNT_RULE)).toBeNull();
    expect(undoFailure(failures(4), ACCOUNT_RULE)?.failures).toBe(3);
    const locked = failures(ACCOUNT_RULE.lockAfter)!;
    expect(locked.lockedUntil).not.toBeNull();
    expect(undoFailure(locked, ACCOUNT_RULE)?.lockedUntil).toBeNull();
    const deeper = failures(ACCOUNT_RULE.lockAfter + 1)!;
    expect(undoFailure(deeper, ACCOUNT_RULE)?.lockedUntil).toEqual(deeper.lockedUntil);
  });
});
