import { BodyShort, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { data, Link, redirect } from "react-router";
import { studyVisitPrograms } from "../../../services/study-visits.ts";
import { requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/study-visits.programs";

// "/study-visits": the way in for case officers (who have no program page). With one program the
// reader goes straight to its study visits; with several they choose.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "studyVisits.title");

export async function loader({ context, request }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const programs = await studyVisitPrograms(ctx);
  if (programs.length === 0) throw data({ reason: "forbidden" }, { status: 403 });
  if (programs.length === 1) throw redirect(`/programs/${programs[0]!.id}/study-visits`);
  return { programs };
}

export default function StudyVisitPrograms({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <VStack gap="space-24">
      <div>
        <Heading level="1" size="large" spacing>
          {t("studyVisits.title")}
        </Heading>
        <BodyShort>{t("studyVisits.programs.intro")}</BodyShort>
      </div>
      <ul>
        {loaderData.programs.map((p) => (
          <li key={p.id}>
            <BodyShort>
              <AkselLink as={Link} to={`/programs/${p.id}/study-visits`}>
                {p.name}
              </AkselLink>
              {p.hasSchedule ? "" : ` (${t("studyVisits.programs.noSchedule")})`}
            </BodyShort>
          </li>
        ))}
      </ul>
    </VStack>
  );
}
