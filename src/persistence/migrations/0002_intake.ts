import { type Kysely, sql } from "kysely";

// Intake: study visits, interest requests with consent, consultations, collaboration-team meetings,
// places in the groups and the waiting list, enrolment, notifications and the e-mail outbox.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`
      ALTER TABLE programs
        ADD COLUMN min_age integer NOT NULL DEFAULT 19,
        ADD COLUMN max_age integer NOT NULL DEFAULT 64,
        ADD COLUMN priority_max_age integer NOT NULL DEFAULT 29,
        ADD COLUMN planned_months integer NOT NULL DEFAULT 12,
        ADD CONSTRAINT programs_ages_check CHECK (
          min_age >= 0 AND min_age <= priority_max_age AND priority_max_age <= max_age AND max_age <= 120),
        ADD CONSTRAINT programs_planned_months_check CHECK (planned_months BETWEEN 1 AND 60)
    `,
    sql`
      CREATE TABLE files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size >= 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )
    `,
    sql`
      CREATE TABLE study_visit_schedules (
        program_id uuid PRIMARY KEY REFERENCES programs (id),
        weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        weeks text NOT NULL CHECK (weeks IN ('every', 'even', 'odd')),
        start_time text NOT NULL,
        end_time text NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
        location text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `,
    sql`
      CREATE TABLE study_visit_exceptions (
        program_id uuid NOT NULL REFERENCES programs (id),
        original_date date NOT NULL,
        cancelled boolean NOT NULL DEFAULT false,
        moved_date date,
        moved_start text,
        moved_end text,
        note text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (program_id, original_date),
        CHECK (cancelled OR moved_date IS NOT NULL)
      )
    `,
    sql`
      CREATE TABLE interest_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        person_id uuid NOT NULL REFERENCES people (id),
        author_id uuid NOT NULL REFERENCES users (id),
        referring_authority_id uuid NOT NULL REFERENCES authorities (id),
        referring_unit_id uuid REFERENCES authority_units (id),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'decided', 'withdrawn')),
        income_source text CHECK (income_source IN (
          'activity_compensation', 'sickness_benefit', 'activity_support', 'income_support', 'salary', 'none', 'other')),
        income_source_other text NOT NULL DEFAULT '',
        active_at jsonb NOT NULL DEFAULT '[]',
        situation text NOT NULL DEFAULT '',
        tried_before text NOT NULL DEFAULT '',
        why_not_enough text NOT NULL DEFAULT '',
        goals text NOT NULL DEFAULT '',
        motivation text NOT NULL DEFAULT '',
        health text NOT NULL DEFAULT '',
        obstacles text NOT NULL DEFAULT '',
        needs_travel boolean NOT NULL DEFAULT false,
        needs_interpreter boolean NOT NULL DEFAULT false,
        interpreter_language text NOT NULL DEFAULT '',
        accessibility_needs text NOT NULL DEFAULT '',
        other_needs text NOT NULL DEFAULT '',
        submitted_at timestamptz,
        decided_at timestamptz,
        decision text CHECK (decision IN ('accepted', 'not_ready')),
        recommendation text NOT NULL DEFAULT '',
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES users (id),
        withdrawal_reason text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `,
    sql`CREATE INDEX interest_requests_program_idx ON interest_requests (program_id, status)`,
    sql`CREATE INDEX interest_requests_person_idx ON interest_requests (person_id)`,
    sql`CREATE INDEX interest_requests_author_idx ON interest_requests (author_id)`,
    sql`
      CREATE TABLE study_visit_bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        slot_date date NOT NULL,
        visitor_name text NOT NULL,
        accompanying_user_id uuid REFERENCES users (id),
        accompanying_name text NOT NULL DEFAULT '',
        note text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'attended', 'no_show')),
        booked_by uuid NOT NULL REFERENCES users (id),
        request_id uuid REFERENCES interest_requests (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `,
    sql`CREATE INDEX study_visit_bookings_slot_idx ON study_visit_bookings (program_id, slot_date)`,
    sql`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        request_id uuid REFERENCES interest_requests (id),
        purpose text NOT NULL,
        given_on date NOT NULL,
        valid_until date NOT NULL,
        method text NOT NULL CHECK (method IN ('signed_form', 'recorded')),
        file_id uuid REFERENCES files (id),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('withdrawn', 'replaced')),
        ended_by uuid REFERENCES users (id),
        end_note text NOT NULL DEFAULT '',
        CHECK (valid_until >= given_on),
        CHECK (method <> 'signed_form' OR file_id IS NOT NULL),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )
    `,
    sql`CREATE INDEX consents_person_idx ON consents (person_id, program_id)`,
    sql`
      -- The member authorities that may share information with each other and with the program.
      CREATE TABLE consent_authorities (
        consent_id uuid NOT NULL REFERENCES consents (id),
        authority_id uuid NOT NULL REFERENCES authorities (id),
        PRIMARY KEY (consent_id, authority_id)
      )
    `,
    sql`CREATE INDEX consent_authorities_authority_idx ON consent_authorities (authority_id)`,
    sql`
      CREATE TABLE consultations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        author_id uuid NOT NULL REFERENCES users (id),
        authority_id uuid REFERENCES authorities (id),
        age_band text NOT NULL,
        sex text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'not_stated')),
        situation text NOT NULL,
        question text NOT NULL,
        status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'answered', 'withdrawn')),
        advice text NOT NULL DEFAULT '',
        answered_at timestamptz,
        answered_meeting_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `,
    sql`
      CREATE TABLE team_meeting_settings (
        program_id uuid PRIMARY KEY REFERENCES programs (id),
        anchor date NOT NULL,
        interval_weeks integer NOT NULL CHECK (interval_weeks BETWEEN 1 AND 12),
        start_time text NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 600),
        location text NOT NULL DEFAULT ''
      )
    `,
    sql`
      CREATE TABLE team_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        date date NOT NULL,
        start_time text NOT NULL,
        end_time text NOT NULL,
        location text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (program_id, date)
      )
    `,
    sql`ALTER TABLE consultations ADD FOREIGN KEY (answered_meeting_id) REFERENCES team_meetings (id)`,
    sql`
      CREATE TABLE team_meeting_attendance (
        meeting_id uuid NOT NULL REFERENCES team_meetings (id),
        user_id uuid NOT NULL REFERENCES users (id),
        authority_id uuid REFERENCES authorities (id),
        present boolean NOT NULL,
        PRIMARY KEY (meeting_id, user_id)
      )
    `,
    sql`
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES team_meetings (id),
        position integer NOT NULL,
        request_id uuid REFERENCES interest_requests (id),
        consultation_id uuid REFERENCES consultations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((request_id IS NULL) <> (consultation_id IS NULL)),
        UNIQUE (meeting_id, request_id),
        UNIQUE (meeting_id, consultation_id)
      )
    `,
    sql`
      CREATE TABLE request_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES interest_requests (id),
        meeting_id uuid NOT NULL REFERENCES team_meetings (id),
        own_options_tried boolean,
        able_with_support boolean,
        wants_to_take_part boolean,
        outcome text NOT NULL CHECK (outcome IN ('accept', 'not_ready', 'postpone')),
        recommendation text NOT NULL DEFAULT '',
        postpone_reason text NOT NULL DEFAULT '',
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        UNIQUE (request_id, meeting_id)
      )
    `,
    sql`
      CREATE TABLE placements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        person_id uuid NOT NULL REFERENCES people (id),
        request_id uuid NOT NULL UNIQUE REFERENCES interest_requests (id),
        accepted_on date NOT NULL,
        priority integer NOT NULL CHECK (priority IN (1, 2)),
        place text NOT NULL CHECK (place IN ('ordinary', 'pre_group', 'waiting')),
        placed_at timestamptz NOT NULL,
        moved_at timestamptz,
        ended_at timestamptz,
        end_reason text NOT NULL DEFAULT ''
      )
    `,
    sql`CREATE INDEX placements_program_idx ON placements (program_id) WHERE ended_at IS NULL`,
    sql`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        person_id uuid NOT NULL REFERENCES people (id),
        placement_id uuid NOT NULL UNIQUE REFERENCES placements (id),
        coordinator_id uuid NOT NULL REFERENCES users (id),
        start_date date NOT NULL,
        planned_end_date date NOT NULL,
        income_source text NOT NULL,
        education_level text NOT NULL CHECK (education_level IN (
          'primary_incomplete', 'primary', 'upper_secondary_incomplete', 'upper_secondary', 'post_secondary', 'unknown')),
        first_meeting_date date,
        first_meeting_time text,
        first_meeting_place text NOT NULL DEFAULT '',
        therapist_offered boolean NOT NULL DEFAULT false,
        therapist_accepted boolean,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_on date
      )
    `,
    sql`CREATE INDEX enrolments_coordinator_idx ON enrolments (coordinator_id) WHERE ended_on IS NULL`,
    sql`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        link text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz
      )
    `,
    sql`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at)`,
    sql`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        notification_id uuid REFERENCES notifications (id),
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )
    `,
    sql`CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL`,
  ]) {
    await statement.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE outbox, notifications, enrolments, placements, request_assessments, agenda_items,
      team_meeting_attendance, consultations, team_meetings, team_meeting_settings, consent_authorities,
      consents, study_visit_bookings, interest_requests, study_visit_exceptions, study_visit_schedules, files
  `.execute(db);
  await sql`
    ALTER TABLE programs DROP CONSTRAINT programs_ages_check, DROP CONSTRAINT programs_planned_months_check,
      DROP COLUMN min_age, DROP COLUMN max_age, DROP COLUMN priority_max_age, DROP COLUMN planned_months
  `.execute(db);
}
