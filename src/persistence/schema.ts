import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { FollowUpTables } from "./schema-followup.ts";
import type { BudgetTables } from "./schema-budget.ts";
import type { GroupLifeTables } from "./schema-group.ts";
import type { JourneyTables } from "./schema-journey.ts";
import type { SurveyTables } from "./schema-surveys.ts";
import type { ReportTables } from "./schema-reports.ts";

// Kysely's view of the tables created by the migrations in ./migrations.
// Dates (SQL `date`) are read and written as ISO strings "YYYY-MM-DD"; timestamps as Date.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface FederationTable {
  id: Generated<string>;
  name: string;
  country: "SE" | "NO";
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AuthorityTable {
  id: Generated<string>;
  federation_id: string;
  name: string;
  kind: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AuthorityUnitTable {
  id: Generated<string>;
  authority_id: string;
  name: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProgramTable {
  id: Generated<string>;
  federation_id: string;
  owner_authority_id: string;
  name: string;
  description: Generated<string>;
  active: Generated<boolean>;
  min_age: Generated<number>;
  max_age: Generated<number>;
  priority_max_age: Generated<number>;
  planned_months: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProgramGroupTable {
  id: Generated<string>;
  program_id: string;
  kind: "ordinary" | "pre_group";
  name: string;
  capacity: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: Generated<string>;
  active: Generated<boolean>;
  deactivated_at: Date | null;
  must_change_password: Generated<boolean>;
  password_changed_at: Date | null;
  /** The federation the account belongs to (docs/decisions/0007-account-ownership.md); null: the installation's. */
  home_federation_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Has the user chosen their language themselves (then a language picked before sign-in does not replace it)? */
  locale_chosen: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PersonTable {
  id: Generated<string>;
  program_id: string;
  reference: string;
  first_name: string;
  last_name: string;
  id_number: string | null;
  id_number_kind: string | null;
  sex: string;
  birth_date: string;
  email: string | null;
  phone: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  preferred_language: string;
  protected_identity: boolean;
  version: Generated<number>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface PersonStaffTable {
  id: Generated<string>;
  person_id: string;
  user_id: string;
  relation: string;
  created_at: CreatedAt;
  created_by: string | null;
  ended_at: Date | null;
}

export interface RoleAssignmentTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  federation_id: string | null;
  program_id: string | null;
  authority_id: string | null;
  unit_id: string | null;
  person_id: string | null;
  created_at: CreatedAt;
  created_by: string | null;
  ended_at: Date | null;
  ended_by: string | null;
}

export interface SessionTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  ended_at: Date | null;
  end_reason: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Date;
  created_by: string | null;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: Date;
  last_failure_at: Date;
  locked_until: Date | null;
}

export interface AuditEventTable {
  // bigint comes back from the drivers as a string; the service converts it.
  seq: ColumnType<string, number | string, never>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  person_id: string | null;
  program_id: string | null;
  federation_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  last_seq: ColumnType<string, number | string, number | string>;
  last_hash: string;
}

export interface FileTable {
  id: Generated<string>;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface StudyVisitScheduleTable {
  program_id: string;
  weekday: number;
  weeks: "every" | "even" | "odd";
  start_time: string;
  end_time: string;
  capacity: number;
  location: Generated<string>;
  updated_at: Timestamp;
}

export interface StudyVisitExceptionTable {
  program_id: string;
  original_date: string;
  cancelled: Generated<boolean>;
  moved_date: string | null;
  moved_start: string | null;
  moved_end: string | null;
  note: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface StudyVisitBookingTable {
  id: Generated<string>;
  program_id: string;
  slot_date: string;
  visitor_name: string;
  accompanying_user_id: string | null;
  accompanying_name: Generated<string>;
  note: Generated<string>;
  status: Generated<"booked" | "cancelled" | "attended" | "no_show">;
  booked_by: string;
  request_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ActiveAtEntry {
  authorityId: string;
  contactName: string;
  contactDetails: string;
}

export interface InterestRequestTable {
  id: Generated<string>;
  program_id: string;
  person_id: string;
  author_id: string;
  referring_authority_id: string;
  referring_unit_id: string | null;
  status: Generated<"draft" | "submitted" | "decided" | "withdrawn">;
  income_source: string | null;
  income_source_other: Generated<string>;
  active_at: ColumnType<ActiveAtEntry[], string | undefined, string>;
  situation: Generated<string>;
  tried_before: Generated<string>;
  why_not_enough: Generated<string>;
  goals: Generated<string>;
  motivation: Generated<string>;
  health: Generated<string>;
  obstacles: Generated<string>;
  needs_travel: Generated<boolean>;
  needs_interpreter: Generated<boolean>;
  interpreter_language: Generated<string>;
  accessibility_needs: Generated<string>;
  other_needs: Generated<string>;
  submitted_at: Date | null;
  decided_at: Date | null;
  decision: "accepted" | "not_ready" | null;
  recommendation: Generated<string>;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawal_reason: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConsentTable {
  id: Generated<string>;
  person_id: string;
  program_id: string;
  request_id: string | null;
  purpose: string;
  given_on: string;
  valid_until: string;
  method: "signed_form" | "recorded";
  file_id: string | null;
  recorded_by: string;
  recorded_at: Date;
  ended_at: Date | null;
  end_reason: "withdrawn" | "replaced" | null;
  ended_by: string | null;
  end_note: Generated<string>;
}

export interface ConsentAuthorityTable {
  consent_id: string;
  authority_id: string;
}

export interface ConsultationTable {
  id: Generated<string>;
  program_id: string;
  author_id: string;
  authority_id: string | null;
  age_band: string;
  sex: string;
  situation: string;
  question: string;
  status: Generated<"submitted" | "answered" | "withdrawn">;
  advice: Generated<string>;
  answered_at: Date | null;
  answered_meeting_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TeamMeetingSettingsTable {
  program_id: string;
  anchor: string;
  interval_weeks: number;
  start_time: string;
  duration_minutes: number;
  location: Generated<string>;
}

export interface TeamMeetingTable {
  id: Generated<string>;
  program_id: string;
  date: string;
  start_time: string;
  end_time: string;
  location: Generated<string>;
  status: Generated<"planned" | "held" | "cancelled">;
  notes: Generated<string>;
  created_at: CreatedAt;
}

export interface TeamMeetingAttendanceTable {
  meeting_id: string;
  user_id: string;
  authority_id: string | null;
  present: boolean;
}

export interface AgendaItemTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  request_id: string | null;
  consultation_id: string | null;
  created_at: CreatedAt;
}

export interface RequestAssessmentTable {
  id: Generated<string>;
  request_id: string;
  meeting_id: string;
  own_options_tried: boolean | null;
  able_with_support: boolean | null;
  wants_to_take_part: boolean | null;
  outcome: "accept" | "not_ready" | "postpone";
  recommendation: Generated<string>;
  postpone_reason: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

export interface PlacementTable {
  id: Generated<string>;
  program_id: string;
  person_id: string;
  request_id: string;
  accepted_on: string;
  priority: number;
  place: "ordinary" | "pre_group" | "waiting";
  placed_at: Date;
  moved_at: Date | null;
  ended_at: Date | null;
  end_reason: Generated<string>;
}

export interface EnrolmentTable {
  id: Generated<string>;
  program_id: string;
  person_id: string;
  placement_id: string;
  coordinator_id: string;
  start_date: string;
  planned_end_date: string;
  income_source: string;
  education_level: string;
  /** The occupation at the start, in the exit's words (domain/exit.ts); null for enrolments made before it was asked. */
  occupation_at_start: ColumnType<string | null, string | null | undefined, string | null>;
  first_meeting_date: string | null;
  first_meeting_time: string | null;
  first_meeting_place: Generated<string>;
  therapist_offered: Generated<boolean>;
  therapist_accepted: boolean | null;
  created_by: string;
  created_at: CreatedAt;
  ended_on: string | null;
}

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  params: ColumnType<Record<string, string | number>, string | undefined, string>;
  link: string;
  created_at: Date;
  read_at: Date | null;
}

export interface OutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body: string;
  notification_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

/** Every table: the foundation and intake ones here, the journey's in schema-journey.ts, group life's in schema-group.ts. */
export interface DB extends JourneyTables, GroupLifeTables, FollowUpTables, BudgetTables, SurveyTables, ReportTables {
  federations: FederationTable;
  authorities: AuthorityTable;
  authority_units: AuthorityUnitTable;
  programs: ProgramTable;
  program_groups: ProgramGroupTable;
  users: UserTable;
  people: PersonTable;
  person_staff: PersonStaffTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  audit_events: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  files: FileTable;
  study_visit_schedules: StudyVisitScheduleTable;
  study_visit_exceptions: StudyVisitExceptionTable;
  study_visit_bookings: StudyVisitBookingTable;
  interest_requests: InterestRequestTable;
  consents: ConsentTable;
  consent_authorities: ConsentAuthorityTable;
  consultations: ConsultationTable;
  team_meeting_settings: TeamMeetingSettingsTable;
  team_meetings: TeamMeetingTable;
  team_meeting_attendance: TeamMeetingAttendanceTable;
  agenda_items: AgendaItemTable;
  request_assessments: RequestAssessmentTable;
  placements: PlacementTable;
  enrolments: EnrolmentTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
}

export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type UserRow = Selectable<UserTable>;
export type RoleAssignmentRow = Selectable<RoleAssignmentTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
