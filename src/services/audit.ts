import { TZDate } from "@date-fns/tz";
import { sql } from "kysely";
import {
  type ChainReport,
  type ChainedAuditEvent,
  createChainVerifier,
  GENESIS_HASH,
  hashAuditEvent,
} from "../domain/audit-chain.ts";
import { isIsoDate } from "../domain/person.ts";
import { decide, type Resource } from "../domain/policy.ts";
import type { AuditEventRow } from "../persistence/schema.ts";
import type { Db, RequestMeta, ServiceContext, Tx } from "./context.ts";
import { ForbiddenError, ValidationError } from "./errors.ts";
import { cleanText } from "./text.ts";

/** Any constant: the advisory lock that makes appends to the chain one at a time. */
const AUDIT_LOCK_KEY = 7_311_2026;

export interface AuditInput {
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  personId?: string | null;
  programId?: string | null;
  /**
   * Whose event it is (federation administrators review their federation's events). Left out, it is the
   * program's or the person's federation, for an account's events the account's federation, and otherwise
   * the acting user's.
   */
  federationId?: string | null;
  meta?: RequestMeta;
  /** What happened, without personal data: field names, counts, ids. */
  details?: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The federation an account belongs to (docs/decisions/0007-account-ownership.md); for an account that
 * has none recorded, the one federation its current roles are in, if there is exactly one.
 */
export async function accountFederation(db: Db | Tx, userId: string | null | undefined): Promise<string | null> {
  if (!userId || !UUID.test(userId)) return null;
  const user = await db.selectFrom("users").select("home_federation_id").where("id", "=", userId).executeTakeFirst();
  if (!user) return null;
  if (user.home_federation_id) return user.home_federation_id;
  const rows = await db
    .selectFrom("role_assignments as ra")
    .leftJoin("programs as p", "p.id", "ra.program_id")
    .leftJoin("authorities as a", "a.id", "ra.authority_id")
    .leftJoin("people as pe", "pe.id", "ra.person_id")
    .leftJoin("programs as pp", "pp.id", "pe.program_id")
    .select(["ra.federation_id", "p.federation_id as program_federation", "a.federation_id as authority_federation", "pp.federation_id as person_federation"])
    .where("ra.user_id", "=", userId)
    .where("ra.ended_at", "is", null)
    .execute();
  const federations = new Set(rows.map((r) => r.federation_id ?? r.program_federation ?? r.authority_federation ?? r.person_federation).filter((f): f is string => f !== null));
  return federations.size === 1 ? [...federations][0]! : null;
}

/** Whose event it is, when the caller did not say (see AuditInput.federationId). */
async function eventFederation(tx: Tx, input: AuditInput): Promise<string | null> {
  if (input.federationId) return input.federationId;
  if (input.programId && UUID.test(input.programId)) {
    const program = await tx.selectFrom("programs").select("federation_id").where("id", "=", input.programId).executeTakeFirst();
    if (program) return program.federation_id;
  }
  if (input.personId && UUID.test(input.personId)) {
    const person = await tx.selectFrom("people as p").innerJoin("programs as pr", "pr.id", "p.program_id").select("pr.federation_id").where("p.id", "=", input.personId).executeTakeFirst();
    if (person) return person.federation_id;
  }
  if (input.entityType === "user" && input.entityId) {
    const federation = await accountFederation(tx, input.entityId);
    if (federation) return federation;
  }
  return accountFederation(tx, input.actorUserId);
}

/** Appends one event to the audit log. Call inside the transaction that makes the change. */
export async function appendAuditEvent(tx: Tx, input: AuditInput, occurredAt: Date): Promise<number> {
  const federationId = await eventFederation(tx, input);
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  const head = await tx.selectFrom("audit_chain_head").selectAll().where("id", "=", 1).executeTakeFirst();
  const seq = head ? Number(head.last_seq) + 1 : 1;
  const prevHash = head?.last_hash ?? GENESIS_HASH;
  const content = {
    seq,
    occurredAt,
    actorUserId: input.actorUserId,
    actorRole: input.actorRole,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    personId: input.personId ?? null,
    programId: input.programId ?? null,
    federationId,
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent ?? null,
    details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
  };
  const hash = hashAuditEvent(content, prevHash);
  await tx
    .insertInto("audit_events")
    .values({
      seq,
      occurred_at: occurredAt,
      actor_user_id: content.actorUserId,
      actor_role: content.actorRole,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      person_id: content.personId,
      program_id: content.programId,
      federation_id: content.federationId,
      ip: content.ip,
      user_agent: content.userAgent,
      details: JSON.stringify(content.details),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  await tx
    .insertInto("audit_chain_head")
    .values({ id: 1, last_seq: seq, last_hash: hash })
    .onConflict((oc) => oc.column("id").doUpdateSet({ last_seq: seq, last_hash: hash }))
    .execute();
  return seq;
}

/** Shorthand for an event caused by the signed-in actor, in the role the policy granted. */
export function auditByActor(
  tx: Tx,
  ctx: ServiceContext,
  role: string | null,
  event: Omit<AuditInput, "actorUserId" | "actorRole" | "meta">,
): Promise<number> {
  return appendAuditEvent(tx, { ...event, actorUserId: ctx.actor.user.id, actorRole: role, meta: ctx.meta }, ctx.now());
}

function toChained(row: AuditEventRow): ChainedAuditEvent {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    personId: row.person_id,
    programId: row.program_id,
    federationId: row.federation_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Recomputes the whole chain in batches. Used by `audit verify`. */
export async function verifyAuditChain(db: Db, batchSize = 2_000): Promise<ChainReport> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", ">", String(after))
      .orderBy("seq")
      .limit(batchSize)
      .execute();
    for (const row of rows) verifier.push(toChained(row));
    if (rows.length < batchSize) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  const head = await db.selectFrom("audit_chain_head").selectAll().where("id", "=", 1).executeTakeFirst();
  return verifier.finish(head ? { lastSeq: Number(head.last_seq), lastHash: head.last_hash } : null);
}

export interface AuditSearch {
  personId?: string | undefined;
  /** The person's reference (e.g. P-7K3M9Q), as shown in the log. */
  personReference?: string | undefined;
  actorUserId?: string | undefined;
  actorEmail?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  /** The first day of the period (ISO date, inclusive), as people in the programs mean it (Swedish time). */
  fromDate?: string | undefined;
  /** The last day of the period (ISO date, inclusive). */
  toDate?: string | undefined;
  limit?: number | undefined;
  /** Events with a lower sequence number than this (paging backwards in time). */
  beforeSeq?: number | undefined;
}

export interface AuditEntry {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  personId: string | null;
  /** The person's reference; names are never shown in the log view. */
  personReference: string | null;
  programId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** More (older) events match: ask again with this as `beforeSeq`. Null when these are the oldest. */
  olderBeforeSeq: number | null;
}

/** The time zone the programs' calendar days are in (Norway's days start and end at the same moments). */
export const CALENDAR_TIME_ZONE = "Europe/Stockholm";

/** The moment a calendar day (ISO date) starts in a time zone: midnight there, whatever the offset that day. */
export function startOfCalendarDay(date: string, timeZone = CALENDAR_TIME_ZONE): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day, timeZone).getTime());
}

/** The moment a calendar day ends (exclusive): midnight at the start of the next day, so 23 or 25 hours on the days the clocks change. */
export function endOfCalendarDay(date: string, timeZone = CALENDAR_TIME_ZONE): Date {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfCalendarDay(next.toISOString().slice(0, 10), timeZone);
}

/** Throws unless the actor may review the audit log at all (to refuse the page before anything is searched). */
export function assertMayReviewAuditLog(ctx: ServiceContext): void {
  if (auditScopes(ctx) === null) throw new ForbiddenError();
}

/**
 * Searches the log (newest first) within what the actor may review: the whole installation or
 * federation for administrators, the program's events for its manager.
 */
export async function searchAuditLog(ctx: ServiceContext, search: AuditSearch): Promise<AuditEntry[]> {
  return (await searchAuditLogPage(ctx, search)).entries;
}

/** The same search, a page at a time: `olderBeforeSeq` continues with older events. */
export async function searchAuditLogPage(ctx: ServiceContext, search: AuditSearch): Promise<AuditPage> {
  const scopes = auditScopes(ctx);
  if (scopes === null) throw new ForbiddenError();
  const limit = Math.min(Math.max(Math.trunc(search.limit ?? 100) || 100, 1), 500);
  const fieldErrors: Record<string, string[]> = {};
  if (search.fromDate !== undefined && !isIsoDate(search.fromDate)) fieldErrors.from = ["errors.date"];
  if (search.toDate !== undefined && !isIsoDate(search.toDate)) fieldErrors.to = ["errors.date"];
  if (!fieldErrors.from && !fieldErrors.to && search.fromDate && search.toDate && search.toDate < search.fromDate) fieldErrors.to = ["audit.errors.toBeforeFrom"];
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  const from = search.fromDate ? startOfCalendarDay(search.fromDate) : search.from;
  const to = search.toDate ? endOfCalendarDay(search.toDate) : search.to;
  const beforeSeq = search.beforeSeq !== undefined && Number.isSafeInteger(search.beforeSeq) && search.beforeSeq > 0 ? search.beforeSeq : undefined;
  return ctx.db.transaction().execute(async (tx) => {
    let personId = search.personId;
    if (!personId && search.personReference) {
      const person = await tx.selectFrom("people").select("id").where("reference", "=", cleanText(search.personReference).trim().toUpperCase()).executeTakeFirst();
      personId = person?.id ?? "00000000-0000-0000-0000-000000000000";
    }
    let actorUserId = search.actorUserId;
    if (!actorUserId && search.actorEmail) {
      const user = await tx
        .selectFrom("users")
        .select("id")
        .where(({ eb, fn }) => eb(fn("lower", ["email"]), "=", cleanText(search.actorEmail!).trim().toLowerCase()))
        .executeTakeFirst();
      actorUserId = user?.id ?? "00000000-0000-0000-0000-000000000000";
    }
    let query = tx
      .selectFrom("audit_events as e")
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .leftJoin("people as p", "p.id", "e.person_id")
      .select([
        "e.seq", "e.occurred_at", "e.actor_user_id", "u.display_name as actor_name", "e.actor_role",
        "e.action", "e.entity_type", "e.entity_id", "e.person_id", "p.reference as person_reference",
        "e.program_id", "e.ip", "e.details",
      ])
      .orderBy("e.seq", "desc")
      .limit(limit + 1);
    if (scopes !== "all") {
      const { federationIds, programIds } = scopes;
      query = query.where((eb) =>
        eb.or([
          ...(federationIds.length
            ? [
                eb("e.federation_id", "in", federationIds),
                // Events recorded before they carried their federation: by their program.
                eb.and([
                  eb("e.federation_id", "is", null),
                  eb("e.program_id", "in", eb.selectFrom("programs").select("id").where("federation_id", "in", federationIds)),
                ]),
              ]
            : []),
          ...(programIds.length ? [eb("e.program_id", "in", programIds)] : []),
        ]),
      );
    }
    if (personId) query = query.where("e.person_id", "=", personId);
    if (actorUserId) query = query.where("e.actor_user_id", "=", actorUserId);
    if (from) query = query.where("e.occurred_at", ">=", from);
    if (to) query = query.where("e.occurred_at", "<", to);
    if (beforeSeq) query = query.where("e.seq", "<", String(beforeSeq));
    const found = await query.execute();
    const rows = found.slice(0, limit);
    // Reviewing the log is itself logged.
    await auditByActor(tx, ctx, scopes === "all" ? "administrator" : scopes.role, {
      action: "audit.search",
      entityType: "audit_log",
      personId: personId ?? null,
      details: {
        personId: personId ?? null,
        actorUserId: actorUserId ?? null,
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
        beforeSeq: beforeSeq ?? null,
        results: rows.length,
      },
    });
    const entries = rows.map((r) => ({
      seq: Number(r.seq),
      occurredAt: r.occurred_at,
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      personId: r.person_id,
      personReference: r.person_reference,
      programId: r.program_id,
      ip: r.ip,
      details: r.details,
    }));
    return { entries, olderBeforeSeq: found.length > limit ? entries[entries.length - 1]!.seq : null };
  });
}

type AuditScopes = "all" | { role: string; federationIds: string[]; programIds: string[] };

function auditScopes(ctx: ServiceContext): AuditScopes | null {
  const subject = ctx.actor.subject;
  if (decide(subject, "audit.view", { type: "installation" }).allowed) return "all";
  const federationIds: string[] = [];
  const programIds: string[] = [];
  let role: string | null = null;
  for (const a of subject.assignments) {
    let resource: Resource | null = null;
    if (a.role === "administrator" && a.federationId) resource = { type: "federation", federationId: a.federationId };
    if (a.role === "manager" && a.programId) resource = { type: "program", programId: a.programId, federationId: "" };
    if (!resource) continue;
    const decision = decide(subject, "audit.view", resource);
    if (!decision.allowed) continue;
    role ??= decision.role;
    if (resource.type === "federation") federationIds.push(resource.federationId);
    if (resource.type === "program") programIds.push(resource.programId);
  }
  if (!role) return null;
  return { role, federationIds, programIds };
}
