import type { ColumnType } from "kysely";

// Kysely's view of the follow-up tables (migration 0009_goals).

/** A program's goals for a year: the target per goal kind (domain/goals.ts), as whole numbers. */
export interface ProgramGoalTable {
  program_id: string;
  year: number;
  targets: ColumnType<Record<string, number>, string, string>;
  updated_by: string;
  updated_at: Date;
}

export interface FollowUpTables {
  program_goals: ProgramGoalTable;
}
