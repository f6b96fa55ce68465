import { type Kysely, sql } from "kysely";

// The participant's journey after enrolment: the living plan (append-only versions and acceptances), the
// life-area wheel (versioned instruments and readings), the journal (append-only, corrections point back),
// the network, follow-up meetings, the exit with the passive phase and the 90-day follow-up, and work
// placements and jobs (Supported Employment).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL UNIQUE REFERENCES enrolments (id),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        current_version integer NOT NULL DEFAULT 0 CHECK (current_version >= 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )
    `,
    sql`
      -- Every saved change is a full snapshot: earlier versions can be read and compared, nothing is deleted.
      CREATE TABLE plan_versions (
        plan_id uuid NOT NULL REFERENCES plans (id),
        version integer NOT NULL CHECK (version >= 1),
        content jsonb NOT NULL,
        changes jsonb NOT NULL DEFAULT '[]',
        stage text NOT NULL DEFAULT 'ongoing' CHECK (stage IN ('ongoing', 'final')),
        author_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (plan_id, version)
      )
    `,
    sql`
      CREATE TABLE plan_acceptances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans (id),
        version integer NOT NULL,
        accepted_on date NOT NULL,
        method text NOT NULL CHECK (method IN ('signed', 'in_meeting', 'by_phone', 'digital')),
        note text NOT NULL DEFAULT '',
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        FOREIGN KEY (plan_id, version) REFERENCES plan_versions (plan_id, version)
      )
    `,
    sql`
      -- A program's set of life areas and step texts. program_id NULL: Spelplan's default set.
      -- A change is a new version; readings keep the version they were made with.
      CREATE TABLE wheel_instruments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid REFERENCES programs (id),
        version integer NOT NULL CHECK (version >= 1),
        areas jsonb NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL
      )
    `,
    sql`CREATE UNIQUE INDEX wheel_instruments_version_key ON wheel_instruments (COALESCE(program_id, '00000000-0000-0000-0000-000000000000'::uuid), version)`,
    sql`
      CREATE TABLE wheel_readings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES enrolments (id),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        instrument_id uuid NOT NULL REFERENCES wheel_instruments (id),
        rated_by text NOT NULL CHECK (rated_by IN ('participant', 'coordinator')),
        occasion text NOT NULL CHECK (occasion IN ('start', 'during', 'exit')),
        reading_date date NOT NULL,
        scores jsonb NOT NULL,
        note text NOT NULL DEFAULT '',
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL
      )
    `,
    sql`CREATE INDEX wheel_readings_enrolment_idx ON wheel_readings (enrolment_id, reading_date)`,
    sql`
      -- Journal notes are never changed after saving: a correction is a new note pointing to the one it corrects.
      CREATE TABLE journal_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        enrolment_id uuid REFERENCES enrolments (id),
        note_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('individual', 'group', 'authority_contact', 'other')),
        body text NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('staff', 'shared')),
        corrects_id uuid REFERENCES journal_notes (id),
        author_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL
      )
    `,
    sql`CREATE INDEX journal_notes_person_idx ON journal_notes (person_id, note_date)`,
    sql`
      CREATE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'journal notes are never changed: write a correction';
      END
      $$
    `,
    sql`
      CREATE TRIGGER journal_notes_no_update_or_delete BEFORE UPDATE OR DELETE ON journal_notes
        FOR EACH ROW EXECUTE FUNCTION journal_append_only()
    `,
    sql`
      -- The participant's network (responsibility group): contacts at authorities, health care and others.
      CREATE TABLE network_contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        kind text NOT NULL CHECK (kind IN ('authority', 'health', 'family', 'other')),
        authority_id uuid REFERENCES authorities (id),
        name text NOT NULL,
        organisation text NOT NULL DEFAULT '',
        role text NOT NULL DEFAULT '',
        phone text NOT NULL DEFAULT '',
        email text NOT NULL DEFAULT '',
        note text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        ended_at timestamptz
      )
    `,
    sql`CREATE INDEX network_contacts_person_idx ON network_contacts (person_id) WHERE ended_at IS NULL`,
    sql`
      CREATE TABLE follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES enrolments (id),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        planned_date date NOT NULL,
        planned_time text,
        place text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
        held_on date,
        attendees jsonb NOT NULL DEFAULT '[]',
        notes text NOT NULL DEFAULT '',
        reminded_at timestamptz,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (status <> 'held' OR held_on IS NOT NULL)
      )
    `,
    sql`CREATE INDEX follow_ups_enrolment_idx ON follow_ups (enrolment_id, planned_date)`,
    sql`
      CREATE TABLE exits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL UNIQUE REFERENCES enrolments (id),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        exit_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('completed', 'interrupted')),
        reason text NOT NULL CHECK (reason IN (
          'according_to_plan', 'health', 'other', 'consent_withdrawn', 'own_initiative', 'moved', 'no_contact')),
        occupation text NOT NULL CHECK (occupation IN (
          'employment', 'subsidised_employment', 'studies', 'job_seeking', 'work_rehabilitation', 'sick_leave', 'other')),
        income_source text NOT NULL,
        meeting_date date,
        meeting_attendees jsonb NOT NULL DEFAULT '[]',
        final_plan_version integer,
        note text NOT NULL DEFAULT '',
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        CHECK ((kind = 'completed' AND reason IN ('according_to_plan', 'health', 'other'))
            OR (kind = 'interrupted' AND reason IN ('consent_withdrawn', 'own_initiative', 'moved', 'no_contact'))),
        CHECK (reason <> 'according_to_plan' OR final_plan_version IS NOT NULL)
      )
    `,
    sql`
      -- A lighter form of contact after exit, or past the planned twelve months.
      CREATE TABLE passive_phases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES enrolments (id),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        started_on date NOT NULL,
        ended_on date,
        reason text NOT NULL CHECK (reason IN ('after_exit', 'past_planned_end')),
        note text NOT NULL DEFAULT '',
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      )
    `,
    sql`CREATE UNIQUE INDEX passive_phases_open_key ON passive_phases (enrolment_id) WHERE ended_on IS NULL`,
    sql`
      -- Due 90 days after exit, by itself; "not reached" is an answer too.
      CREATE TABLE ninety_day_followups (
        exit_id uuid PRIMARY KEY REFERENCES exits (id),
        enrolment_id uuid NOT NULL REFERENCES enrolments (id),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        due_on date NOT NULL,
        answered_on date,
        outcome text CHECK (outcome IN ('af_registered', 'studying', 'working', 'other', 'not_reached')),
        note text NOT NULL DEFAULT '',
        recorded_by uuid REFERENCES users (id),
        recorded_at timestamptz,
        CHECK ((answered_on IS NULL) = (outcome IS NULL))
      )
    `,
    sql`CREATE INDEX ninety_day_due_idx ON ninety_day_followups (program_id, due_on) WHERE outcome IS NULL`,
    sql`
      -- Supported Employment: work placements and jobs, for days to first job and hours worked.
      CREATE TABLE work_placements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES enrolments (id),
        person_id uuid NOT NULL REFERENCES people (id),
        program_id uuid NOT NULL REFERENCES programs (id),
        employer text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('internship', 'subsidised', 'competitive')),
        start_date date NOT NULL,
        end_date date,
        hours_per_week real NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 80),
        note text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (end_date IS NULL OR end_date >= start_date)
      )
    `,
    sql`CREATE INDEX work_placements_enrolment_idx ON work_placements (enrolment_id, start_date)`,
  ]) {
    await statement.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE work_placements, ninety_day_followups, passive_phases, exits, follow_ups, network_contacts,
      journal_notes, wheel_readings, wheel_instruments, plan_acceptances, plan_versions, plans
  `.execute(db);
  await sql`DROP FUNCTION journal_append_only()`.execute(db);
}
