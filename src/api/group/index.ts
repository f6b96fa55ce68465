import type { Api } from "../intake/common.ts";
import { registerAttendanceRoutes } from "./attendance.ts";
import { registerAttendanceReportRoutes } from "./attendance-report.ts";
import { registerScheduleRoutes } from "./schedule.ts";
import { registerTravelRoutes } from "./travel.ts";
import { registerRotaRoutes } from "./rota.ts";
import { registerBudgetRoutes } from "./budget.ts";
import { registerSurveyRoutes } from "./surveys.ts";
import { registerReportRoutes } from "../followup/reports.ts";
import { registerGoalsRoutes } from "../followup/goals.ts";

/** Group life: the schedule (kinds, venues, series, sessions), and travel money. */
export function registerGroupRoutes(api: Api) {
  registerScheduleRoutes(api);
  registerTravelRoutes(api);
  registerAttendanceRoutes(api);
  registerAttendanceReportRoutes(api);
  registerRotaRoutes(api);
  registerBudgetRoutes(api);
  registerSurveyRoutes(api);
  registerReportRoutes(api);
  registerGoalsRoutes(api);
}
