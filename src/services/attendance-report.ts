import { stringify } from "csv-stringify/sync";
import { renderAttendancePdf } from "../documents/attendance-pdf.ts";
import { type MonthlyReport, monthlyAttendanceReport } from "../domain/attendance.ts";
import { weekdayOf } from "../domain/calendar.ts";
import type { IncomeSource } from "../domain/intake.ts";
import type { AuthorityKind } from "../domain/organisation.ts";
import { decide, hasCapability, type Resource } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import { type Locale, type Translator, translator } from "../i18n/index.ts";
import { durationText, monthTitle } from "../i18n/messages/attendance-report.ts";
import { type PersonLabel, personLabel } from "./access.ts";
import { loadAttendanceData } from "./attendance-data.ts";
import { auditByActor } from "./audit.ts";
import { isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { type LoadedEnrolment, loadEnrolment } from "./journey-access.ts";
import { reportMonth, signMonthlyReportSchema } from "./schemas/attendance-report.ts";
import { validate } from "./schemas/common.ts";

// The monthly attendance report (for the authority that pays the participant's benefit): per day of the
// month, the participant's scheduled hours against the hours they attended, with excused, unexcused and not
// yet recorded time; totals and the month's rate; as a page, CSV and PDF; signed off by the coordinator.
//
// The numbers are the domain's (monthlyAttendanceReport in src/domain/attendance.ts) over the schedule and
// the registers (loadAttendanceData), for the days of the month the enrolment ran (from its start to the
// day it ended). The paying authority is read from the enrolment's income source (activity compensation and
// sickness benefit: Försäkringskassan; activity support: Arbetsförmedlingen; income support: the
// municipality's social services; NAV in Norway), preferring the referring authority when it is of that
// kind; without a match, the referring authority.
//
// Who: reading needs "participant.view" on the person and "attendance.view" on the program (the program's
// staff: manager, coordinators, therapist); signing needs "attendance.sign" (coordinators, manager). Case
// officers, volunteers and the steering group are refused. A sign-off is possible once the month is over (or
// on its last day) and only when every session is recorded. It keeps a snapshot of the totals; signing again
// after a correction is a new row, and the page shows the latest, that earlier ones exist, and whether the
// figures changed. Names follow the protected-identity rule (reference only unless the reader works directly
// with the person). Every read, export and sign-off is in the audit log, without names or figures tied to them.

export interface ReportTotals {
  scheduledMinutes: number;
  attendedMinutes: number;
  excusedMinutes: number;
  unexcusedMinutes: number;
  unrecordedMinutes: number;
  /** Person-sessions expected, and of those attended / marked absent with or without notice / not marked. */
  sessions: number;
  attendedSessions: number;
  excusedSessions: number;
  unexcusedSessions: number;
  unrecordedSessions: number;
  /** The month's rate as everywhere (floor; excused left out), null when nothing counted. */
  percent: number | null;
}

export interface PayingAuthority {
  id: string;
  name: string;
  /** "income_source": an authority of the kind that pays the enrolment's income source; "referrer": the referring authority. */
  basis: "income_source" | "referrer";
}

export interface SignoffView {
  id: string;
  signedAt: Date;
  signedBy: string;
  authority: { id: string; name: string } | null;
  totals: ReportTotals;
}

export interface MonthlyReportPage {
  enrolmentId: string;
  program: { id: string; name: string };
  participant: PersonLabel;
  /** YYYY-MM */
  month: string;
  /** The days of the month the report covers (the enrolment's days in it). */
  from: string;
  to: string;
  enrolment: { start: string; endedOn: string | null; incomeSource: string };
  authority: PayingAuthority | null;
  report: MonthlyReport;
  totals: ReportTotals;
  /** The sessions' titles, by session ref (report.days[].sessions[].sessionId). */
  titles: Record<string, string>;
  /** A fingerprint of the totals shown, for the sign-off form (refused if the register changed since). */
  fingerprint: string;
  signoffs: {
    /** The sign-off that counts: the latest. */
    latest: SignoffView | null;
    /** How many earlier sign-offs there are of this month. */
    earlier: number;
    /** The latest sign-off's totals differ from the one before it (signed again after a correction). */
    changedFromEarlier: boolean;
    /** The register was corrected after the latest sign-off: today's totals differ from the signed ones. */
    changedSinceSigned: boolean;
  };
  sign: {
    /** The reader's roles allow signing (coordinator, manager). */
    allowed: boolean;
    /** The month is over, or today is its last day. */
    monthOver: boolean;
    /** The last day of the month (when signing opens). */
    opensOn: string;
    complete: boolean;
  };
  /** Months to choose from, the latest first: from the enrolment's start to its end or this month. */
  months: string[];
  today: string;
}

const PAYER_KINDS: Record<IncomeSource, AuthorityKind[]> = {
  activity_compensation: ["fk", "nav"],
  sickness_benefit: ["fk", "nav"],
  activity_support: ["af", "nav"],
  income_support: ["social_services", "municipality", "nav"],
  salary: [],
  none: [],
  other: [],
};

const isIncomeSource = (value: string): value is IncomeSource => Object.hasOwn(PAYER_KINDS, value);

/** The month's first and last day. */
export function monthBounds(month: string): { first: string; last: string } {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, "0")}` };
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  const end = last.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > end) break;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months.reverse();
}

function parseMonth(month: string): string {
  const parsed = reportMonth.safeParse(month);
  if (!parsed.success) throw new NotFoundError("attendance_report");
  return parsed.data;
}

export function totalsOf(report: MonthlyReport): ReportTotals {
  return {
    ...report.totals,
    sessions: report.rate.expected,
    attendedSessions: report.rate.attended,
    excusedSessions: report.rate.excused,
    unexcusedSessions: report.rate.absentWithoutNotice,
    unrecordedSessions: report.rate.unrecorded,
    percent: report.rate.percent,
  };
}

const TOTAL_KEYS = [
  "scheduledMinutes",
  "attendedMinutes",
  "excusedMinutes",
  "unexcusedMinutes",
  "unrecordedMinutes",
  "sessions",
  "attendedSessions",
  "excusedSessions",
  "unexcusedSessions",
  "unrecordedSessions",
  "percent",
] as const satisfies readonly (keyof ReportTotals)[];

/** The stored snapshot back as totals (unknown members left out, missing ones as 0). */
function storedTotals(value: Record<string, unknown>): ReportTotals {
  const read = (key: (typeof TOTAL_KEYS)[number]) => (typeof value[key] === "number" ? (value[key] as number) : 0);
  return {
    scheduledMinutes: read("scheduledMinutes"),
    attendedMinutes: read("attendedMinutes"),
    excusedMinutes: read("excusedMinutes"),
    unexcusedMinutes: read("unexcusedMinutes"),
    unrecordedMinutes: read("unrecordedMinutes"),
    sessions: read("sessions"),
    attendedSessions: read("attendedSessions"),
    excusedSessions: read("excusedSessions"),
    unexcusedSessions: read("unexcusedSessions"),
    unrecordedSessions: read("unrecordedSessions"),
    percent: typeof value.percent === "number" ? value.percent : null,
  };
}

const sameTotals = (a: ReportTotals, b: ReportTotals) => TOTAL_KEYS.every((key) => a[key] === b[key]);

/** The totals in a fixed order, as the page's sign-off form sends them back. */
export const fingerprintOf = (totals: ReportTotals): string => TOTAL_KEYS.map((key) => String(totals[key] ?? "-")).join(".");

async function payingAuthority(tx: Tx, loaded: LoadedEnrolment): Promise<PayingAuthority | null> {
  const referrer = await tx
    .selectFrom("placements as pl")
    .innerJoin("interest_requests as r", "r.id", "pl.request_id")
    .innerJoin("authorities as a", "a.id", "r.referring_authority_id")
    .select(["a.id", "a.name", "a.kind"])
    .where("pl.id", "=", loaded.enrolment.placement_id)
    .executeTakeFirst();
  const source = loaded.enrolment.income_source;
  const kinds = isIncomeSource(source) ? PAYER_KINDS[source] : [];
  if (kinds.length > 0) {
    if (referrer && (kinds as string[]).includes(referrer.kind)) return { id: referrer.id, name: referrer.name, basis: "income_source" };
    const candidates = await tx
      .selectFrom("authorities")
      .select(["id", "name", "kind"])
      .where("federation_id", "=", loaded.program.federationId)
      .where("kind", "in", kinds)
      .orderBy("name")
      .execute();
    // The first kind named is the usual payer (FK before NAV in a mixed federation: there is none, but be definite).
    const match = kinds.map((k) => candidates.find((c) => c.kind === k)).find((c) => c !== undefined);
    if (match) return { id: match.id, name: match.name, basis: "income_source" };
  }
  return referrer ? { id: referrer.id, name: referrer.name, basis: "referrer" } : null;
}

interface Access {
  loaded: LoadedEnrolment;
  /** The role that allowed reading the program's attendance (for the audit event). */
  role: Role;
}

async function reportAccess(tx: Tx, ctx: ServiceContext, enrolmentId: string): Promise<Access> {
  // Roles that never read attendance (case officers, volunteers, the steering group): not permitted at all.
  if (!hasCapability(ctx.actor.subject, "attendance.view")) throw new ForbiddenError();
  const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
  const program: Resource = { type: "program", programId: loaded.program.id, federationId: loaded.program.federationId };
  const decision = decide(ctx.actor.subject, "attendance.view", program);
  if (!decision.allowed) throw new ForbiddenError();
  return { loaded, role: decision.role };
}

async function buildPage(tx: Tx, ctx: ServiceContext, access: Access, month: string): Promise<MonthlyReportPage> {
  const { loaded } = access;
  const today = isoToday(ctx.now());
  const { enrolment, program } = loaded;
  const lastMonth = (enrolment.ended_on ?? today) < today ? (enrolment.ended_on ?? today) : today;
  const months = monthsBetween(enrolment.start_date, lastMonth < enrolment.start_date ? enrolment.start_date : lastMonth);
  if (!months.includes(month)) throw new NotFoundError("attendance_report");
  const bounds = monthBounds(month);
  const from = enrolment.start_date > bounds.first ? enrolment.start_date : bounds.first;
  const to = enrolment.ended_on !== null && enrolment.ended_on < bounds.last ? enrolment.ended_on : bounds.last;
  const data = from <= to ? await loadAttendanceData(tx, program.id, from, to, { personId: enrolment.person_id }) : { items: new Map(), sessions: [], marks: [] };
  const report = monthlyAttendanceReport({ personId: enrolment.person_id, month, sessions: data.sessions, marks: data.marks });
  const totals = totalsOf(report);
  const titles: Record<string, string> = {};
  for (const [ref, item] of data.items) titles[ref] = item.title;

  const rows = await tx
    .selectFrom("attendance_report_signoffs as s")
    .innerJoin("users as u", "u.id", "s.signed_by")
    .leftJoin("authorities as a", "a.id", "s.authority_id")
    .select(["s.id", "s.signed_at", "s.totals", "u.display_name", "a.id as authority_id", "a.name as authority_name"])
    .where("s.enrolment_id", "=", enrolment.id)
    .where("s.month", "=", month)
    .orderBy("s.signed_at", "desc")
    .orderBy("s.id", "desc")
    .execute();
  const signoffs = rows.map(
    (r): SignoffView => ({
      id: r.id,
      signedAt: r.signed_at,
      signedBy: r.display_name,
      authority: r.authority_id ? { id: r.authority_id, name: r.authority_name ?? "" } : null,
      totals: storedTotals(r.totals),
    }),
  );
  const [latest, previous] = signoffs;
  return {
    enrolmentId: enrolment.id,
    program: { id: program.id, name: program.name },
    participant: personLabel(ctx.actor.subject, loaded.person, enrolment.person_id),
    month,
    from,
    to,
    enrolment: { start: enrolment.start_date, endedOn: enrolment.ended_on, incomeSource: enrolment.income_source },
    authority: await payingAuthority(tx, loaded),
    report,
    totals,
    titles,
    fingerprint: fingerprintOf(totals),
    signoffs: {
      latest: latest ?? null,
      earlier: Math.max(0, signoffs.length - 1),
      changedFromEarlier: latest !== undefined && previous !== undefined && !sameTotals(latest.totals, previous.totals),
      changedSinceSigned: latest !== undefined && !sameTotals(latest.totals, totals),
    },
    sign: {
      allowed: decide(ctx.actor.subject, "attendance.sign", loaded.person.resource).allowed,
      monthOver: today >= bounds.last,
      opensOn: bounds.last,
      complete: report.complete,
    },
    months,
    today,
  };
}

type ReadAction = "attendanceReport.view" | "attendanceReport.exportCsv" | "attendanceReport.exportPdf";

async function readReport(ctx: ServiceContext, enrolmentId: string, monthParam: string, action: ReadAction, extra: Record<string, unknown> = {}): Promise<MonthlyReportPage> {
  const month = parseMonth(monthParam);
  return ctx.db.transaction().execute(async (tx) => {
    const access = await reportAccess(tx, ctx, enrolmentId);
    const page = await buildPage(tx, ctx, access, month);
    const { loaded } = access;
    const event = {
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { month: page.month, complete: page.report.complete, signoffId: page.signoffs.latest?.id ?? null, ...extra },
    };
    // One literal per action, so that every audit action has its name in the log view (src/i18n).
    if (action === "attendanceReport.view") await auditByActor(tx, ctx, access.role, { action: "attendanceReport.view", ...event });
    else if (action === "attendanceReport.exportCsv") await auditByActor(tx, ctx, access.role, { action: "attendanceReport.exportCsv", ...event });
    else await auditByActor(tx, ctx, access.role, { action: "attendanceReport.exportPdf", ...event });
    return page;
  });
}

/** One enrolment's report for a month ("YYYY-MM"), with the sign-offs and what the reader may do. Audited. */
export function monthlyReportPage(ctx: ServiceContext, enrolmentId: string, month: string): Promise<MonthlyReportPage> {
  return readReport(ctx, enrolmentId, month, "attendanceReport.view");
}

/** Refused: sessions of the month are not recorded yet. `unrecorded` says how many (the page and the API show it). */
export class ReportIncompleteError extends ValidationError {
  readonly unrecorded: number;
  readonly unrecordedMinutes: number;
  constructor(unrecorded: number, unrecordedMinutes: number) {
    super({}, ["attendanceReport.errors.incomplete"]);
    this.unrecorded = unrecorded;
    this.unrecordedMinutes = unrecordedMinutes;
  }
}

/**
 * The coordinator's sign-off of the month: possible once the month is over (or on its last day), only when
 * every session is recorded, and only for the figures the page showed (when it sends them). Keeps a
 * snapshot of the totals and the paying authority. Signing again is a new row; the latest counts.
 */
export async function signMonthlyReport(ctx: ServiceContext, enrolmentId: string, monthParam: string, input: unknown): Promise<{ id: string }> {
  const month = parseMonth(monthParam);
  const data = validate(signMonthlyReportSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const access = await reportAccess(tx, ctx, enrolmentId);
    const { loaded } = access;
    const signing = decide(ctx.actor.subject, "attendance.sign", loaded.person.resource);
    if (!signing.allowed) throw new ForbiddenError();
    // Serialise sign-offs of the same enrolment (two coordinators pressing at once write two rows in order).
    await tx.selectFrom("enrolments").select("id").where("id", "=", loaded.enrolment.id).forUpdate().executeTakeFirst();
    const page = await buildPage(tx, ctx, access, month);
    if (!page.sign.monthOver) throw new ValidationError({}, ["attendanceReport.errors.monthNotOver"]);
    if (!page.report.complete) throw new ReportIncompleteError(page.totals.unrecordedSessions, page.totals.unrecordedMinutes);
    if (data.shown !== undefined && data.shown !== page.fingerprint) throw new ValidationError({}, ["attendanceReport.errors.changed"]);
    const totals = page.totals;
    const row = await tx
      .insertInto("attendance_report_signoffs")
      .values({
        enrolment_id: loaded.enrolment.id,
        month,
        authority_id: page.authority?.id ?? null,
        totals: JSON.stringify(totals),
        signed_by: ctx.actor.user.id,
        signed_at: ctx.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, signing.role, {
      action: "attendanceReport.sign",
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId: loaded.enrolment.person_id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { month, signoffId: row.id, authorityId: page.authority?.id ?? null, previousSignoffId: page.signoffs.latest?.id ?? null, totals },
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Formatting for the files

/** Hours as a decimal for a spreadsheet: at most two decimals, no trailing zeros; a comma for sv/nb ("2,5"). */
export function decimalHours(minutes: number, locale: Locale): string {
  const hundredths = Math.round((minutes * 100) / 60);
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  const mark = locale === "en" ? "." : ",";
  return fraction ? `${whole}${mark}${fraction}` : String(whole);
}

const weekdayName = (t: Translator, date: string) => t(`schedule.weekday.${weekdayOf(date)}`);

const personText = (t: Translator, p: PersonLabel) => p.name ?? t("person.maskedName", { reference: p.reference });

/** Text that a spreadsheet would take for a formula (=, +, -, @, tab, CR) is written with a leading apostrophe. */
const csvText = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const signoffText = (t: Translator, page: MonthlyReportPage): string => {
  const latest = page.signoffs.latest;
  if (!latest) return t("attendanceReport.file.notSigned");
  return t("attendanceReport.file.signed", { name: latest.signedBy, time: t.dateTime(latest.signedAt) });
};

const authorityText = (t: Translator, page: MonthlyReportPage): string => page.authority?.name ?? t("attendanceReport.file.noAuthority");

const fileName = (page: MonthlyReportPage, ext: string) => `narvaro-${page.participant.reference.toLowerCase() || "deltagare"}-${page.month}.${ext}`;

/**
 * The report as CSV for Excel, like travel money's: UTF-8 with a byte-order mark, semicolons, CRLF, hours as
 * decimals with the reader's decimal mark. The head (program, participant, month, authority), one row per
 * day (date, weekday, scheduled, attended, excused, unexcused, unrecorded), the totals, and the sign-off line.
 */
export async function monthlyReportCsv(ctx: ServiceContext, enrolmentId: string, month: string, locale: Locale): Promise<{ fileName: string; csv: string }> {
  const page = await readReport(ctx, enrolmentId, month, "attendanceReport.exportCsv", { locale });
  const t = translator(locale);
  const hours = (minutes: number) => decimalHours(minutes, locale);
  const { totals } = page;
  const records: string[][] = [
    [t("attendanceReport.csv.program"), csvText(page.program.name)],
    [t("attendanceReport.csv.participant"), csvText(personText(t, page.participant))],
    [t("attendanceReport.csv.reference"), page.participant.reference],
    [t("attendanceReport.csv.month"), page.month],
    [t("attendanceReport.csv.authority"), csvText(authorityText(t, page))],
    [],
    [
      t("attendanceReport.csv.date"),
      t("attendanceReport.csv.weekday"),
      t("attendanceReport.csv.scheduled"),
      t("attendanceReport.csv.attended"),
      t("attendanceReport.csv.excused"),
      t("attendanceReport.csv.unexcused"),
      t("attendanceReport.csv.unrecorded"),
    ],
    ...page.report.days.map((d) => [
      d.date,
      weekdayName(t, d.date),
      hours(d.scheduledMinutes),
      hours(d.attendedMinutes),
      hours(d.excusedMinutes),
      hours(d.unexcusedMinutes),
      hours(d.unrecordedMinutes),
    ]),
    [
      t("attendanceReport.csv.total"),
      "",
      hours(totals.scheduledMinutes),
      hours(totals.attendedMinutes),
      hours(totals.excusedMinutes),
      hours(totals.unexcusedMinutes),
      hours(totals.unrecordedMinutes),
    ],
    [],
    [t("attendanceReport.csv.rate"), totals.percent === null ? "" : String(totals.percent)],
    [t("attendanceReport.csv.signoff"), csvText(signoffText(t, page))],
  ];
  const csv = stringify(records, { delimiter: ";", bom: true, record_delimiter: "windows" });
  return { fileName: fileName(page, "csv"), csv };
}

const PDF_LANG = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" } as const;

/** The report as a tagged PDF in the reader's language. Audited. */
export async function monthlyReportPdf(ctx: ServiceContext, enrolmentId: string, month: string, locale: Locale): Promise<{ fileName: string; pdf: Buffer }> {
  const page = await readReport(ctx, enrolmentId, month, "attendanceReport.exportPdf", { locale });
  const t = translator(locale);
  const d = (minutes: number) => durationText(t, minutes);
  const { totals } = page;
  const latest = page.signoffs.latest;
  const pdf = await renderAttendancePdf({
    lang: PDF_LANG[locale],
    title: t("attendanceReport.pdf.title", { month: monthTitle(t, page.month) }),
    intro: t("attendanceReport.pdf.intro"),
    facts: [
      { label: t("attendanceReport.pdf.program"), value: page.program.name },
      { label: t("attendanceReport.pdf.participant"), value: personText(t, page.participant) },
      { label: t("attendanceReport.pdf.reference"), value: page.participant.reference },
      { label: t("attendanceReport.pdf.month"), value: monthTitle(t, page.month) },
      { label: t("attendanceReport.pdf.authority"), value: authorityText(t, page) },
    ],
    daysHeading: t("attendanceReport.pdf.daysHeading"),
    columns: [
      t("attendanceReport.pdf.date"),
      t("attendanceReport.pdf.scheduled"),
      t("attendanceReport.pdf.attended"),
      t("attendanceReport.pdf.excused"),
      t("attendanceReport.pdf.unexcused"),
      t("attendanceReport.pdf.unrecorded"),
    ],
    days: page.report.days.map((day) => [
      `${weekdayName(t, day.date)} ${t.date(day.date)}`,
      d(day.scheduledMinutes),
      d(day.attendedMinutes),
      d(day.excusedMinutes),
      d(day.unexcusedMinutes),
      d(day.unrecordedMinutes),
    ]),
    totalRow: [t("attendanceReport.pdf.total"), d(totals.scheduledMinutes), d(totals.attendedMinutes), d(totals.excusedMinutes), d(totals.unexcusedMinutes), d(totals.unrecordedMinutes)],
    noDays: t("attendanceReport.pdf.noDays"),
    summaryHeading: t("attendanceReport.pdf.summaryHeading"),
    summary: [
      {
        label: t("attendanceReport.pdf.rate"),
        value: totals.percent === null ? t("attendanceReport.pdf.noRate") : t("attendanceReport.pdf.rateValue", { percent: totals.percent, attended: totals.attendedSessions, counted: totals.attendedSessions + totals.unexcusedSessions }),
      },
      { label: t("attendanceReport.pdf.sessions"), value: String(totals.sessions) },
      { label: t("attendanceReport.pdf.unrecordedSessions"), value: String(totals.unrecordedSessions) },
    ],
    signoffHeading: t("attendanceReport.pdf.signoffHeading"),
    signoff: latest
      ? t("attendanceReport.pdf.signed", { name: latest.signedBy, time: t.dateTime(latest.signedAt) })
      : t("attendanceReport.pdf.notSigned"),
    signoffNote: page.signoffs.changedSinceSigned ? t("attendanceReport.pdf.changedSinceSigned") : page.signoffs.earlier > 0 ? t.plural("attendanceReport.pdf.earlier", page.signoffs.earlier) : null,
    generated: t("attendanceReport.pdf.generated"),
    page: t("attendanceReport.pdf.page"),
    generatedAt: ctx.now(),
    generatedFor: ctx.actor.user.displayName,
  });
  return { fileName: fileName(page, "pdf"), pdf };
}
