import { sql } from "kysely";
import { decide, type Resource } from "../domain/policy.ts";
import type { Role } from "../domain/roles.ts";
import { suppressFraction, suppressTable, type SuppressedCell, type SuppressedFraction } from "../domain/suppression.ts";
import {
  type AnswerInput,
  appliesTo,
  agreeThreshold,
  checkAnswers,
  copyForNewVersion,
  DEFAULT_RHYTHM_WEEKS,
  linkLastDay,
  ongoingSurveyDue,
  type QuestionnaireAudience,
  type QuestionnaireVersionContent,
  type SurveyAudience,
  type SurveyChannel,
  type SurveyQuestion,
  tallyVersion,
  versionProblems,
} from "../domain/surveys.ts";
import { CLIENT_RULE, checkThrottle, recordFailure, type ThrottleState } from "../domain/throttle.ts";
import { comparePersonLabels, isUuid, loadPeople, personLabel, type PersonLabel } from "./access.ts";
import { appendAuditEvent, auditByActor } from "./audit.ts";
import { type Db, type Deps, isoToday, type RequestMeta, type ServiceContext, type Tx } from "./context.ts";
import { newToken, sha256 } from "./crypto.ts";
import { ForbiddenError, NotFoundError, ThrottledError, ValidationError } from "./errors.ts";
import { validate } from "./schemas/common.ts";
import {
  type AnswerFormInput,
  answerSchema,
  handOutSchema,
  newQuestionnaireSchema,
  paperAnswerSchema,
  resultsPeriodSchema,
  rhythmSchema,
  type VersionInput,
  versionSchema,
} from "./schemas/surveys.ts";

// Participant surveys (src/domain/surveys.ts): questionnaires and their versions, handing them out (offered by
// the exit, due on the program's rhythm for ongoing participants), answers by a one-time link (no sign-in) or
// on paper (entered by staff), and the results with small numbers suppressed for readers who may not list
// the program's participants.
//
// Who: the program's manager and coordinators ("survey.manage") keep the questionnaires, hand surveys out and
// enter paper answers; whoever reads the program's aggregates ("aggregates.view") reads the results, without
// free text and with small-number suppression unless they may list the participants ("person.list").
//
// Anonymity: an anonymous response is stored without the person, the hand-out or a time (src/persistence/
// migrations/0010_surveys.ts), and its audit event names neither the person, the hand-out nor the response:
// only the questionnaire version, the channel and that it was anonymous. Every read and write is audited.

export interface QuestionnaireVersionView {
  id: string;
  version: number;
  intro: string;
  questions: SurveyQuestion[];
  sourceNote: string;
  publishedAt: Date | null;
  createdAt: Date;
}

export interface QuestionnaireView {
  id: string;
  name: string;
  audience: QuestionnaireAudience;
  national: boolean;
  versions: QuestionnaireVersionView[];
  /** The latest published version (what is handed out now). */
  current: QuestionnaireVersionView | null;
  draft: QuestionnaireVersionView | null;
}

export interface HandoutRow {
  id: string | null;
  enrolmentId: string;
  person: PersonLabel;
  audience: SurveyAudience;
  /** Offered / due on. */
  dueOn: string;
  channel: SurveyChannel | null;
  handedOutOn: string | null;
  lastDay: string | null;
  used: boolean;
}

export interface SurveysOverview {
  program: { id: string; name: string };
  questionnaires: QuestionnaireView[];
  everyWeeks: number;
  /** Offered exit surveys and ongoing surveys due today: to hand out. */
  toHandOut: HandoutRow[];
  /** Handed out in the last 120 days. */
  handedOut: HandoutRow[];
  /** People with an enrolment in the program (for naming a paper answer the participant asked to be named on). */
  participants: { personId: string; label: PersonLabel }[];
  today: string;
}

interface ProgramRow {
  id: string;
  name: string;
  federation_id: string;
  country: "SE" | "NO";
}

type Need = "survey.manage" | "aggregates.view";

async function programAccess(tx: Db | Tx, ctx: ServiceContext, programId: string, need: Need): Promise<{ program: ProgramRow; role: Role; resource: Resource }> {
  if (!isUuid(programId)) throw new NotFoundError("program");
  const program = await tx
    .selectFrom("programs as p")
    .innerJoin("federations as f", "f.id", "p.federation_id")
    .select(["p.id", "p.name", "p.federation_id", "f.country"])
    .where("p.id", "=", programId)
    .executeTakeFirst();
  if (!program) throw new NotFoundError("program");
  const resource: Resource = { type: "program", programId: program.id, federationId: program.federation_id };
  const decision = decide(ctx.actor.subject, need, resource);
  if (!decision.allowed) {
    if (decide(ctx.actor.subject, "aggregates.view", resource).allowed) throw new ForbiddenError();
    throw new NotFoundError("program");
  }
  return { program, role: decision.role, resource };
}

function versionView(r: { id: string; version: number; intro: string; questions: SurveyQuestion[]; source_note: string; published_at: Date | null; created_at: Date }): QuestionnaireVersionView {
  return { id: r.id, version: r.version, intro: r.intro, questions: r.questions, sourceNote: r.source_note, publishedAt: r.published_at, createdAt: r.created_at };
}

/** The questionnaires that apply to a program: its own and the national ones of its country, with every version. */
async function loadQuestionnaires(tx: Db | Tx, program: Pick<ProgramRow, "id" | "country">): Promise<QuestionnaireView[]> {
  const qs = await tx
    .selectFrom("questionnaires")
    .select(["id", "name", "audience", "program_id"])
    .where((eb) => eb.or([eb("program_id", "=", program.id), eb.and([eb("program_id", "is", null), eb("country", "=", program.country)])]))
    .orderBy(sql`program_id IS NOT NULL`)
    .orderBy("created_at")
    .orderBy("name")
    .orderBy("id")
    .execute();
  if (qs.length === 0) return [];
  const versions = await tx
    .selectFrom("questionnaire_versions")
    .select(["id", "questionnaire_id", "version", "intro", "questions", "source_note", "published_at", "created_at"])
    .where(
      "questionnaire_id",
      "in",
      qs.map((q) => q.id),
    )
    .orderBy("version")
    .execute();
  return qs.map((q) => {
    const mine = versions.filter((v) => v.questionnaire_id === q.id).map(versionView);
    const published = mine.filter((v) => v.publishedAt !== null);
    return {
      id: q.id,
      name: q.name,
      audience: q.audience,
      national: q.program_id === null,
      versions: mine,
      current: published.at(-1) ?? null,
      draft: mine.find((v) => v.publishedAt === null) ?? null,
    };
  });
}

/** The current versions a hand-out for `audience` asks, national first. */
async function versionsFor(tx: Db | Tx, program: Pick<ProgramRow, "id" | "country">, audience: SurveyAudience): Promise<string[]> {
  const qs = await loadQuestionnaires(tx, program);
  return qs.filter((q) => appliesTo(q.audience, audience) && q.current).map((q) => q.current!.id);
}

async function rhythmOf(tx: Db | Tx, programId: string): Promise<number> {
  const row = await tx.selectFrom("program_survey_settings").select("ongoing_every_weeks").where("program_id", "=", programId).executeTakeFirst();
  return row?.ongoing_every_weeks ?? DEFAULT_RHYTHM_WEEKS;
}

/** The program's questionnaires, the rhythm, and the hand-outs to do and done. Names people: "survey.manage". Audited. */
export async function surveysOverview(ctx: ServiceContext, programId: string): Promise<SurveysOverview> {
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    const questionnaires = await loadQuestionnaires(tx, program);
    const everyWeeks = await rhythmOf(tx, program.id);
    const handouts = await tx
      .selectFrom("survey_handouts")
      .select(["id", "enrolment_id", "person_id", "audience", "offered_on", "channel", "handed_out_on", "expires_on", "used"])
      .where("program_id", "=", program.id)
      .orderBy("offered_on", "desc")
      .execute();
    const enrolments = await tx
      .selectFrom("enrolments")
      .select(["id", "person_id", "start_date", "ended_on"])
      .where("program_id", "=", program.id)
      .execute();
    const people = await loadPeople(tx, enrolments.map((e) => e.person_id), today);
    const label = (personId: string) => personLabel(ctx.actor.subject, people.get(personId), personId);
    const row = (h: (typeof handouts)[number]): HandoutRow => ({
      id: h.id,
      enrolmentId: h.enrolment_id,
      person: label(h.person_id),
      audience: h.audience,
      dueOn: h.offered_on,
      channel: h.channel,
      handedOutOn: h.handed_out_on,
      lastDay: h.expires_on,
      used: h.used,
    });
    const offered = handouts.filter((h) => h.channel === null).map(row);
    const hasOngoing = (await versionsFor(tx, program, "ongoing")).length > 0;
    const due: HandoutRow[] = [];
    if (hasOngoing) {
      for (const e of enrolments) {
        // Those who left (or whose exit is recorded) get the exit survey instead.
        if (e.ended_on !== null) continue;
        const last = handouts.filter((h) => h.enrolment_id === e.id && h.audience === "ongoing").map((h) => h.offered_on).sort().at(-1) ?? null;
        const dueOn = ongoingSurveyDue({ startDate: e.start_date, endDate: e.ended_on, today, everyWeeks, lastOngoingOn: last });
        if (dueOn) due.push({ id: null, enrolmentId: e.id, person: label(e.person_id), audience: "ongoing", dueOn, channel: null, handedOutOn: null, lastDay: null, used: false });
      }
    }
    const since = new Date(ctx.now().getTime() - 120 * 86_400_000);
    const sinceIso = isoToday(since);
    const handedOut = handouts.filter((h) => h.handed_out_on !== null && h.handed_out_on >= sinceIso).map(row);
    const toHandOut = [...offered, ...due].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || comparePersonLabels(a.person, b.person));
    const participants = [...new Map(enrolments.map((e) => [e.person_id, { personId: e.person_id, label: label(e.person_id) }])).values()].sort((a, b) => comparePersonLabels(a.label, b.label));
    await auditByActor(tx, ctx, role, {
      action: "survey.view",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { shown: [...toHandOut, ...handedOut].map((h) => h.person.personId) },
    });
    return { program: { id: program.id, name: program.name }, questionnaires, everyWeeks, toHandOut, handedOut, participants, today };
  });
}

/** One questionnaire with its versions (for the version pages and the editor). Audited. */
export async function questionnaireOf(ctx: ServiceContext, programId: string, questionnaireId: string): Promise<{ program: { id: string; name: string }; questionnaire: QuestionnaireView }> {
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    const questionnaire = (await loadQuestionnaires(tx, program)).find((q) => q.id === questionnaireId);
    if (!questionnaire) throw new NotFoundError("questionnaire");
    await auditByActor(tx, ctx, role, {
      action: "survey.viewQuestionnaire",
      entityType: "questionnaire",
      entityId: questionnaire.id,
      programId: program.id,
      federationId: program.federation_id,
    });
    return { program: { id: program.id, name: program.name }, questionnaire };
  });
}

/** The editor's rows as the domain's questions (blank and removed rows dropped; missing keys made from the position). */
function contentOf(input: VersionInput): QuestionnaireVersionContent {
  const rows = input.questions.filter((q) => !q.remove && !(q.text === "" && q.key === "" && q.options.length === 0));
  const used = new Set(rows.map((q) => q.key).filter(Boolean));
  const questions = rows.map((q, i): SurveyQuestion => {
    let key = q.key;
    if (key === "") {
      let n = i + 1;
      while (used.has(`q${n}`)) n++;
      key = `q${n}`;
      used.add(key);
    }
    return { key, kind: q.kind, text: q.text, options: q.kind === "scale" ? q.options : [], goal: q.kind === "free_text" ? null : q.goal, agreeFrom: q.kind === "scale" ? q.agreeFrom : null };
  });
  return { intro: input.intro, questions };
}

function checkContent(content: QuestionnaireVersionContent, input: VersionInput): void {
  const problems = versionProblems(content);
  if (problems.length === 0) return;
  // Paths point at the kept rows; map them back to the editor's rows.
  const kept = input.questions.map((q, i) => ({ q, i })).filter(({ q }) => !q.remove && !(q.text === "" && q.key === "" && q.options.length === 0));
  const fieldErrors: Record<string, string[]> = {};
  for (const p of problems) {
    const m = /^questions\.(\d+)\.(.+)$/.exec(p.path);
    const path = m ? `questions.${kept[Number(m[1])]?.i ?? m[1]}.${m[2]}` : p.path;
    (fieldErrors[path] ??= []).push(`surveys.errors.${p.code}`);
  }
  throw new ValidationError(fieldErrors, fieldErrors.questions ? fieldErrors.questions : []);
}

async function ownQuestionnaire(tx: Tx, program: ProgramRow, questionnaireId: string) {
  if (!isUuid(questionnaireId)) throw new NotFoundError("questionnaire");
  const q = await tx.selectFrom("questionnaires").select(["id", "program_id", "country"]).where("id", "=", questionnaireId).executeTakeFirst();
  if (!q || (q.program_id !== program.id && !(q.program_id === null && q.country === program.country))) throw new NotFoundError("questionnaire");
  // National indicator questions must not be reworded by a program: only a new national version replaces them.
  if (q.program_id === null) throw new ForbiddenError();
  return q;
}

/** A new questionnaire of the program's own, with its first draft. */
export async function createQuestionnaire(ctx: ServiceContext, programId: string, input: unknown): Promise<{ id: string; versionId: string }> {
  const data = validate(newQuestionnaireSchema, input);
  const content = contentOf(data);
  checkContent(content, data);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    const count = await tx.selectFrom("questionnaires").select((eb) => eb.fn.countAll<string>().as("n")).where("program_id", "=", program.id).executeTakeFirstOrThrow();
    const key = Number(count.n) === 0 ? "own" : `own_${Number(count.n) + 1}`;
    const q = await tx
      .insertInto("questionnaires")
      .values({ program_id: program.id, country: null, key, name: data.name, audience: data.audience, created_by: ctx.actor.user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    const v = await tx
      .insertInto("questionnaire_versions")
      .values({ questionnaire_id: q.id, version: 1, intro: content.intro, questions: JSON.stringify(content.questions), created_by: ctx.actor.user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditByActor(tx, ctx, role, {
      action: "survey.createQuestionnaire",
      entityType: "questionnaire",
      entityId: q.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { audience: data.audience, questions: content.questions.length, versionId: v.id },
    });
    return { id: q.id, versionId: v.id };
  });
}

/**
 * Saves the questionnaire's draft: replaces the open draft, or starts the next version (a published version is
 * never changed). Without input questions, the new draft is a copy of the latest version.
 */
export async function saveDraft(ctx: ServiceContext, programId: string, questionnaireId: string, input: unknown): Promise<{ versionId: string; version: number }> {
  const data = validate(versionSchema, input);
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    const q = await ownQuestionnaire(tx, program, questionnaireId);
    await tx.selectFrom("questionnaires").select("id").where("id", "=", q.id).forUpdate().execute();
    const versions = await tx.selectFrom("questionnaire_versions").select(["id", "version", "intro", "questions", "published_at"]).where("questionnaire_id", "=", q.id).orderBy("version").execute();
    const latest = versions.at(-1);
    const content = data.questions.length === 0 && latest ? copyForNewVersion({ intro: latest.intro, questions: latest.questions }) : contentOf(data);
    checkContent(content, data);
    const draft = versions.find((v) => v.published_at === null);
    let saved: { versionId: string; version: number };
    if (draft) {
      await tx.updateTable("questionnaire_versions").set({ intro: content.intro, questions: JSON.stringify(content.questions) }).where("id", "=", draft.id).execute();
      saved = { versionId: draft.id, version: draft.version };
    } else {
      const version = (latest?.version ?? 0) + 1;
      const row = await tx
        .insertInto("questionnaire_versions")
        .values({ questionnaire_id: q.id, version, intro: content.intro, questions: JSON.stringify(content.questions), created_by: ctx.actor.user.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      saved = { versionId: row.id, version };
    }
    await auditByActor(tx, ctx, role, {
      action: "survey.saveDraft",
      entityType: "questionnaire",
      entityId: q.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { versionId: saved.versionId, version: saved.version, questions: content.questions.length },
    });
    return saved;
  });
}

/** Publishes the questionnaire's draft: from now on it is what is handed out, and it never changes. */
export async function publishDraft(ctx: ServiceContext, programId: string, questionnaireId: string): Promise<{ versionId: string; version: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    const q = await ownQuestionnaire(tx, program, questionnaireId);
    const draft = await tx.selectFrom("questionnaire_versions").select(["id", "version", "intro", "questions"]).where("questionnaire_id", "=", q.id).where("published_at", "is", null).executeTakeFirst();
    if (!draft) throw new ValidationError({}, ["surveys.errors.noDraft"]);
    if (versionProblems({ intro: draft.intro, questions: draft.questions }).length) throw new ValidationError({}, ["surveys.errors.draftInvalid"]);
    await tx.updateTable("questionnaire_versions").set({ published_at: ctx.now(), published_by: ctx.actor.user.id }).where("id", "=", draft.id).execute();
    await auditByActor(tx, ctx, role, {
      action: "survey.publish",
      entityType: "questionnaire",
      entityId: q.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { versionId: draft.id, version: draft.version },
    });
    return { versionId: draft.id, version: draft.version };
  });
}

/** How often ongoing participants get a survey (weeks after the start of their enrolment). */
export async function setSurveyRhythm(ctx: ServiceContext, programId: string, input: unknown): Promise<void> {
  const data = validate(rhythmSchema, input);
  await ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    const values = { ongoing_every_weeks: data.everyWeeks, updated_by: ctx.actor.user.id, updated_at: ctx.now() };
    await tx.insertInto("program_survey_settings").values({ program_id: program.id, ...values }).onConflict((oc) => oc.column("program_id").doUpdateSet(values)).execute();
    await auditByActor(tx, ctx, role, { action: "survey.setRhythm", entityType: "program", entityId: program.id, programId: program.id, federationId: program.federation_id, details: { everyWeeks: data.everyWeeks } });
  });
}

/**
 * Offers the exit survey when an exit is recorded (called in recordExit's transaction): a hand-out to do on the
 * surveys page, when the program has a current questionnaire for those leaving. Returns its id, or null.
 */
export async function offerExitSurvey(tx: Tx, exit: { programId: string; personId: string; enrolmentId: string; exitDate: string }): Promise<string | null> {
  const program = await tx.selectFrom("programs as p").innerJoin("federations as f", "f.id", "p.federation_id").select(["p.id", "f.country"]).where("p.id", "=", exit.programId).executeTakeFirstOrThrow();
  const versionIds = await versionsFor(tx, program, "exit");
  if (versionIds.length === 0) return null;
  const row = await tx
    .insertInto("survey_handouts")
    .values({ program_id: exit.programId, person_id: exit.personId, enrolment_id: exit.enrolmentId, audience: "exit", offered_on: exit.exitDate })
    .onConflict((oc) => oc.column("enrolment_id").where("audience", "=", "exit").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return null;
  await tx.insertInto("survey_handout_versions").values(versionIds.map((version_id, position) => ({ handout_id: row.id, version_id, position }))).execute();
  return row.id;
}

export interface HandOutResult {
  handoutId: string;
  channel: SurveyChannel;
  /** The one-time link (shown once: only its hash is stored). */
  link: string | null;
  lastDay: string | null;
}

/**
 * Hands a survey out: an offered one (e.g. the exit's) or an ongoing one that is due, as a one-time link or on
 * paper. Handing a link out again (lost link, not yet used) makes a new link and the old one stops working.
 */
export async function handOutSurvey(ctx: ServiceContext, programId: string, input: unknown): Promise<HandOutResult> {
  const data = validate(handOutSchema, input);
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    let handout: { id: string; person_id: string; enrolment_id: string; audience: SurveyAudience; used: boolean };
    if (data.handoutId) {
      const found = await tx.selectFrom("survey_handouts").select(["id", "person_id", "enrolment_id", "audience", "used"]).where("id", "=", data.handoutId).where("program_id", "=", program.id).forUpdate().executeTakeFirst();
      if (!found) throw new NotFoundError("survey_handout");
      if (found.used) throw new ValidationError({}, ["surveys.errors.alreadyUsed"]);
      handout = found;
    } else {
      const enrolment = await tx.selectFrom("enrolments").select(["id", "person_id", "start_date", "ended_on"]).where("id", "=", data.enrolmentId!).where("program_id", "=", program.id).executeTakeFirst();
      if (!enrolment) throw new NotFoundError("enrolment");
      if (data.audience === "exit") {
        const exit = await tx.selectFrom("exits").select("exit_date").where("enrolment_id", "=", enrolment.id).executeTakeFirst();
        if (!exit) throw new ValidationError({}, ["surveys.errors.noExit"]);
        const existing = await tx.selectFrom("survey_handouts").select("id").where("enrolment_id", "=", enrolment.id).where("audience", "=", "exit").executeTakeFirst();
        if (existing) throw new ValidationError({}, ["surveys.errors.exitAlreadyOffered"]);
      } else if (enrolment.ended_on !== null && enrolment.ended_on < today) {
        throw new ValidationError({}, ["surveys.errors.notOngoing"]);
      }
      const audience = data.audience!;
      const versionIds = await versionsFor(tx, program, audience);
      if (versionIds.length === 0) throw new ValidationError({}, ["surveys.errors.noQuestionnaire"]);
      const row = await tx
        .insertInto("survey_handouts")
        .values({ program_id: program.id, person_id: enrolment.person_id, enrolment_id: enrolment.id, audience, offered_on: today })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx.insertInto("survey_handout_versions").values(versionIds.map((version_id, position) => ({ handout_id: row.id, version_id, position }))).execute();
      handout = { id: row.id, person_id: enrolment.person_id, enrolment_id: enrolment.id, audience, used: false };
    }
    const token = data.channel === "link" ? newToken("s") : null;
    const lastDay = token ? linkLastDay(today) : null;
    await tx
      .updateTable("survey_handouts")
      .set({ channel: data.channel, handed_out_on: today, handed_out_by: ctx.actor.user.id, token_hash: token ? sha256(token) : null, expires_on: lastDay })
      .where("id", "=", handout.id)
      .execute();
    await auditByActor(tx, ctx, role, {
      action: "survey.handOut",
      entityType: "survey_handout",
      entityId: handout.id,
      personId: handout.person_id,
      programId: program.id,
      federationId: program.federation_id,
      details: { enrolmentId: handout.enrolment_id, audience: handout.audience, channel: data.channel, lastDay },
    });
    return { handoutId: handout.id, channel: data.channel, link: token ? `${ctx.publicUrl.replace(/\/$/, "")}/s/${token}` : null, lastDay };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Answering

export interface SurveySection {
  versionId: string;
  name: string;
  intro: string;
  questions: SurveyQuestion[];
}

export interface SurveyToAnswer {
  programName: string;
  audience: SurveyAudience;
  sections: SurveySection[];
  lastDay: string | null;
}

export type LinkState = { state: "open"; survey: SurveyToAnswer } | { state: "unknown" | "expired" | "used" };

/** Failed link look-ups are throttled per client like failed sign-ins (the same rule, its own key). */
function throttleKey(meta: RequestMeta): string | null {
  return meta.ip ? `survey-link:${meta.ip}` : null;
}

async function readThrottle(tx: Db | Tx, key: string): Promise<ThrottleState | null> {
  const row = await tx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  return row ? { failures: row.failures, firstFailureAt: row.first_failure_at, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until } : null;
}

async function throttled(deps: Deps, meta: RequestMeta): Promise<void> {
  const key = throttleKey(meta);
  if (!key) return;
  const check = checkThrottle(await readThrottle(deps.db, key), CLIENT_RULE, deps.now());
  if (!check.allowed) throw new ThrottledError(check.retryAt, check.locked);
}

async function countFailure(deps: Deps, meta: RequestMeta): Promise<void> {
  const key = throttleKey(meta);
  if (!key) return;
  await deps.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
    const state = recordFailure(await readThrottle(tx, key), CLIENT_RULE, deps.now());
    const values = { failures: state.failures, first_failure_at: state.firstFailureAt, last_failure_at: state.lastFailureAt, locked_until: state.lockedUntil };
    await tx.insertInto("login_throttle").values({ key, ...values }).onConflict((oc) => oc.column("key").doUpdateSet(values)).execute();
  });
}

async function sectionsOf(tx: Db | Tx, versionIds: readonly string[]): Promise<SurveySection[]> {
  if (versionIds.length === 0) return [];
  const rows = await tx
    .selectFrom("questionnaire_versions as v")
    .innerJoin("questionnaires as q", "q.id", "v.questionnaire_id")
    .select(["v.id", "v.intro", "v.questions", "q.name"])
    .where("v.id", "in", [...versionIds])
    .execute();
  return versionIds.flatMap((id) => {
    const r = rows.find((x) => x.id === id);
    return r ? [{ versionId: r.id, name: r.name, intro: r.intro, questions: r.questions }] : [];
  });
}

async function handoutByToken(tx: Db | Tx, token: string) {
  if (!/^s[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return tx
    .selectFrom("survey_handouts as h")
    .innerJoin("programs as p", "p.id", "h.program_id")
    .select(["h.id", "h.program_id", "h.person_id", "h.audience", "h.expires_on", "h.used", "p.name as program_name", "p.federation_id"])
    .where("h.token_hash", "=", sha256(token))
    .executeTakeFirst();
}

/** What a one-time link asks (no sign-in; the token is the credential). Names nobody. */
export async function openSurveyLink(deps: Deps, meta: RequestMeta, token: string): Promise<LinkState> {
  await throttled(deps, meta);
  const today = isoToday(deps.now());
  const handout = await handoutByToken(deps.db, token);
  if (!handout) {
    await countFailure(deps, meta);
    return { state: "unknown" };
  }
  if (handout.used) return { state: "used" };
  if (handout.expires_on !== null && handout.expires_on < today) return { state: "expired" };
  const versionIds = (await deps.db.selectFrom("survey_handout_versions").select("version_id").where("handout_id", "=", handout.id).orderBy("position").execute()).map((v) => v.version_id);
  return { state: "open", survey: { programName: handout.program_name, audience: handout.audience, sections: await sectionsOf(deps.db, versionIds), lastDay: handout.expires_on } };
}

/** The form's values as the domain's answers, per section. */
function answersOf(sections: readonly SurveySection[], data: AnswerFormInput): Record<string, AnswerInput>[] {
  return sections.map((s, i) => {
    const given = data.answers[i] ?? {};
    return Object.fromEntries(
      Object.entries(given).map(([key, raw]): [string, AnswerInput] => {
        const q = s.questions.find((x) => x.key === key);
        if (raw === undefined || raw === "") return [key, null];
        if (q?.kind === "free_text") return [key, { text: raw }];
        return [key, /^\d+$/.test(raw.trim()) ? { value: Number(raw.trim()) } : { value: Number.NaN }];
      }),
    );
  });
}

/** Stores the answers to the sections (one response per questionnaire version). Returns how many were stored. */
async function storeResponses(
  tx: Tx,
  sections: readonly SurveySection[],
  data: AnswerFormInput,
  r: { programId: string; audience: SurveyAudience; channel: SurveyChannel; answeredOn: string; personId: string | null; handoutId: string | null },
): Promise<string[]> {
  const per = answersOf(sections, data);
  const checked = sections.map((s, i) => checkAnswers(s.questions, per[i] ?? {}));
  const fieldErrors: Record<string, string[]> = {};
  checked.forEach((c, i) => {
    if (c.ok) return;
    for (const p of c.problems) if (p.code !== "noAnswers") (fieldErrors[`answers[${i}].${p.key}`] ??= []).push(`surveys.errors.answer.${p.code}`);
  });
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  if (checked.every((c) => !c.ok)) throw new ValidationError({}, ["surveys.errors.answer.noAnswers"]);
  const anonymous = r.personId === null;
  const versionIds: string[] = [];
  for (const [i, c] of checked.entries()) {
    if (!c.ok) continue;
    const response = await tx
      .insertInto("survey_responses")
      .values({
        program_id: r.programId,
        version_id: sections[i]!.versionId,
        audience: r.audience,
        channel: r.channel,
        answered_on: r.answeredOn,
        anonymous,
        person_id: r.personId,
        handout_id: anonymous ? null : r.handoutId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("survey_answers")
      .values(c.answers.map((a) => ({ response_id: response.id, question_key: a.key, value: a.value, text: a.text })))
      .execute();
    versionIds.push(sections[i]!.versionId);
  }
  return versionIds;
}

/**
 * Answers through a one-time link: checks the token (unknown ones count against the client's throttle), stores
 * the answers (anonymous unless the participant chose otherwise) and marks the hand-out used, all at once.
 */
export async function answerSurveyLink(deps: Deps, meta: RequestMeta, token: string, input: unknown): Promise<{ anonymous: boolean }> {
  await throttled(deps, meta);
  const data = validate(answerSchema, input);
  const today = isoToday(deps.now());
  const outcome = await deps.db.transaction().execute(async (tx) => {
    const handout = await handoutByToken(tx, token);
    if (!handout) return "unknown" as const;
    await tx.selectFrom("survey_handouts").select("id").where("id", "=", handout.id).forUpdate().execute();
    const fresh = await tx.selectFrom("survey_handouts").select(["used", "expires_on"]).where("id", "=", handout.id).executeTakeFirstOrThrow();
    if (fresh.used) throw new ValidationError({}, ["surveys.errors.alreadyUsed"]);
    if (fresh.expires_on !== null && fresh.expires_on < today) throw new ValidationError({}, ["surveys.errors.expired"]);
    const versionIds = (await tx.selectFrom("survey_handout_versions").select("version_id").where("handout_id", "=", handout.id).orderBy("position").execute()).map((v) => v.version_id);
    const sections = await sectionsOf(tx, versionIds);
    const personId = data.anonymous ? null : handout.person_id;
    const answered = await storeResponses(tx, sections, data, { programId: handout.program_id, audience: handout.audience, channel: "link", answeredOn: today, personId, handoutId: handout.id });
    // The link keeps working only to say it was used (the hand-out already names the person; nothing else is linked).
    await tx.updateTable("survey_handouts").set({ used: true }).where("id", "=", handout.id).execute();
    // Anonymous: the event names the questionnaire versions only (no person, hand-out or response).
    await appendAuditEvent(
      tx,
      {
        actorUserId: null,
        actorRole: null,
        action: "survey.answer",
        entityType: "questionnaire_version",
        entityId: answered[0] ?? null,
        personId,
        programId: handout.program_id,
        federationId: handout.federation_id,
        meta: data.anonymous ? { ip: null, userAgent: null } : meta,
        details: personId ? { channel: "link", anonymous: false, versionIds: answered, handoutId: handout.id } : { channel: "link", anonymous: true, versionIds: answered },
      },
      deps.now(),
    );
    return "ok" as const;
  });
  if (outcome === "unknown") {
    await countFailure(deps, meta);
    throw new NotFoundError("survey_link");
  }
  return { anonymous: data.anonymous };
}

/** The sections a paper form for `audience` asks (the program's current versions), for the paper entry form. */
export async function paperForm(ctx: ServiceContext, programId: string, audienceInput: string): Promise<{ program: { id: string; name: string }; audience: SurveyAudience; sections: SurveySection[]; participants: { personId: string; label: PersonLabel }[]; today: string }> {
  if (audienceInput !== "ongoing" && audienceInput !== "exit") throw new NotFoundError("survey_audience");
  const today = isoToday(ctx.now());
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    const sections = await sectionsOf(tx, await versionsFor(tx, program, audienceInput));
    const enrolments = await tx.selectFrom("enrolments").select("person_id").distinct().where("program_id", "=", program.id).execute();
    const people = await loadPeople(tx, enrolments.map((e) => e.person_id), today);
    const participants = enrolments.map((e) => ({ personId: e.person_id, label: personLabel(ctx.actor.subject, people.get(e.person_id), e.person_id) })).sort((a, b) => comparePersonLabels(a.label, b.label));
    await auditByActor(tx, ctx, role, { action: "survey.viewPaperForm", entityType: "program", entityId: program.id, programId: program.id, federationId: program.federation_id, details: { audience: audienceInput } });
    return { program: { id: program.id, name: program.name }, audience: audienceInput, sections, participants, today };
  });
}

/**
 * Enters a paper answer (staff). Always anonymous, unless the participant asked to be named (then personId, a
 * participant of the program). Anonymous: no person, no hand-out, and an audit event that names neither.
 */
export async function enterPaperAnswer(ctx: ServiceContext, programId: string, input: unknown): Promise<{ anonymous: boolean }> {
  const data = validate(paperAnswerSchema, input);
  const today = isoToday(ctx.now());
  const answeredOn = data.answeredOn ?? today;
  if (answeredOn > today) throw new ValidationError({ answeredOn: ["surveys.errors.answeredInFuture"] });
  const personId = data.anonymous ? null : (data.personId ?? null);
  if (!data.anonymous && personId === null) throw new ValidationError({ personId: ["errors.choose"] });
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role } = await programAccess(tx, ctx, programId, "survey.manage");
    if (personId) {
      const enrolled = await tx.selectFrom("enrolments").select("id").where("program_id", "=", program.id).where("person_id", "=", personId).executeTakeFirst();
      if (!enrolled) throw new ValidationError({ personId: ["errors.choose"] });
    }
    const sections = await sectionsOf(tx, await versionsFor(tx, program, data.audience));
    const answered = await storeResponses(tx, sections, data, { programId: program.id, audience: data.audience, channel: "paper", answeredOn, personId, handoutId: null });
    await auditByActor(tx, ctx, role, {
      action: "survey.enterPaper",
      entityType: "questionnaire_version",
      entityId: answered[0] ?? null,
      personId,
      programId: program.id,
      federationId: program.federation_id,
      details: { channel: "paper", anonymous: personId === null, audience: data.audience, versionIds: answered },
    });
    return { anonymous: personId === null };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Results

export interface QuestionResult {
  key: string;
  kind: SurveyQuestion["kind"];
  text: string;
  /** The labels of the counts (the scale's options; no/yes). Empty for free text. */
  labels: string[];
  counts: SuppressedCell[];
  total: SuppressedCell;
  /** Agreeing of answered (null for free text). */
  agree: SuppressedFraction | null;
  agreeFrom: number | null;
  goal: SurveyQuestion["goal"];
  /** Free-text answers (only for readers who may list the participants). */
  texts: string[] | null;
}

export interface VersionResult {
  questionnaireId: string;
  name: string;
  national: boolean;
  version: number;
  versionId: string;
  responses: SuppressedCell;
  questions: QuestionResult[];
}

export interface SurveyResults {
  program: { id: string; name: string };
  from: string;
  to: string;
  suppressed: boolean;
  versions: VersionResult[];
}

/** The results per questionnaire version and question in a period (default: this year so far). Audited. */
export async function surveyResults(ctx: ServiceContext, programId: string, input: unknown): Promise<SurveyResults> {
  const parsed = resultsPeriodSchema.safeParse(input ?? {});
  const today = isoToday(ctx.now());
  const from = (parsed.success ? parsed.data.from : undefined) ?? `${today.slice(0, 4)}-01-01`;
  const to = (parsed.success ? parsed.data.to : undefined) ?? today;
  if (!parsed.success || from > to) throw new ValidationError({ from: ["surveys.errors.period"] });
  return ctx.db.transaction().execute(async (tx) => {
    const { program, role, resource } = await programAccess(tx, ctx, programId, "aggregates.view");
    const suppress = !decide(ctx.actor.subject, "person.list", resource).allowed;
    const questionnaires = await loadQuestionnaires(tx, program);
    const rows = await tx
      .selectFrom("survey_answers as a")
      .innerJoin("survey_responses as r", "r.id", "a.response_id")
      .select(["r.id as response_id", "r.version_id", "r.answered_on", "a.question_key", "a.value", "a.text"])
      .where("r.program_id", "=", program.id)
      .where("r.answered_on", ">=", from)
      .where("r.answered_on", "<=", to)
      .execute();
    const facts = rows.map((r) => ({ versionId: r.version_id, key: r.question_key, value: r.value, answeredOn: r.answered_on }));
    const versions: VersionResult[] = [];
    for (const q of questionnaires) {
      for (const v of q.versions) {
        const responses = new Set(rows.filter((r) => r.version_id === v.id).map((r) => r.response_id)).size;
        if (responses === 0) continue;
        const tallies = tallyVersion(v.id, v.questions, facts);
        versions.push({
          questionnaireId: q.id,
          name: q.name,
          national: q.national,
          version: v.version,
          versionId: v.id,
          responses: suppress ? suppressTable([[responses]]).grandTotal : { shown: responses },
          questions: v.questions.map((question, i): QuestionResult => {
            const t = tallies[i]!;
            const labels = question.kind === "scale" ? question.options : question.kind === "yes_no" ? ["no", "yes"] : [];
            const table = suppress && t.counts.length ? suppressTable([t.counts]) : null;
            return {
              key: question.key,
              kind: question.kind,
              text: question.text,
              labels,
              counts: table ? table.cells[0]! : t.counts.map((n) => ({ shown: n })),
              total: table ? table.grandTotal : suppress ? suppressTable([[t.total]]).grandTotal : { shown: t.total },
              agree: t.agree === null ? null : suppress ? suppressFraction(t.agree, t.total) : { numerator: { shown: t.agree }, denominator: { shown: t.total }, percent: t.total ? Math.floor((t.agree * 100) / t.total) : null },
              agreeFrom: agreeThreshold(question),
              goal: question.goal,
              texts: question.kind === "free_text" && !suppress ? rows.filter((r) => r.version_id === v.id && r.question_key === question.key && r.text !== null).map((r) => r.text!).sort() : null,
            };
          }),
        });
      }
    }
    await auditByActor(tx, ctx, role, {
      action: "survey.results",
      entityType: "program",
      entityId: program.id,
      programId: program.id,
      federationId: program.federation_id,
      details: { from, to, suppressed: suppress },
    });
    return { program: { id: program.id, name: program.name }, from, to, suppressed: suppress, versions };
  });
}

/** Whether the reader may open the program's surveys page (for a link on the program's page). */
export async function mayManageSurveys(ctx: ServiceContext, programId: string): Promise<{ manage: boolean; results: boolean }> {
  if (!isUuid(programId)) return { manage: false, results: false };
  const program = await ctx.db.selectFrom("programs").select(["id", "federation_id"]).where("id", "=", programId).executeTakeFirst();
  if (!program) return { manage: false, results: false };
  const resource: Resource = { type: "program", programId: program.id, federationId: program.federation_id };
  return { manage: decide(ctx.actor.subject, "survey.manage", resource).allowed, results: decide(ctx.actor.subject, "aggregates.view", resource).allowed };
}
