import { type Api, registerCommonComponents } from "./common.ts";
import { registerMeetingRoutes } from "./meetings.ts";
import { registerNotificationRoutes } from "./notifications.ts";
import { registerProgramRoutes } from "./programs.ts";
import { registerRequestRoutes } from "./requests.ts";

/**
 * The intake endpoints: interest requests and consent, study visits, consultations, the collaboration
 * team's meetings, places and enrolment, notifications. Thin handlers over the same services as the pages.
 */
export function registerIntakeRoutes(api: Api) {
  registerCommonComponents(api);
  registerRequestRoutes(api);
  registerProgramRoutes(api);
  registerMeetingRoutes(api);
  registerNotificationRoutes(api);
}
