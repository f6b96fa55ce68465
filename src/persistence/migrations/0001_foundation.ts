import { type Kysely, sql } from "kysely";

// Organisations, users and roles, sessions and tokens, the register of people and the audit log.
// Plain SQL so that the same migration runs on PGlite and on a PostgreSQL server.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`
      CREATE TABLE federations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        country text NOT NULL CHECK (country IN ('SE', 'NO')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `,
    sql`
      CREATE TABLE authorities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        federation_id uuid NOT NULL REFERENCES federations (id),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN (
          'fk', 'af', 'social_services', 'region',
          'nav', 'municipality', 'correctional_service', 'health', 'other')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (federation_id, name)
      )
    `,
    sql`
      CREATE TABLE authority_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        authority_id uuid NOT NULL REFERENCES authorities (id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (authority_id, name)
      )
    `,
    sql`
      CREATE TABLE programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        federation_id uuid NOT NULL REFERENCES federations (id),
        owner_authority_id uuid NOT NULL REFERENCES authorities (id),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (federation_id, name)
      )
    `,
    sql`
      CREATE TABLE program_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        kind text NOT NULL CHECK (kind IN ('ordinary', 'pre_group')),
        name text NOT NULL,
        capacity integer NOT NULL CHECK (capacity >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (program_id, name)
      )
    `,
    sql`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text,
        locale text NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'nb', 'en')),
        active boolean NOT NULL DEFAULT true,
        deactivated_at timestamptz,
        must_change_password boolean NOT NULL DEFAULT false,
        password_changed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `,
    sql`
      CREATE UNIQUE INDEX users_email_key ON users (lower(email))
    `,
    sql`
      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        reference text NOT NULL UNIQUE,
        first_name text NOT NULL,
        last_name text NOT NULL,
        id_number text,
        id_number_kind text CHECK (id_number_kind IN (
          'se_personnummer', 'se_samordningsnummer', 'no_fodselsnummer', 'no_d_nummer')),
        sex text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'not_stated')),
        birth_date date NOT NULL,
        email text,
        phone text,
        street_address text,
        postal_code text,
        city text,
        preferred_language text NOT NULL DEFAULT 'sv',
        protected_identity boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id),
        CHECK ((id_number IS NULL) = (id_number_kind IS NULL))
      )
    `,
    sql`
      CREATE UNIQUE INDEX people_program_id_number_key ON people (program_id, id_number)
        WHERE id_number IS NOT NULL
    `,
    sql`
      CREATE INDEX people_program_name_idx ON people (program_id, lower(last_name), lower(first_name))
    `,
    sql`
      CREATE INDEX people_program_birth_date_idx ON people (program_id, birth_date)
    `,
    sql`
      -- Staff directly working with a person (assigned coordinator, referring case officer...).
      CREATE TABLE person_staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people (id),
        user_id uuid NOT NULL REFERENCES users (id),
        relation text NOT NULL CHECK (relation IN ('coordinator', 'case_officer', 'therapist', 'manager')),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users (id),
        ended_at timestamptz
      )
    `,
    sql`
      CREATE UNIQUE INDEX person_staff_active_key ON person_staff (person_id, user_id, relation)
        WHERE ended_at IS NULL
    `,
    sql`
      CREATE INDEX person_staff_user_idx ON person_staff (user_id) WHERE ended_at IS NULL
    `,
    sql`
      CREATE TABLE role_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        role text NOT NULL CHECK (role IN (
          'administrator', 'manager', 'coordinator', 'therapist', 'case_officer',
          'collaboration_team', 'steering_group', 'volunteer', 'participant')),
        federation_id uuid REFERENCES federations (id),
        program_id uuid REFERENCES programs (id),
        authority_id uuid REFERENCES authorities (id),
        unit_id uuid REFERENCES authority_units (id),
        person_id uuid REFERENCES people (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users (id),
        ended_at timestamptz,
        ended_by uuid REFERENCES users (id)
      )
    `,
    sql`
      CREATE INDEX role_assignments_user_idx ON role_assignments (user_id) WHERE ended_at IS NULL
    `,
    sql`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text,
        ended_at timestamptz,
        end_reason text
      )
    `,
    sql`
      CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE ended_at IS NULL
    `,
    sql`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        token_prefix text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by uuid REFERENCES users (id),
        last_used_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id)
      )
    `,
    sql`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        first_failure_at timestamptz NOT NULL,
        last_failure_at timestamptz NOT NULL,
        locked_until timestamptz
      )
    `,
    sql`
      -- The audit log: append-only, gapless sequence, each event carrying the hash of the previous one.
      CREATE TABLE audit_events (
        seq bigint PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid REFERENCES users (id),
        actor_role text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        person_id uuid,
        program_id uuid,
        federation_id uuid,
        ip text,
        user_agent text,
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL
      )
    `,
    sql`
      CREATE INDEX audit_events_person_idx ON audit_events (person_id, occurred_at)
    `,
    sql`
      CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, occurred_at)
    `,
    sql`
      CREATE INDEX audit_events_time_idx ON audit_events (occurred_at)
    `,
    sql`
      -- The newest event's sequence number and hash, so that removing events at the end is detected too.
      CREATE TABLE audit_chain_head (
        id integer PRIMARY KEY CHECK (id = 1),
        last_seq bigint NOT NULL,
        last_hash text NOT NULL
      )
    `,
    sql`
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END
      $$
    `,
    sql`
      CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_append_only()
    `,
    sql`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()
    `,
  ]) {
    await statement.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_chain_head, audit_events, login_throttle, api_tokens, sessions, role_assignments,
      person_staff, people, users, program_groups, programs, authority_units, authorities, federations
  `.execute(db);
  await sql`DROP FUNCTION audit_append_only()`.execute(db);
}
