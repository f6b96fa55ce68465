import { BodyShort, Heading, HStack, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { addDays, isValidDate, isoWeek, weekdayOf } from "../../../domain/calendar.ts";
import { isoToday } from "../../../services/context.ts";
import { participantSchedule } from "../../../services/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { WeekList } from "../../components/schedule/ScheduleViews.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/participant";

// One participant's week: the sessions they are expected at (through their group that day, or listed).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "schedule.participant.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const today = isoToday(ctx.now());
  const asked = new URL(request.url).searchParams.get("week") ?? "";
  const date = isValidDate(asked) ? asked : today;
  const monday = addDays(date, 1 - weekdayOf(date));
  const page = await orResponse(participantSchedule(ctx, params.personId, monday, addDays(monday, 6)));
  return { page, monday, week: isoWeek(monday).week, current: addDays(today, 1 - weekdayOf(today)) };
}

export default function ParticipantSchedulePage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { page, monday, week, current } = loaderData;
  const who = page.person.name ?? page.person.reference;
  const base = `/people/${page.person.id}/schedule`;
  return (
    <VStack gap="space-24">
      <div>
        <div className="schedule-no-print">
          <BackLink to={`/people/${page.person.id}`}>{who}</BackLink>
        </div>
        <Heading level="1" size="large" spacing>
          {t("schedule.participant.heading", { person: who })}
        </Heading>
        <BodyShort>{t("schedule.week.title", { week, from: t.date(page.from, "long"), to: t.date(page.to, "long") })}</BodyShort>
      </div>
      <nav aria-label={t("schedule.nav.label")} className="schedule-no-print">
        <HStack gap="space-16" wrap>
          <AkselLink as={Link} to={`${base}?week=${addDays(monday, -7)}`}>{t("schedule.nav.prevWeek")}</AkselLink>
          <AkselLink as={Link} to={`${base}?week=${current}`}>{t("schedule.nav.thisWeek")}</AkselLink>
          <AkselLink as={Link} to={`${base}?week=${addDays(monday, 7)}`}>{t("schedule.nav.nextWeek")}</AkselLink>
        </HStack>
      </nav>
      <WeekList page={page} />
    </VStack>
  );
}
