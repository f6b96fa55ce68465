import { type Kysely, sql } from "kysely";

// National reporting: the installation's secret keys, made on first use (src/services/national-reporting.ts).
// "pseudonym": the HMAC key behind the pseudonyms in the outcome export. It never leaves the database; losing
// it only means that later exports get new pseudonyms.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE installation_keys (
      purpose text PRIMARY KEY CHECK (purpose IN ('pseudonym')),
      key_base64 text NOT NULL,
      created_at timestamptz NOT NULL
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE installation_keys`.execute(db);
}
