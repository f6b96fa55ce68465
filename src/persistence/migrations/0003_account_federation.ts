import { type Kysely, sql } from "kysely";

// Which federation an account belongs to (docs/decisions/0007-account-ownership.md), and whether the
// user has chosen their language themselves.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`
      ALTER TABLE users
        ADD COLUMN home_federation_id uuid REFERENCES federations (id),
        ADD COLUMN locale_chosen boolean NOT NULL DEFAULT false
    `,
    sql`CREATE INDEX users_home_federation_idx ON users (home_federation_id)`,
    sql`CREATE INDEX audit_events_federation_idx ON audit_events (federation_id, seq)`,
    // Existing accounts. First: accounts created on the pages by a federation administrator (one who did not
    // also administer the whole installation at the time) belong to that administrator's federation.
    sql`
      WITH creators AS (
        SELECT DISTINCT ON (e.entity_id) e.entity_id AS user_id, ra.federation_id
        FROM audit_events e
        JOIN role_assignments ra
          ON ra.user_id = e.actor_user_id AND ra.role = 'administrator' AND ra.federation_id IS NOT NULL
         AND ra.created_at <= e.occurred_at AND (ra.ended_at IS NULL OR ra.ended_at > e.occurred_at)
        WHERE e.action = 'user.create' AND e.entity_type = 'user'
          AND NOT EXISTS (
            SELECT 1 FROM role_assignments i
            WHERE i.user_id = e.actor_user_id AND i.role = 'administrator' AND i.federation_id IS NULL
              AND i.created_at <= e.occurred_at AND (i.ended_at IS NULL OR i.ended_at > e.occurred_at))
        ORDER BY e.entity_id, ra.created_at, ra.id
      )
      UPDATE users u SET home_federation_id = c.federation_id
      FROM creators c
      WHERE u.id::text = c.user_id AND u.home_federation_id IS NULL
    `,
    // Then: the federation of the account's first role (ended roles included: former staff stay with the
    // federation they worked in).
    sql`
      WITH role_federations AS (
        SELECT DISTINCT ON (ra.user_id) ra.user_id,
          COALESCE(ra.federation_id, p.federation_id, a.federation_id, pp.federation_id) AS federation_id
        FROM role_assignments ra
        LEFT JOIN programs p ON p.id = ra.program_id
        LEFT JOIN authorities a ON a.id = ra.authority_id
        LEFT JOIN people pe ON pe.id = ra.person_id
        LEFT JOIN programs pp ON pp.id = pe.program_id
        WHERE COALESCE(ra.federation_id, p.federation_id, a.federation_id, pp.federation_id) IS NOT NULL
        ORDER BY ra.user_id, ra.created_at, ra.id
      )
      UPDATE users u SET home_federation_id = r.federation_id
      FROM role_federations r
      WHERE u.id = r.user_id AND u.home_federation_id IS NULL
    `,
    // A language other than the default was chosen by someone on purpose; keep it at sign-in.
    sql`UPDATE users SET locale_chosen = true WHERE locale <> 'sv'`,
  ]) {
    await statement.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX audit_events_federation_idx`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN locale_chosen, DROP COLUMN home_federation_id`.execute(db);
}
