import { type Kysely, sql } from "kysely";

// Group life: the program's own activity kinds, venues with rooms and the accessibility checklist,
// recurring series with their exceptions, sessions (one-off, or a series' occurrence once something is
// recorded for it), attendance, the absence rules and the follow-up tasks they create, signed monthly
// attendance reports, the breakfast rota with swaps, travel money (budget and disbursements, in whole
// öre/øre) and calendar feeds (secret URLs, stored hashed).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`
      -- A program's own kinds beside Spelplan's defaults (domain/schedule.ts), which are not stored.
      CREATE TABLE activity_kinds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        key text NOT NULL CHECK (key ~ '^[a-z][a-zA-Z0-9-]{1,39}$'),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        archived_at timestamptz,
        UNIQUE (program_id, key)
      )
    `,
    sql`
      CREATE TABLE venues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        address text NOT NULL DEFAULT '',
        -- KRUT's checklist: item key -> { status: yes | partly | no | unknown, note }.
        accessibility jsonb NOT NULL DEFAULT '{}',
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        archived_at timestamptz
      )
    `,
    sql`
      CREATE TABLE venue_rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        venue_id uuid NOT NULL REFERENCES venues (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        capacity integer CHECK (capacity IS NULL OR capacity > 0),
        notes text NOT NULL DEFAULT '',
        archived_at timestamptz
      )
    `,
    sql`
      CREATE TABLE activity_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        kind text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
        topic text,
        weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7 AND weekdays <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]),
        start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        end_time text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        first_date date NOT NULL,
        last_date date NOT NULL,
        weeks text NOT NULL DEFAULT 'every' CHECK (weeks IN ('every', 'even', 'odd')),
        skip_holidays text NOT NULL DEFAULT 'all' CHECK (skip_holidays IN ('all', 'public', 'none')),
        venue_id uuid REFERENCES venues (id),
        room_id uuid REFERENCES venue_rooms (id),
        -- Which of the program's groups take part: ordinary, pre_group (none: only the people listed).
        group_kinds text[] NOT NULL DEFAULT '{}' CHECK (group_kinds <@ ARRAY['ordinary', 'pre_group']::text[]),
        notes text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (end_time > start_time),
        CHECK (last_date >= first_date)
      )
    `,
    sql`
      CREATE TABLE activity_series_leaders (
        series_id uuid NOT NULL REFERENCES activity_series (id),
        user_id uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (series_id, user_id)
      )
    `,
    sql`
      CREATE TABLE activity_series_people (
        series_id uuid NOT NULL REFERENCES activity_series (id),
        person_id uuid NOT NULL REFERENCES people (id),
        PRIMARY KEY (series_id, person_id)
      )
    `,
    sql`
      -- One occurrence of a series cancelled (a holiday, an excursion) or changed (day, time, place).
      CREATE TABLE activity_exceptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL REFERENCES activity_series (id),
        original_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('cancelled', 'changed')),
        date date,
        start_time text,
        end_time text,
        venue_id uuid REFERENCES venues (id),
        note text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        UNIQUE (series_id, original_date)
      )
    `,
    sql`
      -- A session: a one-off (series_id NULL), or a series' occurrence written down once something is recorded
      -- for it (attendance, notes, another leader). Its time is copied from the series at that moment.
      CREATE TABLE activity_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        series_id uuid REFERENCES activity_series (id),
        original_date date,
        kind text NOT NULL,
        title text NOT NULL,
        topic text,
        date date NOT NULL,
        start_time text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        end_time text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        venue_id uuid REFERENCES venues (id),
        room_id uuid REFERENCES venue_rooms (id),
        group_kinds text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        notes text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((series_id IS NULL) = (original_date IS NULL)),
        CHECK (end_time > start_time)
      )
    `,
    sql`CREATE UNIQUE INDEX activity_sessions_occurrence_key ON activity_sessions (series_id, original_date) WHERE series_id IS NOT NULL`,
    sql`CREATE INDEX activity_sessions_program_date ON activity_sessions (program_id, date)`,
    sql`
      CREATE TABLE activity_session_leaders (
        session_id uuid NOT NULL REFERENCES activity_sessions (id),
        user_id uuid NOT NULL REFERENCES users (id),
        PRIMARY KEY (session_id, user_id)
      )
    `,
    sql`
      CREATE TABLE activity_session_people (
        session_id uuid NOT NULL REFERENCES activity_sessions (id),
        person_id uuid NOT NULL REFERENCES people (id),
        PRIMARY KEY (session_id, person_id)
      )
    `,
    sql`
      CREATE TABLE attendance (
        session_id uuid NOT NULL REFERENCES activity_sessions (id),
        person_id uuid NOT NULL REFERENCES people (id),
        status text NOT NULL CHECK (status IN ('present', 'late', 'absent_with_notice', 'absent_without_notice', 'sick')),
        minutes_late integer,
        note text NOT NULL DEFAULT '',
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (session_id, person_id),
        CHECK (minutes_late IS NULL OR (minutes_late > 0 AND status = 'late'))
      )
    `,
    sql`CREATE INDEX attendance_person ON attendance (person_id)`,
    sql`
      -- A program's absence rules (without a row: the defaults in domain/attendance.ts).
      CREATE TABLE absence_rules (
        program_id uuid PRIMARY KEY REFERENCES programs (id),
        consecutive_unexcused integer NOT NULL CHECK (consecutive_unexcused BETWEEN 1 AND 10),
        excused_breaks_run boolean NOT NULL,
        low_rate_percent integer NOT NULL CHECK (low_rate_percent BETWEEN 1 AND 100),
        window_days integer NOT NULL CHECK (window_days BETWEEN 7 AND 90),
        min_sessions integer NOT NULL CHECK (min_sessions BETWEEN 1 AND 30),
        updated_by uuid NOT NULL REFERENCES users (id),
        updated_at timestamptz NOT NULL
      )
    `,
    sql`
      -- A follow-up task that an absence rule created for the participant's coordinator, once per trigger.
      CREATE TABLE absence_followups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        enrolment_id uuid NOT NULL REFERENCES enrolments (id),
        person_id uuid NOT NULL REFERENCES people (id),
        rule text NOT NULL CHECK (rule IN ('consecutive_unexcused', 'low_rate')),
        trigger_key text NOT NULL,
        -- What fired, for explaining it in plain words: the sessions, the rate, the window.
        details jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        outcome text CHECK (outcome IN ('reached', 'not_reached', 'new_agreement')),
        outcome_on date,
        outcome_note text NOT NULL DEFAULT '',
        outcome_by uuid REFERENCES users (id),
        outcome_at timestamptz,
        UNIQUE (enrolment_id, trigger_key)
      )
    `,
    sql`
      -- The coordinator's sign-off of a month's attendance report for the authority that pays the benefit.
      -- A new sign-off of the same month is a new row: the latest counts, the earlier ones stay.
      CREATE TABLE attendance_report_signoffs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES enrolments (id),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        authority_id uuid REFERENCES authorities (id),
        totals jsonb NOT NULL,
        signed_by uuid NOT NULL REFERENCES users (id),
        signed_at timestamptz NOT NULL
      )
    `,
    sql`CREATE INDEX attendance_report_signoffs_month ON attendance_report_signoffs (enrolment_id, month)`,
    sql`
      CREATE TABLE breakfast_duties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        date date NOT NULL,
        person_id uuid NOT NULL REFERENCES people (id),
        planned_by uuid NOT NULL REFERENCES users (id),
        planned_at timestamptz NOT NULL,
        UNIQUE (program_id, date, person_id)
      )
    `,
    sql`
      CREATE TABLE breakfast_swaps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        a_person_id uuid NOT NULL REFERENCES people (id),
        a_date date NOT NULL,
        b_person_id uuid NOT NULL REFERENCES people (id),
        b_date date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL
      )
    `,
    sql`
      -- Money in whole öre/øre: never floating point.
      CREATE TABLE travel_budgets (
        program_id uuid NOT NULL REFERENCES programs (id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        amount_minor integer NOT NULL CHECK (amount_minor >= 0),
        currency text NOT NULL CHECK (currency IN ('SEK', 'NOK')),
        set_by uuid NOT NULL REFERENCES users (id),
        set_at timestamptz NOT NULL,
        PRIMARY KEY (program_id, year)
      )
    `,
    sql`
      CREATE TABLE travel_disbursements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        person_id uuid NOT NULL REFERENCES people (id),
        date date NOT NULL,
        amount_minor integer NOT NULL CHECK (amount_minor > 0),
        currency text NOT NULL CHECK (currency IN ('SEK', 'NOK')),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 300),
        paid_by text NOT NULL CHECK (length(paid_by) BETWEEN 1 AND 120),
        -- The receipt, scanned or photographed (in the files table, like signed consent forms).
        receipt_file_id uuid REFERENCES files (id),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        -- A mistaken disbursement is voided, never deleted.
        voided_at timestamptz,
        voided_by uuid REFERENCES users (id),
        void_reason text,
        CHECK ((voided_at IS NULL) = (voided_by IS NULL))
      )
    `,
    sql`CREATE INDEX travel_disbursements_program_date ON travel_disbursements (program_id, date)`,
    sql`
      -- A secret calendar URL: a user's own sessions, or a group's. Only the token's hash is kept; renewing
      -- revokes the old one.
      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        group_kind text CHECK (group_kind IN ('ordinary', 'pre_group')),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )
    `,
  ]) {
    await statement.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "calendar_feeds",
    "travel_disbursements",
    "travel_budgets",
    "breakfast_swaps",
    "breakfast_duties",
    "attendance_report_signoffs",
    "absence_followups",
    "absence_rules",
    "attendance",
    "activity_session_people",
    "activity_session_leaders",
    "activity_sessions",
    "activity_exceptions",
    "activity_series_people",
    "activity_series_leaders",
    "activity_series",
    "venue_rooms",
    "venues",
    "activity_kinds",
  ]) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
