import { type Kysely, sql } from "kysely";

// Budget and funding per program (DOMAIN.md section 7: Uppföljning Finsam asks for budget and actuals per
// program). Money in whole öre/øre, never floating point (src/domain/money.ts, src/domain/budget.ts).
const LINE_KINDS = "('staff', 'staff_overheads', 'supervision', 'external_services', 'lecturers_wellness', 'it', 'travel', 'food_supplies', 'premises', 'training', 'other')";
const FUNDER_KINDS = "('state', 'municipality', 'region', 'federation', 'foundation', 'company', 'gift', 'other')";

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    sql`
      -- The year's budget, one row per line kind (a line not set is 0).
      CREATE TABLE budget_lines (
        program_id uuid NOT NULL REFERENCES programs (id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        line text NOT NULL CHECK (line IN ${sql.raw(LINE_KINDS)}),
        amount_minor integer NOT NULL CHECK (amount_minor >= 0),
        currency text NOT NULL CHECK (currency IN ('SEK', 'NOK')),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 300),
        set_by uuid NOT NULL REFERENCES users (id),
        set_at timestamptz NOT NULL,
        PRIMARY KEY (program_id, year, line)
      )
    `,
    sql`
      -- Actual costs per month and line; entering or importing again replaces the row. A credit may be negative.
      CREATE TABLE actual_costs (
        program_id uuid NOT NULL REFERENCES programs (id),
        month text NOT NULL CHECK (month ~ '^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])$'),
        line text NOT NULL CHECK (line IN ${sql.raw(LINE_KINDS)}),
        amount_minor integer NOT NULL,
        currency text NOT NULL CHECK (currency IN ('SEK', 'NOK')),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 300),
        source text NOT NULL CHECK (source IN ('manual', 'import')),
        recorded_by uuid NOT NULL REFERENCES users (id),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (program_id, month, line)
      )
    `,
    sql`
      -- Who pays for the program, how much, for which period (a grant often spans parts of two years).
      CREATE TABLE funding_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs (id),
        funder text NOT NULL CHECK (length(funder) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ${sql.raw(FUNDER_KINDS)}),
        amount_minor integer NOT NULL CHECK (amount_minor > 0),
        currency text NOT NULL CHECK (currency IN ('SEK', 'NOK')),
        period_from date NOT NULL,
        period_to date NOT NULL,
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 300),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL,
        CHECK (period_from <= period_to)
      )
    `,
    sql`CREATE INDEX funding_sources_program ON funding_sources (program_id, period_from)`,
  ]) {
    await statement.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["funding_sources", "actual_costs", "budget_lines"]) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
