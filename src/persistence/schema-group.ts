import type { ColumnType, Generated } from "kysely";

// Kysely's view of the group-life tables (migration 0006_group_life). Dates are ISO strings, times "HH:MM",
// timestamps Date, money whole öre/øre. JSON columns are read as their objects and written as JSON text.

type Json<T> = ColumnType<T, string | undefined, string>;
type JsonRequired<T> = ColumnType<T, string, string>;

export type GroupKind = "ordinary" | "pre_group";
export type AccessibilityStatus = "yes" | "partly" | "no" | "unknown";

export interface ActivityKindTable {
  id: Generated<string>;
  program_id: string;
  key: string;
  label: string;
  created_by: string;
  created_at: Date;
  archived_at: Date | null;
}

export interface VenueTable {
  id: Generated<string>;
  program_id: string;
  name: string;
  address: Generated<string>;
  accessibility: Json<Record<string, { status: AccessibilityStatus; note: string }>>;
  notes: Generated<string>;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

export interface VenueRoomTable {
  id: Generated<string>;
  venue_id: string;
  name: string;
  capacity: number | null;
  notes: Generated<string>;
  archived_at: Date | null;
}

export interface ActivitySeriesTable {
  id: Generated<string>;
  program_id: string;
  kind: string;
  title: string;
  topic: string | null;
  weekdays: number[];
  start_time: string;
  end_time: string;
  first_date: string;
  last_date: string;
  weeks: Generated<"every" | "even" | "odd">;
  skip_holidays: Generated<"all" | "public" | "none">;
  venue_id: string | null;
  room_id: string | null;
  group_kinds: Generated<GroupKind[]>;
  notes: Generated<string>;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface ActivitySeriesLeaderTable {
  series_id: string;
  user_id: string;
}

export interface ActivitySeriesPersonTable {
  series_id: string;
  person_id: string;
}

export interface ActivityExceptionTable {
  id: Generated<string>;
  series_id: string;
  original_date: string;
  kind: "cancelled" | "changed";
  date: string | null;
  start_time: string | null;
  end_time: string | null;
  venue_id: string | null;
  note: Generated<string>;
  created_by: string;
  created_at: Date;
}

export interface ActivitySessionTable {
  id: Generated<string>;
  program_id: string;
  series_id: string | null;
  original_date: string | null;
  kind: string;
  title: string;
  topic: string | null;
  date: string;
  start_time: string;
  end_time: string;
  venue_id: string | null;
  room_id: string | null;
  group_kinds: Generated<GroupKind[]>;
  status: Generated<"scheduled" | "cancelled">;
  notes: Generated<string>;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface ActivitySessionLeaderTable {
  session_id: string;
  user_id: string;
}

export interface ActivitySessionPersonTable {
  session_id: string;
  person_id: string;
}

export interface AttendanceTable {
  session_id: string;
  person_id: string;
  status: "present" | "late" | "absent_with_notice" | "absent_without_notice" | "sick";
  minutes_late: number | null;
  note: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

export interface AbsenceRulesTable {
  program_id: string;
  consecutive_unexcused: number;
  excused_breaks_run: boolean;
  low_rate_percent: number;
  window_days: number;
  min_sessions: number;
  updated_by: string;
  updated_at: Date;
}

export interface AbsenceFollowUpTable {
  id: Generated<string>;
  program_id: string;
  enrolment_id: string;
  person_id: string;
  rule: "consecutive_unexcused" | "low_rate";
  trigger_key: string;
  details: JsonRequired<Record<string, unknown>>;
  created_at: Date;
  /** When the coordinator should have called: two days after the session that made the rule hold (0007). */
  due_on: string;
  outcome: "reached" | "not_reached" | "new_agreement" | null;
  outcome_on: string | null;
  outcome_note: Generated<string>;
  outcome_by: string | null;
  outcome_at: Date | null;
}

export interface AttendanceReportSignoffTable {
  id: Generated<string>;
  enrolment_id: string;
  month: string;
  authority_id: string | null;
  totals: JsonRequired<Record<string, unknown>>;
  signed_by: string;
  signed_at: Date;
}

export interface BreakfastDutyTable {
  id: Generated<string>;
  program_id: string;
  date: string;
  person_id: string;
  planned_by: string;
  planned_at: Date;
}

export interface BreakfastSwapTable {
  id: Generated<string>;
  program_id: string;
  a_person_id: string;
  a_date: string;
  b_person_id: string;
  b_date: string;
  recorded_by: string;
  recorded_at: Date;
}

export interface TravelBudgetTable {
  program_id: string;
  year: number;
  amount_minor: number;
  currency: "SEK" | "NOK";
  set_by: string;
  set_at: Date;
}

export interface TravelDisbursementTable {
  id: Generated<string>;
  program_id: string;
  person_id: string;
  date: string;
  amount_minor: number;
  currency: "SEK" | "NOK";
  purpose: string;
  paid_by: string;
  receipt_file_id: string | null;
  recorded_by: string;
  recorded_at: Date;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface CalendarFeedTable {
  id: Generated<string>;
  user_id: string;
  program_id: string;
  group_kind: GroupKind | null;
  token_hash: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** A program's own session topic (0007). */
export interface ActivityTopicTable {
  id: Generated<string>;
  program_id: string;
  key: string;
  label: string;
  created_by: string;
  created_at: Date;
  archived_at: Date | null;
}

export interface GroupLifeTables {
  activity_kinds: ActivityKindTable;
  activity_topics: ActivityTopicTable;
  venues: VenueTable;
  venue_rooms: VenueRoomTable;
  activity_series: ActivitySeriesTable;
  activity_series_leaders: ActivitySeriesLeaderTable;
  activity_series_people: ActivitySeriesPersonTable;
  activity_exceptions: ActivityExceptionTable;
  activity_sessions: ActivitySessionTable;
  activity_session_leaders: ActivitySessionLeaderTable;
  activity_session_people: ActivitySessionPersonTable;
  attendance: AttendanceTable;
  absence_rules: AbsenceRulesTable;
  absence_followups: AbsenceFollowUpTable;
  attendance_report_signoffs: AttendanceReportSignoffTable;
  breakfast_duties: BreakfastDutyTable;
  breakfast_swaps: BreakfastSwapTable;
  travel_budgets: TravelBudgetTable;
  travel_disbursements: TravelDisbursementTable;
  calendar_feeds: CalendarFeedTable;
}
