import { createHash } from "node:crypto";
import { sql } from "kysely";
import { stringify } from "csv-stringify/sync";
import { renderTravelPdf } from "../documents/travel-pdf.ts";
import { type BudgetBalance, budgetBalance, type Currency, formatMoney, type Minor, toDecimalString, travelMoneyReport, type TravelMoneyReport } from "../domain/money.ts";
import { decide, type Resource } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import { type Locale, translator } from "../i18n/index.ts";
import { comparePersonLabels, isUuid, type LoadedPerson, loadPeople, type PersonLabel, personLabel } from "./access.ts";
import { auditByActor } from "./audit.ts";
import type { UploadedFile } from "./consents.ts";
import { isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { validate } from "./schemas/common.ts";
import { type TravelFilter, travelBudgetSchema, travelDisbursementSchema, travelFilterSchema, travelYear, voidDisbursementSchema } from "./schemas/travel.ts";

// Travel money (sv. reskassa): per program a yearly budget, disbursements to participants who need the bus
// and cannot get a bus card from another authority (date, amount, purpose, who paid it out, the receipt),
// the balance against the budget, and the year's report per month and per participant as CSV and PDF.
//
// Money is exact: whole öre/øre in integer columns, summed by src/domain/money.ts, never floating point.
// The currency is the program's: SEK for a Swedish federation, NOK for a Norwegian one.
//
// Who: the program's coordinators and manager ("travel.manage"); nobody else reads or writes it. Names follow
// the protected-identity rule like everywhere else: masked (reference only) unless the reader works directly
// with the person. Every read of the list, every change and every export is in the audit log, without
// amounts tied to names, purposes or payers (those stay in the tables).
//
// Who can receive travel money: a person of the program who on the day of the disbursement took part in it,
// that is, had an enrolment that had started and not ended, or a place in the ordinary group or the
// pre-group (the pre-group meets 1-2 times a week and also travels). Not someone only on the waiting list,
// not someone who has left: money is paid for taking part, and the report must add up to the participants.
//
// A mistaken disbursement is voided with a reason, never deleted: it stays in the list, struck out, and
// counts neither in the balance nor in the report.

/** The kinds of receipt accepted: a scan or photo (JPEG, PNG) or a PDF; checked against the file's first bytes. */
export const RECEIPT_FILE_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
/** The largest receipt (the server's upload limit leaves room for the form around it). */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: Record<(typeof RECEIPT_FILE_TYPES)[number], number[]> = {
  "application/pdf": [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** The declared type is one we accept and the content really is of that type. */
export function receiptTypeOk(file: UploadedFile): boolean {
  if (!(RECEIPT_FILE_TYPES as readonly string[]).includes(file.type)) return false;
  const signature = SIGNATURES[file.type as (typeof RECEIPT_FILE_TYPES)[number]];
  return signature.every((byte, i) => file.bytes[i] === byte);
}

export type TravelPerson = PersonLabel;

export interface DisbursementView {
  id: string;
  person: TravelPerson;
  date: string;
  amount: Minor;
  currency: Currency;
  purpose: string;
  paidBy: string;
  receipt: { name: string; type: string; size: number } | null;
  recordedBy: string;
  recordedAt: Date;
  voided: { at: Date; by: string; reason: string } | null;
}

export interface TravelYearView {
  program: { id: string; name: string };
  year: number;
  currency: Currency;
  /** Null: no budget set for the year (the balance is then counted from 0). */
  budget: { amount: Minor; setAt: Date; setBy: string } | null;
  /** Against the budget; voided disbursements do not count. */
  balance: BudgetBalance;
  filter: { month: number | null; personId: string | null };
  /** The year's disbursements that match the filter, the latest first, voided ones too. */
  disbursements: DisbursementView[];
  /** The sum of those in the list that are not voided. */
  listTotal: Minor;
  /**
   * Who took part in the program this year (for the form and the filter), names first, masked ones last;
   * `current`: takes part today (the form lists them first).
   */
  participants: (TravelPerson & { current: boolean })[];
  /** Years that have a budget or disbursements, and this year. */
  years: number[];
  today: string;
}

interface ProgramAccess {
  program: { id: string; name: string; federationId: string; currency: Currency };
  role: Role;
}


async function programAccess(tx: Tx, ctx: ServiceContext, programId: string): Promise<ProgramAccess> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const row = await tx
    .selectFrom("programs as p")
    .innerJoin("federations as f", "f.id", "p.federation_id")
    .select(["p.id", "p.name", "p.federation_id", "f.country"])
    .where("p.id", "=", programId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("program");
  const resource: Resource = { type: "program", programId: row.id, federationId: row.federation_id };
  const decision = decide(ctx.actor.subject, "travel.manage", resource);
  if (!decision.allowed) throw new ForbiddenError();
  return { program: { id: row.id, name: row.name, federationId: row.federation_id, currency: row.country === "NO" ? "NOK" : "SEK" }, role: decision.role };
}

const personView = (ctx: ServiceContext, person: LoadedPerson | undefined, personId: string): TravelPerson => personLabel(ctx.actor.subject, person, personId);
const comparePeople = comparePersonLabels;

/** A timestamp's calendar day in Sweden. */
const dayOf = (at: Date) => isoToday(at);

/** Did the person take part in the program on `date` (an enrolment or a place in a group)? */
async function tookPart(tx: Tx, programId: string, personId: string, date: string): Promise<boolean> {
  const enrolments = await tx.selectFrom("enrolments").select(["start_date", "ended_on"]).where("program_id", "=", programId).where("person_id", "=", personId).execute();
  if (enrolments.some((e) => e.start_date <= date && (e.ended_on === null || e.ended_on >= date))) return true;
  const places = await tx
    .selectFrom("placements")
    .select(["accepted_on", "ended_at"])
    .where("program_id", "=", programId)
    .where("person_id", "=", personId)
    .where("place", "in", ["ordinary", "pre_group"])
    .execute();
  return places.some((p) => p.accepted_on <= date && (p.ended_at === null || dayOf(p.ended_at) >= date));
}

/** Everyone who took part in the program at some time in the year, and which of them take part today. */
async function participantsOfYear(tx: Tx, programId: string, year: number, today: string): Promise<{ ids: string[]; current: Set<string> }> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const enrolled = await tx
    .selectFrom("enrolments")
    .select(["person_id", "start_date", "ended_on"])
    .where("program_id", "=", programId)
    .where("start_date", "<=", last)
    .where((eb) => eb.or([eb("ended_on", "is", null), eb("ended_on", ">=", first)]))
    .execute();
  const placed = (
    await tx
      .selectFrom("placements")
      .select(["person_id", "accepted_on", "ended_at"])
      .where("program_id", "=", programId)
      .where("place", "in", ["ordinary", "pre_group"])
      .where("accepted_on", "<=", last)
      .execute()
  ).map((p) => ({ person_id: p.person_id, start: p.accepted_on, end: p.ended_at === null ? null : dayOf(p.ended_at) }));
  const spells = [...enrolled.map((e) => ({ person_id: e.person_id, start: e.start_date, end: e.ended_on })), ...placed].filter((s) => s.end === null || s.end >= first);
  const current = new Set(spells.filter((s) => s.start <= today && (s.end === null || s.end >= today)).map((s) => s.person_id));
  return { ids: [...new Set(spells.map((s) => s.person_id))], current };
}

async function budgetOf(tx: Tx, programId: string, year: number) {
  return tx
    .selectFrom("travel_budgets as b")
    .innerJoin("users as u", "u.id", "b.set_by")
    .select(["b.amount_minor", "b.currency", "b.set_at", "u.display_name"])
    .where("b.program_id", "=", programId)
    .where("b.year", "=", year)
    .executeTakeFirst();
}

interface DisbursementRow {
  id: string;
  person_id: string;
  date: string;
  amount_minor: number;
  currency: Currency;
  purpose: string;
  paid_by: string;
  receipt_file_id: string | null;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  recorded_by_name: string;
  recorded_at: Date;
  voided_at: Date | null;
  voided_by_name: string | null;
  void_reason: string | null;
}

async function disbursementsOfYear(tx: Tx, programId: string, year: number): Promise<DisbursementRow[]> {
  return tx
    .selectFrom("travel_disbursements as d")
    .innerJoin("users as r", "r.id", "d.recorded_by")
    .leftJoin("users as v", "v.id", "d.voided_by")
    .leftJoin("files as f", "f.id", "d.receipt_file_id")
    .select([
      "d.id",
      "d.person_id",
      "d.date",
      "d.amount_minor",
      "d.currency",
      "d.purpose",
      "d.paid_by",
      "d.receipt_file_id",
      "f.name as file_name",
      "f.content_type as file_type",
      "f.size as file_size",
      "r.display_name as recorded_by_name",
      "d.recorded_at",
      "d.voided_at",
      "v.display_name as voided_by_name",
      "d.void_reason",
    ])
    .where("d.program_id", "=", programId)
    .where("d.date", ">=", `${year}-01-01`)
    .where("d.date", "<=", `${year}-12-31`)
    .orderBy("d.date", "desc")
    .orderBy("d.recorded_at", "desc")
    .orderBy("d.id")
    .execute();
}

function toView(ctx: ServiceContext, row: DisbursementRow, people: Map<string, LoadedPerson>): DisbursementView {
  return {
    id: row.id,
    person: personView(ctx, people.get(row.person_id), row.person_id),
    date: row.date,
    amount: Number(row.amount_minor),
    currency: row.currency,
    purpose: row.purpose,
    paidBy: row.paid_by,
    receipt: row.receipt_file_id ? { name: row.file_name ?? "", type: row.file_type ?? "", size: Number(row.file_size ?? 0) } : null,
    recordedBy: row.recorded_by_name,
    recordedAt: row.recorded_at,
    voided: row.voided_at ? { at: row.voided_at, by: row.voided_by_name ?? "", reason: row.void_reason ?? "" } : null,
  };
}

const counted = (rows: readonly DisbursementRow[]) => rows.filter((r) => r.voided_at === null).map((r) => ({ personId: r.person_id, date: r.date, amount: Number(r.amount_minor) }));

function parseYear(year: number | string): number {
  const parsed = travelYear.safeParse(year);
  if (!parsed.success) throw new NotFoundError("travel_year");
  return parsed.data;
}

/** The year's travel money: budget, disbursed, balance, and the list (filtered by month and participant). Audited. */
export async function getTravelYear(ctx: ServiceContext, programId: string, yearParam: number | string, filterInput: unknown = {}): Promise<TravelYearView> {
  const year = parseYear(yearParam);
  const filter: TravelFilter = validate(travelFilterSchema, filterInput);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId);
    const budget = await budgetOf(tx, program.id, year);
    const rows = await disbursementsOfYear(tx, program.id, year);
    const { ids: participantIds, current } = await participantsOfYear(tx, program.id, year, today);
    const people = await loadPeople(tx, [...participantIds, ...rows.map((r) => r.person_id)], today);
    const listed = rows.filter((r) => (filter.month ? Number(r.date.slice(5, 7)) === filter.month : true)).filter((r) => (filter.personId ? r.person_id === filter.personId : true));
    const budgetYears = await tx.selectFrom("travel_budgets").select("year").where("program_id", "=", program.id).execute();
    const paidYears = await sql<{ year: number }>`SELECT DISTINCT CAST(date_part('year', date) AS integer) AS year FROM travel_disbursements WHERE program_id = ${program.id}`.execute(tx);
    const yearsRows = [...budgetYears, ...paidYears.rows];
    const thisYear = Number(today.slice(0, 4));
    const years = [...new Set([thisYear, year, ...yearsRows.map((r) => Number(r.year))])].sort((a, b) => b - a);
    const disbursements = listed.map((r) => toView(ctx, r, people));
    await auditByActor(tx, ctx, role, {
      action: "travel.view",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federationId,
      details: { year, month: filter.month ?? null, personId: filter.personId ?? null, disbursementIds: disbursements.map((d) => d.id) },
    });
    const participantSet = new Set([...participantIds, ...rows.map((r) => r.person_id)]);
    return {
      program: { id: program.id, name: program.name },
      year,
      currency: program.currency,
      budget: budget ? { amount: Number(budget.amount_minor), setAt: budget.set_at, setBy: budget.display_name } : null,
      balance: budgetBalance(budget ? Number(budget.amount_minor) : 0, counted(rows)),
      filter: { month: filter.month ?? null, personId: filter.personId ?? null },
      disbursements,
      listTotal: budgetBalance(0, counted(listed)).disbursed,
      participants: [...participantSet].map((id) => ({ ...personView(ctx, people.get(id), id), current: current.has(id) })).sort(comparePeople),
      years,
      today,
    };
  });
}

/** Sets (or changes) the year's budget. */
export async function setTravelBudget(ctx: ServiceContext, programId: string, input: unknown): Promise<void> {
  const data = validate(travelBudgetSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId);
    const previous = await budgetOf(tx, program.id, data.year);
    const values = { amount_minor: data.amount, currency: program.currency, set_by: ctx.actor.user.id, set_at: ctx.now() };
    await tx
      .insertInto("travel_budgets")
      .values({ program_id: program.id, year: data.year, ...values })
      .onConflict((oc) => oc.columns(["program_id", "year"]).doUpdateSet(values))
      .execute();
    await auditByActor(tx, ctx, role, {
      action: "travel.budget",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federationId,
      details: { year: data.year, amountMinor: data.amount, currency: program.currency, previousMinor: previous ? Number(previous.amount_minor) : null },
    });
  });
}

/** Records a disbursement to a participant, with the receipt when there is one. */
export async function recordDisbursement(ctx: ServiceContext, programId: string, input: unknown, receipt?: UploadedFile | null): Promise<{ id: string }> {
  const data = validate(travelDisbursementSchema, input);
  const today = isoToday(ctx.now());
  const fieldErrors: Record<string, string[]> = {};
  if (data.date > today) fieldErrors.date = ["travel.errors.dateInFuture"];
  const file = receipt && receipt.bytes.length > 0 ? receipt : null;
  if (file && file.bytes.length > MAX_RECEIPT_BYTES) fieldErrors.receipt = ["travel.errors.receiptTooLarge"];
  else if (file && !receiptTypeOk(file)) fieldErrors.receipt = ["travel.errors.receiptType"];
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId);
    const person = isUuid(data.personId) ? await tx.selectFrom("people").select(["id", "program_id"]).where("id", "=", data.personId).executeTakeFirst() : undefined;
    if (!person || person.program_id !== program.id || !(await tookPart(tx, program.id, person.id, data.date))) {
      throw new ValidationError({ personId: ["travel.errors.notParticipant"] });
    }
    const now = ctx.now();
    let fileId: string | null = null;
    if (file) {
      const stored = await tx
        .insertInto("files")
        .values({
          name: file.name.slice(0, 200) || "kvitto",
          content_type: file.type,
          size: file.bytes.length,
          sha256: createHash("sha256").update(file.bytes).digest("hex"),
          content: file.bytes,
          uploaded_by: ctx.actor.user.id,
          uploaded_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      fileId = stored.id;
    }
    const row = await tx
      .insertInto("travel_disbursements")
      .values({
        program_id: program.id,
        person_id: person.id,
        date: data.date,
        amount_minor: data.amount,
        currency: program.currency,
        purpose: data.purpose,
        paid_by: data.paidBy,
        receipt_file_id: fileId,
        recorded_by: ctx.actor.user.id,
        recorded_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The purpose and the payer are left out: free text that could say more about the person.
    await auditByActor(tx, ctx, role, {
      action: "travel.record",
      entityType: "travel_disbursement",
      entityId: row.id,
      personId: person.id,
      programId: program.id,
      federationId: program.federationId,
      details: { date: data.date, amountMinor: data.amount, currency: program.currency, receipt: fileId !== null },
    });
    return row;
  });
}

async function disbursementIn(tx: Tx, programId: string, disbursementId: string) {
  if (!isUuid(disbursementId)) throw new NotFoundError("travel_disbursement");
  const row = await tx
    .selectFrom("travel_disbursements")
    .select(["id", "person_id", "date", "amount_minor", "receipt_file_id", "voided_at"])
    .where("id", "=", disbursementId)
    .where("program_id", "=", programId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("travel_disbursement");
  return row;
}

/** Voids a mistaken disbursement with a reason: it stays, struck out, and no longer counts. */
export async function voidDisbursement(ctx: ServiceContext, programId: string, disbursementId: string, input: unknown): Promise<void> {
  const data = validate(voidDisbursementSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId);
    const row = await disbursementIn(tx, program.id, disbursementId);
    if (row.voided_at !== null) throw new ValidationError({}, ["travel.errors.alreadyVoided"]);
    await tx.updateTable("travel_disbursements").set({ voided_at: ctx.now(), voided_by: ctx.actor.user.id, void_reason: data.reason }).where("id", "=", row.id).where("voided_at", "is", null).execute();
    await auditByActor(tx, ctx, role, {
      action: "travel.void",
      entityType: "travel_disbursement",
      entityId: row.id,
      personId: row.person_id,
      programId: program.id,
      federationId: program.federationId,
      details: { date: row.date, amountMinor: Number(row.amount_minor) },
    });
  });
}

/** A disbursement's receipt, for download. Audited. */
export async function travelReceipt(ctx: ServiceContext, programId: string, disbursementId: string): Promise<UploadedFile> {
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId);
    const row = await disbursementIn(tx, program.id, disbursementId);
    if (!row.receipt_file_id) throw new NotFoundError("travel_receipt");
    const file = await tx.selectFrom("files").select(["name", "content_type", "content"]).where("id", "=", row.receipt_file_id).executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, role, {
      action: "travel.receipt",
      entityType: "travel_disbursement",
      entityId: row.id,
      personId: row.person_id,
      programId: program.id,
      federationId: program.federationId,
    });
    return { name: file.name, type: file.content_type, bytes: new Uint8Array(file.content) };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The year's report

export interface TravelReportView {
  program: { id: string; name: string };
  year: number;
  budgetSet: boolean;
  report: TravelMoneyReport;
  /** The report's participants with their names as the reader may see them (same order as report.participants). */
  participants: (TravelPerson & { total: Minor; count: number })[];
  /** Voided disbursements of the year (not in the report). */
  voidedCount: number;
}

type ReportAction = "travel.report" | "travel.exportCsv" | "travel.exportPdf";

async function buildReport(ctx: ServiceContext, programId: string, yearParam: number | string, action: ReportAction, extra: Record<string, unknown> = {}): Promise<TravelReportView> {
  const year = parseYear(yearParam);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId);
    const budget = await budgetOf(tx, program.id, year);
    const rows = await disbursementsOfYear(tx, program.id, year);
    const report = travelMoneyReport({ year, currency: program.currency, budget: budget ? Number(budget.amount_minor) : 0, disbursements: counted(rows) });
    const people = await loadPeople(tx, report.participants.map((p) => p.personId), today);
    const event = { entityType: "program", entityId: program.id, programId: program.id, federationId: program.federationId, details: { year, count: report.count, ...extra } };
    // One literal per action, so that every audit action has its name in the log view (src/i18n).
    if (action === "travel.report") await auditByActor(tx, ctx, role, { action: "travel.report", ...event });
    else if (action === "travel.exportCsv") await auditByActor(tx, ctx, role, { action: "travel.exportCsv", ...event });
    else await auditByActor(tx, ctx, role, { action: "travel.exportPdf", ...event });
    return {
      program: { id: program.id, name: program.name },
      year,
      budgetSet: budget !== undefined,
      report,
      // The domain orders by total; masked people keep their place there (the order hints at nothing).
      participants: report.participants.map((p) => ({ ...personView(ctx, people.get(p.personId), p.personId), total: p.total, count: p.count })),
      voidedCount: rows.length - report.count,
    };
  });
}

/** The year's report per month and per participant, for the report page. Audited. */
export function getTravelReport(ctx: ServiceContext, programId: string, year: number | string): Promise<TravelReportView> {
  return buildReport(ctx, programId, year, "travel.report");
}

/** An amount for the CSV: decimal comma, no grouping, as Swedish and Norwegian Excel read numbers ("-1234,50"). */
export function csvAmount(minor: Minor): string {
  return toDecimalString(minor).replace(".", ",");
}

/** Text that a spreadsheet would take for a formula (=, +, -, @, tab, CR) is written with a leading apostrophe. */
function csvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const monthName = (t: ReturnType<typeof translator>, month: string) => t(`travel.month.${Number(month.slice(5, 7))}`);
const labelText = (t: ReturnType<typeof translator>, p: TravelPerson) => p.name ?? t("person.maskedName", { reference: p.reference });

/**
 * The report as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads å, ä, ö), semicolons between
 * fields (what Swedish and Norwegian Excel expect, as the comma is their decimal mark), CRLF line ends, and
 * amounts with a decimal comma and no grouping, so that Excel reads them as numbers. Quoting by csv-stringify.
 * Three parts one after the other: the summary, per month, per participant.
 */
export async function travelReportCsv(ctx: ServiceContext, programId: string, year: number | string, locale: Locale): Promise<{ fileName: string; csv: string }> {
  const view = await buildReport(ctx, programId, year, "travel.exportCsv", { locale });
  const t = translator(locale);
  const { report } = view;
  const records: string[][] = [
    [t("travel.csv.program"), csvText(view.program.name)],
    [t("travel.csv.year"), String(view.year)],
    [t("travel.csv.currency"), report.currency],
    [t("travel.csv.budget"), view.budgetSet ? csvAmount(report.budget) : ""],
    [t("travel.csv.disbursed"), csvAmount(report.disbursed)],
    [t("travel.csv.balance"), csvAmount(report.balance)],
    [],
    [t("travel.csv.month"), t("travel.csv.count"), t("travel.csv.total")],
    ...report.months.map((m) => [m.month, String(m.count), csvAmount(m.total)]),
    [t("travel.csv.sum"), String(report.count), csvAmount(report.disbursed)],
    [],
    [t("travel.csv.reference"), t("travel.csv.name"), t("travel.csv.count"), t("travel.csv.total")],
    ...view.participants.map((p) => [p.reference, csvText(p.name ?? t("travel.csv.masked")), String(p.count), csvAmount(p.total)]),
  ];
  const csv = stringify(records, { delimiter: ";", bom: true, record_delimiter: "windows" });
  return { fileName: `reskassa-${slug(view.program.name)}-${view.year}.csv`, csv };
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

const PDF_LANG = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" } as const;

/** The report as a tagged PDF in the reader's language. Audited. */
export async function travelReportPdf(ctx: ServiceContext, programId: string, year: number | string, locale: Locale): Promise<{ fileName: string; pdf: Buffer }> {
  const view = await buildReport(ctx, programId, year, "travel.exportPdf", { locale });
  const t = translator(locale);
  const { report } = view;
  const money = (minor: Minor) => formatMoney(minor, report.currency, locale);
  const pdf = await renderTravelPdf({
    lang: PDF_LANG[locale],
    title: t("travel.pdf.title", { program: view.program.name, year: view.year }),
    intro: t("travel.pdf.intro"),
    facts: [
      { label: t("travel.pdf.program"), value: view.program.name },
      { label: t("travel.pdf.year"), value: String(view.year) },
      { label: t("travel.pdf.budget"), value: view.budgetSet ? money(report.budget) : t("travel.pdf.noBudget") },
      { label: t("travel.pdf.disbursed"), value: money(report.disbursed) },
      { label: report.overspent ? t("travel.pdf.overspent") : t("travel.pdf.balance"), value: money(report.balance) },
      { label: t("travel.pdf.count"), value: String(report.count) },
    ],
    monthsHeading: t("travel.pdf.monthsHeading"),
    monthColumns: [t("travel.pdf.month"), t("travel.pdf.count"), t("travel.pdf.total")],
    months: [...report.months.map((m) => [`${monthName(t, m.month)} ${view.year}`, String(m.count), money(m.total)]), [t("travel.pdf.sum"), String(report.count), money(report.disbursed)]],
    participantsHeading: t("travel.pdf.participantsHeading"),
    participantColumns: [t("travel.pdf.participant"), t("travel.pdf.count"), t("travel.pdf.total")],
    participants: view.participants.map((p) => [labelText(t, p), String(p.count), money(p.total)]),
    noParticipants: t("travel.pdf.noParticipants"),
    voided: view.voidedCount > 0 ? t.plural("travel.pdf.voided", view.voidedCount) : null,
    generated: t("travel.pdf.generated"),
    page: t("travel.pdf.page"),
    generatedAt: ctx.now(),
    generatedFor: ctx.actor.user.displayName,
  });
  return { fileName: `reskassa-${slug(view.program.name)}-${view.year}.pdf`, pdf };
}

/** Whether the reader may open the program's travel money (for the link on the program's page). */
export async function mayManageTravel(ctx: ServiceContext, programId: string): Promise<boolean> {
  if (!isUuid(programId)) return false;
  const program = await ctx.db.selectFrom("programs").select(["id", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  return program ? decide(ctx.actor.subject, "travel.manage", { type: "program", programId: program.id, federationId: program.federation_id }).allowed : false;
}
