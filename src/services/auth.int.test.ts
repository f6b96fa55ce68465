import { afterAll, beforeAll, expect, it } from "vitest";
import { ACCOUNT_RULE } from "../domain/throttle.ts";
import { changePassword, MAX_PASSWORD_INPUT_LENGTH, resolveApiToken, resolveSession, signIn, signOut, signOutEverywhere } from "./auth.ts";
import { ThrottledError, UnauthenticatedError, ValidationError } from "./errors.ts";
import { createApiTokenFor, resetPassword, setOwnLocale, setUserActive } from "./users.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, PASSWORD, type World } from "../../tests/support/world.ts";

const meta = (ip = "198.51.100.7") => ({ ip, userAgent: "vitest" });
const settings = { idleMs: 30 * 60_000, absoluteMs: 10 * 3_600_000 };

describeEachDatabase("sign-in and sessions", (flavour) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
  });
  afterAll(() => t.close());

  it("signs in with e-mail (any case) and password, storing only a hash of the session token", async () => {
    const result = await signIn(t.deps, meta(), { email: w.users.coordinator.email.toUpperCase(), password: PASSWORD }, settings);
    expect(result.token).toMatch(/^sps_[A-Za-z0-9_-]{43}$/);
    const stored = await t.deps.db.selectFrom("sessions").selectAll().where("id", "=", result.session.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(result.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const resolved = await resolveSession(t.deps, result.token, settings);
    expect(resolved?.actor.user.id).toBe(w.users.coordinator.id);
    expect(resolved?.actor.subject.assignments.map((a) => a.role)).toEqual(["coordinator"]);
  });

  it("stores passwords as argon2id", async () => {
    const row = await t.deps.db.selectFrom("users").select("password_hash").where("id", "=", w.users.manager.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("answers a wrong password and an unknown e-mail the same way, and records both", async () => {
    const wrong = await signIn(t.deps, meta("203.0.113.1"), { email: w.users.therapist.email, password: "wrong password!" }).catch((e: unknown) => e);
    const unknown = await signIn(t.deps, meta("203.0.113.2"), { email: "nobody@test.example", password: "wrong password!" }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(UnauthenticatedError);
    expect(unknown).toBeInstanceOf(UnauthenticatedError);
    expect((wrong as Error).message).toBe((unknown as Error).message);
    const events = await t.deps.db.selectFrom("audit_events").select(["details", "actor_user_id"]).where("action", "=", "auth.sign_in_failed").execute();
    expect(events.map((e) => e.details.reason)).toEqual(expect.arrayContaining(["wrong_password", "unknown_email"]));
  });

  it("validates that both fields are filled in", async () => {
    const error = await signIn(t.deps, meta(), { email: " ", password: "" }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toEqual({ email: ["errors.required"], password: ["errors.required"] });
  });

  it("throttles and then locks repeated failures for an address, whether or not it exists", async () => {
    for (const email of [w.users.volunteer.email, "ghost@test.example"]) {
      const start = new Date(t.clock.now);
      let throttled = 0;
      for (let i = 0; i < ACCOUNT_RULE.lockAfter + 3; i++) {
        const error = await signIn(t.deps, meta(`192.0.2.${i + 20}`), { email, password: "not the password" }).catch((e: unknown) => e);
        if (error instanceof ThrottledError) throttled++;
        t.clock.advance(31_000); // longer than the longest delay, so only the lock stops us
      }
      expect(throttled, email).toBeGreaterThan(0);
      // Locked now: even the right password is refused, with the same answer for both addresses.
      const locked = await signIn(t.deps, meta("192.0.2.99"), { email, password: PASSWORD }).catch((e: unknown) => e);
      expect(locked, email).toBeInstanceOf(ThrottledError);
      expect((locked as ThrottledError).locked).toBe(true);
      t.clock.set(new Date(start.getTime() + 60 * 60_000));
    }
    // After the lock has run out the right password works.
    await expect(signIn(t.deps, meta("192.0.2.100"), { email: w.users.volunteer.email, password: PASSWORD })).resolves.toMatchObject({ user: { id: w.users.volunteer.id } });
  });

  it("counts parallel attempts before checking passwords, so they cannot get past the limit together", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(t.deps, meta(`192.0.2.${150 + i}`), { email: "parallel@test.example", password: `guess ${i}` }).catch((e: unknown) => e)),
    );
    const checked = results.filter((r) => r instanceof UnauthenticatedError).length;
    const throttled = results.filter((r) => r instanceof ThrottledError).length;
    expect(checked).toBe(ACCOUNT_RULE.delayFrom);
    expect(throttled).toBe(12 - ACCOUNT_RULE.delayFrom);
  });

  it("gives a successful sign-in's attempt back to the client address (an office behind one address is not locked out)", async () => {
    const ip = "198.51.100.200";
    await signIn(t.deps, meta(ip), { email: "nobody-here@test.example", password: "wrong wrong" }).catch(() => undefined);
    const count = async () => (await t.deps.db.selectFrom("login_throttle").select("failures").where("key", "=", `client:${ip}`).executeTakeFirst())?.failures ?? 0;
    expect(await count()).toBe(1);
    for (let i = 0; i < 3; i++) await signIn(t.deps, meta(ip), { email: w.users.officer.email, password: PASSWORD });
    expect(await count()).toBe(1);
  });

  it("ends a session after 30 minutes without use, and at the latest after the absolute limit", async () => {
    const { token } = await signIn(t.deps, meta(), { email: w.users.manager.email, password: PASSWORD }, settings);
    t.clock.advance(29 * 60_000);
    expect(await resolveSession(t.deps, token, settings)).not.toBeNull();
    t.clock.advance(29 * 60_000); // still within 30 minutes of the last use
    expect(await resolveSession(t.deps, token, settings)).not.toBeNull();
    t.clock.advance(31 * 60_000);
    expect(await resolveSession(t.deps, token, settings)).toBeNull();
    const row = await t.deps.db.selectFrom("sessions").select("end_reason").where("user_id", "=", w.users.manager.id).where("end_reason", "=", "idle").executeTakeFirst();
    expect(row).toBeDefined();

    const second = await signIn(t.deps, meta(), { email: w.users.manager.email, password: PASSWORD }, settings);
    for (let i = 0; i < 21; i++) {
      t.clock.advance(29 * 60_000);
      await resolveSession(t.deps, second.token, settings);
    }
    expect(await resolveSession(t.deps, second.token, settings)).toBeNull();
  });

  it("signs out: the token stops working", async () => {
    const { token } = await signIn(t.deps, meta(), { email: w.users.officer.email, password: PASSWORD }, settings);
    await signOut(t.deps, meta(), token);
    expect(await resolveSession(t.deps, token, settings)).toBeNull();
    expect(await resolveSession(t.deps, "sps_forged", settings)).toBeNull();
  });

  it("signs out everywhere, and ends other sessions when the password changes", async () => {
    const a = await signIn(t.deps, meta(), { email: w.users.team.email, password: PASSWORD }, settings);
    const b = await signIn(t.deps, meta(), { email: w.users.team.email, password: PASSWORD }, settings);
    const ctx = await w.ctx("team");
    await expect(changePassword(ctx, a.session.id, { currentPassword: "wrong", newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" })).rejects.toMatchObject({ fieldErrors: { currentPassword: ["password.errors.wrongCurrent"] } });
    await expect(changePassword(ctx, a.session.id, { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" })).rejects.toMatchObject({ fieldErrors: { newPassword: ["password.errors.too_short"] } });
    await expect(changePassword(ctx, a.session.id, { currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase!" })).rejects.toMatchObject({ fieldErrors: { confirmPassword: ["password.errors.mismatch"] } });
    await changePassword(ctx, a.session.id, { currentPassword: PASSWORD, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    expect(await resolveSession(t.deps, a.token, settings)).not.toBeNull();
    expect(await resolveSession(t.deps, b.token, settings)).toBeNull();
    await expect(signIn(t.deps, meta(), { email: w.users.team.email, password: PASSWORD })).rejects.toBeInstanceOf(UnauthenticatedError);
    await signIn(t.deps, meta(), { email: w.users.team.email, password: "a brand new passphrase" });
    expect(await signOutEverywhere(ctx)).toBeGreaterThanOrEqual(2);
    expect(await resolveSession(t.deps, a.token, settings)).toBeNull();
  });

  it("a deactivated user cannot sign in, loses every session and API token, and can be reactivated", async () => {
    const session = await signIn(t.deps, meta(), { email: w.users.therapist.email, password: PASSWORD }, settings);
    const admin = await w.ctx("installationAdmin");
    const { token } = await createApiTokenFor(admin, w.users.therapist.id, { name: "Integration" });
    expect(await resolveApiToken(t.deps, token)).not.toBeNull();
    await setUserActive(admin, w.users.therapist.id, false);
    expect(await resolveSession(t.deps, session.token, settings)).toBeNull();
    expect(await resolveApiToken(t.deps, token)).toBeNull();
    await expect(signIn(t.deps, meta("192.0.2.200"), { email: w.users.therapist.email, password: PASSWORD })).rejects.toBeInstanceOf(UnauthenticatedError);
    await setUserActive(admin, w.users.therapist.id, true);
    await expect(signIn(t.deps, meta("192.0.2.201"), { email: w.users.therapist.email, password: PASSWORD })).resolves.toBeDefined();
  });

  it("an administrator's password reset gives a one-time password that must be changed", async () => {
    const admin = await w.ctx("installationAdmin");
    const before = await signIn(t.deps, meta(), { email: w.users.steering.email, password: PASSWORD }, settings);
    const { temporaryPassword } = await resetPassword(admin, w.users.steering.id);
    expect(await resolveSession(t.deps, before.token, settings)).toBeNull();
    const after = await signIn(t.deps, meta(), { email: w.users.steering.email, password: temporaryPassword }, settings);
    expect(after.user.mustChangePassword).toBe(true);
  });

  it("throttles and then locks wrong current passwords when changing the password, per user", async () => {
    const ctx = await w.ctx("participant");
    const attempt = (currentPassword: string) =>
      changePassword(ctx, null, { currentPassword, newPassword: "a completely new phrase", confirmPassword: "a completely new phrase" }).catch((e: unknown) => e);
    const start = new Date(t.clock.now);
    let throttled = 0;
    let wrong = 0;
    for (let i = 0; i < ACCOUNT_RULE.lockAfter + 3; i++) {
      const error = await attempt(`guess number ${i}`);
      if (error instanceof ThrottledError) throttled++;
      if (error instanceof ValidationError && error.fieldErrors.currentPassword?.[0] === "password.errors.wrongCurrent") wrong++;
      t.clock.advance(31_000); // longer than the longest delay, so only the lock stops us
    }
    expect(wrong).toBe(ACCOUNT_RULE.lockAfter);
    expect(throttled).toBe(3);
    // Locked: even the right password is refused now.
    const locked = await attempt(PASSWORD);
    expect(locked).toBeInstanceOf(ThrottledError);
    expect((locked as ThrottledError).locked).toBe(true);
    // Only this user's password changes are locked: signing in still works, and so do others' password changes.
    await expect(signIn(t.deps, meta("192.0.2.210"), { email: w.users.participant.email, password: PASSWORD })).resolves.toBeDefined();
    await expect(
      changePassword(await w.ctx("officerOtherProgram"), null, { currentPassword: "not it at all", newPassword: "a completely new phrase", confirmPassword: "a completely new phrase" }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: ["password.errors.wrongCurrent"] } });
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_user_id"]).where("actor_user_id", "=", w.users.participant.id).where("action", "like", "auth.password_change_%").execute();
    expect(events.filter((e) => e.action === "auth.password_change_failed")).toHaveLength(ACCOUNT_RULE.lockAfter);
    expect(events.filter((e) => e.action === "auth.password_change_throttled").length).toBe(4);
    // After the lock has run out the right password works.
    t.clock.set(new Date(start.getTime() + 60 * 60_000));
    await expect(attempt(PASSWORD)).resolves.toBeUndefined();
  });

  it("refuses over-long passwords with a message at the field, before checking them", async () => {
    const tooLong = "x".repeat(MAX_PASSWORD_INPUT_LENGTH + 1);
    const ip = "198.51.100.77";
    const error = await signIn(t.deps, meta(ip), { email: w.users.officerOtherProgram.email, password: tooLong }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ password: ["password.errors.tooLongToCheck"] });
    // Refused before the throttle and the password check: nothing was counted or recorded.
    expect(await t.deps.db.selectFrom("login_throttle").select("key").where("key", "=", `client:${ip}`).executeTakeFirst()).toBeUndefined();
    expect(await t.deps.db.selectFrom("audit_events").select("seq").where("ip", "=", ip).executeTakeFirst()).toBeUndefined();
    // At the limit the password is checked as usual.
    await expect(signIn(t.deps, meta(ip), { email: w.users.officerOtherProgram.email, password: "x".repeat(MAX_PASSWORD_INPUT_LENGTH) })).rejects.toBeInstanceOf(UnauthenticatedError);

    const ctx = await w.ctx("officerOtherProgram");
    await expect(changePassword(ctx, null, { currentPassword: "y".repeat(100_000), newPassword: "a completely new phrase", confirmPassword: "a completely new phrase" })).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["password.errors.tooLongToCheck"] },
    });
    await expect(changePassword(ctx, null, { currentPassword: PASSWORD, newPassword: "z".repeat(MAX_PASSWORD_INPUT_LENGTH + 1), confirmPassword: "z" })).rejects.toMatchObject({
      fieldErrors: { newPassword: ["password.errors.too_long"] },
    });
  });

  it("keeps a language picked before sign-in, unless the user has chosen one themselves", async () => {
    const locale = async (id: string) => (await t.deps.db.selectFrom("users").select(["locale", "locale_chosen"]).where("id", "=", id).executeTakeFirstOrThrow());
    const email = w.users.officerOtherProgram.email;
    const id = w.users.officerOtherProgram.id;
    expect(await locale(id)).toEqual({ locale: "sv", locale_chosen: false });
    const first = await signIn(t.deps, meta("198.51.100.90"), { email, password: PASSWORD, locale: "en" });
    expect(first.user.locale).toBe("en");
    expect(await locale(id)).toEqual({ locale: "en", locale_chosen: true });
    expect((await resolveSession(t.deps, first.token, settings))?.actor.user.locale).toBe("en");
    // The user's own choice wins over a language picked later on a sign-in page.
    const second = await signIn(t.deps, meta("198.51.100.90"), { email, password: PASSWORD, locale: "nb" });
    expect(second.user.locale).toBe("en");
    expect((await locale(id)).locale).toBe("en");
    // Nonsense is ignored; a choice in the account counts as the user's own.
    expect((await signIn(t.deps, meta("198.51.100.90"), { email, password: PASSWORD, locale: "xx" })).user.locale).toBe("en");
    await setOwnLocale(await w.ctx("officerOtherProgram"), "nb");
    expect((await signIn(t.deps, meta("198.51.100.90"), { email, password: PASSWORD, locale: "sv" })).user.locale).toBe("nb");
  });
});
