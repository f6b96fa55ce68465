import type { ColumnType, Generated } from "kysely";

// Kysely's view of the journey tables (migration 0004_journey). Dates are ISO strings, timestamps Date.
// JSON columns are read as their objects and written as JSON text.

type Json<T> = ColumnType<T, string | undefined, string>;
type JsonRequired<T> = ColumnType<T, string, string>;
type Immutable<T> = ColumnType<T, T, never>;

/** A plan as the participant and coordinator wrote it: one snapshot per version. */
export interface PlanContent {
  longTermGoal: { kind: "work" | "studies" | "work_rehabilitation" | "other" | null; text: string };
  subGoals: { id: string; text: string }[];
  obstacles: { id: string; text: string; howToOvercome: string }[];
  actions: {
    id: string;
    what: string;
    who: "participant" | "coordinator" | "authority";
    /** When `who` is an authority: which member authority. */
    authorityId: string | null;
    byWhen: string | null;
    status: "planned" | "in_progress" | "done" | "cancelled";
    agreed: boolean;
  }[];
  /** At exit: the plan for the future, with the team's and coordinator's recommendations. */
  recommendations: string;
}

export interface PlanChange {
  /** e.g. "longTermGoal", "actions.<id>", "subGoals.<id>" */
  path: string;
  change: "added" | "removed" | "changed";
}

export interface PlanTable {
  id: Generated<string>;
  enrolment_id: string;
  person_id: string;
  program_id: string;
  current_version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface PlanVersionTable {
  plan_id: string;
  version: number;
  content: JsonRequired<PlanContent>;
  changes: Json<PlanChange[]>;
  stage: Generated<"ongoing" | "final">;
  author_id: string;
  created_at: Immutable<Date>;
}

export interface PlanAcceptanceTable {
  id: Generated<string>;
  plan_id: string;
  version: number;
  accepted_on: string;
  method: "signed" | "in_meeting" | "by_phone" | "digital";
  note: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

/** One life area of the wheel: a name and a plain-language description of each step 1-10, per language. */
export interface WheelArea {
  key: string;
  group: "life" | "work_readiness";
  label: Record<"sv" | "nb" | "en", string>;
  /** Ten descriptions, for scores 1..10. */
  steps: Record<"sv" | "nb" | "en", string[]>;
}

export interface WheelInstrumentTable {
  id: Generated<string>;
  program_id: string | null;
  version: number;
  areas: JsonRequired<WheelArea[]>;
  created_by: string | null;
  created_at: Date;
}

export interface WheelReadingTable {
  id: Generated<string>;
  enrolment_id: string;
  person_id: string;
  program_id: string;
  instrument_id: string;
  rated_by: "participant" | "coordinator";
  occasion: "start" | "during" | "exit";
  reading_date: string;
  /** Area key -> score 1..10 (an area may be left out). */
  scores: JsonRequired<Record<string, number>>;
  note: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

export interface JournalNoteTable {
  id: Generated<string>;
  person_id: string;
  program_id: string;
  enrolment_id: string | null;
  note_date: string;
  kind: "individual" | "group" | "authority_contact" | "other";
  body: string;
  visibility: "staff" | "shared";
  corrects_id: string | null;
  author_id: string;
  created_at: Date;
}

export interface NetworkContactTable {
  id: Generated<string>;
  person_id: string;
  program_id: string;
  kind: "authority" | "health" | "family" | "other";
  authority_id: string | null;
  name: string;
  organisation: Generated<string>;
  role: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  note: Generated<string>;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  ended_at: Date | null;
}

export interface Attendee {
  kind: "participant" | "coordinator" | "case_officer" | "network" | "other";
  userId: string | null;
  contactId: string | null;
  name: string;
}

export interface FollowUpTable {
  id: Generated<string>;
  enrolment_id: string;
  person_id: string;
  program_id: string;
  planned_date: string;
  planned_time: string | null;
  place: Generated<string>;
  status: Generated<"planned" | "held" | "cancelled">;
  held_on: string | null;
  attendees: Json<Attendee[]>;
  notes: Generated<string>;
  reminded_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export type ExitKind = "completed" | "interrupted";
export type ExitReason = "according_to_plan" | "health" | "other" | "consent_withdrawn" | "own_initiative" | "moved" | "no_contact";
export type ExitOccupation = "employment" | "subsidised_employment" | "studies" | "job_seeking" | "work_rehabilitation" | "sick_leave" | "other";

export interface ExitTable {
  id: Generated<string>;
  enrolment_id: string;
  person_id: string;
  program_id: string;
  exit_date: string;
  kind: ExitKind;
  reason: ExitReason;
  occupation: ExitOccupation;
  income_source: string;
  meeting_date: string | null;
  meeting_attendees: Json<Attendee[]>;
  final_plan_version: number | null;
  note: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

export interface PassivePhaseTable {
  id: Generated<string>;
  enrolment_id: string;
  person_id: string;
  program_id: string;
  started_on: string;
  ended_on: string | null;
  reason: "after_exit" | "past_planned_end";
  note: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

export type NinetyDayOutcome = "af_registered" | "studying" | "working" | "other" | "not_reached";

export interface NinetyDayFollowUpTable {
  exit_id: string;
  enrolment_id: string;
  person_id: string;
  program_id: string;
  due_on: string;
  answered_on: string | null;
  outcome: NinetyDayOutcome | null;
  note: Generated<string>;
  recorded_by: string | null;
  recorded_at: Date | null;
}

export interface WorkPlacementTable {
  id: Generated<string>;
  enrolment_id: string;
  person_id: string;
  program_id: string;
  employer: string;
  kind: "internship" | "subsidised" | "competitive";
  start_date: string;
  end_date: string | null;
  hours_per_week: number;
  note: Generated<string>;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface JourneyTables {
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  plan_acceptances: PlanAcceptanceTable;
  wheel_instruments: WheelInstrumentTable;
  wheel_readings: WheelReadingTable;
  journal_notes: JournalNoteTable;
  network_contacts: NetworkContactTable;
  follow_ups: FollowUpTable;
  exits: ExitTable;
  passive_phases: PassivePhaseTable;
  ninety_day_followups: NinetyDayFollowUpTable;
  work_placements: WorkPlacementTable;
}
