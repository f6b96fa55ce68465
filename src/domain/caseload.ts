import type { AbsenceRuleKind } from "./attendance.ts";
import { addDays, compareDates } from "./calendar.ts";
import {
  dueState,
  NEARING_END_DAYS,
  nearingPlannedEnd,
  nextFollowUp,
  nextReading,
  ninetyDayDue,
  pastPlannedEnd,
  type ReadingOccasion,
} from "./journey-dates.ts";

// The coordinator's caseload: what needs doing now for one participant, computed from the facts of the
// enrolment (never from hand-kept lists). Each flag has a due date and a state; the caseload sorts the
// most urgent first. Due dates come from journey-dates.ts; the rules below only add what the caseload
// itself decides (when a missing plan or acceptance starts to matter); the absence rules are the program's own
// (attendance.ts), and an open absence follow-up is a flag here.

/** The first plan should be written with the participant within two weeks of the start. */
export const NEW_WITHOUT_PLAN_DAYS = 14;
/** A new plan version should be accepted by the participant within two weeks of being written. */
export const PLAN_ACCEPTANCE_DAYS = 14;
/**
 * "You are missed and asked for": an absence follow-up (made by the program's absence rules, see
 * attendance.ts) is due this many days after the session that made the rule hold.
 */
export const ABSENCE_CONTACT_DAYS = 2;

/** The kinds of flags, in the order they are listed when equally urgent. */
export const FLAG_KINDS = [
  "absent",
  "past_end",
  "no_plan",
  "plan_not_accepted",
  "follow_up",
  "reading",
  "ninety_day",
  "nearing_end",
  "passive",
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** Overdue, due today, soon (within the warning window), or a plain notice (the passive phase). */
export const FLAG_STATES = ["overdue", "due", "soon", "notice"] as const;
export type FlagState = (typeof FLAG_STATES)[number];

interface FlagBase {
  state: FlagState;
  /** ISO date: when it should be done (for a notice: since when it applies). */
  due: string;
}

export type CaseloadFlag =
  | (FlagBase & { kind: "no_plan" })
  | (FlagBase & { kind: "plan_not_accepted"; version: number })
  | (FlagBase & { kind: "follow_up"; booked: boolean })
  | (FlagBase & { kind: "reading"; occasion: ReadingOccasion })
  | (FlagBase & { kind: "nearing_end" })
  | (FlagBase & { kind: "past_end" })
  | (FlagBase & { kind: "passive"; reason: PassiveReason })
  | (FlagBase & { kind: "ninety_day" })
  | (FlagBase & { kind: "absent"; rule: AbsenceRuleKind; count: number });

export type PassiveReason = "after_exit" | "past_planned_end";

/**
 * Where the participant is: active; in the passive phase; exited with the 90-day follow-up still to do;
 * or closed (exited, 90-day follow-up answered, no passive contact). Closed enrolments leave the caseload.
 */
export const STAGES = ["active", "passive", "exited", "closed"] as const;
export type Stage = (typeof STAGES)[number];

/** The facts of one enrolment the caseload needs. All dates are ISO calendar dates. */
export interface EnrolmentFacts {
  startDate: string;
  plannedEndDate: string;
  /** The plan's current version, or null while no version has been written. */
  plan: { version: number; writtenOn: string; accepted: boolean } | null;
  followUps: { held: readonly string[]; planned: readonly string[] };
  readings: readonly { date: string; occasion: ReadingOccasion }[];
  exit: {
    date: string;
    /** The 90-day follow-up as recorded; null when no row exists yet (then it is due 90 days after exit). */
    ninetyDay: { dueOn: string; answeredOn: string | null } | null;
  } | null;
  /** The open passive phase, if any. */
  passivePhase: { startedOn: string; reason: PassiveReason } | null;
  /**
   * The open absence follow-ups (no outcome yet, or "not reached"): when each is due and which rule made
   * it. Left out, no absence flag is shown at all.
   */
  absenceFollowUps?: readonly { dueOn: string; rule: AbsenceRuleKind }[] | undefined;
}

/** The stage on a day. An exit recorded ahead of its date counts from that date. */
export function stageOf(facts: EnrolmentFacts, today: string): Stage {
  const exit = facts.exit && facts.exit.date <= today ? facts.exit : null;
  if (exit && !exit.ninetyDay?.answeredOn) return "exited";
  if (facts.passivePhase) return "passive";
  if (exit) return "closed";
  return "active";
}

/** The date the 90-day follow-up is due for an exit. */
function ninetyDayDueOn(exit: NonNullable<EnrolmentFacts["exit"]>): string {
  return exit.ninetyDay?.dueOn ?? ninetyDayDue(exit.date);
}

/** A flag before it is known whether it is shown (state null: not now). */
type Pending<F> = F extends CaseloadFlag ? Omit<F, "state"> & { state: FlagState | null } : never;

/** A date-based flag is shown once it is soon, due or overdue; "later" is not something to do now. */
function whenDue(due: string, today: string, soonDays?: number): Exclude<FlagState, "notice"> | null {
  const state = dueState(due, today, soonDays);
  return state === "later" ? null : state;
}

/** What needs doing now for one enrolment, most urgent first. */
export function caseloadFlags(facts: EnrolmentFacts, today: string): CaseloadFlag[] {
  const stage = stageOf(facts, today);
  const flags: CaseloadFlag[] = [];
  const push = (flag: Pending<CaseloadFlag>) => {
    if (flag.state !== null) flags.push(flag as CaseloadFlag);
  };

  if (stage === "active") {
    const open = [...(facts.absenceFollowUps ?? [])].sort((a, b) => compareDates(a.dueOn, b.dueOn));
    if (open.length > 0) {
      const first = open[0]!;
      // Shown from the day it is made: a call is never "later".
      const state = dueState(first.dueOn, today);
      flags.push({ kind: "absent", due: first.dueOn, state: state === "later" ? "soon" : state, rule: first.rule, count: open.length });
    }
    if (!facts.plan) {
      const due = addDays(facts.startDate, NEW_WITHOUT_PLAN_DAYS);
      push({ kind: "no_plan", due, state: whenDue(due, today) });
    } else if (!facts.plan.accepted) {
      const due = addDays(facts.plan.writtenOn, PLAN_ACCEPTANCE_DAYS);
      push({ kind: "plan_not_accepted", due, state: whenDue(due, today), version: facts.plan.version });
    }
    const followUp = nextFollowUp({ startDate: facts.startDate, held: facts.followUps.held, planned: facts.followUps.planned });
    push({ kind: "follow_up", due: followUp.date, state: whenDue(followUp.date, today), booked: followUp.booked });
    // With an exit date ahead, the next reading is the one at exit.
    const reading = nextReading({ startDate: facts.startDate, readings: facts.readings, exitDate: facts.exit?.date ?? null });
    if (reading) push({ kind: "reading", due: reading.date, state: whenDue(reading.date, today), occasion: reading.occasion });
    if (pastPlannedEnd(facts.plannedEndDate, today)) {
      flags.push({ kind: "past_end", due: facts.plannedEndDate, state: "overdue" });
    } else if (nearingPlannedEnd(facts.plannedEndDate, today)) {
      push({ kind: "nearing_end", due: facts.plannedEndDate, state: whenDue(facts.plannedEndDate, today, NEARING_END_DAYS) });
    }
  }

  if (stage === "exited" && facts.exit) {
    const due = ninetyDayDueOn(facts.exit);
    push({ kind: "ninety_day", due, state: whenDue(due, today) });
    // The reading at exit, while the exit is still being followed up.
    const reading = nextReading({ startDate: facts.startDate, readings: facts.readings, exitDate: facts.exit.date });
    if (reading) push({ kind: "reading", due: reading.date, state: whenDue(reading.date, today), occasion: reading.occasion });
  }

  if (facts.passivePhase) {
    flags.push({ kind: "passive", due: facts.passivePhase.startedOn, state: "notice", reason: facts.passivePhase.reason });
  }
  return flags.sort(compareFlags);
}

const STATE_RANK: Record<FlagState, number> = { overdue: 0, due: 1, soon: 2, notice: 3 };

/** Overdue first, then due today, then soon, then notices; within a state the earliest date first. */
export function compareFlags(a: CaseloadFlag, b: CaseloadFlag): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) ||
    FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind)
  );
}

/**
 * Which of two participants is more urgent, by their flags (each list sorted with compareFlags): the one
 * whose most urgent flag comes first; when those are alike, the next ones decide; more flags before fewer;
 * none at all last. 0 when alike (the caller breaks the tie, e.g. by name).
 */
export function compareUrgency(a: readonly CaseloadFlag[], b: readonly CaseloadFlag[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (!x) return 1;
    if (!y) return -1;
    const c = compareFlags(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Whether anything needs doing (a notice alone, such as the passive phase, does not). */
export function needsAction(flags: readonly CaseloadFlag[]): boolean {
  return flags.some((f) => f.state !== "notice");
}
