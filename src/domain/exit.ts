import { addDays } from "./calendar.ts";
import { pastPlannedEnd } from "./journey-dates.ts";

// The end of a participant's time in the program and what follows it: the exit (its kind, reason,
// occupation and income source), the passive phase (a lighter form of contact after exit or past the
// planned twelve months), the 90-day follow-up, and the follow-up meetings before that.
// Plain rules on ISO dates ("YYYY-MM-DD"); the services read the facts and turn the codes into messages.

export const EXIT_KINDS = ["completed", "interrupted"] as const;
export type ExitKind = (typeof EXIT_KINDS)[number];

/** Which reasons go with which kind (the national follow-up's split: completed or interrupted). */
export const EXIT_REASONS_BY_KIND = {
  completed: ["according_to_plan", "health", "other"],
  interrupted: ["consent_withdrawn", "own_initiative", "moved", "no_contact"],
} as const satisfies Record<ExitKind, readonly string[]>;

export type ExitReason = (typeof EXIT_REASONS_BY_KIND)[ExitKind][number];
export const EXIT_REASONS = [...EXIT_REASONS_BY_KIND.completed, ...EXIT_REASONS_BY_KIND.interrupted] as const;

/** Occupation at exit (as SUS recorded "occupation after"). */
export const EXIT_OCCUPATIONS = ["employment", "subsidised_employment", "studies", "job_seeking", "work_rehabilitation", "sick_leave", "other"] as const;
export type ExitOccupation = (typeof EXIT_OCCUPATIONS)[number];

/** The answers to the 90-day follow-up; "not reached" is an answer too. */
export const NINETY_DAY_OUTCOMES = ["af_registered", "studying", "working", "other", "not_reached"] as const;
export type NinetyDayOutcome = (typeof NINETY_DAY_OUTCOMES)[number];

/** How far ahead an exit date (or the start of a passive phase) may lie. */
export const EXIT_MAX_DAYS_AHEAD = 30;
/** How far ahead a follow-up meeting may be booked. */
export const FOLLOW_UP_MAX_DAYS_AHEAD = 366;

export function isExitReason(value: unknown): value is ExitReason {
  return typeof value === "string" && (EXIT_REASONS as readonly string[]).includes(value);
}

/** The kind a reason belongs to: the kind follows from the reason. */
export function kindOfReason(reason: ExitReason): ExitKind {
  return (EXIT_REASONS_BY_KIND.completed as readonly string[]).includes(reason) ? "completed" : "interrupted";
}

export function reasonBelongsTo(kind: ExitKind, reason: ExitReason): boolean {
  return (EXIT_REASONS_BY_KIND[kind] as readonly string[]).includes(reason);
}

export type ExitField = "reason" | "exitDate" | "meetingDate";
export type ExitProblemCode = "reasonNotOfKind" | "needsAcceptedFinalPlan" | "beforeStart" | "tooFarAhead" | "meetingBeforeStart" | "meetingTooFarAhead";
export interface Problem<F extends string, C extends string> {
  field: F;
  code: C;
}

/**
 * What stands in the way of an exit: the reason must belong to the kind (when one is given), "according
 * to plan" needs an accepted final plan, and the exit date lies on or after the start and at most
 * EXIT_MAX_DAYS_AHEAD days ahead (the exit meeting too, when there is one).
 */
export function exitProblems(input: {
  kind?: ExitKind | null | undefined;
  reason: ExitReason;
  exitDate: string;
  startDate: string;
  today: string;
  hasAcceptedFinalPlan: boolean;
  meetingDate?: string | null | undefined;
}): Problem<ExitField, ExitProblemCode>[] {
  const problems: Problem<ExitField, ExitProblemCode>[] = [];
  const latest = addDays(input.today, EXIT_MAX_DAYS_AHEAD);
  if (input.kind && !reasonBelongsTo(input.kind, input.reason)) problems.push({ field: "reason", code: "reasonNotOfKind" });
  else if (input.reason === "according_to_plan" && !input.hasAcceptedFinalPlan) problems.push({ field: "reason", code: "needsAcceptedFinalPlan" });
  if (input.exitDate < input.startDate) problems.push({ field: "exitDate", code: "beforeStart" });
  else if (input.exitDate > latest) problems.push({ field: "exitDate", code: "tooFarAhead" });
  if (input.meetingDate) {
    if (input.meetingDate < input.startDate) problems.push({ field: "meetingDate", code: "meetingBeforeStart" });
    else if (input.meetingDate > latest) problems.push({ field: "meetingDate", code: "meetingTooFarAhead" });
  }
  return problems;
}

export type PassiveReason = "after_exit" | "past_planned_end";

/**
 * Whether a passive phase may start on a day: on or after the exit date, or past the planned end of the
 * enrolment (the twelve months are a soft limit). Not more than EXIT_MAX_DAYS_AHEAD days ahead.
 */
export function passivePhaseStart(input: {
  startedOn: string;
  today: string;
  exitDate: string | null;
  plannedEndDate: string;
  enrolmentStart: string;
}): { ok: true; reason: PassiveReason } | { ok: false; code: "tooFarAhead" | "notYet" | "beforeStart" } {
  if (input.startedOn > addDays(input.today, EXIT_MAX_DAYS_AHEAD)) return { ok: false, code: "tooFarAhead" };
  if (input.startedOn < input.enrolmentStart) return { ok: false, code: "beforeStart" };
  if (input.exitDate !== null && input.startedOn >= input.exitDate) return { ok: true, reason: "after_exit" };
  if (pastPlannedEnd(input.plannedEndDate, input.startedOn)) return { ok: true, reason: "past_planned_end" };
  return { ok: false, code: "notYet" };
}

/** Whether a passive phase can be started today at all (to offer the form). */
export function passivePhasePossible(input: { today: string; exitDate: string | null; plannedEndDate: string }): boolean {
  const latest = addDays(input.today, EXIT_MAX_DAYS_AHEAD);
  return (input.exitDate !== null && input.exitDate <= latest) || pastPlannedEnd(input.plannedEndDate, latest);
}

/** A passive phase ends on or after its start, and not in the future. */
export function passivePhaseEndProblem(input: { startedOn: string; endedOn: string; today: string }): "beforeStart" | "inFuture" | null {
  if (input.endedOn < input.startedOn) return "beforeStart";
  if (input.endedOn > input.today) return "inFuture";
  return null;
}

/**
 * The 90-day follow-up can be answered once it is due; the answer's date lies between the exit and today.
 * `notDue` concerns the whole form, the others the date field.
 */
export function ninetyDayAnswerProblem(input: { dueOn: string; exitDate: string; answeredOn: string; today: string }): "notDue" | "beforeExit" | "inFuture" | null {
  if (input.today < input.dueOn) return "notDue";
  if (input.answeredOn > input.today) return "inFuture";
  if (input.answeredOn < input.exitDate) return "beforeExit";
  return null;
}

export type FollowUpProblemCode = "beforeStart" | "tooFarAhead" | "inFuture";

/** A follow-up meeting is booked on or after the start and up to a year ahead. */
export function followUpDateProblem(input: { plannedDate: string; startDate: string; today: string }): FollowUpProblemCode | null {
  if (input.plannedDate < input.startDate) return "beforeStart";
  if (input.plannedDate > addDays(input.today, FOLLOW_UP_MAX_DAYS_AHEAD)) return "tooFarAhead";
  return null;
}

/** A held follow-up was held on or after the start, and not in the future. */
export function followUpHeldProblem(input: { heldOn: string; startDate: string; today: string }): FollowUpProblemCode | null {
  if (input.heldOn > input.today) return "inFuture";
  if (input.heldOn < input.startDate) return "beforeStart";
  return null;
}

/** Whether a follow-up booked for `plannedDate` should be reminded of today (`daysBefore` ahead, and not gone by). */
export function reminderDue(plannedDate: string, today: string, daysBefore: number): boolean {
  return plannedDate >= today && plannedDate <= addDays(today, daysBefore);
}
