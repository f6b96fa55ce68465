import { sql } from "kysely";
import { ACCOUNT_RULE, CLIENT_RULE, checkThrottle, recordFailure, type ThrottleRule, type ThrottleState, undoFailure } from "../domain/throttle.ts";
import { isRole, type RoleAssignment } from "../domain/roles.ts";
import { passwordProblem } from "../domain/passwords.ts";
import { accountFederation, appendAuditEvent } from "./audit.ts";
import type { Actor, ActorUser, Db, Deps, RequestMeta, ServiceContext, Tx } from "./context.ts";
import { hashPassword, newToken, sha256, verifyDummyPassword, verifyPassword } from "./crypto.ts";
import { cleanText } from "./text.ts";
import { ThrottledError, UnauthenticatedError, ValidationError } from "./errors.ts";

export interface SessionSettings {
  /** A session ends after this long without a request. */
  idleMs: number;
  /** ...and at the latest this long after sign-in. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMs: 30 * 60_000, absoluteMs: 10 * 60 * 60_000 };

/** How often a session's last-seen time is written (not on every request). */
const TOUCH_INTERVAL_MS = 60_000;
const SESSION_PREFIX = "sps_";
/**
 * Longer passwords are refused before they reach argon2 (hashing megabytes would let anyone tie up the
 * server). New passwords have a lower limit (PASSWORD_MAX_LENGTH); this one only guards the checks.
 */
export const MAX_PASSWORD_INPUT_LENGTH = 1024;
const API_TOKEN_PREFIX = "spt_";

export interface SessionInfo {
  id: string;
  expiresAt: Date;
  idleExpiresAt: Date;
}

export interface SignInResult {
  token: string;
  session: SessionInfo;
  user: ActorUser;
}

function toActorUser(row: { id: string; email: string; display_name: string; locale: string; must_change_password: boolean }): ActorUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale === "nb" || row.locale === "en" ? row.locale : "sv",
    mustChangePassword: row.must_change_password,
  };
}

/** The user and their current role assignments, or null for an unknown or deactivated user. */
export async function loadActor(db: Db | Tx, userId: string): Promise<Actor | null> {
  const user = await db.selectFrom("users").selectAll().where("id", "=", userId).where("active", "=", true).executeTakeFirst();
  if (!user) return null;
  const rows = await db
    .selectFrom("role_assignments")
    .selectAll()
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .orderBy("created_at")
    .execute();
  const assignments: RoleAssignment[] = rows
    .filter((r) => isRole(r.role))
    .map((r) => ({
      id: r.id,
      role: r.role as RoleAssignment["role"],
      federationId: r.federation_id,
      programId: r.program_id,
      authorityId: r.authority_id,
      unitId: r.unit_id,
      personId: r.person_id,
    }));
  return { user: toActorUser(user), subject: { userId, assignments } };
}

export function accountThrottleKey(email: string): string {
  return `account:${sha256(email.trim().toLowerCase())}`;
}

/** Wrong current passwords when changing the password, per user: the same rule as failed sign-ins. */
export function passwordChangeThrottleKey(userId: string): string {
  return `password:${userId}`;
}

/**
 * Reserves an attempt under the throttle: under a lock per key, checks the limits and counts the attempt as
 * a failure before the (slow) password check, so that parallel attempts cannot get past the limit together.
 * Returns the refusal when the limit is reached (after recording `throttledEvent`), otherwise null.
 */
async function reserveAttempt(
  db: Db,
  keys: { key: string; rule: ThrottleRule }[],
  now: Date,
  throttledEvent: (tx: Tx, locked: boolean) => Promise<unknown>,
): Promise<ThrottledError | null> {
  return db.transaction().execute(async (tx) => {
    for (const { key } of keys) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
    const states = await Promise.all(keys.map(({ key }) => readThrottle(tx, key)));
    for (const [i, { rule }] of keys.entries()) {
      const check = checkThrottle(states[i]!, rule, now);
      if (!check.allowed) {
        await throttledEvent(tx, check.locked);
        return new ThrottledError(check.retryAt, check.locked);
      }
    }
    for (const [i, { key, rule }] of keys.entries()) await writeThrottle(tx, key, recordFailure(states[i]!, rule, now));
    return null;
  });
}

function throttleKeys(email: string, ip: string | null): { key: string; rule: ThrottleRule }[] {
  const keys = [{ key: accountThrottleKey(email), rule: ACCOUNT_RULE }];
  if (ip) keys.push({ key: `client:${ip}`, rule: CLIENT_RULE });
  return keys;
}

async function writeThrottle(tx: Tx, key: string, state: ThrottleState): Promise<void> {
  const values = { failures: state.failures, first_failure_at: state.firstFailureAt, last_failure_at: state.lastFailureAt, locked_until: state.lockedUntil };
  await tx.insertInto("login_throttle").values({ key, ...values }).onConflict((oc) => oc.column("key").doUpdateSet(values)).execute();
}

async function readThrottle(db: Db | Tx, key: string): Promise<ThrottleState | null> {
  const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  return row
    ? { failures: row.failures, firstFailureAt: row.first_failure_at, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until }
    : null;
}

/**
 * Signs in with e-mail and password. Every failure looks the same to the caller (UnauthenticatedError),
 * whether the e-mail exists or not; repeated failures are throttled and then locked (ThrottledError).
 */
export async function signIn(
  deps: Deps,
  meta: RequestMeta,
  input: {
    email?: unknown;
    password?: unknown;
    /** A language picked on this browser before signing in: it becomes the user's if they never chose one. */
    locale?: unknown;
  },
  settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
): Promise<SignInResult> {
  const email = typeof input.email === "string" ? cleanText(input.email).trim().slice(0, 254) : "";
  const password = typeof input.password === "string" ? input.password : "";
  const fieldErrors: Record<string, string[]> = {};
  if (!email) fieldErrors.email = ["errors.required"];
  if (!password) fieldErrors.password = ["errors.required"];
  else if (password.length > MAX_PASSWORD_INPUT_LENGTH) fieldErrors.password = ["password.errors.tooLongToCheck"];
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);

  const now = deps.now();
  const keys = throttleKeys(email, meta.ip);
  const blocked = await reserveAttempt(deps.db, keys, now, async (tx, locked) => {
    // The account's administrators see attempts on it; the answer to the caller stays the same.
    const target = await tx.selectFrom("users").select("id").where(({ eb, fn }) => eb(fn("lower", ["email"]), "=", email.toLowerCase())).executeTakeFirst();
    const federationId = await accountFederation(tx, target?.id);
    await appendAuditEvent(tx, { actorUserId: null, actorRole: null, action: "auth.sign_in_throttled", entityType: "session", federationId, meta, details: { locked } }, now);
  });
  if (blocked) throw blocked;

  const user = await deps.db.selectFrom("users").selectAll().where(({ eb, fn }) => eb(fn("lower", ["email"]), "=", email.toLowerCase())).executeTakeFirst();
  let ok = false;
  if (user?.password_hash) ok = await verifyPassword(user.password_hash, password);
  else await verifyDummyPassword(password);
  if (ok && user && !user.active) ok = false;

  if (!ok || !user) {
    await deps.db.transaction().execute((tx) =>
      appendAuditEvent(
        tx,
        {
          actorUserId: user?.id ?? null,
          actorRole: null,
          action: "auth.sign_in_failed",
          entityType: "session",
          meta,
          details: { reason: !user ? "unknown_email" : !user.active ? "deactivated" : "wrong_password" },
        },
        now,
      ),
    );
    throw new UnauthenticatedError();
  }

  const token = newToken(SESSION_PREFIX);
  const pickedLocale = input.locale === "sv" || input.locale === "nb" || input.locale === "en" ? input.locale : null;
  const locale = pickedLocale && !user.locale_chosen ? pickedLocale : user.locale;
  const session = await deps.db.transaction().execute(async (tx) => {
    if (pickedLocale && !user.locale_chosen) {
      await tx.updateTable("users").set({ locale, locale_chosen: true, updated_at: now }).where("id", "=", user.id).execute();
    }
    // The attempt succeeded: the account starts afresh, and the client address gets its attempt back.
    await tx.deleteFrom("login_throttle").where("key", "=", keys[0]!.key).execute();
    for (const { key, rule } of keys.slice(1)) {
      await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
      const undone = undoFailure(await readThrottle(tx, key), rule);
      if (undone) await writeThrottle(tx, key, undone);
      else await tx.deleteFrom("login_throttle").where("key", "=", key).execute();
    }
    const row = await tx
      .insertInto("sessions")
      .values({
        token_hash: sha256(token),
        user_id: user.id,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + settings.absoluteMs),
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 400) ?? null,
      })
      .returning(["id", "expires_at"])
      .executeTakeFirstOrThrow();
    await appendAuditEvent(tx, { actorUserId: user.id, actorRole: null, action: "auth.sign_in", entityType: "session", entityId: row.id, meta }, now);
    return row;
  });
  return {
    token,
    session: { id: session.id, expiresAt: session.expires_at, idleExpiresAt: new Date(now.getTime() + settings.idleMs) },
    user: toActorUser({ ...user, locale }),
  };
}

export interface ResolvedSession {
  actor: Actor;
  session: SessionInfo;
}

/** The session behind a cookie's token, if it is still valid. Ends sessions that have run out. */
export async function resolveSession(
  deps: Deps,
  token: string,
  settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
): Promise<ResolvedSession | null> {
  if (!token.startsWith(SESSION_PREFIX) || token.length > 200) return null;
  const now = deps.now();
  const session = await deps.db.selectFrom("sessions").selectAll().where("token_hash", "=", sha256(token)).executeTakeFirst();
  if (!session || session.ended_at) return null;
  const idleExpiresAt = new Date(session.last_seen_at.getTime() + settings.idleMs);
  const reason = session.expires_at <= now ? "expired" : idleExpiresAt <= now ? "idle" : null;
  if (reason) {
    await deps.db.updateTable("sessions").set({ ended_at: now, end_reason: reason }).where("id", "=", session.id).where("ended_at", "is", null).execute();
    return null;
  }
  const actor = await loadActor(deps.db, session.user_id);
  if (!actor) return null;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", session.id).execute();
  }
  return { actor, session: { id: session.id, expiresAt: session.expires_at, idleExpiresAt: new Date(now.getTime() + settings.idleMs) } };
}

/** Ends the session behind a token (sign-out). */
export async function signOut(deps: Deps, meta: RequestMeta, token: string): Promise<void> {
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const session = await tx
      .updateTable("sessions")
      .set({ ended_at: now, end_reason: "signed_out" })
      .where("token_hash", "=", sha256(token))
      .where("ended_at", "is", null)
      .returning(["id", "user_id"])
      .executeTakeFirst();
    if (session) {
      await appendAuditEvent(tx, { actorUserId: session.user_id, actorRole: null, action: "auth.sign_out", entityType: "session", entityId: session.id, meta }, now);
    }
  });
}

/** Ends a user's sessions (all, or all but one) and returns how many were ended. */
export async function endSessions(tx: Tx, userId: string, reason: string, now: Date, exceptSessionId?: string): Promise<number> {
  let q = tx.updateTable("sessions").set({ ended_at: now, end_reason: reason }).where("user_id", "=", userId).where("ended_at", "is", null);
  if (exceptSessionId) q = q.where("id", "<>", exceptSessionId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** "Sign out everywhere": ends every session of the signed-in user, this one included. */
export async function signOutEverywhere(ctx: ServiceContext): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    const ended = await endSessions(tx, ctx.actor.user.id, "signed_out_everywhere", ctx.now());
    await appendAuditEvent(tx, { actorUserId: ctx.actor.user.id, actorRole: null, action: "auth.sign_out_everywhere", entityType: "session", meta: ctx.meta, details: { ended } }, ctx.now());
    return ended;
  });
}

/** Changes the signed-in user's password and ends their other sessions. */
export async function changePassword(
  ctx: ServiceContext,
  currentSessionId: string | null,
  input: { currentPassword?: unknown; newPassword?: unknown; confirmPassword?: unknown },
): Promise<void> {
  const current = typeof input.currentPassword === "string" ? input.currentPassword : "";
  const next = typeof input.newPassword === "string" ? input.newPassword : "";
  const confirm = typeof input.confirmPassword === "string" ? input.confirmPassword : "";
  const fieldErrors: Record<string, string[]> = {};
  if (!current) fieldErrors.currentPassword = ["errors.required"];
  else if (current.length > MAX_PASSWORD_INPUT_LENGTH) fieldErrors.currentPassword = ["password.errors.tooLongToCheck"];
  const problem = next ? passwordProblem(next, ctx.actor.user.email) : "required";
  if (problem) fieldErrors.newPassword = [problem === "required" ? "errors.required" : `password.errors.${problem}`];
  else if (confirm !== next) fieldErrors.confirmPassword = ["password.errors.mismatch"];
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);

  // Someone at an unlocked computer must not be able to try passwords here without limit either.
  const userId = ctx.actor.user.id;
  const throttleKey = passwordChangeThrottleKey(userId);
  const blocked = await reserveAttempt(ctx.db, [{ key: throttleKey, rule: ACCOUNT_RULE }], ctx.now(), (tx, locked) =>
    appendAuditEvent(tx, { actorUserId: userId, actorRole: null, action: "auth.password_change_throttled", entityType: "user", entityId: userId, meta: ctx.meta, details: { locked } }, ctx.now()),
  );
  if (blocked) throw blocked;
  const user = await ctx.db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  if (!user.password_hash || !(await verifyPassword(user.password_hash, current))) {
    await ctx.db.transaction().execute((tx) =>
      appendAuditEvent(tx, { actorUserId: userId, actorRole: null, action: "auth.password_change_failed", entityType: "user", entityId: userId, meta: ctx.meta }, ctx.now()),
    );
    throw new ValidationError({ currentPassword: ["password.errors.wrongCurrent"] });
  }
  // The right current password: the count starts afresh.
  await ctx.db.deleteFrom("login_throttle").where("key", "=", throttleKey).execute();
  if (await verifyPassword(user.password_hash, next)) throw new ValidationError({ newPassword: ["password.errors.unchanged"] });
  const passwordHash = await hashPassword(next);
  await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.now();
    await tx
      .updateTable("users")
      .set({ password_hash: passwordHash, password_changed_at: now, must_change_password: false, updated_at: now })
      .where("id", "=", ctx.actor.user.id)
      .execute();
    const ended = await endSessions(tx, ctx.actor.user.id, "password_changed", now, currentSessionId ?? undefined);
    await appendAuditEvent(tx, { actorUserId: ctx.actor.user.id, actorRole: null, action: "auth.password_changed", entityType: "user", entityId: ctx.actor.user.id, meta: ctx.meta, details: { otherSessionsEnded: ended } }, now);
  });
}

// ---- API tokens -------------------------------------------------------------------------------

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Creates an API token for a user. The token is returned once; only its hash is kept. */
export async function issueApiToken(
  tx: Tx,
  input: { userId: string; name: string; createdBy: string | null; createdByRole: string; meta: RequestMeta | undefined; now: Date },
): Promise<{ token: string; id: string }> {
  const token = newToken(API_TOKEN_PREFIX);
  const row = await tx
    .insertInto("api_tokens")
    .values({
      user_id: input.userId,
      name: input.name,
      token_hash: sha256(token),
      token_prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      created_at: input.now,
      created_by: input.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendAuditEvent(
    tx,
    {
      actorUserId: input.createdBy,
      actorRole: input.createdByRole,
      action: "token.create",
      entityType: "api_token",
      entityId: row.id,
      federationId: await accountFederation(tx, input.userId),
      meta: input.meta,
      details: { userId: input.userId },
    },
    input.now,
  );
  return { token, id: row.id };
}

/** The actor behind an API token, if the token is valid and its user active. */
export async function resolveApiToken(deps: Deps, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await deps.db.selectFrom("api_tokens").selectAll().where("token_hash", "=", sha256(token)).executeTakeFirst();
  const now = deps.now();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return null;
  const actor = await loadActor(deps.db, row.user_id);
  if (!actor) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  return actor;
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.token_prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

