import { Writable } from "node:stream";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type World } from "../../tests/support/world.ts";
import { recordConsent, withdrawConsent } from "./consents.ts";
import type { ServiceContext } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { correctNote, getJournal, getNoteForCorrection, writeNote } from "./journal.ts";

// The journal: notes are never changed (the database refuses), a correction is a new note that points to
// the one it corrects, the program's staff read every note and the participant's case officer only the
// shared ones while consent allows, and nothing of a note's text reaches the logs, the audit log or e-mails.

const note = (body: string, extra: Record<string, string> = {}) => ({ noteDate: "2026-11-20", kind: "individual", visibility: "staff", body, ...extra });

describeEachDatabase("journal", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let enrolmentId: string;
  const logLines: string[] = [];
  let coordinator: ServiceContext;

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    ({ enrolmentId } = await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" }));
    await recordConsent(await w.ctx("officer"), w.people.ella, {
      authorityIds: [w.authorities.fk, w.authorities.af],
      purpose: "KRUS",
      givenOn: "2026-08-20",
      validUntil: "2028-08-20",
      method: "recorded",
    });
    // The coordinator's service context logs at the most talkative level into memory.
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    coordinator = { ...(await w.ctx("coordinator")), logger: pino({ level: "trace" }, sink) };
  });
  afterAll(() => t.close());

  it("keeps notes as they were saved: the database refuses to change or delete them", async () => {
    const { id } = await writeNote(coordinator, enrolmentId, note("Första samtalet. Vi pratade om sömnen."));
    await expect(sql`update journal_notes set body = 'ändrad' where id = ${id}`.execute(t.deps.db)).rejects.toThrow(/never changed/);
    await expect(sql`update journal_notes set visibility = 'shared' where id = ${id}`.execute(t.deps.db)).rejects.toThrow(/never changed/);
    await expect(sql`delete from journal_notes where id = ${id}`.execute(t.deps.db)).rejects.toThrow(/never changed/);
    const row = await t.deps.db.selectFrom("journal_notes").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ body: "Första samtalet. Vi pratade om sömnen.", visibility: "staff", kind: "individual", author_id: w.users.coordinator.id, enrolment_id: enrolmentId });
  });

  it("corrects a note with a new one that points to it, in a chain that never forks", async () => {
    const a = await writeNote(coordinator, enrolmentId, note("Mötte handläggaren på FK den 18:e.", { kind: "authority_contact", visibility: "shared", noteDate: "2026-11-19" }));
    const b = await correctNote(coordinator, enrolmentId, a.id, note("Mötte handläggaren på FK den 19:e.", { kind: "authority_contact", visibility: "shared", noteDate: "2026-11-19" }));
    // A corrected note is not corrected again: its correction is.
    await expect(correctNote(coordinator, enrolmentId, a.id, note("En annan rättelse"))).rejects.toMatchObject({ formErrors: ["journal.errors.alreadyCorrected"] });
    const therapist = await w.ctx("therapist");
    const c = await correctNote(therapist, enrolmentId, b.id, note("Mötte handläggaren på FK den 19:e, tillsammans med Ella.", { kind: "authority_contact", visibility: "shared", noteDate: "2026-11-19" }));
    const journal = await getJournal(coordinator, enrolmentId);
    const byId = new Map(journal.notes.map((n) => [n.id, n]));
    expect(byId.get(a.id)).toMatchObject({ correctedBy: { id: b.id, visible: true }, corrects: null });
    expect(byId.get(b.id)).toMatchObject({ corrects: { id: a.id, noteDate: "2026-11-19" }, correctedBy: { id: c.id } });
    expect(byId.get(c.id)).toMatchObject({ corrects: { id: b.id }, authorName: "Test therapist" });
    // The correction page knows which note stands now.
    const forA = await getNoteForCorrection(coordinator, enrolmentId, a.id);
    expect(forA.newest?.id).toBe(c.id);
    expect(forA.note.correctedBy?.id).toBe(b.id);
    expect((await getNoteForCorrection(coordinator, enrolmentId, c.id)).newest).toBeNull();
    // Someone else's note is not found through this enrolment, nor a made-up id.
    await expect(getNoteForCorrection(coordinator, enrolmentId, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(correctNote(coordinator, enrolmentId, "nonsense", note("x"))).rejects.toBeInstanceOf(NotFoundError);
    // Two corrections of the same note at once: one gets in, the other is told the note has been corrected.
    const [first, second] = await Promise.allSettled([
      correctNote(coordinator, enrolmentId, c.id, note("Samtidig rättelse ett", { visibility: "shared" })),
      correctNote(therapist, enrolmentId, c.id, note("Samtidig rättelse två", { visibility: "shared" })),
    ]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(first.status === "rejected" ? first.reason : second.status === "rejected" ? second.reason : null).toMatchObject({ formErrors: ["journal.errors.alreadyCorrected"] });
    // And the database itself refuses a second correction of a note, whoever writes it.
    const d = first.status === "fulfilled" ? first.value : second.status === "fulfilled" ? second.value : null;
    await expect(
      t.deps.db
        .insertInto("journal_notes")
        .values({ person_id: w.people.ella, program_id: w.programId, enrolment_id: enrolmentId, note_date: "2026-11-19", kind: "other", body: "Direkt i tabellen", visibility: "staff", corrects_id: c.id, author_id: w.users.coordinator.id, created_at: new Date() })
        .execute(),
    ).rejects.toThrow(/journal_notes_corrects_key|duplicate|unique/i);
    expect(d).not.toBeNull();
  });

  it("refuses a note dated in the future, with the message at the date", async () => {
    await expect(writeNote(coordinator, enrolmentId, note("Imorgon", { noteDate: "2026-11-24" }))).rejects.toMatchObject({ fieldErrors: { noteDate: ["journal.errors.future"] } });
    await expect(writeNote(coordinator, enrolmentId, { kind: "nope" })).rejects.toBeInstanceOf(ValidationError);
  });

  describe("who reads what", () => {
    let shared: string;
    let staffOnly: string;
    let unshared: string;
    beforeAll(async () => {
      shared = (await writeNote(coordinator, enrolmentId, note("Delad: Ella har börjat på praktiken.", { visibility: "shared", noteDate: "2026-11-21", kind: "group" }))).id;
      staffOnly = (await writeNote(coordinator, enrolmentId, note("Bara personal: berättade om oro och medicinering.", { noteDate: "2026-11-21" }))).id;
      // Shared by mistake, then withdrawn from the case officers by a staff-only correction.
      const mistake = await writeNote(coordinator, enrolmentId, note("Delad av misstag: hälsouppgifter.", { visibility: "shared", noteDate: "2026-11-22" }));
      unshared = mistake.id;
      await correctNote(coordinator, enrolmentId, mistake.id, note("Rättad: hälsouppgifter, bara för personalen.", { visibility: "staff", noteDate: "2026-11-22" }));
    });

    it("lets the program's staff read every note, the therapist too", async () => {
      for (const user of ["coordinator", "manager", "therapist"] as const) {
        const journal = await getJournal(await w.ctx(user), enrolmentId);
        expect(journal.scope).toBe("all");
        expect(journal.notes.map((n) => n.id)).toEqual(expect.arrayContaining([shared, staffOnly, unshared]));
        expect(journal.canWrite).toBe(true);
      }
    });

    it("shows the consented case officer the shared notes only, and none whose chain was withdrawn", async () => {
      const officer = await w.ctx("officer");
      const journal = await getJournal(officer, enrolmentId);
      expect(journal).toMatchObject({ scope: "shared", canWrite: false, sharedWith: [] });
      const ids = journal.notes.map((n) => n.id);
      expect(ids).toContain(shared);
      expect(ids).not.toContain(staffOnly);
      expect(ids).not.toContain(unshared);
      expect(journal.notes.every((n) => n.visibility === "shared")).toBe(true);
      expect(JSON.stringify(journal)).not.toMatch(/Bara personal|hälsouppgifter/);
      expect(journal.total).toBe(journal.notes.length);
      // They cannot write or correct, nor open a note for correcting.
      await expect(writeNote(officer, enrolmentId, note("Handläggarens anteckning"))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(correctNote(officer, enrolmentId, shared, note("x"))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getNoteForCorrection(officer, enrolmentId, shared)).rejects.toBeInstanceOf(ForbiddenError);
      // Writers are told who sees a shared note now.
      expect((await getJournal(coordinator, enrolmentId)).sharedWith).toEqual([{ name: "Test officer", authority: "Försäkringskassan" }]);
    });

    it("shows nothing to those who do not work with the participant", async () => {
      for (const user of ["officerOtherProgram", "team", "volunteer", "steering", "participant", "federationAdmin", "noRole"] as const) {
        await expect(getJournal(await w.ctx(user), enrolmentId), user).rejects.toBeInstanceOf(NotFoundError);
      }
      await expect(getJournal(coordinator, "not-an-id")).rejects.toBeInstanceOf(NotFoundError);
    });

    it("filters by type, author and period, newest first, and checks the filter", async () => {
      const all = (await getJournal(coordinator, enrolmentId)).notes;
      const order = all.map((n) => `${n.noteDate} ${n.createdAt.toISOString()}`);
      expect(order).toEqual([...order].sort().reverse());
      expect((await getJournal(coordinator, enrolmentId, { kind: "group" })).notes.map((n) => n.id)).toEqual([shared]);
      const byTherapist = await getJournal(coordinator, enrolmentId, { author: w.users.therapist.id });
      // The therapist's correction, and the concurrent one too when theirs was the one that got in (a race).
      const theirs = all.filter((n) => n.authorId === w.users.therapist.id).map((n) => n.id);
      expect(theirs.length).toBeGreaterThanOrEqual(1);
      expect(byTherapist.notes.map((n) => n.id)).toEqual(theirs);
      expect(byTherapist.notes.every((n) => n.authorName === "Test therapist")).toBe(true);
      expect(byTherapist.authors.map((a) => a.name)).toEqual(["Test coordinator", "Test therapist"]);
      const period = await getJournal(coordinator, enrolmentId, { from: "2026-11-21", to: "2026-11-21" });
      expect(period.notes.map((n) => n.id).sort()).toEqual([shared, staffOnly].sort());
      expect(period.total).toBe(all.length);
      await expect(getJournal(coordinator, enrolmentId, { from: "2026-11-22", to: "2026-11-01" })).rejects.toMatchObject({ fieldErrors: { to: ["journal.errors.toBeforeFrom"] } });
    });

    it("records every read, note by note, and every write, without the text", async () => {
      const officer = await w.ctx("officer");
      const shown = (await getJournal(officer, enrolmentId, { kind: "group" })).notes.map((n) => n.id);
      const read = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "journal.view").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
      expect(read).toMatchObject({ actor_user_id: w.users.officer.id, actor_role: "case_officer", entity_type: "enrolment", entity_id: enrolmentId, person_id: w.people.ella, program_id: w.programId });
      expect(read.details).toMatchObject({ scope: "shared", noteIds: shown, filter: { kind: "group" } });
      await getNoteForCorrection(coordinator, enrolmentId, staffOnly);
      const opened = await t.deps.db.selectFrom("audit_events").select(["details", "actor_role"]).where("action", "=", "journal.view").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
      expect(opened).toMatchObject({ actor_role: "coordinator", details: { noteIds: [staffOnly], forCorrection: true } });
      const writes = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "in", ["journal.write", "journal.correct"]).execute();
      expect(writes.filter((e) => e.action === "journal.write").map((e) => e.entity_id)).toEqual(expect.arrayContaining([shared, staffOnly, unshared]));
      expect(writes.find((e) => e.action === "journal.correct" && (e.details as { correctsId?: string }).correctsId === unshared)).toMatchObject({ entity_type: "journal_note", details: { visibility: "staff" } });
      // Nothing of any note's text is kept outside the journal: not in the audit log, the logs, notifications or e-mails.
      const texts = (await t.deps.db.selectFrom("journal_notes").select("body").execute()).map((r) => r.body);
      const events = JSON.stringify(await t.deps.db.selectFrom("audit_events").select("details").execute());
      const notifications = JSON.stringify(await t.deps.db.selectFrom("notifications").selectAll().execute());
      const outbox = JSON.stringify(await t.deps.db.selectFrom("outbox").selectAll().execute());
      for (const text of texts) {
        for (const [where, haystack] of [["audit", events], ["notifications", notifications], ["outbox", outbox], ["logs", logLines.join("\n")]] as const) {
          expect(haystack.includes(text), `${where} holds "${text}"`).toBe(false);
        }
      }
    });

    it("ends the case officer's access at once when consent is withdrawn", async () => {
      const officer = await w.ctx("officer");
      expect((await getJournal(officer, enrolmentId)).notes.length).toBeGreaterThan(0);
      await withdrawConsent(await w.ctx("coordinator"), w.people.ella, { note: "Vill inte längre att myndigheterna delar." });
      await expect(getJournal(officer, enrolmentId)).rejects.toBeInstanceOf(NotFoundError);
      // The program's staff still read and write; nobody outside the program is told.
      expect((await getJournal(coordinator, enrolmentId)).sharedWith).toEqual([]);
      await writeNote(coordinator, enrolmentId, note("Efter återkallat samtycke", { visibility: "shared" }));
      await expect(getJournal(officer, enrolmentId)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
