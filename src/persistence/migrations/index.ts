import type { Migration, MigrationProvider } from "kysely/migration";
import * as m0001 from "./0001_foundation.ts";
import * as m0002 from "./0002_intake.ts";
import * as m0003 from "./0003_account_federation.ts";
import * as m0004 from "./0004_journey.ts";
import * as m0005journal from "./0005_journal.ts";
import * as m0006 from "./0006_group_life.ts";
import * as m0007 from "./0007_attendance_topics.ts";
import * as m0008 from "./0008_budget.ts";
import * as m0009 from "./0009_goals.ts";
import * as m0010 from "./0010_surveys.ts";
import * as m0011 from "./0011_reports.ts";
import * as m0012 from "./0012_occupation_at_start.ts";

// Migrations are listed here (not read from disk) so that they work the same in the server
// bundle, the command-line tool and the tests. Names sort in the order they must run.
const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_intake": m0002,
  "0003_account_federation": m0003,
  "0004_journey": m0004,
  "0005_journal": m0005journal,
  "0006_group_life": m0006,
  "0007_attendance_topics": m0007,
  "0008_budget": m0008,
  "0009_goals": m0009,
  "0010_surveys": m0010,
  "0011_reports": m0011,
  "0012_occupation_at_start": m0012,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
