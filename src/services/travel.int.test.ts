import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { pdfText } from "../../tests/support/pdf.ts";
import { createWorld, type UserKey, type World } from "../../tests/support/world.ts";
import { verifyAuditChain } from "./audit.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import {
  getTravelReport,
  getTravelYear,
  MAX_RECEIPT_BYTES,
  recordDisbursement,
  setTravelBudget,
  travelReceipt,
  travelReportCsv,
  travelReportPdf,
  voidDisbursement,
} from "./travel.ts";

// Travel money: the year's budget, disbursements to participants (exact öre, a receipt checked by its type
// and content), voiding with a reason, the balance and the year's report as CSV and PDF; only for the
// program's coordinators and manager, every read, change and export in the audit log.

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PDF = new TextEncoder().encode("%PDF-1.4\n% kvitto\n");

describeEachDatabase("travel money", (flavour) => {
  let t: TestDatabase;
  let w: World;
  let preGroupPerson: string;
  let waitingPerson: string;

  /** A person of the program with only a place (pre-group) or a place on the waiting list, no enrolment. */
  async function placedOnly(first: string, place: "pre_group" | "waiting"): Promise<string> {
    const db = t.deps.db;
    const person = await db
      .insertInto("people")
      .values({ program_id: w.programId, reference: `P-${first.toUpperCase().slice(0, 6)}`, first_name: first, last_name: "Placed", sex: "male", birth_date: "2000-02-02", preferred_language: "sv", protected_identity: false })
      .returning("id")
      .executeTakeFirstOrThrow();
    const request = await db
      .insertInto("interest_requests")
      .values({ program_id: w.programId, person_id: person.id, author_id: w.users.officer.id, referring_authority_id: w.authorities.fk, status: "decided", decision: "accepted" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("placements")
      .values({ program_id: w.programId, person_id: person.id, request_id: request.id, accepted_on: "2026-10-01", priority: 1, place, placed_at: new Date("2026-10-01T08:00:00Z") })
      .execute();
    return person.id;
  }

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    // Today is 2026-11-23 (the test clock).
    await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-09-01" });
    await enrolDirectly(t.deps, w, { personId: w.people.protectedAlva, startDate: "2026-10-01" });
    await enrolDirectly(t.deps, w, { personId: w.people.otherProgramJonas, startDate: "2026-09-01", programId: w.otherProgramId });
    preGroupPerson = await placedOnly("Pelle", "pre_group");
    waitingPerson = await placedOnly("Vilma", "waiting");
  });
  afterAll(() => t.close());

  const disbursement = (personId: string, amount: unknown, date = "2026-11-10", purpose = "Busskort november") => ({ personId, date, amount, purpose, paidBy: "Sara Nilsson" });

  it("sets the year's budget from what a person types, exactly, and changes it", async () => {
    const coordinator = await w.ctx("coordinator");
    await setTravelBudget(coordinator, w.programId, { year: "2026", amount: "1 000" });
    let view = await getTravelYear(coordinator, w.programId, 2026);
    expect(view.budget?.amount).toBe(100_000);
    expect(view).toMatchObject({ year: 2026, currency: "SEK", balance: { budget: 100_000, disbursed: 0, balance: 100_000, overspent: false } });
    await setTravelBudget(await w.ctx("manager"), w.programId, { year: "2026", amount: "2 293 000,00 kr" });
    view = await getTravelYear(coordinator, w.programId, "2026");
    expect(view.budget).toMatchObject({ amount: 229_300_000, setBy: "Test manager" });
    await setTravelBudget(coordinator, w.programId, { year: 2026, amount: 100_000 });
    expect((await getTravelYear(coordinator, w.programId, 2026)).budget?.amount).toBe(100_000);
    const stored = await t.deps.db.selectFrom("travel_budgets").selectAll().where("program_id", "=", w.programId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ year: 2026, amount_minor: 100_000, currency: "SEK" });
    await expect(setTravelBudget(coordinator, w.programId, { year: "1999", amount: "-5" })).rejects.toMatchObject({
      fieldErrors: { year: ["travel.errors.year"], amount: ["travel.errors.amount.negative"] },
    });
  });

  it("adds 3 × 33,33 kr to exactly 99,99 kr, end to end: tables, balance, report, CSV", async () => {
    const coordinator = await w.ctx("coordinator");
    for (let i = 0; i < 3; i++) await recordDisbursement(coordinator, w.programId, disbursement(w.people.ella, "33,33", "2026-11-1" + i));
    const rows = await t.deps.db.selectFrom("travel_disbursements").select(["amount_minor", "currency"]).where("person_id", "=", w.people.ella).execute();
    expect(rows.map((r) => r.amount_minor)).toEqual([3333, 3333, 3333]);
    const view = await getTravelYear(coordinator, w.programId, 2026);
    expect(view.balance).toEqual({ budget: 100_000, disbursed: 9_999, balance: 90_001, overspent: false });
    expect(view.listTotal).toBe(9_999);
    const report = await getTravelReport(coordinator, w.programId, 2026);
    expect(report.report.months[10]).toEqual({ month: "2026-11", total: 9_999, count: 3 });
    expect(report.participants).toEqual([{ personId: w.people.ella, reference: expect.any(String), name: "Ella Johansson", total: 9_999, count: 3 }]);
    const { csv } = await travelReportCsv(coordinator, w.programId, 2026, "sv");
    expect(csv).toContain("Utbetalt;99,99\r\n");
    expect(csv).toContain("Kvar;900,01\r\n");
    expect(csv).toContain("2026-11;3;99,99\r\n");
    expect(csv).toMatch(/;Ella Johansson;3;99,99\r\n/);
  });

  it("records a disbursement for someone in the pre-group, and refuses people who did not take part that day", async () => {
    const coordinator = await w.ctx("coordinator");
    await recordDisbursement(coordinator, w.programId, disbursement(preGroupPerson, "150", "2026-10-05"));
    const refusedFor = async (personId: string, date: string) =>
      expect(recordDisbursement(coordinator, w.programId, disbursement(personId, "10", date))).rejects.toMatchObject({ fieldErrors: { personId: ["travel.errors.notParticipant"] } });
    await refusedFor(waitingPerson, "2026-11-10"); // only on the waiting list
    await refusedFor(w.people.otherProgramJonas, "2026-11-10"); // another program's participant
    await refusedFor(w.people.oscar, "2026-11-10"); // registered, never placed or enrolled
    await refusedFor(w.people.ella, "2026-08-31"); // the day before the enrolment started
    await refusedFor(preGroupPerson, "2026-09-30"); // before the place
    await refusedFor("00000000-0000-4000-8000-000000000000", "2026-11-10");
    await expect(recordDisbursement(coordinator, w.programId, disbursement(w.people.ella, "10", "2026-11-24"))).rejects.toMatchObject({ fieldErrors: { date: ["travel.errors.dateInFuture"] } });
    const participants = (await getTravelYear(coordinator, w.programId, 2026)).participants.map((p) => p.personId);
    expect(participants).toEqual(expect.arrayContaining([w.people.ella, w.people.protectedAlva, preGroupPerson]));
    expect(participants).not.toContain(waitingPerson);
    expect(participants).not.toContain(w.people.otherProgramJonas);
  });

  it("refuses what is wrong at its field", async () => {
    const coordinator = await w.ctx("coordinator");
    const fields = async (input: unknown) => {
      const error = await recordDisbursement(coordinator, w.programId, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors;
    };
    expect(await fields({ personId: "", date: "23/11", amount: "abc", purpose: "", paidBy: "" })).toEqual({
      personId: ["travel.errors.person"],
      date: ["errors.date"],
      amount: ["travel.errors.amount.invalid"],
      purpose: ["errors.required"],
      paidBy: ["errors.required"],
    });
    expect((await fields(disbursement(w.people.ella, "0"))).amount).toEqual(["travel.errors.amount.zero"]);
    expect((await fields(disbursement(w.people.ella, "12,345"))).amount).toEqual(["travel.errors.amount.too_many_decimals"]);
    expect((await fields(disbursement(w.people.ella, ""))).amount).toEqual(["errors.required"]);
    expect((await fields(disbursement(w.people.ella, 12.5))).amount).toEqual(["travel.errors.amount.invalid"]);
    expect((await fields(disbursement(w.people.ella, "-20"))).amount).toEqual(["travel.errors.amount.negative"]);
  });

  it("keeps a receipt (type checked against the content, size limited) and hands it back, audited", async () => {
    const coordinator = await w.ctx("coordinator");
    const { id } = await recordDisbursement(coordinator, w.programId, disbursement(w.people.ella, "1 234,50", "2026-11-20", "Månadskort"), { name: "kvitto.png", type: "image/png", bytes: PNG });
    const withPdf = await recordDisbursement(coordinator, w.programId, disbursement(w.people.ella, "45", "2026-11-20"), { name: "kvitto.pdf", type: "application/pdf", bytes: PDF });
    const file = await travelReceipt(coordinator, w.programId, id);
    expect(file).toMatchObject({ name: "kvitto.png", type: "image/png" });
    expect([...file.bytes]).toEqual([...PNG]);
    expect((await travelReceipt(await w.ctx("manager"), w.programId, withPdf.id)).type).toBe("application/pdf");
    const listed = (await getTravelYear(coordinator, w.programId, 2026)).disbursements.find((d) => d.id === id);
    expect(listed).toMatchObject({ amount: 123_450, receipt: { name: "kvitto.png", type: "image/png", size: PNG.length } });
    const receiptError = (name: string, type: string, bytes: Uint8Array) =>
      recordDisbursement(coordinator, w.programId, disbursement(w.people.ella, "10"), { name, type, bytes }).catch((e: unknown) => (e as ValidationError).fieldErrors);
    expect(await receiptError("kvitto.png", "image/png", new TextEncoder().encode("not a picture"))).toEqual({ receipt: ["travel.errors.receiptType"] });
    expect(await receiptError("kvitto.gif", "image/gif", new TextEncoder().encode("GIF89a"))).toEqual({ receipt: ["travel.errors.receiptType"] });
    const large = new Uint8Array(MAX_RECEIPT_BYTES + 1);
    large.set(PNG);
    expect(await receiptError("stor.png", "image/png", large)).toEqual({ receipt: ["travel.errors.receiptTooLarge"] });
    // Nothing was stored for the refused ones.
    const files = await t.deps.db.selectFrom("files").select("name").where("name", "in", ["kvitto.gif", "stor.png"]).execute();
    expect(files).toEqual([]);
    const noReceipt = (await getTravelYear(coordinator, w.programId, 2026)).disbursements.find((d) => d.receipt === null)!;
    await expect(travelReceipt(coordinator, w.programId, noReceipt.id)).rejects.toBeInstanceOf(NotFoundError);
    const event = await t.deps.db.selectFrom("audit_events").selectAll().where("action", "=", "travel.receipt").orderBy("seq", "desc").limit(1).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_role: "manager", entity_id: withPdf.id, person_id: w.people.ella });
  });

  it("voids a disbursement with a reason: it stays in the list and counts no longer", async () => {
    const coordinator = await w.ctx("coordinator");
    const before = await getTravelYear(coordinator, w.programId, 2026);
    const { id } = await recordDisbursement(coordinator, w.programId, disbursement(w.people.ella, "500", "2026-11-21", "Fel belopp"));
    expect((await getTravelYear(coordinator, w.programId, 2026)).balance.disbursed).toBe(before.balance.disbursed + 50_000);
    await expect(voidDisbursement(coordinator, w.programId, id, { reason: " " })).rejects.toMatchObject({ fieldErrors: { reason: ["errors.required"] } });
    await voidDisbursement(coordinator, w.programId, id, { reason: "Skrev fel belopp" });
    const after = await getTravelYear(coordinator, w.programId, 2026);
    expect(after.balance).toEqual(before.balance);
    expect(after.disbursements.find((d) => d.id === id)).toMatchObject({ amount: 50_000, voided: { by: "Test coordinator", reason: "Skrev fel belopp" } });
    const report = await getTravelReport(coordinator, w.programId, 2026);
    expect(report.report.disbursed).toBe(before.balance.disbursed);
    expect(report.voidedCount).toBe(1);
    await expect(voidDisbursement(coordinator, w.programId, id, { reason: "Igen" })).rejects.toMatchObject({ formErrors: ["travel.errors.alreadyVoided"] });
    // Not through another program, and never deleted.
    await expect(voidDisbursement(coordinator, w.otherProgramId, id, { reason: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(voidDisbursement(coordinator, w.programId, "00000000-0000-4000-8000-000000000000", { reason: "X" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.deps.db.selectFrom("travel_disbursements").select("id").where("id", "=", id).execute()).toHaveLength(1);
  });

  it("shows an overspent budget clearly, and a year without a budget from 0", async () => {
    const coordinator = await w.ctx("coordinator");
    await setTravelBudget(coordinator, w.programId, { year: 2025, amount: "100" });
    expect((await getTravelYear(coordinator, w.programId, 2025)).balance).toEqual({ budget: 10_000, disbursed: 0, balance: 10_000, overspent: false });
    await setTravelBudget(coordinator, w.programId, { year: 2026, amount: "20" });
    const view = await getTravelYear(coordinator, w.programId, 2026);
    expect(view.balance.overspent).toBe(true);
    expect(view.balance.balance).toBe(2_000 - view.balance.disbursed);
    expect(view.years).toEqual([2026, 2025]);
    const empty = await getTravelYear(coordinator, w.programId, 2024);
    expect(empty).toMatchObject({ budget: null, balance: { budget: 0, disbursed: 0, balance: 0, overspent: false }, disbursements: [] });
    const pdf = await pdfText((await travelReportPdf(coordinator, w.programId, 2026, "sv")).pdf);
    expect(pdf).toContain("Överskriden (kvar)");
    await setTravelBudget(coordinator, w.programId, { year: 2026, amount: "1000" });
  });

  it("filters the list by month and participant", async () => {
    const coordinator = await w.ctx("coordinator");
    const october = await getTravelYear(coordinator, w.programId, 2026, { month: "10" });
    expect(october.disbursements.map((d) => [d.person.personId, d.date, d.amount])).toEqual([[preGroupPerson, "2026-10-05", 15_000]]);
    expect(october.listTotal).toBe(15_000);
    const ella = await getTravelYear(coordinator, w.programId, 2026, { personId: w.people.ella, month: "" });
    expect(ella.disbursements.every((d) => d.person.personId === w.people.ella)).toBe(true);
    expect(ella.disbursements.map((d) => d.date)).toEqual([...ella.disbursements.map((d) => d.date)].sort().reverse());
    expect(ella.filter).toEqual({ month: null, personId: w.people.ella });
    await expect(getTravelYear(coordinator, w.programId, 2026, { month: "13" })).rejects.toMatchObject({ fieldErrors: { month: ["errors.choose"] } });
    await expect(getTravelYear(coordinator, w.programId, "abc")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("masks a participant with protected identity for those who do not work directly with them", async () => {
    const coordinator = await w.ctx("coordinator");
    await recordDisbursement(coordinator, w.programId, disbursement(w.people.protectedAlva, "75", "2026-11-03"));
    const mine = await getTravelYear(coordinator, w.programId, 2026, { personId: w.people.protectedAlva });
    expect(mine.disbursements[0]!.person.name).toBe("Alva Eriksson");
    const manager = await w.ctx("manager");
    const theirs = await getTravelYear(manager, w.programId, 2026);
    expect(theirs.disbursements.find((d) => d.person.personId === w.people.protectedAlva)!.person.name).toBeNull();
    expect(theirs.participants.at(-1)).toMatchObject({ personId: w.people.protectedAlva, name: null });
    const { csv } = await travelReportCsv(manager, w.programId, 2026, "sv");
    expect(csv).not.toContain("Alva");
    expect(csv).toContain(";Skyddad identitet;1;75,00\r\n");
    const pdf = await pdfText((await travelReportPdf(manager, w.programId, 2026, "sv")).pdf);
    expect(pdf).not.toContain("Alva");
    expect((await getTravelReport(manager, w.programId, 2026)).participants.find((p) => p.personId === w.people.protectedAlva)!.name).toBeNull();
  });

  it("writes the CSV for Excel: BOM, semicolons, CRLF, decimal comma, formulas defused", async () => {
    const coordinator = await w.ctx("coordinator");
    const tricky = await t.deps.db
      .insertInto("people")
      .values({ program_id: w.programId, reference: "P-FORMEL", first_name: "=HYPERLINK(\"x\")", last_name: "Svensson; Berg", sex: "female", birth_date: "2000-01-01", preferred_language: "sv", protected_identity: false })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enrolDirectly(t.deps, w, { personId: tricky.id, startDate: "2026-11-01" });
    await recordDisbursement(coordinator, w.programId, disbursement(tricky.id, "0,01", "2026-11-02"));
    const { csv, fileName } = await travelReportCsv(coordinator, w.programId, 2026, "sv");
    expect(fileName).toBe("reskassa-krus-2026.csv");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Program;KRUS");
    expect(lines[3]).toBe("Budget;1000,00");
    expect(lines.filter((l) => /^2026-\d\d;/.test(l))).toHaveLength(12);
    expect(lines).toContain("2026-01;0;0,00");
    // A name with a quote and a semicolon is quoted; a leading "=" is defused with an apostrophe.
    expect(csv).toContain(`P-FORMEL;"'=HYPERLINK(""x"") Svensson; Berg";1;0,01\r\n`);
    const report = await getTravelReport(coordinator, w.programId, 2026);
    expect(lines).toContain(`Hela året;${report.report.count};${(report.report.disbursed / 100).toFixed(2).replace(".", ",")}`);
  });

  it("prints the report as a tagged PDF with the sums per month and per participant", async () => {
    const coordinator = await w.ctx("coordinator");
    const { pdf, fileName } = await travelReportPdf(coordinator, w.programId, 2026, "sv");
    expect(fileName).toBe("reskassa-krus-2026.pdf");
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    expect(pdf.toString("latin1")).toContain("/StructTreeRoot");
    const text = await pdfText(pdf);
    expect(text).toContain("Reskassa 2026: KRUS");
    expect(text).toContain("Ella Johansson");
    expect(text).toContain("Oktober 2026");
    expect(text).toContain("150,00 kr");
    expect(text).toContain("1 000,00 kr");
    expect(text).toContain("Utskrivet");
    const english = await pdfText((await travelReportPdf(coordinator, w.programId, 2026, "en")).pdf);
    expect(english).toContain("Travel money 2026: KRUS");
    expect(english).toContain("SEK 150.00");
  });

  it("lets only the program's coordinators and manager in", async () => {
    const coordinator = await w.ctx("coordinator");
    const some = (await getTravelYear(coordinator, w.programId, 2026)).disbursements.find((d) => d.receipt !== null)!;
    const denied: UserKey[] = ["therapist", "officer", "officerOtherProgram", "team", "steering", "volunteer", "participant", "federationAdmin", "noRole"];
    for (const user of denied) {
      const ctx = await w.ctx(user);
      const attempts: (() => Promise<unknown>)[] = [
        () => getTravelYear(ctx, w.programId, 2026),
        () => setTravelBudget(ctx, w.programId, { year: 2026, amount: "1" }),
        () => recordDisbursement(ctx, w.programId, disbursement(w.people.ella, "1")),
        () => voidDisbursement(ctx, w.programId, some.id, { reason: "Nej" }),
        () => travelReceipt(ctx, w.programId, some.id),
        () => getTravelReport(ctx, w.programId, 2026),
        () => travelReportCsv(ctx, w.programId, 2026, "sv"),
        () => travelReportPdf(ctx, w.programId, 2026, "sv"),
      ];
      for (const attempt of attempts) await expect(attempt(), user).rejects.toBeInstanceOf(ForbiddenError);
    }
    // Another program's staff cannot reach this program's money, and an unknown program is not found.
    await expect(getTravelYear(coordinator, w.otherProgramId, 2026)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getTravelYear(coordinator, "00000000-0000-4000-8000-000000000000", 2026)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getTravelYear(coordinator, w.programId, 2026)).budget?.amount).toBe(100_000);
  });

  it("records every read, change and export in the audit log, without purposes or payers", async () => {
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role", "details", "person_id"]).where("action", "like", "travel.%").execute();
    const actions = new Set(events.map((e) => e.action));
    expect([...actions].sort()).toEqual(["travel.budget", "travel.exportCsv", "travel.exportPdf", "travel.receipt", "travel.record", "travel.report", "travel.view", "travel.void"]);
    const records = events.filter((e) => e.action === "travel.record");
    expect(records.every((e) => e.person_id !== null)).toBe(true);
    expect(records.map((e) => (e.details as { amountMinor: number }).amountMinor)).toContain(3333);
    expect(JSON.stringify(events)).not.toMatch(/Busskort|Månadskort|Sara Nilsson|Skrev fel belopp|Alva/);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
