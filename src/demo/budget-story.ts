import { BUDGET_LINE_KINDS, type BudgetLineKind } from "../domain/budget.ts";
import { addFundingSource, recordActualCost, setBudgetLines } from "../services/budget.ts";
import type { ServiceContext } from "../services/context.ts";

// The demo's budget: the KRUS budget from the application (seed 001, bilaga 8: "Budget för KRUS", 2 293 000 kr,
// all of it from Samordningsförbundet i Kalmar län), the federation's grant for the year, and actual costs per
// month up to `throughMonth`: a twelfth of each line, with the rent paid quarterly and a little drift, so that the
// tables have something to say (travel runs over, IT under). Played through the services by the manager, so the
// audit log has the events. The lead wires it into the seed.

/** The KRUS budget per line, in kronor (seed 001). */
export const KRUS_BUDGET: Record<BudgetLineKind, number> = {
  staff: 830_000, // Personalkostnader
  staff_overheads: 325_000, // Personalomkostnader (PO)
  supervision: 67_000, // Arbetsledning
  external_services: 546_000, // Extern tjänst
  lecturers_wellness: 75_000, // Föreläsare, friskvård, aktiviteter
  it: 25_000, // IT/Tele
  travel: 75_000, // Resor
  food_supplies: 25_000, // Arbetsmiljöåtgärder, kost, div inköp
  premises: 255_000, // Lokaler
  training: 25_000, // Utbildning, handledning
  other: 45_000, // Övrigt
};

/** Per mille of a twelfth that a line actually costs in a month (1000: on budget). */
const DRIFT: Partial<Record<BudgetLineKind, number>> = { travel: 1150, it: 800, lecturers_wellness: 950, other: 700 };

/** `ctx` must be the program's manager. */
export async function budgetDemo(ctx: ServiceContext, programId: string, year: number, throughMonth = 12): Promise<void> {
  await setBudgetLines(ctx, programId, {
    year,
    lines: Object.fromEntries(BUDGET_LINE_KINDS.map((line) => [line, { amount: KRUS_BUDGET[line] * 100, note: line === "external_services" ? "Arbetsterapeut och psykolog från Region Kalmar län" : undefined }])),
  });
  await addFundingSource(ctx, programId, {
    funder: "Samordningsförbundet i Kalmar län",
    kind: "federation",
    amount: 229_300_000,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    note: "Intäkt från Samordningsförbundet enligt ansökan",
  });
  for (let month = 1; month <= Math.min(12, Math.max(0, throughMonth)); month++) {
    const ym = `${year}-${String(month).padStart(2, "0")}`;
    for (const line of BUDGET_LINE_KINDS) {
      const yearly = KRUS_BUDGET[line] * 100;
      let amount: number;
      if (line === "premises") {
        // Rent is invoiced quarterly, in advance.
        if (month % 3 !== 1) continue;
        amount = Math.round(yearly / 4);
      } else {
        amount = Math.round((Math.round(yearly / 12) * (DRIFT[line] ?? 1000)) / 1000);
      }
      await recordActualCost(ctx, programId, { month: ym, line, amount, note: line === "premises" ? "Hyra kvartal" : undefined });
    }
  }
}
