import { z } from "zod";
import { renderQuarterlyPdf } from "../documents/quarterly-pdf.ts";
import { overviewGoals, type OverviewGoal, type Quarter, quarterPeriod } from "../domain/followup-overview.ts";
import { evaluatePeriod, MAX_GOAL_YEAR, MIN_GOAL_YEAR } from "../domain/goals.ts";
import { decide, type Resource } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import { type Locale, translator } from "../i18n/index.ts";
import { goalMetText, goalTargetText, overviewCellText } from "../i18n/messages/followup.ts";
import { isUuid } from "./access.ts";
import { auditByActor } from "./audit.ts";
import { isoToday, type ServiceContext, type Tx } from "./context.ts";
import { NotFoundError } from "./errors.ts";
import { goalsOf, loadGoalFacts } from "./goals.ts";

// The goals of all the programs of a federation that the reader may see, side by side with their total, for
// a year or a quarter (1 January to the quarter's end): the steering group's and the federation's view, and
// the content of the steering group's quarterly report (PDF: routes/followup/overview.pdf.tsx).
// Who: "aggregates.view" on each program (the steering group, the federation, the program's staff). Those who
// may not list a program's people see suppressed figures (domain/followup-overview.ts: across programs, with
// secondary suppression); nobody here ever gets a person. Every read is an audit event, the PDF too.

export interface FollowUpOverview {
  federation: { id: string; name: string };
  year: number;
  /** Null: the whole year (so far). */
  quarter: Quarter | null;
  period: { from: string; to: string };
  today: string;
  programs: { id: string; name: string }[];
  goals: OverviewGoal[];
  suppressed: boolean;
  /** Years with figures to choose from, newest first. */
  years: number[];
}

const yearSchema = z.coerce.number().int().min(MIN_GOAL_YEAR).max(MAX_GOAL_YEAR);
const quarterSchema = z.coerce.number().int().min(1).max(4);

async function readOverview(tx: Tx, ctx: ServiceContext, federationId: string, yearInput: unknown, quarterInput: unknown): Promise<{ view: FollowUpOverview; role: Role }> {
  const today = isoToday(ctx.now());
  const year = yearSchema.safeParse(yearInput === undefined || yearInput === null || yearInput === "" ? today.slice(0, 4) : yearInput);
  const quarter = quarterInput === undefined || quarterInput === null || quarterInput === "" ? null : quarterSchema.safeParse(quarterInput);
  if (!year.success || (quarter !== null && !quarter.success)) throw new NotFoundError("followup_period");
  if (!isUuid(federationId)) throw new NotFoundError("federation");
  const federation = await tx.selectFrom("federations").select(["id", "name"]).where("id", "=", federationId).executeTakeFirst();
  if (!federation) throw new NotFoundError("federation");
  const rows = await tx.selectFrom("programs").select(["id", "name", "federation_id"]).where("federation_id", "=", federation.id).where("active", "=", true).orderBy("name").orderBy("id").execute();
  const visible = rows.flatMap((p) => {
    const resource: Resource = { type: "program", programId: p.id, federationId: p.federation_id };
    const decision = decide(ctx.actor.subject, "aggregates.view", resource);
    return decision.allowed ? [{ program: p, role: decision.role, canList: decide(ctx.actor.subject, "person.list", resource).allowed }] : [];
  });
  if (visible.length === 0) throw new NotFoundError("federation");
  const q = quarter === null ? null : (quarter.data as Quarter);
  const thisYear = Number(today.slice(0, 4));
  const upTo = year.data === thisYear ? today : year.data > thisYear ? `${year.data}-01-01` : undefined;
  const period = q === null ? { from: `${year.data}-01-01`, to: upTo ?? `${year.data}-12-31` } : quarterPeriod(year.data, q, upTo);
  let firstYear = thisYear;
  const results = [];
  for (const { program } of visible) {
    const facts = await loadGoalFacts(tx, program.id);
    const { goals } = await goalsOf(tx, program.id, year.data);
    for (const e of facts.enrolments) firstYear = Math.min(firstYear, Number(e.startDate.slice(0, 4)));
    results.push({ programId: program.id, results: evaluatePeriod(facts, goals, period) });
  }
  // One reader, one rule: if any program is aggregates-only for the reader, all are (and the total).
  const suppressed = visible.some((v) => !v.canList);
  const federationDecision = decide(ctx.actor.subject, "aggregates.view", { type: "federation", federationId: federation.id });
  return {
    role: federationDecision.allowed ? federationDecision.role : visible[0]!.role,
    view: {
      federation,
      year: year.data,
      quarter: q,
      period,
      today,
      programs: visible.map((v) => ({ id: v.program.id, name: v.program.name })),
      goals: overviewGoals(results, suppressed),
      suppressed,
      years: Array.from({ length: Math.max(thisYear, year.data) - firstYear + 1 }, (_, i) => Math.max(thisYear, year.data) - i),
    },
  };
}

/** A federation's programs' goals for a year or a quarter, with their total. Audited. */
export async function followUpOverview(ctx: ServiceContext, federationId: string, year?: unknown, quarter?: unknown): Promise<FollowUpOverview> {
  return ctx.db.transaction().execute(async (tx) => {
    const { view, role } = await readOverview(tx, ctx, federationId, year, quarter);
    await auditByActor(tx, ctx, role, {
      action: "followup.overview",
      entityType: "federation",
      entityId: view.federation.id,
      federationId: view.federation.id,
      details: { year: view.year, quarter: view.quarter, programs: view.programs.length, suppressed: view.suppressed },
    });
    return view;
  });
}

/** The same figures for the steering group's quarterly report; the download is its own audit event. */
export async function quarterlyReport(ctx: ServiceContext, federationId: string, year: unknown, quarter: unknown): Promise<FollowUpOverview> {
  return ctx.db.transaction().execute(async (tx) => {
    const { view, role } = await readOverview(tx, ctx, federationId, year, quarter);
    if (view.quarter === null) throw new NotFoundError("followup_period");
    await auditByActor(tx, ctx, role, {
      action: "followup.quarterlyReport",
      entityType: "federation",
      entityId: view.federation.id,
      federationId: view.federation.id,
      details: { year: view.year, quarter: view.quarter, programs: view.programs.length, suppressed: view.suppressed, format: "pdf" },
    });
    return view;
  });
}

/** The federations whose overview the reader may open (for links): those they steer or work in. */
export async function overviewFederations(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  const rows = await ctx.db.selectFrom("programs as p").innerJoin("federations as f", "f.id", "p.federation_id").select(["p.id", "p.federation_id", "f.name"]).where("p.active", "=", true).execute();
  const seen = new Map<string, string>();
  for (const r of rows) {
    if (seen.has(r.federation_id)) continue;
    const resource: Resource = { type: "program", programId: r.id, federationId: r.federation_id };
    // Only readers who see aggregates only (the steering group): the program's staff have the program's pages.
    if (decide(ctx.actor.subject, "aggregates.view", resource).allowed && !decide(ctx.actor.subject, "person.list", resource).allowed) seen.set(r.federation_id, r.name);
  }
  return [...seen.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

const PDF_LANG = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" } as const;

/** The steering group's quarterly report as a tagged PDF in the reader's language. Audited. */
export async function quarterlyReportPdf(ctx: ServiceContext, federationId: string, year: unknown, quarter: unknown, locale: Locale): Promise<{ fileName: string; pdf: Buffer }> {
  const view = await quarterlyReport(ctx, federationId, year, quarter);
  const t = translator(locale);
  const kindText = (kind: string) => t(`goals.kind.${kind}`);
  const pdf = await renderQuarterlyPdf({
    lang: PDF_LANG[locale],
    title: t("followup.pdf.title", { federation: view.federation.name, year: view.year, quarter: view.quarter! }),
    intro: t("followup.pdf.intro"),
    facts: [
      { label: t("followup.pdf.federation"), value: view.federation.name },
      { label: t("followup.pdf.period"), value: `${t.date(view.period.from)} – ${t.date(view.period.to)}` },
      { label: t("followup.pdf.programs"), value: view.programs.map((p) => p.name).join(", ") },
    ],
    totalHeading: t("followup.pdf.totalHeading"),
    totalColumns: [t("goals.col.goal"), t("followup.col.total")],
    totalRows: view.goals.map((g) => [kindText(g.kind), overviewCellText(t, g.measure, g.total)]),
    totalNote: t("followup.totalNote"),
    programColumns: [t("goals.col.goal"), t("goals.col.target"), t("goals.col.figure"), t("goals.col.met")],
    programs: view.programs.map((p, i) => ({
      name: p.name,
      rows: view.goals.map((g) => {
        const row = g.programs[i]!;
        return [kindText(g.kind), goalTargetText(t, g.measure, row.target), overviewCellText(t, g.measure, row), goalMetText(t, row.met)];
      }),
    })),
    suppressionNote: view.suppressed ? t("goals.suppressed") : null,
    generated: t("followup.pdf.generated"),
    page: t("followup.pdf.page"),
    generatedAt: ctx.now(),
    generatedFor: ctx.actor.user.displayName,
  });
  return { fileName: `uppfoljning-${view.year}-k${view.quarter}.pdf`, pdf };
}

