import { randomUUID } from "node:crypto";
import { type PlanPdfDocument, renderPlanPdf } from "../documents/plan-pdf.ts";
import { decide } from "../domain/policy.ts";
import {
  acceptanceState,
  comparePlans,
  diffPlans,
  emptyPlan,
  markAgreed,
  type Plan,
  type PlanComparison,
  type PlanItemChange,
  type PlanStage,
  type PlanSummary,
  planSummary,
  type SectionChangeCount,
  summarizeChanges,
  withItemIds,
  type AcceptanceMethod,
} from "../domain/plan.ts";
import { isLocale, type Locale, translator } from "../i18n/index.ts";
import type { PlanContent } from "../persistence/schema-journey.ts";
import { auditByActor } from "./audit.ts";
import { type Db, isoToday, type ServiceContext, type Tx } from "./context.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { type LoadedEnrolment, loadEnrolment, may } from "./journey-access.ts";
import { validate } from "./schemas/common.ts";
import { acceptanceSchema, agreeActionsSchema, finalPlanSchema, planSchema } from "./schemas/plans.ts";

// The living plan of an enrolment: append-only versions (full snapshots) and the participant's acceptances.
// Every save that changes something is a new version with its list of changes (by item id); a save that
// changes nothing makes none; nothing is ever updated or deleted. Reading the plan is audited too.

/**
 * The accepted final plan of an enrolment, if there is one: the newest version is a final plan (the plan
 * for the future, written for the exit) and the participant has accepted that very version. An exit
 * "according to plan" needs it.
 */
export async function acceptedFinalPlan(db: Db | Tx, enrolmentId: string): Promise<{ version: number; acceptedOn: string } | null> {
  const row = await db
    .selectFrom("plans as p")
    .innerJoin("plan_versions as v", (j) => j.onRef("v.plan_id", "=", "p.id").onRef("v.version", "=", "p.current_version"))
    .innerJoin("plan_acceptances as a", (j) => j.onRef("a.plan_id", "=", "p.id").onRef("a.version", "=", "v.version"))
    .select(["v.version", "a.accepted_on"])
    .where("p.enrolment_id", "=", enrolmentId)
    .where("v.stage", "=", "final")
    .orderBy("a.accepted_on", "desc")
    .executeTakeFirst();
  return row ? { version: row.version, acceptedOn: row.accepted_on } : null;
}

// The domain's Plan and the stored PlanContent are the same shape (checked here by the compiler).
const asPlan = (content: PlanContent): Plan => content;
const asContent = (plan: Plan): PlanContent => plan;

// ---------------------------------------------------------------------------------------------
// Views

export interface PlanHeader {
  enrolmentId: string;
  personId: string;
  reference: string;
  /** Null when the reader may not see the name (protected identity). */
  personName: string | null;
  /** The person's preferred language (ISO 639), for the printed plan. */
  preferredLanguage: string;
  programName: string;
  coordinatorName: string;
  startDate: string;
  plannedEndDate: string;
  endedOn: string | null;
}

export interface AcceptanceView {
  id: string;
  version: number;
  acceptedOn: string;
  method: AcceptanceMethod;
  note: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface VersionListItem {
  version: number;
  stage: PlanStage;
  authorName: string;
  createdAt: Date;
  changes: PlanItemChange[];
  summary: SectionChangeCount[];
  acceptances: AcceptanceView[];
}

export interface PlanVersionView {
  version: number;
  stage: PlanStage;
  content: Plan;
  authorName: string;
  createdAt: Date;
  changes: PlanItemChange[];
  acceptances: AcceptanceView[];
}

export interface PlanView {
  header: PlanHeader;
  /** The plan as it stands; null before the first save. */
  current: PlanVersionView | null;
  /** Every version, newest first. */
  versions: VersionListItem[];
  acceptance: { state: "none" | "current" | "outdated"; latest: AcceptanceView | null };
  /** The accepted plan for the future, when the newest version is one and is accepted (what the exit needs). */
  acceptedFinal: { version: number; acceptedOn: string } | null;
  summary: PlanSummary;
  /** The federation's authorities, for naming who does an action. */
  authorities: { id: string; name: string }[];
  canManage: boolean;
  today: string;
}

async function header(db: Db | Tx, ctx: ServiceContext, loaded: LoadedEnrolment): Promise<PlanHeader> {
  const { enrolment, person } = loaded;
  const coordinator = await db.selectFrom("users").select("display_name").where("id", "=", enrolment.coordinator_id).executeTakeFirst();
  const masked = person.resource.protectedIdentity && !decide(ctx.actor.subject, "person.viewProtected", person.resource).allowed;
  return {
    enrolmentId: enrolment.id,
    personId: person.row.id,
    reference: person.row.reference,
    personName: masked ? null : `${person.row.first_name} ${person.row.last_name}`,
    preferredLanguage: person.row.preferred_language,
    programName: loaded.program.name,
    coordinatorName: coordinator?.display_name ?? "",
    startDate: enrolment.start_date,
    plannedEndDate: enrolment.planned_end_date,
    endedOn: enrolment.ended_on,
  };
}

async function authorities(db: Db | Tx, federationId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom("authorities").select(["id", "name"]).where("federation_id", "=", federationId).orderBy("name").execute();
}

async function planRow(db: Db | Tx, enrolmentId: string) {
  return db.selectFrom("plans").selectAll().where("enrolment_id", "=", enrolmentId).executeTakeFirst();
}

async function acceptancesOf(db: Db | Tx, planId: string): Promise<AcceptanceView[]> {
  const rows = await db
    .selectFrom("plan_acceptances as a")
    .innerJoin("users as u", "u.id", "a.recorded_by")
    .select(["a.id", "a.version", "a.accepted_on", "a.method", "a.note", "a.recorded_at", "u.display_name"])
    .where("a.plan_id", "=", planId)
    .orderBy("a.accepted_on", "desc")
    .orderBy("a.recorded_at", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, acceptedOn: r.accepted_on, method: r.method, note: r.note, recordedBy: r.display_name, recordedAt: r.recorded_at }));
}

async function versionRows(db: Db | Tx, planId: string, version?: number) {
  let query = db
    .selectFrom("plan_versions as v")
    .innerJoin("users as u", "u.id", "v.author_id")
    .select(["v.version", "v.stage", "v.content", "v.changes", "v.created_at", "u.display_name"])
    .where("v.plan_id", "=", planId);
  if (version !== undefined) query = query.where("v.version", "=", version);
  return query.orderBy("v.version", "desc").execute();
}

type VersionRow = Awaited<ReturnType<typeof versionRows>>[number];

function toVersionView(row: VersionRow, acceptances: AcceptanceView[]): PlanVersionView {
  return {
    version: row.version,
    stage: row.stage,
    content: asPlan(row.content),
    authorName: row.display_name,
    createdAt: row.created_at,
    changes: row.changes as PlanItemChange[],
    acceptances: acceptances.filter((a) => a.version === row.version),
  };
}

function auditRead(tx: Tx, ctx: ServiceContext, loaded: LoadedEnrolment, action: string, details: Record<string, unknown>) {
  return auditByActor(tx, ctx, loaded.role, {
    action,
    entityType: "enrolment",
    entityId: loaded.enrolment.id,
    personId: loaded.person.row.id,
    programId: loaded.program.id,
    federationId: loaded.program.federationId,
    details,
  });
}

/** The plan of an enrolment as it stands, with every version (author, time, what changed) and the acceptances. */
export async function getPlan(ctx: ServiceContext, enrolmentId: string): Promise<PlanView> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const plan = await planRow(tx, loaded.enrolment.id);
    const acceptances = plan ? await acceptancesOf(tx, plan.id) : [];
    const rows = plan ? await versionRows(tx, plan.id) : [];
    const versions: VersionListItem[] = rows.map((row) => {
      const changes = row.changes as PlanItemChange[];
      return {
        version: row.version,
        stage: row.stage,
        authorName: row.display_name,
        createdAt: row.created_at,
        changes,
        summary: summarizeChanges(changes),
        acceptances: acceptances.filter((a) => a.version === row.version),
      };
    });
    const currentRow = rows[0];
    const current = currentRow ? toVersionView(currentRow, acceptances) : null;
    await auditRead(tx, ctx, loaded, "plan.view", { version: current?.version ?? 0 });
    return {
      header: await header(tx, ctx, loaded),
      current,
      versions,
      acceptance: {
        state: acceptanceState(current?.version ?? 0, acceptances.map((a) => a.version)),
        latest: acceptances.toSorted((a, b) => b.version - a.version || b.acceptedOn.localeCompare(a.acceptedOn))[0] ?? null,
      },
      acceptedFinal: await acceptedFinalPlan(tx, loaded.enrolment.id),
      summary: planSummary(current?.content ?? emptyPlan(), today),
      authorities: await authorities(tx, loaded.program.federationId),
      canManage: may(ctx, loaded, "participant.manage"),
      today,
    };
  });
}

export interface PlanVersionPage {
  header: PlanHeader;
  version: PlanVersionView;
  currentVersion: number;
  /** All version numbers, newest first (for moving between versions). */
  versionNumbers: number[];
  authorities: { id: string; name: string }[];
  canManage: boolean;
  today: string;
}

function parseVersion(value: number | string): number {
  const n = typeof value === "number" ? value : /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new NotFoundError("plan_version");
  return n;
}

/** One version of the plan, as it was saved. */
export async function getPlanVersion(ctx: ServiceContext, enrolmentId: string, versionParam: number | string): Promise<PlanVersionPage> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const version = parseVersion(versionParam);
    const plan = await planRow(tx, loaded.enrolment.id);
    const row = plan ? (await versionRows(tx, plan.id, version))[0] : undefined;
    if (!plan || !row) throw new NotFoundError("plan_version");
    const acceptances = await acceptancesOf(tx, plan.id);
    const numbers = await tx.selectFrom("plan_versions").select("version").where("plan_id", "=", plan.id).orderBy("version", "desc").execute();
    await auditRead(tx, ctx, loaded, "plan.view", { version });
    return {
      header: await header(tx, ctx, loaded),
      version: toVersionView(row, acceptances),
      currentVersion: plan.current_version,
      versionNumbers: numbers.map((n) => n.version),
      authorities: await authorities(tx, loaded.program.federationId),
      canManage: may(ctx, loaded, "participant.manage"),
      today,
    };
  });
}

export interface PlanComparisonPage {
  header: PlanHeader;
  from: PlanVersionView;
  to: PlanVersionView;
  comparison: PlanComparison;
  /** What changed from `from` to `to`: the same list a save would store. */
  changes: PlanItemChange[];
  versions: { version: number; createdAt: Date; authorName: string; stage: PlanStage }[];
  authorities: { id: string; name: string }[];
}

/** Two versions side by side (any two, in either order), with what was added, removed and changed. */
export async function comparePlanVersions(ctx: ServiceContext, enrolmentId: string, fromParam: number | string, toParam: number | string): Promise<PlanComparisonPage> {
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const fromVersion = parseVersion(fromParam);
    const toVersion = parseVersion(toParam);
    const plan = await planRow(tx, loaded.enrolment.id);
    if (!plan) throw new NotFoundError("plan_version");
    const rows = await versionRows(tx, plan.id);
    const fromRow = rows.find((r) => r.version === fromVersion);
    const toRow = rows.find((r) => r.version === toVersion);
    if (!fromRow || !toRow) throw new NotFoundError("plan_version");
    const acceptances = await acceptancesOf(tx, plan.id);
    const from = toVersionView(fromRow, acceptances);
    const to = toVersionView(toRow, acceptances);
    await auditRead(tx, ctx, loaded, "plan.compare", { from: fromVersion, to: toVersion });
    return {
      header: await header(tx, ctx, loaded),
      from,
      to,
      comparison: comparePlans(from.content, to.content),
      changes: [...(from.stage !== to.stage ? [{ path: "stage", change: "changed" as const }] : []), ...diffPlans(from.content, to.content)],
      versions: rows.map((r) => ({ version: r.version, createdAt: r.created_at, authorName: r.display_name, stage: r.stage })),
      authorities: await authorities(tx, loaded.program.federationId),
    };
  });
}

export interface PlanEditForm {
  header: PlanHeader;
  content: Plan;
  baseVersion: number;
  stage: PlanStage;
  authorities: { id: string; name: string }[];
}

/** What the edit page starts from: the plan as it stands (or an empty one) and its version number. */
export async function planEditForm(ctx: ServiceContext, enrolmentId: string): Promise<PlanEditForm> {
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const plan = await planRow(tx, loaded.enrolment.id);
    const row = plan && plan.current_version > 0 ? (await versionRows(tx, plan.id, plan.current_version))[0] : undefined;
    await auditRead(tx, ctx, loaded, "plan.view", { version: row?.version ?? 0, purpose: "edit" });
    return {
      header: await header(tx, ctx, loaded),
      content: row ? asPlan(row.content) : emptyPlan(),
      baseVersion: plan?.current_version ?? 0,
      stage: row?.stage ?? "ongoing",
      authorities: await authorities(tx, loaded.program.federationId),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Changes

export interface SaveResult {
  /** The plan's version after the save. */
  version: number;
  /** False when nothing changed (then no version was made). */
  changed: boolean;
}

/** The plan row, created on the first save, locked for the rest of the transaction. */
async function lockPlan(tx: Tx, ctx: ServiceContext, loaded: LoadedEnrolment) {
  const now = ctx.now();
  await tx
    .insertInto("plans")
    .values({ enrolment_id: loaded.enrolment.id, person_id: loaded.person.row.id, program_id: loaded.program.id, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("enrolment_id").doNothing())
    .execute();
  return tx.selectFrom("plans").selectAll().where("enrolment_id", "=", loaded.enrolment.id).forUpdate().executeTakeFirstOrThrow();
}

async function currentVersionRow(tx: Tx, planId: string, version: number) {
  if (version === 0) return null;
  return tx.selectFrom("plan_versions").select(["content", "stage"]).where("plan_id", "=", planId).where("version", "=", version).executeTakeFirstOrThrow();
}

/**
 * Writes a new version on top of `baseVersion` (what the writer started from): refused as stale when
 * someone else saved meanwhile, nothing written when nothing changed.
 */
async function writeVersion(
  tx: Tx,
  ctx: ServiceContext,
  loaded: LoadedEnrolment,
  baseVersion: number,
  next: (current: { content: Plan; stage: PlanStage }) => { content: Plan; stage: PlanStage },
  action: string,
): Promise<SaveResult> {
  const plan = await lockPlan(tx, ctx, loaded);
  if (plan.current_version !== baseVersion) throw new ConflictError("stale_version", null, { currentVersion: plan.current_version });
  const row = await currentVersionRow(tx, plan.id, plan.current_version);
  const before = { content: row ? asPlan(row.content) : emptyPlan(), stage: row?.stage ?? ("ongoing" as const) };
  const after = next(before);
  const changes: PlanItemChange[] = [...(after.stage !== before.stage ? [{ path: "stage", change: "changed" as const }] : []), ...diffPlans(before.content, after.content)];
  if (changes.length === 0) return { version: plan.current_version, changed: false };
  const version = plan.current_version + 1;
  const now = ctx.now();
  await tx
    .insertInto("plan_versions")
    .values({
      plan_id: plan.id,
      version,
      content: JSON.stringify(asContent(after.content)),
      changes: JSON.stringify(changes),
      stage: after.stage,
      author_id: ctx.actor.user.id,
      created_at: now,
    })
    .execute();
  await tx.updateTable("plans").set({ current_version: version, updated_at: now }).where("id", "=", plan.id).where("current_version", "=", plan.current_version).execute();
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const c of changes) counts[c.change] += 1;
  await auditByActor(tx, ctx, loaded.role, {
    action,
    entityType: "enrolment",
    entityId: loaded.enrolment.id,
    personId: loaded.person.row.id,
    programId: loaded.program.id,
    federationId: loaded.program.federationId,
    details: { version, stage: after.stage, ...counts },
  });
  return { version, changed: true };
}

/** Only the federation's own authorities can be named as doing an action. */
async function checkAuthorities(tx: Tx, loaded: LoadedEnrolment, actions: Plan["actions"]): Promise<void> {
  const ids = new Set((await authorities(tx, loaded.program.federationId)).map((a) => a.id));
  const fieldErrors: Record<string, string[]> = {};
  actions.forEach((a, index) => {
    if (a.who === "authority" && a.authorityId && !ids.has(a.authorityId)) fieldErrors[`actions.${index}.authorityId`] = ["plans.errors.authorityUnknown"];
  });
  if (Object.keys(fieldErrors).length > 0) throw new ValidationError(fieldErrors);
}

/** Saves the plan as written on the edit page (a new version when anything changed). */
export async function savePlan(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<SaveResult> {
  const data = validate(planSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const content = withItemIds(data, randomUUID);
    await checkAuthorities(tx, loaded, content.actions);
    return writeVersion(tx, ctx, loaded, data.baseVersion, (current) => ({ content, stage: current.stage }), "plan.save");
  });
}

/** Marks actions as agreed with the participant: a change like any other, so a new version. */
export async function agreeActions(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<SaveResult> {
  const data = validate(agreeActionsSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    return writeVersion(tx, ctx, loaded, data.baseVersion, (current) => ({ content: markAgreed(current.content, data.actionIds), stage: current.stage }), "plan.agree");
  });
}

/**
 * The plan for the future, for the exit: the plan as it stands with the recommendations, as a final
 * version. Saved again with other recommendations it stays final; the participant accepts it as any version.
 */
export async function startFinalPlan(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<SaveResult> {
  const data = validate(finalPlanSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    return writeVersion(tx, ctx, loaded, data.baseVersion, (current) => ({ content: { ...current.content, recommendations: data.recommendations }, stage: "final" }), "plan.finalize");
  });
}

/** Records that the participant accepted a version: when, how, and a note. */
export async function recordAcceptance(ctx: ServiceContext, enrolmentId: string, input: unknown): Promise<{ id: string }> {
  const data = validate(acceptanceSchema, input);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.manage");
    const plan = await planRow(tx, loaded.enrolment.id);
    const version = plan
      ? await tx.selectFrom("plan_versions").select(["version", "created_at"]).where("plan_id", "=", plan.id).where("version", "=", data.version).executeTakeFirst()
      : undefined;
    if (!plan || !version) throw new ValidationError({ version: ["plans.errors.noSuchVersion"] });
    if (data.acceptedOn > today) throw new ValidationError({ acceptedOn: ["plans.errors.acceptedInFuture"] });
    if (data.acceptedOn < isoToday(version.created_at)) throw new ValidationError({ acceptedOn: ["plans.errors.acceptedBeforeVersion"] });
    const row = await tx
      .insertInto("plan_acceptances")
      .values({
        plan_id: plan.id,
        version: data.version,
        accepted_on: data.acceptedOn,
        method: data.method,
        note: data.note,
        recorded_by: ctx.actor.user.id,
        recorded_at: ctx.now(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, loaded.role, {
      action: "plan.accept",
      entityType: "enrolment",
      entityId: loaded.enrolment.id,
      personId: loaded.person.row.id,
      programId: loaded.program.id,
      federationId: loaded.program.federationId,
      details: { version: data.version, method: data.method, current: data.version === plan.current_version },
    });
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// The printed plan

const PDF_LANG: Record<Locale, PlanPdfDocument["lang"]> = { sv: "sv-SE", nb: "nb-NO", en: "en-GB" };

/** The participant's language when we have the plan's texts in it, else the reader's. */
export function planLanguage(preferredLanguage: string, readerLocale: Locale): Locale {
  return isLocale(preferredLanguage) ? preferredLanguage : readerLocale;
}

/** One version of the plan (the current one when `version` is null) as a PDF, in the participant's language where we have it. */
export async function planPdf(ctx: ServiceContext, enrolmentId: string, versionParam: number | string | null, readerLocale: Locale): Promise<{ fileName: string; pdf: Buffer; language: Locale }> {
  const data = await ctx.db.transaction().execute(async (tx) => {
    const loaded = await loadEnrolment(tx, ctx, enrolmentId, "participant.view");
    const plan = await planRow(tx, loaded.enrolment.id);
    const version = versionParam === null || versionParam === "" ? (plan?.current_version ?? 0) : parseVersion(versionParam);
    const row = plan && version > 0 ? (await versionRows(tx, plan.id, version))[0] : undefined;
    if (!plan || !row) throw new NotFoundError("plan_version");
    const head = await header(tx, ctx, loaded);
    const language = planLanguage(head.preferredLanguage, readerLocale);
    await auditRead(tx, ctx, loaded, "plan.print", { version, language });
    return { head, row, language, acceptances: await acceptancesOf(tx, plan.id), authorities: await authorities(tx, loaded.program.federationId) };
  });
  const { head, row, language } = data;
  const t = translator(language);
  const content = asPlan(row.content);
  const final = row.stage === "final";
  const accepted = data.acceptances.find((a) => a.version === row.version);
  const authorityName = (id: string | null) => data.authorities.find((a) => a.id === id)?.name ?? t("plan.pdf.who.authority");
  const who = (a: Plan["actions"][number]) =>
    a.who === "participant" ? t("plan.pdf.who.participant") : a.who === "coordinator" ? t("plan.pdf.who.coordinator", { name: head.coordinatorName }) : authorityName(a.authorityId);
  const personName = head.personName ?? head.reference;
  const pdf = await renderPlanPdf({
    lang: PDF_LANG[language],
    labels: {
      title: final ? t("plan.pdf.titleFinal") : t("plan.pdf.title"),
      intro: final ? t("plan.pdf.introFinal", { program: head.programName }) : t("plan.pdf.intro", { program: head.programName }),
      name: t("plan.pdf.name"),
      program: t("plan.pdf.program"),
      coordinator: t("plan.pdf.coordinator"),
      version: t("plan.pdf.version"),
      saved: t("plan.pdf.saved"),
      acceptanceHeading: t("plan.pdf.acceptanceHeading"),
      goalHeading: t("plan.pdf.goalHeading"),
      goalKind: t("plan.pdf.goalKind"),
      noGoal: t("plan.pdf.noGoal"),
      subGoalsHeading: t("plan.pdf.subGoalsHeading"),
      noSubGoals: t("plan.pdf.noSubGoals"),
      obstaclesHeading: t("plan.pdf.obstaclesHeading"),
      obstacle: t("plan.pdf.obstacle"),
      howToOvercome: t("plan.pdf.howToOvercome"),
      noObstacles: t("plan.pdf.noObstacles"),
      actionsHeading: t("plan.pdf.actionsHeading"),
      actionsIntro: t("plan.pdf.actionsIntro"),
      what: t("plan.pdf.what"),
      who: t("plan.pdf.who"),
      byWhen: t("plan.pdf.byWhen"),
      status: t("plan.pdf.status"),
      agreed: t("plan.pdf.agreed"),
      noActions: t("plan.pdf.noActions"),
      recommendationsHeading: t("plan.pdf.recommendationsHeading"),
      generated: t("plan.pdf.generated"),
      page: t("plan.pdf.page"),
    },
    personName,
    programName: head.programName,
    coordinatorName: head.coordinatorName,
    version: row.version,
    savedOn: t.date(row.created_at, "long"),
    acceptance: accepted
      ? t("plan.pdf.accepted", { date: t.date(accepted.acceptedOn, "long"), how: t(`plan.pdf.method.${accepted.method}`) })
      : t("plan.pdf.notAccepted"),
    goal: { kind: content.longTermGoal.kind ? t(`plan.goalKind.${content.longTermGoal.kind}`) : null, text: content.longTermGoal.text },
    subGoals: content.subGoals.map((s) => s.text),
    obstacles: content.obstacles.map((o) => ({ text: o.text, howToOvercome: o.howToOvercome })),
    actions: content.actions.map((a) => ({
      what: a.what,
      who: who(a),
      byWhen: a.byWhen ? t.date(a.byWhen) : "–",
      status: t(`plan.status.${a.status}`),
      agreed: a.agreed ? t("plan.pdf.yes") : t("plan.pdf.no"),
    })),
    recommendations: final ? content.recommendations : null,
    generatedAt: ctx.now(),
    generatedFor: ctx.actor.user.displayName,
  });
  return { fileName: `plan-${head.reference}-v${row.version}.pdf`, pdf, language };
}
