import type { ColumnType, Generated } from "kysely";

// Kysely's view of the budget tables (migration 0008_budget). Money whole öre/øre, dates ISO strings,
// months "YYYY-MM", timestamps Date. Line and funder kinds are the lists in src/domain/budget.ts.

import type { BudgetLineKind, FunderKind } from "../domain/budget.ts";

type Currency = "SEK" | "NOK";

export interface BudgetLineTable {
  program_id: string;
  year: number;
  line: BudgetLineKind;
  amount_minor: number;
  currency: Currency;
  note: ColumnType<string, string | undefined, string>;
  set_by: string;
  set_at: Date;
}

export interface ActualCostTable {
  program_id: string;
  month: string;
  line: BudgetLineKind;
  amount_minor: number;
  currency: Currency;
  note: ColumnType<string, string | undefined, string>;
  source: "manual" | "import";
  recorded_by: string;
  recorded_at: Date;
}

export interface FundingSourceTable {
  id: Generated<string>;
  program_id: string;
  funder: string;
  kind: FunderKind;
  amount_minor: number;
  currency: Currency;
  period_from: string;
  period_to: string;
  note: ColumnType<string, string | undefined, string>;
  created_by: string;
  created_at: Date;
}

export interface BudgetTables {
  budget_lines: BudgetLineTable;
  actual_costs: ActualCostTable;
  funding_sources: FundingSourceTable;
}
