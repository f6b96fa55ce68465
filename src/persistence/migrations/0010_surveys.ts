import { type Kysely, sql } from "kysely";
import { NATIONAL_QUESTIONNAIRES, NATIONAL_SOURCE_NOTE } from "../../domain/surveys.ts";

// Participant surveys (src/domain/surveys.ts): questionnaires (a program's own, or national: shared by every
// program of a country), versions whose questions never change once published, hand-outs to a participant
// (a one-time link, stored only as a SHA-256 hash like sessions, or on paper), and responses with their answers.
//
// Anonymity by design: an anonymous response has NO reference to the person or the hand-out, and only the
// date it was answered (no time). The hand-out only records THAT it was used. A named response (the
// participant chose to put their name on it) references the person and the hand-out.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`
      CREATE TABLE questionnaires (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Null: national (then country says whose).
        program_id uuid REFERENCES programs (id),
        country text CHECK (country IN ('SE', 'NO')),
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        audience text NOT NULL CHECK (audience IN ('ongoing', 'exit', 'both')),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((program_id IS NULL) = (country IS NOT NULL))
      )
    `,
    sql`CREATE UNIQUE INDEX questionnaires_program_key ON questionnaires (program_id, key) WHERE program_id IS NOT NULL`,
    sql`CREATE UNIQUE INDEX questionnaires_national_key ON questionnaires (country, key) WHERE program_id IS NULL`,
    sql`
      CREATE TABLE questionnaire_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        questionnaire_id uuid NOT NULL REFERENCES questionnaires (id),
        version integer NOT NULL CHECK (version >= 1),
        intro text NOT NULL DEFAULT '',
        -- The ordered questions: [{ key, kind, text, options, goal, agreeFrom }] (domain/surveys.ts).
        questions jsonb NOT NULL,
        source_note text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        published_by uuid REFERENCES users (id),
        UNIQUE (questionnaire_id, version)
      )
    `,
    sql`
      CREATE FUNCTION questionnaire_versions_published_are_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.published_at IS NOT NULL THEN
          RAISE EXCEPTION 'a published questionnaire version is never changed: publish a new version';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END
      $$
    `,
    sql`
      CREATE TRIGGER questionnaire_versions_fixed BEFORE UPDATE OR DELETE ON questionnaire_versions
        FOR EACH ROW EXECUTE FUNCTION questionnaire_versions_published_are_fixed()
    `,
    sql`
      -- Per program: how often ongoing participants get a survey (weeks after the enrolment's start).
      CREATE TABLE program_survey_settings (
        program_id uuid PRIMARY KEY REFERENCES programs (id),
        ongoing_every_weeks integer NOT NULL CHECK (ongoing_every_weeks BETWEEN 4 AND 26),
        updated_by uuid NOT NULL REFERENCES users (id),
        updated_at timestamptz NOT NULL
      )
    `,
    sql`
      CREATE TABLE survey_handouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        person_id uuid NOT NULL REFERENCES people (id),
        enrolment_id uuid NOT NULL REFERENCES enrolments (id),
        audience text NOT NULL CHECK (audience IN ('ongoing', 'exit')),
        -- Offered (e.g. by the exit) until staff hand it out as a link or on paper.
        offered_on date NOT NULL,
        channel text CHECK (channel IN ('link', 'paper')),
        handed_out_on date,
        handed_out_by uuid REFERENCES users (id),
        token_hash text UNIQUE,
        expires_on date,
        -- Only THAT it was used, never when or by which response.
        used boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((channel IS NULL) = (handed_out_on IS NULL)),
        CHECK (token_hash IS NULL OR (channel = 'link' AND expires_on IS NOT NULL))
      )
    `,
    sql`CREATE INDEX survey_handouts_program ON survey_handouts (program_id, enrolment_id)`,
    sql`CREATE UNIQUE INDEX survey_handouts_one_exit ON survey_handouts (enrolment_id) WHERE audience = 'exit'`,
    sql`
      -- The questionnaire versions a hand-out asks (e.g. the national exit questions and the program's own).
      CREATE TABLE survey_handout_versions (
        handout_id uuid NOT NULL REFERENCES survey_handouts (id),
        version_id uuid NOT NULL REFERENCES questionnaire_versions (id),
        position integer NOT NULL,
        PRIMARY KEY (handout_id, version_id)
      )
    `,
    sql`
      CREATE TABLE survey_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        version_id uuid NOT NULL REFERENCES questionnaire_versions (id),
        audience text NOT NULL CHECK (audience IN ('ongoing', 'exit')),
        channel text NOT NULL CHECK (channel IN ('link', 'paper')),
        -- The date only: a time could link an anonymous answer to its hand-out.
        answered_on date NOT NULL,
        anonymous boolean NOT NULL,
        person_id uuid REFERENCES people (id),
        handout_id uuid REFERENCES survey_handouts (id),
        CHECK (anonymous = (person_id IS NULL)),
        CHECK (NOT anonymous OR handout_id IS NULL)
      )
    `,
    sql`CREATE INDEX survey_responses_program ON survey_responses (program_id, answered_on)`,
    sql`
      CREATE TABLE survey_answers (
        response_id uuid NOT NULL REFERENCES survey_responses (id),
        question_key text NOT NULL,
        value integer,
        text text,
        PRIMARY KEY (response_id, question_key),
        CHECK ((value IS NULL) <> (text IS NULL))
      )
    `,
  ]) {
    await statement.execute(db);
  }
  // The national indicator questionnaires (Sweden), published. See NATIONAL_SOURCE_NOTE: wording to be checked.
  for (const q of NATIONAL_QUESTIONNAIRES) {
    const row = await sql<{ id: string }>`
      INSERT INTO questionnaires (program_id, country, key, name, audience) VALUES (NULL, 'SE', ${q.key}, ${q.name}, ${q.audience}) RETURNING id
    `.execute(db);
    await sql`
      INSERT INTO questionnaire_versions (questionnaire_id, version, intro, questions, source_note, published_at)
      VALUES (${row.rows[0]!.id}, 1, ${q.content.intro}, ${JSON.stringify(q.content.questions)}::jsonb, ${NATIONAL_SOURCE_NOTE}, now())
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE survey_answers, survey_responses, survey_handout_versions, survey_handouts, program_survey_settings`.execute(db);
  await sql`DROP TRIGGER questionnaire_versions_fixed ON questionnaire_versions`.execute(db);
  await sql`DROP TABLE questionnaire_versions, questionnaires`.execute(db);
  await sql`DROP FUNCTION questionnaire_versions_published_are_fixed()`.execute(db);
}
