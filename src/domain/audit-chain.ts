// The audit log's hash chain. Each event's hash covers its own content and the previous event's
// hash, so changing or removing an event breaks every later link. Sequence numbers are gapless,
// and a separate head record (last sequence number and hash) catches removal of the newest events.

import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditEventContent {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  personId: string | null;
  programId: string | null;
  federationId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

export interface ChainedAuditEvent extends AuditEventContent {
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level, so that the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function hashAuditEvent(event: AuditEventContent, prevHash: string): string {
  const content = canonicalJson({
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorUserId: event.actorUserId,
    actorRole: event.actorRole,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    personId: event.personId,
    programId: event.programId,
    federationId: event.federationId,
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details,
    prevHash,
  });
  return createHash("sha256").update(content).digest("hex");
}

export type ChainProblem =
  | { seq: number; problem: "gap"; expectedSeq: number }
  | { seq: number; problem: "prev_hash" }
  | { seq: number; problem: "hash" }
  | { seq: number; problem: "head" };

export interface ChainReport {
  ok: boolean;
  checked: number;
  lastSeq: number;
  lastHash: string;
  problems: ChainProblem[];
}

/**
 * Verifies events fed in sequence order (in batches, so the whole log need not fit in memory).
 * Stops collecting after `maxProblems`.
 */
export function createChainVerifier(maxProblems = 100) {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const problems: ChainProblem[] = [];
  const note = (p: ChainProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };
  return {
    push(event: ChainedAuditEvent) {
      checked++;
      if (event.seq !== expectedSeq) note({ seq: event.seq, problem: "gap", expectedSeq });
      if (event.prevHash !== prevHash) note({ seq: event.seq, problem: "prev_hash" });
      if (hashAuditEvent(event, event.prevHash) !== event.hash) note({ seq: event.seq, problem: "hash" });
      expectedSeq = event.seq + 1;
      prevHash = event.hash;
    },
    /** head: what the head record says, or null when there is none (an empty log). */
    finish(head: { lastSeq: number; lastHash: string } | null): ChainReport {
      const lastSeq = expectedSeq - 1;
      const headMatches = head === null ? lastSeq === 0 : head.lastSeq === lastSeq && head.lastHash === prevHash;
      if (!headMatches) note({ seq: head?.lastSeq ?? 0, problem: "head" });
      return { ok: problems.length === 0, checked, lastSeq, lastHash: prevHash, problems };
    },
  };
}
