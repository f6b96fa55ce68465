import type { SubmissionResult } from "@conform-to/react";
import { Heading, VStack } from "@navikt/ds-react";
import { redirect } from "react-router";
import { createVenue, listVenues } from "../../../services/schedule.ts";
import { venueSchema } from "../../../services/schemas/schedule.ts";
import { BackLink } from "../../components/admin-forms.tsx";
import { VenueForm } from "../../components/schedule/ScheduleForms.tsx";
import { formAction } from "../../lib/actions.server.ts";
import { orResponse, requireUser } from "../../lib/guards.server.ts";
import { useT } from "../../lib/i18n.ts";
import { pageTitle } from "../../lib/meta.ts";
import type { Route } from "./+types/venue.new";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "venues.newTitle");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { ctx } = requireUser(context, request);
  const { program, canManage } = await orResponse(listVenues(ctx, params.programId));
  if (!canManage) throw new Response(null, { status: 403 });
  return { program };
}

export async function action({ context, request, params }: Route.ActionArgs): Promise<{ result: SubmissionResult<string[]> } | Response> {
  const { ctx } = requireUser(context, request);
  const result = await formAction(await request.formData(), venueSchema, async (value) => {
    const { id } = await createVenue(ctx, params.programId, value);
    return redirect(`/venues/${id}?done=created`);
  });
  return result instanceof Response ? result : { result };
}

export default function NewVenuePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { program } = loaderData;
  return (
    <VStack gap="space-24">
      <div>
        <BackLink to={`/programs/${program.id}/venues`}>{t("venues.backTo")}</BackLink>
        <Heading level="1" size="large">
          {t("venues.newTitle")}
        </Heading>
      </div>
      <VenueForm lastResult={actionData?.result} defaultValue={{}} submitLabel={t("venues.create")} />
    </VStack>
  );
}
