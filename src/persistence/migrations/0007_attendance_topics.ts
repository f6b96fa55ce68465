import { type Kysely, sql } from "kysely";

// Group life, second step: a program's own session topics beside the 7TJUGO starting list, the due date
// of an absence follow-up (the caseload sorts and filters by it; until now it was only inside the
// follow-up's details), and absence rules that can be turned off (0).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`
      -- A program's own topics beside Spelplan's defaults (domain/schedule.ts DEFAULT_TOPICS), which are not stored.
      CREATE TABLE activity_topics (
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
    // 0 turns a rule off (domain/attendance.ts); 0006 asked for at least 1.
    sql`ALTER TABLE absence_rules DROP CONSTRAINT absence_rules_consecutive_unexcused_check`,
    sql`ALTER TABLE absence_rules ADD CONSTRAINT absence_rules_consecutive_unexcused_check CHECK (consecutive_unexcused BETWEEN 0 AND 20)`,
    sql`ALTER TABLE absence_rules DROP CONSTRAINT absence_rules_low_rate_percent_check`,
    sql`ALTER TABLE absence_rules ADD CONSTRAINT absence_rules_low_rate_percent_check CHECK (low_rate_percent BETWEEN 0 AND 100)`,
    sql`ALTER TABLE absence_followups ADD COLUMN due_on date`,
    sql`UPDATE absence_followups SET due_on = ((details -> 'triggeredAt' ->> 'date')::date + 2)`,
    sql`ALTER TABLE absence_followups ALTER COLUMN due_on SET NOT NULL`,
    sql`CREATE INDEX absence_followups_open ON absence_followups (program_id, due_on) WHERE outcome IS NULL OR outcome = 'not_reached'`,
  ]) {
    await statement.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE absence_rules SET consecutive_unexcused = greatest(1, least(consecutive_unexcused, 10)), low_rate_percent = greatest(1, low_rate_percent)`.execute(db);
  await sql`ALTER TABLE absence_rules DROP CONSTRAINT absence_rules_consecutive_unexcused_check`.execute(db);
  await sql`ALTER TABLE absence_rules ADD CONSTRAINT absence_rules_consecutive_unexcused_check CHECK (consecutive_unexcused BETWEEN 1 AND 10)`.execute(db);
  await sql`ALTER TABLE absence_rules DROP CONSTRAINT absence_rules_low_rate_percent_check`.execute(db);
  await sql`ALTER TABLE absence_rules ADD CONSTRAINT absence_rules_low_rate_percent_check CHECK (low_rate_percent BETWEEN 1 AND 100)`.execute(db);
  await sql`DROP INDEX absence_followups_open`.execute(db);
  await sql`ALTER TABLE absence_followups DROP COLUMN due_on`.execute(db);
  await sql`DROP TABLE activity_topics`.execute(db);
}
