import { randomBytes } from "node:crypto";
import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pseudonymFor } from "../domain/pseudonym.ts";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "../../tests/support/db.ts";
import { enrolDirectly } from "../../tests/support/journey.ts";
import { createWorld, type UserKey, type World } from "../../tests/support/world.ts";
import { translator } from "../i18n/index.ts";
import { getBudgetYear } from "./budget.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { finsamCsv, finsamFigures, outcomeExport } from "./national-reporting.ts";

// National reporting read from the tables: the Finsam figures per program and federation (exact for the
// program's staff, suppressed for the steering group and the collaboration team), budget and actuals from the
// budget's own arithmetic, the participants goal; the SUS-shaped outcome export as CSV and .xlsx (read back),
// pseudonymised, with protected identities and people without consent anonymous; who may do what; the audit.

describeEachDatabase("national reporting", (flavour) => {
  let t: TestDatabase;
  let w: World;
  const ids: Record<string, string> = {};

  async function person(first: string, sex: string, birthDate: string, options: { programId?: string; protectedIdentity?: boolean } = {}) {
    const row = await t.deps.db
      .insertInto("people")
      .values({
        program_id: options.programId ?? w.programId,
        reference: `P-${randomBytes(3).toString("hex").toUpperCase()}`,
        first_name: first,
        last_name: "Testsson",
        id_number: null,
        id_number_kind: null,
        sex,
        birth_date: birthDate,
        preferred_language: "sv",
        protected_identity: options.protectedIdentity ?? false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const consent = () => ({ authorities: [w.authorities.fk], givenOn: "2026-01-01", validUntil: "2027-12-31", recordedAt: new Date("2026-01-02T09:00:00Z") });

  async function exit(enrolmentId: string, personId: string, date: string, kind: "completed" | "interrupted", reason: "health" | "own_initiative" | "consent_withdrawn", occupation = "studies") {
    await t.deps.db
      .insertInto("exits")
      .values({ enrolment_id: enrolmentId, person_id: personId, program_id: w.programId, exit_date: date, kind, reason, occupation: occupation as never, income_source: "salary", recorded_by: w.users.coordinator.id, recorded_at: new Date(`${date}T12:00:00Z`) })
      .execute();
    await t.deps.db.updateTable("enrolments").set({ ended_on: date }).where("id", "=", enrolmentId).execute();
  }

  beforeAll(async () => {
    t = await createTestDatabase(flavour);
    w = await createWorld(t.deps);
    t.clock.set(new Date("2026-11-25T10:00:00Z"));
    // KRUS 2026: Ella (consent, new, ongoing), six more women new this year (consent), two men (one carried over from
    // 2025 and ended in March, one new), protected Alva (new), Oscar without any consent (new, then interrupted).
    ids.ella = (await enrolDirectly(t.deps, w, { personId: w.people.ella, startDate: "2026-02-02", educationLevel: "upper_secondary", incomeSource: "activity_compensation", occupationAtStart: "sick_leave", consent: consent() })).enrolmentId;
    for (let i = 0; i < 6; i++) {
      const p = await person(`Kvinna${i}`, "female", "2000-05-05");
      await enrolDirectly(t.deps, w, { personId: p, startDate: `2026-0${3 + (i % 3)}-01`, consent: consent() });
    }
    ids.bo = await person("Bo", "male", "1995-01-01");
    // Bo was enrolled before the occupation at the start was asked.
    ids.boEnrolment = (await enrolDirectly(t.deps, w, { personId: ids.bo, startDate: "2025-09-01", occupationAtStart: null, consent: consent() })).enrolmentId;
    await exit(ids.boEnrolment, ids.bo, "2026-03-31", "completed", "health", "studies");
    ids.carl = await person("Carl", "male", "2004-02-02");
    await enrolDirectly(t.deps, w, { personId: ids.carl, startDate: "2026-06-01", consent: consent() });
    await enrolDirectly(t.deps, w, { personId: w.people.protectedAlva, startDate: "2026-04-01", consent: consent() });
    ids.oscarEnrolment = (await enrolDirectly(t.deps, w, { personId: w.people.oscar, startDate: "2026-05-04" })).enrolmentId;
    await exit(ids.oscarEnrolment, w.people.oscar, "2026-09-30", "interrupted", "own_initiative", "job_seeking");
    // The other program: one person (the steering group's federation sees both).
    await enrolDirectly(t.deps, w, { personId: w.people.otherProgramJonas, programId: w.otherProgramId, startDate: "2026-01-15", coordinatorId: w.users.coordinator.id });
    // Budget 2026 (and the manager's participants goal).
    await t.deps.db
      .insertInto("budget_lines")
      .values([
        { program_id: w.programId, year: 2026, line: "staff", amount_minor: 150_000_000, currency: "SEK", set_by: w.users.manager.id, set_at: new Date() },
        { program_id: w.programId, year: 2026, line: "premises", amount_minor: 25_500_000, currency: "SEK", set_by: w.users.manager.id, set_at: new Date() },
      ])
      .execute();
    await t.deps.db
      .insertInto("actual_costs")
      .values([
        { program_id: w.programId, month: "2026-01", line: "staff", amount_minor: 12_500_000, currency: "SEK", source: "manual", recorded_by: w.users.manager.id, recorded_at: new Date() },
        { program_id: w.programId, month: "2026-02", line: "premises", amount_minor: 2_125_050, currency: "SEK", source: "manual", recorded_by: w.users.manager.id, recorded_at: new Date() },
        { program_id: w.programId, month: "2025-12", line: "staff", amount_minor: 99_999, currency: "SEK", source: "manual", recorded_by: w.users.manager.id, recorded_at: new Date() },
      ])
      .execute();
    await t.deps.db.insertInto("program_goals").values({ program_id: w.programId, year: 2026, targets: JSON.stringify({ participants: 32 }), updated_by: w.users.manager.id, updated_at: new Date() }).execute();
  });
  afterAll(() => t.close());

  it("counts the year's participants by sex for the program's staff, with the goal, budget and actuals", async () => {
    const view = await finsamFigures(await w.ctx("manager"), { programId: w.programId, year: "2026" });
    const p = view.programs[0]!;
    expect(view).toMatchObject({ year: 2026, period: { from: "2026-01-01", to: "2026-11-25" }, suppressed: false });
    // Women: Ella, six more, Alva (protected identities count too), Oscar (the world registers everyone female).
    expect(p.figures.bySex.female).toEqual({ new: { shown: 9 }, ongoing: { shown: 0 }, ended: { shown: 1 }, participants: { shown: 9 } });
    expect(p.figures.bySex.male).toEqual({ new: { shown: 1 }, ongoing: { shown: 1 }, ended: { shown: 1 }, participants: { shown: 2 } });
    expect(p.figures.total).toEqual({ new: { shown: 10 }, ongoing: { shown: 1 }, ended: { shown: 2 }, participants: { shown: 11 } });
    expect(p).toMatchObject({ budgeted: 32, budgetedDefault: false, canExport: true, money: { currency: "SEK", budget: 175_500_000, actual: 14_625_050 } });
    // The same totals as the budget page (the budget's own arithmetic).
    const budget = await getBudgetYear(await w.ctx("manager"), w.programId, 2026);
    expect([budget.summary.total.budget, budget.summary.total.actual]).toEqual([p.money!.budget, p.money!.actual]);
    // Last year: Bo only (ongoing into 2026: still there at the end of 2025).
    const last = await finsamFigures(await w.ctx("coordinator"), { programId: w.programId, year: 2025 });
    expect(last.programs[0]!.figures.total).toEqual({ new: { shown: 1 }, ongoing: { shown: 0 }, ended: { shown: 0 }, participants: { shown: 1 } });
    expect(last.programs[0]).toMatchObject({ budgeted: 30, budgetedDefault: true, money: { budget: 0, actual: 99_999 } });
  });

  it("shows the steering group and the collaboration team suppressed figures only, and no person", async () => {
    const steering = await finsamFigures(await w.ctx("steering"), { programId: w.programId, year: "2026" });
    const p = steering.programs[0]!;
    expect(steering.suppressed).toBe(true);
    expect(p.canExport).toBe(false);
    expect(p.figures.bySex.male.participants).toEqual({ suppressed: "fewer_than_5" });
    expect("shown" in p.figures.total.ended).toBe(false);
    // 11 participants with 2 of them men: the total could give the men away with the women's 9, so not both are shown.
    expect("shown" in p.figures.bySex.female.participants && "shown" in p.figures.total.participants).toBe(false);
    for (const cell of [...Object.values(p.figures.bySex).flatMap((c) => Object.values(c)), ...Object.values(p.figures.total)]) {
      if ("shown" in cell) expect(cell.shown === 0 || cell.shown >= 5).toBe(true);
    }
    expect(p.money).toMatchObject({ budget: 175_500_000 });
    const text = JSON.stringify(steering);
    for (const secret of ["Ella", "Johansson", "Alva", "Testsson", w.people.ella]) expect(text).not.toContain(secret);
    const team = await finsamFigures(await w.ctx("team"), { programId: w.programId });
    expect(team.programs[0]).toMatchObject({ suppressed: true, money: null, canExport: false });
  });

  it("gives a federation's figures per program the reader may see, and a total that reveals nothing more", async () => {
    const view = await finsamFigures(await w.ctx("steering"), { federationId: w.federationId, year: 2026 });
    expect(view.programs.map((p) => p.program.id).sort()).toEqual([w.programId, w.otherProgramId].sort());
    const other = view.programs.find((p) => p.program.id === w.otherProgramId)!;
    expect(other.figures.total.participants).toEqual({ suppressed: "fewer_than_5" });
    // A total is shown only when every program's part is.
    expect(view.total!.figures.total.participants).toEqual({ suppressed: "hidden" });
    expect(view.total!.budgeted).toBe(62);
    // The manager of KRUS sees only KRUS there, exactly.
    const manager = await finsamFigures(await w.ctx("manager"), { federationId: w.federationId, year: 2026 });
    expect(manager.programs.map((p) => p.program.id)).toEqual([w.programId]);
    expect(manager.total!.figures.total.participants).toEqual({ shown: 11 });
    await expect(finsamFigures(await w.ctx("officerOtherProgram"), { federationId: w.federationId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(finsamFigures(await w.ctx("steering"), { federationId: w.otherFederationId })).rejects.toBeInstanceOf(NotFoundError);
    const csv = await finsamCsv(await w.ctx("steering"), { federationId: w.federationId, year: 2026 }, "sv");
    expect(csv.fileName).toMatch(/^finsam-samordningsforbundet-[a-z0-9-]+-2026\.csv$/);
    expect(csv.csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.csv).toContain("KRUS;Män;");
    expect(csv.csv).toContain("färre än 5");
    expect(csv.csv).toContain("KRUS;32;1755000,00;146250,50;SEK");
    expect(csv.csv).not.toContain("Ella");
  });

  it("exports the SUS-shaped rows as CSV and .xlsx: pseudonymised, protected and unconsented people anonymous", async () => {
    const manager = await w.ctx("manager");
    const csv = await outcomeExport(manager, { programId: w.programId, from: "2026-01-01", to: "2026-12-31", format: "csv" }, "sv");
    expect(csv).toMatchObject({ contentType: "text/csv; charset=utf-8", fileName: "utfall-krus-2026-01-01-2026-12-31.csv", rows: 11 });
    const text = String(csv.body);
    for (const secret of ["Ella", "Johansson", "Alva", "Eriksson", "Oscar", "Testsson", "200103142386", "2001-03-14", w.people.ella]) expect(text).not.toContain(secret);
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Pseudonym;Kön;Startår;Åldersgrupp vid start;Utbildningsnivå;Försörjning före;Sysselsättning före;Försörjning efter;Sysselsättning efter;Dagar i insatsen;Status;Avslut;Orsak till avslut");
    expect(lines).toHaveLength(12);
    // Alva (protected) and Oscar (no consent) last, with sex and start year only.
    expect(lines.slice(-2)).toEqual(["anonym;Kvinnor;2026;;;;;;;;;;", "anonym;Kvinnor;2026;;;;;;;;;;"]);
    // The pseudonym is the HMAC of the person with the installation's key: stable, and the same in the next export.
    const key = await t.deps.db.selectFrom("installation_keys").select("key_base64").where("purpose", "=", "pseudonym").executeTakeFirstOrThrow();
    const bo = pseudonymFor(new Uint8Array(Buffer.from(key.key_base64, "base64")), w.programId, ids.bo!);
    const sv = translator("sv");
    const boLine = lines.find((l) => l.startsWith(`${bo};`))!.split(";");
    const ella = pseudonymFor(new Uint8Array(Buffer.from(key.key_base64, "base64")), w.programId, w.people.ella);
    expect(lines.find((l) => l.startsWith(`${ella};`))!.split(";")[6]).toBe(sv("exit.occupation.sick_leave"));
    expect(boLine).toEqual([bo, "Män", "2025", "30 år och äldre", sv("educationLevel.upper_secondary"), sv("incomeSource.activity_compensation"), "Inte registrerad", sv("incomeSource.salary"), sv("exit.occupation.studies"), "212", "Avslutad", sv("exit.kind.completed"), sv("exit.reason.health")]);

    const xlsx = await outcomeExport(manager, { programId: w.programId, from: "2026-01-01", to: "2026-12-31", format: "xlsx" }, "en");
    expect(xlsx.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const [sheet] = await readXlsxFile(xlsx.body as Buffer);
    const rows = sheet!.data;
    expect(rows[0]).toEqual(["Pseudonym", "Sex", "Start year", "Age band at start", "Education level", "Income source before", "Occupation before", "Income source after", "Occupation after", "Days in the program", "Status", "Exit", "Exit reason"]);
    expect(rows).toHaveLength(12);
    const boRow = rows.find((r) => r[0] === bo)!;
    expect(boRow.slice(0, 4)).toEqual([bo, "Men", 2025, "30 and over"]);
    expect(boRow[9]).toBe(212);
    expect(boRow[10]).toBe("Ended");
    expect(rows.filter((r) => r[0] === "anonymous")).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain("Ella");
    // Stable across exports.
    const again = await outcomeExport(manager, { programId: w.programId, from: "2026-03-01", to: "2026-03-31", format: "csv" }, "sv");
    expect(String(again.body)).toContain(`${bo};Män;2025;`);
    expect(String(again.body)).toContain(";Avslutad;");
  });

  it("refuses a bad period at its field", async () => {
    const manager = await w.ctx("manager");
    await expect(outcomeExport(manager, { programId: w.programId, from: "2026-12-01", to: "2026-01-01", format: "csv" }, "sv")).rejects.toMatchObject({ fieldErrors: { to: ["reports.errors.toBeforeFrom"] } });
    await expect(outcomeExport(manager, { programId: w.programId, from: "1 jan", to: "2026-01-01", format: "pdf" }, "sv")).rejects.toBeInstanceOf(ValidationError);
  });

  describe("who may do what", () => {
    const matrix: [UserKey, "exact" | "suppressed" | "notFound", "allowed" | "forbidden" | "notFound"][] = [
      ["manager", "exact", "allowed"],
      ["coordinator", "exact", "allowed"],
      ["therapist", "notFound", "notFound"],
      ["officer", "notFound", "notFound"],
      ["team", "suppressed", "forbidden"],
      ["steering", "suppressed", "forbidden"],
      ["volunteer", "notFound", "notFound"],
      ["participant", "notFound", "notFound"],
      ["federationAdmin", "notFound", "notFound"],
      ["noRole", "notFound", "notFound"],
    ];
    it.each(matrix)("%s: Finsam %s, outcome export %s", async (user, finsam, exported) => {
      const ctx = await w.ctx(user);
      const figures = finsamFigures(ctx, { programId: w.programId, year: 2026 });
      if (finsam === "notFound") await expect(figures).rejects.toBeInstanceOf(NotFoundError);
      else expect((await figures).suppressed).toBe(finsam === "suppressed");
      const file = outcomeExport(ctx, { programId: w.programId, from: "2026-01-01", to: "2026-06-30", format: "csv" }, "sv");
      if (exported === "allowed") expect((await file).rows).toBeGreaterThan(0);
      else await expect(file).rejects.toBeInstanceOf(exported === "forbidden" ? ForbiddenError : NotFoundError);
    });
  });

  it("records every read and download with the year or period and format, never the rows", async () => {
    const events = await t.deps.db.selectFrom("audit_events").select(["action", "actor_role", "entity_type", "program_id", "person_id", "details"]).where("action", "like", "reports.%").execute();
    const exports = events.filter((e) => e.action === "reports.outcomeExport");
    expect(exports.length).toBeGreaterThanOrEqual(5);
    expect(exports.map((e) => e.actor_role).sort()).toEqual(expect.arrayContaining(["manager", "coordinator"]));
    expect(exports.find((e) => (e.details as { format: string }).format === "xlsx")?.details).toEqual({ from: "2026-01-01", to: "2026-12-31", format: "xlsx", rows: 11, anonymous: 2 });
    expect(events.find((e) => e.action === "reports.finsamCsv")).toMatchObject({ entity_type: "federation", actor_role: "steering_group", details: { year: 2026, format: "csv", suppressed: true, programs: 2 } });
    expect(events.find((e) => e.action === "reports.finsam" && e.actor_role === "steering_group" && e.entity_type === "program")).toMatchObject({ program_id: w.programId, details: { year: 2026, format: "page", suppressed: true } });
    for (const e of events) {
      expect(e.person_id).toBeNull();
      expect(JSON.stringify(e.details)).not.toMatch(/Ella|Johansson|Testsson|pseudonym/i);
    }
    // Refused attempts write nothing.
    expect(events.filter((e) => e.actor_role === "steering_group" && e.action === "reports.outcomeExport")).toEqual([]);
  });
});
