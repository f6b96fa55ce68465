import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyAuditChain } from "./audit.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { createPerson, getPerson, searchPeople, updatePerson } from "./people.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { createWorld, type World } from "../../tests/support/world.ts";

const valid = { firstName: "Linnea", lastName: "Karlsson", idNumber: "19811218-9876", sex: "female", preferredLanguage: "sv" };

describeEachDatabase("people service", (flavour) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
  });
  afterAll(() => t.close());

  async function auditCount(action: string, personId?: string) {
    let q = t.deps.db.selectFrom("audit_events").select((eb) => eb.fn.countAll<string>().as("n")).where("action", "=", action);
    if (personId) q = q.where("person_id", "=", personId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  it("registers a person, stores the canonical number, links the creator and writes one audit event", async () => {
    const ctx = await w.ctx("coordinator");
    const person = await createPerson(ctx, { ...valid, idNumber: "811218-9876" });
    expect(person.idNumber).toEqual({ kind: "se_personnummer", formatted: "19811218-9876" });
    expect(person.birthDate).toBe("1981-12-18");
    expect(person.staff.map((s) => s.userId)).toEqual([w.users.coordinator.id]);
    const row = await t.deps.db.selectFrom("people").selectAll().where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(row.id_number).toBe("198112189876");
    const events = await t.deps.db.selectFrom("audit_events").selectAll().where("person_id", "=", person.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "person.create", actor_user_id: w.users.coordinator.id, actor_role: "coordinator", program_id: w.programId, ip: "192.0.2.10" });
    // The audit log says which fields were set, never their values.
    expect(JSON.stringify(events[0]!.details)).not.toContain("Linnea");
    expect(JSON.stringify(events[0]!.details)).not.toContain("9876");
  });

  it("rejects bad input with messages at the fields and saves nothing", async () => {
    const ctx = await w.ctx("coordinator");
    const before = Number((await t.deps.db.selectFrom("people").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...valid, idNumber: "19811218-9875" }, "idNumber", "person.errors.idNumber.checksum"],
      [{ ...valid, idNumber: "1981-12-18" }, "idNumber", "person.errors.idNumber.format"],
      [{ ...valid, idNumber: "19811318-9876" }, "idNumber", "person.errors.idNumber.date"],
      [{ ...valid, idNumber: undefined, birthDate: "2030-01-01" }, "birthDate", "person.errors.birthDate.future"],
      [{ ...valid, idNumber: undefined }, "birthDate", "person.errors.birthDate.requiredWithoutIdNumber"],
      [{ ...valid, birthDate: "1981-12-19" }, "birthDate", "person.errors.birthDate.mismatch"],
      [{ ...valid, firstName: "   " }, "firstName", "errors.required"],
      [{ ...valid, sex: "x" }, "sex", "errors.choose"],
      [{ ...valid, email: "not-an-email" }, "email", "errors.email"],
    ];
    for (const [input, field, message] of cases) {
      const error = await createPerson(ctx, input).catch((e: unknown) => e);
      expect(error, `${field} ${message}`).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field], JSON.stringify((error as ValidationError).fieldErrors)).toContain(message);
    }
    const after = Number((await t.deps.db.selectFrom("people").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  });

  it("refuses a second person with the same identity number in the register (409), but not in another program", async () => {
    const ctx = await w.ctx("coordinator");
    await createPerson(ctx, { ...valid, firstName: "Ada", idNumber: "19990101-2386" });
    const error = await createPerson(ctx, { ...valid, firstName: "Bea", idNumber: "990101-2386" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("duplicate_id_number");
    const other = await w.ctx("officerOtherProgram");
    await expect(createPerson(other, { ...valid, firstName: "Ada", idNumber: "19990101-2386" })).resolves.toMatchObject({ programId: w.otherProgramId });
  });

  it("refuses a number held by someone the user may not see without saying who, and logs the attempt against that person", async () => {
    const officer = await w.ctx("officer");
    const error = await createPerson(officer, { firstName: "Någon", lastName: "Annan", idNumber: "20010728-2386", sex: "female" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "duplicate_id_number_hidden", field: "idNumber", details: {} });
    const event = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "person.duplicate_refused").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ person_id: w.people.protectedAlva, actor_user_id: w.users.officer.id });
    // Someone who may see the person is told plainly, with the way to them.
    const visible = await createPerson(await w.ctx("coordinator"), { firstName: "X", lastName: "Y", idNumber: "20010728-2386", sex: "female" }).catch((e: unknown) => e);
    expect(visible).toMatchObject({ code: "duplicate_id_number", details: { personId: w.people.protectedAlva } });
  });

  it("counts only people the user may see (unmasked) as likely duplicates", async () => {
    // Oscar is in the register, but the case officer does not work with him: no warning, no hint.
    const officer = await w.ctx("officer");
    await expect(createPerson(officer, { firstName: "Oscar", lastName: "Lindgren", birthDate: "1999-08-22", sex: "male" })).resolves.toMatchObject({ firstName: "Oscar" });
    // Alva is masked for the manager: her name must not be confirmed either.
    await expect(createPerson(await w.ctx("manager"), { firstName: "Alva", lastName: "Eriksson", birthDate: "2001-07-28", sex: "female" })).resolves.toBeDefined();
  });

  it("refuses characters that cannot be stored, and programs that have ended", async () => {
    const ctx = await w.ctx("coordinator");
    await expect(createPerson(ctx, { ...valid, idNumber: undefined, birthDate: "2000-01-01", firstName: "A\u0000B" })).rejects.toMatchObject({ fieldErrors: { firstName: ["errors.characters"] } });
    await expect(createPerson(ctx, { ...valid, idNumber: undefined, birthDate: "2000-01-01", city: "x\ud800" })).rejects.toMatchObject({ fieldErrors: { city: ["errors.characters"] } });
    expect((await searchPeople(ctx, { q: "El\u0000la" })).items.map((p) => p.id)).toContain(w.people.ella);
    await t.deps.db.updateTable("programs").set({ active: false }).where("id", "=", w.otherProgramId).execute();
    await expect(createPerson(await w.ctx("officerOtherProgram"), { ...valid, idNumber: undefined, birthDate: "2000-01-01" })).rejects.toMatchObject({ fieldErrors: { programId: ["errors.choose"] } });
    await t.deps.db.updateTable("programs").set({ active: true }).where("id", "=", w.otherProgramId).execute();
  });

  it("flags a likely duplicate (same name and birth date) until the user confirms it is someone else", async () => {
    const ctx = await w.ctx("coordinator");
    const first = { firstName: "Åsa", lastName: "Öberg", birthDate: "2000-02-29", sex: "female" };
    await createPerson(ctx, first);
    const error = await createPerson(ctx, { ...first, firstName: "asa", lastName: "OBERG " }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("possible_duplicate");
    await expect(createPerson(ctx, { ...first, confirmNotDuplicate: true })).resolves.toMatchObject({ firstName: "Åsa" });
  });

  it("lets roles without the capability register nobody (403) and keeps the choice of program to the actor's own", async () => {
    for (const user of ["steering", "volunteer", "participant", "team", "therapist", "installationAdmin", "noRole"] as const) {
      await expect(createPerson(await w.ctx(user), valid), user).rejects.toBeInstanceOf(ForbiddenError);
    }
    const officer = await w.ctx("officer");
    const error = await createPerson(officer, { ...valid, idNumber: undefined, birthDate: "1990-01-01", programId: w.otherProgramId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.programId).toEqual(["errors.choose"]);
  });

  it("records every view of a person's page in the audit log, in the role that allowed it", async () => {
    const before = await auditCount("person.view", w.people.ella);
    const view = await getPerson(await w.ctx("officer"), w.people.ella);
    expect(view.firstName).toBe("Ella");
    expect(await auditCount("person.view", w.people.ella)).toBe(before + 1);
    const last = await t.deps.db.selectFrom("audit_events").selectAll().where("person_id", "=", w.people.ella).orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: "person.view", actor_user_id: w.users.officer.id, actor_role: "case_officer" });
  });

  it("answers 'not found' for people the reader may not know exist, and 'forbidden' for roles that never read people", async () => {
    await expect(getPerson(await w.ctx("officerOtherProgram"), w.people.ella)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPerson(await w.ctx("officer"), w.people.oscar)).rejects.toBeInstanceOf(NotFoundError); // same program, not working with Oscar
    await expect(getPerson(await w.ctx("participant"), w.people.oscar)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPerson(await w.ctx("coordinator"), "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    for (const user of ["steering", "volunteer", "federationAdmin", "installationAdmin"] as const) {
      await expect(getPerson(await w.ctx(user), w.people.ella), user).rejects.toBeInstanceOf(ForbiddenError);
    }
    // The collaboration team sees only referred people whose consent covers its authority.
    await expect(getPerson(await w.ctx("team"), w.people.ella)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPerson(await w.ctx("participant"), w.people.ella)).resolves.toMatchObject({ firstName: "Ella" });
  });

  it("masks a protected person for staff who do not work directly with them, everywhere", async () => {
    const direct = await getPerson(await w.ctx("coordinator"), w.people.protectedAlva);
    expect(direct).toMatchObject({ masked: false, firstName: "Alva", idNumber: { formatted: "20010728-2386" } });
    const masked = await getPerson(await w.ctx("manager"), w.people.protectedAlva);
    expect(masked).toMatchObject({ masked: true, firstName: null, lastName: null, email: null, birthDate: "2001", idNumber: { formatted: "********-****" } });
    expect(masked.permissions.update).toBe(false);
    await expect(updatePerson(await w.ctx("manager"), w.people.protectedAlva, { ...valid })).rejects.toBeInstanceOf(ForbiddenError);

    // In lists the name is masked, and a search on the name or number does not reveal the person.
    const list = await searchPeople(await w.ctx("manager"), {});
    expect(list.items.find((p) => p.id === w.people.protectedAlva)).toMatchObject({ masked: true, firstName: null });
    expect((await searchPeople(await w.ctx("manager"), { q: "Alva" })).items.map((p) => p.id)).not.toContain(w.people.protectedAlva);
    expect((await searchPeople(await w.ctx("manager"), { q: "20010728" })).items.map((p) => p.id)).not.toContain(w.people.protectedAlva);
    expect((await searchPeople(await w.ctx("coordinator"), { q: "Alva" })).items.map((p) => p.id)).toContain(w.people.protectedAlva);
    const reference = (await t.deps.db.selectFrom("people").select("reference").where("id", "=", w.people.protectedAlva).executeTakeFirstOrThrow()).reference;
    expect((await searchPeople(await w.ctx("manager"), { q: reference.toLowerCase() })).items.map((p) => p.id)).toEqual([w.people.protectedAlva]);
    // Masked people are listed last, not in name order (the position would hint at the name).
    const all = (await searchPeople(await w.ctx("manager"), { limit: 200 })).items;
    expect(all.at(-1)).toMatchObject({ id: w.people.protectedAlva, masked: true });
    expect(all.findIndex((p) => p.masked)).toBe(all.length - 1);
  });

  it("lists exactly the people each role may see", async () => {
    const ids = async (user: Parameters<World["ctx"]>[0]) => (await searchPeople(await w.ctx(user), { limit: 200 })).items.map((p) => p.id);
    const coordinator = await ids("coordinator");
    expect(coordinator).toEqual(expect.arrayContaining([w.people.ella, w.people.oscar, w.people.protectedAlva]));
    expect(coordinator).not.toContain(w.people.otherProgramJonas);
    expect(await ids("officer")).toEqual(expect.arrayContaining([w.people.ella]));
    expect(await ids("officer")).not.toContain(w.people.oscar);
    expect(await ids("officerOtherProgram")).toContain(w.people.otherProgramJonas);
    expect(await ids("officerOtherProgram")).not.toContain(w.people.ella);
    for (const user of ["steering", "volunteer", "participant", "installationAdmin"] as const) {
      await expect(searchPeople(await w.ctx(user), {}), user).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("searches by name words, by identity-number digits, and pages through results", async () => {
    const ctx = await w.ctx("coordinator");
    expect((await searchPeople(ctx, { q: "ella johans" })).items.map((p) => p.id)).toEqual([w.people.ella]);
    expect((await searchPeople(ctx, { q: "010314-2386" })).items.map((p) => p.id)).toEqual([w.people.ella]);
    expect((await searchPeople(ctx, { q: "%" })).items).toEqual([]);
    const page1 = await searchPeople(ctx, { limit: 2, offset: 0 });
    const page2 = await searchPeople(ctx, { limit: 2, offset: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThanOrEqual(3);
    expect(page2.items.map((p) => p.id)).not.toContain(page1.items[0]!.id);
    const event = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "person.search").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ query: "none", shown: page2.items.map((p) => p.id) });
  });

  it("updates with optimistic locking, records which fields changed, and refuses a stale version", async () => {
    const ctx = await w.ctx("coordinator");
    const person = await createPerson(ctx, { firstName: "Noah", lastName: "Jönsson", birthDate: "2004-01-09", sex: "male" });
    const updated = await updatePerson(ctx, person.id, { firstName: "Noah", lastName: "Jönsson", birthDate: "2004-01-09", sex: "male", phone: "070-123 45 67", version: person.version });
    expect(updated.version).toBe(person.version + 1);
    const event = await t.deps.db.selectFrom("audit_events").selectAll().where("person_id", "=", person.id).where("action", "=", "person.update").executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ fields: ["phone"] });
    const stale = await updatePerson(ctx, person.id, { firstName: "Noa", lastName: "Jönsson", birthDate: "2004-01-09", sex: "male", version: person.version }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).code).toBe("stale_version");
    // A case officer may edit only people they work with.
    await expect(updatePerson(await w.ctx("officer"), person.id, { firstName: "X", lastName: "Y", birthDate: "2004-01-09", sex: "male" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("leaves an intact audit chain after all of this", async () => {
    const report = await verifyAuditChain(t.deps.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(10);
  });
});
