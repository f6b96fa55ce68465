import { BodyShort, Heading, Link as AkselLink, VStack } from "@navikt/ds-react";
import { Link } from "react-router";
import { listVenues } from "../../../services/schedule.ts";
import { ACCESSIBILITY_ITEMS } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { LinkButton } from "../../components/LinkButton.tsx";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/venues";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "venues.title");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  return orResponse(listVenues(ctx, params.programId));
}

export default function VenuesPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { program, venues, canManage } = loaderData;
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={`/programs/${program.id}/schedule`}>{t("schedule.backTo", { program: program.name })}</BackLink>
        <Heading level="1" size="large" spacing>
          {t("venues.heading", { program: program.name })}
        </Heading>
        <BodyShort>{t("venues.intro")}</BodyShort>
      </div>
      {venues.length === 0 ? (
        <BodyShort>{t("venues.none")}</BodyShort>
      ) : (
        <ul>
          {venues.map((v) => {
            const known = ACCESSIBILITY_ITEMS.filter((i) => v.accessibility[i].status !== "unknown").length;
            return (
              <li key={v.id}>
                <AkselLink as={Link} to={`/venues/${v.id}`}>
                  {v.name}
                </AkselLink>
                {v.address ? `, ${v.address}` : ""} · {t("venues.summary", { rooms: v.rooms.filter((r) => !r.archived).length, known, total: ACCESSIBILITY_ITEMS.length })}
                {v.archived ? ` (${t("venues.archived")})` : ""}
              </li>
            );
          })}
        </ul>
      )}
      {canManage ? (
        <div>
          <LinkButton to={`/programs/${program.id}/venues/new`}>{t("venues.new")}</LinkButton>
        </div>
      ) : null}
    </VStack>
  );
}
