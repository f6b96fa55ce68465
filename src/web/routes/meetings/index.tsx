import { BodyShort, Box, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { data, Link } from "react-router";
import { hasCapability } from "../../../domain/policy.ts";
import { listMeetings, meetingPrograms, teamCaseCount } from "../../../services/meetings.ts";
import { LinkButton } from "../../components/LinkButton.tsx";
import { MeetingTable } from "../../components/meetings/MeetingTable.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/index";

/** Past meetings shown per program (the newest first). */
const PAST = 12;

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "meetings.list.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  if (!hasCapability(ctx.actor.subject, "meeting.view")) throw data({ reason: "forbidden" }, { status: 403 });
  const allPast = new URL(request.url).searchParams.get("past") === "all";
  const programs = await meetingPrograms(ctx);
  const sections = await Promise.all(
    programs.map(async (p) => {
      const [meetings, count] = await Promise.all([orResponse(listMeetings(ctx, p.id)), orResponse(teamCaseCount(ctx, p.id))]);
      return { program: p, upcoming: meetings.upcoming, past: allPast ? meetings.past : meetings.past.slice(0, PAST), morePast: allPast ? 0 : Math.max(0, meetings.past.length - PAST), count };
    }),
  );
  return { sections, canConsult: hasCapability(ctx.actor.subject, "consultation.view") };
}

export default function Meetings({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { sections, canConsult } = loaderData;
  return (
    <VStack gap="space-32">
      <div>
        <Heading level="1" size="large" spacing>
          {t("meetings.list.title")}
        </Heading>
        <BodyShort spacing>{t("meetings.list.intro")}</BodyShort>
        {canConsult ? (
          <BodyShort>
            <AkselLink as={Link} to="/consultations">
              {t("meetings.list.toConsultations")}
            </AkselLink>
          </BodyShort>
        ) : null}
      </div>
      {sections.length === 0 ? <BodyShort>{t("meetings.list.noPrograms")}</BodyShort> : null}
      {sections.map(({ program, upcoming, past, morePast, count }) => {
        const id = `program-${program.id}`;
        return (
          <section key={program.id} aria-labelledby={id}>
            <VStack gap="space-24">
              <HStack justify="space-between" align="end" gap="space-16" wrap>
                <Heading level="2" size="medium" id={id}>
                  {t("meetings.list.programHeading", { program: program.name })}
                </Heading>
                {program.canManage ? (
                  <LinkButton to={`/meetings/schedule/${program.id}`} variant="secondary">
                    {t("meetings.list.schedule")}
                  </LinkButton>
                ) : null}
              </HStack>

              <Box padding="space-16" borderWidth="1" borderRadius="8" borderColor="neutral-subtle" aria-labelledby={`${id}-goal`} as="section">
                <Heading level="3" size="small" id={`${id}-goal`} spacing>
                  {t("meetings.goal.heading", { year: count.year })}
                </Heading>
                <BodyShort spacing size="large" weight="semibold">
                  {t("meetings.goal.total", { total: t.number(count.total), goal: t.number(count.goal) })}
                </BodyShort>
                <BodyShort>
                  {t("meetings.goal.breakdown", { requests: t.number(count.requests), consultations: t.number(count.consultations) })}
                </BodyShort>
                <BodyShort size="small" textColor="subtle">
                  {count.total >= count.goal ? t("meetings.goal.reached") : t("meetings.goal.left", { left: t.number(count.goal - count.total) })}
                </BodyShort>
              </Box>

              <div>
                <Heading level="3" size="small" id={`${id}-upcoming`} spacing>
                  {t("meetings.list.upcoming")}
                </Heading>
                {upcoming.length === 0 ? (
                  <BodyShort>{program.canManage ? t("meetings.list.noUpcomingManage") : t("meetings.list.noUpcoming")}</BodyShort>
                ) : (
                  <MeetingTable meetings={upcoming} labelledBy={`${id}-upcoming`} />
                )}
              </div>

              <div>
                <Heading level="3" size="small" id={`${id}-past`} spacing>
                  {t("meetings.list.past")}
                </Heading>
                {past.length === 0 ? <BodyShort>{t("meetings.list.noPast")}</BodyShort> : <MeetingTable meetings={past} labelledBy={`${id}-past`} />}
                {morePast > 0 ? (
                  <BodyShort>
                    <AkselLink as={Link} to="/meetings?past=all">
                      {t.plural("meetings.list.morePast", morePast)}
                    </AkselLink>
                  </BodyShort>
                ) : null}
              </div>
            </VStack>
          </section>
        );
      })}
    </VStack>
  );
}
