import type { Api } from "../intake/common.ts";
import { registerCaseloadRoutes } from "./caseload.ts";
import { registerExitRoutes } from "./exits.ts";
import { registerFollowUpRoutes } from "./followups.ts";
import { registerJournalRoutes } from "./journal.ts";
import { registerNetworkRoutes } from "./network.ts";
import { registerPlanRoutes } from "./plans.ts";
import { registerWheelRoutes } from "./wheel.ts";
import { registerWorkRoutes } from "./work.ts";

/**
 * The participant's journey: the caseload and the hub, the plan, the life-area wheel, the journal, the
 * network, work, follow-ups, the exit and the 90-day follow-up. Thin handlers over the same services as the
 * pages. Uses the intake API's shared components (registered by registerIntakeRoutes before this).
 */
export function registerJourneyRoutes(api: Api) {
  registerCaseloadRoutes(api);
  registerPlanRoutes(api);
  registerWheelRoutes(api);
  registerJournalRoutes(api);
  registerNetworkRoutes(api);
  registerWorkRoutes(api);
  registerFollowUpRoutes(api);
  registerExitRoutes(api);
}
