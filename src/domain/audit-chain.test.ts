import { describe, expect, it } from "vitest";
import { type AuditEventContent, type ChainedAuditEvent, canonicalJson, createChainVerifier, GENESIS_HASH, hashAuditEvent } from "./audit-chain.ts";

function chain(n: number): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditEventContent = {
      seq: i,
      occurredAt: new Date(Date.UTC(2026, 10, 23, 9, 0, i)),
      actorUserId: `user-${i % 3}`,
      actorRole: "coordinator",
      action: i % 2 ? "person.view" : "person.update",
      entityType: "person",
      entityId: `p-${i}`,
      personId: `p-${i}`,
      programId: "krus",
      federationId: "kalmar",
      ip: "192.0.2.1",
      userAgent: "test",
      details: { fields: ["phone"], n: i },
    };
    const hash = hashAuditEvent(content, prev);
    events.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

function verify(events: ChainedAuditEvent[], head: { lastSeq: number; lastHash: string } | null) {
  const v = createChainVerifier();
  for (const e of events) v.push(e);
  return v.finish(head);
}

const headOf = (events: ChainedAuditEvent[]) => ({ lastSeq: events.at(-1)!.seq, lastHash: events.at(-1)!.hash });

describe("audit hash chain", () => {
  it("accepts an intact chain and an empty log", () => {
    const events = chain(10);
    expect(verify(events, headOf(events))).toMatchObject({ ok: true, checked: 10, lastSeq: 10, problems: [] });
    expect(verify([], null)).toMatchObject({ ok: true, checked: 0 });
  });

  it("detects a changed event, at the event that was changed", () => {
    const events = chain(10);
    events[4] = { ...events[4]!, details: { fields: ["email"], n: 5 } };
    expect(verify(events, headOf(events)).problems).toEqual([{ seq: 5, problem: "hash" }]);
  });

  it("detects a changed event whose hash was recomputed: the next link breaks", () => {
    const events = chain(10);
    const forged = { ...events[4]!, actorUserId: "someone-else" };
    forged.hash = hashAuditEvent(forged, forged.prevHash);
    events[4] = forged;
    expect(verify(events, headOf(chain(10))).problems).toContainEqual({ seq: 6, problem: "prev_hash" });
  });

  it("detects a removed event in the middle", () => {
    const events = chain(10);
    events.splice(3, 1);
    const problems = verify(events, headOf(events)).problems;
    expect(problems).toContainEqual({ seq: 5, problem: "gap", expectedSeq: 4 });
    expect(problems).toContainEqual({ seq: 5, problem: "prev_hash" });
  });

  it("detects removed events at the end through the head record", () => {
    const events = chain(10);
    const head = headOf(events);
    expect(verify(events.slice(0, 8), head)).toMatchObject({ ok: false, problems: [{ seq: 10, problem: "head" }] });
    expect(verify([], head).ok).toBe(false);
    expect(verify(events, null).ok).toBe(false);
  });

  it("detects reordered events", () => {
    const events = chain(5);
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verify(events, headOf(chain(5))).ok).toBe(false);
  });

  it("hashes the same content the same way whatever the key order (as jsonb returns it)", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    const [e] = chain(1);
    expect(hashAuditEvent({ ...e!, details: { n: 1, fields: ["phone"] } }, GENESIS_HASH)).toBe(e!.hash);
  });
});
