import { type Kysely, sql } from "kysely";

// Follow-up: a program's yearly goals (targets per goal kind, domain/goals.ts). Without a row, the year has
// Spelplan's defaults (KRUS's goals).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE program_goals (
      program_id uuid NOT NULL REFERENCES programs (id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      targets jsonb NOT NULL,
      updated_by uuid NOT NULL REFERENCES users (id),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (program_id, year)
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE program_goals`.execute(db);
}
