import { BodyShort, Box, Heading, HStack, LinkCard, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { hasCapability } from "../../domain/policy.ts";
import { caseloadHighlights } from "../../services/caseload.ts";
import { overviewFederations } from "../../services/followup-overview.ts";
import { programPages } from "../../services/programs.ts";
import { studyVisitPrograms } from "../../services/study-visits.ts";
import { myRoles } from "../../services/users.ts";
import { CaseloadHighlights } from "../components/caseload/CaseloadHighlights.tsx";
import { requireUser } from "../lib/guards.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/meta.ts";
import type { Route } from "./+types/home";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const subject = ctx.actor.subject;
  return {
    name: ctx.actor.user.displayName,
    roles: await myRoles(ctx),
    // A participant's own record: their way to see what is registered about them.
    ownPersonIds: subject.assignments.filter((a) => a.role === "participant" && a.personId).map((a) => a.personId!),
    programs: await programPages(ctx.db, subject),
    studyVisitPrograms: await studyVisitPrograms(ctx),
    // The steering group's start: the follow-up of the federations they steer.
    followUp: await overviewFederations(ctx),
    // The coordinator's start: what needs doing now among their participants.
    caseload: hasCapability(subject, "caseload.view") ? await caseloadHighlights(ctx, 5) : null,
    can: {
      listPeople: hasCapability(subject, "person.list"),
      createPerson: hasCapability(subject, "person.create"),
      administer: hasCapability(subject, "organisation.manage") || hasCapability(subject, "user.manage"),
      audit: hasCapability(subject, "audit.view"),
      createRequest: hasCapability(subject, "request.create"),
      followRequests: hasCapability(subject, "request.viewStatus"),
      meetings: hasCapability(subject, "meeting.view"),
      consult: hasCapability(subject, "consultation.create"),
    },
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { roles, can } = loaderData;
  const cards: { to: string; title: string; description: string }[] = [];
  for (const id of loaderData.ownPersonIds) cards.push({ to: `/people/${id}`, title: t("home.ownRecord.title"), description: t("home.ownRecord.description") });
  if (can.listPeople) cards.push({ to: "/people", title: t("home.people.title"), description: t("home.people.description") });
  if (can.createPerson) cards.push({ to: "/people/new", title: t("home.newPerson.title"), description: t("home.newPerson.description") });
  if (can.createRequest) cards.push({ to: "/requests/new", title: t("home.newRequest.title"), description: t("home.newRequest.description") });
  if (can.followRequests) cards.push({ to: "/requests", title: t("home.requests.title"), description: t("home.requests.description") });
  for (const p of loaderData.studyVisitPrograms) {
    cards.push({ to: `/programs/${p.id}/study-visits`, title: t("home.studyVisits.title", { program: p.name }), description: t("home.studyVisits.description") });
  }
  if (can.meetings) cards.push({ to: "/meetings", title: t("home.meetings.title"), description: t("home.meetings.description") });
  if (can.consult) cards.push({ to: "/consultations", title: t("home.consultations.title"), description: t("home.consultations.description") });
  for (const p of loaderData.programs) {
    cards.push({ to: `/programs/${p.id}`, title: t("home.program.title", { program: p.name }), description: t("home.program.description") });
  }
  for (const f of loaderData.followUp) {
    cards.push({ to: `/federations/${f.id}/followup`, title: t("followup.homeTitle", { federation: f.name }), description: t("followup.homeDescription") });
  }
  if (can.administer) cards.push({ to: "/admin", title: t("home.admin.title"), description: t("home.admin.description") });
  if (can.audit) cards.push({ to: "/audit", title: t("home.audit.title"), description: t("home.audit.description") });
  return (
    <VStack gap="space-32">
      <div>
        <Heading level="1" size="large" spacing>
          {t("home.greeting", { name: loaderData.name })}
        </Heading>
        {roles.length === 0 ? (
          <BodyShort>{t("home.noRoles")}</BodyShort>
        ) : (
          <>
            <BodyShort spacing>{t("home.yourRoles")}</BodyShort>
            <ul>
              {roles.map((r) => (
                <li key={`${r.role}-${r.scopeLabel}`}>
                  <BodyShort as="span" weight="semibold">
                    {t(`role.${r.role}`)}
                  </BodyShort>
                  {r.scopeLabel ? ` – ${r.scopeLabel}` : ""}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {loaderData.caseload ? <CaseloadHighlights highlights={loaderData.caseload} /> : null}
      {cards.length > 0 ? (
        <Box as="section" aria-labelledby="home-shortcuts">
          <Heading level="2" size="medium" id="home-shortcuts" spacing>
            {t("home.shortcuts")}
          </Heading>
          <HStack gap="space-16" wrap>
            {cards.map((card) => (
              <LinkCard key={card.to} style={{ width: "20rem" }}>
                <LinkCard.Title>
                  <LinkCard.Anchor asChild>
                    <Link to={card.to}>{card.title}</Link>
                  </LinkCard.Anchor>
                </LinkCard.Title>
                <LinkCard.Description>{card.description}</LinkCard.Description>
              </LinkCard>
            ))}
          </HStack>
        </Box>
      ) : null}
    </VStack>
  );
}
