import { BodyShort, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { data, Link, redirect } from "react-router";
import { schedulePrograms } from "../../../services/schedule.ts";
import { requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/schedule.programs";

// "/schedule": with one program straight to its schedule; with several the reader chooses.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "schedule.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const programs = await schedulePrograms(ctx);
  if (programs.length === 0) throw data({ reason: "forbidden" }, { status: 403 });
  const search = new URL(request.url).search;
  if (programs.length === 1) throw redirect(`/programs/${programs[0]!.id}/schedule${search}`);
  return { programs };
}

export default function SchedulePrograms({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <VStack gap="space-24">
      <Heading level="1" size="large">
        {t("schedule.title")}
      </Heading>
      <BodyShort>{t("schedule.programs.intro")}</BodyShort>
      <ul>
        {loaderData.programs.map((p) => (
          <li key={p.id}>
            <AkselLink as={Link} to={`/programs/${p.id}/schedule`}>
              {p.name}
            </AkselLink>
          </li>
        ))}
      </ul>
    </VStack>
  );
}
