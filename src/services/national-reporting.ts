import { randomBytes } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import writeXlsxFile from "write-excel-file/node";
import { budgetYear } from "../domain/budget.ts";
import type { Currency, Minor } from "../domain/money.ts";
import {
  derivedCell,
  exactFinsam,
  FINSAM_FIGURES,
  FINSAM_SEXES,
  type FinsamFigure,
  type FinsamSex,
  finsamYear,
  OUTCOME_COLUMNS,
  type OutcomeFact,
  type OutcomeRow,
  outcomeRows,
  type SuppressedFinsamCounts,
  type SuppressedFinsamYear,
  suppressFinsam,
  OCCUPATION_NOT_RECORDED,
} from "../domain/national-reporting.ts";
import { decide, type Resource } from "../domain/policy.ts";
import { pseudonymFor } from "../domain/pseudonym.ts";
import type { Role } from "../domain/roles.ts";
import type { SuppressedCell } from "../domain/suppression.ts";
import { type Locale, type Translator, translator } from "../i18n/index.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError } from "./errors.ts";
import { goalsOf } from "./goals.ts";
import { validate } from "./schemas/common.ts";
import { type OutcomeFormat, outcomeExportSchema, reportYear } from "./schemas/reports.ts";
import { csvAmount } from "./travel.ts";

// National reporting (issue: Uppföljning Finsam and the SUS-shaped outcome export). The rules are
// domain/national-reporting.ts; this reads the facts and decides who sees what:
// - "aggregates.view" reads the Finsam figures of a program (its staff, the collaboration team, the steering
//   group for its program or federation). Who may list the program's people ("person.list": its staff) sees
//   exact counts; everyone else the suppressed ones (fewer than 5, and nothing that could be worked out).
//   The budget and actual costs are shown to those who may read the budget ("budget.view"); the budgeted
//   participants are the year's participants goal (program_goals, KRUS's default 30 without one).
// - A federation's figures: each of its programs that the reader may see, and their total (a sum shown only
//   when every part is shown, so that it reveals nothing the programs' figures do not).
// - "outcome.export" (the program's manager and coordinators; never the steering group) downloads the
//   SUS-shaped rows, pseudonymised, as CSV or .xlsx.
// Every read and every download is an audit event with the year or period and the format, never the rows.

export interface FinsamMoney {
  currency: Currency;
  budget: Minor;
  actual: Minor;
}

export interface FinsamProgram {
  program: { id: string; name: string };
  figures: SuppressedFinsamYear;
  suppressed: boolean;
  /** The year's participants goal; `budgetedDefault` when it is Spelplan's default (no goals saved). */
  budgeted: number;
  budgetedDefault: boolean;
  /** Null when the reader may not read the program's budget. */
  money: FinsamMoney | null;
  canExport: boolean;
}

export interface FinsamView {
  scope: { type: "program" | "federation"; id: string; name: string };
  federation: { id: string; name: string };
  year: number;
  today: string;
  /** The period counted (to today in the current year). */
  period: { from: string; to: string };
  programs: FinsamProgram[];
  /** The federation's total (only on the federation's page). */
  total: { figures: SuppressedFinsamYear; budgeted: number; money: FinsamMoney | null } | null;
  suppressed: boolean;
  years: number[];
}

interface ProgramRow {
  id: string;
  name: string;
  federation_id: string;
  country: string;
}

const resourceOf = (p: { id: string; federation_id: string }): Resource => ({ type: "program", programId: p.id, federationId: p.federation_id });

function parseYear(input: unknown, today: string): number {
  const parsed = reportYear.safeParse(input === undefined || input === null || input === "" ? Number(today.slice(0, 4)) : input);
  if (!parsed.success) throw new NotFoundError("report_year");
  return parsed.data;
}

async function programRow(tx: Db | Tx, programId: string): Promise<ProgramRow> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const row = await tx
    .selectFrom("programs as p")
    .innerJoin("federations as f", "f.id", "p.federation_id")
    .select(["p.id", "p.name", "p.federation_id", "f.country"])
    .where("p.id", "=", programId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("program");
  return row;
}

/** The options for a year's figures: the current year runs to today; a future year has nothing yet. */
function countedTo(year: number, today: string): { today?: string } {
  const thisYear = Number(today.slice(0, 4));
  if (year === thisYear) return { today };
  if (year > thisYear) return { today: `${year}-01-01` };
  return {};
}

async function programFigures(tx: Tx, ctx: ServiceContext, program: ProgramRow, year: number, today: string): Promise<{ figures: FinsamProgram; partitionYear: ReturnType<typeof finsamYear> }> {
  const resource = resourceOf(program);
  const exact = decide(ctx.actor.subject, "person.list", resource).allowed;
  const enrolments = await tx
    .selectFrom("enrolments as e")
    .innerJoin("people as p", "p.id", "e.person_id")
    .select(["e.id", "e.person_id", "e.start_date", "e.ended_on", "p.sex"])
    .where("e.program_id", "=", program.id)
    .execute();
  const counted = finsamYear(
    enrolments.map((e) => ({ id: e.id, personId: e.person_id, startDate: e.start_date, endDate: e.ended_on, sex: e.sex })),
    year,
    countedTo(year, today),
  );
  const { goals, isDefault } = await goalsOf(tx, program.id, year);
  let money: FinsamMoney | null = null;
  if (decide(ctx.actor.subject, "budget.view", resource).allowed) {
    const lines = await tx.selectFrom("budget_lines").select(["line", "amount_minor"]).where("program_id", "=", program.id).where("year", "=", year).execute();
    const actuals = await tx
      .selectFrom("actual_costs")
      .select(["month", "line", "amount_minor"])
      .where("program_id", "=", program.id)
      .where("month", ">=", `${year}-01`)
      .where("month", "<=", `${year}-12`)
      .execute();
    // The budget's own arithmetic (domain/budget.ts): the same totals as the budget page.
    const summary = budgetYear({
      year,
      lines: lines.map((l) => ({ line: l.line, amount: Number(l.amount_minor) })),
      actuals: actuals.map((a) => ({ month: a.month, line: a.line, amount: Number(a.amount_minor) })),
      funding: [],
      participants: counted.total.participants,
    });
    money = { currency: program.country === "NO" ? "NOK" : "SEK", budget: summary.total.budget, actual: summary.total.actual };
  }
  return {
    partitionYear: counted,
    figures: {
      program: { id: program.id, name: program.name },
      figures: exact ? exactFinsam(counted) : suppressFinsam(counted),
      suppressed: !exact,
      budgeted: goals.targets.participants,
      budgetedDefault: isDefault,
      money,
      canExport: decide(ctx.actor.subject, "outcome.export", resource).allowed,
    },
  };
}

async function yearsOf(tx: Tx, programIds: string[], year: number, today: string): Promise<number[]> {
  const thisYear = Number(today.slice(0, 4));
  let first = thisYear;
  if (programIds.length) {
    const row = await tx.selectFrom("enrolments").select((eb) => eb.fn.min("start_date").as("first")).where("program_id", "in", programIds).executeTakeFirst();
    if (row?.first) first = Math.min(first, Number(String(row.first).slice(0, 4)));
  }
  return [...new Set([...Array.from({ length: thisYear - first + 1 }, (_, i) => thisYear - i), year])].sort((a, b) => b - a);
}

/** The federation's total of its programs' figures: each a sum shown only when every program's part is. */
function federationTotal(programs: readonly FinsamProgram[]): FinsamView["total"] {
  const sumOf = (sex: FinsamSex | null, figure: FinsamFigure): SuppressedCell => {
    const parts = programs.map((p) => (sex ? p.figures.bySex[sex] : p.figures.total)[figure]);
    return derivedCell(parts, parts.map((c) => ("shown" in c ? c.shown : 0)));
  };
  const counts = (sex: FinsamSex | null) => Object.fromEntries(FINSAM_FIGURES.map((f) => [f, sumOf(sex, f)])) as SuppressedFinsamCounts;
  const withMoney = programs.filter((p) => p.money !== null);
  const currency = withMoney[0]?.money?.currency;
  const money =
    withMoney.length === programs.length && currency && withMoney.every((p) => p.money!.currency === currency)
      ? { currency, budget: withMoney.reduce((s, p) => s + p.money!.budget, 0), actual: withMoney.reduce((s, p) => s + p.money!.actual, 0) }
      : null;
  return {
    figures: { bySex: Object.fromEntries(FINSAM_SEXES.map((s) => [s, counts(s)])) as Record<FinsamSex, SuppressedFinsamCounts>, total: counts(null) },
    budgeted: programs.reduce((s, p) => s + p.budgeted, 0),
    money,
  };
}

async function programView(tx: Tx, ctx: ServiceContext, programId: string, year: number, today: string): Promise<{ view: FinsamView; role: Role }> {
  const program = await programRow(tx, programId);
  const decision = decide(ctx.actor.subject, "aggregates.view", resourceOf(program));
  if (!decision.allowed) throw new NotFoundError("program");
  const { figures, partitionYear } = await programFigures(tx, ctx, program, year, today);
  const federation = await tx.selectFrom("federations").select(["id", "name"]).where("id", "=", program.federation_id).executeTakeFirstOrThrow();
  return {
    role: decision.role,
    view: {
      scope: { type: "program", id: program.id, name: program.name },
      federation,
      year,
      today,
      period: partitionYear.period,
      programs: [figures],
      total: null,
      suppressed: figures.suppressed,
      years: await yearsOf(tx, [program.id], year, today),
    },
  };
}

async function federationView(tx: Tx, ctx: ServiceContext, federationId: string, year: number, today: string): Promise<{ view: FinsamView; role: Role }> {
  if (!isUuid(federationId)) throw new NotFoundError("federation");
  const federation = await tx.selectFrom("federations").select(["id", "name", "country"]).where("id", "=", federationId).executeTakeFirst();
  if (!federation) throw new NotFoundError("federation");
  const rows = await tx.selectFrom("programs").select(["id", "name", "federation_id"]).where("federation_id", "=", federation.id).where("active", "=", true).orderBy("name").orderBy("id").execute();
  const visible = rows.flatMap((p) => {
    const decision = decide(ctx.actor.subject, "aggregates.view", resourceOf(p));
    return decision.allowed ? [{ program: { ...p, country: federation.country }, role: decision.role }] : [];
  });
  if (visible.length === 0) throw new NotFoundError("federation");
  const programs: FinsamProgram[] = [];
  let period = { from: `${year}-01-01`, to: `${year}-12-31` };
  for (const { program } of visible) {
    const { figures, partitionYear } = await programFigures(tx, ctx, program, year, today);
    programs.push(figures);
    period = partitionYear.period;
  }
  const federationDecision = decide(ctx.actor.subject, "aggregates.view", { type: "federation", federationId: federation.id });
  return {
    role: federationDecision.allowed ? federationDecision.role : visible[0]!.role,
    view: {
      scope: { type: "federation", id: federation.id, name: federation.name },
      federation: { id: federation.id, name: federation.name },
      year,
      today,
      period,
      programs,
      total: federationTotal(programs),
      suppressed: programs.some((p) => p.suppressed),
      years: await yearsOf(
        tx,
        visible.map((v) => v.program.id),
        year,
        today,
      ),
    },
  };
}

export type FinsamScope = { programId: string } | { federationId: string };

async function finsamRead(ctx: ServiceContext, scope: FinsamScope, yearInput: unknown, format: "page" | "csv" | "json"): Promise<FinsamView> {
  const today = isoToday(ctx.now());
  const year = parseYear(yearInput, today);
  return ctx.db.transaction().execute(async (tx) => {
    const { view, role } = "programId" in scope ? await programView(tx, ctx, scope.programId, year, today) : await federationView(tx, ctx, scope.federationId, year, today);
    await auditByActor(tx, ctx, role, {
      action: format === "csv" ? "reports.finsamCsv" : "reports.finsam",
      entityType: view.scope.type,
      entityId: view.scope.id,
      programId: view.scope.type === "program" ? view.scope.id : null,
      federationId: view.federation.id,
      details: { year, format, suppressed: view.suppressed, programs: view.programs.length },
    });
    return view;
  });
}

/** The Finsam figures of a program or a federation for a year (default: this year). Audited. */
export function finsamFigures(ctx: ServiceContext, scope: FinsamScope & { year?: unknown }, format: "page" | "json" = "page"): Promise<FinsamView> {
  return finsamRead(ctx, scope, scope.year, format);
}

const CSV_OPTIONS = { delimiter: ";", bom: true, record_delimiter: "windows" } as const;
/** Text that a spreadsheet would take for a formula (=, +, -, @, tab, CR) is written with a leading apostrophe. */
const csvText = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export function cellText(t: Translator, cell: SuppressedCell): string {
  if ("shown" in cell) return String(cell.shown);
  return t(cell.suppressed === "fewer_than_5" ? "goals.figure.fewerThan5" : "goals.figure.hidden");
}

function slug(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "program"
  );
}

/**
 * The Finsam figures as CSV for Excel (UTF-8 with BOM, semicolons, CRLF, amounts with a decimal comma): per
 * program (and the federation's total) the participants by sex, then the budgeted participants, budget and
 * actual costs. Suppressed figures as on the page. Audited as an export.
 */
export async function finsamCsv(ctx: ServiceContext, scope: FinsamScope & { year?: unknown }, locale: Locale): Promise<{ fileName: string; csv: string }> {
  const view = await finsamRead(ctx, scope, scope.year, "csv");
  const t = translator(locale);
  const header = [t("reports.csv.program"), t("reports.csv.sex"), ...FINSAM_FIGURES.map((f) => t(`reports.figure.${f}`))];
  const block = (name: string, figures: SuppressedFinsamYear) => [
    ...FINSAM_SEXES.map((s) => [csvText(name), t(`reports.sex.${s}`), ...FINSAM_FIGURES.map((f) => cellText(t, figures.bySex[s][f]))]),
    [csvText(name), t("reports.sex.total"), ...FINSAM_FIGURES.map((f) => cellText(t, figures.total[f]))],
  ];
  const moneyRow = (name: string, budgeted: number, money: FinsamMoney | null) => [csvText(name), String(budgeted), money ? csvAmount(money.budget) : "", money ? csvAmount(money.actual) : "", money?.currency ?? ""];
  const records: string[][] = [
    [t("reports.csv.scope"), csvText(view.scope.name)],
    [t("reports.csv.year"), String(view.year)],
    [t("reports.csv.period"), `${view.period.from} – ${view.period.to}`],
    [],
    header,
    ...view.programs.flatMap((p) => block(p.program.name, p.figures)),
    ...(view.total ? block(t("reports.csv.federationTotal"), view.total.figures) : []),
    [],
    [t("reports.csv.program"), t("reports.figure.budgeted"), t("reports.figure.budget"), t("reports.figure.actual"), t("reports.csv.currency")],
    ...view.programs.map((p) => moneyRow(p.program.name, p.budgeted, p.money)),
    ...(view.total ? [moneyRow(t("reports.csv.federationTotal"), view.total.budgeted, view.total.money)] : []),
  ];
  return { fileName: `finsam-${slug(view.scope.name)}-${view.year}.csv`, csv: stringify(records, CSV_OPTIONS) };
}

// ---------------------------------------------------------------------------------------------------------
// The outcome export

/** The installation's pseudonym key: 32 random bytes, made on first use and kept in the database. */
async function pseudonymKey(tx: Tx, now: Date): Promise<Uint8Array> {
  const read = () => tx.selectFrom("installation_keys").select("key_base64").where("purpose", "=", "pseudonym").executeTakeFirst();
  let row = await read();
  if (!row) {
    await tx
      .insertInto("installation_keys")
      .values({ purpose: "pseudonym", key_base64: randomBytes(32).toString("base64"), created_at: now })
      .onConflict((oc) => oc.column("purpose").doNothing())
      .execute();
    row = await read();
  }
  return new Uint8Array(Buffer.from(row!.key_base64, "base64"));
}

async function outcomeFacts(tx: Tx, programId: string): Promise<OutcomeFact[]> {
  const enrolments = await tx
    .selectFrom("enrolments as e")
    .innerJoin("people as p", "p.id", "e.person_id")
    .leftJoin("exits as x", "x.enrolment_id", "e.id")
    .select([
      "e.id",
      "e.person_id",
      "e.start_date",
      "e.ended_on",
      "e.education_level",
      "e.income_source",
      "e.occupation_at_start",
      "p.sex",
      "p.birth_date",
      "p.protected_identity",
      "x.exit_date",
      "x.kind",
      "x.reason",
      "x.occupation",
      "x.income_source as exit_income_source",
    ])
    .where("e.program_id", "=", programId)
    .execute();
  const consents = await tx.selectFrom("consents").select(["person_id", "recorded_at", "given_on", "end_reason"]).where("program_id", "=", programId).execute();
  // The latest consent per person decides (a replaced one is followed by its replacement).
  const latest = new Map<string, (typeof consents)[number]>();
  for (const c of consents) {
    const seen = latest.get(c.person_id);
    if (!seen || c.recorded_at > seen.recorded_at || (c.recorded_at.getTime() === seen.recorded_at.getTime() && c.given_on > seen.given_on)) latest.set(c.person_id, c);
  }
  return enrolments.map((e) => ({
    enrolmentId: e.id,
    personId: e.person_id,
    startDate: e.start_date,
    endDate: e.ended_on ?? e.exit_date ?? null,
    sex: e.sex,
    birthYear: Number(e.birth_date.slice(0, 4)),
    educationLevel: e.education_level,
    incomeSourceAtStart: e.income_source,
    occupationAtStart: e.occupation_at_start,
    exit: e.exit_date && e.kind && e.reason && e.occupation ? { date: e.exit_date, kind: e.kind, reason: e.reason, occupation: e.occupation, incomeSource: e.exit_income_source ?? "other" } : null,
    protectedIdentity: e.protected_identity,
    consentToFollowUp: latest.has(e.person_id) && latest.get(e.person_id)!.end_reason !== "withdrawn",
  }));
}

export interface OutcomeExport {
  fileName: string;
  contentType: string;
  body: string | Buffer;
  rows: number;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A row's values as text in the reader's language (numbers stay numbers), in OUTCOME_COLUMNS order. */
function outcomeValues(t: Translator, row: OutcomeRow): (string | number | null)[] {
  const code = (prefix: string, value: string | null) => (value === null ? null : t(`${prefix}.${value}` as never));
  return OUTCOME_COLUMNS.map((column) => {
    switch (column) {
      case "pseudonym":
        return row.pseudonym ?? t("reports.outcome.anonymous");
      case "sex":
        return t(`reports.sex.${row.sex}`);
      case "startYear":
        return row.startYear;
      case "ageBand":
        return row.ageBand === null ? null : row.ageBand === "30_plus" ? t("reports.ageBand.30_plus") : t(`ageBand.${row.ageBand}`);
      case "educationLevel":
        return code("educationLevel", row.educationLevel);
      case "incomeSourceBefore":
        return code("incomeSource", row.incomeSourceBefore);
      case "occupationBefore":
        return row.occupationBefore === OCCUPATION_NOT_RECORDED ? t("reports.outcome.notRecorded") : code("exit.occupation", row.occupationBefore);
      case "incomeSourceAfter":
        return code("incomeSource", row.incomeSourceAfter);
      case "occupationAfter":
        return code("exit.occupation", row.occupationAfter);
      case "daysInProgram":
        return row.daysInProgram;
      case "status":
        return row.status === null ? null : t(`reports.status.${row.status}`);
      case "exitKind":
        return code("exit.kind", row.exitKind);
      case "exitReason":
        return code("exit.reason", row.exitReason);
    }
  });
}

/**
 * The SUS-shaped outcome rows of a program for a period (from..to) as CSV or .xlsx: one row per enrolment
 * active in the period, pseudonymised; protected identities and people without consent to follow-up
 * registration anonymously (sex and start year only). No name, identity number, date of birth or address
 * is ever read. The manager and coordinators only ("outcome.export"). Audited with the period and format.
 */
export async function outcomeExport(ctx: ServiceContext, input: { programId: string; from: unknown; to: unknown; format: unknown }, locale: Locale): Promise<OutcomeExport> {
  const today = isoToday(ctx.now());
  const { rows, program, format, from, to } = await ctx.db.transaction().execute(async (tx) => {
    // Access first: someone who may not export learns nothing from their input.
    const program = await programRow(tx, input.programId);
    const resource = resourceOf(program);
    const decision = decide(ctx.actor.subject, "outcome.export", resource);
    if (!decision.allowed) {
      if (decide(ctx.actor.subject, "aggregates.view", resource).allowed) throw new ForbiddenError();
      throw new NotFoundError("program");
    }
    const { from, to, format } = validate(outcomeExportSchema, { from: input.from, to: input.to, format: input.format });
    // Nothing after today has happened yet: days and exits are counted to today at the latest.
    const end = to > today ? today : to;
    const facts = end < from ? [] : await outcomeFacts(tx, program.id);
    const key = facts.length ? await pseudonymKey(tx, ctx.now()) : null;
    const rows = end < from ? [] : outcomeRows(facts, { from, to: end }, (personId) => pseudonymFor(key!, program.id, personId));
    await auditByActor(tx, ctx, decision.role, {
      action: "reports.outcomeExport",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { from, to, format, rows: rows.length, anonymous: rows.filter((r) => r.anonymous).length },
    });
    return { rows, program, format: format as OutcomeFormat, from, to };
  });
  const t = translator(locale);
  const header = OUTCOME_COLUMNS.map((c) => t(`reports.outcome.col.${c}`));
  const fileName = `utfall-${slug(program.name)}-${from}-${to}.${format}`;
  if (format === "csv") {
    const records = [header, ...rows.map((r) => outcomeValues(t, r).map((v) => (v === null ? "" : typeof v === "number" ? String(v) : csvText(v))))];
    return { fileName, contentType: "text/csv; charset=utf-8", body: stringify(records, CSV_OPTIONS), rows: rows.length };
  }
  const data = [
    header.map((value) => ({ value, fontWeight: "bold" as const })),
    ...rows.map((r) => outcomeValues(t, r).map((v) => (v === null ? null : typeof v === "number" ? { value: v, type: Number } : { value: v, type: String }))),
  ];
  const buffer = await writeXlsxFile(data, { sheet: t("reports.outcome.sheet"), stickyRowsCount: 1, columns: OUTCOME_COLUMNS.map((c) => ({ width: c === "pseudonym" ? 20 : 18 })) }).toBuffer();
  return { fileName, contentType: XLSX_TYPE, body: buffer, rows: rows.length };
}

/**
 * Refuses, as the export itself would, someone who may not export the program's outcomes (the page's period form
 * checks this before it sends the reader on to the download).
 */
export async function mayExportOutcomes(ctx: ServiceContext, programId: string): Promise<void> {
  const program = await programRow(ctx.db, programId);
  const resource = resourceOf(program);
  if (decide(ctx.actor.subject, "outcome.export", resource).allowed) return;
  if (decide(ctx.actor.subject, "aggregates.view", resource).allowed) throw new ForbiddenError();
  throw new NotFoundError("program");
}

/** Whether the reader may open the program's national reporting (for the link on the program's page). */
export async function mayViewReports(ctx: ServiceContext, programId: string): Promise<boolean> {
  if (!isUuid(programId)) return false;
  const program = await ctx.db.selectFrom("programs").select(["id", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  return program ? decide(ctx.actor.subject, "aggregates.view", resourceOf(program)).allowed : false;
}
