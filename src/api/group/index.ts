import type { Api } from "../intake/common.ts";
import { registerScheduleRoutes } from "./schedule.ts";
import { registerTravelRoutes } from "./travel.ts";

/** Group life: the schedule (kinds, venues, series, sessions), and travel money. */
export function registerGroupRoutes(api: Api) {
  registerScheduleRoutes(api);
  registerTravelRoutes(api);
}
