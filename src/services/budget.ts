import { stringify } from "csv-stringify/sync";
import { BUDGET_LINE_KINDS, type BudgetLineKind, type BudgetYearSummary, budgetYear, type CsvRowError, type FunderKind, parseActualCostsCsv } from "../domain/budget.ts";
import type { Currency, Minor } from "../domain/money.ts";
import { decide, type Resource } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import { type Locale, translator } from "../i18n/index.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import type { UploadedFile } from "./consents.ts";
import { isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { actualCostSchema, budgetLinesSchema, budgetYearParam, endFundingSchema, fundingSourceSchema, importCostsSchema } from "./schemas/budget.ts";
import { validate } from "./schemas/common.ts";
import { csvAmount } from "./travel.ts";

// Budget and funding per program (DOMAIN.md section 7: Uppföljning Finsam asks for budget and actuals per
// program): the year's budget in fixed lines (the KRUS budget's), actual costs per month and line (entered or
// imported from CSV; one row per month and line, entering or importing again replaces it), the funding sources
// with their periods (a grant's share of a year is pro rata by days, src/domain/budget.ts), and the cost per
// participant. Money is exact: whole öre/øre in integer columns, summed in the domain, never floating point.
//
// Who: the program's manager manages ("budget.manage"); the manager, the coordinators and the steering group
// read ("budget.view"). These are figures, not personal data: nothing here names a participant. Every read,
// every change and every export is in the audit log.

/** The largest CSV accepted (a year of costs is a few kilobytes). */
export const MAX_IMPORT_BYTES = 512 * 1024;

/** A CSV import refused: the messages for the form, and every bad row with its line number. Nothing was written. */
export class CsvImportError extends ValidationError {
  readonly rows: CsvRowError[];
  constructor(rows: CsvRowError[]) {
    super({ file: ["budget.errors.csvRows"] });
    this.name = "CsvImportError";
    this.rows = rows;
  }
}

export interface BudgetLineView {
  line: BudgetLineKind;
  /** Null: not set (counts as 0). */
  amount: Minor | null;
  note: string;
  setBy: string | null;
  setAt: Date | null;
}

export interface ActualCostView {
  month: string;
  line: BudgetLineKind;
  amount: Minor;
  note: string;
  source: "manual" | "import";
  recordedBy: string;
  recordedAt: Date;
}

export interface FundingSourceView {
  id: string;
  funder: string;
  kind: FunderKind;
  amount: Minor;
  from: string;
  to: string;
  note: string;
  /** The part that falls in the year (pro rata by days). */
  share: Minor;
  createdBy: string;
  createdAt: Date;
}

export interface BudgetYearView {
  program: { id: string; name: string };
  year: number;
  currency: Currency;
  /** The reader may change the budget (the manager); otherwise they only read. */
  canManage: boolean;
  lines: BudgetLineView[];
  actuals: ActualCostView[];
  /** Sources whose period touches the year, earliest first. */
  funding: FundingSourceView[];
  summary: BudgetYearSummary;
  /** Years with a budget, costs or funding, and this year, latest first. */
  years: number[];
  today: string;
}

interface ProgramAccess {
  program: { id: string; name: string; federationId: string; currency: Currency };
  role: Role;
  canManage: boolean;
}

async function programAccess(tx: Tx, ctx: ServiceContext, programId: string, action: "budget.view" | "budget.manage"): Promise<ProgramAccess> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const row = await tx
    .selectFrom("programs as p")
    .innerJoin("federations as f", "f.id", "p.federation_id")
    .select(["p.id", "p.name", "p.federation_id", "f.country"])
    .where("p.id", "=", programId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("program");
  const resource: Resource = { type: "program", programId: row.id, federationId: row.federation_id };
  const decision = decide(ctx.actor.subject, action, resource);
  if (!decision.allowed) throw new ForbiddenError();
  const canManage = action === "budget.manage" || decide(ctx.actor.subject, "budget.manage", resource).allowed;
  return { program: { id: row.id, name: row.name, federationId: row.federation_id, currency: row.country === "NO" ? "NOK" : "SEK" }, role: decision.role, canManage };
}

function parseYear(year: number | string): number {
  const parsed = budgetYearParam.safeParse(year);
  if (!parsed.success) throw new NotFoundError("budget_year");
  return parsed.data;
}

const firstDay = (year: number) => `${year}-01-01`;
const lastDay = (year: number) => `${year}-12-31`;

/** People with an enrolment in the program that was active on some day of the year. */
async function participantsInYear(tx: Tx, programId: string, year: number): Promise<number> {
  const rows = await tx
    .selectFrom("enrolments")
    .select("person_id")
    .distinct()
    .where("program_id", "=", programId)
    .where("start_date", "<=", lastDay(year))
    .where((eb) => eb.or([eb("ended_on", "is", null), eb("ended_on", ">=", firstDay(year))]))
    .execute();
  return rows.length;
}

async function loadYear(tx: Tx, access: ProgramAccess, year: number, today: string): Promise<BudgetYearView> {
  const { program } = access;
  const lineRows = await tx
    .selectFrom("budget_lines as b")
    .innerJoin("users as u", "u.id", "b.set_by")
    .select(["b.line", "b.amount_minor", "b.note", "b.set_at", "u.display_name"])
    .where("b.program_id", "=", program.id)
    .where("b.year", "=", year)
    .execute();
  const costRows = await tx
    .selectFrom("actual_costs as c")
    .innerJoin("users as u", "u.id", "c.recorded_by")
    .select(["c.month", "c.line", "c.amount_minor", "c.note", "c.source", "c.recorded_at", "u.display_name"])
    .where("c.program_id", "=", program.id)
    .where("c.month", ">=", `${year}-01`)
    .where("c.month", "<=", `${year}-12`)
    .orderBy("c.month")
    .execute();
  const fundingRows = await tx
    .selectFrom("funding_sources as s")
    .innerJoin("users as u", "u.id", "s.created_by")
    .select(["s.id", "s.funder", "s.kind", "s.amount_minor", "s.period_from", "s.period_to", "s.note", "s.created_at", "u.display_name"])
    .where("s.program_id", "=", program.id)
    .where("s.period_from", "<=", lastDay(year))
    .where("s.period_to", ">=", firstDay(year))
    .orderBy("s.period_from")
    .orderBy("s.funder")
    .orderBy("s.id")
    .execute();
  const participants = await participantsInYear(tx, program.id, year);
  const summary = budgetYear({
    year,
    lines: lineRows.map((r) => ({ line: r.line, amount: Number(r.amount_minor) })),
    actuals: costRows.map((r) => ({ month: r.month, line: r.line, amount: Number(r.amount_minor) })),
    funding: fundingRows.map((r) => ({ id: r.id, amount: Number(r.amount_minor), from: r.period_from, to: r.period_to })),
    participants,
  });
  const byLine = new Map(lineRows.map((r) => [r.line, r]));
  const shares = new Map(summary.funding.sources.map((s) => [s.id, s.share]));
  const yearRows = await Promise.all([
    tx.selectFrom("budget_lines").select("year").distinct().where("program_id", "=", program.id).execute(),
    tx.selectFrom("actual_costs").select("month").distinct().where("program_id", "=", program.id).execute(),
    tx.selectFrom("funding_sources").select(["period_from", "period_to"]).where("program_id", "=", program.id).execute(),
  ]);
  const thisYear = Number(today.slice(0, 4));
  const years = [
    ...new Set([
      thisYear,
      year,
      ...yearRows[0].map((r) => Number(r.year)),
      ...yearRows[1].map((r) => Number(r.month.slice(0, 4))),
      ...yearRows[2].flatMap((r) => [Number(r.period_from.slice(0, 4)), Number(r.period_to.slice(0, 4))]),
    ]),
  ].sort((a, b) => b - a);
  return {
    program: { id: program.id, name: program.name },
    year,
    currency: program.currency,
    canManage: access.canManage,
    lines: BUDGET_LINE_KINDS.map((line) => {
      const r = byLine.get(line);
      return { line, amount: r ? Number(r.amount_minor) : null, note: r?.note ?? "", setBy: r?.display_name ?? null, setAt: r?.set_at ?? null };
    }),
    actuals: costRows.map((r) => ({ month: r.month, line: r.line, amount: Number(r.amount_minor), note: r.note, source: r.source, recordedBy: r.display_name, recordedAt: r.recorded_at })),
    funding: fundingRows.map((r) => ({
      id: r.id,
      funder: r.funder,
      kind: r.kind,
      amount: Number(r.amount_minor),
      from: r.period_from,
      to: r.period_to,
      note: r.note,
      share: shares.get(r.id) ?? 0,
      createdBy: r.display_name,
      createdAt: r.created_at,
    })),
    summary,
    years,
    today,
  };
}

/** The program's budget year: lines, actual costs per month, funding, totals, cost per participant. Audited. */
export async function getBudgetYear(ctx: ServiceContext, programId: string, yearParam: number | string): Promise<BudgetYearView> {
  const year = parseYear(yearParam);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const access = await programAccess(tx, ctx, programId, "budget.view");
    const view = await loadYear(tx, access, year, today);
    await auditByActor(tx, ctx, access.role, {
      action: "budget.view",
      entityType: "program",
      entityId: access.program.id,
      programId: access.program.id,
      federationId: access.program.federationId,
      details: { year },
    });
    return view;
  });
}

/** Sets the year's budget lines: every line given is set (a blank amount removes it); lines not given stay. */
export async function setBudgetLines(ctx: ServiceContext, programId: string, input: unknown): Promise<void> {
  const data = validate(budgetLinesSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "budget.manage");
    const changes: Record<string, Minor | null> = {};
    for (const line of BUDGET_LINE_KINDS) {
      const given = data.lines[line];
      if (!given) continue;
      if (given.amount === undefined) {
        await tx.deleteFrom("budget_lines").where("program_id", "=", program.id).where("year", "=", data.year).where("line", "=", line).execute();
        changes[line] = null;
        continue;
      }
      const values = { amount_minor: given.amount, currency: program.currency, note: given.note ?? "", set_by: ctx.actor.user.id, set_at: ctx.now() };
      await tx
        .insertInto("budget_lines")
        .values({ program_id: program.id, year: data.year, line, ...values })
        .onConflict((oc) => oc.columns(["program_id", "year", "line"]).doUpdateSet(values))
        .execute();
      changes[line] = given.amount;
    }
    await auditByActor(tx, ctx, role, {
      action: "budget.setLines",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federationId,
      details: { year: data.year, currency: program.currency, linesMinor: changes },
    });
  });
}

async function upsertCost(tx: Tx, ctx: ServiceContext, program: ProgramAccess["program"], cost: { month: string; line: BudgetLineKind; amount: Minor; note: string }, source: "manual" | "import") {
  const values = { amount_minor: cost.amount, currency: program.currency, note: cost.note, source, recorded_by: ctx.actor.user.id, recorded_at: ctx.now() };
  await tx
    .insertInto("actual_costs")
    .values({ program_id: program.id, month: cost.month, line: cost.line, ...values })
    .onConflict((oc) => oc.columns(["program_id", "month", "line"]).doUpdateSet(values))
    .execute();
}

/** Records (or replaces) one month's actual cost for one line. */
export async function recordActualCost(ctx: ServiceContext, programId: string, input: unknown): Promise<void> {
  const data = validate(actualCostSchema, input);
  parseYear(data.month.slice(0, 4));
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "budget.manage");
    const previous = await tx.selectFrom("actual_costs").select("amount_minor").where("program_id", "=", program.id).where("month", "=", data.month).where("line", "=", data.line).executeTakeFirst();
    await upsertCost(tx, ctx, program, { month: data.month, line: data.line, amount: data.amount, note: data.note ?? "" }, "manual");
    await auditByActor(tx, ctx, role, {
      action: "budget.recordCost",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federationId,
      details: { month: data.month, line: data.line, amountMinor: data.amount, currency: program.currency, previousMinor: previous ? Number(previous.amount_minor) : null },
    });
  });
}

/**
 * Imports a year's actual costs from CSV (month;line;amount[;note]). All or nothing: any bad row and nothing is
 * written (CsvImportError lists every one with its line number); otherwise each row replaces the month and line.
 */
export async function importActualCosts(ctx: ServiceContext, programId: string, input: unknown, file: UploadedFile | null): Promise<{ count: number }> {
  const { year } = validate(importCostsSchema, input);
  if (!file || file.bytes.length === 0) throw new ValidationError({ file: ["budget.errors.fileRequired"] });
  if (file.bytes.length > MAX_IMPORT_BYTES) throw new ValidationError({ file: ["budget.errors.fileTooLarge"] });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    throw new ValidationError({ file: ["budget.errors.fileEncoding"] });
  }
  return ctx.db.transaction().execute(async (tx) => {
    // Access first: someone who may not import learns nothing about their file.
    const { program, role } = await programAccess(tx, ctx, programId, "budget.manage");
    const parsed = parseActualCostsCsv(text, { year });
    if (!parsed.ok) throw new CsvImportError(parsed.errors);
    for (const row of parsed.rows) await upsertCost(tx, ctx, program, row, "import");
    await auditByActor(tx, ctx, role, {
      action: "budget.importCosts",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federationId,
      details: { year, count: parsed.rows.length, totalMinor: parsed.rows.reduce((sum, r) => sum + r.amount, 0), currency: program.currency, fileName: file.name.slice(0, 200) },
    });
    return { count: parsed.rows.length };
  });
}

/** Adds a funding source (who pays, how much, for which period). */
export async function addFundingSource(ctx: ServiceContext, programId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(fundingSourceSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "budget.manage");
    const row = await tx
      .insertInto("funding_sources")
      .values({
        program_id: program.id,
        funder: data.funder,
        kind: data.kind,
        amount_minor: data.amount,
        currency: program.currency,
        period_from: data.from,
        period_to: data.to,
        note: data.note ?? "",
        created_by: ctx.actor.user.id,
        created_at: ctx.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, role, {
      action: "budget.addFunding",
      entityType: "funding_source",
      entityId: row.id,
      programId: program.id,
      federationId: program.federationId,
      details: { funder: data.funder, kind: data.kind, amountMinor: data.amount, currency: program.currency, from: data.from, to: data.to },
    });
    return row;
  });
}

async function fundingIn(tx: Tx, programId: string, fundingId: string) {
  if (!isUuid(fundingId)) throw new NotFoundError("funding_source");
  const row = await tx.selectFrom("funding_sources").select(["id", "period_from", "period_to", "amount_minor"]).where("id", "=", fundingId).where("program_id", "=", programId).executeTakeFirst();
  if (!row) throw new NotFoundError("funding_source");
  return row;
}

/** Ends a funding source early: its period now ends on `to` (not before it starts, not after it ended). The amount stays. */
export async function endFundingSource(ctx: ServiceContext, programId: string, fundingId: string, input: unknown): Promise<void> {
  const data = validate(endFundingSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "budget.manage");
    const row = await fundingIn(tx, program.id, fundingId);
    if (data.to < row.period_from) throw new ValidationError({ to: ["budget.errors.endBeforeStart"] });
    if (data.to > row.period_to) throw new ValidationError({ to: ["budget.errors.endAfterEnd"] });
    await tx.updateTable("funding_sources").set({ period_to: data.to }).where("id", "=", row.id).execute();
    await auditByActor(tx, ctx, role, {
      action: "budget.endFunding",
      entityType: "funding_source",
      entityId: row.id,
      programId: program.id,
      federationId: program.federationId,
      details: { to: data.to, previousTo: row.period_to },
    });
  });
}

/** Removes a funding source entered by mistake. */
export async function removeFundingSource(ctx: ServiceContext, programId: string, fundingId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "budget.manage");
    const row = await fundingIn(tx, program.id, fundingId);
    await tx.deleteFrom("funding_sources").where("id", "=", row.id).execute();
    await auditByActor(tx, ctx, role, {
      action: "budget.removeFunding",
      entityType: "funding_source",
      entityId: row.id,
      programId: program.id,
      federationId: program.federationId,
      details: { amountMinor: Number(row.amount_minor), from: row.period_from, to: row.period_to },
    });
  });
}

/** Text that a spreadsheet would take for a formula (=, +, -, @, tab, CR) is written with a leading apostrophe. */
const csvText = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
const percentText = (tenths: number | null) => (tenths === null ? "" : `${Math.trunc(tenths / 10)},${Math.abs(tenths % 10)}`);

/**
 * The year as CSV for Excel, like the other exports: UTF-8 with a byte-order mark, semicolons, CRLF, amounts
 * with a decimal comma and no grouping. Four parts: the summary, the lines, the months (a column per line),
 * the funding. Audited (an export is an event too).
 */
export async function budgetYearCsv(ctx: ServiceContext, programId: string, yearParam: number | string, locale: Locale): Promise<{ fileName: string; csv: string }> {
  const year = parseYear(yearParam);
  const today = isoToday(ctx.now());
  const view = await ctx.db.transaction().execute(async (tx) => {
    const access = await programAccess(tx, ctx, programId, "budget.view");
    const loaded = await loadYear(tx, access, year, today);
    await auditByActor(tx, ctx, access.role, {
      action: "budget.exportCsv",
      entityType: "program",
      entityId: access.program.id,
      programId: access.program.id,
      federationId: access.program.federationId,
      details: { year, locale },
    });
    return loaded;
  });
  const t = translator(locale);
  const { summary } = view;
  const optional = (minor: Minor | null) => (minor === null ? "" : csvAmount(minor));
  const records: string[][] = [
    [t("budget.csv.program"), csvText(view.program.name)],
    [t("budget.csv.year"), String(view.year)],
    [t("budget.csv.currency"), view.currency],
    [t("budget.csv.participants"), String(summary.participants)],
    [t("budget.csv.costPerParticipant"), optional(summary.costPerParticipant)],
    [t("budget.csv.fundingTotal"), csvAmount(summary.funding.total)],
    [t("budget.csv.gap"), csvAmount(summary.funding.gap)],
    [],
    [t("budget.csv.line"), t("budget.csv.budget"), t("budget.csv.actual"), t("budget.csv.remaining"), t("budget.csv.used")],
    ...summary.lines.map((l) => [t(`budget.line.${l.line}`), csvAmount(l.budget), csvAmount(l.actual), csvAmount(l.remaining), percentText(l.usedTenths)]),
    [t("budget.csv.total"), csvAmount(summary.total.budget), csvAmount(summary.total.actual), csvAmount(summary.total.remaining), percentText(summary.total.usedTenths)],
    [],
    [t("budget.csv.month"), ...BUDGET_LINE_KINDS.map((line) => t(`budget.line.${line}`)), t("budget.csv.total")],
    ...summary.months.map((m) => [m.month, ...m.lines.map((l) => optional(l.actual)), csvAmount(m.total)]),
    [],
    [t("budget.csv.funder"), t("budget.csv.kind"), t("budget.csv.from"), t("budget.csv.to"), t("budget.csv.amount"), t("budget.csv.share")],
    ...view.funding.map((f) => [csvText(f.funder), t(`budget.funderKind.${f.kind}`), f.from, f.to, csvAmount(f.amount), csvAmount(f.share)]),
  ];
  const csv = stringify(records, { delimiter: ";", bom: true, record_delimiter: "windows" });
  const slug =
    view.program.name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "program";
  return { fileName: `budget-${slug}-${view.year}.csv`, csv };
}

/** Whether the reader may open the program's budget (for the link on the program's page). */
export async function mayViewBudget(ctx: ServiceContext, programId: string): Promise<boolean> {
  if (!isUuid(programId)) return false;
  const program = await ctx.db.selectFrom("programs").select(["id", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  return program ? decide(ctx.actor.subject, "budget.view", { type: "program", programId: program.id, federationId: program.federation_id }).allowed : false;
}
