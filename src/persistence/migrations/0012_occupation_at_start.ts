import { type Kysely, sql } from "kysely";

// The participant's occupation when they start (the SUS shape's "occupation before"), in the same words as the
// occupation at exit, so that before and after compare. Enrolments made before this migration have none
// (NULL: "not recorded" in the outcome export); every new enrolment records it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE enrolments ADD COLUMN occupation_at_start text CHECK (occupation_at_start IS NULL OR occupation_at_start IN (
      'employment', 'subsidised_employment', 'studies', 'job_seeking', 'work_rehabilitation', 'sick_leave', 'other'))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE enrolments DROP COLUMN occupation_at_start`.execute(db);
}
