import { index, layout, prefix, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("language", "routes/language.tsx"),
  route("accessibility", "routes/accessibility.tsx"),
  layout("routes/app-layout.tsx", [
    index("routes/home.tsx"),
    route("people", "routes/people.tsx"),
    route("people/new", "routes/people.new.tsx"),
    route("people/:personId", "routes/person.tsx"),
    route("people/:personId/edit", "routes/person.edit.tsx"),
    route("account", "routes/account.tsx"),
    route("account/password", "routes/account.password.tsx"),
    route("audit", "routes/audit.tsx"),
    route("notifications", "routes/notifications.tsx"),
    // Intake: interest requests and consent
    route("requests", "routes/requests/index.tsx"),
    route("requests/new", "routes/requests/new.tsx"),
    route("requests/:requestId", "routes/requests/request.tsx"),
    route("requests/:requestId/edit", "routes/requests/edit.tsx"),
    route("requests/:requestId/consent", "routes/requests/consent.tsx"),
    route("people/:personId/consent", "routes/requests/person-consent.tsx"),
    route("consents/:consentId/file", "routes/requests/consent-file.tsx"),
    // Intake: consultations and the collaboration team's meetings
    route("consultations", "routes/meetings/consultations.tsx"),
    route("consultations/new", "routes/meetings/consultation.new.tsx"),
    route("consultations/:consultationId", "routes/meetings/consultation.tsx"),
    route("meetings", "routes/meetings/index.tsx"),
    route("meetings/schedule/:programId", "routes/meetings/schedule.tsx"),
    route("meetings/:meetingId", "routes/meetings/meeting.tsx"),
    route("meetings/:meetingId/minutes.pdf", "routes/meetings/minutes.tsx"),
    // Intake: programs, places, study visits, enrolment
    route("programs/:programId", "routes/programs/program.tsx"),
    route("programs/:programId/study-visits", "routes/programs/study-visits.tsx"),
    route("programs/:programId/study-visits/schedule", "routes/programs/study-visits.schedule.tsx"),
    route("programs/:programId/study-visits/slots/:date", "routes/programs/study-visits.slot.tsx"),
    route("study-visits", "routes/programs/study-visits.programs.tsx"),
    route("programs/:programId/placements/:placementId/enrol", "routes/programs/enrol.tsx"),
    // Journey: the participant's page (hub) and the coordinator's caseload
    route("caseload", "routes/journey/caseload.tsx"),
    route("enrolments/:enrolmentId", "routes/journey/enrolment.tsx"),
    // Journey: the plan
    // Journey: the life-area wheel
    // Journey: journal, network, work placements
    // Journey: follow-ups, exit, passive phase, 90-day follow-up
    ...prefix("admin", [
      index("routes/admin/index.tsx"),
      route("federations/new", "routes/admin/federation.new.tsx"),
      route("federations/:federationId", "routes/admin/federation.tsx"),
      route("federations/:federationId/authorities/new", "routes/admin/authority.new.tsx"),
      route("federations/:federationId/programs/new", "routes/admin/program.new.tsx"),
      route("authorities/:authorityId", "routes/admin/authority.tsx"),
      route("programs/:programId", "routes/admin/program.tsx"),
      route("users", "routes/admin/users.tsx"),
      route("users/new", "routes/admin/user.new.tsx"),
      route("users/:userId", "routes/admin/user.tsx"),
      route("outbox", "routes/admin/outbox.tsx"),
    ]),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
