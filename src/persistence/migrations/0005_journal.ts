import { type Kysely, sql } from "kysely";

// The journal's corrections form a chain: a note is corrected at most once (a later correction corrects the
// correction), so two people correcting the same note at the same moment cannot fork it. Only an index:
// the table and its append-only trigger are in 0004_journey.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE UNIQUE INDEX journal_notes_corrects_key ON journal_notes (corrects_id) WHERE corrects_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX journal_notes_corrects_key`.execute(db);
}
