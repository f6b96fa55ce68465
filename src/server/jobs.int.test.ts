import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { scheduleFollowUp } from "../services/followups.ts";
import { listMeetings, setMeetingSettings } from "../services/meetings.ts";
import { smtpTransport } from "../services/outbox.ts";
import { startJobs } from "./jobs.ts";

// The background jobs against a real database and a real SMTP server on loopback.

describeEachDatabase("background jobs", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let smtp: SMTPServer;
  let port: number;
  const received: { to: string; data: string }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
        stream.on("end", () => {
          if (failNext > 0) {
            failNext--;
            callback(new Error("mailbox unavailable"));
            return;
          }
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await t.close();
  });

  const queue = async (to: string) =>
    t.deps.db.insertInto("outbox").values({ to_address: to, subject: "Spelplan: test", body: "Hej!\n\nNågot har hänt.", created_at: t.clock.now }).returning("id").executeTakeFirstOrThrow();

  it("sends queued e-mails through SMTP, marks them sent, and retries what the server refused", async () => {
    const a = await queue("a@test.example");
    const b = await queue("b@test.example");
    failNext = 1;
    const jobs = startJobs(t.deps, { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: "Spelplan <noreply@test.example>" }, { transport: smtpTransport(`smtp://127.0.0.1:${port}?ignoreTLS=true`) });
    await jobs.runOnce();
    const rows = await t.deps.db.selectFrom("outbox").select(["id", "sent_at", "attempts", "last_error"]).where("id", "in", [a.id, b.id]).orderBy("created_at").execute();
    expect(rows.filter((r) => r.sent_at !== null)).toHaveLength(1);
    const failed = rows.find((r) => r.sent_at === null)!;
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed.last_error).toMatch(/mailbox unavailable/);
    await jobs.runOnce();
    expect(await t.deps.db.selectFrom("outbox").select("id").where("id", "in", [a.id, b.id]).where("sent_at", "is", null).execute()).toEqual([]);
    expect(received.map((r) => r.to).sort()).toEqual(["a@test.example", "b@test.example"]);
    expect(received[0]!.data).toContain("Subject: Spelplan: test");
    await jobs.stop();
  });

  it("leaves the outbox alone without a mail server, and plans the team's meetings half a year ahead", async () => {
    const c = await queue("c@test.example");
    await setMeetingSettings(await w.ctx("coordinator"), w.programId, { anchor: "2026-11-25", intervalWeeks: "3", startTime: "13:00", durationMinutes: "120" });
    const before = (await listMeetings(await w.ctx("coordinator"), w.programId)).upcoming;
    // Five months later, the meetings planned at the start run out unless the job plans more.
    t.clock.set(new Date("2027-04-28T09:00:00Z"));
    const jobs = startJobs(t.deps, { smtpUrl: null, mailFrom: "x@test.example" });
    await jobs.runOnce();
    await jobs.stop();
    const after = (await listMeetings(await w.ctx("coordinator"), w.programId)).upcoming;
    expect(after.at(-1)!.date > before.at(-1)!.date).toBe(true);
    expect(after.at(-1)!.date >= "2027-10-01").toBe(true);
    expect(new Set(after.map((m) => m.date)).size).toBe(after.length);
    expect((await t.deps.db.selectFrom("outbox").select("sent_at").where("id", "=", c.id).executeTakeFirstOrThrow()).sent_at).toBeNull();
  });

  it("reminds the coordinator of a follow-up meeting booked for the next days, once", async () => {
    t.clock.set(new Date("2026-11-23T08:00:00Z"));
    const { enrolmentId } = await enrolDirectly(t.deps, w, { personId: w.people.oscar, startDate: "2026-09-01" });
    const booked = await scheduleFollowUp(await w.ctx("coordinator"), enrolmentId, { plannedDate: "2026-11-24", plannedTime: "10:00", attendees: ["participant", "coordinator"] });
    const reminders = () =>
      t.deps.db.selectFrom("notifications").select("link").where("user_id", "=", w.users.coordinator.id).where("kind", "=", "followUp.reminder").execute();
    expect(await reminders()).toEqual([]);
    const jobs = startJobs(t.deps, { smtpUrl: null, mailFrom: "x@test.example" });
    await jobs.runOnce();
    await jobs.runOnce();
    await jobs.stop();
    expect(await reminders()).toEqual([{ link: `/enrolments/${enrolmentId}/follow-ups/${booked.id}` }]);
  });
});
